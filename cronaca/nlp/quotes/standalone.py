"""Quotations with no cue: after a colon, a statement that runs on over paragraphs or into a
sentence that quotes words of it, and the answers of an interview."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from ..attribution import Speaker, is_eligible, resolve_description, speaker_of, subject_before
from .speakers import speaker_in
from .state import Found, State, clause_start, content_end, emit, finite_between, sentence_index, trim_end, within_quote


def find_standalone(st: State, cue_positions: Sequence[int]) -> None:
    """Quotations with no cue of their own.

    - after a colon, with the speaker named before it ("Erdogan è stato chiaro: «…»");
    - a whole sentence or paragraph beside an attributed quotation (a statement that runs on);
    - a long quotation (12+ words: speech, not a scare quote) inside a sentence whose subject is
      a person ("Borrell ha convocato il Consiglio per «prendere decisioni …»");
    - then a sentence with no cue nor subject of its own that quotes words inside its clause,
      after a reported statement: that statement runs on (:func:`_mixed_run_on`; the text's
      cues, found once, sorted, are ``cue_positions``).
    """
    text = st.text
    used = [(f.start, f.end) for f in st.found]
    interviewee = _interviewee(st)
    for q in st.qspans:
        if q.depth or any(a <= q.inner_start < b or q.inner_start <= a < q.inner_end for a, b in used):
            continue
        n_words = len(text[q.inner_start:q.inner_end].split())
        if n_words < 2 or n_words < 4 and not _person_colon_before(st, q.start):
            continue  # a short quotation is a scare quote, unless a person introduces it with a colon
        si = sentence_index(st, q.start)
        s, _ = st.sentences[si]
        lo = clause_start(st, min(s, q.start), q.start)
        line_start = text.rfind("\n", 0, q.start) + 1
        before = text[line_start:q.start].rstrip()
        hi = line_start + len(before) - 1 if before.endswith(":") else q.start
        actors = subject_before(text, min(lo, hi), hi, st.mentions, st.lex, st.asides)
        named = [sp for sp in actors if sp.label == "PER"]
        speakers: tuple[Speaker, ...] = ()
        after_cosi = _cosi_after(st, q.end)
        after_noun = _speech_noun_after(st, q.end) if not after_cosi else []
        if after_cosi:
            speakers = tuple(after_cosi)  # "«…»: così il ministro X al termine del vertice"
        elif after_noun:
            speakers = tuple(after_noun)  # "«…», la minaccia fatta oggi da X"
        elif interviewee and not before:
            speakers = (interviewee,)  # an answer in an interview
        elif before.endswith(":") and named:
            speakers = tuple(named[-1:])
        elif before.endswith(":") and (by_noun := _speech_noun_of(st, min(lo, hi), hi)):
            speakers = tuple(by_noun)  # "Dura la replica di X: «…»"
        elif before.endswith(":") and actors and not finite_between(st, min(lo, hi), hi):
            speakers = tuple(actors[-1:])  # "Soddisfatta la Farnesina: «…»", "La Nato in una nota: «…»"
        elif not before or before[-1] in ".!?:-–—":
            if re.match(r"\s*[.!?]?\s*(?:\n|$|[A-ZÀ-Ý«“\"])", text[q.end:q.end + 3] + " ") is None:
                continue
            near = [f for f in st.found if abs(f.start - q.end) < 400 or abs(q.start - f.end) < 400]
            if near:
                nearest = min(near, key=lambda f: min(abs(f.start - q.end), abs(q.start - f.end)))
                speakers = nearest.speakers
                if q.start <= s + 1:
                    speakers = _subject_of_sentence_before(st, si, q.end) or speakers
            elif before.endswith(":"):
                speakers = tuple(sp for sp in st.topic_before[si] if sp.label == "PER")
        elif n_words >= 12 and named:
            speakers = tuple(named[-1:])
        if speakers and _names_its_speaker(st, q.inner_start, q.inner_end, speakers, cue_positions):
            continue  # "«… la proposta del presidente francese Emmanuel Macron …»": not Macron's words
        if speakers:
            st.found.append(Found(q.inner_start, trim_end(text, q.inner_start, q.inner_end), "direct",
                                   speakers, None, None, 0.5))
    _noun_colon_statements(st)
    _mixed_run_on(st, cue_positions)


def _names_its_speaker(st: State, lo: int, hi: int, speakers: Sequence[Speaker],
                       cue_positions: Sequence[int]) -> bool:
    """Does a quotation with no cue inside it name every speaker it was given? Someone quoted
    does not name themselves in the third person: those are someone else's words about them."""
    if bisect_left(cue_positions, lo) < bisect_left(cue_positions, hi):
        return False  # "«…, ha affermato X, …»": the cue and its subject inside the marks
    ids = {sp.actor_id for sp in speakers}
    if None in ids:
        return False
    named = {m.actor_id for m in st.mentions if lo <= m.start < hi}
    return ids <= named


def _mixed_run_on(st: State, cue_positions: Sequence[int]) -> None:
    """"«A», ha detto X. La conferenza «si terrà in autunno» e sarà aperta a tutti.": a sentence
    with no cue and no subject of its own that quotes words inside its own clause, right after a
    sentence that ends with an attributed statement, carries that statement on (indirect, the
    whole sentence). An actor governed by a preposition is no subject ("Con la Francia «abbiamo
    un buon rapporto»")."""
    text = st.text
    for si in range(1, len(st.sentences)):
        s, e = st.sentences[si]
        if any(f.start < e and s < f.end for f in st.found) \
                or bisect_left(cue_positions, s) < bisect_left(cue_positions, e):
            continue
        mixed = [q for q in st.qspans if q.depth == 0 and s < q.start and q.end <= e
                 and len(text[q.inner_start:q.inner_end].split()) >= 3
                 and finite_between(st, q.inner_start, q.inner_end)]
        if not mixed or any(s <= m.start < mixed[0].start and is_eligible(m, st.text, st.lex) for m in st.mentions) \
                or st.lex.role_re.search(text, s, mixed[0].start) or st.lex.any_source_re.search(text, s, e):
            continue  # a subject of its own ("Il ministro indica «…»"), or a source ("Secondo X, «…»")
        ps, pe = st.sentences[si - 1]
        # the statement closes its sentence: its content does, or its cue follows the content
        # ("«A», ha detto X parlando ai giornalisti.")
        before = [f for f in st.found if ps <= f.start < pe and f.cue_start is not None
                  and (f.end >= pe - 3 or f.end <= f.cue_start)]
        if before:
            emit(st, clause_start(st, s, e), e, before[-1].speakers, None, 0.5, "indirect")


def _subject_of_sentence_before(st: State, si: int, end: int) -> tuple[Speaker, ...]:
    """«A», ha detto X. Y ha chiesto nuovi aiuti. «B»: a quotation with no cue opening a sentence
    right after one with no statement of its own, whose subject is a person, is that person's
    (the topic that sentence set); () otherwise, and the nearest statement's speaker stands. A
    statement whose cue follows it right after the quotation ("«B». Il voto è una «proroga», ha
    commentato Z") carries the quotation on: its speaker stands too."""
    if si == 0 or si >= len(st.topic_before):
        return ()
    ps, pe = st.sentences[si - 1]
    if any(ps <= f.start < pe or f.cue_start is not None and ps <= f.cue_start < pe for f in st.found):
        return ()
    ne = st.sentences[min(si + 1, len(st.sentences) - 1)][1]
    if any(end <= f.start < ne and f.cue_start is not None and f.cue_start >= f.end for f in st.found):
        return ()
    return tuple(sp for sp in st.topic_before[si] if sp.label == "PER")


def _person_colon_before(st: State, pos: int) -> bool:
    """Does a person's name, then a colon, come right before ``pos`` ("Macron: «Serve unità»")?"""
    m = re.search(r"(\S+)\s*:\s*$", st.text[max(0, pos - 80):pos])
    if m is None:
        return False
    end = pos - len(m.group(0)) + len(m.group(1))
    return any(x.end == end and x.label == "PER" for x in st.mentions)


def _noun_colon_statements(st: State) -> None:
    """"La replica di Mosca: la Nato …", "In serata la conferma del Cremlino: il vertice è rinviato":
    a noun of speech with its author before a colon, and an unquoted clause after it."""
    text = st.text
    for s, e in st.sentences:
        colon = text.find(":", s, e)
        if colon < 0 or within_quote(st.qspans, colon) or any(f.start <= colon < f.end or
                                                               f.cue_start is not None and s <= f.cue_start < e
                                                               for f in st.found):
            continue
        rest = text[colon + 1:e]
        start = colon + 1 + len(rest) - len(rest.lstrip())
        if not rest.strip() or text[start] in "«“\"„" or not finite_between(st, start, e):
            continue
        who = _speech_noun_of(st, clause_start(st, s, colon), colon)
        if who:
            emit(st, start, content_end(st, start, e, []), who, None, 0.55)


_QUESTION_LINE = re.compile(r"^[^\n«»“”\"]{12,}\?[ \t]*$", re.MULTILINE)


_VOCATIVE = re.compile(r"^(?:signor[ae]?\s+)?(\w+)\s*,", re.IGNORECASE)


def _interviewee(st: State) -> Speaker | None:
    """Who answers in an interview (paragraphs that are questions, followed by answers): the
    person a question addresses by title ("Ambasciatore, …?"), else the one most quoted with a
    cue, else the first person named in the paragraph that introduces the first question."""
    text = st.text
    questions = list(_QUESTION_LINE.finditer(text))
    if not questions:
        return None
    people = [m for m in st.mentions if m.label == "PER"]
    for qm in questions:
        voc = _VOCATIVE.match(qm.group(0))
        if voc and st.lex.role_re.fullmatch(voc.group(1)):
            title = voc.group(1).lower()
            for m in people:
                if m.role and title in m.role.lower() or re.search(
                        rf"{re.escape(title)}\w*[^.;]{{0,40}}$", text[max(0, m.start - 60):m.start], re.IGNORECASE):
                    return speaker_of(m)
    counts: dict[str, list[Speaker]] = {}
    for f in st.found:
        if f.cue_start is not None:
            for sp in f.speakers:
                if sp.label == "PER":
                    counts.setdefault(sp.name, []).append(sp)
    if counts:
        return max(counts.values(), key=len)[0]
    first_q = questions[0].start()
    intro_end = len(text[:first_q].rstrip())  # the paragraph before, past the blank lines between
    para_start = text.rfind("\n", 0, intro_end) + 1
    intro = [m for m in people if para_start <= m.start < first_q]
    return speaker_of(intro[0]) if intro else None


@lru_cache(maxsize=4)
def _speech_noun_re(nouns: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(n).replace("\\ ", r"\s+").replace("'", "['’]") for n in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?:\s+[\w'’]+){{0,2}}?\s+"
                      r"(?:di|del|della|dello|dei|degli|delle|dell['’]|da|dal|dalla|dallo|dai|dagli|dalle|dall['’])"
                      r"(?:(?<=['’])|(?![\w'’]))\s*", re.IGNORECASE)  # an elided "dell'" is glued to the next word


def _speech_noun_of(st: State, lo: int, colon: int) -> list[Speaker]:
    """"Dura la replica di Mosca: «…»", "Netto il commento del ministro X: «…»": a noun of
    speech with its author before the colon that opens the quotation, and no verb of its own."""
    nouns = tuple(st.lex.data.get("speech_nouns", ()))
    if not nouns:
        return []
    found = None
    for m in _speech_noun_re(nouns).finditer(st.text, lo, colon):
        found = m
    if found is None:
        return _speech_from(st, lo, colon, nouns)
    if finite_between(st, found.end(), colon):
        return []
    who = speaker_in(st, found.end(), colon, any_case=True)
    if who:
        return who[:1]
    desc = resolve_description(st.text[found.end():colon].strip(), found.end(), st.text, st.mentions, st.topic,
                               st.lex, st.published, st.doc)
    return [desc] if desc is not None else []


_ARRIVES_FROM = re.compile(r"(?<![\w'’])(?:da|dal|dalla|dallo|dall['’]|dai|dagli|dalle)(?:(?<=['’])|(?![\w'’]))\s*(?P<src>[^,;:«»“”\"]{2,60}?)\s+"
                           r"(?:arriva|arrivano|giunge|giungono|è arrivata|è arrivato|è giunta|è giunto|sono arrivate|"
                           r"sono arrivati|viene|vengono|parte|partono)\s+(?:(?:anche|poi|subito|presto)\s+)?"
                           r"(?:(?:il|lo|la|i|gli|le|un|una|uno)\s+|l['’]|un['’])?(?P<noun>[\w'’]+(?:\s+[\w'’]+)?)\s*$",
                           re.IGNORECASE)


def _speech_from(st: State, lo: int, colon: int, nouns: tuple[str, ...]) -> list[Speaker]:
    """"Da Mosca arriva la replica: «…»": a noun of speech that arrives from an actor."""
    m = _ARRIVES_FROM.search(st.text, lo, colon)
    if m is None or not any(m.group("noun").lower().startswith(n) for n in nouns):
        return []
    return speaker_in(st, m.start("src"), m.end("src"), any_case=True)[:1]


_NOUN_AFTER = re.compile(r"[ \t]*[,:][ \t]*(?:(?:è|e['’]|era|sono|erano|questa|queste|questo|ecco)[ \t]+"
                         r"(?:(?:invece|anche|poi|così|dunque|quindi)[ \t]+)?)?"
                         r"(?:(?:il|lo|la|i|gli|le)[ \t]+|l['’][ \t]*)?", re.IGNORECASE)


def _speech_noun_after(st: State, pos: int) -> list[Speaker]:
    """"«…», la minaccia fatta oggi da X", "«…», è invece la lettura di X", "«…»: questo il
    commento di X": a noun of speech right after the quotation names its author, with no verb of
    its own."""
    nouns = tuple(st.lex.data.get("speech_nouns", ()))
    m = _NOUN_AFTER.match(st.text, pos)
    if m is None or not nouns:
        return []
    e = st.sentences[sentence_index(st, m.end())][1]
    noun = _speech_noun_re(nouns).match(st.text, m.end(), e)
    if noun is None:
        return []
    end = re.search(r"[,.;:\n]", st.text[noun.end():e])
    hi = noun.end() + end.start() if end else e
    if hi <= noun.end() or finite_between(st, noun.end(), hi):
        return []
    who = speaker_in(st, noun.end(), hi, any_case=True)
    if who:
        return who[:1]
    desc = resolve_description(st.text[noun.end():hi].strip(), noun.end(), st.text, st.mentions, st.topic, st.lex,
                               st.published, st.doc)
    return [desc] if desc is not None else []


_COSI = re.compile(r"[ \t]*[:,]?[ \t]*(?:[–—-][ \t]*)?così[ \t]+", re.IGNORECASE)


def _cosi_after(st: State, pos: int) -> list[Speaker]:
    """"«…»: così il ministro X al termine del vertice": the attribution after the quotation in
    the same sentence, a speaker phrase with no verb of its own."""
    m = _COSI.match(st.text, pos)
    if m is None:
        return []
    e = st.sentences[sentence_index(st, m.end())][1]
    end = re.search(r"[.;\n]", st.text[m.end():e])
    hi = m.end() + end.start() if end else e
    if hi <= m.end() or finite_between(st, m.end(), hi):
        return []
    who = speaker_in(st, m.end(), hi)
    if who:
        return who[:1]
    desc = resolve_description(st.text[m.end():hi].strip(), m.end(), st.text, st.mentions, st.topic, st.lex,
                               st.published, st.doc)
    return [desc] if desc is not None else []
