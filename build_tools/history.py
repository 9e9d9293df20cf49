"""The history notes (题注) read as dated events: the one reader behind a document's dates and its versions' history.

A 题注 such as

    （2011年11月17日上海市第十三届人民代表大会常务委员会第三十次会议通过　根据2020年5月14日
    上海市第十五届人民代表大会常务委员会第二十一次会议《关于修改本市部分地方性法规的决定》第一次修正）

is cut at each date: the clause after a date, up to the next one, names the act done on that
date (…第一次修正, …通过, 公布, 自…起施行).  events(doc) gives one Event per act, in source order:
its date, kind (通过 | 批准 | 公布 | 修正 | 修订 | 施行 | 废止), the body that acted, the ordinal of an
amendment (2 for 第二次修正), the amending instrument, the source line, and whether the act was
done jointly with the next or previous dated clause (两院…会议、…会议通过: one adoption).
transforms/metadata.py derives the passed / approved / published / amended / effective dates
from them; versions.py builds a work's history from them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from . import numerals

DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
DATE_RE = re.compile(DATE)
ORDINAL = re.compile(r"第([一二三四五六七八九十]+)次(修正|修订)")
INSTRUMENT = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")
# the words naming an act, most specific first, and the kind each names
ACTS = (("修正", "修正"), ("修订", "修订"), ("修改", "修正"), ("批准", "批准"), ("通过", "通过"),
        ("公布", "公布"), ("发布", "公布"), ("印发", "公布"), ("废止", "废止"), ("施行", "施行"))


@dataclass
class Event:
    date: str              # ISO date
    kind: str              # 通过 | 批准 | 公布 | 修正 | 修订 | 施行 | 废止
    body: str = ""         # 第十二届全国人民代表大会常务委员会第二十九次会议
    ordinal: int = 0       # 2 for 第二次修正
    instrument: str = ""   # 关于修改〈中华人民共和国法官法〉等八部法律的决定
    line: Optional[int] = None
    text: object = None    # the Version of the collection whose text this event made (versions.py)
    joint: bool = False    # done together with the next or previous dated clause (one adoption)

    @property
    def version(self) -> str:
        """The address (slug) of the text this event made, "" when not in the collection."""
        return self.text.address if self.text is not None else ""

    @property
    def label(self) -> str:
        n = f"第{numerals.to_chinese(self.ordinal)}次" if self.ordinal else ""
        return f"{n}{self.kind}"


def iso(y, m, d) -> str:
    """ISO date of year, month, day (strings), "" for a date that does not exist."""
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def joined(clause: str) -> bool:
    """A clause that ends in 、 or 和 runs on into the next dated clause, which names the act."""
    return clause.rstrip(" 　").endswith(("、", "和", "及"))


def kind(clause: str) -> tuple[str, int]:
    """(kind, ordinal) of the act a clause names; ("", 0) when it names none."""
    m = ORDINAL.search(clause)
    if m:
        return m.group(2), _ordinal(m.group(1))
    for word, name in ACTS:
        if word in clause:
            if name == "通过" and ("修正案" in clause or "修改" in clause):
                return "修正", 0
            return name, 0
    return "", 0


def _ordinal(text: str) -> int:
    try:
        return numerals.to_int(text)
    except ValueError:
        return 0


def events(doc) -> list[Event]:
    """The history notes (题注) as events, in source order.

    Each date starts a clause that runs to the next date; the clause's verb names the kind.
    A date preceded by 自 is an effective date; 公布施行 is two events on one date."""
    out: list[Event] = []
    for p in doc.history:
        text = p.text
        matches = list(DATE_RE.finditer(text))
        clauses = [text[m.end():(matches[i + 1].start() if i + 1 < len(matches) else len(text))]
                   for i, m in enumerate(matches)]
        for i, m in enumerate(matches):
            date = iso(*m.groups())
            clause = clauses[i]
            before = text[max(0, m.start() - 2):m.start()]
            if not date:
                continue
            if "自" in before and "施行" in clause:
                out.append(Event(date, "施行", line=p.line))
                continue
            joint = i + 1 < len(clauses) and joined(clause) or i > 0 and joined(clauses[i - 1])
            name, ordinal = kind(clause)
            if not name and joined(clause) and i + 1 < len(clauses):
                name, ordinal = kind(clauses[i + 1])      # adopted jointly: the next clause's act
            if not name:
                continue
            inst = INSTRUMENT.search(clause)
            cut = min([x for x in (clause.find("《"), clause.rfind(name)) if x >= 0] or [len(clause)])
            body = clause[:cut].strip(" 　，,、根据")
            body = re.sub(r"(公布|发布|通过|批准)$", "", body).strip()
            instrument = inst.group(1).replace("<", "〈").replace(">", "〉") if inst else ""
            out.append(Event(date, name, body, ordinal, instrument, p.line, joint=joint))
            if name == "公布" and "施行" in clause and "起施行" not in clause:
                out.append(Event(date, "施行", line=p.line))     # 公布施行
    return out
