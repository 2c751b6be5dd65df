#!/usr/bin/env python3
"""Crash-safety harness for Switchboard (issue #10).

Starts `switchboard serve --dev` on a fresh data folder seeded from a few Knowledge/ files (with a
small search.retrain_fraction, so that uploads start background trainings), then runs N rounds.
In each round a client thread sends a random mix of writes (document uploads and re-uploads,
document deletes, FAQ creates/updates/deletes; every acknowledged write is recorded), a
`switchboard train --force` process may run beside the server, and after a random delay the
server (and the trainer) get SIGKILL; sometimes the next start-up is killed too (with the encoder
deleted first, sometimes, so that the start trains). The server is restarted and checked:

  * PRAGMA integrity_check == ok and foreign_key_check empty (on the crashed files),
  * every acknowledged write is there (SQL and API agree); a write that got no answer is either
    wholly there or wholly absent,
  * every document has all its chunks (count as acknowledged, ordinals 0..n-1; FAQ files one
    chunk per FAQ), no chunk without its document,
  * the BM25 index matches the store (indexed chunks == stored chunks; every present FAQ and
    document is found by its unique word; a FAQ through hybrid search too),
  * a vector index loaded from disk has as many vectors as one rebuilt from the store,
  * the start-up log says what was reused and what was rebuilt.

Helpers: crash_server.py (the server process), crash_client.py (writes and the model of what
the store may hold), crash_checks.py (the checks).
Python 3 standard library only. Prints a summary table; exits 1 on any failure, 2 on bad usage.

    python3 scripts/crash-harness.py --bin .build/release/switchboard --runs 50 --seed 1
"""
import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crash_checks import Checker, check_loaded_vectors, start_reuse  # noqa: E402
from crash_client import Client, Model  # noqa: E402
from crash_server import Http, Server, background_training, free_port  # noqa: E402

SEED_FILES = ["Knowledge/faqs/warranty.jsonl", "Knowledge/faqs/charging.jsonl",
              "Knowledge/docs/en/e7-specs.md", "Knowledge/docs/en/digital-key.md",
              "Knowledge/lexicon/entities.jsonl", "Knowledge/intents/intents.jsonl"]


def seed(args, data):
    files = [os.path.join(args.repo, f) for f in SEED_FILES if os.path.exists(os.path.join(args.repo, f))]
    r = subprocess.run([args.bin, "import", "--data", data, "--config", args.config] + files, cwd=args.repo,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit("seeding failed (%d): %s" % (r.returncode, r.stdout[-2000:]))
    lines = [l for l in r.stdout.splitlines() if l.startswith("imported")]
    print(lines[0] if lines else "seeded")




def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=".build/release/switchboard", help="the switchboard binary")
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="working directory of the server (Models/, Server/, Knowledge/)")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-delay", type=float, default=3.0, help="longest time before the SIGKILL, seconds")
    ap.add_argument("--retrain-fraction", type=float, default=0.01,
                    help="search.retrain_fraction for the server: small, so uploads start background trainings")
    ap.add_argument("--work", help="folder for data and logs (default: a temporary folder, removed on success)")
    args = ap.parse_args()
    args.bin = os.path.abspath(os.path.join(args.repo, args.bin)) if not os.path.isabs(args.bin) else args.bin
    if not os.access(args.bin, os.X_OK) or args.runs < 1:
        print("crash-harness: need an executable --bin and --runs >= 1", file=sys.stderr)
        return 2
    work = args.work or tempfile.mkdtemp(prefix="sb-crash-")
    os.makedirs(work, exist_ok=True)
    data, log_path = os.path.join(work, "data"), os.path.join(work, "server.log")
    with open(os.path.join(args.repo, "Server", "switchboard.json")) as f:
        config = json.load(f)
    config.setdefault("search", {})["retrain_fraction"] = args.retrain_fraction
    args.config = os.path.join(work, "config.json")
    with open(args.config, "w") as f:
        json.dump(config, f)
    db = os.path.join(data, "knowledge.sqlite")
    rng = random.Random(args.seed)
    seed(args, data)
    port = free_port()
    server, http, model = Server(args, data, port, log_path), Http(port), Model()
    names, faq_ids = [], []
    kills, failures, starts, notes_count = {}, [], [], {}
    checker = Checker(http, db, model, names, faq_ids)
    t0 = time.time()
    server.start()
    for run in range(1, args.runs + 1):
        mix = rng.choice([["upload"], ["faq_create", "faq_update", "faq_delete"],
                          ["upload", "upload", "delete_doc", "faq_create", "faq_update", "faq_delete"]])
        train = rng.random() < 0.25
        client = Client(http, model, random.Random(rng.random()), names, faq_ids, mix)
        trainer = None
        client.start()
        if train:
            trainer = subprocess.Popen([args.bin, "train", "--force", "--data", data, "--config", args.config], cwd=args.repo,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # A training takes seconds: wait longer in those runs so that some kills land while
        # the trainer writes its artifact (and some trainings finish).
        delay = rng.uniform(0.05, args.max_delay) if not train else rng.uniform(0.5, max(args.max_delay, 10.0))
        time.sleep(delay)
        if trainer and trainer.poll() is None:
            trainer.send_signal(signal.SIGKILL)
            kills["train (CLI)"] = kills.get("train (CLI)", 0) + 1
        if trainer:
            if trainer.wait() == 0:
                notes_count["train (CLI) finished before the kill"] = notes_count.get("train (CLI) finished before the kill", 0) + 1
        training = server.proc.poll() is None and background_training(server.proc.pid)
        what = client.in_flight or "idle"   # the write on the wire when the SIGKILL goes out
        pending = client.pending
        server.kill()
        before = server.start_log()
        background = before.count("encoder trained") + before.count("model trained")
        if background:
            notes_count["background trainings finished"] = notes_count.get("background trainings finished", 0) + background
        client.stop = True
        client.join(timeout=130)
        kills[what] = kills.get(what, 0) + 1
        if training:
            kills["background training"] = kills.get("background training", 0) + 1
        run_fails = ["unexpected answer: " + e for e in client.errors]
        if rng.random() < 0.15:
            # Crash again while the server starts: rebuilding and saving the vector index, or
            # training a missing encoder (deleted first, sometimes).
            if rng.random() < 0.3:
                try:
                    os.remove(os.path.join(data, "models", "encoder.bin"))
                except FileNotFoundError:
                    pass
            server.launch()
            time.sleep(rng.uniform(0.1, 1.5))
            try:
                ready = http.call("GET", "/readyz", timeout=0.5)[0] == 200
            except OSError:
                ready = False
            up = server.proc.poll() is None
            server.kill()
            if up:
                label = "idle (after start)" if ready else "start-up"
                kills[label] = kills.get(label, 0) + 1
        try:
            run_fails += checker.integrity()
            r0 = time.time()
            server.start()
            starts.append(time.time() - r0)
            loaded_vectors = http.call("GET", "/v1/stats")[1].get("vectors")
            notes = start_reuse(server.start_log())
            for n in notes:
                notes_count[n] = notes_count.get(n, 0) + 1
            run_fails += checker.check(rng)
            if "vectors loaded" in notes:
                run_fails += check_loaded_vectors(server, http, data, loaded_vectors)
            if pending and what != "idle" and len(model.allowed.get(pending[0], ())) == 1:
                applied = "applied" if pending[1] in model.allowed[pending[0]] else "not applied"
                outcome = "in-flight %s %s" % (what, applied)
                notes_count[outcome] = notes_count.get(outcome, 0) + 1
        except (RuntimeError, OSError, sqlite3.Error) as e:
            run_fails.append("%s: %s" % (type(e).__name__, e))
            notes = []
        leftovers = [f for f in walk(data) if ".tmp" in os.path.basename(f)]
        status = "FAIL" if run_fails else "ok"
        print("run %3d  delay %.2fs  ops %3d  killed during %-11s%s %s  %s%s" % (
            run, delay, client.done, what, " + training" if training else "", status, ", ".join(notes),
            ("  (%d temp files left)" % len(leftovers)) if leftovers else ""), flush=True)
        for f in run_fails:
            failures.append((run, f))
            print("         - " + f, flush=True)
        if server.proc.poll() is not None:
            try:
                server.start()
            except RuntimeError as e:
                failures.append((run, str(e)))
                break
    server.kill()
    print()
    print("summary (seed %d, %.0f s, data %s)" % (args.seed, time.time() - t0, work))
    print("  runs                 %d" % args.runs)
    for k in sorted(kills):
        print("  killed during %-16s %d" % (k, kills[k]))
    for k in sorted(notes_count):
        print("  %-30s %d" % (k, notes_count[k]))
    if starts:
        print("  restart to ready     mean %.2f s, max %.2f s" % (sum(starts) / len(starts), max(starts)))
    print("  documents tracked    %d, FAQs tracked %d" % (len(names), len(faq_ids)))
    print("  temp files left      %d %s" % (len(leftovers), [os.path.relpath(f, data) for f in leftovers][:3]))
    print("  failures             %d" % len(failures))
    for run, f in failures:
        print("    run %d: %s" % (run, f))
    if not failures and not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


def walk(root):
    for d, _, files in os.walk(root):
        for f in files:
            yield os.path.join(d, f)


if __name__ == "__main__":
    sys.exit(main())
