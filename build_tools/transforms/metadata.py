"""Kind, dates (passed, approved, published, amended, effective, expires), issuer and status."""
from __future__ import annotations

import datetime as dt
import re

from .. import numerals
from ..readers.plaintext import STATUS_LABEL

DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
DATE_RE = re.compile(DATE)
KINDS = ["实施细则", "实施办法", "修正案", "条例", "规定", "办法", "细则", "决定",
         "措施", "意见", "方案", "通知", "解释", "规则", "规划", "纲要", "批复", "决议", "公告", "答复",
         "法典", "宪法", "法"]
EVENT_WORDS = [("批准", "approved"), ("修订", "amended"), ("修正", "amended"), ("公布", "published"),
               ("发布", "published"), ("印发", "published"), ("施行", "effective"), ("通过", "passed")]
EFFECTIVE_RE = re.compile(rf"自{DATE}起(?:施行|执行|实施)")
BLANK_RE = re.compile(r"自\s*年\s*月\s*日起(?:施行|执行|实施)")
VALIDITY_RE = re.compile(r"有效期(?:为)?([0-9]+|[一二三四五六七八九十]+)年")
DRAFT = ("征求意见稿", "草案", "送审稿", "公开征求意见稿")


def iso(m) -> str | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def run(doc, ctx):
    _status_label(doc)
    doc.kind = doc.kind or kind_of(doc.title)
    _history_dates(doc)
    front = doc.meta.get("front_dates", {})
    for name in ("published", "effective", "expires"):
        if name in front:
            doc.dates[name] = front[name]
    _effective_from_text(doc)
    _expiry(doc)
    _issuer(doc)
    doc.status = status(doc, ctx.today)


def kind_of(title: str) -> str:
    bare = re.sub(r"[（(][^）)]*[）)]$", "", title).strip()
    for k in KINDS:
        if bare.endswith(k):
            return "法" if k in ("法典", "宪法") else k
    return "其他"


def _status_label(doc):
    """A '(征求意见稿)' line right after the title states the status."""
    if doc.preamble and STATUS_LABEL.match(doc.preamble[0].text):
        doc.preamble[0].kind = "status"
        doc.declared_status = doc.declared_status or STATUS_LABEL.match(doc.preamble[0].text).group(1)
    if not doc.declared_status:
        m = re.search(r"[（(](征求意见稿|草案|送审稿)[)）]", doc.title)
        if m:
            doc.declared_status = m.group(1)


def _history_dates(doc):
    for p in doc.history:
        matches = list(DATE_RE.finditer(p.text))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(p.text)
            clause = p.text[m.end():end]
            name = next((n for w, n in EVENT_WORDS if w in clause), None)
            date = iso(m)
            if not name or not date:
                continue
            if name == "passed" and ("修正案" in clause or "修改" in clause or "决定" in clause):
                name = "amended"
            if name == "passed" and "passed" in doc.dates:
                name = "amended"
            if name == "amended":
                doc.dates["amended"] = max(doc.dates.get("amended", date), date)
            else:
                doc.dates.setdefault(name, date)
            if "公布施行" in clause or ("公布" in clause and "施行" in clause):
                doc.dates.setdefault("effective", date)
    # a notice for comments: its closing date line and its deadline
    for p in doc.preamble:
        m = re.fullmatch(DATE, p.text.strip())
        if m and iso(m):
            doc.dates.setdefault("published", iso(m))
        m = re.search(rf"请于{DATE}前", p.text)
        if m and iso(m):
            doc.dates.setdefault("comment_deadline", iso(m))


def _texts(doc):
    for owner, p in doc.all_paragraphs():
        if owner is not None:
            yield owner, p


def _effective_from_text(doc):
    for owner, p in _texts(doc):
        m = EFFECTIVE_RE.search(p.text)
        if m and iso(m) and "effective" not in doc.dates:
            doc.dates["effective"] = iso(m)
        if BLANK_RE.search(p.text):
            doc.report("blank_date", "info",
                       "施行日期在原文中留空（“自 年 月 日起施行”），本站未填写", p.line)
        if re.search(r"自(公布|发布)之日起(施行|执行)", p.text) and "effective" not in doc.dates \
                and "published" in doc.dates:
            doc.dates["effective"] = doc.dates["published"]


def _expiry(doc):
    for owner, p in _texts(doc):
        m = VALIDITY_RE.search(p.text)
        if not m:
            continue
        years = numerals.to_int(m.group(1))
        start = doc.dates.get("effective")
        if start and "expires" not in doc.dates:
            d = dt.date.fromisoformat(start)
            try:
                end = d.replace(year=d.year + years)
            except ValueError:          # 29 February
                end = d.replace(year=d.year + years, day=28)
            doc.dates["expires"] = (end - dt.timedelta(days=1)).isoformat()
        elif not start:
            doc.report("expiry_unknown", "info",
                       f"原文规定有效期{m.group(1)}年，但未载明具体施行日期（如“自印发之日起施行”），"
                       "无法计算失效日期", p.line)
        return


def _issuer(doc):
    if doc.issuer:
        return
    for p in doc.history:
        m = re.search(rf"{DATE}\s*(.+?)第[一二三四五六七八九十百]+次(?:全体)?会议", p.text)
        if m:
            body = re.sub(r"第[一二三四五六七八九十]+届", "", m.group(4)).strip()
            if body:
                doc.issuer = body
                return
    for p in doc.preamble:
        m = re.fullmatch(r"(.{2,30}?)关于", p.text.strip())
        if p.kind == "heading" and m:
            doc.issuer = m.group(1)
            return


def status(doc, today) -> str:
    if doc.declared_status in DRAFT:
        return doc.declared_status
    expires, effective = doc.dates.get("expires"), doc.dates.get("effective")
    if expires and expires < today.isoformat():
        return "已失效"
    if effective and effective > today.isoformat():
        return "尚未施行"
    return doc.declared_status or "有效"
