#!/usr/bin/env python3
"""Writes the parity golden file for the Swift BERT encoder (target Pretrained).

For every line of sentences.txt (200 fixed sentences, en/zh/mixed, varied lengths, a few longer
than the model's 256-token limit) it records the token ids and the sentence embedding computed by
sentence-transformers (mean pooling + L2 normalization, fp32, CPU) from the installed model folder.
PretrainedTests compares the Swift tokenizer's ids (must be identical) and embeddings (cosine
>= 0.9999) against this file.

Usage (after scripts/install-minilm.sh and Benchmarks/bert/setup.sh):
    HF_HUB_OFFLINE=1 Benchmarks/.venv-bert/bin/python Benchmarks/bert/make_golden.py \
        data/models/minilm-l6-v2 [--sentences Benchmarks/bert/sentences.txt] [--out Benchmarks/bert/golden.jsonl]

Output: JSON lines {"text", "ids", "embedding_f32le_base64"}; the embedding is the 384 float32
values, little-endian, base64 (exact and ~4x smaller than decimal text).
"""
import argparse
import base64
import json
import os
import sys

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
here = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("--sentences", default=os.path.join(here, "sentences.txt"))
    ap.add_argument("--out", default=os.path.join(here, "golden.jsonl"))
    args = ap.parse_args()

    import sentence_transformers
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    model = SentenceTransformer(args.model_dir, device="cpu")
    with open(args.sentences, encoding="utf-8") as f:
        texts = [line.rstrip("\n") for line in f if line.rstrip("\n")]
    ids = model.tokenizer(texts, truncation=True, max_length=model.max_seq_length)["input_ids"]
    emb = model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=False)
    emb = emb.astype("<f4")
    with open(args.out, "w", encoding="utf-8") as out:
        for text, tid, e in zip(texts, ids, emb):
            rec = {"text": text, "ids": list(map(int, tid)),
                   "embedding_f32le_base64": base64.b64encode(e.tobytes()).decode("ascii")}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    norms = np.linalg.norm(emb, axis=1)
    print(f"{len(texts)} sentences -> {args.out} (sentence-transformers {sentence_transformers.__version__}, "
          f"torch {torch.__version__}, max_seq_length {model.max_seq_length}, "
          f"longest {max(len(t) for t in ids)} tokens, norms {norms.min():.6f}..{norms.max():.6f})", file=sys.stderr)


if __name__ == "__main__":
    main()
