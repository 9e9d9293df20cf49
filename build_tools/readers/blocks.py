"""The reader-neutral stream of text blocks (one per source line of text) that the grammar consumes."""
from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin


@dataclass
class Block:
    text: str          # the line's text, markup removed, escapes resolved
    line: int          # 1-based source line
    kind: str = "para" # heading | para | item | quote | html | code | table
    level: int = 0     # heading level, or list depth for items
    bold: str = ""     # text of a leading **bold** run, if the line starts with one
    all_bold: bool = False
    lines: list = field(default_factory=list)  # a table's row lines (its text: rows by \n, cells by \t)


MAX_NESTING = 60      # lists and quotes deeper than this are read flattened (see parse_markdown)
_MD = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).use(front_matter_plugin)
_MD.disable(["linkify", "reference"], ignoreInvalid=True)
_MD.enable("table")        # GFM pipe tables: a table is one block, not literal | … | lines
_FLATTEN = re.compile(r"^[ \t>]+")


def _too_deep(tokens) -> bool:
    """markdown-it silently drops everything after a block or inline nested MAX_NESTING deep:
    a token that close to the limit means the parse may have lost text."""
    for tok in tokens:
        if tok.level >= MAX_NESTING - 2:
            return True
        if tok.children and any(c.level >= MAX_NESTING - 2 for c in tok.children):
            return True
    return False


def _front_matter_end(lines) -> int:
    """The number of leading lines that are YAML front matter (kept as they are)."""
    if lines and lines[0].rstrip() == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip() in ("---", "..."):
                return i + 1
    return 0


# A character that may start markup or an escape inside a line (markdown-it's inline
# terminators, the table's |, and the \r and NUL its normalisation rewrites)
_NOT_PLAIN = re.compile(r"[!#$%&*+\-:<=>@\[\\\]^_`{}~|\r\x00]")


def _plain_lines(lines: list[str]) -> list[int]:
    """The 0-based numbers of the lines markdown-it can only read as a paragraph of one
    plain text run, unless an earlier construct that blank lines do not end (a fence, an HTML
    comment, front matter) holds them: a line between blank lines (spaces and tabs only, as
    CommonMark counts them) or the text's ends, not indented, not starting with a digit (an
    ordered list), with no character that starts markup (_NOT_PLAIN)."""
    n = len(lines)
    out = []
    for i, raw in enumerate(lines):
        if (not raw or raw[0] in " \t0123456789" or not raw.strip() or _NOT_PLAIN.search(raw)
                or (i and lines[i - 1].strip(" \t")) or (i + 1 < n and lines[i + 1].strip(" \t"))):
            continue
        out.append(i)
    return out


def parse_markdown(text: str, doc=None, fast: bool = True) -> tuple[list[Block], tuple[str, int, int] | None]:
    """Markdown -> blocks, plus the front matter (content, first line, last line) if any.

    A list or quote nested too deep for the parser is read with every line's indentation and
    quote markers removed (line numbers kept), and this is recorded on doc: the text reaches
    the model whatever the depth.

    fast: the lines that can only be plain paragraphs (_plain_lines, about half the lines of
    the corpus) become blocks directly, and markdown-it parses the text with them blanked;
    if any construct of that parse spans one of them (a fence or a comment holding it), or
    the parse comes near the nesting limit, the whole text is parsed as it is.  The blocks
    are the same either way (tests/test_blocks_fast.py compares both on the corpus)."""
    if fast and "\r" not in text and "\x00" not in text:
        lines = text.split("\n")
        plain = _plain_lines(lines)
        if plain:
            blanked = lines[:]
            for i in plain:
                blanked[i] = ""
            rest = "\n".join(blanked)
            try:
                tokens = _MD.parse(rest)
            except RecursionError:
                tokens = None
            if tokens is not None and not _too_deep(tokens) and not _spans(tokens, plain):
                blocks, front = _blocks(tokens, rest, doc)
                direct = [Block(lines[i].strip(), i + 1) for i in plain]
                return list(heapq.merge(blocks, direct, key=_line)), front
    try:
        tokens = _MD.parse(text)
        deep = _too_deep(tokens)
    except RecursionError:
        deep = True
    if deep:
        lines = text.split("\n")
        keep = _front_matter_end(lines)
        first = next((i + 1 for i, raw in enumerate(lines)
                      if len(raw) - len(raw.lstrip(" \t>")) >= MAX_NESTING - 2), None)
        text = "\n".join(raw if i < keep else _FLATTEN.sub("", raw) for i, raw in enumerate(lines))
        tokens = _MD.parse(text)
        if doc is not None:
            doc.report("nesting_too_deep", "warning",
                       f"原文的列表或引用嵌套过深（超过 {MAX_NESTING - 2} 层"
                       f"{f'，第{first}行起' if first else ''}），已去除各行的缩进和引用符号后按平铺文本读取，"
                       "文字未丢失，层次请核对原件", first)
    return _blocks(tokens, text, doc)


def _line(block: Block) -> int:
    return block.line


def _spans(tokens, plain: list[int]) -> bool:
    """Whether a top-level construct of the parse covers one of the (sorted) plain lines."""
    for tok in tokens:
        if tok.level == 0 and tok.map:
            k = bisect.bisect_left(plain, tok.map[0])
            if k < len(plain) and plain[k] < tok.map[1]:
                return True
    return False


def _blocks(tokens, text: str, doc) -> tuple[list[Block], tuple[str, int, int] | None]:
    """The blocks of markdown-it's tokens of text; images are recorded on doc."""
    source_lines = text.split("\n")
    blocks: list[Block] = []
    front = None
    context: list[str] = []          # enclosing block tokens
    heading_level = 0
    number = ""                      # an ordered list item's number is text, not markup
    rows: list[tuple[int, list[str]]] | None = None    # the table being read
    images: list[tuple[int, str]] = []
    for tok in tokens:
        t = tok.type
        if t == "table_open":
            rows = []
        elif t == "table_close":
            blocks.append(Block("\n".join("\t".join(c) for _, c in rows), rows[0][0], "table",
                                lines=[n for n, _ in rows]))
            rows = None
        elif rows is not None:
            if t == "tr_open":
                rows.append((tok.map[0] + 1, []))
            elif t == "inline":
                cell = "".join(b.text for b in _inline_blocks(tok, [], 0, source_lines))
                rows[-1][1].append(cell.replace("\t", " ").strip())
            continue
        if t == "front_matter":
            front = (tok.content, tok.map[0] + 1, tok.map[1])
        elif t.endswith("_open"):
            context.append(t[:-5])
            if t == "heading_open":
                heading_level = int(tok.tag[1])
            if t == "list_item_open" and tok.info:
                number = tok.info + tok.markup
        elif t.endswith("_close"):
            if context:
                context.pop()
        elif t == "inline":
            new = _inline_blocks(tok, context, heading_level, source_lines, images)
            if number and new:
                new[0].text = f"{number} {new[0].text}"
                number = ""
            blocks.extend(new)
        elif t in ("html_block", "code_block", "fence"):
            first = tok.map[0] + 1 + (1 if t == "fence" else 0)
            for i, raw in enumerate(tok.content.rstrip("\n").split("\n")):
                if raw.strip():
                    blocks.append(Block(raw.strip(), first + i, "html" if t == "html_block" else "code"))
        elif t == "hr":
            pass
    if images and doc is not None:
        for line, text in images:
            doc.report("image_omitted", "info",
                       f"第{line}行的图片未收录，原处以“{text}”标明", line)
    return blocks, front


def image_placeholder(alt: str, src: str) -> str:
    """The visible stand-in for an image the site does not carry: its alt text and address."""
    return f"〔图片：{alt}（{src}）〕" if alt else f"〔图片（{src}）〕"


def _inline_blocks(tok, context, heading_level, source_lines, images=None) -> list[Block]:
    if "heading" in context:
        kind, level = "heading", heading_level
    elif "list_item" in context:
        kind, level = "item", context.count("list_item")
    elif "blockquote" in context:
        kind, level = "quote", 0
    else:
        kind, level = "para", 0
    line = tok.map[0] + 1
    # markdown-it strips Unicode whitespace around a paragraph (a line holding only an
    # ideographic space is not blank to CommonMark): skip the lines that stripping removed
    while line < tok.map[1] and line - 1 < len(source_lines) and not source_lines[line - 1].strip():
        line += 1
    out: list[Block] = []
    parts: list[str] = []
    bold_parts: list[str] | None = None   # collecting a leading bold run
    bold = ""
    in_strong = 0
    lead_done = False
    href, link_start = "", 0

    def flush():
        nonlocal parts, bold, lead_done, bold_parts
        text = "".join(parts)
        if text.strip():
            stripped = text.strip()
            out.append(Block(stripped, line, kind, level, bold.strip(),
                             bool(bold) and bold.strip() == stripped))
        parts, bold, lead_done, bold_parts = [], "", False, None

    for child in tok.children or []:
        ct = child.type
        if ct in ("softbreak", "hardbreak"):
            flush()
            line += 1
            continue
        if ct == "strong_open":
            in_strong += 1
            if not lead_done and not "".join(parts).strip():
                bold_parts = []
            continue
        if ct == "strong_close":
            in_strong -= 1
            if bold_parts is not None and in_strong == 0:
                bold = "".join(bold_parts)
                bold_parts = None
                lead_done = True
            continue
        if ct == "link_close" and href and href != "".join(parts[link_start:]):
            content = href          # a link's address is part of what the source says
        elif ct == "link_open":
            href, link_start = child.attrs.get("href", ""), len(parts)
            continue
        elif ct in ("text", "code_inline", "html_inline"):
            content = child.content
        elif ct == "image":
            # an image (a ® sign, a diagram, a formula) is not carried: a placeholder with its
            # alt text and address stays in the sentence, and a record names it
            content = image_placeholder(child.content or "", child.attrs.get("src", ""))
            if images is not None:
                images.append((line, content))
        else:
            continue          # em/link/strike markers: markup, not text
        parts.append(content)
        if bold_parts is not None:
            bold_parts.append(content)
        elif content.strip():
            lead_done = True
    flush()
    return out


def plain_blocks(text: str) -> list[Block]:
    """Plain text: every non-blank line is a paragraph; nothing is markup."""
    return [Block(raw.strip(), i + 1) for i, raw in enumerate(text.split("\n")) if raw.strip()]
