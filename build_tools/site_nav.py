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


def render(nav, page, toc_title: str = TOC_TITLE) -> tuple[str, str]:
    """The navigation's items and the page's table of contents (partials/toc.html), which
    Material writes twice: in the secondary sidebar and under the active item of the
    navigation (for narrow screens)."""
    if _CACHE.nav is not nav:
        _CACHE.nav, _CACHE.target, _CACHE.off_path = nav, {}, {}
    toc = list(page.toc)
    if toc and toc[0].level == 1:
        toc = toc[0].children
    toc_html = _toc(toc, toc_title) if toc else \
        f'<nav class="md-nav md-nav--secondary" aria-label="{escape(toc_title)}">\n</nav>'
    out: list[str] = []
    folder = _folder(page.url)
    for i, item in enumerate(nav.items, 1):
        _item(out, item, f"__nav_{i}", 1, page, folder, toc_html if toc else None)
    return "\n".join(out), toc_html


def _folder(url: str) -> tuple[str, ...]:
    """The part of a page's URL that URLs relative to it depend on
    (mkdocs.utils.get_relative_url): its folder when its last part is a file name."""
    head, _, last = url.rpartition("/")
    folder = head if "." in last else url
    return tuple(part for part in folder.split("/") if part)


class _Cache:
    """The HTML of every navigation item off the active path (a pruned section or another
    page), which does not depend on the page it is written into but through the relative URL
    of its link: the same for every page of a folder, and for every folder of the same depth
    that shares no first part with the link's target (get_relative_url then climbs to the
    root).  So a document's pages and all documents share it, and each page writes only its
    active path.  Kept for one navigation (held here, so the ids of its items, the keys, stay
    unique); another navigation (another build in the same process) starts anew."""
    nav: object = None
    target: dict[int, tuple[str, str]] = {}          # id(item) -> (URL of its link, its first part)
    off_path: dict[tuple, str] = {}


_CACHE = _Cache()


def _content(title) -> str:
    return f'<span class="md-ellipsis">\n{title}\n</span>'


def _item(out, item, path, level, page, folder, toc_html):
    if item is page:
        out.append(_active_page(item, page, toc_html))
        return
    children = getattr(item, "children", None)
    if children and item.active:
        out.append(f'<li class="md-nav__item md-nav__item--active md-nav__item--nested">\n'
                   f'<input class="md-nav__toggle md-toggle " type="checkbox" id="{path}" checked>\n'
                   f'<label class="md-nav__link" for="{path}" id="{path}_label" tabindex="0">\n'
                   f'{_content(item.title)}\n<span class="md-nav__icon md-icon"></span>\n</label>\n'
                   f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" '
                   f'aria-expanded="true">\n<label class="md-nav__title" for="{path}">\n'
                   f'<span class="md-nav__icon md-icon"></span>\n{item.title}\n</label>\n'
                   f'<ul class="md-nav__list" data-md-scrollfix>')
        for i, child in enumerate(children, 1):
            _item(out, child, f"{path}_{i}", level + 1, page, folder, toc_html)
        out.append("</ul>\n</nav>\n</li>")
        return
    target = _CACHE.target.get(id(item))
    if target is None:
        target = _CACHE.target[id(item)] = _target(item)
    key = (id(item), folder if folder and folder[0] == target[1] else len(folder))
    html = _CACHE.off_path.get(key)
    if html is None:
        html = _CACHE.off_path[key] = _off_path(item, target[0], page)
    out.append(html)


def _target(item) -> tuple[str, str]:
    """Where an item off the active path links to: a page, or a section's first page."""
    while getattr(item, "children", None):
        item = item.children[0]
    url = str(item.url)
    return url, url.lstrip("/").split("/")[0]


def _off_path(item, url, page) -> str:
    """A section off the active path (pruned: a link to its first page) or another page."""
    if getattr(item, "children", None):
        return (f'<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">\n'
                f'<a href="{normalize_url(url, page=page)}" class="md-nav__link">\n'
                f'{_content(item.title)}\n<span class="md-nav__icon md-icon"></span>\n</a>\n</li>')
    return (f'<li class="md-nav__item">\n<a href="{normalize_url(url, page=page)}" '
            f'class="md-nav__link">\n{_content(item.title)}\n</a>\n</li>')


def _active_page(item, page, toc_html) -> str:
    parts = ['<li class="md-nav__item md-nav__item--active">\n'
             '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">']
    if toc_html:
        parts.append(f'<label class="md-nav__link md-nav__link--active" for="__toc">\n'
                     f'{_content(item.title)}\n<span class="md-nav__icon md-icon"></span>\n</label>')
    parts.append(f'<a href="{normalize_url(str(item.url), page=page)}" '
                 f'class="md-nav__link md-nav__link--active">\n{_content(item.title)}\n</a>')
    if toc_html:
        parts.append(toc_html)
    parts.append("</li>")
    return "\n".join(parts)


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
