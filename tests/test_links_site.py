"""Defined terms and references as they reach readers: links in the built HTML, hover in Chromium."""
import re

from conftest import SLUG000

SLUG001 = "guizhousheng-da-shuju-fazhan-yingyong-cujin-tiaoli"
SLUG002 = "guiyangshi-shuzi-jingji-cujin-tiaoli-caoan"
DEF_SUANLI = "本条例所称算力，是指集信息计算力、网络运载力、数据存储力于一体的新型生产力，主要通过算力基础设施向社会提供服务。"


def anchors_in(html):
    return re.findall(r'<a class="([^"]*)" href="([^"]*)" title="([^"]*)">([^<]*)</a>', html)


def test_own_terms_link_to_the_defining_paragraph(site):
    html = (site / SLUG000 / "chp_3.html").read_text(encoding="utf-8")
    links = anchors_in(html)
    suanli = [l for l in links if l[3] == "算力"]
    assert suanli and all(l == ("term", "chp_5.html#art_31__para_1", DEF_SUANLI, "算力") for l in suanli)
    # longest match: 算力产业 is one link to its own definition, never 算力 + 产业
    chanye = [l for l in links if l[3] == "算力产业"]
    assert chanye and all(l[1] == "chp_5.html#art_31__para_2" for l in chanye)
    assert ">算力</a>产业" not in html


def test_no_link_inside_the_definition_itself(site):
    html = (site / SLUG000 / "chp_5.html").read_text(encoding="utf-8")
    para = re.search(r'<p id="art_31__para_1">(.*?)</p>', html, re.S).group(1)
    assert "<a " not in para


def test_terms_from_another_instrument_are_marked_and_named(site):
    html = (site / SLUG002 / "chp_3.html").read_text(encoding="utf-8")
    links = anchors_in(html)
    ext = {l[3]: l for l in links if "term-external" in l[0]}
    assert ext["算力"][1] == f"../{SLUG000}/chp_5.html#art_31__para_1"
    assert ext["算力"][2] == f"参考《贵阳市算力产业促进条例》的定义（只适用于该文件）：{DEF_SUANLI}"
    assert ext["公共数据"][1] == f"../{SLUG001}/chp_9.html#art_50__para_1__point_1"
    assert ext["公共数据"][2].startswith(
        "参考《贵州省大数据发展应用促进条例》的定义（只适用于该文件）：（一）公共数据，是指")


def test_glossary_lists_terms_sources_and_users(site):
    html = (site / "glossary.html").read_text(encoding="utf-8")
    for term in ["算力", "算力产业", "公共数据", "企业数据", "公共机构", "大数据", "数字经济", "算力券"]:
        assert f">{term}</h2>" in html, term
    entry = next(part for part in html.split("<h2 ") if ">公共数据</h2>" in part)
    assert f'href="{SLUG001}/chp_9.html#art_50__para_1__point_1"' in entry      # its source
    assert "使用相同词语的其他文件" in entry and f'href="{SLUG002}/index.html"' in entry   # a user


def test_hover_shows_the_definition(web):
    base, b = web
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base}/{SLUG002}/chp_3.html")
    link = page.locator("#art_9__para_1 a.term-external").first
    link.hover()
    tip = page.wait_for_selector(".md-tooltip2__inner, .md-tooltip__inner", state="visible", timeout=5000)
    assert "本条例所称算力，是指" in tip.inner_text()
    assert "贵阳市算力产业促进条例" in tip.inner_text()
    page.close()
