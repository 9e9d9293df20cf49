"""Find the terms a regulation defines, with the part of the text each definition covers.

Chinese legislation defines terms in a handful of fixed forms, which are recognised at the
start of a sentence (a sentence ends at 。 or ；):

- 本条例所称算力，是指… / 本措施所指算力券是… / 本法所称的X包括… (所称 / 所指 forms);
  the words before 所称 give the scope: 本条例, 本法, 本办法 … the whole document;
  本章 / 本节 its division; 本条, 前款, 第二款, 前条, 第十二条 the article(s) meant;
- 本条例下列用语的含义： followed by items （一）公共数据，是指… (each item defines one term);
- a bare "X，是指…" / "X是指…" / "X，指…" sentence (算力产业是指…, 保险金额是指…), and the
  same inside an item anywhere.

Terms are kept conservative: 2–15 characters, no punctuation, not starting with a deictic
word (该, 上述, 前款 …) and not containing a modal verb (应当, 可以 …).  A definition's
text is the whole sentence or item; a lead-in ending in "：" takes its items along.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import hierarchy, numerals

N = numerals.NUM


@dataclass
class Definition:
    term: str
    text: str                 # the whole defining sentence or item
    anchor: str               # the defining paragraph or item
    article: str              # anchor of the article ("" for text of a division or preamble)
    article_label: str        # 第三十一条, or the division heading, or 序言
    line: int
    scope: str = "document"   # document | division | article
    scope_anchors: tuple = ()  # the divisions or articles a narrower scope covers
    aliases: tuple = ()       # short forms introduced with （以下简称…）
    form: str = ""            # 所称 | 用语 | 是指 (how it was recognised; for statistics)

    def to_json(self) -> dict:
        return {"term": self.term, "text": self.text, "anchor": self.anchor,
                "article": self.article, "article_label": self.article_label,
                "line": self.line, "scope": self.scope, "scope_anchors": list(self.scope_anchors),
                "aliases": list(self.aliases)}


SENTENCE_END = "。；！？"
PUNCT = set("，。；：、！？,.;:!?（）()《》<>〈〉“”‘’\"'…—-·/\\　 \t【】[]「」{}=+*%％#")
QUOTES = "“”‘’\"'「」『』"
DEICTIC = ("该", "此", "上述", "前述", "前款", "前条", "本", "其中", "其所", "这", "那", "相应", "下列",
           "以下", "以上", "上款", "所", "凡", "如", "若", "因", "由于", "除", "对于", "关于",
           "依", "按", "根据", "为了", "第", "有下列", "具有")
CLAUSE_WORDS = ("应当", "可以", "不得", "必须", "依照", "按照", "是否", "不予", "予以", "有权",
                "负责", "规定的", "所称", "所指", "是指", "下列")
PAREN_TAIL = re.compile(r"[（(]([^（）()]{1,30})[）)]$")
ALIAS = re.compile(r"^(?:以下简称|以下称|简称|下称)[“‘]?([^”’]{2,15})[”’]?$")

# 所称 / 所指 / 规定的 after a scope phrase at the start of a sentence
SO_CALLED = re.compile(r"(所称|所指|所说|中所称|中所指|所规定的|规定的)的?")
# a run of article / 款 / 项 numbers: 第七条第（二）项, 第二十一条和第二十二条, 第二项、第三项
REFS = hierarchy.REFERENCE_RUN
SCOPE_DIV = re.compile(r"^本(?:章|节|编|分编)(?:中)?$")
SCOPE_ART = re.compile(rf"^(?:本条|本款|前款|前[两二三四]款)(?:{REFS})?(?:中)?$|"
                       rf"^(?:本条)?第(?:{N})款(?:{REFS})?(?:中)?$")
SCOPE_PREV_ART = re.compile(r"^前(?:[两二三])?条(?:中)?$")
SCOPE_NAMED_ART = re.compile(rf"^(?:本[\u4e00-\u9fff]{{1,6}})?第(?:{N})条(?:{REFS})?(?:中)?$")
SCOPE_DOC = re.compile(r"^本[\u4e00-\u9fff]{1,8}?(?:中)?$")
# another instrument's term restated (商标法所称商标代理, 个人所得税法第四条第一款第四项所称,
# 《条例》所称…): the definition holds in this document
SCOPE_OTHER = re.compile(r"^(?!依照|按照|根据|依据)"       # 依照本法第一百三十三条所指 X: no scope
                         r"(?:《[^《》]{1,60}》|[\u4e00-\u9fff]{1,20}(?:法|条例|规定|办法|细则|解释|公约))"
                         rf"(?:[、和及与](?:《[^《》]{{1,60}}》|[\u4e00-\u9fff]{{1,20}}(?:法|条例)))*"
                         rf"(?:{REFS})?(?:中)?$")

DEF_VERB = re.compile(r"是指|系指|分为|不包括|不含|是|指|为|包括|包含|含")
# what must follow a 所称 term for the sentence to define it (not just use it)
DEF_FOLLOW = re.compile(r"[”’\"」]?(?:[（(][^（）()]{1,30}[）)])?(?:[：:]|[，,]?(?:除[^，。；]{0,12}外[，,])?"
                        r"(?:在[^，。；]{1,20}[，,]?)?(?:一般|仅|主要|均|还|也|专|泛)?"
                        r"(?:是指|系指|指(?!导|定|挥|派|示|令|引|南|控)"
                        r"|是|为(?!主的|主[，,、]|目的|限)|包括|包含|含|不包括|不含|即|分为|属于|统称))")
QUOTED_LIST = re.compile(r"^的?((?:[“‘\"][^”’\"，。；：]{2,15}[”’\"](?:[、和与及或]|以及|或者)?){2,})")
STRONG_VERB = re.compile(r"是指|系指")
# a bare definition at a sentence start: X，是指 / X是指 / X，指 / “X”指
BARE = re.compile(r"^(?:其中[，,])?[“‘]?(?P<term>[^，。；：、“”‘’《》\s]{2,24}?)[”’]?"
                  r"(?P<paren>[（(][^（）()]{1,30}[）)])?"
                  r"(?:(?:[，：,:]|——|—)?(?:是指|系指)|"
                  r"(?:[，：,:]|——|—)指(?!导|定|挥|派|示|出|明|控|标|令|引|南|认|使|称|代|数|的))")
ITEM_LABEL = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*|^\d+[．.、]\s*")
# an item under a 用语 lead-in: X，是指 / X：指 / X，包括 / X——指 / “X”系指 …
ITEM_DEF = re.compile(r"^[“‘]?(?P<term>[^，。；：、“”‘’《》\s]{2,24}?)[”’]?"
                      r"(?P<paren>[（(][^（）()]{1,30}[）)])?"
                      r"(?:(?:[，：,:]|——|—)?(?:是指|系指|泛指)|(?:[，：,:]|——|—)\s*"
                      r"(?:指|是|即|包括|主要包括|包含|为|系))")
LEAD_IN = re.compile(r"(?:用语|术语|词语|名词|概念)[^。；]{0,8}(?:含义|定义|意义|涵义|解释)|"
                     r"(?:含义|定义)(?:如下|是|为)?[：:]\s*$")


def run(doc, ctx):
    doc.definitions = []
    _scan(doc)


def _owner_info(owner):
    """(article anchor, label) of a paragraph's owner."""
    from ..model import Article, Division
    if isinstance(owner, Article):
        return owner.anchor, owner.label
    if isinstance(owner, Division):
        return "", owner.heading
    return "", "序言"


def _groups(doc):
    """Paragraph lists in reading order with their owner (history notes are not content)."""
    yield None, [p for p in doc.preamble if p.kind in ("para", "item", "subitem")]
    for d in doc.divisions:
        yield d, d.paragraphs
    for a in doc.articles:
        yield a, a.paragraphs


def _scan(doc):
    for owner, paras in _groups(doc):
        art_anchor, label = _owner_info(owner)
        lead_in = False          # the last 款 announced a list of definitions
        lead_def = False         # the last 款 was a definition ending in "：" (items are sub-kinds)
        quoting = False          # inside a quotation running over several paragraphs
        for i, p in enumerate(paras):
            inside, quoting = _quoted(p.text, quoting)
            if inside:
                continue         # the amended text a 修改决定 quotes: that instrument's, not this one's
            if p.kind in ("item", "subitem"):
                found = _item(doc, owner, p, lead_in or lead_def, art_anchor, label)
                if not found:
                    _sentences(doc, owner, paras, i, p, art_anchor, label, skip_first=False)
                continue
            lead_in = bool(LEAD_IN.search(p.text))
            before = len(doc.definitions)
            if not lead_in:
                _sentences(doc, owner, paras, i, p, art_anchor, label, skip_first=False)
            lead_def = len(doc.definitions) > before and p.text.rstrip().endswith(("：", ":"))


def _quoted(text: str, open_before: bool) -> tuple[bool, bool]:
    """(this paragraph is quoted text, a quotation is still open after it).  A quotation of
    several paragraphs opens each with “ (or only the first: `“因票据纠纷提起的诉讼…` then
    `票据支付地是指…。”`) and closes the last; a quoted term (`“X”，是指`) is no quotation."""
    body = ITEM_LABEL.sub("", text.lstrip(), count=1)
    opens, closes = body.count("“"), body.count("”")
    starts = body.startswith("“") and not re.match(r"^“[^”，。]{1,15}”", body)
    if open_before or starts:
        return True, closes < opens if starts else closes <= opens and not body.rstrip().endswith("”")
    return False, False


def _split_sentences(text):
    start = 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            yield start, text[start:i + 1]
            start = i + 1
    if start < len(text):
        yield start, text[start:]


def _sentences(doc, owner, paras, index, p, art_anchor, label, skip_first):
    text = p.text
    if p.kind in ("item", "subitem"):
        m = ITEM_LABEL.match(text)
        if m:
            text = text[m.end():]
    if text.startswith(("“", "\"")) and not re.match(r"^[“\"][^”\"，。]{2,15}[”\"]", text):
        return                  # quoted amended text (关于修改…的决定), not this document's
    scope_phrase = None
    for k, (start, sent) in enumerate(_split_sentences(text)):
        if skip_first and k == 0:
            continue
        s = sent.lstrip()
        found = _so_called(doc, owner, s, scope_phrase)
        if found:
            terms, rest, scope, scope_anchors, phrase = found
            scope_phrase = phrase
            form = "所称"
        else:
            m = BARE.match(s)
            if not m:
                continue
            terms = [m.group("term") + (m.group("paren") or "")]
            scope, scope_anchors, form = "document", (), "是指"
        full = sent.strip()
        if full.endswith(("：", ":")):
            full = "\n".join([full] + _following_items(paras, index))
        for raw in terms:
            term, aliases = _clean(raw)
            if term:
                _add(doc, term, aliases, full, p, art_anchor, label, scope, scope_anchors, form)


def _following_items(paras, index):
    items = []
    for q in paras[index + 1:]:
        if q.kind not in ("item", "subitem"):
            break
        items.append(q.text)
    return items


def _so_called(doc, owner, s, previous_phrase):
    """本条例所称X，是指… -> (term, rest, scope, scope anchors, scope phrase)."""
    head = s[:40]
    m = SO_CALLED.search(head)
    if not m:
        return None
    phrase = s[:m.start()]
    if phrase.startswith("其中，"):
        phrase = phrase[3:]
    if not phrase:
        # ；所称项目支出，是指… continues the previous sentence's scope
        if previous_phrase is None:
            return None
        phrase = previous_phrase
    if len(phrase) > 30 or any(c in "，。；：" for c in phrase):
        return None
    scope = _scope(doc, owner, phrase)
    if scope is None:
        return None
    rest = s[m.end():]
    q = QUOTED_LIST.match(rest)
    if q:                    # 所称“计算机信息系统”和“计算机系统”，是指…
        terms = re.findall(r"[“‘\"]([^”’\"]+)[”’\"]", q.group(1))
        after = q.end()
    else:
        term = _term_of(rest)
        if not term:
            return None
        terms, after = [term], rest.find(term) + len(term)
    follow = STRONG_AFTER if m.group(1).endswith("规定的") else DEF_FOLLOW
    if not follow.match(rest, after):
        return None          # 本条例所称X，应当… uses the term; 第十条规定的X needs a 是指
    return terms, rest, scope[0], scope[1], phrase


STRONG_AFTER = re.compile(r"[”’\"」]?(?:[（(][^（）()]{1,30}[）)])?[，,]?\s*(?:是指|系指)")


def _scope(doc, owner, phrase):
    from ..model import Article
    art = owner if isinstance(owner, Article) else None
    if SCOPE_DIV.match(phrase):
        division = _division_anchor(doc, art, phrase) if art is not None else None
        # a file holding one 编 of a code (民法典 is published per 编) has no 编 heading:
        # 本编 then covers the whole file
        return ("division", (division,)) if division else ("document", ())
    if SCOPE_ART.match(phrase):
        return ("article", (art.anchor,)) if art is not None else ("document", ())
    if SCOPE_PREV_ART.match(phrase):
        if art is None:
            return None
        arts = [a for a in doc.articles if getattr(a, "seq", 0) == getattr(art, "seq", 0)]
        i = next((k for k, a in enumerate(arts) if a is art), 0)
        n = 2 if phrase.startswith(("前两条", "前二条")) else 3 if phrase.startswith("前三条") else 1
        return "article", tuple(a.anchor for a in arts[max(0, i - n):i]) + (art.anchor,)
    if SCOPE_NAMED_ART.match(phrase):
        anchors = []
        seq = getattr(art, "seq", 0) if art is not None else 0
        for key in hierarchy.article_keys(phrase):
            target = next((a for a in doc.articles if a.key == key and getattr(a, "seq", 0) == seq),
                          None)
            if target is not None:
                anchors.append(target.anchor)
        if art is not None:
            anchors.append(art.anchor)
        return ("article", tuple(dict.fromkeys(anchors))) if anchors else ("document", ())
    if SCOPE_DOC.match(phrase):
        return "document", ()
    if SCOPE_OTHER.match(phrase) and not phrase.startswith("本"):
        return "document", ()
    return None


def _division_anchor(doc, art, phrase):
    """本章 -> the article's chapter, 本节 -> its section, 本编 -> its book; None if absent."""
    want = {"本节": "section", "本章": "chapter", "本编": "book", "本分": "subbook"}[phrase[:2]]
    anchor = art.division
    while anchor:
        d = doc.division(anchor)
        if d is None:
            return None
        if d.kind == want:
            return d.anchor
        anchor = d.parent
    return None


TRAILING_VERB = re.compile(r"(?:还|也|主要|一般)?(?:包括|包含|是|系)$")


def _term_of(rest):
    """The term at the start of `rest` (the text after 所称)."""
    rest = rest.lstrip("“‘\"「")
    if rest.startswith("的"):
        rest = rest[1:].lstrip("“‘\"「")
    q = re.match(r"^([^”’\"」，。；：]{2,24})[”’\"」]", rest)
    if q:                                  # a closing quote ends a quoted term
        return q.group(1)
    stop = len(rest)
    for ch in "，。；：,:":
        k = rest.find(ch)
        if k != -1:
            stop = min(stop, k)
    head = rest[:stop]
    m = STRONG_VERB.search(head, 2)
    if m:
        return head[:m.start()]
    if stop <= 15 + 12 and PAREN_TAIL.search(head) or stop <= 15:
        # the term runs to the comma (见义勇为，是指…); 城市绿地包括： drops its verb
        return TRAILING_VERB.sub("", head)
    m = DEF_VERB.search(rest, 2)
    if m and m.start() <= 15:
        return rest[:m.start()]
    return None


def _clean(term):
    """Strip quotes and a trailing parenthesis (alias); validate. Returns (term, aliases)."""
    term = term.strip().strip(QUOTES)
    aliases = []
    while True:
        m = PAREN_TAIL.search(term)
        if not m:
            break
        a = ALIAS.match(m.group(1))
        if a:
            alias = a.group(1).strip(QUOTES)
            if _valid(alias):
                aliases.append(alias)
        term = term[:m.start()].strip().strip(QUOTES)
    if not _valid(term):
        return None, ()
    return term, tuple(a for a in aliases if a != term)


def _valid(term: str) -> bool:
    if not 2 <= len(term) <= 15:
        return False
    if any(c in PUNCT for c in term):
        return False
    if not re.search(r"[\u4e00-\u9fff]", term) and not re.fullmatch(r"[A-Za-z][A-Za-z0-9]+", term):
        return False
    if term.startswith(DEICTIC) or term.endswith(("的", "等", "后", "中")):
        return False
    if len(term) > 2 and term.endswith("时"):      # 战时 is a term, 发生事故时 a clause
        return False
    if any(w in term for w in CLAUSE_WORDS):
        return False
    if re.fullmatch(rf"(?:{N})[\u4e00-\u9fff]?", term):
        return False
    return True


def _item(doc, owner, p, in_list, art_anchor, label):
    """（一）公共数据，是指… -> one definition anchored at the item."""
    m = ITEM_LABEL.match(p.text)
    if not m:
        return False
    body = p.text[m.end():]
    if in_list:
        d = ITEM_DEF.match(body)
    else:
        d = BARE.match(body)
    if not d:
        return False
    raw = d.group("term") + (d.group("paren") or "")
    term, aliases = _clean(raw)
    if not term:
        return False
    _add(doc, term, aliases, p.text, p, art_anchor, label, "document", (), "用语" if in_list else "是指")
    # further definitions inside the item (其中，油轮是指…) after its first sentence
    _sentences(doc, owner, [p], 0, p, art_anchor, label, skip_first=True)
    return True


def _add(doc, term, aliases, text, p, art_anchor, label, scope, scope_anchors, form):
    for d in doc.definitions:
        if d.term == term and d.anchor == p.anchor:
            return
    doc.definitions.append(Definition(term, text, p.anchor, art_anchor, label, p.line,
                                      scope, tuple(scope_anchors), tuple(aliases), form))
