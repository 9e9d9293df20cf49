"""Resolve references inside a document to exact anchors and add `ref` spans.

Recognised (statute-style documents, article text only):
- 第十二条, 第十二条之一, 第十五条第二款, 第十五条第二款第（一）项, 第二十条第一款第十一项;
- with the document itself named: 本条例第十二条, 本法第十五条第二款 (本条例 stays unlinked);
- chains that share the first reference's context and article: 第十二条、第十三条和第十四条,
  第十二条至第十四条, 第十五条第二款、第三款, 第二十条第一款第（三）项、第（四）项;
- relative references: 前款, 前两款, 前款第（一）项, 前条, 前两条, 本条第一款第（三）项,
  第二款 (this article), 第（三）项 (this 款, else the one 款 of this article that has it).

A reference preceded by another instrument's name (《中华人民共和国XX法》第十条, 刑法第一百五十一条,
该法第三条) is not linked, and neither are its chained followers.  Amending instruments
(修正案, 关于修改…的决定) and paragraphs quoting amended text (修改为, 增加一条) are skipped:
their article numbers belong to the amended law.

A reference to an article the document lacks (a gap) is reported as `reference_unresolved` and
left unlinked; a reference whose article exists but whose 款 or 项 does not is linked to the
deepest level that exists and reported as `reference_partial` (usually a source that split or
joined paragraphs differently).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import hierarchy, numerals
from ..model import Span

# a relative reference (前款, 本条 …) and/or the numbered one of hierarchy.REFERENCE
UNIT = re.compile(rf"(?=前|本[条款]|第)(?P<rel>{hierarchy.RELATIVE})?{hierarchy.REFERENCE}")
CONNECTOR = re.compile(r"、以及|、|和|及|以及|或者|或|与|至|到|、或者")
SELF_PREFIX = re.compile(
    r"本(?:条例|法|办法|规定|细则|解释|决定|规则|准则|措施|章程|标准|规程|法典|纲要|实施细则|实施条例|"
    r"实施办法|暂行规定|暂行办法|暂行条例|意见|通知|决议|规范)(?:的|中)?$")
OTHER_PREFIX = re.compile(
    r"(?:(?:》|法|法典|条例|规定|办法|细则|解释|决定|公约|协定|条约|章程|规则|修正案|准则|议定书|"
    r"通则|法律|标准|纲要|分则|总则|附则)(?:[（(]以下(?:简称|称)[^（）()]{1,20}[）)])?|"
    r"》[（(][^（）()]{1,40}[）)]|该条|同条|该款|上述|前述|原)(?:的|中)?$")
SENTENCE_END = "。；"
AMENDING_TITLE = re.compile(r"修正案|关于修改|关于废止|修改.{0,60}的决定|修正.{0,60}的决定")
AMENDING_TEXT = re.compile(r"修改为|修订为|增加一[条款项]|增加[两二三四五六七八九十]+[条款项]|删去|"
                           r"作为第[^，。；]{1,12}[条款项]|原第[^，。；]{1,12}[条款项]")


@dataclass
class Ref:
    """One recognised reference (for the transform and for measuring)."""
    paragraph: object
    start: int
    end: int
    text: str
    status: str            # resolved | partial | unresolved | other | skipped
    anchor: str = ""
    title: str = ""        # label of the target, e.g. 第十五条第二款
    wanted: str = ""       # what the text asks for, or why it cannot be found (messages)
    owner: object = None   # the article containing the reference
    art: object = None     # the target article (chains inherit it)
    para: object = None    # the target 款 number (chains inherit it)
    groups: dict = None    # "other": the parsed numbers (art, suf, para, item, chap …)
    how: str = ""          # "other": prefix | chain (shares the previous one's instrument) | sticky


def run(doc, ctx):
    for a in doc.articles:
        for p in a.paragraphs:
            p.spans = [s for s in p.spans if s.kind != "ref"]
    outgoing = []
    for ref in find_refs(doc) or text_refs(doc):
        p = ref.paragraph
        if ref.status == "other":
            # references to other instruments: resolved once the collection is known
            # (build_tools/citations.py)
            outgoing.append(Outgoing(p, ref.owner, ref.start, ref.end, ref.text, ref.how,
                                     {k: v for k, v in ref.groups.items() if v}))
        if ref.status in ("resolved", "partial"):
            p.spans.append(Span(ref.start, ref.end, "ref", ("", ref.anchor), ref.title))
        if ref.status == "unresolved" and (ref.groups or {}).get("art"):
            # maybe an article of another file of the same instrument (a 民法典 编 citing
            # 总则编's 本法第一百四十二条): looked up by build_tools/citations.py
            outgoing.append(Outgoing(p, ref.owner, ref.start, ref.end, ref.text, "self",
                                     {k: v for k, v in ref.groups.items() if v}))
        if ref.status == "unresolved":
            doc.report("reference_unresolved", "warning",
                       f"{ref.owner.label}中引用的“{ref.text}”在本文件中找不到（{ref.wanted}），"
                       f"未加链接", p.line)
        elif ref.status == "partial":
            doc.report("reference_partial", "info",
                       f"{ref.owner.label}中引用的“{ref.text}”在本文件中找不到对应的款或项"
                       f"（原文的分段可能不同），链接改为指向{ref.title}", p.line)
    for a in doc.articles:
        for p in a.paragraphs:
            p.spans.sort(key=lambda s: s.start)
    doc.derived.outgoing = outgoing
    # the instruments named in 《》 (build_tools/citations.py tells short titles from longer names)
    named = set()
    for _, p in doc.all_paragraphs():
        if "《" in p.text:
            named.update(p.text[s + 1:e - 1] for s, e in title_ranges(p.text))
    doc.derived.named = sorted(named)


@dataclass
class Outgoing:
    """A reference to another instrument's article, as the document alone can read it."""
    paragraph: object
    article: object        # the article containing it
    start: int
    end: int
    text: str              # 第十条第二款
    how: str               # prefix (the instrument is named before it) | chain | sticky |
                           # self (this instrument's article missing from this file)
    groups: dict           # the parsed numbers: art, suf, para, item, items, chap, sec, rel …
    # article: None in a text without articles (text_refs)


class _Index:
    """Articles by (seq, number, suffix); 款 and items of each article."""

    def __init__(self, doc):
        self.by_key: dict = {}
        self.order: dict = {}
        for a in doc.articles:
            seq = getattr(a, "seq", 0)
            self.by_key.setdefault((seq, a.key), a)
            self.order.setdefault(seq, [])
            if self.order[seq] and self.order[seq][-1].key == a.key:
                continue
            self.order[seq].append(a)
        self._paras: dict = {}

    def paras(self, art):
        """[(款 paragraph, {item number: item paragraph})] of an article."""
        got = self._paras.get(id(art))
        if got is None:
            got = []
            for p in art.paragraphs:
                if p.kind == "item":
                    if got:
                        got[-1][1].setdefault(p.number, p)
                elif p.kind in ("subitem", "table", "footnote"):
                    continue                    # not a 款
                else:
                    got.append((p, {}))
            if not got and art.paragraphs:
                got = [(None, {p.number: p for p in art.paragraphs if p.kind == "item"})]
            self._paras[id(art)] = got
        return got

    def previous(self, art, n=1):
        """The n articles just before `art`, or None when the numbering has a gap there."""
        seq = self.order.get(getattr(art, "seq", 0), [])
        i = next((k for k, a in enumerate(seq) if a is art), None)
        if i is None or i < n:
            return None
        chain = seq[i - n:i + 1]
        if all(_adjacent(a, b) for a, b in zip(chain, chain[1:])):
            return chain[:-1]
        return None


def _adjacent(a, b):
    """b directly follows a: 第十二条 -> 第十二条之一 -> 第十三条."""
    return (b.number == a.number and b.suffix > a.suffix) or \
        (b.number == a.number + 1 and b.suffix == 0)



def title_ranges(text):
    """Spans of 《…》 titles (nested 〈〉 allowed), where no reference is looked for."""
    ranges = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                ranges.append((start, i + 1))
    return ranges


def find_refs(doc) -> list[Ref]:
    if doc.style != "statute" or AMENDING_TITLE.search(doc.title or ""):
        return []
    index = _Index(doc)
    refs: list[Ref] = []
    for art in doc.articles:
        para_no = 0
        state = {"last": None}
        for p in art.paragraphs:
            if p.kind not in ("item", "subitem"):
                para_no += 1
            text = p.text
            if "第" not in text and "前" not in text and "本" not in text:
                continue
            if AMENDING_TEXT.search(text) or text.startswith(("“", "\"")):
                continue
            refs.extend(_refs_in(doc, index, art, p, para_no, text, state))
    return refs


def text_refs(doc) -> list[Ref]:
    """References to other instruments in a text without articles (a decision, a notice, a
    措施 in parts): only those naming another instrument — such a text has no article of its
    own to point to.  Owner None; chains and the sticky rule as in articles."""
    if doc.style == "statute" or doc.articles or AMENDING_TITLE.search(doc.title or ""):
        return []
    history = {id(p) for p in doc.history}
    refs: list[Ref] = []
    for _, p in doc.all_paragraphs():
        text = p.text
        if p.kind in ("heading", "toc", "note", "status", "label") or id(p) in history \
                or "第" not in text:
            continue
        if AMENDING_TEXT.search(text) or text.startswith(("“", "\"")):
            continue
        refs.extend(_refs_in(doc, None, None, p, 0, text, {"last": None}, others_only=True))
    return refs


def _refs_in(doc, index, art, p, para_no, text, state, others_only=False):
    titles = title_ranges(text) if "《" in text else ()
    out = []
    prev = None           # (end, context, art, para, explicit) of the previous unit (chains)
    other_from = -1       # a reference to another instrument was seen in this sentence
    for m in UNIT.finditer(text):
        s, e = m.span()
        if s == e:
            continue
        g = m.groupdict()
        rel, item = g["rel"], g["item"] or g["item2"]
        if rel in ("本条", "本款") and not (g["para"] or item):
            prev = None
            continue            # 本条 / 本款 alone: the reader is already there
        if not (rel or g["art"] or g["para"] or item or g["chap"]):
            prev = None if not g["book"] else (e, _context(text, s), None, None, False)
            continue
        if any(a <= s < b for a, b in titles):
            prev = None
            continue
        chained = prev is not None and rel is None and CONNECTOR.fullmatch(text[prev[0]:s] or "x")
        if chained:
            context, base_art, base_para = prev[1], prev[2], prev[3]
        elif rel and prev is not None and prev[0] == s and prev[1] != "self":
            base_art, base_para = None, None
            context = prev[1]       # 刑法第三百零七条之一前三款: the other law's 款
        else:
            base_art, base_para = None, None
            context = "self" if rel else _context(text, s)
            if context == "sticky":
                # 依照刑法第一百六十三条规定的…罪、第二百七十一条…: still the other law
                # (in a text without articles a line or a table cell ends a sentence too)
                sentence_start = max(text.rfind(c, 0, s) for c in
                                     (SENTENCE_END + "\n\t" if others_only else SENTENCE_END))
                context = "other" if other_from > sentence_start else "self"
        if context != "self":
            how = "chain" if (chained or (rel and prev is not None and prev[0] == s)) else \
                "sticky" if context == "other" and _context(text, s) == "sticky" else "prefix"
            out.append(Ref(p, s, e, m.group(0), "other", owner=art, groups=g, how=how))
            prev = (e, context, None, None, False)
            other_from = s
            continue
        if others_only or (chained and base_art is None and not g["art"] and not g["chap"]):
            prev = (e, "self", None, None, False)
            continue            # follows a reference that could not be resolved
        explicit = bool(rel or g["art"]) or (chained and prev[4])
        if g["book"] and not g["art"]:
            ref = Ref(None, 0, 0, "", "skipped")   # 第二编第三章: not resolved (codes only)
        elif g["chap"] and not g["art"]:
            ref = _division(doc, g)
        else:
            ref = _resolve(doc, index, art, p, para_no, m, g, rel, item, base_art, base_para)
            if not explicit and state["last"] is not None and (item or g["para"]) and (
                    p.kind == "item" or ref.status != "resolved"):
                # 违反本条例第三十条规定，有下列行为之一的…（一）违反第五项规定的: an item
                # (or a 款 missing here) of the article named last in this article
                last_art, last_para = state["last"]
                retry = _resolve(doc, index, art, p, para_no, m, g, rel, item, last_art,
                                 last_para)
                if retry.status == "resolved" and retry.art is last_art:
                    ref = retry
        if ref.status == "partial" and not explicit:
            ref = Ref(None, 0, 0, "", "skipped")    # 第五项 of no article we can tell
        ref.paragraph, ref.start, ref.end, ref.text, ref.owner = p, s, e, m.group(0), art
        if ref.groups is None:
            ref.groups = g
        out.append(ref)
        if ref.status == "resolved" and g["art"] and ref.art is not art:
            state["last"] = (ref.art, ref.para if g["para"] else None)
        prev = (e, "self", ref.art, ref.para, explicit)
    return out


def _division(doc, g):
    """本法第三章 / 第二章第三节 -> the division, when its number is unique in the document."""
    n = hierarchy.numbers(g)
    chap, sec = n.chap, n.sec
    chapters = [d for d in doc.divisions if d.kind == "chapter" and d.number == chap]
    if len(chapters) != 1:
        return Ref(None, 0, 0, "", "skipped")
    target, title = chapters[0], f"第{numerals.to_chinese(chap)}章"
    if sec is not None:
        secs = [d for d in doc.divisions if d.kind == "section" and d.number == sec
                and d.parent == target.anchor]
        if len(secs) != 1:
            return Ref(None, 0, 0, "", "skipped")
        target, title = secs[0], title + f"第{numerals.to_chinese(sec)}节"
    return Ref(None, 0, 0, "", "resolved", target.anchor, title)


def _context(text, start):
    before = text[max(0, start - 40):start]
    if SELF_PREFIX.search(before):
        return "self"
    if OTHER_PREFIX.search(before):
        return "other"
    return "sticky"


def _resolve(doc, index, art, p, para_no, m, g, rel, item, base_art, base_para):
    """Find the target of one unit. base_art/base_para are inherited along a chain."""
    num = hierarchy.numbers(g)
    para_n, item_n = num.para, num.item
    target_art = None
    paras_wanted = None          # 款 numbers asked for (前两款 -> [1, 2])
    if rel and rel[0] == "前" and rel[-1] == "条":
        n = hierarchy.range_count(rel)
        prev = index.previous(art, n)
        if not prev:
            return _fail("上一条在原文中缺失")
        if n > 1:
            return _ok(prev[0].anchor, "、".join(a.label for a in prev), prev[-1], None)
        target_art = prev[0]
    elif rel and rel[0] == "前" and rel[-1] == "款":
        n = hierarchy.range_count(rel)
        if para_no - n < 1:
            return _fail("所在段落已是本条第一款，原文的分段可能有误")
        target_art, paras_wanted = art, list(range(para_no - n, para_no))
    elif rel == "前项":
        if p.kind != "item" or p.number <= 1:
            return Ref(None, 0, 0, "", "skipped")
        target_art, paras_wanted, item_n = art, [para_no], p.number - 1
    elif rel == "本款":
        target_art, paras_wanted = art, [para_no]
    elif rel == "本条":
        target_art = art
    if g["art"]:
        number, suffix = num.art, num.suf
        if number is None:
            return Ref(None, 0, 0, "", "skipped")
        target_art = index.by_key.get((getattr(art, "seq", 0), (number, suffix)))
        if target_art is None:
            return _fail(f"{numerals.article_label(number, suffix)}在原文中缺失，或所指为其他文件")
    elif target_art is None:
        target_art = base_art or art
        if para_n is None and item_n is not None and base_para is not None:
            paras_wanted = [base_para]
    if para_n is not None:
        paras_wanted = [para_n]
    return _locate(index, target_art, paras_wanted, item_n, art, para_no, hierarchy.items_label(g["items"]))


def _fail(wanted):
    return Ref(None, 0, 0, "", "unresolved", wanted=wanted)


def _ok(anchor, title, art, para, status="resolved", wanted=""):
    return Ref(None, 0, 0, "", status, anchor, title, wanted=wanted or title, art=art, para=para)


_label = hierarchy.label


def _locate(index, target, paras_wanted, item_n, here, para_no, item_text=None):
    """Anchor of 款 paras_wanted / item item_n of article `target` (deepest that exists)."""
    paras = index.paras(target)
    wanted = _label(target.label, paras_wanted, item_n, item_text)
    if paras_wanted:
        if not all(1 <= k <= len(paras) and paras[k - 1][0] is not None for k in paras_wanted):
            return _ok(target.anchor, target.label, target, None, "partial", wanted)
        para_used = paras_wanted[-1]
        if not item_n:
            return _ok(paras[paras_wanted[0] - 1][0].anchor, wanted, target, para_used)
        hit = paras[para_used - 1][1].get(item_n)
    else:
        if not item_n:
            return _ok(target.anchor, target.label, target, None)
        # 第（三）项 without a 款: this 款 if it has the item, else the only 款 that has it
        having = [k for k, (_, items) in enumerate(paras, 1) if item_n in items]
        if target is here and para_no in having:
            para_used = para_no
        elif len(having) == 1 or (having and target is not here):
            para_used = having[0]
        else:
            para_used = None
        hit = paras[para_used - 1][1][item_n] if para_used else None
    if hit is None:
        return _ok(target.anchor, target.label, target, None, "partial", wanted)
    shown = paras_wanted or ([para_used] if len(paras) > 1 else None)
    return _ok(hit.anchor, _label(target.label, shown, item_n, item_text), target, para_used)
