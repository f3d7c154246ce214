"""Evaluation: run the pipeline on annotated documents and score it with the gold rules."""

from .predict import prediction
from .run import EvalResult, evaluate, load_gold
from .scoring import Scores, score

__all__ = ["EvalResult", "Scores", "evaluate", "load_gold", "prediction", "score"]
