import contextlib
import datetime
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"
TODAY = datetime.date(2026, 11, 22)

sys.path.insert(0, str(ROOT))

SEED = {
    "000": SEEDS / "000_0674861ecbe1753d.txt",
    "001": SEEDS / "001_82d2047b7aab9e2b.txt",
    "002": SEEDS / "002_dad1dd036308a8dd.txt",
    "003": SEEDS / "003_7bf4c5fa53a38e01.txt",
    "004": SEEDS / "004_1ab6976ef8f5dc89.txt",
}


SLUG000 = "guiyangshi-suanli-chanye-cujin-tiaoli"      # the seed 000 (贵阳市算力产业促进条例)


def doc_from_text(text, name="测试.txt"):
    """A document read from text as if from the file `name`, statuses as of TODAY."""
    from build_tools import pipeline
    from build_tools.sourcefile import SourceText
    from build_tools.transforms import Context
    return pipeline.load_text(SourceText(name, text, "utf-8", []), Context(TODAY))


# -- the suite's order on two workers (scripts/test.sh: pytest-xdist, each file in one worker) ----
#
# A worker takes the next file when it is nearly done with its own, so the wall time is that of
# the worker that finishes last.  The files below go first, longest first (CPU seconds measured
# in docs-dev/benchmarks.md, "The test suite"), so the short files fill in the gaps at the end;
# the other files follow in their usual order.  pytest-xdist's own reordering (files with the
# most tests first) would send the longest files, which hold one test each, last.
SLOW_FILES = [
    "test_search_corpus.py", "test_corpus_site.py", "test_rebuild_corpus.py", "test_kill.py",
    "test_incremental.py", "test_bad_input.py", "test_citations.py", "test_crossrefs.py",
    "test_publish.py", "test_bundle.py", "test_corpus.py", "test_site.py",
]


def pytest_configure(config):
    if getattr(config.option, "dist", "no") in ("loadfile", "loadscope"):
        config.option.loadscopereorder = False      # keep the order pytest_collection_modifyitems gives


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOW_FILES)))    # stable: in-file order kept


# -- CPU per test, for docs-dev/benchmarks.md ------------------------------------------------
#
# REGSITE_TEST_CPU=FILE appends one line per test phase: worker, test, phase, CPU seconds of
# the worker and of its children it has waited for (builds, MkDocs shards, the reading pool;
# Chromium's shows where the browser is closed), wall seconds.  Wall times mean little on a
# shared machine; CPU per file is what the suite's order and cuts are measured by.
if os.environ.get("REGSITE_TEST_CPU"):
    import resource
    import time

    def _cpu():
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def _measured(phase):
        @pytest.hookimpl(hookwrapper=True)
        def hook(item):
            cpu, wall = _cpu(), time.monotonic()
            yield
            with open(os.environ["REGSITE_TEST_CPU"], "a", encoding="utf-8") as log:
                log.write(f"{os.environ.get('PYTEST_XDIST_WORKER', '-')}\t{item.nodeid}\t{phase}\t"
                          f"{_cpu() - cpu:.2f}\t{time.monotonic() - wall:.2f}\n")
        return hook

    pytest_runtest_setup = _measured("setup")
    pytest_runtest_call = _measured("call")
    pytest_runtest_teardown = _measured("teardown")


# -- caches shared by the tests --------------------------------------------------------------

def _run_folder(tmp_path_factory, name):
    """A folder of this run shared by its workers (pytest-xdist gives each worker its own
    basetemp inside the run's)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / name
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory):
    """The tests' model cache lives in a temporary folder: the many sources the tests make
    in temporary folders leave nothing in the project's .build-cache/.  The corpus's part
    of it is one folder for all the workers of the run (see corpus_read_once)."""
    from build_tools.cache import ModelCache
    folder = tmp_path_factory.mktemp("model-cache")
    if CORPUS.exists():
        os.symlink(_run_folder(tmp_path_factory, "corpus-model-cache"), ModelCache(CORPUS, root=folder).dir)
    old = os.environ.get("REGSITE_CACHE_DIR")
    os.environ["REGSITE_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("REGSITE_CACHE_DIR", None)
    else:
        os.environ["REGSITE_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def corpus_read_once(tmp_path_factory, model_cache):
    """A context manager held while a worker reads the corpus: the first worker to come reads
    it from the sources (in worker processes, on every core) and fills the run's corpus cache;
    the others wait for it and then unpickle the documents, which is a tenth of the work.
    It gives a function that says the cache is filled."""
    import fcntl
    folder = _run_folder(tmp_path_factory, "corpus-model-cache")
    filled = folder / "filled"

    @contextlib.contextmanager
    def held():
        with open(folder.parent / "corpus-model-cache.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield filled.exists, filled.touch
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    return held


@pytest.fixture(scope="session")
def seed_docs():
    from build_tools import pipeline
    from build_tools.transforms import Context
    return {k: pipeline.load(str(p.relative_to(ROOT)) if False else p, Context(TODAY))
            for k, p in SEED.items()}


@pytest.fixture(scope="session")
def seed_json(seed_docs):
    from build_tools.export import to_json
    return {k: to_json(d) for k, d in seed_docs.items()}


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The seed site, built from the committed docs/ into a temporary folder."""
    from build_tools import commands
    out = tmp_path_factory.mktemp("site") / "site"
    commands.mkdocs_build(ROOT / "mkdocs.yml", out)
    return out


@pytest.fixture(scope="session")
def web(site):
    """(base URL, browser) for the seed site served on 127.0.0.1."""
    from browser import browser, serve
    with serve(site) as base, browser() as b:
        yield base, b


@pytest.fixture(scope="session")
def corpus_docs(corpus_read_once):
    """All corpus documents, loaded once (skips when ../shared is not beside the project)."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the project")
    from build_tools import commands
    from build_tools.transforms import Context
    with corpus_read_once() as (_, fill):
        docs, failures = commands.load_sources(CORPUS, Context(TODAY))
        fill()
    return docs, failures


@pytest.fixture(scope="session")
def linked_corpus(corpus_docs):
    """(documents, glossary): the corpus documents linked once (linking.link_collection)."""
    from build_tools import linking
    docs, _ = corpus_docs
    return docs, linking.link_collection(docs)
