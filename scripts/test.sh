#!/usr/bin/env bash
# Run the whole test suite (unit, seed, corpus, site and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
exec .venv/bin/python -m pytest -q "$@"
