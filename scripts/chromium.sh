#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing (Playwright never downloads a browser here).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "Installing Chromium from Debian's packages…" >&2
"$(dirname "$0")/apt-install.sh" chromium fonts-liberation
