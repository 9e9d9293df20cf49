"""Put articles back in numbering order, and say so when the source had them out of order."""
from __future__ import annotations


def run(doc, ctx):
    if doc.style != "statute":
        return
    keyed = sorted(doc.articles, key=lambda a: (a.seq, a.number, a.suffix))
    if keyed != doc.articles:
        moved = [a for a, b in zip(doc.articles, keyed) if a is not b]
        doc.report("article_order", "warning",
                   f"原文条文顺序错乱（如{moved[0].label}在第{moved[0].line}行），已按条文编号重新排列",
                   moved[0].line)
        doc.articles = keyed
