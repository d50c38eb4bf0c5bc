#!/usr/bin/env bash
# Generates the web app's TypeScript message types (ts-proto) from proto/dmex/** into
# web/src/gen, offline: buf (scripts/proto-tools.sh) with the local plugin protoc-gen-ts_proto
# from web/node_modules (npm ci). The output is committed; scripts/web-check.sh shows it is current.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/proto-tools.sh
bash scripts/proto-deps.sh
[ -x web/node_modules/.bin/protoc-gen-ts_proto ] || (cd web && npm ci --no-audit --no-fund)
GOBIN_DIR="$(go env GOBIN)"
[ -n "$GOBIN_DIR" ] || GOBIN_DIR="$(go env GOPATH | cut -d: -f1)/bin"
export PATH="$ROOT/web/node_modules/.bin:$GOBIN_DIR:$PATH"
rm -rf web/src/gen
mkdir -p web/src/gen
buf generate --template web/buf.gen.ts.yaml
echo "web-protogen: $(find web/src/gen -name '*.ts' | wc -l) files in web/src/gen" >&2
