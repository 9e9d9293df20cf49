"""Prove that nothing is lost: every character of a source reaches the model or a record.

For each source line, the text left after removing markup (Markdown syntax of the
reader that read it) must appear in the model elements that came from that line (title,
history, preamble, headings, labels, paragraphs, omitted contents lists), or the line
must be named by a problem record that says why its text was dropped (a repeated page,
an orphan fragment, a contents list).  Comparison ignores whitespace and the
half-width/full-width difference of the punctuation the repair transform changes, and the
characters Markdown uses as markers (# * _ ` > \\ | ~ -), which may be markup or text.
"""
from __future__ import annotations

import re

FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
WS = re.compile(r"[\s\u3000]+")
MD_PREFIX = re.compile(r"^\s*(?:>\s?)*\s*(?:#{1,6}(?:\s+|$)|[-*+]\s+(?:\[[ x]\]\s+)?)?")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
MD_STRUCTURAL = re.compile(r"^\s*(?:<!--.*-->|-{3,}|\*{3,}|_{3,}|={3,})\s*$")
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


MARKUP_CHARS = re.compile(r"[#*_`>\\|~-]")


def norm(text: str) -> str:
    """Whitespace, punctuation width and Markdown's own characters do not count: a literal
    '#' or '__' that Markdown leaves as text and a stripped marker compare the same."""
    return MARKUP_CHARS.sub("", WS.sub("", text).translate(FULL))


def strip_markup(line: str, markdown: bool) -> str:
    if not markdown:
        return line
    if MD_STRUCTURAL.match(line):
        return ""
    text = MD_PREFIX.sub("", line)
    text = re.sub(r"\s+#+\s*$", "", text)          # closing ATX hashes
    text = MD_LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else m.group(1) + m.group(2), text)
    text = text.replace("**", "").replace("__", "")
    return MD_ESCAPE.sub(r"\1", text)


def attributed(doc) -> dict[int, list[str]]:
    """Source line -> model texts that came from it, in document order."""
    by_line: dict[int, list[str]] = {}

    def add(line, text):
        by_line.setdefault(line, []).append(text)

    for n in doc.title_lines:
        add(n, doc.title + doc.subtitle)
    for p in doc.history + doc.preamble:
        for n in p.lines:
            add(n, p.text)
    for d in doc.divisions:
        add(d.line, d.label + d.title)
        for p in d.paragraphs:
            for n in p.lines:
                add(n, p.text)
    for a in doc.articles:
        add(a.line, a.label)
        for p in a.paragraphs:
            for n in p.lines:
                add(n, p.text)
    for p in doc.omitted:
        for n in p.lines:
            add(n, p.text)
    return by_line


def unaccounted(doc) -> list[tuple[int, str]]:
    """Source lines whose text is neither in the model nor named by a record."""
    markdown = doc.format != "plain-text"
    by_line = attributed(doc)
    covered: set[int] = set()
    for p in doc.problems:
        if p.line and p.end_line:
            covered.update(range(p.line, p.end_line + 1))
    front = doc.meta.get("front_matter_lines")
    if front and "front_matter" in doc.meta:
        covered.update(range(front[0], front[1] + 1))
    missing = []
    for i, raw in enumerate(doc.lines, start=1):
        text = norm(strip_markup(raw, markdown))
        if not text or i in covered:
            continue
        model = norm("".join(by_line.get(i, [])))
        if text in model:
            continue
        # a heading's label and title, or an article label and its first paragraph
        if all(part in model for part in re.split(r"(?<=[条章节编])", text, maxsplit=1) if part):
            continue
        missing.append((i, raw))
    return missing
