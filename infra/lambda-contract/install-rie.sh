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
# Any Go >= 1.21 will do: GOTOOLCHAIN=auto fetches the toolchain the module asks for (go 1.26.6)
# from the same proxy. Without one, that toolchain is fetched directly (it is a module on the proxy).
go=$(command -v go || true)
for c in /usr/local/go/bin/go /usr/lib/go/bin/go; do [ -z "$go" ] && [ -x "$c" ] && go=$c; done
if [ -z "$go" ]; then
  toolchain=v0.0.1-go1.26.6.linux-$(uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')
  gohome="$root/.local/go/$toolchain"
  if [ ! -x "$gohome/bin/go" ]; then
    mkdir -p "$gohome"
    python3 - "$toolchain" "$gohome" <<'PY'
import io, os, sys, urllib.request, zipfile
version, into = sys.argv[1], sys.argv[2]
proxy = os.environ.get("GOPROXY", "https://proxy.golang.org").split(",")[0]
data = urllib.request.urlopen(f"{proxy}/golang.org/toolchain/@v/{version}.zip").read()
prefix = f"golang.org/toolchain@{version}/"
with zipfile.ZipFile(io.BytesIO(data)) as z:
    for info in z.infolist():
        name = info.filename[len(prefix):]
        if not name or info.is_dir():
            continue
        target = os.path.join(into, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(z.read(info))
        os.chmod(target, (info.external_attr >> 16) or 0o644)
PY
  fi
  go="$gohome/bin/go"
fi
mkdir -p "$dest"
GOTOOLCHAIN=${GOTOOLCHAIN:-auto} GOFLAGS=-mod=mod GOBIN="$dest" \
  "$go" install "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@$version"
echo "install-rie: built aws-lambda-rie $version into $dest" >&2
