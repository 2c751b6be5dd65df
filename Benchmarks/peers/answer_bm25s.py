#!/usr/bin/env python3
"""Bot-answer peer: bm25s's best FAQ as the answer, handed off below a score threshold.

Reads a FAQ set, in-scope questions (JSONL {question, expected_faq}) and out-of-scope questions
(JSONL {question}). The threshold is put where the peer hands off the same share of in-scope
questions as ours did (--handoff-rate, read from `switchboard eval answers --json`), so the two are
compared at one operating point: which answers more in-scope questions with the right FAQ, and
which hands off more out-of-scope ones. Also prints the peer that never hands off.
English tokenization as in faq_bm25s.py (stopwords, Snowball stemmer), over question + answer.
"""
import argparse
import json

import bm25s
import Stemmer


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--faq", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--oos", required=True)
    ap.add_argument("--handoff-rate", type=float, required=True)
    args = ap.parse_args()

    faqs = read_jsonl(args.faq)
    ids = [f["id"] for f in faqs]
    texts = [" ".join([f["question"]] + f.get("similar", []) + [f.get("answer", "")]) for f in faqs]
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False)

    def best(questions):
        tokens = bm25s.tokenize([q["question"] for q in questions], stopwords="en", stemmer=stemmer, show_progress=False)
        docs, scores = retriever.retrieve(tokens, k=1, show_progress=False)
        return [(ids[docs[i][0]], float(scores[i][0])) for i in range(len(questions))]

    inside = read_jsonl(args.questions)
    outside = read_jsonl(args.oos)
    ranked_in = best(inside)
    ranked_out = best(outside)
    # The threshold that hands off `handoff_rate` of the in-scope questions (their lowest scores).
    scores = sorted(s for _, s in ranked_in)
    k = min(len(scores) - 1, max(0, round(args.handoff_rate * len(scores))))
    threshold = scores[k] if args.handoff_rate > 0 else float("-inf")

    def report(name, t):
        right = sum(1 for q, (faq, s) in zip(inside, ranked_in) if s >= t and faq == q["expected_faq"])
        handed_in = sum(1 for _, s in ranked_in if s < t)
        handed_out = sum(1 for _, s in ranked_out if s < t)
        print(f"peer bm25s top-1 {name}: faq questions {len(inside)}  answered with the expected source "
              f"{right / len(inside):.3f}  handed off {handed_in / len(inside):.3f} | out-of-scope questions "
              f"{len(outside)}  handed off {handed_out / len(outside):.3f}")

    report(f"(hands off below score {threshold:.2f}, our in-scope hand-off rate)", threshold)
    report("(never hands off)", float("-inf"))


if __name__ == "__main__":
    main()
