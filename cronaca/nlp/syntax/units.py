"""Actor units: the noun phrases of a text that refer to an actor, and the preposition that
governs each.

A unit is what a clause's subject, object or complement can be: a named mention from the entity
stage ("il presidente russo Vladimir Putin" is one unit, its role words included), a demonym
standing for its country ("i russi", "le truppe russe", "il governo italiano"), a description the
entity stage resolved to a person ("il capo della diplomazia russa"), or a subject pronoun
("quest'ultimo"). Its ``case`` is the base preposition that governs the whole phrase ("di", "a",
"con", "tra", "contro", "da" ...) or ``""`` when none does, which is what makes it a possible
subject or object. Coordinated units ("Francia e Germania", "A, B e C") share a ``group``.
"""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter
from typing import NamedTuple, Sequence

from ...types import Mention
from .lexicon import SyntaxLexicon
from .tagging import Token

ACTOR_LABELS = frozenset({"PER", "ORG", "GPE"})


class Unit(NamedTuple):
    start_tok: int  # first token of the phrase (determiner and role words included)
    end_tok: int  # exclusive
    start: int  # character span of the naming words
    end: int
    name: str
    actor_id: str | None
    label: str
    kind: str  # name | demonym | role | pronoun
    case: str  # governing base preposition, "" when none
    group: int  # units coordinated with each other share it
    head_tok: int  # token index of the naming words' first token


_START = itemgetter(0)  # Token.start


def token_index(tokens: Sequence[Token], pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    return bisect_left(tokens, pos, key=_START)  # a C key: this runs for every span of a text


_POSSESSIVES = frozenset(["suo", "sua", "suoi", "sue", "loro", "mio", "mia", "miei", "mie", "nostro", "nostra",
                          "nostri", "nostre", "vostro", "vostra", "proprio", "propria", "propri", "proprie"])
_ARTICLES = frozenset(["il", "lo", "la", "i", "gli", "le", "l'", "l’", "un", "uno", "una", "un'", "un’"])


def _phrase_start(tokens: Sequence[Token], i: int, lex: SyntaxLexicon, demonyms: dict[str, str]) -> int:
    """Move left from a name over the words of its noun phrase: determiners, role nouns and their
    genitive complements, demonyms and capitalised title words ("il ministro degli Esteri
    russo Sergei Lavrov" starts at "il")."""
    j = i
    steps = 0
    while j > 0 and steps < 9:
        t = tokens[j - 1]
        if t.low in _POSSESSIVES and tokens[j].low in _ARTICLES:
            break  # "da parte sua il ministro X": the possessive closes the phrase before
        if t.pos in ("DET", "ADJ") or t.low in lex.person_nouns or t.low in demonyms or t.low in lex.collective_nouns:
            j -= 1
        elif t.pos == "ADP" and lex.prepositions.get(t.low) == "di" and j >= 2 and (
                tokens[j - 2].low in lex.person_nouns or tokens[j - 2].pos == "PROPN"
                or tokens[j - 2].low in lex.collective_nouns):
            j -= 1  # "portavoce del (Cremlino)" is inside the phrase only before another name
        elif t.pos == "PROPN" and j - 1 < i and any(tokens[k].low in lex.person_nouns for k in range(max(0, j - 4), j)):
            j -= 1
        elif t.pos == "NOUN" and t.low in ("esteri", "difesa", "interno", "interni", "stato", "generale", "affari",
                                          "economia", "giustizia", "sicurezza", "consiglio", "governo", "repubblica"):
            j -= 1
        else:
            break
        steps += 1
    # a role phrase ends at its first determiner: "il portavoce del Cremlino Dmitry Peskov"
    return j


#: Quotation marks that may open a name under a preposition ("intervistato dal 'Corriere'").
_OPEN_MARKS = frozenset(["'", "‘", "’", '"', "“", "«", "„", "`"])


def _case(tokens: Sequence[Token], start: int, lex: SyntaxLexicon) -> str:
    """The preposition that governs a phrase starting at token ``start`` ("" when none)."""
    if start == 0:
        return ""
    t = tokens[start - 1]
    if t.low in _OPEN_MARKS and start >= 2 and tokens[start - 2].pos == "ADP":
        start -= 1  # "a 'Firstpost'", "dal «Times»": the mark stands between the preposition and its phrase
        t = tokens[start - 1]
    if t.pos == "ADP":
        base = lex.prepositions.get(t.low, t.low)
        # complex prepositions: "nei confronti di", "da parte di", "insieme a"
        for words, mapped in lex.complex_by_last.get(t.low, ()):
            k = len(words)
            if start - k >= 0 and tuple(x.low for x in tokens[start - k:start]) == words:
                return mapped
        return base
    if t.low in ("tra", "fra"):
        return "tra"
    if t.low == "(":
        return "("  # "il partito Unità democratica (Ud)": an aside in brackets is never a clause's subject
    return ""


def _coordinated(tokens: Sequence[Token], a: "Unit", b_start: int, lex: SyntaxLexicon) -> bool:
    """Is the phrase starting at ``b_start`` coordinated with ``a`` ("A e B", "A, B e C")?"""
    between = tokens[a.end_tok:b_start]
    if not between:
        return False
    words = [t.low for t in between]
    if len(words) >= 2 and a.case not in ("", "adj", "(") and between[-1].pos == "ADP" \
            and lex.prepositions.get(words[-1], words[-1]) == a.case:
        # the preposition repeated before each member: "dalla Nato, dall'Ue e dalla Germania",
        # "con la Francia e con la Germania" (the second member under the first's preposition)
        words = words[:-1]
        if words in ([","], ["e"], ["ed"], ["o"], [",", "e"], [",", "ed"]):
            return True
    if words in (["e"], ["ed"], [","], ["e", "il"], ["e", "la"], ["e", "i"], ["e", "gli"], ["e", "le"],
                 ["e", "l'"], ["ed", "il"], ["ed", "i"], ["o"], ["sia"], ["che"], ["e", "anche"]):
        return True
    return len(words) == 2 and words[0] == "," and between[1].pos == "DET"


def build_units(tokens: Sequence[Token], mentions: Sequence[Mention], lex: SyntaxLexicon,
                demonyms: dict[str, str], extra: Sequence[tuple[int, int, str, str | None, str, str]] = ()
                ) -> list[Unit]:
    """Units from the entity mentions (actors only: places under "a"/"in" stay units with that
    case, so events can tell a venue from a party), demonym phrases and ``extra`` spans
    (start, end, name, actor id, label, kind) that the caller resolved (role descriptions)."""
    raw: list[tuple[int, int, int, int, str, str | None, str, str]] = []
    covered: set[int] = set()
    for m in sorted(mentions, key=lambda m: m.start):
        if m.label not in ACTOR_LABELS:
            continue
        a = token_index(tokens, m.start)
        b = max(a + 1, token_index(tokens, m.end))
        covered.update(range(a, b))
        raw.append((a, b, m.start, m.end, m.actor_name, m.actor_id, m.label, "name"))
    for (s, e, name, aid, label, kind) in extra:
        a = token_index(tokens, s)
        b = max(a + 1, token_index(tokens, e))
        if any(i in covered for i in range(a, b)):
            continue
        covered.update(range(a, b))
        raw.append((a, b, s, e, name, aid, label, kind))
    # demonyms standing for their country: "i russi", "le truppe russe", "il governo italiano"
    for i, t in enumerate(tokens):
        name = demonyms.get(t.low)
        if name is None or i in covered or t.pos == "PROPN":
            continue
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.pos == "PROPN":
            continue  # "il presidente russo Vladimir Putin": the name is the unit
        people = prev is not None and prev.pos in ("DET", "ADP") and t.low.endswith(("i", "e"))
        collective = prev is not None and prev.low in lex.collective_nouns
        if people or collective:
            a = i - 1 if collective else i
            covered.update(range(a, i + 1))
            raw.append((a, i + 1, t.start, t.end, name, None, "GPE", "demonym"))
        elif prev is not None and prev.pos == "NOUN":
            # "l'invasione russa", "le sanzioni americane": an adjective naming the agent of the
            # noun it follows; a unit no verb takes as subject or object (case "adj")
            covered.add(i)
            raw.append((i, i + 1, t.start, t.end, name, None, "GPE", "adjective"))
    for i, t in enumerate(tokens):
        if t.pos == "PRON" and i not in covered:
            raw.append((i, i + 1, t.start, t.end, t.low, None, "PER", "pronoun"))
    raw.sort()
    units: list[Unit] = []
    group = -1
    for idx, (a, b, s, e, name, aid, label, kind) in enumerate(raw):
        start = _phrase_start(tokens, a, lex, demonyms) if kind == "name" else a
        if kind == "adjective":
            group += 1
            units.append(Unit(a, b, s, e, name, aid, label, "demonym", "adj", group, a))
            continue
        if units and (start < units[-1].end_tok or _role_of_body(tokens, units[-1], a, label, lex)):
            prev = units[-1]
            if label == "PER" and prev.end_tok == a and prev.label != "PER" and any(
                    tokens[k].pos == "ADP" for k in range(prev.start_tok, prev.head_tok)):
                # "il portavoce del Cremlino Dmitry Peskov": the body qualifies the role of the
                # person, whose phrase starts where the role does
                units[-1] = prev._replace(case="di")
                start = prev.start_tok
                case = prev.case
                units.append(Unit(start, b, s, e, name, aid, label, kind, case, prev.group, a))
                continue
            start = a  # "il ministro degli Esteri russo Lavrov" after a unit: do not swallow it
        case = _case(tokens, start, lex)
        if not case and units and units[-1].end_tok == start and start == a and units[-1].case not in ("", "adj") \
                and label != "PER":
            # "in un'intervista a Times Uk": a name run on from one a preposition governs, with
            # nothing between them, is part of the same prepositional phrase, not a free subject
            # (a phrase of its own that opens with an article or a role does not run on: "Lo ha
            # detto alla Tass il portavoce del Cremlino")
            case = units[-1].case
        if units and units[-1].case != "adj" and _coordinated(tokens, units[-1], start, lex) \
                and (tokens[units[-1].end_tok].low != "," or _list_closes(tokens, raw, idx, lex, demonyms)):
            case = units[-1].case  # "con Francia e Germania": both under "con"
        else:
            group += 1
        units.append(Unit(start, b, s, e, name, aid, label, kind, case, group, a))
    return _appositions(units, tokens, lex, demonyms)


def _role_of_body(tokens: Sequence[Token], prev: Unit, a: int, label: str, lex: SyntaxLexicon) -> bool:
    """Does a person's name at token ``a`` close the role phrase of the body unit right before it,
    however long the role ("il ministro degli Esteri della Russia Ivan Petrov", "l'alto
    rappresentante per la politica estera dell'Ue X")? The body's phrase opens with a role noun
    and a preposition stands between the role and the body: the body says whose office it is."""
    if label != "PER" or prev.end_tok != a or prev.label == "PER" or prev.kind != "name":
        return False
    span = range(prev.start_tok, prev.head_tok)
    return any(tokens[k].low in lex.person_nouns for k in span) and any(tokens[k].pos == "ADP" for k in span)


def _list_closes(tokens: Sequence[Token], raw: list, idx: int, lex: SyntaxLexicon, demonyms: dict[str, str]) -> bool:
    """Does the list a comma continues at phrase ``idx`` close with "e"/"ed" ("A, B e C", "A, la
    premier B e il primo ministro olandese C": the gap ends where the next phrase starts, role
    words included)? Without that the comma ends one phrase and starts another ("…l'Ucraina, la
    NATO reagirà")."""
    prep = None  # the preposition each member repeats ("dalla Nato, dall'Ue e dalla Germania")
    for k in range(idx, min(idx + 4, len(raw) - 1)):
        nxt = raw[k + 1][0]
        if raw[k + 1][7] == "name":
            nxt = max(raw[k][1], _phrase_start(tokens, nxt, lex, demonyms))
        gap = [t.low for t in tokens[raw[k][1]:nxt]]
        gap = [w for w in gap if w not in ("il", "lo", "la", "i", "gli", "le", "l'")]
        if len(gap) >= 2 and tokens[nxt - 1].pos == "ADP":
            base = lex.prepositions.get(gap[-1], gap[-1])
            if prep is None or base == prep:
                prep, gap = base, gap[:-1]
        if gap in (["e"], ["ed"]):
            return True
        if gap != [","]:
            return False
    return False


def _appositions(units: list[Unit], tokens: Sequence[Token], lex: SyntaxLexicon,
                 demonyms: dict[str, str]) -> list[Unit]:
    """"Il presidente russo, Vladimir Putin, ha detto": a role and the name after its comma are one
    unit (the name's), not two coordinated subjects. A demonym that qualifies a role noun
    ("presidente russo") is an adjective unit of its own (case "adj", no verb's argument): the
    merged phrase starts where the role's phrase does and takes the preposition that governs it
    ("Il presidente russo, X," is a free subject; "con il ministro russo, X," is under "con")."""
    out: list[Unit] = []
    for u in units:
        if out and out[-1].kind in ("role", "demonym") and u.label == "PER" and u.start_tok - out[-1].end_tok == 1 \
                and tokens[out[-1].end_tok].low == ",":
            prev = out.pop()
            start, case = prev.start_tok, prev.case
            if case == "adj":
                start = _phrase_start(tokens, start, lex, demonyms)
                case = _case(tokens, start, lex)
            u = u._replace(start_tok=start, case=case, group=prev.group)
        out.append(u)
    return out
