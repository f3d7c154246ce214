"""The fit shared by the training scripts (``train_event_model.py``, ``train_speaker_model.py``):
an L2-regularised logistic regression over sparse features, fitted by full-batch Adam from zero
weights for a fixed number of steps (deterministic, no random state), and the document folds of
their cross-validation (a hash of the document's name, so a document always falls in the same
fold)."""

from __future__ import annotations

import hashlib

import numpy as np

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
