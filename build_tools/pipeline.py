"""One source file -> one repaired, annotated Document (reader, grammar, transforms)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from . import readers, slugs, sourcefile, structure
from .transforms import Context, run_all

SOURCE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


def load(path, ctx: Context | None = None, memo=None):
    """Read and transform one file. Raises sourcefile.SourceError for an unreadable file.
    memo: the build's slugs.Memo, if any (the title's slug from an earlier build)."""
    src = sourcefile.read(path)
    return load_text(src, ctx, memo)


# invisible formatting, not text: zero-width space, non-joiner and joiner, LRM/RLM, word
# joiner, BOM inside the text; and the bidi embeddings, overrides and isolates, which make a
# title display otherwise than it reads (贵阳市\u202e例条进促\u202c管理办法)
INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_invisible(text: str):
    """text without invisible formatting characters, and [(line, characters removed)]."""
    found = []
    if not (INVISIBLE.search(text) or BIDI.search(text)):
        return text, found
    lines = text.split("\n")
    for i, line in enumerate(lines):
        chars = INVISIBLE.findall(line) + BIDI.findall(line)
        if chars:
            found.append((i + 1, chars))
            lines[i] = BIDI.sub("", INVISIBLE.sub("", line))
    return "\n".join(lines), found


def load_text(src, ctx=None, memo=None):
    text, removed = strip_invisible(src.text)
    if removed:
        src = sourcefile.SourceText(src.path, text, src.encoding, src.notes)
    doc, blocks = readers.read(src)
    if removed:
        _report_invisible(doc, removed)
    structure.build(doc, blocks)
    if doc.style == "plain":
        doc.report("no_articles", "warning",
                   "原文中未识别出条文或措施编号，全文作为一页发布", None)
    if not doc.title:
        doc.title = Path(src.path).stem
        doc.report("no_title", "warning", "原文没有标题，以文件名代替", None)
    run_all(doc, ctx)
    _account(doc)
    title = doc.title + (doc.subtitle or "")
    doc.slug = doc.derived.base_slug = memo.base_slug(title) if memo is not None else slugs.base_slug(title)
    return doc


def _report_invisible(doc, removed):
    bidi = any(BIDI.match(c) for _, chars in removed for c in chars)
    kinds = sorted({f"U+{ord(c):04X}" for _, chars in removed for c in chars})
    lines = "、".join(str(n) for n, _ in removed[:8]) + ("等" if len(removed) > 8 else "")
    doc.report("invisible_removed", "warning" if bidi else "info",
               f"原文第{lines}行共有 {sum(len(c) for _, c in removed)} 个不可见的格式字符"
               f"（{'、'.join(kinds)}{'，其中有改变文字显示方向的双向控制符' if bidi else ''}），"
               "不是文字，已删除", removed[0][0])


def _account(doc):
    """The safety net of "nothing lost": a source line whose text reached neither the model
    nor a record (a parser limit, a bug) is recorded as an error, so the build says so."""
    from . import audit
    for line, raw in audit.unaccounted(doc, structure=False):
        doc.report("text_unaccounted", "error",
                   f"第{line}行的文字“{raw.strip()[:20]}”未能收入正文，请核对原件并报告此问题", line)
    # a line that looks like an article, a heading or an annex start, whatever the reader took
    # it for, must have its element in the model; an article that is not can neither be cited
    # nor found (error), a heading or an annex start only loses its place in the structure
    for line, kind, raw in audit.unplaced(doc):
        what = audit.KIND_NAMES[kind]
        doc.report("structure_unplaced", "error" if kind == "article" else "warning",
                   f"第{line}行“{raw.strip()[:30]}”形如{what}，但本站未能将其作为{what}收入正文结构"
                   f"（{'其文字只作为原文目录列在来源说明中，未在正文中发布' if line in audit.omitted_lines(doc) else '其文字仍在正文中'}），请核对原件", line)


def sources(folder, allow_outside=False) -> list[Path]:
    return scan(folder, allow_outside)[0]


def scan(folder, allow_outside=False) -> tuple[list[Path], list[sourcefile.SourceError]]:
    """The source files of a folder, and why others that look like sources are not read:
    a symbolic link that leads nowhere or in a loop, or (unless allow_outside) out of the
    source folder, and anything that is not a regular file.  Links inside the folder are
    read; a linked folder inside it is not entered (its files are read where they are)."""
    root = Path(folder)
    real_root = root.resolve()
    paths: list[Path] = []
    errors: list[sourcefile.SourceError] = []
    seen: set[str] = set()

    def inside(target: Path) -> bool:
        return target == real_root or target.is_relative_to(real_root)

    for dirpath, dirnames, filenames in os.walk(root, followlinks=allow_outside):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        for name in list(dirnames):
            p = Path(dirpath) / name
            if not p.is_symlink():
                continue
            target = Path(os.path.realpath(p))
            if inside(target):
                dirnames.remove(name)          # read where it really is
            elif not allow_outside:
                dirnames.remove(name)
                errors.append(sourcefile.SourceError(
                    p, f"符号链接指向源文件夹之外的文件夹（{target}），为安全起见未读取；"
                       "确需读取请加 --allow-outside-links"))
        for name in filenames:
            p = Path(dirpath) / name
            if p.suffix.lower() not in SOURCE_SUFFIXES:
                continue
            if p.is_symlink():
                try:
                    target = p.resolve(strict=True)
                except (OSError, RuntimeError):
                    errors.append(sourcefile.SourceError(
                        p, "符号链接无效：目标不存在或链接成环（dangling or looping symlink），未读取"))
                    continue
                if not allow_outside and not inside(target):
                    errors.append(sourcefile.SourceError(
                        p, f"符号链接指向源文件夹之外的文件（{target}），为安全起见未读取；"
                           "确需读取请加 --allow-outside-links"))
                    continue
            if not p.is_file():
                errors.append(sourcefile.SourceError(p, "不是普通文件（not a regular file），未读取"))
                continue
            paths.append(p)
    return sorted(paths), sorted(errors, key=lambda e: e.path)


def load_folder(folder, ctx=None, on_error=None, allow_outside=False):
    """All sources of a folder; unreadable files are passed to on_error and skipped."""
    docs = []
    found, errors = scan(folder, allow_outside)
    for exc in errors:
        if on_error:
            on_error(exc)
    for path in found:
        try:
            docs.append(load(path, ctx))
        except sourcefile.SourceError as exc:
            if on_error:
                on_error(exc)
    slugs.assign(docs)
    return docs
