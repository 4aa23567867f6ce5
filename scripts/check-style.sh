#!/usr/bin/env bash
# The style check scripts/test.sh runs (docs/contributing.md): lines of at most 120 characters as a ratchet against
# scripts/style/long-lines-baseline.txt, LF line ends and a final newline, no tabs or trailing whitespace,
# file-scoped namespaces. `--update` rewrites the baseline after lines were wrapped, so the ratchet tightens.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec /usr/bin/env python3 "$root/scripts/style/check_style.py" "$@"
