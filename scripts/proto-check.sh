#!/usr/bin/env bash
# Regenerates the protobuf Go code and fails if it differs from what is
# committed: modified, deleted or new (untracked) *.pb.go / *.pb.gw.go files and the OpenAPI
# file client/openapi/dmex.swagger.json.
# Intended for CI and pre-commit use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

git rev-parse --is-inside-work-tree >/dev/null 2>&1 || {
  echo "proto-check: ERROR: $ROOT is not a git work tree" >&2
  exit 2
}

bash "$ROOT/scripts/protocgen.sh"

# Only generated files are compared (git pathspec '*' also matches '/', so this
# covers x/<module>/types/ at any depth); unrelated work in progress under x/
# does not trip the check. -uall lists new files inside untracked directories.
PATHSPECS=('*.pb.go' '*.pb.gw.go' 'client/openapi/dmex.swagger.json')
status="$(git status --porcelain --untracked-files=all -- "${PATHSPECS[@]}")"

if [ -n "$status" ]; then
  {
    echo
    echo "proto-check: FAILED - generated protobuf code is out of date with proto/."
    echo "Run 'bash scripts/protocgen.sh' and commit the result."
    echo
    echo "git status --porcelain:"
    printf '%s\n' "$status"
    echo
    echo "git diff --stat:"
    git --no-pager diff --stat -- "${PATHSPECS[@]}"
  } >&2
  exit 1
fi

echo "proto-check: OK - generated protobuf code is up to date." >&2
