"""Count, over a folder of sources, the documents touched by each class of issue 12's
"content that is not a numbered article".

Each class is found by a plain scan of the source lines (regular expressions written here,
independent of the reader's grammar), then looked up in the model: a defect is a line of that
class that the model holds in the wrong place.  Run from a checkout whose build_tools is to be
measured (so the same script measures before and after):

    nice .venv/bin/python scripts/structure_classes.py ../shared/corpus/lawrefbook
"""
from __future__ import annotations

import collections
import re
import sys

from build_tools import pipeline, sourcefile

CN = "一二三四五六七八九十百千零〇两"
MD = r"^(?:#+[ \t]*)?(?:\*\*)?"
ARTICLE_LINE = re.compile(MD + rf"(?:[-*+][ \t]+)?第[{CN}]+条")
ANNEX_LINE = re.compile(MD + r"附(?:[件表录][一二三四五六七八九十\d]*|(?=[ 　]*[:：]))(?:\*\*)?(?:[:：\s　]|$)"
                        r"(?![ 　]*[\d一二三四五六七八九十]+[.．、])")
UNNUMBERED = re.compile(MD + rf"(?:[{CN}]+、)?[ 　]*(附[ 　]*则|总[ 　]*则|分[ 　]*则)(?:\*\*)?[ 　]*$")
HEADING_MD = re.compile(r"^#{2,6}[ \t]+(?!第[" + CN + r"]+[条章节编])\S")
GLUED = re.compile(MD + rf"第[{CN}]+章[^。；]{{0,40}}?第[{CN}]+条")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
FOOTNOTE = re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩][ 　]+\S")


def article_lines(doc) -> set[int]:
    return {n for a in doc.articles for p in a.paragraphs for n in p.lines}


def literal_table_lines(doc) -> set[int]:
    return {n for _, p in doc.all_paragraphs() for n in p.lines
            if p.kind != "table" and p.text.lstrip().startswith("|")}


def classify(doc) -> dict[str, int]:
    """class -> number of source lines of that class the model holds in the wrong place."""
    in_articles = article_lines(doc)
    tables = literal_table_lines(doc)
    omitted = {n for p in doc.omitted for n in p.lines}
    first_article = next((i for i, l in enumerate(doc.lines, 1) if ARTICLE_LINE.match(l)), None)
    out = collections.Counter()
    labels = {a.line for a in doc.articles}
    as_para = {n for a in doc.articles for p in a.paragraphs if p.kind == "para" for n in p.lines}
    for i, raw in enumerate(doc.lines, 1):
        if first_article and i > first_article and ANNEX_LINE.match(raw) and i in in_articles:
            out["annex_in_article"] += 1
        if UNNUMBERED.match(raw) and i in in_articles:
            out["unnumbered_heading_in_article"] += 1
        if doc.style == "statute" and HEADING_MD.match(raw) and i in in_articles:
            out["heading_in_article"] += 1
        if GLUED.match(raw) and i not in labels:
            out["glued_article_lost"] += 1
        if TABLE_ROW.match(raw) and i in tables:
            out["table_as_text"] += 1
        if ARTICLE_LINE.match(raw) and i in omitted and not raw.lstrip().startswith("#"):
            out["article_in_contents"] += 1
        if FOOTNOTE.match(raw) and i in as_para:
            out["footnote_as_paragraph"] += 1
    return out


def figures(doc) -> collections.Counter:
    """What the model holds: articles, pages' chapters, and the new kinds of element."""
    c = collections.Counter(articles=len(doc.articles), chapters=len(doc.chapters))
    for d in doc.divisions:
        if d.kind == "annex":
            c["annex divisions"] += 1
        if d.kind == "part" and doc.style == "statute":
            c["statute part divisions"] += 1
        if getattr(d, "name", ""):
            c["unnumbered divisions"] += 1
    for _, p in doc.all_paragraphs():
        if p.kind in ("table", "footnote"):
            c[f"{p.kind} paragraphs"] += 1
    return c


def main(folder):
    lines = collections.Counter()
    docs = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    totals = collections.Counter()
    holding = collections.Counter()
    for path in pipeline.sources(folder):
        try:
            doc = pipeline.load(path)
        except sourcefile.SourceError:
            continue
        f = figures(doc)
        totals.update(f)
        holding.update(k for k, v in f.items() if v)
        for cls, n in classify(doc).items():
            lines[cls] += n
            docs[cls] += 1
            examples[cls].append(str(path).split("/")[-1])
    print("| class | documents | lines |\n| --- | --- | --- |")
    for cls in ("annex_in_article", "unnumbered_heading_in_article", "heading_in_article",
                "glued_article_lost", "table_as_text", "article_in_contents", "footnote_as_paragraph"):
        print(f"| `{cls}` | {docs[cls]} | {lines[cls]} |")
    print("\n| model figure | total | documents |\n| --- | --- | --- |")
    for k in sorted(totals):
        print(f"| {k} | {totals[k]} | {holding[k]} |")
    for cls, ex in sorted(examples.items()):
        print(f"{cls}: {', '.join(ex[:5])}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/lawrefbook")
