"""k-fold splits of a {text,label} JSONL file, and the mean of figures printed per fold.

  cv_folds.py split SRC.jsonl OUT_DIR K    writes OUT_DIR/train{i}.jsonl and test{i}.jsonl (seeded shuffle)
  cv_folds.py mean NAME REGEX              reads lines on stdin, prints NAME, the mean of REGEX's group 1, and the folds
"""
import random
import re
import sys


def split(src, out, k):
    rows = [line for line in open(src, encoding="utf-8") if line.strip()]
    random.Random(0).shuffle(rows)
    for f in range(k):
        with open(f"{out}/train{f}.jsonl", "w", encoding="utf-8") as tr:
            tr.writelines(r for i, r in enumerate(rows) if i % k != f)
        with open(f"{out}/test{f}.jsonl", "w", encoding="utf-8") as te:
            te.writelines(r for i, r in enumerate(rows) if i % k == f)


def mean(name, pattern):
    values = [float(m.group(1)) for m in (re.search(pattern, line) for line in sys.stdin) if m]
    folds = " ".join(f"{v:.3f}" for v in values)
    print(f"{name}: mean {sum(values) / max(1, len(values)):.4f} over {len(values)} folds ({folds})")


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        mean(sys.argv[2], sys.argv[3])
