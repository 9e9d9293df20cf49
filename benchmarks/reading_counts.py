"""Corpus counts for docs-dev/reading.md: gaps reported vs gap markers written, articles marked
as repaired or in doubt, citation labels not in a form people write (before: the 措施 form
二、1．; after: cite_label), documents without a version for the academic style.

    PYTHONPATH=. nice .venv/bin/python benchmarks/reading_counts.py
"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import datetime, pathlib, collections
from build_tools import commands
from build_tools.transforms import Context
import build_tools.writers.markdown as md
docs, failures = commands.load_sources(pathlib.Path("../shared/corpus/lawrefbook"), Context(datetime.date(2026, 12, 2)))
c = collections.Counter({"unusual citation labels after": 0})
for d in docs:
    c["docs"] += 1
    c["article_gap records"] += sum(p.code == "article_gap" for p in d.problems)
    for a in d.articles:
        c["articles"] += 1
        if md.gap_before(d, a):
            c["gap markers"] += 1
        probs = md.article_problems(d, a)
        if probs:
            c["articles with a mark"] += 1
            if any(p.code in md.DOUBTFUL and "存疑" in md.DOUBTFUL[p.code] for p in probs):
                c["articles marked 存疑"] += 1
        for name, lab in (("before", f"{a.part.label}{a.label}" if d.style == "measures" else a.label),
                          ("after", md.cite_label(d, a))):
            if "、" in lab or "．" in lab or not lab.startswith("第"):
                c[f"unusual citation labels {name}"] += 1
    if d.style == "measures":
        c["measures docs"] += 1
        c["measures with titles"] += sum(bool(a.title) for a in d.articles)
        c["measures"] += len(d.articles)
    c["docs without version"] += not md.version_label(d)
print(dict(c))
