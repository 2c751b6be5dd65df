#!/usr/bin/env python3
"""Which document questions the graph's ranking helps or hurts, one by one.

Imports a knowledge folder into a temporary data folder, then asks every question of
DIR/eval/doc_questions.jsonl with `switchboard search --explain` twice per mode: with
search.entity_boost 0 (graph off) and with the boost of Server/switchboard.json (0.1 when it
sets none), among passages as `eval kb` asks document questions. Prints each question whose
rank of the expected section changes, the entities linked in it, and why the graph moved the
chunks above it. Standard library only.

Usage: python3 Benchmarks/abcd/graph_diff.py DIR [--modes bm25,hybrid] [--bin .build/release/switchboard]
(run from the package root, like the other benchmarks).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def rank_of(hits, doc, section):
    for i, h in enumerate(hits):
        if h.get("document_name") == doc and (h.get("section_path") or [None])[-1] == section:
            return i + 1
    return None


def why(hit):
    """The graph part of a hit's explanation ('× 1.050 entity match: ...'), if any."""
    e = hit.get("explanation") or {}
    d = e.get("description", "")
    return d if "entity match" in d else "no graph factor"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("knowledge")
    ap.add_argument("--modes", default="bm25,vector,hybrid")
    ap.add_argument("--bin", default=".build/release/switchboard")
    ap.add_argument("--boost", type=float, default=None, help="entity_boost for 'on' (default: the config's, 0.1 when 0)")
    args = ap.parse_args()

    base = json.load(open("Server/switchboard.json")) if os.path.exists("Server/switchboard.json") else {}
    on_boost = args.boost if args.boost is not None else (base.get("search", {}).get("entity_boost") or 0.1)
    questions = [json.loads(l) for l in open(os.path.join(args.knowledge, "eval", "doc_questions.jsonl")) if l.strip()]

    with tempfile.TemporaryDirectory(prefix="graph-diff.") as tmp:
        configs = {}
        for g, boost in (("off", 0.0), ("on", on_boost)):
            c = json.loads(json.dumps(base))
            c["data"] = os.path.join(tmp, "data")
            c.setdefault("search", {})["entity_boost"] = boost
            configs[g] = os.path.join(tmp, f"config-{g}.json")
            json.dump(c, open(configs[g], "w"))
        subprocess.run([args.bin, "import", "--config", configs["off"], args.knowledge],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def search(q, mode, g):
            out = subprocess.run([args.bin, "search", "--config", configs[g], "--mode", mode, "--limit", "10", "--kind", "passage",
                                  "--explain", "--json", q], check=True, capture_output=True, text=True).stdout
            return json.loads(out)

        for mode in args.modes.split(","):
            lost = won = linked_any = 0
            changes = []
            linked_by_type = {}
            for q in questions:
                off = search(q["question"], mode, "off")
                on = search(q["question"], mode, "on")
                if on.get("entities"):
                    linked_any += 1
                for e in on.get("entities", []):
                    linked_by_type[e["type"]] = linked_by_type.get(e["type"], 0) + 1
                r_off = rank_of(off["hits"], q["expected_doc"], q["expected_section"])
                r_on = rank_of(on["hits"], q["expected_doc"], q["expected_section"])
                if r_off == r_on:
                    continue
                worse = (r_on or 99) > (r_off or 99)
                lost += worse
                won += not worse
                changes.append((worse, q, r_off, r_on, on))
            print(f"== {mode}: {linked_any} of {len(questions)} questions link an entity "
                  f"({', '.join(f'{t} {n}' for t, n in sorted(linked_by_type.items()))}); "
                  f"the graph moves {len(changes)}: {won} up, {lost} down")
            for worse, q, r_off, r_on, on in sorted(changes, key=lambda c: not c[0]):
                linked = ", ".join(e["id"] for e in on.get("entities", [])) or "none"
                print(f"{'DOWN' if worse else 'up  '} {r_off or '-'} → {r_on or '-'}  {q['question']}")
                print(f"       expected {q['expected_doc']} § {q['expected_section']}; linked: {linked}")
                expected_hit = None
                for h in on["hits"]:
                    if h.get("document_name") == q["expected_doc"] and (h.get("section_path") or [None])[-1] == q["expected_section"]:
                        expected_hit = h
                        break
                above = on["hits"][: (r_on - 1) if r_on else 3]
                for h in above[:3]:
                    print(f"       above: {h['document_name']} § {h.get('section')}: {why(h)}")
                if expected_hit:
                    print(f"       expected: {why(expected_hit)}")
            print()


if __name__ == "__main__":
    sys.exit(main())
