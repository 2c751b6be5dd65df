#!/usr/bin/env bash
# Retrieval with the knowledge graph's ranking off vs on, every search mode, in the same run:
#   1. ABCD (public, MIT): Benchmarks/abcd/make_kb.py turns ../shared/data/kb_en_abcd into a
#      knowledge folder in a temporary directory (the data never enters the repository);
#   2. the default knowledge folder, Knowledge/.
# Prints Recall@1 and MRR@10 per set and mode, graph off beside graph on.
# Usage: Benchmarks/eval-graph.sh [modes]   (default bm25,vector,hybrid)
# Needs the release binary (.build/release/switchboard; built here only when missing) and
# Debian's python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3; [[ -x $py ]] || py=python3   # Debian's python3, standard library only
modes=${1:-bm25,vector,hybrid}
bin=.build/release/switchboard
if [[ ! -x $bin ]]; then
    echo "== building $bin (missing)" >&2
    swift build -c release
fi

tmp=$(mktemp -d /tmp/eval-graph.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$py" Benchmarks/abcd/make_kb.py "$tmp/abcd"

# One JSON report per knowledge folder: retrieval rows (graph off and on) and the graph's own scores.
run() { # run NAME DIR
    "$bin" eval kb --knowledge "$2" --mode "$modes" --graph off,on --json > "$tmp/$1.json"
}

report() { # report NAME TITLE
    "$py" - "$tmp/$1.json" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows = report["retrieval"]
table = {}
for r in rows:
    m = r["metrics"]
    table.setdefault((r["set"], m["mode"]), {})[r["graph"]] = m
print(f"== {sys.argv[2]}")
print(f"{'set':<20} {'mode':<7} {'n':>4}   {'R@1 off':>7} {'R@1 on':>7} {'Δ':>7}   {'MRR off':>7} {'MRR on':>7} {'Δ':>7}")
for (name, mode), g in table.items():
    off, on = g.get("off"), g.get("on")
    if not off or not on:
        continue
    print(f"{name:<20} {mode:<7} {off['queries']:>4}   {off['recall_at_1']:7.3f} {on['recall_at_1']:7.3f} {on['recall_at_1'] - off['recall_at_1']:+7.3f}"
          f"   {off['mrr_at_10']:7.3f} {on['mrr_at_10']:7.3f} {on['mrr_at_10'] - off['mrr_at_10']:+7.3f}")
a, r = report["graph"].get("attributes"), report["graph"].get("relations")
if a:
    print(f"attribute questions: {a['questions']}, answered from facts {a['answered']}, right value {a['correct_value']}, "
          f"right value and source {a['correct_value_and_source']}")
if r:
    print(f"relation extraction: precision {r['precision']:.3f} ({r['correct']}/{r['judged']} judged), "
          f"recall {r['recall']:.3f} ({r['found']}/{r['facts']} annotated facts)")
PY
}

run abcd "$tmp/abcd"
report abcd "ABCD guidelines (generated from ../shared/data/kb_en_abcd), $(grep -c . "$tmp/abcd/eval/doc_questions.jsonl") questions"
run knowledge Knowledge
report knowledge "Knowledge/ (Lanto Motors)"

# GRAPH_DIFF=1: also list the ABCD questions whose rank the graph changes, and why.
if [[ ${GRAPH_DIFF:-0} == 1 ]]; then
    "$py" Benchmarks/abcd/graph_diff.py "$tmp/abcd" --modes "$modes" --bin "$bin"
fi
