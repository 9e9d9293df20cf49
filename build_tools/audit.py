"""Prove that nothing is lost: every character of a source reaches the model or a record.

For each source line, the text left after removing markup (Markdown syntax of the
reader that read it) must appear in the model elements that came from that line (title,
history, preamble, headings, labels, paragraphs, omitted contents lists), or the line
must be named by a problem record that says why its text was dropped (a repeated page,
an orphan fragment, a contents list).  Comparison ignores whitespace and the
half-width/full-width difference of the punctuation the repair transform changes, and the
characters Markdown uses as markers (# * _ ` > \\ | ~ -), which may be markup or text.

Independently of how the reader classified a line, a line that looks like structure (an
article label 第X条 at its start, a numbered heading 第X章/节/编, an unnumbered heading
总则/分则/附则, or an annex start 附件/附表/附录) must have its element in the model: an
article with that number, a division with that label or title, an annex division.  Text
kept only in a paragraph, a contents list or a record does not account for it.  The
patterns below are written here, not taken from the reader, so that one mistake cannot hide
in both.

A second check, `label_scan`, compares the article labels a plain scan of the source finds
with the model's articles, per document.
"""
from __future__ import annotations

import re

from .readers.blocks import image_placeholder
from collections import Counter

from . import numerals

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


_ANY_MARKUP = re.compile(r"[#*_\[\]!>\-+=<`\\|~]")


def strip_markup(line: str, markdown: bool) -> str:
    if not markdown:
        return line
    if not _ANY_MARKUP.search(line):
        return line.lstrip()      # no character any rule below acts on but leading space
    if MD_STRUCTURAL.match(line):
        return ""
    text = MD_PREFIX.sub("", line)
    text = re.sub(r"\s+#+\s*$", "", text)          # closing ATX hashes
    text = MD_LINK.sub(lambda m: image_placeholder(m.group(1), m.group(2)) if m.group(0).startswith("!")
                       else m.group(1) if m.group(1) == m.group(2) else m.group(1) + m.group(2), text)
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


def unaccounted(doc, structure: bool = True) -> list[tuple[int, str]]:
    """Source lines whose text is neither in the model nor named by a record, and (unless
    structure is False) lines that look like an article, a heading or an annex start whose
    element is not in the model (`unplaced`), in line order."""
    missing = _unaccounted_text(doc)
    if structure:
        seen = {n for n, _ in missing}
        missing += [(n, raw) for n, _, raw in unplaced(doc) if n not in seen]
        missing.sort()
    return missing


def _unaccounted_text(doc) -> list[tuple[int, str]]:
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
        if i in covered or not raw.strip():
            continue        # a blank line has no text to account for (norm drops white space)
        joined = "".join(by_line.get(i, ()))
        if joined and WS.sub("", raw) in joined:
            continue        # the line's literal text is in the model: nothing to normalise
        text = norm(strip_markup(raw, markdown))
        if not text:
            continue
        model = norm(joined)
        if text in model:
            continue
        # a heading's label and title, or an article label and its first paragraph
        if all(part in model for part in re.split(r"(?<=[条章节编])", text, maxsplit=1) if part):
            continue
        missing.append((i, raw))
    return missing


# --- structure by a plain scan of the source (independent of the reader) ------------------

NUM = r"[一二三四五六七八九十百千零〇两\d]+"
# 第十条 … ; also 第一百二十八 条侦查… (a space inside the label, the text glued to it)
SCAN_ARTICLE = re.compile(rf"^第[\s\u3000]*({NUM})(?:[\s\u3000]*条(?:之({NUM}))?(?=[\s\u3000]|$)"
                          rf"|[\s\u3000]+条(?![例款件约文目]))")
SCAN_HEADING = re.compile(rf"^第({NUM})(编|分编|章|节)(?=[\s\u3000]|$|(?!规定|的|所|中|至|和|或|及)[^条款项，。、；])")
SCAN_UNNUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、)?(总[\s\u3000]*则|分[\s\u3000]*则|附[\s\u3000]*则)$")
SCAN_ANNEX = re.compile(rf"^附[\s\u3000]*([件表录])[\s\u3000]*({NUM})?[\s\u3000]*(?:[:：]|$)")
INLINE_ARTICLE = re.compile(rf"(?<=[。；])[\s\u3000]*第({NUM})条(?:之({NUM}))?")
GLUED_ARTICLE = re.compile(rf"(?<=.)第({NUM})条(?:之({NUM}))?(?=[\s\u3000])")
NOSPACE = re.compile(r"[\s\u3000]+")
# A cheap first look: after Markdown's prefix characters, a line that can match one of the
# patterns above starts with one of SCAN_FIRST (or with markup the full strip must judge).
SCAN_SKIP = " \t\u3000>#*-+_=~`"
SCAN_FIRST = set("第总分附一二三四五六七八九十[\\<!")


def _number(text):
    try:
        return numerals.to_int(text)
    except ValueError:
        return None


def scan_line(raw: str, markdown: bool):
    """(kind, key) when a source line looks like structure, else None.
    kind: article (key (number, suffix)), heading (key '第三章'), unnumbered (key '附则'),
    annex (key (附件, number or None))."""
    head = raw.lstrip(SCAN_SKIP)[:1]
    if head not in SCAN_FIRST:
        # every pattern starts with one of these after the markup; a line of nothing but
        # markup characters and white space (a blank line) strips to none of them either
        return None
    text = strip_markup(raw, markdown).strip().lstrip("\u3000").strip()
    m = SCAN_ARTICLE.match(text)
    if m:
        number = _number(m.group(1))
        suffix = _number(m.group(2)) if m.group(2) else 0
        return ("article", (number, suffix)) if number is not None and suffix is not None else None
    m = SCAN_HEADING.match(text)
    if m and len(text) <= 60 and not re.search(r"[。；]", text):
        return "heading", f"第{m.group(1)}{m.group(2)}"
    m = SCAN_UNNUMBERED.match(text)
    if m:
        return "unnumbered", NOSPACE.sub("", m.group(1))
    m = SCAN_ANNEX.match(text)
    if m and len(text) <= 60:
        return "annex", ("附" + m.group(1), _number(m.group(2)) if m.group(2) else None)
    return None


KIND_NAMES = {"article": "条文", "heading": "章节标题", "unnumbered": "无编号的标题", "annex": "附件的开头"}


def omitted_lines(doc) -> set[int]:
    return {n for p in doc.omitted for n in p.lines}


def _model_structure(doc):
    articles = {a.key for a in doc.articles}
    labels = {NOSPACE.sub("", d.label) for d in doc.divisions}
    titles = {NOSPACE.sub("", d.title) for d in doc.divisions} | labels
    annexes = [d for d in doc.divisions if d.kind == "annex"]
    return articles, labels, titles, annexes


def _in_model(kind, key, model) -> bool:
    articles, labels, titles, annexes = model
    if kind == "article":
        return key in articles
    if kind == "heading":
        return key in labels
    if kind == "unnumbered":
        return key in titles
    word, number = key
    return any(word in d.label and (number is None or d.number == number) for d in annexes)


def unplaced(doc) -> list[tuple[int, str, str]]:
    """Source lines that look like an article, a heading or an annex start whose element is
    not in the model, whatever the reader took them for: (line, kind, text)."""
    markdown = doc.format != "plain-text"
    model = _model_structure(doc)
    # a heading listed in a contents list the model keeps as omitted text is no loss: the
    # contents list names it, and a chapter does not hold text; an article or an annex does,
    # so an article or annex line is never accounted for by a contents list
    contents = omitted_lines(doc)
    # an article of another law quoted inside an annex is annex text, and a record says so
    quoted = {n for d in doc.divisions if d.kind == "annex" for p in d.paragraphs for n in p.lines} \
        if any(p.code == "annex_quoted_articles" for p in doc.problems) else set()
    out = []
    body = False         # an annex follows the articles: 附件 above the title labels the file
    for i, raw in enumerate(doc.lines, start=1):
        found = scan_line(raw, markdown)
        if not found or found[0] == "annex" and not body:
            continue
        body = body or found[0] == "article"
        if found[0] in ("heading", "unnumbered") and (i in contents or not doc.articles):
            continue     # without articles the text is one page of paragraphs (no_articles)
        if found[0] == "article" and i in quoted:
            continue
        if not _in_model(*found, model):
            out.append((i, found[0], raw))
    return out


def label_scan(doc) -> tuple[Counter, Counter]:
    """Article labels by a plain scan of the source versus the model's articles, per document:
    (labels starting a source line that no article of the model has, articles of the model
    whose label starts no source line and follows no sentence end inside one), as counters of
    (number, suffix).  Only statute-style documents are compared."""
    if doc.style != "statute":
        return Counter(), Counter()
    markdown = doc.format != "plain-text"
    source = Counter()
    for raw in doc.lines:
        found = scan_line(raw, markdown)
        if found and found[0] == "article":
            source[found[1]] += 1
    model = Counter(a.key for a in doc.articles)
    inline = set()       # a label right after a sentence end inside a line: two articles run together
    for raw in doc.lines:
        text = strip_markup(raw, markdown).strip()
        # a label after a sentence end, or glued to the end of a heading line
        # (## 第五章 信息公开和公众参与第五十三条 …)
        pattern = GLUED_ARTICLE if SCAN_HEADING.match(text) else INLINE_ARTICLE
        for m in pattern.finditer(text):
            number, suffix = _number(m.group(1)), _number(m.group(2)) if m.group(2) else 0
            inline.add((number, suffix))
    src_keys, model_keys = set(source), set(model)
    return (Counter({k: source[k] for k in src_keys - model_keys}),
            Counter({k: model[k] for k in model_keys - src_keys - inline}))
