#!/usr/bin/env bash
# Chaos on real processes (issue #19 item 5): a 4-validator testnet of scripts/testnet.sh with
# snapshots on, a bounded bank-send load from cmd/dmexd-load running all along, and five steps,
# each followed by the checks.
#
# Usage:
#   scripts/chaos.sh run-all     fresh testnet + load, then kill, pause, all, statesync, blocksync;
#                                stops everything at the end unless CHAOS_KEEP=1
#   scripts/chaos.sh up          fresh testnet and the load in the background
#   scripts/chaos.sh kill        kill -9 node3, restart it
#   scripts/chaos.sh pause       SIGSTOP node2 for PAUSE_SECONDS, then SIGCONT
#   scripts/chaos.sh all         kill -9 every validator at once, restart them all
#   scripts/chaos.sh statesync   node4 joins by state sync
#   scripts/chaos.sh blocksync   node5 joins by block sync
#   scripts/chaos.sh check       the checks alone
#   scripts/chaos.sh down        stop the load and every node
#
# The checks after each step: (1) blocks resume: node0 makes 3 new blocks; (2) every running
# node reaches a common height H and reports the same block hash and app hash at H; (3) every tx
# the load generator saw accepted by CheckTx is in exactly one block (dmexd-load verify on node0,
# which holds every block) and in the tx index: nothing lost, nothing doubled.
#
# Before a node is killed or stopped, the load stops sending to it and its mempool is let empty
# (the load goes on through the others); before every validator is killed at once the load pauses
# and all mempools empty. CometBFT does not persist a mempool: a tx that only sits in the mempool
# of a node that crashes was never committed and its sender never told so, which is not a loss
# this test looks for. The load resumes as soon as the step's blocks resume.
#
# Environment (all optional): TESTNET_HOME (default ~/.dmex-chaos), BASE_PORT (31000), DMEXD,
# DMEX_NO_BUILD=1 (use $DMEXD and $LOAD as they are), LOAD (the dmexd-load binary, default
# build/dmexd-load), LOAD_RATE (txs/s, 5), PAUSE_SECONDS (how long node2 stays stopped, 60),
# SNAPSHOT_INTERVAL (10), SNAPSHOT_KEEP (10), STEP_TIMEOUT (seconds each wait may take, 120), CHAOS_KEEP.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TESTNET_HOME=${TESTNET_HOME:-$HOME/.dmex-chaos}
export BASE_PORT=${BASE_PORT:-31000}
export DMEXD=${DMEXD:-$ROOT/build/dmexd}
export SNAPSHOT_INTERVAL=${SNAPSHOT_INTERVAL:-10}
# A snapshot must outlive a state sync's discovery (15 s) and restore on a loaded machine: with
# 2 kept it was pruned 20 blocks later and the joining node fetched nil chunks until it gave up.
export SNAPSHOT_KEEP=${SNAPSHOT_KEEP:-10}
LOAD=${LOAD:-$ROOT/build/dmexd-load}
LOAD_RATE=${LOAD_RATE:-5}
PAUSE_SECONDS=${PAUSE_SECONDS:-60}
STEP_TIMEOUT=${STEP_TIMEOUT:-120}
VALIDATORS=4
TESTNET=("bash" "$ROOT/scripts/testnet.sh")

CONTROL="$TESTNET_HOME/load.control"
ACCEPTED="$TESTNET_HOME/load-accepted.txt"
RESULTS="$TESTNET_HOME/chaos-results.txt"

if [ -t 1 ]; then B=$'\033[1m' R=$'\033[0m'; else B="" R=""; fi
log() { printf '%s[chaos %s]%s %s\n' "$B" "$(date -u +%H:%M:%S)" "$R" "$*"; }
die() {
  printf '%s[chaos]%s FAILED: %s\n' "$B" "$R" "$*" >&2
  for f in "$TESTNET_HOME"/node*.log; do
    [ -f "$f" ] || continue
    echo "--- tail of $f" >&2
    tail -n 12 "$f" >&2
  done
  exit 1
}

if [ -f "$TESTNET_HOME/testnet.env" ]; then BASE_PORT=$(sed -n 's/^BASE_PORT=//p' "$TESTNET_HOME/testnet.env"); fi
rpc() { echo "http://127.0.0.1:$((BASE_PORT + 10 * $1 + 1))"; }
pidof_node() { cat "$TESTNET_HOME/node$1.pid" 2>/dev/null || true; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! ps -o stat= -p "$1" 2>/dev/null | grep -q Z; }
field() { # field I PATH NAME: first string value of NAME in node I's RPC answer, or nothing
  curl -s --max-time 3 "$(rpc "$1")$2" 2>/dev/null | grep -o "\"$3\": *\"[^\"]*\"" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/' || true
}
height() { field "$1" /status latest_block_height; }
# nodes: the index of every node of the testnet that has a home.
nodes() {
  local d
  for d in "$TESTNET_HOME"/node*/; do
    d=${d%/}
    d=${d##*/node}
    case "$d" in '' | *[!0-9]*) continue ;; esac
    echo "$d"
  done | sort -n
}

# wait_until SECONDS WHAT CMD...: runs CMD every half second until it succeeds.
wait_until() {
  local secs=$1 what=$2 t
  shift 2
  for ((t = 0; t < secs * 2; t++)); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  die "timed out after ${secs}s waiting for $what"
}
at_least() { local h; h=$(height "$1"); [ -n "$h" ] && [ "$h" -ge "$2" ]; }
mempool_empty() { [ "$(field "$1" /num_unconfirmed_txs total)" = 0 ]; }
all_mempools_empty() { local i; for i in "$@"; do mempool_empty "$i" || return 1; done; }
dead() { ! alive "$1"; }

load_start() {
  : >"$CONTROL"
  local urls="" i
  for ((i = 0; i < VALIDATORS; i++)); do urls+="$(rpc "$i"),"; done
  setsid "$LOAD" send -home "$TESTNET_HOME/node0" -chain-id "$(sed -n 's/^CHAIN_ID=//p' "$TESTNET_HOME/testnet.env")" \
    -rpc "${urls%,}" -out "$ACCEPTED" -rate "$LOAD_RATE" -control "$CONTROL" \
    </dev/null >"$TESTNET_HOME/load.out" 2>"$TESTNET_HOME/load.log" &
  echo $! >"$TESTNET_HOME/load.pid"
  log "load generator started (pid $!, $LOAD_RATE tx/s to node0..node$((VALIDATORS - 1)), accepted txs in $ACCEPTED)"
}
load_stop() {
  local pid
  pid=$(cat "$TESTNET_HOME/load.pid" 2>/dev/null || true)
  if alive "$pid"; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    log "load generator stopped: $(cat "$TESTNET_HOME/load.out" 2>/dev/null)"
  fi
  rm -f "$TESTNET_HOME/load.pid"
}
# avoid WHAT: the load skips node indexes WHAT (or "pause": sends nothing); avoid "" resumes.
avoid() { echo "$1" >"$CONTROL"; }

# check STEP: the three checks, one line in $RESULTS.
check() {
  local step=$1 h0 target i hash app ref_hash="" ref_app="" running=() out
  log "[$step] check 1: blocks resume"
  wait_until "$STEP_TIMEOUT" "[$step] node0 to answer" at_least 0 1
  h0=$(height 0)
  wait_until "$STEP_TIMEOUT" "[$step] node0 to go from height $h0 to $((h0 + 3))" at_least 0 $((h0 + 3))
  for i in $(nodes); do alive "$(pidof_node "$i")" && running+=("$i"); done
  target=$(height 0)
  log "[$step] check 2: nodes ${running[*]} at height $target, same block and app hash"
  for i in "${running[@]}"; do
    wait_until "$STEP_TIMEOUT" "[$step] node$i to reach height $target (at $(height "$i"))" at_least "$i" "$target"
    hash=$(curl -s --max-time 3 "$(rpc "$i")/block?height=$target" | grep -o '"block_id": *{ *"hash": *"[0-9A-F]*"' | grep -o '[0-9A-F]\{64\}' | head -n 1 || true)
    app=$(field "$i" "/block?height=$target" app_hash)
    [ -n "$hash" ] && [ -n "$app" ] || die "[$step] node$i: no block $target (hash '$hash', app hash '$app')"
    if [ -z "$ref_hash" ]; then ref_hash=$hash ref_app=$app; fi
    [ "$hash" = "$ref_hash" ] || die "[$step] block $target: node$i has hash $hash, node${running[0]} $ref_hash"
    [ "$app" = "$ref_app" ] || die "[$step] block $target: node$i has app hash $app, node${running[0]} $ref_app"
  done
  log "[$step] height $target: block $ref_hash app hash $ref_app on ${#running[@]} nodes"
  log "[$step] check 3: every accepted tx in exactly one block"
  out=$("$LOAD" verify -rpc "$(rpc 0)" -accepted "$ACCEPTED" -wait "${STEP_TIMEOUT}s" 2>&1) ||
    die "[$step] accepted txs: $out"
  log "[$step] $out"
  printf 'step=%s height=%s nodes=%s app_hash=%s verify=%s\n' "$step" "$target" "${#running[@]}" "$ref_app" "$out" >>"$RESULTS"
  log "[$step] passed"
}

# isolate I: the load stops sending to node I; two blocks later every tx it sent there is in a
# block or in the other nodes' mempools (gossip takes milliseconds; node I's mempool itself
# keeps receiving the others' txs, so it is not waited on to be empty).
isolate() {
  local h
  avoid "$1"
  h=$(height 0)
  wait_until "$STEP_TIMEOUT" "two blocks after the load left node$1" at_least 0 $((h + 2))
}

step_kill() {
  local v=3 pid h
  log "[kill] kill -9 node$v"
  isolate "$v"
  pid=$(pidof_node "$v")
  alive "$pid" || die "[kill] node$v is not running"
  kill -9 "$pid"
  wait_until 30 "[kill] node$v (pid $pid) to die" dead "$pid"
  h=$(height 0)
  wait_until "$STEP_TIMEOUT" "[kill] the chain to go on without node$v" at_least 0 $((h + 3))
  "${TESTNET[@]}" start-node "$v" >/dev/null
  h=$(height 0)
  wait_until "$STEP_TIMEOUT" "[kill] node$v to catch up to $h" at_least "$v" "$h"
  avoid ""
  check kill
}

step_pause() {
  local v=2 pid h t
  log "[pause] SIGSTOP node$v for ${PAUSE_SECONDS}s"
  isolate "$v"
  pid=$(pidof_node "$v")
  alive "$pid" || die "[pause] node$v is not running"
  kill -STOP "$pid"
  h=$(height 0)
  for ((t = 0; t < PAUSE_SECONDS; t++)); do sleep 1; done
  at_least 0 $((h + 3)) || { kill -CONT "$pid"; die "[pause] the chain stalled while node$v was stopped (height $h -> $(height 0))"; }
  kill -CONT "$pid"
  log "[pause] SIGCONT node$v; the chain went from $h to $(height 0) meanwhile"
  h=$(height 0)
  wait_until "$STEP_TIMEOUT" "[pause] node$v to catch up to $h" at_least "$v" "$h"
  avoid ""
  check pause
}

step_all() {
  local i pids=() all=() h
  for ((i = 0; i < VALIDATORS; i++)); do all+=("$i"); done
  log "[all] kill -9 every validator at once"
  avoid pause
  wait_until "$STEP_TIMEOUT" "[all] every mempool to empty" all_mempools_empty "${all[@]}"
  h=$(height 0)
  for i in "${all[@]}"; do pids+=("$(pidof_node "$i")"); done
  kill -9 "${pids[@]}"
  for i in "${pids[@]}"; do wait_until 30 "[all] pid $i to die" dead "$i"; done
  log "[all] all ${#pids[@]} validators killed at height $h; restarting them"
  for i in "${all[@]}"; do "${TESTNET[@]}" start-node "$i" >/dev/null; done
  wait_until "$STEP_TIMEOUT" "[all] blocks to resume after height $h" at_least 0 $((h + 2))
  avoid ""
  check all
}

step_join() {
  local step=$1 i=$2
  log "[$step] node$i joins by $step"
  WAIT_SECONDS=$STEP_TIMEOUT DMEX_NO_BUILD=1 "${TESTNET[@]}" add-node "$i" "$step" | sed 's/^/  /' ||
    die "[$step] add-node $i $step failed"
  if [ "$step" = statesync ]; then
    local earliest
    earliest=$(field "$i" /status earliest_block_height)
    [ -n "$earliest" ] && [ "$earliest" -gt 1 ] || die "[statesync] node$i holds blocks from $earliest: it did not restore a snapshot"
    log "[statesync] node$i restored a snapshot: its first block is $earliest"
  fi
  check "$step"
}

build() {
  [ "${DMEX_NO_BUILD:-0}" = 1 ] && return 0
  log "building dmexd and dmexd-load"
  (cd "$ROOT" && go build -buildvcs=false -o "$DMEXD" ./cmd/dmexd && go build -buildvcs=false -o "$LOAD" ./cmd/dmexd-load)
}

up() {
  build
  log "creating a $VALIDATORS-validator testnet in $TESTNET_HOME (base port $BASE_PORT, snapshots every $SNAPSHOT_INTERVAL blocks)"
  local out
  out=$(DMEX_NO_BUILD=1 "${TESTNET[@]}" "$VALIDATORS" 2>&1) || { echo "$out" >&2; die "testnet.sh $VALIDATORS failed"; }
  echo "$out" >"$TESTNET_HOME/up.log"
  BASE_PORT=$(sed -n 's/^BASE_PORT=//p' "$TESTNET_HOME/testnet.env")
  : >"$RESULTS"
  load_start
}

down() {
  [ -d "$TESTNET_HOME" ] || return 0
  load_stop
  "${TESTNET[@]}" stop >/dev/null
  log "stopped the load and every node of $TESTNET_HOME"
}

case "${1:-}" in
run-all)
  start=$(date +%s)
  up
  sleep 5
  step_kill
  step_pause
  step_all
  step_join statesync 4
  step_join blocksync 5
  load_stop
  avoid ""
  "$LOAD" verify -rpc "$(rpc 0)" -accepted "$ACCEPTED" -wait "${STEP_TIMEOUT}s" >"$TESTNET_HOME/final-verify.json" 2>&1 ||
    die "final check: $(cat "$TESTNET_HOME/final-verify.json")"
  steps=$(wc -l <"$RESULTS")
  log "final: $(cat "$TESTNET_HOME/final-verify.json")"
  log "load: $(cat "$TESTNET_HOME/load.out")"
  echo "CHAOS RESULT steps=$steps/5 seconds=$(($(date +%s) - start)) final=$(cat "$TESTNET_HOME/final-verify.json")"
  if [ "${CHAOS_KEEP:-0}" != 1 ]; then down; fi
  ;;
up) up ;;
kill) step_kill ;;
pause) step_pause ;;
all) step_all ;;
statesync) step_join statesync "${2:-4}" ;;
blocksync) step_join blocksync "${2:-5}" ;;
check) check check ;;
down) down ;;
-h | --help | help | "") sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' ;;
*) die "unknown step '$1' (scripts/chaos.sh help)" ;;
esac
