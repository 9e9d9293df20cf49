"""A document as Word (.docx), with python-docx: title, metadata, 题注, preamble, the chapters,
sections, articles (as headings, so Word's navigation pane lists them), paragraphs and items,
the markers of missing articles, and the 来源说明.  The bytes depend on the document alone
(fixed zip and core-property dates), so a rebuild writes the same file."""
from __future__ import annotations

import datetime
import io
import zipfile

from .. import hierarchy
from ..model import Document
from . import markdown as md

EPOCH = (1980, 1, 1, 0, 0, 0)          # zip member dates: the same bytes on every build
FONT = "宋体"


SWITCH = "REGSITE_DOCX"


def enabled() -> bool:
    """Word files are made with `build --docx` / `bundle --docx` (REGSITE_DOCX=1): they take
    about as long again as the rest of a whole-corpus build (docs-dev/reading.md)."""
    import os
    return os.environ.get(SWITCH) == "1"


def docx_name(doc: Document) -> str:
    return f"{doc.slug}.docx"


def document_docx(doc: Document, pages: list, site_url: str = "") -> bytes:
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = Word()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = word.styles[name]
        style.font.name = FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    word.styles["Normal"].font.size = Pt(11)

    title = _styled(word, doc.title, "Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if doc.subtitle:
        word.add_paragraph(doc.subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER

    rows = [("文件类型", doc.kind), ("状态", doc.status)]
    if doc.issuer:
        rows.append(("制定机关", doc.issuer))
    rows += [(name, doc.dates[key]) for key, name in md.DATE_NAMES if key in doc.dates]
    rows.append(("条文数", str(len(doc.articles))))
    rows.append(("来源文件", doc.source.split("/")[-1]))
    if site_url:
        rows.append(("本站地址", f"{site_url.rstrip('/')}/{doc.slug}/index.html"))
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = k, v

    if doc.history:
        _styled(word, "题注", "Heading1")
        for p in doc.history:
            word.add_paragraph(p.text)
    body = [p for p in doc.preamble if p.kind not in ("status", "label")]
    if body:
        _styled(word, "征求意见的公告" if any("征求意见" in p.text for p in body) else "序言", "Heading1")
        for p in body:
            word.add_paragraph(p.text)

    for page in pages:
        _styled(word, page.title, "Heading1")
        for notice in page.notices:
            _note(word, notice)
        if page.division is not None and doc.style != "measures":
            for p in page.division.paragraphs:
                _paragraph(word, p)
        current = page.division.anchor if page.division else None
        for a in page.articles:
            if a.division and a.division != current:
                d = doc.division(a.division)
                if d is not None and d.kind in ("section", "subpart") and d.anchor != current:
                    _styled(word, d.heading, "Heading2")
                current = a.division
            gap = md.gap_before(doc, a)
            if gap is not None:
                first, last = gap
                span = hierarchy.missing_span(doc.style, first, last)
                _note(word, f"{span} 原文缺失，本站未补写（见文末“来源说明”）")
            _styled(word, f"{a.label}{a.title}" if a.title else a.label, "Heading3")
            if not a.paragraphs:
                _note(word, "（本条在原文中没有正文）")
            for p in a.paragraphs:
                _paragraph(word, p)

    _styled(word, "来源说明", "Heading1")
    if not doc.problems:
        word.add_paragraph("本文件在导入时未发现需要说明的问题，文字未作任何改动。")
    for p in doc.problems:
        where = f"第{p.line}行：" if p.line and not p.message.startswith(f"第{p.line}行") else ""
        _styled(word, f"{md.code_title(p.code)}　{where}{p.message}", "ListBullet")

    props = word.core_properties
    props.title = doc.title
    props.author = doc.issuer or ""
    props.comments = f"由法规文本库生成，来源文件 {doc.source.split('/')[-1]}"
    fixed = datetime.datetime(2000, 1, 1)
    props.created = props.modified = props.last_printed = fixed
    props.revision = 1
    raw = io.BytesIO()
    word.save(raw)
    return _stable_zip(raw.getvalue())


def _styled(word, text, style_id):
    """A paragraph in a style of the default template, named by its id: python-docx's lookup
    by name scans every style and took 90 % of the time."""
    para = word.add_paragraph(text)
    para._p.style = style_id
    return para


def _paragraph(word, p):
    para = word.add_paragraph(p.text)
    fmt = para.paragraph_format
    if p.kind == "item":
        fmt.left_indent = fmt.first_line_indent = None
        fmt.left_indent = _cm(0.75)
    elif p.kind == "subitem":
        fmt.left_indent = _cm(1.5)
    else:
        fmt.first_line_indent = _cm(0.75)
    return para


def _note(word, text):
    para = word.add_paragraph()
    run = para.add_run(text)
    run.italic = True
    return para


def _cm(value):
    from docx.shared import Cm
    return Cm(value)


def _stable_zip(data: bytes) -> bytes:
    """The same members, in the same order, with a fixed date and mode."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
