"""Merge repeated pages: one article per number, and a record for every copy dropped.

Articles are grouped into numbering sequences: a second 第一条 whose text differs from
the first starts a new sequence (an attached instrument with its own numbering).
Within a sequence, copies with the same text are duplicates of a repeated page and are
dropped; copies whose text differs are reported as a conflict and the fuller copy kept.
"""
from __future__ import annotations

import re

_WS = re.compile(r"[\s\u3000]+")


def signature(art) -> str:
    return _WS.sub("", "".join(p.text for p in art.paragraphs))


def run(doc, ctx):
    if doc.style == "measures":
        _measures(doc)
        return
    if doc.style != "statute":
        for a in doc.articles:
            a.seq = 0
        return
    seq = 0
    firsts: dict[int, str] = {}
    for a in doc.articles:
        if a.key == (1, 0):
            sig = signature(a)
            if seq in firsts and firsts[seq] != sig:
                seq += 1
            firsts.setdefault(seq, sig)
        a.seq = seq
    if seq:
        doc.report("numbering_restarted", "info",
                   f"条文编号重新从第一条开始{seq}次，后续条文视为附件（附属文件）的条文")
    kept: dict[tuple, object] = {}
    out = []
    for a in doc.articles:
        k = (a.seq, a.number, a.suffix)
        first = kept.get(k)
        if first is None:
            kept[k] = a
            out.append(a)
            continue
        if signature(first) == signature(a):
            doc.report("duplicate_copy", "info",
                       f"{a.label}在第{a.line}行重复出现（分页重复），与第{first.line}行的一份相同，已合并",
                       a.line, a.end_line)
        else:
            better = a if len(signature(a)) > len(signature(first)) else first
            dropped = first if better is a else a
            doc.report("copy_conflict", "warning",
                       f"{a.label}的两份文字不一致（第{first.line}行与第{a.line}行），"
                       f"已保留较完整的第{better.line}行一份，请核对原件",
                       dropped.line, dropped.end_line)
            if better is a:
                a.division = a.division or first.division
                out[out.index(first)] = a
                kept[k] = a
    doc.articles = out


def _measures(doc):
    """A measure repeated word for word (a repeated line or page) is kept once."""
    seen: dict[tuple, object] = {}
    out = []
    for a in doc.articles:
        a.seq = 0
        k = (a.part.number, a.part.title, a.number, signature(a))
        if k in seen:
            doc.report("duplicate_copy", "info",
                       f"{a.label}在第{a.line}行重复出现，与第{seen[k].line}行的一份相同，已合并",
                       a.line, a.end_line)
            continue
        seen[k] = a
        out.append(a)
    doc.articles = out
