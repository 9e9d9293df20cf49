#!/usr/bin/env bash
# Build the site from seeds/ (or the folder given) into site/, setting up what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m build_tools build "$@"
