"""Names, paths and the error shared by the bundle's modules."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OFFLINE_CONFIG = ROOT / "mkdocs.offline.yml"
CACHE = ROOT / ".build-cache" / "npm"
STABLE_NAME = "regsite-offline.zip"
ABOUT_PAGE = "offline.md"
ABOUT_TITLE = "关于本离线包"
INFO_FILE = "BUNDLE.txt"


class BundleError(Exception):
    pass


def say(msg: str):
    from ..console import say as _say
    _say(msg)
