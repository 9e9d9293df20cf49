"""Document model -> clean Markdown pages: a landing page and one page per chapter (or 措施 part).

Markdown stays plain (headings, paragraphs, links) plus attr_list ids, so the text reads
cleanly on a code host and any MkDocs-compatible renderer can build it.  Source text is
escaped: nothing in a regulation is ever interpreted as Markdown, HTML or a template.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import json

from .. import hierarchy
from ..model import Article, Division, Document, Paragraph

STATUS_CLASS = {"有效": "valid", "现行有效": "valid", "已失效": "expired", "已废止": "expired",
                "已被修订": "superseded", "已被修正": "superseded", "已被修改": "superseded",
                "尚未施行": "pending", "尚未生效": "pending", "征求意见稿": "draft",
                "草案": "draft", "送审稿": "draft", "公开征求意见稿": "draft", "征求意见已截止": "draft"}
IN_FORCE = ("现行有效", "有效")       # versions.py's word, and a front matter's
DATE_NAMES = [("passed", "通过日期"), ("approved", "批准日期"), ("amended", "最近修改日期"),
              ("published", "公布日期"), ("effective", "施行日期"), ("expires", "失效日期"),
              ("comment_deadline", "意见截止日期")]
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "说明"}


# ---------------------------------------------------------------- escaping

_INLINE = re.compile(r"([\\`*_\[\]{}])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>|]|\d+[.)])", re.M)


_NEEDS_ESCAPE = re.compile(r"[&<>\\`*_\[\]{}#+\-=|]|^\s*\d+[.)]", re.M)


def escape(text: str) -> str:
    """Source text -> Markdown that renders exactly that text."""
    if not _NEEDS_ESCAPE.search(text):      # most regulation text: nothing to escape
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_line_start, text)


def _line_start(m) -> str:
    """A line-start marker made literal: a backslash where Python-Markdown takes one (# + - > |,
    the . or ) of 1.), a character reference for = (a setext underline; Python-Markdown does not
    take \\= as an escape and would show the backslash)."""
    space, mark = m.group(1), m.group(2)
    if mark[0] == "=":
        return space + "&#61;"
    if mark[0] in "#+->|":
        return space + "\\" + mark
    return space + mark[:-1] + "\\" + mark[-1]


def theme_text(text: str) -> str:
    """Text for places the theme prints without escaping (page and navigation titles: the
    header, the navigation, the footer links): &, <, > and quotes as character references."""
    return html.escape(text, quote=True)


def attr_value(text: str) -> str:
    return text.replace('"', "＂").replace("}", "｝").replace("\n", " ")


def link_title(text: str, limit: int = 240) -> str:
    text = text if len(text) <= limit else text[:limit] + "…"
    return text.replace('"', "＂").replace("\\", "＼")


# ---------------------------------------------------------------- pages

@dataclass
class Page:
    name: str                      # file stem, derived from an anchor (chp_3, part_2, text)
    title: str
    division: Division | None
    articles: list[Article] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)   # shown at the top, in Chinese


def plan(doc: Document) -> list[Page]:
    """Which article goes on which page: one page per chapter (措施: per 一、 part), then one
    page per annex (附件一 …)."""
    annexes = [Page(d.anchor, d.heading, d) for d in doc.divisions if d.kind == "annex"]
    return _article_pages(doc) + annexes


def _article_pages(doc: Document) -> list[Page]:
    chapters = doc.chapters
    if not chapters:
        page = Page("text", "正文", None, list(doc.articles))
        return [page] if doc.articles or doc.style == "plain" else []
    pages = {c.anchor: Page(c.anchor, c.heading, c) for c in chapters}
    order = [c.anchor for c in chapters]
    loose: list[Article] = []
    for a in doc.articles:
        if a.chapter in pages:
            pages[a.chapter].articles.append(a)
        else:
            loose.append(a)
    if loose:
        _place_loose(doc, chapters, pages, order, loose)
    return [pages[n] for n in order]


def _place_loose(doc, chapters, pages, order, loose):
    """Articles whose chapter is unknown go, in order, on the page of the chapter whose
    start is unknown and that lies among them; failing that, on a page of their own."""
    unknown = [c for c in chapters if not c.start_known]
    runs: list[list[Article]] = []
    for a in loose:
        if runs and doc.articles.index(a) == doc.articles.index(runs[-1][-1]) + 1:
            runs[-1].append(a)
        else:
            runs.append([a])
    for run in runs:
        labels = f"{run[0].label}至{run[-1].label}" if len(run) > 1 else run[0].label
        host = unknown.pop(0) if unknown else None
        if host is None:
            name = f"unassigned_{run[0].anchor}"
            pages[name] = Page(name, "章节不明的条文", None)
            order.insert(_insert_at(doc, order, pages, run[0]), name)
            host_page = pages[name]
            host_page.notices.append(f"{labels}在原文中位于第一个章节标题之前或章节归属无法确定。")
        else:
            host_page = pages[host.anchor]
            host_page.notices.append(
                f"原文中{host.heading}的起始条文无法确定。下列{labels}属于本章或前一章，"
                f"原文无法确定，本站未作推测；详见本文件的“来源说明”。")
        host_page.articles[:0] = run


def _insert_at(doc, order, pages, article):
    for i, name in enumerate(order):
        arts = pages[name].articles
        if arts and doc.articles.index(arts[0]) > doc.articles.index(article):
            return i
    return len(order)


def body(doc: Document) -> list:
    """The paragraphs before the articles that are text of the document (not its status line)."""
    return [p for p in doc.preamble if p.kind not in ("status", "label")]


def text_only(pages: list[Page]) -> bool:
    """A document without articles: its whole text is the 正文 page (see chapter_page)."""
    return len(pages) >= 1 and pages[0].name == "text" and not pages[0].articles


def page_map(doc: Document, pages: list[Page]) -> dict[str, str]:
    """anchor -> page name, for articles, divisions and (via prefix) their paragraphs."""
    where: dict[str, str] = {"preamble": "text"} if text_only(pages) else {}
    for page in pages:
        if page.division is not None:
            where[page.division.anchor] = page.name
        for a in page.articles:
            where[a.anchor] = page.name
    for d in doc.divisions:
        if d.anchor not in where:
            first = next((a for a in doc.articles if a.division == d.anchor or
                          (a.division or "").startswith(d.anchor + "__")), None)
            parent = where.get(d.parent) if d.parent else None
            where[d.anchor] = where.get(first.anchor) if first else parent or "index"
    return where


def locate(where: dict[str, str], anchor: str) -> str:
    """The page holding an anchor: its own entry, or that of the nearest enclosing eId."""
    from .. import eids
    return next((where[probe] for probe in eids.enclosing(anchor) if probe in where), "index")


# ---------------------------------------------------------------- text with links

class Linker:
    """Turns a span's target into a relative .md link from a given page."""

    def __init__(self, site_pages: dict[str, dict[str, str]], cited_by: dict | None = None,
                 related: dict | None = None):
        self.site_pages = site_pages          # slug -> page_map
        self.cited_by = cited_by or {}        # slug -> {article anchor: [(document, article)]}
        self.related = related or {}          # title -> [(group, [documents])]
        self.titled: dict[str, str] = {}      # href -> title of its first term link on this page

    def new_page(self) -> "Linker":
        """A page writes a link's title (a definition can be long) only where it differs from
        that of the page's first link to the same target; regsite.js copies the first link's
        title to the others."""
        self.titled = {}
        return self

    def href(self, from_slug: str, target: tuple[str, str]) -> str | None:
        slug, anchor = target
        slug = slug or from_slug
        if slug == "glossary":
            return f"../glossary.md#{anchor}"
        where = self.site_pages.get(slug)
        if where is None:
            return None
        page = locate(where, anchor) if anchor else "index"
        path = f"{page}.md" if slug == from_slug else f"../{slug}/{page}.md"
        return f"{path}#{anchor}" if anchor else path


def render_text(p: Paragraph, slug: str, linker: Linker | None) -> str:
    if not p.spans or linker is None:
        return escape(p.text)
    out, pos = [], 0
    for s in sorted(p.spans, key=lambda s: s.start):
        if s.start < pos or s.end > len(p.text):
            continue
        href = linker.href(slug, s.target)
        out.append(escape(p.text[pos:s.start]))
        inner = escape(p.text[s.start:s.end])
        if href is None:
            out.append(inner)
        else:
            title = s.title
            if s.kind == "term_external" and s.source_title:
                # another instrument's definition: a reference, not this text's meaning
                title = f"参考《{s.source_title}》的定义（只适用于该文件）：{s.title}"
            cls = {"term": ".term", "term_external": ".term .term-external", "ref": ".xref",
                   "doc": ".doclink", "cite": ".xref .cite"}.get(s.kind, "")
            if s.kind == "cite" and s.title.startswith("〔注意："):
                cls += " .cite-other-version"
            title = link_title(title) if title else ""
            if title and s.kind in ("term", "term_external"):
                first = linker.titled.get(href)
                if first is None:
                    linker.titled[href] = title
                elif first == title:
                    title = ""
            t = f' "{title}"' if title else ""
            out.append(f"[{inner}]({href}{t}){{ {cls} }}")
        pos = s.end
    out.append(escape(p.text[pos:]))
    return "".join(out)


def table_md(p: Paragraph) -> str:
    """A table paragraph (rows by \n, cells by \t; the first row is the header) as a Markdown
    pipe table, its eId on the first header cell (attr_list).  Cells are escaped text (a
    reference inside a cell stays unlinked)."""
    rows = [r.split("\t") for r in p.text.split("\n")]
    width = max(len(r) for r in rows)

    def row(cells, first=""):
        cells = [escape(c).replace("|", "\\|") for c in cells + [""] * (width - len(cells))]
        cells[0] += first
        return "| " + " | ".join(c or " " for c in cells) + " |"

    head = f" {{: #{p.anchor} }}" if p.anchor else ""
    out = [row(rows[0], head), "| " + " | ".join(["---"] * width) + " |"] + [row(r) for r in rows[1:]]
    return "\n".join(out)


def paragraph_md(p: Paragraph, slug: str, linker) -> str:
    if p.kind == "table":
        return table_md(p)
    cls = {"item": " .item", "subitem": " .subitem", "heading": " .preamble-heading",
           "note": " .note", "footnote": " .footnote"}.get(p.kind, "")
    anchor = f"#{p.anchor}" if p.anchor else ""
    attrs = f"{anchor}{cls}".strip()
    text = render_text(p, slug, linker)
    return f"{text}\n{{: {attrs} }}" if attrs else text


def front_matter(meta: dict) -> str:
    """YAML front matter; values are strings written as JSON strings, which YAML reads as-is."""
    lines = [f"{k}: {json.dumps(str(v), ensure_ascii=False)}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def doc_meta(doc: Document) -> dict:
    return {"doc_title": doc.title, "doc_slug": doc.slug, "doc_kind": doc.kind,
            "doc_status": doc.status, "doc_status_class": STATUS_CLASS.get(doc.status, "other"),
            "doc_expires": doc.dates.get("expires", ""),
            "doc_version": version_label(doc), "doc_issuer": doc.issuer,
            "doc_cite_version": cite_version(doc),
            "doc_address": doc.derived.version_or_blank.address,
            "doc_work": work_address(doc),
            "doc_date": doc_date(doc)}


def cite_version(doc: Document) -> str:
    """（2017年修正）: the version a citation names, with the version's permanent address (the
    copy buttons, regsite.js); "" for a text without one (no version date)."""
    v = doc.derived.version_or_blank
    return v.label if v.address else ""


def work_address(doc: Document) -> str:
    """The address that always shows the work's current text: the work's address of a work
    with several texts, else the document's own."""
    return doc.derived.version_or_blank.work_address or doc.slug


def version_label(doc: Document) -> str:
    """The version an academic citation names: 2025修正 / 2025修订 for an amended text (the
    word the source's history notes use last), the year of adoption otherwise; 征求意见稿 /
    草案 for a draft.  Empty when the source gives no date."""
    if STATUS_CLASS.get(doc.status) == "draft":
        return doc.status if doc.status in ("草案", "送审稿") else "征求意见稿"
    if "amended" in doc.dates:
        history = "".join(p.text for p in doc.history)
        word = "修订" if history.rfind("修订") > history.rfind("修正") else "修正"
        return doc.dates["amended"][:4] + word
    date = (doc.dates.get("passed") or doc.dates.get("approved") or doc.dates.get("published")
            or doc.dates.get("effective", ""))
    return date[:4]


def doc_date(doc: Document) -> str:
    """The date a reference entry gives for the text: of the amendment or publication."""
    for key in ("amended", "published", "approved", "passed"):
        if key in doc.dates:
            return doc.dates[key]
    return ""


def cite_label(doc: Document, a: Article) -> str:
    """How an official citation names the article: 第三十一条; a 措施 measure as
    第二部分第1条 (numbered 1．) or 第二部分第（七）条 (numbered （七）)."""
    if doc.style == "measures":
        label = a.label.strip()
        number = label.rstrip("．.、 ") if not label.startswith(("（", "(")) else label
        return hierarchy.measure_cite(a.part.number, number)
    return a.label


def cite_label_arabic(doc: Document, a: Article) -> str:
    """The same with Arabic numerals, for the academic style: 第31条, 第133条之一 (as lawyers write it), 第2部分第7条."""
    if doc.style == "measures":
        return hierarchy.measure_cite(a.part.number, a.number, arabic=True)
    return hierarchy.article_name(a.number, a.suffix, arabic=True)


def article_md(doc: Document, a: Article, linker) -> str:
    toc = f"{a.label}{a.title}" if a.title else a.label
    attrs = [f"#{a.anchor}", ".article", f'data-cite="{attr_value(cite_label(doc, a))}"',
             f'data-cite-arabic="{attr_value(cite_label_arabic(doc, a))}"']
    if toc != a.label:
        attrs.append(f'data-toc-label="{attr_value(toc)}"')
    out = [f"### {escape(a.label)} {{{' '.join(attrs)}}}", ""]
    out += source_marks(doc, a)
    if not a.paragraphs:
        out += ["（本条在原文中没有正文）", "{: .empty-article }", ""]
    for p in a.paragraphs:
        out += [paragraph_md(p, doc.slug, linker), ""]
    out += article_history_md(doc, a, linker)
    out += cited_by_md(doc, a, linker)
    return "\n".join(out)


# Source notes shown on the article they concern (the rest stay on the landing page only):
# a repair of the text, or a doubt about it.
REPAIRED = {"punctuation_normalized", "paragraph_joined", "orphan_fragment", "article_order",
            "article_split", "duplicate_copy"}
DOUBTFUL = {"copy_conflict": "存疑：各份文字不一致", "blank_date": "原文日期留空",
            "duplicate_article": "存疑：条文编号重复", "duplicate_item_number": "存疑：项的编号重复"}


def article_problems(doc: Document, a: Article) -> list:
    """The source notes about the article: those naming it, and those without a name whose
    line falls within the article's lines."""
    end = a.end_line or a.line
    return [p for p in doc.problems if (p.code in REPAIRED or p.code in DOUBTFUL) and
            (p.article is a if getattr(p, "article", None) is not None else p.line and a.line <= p.line <= end)]


def source_marks(doc: Document, a: Article) -> list[str]:
    """A line under the heading of an article whose text this site repaired, or whose copies
    disagree: what happened, linking to the document's 来源说明 (the messages as its title)."""
    probs = article_problems(doc, a)
    if not probs:
        return []
    doubts = sorted({DOUBTFUL[p.code] for p in probs if p.code in DOUBTFUL})
    repairs = sorted({code_title(p.code) for p in probs if p.code in REPAIRED})
    parts = []
    parts += doubts
    if repairs:
        parts.append("本站已修复：" + "、".join(repairs))
    title = link_title("；".join(p.message for p in probs), 400)
    cls = ".source-mark .source-mark--doubt" if any("存疑" in d for d in doubts) else ".source-mark"
    return [f'[{escape("；".join(parts))}](index.md#source-notes "{title}"){{ {cls} }}', ""]


def gap_before(doc: Document, a: Article) -> tuple[int, int] | None:
    """(first, last) numbers missing right before article a in its numbering, or None."""
    if a.suffix:
        return None
    prev = None
    for b in doc.articles:
        if b is a:
            break
        if b.suffix or getattr(b, "seq", 0) != getattr(a, "seq", 0):
            continue
        if doc.style == "measures" and b.part is not a.part:
            continue
        prev = b
    if prev is None or a.number <= prev.number + 1:
        return None
    return prev.number + 1, a.number - 1


def gap_md(doc: Document, a: Article) -> list[str]:
    """Where articles are missing from the source: a marker carrying the first missing
    article's eId (its other eIds in data-missing, for regsite.js), linking to 来源说明."""
    gap = gap_before(doc, a)
    if gap is None:
        return []
    first, last = gap
    prefix = a.anchor[:a.anchor.rindex("art_")]
    span = hierarchy.missing_span(doc.style, first, last)
    ids = " ".join(f"{prefix}art_{n}" for n in range(first, last + 1))
    return [f"{escape(span)} 原文缺失，本站未补写（[来源说明](index.md#source-notes)）",
            f'{{: #{prefix}art_{first} .article-gap data-missing="{ids}" }}', ""]


def article_history_md(doc: Document, a: Article, linker) -> list[str]:
    """本条沿革: the article in the previous text of its work and in the current text (a work
    with several texts; assemble.article_history aligns them by text)."""
    items = (doc.derived.article_history or {}).get(a.anchor)
    if not items:
        return []

    def link(slug, anchor, label):
        href = linker.href(doc.slug, (slug, anchor)) if linker is not None else None
        return f"[{escape(label)}]({href})" if href else escape(label)
    parts = []
    attrs = ""
    for kind, slug, anchor, label, version in items:
        if kind in ("current-same", "current-changed") and anchor:      # the copy buttons' 现行链接 (regsite.js)
            attrs = f' data-current="{anchor}" data-current-kind="{"same" if kind == "current-same" else "changed"}"'

        if kind == "added":
            # the alignment is by text (compare.THRESHOLD): a rewritten article finds no
            # counterpart too, so the site says what it knows, not that the article is new
            parts.append("上一版本中没有文字相近的条文，按新增列出（按文字相似度对应，见[新旧对照](compare.md)）")
        elif kind in ("same", "changed"):
            state = "文字未变" if kind == "same" else "本版本有修改，见[新旧对照](compare.md)"
            parts.append(f"上一版本{escape(version)}为{link(slug, anchor, label)}，{state}")
        elif kind == "current-deleted":
            parts.append(f"现行文本{escape(version)}中没有文字相近的条文")
        else:
            state = "文字未变" if kind == "current-same" else "文字已修改"
            parts.append(f"现行文本{escape(version)}中为{link(slug, anchor, label)}，{state}")
    return ["本条沿革：" + "；".join(parts) + "。", f"{{: .article-history{attrs} }}", ""]


def cited_by_md(doc: Document, a: Article, linker) -> list[str]:
    """The articles of other documents citing this one (被引用), grouped by document, the
    documents in force first; folded."""
    refs = linker.cited_by.get(doc.slug, {}).get(a.anchor) if linker is not None else None
    if not refs:
        return []
    groups: dict[str, list] = {}
    docs = {}
    for d, art in refs:
        groups.setdefault(d.slug, []).append(art)
        docs[d.slug] = d
    order = sorted(groups, key=lambda s: (docs[s].status not in IN_FORCE, docs[s].title, s))
    out = [f'??? quote cited-by "被引用（{len(refs)}）"', ""]
    for slug in order:
        d = docs[slug]
        links = "、".join(f"[{escape(x.label)}]({linker.href(doc.slug, (slug, x.anchor))})"
                         for x in groups[slug])
        status = f"（{escape(d.status)}）" if d.status and d.status not in IN_FORCE else ""
        out.append(f"    - 《{escape(d.title)}》{status}{links}")
    return out + [""]


def chapter_page(doc: Document, page: Page, pages: list[Page], linker) -> str:
    linker = linker.new_page() if linker is not None else None
    meta = {"title": theme_text(f"{page.title} - {doc.title}"), **doc_meta(doc), "page_kind": "chapter"}
    out = [front_matter(meta), ""]
    h1_id = f" {{#{page.division.anchor}}}" if page.division else ""
    if doc.style != "measures":
        out += _enclosing_md(doc, page, pages, linker)     # 第二编 分则 above its first 章
    out += [f"# {escape(page.title)}{h1_id}", ""]
    out += [f"[《{escape(doc.title)}》](index.md){{ .doc-backlink }}", ""]
    out += version_banner(doc)
    for n in page.notices:
        out += ['!!! warning "章节归属不明"', "", f"    {escape(n)}", ""]
    if page.division is not None:
        for p in page.division.paragraphs if doc.style != "measures" else []:
            out += [paragraph_md(p, doc.slug, linker), ""]
    if text_only([page]):
        for p in body(doc):
            out += [paragraph_md(p, doc.slug, linker), ""]
        if not body(doc):       # 4 corpus files hold only a title and its 题注
            out += ["原文只有标题和题注，没有正文；本站未补写任何内容。", "{: .missing-text }", ""]
    if doc.style == "measures" and page.division is not None:
        out += _measures_body(doc, page, linker)
    else:
        current = page.division.anchor if page.division else None
        inner = _inner_divisions(doc, page)
        shown: set[str] = set()

        def section(d):
            shown.add(d.anchor)
            return [f"## {escape(d.heading)} {{#{d.anchor}}}", ""] + [
                line for p in d.paragraphs for line in (paragraph_md(p, doc.slug, linker), "")]
        for a in page.articles:
            for d in inner:           # a 节 with no article of its own, where it stands
                if d.anchor not in shown and d.line < a.line and d.anchor != a.division:
                    out += section(d)
            if a.division and a.division != current:
                d = doc.division(a.division)
                if d is not None and d.kind in ("section",) and d.anchor != current \
                        and d.anchor not in shown:
                    out += section(d)
                current = a.division
            out += gap_md(doc, a)
            out.append(article_md(doc, a, linker))
        for d in inner:
            if d.anchor not in shown:
                out += section(d)
    return "\n".join(out).rstrip() + "\n"


def _inner_divisions(doc: Document, page: Page) -> list:
    """The 节 inside this page's chapter, in source order (shown as headings with their text)."""
    if page.division is None:
        return []
    top = page.division.anchor
    return sorted((d for d in doc.divisions if d.kind == "section"
                   and (d.parent == top or (d.parent or "").startswith(top + "__"))),
                  key=lambda d: d.line)


def _enclosing_md(doc: Document, page: Page, pages: list[Page], linker) -> list[str]:
    """The 编 / 分编 headings (and their own text) above this page's chapter, on the page of
    their first chapter: 刑法 第一编 总则 holds 第一章 … 第五章, each a page of its own."""
    out: list[str] = []
    for outer in _enclosing(doc, page, pages):
        out += [f"**{escape(outer.heading)}**", f"{{: #{outer.anchor} .division-heading }}", ""]
        for p in outer.paragraphs:
            out += [paragraph_md(p, doc.slug, linker), ""]
    return out


def _enclosing(doc: Document, page: Page, pages: list[Page]) -> list:
    """The 编 / 分编 that are not pages themselves and whose first page is this one, outermost first."""
    chain = []
    d = page.division
    while d is not None and d.parent:
        d = doc.division(d.parent)
        if d is not None and d.kind in ("book", "subbook", "part"):
            chain.insert(0, d)
    out = []
    for outer in chain:
        first = next((p for p in pages if p.division is not None and
                      p.division.anchor.startswith(outer.anchor + "__")), None)
        if first is page:
            out.append(outer)
    return out


def _measures_body(doc, page, linker):
    """Parts of a 措施: groups, measures and the part's own text, in source order."""
    part = page.division
    items: list[tuple[int, str]] = []
    for d in doc.divisions:
        if d.parent == part.anchor:
            items.append((d.line, f"## {escape(d.heading)} {{#{d.anchor}}}\n"))
            for p in d.paragraphs:
                items.append((p.line, paragraph_md(p, doc.slug, linker) + "\n"))
    for p in part.paragraphs:
        items.append((p.line, paragraph_md(p, doc.slug, linker) + "\n"))
    for a in page.articles:
        items.append((a.line, "\n".join(gap_md(doc, a)) + article_md(doc, a, linker)))
    return [text for _, text in sorted(items, key=lambda x: x[0])]


def document_pages(doc: Document, pages: list[Page], linker) -> dict[str, str]:
    """{relative path: Markdown} of a document: its landing page and one page per chapter."""
    files = {f"{doc.slug}/index.md": landing_page(doc, pages, linker)}
    for page in pages:
        files[f"{doc.slug}/{page.name}.md"] = chapter_page(doc, page, pages, linker)
    return files


def landing_page(doc: Document, pages: list[Page], linker) -> str:
    linker = linker.new_page() if linker is not None else None
    meta = {"title": theme_text(doc.title), **doc_meta(doc), "page_kind": "document"}
    out = [front_matter(meta), "", f"# {escape(doc.title)}", ""]
    if doc.subtitle:
        out += [f"**{escape(doc.subtitle)}**{{ .doc-subtitle }}", ""]
    out += version_banner(doc)
    out += metadata_block(doc)
    out += download_links(doc)
    if doc.history:
        out += ["## 题注 {#preface}", ""]
        for p in doc.history:
            out += [paragraph_md(p, doc.slug, linker), ""]
    out += versions_block(doc)
    lead = [] if text_only(pages) else body(doc)       # a text without articles is on 正文
    if lead:
        heading = "征求意见的公告" if any("征求意见" in p.text for p in lead) else "序言"
        out += [f"## {heading} {{#preamble}}", ""]
        for p in lead:
            out += [paragraph_md(p, doc.slug, linker), ""]
    out += related_md(doc, linker)
    out += contents(doc, pages)
    out += source_notes(doc)
    return "\n".join(out).rstrip() + "\n"


def download_links(doc: Document) -> list[str]:
    """The Word file of the document, when the build makes them (writers/docx.py)."""
    from .docx import docx_name, enabled
    if not enabled():
        return []
    return [f"[下载 Word 文档（.docx）]({docx_name(doc)}){{ .doc-download }}", ""]


def related_md(doc: Document, linker) -> list[str]:
    """相关文件: the instruments implementing, interpreting, amending or citing this one."""
    groups = linker.related.get(doc.title) if linker is not None else None
    if not groups:
        return []
    out = ["## 相关文件 {#related}", ""]
    for name, docs in groups:
        links = "、".join(
            f"[《{escape(d.title)}》]({linker.href(doc.slug, (d.slug, ''))})"
            + (f"（{escape(d.status)}）" if d.status and d.status not in IN_FORCE else "")
            for d in docs)
        out += [f"- {escape(name)}：{links}"]
    return out + [""]


IN_FORCE_WORDS = ("现行有效", "有效", "尚未生效")


def metadata_block(doc: Document) -> list[str]:
    badge = STATUS_CLASS.get(doc.status, "other")
    v = doc.derived.version_or_blank
    status = f'**{escape(doc.status)}**{{ .status .status-{badge} data-expires="{doc.dates.get("expires", "")}" }}'
    rep = v.replaced_by
    if rep and not v.draft:
        status += (f"，由[{escape(rep.label.strip('（）') or rep.date)}的文本](../{rep.page}/index.md)取代"
                   f"（{rep.in_force_from or rep.date}起）")
    elif rep:
        status += f"，已有[正式文本{escape(rep.label)}](../{rep.page}/index.md)"
    if v.repealed_by:
        r = v.repealed_by
        status += (f"，由[《{escape(r.title)}》](../{r.page}/index.md){escape(r.label)}废止（{r.date}起；"
                   f"原文见[来源说明](#source-notes)）")
    elif v.repeal_pending:
        r = v.repeal_pending
        status += (f"；[《{escape(r.title)}》](../{r.page}/index.md){escape(r.label)}规定本文件自{r.date}起废止"
                   f"（原文见[来源说明](#source-notes)）")
    if doc.status in IN_FORCE_WORDS:
        # the site sees only its own collection: say so where it calls a text in force
        status += "（据本站收录的文本和生成日期判断；本站未收录的修改、废止无从反映）"
    rows = [("文件类型", escape(doc.kind)), ("状态", status)]
    if v.date and len(v.versions) > 1:
        rows.append(("版本", f"{escape(v.label.strip('（）'))}，版本日期 {v.date}"))
    if doc.issuer:
        rows.append(("制定机关", escape(doc.issuer)))
    for key, name in DATE_NAMES:
        if key in doc.dates:
            rows.append((name, doc.dates[key]))
    rows.append(("条文数", str(len(doc.articles))))
    rows.append(("来源文件", f"`{doc.source.split('/')[-1]}`"))
    out = ["| 项目 | 内容 |", "| --- | --- |"]
    out += [f"| {k} | {v} |" for k, v in rows]
    return out + [""]


def version_banner(doc: Document) -> list[str]:
    """A warning on every page of a text that is no longer, or not yet, the law in force."""
    v = doc.derived.version_or_blank
    status, rep = v.status, v.replaced_by
    current = next((x for x in v.versions if x.work == v.current), None)
    link = (f"现行文本见[《{escape(current.title)}》{escape(current.label)}](../{current.work}/index.md)。"
            if current and current.work != doc.slug and current.status == "现行有效" else "")
    if status in ("已被修订", "已被修正") and rep:
        return [f'!!! danger "本文本{status}"', "",
                f"    本页是《{escape(doc.title)}》{escape(v.label)}的文本，"
                f"已由{escape(rep.label.strip('（）') or rep.date)}的文本取代"
                f"（{rep.in_force_from or rep.date}起）。{link}", ""]
    if status == "已被修改":
        return ['!!! danger "本文本已被修改"', "",
                "    原文件注明本文本已被修改；修改后的文本本站未收录。", ""]
    if status == "尚未生效":
        return ['!!! info "本文本尚未生效"', "",
                f"    本文本自{escape(v.in_force_from)}起施行。{link}", ""]
    if status == "征求意见已截止":
        deadline = doc.dates.get("comment_deadline", "")
        return ['!!! warning "征求意见已截止"', "",
                f"    本文本是征求意见的草案，不是生效的法规；征求意见已于{deadline}截止。"
                + (f"正式文本见[{escape(rep.label)}](../{rep.page}/index.md)。" if rep else ""), ""]
    return []


EVENT_KINDS = {"通过", "批准", "公布", "修正", "修订", "施行", "废止"}


def versions_block(doc: Document) -> list[str]:
    """The versions of the work in the collection, and the timeline of its history."""
    v = doc.derived.version_or_blank
    out: list[str] = []
    others = v.versions
    texts = {x.slug: x for x in others}
    if len(others) > 1:
        out += ["## 版本 {#versions}", "", "| 版本 | 版本日期 | 状态 | 新旧对照 |", "| --- | --- | --- | --- |"]
        for x in others:
            name = f"{escape(x.title)}{escape(x.label)}"
            # links go where the pages are rendered (a current text's permanent address only forwards)
            cell = f"**{name}**（本页）" if x.work == doc.slug else f"[{name}](../{x.work}/index.md)"
            badge = STATUS_CLASS.get(x.status, "other")
            cmp = f"[与前一版本对照](../{x.work}/compare.md)" if x.compare else "—"
            out.append(f"| {cell} | {x.date or '—'} | **{escape(x.status)}**{{ .status .status-{badge} }} | {cmp} |")
        out.append("")
        if v.work_address:
            out += [f"地址 `{v.work_address}/` 总是显示本站所收的现行文本；每个版本另有永久地址 "
                    f"`{v.work_address}-v版本日期/`（如本页文本为 `{v.address}/`），其文字永不改变。", ""]
    elif v.address:
        out += [f"本文本的永久地址为 `{v.address}/`，其文字永不改变；地址 `{doc.slug}/` 总是显示本站所收的"
                "现行文本，本站日后收录新的版本时即显示新版本。", "{: .version-address }", ""]
    elif doc.derived.version is not None and len(others) <= 1:
        out += ["本文件未载明可以确定版本的日期（文件名、题注或公布、通过、施行日期），本站无法为它设定按日期命名的永久地址；"
                f"地址 `{doc.slug}/` 显示本站所收的这一文本。", "{: .version-address }", ""]
    events = v.events
    if events:
        out += ["## 沿革 {#timeline}", ""]
        for e in events:
            what = "　".join(x for x in (e.body, f"《{e.instrument}》" if e.instrument else "") if x)
            line = f"- {e.date}　**{escape(e.label)}**" + (f"　{escape(what)}" if what else "")
            if e.version and e.version in (doc.slug, v.address):
                line += "　（本页即此次形成的文本）"
            elif e.version and e.version in texts:
                line += f"　（[本站收录此次形成的文本](../{e.page}/index.md)）"
            out.append(line)
        out += ["", "沿革根据各版本的题注整理；标明“本站收录”的，是本站收有其文本的版本。"
                if len(others) > 1 else "沿革根据题注整理。", "{: .timeline-note }", ""]
    return out


def contents(doc: Document, pages: list[Page]) -> list[str]:
    if not pages:
        return []
    out = ["## 条文目录 {#contents}", ""]
    for page in pages:
        if doc.style != "measures":
            for outer in _enclosing(doc, page, pages):     # 第一编 总则 before its first chapter
                out.append(f"- [{escape(outer.heading)}]({page.name}.md#{outer.anchor}){{ .division-heading }}")
        out.append(f"- [{escape(page.title)}]({page.name}.md)")
        links = []
        for a in page.articles:
            gap = gap_before(doc, a)
            if gap is not None:
                links.append(_gap_link(doc, a, page, gap))
            label = f"{a.label}{a.title}" if doc.style == "measures" and a.title else a.label
            links.append(f"[{escape(label)}]({page.name}.md#{a.anchor})")
        if links and doc.style == "measures":
            out += [f"    - {link}" for link in links]        # a measure's title, one a line
        elif links:
            out.append("    - " + " ".join(links))
    return out + [""]


def _gap_link(doc, a, page, gap) -> str:
    """The contents entry of missing articles: to their marker on the chapter page; its
    data-missing lets SLUG/index.html#art_6 forward there (regsite.js)."""
    first, last = gap
    prefix = a.anchor[:a.anchor.rindex("art_")]
    span = hierarchy.missing_span(doc.style, first, last)
    ids = " ".join(f"{prefix}art_{n}" for n in range(first, last + 1))
    return f'[（{escape(span)}缺失）]({page.name}.md#{prefix}art_{first}){{ .gap-link data-missing="{ids}" }}'


def source_notes(doc: Document) -> list[str]:
    out = ["## 来源说明 {#source-notes}", ""]
    if not doc.problems:
        return out + ["本文件在导入时未发现需要说明的问题，文字未作任何改动。", ""]
    out += [f"本站在导入原文（`{doc.source.split('/')[-1]}`）时作了以下处理或发现以下问题。"
            f"所有改动均在此列明；缺失的内容只作报告，不作补写。", ""]
    groups: dict[str, list] = {}
    for p in doc.problems:
        groups.setdefault(p.code, []).append(p)
    for code, probs in groups.items():
        sev = max(probs, key=lambda p: ["info", "warning", "error"].index(p.severity)).severity
        kind = {"error": "failure", "warning": "warning", "info": "note"}[sev]
        fold = "???" if len(probs) > 5 else "!!!"
        out += [f'{fold} {kind} "{SEVERITY_NAMES[sev]}：{attr_value(code_title(code))}（{len(probs)}条）"', ""]
        for p in probs:
            where = f"第{p.line}行：" if p.line else ""
            text = p.message if p.message.startswith(f"第{p.line}行") else where + p.message
            out.append(f"    - {escape(text)}")
        out.append("")
    return out


CODE_TITLES = {
    "punctuation_normalized": "半角标点改为全角", "paragraph_joined": "合并被分页断开的段落",
    "orphan_fragment": "删除错位的重复片段", "copy_conflict": "各份文字不一致",
    "duplicate_copy": "合并重复页", "duplicate_heading": "合并重复的章节标题",
    "heading_conflict": "章节标题冲突", "chapter_start_unknown": "章节起始位置不明",
    "chapter_unknown": "条文所属章节不明", "article_order": "恢复条文顺序", "article_gap": "条文缺失",
    "blank_date": "日期空缺", "toc_omitted": "原文目录", "heading_spacing": "标题排版空格", "label_spacing": "条文编号中的空格", "history_in_body": "题注写在正文中", "heading_joined": "标题分两行", "repealed_by": "被其他文件废止", "repeal_pending": "将被其他文件废止",
    "title_joined": "合并分行的标题", "expiry_unknown": "失效日期无法计算", "expiry_from_text": "失效日期的依据",
    "structure_unplaced": "未收入结构的条文或标题", "front_matter_unused": "文件头中未使用的字段",
    "division_gap": "章节编号不连续", "article_outside_division": "条文位于章节之外",
    "no_articles": "未识别出条文", "article_split": "拆分连排的条文", "duplicate_article": "条文编号重复",
    "numbering_starts_late": "条文编号起点", "numbering_restarted": "条文编号重新开始",
    "encoding_normalized": "编码与换行", "front_matter_invalid": "文件头错误",
    "front_matter_type": "文件头字段类型错误", "reference_unresolved": "无法解析的引用",
    "reference_other_part": "引用同一法律另一部分的条文",
    "heading_title_conflict": "章节标题不一致", "heading_position_conflict": "章节标题位置不一致",
    "duplicate_item_number": "项的编号重复", "no_title": "缺少标题",
    "version_grouping": "版本归并", "version_date": "版本日期", "status_conflict": "状态冲突",
    "status_source": "原文件注明的状态",
    "annex_split": "拆分连排的附件", "duplicate_annex": "附件编号重复",
    "heading_article_split": "拆分连排的标题和条文", "annex_quoted_articles": "附件中引用的条文",
    "image_omitted": "未收录的图片",
}


def code_title(code: str) -> str:
    return CODE_TITLES.get(code, code)
