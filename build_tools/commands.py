"""The build and serve commands: sources -> docs/ (Markdown) -> site/ (MkDocs Material), published together."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from .console import MAX_PRINTED, SEVERITY, say, site_url_warning, summary  # noqa: F401
from .loading import load_sources
from .mkdocs_run import mkdocs_build
from .writers import site as site_writer

ROOT = Path(__file__).resolve().parents[1]


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


class StrictFailure(Exception):
    pass


def cmd_build(args) -> int:
    if getattr(args, "docx", False):
        import os
        os.environ["REGSITE_DOCX"] = "1"
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
    from . import publish

    def locked_generate():          # a build of the same docs/ waits, and the reverse
        with publish.lock(ROOT / "docs"):
            publish.clean(ROOT / "docs")
            generate(source, ROOT / "docs", ctx)
    locked_generate()

    def regenerate():
        say("源文件已改动，重新生成 …")
        locked_generate()
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
    p.add_argument("--docx", action="store_true",
                   help="also write each document as Word (.docx), linked from its landing page")
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


