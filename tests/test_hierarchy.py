"""The one reader of 条款项 references (build_tools/hierarchy.py) and its mirror in the site's
scripts (overrides/assets/reghierarchy.js): numerals and citations read alike on both sides.

The JavaScript runs in Node when it is installed, else in Chromium (tests/browser.py)."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools import hierarchy, numerals

ASSET = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "reghierarchy.js"
REFERENCE = re.compile(hierarchy.REFERENCE)


def run_js(expression: str):
    """The JSON value of `expression` evaluated after reghierarchy.js has loaded."""
    code = ASSET.read_text(encoding="utf-8")
    node = shutil.which("node")
    if node:
        script = ("var window = {};\n" + code +
                  f"\nprocess.stdout.write(JSON.stringify((function () {{ return {expression}; }})()));")
        out = subprocess.run([node, "-"], input=script, capture_output=True, text=True, check=True)
        return json.loads(out.stdout)
    from browser import browser
    with browser() as b:
        page = b.new_page()
        page.set_content("<!doctype html><meta charset='utf-8'>")
        page.add_script_tag(content=code)
        try:
            return page.evaluate(f"() => {expression}")
        finally:
            page.close()


def test_js_numerals_agree_with_numerals_py_on_1_to_10000():
    got = run_js("(function () { var H = window.regHierarchy, out = [];"
                 " for (var n = 1; n <= 10000; n++) out.push(H.toChinese(n)); return out; })()")
    want = [numerals.to_chinese(n) for n in range(1, 10001)]
    assert got == want
    back = run_js(f"{json.dumps(want, ensure_ascii=False)}.map(window.regHierarchy.toInt)")
    assert back == list(range(1, 10001))
    # the variant digits of legal texts and Arabic digits read as numerals.py reads them
    forms = ["两千零二", "两百", "12", "一千零二", "十", "一万"]
    assert run_js(f"{json.dumps(forms, ensure_ascii=False)}.map(window.regHierarchy.toInt)") == \
        [numerals.to_int(f) for f in forms]


CITATIONS = ["第十二条", "第十二条之一", "第十五条第二款", "第十五条第二款第（一）项", "第二十条第一款第十一项",
             "第一千零七十九条第三款第(五)项", "第133条之一", "第31条第2款第3项第1目", "第三百零七条之一第三款",
             "第一千二百六十条"]


def _python_citation(text):
    m = REFERENCE.fullmatch(text)
    n = hierarchy.numbers(m.groupdict())
    return {"number": n.art, "suffix": n.suf, "para": n.para or 0, "item": n.item or 0,
            "sub": n.sub or 0}


@pytest.mark.parametrize("title", ["", "《中华人民共和国民法典》", "算力条例 "])
def test_js_citation_reads_what_the_python_reader_reads(title):
    queries = [title + c for c in CITATIONS]
    got = run_js(f"{json.dumps(queries, ensure_ascii=False)}.map(window.regHierarchy.citation)")
    for c, g in zip(CITATIONS, got):
        assert g.pop("title") == title.strip().strip("《》")
        assert g == _python_citation(c), c


def test_js_citation_is_null_for_what_is_no_citation():
    queries = ["公共数据", "第十二章", "第十二条第", "本条第二款"]
    assert run_js(f"{json.dumps(queries, ensure_ascii=False)}.map(window.regHierarchy.citation)") == \
        [None] * 4


def test_reference_reader():
    m = REFERENCE.match("第二编第一章第三节第十五条之一第二款第（一）、（三）项第2目")
    n = hierarchy.numbers(m.groupdict())
    assert (n.book, n.chap, n.sec, n.art, n.suf, n.para, n.item, n.sub) == (2, 1, 3, 15, 1, 2, 1, 2)
    assert hierarchy.items_label(n.items) == "第（一）、（三）项"
    assert hierarchy.items_label("（一）") is None
    unreadable = hierarchy.numbers(REFERENCE.match("第十十条").groupdict())
    assert unreadable.art is None and unreadable.suf == 0
    assert list(hierarchy.article_keys("第十二条和第十二条之一、第十十条")) == [(12, 0), (12, 1)]
    assert hierarchy.range_count("前两款") == 2 and hierarchy.range_count("前条") == 1
    assert hierarchy.label("第十五条", [2, 3], 1) == "第十五条第二款、第三款第（一）项"


def test_grammar_reads_its_labels_from_the_table():
    from build_tools import structure
    for word, kind in hierarchy.DIVISIONS.items():
        m = structure.DIVISION_RE.match(f"第三{word} 总则")
        assert m and structure.DIVISIONS[m.group(2)] == kind
    assert structure.DIVISION_RE.match("第三章条") is None
    assert structure.ARTICLE_RE.match("第十二条之一 内容").groups() == ("十二", "一", "内容")


def test_the_writers_name_numbered_elements_with_the_table_and_the_reader_reads_them_back():
    """The labels the writers print (citation labels, spans of missing articles) come from
    hierarchy.py and are read back to their numbers by the one reference reader."""
    for number in (1, 10, 12, 101, 1002):
        for suffix in (0, 1, 3):
            name = hierarchy.article_name(number, suffix)
            n = hierarchy.numbers(REFERENCE.fullmatch(name).groupdict())
            assert (n.art, n.suf) == (number, suffix), name
    assert hierarchy.article_name(133, 1, arabic=True) == "第133条之一"
    assert hierarchy.measure_name(4) == "第4项措施"
    assert hierarchy.measure_cite(2, "（七）") == "第二部分第（七）条"
    assert hierarchy.measure_cite(2, 7, arabic=True) == "第2部分第7条"
    assert hierarchy.missing_span("statute", 35, 37) == "第三十五条至第三十七条"
    assert hierarchy.missing_span("measures", 4, 4) == "第4项措施"
    assert numerals.article_label(12, 1) == hierarchy.article_name(12, 1)


def test_the_seed_gap_is_named_alike_in_the_markdown_and_the_word_file():
    """Seed 002 lacks 第三十五条 to 第三十七条: the chapter page, the contents, the Word file and
    the problem record name the span the same way."""
    from build_tools import pipeline
    from build_tools.writers import docx, markdown as md
    from conftest import ROOT
    doc = pipeline.load(next((ROOT / "seeds").glob("002_*.txt")))
    a = next(a for a in doc.articles if md.gap_before(doc, a) == (35, 37))
    span = "第三十五条至第三十七条"
    assert md.gap_md(doc, a)[0].startswith(f"{span} 原文缺失")
    assert any(p.message.startswith(f"{span}在原文中缺失") for p in doc.problems if p.code == "article_gap")
    import io
    import zipfile
    body = zipfile.ZipFile(io.BytesIO(docx.document_docx(doc, md.plan(doc)))).read("word/document.xml").decode("utf-8")
    assert f"{span} 原文缺失" in body
