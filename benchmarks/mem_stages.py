"""Where the build's memory goes: the collection stages of stages.py run one by one, with the
resident and proportional size of this process after each and the peak of every process of
the build (the reading workers, the forked search index) sampled from /proc.

    .venv/bin/python benchmarks/mem_stages.py SOURCE [--sizes]

--sizes also measures the pickled size of the documents after the versions stage (it
raises the resident size of the later stages).  The model cache is REGSITE_CACHE_DIR as usual (point it
at an empty folder for a cold build).
"""
from __future__ import annotations

import os
import pickle
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _mb(kb: int) -> float:
    return kb / 1024


def own() -> dict:
    """This process: resident now and its peak, and the proportional size, in MB."""
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = _mb(int(line.split()[1]))
    with open("/proc/self/smaps_rollup") as fh:
        out["Pss"] = next(_mb(int(l.split()[1])) for l in fh if l.startswith("Pss:"))
    return out


def tree_pss(root: int) -> tuple[float, int]:
    """(proportional size of root and all its descendants in MB, number of processes)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    todo, total, n = [root], 0, 0
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next(int(l.split()[1]) for l in fh if l.startswith("Pss:"))
            n += 1
        except (OSError, StopIteration):
            continue
    return _mb(total), n


def main(argv):
    from build_tools import stages
    from build_tools.cache import ModelCache
    from build_tools.transforms import Context
    import datetime
    source = Path(argv[0]).resolve()
    sizes = "--sizes" in argv
    out = Path(tempfile.mkdtemp(prefix="memstages-"))
    b = stages.Build(source, Context(datetime.date(2026, 12, 2)),
                     ModelCache(source) if ModelCache.enabled() else None,
                     out=out / "docs", published=out / "published")
    (out / "docs").mkdir()
    peak = {"pss": 0.0, "n": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            pss, n = tree_pss(os.getpid())
            if pss > peak["pss"]:
                peak["pss"], peak["n"] = pss, n
            time.sleep(0.1)
    threading.Thread(target=sample, daemon=True).start()
    print("| stage | CPU s (this process) | wall s | resident MB after | proportional MB after | "
          "peak proportional MB, all processes, during | processes at that peak |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, stage in stages.STAGES:
        if name == "report":
            continue
        peak["pss"], peak["n"] = 0.0, 0
        t, c = time.time(), time.process_time()
        stage(b)
        wall, cpu = time.time() - t, time.process_time() - c
        time.sleep(0.3)
        m = own()
        print(f"| {name} | {cpu:.1f} | {wall:.1f} | {m['VmRSS']:.0f} | {m['Pss']:.0f} | {peak['pss']:.0f} | "
              f"{peak['n']} |", flush=True)
        if sizes and name == "versions":
            data = pickle.dumps(b.docs, protocol=pickle.HIGHEST_PROTOCOL)
            print(f"    documents pickled: {len(data) / 2**20:.0f} MB ({len(b.docs)} documents)")
            del data
    stop.set()
    m = own()
    print(f"\nthis process: peak resident {m['VmHWM']:.0f} MB")
    import shutil
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
