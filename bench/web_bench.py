"""Web responsiveness on a generated corpus of 100,000 articles.

Why generated: the question is how search and actor pages scale with the size of the store, not
how good the NLP is, so the corpus is built fast from templates: annotated Documents (mentions,
quotes, events with exact spans) written directly through the store, no NLP. The store is kept
in ``out/web_bench_<N>_v<CORPUS_VERSION>.db`` and reused by later runs of the same size and
version.

Then ``cronaca serve``'s application runs under uvicorn in its own process and concurrent
clients (threads, one ``httpx.Client`` each) request search pages (words, phrases, filters, date
sort) and actor pages for actors picked across the frequency range, for a fixed time. It prints
p50 / p95 / max latency and requests per second per kind. The target is p95 < 200 ms.

    python bench/web_bench.py [--articles 100000] [--clients 4] [--seconds 20] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cronaca.ids import article_id
from cronaca.types import Article, Document, Event, Mention, Quote, Span

PEOPLE = [("per:lavrov", "Sergey Lavrov", ["Sergej Lavrov", "Lavrov"], "il ministro degli Esteri russo"),
          ("per:blinken", "Antony Blinken", ["Antony Blinken", "Blinken"], "il segretario di Stato"),
          ("per:putin", "Vladimir Putin", ["Vladimir Putin", "Putin"], "il presidente russo"),
          ("per:biden", "Joe Biden", ["Joe Biden", "Biden"], "il presidente americano"),
          ("per:macron", "Emmanuel Macron", ["Emmanuel Macron", "Macron"], "il presidente francese"),
          ("per:stoltenberg", "Jens Stoltenberg", ["Jens Stoltenberg", "Stoltenberg"], "il segretario generale della NATO"),
          ("per:zelensky", "Volodymyr Zelensky", ["Volodymyr Zelensky", "Zelensky"], "il presidente ucraino"),
          ("per:peskov", "Dmitry Peskov", ["Dmitry Peskov", "Peskov"], "il portavoce del Cremlino"),
          ("per:zakharova", "Maria Zakharova", ["Maria Zakharova", "Zakharova"], "la portavoce della diplomazia russa"),
          ("per:wangyi", "Wang Yi", ["Wang Yi"], "il ministro degli Esteri cinese"),
          ("per:tajani", "Antonio Tajani", ["Antonio Tajani", "Tajani"], "il ministro degli Esteri italiano"),
          ("per:grushko", "Alexander Grushko", ["Alexander Grushko", "Grushko"], "il viceministro degli Esteri russo"),
          ("per:sherman", "Wendy Sherman", ["Wendy Sherman", "Sherman"], "la vice segretaria di Stato")]
# Many more people than the well-known ones, with Zipf-like weights: like a real corpus, a few
# actors appear in a large share of the articles and most appear rarely.
_FIRST = ["Marco", "Giulia", "Andrei", "Olena", "Pierre", "Anna", "Li", "Hans", "Sofia", "Ivan",
          "Maria", "Jean", "Katarzyna", "Mehmet", "Elena", "Tomas", "Yuki", "Carlos", "Nadia", "Pavel"]
_LAST = ["Rossi", "Kovalenko", "Dubois", "Schmidt", "Novak", "Petrov", "Zhang", "Yilmaz",
         "Moreau", "Lindqvist", "Horvat", "Tanaka", "Silva", "Nowak", "Popescu", "Jansen"]
_ROLES = ["il ministro degli Esteri", "il portavoce del governo", "l'ambasciatore",
          "il ministro della Difesa", "il consigliere per la sicurezza nazionale", "il premier",
          "il capo della diplomazia", "il negoziatore"]
PEOPLE += [(f"per:syn{k}", f"{first} {last}", [f"{first} {last}", last], _ROLES[k % len(_ROLES)])
           for k, (first, last) in enumerate((f, s) for s in _LAST for f in _FIRST)][:300]
PLACES = [("gpe:geneva", "Geneva", "Ginevra"), ("gpe:brussels", "Brussels", "Bruxelles"),
          ("gpe:vienna", "Vienna", "Vienna"), ("gpe:moscow", "Moscow", "Mosca"),
          ("gpe:rome", "Rome", "Roma"), ("gpe:beijing", "Beijing", "Pechino"),
          ("gpe:washington", "Washington", "Washington"), ("gpe:paris", "Paris", "Parigi"),
          ("gpe:berlin", "Berlin", "Berlino"), ("gpe:ankara", "Ankara", "Ankara"),
          ("gpe:istanbul", "Istanbul", "Istanbul"), ("gpe:warsaw", "Warsaw", "Varsavia"),
          ("gpe:kyiv", "Kyiv", "Kiev"), ("gpe:minsk", "Minsk", "Minsk"), ("gpe:tokyo", "Tokyo", "Tokyo"),
          ("gpe:newyork", "New York", "New York"), ("gpe:london", "London", "Londra"),
          ("gpe:helsinki", "Helsinki", "Helsinki"), ("gpe:riyadh", "Riyadh", "Riad"),
          ("gpe:doha", "Doha", "Doha"), ("gpe:budapest", "Budapest", "Budapest")]
COUNTRIES = [("gpe:ru", "Russia", "la Russia"), ("gpe:us", "United States", "gli Stati Uniti"),
             ("gpe:ua", "Ukraine", "l'Ucraina"), ("gpe:cn", "China", "la Cina"),
             ("org:nato", "NATO", "la NATO"), ("org:eu", "European Union", "l'Unione europea")]
OUTLETS = [("ansa.it", 0), ("it.sputniknews.com", 1), ("ilpost.it", 0), ("repubblica.it", 0),
           ("agenzianova.com", 0), ("italian.cgtn.com", 1), ("tass.com", 1), ("lastampa.it", 0)]
TOPICS = ["la sicurezza europea", "il trattato New Start", "le sanzioni economiche",
          "il corridoio del grano", "le garanzie di sicurezza", "la centrale di Zaporizhzhia",
          "lo scambio di prigionieri", "il controllo degli armamenti", "la crisi energetica",
          "il gasdotto Nord Stream", "la flotta del Mar Nero", "i corridoi umanitari",
          "la missione dell'OSCE", "l'allargamento della NATO", "il vertice del G20",
          "le forniture di armi", "il tetto al prezzo del petrolio", "i diritti dei giornalisti",
          "la ricostruzione postbellica", "il nucleare iraniano", "la crisi nel Caucaso",
          "le elezioni in Moldavia", "la sicurezza alimentare", "i porti del Baltico",
          "il debito sovrano", "la questione di Taiwan", "le rotte artiche", "i migranti nel Mediterraneo"]
VERBS = [("CONSULT", "ha incontrato"), ("CONSULT", "ha avuto un colloquio telefonico con"),
         ("DEMAND", "ha esortato"), ("DISAPPROVE", "ha accusato"), ("REJECT", "ha respinto le proposte di"),
         ("THREATEN", "ha minacciato"), ("AGREE", "ha raggiunto un accordo con"),
         ("COOPERATE", "si è detto pronto al dialogo con")]
QUOTES = ["non accetteremo ultimatum", "la porta del dialogo resta aperta",
          "serve una soluzione diplomatica", "le nostre linee rosse sono chiare",
          "la responsabilità è di chi ha scelto l'escalation", "lavoreremo con i partner europei"]


WEIGHTS = [1 / (k + 1) ** 1.1 for k in range(len(PEOPLE))]  # Zipf-like


class Builder:
    """Appends text piece by piece, recording annotation spans as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.mentions: list[Mention] = []

    def add(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return start, self.n

    def mention(self, text: str, label: str, aid: str, name: str, role: str | None = None) -> tuple[int, int]:
        s, e = self.add(text)
        self.mentions.append(Mention(s, e, text, label, aid, name, role=role, stage="bench.v1"))
        return s, e

    @property
    def text(self) -> str:
        return "".join(self.parts)


#: Bumped whenever :func:`make_document` writes different text: stores and datasets built from
#: an older version are rebuilt, not reused (their names carry it).
CORPUS_VERSION = 2

# Sentence parts combined at random, so that two articles share few word 4-grams, as two real
# articles on one topic do (one template repeated made unrelated articles look like edited copies
# of each other: MinHash buckets of thousands, and a linker slowed down by an artefact).
_SUBJECTS = ["Il governo", "La delegazione", "L'opposizione", "Il parlamento", "La commissione",
             "Un portavoce", "Gli analisti", "La stampa locale", "Il ministero degli Esteri",
             "Una fonte diplomatica", "Il consiglio di sicurezza", "La presidenza di turno",
             "I negoziatori", "Il comando militare", "La banca centrale", "Gli osservatori",
             "Il primo ministro", "La procura", "Il sindacato", "Una nota ufficiale"]
_VERBS = ["ha ribadito", "ha chiesto", "ha annunciato", "ha escluso", "ha confermato", "prevede",
          "ha criticato", "sostiene", "ha proposto", "ha rinviato", "valuta", "ha respinto",
          "ha accolto", "ha sollecitato", "ha approvato", "ha smentito", "ha illustrato",
          "ha contestato", "promette", "ha difeso"]
_HEADS = ["il piano", "il pacchetto", "la proposta", "il programma", "l'accordo", "il progetto",
          "la richiesta", "il calendario", "la bozza", "il fondo", "la missione", "il negoziato",
          "la riforma", "il meccanismo", "la tregua", "il vertice", "la risoluzione", "il prestito",
          "la commissione", "il corridoio", "il dispositivo", "la conferenza", "il memorandum", "la lista"]
_COMPLEMENTS = ["di aiuti", "di ricostruzione", "di pace", "per i civili", "sul grano", "di verifica",
                "sull'energia", "di cooperazione", "per la sicurezza", "sui confini", "per i profughi",
                "sul debito", "di controllo", "sulle esportazioni", "per le elezioni", "sui porti",
                "di monitoraggio", "sui prigionieri", "per la ricostruzione", "sulle armi", "sul gas",
                "di sostegno", "sui dazi", "per la transizione"]
_ADJECTIVES = ["europeo", "congiunto", "provvisorio", "bilaterale", "regionale", "straordinario",
               "annuale", "definitivo", "umanitario", "multilaterale", "nazionale", "speciale"]


def _object(rng: random.Random) -> str:
    """A noun phrase from a head, a complement and sometimes an adjective: few repeats of four
    words in a row across articles."""
    head, comp = rng.choice(_HEADS), rng.choice(_COMPLEMENTS)
    if rng.random() < 0.4 and not head.startswith(("la ", "l'")):
        return f"{head} {rng.choice(_ADJECTIVES)} {comp}"
    return f"{head} {comp}"


_WHEN = ["entro la fine del mese", "dopo settimane di tensione", "nonostante le pressioni",
         "a margine del vertice", "in una conferenza stampa", "nelle ultime ore",
         "al termine di una lunga riunione", "in vista del voto", "dopo l'ultimo attacco",
         "prima della pausa estiva", "con un messaggio sui social", "davanti alle commissioni riunite",
         "in un'intervista televisiva", "durante la visita ufficiale", "senza fornire dettagli",
         "dopo il fallimento dei colloqui", "alla vigilia delle elezioni", "in una lettera ai partner",
         "in risposta alle accuse", "al termine del consiglio dei ministri", "su richiesta degli alleati",
         "in un comunicato congiunto", "tra molte incertezze", "dopo un lungo silenzio", "a sorpresa"]
_UNITS = ["milioni di euro", "per cento", "chilometri", "soldati", "navi", "tonnellate di grano",
          "miliardi di dollari", "profughi", "giorni", "villaggi", "droni", "seggi"]
_TAILS = ["secondo le stime disponibili", "come riferiscono fonti locali", "un dato in crescita",
          "mentre la situazione resta incerta", "stando ai primi resoconti", "in calo rispetto all'anno scorso",
          "come previsto dal calendario", "una cifra contestata dall'opposizione",
          "secondo i dati ufficiali", "più del doppio rispetto a marzo", "mentre proseguono i colloqui",
          "secondo un rapporto delle Nazioni Unite", "una stima ritenuta prudente", "in attesa di conferme"]
_EVENT_SHAPES = ["{ra} {a} {verb} {rt} {t} a {place}, con al centro {topic}. ",
                 "A {place}, {a} {verb} {t}: sul tavolo {topic}. ",
                 "{A}, {ra}, {verb} {t} {when} a {place}. ",
                 "Nel corso della giornata {ra} {a} {verb} {rt} {t}. "]


_CLAIM_OPEN = ["non accetteremo", "siamo pronti a discutere", "nessuno può imporci", "chiediamo con forza",
               "lavoreremo per", "non rinunceremo a", "serve subito", "non ci sarà spazio per",
               "è il momento di", "la priorità resta", "abbiamo proposto", "non abbiamo mai escluso"]


def background_sentence(rng: random.Random) -> str:
    """A sentence of background built from random parts (figures included)."""
    return (f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {_object(rng)} {rng.choice(_WHEN)}, "
            f"con {rng.randint(2, 990)} {rng.choice(_UNITS)} {rng.choice(_TAILS)}.")


def claim(rng: random.Random) -> str:
    """What a speaker says: an opening and an object, some of them the searches' words."""
    if rng.random() < 0.3:
        return rng.choice(QUOTES)
    return f"{rng.choice(_CLAIM_OPEN)} {_object(rng)} {rng.choice(_WHEN)}"


def make_document(i: int, rng: random.Random, day: str) -> Document:
    """An annotated document (mentions, quotes and events with exact spans) about a few people,
    varied enough in wording that unrelated documents share few word 4-grams."""
    b = Builder()
    quotes: list[Quote] = []
    events: list[Event] = []
    place = rng.choice(PLACES)
    b.mention(place[2], "GPE", place[0], place[1])
    b.add(f", {day}. ")
    cast = rng.choices(PEOPLE, WEIGHTS, k=3)  # the people this article is about
    if cast[1] is cast[0]:
        cast[1] = PEOPLE[(PEOPLE.index(cast[0]) + 1) % len(PEOPLE)]
    for _ in range(rng.randint(3, 5)):
        a, t = rng.sample(cast[:2], 2) if rng.random() < 0.7 else (cast[0], cast[2])
        if t is a:
            t = PEOPLE[(PEOPLE.index(a) + 1) % len(PEOPLE)]
        etype, verb = rng.choice(VERBS)
        shape = rng.choice(_EVENT_SHAPES)
        s0 = b.n
        for piece in re.split(r"(\{\w+\})", shape):
            slot = piece[1:-1] if piece.startswith("{") else None
            if slot in ("a", "A"):
                b.mention(a[2][0], "PER", a[0], a[1], role=a[3])
            elif slot == "t":
                b.mention(t[2][-1], "PER", t[0], t[1])
            elif slot == "place":
                b.mention(place[2], "GPE", place[0], place[1])
            elif slot == "ra":
                b.add(a[3][0].upper() + a[3][1:] if b.n == s0 else a[3])
            elif slot == "rt":
                b.add(t[3])
            elif slot == "verb":
                b.add(verb)
            elif slot == "topic":
                b.add(rng.choice(TOPICS))
            elif slot == "when":
                b.add(rng.choice(_WHEN))
            elif piece:
                b.add(piece)
        events.append(Event(etype, s0, b.n - 1, "", a[0], a[1], t[0], t[1], date=day,
                            date_precision="day", place_id=place[0], place=place[1], cue=verb,
                            stage="bench.v1"))
        for _ in range(rng.randint(0, 2)):
            b.add(background_sentence(rng) + " ")
        if rng.random() < 0.5:
            c = rng.choice(COUNTRIES)
            b.add("Secondo ")
            b.mention(a[2][-1], "PER", a[0], a[1])
            b.add(", ")
            qs = b.n
            b.mention(c[2], "ORG" if c[0].startswith("org") else "GPE", c[0], c[1])
            b.add(f" {rng.choice(['deve capire che', 'sa bene che', 'dovrebbe ammettere che'])} ")
            b.add(claim(rng))
            quotes.append(Quote(qs, b.n, "", "indirect", a[0], a[1], cue="secondo", stage="bench.v1"))
            b.add(". ")
        b.add("«")
        qs = b.n
        b.add(claim(rng).capitalize())
        quotes.append(Quote(qs, b.n, "", "direct", a[0], a[1], cue="ha detto", stage="bench.v1"))
        b.add(f"», {rng.choice(['ha detto', 'ha dichiarato', 'ha aggiunto', 'ha spiegato'])} ")
        b.mention(a[2][-1], "PER", a[0], a[1])
        b.add(".\n")
    text = b.text
    quotes = [Quote(q.start, q.end, text[q.start:q.end], q.kind, q.speaker_id, q.speaker, q.cue,
                    stage=q.stage) for q in quotes]
    events = [Event(e.type, e.start, e.end, text[e.start:e.end], e.source_id, e.source, e.target_id,
                    e.target, e.date, e.date_precision, e.place_id, e.place, e.cue, stage=e.stage)
              for e in events]
    outlet, state = OUTLETS[i % len(OUTLETS)]
    title = f"{cast[0][2][-1]} e {cast[1][2][-1]}: {rng.choice(TOPICS)} ({i})"
    art = Article(id=article_id(title, text), origin=f"bench/{i}.txt", raw_hash=f"bench{i}",
                  format="text", text=text, title=title, url=f"https://www.{outlet}/esteri/{i}.html",
                  outlet=outlet, published=day, published_precision="day", language="it",
                  flags=("state_affiliated_outlet",) if state else (),
                  sentences=(Span(0, len(text)),))
    return Document(art, tuple(b.mentions), tuple(quotes), (), tuple(events), ("bench.v1",))


def build(db: Path, n: int) -> None:
    import datetime as dt

    from cronaca.store.base import open_store

    if db.exists():
        store = open_store(str(db))
        have = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        store.close()
        if have >= n:
            print(f"reusing {db} ({have} articles)")
            return
        db.unlink()
    rng = random.Random(7)
    store = open_store(str(db))
    t0 = time.perf_counter()
    start = dt.date(2021, 1, 1)
    batch: list[Document] = []
    for i in range(n):
        day = (start + dt.timedelta(days=int(1400 * i / n))).isoformat()
        batch.append(make_document(i, rng, day))
        if len(batch) == 2000:
            store.add_documents(batch)
            batch = []
    if batch:
        store.add_documents(batch)
    store.conn.execute("PRAGMA optimize")
    store.close()
    print(f"built {n} articles in {time.perf_counter() - t0:.1f}s -> {db} "
          f"({db.stat().st_size / 1e6:.0f} MB)")


SEARCHES = ["Lavrov", "Ginevra", "sanzioni", '"garanzie di sicurezza"', "Putin Macron",
            "negoz*", "Blinken OR Sherman", "grano NOT Mosca", "Zaporizhzhia", "Wang Yi Pechino",
            "trattato New Start", "Stoltenberg Bruxelles", "Helsinki", '"Nord Stream"', "Taiwan",
            "Kovalenko", "Moldavia elezioni", "Doha OR Riad", "Tanaka Tokyo", "petrolio",
            "Mar Nero", "umanitari", "Novak", "Budapest"]
FILTERS = ["", "", "&sort=date", "&outlet_group=state_affiliated", "&since=2022-01-01&until=2022-06-30",
           "&outlet=ansa.it", "&actor=Lavrov", "&event_type=CONSULT"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path | str, port: int, workers: int, app: str) -> subprocess.Popen:
    """``cronaca serve``'s app on ``db`` (a file or a PostgreSQL URL), once it answers."""
    env = dict(os.environ, CRONACA_DB=str(db))
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", app,
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--log-level", "warning"], env=env, cwd=REPO)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=30).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start")


def load(base: str, clients: int, seconds: float, actor_ids: list[str],
         actor_share: float = 0.4) -> dict[str, list[float]]:
    """Requests of every kind for ``seconds``: searches (pages and API) and, for ``actor_share``
    of them, actor pages; their latencies by kind."""
    import httpx

    results: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.monotonic() < stop:
                roll = rng.random()
                flt = rng.choice(FILTERS)
                sub = ("+actor" if "actor=" in flt else "+event" if "event_type" in flt else
                       "+filter" if "=" in flt and "sort" not in flt else "")
                if roll < (1 - actor_share) * 2 / 3:
                    kind, url = "search" + sub, f"/search?q={rng.choice(SEARCHES)}{flt}"
                elif roll < 1 - actor_share:
                    kind, url = "search_api" + sub, f"/api/search?q={rng.choice(SEARCHES)}{flt}"
                else:
                    kind, url = "actor", f"/actors/{rng.choice(actor_ids)}"
                t = time.perf_counter()
                r = c.get(url)
                dt = time.perf_counter() - t
                with lock:
                    if r.status_code != 200:
                        errors.append(f"{r.status_code} {url}")
                    results.setdefault(kind, []).append(dt)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"{len(errors)} errors, e.g. {errors[:3]}")
    return results


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--app", default="cronaca.web.app:app_from_env",
                    help="ASGI app factory to serve (to compare a variant of the app)")
    args = ap.parse_args()
    db = args.db or REPO / "out" / f"web_bench_{args.articles}_v{CORPUS_VERSION}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    build(db, args.articles)
    port = free_port()
    proc = serve(db, port, args.workers, args.app)
    try:
        import httpx

        base = f"http://127.0.0.1:{port}"
        actors = httpx.get(f"{base}/api/actors?limit=500", timeout=60).json()["items"]
        actor_ids = [a["id"] for a in actors]
        print(f"{len(actor_ids)} actors; most mentioned: {actors[0]['name']} in "
              f"{actors[0]['articles']} articles")
        load(base, args.clients, 3, actor_ids)  # warm-up: caches, page cache
        t0 = time.perf_counter()
        res = load(base, args.clients, args.seconds, actor_ids)
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(10)
    total = sum(len(v) for v in res.values())
    print(f"\n{args.articles} articles, {args.clients} concurrent clients, {args.workers} server "
          f"process(es), {wall:.1f}s: {total / wall:.0f} requests/s")
    groups = {"search (page + API, all filters)": [v for k, vs in res.items() if k.startswith("search") for v in vs],
              "actor page": res.get("actor", [])}
    print(f"{'kind':<34}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}")
    ok = True
    for kind, values in [*groups.items(), *sorted(res.items())]:
        if not values:
            continue
        p95 = pct(values, 95) * 1000
        if kind in groups:
            ok &= p95 < 200
        print(f"{kind:<34}{len(values):>6}{statistics.median(values) * 1000:>9.1f}{p95:>9.1f}"
              f"{max(values) * 1000:>9.1f}{len(values) / wall:>8.1f}")
    print("target p95 < 200 ms for search and actor pages:", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
