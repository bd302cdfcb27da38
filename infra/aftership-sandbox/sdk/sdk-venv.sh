#!/usr/bin/env bash
# Creates (or refreshes) infra/aftership-sandbox/sdk/.venv with AfterShip's official Python SDK, pinned in
# requirements.txt, for SandboxPythonSdkTest. PyPI only; idempotent.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
venv="$here/.venv"
stamp="$venv/.doorstep-requirements"
python=${PYTHON:-python3}
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$here/requirements.txt"; then
  exit 0
fi
command -v "$python" >/dev/null || { echo "sdk-venv: python3 is required for the AfterShip SDK check" >&2; exit 1; }
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
cp "$here/requirements.txt" "$stamp"
echo "sdk-venv: installed $(tr '\n' ' ' < "$here/requirements.txt")into $venv" >&2
