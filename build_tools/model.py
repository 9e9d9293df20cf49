"""The document model every reader produces and every transform and writer consumes.

A regulation is a flat, ordered list of divisions (编/章/节, or 一、/（一） in 措施) and a
flat, ordered list of articles (条, or the numbered measures of a 措施).  Each article
points at the division that contains it; each article holds paragraphs (款) and items
(项 （一）, 目 1．).  Flat lists keep the transforms simple (reordering, de-duplication,
chapter resolution) while the hierarchy stays derivable from the parent anchors.

Every element remembers the source line it came from, and every repair, gap or
conflict is a `Problem` on the document, so the audit is a by-product of reading.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

SEVERITIES = ("info", "warning", "error")


@dataclass
class Problem:
    code: str            # stable machine code, e.g. "article_gap"
    severity: str        # info | warning | error
    message: str         # Chinese, shown to readers
    line: Optional[int]  # 1-based source line, None when the file as a whole is meant
    end_line: Optional[int] = None  # last source line the record covers (dropped text)
    article: Optional["Article"] = None   # the article the record is about, when not the
                                          # one at its line (a conflict seen in a misplaced copy)

    def to_json(self) -> dict:
        return {"code": self.code, "severity": self.severity,
                "message": self.message, "line": self.line}


@dataclass
class Paragraph:
    """A 款, or an item (项/目) that keeps its own label in its text."""
    text: str
    line: int
    end_line: int = 0
    kind: str = "para"          # para | item | subitem | heading | note
    label: str = ""             # （一） or 1． for items
    number: int = 0             # the item's number, for anchors
    anchor: str = ""
    lines: list[int] = field(default_factory=list)  # every source line that fed the text
    spans: list = field(default_factory=list)       # Span links into the text, sorted, disjoint

    def __post_init__(self):
        if not self.end_line:
            self.end_line = self.line
        if not self.lines:
            self.lines = [self.line]


@dataclass
class Division:
    kind: str                  # book | chapter | section | part | subpart
    number: int
    label: str                 # 第一章 / 一、 / （一）
    title: str                 # 总则
    line: int
    anchor: str = ""
    parent: str = ""           # anchor of the enclosing division, "" at top level
    paragraphs: list[Paragraph] = field(default_factory=list)  # text directly in it
    start_known: bool = True   # False when the source does not say where it begins
    name: str = ""             # an unnumbered 附则/总则/分则: final/general/special, for its eId
    # shared between the grammar and the transforms while a document is read:
    starts_at: Optional["Article"] = field(default=None, repr=False)  # first article after the heading
    part: Optional["Division"] = field(default=None, repr=False)      # a 措施 group's part

    @property
    def heading(self) -> str:
        if self.label.endswith(("：", ":")):        # 附件一：标题 (an annex)
            return f"{self.label}{self.title}" if self.title else self.label[:-1]
        sep = "" if self.label.endswith(("、", "）", ")")) else " "
        return f"{self.label}{sep}{self.title}".strip()


@dataclass
class Article:
    number: int
    label: str                 # 第十二条之一 / 5． / （七）
    line: int
    suffix: int = 0            # 1 for 之一
    anchor: str = ""
    division: Optional[str] = None   # anchor of the innermost division, None if unknown
    chapter: Optional[str] = None    # anchor of its chapter (or 措施 part), None if unknown
    title: str = ""            # a measure's own heading (建立智算工作机制), if any
    paragraphs: list[Paragraph] = field(default_factory=list)
    end_line: int = 0
    # shared between the grammar and the transforms while a document is read:
    seq: int = 0               # which run of the numbering (0, or n after the nth restart at 第一条)
    part: Optional[Division] = field(default=None, repr=False)    # a measure's 一、 part
    group: Optional[Division] = field(default=None, repr=False)   # a measure's （一） group

    @property
    def key(self) -> tuple[int, int]:
        return (self.number, self.suffix)

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Document:
    source: str                # the path as given
    lines: list[str]           # the decoded source, one entry per line
    format: str = ""           # reader name
    title: str = ""
    subtitle: str = ""
    title_lines: list[int] = field(default_factory=list)
    slug: str = ""
    kind: str = ""             # 条例 / 措施 / 办法 / 法 / 决定 …
    style: str = "statute"     # statute (第X条) | measures (一、（一）1．)
    status: str = ""
    declared_status: str = ""  # status the source itself states
    issuer: str = ""
    dates: dict[str, str] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)         # front matter and similar
    history: list[Paragraph] = field(default_factory=list)   # 通过/批准/修订 notes
    preamble: list[Paragraph] = field(default_factory=list)  # notice, 序言, lead-in
    divisions: list[Division] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # text recognised and consciously not published as content (e.g. a 目录)
    omitted: list[Paragraph] = field(default_factory=list)
    definitions: list = field(default_factory=list)   # Definition records (transforms.definitions)
    # paragraphs joined to the one before (split_lines), for the orphan check (orphans)
    continuations: list[str] = field(default_factory=list)
    # values later stages compute from the finished document alone (the search index part),
    # kept with it so that the model cache saves recomputing them
    derived: dict = field(default_factory=dict)

    def report(self, code: str, severity: str, message: str,
               line: Optional[int] = None, end_line: Optional[int] = None,
               article: Optional["Article"] = None) -> Problem:
        assert severity in SEVERITIES, severity
        p = Problem(code, severity, message, line, end_line, article)
        self.problems.append(p)
        return p

    def division(self, anchor: Optional[str]) -> Optional[Division]:
        for d in self.divisions:
            if d.anchor == anchor:
                return d
        return None

    @property
    def chapters(self) -> list[Division]:
        """The divisions a reader pages through: 章 (or 一、 parts of a 措施)."""
        if self.style == "measures":
            return [d for d in self.divisions if d.kind == "part"]
        chapters = [d for d in self.divisions if d.kind == "chapter"]
        if not chapters:
            return [d for d in self.divisions if d.kind in ("book", "part")]
        # a 编 without chapters among 编 with chapters (刑法's 附则 after 第二编 分则) is a page too
        inside = {a for d in self.divisions if d.kind == "chapter"
                  for a in _ancestors(d.parent)}
        return [d for d in self.divisions
                if d.kind == "chapter" or (d.kind in ("book", "part") and d.anchor not in inside)]

    def all_paragraphs(self):
        """Every text element with its owner, in reading order."""
        for p in self.history:
            yield None, p
        for p in self.preamble:
            yield None, p
        for d in self.divisions:
            for p in d.paragraphs:
                yield d, p
        for a in self.articles:
            for p in a.paragraphs:
                yield a, p


def _ancestors(anchor: str):
    """book_2__subbook_1 -> book_2__subbook_1, book_2 (eids.enclosing)."""
    from .eids import enclosing
    return enclosing(anchor)


@dataclass
class Span:
    """A stretch of a paragraph's text that links somewhere (a defined term, a reference).

    start/end index Paragraph.text; target is (slug, anchor) with slug "" for the same
    document and anchor "" for a document's landing page; title is the hover text.
    """
    start: int
    end: int
    kind: str                 # term | term_external | ref | doc
    target: tuple[str, str]
    title: str = ""
    source_title: str = ""    # for term_external: the instrument that defines the term
