"""The collection-level build: named stages run in order over one declared state (Build).

    load      sources → documents (model cache, worker processes);      loading.read_sources
              their search parts moved out to a file                    writers.search_index.Parts
    slug      every document's address                                  slugs.assign
    versions  works, versions, events, statuses for the build date      versions.apply
    report    warnings on stderr; --strict stops here                   console
    index     the search/ folder, in a process of its own beside link   writers.site.SearchFiles
    link      definitions, references, citations → pages, each          assemble.assemble
              written into the new docs/ folder once rendered           writers.site.Folder
    write     collection pages into that folder; search/ joined         writers.site

MkDocs (mkdocs_run.mkdocs_build) and publishing docs/ and site/ together (publish.py) follow
in commands.build.  What each stage may reuse from an earlier build is keyed in one place
each: the model cache key (cache.ModelCache.key: source bytes, path, build date, code,
package versions, REGSITE_* switches), the page digest (assemble: what a document's pages
depend on in the collection), the search state (search_index.build), the slug memo
(Build.memo, slugs.Memo: kept per code version), and the site's build stamp
(mkdocs_run._build_stamp).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .console import MAX_PRINTED, SEVERITY, say


class StrictFailure(Exception):
    pass


@dataclass
class Build:
    """Everything the stages read and write.  Inputs first; the rest is filled in stage order."""
    source: Path
    ctx: object                          # transforms.Context (the build date)
    store: object = None                 # cache.ModelCache, or None when the cache is off
    out: Path | None = None              # the new docs/ folder the write stage fills
    published: Path | None = None        # where docs/ is published (its files are compared)
    strict: bool = False
    allow_outside: bool = False
    # filled by the stages
    docs: list = field(default_factory=list)              # load
    failures: list = field(default_factory=list)          # load: one line per unreadable file
    memo: object = None                                    # load: slugs.Memo, kept between builds
    search_parts: object = None                            # load: writers.search_index.Parts
    works: list = field(default_factory=list)             # versions
    search: object = None                                  # index: writers.site.SearchFiles
    folder: object = None                                  # link: writers.site.Folder (the new docs/)
    made: object = None                                    # link: assemble.Assembled
    names: list = field(default_factory=list)             # write: files written
    changed: set | None = None                             # write: files whose bytes changed
    seconds: dict = field(default_factory=dict)           # stage -> wall time


def load(b: Build):
    from . import loading, slugs
    from .memory import release
    from .writers.search_index import Parts
    b.memo = slugs.Memo.load(memo_path(b.store)) if b.store is not None else slugs.Memo()
    b.search_parts = Parts()
    b.docs, b.failures = loading.read_sources(b.source, b.ctx, b.store, b.allow_outside, b.memo,
                                              each=b.search_parts.take)
    release()           # the parts' share of the heap


def memo_path(store) -> Path:
    """Where the slug memo of this code version is kept between builds."""
    from .cache import code_version
    return store.state_path(f"slugs-{code_version()[:16]}")


def slug(b: Build):
    from . import slugs
    slugs.assign(b.docs, b.memo)


def versions(b: Build):
    from . import versions as v
    b.works = v.apply(b.docs, b.ctx.today)


def report(b: Build):
    say(f"读取 {len(b.docs)} 个文件（失败 {len(b.failures)} 个），条文 {sum(len(d.articles) for d in b.docs)} 条，"
        f"用时 {sum(b.seconds.values()):.1f} 秒")
    warnings = [(d.source, p) for d in b.docs for p in d.problems if p.severity != "info"]
    for src, p in warnings[:MAX_PRINTED]:
        say(f"{SEVERITY[p.severity]} {src}:{p.line or ''} {p.code} {p.message}")
    if len(warnings) > MAX_PRINTED:
        say(f"…… 另有 {len(warnings) - MAX_PRINTED} 条警告或错误，见各文件的“来源说明”")
    if b.strict and (warnings or b.failures):
        raise StrictFailure(f"--strict：{len(warnings) + len(b.failures)} 条警告或错误，构建中止")


def index(b: Build):
    from .writers.site import SearchFiles
    state = b.store.state_path("search-state") if b.store is not None else None
    b.search = SearchFiles(b.docs, b.out, b.published, state, parts=b.search_parts).__enter__()


def link(b: Build):
    from .assemble import assemble
    from .writers.site import Folder
    b.folder = Folder(b.out, b.published)
    b.made = assemble(b.docs, b.store, put=b.folder.put, memo=b.memo)


def write(b: Build):
    from .writers import site
    b.folder.put_all(site.collection_pages(b.docs, b.made.plans, b.made.glossary, b.ctx.today))
    b.changed = b.folder.changed
    search, b.search = b.search, None
    search.__exit__(None, None, None)
    b.names = b.folder.names + search.names
    if b.changed is not None:
        b.changed |= search.changed
    if b.store is not None:
        b.memo.save(memo_path(b.store))
        b.store.prune()


# The collection stages, in order.  `run(b, until="versions")` gives the collection ready for
# linking (export, the bundle's version list, tests).
STAGES = [("load", load), ("slug", slug), ("versions", versions), ("report", report),
          ("index", index), ("link", link), ("write", write)]


def run(b: Build, until: str | None = None, quiet: bool = False) -> Build:
    try:
        for name, stage in STAGES:
            if quiet and name == "report":
                continue
            t = time.time()
            stage(b)
            b.seconds[name] = time.time() - t
            if name == until:
                break
    except BaseException as exc:
        if b.search is not None:          # the index process must not outlive a failed build
            b.search.__exit__(type(exc), exc, exc.__traceback__)
        raise
    return b
