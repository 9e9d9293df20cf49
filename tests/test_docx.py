"""Word export (build --docx / bundle --docx): every article, paragraph and item of the
document in order, the gaps said, the same bytes on every build; linked and bundled."""
import io
import zipfile

from conftest import ROOT, TODAY


def _read(data: bytes):
    from docx import Document as Word
    return Word(io.BytesIO(data))


def test_word_file_holds_the_whole_text_in_order(seed_docs):
    from build_tools.writers import markdown as md
    from build_tools.writers.docx import document_docx
    for key in ("000", "002", "004"):
        doc = seed_docs[key]
        data = document_docx(doc, md.plan(doc))
        assert data == document_docx(doc, md.plan(doc))           # no dates, no zip times
        word = _read(data)
        paras = [(p.style.name, p.text) for p in word.paragraphs]
        headings = [t for s, t in paras if s == "Heading 3"]
        assert headings == [f"{a.label}{a.title}" if a.title else a.label for a in doc.articles
                            if a in [x for page in md.plan(doc) for x in page.articles]]
        texts = [t for _, t in paras]
        pos = 0
        for a in doc.articles:
            for p in a.paragraphs:
                pos = texts.index(p.text, pos) + 1                  # every paragraph, in order
        assert paras[0] == ("Title", doc.title)
        cells = {r.cells[0].text: r.cells[1].text for r in word.tables[0].rows}
        assert cells["状态"] == doc.status and cells["条文数"] == str(len(doc.articles))
        assert word.core_properties.title == doc.title
    gaps = [t for _, t in ((p.style.name, p.text) for p in _read(document_docx(seed_docs["002"], md.plan(seed_docs["002"]))).paragraphs)
            if "原文缺失" in t]
    assert gaps == ["第五条至第七条 原文缺失，本站未补写（见文末“来源说明”）",
                    "第三十五条至第三十七条 原文缺失，本站未补写（见文末“来源说明”）"]


def test_build_with_docx_links_it_and_the_bundle_ships_it(tmp_path, monkeypatch):
    from build_tools import bundle as bundler
    from build_tools import commands
    from build_tools.transforms import Context
    monkeypatch.setenv("REGSITE_DOCX", "1")
    docs = tmp_path / "docs"
    commands.generate(ROOT / "seeds", docs, Context(TODAY))
    slug = "guiyangshi-suanli-chanye-cujin-tiaoli"
    assert (docs / slug / f"{slug}.docx").is_file()
    assert f"[下载 Word 文档（.docx）]({slug}.docx)" in (docs / slug / "index.md").read_text(encoding="utf-8")
    res = bundler.build(ROOT / "seeds", tmp_path / "dist", Context(TODAY), from_docs=docs)
    with zipfile.ZipFile(res.zip_path) as z:
        names = z.namelist()
    assert any(n.endswith(f"/{slug}/{slug}.docx") for n in names), names[:20]
    monkeypatch.delenv("REGSITE_DOCX")
    plain = tmp_path / "plain"
    commands.generate(ROOT / "seeds", plain, Context(TODAY))
    assert not list(plain.rglob("*.docx"))
    assert "docx" not in (plain / slug / "index.md").read_text(encoding="utf-8")
