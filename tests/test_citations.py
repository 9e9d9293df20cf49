"""References to other instruments (issue 15): resolved on real corpus files to the exact
anchor of the version in force, counted by reason when not, listed as 被引用 on the cited
article, and rebuilt when a cited article changes.

The oracles are read off the corpus files by hand (the article and item numbers quoted in
each assertion can be checked in the source text), not computed by the code under test."""
import shutil

import pytest

from conftest import CORPUS, ROOT, TODAY

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")

FILES = {
    "xingfa": "刑法/刑法.md",
    "xingyi": "司法解释/关于审理非法行医刑事案件具体应用法律若干问题的解释(2016-12-16).md",
    "baohuling": "司法解释/最高人民法院关于办理人身安全保护令案件适用法律若干问题的规定(2022-07-14).md",
    "msf2021": "诉讼与非诉讼程序法/民事诉讼法(2021-12-24).md",
    "msf2023": "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md",
}


@pytest.fixture(scope="module")
def docs():
    from build_tools import pipeline, slugs
    from build_tools.transforms import Context
    loaded = {k: pipeline.load(CORPUS / f, Context(TODAY)) for k, f in FILES.items()}
    slugs.assign(list(loaded.values()))
    return loaded


@pytest.fixture(scope="module")
def cits(docs):
    from build_tools import citations
    return citations.resolve(docs.values())


def found(cits, doc, article_anchor):
    return [(c.out.text, c.status, c.target.slug if c.target is not None else None, c.anchor)
            for c in cits.items if c.doc is doc and c.out.article.anchor == article_anchor]


def test_short_title_resolves_to_the_paragraph(docs, cits):
    # 非法行医解释 第一条: 具有下列情形之一的，应认定为刑法第三百三十六条第一款规定的…
    got = found(cits, docs["xingyi"], "art_1")
    assert got[0] == ("第三百三十六条第一款", "resolved", docs["xingfa"].slug, "art_336__para_1")


def test_full_title_in_brackets_resolves_to_the_article(docs, cits):
    # 人身安全保护令规定 第十二条: 符合《中华人民共和国刑法》第三百一十三条规定的…
    got = found(cits, docs["baohuling"], "art_12")
    assert ("第三百一十三条", "resolved", docs["xingfa"].slug, "art_313") in got


def test_the_version_in_force_on_the_citing_date_is_chosen(docs, cits):
    # a rule of 2022-07-14 cites 民事诉讼法第一百二十七条第七项: the 2021 text (in force then),
    # whose 第一百二十七条第（七）项 is 判决不准离婚…没有新情况、新理由 (the 2023 text moved it)
    got = found(cits, docs["baohuling"], "art_11")
    assert got == [("第一百二十七条第七项", "resolved", docs["msf2021"].slug,
                    "art_127__para_1__point_7")]
    c = next(c for c in cits.items if c.doc is docs["baohuling"] and c.out.article.anchor == "art_11")
    target = c.target
    item = next(p for a in target.articles for p in a.paragraphs if p.anchor == c.anchor)
    assert "判决不准离婚" in item.text


def test_edition_choice_is_one_function():
    from build_tools import citations
    from build_tools.model import Derived

    class D:
        source = "测试.md"
        derived = Derived()

        def __init__(self, dates):
            self.dates = dates
    old, new = [D({"passed": "1991-04-09", "amended": "2021-12-24"})], \
        [D({"passed": "1991-04-09", "amended": "2023-09-01"})]
    assert citations.edition_in_force([old, new], D({"effective": "2022-08-01"}))[0] is old
    assert citations.edition_in_force([old, new], D({"effective": "2024-01-01"}))[0] is new
    chosen, note = citations.edition_in_force([old, new], D({"effective": "2015-02-04"}))
    assert chosen is old and "不在本站" in note
    assert citations.edition_in_force([old, new], D({}))[0] is new


def test_hover_names_the_document_version_and_text(docs, cits):
    spans = [s for p, s in cits.spans[id(docs["xingyi"])]]
    s = spans[0]
    assert s.kind == "cite" and s.target == (docs["xingfa"].slug, "art_336__para_1")
    # the interpretation (2016) cites the 刑法 of 2016; the site holds the 2023 text only: said
    assert s.title.startswith("〔注意：引用文件（2016-12-16）时有效的文本不在本站，链接到本站唯一的版本，"
                              "条文序号和内容可能与引用时不同〕《中华人民共和国刑法》（2023-12-29修改版）"
                              "第三百三十六条第一款：未取得医生执业资格的人非法行医")


def test_unresolved_are_counted_never_linked():
    """An instrument the site lacks, an article beyond the cited text's end: plain text, counted."""
    from conftest import doc_from_text
    from build_tools import citations, pipeline, slugs
    from build_tools.transforms import Context
    xingfa = pipeline.load(CORPUS / FILES["xingfa"], Context(TODAY))
    citing = doc_from_text("测试规定\n\n第一条　依照合同法第五十二条的规定处理。\n\n"
                           "第二条　依照刑法第九百九十条的规定处理。\n\n"
                           "第三条　依照《中华人民共和国刑法》（以下简称刑法）第二十条第一款处理；"
                           "该法第二十一条另有规定的除外。\n")
    slugs.assign([xingfa, citing])
    cits = citations.resolve([xingfa, citing])
    got = {(c.out.article.anchor, c.out.text): (c.status, c.reason, c.anchor) for c in cits.items
           if c.doc is citing}
    assert got[("art_1", "第五十二条")] == ("unresolved", "not_in_site", "")
    assert got[("art_2", "第九百九十条")] == ("unresolved", "article_not_in_text", "")
    assert got[("art_3", "第二十条第一款")] == ("resolved", "", "art_20__para_1")
    assert got[("art_3", "第二十一条")] == ("resolved", "", "art_21")
    linked = {s.target for p, s in cits.spans[id(citing)]}
    assert linked == {(xingfa.slug, "art_20__para_1"), (xingfa.slug, "art_21")}
    reasons = sorted(c.reason for c in cits.items if c.doc is citing and c.status == "unresolved")
    assert reasons == ["article_not_in_text", "not_in_site"]


def test_a_longer_name_is_not_a_short_title(docs):
    """海洋环境保护法第十条 is not 环境保护法第十条 when 海洋环境保护法 is named anywhere."""
    from conftest import doc_from_text
    from build_tools import citations, slugs
    law = doc_from_text("中华人民共和国环境保护法\n\n第一条　为了保护环境，制定本法。\n\n"
                        "第十条　国务院环境保护主管部门统一监督管理。\n", "环境保护法.md")
    citing = doc_from_text("测试办法\n\n第一条　根据《中华人民共和国海洋环境保护法》制定本办法。\n\n"
                           "第二条　违反海洋环境保护法第十条的，依照环境保护法第十条处理。\n")
    slugs.assign([law, citing])
    cits = citations.resolve([law, citing])
    got = [(c.out.text, c.status, c.reason, c.anchor) for c in cits.items if c.doc is citing]
    assert got == [("第十条", "unresolved", "not_in_site", ""), ("第十条", "resolved", "", "art_10")]


def test_cited_by_list_and_relinking_after_the_cited_article_changes(tmp_path):
    """The cited article lists its citers (被引用); when its text changes, the citing page's
    hover changes on an incremental build, which equals a full build."""
    from test_incremental import assert_same_as_a_full_build, build, edit
    src = tmp_path / "src"
    src.mkdir()
    for k in ("xingfa", "xingyi"):
        shutil.copy(CORPUS / FILES[k], src / FILES[k].split("/")[-1])
    inc = tmp_path / "inc"
    build(src, inc)
    page = next((inc / "docs" / "zhonghuarenmingongheguo-xingfa").glob("book_2__chp_6.md"))
    text = page.read_text(encoding="utf-8")
    block = text[text.index("### 第三百三十六条 "):text.index("### 第三百三十六条之一")]
    assert '??? quote cited-by "被引用（4）"' in block
    assert "《关于审理非法行医刑事案件具体应用法律若干问题的解释》[第一条]" in block
    edit(src / "刑法.md", "未取得医生执业资格的人非法行医，情节严重的",
         "未取得医生执业资格的人非法行医，情节严重的（测试）")
    build(src, inc)
    citing = "".join(p.read_text(encoding="utf-8") for p in (inc / "docs").rglob("*.md")
                     if "feifa-xingyi" in str(p))
    assert "情节严重的（测试）" in citing
    assert_same_as_a_full_build(tmp_path, src, inc)


def test_related_instruments_of_a_law(docs):
    """刑法's landing page lists its 修正案 (title 中华人民共和国刑法修正案（十一）) and the documents
    citing it most; 民事诉讼法 the judicial interpretation naming it in its title."""
    from build_tools import citations, pipeline, slugs
    from build_tools.transforms import Context
    amend = pipeline.load(CORPUS / "刑法/刑法修正案（十一）.md", Context(TODAY))
    interp = pipeline.load(CORPUS / "司法解释/最高人民法院关于适用《民事诉讼法》的解释(2022-04-01).md",
                           Context(TODAY))
    every = list(docs.values()) + [amend, interp]
    slugs.assign(every)
    cits = citations.resolve(every)
    rel = dict(cits.related["中华人民共和国刑法"])
    assert [d.title for d in rel["修改、废止的决定和修正案"]] == ["中华人民共和国刑法修正案（十一）"]
    assert docs["xingyi"] in rel["引用本文件最多的其他文件"]
    assert docs["baohuling"] in rel["引用本文件最多的其他文件"]
    rel = dict(cits.related["中华人民共和国民事诉讼法"])
    assert rel["司法解释"] == [interp]


@pytest.fixture(scope="module")
def cite_site(tmp_path_factory):
    """A site of 刑法 and the 非法行医 interpretation citing it (corpus files), built once."""
    from test_incremental import build
    root = tmp_path_factory.mktemp("cite-site")
    src = root / "src"
    src.mkdir()
    for k in ("xingfa", "xingyi"):
        shutil.copy(CORPUS / FILES[k], src / FILES[k].split("/")[-1])
    build(src, root)
    return root / "site"


def test_browser_hover_tap_and_cited_by(cite_site):
    from browser import browser, serve
    slug = "shenli-feifa-xingyi-xingshianjian-juti-yingyong-falv-ruogan-wenti-jieshi"
    with serve(cite_site) as base, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/{slug}/text.html")
        page.wait_for_load_state("networkidle")      # Material mounts its tooltips after load
        link = page.locator("#art_1__para_1 a.cite").first
        assert link.inner_text() == "第三百三十六条第一款"
        tip = None
        for _ in range(5):               # Material mounts its tooltips a moment after load
            page.mouse.move(0, 0)
            link.hover()
            try:
                tip = page.wait_for_selector(".md-tooltip2__inner, .md-tooltip__inner",
                                             state="visible", timeout=1500)
                break
            except Exception:
                continue
        assert tip is not None
        assert "《中华人民共和国刑法》" in tip.inner_text() and "未取得医生执业资格的人非法行医" in tip.inner_text()
        link.click()
        page.wait_for_url("**/zhonghuarenmingongheguo-xingfa/book_2__chp_6.html#art_336__para_1")
        summary = page.locator("#art_336__para_1 ~ details.cited-by summary").first
        assert "被引用（4）" in summary.inner_text()
        summary.click()
        assert page.locator("details.cited-by a", has_text="第一条").first.is_visible()
        page.close()

        ctx = b.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        phone = ctx.new_page()
        phone.goto(f"{base}/{slug}/text.html")
        phone.wait_for_load_state("networkidle")
        link = phone.locator("#art_1__para_1 a.cite").first
        link.tap()
        box = phone.wait_for_selector(".link-preview", state="visible", timeout=5000)
        assert "未取得医生执业资格的人非法行医" in box.inner_text()
        assert phone.url.endswith("/text.html")           # the first tap does not leave the page
        link.tap()
        phone.wait_for_url("**/book_2__chp_6.html#art_336__para_1")
        ctx.close()


def test_export_all_carries_definitions_and_resolved_references(tmp_path):
    """export --all: per document its definitions and its references to other instruments,
    resolved (target document, version, anchor) or with the reason they are not."""
    import json
    import subprocess
    import sys
    src = tmp_path / "src"
    src.mkdir()
    for k in ("xingfa", "xingyi"):
        shutil.copy(CORPUS / FILES[k], src / FILES[k].split("/")[-1])
    run = subprocess.run([sys.executable, "-m", "build_tools", "export", "--all", str(src)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    docs = {d["title"]: d for d in map(json.loads, run.stdout.splitlines())}
    xingyi = docs["关于审理非法行医刑事案件具体应用法律若干问题的解释"]
    first = xingyi["references"][0]
    assert first["anchor"] == "art_1__para_1" and first["text"] == "第三百三十六条第一款"
    assert first["status"] == "resolved" and first["instrument"] == "刑法"
    assert first["target"]["slug"] == "zhonghuarenmingongheguo-xingfa"
    assert first["target"]["anchor"] == "art_336__para_1" and first["target"]["version"]
    xingfa = docs["中华人民共和国刑法"]
    assert any(d["term"] == "国家工作人员" and d["article"] == "第九十三条" for d in xingfa["definitions"])


def _load(*paths):
    from build_tools import pipeline, slugs
    from build_tools.transforms import Context
    loaded = [pipeline.load(CORPUS / p, Context(TODAY)) for p in paths]
    slugs.assign(loaded)
    return loaded


def test_a_code_part_citing_an_article_of_another_part():
    """合同编 第四百六十六条 cites 本法第一百四十二条第一款, which is in the 民法典's 总则 file:
    linked there (the same edition), and the document's warning becomes an info record."""
    from build_tools import citations
    zongze, hetong = _load("民法典/总则.md", "民法典/合同编.md")
    assert any(p.code == "reference_unresolved" and "第一百四十二条第一款" in p.message
               for p in hetong.problems)
    cits = citations.resolve([zongze, hetong])
    got = [(c.out.article.label, c.out.text, c.status, c.target.slug, c.anchor)
           for c in cits.items if c.doc is hetong]
    assert ("第四百六十六条", "第一百四十二条第一款", "resolved", zongze.slug, "art_142__para_1") in got
    assert ("第四百七十四条", "第一百三十七条", "resolved", zongze.slug, "art_137") in got
    assert cits.stats()["own_articles_in_another_file"] == 5
    assert not [p for p in hetong.problems if p.code == "reference_unresolved"]
    info = [p.message for p in hetong.problems if p.code == citations.OTHER_PART]
    assert len(info) == 5 and "链接到《中华人民共和国民法典》总则第一百四十二条第一款" in info[0]
    assert [(d.slug, a.anchor) for d, a in cits.cited_by[zongze.slug]["art_142"]] == \
        [(hetong.slug, "art_466")]
    again = citations.resolve([zongze, hetong])      # idempotent on the same documents
    assert len([p for p in hetong.problems if p.code == citations.OTHER_PART]) == 5
    assert again.stats()["own_articles_in_another_file"] == 5


def test_a_reference_naming_a_version_goes_to_that_version():
    """《…》（2021年修正）第一百二十七条 in a text of 2024 (when the 2023 text was in force): the
    2021 text, which it names; a version the site lacks: the nearest, with a note."""
    from conftest import doc_from_text
    from build_tools import citations, slugs
    msf2021, msf2023 = _load(FILES["msf2021"], FILES["msf2023"])
    citing = doc_from_text("测试规定\n\n2024年1月1日施行\n\n<!-- INFO END -->\n\n"
                           "第一条　依照《中华人民共和国民事诉讼法》（2021年修正）第一百二十七条第七项处理。\n\n"
                           "第二条　依照《中华人民共和国民事诉讼法》（2017年修正）第一百一十九条处理。\n\n"
                           "第三条　依照《中华人民共和国民事诉讼法》第一百二十七条处理。\n",
                           "测试规定(2024-01-01).md")
    slugs.assign([msf2021, msf2023, citing])
    cits = citations.resolve([msf2021, msf2023, citing])
    got = {c.out.article.anchor: c for c in cits.items if c.doc is citing}
    assert (got["art_1"].target, got["art_1"].anchor, got["art_1"].note) == \
        (msf2021, "art_127__para_1__point_7", "")
    assert got["art_2"].target is msf2021 and "2017年修正文本不在本站" in got["art_2"].note
    assert got["art_2"].version_named == "2017年修正"
    assert got["art_3"].target is msf2023 and not got["art_3"].version_named
    hover = next(s.title for p, s in cits.spans[id(citing)] if p is got["art_2"].out.paragraph)
    assert hover.startswith("〔注意：引用的2017年修正文本不在本站，链接到本站时间最接近的版本")
    stats = cits.stats()
    assert (stats["naming_a_version"], stats["naming_a_version_found"]) == (2, 1)


def test_references_in_a_text_without_articles():
    """北京市耕地占用税适用税额的决定 (no articles) cites 《中华人民共和国耕地占用税法》第四条第二款、
    第五条、第十二条第二款: linked from its 正文 page, listed as 被引用 on the cited articles."""
    from build_tools import citations
    law, decision = _load("经济法/耕地占用税法(2018-12-29).md",
                          "DLC/北京地方法规/地方性法规/北京/北京市人民代表大会常务委员会关于北京市耕地占用税适用税额的决定(2019-07-26).md")
    assert not decision.articles
    cits = citations.resolve([law, decision])
    got = [(c.out.text, c.status, c.anchor) for c in cits.items if c.doc is decision]
    assert [(t, a) for t, _, a in got] == [("第四条第二款", "art_4__para_2"), ("第五条", "art_5"),
                                           ("第十二条第二款", "art_12__para_2")]
    assert all(c.out.article is None for c in cits.items if c.doc is decision)
    p, span = cits.spans[id(decision)][1]
    assert p.text[span.start:span.end] == "第五条" and span.target == (law.slug, "art_5")
    [(d, place)] = cits.cited_by[law.slug]["art_5"]
    assert d is decision and place.anchor == p.anchor and place.label == "正文"
    stats = cits.stats()
    assert stats["in_texts_without_articles"] == 3 and stats["in_texts_without_articles_linked"] == 3


def test_export_all_carries_the_other_part_and_text_only_resolutions(tmp_path):
    """export --all: 合同编's 本法第一百四十二条第一款 (in the 总则 file) and the references of a
    decision without articles come out resolved, with target document and anchor."""
    import json
    import subprocess
    import sys
    src = tmp_path / "src"
    (src / "民法典").mkdir(parents=True)
    for f in ("民法典/总则.md", "民法典/合同编.md", "经济法/耕地占用税法(2018-12-29).md",
              "DLC/北京地方法规/地方性法规/北京/北京市人民代表大会常务委员会关于北京市耕地占用税适用税额的决定(2019-07-26).md"):
        shutil.copy(CORPUS / f, src / f if f.startswith("民法典") else src / f.split("/")[-1])
    run = subprocess.run([sys.executable, "-m", "build_tools", "export", "--all", str(src)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    docs = {(d["title"], d["source"].split("/")[-1]): d
            for d in map(json.loads, run.stdout.splitlines())}
    hetong = docs[("中华人民共和国民法典", "合同编.md")]
    ref = next(r for r in hetong["references"] if r["text"] == "第一百四十二条第一款")
    assert ref["status"] == "resolved" and ref["anchor"] == "art_466__para_1"
    assert ref["target"]["slug"] == "zhonghuarenmingongheguo-minfadian-zongze"
    assert ref["target"]["anchor"] == "art_142__para_1"
    decision = next(d for (t, _), d in docs.items() if t.endswith("耕地占用税适用税额的决定"))
    assert [(r["text"], r["status"], r["target"]["anchor"]) for r in decision["references"]] == [
        ("第四条第二款", "resolved", "art_4__para_2"), ("第五条", "resolved", "art_5"),
        ("第十二条第二款", "resolved", "art_12__para_2")]
