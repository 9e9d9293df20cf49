import pytest

from build_tools import numerals


@pytest.mark.parametrize("text,number", [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百", 100), ("一百一十", 110),
    ("一百零五", 105), ("九百八十九", 989), ("一千", 1000), ("一千零二", 1002),
    ("一千二百六十", 1260), ("一千二百五十九", 1259), ("两百", 200), ("一〇二", None),
])
def test_chinese_to_int_and_back(text, number):
    if number is None:
        with pytest.raises(ValueError):
            numerals.to_int(text)
        return
    assert numerals.to_int(text) == number
    if "两" not in text:
        assert numerals.to_chinese(number) == text


def test_round_trip_up_to_two_thousand():
    for n in range(1, 2001):
        assert numerals.to_int(numerals.to_chinese(n)) == n


def test_article_labels_with_zhi_yi():
    assert numerals.article_label(12, 1) == "第十二条之一"
    assert numerals.parse_article_label("第十二条之一") == (12, 1)
    assert numerals.parse_article_label("第一千零一条") == (1001, 0)
    assert numerals.article_label(1002) == "第一千零二条"
    with pytest.raises(ValueError):
        numerals.parse_article_label("第十二款")
