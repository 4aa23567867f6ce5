#!/usr/bin/env bash
# Installs Debian's Chromium for the flame-graph screenshot test (headless); quiet and quick when it is there.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "setup-chromium: installing chromium (Debian package)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
