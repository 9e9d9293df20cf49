"""The block builder (build_tools/site_blocks.py) gives Python-Markdown's own HTML and table of
contents: on every pair of inline pieces in each kind of block it builds, on the block sequences
where a block continues the one before it (lists after blank lines, indented code, admonitions,
quotes, blank lines), and on the seed pages; and it builds the regular blocks itself.
tests/test_site.py compares whole sites built with and without it (MkDocs's link rewriting
included); docs-dev/benchmarks.md records the comparison on a tenth of the corpus."""
import itertools
from pathlib import Path

import markdown
import pytest

from build_tools import site_blocks
from build_tools.site_markdown import LeanMarkdown

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = ["attr_list", "tables", "admonition", "pymdownx.details", "toc"]
CONFIG = {"toc": {"permalink": False, "marker": ""}}

PIECES = ["第一条", "[词](chp_1.md#art_1__para_2 \"词，是指*某物*。\"){ .term }", "*强调*", "**状态**",
          "**现行有效**{ .status .status-valid data-expires=\"\" }", "**（本页）**", "_下划_", "a_b_c",
          "`文件_名.md`", "`a|b`", "\\*", "\\\\", "\\#", "\\|", "\\=", "&amp;", "&lt;", "&#12345;", "& 与",
          "&copy;", "<del>删</del>", "<br>", "a < b", "  \n", "\n", "[不是链接]", "[链](x.md)",
          "[链](../y/chp_2.md#art_3 \"标题（一）\n（二）(三)\"){ .xref .cite }", "[链](x.md \"a'b\")",
          "[链](x.md \"`c`\")", "[链](x.md){ #id .c }", "{: #art_3__para_1 }", "（一）", "***三***", "* 列",
          "`", "]:", "1. 项", "　全角空格", "{ .x }", "\x02", "!["]


def _convert(text: str, blocks: bool):
    md = markdown.Markdown(extensions=[*EXTENSIONS, LeanMarkdown(blocks=blocks)],
                           extension_configs=CONFIG)
    return md.convert(text), md.toc_tokens, md.toc


@pytest.fixture
def built(monkeypatch):
    """How many blocks the builder built itself (not through Python-Markdown)."""
    count = [0]
    block = site_blocks.Builder.block

    def counted(self, *args):
        element = block(self, *args)
        count[0] += 1
        return element
    monkeypatch.setattr(site_blocks.Builder, "block", counted)
    return count


def _same(texts):
    return [t for t in texts if _convert(t, True) != _convert(t, False)]


def test_pairs_of_inline_pieces_in_every_block_kind(built):
    """Every pair in a paragraph; every piece beside a link and beside plain text in the
    other kinds of block."""
    texts = [f"前{a}中{b}后\n{{: #p .c }}" for a, b in itertools.product(PIECES, repeat=2)]
    for a, b in itertools.product(PIECES, [PIECES[0], PIECES[1], PIECES[4]]):
        for a, b in ((a, b), (b, a)):
            texts += [f"| 甲 | 乙 |\n| --- | --- |\n| {a} | {b} |\n| x {{: #t }} | |",
                      f"### 第{a}条{b} {{#art_9 .article data-cite=\"第九条\" data-toc-label=\"第九条{b}\"}}",
                      f"# {a}{b}\n\n## {b}",
                      f"- {a}\n    - {b}\n- {b}{a}",
                      f"!!! note \"说明{a}\"\n\n    - {b}",
                      f"??? quote cited-by \"被引用{b}\"\n\n    - {a}"]
    assert _same(texts) == []
    assert built[0] > len(texts) / 4          # the regular ones were built, not parsed


BLOCK_SEQUENCES = [
    "- a\n\n- b", "- a\n\n    - b\n\n- c", "# h\n\n- a\n- b\n\n- c", "段\n\n- a\n\n段",
    "- a\n\n\n\n- b", "1. a\n\n- b", "- a\n\n1. b", "* a\n\n- b", "段\n\n    code\n\n\n\n    more",
    "    code\n\n\n段", "> q\n\n> r", "> q\n\n段", "!!! note \"t\"\n\n    - a\n\n    - b",
    "!!! note \"t\"\n\n    - a\n\n\n\n段", "!!! note\n\n    段\n\n    段", "!!! note \"\"\n\n    - a",
    "!!! note \"t\"\n    - a", "!!! note \"t\"\n\n    - a\n        - b", "???+ note \"t\"\n\n    - a",
    "??? note\n\n    - a", "??? note \"# t\"\n\n    - a", "??? quote cited-by \"被引用（2）\"\n\n    - a\n\n    - b",
    "- a\n\n    code?", "段\n段二\n- 非列\n# 标题", "段\n===", "段\n---", "---", "***", "| a | b |\n| --- |",
    "| a | b |\n| --- | --- |", "| a |\n| --- |\n| x |", "a | b\n--- | ---\n1 | 2", "\n\n\n# h\n\n\n段\n\n\n",
    "# h #", "# h \\#", "# h {#x}", "# h # {#x}", "###### h", "####### h", "#h", "段 \n尾", "段\t尾",
    "[id]: http://x\n\n段", "段\n{: #a }\n{: #b }", "段\n{: #a } }", "段\n{:}", "段\n{: #a.b }",
    "- a {: #x }", "- a\n{: #x }", "段\r\n段", "# 第一条\n\n# 第一条\n\n## _1",
]


def test_block_sequences_give_python_markdowns_html():
    assert _same(BLOCK_SEQUENCES) == []


def test_the_seed_pages_give_python_markdowns_html(built):
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 30
    texts = [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in pages]
    assert _same(texts) == []
    assert built[0] > 500
