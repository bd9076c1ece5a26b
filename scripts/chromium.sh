#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (Playwright never downloads a browser here).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "Installing Chromium from Debian's packages…" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
  echo "chromium.sh: Chromium is missing and installing it needs root: apt-get install chromium" >&2; exit 1; fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
