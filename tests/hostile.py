"""A generated folder of broken and hostile inputs, each beside good records (issue 10).

Every text here is written for the tests. :func:`build` writes the folder and returns what must
happen to each input: skipped with a reason (a substring of it), or stored under a title with a
property checked on the stored article. Good records sit between the bad ones (in the same
folder, the same JSON Lines file, the same WARC file), so a bad input that aborted a batch would
lose them.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cronaca.limits import MAX_TEXT_CHARS

BODY = ("Il ministro degli Esteri ha incontrato a Ginevra il collega numero {n} per discutere "
        "della sicurezza europea e delle sanzioni.\n"
        "Secondo fonti diplomatiche, le delegazioni torneranno a vedersi entro la fine del mese "
        "per preparare il vertice numero {n}.\n")


def title(n: int) -> str:
    return f"Articolo buono numero {n} sul vertice di Ginevra"


def article(n: int) -> str:
    return f"{title(n)}\n\n{BODY.format(n=n)}"


def record(n: int, **extra: Any) -> dict[str, Any]:
    return {"title": title(n), "text": BODY.format(n=n), **extra}


@dataclass
class Case:
    """One input and its fate. ``origin`` is how the report names it; ``reason`` a substring of
    the skip reason (None: the input is stored, under ``title``, and ``check`` holds for the
    stored article row)."""

    kind: str
    origin: str
    reason: str | None = None
    title: str | None = None
    check: Callable[[dict[str, Any]], bool] = field(default=lambda row: True)


@dataclass
class Fixture:
    folder: Path
    extra_args: list[str]  # inputs named on the command line, not in the folder
    cases: list[Case]
    good: list[str]  # titles of the good records, each to be stored exactly once

    @property
    def skipped(self) -> list[Case]:
        return [c for c in self.cases if c.reason is not None]

    @property
    def stored(self) -> list[Case]:
        return [c for c in self.cases if c.reason is None]


def build(root: Path) -> Fixture:
    folder = root / "crawl"
    folder.mkdir()
    cases: list[Case] = []
    good: list[str] = []
    n = iter(range(1, 1000))

    def write(name: str, data: bytes | str) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def skip(kind: str, name: str, reason: str) -> None:
        cases.append(Case(kind, str(folder / name), reason))

    def keep(kind: str, name: str, stored_title: str, check: Callable[[dict], bool] = lambda r: True
             ) -> None:
        cases.append(Case(kind, str(folder / name), None, stored_title, check))

    def good_file(name: str) -> None:
        k = next(n)
        write(name, article(k))
        good.append(title(k))

    for i in range(4):
        good_file(f"buono_{i}.txt")

    # -- files that are not articles ------------------------------------------------------------
    write("vuoto.txt", b"")
    skip("empty file", "vuoto.txt", "empty file")
    write("spazi.txt", " \n\t\n  \n")
    skip("whitespace only", "spazi.txt", "whitespace")
    write("foto.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    skip("an image named .txt", "foto.txt", "not a text file: PNG image")
    write("nul.txt", b"testo\x00con\x00zeri\x00" * 50)
    skip("NUL bytes", "nul.txt", "binary data (NUL bytes)")
    write("controlli.txt", bytes(range(1, 9)) * 200)
    skip("control characters", "controlli.txt", "binary data (control characters)")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", article(0))
    write("archivio.txt", buf.getvalue())
    skip("a zip archive", "archivio.txt", "zip archive")

    # -- compression ------------------------------------------------------------------------------
    write("bomba.txt.gz", gzip.compress(b"a" * (40 << 20), 9))  # 40 MB of text in 40 KB
    skip("zip bomb (gzip)", "bomba.txt.gz", "too large")
    write("doppio.txt.gz", gzip.compress(gzip.compress(b"a" * (20 << 20), 9), 9))
    skip("nested gzip bomb", "doppio.txt.gz", "gzip data inside a gzip file")
    whole = gzip.compress(article(0).encode() * 200)
    write("tronco.txt.gz", whole[: len(whole) // 2])
    skip("truncated gzip", "tronco.txt.gz", "truncated gzip")
    write("rotto.txt.gz", b"\x1f\x8b" + b"\xff" * 64)
    skip("corrupt gzip header", "rotto.txt.gz", "corrupt gzip")
    write("falso.txt.gz", "questo non è gzip e non ha corpo\n")
    skip("not gzip, named .gz, no body", "falso.txt.gz", "no article body")

    # -- JSON --------------------------------------------------------------------------------------
    write("profondo.json", "[" * 2000 + "]" * 2000)
    skip("JSON nested 2000 deep", "profondo.json", "nested too deeply")
    write("stringa.json", json.dumps("solo una stringa"))
    skip("JSON that is a bare string", "stringa.json", "neither an object nor an array")
    k = next(n)
    good.append(title(k))
    write("lista.json", json.dumps([record(k), 5, "x"]))
    skip("a JSON array with a number", "lista.json#record=2", "expected a JSON object, found int")
    skip("a JSON array with a string", "lista.json#record=3", "expected a JSON object, found str")

    lines: list[str] = []

    def line(text: str, kind: str, reason: str | None = None, stored_title: str | None = None,
             check: Callable[[dict], bool] = lambda r: True) -> None:
        lines.append(text)
        origin = str(folder / f"dump.jsonl#line={len(lines)}")
        cases.append(Case(kind, origin, reason, stored_title, check))

    def good_line() -> None:
        k = next(n)
        lines.append(json.dumps(record(k)))
        good.append(title(k))

    good_line()
    line('{"title": "profondo", "text": ' + "[" * 2000 + "]" * 2000 + "}", "JSON line nested 2000 deep",
         "nested too deeply")
    line('{"title": "numero", "text": "a", "n": ' + "9" * 5000 + "}", "a 5000-digit integer",
         "5,000 digits")
    line('{"title": "numero", "text": 12}', "text that is a number", "field 'text' holds a number")
    line('{"title": "rotto", "text": ', "malformed JSON", "malformed JSON")
    line("[1, 2, 3]", "a JSON line that is not an object", "expected a JSON object, found list")
    good_line()
    line(json.dumps({"title": "enorme", "text": "parola " * (15 << 20)}), "a 100 MB line",
         "line longer than")
    k = next(n)
    line(json.dumps(record(k, title=f"{title(k)} \ud800")), "a lone surrogate", None,
         f"{title(k)} \ufffd")
    for scheme in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>x</script>"):
        k = next(n)
        line(json.dumps(record(k, url=scheme)), f"URL with the scheme {scheme.split(':')[0]}", None,
             title(k), lambda row: row["url"] is None)
    for published in ("0000-00", "9999", "2999-12-31", 1644500000, "2022-02-30"):
        k = next(n)
        line(json.dumps(record(k, published=published)), f"impossible date {published!r}", None,
             title(k), lambda row: row["published"] is None)
    k = next(n)
    huge = "Titolo " * 20000
    line(json.dumps({"title": huge, "text": BODY.format(n=k)}), "a 140k-character title", None,
         None, lambda row: len(row["title"]) <= 401 and row["language"] == "it")
    cases[-1].title = huge.strip()[:400].rsplit(" ", 1)[0] + "…"
    k = next(n)
    line(json.dumps(record(k, title=f"\u202e{title(k)}\x00\u2066", outlet="Agenzia\u202eEsempio")),
         "bidi override and NUL in title and outlet", None, title(k),
         lambda row: "\u202e" not in (row["outlet"] or "") and "\x00" not in row["title"])
    good_line()
    write("dump.jsonl", "\n".join(lines) + "\n")

    # -- HTML ----------------------------------------------------------------------------------------
    paragraph = f"<p>{BODY.format(n=0)}</p>"
    write("annidato.html", "<html><head><title>Pagina annidata</title></head><body>"
          + "<div>" * 100_000 + paragraph + "</div>" * 100_000 + "</body></html>")
    skip("HTML nested 100,000 deep", "annidato.html", "HTML page without an article body")
    write("menu.html", "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav>"
          "<a href='/'>Home</a> <a href='/esteri'>Esteri</a></nav></body></html>")
    skip("HTML with a menu only", "menu.html", "HTML page without an article body")
    write("grande.html", "<html><body>" + paragraph * ((9 << 20) // len(paragraph)) + "</body></html>")
    skip("a 9 MB HTML page", "grande.html", "over the 8,388,608 that one page may take to parse")
    k = next(n)
    write("script.html", f"<html><head><title>{title(k)}</title></head><body><article>"
          f"<h1>{title(k)}</h1><script>alert(1)</script><p>{BODY.format(n=k)}</p>"
          "</article></body></html>")
    keep("script in the page", "script.html", title(k), lambda row: "alert" not in row["text"])

    # -- text -----------------------------------------------------------------------------------------
    write("arredi.txt", "Titolo di una pagina senza corpo\n\nCondividi su Facebook\nTwitter\n"
          "WhatsApp\nLeggi anche\n")
    skip("page furniture only", "arredi.txt", "no article body")
    write("riga.txt", "Titolo\n\n" + "parola " * ((5 << 20) // 7) + "\n")
    skip("a 5 MB single line", "riga.txt", f"over the {MAX_TEXT_CHARS:,}")
    with (folder / "grosso.txt").open("wb") as out:
        for _ in range(11):
            out.write(b"parola " * ((1 << 20) // 7 + 1))
    skip("an 11 MB text file", "grosso.txt", "too large")
    k = next(n)
    write("misto.txt", f"{title(k)}\n\nLa città è unita, perché lavora.\n".encode()
          + f"{BODY.format(n=k)}Un'altra riga con città e perché.\n".encode("cp1252"))
    keep("mixed encodings in one file", "misto.txt", title(k),
         lambda row: "città è unita, perché" in row["text"] and "riga con città e perché" in row["text"])
    k = next(n)
    write("utf16.txt", article(k).encode("utf-16-le"))
    keep("UTF-16 without a byte-order mark", "utf16.txt", title(k))
    for header in ("date 2022-02-30", "date 31/02/2022"):
        k = next(n)
        name = f"intestazione_{header[5:9].replace('/', '')}.txt"
        write(name, f" {header} https://notizie.example.it/a{k}\n\n{article(k)}")
        keep(f"crawler header {header}", name, title(k), lambda row: row["published"] is None)
    k = next(n)
    long_name = ("nome_lunghissimo_" * 14)[:240] + ".txt"
    write(long_name, article(k))
    keep("an extremely long file name", long_name, title(k))
    k = next(n)
    write("bidi.txt", f"{title(k)[:9]}\u202e{title(k)[9:]}\x07\n\n{BODY.format(n=k)}")
    keep("bidi override and BEL in a title", "bidi.txt", title(k))

    # -- WARC -------------------------------------------------------------------------------------------
    def page(k: int) -> bytes:
        return (f"<html><head><title>{title(k)}</title></head><body><article><h1>{title(k)}</h1>"
                f"<p>{BODY.format(n=k)}</p></article></body></html>").encode()

    def warc_good(k: int) -> bytes:
        good.append(title(k))
        return warc_record(f"https://notizie.example.it/{k}", http(page(k)))

    write("senza_uri.warc", warc_good(next(n)) + warc_record(None, http(page(0)))
          + warc_good(next(n)))
    skip("WARC response without WARC-Target-URI", "senza_uri.warc#record=2",
         "without a WARC-Target-URI")
    write("http_rotto.warc", warc_good(next(n)) + warc_record(
        "https://notizie.example.it/x", b"NIENTE HTTP QUI\r\n\x00: x\r\n\r\n" + page(0))
        + warc_good(next(n)))
    skip("WARC record with broken HTTP headers", "http_rotto.warc#record=2", "broken HTTP headers")
    cut = warc_record("https://notizie.example.it/y", http(page(0)))
    write("tagliato.warc", warc_good(next(n)) + cut[: len(cut) - 200])
    skip("uncompressed WARC cut inside a record", "tagliato.warc#record=2", "truncated WARC record")
    write("spazzatura.warc", b"WARC/1.0\r\n\xff\xfe garbage \x00\r\n\r\n" + b"x" * 500)
    skip("WARC with garbage headers", "spazzatura.warc#record=1", "without a WARC-Type header")
    write("lunghezza.warc", warc_good(next(n)) + warc_record(
        "https://notizie.example.it/z", http(page(0)), length=b"abc"))
    skip("WARC record with a non-numeric Content-Length", "lunghezza.warc#record=2",
         "the record ends before its HTTP headers do")
    skip("WARC file continuing after a bad Content-Length", "lunghezza.warc", "corrupt WARC")

    # -- the file system ------------------------------------------------------------------------------
    (folder / "anello1").symlink_to("anello2")
    (folder / "anello2").symlink_to("anello1")
    skip("symlink loop (file)", "anello1", "symlink loop")
    skip("symlink loop (file, other end)", "anello2", "symlink loop")
    (folder / "sotto").mkdir()
    good_file("sotto/buono.txt")
    (folder / "sotto" / "su").symlink_to("..")
    skip("symlink loop (folder)", "sotto/su", "symlink loop: leads back to")
    os.mkfifo(folder / "tubo")
    skip("a named pipe in a folder", "tubo", "a named pipe (FIFO)")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "presa"))
    server.close()
    skip("a socket in a folder", "presa", "a socket")

    extra = [str(root / "tubo_nominato"), "/dev/zero", str(root / "manca.txt"),
             str(root / "*.nessuno")]
    os.mkfifo(root / "tubo_nominato")
    cases += [Case("a named pipe without a writer", extra[0], "nothing writing to it"),
              Case("a device named on the command line", extra[1], "a character device"),
              Case("a missing file", extra[2], "no such file or directory"),
              Case("a pattern matching nothing", extra[3], "no file matches this pattern")]
    return Fixture(folder, extra, cases, good)


def http(body: bytes, status: bytes = b"200 OK") -> bytes:
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body) + body)


def warc_record(uri: str | None, block: bytes, length: bytes | None = None) -> bytes:
    """One uncompressed WARC response record, written by hand so that it can be broken."""
    head = [b"WARC/1.0", b"WARC-Type: response"]
    if uri is not None:
        head.append(b"WARC-Target-URI: " + uri.encode())
    head += [b"WARC-Date: 2022-02-10T10:00:00Z", b"WARC-Record-ID: <urn:uuid:%d>" % abs(hash(block)),
             b"Content-Type: application/http; msgtype=response",
             b"Content-Length: " + (length if length is not None else b"%d" % len(block))]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"
