#!/usr/bin/env bash
# Builds the DMEX web app (web/) into web/dist: `npm ci` when web/node_modules is missing or older
# than web/package-lock.json, then esbuild (web/build.mjs). Needs Node.js 18+ and npm; installs
# them with apt-get (Debian's nodejs and npm) when missing and running as root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/web"
log() { printf '\033[1m[web]\033[0m %s\n' "$*" >&2; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Node.js and npm (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "web: Node.js 18+ and npm are required to build the web app (apt-get install nodejs npm)" >&2
    exit 1
  fi
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 18 ] || { echo "web: Node.js $major is too old, 18+ is required" >&2; exit 1; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
node build.mjs
