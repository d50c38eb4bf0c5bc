#!/usr/bin/env bash
# Checks that the committed web/src/gen (ts-proto types) is what scripts/web-protogen.sh generates
# from proto/, and that the app type-checks, builds and passes its unit tests (web/test, node --test). web/dist is not committed: `make web`
# builds it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/web.sh >/dev/null
bash scripts/web-protogen.sh
if [ -n "$(git status --porcelain -- web/src/gen)" ]; then
  git status --short -- web/src/gen >&2
  echo "web-check: web/src/gen is not what scripts/web-protogen.sh generates: run make web-gen and commit" >&2
  exit 1
fi
(cd web && npx --no-install tsc --noEmit -p . && npm test --silent)
echo "web-check: web/src/gen is current; the app type-checks, builds and passes its unit tests"
