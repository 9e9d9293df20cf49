"""Statements about a whole law (expiry, status, front matter): true, or not made (issue 12)."""
import datetime

import pytest

from conftest import CORPUS, SEED, TODAY, doc_from_text
from build_tools import pipeline
from build_tools.transforms import Context


def codes(doc):
    return [p.code for p in doc.problems]


def law(closing, name="测试条例.txt"):
    return doc_from_text(f"测试条例\n\n第一条 为了测试，制定本条例。\n\n{closing}\n", name)


# --- expiry: only the instrument's own lifetime -----------------------------------------

@pytest.mark.parametrize("closing,expires", [
    ("第二条 本条例自2020年1月1日起施行，有效期3年。", "2022-12-31"),
    ("第二条 本办法自2020年3月1日起施行。有效期五年。", "2025-02-28"),
    ("第二条 本规定自2020年1月1日起施行，有效期至2021年6月30日。", "2021-06-30"),
    ("第二条 本暂行规定有效期为两年。本暂行规定自2020年1月1日起施行。", "2021-12-31"),
    ("第二条 本《规范》自2020年1月1日起实施，有效期为5年。", "2024-12-31"),
])
def test_own_lifetime_sets_expiry_and_says_from_which_sentence(closing, expires):
    doc = law(closing)
    assert doc.dates.get("expires") == expires
    if expires:
        assert doc.status == "已失效"
        notes = [p for p in doc.problems if p.code == "expiry_from_text"]
        assert len(notes) == 1 and notes[0].line == 5
        assert expires in notes[0].message and "有效期" in notes[0].message


@pytest.mark.parametrize("sentence", [
    "第二条 许可证有效期为五年，期满需要延续的，应当申请。",                  # a licence
    "第二条 机动车驾驶证的有效期为6年，本条例另有规定的除外。",
    "第二条 本条例施行前取得的许可证，有效期届满前继续有效。",
    "第二条 本法施行前签发的护照在有效期内继续有效。",
    "第二条 本市居住证有效期为三年。",
    "第二条 本条例自2020年1月1日起施行。许可证有效期3年。",
])
def test_lifetime_of_something_else_is_not_the_instruments(sentence):
    doc = law(sentence)
    assert "expires" not in doc.dates and doc.status == "现行有效"
    assert not {"expiry_from_text", "expiry_unknown"} & set(codes(doc))


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")
@pytest.mark.parametrize("path", [
    "DLC/上海地方法规/地方性法规/上海/上海市食品安全条例(2017-01-20).md",    # 许可证有效期为五年
    "DLC/北京地方法规/地方性法规/北京/北京市司法鉴定管理条例(2020-09-25).md",
    "DLC/山东地方法规/地方性法规/山东/山东省供热条例(2021-12-03).md",
    "宪法相关法/居民身份证法(2011-10-29).md",                                  # 居民身份证的有效期为十年…
    "行政法规/奥林匹克标志保护条例(2018-06-28).md",
])
def test_corpus_laws_called_expired_before_are_in_force(path):
    doc = pipeline.load(CORPUS / path, Context(TODAY))
    assert "expires" not in doc.dates, doc.dates
    assert doc.status == "现行有效"


def test_seed_004_expiry_is_recorded_with_its_sentence():
    doc = pipeline.load(SEED["004"], Context(TODAY))
    assert doc.dates["expires"] == "2027-01-24"
    note = next(p for p in doc.problems if p.code == "expiry_from_text")
    assert "本措施自2024年1月25日起施行，有效期3年。" in note.message
    from build_tools.writers import markdown as md
    assert "本措施自2024年1月25日起施行，有效期3年。" in "\n".join(md.source_notes(doc))
    assert pipeline.load(SEED["004"], Context(datetime.date(2027, 1, 25))).status == "已失效"


# --- front matter: an empty optional field is not an error ------------------------------

FRONT = "---\ntitle: 测试条例\n{fields}\n---\n\n- **第一条**　甲。\n"


@pytest.mark.parametrize("field", ["date: ''", "publication_date: ''", "effective_date:", "expiry_date: ''",
                                   "author: ''", "status: ''", "author:", "date: []"])
def test_empty_optional_front_matter_field_is_no_problem(field):
    doc = doc_from_text(FRONT.format(fields=field), "测试.md")
    assert doc.problems == [] or all(p.severity == "info" for p in doc.problems), doc.problems
    assert doc.title == "测试条例" and doc.status == "现行有效"


def test_front_matter_severity_follows_what_the_reader_loses():
    doc = doc_from_text(FRONT.format(fields="date: 去年\nauthor: [甲, 乙]\neffective_date: 明年\nstatus: [有效]"), "测试.md")
    sev = {p.message.split("”")[0].split("“")[1]: p.severity for p in doc.problems if p.code == "front_matter_type"}
    # a lost date or issuer is only missing; a lost effective date or status may make the page's status false
    assert sev == {"date": "warning", "author": "warning", "effective_date": "error", "status": "error"}
    assert all("未被采用" in p.message for p in doc.problems if p.code == "front_matter_type")


def test_front_matter_fields_not_used_are_named_with_their_values():
    """Seed 001's id, LinkTitle, file and urls are not shown on the page: one record names them
    with their values, so nothing of the source is dropped silently."""
    doc = pipeline.load(SEED["001"], Context(TODAY))
    unused = [p for p in doc.problems if p.code == "front_matter_unused"]
    assert len(unused) == 1 and unused[0].severity == "info"
    text = SEED["001"].read_text(encoding="utf-8")
    for value in ("ff8081819aedd63e019b117001877c4e", "贵州省大数据发展应用促进条例（2025）",
                  "https://flk.npc.gov.cn/detail?id=ff8081819aedd63e019b117001877c4e"):
        assert value in text and value in unused[0].message
    # its `date` (2025-12-03) is the revision date the history note gives: shown, not named
    assert doc.dates["amended"] == "2025-12-03"


def test_front_matter_date_the_text_does_not_give_is_named():
    doc = doc_from_text(FRONT.format(fields="date: 2020-01-02"), "测试.md")
    assert "2020-01-02" not in doc.dates.values()
    assert any(p.code == "front_matter_unused" and "2020-01-02" in p.message for p in doc.problems)


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the project")
def test_a_jointly_adopted_interpretation_names_both_bodies_and_both_dates():
    """46 corpus interpretations were adopted by 最高人民法院 and 最高人民检察院 on two dates
    (…第1912次会议、2024年1月3日…第二十次会议通过): the first body's date was lost from the
    history and 17 issuers were garbled into one string with a date in it."""
    from build_tools import pipeline, versions
    from build_tools.transforms import Context
    path = next(CORPUS.rglob("*确定罪名的补充规定（八）*.md"))
    doc = pipeline.load(path, Context(TODAY))
    assert doc.issuer == "最高人民法院审判委员会、最高人民检察院检察委员会"
    assert doc.dates["passed"] == "2024-01-17" and "amended" not in doc.dates
    assert [(e.date, e.kind) for e in versions.events(doc)] == [("2024-01-17", "通过"), ("2024-01-03", "通过")]
