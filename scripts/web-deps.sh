#!/usr/bin/env bash
# Installs what the web app's browser test (tests/e2e/web_test.go) needs: Debian's chromium (and
# Node.js and npm, for scripts/web.sh), with apt-get when missing. Needs root for apt-get.
set -euo pipefail
missing=()
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "web-deps: ${missing[*]} missing; install them (as root: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "web-deps: apt-get install ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
