#!/usr/bin/env bash
# Installs Debian's Slurm (slurmctld, slurmd and the client commands) and MUNGE, which the Slurm executor's
# integration tests run against (scripts/start-slurm.sh starts them). Idempotent and quiet when already installed.
set -euo pipefail

need=()
for cmd in slurmctld slurmd sbatch; do command -v "$cmd" >/dev/null 2>&1 || { need+=(slurm-wlm); break; }; done
command -v munged >/dev/null 2>&1 || need+=(munge)
((${#need[@]})) || exit 0

echo "setup-slurm: installing ${need[*]} (Debian packages)" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup-slurm: need root or sudo to install ${need[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
