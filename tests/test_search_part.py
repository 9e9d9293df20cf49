"""The search index part's fast helpers give what their plain definitions give: norm is
str.translate with the table, and the grams are every character and adjacent pair of each
line without those of only white space (written here line by line, as the index defines
them), on constructed texts and on every 10th corpus file."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.writers import search_index

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "lawrefbook"
TEXTS = ["", "\n", "a", "a\n", "\n\na b\u3000\n c\n", " \n\t", "x\r\ny\u2028z", "Ａｂ（第一条）\n\n\u3000\u3000第二条　ＡＢＣ",
         "".join(map(chr, range(0x20, 0x3100)))]


def _grams_by_line(text):
    grams = set()
    for line in text.split("\n"):
        for i, ch in enumerate(line):
            if not ch.isspace():
                grams.add(ch)
            pair = line[i:i + 2]
            if len(pair) == 2 and not pair.isspace():
                grams.add(pair)
    return grams


def _texts():
    files = sorted(CORPUS.rglob("*.md"))[::10] if CORPUS.exists() else []
    return TEXTS + [f.read_text(encoding="utf-8") for f in files]


def test_norm_is_the_table():
    every = "".join(map(chr, range(0x10000 - 0x800))) + "".join(map(chr, range(0xE000, 0x10000)))
    assert search_index.norm(every) == every.translate(search_index._NORM)
    for text in _texts():
        assert search_index.norm(text) == text.translate(search_index._NORM)


def test_grams_are_those_of_each_line():
    assert search_index._grams("ab\ncd") == {"a", "b", "ab", "c", "d", "cd"}
    for text in _texts():
        text = search_index.norm(text)
        assert search_index._grams(text) == _grams_by_line(text)
