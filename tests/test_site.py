"""The built seed site: HTML structure, text fidelity, and behaviour in Chromium."""
import html as htmllib
import re

import pytest

from conftest import ROOT, SLUG000

SHOTS = ROOT / "tests" / "screenshots"


def text_of(fragment: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_every_article_has_one_heading_with_its_eid(site, seed_docs):
    for doc in seed_docs.values():
        pages = "".join(p.read_text(encoding="utf-8") for p in (site / doc.slug).glob("*.html"))
        for a in doc.articles:
            assert pages.count(f'id="{a.anchor}"') == 1, (doc.slug, a.anchor)
            for p in a.paragraphs:
                assert pages.count(f'id="{p.anchor}"') == 1, (doc.slug, p.anchor)


def test_rendered_article_text_equals_model_text(site, seed_docs):
    """Legal text is sacred: the HTML shows exactly the (repaired) model text."""
    for doc in seed_docs.values():
        html = "".join(p.read_text(encoding="utf-8") for p in (site / doc.slug).glob("chp_*.html"))
        html += "".join(p.read_text(encoding="utf-8") for p in (site / doc.slug).glob("part_*.html"))
        for a in doc.articles:
            for p in a.paragraphs:
                m = re.search(rf'<p[^>]*id="{re.escape(p.anchor)}"[^>]*>(.*?)</p>', html, re.S)
                assert m, p.anchor
                assert text_of(m.group(1)) == p.text, (doc.slug, p.anchor)


def test_pages_carry_what_the_copy_buttons_need(site):
    """regsite.js builds the 链接 / 引用 buttons from the page's metadata and the heading."""
    page = (site / SLUG000 / "chp_5.html").read_text(encoding="utf-8")
    assert '<meta name="regsite:site-url" content="https://fagui.example.org/">' in page
    assert f'<meta name="regsite:doc" content="{SLUG000}">' in page
    assert '<meta name="regsite:title" content="贵阳市算力产业促进条例">' in page
    assert re.search(r'<h3 (?=[^>]*data-cite="第三十一条")(?=[^>]*id="art_31")[^>]*class="article"', page)
    assert "data-clipboard-text" not in page       # added in the browser, not repeated in the HTML


def test_a_definition_is_written_once_per_page(site):
    """The first term link to a definition carries it in title=; later ones on the page do not
    repeat it (regsite.js copies it, see test_site_browser)."""
    page = (site / SLUG000 / "chp_3.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="term" href="([^"]*)"( title="[^"]*")?>', page)
    by_href = {}
    for href, title in links:
        by_href.setdefault(href, []).append(title)
    repeated = {h: t for h, t in by_href.items() if len(t) > 1}
    assert repeated
    for titles in repeated.values():
        assert titles[0] and not any(titles[1:])


def test_landing_page_has_metadata_contents_and_source_notes(site):
    page = (site / "guiyangshi-shuzi-jingji-cujin-tiaoli-caoan" / "index.html").read_text(encoding="utf-8")
    text = text_of(page)
    assert "征求意见稿" in text and "2026-03-01" in text
    assert "征求意见的公告" in text and "联系电话：0851-87987036" in text
    assert "第五条至第七条在原文中缺失" in text
    assert "第三章 数据价值化的起始条文无法确定" in text
    assert 'href="chp_5.html#art_31"' in page
    assert 'status-draft' in page


def test_ui_is_chinese_and_self_contained(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh"' in html
        assert "Made with" not in html            # Material's English footer line is off
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert url.startswith("https://fagui.example.org/") or "mkdocs" in url or "squidfunk" in url, url


# ------------------------------------------------------------------ browser

def _page(web, **kw):
    base, b = web
    ctx = b.new_context(viewport={"width": 1280, "height": 900}, **kw)
    page = ctx.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(base) and not r.url.startswith(("data:", "blob:")) else None)
    return base, ctx, page, outside


def test_deep_link_to_article_scrolls_and_highlights(web):
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/{SLUG000}/index.html#art_31")
    page.wait_for_url(re.compile(r"chp_5\.html#art_31$"))
    page.wait_for_function("document.getElementById('art_31').classList.contains('is-target')")
    box = page.evaluate("(() => { const r = document.getElementById('art_31').getBoundingClientRect();"
                        " return [r.top, r.bottom, window.innerHeight]; })()")
    assert 0 <= box[0] < box[2], box
    assert page.evaluate("document.getElementById('art_31__para_1').classList.contains('is-target')")
    assert outside == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "chapter.png"))
    ctx.close()


def test_the_link_buttons_tooltip_is_hidden_while_its_menu_is_open(web):
    """The 链接 button's title is Material's tooltip (content.tooltips) on hover; with the menu
    of the two links open it would stand beside the menu: hidden then, shown again after."""
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/{SLUG000}/chp_5.html")
    toggle = page.locator("#art_31 .copy-link")
    shown = ("(() => { const t = document.getElementById(document.querySelector('#art_31 .copy-link')"
             ".getAttribute('aria-describedby')); if (!t) return null; const r = t.getBoundingClientRect();"
             " return [t.textContent.trim(), r.width > 0 && r.height > 0"
             " && getComputedStyle(t).visibility === 'visible']; })()")
    toggle.hover()
    page.wait_for_function(f"({shown}) !== null && ({shown})[1]")
    assert page.evaluate(shown) == ["复制本条链接：现行链接或本版本链接", True]
    toggle.click()
    page.wait_for_selector("#art_31 .copy-menu")
    page.wait_for_timeout(300)
    assert page.evaluate(shown)[1] is False
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "link-menu.png"))
    page.keyboard.press("Escape")
    page.mouse.move(0, 0)
    toggle.hover()
    page.wait_for_function(f"({shown})[1]")
    assert outside == []
    ctx.close()


def test_paragraph_link_reaches_its_page(web):
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/guizhousheng-da-shuju-fazhan-yingyong-cujin-tiaoli/index.html#art_50__para_1__point_1")
    page.wait_for_url(re.compile(r"chp_9\.html#art_50__para_1__point_1$"))
    assert page.evaluate("document.getElementById('art_50__para_1__point_1').classList.contains('is-target')")
    ctx.close()


def test_copy_link_puts_public_url_on_clipboard(web):
    """链接 opens the two links, each shown with its address: 现行链接 (the work's address) and
    本版本链接 (the version's permanent address, seed 000 dated 2025-04-29 by its 题注); 引用
    cites the version."""
    base, ctx, page, outside = _page(web, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{base}/{SLUG000}/chp_5.html")
    page.click("#art_31 .copy-link")
    assert page.get_attribute("#art_31 .copy-link", "aria-expanded") == "true"
    current = f"https://fagui.example.org/{SLUG000}/index.html#art_31"
    version = f"https://fagui.example.org/{SLUG000}-v2025-04-29/index.html#art_31"
    assert page.inner_text("#art_31 .copy-menu").split("\n")[:3:2] == [current, version]
    page.click("#art_31 .copy-menu .copy-current")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == current
    assert page.locator(".copy-menu").count() == 0
    page.click("#art_31 .copy-link")
    page.click("#art_31 .copy-menu .copy-version")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == version
    page.click("#art_31 .copy-cite")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == f"《贵阳市算力产业促进条例》（2025年）第三十一条 {version}"
    assert outside == []
    ctx.close()


def test_every_term_link_shows_its_definition_in_the_browser(web, site):
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/{SLUG000}/chp_3.html")
    seen = page.eval_on_selector_all(".md-content a.term", "els => els.map(e => [e.getAttribute('href'), "
                                     "e.getAttribute('title') || e.getAttribute('data-title') || ''])")
    first = {}
    for href, title in seen:
        assert title, href
        first.setdefault(href, title)
    assert len(seen) > len(first)             # the page has repeated links to one definition
    html = (site / SLUG000 / "chp_3.html").read_text(encoding="utf-8")
    assert [t for _, t in seen] == [first[h] for h, _ in seen]
    assert all(f'title="{t}"' in html for t in first.values())
    hrefs = [h for h, _ in seen]
    later = next(i for i, h in enumerate(hrefs) if h in hrefs[:i])
    link = page.locator(".md-content a.term").nth(later)
    link.scroll_into_view_if_needed()
    link.hover()
    page.wait_for_selector(".md-tooltip2--active")
    assert page.inner_text(".md-tooltip2--active").strip() == seen[later][1].strip()
    assert outside == []
    ctx.close()


def test_screenshots_of_home_and_landing_page(web):
    base, ctx, page, outside = _page(web)
    SHOTS.mkdir(exist_ok=True)
    page.goto(f"{base}/index.html")
    page.screenshot(path=str(SHOTS / "home.png"))
    assert page.inner_text("h1") == "法规文本库"
    page.goto(f"{base}/{SLUG000}/index.html")
    page.screenshot(path=str(SHOTS / "landing.png"), full_page=True)
    assert "贵阳市算力产业促进条例" in page.inner_text("h1")
    assert outside == []
    ctx.close()


@pytest.mark.parametrize("switch", ["REGSITE_FULL_MARKDOWN", "REGSITE_PLAIN_BLOCKS",
                                    "REGSITE_MATERIAL_NAV"])
def test_the_fast_paths_give_the_same_html(site, tmp_path, monkeypatch, switch):
    """The hook drops inline patterns the generated Markdown never uses, builds the regular
    blocks without Python-Markdown's parser (site_blocks.py), and writes the navigation's
    items in Python (site_nav.py): the same HTML, links rewritten by MkDocs included, as with
    all of Python-Markdown's patterns, with its block parser, and with Material's navigation
    partials."""
    from build_tools import commands
    monkeypatch.setenv(switch, "1")
    full = tmp_path / "site"
    commands.mkdocs_build(ROOT / "mkdocs.yml", full)
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert len(pages) > 30
    assert pages == sorted(p.relative_to(full) for p in full.rglob("*.html"))
    for rel in pages:
        assert (site / rel).read_bytes() == (full / rel).read_bytes(), rel


def test_paragraph_link_highlights_the_paragraph_and_copies_its_citation(web):
    """#art_31__para_2 marks the 款 (the article's heading only quietly); its buttons copy the
    paragraph's address and 《…》第三十一条第二款, or 第31条第2款（2025） in the academic style."""
    base, ctx, page, outside = _page(web, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{base}/{SLUG000}/index.html#art_31__para_2")
    page.wait_for_url(re.compile(r"chp_5\.html#art_31__para_2$"))
    page.wait_for_function("document.getElementById('art_31__para_2').classList.contains('is-target')")
    marked = page.evaluate("[...document.querySelectorAll('.is-target')].map(e => e.id)")
    assert marked == ["art_31__para_2"]
    assert page.evaluate("document.getElementById('art_31').classList.contains('is-target-context')")
    url = f"https://fagui.example.org/{SLUG000}/index.html#art_31__para_2"
    version = f"https://fagui.example.org/{SLUG000}-v2025-04-29/index.html#art_31__para_2"
    page.hover("#art_31__para_2")
    page.click("#art_31__para_2 .copy-link")
    page.click("#art_31__para_2 .copy-current")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.click("#art_31__para_2 .copy-cite")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == f"《贵阳市算力产业促进条例》（2025年）第三十一条第二款 {version}"
    # the one-paragraph article 第三十二条 is cited without 第一款
    page.hover("#art_32__para_1")
    page.click("#art_32__para_1 .copy-cite")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").startswith("《贵阳市算力产业促进条例》（2025年）第三十二条 https://")
    page.goto(f"{base}/{SLUG000}/index.html")
    page.check(".doc-cite input[value=academic]")
    page.goto(f"{base}/{SLUG000}/chp_5.html")
    page.hover("#art_31__para_2")
    page.click("#art_31__para_2 .copy-cite")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == f"《贵阳市算力产业促进条例》第31条第2款（2025） {version}"
    page.evaluate("localStorage.clear()")
    assert outside == []
    ctx.close()


def test_item_citation_in_a_measures_document_and_the_reference_entry(web):
    base, ctx, page, outside = _page(web, permissions=["clipboard-read", "clipboard-write"])
    slug = "guizhousheng-da-shuju-fazhan-yingyong-cujin-tiaoli"
    page.goto(f"{base}/{slug}/chp_9.html")
    page.hover("#art_50__para_1__point_1")
    page.click("#art_50__para_1__point_1 .copy-cite")
    page.wait_for_timeout(200)
    cite = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(rf"《贵州省大数据发展应用促进条例》（2025年修订）第五十条第一项 "
                        rf"https://fagui\.example\.org/{slug}-v2025-12-03/index\.html#art_50__para_1__point_1", cite), cite
    page.goto(f"{base}/{slug}/index.html")
    entry = page.inner_text(".doc-cite [data-cite-example=reference]")
    assert re.fullmatch(rf"贵州省人民代表大会常务委员会\. 贵州省大数据发展应用促进条例\[Z/OL\]\. \(2025-12-03\)\[\d{{4}}-\d\d-\d\d\]\. "
                        rf"https://fagui\.example\.org/{slug}/index\.html\.", entry), entry
    measures = "jiakuai-tuijin-suanli-chanye-chuangxin-fazhan-cuoshi"
    page.goto(f"{base}/{measures}/part_2.html")
    page.click("#part_2__art_7 .copy-cite")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").startswith("《关于加快推进算力产业创新发展的措施》（2024年）第二部分第7条 https://")
    assert outside == []
    ctx.close()


def test_copying_an_article_with_the_mouse_takes_the_text_alone(web):
    """The button labels are CSS content: a selection copied to a memo holds only the law."""
    base, ctx, page, outside = _page(web, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{base}/{SLUG000}/chp_5.html")
    page.wait_for_selector("#art_31 .copy-cite")
    page.evaluate("""(() => { const r = document.createRange();
        r.setStartBefore(document.getElementById('art_31'));
        r.setEndAfter(document.getElementById('art_31__para_2'));
        getSelection().removeAllRanges(); getSelection().addRange(r); })()""")
    page.keyboard.press("Control+C")
    page.wait_for_timeout(200)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "第三十一条" in copied and "产业链和生态体系。" in copied
    assert "链接" not in copied and "引用" not in copied
    ctx.close()


def test_search_for_a_paragraph_citation_jumps_to_it_once(web):
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/{SLUG000}/chp_1.html")
    results = page.evaluate("regSearch('第三十一条第二款').then(r => r.map(x => [x.kind, x.slug, x.anchor]))")
    assert results[0] == ["citation", SLUG000, "art_31__para_2"]
    results = page.evaluate("regSearch('《贵阳市算力产业促进条例》第三十一条').then(r => r.map(x => [x.slug, x.anchor]))")
    assert results.count([SLUG000, "art_31"]) == 1
    # a 款 the article does not have: the jump goes to the article, not to a missing anchor
    results = page.evaluate("regSearch('第三十一条第九款').then(r => r.map(x => [x.kind, x.anchor]))")
    assert results[0] == ["citation", "art_31"]
    page.fill(".regsearch .md-search__input", "第三十一条第二款")
    page.wait_for_selector(".regsearch .regsearch-citation a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"chp_5\.html#art_31__para_2$"))
    page.wait_for_function("document.getElementById('art_31__para_2').classList.contains('is-target')")
    ctx.close()


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_print_shows_the_text_its_document_and_address_without_chrome(web, tmp_path):
    """Printed (Chromium's print to PDF): no navigation, search or buttons; a header with
    the document's title, status and version; a footer with the address and the print date;
    no blank trailing page."""
    import datetime
    import shutil
    import subprocess
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/{SLUG000}/chp_5.html")
    page.wait_for_selector("#art_31 .copy-cite")
    page.emulate_media(media="print")
    hidden = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
              ".regsearch", "#art_31 .article-tools", "#art_31__para_2 .para-tools"]
    for sel in hidden:
        assert not page.is_visible(sel), sel
    assert page.inner_text(".doc-context").split() == ["《贵阳市算力产业促进条例》", "现行有效", "版本：2025"]
    footer = page.inner_text(".print-footer")
    today = datetime.date.today().isoformat()
    assert f"https://fagui.example.org/{SLUG000}/chp_5.html" in footer and today in footer
    pdf = tmp_path / "chp_5.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert _pdf_pages(pdf.read_bytes()) == 1            # two short articles: one page, no blank one
    if shutil.which("pdftotext"):                        # poppler-utils, when installed
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "第三十一条" in text and "本条例自2025年8月1日起施行。" in text
        assert "链接" not in text and "引用" not in text and "检索" not in text
        assert "贵阳市算力产业促进条例" in text.splitlines()[0]
    ctx.close()


def test_a_link_to_a_missing_article_explains_itself(web):
    """Seed 002 lacks 第五条至第七条: #art_6 lands on the marker saying so; a number the
    document never had is explained on the landing page."""
    slug = "guiyangshi-shuzi-jingji-cujin-tiaoli-caoan"
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/{slug}/index.html#art_6")
    page.wait_for_url(re.compile(r"chp_2\.html#art_6$"))
    page.wait_for_function("document.querySelector('.article-gap.is-target') !== null")
    assert page.inner_text(".article-gap.is-target").startswith("第五条至第七条 原文缺失")
    assert page.evaluate("(() => { const r = document.querySelector('.article-gap').getBoundingClientRect();"
                         " return r.top >= 0 && r.top < innerHeight; })()")
    page.goto(f"{base}/{slug}/index.html#art_99")
    page.wait_for_selector(".missing-target")
    assert "#art_99" in page.inner_text(".missing-target") and "不存在" in page.inner_text(".missing-target")
    assert page.url.endswith("index.html#art_99")
    page.goto(f"{base}/{slug}/chp_3.html")
    mark = page.locator("#art_10 ~ p a.source-mark").first
    assert mark.inner_text().startswith("存疑：各份文字不一致")
    assert mark.get_attribute("href") == "index.html#source-notes"
    assert outside == []
    ctx.close()


def test_toc_marks_the_article_arrived_at(web):
    """On the two-article 第五章, Material's scroll spy would mark 第三十二条."""
    base, ctx, page, outside = _page(web)
    for target in ("art_31", "art_31__para_2"):
        page.goto(f"{base}/{SLUG000}/index.html#{target}")
        page.wait_for_url(re.compile(rf"chp_5\.html#{target}$"))
        page.wait_for_timeout(600)
        active = page.evaluate("[...document.querySelectorAll('.md-nav--secondary .md-nav__link--active')]"
                               ".map(e => e.textContent.trim())")
        assert active == ["第三十一条"], (target, active)
    ctx.close()


def test_footer_names_the_other_document(site):
    page = (site / SLUG000 / "chp_5.html").read_text(encoding="utf-8")
    assert 'aria-label="下一页: 贵州省大数据发展应用促进条例 · 概览"' in page
    assert 'aria-label="上一页: 第四章 服务保障"' in page


def test_phone_home_table_fits_and_a_tap_opens_a_definition(web):
    base, b = web
    ctx = b.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    page.goto(f"{base}/index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("(() => { const t = document.querySelector('.md-content table');"
                         " return t.getBoundingClientRect().right <= innerWidth; })()")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-home.png"))
    page.goto(f"{base}/{SLUG000}/chp_3.html")
    term = page.locator(".md-content a.term").first
    term.tap()
    page.wait_for_selector(".term-popup")
    assert page.url.endswith("chp_3.html")                     # the first tap does not leave
    assert page.inner_text(".term-popup").startswith("本条例所称算力，是指")
    assert page.get_attribute(".term-popup a", "href").endswith("chp_5.html#art_31__para_1")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.term-popup')).fontSize)")
    assert size >= 14
    ctx.close()


def test_definition_hover_is_legible(web):
    base, ctx, page, outside = _page(web)
    page.goto(f"{base}/{SLUG000}/chp_3.html")
    page.locator(".md-content a.term").first.hover()
    page.wait_for_selector(".md-tooltip2--active")
    style = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('.md-tooltip2--active .md-tooltip2__inner'));"
                          " return [parseFloat(s.fontSize), s.fontWeight]; })()")
    assert style[0] >= 14 and style[1] == "400", style
    ctx.close()


def test_dark_mode_follows_the_system_and_404_is_chinese_with_search(web):
    base, b = web
    ctx = b.new_context(viewport={"width": 1400, "height": 900}, color_scheme="dark")
    page = ctx.new_page()
    page.goto(f"{base}/{SLUG000}/chp_5.html")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.goto(f"{base}/404.html")
    assert page.inner_text("h1") == "找不到这个页面"
    page.click(".notfound-search")
    assert page.evaluate("document.activeElement.matches('.regsearch .md-search__input')")
    ctx.close()
    ctx = b.new_context(viewport={"width": 1400, "height": 900}, color_scheme="light")
    page = ctx.new_page()
    page.goto(f"{base}/{SLUG000}/chp_5.html")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    ctx.close()
