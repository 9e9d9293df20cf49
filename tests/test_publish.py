"""Issue 16: one transaction for a build (docs/ and site/ together, never a gap), a lock,
no leftovers, readable modes; a cache that cannot lie; rebuilds that write the same bytes."""
import json
import os
import stat
import subprocess
import sys
import threading

import pytest

from build_tools import cache, publish
from conftest import ROOT, TODAY


def _version(folder):
    return (folder / "index.html").read_text(encoding="utf-8")


def _stage(target, text):
    new = publish.new_folder(target)
    (new / "index.html").write_text(text, encoding="utf-8")
    (new / "page.html").write_text(text, encoding="utf-8")
    return new


def test_a_reader_never_sees_a_gap_or_a_half_folder(tmp_path):
    site = tmp_path / "site"
    publish.publish([(_stage(site, "v0"), site)])
    seen, stop = [], threading.Event()

    def poll():
        while not stop.is_set():
            try:
                a = (site / "index.html").read_text(encoding="utf-8")
            except FileNotFoundError:
                seen.append("missing")
                continue
            seen.append(a)
    reader = threading.Thread(target=poll)
    reader.start()
    try:
        for k in range(1, 150):
            publish.publish([(_stage(site, f"v{k}"), site)])
    finally:
        stop.set()
        reader.join()
    assert "missing" not in seen and len(seen) > 0
    assert _version(site) == "v149"


def test_an_interrupted_publish_is_finished_by_the_next_build(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    publish.publish([(_stage(docs, "old"), docs), (_stage(site, "old"), site)], journal_of=site)
    pairs = [(_stage(docs, "new"), docs), (_stage(site, "new"), site)]
    entries = [{"new": str(n.resolve()), "target": str(t.resolve()), "ino": n.stat().st_ino} for n, t in pairs]
    (tmp_path / ".site.publish").write_text(json.dumps(entries), encoding="utf-8")
    publish._finish(entries[:1])          # killed between the two exchanges
    assert (_version(docs), _version(site)) == ("new", "old")
    publish.recover(site)
    assert (_version(docs), _version(site)) == ("new", "new")
    assert not (tmp_path / ".site.publish").exists()
    publish.recover(site)                  # nothing left to do
    assert (_version(docs), _version(site)) == ("new", "new")


def test_published_folders_get_the_usual_modes(tmp_path):
    old = os.umask(0o022)
    try:
        site = tmp_path / "site"
        new = _stage(site, "v")
        publish.publish([(new, site)])
    finally:
        os.umask(old)
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o644


def test_leftovers_of_killed_builds_are_removed(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in (".site.new-abc", ".site.old-xyz", ".site-k2j3h4g5"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f").write_text("x")
    (tmp_path / ".site-keep-me-please").mkdir()          # not a name a build makes
    publish.clean(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-keep-me-please", "site"]


def test_stale_bundle_folders_are_removed_live_ones_kept(tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f"regsite-bundle-{dead.pid}-abc").mkdir()
    (tmp_path / f"regsite-bundle-{os.getpid()}-def").mkdir()
    publish.clean_tmp("regsite-bundle")
    assert [p.name for p in tmp_path.iterdir()] == [f"regsite-bundle-{os.getpid()}-def"]


def test_a_second_build_waits_for_the_lock(tmp_path):
    target = tmp_path / "site"
    code = ("import sys, time; sys.path.insert(0, %r)\n"
            "from build_tools import publish\n"
            "with publish.lock(%r):\n    print('got', flush=True)\n") % (str(ROOT), str(target))
    with publish.lock(target):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        line = proc.stderr.readline()          # it says so, then waits
        assert "另一个构建正在写入" in line and str(target.resolve()) in line
        assert proc.poll() is None
    out, _ = proc.communicate(timeout=60)
    assert out == "got\n" and proc.returncode == 0


# --- the cache ---------------------------------------------------------------------------

def test_a_damaged_cache_entry_is_said_and_computed_again(tmp_path, capsys):
    path = tmp_path / "entry.pickle"
    cache.save_pickle(path, {"text": "第一条"})
    assert cache.load_pickle(path) == {"text": "第一条"}
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x01                      # one flipped bit in the pickle
    path.write_bytes(bytes(data))
    assert cache.load_pickle(path) is None
    assert f"缓存条目已损坏，将重新生成：{path}" in capsys.readouterr().err


def test_full_reads_nothing_from_the_cache(tmp_path, monkeypatch):
    path = tmp_path / "entry.pickle"
    cache.save_pickle(path, 1)
    monkeypatch.setattr(cache, "TRUSTED", False)
    assert cache.load_pickle(path) is None


def test_the_model_key_follows_package_versions_and_switches(tmp_path, monkeypatch):
    from importlib import metadata

    from build_tools.transforms import Context
    src = tmp_path / "a.md"
    src.write_text("# 条例\n\n第一条 甲。\n", encoding="utf-8")
    store = cache.ModelCache(tmp_path)
    key = store.key(src, Context(TODAY))
    monkeypatch.setenv("REGSITE_MATERIAL_NAV", "1")
    switched = store.key(src, Context(TODAY))
    monkeypatch.delenv("REGSITE_MATERIAL_NAV")
    monkeypatch.setenv("REGSITE_CACHE_DIR", str(tmp_path))         # not a switch of output
    assert store.key(src, Context(TODAY)) == key != switched
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda n: "99.0" if n == "jieba" else real(n))
    cache.code_version.cache_clear()
    try:
        assert store.key(src, Context(TODAY)) not in (key, switched)
    finally:
        monkeypatch.setattr(metadata, "version", real)
        cache.code_version.cache_clear()
    assert store.key(src, Context(TODAY)) == key


def _build(src, out, *extra):
    run = subprocess.run([sys.executable, "-m", "build_tools", "build", str(src), "--docs-dir", str(out / "docs"),
                          "--site-dir", str(out / "site"), "--today", TODAY.isoformat(), *extra],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stderr


def test_a_flipped_byte_in_the_cache_does_not_reach_the_site(tmp_path, monkeypatch):
    import shutil
    monkeypatch.setenv("REGSITE_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", src)
    _build(src, tmp_path / "a")
    entries = sorted((tmp_path / "cache").rglob("*.pickle"))
    state = next(p for p in entries if p.name.startswith("search-state"))
    for path in [state] + [p for p in entries if p.name.count(".") == 1][:3]:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x20
        path.write_bytes(bytes(data))
    err = _build(src, tmp_path / "a")
    assert err.count("缓存条目已损坏") >= 4
    _build(src, tmp_path / "b", "--full")
    for part in ("docs", "site"):
        a, b = tmp_path / "a" / part, tmp_path / "b" / part
        files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.name != ".regsite-build")
        assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name != ".regsite-build")
        assert [f for f in files if (a / f).read_bytes() != (b / f).read_bytes()] == []
    gz = (tmp_path / "a" / "site" / "sitemap.xml.gz").read_bytes()
    assert gz[4:8] == b"\0\0\0\0"            # gzip without a time stamp
    assert stat.S_IMODE((tmp_path / "a" / "site").stat().st_mode) & 0o055 == 0o055
    leftovers = [p.name for p in (tmp_path / "a").iterdir() if p.name not in ("docs", "site") and not p.name.endswith(".lock")]
    assert leftovers == []
