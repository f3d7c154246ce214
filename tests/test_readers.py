"""Readers: every input format a user has becomes raw documents with the right text and metadata."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cronaca.ids import raw_hash
from cronaca.ingest.formats import detect, read_paths
from cronaca.types import Failure, RawDocument

TITLE = "Colloqui ad Antalya tra i ministri degli Esteri"
BODY = (
    "Il ministro degli Esteri turco ha ospitato giovedì ad Antalya un incontro tra le "
    "delegazioni di Mosca e Kiev, il primo a questo livello da mesi.\n"
    "Secondo fonti diplomatiche, le parti hanno parlato di corridoi umanitari e di una tregua.\n"
    "«Continueremo a lavorare per la pace», ha detto il ministro al termine della riunione."
)
TEXT_FILE = f" date 2022-03 https://notizie.example.it/2022/03/10/colloqui\n\n{TITLE}\n\n{TITLE}\n\n{BODY}\n"

PAGE = f"""<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8">
<title>{TITLE} | Notizie Esempio</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Notizie Esempio">
{{date_markup}}
<link rel="canonical" href="https://notizie.example.it/esteri/colloqui-antalya">
</head><body>
<nav><a href="/">Home</a> <a href="/esteri">Esteri</a> <a href="/sport">Sport</a></nav>
<article><h1>{TITLE}</h1>
{"".join(f"<p>{line}</p>" for line in BODY.splitlines())}
</article>
<section class="comments"><h3>Commenti</h3><p>Marco: articolo interessante, grazie.</p></section>
<footer>Aggiornato il 12 marzo 2022 alle 10:00. Tutti i diritti riservati.</footer>
</body></html>"""


def docs(items) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def fails(items) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("name, head, expected", [
    ("a.txt", b" date 2022-03 https://x.it/a\n\nTitolo", "text"),
    ("a", b"Titolo\n\nCorpo dell'articolo.", "text"),
    ("a.html", b"<p>Corpo</p>", "html"),
    ("a.txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("pagina", b"<html lang='it'><body>", "html"),
    ("a.jsonl", b'{"title": "x", "text": "y"}\n', "jsonl"),
    ("dump", b'{"title": "x", "text": "y"}\n{"title": "z"}', "jsonl"),
    ("a.json", b'{\n  "title": "x",\n  "maintext": "y"\n}', "json"),
    ("a.json", b'[{"title": "x"}]', "json"),
    ("crawl.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    ("misnamed.txt", b"WARC/1.1\r\n", "warc"),
    ("a.jsonl.gz", b'{"a": 1}\n', "jsonl"),
])
def test_format_is_detected_by_content_and_extension(name, head, expected):
    assert detect(name, head) == expected


def test_plain_text_is_read_as_written_with_its_raw_hash(tmp_path):
    path = write(tmp_path / "articolo.txt", TEXT_FILE)
    [doc] = read_paths([str(path)])
    assert doc.text == TEXT_FILE
    assert doc.format == "text"
    assert doc.origin == str(path)
    assert doc.raw_hash == raw_hash(path.read_bytes())


def test_gzipped_text_reads_like_the_plain_file(tmp_path):
    write(tmp_path / "a.txt", TEXT_FILE)
    write(tmp_path / "b.txt.gz", gzip.compress(TEXT_FILE.encode("utf-8")))
    a, b = docs(read_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt.gz")]))
    assert a.text == b.text


def test_html_page_gives_title_line_then_body_and_markup_date(tmp_path):
    markup = '<meta property="article:published_time" content="2022-03-10T18:30:00+01:00">'
    path = write(tmp_path / "pagina.html", PAGE.replace("{date_markup}", markup))
    [doc] = read_paths([str(path)])
    lines = doc.text.splitlines()
    assert lines[0] == TITLE
    assert lines.count(TITLE) == 1  # the <h1> is the title, not a second copy
    assert BODY.splitlines()[0] in lines and BODY.splitlines()[-1] in lines
    assert "Marco: articolo interessante" not in doc.text  # comments are not the article
    assert "Sport" not in doc.text
    assert doc.metadata["title"] == TITLE
    assert doc.metadata["published"] == "2022-03-10T18:30:00+01:00"
    assert doc.metadata["url"] == "https://notizie.example.it/esteri/colloqui-antalya"
    assert doc.metadata["outlet"] == "Notizie Esempio"
    assert doc.metadata["language"] == "it"


@pytest.mark.parametrize("markup, expected", [
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
     '[{"@type": "NewsArticle", "headline": "x", "datePublished": "2022-03-09"}]}</script>',
     "2022-03-09"),
    ('<meta itemprop="datePublished" content="2022-03-08">', "2022-03-08"),
])
def test_html_date_comes_from_explicit_markup(tmp_path, markup, expected):
    path = write(tmp_path / "p.html", PAGE.replace("{date_markup}", markup))
    [doc] = read_paths([str(path)])
    assert doc.metadata["published"] == expected


def test_time_element_inside_the_article_is_trusted(tmp_path):
    page = PAGE.replace("{date_markup}", "").replace(
        "<article>", '<article><time datetime="2022-03-07">7 marzo</time>')
    [doc] = read_paths([str(write(tmp_path / "p.html", page))])
    assert doc.metadata["published"] == "2022-03-07"


def test_html_without_date_markup_gets_no_guessed_date(tmp_path):
    [doc] = read_paths([str(write(tmp_path / "p.html", PAGE.replace("{date_markup}", "")))])
    assert "published" not in doc.metadata  # trafilatura would guess 12 March from the footer


def test_jsonl_fields_are_mapped_to_canonical_keys_and_unknown_fields_kept(tmp_path):
    record = {"link": "https://notizie.example.it/a", "headline": TITLE, "content": BODY,
              "pubDate": "Thu, 10 Mar 2022 18:30:00 +0100",
              "source": {"id": None, "name": "Esempio"},
              "categoria": "esteri", "tags": ["Turchia", "diplomazia"]}
    line = json.dumps(record, ensure_ascii=False)
    path = write(tmp_path / "dump.jsonl", line + "\n")
    [doc] = read_paths([str(path)])
    assert doc.origin == f"{path}#line=1"
    assert doc.format == "jsonl"
    assert doc.raw_hash == raw_hash(line.encode("utf-8"))
    assert doc.text == f"{TITLE}\n\n{BODY}"  # the title line first, then the body
    assert doc.metadata == {"url": "https://notizie.example.it/a", "title": TITLE,
                            "published": "Thu, 10 Mar 2022 18:30:00 +0100", "outlet": "Esempio",
                            "categoria": "esteri", "tags": ["Turchia", "diplomazia"]}


def test_jsonl_text_already_starting_with_the_title_is_not_given_it_twice(tmp_path):
    line = json.dumps({"title": TITLE, "text": f"{TITLE}\n\n{BODY}"})
    [doc] = read_paths([str(write(tmp_path / "d.ndjson", line))])
    assert doc.text.splitlines().count(TITLE) == 1


def test_jsonl_record_with_html_goes_through_the_html_extractor(tmp_path):
    page = PAGE.replace("{date_markup}", "")
    line = json.dumps({"url": "https://n.example.it/x", "html": page, "published": "2022-03-10"})
    [doc] = read_paths([str(write(tmp_path / "d.jsonl", line))])
    assert doc.text.splitlines()[0] == TITLE
    assert BODY.splitlines()[1] in doc.text
    assert doc.metadata["url"] == "https://n.example.it/x"  # the record's own value wins
    assert doc.metadata["published"] == "2022-03-10"
    assert doc.metadata["outlet"] == "Notizie Esempio"


def test_news_please_json_file_and_json_array(tmp_path):
    article = {"title": TITLE, "maintext": BODY, "date_publish": "2022-03-10 18:30:00",
               "source_domain": "notizie.example.it", "language": "it", "authors": ["Redazione"]}
    single = write(tmp_path / "np" / "a.json", json.dumps(article, indent=2))
    array = write(tmp_path / "arr.json", json.dumps([article, {"title": "solo"}]))
    items = list(read_paths([str(single), str(array)]))
    first, second = docs(items)
    assert first.origin == str(single)
    assert first.metadata["published"] == "2022-03-10 18:30:00"
    assert first.metadata["outlet"] == "notizie.example.it"
    assert first.metadata["authors"] == ["Redazione"]
    assert second.origin == f"{array}#record=1"
    [bad] = fails(items)
    assert bad.origin == f"{array}#record=2" and "no text or html" in bad.reason


def warc_bytes(compress: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    page = PAGE.replace("{date_markup}", "").replace(
        '<link rel="canonical" href="https://notizie.example.it/esteri/colloqui-antalya">', "")
    uri = "https://notizie.example.it/2022/03/10/colloqui"

    def response(target, status, ctype, body):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        return writer.create_warc_record(target, "response", payload=io.BytesIO(body),
                                         http_headers=headers)

    writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(
        b"GET / HTTP/1.1\r\nHost: notizie.example.it\r\n\r\n")))
    writer.write_record(response(uri, "200 OK", "text/html; charset=UTF-8", page.encode()))
    writer.write_record(response("https://notizie.example.it/", "301 Moved", "text/html", b""))
    writer.write_record(response("https://notizie.example.it/logo.png", "200 OK", "image/png",
                                 b"\x89PNG\r\n\x1a\n\x00"))
    latin = page.replace(TITLE, "Città e società").encode("latin-1")
    writer.write_record(response(uri + "-bis", "200 OK", "text/html; charset=ISO-8859-1", latin))
    return out.getvalue()


@pytest.mark.parametrize("name, compress", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_yields_the_html_responses_only(tmp_path, name, compress):
    path = write(tmp_path / name, warc_bytes(compress))
    items = list(read_paths([str(path)]))
    assert not fails(items)  # requests, redirects and images are not failures
    first, second = docs(items)
    assert first.origin == f"{path}#record=2"
    assert first.format == "warc"
    assert first.text.splitlines()[0] == TITLE
    assert first.metadata["url"] == "https://notizie.example.it/2022/03/10/colloqui"
    assert first.metadata["crawled"]  # the crawl date is kept, but never as the publication date
    assert "published" not in first.metadata
    assert second.text.startswith("Città e società")


def test_folders_globs_and_repeated_paths(tmp_path):
    write(tmp_path / "corpus" / "2022" / "a.txt", TEXT_FILE)
    write(tmp_path / "corpus" / "b.txt", TEXT_FILE.replace("giovedì", "venerdì"))
    write(tmp_path / "corpus" / ".nascosto" / "c.txt", TEXT_FILE)
    write(tmp_path / "corpus" / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    corpus = tmp_path / "corpus"
    items = list(read_paths([str(corpus), str(corpus / "b.txt"), str(corpus / "**" / "*.txt")]))
    assert not fails(items)
    assert [Path(d.origin).name for d in docs(items)] == ["b.txt", "a.txt"]


def test_standard_input_is_read_with_format_detection():
    lines = "\n".join(json.dumps({"title": f"Titolo {n}", "text": BODY}) for n in range(3))
    items = list(read_paths(["-"], stdin=io.BytesIO(gzip.compress(lines.encode()))))
    assert [d.origin for d in docs(items)] == [f"<stdin>#line={n}" for n in (1, 2, 3)]


def test_utf16_json_lines_from_windows_tools(tmp_path):
    lines = "\r\n".join(json.dumps({"title": "Città", "text": BODY}, ensure_ascii=False)
                        for _ in range(2))
    path = write(tmp_path / "export.jsonl", lines.encode("utf-16"))
    items = list(read_paths([str(path)]))
    assert [d.metadata["title"] for d in docs(items)] == ["Città", "Città"]
