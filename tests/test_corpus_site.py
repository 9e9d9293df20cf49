"""The whole corpus as one site: the build completes and every internal link resolves.

Not a timed test: the figures are measured by benchmarks/bench.py (docs-dev/benchmarks.md).
"""
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import CORPUS, ROOT

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")

HREF = re.compile(r'href="([^"]+)"')
ID = re.compile(r'\bid="([^"]+)"')


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    """The corpus built as `build` builds it (model cache, parallel reading, forked search
    index, sharded MkDocs)."""
    from build_tools import commands
    from build_tools.transforms import Context
    from conftest import TODAY
    out = tmp_path_factory.mktemp("corpus-site")
    docs, failures, _ = commands.generate(CORPUS, out / "docs", Context(TODAY))
    assert not failures
    commands.mkdocs_build(ROOT / "mkdocs.yml", out / "site", docs_dir=out / "docs")
    return docs, out / "site"


def test_every_document_and_chapter_has_its_page(corpus_site):
    docs, site = corpus_site
    for d in docs:
        assert (site / d.slug / "index.html").exists(), d.slug
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 19_000


def test_every_internal_link_resolves(corpus_site):
    docs, site = corpus_site
    ids: dict[Path, set] = {}
    broken = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        ids[page] = set(ID.findall(page.read_text(encoding="utf-8")))
    checked = 0
    for page in pages:
        if page.name == "404.html":
            continue
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:", "mailto:", "javascript:", "data:")) or not href.split("#")[0].endswith(".html") and not href.startswith("#"):
                continue
            path, _, anchor = href.partition("#")
            target = (page.parent / unquote(path)).resolve() if path else page
            checked += 1
            if target not in ids:
                broken.append((str(page.relative_to(site)), href))
            elif anchor and unquote(anchor) not in ids[target]:
                broken.append((str(page.relative_to(site)), href))
    assert checked > 500_000
    assert broken == [], broken[:20]
