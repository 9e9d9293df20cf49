"""Forwarding pages at the permanent address of a version that is the current one.

A version's permanent address SLUG-vYYYY-MM-DD/ (versions.assign_addresses) must always
show that version's text.  While the version is the one the work's address SLUG/ shows, its
pages are rendered there only, and its permanent address holds, for each of its pages, a small
HTML page written here (not rendered by MkDocs) that forwards to the same page under SLUG/,
keeping the #fragment: a script first (location.replace, also from file://), a meta refresh
for browsers without scripts (the fragment is then lost: the reader lands on the page's top).
Once a later text is in force, the version is rendered at its permanent address instead
(writers/markdown.py), so the text found there never changes.

These pages are not in the sitemap (mkdocs_run._sitemap lists rendered pages only) nor in the
search index (which indexes every text once, where it is rendered).
"""
from __future__ import annotations

import html
import json

MARK = "<!-- regsite:forward -->"      # first line of every forwarding page (checks, tests)


def pages(doc, files: dict) -> dict[str, str]:
    """{ADDRESS/page.html: forwarding page} for each Markdown page of `files` (the document's
    pages under doc.slug), when the document's permanent address is not where it is rendered."""
    info = doc.derived.get("version") or {}
    address = info.get("address")
    if not address or address == doc.slug:
        return {}
    out = {}
    prefix = f"{doc.slug}/"
    for path in sorted(files):
        if not path.startswith(prefix) or not path.endswith(".md"):
            continue
        name = path[len(prefix):-3] + ".html"
        out[f"{address}/{name}"] = page(doc.title, info.get("label", ""), f"../{doc.slug}/{name}")
    return out


def page(title: str, label: str, target: str) -> str:
    name = html.escape(f"《{title}》{label}")
    href = html.escape(target, quote=True)
    return (f"<!doctype html>\n{MARK}\n"
            '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{name}</title>\n"
            '<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{href}">\n'
            f"<script>location.replace({json.dumps(target)} + location.hash);</script>\n"
            f'<meta http-equiv="refresh" content="0; url={href}">\n'
            "</head>\n<body>\n"
            f"<p>这是{name}的永久地址。这一文本目前就是作品地址所显示的文本，正在转到 <a href=\"{href}\">{href}</a>。</p>\n"
            "</body>\n</html>\n")
