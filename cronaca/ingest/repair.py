"""Mojibake repair that keeps the typography later stages depend on.

ftfy fixes text decoded with the wrong codec ("piÃ¹" -> "più", "lâ€™Ucraina" -> "l’Ucraina"), but its
default also straightens curly quotes, which would erase the difference between «…», “…” and '…'
that the quote extractor and the gold spans rely on. So quotes are never uncurled, and we leave
full-width characters and line breaks as the writer had them except for normalising CRLF.

Characters that only ever come from broken or hostile input are removed before anything reads
the text: C0 and C1 control characters (NUL, ESC, …; tab and newline stay, vertical tab and form
feed become newlines), stray byte-order marks, and the bidirectional embedding, override and
isolate controls (U+202A–U+202E, U+2066–U+2069). An override such as U+202E makes a title
display backwards ("evil.exe" shown as "exe.live"), and none of them carries meaning in news
text. The marks U+200E/U+200F, which Arabic and Hebrew text needs, are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Byte sequences that only appear when UTF-8 was decoded as latin-1/cp1252, or as control junk.
_SUSPECT = re.compile(
    "[\u00c2\u00c3\u00e2\u00c5\u00d0\u00d1\u00c4\u00c5\u00ce\u00cf\u00d8\u00d9\u0102\u0139]"
    "[\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
    "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
    r"|[\u0080-\u009f]|&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|[a-zA-Z]{2,8});"
    # UTF-8 read as cp1251 ("Г©" for "é", "вЂ™" for "’") or as Mac Roman ("√©").
    "|[\u0413\u0420\u0421][\u00a0-\u00bf\u0402\u0403\u0405-\u040c\u0452-\u045f\u2116]|\u0432\u0402|\u221a[\u00a9\u00ae\u00a8\u03c0\u2020\u221e\u00b1\u2260]"
)


@lru_cache(maxsize=1)
def _config():
    import ftfy

    return ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        normalization="NFC",
        explain=False,
    )


#: Removed: C0 controls but tab, newline, vertical tab and form feed; DEL; stray byte-order
#: marks; bidi embeddings, overrides and isolates. C1 controls too, but only after mojibake
#: repair: "\x91" in text decoded as latin-1 is a cp1252 quotation mark that ftfy restores.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff\u202a-\u202e\u2066-\u2069]")
_C1 = re.compile("[\x80-\x9f]")


def _breaks(text: str) -> str:
    """Vertical tab and form feed as newlines (two C scans: ``str.translate`` with a mapping
    looks up every character, which is slow on a whole page)."""
    return text.replace("\x0b", "\n").replace("\x0c", "\n")


def repair(text: str) -> str:
    """Undo mojibake and normalise line ends; text without mojibake only gets NFC and LF.
    Control and bidi-override characters are removed (see the module docstring).

    Idempotent: removing a control character can join two halves of a mojibake sequence
    ("\\x81Â\\x91"), so a text that is still suspect after one pass gets another (at most three).
    """
    text = _CONTROLS.sub("", _breaks(text.replace("\r\n", "\n").replace("\r", "\n")))
    if _SUSPECT.search(text) is None:
        import unicodedata

        return unicodedata.normalize("NFC", text)
    import ftfy

    for _ in range(3):
        fixed = plain(ftfy.fix_text(text, config=_config()))
        if fixed == text or _SUSPECT.search(fixed) is None:
            return fixed
        text = fixed
    return text


def plain(text: str) -> str:
    """``text`` without control and bidi-override characters (vertical tab, form feed: newline)."""
    return _C1.sub("", _CONTROLS.sub("", _breaks(text)))
