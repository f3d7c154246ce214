"""Statements with no verb of their own for the speaker: "secondo X", "secondo quanto riferisce
X", "X, secondo cui …", attributions that point back ("Così X", "È quanto ha detto
X", "A dirlo è X"), and media that relay a statement ("citato dalla Tass")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...types import Mention
from ..attribution import Speaker, is_eligible, resolve_description, speaker_of, subject_before
from ..reporting import Cue
from ..syntax import syntax_lexicon
from ..syntax.units import token_index
from .speakers import speaker_in, syntax_subject_at
from .state import (
    Found,
    State,
    clause_start,
    content_end,
    emit,
    finite_between,
    quotation_through,
    sentence_index,
    within_quote,
)

_RESUMPTIVE = re.compile(
    r"\s*(?:(?P<cosi>così)\b"
    r"|(?P<cleft>(?:a|ad) (?P<inf>\w+?)(?:lo|la|li|le)(?: noto)? "
    r"(?:è|sono|è stato|è stata|sono stati|era|erano)\b))",
    re.IGNORECASE)


def resumptive(st: State, si: int, cues: Sequence[Cue]) -> None:
    """A sentence that attributes the statement before it: "«…». Così il ministro X", "A dirlo è
    X" (a cleft on a reporting verb), "È quanto ha detto X", "Sono le parole di X" (see
    :func:`_named_statement_before`). The statement is the quotation that ends the previous
    sentence (direct), or for the explicit forms the previous sentence itself (indirect)."""
    text = st.text
    s, e = st.sentences[si]
    m = _RESUMPTIVE.match(text, s, e)
    if m is None:
        _named_statement_before(st, si)
        return
    if m.group("cleft") and st.lex.form_info.get(m.group("inf").lower() + "e", ("", "", ""))[1] != "infinitive" \
            and st.lex.form_info.get(m.group("inf").lower(), ("", "", ""))[1] != "infinitive":
        return  # "A farlo è stato X": not a verb of saying
    if m.group("cosi") and not _verbless_attribution(st, m.end(), e, cues):
        return  # "Così il governo ha deciso …": an adverb, not an attribution
    speakers = speaker_in(st, m.end(), e)
    if not speakers:
        return
    cue = Cue(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end(), m.start(), "", "finite",
              "assertive", False, None)
    ps, pe = st.sentences[si - 1]
    q = quotation_through(st, ps, pe)
    if q is not None and not any(f.start <= q.inner_start < f.end and f.cue_start is not None for f in st.found):
        st.found[:] = [f for f in st.found if not (f.start == q.inner_start and f.cue_start is None)]
        emit(st, q.inner_start, q.inner_end, speakers, cue, 0.75, "direct")
    elif q is None and not m.group("cosi") and not any(ps <= f.start < pe for f in st.found):
        emit(st, clause_start(st, ps, pe), pe, speakers, cue, 0.65)


def _attribution(st: State, pos: int, e: int) -> tuple[list[Speaker], Cue] | None:
    """A verbless attribution opening a sentence at ``pos`` ("È la replica di X", "Sono le parole
    del ministro X", "Parole pronunciate da X", "È quanto si apprende da fonti di X"): its speaker
    and a cue spanning it. "Quanto" needs the copula ("Quanto a …" is no attribution)."""
    text = st.text
    m = st.lex.attribution_re.match(text, pos, e)
    if m is None:
        return None
    lead = m.group(0).lstrip().lower()
    if m.group("quanto"):
        verb = m.group("verb").lower()
        info = st.lex.form_info.get(verb) or st.lex.form_info.get("si " + verb)
        if info is None or not re.match(r"(?:è|e['’]|é)\s", lead):
            return None  # "è quanto previsto dall'accordo": no verb of saying
    elif not m.group("prep"):
        return None
    phrase = re.match(r"[^,;:.()«»“”\"\n–—]*", text[m.end():e])
    phrase_end = m.end() + (phrase.end() if phrase else 0)
    if phrase_end <= m.end() or finite_between(st, m.end(), phrase_end):
        return None  # "La minaccia di Mosca è reale": a clause of its own, not an attribution
    who = speaker_in(st, m.end(), phrase_end, any_case=True)
    if not who:
        found = resolve_description(text[m.end():phrase_end].strip(), m.end(), text, st.mentions, st.topic,
                                    st.lex, st.published, st.doc)
        who = [found] if found is not None else []
    if not who:
        return None
    start = pos + len(m.group(0)) - len(m.group(0).lstrip())
    return who, Cue(start, m.end(), start, "", "finite", "assertive", False, None)


def _named_statement_before(st: State, si: int) -> None:
    """"«…». Sono le parole del ministro X", "«…». È la replica di X": the quotation that ends the
    previous sentence; "… . È quanto ha detto X", "È quanto si apprende da fonti di X": also the
    previous sentence when it quotes nothing."""
    s, e = st.sentences[si]
    got = _attribution(st, s, e)
    if got is None:
        return
    speakers, cue = got
    quanto = "quanto" in st.text[cue.start:cue.end].lower()  # a noun ("le parole di X") names a quotation
    ps, pe = st.sentences[si - 1]
    q = quotation_through(st, ps, pe)
    if q is not None and not any(f.start <= q.inner_start < f.end and f.cue_start is not None for f in st.found):
        st.found[:] = [f for f in st.found if not (f.start == q.inner_start and f.cue_start is None)]
        emit(st, q.inner_start, q.inner_end, speakers, cue, 0.75, "direct")
    elif q is None and quanto and not any(ps <= f.start < pe for f in st.found):
        emit(st, clause_start(st, ps, pe), pe, speakers, cue, 0.65)


def _verbless_attribution(st: State, lo: int, e: int, cues: Sequence[Cue]) -> bool:
    """After "Così", a speaker phrase with no verb of its own, or a reporting verb ("Così ha
    commentato il ministro")."""
    if any(lo <= c.start and c.start - lo < 40 for c in cues):
        return True
    return st.an is not None and not finite_between(st, lo, e)


def _antecedent(st: State, s: int, pos: int) -> list[Speaker]:
    """Who "secondo cui" / "stando ai quali" stands for: the actor named right before it ("X,
    secondo cui …"); when a thing is named there ("rapporti d'intelligence stando ai quali …"),
    the subject of the clause that mentions it; else the last actor named, or the topic."""
    text = st.text
    right_before = [m for m in st.mentions if m.end <= pos and not text[m.end:pos].strip(" ,")
                    and is_eligible(m, text, st.lex)]
    if right_before:
        return [speaker_of(right_before[-1])]
    described = _described_antecedent(st, s, pos)
    if described is not None:
        return described
    an = st.an
    if an is not None:
        c = an.clause_at(token_index(an.tokens, pos))
        parent = an.clauses[c.parent] if c is not None and c.parent is not None else c
        if parent is not None and parent.head is not None and parent.head.head < token_index(an.tokens, pos):
            who, _ = syntax_subject_at(st, parent.head.head)
            if who:
                return who
    named = subject_before(text, s, pos, st.mentions, st.lex)
    return named[-1:] or list(st.topic.speakers)


_NP_BEFORE = re.compile(r"(?:^|[\s,(])((?:(?:il|lo|la|i|gli|le)\s+|l['’]\s*)[^,;:.«»“”\"()]{2,80}?)\s*,?\s*$",
                        re.IGNORECASE)


def _for_whom(st: State, s: int, pos: int) -> bool:
    """Is "per il quale" a source ("l'Alto rappresentante, per il quale …")? Only after an actor
    or a noun phrase for people; after a thing it means "for which"."""
    text = st.text
    if any(m.end <= pos and not text[m.end:pos].strip(" ,") and is_eligible(m, text, st.lex) for m in st.mentions):
        return True
    return _described_antecedent(st, s, pos) is not None


def _described_antecedent(st: State, s: int, pos: int) -> list[Speaker] | None:
    """"i separatisti, secondo i quali …", "l'Alto rappresentante, per il quale …": a noun phrase
    for people right before the relative is its antecedent. The person or collective it
    describes when the article or the lexicons say who; else [] (an unnamed group speaks, and
    the topic or the last actor named is not it). None when no such phrase stands there."""
    m = _NP_BEFORE.search(st.text, s, pos)
    if m is None or any(x.start < pos and x.end > m.start(1) for x in st.mentions):
        return None
    phrase = m.group(1)
    lex = syntax_lexicon(st.lex.language)
    if not any(w in lex.person_nouns or w in lex.collective_nouns for w in re.findall(r"[^\W\d_]+", phrase.lower())):
        return None
    who = resolve_description(phrase, m.start(1), st.text, st.mentions, st.topic, st.lex, st.published, st.doc)
    return [who] if who is not None else []


def handle_sources(st: State, si: int) -> None:
    """"secondo X, …", "…, secondo X", "X, secondo cui …", "A suo avviso, …"."""
    text, lex = st.text, st.lex
    s, e = st.sentences[si]
    for m in lex.relative_re.finditer(text, s, e):
        if within_quote(st.qspans, m.start()) or any(f.start <= m.start() < f.end for f in st.found):
            continue
        if m.group(0).lower().startswith("per") and not _for_whom(st, s, m.start()):
            continue  # "un'intesa per la quale il ministro ha espresso …": "for which", no source
        speakers = _antecedent(st, s, m.start())
        emit(st, m.end(), content_end(st, m.end(), e, []), speakers, None, 0.7)
    for m in lex.possessive_re.finditer(text, s, e):
        if within_quote(st.qspans, m.start()):
            continue
        start = m.end()
        emit(st, start, content_end(st, start, e, []), list(st.topic.speakers), None, 0.6)
    for m in lex.source_re.finditer(text, s, e):
        if within_quote(st.qspans, m.start()) or any(f.start <= m.start() < f.end for f in st.found):
            continue
        if lex.relative_re.match(text, m.start()) or _ORDINAL_BEFORE.search(text, s, m.start()):
            continue  # "il secondo lo scorso settembre": an ordinal, not "according to"
        rest = text[m.end():e]
        if re.match(r"\s*quanto\b", rest, re.IGNORECASE):
            _as_reported_by(st, si, m.start(), m.end())
            continue
        if re.match(r"\s*(?:me|noi|voi|te)\b", rest, re.IGNORECASE):
            continue
        np_m = re.match(r"[^,;:.«»“”\"]*", rest)
        title = re.match(r"[«“\"][^«»“”\",;:.]{1,40}[»”\"][^,;:.«»“”\"]*", rest[np_m.end():])
        if title and re.search(r"(?:quotidiano|giornale|agenzia|emittente|rivista|testata|settimanale)\s*$",
                               rest[:np_m.end()], re.IGNORECASE):
            np_m = re.match(r".{%d}" % (np_m.end() + title.end()), rest, re.DOTALL)  # "il quotidiano «The Times»"
        np_end = m.end() + np_m.end()
        inside = [x for x in st.mentions if m.end() <= x.start < np_end and x.label in ("PER", "ORG", "GPE")]
        # "…, secondo X." and "…, secondo X, che ha incontrato Y.": the source closes the sentence
        trailing = not text[np_end:e].strip(" .") or _RELATIVE_TO_END.fullmatch(text, np_end, e) is not None
        if trailing and text[max(s, m.start() - 2):m.start()].strip() != ",":
            phrase_end = _source_phrase_end(st, m.end(), e)  # "Secondo gli osservatori Suu Kyi non ha …"
            if phrase_end is not None:
                inside = [x for x in st.mentions
                          if m.end() <= x.start < phrase_end and x.label in ("PER", "ORG", "GPE")]
                who = _source_np(st, m.end(), phrase_end, inside)
                if who:
                    emit(st, phrase_end, content_end(st, phrase_end, e, []), who, None, 0.6)
                continue
        if trailing:  # "…, secondo X."
            who = _source_np(st, m.end(), np_end, inside)
            if who and text[max(s, m.start() - 2):m.start()].strip() == ",":
                emit(st, clause_start(st, s, m.start()), m.start(), who, None, 0.65)
            continue
        if text[np_end:np_end + 1] == ",":  # "Secondo X, …"
            who = _source_np(st, m.end(), np_end, inside)
            if who:
                start = skip_apposition(st, np_end + 1, e)
                emit(st, start, content_end(st, start, e, []), who, None, 0.7)
            continue
        phrase_end = _source_phrase_end(st, m.end(), e)
        if phrase_end is not None and phrase_end <= np_end:
            # "Secondo la presidente del Consiglio Giorgia Meloni è un «compromesso …»": no comma
            # closes the source, the content runs on to a quotation
            who = _source_np(st, m.end(), phrase_end, [x for x in inside if x.start < phrase_end])
            if who:
                emit(st, phrase_end, content_end(st, phrase_end, e, []), who, None, 0.6)
                continue
        if inside and inside[0].start - m.end() < 8:  # "secondo la NATO sono …"
            first = inside[0]
            start = first.end
            emit(st, start, content_end(st, start, e, []), [speaker_of(first)], None, 0.6)


#: A determiner right before a source word makes it an ordinal ("un secondo referendum", "e il
#: secondo lo scorso settembre"), not "according to".
_ORDINAL_BEFORE = re.compile(r"(?<![\w'’])(?:il|lo|un|uno|al|allo|del|dello|nel|nello|dal|dallo|sul|sullo|ogni)\s+$",
                             re.IGNORECASE)


_SOURCE_TITLES = frozenset(["agenzia", "quotidiano", "giornale", "emittente", "tv", "televisione", "radio", "sito",
                            "portale", "testata", "rivista", "settimanale", "canale", "network", "ong", "partito",
                            "movimento", "gruppo", "organizzazione", "istituto", "think", "tank", "centro"])


def _source_phrase_end(st: State, pos: int, e: int) -> int | None:
    """Where the source phrase after "secondo" ends when no comma closes it ("secondo media
    arabi il presidente …", "secondo l'Onu la repressione …", "secondo il ministro X nei
    colloqui …"): after its determiner, nouns and "di" complements, and a name apposed to a
    title ("il ministro X", "l'agenzia Dan"); the content starts at the next phrase. None when
    the words after it are not a clause of their own."""
    an = st.an
    if an is None:
        return None
    toks = an.tokens
    i, b = token_index(toks, pos), token_index(toks, e)
    k = i
    while k < b and toks[k].pos == "DET":
        k += 1
    head_start = k
    last_noun = None
    while k < b:
        t = toks[k]
        if t.pos in ("NOUN", "PROPN", "NUM") or t.low in st.lex.data["parties"]:
            if t.pos == "PROPN" and last_noun is not None and toks[last_noun].pos == "NOUN" \
                    and not (toks[last_noun].low in syntax_lexicon("it").person_nouns
                             or st.lex.role_re.fullmatch(toks[last_noun].text)
                             or toks[last_noun].low in _SOURCE_TITLES) \
                    and not any(toks[x].pos == "ADP" for x in range(head_start, k)):
                break  # "gli osservatori Suu Kyi": a name after a plural noun starts the content
            last_noun = k
            k += 1
        elif t.pos == "ADP" and st.lex.prepositions and t.low in ("di", "d'", "del", "della", "dello", "dei", "degli",
                                                                   "delle", "dell'") and k + 1 < b:
            k += 1
            while k < b and toks[k].pos == "DET":
                k += 1
        else:
            break
    if last_noun is None or k >= b or k == head_start:
        return None
    nxt = toks[k]
    if nxt.pos not in ("DET", "PROPN", "NOUN", "ADP", "QUOTE", "PRON", "NUM", "NEG", "CLITIC", "AUX", "VERB", "MODAL"):
        return None
    rest = toks[k:b]
    if not any(t.pos in ("VERB", "AUX", "MODAL") and t.form == "fin" for t in rest):
        return None
    return toks[k].start


_RELAY = re.compile(r"\b(?:(?P<by>citat[oaie]|ripres[oaie]|riportat[oaie])\s+"
                    r"(?:(?:da|dal|dalla|dallo|dai|dagli|dalle)\s+|dall['’]\s*)"  # "citato dall'agenzia"
                    r"|(?P<citing>citando|riprendendo)\s+)", re.IGNORECASE)


def relays(st: State) -> None:
    """A statement relayed by a medium is annotated at both levels: "…, ha detto X, citato dalla
    Tass" adds the Tass as a speaker of the same words, "…, riferisce l'emittente citando il
    team di X" adds the team it cites."""
    text = st.text
    for f in list(st.found):
        if f.cue_start is None and f.confidence < 0.6:
            continue
        si = sentence_index(st, f.cue_start if f.cue_start is not None else f.start)
        s, e = st.sentences[si]
        for m in _RELAY.finditer(text, s, e):
            if f.start <= m.start() < f.end or within_quote(st.qspans, m.start()):
                continue
            who = speaker_in(st, m.end(), min(e, m.end() + 80), any_case=True)
            if not who or any(w.name in {sp.name for sp in f.speakers} for w in who):
                continue
            st.found.append(Found(f.start, f.end, f.kind, tuple(who[:1]), m.start(), m.end() - 1, 0.55))
            break


_QUANTO = re.compile(r"\s*quanto\s+(?:(?:si\s+)?(?:ha|hanno|è|sono|ha\s+potuto|hanno\s+potuto)\s+)?"
                     r"(?P<verb>\w+)(?:\s+(?:anche|già|ieri|oggi|da|dal|dalla|dallo|dall['’]|dai|dagli|dalle))*\s+",
                     re.IGNORECASE)


def _as_reported_by(st: State, si: int, cue_start: int, pos: int) -> None:
    """"Secondo quanto riferisce X, …", "secondo quanto hanno riferito entrambe le delegazioni, …":
    X's report of the clause after the comma; "…, ha detto Y, secondo quanto riporta X": X relays
    Y's statement; "A, secondo quanto riporta X" with no report in A: X's report of A."""
    text = st.text
    s, e = st.sentences[si]
    m = _QUANTO.match(text, pos, e)
    if m is None or st.lex.form_info.get(m.group("verb").lower(), ("",))[0] == "":
        return  # "secondo quanto previsto dall'accordo": no verb of saying
    phrase = re.match(r"[^,;:.«»“”\"]*", text[m.end():e])
    phrase_end = m.end() + (phrase.end() if phrase else 0)
    who = speaker_in(st, m.end(), phrase_end, any_case=True)
    if not who:
        return
    verb_end = m.start("verb") + len(m.group("verb"))
    cue = Cue(cue_start, verb_end, m.start("verb"), "", "finite", "assertive", False, None)
    if text[phrase_end:phrase_end + 1] == "," and not text[cue_start - 2:cue_start].strip(" ") == ",":
        start = skip_apposition(st, phrase_end + 1, e)
        emit(st, start, content_end(st, start, e, []), who, cue, 0.65)
    elif text[max(s, cue_start - 2):cue_start].strip() == ",":
        # "Lo ha annunciato X, secondo quanto riporta Y": Y relays X's statement (a clause with
        # no report of its own before the phrase is not read: its source is too often misnamed)
        reported = [f for f in st.found if f.cue_start is not None and s <= f.cue_start < cue_start]
        if reported:
            f = reported[-1]
            if not any(w.name in {sp.name for sp in f.speakers} for w in who):
                st.found.append(Found(f.start, f.end, f.kind, tuple(who[:1]), cue.start, cue.end, 0.55))
        else:  # "I colloqui riprenderanno lunedì, secondo quanto riferisce X": X's report of the clause
            comma = text.rfind(",", s, cue_start)
            start = clause_start(st, s, comma)
            if len(text[start:comma].split()) >= 4 and not within_quote(st.qspans, comma):
                emit(st, start, comma, who, cue, 0.55)


#: A relative clause on the source that runs to the sentence end ("…, secondo X, che ha …").
_RELATIVE_TO_END = re.compile(r"\s*,\s*(?:che|il quale|la quale|i quali|le quali)(?![\w'’])[^,;:«»“”\"]*", re.IGNORECASE)
#: A relative clause on the source set off by commas ("Secondo X, che ha incontrato Y, …").
_RELATIVE_ASIDE = re.compile(r"\s*(?:che|il quale|la quale|i quali|le quali)(?![\w'’])[^,;:«»“”\"]{1,120},",
                             re.IGNORECASE)


def skip_apposition(st: State, pos: int, e: int) -> int:
    """After "Secondo X," an apposition set off by commas (", citato dalla Tass,", ", vicina ai
    filorussi,", ", che ha incontrato Y,") is not the content: skip a short segment with no
    finite verb, or a relative clause."""
    rel = _RELATIVE_ASIDE.match(st.text, pos, e)
    if rel is not None:
        return rel.end()
    m = re.match(r"\s*([^,;:«»“”\"]{1,60}),", st.text[pos:e])
    if m is None or st.an is None:
        return pos
    toks = st.an.tokens
    a, b = token_index(toks, pos + m.start(1)), token_index(toks, pos + m.end(1))
    if len(toks[a:b]) > 8 or any(t.pos in ("VERB", "AUX", "MODAL") and t.form == "fin" for t in toks[a:b]) \
            or a < b and (toks[a].pos in ("DET", "PROPN", "PRON", "NUM") or toks[a].text[:1].isupper()):
        return pos  # a clause, or a noun phrase that is the content's own subject
    return pos + m.end()


def _source_np(st: State, lo: int, hi: int, inside: Sequence[Mention]) -> list[Speaker]:
    text = st.text
    np = text[lo:hi].strip()
    if not np:
        return []
    people = [m for m in inside if m.label == "PER"]
    if inside and not st.lex.role_re.search(text[lo:inside[0].start]):
        return [speaker_of(people[0] if people else inside[0])]
    who = resolve_description(np, lo + len(text[lo:hi]) - len(text[lo:hi].lstrip()), text, st.mentions,
                              st.topic, st.lex, st.published, st.doc)
    if who:
        return [who]
    if inside:
        return [speaker_of(people[0] if people else inside[0])]
    return []


#: "Per X, …" opening a sentence or a coordinated clause ("…, e per X …", "Mentre per X …").
_PER_OPENING = re.compile(r"(?:(?:e|ed|ma|mentre|invece|anche|intanto)\s+)?(?P<per>per)\s+", re.IGNORECASE)
_PER_INSIDE = re.compile(r"[,;]\s*(?:e|ed|ma|mentre)\s+(?P<per>per)\s+", re.IGNORECASE)


def per_source(st: State, si: int) -> None:
    """"Per il ministro X, …", "Per Putin «l'obiettivo …»", "Per il governo si tratta di …":
    "per" + someone who holds views, at the head of a clause, attributes the clause that follows
    as "secondo" does. Only people and organisations (a person named, or described by a role):
    "per l'Italia è un successo", "per fermare la guerra" are not sources; and the clause must
    state something (a finite verb, or a quotation)."""
    text = st.text
    s, e = st.sentences[si]
    head = text[s:min(e, s + 400)]
    if "per " not in head.lower():
        return
    first = _PER_OPENING.match(text, s, e)
    for m in ([first] if first else []) + list(_PER_INSIDE.finditer(text, s, min(e, s + 400))):
        pos = m.end()
        if within_quote(st.qspans, pos) or any(f.start <= pos < f.end for f in st.found):
            continue
        np_m = re.match(r"[^,;:.«»“”\"(]*", text[pos:e])
        np_end = pos + np_m.end()
        comma = text[np_end:np_end + 1] == ","
        quote = text[np_end:np_end + 1] in "«“\"" and np_end < e
        cut = _source_phrase_end(st, pos, e) if not comma else None
        if cut is not None and cut < np_end:
            phrase_end, comma = cut, False  # "Per il ministro X questa novità «…»": the content's subject
        elif comma or quote:
            phrase_end = np_end
        else:
            continue
        if len(text[pos:phrase_end].split()) > 10 or not text[pos:phrase_end].strip():
            continue
        who = _per_holder(st, pos, phrase_end)
        if not who:
            continue
        start = skip_apposition(st, phrase_end + 1, e) if comma else phrase_end
        end = content_end(st, start, e, [])
        quoted = text[start:start + 2].lstrip()[:1] in "«“\""
        if end - start < 12 or not (quoted or finite_between(st, start, end)):
            continue
        cue = Cue(m.start("per"), m.end("per"), m.start("per"), "", "finite", "assertive", False, None)
        emit(st, start, end, who, cue, 0.6)


def _per_holder(st: State, lo: int, hi: int) -> list[Speaker]:
    """The person or organisation a "per" phrase names, or [] (places, things, infinitives)."""
    an = st.an
    if an is None:
        return []
    toks = an.tokens
    i = token_index(toks, lo)
    if i < len(toks) and toks[i].pos in ("VERB", "AUX", "MODAL", "ADV", "NUM", "PRON", "CLITIC"):
        return []  # "per fermare …", "per ora", "per questo"
    inside = [x for x in st.mentions if lo <= x.start and x.end <= hi and x.label in ("PER", "ORG")]
    people = [x for x in inside if x.label == "PER"]
    if people:
        return [speaker_of(people[-1])]
    phrase = st.text[lo:hi].strip()
    who = resolve_description(phrase, lo, st.text, st.mentions, st.topic, st.lex, st.published, st.doc)
    if who is not None:
        return [who]
    if inside and st.lex.role_re.search(st.text[lo:inside[0].start]) is None \
            and not st.text[inside[-1].end:hi].strip():
        return [speaker_of(inside[-1])]  # "per il Cremlino", "per Hamas"
    return []
