#!/usr/bin/env python3
"""FAQ retrieval peer: bm25s over a FAQ set, same metrics as `switchboard eval faq`.

English: bm25s tokenizer with English stopwords and the Snowball stemmer (PyStemmer), over question + answer.
Chinese: jieba words (--tokenizer jieba) or character unigrams + bigrams (--tokenizer chars), over the question.
Prints one line: R@1, R@5, R@10, MRR@10.
"""
import argparse
import json
import sys

import bm25s


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def char_terms(text):
    chars = [c for c in text.lower() if not c.isspace()]
    return chars + [a + b for a, b in zip(chars, chars[1:])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--faq", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--similar", help="JSONL {text, faq_id} appended to their FAQ (grown protocol)")
    ap.add_argument("--tokenizer", choices=["english", "jieba", "chars"], default="english")
    ap.add_argument("--fields", choices=["question", "question+answer"], default="question+answer")
    args = ap.parse_args()

    faqs = read_jsonl(args.faq)
    queries = read_jsonl(args.queries)
    extra = {}
    if args.similar:
        for q in read_jsonl(args.similar):
            extra.setdefault(q["faq_id"], []).append(q["text"])
    texts = []
    for f in faqs:
        parts = [f["question"]] + f.get("similar", []) + extra.get(f["id"], [])
        if args.fields == "question+answer" and f.get("answer"):
            parts.append(f["answer"])
        texts.append(" ".join(parts))
    ids = [f["id"] for f in faqs]

    if args.tokenizer == "english":
        import Stemmer
        stemmer = Stemmer.Stemmer("english")
        corpus = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
        qtok = bm25s.tokenize([q["text"] for q in queries], stopwords="en", stemmer=stemmer, show_progress=False)
    else:
        if args.tokenizer == "jieba":
            import jieba
            jieba.setLogLevel(60)
            tok = lambda t: [w for w in jieba.lcut(t.lower()) if w.strip()]
        else:
            tok = char_terms
        corpus = [tok(t) for t in texts]
        qtok = [tok(q["text"]) or ["<empty>"] for q in queries]

    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    results, _ = retriever.retrieve(qtok, k=min(10, len(texts)), show_progress=False)
    r1 = r5 = r10 = 0
    mrr = 0.0
    for qi, q in enumerate(queries):
        ranked = [ids[j] for j in results[qi]]
        if q["faq_id"] in ranked:
            rank = ranked.index(q["faq_id"])
            r1 += rank < 1
            r5 += rank < 5
            r10 += rank < 10
            mrr += 1 / (rank + 1)
    n = len(queries)
    print(f"peer bm25s ({args.tokenizer}, {args.fields}): {len(faqs)} FAQs, {n} queries  "
          f"R@1 {r1/n:.3f}  R@5 {r5/n:.3f}  R@10 {r10/n:.3f}  MRR@10 {mrr/n:.3f}")


if __name__ == "__main__":
    sys.exit(main())
