"""One source file -> one repaired, annotated Document (reader, grammar, transforms)."""
from __future__ import annotations

from pathlib import Path

from . import readers, slugs, sourcefile, structure
from .transforms import Context, run_all

SOURCE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def load(path, ctx: Context | None = None):
    """Read and transform one file. Raises sourcefile.SourceError for an unreadable file."""
    src = sourcefile.read(path)
    return load_text(src, ctx)


def load_text(src, ctx=None):
    doc, blocks = readers.read(src)
    structure.build(doc, blocks)
    if doc.style == "plain":
        doc.report("no_articles", "warning",
                   "原文中未识别出条文或措施编号，全文作为一页发布", None)
    if not doc.title:
        doc.title = Path(src.path).stem
        doc.report("no_title", "warning", "原文没有标题，以文件名代替", None)
    run_all(doc, ctx)
    _account(doc)
    doc.slug = doc.derived["base_slug"] = slugs.base_slug(doc.title + (doc.subtitle or ""))
    return doc


def _account(doc):
    """The safety net of "nothing lost": a source line whose text reached neither the model
    nor a record (a parser limit, a bug) is recorded as an error, so the build says so."""
    from . import audit
    for line, raw in audit.unaccounted(doc):
        doc.report("text_unaccounted", "error",
                   f"第{line}行的文字“{raw.strip()[:20]}”未能收入正文，请核对原件并报告此问题", line)


def sources(folder) -> list[Path]:
    root = Path(folder)
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)


def load_folder(folder, ctx=None, on_error=None):
    """All sources of a folder; unreadable files are passed to on_error and skipped."""
    docs = []
    for path in sources(folder):
        try:
            docs.append(load(path, ctx))
        except sourcefile.SourceError as exc:
            if on_error:
                on_error(exc)
    slugs.assign(docs)
    return docs
