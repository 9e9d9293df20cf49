#!/usr/bin/env bash
# Any build_tools command with the project's pinned packages, from any directory (paths
# given are relative to where you are; defaults are the project's seeds/, docs/, site/):
#   bash scripts/run.sh bundle        bash scripts/run.sh export seeds/000_0674861ecbe1753d.txt
# Sets up .venv first, as scripts/build.sh does.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/scripts/setup.sh" >&2
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
exec "$here/.venv/bin/python" -m build_tools "$@"
