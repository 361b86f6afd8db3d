"""Personal-data guard: each rule on its own, planted cases in every kind of file, and no false alarms."""
from __future__ import annotations

import pytest
from notice_site import errors, load, new_root, notice_text, write

from govsite import privacy
from sitekit import REPO


def make_id18(first17: str) -> str:
    """An ID number with its GB 11643 check digit, computed here independently of the module."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def make_card(first: str) -> str:
    """A bank card number with a valid Luhn digit, computed here."""
    for last in "0123456789":
        digits = [int(d) for d in first + last]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(reversed(digits)))
        if total % 10 == 0:
            return first + last
    raise AssertionError


ID = make_id18("41010519900307123")  # region 410105, born 1990-03-07
CARD = make_card("622202123456789012")  # 19 digits


def test_id18_check_digit_per_gb11643():
    assert privacy.is_id18("11010519491231002X")  # the standard's own example
    assert privacy.is_id18(ID)
    wrong = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    assert not privacy.is_id18(wrong)
    assert not privacy.is_id18(make_id18("41010519901307123"))  # month 13
    assert not privacy.is_id18(make_id18("99010519900307123"))  # no such province


def test_old_15_digit_id():
    assert privacy.is_id15("410105900307123")
    assert not privacy.is_id15("410105901307123")  # month 13
    assert not privacy.is_id15("410105000012345")  # an old 15-digit business registration number


def test_luhn_and_bank_cards():
    assert privacy.luhn_ok("4111111111111111")
    assert not privacy.luhn_ok("4111111111111112")
    assert privacy.is_bank_card(CARD)
    assert privacy.is_bank_card(" ".join([CARD[:4], CARD[4:8], CARD[8:12], CARD[12:16], CARD[16:]]))
    assert not privacy.is_bank_card("0000000000000000")
    serial = make_card("202300010002000")  # a document serial number that happens to pass Luhn
    assert privacy.luhn_ok(serial) and not privacy.is_bank_card(serial)


@pytest.mark.parametrize("line, rule", [
    (f"身份证号：{ID}", privacy.RULE_ID),
    ("身份证号 410105900307123。", privacy.RULE_ID),
    ("手机 13812345678", privacy.RULE_MOBILE),
    ("电话：+86 138-1234-5678", privacy.RULE_MOBILE),
    ("电话 138 1234 5678", privacy.RULE_MOBILE),
    (f"卡号{CARD}", privacy.RULE_BANK),
    ("卡号 4111 1111 1111 1111", privacy.RULE_BANK),
])
def test_each_rule_fires(line, rule):
    assert [r for r, _shown in privacy.scan_line(line, set())] == [rule]


@pytest.mark.parametrize("line", [
    "电话：0371-12345678",  # office landline
    "手机 138****5678",  # masked
    "身份证号 41**************12",  # masked
    "统一社会信用代码：11410100MB0000000X",
    "示公网安备00000000000000号",
    "2024年3月1日起施行，共93条。",
    "索引号 11410100MB0000000X/2026-00031",
])
def test_no_alarm_for_ordinary_numbers(line):
    assert list(privacy.scan_line(line, set())) == []


def test_allow_list_lets_a_public_mobile_through():
    assert list(privacy.scan_line("监督电话 13812345678", {"13812345678"})) == []
    assert privacy.allowed_numbers({"公开号码": [{"号码": "138-1234-5678", "用途": "监督"}]}) == {"13812345678"}


@pytest.mark.parametrize("name, masked", [("张*明", True), ("李*", True), ("欧阳*华", True), ("张**", True),
                                          ("张三明", False), ("李四", False), ("张*明明", False)])
def test_masked_names(name, masked):
    assert privacy.is_masked_name(name) is masked


def test_messages_do_not_repeat_the_number():
    finding = privacy.Finding("a.yml", 3, "", privacy.RULE_ID, privacy.mask_number(ID))
    assert ID not in finding.message() and "身份证号码" in finding.message()


def test_planted_cases_in_every_kind_of_file_are_all_caught(tmp_path):
    root = new_root(tmp_path)
    write(root, "data/placements/2099.yml", f"""
        年度: 2099
        排名:
          - 编号: "1"
            姓名: 张*明
          - 编号: "2"
            姓名: 李小龙
            备注: 身份证 {ID}
        """)
    write(root, "content/notices/2026/a.md", notice_text("甲", extra="联系方式: 王老师 13912345678\n"))
    write(root, "content/notices/2026/b.md", notice_text("乙", body=f"补助发放至银行卡 {CARD}。\n\n| 序号 | 姓名 |\n|---|---|\n| 1 | 王*华 |\n| 2 | 赵大军 |"))
    write(root, f"content/notices/2026/files/名单-{ID}.txt", "附件\n")
    findings = privacy.scan_tree(root, privacy.allowed_numbers({"公开号码": [{"号码": "0371-12345678"}]}))
    got = {(f.file, f.line, f.rule) for f in findings}
    assert got == {
        ("data/placements/2099.yml", 6, privacy.RULE_NAME),
        ("data/placements/2099.yml", 7, privacy.RULE_ID),
        ("content/notices/2026/a.md", 5, privacy.RULE_MOBILE),
        ("content/notices/2026/b.md", 7, privacy.RULE_BANK),  # line 7: the body after 5 lines of front matter and a blank
        ("content/notices/2026/b.md", 12, privacy.RULE_NAME),  # 赵大军, second row of the table
        (f"content/notices/2026/files/名单-{ID}.txt", 0, privacy.RULE_ID),
    }
    name_finding = next(f for f in findings if f.file.endswith("2099.yml") and f.rule == privacy.RULE_NAME)
    assert name_finding.field == "排名[2].姓名" and "李小龙" not in name_finding.message()


def test_guard_stops_the_load_with_file_line_and_rule(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", body="请联系 13912345678。"))
    site = load(root, with_privacy=True)
    assert errors(site) == ["content/notices/2026/a.md:7: 此处疑似公开了个人信息（规则：手机号码）：139****5678。"
                            "个人手机号码不得公开，请写成“138****1234”的形式；如这是单位公开的办公或监督电话，"
                            "请把它加入 data/site.yml 的“公开号码”"]


def test_real_law_texts_produce_no_alarm():
    texts = sorted((REPO / "data/laws").rglob("*.md"))
    assert len(texts) >= 8, "the law texts should be in data/laws/"
    findings = [f for path in texts for f in privacy.scan_text(path.read_text(encoding="utf-8"), path.name, set())]
    assert findings == []


def test_the_repository_itself_is_clean():
    from govsite.yamlfile import load_yaml

    settings = load_yaml(REPO / "data/site.yml", REPO).data
    # as the build scans it: the leaders' names on 领导信息 are listed in 公开姓名
    assert [f.message() for f in privacy.scan_tree(REPO, privacy.allowed_numbers(settings),
                                                   public_names=privacy.allowed_names(settings))] == []


def test_names_published_by_law_can_be_listed(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/about/leaders.md", "---\n标题: 领导信息\n---\n\n| 姓名 | 职务 |\n|---|---|\n| 王建国 | 局长 |\n| 李四 | 副局长 |\n")
    public = privacy.allowed_names({"公开姓名": [{"姓名": "王建国", "依据": "局长，负责人姓名"}]})
    findings = privacy.scan_tree(root, set(), public_names=public)
    assert [(f.file, f.line, f.rule) for f in findings] == [("content/about/leaders.md", 8, privacy.RULE_NAME)]


@pytest.mark.parametrize("settings", [{}, {"公开号码": 5}, {"公开号码": "0371"}, {"公开号码": [{"号码": 123}]}, {"公开姓名": {"a": 1}}])
def test_an_invalid_site_yml_does_not_break_the_guard(settings):
    assert privacy.allowed_numbers(settings) == set() and privacy.allowed_names(settings) == frozenset()
