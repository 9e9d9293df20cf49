"""The lean Markdown of the site (build_tools/site_markdown.py) gives Python-Markdown's own HTML.

tests/test_site.py compares whole sites built both ways on the seeds; here the inline
processor that skips patterns which cannot match meets the texts where a skipped pattern
could go wrong: every character that starts a pattern, alone, doubled, escaped, inside links,
titles and attribute lists, next to the placeholders of earlier patterns."""
import itertools

import markdown

from build_tools.site_markdown import LeanMarkdown, _QuickInline

EXTENSIONS = ["attr_list", "tables", "admonition", "pymdownx.details", "toc"]

PIECES = ["第一条", "[词](chp_1.md#art_1__para_2 \"词，是指*某物*。\"){ .term }", "*强调*", "**状态**",
          "_下划_", "__粗__", "a_b_c", "`文件_名.md`", "\\*", "\\\\", "&amp;", "&#12345;", "& 与",
          "<del>删</del>", "<ins>增</ins>", "<br>", "a < b", "  \n", "\n", "[不是链接]", "[链](x.md)",
          "{: #art_3__para_1 }", "（一）", "***三***", "* 列", "`"]


def _plain(text: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS)
    for name in ("reference", "image_link", "image_reference", "short_reference",
                 "short_image_ref", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    return md.convert(text)


def _lean(text: str) -> str:
    md = markdown.Markdown(extensions=[*EXTENSIONS, LeanMarkdown()])
    assert type(md.treeprocessors["inline"]) is _QuickInline
    return md.convert(text)


def test_pairs_of_inline_pieces_give_python_markdowns_html():
    differ = []
    for a, b in itertools.product(PIECES, repeat=2):
        text = f"前{a}中{b}后\n{{: #p }}\n\n| 甲 | 乙 |\n| --- | --- |\n| {a} | {b} |\n\n### 第{a}条 {{#art_9}}\n"
        if _lean(text) != _plain(text):
            differ.append(text)
    assert differ == []


def test_a_generated_chapter_gives_python_markdowns_html():
    text = "\n\n".join(f"### 第{i}条 {{#art_{i} .article data-cite=\"第{i}条\"}}\n\n"
                       + " ".join(PIECES[i % len(PIECES):] + PIECES[:i % len(PIECES)])
                       + f"\n{{: #art_{i}__para_1 }}" for i in range(1, 40))
    assert _lean(text) == _plain(text)
