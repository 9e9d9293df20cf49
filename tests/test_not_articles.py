"""Content that is not a numbered article (issue 12): annexes, tables, unnumbered headings,
headings run into an article, contents lists, quoted articles.

The corpus tests read real LawRefBook files; their oracles are plain scans of the source
lines, not the reader's grammar.
"""
import re

import pytest

from conftest import CORPUS, doc_from_text

corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")


def load(rel):
    from build_tools import pipeline
    return pipeline.load(CORPUS / rel)


def source_lines(rel):
    return (CORPUS / rel).read_text(encoding="utf-8").split("\n")


def line_of(lines, pattern, start=0):
    return next(i for i, l in enumerate(lines, 1) if i > start and re.match(pattern, l))


def annexes(doc):
    return [d for d in doc.divisions if d.kind == "annex"]


# ---------------------------------------------------------------- annexes

@corpus
def test_criminal_law_annexes_are_their_own_divisions():
    rel = "刑法/刑法.md"
    doc, lines = load(rel), source_lines(rel)
    a1, a2 = line_of(lines, r"^## 附件一$"), line_of(lines, r"^## 附件二$")
    last = line_of(lines, r"^第四百五十二条")
    nonblank = lambda lo, hi: sum(1 for l in lines[lo:hi - 1] if l.strip())
    art = doc.articles[-1]
    assert art.label == "第四百五十二条"
    assert len(art.paragraphs) == 1 + nonblank(last, a1)     # its own 款 only
    assert all(p.line < a1 for p in art.paragraphs)
    got = annexes(doc)
    assert [(d.anchor, d.label, d.line) for d in got] == [("att_1", "附件一", a1), ("att_2", "附件二", a2)]
    assert len(got[0].paragraphs) == nonblank(a1, a2)
    assert len(got[1].paragraphs) == nonblank(a2, len(lines) + 1)
    assert got[0].paragraphs[0].anchor == "att_1__para_1"


@corpus
def test_hong_kong_basic_law_three_annexes_with_titles():
    rel = "宪法相关法/香港特别行政区基本法(1990-04-04).md"
    doc, lines = load(rel), source_lines(rel)
    starts = [(i, l, m.group(1)) for i, l in enumerate(lines, 1)
              if (m := re.match(r"^附件[一二三]：(.+)$", l))]
    assert len(starts) == 3
    assert [(d.line, d.heading, d.title) for d in annexes(doc)] == starts
    assert [d.anchor for d in annexes(doc)] == ["att_1", "att_2", "att_3"]
    assert doc.articles[-1].label == "第一百六十条"
    assert all(p.line < starts[0][0] for p in doc.articles[-1].paragraphs)


@corpus
def test_annex_list_in_the_text_is_not_an_annex():
    """附件：1.…决定书 2.…通知书 lists the annexes (text of the instrument); 附件1 starts one."""
    rel = "司法解释/最高人民法院关于办理行政申请再审案件若干问题的规定(2021-03-25).md"
    doc, lines = load(rel), source_lines(rel)
    listed = line_of(lines, r"^附件：1\.")
    assert any(listed in p.lines for a in doc.articles for p in a.paragraphs)
    assert [(d.anchor, d.line) for d in annexes(doc)] == [
        ("att_1", line_of(lines, r"^附件1$")), ("att_2", line_of(lines, r"^附件2$")),
        ("att_3", line_of(lines, r"^附件3$"))]


@corpus
def test_announced_annex_then_bare_label_is_one_annex():
    rel = "行政法规/矿产资源法实施细则(1994-03-26).md"
    doc, lines = load(rel), source_lines(rel)
    got = annexes(doc)
    assert [(d.anchor, d.title) for d in got] == [("att_1", "矿产资源分类细目")]
    assert got[0].paragraphs[0].text == "附件"
    assert got[0].paragraphs[-1].line == max(i for i, l in enumerate(lines, 1) if l.strip())


@corpus
def test_annexes_run_together_on_one_line_are_split():
    rel = "行政法规/飞行基本规则(2007-10-18).md"
    doc, lines = load(rel), source_lines(rel)
    n = line_of(lines, r"^附件一 ")
    assert [(d.anchor, d.line) for d in annexes(doc)] == [("att_1", n), ("att_2", n), ("att_3", n)]
    assert annexes(doc)[2].title == "拦截航空器和被拦截航空器的动作信号（略）"
    assert any(p.code == "annex_split" for p in doc.problems)


@corpus
def test_annex_pages_contents_and_export():
    from build_tools import export, audit
    from build_tools.writers import markdown as md
    doc = load("刑法/刑法.md")
    pages = md.plan(doc)
    assert [p.name for p in pages][-2:] == ["att_1", "att_2"]
    files = md.document_pages(doc, pages, None)
    assert "- [附件一](att_1.md)" in files[f"{doc.slug}/index.md"]
    page = files[f"{doc.slug}/att_1.md"]
    assert "# 附件一 {#att_1}" in page and "{: #att_1__para_2 }" in page
    assert "1．中华人民共和国惩治军人违反职责罪暂行条例" in page
    data = export.to_json(doc)
    assert [d["anchor"] for d in data["divisions"] if d["kind"] == "annex"] == ["att_1", "att_2"]
    assert audit.unaccounted(doc) == []


def test_annex_in_a_made_up_text_and_an_article_after_it():
    doc = doc_from_text("第一条 本办法自公布之日起施行。\n\n附表二：收费标准\n\n一、登记费10元。\n\n"
                        "附表二：收费标准（续）\n\n二、工本费5元。\n")
    got = annexes(doc)
    assert [d.anchor for d in got] == ["att_2", "att_2-2"]
    assert [p.text for p in got[0].paragraphs] == ["一、登记费10元。"]
    assert any(p.code == "duplicate_annex" for p in doc.problems)
    assert doc.articles[0].text() == "本办法自公布之日起施行。"


# ---------------------------------------------------------------- tables

TABLE_FILES = "司法解释/最高人民法院、最高人民检察院关于执行《刑法》*确定罪名的补充规定*.md"


def pipe_rows(lines):
    """Rows of the source's pipe tables by a plain split on |, separator rows left out."""
    return [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines
            if l.strip().startswith("|") and not re.fullmatch(r"[\s|:-]+", l)]


@corpus
def test_charge_name_tables_are_tables_with_every_cell():
    files = sorted(CORPUS.glob(TABLE_FILES))
    assert len(files) == 8
    with_tables = 0
    for path in files:
        rel = str(path.relative_to(CORPUS))
        doc, lines = load(rel), source_lines(rel)
        expected = pipe_rows(lines)
        tables = [p for _, p in doc.all_paragraphs() if p.kind == "table"]
        got = [r.split("\t") for t in tables for r in t.text.split("\n")]
        assert got == expected, rel
        assert not any(p.text.startswith("|") for _, p in doc.all_paragraphs()), rel
        assert not any("<!--" in p.text for _, p in doc.all_paragraphs()), rel
        with_tables += bool(tables)
    assert with_tables == 7


@corpus
def test_table_page_search_and_audit():
    from build_tools import audit
    from build_tools.writers import markdown as md, search_index
    rel = "司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定（二）(2003-08-15).md"
    doc = load(rel)
    table = next(p for p in doc.preamble if p.kind == "table")
    pages = md.document_pages(doc, md.plan(doc), None)
    page = pages[f"{doc.slug}/text.md"]          # a text without articles is on its 正文 page
    assert "雇用童工从事危重劳动罪" not in pages[f"{doc.slug}/index.md"]
    assert table.anchor == "preamble__table_1"
    assert "| 刑法条文 {: #preamble__table_1 } | 罪名 |\n| --- | --- |\n" in page
    assert "| 第244条之一 （《刑法修正案（四）》第4条） | 雇用童工从事危重劳动罪 |" in page
    grams, records = search_index.part(doc)
    assert "雇用童工从事危重劳动罪" in records
    assert audit.unaccounted(doc) == []


def test_table_cells_are_escaped_and_never_articles():
    from build_tools.writers import markdown as md
    doc = doc_from_text("# 某某收费办法\n\n第一条 收费标准如下：\n\n| 项目 | 标准 |\n| --- | --- |\n"
                        "| 第二条 | a\\|b *c* |\n| 3. 登记 | 10元 |\n\n第二条 本办法自公布之日起施行。\n",
                        name="收费.md")
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    table = doc.articles[0].paragraphs[1]
    assert table.kind == "table" and table.text == "项目\t标准\n第二条\ta|b c\n3. 登记\t10元"
    text = md.table_md(table)
    assert "| 第二条 | a\\|b c |" in text and "| 3\\. 登记 | 10元 |" in text   # 3\. renders as 3.


# ---------------------------------------------------------------- headings that are not 第X章

@corpus
def test_interpretation_parts_are_divisions_and_own_their_articles():
    """十三、附则 and the other 一、… headings of a judicial interpretation."""
    rel = "司法解释/最高人民法院关于适用《行政诉讼法》的解释(2018-02-06).md"
    doc, lines = load(rel), source_lines(rel)
    heads = [(i, m.group(1), m.group(2)) for i, l in enumerate(lines, 1)
             if (m := re.match(r"^## ([一二三四五六七八九十]+)、(.*)$", l))]
    assert len(heads) == 13
    parts = [d for d in doc.divisions if d.kind == "part"]
    assert [(d.line, d.label, d.title) for d in parts] == [(i, f"{n}、", t) for i, n, t in heads]
    assert [d.anchor for d in parts] == [f"part_{k}" for k in range(1, 14)]
    assert parts[-1].title == "附则"
    head_lines = {i for i, _, _ in heads}
    assert not any(set(p.lines) & head_lines for a in doc.articles for p in a.paragraphs)
    # every article belongs to the last part heading above it in the source
    for a in doc.articles:
        above = max(i for i in head_lines if i < a.line)
        assert a.chapter == parts[[i for i, _, _ in heads].index(above)].anchor, a.label
    from build_tools.writers import markdown as md
    assert [p.name for p in md.plan(doc)] == [d.anchor for d in parts]


@corpus
def test_unnumbered_final_provisions_of_criminal_law():
    rel = "刑法/刑法.md"
    doc, lines = load(rel), source_lines(rel)
    n = line_of(lines, r"^## 附则$")
    final = next(d for d in doc.divisions if d.line == n)
    assert (final.kind, final.anchor, final.heading) == ("book", "book_final", "附则")
    by_label = {a.label: a for a in doc.articles}
    assert by_label["第四百五十二条"].chapter == "book_final"
    assert by_label["第四百五十一条"].chapter == "book_2__chp_10"
    assert all(p.line < n for p in by_label["第四百五十一条"].paragraphs)
    from build_tools.writers import markdown as md
    names = [p.name for p in md.plan(doc)]
    assert names[-3:] == ["book_final", "att_1", "att_2"]
    assert not any(name.startswith("unassigned") for name in names)


@corpus
def test_spaced_final_provisions_after_a_chapter():
    rel = "DLC/广东地方法规/地方性法规/广东/潮州市文明行为促进条例(2022-12-16).md"
    doc, lines = load(rel), source_lines(rel)
    n = line_of(lines, r"^附 则$")
    final = next(d for d in doc.divisions if d.line == n)
    assert (final.kind, final.anchor, final.title) == ("chapter", "chp_final", "附则")
    after = [a for a in doc.articles if a.line > n]
    assert after and all(a.chapter == "chp_final" for a in after)


def test_article_glued_to_a_heading_is_split():
    doc = doc_from_text("# 某某条例\n\n## 第一章 总则\n\n第一条 为了保护环境，制定本条例。\n\n"
                        "## 第二章 信息公开和公众参与第二条 企业应当公开排污信息。\n\n"
                        "第三条 本条例自公布之日起施行。\n", name="x.md")
    assert [(d.anchor, d.title) for d in doc.divisions] == [("chp_1", "总则"), ("chp_2", "信息公开和公众参与")]
    assert [(a.anchor, a.chapter, a.text()) for a in doc.articles] == [
        ("art_1", "chp_1", "为了保护环境，制定本条例。"), ("art_2", "chp_2", "企业应当公开排污信息。"),
        ("art_3", "chp_2", "本条例自公布之日起施行。")]
    assert [p.code for p in doc.problems] == ["heading_article_split"]


def test_a_title_that_only_mentions_an_article_is_not_split():
    doc = doc_from_text("# 某某条例\n\n## 第一章 总则\n\n第一条 为了保护环境，制定本条例。\n\n"
                        "## 第二章 关于第五条的实施\n\n第二条 本条例自公布之日起施行。\n", name="x.md")
    assert [d.title for d in doc.divisions] == ["总则", "关于第五条的实施"]
    assert len(doc.articles) == 2


def test_second_contents_list_does_not_swallow_bullet_articles():
    from build_tools import audit
    doc = doc_from_text("# 某某法\n\n目录\n\n- 第一章 总则\n- 第二章 附则\n\n---\n\n目录\n\n---\n\n"
                        "- 第一条 为了规范，制定本法。\n- 第二条 本法自公布之日起施行。\n", name="y.md")
    assert [(a.anchor, a.text()) for a in doc.articles] == [
        ("art_1", "为了规范，制定本法。"), ("art_2", "本法自公布之日起施行。")]
    assert [(p.code, p.line, p.end_line) for p in doc.problems] == [("toc_omitted", 3, 6), ("toc_omitted", 10, 10)]
    assert audit.unaccounted(doc) == []


# ---------------------------------------------------------------- footnotes

@corpus
def test_criminal_law_footnote_is_a_note_not_a_paragraph():
    rel = "刑法/刑法.md"
    doc, lines = load(rel), source_lines(rel)
    n = line_of(lines, r"^① ")
    art = next(a for a in doc.articles if a.label == "第四百五十二条")
    note = next(p for p in art.paragraphs if p.line == n)
    assert (note.kind, note.anchor, note.text) == ("footnote", "art_452__note_1", lines[n - 1])
    assert [p.anchor for p in art.paragraphs if p.kind == "para"] == [f"art_452__para_{k}" for k in (1, 2, 3)]
    from build_tools.writers import markdown as md
    assert "{: #art_452__note_1 .footnote }" in md.article_md(doc, art, None)


def test_table_and_note_in_an_article_do_not_shift_paragraph_numbers():
    doc = doc_from_text("# 某某收费办法\n\n第一条 收费标准如下：\n\n| 项目 | 标准 |\n| --- | --- |\n| 登记 | 10元 |\n\n"
                        "前款标准每年公布。\n\n① 本条自2020年起适用。\n\n第二条 本办法自公布之日起施行。\n",
                        name="收费.md")
    assert [(p.kind, p.anchor) for p in doc.articles[0].paragraphs] == [
        ("para", "art_1__para_1"), ("table", "art_1__table_1"), ("para", "art_1__para_2"),
        ("footnote", "art_1__note_1")]


# ---------------------------------------------------------------- quoted articles

def test_articles_quoted_in_an_annex_are_annex_text():
    """A decision whose annex quotes articles of 宪法 and 刑事诉讼法: quotations, never
    articles of the decision, never merged or reordered with its own."""
    doc = doc_from_text(
        "# 关于某事项的决定\n\n第一条 本决定所称规定，见附件。\n\n第二条 本决定自公布之日起施行。\n\n"
        "附件：相关法律条文\n\n《中华人民共和国宪法》\n\n第六十七条 全国人民代表大会常务委员会行使下列职权：\n\n"
        "（一）解释宪法，监督宪法的实施；\n\n《中华人民共和国刑事诉讼法》\n\n第二条 中华人民共和国刑事诉讼法的任务，是……\n",
        name="决定.md")
    assert [(a.anchor, a.text()) for a in doc.articles] == [
        ("art_1", "本决定所称规定，见附件。"), ("art_2", "本决定自公布之日起施行。")]
    annex = next(d for d in doc.divisions if d.kind == "annex")
    assert annex.anchor == "att_1" and len(annex.paragraphs) == 5
    assert annex.paragraphs[1].text == "第六十七条 全国人民代表大会常务委员会行使下列职权："
    assert [p.code for p in doc.problems] == ["annex_quoted_articles"]
    from build_tools import audit
    assert audit.unaccounted(doc) == []


def test_attached_instrument_after_an_annex_keeps_its_own_numbering():
    doc = doc_from_text("# 关于发布某办法的通知\n\n第一条 现将办法印发。\n\n附件\n\n某办法\n\n"
                        "第一条 为了规范，制定本办法。\n\n第二条 本办法自公布之日起施行。\n", name="通知.md")
    assert [a.anchor for a in doc.articles] == ["art_1", "att_1__art_1", "att_1__art_2"]
    assert [p.text for p in next(d for d in doc.divisions if d.kind == "annex").paragraphs] == ["某办法"]


@corpus
def test_amendment_decision_quoted_items_are_not_measures():
    """十八件知识产权类司法解释的决定: `2.将第一条修改为：“人民法院受理下列专利纠纷案件：` quotes
    a list `1.专利申请权权属纠纷案件；` … which is text of measure 2, not measures 1 … 8."""
    rel = next(str(p.relative_to(CORPUS)) for p in (CORPUS / "司法解释").glob("*十八件知识产权类*"))
    doc, lines = load(rel), source_lines(rel)
    assert not any(p.code == "duplicate_article" for p in doc.problems)
    quoted = line_of(lines, r"^1\.专利申请权权属纠纷案件；$")
    owner = next(a for a in doc.articles if any(quoted in p.lines for p in a.paragraphs))
    assert (owner.part.label, owner.label) == ("二、", "2.")
    assert owner.paragraphs[0].text == "将第一条修改为："
    # every 一、修改《…》 line of the source is a part, however long its title
    parts = [i for i, l in enumerate(lines, 1) if re.match(r"^[一二三四五六七八九十]+、修改《", l)]
    assert [d.line for d in doc.divisions if d.kind == "part"] == parts
    # measures restart at 1 in each part and run on without repeats
    for d in (d for d in doc.divisions if d.kind == "part"):
        numbers = [a.number for a in doc.articles if a.part is d]
        assert numbers == list(range(1, len(numbers) + 1)), d.heading


@corpus
def test_general_provisions_whose_chapter_label_is_lost():
    """滨州市供热条例: `总　则` before 第一条, chapters from 第二章 on: the first chapter."""
    rel = "DLC/山东地方法规/地方性法规/山东/滨州市供热条例(2016-09-26).md"
    doc, lines = load(rel), source_lines(rel)
    n = line_of(lines, r"^总　则$")
    second = line_of(lines, r"^(## )?第二章")
    first = doc.divisions[0]
    assert (first.line, first.anchor, first.heading) == (n, "chp_general", "总则")
    assert all(a.chapter == "chp_general" for a in doc.articles if a.line < second)
    from build_tools import audit
    assert audit.unplaced(doc) == []


@corpus
def test_general_provisions_alone_stay_a_preamble_heading():
    """浙江省水资源条例 keeps only `总则` of its chapter headings: assigning every article to
    it would be false, so it stays text of the preamble, and the audit says so."""
    from build_tools import audit
    doc = load("DLC/浙江地方法规/地方性法规/浙江/浙江省水资源条例(2020-09-24).md")
    assert not doc.divisions
    assert [p.text for p in doc.preamble] == ["总则"]
    assert [kind for _, kind, _ in audit.unplaced(doc)] == ["unnumbered"]


@corpus
def test_attachment_line_inside_a_numbered_annex_is_its_text():
    """附件2 is a form whose own `附件：（按顺序列明…）` line belongs to the form."""
    rel = "司法解释/最高人民法院关于综合治理类司法建议工作若干问题的规定(2023-11-15).md"
    doc, lines = load(rel), source_lines(rel)
    got = [d for d in doc.divisions if d.kind == "annex"]
    assert [(d.anchor, d.line) for d in got] == [
        ("att_1", line_of(lines, r"^附件1$")), ("att_2", line_of(lines, r"^附件2$")),
        ("att_3", line_of(lines, r"^附件3$"))]
    inner = line_of(lines, r"^附件：（按顺序")
    assert any(inner in p.lines for p in got[1].paragraphs)


# ---------------------------------------------------------------- images

def test_image_is_a_visible_placeholder_and_a_record():
    from build_tools import audit
    doc = doc_from_text("# 某某条例\n\n第一条 使用注册商标应当标明“注册商标”或者注册标记![®](img/r.png)。\n\n"
                        "第二条 标志式样如下：![](fig/2.png)\n", name="商标.md")
    assert doc.articles[0].text() == "使用注册商标应当标明“注册商标”或者注册标记〔图片：®（img/r.png）〕。"
    assert doc.articles[1].text() == "标志式样如下：〔图片（fig/2.png）〕"
    assert [(p.code, p.line) for p in doc.problems] == [("image_omitted", 3), ("image_omitted", 5)]
    assert audit.unaccounted(doc) == []


@corpus
def test_annex_of_a_measures_style_text():
    """关于国务院管理干部的公司领导职数…的规定: parts 一、…七、, then `附：` and a list of companies."""
    rel = "行政法规/关于国务院管理干部的公司领导职数等若干问题的规定(1989-05-11).md"
    doc, lines = load(rel), source_lines(rel)
    n = line_of(lines, r"^附：$")
    annex = [d for d in doc.divisions if d.kind == "annex"]
    assert [(d.anchor, d.line) for d in annex] == [("att_1", n)]
    assert [p.line for p in annex[0].paragraphs] == [i for i, l in enumerate(lines, 1) if i > n and l.strip()]
    assert all(p.line < n for d in doc.divisions if d.kind == "part" for p in d.paragraphs)


@corpus
def test_part_written_as_a_sentence_continues_the_parts():
    """高等教育管理职责暂行规定: `四、…，高等学校…：` is part 四, so its （一）…（七） are its own
    measures, not repeats of part 三's."""
    rel = "行政法规/高等教育管理职责暂行规定(1986-03-12).md"
    doc, lines = load(rel), source_lines(rel)
    heads = [(i, m.group(1)) for i, l in enumerate(lines, 1)
             if (m := re.match(r"^([一二三四五六七八九十]+)、", l))]
    parts = [d for d in doc.divisions if d.kind == "part"]
    assert [(d.line, d.label) for d in parts] == [(i, f"{n}、") for i, n in heads]
    assert not any(p.code == "duplicate_article" for p in doc.problems)
