"""Markdown with YAML front matter (title, author, dates, status) and '- **第一条**' bullet articles."""
from __future__ import annotations

import datetime as _dt

import yaml

from ..model import Paragraph
from .blocks import parse_markdown

NAME = "frontmatter-markdown"

# front matter key -> (document field or date name, expected type)
DATE_KEYS = {"date": "passed_or_revised", "publication_date": "published",
             "effective_date": "effective", "expiry_date": "expires"}
TEXT_KEYS = {"title": "title", "author": "issuer", "status": "declared_status"}
# What a reader loses when a key's value cannot be used decides the severity: a status or a
# date the status is computed from may make the page state a false status (error); a lost
# title falls back to the text's own title, a lost date or issuer is only missing (warning).
# An empty value (`date: ''`, `author:`) states nothing, so nothing is lost: no record.
SEVERITY = {"status": "error", "effective_date": "error", "expiry_date": "error"}


def _empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, (list, dict)) and not value


def detect(text: str) -> float:
    head = text.lstrip("\ufeff")
    return 0.9 if head.startswith("---\n") and "\n---" in head[4:] else 0.0


def read(doc, text):
    blocks, front = parse_markdown(text, doc)
    if front:
        _apply_front_matter(doc, *front)
    i = 0
    # a leading bold line equal to the title repeats it
    if blocks and blocks[0].all_bold and (not doc.title or blocks[0].text == doc.title):
        doc.title = doc.title or blocks[0].text
        doc.title_lines.append(blocks[0].line)
        i = 1
    while i < len(blocks) and blocks[i].kind == "quote":
        doc.history.append(Paragraph(blocks[i].text, blocks[i].line, kind="note"))
        i += 1
    return blocks[i:]


def _apply_front_matter(doc, content: str, first: int, last: int):
    doc.meta["front_matter_lines"] = (first, last)
    try:
        data = yaml.safe_load(content) if content.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first + 1 + mark.line if mark else first
        _keep_raw(doc, content, first)
        doc.report("front_matter_invalid", "error",
                   f"文件头（YAML）第{line}行无法解析：{getattr(exc, 'problem', exc)}；"
                   f"文件头未被采用，其原文保留在来源说明中", line, last)
        return
    if not isinstance(data, dict):
        _keep_raw(doc, content, first)
        doc.report("front_matter_invalid", "error", "文件头（YAML）应为键值对，未被采用", first, last)
        return
    doc.meta["front_matter"] = data
    lines = {}
    for n, raw in enumerate(content.split("\n")):
        key = raw.split(":", 1)[0].strip()
        if key and not raw.startswith((" ", "-")):
            lines[key] = first + 1 + n
    unused = []
    for key, value in data.items():
        line = lines.get(key, first)
        if key not in TEXT_KEYS and key not in DATE_KEYS and not _empty(value):
            unused.append(f"{key}：{_plain(value)}")
        if key not in TEXT_KEYS and key not in DATE_KEYS or _empty(value):
            continue
        severity = SEVERITY.get(key, "warning")
        if key in TEXT_KEYS:
            if isinstance(value, (int, float, _dt.date)) and not isinstance(value, bool):
                value = str(value)       # author: 3 is the text "3", said so in the notes
                doc.report("front_matter_type", "info",
                           f"文件头字段“{key}”的值“{value}”不是文本，按文本“{value}”使用", line)
            if not isinstance(value, str):
                doc.report("front_matter_type", severity,
                           f"文件头字段“{key}”应为文本，实为“{value}”，未被采用", line)
                continue
            setattr(doc, TEXT_KEYS[key], value.strip())
        elif key in DATE_KEYS:
            iso = _iso(value)
            if iso is None:
                doc.report("front_matter_type", severity,
                           f"文件头字段“{key}”应为日期（YYYY-MM-DD），实为“{value}”，未被采用", line)
                continue
            doc.meta.setdefault("front_dates", {})[DATE_KEYS[key]] = iso
    if unused:      # not shown on the page, so named here with their values
        doc.report("front_matter_unused", "info",
                   "文件头中的以下字段本站未使用，照录如下：" + "；".join(unused), first, last)


def _plain(value) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_plain(v)}" for k, v in value.items())
    return str(value)


def _keep_raw(doc, content: str, first: int):
    """An unusable front matter is kept verbatim (not published as text, listed in the notes)."""
    for n, raw in enumerate(content.split("\n")):
        if raw.strip():
            doc.omitted.append(Paragraph(raw, first + 1 + n, kind="front_matter"))


def _iso(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None
