"""The fit shared by the training scripts (``train_event_model.py``, ``train_speaker_model.py``):
an L2-regularised logistic regression over sparse features, fitted by full-batch Adam from zero
weights for a fixed number of steps (deterministic, no random state), and the document folds of
their cross-validation (a hash of the document's name, so a document always falls in the same
fold)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from cronaca.nlp.linear import LinearModel

STEPS = 400
FOLDS = 5


def fold_of(doc_name: str) -> int:
    return int(hashlib.sha256(doc_name.encode()).hexdigest(), 16) % FOLDS


def fit(rows, cols, y, n_features: int, l2: float, mask=None):
    """Weights and bias of an L2-regularised logistic regression (full-batch Adam)."""
    n = len(y)
    row_of = np.repeat(np.arange(n), np.diff(rows))
    use = np.ones(n, bool) if mask is None else mask
    w = np.zeros(n_features)
    b = 0.0
    m_w = np.zeros_like(w)
    v_w = np.zeros_like(w)
    m_b = v_b = 0.0
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    weight = use.astype(float)
    count = weight.sum()
    for t in range(1, STEPS + 1):
        z = np.bincount(row_of, weights=w[cols], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g_row = (p - y) * weight / count
        g_w = np.bincount(cols, weights=g_row[row_of], minlength=n_features) + l2 * w / count
        g_b = g_row.sum()
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w * g_w
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b * g_b
        w -= lr * (m_w / (1 - beta1 ** t)) / (np.sqrt(v_w / (1 - beta2 ** t)) + eps)
        b -= lr * (m_b / (1 - beta1 ** t)) / (np.sqrt(v_b / (1 - beta2 ** t)) + eps)
    return w, b


def predict(rows, cols, w, b):
    n = len(rows) - 1
    row_of = np.repeat(np.arange(n), np.diff(rows))
    z = np.bincount(row_of, weights=w[cols], minlength=n) + b
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def out_of_fold(rows, cols, y, n_features: int, l2: float, folds):
    """Each row's probability from the model trained without its fold (``folds``: a fold per row)."""
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        w, b = fit(rows, cols, y, n_features, l2, mask=folds != k)
        oof[folds == k] = predict(rows, cols, w, b)[folds == k]
    return oof


def to_model(w, b, index: dict[str, int], threshold: float, meta: dict | None = None) -> LinearModel:
    """The fitted weights by feature name (those under 0.001 dropped), as the stages read them."""
    names = sorted(index, key=index.get)
    weights = {f: round(float(w[i]), 4) for i, f in enumerate(names) if abs(w[i]) >= 1e-3}
    return LinearModel(weights, round(float(b), 4), threshold, meta or {})


def fold_models(rows, cols, y, index: dict[str, int], l2: float, threshold: float, folds) -> dict[int, LinearModel]:
    """One model per fold, trained without that fold's rows (``folds``: a fold per row)."""
    return {k: to_model(*fit(rows, cols, y, len(index), l2, mask=folds != k), index, threshold)
            for k in range(FOLDS)}


def write_model(out: Path, model: LinearModel) -> None:
    """The model file: meta, bias, threshold and the weights sorted by name."""
    data = {"meta": model.meta, "bias": model.bias, "threshold": model.threshold,
            "weights": dict(sorted(model.weights.items()))}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(model.weights)} weights)")
