"""MkDocs hooks, kept small so the site can move to another MkDocs-compatible engine:
navigation from the generated docs/.nav.yml, sharding of large builds, compact HTML.
(The copy-link / copy-citation buttons are added by overrides/assets/regsite.js.)"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import yaml
from markdown.extensions import Extension

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))     # hooks load by file path
from build_tools import site_nav  # noqa: E402

PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
INDENT = re.compile(r"\n\s*")


def _shard():
    """REGSITE_SHARD=k/n: this MkDocs process renders every n-th page, starting at k."""
    value = os.environ.get("REGSITE_SHARD")
    if not value:
        return None
    k, n = (int(x) for x in value.split("/"))
    return k, n


# Inline patterns the generated Markdown never needs: it writes no reference, image or auto
# link.  Kept: backtick (file names), escape, link, linebreak, entity, em_strong (the home
# page's **状态**) and html: the comparison pages (新旧对照) mark changes with <del>, <ins>
# and <br> in table cells; source text never reaches it as HTML (markdown.escape turns < into &lt;).
UNUSED_INLINE = ("reference", "image_link", "image_reference", "short_reference",
                 "short_image_ref", "autolink", "automail")


class _LeanInline(Extension):
    """Each page's text runs through 7 inline patterns, not 14 (the HTML is the same:
    tests/test_site.py builds the seeds both ways)."""

    def extendMarkdown(self, md):
        for name in UNUSED_INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)


def on_config(config):
    if os.environ.get("REGSITE_FULL_MARKDOWN") != "1":
        config["markdown_extensions"].append(_LeanInline())
    nav_file = Path(config["docs_dir"]) / ".nav.yml"
    if config.get("nav") is None and nav_file.exists():
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # libyaml: a large nav loads 10x faster
        config["nav"] = yaml.load(nav_file.read_text(encoding="utf-8"), Loader=loader)
    shard = _shard()
    if shard and shard[0] != 0:
        config["theme"].static_templates.clear()      # 404.html, sitemap: shard 0 writes them
    return config


def on_nav(nav, config, files):
    """With a shard set, the whole navigation is known, but only this shard's pages (and,
    for shard 0, the static files) are rendered."""
    shard = _shard()
    if shard:
        from mkdocs.structure.files import InclusionLevel
        k, n = shard
        pages = sorted((f for f in files if f.is_documentation_page()), key=lambda f: f.src_uri)
        mine = {id(f) for i, f in enumerate(pages) if i % n == k}
        for f in files:
            if (f.is_documentation_page() and id(f) not in mine) or \
                    (not f.is_documentation_page() and k != 0):
                f.inclusion = InclusionLevel.EXCLUDED
    return nav


def on_page_context(context, page, config, nav):
    """The navigation's items, written by site_nav.py instead of Material's Jinja partials."""
    if os.environ.get("REGSITE_MATERIAL_NAV") != "1":
        context["regsite_nav_items"] = site_nav.items(nav, page)
    return context


def on_post_page(output, page, config):
    """Drop the templates' indentation and blank lines (about 30 % of a chapter page);
    a newline stays wherever there was one, so the rendering does not change."""
    parts = PRE.split(output)
    return "".join(part if i % 2 else INDENT.sub("\n", part) for i, part in enumerate(parts))
