#!/usr/bin/env bash
# Questions typed in Traditional Chinese against knowledge written in Simplified Chinese.
# The default knowledge's Chinese eval questions (Knowledge/eval/questions.jsonl and
# doc_questions.jsonl, lang "zh") are converted by OpenCC (PyPI opencc-python-reimplemented,
# an independent converter) in two ways:
#   s2t    characters only (續航, 充電樁);
#   s2twp  Taiwan usage, characters and words (軟體 for 软件, 影片 for 视频);
# and `switchboard eval kb` is run over a copy of Knowledge/ with each question set, hybrid search,
# graph on, with Switchboard's Traditional → Simplified folding on (the default) and off
# (SWITCHBOARD_KEEP_TRADITIONAL=1, the behaviour before it), in the same run.
# Usage: Benchmarks/eval-traditional.sh [modes]   (default hybrid)
# Needs the release binary (built here when missing) and Benchmarks/.venv (setup-peers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
modes=${1:-hybrid}
bin=.build/release/switchboard
[[ -x $bin ]] || swift build -c release
py=Benchmarks/.venv/bin/python
[[ -x $py ]] && $py -c 'import opencc' 2>/dev/null || bash Benchmarks/setup-peers.sh
tmp=$(mktemp -d /tmp/eval-traditional.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

for variant in simplified s2t s2twp; do
    cp -r Knowledge "$tmp/$variant"
    "$py" - "$variant" "$tmp/$variant/eval" <<'PY'
import json, sys
variant, folder = sys.argv[1], sys.argv[2]
convert = (lambda s: s)
if variant != "simplified":
    from opencc import OpenCC
    convert = OpenCC(variant).convert
for name in ("questions.jsonl", "doc_questions.jsonl"):
    path = f"{folder}/{name}"
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    # Chinese questions only: the English ones would dilute the comparison.
    rows = [r for r in rows if r.get("lang") == "zh"]
    for r in rows:
        r["question"] = convert(r["question"])
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
done
echo "example: $(head -1 "$tmp/s2twp/eval/questions.jsonl" | "$py" -c 'import json,sys; print(json.loads(sys.stdin.readline())["question"])')"

printf '%-11s %-9s %-28s %5s %7s %7s\n' questions folding set n "R@1" "MRR@10"
for variant in simplified s2t s2twp; do
    for folding in on off; do
        keep=0; [[ $folding == off ]] && keep=1
        SWITCHBOARD_KEEP_TRADITIONAL=$keep "$bin" eval kb --knowledge "$tmp/$variant" --mode "$modes" --graph on --json \
            > "$tmp/$variant-$folding.json"
        "$py" - "$tmp/$variant-$folding.json" "$variant" "$folding" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for r in report["retrieval"]:
    m = r["metrics"]
    print(f"{sys.argv[2]:<11} {sys.argv[3]:<9} {r['set'] + ' (' + m['mode'] + ')':<28} {m['queries']:>5} {m['recall_at_1']:>7.3f} {m['mrr_at_10']:>7.3f}")
PY
    done
done
