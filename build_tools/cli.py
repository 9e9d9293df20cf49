"""Command line: export, build, serve, bundle."""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import sys

from . import export as export_view
from . import pipeline, sourcefile
from .transforms import Context


def _context(args) -> Context:
    today = getattr(args, "today", None) or os.environ.get("REGSITE_TODAY")
    return Context(dt.date.fromisoformat(today) if today else None)


def cmd_export(args) -> int:
    ctx = _context(args)
    if not args.all:
        try:
            doc = pipeline.load(args.path, ctx)
        except sourcefile.SourceError as exc:
            print(f"错误 {exc}", file=sys.stderr)
            return 1
        json.dump(export_view.to_json(doc), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    from .loading import load_sources
    from .cache import ModelCache
    store = ModelCache(args.path) if ModelCache.enabled() else None
    docs, failures = load_sources(args.path, ctx, store=store, allow_outside=args.allow_outside_links)
    from . import citations
    from .assemble import aligned
    from .model import AlignedPair, Alignment
    cits = citations.resolve(docs)
    by_slug = {d.slug: d for d in docs}
    for doc in docs:        # a text with a predecessor: its articles aligned to it (新旧对照)
        info = doc.derived.version_or_blank.compare
        if info and info.new == doc.slug and info.old in by_slug:
            doc.derived.alignment = Alignment(previous=info.old, pairs=[
                AlignedPair(old=o, new=n, kind=kind, moved=moved)
                for o, n, kind, _, moved in aligned(by_slug[info.old], doc, store)])
    out = sys.stdout
    for doc in docs:
        out.write(json.dumps(export_view.to_json(doc, cits), ensure_ascii=False))
        out.write("\n")
    codes = collections.Counter(p.code for d in docs for p in d.problems)
    print(f"共 {len(docs) + len(failures)} 个文件：读取 {len(docs)} 个，失败 {len(failures)} 个；"
          f"条文 {sum(len(d.articles) for d in docs)} 条；章节 {sum(len(d.chapters) for d in docs)} 个；"
          f"问题记录 {sum(codes.values())} 条", file=sys.stderr)
    for code, n in codes.most_common():
        print(f"  {code}: {n}", file=sys.stderr)
    return 1 if failures else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools",
                                     description="法规文本 → 文档模型 → 静态网站")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export", help="print the JSON view of a source file (or --all DIR as JSON Lines)")
    p.add_argument("--all", action="store_true", help="PATH is a folder: one JSON line per file")
    p.add_argument("--today", help="date used for the status (YYYY-MM-DD), default today")
    p.add_argument("--allow-outside-links", action="store_true",
                   help="with --all: read files reached through symbolic links that leave the folder")
    p.add_argument("path")
    p.set_defaults(func=cmd_export)
    from . import commands
    commands.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)
