"""Drop orphan fragments: stray copies of the continuation of a split paragraph.

When a page break splits a paragraph, PDF extraction often repeats the second half at
the top of another page, where it follows an unrelated article (设施。支持建设… after
第四条 belongs to 第十条).  A paragraph that equals, or nearly equals, a continuation
joined elsewhere is dropped and recorded; if its wording differs, that is reported as
a disagreement between copies, never silently chosen.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import chain
from difflib import SequenceMatcher

MIN_LEN = 10
SIMILAR = 0.85
SUFFIX = MIN_LEN        # characters a fragment and the paragraph that ends with it share at the end


def _owners(doc, fragments):
    """fragment -> the first article with a longer paragraph that ends with it (or None):
    the paragraphs are looked up by their last SUFFIX characters, not compared with every
    fragment."""
    by_tail: dict[str, list[str]] = defaultdict(list)
    for f in fragments:
        by_tail[f[-SUFFIX:]].append(f)
    owners: dict[str, object] = {f: None for f in fragments}
    for art in doc.articles:
        for p in art.paragraphs:
            for f in by_tail.get(p.text[-SUFFIX:], ()):
                if owners[f] is None and p.text != f and p.text.endswith(f):
                    owners[f] = art
    return owners


def _tokens(text: str) -> list[tuple[str, int]]:
    """The bigrams of text as a multiset ((bigram, n) for its n-th occurrence)."""
    seen: Counter = Counter()
    out = []
    for i in range(len(text) - 1):
        g = text[i:i + 2]
        seen[g] += 1
        out.append((g, seen[g]))
    return out


SHARED = 3      # prefix bigrams a candidate must share (any text of MIN_LEN or more allows 3)


def _prefix_size(n_chars: int, n_tokens: int) -> int:
    """How many of a text's rarest bigrams must be indexed so that every text similar to it
    (SequenceMatcher ratio >= SIMILAR) shares at least SHARED of them (prefix filtering).

    With M matching characters in k blocks, ratio = 2M/S (S the two lengths) >= r, and
    k - 1 <= S - 2M (blocks are separated by unmatched characters), the two texts share at
    least M - k >= (3r/2 - 1)S - 1 bigrams (as multisets); the lengths differ by at most
    the factor r/(2 - r), so S >= n (1 + r/(2 - r)).  Two texts of n_x and n_y bigrams that
    share t or more, ordered the same way, share their first c common bigrams within the first
    n_x - t + c of x and the first n_y - t + c of y (before the c-th common one each has at
    most n - t others)."""
    r = SIMILAR
    t = math.floor((1.5 * r - 1) * n_chars * (1 + r / (2 - r)) - 1)
    return min(n_tokens, max(SHARED, n_tokens - t + SHARED))


class _Similar:
    """The fragments, indexed so that a paragraph is compared only with the fragments that
    can be similar to it: those of a compatible length that share one of the rare bigrams
    that any similar text must share (see _prefix_size)."""

    def __init__(self, fragments):
        self.fragments = fragments
        self.exact = {f: i for i, f in reversed(list(enumerate(fragments)))}
        self.freq: Counter = Counter(t for f in fragments for t in _tokens(f))
        self.longest = max(len(f) for f in fragments)
        self.sets = [set(_tokens(f)) for f in fragments]
        self.index: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i, f in enumerate(fragments):
            for tok in self._prefix(f):
                self.index[tok].append(i)

    def _prefix(self, text):
        toks = sorted(_tokens(text), key=lambda t: (self.freq.get(t, 0), t))
        return toks[:_prefix_size(len(text), len(toks))]

    def match(self, text):
        """(fragment, exact) for the first fragment equal or similar to text, or (None, False)."""
        i = self.exact.get(text)
        if i is not None:
            return self.fragments[i], True
        if len(text) < MIN_LEN or len(text) * SIMILAR / (2 - SIMILAR) > self.longest:
            return None, False          # too short, or longer than anything similar to a fragment
        low, high = len(text) * SIMILAR / (2 - SIMILAR), len(text) * (2 - SIMILAR) / SIMILAR
        toks = set(_tokens(text))
        shared = Counter(chain.from_iterable(self.index.get(tok, ()) for tok in self._prefix(text)))
        for i in sorted(i for i, n in shared.items() if n >= SHARED):
            f = self.fragments[i]
            if not low <= len(f) <= high:
                continue
            if len(toks & self.sets[i]) < (1.5 * SIMILAR - 1) * (len(text) + len(f)) - 1:
                continue            # too few shared bigrams to be similar (see _prefix_size)
            m = SequenceMatcher(None, text, f, autojunk=False)
            if m.real_quick_ratio() >= SIMILAR and m.quick_ratio() >= SIMILAR and m.ratio() >= SIMILAR:
                return f, False
        return None, False


def run(doc, ctx):
    fragments = [f for f in dict.fromkeys(doc.continuations) if len(f) >= MIN_LEN]
    owners = _owners(doc, fragments)
    fragments = [f for f in fragments if owners[f] is not None]
    if not fragments:
        return
    similar = _Similar(fragments)
    containers = [(a.label, a.paragraphs, a) for a in doc.articles]
    containers += [(d.heading, d.paragraphs, None) for d in doc.divisions]
    containers.append(("序言", doc.preamble, None))
    for label, paras, art in containers:
        keep = []
        for p in paras:
            f, exact = similar.match(p.text) if p.kind == "para" else (None, False)
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
