"""Benchmark: peak memory and time of one ingest per hostile input size (cronaca.limits).

Each input is ingested by ``cronaca ingest`` in a fresh process (full pipeline), so the peak
resident memory printed is that input's alone, the NLP resources included (about 170 MB on
their own). What it shows: peak memory stays a few times the input, or bounded outright, for
inputs far over what an article is, whatever ``--max-bytes`` allows.

Prints figures; asserts nothing. ``python bench/limits_bench.py``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("il ministro degli esteri ha incontrato a Ginevra il collega russo per discutere della "
         "sicurezza europea e delle sanzioni contro Mosca secondo fonti diplomatiche").split()


def sentences(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out, n = [], 0
    while n < size:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + ". "
        out.append(s)
        n += len(s)
    return "".join(out)[:size]


def inputs(folder: Path) -> list[tuple[str, Path]]:
    made = []

    def add(label: str, name: str, content: str) -> None:
        path = folder / name
        path.write_text(content, encoding="utf-8")
        made.append((label, path))

    add("article, 400 KB of text (processed)", "a400k.txt", "Titolo di prova\n\n" + sentences(400_000) + "\n")
    add("one line of 5 MB", "line5.txt", "Titolo\n\n" + sentences(5 << 20) + "\n")
    add("one line of 100 MB", "line100.txt", "Titolo\n\n" + "parola " * (15 << 20) + "\n")
    add("JSON line of 15 MB", "line15.jsonl", json.dumps({"title": "t", "text": "parola " * (2 << 20)}) + "\n")
    body = "<p>" + "parola " * 100 + "</p>"
    add("HTML page of 8 MB", "page8.html", "<html><body>" + body * ((8 << 20) // len(body) - 10) + "</body></html>")
    add("HTML page of 100 MB", "page100.html", "<html><body>" + body * ((100 << 20) // len(body)) + "</body></html>")
    return made


def measure(path: Path, db: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, last summary line) of one ingest in a fresh process."""
    code = ("import resource, subprocess, sys; "
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); "
            "print((p.stdout.strip().splitlines() or [''])[-1])")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, sys.executable, "-c",
                           "from cronaca.cli import main; main()", "ingest", "--db", str(db),
                           "--max-bytes", "200MB", str(path)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak, _, last = done.stdout.partition("\n")
    return seconds, float(peak), last.strip()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'input':40} {'size':>9} {'seconds':>8} {'peak RSS':>9}  outcome")
        for n, (label, path) in enumerate(inputs(folder)):
            seconds, peak, last = measure(path, folder / f"kb{n}.db")
            size = path.stat().st_size / (1 << 20)
            print(f"{label:40} {size:7.1f}MB {seconds:8.1f} {peak:7.0f}MB  {last[:70]}")


if __name__ == "__main__":
    main()
