"""Rebuilds: the model cache and the incremental site build give exactly the site a full build
gives, and render again only what changed."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEED, TODAY, SLUG000



def build(src, out, *extra, cache=True):
    """A build; cache=False: without the model cache, as a reference for the cached builds."""
    env = {**os.environ, "REGSITE_CACHE": "on" if cache else "off"}
    run = subprocess.run([sys.executable, "-m", "build_tools", "build", str(src),
                          "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site"),
                          "--today", TODAY.isoformat(), *extra],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stderr


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file() and p.name != ".regsite-build"}


def assert_same_site(a, b):
    ta, tb = tree(a), tree(b)
    assert sorted(ta) == sorted(tb)
    different = [k for k in ta if ta[k] != tb[k]]
    assert not different, different[:10]


@pytest.fixture(scope="module")
def seeds_built_once(tmp_path_factory):
    """The seeds copied and built once for the module, and a copy of what that first build left:
    the sources, docs/ and site/, and the model cache of the source folder (keyed by the
    folder's path, so every test builds in that same folder, restored first)."""
    from build_tools.cache import ModelCache
    base = tmp_path_factory.mktemp("seeds-built-once")
    src, inc = base / "seeds", base / "inc"
    shutil.copytree(ROOT / "seeds", src)
    stderr = build(src, inc)
    cache = ModelCache(src).dir
    first = base / "first"
    for part, folder in (("seeds", src), ("inc", inc), ("cache", cache)):
        shutil.copytree(folder, first / part, symlinks=True)
    return src, inc, cache, first, stderr


def built_copy_of_the_seeds(seeds_built_once):
    """(sources, build folder, the first build's stderr): the seeds as the first build left
    them (sources, docs/, site/ and model cache restored from the module's copy)."""
    src, inc, cache, first, stderr = seeds_built_once
    for part, folder in (("seeds", src), ("inc", inc), ("cache", cache)):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(first / part, folder, symlinks=True)
    return src, inc, stderr


def assert_same_as_a_full_build(tmp_path, src, inc):
    """The incremental build equals a build without cache of the same sources."""
    full = tmp_path / "full"
    build(src, full, cache=False)
    assert_same_site(inc / "site", full / "site")
    assert_same_site(inc / "docs", full / "docs")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuild_after_an_edit_equals_a_full_build_and_renders_only_what_changed(tmp_path, seeds_built_once):
    src, inc, first = built_copy_of_the_seeds(seeds_built_once)
    assert "沿用" not in first                              # nothing to reuse yet
    page = inc / "site" / SLUG000 / "chp_4.html"
    other = inc / "site" / SLUG000 / "chp_1.html"
    before = page.stat().st_ino, other.stat().st_ino, page.read_text(encoding="utf-8")

    # one sentence of 第二十四条 changes: its page and the search index change, nothing else
    edit(src / SEED["000"].name, "降低用电成本", "降低企业用电成本")
    second = build(src, inc)
    assert "改动 " in second and "沿用未改动的 34 页" in second
    assert "4 个文件的页面未受改动影响，取自缓存" in second
    assert other.stat().st_ino == before[1]                # unchanged page: the old file, kept
    assert page.stat().st_ino != before[0]                 # changed page: rendered again
    assert "降低企业用电成本" in page.read_text(encoding="utf-8")

    assert_same_as_a_full_build(tmp_path, src, inc)


def test_rebuild_after_a_definition_changes_relinks_every_document(tmp_path, seeds_built_once):
    """算力 is defined in 000 and linked from other documents: its new wording reaches them."""
    src, inc, _ = built_copy_of_the_seeds(seeds_built_once)
    edit(src / SEED["000"].name, "数据存储力于一体", "数据存储能力于一体")
    build(src, inc)
    users = [p for p in (inc / "site").rglob("*.html") if SLUG000 not in str(p)
             and p.name != "glossary.html" and "数据存储能力于一体" in p.read_text(encoding="utf-8")]
    assert users                       # another document's page, relinked with the new text
    assert_same_as_a_full_build(tmp_path, src, inc)


def test_a_new_document_changes_the_navigation_and_rebuilds_everything(tmp_path, seeds_built_once):
    src, inc, _ = built_copy_of_the_seeds(seeds_built_once)
    text = SEED["004"].read_text(encoding="utf-8")
    (src / "005_copy.txt").write_text(text.replace("加快推进", "进一步加快推进", 1), encoding="utf-8")
    out = build(src, inc)
    assert "沿用" not in out                                 # the navigation changed: full build
    assert_same_as_a_full_build(tmp_path, src, inc)


def test_a_failed_site_build_is_not_mistaken_for_an_unchanged_one(tmp_path, seeds_built_once):
    """docs/ is written, then MkDocs fails: the next build must still render the new pages."""
    from build_tools import commands
    from build_tools.transforms import Context
    src, inc, _ = built_copy_of_the_seeds(seeds_built_once)
    edit(src / SEED["000"].name, "数据存储力于一体", "数据存储能力于一体")
    commands.generate(src, inc / "docs", Context(TODAY))     # as if MkDocs had failed after this
    out = build(src, inc)
    assert "改动 0 个文件" in out
    assert "数据存储能力于一体" in (inc / "site" / SLUG000 / "chp_5.html").read_text(encoding="utf-8")
    assert_same_as_a_full_build(tmp_path, src, inc)


def test_the_model_cache_gives_the_documents_a_fresh_read_gives(tmp_path, monkeypatch):
    from build_tools import commands, loading
    from build_tools.export import to_json
    from build_tools.transforms import Context
    src = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", src)
    cold, _ = commands.load_sources(src, Context(TODAY))
    with monkeypatch.context() as m:        # the warm run must not read any source again
        m.setattr(loading, "_load_one", lambda args: pytest.fail(f"read again: {args[0]}"))
        warm, _ = commands.load_sources(src, Context(TODAY))
    monkeypatch.setenv("REGSITE_CACHE", "off")
    fresh, _ = commands.load_sources(src, Context(TODAY))
    assert len(cold) == len(warm) == len(fresh) == 5
    for a, b, c in zip(cold, warm, fresh):
        assert to_json(a) == to_json(b) == to_json(c)
        assert a.slug == b.slug == c.slug
        assert a.derived.model_key == b.derived.model_key and a.derived.model_key
        assert c.derived.model_key is None
        a.derived.model_key = b.derived.model_key = None
        assert a.derived == b.derived == c.derived


def test_the_parallel_paths_write_the_same_docs(tmp_path, monkeypatch):
    """Large sites read sources in worker processes and build the search index in a forked
    one: forced here on the seeds, the docs are the same as from the serial paths."""
    from build_tools import commands, loading
    from build_tools.transforms import Context
    from build_tools.writers import site
    serial = tmp_path / "serial"
    monkeypatch.setenv("REGSITE_CACHE", "off")
    commands.generate(ROOT / "seeds", serial, Context(TODAY))
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(site, "PARALLEL_FROM", 1)
    monkeypatch.setenv("REGSITE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REGSITE_CACHE", "on")
    for run in ("cold", "warm"):
        parallel = tmp_path / run
        commands.generate(ROOT / "seeds", parallel, Context(TODAY))
        assert_same_site(serial, parallel)
    assert any((tmp_path / "cache").rglob("search-state.pickle"))
