import datetime
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


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory):
    """The tests' model cache lives in a temporary folder: the many sources the tests make
    in temporary folders leave nothing in the project's .build-cache/."""
    import os
    folder = tmp_path_factory.mktemp("model-cache")
    old = os.environ.get("REGSITE_CACHE_DIR")
    os.environ["REGSITE_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("REGSITE_CACHE_DIR", None)
    else:
        os.environ["REGSITE_CACHE_DIR"] = old


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
def corpus_docs():
    """All corpus documents, loaded once (skips when ../shared is not beside the project)."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the project")
    from build_tools import commands
    from build_tools.transforms import Context
    docs, failures = commands.load_sources(CORPUS, Context(TODAY))
    return docs, failures
