"""Hard limits per article (issue 10, defect 6): over-long texts, oversized pages and inputs
beyond what any --max-bytes allows are skipped with the limit in the reason, and an article that
takes too long is stopped. Peak memory and speed are measured by bench/limits_bench.py."""

from __future__ import annotations

import time

import pytest
from test_bad_input import ARTICLE, only_failure

from cronaca.errors import TooSlowInput
from cronaca.ingest.formats import read_paths
from cronaca.limits import MAX_INPUT_BYTES, MAX_PAGE_CHARS, MAX_TEXT_CHARS, deadline
from cronaca.pipeline import Options, StageSpec, process_batch, register
from cronaca.types import RawDocument


def test_a_text_over_the_article_limit_is_skipped_before_any_stage(tmp_path):
    path = tmp_path / "riga.txt"
    path.write_text("Titolo\n\n" + "parola " * (MAX_TEXT_CHARS // 7 + 10) + "\n", encoding="utf-8")
    reason = only_failure(path).reason
    assert reason.startswith("text of ") and f"over the {MAX_TEXT_CHARS:,}" in reason


def test_an_html_page_over_the_parse_limit_is_not_parsed(tmp_path):
    path = tmp_path / "pagina.html"
    body = "<p>" + "parola " * 100 + "</p>"
    path.write_text("<html><body>" + body * (MAX_PAGE_CHARS // len(body) + 5) + "</body></html>",
                    encoding="utf-8")
    reason = only_failure(path, max_bytes=4 * MAX_PAGE_CHARS).reason
    assert reason.startswith("HTML page of ") and "to parse" in reason


def test_max_bytes_cannot_raise_the_input_limit_without_bound(tmp_path):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as out:
        out.write(b"Titolo\n\n")
        for _ in range(MAX_INPUT_BYTES // (1 << 20) + 1):
            out.write(b"parola " * ((1 << 20) // 7))
    reason = only_failure(path, max_bytes=200 * 1024 * 1024).reason
    assert reason.startswith("too large") and "the most --max-bytes allows" in reason


def test_process_batch_refuses_a_text_over_its_limit():
    raw = RawDocument("lungo.txt", ARTICLE * 50, "text", "h")
    result = process_batch([raw, RawDocument("breve.txt", ARTICLE, "text", "h2")],
                           Options(stages=(), max_chars=1000))
    assert [d.article.origin for d in result.documents] == ["breve.txt"]
    [failure] = result.failures
    assert failure.origin == "lungo.txt" and "over the 1,000 that one article may have" in failure.reason


def slow_stage(doc):
    """A stage that never finishes on articles about Brussels, and swallows every Exception."""
    if "Bruxelles" in doc.article.text:
        try:
            while True:
                time.sleep(0.01)
        except Exception:  # noqa: BLE001 - what a careless stage might do
            pass
    return doc


register(StageSpec("tests.slow.v1", "test_limits:slow_stage"))


def test_an_article_over_the_time_limit_is_stopped_and_the_batch_goes_on():
    slow = RawDocument("lento.txt", ARTICLE, "text", "h1")
    quick = RawDocument("veloce.txt", ARTICLE.replace("Bruxelles", "Parigi"), "text", "h2")
    started = time.monotonic()
    result = process_batch([slow, quick], Options(stages=("tests.slow.v1",), max_seconds=0.3))
    assert time.monotonic() - started < 10
    assert [d.article.origin for d in result.documents] == ["veloce.txt"]
    [failure] = result.failures
    assert failure.origin == "lento.txt" and failure.stage == "tests.slow.v1"
    assert failure.reason.startswith("processing took longer than 0.3 s")


def test_deadline_leaves_an_outer_timer_alone():
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with deadline(0.05, "x"):
            time.sleep(0.1)  # the outer timer is armed: no deadline of ours, no TooSlowInput
        time.sleep(0.3)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    with pytest.raises(TooSlowInput):
        with deadline(0.05, "x"):
            time.sleep(1)


def test_readers_and_pipeline_agree_on_the_limit(tmp_path):
    path = tmp_path / "giusto.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [raw] = list(read_paths([str(path)]))
    assert process_batch([raw], Options(stages=())).documents
