#!/usr/bin/env python3
"""Writes MultiWOZ 2.1 dialogues (ConvLab-2's val/test.json.zip, MIT licence) as a Switchboard
transcript file: JSON lines of {session, turn, speaker, text}, the form `switchboard import` and
`switchboard eval replies` read.

MultiWOZ's turns alternate user and system from the user's first turn; the user becomes `customer`
and the system `agent`. The data set is read at run time from ../shared/data/dialogue_en_multiwoz
(or --data) and never copied into the repository.

Usage: python3 Benchmarks/multiwoz/make_transcripts.py OUTPUT.jsonl [--data DIR] [--splits val,test]
"""
import argparse
import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "dialogue_en_multiwoz"))


def dialogues(folder, split):
    path = os.path.join(folder, f"{split}.json.zip")
    if not os.path.exists(path):
        raise SystemExit(f"{path} not found: point --data at the MultiWOZ folder (dialogue_en_multiwoz)")
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".json"))
        data = json.load(z.open(name))
    for dialogue_id in sorted(data):
        yield f"{split}-{dialogue_id}", data[dialogue_id]["log"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--splits", default="val,test")
    args = ap.parse_args()
    sessions = turns = 0
    with open(args.output, "w", encoding="utf-8") as out:
        for split in args.splits.split(","):
            for session, log in dialogues(args.data, split):
                sessions += 1
                for i, turn in enumerate(log):
                    text = " ".join(turn["text"].split())
                    if not text:
                        continue
                    speaker = "customer" if i % 2 == 0 else "agent"
                    out.write(json.dumps({"session": session, "turn": i + 1, "speaker": speaker, "text": text},
                                         ensure_ascii=False) + "\n")
                    turns += 1
    print(f"wrote {args.output}: {sessions} dialogues, {turns} turns", file=sys.stderr)


if __name__ == "__main__":
    main()
