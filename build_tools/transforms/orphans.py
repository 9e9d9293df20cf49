"""Drop orphan fragments: stray copies of the continuation of a split paragraph.

When a page break splits a paragraph, PDF extraction often repeats the second half at
the top of another page, where it follows an unrelated article (设施。支持建设… after
第四条 belongs to 第十条).  A paragraph that equals, or nearly equals, a continuation
joined elsewhere is dropped and recorded; if its wording differs, that is reported as
a disagreement between copies, never silently chosen.
"""
from __future__ import annotations

from difflib import SequenceMatcher

MIN_LEN = 10
SIMILAR = 0.85


def _owner_of(doc, fragment):
    for art in doc.articles:
        for p in art.paragraphs:
            if p.text != fragment and p.text.endswith(fragment):
                return art
    return None


def _match(text, fragments):
    for f in fragments:
        if text == f:
            return f, True
        if len(text) >= MIN_LEN and SequenceMatcher(None, text, f, autojunk=False).ratio() >= SIMILAR:
            return f, False
    return None, False


def run(doc, ctx):
    fragments = [f for f in dict.fromkeys(doc.meta.get("continuations", [])) if len(f) >= MIN_LEN]
    owners = {f: _owner_of(doc, f) for f in fragments}
    fragments = [f for f in fragments if owners[f] is not None]
    if not fragments:
        return
    containers = [(a.label, a.paragraphs, a) for a in doc.articles]
    containers += [(d.heading, d.paragraphs, None) for d in doc.divisions]
    containers.append(("序言", doc.preamble, None))
    for label, paras, art in containers:
        keep = []
        for p in paras:
            f, exact = _match(p.text, fragments) if p.kind == "para" else (None, False)
            owner = owners.get(f)
            if f is None or owner is art:
                keep.append(p)
                continue
            doc.report("orphan_fragment", "warning",
                       f"第{p.line}行的片段“{p.text[:12]}…”不属于紧邻的{label}，而是{owner.label}"
                       f"被分页断开的后半段，已删除此处重复的一份", p.line, p.end_line)
            if not exact:
                doc.report("copy_conflict", "warning",
                           f"{owner.label}后半段的两份文字不一致：第{p.line}行作“{_diff(p.text, f)[0]}”，"
                           f"{owner.label}所在处作“{_diff(p.text, f)[1]}”；保留{owner.label}所在处的文字，"
                           f"请核对原件", p.line, p.end_line, article=owner)
        paras[:] = keep


def _diff(a: str, b: str) -> tuple[str, str]:
    """The differing stretch of two similar texts, with a little context."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    start = max(0, i - 2)
    return a[start:len(a) - j + 2] or a[:8], b[start:len(b) - j + 2] or b[:8]
