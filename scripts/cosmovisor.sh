#!/usr/bin/env bash
# Builds cosmovisor into the build directory (default build/cosmovisor), for operators and for the
# upgrade end-to-end test (tests/e2e/upgrade_test.go), with no manual step.
#
#   cosmovisor  cosmossdk.io/tools/cosmovisor/cmd/cosmovisor  $COSMOVISOR_VERSION
#
# The module proxy serves v1.5.0 (later versions are refused), so that is the pinned version. It
# is built in a throw-away module in a temporary directory, so the chain's go.mod and its replace
# lines play no part. The binary is rebuilt only when it is missing or was built from another
# version (checked with `go version -m`); the first build takes about 6 minutes.
#
#   bash scripts/cosmovisor.sh            # -> build/cosmovisor
#   BUILD_DIR=/somewhere bash scripts/cosmovisor.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
export GOFLAGS=-buildvcs=false

# ---- pinned version ---------------------------------------------------------
COSMOVISOR_VERSION="v1.5.0"
# -----------------------------------------------------------------------------
MOD=cosmossdk.io/tools/cosmovisor
PKG=$MOD/cmd/cosmovisor
EXE="$BUILD_DIR/cosmovisor"

if [ -x "$EXE" ] && go version -m "$EXE" 2>/dev/null | awk -v m="$MOD" -v v="$COSMOVISOR_VERSION" '$1 == "mod" && $2 == m && $3 == v { ok = 1 } END { exit !ok }'; then
  echo "cosmovisor $COSMOVISOR_VERSION: $EXE" >&2
  exit 0
fi

mkdir -p "$BUILD_DIR"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo "building cosmovisor $COSMOVISOR_VERSION into $EXE (takes a few minutes the first time)" >&2
(
  cd "$TMP"
  go mod init cosmovisor-build >/dev/null 2>&1
  go get "$MOD@$COSMOVISOR_VERSION" >&2
  go build -o "$EXE.tmp" "$PKG"
)
mv "$EXE.tmp" "$EXE"
echo "cosmovisor $COSMOVISOR_VERSION: $EXE" >&2
