"""python -m build_tools bundle: the site as a zip that works from a double-click (file://).

This module runs the steps and the command; vendor.py, provenance.py, checks.py and archive.py
do one job each.

Steps, all in a temporary folder (docs/ and site/ of the repository are not touched):

1. generate the Markdown from the sources, exactly as `build` does;
2. add local copies of the scripts Material would fetch from unpkg.com (the iframe-worker
   shim the offline plugin adds to every page, the ResizeObserver polyfill; npm tarballs
   pinned by integrity and sha256, cached in .build-cache/npm/), the page 关于本离线包
   (offline.md) and a note on the home page;
3. build with mkdocs.offline.yml (INHERITs mkdocs.yml, adds Material's offline plugin);
4. check that no page, script or stylesheet loads anything from another host;
5. write BUNDLE.txt and zip everything under one top-level folder, atomically, as
   dist/<site-slug>-offline-<date>.zip plus the stable name dist/regsite-offline.zip.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from .archive import _publish_copy, prune, write_zip
from .base import (ABOUT_PAGE, ABOUT_TITLE, CACHE, INFO_FILE, OFFLINE_CONFIG, ROOT, STABLE_NAME,  # noqa: F401
                   BundleError, say)
from .checks import _plugin_names, _raw_config, check_config, remote_loads  # noqa: F401
from .provenance import _add_to_nav, _note_on_home, _versions, about_page, doc_infos, info_text
from .vendor import VENDOR, vendor_files  # noqa: F401


@dataclasses.dataclass
class Result:
    zip_path: Path
    stable_path: Path
    top: str
    files: int
    size: int
    seconds: float
    docs: list
    failures: list


def build(source=ROOT / "seeds", dist=ROOT / "dist", ctx=None, config_file=OFFLINE_CONFIG,
          vendor_tarballs=(), now: dt.datetime | None = None, from_docs=None) -> Result:
    """Build the offline bundle into `dist`; the repository's docs/ and site/ are not touched.

    The Markdown is generated afresh from `source`, or copied from `from_docs` (a docs/
    folder `build` wrote from the same sources); the sources give the version list."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .. import commands, console, loading, slugs
    from ..transforms import Context

    t0 = time.time()
    check_config(Path(config_file))
    ctx = ctx or Context(None)
    now = now or dt.datetime.now()
    built = (now if now.tzinfo else now.astimezone()).replace(microsecond=0)
    status_date = str(getattr(ctx, "today", None) or built.date())
    from .. import publish
    publish.clean_tmp("regsite-bundle")        # what killed bundle builds left
    work = Path(tempfile.mkdtemp(prefix=f"regsite-bundle-{os.getpid()}-"))
    try:
        docs_dir = work / "docs"
        if from_docs:
            say(f"1/5 读取来源，使用已生成的 {from_docs} …")
            docs, failures = loading.load_sources(source, ctx)
            shutil.copytree(from_docs, docs_dir)
            stale = [d.slug for d in docs if not (docs_dir / d.slug / "index.md").exists()]
            if stale:
                raise BundleError(f"{from_docs} 与来源不一致（缺少 {', '.join(stale)}），请先运行 build")
        else:
            say("1/5 读取来源、生成 Markdown …")
            docs, failures, _ = commands.generate(source, docs_dir, ctx)
        if not docs:
            raise BundleError(f"{source}: 没有可读的来源文件")

        say("2/5 加入本地脚本（代替 unpkg.com）和“关于本离线包”页 …")
        for rel, data in vendor_files(tarballs=vendor_tarballs).items():
            (docs_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs_dir / rel).write_bytes(data)
        raw = _raw_config(Path(config_file))
        site_name, site_url = raw.get("site_name", "site"), raw.get("site_url", "")
        placeholder = console.site_url_warning(config_file)
        if placeholder:
            say(placeholder)
        infos = doc_infos(docs, source)
        versions = _versions()
        (docs_dir / ABOUT_PAGE).write_text(
            about_page(site_name, site_url, built, status_date, infos, versions), encoding="utf-8")
        home = docs_dir / "index.md"
        if home.exists():
            home.write_text(_note_on_home(home.read_text(encoding="utf-8"), built), encoding="utf-8")
        _add_to_nav(docs_dir / ".nav.yml")

        say(f"3/5 MkDocs 构建（{Path(config_file).name}）…")
        t = time.time()
        site_dir = work / "site"
        cfg = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir))
        mkdocs_build(cfg)
        say(f"    用时 {time.time() - t:.1f} 秒")

        say("4/5 检查外部引用 …")
        remote = remote_loads(site_dir)
        if remote:
            raise BundleError("离线包中仍有外部引用：\n  " + "\n  ".join(remote[:20]))
        if (site_dir / "search" / "search_index.json").exists() and \
                not (site_dir / "search" / "search_index.js").exists():
            raise BundleError("search/search_index.js 没有生成：Material 的检索在 file:// 下无法使用")
        (site_dir / INFO_FILE).write_text(
            info_text(site_name, site_url, built, status_date, infos, versions), encoding="utf-8")
        prune(site_dir)

        say("5/5 打包 …")
        slug = slugs.base_slug(site_name) if re.search(r"[^\x00-\x7f]", site_name) else \
            re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")
        top = f"{slug or 'regsite'}-offline-{built.date().isoformat()}"
        dist = Path(dist)
        zip_path = dist / f"{top}.zip"
        count, size = write_zip(site_dir, zip_path, top, built)
        stable = dist / STABLE_NAME
        _publish_copy(zip_path, stable)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Result(zip_path, stable, top, count, size, time.time() - t0, docs, failures)


def cmd_bundle(args) -> int:
    from ..cli import _context
    if args.docx:
        import os
        os.environ["REGSITE_DOCX"] = "1"
    try:
        res = build(args.source, Path(args.dist), _context(args), vendor_tarballs=args.vendor_tarball,
                    from_docs=Path(args.from_docs).resolve() if args.from_docs else None)
    except BundleError as exc:
        say(f"错误 {exc}")
        return 1
    say(f"离线包：{res.zip_path}（另存为 {res.stable_path.name}，内容相同）")
    say(f"  {res.files} 个文件，{res.size / 1024 / 1024:.2f} MB，{len(res.docs)} 件法规文件，"
        f"用时 {res.seconds:.1f} 秒")
    say(f"  解压后双击 {res.top}/index.html 打开；版本清单见 {res.top}/{INFO_FILE}")
    errors = [p for d in res.docs for p in d.problems if p.severity == "error"]
    return 1 if res.failures or errors else 0


def register(sub):
    p = sub.add_parser("bundle", help="offline zip of the site that works from file:// (dist/)")
    p.add_argument("source", nargs="?", default=str(ROOT / "seeds"))
    p.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (default dist/)")
    p.add_argument("--today", help="date used for statuses (YYYY-MM-DD)")
    p.add_argument("--from-docs", metavar="DIR",
                   help="bundle this already generated docs folder (e.g. docs/) instead of generating")
    p.add_argument("--docx", action="store_true",
                   help="include each document as Word (.docx), linked from its landing page")
    p.add_argument("--vendor-tarball", action="append", default=[], metavar="TGZ",
                   help="an already downloaded " + " / ".join(v["tarball"] for v in VENDOR)
                   + " (instead of npm pack); repeatable")
    p.set_defaults(func=cmd_bundle)
