"""A knowledge base for the web tests, built by the real pipeline, and a live server for it.

The team's demo corpus (``cronaca/demo/corpus``) plus a few hostile records written for these
tests: titles, texts, outlets and URLs carrying ``<script>``, event-handler attributes,
``javascript:`` URLs and HTML entities. Every page that shows them must render them inert.
Texts are short Italian pieces written for the tests, in the style of the seeds.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "cronaca" / "demo" / "corpus"


#: Payloads that would set ``window.__pwned`` (or open a dialog) if any of them ran.
HOSTILE_TITLE = 'Vertice a Vienna <script>window.__pwned="title"</script> & “garanzie”'
HOSTILE = [
    {
        "url": "javascript:window.__pwned='url'",
        "title": HOSTILE_TITLE,
        "published": "2022-01-13",
        "outlet": "<b onmouseover=\"window.__pwned='outlet'\">evil.example</b>",
        "text": (
            "Vienna, 13 gennaio 2022. Il ministro degli Esteri russo Sergej Lavrov ha incontrato "
            "a Vienna il segretario di Stato Antony Blinken <img src=x onerror=\"window.__pwned='img'\">.\n"
            "«Non accetteremo ultimatum <script>window.__pwned='quote'</script>», ha detto Lavrov "
            "ai giornalisti.\n"
            "Blinken ha affermato che gli Stati Uniti &lt;b&gt;restano aperti&lt;/b&gt; al dialogo "
            "&amp; alla diplomazia \"><svg onload=alert(1)>.\n"
        ),
    },
    {
        "url": "https://www.esempio-notizie.it/esteri/2022/01/14/osce-vienna",
        "title": "L'OSCE a Vienna: <a href=\"javascript:alert(2)\">clicca qui</a>",
        "published": "2022-01-14",
        "outlet": "esempio-notizie.it",
        "text": (
            "Vienna, 14 gennaio 2022. Il Consiglio permanente dell'OSCE si è riunito a Vienna "
            "per discutere della sicurezza europea.\n"
            "Il presidente di turno Zbigniew Rau ha detto che l'Europa vive il rischio di guerra "
            "più alto degli ultimi trent'anni <iframe src=\"javascript:alert(3)\"></iframe>.\n"
            "Secondo la delegazione russa, la NATO deve rispondere per iscritto alle proposte di Mosca.\n"
        ),
    },
]


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in HOSTILE) + "\n",
                    encoding="utf-8")
    return path


def build_store(db_path: Path | str, work: Path, *, demo: bool = True) -> dict:
    """Ingest the demo corpus and the hostile records into ``db_path`` (a file or a PostgreSQL
    URL), then link.

    Returns what the tests need to know about the result (the documents, whether linked).
    """
    from cronaca.ingest.formats import read_paths
    from cronaca.pipeline import process_batch
    from cronaca.store.base import open_store
    from cronaca.types import RawDocument

    paths = [str(write_hostile(work))]
    if demo and DEMO.is_dir():
        paths.insert(0, str(DEMO))
    raws = [r for r in read_paths(paths) if isinstance(r, RawDocument)]
    result = process_batch(raws)
    docs = [_keep_hostile_url(d) for d in result.documents]
    store = open_store(str(db_path))
    try:
        store.add_documents(docs)
        linked = link(store)
    finally:
        store.close()
    return {"documents": docs, "failures": result.failures, "linked": linked}


def _keep_hostile_url(doc):
    """The cleaner rightly drops a ``javascript:`` URL; a store written by another tool might not,
    so the hostile article keeps it here and the pages must still never make it a link."""
    from dataclasses import replace

    if doc.article.title == HOSTILE_TITLE and not doc.article.url:
        return replace(doc, article=replace(doc.article, url=HOSTILE[0]["url"]))
    return doc


def link(store) -> bool:
    """Run the linker over the store: stories, duplicates, merged events."""
    from cronaca.link.incremental import link as run_link

    run_link(store)
    return True


class Server:
    """The real application under uvicorn on a free localhost port, in a background thread."""

    def __init__(self, db_path: Path) -> None:
        import socket
        import threading

        import uvicorn

        from cronaca.web.app import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        config = uvicorn.Config(create_app(db_path), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        import time

        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
