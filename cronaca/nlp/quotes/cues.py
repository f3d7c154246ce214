"""Statements around a reporting verb: its complement clause ("ha detto che …"), infinitive
("ha chiesto di …"), noun-phrase object ("ha ribadito il sostegno …"), colon and quotation, or
the words before it when it is inverted ("«…», ha detto X"), set off by commas or dashes
("Cuba, ha aggiunto X, è …"), or a source after "come" ("Come spiega X, …")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..attribution import SPEAKER_LABELS, Speaker, is_eligible, skip_interposed, speaker_after
from ..quotemarks import QuoteSpan
from ..reporting import Cue
from .sources import skip_apposition
from .speakers import (
    cue_subject,
    inverted_subject,
    issuing_body,
    sentence_subject,
    speaker_in,
    subject_named,
    syntax_subject,
)
from .state import (
    INFINITIVE_NEXT,
    NOT_NP_START,
    TO,
    TO_INFINITIVE,
    Found,
    State,
    clause_start,
    content_end,
    emit,
    finite_between,
    outer_quote,
    quotation_through,
    within_quote,
)

#: The complementizer right after a cue, past a connective ("ha detto però che …").
_COMPLEMENT = re.compile(r"\s*(?:(?:tuttavia|però|anche|inoltre|poi|quindi|comunque|invece|infatti)\s+)*"
                         r"(?:che|come|quanto|affinché)\b", re.IGNORECASE)
#: The complementizer after a short circumstantial phrase ("ha detto ai giornalisti che …").
_COMPLEMENT_AFTER_PHRASE = re.compile(
    r"\s+(?:(?:a|ad|al|alla|ai|agli|all['’]|in|nel|nella|durante|dopo|mercoledì|lunedì|martedì|"
    r"giovedì|venerdì|sabato|domenica|ieri|oggi|in precedenza|da)\b[^,;:«»“”\"]{0,110}?)\s+"
    r"(?:che|come|quanto)\b", re.IGNORECASE)


def handle_cue(st: State, si: int, cue: Cue, cue_positions: Sequence[int]) -> None:
    text, lex = st.text, st.lex
    s, e = st.sentences[si]
    after = text[cue.end:e]
    before_text = text[s:cue.start]

    if cue.form == "cleft":
        _cleft(st, si, cue, after, cue_positions)
        return
    if _come_source(st, si, cue, before_text):
        return

    # 4. "Lo ha detto X": the content is the previous sentence or the clause before a colon
    if cue.clitic:
        speakers, how = syntax_subject(st, cue, inverted=True)
        if how not in ("subject", "inverted"):
            speakers, _ = speaker_after(text, cue.end, e, st.mentions, lex, st.topic, st.published, st.doc)
        speakers = speakers or list(st.topic.speakers)
        head = before_text.rstrip()
        if head.endswith(":") and len(head.split()) >= 3:
            q = outer_quote(st, end=s + len(head) - 1)
            if q is not None:
                emit(st, q.inner_start, q.inner_end, speakers, cue, 0.8, "direct")
            else:
                emit(st, clause_start(st, s, cue.start), s + len(head) - 1, speakers, cue, 0.7)
        elif not head.strip(" -–—") and si > 0:
            ps, pe = st.sentences[si - 1]
            q = quotation_through(st, ps, pe)
            if q is not None:  # a statement quoted over several sentences: "«A. B.» Lo ha detto X"
                emit(st, q.inner_start, q.inner_end, speakers, cue, 0.8, "direct")
            else:  # the whole sentence, a report it holds included: a nested report is one at both levels
                emit(st, clause_start(st, ps, pe, after_found=False), pe, speakers, cue, 0.7)
        return

    # 1. complementizer right after the cue, possibly after a short circumstantial phrase
    m = _COMPLEMENT.match(after) or _COMPLEMENT_AFTER_PHRASE.match(after)
    if cue.lemma in lex.quoted_di_lemmas:
        di = re.match(r"\s+(?:(?:anche|poi|più volte|ancora|apertamente)\s+)*"
                      r"(?:di|del|della|dello|dei|degli|delle|dell['’])\s*",
                      after, re.IGNORECASE)
        word = re.match(r"\w+", after[di.end():]) if di else None
        adverbial = di is not None and word is not None and after[:di.end()].split()[-1].lower() == "di" \
            and word.group(0).lower() in lex.di_adverbials  # "ha parlato di recente"
        if di and not adverbial:
            start = cue.end + di.end()  # "ha parlato di «molti progressi»"
            end = content_end(st, start, e, cue_positions)
            if re.search(r"[«“\"„]", after[di.end():di.end() + 60]) or (
                    cue.lemma in lex.di_object_lemmas and len(re.findall(r"[^\W_]+", text[start:end])) >= 3):
                # unquoted, a phrase of some words still states what was said: "ha parlato di
                # una svolta storica per la regione"
                emit(st, start, end, cue_subject(st, si, cue), cue, 0.7)
        return
    colon = re.match(r"\s*:\s*", after)
    inf = INFINITIVE_NEXT.match(after)
    if m is not None and inf is None and not _COMPLEMENT.match(after):
        inner = INFINITIVE_NEXT.search(after, 0, m.end())
        if inner:  # "ha chiesto a X di ritirarsi e di fare in modo che …": the request is the
            m, inf = None, inner  # infinitive, not the "che" clause it holds further on
    if cue.form == "self":
        inf = re.match(r"\s+(?=\w)", after)
        if inf and any(m.start == cue.end + inf.end() for m in st.mentions):
            return  # "quanto si sono detti Meloni e Macron": said to each other, an inverted subject
    quote_next = re.match(r"\s*(?=[«“\"„])", after)

    if colon:
        start = cue.end + colon.end()
        q = outer_quote(st, start=start)
        speakers = cue_subject(st, si, cue)
        if q is not None:
            emit(st, q.inner_start, q.inner_end, speakers, cue, 0.9, "direct")
        else:
            emit(st, start, content_end(st, start, e, cue_positions), speakers, cue, 0.7)
        return
    if m and m.group(0).rstrip().lower().endswith(("come", "quanto")) and not finite_between(st, cue.end + m.end(), e):
        m = None  # "si afferma come nuovo presidente": "come" + a noun phrase is no content clause
    if m and m.group(0).rstrip().lower().endswith("quanto"):
        m = re.match(r".*?(?=quanto\b)", after, re.IGNORECASE | re.DOTALL)  # "quanto sia importante …" is the content
    if m or inf:
        start = cue.end + (m.end() if m else inf.end())
        speakers = cue_subject(st, si, cue)
        end = content_end(st, start, e, cue_positions)
        if m:  # "ha affermato che A, e che B": two statements; without the comma ("che A e che
            # B") one complement coordinated under the verb, one statement
            for part in re.finditer(r",\s*e\s+che\s+", text[start:end]):
                if not within_quote(st.qspans, start + part.start()):
                    emit(st, start, start + part.start(), speakers, cue, 0.8)
                    start = start + part.end()
        emit(st, start, end, speakers, cue, 0.85)
        return

    # 3. inverted cue: the content precedes it
    if _inverted(st, si, cue, after, before_text, cue_positions):
        return
    if quote_next:
        q = outer_quote(st, start=cue.end + quote_next.end())
        if q is not None:
            emit(st, cue.end + quote_next.end(), content_end(st, cue.end, e, cue_positions),
                  cue_subject(st, si, cue), cue, 0.8)
            return

    # 1b. the cue takes a noun phrase object: "ha ribadito la ferma condanna di …"
    if cue.verb_class == "directive" and cue.form == "gerund":
        return
    if re.match(r"\s*[.!?]?\s*$", after):
        return
    obj = re.match(r"\s+(?:(?:il|lo|la|l['’]|i|gli|le|un|una|uno|un['’])\s*)?[\w'’«“\"]", after)
    fw = re.match(r"\s*(\w+)", after)
    first_word = fw.group(1).lower() if fw else ""
    if obj and first_word in NOT_NP_START and not (cue.verb_class == "directive" and first_word in TO):
        obj = None  # "ha promesso per la prossima settimana": no object, only a circumstance
    dative = _DATIVE_THEN_OBJECT.match(after) if obj is None and first_word in TO \
        and cue.verb_class != "directive" else None
    if dative:  # "ha confermato al ministro X il sostegno di …": the object follows the addressee
        obj = dative
    if cue.form != "impersonal" and cue.lemma not in lex.np_object_lemmas:
        return
    if cue.form == "impersonal" and any(m.end <= cue.start and not text[m.end:cue.start].strip()
                                        for m in st.mentions):
        return  # "Lai si afferma come presidente": a reflexive with its subject, not "one says"
    if obj and (any(f.start <= cue.start < f.end and not _nested_subject(st, cue, f) for f in st.found)
                or re.search(r"(?<![\w'’])non\s+$", text[max(0, cue.start - 6):cue.start], re.IGNORECASE)):
        return  # a noun-phrase object read inside another report, or denied: no statement of its own
    if obj and cue.form in ("participle", "finite", "gerund", "impersonal"):
        start = cue.end + (dative.end() if dative else len(after) - len(after.lstrip()))
        speakers = cue_subject(st, si, cue)
        if cue.form in ("participle", "finite") and speakers == list(st.topic.speakers) and not re.search(
                r"(?:^|[,;]|\b(?:ma|e|ed|poi|che)\s*)\s*$", before_text.strip(), re.IGNORECASE) \
                and not subject_named(st, si, cue):
            return  # "Prima della riunione avevano sollecitato X gli indipendentisti": no subject
        if cue.verb_class == "directive":  # "ha chiesto al Consiglio di «…»": the request itself
            if re.match(r"(?:a|ad|al|alla|allo|ai|agli|alle|all['’])\s", text[start:e], re.IGNORECASE):
                for di in re.finditer(r"\s(?=(?:di|d['’]))", text[start:min(e, start + 100)]):
                    if re.search(r"[,;:«»“”\"]", text[start:start + di.start()]):
                        break
                    if INFINITIVE_NEXT.match(text, start + di.start()):
                        start += di.end()  # the request itself: "di «rimuovere la Russia»"
                        break
        end = content_end(st, start, e, cue_positions)
        if cue.form == "impersonal":  # "era stato definito X da Y": the agent follows the content
            agent = re.search(r"\s+da(?:l|lla|llo|i|gli|lle|ll['’])?\s+", text[start:end])
            if agent:
                who, who_end = speaker_after(text, start + agent.end(), e, st.mentions, lex, st.topic,
                                             st.published, st.doc)
                if not who:
                    return
                more = re.match(r"[^.;]{0,80}?\s+e\s+da(?:l|lla|llo|i|gli|lle|ll['’])?\s+", text[who_end:e])
                if more:  # "da Dmitry Medvedev, vicepresidente …, e dal ministro Sergey Lavrov"
                    who2, _ = speaker_after(text, who_end + more.end(), e, st.mentions, lex, st.topic,
                                            st.published, st.doc)
                    who = who + who2
                speakers = who
                end = start + agent.start()
        if cue.form != "impersonal" and not _stated_object(st, start, end):
            return
        emit(st, start, end, speakers, cue, 0.6)


def _nested_subject(st: State, cue: Cue, f: Found) -> bool:
    """Is the cue, inside the statement ``f``, the verb of a report of its own: its subject named
    inside that statement, before it, and no speaker of ``f`` ("X ha riferito che Y ha ribadito il
    sostegno …")? A nested report is annotated at both levels (the guide's Lavrov reporting that
    Blinken favoured a "dialogo più razionale"); a nested request ("X ha detto che Y ha esortato Z
    a …") is not: it stays the account of whoever reports it."""
    if cue.verb_class == "directive":
        return False  # a request reported inside a report is the reporter's account of it
    speakers, how = syntax_subject(st, cue)
    return how == "subject" and bool(speakers) and all(
        sp.start is not None and f.start <= sp.start < cue.start for sp in speakers) \
        and not any(sp.name in {x.name for x in f.speakers} for sp in speakers)


#: An addressee between a cue and its noun-phrase object, up to the object's article ("ha
#: confermato al ministro degli Esteri X la disponibilità …", "ha ribadito a Y il sostegno …").
_DATIVE_THEN_OBJECT = re.compile(
    r"\s+(?:a|ad|al|alla|allo|ai|agli|alle|all['’])\s*[^,;:.!?«»“”\"()\n]{1,80}?\s+"
    r"(?=(?:(?:il|lo|la|i|gli|le|un|una|uno)\s|(?:l|un)['’])\s*[^\W\d_])", re.IGNORECASE)


_COPULA = re.compile(r"(?<![\w'’])(?:è|era|fu|sono|erano|furono|sarà|sarebbe)\s+(?:stat[oaie]\s+)?", re.IGNORECASE)


def _cleft(st: State, si: int, cue: Cue, after: str, cue_positions: Sequence[int]) -> None:
    """"È stato il ministero della Difesa ad ammettere che …", "Era stata la tv X per prima a
    rivelare che …": a cleft puts the speaker in focus between the copula and the infinitive;
    the statement is the infinitive's complement clause."""
    text = st.text
    s, e = st.sentences[si]
    copulas = list(_COPULA.finditer(text, max(s, cue.start - 140), cue.start))
    m = _COMPLEMENT.match(after) or _COMPLEMENT_AFTER_PHRASE.match(after)
    if not copulas or m is None or m.group(0).rstrip().lower().endswith(("come", "quanto")):
        return
    speakers = speaker_in(st, copulas[-1].end(), cue.start)
    if speakers:
        start = cue.end + m.end()
        emit(st, start, content_end(st, start, e, cue_positions), speakers, cue, 0.7)


def _stated_object(st: State, start: int, end: int) -> bool:
    """Does a noun-phrase object state something ("ha ribadito il sostegno del suo Paese al
    governo", "ha accusato la Russia di …")? Not a bare actor ("ha smentito Netanyahu", "ha
    elogiato Trump ieri") unless a "di"/"a" complement says of what, and not a two-word noun
    ("ha annunciato le dimissioni", "ha espresso soddisfazione") unless it quotes someone."""
    text = st.text
    words = re.findall(r"[^\W_]+", text[start:end])  # an elided article is a word: "l'importanza dell'unità"
    quoted = bool(re.search(r"[«“\"„]", text[start:end]))
    lead = re.match(r"(?:(?:il|lo|la|i|gli|le)\s+|l['’])?", text[start:end], re.IGNORECASE)
    first = start + (lead.end() if lead else 0)
    actor_first = any(m.start == first and m.label in SPEAKER_LABELS for m in st.mentions)
    if actor_first:  # "ha accusato Israele di violare …", "ha sfidato l'India a fornire …"
        limit = min(end, start + 160)
        return any(INFINITIVE_NEXT.match(text, start + m.start()) or TO_INFINITIVE.match(text, start + m.start())
                   for m in re.finditer(r"\s(?=(?:di|d['’]|a|ad)\W)", text[start:limit]))
    return quoted or len(words) >= 4


def _dashed_aside(st: State, si: int, cue: Cue, cue_positions: Sequence[int]) -> bool:
    """"Nelle scorse ore – fa sapere il Centcom – i ribelli hanno lanciato due missili": a report
    set off by dashes states the whole sentence. True when handled."""
    text = st.text
    s, e = st.sentences[si]
    speakers, sp_end = inverted_subject(st, cue, e)
    close = re.match(r"[^–—\n]{0,60}?\s[–—-]\s", text[sp_end:e]) if speakers else None
    if close is None:
        close = re.match(r"\s*[–—-]\s", text[cue.end:e])
        if close is None:
            return False
        speakers, sp_end = list(st.topic.speakers), cue.end
    if not speakers or any(sp_end <= c < e for c in cue_positions):
        return False
    start = clause_start(st, s, cue.start)
    emit(st, start, content_end(st, sp_end + close.end(), e, cue_positions), speakers, cue, 0.65)
    return True


def _come_source(st: State, si: int, cue: Cue, before_text: str) -> bool:
    """"Come spiega la Farnesina, «…»", "…, come ha sottolineato X.": a cue after "come" names a
    source, not a clause of its own; the statement is the clause after its comma, or the clause
    it closes. True when handled."""
    if not re.search(r"(?:^|[\s,(–—-])come\s*$", before_text, re.IGNORECASE) or cue.form == "gerund":
        return False
    text = st.text
    s, e = st.sentences[si]
    speakers, sp_end = inverted_subject(st, cue, e)
    if not speakers:
        return False
    rest = text[sp_end:e]
    lead = before_text.rstrip()[:-4].rstrip()
    if re.match(r"\s*,", rest) and (not lead.strip(" -–—(") or _CONNECTIVE_ONLY.fullmatch(lead)):
        start = skip_apposition(st, sp_end + rest.index(",") + 1, e)
        emit(st, start, content_end(st, start, e, []), speakers, cue, 0.7)
        return True
    if lead.endswith(("-", "–", "—")) and re.match(r"\s*[–—-]\s", rest):
        # "Anche se – come fa notare X – sono state scelte parole morbide": the whole sentence
        after_dash = sp_end + len(rest) - len(rest.lstrip(" –—-"))
        emit(st, clause_start(st, s, cue.start), content_end(st, after_dash, e, []),
              speakers, cue, 0.65)
        return True
    if lead.endswith((",", "(", "-", "–", "—")) and re.match(r"\s*(?:[.;)–—-]|,|$)", rest):
        head = re.sub(r"[\s,(–—-]+$", "", lead)
        q = outer_quote(st, end=s + len(head)) if head.endswith(("»", "”", '"')) else None
        if q is not None:  # "hanno lanciato «la più grande guerra» (come l'ha definita X)"
            emit(st, q.inner_start, q.inner_end, speakers, cue, 0.7, "direct")
            return True
        if len(head.split()) >= 4:
            emit(st, clause_start(st, s, s + len(head)), s + len(head), speakers, cue, 0.65)
            return True
    return False


#: A clause opening that is only a connective before a parenthetical cue ("Ma, ha aggiunto, …").
_CONNECTIVE_ONLY = re.compile(
    r"\s*(?:ma|e|ed|poi|però|tuttavia|inoltre|infatti|anzi|quindi|insomma|eppure|comunque|invece|intanto|"
    r"infine|oggi|ieri|ora|adesso|certo|dunque|allora)\s*,\s*", re.IGNORECASE)


#: A gerund after the subject's comma continues the reporting clause ("…, ha dichiarato X,
#: anticipando …"): the cue is no aside in the middle of a statement. Read by its ending, so every
#: verb's gerund counts, not only the listed ``clause_breaks``.
_GERUND_NEXT = re.compile(r"\s*,\s*(?:poi\s+|anche\s+|però\s+)?[^\W\d_]{2,}(?:ando|endo)(?:si|lo|la|li|le|ne|gli|ci|vi)?(?![\w'’])",
                          re.IGNORECASE)


#: Words between an inverted cue and the statement it attributes ("…, così ha detto X", "…, come
#: ha detto X", "«…», è quanto ha detto X"), and a dative clitic ("…», gli ha fatto eco X").
_ATTRIBUTION_LEAD = re.compile(r"\s*(?:(?:così|come|(?:(?:è|e['’]|ecco|questo è)\s+)?quanto)\s*)?"
                               r"(?:(?<![\w'’])(?:gli|le|mi|ci|vi)\s*)?$", re.IGNORECASE)


def _inverted(st: State, si: int, cue: Cue, after: str, before_text: str,
              cue_positions: Sequence[int]) -> bool:
    """«…», ha detto X / …, ha detto X / …, si legge nel comunicato. True when handled."""
    text, lex = st.text, st.lex
    s, e = st.sentences[si]
    lead_in = _ATTRIBUTION_LEAD.sub("", text[s:cue.start].rstrip())
    prev_char = lead_in.rstrip()[-1:]
    if prev_char in "–—-" and lead_in.rstrip(" –—-")[-1:] in ("»", "”", '"', "“"):
        prev_char = lead_in.rstrip(" –—-")[-1:]  # "«…» – ha aggiunto – «…»"
    elif prev_char in "–—-" and re.search(r"\s[–—-]$", lead_in) and cue.form != "gerund":
        return _dashed_aside(st, si, cue, cue_positions)
    if prev_char not in (",", "»", "”", '"', "“"):
        return False
    if any(q.start < cue.start and not text[q.inner_start:cue.start].strip() for q in st.qspans):
        return False  # "X «ribadisce …»": the mark before the cue opens its own words, it closes none
    if cue.form == "gerund" and not re.match(r"\s*(?:[.;]|$)", after):
        return False  # "…, riferendo di …", "…, sollecitando X a …": a gerund's content follows it
    if prev_char == "," and (cue.lemma in lex.np_object_lemmas or cue.verb_class == "directive") \
            and syntax_subject(st, cue)[1] == "subject" and not _no_subject_after(st, cue, after) \
            and not _closing_subject(st, cue, e):
        return False  # "Kiev, appoggiata dalla Nato, ha accusato la Russia di …": a subject before, an object after
    if re.match(r"\s*,\s*\S", after) and re.search(r"\bche\s*,\s*$", before_text):
        start = cue.end + after.index(",") + 1  # "un fatto che, ha detto, non è …"
        emit(st, start, content_end(st, start, e, cue_positions), cue_subject(st, si, cue), cue, 0.7)
        return True
    if prev_char == "," and _CONNECTIVE_ONLY.fullmatch(text[clause_start(st, s, cue.start):cue.start]) \
            and re.match(r"\s*,\s*\S", after) and cue.form != "gerund":
        # "Ma, ha aggiunto, gli Stati Uniti non …": a connective, then the cue set off by commas
        # with no subject of its own; the statement is what follows the second comma
        start = cue.end + after.index(",") + 1
        inherited, how = syntax_subject(st, cue)
        speakers = inherited if how == "inherited" and inherited else list(st.topic.speakers)
        emit(st, start, content_end(st, start, e, cue_positions), speakers, cue, 0.7)
        return True
    speakers, sp_end = inverted_subject(st, cue, e)
    if text[cue.verb_start:cue.end].lower().startswith("si "):
        speakers = issuing_body(st, cue, e)
    elif not speakers and _no_subject_after(st, cue, after):
        # "…», ha detto." / "…», ha scritto su Twitter": the subject of the clause that opened the
        # quotation with a colon ("X ha attaccato: «…», ha detto"), else the topic
        inherited, how = syntax_subject(st, cue)
        colon = text.rfind(":", s, cue.start)
        speakers = inherited if how == "inherited" and colon >= 0 and all(
            sp.end is not None and sp.end <= colon for sp in inherited) else []
        if not speakers and colon >= 0 and not within_quote(st.qspans, colon):
            opener = [sp for sp in sentence_subject(st, s, colon) if sp.label == "PER"]
            speakers = opener  # "X ha attaccato: «…», ha detto": who opened the quotation
        speakers = speakers or list(st.topic.speakers)
    head = lead_in.rstrip(" ,–—-")
    q = outer_quote(st, end=s + len(head)) if head.endswith(("»", "”", '"', "“")) else None
    rest = text[sp_end:e]
    if speakers and q is None and re.match(r"\s*,", rest) and len(rest.split()) >= 3 \
            and not lex.clause_break_re.match(rest) and not _GERUND_NEXT.match(rest):
        # an aside ("Kozak, ricorda la Tass, ha tenuto …"; "Una fonte, riferisce la Tass, ha
        # precisato che …"), unless the words before it are a clause of their own
        subject_before_it = any(m.end == s + len(head) and is_eligible(m, text, lex) for m in st.mentions)
        if any(sp_end <= c < e for c in cue_positions):
            st.asides.append((cue.start, sp_end))
            return True
        head_start = clause_start(st, s, cue.start)
        if subject_before_it or len(head.split()) < 4 or not finite_between(st, head_start, cue.start):
            # a parenthetical report: "Cuba, ha aggiunto Obama, è un Paese sovrano"; "Nella
            # città, aggiungono, restano alcune unità": the whole sentence is the statement
            st.asides.append((cue.start, sp_end))
            start = clause_start(st, s, cue.start)
            comma = sp_end + rest.index(",") + 1
            emit(st, start, content_end(st, comma, e, cue_positions), speakers, cue, 0.7)
            return True
    elif q is None and prev_char == "," and not re.match(r"\s*[.!?]", after) and any(
            m.end == s + len(head) and is_eligible(m, text, lex) for m in st.mentions):
        return False  # an apposition ("Il ministro, Lorenzo Guerini, ha confermato …")
    if not speakers:
        return q is not None  # an attributed quotation whose speaker we cannot name: none
    # a nested report after a statement already found: "X ha ribadito che …, così ha riferito Y"
    for f in reversed(st.found):
        if s <= f.start and f.end <= cue.start and re.fullmatch(
                r"[\s,.»”\"]*(?:così|come)\s*", text[f.end:cue.start], re.IGNORECASE):
            st.found.append(Found(f.start, f.end, f.kind, tuple(speakers), cue.start, cue.end, 0.6))
            return True
    start = clause_start(st, s, cue.start)
    if q is not None and (q.start <= start or len(text[start:q.start].split()) < 2
                          or q.start < s or text[start:q.start].rstrip().endswith(":")):
        emit(st, q.inner_start, q.inner_end, speakers, cue, 0.9, "direct")
        _split_continuation(st, sp_end, e, speakers, cue)
        return True
    if any(start <= c < cue.start for c in cue_positions):
        # the clause reports someone else's words: that inner report is the quote when one was
        # found ("X ha detto che …, come riporta Y"); else the clause is the cue's statement
        inner = [f for f in st.found if f.cue_start is not None and start <= f.cue_start < cue.start]
        if not inner and len(text[start:s + len(head)].split()) >= 4:
            emit(st, start, s + len(head), speakers, cue, 0.6)
        return True
    if len(text[start:s + len(head)].split()) < 4:
        return True
    emit(st, _after_colon(st, start, s + len(head)), s + len(head), speakers, cue, 0.75)
    return True


def _after_colon(st: State, start: int, end: int) -> int:
    """"Gli aerei hanno colpito i ribelli: tra gli obiettivi c'è Sadaa, scrive X": an inverted cue
    reports the clause after the sentence's colon; the words before it introduce it."""
    colons = [m.end() for m in re.finditer(r":\s*", st.text[start:end]) if not within_quote(st.qspans, start + m.start())]
    if not colons or len(st.text[start + colons[-1]:end].split()) < 4:
        return start
    return start + colons[-1]


def _closing_subject(st: State, cue: Cue, e: int) -> bool:
    """Does an actor close the sentence right after the cue ("…, annuncia il ministro X."), or
    its reporting clause, before a gerund ("…, ha assicurato X, aggiungendo che …")? Then the cue
    is inverted: the actor is its subject, not its object."""
    speakers, sp_end = inverted_subject(st, cue, e)
    rest = st.text[sp_end:e]
    # "…, ha assicurato X, aggiungendo che …": a gerund after the actor continues the reporting clause
    return bool(speakers) and sp_end > cue.end and (re.fullmatch(r"[\s.!?»”\"]*", rest) is not None
                                                     or _GERUND_NEXT.match(rest) is not None)


def _no_subject_after(st: State, cue: Cue, after: str) -> bool:
    """Do the words after an inverted cue name no subject ("…», ha detto.", "…», ha scritto su
    Twitter", "…», ha affermato riferendosi al voto", "…», ha aggiunto poi, …")?"""
    rest = after[skip_interposed(after, 0, len(after)):]
    first = (rest.split() or [""])[0].lower().strip(",.;:")
    return bool(re.match(r"\s*(?:[.!?,;]|\(|$)", rest) or first in st.lex.prepositions
                or re.fullmatch(r"\w+(?:ando|endo)(?:si|lo|la|li|le|ne|gli)?", first)
                or cue.form != "gerund" and re.match(r"\s*[–—-]", rest))


def _split_continuation(st: State, pos: int, e: int, speakers: Sequence[Speaker], cue: Cue) -> None:
    """«A», ha detto X, «B» (or – ha detto X – «B»): the second half is the same statement's
    speaker; so is "…" – ha detto X – B…" where only the second half's closing mark is left."""
    text = st.text
    m = re.match(r"[^«“\"„.;]{0,60}?[,–—-]\s*(?=[«“\"„])", text[pos:pos + 80])
    if m:
        q = outer_quote(st, start=pos + m.end())
        if q is not None:
            emit(st, q.inner_start, q.inner_end, speakers, cue, 0.85, "direct")
        return
    m = re.match(r"[^«“\"„.;,]{0,60}?\s[–—-]\s+(?=[A-ZÀ-Ý])", text[pos:pos + 80])
    if m:
        start = pos + m.end()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        close = re.search(r"[»”\"]", text[start:line_end])
        if close and not re.search(r"[«“„]", text[start:start + close.start()]):
            emit(st, start, start + close.start(), speakers, cue, 0.7, "direct")


def nested_report(st: State, si: int, cue: Cue, q: QuoteSpan) -> None:
    """«X ha detto che A. Non ne dubito», ha detto Y: a reporting verb inside a quotation whose
    subject it names (an actor, before the verb) and whose complement clause follows is a report
    of its own, annotated beside the quotation that holds it (A is X's)."""
    text = st.text
    if cue.form not in ("finite", "participle") or cue.clitic:
        return
    m = _COMPLEMENT.match(text, cue.end, q.inner_end)
    if m is None or not m.group(0).rstrip().lower().endswith("che"):
        return
    speakers, how = syntax_subject(st, cue)
    if how != "subject" or not speakers or any(sp.start is None or not q.inner_start <= sp.start < cue.start
                                                  for sp in speakers):
        return
    start = m.end()
    stop = re.search(r"[.;:!?]", text[start:q.inner_end])
    end = start + stop.start() if stop else q.inner_end
    if len(text[start:end].split()) >= 3:
        emit(st, start, end, speakers, cue, 0.7, "indirect")


def dash_cue(st: State, si: int, cue: Cue, q: QuoteSpan) -> None:
    """«La deterrenza – ha spiegato il ministro – serve …»: a cue set off by dashes inside a
    quotation attributes the whole quotation, the words on both sides of the dashes."""
    text = st.text
    dash = re.search(r"\s[–—-]\s*$", text[q.inner_start:cue.start])
    if dash is None or any(f.start <= q.inner_start < f.end for f in st.found):
        return
    speakers, sp_end = speaker_after(text, cue.end, q.inner_end, st.mentions, st.lex, st.topic,
                                     st.published, st.doc)
    if not re.match(r"\s*[–—-]", text[sp_end:q.inner_end]):
        return
    speakers = speakers or list(st.topic.speakers)
    emit(st, q.inner_start, q.inner_end, speakers, cue, 0.8, "direct")
