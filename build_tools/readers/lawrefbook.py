"""LawRefBook Markdown: '# 标题', history lines, '<!-- INFO END -->', then headings and 第X条 lines."""
from __future__ import annotations

import re

from .blocks import parse_markdown

COMMENT = re.compile(r"^<!--.*-->$")

NAME = "lawrefbook"
MARKER = "<!-- INFO END -->"


def detect(text: str) -> float:
    if MARKER in text:
        return 1.0
    return 0.5 if text.lstrip().startswith("# ") else 0.0


def read(doc, text):
    blocks, _ = parse_markdown(text, doc)
    end = next((i for i, b in enumerate(blocks) if b.kind == "html" and b.text == MARKER), None)
    if end is None:
        return take_titles(doc, blocks)
    head, body = blocks[:end], blocks[end + 1:]
    # LawRefBook's own markers (<!-- TABLE -->, <!-- FORCE BREAK -->) are comments, not text
    body = [b for b in body if not (b.kind == "html" and COMMENT.match(b.text))]
    rest = take_titles(doc, head)
    doc.history.extend(_para(b) for b in rest)
    if not doc.history and body and body[0].kind == "para" and HISTORY_IN_BODY.match(body[0].text):
        # （2001年2月6日…通过，根据2020年12月23日…修正）as the first line after the marker
        # (3 corpus files): the 题注, not a 序言; its dates are the document's
        doc.history.append(_para(body[0]))
        doc.report("history_in_body", "info",
                   f"原文把题注写在正文第一段（第{body[0].line}行），本站作为题注显示，文字未改动", body[0].line)
        body = body[1:]
    return body


# a parenthesised history note: a date, then 通过/公布/… before the closing bracket
HISTORY_IN_BODY = re.compile(r"^[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^（）()]*"
                             r"(?:[（(][^（）()]*[）)][^（）()]*)*(?:通过|公布|发布|批准|修正|修订|施行)[^（）()]*[）)]$")


def take_titles(doc, blocks):
    """Leading level-1 headings are the title (and a subtitle such as 人格权编)."""
    i = 0
    while i < len(blocks) and blocks[i].kind == "heading" and blocks[i].level == 1 and i < 2:
        if not doc.title:
            doc.title = blocks[i].text
        else:
            doc.subtitle = blocks[i].text
        doc.title_lines.append(blocks[i].line)
        i += 1
    return blocks[i:]


def _para(b):
    from ..model import Paragraph
    return Paragraph(b.text, b.line, kind="note")
