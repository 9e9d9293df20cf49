"""Bad and hostile input: clear messages naming file and line, the rest still published."""
import codecs
import json
import subprocess
import sys

import pytest

from build_tools import audit, pipeline, sourcefile
from build_tools.sourcefile import SourceText
from conftest import ROOT

LAW = "# 测试条例\n\n第一条 为了测试，制定本条例。\n\n第二条 本条例自2025年1月1日起施行。\n"


def load_bytes(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return pipeline.load(path)


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b""), ("gb18030", b""), ("gbk", b""),
])
def test_encodings_are_detected(tmp_path, encoding, prefix):
    doc = load_bytes(tmp_path, "law.md", prefix + LAW.encode(encoding))
    assert doc.title == "测试条例"
    assert [a.anchor for a in doc.articles] == ["art_1", "art_2"]
    assert doc.articles[0].paragraphs[0].text == "为了测试，制定本条例。"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path, newline):
    doc = load_bytes(tmp_path, "law.md", LAW.replace("\n", newline).encode("utf-8"))
    assert len(doc.articles) == 2 and doc.articles[1].line == 5
    assert any(p.code == "encoding_normalized" for p in doc.problems)


@pytest.mark.parametrize("data,needle", [
    (b"", "文件为空"), (b"   \n\n", "文件为空"), (b"\x00\x01\x02\xff\xfe\x00binary" * 50, "二进制"),
    (bytes(range(128, 256)) * 20, "编码"),
])
def test_unreadable_files_get_one_line_naming_the_file(tmp_path, data, needle):
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(sourcefile.SourceError) as exc:
        pipeline.load(path)
    msg = str(exc.value)
    assert str(path) in msg and needle in msg and "\n" not in msg


def test_export_all_goes_on_after_a_bad_file(tmp_path):
    (tmp_path / "a.md").write_bytes(LAW.encode())
    (tmp_path / "b.md").write_bytes(b"")
    (tmp_path / "c.md").write_bytes(LAW.replace("测试条例", "另一条例").encode())
    proc = subprocess.run([sys.executable, "-m", "build_tools", "export", "--all", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert [json.loads(x)["title"] for x in proc.stdout.splitlines()] == ["测试条例", "另一条例"]
    assert f"{tmp_path / 'b.md'}: 文件为空" in proc.stderr
    assert "Traceback" not in proc.stderr


def text_doc(text, name="t.md"):
    return pipeline.load_text(SourceText(name, text, "utf-8", []))


def codes(doc):
    return {p.code for p in doc.problems}


def test_structure_faults_are_reported_with_lines():
    src = ("# 测试条例\n\n第一条 甲。\n\n## 第一章 总则\n\n第二条 乙。\n\n第四条 丁。\n\n第三条 丙。\n\n"
           "第三条 丙的另一说法。\n\n## 第三章 附则\n\n第五条 戊。\n")
    doc = text_doc(src)
    got = {p.code: p for p in doc.problems}
    assert "article_outside_division" in got and got["article_outside_division"].line == 3
    assert "article_order" in got
    assert "copy_conflict" in got
    assert "division_gap" in got
    assert [a.anchor for a in doc.articles] == ["art_1", "art_2", "art_3", "art_4", "art_5"]
    assert audit.unaccounted(doc) == []


def test_text_without_articles_is_one_page_with_a_warning():
    doc = text_doc("# 通知\n\n各有关单位：\n\n请认真贯彻执行。\n")
    assert doc.style == "plain" and "no_articles" in codes(doc)
    from build_tools.writers import markdown as md
    assert [p.name for p in md.plan(doc)] == ["text"]


def test_front_matter_errors_name_the_key():
    doc = text_doc("---\ntitle: [1, 2\n---\n\n**第一条**　甲。\n")
    bad = [p for p in doc.problems if p.code == "front_matter_invalid"]
    assert bad and bad[0].severity == "error" and bad[0].line == 2
    doc = text_doc("---\ntitle: 标题\neffective_date: 明年\nauthor: 3\n---\n\n- **第一条**　甲。\n")
    msgs = {p.message for p in doc.problems if p.code == "front_matter_type"}
    assert any("effective_date" in m for m in msgs) and any("author" in m for m in msgs)
    lines = {p.line for p in doc.problems if p.code == "front_matter_type"}
    assert lines == {3, 4}


HOSTILE = ("# 恶意<img src=x onerror=alert(3)>条例\n\n第一条 <script>alert(1)</script>不得执行。\n\n"
           "第二条 <img src=x onerror=alert(2)>也不得执行；{{ config.site_name }} {% raw %} **粗体** [链接](http://evil.example)。\n")


def test_hostile_text_is_kept_verbatim_in_the_model():
    doc = text_doc(HOSTILE)
    assert doc.articles[0].paragraphs[0].text == "<script>alert(1)</script>不得执行。"
    assert "<img src=x onerror=alert(2)>" in doc.articles[1].paragraphs[0].text
    assert audit.unaccounted(doc) == []


def test_hostile_text_renders_as_text_in_chromium(tmp_path):
    from browser import browser, serve
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil.md").write_text(HOSTILE, encoding="utf-8")
    # a title that would close an attribute: printed by the footer of the neighbouring document
    (src / "quote.md").write_text('# 引号" onmouseover="alert(4)" x="条例\n\n第一条　正文。\n', encoding="utf-8")
    rc = subprocess.run([sys.executable, "-m", "build_tools", "build", str(src), "--docs-dir",
                         str(tmp_path / "docs"), "--site-dir", str(tmp_path / "site")],
                        cwd=ROOT, capture_output=True, text=True)
    assert rc.returncode == 0, rc.stderr
    slug = next(p.name for p in (tmp_path / "site").iterdir() if p.is_dir() and p.name.startswith("e"))
    with serve(tmp_path / "site") as base, browser() as b:
        page = b.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/{slug}/text.html")
        page.wait_for_timeout(300)
        assert dialogs == []
        text = page.inner_text("#art_1__para_1")
        assert text == "<script>alert(1)</script>不得执行。"
        text2 = page.inner_text("#art_2__para_1")
        assert "<img src=x onerror=alert(2)>" in text2 and "{{ config.site_name }}" in text2
        # in a Markdown source ** and [](…) are the format's markup: the words stay, the link
        # target is kept as text, nothing becomes a live link
        assert "粗体" in text2 and "链接http://evil.example" in text2
        assert page.evaluate("document.querySelectorAll('#art_2__para_1 a').length") == 0
        assert page.evaluate("document.querySelectorAll('.md-content script, .md-content img').length") == 0
        # the title is printed by the theme (header, navigation, window title): as text too
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        title = "恶意<img src=x onerror=alert(3)>条例"
        assert title in page.title()
        assert title in page.inner_text(".md-sidebar--primary")
        for html_file in sorted((tmp_path / "site").rglob("*.html")):
            page.goto(f"{base}/{html_file.relative_to(tmp_path / 'site').as_posix()}")
            assert page.evaluate("document.querySelectorAll('[onmouseover], [onerror]').length") == 0, html_file
        assert dialogs == []
    for html_file in (tmp_path / "site").rglob("*.html"):
        assert "<img src=x" not in html_file.read_text(encoding="utf-8"), html_file


def test_strict_build_fails_on_warnings(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build", str(ROOT / "seeds"), "--strict",
                           "--docs-dir", str(tmp_path / "docs"), "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "article_gap" in proc.stderr and "--strict" in proc.stderr
    assert not (tmp_path / "site").exists()


def test_markdown_syntax_in_plain_text_is_literal(tmp_path):
    text = "测试办法\n\n第一条 **不是粗体** [不是链接](http://x) # 不是标题 <b>不是</b>。\n"
    doc = text_doc(text, "plain.txt")
    assert doc.format == "plain-text"
    para = doc.articles[0].paragraphs[0]
    assert para.text == "**不是粗体** [不是链接](http://x) # 不是标题 <b>不是</b>。"
    import markdown as pymd
    from build_tools.writers import markdown as md
    html = pymd.markdown(md.paragraph_md(para, doc.slug, None), extensions=["attr_list"])
    assert "<strong>" not in html and "<a " not in html and "<b>" not in html


def test_a_20_mb_file_is_read(tmp_path):
    from build_tools import numerals
    para = "为了保护民事主体的合法权益，调整民事关系，维护社会和经济秩序，根据宪法，制定本法。"
    chunks, size, n = ["# 大文件测试条例\n\n"], 0, 1
    while size < 20 * 1024 * 1024:
        s = f"第{numerals.to_chinese(n % 3000 + 1)}条 {para}{n}\n\n"
        chunks.append(s)
        size += len(s.encode())
        n += 1
    path = tmp_path / "big.md"
    path.write_text("".join(chunks), encoding="utf-8")
    doc = pipeline.load(path)
    assert doc.title == "大文件测试条例"
    assert len(doc.articles) >= 3000
    assert any(p.code in ("copy_conflict", "numbering_restarted", "duplicate_article") for p in doc.problems)


def test_a_failed_mkdocs_build_leaves_the_old_site(tmp_path):
    from build_tools import commands
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("旧网站", encoding="utf-8")
    bad = tmp_path / "mkdocs.yml"
    bad.write_text("site_name: x\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        commands.mkdocs_build(bad, site, docs_dir=ROOT / "docs")
    assert (site / "index.html").read_text(encoding="utf-8") == "旧网站"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_build_prints_warnings_but_exits_zero(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "build_tools", "build", str(ROOT / "seeds"),
                           "--docs-dir", str(tmp_path / "docs"), "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "警告 " in proc.stderr and "002_dad1dd036308a8dd.txt:35 article_gap" in proc.stderr
    assert (tmp_path / "site" / "index.html").exists()
