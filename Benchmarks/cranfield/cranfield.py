#!/usr/bin/env python3
"""Cranfield ad-hoc retrieval (1,400 aeronautics abstracts, 225 queries, graded judgments).

  cranfield.py folder DATA OUT      writes one Markdown file per abstract (`# title`, then the text)
  cranfield.py ours DATA URL MODES  asks a running server's POST /v1/search for every query and mode
  cranfield.py peer DATA            bm25s (English stopwords, Snowball stemmer) over title + text

Both sides print, per mode: nDCG@10, P@10, Recall@100 and MRR@10 over the 225 judged queries.
A document's gain is 5 - Cleverdon's code (1 = a complete answer -> 4, 4 = minimum interest -> 1);
the -1 rows of cranqrel are placeholders and are not judgments. The server ranks chunks; a document
counts at the rank of its first chunk.
"""
import json
import math
import os
import re
import sys
import urllib.request

MARK = re.compile(r"^\.([TABW])\n", re.M)


def records(path, key="I"):
    """(number, {field: text}) for each `.I n` record of a Cranfield file, in file order."""
    text = open(path, encoding="utf-8", errors="replace").read()
    parts = re.split(r"^\.I\s+(\d+)\s*$", text, flags=re.M)
    for i in range(1, len(parts), 2):
        body = parts[i + 1]
        fields, marks = {}, list(MARK.finditer(body))
        for j, m in enumerate(marks):
            end = marks[j + 1].start() if j + 1 < len(marks) else len(body)
            fields[m.group(1)] = body[m.end():end].strip()
        yield int(parts[i]), fields


def documents(data):
    return [(n, " ".join(f.get("T", "").split()), f.get("W", "")) for n, f in records(f"{data}/cran.all.1400")]


def queries(data):
    """The queries in file order; cranqrel numbers them 1...225 by position, not by their .I."""
    return [" ".join(f.get("W", "").split()) for _, f in records(f"{data}/cran.qry")]


def judgments(data):
    rel = {}
    for line in open(f"{data}/cranqrel", encoding="utf-8"):
        p = line.split()
        if len(p) >= 3 and 1 <= int(p[2]) <= 4:
            rel.setdefault(int(p[0]), {})[int(p[1])] = 5 - int(p[2])
    return rel


def scores(ranked, gains):
    dcg = sum(gains.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(gains.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    p10 = sum(1 for d in ranked[:10] if d in gains) / 10
    r100 = sum(1 for d in ranked[:100] if d in gains) / len(gains)
    rr = next((1 / (i + 1) for i, d in enumerate(ranked[:10]) if d in gains), 0)
    return dcg / idcg, p10, r100, rr


def report(name, runs, data):
    """runs: one ranked list of document numbers per query (in file order)."""
    rel = judgments(data)
    judged = [(q, runs[q - 1]) for q in sorted(rel) if q <= len(runs)]
    total = [0.0] * 4
    for q, ranked in judged:
        total = [t + s for t, s in zip(total, scores(ranked, rel[q]))]
    n = len(judged)
    print(f"{name:<24} nDCG@10 {total[0] / n:.4f}  P@10 {total[1] / n:.4f}  "
          f"R@100 {total[2] / n:.4f}  MRR@10 {total[3] / n:.4f}  ({n} queries)")


def folder(data, out):
    os.makedirs(out, exist_ok=True)
    for n, title, text in documents(data):
        with open(os.path.join(out, f"{n:04d}.md"), "w", encoding="utf-8") as f:
            f.write(f"# {title}\n\n{text}\n")


def ours(data, url, modes):
    number = re.compile(r"(\d+)\.md$")
    for mode in modes.split(","):
        runs = []
        for q in queries(data):
            body = json.dumps({"query": q, "limit": 100, "mode": mode}).encode()
            req = urllib.request.Request(f"{url}/v1/search", body, {"content-type": "application/json"})
            with urllib.request.urlopen(req) as r:
                hits = json.load(r)["hits"]
            ranked = []
            for h in hits:
                d = int(number.search(h["document_name"]).group(1))
                if d not in ranked:
                    ranked.append(d)
            runs.append(ranked)
        report(f"switchboard {mode}", runs, data)


def peer(data):
    import bm25s
    import Stemmer

    docs = documents(data)
    stemmer = Stemmer.Stemmer("english")
    tokens = lambda texts: bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
    index = bm25s.BM25()
    index.index(tokens([f"{t}\n{w}" for _, t, w in docs]), show_progress=False)
    found, _ = index.retrieve(tokens(queries(data)), k=100, show_progress=False)
    report("bm25s", [[docs[j][0] for j in row] for row in found], data)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"folder": folder, "ours": ours, "peer": peer}[cmd](*args)
