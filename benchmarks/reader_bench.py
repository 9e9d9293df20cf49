"""How fast one core reads the corpus: markdown-it-py's parse alone, then the whole reader
with its transforms (pipeline.load) on every 4th file.  Prints MB/s for each.

    .venv/bin/python benchmarks/reader_bench.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
sys.path.insert(0, str(ROOT))


def main() -> None:
    from markdown_it import MarkdownIt

    from build_tools import pipeline
    from build_tools.transforms import Context
    files = sorted(CORPUS.rglob("*.md"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    md = MarkdownIt("commonmark")
    t = time.time()
    for text in texts:
        md.parse(text)
    dt = time.time() - t
    print(f"markdown-it-py parse only: {mb:.1f} MB in {dt:.1f} s on one core = {mb / dt:.1f} MB/s")
    sample = files[::4]
    size = sum(f.stat().st_size for f in sample) / 1e6
    ctx = Context()
    t = time.time()
    for f in sample:
        pipeline.load(f, ctx)
    dt = time.time() - t
    print(f"reader + transforms (pipeline.load): {size:.1f} MB in {dt:.1f} s on one core = {size / dt:.1f} MB/s")


if __name__ == "__main__":
    main()
