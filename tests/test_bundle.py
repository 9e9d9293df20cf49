"""The offline bundle (python -m build_tools bundle): built once per session, unzipped into a
folder whose name has a space and Chinese in it, opened from file:// in Chromium.

Every browser test records every request the page makes; none may leave the bundle
(schemes other than file:, data:, blob:), and none may raise a JavaScript error."""
import datetime as dt
import hashlib
import html.parser
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT, SEED, TODAY

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
DOC = "guiyangshi-suanli-chanye-cujin-tiaoli"     # seed 000
LOCAL = ("file:", "data:", "blob:")
BUILT = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


# ------------------------------------------------------------------ fixtures

@pytest.fixture(scope="session")
def bundle(tmp_path_factory):
    """(Result, unzipped top folder).  Built from the committed docs/ and the seeds, like the
    `site` fixture; the repository's site/ and dist/ are not touched."""
    from build_tools import bundle as bundler
    from build_tools.transforms import Context
    dist = tmp_path_factory.mktemp("dist")
    res = bundler.build(ROOT / "seeds", dist, Context(TODAY), now=BUILT, from_docs=ROOT / "docs")
    where = tmp_path_factory.mktemp("unzipped") / "下载 离线包"
    with zipfile.ZipFile(res.zip_path) as z:
        z.extractall(where)
    return res, where / res.top


@pytest.fixture(scope="session")
def root(bundle):
    return bundle[1]


def url(root: Path, rel: str) -> str:
    return root.joinpath(*rel.split("#")[0].split("/")).as_uri() + ("#" + rel.split("#")[1] if "#" in rel else "")


@pytest.fixture(scope="module")
def chromium():
    from browser import browser
    with browser() as b:
        yield b


class Tab:
    """A page in a fresh context: clipboard allowed, every request recorded, none let out."""

    def __init__(self, b):
        self.ctx = b.new_context(permissions=["clipboard-read", "clipboard-write"])
        self.requests, self.errors = [], []
        self.ctx.on("request", lambda r: self.requests.append(r.url))
        self.ctx.route(re.compile(r"^(?!file:|data:|blob:)"), lambda route: route.abort())
        self.page = self.ctx.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_offline(self):
        assert self.requests, "no request recorded"
        outside = [u for u in self.requests if not u.startswith(LOCAL)]
        assert outside == [], outside
        assert self.errors == []


@pytest.fixture
def tab(chromium):
    t = Tab(chromium)
    yield t
    t.ctx.close()


# ------------------------------------------------------------------ the zip and its contents

def test_zip_names_and_layout(bundle):
    res, top = bundle
    assert res.zip_path.name == "fagui-wenbenku-offline-2026-11-22.zip"
    assert res.stable_path.name == "regsite-offline.zip"
    assert res.stable_path.read_bytes() == res.zip_path.read_bytes()
    assert sorted(p.name for p in res.zip_path.parent.iterdir()) == sorted([res.zip_path.name, "regsite-offline.zip"])
    with zipfile.ZipFile(res.zip_path) as z:
        names = z.namelist()
    assert len(names) == res.files and all(n.startswith(res.top + "/") for n in names)
    for rel in ["index.html", "offline.html", "BUNDLE.txt", f"{DOC}/index.html", f"{DOC}/chp_5.html",
                "assets/vendor/iframe-worker/shim.js", "assets/vendor/iframe-worker/LICENSE",
                "assets/vendor/resize-observer-polyfill/ResizeObserver.global.js"]:
        assert (top / rel).is_file(), rel
    assert not list(top.rglob("*.map")) and not (top / "sitemap.xml").exists()


def test_vendored_scripts_are_the_pinned_files_and_nothing_loads_from_a_host(root):
    from build_tools.bundle import VENDOR, remote_loads
    for pkg in VENDOR:
        assert hashlib.sha256((root / pkg["dest"]).read_bytes()).hexdigest() == pkg["sha256"]
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "fonts.googleapis" not in text, page
        if text.startswith("<!doctype html>\n<!-- regsite:forward -->"):
            continue      # a version's permanent address forwarding to the page (writers/forward.py)
        prefix = "../" * (len(page.relative_to(root).parts) - 1)
        assert f'<script src="{prefix}assets/vendor/iframe-worker/shim.js"></script>' in text, page
    assert remote_loads(root) == []


def test_offline_config_inherits_the_site_config():
    from build_tools.bundle import OFFLINE_CONFIG, _plugin_names, _raw_config, check_config
    check_config(OFFLINE_CONFIG)
    own = yaml.safe_load(re.sub(r"!ENV", "", OFFLINE_CONFIG.read_text(encoding="utf-8")))
    assert own["INHERIT"] == "mkdocs.yml"
    assert "site_url" not in own and "site_dir" not in own   # copied links keep the public address
    merged, base = _raw_config(OFFLINE_CONFIG), _raw_config(ROOT / "mkdocs.yml")
    assert merged["site_url"] == base["site_url"] == SITE_URL
    assert set(_plugin_names(merged["plugins"])) == set(_plugin_names(base["plugins"])) | {"offline"}


def test_bundle_states_build_date_and_document_versions(bundle, seed_docs):
    res, top = bundle
    info = (top / "BUNDLE.txt").read_text(encoding="utf-8")
    about = (top / "offline.html").read_text(encoding="utf-8")
    home = (top / "index.html").read_text(encoding="utf-8")
    assert "生成日期: 2026-11-22" in info and "生成时间: 2026-11-22T09:30:00+08:00" in info
    assert f"公开网址: {SITE_URL}" in info and "mkdocs-material" in info
    assert "2026-11-22 09:30" in about and 'href="offline.html"' in home and "2026-11-22" in home
    blocks = re.split(r"\n(?=\[\d+\] )", info)
    for key, doc in seed_docs.items():
        digest = hashlib.sha256(SEED[key].read_bytes()).hexdigest()
        block = next(b for b in blocks if f"    slug: {doc.slug}\n" in b)
        assert block.split("\n")[0].endswith(doc.title)
        assert f"来源文件: {SEED[key].name}" in block and f"sha256: {digest}" in block
        assert f"状态: {doc.status}" in block
        for value in doc.dates.values():
            assert value in block
        for text in (doc.slug, SEED[key].name, digest):
            assert text in about
    assert "施行日期: 2025-08-01" in next(b for b in blocks if f"slug: {DOC}\n" in b)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _parse(path: Path, cache={}):
    if path not in cache:
        p = _Links()
        p.feed(path.read_text(encoding="utf-8"))
        cache[path] = p
    return cache[path]


def test_every_link_resolves_inside_the_bundle(root):
    """Every relative link names a file of the bundle and an id on it, or a document-level
    anchor (SLUG/index.html#art_31) that the landing page forwards (regsite.js)."""
    checked = 0
    for page in sorted(root.rglob("*.html")):
        for href in _parse(page).hrefs:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file() and root in target.parents, (page, href)
            frag = unquote(parts.fragment)
            checked += 1
            if not frag or target.suffix != ".html" or frag in _parse(target).ids:
                continue
            key = re.match(r"(.*?art_\d+(?:-\d+)?)(?:__|$)", frag)
            key = key.group(1) if key else frag
            onward = [h for h in _parse(target).hrefs if h.split("#")[-1] == key and "#" in h]
            assert target.name == "index.html" and onward, (page, href)
            assert frag in _parse((target.parent / onward[0].split("#")[0]).resolve()).ids, (page, href)
    assert checked > 500


def test_every_article_is_reachable_from_its_landing_page(root):
    """SLUG/index.html#art_N is the address copied for every article: its landing page must hold
    a link to the page that carries that article (regsite.js forwards by it)."""
    articles = 0
    for landing in sorted(root.glob("*/index.html")):
        onward = {h.split("#")[-1]: h.split("#")[0] for h in _parse(landing).hrefs if "#" in h}
        for page in sorted(landing.parent.glob("*.html")):
            for eid in _parse(page).ids:
                if re.fullmatch(r"(?:att_\d+__)?(?:part_\d+__)?art_\d+(?:-\d+)?", eid) and page != landing:
                    articles += 1
                    assert onward.get(eid) == page.name, (landing, eid)
    assert articles > 150


def test_copy_buttons_carry_the_public_address(root):
    """The buttons are built in the browser from the page's metadata: every page with articles
    names the public site address (never file:) and its document."""
    pages = [p for p in root.rglob("*.html") if 'class="article"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f'<meta name="regsite:site-url" content="{SITE_URL}">' in text, page
        assert f'<meta name="regsite:doc" content="{page.parent.name}">' in text, page


# ------------------------------------------------------------------ in Chromium, from file://

def test_pages_navigate(root, tab):
    page = tab.page
    page.goto(url(root, "index.html"))
    page.click(f'.md-content a[href="{DOC}/index.html"]')
    page.wait_for_url(re.compile(rf"/{DOC}/index\.html$"))
    page.click('.md-content a[href="chp_5.html"]')
    page.wait_for_url(re.compile(rf"/{DOC}/chp_5\.html$"))
    assert page.locator("#art_31").is_visible()
    page.click(".md-footer__link--prev")
    page.wait_for_url(re.compile(rf"/{DOC}/chp_4\.html$"))
    page.goto(url(root, "offline.html"))
    page.click(f'.md-content a[href="{DOC}/index.html"]')
    page.wait_for_url(re.compile(rf"/{DOC}/index\.html$"))
    tab.assert_offline()


def test_document_level_link_forwards_to_the_chapter_page(root, tab):
    page = tab.page
    page.goto(url(root, f"{DOC}/index.html#art_31"))
    page.wait_for_url(re.compile(rf"/{DOC}/chp_5\.html#art_31$"))
    heading = page.locator("#art_31")
    heading.wait_for()
    assert heading.is_visible() and "is-target" in heading.get_attribute("class")
    assert page.evaluate("(() => { const r = document.getElementById('art_31').getBoundingClientRect();"
                         " return r.top >= 0 && r.top < innerHeight; })()")
    tab.assert_offline()


def test_copy_link_and_citation_put_the_public_address_on_the_clipboard(root, tab):
    page = tab.page
    page.goto(url(root, f"{DOC}/chp_5.html#art_31"))
    expected = f"{SITE_URL}{DOC}/index.html#art_31"
    version = f"{SITE_URL}{DOC}-v2025-04-29/index.html#art_31"
    page.locator("#art_31 .copy-link").click()
    page.locator("#art_31 .copy-menu .copy-current").click()
    page.wait_for_selector(".md-dialog--active")
    assert "已复制" in page.inner_text(".md-dialog")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    page.locator("#art_31 .copy-link").click()
    page.locator("#art_31 .copy-menu .copy-version").click()
    page.wait_for_function("exp => navigator.clipboard.readText().then(t => t === exp)", arg=version)
    page.locator("#art_31 .copy-cite").click()
    page.wait_for_function("exp => navigator.clipboard.readText().then(t => t === exp)",
                           arg=f"《贵阳市算力产业促进条例》（2025年）第三十一条 {version}")
    tab.assert_offline()


def test_permanent_address_of_the_current_text_forwards_from_file(root, tab):
    """SLUG-vDATE/ of a text that is the current one is a forwarding page (writers/forward.py):
    from file:// too it opens the same page under SLUG/, the #fragment kept."""
    page = tab.page
    forward = root / f"{DOC}-v2025-04-29" / "chp_5.html"
    assert forward.read_text(encoding="utf-8").startswith("<!doctype html>\n<!-- regsite:forward -->")
    page.goto(forward.as_uri() + "#art_31__para_2")
    page.wait_for_url(re.compile(rf"/{DOC}/chp_5\.html#art_31__para_2$"))
    page.wait_for_function("document.getElementById('art_31__para_2').classList.contains('is-target')")
    assert not (root / "version-table.js").exists()     # read by 404.html only, which file:// cannot use
    tab.assert_offline()


def test_hover_shows_the_definition_as_a_tooltip(root, tab):
    """A defined term's link carries its definition in title= (Material content.tooltips) and
    hovering shows it: the definition of 算力 as the seed states it in 第三十一条."""
    source = next((ROOT / "seeds").glob("000*")).read_text(encoding="utf-8")
    definition = re.search(r"本条例所称算力，是指[^。]*。", source).group(0)
    page = tab.page
    page.goto(url(root, f"{DOC}/chp_1.html"))
    target = page.locator(".md-content a.term", has_text="算力").first
    title = target.get_attribute("title")
    assert definition in title
    target.hover()
    page.wait_for_selector(".md-tooltip2--active")
    assert page.inner_text(".md-tooltip2--active").strip() == title.strip()
    tab.assert_offline()


def test_search_from_file_finds_article_31(root, tab):
    page = tab.page
    page.goto(url(root, "index.html"))
    page.fill(".regsearch input", "第三十一条")
    page.wait_for_selector(".regsearch .md-search-result__item a")
    assert "个符合条件的结果" in page.inner_text(".regsearch .md-search-result__meta")
    hrefs = page.eval_on_selector_all(".regsearch .md-search-result__item a", "els => els.map(e => e.href)")
    target = url(root, f"{DOC}/chp_5.html#art_31")
    assert target in hrefs
    page.click(f'.regsearch .md-search-result__item a[href="{target}"]')
    page.wait_for_url(re.compile(rf"/{DOC}/chp_5\.html#art_31$"))
    assert page.locator("#art_31").is_visible()
    assert any(u.endswith("/search/meta.js") for u in tab.requests)
    tab.assert_offline()


def test_every_page_opens_without_leaving_the_bundle(root, tab):
    page = tab.page
    pages = sorted(root.rglob("*.html"))
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
    assert sum(u.endswith(".html") for u in tab.requests) >= len(pages)
    tab.assert_offline()


# ------------------------------------------------------------------ the command and its safeguards

def test_a_tampered_tarball_is_refused(tmp_path):
    from build_tools.bundle import VENDOR, BundleError, vendor_files
    bad = tmp_path / VENDOR[0]["tarball"]
    bad.write_bytes(b"not the pinned package")
    with pytest.raises(BundleError, match="校验值"):
        vendor_files(cache=tmp_path / "cache", tarballs=[bad])


def test_command_prints_progress_and_summary(tmp_path, capsys):
    from build_tools.cli import main
    code = main(["bundle", "--from-docs", str(ROOT / "docs"), "--dist", str(tmp_path), "--today", str(TODAY)])
    err = capsys.readouterr().err
    assert code == 0
    assert "1/5" in err and "5/5" in err and "个文件" in err and "MB" in err
    zips = sorted(p.name for p in tmp_path.iterdir())
    assert zips == sorted(["regsite-offline.zip", f"fagui-wenbenku-offline-{dt.date.today()}.zip"])
