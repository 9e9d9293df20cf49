"""Join a paragraph that a page break split mid-sentence with its continuation.

A paragraph that ends in the middle of a sentence (a Chinese character or a comma, no
closing punctuation) and is followed by an ordinary paragraph of the same article is
one paragraph.  The continuation text is remembered so that stray copies of it
elsewhere can be recognised as orphans.
"""
from __future__ import annotations

import re

OPEN_END = re.compile(r"[\u4e00-\u9fff，、]$")
LABELLED = re.compile(r"^(\d+[．.、\s]|[（(]|[一二三四五六七八九十]+、|附件|附表)")


def is_split(a: str, b: str) -> bool:
    """a ends mid-sentence and b carries on: prose on both sides, no list, table or formula."""
    if not OPEN_END.search(a) or len(a) < 15 or LABELLED.match(a) or LABELLED.match(b):
        return False
    if not (re.search(r"[，、；]", a) or len(a) >= 30) or re.search(r"[＝=×]", a):
        return False
    return bool(re.match(r"[\u4e00-\u9fff]", b))


def run(doc, ctx):
    for art in doc.articles:
        paras = art.paragraphs
        i = 0
        while i + 1 < len(paras):
            a, b = paras[i], paras[i + 1]
            if a.kind == "para" and b.kind == "para" and b.line > a.end_line \
                    and is_split(a.text, b.text):
                doc.report("paragraph_joined", "info",
                           f"{art.label}：第{a.end_line}行与第{b.line}行是被分页断开的同一段，已合并"
                           f"（断开处：“…{a.text[-6:]}／{b.text[:6]}…”）", a.end_line, b.line)
                doc.continuations.append(b.text)
                a.text += b.text
                a.end_line = b.end_line
                a.lines += b.lines
                del paras[i + 1]
                continue
            i += 1
