"""Split articles that a conversion ran together on one line (…备降机场。 第六十五条 航路…).

Only a label that continues the numbering (the next number after the article it sits
in, and below the next article found in the source) after a sentence end is taken as
an article start; each split is recorded.
"""
from __future__ import annotations

import re

from .. import numerals
from ..model import Article, Paragraph

INLINE = re.compile(rf"(?<=[。；])[ \u3000]*第({numerals.NUM})条(?!之)[ \u3000]*")


def run(doc, ctx):
    if doc.style != "statute":
        return
    arts = doc.articles
    following: list[int | None] = [None] * len(arts)   # number of the next plain article
    nxt = None
    for idx in range(len(arts) - 1, -1, -1):
        following[idx] = nxt
        if not arts[idx].suffix:
            nxt = arts[idx].number
    out = []
    for idx, art in enumerate(arts):
        out.extend(_split(doc, art, following[idx]))
    doc.articles = out


def _split(doc, art, following):
    result = [art]
    current = art
    i = 0
    while i < len(current.paragraphs):
        p = current.paragraphs[i]
        m = _next_label(p.text, current.number, following)
        if not m:
            i += 1
            continue
        number = numerals.to_int(m.group(1))
        head, tail = p.text[:m.start()].rstrip(), p.text[m.end():]
        new = Article(number, f"第{m.group(1)}条", p.line, division=current.division)
        new.end_line = current.end_line
        new.paragraphs = [Paragraph(tail, p.line, p.end_line, lines=list(p.lines))] + \
            current.paragraphs[i + 1:]
        p.text = head
        current.paragraphs = current.paragraphs[:i + 1]
        doc.report("article_split", "info",
                   f"第{p.line}行中{current.label}之后紧接着{new.label}，原文两条连排，已拆分为两条", p.line)
        result.append(new)
        current, i = new, 0
    return result


def _next_label(text, number, following):
    for m in INLINE.finditer(text):
        try:
            n = numerals.to_int(m.group(1))
        except ValueError:
            continue
        if n == number + 1 and (following is None or n < following):
            return m
    return None
