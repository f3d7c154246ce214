"""Bytes -> text, or a clear reason why a file is not text.

Scraped corpora mix encodings: most files are UTF-8, some come from old Windows tools (cp1252),
some from Java or Excel exports (UTF-16 with a BOM). A wrong guess silently ruins every accented
letter ("città" -> "cittŕ"), so the order of trust matters:

1. a byte-order mark says exactly what the file is (UTF-8, UTF-16, UTF-32);
2. UTF-8 decodes strictly or not at all, so when it works it is right (servers often declare
   ISO-8859-1 by default and send UTF-8);
3. a charset the container declared (an HTTP header in a WARC record) is tried next;
4. otherwise the Western European single-byte encodings (cp1252, latin-1, ISO 8859-15) are
   ranked by charset-normalizer: Italian text is almost always one of them, and an unrestricted
   guess picks look-alikes such as cp1250 for short Italian texts (measured);
5. only when none of those fits (Cyrillic in cp1251, say) is charset-normalizer asked to guess
   freely.

A file whose lines mix encodings (a UTF-8 page with a paragraph pasted from a cp1252 tool) is
decoded line by line between steps 3 and 4: lines that are UTF-8 as such, the others as cp1252.
Guessing one encoding for the whole file would ruin the accents of one part or the other.

Binary files (images, archives, NUL bytes) are refused before any of that with
:class:`~cronaca.errors.BinaryInput`, because a latin-1 decoding "succeeds" on any bytes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import BinaryInput, EmptyInput, UndecodableInput

#: Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Magic numbers of the binary files that end up in scraped folders, to name them in the message.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive (or an Office document)"),
    (b"\x1f\x8b", "gzip data inside a gzip file"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"(\xb5/\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"PAR1", "Parquet file"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

#: Western European single-byte encodings, in the order charset-normalizer should consider them.
WESTERN_ENCODINGS: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15")

_SNIFF_BYTES = 8192
#: C0 control bytes that never occur in text (tab, newlines, form feed and ESC are allowed).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b")
_MAX_CONTROL_RATIO = 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding that produced it (``utf-8`` for the common case)."""

    text: str
    encoding: str


def sniff_binary(head: bytes) -> str | None:
    """Name the kind of binary data ``head`` starts with, or None when it may be text.

    Only the first few kilobytes are looked at: enough to recognise any file format, and cheap
    enough to run on every input.
    """
    head = head[:_SNIFF_BYTES]
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return None  # UTF-16/32 text is full of NUL bytes, and that is fine
    for magic, name in _SIGNATURES:
        if head.startswith(magic):
            return name
    if head[4:8] == b"ftyp":
        return "MP4 video"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media (WebP, WAV or AVI)"
    if b"\x00" in head:
        if _utf16_without_bom(head):
            return None
        return "binary data (NUL bytes)"
    if head:
        controls = len(head) - len(head.translate(None, _CONTROL))
        if controls / len(head) > _MAX_CONTROL_RATIO:
            return "binary data (control characters)"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in BOM-less UTF-16 ASCII text."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, origin: str, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` as text, or raise an :class:`~cronaca.errors.InputError` naming ``origin``.

    ``declared`` is a charset the container stated (an HTTP ``Content-Type``); it is tried after
    a byte-order mark and strict UTF-8, before any guessing, and ignored when it does not decode
    the bytes.
    """
    if not data.strip():
        raise EmptyInput(origin, "empty file" if not data else "contains only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _non_empty(Decoded(data.decode(encoding), encoding.removesuffix("-sig")),
                                  origin)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(origin, f"starts with a {encoding} byte-order mark but "
                                       f"does not decode as {encoding}: {exc.reason}") from None
    kind = sniff_binary(data)
    if kind:
        raise BinaryInput(origin, f"not a text file: {kind}")
    utf16 = _utf16_without_bom(data[:_SNIFF_BYTES]) if b"\x00" in data[:_SNIFF_BYTES] else None
    for encoding in filter(None, (utf16, "utf-8", _codec(declared))):
        try:
            return _non_empty(Decoded(data.decode(encoding), encoding), origin)
        except UnicodeDecodeError:
            continue
    mixed = _mixed(data) if utf16 is None else None
    return _non_empty(mixed or _guess(data, origin), origin)


def _mixed(data: bytes) -> Decoded | None:
    """Line by line, UTF-8 lines as UTF-8 and the rest as cp1252, when the file has both
    non-ASCII UTF-8 lines and lines that are not UTF-8; None otherwise."""
    lines = data.split(b"\n")
    decoded, utf8, other = [], 0, 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
            other += 1
    if not (utf8 and other):
        return None
    return Decoded("\n".join(decoded), "utf-8+cp1252")


def _guess(data: bytes, origin: str) -> Decoded:
    best = from_bytes(data, cp_isolation=list(WESTERN_ENCODINGS)).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise UndecodableInput(
            origin, "not UTF-8, and no other text encoding fits (tried cp1252, latin-1, "
            "ISO 8859-15 and charset-normalizer's guesses); re-save the file as UTF-8")
    encoding = codecs.lookup(best.encoding).name
    return Decoded(data.decode(encoding, errors="replace"), encoding)


def _codec(name: str | None) -> str | None:
    """The canonical codec name for a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _non_empty(decoded: Decoded, origin: str) -> Decoded:
    if not decoded.text.strip(" \t\r\n\ufeff\x00"):
        raise EmptyInput(origin, "contains only whitespace")
    return decoded
