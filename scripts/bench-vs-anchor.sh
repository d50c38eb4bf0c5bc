#!/usr/bin/env bash
# Bank-send throughput of dmexd beside ../shared/anchor-bench (a vanilla SDK v0.53.8 app with
# auth, bank, staking, distribution, mint, consensus) and, with PLUS=1, beside "anchor-plus": the
# same vanilla app with the SDK modules issue #2 makes dmexd wire as well (slashing, feegrant, gov,
# evidence, authz, group; protocolpool in the place of upgrade and epochs, which the configurator
# lacks). Runs are interleaved one at a time (anchor, [anchor-plus,] dmexd, then dmexd first in
# the next round, ...) so that all see the same machine; the tx/s lines go to $OUT (default
# build/bench-vs-anchor.txt), with a summary of medians, per-round ratios and their median.
# See docs/benchmarks.md.
#
#   scripts/bench-vs-anchor.sh            # 3 rounds of N = 100, 1000, 5000 and CheckTx
#   ROUNDS=2 SIZES="100 1000" PLUS=1 scripts/bench-vs-anchor.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHOR_SRC="${ANCHOR_SRC:-$ROOT/../shared/anchor-bench}"
WORK="${WORK:-${TMPDIR:-/tmp}/dmex-bench-vs-anchor}"
OUT="${OUT:-$ROOT/build/bench-vs-anchor.txt}"
ROUNDS="${ROUNDS:-3}"
SIZES="${SIZES:-100 1000 5000}"
PLUS="${PLUS:-0}"
export GOFLAGS=-buildvcs=false
mkdir -p "$WORK" "$(dirname "$OUT")"

# The anchor with the 10,000-account cases for N = 100 and 5000 added to its table (in the copy only).
rm -rf "$WORK/anchor" && cp -r "$ANCHOR_SRC" "$WORK/anchor"
python3 - "$WORK/anchor/send_bench_test.go" <<'EOF'
import sys
p = sys.argv[1]; s = open(p).read()
s = s.replace('{"goleveldb", 10000, 1000},\n', '{"goleveldb", 10000, 100},\n\t\t{"goleveldb", 10000, 1000},\n\t\t{"goleveldb", 10000, 5000},\n', 1)
open(p, 'w').write(s)
EOF
(cd "$WORK/anchor" && go test -c -o anchor.test .)
apps="anchor"
if [ "$PLUS" = 1 ]; then
  rm -rf "$WORK/anchorplus" && cp -r "$WORK/anchor" "$WORK/anchorplus"
  python3 - "$WORK/anchorplus/send_bench_test.go" <<'EOF'
import sys
p = sys.argv[1]; s = open(p).read()
mods = ["Slashing", "Feegrant", "Gov", "Evidence", "Authz", "Group", "ProtocolPool"]
s = s.replace("\t\t\t\tconfigurator.ConsensusModule(),\n",
    "\t\t\t\tconfigurator.ConsensusModule(),\n" + "".join("\t\t\t\tconfigurator.%sModule(),\n" % m for m in mods), 1)
imports = ['"github.com/cosmos/cosmos-sdk/x/slashing"', '"cosmossdk.io/x/feegrant/module"', '"github.com/cosmos/cosmos-sdk/x/gov"',
    '"cosmossdk.io/x/evidence"', '"github.com/cosmos/cosmos-sdk/x/authz/module"', '"github.com/cosmos/cosmos-sdk/x/group/module"',
    '"github.com/cosmos/cosmos-sdk/x/protocolpool"']
s = s.replace('\t_ "github.com/cosmos/cosmos-sdk/x/staking"\n',
    '\t_ "github.com/cosmos/cosmos-sdk/x/staking"\n' + "".join("\t_ %s\n" % i for i in imports), 1)
open(p, 'w').write(s)
EOF
  (cd "$WORK/anchorplus" && go get cosmossdk.io/x/feegrant@v0.2.0 cosmossdk.io/x/evidence@v0.2.0 >/dev/null && go mod tidy >/dev/null && go test -c -o anchor.test .)
  apps="anchor anchorplus"
fi
(cd "$ROOT" && go test -c -o "$WORK/dmexd.test" ./tests/bench/)

run() { # app pattern benchtime
  local dir bin
  if [ "$1" = dmexd ]; then dir="$ROOT/tests/bench"; bin="$WORK/dmexd.test"; else dir="$WORK/$1"; bin="$WORK/$1/anchor.test"; fi
  (cd "$dir" && GOMAXPROCS=2 "$bin" -test.run '^$' -test.bench "$2" -test.benchtime "$3") 2>&1 |
    awk -v app="$1" -v c="$4" '/^Benchmark/ { for (i = 1; i <= NF; i++) if ($i == "tx/s") print app, c, $(i-1) }' >> "$OUT"
}
: > "$OUT"
for r in $(seq "$ROUNDS"); do
  for n in $SIZES CheckTx; do
    order="$apps dmexd"; [ $((r % 2)) = 0 ] && order="dmexd $apps" # who goes first alternates
    for app in $order; do
      if [ "$n" = CheckTx ]; then run "$app" 'CheckTx' 20x CheckTx
      else
        bt=20x; [ "$n" -le 100 ] && bt=100x # small blocks: more of them, for a measurement of seconds
        run "$app" "BankSendFinalizeCommit/goleveldb/accounts=10000/txPerBlock=$n\$" "$bt" "N=$n"
      fi
    done
  done
done
python3 - "$OUT" <<'EOF'
import sys, statistics, collections
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    app, case, v = line.split(); d[(app, case)].append(float(v))
cases = sorted({c for _, c in d}, key=lambda c: (c == "CheckTx", int(c[2:]) if c != "CheckTx" else 0))
for c in cases:
    m = {a: statistics.median(v) for (a, cc), v in d.items() if cc == c}
    line = "%-8s " % c + "  ".join("%s %.0f tx/s" % (a, m[a]) for a in sorted(m))
    line += "  dmexd/anchor %.3f" % (m["dmexd"] / m["anchor"])
    if "anchorplus" in m:
        line += "  dmexd/anchorplus %.3f" % (m["dmexd"] / m["anchorplus"])
    # Each round's own ratio (runs next to each other see the same machine), and their median.
    pairs = [x / y for x, y in zip(d[("dmexd", c)], d[("anchor", c)])]
    line += "  per round " + " ".join("%.2f" % r for r in pairs) + " (median %.3f)" % statistics.median(pairs)
    print(line)
EOF
