"""scikit-learn peers for Switchboard's intent and sentiment classifiers (same data, same run).

Intents: TF-IDF (word 1-2 + char_wb 2-4; jieba words + characters 1-3 for Chinese) and
LogisticRegression; "oos" is an ordinary class (no threshold), as in the CLINC150 paper's baseline.
Sentiment: the same features and LinearSVC.

Usage: intent_sentiment_peer.py intents|sentiment --train T.jsonl --test S.jsonl [--lang en|zh] [--C 10]
"""
import argparse
import json
import time

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.svm import LinearSVC


def read(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return [r["text"] for r in rows], [str(r.get("label", r.get("sentiment"))) for r in rows]


def vectorizers(lang):
    if lang == "zh":
        import jieba
        jieba.setLogLevel(60)
        words = TfidfVectorizer(tokenizer=lambda t: jieba.lcut(t.lower()), token_pattern=None,
                                ngram_range=(1, 2), sublinear_tf=True)
        chars = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    else:
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, lowercase=True)
    return [words, chars]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=["intents", "sentiment"])
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--C", type=float, default=None)
    a = ap.parse_args()
    xtr, ytr = read(a.train)
    xte, yte = read(a.test)
    start = time.time()
    vecs = vectorizers(a.lang)
    Xtr = hstack([v.fit_transform(xtr) for v in vecs]).tocsr()
    Xte = hstack([v.transform(xte) for v in vecs]).tocsr()
    if a.task == "intents":
        model = LogisticRegression(C=a.C or 10.0, max_iter=2000)
    else:
        model = LinearSVC(C=a.C or 0.5)
    model.fit(Xtr, ytr)
    train_s = time.time() - start
    pred = model.predict(Xte)
    gold = np.array(yte)
    acc = float(np.mean(pred == gold))
    f1 = f1_score(gold, pred, average="macro")
    name = "LogisticRegression" if a.task == "intents" else "LinearSVC"
    line = f"peer sklearn TF-IDF+{name} ({a.lang}): accuracy {acc:.4f} macroF1 {f1:.4f}"
    if a.task == "intents" and "oos" in set(yte):
        ins = gold != "oos"
        line += f" in-scope {np.mean(pred[ins] == gold[ins]):.4f} oos-recall {np.mean(pred[~ins] == 'oos'):.4f}"
    print(line + f" train {train_s:.2f} s")


if __name__ == "__main__":
    main()
