"""Versions of one instrument as one work: grouping, history events and computed status.

A *work* is one instrument (行政复议法); a *version* is one text of it in the collection
(行政复议法(2017-09-01).md, 行政复议法(2023-09-01).md), a draft for comment included.  This
module is collection-level: it runs after every document has been read (commands.generate)
and needs nothing but the finished documents and the build date.

    group(docs)               -> [Work], every document in exactly one work
    events(doc)               -> [Event] read from the document's 题注 (history.py)
    apply(docs, today)        -> [Work] and each document's collection status set
    version_in_force(work, d) -> the version in force on date d (None if none was)
    slug_in_force(doc, d)     -> the same from a built document alone (its slug)

How each grouping was decided is kept in Work.notes (Chinese, shown in the source notes).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .model import CompareInfo, HistoryEntry, RepealedBy, Successor, VersionEntry, VersionInfo
from .history import Event, events  # noqa: F401  (the 题注 reader; events(doc) is part of this module's API)

PREFIX = "中华人民共和国"
DRAFT_WORDS = ("征求意见稿", "草案", "送审稿", "公开征求意见稿")
IN_FORCE = "现行有效"
SUPERSEDED = ("已被修订", "已被修正", "已被修改")
FILE_DATE = re.compile(r"[（(](\d{4}-\d{2}-\d{2})[)）]")
# trailing labels that name a stage or a version, not the instrument
# （2017年修正） names a version; （1988年） after 宪法修正案 names the instrument and stays
LABEL = re.compile(r"[（(][^（）()]*(?:草案|征求意见|送审|修订|修正)[^（）()]*[)）]")


# ------------------------------------------------------------------ data

@dataclass
class Version:
    doc: object                    # model.Document
    date: str                      # the version's date (ISO), "" when unknown
    date_source: str               # 文件名 | 题注 | 公布日期 …
    kind: str = ""                 # the event that made this text: 通过 | 修正 | 修订 | 草案 …
    draft: bool = False
    status: str = ""
    replaced_by: Optional["Version"] = None
    in_force_from: str = ""        # the date from which this version governs ("" unknown)
    copy_of: Optional["Version"] = None   # the same version filed again (another folder)
    address: str = ""              # the permanent address of this text (SLUG-vYYYY-MM-DD), see assign_addresses
    aliases: list[str] = field(default_factory=list)   # former addresses forwarding to this text (assign_aliases)
    notes: list[tuple[str, str]] = field(default_factory=list)   # (problem code, Chinese message)
    repealed_by: Optional[RepealedBy] = None   # apply_repeals: the text repealing this one
    repeal_pending: Optional[RepealedBy] = None   # apply_repeals: a text not yet in force repealing it

    @property
    def slug(self) -> str:
        return self.doc.slug

    @property
    def label(self) -> str:
        """（2017年修正）, （2023年修订）, （征求意见稿）: the version in a citation."""
        if self.draft:
            return f"（{self.doc.declared_status or '草案'}）"
        if not self.date:
            return ""
        if self.kind in ("修正", "修订"):
            return f"（{self.date[:4]}年{self.kind}）"
        return f"（{self.date[:4]}年）"


@dataclass
class Work:
    key: str                       # normalised title
    family: str                    # issuing-body family, "" unknown
    versions: list[Version]        # oldest first; drafts by date among them
    notes: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def texts(self) -> list[Version]:
        """The versions without the second files of one version."""
        return [v for v in self.versions if v.copy_of is None]

    @property
    def multiple(self) -> bool:
        return len(self.texts) > 1

    def current(self) -> Optional[Version]:
        """The version the work's address shows: the one in force, else the newest enacted
        text, else the newest draft."""
        for v in reversed(self.versions):
            if v.status == IN_FORCE:
                return v
        enacted = [v for v in self.versions if not v.draft]
        return (enacted or self.versions)[-1] if self.versions else None


# ------------------------------------------------------------------ titles and issuers

def normalise_title(title: str) -> str:
    """The instrument's name without the 中华人民共和国 prefix (also inside 《》), stage and
    version labels, spaces and width differences of brackets."""
    t = re.sub(r"\s+", "", title or "")
    t = t.replace("(", "（").replace(")", "）").replace("<", "〈").replace(">", "〉")
    t = t.replace("〈", "《").replace("〉", "》")
    while True:
        stripped = LABEL.sub("", t)
        if stripped == t:
            break
        t = stripped
    t = t.replace("《" + PREFIX, "《")
    if t.startswith(PREFIX) and len(t) > len(PREFIX) + 1:
        t = t[len(PREFIX):]
    return t


NATIONAL = ("全国人民代表大会", "国务院", "最高人民法院", "最高人民检察院", "中央军事委员会",
            "中共中央", "中国人民解放军")
PLACE = re.compile(r"^(.{1,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|县|旗|盟))")


def family(doc) -> str:
    """The issuing body's family: jurisdiction and kind of body (全国·司法, 广东省·立法行政),
    "" when the document names no issuer."""
    issuer = re.sub(r"\s+", "", doc.issuer or "")
    issuer = re.sub(r"^第[一二三四五六七八九十]+届", "", issuer)
    if not issuer:      # 国务院令第406号公布, 中华人民共和国主席令第七十六号公布
        notes = "".join(p.text for p in doc.history)
        if re.search(r"国务院令|国务院(?:、中央军事委员会)?(?:公布|发布)", notes):
            return "全国·立法行政"
        if "主席令" in notes:
            return "全国·立法行政"
        return ""
    if issuer.startswith(NATIONAL) or issuer.startswith(PREFIX):
        where = "全国"
    else:
        m = PLACE.match(issuer)
        where = m.group(1) if m else issuer
    # 人大 and 政府 of one place make its regulations; courts and procuratorates (often jointly)
    # its judicial interpretations
    body = "司法" if ("法院" in issuer or "检察院" in issuer) else "立法行政"
    return f"{where}·{body}"


def is_draft(doc) -> bool:
    return doc.declared_status in DRAFT_WORDS


# ------------------------------------------------------------------ grouping

def version_date(doc, evs: list[Event]) -> tuple[str, str]:
    """(date, where it came from): the date in the file name (LawRefBook's 行政复议法(2017-09-01)),
    else the latest 通过/修正/修订 of the 题注, else the publication, passing or effective date."""
    m = FILE_DATE.search(Path(doc.source).name)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1)).isoformat(), "文件名"
        except ValueError:
            pass
    made = [e.date for e in evs if e.kind in MADE]
    if made:
        return max(made), "题注"
    for key, name in (("published", "公布日期"), ("passed", "通过日期"), ("effective", "施行日期")):
        if doc.dates.get(key):
            return doc.dates[key], name
    return "", ""


def group(docs) -> list[Work]:
    """Every document in exactly one work: same normalised title and, where both name one,
    the same issuing-body family."""
    by_key: dict[str, list] = {}
    for d in docs:
        by_key.setdefault(normalise_title(d.title) or d.source, []).append(d)
    works: list[Work] = []
    for key, members in by_key.items():
        if len(members) == 1:
            works.append(_work(key, family(members[0]), members, []))
            continue
        dates = {version_date(d, events(d))[0] for d in members}
        if len(dates) == 1 and not any(is_draft(d) for d in members) and not _copies(members):
            # one text in several files (the 民法典 published per 编): parts, not versions
            for d in members:
                works.append(_work(key, family(d), [d], [
                    f"另有{len(members) - 1}个文件标题同为“{key}”且版本日期相同（{next(iter(dates)) or '不明'}），"
                    "条文不同，视为同一文本的不同部分，不作为版本归并"]))
            continue
        fams: dict[str, list] = {}
        for d in members:
            fams.setdefault(family(d), []).append(d)
        known = [f for f in fams if f]
        titles = "、".join(sorted({d.title for d in members}))
        if len(known) <= 1:
            notes = [f"按标题归并：以下文件的标题（{titles}）去掉“中华人民共和国”、草案或征求意见稿标注"
                     f"和文件名中的版本日期后相同，均为“{key}”"]
            if known and "" in fams:
                notes.append(f"其中{len(fams[''])}个文件未载明制定机关，其余文件的制定机关同属“{known[0]}”")
            elif known:
                notes.append(f"各文件的制定机关同属“{known[0]}”")
            else:
                notes.append("各文件均未载明制定机关，仅按标题归并")
            works.append(_work(key, known[0] if known else "", members, notes))
            continue
        for fam in known:
            notes = [f"标题“{key}”另见于其他制定机关的文件（{'、'.join(k for k in known if k != fam)}），"
                     f"按制定机关“{fam}”区分，未与之归并"]
            works.append(_work(key, fam, fams[fam], notes))
        for d in fams.get("", []):
            works.append(_work(key, "", [d], [f"标题“{key}”见于多个制定机关的文件，本文件未载明制定机关，"
                                               "无法判断属于哪一件，单独列出"]))
    works.sort(key=lambda w: (w.key, w.family))
    return works


def _copies(members) -> bool:
    """Whether files share most of their article texts (one text filed in two folders)."""
    texts = [{a.text() for a in d.articles} for d in members]
    first = texts[0]
    return all(len(first & t) * 2 > max(len(first), len(t), 1) for t in texts[1:])


def _same_text(a, b) -> bool:
    """The same articles and the same history (or none in one of them): one version filed twice
    under two dates."""
    def made(d):
        return sorted((e.date, e.kind) for e in events(d) if e.kind in MADE)
    ma, mb = made(a), made(b)
    return (bool(a.articles) and [x.text() for x in a.articles] == [x.text() for x in b.articles]
            and (ma == mb or not ma or not mb))


def _where(doc) -> str:
    return f"{Path(doc.source).name}（{'/'.join(doc.meta.get('category', [])) or '根目录'}）"


def _work(key, fam, members, notes) -> Work:
    versions = []
    for d in members:
        evs = events(d)
        date, source = version_date(d, evs)
        made = sorted((e for e in evs if e.date == date and e.kind in MADE), key=lambda e: MADE.index(e.kind))
        kind = made[0].kind if made else ""
        v = Version(d, date, source, kind, is_draft(d))
        if len(members) > 1:
            v.notes.append(("version_date", f"本版本的日期为{date or '不明'}（取自{source or '——'}）"))
        versions.append(v)
    versions.sort(key=lambda v: (v.date or "9999", v.draft is False, v.doc.source))
    work = Work(key, fam, versions, list(notes))
    seen: dict[str, Version] = {}
    for v in versions:
        first = seen.get(v.date)
        twin = next((x for x in seen.values() if _same_text(x.doc, v.doc)), None)
        if not v.draft and (twin or (first is not None and _copies([first.doc, v.doc]))):
            primary = twin or first
            if twin is not None and v.date_source == "文件名" and twin.date_source != "文件名":
                primary, v = v, twin        # the file name's date names the version
                seen[primary.date] = primary
                seen.pop(v.date, None) if seen.get(v.date) is v else None
            v.copy_of = primary
            work.notes.append(f"{_where(primary.doc)}与{_where(v.doc)}"
                              f"{'版本日期同为' + primary.date + '、' if v.date == primary.date else ''}"
                              "条文基本相同，视为同一版本的两份文件")
        elif not v.draft:
            seen.setdefault(v.date, v)
    work.events = _timeline(versions)
    for v in versions:      # a file whose own 题注 stops short of its version: the others tell
        if not v.kind and v.date:
            made = [e for e in work.events if e.date == v.date and e.kind in MADE]
            v.kind = made[-1].kind if made else ""
    return work


def _timeline(versions: list[Version]) -> list[Event]:
    """The union of the versions' history events, by date; each event that made a text of
    the collection names that version."""
    merged: dict[tuple, Event] = {}
    for v in reversed(versions):        # the newest history is the most complete
        for e in events(v.doc):
            k = (e.date, e.kind)
            if k not in merged:
                merged[k] = Event(e.date, e.kind, e.body, e.ordinal, e.instrument, e.line)
    out = sorted(merged.values(), key=lambda e: (e.date, ORDER.get(e.kind, 9)))
    for v in versions:
        if v.draft or not v.date or v.copy_of is not None:
            continue
        hit = sorted((e for e in out if e.date == v.date and e.kind in MADE), key=lambda e: MADE.index(e.kind))
        for e in hit[:1]:
            e.text = v
    return out


MADE = ("修订", "修正", "通过", "公布")     # events that make a text, most specific first
ORDER = {"通过": 0, "批准": 1, "修正": 2, "修订": 2, "公布": 3, "施行": 4, "废止": 5}


# ------------------------------------------------------------------ status

CODES = ("version_grouping", "version_date", "status_conflict", "status_source", "repealed_by",
         "repeal_pending")

def apply(docs, today: dt.date) -> list[Work]:
    """Group the collection, compute every version's status for `today` and store the result
    on each document (doc.status, doc.derived.version)."""
    works = group(docs)
    for d in docs:      # applied again to the same documents: the records are replaced
        d.problems = [p for p in d.problems if p.code not in CODES]
    for w in works:
        compute_status(w, today)
    apply_repeals(works, today)
    assign_addresses(works, docs)
    for w in works:
        for v in w.versions:
            v.doc.status = v.status
            v.doc.derived.version = summary(w, v)
            for code, message in v.doc.derived.version.notes:
                v.doc.report(code, "info", message)
    return works


def assign_addresses(works, docs):
    """Every version's permanent address SLUG-vYYYY-MM-DD (SLUG the work's address, the date
    the version's), whose text never changes (docs-dev/versions.md, Addresses):

    - a work with several texts: its address SLUG (the base slug of its title, without the
      hash that told same-titled files apart) shows the current version, whichever that is
      on the build date; the other texts are rendered at their permanent addresses;
    - a work with one text keeps its slug as the work's address, and its text gets SLUG-vDATE.

    While a version is the current one (or the only one) its pages are at SLUG and its
    permanent address holds forwarding pages (writers/forward.py); once a later text is in
    force, the version is rendered at its permanent address.  A text without a version date
    has no permanent address (address ""); where a work's addresses are taken by another
    document, or two texts share a date, the work keeps the slugs it had and a note says so."""
    from . import slugs
    taken: dict[str, int] = {}
    for d in docs:
        taken[d.slug] = taken.get(d.slug, 0) + 1
    for w in works:
        for v in w.versions:
            v.address = ""
            if w.multiple or not v.date:
                continue
            address = f"{v.slug}-v{v.date}"
            if address in taken:
                v.notes.append(("version_grouping", f"本版本的永久地址 {address}/ 已被其他文件占用，本版本没有永久地址"))
                continue
            v.address = address
            taken[address] = 1
    for w in works:
        if not w.multiple:
            continue
        cur = w.current()
        base = cur.doc.derived.base_slug or slugs.base_slug(cur.doc.title + (cur.doc.subtitle or ""))
        own = {v.slug for v in w.versions}
        wanted = {base}
        for v in w.versions:
            wanted.add(f"{base}-v{v.date}")
        dates = [v.date for v in w.versions]
        clash = [s for s in wanted if s in taken and s not in own]
        if clash or not all(dates) or len(set(dates)) != len(dates):
            w.notes.append("本作品各版本的地址未能按“作品地址＋版本日期”设定（"
                           + ("地址已被其他文件占用" if clash else "版本日期缺失或重复") + "），沿用各文件自己的地址")
            for v in w.versions:
                v.address = v.slug
            continue
        for v in w.versions:
            v.address = v.doc.slug = f"{base}-v{v.date}"
        cur.doc.slug = base
        for s in wanted | own:
            taken[s] = 1
    assign_aliases(works, docs)


def assign_aliases(works, docs):
    """The address a version had, or would have had, as the only text of its work
    (its solo address) forwards to it wherever its address is now another one: when a second text
    of the work arrives, the work takes the base slug of its title, or keeps the files' slugs
    on a clash, and SLUG-HASH-vDATE/ of the first text would otherwise stop working.  Computed
    from the collection alone (no state kept between builds); left out where that address is
    another document's or another version's, or two versions would claim it.

    Likewise BASE-vDATE/ (the base slug of its title, without a hash): the address a text had
    before a same-titled document of another issuer arrived and both slugs took a hash."""
    for w in works:
        for v in w.versions:
            v.aliases = []
    by_base: dict[str, list] = {}
    for d in docs:
        by_base.setdefault(_base(d), []).append(d)
    used = {d.slug for d in docs} | {v.address for w in works for v in w.versions if v.address}
    wanted: dict[str, list] = {}

    def claim(alias, v):
        if alias != v.address and alias not in used:
            claims = wanted.setdefault(alias, [])
            if all(x is not v for x in claims):
                claims.append(v)

    for w in works:
        for v in w.versions:
            if not v.date:
                continue
            if w.multiple:
                claim(f"{solo_slug(w, v, by_base[_base(v.doc)])}-v{v.date}", v)
            if v.address:
                claim(f"{_base(v.doc)}-v{v.date}", v)
    for alias, claims in sorted(wanted.items()):
        if len(claims) == 1:
            claims[0].aliases.append(alias)


def _base(doc) -> str:
    from . import slugs
    return doc.derived.base_slug or slugs.base_slug(doc.title + (doc.subtitle or ""))


def solo_slug(w: Work, v: Version, same_base: list) -> str:
    """The slug slugs.assign gives v's file in the collection without the other texts of its
    work (its own second files kept): the slug it had, or would have had, as the only text."""
    from . import slugs
    group = v.copy_of or v
    siblings = {id(x.doc) for x in w.versions if (x.copy_of or x) is not group}
    items = [d for d in same_base if id(d) not in siblings]
    return slugs.unique([(_base(d), d.source) for d in items])[next(i for i, d in enumerate(items) if d is v.doc)]


def _in_force_from(v: Version) -> str:
    """The date from which a version governs: its effective date when that is not older than
    the version itself (an amended law keeps its original 自…起施行), else the version's date."""
    eff = v.doc.dates.get("effective", "")
    if eff and (not v.date or eff >= v.date):
        return eff
    return v.date


def compute_status(work: Work, today: dt.date):
    t = today.isoformat()
    enacted = [v for v in work.versions if not v.draft and v.copy_of is None]
    for v in enacted:
        v.in_force_from = _in_force_from(v)
    for i, v in enumerate(enacted):
        declared = v.doc.declared_status
        later = [s for s in enacted[i + 1:] if s.date and s.date > (v.date or "")]
        successor = next((s for s in later if s.in_force_from and s.in_force_from <= t), None)
        expires = v.doc.dates.get("expires", "")
        if successor is not None:
            v.replaced_by = successor
            v.status = "已被修正" if successor.kind == "修正" else "已被修订"
        elif declared in ("已废止", "废止"):
            v.status = "已废止"
        elif declared in ("已失效", "失效") or (expires and expires < t):
            v.status = "已失效"
        elif v.in_force_from and v.in_force_from > t:
            v.status = "尚未生效"
        elif declared in ("已修改", "已被修改"):
            v.status = "已被修改"
            v.notes.append(("status_source", "原文件头注明“已修改”，本站未收录修改后的文本"))
        else:
            v.status = IN_FORCE
        if declared and _conflicts(declared, v.status):
            v.notes.append(("status_conflict", f"原文件头注明状态“{declared}”，与本站根据所收录版本和构建日期"
                                               f"（{t}）算出的“{v.status}”不一致，以后者为准"))
    for v in work.versions:
        if v.copy_of is not None:
            v.status, v.replaced_by, v.in_force_from = v.copy_of.status, v.copy_of.replaced_by, v.copy_of.in_force_from
    for v in work.versions:
        if not v.draft:
            continue
        from .transforms.metadata import status as file_status
        v.status = file_status(v.doc, today)      # the draft's own words and comment deadline
        enacted_after = [s for s in enacted if s.date and v.date and s.date >= v.date]
        if enacted_after:
            v.replaced_by = enacted_after[0]


def apply_repeals(works: list[Work], today: dt.date):
    """A text in force whose own words repeal another instrument of the collection
    (`本法自…起施行，《中华人民共和国印花税暂行条例》同时废止`): that instrument's text in force,
    older than the repealing text's entry into force, is 已废止 from that date, and its notes
    say by which article.  Same-titled texts are versions (compute_status); a local text
    repeals no national one; a draft or a text not yet in force repeals nothing."""
    t = today.isoformat()
    by_title: dict[str, list[Work]] = {}
    for w in works:
        for title in {normalise_title(v.doc.title) for v in w.versions}:
            by_title.setdefault(title, []).append(w)
    for w in works:
        for v in w.versions:
            # the repeal took effect when the instrument first did (an amended text keeps it)
            start = v.doc.dates.get("effective") or v.in_force_from
            if v.draft or v.copy_of is not None or not start:
                continue
            pending = start > t       # enacted, not yet in force: the repeal is announced, not applied
            fam = family(v.doc)
            local = bool(fam) and not fam.startswith("全国")
            for r in getattr(v.doc, "repeals", []):
                for target in by_title.get(normalise_title(r.title), []):
                    if target is w:
                        continue
                    for tv in target.versions:
                        old = tv.date or tv.in_force_from
                        if tv.status != IN_FORCE or not old or old >= start or (
                                local and family(tv.doc).startswith("全国")):
                            continue
                        by = RepealedBy(page=v.slug, title=v.doc.title, label=r.label, date=start)
                        said = f"本站收录的《{v.doc.title}》{r.label}规定：“{r.sentence}”该文件自{start}起施行，"
                        if pending:
                            tv.repeal_pending = tv.repeal_pending or by
                            tv.notes.append(("repeal_pending", said + "本文件届时废止；在此之前仍现行有效"))
                            continue
                        tv.status, tv.repealed_by = "已废止", tv.repealed_by or by
                        tv.notes.append(("repealed_by", said + "本文件自该日起废止（本站据此标为已废止）"))
    for w in works:       # the same text filed twice follows its first copy
        for v in w.versions:
            if v.copy_of is not None and v.copy_of.status == "已废止" and v.status == IN_FORCE:
                v.status, v.repealed_by = "已废止", v.copy_of.repealed_by
                v.notes += [n for n in v.copy_of.notes if n[0] == "repealed_by"]
            elif v.copy_of is not None and v.copy_of.repeal_pending and v.status == IN_FORCE:
                v.repeal_pending = v.copy_of.repeal_pending
                v.notes += [n for n in v.copy_of.notes if n[0] == "repeal_pending"]


def _conflicts(declared: str, computed: str) -> bool:
    same = {"有效": {IN_FORCE}, "现行有效": {IN_FORCE}, "已修改": set(SUPERSEDED),
            "已被修改": set(SUPERSEDED), "已废止": {"已废止"}, "废止": {"已废止"},
            "已失效": {"已失效"}, "失效": {"已失效"}, "尚未生效": {"尚未生效"}, "尚未施行": {"尚未生效"}}
    return declared in same and computed not in same[declared]


def version_in_force(work: Work, date) -> Optional[Version]:
    """The enacted version that governed on `date` (a date or ISO string): the newest whose
    in-force date is on or before it; None when none had come into force (or none is known)."""
    d = date.isoformat() if isinstance(date, dt.date) else str(date)
    best = None
    for v in work.texts:
        if v.draft:
            continue
        start = v.in_force_from or _in_force_from(v)
        if start and start <= d:
            if best is None or start >= (best.in_force_from or _in_force_from(best)):
                best = v
    if best is not None and best.doc.declared_status in ("已废止", "废止"):
        ends = best.doc.dates.get("expires", "")
        if ends and ends < d:
            return None
    return best


def slug_in_force(doc, date) -> Optional[str]:
    """For a document of a built collection (after apply): the permanent address of the version of its work
    that governed on `date`, from the data the document carries (doc.derived.version); None
    when no text of the collection had come into force by then.  For citations that name a
    date (《…》（2017年修正）, or a citing text's own date)."""
    d = date.isoformat() if isinstance(date, dt.date) else str(date)
    best = None
    for x in doc.derived.version_or_blank.versions:
        start = x.in_force_from
        if x.draft or x.copy or not start or start > d:
            continue
        if best is None or start >= best.in_force_from:
            best = x
    return best.slug if best else None


def work_of(works: list[Work]) -> dict[str, Work]:
    """slug -> its work."""
    return {v.slug: w for w in works for v in w.versions}


# ------------------------------------------------------------------ what pages and export show

def _compare_with(work: Work, v: Version) -> Optional[CompareInfo]:
    """The pair this version's comparison page (新旧对照) shows: the previous enacted text and
    this one; for a draft, the draft and the text enacted from it."""
    if not work.multiple or v.copy_of is not None:
        return None
    if v.draft:
        old, new = v, v.replaced_by
    else:
        enacted = [x for x in work.texts if not x.draft]
        i = enacted.index(v)
        old, new = (enacted[i - 1] if i else None), v
    if old is None or new is None:
        return None
    return CompareInfo(old=old.slug, new=new.slug, old_label=old.label, new_label=new.label,
                       old_date=old.date, new_date=new.date, title=new.doc.title)


def summary(work: Work, v: Version) -> VersionInfo:
    """Plain data about a version and its work (picklable, comparable): what the pages of the
    version depend on besides its own text."""
    return VersionInfo(
        work=work.key, family=work.family, date=v.date, date_source=v.date_source,
        address=v.address, aliases=list(v.aliases), work_address=work.current().slug if work.multiple else "",
        page=v.slug,                # where this version's pages are rendered
        label=v.label, status=v.status, kind=v.kind, draft=v.draft,
        in_force_from=v.in_force_from,
        compare=_compare_with(work, v),
        replaced_by=(Successor(slug=v.replaced_by.address, page=v.replaced_by.slug, date=v.replaced_by.date,
                               title=v.replaced_by.doc.title, label=v.replaced_by.label,
                               in_force_from=v.replaced_by.in_force_from)
                     if v.replaced_by else None),
        current=(work.current().slug if work.current() else ""),
        versions=[VersionEntry(slug=x.address, work=x.slug, date=x.date, label=x.label, status=x.status,
                               title=x.doc.title, draft=x.draft, copy=x.copy_of is not None,
                               in_force_from=x.in_force_from, compare=bool(_compare_with(work, x)))
                  for x in work.versions],
        events=[HistoryEntry(date=e.date, kind=e.kind, label=e.label, body=e.body,
                             instrument=e.instrument, version=e.version,
                             page=e.text.slug if e.text is not None else "") for e in work.events],
        notes=[["version_grouping", n] for n in work.notes] + [list(n) for n in v.notes],
        repealed_by=v.repealed_by,
        repeal_pending=v.repeal_pending,
    )
