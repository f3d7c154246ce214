"""The event model: a logistic regression that scores candidate events (:mod:`~.candidates`).

Weights are a small data file per language (``resources/models/events.<lang>.json``) written by
``scripts/train_event_model.py`` from annotated articles (the seeds, dev2 and the tuning half of
the generalisation corpus; never the check half). Training is deterministic; the file records
what it was trained on, the regularisation and the decision threshold chosen by cross-validation.
It is loaded once per process. A language without a model file keeps the rules' primary readings.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Iterable

from ...errors import ResourceError


@dataclass(frozen=True, slots=True)
class EventModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict

    def partial(self, features: Iterable[str]) -> float:
        """The weights of ``features`` summed, without the bias: for features many candidates
        share (:attr:`~.candidates.Candidate.shared`), added to each one's :meth:`score`."""
        # map() runs the lookups in C
        return sum(map(self.weights.get, features, repeat(0.0)))

    def score(self, features: Iterable[str], shared: float = 0.0) -> float:
        """The probability of a candidate with ``features`` (and ``shared``: the :meth:`partial`
        sum of the features it shares with others)."""
        z = self.bias + shared + sum(map(self.weights.get, features, repeat(0.0)))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def model_path(lang: str):
    return resources.files("cronaca.resources").joinpath(f"models/events.{lang}.json")


@lru_cache(maxsize=8)
def load_model(lang: str = "it") -> EventModel | None:
    """The model of ``lang``, or None when the language has none."""
    path = model_path(lang)
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return EventModel(dict(raw["weights"]), float(raw["bias"]), float(raw["threshold"]), raw.get("meta", {}))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"event model for language {lang!r} is malformed: {exc}") from exc
