"""Word boundaries for term links: is a match of a term a word of its sentence, or a piece of a
longer word (计[算力], 通[航标]准, 人[民防]空)?

jieba cuts the whole paragraph (HMM off: dictionary words only), with the site's defined terms
and document titles added to a private copy of its dictionary, so that 竞业限制 or
有毒污染物 are words.  A match of a term is a piece of a longer word when
- a word of the cut holds the whole term and more — unless that word is the term and other
  words of two or more characters: 发行[股票], 国家[标准], [节能]产品, 业主[大会] are uses of the
  term, 计[算力] (计 + 算力), 反[倾销], 动[植物], [档案]馆, [标准]化 are not;
- or the term's first characters end a word of the cut: 通[航标]准 (通航 / 标准), 人[民防]空 —
  unless that word is other words and the term's head: 有色[金属冶炼] (有色金属 / 冶炼),
  大中小[企业数据] (大中小企业 / 数据).
A word running on past the term's end alone (违法[建筑]物 cut 违法 / 建筑物) is not taken as
evidence: read by hand, most such cuts are jieba gluing the last character of a modifier to
the next word (docs-dev/citations.md).

jieba cuts a text block by block (runs of Han characters, letters and digits between punctuation),
so only the block holding a match is cut: the same words as cutting the whole paragraph, at a
third of the cost; and not even that block when no word of the dictionary runs across either
end of the match (then every cut has a boundary there).  The cut of a block is kept per text within the process (versions of one
instrument repeat most paragraphs).  `Segmenter.digest` names the dictionary: the pages depend on it.
"""
from __future__ import annotations

import hashlib
import logging
import re

from .cache import package_versions

# frequency given to a site word absent from jieba's dictionary (or rarer there): enough for
# 算力 to beat 总算 (1,164) in 总算力, and 非物质文化遗产 to beat 与非 (a word of logic) in
# 与非物质文化遗产; 计算力 stays one word (计 + 算力 would need a frequency of ~40,000);
# chosen on the corpus (docs-dev/citations.md)
SITE_FREQ = 1000
# the characters of one jieba block (jieba.re_han_default)
BLOCK_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]")


class Segmenter:
    """Cuts paragraphs into words; `words`: the site's terms and titles."""

    def __init__(self, words, freq: int = SITE_FREQ):
        self.words = sorted({w for w in words if w and len(w) >= 2})
        self.freq = freq
        self.digest = hashlib.sha256(repr((self.words, freq, package_versions(["jieba"]))).encode("utf-8")).hexdigest()
        self._tok = None
        self._longest = 1                   # the longest word of the dictionary
        self._cuts: dict[str, list] = {}

    def tokenizer(self):
        if self._tok is None:
            from .slugs import _tokenizer
            import jieba
            jieba.setLogLevel(logging.WARNING)
            base = _tokenizer()                 # jieba's dictionary, read once per process
            tok = jieba.Tokenizer()
            tok.FREQ, tok.total = dict(base.FREQ), base.total
            tok.initialized = True
            for w in self.words:
                if (tok.FREQ.get(w) or 0) < self.freq:
                    tok.add_word(w, self.freq)
            self._longest = max(map(len, tok.FREQ), default=1)
            self._tok = tok
        return self._tok

    def cuts(self, text: str) -> list[tuple[int, int]]:
        """The words of `text` as (start, end)."""
        got = self._cuts.get(text)
        if got is None:
            got, pos = [], 0
            for w in self.tokenizer().cut(text, HMM=False):
                got.append((pos, pos + len(w)))
                pos += len(w)
            self._cuts[text] = got
        return got

    def inside_word(self, text: str, start: int, end: int) -> bool:
        """Is text[start:end] a piece of a longer word of `text` (not a word, nor a compound
        of it and other words)?"""
        lo, hi = start, end
        while lo > 0 and BLOCK_CHAR.match(text[lo - 1]):
            lo -= 1
        while hi < len(text) and BLOCK_CHAR.match(text[hi]):
            hi += 1
        if not self._crossed(text, start, lo, hi) and not self._crossed(text, end, lo, hi):
            return False                # no word of the dictionary runs across either end
        words = [(a + lo, b + lo) for a, b in self.cuts(text[lo:hi])]
        for a, b in words:
            if b <= start:
                continue
            if a >= end:
                break
            if a <= start and b >= end and b - a > end - start:
                # the whole term inside a longer word: 计[算力], 反[倾销], [档案]馆, [标准]化 —
                # unless the word is the term and other words: 发行[股票], [能源]消耗
                rest = text[a:start] if b == end else text[end:b] if a == start else ""
                return not self._is_compound(rest)
            if a < start < b and not self._is_compound(text[a:start]):
                return True             # the term's first characters end a word: 通[航标]准
            # a word running on past the term's end alone (违法[建筑物], 节[能量]) is not
            # taken as evidence: jieba glues a modifier's last character to the next word
        return False

    def _crossed(self, text: str, pos: int, lo: int, hi: int) -> bool:
        """Does a word of the dictionary run across `pos` (within text[lo:hi])?  If none does,
        every cut jieba can make (its graph of dictionary words and single characters) has
        a boundary at `pos`: the cut itself is not needed."""
        if pos <= lo or pos >= hi:
            return False
        if text[pos - 1].isascii() and text[pos].isascii():
            return True                 # jieba joins runs of letters and digits
        freq = self.tokenizer().FREQ        # words, and every prefix of a word (frequency 0)
        for i in range(pos - 1, max(lo, pos - self._longest) - 1, -1):
            if text[i:pos] not in freq:
                continue
            for j in range(pos + 1, min(hi, i + self._longest) + 1):
                f = freq.get(text[i:j])
                if f is None:
                    break
                if f > 0:
                    return True
        return False

    def _is_compound(self, rest: str) -> bool:
        """Is `rest` (what a word holds besides the term) made of words of 2+ characters?"""
        if len(rest) < 2:
            return False
        return all(len(w) >= 2 for w in self.tokenizer().cut(rest, HMM=False))
