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
    """Each line stays a paragraph and shows exactly its text (no stray backslash), also under a
    line before it (= or - would make that line a heading)."""
    import html as h

    import markdown as pymd
    for line in ["# 不是标题", "- 不是列表", "1. 不是编号列表", "2) 括号编号", "> 不是引用", "+ 加号",
                 "=== 分隔 ===", "= 等号", "| 竖线 |", "---"]:
        for before in ("", "上一行\n"):
            html = pymd.markdown(md.escape(before + line), extensions=["attr_list", "tables"])
            assert html.startswith("<p>") and "<h" not in html, (line, html)
            assert h.unescape(re.sub(r"<[^>]+>", "", html)) == before + line, (line, html)


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
    day = datetime.date.fromisoformat(mark.split("statuses as of:")[1].strip())
    commands.generate(ROOT / "seeds", tmp_path / "docs", Context(day))
    fresh = {p.relative_to(tmp_path / "docs"): p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    committed = {p.relative_to(ROOT / "docs"): p.read_bytes() for p in (ROOT / "docs").rglob("*") if p.is_file()}
    stale = sorted(str(k) for k in set(fresh) | set(committed) if fresh.get(k) != committed.get(k))
    assert not stale, f"docs/ is stale, run `python -m build_tools build`: {stale[:10]}"


def test_citation_labels_and_versions(seed_docs):
    """What the 引用 buttons start from: the article's official and Arabic labels (a 措施
    measure as 第二部分第7条 or 第二部分第（七）条, never 二、1．) and the academic version."""
    by_title = {d.title: d for d in seed_docs.values()}
    law = by_title["贵阳市算力产业促进条例"]
    a31 = next(a for a in law.articles if a.anchor == "art_31")
    assert (md.cite_label(law, a31), md.cite_label_arabic(law, a31)) == ("第三十一条", "第31条")
    assert md.version_label(law) == "2025"
    assert md.version_label(by_title["贵州省大数据发展应用促进条例"]) == "2025修订"
    measures = by_title["关于加快推进算力产业创新发展的措施"]
    m7 = next(a for a in measures.articles if a.anchor == "part_2__art_7")
    assert (md.cite_label(measures, m7), md.cite_label_arabic(measures, m7)) == ("第二部分第7条", "第2部分第7条")
    gz = by_title["广州市推进算力基础设施高质量发展的若干措施"]
    g1 = next(a for a in gz.articles if a.anchor == "part_2__art_1")
    assert md.cite_label(gz, g1) == "第二部分第（一）条"
    for doc in seed_docs.values():
        for a in doc.articles:
            assert "、" not in md.cite_label(doc, a), (doc.title, a.label)


def test_a_build_on_another_day_gives_the_same_docs_until_a_status_changes(seed_docs, tmp_path):
    """The generated mark names the day of the last status change, not the build date."""
    import datetime
    from build_tools import commands
    from build_tools.transforms import Context
    from build_tools.writers.site import GENERATED_MARK
    texts = []
    for day in (datetime.date(2026, 12, 2), datetime.date(2026, 12, 20)):
        out = tmp_path / day.isoformat()
        commands.generate(ROOT / "seeds", out, Context(day))
        texts.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert texts[0] == texts[1]
    # 2026-03-02 is the last day up to then on which a seed's status changed: seed 002's
    # comment deadline (2026-03-01) has passed, it is 征求意见已截止 (a rule on a date other
    # than 施行/失效: the mark must know every rule's day, or the committed docs/ goes stale)
    assert "statuses as of: 2026-03-02" in texts[0][__import__("pathlib").Path(GENERATED_MARK)].decode()
    before = tmp_path / "before"
    commands.generate(ROOT / "seeds", before, Context(datetime.date(2026, 3, 1)))
    assert "statuses as of: 2026-03-02" not in (before / GENERATED_MARK).read_text(encoding="utf-8")
    draft = "guiyangshi-shuzi-jingji-cujin-tiaoli-caoan/index.md"
    assert (before / draft).read_bytes() != texts[0][__import__("pathlib").Path(draft)]
    # the expiry of the 措施 (2027-01-24) changes its status the next day, and the mark
    out = tmp_path / "later"
    commands.generate(ROOT / "seeds", out, Context(datetime.date(2027, 2, 1)))
    assert "statuses as of: 2027-01-25" in (out / GENERATED_MARK).read_text(encoding="utf-8")


def test_missing_articles_repairs_and_doubts_are_marked_where_people_read(seed_docs):
    """Seed 002 lacks 第五条至第七条; its 第十条 has two differing copies (the misplaced one at
    第四条's position, which was removed there); punctuation was normalised in many articles."""
    doc = seed_docs["002"]
    pages = md.plan(doc)
    files = md.document_pages(doc, pages, None)
    chp2 = files[f"{doc.slug}/chp_2.md"]
    assert ('第五条至第七条 原文缺失，本站未补写（[来源说明](index.md#source-notes)）\n'
            '{: #art_5 .article-gap data-missing="art_5 art_6 art_7" }') in chp2
    assert chp2.index("#art_5 .article-gap") < chp2.index("{#art_8 ")
    landing = files[f"{doc.slug}/index.md"]
    assert '[（第五条至第七条缺失）](chp_2.md#art_5){ .gap-link data-missing="art_5 art_6 art_7" }' in landing
    assert '[（第三十五条至第三十七条缺失）]' in landing
    chp3 = files[f"{doc.slug}/chp_3.md"]
    art10 = chp3[chp3.index("{#art_10 "):chp3.index("{#art_11 ")]
    assert "[存疑：各份文字不一致；" in art10 and "source-mark--doubt" in art10
    chp1 = files[f"{doc.slug}/chp_1.md"]
    art4 = chp1[chp1.index("{#art_4 "):]
    assert "删除错位的重复片段" in art4 and "存疑" not in art4
    # a clean document carries no marks and no gaps
    clean = seed_docs["000"]
    text = "".join(md.document_pages(clean, md.plan(clean), None).values())
    assert "source-mark" not in text and "article-gap" not in text


def test_measures_contents_show_each_measures_title(seed_docs):
    doc = seed_docs["004"]
    landing = md.landing_page(doc, md.plan(doc), None)
    assert "    - [7．加快人工智能大模型建设](part_2.md#part_2__art_7)" in landing


def test_documents_and_terms_in_chinese_reading_order(tmp_path):
    """By pinyin syllable, without a leading 中华人民共和国, not by slug or code point
    (code point order would put 中 (U+4E2D) before 长 (U+957F) and 重 (U+91CD))."""
    from build_tools.collation import pinyin_key
    titles = ["中华人民共和国宪法", "重庆市城市管理条例", "长城保护条例", "安全生产法", "八达岭"]
    assert sorted(titles, key=pinyin_key) == [
        "安全生产法", "八达岭", "长城保护条例", "重庆市城市管理条例", "中华人民共和国宪法"]
    nav = (ROOT / "docs" / ".nav.yml").read_text(encoding="utf-8")
    order = [line[2:].split(":")[0] for line in nav.splitlines() if line.startswith("- ")]
    assert order == ["首页", "关于加快推进算力产业创新发展的措施", "广州市推进算力基础设施高质量发展的若干措施",
                     "贵阳市数字经济促进条例（草案）", "贵阳市算力产业促进条例", "贵州省大数据发展应用促进条例", "术语表"]
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    terms = [line[3:].split(" {#")[0] for line in glossary.splitlines() if line.startswith("## ")]
    assert terms[:4] == ["大数据", "公共机构", "公共数据", "企业数据"] and terms.index("算力") < terms.index("算力产业")


def test_a_text_without_articles_is_on_its_text_page():
    """A document without articles (124 corpus files, e.g. the 确定罪名 补充规定) showed an empty
    正文 page and its text under 序言 on the landing page: the text is on 正文, searched there,
    and the landing page does not repeat it."""
    from build_tools.writers import search_index as si
    from conftest import doc_from_text
    doc = doc_from_text("关于某罪名的补充规定\n\n根据刑法修正案，现对罪名作如下修改。\n\n本规定自2024年3月1日起施行。\n")
    assert not doc.articles
    pages = md.plan(doc)
    files = md.document_pages(doc, pages, None)
    text = files[f"{doc.slug}/text.md"]
    landing = files[f"{doc.slug}/index.md"]
    assert "现对罪名作如下修改。" in text and "现对罪名作如下修改。" not in landing
    assert "[正文](text.md)" in landing
    where = md.page_map(doc, pages)
    assert md.locate(where, "preamble__para_1") == "text"
    assert [r[:3] for r in si.records(doc, where) if r[0] == "preamble"] == [["preamble", "正文", "text"]]
    # a source with only a title and its history says so instead of showing an empty page
    bare = doc_from_text("# 某某条例\n\n2022年5月30日 某市人民代表大会常务委员会第五次会议通过\n\n<!-- INFO END -->\n", "某某条例.md")
    page = md.document_pages(bare, md.plan(bare), None)[f"{bare.slug}/text.md"]
    assert "原文只有标题和题注，没有正文" in page
