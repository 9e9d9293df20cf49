"""The build and serve commands: sources -> docs/ (Markdown) -> site/ (MkDocs Material), published together."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from .console import say, site_url_warning, summary, summary_text  # noqa: F401
from .loading import load_sources  # noqa: F401
from .stages import StrictFailure
from .mkdocs_run import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]


def generate(source, docs_dir, ctx, strict=False, allow_outside=False, stage=None):
    """Read, link and write docs/ (the stages of stages.py). With strict, stop before writing
    if anything warns. With stage (an empty folder from publish.new_folder(docs_dir)), write
    into it and leave publishing to the caller (with site/, as one transaction)."""
    from . import publish, stages
    from .cache import ModelCache
    docs_dir = Path(docs_dir)
    out = Path(stage) if stage else publish.new_folder(docs_dir)
    b = stages.Build(Path(source), ctx, ModelCache(source) if ModelCache.enabled() else None, out=out,
                     published=docs_dir, strict=strict, allow_outside=allow_outside)
    try:
        stages.run(b)
    except BaseException:
        if not stage:
            shutil.rmtree(out, ignore_errors=True)
        raise
    if not stage:
        publish.publish([(out, docs_dir)])
    made = b.made
    say(f"生成 Markdown {sum(1 for f in b.names if f.endswith('.md'))} 页"
        f"{'' if b.changed is None else f'（改动 {len(b.changed)} 个文件）'}"
        f"{f'，{made.reused} 个文件的页面未受改动影响，取自缓存' if made.reused else ''}，"
        f"用时 {sum(v for k, v in b.seconds.items() if k in ('index', 'link', 'write')):.1f} 秒")
    return b.docs, b.failures, b.changed


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
    from . import memory, publish
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
        # MkDocs needs docs/ only: the documents' memory is given back before it runs
        done = summary_text(docs, failures)
        failed = bool(failures) or any(p.severity == "error" for d in docs for p in d.problems)
        del docs, failures
        memory.release(collect=True)
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
    say(done)
    return 1 if failed else 0


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


