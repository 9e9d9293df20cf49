"""Markdown extracted from a PDF draft: '**第一条** …' bold labels, bold or '###' chapter headings."""
from __future__ import annotations

import re

from .blocks import parse_markdown
from .lawrefbook import take_titles

NAME = "pdf-markdown"
_BOLD_LABEL = re.compile(r"^\*\*第[零〇一二三四五六七八九十百千万两0-9]+[条章]", re.M)


def detect(text: str) -> float:
    return 0.8 if len(_BOLD_LABEL.findall(text)) >= 3 else 0.0


def read(doc, text):
    blocks, _ = parse_markdown(text, doc)
    return take_titles(doc, blocks)
