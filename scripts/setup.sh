#!/usr/bin/env bash
# Installs what Gongkai Dispatch needs on a Debian 12 machine, and nothing twice: Debian's redis-server (no npm
# package ships one), Chromium, Firefox ESR and CJK fonts (browser tests, gazette PDFs), faketime (the date-sensitive
# specs on other days), wrk (the screen_feeds benchmark), then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
command -v faketime >/dev/null 2>&1 || need+=(faketime) # scripts/test-dates.sh moves the clock with it
command -v wrk >/dev/null 2>&1 || need+=(wrk) # the screen_feeds benchmark's load generator (C: leaves the 2 cores to the API)
[ -n "$(fc-list ':lang=zh' 2>/dev/null | head -1)" ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]} from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Install only when the lockfile changed since the last install (it takes a minute or two). npm ci first; on
# machines whose registry omits other platforms' optional packages from the lockfile (seen with jest's
# unrs-resolver and bullmq's msgpackr-extract), npm ci refuses the lockfile as out of sync, and npm install,
# which installs the same locked versions, is the way through.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund 2>/tmp/gkd-npm-ci.log || {
    grep -q 'in sync' /tmp/gkd-npm-ci.log || { cat /tmp/gkd-npm-ci.log; exit 1; }
    echo "setup: npm ci refused the lockfile (this registry leaves out other platforms' optional packages); using npm install"
    npm install --no-audit --no-fund
  }
fi
