"""Defined terms: extraction (transforms.definitions) and term links (linking)."""
import re

import pytest

from conftest import doc_from_text as load, SEED, TODAY




def defs(doc):
    return [(d.term, d.anchor, d.article, d.article_label, d.scope) for d in doc.definitions]


@pytest.fixture(scope="module")
def linked():
    """The five seeds as one site, linked (fresh documents: linking changes the model)."""
    from build_tools import linking, pipeline
    from build_tools.transforms import Context
    docs = {k: pipeline.load(p, Context(TODAY)) for k, p in SEED.items()}
    from build_tools import slugs
    slugs.assign(list(docs.values()))
    glossary = linking.link_collection(list(docs.values()))
    return docs, glossary


def para(doc, anchor):
    return next(p for _, p in doc.all_paragraphs() if p.anchor == anchor)


def spans(doc, anchor, kind=None):
    p = para(doc, anchor)
    return [(p.text[s.start:s.end], s.kind, s.target) for s in p.spans if kind is None or s.kind == kind]


# -- extraction on the seeds ------------------------------------------------------------------

def test_seed_000_suanli_and_suanli_chanye(seed_docs):
    doc = seed_docs["000"]
    assert defs(doc) == [("算力", "art_31__para_1", "art_31", "第三十一条", "document"),
                         ("算力产业", "art_31__para_2", "art_31", "第三十一条", "document")]
    assert doc.definitions[0].text == para(doc, "art_31__para_1").text
    assert doc.definitions[1].text.startswith("算力产业是指围绕算力基础设施建设")
    assert doc.definitions[0].line == 195 and doc.definitions[1].line == 197


def test_seed_001_dashuju_and_yongyu_items(seed_docs):
    doc = seed_docs["001"]
    assert defs(doc) == [
        ("大数据", "art_2__para_2", "art_2", "第二条", "document"),
        ("公共数据", "art_50__para_1__point_1", "art_50", "第五十条", "document"),
        ("企业数据", "art_50__para_1__point_2", "art_50", "第五十条", "document"),
        ("公共机构", "art_50__para_1__point_3", "art_50", "第五十条", "document")]
    # an item's definition text is the whole item
    assert doc.definitions[3].text == "（三）公共机构，是指全部或者部分使用财政性资金的国家机关、事业单位和团体组织。"


def test_seed_002_shuzi_jingji(seed_docs):
    assert defs(seed_docs["002"]) == [("数字经济", "art_2__para_2", "art_2", "第二条", "document")]


def test_seed_003_defines_nothing(seed_docs):
    assert seed_docs["003"].definitions == []


def test_seed_004_suanliquan_in_part_text(seed_docs):
    doc = seed_docs["004"]
    assert defs(doc) == [("算力券", "part_2__para_1", "", "二、支持措施", "document")]
    assert doc.definitions[0].text.startswith("本措施所指算力券是为了进一步刺激算力市场的增长与发展")
    assert doc.definitions[0].text.endswith("“货币”。")


# -- extraction on corpus forms ---------------------------------------------------------------

STATUTE = """测试条例

第一条　本条例所称南水北调工程沿线区域（以下简称沿线区域），是指本省所辖向南水北调工程输水水系汇水的区域。

第二条　本条例所称的违法建设包括城镇违法建设和乡村违法建设。城镇违法建设是指未依法取得建设工程规划许可证进行建设的城镇建设工程。

第三条　本条例所称生活垃圾分类管理责任人，依照《北京市生活垃圾管理条例》的规定确定。

第四条　县级以上人民政府应当加强粮食安全保障工作。

前款所称粮食，是指小麦、稻谷、玉米、杂粮及其成品粮。

第五条　本条例下列用语的含义：

（一）“地震应急”，是指为了减轻地震灾害而采取的不同于正常工作程序的紧急防灾和抢险行动；

（二）病媒生物：指能够将病原体从人或者其他动物传播给人的生物，如蚊、蝇、蚤类等；

（三）林木，包括树木和竹子。

第六条　违反本办法第三十条规定的经营者，由有关部门责令改正。

第七条　本解释所称“计算机信息系统”和“计算机系统”，是指具备自动处理数据功能的系统。

第八条　企业所得税法第七条第（二）项所称行政事业性收费，是指依照法律法规等有关规定收取的费用。

第九条　保险金额是指保险人承担赔偿或者给付保险金责任的最高限额。相应的水域，是指设计最低通航水位时水沫线以内的区域。
"""


@pytest.fixture(scope="module")
def statute():
    return load(STATUTE)


def by_term(doc):
    return {d.term: d for d in doc.definitions}


def test_alias_from_yixia_jiancheng(statute):
    d = by_term(statute)["南水北调工程沿线区域"]
    assert d.aliases == ("沿线区域",) and d.anchor == "art_1__para_1"


def test_second_sentence_defines_too(statute):
    terms = by_term(statute)
    assert terms["违法建设"].anchor == terms["城镇违法建设"].anchor == "art_2__para_1"
    assert terms["城镇违法建设"].text.startswith("城镇违法建设是指")


def test_a_term_that_is_only_used_is_not_defined(statute):
    terms = by_term(statute)
    assert "生活垃圾分类管理责任人" not in terms      # 所称X，依照…确定 uses X
    assert "经营者" not in terms                     # 违反…规定的经营者
    assert "相应的水域" not in terms and "水域" not in terms   # deictic subject


def test_qiankuan_scope_is_the_article(statute):
    d = by_term(statute)["粮食"]
    assert (d.scope, d.scope_anchors, d.anchor) == ("article", ("art_4",), "art_4__para_2")


def test_yongyu_items_with_quotes_colons_and_baokuo(statute):
    terms = by_term(statute)
    assert terms["地震应急"].anchor == "art_5__para_1__point_1"
    assert terms["病媒生物"].anchor == "art_5__para_1__point_2"
    assert terms["林木"].anchor == "art_5__para_1__point_3"


def test_quoted_list_gives_each_term(statute):
    terms = by_term(statute)
    assert terms["计算机信息系统"].anchor == terms["计算机系统"].anchor == "art_7__para_1"


def test_other_law_term_restated_holds_here(statute):
    assert by_term(statute)["行政事业性收费"].scope == "document"


def test_bare_shi_zhi(statute):
    assert by_term(statute)["保险金额"].anchor == "art_9__para_1"


def test_terms_are_short_noun_phrases(statute):
    for d in statute.definitions:
        assert 2 <= len(d.term) <= 15
        assert not any(c in d.term for c in "，。；：、（）《》“”")


def test_benzhang_scope_is_the_chapter():
    doc = load("测试法\n\n第一章　总则\n\n第一条　为了测试，制定本法。\n\n"
               "第二章　运输\n\n第二条　本章所称行李，包括托运行李和旅客随身携带的物品。\n\n"
               "第三条　承运人应当妥善保管行李。\n")
    d = by_term(doc)["行李"]
    assert d.scope == "division" and d.scope_anchors == ("chp_2",)


# -- term links on the seeds ------------------------------------------------------------------

def test_longest_match_wins(linked):
    docs, _ = linked
    # 第一条: 提升算力服务能力，促进算力产业高质量发展
    got = spans(docs["000"], "art_1__para_1")
    assert ("算力产业", "term", ("", "art_31__para_2")) in got
    assert ("算力", "term", ("", "art_31__para_1")) in got
    p = para(docs["000"], "art_1__para_1")
    i = p.text.index("算力产业")
    assert [(s.start, s.end) for s in p.spans if s.start <= i < s.end] == [(i, i + 4)]


def test_every_seed_paragraph_with_suanli_chanye_links_the_long_term(linked):
    """Each 算力产业 in 000's linkable text (not its own definition, not inside 《》) is one link
    to 算力产业, never a link to 算力 followed by 产业."""
    from build_tools.linking import SKIP_KINDS
    from build_tools.transforms.crossrefs import title_ranges
    docs, _ = linked
    doc = docs["000"]
    history = {id(p) for p in doc.history}
    checked = 0
    for _, p in doc.all_paragraphs():
        if p.kind in SKIP_KINDS or id(p) in history or p.anchor == "art_31__para_2":
            continue
        quoted = title_ranges(p.text)
        linked_spans = {(s.start, s.end): s.target for s in p.spans}
        for m in re.finditer("算力产业", p.text):
            i = m.start()
            if any(a <= i < b for a, b in quoted):
                continue
            assert linked_spans.get((i, i + 4)) == ("", "art_31__para_2"), (p.anchor, i)
            checked += 1
    assert checked >= 5


def test_jisuanli_is_not_a_use_of_suanli(linked):
    """计算力 (computing power in the old sense) holds 算力 but is another word: in seed 000
    第九条 and seed 001 第九条 it is not linked, while 算力 on its own in the same sentences
    is (issue 15)."""
    docs, _ = linked
    for k, kind in (("000", "term"), ("001", "term_external")):
        p = para(docs[k], "art_9__para_1")
        assert "计算力" in p.text
        pieces = [(s.start, s.end) for s in p.spans if p.text[s.start:s.end] == "算力"]
        inside = [m.start() + 1 for m in re.finditer("计算力", p.text)]
        assert inside and not [x for x in pieces if x[0] in inside], k
        alone = [m.start() for m in re.finditer("算力", p.text) if m.start() not in inside]
        assert alone and all(any(a == i and s.kind == kind for s in p.spans for a in [s.start])
                             for i in alone), k
    # 壮大数据标注产业 is 壮大 / 数据标注, not 大数据 (seed 001 第三十二条)
    p = para(docs["001"], "art_32__para_1")
    i = p.text.index("壮大数据")
    assert not [s for s in p.spans if s.start == i + 1]


# sentences of the corpus (lawrefbook), with the term and whether it is used there: read by hand
WORD_PIECES = [
    ("中华人民共和国反倾销条例", "反倾销调查，应当自立案调查决定公告之日起12个月内结束", "倾销", True),
    ("中华人民共和国保险法", "再保险分出人不得以再保险接受人未履行再保险责任为由", "保险", True),
    ("重庆市航道管理条例", "航道发展规划、通航标准和航道技术规范", "航标", True),
    ("上海市民防条例", "必须按照规定报经国家人民防空主管部门或者本市的民防办批准", "民防", True),
    ("中华人民共和国档案法", "有条件的档案馆应当建设数字档案馆", "档案", True),
    ("中华人民共和国标准化法", "理或者通过国务院标准化协调机制处理。", "标准", True),
    ("中华人民共和国进出境动植物检疫法", "动植物检疫机关检疫人员", "植物", True),
    ("贵阳市算力产业促进条例", "提高数据中心的计算力和存储力", "算力", True),
    ("广州市推进算力基础设施高质量发展的若干措施", "智算规模在总算力规模中占比提升", "算力", False),
    ("贵州省大数据发展应用促进条例", "促进大中小企业数据共享共用。", "企业数据", False),
    ("河南省大气污染防治条例", "冶炼、水泥、有色金属冶炼、平板玻璃、化工", "金属冶炼", False),
    ("中华人民共和国节约能源法", "定本级公共机构的能源消耗定额，财政部", "能源", False),
    ("中华人民共和国发票管理办法", "增值税专用发票由国务院税务主管部门确定", "发票", False),
    ("北京市图书馆条例", "馆应当参加以首都图书馆为信息网络中心的", "图书馆", False),
    ("洛阳市非物质文化遗产保护条例", "与非物质文化遗产有关的", "非物质文化遗产", False),
]


@pytest.mark.parametrize("title,text,term,piece", WORD_PIECES)
def test_a_term_inside_a_longer_word_is_not_a_use(title, text, term, piece):
    from build_tools.words import Segmenter
    seg = Segmenter([term, title])
    i = text.index(term)
    assert seg.inside_word(text, i, i + len(term)) is piece, (text, seg.cuts(text))


def test_the_word_check_equals_cutting_the_whole_paragraph():
    """Only the block holding a match is cut (and none when no dictionary word runs across
    its ends): the answer is the one a cut of the whole paragraph gives."""
    from build_tools.words import Segmenter
    text = "市人民政府应当科学梯次布局，提高数据中心的计算力和存储力，构建多元算力供给体系。"
    seg = Segmenter(["算力"])
    whole = []
    pos = 0
    for w in seg.tokenizer().cut(text, HMM=False):
        whole.append((pos, pos + len(w)))
        pos += len(w)
    starts = {a for a, _ in whole} | {len(text)}
    for m in re.finditer("算力", text):
        a, b = m.span()
        cut_here = a in starts and b in starts
        assert seg.inside_word(text, a, b) is not cut_here, (a, whole)


def test_no_link_inside_the_own_definition(linked):
    docs, _ = linked
    assert spans(docs["000"], "art_31__para_1") == []
    # the 算力产业 definition links 算力 (another term) but not itself
    assert spans(docs["000"], "art_31__para_2") == [("算力", "term", ("", "art_31__para_1"))]
    assert spans(docs["001"], "art_50__para_1__point_1") == []


def test_term_title_is_the_definition(linked):
    docs, _ = linked
    p = para(docs["000"], "art_1__para_1")
    titles = {p.text[s.start:s.end]: s.title for s in p.spans}
    assert titles["算力"] == docs["000"].definitions[0].text


def test_public_data_in_002_links_into_001(linked):
    docs, _ = linked
    p = para(docs["002"], "art_14__para_1")
    ext = [s for s in p.spans if s.kind == "term_external"]
    assert [p.text[s.start:s.end] for s in ext] == ["公共数据"]
    s = ext[0]
    assert s.target == (docs["001"].slug, "art_50__para_1__point_1")
    assert s.source_title == "贵州省大数据发展应用促进条例"
    assert s.title.startswith("（一）公共数据，是指")


def test_suanli_links_from_every_other_seed(linked):
    docs, _ = linked
    for k in ("001", "002", "003", "004"):
        targets = {s.target for _, p in docs[k].all_paragraphs() for s in p.spans
                   if s.kind == "term_external" and p.text[s.start:s.end] == "算力"}
        assert targets == {(docs["000"].slug, "art_31__para_1")}, k


def test_own_definition_wins_over_external(linked):
    docs, _ = linked
    # 算力券 is defined in 004 itself; 003 links to 004's definition
    kinds_004 = {s.kind for _, p in docs["004"].all_paragraphs() for s in p.spans
                 if p.text[s.start:s.end] == "算力券"}
    assert kinds_004 == {"term"}
    kinds_003 = {(s.kind, s.target) for _, p in docs["003"].all_paragraphs() for s in p.spans
                 if p.text[s.start:s.end] == "算力券"}
    assert kinds_003 == {("term_external", (docs["004"].slug, "part_2__para_1"))}


def test_spans_sorted_disjoint_and_never_in_titles(linked):
    docs, _ = linked
    for doc in docs.values():
        for _, p in doc.all_paragraphs():
            for a, b in zip(p.spans, p.spans[1:]):
                assert a.end <= b.start, (doc.slug, p.anchor)
            if p.kind == "heading":
                assert p.spans == []
            depth, inside = 0, set()
            for i, ch in enumerate(p.text):
                if ch == "《":
                    depth += 1
                elif ch == "》":
                    depth = max(0, depth - 1)
                elif depth:
                    inside.add(i)
            for s in p.spans:
                if s.kind != "doc":
                    assert not inside & set(range(s.start, s.end)), (doc.slug, p.anchor)


def test_linking_twice_gives_the_same_spans(linked):
    from build_tools import linking
    docs, _ = linked
    before = {(d.slug, p.anchor): list(p.spans) for d in docs.values() for _, p in d.all_paragraphs()}
    linking.link_collection(list(docs.values()))
    after = {(d.slug, p.anchor): list(p.spans) for d in docs.values() for _, p in d.all_paragraphs()}
    assert before == after


def test_glossary(linked):
    docs, glossary = linked
    terms = [e["term"] for e in glossary]
    # pinyin order (da, gong-gong-ji, gong-gong-shu, qi, shu, suan…), not code point order
    assert terms == ["大数据", "公共机构", "公共数据", "企业数据", "数字经济", "算力", "算力产业", "算力券"]
    entry = next(e for e in glossary if e["term"] == "公共数据")
    assert entry["definitions"] == [{
        "slug": docs["001"].slug, "title": "贵州省大数据发展应用促进条例", "label": "第五十条",
        "anchor": "art_50__para_1__point_1", "text": docs["001"].definitions[1].text,
        "scope": "document"}]
    assert docs["002"].slug in entry["used_in"]
    keys = [e["key"] for e in glossary]
    assert len(set(keys)) == len(keys) and all(k.isascii() and k.startswith("term-") for k in keys)
    suanli = next(e for e in glossary if e["term"] == "算力")
    assert set(suanli["used_in"]) == {d.slug for d in docs.values()}


# -- collection rules on small documents ------------------------------------------------------

def small_site(*texts):
    from build_tools import linking, slugs
    docs = [load(t, f"doc{i}.txt") for i, t in enumerate(texts)]
    slugs.assign(docs)
    return docs, linking.link_collection(docs)


def test_doc_span_by_exact_and_short_title():
    docs, _ = small_site(
        "中华人民共和国测试法\n\n第一条　本法所称测绘成果，是指依法取得的测绘数据。\n",
        "某市测试条例\n\n第一条　依照《中华人民共和国测试法》和《测试法》的规定，制定本条例。"
        "《未收录的办法》不链接。\n")
    p = para(docs[1], "art_1__para_1")
    got = [(p.text[s.start:s.end], s.kind, s.target) for s in p.spans]
    assert got == [("中华人民共和国测试法", "doc", (docs[0].slug, "")),
                   ("测试法", "doc", (docs[0].slug, ""))]


def test_article_scope_term_not_linked_elsewhere():
    docs, _ = small_site(
        "测试条例\n\n第一条　县级以上人民政府应当储备粮食。\n\n前款所称粮食，是指小麦和稻谷。\n\n"
        "第二条　粮食经营者应当遵守本条例。\n")
    assert spans(docs[0], "art_1__para_1") == [("粮食", "term", ("", "art_1__para_2"))]
    assert spans(docs[0], "art_2__para_1") == []


def test_term_defined_by_two_instruments_is_not_linked_across():
    docs, _ = small_site(
        "甲市物业条例\n\n第一条　本条例所称物业服务区域，是指甲市的住宅小区。\n",
        "乙市物业条例\n\n第一条　本条例所称物业服务区域，是指乙市的住宅小区。\n",
        "丙市条例\n\n第一条　物业服务区域内应当保持整洁。\n")
    assert spans(docs[2], "art_1__para_1") == []


def test_everyday_word_defined_once_is_not_linked_across():
    docs, _ = small_site(
        "放射性废物条例\n\n第一条　本条例所称处理，是指改变放射性废物的属性。\n\n"
        "第二条　本条例所称废物库，是指贮存放射性废物的设施。\n",
        "其他条例\n\n第一条　有关部门应当及时处理投诉，不得在废物库附近建房。\n")
    got = spans(docs[1], "art_1__para_1")
    assert got == [("废物库", "term_external", (docs[0].slug, "art_2__para_1"))]


def test_longer_term_not_linkable_hides_shorter():
    docs, _ = small_site(
        "甲条例\n\n第一条　本条例所称公共数据资源，是指甲的资源。\n",
        "乙条例\n\n第一条　本条例所称公共数据资源，是指乙的资源。\n",
        "丙条例\n\n第一条　本条例所称公共数据，是指丙的数据。\n\n第二条　公共数据资源和公共数据都应当登记。\n")
    p = para(docs[2], "art_2__para_1")
    assert [(p.text[s.start:s.end], s.start) for s in p.spans] == [("公共数据", 7)]


# -- honest links (issue 15): a definition is lent only by a text in force, as a reference --


def test_a_drafts_definition_is_never_lent(linked):
    """数字经济 is defined only in the draft 002 (贵阳市数字经济促进条例（草案）): the in-force
    001 uses the words three times and links none of them."""
    docs, glossary = linked
    assert docs["002"].status in ("征求意见稿", "征求意见已截止")
    uses = [s for _, p in docs["001"].all_paragraphs() for s in p.spans
            if p.text[s.start:s.end] == "数字经济"]
    assert "数字经济" in SEED["001"].read_text(encoding="utf-8")
    assert uses == []
    entry = next(e for e in glossary if e["term"] == "数字经济")
    assert entry["used_in"] == [docs["002"].slug]          # its own document only


def test_a_superseded_or_repealed_text_lends_nothing():
    from build_tools import linking
    old = load("测试条例\n\n第一条　本条例所称数链库，是指存放数据链的设施。\n", "旧.txt")
    new = load("测试条例\n\n第一条　为了测试，制定本条例。\n", "新.txt")
    gone = load("测试规定\n\n第一条　本条例所称算据池，是指汇集算力的设施。\n", "废.txt")
    user = load("使用办法\n\n第一条　建设数链库和算据池。\n", "用.txt")
    old.dates, new.dates = {"passed": "2001-01-01"}, {"passed": "2020-01-01"}
    gone.status = "已失效"
    for i, d in enumerate((old, new, gone, user)):
        d.slug = f"d{i}"
    linking.link_collection([old, new, gone, user])
    assert [s for _, p in user.all_paragraphs() for s in p.spans] == []
    # the oracle's other side: the same texts, in force and current, do lend
    gone.status, old.dates = "有效", {"passed": "2030-01-01"}
    linking.link_collection([old, new, gone, user])
    assert {s.target for _, p in user.all_paragraphs() for s in p.spans} == {
        ("d0", "art_1__para_1"), ("d2", "art_1__para_1")}


def test_external_term_hover_says_it_is_a_reference(linked):
    from build_tools.writers import markdown as md
    docs, _ = linked
    p = para(docs["002"], "art_14__para_1")
    linker = md.Linker({d.slug: {} for d in docs.values()})
    out = md.render_text(p, docs["002"].slug, linker)
    assert '"参考《贵州省大数据发展应用促进条例》的定义（只适用于该文件）：（一）公共数据，是指' in out
