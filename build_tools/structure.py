"""The grammar of legal hierarchy: body blocks -> divisions, articles, paragraphs and items.

Two styles are recognised from the text itself:
- statute: 第X编 / 第X章 / 第X节 divisions and 第X条 articles (条例, 法, 办法 …);
- measures: 一、 parts, （一） groups and 1． or （一） measures (措施, 意见 …).

The grammar records what it sees, in source order, without repairing anything:
repeated pages give repeated articles and headings here, and the transforms decide.
"""
from __future__ import annotations

import re

from . import eids, hierarchy, numerals
from .hierarchy import ARTICLE_LABEL, DIVISION_LABEL, DIVISIONS, ITEM_MARK, RANK, UNNUMBERED
from .model import Article, Division, Document, Paragraph

# the words and label patterns come from hierarchy.py; a heading's label is no reference, so
# 第三章条… is not a heading (the lookahead after the label)
_BELOW = hierarchy.ARTICLE + hierarchy.PARAGRAPH + hierarchy.ITEM
DIVISION_RE = re.compile(rf"^{DIVISION_LABEL}(?:[\s\u3000]+(.*)|(?=[^\s\u3000{_BELOW}])(.*))?$")
ARTICLE_RE = re.compile(rf"^{ARTICLE_LABEL}(?:[\s\u3000]+(.*))?$", re.S)
# 第一百二十八 条… : a label broken by a space (not 第十五 条例, 条款, 条件 …)
SPACED_LABEL_RE = re.compile(rf"^第({hierarchy.N})[ \u3000]+条(?![例款件约文目])(.*)$", re.S)
ITEM_RE = re.compile(rf"^{ITEM_MARK}")
SUBITEM_RE = re.compile(r"^(\d+)[．.、](?!\d)")
PART_RE = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
MEASURE_RE = re.compile(r"^(\d+)[．.](?!\d)\s*(.*)$")
TOC_RE = re.compile(r"^目[\s\u3000]*录$")
# 附件一 / 附件2：标题 / 附表 / 附录： / 附： — the start of an annex (its number, if any, and title)
ANNEX_RE = re.compile(r"^(附[\s\u3000]*[件表录]|附(?=[\s\u3000]*[:：]))[\s\u3000]*([一二三四五六七八九十]+|\d+)?"
                      r"(?:[\s\u3000]*[:：][\s\u3000]*(.*)|[\s\u3000]+(.*))?$")
ANNEX_LIST = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[.．、]")   # 附件：1.… 2.… lists annexes
SELF_REFERENCE = re.compile(r"^本(措施|文件|办法|方案|通知|意见|规定|细则|政策)")
WS = re.compile(r"[\s\u3000]+")


def squash(text: str) -> str:
    """Remove typographic spacing inside a short Chinese heading (总  则 -> 总则)."""
    return WS.sub("", text) if re.search(r"[\u4e00-\u9fff]", text) else text.strip()


def build(doc: Document, blocks) -> Document:
    if any(_article_match(b) for b in blocks):
        doc.style = "statute"
        divisions = [d for d in map(_division_match, blocks) if d]
        _Statute(doc, numbered=bool(divisions),
                 first_chapter=min((d[1] for d in divisions if d[0] == "chapter"), default=None),
                 parts_marked=any(b.kind == "heading" and PART_RE.match(b.text) for b in blocks)).run(blocks)
    elif any((m := PART_RE.match(b.text)) and _is_heading_line(b) and _num(m.group(1)) is not None
             for b in blocks):
        doc.style = "measures"
        _Measures(doc).run(blocks)
    else:
        doc.style = "plain"
        doc.preamble.extend(_plain(b) for b in blocks)
    return doc


def _plain(b, kind="para") -> Paragraph:
    if b.kind == "table":
        return Paragraph(b.text, b.line, b.lines[-1], kind="table", lines=list(b.lines))
    if b.kind == "heading":
        kind = "heading"
    return Paragraph(b.text, b.line, kind=kind)


def _para(b, previous: list[Paragraph]) -> Paragraph:
    """A block inside an article or measure: a table as it is, else a 款 or an item."""
    return _plain(b) if b.kind == "table" else classify(b.text, b.line, previous)


def _is_heading_line(b) -> bool:
    """A line that can only be a heading: marked up as one, or short with no sentence end."""
    if b.kind == "table":
        return False
    if b.kind == "heading" or b.all_bold:
        return True
    return len(b.text) <= 40 and not re.search(r"[。；;！？]", b.text)


def _label_match(b):
    if b.kind == "table":
        return None
    text = b.text
    if b.kind == "heading" or b.bold:
        label = b.bold.strip() if b.bold and not b.kind == "heading" else text
        m = ARTICLE_RE.match(label)
        if m and m.group(3) is None:
            rest = text[len(b.bold):].strip() if b.bold and b.kind != "heading" else ""
            return m, rest
    m = ARTICLE_RE.match(text)
    if m and m.group(3) is not None:
        return m, m.group(3).strip()
    return None


def _article_match(b):
    """An article label whose numbers can be read (see _unreadable_label for the others)."""
    found = _label_match(b)
    if found and _readable(found[0]):
        return found
    return None


def _readable(m) -> bool:
    try:
        numerals.to_int(m.group(1))
        if m.group(2):
            numerals.to_int(m.group(2))
    except ValueError:
        return False
    return True


def _unreadable_label(b):
    """The label of a line shaped like an article whose number the grammar cannot read
    (第十十条): the line stays text of the article before, and this is said."""
    found = _label_match(b)
    if found and not _readable(found[0]):
        return found[0].group(0).split("条")[0] + "条"
    m = DIVISION_RE.match(b.text.strip()) if _is_heading_line(b) else None
    if m and _num(m.group(1)) is None:
        return f"第{m.group(1)}{m.group(2)}"
    return None
def _annex_match(b):
    """(label, number or None, title) when the line starts an annex: 附件一, 附表二：…, 附录.
    Its title may be long (附：中华人民共和国进出口税则（注：…）) but is no sentence."""
    if b.kind == "table" or re.search(r"[。；;！？]", b.text) or (
            len(b.text) > 80 and not (b.kind == "heading" or b.all_bold)):
        return None
    m = ANNEX_RE.match(b.text.strip())
    if not m:
        return None
    title = (m.group(3) if m.group(3) is not None else m.group(4)) or ""
    if ANNEX_LIST.match(title.strip()):
        return None
    number = _num(m.group(2)) if m.group(2) else None
    if m.group(2) and number is None:
        return None
    # the label keeps the source's colon (附件一：), so label + title is the line's text
    label = squash(b.text.strip()[: m.start(3)] if m.group(3) is not None else m.group(1) + (m.group(2) or ""))
    return label, number, title.strip()


ANNEX_RUN = re.compile(r"(?:^|(?<=[\s\u3000]))附件([一二三四五六七八九十]+|\d+)[\s\u3000]+")


def _annex_run(b):
    """附件一 … 附件二 … 附件三 … run together on one line: [(label, number, title)] when the
    numbers run 1, 2, 3 … from the start of the line, else None."""
    marks = list(ANNEX_RUN.finditer(b.text))
    if len(marks) < 2 or marks[0].start() != 0:
        return None
    try:
        numbers = [numerals.to_int(m.group(1)) for m in marks]
    except ValueError:
        return None
    if numbers != list(range(1, len(marks) + 1)):
        return None
    ends = [m.start() for m in marks[1:]] + [len(b.text)]
    return [(f"附件{m.group(1)}", n, b.text[m.end():end].strip())
            for m, n, end in zip(marks, numbers, ends)]


def _division_match(b):
    if not _is_heading_line(b):
        return None
    m = DIVISION_RE.match(b.text.strip())
    if not m:
        return None
    title = (m.group(3) if m.group(3) is not None else m.group(4)) or ""
    try:
        number = numerals.to_int(m.group(1))
    except ValueError:
        return None
    return DIVISIONS[m.group(2)], number, f"第{m.group(1)}{m.group(2)}", title


class _Statute:
    def __init__(self, doc: Document, numbered: bool = True, parts_marked: bool = False,
                 first_chapter: int | None = None):
        self.doc = doc
        self.first_chapter = first_chapter  # the lowest 第X章 number in the text
        self.numbered = numbered            # the text has 第X编/章/节 headings
        self.parts_marked = parts_marked    # and 一、… headings marked up as headings
        self.article: Article | None = None
        self.stack: list[Division] = []
        self.pending: list[Division] = []   # divisions waiting for their first article
        self.in_toc = False
        self.spacing: list[int] = []
        self.annex: Division | None = None   # the annex being read (附件一 …)
        self.quoted: list[int] = []          # lines of 第X条 quoted inside an annex

    def run(self, blocks):
        doc = self.doc
        for b in blocks:
            if TOC_RE.match(b.text.strip()) and b.kind in ("heading", "para") or (
                    b.all_bold and TOC_RE.match(b.text.strip())):
                self._close_toc()          # a second 目录 ends the first
                self.in_toc = True
                doc.omitted.append(Paragraph(b.text, b.line, kind="toc"))
                continue
            if self.in_toc:
                # an item that is an article (第一条 followed by its text) is no contents entry
                if (b.kind == "item" and not _article_match(b)) or (
                        _division_match(b) and b.kind != "heading"):
                    doc.omitted[-1].lines.append(b.line)
                    doc.omitted[-1].end_line = b.line
                    continue
                self._close_toc()
            annex = _annex_match(b) if doc.articles else None
            if annex:
                self._annex(b, *annex)
                continue
            runs = _annex_run(b) if doc.articles else None
            if runs:
                for label, number, title in runs:
                    self._annex(b, label, number, title)
                doc.report("annex_split", "info",
                           f"第{b.line}行中{'、'.join(r[0] for r in runs)}连排在一行，已分为{len(runs)}个附件",
                           b.line)
                continue
            if self.annex is not None:
                art = _article_match(b)
                restart = art and _num(art[0].group(1)) == 1 and not art[0].group(2)
                if not restart:
                    if art:       # 第X条 quoted in an annex: text of the annex, not an article here
                        self.quoted.append(b.line)
                    self.annex.paragraphs.append(_plain(b))
                    continue
                # 第一条 after an annex: an attached instrument with its own numbering
            div = _division_match(b)
            if div:
                glued = self._glued_article(div[3])
                if glued:
                    title, m, rest = glued
                    self._division(b, *div[:3], title)
                    self._article(b, m, rest)
                    doc.report("heading_article_split", "info",
                               f"第{b.line}行中标题“{div[2]} {squash(title)}”后紧接着{m.group(0).split()[0]}，"
                               f"已拆分为标题和条文", b.line)
                    continue
                self._division(b, *div)
                continue
            head = self._heading(b)
            if head:
                self._division(b, *head[:4]).name = head[4]
                continue
            art = _article_match(b) or self._spaced_label(b)
            if art:
                self._article(b, *art)
                continue
            bad = _unreadable_label(b)
            if bad:
                doc.report("number_unreadable", "warning",
                           f"第{b.line}行的“{bad}”形如条文或章节编号，但编号无法识别，"
                           f"该行作为正文保留，请核对原件", b.line)
            self._text(b)
        self._close_toc()
        if self.quoted:
            lines = "、".join(str(n) for n in self.quoted[:8]) + ("等" if len(self.quoted) > 8 else "")
            doc.report("annex_quoted_articles", "info",
                       f"附件中以“第X条”开头的{len(self.quoted)}段（第{lines}行）是附件引用的条文，"
                       f"作为附件正文收录，不计为本文件的条文", self.quoted[0])
        if self.spacing:
            lines = "、".join(str(n) for n in self.spacing[:8]) + ("等" if len(self.spacing) > 8 else "")
            doc.report("heading_spacing", "info",
                       f"章节标题中的排版空格已去除（{len(self.spacing)}处，第{lines}行），文字未改动",
                       self.spacing[0])

    def _close_toc(self):
        if self.in_toc:
            self.in_toc = False
            toc = self.doc.omitted[-1]
            self.doc.report("toc_omitted", "info",
                            "原文目录未作为正文收录，目录由本站根据章节自动生成",
                            toc.line, toc.end_line)

    def _glued_article(self, title):
        """`第五章 信息公开和公众参与第五十三条 …`: (heading title, article match, article text)
        when the heading's title runs into the label of the next article (the number after the
        last article read, or 第一条)."""
        last = self.doc.articles[-1].number if self.doc.articles else 0
        for m in re.finditer(ARTICLE_LABEL, title):
            if m.start() == 0 or m.group(2) or _num(m.group(1)) != last + 1:
                continue
            label = m.group(0)
            rest = title[m.end():].strip()
            full = ARTICLE_RE.match(f"{label} {rest}" if rest else label)
            return title[:m.start()].rstrip(), full, rest
        return None

    def _spaced_label(self, b):
        """`第一百二十八 条侦查人员…` (a stray space inside the label, 8 corpus lines): the next
        article, when its number continues the numbering; the space is said, never kept as a
        paragraph of the article before (which would give that article a 款 it does not have)."""
        m = SPACED_LABEL_RE.match(b.text) if b.kind != "table" else None
        last = self.doc.articles[-1] if self.doc.articles else None
        if not m or last is None or _num(m.group(1)) != last.number + 1:
            return None
        rest = m.group(2).strip()
        label = f"第{m.group(1)}条"
        self.doc.report("label_spacing", "info",
                        f"第{b.line}行条文编号“{b.text[:m.start(2)].strip()}”中间有空格，"
                        f"已作为{label}收录（只去除了这个空格）", b.line)
        return ARTICLE_RE.match(f"{label} {rest}" if rest else label), rest

    def _heading(self, b):
        """A heading without 第X章: (kind, number, label, title, name) or None.

        - 一、受案范围 … 十三、附则 marked up as headings in a text with no 第X章 (judicial
          interpretations): parts, part_1 … part_13;
        - 附则 / 总则 / 分则 alone, after numbered divisions: a division of the kind of the
          outermost one open (刑法's 附则 after 第二编 is a 编, 附 则 after 第五章 a 章), numbered
          after its last sibling for order, its eId named by UNNUMBERED (chp_final)."""
        text = b.text.strip()
        m = PART_RE.match(text)
        if m and not self.numbered and _num(m.group(1)):
            number = _num(m.group(1))
            last = max((d.number for d in self.doc.divisions if d.kind == "part"), default=0)
            # marked up as a heading; or, where others are, a short line continuing their numbers
            if b.kind == "heading" or b.all_bold or (
                    self.parts_marked and number == last + 1 and _is_heading_line(b)):
                return "part", number, f"{m.group(1)}、", m.group(2), ""
        name = UNNUMBERED.get(squash(text))
        if name == "general" and not self.stack and not self.doc.divisions and \
                not self.doc.articles and self.first_chapter == 2 and _is_heading_line(b):
            # 总则 before the first article of a text whose chapters start at 第二章: the
            # first chapter, whose label the source lost (滨州市供热条例)
            return "chapter", 1, "", text, name
        if name and self.stack and _is_heading_line(b):
            top = self.stack[0]
            siblings = [d.number for d in self.doc.divisions
                        if d.kind == top.kind and d.parent == top.parent]
            return top.kind, max(siblings) + 1, "", text, name
        return None

    def _division(self, b, kind, number, label, title):
        clean = squash(title)
        if clean != title.strip():
            self.spacing.append(b.line)
        rank = RANK[kind]
        while self.stack and RANK[self.stack[-1].kind] >= rank:
            self.stack.pop()
        parent = self.stack[-1].anchor if self.stack else ""
        occ = Division(kind, number, label, clean, b.line,
                       anchor=eids.occurrence(len(self.doc.divisions)), parent=parent)
        occ.starts_at = None
        self.doc.divisions.append(occ)
        self.stack.append(occ)
        self.pending.append(occ)
        self.article = None
        return occ

    def _annex(self, b, label, number, title):
        """An annex after the articles: its own division (att_N), holding the text that follows
        until the next annex or article.  A bare repeat of the annex line just announced
        (附件：矿产资源分类细目, then 附件) is text of that annex, not a second one."""
        current = self.annex
        if current is not None and not current.paragraphs and (
                number is None or number == current.number) and (not title or title == current.title):
            current.paragraphs.append(_plain(b))
            return
        if current is not None and number is None and current.numbered:
            # 附件：… inside 附件2 (a form's own attachment line): text of that annex
            current.paragraphs.append(_plain(b))
            return
        numbered = number is not None
        annexes = [d for d in self.doc.divisions if d.kind == "annex"]
        if number is None:
            number = len(annexes) + 1
        self.annex = Division("annex", number, label, title, b.line)
        self.annex.starts_at = None
        self.annex.numbered = numbered
        self.doc.divisions.append(self.annex)
        self.stack = []
        self.pending = []
        self.article = None

    def _article(self, b, m, rest):
        self.annex = None
        number = numerals.to_int(m.group(1))
        suffix = numerals.to_int(m.group(2)) if m.group(2) else 0
        label = m.group(0)[: m.end(2) if m.group(2) else m.end(1) + 1]
        art = Article(number, label, b.line, suffix=suffix,
                      division=self.stack[-1].anchor if self.stack else None)
        if not self.doc.articles:
            self._headings_as_toc()
        for d in self.pending:
            d.starts_at = art
        self.pending = []
        self.doc.articles.append(art)
        self.article = art
        if rest:
            self._add(art, rest, b.line)
        art.end_line = b.line

    def _headings_as_toc(self):
        """Headings listed twice before the first article: the first run is a table of contents
        (第一章…第六章, then 第一章 again with its articles)."""
        pending = self.pending
        restart = max((i for i in range(1, len(pending))
                       if pending[i].kind == pending[i - 1].kind
                       and pending[i].number <= pending[i - 1].number), default=None)
        if restart is None:
            # 第一章…第八章 listed with nothing under them, then 第一条: a contents list whose
            # chapters are not repeated in the body
            chapters = [d for d in pending if d.kind == "chapter"]
            if len(chapters) >= 3 and chapters[-1].number > 1 and \
                    not any(d.paragraphs for d in chapters[:-1]):
                restart = len(pending)
                self.doc.preamble.extend(chapters[-1].paragraphs)
                chapters[-1].paragraphs = []
                self.stack = []
            else:
                return
        toc = pending[:restart]
        if any(d.paragraphs for d in toc[:-1]):
            return
        # text after the last entry and before the body's first heading is the preamble
        self.doc.preamble.extend(toc[-1].paragraphs)
        toc[-1].paragraphs = []
        ids = {d.anchor for d in toc}
        self.doc.divisions = [d for d in self.doc.divisions if d.anchor not in ids]
        entry = Paragraph(" ".join(d.heading for d in toc), toc[0].line, toc[-1].line, kind="toc",
                          lines=[d.line for d in toc])
        self.doc.omitted.append(entry)
        self.doc.report("toc_omitted", "info",
                        "原文开头以标题形式列出的目录未作为正文收录，目录由本站根据章节自动生成",
                        entry.line, entry.end_line)
        self.pending = pending[restart:]
        for d in self.pending:
            if d.parent in ids:
                d.parent = ""

    def _text(self, b):
        if self.article is None and self.stack and self._heading_continues(self.stack[-1], b):
            return
        if self.article is not None:
            self.article.paragraphs.append(_para(b, self.article.paragraphs))
            self.article.end_line = b.lines[-1] if b.lines else b.line
        elif self.stack:
            self.stack[-1].paragraphs.append(_plain(b))
        else:
            self.doc.preamble.append(_plain(b))

    def _heading_continues(self, d, b) -> bool:
        """`### 第五章 设区的市的地方性法规和自治条例、` then `单行条例的制定和批准`: a heading's
        title broken over two lines, joined when the break is plainly inside it (the first line
        ends with 、，和及与或的, or the second starts with 和/与/及/或).  A short line after a heading
        without such a sign (`第三章 道路运输相关业务` then `一般规定`: perhaps a 节 that lost its
        label) stays text of the division, where it stands."""
        text = b.text.strip()
        if (b.kind != "para" or d.paragraphs or d.kind not in ("book", "subbook", "chapter", "section")
                or len(text) > 30 or re.search(r"[。；：:！？]", text)
                or not (re.search(r"[、，,和及与或的]$", d.title) or re.match(r"^(?:和|与|及|或)", text))):
            return False
        joined = d.title + text
        self.doc.report("heading_joined", "info",
                        f"第{b.line}行“{text}”是第{d.line}行标题的后半，已并入标题“{d.label} {joined}”"
                        f"（文字未改动）", d.line, b.line)
        d.title = joined
        return True

    @staticmethod
    def _add(art: Article, text: str, line: int):
        art.paragraphs.append(classify(text, line, art.paragraphs))


_num = hierarchy.number     # the value of a numeral, or None for one that cannot be read (十十)


FOOTNOTE_RE = re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩][ \u3000]+\S")


def classify(text: str, line: int, previous: list[Paragraph]) -> Paragraph:
    if previous and FOOTNOTE_RE.match(text):
        return Paragraph(text, line, kind="footnote", label=text[0])   # ① 刑法…的施行日期…
    m = ITEM_RE.match(text)
    if m and _num(m.group(1)) is not None:
        return Paragraph(text, line, kind="item", label=m.group(0),
                         number=numerals.to_int(m.group(1)))
    m = SUBITEM_RE.match(text)
    if m and any(p.kind in ("item", "subitem") for p in previous):
        return Paragraph(text, line, kind="subitem", label=m.group(0), number=int(m.group(1)))
    return Paragraph(text, line)


def _in_quote(text: str, before: bool) -> bool:
    """Whether a quotation is open after this paragraph: its last “ or ” decides; a paragraph
    with neither leaves the state as it was (a quoted passage of several paragraphs opens
    each with “ and closes only the last with ”)."""
    last = max(text.rfind("“"), text.rfind("”"))
    return before if last < 0 else text[last] == "“"


class _Measures:
    """一、 parts; （一） groups or measures; 1． measures; closing text of each part."""

    def __init__(self, doc: Document):
        self.doc = doc

    def run(self, blocks):
        doc = self.doc
        arabic = any(MEASURE_RE.match(b.text) and len(b.text) > 12 and b.kind != "table" for b in blocks)
        part = group = None
        article: Article | None = None
        quoting = False                   # inside text the measure quotes (将第二条修改为：“…”)
        annex: Division | None = None     # 附： / 附件一 after the parts: the rest is its text
        for b in blocks:
            t = b.text
            found = _annex_match(b) if part is not None else None
            if found and not (annex is not None and not annex.paragraphs and found[1] is None):
                label, number, title = found
                count = sum(1 for d in doc.divisions if d.kind == "annex")
                annex = Division("annex", number if number is not None else count + 1, label, title, b.line)
                doc.divisions.append(annex)
                continue
            if annex is not None:
                annex.paragraphs.append(_plain(b))
                continue
            if b.kind == "table":         # a table belongs to what precedes it, whatever its cells say
                owner = article or group or part
                (owner.paragraphs if owner is not None else doc.preamble).append(_plain(b))
                continue
            m = PART_RE.match(t)
            if m and _num(m.group(1)) is not None and (_is_heading_line(b) or (
                    # 五、修改《…(a long title)…的规定》 or 四、下列单位…： (a part that is a
                    # sentence): the next part number, where parts have begun
                    part is not None and _num(m.group(1)) == part.number + 1) or (
                    part is None and _num(m.group(1)) == 1 and len(t) <= 100
                    and not re.search(r"[。；;！？：]", t))):
                part = Division("part", numerals.to_int(m.group(1)), f"{m.group(1)}、",
                                squash(m.group(2)), b.line)
                doc.divisions.append(part)
                group = article = None
                quoting = False
                continue
            if article is not None and quoting:
                # 1.专利申请权权属纠纷案件； inside a quotation is quoted text, not a measure
                article.paragraphs.append(_para(b, article.paragraphs))
                article.end_line = b.line
                quoting = _in_quote(t, quoting)
                continue
            if part is None:
                doc.preamble.append(_plain(b))
                continue
            m = ITEM_RE.match(t)
            if m and _num(m.group(1)) is None:
                m = None
            if m and _is_heading_line(b):
                group = Division("subpart", numerals.to_int(m.group(1)), m.group(0),
                                 squash(t[m.end():]), b.line, parent=part.anchor)
                group.part = part
                doc.divisions.append(group)
                article = None
                continue
            m = MEASURE_RE.match(t) if arabic else None
            if m or (not arabic and ITEM_RE.match(t) and _num(ITEM_RE.match(t).group(1)) is not None):
                if m:
                    number, label, body = int(m.group(1)), t[: m.start(2)].strip(), m.group(2)
                else:
                    mi = ITEM_RE.match(t)
                    number, label, body = numerals.to_int(mi.group(1)), mi.group(0), t[mi.end():]
                article = Article(number, label, b.line)
                article.part, article.group = part, group
                head = re.match(r"^([^。；]{2,40})。", body)
                article.title = head.group(1) if head else ""
                article.paragraphs.append(Paragraph(body.strip(), b.line))
                article.end_line = b.line
                doc.articles.append(article)
                quoting = _in_quote(body, False)
                continue
            if SELF_REFERENCE.match(t):
                group = None          # text about the whole instrument closes the group
            owner = group or part
            if article is not None and not SELF_REFERENCE.match(t):
                article.paragraphs.append(_para(b, article.paragraphs))
                article.end_line = b.line
                quoting = _in_quote(t, quoting)
                continue
            article = None
            m = ITEM_RE.match(t)
            if m and _num(m.group(1)) is not None:
                owner.paragraphs.append(Paragraph(t, b.line, kind="item", label=m.group(0),
                                                  number=numerals.to_int(m.group(1))))
            else:
                owner.paragraphs.append(_plain(b))
