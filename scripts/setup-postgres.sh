#!/usr/bin/env bash
# Installs PostgreSQL (Debian's package) for the PostgreSQL store and its tests. Idempotent and quiet when it is
# already there.
set -euo pipefail

command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && exit 0
echo "setup-postgres: installing postgresql (Debian package)" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup-postgres: need root or sudo to install postgresql" >&2; exit 1; }
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
