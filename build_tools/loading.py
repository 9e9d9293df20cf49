"""Reading every source of a folder: from the model cache where a source is unchanged, in worker processes when there are many."""
from __future__ import annotations

import gc
import os
from pathlib import Path

from . import pipeline, sourcefile
from .console import say

PARALLEL_FROM = 200     # files; below this, one process is faster than several


def _load_one(args):
    """Read one file: (document, None) or (None, one-line error).  The document comes with
    its search index part and is stored in the model cache."""
    path, ctx, store, key, memo = args
    try:
        doc = pipeline.load(path, ctx, memo)
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
    path, ctx, store, key, memo = args
    doc, error = _load_one((path, ctx, None, None, memo))
    if doc is None:
        return None, error
    data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    if store is not None and key:
        store.put_bytes(key, data)
    return data, None


def _preload():
    """What every worker would otherwise load for itself, loaded once before the workers are
    forked, so that they share it: jieba's dictionary and pypinyin (slugs; about 150 MB and
    1.3 s of CPU per process, and the parent needs them for linking anyway), and the modules
    of the transforms and of the search index part, which are imported on first use."""
    from importlib import import_module

    from . import slugs, transforms
    for name in transforms.ORDER:
        import_module(f"{transforms.__name__}.{name}")
    from .writers import search_index  # noqa: F401
    try:
        slugs.preload()
    except Exception:       # jieba or pypinyin unavailable: each worker fails as it would have
        pass


def load_sources(folder, ctx, store=None, allow_outside=False):
    """The collection ready for linking: every source read (see read_sources), slugs assigned,
    works and statuses computed — the stages load, slug and versions of stages.py."""
    from . import stages
    b = stages.run(stages.Build(Path(folder), ctx, store, allow_outside=allow_outside), until="versions",
                   quiet=True)
    return b.docs, b.failures


def read_sources(folder, ctx, store=None, allow_outside=False, memo=None, each=None):
    """Read every source (from the model cache where it is unchanged, in parallel for many
    files); unreadable files, and links that lead nowhere or out of the folder (unless
    allow_outside), are reported and skipped.  memo: the build's slugs.Memo, used where the
    files are read in this process (worker processes have jieba loaded before the fork).
    each: called with every document as soon as it is read (the load stage moves its search
    part out then, so that the parts of all documents are never in memory together)."""
    enabled = gc.isenabled()
    gc.disable()        # the collector would rescan the growing heap of documents, again and again
    try:
        docs, failures = _load_sources(folder, ctx, store, allow_outside, memo, each)
        gc.freeze()     # the documents live to the end: later collections need not scan them
    finally:
        if enabled:
            gc.enable()
    return docs, failures


def _load_sources(folder, ctx, store, allow_outside=False, memo=None, each=None):
    from .cache import ModelCache
    paths, refused = pipeline.scan(folder, allow_outside)
    if store is None and ModelCache.enabled():
        store = ModelCache(folder)
    keys = [store.key(p, ctx) if store else None for p in paths]

    def got(doc):
        if doc is not None and each is not None:
            each(doc)
        return doc
    cached = [got(store.get(key)) if key else None for key in keys]
    results: list = [(doc, None) if doc is not None else None for doc in cached]
    todo = [i for i, r in enumerate(results) if r is None]
    jobs = min(os.cpu_count() or 1, 4) if len(todo) >= PARALLEL_FROM else 1
    args = [(paths[i], ctx, store, keys[i], memo if jobs == 1 else None) for i in todo]
    if jobs > 1:
        import multiprocessing
        import pickle
        _preload()
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            loaded = [(got(pickle.loads(data)) if data is not None else None, error)
                      for data, error in pool.imap(_load_one_pickled, args, chunksize=32)]
    else:
        loaded = [(got(doc), error) for doc, error in map(_load_one, args)]
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
        doc.derived.model_key = key
        docs.append(doc)
    return docs, failures
