#!/usr/bin/env bash
# Installs the protobuf code generation tools at pinned versions with `go install`.
#
#   buf                      github.com/bufbuild/buf/cmd/buf                            $BUF_VERSION
#   protoc-gen-gocosmos      github.com/cosmos/gogoproto/protoc-gen-gocosmos             gogoproto version from go.mod
#   protoc-gen-grpc-gateway  github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway  $GRPC_GATEWAY_VERSION
#   protoc-gen-swagger       github.com/grpc-ecosystem/grpc-gateway/protoc-gen-swagger       $GRPC_GATEWAY_VERSION
#
# Binaries go to $(go env GOBIN), or $(go env GOPATH)/bin when GOBIN is unset.
# A tool is only (re)installed when the binary is missing or was built from a
# different module version (checked with `go version -m`), so re-runs are fast.
#
# Prints nothing but progress on stderr; safe to run repeatedly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# ---- pinned versions --------------------------------------------------------
BUF_VERSION="v1.50.0"
GRPC_GATEWAY_VERSION="v1.16.0"
# protoc-gen-gocosmos must match the gogoproto runtime the chain links against,
# so it is pinned by go.mod (fallback only used if go.mod lacks the module).
GOGOPROTO_FALLBACK_VERSION="v1.7.2"
# -----------------------------------------------------------------------------

# gomod_version <module path>: version required for <module> in go.mod (no network).
gomod_version() {
  awk -v mod="$1" '
    { sub(/\/\/.*/, "") }
    /^require[ \t]*\(/ { blk = 1; next }
    blk && /^\)/       { blk = 0; next }
    blk && $1 == mod   { print $2; exit }
    /^require[ \t]/ && $2 == mod { print $3; exit }
  ' "$ROOT/go.mod"
}

GOGOPROTO_VERSION="$(gomod_version github.com/cosmos/gogoproto)"
GOGOPROTO_VERSION="${GOGOPROTO_VERSION:-$GOGOPROTO_FALLBACK_VERSION}"

GOBIN_DIR="$(go env GOBIN)"
if [ -z "$GOBIN_DIR" ]; then
  GOBIN_DIR="$(go env GOPATH | cut -d: -f1)/bin"
fi

# ensure_tool <binary name> <module path> <package path> <version>
ensure_tool() {
  local bin="$1" mod="$2" pkg="$3" ver="$4"
  local exe="$GOBIN_DIR/$bin"
  if [ -x "$exe" ] &&
    go version -m "$exe" 2>/dev/null | awk -v m="$mod" -v v="$ver" '$1 == "mod" && $2 == m && $3 == v { ok = 1 } END { exit !ok }'; then
    return 0
  fi
  echo "proto-tools: installing $pkg@$ver -> $GOBIN_DIR" >&2
  # GOWORK=off / GOFLAGS without -mod: `go install pkg@version` must use the
  # tool's own module graph, never this repository's go.mod.
  (cd / && GOWORK=off GOFLAGS=-buildvcs=false go install "$pkg@$ver")
  if ! go version -m "$exe" 2>/dev/null | awk -v m="$mod" -v v="$ver" '$1 == "mod" && $2 == m && $3 == v { ok = 1 } END { exit !ok }'; then
    echo "proto-tools: ERROR: $exe is not $mod@$ver after install (is GOBIN/GOPATH writable?)" >&2
    exit 1
  fi
}

ensure_tool buf github.com/bufbuild/buf github.com/bufbuild/buf/cmd/buf "$BUF_VERSION"
ensure_tool protoc-gen-gocosmos github.com/cosmos/gogoproto github.com/cosmos/gogoproto/protoc-gen-gocosmos "$GOGOPROTO_VERSION"
ensure_tool protoc-gen-grpc-gateway github.com/grpc-ecosystem/grpc-gateway github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway "$GRPC_GATEWAY_VERSION"
ensure_tool protoc-gen-swagger github.com/grpc-ecosystem/grpc-gateway github.com/grpc-ecosystem/grpc-gateway/protoc-gen-swagger "$GRPC_GATEWAY_VERSION"
