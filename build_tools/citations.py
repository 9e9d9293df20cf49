"""References to other instruments' articles (citations), resolved across the collection.

The `crossrefs` transform leaves, per document, the references it could not resolve inside
the document because another instrument is named before them (`doc.derived.outgoing`:
《中华人民共和国刑法》第十条, 民事诉讼法第一百一十九条第二款, 该法第三条, and the references
chained to them: 第十二条、第十三条, 第十条至第十五条).  Once every document is loaded,
`resolve(docs)` finds the instrument each one names and the exact anchor in it:

- the instrument: a 《title》 just before (the exact title of a document of the site, or the
  title without 中华人民共和国), a short title written without 《》 (刑法, 民事诉讼法: the
  longest title of the site ending just before the reference, and not itself the end of a
  longer name such as 上海市消防条例), an alias the citing document declares
  (《中华人民共和国个人信息保护法》（以下简称个人信息保护法）), 该法 / 上述法律 when the
  article names exactly one instrument before it, 该条第二款 (the article cited just before);
  a chained reference shares the instrument (and the article) of the one it follows;
- the version: `edition_in_force` (one function: the version in force on the citing
  document's date, else the nearest one, labelled);
- the anchor: article, 款 and 项 as far as the cited text has them (a 款 or 项 the cited text
  lacks links to the article, counted as `partial`).

Nothing is guessed: an instrument not in the site, an article beyond the cited text's end,
a 该法 with two possible antecedents, 原第十条 (an old numbering) stay plain text and are
counted by reason (`Citations.stats`).  Documents that amend (修正案, 关于修改…的决定) are not
read for references at all (crossrefs), and are counted as such.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from . import hierarchy
from .model import Span
from .transforms import crossrefs

PREFIX = "中华人民共和国"
TAIL = re.compile(r"(?:[（(]以下(?:简称|称)[^（）()]{1,30}[）)])?(?:的|中)?$")
ALIAS = re.compile(r"《([^《》]{2,80})》[（(]以下(?:简称|称)为?[“\"《]?([^（）()“”\"《》]{2,20})[”\"》]?[）)]")
ANAPHOR = re.compile(r"(?:该|上述|前述)(?:法律|法规|法|条例|办法|规定|细则|解释|决定)$")
SAME_ARTICLE = re.compile(r"(?:该条|同条|该款)$")
UNNAMED = re.compile(r"(?:上述|前述)$")
OLD_NUMBER = re.compile(r"原$")
CODE_PART = re.compile(r"(?:分则|总则|附则)$")
# a title written without 《》 may be the end of a longer name: 上海市消防条例 is not 消防条例
FILE_DATE = re.compile(r"[（(](\d{4}-\d{2}-\d{2})[）)]")
GENERIC = {"法", "法律", "法规", "条例", "规定", "办法", "细则", "解释", "决定", "实施条例", "实施细则",
           "实施办法", "规则", "章程"}
PLACE_CHARS = set("省市县区州旗盟镇乡国")
NAME_LIKE = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,40}?(?:法典|法|条例|规定|办法|细则|解释|决定|公约|协定|条约|"
                       r"章程|规则|准则|议定书|通则)$")


@dataclass
class Citation:
    """One reference to another instrument, resolved or not."""
    doc: object
    out: object                     # crossrefs.Outgoing
    status: str                     # resolved | partial | document | unresolved
    reason: str = ""                # why it is not (fully) resolved
    name: str = ""                  # the instrument as named (or the antecedent of 该法)
    target: object = None           # the cited document (the chosen version)
    anchor: str = ""
    label: str = ""                 # 第十条第二款
    article: object = None          # the cited article
    para: object = None
    note: str = ""                  # version note shown in the hover
    version_named: str = ""         # the version the text names: 《…》（2017年修正）第十条


@dataclass
class Citations:
    items: list = field(default_factory=list)
    spans: dict = field(default_factory=dict)       # id(doc) -> [(paragraph, Span)]
    cited_by: dict = field(default_factory=dict)    # slug -> {article anchor: [(doc, article)]}
    citers: dict = field(default_factory=dict)      # title -> Counter(citing slug)
    related: dict = field(default_factory=dict)     # title -> [(group, [documents])]
    amending_docs: int = 0
    other_part: int = 0             # 本法第N条 found in another file of the same code (民法典 编)

    def of(self, doc) -> list:
        """The citations made by `doc`, in text order."""
        if not hasattr(self, "_by_doc"):
            self._by_doc = {}
            for c in self.items:
                self._by_doc.setdefault(id(c.doc), []).append(c)
        return self._by_doc.get(id(doc), [])

    def stats(self) -> dict:
        out = Counter(c.status for c in self.items)
        reasons = Counter(c.reason for c in self.items if c.status == "unresolved")
        partial = Counter(c.reason for c in self.items if c.status == "partial")
        return {"references": len(self.items), "by_status": dict(out),
                "unresolved_by_reason": dict(reasons.most_common()),
                "partial_by_reason": dict(partial.most_common()),
                "linked_to_another_version": sum(1 for c in self.items if c.note and
                                                 c.status in ("resolved", "partial")),
                "documents_citing": len({id(c.doc) for c in self.items
                                         if c.status in ("resolved", "partial")}),
                "articles_cited": sum(len(v) for v in self.cited_by.values()),
                "amending_documents_not_read": self.amending_docs,
                "own_articles_in_another_file": self.other_part,
                "naming_a_version": sum(1 for c in self.items if c.version_named),
                "naming_a_version_found": sum(1 for c in self.items if c.version_named
                                              and c.status in ("resolved", "partial")
                                              and not c.note),
                "in_texts_without_articles": sum(1 for c in self.items if c.out.article is None),
                "in_texts_without_articles_linked": sum(
                    1 for c in self.items if c.out.article is None
                    and c.status in ("resolved", "partial"))}

    def digest(self, doc, page_maps) -> str:
        """What the pages of `doc` take from other documents through citations: its outgoing
        links (target, page, hover) and the list of articles citing it."""
        from .writers.markdown import locate
        out = []
        for p, s in self.spans.get(id(doc), ()):
            out.append((s.start, s.end, s.target, s.title,
                        locate(page_maps.get(s.target[0], {}), s.target[1])))
        incoming = [[(g, [(d.slug, d.title, d.status) for d in ds])
                     for g, ds in self.related.get(doc.title, ())]]
        for anchor, refs in sorted(self.cited_by.get(doc.slug, {}).items()):
            incoming.append((anchor, [(d.slug, d.title, d.status, a.label, a.anchor,
                                       locate(page_maps.get(d.slug, {}), a.anchor))
                                      for d, a in refs]))
        return hashlib.sha256(repr((out, incoming)).encode("utf-8")).hexdigest()


def apply(cits, doc):
    """Put the document's resolved citations on its paragraphs as `cite` spans (replacing
    earlier ones); a span overlapping an existing one is left out."""
    for _, p in doc.all_paragraphs():
        if p.spans:
            p.spans = [s for s in p.spans if s.kind != "cite"]
    for p, span in cits.spans.get(id(doc), ()):
        if any(x.start < span.end and span.start < x.end for x in p.spans):
            continue
        p.spans = sorted(p.spans + [span], key=lambda s: s.start)


# -- versions -------------------------------------------------------------------------------

def start_date(doc) -> str:
    """The date from which a document's text applies: effective or amended, else passed or
    published ("" when unknown)."""
    dates = doc.dates or {}
    main = [dates[k] for k in ("effective", "amended") if dates.get(k)]
    if main:
        return max(main)
    other = max((dates[k] for k in ("passed", "approved", "published") if dates.get(k)),
                default="")
    if other:
        return other
    m = FILE_DATE.search(str(doc.source or "").rsplit("/", 1)[-1])   # 规定(2015-02-16).md
    return m.group(1) if m else ""


def editions(group) -> list[list]:
    """Documents of one title -> editions (one code published in several files, such as the
    民法典's 编, is one edition: same date passed and amended), oldest first."""
    by: dict[tuple, list] = {}
    for d in group:
        dates = d.dates or {}
        by.setdefault((dates.get("passed") or dates.get("published") or "",
                       dates.get("amended") or ""), []).append(d)
    return sorted(by.values(), key=lambda e: max(start_date(d) for d in e))


def _address(doc) -> str:
    """A built document's permanent address (SLUG-vYYYY-MM-DD), "" when it has none."""
    return doc.derived.version_or_blank.address


def edition_in_force(eds: list[list], citing) -> tuple[list, str]:
    """The edition of a cited instrument the citing document means, and a note for the
    reader when it is not the one in force on the citing document's date.

    The one place that chooses a version: the version in force on the citing document's date
    (`versions.slug_in_force`, from the works build_tools/versions.py made of the collection;
    by dates here when the documents carry no such data); when the citing document has no
    date, the newest; when no version of the collection was in force then, the oldest, with
    a note.
    """
    when = start_date(citing)
    if not when:
        return eds[-1], ""
    only = "唯一的" if len(eds) == 1 else "最早的"
    note = f"引用文件（{when}）时有效的文本不在本站，链接到本站{only}版本"
    from . import versions
    if any(d.derived.version is not None for e in eds for d in e):
        slug = versions.slug_in_force(eds[0][0], when)
        chosen = next((e for e in eds if any(slug in (d.slug, _address(d)) for d in e)), None) if slug else None
        if chosen is not None:
            return chosen, ""
        if slug is None:
            return eds[0], note
    earlier = [e for e in eds if max(start_date(d) for d in e) <= when]
    if earlier:
        return earlier[-1], ""
    return eds[0], note


VERSION_NAMED = re.compile(r"》[（(](?P<version>(?P<year>\d{4})年(?:\d{1,2}月(?:\d{1,2}日)?)?"
                           r"(?P<kind>修正|修订|修改|公布|通过|发布)?(?:文本|本)?)[）)](?:的|中)?$")


def named_edition(eds: list[list], version: str) -> tuple[list, str]:
    """The edition a reference names (《…》（2017年修正）第十条): the one amended (修正, 修订,
    修改) or passed / published (公布, 通过, 发布, or a bare year) in that year; when the
    collection lacks it, the edition nearest in time, with a note for the reader."""
    m = re.match(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(修正|修订|修改|公布|通过|发布)?", version)
    year, kind = m.group(1), m.group(4) or ""

    def dates(d, amended):
        x = d.dates or {}
        keys = ("amended",) if amended else ("passed", "published", "approved")
        return [x[k] for k in keys if x.get(k)]

    def label_year(d):
        return d.derived.version_or_blank.label
    for e in reversed(eds):
        for d in e:
            label = label_year(d)
            if label and label.strip("（）").startswith(f"{year}年") and \
                    (not kind or kind in label or kind in ("公布", "通过", "发布")):
                return e, ""
            if kind in ("修正", "修订", "修改") and any(v.startswith(year) for v in dates(d, True)):
                return e, ""
            if kind not in ("修正", "修订", "修改") and any(v.startswith(year) for v in
                                                          dates(d, False) + dates(d, True)):
                return e, ""
    nearest = min(eds, key=lambda e: abs(int((max(start_date(d) for d in e) or "0")[:4] or 0)
                                         - int(year)))
    return nearest, f"引用的{version}文本不在本站，链接到本站时间最接近的版本"


def version_label(doc) -> str:
    label = doc.derived.version_or_blank.label
    if label:
        return label.strip("（）")          # versions.py: 2017年修正, 2023年修订
    d = doc.dates or {}
    if d.get("amended"):
        return f"{d['amended']}修改版"
    if d.get("effective"):
        return f"{d['effective']}施行版"
    if d.get("passed") or d.get("published"):
        return f"{d.get('passed') or d.get('published')}公布版"
    return ""


# -- resolution -----------------------------------------------------------------------------

class _Names:
    """Titles of the site -> their documents (every version)."""

    def __init__(self, docs):
        self.groups: dict[str, list] = {}
        for d in docs:
            if d.title:
                self.groups.setdefault(d.title, []).append(d)
        self.short: dict[str, str] = {}
        shorts: dict[str, list] = {}
        for t in self.groups:
            if t.startswith(PREFIX) and len(t) > len(PREFIX) + 1:
                shorts.setdefault(t[len(PREFIX):], []).append(t)
        for s, ts in shorts.items():
            if s not in self.groups and len(ts) == 1:
                self.short[s] = ts[0]
        self.longest = max((len(t) for t in list(self.groups) + list(self.short)), default=0)
        # every name written in 《》 anywhere in the site (and without 中华人民共和国): a short
        # title of the site at the end of a longer such name is that other instrument
        self.mentioned: set[str] = set()
        for d in docs:
            self.mentioned.update(d.derived.named)
        self.mentioned.update([n[len(PREFIX):] for n in self.mentioned if n.startswith(PREFIX)])
        self._editions: dict[str, list] = {}

    def title(self, name: str) -> str | None:
        name = name.replace("〈", "《").replace("〉", "》")
        if name in self.groups:
            return name
        return self.short.get(name)

    def editions(self, title):
        got = self._editions.get(title)
        if got is None:
            got = self._editions[title] = editions(self.groups[title])
        return got


class _Indexes:
    def __init__(self):
        self._by: dict[int, crossrefs._Index] = {}

    def get(self, doc):
        got = self._by.get(id(doc))
        if got is None:
            got = self._by[id(doc)] = crossrefs._Index(doc)
        return got


def resolve(docs) -> Citations:
    """Resolve every document's references to other instruments."""
    docs = list(docs)
    names = _Names(docs)
    indexes = _Indexes()
    result = Citations()
    for d in docs:
        if crossrefs.AMENDING_TITLE.search(d.title or ""):
            result.amending_docs += 1
        outgoing = d.derived.outgoing
        if not outgoing:
            continue
        aliases = _aliases(d, names)
        prev = None
        earlier: dict[int, list] = {}       # id(article) -> instruments its citations name
        d.problems = [p for p in d.problems if p.code != OTHER_PART]
        for out in outgoing:
            if out.how == "self":
                c = _resolve_self(d, out, names, indexes)
                if c is not None:
                    result.items.append(c)
                    result.other_part += 1
                continue
            seen = earlier.setdefault(id(_unit(out)), [])
            c = _resolve_one(d, out, prev, names, aliases, indexes, seen)
            result.items.append(c)
            prev = (out, c)
            name = c.target.title if c.target is not None else "?" + c.name if c.name else ""
            if name and name not in seen:
                seen.append(name)
    for c in result.items:
        if c.status in ("resolved", "partial") and c.anchor:
            hover = _hover(c)
            span = Span(c.out.start, c.out.end, "cite", (c.target.slug, c.anchor), hover,
                        source_title=c.target.title)
            result.spans.setdefault(id(c.doc), []).append((c.out.paragraph, span))
            if c.article is not None and c.target is not c.doc:
                refs = result.cited_by.setdefault(c.target.slug, {}).setdefault(
                    c.article.anchor, [])
                place = c.out.article or _text_place(c.doc, c.out.paragraph)
                if not any(x is c.doc and y.anchor == place.anchor for x, y in refs):
                    refs.append((c.doc, place))
                result.citers.setdefault(c.target.title, Counter())[c.doc.slug] += 1
    result.related = related(docs, names, result.citers)
    return result


IMPLEMENTING = re.compile(r"^(?P<base>.+?)(?:实施条例|实施细则|施行细则)$")
JUDICIAL = re.compile(r"^最高人民(?:法院|检察院)")
LOCAL = re.compile(r"实施《[^》]+》(?:的)?(?:办法|细则|条例|若干规定|规定|意见)")
AMENDING = re.compile(r"修正案|关于修改|修改.{0,40}的决定|关于废止")


def related(docs, names, citers, most: int = 10) -> dict:
    """title of an instrument -> [(group, [documents])]: its 实施条例 / 实施细则, the judicial
    interpretations naming it in their title, local 实施办法, amending instruments, the other
    documents naming it in their title, and the documents citing it most."""
    out: dict[str, dict[str, list]] = {}

    def add(title, group, d):
        if d.title == title:
            return
        lst = out.setdefault(title, {}).setdefault(group, [])
        if d not in lst:
            lst.append(d)
    for d in docs:
        t = d.title or ""
        m = IMPLEMENTING.match(t)
        if m and "《" not in t:
            target = names.title(m.group("base"))
            if target:
                add(target, "实施条例、实施细则", d)
        for s, e in crossrefs.title_ranges(t):
            target = names.title(t[s + 1:e - 1])
            if not target:
                continue
            if JUDICIAL.match(t) or "最高人民法院" in (d.issuer or "") or "最高人民检察院" in (d.issuer or ""):
                add(target, "司法解释", d)
            elif LOCAL.search(t):
                add(target, "地方实施办法", d)
            elif AMENDING.search(t):
                add(target, "修改、废止的决定和修正案", d)
            else:
                add(target, "标题中提到本文件的其他文件", d)
        if t.endswith("修正案") or re.search(r"修正案（[一二三四五六七八九十]+）$", t):
            target = names.title(re.sub(r"修正案(?:（[一二三四五六七八九十]+）)?$", "", t))
            if target:
                add(target, "修改、废止的决定和修正案", d)
    by_slug = {d.slug: d for d in docs}
    for title, counter in citers.items():
        listed = {x.slug for ds in out.get(title, {}).values() for x in ds}
        top = [by_slug[s] for s, _ in sorted(counter.items(), key=lambda x: (-x[1], x[0]))
               if s not in listed and by_slug[s].title != title][:most]
        for d in top:
            add(title, "引用本文件最多的其他文件", d)
    order = ["实施条例、实施细则", "司法解释", "地方实施办法", "修改、废止的决定和修正案",
             "标题中提到本文件的其他文件", "引用本文件最多的其他文件"]
    return {title: [(g, sorted(groups[g], key=lambda d: (d.status not in ("现行有效", "有效"), d.title, d.slug))
                     if g != "引用本文件最多的其他文件" else groups[g])
                    for g in order if g in groups]
            for title, groups in out.items()}


OTHER_PART = "reference_other_part"


@dataclass
class TextPlace:
    """Where a text without articles cites: its paragraph on the 正文 page (a 被引用 entry)."""
    label: str
    anchor: str


def _unit(out):
    """The article holding a reference, or its paragraph in a text without articles."""
    return out.article if out.article is not None else out.paragraph


def _text_place(doc, paragraph) -> TextPlace:
    label = "正文"
    for owner, p in doc.all_paragraphs():
        if p is paragraph:
            label = getattr(owner, "label", "") or "正文"
            if getattr(owner, "title", ""):
                label = f"{label}{owner.title}" if label != "正文" else owner.title
            break
    return TextPlace(label, paragraph.anchor)


def _resolve_self(doc, out, names, indexes):
    """本法第一百四十二条 in a file of a code published in several files (the 民法典's 编), the
    article being in another file of the same edition: a citation of that file, and the
    document's `reference_unresolved` record becomes an info record saying where it went.
    None when no other file of the edition has it (the warning stays)."""
    if not doc.title or doc.title not in names.groups:
        return None
    edition = next((e for e in names.editions(doc.title) if any(d is doc for d in e)), None)
    others = [d for d in edition or () if d is not doc]
    if not others:
        return None
    c = Citation(doc, out, "unresolved", name=doc.title)
    c = _locate(c, names, doc.title, None, indexes, edition=others)
    if c.status not in ("resolved", "partial"):
        return None
    where = f"《{c.target.title}》{_part_name(c.target)}{c.label}"
    line = out.paragraph.line
    old = next((p for p in doc.problems if p.code == "reference_unresolved" and p.line == line
                and f"“{out.text}”" in p.message), None)
    if old is not None:
        doc.problems.remove(old)
    label = out.article.label if out.article is not None else "正文"
    doc.report(OTHER_PART, "info", f"{label}中引用的“{out.text}”不在本文件中，是同一法律另一部分"
               f"（另一个文件）的条文，链接到{where}", line)
    return c


def _part_name(doc) -> str:
    """The part a file of a code holds, from its file name (合同编.md -> 合同编)."""
    name = str(doc.source or "").rsplit("/", 1)[-1]
    name = re.sub(r"(?:[（(][^）)]*[）)])?\.\w+$", "", name)
    return name if name and name != doc.title and len(name) <= 12 else ""


def _aliases(doc, names) -> dict[str, str]:
    """Aliases the document declares for instruments of the site: alias -> title."""
    out: dict[str, str] = {}
    for _, p in doc.all_paragraphs():
        if "以下" not in p.text:
            continue
        for m in ALIAS.finditer(p.text):
            title = names.title(m.group(1))
            if title and m.group(2) not in names.groups:
                out[m.group(2)] = title
    return out


def _resolve_one(doc, out, prev, names, aliases, indexes, earlier) -> Citation:
    text = out.paragraph.text
    lead = text[:out.start]
    c = Citation(doc, out, "unresolved")
    base = None                         # (edition, article, 款 number) inherited along a chain
    if out.how in ("chain", "sticky"):
        if prev is None or prev[0].paragraph is not out.paragraph:
            c.reason = "chain_without_head"
            return c
        head = prev[1]
        c.name = head.name
        c.version_named = head.version_named
        if head.target is None:
            c.reason = head.reason or "chain_of_unresolved"
            return c
        title = head.target.title
        if out.how == "chain":
            base = (head.article, head.para)
        return _locate(c, names, title, base, indexes)
    named = VERSION_NAMED.search(lead)
    if named:
        lead = lead[:named.start() + 1]
        c.version_named = named.group("version")
    bare = TAIL.sub("", lead)
    if bare.endswith("》"):
        ranges = crossrefs.title_ranges(bare)
        if not ranges or ranges[-1][1] != len(bare):
            c.reason = "name_unreadable"
            return c
        s, e = ranges[-1]
        c.name = bare[s + 1:e - 1]
        title = names.title(c.name) or aliases.get(c.name)
        if title is None:
            c.reason = "not_in_site"
            return c
        return _locate(c, names, title, None, indexes)
    if SAME_ARTICLE.search(bare):
        if prev is None or prev[0].paragraph is not out.paragraph or prev[1].target is None:
            c.reason = "antecedent_unknown"
            return c
        head = prev[1]
        c.name = head.name
        return _locate(c, names, head.target.title, (head.article, None), indexes)
    if ANAPHOR.search(bare):
        named = _named_before(out, names, aliases, earlier)
        if len(named) != 1:
            c.reason = "antecedent_ambiguous" if named else "antecedent_unknown"
            return c
        if named[0].startswith("?"):
            c.name, c.reason = named[0][1:], "not_in_site"
            return c
        c.name = named[0]
        return _locate(c, names, named[0], None, indexes)
    if UNNAMED.search(bare):
        c.reason = "antecedent_ambiguous"
        return c
    if OLD_NUMBER.search(bare):
        c.reason = "old_numbering"
        return c
    title, name, reason = _name_at_end(bare, names, aliases)
    c.name = name
    if title is None:
        c.reason = "code_part" if reason == "name_unreadable" and CODE_PART.search(bare) \
            else reason
        return c
    return _locate(c, names, title, None, indexes)


def _name_at_end(bare, names, aliases):
    """(title, name as written, reason) for a short title or alias ending the text."""
    longest_named = max((k for k in range(2, min(len(bare), 60) + 1)
                         if bare[-k:] in names.mentioned), default=0)
    for k in range(min(len(bare), names.longest), 1, -1):
        name = bare[-k:]
        title = aliases.get(name) or names.title(name)
        if title is None:
            continue
        if name in aliases:
            return title, name, ""
        if longest_named > k:           # 海洋环境保护法 is not 环境保护法
            return None, bare[-longest_named:], "not_in_site"
        before = bare[-k - 1] if len(bare) > k else ""
        if before in PLACE_CHARS:       # 上海市消防条例 is not 消防条例
            m = NAME_LIKE.search(bare)
            return None, m.group(0) if m else name, "name_longer_than_title"
        return title, name, ""
    if longest_named:
        return None, bare[-longest_named:], "not_in_site"
    m = NAME_LIKE.search(bare)
    if m and (m.group(0) in GENERIC or m.group(0).endswith(("款规定", "条规定", "有关规定", "相关规定"))):
        return None, "", "no_instrument_named"     # 依照规定第三条, 前款规定第（一）项
    m = NAME_LIKE.search(bare)
    return None, m.group(0) if m else "", "not_in_site" if m else "name_unreadable"


def _named_before(out, names, aliases, earlier) -> list[str]:
    """Instruments named in the citing article before the reference (该法's antecedent):
    titles of the site, "?name" for others; `earlier`: names of the article's citations so far."""
    found: list[str] = list(earlier)
    for p in (out.article.paragraphs if out.article is not None else [out.paragraph]):
        text = p.text if p is not out.paragraph else p.text[:out.start]
        for s, e in crossrefs.title_ranges(text):
            raw = text[s + 1:e - 1]
            name = names.title(raw) or aliases.get(raw) or "?" + raw
            if name not in found:
                found.append(name)
        if p is out.paragraph:
            break
    return found


def _locate(c, names, title, base, indexes, edition=None) -> Citation:
    g = c.out.groups
    if edition is None:
        eds = names.editions(title)
        if c.version_named:
            edition, note = named_edition(eds, c.version_named)
        else:
            edition, note = edition_in_force(eds, c.doc)
        c.note = note
    n = hierarchy.numbers(g)
    number = n.art
    if g.get("art") and number is None:
        c.reason = "number_unreadable"
        return c
    if g.get("book") and not g.get("art"):
        c.target, c.reason = edition[0], "code_part"
        return c
    if not g.get("art") and g.get("chap"):
        for d in edition:
            ref = crossrefs._division(d, {"sec": None, **g})
            if ref.status == "resolved":
                c.status, c.target, c.anchor, c.label = "resolved", d, ref.anchor, ref.title
                return c
        c.target, c.reason = edition[0], "division_not_found"
        c.status = "unresolved"
        return c
    target_doc, art = None, None
    if number is not None:
        suffix = n.suf
        for d in edition:
            if d.style != "statute":
                continue
            art = indexes.get(d).by_key.get((0, (number, suffix)))
            if art is not None:
                target_doc = d
                break
        if art is None:
            c.target = edition[0]
            c.reason = "article_not_in_text" if any(d.articles for d in edition) \
                else "no_articles_in_target"        # a 修正案 written in 一、二、 items
            return c
    elif base is not None and base[0] is not None:
        art = base[0]
        target_doc = next((d for d in edition if any(a is art for a in d.articles)), None)
        if target_doc is None:
            c.reason = "chain_of_unresolved"
            return c
    else:
        c.target = edition[0]
        c.reason = "no_article"
        return c
    index = indexes.get(target_doc)
    para_n, item_n = n.para, n.item
    paras = [para_n] if para_n else None
    rel = g.get("rel") or ""
    if rel:
        if rel.startswith("前") and rel.endswith("款") and base is not None and not g.get("art"):
            paras = list(range(1, hierarchy.range_count(rel) + 1))
        else:
            c.target, c.reason = target_doc, "relative"
            return c
    if paras is None and item_n is not None and base is not None and base[1] is not None \
            and not g.get("art"):
        paras = [base[1]]
    ref = crossrefs._locate(index, art, paras, item_n, None, 0, hierarchy.items_label(g.get("items")))
    c.target, c.article, c.anchor, c.label, c.para = target_doc, art, ref.anchor, ref.title, ref.para
    if ref.status == "partial":
        c.status, c.reason = "partial", "paragraph_or_item_not_in_text"
    else:
        c.status = "resolved"
    return c


def _hover(c) -> str:
    version = version_label(c.target)
    head = f"《{c.target.title}》" + (f"（{version}）" if version else "")
    if c.target.status and c.target.status not in ("现行有效", "有效"):
        head += f"〔{c.target.status}〕"
    if c.note:
        head = f"〔注意：{c.note}，条文序号和内容可能与引用时不同〕" + head
    text = _target_text(c)
    shown = c.label if c.status == "resolved" else f"{c.label}（所引{_wanted(c)}在本站文本中找不到，链接到该条）"
    return f"{head}{shown}：{text}"


def _wanted(c) -> str:
    return c.out.text


def _target_text(c, limit: int = 160) -> str:
    art = c.article
    if art is None:
        return ""
    if c.anchor == art.anchor:
        text = " ".join(p.text for p in art.paragraphs)
    else:
        ps = [p for p in art.paragraphs if p.anchor == c.anchor or
              p.anchor.startswith(c.anchor + "__")]
        text = " ".join(p.text for p in ps) or " ".join(p.text for p in art.paragraphs)
    return text if len(text) <= limit else text[:limit] + "…"


# -- figures --------------------------------------------------------------------------------

def _main(argv=None) -> int:
    import argparse
    import json
    import pickle
    import time

    from . import pipeline
    parser = argparse.ArgumentParser(prog="python -m build_tools.citations",
                                     description="统计一个文件夹中引用其他文件条文的情况")
    parser.add_argument("folder")
    parser.add_argument("--pickle", help="读取或保存已解析文件的 pickle（加快重复统计）")
    parser.add_argument("--sample", type=int, default=0, help="随机列出若干条已解析和未解析的引用")
    args = parser.parse_args(argv)
    t0 = time.time()
    docs = None
    if args.pickle:
        try:
            with open(args.pickle, "rb") as f:
                docs = pickle.load(f)
        except OSError:
            pass
    if docs is None:
        docs = pipeline.load_folder(args.folder)
        if args.pickle:
            with open(args.pickle, "wb") as f:
                pickle.dump(docs, f, protocol=pickle.HIGHEST_PROTOCOL)
    for d in docs:
        if d.derived.outgoing is None:         # read by an older version of the code
            crossrefs.run(d, None)
    import datetime

    from . import slugs, versions
    slugs.assign(docs)
    versions.apply(docs, datetime.date.today())     # as a build does
    t1 = time.time()
    cits = resolve(docs)
    figures = cits.stats()
    figures.update({"load_seconds": round(t1 - t0, 1), "resolve_seconds": round(time.time() - t1, 1)})
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    if args.sample:
        import random
        rnd = random.Random(15)
        for status in ("resolved", "partial", "unresolved"):
            pool = [c for c in cits.items if c.status == status]
            for c in rnd.sample(pool, min(args.sample if status != "resolved" else args.sample * 2,
                                          len(pool))):
                p = c.out.paragraph
                ctx = p.text[max(0, c.out.start - 30):c.out.end + 5]
                where = f"{c.target.slug}#{c.anchor}" if c.target is not None else ""
                version = version_label(c.target) if c.target is not None else ""
                where_from = c.out.article.label if c.out.article is not None else "正文"
                print(f"[{status}:{c.reason}] {c.doc.title}（{start_date(c.doc)}）{where_from} "
                      f"«{ctx}» -> {c.name} {where} {c.label} {version}{' 〔' + c.note + '〕' if c.note else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
