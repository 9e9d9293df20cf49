"""How fast the corpus is read: CPU seconds per phase of reading one file, and MB/s of the
whole corpus read cold.

    .venv/bin/python benchmarks/reader_bench.py phases [--every 8] [--code DIR]
    .venv/bin/python benchmarks/reader_bench.py corpus [--code DIR]

phases: every Nth corpus file read in this process (jieba loaded first), each phase timed
with time.process_time (CPU, so that other processes on the machine do not count): the
reader, the grammar, each transform, the audit, the slug, the search index part and the
pickle a worker sends to the parent and the parent loads.
corpus: loading.load_sources on the whole corpus with REGSITE_CACHE=off (the worker
processes of a cold build), wall and CPU time (this process and its children) and MB/s.
--code DIR: import build_tools from another checkout (a baseline), to compare side by side
in one period; the load average is printed with every result.
"""
from __future__ import annotations

import argparse
import datetime
import importlib
import os
import pickle
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"


def _load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def phases(every: int) -> None:
    from build_tools import loading, pipeline, readers, slugs, sourcefile, structure, transforms
    from build_tools.transforms import Context
    from build_tools.writers import search_index
    loading._preload()
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time

    def wrap(module, name, label):
        inner = getattr(module, name)

        def timed(*args, **kwargs):
            start = clock()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] += clock() - start
        setattr(module, name, timed)

    wrap(sourcefile, "read", "reading the file")
    wrap(pipeline, "strip_invisible", "invisible characters")
    wrap(readers, "read", "reader (readers.read)")
    wrap(structure, "build", "grammar (structure.build)")
    wrap(pipeline, "_account", "audit (pipeline._account)")
    wrap(slugs, "base_slug", "slug (slugs.base_slug)")
    for name in transforms.ORDER:
        wrap(importlib.import_module(f"build_tools.transforms.{name}"), "run", f"transform {name}")
    files = sorted(CORPUS.rglob("*.md"))[::every]
    mb = sum(f.stat().st_size for f in files) / 1e6
    ctx = Context(datetime.date(2026, 12, 2))
    size = 0
    start = clock()
    for f in files:
        doc = pipeline.load(f, ctx)
        t = clock()
        search_index.part(doc)
        spent["search index part"] += clock() - t
        t = clock()
        data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        spent["pickle.dumps (worker)"] += clock() - t
        size += len(data)
        t = clock()
        pickle.loads(data)
        spent["pickle.loads (parent)"] += clock() - t
    total = clock() - start
    print(f"every {every}th corpus file: {len(files)} files, {mb:.2f} MB; CPU {total:.2f} s "
          f"({mb / total:.2f} MB/s on one core); pickles {size / 1e6:.1f} MB; {_load()}")
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {label:34s} {seconds:6.2f} s  {100 * seconds / total:4.1f} %")


def corpus() -> None:
    os.environ["REGSITE_CACHE"] = "off"
    from build_tools import loading
    from build_tools.transforms import Context
    mb = sum(f.stat().st_size for f in CORPUS.rglob("*.md")) / 1e6
    before = _load()
    wall = time.time()
    docs, failures = loading.load_sources(CORPUS, Context(datetime.date(2026, 12, 2)))
    wall = time.time() - wall
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_own, cpu_kids = own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime
    print(f"load_sources, whole corpus cold: {len(docs)} documents, {len(failures)} failures, "
          f"{mb:.1f} MB; wall {wall:.1f} s ({mb / wall:.2f} MB/s); CPU {cpu_own:.1f} s parent + "
          f"{cpu_kids:.1f} s workers = {cpu_own + cpu_kids:.1f} s ({mb / (cpu_own + cpu_kids) * 2:.2f} MB/s "
          f"on two cores if nothing else ran); {before} at the start, {_load()} at the end")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["phases", "corpus"])
    parser.add_argument("--every", type=int, default=8)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    if args.what == "phases":
        phases(args.every)
    else:
        corpus()


if __name__ == "__main__":
    main()
