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

from dataclasses import asdict, dataclass, field
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
    repeals: list = field(default_factory=list)       # Repeal records (transforms.repeals)
    # paragraphs joined to the one before (split_lines), for the orphan check (orphans)
    continuations: list[str] = field(default_factory=list)
    # what stages after reading compute about the document (Derived: each field says who
    # writes and who reads it); pickled with it, so the model cache keeps the per-document ones
    derived: "Derived" = field(default_factory=lambda: Derived())

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


# ------------------------------------------------------------------ computed after reading

@dataclass
class CompareInfo:
    """The pair a version's comparison page (新旧对照) shows (versions._compare_with)."""
    old: str                  # slug of the older text (a draft: the draft)
    new: str                  # slug of the newer text (a draft: the text enacted from it)
    old_label: str            # （2017年修正）
    new_label: str
    old_date: str
    new_date: str
    title: str                # the newer text's title


@dataclass
class Successor:
    """The version that replaced this one (versions.compute_status)."""
    slug: str                 # its permanent address
    page: str                 # where its pages are rendered
    date: str
    title: str
    label: str
    in_force_from: str


@dataclass
class RepealedBy:
    """The text whose own words repeal this instrument (versions.apply_repeals)."""
    page: str                 # where the repealing text's pages are rendered
    title: str
    label: str                # the repealing article (第三十八条), "" outside articles
    date: str                 # the repealing text's entry into force: repealed from then


@dataclass
class VersionEntry:
    """One version of the work, as every version of it lists them."""
    slug: str                 # its permanent address, "" when it has none
    work: str                 # where its pages are rendered (its document's slug)
    date: str
    label: str
    status: str
    title: str
    draft: bool
    copy: bool                # the same version filed again (another folder)
    in_force_from: str
    compare: bool             # it has a comparison page


@dataclass
class HistoryEntry:
    """One event of the work's history (history.Event, from the 题注)."""
    date: str
    kind: str                 # 通过 | 批准 | 公布 | 修正 | 修订 | 施行 | 废止
    label: str
    body: str
    instrument: str
    version: str              # permanent address of the text the event made, "" when none
    page: str                 # where that text's pages are rendered, "" when none


@dataclass
class VersionInfo:
    """A version and its work as plain, picklable, comparable data: what the pages of a
    version depend on besides its own text.  versions.apply writes it (versions.summary);
    the writers, citations, assemble and export read it.  Its JSON (to_json, field order
    kept) is export's "version"."""
    work: str = ""            # the work's key (normalised title)
    family: str = ""          # issuing-body family
    date: str = ""            # the version's date (ISO), "" unknown
    date_source: str = ""     # 文件名 | 题注 | 公布日期 …
    address: str = ""         # permanent address SLUG-vYYYY-MM-DD, "" when none
    aliases: list[str] = field(default_factory=list)   # former addresses forwarding here
    work_address: str = ""    # the work's address when it has several texts, else ""
    page: str = ""            # where this version's pages are rendered
    label: str = ""           # （2017年修正）
    status: str = ""
    kind: str = ""            # the event that made this text
    draft: bool = False
    in_force_from: str = ""
    compare: Optional[CompareInfo] = None       # its comparison page, None when it has none
    replaced_by: Optional[Successor] = None
    current: str = ""         # slug of the work's current version
    versions: list[VersionEntry] = field(default_factory=list)   # every version of the work
    events: list[HistoryEntry] = field(default_factory=list)     # the work's history
    notes: list[list[str]] = field(default_factory=list)         # [problem code, Chinese message]
    repealed_by: Optional[RepealedBy] = None    # repealed in another text's own words
    repeal_pending: Optional[RepealedBy] = None  # to be repealed by a text not yet in force

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class AlignedPair:
    old: Optional[str]        # anchor in the previous text, None for an added article
    new: Optional[str]        # anchor in this text, None for a deleted article
    kind: str                 # same | changed | added | deleted
    moved: bool


@dataclass
class Alignment:
    """A text's articles paired with its predecessor's (compare.align), for export."""
    previous: str             # slug of the previous text
    pairs: list[AlignedPair] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Derived:
    """What the stages after reading compute about a document, each field with its writer
    and its readers.  The per-document ones (base_slug, outgoing, named, search) are pickled
    with the document in the model cache; the collection-level ones are recomputed per build."""
    # pipeline.read: the slug of the title before slugs.assign made it unique;
    # read by slugs.assign and versions (addresses, aliases)
    base_slug: str = ""
    # loading.load_sources: the model-cache key of the document (None: not cached);
    # read by assemble and export to key what is cached beside the model
    model_key: Optional[str] = None
    # versions.apply: the version and its work; None for a document read alone
    version: Optional[VersionInfo] = None
    # assemble.article_history: article anchor -> [(kind, slug, anchor, label, version label)];
    # None outside works with several texts; read by writers/markdown (本条沿革)
    article_history: Optional[dict[str, list[tuple]]] = None
    # transforms.crossrefs: [crossrefs.Outgoing] references to other instruments; None until
    # crossrefs ran; read by citations.resolve
    outgoing: Optional[list] = None
    # transforms.crossrefs: every name written in 《》 in the text, sorted; read by citations
    named: list[str] = field(default_factory=list)
    # writers/search_index.part: (grams, records JSON), None until computed; read by it again;
    # the load stage moves it into a file (search_index.Parts) and sets it to None
    search: Optional[tuple[str, str]] = None
    # export --all (cli): the alignment with the previous text; read by export.to_json
    alignment: Optional[Alignment] = None

    @property
    def version_or_blank(self) -> VersionInfo:
        """The version data, every field empty when versions.apply did not run."""
        return self.version if self.version is not None else VersionInfo()
