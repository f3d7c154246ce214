"""A logistic regression over sparse string features, read from a small JSON data file.

The learnt models of the NLP stages (events: :mod:`.events.model`; quote speakers:
:mod:`.quotes.ranker`) share this reader: weights by feature name, a bias, a decision threshold
(or margin) chosen by cross-validation, and ``meta`` recording what the model was trained on.
The files are written by the training scripts in ``scripts/`` (``scripts/logistic.py`` holds
the shared fit), deterministically; each is loaded once per process.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import repeat
from typing import Iterable

from ..errors import ResourceError


@dataclass(frozen=True, slots=True)
class LinearModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict

    def partial(self, features: Iterable[str]) -> float:
        """The weights of ``features`` summed, without the bias: for features many candidates
        share (the event stage's :attr:`~.events.candidates.Candidate.shared`), added to each
        one's :meth:`score`."""
        # map() runs the lookups in C
        return sum(map(self.weights.get, features, repeat(0.0)))

    def score(self, features: Iterable[str], shared: float = 0.0) -> float:
        """The probability of a candidate with ``features`` (and ``shared``: the :meth:`partial`
        sum of the features it shares with others)."""
        z = self.bias + shared + sum(map(self.weights.get, features, repeat(0.0)))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def model_file(name: str, lang: str) -> Traversable:
    """Where the model ``name`` of language ``lang`` lives (``resources/models/<name>.<lang>.json``)."""
    return resources.files("cronaca.resources").joinpath(f"models/{name}.{lang}.json")


def read_model(name: str, lang: str) -> LinearModel | None:
    """The model, or None when the language has none; a malformed file is an error."""
    path = model_file(name, lang)
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return LinearModel(dict(raw["weights"]), float(raw["bias"]), float(raw["threshold"]), raw.get("meta", {}))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"{name} model for language {lang!r} is malformed: {exc}") from exc
