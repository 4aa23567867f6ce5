#!/usr/bin/env bash
# Installs what AiLab needs beyond the .NET SDK, idempotently: git, Debian's PyTorch, NumPy and SciPy (the
# examples' runtime and the statistics oracle). Safe to run again; does nothing when everything is there.
set -euo pipefail

need=()
command -v git >/dev/null 2>&1 || need+=(git)
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy)
/usr/bin/python3 -c 'import scipy' >/dev/null 2>&1 || need+=(python3-scipy)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
/usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1 || need+=(python3-sklearn)

if ((${#need[@]})); then
  echo "setup: installing ${need[*]} (Debian packages)" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install ${need[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
"$(dirname "${BASH_SOURCE[0]}")/setup-chromium.sh"
"$(dirname "${BASH_SOURCE[0]}")/setup-slurm.sh"   # Slurm and MUNGE for the Slurm executor's tests
command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
"$(dirname "${BASH_SOURCE[0]}")/setup-postgres.sh"   # the PostgreSQL store and its tests
