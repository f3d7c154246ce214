"""langid's features counted as byte n-grams, by array operations instead of an automaton walk.

Why: langid counts its features (byte strings of one to four bytes) by walking an Aho-Corasick
automaton one byte at a time in Python, which was the largest single cost of cleaning (two
article samples and the doubtful lines of every page). The count of a feature is simply how often
its bytes occur in the text, overlaps included, *when* the automaton's outputs are exactly the
features that end each state's string: then every position's state outputs the features that end
there. :func:`ngram_table` recovers each state's string from the automaton (its shortest path from
the start) and checks that condition for every state; the counts then come from the text's
n-grams looked up in a sorted table, the same numbers the walk gives. A model for which the check
fails (longer features, an automaton of another shape) gets no table and keeps the walk.
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

import numpy as np

#: The longest feature the table handles (langid's models use byte 1- to 4-grams).
MAX_BYTES = 4


class NgramTable(NamedTuple):
    """Each feature's index by its bytes: a direct table for one and two bytes (256 and 65536
    entries, -1 where no feature), sorted codes (the bytes as a big-endian number) for three and
    four, whose direct tables would take 16 million entries and more."""

    one: np.ndarray
    two: np.ndarray
    three: tuple[np.ndarray, np.ndarray]  # sorted codes, their features
    four: tuple[np.ndarray, np.ndarray]


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
    direct = [np.full(256 ** n, -1, dtype=np.int16 if len(by_bytes) < 2 ** 15 else np.intp) for n in (1, 2)]
    sorted_: list[list[tuple[int, int]]] = [[], []]
    for w, f in by_bytes.items():
        code = int.from_bytes(w, "big")
        if len(w) <= 2:
            direct[len(w) - 1][code] = f
        else:
            sorted_[len(w) - 3].append((code, f))
    three, four = (
        (np.array([c for c, _ in sorted(x)], dtype=np.uint32), np.array([f for _, f in sorted(x)], dtype=np.intp))
        for x in sorted_)
    return NgramTable(direct[0], direct[1], three, four)


def _found(table: tuple[np.ndarray, np.ndarray], codes: np.ndarray) -> np.ndarray:
    """The features of ``codes`` that ``table`` (sorted codes, features) holds."""
    keys, features = table
    if not keys.size:
        return features
    at = np.searchsorted(keys, codes)
    at[at == len(keys)] = 0
    return features[at[keys[at] == codes]]


def ngram_counts(data: bytes, table: NgramTable, numfeats: int) -> np.ndarray:
    """The feature counts of ``data`` (uint32, as langid's featuriser returns them): every
    n-gram of one to :data:`MAX_BYTES` bytes looked up in ``table``."""
    one = np.frombuffer(data, dtype=np.uint8).astype(np.uint32)
    two = one[:-1] << 8 | one[1:]
    three = two[:-1] << 8 | one[2:]
    four = three[:-1] << 8 | one[3:]
    a, b = table.one[one], table.two[two]
    found = np.concatenate([a[a >= 0], b[b >= 0], _found(table.three, three), _found(table.four, four)])
    return np.bincount(found, minlength=numfeats).astype(np.uint32)
