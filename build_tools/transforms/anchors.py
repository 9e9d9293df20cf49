"""Give every article, paragraph and item its eId (see build_tools.eids) and check uniqueness."""
from __future__ import annotations

from .. import eids


def run(doc, ctx):
    seen: dict[str, int] = {}
    for a in doc.articles:
        a.anchor = eids.article(a, doc.style)
        if a.anchor in seen:
            again = eids.duplicate(a.anchor, seen)
            doc.report("duplicate_article", "warning",
                       f"{a.label}（第{a.line}行）与第{seen[a.anchor]}行的条文编号相同，"
                       f"链接已区分为“{again}”", a.line)
            a.anchor = again
        seen[a.anchor] = a.line
        _paras(doc, a.anchor, a.paragraphs, a.label)
    for d in doc.divisions:
        _paras(doc, d.anchor, d.paragraphs, d.heading)
    _paras(doc, "preamble", doc.preamble, "序言")
    _paras(doc, "preface", doc.history, "题注")


def _paras(doc, owner, paras, label):
    for clash in eids.paragraphs(owner, paras):
        doc.report("duplicate_item_number", "warning",
                   f"{label}中项的编号重复（{clash}），后一项的链接加了序号以示区分",
                   next((p.line for p in paras if p.anchor.startswith(clash)), None))
