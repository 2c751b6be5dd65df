#!/usr/bin/env bash
# Intent and sentiment quality of Switchboard beside scikit-learn peers, same data, same run.
# Usage: Benchmarks/eval-dialogue.sh [clinc|smp|chnsenticorp|sst2|knowledge|knowledge-cv|smp-cv|clinc-encoder|clinc-static|sst2-encoder ...]
# (default: the first five; the last three need a pretrained encoder in $ENCODER, default
# data/models/minilm-l6-v2 from scripts/install-minilm.sh: clinc-encoder takes ~10 minutes,
# clinc-static ~2, sst2-encoder ~1)
# Needs a release build (swift build -c release). Ours runs through
#   switchboard eval intents|sentiment --train T.jsonl --test S.jsonl --config Models/X.json
# (DialogueEval in Sources/Dialogue); set DIALOGUE_EVAL=/path/to/dialogue-eval to use the
# stand-alone tool instead (positional: task train test config).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
sets=${*:-clinc smp chnsenticorp sst2 knowledge}
bash Benchmarks/setup-peers.sh
py=Benchmarks/.venv/bin/python
peer=Benchmarks/peers/intent_sentiment_peer.py

ours() {   # task train test config [switchboard eval options]
  if [ -n "${DIALOGUE_EVAL:-}" ]; then
    [ $# -gt 4 ] && { echo "DIALOGUE_EVAL takes no encoder options" >&2; exit 2; }
    "$DIALOGUE_EVAL" "$1" "$2" "$3" "$4"
  else
    "$(swift build -c release --show-bin-path)/switchboard" eval "$1" --train "$2" --test "$3" --config "$4" "${@:5}"
  fi
}

for s in $sets; do
  case $s in
    clinc)
      echo "== CLINC150 (English intents + out-of-scope), train -> test"
      ours intents $data/intent_en_clinc150/train.jsonl $data/intent_en_clinc150/test.jsonl Models/intent.json
      $py $peer intents --train $data/intent_en_clinc150/train.jsonl --test $data/intent_en_clinc150/test.jsonl --lang en ;;
    smp)
      echo "== SMP2019 ECDT (Chinese intents), train -> test"
      ours intents $data/intent_zh_smp2019/train.jsonl $data/intent_zh_smp2019/test.jsonl Models/intent.json
      $py $peer intents --train $data/intent_zh_smp2019/train.jsonl --test $data/intent_zh_smp2019/test.jsonl --lang zh --C 100 ;;
    chnsenticorp)
      echo "== ChnSentiCorp (Chinese sentiment), train -> dev"
      ours sentiment $data/sentiment_zh_chnsenticorp/train.jsonl $data/sentiment_zh_chnsenticorp/dev.jsonl Models/sentiment.json
      $py $peer sentiment --train $data/sentiment_zh_chnsenticorp/train.jsonl --test $data/sentiment_zh_chnsenticorp/dev.jsonl --lang zh ;;
    sst2)
      echo "== SST-2 (English sentiment), train -> test"
      ours sentiment $data/sentiment_en_sst2/train.jsonl $data/sentiment_en_sst2/test.jsonl Models/sentiment.json
      $py $peer sentiment --train $data/sentiment_en_sst2/train.jsonl --test $data/sentiment_en_sst2/test.jsonl --lang en ;;
    knowledge)
      echo "== Default knowledge (zh + en): Knowledge/intents -> Knowledge/eval/intents"
      ours intents Knowledge/intents/intents.jsonl Knowledge/eval/intents.jsonl Models/intent.json
      $py $peer intents --train Knowledge/intents/intents.jsonl --test Knowledge/eval/intents.jsonl --lang zh
      echo "== Default knowledge: Knowledge/sentiment -> Knowledge/eval/sentiment"
      ours sentiment Knowledge/sentiment/sentiment.jsonl Knowledge/eval/sentiment.jsonl Models/sentiment.json
      $py $peer sentiment --train Knowledge/sentiment/sentiment.jsonl --test Knowledge/eval/sentiment.jsonl --lang zh ;;
    knowledge-cv|smp-cv)
      # 5-fold cross-validation on the training file alone (more texts to judge by than a small
      # test set): ours as shipped, ours with the minibatch solver (the baseline), and the peer.
      # The peer's C as in the train -> test rows above (100 for SMP2019, its default 10 otherwise).
      if [ $s = knowledge-cv ]; then src=Knowledge/intents/intents.jsonl; peer_c=10; else src=$data/intent_zh_smp2019/train.jsonl; peer_c=100; fi
      echo "== 5-fold cross-validation of intents on $src (top-1)"
      folds=$(mktemp -d)
      $py Benchmarks/peers/cv_folds.py split "$src" "$folds" 5
      sed 's/"solver": "auto"/"solver": "adam"/' Models/intent.json > "$folds/adam.json"
      for run in "shipped:Models/intent.json" "solver adam:$folds/adam.json"; do
        for f in 0 1 2 3 4; do ours intents "$folds/train$f.jsonl" "$folds/test$f.jsonl" "${run#*:}" | head -1; done \
          | $py Benchmarks/peers/cv_folds.py mean "ours, ${run%%:*}" 'top-1 ([0-9.]+)'
      done
      for f in 0 1 2 3 4; do $py $peer intents --train "$folds/train$f.jsonl" --test "$folds/test$f.jsonl" --lang zh --C $peer_c; done \
        | $py Benchmarks/peers/cv_folds.py mean "peer sklearn TF-IDF+LogisticRegression" 'accuracy ([0-9.]+)'
      rm -rf "$folds" ;;
    clinc-encoder)
      enc=${ENCODER:-data/models/minilm-l6-v2}
      bin="$(swift build -c release --show-bin-path)/switchboard"
      c=$data/intent_en_clinc150
      echo "== CLINC150 with the pretrained encoder's vectors ($enc, dense_weight 2), train -> test"
      "$bin" eval intents --train $c/train.jsonl --test $c/test.jsonl --config Models/intent.json --encoder "$enc" --dense-weight 2
      vec=$(mktemp -d)
      "$bin" bench encoder --model "$enc" --sentences $c/train.jsonl --embed-to "$vec/train.f32"
      "$bin" bench encoder --model "$enc" --sentences $c/test.jsonl --embed-to "$vec/test.f32"
      $py Benchmarks/peers/dense_intent_peer.py --train $c/train.jsonl --train-vectors "$vec/train.f32" --test $c/test.jsonl --test-vectors "$vec/test.f32"
      rm -rf "$vec" ;;
    clinc-static)
      enc=${ENCODER:-data/models/minilm-l6-v2}
      c=$data/intent_en_clinc150
      echo "== CLINC150 with the pretrained encoder's static word-piece vectors ($enc, dense_weight 2), train -> test"
      ours intents $c/train.jsonl $c/test.jsonl Models/intent.json --encoder "$enc" --dense-weight 2 --dense-vectors static
      $py $peer intents --train $c/train.jsonl --test $c/test.jsonl --lang en ;;
    sst2-encoder)
      enc=${ENCODER:-data/models/minilm-l6-v2}
      e=$data/sentiment_en_sst2
      echo "== SST-2 with the pretrained encoder's vectors ($enc, dense_weight 1), train -> test"
      ours sentiment $e/train.jsonl $e/test.jsonl Models/sentiment.json --encoder "$enc" --dense-weight 1
      $py $peer sentiment --train $e/train.jsonl --test $e/test.jsonl --lang en ;;
    *) echo "unknown set $s" >&2; exit 2 ;;
  esac
done
