#!/usr/bin/env python3
"""Writes a copy of a JSONL question file with one typing error in each question (standard library).

One word of five letters or more is picked at random and changed by one random edit at an inner
position (the first letter stays): a letter dropped, two neighbours swapped, a letter replaced or a
letter inserted. Seeded, so every run writes the same questions. Questions of another language than
--lang (when given) are left out.

    typos.py IN.jsonl OUT.jsonl --field question [--lang en] [--seed 7]
"""
import argparse
import json
import random
import re

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("drop", "swap", "replace", "insert"))
    if edit == "drop":
        return word[:i] + word[i + 1:]
    if edit == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if edit == "replace":
        return word[:i] + rng.choice(LETTERS.replace(word[i].lower(), "")) + word[i + 1:]
    return word[:i] + rng.choice(LETTERS) + word[i:]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("target")
    ap.add_argument("--field", default="question")
    ap.add_argument("--lang")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    rows = [json.loads(line) for line in open(a.source, encoding="utf-8") if line.strip()]
    if a.lang:
        rows = [r for r in rows if r.get("lang") == a.lang]
    for r in rows:
        text = r[a.field]
        words = [m for m in re.finditer(r"[A-Za-z]{5,}", text)]
        if words:
            m = rng.choice(words)
            text = text[:m.start()] + misspell(m.group(), rng) + text[m.end():]
        r[a.field] = text
    with open(a.target, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
