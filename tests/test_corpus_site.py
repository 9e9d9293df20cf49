"""The whole corpus as one site: every page is written and every internal link resolves.

Every link is checked in the generated Markdown of all 3,475 documents; MkDocs renders one
page in SHARD_OF (its shard filter, the same one parallel builds use), and the rendered
pages' links are checked against the HTML ids of rendered targets or, for the others, the ids
their Markdown declares (the rendered pages prove the two agree).  The whole corpus rendered
by MkDocs is the slower job `REGSITE_CORPUS_SITE=full .venv/bin/python -m pytest -q
tests/test_corpus_site.py` (README).  Not a timed test: figures are in docs-dev/benchmarks.md.
"""
import os
import posixpath
import re
from urllib.parse import unquote

import pytest

from conftest import CORPUS, ROOT

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")

SHARD_OF = 1 if os.environ.get("REGSITE_CORPUS_SITE") == "full" else 15
HREF = re.compile(r'href="([^"]+)"')
ID = re.compile(r'\bid="([^"]+)"')
MD_LINK = re.compile(r'\]\(([^)\s]*)(?:\s+"[^"]*")?\)')
MD_ID = re.compile(r'\{:?\s*#([^\s}]+)|\bid="([^"]+)"')
EXTERNAL = ("http:", "https:", "mailto:", "javascript:", "data:")


@pytest.fixture(scope="module")
def corpus_markdown(tmp_path_factory, corpus_read_once):
    """The corpus written as `build` writes it (model cache, parallel reading, forked search
    index); its documents come from the run's corpus cache, read once (conftest)."""
    from build_tools import commands, loading
    from build_tools.transforms import Context
    from conftest import TODAY
    with corpus_read_once() as (filled, fill):
        if not filled():
            loading.read_sources(CORPUS, Context(TODAY))
            fill()
    out = tmp_path_factory.mktemp("corpus-site")
    docs, failures, _ = commands.generate(CORPUS, out / "docs", Context(TODAY))
    assert not failures
    return docs, out


@pytest.fixture(scope="module")
def markdown(corpus_markdown):
    """{page path relative to docs/ (posix): (ids it declares, link targets it holds)}"""
    docs, out = corpus_markdown
    root = out / "docs"
    found = {}
    for p in root.rglob("*.md"):
        text = p.read_text(encoding="utf-8")
        found[p.relative_to(root).as_posix()] = ({a or b for a, b in MD_ID.findall(text)}, MD_LINK.findall(text))
    return found


@pytest.fixture(scope="module")
def md_ids(markdown):
    return {k: v[0] for k, v in markdown.items()}


def _join(page: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path))) if path else page


@pytest.fixture(scope="module")
def corpus_site(corpus_markdown, monkeypatch_module):
    from build_tools import mkdocs_run
    docs, out = corpus_markdown
    if SHARD_OF > 1:
        monkeypatch_module.setenv("REGSITE_SHARD", f"0/{SHARD_OF}")
    mkdocs_run._mkdocs_once(ROOT / "mkdocs.yml", out / "site", False, out / "docs", dirty=True)
    return out / "site"


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as m:
        yield m


def test_every_document_and_chapter_has_its_page(corpus_markdown):
    docs, out = corpus_markdown
    for d in docs:
        assert (out / "docs" / d.slug / "index.md").exists(), d.slug
    assert sum(1 for _ in (out / "docs").rglob("*.md")) >= 19_000


def test_every_markdown_link_resolves(markdown, md_ids):
    broken, checked = [], 0
    for page, (_, links) in markdown.items():
        for href in links:
            if href.startswith(EXTERNAL):
                continue
            path, _, anchor = href.partition("#")
            if path and not path.endswith(".md"):
                continue
            target = _join(page, path)
            checked += 1
            if target not in md_ids or (anchor and unquote(anchor) not in md_ids[target]):
                broken.append((page, href))
    assert checked > 400_000
    assert broken == [], broken[:20]


def test_rendered_pages_keep_the_markdown_ids_and_their_links_resolve(corpus_markdown, md_ids, corpus_site):
    docs, out = corpus_markdown
    site = corpus_site
    html = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    rendered = {k: set(ID.findall(t)) for k, t in html.items()}
    pages = [k for k in rendered if k != "404.html"]
    assert len(pages) >= 19_000 / SHARD_OF - 10

    def ids_of(target: str):
        if target in rendered:
            return rendered[target]
        return md_ids.get(target[:-len(".html")] + ".md")

    broken, checked = [], 0
    for page in pages:
        md = page[:-len(".html")] + ".md"
        if md in md_ids:
            assert md_ids[md] <= rendered[page], page          # every declared id is on the page
        for href in HREF.findall(html[page]):
            if href.startswith(EXTERNAL) or not href.split("#")[0].endswith(".html") and not href.startswith("#"):
                continue
            path, _, anchor = href.partition("#")
            target = _join(page, path)
            ids = ids_of(target)
            checked += 1
            if ids is None or (anchor and unquote(anchor) not in ids):
                broken.append((page, href))
    assert checked > 500_000 / SHARD_OF
    assert broken == [], broken[:20]
