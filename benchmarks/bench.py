"""Build the same inputs two ways in one run and print the figures side by side.

    .venv/bin/python benchmarks/bench.py [--no-plain] [seeds] [100] [1000] [all] [x3] [x10]

xN     = the whole corpus N times, the titles of the copies made distinct (第2份 …), the way a
         collection ten times larger is simulated (issue 18);
plain  = the source files dropped into MkDocs 1.6.1 + Material 9.8.1 with its search plugin
         (jieba segmentation), one page per file: the baseline of issue 6 (--no-plain skips it);
hugo   = ../shared/baselines/hugo (Debian's hugo): every file one page with a navigation list
         of every document on every page, and the same without the list (the floor); run
         when `hugo` is installed (apt-get install hugo); with the list only for inputs that
         are not multiplied: its output grows with the square of the documents (3 GB at one
         time, 27 GB at three times, about 300 GB at ten times);
ours   = python -m build_tools build (reading, repairing, linking, per-chapter pages, exact
         search index, MkDocs Material), first cold (empty model cache), then
         rebuilt after one source file changes (one sentence of one article).
Wall time and peak memory of the largest process come from GNU time, the peak of all
processes together from sampling /proc every 0.2 s; sizes from the built site.  With
BENCH_LOG=FILE, every build's progress lines are appended to FILE as they come (a long run
can be followed).
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
HUGO_BASE = ROOT.parent / "shared" / "baselines" / "hugo"
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
    elif name.startswith("x"):
        return _multiplied(int(name[1:]), src)
    else:
        files = sorted(CORPUS.rglob("*.md"))
        if name != "all":
            files = files[: int(name)]
    for i, f in enumerate(files):
        rel = f.relative_to(CORPUS).parent if name != "seeds" else Path()
        (src / rel).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, src / rel / (f.stem + ".md"))
    return src


def _multiplied(n: int, src: Path) -> Path:
    """The corpus n times; copy k > 1 lives in copy{k}/ and its titles end in （第k份）."""
    for k in range(1, n + 1):
        for f in sorted(CORPUS.rglob("*.md")):
            rel = f.relative_to(CORPUS)
            dest = src / (f"copy{k}" if k > 1 else "") / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            text = f.read_text(encoding="utf-8")
            if k > 1 and text.startswith("# "):
                first, _, rest = text.partition("\n")
                text = f"{first}（第{k}份）\n{rest}"
            dest.write_text(text, encoding="utf-8")
    return src


def _tree_rss_mb(pgid: int) -> tuple[float, float]:
    """Memory of every process in the process group, in MB: the sum of their resident sizes
    (a page a forked process shares with its parent counts in both), and the sum of their
    proportional set sizes (a shared page counts once, split between the processes)."""
    total = pss = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
                with open(stat.parent / "smaps_rollup") as fh:
                    pss += next(int(l.split()[1]) for l in fh if l.startswith("Pss:")) * 1024
        except (OSError, IndexError, ValueError, StopIteration):
            continue
    return total / 2**20, pss / 2**20


def timed(cmd, cwd) -> tuple[float, float, str]:
    """(wall s, peak MB of the largest process, stderr); the peak of all processes together
    is left in timed.total_peak (resident sizes summed) and timed.total_pss (proportional)."""
    t = time.time()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "PEAK_KB %M"] + cmd, cwd=cwd, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    peak_all = [0.0, 0.0]

    def sample():
        while proc.poll() is None:
            rss, pss = _tree_rss_mb(proc.pid)
            peak_all[0], peak_all[1] = max(peak_all[0], rss), max(peak_all[1], pss)
            time.sleep(0.2)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines = []
    log = os.environ.get("BENCH_LOG")      # a file the progress lines are appended to as they come
    for line in proc.stderr:
        lines.append(line)
        if log:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"{time.strftime('%H:%M:%S')} {line}")
    proc.wait()
    err = "".join(lines)
    sampler.join()
    wall = time.time() - t
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    peak = next(int(l.split()[1]) for l in err.splitlines() if l.startswith("PEAK_KB"))
    timed.total_peak, timed.total_pss = peak_all
    return wall, peak / 1024, err


def hugo(src: Path, work: Path, navigation: bool = True) -> dict | None:
    """The Hugo baseline: every source file one page, with or without the navigation list."""
    exe = shutil.which("hugo")
    if not exe or not HUGO_BASE.exists():
        return None
    proj = work / ("hugo" if navigation else "hugo-nonav")
    shutil.copytree(HUGO_BASE, proj)
    if not navigation:
        (proj / "layouts" / "partials" / "nav.html").write_text("", encoding="utf-8")
    shutil.copytree(src, proj / "content")
    wall, peak, _ = timed([exe, "--quiet"], proj)
    site = proj / "public"
    pages = list(site.rglob("*.html"))
    return {"wall": wall, "peak": peak, "total_peak": timed.total_peak, "total_pss": timed.total_pss,
            "pages": len(pages),
            "site": size(site), "index": 0, "max_page": max(p.stat().st_size for p in pages)}


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def plain(src: Path, work: Path) -> dict:
    proj = work / "plain"
    shutil.copytree(src, proj / "docs")
    (proj / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    wall, peak, _ = timed([PY, "-m", "mkdocs", "build", "-q"], proj)
    total_peak, total_pss = timed.total_peak, timed.total_pss
    site = proj / "site"
    index = sum(size(p) if p.is_dir() else p.stat().st_size for p in site.glob("search/search_index.*"))
    pages = list(site.rglob("*.html"))
    return {"wall": wall, "peak": peak, "total_peak": total_peak, "total_pss": total_pss, "pages": len(pages),
            "site": size(site), "index": index, "max_page": max(p.stat().st_size for p in pages)}


def ours(src: Path, work: Path) -> dict:
    cmd = [PY, "-m", "build_tools", "build", str(src), "--docs-dir", str(work / "docs"),
           "--site-dir", str(work / "site")]
    os.environ["REGSITE_CACHE_DIR"] = str(work / "cache")          # cold: an empty model cache
    wall, peak, err = timed(cmd, ROOT)
    total_peak, total_pss = timed.total_peak, timed.total_pss
    site = work / "site"
    pages = list(site.rglob("*.html"))
    chapter_pages = sorted(p.stat().st_size for p in pages if p.name != "index.html" and p.parent != site)
    prep = sum(float(l.split("用时 ")[1].split(" 秒")[0]) for l in err.splitlines()
               if l.startswith(("读取", "生成")) and "用时 " in l)
    result = {"wall": wall, "peak": peak, "total_peak": total_peak, "total_pss": total_pss,
              "pages": len(pages), "site": size(site),
              "index": size(site / "search"), "max_page": max(p.stat().st_size for p in pages),
              "prep": prep, "phases": [l for l in err.splitlines() if "用时" in l]}
    if chapter_pages:
        result["max_chapter"] = chapter_pages[-1]
        result["median_page"] = chapter_pages[len(chapter_pages) // 2]
        result["p95_page"] = chapter_pages[int(len(chapter_pages) * 0.95)]
    edited = edit_one(src)
    result["rebuild"], result["rebuild_peak"], err = timed(cmd, ROOT)
    result["rebuild_total_peak"], result["rebuild_total_pss"] = timed.total_peak, timed.total_pss
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
    with_plain = "--no-plain" not in names
    names = [n for n in names if n != "--no-plain"]
    print(f"# benchmark {time.strftime('%Y-%m-%d %H:%M')} on {platform.node()} "
          f"({os.cpu_count()} cores, Python {platform.python_version()})")
    print("| input | build | wall s | peak MB (largest process) | peak MB (all processes, resident) | "
          "peak MB (all processes, proportional) | pages | site MB | search index MB | largest page KB | "
          "preprocessing MB/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    details = []
    for name in names:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            work = Path(tmp)
            src = inputs(name, work)
            src_mb = size(src) / 1e6
            for sub in "ahb":
                (work / sub).mkdir()
            runs = []
            if with_plain:
                runs.append(("plain MkDocs", plain(src, work / "a")))
            if name != "seeds":
                if not name.startswith("x"):
                    runs.append(("Hugo, navigation on every page", hugo(src, work / "h")))
                runs.append(("Hugo, no navigation", hugo(src, work / "h", navigation=False)))
            b = ours(src, work / "b")
            runs.append(("this project", b))
            runs = [(label, r) for label, r in runs if r]
            for label, r in runs:
                rate = f"{src_mb / r['prep']:.1f}" if r.get("prep") else "—"
                print(f"| {name} ({src_mb:.1f} MB) | {label} | {r['wall']:.1f} | {r['peak']:.0f} | "
                      f"{r['total_peak']:.0f} | {r['total_pss']:.0f} | {r['pages']} | {r['site'] / 1e6:.1f} | {r['index'] / 1e6:.2f} | "
                      f"{r['max_page'] / 1e3:.0f} | {rate} |")
            for label, r in runs[:-1]:
                print(f"| {name} | ours / {label} | {b['wall'] / r['wall']:.2f} | {b['peak'] / r['peak']:.2f} | "
                      f"{b['total_peak'] / max(r['total_peak'], 1):.2f} | {b['total_pss'] / max(r['total_pss'], 1):.2f} | "
                      f"{b['pages'] / r['pages']:.1f} | "
                      f"{b['site'] / r['site']:.2f} | | {b['max_page'] / r['max_page']:.2f} | |", flush=True)
            details.append((name, b))
    for name, b in details:
        print(f"\n{name}: chapter pages median {b.get('median_page', 0) / 1e3:.0f} KB, "
              f"95th percentile {b.get('p95_page', 0) / 1e3:.0f} KB, largest {b.get('max_chapter', 0) / 1e3:.0f} KB; "
              f"rebuild after editing {b['edited']}: {b['rebuild']:.1f} s, peak {b['rebuild_peak']:.0f} MB "
              f"(all processes {b['rebuild_total_peak']:.0f} MB resident, {b['rebuild_total_pss']:.0f} MB proportional)")
        for line in b["phases"]:
            print(f"    cold:    {line}")
        for line in b["rebuild_phases"]:
            print(f"    rebuild: {line}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["seeds", "100", "1000"])
