#!/usr/bin/env bash
# Build dmexd, (re)create an N-validator chain (default 4) in $TESTNET_HOME with one node home
# per validator, start every node in the background on loopback ports and return once node0 has
# produced block 2. The nodes keep running after the script exits.
#
# Usage:
#   scripts/testnet.sh [N]          (re)create and start N validators (stops an earlier run first)
#   scripts/testnet.sh stop         stop every node of $TESTNET_HOME (by its pid file)
#   scripts/testnet.sh start-node I start node I again (after a stop or a crash), without wiping it
#   scripts/testnet.sh add-node I MODE
#                                   create and start node I (I >= N), a full node that is not a
#                                   validator, joining the running testnet by MODE: statesync
#                                   (from a snapshot of the validators; needs SNAPSHOT_INTERVAL > 0
#                                   when the testnet was created) or blocksync (every block from 1)
#
# Environment (all optional):
#   TESTNET_HOME   where the chain lives: node0..node{N-1}, nodeI.log, nodeI.pid (default ~/.dmex-testnet)
#   CHAIN_ID       chain id                                  (default dmex-testnet-1)
#   BASE_PORT      node i listens on BASE_PORT+10*i + 0 p2p, 1 rpc, 2 grpc, 3 rest api,
#                  4 abci proxy_app                          (default 27000)
#   BLOCK_TIME     CometBFT timeout_commit                   (default 1s)
#   DMEXD          the dmexd binary to build and run         (default <repo>/build/dmexd)
#   DMEX_NO_BUILD  set to 1 to run $DMEXD as it is, without building it
#   WAIT_SECONDS   how long to wait for block 2, or for an added node to catch up (default 120)
#   SNAPSHOT_INTERVAL  app.toml state-sync snapshot-interval of every validator, in blocks; 0 is
#                  off                                       (default 0; scripts/chaos.sh uses 10)
#   SNAPSHOT_KEEP  snapshot-keep-recent                      (default 2)
#
# Keys (keyring-backend test): every node home has "validator" (its operator); node0's keyring
# also holds alice, bob, team, investor and the council council1..council7 (threshold 4).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TESTNET_HOME=${TESTNET_HOME:-$HOME/.dmex-testnet}
CHAIN_ID=${CHAIN_ID:-dmex-testnet-1}
BASE_PORT=${BASE_PORT:-27000}
BLOCK_TIME=${BLOCK_TIME:-1s}
DMEXD=${DMEXD:-$ROOT/build/dmexd}
WAIT_SECONDS=${WAIT_SECONDS:-120}
SNAPSHOT_INTERVAL=${SNAPSHOT_INTERVAL:-0}
SNAPSHOT_KEEP=${SNAPSHOT_KEEP:-2}

if [ -t 1 ]; then B=$'\033[1m' R=$'\033[0m'; else B="" R=""; fi
log() { printf '%s[testnet]%s %s\n' "$B" "$R" "$*"; }
die() { printf '%s[testnet]%s error: %s\n' "$B" "$R" "$*" >&2; exit 1; }

p2p_port() { echo $((BASE_PORT + 10 * $1 + 0)); }
rpc_port() { echo $((BASE_PORT + 10 * $1 + 1)); }
grpc_port() { echo $((BASE_PORT + 10 * $1 + 2)); }
api_port() { echo $((BASE_PORT + 10 * $1 + 3)); }
abci_port() { echo $((BASE_PORT + 10 * $1 + 4)); }
node_home() { echo "$TESTNET_HOME/node$1"; }
pid_file() { echo "$TESTNET_HOME/node$1.pid"; }
log_file() { echo "$TESTNET_HOME/node$1.log"; }

# alive PID: the process exists and is not a zombie (a killed node whose parent, often init
# in a container, has not reaped it yet).
alive() {
  local st
  kill -0 "$1" 2>/dev/null || return 1
  st=$(ps -o stat= -p "$1" 2>/dev/null) || { kill -0 "$1" 2>/dev/null; return; }
  case "$st" in *Z*) return 1 ;; esac
}

# node_pid I prints the pid of node I if it is running (and is a dmexd of this home).
node_pid() {
  local f pid args
  f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && alive "$pid" || return 1
  # Guard against a pid reused by another process since the node stopped.
  if args=$(ps -o args= -p "$pid" 2>/dev/null); then
    case "$args" in *"$(node_home "$1")"*) ;; *) return 1 ;; esac
  fi
  echo "$pid"
}

# node_indexes prints the index of every node home or pid file in $TESTNET_HOME.
node_indexes() {
  local p i
  for p in "$TESTNET_HOME"/node*; do
    [ -e "$p" ] || continue
    i=${p##*/node}
    i=${i%.pid}
    i=${i%.log}
    case "$i" in '' | *[!0-9]*) continue ;; esac
    echo "$i"
  done | sort -un
}

stop_nodes() {
  local i pid pids=()
  for i in $(node_indexes); do
    if pid=$(node_pid "$i"); then
      log "stopping node$i (pid $pid)"
      kill "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$(pid_file "$i")"
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${pids[@]}"; do alive "$pid" && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    if alive "$pid"; then
      log "node pid $pid did not stop in 10s: killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}

# port_in_use PORT: something accepts connections on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_node I starts node I in the background, in its own session (so that a Ctrl-C in the
# terminal does not reach it), with its log in nodeI.log and its pid in nodeI.pid.
start_node() {
  local i=$1 home pidf logf pid
  home=$(node_home "$i")
  pidf=$(pid_file "$i")
  logf=$(log_file "$i")
  [ -d "$home/config" ] || die "no node$i in $TESTNET_HOME: create the testnet first with scripts/testnet.sh [N]"
  if pid=$(node_pid "$i"); then die "node$i is already running (pid $pid)"; fi
  [ -x "$DMEXD" ] || die "$DMEXD is not an executable: build it with make build"
  rm -f "$pidf"
  local launcher=()
  command -v setsid >/dev/null && launcher=(setsid)
  # The child writes its own pid and then becomes dmexd, so the pid file names dmexd itself.
  # shellcheck disable=SC2016 # $$ and $1 belong to the inner shell
  "${launcher[@]}" bash -c 'echo $$ >"$1"; shift; exec "$@"' testnet-node "$pidf" \
    "$DMEXD" start --home "$home" </dev/null >>"$logf" 2>&1 &
  for _ in $(seq 1 50); do
    [ -s "$pidf" ] && break
    sleep 0.1
  done
  [ -s "$pidf" ] || die "node$i did not start (see $logf)"
  log "node$i started (pid $(cat "$pidf"), rpc 127.0.0.1:$(rpc_port "$i"), log $logf)"
}

# height I prints the latest block height node I reports, or nothing.
height() {
  curl -s --max-time 2 "http://127.0.0.1:$(rpc_port "$1")/status" 2>/dev/null |
    grep -o '"latest_block_height": *"[0-9]*"' | grep -o '[0-9][0-9]*' || true
}

# The settings of the testnet in $TESTNET_HOME, so that start-node prints the right ports.
SETTINGS="$TESTNET_HOME/testnet.env"
if { [ "${1:-}" = start-node ] || [ "${1:-}" = add-node ]; } && [ -f "$SETTINGS" ]; then
  BASE_PORT=$(sed -n 's/^BASE_PORT=//p' "$SETTINGS")
  N=$(sed -n 's/^N=//p' "$SETTINGS")
  CHAIN_ID=$(sed -n 's/^CHAIN_ID=//p' "$SETTINGS")
  BLOCK_TIME=$(sed -n 's/^BLOCK_TIME=//p' "$SETTINGS")
fi

# configure_node I PEERS: ports, peers, block time, no minimum gas price, API and gRPC on,
# snapshots every SNAPSHOT_INTERVAL blocks.
configure_node() {
  local i=$1 peers=$2 home
  home=$(node_home "$i")
  sed -i \
    -e "/^\[rpc\]/,/^\[/ s#^laddr = .*#laddr = \"tcp://127.0.0.1:$(rpc_port "$i")\"#" \
    -e "/^\[p2p\]/,/^\[/ s#^laddr = .*#laddr = \"tcp://127.0.0.1:$(p2p_port "$i")\"#" \
    -e "s#^proxy_app = .*#proxy_app = \"tcp://127.0.0.1:$(abci_port "$i")\"#" \
    -e "s#^pprof_laddr = .*#pprof_laddr = \"\"#" \
    -e "s#^persistent_peers = .*#persistent_peers = \"${peers%,}\"#" \
    -e "s#^allow_duplicate_ip = .*#allow_duplicate_ip = true#" \
    -e "s#^addr_book_strict = .*#addr_book_strict = false#" \
    -e "s#^timeout_commit = .*#timeout_commit = \"$BLOCK_TIME\"#" \
    "$home/config/config.toml"
  sed -i \
    -e "s#^minimum-gas-prices = .*#minimum-gas-prices = \"0udmc\"#" \
    -e "/^\[api\]/,/^\[/ s#^enable = .*#enable = true#" \
    -e "/^\[api\]/,/^\[/ s#^address = .*#address = \"tcp://127.0.0.1:$(api_port "$i")\"#" \
    -e "/^\[grpc\]/,/^\[/ s#^enable = .*#enable = true#" \
    -e "/^\[grpc\]/,/^\[/ s#^address = .*#address = \"127.0.0.1:$(grpc_port "$i")\"#" \
    -e "/^\[state-sync\]/,/^\[/ s#^snapshot-interval = .*#snapshot-interval = $SNAPSHOT_INTERVAL#" \
    -e "/^\[state-sync\]/,/^\[/ s#^snapshot-keep-recent = .*#snapshot-keep-recent = $SNAPSHOT_KEEP#" \
    "$home/config/app.toml"
  sed -i \
    -e "s#^chain-id = .*#chain-id = \"$CHAIN_ID\"#" \
    -e "s#^keyring-backend = .*#keyring-backend = \"test\"#" \
    -e "s#^node = .*#node = \"tcp://127.0.0.1:$(rpc_port "$i")\"#" \
    "$home/config/client.toml"
  grep -q "^laddr = \"tcp://127.0.0.1:$(rpc_port "$i")\"" "$home/config/config.toml" ||
    die "could not set the rpc address in $home/config/config.toml"
  grep -q "^snapshot-interval = $SNAPSHOT_INTERVAL\$" "$home/config/app.toml" ||
    die "could not set snapshot-interval in $home/config/app.toml"
}

# rpc_field I PATH FIELD: the first string value of FIELD in node I's RPC answer to PATH.
rpc_field() {
  curl -s --max-time 3 "http://127.0.0.1:$(rpc_port "$1")$2" 2>/dev/null |
    grep -o "\"$3\": *\"[^\"]*\"" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/' || true
}

# add_node I MODE: a non-validator full node I joining by statesync or blocksync.
add_node() {
  local i=$1 mode=$2 home peers="" j h trust_h trust_hash
  [ -f "$SETTINGS" ] || die "no testnet in $TESTNET_HOME: create it first with scripts/testnet.sh [N]"
  [ "$i" -ge "$N" ] || die "node$i is a validator of this $N-validator testnet: pick I >= $N"
  home=$(node_home "$i")
  [ ! -e "$home" ] || die "node$i already exists in $TESTNET_HOME"
  [ -x "$DMEXD" ] || die "$DMEXD is not an executable: build it with make build"
  for port in $(p2p_port "$i") $(rpc_port "$i") $(grpc_port "$i") $(api_port "$i") $(abci_port "$i"); do
    if port_in_use "$port"; then die "port 127.0.0.1:$port (node$i) is in use"; fi
  done
  "$DMEXD" --home "$home" init "node$i" --chain-id "$CHAIN_ID" >"$TESTNET_HOME/init-node$i.json" 2>&1 ||
    die "dmexd init node$i failed (see $TESTNET_HOME/init-node$i.json)"
  cp "$(node_home 0)/config/genesis.json" "$home/config/genesis.json"
  for ((j = 0; j < N; j++)); do peers+="$(cat "$TESTNET_HOME/node$j.id")@127.0.0.1:$(p2p_port "$j"),"; done
  configure_node "$i" "$peers"
  case "$mode" in
  blocksync) ;;
  statesync)
    [ "$(sed -n 's/^SNAPSHOT_INTERVAL=//p' "$SETTINGS")" -gt 0 ] 2>/dev/null ||
      die "state sync needs snapshots: create the testnet with SNAPSHOT_INTERVAL > 0"
    h=$(height 0)
    [ -n "$h" ] || die "node0 does not answer on its RPC: state sync needs its trusted block"
    # A recent height a light client trusts; the snapshot it restores is at or above it.
    trust_h=$((h > 5 ? h - 5 : 1))
    trust_hash=$(curl -s --max-time 3 "http://127.0.0.1:$(rpc_port 0)/block?height=$trust_h" |
      grep -o '"block_id": *{ *"hash": *"[0-9A-F]*"' | grep -o '[0-9A-F]\{64\}' | head -n 1 || true)
    [ -n "$trust_hash" ] || die "could not read the hash of block $trust_h from node0"
    sed -i \
      -e "/^\[statesync\]/,/^\[/ s#^enable = .*#enable = true#" \
      -e "/^\[statesync\]/,/^\[/ s#^rpc_servers = .*#rpc_servers = \"127.0.0.1:$(rpc_port 0),127.0.0.1:$(rpc_port 1)\"#" \
      -e "/^\[statesync\]/,/^\[/ s#^trust_height = .*#trust_height = $trust_h#" \
      -e "/^\[statesync\]/,/^\[/ s#^trust_hash = .*#trust_hash = \"$trust_hash\"#" \
      -e "/^\[statesync\]/,/^\[/ s#^trust_period = .*#trust_period = \"168h0m0s\"#" \
      "$home/config/config.toml"
    grep -q "^trust_hash = \"$trust_hash\"" "$home/config/config.toml" || die "could not set statesync in $home/config/config.toml"
    log "node$i: state sync trusting block $trust_h ($trust_hash)"
    ;;
  *) die "usage: scripts/testnet.sh add-node I statesync|blocksync (got mode '$mode')" ;;
  esac
  "$DMEXD" --home "$home" comet show-node-id >"$TESTNET_HOME/node$i.id"
  start_node "$i"
  local target
  target=$(height 0)
  log "waiting for node$i to reach node0's height $target by $mode (up to ${WAIT_SECONDS}s)"
  for ((t = 0; t < WAIT_SECONDS * 2; t++)); do
    h=$(height "$i")
    if [ -n "$h" ] && [ "$h" -ge "$target" ] && [ "$(rpc_field "$i" /status catching_up)" != true ]; then
      log "node$i joined by $mode: height $h, earliest block $(rpc_field "$i" /status earliest_block_height)"
      return 0
    fi
    node_pid "$i" >/dev/null || { tail -n 30 "$(log_file "$i")" >&2; die "node$i exited (log: $(log_file "$i"))"; }
    sleep 0.5
  done
  tail -n 30 "$(log_file "$i")" >&2
  die "node$i did not reach height $target by $mode in ${WAIT_SECONDS}s (log: $(log_file "$i"))"
}

case "${1:-}" in
stop)
  [ -d "$TESTNET_HOME" ] || { log "nothing to stop: no $TESTNET_HOME"; exit 0; }
  stop_nodes
  log "all nodes of $TESTNET_HOME are stopped"
  exit 0
  ;;
start-node)
  if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then die "usage: scripts/testnet.sh start-node I"; fi
  start_node "$2"
  exit 0
  ;;
add-node)
  if [ $# -ne 3 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then die "usage: scripts/testnet.sh add-node I statesync|blocksync"; fi
  add_node "$2" "$3"
  exit 0
  ;;
-h | --help | help)
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
  exit 0
  ;;
esac

N=${1:-4}
if ! [[ "$N" =~ ^[0-9]+$ ]] || [ "$N" -lt 1 ]; then
  die "usage: scripts/testnet.sh [N|stop|start-node I|add-node I MODE]  (N: number of validators, got '$N')"
fi
case "$TESTNET_HOME" in '' | / | "$HOME" | "$HOME/") die "refusing to use TESTNET_HOME=$TESTNET_HOME" ;; esac
# It is wiped below: only an empty directory or an earlier testnet may be.
if [ -d "$TESTNET_HOME" ] && [ -n "$(ls -A "$TESTNET_HOME")" ] &&
  ! [ -f "$TESTNET_HOME/testnet.env" ] && ! [ -d "$TESTNET_HOME/node0/config" ]; then
  die "$TESTNET_HOME is not empty and holds no testnet: refusing to wipe it"
fi

if [ "${DMEX_NO_BUILD:-0}" != 1 ]; then
  command -v go >/dev/null || die "Go is required to build dmexd (https://go.dev/dl); see README"
  log "building dmexd"
  (cd "$ROOT" && go build -buildvcs=false -o "$DMEXD" ./cmd/dmexd)
fi
[ -x "$DMEXD" ] || die "$DMEXD is not an executable"

# Nodes started by an earlier run on this home are stopped first.
if [ -d "$TESTNET_HOME" ]; then stop_nodes; fi
for ((i = 0; i < N; i++)); do
  for port in $(p2p_port "$i") $(rpc_port "$i") $(grpc_port "$i") $(api_port "$i") $(abci_port "$i"); do
    if port_in_use "$port"; then die "port 127.0.0.1:$port (node$i) is in use: stop what uses it or pick another BASE_PORT"; fi
  done
done
rm -rf "$TESTNET_HOME"
mkdir -p "$TESTNET_HOME"

kr=(--keyring-backend test)
d() { local i=$1; shift; "$DMEXD" --home "$(node_home "$i")" "$@"; }
# key_addr I NAME: the address of key NAME of node I, from the JSON `keys add` wrote (each dmexd
# call costs most of a second, so addresses and node ids are read from files, not asked for).
key_addr() {
  local a
  a=$(grep -o '"address": *"[^"]*"' "$(node_home "$1")/key_$2.json" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')
  [ -n "$a" ] || die "no address for key $2 of node$1 (see $(node_home "$1")/key_$2.json)"
  echo "$a"
}
# run_all DESCRIPTION FUNCTION: FUNCTION I for every node, in parallel; fails if any fails.
run_all() {
  local what=$1 fn=$2 i pids=()
  for ((i = 0; i < N; i++)); do
    "$fn" "$i" &
    pids+=($!)
  done
  for ((i = 0; i < N; i++)); do
    wait "${pids[$i]}" || die "$what failed for node$i"
  done
}

ACCOUNTS=(alice bob team investor council1 council2 council3 council4 council5 council6 council7)
prepare_node() {
  local i=$1 home
  home=$(node_home "$i")
  d "$i" init "node$i" --chain-id "$CHAIN_ID" >"$TESTNET_HOME/init-node$i.json" 2>&1 || return 1
  d "$i" comet show-node-id >"$TESTNET_HOME/node$i.id" || return 1
  d "$i" keys add validator "${kr[@]}" --output json >"$home/key_validator.json" 2>&1 || return 1
}
log "creating $CHAIN_ID with $N validators in $TESTNET_HOME"
run_all "dmexd init / keys add" prepare_node
# node0's other keys, in parallel too (the test keyring keeps each key in its own files).
pids=()
for name in "${ACCOUNTS[@]}"; do
  d 0 keys add "$name" "${kr[@]}" --output json >"$(node_home 0)/key_$name.json" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || die "keys add failed in node0 (see $(node_home 0)/key_*.json)"; done

# The genesis is built in node0. Demo assets (not DMC: DMC comes only from the allocation).
DEMO_COINS='[{"denom":"uusdt","amount":"1000000000000"},{"denom":"uhusd","amount":"1000000000000"},'
DEMO_COINS+='{"denom":"uht","amount":"1000000000000"},{"denom":"uhbtc","amount":"10000000000"},'
DEMO_COINS+='{"denom":"aifil","amount":"1000000000000000000000000"}]'
demo_accounts=""
for name in alice bob council1 council2 council3 council4 council5 council6 council7; do
  demo_accounts+="{\"address\":\"$(key_addr 0 "$name")\",\"coins\":$DEMO_COINS},"
done
echo "[${demo_accounts%,}]" >"$TESTNET_HOME/demo-accounts.json"
d 0 genesis bulk-add-genesis-account "$TESTNET_HOME/demo-accounts.json" >/dev/null

# The SPEC §2 allocation (50,000,000 DMC): every validator's DMC is a foundation grant.
VALIDATOR_GRANT=100000000000udmc # 100,000 DMC each
STAKE=50000000000udmc            # 50,000 DMC self-delegation each: equal voting power
grant() { printf '{"address":"%s","amount":"%s"}' "$(key_addr "$1" "$2")" "$3"; }
validator_grants=""
for ((i = 0; i < N; i++)); do validator_grants+="$(grant "$i" validator "$VALIDATOR_GRANT"), "; done
council_members=""
for i in 1 2 3 4 5 6 7; do council_members+="\"$(key_addr 0 "council$i")\","; done
cat >"$TESTNET_HOME/allocation.json" <<JSON
{
  "team": [$(grant 0 team 10000000000000udmc)],
  "private_placement": [$(grant 0 investor 20000000000000udmc)],
  "risk_fund": "10000000000000udmc",
  "foundation": {
    "amount": "10000000000000udmc",
    "grants": [
      ${validator_grants}
      $(grant 0 alice 100000000000udmc), $(grant 0 bob 100000000000udmc),
      $(grant 0 council1 10000000000udmc), $(grant 0 council2 10000000000udmc),
      $(grant 0 council3 10000000000udmc), $(grant 0 council4 10000000000udmc),
      $(grant 0 council5 10000000000udmc), $(grant 0 council6 10000000000udmc),
      $(grant 0 council7 10000000000udmc)
    ]
  },
  "council": {"members": [${council_members%,}], "threshold": 4, "voting_period": "${COUNCIL_VOTING_PERIOD:-1h}"}
}
JSON
d 0 genesis allocate "$TESTNET_HOME/allocation.json" >/dev/null

# Every validator signs its gentx against the allocated genesis; node0 collects them.
GENESIS0="$(node_home 0)/config/genesis.json"
mkdir -p "$(node_home 0)/config/gentx"
gentx_node() {
  local i=$1
  [ "$i" = 0 ] || cp "$GENESIS0" "$(node_home "$i")/config/genesis.json"
  d "$i" genesis gentx validator "$STAKE" --chain-id "$CHAIN_ID" --moniker "node$i" \
    --ip 127.0.0.1 --p2p-port "$(p2p_port "$i")" "${kr[@]}" \
    --output-document "$(node_home 0)/config/gentx/gentx-node$i.json" >"$TESTNET_HOME/gentx-node$i.log" 2>&1
}
run_all "gentx (see $TESTNET_HOME/gentx-nodeI.log)" gentx_node
d 0 genesis collect-gentxs >"$TESTNET_HOME/collect-gentxs.log" 2>&1 || die "collect-gentxs failed (see $TESTNET_HOME/collect-gentxs.log)"
d 0 genesis validate >/dev/null
for ((i = 1; i < N; i++)); do cp "$GENESIS0" "$(node_home "$i")/config/genesis.json"; done

# Node settings (configure_node above).
NODE_IDS=()
for ((i = 0; i < N; i++)); do NODE_IDS+=("$(cat "$TESTNET_HOME/node$i.id")"); done
for ((i = 0; i < N; i++)); do
  peers=""
  for ((j = 0; j < N; j++)); do
    [ "$j" = "$i" ] || peers+="${NODE_IDS[$j]}@127.0.0.1:$(p2p_port "$j"),"
  done
  configure_node "$i" "$peers"
done

printf 'N=%s\nCHAIN_ID=%s\nBASE_PORT=%s\nBLOCK_TIME=%s\nSNAPSHOT_INTERVAL=%s\n' "$N" "$CHAIN_ID" "$BASE_PORT" "$BLOCK_TIME" "$SNAPSHOT_INTERVAL" >"$SETTINGS"

for ((i = 0; i < N; i++)); do start_node "$i"; done

log "waiting for node0 to produce block 2 (up to ${WAIT_SECONDS}s)"
ok=0
for ((t = 0; t < WAIT_SECONDS * 2; t++)); do
  h=$(height 0)
  if [ -n "$h" ] && [ "$h" -ge 2 ]; then ok=1; break; fi
  for ((i = 0; i < N; i++)); do
    node_pid "$i" >/dev/null || { tail -n 30 "$(log_file "$i")" >&2; die "node$i exited (log: $(log_file "$i"))"; }
  done
  sleep 0.5
done
if [ "$ok" != 1 ]; then
  for ((i = 0; i < N; i++)); do echo "--- node$i: tail of $(log_file "$i")" >&2; tail -n 15 "$(log_file "$i")" >&2; done
  die "node0 did not reach block 2 in ${WAIT_SECONDS}s; the nodes are left running (scripts/testnet.sh stop)"
fi

{
  echo
  echo "  DMEX testnet $CHAIN_ID is running: $N validators, node0 is at height $h"
  printf '    %-6s %-28s %-6s %-6s %-6s %-6s %-6s\n' node home p2p rpc grpc api abci
  for ((i = 0; i < N; i++)); do
    printf '    %-6s %-28s %-6s %-6s %-6s %-6s %-6s\n' "node$i" "$(node_home "$i")" \
      "$(p2p_port "$i")" "$(rpc_port "$i")" "$(grpc_port "$i")" "$(api_port "$i")" "$(abci_port "$i")"
  done
  echo "  (all on 127.0.0.1; logs and pids in $TESTNET_HOME/nodeI.log, nodeI.pid)"
  echo "  Keys (keyring \"test\"): validator in every home; ${ACCOUNTS[*]} in node0"
  echo
  echo "  Try:"
  echo "    $DMEXD status --node tcp://127.0.0.1:$(rpc_port 0)"
  echo "    $DMEXD q bank balances \$($DMEXD keys show alice -a --home $(node_home 0) --keyring-backend test) --home $(node_home 0)"
  echo "    curl http://127.0.0.1:$(api_port 0)/dmex/dmc/v1/supply"
  echo "  Stop all nodes:      TESTNET_HOME=$TESTNET_HOME scripts/testnet.sh stop"
  echo "  Restart one node:    TESTNET_HOME=$TESTNET_HOME scripts/testnet.sh start-node I"
  echo
}
