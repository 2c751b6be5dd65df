#!/usr/bin/env bash
# Questions with typing errors, search with spelling correction on (the default) beside off
# (search.spelling_correction false) in the same run. Benchmarks/typos.py puts one random edit in one
# word of five letters or more of every question (seeded):
#   1. the default knowledge's English eval questions (Knowledge/eval, FAQ and document questions),
#      `switchboard eval kb`, graph on, over a copy of Knowledge/ with the misspelt questions, and
#      with the questions as written (correction must not cost them anything);
#   2. StackFAQ test queries (../shared/data/faq_en_stackfaq, grown protocol), `switchboard eval faq`.
# Needs the release binary (built when missing), Debian's python3 and /usr/share/dict/words
# (wamerican, installed by scripts/install-deps.sh): without a word list nothing is mended.
# Usage: Benchmarks/eval-typos.sh [modes]   (default bm25,vector,hybrid)
set -euo pipefail
cd "$(dirname "$0")/.."
modes=${1:-bm25,vector,hybrid}
py=/usr/bin/python3; [[ -x $py ]] || py=python3
bin=.build/release/switchboard
[[ -x $bin ]] || swift build -c release
[[ -r /usr/share/dict/words ]] || bash scripts/install-deps.sh
data=../shared/data/faq_en_stackfaq
tmp=$(mktemp -d /tmp/eval-typos.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

"$py" - Server/switchboard.json "$tmp/off.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["search"]["spelling_correction"] = False
json.dump(config, open(sys.argv[2], "w"))
PY
for variant in written typos; do
    cp -r Knowledge "$tmp/$variant"
    for name in questions doc_questions; do
        if [[ $variant == typos ]]; then
            "$py" Benchmarks/typos.py "Knowledge/eval/$name.jsonl" "$tmp/$variant/eval/$name.jsonl" --lang en
        else
            grep '"lang": *"en"' "Knowledge/eval/$name.jsonl" > "$tmp/$variant/eval/$name.jsonl"
        fi
    done
done
"$py" Benchmarks/typos.py "$data/queries_test.jsonl" "$tmp/stackfaq_typos.jsonl" --field text
echo "example: $(sed -n 2p "$tmp/typos/eval/questions.jsonl")"

printf '%-22s %-11s %-34s %5s %7s %7s\n' questions correction set n "R@1" "MRR@10"
for variant in written typos; do
    for correction in on off; do
        config=Server/switchboard.json; [[ $correction == off ]] && config=$tmp/off.json
        "$bin" eval kb --knowledge "$tmp/$variant" --mode "$modes" --graph on --config "$config" --json > "$tmp/kb-$variant-$correction.json"
        "$py" - "$tmp/kb-$variant-$correction.json" "Knowledge/eval $variant" "$correction" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["retrieval"]:
    m = r["metrics"]
    print(f"{sys.argv[2]:<22} {sys.argv[3]:<11} {r['set'] + ' (' + m['mode'] + ')':<34} {m['queries']:>5} {m['recall_at_1']:>7.3f} {m['mrr_at_10']:>7.3f}")
PY
    done
done
for correction in on off; do
    config=Server/switchboard.json; [[ $correction == off ]] && config=$tmp/off.json
    "$bin" eval faq --faq "$data/faq.jsonl" --queries "$tmp/stackfaq_typos.jsonl" --similar "$data/queries_dev.jsonl" \
        --mode "$modes" --config "$config" --json > "$tmp/faq-$correction.json"
    "$py" - "$tmp/faq-$correction.json" "$correction" <<'PY'
import json, sys
for m in json.load(open(sys.argv[1])):
    print(f"{'StackFAQ typos':<22} {sys.argv[2]:<11} {'grown test queries (' + m['mode'] + ')':<34} {m['queries']:>5} {m['recall_at_1']:>7.3f} {m['mrr_at_10']:>7.3f}")
PY
done
