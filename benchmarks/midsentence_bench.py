"""Reading time of text whose lines break mid-sentence (as PDF extractions do), by size.

    .venv/bin/python benchmarks/midsentence_bench.py 1 2 5 10        # sizes in MB

The text is made from the corpus: every article of every file, renumbered 第一条, 第二条 …
in one 条例, each article's text hard-wrapped every WIDTH characters mid-sentence, so the
reader joins the pieces (paragraph_joined) and the orphan check (transforms/orphans.py)
compares every paragraph with every continuation.  Deterministic: the same size gives the
same text.  Prints size, articles, paragraph joins and the time of pipeline.load_text.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
WIDTH = 24
ARTICLE = re.compile(r"^第[零〇一二三四五六七八九十百千万两]+条[\s\u3000]+(.+)$")


def make(megabytes: float) -> str:
    import cn2an
    limit = int(megabytes * 1024 * 1024)
    out = ["# 断行测试条例", ""]
    size, n = 0, 0
    for path in sorted(CORPUS.rglob("*.md")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            m = ARTICLE.match(line.strip())
            if not m or len(m.group(1)) < 2 * WIDTH:
                continue
            n += 1
            body = m.group(1)
            pieces = [body[i:i + WIDTH] for i in range(0, len(body), WIDTH)]
            block = f"第{cn2an.an2cn(n, 'low')}条 " + "\n".join(pieces) + "\n"
            out.append(block)
            size += len(block.encode("utf-8")) + 1
            if size >= limit:
                return "\n".join(out)
    return "\n".join(out)


def measure(megabytes: float):
    from build_tools import pipeline
    from build_tools.sourcefile import SourceText
    from build_tools.transforms import Context
    text = make(megabytes)
    t = time.perf_counter()
    doc = pipeline.load_text(SourceText("断行.md", text, "utf-8", []), Context(None))
    elapsed = time.perf_counter() - t
    joins = sum(1 for p in doc.problems if p.code == "paragraph_joined")
    return len(text.encode("utf-8")), len(doc.articles), joins, elapsed


if __name__ == "__main__":
    print("| MB | bytes | articles | joins | seconds |")
    print("| --- | --- | --- | --- | --- |")
    for arg in sys.argv[1:] or ["1"]:
        size, articles, joins, elapsed = measure(float(arg))
        print(f"| {arg} | {size} | {articles} | {joins} | {elapsed:.1f} |", flush=True)
