#!/usr/bin/env bash
# The main job: install what is missing, build, and run the demo A/B experiment (SQLite database under ~/.ailab).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
exec "$root/ailab" demo "$@"
