"""The collection-level stage list (build_tools/stages.py): one order, documented where it runs,
and a failing stage leaves no index process behind."""
import multiprocessing
import re

import pytest

from conftest import ROOT, TODAY


def test_the_documented_order_is_the_order_that_runs():
    from build_tools import stages
    names = [name for name, _ in stages.STAGES]
    assert names == ["load", "slug", "versions", "report", "index", "link", "write"]
    documented = re.findall(r"^    (\w+)\s{2,}", stages.__doc__, re.M)
    assert documented == names
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert " → ".join(names) in readme


def test_loading_the_collection_is_the_first_three_stages(tmp_path):
    from build_tools import loading
    from build_tools.transforms import Context
    docs, failures = loading.load_sources(ROOT / "seeds", Context(TODAY))
    assert failures == [] and len(docs) == 5
    assert all(d.slug for d in docs)
    assert {d.status for d in docs} >= {"现行有效"}


def test_a_failing_stage_leaves_no_index_process(tmp_path, monkeypatch):
    from build_tools import assemble, stages
    from build_tools.transforms import Context
    from build_tools.writers import site
    monkeypatch.setattr(site, "PARALLEL_FROM", 1)          # the index is built in a process of its own

    def broken(*args, **kwargs):
        raise RuntimeError("链接失败")
    monkeypatch.setattr(assemble, "assemble", broken)
    out = tmp_path / "new"
    out.mkdir()
    b = stages.Build(ROOT / "seeds", Context(TODAY), out=out, published=tmp_path / "docs")
    with pytest.raises(RuntimeError, match="链接失败"):
        stages.run(b)
    assert multiprocessing.active_children() == []
    assert b.search.proc is not None and b.search.proc.poll() is not None     # started, and ended
    assert "index" in b.seconds and "link" not in b.seconds


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_every_transform_runs_alone_on_what_the_grammar_built(key):
    """What the transforms share is declared on the model (Article.seq/part/group,
    Division.starts_at, Document.continuations), so each transform runs on a document fresh
    from the grammar without another transform having set anything up first."""
    from build_tools import readers, structure
    from build_tools import sourcefile
    from build_tools.transforms import ORDER, Context, run_all
    from conftest import SEED
    for name in ORDER:
        doc, blocks = readers.read(sourcefile.read(SEED[key]))
        structure.build(doc, blocks)
        run_all(doc, Context(TODAY), only=[name])


def test_the_slug_memo_is_the_builds_and_spares_jieba_on_a_rebuild(tmp_path, monkeypatch):
    """The memo of slugs is state of the Build (stages.Build.memo), kept between builds beside
    the model cache: a rebuild that reads one edited file again takes its title's slug from
    it, without jieba's dictionary, and gives every document the slug the first build gave."""
    import shutil

    from build_tools import slugs, stages
    from build_tools.cache import ModelCache
    from build_tools.transforms import Context
    src = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", src)
    store = ModelCache(src, root=tmp_path / "cache")
    first = stages.run(stages.Build(src, Context(TODAY), store), until="slug", quiet=True)
    assert {d.title + d.subtitle: d.derived.base_slug for d in first.docs}.items() <= first.memo.slugs.items()
    first.memo.save(stages.memo_path(store))          # as the write stage does
    edited = sorted(src.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    def no_jieba():
        raise AssertionError("jieba loaded for a title the memo holds")
    monkeypatch.setattr(slugs, "_tokenizer", no_jieba)
    read = []
    monkeypatch.setattr(store, "put", lambda key, doc: read.append(doc.source))
    second = stages.run(stages.Build(src, Context(TODAY), store), until="slug", quiet=True)
    assert read == [str(edited)]
    assert [d.slug for d in second.docs] == [d.slug for d in first.docs]
    doc = second.docs[0]
    doc.derived.base_slug = ""
    with pytest.raises(AssertionError, match="jieba loaded"):
        slugs.assign([doc])             # without the build's memo the title needs jieba
