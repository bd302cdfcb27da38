#!/usr/bin/env bash
# Builds the AWS Lambda Runtime Interface Emulator (aws-lambda-rie) from the Go module proxy into
# <repo>/.local/rie/<version>/aws-lambda-rie. Idempotent: does nothing when the pinned version is built.
# The contract suite (infra/lambda-contract) and `infra/bin/doorstep invoke` run every function behind it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# The proxy serves no tagged release of the module; this pseudo-version is its 2026-10-30 main.
version=v0.0.0-20261030222936-bef5c4ba774d
dest="$root/.local/rie/$version"
if [ -x "$dest/aws-lambda-rie" ]; then
  exit 0
fi
go=$(command -v go || true)
for c in /usr/local/go/bin/go /usr/lib/go/bin/go; do [ -z "$go" ] && [ -x "$c" ] && go=$c; done
if [ -z "$go" ]; then
  # A fresh CI machine: Debian's Go; GOTOOLCHAIN=auto fetches the newer toolchain the module asks for
  # from the same Go module proxy.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq golang-go >/dev/null
    go=$(command -v go)
  else
    echo "install-rie: Go is needed to build aws-lambda-rie (https://go.dev/dl/)" >&2
    exit 1
  fi
fi
mkdir -p "$dest"
GOTOOLCHAIN=${GOTOOLCHAIN:-auto} GOFLAGS=-mod=mod GOBIN="$dest" \
  "$go" install "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@$version"
echo "install-rie: built aws-lambda-rie $version into $dest" >&2
