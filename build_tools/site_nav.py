"""The primary navigation's items as Material's partials (nav-item.html, toc.html,
toc-item.html of Material 9.8) render them for this site's features (navigation.prune, no
tabs, sections, indexes or integrated table of contents), written by Python: Jinja spent about
a third of the MkDocs build on them (docs-dev/benchmarks.md).  Once compacted by the hook, the
HTML is the same byte for byte: tests/test_site.py builds the seeds both ways, and
REGSITE_MATERIAL_NAV=1 renders with Material's own partials.
"""
from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.utils import normalize_url


TOC_TITLE = "目录"      # Material's lang.t("toc") for theme.language zh


def items(nav, page, toc_title: str = TOC_TITLE) -> str:
    out: list[str] = []
    for i, item in enumerate(nav.items, 1):
        _item(out, item, f"__nav_{i}", 1, page, toc_title)
    return "\n".join(out)


def _content(title) -> str:
    return f'<span class="md-ellipsis">\n{title}\n</span>'


def _item(out, item, path, level, page, toc_title):
    children = getattr(item, "children", None)
    if children:
        if item.active:
            out.append(f'<li class="md-nav__item md-nav__item--active md-nav__item--nested">\n'
                       f'<input class="md-nav__toggle md-toggle " type="checkbox" id="{path}" checked>\n'
                       f'<label class="md-nav__link" for="{path}" id="{path}_label" tabindex="0">\n'
                       f'{_content(item.title)}\n<span class="md-nav__icon md-icon"></span>\n</label>\n'
                       f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" '
                       f'aria-expanded="true">\n<label class="md-nav__title" for="{path}">\n'
                       f'<span class="md-nav__icon md-icon"></span>\n{item.title}\n</label>\n'
                       f'<ul class="md-nav__list" data-md-scrollfix>')
            for i, child in enumerate(children, 1):
                _item(out, child, f"{path}_{i}", level + 1, page, toc_title)
            out.append("</ul>\n</nav>\n</li>")
        else:
            first = item
            while first.children and first.children[0].children:
                first = first.children[0]
            target = first.children[0]
            out.append(f'<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">\n'
                       f'<a href="{normalize_url(str(target.url), page=page)}" class="md-nav__link">\n'
                       f'{_content(item.title)}\n<span class="md-nav__icon md-icon"></span>\n</a>\n</li>')
    elif item == page:
        toc = list(page.toc)
        if toc and toc[0].level == 1:
            toc = toc[0].children
        parts = ['<li class="md-nav__item md-nav__item--active">\n'
                 '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">']
        if toc:
            parts.append(f'<label class="md-nav__link md-nav__link--active" for="__toc">\n'
                         f'{_content(item.title)}\n<span class="md-nav__icon md-icon"></span>\n</label>')
        parts.append(f'<a href="{normalize_url(str(item.url), page=page)}" '
                     f'class="md-nav__link md-nav__link--active">\n{_content(item.title)}\n</a>')
        if toc:
            parts.append(_toc(toc, toc_title))
        parts.append("</li>")
        out.append("\n".join(parts))
    else:
        out.append(f'<li class="md-nav__item">\n<a href="{normalize_url(str(item.url), page=page)}" '
                   f'class="md-nav__link">\n{_content(item.title)}\n</a>\n</li>')


def _toc(toc, title) -> str:
    out = [f'<nav class="md-nav md-nav--secondary" aria-label="{escape(title)}">\n'
           f'<label class="md-nav__title" for="__toc">\n<span class="md-nav__icon md-icon"></span>\n'
           f'{title}\n</label>\n<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>']
    for entry in toc:
        _toc_item(out, entry)
    out.append("</ul>\n</nav>")
    return "\n".join(out)


def _toc_item(out, entry):
    out.append(f'<li class="md-nav__item">\n<a href="{entry.url}" class="md-nav__link">\n'
               f'{_content(entry.title)}\n</a>')
    if entry.children:
        out.append(f'<nav class="md-nav" aria-label="{escape(Markup(entry.title).striptags())}">\n'
                   f'<ul class="md-nav__list">')
        for child in entry.children:
            _toc_item(out, child)
        out.append("</ul>\n</nav>")
    out.append("</li>")
