"""The query set for search exactness, with ground truth computed independently of the indexer.

Truth for a query: every article, division (heading and its own text) and preamble of the
document model whose text contains every space-separated term, plus every document whose
title contains them all.  It reads the model directly and normalises with Unicode NFKC and
case folding, so it shares neither the index's records nor its normaliser
(`search_index.records`, `search_index.norm`); `tests/test_search.py` checks that the texts
it searches are the source's own.
"""
import unicodedata

SEED_QUERIES = [
    # defined terms
    "算力", "算力产业", "公共数据", "数字经济", "大数据", "算力券", "企业数据", "公共机构",
    # common words
    "数据", "发展", "应当", "人民政府", "数据中心", "人工智能", "县级以上人民政府", "鼓励", "支持",
    # rare words and phrases
    "渲染服务", "揭榜挂帅", "韶关", "中国数谷", "首席数据官", "一网通办", "数联网", "绿电直供",
    "低空经济", "信创", "无人机",
    # single characters
    "的", "券", "谷", "州", "桥", "网",
    # Latin, digits, mixed
    "PUE 1.25", "5G", "EFLOPS", "IPv6", "2027", "100P", "1ms", "CEPS", "pue", "0851",
    # quoted and punctuated
    "“东数西算”", "东数西算", "（一）", "责任单位",
    # article labels as text
    "第三十一条", "第五十条", "第十二条",
    # several terms
    "算力 数据中心", "公共数据 共享", "算力券 奖励",
    # absent
    "区块链技术标准化委员会", "量子纠缠",
]

CITATIONS = [
    # query, page slug (or None), expected (slug, anchor) of the first result
    ("算力条例 第31条", None, ("guiyangshi-suanli-chanye-cujin-tiaoli", "art_31")),
    ("《贵阳市算力产业促进条例》第三十一条", None, ("guiyangshi-suanli-chanye-cujin-tiaoli", "art_31")),
    ("《贵州省大数据发展应用促进条例》第五十条", None, ("guizhousheng-da-shuju-fazhan-yingyong-cujin-tiaoli", "art_50")),
    ("第三十一条", "guiyangshi-suanli-chanye-cujin-tiaoli/chp_1.html",
     ("guiyangshi-suanli-chanye-cujin-tiaoli", "art_31")),
    ("第十条", "guiyangshi-shuzi-jingji-cujin-tiaoli-caoan/chp_1.html",
     ("guiyangshi-shuzi-jingji-cujin-tiaoli-caoan", "art_10")),
]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def units(doc):
    """(anchor, text) of everything the search should find in a document, straight from the model."""
    for a in doc.articles:
        yield a.anchor, "\n".join([a.label] + [p.text for p in a.paragraphs])
    for d in doc.divisions:
        yield d.anchor, "\n".join([d.heading] + [p.text for p in d.paragraphs])
    body = [p.text for p in doc.preamble if p.kind not in ("status", "label")]
    if body:
        yield "preamble", "\n".join(body)


_FOLDED: dict = {}


def _folded(docs):
    """Every document's folded title and units, computed once per collection."""
    key = id(docs)
    if key not in _FOLDED or _FOLDED[key][0] is not docs:
        _FOLDED[key] = (docs, [(doc.slug, fold(doc.title), [(a, fold(t)) for a, t in units(doc)]) for doc in docs])
    return _FOLDED[key][1]


def truth(docs, query: str) -> set:
    terms = fold(query).split()
    found = set()
    for slug, title, folded in _folded(docs):
        if all(t in title for t in terms):
            found.add((slug, None))
        for anchor, text in folded:
            if all(t in text for t in terms):
                found.add((slug, anchor))
    return found
