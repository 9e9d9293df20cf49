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
    return body


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
