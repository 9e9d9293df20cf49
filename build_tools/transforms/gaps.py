"""Report missing article numbers. A gap is reported, never filled."""
from __future__ import annotations

from .. import hierarchy, numerals


def run(doc, ctx):
    if doc.style == "statute":
        seqs = sorted({a.seq for a in doc.articles})
        for s in seqs:
            arts = [a for a in doc.articles if a.seq == s and not a.suffix]
            _check(doc, arts, numerals.article_label)
    elif doc.style == "measures":
        for part in {id(a.part): a.part for a in doc.articles}.values():
            arts = [a for a in doc.articles if a.part is part]
            _check(doc, arts, hierarchy.measure_name)


def _check(doc, arts, label):
    numbers = [a.number for a in arts]
    if not numbers:
        return
    expected = 1
    prev = None
    for a in arts:
        if a.number > expected and prev is None:
            doc.report("numbering_starts_late", "info",
                       f"条文编号从{a.label}开始（本文件可能是较大法律文本的一部分，或节选）", a.line)
        elif a.number > expected:
            first, last = expected, a.number - 1
            span = label(first) if first == last else f"{label(first)}至{label(last)}"
            doc.report("article_gap", "warning",
                       f"{span}在原文中缺失（编号从{prev.label if prev else '开头'}跳到{a.label}），"
                       f"本站未补写任何内容", prev.end_line if prev else a.line)
        expected = max(expected, a.number + 1)
        prev = a
