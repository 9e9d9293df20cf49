"""Chinese numerals both ways (一千零二 <-> 1002), with the 之一 suffix of inserted articles.

Conversion itself is delegated to cn2an; this module adds caching, the variant
digits legal texts use (〇, 两) and the label forms 第…条 / 第…条之一.
"""
from __future__ import annotations

import re
from functools import lru_cache

import cn2an

CN_DIGITS = "零〇一二三四五六七八九十百千万亿两"
NUM = f"[{CN_DIGITS}]+|[0-9]+"
_VARIANTS = str.maketrans({"〇": "零", "两": "二"})


@lru_cache(maxsize=4096)
def to_int(text: str) -> int:
    """'一千零二' -> 1002, '12' -> 12. Raises ValueError for anything else."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text.translate(_VARIANTS), "strict"))
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"not a Chinese numeral: {text!r}") from exc


@lru_cache(maxsize=4096)
def to_chinese(number: int) -> str:
    """1002 -> '一千零二'."""
    if number < 0:
        raise ValueError("negative numbers are not article numbers")
    return cn2an.an2cn(number, "low")


def article_label(number: int, suffix: int = 0) -> str:
    """(12, 1) -> '第十二条之一' (the words are hierarchy.py's)."""
    from .hierarchy import article_name
    return article_name(number, suffix)


_LABEL = re.compile(rf"^第({NUM})条(?:之({NUM}))?$")


def parse_article_label(label: str) -> tuple[int, int]:
    """'第十二条之一' -> (12, 1)."""
    m = _LABEL.match(label.strip())
    if not m:
        raise ValueError(f"not an article label: {label!r}")
    return to_int(m.group(1)), (to_int(m.group(2)) if m.group(2) else 0)
