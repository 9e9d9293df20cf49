#!/usr/bin/env bash
# Run the whole test suite (unit, seed, corpus, site and browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
# two workers (pytest-xdist), each test file in one of them: its module fixtures are built once
exec .venv/bin/python -m pytest -q -n 2 --dist loadfile "$@"
