#!/usr/bin/env python3
"""The development corpora whose texts live outside the repository, and the split that keeps
part of them unseen.

    python eval/corpus.py lookups [--set NAME]   one JSON line per text to fetch: set, doc_id, query, url, path
    python eval/corpus.py verify  [--set NAME]   which texts are present and match their hashes
    python eval/corpus.py split                  how the generalisation corpus divides into halves

Sets (gold records hold annotations, the URL, the lookup query and hashes; never publisher text):

- ``dev2``: 30 articles on the 2021-22 crisis (``../shared/gold/dev2``);
- ``dev3``: 100 articles across international politics (``../shared/gold/dev3``);
- ``blind``: the team's blind corpus (``eval/gold/blind``), annotated before cronaca ran on it;
- ``pubdates``: 60 more pages from 52 outlets annotated for their publication date and title
  only (``eval/gold/pubdates``, scored by ``eval/metadata.py``): tuning data for the page reader.

``dev3`` and ``blind`` together are the *generalisation corpus*. It is split once, by a salted
sha256 of the doc id, into a **tuning** half (errors may be read and fixed) and a **check** half
(scored, never read error by error). The split is a pure function of the id: it never moves.

Texts are looked for in ``$CRONACA_DEVTEXTS/<set>/<doc_id>.txt`` (default: ``../devtexts`` beside
the repository). Obtain them by looking up each record's ``query`` in the stored pages and saving
the result whose URL matches, unchanged (see ``eval/gold/blind/README.md``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
SPLIT_SALT = "cronaca-split-v1:"
HALVES = ("tuning", "check")


def shared_dir() -> Path:
    return Path(os.environ.get("CRONACA_SHARED", REPO.parent / "shared"))


def texts_dir() -> Path:
    return Path(os.environ.get("CRONACA_DEVTEXTS", REPO.parent / "devtexts"))


@dataclass(frozen=True)
class CorpusSet:
    name: str
    gold: Path
    texts: Path

    def records(self) -> list[dict[str, Any]]:
        with open(self.gold, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def text_path(self, doc_id: str) -> Path:
        return self.texts / f"{doc_id}.txt"


def sets() -> dict[str, CorpusSet]:
    """The corpora whose gold file is present here (texts may still be missing)."""
    shared, texts = shared_dir(), texts_dir()
    legacy_dev2 = os.environ.get("CRONACA_DEV2_DIR")
    candidates = [
        CorpusSet("dev2", shared / "gold/dev2/gold.jsonl", Path(legacy_dev2) if legacy_dev2 else texts / "dev2"),
        CorpusSet("dev3", shared / "gold/dev3/gold.jsonl", texts / "dev3"),
        CorpusSet("blind", REPO / "eval/gold/blind/gold.jsonl", texts / "blind"),
        CorpusSet("pubdates", REPO / "eval/gold/pubdates/gold.jsonl", texts / "pubdates"),
    ]
    return {c.name: c for c in candidates if c.gold.is_file()}


def half(doc_id: str) -> str:
    """``tuning`` or ``check``: fixed once for every doc id, independent of its content."""
    digest = hashlib.sha256((SPLIT_SALT + doc_id).encode("utf-8")).hexdigest()
    return HALVES[int(digest, 16) % 2]


GENERALISATION_SETS = ("dev3", "blind")


def text_status(record: dict[str, Any], path: Path) -> str:
    """``exact``, ``normalised`` or ``spans`` when the saved text is the annotated one; else why not."""
    if not path.is_file():
        return "missing"
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() == record.get("sha256"):
        return "exact"
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    if record.get("sha256_norm") and hashlib.sha256(flat.encode("utf-8")).hexdigest() == record["sha256_norm"]:
        return "normalised"
    spans = [m for e in record.get("entities", []) for m in e.get("mentions", [])]
    spans += [q.get("start") for q in record.get("quotes", [])]
    spans += [v.get("evidence") for v in record.get("events", [])]
    ws = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text.replace("\u00a0", " ")))
    if abs(len(text) - int(record.get("chars", len(text)))) <= 5 and all(
            re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip() in ws for s in spans if s):
        return "spans"
    return "mismatch"


def available(names: tuple[str, ...]) -> Iterator[tuple[CorpusSet, dict[str, Any], Path]]:
    """Records of the named sets whose text is present and verified."""
    known = sets()
    for name in names:
        corpus = known.get(name)
        if corpus is None:
            continue
        for record in corpus.records():
            path = corpus.text_path(record["doc_id"])
            if text_status(record, path) in ("exact", "normalised", "spans"):
                yield corpus, record, path


def gold_with_texts(names: tuple[str, ...], part: str | None = None
                    ) -> tuple[dict[str, dict[str, Any]], dict[str, Path], int]:
    """Gold records (by doc id) and text paths of the named sets, restricted to one half when
    ``part`` is given; also how many records that selection holds in all, texts or not."""
    gold: dict[str, dict[str, Any]] = {}
    paths: dict[str, Path] = {}
    for _corpus, record, path in available(names):
        if part is None or half(record["doc_id"]) == part:
            gold[record["doc_id"]] = record
            paths[record["doc_id"]] = path
    total = sum(1 for n in names if n in sets() for r in sets()[n].records()
                if part is None or half(r["doc_id"]) == part)
    return gold, paths, total


def _lookups(args: argparse.Namespace) -> int:
    for name, corpus in sets().items():
        if args.set and name != args.set:
            continue
        for r in corpus.records():
            print(json.dumps({"set": name, "doc_id": r["doc_id"], "query": r["query"], "url": r["url"],
                              "chars": r.get("chars"), "sha256": r.get("sha256"),
                              "path": str(corpus.text_path(r["doc_id"]))}, ensure_ascii=False))
    return 0


def _verify(args: argparse.Namespace) -> int:
    bad = 0
    for name, corpus in sets().items():
        if args.set and name != args.set:
            continue
        counts: dict[str, int] = {}
        for r in corpus.records():
            status = text_status(r, corpus.text_path(r["doc_id"]))
            counts[status] = counts.get(status, 0) + 1
            if status == "mismatch" or (status == "missing" and args.verbose):
                print(f"  {name}/{r['doc_id']}: {status}")
            bad += status == "mismatch"
        print(name, json.dumps(counts, sort_keys=True), "in", corpus.texts)
    return 1 if bad else 0


def _split(args: argparse.Namespace) -> int:
    for name in GENERALISATION_SETS:
        corpus = sets().get(name)
        if corpus is None:
            continue
        ids = [r["doc_id"] for r in corpus.records()]
        counts = {h: sum(half(i) == h for i in ids) for h in HALVES}
        print(name, json.dumps(counts))
        if args.verbose:
            for h in HALVES:
                print(" ", h, " ".join(i for i in ids if half(i) == h))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for cmd in ("lookups", "verify", "split"):
        p = sub.add_parser(cmd)
        p.add_argument("--set", default=None)
        p.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    return {"lookups": _lookups, "verify": _verify, "split": _split}[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
