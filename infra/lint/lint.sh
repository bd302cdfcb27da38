#!/usr/bin/env bash
# Lints template.yaml the way CI does: sam validate --lint, cfn-lint, the checks on the SAM-translated
# template (stack_cycles.py: no circular dependency; stream_readers.py: at most two readers per
# DynamoDB stream; after their own tests), then checkov.
# Installs the pinned tools into infra/lint/.venv-sam and infra/lint/.venv-checkov on first use
# (PyPI only; nothing system-wide). Needs no AWS credentials.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
python=${PYTHON:-python3}
template="$root/template.yaml"

# venv DIR REQUIREMENTS: (re)creates DIR when the pinned requirements changed.
venv() {
  local dir=$1 requirements=$2 stamp="$1/.doorstep-requirements"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$requirements"; then return 0; fi
  command -v "$python" >/dev/null || { echo "lint: python3 is required for the template linters" >&2; exit 1; }
  rm -rf "$dir"
  "$python" -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
  echo "lint: installed $(grep -v '^#' "$requirements" | tr '\n' ' ')into $dir" >&2
}
venv "$here/.venv-sam" "$here/requirements.txt"
venv "$here/.venv-checkov" "$here/requirements-checkov.txt"
[ "${1:-}" = "--install-only" ] && exit 0

export SAM_CLI_TELEMETRY=0
# A region is all sam validate --lint needs (it never calls AWS); the dummy credentials make sure
# no machine's real ones are ever picked up.
export AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=lint AWS_SECRET_ACCESS_KEY=lint
unset AWS_PROFILE AWS_SESSION_TOKEN

echo "lint: sam validate --lint"
"$here/.venv-sam/bin/sam" validate --lint --region us-east-1 -t "$template"
echo "lint: cfn-lint"
"$here/.venv-sam/bin/cfn-lint" "$template"
# cfn-lint on template.yaml skips cycles through AWS::Serverless::* resources; CloudFormation sees the
# translated template, so check that, for every combination of the Conditions.
echo "lint: stack_cycles.py and stream_readers.py tests"
"$here/.venv-sam/bin/python" -m unittest discover -s "$here" -p 'test_*.py'
echo "lint: stack_cycles.py (SAM-translated template: cycles and cfn-lint, per Conditions outcome)"
"$here/.venv-sam/bin/python" "$here/stack_cycles.py" "$template"
# DynamoDB Streams throttles more than two readers per shard (event source mappings and pipes).
echo "lint: stream_readers.py (SAM-translated template: readers per DynamoDB stream)"
"$here/.venv-sam/bin/python" "$here/stream_readers.py" "$template"
echo "lint: checkov"
"$here/.venv-checkov/bin/checkov" --config-file "$here/checkov.yaml" -f "$template"
echo "lint: template.yaml passed sam validate --lint, cfn-lint, stack_cycles.py, stream_readers.py and checkov"
