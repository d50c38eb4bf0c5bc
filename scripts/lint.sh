#!/usr/bin/env bash
# Runs golangci-lint with the repository's .golangci.yml, installing the pinned version first.
#
#   golangci-lint  github.com/golangci/golangci-lint/v2/cmd/golangci-lint  $GOLANGCI_LINT_VERSION
#
# As scripts/proto-tools.sh does for the protobuf tools, the binary goes to $(go env GOBIN), or
# $(go env GOPATH)/bin when GOBIN is unset, and is (re)installed only when it is missing or was
# built from another version (checked with `go version -m`). Arguments are passed to
# `golangci-lint run` (default: ./...), e.g. `bash scripts/lint.sh ./x/dmc/...`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export GOFLAGS=-buildvcs=false

# ---- pinned version ---------------------------------------------------------
# v2.15.0 builds with Go 1.26 (checked with go1.26.8).
GOLANGCI_LINT_VERSION="v2.15.0"
# -----------------------------------------------------------------------------
MOD=github.com/golangci/golangci-lint/v2
PKG=$MOD/cmd/golangci-lint

GOBIN_DIR="$(go env GOBIN)"
if [ -z "$GOBIN_DIR" ]; then
  GOBIN_DIR="$(go env GOPATH | cut -d: -f1)/bin"
fi
EXE="$GOBIN_DIR/golangci-lint"

pinned() {
  [ -x "$EXE" ] &&
    go version -m "$EXE" 2>/dev/null |
      awk -v m="$MOD" -v v="$GOLANGCI_LINT_VERSION" '$1 == "mod" && $2 == m && $3 == v { ok = 1 } END { exit !ok }'
}

if ! pinned; then
  echo "lint: installing $PKG@$GOLANGCI_LINT_VERSION -> $GOBIN_DIR" >&2
  # GOWORK=off, run from /: `go install pkg@version` uses the tool's own module graph.
  (cd / && GOWORK=off go install "$PKG@$GOLANGCI_LINT_VERSION")
  pinned || { echo "lint: ERROR: $EXE is not $MOD@$GOLANGCI_LINT_VERSION after install" >&2; exit 1; }
fi

# A misspelled setting is refused here rather than silently ignored by `run`.
"$EXE" config verify
[ $# -gt 0 ] || set -- ./...
exec "$EXE" run "$@"
