"""Article alignment between two texts of one work (新旧对照), by text, not by number.

difflib (stdlib) does the sequence and character work; this module only decides which
article of the old text became which article of the new one:

1. identical texts are pairs (a renumbered article with unchanged text included);
2. of the rest, pairs are taken greedily by difflib's similarity ratio, best first, while
   the ratio is at least THRESHOLD; an article left over was deleted (old) or added (new);
3. a pair out of order with the others (not on their longest increasing run) was moved.
"""
from __future__ import annotations

import difflib
from bisect import bisect_left
from dataclasses import dataclass
from typing import Optional

THRESHOLD = 0.5
PREFILTER = 0.25     # share of distinct character pairs in common below which no ratio is computed


def _bigrams(text: str) -> set:
    return {text[k:k + 2] for k in range(len(text) - 1)}


@dataclass
class Pair:
    old: Optional[object]          # model.Article of the old text, None when added
    new: Optional[object]          # model.Article of the new text, None when deleted
    kind: str                      # same | changed | added | deleted
    ratio: float = 1.0
    moved: bool = False

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.key != self.new.key


def align(old_articles, new_articles) -> list[Pair]:
    """Pairs in the new text's order, deleted articles placed after their old predecessor's pair."""
    old_t = [a.text() for a in old_articles]
    new_t = [a.text() for a in new_articles]
    match: dict[int, tuple[int, float]] = {}           # old index -> (new index, ratio)
    free_new = set(range(len(new_t)))
    by_text: dict[str, list[int]] = {}
    for j, t in enumerate(new_t):
        by_text.setdefault(t, []).append(j)
    for i, t in enumerate(old_t):
        cands = [j for j in by_text.get(t, ()) if j in free_new]
        if cands and t:
            j = min(cands, key=lambda j: abs(j - i))
            match[i] = (j, 1.0)
            free_new.discard(j)
    rest_old = [i for i in range(len(old_t)) if i not in match]
    # a cheap bound first: texts sharing few character pairs cannot reach the threshold's
    # neighbourhood (set intersection in C; SequenceMatcher only for the candidates left)
    grams_new = {j: _bigrams(new_t[j]) for j in free_new}
    scored = []
    for i in rest_old:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(old_t[i])
        gi = _bigrams(old_t[i])
        for j in free_new:
            gj = grams_new[j]
            if len(gi & gj) < PREFILTER * max(len(gi), len(gj), 1):
                continue
            sm.set_seq1(new_t[j])
            if sm.real_quick_ratio() < THRESHOLD or sm.quick_ratio() < THRESHOLD:
                continue
            r = sm.ratio()
            if r >= THRESHOLD:
                scored.append((-r, abs(i - j), i, j))
    scored.sort()
    for neg, _, i, j in scored:
        if i in match or j not in free_new:
            continue
        match[i] = (j, -neg)
        free_new.discard(j)
    moved = _out_of_order(sorted((i, j) for i, (j, _) in match.items()))
    pairs_by_new: dict[int, Pair] = {}
    for i, (j, r) in match.items():
        kind = "same" if old_t[i] == new_t[j] else "changed"
        pairs_by_new[j] = Pair(old_articles[i], new_articles[j], kind, r, (i, j) in moved)
    out: list[Pair] = []
    deleted_after: dict[int, list[Pair]] = {}
    for i in range(len(old_t)):
        if i not in match:
            # after the pair of the nearest earlier old article that has one
            k = i - 1
            while k >= 0 and k not in match:
                k -= 1
            anchor = match[k][0] if k >= 0 else -1
            deleted_after.setdefault(anchor, []).append(Pair(old_articles[i], None, "deleted", 0.0))
    out += deleted_after.get(-1, [])
    for j in range(len(new_t)):
        out.append(pairs_by_new.get(j) or Pair(None, new_articles[j], "added", 0.0))
        out += deleted_after.get(j, [])
    return out


def _out_of_order(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Pairs (sorted by old index) not on a longest run increasing in the new index."""
    if not pairs:
        return set()
    tails: list[int] = []          # new index ending the best run of each length
    tail_at: list[int] = []        # position in pairs of that end
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        prev[k] = tail_at[pos - 1] if pos else -1
    keep = set()
    k = tail_at[-1]
    while k != -1:
        keep.add(k)
        k = prev[k]
    return {p for k, p in enumerate(pairs) if k not in keep}


def counts(pairs: list[Pair]) -> dict[str, int]:
    return {
        "same": sum(1 for p in pairs if p.kind == "same"),
        "renumbered": sum(1 for p in pairs if p.kind == "same" and p.renumbered),
        "changed": sum(1 for p in pairs if p.kind == "changed"),
        "added": sum(1 for p in pairs if p.kind == "added"),
        "deleted": sum(1 for p in pairs if p.kind == "deleted"),
        "moved": sum(1 for p in pairs if p.moved),
    }


def char_diff(old: str, new: str) -> list[tuple[str, str, str]]:
    """(tag, old piece, new piece) with tag equal | replace | delete | insert."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes()]
