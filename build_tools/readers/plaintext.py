"""Plain text (措施 and notices): every line is text, nothing is markup; the title may span lines."""
from __future__ import annotations

import re

from ..model import Paragraph
from .blocks import plain_blocks

NAME = "plain-text"
_MARKDOWN = re.compile(r"^(#{1,6} |\s*[-*+] |\*\*|>)", re.M)
ATTACHMENT = re.compile(r"^附件\s*[0-9一二三四五六七八九十]*[:：]?$")
STATUS_LABEL = re.compile(r"^[（(](征求意见稿|草案|送审稿|试行|暂行|修订稿|公开征求意见稿)[)）]$")
_SENTENCE_END = re.compile(r"[。；;：:！？]$")


def detect(text: str) -> float:
    return 0.1 if _MARKDOWN.search(text) else 0.3


def read(doc, text):
    blocks = plain_blocks(text)
    i = 0
    # leading short lines without sentence punctuation: 附件 label, title pieces, status label
    while i < len(blocks):
        t = blocks[i].text
        if ATTACHMENT.match(t) and not doc.title:
            doc.preamble.append(Paragraph(t, blocks[i].line, kind="label"))
        elif STATUS_LABEL.match(t):
            doc.declared_status = STATUS_LABEL.match(t).group(1)
            doc.preamble.append(Paragraph(t, blocks[i].line, kind="status"))
        elif len(t) <= 40 and not _SENTENCE_END.search(t) and not _is_structure(t) and (
                not doc.title or len(doc.title_lines) < 3):
            doc.title += t
            doc.title_lines.append(blocks[i].line)
        else:
            break
        i += 1
    if len(doc.title_lines) > 1:
        doc.report("title_joined", "info",
                   f"标题在原文中分为{len(doc.title_lines)}行，已合并为“{doc.title}”",
                   doc.title_lines[0], doc.title_lines[-1])
    return blocks[i:]


def _is_structure(text: str) -> bool:
    return bool(re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[．.]|第.{1,6}[章条])", text))
