#!/usr/bin/env bash
# Copies the third-party .proto files imported (transitively) by proto/ into
# third_party/proto/, taken from the Go module cache at the versions pinned in
# go.mod (replace directives are honoured). Nothing is fetched from buf.build.
#
# Sources (searched in this order for each import):
#   github.com/cosmos/cosmos-sdk            proto/        (cosmos/*, amino/*)
#   github.com/cosmos/cosmos-proto          proto/        (cosmos_proto/*)
#   github.com/cosmos/gogoproto             ./            (gogoproto/*)
#   github.com/grpc-ecosystem/grpc-gateway  third_party/googleapis/  (google/api/*)
# google/protobuf/* (well-known types) are built into buf and never copied.
#
# third_party/ is git-ignored and rebuilt from scratch on every run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/third_party/proto"
OWN="$ROOT/proto"

# Files always provided, whether or not proto/ imports them today.
BASELINE=(
  gogoproto/gogo.proto
  cosmos_proto/cosmos.proto
  cosmos/msg/v1/msg.proto
  amino/amino.proto
  cosmos/base/v1beta1/coin.proto
  google/api/annotations.proto
  google/api/http.proto
)

# Used only if go.mod does not mention the module at all.
GRPC_GATEWAY_FALLBACK_VERSION="v1.16.0"

log() { echo "proto-deps: $*" >&2; }
die() { echo "proto-deps: ERROR: $*" >&2; exit 1; }

# gomod_resolve <module path>: prints "<path> <version>" (module to download) or
# "dir <absolute dir>" (local replace) for <module> as selected by go.mod.
gomod_resolve() {
  awk -v mod="$1" -v root="$ROOT" '
    { sub(/\/\/.*/, "") }
    /^require[ \t]*\(/ { blk = "req"; next }
    /^replace[ \t]*\(/ { blk = "rep"; next }
    blk != "" && /^\)/ { blk = ""; next }
    NF > 0 {
      kind = blk; s = 1
      if ($1 == "require") { kind = "req"; s = 2 }
      if ($1 == "replace") { kind = "rep"; s = 2 }
      if ($s != mod) next
      if (kind == "req") req = $(s + 1)
      if (kind == "rep") {
        # "mod => target [ver]" or "mod ver => target [ver]"
        if ($(s + 1) == "=>") { anyt = $(s + 2); anyv = $(s + 3) }
        else if ($(s + 2) == "=>") { vt[$(s + 1)] = $(s + 3); vv[$(s + 1)] = $(s + 4) }
      }
    }
    END {
      if (req == "") exit
      tgt = ""; ver = ""
      if (req in vt) { tgt = vt[req]; ver = vv[req] }
      else if (anyt != "") { tgt = anyt; ver = anyv }
      if (tgt == "") { print mod, req; exit }
      if (tgt ~ /^(\.|\/)/) {
        if (tgt !~ /^\//) tgt = root "/" tgt
        print "dir", tgt
      } else print tgt, ver
    }
  ' "$ROOT/go.mod"
}

# module_dir <module path> [fallback version]: local directory of the module.
module_dir() {
  local mod="$1" fallback="${2:-}" res path ver json dir
  res="$(gomod_resolve "$mod")"
  if [ -z "$res" ]; then
    [ -n "$fallback" ] || die "$mod is not required in go.mod"
    res="$mod $fallback"
  fi
  path="${res%% *}"
  ver="${res#* }"
  if [ "$path" = "dir" ]; then
    [ -d "$ver" ] || die "replace target $ver for $mod does not exist"
    echo "$ver"
    return
  fi
  # Run outside this module so go.mod/go.sum are never touched.
  json="$(cd "$TMP" && GOWORK=off GOFLAGS='' go mod download -json "$path@$ver")" ||
    die "go mod download $path@$ver failed: $json"
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n1)"
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    die "could not locate $path@$ver in the module cache: $json"
  fi
  echo "$dir"
}

# imports_of <file>: the import paths declared in a .proto file.
imports_of() {
  sed -nE 's/^[[:space:]]*import[[:space:]]+((public|weak)[[:space:]]+)?"([^"]+)"[[:space:]]*;.*/\3/p' "$1"
}

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

SDK_DIR="$(module_dir github.com/cosmos/cosmos-sdk)"
COSMOS_PROTO_DIR="$(module_dir github.com/cosmos/cosmos-proto)"
GOGOPROTO_DIR="$(module_dir github.com/cosmos/gogoproto)"
GRPC_GATEWAY_DIR="$(module_dir github.com/grpc-ecosystem/grpc-gateway "$GRPC_GATEWAY_FALLBACK_VERSION")"

SEARCH_ROOTS=(
  "$SDK_DIR/proto"
  "$COSMOS_PROTO_DIR/proto"
  "$GOGOPROTO_DIR"
  "$GRPC_GATEWAY_DIR/third_party/googleapis"
)
for r in "${SEARCH_ROOTS[@]}"; do
  [ -d "$r" ] || die "expected proto root $r does not exist"
done

# Fresh output every run (module cache files are read-only, hence chmod).
if [ -d "$ROOT/third_party/proto" ]; then
  chmod -R u+w "$ROOT/third_party/proto"
  rm -rf "$ROOT/third_party/proto"
fi
mkdir -p "$OUT"

# Work list: baseline + every import of our own protos, then transitive closure.
queue=("${BASELINE[@]}")
if [ -d "$OWN" ]; then
  while IFS= read -r -d '' f; do
    while IFS= read -r imp; do queue+=("$imp"); done < <(imports_of "$f")
  done < <(find "$OWN" -name '*.proto' -print0)
fi

copied=0
i=0
while [ "$i" -lt "${#queue[@]}" ]; do
  imp="${queue[$i]}"
  i=$((i + 1))
  case "$imp" in
    google/protobuf/*) continue ;; # well-known types ship with buf
  esac
  [ -f "$OWN/$imp" ] && continue # one of ours
  [ -f "$OUT/$imp" ] && continue # already copied
  src=""
  for r in "${SEARCH_ROOTS[@]}"; do
    if [ -f "$r/$imp" ]; then src="$r/$imp"; break; fi
  done
  [ -n "$src" ] || die "cannot find imported file \"$imp\" in any of: ${SEARCH_ROOTS[*]}"
  mkdir -p "$(dirname "$OUT/$imp")"
  cp "$src" "$OUT/$imp"
  chmod 0644 "$OUT/$imp"
  copied=$((copied + 1))
  while IFS= read -r dep; do queue+=("$dep"); done < <(imports_of "$src")
done

log "copied $copied files into ${OUT#"$ROOT"/}"
