"""Exact and near-duplicate articles: syndicated copies, re-posts with other page furniture.

Why MinHash/LSH (datasketch): comparing every new article with every stored one is quadratic.
A MinHash signature estimates the Jaccard overlap of two articles' word 4-shingles; cutting the
signature into ``BANDS`` bands of ``ROWS`` values gives bucket keys that near-copies share with
high probability and unrelated articles almost never. The store keeps the bucket keys in an
indexed table, so finding the candidates for a new article costs a few index look-ups whatever
the size of the corpus; the stored signatures then confirm them.

Exact copies (the same body under another headline or page furniture) share ``exact_key``, the
hash of the folded body words. The original of a group is the earliest published article, then
the first ingested; copies are kept, linked to it, and left out of counts unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from hashlib import sha1
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from ..ids import digest
from .text import word_shingles, words

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
#: Estimated Jaccard of 4-shingles above which two articles are copies of one another. Edited
#: re-posts sit at 0.6–0.95, rewrites of one wire story by other outlets below 0.25.
THRESHOLD = 0.5
#: Stored articles compared with a new one: those sharing the most LSH buckets with it. Why a
#: cap: a bucket key that many articles share (a template, a standard paragraph every outlet
#: reposts) would otherwise make every article compare itself with thousands, and finding copies
#: would slow down as the corpus grows. A copy at the threshold shares about 2 of 32 bands and
#: an unrelated article almost never one, so true copies rank first.
BAND_CANDIDATES = 200
_SEED = 1  # fixed, so signatures stored today compare with signatures made tomorrow
_SCHEME = "affine32"  # datasketch >= 2: uint32 values, collision-free permutations


@cache
def template(num_perm: int = NUM_PERM, seed: int = _SEED) -> MinHash:
    """The permutations of a signature, built once per process and kind.

    Why built on first use: datasketch imports scipy (most of a second), and every command
    that opens a store imports this module, searches and the web server included, which never
    compute a signature.
    """
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme=_SCHEME)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What duplicate detection needs of one article."""

    exact_key: str
    signature: bytes  # NUM_PERM uint32 values
    bands: tuple[int, ...]  # one bucket key per band, the band index mixed in
    size: int  # number of shingles: tiny texts are never called near-copies


def fingerprint(text: str) -> Fingerprint:
    """The exact key, MinHash signature and LSH bucket keys of an article body."""
    return fingerprint_of(words(text))


def fingerprint_of(toks: list[str]) -> Fingerprint:
    """:func:`fingerprint` of a body's words already folded and split."""
    grams = word_shingles(toks)
    values = minhash(grams, template())
    return Fingerprint(
        exact_key=digest(" ".join(toks), size=12),
        signature=values.tobytes(),
        bands=band_keys(values),
        size=len(grams),
    )


def minhash(grams: Iterable[str], template: MinHash) -> np.ndarray:
    """The uint32 MinHash values of a set of strings, with ``template``'s permutations.

    The strings are hashed here as datasketch's default ``sha1_hash32`` hashes them (the first
    four bytes of their SHA-1, little-endian) and handed over as integers: calling that
    function once per shingle was most of the time a signature took. Same values, same
    permutations, so signatures stored before compare with signatures made now.
    """
    from datasketch import MinHash

    mh = MinHash(num_perm=len(template.hashvalues), seed=template.seed, permutations=template.permutations,
                 scheme=_SCHEME, hashfunc=int)
    # in any order: a signature is a minimum per permutation, and sorting the shingles cost
    # more than hashing them
    hashed = b"".join([sha1(g.encode("utf-8")).digest()[:4] for g in grams])
    if hashed:
        mh.update_batch(np.frombuffer(hashed, dtype="<u4").tolist())
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def band_keys(values: np.ndarray, bands: int = BANDS, namespace: tuple[str, ...] = ()) -> tuple[int, ...]:
    """One signed 63-bit key per band (fits an SQLite INTEGER), band number included; another
    ``namespace`` keeps another kind of signature's buckets apart in the same table."""
    rows = values.reshape(bands, len(values) // bands).astype(np.uint64)
    keys = []
    for band, row in enumerate(rows):
        h = int.from_bytes(bytes.fromhex(digest(*namespace, str(band), row.tobytes().hex(), size=8)), "big")
        keys.append(h & 0x7FFF_FFFF_FFFF_FFFF)
    return tuple(keys)


def ranked_candidates(shared: Iterable[tuple[str, int]], limit: int = BAND_CANDIDATES) -> list[str]:
    """Article ids by the number of buckets they share with a new article, most first (ties by
    id, so every store and engine picks the same ones), at most ``limit``."""
    ranked = sorted(shared, key=lambda item: (-item[1], item[0]))
    return [article_id for article_id, _ in ranked[:limit]]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard overlap of two stored signatures of the same kind."""
    va = np.frombuffer(a, dtype=np.uint32)
    vb = np.frombuffer(b, dtype=np.uint32)
    if len(va) != len(vb) or not len(va):
        return 0.0
    return float(np.count_nonzero(va == vb)) / len(va)


def is_near_copy(a: Fingerprint, b_signature: bytes, b_size: int) -> tuple[bool, float]:
    """Whether two articles are copies, and the estimated overlap that says so."""
    if min(a.size, b_size) < 8:  # a few words in common prove nothing
        return False, 0.0
    score = similarity(a.signature, b_signature)
    return score >= THRESHOLD, score


def near_copies(a: Fingerprint, others: Sequence[tuple[bytes, int]]) -> list[tuple[bool, float]]:
    """:func:`is_near_copy` of ``a`` and each (signature, size) of ``others``, in one array
    comparison: an article's band candidates number in the hundreds where a few bucket keys are
    common, and comparing them one by one was most of the time spent finding copies."""
    out = [(False, 0.0)] * len(others)
    n = len(a.signature) // 4
    same = [i for i, (sig, size) in enumerate(others)
            if min(a.size, size) >= 8 and len(sig) == len(a.signature)]
    if not n or not same:
        return out
    mine = np.frombuffer(a.signature, dtype=np.uint32)
    theirs = np.frombuffer(b"".join(others[i][0] for i in same), dtype=np.uint32).reshape(len(same), n)
    for i, equal in zip(same, np.count_nonzero(theirs == mine, axis=1).tolist()):
        score = float(equal) / n  # as similarity() computes it, so the scores are the same
        out[i] = (score >= THRESHOLD, score)
    return out


def lean(signature: bytes) -> LeanMinHash:
    """A datasketch object for a stored signature (for users who want datasketch's tools)."""
    from datasketch import LeanMinHash, MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=np.frombuffer(signature, np.uint32),
                 permutations=template().permutations, scheme=_SCHEME)
    return LeanMinHash(mh)


def earlier(a: tuple[str | None, int], b: tuple[str | None, int]) -> bool:
    """Whether (published, ingest order) ``a`` comes before ``b``; an undated article comes last."""
    da, db = a[0] or "9999", b[0] or "9999"
    return (da, a[1]) < (db, b[1])
