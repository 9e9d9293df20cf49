"""Search latency and bytes loaded per query on the whole corpus, over HTTP and from file://.

    .venv/bin/python benchmarks/search_bench.py [FOLDER] [--times N] [--first-only]
                                                   (default: ../shared/corpus/lawrefbook, 1)

Builds only the exact-search index for the folder (no MkDocs), opens a page that loads
assets/regsearch.js in Debian's Chromium, and for each query prints the time until the
first results are shown (regSearchProgress's first non-empty callback), the time until all
results are known, the bytes of index loaded by then, and the number of results.

--times N indexes the collection N times, the way benchmarks/bench.py simulates a larger one:
copy k > 1 has its title ending in （第k份） (and its slug in -k); the copies are made from the
documents read once (the index depends on the model only), not read again from N folders.  --first-only stops each query at its first results.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

QUERIES = ["公共数据", "个人信息", "算力", "数据安全", "行政处罚", "劳动合同", "合同", "不可抗力",
           "第三十一条", "人民法院 调解", "PUE", "5G", "蟹", "的", "电子签名", "网约车",
           "《中华人民共和国民法典》第十条", "算力条例 第31条"]

# Chromium keeps 250 resource timings by default: a long result list loads more files
# [query, first only]: with first only, the figures are taken at the first results and the
# search is left running (the page is closed): for a large collection, where listing every
# result takes minutes
MEASURE = """([q, firstOnly]) => new Promise(res => {
  performance.setResourceTimingBufferSize(1000000);
  const t0 = performance.now(); let first = null;
  const before = performance.getEntriesByType('resource').length;
  const bytes = () => performance.getEntriesByType('resource').slice(before)
      .reduce((s, e) => s + (e.encodedBodySize || 0), 0);
  let firstBytes = 0;
  regSearchProgress(q, r => {
    if (first === null && r.length) {
      first = performance.now() - t0; firstBytes = bytes();
      if (firstOnly) res({first: first, all: null, n: r.length, firstBytes: firstBytes, allBytes: null});
    }
  })
    .then(all => res({first: first === null ? performance.now() - t0 : first, all: performance.now() - t0,
                      n: all.length, firstBytes: first === null ? bytes() : firstBytes, allBytes: bytes()}));
})"""


def load(folder: Path):
    from build_tools import commands
    from build_tools.transforms import Context
    docs, _ = commands.load_sources(folder, Context())
    return docs


def multiply(docs, n: int) -> list:
    """The collection n times, titles (and slugs) of copy k > 1 made distinct as in bench.py."""
    import copy
    import dataclasses
    from build_tools.writers import search_index
    out = list(docs)
    for k in range(2, n + 1):
        for d in docs:
            c = copy.copy(d)
            c.derived = dataclasses.replace(d.derived)
            c.slug, c.title = f"{d.slug}-{k}", f"{d.title}（第{k}份）"
            grams, payload = search_index.part(d)
            more = search_index._grams(search_index.norm(c.title)) - set(grams.split("\n"))
            c.derived.search = ("\n".join([grams, *sorted(more)]) if more else grams, payload)
            out.append(c)
    return out


def build_index(docs, out: Path) -> int:
    from build_tools.writers import search_index
    search_index.write_standalone(docs, out)
    return sum(p.stat().st_size for p in (out / "search").iterdir())


def measure(out: Path, queries=QUERIES, first_only=False) -> list[float]:
    from browser import browser, serve
    print("| query | transport | first results ms | all results ms | KB loaded for first | KB loaded for all | results |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    firsts = []
    with serve(out) as base, browser() as b:
        for transport, url in (("http", f"{base}/index.html"), ("file", (out / "index.html").as_uri())):
            for q in queries:
                page = b.new_page()          # a cold page for every query: nothing cached
                page.goto(url)
                r = page.evaluate(MEASURE, [q, first_only])
                page.close()
                firsts.append(r["first"])
                kb_first = f"{r['firstBytes'] / 1e3:.0f}" if transport == "http" else "—"
                kb_all = f"{r['allBytes'] / 1e3:.0f}" if transport == "http" and r["all"] is not None else "—"
                every = "—" if r["all"] is None else f"{r['all']:.0f}"
                n = f"{r['n']} so far" if r["all"] is None else r["n"]
                print(f"| {q} | {transport} | {r['first']:.0f} | {every} | {kb_first} | {kb_all} | {n} |",
                      flush=True)
    print(f"\nmedian first results {statistics.median(firsts):.0f} ms, max {max(firsts):.0f} ms")
    return firsts


def main():
    args = sys.argv[1:]
    times = 1
    first_only = "--first-only" in args
    if first_only:
        args.remove("--first-only")
    if "--times" in args:
        i = args.index("--times")
        times = int(args[i + 1])
        del args[i:i + 2]
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "corpus" / "lawrefbook"
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        out = Path(tmp)
        t = time.time()
        docs = multiply(load(folder), times)
        loaded = time.time() - t
        t = time.time()
        index = build_index(docs, out)
        text = times * sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        fixed = (out / "search" / "meta.js").stat().st_size
        print(f"# search benchmark {time.strftime('%Y-%m-%d %H:%M')}: {folder.name} x{times}, {len(docs)} documents "
              f"read in {loaded:.0f} s, index built in {time.time() - t:.0f} s; source {text / 1e6:.1f} MB, "
              f"index {index / 1e6:.1f} MB ({index / text:.2f}x), {len(list((out / 'search').iterdir()))} files, "
              f"meta.js (loaded by every query) {fixed / 1e3:.0f} KB")
        measure(out, first_only=first_only)


if __name__ == "__main__":
    main()
