"""Works and versions (build_tools/versions.py) on real corpus files and the seeds.

Oracles: the grouping and the events are read by hand from the files' 题注 and names; the
statuses follow from dates known independently of the code (the revised 行政复议法 of
2023-09-01 took effect on 2024-01-01, its article 90)."""
import datetime
import re
import shutil

import pytest

from conftest import CORPUS, SEED, TODAY

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not beside the project")

FILES = {
    "复议2017": "诉讼与非诉讼程序法/行政复议法(2017-09-01).md",
    "复议2023": "诉讼与非诉讼程序法/行政复议法(2023-09-01).md",
    "复议实施条例": "行政法规/行政复议法实施条例(2007-05-29).md",
    "会计2017": "经济法/会计法(2017-11-04).md",
    "会计2024": "经济法/会计法(2024-06-28).md",
    "运输2019": "行政法规/道路运输条例(2019-03-02).md",
    "运输2022": "行政法规/道路运输条例(2022-03-29).md",
    "运输2023": "行政法规/道路运输条例(2023-07-20).md",
    "广东运输": "DLC/广东地方法规/地方性法规/广东/广东省道路运输条例(2021-09-29).md",
    "广告经济": "经济法/广告法(2021-04-29).md",
    "广告行政": "行政法/广告法(2021-04-29).md",
    "民法典物权": "民法典/物权编.md",
    "民法典合同": "民法典/合同编.md",
    "宪法修正案1988": "宪法/宪法修正案（1988年）.md",
    "宪法修正案1993": "宪法/宪法修正案（1993年）.md",
}


@pytest.fixture(scope="module")
def corpus_docs():
    if not CORPUS.is_dir():
        pytest.skip("corpus not beside the project")
    from build_tools import pipeline, slugs
    from build_tools.transforms import Context
    docs = {k: pipeline.load(CORPUS / p, Context(TODAY)) for k, p in FILES.items()}
    for k, p in FILES.items():
        docs[k].meta["category"] = p.split("/")[:-1]
    slugs.assign(list(docs.values()))
    return docs


def works_at(docs, today):
    from build_tools import versions
    works = versions.apply(list(docs.values()), today)
    return works, {id(v.doc): (w, v) for w in works for v in w.versions}


def version(docs, index, key):
    return index[id(docs[key])][1]


def test_titles_normalised():
    from build_tools.versions import normalise_title
    assert normalise_title("中华人民共和国行政复议法") == "行政复议法"
    assert normalise_title("贵阳市数字经济促进条例(草案)") == "贵阳市数字经济促进条例"
    assert normalise_title("中华人民共和国会计法（2017年修正）") == "会计法"
    assert normalise_title("北京市实施《中华人民共和国水法》办法") == "北京市实施《水法》办法"
    # a year that names the instrument (the 1988 amendment of the constitution) stays
    assert normalise_title("中华人民共和国宪法修正案（1988年）") == "宪法修正案（1988年）"


@needs_corpus
def test_versions_grouped_and_instruments_kept_apart(corpus_docs):
    works, index = works_at(corpus_docs, TODAY)
    by_files = sorted(sorted(k for k in FILES if id(corpus_docs[k]) in
                             {id(v.doc) for v in w.versions}) for w in works)
    assert ["复议2017", "复议2023"] in by_files
    assert ["会计2017", "会计2024"] in by_files
    assert ["运输2019", "运输2022", "运输2023"] in by_files
    assert ["广东运输"] in by_files              # another instrument, not a 道路运输条例 version
    assert ["复议实施条例"] in by_files
    assert ["广告经济", "广告行政"] in by_files   # one version filed in two folders
    assert ["民法典合同"] in by_files and ["民法典物权"] in by_files   # parts of one code
    assert ["宪法修正案1988"] in by_files and ["宪法修正案1993"] in by_files
    w, ad = index[id(corpus_docs["广告行政"])]
    assert ad.copy_of is not None and not w.multiple and ad.status == "现行有效"
    # how the grouping was decided is told on the pages
    notes = [p.message for p in corpus_docs["复议2017"].problems if p.code == "version_grouping"]
    assert notes and "行政复议法" in notes[0]
    assert any(p.code == "version_grouping" for p in corpus_docs["民法典物权"].problems)


@needs_corpus
def test_events_read_from_the_history(corpus_docs):
    from build_tools.versions import events
    got = [(e.date, e.label, e.instrument) for e in events(corpus_docs["复议2017"])]
    assert got == [
        ("1999-04-29", "通过", ""),
        ("2009-08-27", "第一次修正", "关于修改部分法律的决定"),
        ("2017-09-01", "第二次修正", "关于修改〈中华人民共和国法官法〉等八部法律的决定"),
    ]
    assert events(corpus_docs["复议2017"])[0].body == "第九届全国人民代表大会常务委员会第九次会议"
    # 国务院令 … 公布, then 修订 by the State Council's decisions
    got = [(e.date, e.label) for e in events(corpus_docs["运输2019"])]
    assert got == [("2004-04-30", "公布"), ("2012-11-09", "第一次修订"), ("2016-02-06", "第二次修订")]


@needs_corpus
def test_timeline_marks_the_texts_in_the_collection(corpus_docs):
    works, index = works_at(corpus_docs, TODAY)
    w, _ = index[id(corpus_docs["复议2017"])]
    marked = {e.date: e.version for e in w.events if e.version}
    base = corpus_docs["复议2023"].slug       # the work's address shows the current text
    assert marked == {"2017-09-01": f"{base}-v2017-09-01", "2023-09-01": f"{base}-v2023-09-01"}
    assert [e.date for e in w.events if e.kind in ("通过", "修正", "修订")] == [
        "1999-04-29", "2009-08-27", "2017-09-01", "2023-09-01"]


@needs_corpus
def test_status_of_every_version(corpus_docs):
    works, index = works_at(corpus_docs, TODAY)
    old, new = version(corpus_docs, index, "复议2017"), version(corpus_docs, index, "复议2023")
    assert old.status == "已被修订" and old.replaced_by is new
    assert corpus_docs["复议2017"].status == "已被修订"         # no longer 有效
    assert new.status == "现行有效" and new.in_force_from == "2024-01-01"
    assert version(corpus_docs, index, "会计2017").status == "已被修正"
    assert version(corpus_docs, index, "会计2024").status == "现行有效"
    chain = [version(corpus_docs, index, k) for k in ("运输2019", "运输2022", "运输2023")]
    assert [v.status for v in chain] == ["已被修订", "已被修订", "现行有效"]
    assert chain[0].replaced_by is chain[1] and chain[1].replaced_by is chain[2]
    assert version(corpus_docs, index, "广东运输").status == "现行有效"


@needs_corpus
def test_status_depends_on_the_build_date(corpus_docs):
    """Between its adoption and its effective date, the revised law is not yet in force and
    the old text still is."""
    works, index = works_at(corpus_docs, datetime.date(2023, 12, 1))
    assert version(corpus_docs, index, "复议2017").status == "现行有效"
    assert version(corpus_docs, index, "复议2023").status == "尚未生效"
    works_at(corpus_docs, TODAY)       # other tests of this module expect TODAY


@needs_corpus
def test_version_in_force(corpus_docs):
    from build_tools.versions import version_in_force
    works, index = works_at(corpus_docs, TODAY)
    w, _ = index[id(corpus_docs["复议2017"])]
    assert version_in_force(w, "2020-05-01").doc is corpus_docs["复议2017"]
    assert version_in_force(w, datetime.date(2023, 12, 31)).doc is corpus_docs["复议2017"]
    assert version_in_force(w, "2024-01-01").doc is corpus_docs["复议2023"]
    assert version_in_force(w, "2010-01-01") is None      # that text is not in the collection
    assert w.current().doc is corpus_docs["复议2023"]
    from build_tools.versions import slug_in_force
    for date in ("2010-01-01", "2020-05-01", "2023-12-31", "2024-01-01"):
        found = version_in_force(w, date)
        assert slug_in_force(corpus_docs["复议2017"], date) == (found.address if found else None)
        assert slug_in_force(corpus_docs["复议2023"], date) == (found.address if found else None)


def test_seed_statuses():
    from build_tools import pipeline, versions
    from build_tools.transforms import Context
    seed_docs = {k: pipeline.load(p, Context(TODAY)) for k, p in SEED.items()}     # not the shared ones
    docs = list(seed_docs.values())
    works = versions.apply(docs, TODAY)
    assert len(works) == 5 and not any(w.multiple for w in works)
    assert seed_docs["000"].status == "现行有效"
    assert seed_docs["001"].status == "现行有效"        # front matter 有效: no conflict
    assert not any(p.code == "status_conflict" for p in seed_docs["001"].problems)
    assert seed_docs["002"].status == "征求意见已截止"   # deadline 2026-03-01 has passed
    versions.apply(docs, datetime.date(2026, 2, 1))
    assert seed_docs["002"].status == "征求意见稿"
    versions.apply(docs, datetime.date(2025, 12, 31))
    assert seed_docs["001"].status == "尚未生效"        # effective 2026-01-01


def test_front_matter_status_conflict_recorded(tmp_path):
    """A front matter that says 有效 for a text the collection shows superseded."""
    from build_tools import versions
    from conftest import doc_from_text
    text = SEED["001"].read_text(encoding="utf-8")
    older = text.replace("2025年12月3日贵州省第十四届人民代表大会常务委员会第二十次会议修订", "")
    older = older.replace("date: '2025-12-03'", "date: '2016-01-15'").replace(
        "publication_date: '2025-12-03'", "publication_date: '2016-01-15'").replace(
        "effective_date: '2026-01-01'", "effective_date: '2016-03-01'")
    a = doc_from_text(older, "贵州省大数据发展应用促进条例(2016-01-15).md")
    b = doc_from_text(text, "贵州省大数据发展应用促进条例(2025-12-03).md")
    a.slug, b.slug = "a", "b"
    versions.apply([a, b], TODAY)
    assert a.status == "已被修订" and b.status == "现行有效"
    assert [p.code for p in a.problems if p.code == "status_conflict"] == ["status_conflict"]


def test_site_banner_and_versions_on_pages(tmp_path):
    """A superseded version's pages carry the banner and link to the current text."""
    if not CORPUS.is_dir():
        pytest.skip("corpus not beside the project")
    from build_tools.commands import generate
    from build_tools.transforms import Context
    src = tmp_path / "src"
    src.mkdir()
    for k in ("复议2017", "复议2023"):
        shutil.copy(CORPUS / FILES[k], src)
    docs, failures, _ = generate(src, tmp_path / "docs", Context(TODAY))
    old = next(d for d in docs if "2017" in d.source)
    new = next(d for d in docs if "2023" in d.source)
    # addresses: the work's shows the current text, each text has its dated one
    work = new.slug
    assert old.slug == f"{work}-v2017-09-01" and not work.endswith(("-v2023-09-01", "-v2017-09-01"))
    # the current text's permanent address forwards, page by page, to the work's address
    dated = tmp_path / "docs" / f"{work}-v2023-09-01"
    assert sorted(p.name for p in dated.iterdir()) == sorted(p.name[:-3] + ".html" for p in (tmp_path / "docs" / work).iterdir())
    forward = (dated / "chp_1.html").read_text(encoding="utf-8")
    assert forward.startswith("<!doctype html>\n<!-- regsite:forward -->")
    assert f'location.replace("../{work}/chp_1.html" + location.hash)' in forward
    assert f'content="0; url=../{work}/chp_1.html"' in forward
    current_chapter = (tmp_path / "docs" / work / "chp_1.md").read_text(encoding="utf-8")
    assert f'doc_slug: "{work}"' in current_chapter and f'doc_address: "{work}-v2023-09-01"' in current_chapter
    assert 'doc_cite_version: "（2023年修订）"' in current_chapter       # its copy buttons cite the version
    landing = (tmp_path / "docs" / old.slug / "index.md").read_text(encoding="utf-8")
    chapter = (tmp_path / "docs" / old.slug / "chp_1.md").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(f"docs/{old.slug}/*.html"))     # rendered there, not forwarded
    assert 'doc_cite_version: "（2017年修正）"' in chapter and f'doc_address: "{old.slug}"' in chapter
    assert f'doc_work: "{work}"' in chapter
    assert '{: .article-history data-current="art_1" data-current-kind="changed" }' in chapter
    # 本条沿革: the 2017 第一条 is the 2023 第一条, changed (its text was read in both files)
    assert (f"本条沿革：现行文本（2023年修订）中为[第一条](../{new.slug}/chp_1.md#art_1)，文字已修改。"
            in chapter)
    assert (f"本条沿革：上一版本（2017年修正）为[第一条](../{old.slug}/chp_1.md#art_1)，本版本有修改"
            in (tmp_path / "docs" / new.slug / "chp_1.md").read_text(encoding="utf-8"))
    for page in (landing, chapter):
        assert '!!! danger "本文本已被修订"' in page
        assert f"](../{new.slug}/index.md)" in page
    assert "**已被修订**" in landing and "**有效**" not in landing
    assert "- 2017-09-01　**第二次修正**" in landing and "（本页即此次形成的文本）" in landing
    current = (tmp_path / "docs" / new.slug / "index.md").read_text(encoding="utf-8")
    assert "!!! danger" not in current and "**现行有效**" in current
    home = (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.count("已被修订") == 1


@needs_corpus
def test_alignment_road_transport_2022_2023(corpus_docs):
    """Checked by hand against both texts: the 2023 amendment rewrote 第六十三条 (below the
    similarity threshold: shown as deleted and added), changed 第六十五条, deleted 第六十八条
    (营运证), so every later article moved up by one."""
    from build_tools import compare
    old, new = corpus_docs["运输2022"], corpus_docs["运输2023"]
    pairs = compare.align(old.articles, new.articles)
    assert compare.counts(pairs) == {"same": 77, "renumbered": 12, "changed": 4, "added": 1,
                                     "deleted": 2, "moved": 0}
    got = {(p.old.label if p.old else None): (p.new.label if p.new else None, p.kind) for p in pairs
           if p.kind != "same"}
    assert got[None] == ("第六十三条", "added")
    assert got["第六十八条"] == (None, "deleted") and got["第六十三条"] == (None, "deleted")
    assert got["第六十五条"] == ("第六十五条", "changed") and got["第七十一条"] == ("第七十条", "changed")
    # every article of both texts is in exactly one pair
    assert sorted(p.old.anchor for p in pairs if p.old) == sorted(a.anchor for a in old.articles)
    assert sorted(p.new.anchor for p in pairs if p.new) == sorted(a.anchor for a in new.articles)


@needs_corpus
def test_alignment_follows_text_not_numbers(corpus_docs):
    """行政复议法 grew from 43 to 90 articles: the 2017 第六条 (复议范围) is the 2023 第十一条, the
    2017 第九条 (sixty days to apply) the 2023 第二十条 — read in both files by hand."""
    from build_tools import compare
    pairs = compare.align(corpus_docs["复议2017"].articles, corpus_docs["复议2023"].articles)
    by_old = {p.old.label: p.new.label for p in pairs if p.old and p.new}
    assert by_old["第六条"] == "第十一条"
    assert by_old["第九条"] == "第二十条"
    assert by_old["第四条"] == "第三条"
    assert by_old["第十条"] == "第十四条"


@needs_corpus
def test_char_diff_keeps_every_character(corpus_docs):
    from build_tools import compare
    pairs = compare.align(corpus_docs["会计2017"].articles, corpus_docs["会计2024"].articles)
    changed = [p for p in pairs if p.kind == "changed"]
    assert changed
    for p in changed:
        pieces = compare.char_diff(p.old.text(), p.new.text())
        assert "".join(o for t, o, n in pieces if t != "insert") == p.old.text()
        assert "".join(n for t, o, n in pieces if t != "delete") == p.new.text()
    third = next(p for p in changed if p.old.label == "第三条")
    assert [(t, o, n) for t, o, n in compare.char_diff(third.old.text(), third.new.text())
            if t != "equal"] == [("replace", "帐", "账")]


def test_comparison_page_in_the_site(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("corpus not beside the project")
    import re
    from build_tools.commands import generate
    from build_tools.transforms import Context
    src = tmp_path / "src"
    src.mkdir()
    for k in ("会计2017", "会计2024"):
        shutil.copy(CORPUS / FILES[k], src)
    docs, failures, _ = generate(src, tmp_path / "docs", Context(TODAY))
    new = next(d for d in docs if "2024" in d.source)
    old = next(d for d in docs if "2017" in d.source)
    page = (tmp_path / "docs" / new.slug / "compare.md").read_text(encoding="utf-8")
    assert "# 新旧对照：2017年修正 → 2024年修正" in page
    assert f"| 旧文本条文 | {len(old.articles)} |" in page and f"| 新文本条文 | {len(new.articles)} |" in page
    row = next(line for line in page.splitlines() if "#art_3)" in line and "帐" in line)
    assert "会计<del>帐</del>簿" in row and "会计<ins>账</ins>簿" in row
    assert f"](../{old.slug}/chp_1.md#art_3)" in row
    # the current text's permanent address forwards to it; nav and landing page lead to it
    assert "regsite:forward" in (tmp_path / "docs" / f"{new.slug}-v2024-06-28" / "compare.html").read_text(encoding="utf-8")
    nav = (tmp_path / "docs" / ".nav.yml").read_text(encoding="utf-8")
    assert f"新旧对照: {new.slug}/compare.md" in nav
    assert "中华人民共和国会计法（2017年修正）:" in nav
    landing = (tmp_path / "docs" / new.slug / "index.md").read_text(encoding="utf-8")
    assert f"[与前一版本对照](../{new.slug}/compare.md)" in landing
    assert not (tmp_path / "docs" / old.slug / "compare.md").exists()   # no predecessor


@pytest.fixture(scope="module")
def versions_site(tmp_path_factory):
    """行政复议法 2017 and 2023 and 会计法 2017 and 2024, built into a site."""
    if not CORPUS.is_dir():
        pytest.skip("corpus not beside the project")
    from build_tools import commands
    from build_tools.transforms import Context
    from conftest import ROOT
    base = tmp_path_factory.mktemp("versions-site")
    src = base / "src"
    src.mkdir()
    for k in ("复议2017", "复议2023", "会计2017", "会计2024"):
        shutil.copy(CORPUS / FILES[k], src)
    docs, failures, _ = commands.generate(src, base / "docs", Context(TODAY))
    commands.mkdocs_build(ROOT / "mkdocs.yml", base / "site", docs_dir=base / "docs")
    return base / "site", {("复议" if "复议" in d.source else "会计") + d.source[-14:-10]: d for d in docs}


def test_browser_banner_comparison_and_search(versions_site):
    from browser import browser, serve
    site, docs = versions_site
    work, old = docs["复议2023"].slug, docs["复议2017"].slug
    with serve(site) as base, browser() as b:
        page = b.new_page()
        page.goto(f"{base}/{old}/chp_2.html")
        banner = page.locator(".admonition.danger")
        assert banner.is_visible() and "本文本已被修订" in banner.inner_text()
        banner.locator("a").click()
        page.wait_for_url(f"{base}/{work}/index.html")
        assert page.inner_text(".doc-context strong.status") == "现行有效"
        # the version switch: the versions table leads to the 2017 text and to the comparison
        page.click(f'a[href="../{old}/index.html"]')
        page.wait_for_url(f"{base}/{old}/index.html")
        page.goto(f"{base}/{work}/compare.html")
        cells = page.locator("table del")
        assert cells.count() > 20 and page.locator("table ins").count() > 20
        assert "第十一条" in page.locator("table").nth(1).inner_text() and page.locator("h1").inner_text().startswith("新旧对照")
        # search: the text in force first, the superseded one labelled
        results = page.evaluate("window.regSearch('行政复议机关')")
        slugs = [r["slug"] for r in results if r["kind"] == "article"]
        assert work in slugs and old in slugs
        assert slugs.index(work) < slugs.index(old)
        assert all(r["status"] == "已被修订" for r in results if r["slug"] == old and r["kind"] == "article")
        page.close()


def test_export_carries_version_and_alignment(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("corpus not beside the project")
    import json
    import subprocess
    import sys
    from conftest import ROOT
    for k in ("会计2017", "会计2024"):
        shutil.copy(CORPUS / FILES[k], tmp_path)
    out = subprocess.run([sys.executable, "-m", "build_tools", "export", "--all", str(tmp_path),
                          "--today", TODAY.isoformat()], cwd=ROOT, capture_output=True, text=True,
                         env={**__import__("os").environ, "REGSITE_CACHE": "off"})
    rows = {json.loads(line)["version"]["date"]: json.loads(line) for line in out.stdout.splitlines()}
    old, new = rows["2017-11-04"], rows["2024-06-28"]
    assert old["version"]["status"] == "已被修正" and old["alignment"] is None
    assert new["version"]["status"] == "现行有效" and new["version"]["label"] == "（2024年修正）"
    # the 题注 of 会计法(2024-06-28).md, read by hand
    assert [(e["date"], e["label"]) for e in new["version"]["events"]] == [
        ("1985-01-21", "通过"), ("1993-12-29", "第一次修正"), ("1999-10-31", "修订"),
        ("2017-11-04", "第二次修正"), ("2024-06-28", "第三次修正")]
    pairs = new["alignment"]["pairs"]
    assert new["alignment"]["previous"] == old["slug"]
    assert {"old": "art_3", "new": "art_3", "kind": "changed", "moved": False} in pairs   # 帐 -> 账
    assert {"old": "art_28", "new": "art_26", "kind": "same", "moved": False} in pairs    # renumbered


def test_every_version_has_a_permanent_address(tmp_path):
    """Seeds: each text with a version date (read from its 题注) has SLUG-vDATE/, forwarding
    page by page to SLUG/ while it is the only text; the one without any date (seed 003) has
    none and says so.  The sitemap and the search index name the rendered pages only."""
    import json
    import re
    from build_tools import commands
    from build_tools.transforms import Context
    from conftest import ROOT, SEEDS
    docs_dir, site_dir = tmp_path / "docs", tmp_path / "site"
    docs, failures, _ = commands.generate(SEEDS, docs_dir, Context(TODAY))
    commands.mkdocs_build(ROOT / "mkdocs.yml", site_dir, docs_dir=docs_dir)
    # dates read by hand from the seeds' 题注: 000 通过 2025-04-29; 001 修订 2025-12-03;
    # 002 征求意见稿 of 2026-01-27; 004 印发 2024-01-25; 003 names no date
    expected = {"000": "2025-04-29", "001": "2025-12-03", "002": "2026-01-27", "004": "2024-01-25", "003": None}
    by_seed = {next(k for k, p in SEED.items() if p.name in d.source): d for d in docs}
    for key, date in expected.items():
        d = by_seed[key]
        address = site_dir / f"{d.slug}-v{date}"
        if date is None:
            assert not list(site_dir.glob(f"{d.slug}-v*"))
            assert "无法为它设定按日期命名的永久地址" in (docs_dir / d.slug / "index.md").read_text(encoding="utf-8")
            continue
        rendered = sorted(p.name for p in (site_dir / d.slug).glob("*.html"))
        assert sorted(p.name for p in address.iterdir()) == rendered, key
        for name in rendered:
            text = (address / name).read_text(encoding="utf-8")
            assert f'location.replace("../{d.slug}/{name}" + location.hash)' in text
        assert f"本文本的永久地址为 `{d.slug}-v{date}/`" in (docs_dir / d.slug / "index.md").read_text(encoding="utf-8")
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "-v20" not in sitemap and f"{by_seed['000'].slug}/chp_5.html" in sitemap
    index = "".join(p.read_text(encoding="utf-8") for p in (docs_dir / "search").iterdir())
    assert "-v20" not in index and by_seed["000"].slug in index     # every text once, where rendered
    table = (site_dir / "version-table.js").read_text(encoding="utf-8")
    table = json.loads(re.search(r"window\.regsiteVersions = (.*);", table).group(1))
    assert table[by_seed["000"].slug] == ["贵阳市算力产业促进条例", [["2025-04-29", f"{by_seed['000'].slug}-v2025-04-29",
                                                             "（2025年）", "现行有效"]]]
    assert table[by_seed["003"].slug][1] == []


@needs_corpus
def test_copy_buttons_offer_current_and_version_links(versions_site):
    """行政复议法: the 2017 第九条 is the 2023 第二十条 (read by hand, see
    test_alignment_follows_text_not_numbers).  On the current 2023 text, 链接 offers SLUG/ and
    SLUG-v2023-09-01/, 引用 cites the 2023 version; on the 2017 text, 引用 cites 2017 at its own
    address and 现行链接 leads to the 2023 article that replaced it."""
    from browser import browser, serve
    site, docs = versions_site
    work, old = docs["复议2023"].slug, docs["复议2017"].slug
    assert old == f"{work}-v2017-09-01"
    public = "https://fagui.example.org/"
    with serve(site) as base, browser() as b:
        ctx = b.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = ctx.new_page()

        def copied(selector):
            page.click(selector)
            page.wait_for_timeout(200)
            return page.evaluate("navigator.clipboard.readText()")

        # the permanent address of the current text forwards there, fragment kept
        page.goto(f"{base}/{work}-v2023-09-01/index.html#art_20")
        page.wait_for_url(re.compile(rf"/{work}/chp_\d+\.html#art_20$"))
        assert copied("#art_20 .copy-cite") == f"《中华人民共和国行政复议法》（2023年修订）第二十条 {public}{work}-v2023-09-01/index.html#art_20"
        page.click("#art_20 .copy-link")
        rows = page.inner_text("#art_20 .copy-menu")
        assert f"{public}{work}/index.html#art_20" in rows and f"{public}{work}-v2023-09-01/index.html#art_20" in rows
        assert copied("#art_20 .copy-menu .copy-current") == f"{public}{work}/index.html#art_20"
        page.click("#art_20 .copy-link")
        assert copied("#art_20 .copy-menu .copy-version") == f"{public}{work}-v2023-09-01/index.html#art_20"
        # keyboard: Enter opens the menu with focus on its first button, Escape closes it
        page.focus("#art_20 .copy-link")
        page.keyboard.press("Enter")
        assert "copy-current" in page.evaluate("document.activeElement.className")
        page.keyboard.press("Escape")
        assert page.locator(".copy-menu").count() == 0
        assert "copy-link" in page.evaluate("document.activeElement.className")
        # the superseded 2017 text, at its permanent address
        page.goto(f"{base}/{old}/index.html#art_9")
        page.wait_for_url(re.compile(rf"/{old}/chp_\d+\.html#art_9$"))
        assert copied("#art_9 .copy-cite") == f"《中华人民共和国行政复议法》（2017年修正）第九条 {public}{old}/index.html#art_9"
        page.click("#art_9 .copy-link")
        assert copied("#art_9 .copy-menu .copy-current") == f"{public}{work}/index.html#art_20"
        page.click("#art_9 .copy-link")
        assert copied("#art_9 .copy-menu .copy-version") == f"{public}{old}/index.html#art_9"
        page.goto(f"{base}/{old}/index.html#art_20")
        page.wait_for_url(re.compile(rf"/{old}/chp_\d+\.html#art_20$"))
        assert copied("#art_20 .copy-cite") == f"《中华人民共和国行政复议法》（2017年修正）第二十条 {public}{old}/index.html#art_20"
        ctx.close()
        # a touch screen: a tap on a 款 shows its buttons, a tap on 链接 the menu, a tap copies
        ctx = b.new_context(permissions=["clipboard-read", "clipboard-write"], has_touch=True, is_mobile=True,
                            viewport={"width": 390, "height": 800})
        page = ctx.new_page()
        page.goto(f"{base}/{work}/index.html#art_20__para_1")
        page.wait_for_url(re.compile(rf"/{work}/chp_\d+\.html#art_20__para_1$"))
        page.tap("#art_20__para_1")
        page.tap("#art_20__para_1 .copy-link")
        assert page.locator("#art_20__para_1 .copy-menu").is_visible()
        page.tap("#art_20__para_1 .copy-menu .copy-version")
        page.wait_for_timeout(200)
        assert page.evaluate("navigator.clipboard.readText()") == f"{public}{work}-v2023-09-01/index.html#art_20__para_1"
        ctx.close()


@needs_corpus
def test_address_of_a_missing_version_is_a_404_listing_the_versions(versions_site):
    """Over HTTP (a host answering a missing address with 404.html): SLUG-v1999-01-01/ and a
    mistyped date name the work and list its texts, linking to them; never another text."""
    from browser import browser, serve
    site, docs = versions_site
    work, old = docs["复议2023"].slug, docs["复议2017"].slug
    with serve(site, not_found_page=True) as base, browser() as b:
        page = b.new_page()
        response = page.goto(f"{base}/{work}-v1999-01-01/chp_2.html#art_6")
        assert response.status == 404
        box = page.locator(".version-notfound")
        assert box.is_visible() and not page.locator(".notfound-generic").is_visible()
        text = box.inner_text()
        assert "本站没有这一版本的文本" in text and "《中华人民共和国行政复议法》版本日期为 1999-01-01 的文本" in text
        links = box.locator("li a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == \
            [f"/{old}/index.html#art_6", f"/{work}-v2023-09-01/index.html#art_6"]
        assert "2017-09-01，已被修订" in text and "2023-09-01，现行有效" in text
        assert page.locator(".md-content .article").count() == 0     # no text of another version
        links.first.click()
        page.wait_for_url(re.compile(rf"/{old}/chp_\d+\.html#art_6$"))
        page.goto(f"{base}/{work}-v2017-9-1/index.html")
        assert "“2017-9-1”不是有效的日期" in page.inner_text(".version-notfound")
        # an address that is no version: the generic page
        page.goto(f"{base}/no-such-page/index.html")
        assert page.locator(".notfound-generic").is_visible() and not page.locator(".version-notfound").is_visible()
        page.close()


def _guizhou_texts():
    """Three files of one title: the 2025 text (seed 001), its 2016 text, and a same-titled
    regulation of another issuer (北京市), which forces hashed slugs."""
    text = SEED["001"].read_text(encoding="utf-8")
    older = text.replace("　2025年12月3日贵州省第十四届人民代表大会常务委员会第二十次会议修订", "")
    older = older.replace("date: '2025-12-03'", "date: '2016-01-15'").replace(
        "publication_date: '2025-12-03'", "publication_date: '2016-01-15'").replace(
        "effective_date: '2026-01-01'", "effective_date: '2016-03-01'")
    other = older.replace("贵州省第十二届人民代表大会常务委员会", "北京市第十五届人民代表大会常务委员会").replace(
        "2016年1月15日", "2020年5月1日").replace("author: 贵州省", "author: 北京市").replace(
        "'2016-01-15'", "'2020-05-01'").replace("'2016-03-01'", "'2020-06-01'")
    return text, older, other


def test_former_permanent_address_forwards_after_a_second_text_arrives(tmp_path):
    """The 2016 text alone (beside a same-titled text of another issuer) has the hashed
    address SLUG-HASH-v2016-01-15/; once the 2025 text arrives the work takes the base slug,
    and the old address forwards, page by page and with the #fragment, to the 2016 text."""
    from build_tools import slugs
    from build_tools.commands import generate
    from build_tools.transforms import Context
    text, older, other = _guizhou_texts()
    src = tmp_path / "src"
    src.mkdir()
    (src / "贵州省大数据发展应用促进条例(2016-01-15).txt").write_text(older, encoding="utf-8")
    (src / "北京" ).mkdir()
    (src / "北京" / "贵州省大数据发展应用促进条例(2020-05-01).txt").write_text(other, encoding="utf-8")
    docs, failures, _ = generate(src, tmp_path / "docs1", Context(TODAY))
    a = next(d for d in docs if "2016" in d.source)
    base = slugs.base_slug(a.title)
    first = a.derived.version.address
    assert a.slug == f"{base}-{slugs.short_hash(a.source)}" and first == f"{a.slug}-v2016-01-15"
    # the unhashed address it would have had without the other issuer's text forwards to it
    assert a.derived.version.aliases == [f"{base}-v2016-01-15"]
    page = tmp_path / "docs1" / first / "chp_1.html"
    assert f'location.replace("../{a.slug}/chp_1.html" + location.hash)' in page.read_text(encoding="utf-8")

    (src / "贵州省大数据发展应用促进条例(2025-12-03).txt").write_text(text, encoding="utf-8")
    docs, failures, _ = generate(src, tmp_path / "docs2", Context(TODAY))
    a = next(d for d in docs if "2016" in d.source)
    new = next(d for d in docs if "2025" in d.source)
    other_doc = next(d for d in docs if "2020" in d.source)
    assert new.slug == base and a.slug == a.derived.version.address == f"{base}-v2016-01-15"
    assert a.derived.version.aliases == [first]
    out = tmp_path / "docs2"
    old_pages = sorted(p.name for p in (tmp_path / "docs1" / first).iterdir())
    assert sorted(p.name for p in (out / first).iterdir()) == old_pages
    forward = (out / first / "chp_1.html").read_text(encoding="utf-8")
    assert forward.startswith("<!doctype html>\n<!-- regsite:forward -->")
    assert f'location.replace("../{a.slug}/chp_1.html" + location.hash)' in forward
    assert f"这一文本的永久地址为 {a.slug}/" in forward
    target = (out / a.slug / "chp_1.md").read_text(encoding="utf-8")     # the 2016 text, rendered there
    assert f'doc_address: "{a.slug}"' in target and '!!! danger "本文本已被修订"' in (out / a.slug / "index.md").read_text(encoding="utf-8")
    # the 2025 text: the address it would have had alone forwards to the work's address
    solo_new = f"{base}-{slugs.short_hash(new.source)}-v2025-12-03"
    assert new.derived.version.aliases == [solo_new]
    assert 'location.replace("../' + base + '/index.html" + location.hash)' in (out / solo_new / "index.html").read_text(encoding="utf-8")
    # the other issuer's text is alone in its work: its address did not change; the unhashed
    # address of its date is its own (no other text of that title has that date)
    assert other_doc.derived.version.aliases == [f"{base}-v2020-05-01"]
    assert (out / other_doc.derived.version.address).is_dir()
    assert f'location.replace("../{other_doc.slug}/index.html" + location.hash)' in (
        out / f"{base}-v2020-05-01" / "index.html").read_text(encoding="utf-8")


def test_an_unhashed_address_claimed_by_two_texts_forwards_nowhere():
    """Two same-titled texts of two issuers with the same date: BASE-vDATE/ would be ambiguous,
    so neither gets it (a 404 rather than the wrong text)."""
    from build_tools import slugs, versions
    from conftest import doc_from_text
    text, older, other = _guizhou_texts()
    a = doc_from_text(older, "贵州省大数据发展应用促进条例(2016-01-15).txt")
    c = doc_from_text(other.replace("2020-05-01", "2016-01-15"), "北京/贵州省大数据发展应用促进条例(2016-01-15).txt")
    slugs.assign([a, c])
    versions.apply([a, c], TODAY)
    assert a.slug != c.slug and a.derived.version.address and c.derived.version.address
    assert a.derived.version.aliases == [] and c.derived.version.aliases == []


def test_former_permanent_address_forwards_when_the_work_keeps_the_files_slugs():
    """The clash branch: the work's base slug is another document's, so its texts keep the
    files' own slugs as addresses; the address each had alone still forwards to it."""
    from build_tools import slugs, versions
    from conftest import doc_from_text
    text, older, other = _guizhou_texts()
    a = doc_from_text(older, "贵州省大数据发展应用促进条例(2016-01-15).txt")
    b = doc_from_text(text, "贵州省大数据发展应用促进条例(2025-12-03).txt")
    c = doc_from_text(other, "北京/贵州省大数据发展应用促进条例(2020-05-01).txt")
    slugs.assign([a, b, c])
    base = slugs.base_slug(a.title)
    c.slug = base          # the base slug taken by another document
    versions.apply([a, b, c], TODAY)
    assert a.derived.version.address == a.slug == f"{base}-{slugs.short_hash(a.source)}"
    # the address each had alone, and the unhashed one of its date (no other text claims it)
    assert set(a.derived.version.aliases) == {f"{a.slug}-v2016-01-15", f"{base}-v2016-01-15"}
    assert set(b.derived.version.aliases) == {f"{b.slug}-v2025-12-03", f"{base}-v2025-12-03"}
