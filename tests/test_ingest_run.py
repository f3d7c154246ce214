"""The ingest job: counts, one write per batch, restartable, the same with a process pool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cronaca.ingest.run as run
from cronaca.ids import article_id
from cronaca.ingest.run import IngestProgress, ingest
from cronaca.pipeline import BatchResult, Options
from cronaca.store.base import AddResult, open_store
from cronaca.types import Article, Document, Failure

NO_NLP = Options(stages=())

PLACES = ["Ankara", "Vienna", "Ginevra", "Helsinki", "Varsavia", "Bruxelles", "Madrid", "Praga"]


def article_text(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (
        f" date 2022-0{1 + n % 9} https://notizie.example.it/2022/articolo-{n}\n\n"
        f"Incontro numero {n} a {place} sulla sicurezza europea\n\n"
        f"I rappresentanti dei governi si sono visti a {place} per il {n}° incontro "
        "dedicato al controllo degli armamenti e alla stabilità della regione.\n"
        f"Secondo il portavoce, il prossimo appuntamento è previsto a {place} in primavera.\n"
    )


def make_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"art-{n:03d}.txt").write_text(article_text(n), encoding="utf-8")
    return folder


class MemoryStore:
    """The Store protocol's writing half, in memory, recording each transaction."""

    def __init__(self) -> None:
        self.articles: dict[str, Document] = {}
        self.raw: set[str] = set()
        self.transactions: list[int] = []

    def seen_raw(self, hashes):
        return self.raw.intersection(hashes)

    def add_documents(self, docs):
        self.transactions.append(len(docs))
        stored = 0
        for doc in docs:
            self.raw.add(doc.article.raw_hash)
            if doc.id not in self.articles:
                self.articles[doc.id] = doc
                stored += 1
        return AddResult(stored, len(docs) - stored)

    def close(self) -> None:
        pass


def fake_process_batch(raws, options=Options()):
    """A trivial cleaner: the body is the text; 'ROTTO' makes the cleaner fail."""
    result = BatchResult()
    for raw in raws:
        if "ROTTO" in raw.text:
            result.failures.append(Failure(raw.origin, "cannot clean", "cronaca.clean"))
            continue
        body = raw.text.strip()
        article = Article(article_id(None, body), raw.origin, raw.raw_hash, raw.format, body)
        result.documents.append(Document(article))
    return result


@pytest.fixture
def fake_pipeline(monkeypatch):
    """The stages replaced in this process (so these tests ingest with jobs=1: workers would
    run the real ones)."""
    monkeypatch.setattr(run, "process_batch", fake_process_batch)


def test_counts_cover_read_stored_duplicates_and_skipped(tmp_path, fake_pipeline):
    corpus = make_corpus(tmp_path / "c", 5)
    (corpus / "copia.txt").write_text(article_text(0) + "\n", encoding="utf-8")  # same content
    (corpus / "rotto.txt").write_text("ROTTO\n", encoding="utf-8")
    (corpus / "vuoto.txt").write_bytes(b"")
    store = MemoryStore()
    report = ingest([str(corpus)], store, batch_size=3, jobs=1)
    assert (report.read, report.stored, report.duplicates, report.already_seen) == (7, 5, 1, 0)
    assert {Path(f.origin).name for f in report.skipped} == {"rotto.txt", "vuoto.txt"}
    assert not report.ok
    assert report.elapsed > 0


def test_each_batch_is_one_write(tmp_path, fake_pipeline):
    store = MemoryStore()
    ingest([str(make_corpus(tmp_path / "c", 7))], store, batch_size=3, jobs=1)
    assert store.transactions == [3, 3, 1]


def test_progress_is_reported_after_every_batch(tmp_path, fake_pipeline):
    seen: list[IngestProgress] = []
    ingest([str(make_corpus(tmp_path / "c", 5))], MemoryStore(), batch_size=2, jobs=1,
           progress=seen.append)
    assert [p.read for p in seen] == [2, 4, 5]
    assert seen[-1].stored == 5


def test_interrupted_ingest_resumes_and_stores_every_article_once(tmp_path, fake_pipeline):
    corpus = make_corpus(tmp_path / "c", 10)
    store = MemoryStore()

    def interrupt(p: IngestProgress) -> None:
        if p.read >= 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([str(corpus)], store, batch_size=3, jobs=1, progress=interrupt)
    assert len(store.articles) == 6  # two whole batches committed before the interruption
    report = ingest([str(corpus)], store, batch_size=3, jobs=1)
    assert (report.already_seen, report.stored) == (6, 4)
    assert len(store.articles) == 10


def test_the_same_bytes_twice_in_one_run_are_read_once(tmp_path, fake_pipeline):
    corpus = make_corpus(tmp_path / "c", 2)
    (tmp_path / "altra").mkdir()
    (tmp_path / "altra" / "art-000.txt").write_bytes((corpus / "art-000.txt").read_bytes())
    report = ingest([str(corpus), str(tmp_path / "altra")], MemoryStore(), jobs=1)
    assert (report.read, report.stored, report.already_seen) == (3, 2, 1)


def test_real_store_and_cleaner_rerun_adds_nothing(tmp_path, db_path):
    corpus = make_corpus(tmp_path / "c", 4)
    store = open_store(str(db_path))
    try:
        first = ingest([str(corpus)], store, NO_NLP)
        again = ingest([str(corpus)], store, NO_NLP)
        assert (first.read, first.stored, first.skipped) == (4, 4, [])
        assert (again.already_seen, again.stored) == (4, 0)
        assert store.count_articles() == 4
    finally:
        store.close()


def test_same_article_from_another_container_is_a_duplicate(tmp_path, db_path):
    corpus = make_corpus(tmp_path / "c", 1)
    text = article_text(0)
    title = text.split("\n\n")[1]
    body = text.split("\n\n", 2)[2]
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"url": "https://notizie.example.it/2022/articolo-0",
                                "title": title, "text": body}) + "\n", encoding="utf-8")
    store = open_store(str(db_path))
    try:
        report = ingest([str(corpus), str(dump)], store, NO_NLP)
    finally:
        store.close()
    assert (report.read, report.stored, report.duplicates) == (2, 1, 1)


@pytest.mark.slow
def test_process_pool_stores_the_same_as_one_process(tmp_path):
    corpus = make_corpus(tmp_path / "c", 12)
    (corpus / "vuoto.txt").write_bytes(b"")
    results = []
    for jobs in (1, 2):
        store = open_store(str(tmp_path / f"kb{jobs}.db"))
        try:
            report = ingest([str(corpus)], store, NO_NLP, batch_size=4, jobs=jobs)
            ids = sorted(doc.id for doc in store.iter_documents())
        finally:
            store.close()
        results.append((report.read, report.stored, len(report.skipped), ids))
    assert results[0] == results[1]
    assert results[0][:3] == (12, 12, 1)
