"""The reader's fast path (lines that can only be plain paragraphs skip markdown-it) gives
the blocks and records markdown-it's full parse gives: on constructed texts where a plain-
looking line sits inside a construct, and on every third corpus file."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.model import Document
from build_tools.readers import blocks

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "lawrefbook"

CASES = {
    "fence": "```\n\n第一条 甲\n\n```\n\n第二条 乙\n",
    "tilde fence, unclosed": "~~~\n\n第一条 甲\n\n第二条 乙\n",
    "html comment over blank lines": "<!--\n\n第一条 甲\n\n-->\n\n第二条 乙\n",
    "pre block": "<pre>\n\n第一条 甲\n\n</pre>\n",
    "list item continued after a blank line": "- 一\n\n  二\n\n三\n",
    "ordered list": "1. 一\n\n2. 二\n\n三\n",
    "front matter": "---\ntitle: x\n\n正文\n\n---\n\n第一条 甲\n",
    "ideographic space is no blank line": "甲\n\u3000\n乙\n\n丙\n",
    "leading ideographic spaces": "\n\u3000\u3000第一条\u3000内容\u3000\n\n",
    "indented code": "    代码\n\n正文\n\n    代码2\n",
    "blockquote": "> 引\n\n正文\n",
    "table": "| a | b |\n| - | - |\n| 1 | 2 |\n\n正文\n",
    "setext heading": "第一章\n===\n\n正文\n",
    "trailing white space": "正文  \n\n正文\t\n\n丙\x0b\n",
    "carriage returns": "甲\r\n\r\n乙\r\n",
    "no final newline": "正文",
    "empty": "",
    "nested too deep": ">" * 70 + " x\n\n正文\n",
    "image and link": "![图](a.png)\n\n见[网站](http://x.cn)\n\n正文\n",
}


def _both(text):
    slow_doc, fast_doc = Document(source="x", lines=[]), Document(source="x", lines=[])
    slow = blocks.parse_markdown(text, slow_doc, fast=False)
    fast = blocks.parse_markdown(text, fast_doc, fast=True)
    records = [[(p.code, p.message, p.line) for p in d.problems] for d in (slow_doc, fast_doc)]
    return slow, fast, records


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_path_same_blocks(name):
    slow, fast, (slow_records, fast_records) = _both(CASES[name])
    assert fast == slow
    assert fast_records == slow_records


def test_a_plain_line_inside_a_fence_stays_code():
    parsed, _ = blocks.parse_markdown(CASES["fence"])
    assert [(b.text, b.line, b.kind) for b in parsed] == [("第一条 甲", 3, "code"), ("第二条 乙", 7, "para")]


def test_plain_lines_are_found():
    lines = "# 标题\n\n第一条 甲\n\n第二条 乙:丙\n\n第三条 丁\n戊\n\n1．己\n".split("\n")
    assert blocks._plain_lines(lines) == [2]


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not present")
def test_fast_path_same_blocks_on_the_corpus():
    files = sorted(CORPUS.rglob("*.md"))[::3]
    different = [f for f in files if (lambda r: r[0] != r[1] or r[2][0] != r[2][1])(_both(f.read_text(encoding="utf-8")))]
    assert len(files) > 1000
    assert different == []
