"""langid's features counted as byte n-grams, by array operations instead of an automaton walk.

Why: langid counts its features (byte strings of one to four bytes) by walking an Aho-Corasick
automaton one byte at a time in Python, which was the largest single cost of cleaning (two
article samples and the doubtful lines of every page). The count of a feature is simply how often
its bytes occur in the text, overlaps included, *when* the automaton's outputs are exactly the
features that end each state's string: then every position's state outputs the features that end
there. :func:`ngram_table` recovers each state's string from the automaton (its shortest path from
the start) and checks that condition for every state; the counts then come from the text's
n-grams looked up in tables (:class:`NgramTable`), the same numbers the walk gives. A model for which the check
fails (longer features, an automaton of another shape) gets no table and keeps the walk.
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

import numpy as np

#: The longest feature the table handles (langid's models use byte 1- to 4-grams).
MAX_BYTES = 4


class NgramTable(NamedTuple):
    """Each feature's index by its bytes, -1 where none, as direct tables indexed by the bytes,
    in the shape of a trie so that none needs 16 million entries: one byte (256 entries), two
    bytes (65536); a three-byte n-gram by the *block* of its first two bytes and its last byte
    (``block * 256 + byte``), a four-byte one by the block of its first three. Only the prefixes
    that begin a longer feature have a block."""

    one: np.ndarray  # byte -> feature
    two: np.ndarray  # two bytes -> feature
    two_block: np.ndarray  # two bytes -> block, for three- and four-byte features
    three: np.ndarray  # block of two bytes * 256 + byte -> feature
    three_block: np.ndarray  # block of two bytes * 256 + byte -> block, for four-byte features
    four: np.ndarray  # block of three bytes * 256 + byte -> feature


def ngram_table(nextmove: Sequence[int], output: Mapping[int, Sequence[int]]) -> NgramTable | None:
    """The features' n-grams, when the automaton ``nextmove`` (``state << 8 | byte`` -> state) with
    ``output`` (state -> feature indices) counts exactly the occurrences of their bytes; else None."""
    moves = np.asarray(nextmove, dtype=np.int64)
    if moves.size % 256:
        return None
    moves = moves.reshape(-1, 256)
    states = len(moves)
    size = np.full(states, -1, dtype=np.int64)
    value = np.zeros(states, dtype=np.int64)
    size[0] = 0
    frontier = np.array([0], dtype=np.int64)
    depth = 0
    while frontier.size:  # breadth first: a state is first reached by its own string
        depth += 1
        targets = moves[frontier].ravel()
        values = (value[frontier][:, None] << 8 | np.arange(256, dtype=np.int64)[None, :]).ravel()
        new = size[targets] < 0
        targets, first = np.unique(targets[new], return_index=True)
        if targets.size and depth > MAX_BYTES:
            return None
        size[targets] = depth
        value[targets] = values[new][first]
        frontier = targets
    if (size < 0).any():
        return None  # a state no text reaches
    strings = {s: int(value[s]).to_bytes(int(size[s]), "big") for s in range(states)}
    feature: dict[int, bytes] = {}  # feature index -> its bytes: the shortest state that outputs it
    for s, found in output.items():
        for f in found:
            if f not in feature or len(strings[s]) < len(feature[f]):
                feature[f] = strings[s]
    by_bytes = {w: f for f, w in feature.items()}
    if len(by_bytes) != len(feature):
        return None
    for s, w in strings.items():
        found = output.get(s, ())
        ends = [by_bytes[w[k:]] for k in range(len(w)) if w[k:] in by_bytes]
        if len(set(found)) != len(found) or set(found) != set(ends):
            return None  # the automaton counts something else than occurrences
    return _tables(by_bytes)


def _tables(by_bytes: dict[bytes, int]) -> NgramTable:
    """The :class:`NgramTable` of features given by their bytes (one to four each)."""
    pairs = {w[:2] for w in by_bytes if len(w) > 2}
    triples = {w[:3] for w in by_bytes if len(w) > 3}
    pair_block = {w: k for k, w in enumerate(sorted(pairs))}
    triple_block = {w: k for k, w in enumerate(sorted(triples))}
    kind = np.int16 if max(len(by_bytes), len(pairs), len(triples)) < 2 ** 15 else np.intp
    one, two, two_block = (np.full(size, -1, dtype=kind) for size in (256, 256 ** 2, 256 ** 2))
    three, three_block = (np.full(256 * len(pairs), -1, dtype=kind) for _ in range(2))
    four = np.full(256 * len(triples), -1, dtype=kind)
    for w, k in pair_block.items():
        two_block[int.from_bytes(w, "big")] = k
    for w, k in triple_block.items():
        three_block[pair_block[w[:2]] * 256 + w[2]] = k
    for w, f in by_bytes.items():
        if len(w) == 1:
            one[w[0]] = f
        elif len(w) == 2:
            two[int.from_bytes(w, "big")] = f
        elif len(w) == 3:
            three[pair_block[w[:2]] * 256 + w[2]] = f
        else:
            four[triple_block[w[:3]] * 256 + w[3]] = f
    return NgramTable(one, two, two_block, three, three_block, four)


def ngram_counts(data: bytes, table: NgramTable, numfeats: int) -> np.ndarray:
    """The feature counts of ``data`` (uint32, as langid's featuriser returns them): every
    n-gram of one to :data:`MAX_BYTES` bytes looked up in ``table``, the longer ones only where
    their prefix begins a feature."""
    one = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
    two = one[:-1] << 8 | one[1:]
    f1, f2 = table.one[one], table.two[two]
    block = table.two_block[two[:-1]]  # the block of the two bytes at i, for i + 2 < len
    at = np.flatnonzero(block >= 0)
    three = block[at].astype(np.intp) * 256 + one[at + 2]
    f3 = table.three[three]
    block = table.three_block[three]
    keep = (block >= 0) & (at + 3 < len(one))
    f4 = table.four[block[keep].astype(np.intp) * 256 + one[at[keep] + 3]]
    found = np.concatenate([f1[f1 >= 0], f2[f2 >= 0], f3[f3 >= 0], f4[f4 >= 0]])
    return np.bincount(found, minlength=numfeats).astype(np.uint32)
