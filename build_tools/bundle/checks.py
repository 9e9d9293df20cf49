"""Checks of the bundle: its configuration keeps every plugin and vendored script, and no page loads from a host."""
from __future__ import annotations

import re
from pathlib import Path

from .base import BundleError
from .vendor import VENDOR

# A load from elsewhere: <script src>, <img src>, <link href> other than canonical/alternate,
# CSS url(...) and @import, and the unpkg default of the offline plugin.
_TAG_URL = re.compile(r'<(script|img|iframe|source|audio|video|embed|link)\b([^>]*?)\s(src|href)="([^"]*)"', re.I)
_CSS_URL = re.compile(r'(?:url\(\s*["\']?|@import\s+["\'])((?:https?:)?//[^"\')\s]+)', re.I)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# Material's bundle loads from hosts only when the page has these (mermaid diagrams, repo_url).
_TRIGGERS = {'class="mermaid"': "unpkg.com/mermaid", 'data-md-component="source"': "api.github.com"}


def remote_loads(site: Path) -> list[str]:
    """Every reference in the built site that would make the browser load something from a host."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or path.name.endswith(".map"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            if "unpkg.com" in text:
                found.append(f"{rel}: unpkg.com")
            found += [f"{rel}: {trigger} → {host}" for trigger, host in _TRIGGERS.items() if trigger in text]
            for tag, attrs, _attr, url in _TAG_URL.findall(text):
                if tag.lower() == "link" and re.search(r'rel="(canonical|alternate|prev|next)"', attrs):
                    continue
                if _REMOTE.match(url.strip()):
                    found.append(f"{rel}: <{tag} {url}>")
        if path.suffix in (".css", ".html"):
            found += [f"{rel}: {url}" for url in _CSS_URL.findall(text)]
    return found


def _plugin_names(plugins) -> list[str]:
    if isinstance(plugins, dict):
        return list(plugins)
    return [next(iter(p)) if isinstance(p, dict) else p for p in plugins or []]


def check_config(path: Path):
    """The bundle config must keep every plugin of the config it inherits, and add offline."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader
    with open(path, "rb") as fd:
        own = yaml.load(fd, Loader=get_yaml_loader()) or {}
    parent = own.get("INHERIT")
    if not parent:
        raise BundleError(f"{path.name}: 应以 INHERIT 继承 mkdocs.yml")
    base = _raw_config(path.parent / parent)
    names = _plugin_names(own.get("plugins", base.get("plugins")))
    missing = [n for n in _plugin_names(base.get("plugins")) if n not in names]
    if missing:
        raise BundleError(f"{path.name}: plugins 缺少 {parent} 中的 {', '.join(missing)}（列表不会继承，需照抄）")
    if "offline" not in names:
        raise BundleError(f"{path.name}: plugins 中没有 offline")
    polyfills = (own.get("extra") or {}).get("polyfills") or []
    for pkg in VENDOR:
        if pkg["dest"] not in polyfills:
            raise BundleError(f"{path.name}: extra.polyfills 中没有 {pkg['dest']}")


def _raw_config(path: Path) -> dict:
    """The merged YAML of a config (INHERIT followed), without validating it."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load
    with open(path, "rb") as fd:
        return yaml_load(fd, get_yaml_loader())
