"""Cost of Word files (build --docx) on the corpus: time and bytes for a seeded sample of 200
documents, extrapolated to all documents and by article count.

    PYTHONPATH=. nice .venv/bin/python benchmarks/docx_cost.py
"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import datetime, pathlib, random, time
from build_tools import commands
from build_tools.transforms import Context
import build_tools.writers.markdown as md
from build_tools.writers.docx import document_docx
docs, failures = commands.load_sources(pathlib.Path("../shared/corpus/lawrefbook"), Context(datetime.date(2026, 12, 2)))
sample = random.Random(17).sample(docs, 200)
t = time.time(); size = 0
for d in sample:
    size += len(document_docx(d, md.plan(d)))
secs = time.time() - t
arts_all = sum(len(d.articles) for d in docs); arts_s = sum(len(d.articles) for d in sample)
docs_n = len(docs)
print(f"sample 200 docs, {arts_s} articles: {secs:.1f} s, {size/1e6:.1f} MB")
print(f"per doc {secs/200:.3f} s; whole corpus by docs: {secs/200*docs_n:.0f} s, by articles: {secs*arts_all/arts_s:.0f} s")
print(f"bytes whole corpus by docs: {size/200*docs_n/1e6:.0f} MB")
