#!/usr/bin/env bash
# Bot answers (`switchboard eval answers`) on our knowledge and on a knowledge base we did not write,
# beside a bm25s peer on the foreign one, same data, same run.
#   knowledge  Knowledge/ with its eval/ questions (FAQ, document and out-of-scope questions)
#   stackfaq   StackFAQ's 125 FAQs imported as the only knowledge (no intents, no documents), its
#              874 test queries as in-scope questions and CLINC150's 1,000 out-of-scope test texts as
#              out-of-scope ones; the peer answers with bm25s's best FAQ and hands off below a score
#              threshold set to our in-scope hand-off rate
# Usage: Benchmarks/eval-answers.sh [knowledge|stackfaq ...]   (needs a release build: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
bin=$(swift build -c release --show-bin-path)/switchboard
sets=${*:-knowledge stackfaq}

for set in $sets; do
  case $set in
    knowledge)
      echo "== Knowledge/ (ours), eval/ questions"
      "$bin" eval answers --knowledge Knowledge ;;
    stackfaq)
      bash Benchmarks/setup-peers.sh
      py=Benchmarks/.venv/bin/python
      kb=$(mktemp -d /tmp/switchboard-answers.XXXXXX)
      mkdir -p "$kb/faqs" "$kb/eval"
      printf 'eval/\n' >"$kb/.switchboardignore"
      $py - "$data" "$kb" <<'PY'
import json, sys
data, kb = sys.argv[1], sys.argv[2]
def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]
with open(f"{kb}/faqs/stackfaq.jsonl", "w", encoding="utf-8") as o:
    for r in rows(f"{data}/faq_en_stackfaq/faq.jsonl"):
        o.write(json.dumps({"id": r["id"], "question": r["question"], "answer": r["answer"], "lang": "en"}) + "\n")
with open(f"{kb}/eval/questions.jsonl", "w", encoding="utf-8") as o:
    for r in rows(f"{data}/faq_en_stackfaq/queries_test.jsonl"):
        o.write(json.dumps({"question": r["text"], "expected_faq": r["faq_id"]}) + "\n")
with open(f"{kb}/eval/oos_questions.jsonl", "w", encoding="utf-8") as o:
    for r in rows(f"{data}/intent_en_clinc150/test.jsonl"):
        if r["label"] == "oos":
            o.write(json.dumps({"question": r["text"]}) + "\n")
PY
      echo "== StackFAQ as the only knowledge: 874 test queries in scope, CLINC150's 1,000 oos test texts out of scope"
      # One run: its lines are the report, and its FAQ line's hand-off rate sets the peer's threshold.
      ours=$("$bin" eval answers --knowledge "$kb")
      echo "$ours"
      rate=$(sed -n 's/^faq questions: .* handed off \([0-9.]*\).*/\1/p' <<<"$ours")
      $py Benchmarks/peers/answer_bm25s.py --faq "$kb/faqs/stackfaq.jsonl" --questions "$kb/eval/questions.jsonl" \
        --oos "$kb/eval/oos_questions.jsonl" --handoff-rate "$rate"
      rm -rf "$kb" ;;
    *) echo "eval-answers.sh: unknown set $set (knowledge, stackfaq)" >&2; exit 2 ;;
  esac
done
