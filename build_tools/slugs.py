"""Readable, stable ASCII slugs from titles (贵阳市算力产业促进条例 -> guiyangshi-suanli-chanye-cujin-tiaoli).

Words come from jieba's default dictionary only (a private tokenizer, unaffected by the
site's user dictionary), syllables from pypinyin, so a slug depends on the title alone.
Titles that collide get a short hash of their source file name.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MAX_LEN = 80
FILLER = {"de", "guanyu", "he", "yu"}   # 的 关于 和 与: dropped to keep slugs short


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@dataclass
class Memo:
    """Slugs of titles and terms, and jieba word frequencies, computed by earlier builds: a
    rebuild needs neither jieba's dictionary nor pypinyin for what it has seen before.  Owned
    by the build (stages.Build.memo: loaded by the load stage, saved by the write stage) and
    handed to whatever computes slugs or frequencies during it; a plain function of its inputs
    otherwise (base_slug, word_freq below)."""
    slugs: dict[str, str] = field(default_factory=dict)    # title or term -> base slug
    freq: dict[str, int] = field(default_factory=dict)     # word -> word_freq

    @classmethod
    def load(cls, path) -> "Memo":
        from .cache import load_pickle
        kept = load_pickle(path)
        return cls(dict(kept[0]), dict(kept[1])) if kept else cls()

    def save(self, path) -> None:
        from .cache import save_pickle
        save_pickle(path, (self.slugs, self.freq))

    def base_slug(self, title: str) -> str:
        slug = self.slugs.get(title)
        if slug is None:
            slug = self.slugs[title] = base_slug(title)
        return slug

    def word_freq(self, word: str) -> int:
        n = self.freq.get(word)
        if n is None:
            n = self.freq[word] = word_freq(word)
        return n


def word_freq(word: str) -> int:
    """Frequency of a word in jieba's general dictionary (0 when absent)."""
    return _tokenizer().FREQ.get(word) or 0


def preload() -> None:
    """Load jieba's dictionary and pypinyin's tables now (before worker processes are forked,
    which then share them instead of loading their own)."""
    from pypinyin import Style, lazy_pinyin
    _tokenizer()
    lazy_pinyin("中文", style=Style.NORMAL, errors="ignore")


def base_slug(title: str) -> str:
    from pypinyin import Style, lazy_pinyin
    words = []
    for w in _tokenizer().cut(title):
        if re.fullmatch(r"[\u4e00-\u9fff]+", w):
            words.append("".join(lazy_pinyin(w, style=Style.NORMAL, errors="ignore")))
        else:
            ascii_part = re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-")
            if ascii_part:
                words.append(ascii_part)
    slug = "-".join(w for w in words if w and w not in FILLER)
    slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "", slug)).strip("-")
    if len(slug) > MAX_LEN:
        slug = slug[:MAX_LEN].rsplit("-", 1)[0]
    return slug or "document"


def short_hash(source: str, parts: int = 1) -> str:
    key = "/".join(Path(source).parts[-parts:])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]


def assign(docs, memo: Memo | None = None) -> None:
    """Give every document a unique slug: base slug, plus a hash of the file name on collision.
    The base slugs computed where the documents were read go into the build's memo."""
    memo = memo if memo is not None else Memo()
    bases = []
    for d in docs:
        text = d.title + (d.subtitle or "")
        known = d.derived.base_slug      # computed where the document was read
        if known:
            memo.slugs.setdefault(text, known)      # remembered: a rebuild needs no jieba for it
        bases.append(known or memo.base_slug(text))
    for d, slug in zip(docs, unique([(b, d.source) for b, d in zip(bases, docs)])):
        d.slug = slug


def unique(items) -> list[str]:
    """The slug of each (base slug, source path) of a collection: the base slug when no other
    item has it, else base-HASH, HASH from the file name (then folder/name, then the whole
    path, while two colliding items still agree).  It depends on the set of items, not on
    their order: a hashed slug stays as long as the file name and the collision do."""
    slugs = [b for b, _ in items]
    for parts in (1, 2, 99):       # file name; then folder/name; then the whole path
        taken: dict[str, list] = {}
        for i, s in enumerate(slugs):
            taken.setdefault(s, []).append(i)
        clashes = [m for m in taken.values() if len(m) > 1]
        if not clashes:
            break
        for members in clashes:
            for i in members:
                base, source = items[i]
                slugs[i] = f"{base}-{short_hash(source, parts)}"
    return slugs
