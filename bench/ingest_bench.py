"""Benchmark: ingest + cleaning throughput and peak memory on a generated corpus.

Generates thousands of synthetic Italian articles in the style of the scraped seeds — crawler
header, repeated title, a truncated teaser with a date stamp, body paragraphs (some sentences
glued without a space), page furniture (social prompt, comment widget, section label) — written
as plain-text files, a JSON Lines dump and HTML pages, then measures, each in a fresh process so
the peak memory of one figure does not leak into the next:

1. reading only (the readers, no cleaning, no store);
2. ingest + cleaning (``Options(stages=())``) into a new SQLite knowledge base;
3. the full pipeline (cleaning + every NLP stage) into another new knowledge base.

Prints figures; asserts nothing. ``python bench/ingest_bench.py --articles 3000 --jobs 1``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PEOPLE = [("il ministro degli Esteri russo", "Sergej Lavrov"),
          ("il segretario di Stato americano", "Antony Blinken"),
          ("il segretario generale della Nato", "Jens Stoltenberg"),
          ("il presidente francese", "Emmanuel Macron"),
          ("il cancelliere tedesco", "Olaf Scholz"),
          ("il portavoce del Cremlino", "Dmitrij Peskov"),
          ("l'Alto rappresentante dell'Ue", "Josep Borrell")]
PLACES = ["Ginevra", "Vienna", "Bruxelles", "Parigi", "Berlino", "Mosca", "Helsinki", "Ankara"]
TOPICS = ["le garanzie di sicurezza", "il controllo degli armamenti", "la crisi ucraina",
          "le forniture di gas", "le sanzioni economiche", "il futuro del trattato New START"]
OUTLETS = [("notizie.example.it", "Notizie Esempio"), ("esteri.example.com", "Esteri Oggi"),
           ("mondo.example.net", "Il Mondo Esempio")]
SENTENCES = [
    "{role} {name} ha dichiarato che {topic} restano al centro dei colloqui.",
    "Secondo {name}, l'incontro di {place} è stato «franco e utile».",
    "{name} ha detto ai giornalisti che nessuna decisione è stata ancora presa su {topic}.",
    "Le delegazioni si sono riunite a {place} per circa due ore, riferiscono fonti diplomatiche.",
    "In precedenza {role} aveva avvertito che {topic} non possono essere rinviate.",
    "Il prossimo round di consultazioni è previsto a {place} entro la fine del mese.",
    "«Siamo pronti a proseguire il dialogo», ha affermato {name} al termine della riunione.",
    "Gli osservatori ritengono che {topic} resteranno a lungo un punto di attrito.",
]
MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"]


def paragraph(rng: random.Random, size: int) -> str:
    parts = []
    for _ in range(size):
        role, name = rng.choice(PEOPLE)
        parts.append(rng.choice(SENTENCES).format(role=role, name=name, place=rng.choice(PLACES),
                                                  topic=rng.choice(TOPICS)))
        parts[-1] = parts[-1][0].upper() + parts[-1][1:]
    joiner = "" if rng.random() < 0.15 else " "  # some sentences glued, as scrapers leave them
    return joiner.join(parts)


def article(n: int, rng: random.Random) -> dict:
    role, name = rng.choice(PEOPLE)
    place = rng.choice(PLACES)
    year, month, day = 2021 + n % 2, 1 + n % 12, 1 + n % 28
    domain, outlet = OUTLETS[n % len(OUTLETS)]
    title = f"{name} a {place}: colloqui su {rng.choice(TOPICS)} (n. {n})"
    url = f"https://{domain}/{year}{month:02d}{day:02d}/articolo-{n}.html"
    body = [f"{place}, {day} {MONTHS[month - 1]} {year} - " + paragraph(rng, 3)]
    body += [paragraph(rng, rng.randint(2, 5)) for _ in range(rng.randint(3, 7))]
    return {"n": n, "url": url, "title": title, "outlet": outlet, "body": body,
            "published": f"{year}-{month:02d}-{day:02d}",
            "teaser": f"{paragraph(rng, 1)[:90]}... {day:02d}.{month:02d}.{year}, {outlet}"}


def as_text(a: dict) -> str:
    furniture = ["Seguici su Telegram", "Notizie", "0", "Per partecipare alla discussione "
                 "accedi o registrati", "loader"]
    lines = [f" date {a['published'][:7]} {a['url']}", a["title"], a["title"], a["teaser"],
             *a["body"], *furniture]
    return "\n\n".join(lines) + "\n"


def as_html(a: dict) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in a["body"])
    return (f'<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>{a["title"]}'
            f'</title><meta property="og:title" content="{a["title"]}">'
            f'<meta property="article:published_time" content="{a["published"]}T09:00:00+01:00">'
            f'<link rel="canonical" href="{a["url"]}"></head><body><nav><a href="/">Home</a>'
            f'<a href="/esteri">Esteri</a></nav><article><h1>{a["title"]}</h1>{paragraphs}'
            f'</article><aside><h3>Più letti</h3><ul><li>Altro articolo</li></ul></aside>'
            f'<footer>Tutti i diritti riservati</footer></body></html>')


def generate(folder: Path, count: int, seed: int = 1) -> Path:
    """Write the corpus: 70% text files, 20% one JSON Lines dump, 10% HTML pages."""
    rng = random.Random(seed)
    (folder / "txt").mkdir(parents=True)
    (folder / "html").mkdir()
    with (folder / "dump.jsonl").open("w", encoding="utf-8") as dump:
        for n in range(count):
            a = article(n, rng)
            kind = n % 10
            if kind < 7:
                (folder / "txt" / f"{n:06d}.txt").write_text(as_text(a), encoding="utf-8")
            elif kind < 9:
                dump.write(json.dumps({"link": a["url"], "headline": a["title"],
                                       "content": "\n".join(a["body"]),
                                       "pubDate": a["published"], "source": a["outlet"]},
                                      ensure_ascii=False) + "\n")
            else:
                (folder / "html" / f"{n:06d}.html").write_text(as_html(a), encoding="utf-8")
    return folder


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_read(corpus: str) -> dict:
    from cronaca.ingest.formats import read_paths

    start = time.perf_counter()
    count = sum(1 for item in read_paths([corpus]) if not hasattr(item, "reason"))
    return {"docs": count, "seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def measure_ingest(corpus: str, db: str, stages: tuple[str, ...] | None, jobs: int) -> dict:
    from cronaca.ingest.run import ingest
    from cronaca.pipeline import Options
    from cronaca.store.base import open_store

    options = Options() if stages is None else Options(stages=stages)
    store = open_store(db)
    try:
        report = ingest([corpus], store, options, jobs=jobs)
    finally:
        store.close()
    return {"docs": report.read, "stored": report.stored, "skipped": len(report.skipped),
            "seconds": report.elapsed, "peak_mb": _peak_mb()}


def in_fresh_process(fn, *args) -> dict:
    with ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--skip-full", action="store_true", help="skip the full NLP pipeline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cronaca-bench-") as tmp:
        corpus = generate(Path(tmp) / "corpus", args.articles)
        size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB "
              f"(70% text files, 20% JSON Lines, 10% HTML); jobs={args.jobs}")
        runs = [("read only", measure_read, (str(corpus),)),
                ("ingest + cleaning (stages=())", measure_ingest,
                 (str(corpus), f"{tmp}/clean.db", (), args.jobs))]
        if not args.skip_full:
            runs.append(("ingest + full pipeline", measure_ingest,
                         (str(corpus), f"{tmp}/full.db", None, args.jobs)))
        for label, fn, fn_args in runs:
            r = in_fresh_process(fn, *fn_args)
            extra = f", stored {r['stored']}, skipped {r['skipped']}" if "stored" in r else ""
            print(f"{label:32s} {r['docs'] / r['seconds']:8.1f} articles/s  "
                  f"({r['docs']} in {r['seconds']:.1f}s{extra}); peak RSS {r['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
