#!/usr/bin/env python3
"""BENCHMARKS.md from the raw outputs that Benchmarks/report.sh leaves in Benchmarks/out/.

Standard library only. Every figure is parsed from the human output of the benchmark that printed
it (the scripts and `switchboard eval|bench`); a figure that is missing (a step that failed or did
not run) is shown as "—" with the step's exit code, never guessed.

    python3 Benchmarks/report.py --out Benchmarks/out --write BENCHMARKS.md
"""
import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Optional

NUM = r"([-+]?\d+(?:\.\d+)?)"


@dataclass
class Row:
    """One figure: ours beside the peer measured in the same run, the goal and the command."""
    figure: str
    ours: Optional[float]
    command: str
    peer: Optional[float] = None
    peer_name: str = ""
    higher_is_better: bool = True
    goal: Optional[tuple] = None      # (">=" | "<=" | "<" | "==", value)
    digits: int = 3
    unit: str = ""
    text: str = ""                    # shown instead of the number (a yes/no figure)

    def ratio(self) -> str:
        if self.ours is None or self.peer is None or self.ours == 0 or self.peer == 0:
            return "—"
        r = self.ours / self.peer if self.higher_is_better else self.peer / self.ours
        return f"{r:.2f}× ({'ours/peer' if self.higher_is_better else 'peer/ours'})"

    def passed(self) -> Optional[bool]:
        if self.goal is None or self.ours is None:
            return None
        op, v = self.goal
        return {">=": self.ours >= v, "<=": self.ours <= v, "<": self.ours < v, "==": self.ours == v}[op]


def fmt(x: Optional[float], digits: int, unit: str = "") -> str:
    if x is None:
        return "—"
    s = f"{x:,.{digits}f}" if abs(x) >= 1000 else f"{x:.{digits}f}"
    return s + (f" {unit}" if unit else "")


def find(pattern: str, text: str, group: int = 1) -> Optional[float]:
    m = re.search(pattern, text, re.M)
    return float(m.group(group).replace(",", "")) if m else None


def sections(text: str) -> dict:
    """Blocks of output under their '== title' lines, keyed by title."""
    out, title = {}, ""
    for line in text.splitlines():
        if line.startswith("== "):
            title = line[3:].strip()
            out[title] = ""
        else:
            out[title] = out.get(title, "") + line + "\n"
    return out


def section(text: str, prefix: str) -> str:
    return next((body for title, body in sections(text).items() if title.startswith(prefix)), "")


def commands(text: str) -> list:
    """(command, its output) for every '$ command' line that report.sh printed before running it."""
    out = []
    for line in text.splitlines():
        if line.startswith("$ "):
            out.append([short(line[2:]), ""])
        elif out:
            out[-1][1] += line + "\n"
    return out


def short(cmd: str) -> str:
    parts = (re.sub(r"^(set -e|x)\b\s*", "", p.strip()) for p in cmd.split(";"))
    cmd = "; ".join(p for p in parts if p)
    cmd = re.sub(r"\S*\.build/(?:\S+/)?release/switchboard", "switchboard", cmd)
    return re.sub(r"/tmp/switchboard-report\.\w+", "$DATA", cmd)


def wrk_ms(s: str) -> Optional[float]:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", s.strip())
    if not m:
        return None
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def error_count(s: str) -> Optional[float]:
    s = s.strip()
    if s == "0":
        return 0.0
    numbers = [int(n) for part in s.split(";") if ":" in part for n in re.findall(r"\d+", part.split(":", 1)[1])]
    return float(sum(numbers)) if numbers else None


# ---- the areas: each reads its step outputs and returns rows ------------------------------------------

def faq_rows(o) -> list:
    rows, text, cmd = [], o.text("faq"), o.cmd("faq")
    split = "test" if "test" in cmd else "dev"
    sf, lq = section(text, "StackFAQ"), section(text, "LCQMC")
    ours = r"faq eval \(bm25\):.*?R@1 {0}.*?MRR@10 {0}".format(NUM)
    peer_en = r"peer bm25s \(english.*?R@1 {0}.*?MRR@10 {0}".format(NUM)
    for metric, g in (("R@1", 1), ("MRR@10", 2)):
        rows.append(Row(f"StackFAQ {split}, BM25 {metric}", find(ours, sf, g), cmd, find(peer_en, sf, g), "bm25s"))
    best = max(((name, find(r"peer bm25s \(%s.*?R@1 %s" % (tok, NUM), lq), find(r"peer bm25s \(%s.*?MRR@10 %s" % (tok, NUM), lq))
                 for name, tok in (("bm25s + jieba", "jieba"), ("bm25s char 1-2 grams", "chars"))),
               key=lambda p: p[1] or 0)
    rows.append(Row(f"LCQMC {split}, BM25 R@1", find(ours, lq, 1), cmd, best[1], best[0]))
    rows.append(Row(f"LCQMC {split}, BM25 MRR@10", find(ours, lq, 2), cmd, best[2], best[0]))
    modes = commands(o.text("faq_modes"))
    for (label, goal), (c, body) in zip((("StackFAQ bare", None), ("StackFAQ grown", (">=", 0.94)), ("LCQMC test", (">=", 0.85))), modes):
        bm25 = find(r"faq eval \(bm25\):.*?R@1 " + NUM, body)
        for mode in ("vector", "hybrid"):
            g = goal if mode == "hybrid" else None
            rows.append(Row(f"{label}, {mode} R@1", find(r"faq eval \(%s\):.*?R@1 %s" % (mode, NUM), body),
                            c, bm25, "our BM25F, same run", goal=g))
        p99 = find(r"faq eval \(hybrid\):.*?p99 " + NUM, body)
        rows.append(Row(f"{label}, hybrid query p99", p99, c, find(r"faq eval \(bm25\):.*?p99 " + NUM, body), "our BM25F, same run",
                        higher_is_better=False, digits=2, unit="ms"))
    if not modes:
        rows.append(Row("StackFAQ / LCQMC, vector and hybrid R@1", None, o.cmd("faq_modes")))
    return rows


def retrieval_rows(o) -> list:
    t, c = o.text("retrieval"), o.cmd("retrieval")
    peer = r"^bm25s\s+nDCG@10 {0}\s+P@10 {0}\s+R@100 {0}\s+MRR@10 {0}".format(NUM)
    rows = []
    for mode in ("bm25", "vector", "hybrid"):
        ours = r"^switchboard {0}\s+nDCG@10 {1}\s+P@10 {1}\s+R@100 {1}\s+MRR@10 {1}".format(mode, NUM)
        for metric, g in (("nDCG@10", 1), ("R@100", 3)):
            rows.append(Row(f"Cranfield documents, {mode} {metric}", find(ours, t, g), c, find(peer, t, g), "bm25s"))
    return rows


def traditional_rows(o) -> list:
    """Traditional-Chinese questions (OpenCC) over Simplified knowledge: folding on beside off."""
    t, c, rows = o.text("traditional"), o.cmd("traditional"), []
    for variant, label in (("s2t", "characters (s2t)"), ("s2twp", "Taiwan words (s2twp)")):
        for name in ("faq questions", "document questions"):
            line = r"^{0}\s+{1}\s+{2} \(hybrid\)\s+\d+\s+{3}"
            rows.append(Row(f"{name.split()[0].upper() if name.startswith('faq') else 'document'} questions in Traditional Chinese, {label}, hybrid R@1",
                            find(line.format(variant, "on", name, NUM), t), c,
                            find(line.format(variant, "off", name, NUM), t), "no folding (SWITCHBOARD_KEEP_TRADITIONAL=1)"))
    rows.append(Row("FAQ questions in Simplified Chinese (the same questions unconverted), hybrid R@1",
                    find(r"^simplified\s+on\s+faq questions \(hybrid\)\s+\d+\s+{0}".format(NUM), t), c,
                    find(r"^simplified\s+off\s+faq questions \(hybrid\)\s+\d+\s+{0}".format(NUM), t), "no folding"))
    return rows


def typo_rows(o) -> list:
    """Questions with one typing error: spelling correction on beside off."""
    t, c, rows = o.text("typos"), o.cmd("typos"), []
    line = r"^{0}\s+{1}\s+{2} \(hybrid\)\s+\d+\s+{3}"
    for questions, label, name in (("Knowledge/eval typos", "Knowledge/eval English FAQ questions", "faq questions"),
                                   ("Knowledge/eval typos", "Knowledge/eval English document questions", "document questions"),
                                   ("StackFAQ typos", "StackFAQ grown test queries", "grown test queries")):
        rows.append(Row(f"{label}, one typing error each, hybrid R@1", find(line.format(questions, "on", name, NUM), t), c,
                        find(line.format(questions, "off", name, NUM), t), "correction off"))
    rows.append(Row("Knowledge/eval English FAQ questions as written, hybrid R@1",
                    find(line.format("Knowledge/eval written", "on", "faq questions", NUM), t), c,
                    find(line.format("Knowledge/eval written", "off", "faq questions", NUM), t), "correction off"))
    return rows


def vector_rows(o) -> list:
    t, c = o.text("vectors"), o.cmd("vectors")
    exact = r"switchboard exact.*?single {0} QPS, batched {0} QPS".format(NUM)
    faiss = r"faiss .*?single {0} QPS, batched {0} QPS".format(NUM)
    n = re.search(r"switchboard exact \(sgemv/sgemm\): (\d+)×(\d+)", t)
    size = f"{n.group(1)} × {n.group(2)}" if n else ""
    rows = [Row(f"exact search {size}, single-query QPS (1 thread)", find(exact, t, 1), c, find(faiss, t, 1), "faiss IndexFlatIP", digits=0),
            Row(f"exact search {size}, batched QPS (1 thread)", find(exact, t, 2), c, find(faiss, t, 2), "faiss IndexFlatIP", digits=0),
            Row("HNSW index memory (ours: index size; hnswlib: resident memory growth)", find(r"switchboard HNSW.*?build {0} s, {0} MB".format(NUM), t, 2), c,
                find(r"hnswlib .*?resident memory \+{0} MB".format(NUM), t), "hnswlib", higher_is_better=False, digits=1, unit="MB"),
            Row("HNSW build (M=16, efConstruction=200)", find(r"switchboard HNSW.*?build {0} s".format(NUM), t), c,
                find(r"hnswlib .*?: build {0} s".format(NUM), t), "hnswlib", higher_is_better=False, digits=1, unit="s")]
    for ef in (32, 128):
        ours = r"^\s+ef={0}\s+recall@10 {1}\s+{1} QPS\s+p99 {1} ms".format(ef, NUM)
        peer = r"^\s+ef=\s*{0}: recall@10 {1}\s+single\s+{1} QPS.*?p99 {1} ms".format(ef, NUM)
        rows += [Row(f"HNSW ef={ef}, recall@10", find(ours, t, 1), c, find(peer, t, 1), "hnswlib", digits=3),
                 Row(f"HNSW ef={ef}, single-query QPS", find(ours, t, 2), c, find(peer, t, 2), "hnswlib", digits=0),
                 Row(f"HNSW ef={ef}, p99", find(ours, t, 3), c, find(peer, t, 3), "hnswlib", higher_is_better=False, unit="ms")]
    return rows


def graph_rows(o) -> list:
    t, c, rows = o.text("graph"), o.cmd("graph"), []
    for title, body in sections(t).items():
        name = "ABCD" if title.startswith("ABCD") else "Knowledge/" if title.startswith("Knowledge") else None
        if not name:
            continue
        for m in re.finditer(r"^(.+?)\s+(bm25|vector|hybrid)\s+(\d+)\s+{0}\s+{0}\s+{0}\s+{0}\s+{0}\s+{0}$".format(NUM), body, re.M):
            label = f"{name} {m.group(1).strip()} ({m.group(3)}), {m.group(2)}"
            rows.append(Row(f"{label}, R@1 graph on", float(m.group(5)), c, float(m.group(4)), "graph off"))
            rows.append(Row(f"{label}, MRR@10 graph on", float(m.group(8)), c, float(m.group(7)), "graph off"))
        a = re.search(r"attribute questions: (\d+), answered from facts (\d+), right value (\d+), right value and source (\d+)", body)
        if a:
            rows.append(Row(f"{name} attribute questions answered from facts, right value and source (of {a.group(1)})",
                            float(a.group(4)) / float(a.group(1)), c))
        r = re.search(r"relation extraction: precision {0} .*?recall {0}".format(NUM), body)
        if r:
            rows += [Row(f"{name} relation extraction precision", float(r.group(1)), c),
                     Row(f"{name} relation extraction recall", float(r.group(2)), c)]
    return rows or [Row("graph on vs off", None, c)]


def dialogue_rows(o) -> list:
    t, c, rows = o.text("dialogue"), o.cmd("dialogue"), []
    peer_name = "scikit-learn TF-IDF + "
    sets = (("CLINC150 (", "CLINC150 test", "LogisticRegression"),
            ("CLINC150 with the pretrained encoder's vectors", "CLINC150 test, pretrained encoder's vectors as features", "LogisticRegression"),
            ("CLINC150 with the pretrained encoder's static", "CLINC150 test, pretrained encoder's static word-piece vectors", "LogisticRegression"),
            ("SMP2019", "SMP2019 test", "LogisticRegression"),
            ("ChnSentiCorp", "ChnSentiCorp dev", "LinearSVC"), ("SST-2 (", "SST-2 test", "LinearSVC"),
            ("SST-2 with the pretrained encoder", "SST-2 test, pretrained encoder's vectors as features", "LinearSVC"),
            ("Default knowledge (zh + en): Knowledge/intents", "Knowledge/eval intents", "LogisticRegression"),
            ("Default knowledge: Knowledge/sentiment", "Knowledge/eval sentiment", "LinearSVC"))
    static = "CLINC150 test, pretrained encoder's static word-piece vectors"
    goals = {"CLINC150 test": (">=", 0.935), "SMP2019 test": (">=", 0.92), "ChnSentiCorp dev": (">=", 0.93), "SST-2 test": (">=", 0.85),
             "CLINC150 test, pretrained encoder's vectors as features": (">=", 0.955), static: (">=", 0.935),
             "SST-2 test, pretrained encoder's vectors as features": (">=", 0.85)}
    oos_goals = {"CLINC150 test": (">=", 0.5), "CLINC150 test, pretrained encoder's vectors as features": (">=", 0.55), static: (">=", 0.5)}
    for prefix, label, model in sets:
        body = section(t, prefix)
        if not body:
            continue
        peer = ("scikit-learn encoder vectors + " if "encoder's vectors" in label and label.startswith("CLINC") else peer_name) + model
        if "in-scope" in body:   # intents with out-of-scope examples in the test set
            rows += [Row(f"{label}, in-scope accuracy", find(r"in-scope " + NUM, body), c, find(r"peer .*? in-scope " + NUM, body), peer, goal=goals.get(label)),
                     Row(f"{label}, out-of-scope recall", find(r"out-of-scope recall " + NUM, body), c, find(r"oos-recall " + NUM, body), peer,
                         goal=oos_goals.get(label))]
        else:
            rows.append(Row(f"{label}, accuracy", find(r"accuracy " + NUM, body), c, find(r"peer .*?accuracy " + NUM, body), peer, goal=goals.get(label)))
        if "intents" in label.lower() or label.startswith(("CLINC", "SMP")):
            rows.append(Row(f"{label}, macro-F1", find(r"macro-F1 " + NUM, body), c, find(r"macroF1 " + NUM, body), peer))
        train = find(r"  train {0} s".format(NUM), body)
        distill = find(r"distilled in {0} s".format(NUM), body)
        if train is not None and distill is not None:
            train += distill                    # the word-piece table is made once per model, counted here
        rows.append(Row(f"{label}, training time" + (" (with distilling the table)" if distill is not None else ""), train, c,
                        find(r"peer .*? train {0} s".format(NUM), body), peer,
                        higher_is_better=False, digits=1, unit="s", goal=("<", 60) if label in ("CLINC150 test", static) else None))
        rows.append(Row(f"{label}, predict p99 (one text)", find(r"predict p50 {0} ms p99 {0} ms".format(NUM), body, 2), c,
                        higher_is_better=False, unit="ms", goal=("<", 1.0) if label in ("CLINC150 test", static) else None))
    return rows or [Row("intents and sentiment", None, c)]


def reply_rows(o) -> list:
    text, c = o.text("replies"), o.cmd("replies")
    ours = r"switchboard replies:.*?R@1 {0}\s+R@5 {0}".format(NUM)
    near = r"peer bm25s\+jieba nearest turn:.*?R@1 {0}\s+R@5 {0}".format(NUM)
    freq = r"peer 5 most frequent replies:\s+R@1 {0}\s+R@5 {0}".format(NUM)
    # Benchmarks/eval-replies.sh prints JDDC first, then MultiWOZ.
    jddc, _, multiwoz = text.partition("== MultiWOZ")
    rows = []
    for name, t, goal in (("JDDC", jddc, (">=", 0.15)), ("MultiWOZ", multiwoz, None)):
        if name == "MultiWOZ" and not t:
            continue
        rows += [Row(f"{name} R@5", find(ours, t, 2), c, find(near, t, 2), "bm25s + jieba nearest turn", goal=goal, digits=4),
                 Row(f"{name} R@5", find(ours, t, 2), c, find(freq, t, 2), "5 most frequent replies", goal=goal, digits=4),
                 Row(f"{name} R@1", find(ours, t, 1), c, find(near, t, 1), "bm25s + jieba nearest turn", digits=4),
                 Row(f"{name} suggestion time per query", find(r"build {0} s, {0} ms/query".format(NUM), t, 2), c,
                     higher_is_better=False, digits=2, unit="ms"),
                 Row(f"{name} suggester build (clustering the replies)", find(r"build {0} s, {0} ms/query".format(NUM), t, 1), c,
                     higher_is_better=False, digits=1, unit="s")]
    return rows


def answer_rows(o) -> list:
    t, c = o.text("answers"), o.cmd("answers")
    # Benchmarks/eval-answers.sh prints our knowledge first, then StackFAQ imported as the only knowledge.
    ours_kb, _, foreign = t.partition("== StackFAQ")
    line = r"^{0}: (\d+)\s+answered with the expected source {1}\s+expected source among sources {1}\s+handed off {1}"
    rows = []
    for name, label in (("faq questions", "FAQ questions"), ("document questions", "document questions"), ("out-of-scope questions", "out-of-scope questions")):
        m = re.search(line.format(name, NUM), ours_kb, re.M)
        n = f" ({m.group(1)})" if m else ""
        if name == "out-of-scope questions":
            rows.append(Row(f"Knowledge/eval {label}{n}: handed off", float(m.group(4)) if m else None, c))
        else:
            rows += [Row(f"Knowledge/eval {label}{n}: answered with the expected source", float(m.group(2)) if m else None, c),
                     Row(f"Knowledge/eval {label}{n}: handed off", float(m.group(4)) if m else None, c, higher_is_better=False)]
    follow = re.search(r"^follow-up questions: (\d+) sessions\s+last answer holds the expected value {0} \(asked alone, without the session: {0}\)"
                       .format(NUM), ours_kb, re.M)
    if follow:
        rows.append(Row(f"Knowledge/eval follow-up sessions ({follow.group(1)}): the last answer holds the expected value",
                        float(follow.group(2)), c, float(follow.group(3)), "the last question asked alone"))
    faq = re.search(line.format("faq questions", NUM), foreign, re.M)
    oos = re.search(line.format("out-of-scope questions", NUM), foreign, re.M)
    peer = re.search(r"peer bm25s top-1 \(hands off below score.*?answered with the expected source {0}\s+handed off {0}"
                     r".*?out-of-scope questions \d+\s+handed off {0}".format(NUM), foreign)
    peer_name = "bm25s top-1, handing off as many in-scope questions"
    rows += [Row("StackFAQ as the only knowledge, test queries: answered with the expected FAQ", float(faq.group(2)) if faq else None, c,
                 float(peer.group(1)) if peer else None, peer_name),
             Row("StackFAQ as the only knowledge, CLINC150 oos test texts: handed off", float(oos.group(4)) if oos else None, c,
                 float(peer.group(3)) if peer else None, peer_name)]
    return rows


def knowledge_rows(o) -> list:
    t, rows = o.text("knowledge"), []
    for c, body in commands(t):
        if " import " in c:
            rows.append(Row("default knowledge import (files, parse, store, index)",
                            find(r"imported .* in {0} s".format(NUM), body),
                            c, higher_is_better=False, digits=2, unit="s"))
        elif " train " in c:
            enc = intent = sent = None
            try:
                j = json.loads(body[body.index("{"):])
                enc = j.get("seconds")
                intent, sent = ((j.get(k) or {}).get("seconds") for k in ("intent", "sentiment"))
            except ValueError:
                pass
            total = sum(x for x in (enc, intent, sent) if x is not None) if enc is not None else None
            rows += [Row("default knowledge training: encoder + intent + sentiment", total, c, higher_is_better=False, digits=1, unit="s", goal=("<", 10)),
                     Row("  encoder", enc, c, digits=1, unit="s"), Row("  intent model", intent, c, digits=1, unit="s"),
                     Row("  sentiment model", sent, c, digits=1, unit="s")]
        elif " graph stats" in c:
            rows += [Row("graph full build", find(r"full build .*?: {0} ms".format(NUM), body), c, digits=0, unit="ms"),
                     Row("graph update, one changed document", find(r"one changed document .*?: {0} ms".format(NUM), body), c, digits=1, unit="ms")]
    return rows or [Row("default knowledge import and training", None, o.cmd("knowledge"))]


def speed_rows(o) -> list:
    rows = []
    for c, body in commands(o.text("speed")):
        if "bench import" in c:
            ours = r"switchboard import .*?{0} s\s+{0} MB/s\s+{0} chunks/s".format(NUM)
            peer = r"peer: SQLite FTS5 insert.*?{0} s\s+{0} MB/s\s+{0} chunks/s".format(NUM)
            mb = find(r"corpus: \d+ files, {0} MB".format(NUM), body)
            rows += [Row(f"import {mb or '?'} MB zh/en Markdown, MB/s", find(ours, body, 2), c, find(peer, body, 2), "SQLite FTS5 insert", digits=1),
                     Row("import, chunks/s", find(ours, body, 3), c, find(peer, body, 3), "SQLite FTS5 insert", digits=0),
                     Row("indexes built from the store (BM25 + graph facts, no training), MB/s", find(r"switchboard indexes built from the store.*?{0} s\s+{0} MB/s".format(NUM), body, 2), c, digits=1)]
        elif "bench search" in c:
            n = find(r"index: (\d+) chunks", body)
            ours = r"switchboard BM25F.*?p50 {0} ms\s+p99 {0} ms".format(NUM)
            peer = r"peer: SQLite FTS5 bm25\(\).*?p50 {0} ms\s+p99 {0} ms".format(NUM)
            for i, p in ((1, "p50"), (2, "p99")):
                rows.append(Row(f"BM25 search over {int(n) if n else '?':,} chunks, {p}", find(ours, body, i), c, find(peer, body, i),
                                "SQLite FTS5 bm25()", higher_is_better=False, digits=2, unit="ms"))
        elif "bench gemm" in c:
            rows.append(Row("sgemm 1024³, one core, GFLOP/s", find(r"sgemm \d+³ \(BLAS\): " + NUM, body), c,
                            find(r"gemm \d+³ \(plain Swift\): " + NUM, body), "plain Swift kernel", digits=1))
        elif "bench answer" in c:
            stage = r"^{0}\s+calls\s+\d+\s+mean\s+{1}\s+p50\s+{1}\s+p99\s+{1}"
            def p99(name): return find(stage.format(re.escape(name), NUM), body, 3)
            bm25, json_peer = p99("baseline: search (bm25)"), p99("baseline: answer JSON (JSONEncoder)")
            for name, label, peer, peer_name in (
                    ("answer", "bot answer (POST /v1/answer's work, in process)", None, None),
                    ("turn", "conversation turn (in process)", None, None),
                    ("search (hybrid, session)", "hybrid search with the graph", bm25, "BM25-only search, same run"),
                    ("intent", "intent", None, None), ("sentiment", "sentiment", None, None),
                    ("answer JSON (as served)", "answer JSON, streaming writer", json_peer, "Foundation JSONEncoder, same run")):
                rows.append(Row(f"{label}, p99", p99(name), c, peer, peer_name or "", higher_is_better=False, digits=0, unit="µs"))
    return rows or [Row("import, search and gemm speed", None, o.cmd("speed"))]


def load_rows(o) -> list:
    t, c, rows = o.text("load"), o.cmd("load"), []
    line = re.compile(r"^(answer|turn)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$", re.M)
    for m in line.finditer(t):
        ep, conc = m.group(1), int(m.group(2))
        what = "POST /v1/answer" if ep == "answer" else "conversation turn"
        rps = float(m.group(3)) if re.fullmatch(r"[\d.]+", m.group(3)) else None
        p50, p99, errs = wrk_ms(m.group(4)), wrk_ms(m.group(5)), error_count(m.group(6))
        rows += [Row(f"{what}, concurrency {conc}: requests/s", rps, c, digits=0),
                 Row(f"{what}, concurrency {conc}: p50", p50, c, higher_is_better=False, digits=2, unit="ms"),
                 Row(f"{what}, concurrency {conc}: p99", p99, c, higher_is_better=False, digits=2, unit="ms",
                     goal=("<", 10.0) if conc == 16 else None),
                 Row(f"{what}, concurrency {conc}: errors", errs, c, higher_is_better=False, digits=0, goal=("==", 0))]
    rss = re.search(r"^\s+rss:([\d ]+)$", t, re.M)
    samples = [float(x) for x in rss.group(1).split()] if rss else []
    if len(samples) >= 2 and samples[0] > 0:
        # Caches fill while the soak warms up; a leak keeps growing. "Flat": the second half adds at most 5 %.
        half = samples[(len(samples) - 1) // 2]
        rows += [Row(f"soak: resident memory, first → last of {len(samples)} samples every 30 s ({samples[0]:.0f} → {samples[-1]:.0f} MB)",
                     (samples[-1] - samples[0]) / samples[0] * 100, c, higher_is_better=False, digits=1, unit="%"),
                 Row(f"soak: resident memory growth over the second half, last sample ({half:.0f} → {samples[-1]:.0f} MB)",
                     (samples[-1] - half) / half * 100 if half else None, c, higher_is_better=False, digits=1, unit="%")]
        settled = re.search(r"^\s+rss settled: (\d+)$", t, re.M)
        if settled and half:
            # The last sample can fall inside a retraining the imports started (a transient); the
            # settled sample, taken once the server is idle after the run, shows what stayed.
            end = float(settled.group(1))
            rows += [Row(f"soak: resident memory growth from the second half's start to the settled server ({half:.0f} → {end:.0f} MB)",
                         (end - half) / half * 100, c, higher_is_better=False, digits=1, unit="%", goal=("<=", 5.0)),
                     Row(f"soak: peak resident memory sample", max(samples + [end]), c, higher_is_better=False, digits=0, unit="MB")]
    for m in re.finditer(r"^\s+(answer|turn): {0} req/s, p99 (\S+), errors (.*)$".format(NUM), t, re.M):
        rows += [Row(f"soak: {m.group(1)} at concurrency 16, p99", wrk_ms(m.group(3)), c, higher_is_better=False, digits=2, unit="ms"),
                 Row(f"soak: {m.group(1)} at concurrency 16, errors", error_count(m.group(4)), c, digits=0, goal=("==", 0))]
    m = re.search(r"^\s+imports: (\d+) acknowledged, (\d+) failed, (\d+) lost$", t, re.M)
    if m:
        rows += [Row(f"soak: document imports during the soak ({m.group(1)} acknowledged), failed or lost",
                     float(int(m.group(2)) + int(m.group(3))), c, higher_is_better=False, digits=0, goal=("==", 0))]
    return (rows + shutdown_row(o, "load")) if rows else [Row("load", None, c)]


def shutdown_row(o, step: str) -> list:
    """Did the step's server stop on SIGTERM? A hang shows as the watchdog's note, a kill, or the script's own note."""
    if step not in o.steps:
        return []
    t, rc = o.text(step), o.steps[step]["rc"]
    hung = rc in (137, 143) or "still running after" in t or "did not stop" in t
    return [Row("server stopped on SIGTERM at the end of the run", 0.0 if hung else 1.0, o.cmd(step),
                goal=("==", 1.0), text="no (hung; killed)" if hung else "yes")]


def schemathesis_rows(o) -> list:
    """Schemathesis 4 prints 'Test cases: N generated, ...' and one '❌ Check name: N' line per failing check."""
    t, c = o.text("schemathesis"), o.cmd("schemathesis")
    cases = find(r"([\d,]+) generated", t)
    found = {m.group(1).strip(): float(m.group(2)) for m in re.finditer(r"^\s*❌\s*([^:\n]+):\s*(\d+)\s*$", t, re.M)}
    zero = 0.0 if cases is not None else None
    server = sum(v for k, v in found.items() if "server error" in k.lower()) if found else zero
    schema = sum(v for k, v in found.items() if "schema" in k.lower() and "response" in k.lower()) if found else zero
    rows = [Row("generated test cases", cases, c, digits=0),
            Row("server errors (5xx)", server, c, digits=0, goal=("==", 0)),
            Row("response schema violations", schema, c, digits=0, goal=("==", 0))] + shutdown_row(o, "schemathesis")
    rows += [Row(f"other failing check: {k}", v, c, digits=0) for k, v in found.items()
             if not "server error" in k.lower() and not ("schema" in k.lower() and "response" in k.lower())]
    return rows


def fuzz_rows(o) -> list:
    t, c = o.text("fuzz"), o.cmd("fuzz")
    n = find(r"fuzz: (\d+) cases", t)
    label = f"importer fuzzing, {n:.0f} generated cases" if n else "importer fuzzing"
    worst = [float(m.group(1)) for m in re.finditer(r"^\S+\s+\d+\s+\d+\s+\d+\s+{0}\s+\d+$".format(NUM), t, re.M)]
    return [Row(f"{label}: failures (crash, error escaping, over the limit)", find(r"^failures: (\d+)", t), c, digits=0, goal=("==", 0)),
            Row(f"{label}: cases over 2 s", find(r"^over 2000 ms: (\d+) cases", t), c, digits=0, goal=("==", 0)),
            Row(f"{label}: slowest case", max(worst) if worst else None, c, higher_is_better=False, digits=0, unit="ms"),
            Row(f"{label}: peak resident memory", find(r"^peak RSS: (\d+) MB", t), c, higher_is_better=False, digits=0, unit="MB")]


AREAS = (("FAQ retrieval", ("faq", "faq_modes"), faq_rows),
         ("Document retrieval", ("retrieval",), retrieval_rows),
         ("Traditional Chinese questions", ("traditional",), traditional_rows),
         ("Questions with typing errors", ("typos",), typo_rows), ("Vector search", ("vectors",), vector_rows),
         ("Knowledge graph on vs off", ("graph",), graph_rows), ("Intents and sentiment", ("dialogue",), dialogue_rows),
         ("Reply suggestion", ("replies",), reply_rows), ("Bot answers", ("answers",), answer_rows),
         ("Default knowledge: import, training, graph build", ("knowledge",), knowledge_rows),
         ("Import, search and BLAS speed", ("speed",), speed_rows), ("Load (wrk, loopback)", ("load",), load_rows),
         ("API fuzzing (schemathesis)", ("schemathesis",), schemathesis_rows),
         ("Importer fuzzing", ("fuzz",), fuzz_rows))


class Outputs:
    """The raw outputs of one report.sh run: steps.tsv, machine.txt, loadavg.txt and <step>.txt."""

    def __init__(self, folder: str):
        self.folder = folder
        self.steps = {}
        for line in self.read("steps.tsv").splitlines():
            parts = line.split("\t")
            if len(parts) == 5:                      # written before steps recorded their time and commit
                parts = parts[:4] + ["?", "?"] + parts[4:]
            if len(parts) == 7:
                name, mode, rc, secs, started, commit, cmd = parts
                self.steps[name] = {"mode": mode, "rc": int(rc), "seconds": float(secs), "started": started,
                                    "commit": commit, "cmd": cmd}
        self.machine = dict(l.split(": ", 1) for l in self.read("machine.txt").splitlines() if ": " in l)

    def read(self, name: str) -> str:
        path = os.path.join(self.folder, name)
        if not os.path.exists(path):
            return ""
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def text(self, step: str) -> str:
        return self.read(step + ".txt") if step in self.steps else ""

    def cmd(self, step: str) -> str:
        return short(self.steps.get(step, {}).get("cmd", f"(step {step} did not run)"))


def cell(s: str) -> str:
    return s.replace("|", "\\|")


def machine_section(o: Outputs) -> list:
    m = o.machine
    gemm = o.text("speed")
    blas = re.search(r"^BLAS: .*$", gemm, re.M)
    loads = [float(l.split()[1]) for l in o.read("loadavg.txt").splitlines() if len(l.split()) == 2]
    ram = f"{int(m['ram_kb']) / 1048576:.1f} GiB" if m.get("ram_kb", "").isdigit() else "?"
    during = f"min {min(loads):.1f}, mean {sum(loads) / len(loads):.1f}, max {max(loads):.1f} ({len(loads)} samples, every 30 s)" if loads else "not sampled"
    cores = m.get("cores", "?")
    busy = loads and cores.isdigit() and max(loads) > 0.5 * int(cores)
    rows = [("date (UTC)", f"{m.get('started', '?')} → {m.get('finished', '?')}"), ("mode", m.get("mode", "?")),
            ("commit", m.get("commit", "?")), ("CPU", m.get("cpu", "?")), ("cores", cores), ("RAM", ram),
            ("OS", m.get("os", "?")), ("Swift", m.get("swift", "?")),
            ("BLAS in use", blas.group(0)[6:] if blas else m.get("blas_alternative", "?")),
            ("load average at start (1/5/15 min)", m.get("loadavg_start", "?")),
            ("load average during the run (1 min)", during), ("load average at the end", m.get("loadavg_end", "not recorded")),
            ("busiest processes at start", m.get("busiest_processes_start", "?")),
            ("other load present", "yes: timings are pessimistic and noisy" if busy else "no" if loads else "?")]
    lines = ["## Machine", "", "| | |", "|---|---|"] + [f"| {k} | {cell(str(v))} |" for k, v in rows]
    if m.get("only"):
        lines += ["", f"The machine rows describe the last invocation, which re-ran only: {m['only']}. "
                  "The other steps keep the output of the run their row names."]
    lines += ["", "Steps (seconds of wall-clock time; a non-zero exit code means the step failed, see `Benchmarks/out/STEP.txt`):", "",
              "| step | mode | exit | seconds | started (UTC) | commit | command |", "|---|---|---|---|---|---|---|"]
    for name, s in o.steps.items():
        lines.append(f"| {name} | {s['mode']} | {s['rc']} | {s['seconds']:.0f} | {s['started']} | {cell(s['commit'])} | `{cell(short(s['cmd']))}` |")
    total = sum(s["seconds"] for s in o.steps.values())
    lines += [f"| total | | | {total:.0f} | | | |", ""]
    return lines


def goal_str(r: Row) -> str:
    if r.goal is None:
        return "—"
    if r.text:
        return "yes"
    op = {">=": "≥", "<=": "≤"}.get(r.goal[0], r.goal[0])
    return f"{op} {fmt(r.goal[1], r.digits, r.unit)}"


def area_section(o: Outputs, title: str, steps: tuple, rows: list) -> list:
    modes = {o.steps[s]["mode"] for s in steps if s in o.steps}
    lines = [f"## {title}", ""]
    if "quick" in modes:
        lines += ["*Quick run: small settings (subsets, short runs) — a smoke test, not comparable with the goals.*", ""]
    for s in steps:
        if s not in o.steps:
            lines += [f"*Step `{s}` did not run.*", ""]
        elif o.steps[s]["rc"] != 0:
            lines += [f"*Step `{s}` failed (exit {o.steps[s]['rc']}); see `Benchmarks/out/{s}.txt`. Its figures may be missing.*", ""]
    lines += ["| area | figure | ours | peer | ratio | goal | pass | command |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        peer = f"{r.peer_name} {fmt(r.peer, r.digits, r.unit)}" if r.peer_name else "—"
        goal = goal_str(r)
        ok = {None: "—", True: "pass", False: "**FAIL**"}[r.passed()]
        lines.append(f"| {title} | {cell(r.figure)} | {r.text or fmt(r.ours, r.digits, r.unit)} | {cell(peer)} | {r.ratio()} | {goal} | {ok} | `{cell(r.command)}` |")
    return lines + [""]


def render(o: Outputs) -> str:
    tables, goals = [], []
    for title, steps, parse in AREAS:
        try:
            rows = parse(o)
        except Exception as e:  # a parser bug must not hide the other areas
            rows = [Row(f"could not parse the output: {type(e).__name__}: {e}", None, "")]
        goals += [(title, r) for r in rows if r.goal is not None]
        tables += area_section(o, title, steps, rows)
    passed = [g for g in goals if g[1].passed() is True]
    failed = [g for g in goals if g[1].passed() is False]
    missing = [g for g in goals if g[1].passed() is None]
    head = ["# Benchmarks", "",
            "<!-- Generated by Benchmarks/report.sh and Benchmarks/report.py; do not edit by hand. -->",
            f"Generated by `bash Benchmarks/report.sh` ({o.machine.get('mode', '?')} settings) — regenerate with "
            "`bash Benchmarks/report.sh` (full: every figure the issues report, about 50 minutes on 2 cores) or "
            "`bash Benchmarks/report.sh --quick` (small settings, a smoke run of about 12 minutes); `--only STEP,...` reruns some steps, "
            "`--report-only` rewrites this file from `Benchmarks/out/`. Needs a release build (made by the script), "
            "the data sets in `../shared/data` and network access to PyPI once for the Python peers.", "",
            "Every figure is printed by the command in its row (`switchboard` is `.build/release/switchboard`); the peer is "
            "measured in the same run on the same data. **ratio** is ours ÷ peer where higher is better and peer ÷ ours for "
            "times, latencies and memory, so a ratio above 1 always means Switchboard is ahead.", "",
            f"Goals: **{len(passed)} pass, {len(failed)} fail, {len(missing)} not measured** of {len(goals)}"
            + (" (a quick run: subsets and short runs, so pass/fail is only indicative)." if o.machine.get("mode") == "quick" else ".")]
    if failed:
        head += ["Failing: " + "; ".join(f"{t}: {r.figure.strip()} = {r.text or fmt(r.ours, r.digits, r.unit)} (goal {goal_str(r)})" for t, r in failed) + "."]
    return "\n".join(head + [""] + machine_section(o) + tables)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="Benchmarks/out", help="the folder report.sh wrote the raw outputs to")
    ap.add_argument("--write", default=None, help="write the Markdown here (default: print it)")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.out, "steps.tsv")):
        print(f"report.py: no {a.out}/steps.tsv; run Benchmarks/report.sh first", file=sys.stderr)
        return 2
    text = render(Outputs(a.out))
    if a.write:
        with open(a.write, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        print(f"wrote {a.write}", file=sys.stderr)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
