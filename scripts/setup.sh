#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine (Python 3.11, root):
# a virtual environment with the pinned packages, and with --browser Debian's Chromium
# (for the browser tests; no browser download) and a CJK font for screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv" >&2
  "$PY" -m venv .venv
fi
want=$(sha256sum requirements.txt | cut -d' ' -f1)
have=$(cat .venv/.requirements.sha 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "== installing pinned packages (requirements.txt)" >&2
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > .venv/.requirements.sha
fi
if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk'; then
    echo "== installing Debian's chromium and a CJK font" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends chromium fonts-wqy-microhei >/dev/null
  fi
fi
