"""Hand-built Documents for the store, search, export and browse tests.

The NLP stages are built in parallel, so these tests make their annotations by hand: an article
written for the tests, in the style of the seeds, with a few mentions, quotes, dates and events
whose spans are computed from the text (never typed as numbers).
"""

from __future__ import annotations

from cronaca.ids import article_id
from cronaca.types import (
    Actor,
    Article,
    DateEvidence,
    Document,
    Event,
    Mention,
    Quote,
    Removal,
    Role,
    Span,
    TimeRef,
)

TITLE_GENEVA = "Lavrov e Blinken a confronto sull'Ucraina"
TEXT_GENEVA = (
    "Ginevra, 21 gennaio 2022. Il ministro degli Esteri russo Sergej Lavrov ha incontrato "
    "il segretario di Stato Antony Blinken per discutere della sicurezza europea.\n"
    "«Non abbiamo intenzione di attaccare nessuno», ha detto Lavrov ai giornalisti.\n"
    "Blinken ha affermato che gli Stati Uniti risponderanno con fermezza a ogni aggressione "
    "contro l'Ucraina. Perché la crisi finisca serve un nuovo incontro la prossima settimana."
)

TITLE_MOSCA = "Il Cremlino respinge le accuse della NATO"
TEXT_MOSCA = (
    "Mosca, 12 gennaio 2022. Il portavoce del Cremlino Dmitry Peskov ha respinto le accuse "
    "dell'Alleanza atlantica sulle truppe al confine.\n"
    "Secondo Peskov, la Russia ha il diritto di muovere le proprie forze sul proprio territorio."
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, needle: str, label: str, actor_id: str, actor_name: str, *,
            nth: int = 0, role: str | None = None) -> Mention:
    s, e = span(text, needle, nth)
    return Mention(s, e, needle, label, actor_id, actor_name, role=role,
                   stage="test.entities.v1", confidence=0.9)


def sentences(text: str) -> tuple[Span, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".\n" and (i + 1 == len(text) or text[i + 1] in " \n"):
            out.append(Span(start, i + 1))
            start = i + 2
    return tuple(out)


def article(title: str, text: str, *, origin: str = "corpus/a.txt", outlet: str | None = "ansa.it",
            published: str | None = "2022-01-21", flags: tuple[str, ...] = (),
            raw: str = "r1", language: str = "it") -> Article:
    return Article(
        id=article_id(title, text), origin=origin, raw_hash="h_" + raw, format="text", text=text,
        title=title, url=f"https://www.{outlet or 'example.org'}/esteri/{raw}.html", outlet=outlet,
        published=published, published_precision="day" if published and len(published) == 10 else
        ("month" if published else None),
        published_evidence=(DateEvidence(published, "day", "dateline", text[:24]),) if published else (),
        language=language, flags=flags,
        removed=(Removal("Seguici sui social", "social", 14), Removal(title, "repeated_title", 1)),
        sentences=sentences(text), metadata={"section": "Esteri", "tags": ["Russia", "USA"], "n": 3},
    )


def geneva(**kw) -> Document:
    """An article with every kind of annotation."""
    a = article(TITLE_GENEVA, TEXT_GENEVA, **kw)
    t = a.text
    mentions = (
        mention(t, "Ginevra", "GPE", "geneva", "Geneva"),
        mention(t, "Sergej Lavrov", "PER", "sergey-lavrov", "Sergey Lavrov", role="ministro degli Esteri russo"),
        mention(t, "Antony Blinken", "PER", "antony-blinken", "Antony Blinken", role="segretario di Stato"),
        mention(t, "Lavrov", "PER", "sergey-lavrov", "Sergey Lavrov", nth=1),
        mention(t, "Blinken", "PER", "antony-blinken", "Antony Blinken", nth=1),
        mention(t, "Stati Uniti", "GPE", "united-states", "United States"),
        mention(t, "Ucraina", "GPE", "ukraine", "Ukraine"),
    )
    qs, qe = span(t, "Non abbiamo intenzione di attaccare nessuno")
    cs, ce = span(t, "ha detto")
    ss, se = span(t, "Lavrov", 1)
    is_, ie = span(t, "gli Stati Uniti risponderanno con fermezza a ogni aggressione contro l'Ucraina")
    quotes = (
        Quote(qs, qe, t[qs:qe], "direct", "sergey-lavrov", "Sergey Lavrov", "ha detto", cs, ce, ss, se,
              stage="test.quotes.v1", confidence=0.8),
        Quote(is_, ie, t[is_:ie], "indirect", "antony-blinken", "Antony Blinken", "ha affermato",
              stage="test.quotes.v1"),
    )
    ds, de = span(t, "21 gennaio 2022")
    ns, ne = span(t, "la prossima settimana")
    times = (
        TimeRef(ds, de, t[ds:de], "2022-01-21", "day", stage="test.times.v1"),
        TimeRef(ns, ne, t[ns:ne], None, None, relative=True, stage="test.times.v1", confidence=0.5),
    )
    es, ee = span(t, "Il ministro degli Esteri russo Sergej Lavrov ha incontrato il segretario di Stato "
                     "Antony Blinken per discutere della sicurezza europea.")
    events = (
        Event("CONSULT", es, ee, t[es:ee], "sergey-lavrov", "Sergey Lavrov", "antony-blinken",
              "Antony Blinken", date="2022-01-21", date_precision="day", place_id="geneva",
              place="Geneva", cue="incontrato", mode="visit", stage="test.events.v1", confidence=0.7),
        Event("THREATEN", *span(t, "risponderanno con fermezza"), "risponderanno con fermezza",
              "united-states", "United States", "russia", "Russia", hypothetical=True,
              stage="test.events.v1"),
    )
    return Document(a, mentions, quotes, times, events, stages=("test.entities.v1", "test.quotes.v1"))


def mosca(**kw) -> Document:
    kw.setdefault("published", "2022-01-12")
    kw.setdefault("outlet", "sputniknews.com")
    kw.setdefault("flags", ("state_affiliated_outlet", "machine_translated"))
    kw.setdefault("raw", "r2")
    kw.setdefault("origin", "corpus/b.txt")
    a = article(TITLE_MOSCA, TEXT_MOSCA, **kw)
    t = a.text
    mentions = (
        mention(t, "Mosca", "GPE", "russia", "Russia"),
        mention(t, "Cremlino", "ORG", "kremlin", "Kremlin"),
        mention(t, "Dmitry Peskov", "PER", "dmitry-peskov", "Dmitry Peskov", role="portavoce del Cremlino"),
        mention(t, "Peskov", "PER", "dmitry-peskov", "Dmitry Peskov", nth=1),
        mention(t, "Russia", "GPE", "russia", "Russia"),
    )
    qs, qe = span(t, "la Russia ha il diritto di muovere le proprie forze sul proprio territorio")
    quotes = (Quote(qs, qe, t[qs:qe], "indirect", "dmitry-peskov", "Dmitry Peskov", "Secondo"),)
    es, ee = span(t, "ha respinto le accuse")
    events = (Event("REJECT", es, ee, t[es:ee], "kremlin", "Kremlin", "nato", "NATO", cue="respinto"),)
    return Document(a, mentions, quotes, (), events)


def plain(title: str, text: str, *, published: str | None = "2022-02-01", raw: str = "p",
          outlet: str | None = "repubblica.it") -> Document:
    return Document(article(title, text, published=published, raw=raw, outlet=outlet,
                            origin=f"corpus/{raw}.txt"))


LAVROV = Actor("sergey-lavrov", "Sergey Lavrov", "PER",
               variants=("Sergei Lavrov", "Serghei Lavrov", "Sergej Lavrov", "Lavrov"),
               roles=(Role("ministro degli Esteri", "russia", "2004-03-09", None),),
               country="russia", external_ids={"wikidata": "Q23754"})
