"""Kind, dates (passed, approved, published, amended, effective, expires), issuer and status."""
from __future__ import annotations

import datetime as dt
import re

from .. import history, numerals
from ..history import DATE, DATE_RE
from ..readers.plaintext import STATUS_LABEL

KINDS = ["实施细则", "实施办法", "修正案", "条例", "规定", "办法", "细则", "决定",
         "措施", "意见", "方案", "通知", "解释", "规则", "规划", "纲要", "批复", "决议", "公告", "答复",
         "法典", "宪法", "法"]
# the dates named after the events of the 题注 (history.py)
DATE_OF = {"通过": "passed", "批准": "approved", "公布": "published", "修正": "amended", "修订": "amended",
           "施行": "effective"}
EFFECTIVE_RE = re.compile(rf"自{DATE}起(?:施行|执行|实施)")
BLANK_RE = re.compile(r"自\s*年\s*月\s*日起(?:施行|执行|实施)")
# The instrument naming itself: 本条例, 本办法, 本暂行规定, 本文件 … (never 本市, 本条, 本法)
SELF = (r"本《?(?:暂行|实施|若干|政策|行动|工作)?(?:实施细则|实施办法|实施意见|行动计划|条例|办法|规定|"
        r"细则|决定|措施|文件|通知|意见|方案|规则|规范|规划|纲要|计划|指引|准则|公告|通告|修正案|安排|解释|"
        r"批复|决议)》?")
# its lifetime: 有效期3年 / 有效期为五年 / 有效期至2027年12月31日
LIFETIME = (r"有效期限?(?:为|是)?(?:(?P<years>[0-9０-９]+|[一二两三四五六七八九十]+)年"
            r"|(?:至|到)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日)")
# a sentence whose subject is the instrument and which states its lifetime, possibly after
# its entry into force: 本措施自2024年1月25日起施行，有效期3年 / 本办法有效期五年
SELF_LIFETIME_RE = re.compile(rf"^{SELF}(?:自[^，,。；]*?(?:施行|执行|实施|生效)[，,]?)?的?{LIFETIME}")
# a bare lifetime sentence right after the instrument's own entry-into-force sentence:
# 本办法自印发之日起施行。有效期3年。
BARE_LIFETIME_RE = re.compile(rf"^{LIFETIME}")
SELF_START_RE = re.compile(rf"^{SELF}自[^。；]*?(?:施行|执行|实施|生效)$")
SELF_EFFECTIVE_RE = re.compile(rf"{SELF}自{DATE}起(?:施行|执行|实施)")
ARTICLE_LABEL_RE = re.compile(r"^第[一二三四五六七八九十百千零〇0-9]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*")
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
    # the front matter's `date` is the date of passing or of the last revision: shown only
    # as the date the text gives it; a date the text does not give is named, not dropped
    other = front.get("passed_or_revised")
    if other and other not in doc.dates.values():
        lines = doc.meta.get("front_matter_lines", (None, None))
        doc.report("front_matter_unused", "info",
                   f"文件头字段“date”为{other}，正文的题注中没有这一日期，本站无法判断它是通过日期还是修改日期，"
                   "未在日期栏中显示", lines[0], lines[1])


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
    """passed, approved, published, amended (the latest), effective from the 题注's events; a
    second adoption not done jointly is an amendment."""
    for e in history.events(doc):
        name = DATE_OF.get(e.kind)
        if name is None:
            continue
        if name == "passed" and "passed" in doc.dates and not e.joint:
            name = "amended"
        if name == "amended":
            doc.dates["amended"] = max(doc.dates.get("amended", e.date), e.date)
        else:
            doc.dates.setdefault(name, e.date)
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
    _own_effective_in_preamble(doc)
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


def _own_effective_in_preamble(doc):
    """A text without articles (批复, 决定, 修正案 read as plain text: 13 corpus files) states
    its own entry into force in a paragraph: `三、本批复自2021年1月1日起施行。`.  Only a
    sentence whose subject is the instrument counts, outside a quotation (a 修改决定 quotes
    the amended text's own clause)."""
    if doc.articles or "effective" in doc.dates:
        return
    for p in doc.preamble:
        for m in SELF_EFFECTIVE_RE.finditer(p.text):
            before = p.text[:m.start()]
            if before.count("“") > before.count("”") or not iso(m):
                continue
            doc.dates["effective"] = iso(m)
            return


def lifetime_clause(text: str):
    """The instrument's own lifetime stated in a paragraph: (match, sentence) or None.

    Only a sentence whose subject is the instrument itself counts (本条例/本办法/本措施/
    本文件…有效期N年, or 有效期至DATE), or a bare 有效期N年 sentence right after the
    instrument's entry-into-force sentence.  The lifetime of a licence, a certificate or an
    identity card (许可证有效期为五年) is never the instrument's."""
    body = ARTICLE_LABEL_RE.sub("", text.strip())
    sentences = [s for s in re.split(r"(?<=[。；])", body) if s.strip()]
    previous = ""
    for sentence in sentences:
        bare = sentence.strip().rstrip("。；")
        m = SELF_LIFETIME_RE.match(bare)
        if m:
            return m, sentence.strip()
        if SELF_START_RE.match(previous.strip().rstrip("。；")):
            m = BARE_LIFETIME_RE.match(bare)
            if m:
                return m, (previous + sentence).strip()
        previous = sentence
    return None


def _expiry(doc):
    for owner, p in _texts(doc):
        found = lifetime_clause(p.text)
        if not found:
            continue
        m, sentence = found
        if "expires" in doc.dates:      # the source's own metadata states it
            return
        if m.group("y"):
            date = iso_ymd(m.group("y"), m.group("m"), m.group("d"))
            if date:
                doc.dates["expires"] = date
                doc.report("expiry_from_text", "info",
                           f"失效日期{date}取自原文“{sentence}”；本站据此判断文件状态", p.line)
            return
        years = numerals.to_int(m.group("years").translate(FULLWIDTH_DIGITS))
        start = doc.dates.get("effective")
        if start:
            d = dt.date.fromisoformat(start)
            try:
                end = d.replace(year=d.year + years)
            except ValueError:          # 29 February
                end = d.replace(year=d.year + years, day=28)
            doc.dates["expires"] = (end - dt.timedelta(days=1)).isoformat()
            doc.report("expiry_from_text", "info",
                       f"失效日期{doc.dates['expires']}由原文“{sentence}”推算（自施行日期{start}起"
                       f"{years}年）；本站据此判断文件状态", p.line)
        else:
            doc.report("expiry_unknown", "info",
                       f"原文规定有效期{m.group('years')}年（“{sentence}”），但未载明具体施行日期"
                       "（如“自印发之日起施行”），无法计算失效日期", p.line)
        return


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def iso_ymd(y, m, d) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _issuer(doc):
    if doc.issuer:
        return
    for p in doc.history:
        # 2024年1月17日 最高人民法院审判委员会第1912次会议、2024年1月3日最高人民检察院第十四届
        # 检察委员会第二十次会议通过: a text adopted jointly names every body, none garbled
        bodies = []
        for m in re.finditer(rf"{DATE}\s*([^、，,。；\d]+?)第[一二三四五六七八九十百零〇\d]+次(?:全体)?会议", p.text):
            body = re.sub(r"第[一二三四五六七八九十]+届", "", m.group(4)).strip()
            if body and body not in bodies:
                bodies.append(body)
        if bodies:
            doc.issuer = "、".join(bodies)
            return
    for p in doc.preamble:
        m = re.fullmatch(r"(.{2,30}?)关于", p.text.strip())
        if p.kind == "heading" and m:
            doc.issuer = m.group(1)
            return


def status(doc, today) -> str:
    if doc.declared_status in DRAFT:
        deadline = doc.dates.get("comment_deadline")
        return "征求意见已截止" if deadline and deadline < today.isoformat() else doc.declared_status
    expires, effective = doc.dates.get("expires"), doc.dates.get("effective")
    if expires and expires < today.isoformat():
        return "已失效"
    if effective and effective > today.isoformat():
        return "尚未生效"
    # the words of versions.py, which refines this status with the rest of the collection
    return "现行有效" if doc.declared_status in ("", "有效") else doc.declared_status
