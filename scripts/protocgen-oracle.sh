#!/usr/bin/env bash
# Generates only x/oracle's Go code from proto/dmex/oracle (same tools and template as
# protocgen.sh, without touching other modules' generated files).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/proto-tools.sh
bash scripts/proto-deps.sh
export PATH="$(go env GOPATH | cut -d: -f1)/bin:$PATH"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
buf generate --template buf.gen.gogo.yaml --output "$OUT" --path proto/dmex/oracle
rm -f x/oracle/types/*.pb.go x/oracle/types/*.pb.gw.go
mv "$OUT"/github.com/dmexchain/dmex/x/oracle/types/* x/oracle/types/
