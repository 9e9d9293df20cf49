"""Mint Akoma Ntoso style eIds, from numbering only (never from position or text).

Statutes:  chp_3, book_2__chp_1, chp_3__sec_2, art_31, art_12-1 (第十二条之一),
           art_8__para_2, art_8__para_2__point_1 (item （一）), …__point_1__point_2 (目 2．).
           An attached instrument whose numbering restarts at 第一条 is prefixed att_1__.
           附则/总则/分则 without a number: chp_final / chp_general / chp_special (or book_…).
           一、 … 十三、 headings of a judicial interpretation: part_1 … part_13.
           An annex after the articles (附件一, 附表二, 附录): att_1, its text att_1__para_3.
Measures:  part_2 (二、), part_2__subpart_1 (（一） group), part_2__art_7 (the measure
           numbered 7． or （七） in part 二、), part_2__art_7__para_1; text directly in a
           part or group: part_3__para_1, part_3__point_1 (an （一） paragraph).
Preamble:  preamble__para_1; history notes: preface__para_1.
Repeats:   a second article of one number in one run art_10-dup2; a second division or annex
           of one number with another title chp_3-2, att_1-2 (ordinal, never a source line).
Tables and footnotes (①) are no 款: art_8__table_1, art_452__note_1, preamble__table_1.
"""
from __future__ import annotations

PREFIX = {"book": "book", "subbook": "subbook", "chapter": "chp", "section": "sec",
          "part": "part", "subpart": "subpart"}


def enclosing(anchor: str):
    """The eId and every eId that contains it, innermost first: art_8__para_2__point_1,
    art_8__para_2, art_8 (eIds nest by __)."""
    while anchor:
        yield anchor
        anchor = anchor.rsplit("__", 1)[0] if "__" in anchor else ""


def owner(anchor: str) -> str:
    """The article (or division) a paragraph or item eId belongs to: art_8__para_2 -> art_8."""
    return anchor.split("__para")[0]


def occurrence(n: int) -> str:
    """A heading occurrence while the grammar reads (structure.py); the divisions transform
    merges occurrences into divisions and gives those their eIds.  Never published."""
    return f"_occ{n}"


def repeated(anchor: str, taken) -> str:
    """A second division or annex with the same number and a different title: chp_3-2, att_1-2
    (the n-th of that number, never a source line)."""
    n = 2
    while f"{anchor}-{n}" in taken:
        n += 1
    return f"{anchor}-{n}"


def duplicate(anchor: str, taken) -> str:
    """A second article with the same number in one numbering run: art_10-dup2, art_10-dup3
    (the n-th article of that number; -2 would read as 之二)."""
    n = 2
    while f"{anchor}-dup{n}" in taken:
        n += 1
    return f"{anchor}-dup{n}"


def _seq(seq: int) -> str:
    return f"att_{seq}__" if seq else ""


def division(unique) -> str:
    parts = []
    u = unique
    while u is not None:
        parts.append(f"{PREFIX[u.div.kind]}_{u.div.name or u.div.number}")
        u = u.parent
    return _seq(unique.seq) + "__".join(reversed(parts))


def annex(d) -> str:
    """附件一 / 附表2 / 附录 (the n-th unnumbered one): att_1, att_2, att_n."""
    return f"att_{d.number}"


def measure_division(d) -> str:
    own = f"{PREFIX[d.kind]}_{d.number}"
    return f"part_{d.part.number}__{own}" if d.kind == "subpart" else own


def article(a, style: str) -> str:
    own = f"art_{a.number}" + (f"-{a.suffix}" if a.suffix else "")
    if style == "measures":
        return f"part_{a.part.number}__{own}"
    return _seq(a.seq) + own


def paragraphs(owner: str, paras) -> list[str]:
    """Give each paragraph/item its eId; returns ids that had to be disambiguated."""
    para = 0
    item_base = owner
    item = None
    seen: set[str] = set()
    clashes = []
    own = {"table": 0, "footnote": 0}      # tables and notes are no 款: counted apart
    for p in paras:
        if p.kind in own:
            own[p.kind] += 1
            anchor = f"{owner}__{'table' if p.kind == 'table' else 'note'}_{own[p.kind]}"
        elif p.kind == "item":
            anchor = f"{item_base}__point_{p.number}"
            item = anchor
        elif p.kind == "subitem" and item:
            anchor = f"{item}__point_{p.number}"
        else:
            para += 1
            anchor = f"{owner}__para_{para}"
            item_base, item = anchor, None
        if anchor in seen:
            clashes.append(anchor)
            n = 2
            while f"{anchor}-{n}" in seen:
                n += 1
            anchor = f"{anchor}-{n}"
        seen.add(anchor)
        p.anchor = anchor
    return clashes
