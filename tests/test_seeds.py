"""Exact structure of the five seeds, as the export view (the contract) shows it."""
import json
import subprocess
import sys

from conftest import ROOT

CN = "一二三四五六七八九十"


def anchors(j):
    return [a["anchor"] for a in j["articles"]]


def codes(j):
    return [p["code"] for p in j["problems"]]


def test_000_lawrefbook_headings(seed_json):
    j = seed_json["000"]
    assert j["title"] == "贵阳市算力产业促进条例"
    assert j["kind"] == "条例" and j["status"] == "现行有效"
    assert j["slug"] == "guiyangshi-suanli-chanye-cujin-tiaoli"
    assert [c["title"] for c in j["chapters"]] == ["总则", "规划与基础设施建设", "产业发展与应用",
                                                   "服务保障", "附则"]
    assert [c["anchor"] for c in j["chapters"]] == [f"chp_{i}" for i in range(1, 6)]
    assert anchors(j) == [f"art_{i}" for i in range(1, 33)]
    assert j["dates"] == {"passed": "2025-04-29", "approved": "2025-05-29", "effective": "2025-08-01"}
    assert j["issuer"] == "贵阳市人民代表大会常务委员会"
    chapter_of = {a["anchor"]: a["chapter"] for a in j["articles"]}
    assert chapter_of["art_6"] == "chp_1" and chapter_of["art_7"] == "chp_2"
    assert chapter_of["art_30"] == "chp_4" and chapter_of["art_31"] == "chp_5"
    art8 = j["articles"][7]
    assert art8["label"] == "第八条"
    assert art8["paragraphs"] == [
        "市人民政府应当统筹推进算力网络通道建设，支持、引导通信运营商完善本市超高速光纤宽带网络和移动通信网络，优化本市互联网骨干网、城域网和接入网，提升网络性能和服务能力。",
        "市人民政府推动下列高速直连网络建设：",
        "（一）数据中心集群内部；",
        "（二）数据中心集群至省内其他市（州）；",
        "（三）数据中心集群至粤港澳、成渝等算力枢纽节点和省外周边城市。"]
    art31 = j["articles"][30]
    assert art31["paragraphs"][0].startswith("本条例所称算力，是指集信息计算力")
    assert len(art31["paragraphs"]) == 2
    assert set(codes(j)) == {"heading_spacing"}


def test_000_item_anchors(seed_docs):
    art8 = seed_docs["000"].articles[7]
    assert [p.anchor for p in art8.paragraphs] == [
        "art_8__para_1", "art_8__para_2", "art_8__para_2__point_1", "art_8__para_2__point_2",
        "art_8__para_2__point_3"]


def test_001_front_matter_and_bullets(seed_json):
    j = seed_json["001"]
    assert j["format"] == "frontmatter-markdown"
    assert j["title"] == "贵州省大数据发展应用促进条例"
    assert j["issuer"] == "贵州省人民代表大会常务委员会"
    assert j["status"] == "现行有效"
    assert j["dates"] == {"passed": "2016-01-15", "amended": "2025-12-03",
                          "published": "2025-12-03", "effective": "2026-01-01"}
    assert len(j["chapters"]) == 9 and j["chapters"][8]["title"] == "附则"
    assert anchors(j) == [f"art_{i}" for i in range(1, 52)]
    art50 = j["articles"][49]
    assert art50["paragraphs"] == [
        "本条例下列用语的含义为：",
        "（一）公共数据，是指各级政务部门、具有公共管理和服务职能的组织及其技术支撑单位，在依法履行公共事务管理职责或者提供公共服务过程中收集、产生的数据；",
        "（二）企业数据，是指各类市场主体在生产经营活动中采集、产生的不涉及个人信息和公共利益的数据；",
        "（三）公共机构，是指全部或者部分使用财政性资金的国家机关、事业单位和团体组织。"]
    assert j["articles"][1]["paragraphs"][1].startswith("本条例所称大数据，是指")
    # the 目录 is recognised and not read as chapters
    assert "toc_omitted" in codes(j)


def test_002_repaired_draft(seed_json):
    j = seed_json["002"]
    assert j["title"] == "贵阳市数字经济促进条例（草案）"
    assert j["status"] == "征求意见已截止" and j["kind"] == "条例"     # deadline 2026-03-01
    assert j["dates"] == {"published": "2026-01-27", "comment_deadline": "2026-03-01"}
    present = list(range(1, 5)) + list(range(8, 35)) + list(range(38, 51))
    assert anchors(j) == [f"art_{i}" for i in present]
    assert [c["title"] for c in j["chapters"]] == ["总则", "数字基础设施", "数据价值化", "数字产业化",
                                                   "产业数字化", "数字化治理", "服务保障", "附则"]
    # the notice for comments is the preamble, not articles
    assert j["preamble"][0] == "贵阳市人大常委会关于"
    assert j["preamble"][2].startswith("贵阳市第十五届人大常委会第三十一次会议对《贵阳市数字经济促进条例（草案）》进行了初次审议，")
    assert "联系电话：0851-87987036" in j["preamble"]
    arts = {a["anchor"]: a for a in j["articles"]}
    # split paragraphs joined, orphan fragment not glued to 第四条 or 第四十九条
    assert arts["art_10"]["paragraphs"] == [
        "县级以上人民政府及其有关部门应当结合实际，推进人工智能、区块链、量子信息、北斗等新技术基础设施。支持建设底层技术平台、算法平台、开源社区等基础平台，建立通用技术能力和安全支撑体系。"]
    assert len(arts["art_4"]["paragraphs"]) == 1
    assert len(arts["art_49"]["paragraphs"]) == 1
    assert arts["art_22"]["paragraphs"] == [
        "数据主管部门应当推动软件和信息服务业发展，培育壮大云服务、数据要素流通、信创等产业，加大基础软件、工业软件、应用软件、嵌入式软件研发及产业化应用，做强国家信息技术服务产业集群。"]
    assert arts["art_42"]["paragraphs"][0].endswith("鼓励数据企业参与职业院校教育教学，共同开展学生培养、技术研发、产品创新、成果转化，共建实训基地。鼓励有条件的数据企业、研究机构参与数字经济相关学科专业建设。")
    # chapters: numbers increase; 第四章 starts at 第二十条; 第三章's start is unknown
    chapter_of = {a: arts[a]["chapter"] for a in arts}
    assert chapter_of["art_4"] == "chp_1" and chapter_of["art_8"] == "chp_2"
    assert all(chapter_of[f"art_{i}"] is None for i in range(9, 20))
    assert chapter_of["art_20"] == "chp_4" and chapter_of["art_29"] == "chp_5"
    assert chapter_of["art_38"] == "chp_6" and chapter_of["art_42"] == "chp_7"
    assert chapter_of["art_50"] == "chp_8"
    c = codes(j)
    gaps = [p for p in j["problems"] if p["code"] == "article_gap"]
    assert len(gaps) == 2
    assert "第五条至第七条" in gaps[0]["message"] and "第三十五条至第三十七条" in gaps[1]["message"]
    for code in ("heading_conflict", "chapter_start_unknown", "orphan_fragment", "copy_conflict",
                 "duplicate_copy", "paragraph_joined", "punctuation_normalized", "article_order",
                 "blank_date"):
        assert code in c, code
    orphans = [p for p in j["problems"] if p["code"] == "orphan_fragment"]
    assert sorted(p["line"] for p in orphans) == [35, 303]
    joined = sorted(p["line"] for p in j["problems"] if p["code"] == "paragraph_joined")
    assert 175 in joined and 67 in joined and 131 in joined
    # no text shows a half-width comma, semicolon or colon next to Chinese
    for a in j["articles"]:
        for p in a["paragraphs"]:
            assert "," not in p and ";" not in p and "(" not in p, p


def test_003_plain_text_measures(seed_json):
    j = seed_json["003"]
    assert j["title"] == "广州市推进算力基础设施高质量发展的若干措施"
    assert j["status"] == "征求意见稿" and j["kind"] == "措施"
    assert [(c["label"], c["title"]) for c in j["chapters"]] == [
        ("一、", "思路与目标"), ("二、", "工作措施"), ("三、", "其他")]
    assert [a["label"] for a in j["articles"]] == [f"（{c}）" for c in CN]
    assert anchors(j) == [f"part_2__art_{i}" for i in range(1, 11)]
    assert all(a["chapter"] == "part_2" for a in j["articles"])
    first = j["articles"][0]
    assert first["title"] == "建立智算工作机制"
    assert first["paragraphs"][0].startswith("建立智算工作机制。组建广州市算力基础设施发展工作专班")
    assert "（市政务和数据局牵头）" in first["paragraphs"][0]
    assert j["preamble"] == [
        "为贯彻党中央、国务院关于推动人工智能发展的决策部署，落实《关于深入实施“东数西算”工程加快构建全国一体化算力网的实施意见》《算力基础设施高质量发展行动计划》，构建多元泛在、绿色低碳的算力运行服务体系，赋能千行百业提质增效，建设国家人工智能创新应用先导区和国家新一代人工智能创新发展试验区，制定本措施。"]
    closing = j["divisions"][2]["paragraphs"]
    assert closing[-1] == "本文件自印发之日起施行，有效期3年。"
    assert "expiry_unknown" in codes(j) and "title_joined" in codes(j)
    assert "expires" not in j["dates"]


def test_004_groups_and_expiry(seed_json):
    j = seed_json["004"]
    assert j["title"] == "关于加快推进算力产业创新发展的措施"
    assert j["kind"] == "措施" and j["status"] == "现行有效"
    assert j["dates"] == {"effective": "2024-01-25", "expires": "2027-01-24"}
    assert [c["title"] for c in j["chapters"]] == ["总体要求", "支持措施", "保障措施"]
    assert [a["label"] for a in j["articles"]] == [f"{i}．" for i in range(1, 16)]
    assert anchors(j) == [f"part_2__art_{i}" for i in range(1, 16)]
    groups = [d for d in j["divisions"] if d["parent"] == "part_2"]
    assert [g["title"] for g in groups] == ["夯实人工智能算力产业基础", "提升人工智能算力赋能水平",
                                            "加快人工智能产业做大做强", "加大招才引智力度", "构建产业发展生态"]
    per_group = [sum(1 for a in j["articles"] if a["division"] == g["anchor"]) for g in groups]
    assert per_group == [4, 3, 4, 2, 2]
    part2 = next(d for d in j["divisions"] if d["anchor"] == "part_2")
    assert part2["paragraphs"][0].startswith("本措施所指算力券是")
    assert j["articles"][1]["paragraphs"][0].endswith("开发区管委会〕")
    assert "PUE低于1．25" in j["articles"][1]["paragraphs"][0]


def test_status_follows_expiry(seed_docs):
    import datetime

    from build_tools.transforms import metadata
    doc = seed_docs["004"]
    assert metadata.status(doc, datetime.date(2027, 1, 24)) == "现行有效"
    assert metadata.status(doc, datetime.date(2027, 1, 25)) == "已失效"
    assert metadata.status(seed_docs["001"], datetime.date(2025, 12, 31)) == "尚未生效"


def test_export_command_prints_json():
    out = subprocess.run([sys.executable, "-m", "build_tools", "export", "seeds/000_0674861ecbe1753d.txt"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    j = json.loads(out)
    assert j["source"] == "seeds/000_0674861ecbe1753d.txt"
    assert len(j["articles"]) == 32 and j["articles"][30]["anchor"] == "art_31"
    for p in j["problems"]:
        assert set(p) == {"code", "severity", "message", "line"}


def test_export_all_jsonl_and_summary(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "build_tools", "export", "--all", "seeds"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [len(x["articles"]) for x in lines] == [32, 51, 44, 10, 15]
    assert len({x["slug"] for x in lines}) == 5
    assert "读取 5 个" in proc.stderr
