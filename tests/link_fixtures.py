"""Hand-written documents for the linker's tests (short Italian texts in the style of the seeds)."""

from __future__ import annotations

from cronaca.ids import article_id
from cronaca.types import Article, Document, Event, Mention

_WIRE = (
    "Il ministro degli Esteri russo e il segretario di Stato americano si sono visti oggi a Vienna "
    "per quasi due ore, nel primo colloquio diretto da mesi. Secondo la delegazione americana le "
    "parti hanno discusso dello scambio di prigionieri e del controllo degli armamenti nucleari. "
    "Il capo della diplomazia russa ha definito l'incontro utile ma ha escluso concessioni sul "
    "fronte ucraino. I due ministri hanno concordato di rivedersi entro la fine del mese."
)


def doc(text: str, *, title: str = "Titolo", outlet: str | None = "ansa.it", published: str | None = "2023-05-10",
        actors: tuple[tuple[str, str, str], ...] = (), events: tuple[Event, ...] = (),
        origin: str | None = None) -> Document:
    """A document with mentions for (surface, actor id, label) triples found in the text."""
    art = Article(id=article_id(title, text), origin=origin or f"{title[:20]}.txt", raw_hash="x",
                  format="text", text=text, title=title, outlet=outlet, published=published,
                  published_precision="day" if published and len(published) == 10 else None)
    mentions = []
    for surface, aid, label in actors:
        at = text.find(surface)
        if at >= 0:
            mentions.append(Mention(at, at + len(surface), surface, label, aid, surface))
    return Document(art, mentions=tuple(mentions), events=events)


LAVROV = ("Lavrov", "per:sergey-lavrov", "PER")
BLINKEN = ("segretario di Stato", "per:antony-blinken", "PER")
VIENNA = ("Vienna", "gpe:vienna", "GPE")


def vienna_wire(**kw) -> Document:
    return doc(_WIRE + " Lavrov ha parlato con la stampa.", title="Lavrov e il segretario di Stato a Vienna",
               actors=(LAVROV, BLINKEN, VIENNA), **kw)


def vienna_copy(**kw) -> Document:
    text = (_WIRE.replace("quasi due ore", "circa due ore").replace("oggi", "mercoledì")
            + " Lavrov ha parlato con la stampa.")
    return doc(text, title="Vienna, colloquio Lavrov-segretario di Stato", actors=(LAVROV, BLINKEN, VIENNA), **kw)


def vienna_rewrite(**kw) -> Document:
    text = ("Lavrov ha incontrato a Vienna il segretario di Stato degli Stati Uniti. Al centro dei "
            "colloqui i prigionieri e gli armamenti nucleari, ha riferito il ministero russo. "
            "Mosca non farà concessioni sull'Ucraina, ha detto Lavrov dopo l'incontro a Vienna.")
    return doc(text, title="Lavrov a Vienna: nessuna concessione", outlet="it.sputniknews.com",
               actors=(LAVROV, BLINKEN, VIENNA), **kw)


def sanctions(**kw) -> Document:
    text = ("L'Unione europea ha approvato un nuovo pacchetto di sanzioni contro la Russia. "
            "La Commissione europea colpisce banche e compagnie di navigazione che aggirano "
            "l'embargo sul petrolio. Bruxelles prevede il congelamento dei beni di altri oligarchi.")
    return doc(text, title="Ue, nuove sanzioni contro Mosca",
               actors=(("Unione europea", "org:eu", "ORG"), ("Commissione europea", "org:european-commission", "ORG")),
               **kw)
