#!/usr/bin/env python3
"""A seeded generator of realistic Italian political news, at any size, in every input format.

Why generated: the benchmarks measure how cronaca scales, so they need corpora of any size that
look like a crawl — not copies of real articles (no third-party text: every sentence here comes
from templates written for this file). The same seed gives the same corpus, byte for byte.

What it writes, like a month of a national crawl:
- stories: a few articles by different outlets about one meeting, statement or threat between
  two actors, in one place, within days of each other; actors drawn with Zipf-like weights
  (a few are everywhere, most are rare), from the actor data's well-known people and from
  generated names;
- dated events (Italian dates, weekdays, "ieri"), direct quotes in «…» and reported speech,
  roles ("il ministro degli Esteri russo"), figures;
- outlets with their own bylines and furniture (share buttons, "Leggi anche", cookie notices,
  copyright lines): the noise cleaning must strip;
- word-for-word copies by other outlets (10 %) and light rewrites (5 %): what duplicate
  detection must find;
- text as crawlers save it (``date YYYY-MM URL`` header), HTML pages, JSON Lines, WARC
  (responses with requests and metadata records between them), each optionally gzipped.

    python bench/article_generator.py --articles 10000 --format jsonl --gzip --out out/corpus
    python bench/article_generator.py --articles 1000000 --dataset out/ds1m      # pre-extracted, for cronaca load

``--dataset`` writes a Parquet dataset of annotated documents (mentions, quotes and events with
exact spans, made with the text, no NLP), so that a store of a million articles can be built
with ``cronaca load`` in minutes instead of hours of extraction.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from web_bench import COUNTRIES, OUTLETS, PEOPLE, PLACES, TOPICS, WEIGHTS, background_sentence, claim  # noqa: E402

MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"]
WEEKDAYS = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
ACTIONS = [  # (PLOVER type, what the lead says, what a title says)
    ("CONSULT", "ha incontrato {t}", "incontro con {T}"),
    ("CONSULT", "ha avuto un lungo colloquio telefonico con {t}", "telefonata con {T}"),
    ("DEMAND", "ha chiesto a {t} di {demand}", "pressing su {T}"),
    ("DISAPPROVE", "ha accusato {t} di {blame}", "accuse a {T}"),
    ("REJECT", "ha respinto le richieste presentate nei colloqui con {t} {su_topic}", "no a {T}"),
    ("THREATEN", "ha minacciato {t} di nuove misure se non {demand_neg}", "minacce a {T}"),
    ("AGREE", "ha raggiunto un'intesa con {t} {su_topic}", "intesa con {T}"),
    ("COOPERATE", "ha firmato con {t} un memorandum {su_topic}", "firma con {T}"),
]
DEMANDS = ["ritirare le truppe dal confine", "riaprire i negoziati", "rispettare il cessate il fuoco",
           "liberare i prigionieri", "garantire il passaggio dei convogli umanitari",
           "sospendere le esercitazioni militari"]
BLAMES = ["alimentare il conflitto", "violare gli accordi", "ostacolare il dialogo",
          "diffondere disinformazione", "preparare un'escalation"]
QUOTES = ["La porta del dialogo resta aperta, ma non accetteremo ultimatum",
          "Serve una soluzione diplomatica e serve subito",
          "Le nostre linee rosse sono chiare a tutti",
          "Chi ha scelto l'escalation se ne assumerà la responsabilità",
          "Lavoreremo con i partner europei per una pace giusta",
          "Non ci faremo intimidire dalle minacce",
          "È stato un incontro franco, a tratti difficile, ma utile",
          "Nessuna decisione è stata presa, ci rivedremo presto"]
BACKGROUND = ["Il colloquio arriva dopo settimane di tensioni crescenti tra le due capitali.",
              "Nelle ultime ore si erano moltiplicati gli appelli alla moderazione.",
              "Secondo fonti diplomatiche, un nuovo incontro potrebbe tenersi entro la fine del mese.",
              "Sul tavolo anche il dossier energetico, che divide da mesi le cancellerie europee.",
              "Gli analisti invitano alla prudenza: i precedenti tentativi di mediazione sono falliti.",
              "La notizia è stata confermata in serata da un comunicato ufficiale.",
              "Le delegazioni hanno lavorato fino a tarda notte su una bozza di dichiarazione congiunta."]
FIGURES = ["aiuti per {n} milioni di euro", "un pacchetto da {n} miliardi di dollari",
           "{n} prigionieri", "{n} tonnellate di grano", "{n} militari"]
NOISE_TOP = ["Condividi su Facebook", "Tweet", "WhatsApp", "Email", "Ascolta l'articolo",
             "Tempo di lettura: 3 minuti"]
NOISE_BOTTOM = ["Leggi anche: Le ultime notizie dal fronte diplomatico",
                "Iscriviti alla newsletter per ricevere le notizie del giorno",
                "Questo sito utilizza cookie tecnici e di profilazione. Continuando accetti.",
                "Tutti i diritti riservati", "Segui gli aggiornamenti in diretta",
                "Pubblicità"]
START = date(2022, 1, 1)


@dataclass(frozen=True, slots=True)
class Article:
    """One generated article, before it is written in a format."""

    n: int
    outlet: str
    url: str
    day: date
    title: str
    body: str  # paragraphs separated by newlines, furniture included


_SU = {"il": "sul", "lo": "sullo", "la": "sulla", "i": "sui", "gli": "sugli", "le": "sulle"}


def su(topic: str) -> str:
    """"su" joined to the topic's article, as Italian writes it: sul trattato, sulle sanzioni."""
    if topic.startswith("l'"):
        return "sull'" + topic[2:]
    art, _, rest = topic.partition(" ")
    return f"{_SU[art]} {rest}" if art in _SU else f"su {topic}"


def italian_date(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"


def _person(rng: random.Random) -> tuple[str, str, list[str], str]:
    return rng.choices(PEOPLE, WEIGHTS, k=1)[0]


def _story(rng: random.Random, k: int, days: int) -> dict[str, object]:
    """What a story is about: two actors, an action, a place, a topic, a day."""
    a = _person(rng)
    b = _person(rng)
    while b is a:
        b = _person(rng)
    return {"a": a, "b": b, "action": rng.choice(ACTIONS), "place": rng.choice(PLACES),
            "topic": rng.choice(TOPICS), "day": START + timedelta(days=rng.randrange(days)),
            "country": rng.choice(COUNTRIES), "quote": _quote(rng), "k": k}


def _lead(rng: random.Random, s: dict, day: date) -> str:
    a, b = s["a"], s["b"]
    etype, verb, _ = s["action"]
    when = rng.choice([f"{italian_date(s['day'])}", "oggi", "ieri"]) if s["day"] != day \
        else rng.choice(["oggi", f"{italian_date(day)}"])
    if s["day"] < day and when == "oggi":
        when = f"il {s['day'].day} {MONTHS[s['day'].month - 1]}"
    action = verb.format(t=f"{b[3]} {b[2][0]}", demand=rng.choice(DEMANDS), blame=rng.choice(BLAMES),
                         su_topic=su(s["topic"]), demand_neg="rinuncerà a " + rng.choice(DEMANDS))
    return (f"{s['place'][2].upper()} – {a[3][0].upper()}{a[3][1:]} {a[2][0]} {action} "
            f"{when} a {s['place'][2]}, {rng.choice(_MOODS)}.")


_MOODS = ["in un clima descritto come teso", "in un clima più disteso del previsto", "senza dichiarazioni finali",
          "tra forti misure di sicurezza", "a porte chiuse", "dopo un rinvio di due giorni",
          "alla presenza delle delegazioni", "in un incontro durato tre ore"]
_WHERE_FROM = ["secondo quanto riportato dai presenti", "secondo la sua portavoce", "in un post sui social",
               "parlando con i giornalisti", "nel corso di un briefing", "in un'intervista radiofonica"]


def _quote(rng: random.Random) -> str:
    """A direct quotation: a line outlets repeat, or one made of random parts."""
    if rng.random() < 0.4:
        return rng.choice(QUOTES)
    said = claim(rng)
    return said[0].upper() + said[1:]


def _background(rng: random.Random) -> str:
    """A background sentence: now and then a stock phrase outlets repeat, mostly one made of
    random parts, so that unrelated articles share few word 4-grams (seven stock sentences
    repeated everywhere made MinHash buckets of hundreds per thousand articles)."""
    return rng.choice(BACKGROUND) if rng.random() < 0.15 else background_sentence(rng)


def _paragraphs(rng: random.Random, s: dict, day: date) -> list[str]:
    a, b, c = s["a"], s["b"], s["country"]
    paras = [_lead(rng, s, day)]
    paras.append(f"«{s['quote']}», ha dichiarato {a[2][-1]} al termine dell'incontro.")
    must = "devono" if c[2].startswith("gli ") else "deve"
    paras.append(f"Secondo {b[2][-1]}, {c[2]} {must} {rng.choice(DEMANDS)}.")
    if rng.random() < 0.6:
        fig = rng.choice(FIGURES).format(n=rng.choice([3, 12, 40, 150, 300, 1200]))
        paras.append(f"Sul tavolo, secondo quanto riferito dall'agenzia, anche {fig} e {s['topic']}.")
    paras += [_background(rng) for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.7:
        paras.append(f"{b[2][-1]} ha replicato che «{claim(rng)}».")
    # context: what happened before, with other actors and dates (seed articles run ~3 KB)
    for _ in range(rng.randint(3, 5)):
        c1, c2 = _person(rng), _person(rng)
        before = s["day"] - timedelta(days=rng.randint(3, 60))
        etype, verb, _ = rng.choice(ACTIONS)
        action = verb.format(t=f"{c2[3]} {c2[2][0]}", demand=rng.choice(DEMANDS), blame=rng.choice(BLAMES),
                             su_topic=su(rng.choice(TOPICS)), demand_neg="rinuncerà a " + rng.choice(DEMANDS))
        paras.append(f"Già il {before.day} {MONTHS[before.month - 1]} {c1[3]} {c1[2][0]} {action}, "
                     f"mentre {rng.choice(COUNTRIES)[2]} {rng.choice(['osservava', 'chiedeva garanzie', 'taceva'])}. "
                     f"{_background(rng)}")
    paras.append(f"«{_quote(rng)}», ha aggiunto {a[2][-1]}, {rng.choice(_WHERE_FROM)}.")
    return paras


def generate(n: int, seed: int = 7) -> Iterator[Article]:
    """``n`` articles, in publication order within each story, stories interleaved."""
    rng = random.Random(seed)
    days = max(30, min(3 * 365, n // 50))
    made = 0
    story_no = 0
    last: Article | None = None
    while made < n:
        s = _story(rng, story_no, days)
        story_no += 1
        for j in range(min(rng.choice([1, 1, 2, 3, 4, 6]), n - made)):
            outlet, _ = rng.choice(OUTLETS)
            day = s["day"] + timedelta(days=rng.choice([0, 0, 0, 1, 2]) if j else 0)
            if last is not None and rng.random() < 0.10:  # a word-for-word copy by another outlet
                body, title = last.body, last.title
            elif last is not None and rng.random() < 0.05:  # a light rewrite
                lines = last.body.split("\n")
                lines[min(1, len(lines) - 1)] = rng.choice(BACKGROUND)
                body, title = "\n".join(lines), last.title
            else:
                paras = _paragraphs(rng, s, day)
                top = rng.sample(NOISE_TOP, rng.randint(0, 2))
                bottom = rng.sample(NOISE_BOTTOM, rng.randint(1, 3))
                body = "\n".join(top + paras + bottom + [f"© RIPRODUZIONE RISERVATA {outlet.upper()}"])
                a, b = s["a"], s["b"]
                title = rng.choice([
                    f"{s['place'][2]}, {a[2][-1]}: {s['action'][2].format(T=b[2][-1])} {su(s['topic'])}",
                    f"{a[2][-1]} e {b[2][-1]} a {s['place'][2]}, il nodo resta {s['topic']}",
                    f"{s['topic'][0].upper()}{s['topic'][1:]}: {s['action'][2].format(T=b[2][-1])} "
                    f"da {a[2][-1]}",
                ])
            slug = f"{s['action'][0].lower()}-{made:07d}"
            url = f"https://www.{outlet}/esteri/{day:%Y/%m/%d}/{slug}.html"
            art = Article(made, outlet, url, day, title, body)
            yield art
            last = art
            made += 1


# -- formats -------------------------------------------------------------------------------------

def as_text(a: Article) -> bytes:
    return f" date {a.day:%Y-%m} {a.url}\n\n{a.title}\n\n{a.body}\n".encode()


def as_html(a: Article) -> bytes:
    paras = "\n".join(f"<p>{p}</p>" for p in a.body.split("\n"))
    return (f'<!DOCTYPE html>\n<html lang="it"><head><meta charset="utf-8"><title>{a.title} - {a.outlet}'
            f'</title>\n<meta property="og:site_name" content="{a.outlet}">\n'
            f'<meta property="article:published_time" content="{a.day.isoformat()}T09:30:00+01:00">\n'
            f'<link rel="canonical" href="{a.url}"></head>\n<body><nav><a href="/">Home</a> | '
            f'<a href="/esteri">Esteri</a></nav>\n<article><h1>{a.title}</h1>\n{paras}\n</article>\n'
            f'<footer>{a.outlet} - P.IVA 01234567890</footer></body></html>\n').encode()


def as_json(a: Article) -> bytes:
    return json.dumps({"url": a.url, "title": a.title, "text": a.body, "date_publish": a.day.isoformat(),
                       "source_domain": a.outlet, "language": "it"}, ensure_ascii=False).encode()


def warc_records(arts: list[Article]) -> bytes:
    """A WARC file's bytes: per article a request, a response (HTML) and a metadata record."""
    out = io.BytesIO()
    out.write(_warc("warcinfo", "", b"software: cronaca-bench\r\n", "application/warc-fields"))
    for a in arts:
        page = as_html(a)
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(page)}\r\n\r\n".encode() + page)
        out.write(_warc("request", a.url, f"GET {a.url} HTTP/1.1\r\n\r\n".encode(),
                        "application/http; msgtype=request"))
        out.write(_warc("response", a.url, http, "application/http; msgtype=response"))
        out.write(_warc("metadata", a.url, b"fetchTimeMs: 120\r\n", "application/warc-fields"))
    return out.getvalue()


def _warc(kind: str, url: str, payload: bytes, ctype: str) -> bytes:
    record_id = hashlib.sha256(f"{kind} {url} {len(payload)}".encode()).hexdigest()[:32]
    head = ["WARC/1.0", f"WARC-Type: {kind}", "WARC-Date: 2024-05-01T10:00:00Z",
            f"WARC-Record-ID: <urn:uuid:{record_id}>",
            f"Content-Type: {ctype}", f"Content-Length: {len(payload)}"]
    if url:
        head.insert(2, f"WARC-Target-URI: {url}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def write_corpus(n: int, fmt: str, out: Path, *, seed: int = 7, gz: bool = False,
                 per_file: int = 1000) -> list[Path]:
    """Write ``n`` articles in ``fmt`` (text, html, jsonl, warc) under ``out``; the files."""
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    suffix = ".gz" if gz else ""
    opener = gzip.open if gz else open
    arts = generate(n, seed)
    if fmt in ("text", "html"):
        ext = ".txt" if fmt == "text" else ".html"
        render = as_text if fmt == "text" else as_html
        for a in arts:
            sub = out / f"{a.n // per_file:04d}"
            sub.mkdir(exist_ok=True)
            path = sub / f"{a.n:07d}_{a.outlet.split('.')[0]}{ext}{suffix}"
            with opener(path, "wb") as fh:
                fh.write(render(a))
            files.append(path)
        return files
    chunk: list[Article] = []
    for a in arts:
        chunk.append(a)
        if len(chunk) == per_file:
            files.append(_container(chunk, fmt, out, len(files), suffix, opener))
            chunk = []
    if chunk:
        files.append(_container(chunk, fmt, out, len(files), suffix, opener))
    return files


def _container(arts: list[Article], fmt: str, out: Path, k: int, suffix: str, opener) -> Path:
    path = out / f"part-{k:05d}.{fmt}{suffix}"
    if fmt == "warc" and suffix:  # one gzip member per record, as crawlers write .warc.gz
        with open(path, "wb") as fh:
            for a in arts:
                fh.write(gzip.compress(warc_records([a])))
        return path
    with opener(path, "wb") as fh:
        if fmt == "jsonl":
            fh.write(b"\n".join(as_json(a) for a in arts) + b"\n")
        else:
            fh.write(warc_records(arts))
    return path


def write_dataset(n: int, root: Path, *, seed: int = 7, per_part: int = 20000) -> None:
    """A pre-extracted Parquet dataset of ``n`` annotated documents (for ``cronaca load``)."""
    import web_bench

    from cronaca.dataset.writer import PartWriter, write_manifest

    write_manifest(str(root))
    rng = random.Random(seed)
    days = max(30, min(3 * 365, n // 50))
    for k, start in enumerate(range(0, n, per_part)):
        with PartWriter(str(root), f"bench-{k + 1:06d}") as writer:
            for lo in range(start, min(n, start + per_part), 2000):
                docs = []
                for i in range(lo, min(n, start + per_part, lo + 2000)):
                    day = (START + timedelta(days=int(days * i / n))).isoformat()
                    docs.append(web_bench.make_document(i, rng, day))
                writer.write(docs)
        print(f"  dataset: {min(n, start + per_part):,} / {n:,} documents", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--format", choices=["text", "html", "jsonl", "warc", "all"], default="jsonl")
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument("--per-file", type=int, default=1000, help="articles per JSONL/WARC file")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=REPO / "out" / "corpus")
    ap.add_argument("--dataset", type=Path, help="write a pre-extracted Parquet dataset here instead")
    args = ap.parse_args()
    if args.dataset:
        write_dataset(args.articles, args.dataset, seed=args.seed)
        print(f"dataset of {args.articles:,} documents -> {args.dataset}")
        return
    fmts = ["text", "html", "jsonl", "warc"] if args.format == "all" else [args.format]
    for fmt in fmts:
        files = write_corpus(args.articles, fmt, args.out / fmt if len(fmts) > 1 else args.out,
                             seed=args.seed, gz=args.gzip, per_file=args.per_file)
        size = sum(f.stat().st_size for f in files)
        print(f"{args.articles:,} articles as {fmt}{' (gzip)' if args.gzip else ''}: "
              f"{len(files):,} files, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
