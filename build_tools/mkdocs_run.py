"""Rendering docs/ into a site with MkDocs: reuse of unchanged pages, parallel shards, the sitemap and the build stamp."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .writers import site as site_writer

ROOT = Path(__file__).resolve().parents[1]


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
        sources = list(_walk(str(docs)))
        reused = _reuse(site_dir, tmp, sources, changed, stamp)
        kept = sum(1 for rel in reused if rel.endswith(".md"))
        pages = sum(1 for rel, _ in sources if rel.endswith(".md")) - kept
        jobs = min(os.cpu_count() or 1, 4) if pages >= SHARD_FROM else 1
        if jobs == 1:
            _mkdocs_once(config_file, tmp, strict, docs, dirty=True, reused=reused)
        else:
            procs = [subprocess.Popen([sys.executable, "-m", "build_tools.mkdocs_run", str(config_file), str(tmp),
                                       str(docs), "1" if strict else "0"],
                                      cwd=ROOT, env={**os.environ, "REGSITE_SHARD": f"{k}/{jobs}"})
                     for k in range(jobs)]
            codes = [p.wait() for p in procs]
            if any(codes):
                raise RuntimeError(f"MkDocs 分片构建失败（退出码 {codes}）")
        _sitemap(config_file, tmp, docs)
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


def _reuse(site_dir: Path, tmp: Path, sources, changed, stamp) -> set[str]:
    """Hard-link into tmp the old site's output of every docs/ file (`sources`: (path relative
    to docs/, os.DirEntry)) not in `changed` and older than that output, when an incremental
    build is possible; returns the docs/ files whose output was linked (none for a full
    build).  Everything else (changed pages, pages of a build that failed, theme assets, 404
    page, sitemap) is written anew, so MkDocs never writes into a linked file.
    (os.scandir on plain strings: on the corpus's 44,000 files pathlib cost four times more.)"""
    reused: set[str] = set()
    if changed is None or not site_dir.is_dir():      # the stamp covers the navigation
        return reused
    try:
        if (site_dir / STAMP).read_text(encoding="utf-8") != stamp:
            return reused
    except OSError:
        return reused
    old_root, new_root = str(site_dir), str(tmp)
    made: set[str] = set()
    for rel, src in sources:
        if rel in changed or rel.startswith("."):
            continue
        out_rel = rel[:-3] + ".html" if rel.endswith(".md") else rel
        old = f"{old_root}/{out_rel}"
        try:
            if os.stat(old).st_mtime_ns < src.stat().st_mtime_ns:
                continue
            folder = out_rel.rpartition("/")[0]
            if folder not in made:
                os.makedirs(f"{new_root}/{folder}", exist_ok=True)
                made.add(folder)
            os.link(old, f"{new_root}/{out_rel}")
        except OSError:
            continue
        reused.add(rel)
    return reused


def _walk(root: str, rel: str = ""):
    """(relative path, os.DirEntry) of every file under root, depth first."""
    with os.scandir(f"{root}/{rel}" if rel else root) as it:
        entries = list(it)
    for entry in entries:
        path = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(root, path)
        elif entry.is_file():
            yield path, entry


SHARD_FROM = 2000      # pages; below this one MkDocs process is faster than several


def _sitemap(config_file, site, docs=None):
    """The sitemap of every page, written by us whether one MkDocs process built the site or
    several (each shard knows only its own pages) and whether the build was full or
    incremental, so a rebuild writes the bytes a cold build writes.  Pages copied from docs/
    as they are (the forwarding pages of writers/forward.py) are not in it: the page they
    forward to is."""
    import datetime
    import gzip
    import yaml
    with open(config_file, encoding="utf-8") as fh:
        base = (yaml.safe_load(fh).get("site_url") or "").rstrip("/") + "/"
    today = datetime.date.today().isoformat()
    urls = sorted(u for u, _ in _walk(str(site))
                  if u.endswith(".html") and u.rpartition("/")[2] != "404.html"
                  and (docs is None or not os.path.isfile(f"{docs}/{u}")))
    body = "".join(f"    <url>\n         <loc>{base}{u}</loc>\n         <lastmod>{today}</lastmod>\n    </url>\n"
                   for u in urls)
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>")
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:   # no time stamp: same bytes
        fh.write(xml.encode("utf-8"))


def _leave_out(reused):
    """A MkDocs plugin leaving out the files whose output _reuse linked from the old site,
    once the navigation is made with them (as a shard leaves out the other shards' files,
    site_hooks.on_nav): the dirty build would skip them anyway, after one time stamp
    comparison each in three passes over the corpus's 44,000 files."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import InclusionLevel

    class LeaveOut(BasePlugin):
        def on_nav(self, nav, config, files):
            for f in files:
                if f.src_uri in reused:
                    f.inclusion = InclusionLevel.EXCLUDED
            return nav
    return LeaveOut()


class _NoDirtyWarning:
    """MkDocs warns that a dirty build may leave stale links; ours starts from a folder that
    holds only the unchanged pages of an unchanged navigation (see _reuse)."""

    @staticmethod
    def filter(record):
        return "'dirty' build" not in record.getMessage()


def _mkdocs_once(config_file, site_dir, strict, docs_dir, dirty=False, reused=frozenset()):
    """One MkDocs build into site_dir; `reused`: the docs/ files whose output _reuse linked there."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
    extra = {"docs_dir": str(docs_dir)} if docs_dir else {}
    cfg = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **extra)
    if reused:
        cfg.plugins["regsite-reused"] = _leave_out(reused)
    # the sitemap is ours (_sitemap, written after every build): MkDocs's template would render
    # one entry per page of the whole navigation, in every build, only to be replaced
    cfg.theme.static_templates.discard("sitemap.xml")
    build(cfg, dirty=dirty)


if __name__ == "__main__":      # one shard of a parallel MkDocs build (see mkdocs_build)
    cfg_file, out, docs_arg, strict_arg = sys.argv[1:5]
    _mkdocs_once(cfg_file, Path(out), strict_arg == "1", Path(docs_arg) if docs_arg else None, dirty=True)
