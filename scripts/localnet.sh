#!/usr/bin/env bash
# Build dmexd, (re)create the single-validator chain dmex-local-1 in $DMEX_HOME and run it in
# the foreground. Safe to run again: it stops a node it started before and starts afresh.
#
# Environment (all optional):
#   DMEX_HOME      where the chain lives               (default ~/.dmex-local)
#   CHAIN_ID       chain id                            (default dmex-local-1)
#   RPC_PORT, API_PORT, GRPC_PORT, P2P_PORT            (default 26657, 1317, 9090, 26656)
#   PROM_PORT                                          Prometheus metrics (default 26660)
#   BLOCK_TIME     CometBFT timeout_commit             (default 3s, SPEC §1)
#   COUNCIL_VOTING_PERIOD, GOV_VOTING_PERIOD            (default 1h, 30s)
#   DAY_EPOCH_SECONDS  length of the `day` epoch and of an oracle day
#                  (default 86400; short to watch escrow days and the oracle's market average)
#   MONTH_EPOCH_SECONDS  length of the `month` epoch (default 2628000; short to watch the DMC
#                  buyback), BUYBACK_SECONDS how long after it the buyback runs (default a tenth)
#   DMEX_NO_START  set to 1 to prepare the chain but not start it
#   DMEXD          the dmexd binary to build and use   (default build/dmexd)
#   DMEX_SKIP_BUILD set to 1 to use $DMEXD as it is
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DMEX_HOME=${DMEX_HOME:-$HOME/.dmex-local}
CHAIN_ID=${CHAIN_ID:-dmex-local-1}
RPC_PORT=${RPC_PORT:-26657}
API_PORT=${API_PORT:-1317}
GRPC_PORT=${GRPC_PORT:-9090}
P2P_PORT=${P2P_PORT:-26656}
PROM_PORT=${PROM_PORT:-26660}
BLOCK_TIME=${BLOCK_TIME:-3s}
DMEXD=${DMEXD:-$ROOT/build/dmexd}

log() { printf '\033[1m[localnet]\033[0m %s\n' "$*"; }

if [ "${DMEX_SKIP_BUILD:-0}" != 1 ]; then
  command -v go >/dev/null || { echo "Go is required (https://go.dev/dl); see README" >&2; exit 1; }
  log "building dmexd"
  (cd "$ROOT" && go build -buildvcs=false -o "$DMEXD" ./cmd/dmexd)
fi

# A node started by an earlier run on this home is stopped first.
if [ -f "$DMEX_HOME/dmexd.pid" ] && kill -0 "$(cat "$DMEX_HOME/dmexd.pid")" 2>/dev/null; then
  log "stopping the node started earlier (pid $(cat "$DMEX_HOME/dmexd.pid"))"
  kill "$(cat "$DMEX_HOME/dmexd.pid")" || true
  for _ in $(seq 1 50); do kill -0 "$(cat "$DMEX_HOME/dmexd.pid")" 2>/dev/null || break; sleep 0.2; done
fi
rm -rf "$DMEX_HOME"
mkdir -p "$DMEX_HOME"

d() { "$DMEXD" --home "$DMEX_HOME" "$@"; }
kr=(--keyring-backend test)

log "creating $CHAIN_ID in $DMEX_HOME"
d init dmex-local --chain-id "$CHAIN_ID" >/dev/null 2>&1

ACCOUNTS=(validator alice bob miner lender feeder team investor council1 council2 council3 council4 council5 council6 council7)
for name in "${ACCOUNTS[@]}"; do
  d keys add "$name" "${kr[@]}" --output json >"$DMEX_HOME/key_$name.json" 2>&1
done
# Addresses from the files `keys add` wrote (each dmexd call costs a start-up).
addr() { grep -o '"address":"[^"]*"' "$DMEX_HOME/key_$1.json" | cut -d'"' -f4; }

# Demo assets (not DMC: DMC comes only from the allocation below).
DEMO_COINS="1000000000000uusdt,1000000000000uhusd,1000000000000uht,10000000000uhbtc,1000000000000000000000000aifil"
for name in validator alice bob miner lender feeder council1 council2 council3 council4 council5 council6 council7; do
  d genesis add-genesis-account "$(addr "$name")" "$DEMO_COINS" "${kr[@]}"
done

# The SPEC §2 allocation: every udmc below is part of the 50,000,000 DMC; the validator's and
# demo accounts' DMC are grants out of the foundation's share.
grant() { printf '{"address":"%s","amount":"%s"}' "$(addr "$1")" "$2"; }
council_members=""
for i in 1 2 3 4 5 6 7; do council_members+="\"$(addr "council$i")\","; done
cat >"$DMEX_HOME/allocation.json" <<JSON
{
  "team": [$(grant team 10000000000000udmc)],
  "private_placement": [$(grant investor 20000000000000udmc)],
  "risk_fund": "10000000000000udmc",
  "foundation": {
    "amount": "10000000000000udmc",
    "grants": [
      $(grant validator 1000000000000udmc),
      $(grant alice 100000000000udmc), $(grant bob 100000000000udmc),
      $(grant miner 100000000000udmc), $(grant lender 100000000000udmc),
      $(grant council1 10000000000udmc), $(grant council2 10000000000udmc), $(grant council3 10000000000udmc),
      $(grant council4 10000000000udmc), $(grant council5 10000000000udmc), $(grant council6 10000000000udmc),
      $(grant council7 10000000000udmc)
    ]
  },
  "council": {"members": [${council_members%,}], "threshold": 4, "voting_period": "${COUNCIL_VOTING_PERIOD:-1h}"}
}
JSON
d genesis allocate "$DMEX_HOME/allocation.json" >/dev/null
# DMC mining farms of the staked program (SPEC §3), farms 1-5; behavioral farms come with joint
# mining, opened by the council.
for denom in uusdt uhusd uht uhbtc udmc; do
  d genesis add-farm staked "$denom" 1 >/dev/null
done
# AMM pools (SPEC §7), funded from the validator's foundation grant and demo coins: 1 USDT/DMC
# (100,000 each, 1 USDT a DMC), 2 HUSD/DMC (the same), 3 HT/DMC (10,000 HT, 10 DMC an HT); and
# their liquidity-mining farms 6, 7, 8, which take the pools' shares amm/pool/1, 2, 3.
d genesis add-pool "$(addr validator)" 100000000000udmc 100000000000uusdt >/dev/null
d genesis add-pool "$(addr validator)" 100000000000udmc 100000000000uhusd >/dev/null
d genesis add-pool "$(addr validator)" 100000000000udmc 10000000000uht >/dev/null
for id in 1 2 3; do
  d genesis add-farm liquidity "amm/pool/$id" 1 >/dev/null
done
# DeFi mining with IFIL and hashrate NFTs (staked program): farm 9 takes IFIL (aifil), farm 10 the
# hashrate NFTs of FIL products, by power (dmexd tx dmc stake-nft 10 <nft-id>).
d genesis add-farm staked aifil 1 >/dev/null
d genesis add-nft-farm staked chain FIL 1 >/dev/null
# Hashrate NFTs (x/hashnft): the demo stable coins and HT/HBTC are payment denoms on the local
# chain, next to udmc (a live chain adds its ibc/… denoms by a council decision).
# (x/amm's accepted_denoms come first in the file and keep their defaults: DMC, IFIL and these.)
sed -z -i 's#\("hashnft": {[^[]*"accepted_denoms": \)\[[^]]*\]#\1["udmc", "uusdt", "uhusd", "uht", "uhbtc"]#' "$DMEX_HOME/config/genesis.json"
# Short x/gov periods on a local chain, so that the DAO phase can be tried in a minute.
sed -i \
  -e "s#\"voting_period\": \"172800s\"#\"voting_period\": \"${GOV_VOTING_PERIOD:-30s}\"#" \
  -e "s#\"expedited_voting_period\": \"86400s\"#\"expedited_voting_period\": \"${GOV_EXPEDITED_VOTING_PERIOD:-15s}\"#" \
  "$DMEX_HOME/config/genesis.json"
# The `day` epoch (x/escrow's daily release and risk checks): shorter on a local chain if asked.
if [ -n "${DAY_EPOCH_SECONDS:-}" ]; then
  sed -z -i 's#\("identifier": "day",[^}]*"duration": \)"86400s"#\1"'"${DAY_EPOCH_SECONDS}"'s"#' "$DMEX_HOME/config/genesis.json"
fi
# The `month` epoch (x/amm's buyback of DMC with platform revenue): shorter on a local chain if
# asked, with the buyback spread over BUYBACK_SECONDS (default: a tenth of the month) in 10
# slices, each checked against the time-weighted price of the last BUYBACK_SECONDS/10.
if [ -n "${MONTH_EPOCH_SECONDS:-}" ]; then
  sed -z -i 's#\("identifier": "month",[^}]*"duration": \)"2628000s"#\1"'"${MONTH_EPOCH_SECONDS}"'s"#' "$DMEX_HOME/config/genesis.json"
  bb=${BUYBACK_SECONDS:-$((MONTH_EPOCH_SECONDS / 10))}
  sed -z -i \
    -e 's#"buyback_duration": "864000s"#"buyback_duration": "'"$bb"'s"#' \
    -e 's#"buyback_slices": 240#"buyback_slices": 10#' \
    -e 's#"buyback_twap_window": "3600s"#"buyback_twap_window": "'"$(( bb / 10 > 0 ? bb / 10 : 1 ))"'s"#' \
    "$DMEX_HOME/config/genesis.json"
fi
# The Filecoin oracle (x/oracle, SPEC §10): days as long as the `day` epoch; one feeder (the
# `feeder` key); the demo nodes f01234 and f05678 with 1,000 TiB each and the `miner` account as
# their owner, finalized the day before genesis, so that the council can approve the miner's
# products at once (approval needs the node's finalized power to cover what the node's products
# sell, and the miner to be the node's attested owner). Another node's power and owner: the
# feeder reports them, `dmexd tx oracle report DAY 0 NODE:BYTES:0:OWNER --from feeder` (DAY from
# `dmexd q oracle current-day`).
d genesis oracle --day-seconds "${DAY_EPOCH_SECONDS:-86400}" --feeders "$(addr feeder)" \
  --node-power "f01234:1000@$(addr miner),f05678:1000@$(addr miner)" >/dev/null
d genesis gentx validator 500000000000udmc --chain-id "$CHAIN_ID" "${kr[@]}" >/dev/null 2>&1
d genesis collect-gentxs >/dev/null 2>&1
d genesis validate >/dev/null

# Node settings: ports, block time, no minimum gas price on a local chain, API and gRPC on.
cfg="$DMEX_HOME/config/config.toml"
app="$DMEX_HOME/config/app.toml"
sed -i \
  -e "s#^laddr = \"tcp://127.0.0.1:26657\"#laddr = \"tcp://127.0.0.1:$RPC_PORT\"#" \
  -e "s#^laddr = \"tcp://0.0.0.0:26656\"#laddr = \"tcp://127.0.0.1:$P2P_PORT\"#" \
  -e "s#^proxy_app = .*#proxy_app = \"tcp://127.0.0.1:$((RPC_PORT + 1))\"#" \
  -e "s#^pprof_laddr = .*#pprof_laddr = \"\"#" \
  -e "s#^timeout_commit = .*#timeout_commit = \"$BLOCK_TIME\"#" \
  -e "s#^prometheus = .*#prometheus = true#" \
  -e "s#^prometheus_listen_addr = .*#prometheus_listen_addr = \"127.0.0.1:$PROM_PORT\"#" \
  "$cfg"
sed -i \
  -e "s#^minimum-gas-prices = .*#minimum-gas-prices = \"0udmc\"#" \
  -e "/^\[api\]/,/^\[/ s#^enable = .*#enable = true#" \
  -e "/^\[api\]/,/^\[/ s#^address = .*#address = \"tcp://127.0.0.1:$API_PORT\"#" \
  -e "/^\[grpc\]/,/^\[/ s#^enable = .*#enable = true#" \
  -e "/^\[grpc\]/,/^\[/ s#^address = .*#address = \"127.0.0.1:$GRPC_PORT\"#" \
  -e "/^\[telemetry\]/,/^\[/ s#^enabled = .*#enabled = true#" \
  -e "/^\[telemetry\]/,/^\[/ s#^prometheus-retention-time = .*#prometheus-retention-time = 60#" \
  "$app"
sed -i \
  -e "s#^chain-id = .*#chain-id = \"$CHAIN_ID\"#" \
  -e "s#^keyring-backend = .*#keyring-backend = \"test\"#" \
  -e "s#^node = .*#node = \"tcp://127.0.0.1:$RPC_PORT\"#" \
  "$DMEX_HOME/config/client.toml"

cat <<INFO

  DMEX local network $CHAIN_ID is ready in $DMEX_HOME
    RPC   http://127.0.0.1:$RPC_PORT
    REST  http://127.0.0.1:$API_PORT   (e.g. curl http://127.0.0.1:$API_PORT/dmex/dmc/v1/supply)
    gRPC  127.0.0.1:$GRPC_PORT
    Metrics http://127.0.0.1:$PROM_PORT/metrics   (Prometheus: CometBFT's, the SDK's and dmex_*)
  Accounts (keyring "test" in $DMEX_HOME): ${ACCOUNTS[*]}

  Next, in another terminal:
    export PATH=$ROOT/build:\$PATH DMEX_HOME=$DMEX_HOME
    dmexd q bank balances \$(dmexd keys show alice -a --home \$DMEX_HOME) --home \$DMEX_HOME
    dmexd tx bank send alice \$(dmexd keys show bob -a --home \$DMEX_HOME) 1000000udmc --home \$DMEX_HOME -y
    dmexd q dao authority --home \$DMEX_HOME
    dmexd q dmc supply --home \$DMEX_HOME
  Stop with Ctrl-C; start it again without wiping: make localnet-start

INFO

[ "${DMEX_NO_START:-0}" = 1 ] && exit 0
echo $$ >"$DMEX_HOME/dmexd.pid"
exec "$DMEXD" start --home "$DMEX_HOME"
