"""Exact search: precision and recall 1.0 on a query set, citations, and the UI in Chromium."""
import re

import pytest

from search_queries import CITATIONS, SEED_QUERIES, fold, truth, units


def results(page, query):
    return page.evaluate("q => regSearch(q)", query)


@pytest.fixture(scope="module")
def search_page(web):
    base, b = web
    ctx = b.new_context()
    page = ctx.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
    page.goto(f"{base}/index.html")
    yield base, page, outside
    ctx.close()


def test_the_truth_searches_the_source_text(seed_docs):
    """The ground truth reads the model: every line it searches is in the source file, and
    every query that names something the seeds contain finds it in the truth."""
    from conftest import SEED
    for key, doc in seed_docs.items():
        source = re.sub(r"\s+", "", fold(SEED[key].read_text(encoding="utf-8")))
        for anchor, text in units(doc):
            for line in text.split("\n"):
                assert re.sub(r"\s+", "", fold(line)) in source, (doc.slug, anchor, line)
    sources = [re.sub(r"\s+", "", fold(p.read_text(encoding="utf-8"))) for p in SEED.values()]
    for q in SEED_QUERIES:            # a one-term query is found exactly when a source holds it
        if len(q.split()) == 1:
            assert bool(truth(list(seed_docs.values()), q)) == any(fold(q) in s for s in sources), q
    absent = [q for q in SEED_QUERIES if not truth(list(seed_docs.values()), q)]
    assert sorted(absent) == sorted(["桥", "区块链技术标准化委员会", "量子纠缠"])


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_precision_and_recall_are_one(search_page, seed_docs, query):
    base, page, outside = search_page
    got = results(page, query)
    found = {(r["slug"], r["anchor"]) for r in got if r["kind"] != "citation"}
    expected = truth(list(seed_docs.values()), query)
    assert found == expected
    assert len(got) == len({(r["slug"], r["anchor"], r["kind"]) for r in got})
    for r in got:
        assert "\u200b" not in r["snippet"] + r["title"] + r["label"]
    assert outside == []


def test_absent_words_find_nothing(search_page):
    base, page, outside = search_page
    assert results(page, "量子纠缠") == []


@pytest.mark.parametrize("query,where,expected", CITATIONS)
def test_citations_jump(web, query, where, expected):
    base, b = web
    page = b.new_page()
    page.goto(f"{base}/{where or 'index.html'}")
    got = results(page, query)
    assert got and (got[0]["slug"], got[0]["anchor"]) == expected
    page.close()


def test_ranking_title_then_definition_then_articles(search_page):
    base, page, outside = search_page
    got = results(page, "公共数据")
    kinds = [r["kind"] for r in got]
    assert kinds[0] == "definition" and got[0]["anchor"].startswith("art_50")
    assert kinds.index("definition") < kinds.index("article")
    got = results(page, "算力产业促进条例")
    assert got[0]["kind"] == "title" and got[0]["anchor"] is None
    got = results(page, "第三十一条")
    assert (got[0]["slug"], got[0]["anchor"]) in {("guiyangshi-suanli-chanye-cujin-tiaoli", "art_31"),
                                                  ("guizhousheng-da-shuju-fazhan-yingyong-cujin-tiaoli", "art_31")}


@pytest.mark.parametrize("query,target", [
    ("算力券", re.compile(r"jiakuai-tuijin-suanli-chanye-chuangxin-fazhan-cuoshi/part_2\.html#part_2")),
    ("公共数据", re.compile(r"guizhousheng-da-shuju-fazhan-yingyong-cujin-tiaoli/chp_9\.html#art_50")),
    ("数据价值化", re.compile(r"guiyangshi-shuzi-jingji-cujin-tiaoli-caoan/chp_3\.html#chp_3")),
    ("第三十一条", re.compile(r"/chp_\d\.html#art_31$")),
])
def test_typing_in_the_search_box_and_following_a_result(web, query, target):
    base, b = web
    page = b.new_page()
    page.goto(f"{base}/index.html")
    page.fill(".regsearch input", query)
    page.wait_for_selector(".regsearch .md-search-result__item a")
    meta = page.inner_text(".regsearch .md-search-result__meta")
    assert "个符合条件的结果" in meta
    html = page.inner_html(".regsearch .md-search-result__list")
    assert "<mark>" in html and "\u200b" not in html
    page.click(".regsearch .md-search-result__item a")
    page.wait_for_url(target)
    anchor = page.url.split("#")[1]
    assert page.evaluate(f"document.getElementById('{anchor}') !== null")
    page.close()


@pytest.mark.parametrize("numbers", [[0], [5, 6, 7], [0, 127, 128, 300, 16_500, 16_511, 3_000_000],
                                     list(range(0, 40_000, 97)), [2**20, 2**21 + 3]])
def test_postings_encode_and_decode(numbers):
    from build_tools.writers.search_index import decode_b64, varint_b64
    assert decode_b64(varint_b64(numbers)) == numbers
    # the decoder reads what the engine in regsearch.js reads: 7 bits per byte, high bit = more
    assert varint_b64([0, 128]) == "AH8=" and varint_b64([200]) == "yAE="


def test_postings_updated_from_the_last_build_equal_postings_built_from_scratch():
    from build_tools.writers.search_index import _postings
    before = ["a\nb\nab", "b\nc\nbc", "", "a\nd"]
    after = ["a\nab\nx", "c\nb\nbc", "d\ne", "a\nd"]      # b gone from 0, x new, 2 filled, order differs
    updated = _postings(after, _postings(before, None))
    scratch = _postings(after, None)
    from build_tools.writers.search_index import decode_b64
    assert updated["encoded"] == scratch["encoded"]
    assert decode_b64(updated["encoded"]["x"]) == [0] and decode_b64(updated["encoded"]["b"]) == [1]
    gone = _postings(["a", "", "", "a"], _postings(after, None))
    assert set(gone["encoded"]) == {"a"} and decode_b64(gone["encoded"]["a"]) == [0, 3]
