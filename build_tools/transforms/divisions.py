"""Resolve division headings: one division per number, where each begins, which article
belongs to which chapter.

The evidence for where a division begins is the first article that follows its heading
in the source.  Repeated pages give several headings for one division; damaged pages
give contradicting evidence.  Division numbers must increase with article numbers:
when two divisions claim the same first article, the higher-numbered one keeps it (the
lower one must begin earlier) and the lower one's start is reported as unknown; the
articles whose division then cannot be known get none, and a record says so.
"""
from __future__ import annotations

from .. import eids, numerals
from ..model import Division

LEVELS = ["part", "book", "subbook", "chapter", "section"]


class Unique:
    def __init__(self, occ, seq, parent):
        self.div = occ
        self.seq = seq
        self.parent = parent          # Unique or None
        self.evidence: set = set()
        self.start = None             # article key (seq, number, suffix) or None
        self.lines = [occ.line]

    @property
    def path(self):
        p = self.parent.path if self.parent else ()
        return p + ((LEVELS.index(self.div.kind), self.div.number),)


def run(doc, ctx):
    annexes = [d for d in doc.divisions if d.kind == "annex"]
    doc.divisions = [d for d in doc.divisions if d.kind != "annex"]
    _annexes(doc, annexes)
    if doc.style == "measures":
        _measures(doc)
        doc.divisions += annexes
        return
    if doc.style != "statute" or not doc.divisions:
        for a in doc.articles:
            a.division = a.chapter = None
        doc.divisions += annexes
        return
    by_occ: dict[str, Unique] = {}
    uniques: dict[tuple, Unique] = {}
    last_seq = 0
    for occ in doc.divisions:
        if occ.starts_at is not None:
            last_seq = occ.starts_at.seq
        parent = by_occ.get(occ.parent)
        key = (last_seq, parent.path if parent else (), occ.kind, occ.number)
        u = uniques.get(key)
        if u is None:
            u = uniques[key] = Unique(occ, last_seq, parent)
        else:
            u.lines.append(occ.line)
            u.div.paragraphs.extend(occ.paragraphs)     # text under a repeated heading stays
            if occ.title != u.div.title:
                doc.report("heading_title_conflict", "warning",
                           f"{occ.label}的标题前后不一致：第{u.div.line}行为“{u.div.title}”，"
                           f"第{occ.line}行为“{occ.title}”，采用前者", occ.line, occ.line)
            else:
                doc.report("duplicate_heading", "info",
                           f"{occ.label} {occ.title}在第{occ.line}行重复出现（分页重复），已合并",
                           occ.line, occ.line)
        by_occ[occ.anchor] = u
        if occ.starts_at is not None:
            a = occ.starts_at
            u.evidence.add((a.seq, a.number, a.suffix))
    groups: dict[tuple, list[Unique]] = {}
    for u in uniques.values():
        groups.setdefault((u.seq, u.parent.path if u.parent else (), u.div.kind), []).append(u)
    last_number: dict[tuple, int] = {}
    for gkey in sorted(groups, key=lambda g: (g[0], g[1])):
        members = sorted(groups[gkey], key=lambda u: u.div.number)
        _resolve(doc, members)
        _gaps(doc, members, last_number.get((gkey[0], gkey[2]), 0))
        last_number[(gkey[0], gkey[2])] = members[-1].div.number
    ordered = sorted(uniques.values(), key=lambda u: (u.seq, u.path))
    for u in ordered:
        u.div.anchor = eids.division(u)
        u.div.parent = u.parent.div.anchor if u.parent else ""
        u.div.start_known = u.start is not None
    doc.divisions = [u.div for u in ordered] + annexes
    _assign(doc, groups)


def _annexes(doc, annexes):
    """Annexes (附件一 …) after the articles: eId att_N from their own number; a number used
    twice is told apart and recorded."""
    seen: set[str] = set()
    for d in annexes:
        d.anchor = eids.annex(d)
        if d.anchor in seen:
            again = eids.repeated(d.anchor, seen)
            doc.report("duplicate_annex", "warning",
                       f"{d.heading}（第{d.line}行）与前面的附件编号相同，链接已区分为“{again}”",
                       d.line)
            d.anchor = again
        seen.add(d.anchor)


def _label(key):
    return numerals.article_label(key[1], key[2])


def _resolve(doc, members):
    for i, u in enumerate(members):
        if len(u.evidence) > 1:
            doc.report("heading_position_conflict", "warning",
                       f"{u.div.label} {u.div.title}在各副本中出现在不同条文之前"
                       f"（{'、'.join(_label(k) for k in sorted(u.evidence))}），取最前者", u.div.line)
        u.start = min(u.evidence) if u.evidence else None
    for i, u in enumerate(members):
        if u.start is None:
            continue
        later = [v for v in members[i + 1:] if v.start is not None and v.start <= u.start]
        earlier = [v for v in members[:i] if v.start is not None and v.start >= u.start]
        if later or earlier:
            other = (later or earlier)[0]
            doc.report("heading_conflict", "warning",
                       f"原文在{_label(u.start)}之前既有“{u.div.label} {u.div.title}”，又有"
                       f"“{other.div.label} {other.div.title}”。章节编号须随条文递增，"
                       f"{_label(u.start)}归入{max(u, other, key=lambda x: x.div.number).div.label}",
                       u.div.line)
            if later:
                u.start = None
    for i, u in enumerate(members):
        if u.start is not None:
            continue
        prev = next((v for v in reversed(members[:i]) if v.start is not None), None)
        nxt = next((v for v in members[i + 1:] if v.start is not None), None)
        after = f"{_label(prev.start)}之后" if prev else "文首之后"
        before = f"{_label(nxt.start)}之前" if nxt else "文末之前"
        doc.report("chapter_start_unknown", "warning",
                   f"{u.div.label} {u.div.title}的起始条文无法确定（应在{after}、{before}），"
                   f"其间条文的所属章节标为不明，未作推测", u.div.line)


def _gaps(doc, members, previous: int):
    """Numbers must run on: from 一 within the parent, or on from the previous parent
    (民事诉讼法 numbers its chapters through all its 编)."""
    label = members[0].div.label
    unit = "部分" if label.endswith("、") else label[-1:] or "部分"
    where = f"{members[0].parent.div.heading}中" if members[0].parent else ""
    first = members[0].div.number
    if first != 1 and first != previous + 1:
        doc.report("division_gap", "warning",
                   f"{where}第一个{unit}的编号是{numerals.to_chinese(first)}，不是一",
                   members[0].div.line)
    for a, b in zip(members, members[1:]):
        if b.div.number != a.div.number + 1:
            doc.report("division_gap", "warning",
                       f"{where}{unit}的编号从{numerals.to_chinese(a.div.number)}跳到"
                       f"{numerals.to_chinese(b.div.number)}，中间的{unit}在原文中缺失", b.div.line)


def _find(members, key):
    """The member containing article `key`, None if unknown or before all of them."""
    known = [u for u in members if u.start is not None and u.start <= key]
    if not known:
        return None
    d = known[-1]
    if d.start == key:
        return d
    nxt = next((u for u in members if u.start is not None and u.start > d.start), None)
    limit = nxt.div.number if nxt else float("inf")
    if any(u.start is None and d.div.number < u.div.number < limit for u in members):
        return None
    return d


def _assign(doc, groups):
    unknown = []
    outside = []
    for a in doc.articles:
        key = (a.seq, a.number, a.suffix)
        chain = []
        parent_path = ()
        before_all = False
        for level in LEVELS:
            members = groups.get((a.seq, parent_path, level))
            if not members:
                continue
            u = _find(sorted(members, key=lambda m: m.div.number), key)
            if u is None:
                if any(m.start is None for m in members) or any(m.start and m.start < key for m in members):
                    unknown.append(a)
                    before_all = False
                    break
                # before every division of this level: a 节 standing outside any 章 (聊城市大气污染
                # 防治条例: 第二节…第六节, then 第四章, its 第三章 heading lost) may still hold it
                before_all = True
                continue
            chain.append(u)
            parent_path = u.path
        if before_all and not chain:
            outside.append(a)
        a.division = chain[-1].div.anchor if chain else None
        chapters = [u for u in chain if u.div.kind == "chapter"] or \
            [u for u in chain if u.div.kind in ("book", "part")]
        a.chapter = chapters[0].div.anchor if chapters else None
    if unknown:
        doc.report("chapter_unknown", "warning",
                   f"以下条文的所属章节无法确定：{_ranges(unknown)}", unknown[0].line)
    if outside:
        doc.report("article_outside_division", "info",
                   f"以下条文位于第一个章节标题之前，不属于任何章节：{_ranges(outside)}", outside[0].line)


def _ranges(articles):
    arts = sorted(articles, key=lambda a: a.key)
    out, run = [], [arts[0]]
    for a in arts[1:]:
        if a.number == run[-1].number + 1 and not a.suffix and not run[-1].suffix:
            run.append(a)
        else:
            out.append(run)
            run = [a]
    out.append(run)
    return "、".join(r[0].label if len(r) == 1 else f"{r[0].label}至{r[-1].label}" for r in out)


def _measures(doc):
    """Parts and groups of a 措施: a repeated heading (same number and title) is one division."""
    kept: dict[str, Division] = {}
    alias: dict[int, Division] = {}
    out = []
    for d in doc.divisions:
        if d.kind == "subpart":
            d.part = alias.get(id(d.part), d.part)
        d.anchor = eids.measure_division(d)
        first = kept.get(d.anchor)
        if first is None:
            kept[d.anchor] = d
            out.append(d)
        elif first.title == d.title:
            doc.report("duplicate_heading", "info",
                       f"{d.heading}在第{d.line}行重复出现，已与第{first.line}行合并", d.line, d.line)
            first.paragraphs.extend(d.paragraphs)
            alias[id(d)] = first
        else:
            doc.report("heading_title_conflict", "warning",
                       f"{d.label}在第{first.line}行为“{first.title}”，在第{d.line}行为“{d.title}”，"
                       f"编号重复，链接已区分", d.line)
            d.anchor = eids.repeated(d.anchor, kept)
            kept[d.anchor] = d
            out.append(d)
    doc.divisions = out
    for d in out:
        if d.kind == "subpart":
            d.parent = d.part.anchor
    for a in doc.articles:
        a.seq = 0
        a.part = alias.get(id(a.part), a.part)
        a.group = alias.get(id(a.group), a.group) if a.group else None
        a.chapter = a.part.anchor
        a.division = (a.group or a.part).anchor
