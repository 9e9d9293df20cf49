"""Every character of every seed reaches the model or is named in a problem record."""
import pytest

from build_tools import audit
from conftest import SEED


@pytest.mark.parametrize("key", sorted(SEED))
def test_every_source_line_is_accounted_for(seed_docs, key):
    assert audit.unaccounted(seed_docs[key]) == []


def test_audit_notices_a_lost_paragraph(seed_docs):
    import copy
    doc = copy.deepcopy(seed_docs["000"])
    lost = doc.articles[3].paragraphs.pop(1)
    missing = audit.unaccounted(doc)
    assert [n for n, _ in missing] == [lost.line]


def test_audit_notices_a_dropped_copy_without_record(seed_docs):
    import copy
    doc = copy.deepcopy(seed_docs["002"])
    doc.problems = [p for p in doc.problems if p.code != "duplicate_copy"]
    missing = {n for n, _ in audit.unaccounted(doc)}
    assert 179 in missing and 305 in missing


# --- structure: independent of how the reader classified a line (issue 12) ---------------

def test_articles_swallowed_by_a_contents_list_are_unaccounted(seed_docs):
    """The reader once took 第一条 … 第八条 after a second contents list for contents: the lines
    were kept as omitted text under a toc_omitted record, so a text-only audit saw nothing
    wrong.  The structural audit sees eight article lines whose articles are not in the model."""
    import copy

    from build_tools.model import Paragraph
    doc = copy.deepcopy(seed_docs["001"])
    swallowed = [a for a in doc.articles if a.number <= 8]
    doc.articles = [a for a in doc.articles if a.number > 8]
    lines = sorted(n for a in swallowed for n in [a.line] + [m for p in a.paragraphs for m in p.lines])
    doc.omitted += [Paragraph(doc.lines[n - 1], n) for n in lines]
    doc.report("toc_omitted", "info", "目录", lines[0], lines[-1])
    assert audit.unaccounted(doc, structure=False) == []          # what the old audit saw
    found = audit.unplaced(doc)
    assert [n for n, kind, _ in found if kind == "article"] == [a.line for a in swallowed]
    assert {n for n, _ in audit.unaccounted(doc)} >= {a.line for a in swallowed}
    missing, phantom = audit.label_scan(doc)
    assert set(missing) == {(n, 0) for n in range(1, 9)} and not phantom


def test_heading_glued_to_an_article_is_unaccounted(seed_docs):
    """A chapter heading that reached the page only as a paragraph is not in the model."""
    import copy
    doc = copy.deepcopy(seed_docs["000"])
    chapter = next(d for d in doc.divisions if d.label == "第二章")
    doc.divisions.remove(chapter)
    assert [(n, kind) for n, kind, _ in audit.unplaced(doc)] == [(chapter.line, "heading")]


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_plain_label_scan_agrees_with_the_model_on_seeds(seed_docs, key):
    doc = seed_docs[key]
    assert audit.label_scan(doc) == ({}, {})
    assert audit.unplaced(doc) == []


@pytest.mark.parametrize("line,expected", [
    ("第十二条之一　内容", ("article", (12, 1))), ("- **第三条**　　内容", ("article", (3, 0))),
    ("第 一百二十四 条 内容", ("article", (124, 0))), ("第三条规定的期限", None),
    ("## 第五章 信息公开", ("heading", "第五章")), ("第五章规定的", None),
    ("## 附　则", ("unnumbered", "附则")), ("## 十三、附则", ("unnumbered", "附则")),
    ("附件一：香港特别行政区行政长官的产生办法", ("annex", ("附件", 1))), ("附表", ("annex", ("附表", None))),
    ("附件所列的物品", None),
])
def test_scan_line_is_a_plain_pattern(line, expected):
    assert audit.scan_line(line, markdown=True) == expected


def test_label_scan_sees_an_article_glued_to_a_heading():
    """`## 第二章 管理第三条 …`: when the model holds 第三条 (the reader split it from the
    heading), the plain scan finds its label glued to the end of the heading line; when it
    does not, the article is missing from the model and the scan's count says nothing false."""
    import copy

    from build_tools.model import Article
    from conftest import doc_from_text
    doc = doc_from_text("# 测试条例\n\n## 第一章 总则\n\n第一条 甲。\n\n第二条 乙。\n\n"
                        "## 第二章 管理第三条 丙。\n\n第四条 丁。\n", "测试.md")
    split = copy.deepcopy(doc)
    split.articles.insert(2, Article(3, "第三条", 9))
    assert audit.label_scan(split) == ({}, {})
    assert audit.label_scan(doc) == ({}, {})
