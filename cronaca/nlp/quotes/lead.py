"""What may stand between a verb of saying and the "che" that opens its complement clause.

Italian lets the reporting verb and its complementizer drift apart: adverbs and connectives, set
off by commas or not ("ritiene, tuttavia, che …", "ha detto ieri sera che …", "ha ribadito
ancora una volta che …"); a circumstantial phrase opened by a preposition or a gerund, where a
short quoted name may sit ("ha dichiarato all'emittente «Tv Uno» che …", "ha detto rivolgendosi ai
cronisti che …"); and the noun "fatto" a complement clause may hang on ("si è rammaricato del fatto
che …", "ha insistito sul fatto che …"). The adverbials come from the reporting lexicon (its
``adverbs``), so the same list serves the words before the verb and after it.
"""

from __future__ import annotations

import re
from functools import cache

from ..reporting import Lexicon, load_lexicon

#: Prepositions that open a circumstantial phrase after the verb ("ai giornalisti", "durante la
#: conferenza", "in un'intervista alla tv …").
_PREPOSITIONS = (r"a|ad|al|alla|allo|ai|agli|alle|all['’]|in|nel|nella|nello|nei|negli|nelle|nell['’]|"
                 r"durante|dopo|prima|da|dal|dalla|dai|dagli|dall['’]|con|col|su|sul|sulla|sui|sull['’]|"
                 r"davanti|parlando|intervenendo|rispondendo|rivolgendosi|commentando|riferendosi")

#: One token of such a phrase: a character that ends no clause, or a short quoted name ("alla tv
#: «Canale Uno»"); never the "di" of an infinitive, which is the content itself ("ha chiesto al
#: Consiglio di «rimuovere la Russia» per evitare che …").
_PHRASE_TOKEN = (r"(?!\s(?:di|d['’])\s*[«“\"]?\s*\w+(?:are|ere|ire|rre|arsi|ersi|irsi)(?![\w'’])"
                 r"|\s\w+(?:ando|endo)(?:si|gli|le|lo|la|ne)?(?![\w'’]))"
                 r"(?:[^,;:.!?«»“”\"\n]|[«“\"][A-ZÀ-Ý][^«»“”\"\n]{0,40}[»”\"])")


def complement_lead(lex: Lexicon) -> re.Pattern[str]:
    """A pattern matched right after a cue: the words that may precede its complementizer, and
    the complementizer ("che", "come", "quanto", "affinché") as the match's last word."""
    return _compiled(lex.language)


@cache
def _compiled(language: str) -> re.Pattern[str]:
    lex = load_lexicon(language)
    adverbs = sorted({re.escape(a) for a in lex.data.get("adverbs", [])}, key=len, reverse=True)
    adverb = rf"(?:{'|'.join(adverbs)}|\w{{3,}}mente)(?![\w'’])" if adverbs else r"\w{3,}mente(?![\w'’])"
    # adverbs run on ("ha detto ieri sera che"), or stand between two commas ("ritiene, tuttavia,
    # che"); a comma left open starts another clause ("…», ha detto, aggiungendo che …")
    connectives = rf"(?:(?:\s+{adverb})*|\s*,\s*{adverb}(?:\s+{adverb})*\s*,)"
    phrase = rf"(?:\s+(?:{_PREPOSITIONS})(?:(?<=['’])|(?![\w'’]))(?:{_PHRASE_TOKEN}){{0,110}}?)?"
    fatto = r"(?:\s+(?:del|sul|il|dal|per\s+il|col)\s+fatto)?"
    return re.compile(rf"{connectives}{phrase}{fatto}\s*(?<![\w'’])(?:che|come|quanto|affinché)(?![\w'’])",
                      re.IGNORECASE)

