"""eIds come from numbering only: a repeated article number is told apart by its ordinal among
articles of that number, never by its source line, so an edit elsewhere keeps its address."""
from conftest import doc_from_text

TEXT = """关于测试的若干措施

一、总体要求

1．第一项措施内容。

2．第二项措施内容。

1．另一项编号为一的措施，文字不同。

二、保障措施

1．保障内容。
"""


def anchors(doc):
    return [(a.label, a.anchor) for a in doc.articles]


def test_a_repeated_article_number_gets_an_ordinal_not_a_line():
    doc = doc_from_text(TEXT)
    got = dict((a.paragraphs[0].text, a.anchor) for a in doc.articles)
    assert got["第一项措施内容。"] == "part_1__art_1"
    assert got["另一项编号为一的措施，文字不同。"] == "part_1__art_1-dup2"
    assert got["保障内容。"] == "part_2__art_1"
    assert any(p.code == "duplicate_article" and "part_1__art_1-dup2" in p.message for p in doc.problems)
    moved = doc_from_text(TEXT.replace("一、总体要求\n", "一、总体要求\n\n为推进工作，制定本措施。\n"))
    assert anchors(moved) == anchors(doc)


def test_every_eid_helper_lives_in_eids():
    from build_tools import eids
    assert list(eids.enclosing("art_8__para_2__point_1")) == ["art_8__para_2__point_1", "art_8__para_2", "art_8"]
    assert eids.owner("part_2__art_7__para_1") == "part_2__art_7"
    assert eids.repeated("chp_3", {"chp_3", "chp_3-2"}) == "chp_3-3"
