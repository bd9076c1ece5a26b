#!/usr/bin/env bash
# Installs Debian packages for the scripts that need a server or a browser (postgres.sh, redis.sh, chromium.sh):
#   apt-install.sh [apt-get install options] PACKAGE...
# As root directly, else through passwordless sudo; otherwise it says what to install and fails.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
  echo "Installing $* needs root: run this once as root, or apt-get install $* yourself." >&2; exit 1; fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
