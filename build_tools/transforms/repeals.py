"""The instruments a text says it repeals: `本法自…起施行，《…》同时废止` in its own words."""
from __future__ import annotations

import re
from dataclasses import dataclass

# a sentence that repeals: …同时废止 / 予以废止 / 即行废止 / 一并废止 / …自…起废止
REPEALS = re.compile(r"(?:同时|予以|即行|一并|相应|自[^，。；]{1,30}起)废止[。；]?$|同时废止")
TITLE = re.compile(r"《([^《》]{2,80})》")
# what may follow a repealed title: the next title, its document number, the verb — never
# 第X条 / 中的 / 的有关规定 (an article or a part of it is repealed, not the instrument)
AFTER = re.compile(r"^(?:[（(][^（）()]{1,40}[）)])?(?:[、，,和及与]|以及|同时|予以|即行|一并|相应|废止|自)")


@dataclass
class Repeal:
    title: str           # as the source writes it inside 《》
    line: int
    article: str         # the article's anchor ("" for text outside articles)
    label: str           # 第三十五条, or "" outside articles
    sentence: str

    def to_json(self) -> dict:
        return {"title": self.title, "line": self.line, "article": self.article,
                "label": self.label, "sentence": self.sentence}


def run(doc, ctx):
    doc.repeals = []
    if doc.declared_status in ("征求意见稿", "草案", "送审稿", "公开征求意见稿"):
        return          # a draft repeals nothing
    owners = [(a.anchor, a.label, a.paragraphs) for a in doc.articles]
    if not doc.articles:
        owners.append(("", "", [p for p in doc.preamble if p.kind in ("para", "item")]))
    for anchor, label, paras in owners:
        for p in paras:
            for sentence, quoted in _sentences(p.text):
                if quoted or not REPEALS.search(sentence):
                    continue
                for m in TITLE.finditer(sentence):
                    if AFTER.match(sentence[m.end():]):
                        doc.repeals.append(Repeal(m.group(1), p.line, anchor, label, sentence))


def _sentences(text: str):
    """(sentence, inside a quotation) for each sentence ending at 。 or ；."""
    depth, start = 0, 0
    for i, ch in enumerate(text + "。"):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch in "。；" and i >= start:
            s = text[start:i + 1].strip()
            if s:
                yield s, depth > 0 or "“" in s
            start = i + 1
