"""MkDocs hooks, kept small so the site can move to another MkDocs-compatible engine:
navigation from the generated docs/.nav.yml, sharding of large builds, compact HTML, the
faster Markdown of site_markdown.py.
(The copy-link / copy-citation buttons are added by overrides/assets/regsite.js.)"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))     # hooks load by file path
from build_tools import site_markdown, site_nav  # noqa: E402

PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
INDENT = re.compile(r"\n\s*")


def _shard():
    """REGSITE_SHARD=k/n: this MkDocs process renders every n-th page, starting at k."""
    value = os.environ.get("REGSITE_SHARD")
    if not value:
        return None
    k, n = (int(x) for x in value.split("/"))
    return k, n


def on_config(config):
    if os.environ.get("REGSITE_FULL_MARKDOWN") != "1":        # REGSITE_PLAIN_BLOCKS=1: no site_blocks
        blocks = os.environ.get("REGSITE_PLAIN_BLOCKS") != "1"
        config["markdown_extensions"].append(site_markdown.LeanMarkdown(blocks=blocks))
    nav_file = Path(config["docs_dir"]) / ".nav.yml"
    if config.get("nav") is None and nav_file.exists():
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # libyaml: a large nav loads 10x faster
        config["nav"] = yaml.load(nav_file.read_text(encoding="utf-8"), Loader=loader)
    shard = _shard()
    if shard and shard[0] != 0:
        config["theme"].static_templates.clear()      # 404.html, sitemap: shard 0 writes them
    return config


def on_env(env, config, files):
    """A template is read once per build: the environment does not look at each template
    file's time stamp again at every include (about 40 per page)."""
    env.auto_reload = False
    return env


def on_nav(nav, config, files):
    """With a shard set, the whole navigation is known, but only this shard's pages and
    static files (the search index's, the theme's) are written: every n-th of each, in the
    order of their paths."""
    shard = _shard()
    if shard:
        from mkdocs.structure.files import InclusionLevel
        k, n = shard
        pages = sorted((f for f in files if f.is_documentation_page()), key=lambda f: f.src_uri)
        others = sorted((f for f in files if not f.is_documentation_page()), key=lambda f: f.src_uri)
        mine = {id(f) for group in (pages, others) for i, f in enumerate(group) if i % n == k}
        for f in files:
            if id(f) not in mine:
                f.inclusion = InclusionLevel.EXCLUDED
    return nav


def on_page_context(context, page, config, nav):
    """The navigation's items and the table of contents, written by site_nav.py instead of
    Material's Jinja partials."""
    if os.environ.get("REGSITE_MATERIAL_NAV") != "1":
        context["regsite_nav_items"], context["regsite_toc"] = site_nav.render(nav, page)
    return context


def on_post_page(output, page, config):
    """Drop the templates' indentation and blank lines (about 30 % of a chapter page);
    a newline stays wherever there was one, so the rendering does not change."""
    parts = PRE.split(output)
    return "".join(part if i % 2 else INDENT.sub("\n", part) for i, part in enumerate(parts))
