"""Rebuilds proven on corpus documents: random edits, then an incremental build gives exactly
the bytes of a clean full build (docs/, site/, sitemap and compressed files included).

A sample of corpus files (two versions of one law, a law and its 实施条例, and a random draw)
is built once; each round applies random changes of every kind a user makes — an article
edited, a title changed, a definition changed, a file added, deleted or renamed, an output
switch flipped — and compares the incremental build with a build from scratch without any
cache.  REGSITE_REBUILD_SEED=N draws another sample and other changes (the seed is in every
failure message).  The random draw is from the files no larger than the corpus's median, so
that each of the seven builds is shorter (the same share of them hold a definition);
REGSITE_REBUILD_TEST=full draws from all files."""
import os
import random
import re
import shutil

import pytest

from conftest import CORPUS
from test_incremental import assert_same_site, build

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")

SEED = int(os.environ.get("REGSITE_REBUILD_SEED", "20261201"))
FULL = os.environ.get("REGSITE_REBUILD_TEST") == "full"      # draw from every file (README)
SAMPLE = 80
FIXED = ["诉讼与非诉讼程序法/行政复议法(2017-09-01).md", "诉讼与非诉讼程序法/行政复议法(2023-09-01).md",
         "行政法规/行政复议法实施条例(2007-05-29).md"]
ARTICLE = re.compile(r"^(第[一二三四五六七八九十百千零]+条\s*)(\S.*)$", re.M)
DEFINITION = re.compile(r"(本(?:法|条例|办法|规定)所称)([^，。]{1,12})(，是指)")


def _edit_article(path, rng):
    text = path.read_text(encoding="utf-8")
    hits = list(ARTICLE.finditer(text))
    if not hits:
        return None
    m = rng.choice(hits)
    path.write_text(text[:m.end()] + "（已修改）" + text[m.end():], encoding="utf-8")
    return f"edit {path.name} {m.group(1).strip()}"


def _retitle(path, rng):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("# "):
        return None
    path.write_text("# 改题" + text[2:], encoding="utf-8")
    return f"retitle {path.name}"


def _change_definition(path, rng):
    text = path.read_text(encoding="utf-8")
    m = DEFINITION.search(text)
    if not m:
        return None
    path.write_text(text[:m.end(2)] + "事项" + text[m.end(2):], encoding="utf-8")
    return f"definition {path.name} {m.group(2)}"


def _delete(path, rng):
    path.unlink()
    return f"delete {path.name}"


def _rename(path, rng):
    new = path.with_name("改名" + path.name)
    path.rename(new)
    return f"rename {path.name}"


CHANGES = [_edit_article, _retitle, _change_definition, _delete, _rename]


@pytest.fixture(scope="module")
def corpus_files():
    sizes = {p.relative_to(CORPUS).as_posix(): p.stat().st_size for p in CORPUS.rglob("*.md")}
    files = sorted(sizes)
    median = sorted(sizes.values())[len(files) // 2]
    rng = random.Random(SEED)
    drawn = [f for f in files if f not in FIXED and (FULL or sizes[f] <= median)]
    return FIXED + rng.sample(drawn, SAMPLE), files


def test_random_changes_rebuild_to_the_bytes_of_a_full_build(tmp_path, corpus_files, monkeypatch):
    sample, every = corpus_files
    rng = random.Random(SEED + 1)
    src = tmp_path / "src"
    for rel in sample:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / rel, src / rel)
    inc = tmp_path / "inc"
    build(src, inc)
    spare = [f for f in every if f not in sample]
    for round_ in range(3):
        done = []
        present = sorted(p for p in src.rglob("*.md") if p.relative_to(src).as_posix() not in FIXED)
        for change, path in zip(rng.sample(CHANGES, 3), rng.sample(present, 3)):
            done.append(change(path, rng) or f"{change.__name__} not applicable to {path.name}")
        for rel in rng.sample(spare, 2):
            spare.remove(rel)
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(CORPUS / rel, src / rel)
            done.append(f"add {rel}")
        _edit_article(src / FIXED[rng.randrange(len(FIXED))], rng)   # versions and citations move
        if round_ == 2:                       # an output-neutral switch: the whole site renders again
            monkeypatch.setenv("REGSITE_MATERIAL_NAV", "1")
            done.append("switch REGSITE_MATERIAL_NAV=1")
        build(src, inc)
        full = tmp_path / f"full{round_}"
        build(src, full, cache=False)
        why = f"seed {SEED}, round {round_}: {done}"
        for part in ("docs", "site"):
            try:
                assert_same_site(inc / part, full / part)
            except AssertionError as e:
                raise AssertionError(f"{why}: {part}: {e}") from None
        assert (inc / "site" / "sitemap.xml").exists() and (inc / "site" / "sitemap.xml.gz").exists()
        shutil.rmtree(full)
