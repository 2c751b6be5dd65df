"""Peer for intents over a pretrained encoder's sentence vectors: scikit-learn LogisticRegression on
the vectors alone, "oos" an ordinary class (no threshold) — the "MiniLM + logistic regression" line
of issue #11.

The vectors are written by `switchboard bench encoder --embed-to` (all-MiniLM-L6-v2 run natively;
its parity test holds it to cosine >= 0.9999 against sentence-transformers), so both sides of the
comparison see the same embeddings.

Usage: dense_intent_peer.py --train T.jsonl --train-vectors T.f32 --test S.jsonl --test-vectors S.f32 [--C 10]
"""
import argparse
import json
import time

import numpy as np
from sklearn.linear_model import LogisticRegression


def labels(path):
    return np.array([str(json.loads(line)["label"]) for line in open(path, encoding="utf-8") if line.strip()])


def vectors(path, rows):
    v = np.fromfile(path, dtype="<f4")
    if rows == 0 or v.size % rows:
        raise SystemExit(f"{path}: {v.size} floats do not split into {rows} rows")
    return v.reshape(rows, -1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--train-vectors", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--test-vectors", required=True)
    ap.add_argument("--C", type=float, default=10.0)
    a = ap.parse_args()
    ytr, yte = labels(a.train), labels(a.test)
    xtr, xte = vectors(a.train_vectors, len(ytr)), vectors(a.test_vectors, len(yte))
    start = time.time()
    model = LogisticRegression(C=a.C, max_iter=3000).fit(xtr, ytr)
    train_s = time.time() - start
    pred = model.predict(xte)
    ins = yte != "oos"
    line = f"peer sklearn encoder vectors + LogisticRegression (C={a.C}): accuracy {np.mean(pred == yte):.4f}"
    if (~ins).any():
        line += f" in-scope {np.mean(pred[ins] == yte[ins]):.4f} oos-recall {np.mean(pred[~ins] == 'oos'):.4f}"
    print(line + f" train {train_s:.2f} s")


if __name__ == "__main__":
    main()
