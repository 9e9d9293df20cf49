"""Build the same inputs two ways in one run and print the figures side by side.

    .venv/bin/python benchmarks/bench.py [seeds] [100] [1000] [all]

plain  = the source files dropped into MkDocs 1.6.1 + Material 9.8.1 with its search plugin
         (jieba segmentation), one page per file: the baseline of issue 6;
ours   = python -m build_tools build (reading, repairing, linking, per-chapter pages, exact
         search index, MkDocs Material), first cold (empty model cache), then
         rebuilt after one source file changes (one sentence of one article).
Wall time and peak memory come from GNU time; sizes from the built site.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
PY = str(ROOT / ".venv" / "bin" / "python")

PLAIN_CONFIG = """site_name: plain
use_directory_urls: false
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
"""


def inputs(name: str, work: Path) -> Path:
    src = work / f"src-{name}"
    src.mkdir()
    if name == "seeds":
        files = sorted((ROOT / "seeds").iterdir())
    else:
        files = sorted(CORPUS.rglob("*.md"))
        if name != "all":
            files = files[: int(name)]
    for i, f in enumerate(files):
        rel = f.relative_to(CORPUS).parent if name != "seeds" else Path()
        (src / rel).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, src / rel / (f.stem + ".md"))
    return src


def timed(cmd, cwd) -> tuple[float, float, str]:
    t = time.time()
    proc = subprocess.run(["/usr/bin/time", "-f", "PEAK_KB %M"] + cmd, cwd=cwd,
                          capture_output=True, text=True)
    wall = time.time() - t
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    peak = next(int(l.split()[1]) for l in proc.stderr.splitlines() if l.startswith("PEAK_KB"))
    return wall, peak / 1024, proc.stderr


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def plain(src: Path, work: Path) -> dict:
    proj = work / "plain"
    shutil.copytree(src, proj / "docs")
    (proj / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    wall, peak, _ = timed([PY, "-m", "mkdocs", "build", "-q"], proj)
    site = proj / "site"
    index = sum(size(p) if p.is_dir() else p.stat().st_size for p in site.glob("search/search_index.*"))
    pages = list(site.rglob("*.html"))
    return {"wall": wall, "peak": peak, "pages": len(pages), "site": size(site), "index": index,
            "max_page": max(p.stat().st_size for p in pages)}


def ours(src: Path, work: Path) -> dict:
    cmd = [PY, "-m", "build_tools", "build", str(src), "--docs-dir", str(work / "docs"),
           "--site-dir", str(work / "site")]
    os.environ["REGSITE_CACHE_DIR"] = str(work / "cache")          # cold: an empty model cache
    wall, peak, err = timed(cmd, ROOT)
    site = work / "site"
    pages = list(site.rglob("*.html"))
    chapter_pages = sorted(p.stat().st_size for p in pages if p.name != "index.html" and p.parent != site)
    prep = sum(float(l.split("用时 ")[1].split(" 秒")[0]) for l in err.splitlines()
               if l.startswith(("读取", "生成")) and "用时 " in l)
    result = {"wall": wall, "peak": peak, "pages": len(pages), "site": size(site),
              "index": size(site / "search"), "max_page": max(p.stat().st_size for p in pages),
              "prep": prep, "phases": [l for l in err.splitlines() if "用时" in l]}
    if chapter_pages:
        result["max_chapter"] = chapter_pages[-1]
        result["median_page"] = chapter_pages[len(chapter_pages) // 2]
        result["p95_page"] = chapter_pages[int(len(chapter_pages) * 0.95)]
    edited = edit_one(src)
    result["rebuild"], result["rebuild_peak"], err = timed(cmd, ROOT)
    result["rebuild_phases"] = [l for l in err.splitlines() if "用时" in l]
    result["edited"] = edited
    del os.environ["REGSITE_CACHE_DIR"]
    return result


def edit_one(src: Path) -> str:
    """Change one sentence of one article of the largest source file: its last 。 becomes ；。"""
    path = max(src.rglob("*.md"), key=lambda p: p.stat().st_size)
    text = path.read_text(encoding="utf-8")
    cut = text.rindex("。")
    path.write_text(text[:cut] + "；。" + text[cut + 1:], encoding="utf-8")
    return str(path.relative_to(src))


def main(names):
    print(f"# benchmark {time.strftime('%Y-%m-%d %H:%M')} on {platform.node()} "
          f"({os.cpu_count()} cores, Python {platform.python_version()})")
    print("| input | build | wall s | peak MB (largest process) | pages | site MB | search index MB | largest page KB | preprocessing MB/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    details = []
    for name in names:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            work = Path(tmp)
            src = inputs(name, work)
            src_mb = size(src) / 1e6
            a = plain(src, work / "a")  if (work / "a").mkdir() is None else None
            b = ours(src, work / "b") if (work / "b").mkdir() is None else None
            for label, r in (("plain MkDocs", a), ("this project", b)):
                rate = f"{src_mb / r['prep']:.1f}" if r.get("prep") else "—"
                print(f"| {name} ({src_mb:.1f} MB) | {label} | {r['wall']:.1f} | {r['peak']:.0f} | {r['pages']} | "
                      f"{r['site'] / 1e6:.1f} | {r['index'] / 1e6:.2f} | {r['max_page'] / 1e3:.0f} | {rate} |")
            print(f"| {name} | ratio ours/plain | {b['wall'] / a['wall']:.2f} | {b['peak'] / a['peak']:.2f} | "
                  f"{b['pages'] / a['pages']:.1f} | {b['site'] / a['site']:.2f} | "
                  f"{b['index'] / max(a['index'], 1):.2f} | {b['max_page'] / a['max_page']:.2f} | |", flush=True)
            details.append((name, b))
    for name, b in details:
        print(f"\n{name}: chapter pages median {b.get('median_page', 0) / 1e3:.0f} KB, "
              f"95th percentile {b.get('p95_page', 0) / 1e3:.0f} KB, largest {b.get('max_chapter', 0) / 1e3:.0f} KB; "
              f"rebuild after editing {b['edited']}: {b['rebuild']:.1f} s, peak {b['rebuild_peak']:.0f} MB")
        for line in b["phases"]:
            print(f"    cold:    {line}")
        for line in b["rebuild_phases"]:
            print(f"    rebuild: {line}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["seeds", "100", "1000"])
