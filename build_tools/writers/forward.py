"""Forwarding pages: a current text's permanent address, and every text's former addresses.

A version's permanent address SLUG-vYYYY-MM-DD/ (versions.assign_addresses) must always
show that version's text.  While the version is the one the work's address SLUG/ shows, its
pages are rendered there only, and its permanent address holds, for each of its pages, a small
HTML page written here (not rendered by MkDocs) that forwards to the same page under SLUG/,
keeping the #fragment: a script first (location.replace, also from file://), a meta refresh
for browsers without scripts (the fragment is then lost: the reader lands on the page's top).
Once a later text is in force, the version is rendered at its permanent address instead
(writers/markdown.py), so the text found there never changes.  The address a version had, or
would have had, as the only text of its work (versions.assign_aliases) forwards the same way.

These pages are not in the sitemap (mkdocs_run._sitemap lists rendered pages only) nor in the
search index (which indexes every text once, where it is rendered).
"""
from __future__ import annotations

import html
import json

MARK = "<!-- regsite:forward -->"      # first line of every forwarding page (checks, tests)


def pages(doc, files: dict) -> dict[str, str]:
    """{ADDRESS/page.html: forwarding page} for each Markdown page of `files` (the document's
    pages under doc.slug), at the document's permanent address when it is not where it is
    rendered, and at each of its former addresses (versions.assign_aliases)."""
    info = doc.derived.version_or_blank
    address = info.address
    label = info.label
    names = []
    prefix = f"{doc.slug}/"
    for path in sorted(files):
        if path.startswith(prefix) and path.endswith(".md"):
            names.append(path[len(prefix):-3] + ".html")
    targets = [(address, "")] if address and address != doc.slug else []
    targets += [(alias, address) for alias in info.aliases]
    return {f"{where}/{name}": page(doc.title, label, f"../{doc.slug}/{name}", former=former)
            for where, former in targets for name in names}


def page(title: str, label: str, target: str, former: str = "") -> str:
    """The forwarding page; `former` (the text's permanent address now) for an address the
    text had, or would have had, as the only text of its work."""
    name = html.escape(f"《{title}》{label}")
    href = html.escape(target, quote=True)
    if former:
        said = (f"这是{name}作为本站所收该作品唯一文本时的永久地址。该作品收录了其他文本后，"
                f"这一文本的永久地址为 {html.escape(former)}/，正在转到 <a href=\"{href}\">{href}</a>。")
    else:
        said = f"这是{name}的永久地址。这一文本目前就是作品地址所显示的文本，正在转到 <a href=\"{href}\">{href}</a>。"
    return (f"<!doctype html>\n{MARK}\n"
            '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{name}</title>\n"
            '<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{href}">\n'
            f"<script>location.replace({json.dumps(target)} + location.hash);</script>\n"
            f'<meta http-equiv="refresh" content="0; url={href}">\n'
            "</head>\n<body>\n"
            f"<p>{said}</p>\n"
            "</body>\n</html>\n")
