"""build / serve / bundle: sources -> docs/ (Markdown) -> site/ (MkDocs Material)."""
from __future__ import annotations

import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import pipeline, sourcefile
from .writers import site as site_writer

ROOT = Path(__file__).resolve().parents[1]


def say(msg: str):
    print(msg, file=sys.stderr, flush=True)


PARALLEL_FROM = 200     # files; below this, one process is faster than several


def _load_one(args):
    """Read one file (in a worker process): (document, None) or (None, one-line error)."""
    path, ctx = args
    try:
        return pipeline.load(path, ctx), None
    except sourcefile.SourceError as exc:
        return None, f"错误 {exc}"
    except Exception as exc:   # a bug must not stop the other files
        return None, f"错误 {path}: 内部错误 {type(exc).__name__}: {exc}"


def load_sources(folder, ctx):
    """Read every source (in parallel for large folders); unreadable files are reported and skipped."""
    paths = pipeline.sources(folder)
    jobs = min(os.cpu_count() or 1, 4) if len(paths) >= PARALLEL_FROM else 1
    if jobs > 1:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = list(pool.imap(_load_one, [(p, ctx) for p in paths], chunksize=32))
    else:
        results = [_load_one((p, ctx)) for p in paths]
    docs, failures = [], []
    for path, (doc, error) in zip(paths, results):
        if error:
            failures.append(error)
            say(error)
            continue
        doc.meta["category"] = list(Path(path).relative_to(folder).parent.parts)
        docs.append(doc)
    from . import slugs
    slugs.assign(docs)
    return docs, failures


def link(docs):
    """Definitions, references and titles across the collection; returns the glossary."""
    from . import linking
    return linking.link_collection(docs)


def generate(source, docs_dir, ctx, strict=False):
    """Read, link and write docs/. With strict, stop before writing if anything warns."""
    t0 = time.time()
    docs, failures = load_sources(source, ctx)
    say(f"读取 {len(docs)} 个文件（失败 {len(failures)} 个），条文 {sum(len(d.articles) for d in docs)} 条，"
        f"用时 {time.time() - t0:.1f} 秒")
    t1 = time.time()
    glossary = link(docs)
    warnings = [(d.source, p) for d in docs for p in d.problems if p.severity != "info"]
    for src, p in warnings[:MAX_PRINTED]:
        say(f"{SEVERITY[p.severity]} {src}:{p.line or ''} {p.code} {p.message}")
    if len(warnings) > MAX_PRINTED:
        say(f"…… 另有 {len(warnings) - MAX_PRINTED} 条警告或错误，见各文件的“来源说明”")
    if strict:
        if warnings or failures:
            raise StrictFailure(f"--strict：{len(warnings) + len(failures)} 条警告或错误，构建中止")
    files = site_writer.write(docs, Path(docs_dir), glossary, ctx.today)
    say(f"生成 Markdown {sum(1 for f in files if f.endswith('.md'))} 页，用时 {time.time() - t1:.1f} 秒")
    return docs, failures


MAX_PRINTED = 200
SEVERITY = {"warning": "警告", "error": "错误"}


class StrictFailure(Exception):
    pass


def mkdocs_build(config_file, site_dir, strict=False, docs_dir=None, jobs=None):
    """Build into a temporary folder, then swap it in: a failed build leaves site/ intact.
    Large sites are rendered by several MkDocs processes, each taking every n-th page."""
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    docs = Path(docs_dir).resolve() if docs_dir else None
    pages = sum(1 for _ in (docs or Path(config_file).parent / "docs").rglob("*.md"))
    jobs = jobs or (min(os.cpu_count() or 1, 4) if pages >= SHARD_FROM else 1)
    try:
        if jobs == 1:
            _mkdocs_once(config_file, tmp, strict, docs)
        else:
            procs = [subprocess.Popen([sys.executable, "-m", "build_tools.commands", str(config_file), str(tmp),
                                       str(docs or ""), "1" if strict else "0"],
                                      cwd=ROOT, env={**os.environ, "REGSITE_SHARD": f"{k}/{jobs}"})
                     for k in range(jobs)]
            codes = [p.wait() for p in procs]
            if any(codes):
                raise RuntimeError(f"MkDocs 分片构建失败（退出码 {codes}）")
            _sitemap(config_file, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    site_writer.swap_in(tmp, site_dir)


SHARD_FROM = 2000      # pages; below this one MkDocs process is faster than several


def _sitemap(config_file, site):
    """Each shard knows only its own pages: write the sitemap of all of them."""
    import datetime
    import gzip
    import yaml
    with open(config_file, encoding="utf-8") as fh:
        base = (yaml.safe_load(fh).get("site_url") or "").rstrip("/") + "/"
    today = datetime.date.today().isoformat()
    urls = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")
    body = "".join(f"    <url>\n         <loc>{base}{u}</loc>\n         <lastmod>{today}</lastmod>\n    </url>\n"
                   for u in urls)
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>")
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    with gzip.open(site / "sitemap.xml.gz", "wb") as fh:
        fh.write(xml.encode("utf-8"))


def _mkdocs_once(config_file, site_dir, strict, docs_dir, dirty=False):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    extra = {"docs_dir": str(docs_dir)} if docs_dir else {}
    cfg = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **extra)
    build(cfg, dirty=dirty)


def summary(docs, failures):
    counts = collections.Counter(p.severity for d in docs for p in d.problems)
    say(f"完成：文件 {len(docs)} 个，章节页 {sum(len(d.chapters) for d in docs)} 个，"
        f"条文 {sum(len(d.articles) for d in docs)} 条；错误 {counts['error'] + len(failures)}，"
        f"警告 {counts['warning']}，说明 {counts['info']}（详见各文件的“来源说明”）")


def cmd_build(args) -> int:
    from .cli import _context
    ctx = _context(args)
    docs_dir = Path(args.docs_dir).resolve() if args.docs_dir else ROOT / "docs"
    try:
        docs, failures = generate(args.source, docs_dir, ctx, strict=args.strict)
    except StrictFailure as exc:
        say(str(exc))
        return 1
    t = time.time()
    say("MkDocs 构建中 …")
    mkdocs_build(ROOT / "mkdocs.yml", Path(args.site_dir).resolve(), docs_dir=docs_dir)
    say(f"网站已生成于 {args.site_dir}/，用时 {time.time() - t:.1f} 秒")
    summary(docs, failures)
    errors = [p for d in docs for p in d.problems if p.severity == "error"]
    return 1 if failures or errors else 0


def cmd_serve(args) -> int:
    from .cli import _context
    ctx = _context(args)
    source = Path(args.source).resolve()
    generate(source, ROOT / "docs", ctx)

    def regenerate():
        say("源文件已改动，重新生成 …")
        generate(source, ROOT / "docs", ctx)
    _serve(args, source, regenerate)
    return 0


def _serve(args, source, regenerate):
    """mkdocs serve with the sources folder watched: a change regenerates docs/, which MkDocs reloads."""
    import threading

    from mkdocs.commands.serve import serve

    def poll():
        stamp = None
        while True:
            now = [(p, p.stat().st_mtime) for p in sorted(source.rglob("*")) if p.is_file()]
            if stamp is not None and now != stamp:
                regenerate()
            stamp = now
            time.sleep(1)
    threading.Thread(target=poll, daemon=True).start()
    serve(str(ROOT / "mkdocs.yml"), dev_addr=args.addr, livereload=True)


def register(sub):
    p = sub.add_parser("build", help="sources -> docs/ -> site/")
    p.add_argument("source", nargs="?", default=str(ROOT / "seeds"))
    p.add_argument("--site-dir", default=str(ROOT / "site"))
    p.add_argument("--docs-dir", help="where to write the Markdown (default docs/)")
    p.add_argument("--strict", action="store_true", help="fail on any warning")
    p.add_argument("--today", help="date used for statuses (YYYY-MM-DD)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="preview with live reload when a source changes")
    p.add_argument("source", nargs="?", default=str(ROOT / "seeds"))
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.add_argument("--today")
    p.set_defaults(func=cmd_serve)
    from . import bundle
    bundle.register(sub)


if __name__ == "__main__":      # one shard of a parallel MkDocs build (see mkdocs_build)
    import logging

    class _NoDirtyWarning(logging.Filter):
        def filter(self, record):   # the shard's "dirty" build writes into a fresh folder
            return "'dirty' build" not in record.getMessage()
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    cfg_file, out, docs_arg, strict_arg = sys.argv[1:5]
    _mkdocs_once(cfg_file, Path(out), strict_arg == "1", Path(docs_arg) if docs_arg else None, dirty=True)
