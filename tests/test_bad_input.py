"""Bad input: each gets a clear reason naming the file (and line), and the rest goes on."""

from __future__ import annotations

import gzip
import json
import os
import random
import tracemalloc
from pathlib import Path

import pytest

from cronaca.errors import BinaryInput, EmptyInput
from cronaca.ingest.decode import decode, sniff_binary
from cronaca.ingest.formats import read_paths
from cronaca.types import Failure, RawDocument

ARTICLE = (
    "Vertice a Bruxelles sulla difesa europea\n\n"
    "I ministri della Difesa dell'Unione si sono riuniti martedì a Bruxelles per discutere "
    "del sostegno militare e della produzione di munizioni.\n"
    "Il commissario ha detto che la città ospiterà un nuovo incontro entro l'estate, "
    "perché «la sicurezza è una priorità di tutti».\n"
)


def read(*paths: Path, **kw) -> tuple[list[RawDocument], list[Failure]]:
    items = list(read_paths([str(p) for p in paths], **kw))
    return ([i for i in items if isinstance(i, RawDocument)],
            [i for i in items if isinstance(i, Failure)])


def only_failure(path: Path, **kw) -> Failure:
    docs, failures = read(path, **kw)
    assert not docs
    [failure] = failures
    assert failure.origin.startswith(str(path))
    return failure


def test_empty_file(tmp_path):
    path = tmp_path / "vuoto.txt"
    path.write_bytes(b"")
    assert only_failure(path).reason == "empty file"


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "spazi.txt"
    path.write_bytes(b" \n\n\t \n")
    assert "whitespace" in only_failure(path).reason


def test_binary_file_is_named_by_kind(tmp_path):
    path = tmp_path / "foto.jpg"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert only_failure(path).reason == "not a text file: PNG image"


def test_nul_bytes_mean_binary():
    assert sniff_binary(b"abc\x00\x01\x02def" * 10) == "binary data (NUL bytes)"
    with pytest.raises(BinaryInput):
        decode(bytes(range(256)) * 4, "x")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_non_utf8_text_is_decoded_not_skipped(tmp_path, encoding):
    text = ARTICLE if encoding != "latin-1" else ARTICLE.replace("«", '"').replace("»", '"')
    if encoding == "cp1252":
        text = text.replace("«", "\u201c").replace("»", "\u201d") + "Costo: 5 €.\n"
    path = tmp_path / f"articolo-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    docs, failures = read(path)
    assert not failures
    assert docs[0].text == text
    assert "città" in docs[0].text and "perché" in docs[0].text


def test_short_cp1252_text_is_not_mistaken_for_central_european():
    # unrestricted charset guessing reads this as cp1250 ("cittŕ č"); Western encodings come first
    assert decode("La città è".encode("cp1252"), "x").text == "La città è"


def test_cyrillic_single_byte_text_still_decodes():
    text = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе."
    assert decode(text.encode("cp1251"), "x").text == text


def test_utf16_bom_only_file_is_empty():
    with pytest.raises(EmptyInput):
        decode("\ufeff".encode("utf-16"), "x")


def test_truncated_gzip_text_is_skipped(tmp_path):
    data = gzip.compress((ARTICLE * 40).encode())
    path = tmp_path / "articolo.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated gzip" in only_failure(path).reason


def test_truncated_gzip_jsonl_keeps_the_records_before_the_cut(tmp_path):
    rng = random.Random(7)
    words = ARTICLE.split()
    lines = [json.dumps({"title": f"Titolo {n}", "text": " ".join(rng.choices(words, k=150))})
             for n in range(200)]
    data = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, failures = read(path)
    assert 50 < len(docs) < 200
    assert [d.metadata["title"] for d in docs] == [f"Titolo {n}" for n in range(len(docs))]
    [failure] = failures
    assert failure.origin == str(path)
    assert "truncated gzip" in failure.reason and f"{len(docs)} records" in failure.reason


def test_malformed_json_lines_are_reported_by_line_and_good_lines_kept(tmp_path):
    good = json.dumps({"title": "Titolo", "text": ARTICLE})
    lines = [good, "{non è json", "", "[1, 2]", json.dumps({"title": "senza testo"}),
             good.replace("Titolo", "Altro titolo"), '{"title": "tronca", "text": "a']
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, failures = read(path)
    assert [d.origin for d in docs] == [f"{path}#line=1", f"{path}#line=6"]
    assert [f.origin for f in failures] == [f"{path}#line={n}" for n in (2, 4, 5, 7)]
    assert failures[0].reason.startswith("malformed JSON")
    assert failures[1].reason == "expected a JSON object, found list"
    assert "no text or html field" in failures[2].reason


def test_cp1252_json_line_is_decoded(tmp_path):
    path = tmp_path / "vecchio.jsonl"
    path.write_bytes(json.dumps({"title": "Città", "text": ARTICLE}, ensure_ascii=False)
                     .encode("cp1252"))
    docs, failures = read(path)
    assert not failures and docs[0].metadata["title"] == "Città"


@pytest.mark.parametrize("html", [
    "<html><head><title>Solo titolo</title></head><body></body></html>",
    "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
    "</nav></body></html>",
    "<html></html>",
])
def test_html_without_a_body(tmp_path, html):
    path = tmp_path / "pagina.html"
    path.write_text(html, encoding="utf-8")
    assert "HTML page" in only_failure(path).reason


def test_single_article_over_the_limit_is_skipped_without_reading(tmp_path):
    path = tmp_path / "enorme.txt"
    path.write_text(ARTICLE * 100, encoding="utf-8")
    reason = only_failure(path, max_bytes=1000).reason
    assert reason.startswith("too large") and "--max-bytes" in reason


def test_compressed_article_over_the_limit_is_skipped(tmp_path):
    path = tmp_path / "enorme.html.gz"
    path.write_bytes(gzip.compress(f"<html><body><p>{ARTICLE * 100}</p></body></html>".encode()))
    assert only_failure(path, max_bytes=1000).reason.startswith("too large")


def test_json_line_over_the_limit_is_skipped_and_the_next_one_read(tmp_path):
    path = tmp_path / "dump.jsonl"
    big = json.dumps({"title": "Grande", "text": ARTICLE * 100})
    small = json.dumps({"title": "Piccolo", "text": ARTICLE})
    path.write_text(f"{small}\n{big}\n{small.replace('Piccolo', 'Ultimo')}\n", encoding="utf-8")
    docs, failures = read(path, max_bytes=5000)
    assert [d.metadata["title"] for d in docs] == ["Piccolo", "Ultimo"]
    assert failures[0].origin == f"{path}#line=2" and "longer than" in failures[0].reason


def test_missing_path_and_empty_glob_are_reported(tmp_path):
    docs, failures = read(tmp_path / "manca.txt", tmp_path / "*.warc")
    assert [f.reason for f in failures] == ["no such file or directory",
                                            "no file matches this pattern"]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "chiuso.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    assert "cannot read" in only_failure(path).reason


def test_folder_mixing_good_and_bad_files(tmp_path):
    (tmp_path / "buono.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "vuoto.txt").write_bytes(b"")
    (tmp_path / "immagine.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "windows.txt").write_bytes(ARTICLE.replace("«", '"').replace("»", '"')
                                           .encode("cp1252"))
    docs, failures = read(tmp_path)
    assert sorted(Path(d.origin).name for d in docs) == ["buono.txt", "windows.txt"]
    assert {Path(f.origin).name: f.reason for f in failures} == {
        "immagine.png": "not a text file: PNG image", "vuoto.txt": "empty file"}


@pytest.mark.slow
def test_100_mb_jsonl_is_streamed_in_bounded_memory(tmp_path):
    path = tmp_path / "grande.jsonl"
    line = json.dumps({"title": "Titolo", "text": ARTICLE * 8}).encode() + b"\n"
    count = 100 * 1024 * 1024 // len(line) + 1
    with path.open("wb") as out:
        for n in range(count):
            out.write(line.replace(b"Titolo", b"T%08d" % n))
    tracemalloc.start()
    seen = 0
    for item in read_paths([str(path)]):
        assert isinstance(item, RawDocument)
        seen += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seen == count
    assert peak < 20 * 1024 * 1024  # a few records at a time, never the file


@pytest.mark.slow
def test_100_mb_single_article_is_skipped_as_too_large(tmp_path):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as out:
        for _ in range(100):
            out.write(b"x" * (1024 * 1024))
    assert only_failure(path).reason.startswith("too large")


def test_truncated_warc_keeps_the_pages_before_the_cut(tmp_path):
    from test_readers import warc_bytes

    data = warc_bytes(compress=True)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.8)])
    docs, failures = read(path)
    assert len(docs) == 1
    [failure] = failures
    assert failure.origin == str(path) and "truncated or corrupt WARC" in failure.reason


def test_html_in_a_declared_legacy_charset(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines()[2:])
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=windows-1252"><title>Città</title></head><body><article>{body}'
            "</article></body></html>")
    path = tmp_path / "vecchia.htm"
    path.write_bytes(page.encode("cp1252"))
    docs, failures = read(path)
    assert not failures
    assert docs[0].text.startswith("Città\n\n") and "perché «la sicurezza" in docs[0].text


def test_a_file_mixing_utf8_and_cp1252_lines_keeps_every_accent(tmp_path):
    path = tmp_path / "misto.txt"
    path.write_bytes("Vertice a Bruxelles sulla difesa\n\nLa città è unita, perché lavora.\n"
                     .encode("utf-8") + "Un'altra riga con città, perché e 5 €.\n".encode("cp1252"))
    [doc] = read(path)[0]
    assert "La città è unita, perché lavora." in doc.text
    assert "Un'altra riga con città, perché e 5 €." in doc.text
    assert doc.metadata["encoding"] == "utf-8+cp1252"
