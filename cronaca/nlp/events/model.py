"""The event model: a logistic regression that scores candidate events (:mod:`~.candidates`).

Weights are a small data file per language (``resources/models/events.<lang>.json``) written by
``scripts/train_event_model.py`` from annotated articles (the seeds, dev2 and the tuning half of
the generalisation corpus; never the check half). Training is deterministic; the file records
what it was trained on, the regularisation and the decision threshold chosen by cross-validation.
It is loaded once per process. A language without a model file keeps the rules' primary readings.
"""

from __future__ import annotations

from functools import lru_cache

from ..linear import LinearModel, model_file, read_model

#: The event model is the shared linear model (:mod:`cronaca.nlp.linear`).
EventModel = LinearModel


def model_path(lang: str):
    return model_file("events", lang)


@lru_cache(maxsize=8)
def load_model(lang: str = "it") -> EventModel | None:
    """The model of ``lang``, or None when the language has none."""
    return read_model("events", lang)
