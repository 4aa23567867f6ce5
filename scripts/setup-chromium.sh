#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser tests (tests/AiLab.Server.Tests/Browser), idempotently and
# quietly when it is there. Playwright drives it through ExecutablePath=/usr/bin/chromium: no browser download.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
echo "setup-chromium: installing chromium (Debian package)" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup-chromium: need root or sudo to install chromium" >&2; exit 1; }
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
