"""build / serve / bundle: sources -> docs/ (Markdown) -> site/ (MkDocs Material)."""
from __future__ import annotations

import collections
import gc
import os
import shutil
import subprocess
import sys
import re
import time
from pathlib import Path

from . import pipeline, sourcefile
from .writers import site as site_writer

ROOT = Path(__file__).resolve().parents[1]


def say(msg: str):
    print(msg, file=sys.stderr, flush=True)


PARALLEL_FROM = 200     # files; below this, one process is faster than several


def _load_one(args):
    """Read one file: (document, None) or (None, one-line error).  The document comes with
    its search index part and is stored in the model cache."""
    path, ctx, store, key = args
    try:
        doc = pipeline.load(path, ctx)
    except sourcefile.SourceError as exc:
        return None, f"错误 {exc}"
    except Exception as exc:   # a bug must not stop the other files
        return None, f"错误 {sourcefile.printable(str(path))}: 内部错误 {type(exc).__name__}: {exc}"
    from .writers import search_index
    search_index.part(doc)
    if store is not None and key:
        store.put(key, doc)
    return doc, None


def _load_one_pickled(args):
    """_load_one in a worker process: the document pickled once, for the cache and for the
    parent process alike."""
    import pickle
    if not gc.isenabled():      # forked from load_sources, which turns the collector off
        gc.freeze()
        gc.enable()
    path, ctx, store, key = args
    doc, error = _load_one((path, ctx, None, None))
    if doc is None:
        return None, error
    data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    if store is not None and key:
        store.put_bytes(key, data)
    return data, None


def load_sources(folder, ctx, store=None, allow_outside=False):
    """Read every source (from the model cache where it is unchanged, in parallel for many
    files); unreadable files, and links that lead nowhere or out of the folder (unless
    allow_outside), are reported and skipped."""
    enabled = gc.isenabled()
    gc.disable()        # the collector would rescan the growing heap of documents, again and again
    try:
        docs, failures = _load_sources(folder, ctx, store, allow_outside)
        gc.freeze()     # the documents live to the end: later collections need not scan them
    finally:
        if enabled:
            gc.enable()
    return docs, failures


def _load_sources(folder, ctx, store, allow_outside=False):
    from .cache import ModelCache
    paths, refused = pipeline.scan(folder, allow_outside)
    if store is None and ModelCache.enabled():
        store = ModelCache(folder)
    keys = [store.key(p, ctx) if store else None for p in paths]
    cached = [store.get(key) if key else None for key in keys]
    results: list = [(doc, None) if doc is not None else None for doc in cached]
    todo = [i for i, r in enumerate(results) if r is None]
    jobs = min(os.cpu_count() or 1, 4) if len(todo) >= PARALLEL_FROM else 1
    args = [(paths[i], ctx, store, keys[i]) for i in todo]
    if jobs > 1:
        import multiprocessing
        import pickle
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            loaded = [(pickle.loads(data) if data is not None else None, error)
                      for data, error in pool.imap(_load_one_pickled, args, chunksize=32)]
    else:
        loaded = [_load_one(a) for a in args]
    for i, result in zip(todo, loaded):
        results[i] = result
    docs, failures = [], []
    for exc in refused:
        failures.append(f"错误 {exc}")
        say(failures[-1])
    for path, key, (doc, error) in zip(paths, keys, results):
        if error:
            failures.append(error)
            say(error)
            continue
        doc.meta["category"] = list(Path(path).relative_to(folder).parent.parts)
        doc.derived["model_key"] = key
        docs.append(doc)
    from . import slugs, versions
    slugs.assign(docs)
    versions.apply(docs, ctx.today)     # works, versions and their statuses for the build date
    return docs, failures


def generate(source, docs_dir, ctx, strict=False, allow_outside=False, stage=None):
    """Read, link and write docs/. With strict, stop before writing if anything warns.
    With stage (see writers.site.write), write into that folder and leave publishing to
    the caller."""
    from .assemble import assemble
    from .cache import ModelCache
    t0 = time.time()
    from . import slugs
    from .cache import code_version
    store = ModelCache(source) if ModelCache.enabled() else None
    memo = store.state_path(f"slugs-{code_version()[:16]}") if store else None
    if memo:
        slugs.load_memo(memo)
    docs, failures = load_sources(source, ctx, store=store, allow_outside=allow_outside)
    say(f"读取 {len(docs)} 个文件（失败 {len(failures)} 个），条文 {sum(len(d.articles) for d in docs)} 条，"
        f"用时 {time.time() - t0:.1f} 秒")
    t1 = time.time()
    warnings = [(d.source, p) for d in docs for p in d.problems if p.severity != "info"]
    for src, p in warnings[:MAX_PRINTED]:
        say(f"{SEVERITY[p.severity]} {src}:{p.line or ''} {p.code} {p.message}")
    if len(warnings) > MAX_PRINTED:
        say(f"…… 另有 {len(warnings) - MAX_PRINTED} 条警告或错误，见各文件的“来源说明”")
    if strict:
        if warnings or failures:
            raise StrictFailure(f"--strict：{len(warnings) + len(failures)} 条警告或错误，构建中止")
    names, changed, made = site_writer.write(
        docs, Path(docs_dir), ctx.today, lambda: assemble(docs, store),
        store.state_path("search-state") if store else None, stage=stage)
    if store is not None:
        slugs.save_memo(memo)
        store.prune()
    say(f"生成 Markdown {sum(1 for f in names if f.endswith('.md'))} 页"
        f"{'' if changed is None else f'（改动 {len(changed)} 个文件）'}"
        f"{f'，{made.reused} 个文件的页面未受改动影响，取自缓存' if made.reused else ''}，"
        f"用时 {time.time() - t1:.1f} 秒")
    return docs, failures, changed


MAX_PRINTED = 200
SEVERITY = {"warning": "警告", "error": "错误"}


class StrictFailure(Exception):
    pass


def mkdocs_build(config_file, site_dir, strict=False, docs_dir=None, changed=None,
                 published_docs=None, stage=None):
    """Build into a new folder, then publish it: a failed build leaves site/ intact.

    With `stage` (an empty folder from publish.new_folder(site_dir)) the site is built there
    and the caller publishes it (with docs/, as one transaction); `published_docs` is where
    docs_dir will be published, if it is a staged folder too.

    With `changed` (the docs/ files whose text changed since the last build into site_dir),
    the build is incremental when it can be: the new folder starts as hard links to the old
    site's pages of unchanged Markdown and MkDocs renders only the missing ones (its dirty
    build).  A change to the navigation, the configuration, the theme or the code, or a
    site built from another docs/ folder, makes it a full build.  Large builds are rendered by
    several MkDocs processes, each taking every n-th page."""
    from . import publish
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    docs = Path(docs_dir).resolve() if docs_dir else (Path(config_file).parent / "docs").resolve()
    stamp = _build_stamp(config_file, Path(published_docs).resolve() if published_docs else docs, docs)
    tmp = Path(stage) if stage else publish.new_folder(site_dir)
    try:
        kept = _reuse(site_dir, tmp, docs, changed, stamp)
        pages = sum(1 for _ in docs.rglob("*.md")) - kept
        jobs = min(os.cpu_count() or 1, 4) if pages >= SHARD_FROM else 1
        if jobs == 1:
            _mkdocs_once(config_file, tmp, strict, docs, dirty=True)
        else:
            procs = [subprocess.Popen([sys.executable, "-m", "build_tools.commands", str(config_file), str(tmp),
                                       str(docs), "1" if strict else "0"],
                                      cwd=ROOT, env={**os.environ, "REGSITE_SHARD": f"{k}/{jobs}"})
                     for k in range(jobs)]
            codes = [p.wait() for p in procs]
            if any(codes):
                raise RuntimeError(f"MkDocs 分片构建失败（退出码 {codes}）")
        _sitemap(config_file, tmp)
        (tmp / STAMP).write_text(stamp, encoding="utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if not stage:
        publish.publish([(tmp, site_dir)])
    return kept


STAMP = ".regsite-build"       # in site/: what the site was built from (see _build_stamp)


def _build_stamp(config_file, docs: Path, content: Path | None = None) -> str:
    """What every page of a site depends on besides its own Markdown: the docs/ folder (named
    where it is published; its navigation read from `content`, where it is written) and its
    navigation, the configuration, the theme overrides, the hooks' code, the installed
    packages that shape pages and every REGSITE_* switch."""
    import hashlib

    from .cache import SITE_PACKAGES, code_version, package_versions, switches
    h = hashlib.sha256(f"{docs}\n{code_version()}\n{package_versions(SITE_PACKAGES)}\n{switches()}\n".encode())
    nav = (content or docs) / site_writer.NAV_FILE
    if nav.is_file():
        h.update(b"nav\0" + nav.read_bytes())
    config_file = Path(config_file)
    for path in [config_file, *sorted((config_file.parent / "overrides").rglob("*"))]:
        if path.is_file():
            h.update(str(path).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _reuse(site_dir: Path, tmp: Path, docs: Path, changed, stamp) -> int:
    """Hard-link into tmp the old site's output of every docs/ file not in `changed` and older
    than that output, when an incremental build is possible; returns the number of pages kept
    (0 for a full build).  Everything else (changed pages, pages of a build that failed, theme
    assets, 404 page, sitemap) is written anew, so MkDocs never writes into a linked file."""
    if changed is None or not site_dir.is_dir():      # the stamp covers the navigation
        return 0
    try:
        if (site_dir / STAMP).read_text(encoding="utf-8") != stamp:
            return 0
    except OSError:
        return 0
    kept = 0
    made: set[Path] = set()
    for src in docs.rglob("*"):
        rel = src.relative_to(docs).as_posix()
        if rel in changed or not src.is_file() or rel.startswith("."):
            continue
        out_rel = rel[:-3] + ".html" if rel.endswith(".md") else rel
        old = site_dir / out_rel
        new = tmp / out_rel
        if new.parent not in made:
            new.parent.mkdir(parents=True, exist_ok=True)
            made.add(new.parent)
        try:
            if old.stat().st_mtime_ns < src.stat().st_mtime_ns:
                continue
            os.link(old, new)
        except OSError:
            continue
        kept += rel.endswith(".md")
    return kept


SHARD_FROM = 2000      # pages; below this one MkDocs process is faster than several


def _sitemap(config_file, site):
    """The sitemap of every page, written by us whether one MkDocs process built the site or
    several (each shard knows only its own pages) and whether the build was full or
    incremental, so a rebuild writes the bytes a cold build writes."""
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
    with open(site / "sitemap.xml.gz", "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:   # no time stamp: same bytes
        fh.write(xml.encode("utf-8"))


class _NoDirtyWarning:
    """MkDocs warns that a dirty build may leave stale links; ours starts from a folder that
    holds only the unchanged pages of an unchanged navigation (see _reuse)."""

    @staticmethod
    def filter(record):
        return "'dirty' build" not in record.getMessage()


def _mkdocs_once(config_file, site_dir, strict, docs_dir, dirty=False):
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    extra = {"docs_dir": str(docs_dir)} if docs_dir else {}
    cfg = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **extra)
    build(cfg, dirty=dirty)


def summary(docs, failures):
    counts = collections.Counter(p.severity for d in docs for p in d.problems)
    say(f"完成：文件 {len(docs)} 个，章节页 {sum(len(d.chapters) for d in docs)} 个，"
        f"条文 {sum(len(d.articles) for d in docs)} 条；错误 {counts['error'] + len(failures)}，"
        f"警告 {counts['warning']}，说明 {counts['info']}（详见各文件的“来源说明”）")


PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")


def site_url_warning(config_file) -> str | None:
    """A warning (file and line) while mkdocs.yml's site_url is empty or a placeholder: every
    copied link and citation points there."""
    import urllib.parse
    text = Path(config_file).read_text(encoding="utf-8")
    line_no, value = 0, ""
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"site_url:\s*(\S*)", line)
        if m:
            line_no, value = i, m.group(1).strip("'\"")
            break
    host = urllib.parse.urlsplit(value).hostname or ""
    if value and not (host == "localhost" or host.endswith(PLACEHOLDER_HOSTS)):
        return None
    where = f"{Path(config_file).name}:{line_no}" if line_no else Path(config_file).name
    shown = value or "（未设置）"
    return (f"警告 {where} site_url_placeholder site_url 仍是示例地址 {shown}，复制的链接和引文都指向它；"
            f"发布前请改为本站的公开地址（见 README 开头）")


def cmd_build(args) -> int:
    from . import publish
    docs_dir = Path(args.docs_dir).resolve() if args.docs_dir else ROOT / "docs"
    site_dir = Path(args.site_dir).resolve()
    with publish.lock(docs_dir, site_dir):
        publish.recover(site_dir)
        for target in (docs_dir, site_dir):
            publish.clean(target)
        return _build(args, docs_dir, site_dir)


def _build(args, docs_dir, site_dir) -> int:
    """docs/ and site/ written beside the published ones, then published together."""
    from . import publish
    from .cli import _context
    ctx = _context(args)
    if args.full:
        from . import cache
        cache.TRUSTED = False       # --full reads nothing from the cache (and fills it afresh)
    new_docs = publish.new_folder(docs_dir)
    new_site = None
    publishing = False
    placeholder = site_url_warning(ROOT / "mkdocs.yml")
    if placeholder:
        say(placeholder)
    try:
        try:
            docs, failures, changed = generate(args.source, docs_dir, ctx, strict=args.strict,
                                               allow_outside=args.allow_outside_links, stage=new_docs)
        except StrictFailure as exc:
            say(str(exc))
            return 1
        if placeholder and args.strict:
            say("--strict：site_url 仍是示例地址，构建中止")
            shutil.rmtree(new_docs, ignore_errors=True)
            return 1
        t = time.time()
        say("MkDocs 构建中 …")
        new_site = publish.new_folder(site_dir)
        kept = mkdocs_build(ROOT / "mkdocs.yml", site_dir, docs_dir=new_docs,
                            changed=None if args.full else changed,
                            published_docs=docs_dir, stage=new_site)
        publishing = True       # from here the journal knows both folders (publish.recover)
        publish.publish([(new_docs, docs_dir), (new_site, site_dir)], journal_of=site_dir)
    except BaseException:
        for folder in (new_docs, new_site):
            if folder is not None and not publishing:
                shutil.rmtree(folder, ignore_errors=True)
        raise
    say(f"网站已生成于 {args.site_dir}/{f'（沿用未改动的 {kept} 页）' if kept else ''}，"
        f"用时 {time.time() - t:.1f} 秒")
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
    p.add_argument("--full", action="store_true",
                   help="render every page again (default: only pages whose Markdown changed)")
    p.add_argument("--allow-outside-links", action="store_true",
                   help="read files reached through symbolic links that leave the source folder")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="preview with live reload when a source changes")
    p.add_argument("source", nargs="?", default=str(ROOT / "seeds"))
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.add_argument("--today")
    p.set_defaults(func=cmd_serve)
    from . import bundle
    bundle.register(sub)


if __name__ == "__main__":      # one shard of a parallel MkDocs build (see mkdocs_build)
    cfg_file, out, docs_arg, strict_arg = sys.argv[1:5]
    _mkdocs_once(cfg_file, Path(out), strict_arg == "1", Path(docs_arg) if docs_arg else None, dirty=True)
