#!/usr/bin/env bash
# Create the peer matcher's own virtualenv (benchmarks/.peer-venv) from the pinned
# benchmarks/peer-requirements.txt. Idempotent: nothing is installed again while the
# requirements file is unchanged. Usage: benchmarks/peer/setup.sh [PYTHON]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$here/.peer-venv"
requirements="$here/peer-requirements.txt"
python="${1:-python3.11}"
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    echo "peer venv up to date: $venv"
    exit 0
fi
if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --no-deps -r "$requirements"
"$venv/bin/python" -m pip check
"$venv/bin/python" -c "import nomenklatura.matching as m; print('nomenklatura', m.LogicV2.NAME, 'ready')"
echo "$wanted" > "$stamp"
