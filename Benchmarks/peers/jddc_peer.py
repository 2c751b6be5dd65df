#!/usr/bin/env python3
"""Reply-suggestion peer, same protocol and metric as `ReplyEval.evaluate` (Swift), on a JDDC chat
file or on transcript JSON lines ({session, turn, speaker, text}; a path ending in .jsonl).

Protocol: sessions in file order; session i (from 0) is held out when (i + 1) % hold_out_every == 0.
Training pairs: each customer line directly followed by an agent line (JDDC and MultiWOZ never have two
consecutive lines of one speaker; on transcripts that do, Switchboard joins the customer's run of lines
into one pair and this peer keeps only its last line). Queries: the same pairs in held-out sessions. A hit is a suggestion whose
masked form has edit similarity >= 0.8 with the real agent line. Masked form: NFKC + lower case,
every ASCII letter/digit run holding a digit -> '#', then keep '#' and Unicode letters and numbers
(categories L*, N*).

Baselines, both printed on one line each:
  nearest-turn: bm25s over jieba words of past customer turns; the replies of the nearest turns in
                order, skipping near-duplicates of a reply already listed, until 5;
  most-frequent: the 5 largest groups of training replies with the same masked form.
"""
import argparse
import collections
import json
import re
import sys
import unicodedata

import bm25s
import jieba

RUN = re.compile(r"[a-z0-9]+|.", re.DOTALL)


def masked(text):
    out = []
    for m in RUN.finditer(unicodedata.normalize("NFKC", text).lower()):
        piece = m.group(0)
        if len(piece) > 1 or piece.isascii() and piece.isalnum():
            out.append("#" if any(ch in "0123456789" for ch in piece) else piece)
        elif unicodedata.category(piece)[0] in "LN":
            out.append(piece)
    return "".join(out)


def levenshtein(a, b, bound):
    if not a:
        return len(b)
    if not b:
        return len(a)
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > bound:
            return bound + 1
        prev = cur
    return prev[-1]


def near_duplicate(a, b):
    longest = max(len(a), len(b))
    if longest == 0:
        return True
    allowed = int(longest * 0.2 + 1e-9)
    if abs(len(a) - len(b)) > allowed:
        return False
    return a == b or levenshtein(a, b, allowed) <= allowed


def read_sessions(path):
    if path.endswith(".jsonl"):
        return read_transcripts(path)
    sessions = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) < 4 or fields[2] not in ("0", "1"):
                continue
            text = fields[-1].strip()
            if not text or text in ("nan", "NULL"):
                continue
            sessions.setdefault(fields[0], []).append(("customer" if fields[2] == "0" else "agent", text))
    return list(sessions.values())


def read_transcripts(path):
    """Transcript JSON lines {session, turn, speaker, text}: sessions in order of first appearance,
    turns by number; speakers other than customer/agent and blank texts skipped (as `ReplyEval.sessions`)."""
    sessions = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if not line.strip():
                continue
            r = json.loads(line)
            speaker = str(r.get("speaker", "")).lower()
            speaker = "customer" if speaker in ("customer", "user", "client", "0") else \
                "agent" if speaker in ("agent", "staff", "1") else None
            text = str(r.get("text", "")).strip()
            if speaker and text:
                sessions.setdefault(str(r["session"]), []).append((int(r["turn"]), n, speaker, text))
    return [[(s, t) for _, _, s, t in sorted(turns)] for turns in sessions.values()]


def pairs(turns):
    return [(turns[i][1], turns[i + 1][1]) for i in range(len(turns) - 1)
            if turns[i][0] == "customer" and turns[i + 1][0] == "agent"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--hold-out-every", type=int, default=10)
    ap.add_argument("--neighbours", type=int, default=50)
    args = ap.parse_args()
    jieba.setLogLevel(60)

    sessions = read_sessions(args.data)
    train, test = [], []
    for i, s in enumerate(sessions):
        (test if (i + 1) % args.hold_out_every == 0 else train).extend(pairs(s))

    tok = lambda t: [w for w in jieba.lcut(t.lower()) if w.strip()] or ["<empty>"]
    retriever = bm25s.BM25()
    retriever.index([tok(c) for c, _ in train], show_progress=False)
    k = min(args.neighbours, len(train))
    results, _ = retriever.retrieve([tok(c) for c, _ in test], k=k, show_progress=False)

    groups = collections.Counter(masked(r) for _, r in train)
    popular = [form for form, _ in groups.most_common(5)]

    n = len(test)
    near1 = near5 = pop1 = pop5 = 0
    for qi, (_, reply) in enumerate(test):
        truth = masked(reply)
        listed = []
        for j in results[qi]:
            form = masked(train[j][1])
            if not any(near_duplicate(form, x) for x in listed):
                listed.append(form)
            if len(listed) == 5:
                break
        hits = [near_duplicate(x, truth) for x in listed]
        near1 += bool(hits[:1] and hits[0])
        near5 += any(hits)
        phits = [near_duplicate(x, truth) for x in popular]
        pop1 += phits[0]
        pop5 += any(phits)
    print(f"peer bm25s+jieba nearest turn: {len(sessions)} sessions, {len(train)} train pairs, {n} queries  "
          f"R@1 {near1/n:.4f}  R@5 {near5/n:.4f}")
    print(f"peer 5 most frequent replies:  R@1 {pop1/n:.4f}  R@5 {pop5/n:.4f}")


if __name__ == "__main__":
    sys.exit(main())
