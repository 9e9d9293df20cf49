"""Python-Markdown made faster for the generated pages, with the same HTML: the inline patterns
the generated Markdown never uses are dropped, a pattern is not tried on a text that lacks
what every match of it contains, and the regular blocks are built by site_blocks.py.
REGSITE_FULL_MARKDOWN=1 turns all three off, REGSITE_PLAIN_BLOCKS=1 the last, and
tests/test_site.py checks that the HTML does not change.
"""
from __future__ import annotations

from markdown import inlinepatterns as ip
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# Inline patterns the generated Markdown never needs: it writes no reference, image or auto
# link.  Kept: backtick (file names), escape, link, linebreak, entity, em_strong (the home
# page's **状态**) and html: the comparison pages (新旧对照) mark changes with <del>, <ins>
# and <br> in table cells; source text never reaches it as HTML (markdown.escape turns < into &lt;).
UNUSED_INLINE = ("reference", "image_link", "image_reference", "short_reference",
                 "short_image_ref", "autolink", "automail")

# What a match of each of Python-Markdown's own inline patterns must contain (read off its
# regular expression), by the expression: a pattern whose expression is not listed here (a
# pattern of another extension, or a changed one) is always tried.
NEEDS = {ip.BACKTICK_RE: ("`",), ip.ESCAPE_RE: ("\\",), ip.LINK_RE: ("[",), ip.IMAGE_LINK_RE: ("![",),
         ip.AUTOLINK_RE: ("<",), ip.AUTOMAIL_RE: ("<",), ip.LINE_BREAK_RE: ("  \n",),
         ip.HTML_RE: ("<",), ip.ENTITY_RE: ("&",)}


def _needs(pattern) -> tuple[str, ...] | None:
    """The strings one of which every match of `pattern` contains, or None if not known."""
    if isinstance(pattern, ip.DelimiterProcessor):        # em_strong: its delimiters (* and _)
        return tuple(pattern.tokens) or None
    if isinstance(pattern, ip.InlineProcessor):
        return NEEDS.get(pattern.compiled_re.pattern)
    return None                                            # an old-style pattern: always tried


class _QuickInline(InlineProcessor):
    """Python-Markdown's inline processor, which tries every pattern on every text: where the
    text contains none of the strings a pattern's matches all contain, the pattern's search
    would find nothing and the processor would go on to the next one, which is what this one
    does without searching.  The patterns are also read from a list made once per page instead
    of the sorted registry at each step."""

    def run(self, tree, ancestors=None):
        self._patterns = list(self.inlinePatterns)
        self._pattern_needs = [_needs(p) for p in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        # InlineProcessor.__handleInline, with the test for a pattern that cannot match
        if isinstance(data, AtomicString):
            return data
        patterns, needs = self._patterns, self._pattern_needs
        apply = self._InlineProcessor__applyPattern
        start = 0
        count = len(patterns)
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and not any(s in data for s in need):
                patternIndex += 1       # what __applyPattern answers when nothing matches
                start = 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class LeanMarkdown(Extension):
    """Each page's text runs through 7 inline patterns, not 14, each tried only where it can
    match; with `blocks`, the page's regular blocks skip Python-Markdown's parser and inline
    processor (site_blocks.py)."""

    def __init__(self, blocks: bool = True, **kwargs):
        self.blocks = blocks
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        for name in UNUSED_INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
            md.treeprocessors.register(_QuickInline(md), "inline", 20)    # its place in Python-Markdown
        if self.blocks:
            from .site_blocks import Builder
            md.convert = Builder(md).convert
