"""Defect classes found by reading 25 corpus documents by hand against their pages (session 23,
docs-dev/corpus.md "Read by hand, 2026-12-02"): each class on a small inline source, and on
the corpus file where it was found (skipped when ../shared/corpus is not beside the project).

The corpus oracles are the source lines themselves (a plain scan), not the reader's grammar.
"""
import re

import pytest

from conftest import CORPUS, doc_from_text

corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")


def load(rel):
    from build_tools import pipeline
    return pipeline.load(CORPUS / rel)


def source_line(rel, pattern):
    """(line number, text) of the first source line matching pattern."""
    lines = (CORPUS / rel).read_text(encoding="utf-8").split("\n")
    return next((i, l) for i, l in enumerate(lines, 1) if re.match(pattern, l))


def pages(doc):
    from build_tools.writers import markdown as md
    return md.document_pages(doc, md.plan(doc), None)


def lawrefbook(body, title="某市测试条例"):
    return doc_from_text(f"# {title}\n\n<!-- INFO END -->\n\n{body}", name=f"{title}.md")


def article(doc, label):
    return next((a for a in doc.articles if a.label == label), None)


def codes(doc):
    return [p.code for p in doc.problems]


# ------------------------------------------- 第一百二十八 条: a label broken by a space

SPACED = """第一条 为了测试，制定本条例。

第二条 本条例适用于测试。

第三 条有关部门应当进行检查。

第四条 本条例自2025年1月1日起施行。
"""


def test_spaced_label_is_the_next_article_not_a_paragraph_of_the_one_before():
    doc = lawrefbook(SPACED)
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert [p.text for p in article(doc, "第二条").paragraphs] == ["本条例适用于测试。"]
    assert [p.text for p in article(doc, "第三条").paragraphs] == ["有关部门应当进行检查。"]
    assert "article_gap" not in codes(doc)
    rec = next(p for p in doc.problems if p.code == "label_spacing")
    assert rec.line == 9 and "第三 条" in rec.message


def test_spaced_word_that_is_no_label_stays_text():
    # 第二 条例 … is prose, and a number that does not continue the numbering is no article
    doc = lawrefbook("第一条 总则。\n\n第二 条例规定的事项。\n\n第五 条有关事项。\n")
    assert [a.label for a in doc.articles] == ["第一条"]
    assert "label_spacing" not in codes(doc)


@corpus
@pytest.mark.parametrize("rel, label, start", [
    ("诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md", "第一百二十八条", "侦查人员对于与犯罪有关的场所"),
    ("DLC/山东地方法规/地方性法规/山东/青岛市海上交通安全条例(2014-09-26).md", "第七十五条", "体育运动船艇"),
])
def test_corpus_spaced_labels_are_articles(rel, label, start):
    number = label[1:-1]
    line, text = source_line(rel, rf"^第{number}[ \u3000]+条")
    doc = load(rel)
    art = article(doc, label)
    assert art is not None and art.line == line
    assert art.paragraphs[0].text.startswith(start) and start in text
    # the article before does not hold it as one more 款
    before = doc.articles[doc.articles.index(art) - 1]
    assert not any(start in p.text for p in before.paragraphs)
    assert not any(p.code == "article_gap" and p.line == line for p in doc.problems)


# ------------------------------------------- text of a 节 and 编 headings reach the pages

BOOKS = """## 第一编 总则

### 第一章 任务

第一条 为了测试，制定本法。

### 第二章 原则

第二条 本法适用于测试。

## 第二编 分则

### 第一章 一般规定

#### 第一节 市人民代表大会常务委员会制定

地方性法规的程序

第三条 第一节的条文。

#### 第二节 没有条文的节

#### 第三节 检查

第四条 第三节的条文。
"""


def test_book_headings_and_section_text_are_on_the_pages():
    doc = lawrefbook(BOOKS, title="中华人民共和国测试法")
    files = pages(doc)
    slug = doc.slug
    first, second = files[f"{slug}/book_1__chp_1.md"], files[f"{slug}/book_2__chp_1.md"]
    # each 编 heading stands once, above the page of its first chapter, with its eId
    assert "**第一编 总则**\n{: #book_1 .division-heading }" in first
    assert "**第二编 分则**\n{: #book_2 .division-heading }" in second
    assert second.index("第二编 分则") < second.index("# 第一章 一般规定")
    assert "第一编" not in files[f"{slug}/book_1__chp_2.md"]
    # the contents list names the 编 before their chapters
    landing = files[f"{slug}/index.md"]
    order = [landing.index(s) for s in ("第一编 总则", "第一章 任务", "第二章 原则", "第二编 分则",
                                        "第一章 一般规定")]
    assert order == sorted(order)
    # the line after a 节 heading (its title's continuation in the source) is on the page,
    # between its heading and its article; a 节 without articles keeps its heading in place
    i = [second.index(s) for s in ("第一节 市人民代表大会常务委员会制定", "地方性法规的程序",
                                   "### 第三条", "第二节 没有条文的节", "第三节 检查", "### 第四条")]
    assert i == sorted(i)


@corpus
def test_corpus_criminal_law_books_and_section_text():
    from build_tools.writers import markdown as md
    rel = "刑法/刑法.md"
    books = [source_line(rel, r"^## 第一编")[1], source_line(rel, r"^## 第二编")[1]]
    doc = load(rel)
    text = "\n".join(pages(doc).values())
    for heading in books:
        assert re.sub(r"^#+\s*", "", heading).replace("\u3000", " ") in text
    # 北京市制定地方性法规条例: 第三章第二节's title runs on to the next line of the source
    rel = "DLC/北京地方法规/地方性法规/北京/北京市制定地方性法规条例(2017-01-20).md"
    n, _ = source_line(rel, r"^地方性法规的程序$")
    doc = load(rel)
    sec = next(d for d in doc.divisions if d.kind == "section" and
               any(p.line == n for p in d.paragraphs))
    page = md.locate(md.page_map(doc, md.plan(doc)), sec.anchor)
    assert "\n地方性法规的程序\n" in pages(doc)[f"{doc.slug}/{page}.md"]


# ------------------------------------------- 本批复自…起施行 in a text without articles

PLAIN = """广东省高级人民法院：

你院请示收悉。经研究，批复如下：

一、将第三条修改为：“本解释自2015年1月1日起施行。”

二、本批复自2021年1月1日起施行。
"""


def test_own_entry_into_force_in_a_text_without_articles():
    doc = lawrefbook(PLAIN, title="最高人民法院关于某问题的批复")
    assert not doc.articles
    assert doc.dates.get("effective") == "2021-01-01"     # not the quoted 本解释's date


def test_quoted_clause_alone_gives_no_date():
    doc = lawrefbook("一、将第三条修改为：“本解释自2015年1月1日起施行。”\n",
                     title="最高人民法院关于修改某解释的决定")
    assert "effective" not in doc.dates


@corpus
def test_corpus_reply_has_its_effective_date():
    rel = "司法解释/最高人民法院关于新民间借贷司法解释适用范围问题的批复.md"
    _, text = source_line(rel, r"^三、本批复自")
    y, m, d = map(int, re.search(r"(\d{4})年(\d+)月(\d+)日", text).groups())
    doc = load(rel)
    assert doc.dates["effective"] == f"{y:04d}-{m:02d}-{d:02d}"


# ------------------------------------------- 所指 X 指定…: a use, not a definition

def test_so_called_term_followed_by_a_verb_is_no_definition():
    body = ("第一条 为了测试，制定本法。\n\n第二条 中央人民政府授权本地区政府：\n\n"
            "（一）续签或者修改原有的民用航空运输协定和临时协议；\n\n"
            "（二）依照本法第一条所指民用航空运输协定和临时协议指定航空公司；\n\n"
            "第三条 本法所称从事以营利为目的的体育经营活动，是指以营利为目的的活动。\n\n"
            "第四条 本法所称经营者，为从事经营活动的人。\n")
    doc = lawrefbook(body, title="某某测试法")
    terms = {d.term for d in doc.definitions}
    assert "民用航空运输协定和临时协议" not in terms
    assert "从事以营利" not in terms
    assert "经营者" in terms                     # 所称 X，为… still defines


@corpus
def test_corpus_basic_law_has_no_definition_made_of_a_reference():
    rel = "宪法相关法/香港特别行政区基本法(1990-04-04).md"
    _, text = source_line(rel, r"^（三）依照本法第一百三十三条所指")
    doc = load(rel)
    assert "民用航空运输协定和临时协议" not in {d.term for d in doc.definitions}


# ------------------------------------------- 《…》同时废止: a repealed instrument is not 现行有效

def test_instrument_repealed_by_a_text_in_force_is_repealed():
    import datetime
    from build_tools import versions
    old = doc_from_text("# 某某暂行条例\n\n2011年1月8日 国务院令第588号公布\n\n<!-- INFO END -->\n\n"
                        "第一条 为了测试，制定本条例。\n\n第二条 本条例自2011年2月1日起施行。\n",
                        name="某某暂行条例(2011-01-08).md")
    other = doc_from_text("# 另一条例\n\n<!-- INFO END -->\n\n第一条 另一条例。\n\n"
                          "第二条 《另一条例》第五条同时废止。\n", name="另一条例(2012-01-01).md")
    new = doc_from_text("# 中华人民共和国某某法\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本法。\n\n"
                        "第二条 本法自2022年7月1日起施行。1988年8月6日国务院发布的《中华人民共和国某某暂行条例》"
                        "同时废止。\n\n第三条 将第一条修改为：“《另一条例》同时废止。”\n",
                        name="某某法(2021-06-10).md")
    assert [r.title for r in new.repeals] == ["中华人民共和国某某暂行条例"]    # not the quoted one
    assert other.repeals == []                # only 第五条 of it: no instrument is repealed
    versions.apply([old, other, new], datetime.date(2026, 12, 2))
    assert old.status == "已废止" and new.status == "现行有效" and other.status == "现行有效"
    note = next(p for p in old.problems if p.code == "repealed_by")
    assert "《中华人民共和国某某法》第二条" in note.message and "2022-07-01" in note.message
    # the status row names the repealing text (a link to it), its article and the date
    from build_tools.writers import markdown as md
    row = next(line for line in md.metadata_block(old) if line.startswith("| 状态"))
    assert f"由[《中华人民共和国某某法》](../{new.slug}/index.md)第二条废止（2022-07-01起" in row, row
    # before the repealing law takes effect, nothing is repealed: the repeal is announced
    versions.apply([old, other, new], datetime.date(2022, 6, 30))
    assert old.status == "现行有效"
    assert not any(p.code == "repealed_by" for p in old.problems)
    assert any(p.code == "repeal_pending" and "2022-07-01" in p.message for p in old.problems)
    row = next(line for line in md.metadata_block(old) if line.startswith("| 状态"))
    assert "**现行有效**" in row and f"；[《中华人民共和国某某法》](../{new.slug}/index.md)第二条规定本文件自2022-07-01起废止" in row, row
    assert not any(p.code == "repeal_pending" for p in other.problems)


@corpus
def test_corpus_repealed_regulations_are_not_called_in_force():
    """Oracle: the repealing sentence read straight from the source of the new law."""
    import datetime
    from build_tools import versions
    pairs = [("行政法规/增值税暂行条例(2017-11-19).md", "经济法/增值税法(2024-12-25).md"),
             ("司法解释/最高人民法院关于审理证券市场因虚假陈述引发的民事赔偿案件的若干规定(2003-01-09).md",
              "司法解释/最高人民法院关于审理证券市场虚假陈述侵权民事赔偿案件的若干规定(2022-01-21).md")]
    for old_rel, new_rel in pairs:
        _, sentence = source_line(new_rel, r"^第[一二三四五六七八九十百]+条.*同时废止")
        old_title = (CORPUS / old_rel).read_text(encoding="utf-8").split("\n")[0].lstrip("# ").strip()
        assert f"《{old_title}》" in sentence or f"《中华人民共和国{old_title}》" in sentence
        old, new = load(old_rel), load(new_rel)
        versions.apply([old, new], datetime.date(2026, 12, 2))
        assert new.status == "现行有效" and old.status == "已废止", old_rel


# ------------------------------------------- 本条沿革 says what the alignment by text knows

def test_article_history_of_an_unmatched_article_does_not_claim_it_is_new():
    import datetime
    from build_tools import assemble, slugs, versions
    from build_tools.writers import markdown as md
    old = doc_from_text("# 某市测试条例\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n\n"
                        "第二条 市人民政府负责本条例的实施工作。\n", name="某市测试条例(2020-01-01).md")
    new = doc_from_text("# 某市测试条例\n\n<!-- INFO END -->\n\n第一条 为了测试，制定本条例。\n\n"
                        "第二条 保障工作应当坚持党的领导，贯彻新发展理念，由各级政府统筹推进。\n",
                        name="某市测试条例(2025-01-01).md")
    docs = [old, new]
    slugs.assign(docs)
    versions.apply(docs, datetime.date(2026, 12, 2))
    assemble.article_history(docs, {d.slug: d for d in docs})
    current = next(d for d in docs if d.status == "现行有效")
    text = "".join(md.article_history_md(current, current.articles[1], None))
    assert "没有文字相近的条文" in text and "本条为新增" not in text
    former = next(d for d in docs if d is not current)
    text = "".join(md.article_history_md(former, former.articles[1], None))
    assert "没有文字相近的条文" in text and "已无对应条文" not in text


# ------------------------------------------- a 题注 written as the first paragraph of the body

def test_history_note_in_the_body_is_the_history():
    doc = lawrefbook("（2001年2月6日最高人民法院审判委员会第1158次会议通过，根据2020年12月23日最高人民法院"
                     "审判委员会第1823次会议通过的《最高人民法院关于修改〈某某规定〉等二十九件商事类司法解释的决定》"
                     "修正）\n\n为依法审理案件，制定本规定。\n\n第一条 测试。\n", title="最高人民法院关于某某问题的规定")
    assert [p.text[:11] for p in doc.history] == ["（2001年2月6日最"]
    assert doc.preamble[0].text.startswith("为依法审理案件")
    assert doc.dates["passed"] == "2001-02-06" and doc.dates["amended"] == "2020-12-23"
    assert "history_in_body" in codes(doc)


def test_parenthesised_sentence_that_is_no_history_stays_text():
    doc = lawrefbook("（2001年2月6日以前发生的案件，依照原规定办理）\n\n第一条 测试。\n")
    assert not doc.history and doc.preamble[0].text.startswith("（2001年")


@corpus
def test_corpus_history_note_in_the_body():
    rel = ("司法解释/最高人民法院关于审理军队、武警部队、政法机关移交、撤销企业和与党政机关脱钩企业"
           "相关纠纷案件若干问题的规定(2020-12-29).md")
    line, text = source_line(rel, r"^（\d{4}年")
    doc = load(rel)
    assert [(p.line, p.text) for p in doc.history] == [(line, text.strip())]
    y, m, d = map(int, re.match(r"（(\d{4})年(\d+)月(\d+)日", text).groups())
    assert doc.dates["passed"] == f"{y:04d}-{m:02d}-{d:02d}"


# ------------------------------------------- definitions inside a 修改决定's quoted text

def test_definition_inside_a_quotation_of_several_paragraphs_is_not_this_documents():
    body = ("十、修改《某某规定》\n\n1.将第六条修改为：\n\n“因票据纠纷提起的诉讼，依法由票据支付地人民法院管辖。\n\n"
            "票据支付地是指票据上载明的付款地。”\n\n2.删除第七条。\n")
    doc = lawrefbook("一、修改《甲规定》\n\n1.删除第一条。\n\n" + body,
                     title="最高人民法院关于修改《甲规定》等二件司法解释的决定")
    assert doc.definitions == []
    own = lawrefbook("第一条 为了测试，制定本规定。\n\n第二条 “票据支付地”，是指票据上载明的付款地。\n\n"
                     "第三条 本规定所称修改后的民事诉讼法，是指2012年修正的民事诉讼法。\n",
                     title="最高人民法院关于某某问题的规定")
    assert {d.term for d in own.definitions} == {"票据支付地", "修改后的民事诉讼法"}


@corpus
def test_corpus_amendment_decision_lends_no_quoted_definition():
    rel = ("司法解释/最高人民法院关于修改《最高人民法院关于破产企业国有划拨土地使用权应否列入破产财产等问题的批复》"
           "等二十九件商事类司法解释的决定.md")
    line, text = source_line(rel, r"^票据支付地是指")
    assert text.rstrip().endswith("”")              # the end of a quotation, in the source
    doc = load(rel)
    assert "票据支付地" not in {d.term for d in doc.definitions}


# ------------------------------------------- a heading's title broken over two lines

def test_heading_broken_over_two_lines_is_one_title():
    doc = lawrefbook("## 第一章 总则\n\n第一条 测试。\n\n## 第二章 设区的市的地方性法规和自治条例、\n\n"
                     "单行条例的制定和批准\n\n第二条 测试。\n\n## 第三章 道路运输相关业务\n\n一般规定\n\n"
                     "第三条 测试。\n")
    chapters = [d for d in doc.divisions if d.kind == "chapter"]
    assert chapters[1].title == "设区的市的地方性法规和自治条例、单行条例的制定和批准"
    assert chapters[1].paragraphs == []
    rec = next(p for p in doc.problems if p.code == "heading_joined")
    assert (rec.line, rec.end_line) == (chapters[1].line, chapters[1].line + 2)
    # no sign of a break: the line stays text of the chapter, where it stands
    assert chapters[2].title == "道路运输相关业务"
    assert [p.text for p in chapters[2].paragraphs] == ["一般规定"]


@corpus
def test_corpus_heading_broken_over_two_lines():
    rel = "DLC/浙江地方法规/地方性法规/浙江/浙江省地方立法条例(2016-01-28).md"
    n, first = source_line(rel, r"^#+ 第五章")
    lines = (CORPUS / rel).read_text(encoding="utf-8").split("\n")
    second = next(l for l in lines[n:] if l.strip())
    doc = load(rel)
    chapter = next(d for d in doc.divisions if d.kind == "chapter" and d.label == "第五章")
    assert chapter.title == re.sub(r"^#+ 第五章\s*", "", first).strip() + second.strip()


# ------------------------------------------- 节 outside any 章, articles in a 章 before its first 节

def test_sections_outside_chapters_hold_their_articles():
    doc = lawrefbook("第一条 总则。\n\n## 第二节 工业污染防治\n\n第二条 工业。\n\n## 第三节 扬尘污染防治\n\n"
                     "第三条 扬尘。\n\n### 第四章 法律责任\n\n第四条 责任。\n")
    by = {a.label: a.division for a in doc.articles}
    secs = {d.label: d.anchor for d in doc.divisions if d.kind == "section"}
    assert by["第二条"] == secs["第二节"] and by["第三条"] == secs["第三节"]
    outside = next(p for p in doc.problems if p.code == "article_outside_division")
    assert "第一条" in outside.message and "第二条" not in outside.message
    text = "\n".join(pages(doc).values())
    assert "## 第二节 工业污染防治" in text and "## 第三节 扬尘污染防治" in text


def test_article_of_a_chapter_before_its_first_section_is_in_the_chapter():
    doc = lawrefbook("## 第一章 总则\n\n第一条 总则。\n\n## 第二章 业主\n\n一般规定\n\n第二条 业主。\n\n"
                     "### 第二节 业主大会\n\n第三条 大会。\n")
    chp2 = next(d for d in doc.divisions if d.label == "第二章")
    assert next(a for a in doc.articles if a.label == "第二条").chapter == chp2.anchor
    assert "article_outside_division" not in codes(doc)     # it is in 第二章, not outside all


@corpus
def test_corpus_sections_outside_chapters():
    rel = "DLC/山东地方法规/地方性法规/山东/聊城市大气污染防治条例(2018-09-21).md"
    n, heading = source_line(rel, r"^## 第二节")
    lines = (CORPUS / rel).read_text(encoding="utf-8").split("\n")
    first = next(l for l in lines[n:] if re.match(r"^第[一二三四五六七八九十]+条", l)).split()[0]
    doc = load(rel)
    sec = next(d for d in doc.divisions if d.kind == "section" and d.line == n)
    assert next(a for a in doc.articles if a.label == first).division == sec.anchor
    assert re.sub(r"^#+\s*", "", heading).split()[0] in "\n".join(pages(doc).values())
