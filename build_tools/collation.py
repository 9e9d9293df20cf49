"""Chinese reading order: titles and terms sorted as a Chinese index is, by pinyin syllable
(tone breaking ties), not by slug or code point."""
from __future__ import annotations

from functools import lru_cache

NATIONAL = "中华人民共和国"


@lru_cache(maxsize=65536)
def pinyin_key(text: str, drop_national: bool = True) -> tuple:
    """Sort key: the syllables with tone numbers (han -> 'han4'; other characters as they
    are, lower-cased), then the text itself so the order is total.  Titles are sorted without
    a leading 中华人民共和国, as indexes of laws do."""
    from pypinyin import Style, lazy_pinyin
    core = text.removeprefix(NATIONAL) if drop_national else text
    syllables = lazy_pinyin(core, style=Style.TONE3, neutral_tone_with_five=True, errors="default")
    return (tuple(s.lower() for s in syllables), text)
