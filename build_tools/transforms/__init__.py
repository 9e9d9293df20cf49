"""Transforms: each repairs, resolves or annotates one thing and records what it did.

Like markdown-it's Ruler, the order is explicit and named; every transform is a module
with run(doc, ctx) in this package, sharing the document as state.  Adding a transform
is one new file and one line here.
"""
from __future__ import annotations

from importlib import import_module

ORDER = [
    "punctuation",     # half-width punctuation inside Chinese text -> full-width
    "split_lines",     # join paragraphs that a page break split mid-sentence
    "inline_articles", # split articles run together on one line
    "orphans",         # drop fragments that duplicate a repaired paragraph elsewhere
    "copies",          # merge repeated pages; report copies that disagree
    "divisions",       # one heading per division, chapter ranges, conflicts
    "order",           # articles back in numbering order
    "gaps",            # missing article numbers
    "metadata",        # kind, dates, issuer, status, expiry
    "anchors",         # Akoma Ntoso eIds for every division, article, paragraph, item
    "definitions",     # defined terms (本条例所称X，是指…) with their scope
    "crossrefs",       # references inside the document (第十二条, 前款) -> exact anchors
    "repeals",         # the instruments this text says it repeals (《…》同时废止)
]


class Context:
    """What transforms may read besides the document (today's date, options)."""

    def __init__(self, today=None):
        import datetime
        self.today = today or datetime.date.today()


def run_all(doc, ctx=None, only=None):
    ctx = ctx or Context()
    for name in ORDER:
        if only and name not in only:
            continue
        import_module(f"{__name__}.{name}").run(doc, ctx)
    return doc
