"""The one reader of 题注 (build_tools/history.py) and the dates the metadata derives from it.

The 题注 below are copied from corpus files (named in each test); what they say was read by hand."""
from build_tools import history
from build_tools.model import Document, Paragraph
from build_tools.transforms import metadata


def _doc(*lines):
    doc = Document(source="测试.md", lines=list(lines), title="测试条例")
    doc.history = [Paragraph(t, i + 2, kind="note") for i, t in enumerate(lines)]
    return doc


def _dates(doc):
    metadata._history_dates(doc)
    return doc.dates


def test_an_amendment_approved_by_the_province_is_dated_by_the_approval():
    # 济南市发展散装水泥管理规定(2010-11-25).md: the city adopted the amending decision on
    # 2010-10-27, the province approved it on 2010-11-25 (the version's date, in the file name)
    doc = _doc("1998年11月19日 济南市第十二届人民代表大会常务委员会第五次会议通过",
               "1999年8月22日 山东省第九届人民代表大会常务委员会第十次会议批准",
               "2010年10月27日 济南市第十四届人民代表大会常务委员会第二十四次会议通过并经2010年11月25日"
               "山东省第十一届人民代表大会常务委员会第二十次会议批准的《济南市人民代表大会常务委员会关于修改"
               "〈济南市城镇企业职工基本养老保险条例〉等二十三件地方性法规的决定》修正")
    events = history.events(doc)
    assert [(e.date, e.label) for e in events] == [
        ("1998-11-19", "通过"), ("1999-08-22", "批准"), ("2010-10-27", "通过"), ("2010-11-25", "修正")]
    assert events[3].instrument.startswith("济南市人民代表大会常务委员会关于修改〈济南市城镇企业职工")
    assert _dates(doc) == {"passed": "1998-11-19", "approved": "1999-08-22", "amended": "2010-11-25"}


def test_an_amendment_named_by_its_decision_alone_is_an_amendment():
    # 山东省人民代表大会代表建议、批评和意见办理工作条例(2017-05-19).md: …《关于修改…的决定》, the
    # line broken before 第二次修正
    doc = _doc("2001年12月7日 山东省第九届人民代表大会常务委员会第二十四次会议通过",
               "2017年5月19日 山东省第十二届人民代表大会常务委员会第三十次会议《关于修改〈山东省人民代表大会代表建议",
               "批评和意见办理工作条例〉的决定》第二次修正")
    assert [(e.date, e.kind) for e in history.events(doc)] == [("2001-12-07", "通过"), ("2017-05-19", "修正")]
    assert _dates(doc) == {"passed": "2001-12-07", "amended": "2017-05-19"}


def test_published_and_in_force_the_same_day():
    # 关于工资总额组成的规定(1990-01-01).md
    doc = _doc("1989年9月30日 国务院批准", "1990年1月1日 国家统计局令第1号发布  自发布之日施行")
    assert [(e.date, e.kind) for e in history.events(doc)] == [
        ("1989-09-30", "批准"), ("1990-01-01", "公布"), ("1990-01-01", "施行")]
    assert _dates(doc) == {"approved": "1989-09-30", "published": "1990-01-01", "effective": "1990-01-01"}


def test_a_joint_adoption_is_one_adoption_and_a_later_one_an_amendment():
    # two courts adopt one interpretation on two dates: both dates are the adoption
    doc = _doc("（2024年1月17日最高人民法院审判委员会第1912次会议、2024年1月3日最高人民检察院第十四届检察委员会"
               "第二十次会议通过，自2024年3月1日起施行）")
    events = history.events(doc)
    assert [(e.date, e.kind, e.joint) for e in events] == [
        ("2024-01-17", "通过", True), ("2024-01-03", "通过", True), ("2024-03-01", "施行", False)]
    assert _dates(doc) == {"passed": "2024-01-17", "effective": "2024-03-01"}
    # a second adoption on its own is a revision adopted again: the later date is the amendment
    doc = _doc("1994年6月1日 某市第十届人民代表大会常务委员会第十一次会议通过",
               "2000年5月31日 某市第十一届人民代表大会常务委员会第十六次会议通过")
    assert _dates(doc) == {"passed": "1994-06-01", "amended": "2000-05-31"}
