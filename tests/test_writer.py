"""The Markdown writer: escaping, anchors, pages, and that docs/ is up to date."""
import re

from build_tools.writers import markdown as md
from conftest import ROOT


def test_escape_keeps_text_literal():
    import markdown as pymd
    hostile = "<script>alert(1)</script> **粗** _斜_ [链接](http://x) {{ config }} {% if %} # 1. &amp;"
    html = pymd.markdown(md.escape(hostile), extensions=["attr_list"])
    assert "<script>" not in html and "<strong>" not in html and "<em>" not in html
    assert "<a " not in html
    text = re.sub(r"<[^>]+>", "", html)
    import html as h
    assert h.unescape(text) == hostile


def test_line_start_markup_is_escaped():
    import markdown as pymd
    for line in ["# 不是标题", "- 不是列表", "1. 不是编号列表", "> 不是引用", "+ 加号"]:
        html = pymd.markdown(md.escape(line))
        assert html.startswith("<p>"), (line, html)


def test_pages_follow_chapters(seed_docs):
    pages = md.plan(seed_docs["000"])
    assert [p.name for p in pages] == [f"chp_{i}" for i in range(1, 6)]
    assert [len(p.articles) for p in pages] == [6, 4, 10, 10, 2]
    pages = md.plan(seed_docs["002"])
    names = [p.name for p in pages]
    assert names == [f"chp_{i}" for i in range(1, 9)]
    chp3 = pages[2]
    assert [a.label for a in chp3.articles][:2] == ["第九条", "第十条"] and len(chp3.articles) == 11
    assert chp3.notices and "无法确定" in chp3.notices[0]
    pages = md.plan(seed_docs["004"])
    assert [p.name for p in pages] == ["part_1", "part_2", "part_3"]


def test_every_article_anchor_on_exactly_one_page(seed_docs):
    for doc in seed_docs.values():
        pages = md.plan(doc)
        placed = [a.anchor for p in pages for a in p.articles]
        assert sorted(placed) == sorted(a.anchor for a in doc.articles)


def test_committed_docs_are_up_to_date(tmp_path):
    """docs/ is generated and committed: regenerate and compare byte for byte."""
    from build_tools import commands
    from build_tools.transforms import Context
    import datetime
    mark = (ROOT / "docs" / ".generated-by-build_tools").read_text(encoding="utf-8")
    day = datetime.date.fromisoformat(mark.split("statuses computed for:")[1].strip())
    commands.generate(ROOT / "seeds", tmp_path / "docs", Context(day))
    fresh = {p.relative_to(tmp_path / "docs"): p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    committed = {p.relative_to(ROOT / "docs"): p.read_bytes() for p in (ROOT / "docs").rglob("*") if p.is_file()}
    stale = sorted(str(k) for k in set(fresh) | set(committed) if fresh.get(k) != committed.get(k))
    assert not stale, f"docs/ is stale, run `python -m build_tools build`: {stale[:10]}"
