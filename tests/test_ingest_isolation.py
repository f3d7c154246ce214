"""One bad input is one skipped input (issue 10, defects 2-4).

Each test here failed before its fix: a deep JSON or a WARC record without a target URI ended
the whole ingest with a traceback (losing the unflushed batch), a named pipe made ingest wait
forever, an unreadable folder was passed over in silence, and a store that refused one document
lost the batch.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_bad_input import ARTICLE, read

from cronaca.ingest.run import ingest
from cronaca.store.sqlite import SQLiteStore


def _article(n: int) -> str:
    return ARTICLE.replace("Bruxelles sulla difesa", f"Bruxelles sulla difesa numero {n}")


def _ingest(paths, db_path, **kw):
    with SQLiteStore(db_path) as store:
        report = ingest([str(p) for p in paths], store, **kw)
        titles = [r[0] for r in store.conn.execute("SELECT title FROM articles ORDER BY title")]
    return report, titles


def test_deeply_nested_json_is_one_skipped_input_and_the_batch_goes_on(tmp_path, db_path):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text(_article(1), encoding="utf-8")
    (tmp_path / "b.json").write_text("[" * 2000 + "]" * 2000, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"title": "Riga buona", "text": ARTICLE}) + "\n"
        + '{"title": "profonda", "text": ' + "[" * 2000 + "]" * 2000 + "}\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(_article(2), encoding="utf-8")
    report, titles = _ingest([tmp_path], db_path)
    assert report.stored == 3 and len(titles) == 3
    reasons = {Path(f.origin).name: f.reason for f in report.skipped}
    assert set(reasons) == {"b.json", "c.jsonl#line=2"}
    assert all("nested too deeply" in r for r in reasons.values())


def test_warc_response_without_target_uri_is_skipped_and_the_next_record_read(tmp_path):
    from test_readers import warc_bytes

    data = warc_bytes(compress=False)
    # drop the target URI of the first response record (the second record of the file)
    first = data.index(b"WARC-Type: response")
    uri = data.index(b"WARC-Target-URI:", first)
    end = data.index(b"\r\n", uri) + 2
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:uri] + data[end:])
    docs, failures = read(path)
    assert len(docs) == 1 and docs[0].origin.endswith("#record=5")
    [failure] = failures
    assert failure.origin == f"{path}#record=2"
    assert "without a WARC-Target-URI" in failure.reason


def test_uncompressed_warc_cut_inside_a_record_stores_no_partial_page(tmp_path):
    from test_readers import warc_bytes

    data = warc_bytes(compress=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: len(data) - 400])  # inside the last page's HTML
    docs, failures = read(path)
    assert [d.origin for d in docs] == [f"{path}#record=2"]
    [failure] = failures
    assert failure.origin == f"{path}#record=5" and "truncated WARC record" in failure.reason


def _run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from cronaca.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipes_are_skipped_not_waited_for(tmp_path, db_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.txt").write_text(_article(1), encoding="utf-8")
    os.mkfifo(folder / "in-folder")
    os.mkfifo(tmp_path / "named")
    done = _run_cli("ingest", "--db", str(db_path), str(folder), str(tmp_path / "named"))
    assert done.returncode == 1, done.stderr
    assert f"{folder / 'in-folder'}: not a regular file but a named pipe" in done.stdout
    assert f"{tmp_path / 'named'}: a named pipe with nothing writing to it" in done.stdout
    assert "stored 1" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_with_a_writer_is_read(tmp_path, db_path):
    pipe = tmp_path / "feed"
    os.mkfifo(pipe)
    source = tmp_path / "article.txt"
    source.write_text(_article(3), encoding="utf-8")
    # the writer waits in open() for a reader, as `producer > pipe & cronaca ingest pipe` does
    writer = subprocess.Popen(["sh", "-c", f"cat '{source}' > '{pipe}'"])
    try:
        report, titles = _ingest([pipe], db_path)
    finally:
        writer.wait(10)
    assert report.stored == 1 and not report.skipped


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch, db_path):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(_article(1), encoding="utf-8")
    (tmp_path / "chiusa").mkdir()
    (tmp_path / "chiusa" / "b.txt").write_text(_article(2), encoding="utf-8")
    closed = str(tmp_path / "chiusa")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == closed:
            raise PermissionError(13, "Permission denied", closed)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report, titles = _ingest([tmp_path], db_path)
    assert report.stored == 1
    [failure] = report.skipped
    assert failure.origin == closed and failure.reason == "cannot list this folder: Permission denied"


def test_a_symlink_loop_is_reported_once_and_the_rest_read(tmp_path, db_path):
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(_article(1), encoding="utf-8")
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    report, titles = _ingest([tmp_path], db_path)
    assert report.stored == 1
    reasons = {Path(f.origin).name: f.reason for f in report.skipped}
    assert reasons["up"].startswith("symlink loop: leads back to")
    assert reasons["l1"].startswith("cannot read: symlink loop")


class _Picky(SQLiteStore):
    """A store that refuses documents whose title contains 'rifiuta' (as a real store refuses
    a value it cannot encode)."""

    def add_documents(self, docs):
        if any("rifiuta" in (d.article.title or "") for d in docs):
            raise ValueError("cannot encode this title")
        return super().add_documents(docs)


def test_a_document_the_store_refuses_is_skipped_and_its_batch_stored(tmp_path, db_path):
    (tmp_path / "in").mkdir()
    for n in range(4):
        (tmp_path / "in" / f"{n}.txt").write_text(_article(n), encoding="utf-8")
    (tmp_path / "in" / "x.txt").write_text(ARTICLE.replace("Vertice", "Vertice rifiuta"), encoding="utf-8")
    with _Picky(db_path) as store:
        report = ingest([str(tmp_path / "in")], store, batch_size=10)
    assert report.stored == 4
    [failure] = report.skipped
    assert Path(failure.origin).name == "x.txt" and failure.stage == "cronaca.store"
    assert "cannot be stored: ValueError: cannot encode this title" == failure.reason


def killer_stage(doc):
    """A stage whose worker dies on one input, as a crash in native code or the OOM killer
    would end it."""
    if "UCCIDI" in doc.article.text:
        os.kill(os.getpid(), 9)
    return doc


def test_a_worker_dying_on_one_input_skips_that_input_only(tmp_path, db_path):
    from cronaca.pipeline import Options, StageSpec, register

    register(StageSpec("tests.killer.v1", "test_ingest_isolation:killer_stage"))
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(_article(n), encoding="utf-8")
    (folder / "3.txt").write_text(_article(3).replace("martedì", "martedì UCCIDI"), encoding="utf-8")
    with SQLiteStore(db_path) as store:
        report = ingest([str(folder)], store, Options(stages=("tests.killer.v1",)), batch_size=2,
                        jobs=2)
    assert report.stored == 4
    [failure] = report.skipped
    assert Path(failure.origin).name == "3.txt" and failure.stage == "cronaca.worker"
    assert failure.reason.startswith("the worker process handling it died")
