#!/usr/bin/env bash
# Runs every Go native fuzz target of the repository (func FuzzX in a *_fuzz_test.go file), one
# after the other (`go test -fuzz` takes one target per run), each for $FUZZTIME (default 60s),
# and prints the executions each one reached. New failing inputs are written by go test to the
# package's testdata/fuzz/FuzzX/; commit them with the fix as the regression seed.
#
#   bash scripts/fuzz.sh                     # every target, 60 s each
#   FUZZTIME=10s bash scripts/fuzz.sh        # shorter
#   FUZZTIME=300x bash scripts/fuzz.sh       # 300 executions each (.ci/run: a duration races its own
#                                            # deadline in go1.26, go.dev/issue/75804)
#   bash scripts/fuzz.sh FuzzQueue FuzzFills # only these targets
#
# FUZZPARALLEL sets go test's -parallel (fuzzing workers; default GOMAXPROCS). FUZZMINIMIZETIME
# (default 5s) bounds the minimization of each new input (go test's default, 60 s, would eat a
# short run; executions spent minimizing are not counted).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export GOFLAGS=-buildvcs=false
FUZZTIME="${FUZZTIME:-60s}"
FUZZMINIMIZETIME="${FUZZMINIMIZETIME:-5s}"
PARALLEL=()
if [[ -n "${FUZZPARALLEL:-}" ]]; then PARALLEL=(-parallel "$FUZZPARALLEL"); fi

# "dir name" for every target, in the files' order.
mapfile -t TARGETS < <(grep -rHo --include='*_fuzz_test.go' -E '^func Fuzz[A-Za-z0-9_]+\(' . \
  | sed -E 's#^\./(.*)/[^/]*:func (Fuzz[A-Za-z0-9_]+)\($#\1 \2#' | sort)
if [[ $# -gt 0 ]]; then
  want=" $* "
  filtered=()
  for t in "${TARGETS[@]}"; do [[ "$want" == *" ${t#* } "* ]] && filtered+=("$t"); done
  TARGETS=("${filtered[@]}")
fi
if [[ ${#TARGETS[@]} -eq 0 ]]; then echo "fuzz.sh: no fuzz targets found" >&2; exit 1; fi

summary=()
failed=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for t in "${TARGETS[@]}"; do
  dir="${t% *}" name="${t#* }"
  echo "=== $name (./$dir, $FUZZTIME)"
  start=$(date +%s)
  if go test "./$dir" -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" "${PARALLEL[@]}" 2>&1 | tee "$log"; then
    status=ok
  else
    status=FAIL failed=1
  fi
  execs="$(grep -oE 'execs: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)"  # none yet: still gathering the corpus's baseline coverage
  summary+=("$(printf '%-22s %-20s %10s execs %4ss %s' "$name" "./$dir" "${execs:-?}" "$(( $(date +%s) - start ))" "$status")")
done
echo
echo "fuzz summary (FUZZTIME=$FUZZTIME; seconds include compiling)"
printf '%s\n' "${summary[@]}"
exit "$failed"
