#!/usr/bin/env bash
# Installs what Gongkai Dispatch needs on a Debian 12 machine, and nothing twice: Debian's redis-server (no npm
# package ships one), Chromium and CJK fonts (browser tests, gazette PDFs), then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -n "$(fc-list ':lang=zh' 2>/dev/null | head -1)" ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci only when the lockfile changed since the last install (it takes a minute)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
