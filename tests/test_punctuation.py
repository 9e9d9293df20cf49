"""Punctuation repair applies to Chinese text only (issue 12)."""
import pytest

from build_tools.transforms.punctuation import normalize


@pytest.mark.parametrize("text", [
    "Article 1 This Law is formulated for the purposes of regulating data processing activities, "
    "ensuring data security, and promoting the development and utilization of data.",
    "For the purposes of this Law, “data” means any record of information in electronic or other forms; "
    "“data processing” includes collection, storage, use (e.g. analysis), and so on.",
    "Ca(OH)2, NaCl, H2SO4",                                  # chemical formulas
    "Escherichia coli (Migula, 1895) Castellani & Chalmers, 1919",
    "大肠埃希菌 Escherichia coli (Migula, 1895) Castellani and Chalmers, 1919; Salmonella enterica (ex Kauffmann)",
])
def test_text_that_is_not_chinese_keeps_its_half_width_marks(text):
    assert normalize(text) == (text, 0)


@pytest.mark.parametrize("text,expected", [
    ("(一)保障措施,加强管理。", "（一）保障措施，加强管理。"),
    ("本条例所称“数据”,是指任何以电子方式对信息的记录。", "本条例所称“数据”，是指任何以电子方式对信息的记录。"),
    ("依照《中华人民共和国公司法》(以下简称《公司法》),制定本条例。", "依照《中华人民共和国公司法》（以下简称《公司法》），制定本条例。"),
    ("按照BOT(build-operate-transfer 建设-经营-移交)方式", "按照BOT（build-operate-transfer 建设-经营-移交）方式"),
])
def test_chinese_text_is_still_repaired(text, expected):
    assert normalize(text)[0] == expected


def test_english_quotes_next_to_a_comma_are_not_chinese():
    text = "数据 (data): the term “data”, as used in this Law, means records."
    assert normalize(text) == (text, 0)
