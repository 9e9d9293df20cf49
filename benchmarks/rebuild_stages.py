"""CPU time of one build, per stage: runs `python -m build_tools build ARGS` in this process and
prints, on stderr, the CPU seconds (time.process_time) and wall seconds of each collection stage
(stages.STAGES), of the write stage's two parts, of each step of the MkDocs run, and of any
function named in BENCH_EXTRA (dotted paths, space-separated, e.g.
`build_tools.linking.prepare mkdocs.commands.build.get_navigation`), then the process's and its
children's CPU (resource.getrusage) and the load average.  CPU, not wall: on a shared 2-core
machine wall times follow the load (docs-dev/benchmarks.md).

    REGSITE_CACHE_DIR=/tmp/x/cache .venv/bin/python benchmarks/rebuild_stages.py build SRC \\
        --docs-dir /tmp/x/docs --site-dir /tmp/x/site
"""
from __future__ import annotations

import functools
import importlib
import os
import resource
import runpy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from build_tools import commands, mkdocs_run, stages  # noqa: E402
from build_tools.writers import site  # noqa: E402

TIMES: dict[str, list[float]] = {}


def _timed(label, fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        cpu, wall = time.process_time(), time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            t = TIMES.setdefault(label, [0.0, 0.0])
            t[0] += time.process_time() - cpu
            t[1] += time.time() - wall
    return run


def wrap(owner, name, label):
    if hasattr(owner, name):
        setattr(owner, name, _timed(label, getattr(owner, name)))


def wrap_path(dotted):
    parts = dotted.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:-1]:
            owner = getattr(owner, attr)
        wrap(owner, parts[-1], f"  {dotted}")
        return
    raise SystemExit(f"not found: {dotted}")


def main():
    stages.STAGES = [(name, _timed(name, fn)) for name, fn in stages.STAGES]
    for name in ("collection_pages", "write_files"):
        wrap(site, name, f"  write: {name}")
    for name in ("_build_stamp", "_reuse", "_mkdocs_once", "_sitemap"):
        wrap(mkdocs_run, name, f"  mkdocs: {name}")
    wrap(commands, "mkdocs_build", "mkdocs (mkdocs_build)")
    for dotted in os.environ.get("BENCH_EXTRA", "").split():
        wrap_path(dotted)
    sys.argv = ["build_tools"] + sys.argv[1:]
    wall = time.time()
    try:
        runpy.run_module("build_tools", run_name="__main__", alter_sys=False)
    except SystemExit:
        pass
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    for label, (cpu, w) in TIMES.items():
        print(f"STAGE {label:36s} cpu {cpu:6.2f}  wall {w:6.2f}", file=sys.stderr)
    print(f"TOTAL wall {time.time() - wall:.1f} s; CPU this process {me.ru_utime:.1f} u + {me.ru_stime:.1f} s, "
          f"children {children.ru_utime:.1f} u + {children.ru_stime:.1f} s; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", file=sys.stderr)


if __name__ == "__main__":
    main()
