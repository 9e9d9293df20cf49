"""The words of the legal hierarchy (编 章 节 条 款 项 目 …) and the one reader of a 条款项 reference.

Words: 编 / 分编 / 章 / 节 name divisions, 条 an article (之一 after it an inserted one), 款 a
paragraph, 项 an item (written 第（一）项 or 第一项), 目 a sub-item; 附则 / 总则 / 分则 are divisions
without a number; 附件 / 附表 / 附录 (or 附：) start an annex.

The reference reader: REFERENCE, the pattern of 第一编第二分编第三章第四节第十二条之一第二款第（三）项第4目
(every level optional, numbers in Chinese or Arabic digits, read by numerals.py), and numbers(),
which turns its groups into numbers.  The grammar (structure.py), references inside a document
(transforms/crossrefs.py) and to other instruments (citations.py), the scopes of definitions
(transforms/definitions.py) use them; the search's citation reader (overrides/assets/
reghierarchy.js) mirrors them and tests/test_hierarchy.py checks it against this module.  The
audit (audit.py) keeps its own patterns on purpose: it is an independent oracle.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import numerals

N = numerals.NUM

# -- the words ---------------------------------------------------------------------------------

DIVISIONS = {"编": "book", "分编": "subbook", "章": "chapter", "节": "section"}
ARTICLE, PARAGRAPH, ITEM, SUBITEM = "条", "款", "项", "目"
INSERTED = "之"                  # 第十二条之一
# divisions without a number: their eId names them by this closed vocabulary (chp_final)
UNNUMBERED = {"附则": "final", "总则": "general", "分则": "special"}
ANNEX_WORDS = ("附件", "附表", "附录")
# a 措施 numbers measures (第3项措施), and a citation names its 一、 part 第二部分
MEASURE, PART = "项措施", "部分"
# nesting rank of the division kinds (statutes: 编 > 分编 > 章 > 节; measures: 一、 > （一）)
RANK = {"book": 0, "subbook": 1, "chapter": 2, "section": 3, "part": 0, "subpart": 1}
# 前两款 / 前三条: how many paragraphs or articles back
RANGE_WORDS = {"两": 2, "二": 2, "三": 3, "四": 4}
# references relative to where they stand: 前款, 前两款, 前条, 前两条, 本条, 本款, 前项
RELATIVE = r"前[两二三四]?款|前[两二三]?条|本条(?!例)|本款|前项"

# -- the patterns ------------------------------------------------------------------------------

_DIV = "|".join(DIVISIONS)
# a division heading's label: 第三章 (groups: number, word)
DIVISION_LABEL = rf"第({N})({_DIV})"
# an article's label: 第十二条, 第十二条之一 (groups: number, inserted number)
ARTICLE_LABEL = rf"第({N}){ARTICLE}(?:{INSERTED}({N}))?"
# an item's own label at the start of its line: （一） (group: number)
ITEM_MARK = r"[（(]([一二三四五六七八九十]+)[）)]"
# the one reference reader: every level optional, named groups read by numbers()
REFERENCE = (
    rf"(?:第(?P<book>{N})编(?:第(?P<subbook>{N})分编)?)?"
    rf"(?:第(?P<chap>{N})章(?:第(?P<sec>{N})节)?)?"
    rf"(?:第(?P<art>{N}){ARTICLE}(?:{INSERTED}(?P<suf>{N}))?)?"
    rf"(?:第(?P<para>{N}){PARAGRAPH})?"
    rf"(?:第(?P<items>[（(](?P<item>{N})[）)](?:(?:、|和|至|或者)第?[（(](?:{N})[）)])*){ITEM}"
    rf"|第(?P<item2>{N}){ITEM})?"
    rf"(?:第(?P<sub>{N}){SUBITEM})?")
# a run of article / 款 / 项 / 目 numbers: 第七条第（二）项, 第二十一条和第二十二条, 第二项、第三项
REFERENCE_RUN = (rf"(?:(?:第(?:{N})[{ARTICLE}{PARAGRAPH}{ITEM}{SUBITEM}]|第[（(](?:{N})[）)]{ITEM}"
                 rf"|{INSERTED}(?:{N}))(?:[、和及与至]|以及|或者)?)+")
_ARTICLE_LABEL_RE = re.compile(ARTICLE_LABEL)
_ITEM_CONNECTOR = re.compile(r"、|和|至|或者")


# -- reading numbers ---------------------------------------------------------------------------

def number(text) -> int | None:
    """The value of a numeral of a label or reference, or None for none or one that cannot be
    read (十十)."""
    if not text:
        return None
    try:
        return numerals.to_int(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Numbers:
    """The numbers of one reference (None where it does not name that level or the numeral
    cannot be read; `items` is the text of a list of items, 第（一）、（二）项)."""
    book: int | None = None
    subbook: int | None = None
    chap: int | None = None
    sec: int | None = None
    art: int | None = None
    suf: int = 0
    para: int | None = None
    item: int | None = None
    items: str = ""
    sub: int | None = None


def numbers(groups: dict) -> Numbers:
    """The named groups of a REFERENCE match (strings) -> Numbers."""
    g = groups
    return Numbers(number(g.get("book")), number(g.get("subbook")), number(g.get("chap")),
                   number(g.get("sec")), number(g.get("art")), number(g.get("suf")) or 0,
                   number(g.get("para")), number(g.get("item") or g.get("item2")),
                   g.get("items") or "", number(g.get("sub")))


def article_keys(text: str):
    """(number, inserted number) of every article label in the text whose numerals can be read:
    第十二条和第十二条之一 -> (12, 0), (12, 1)."""
    for m in _ARTICLE_LABEL_RE.finditer(text):
        try:
            yield numerals.to_int(m.group(1)), numerals.to_int(m.group(2)) if m.group(2) else 0
        except ValueError:
            continue


def range_count(rel: str) -> int:
    """前两款 -> 2, 前款 -> 1, 前三条 -> 3."""
    return RANGE_WORDS.get(rel[1], 1) if len(rel) == 3 else 1


# -- writing labels ----------------------------------------------------------------------------

def article_name(number: int, suffix: int = 0, arabic: bool = False) -> str:
    """第十二条之一; arabic: 第12条之一 (the inserted number stays Chinese, as lawyers write it)."""
    out = f"第{number if arabic else numerals.to_chinese(number)}{ARTICLE}"
    return out + (f"{INSERTED}{numerals.to_chinese(suffix)}" if suffix else "")


def measure_name(number: int) -> str:
    """第3项措施: a measure of a 措施 by its number."""
    return f"第{number}{MEASURE}"


def measure_cite(part: int, measure: str | int, arabic: bool = False) -> str:
    """How an official citation names a measure: 第二部分第1条 (the measure's number as its
    label writes it, 1 or （七）); arabic: 第2部分第7条."""
    return f"第{part if arabic else numerals.to_chinese(part)}{PART}第{measure}{ARTICLE}"


def missing_span(style: str, first: int, last: int) -> str:
    """Articles missing from a source, by number: 第三十五条至第三十七条, 第4项措施 (a 措施)."""
    name = measure_name if style == "measures" else article_name
    return name(first) if first == last else f"{name(first)}至{name(last)}"


def items_label(items: str) -> str | None:
    """第（三）、（四）项 for a list of items as cited (full-width brackets), None for one item."""
    if items and len(items) > 4 and _ITEM_CONNECTOR.search(items):
        return f"第{items}{ITEM}".replace("(", "（").replace(")", "）")
    return None


def label(article_label: str, paras=None, item: int | None = None, items_text: str | None = None) -> str:
    """第十五条第二款第（一）项: an article's label, then its 款 (several joined by 、), then the item."""
    out = article_label
    if paras:
        out += "、".join(f"第{numerals.to_chinese(k)}{PARAGRAPH}" for k in paras)
    if items_text:
        out += items_text
    elif item:
        out += f"第（{numerals.to_chinese(item)}）{ITEM}"
    return out
