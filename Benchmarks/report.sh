#!/usr/bin/env bash
# Every quality and speed benchmark of the project in one run, then BENCHMARKS.md.
#   Benchmarks/report.sh            full settings, the figures the issues report (about 50 min on the shared 2-core machine)
#   Benchmarks/report.sh --quick    small settings, a smoke run (about 12 min; figures not comparable with the goals)
#   Benchmarks/report.sh --only faq,load    only these steps (the others keep their last raw output)
#   Benchmarks/report.sh --report-only      only regenerate BENCHMARKS.md from Benchmarks/out/
# Steps: faq faq_modes retrieval traditional typos vectors graph dialogue replies answers knowledge speed load schemathesis fuzz.
# Raw outputs land in Benchmarks/out/<step>.txt, with Benchmarks/out/steps.tsv (step, mode, exit code,
# seconds, command) and Benchmarks/out/machine.txt; Benchmarks/report.py turns them into BENCHMARKS.md.
# A failing step is recorded and the run goes on; its rows say so in the report.
set -uo pipefail
cd "$(dirname "$0")/.."

mode=full
only=""
report_only=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) mode=quick ;;
    --only) shift; only=${1:-} ;;
    --only=*) only=${1#--only=} ;;
    --report-only) report_only=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "report.sh: unknown argument $1 (use --quick, --only STEPS, --report-only)" >&2; exit 2 ;;
  esac
  shift
done

out=Benchmarks/out
mkdir -p "$out"
py=/usr/bin/python3; [[ -x $py ]] || py=python3   # report.py needs the standard library only

if [ "$report_only" = 1 ]; then
  exec "$py" Benchmarks/report.py --out "$out" --write BENCHMARKS.md
fi

data=../shared/data   # the benchmark scripts read the data sets from here too
if [ ! -f $data/README.md ]; then
  echo "report.sh: the evaluation data sets are not in $data (next to the repository: ../shared/data)" >&2
  exit 2
fi
if [ "$mode" = quick ]; then
  faq_split=dev; faq_max=300; vec_n=20000; graph_modes=bm25,hybrid; dialogue_sets="smp knowledge"
  replies_every=10; import_mb=5; search_chunks=10000; load_secs=3; soak_secs=60; st_examples=5; fuzz_cases=1000
else
  faq_split=test; faq_max=0; vec_n=100000; graph_modes=bm25,vector,hybrid; dialogue_sets="clinc smp chnsenticorp sst2 knowledge"
  replies_every=10; import_mb=50; search_chunks=100000; load_secs=15; soak_secs=300; st_examples=30; fuzz_cases=10000
  # CLINC150 over a pretrained encoder's vectors too, when one is installed (scripts/install-minilm.sh).
  [ -f "${ENCODER:-data/models/minilm-l6-v2}/config.json" ] && dialogue_sets="$dialogue_sets clinc-encoder clinc-static sst2-encoder"
fi

wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

# A fresh steps table for a whole run; --only replaces just its own steps' lines.
steps=$out/steps.tsv
if [ -z "$only" ] || [ ! -f "$steps" ]; then : >"$steps"; fi

step() { # step NAME LIMIT_SECONDS COMMAND   (runs COMMAND with bash, output into $out/NAME.txt)
  local name=$1 limit=$2 cmd=$3
  wanted "$name" || return 0
  echo "== $name: $cmd" >&2
  local t0 t1 rc pid watchdog secs
  t0=$(date +%s.%N)
  # Its own process group, so that a step that outlives its limit (a server that does not stop,
  # a hung peer) is stopped with everything it started and the run goes on.
  setsid bash -c "x() { echo \"\$ \$*\"; \"\$@\"; }
$cmd" >"$out/$name.txt" 2>&1 &
  pid=$!
  ( end=$((SECONDS + limit))
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge "$end" ]; then
        echo "report.sh: step $name still running after $limit s; stopped (TERM, then KILL after 10 s)" >>"$out/$name.txt"
        kill -TERM -- "-$pid" 2>/dev/null; sleep 10; kill -KILL -- "-$pid" 2>/dev/null
        break
      fi
      sleep 2
    done ) &
  watchdog=$!
  wait "$pid"; rc=$?
  wait "$watchdog"
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
  grep -v "^$name	" "$steps" >"$steps.tmp" 2>/dev/null; mv "$steps.tmp" "$steps"
  # With --only the other steps keep their lines, so each line says when and at which commit it ran.
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$mode" "$rc" "$secs" "$(date -u -d "@${t0%.*}" '+%Y-%m-%d %H:%M')" \
    "$commit" "$(tr '\n' ';' <<<"$cmd" | sed 's/;$//')" >>"$steps"
  echo "   exit $rc in $secs s" >&2
}

changed=$(git diff --name-only HEAD 2>/dev/null | cut -d/ -f1 | sort -u | tr '\n' ' ')
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)${changed:+ (uncommitted changes in: ${changed% })}"
# The machine, and what else was running when the run started.
{
  echo "mode: $mode"
  echo "started: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "loadavg_start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "cores: $(nproc)"
  echo "ram_kb: $(awk '/^MemTotal/ {print $2}' /proc/meminfo)"
  echo "os: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") (kernel $(uname -r))"
  echo "swift: $(swift --version 2>&1 | grep -m1 -o 'Swift version [^ ]*')"
  echo "blas_alternative: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
  echo "commit: $commit"
  [ -n "$only" ] && echo "only: $only"
  echo "busiest_processes_start: $(ps -eo pcpu=,comm= --sort=-pcpu | head -5 | awk '{printf "%s%s %s%%", (NR>1?", ":""), $2, $1}')"
} >"$out/machine.txt"

# The load average every 30 s while the benchmarks run (other engineers share the machine).
: >"$out/loadavg.txt"
( while sleep 30; do echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)" >>"$out/loadavg.txt"; done ) &
sampler=$!
trap 'kill $sampler 2>/dev/null' EXIT

echo "== build (swift build -c release)" >&2
if ! swift build -c release >"$out/build.txt" 2>&1; then
  echo "report.sh: the release build failed, see $out/build.txt" >&2
  exit 1
fi
bin=.build/release/switchboard   # what Benchmarks/eval-graph.sh runs too; a short path for the report
m=60   # a step's time limit is counted in minutes of this many seconds
max=""; [ "$faq_max" -gt 0 ] && max="--max-queries $faq_max"
sf=$data/faq_en_stackfaq
lq=$data/qmatch_zh_lcqmc

# FAQ retrieval: BM25 beside bm25s (the script), then every search mode on the issues' protocols.
step faq $((20 * m)) "bash Benchmarks/eval-faq.sh $faq_split"
step faq_modes $((40 * m)) "set -e
echo '== StackFAQ bare (FAQ question + answer), queries_test'
x $bin eval faq --faq $sf/faq.jsonl --queries $sf/queries_test.jsonl --mode bm25,vector,hybrid $max
echo '== StackFAQ grown (dev queries as similar questions), queries_test'
x $bin eval faq --faq $sf/faq.jsonl --queries $sf/queries_test.jsonl --similar $sf/queries_dev.jsonl --mode bm25,vector,hybrid $max
echo '== LCQMC test (dev pairs as training groups)'
x $bin eval faq --faq $lq/faq_test.jsonl --queries $lq/queries_test.jsonl --train-faq $lq/faq_dev.jsonl --train-queries $lq/queries_dev.jsonl --mode bm25,vector,hybrid $max"
step retrieval $((10 * m)) "bash Benchmarks/eval-retrieval.sh"
step traditional $((10 * m)) "bash Benchmarks/eval-traditional.sh"
step typos $((10 * m)) "bash Benchmarks/eval-typos.sh"
step vectors $((40 * m)) "bash Benchmarks/bench-vectors.sh $vec_n"
step graph $((20 * m)) "bash Benchmarks/eval-graph.sh $graph_modes"
step dialogue $((40 * m)) "bash Benchmarks/eval-dialogue.sh $dialogue_sets"
step replies $((10 * m)) "bash Benchmarks/eval-replies.sh $replies_every"
step answers $((10 * m)) "bash Benchmarks/eval-answers.sh knowledge stackfaq"
# The default knowledge: import, training times of the three models, the graph's build times.
step knowledge $((10 * m)) "set -e; d=\$(mktemp -d /tmp/switchboard-report.XXXXXX); trap 'rm -rf \$d' EXIT
x $bin import Knowledge --data \$d
x $bin train --force --json --data \$d
x $bin graph stats --data \$d"
step speed $((40 * m)) "set -e
x $bin bench import --mb $import_mb
x $bin bench search --chunks $search_chunks
x env OPENBLAS_NUM_THREADS=1 $bin bench gemm
x $bin bench answer --rounds 4"
step load $((6 * load_secs + soak_secs + 10 * m)) "bash Benchmarks/load.sh $load_secs $soak_secs"
step schemathesis $((25 * m)) "bash Benchmarks/schemathesis.sh $st_examples"
step fuzz $((20 * m)) "set -e; f=\$(mktemp -d /tmp/switchboard-fuzz.XXXXXX); trap 'rm -rf \$f' EXIT
x $bin bench fuzz --cases $fuzz_cases --seed 1 --timeout 2 --out \$f"

kill $sampler 2>/dev/null
{
  echo "finished: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "loadavg_end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$out/machine.txt"

"$py" Benchmarks/report.py --out "$out" --write BENCHMARKS.md
