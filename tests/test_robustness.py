"""Issue 16: nothing lost, nothing leaked, never half a site."""
import codecs
import json
import os
import subprocess
import sys

import cn2an
import pytest

from build_tools import audit
from conftest import CORPUS, ROOT, TODAY, doc_from_text


def _codes(doc):
    return [p.code for p in doc.problems]


def test_article_numbers_of_ten_thousand_and_more_are_articles():
    # the labels are written by cn2an's an2cn, the oracle of the numbers is range()
    numbers = list(range(9995, 10006)) + [20000, 100000, 100001]
    text = "# 测试条例\n\n" + "".join(f"第{cn2an.an2cn(n, 'low')}条 第{n}号内容。\n\n" for n in numbers)
    doc = doc_from_text(text)
    assert [a.number for a in doc.articles] == numbers
    assert [a.anchor for a in doc.articles] == [f"art_{n}" for n in numbers]
    assert all(a.paragraphs[0].text == f"第{n}号内容。" for a, n in zip(doc.articles, numbers))
    assert audit.unaccounted(doc) == []


def test_an_unreadable_number_is_a_record_not_a_silent_merge():
    text = ("# 测试条例\n\n第一条 甲。\n\n第十十条 乙。\n\n第二条 丙。\n\n"
            "第一万万章 怪章\n\n第三条 丁。\n\n（十十）项。\n")
    doc = doc_from_text(text)
    assert [a.number for a in doc.articles] == [1, 2, 3]
    records = [p for p in doc.problems if p.code == "number_unreadable"]
    assert [(p.line, p.severity) for p in records] == [(5, "warning"), (9, "warning")]
    assert "第十十条" in records[0].message and "第一万万章" in records[1].message
    assert doc.articles[0].paragraphs[-1].text == "第十十条 乙。"
    assert audit.unaccounted(doc) == []


def _deep(lists, quotes):
    return ("# 测试条例\n\n第一条 甲：\n\n" + "".join("  " * i + f"- 层{i}\n" for i in range(lists))
            + "\n第二条 乙。\n\n" + "> " * quotes + "深引文\n\n第三条 丙。\n")


@pytest.mark.parametrize("lists,quotes", [(10, 20), (40, 100), (300, 3000)])
def test_deep_lists_and_quotes_lose_no_text(lists, quotes):
    doc = doc_from_text(_deep(lists, quotes), "深.md")
    assert [a.label for a in doc.articles] == ["第一条", "第二条", "第三条"]
    assert [p.text for p in doc.articles[0].paragraphs] == ["甲："] + [f"层{i}" for i in range(lists)]
    assert [p.text for p in doc.articles[1].paragraphs] == ["乙。", "深引文"]
    assert audit.unaccounted(doc) == [] and "text_unaccounted" not in _codes(doc)
    assert ("nesting_too_deep" in _codes(doc)) == (lists > 25)


def test_text_the_model_misses_is_an_error_record(monkeypatch):
    from build_tools.readers import blocks
    real = blocks.parse_markdown

    def lossy(text, doc=None):        # a reader that drops a line, as a parser limit would
        found, front = real(text, doc)
        return [b for b in found if "乙" not in b.text], front
    for name in ("lawrefbook", "frontmatter", "pdfdraft"):
        monkeypatch.setattr(f"build_tools.readers.{name}.parse_markdown", lossy)
    doc = doc_from_text(_deep(2, 1), "深.md")
    lost = [p for p in doc.problems if p.code == "text_unaccounted"]
    assert [(p.line, p.severity) for p in lost] == [(8, "error")] and "乙" in lost[0].message


LAW = "# 测试条例\n\n第一条 为了测试，制定本条例。\n\n第二条 本条例自2025年1月1日起施行。\n"


def _export_all(folder, *extra):
    proc = subprocess.run([sys.executable, "-m", "build_tools", "export", "--all", *extra, str(folder)],
                          cwd=ROOT, capture_output=True, text=True)
    return proc.returncode, [json.loads(x)["title"] for x in proc.stdout.splitlines()], proc.stderr


def test_broken_and_looping_links_named_like_sources_get_a_message(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text(LAW, encoding="utf-8")
    (src / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    os.mkfifo(src / "pipe.txt")          # would block a reader for ever
    code, titles, err = _export_all(src)
    assert code == 1 and titles == ["测试条例"]
    for name, needle in [("dangling.txt", "符号链接无效"), ("loop.txt", "符号链接无效"),
                         ("pipe.txt", "不是普通文件")]:
        assert f"{src / name}: " in err and needle in err.split(f"{src / name}: ")[1].split("\n")[0]


def test_links_out_of_the_source_folder_are_refused_unless_allowed(tmp_path):
    src, outside = tmp_path / "src", tmp_path / "outside"
    src.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (outside / "law.md").write_text(LAW.replace("测试条例", "外部条例"), encoding="utf-8")
    (src / "a.md").write_text(LAW, encoding="utf-8")
    (src / "passwd.txt").symlink_to("/etc/passwd")
    (src / "secret.txt").symlink_to(outside / "secret.txt")
    (src / "linked").symlink_to(outside, target_is_directory=True)
    (src / "inside.md").symlink_to(src / "a.md")           # inside the folder: read
    code, titles, err = _export_all(src)
    assert code == 1 and titles == ["测试条例", "测试条例"]
    assert "root:x" not in err + "".join(titles)
    for name in ("passwd.txt", "secret.txt", "linked"):
        line = next(x for x in err.splitlines() if f"{src / name}: " in x)
        assert "源文件夹之外" in line and "--allow-outside-links" in line
    code, titles, err = _export_all(src, "--allow-outside-links")
    assert "源文件夹之外" not in err, err
    assert len(titles) == 6       # allowed explicitly: all read, the linked folder too
    assert "外部条例" in titles and sum(t.startswith("root:x") for t in titles) == 3


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "坏\n名.md").write_bytes(b"")
    code, titles, err = _export_all(src)
    assert code == 1
    assert [x for x in err.splitlines() if "文件为空" in x] == [f"错误 {src}/坏\\n名.md: 文件为空（empty file）"]


def _pairwise_orphans(doc):
    """The orphan check as it was (every paragraph against every fragment with difflib): the
    oracle for the indexed one.  Returns {(line, owner label, exact)}."""
    from difflib import SequenceMatcher
    frags = [f for f in dict.fromkeys(doc.continuations) if len(f) >= 10]
    owners = {}
    for f in frags:
        owners[f] = next((a for a in doc.articles for p in a.paragraphs
                          if p.text != f and p.text.endswith(f)), None)
    frags = [f for f in frags if owners[f] is not None]
    found = set()
    for art in doc.articles:
        for p in art.paragraphs:
            if p.kind != "para":
                continue
            hit = next(((f, True) for f in frags if p.text == f), None) or next(
                ((f, False) for f in frags if len(p.text) >= 10 and
                 SequenceMatcher(None, p.text, f, autojunk=False).ratio() >= 0.85), None)
            if hit and owners[hit[0]] is not art:
                found.add((p.line, owners[hit[0]].label, hit[1]))
    return found


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project (the text is made from it)")
def test_the_indexed_orphan_check_finds_what_pairwise_comparison_finds():
    import random
    import re as _re
    from importlib import import_module

    from build_tools import readers, structure
    from build_tools.sourcefile import SourceText
    from build_tools.transforms import ORDER, Context
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import midsentence_bench
    lines = midsentence_bench.make(0.05).split("\n")
    rng = random.Random(16)
    pieces = [i for i, x in enumerate(lines) if len(x) >= 12 and not x.startswith(("第", "#"))]
    for copy in [lines[i] for i in rng.sample(pieces, 80)]:       # stray copies, some altered
        if rng.random() < 0.5:
            k = rng.randrange(len(copy))
            copy = copy[:k] + rng.choice("甲乙丙丁") + copy[k + 1:]
        at = rng.randrange(len(lines))
        while not _re.match(r"^第.+条 ", lines[at]):
            at = (at + 1) % len(lines)
        lines[at:at] = ["", copy, ""]            # at the end of the article before
    text = "\n".join(lines)

    def prepared():
        doc, blocks = readers.read(SourceText("断行.md", text, "utf-8", []))
        structure.build(doc, blocks)
        for name in ORDER[:ORDER.index("orphans")]:
            import_module(f"build_tools.transforms.{name}").run(doc, Context(None))
        return doc
    expected = _pairwise_orphans(prepared())
    doc = prepared()
    import_module("build_tools.transforms.orphans").run(doc, Context(None))
    dropped = {p.line for p in doc.problems if p.code == "orphan_fragment"}
    inexact = {p.line for p in doc.problems if p.code == "copy_conflict"}
    assert len(expected) >= 15 and any(not exact for _, _, exact in expected)
    assert dropped == {line for line, _, _ in expected}
    assert inexact == {line for line, _, exact in expected if not exact}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, encoding):
    from build_tools import pipeline
    path = tmp_path / "law.md"
    path.write_bytes(("# 一个测试条例\n\n" + LAW.split("\n", 2)[2]).encode(encoding))
    doc = pipeline.load(path)
    assert doc.title == "一个测试条例" and [a.anchor for a in doc.articles] == ["art_1", "art_2"]
    assert any("UTF-16" in p.message and p.code == "encoding_normalized" for p in doc.problems)


@pytest.mark.parametrize("data,line", [
    (LAW.encode() + b"\x00 trailing", 6),
    ("第一行\n第二行\n第三行\x00\n".encode(), 3),
    (b"\xfd\n\n\x00\x01", 3),
])
def test_a_nul_byte_is_named_with_its_line(tmp_path, data, line):
    from build_tools import pipeline, sourcefile
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(sourcefile.SourceError) as exc:
        pipeline.load(path)
    assert str(exc.value).startswith(f"{path}:{line}: ")
    assert "NUL" in str(exc.value) or "二进制" in str(exc.value)


@pytest.mark.parametrize("data,needle,line", [
    (codecs.BOM_UTF8 + "第一行\n第二行".encode() + b"\xff\n", "UTF-8", 2),
    (codecs.BOM_UTF16_LE + "第一行\n".encode("utf-16-le") + b"\x00\xd8\x41\x00", "UTF-16", 2),
])
def test_a_bom_with_invalid_text_is_an_error_with_its_line(tmp_path, data, needle, line):
    from build_tools import pipeline, sourcefile
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(sourcefile.SourceError) as exc:
        pipeline.load(path)
    assert str(exc.value).startswith(f"{path}:{line}: ") and needle in str(exc.value)


def test_bidi_and_zero_width_characters_are_recorded_and_removed():
    doc = doc_from_text("# 贵阳市\u202e例条进促\u202c管理办法\n\n"
                        "第一条 本办法所称\u200b数据\u200b，是指任何以电子方式对信息的记录。\n\n"
                        "\u200b\n\n第二条 本办法自发布之日起施行。\n", "办法.md")
    assert doc.title == "贵阳市例条进促管理办法"       # what the slug says is what is displayed
    assert doc.slug == "guiyangshi-litiao-jincu-guanli-banfa"
    assert [a.paragraphs[0].text for a in doc.articles] == [
        "本办法所称数据，是指任何以电子方式对信息的记录。", "本办法自发布之日起施行。"]
    assert [p.text for a in doc.articles for p in a.paragraphs if not p.text.strip("\u200b")] == []
    records = [p for p in doc.problems if p.code == "invisible_removed"]
    assert [(p.severity, p.line) for p in records] == [("warning", 1)]
    assert "第1、3、5行" in records[0].message and "U+202E" in records[0].message
    assert [d.term for d in doc.definitions] == ["数据"]        # not a term of its own with \u200b


def test_bundle_txt_names_sources_by_their_path_in_the_source_folder(tmp_path):
    import datetime as dt

    from build_tools.bundle.provenance import doc_infos, info_text
    from build_tools.loading import load_sources
    from build_tools.transforms import Context
    for folder, title in (("北京", "甲条例"), ("上海", "乙条例")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "条例.md").write_text(LAW.replace("测试条例", title), encoding="utf-8")
    (tmp_path / "坏\n名.md").write_text(LAW.replace("测试条例", "丙条例"), encoding="utf-8")
    docs, _ = load_sources(tmp_path, Context(TODAY))
    infos = doc_infos(docs, tmp_path)
    assert sorted(i.source for i in infos) == ["上海/条例.md", "北京/条例.md", "坏\\n名.md"]
    text = info_text("站", "https://x.example/", dt.datetime(2026, 12, 2, 1, 0), TODAY.isoformat(), infos, {})
    assert "来源文件: 北京/条例.md" in text and "来源文件: 坏\\n名.md" in text
