#!/usr/bin/env bash
# Creates (or refreshes) the project-local virtualenv <repo>/.venv with the pinned moto server.
# Idempotent: does nothing when the installed requirements already match.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
venv="$root/.venv"
stamp="$venv/.doorstep-requirements"
python=${PYTHON:-python3}
if [ -x "$venv/bin/moto_server" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$here/requirements.txt"; then
  exit 0
fi
command -v "$python" >/dev/null || { echo "moto-venv: python3 is required for the test emulator (moto)" >&2; exit 1; }
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
cp "$here/requirements.txt" "$stamp"
echo "moto-venv: installed $(grep -v '^#' "$here/requirements.txt" | tr '\n' ' ')into $venv" >&2
