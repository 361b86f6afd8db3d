"""Personal-data guard: each rule on its own, planted cases in every kind of file, and no false alarms."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml
from files_kit import REGIONS, id18
from hypothesis import given, settings
from hypothesis import strategies as st
from notice_site import errors, load, new_root, notice_text, write

from govsite.guard import output
from govsite.guard import personal as privacy
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
    import yaml

    leaders = privacy.allowed_names(yaml.safe_load((root / "data/site.yml").read_text(encoding="utf-8")))
    findings = privacy.scan_tree(root, privacy.allowed_numbers({"公开号码": [{"号码": "0371-12345678"}]}),
                                 public_names=leaders)  # as the build scans: site.yml's 公开姓名 are public
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


def _repository_scan(root):
    from govsite.yamlfile import load_yaml

    settings = load_yaml(root / "data/site.yml", root).data
    unreadable: list = []
    findings = privacy.scan_tree(root, privacy.allowed_numbers(settings), public_names=privacy.allowed_names(settings),
                                 unreadable=unreadable)
    return findings, unreadable


def test_the_repository_itself_is_clean_and_every_kind_of_file_was_read(tmp_path):
    """No false alarm anywhere in the demo site, and the same scan does read what it claims to: a name or number
    planted in a copy of each kind of file it covers (YAML, front matter, body, both Word attachments) is found."""
    from sitekit import copy_site

    findings, unreadable = _repository_scan(REPO)
    assert [f.message() for f in findings] == [] and unreadable == []
    root = copy_site(tmp_path / "repo")
    notice = root / "content/notices/2026/youfu-dingqi-fuxu.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace("| 2 | 李* |", "| 2 | 李建国 |"), encoding="utf-8")
    guide = root / "data/guides/youdaizheng-shenling.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("0371-12345672", "13812345678", 1), encoding="utf-8")
    import docx

    form = root / "content/xxgk/fujian/2024-001-fj1.docx"
    document = docx.Document(str(form))
    document.tables[0].cell(0, 1).text = "王建华"  # the 姓名 box of the form, filled in
    document.save(str(form))
    planted, unreadable = _repository_scan(root)
    assert unreadable == []
    assert {(f.file, f.rule) for f in planted} == {
        ("content/notices/2026/youfu-dingqi-fuxu.md", privacy.RULE_NAME),
        ("data/guides/youdaizheng-shenling.yml", privacy.RULE_MOBILE),
        ("content/xxgk/fujian/2024-001-fj1.docx", privacy.RULE_NAME)}
    assert next(f for f in planted if f.file.endswith(".docx")).field == "表格1第1行第2列"


def test_names_published_by_law_can_be_listed(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/about/leaders.md", "---\n标题: 领导信息\n---\n\n| 姓名 | 职务 |\n|---|---|\n| 王建国 | 局长 |\n| 李四 | 副局长 |\n")
    public = privacy.allowed_names({"公开姓名": [{"姓名": "王建国", "依据": "局长，负责人姓名"}]})
    public |= privacy.allowed_names(yaml.safe_load((root / "data/site.yml").read_text(encoding="utf-8")))
    findings = privacy.scan_tree(root, set(), public_names=public)
    assert [(f.file, f.line, f.rule) for f in findings] == [("content/about/leaders.md", 8, privacy.RULE_NAME)]


@pytest.mark.parametrize("settings", [{}, {"公开号码": 5}, {"公开号码": "0371"}, {"公开号码": [{"号码": 123}]}, {"公开姓名": {"a": 1}}])
def test_an_invalid_site_yml_does_not_break_the_guard(settings):
    assert privacy.allowed_numbers(settings) == set() and privacy.allowed_names(settings) == frozenset()


# ---- names whatever the header, in any kind of table ----------------------------------------------------

def table_page(header: str, cells: list[str]) -> str:
    rows = "".join(f"| {i} | {cell} |\n" for i, cell in enumerate(cells, 1))
    return f"---\n标题: 名单\n---\n\n| 序号 | {header} |\n|---|---|\n{rows}"


@pytest.mark.parametrize("header", ["姓名", "姓　名", "姓 名", "姓\u00a0名", "**姓名**", "名字", "姓名：", "人员", "对象",
                                    "申请人", "拟认定对象", "联系人", "人员姓名"])
def test_a_name_under_each_form_of_name_header_is_found(header):
    findings = privacy.scan_text(table_page(header, ["张*明", "王建华"]), "content/a.md", set())
    assert [(f.line, f.rule, f.shown) for f in findings] == [(8, privacy.RULE_NAME, "王**")]


@pytest.mark.parametrize("header", ["人员", "对象", "申请人"])
def test_a_people_header_over_categories_is_no_alarm(header):
    assert privacy.scan_text(table_page(header, ["退役士兵", "烈士遗属", "伤残军人"]), "content/a.md", set()) == []


def test_a_column_of_names_is_found_whatever_its_header():
    findings = privacy.scan_text(table_page("备注", ["张*明", "王建华", "李*", "赵大军"]), "content/a.md", set())
    assert [(f.line, f.shown, f.by_column) for f in findings] == [(8, "王**", True), (10, "赵**", True)]
    assert "像是人员名单" in findings[0].message()


@pytest.mark.parametrize("cells", [
    ["安置", "高级", "方案", "关于"],  # words that begin with a surname
    ["陆军", "海军", "武警"],
    ["王*军", "示例街道", "示例镇", "在乡复员军人"],  # one masked name is not a list of names
    ["区水务有限公司（示例）", "区公交公司", "运营调度"],
])
def test_columns_of_ordinary_words_are_no_alarm(cells):
    assert privacy.scan_text(table_page("内容", cells), "content/a.md", set()) == []


def test_html_tables_in_markdown_and_html_files():
    body = ("---\n标题: 名单\n---\n\n<table>\n  <tr><th>姓　名</th><th>单位</th></tr>\n"
            "  <tr><td>王建华</td><td>示例镇</td></tr>\n  <tr>\n    <td>张*明</td><td>示例街道</td>\n  </tr>\n</table>\n")
    findings = privacy.scan_text(body, "content/a.md", set())
    assert [(f.line, f.field, f.shown) for f in findings] == [(7, "姓　名", "王**")]
    page = "<html><body><table><tr><td>序号</td><td>名单</td></tr>\n<tr><td>1</td><td>李*</td></tr>\n" \
           "<tr><td>2</td><td>周建国</td></tr></table></body></html>"
    assert [(f.line, f.shown) for f in privacy.scan_text(page, "content/b.html", set())] == [(3, "周**")]


def test_a_list_in_yaml_is_a_table_too():
    text = "排名:\n  - {编号: \"1\", 获奖者: 张*明}\n  - {编号: \"2\", 获奖者: 王建华}\n" \
           "名单:\n  - {序号: 1, 备注: 张*明}\n  - {序号: 2, 备注: 刘德明}\n  - {序号: 3, 备注: 李*}\n"
    findings = privacy.scan_text(text, "data/a.yml", set())
    assert [(f.line, f.field, f.shown) for f in findings] == [(3, "排名[2].获奖者", "王**"), (6, "名单[2].备注", "刘**")]


@pytest.mark.parametrize("key", ["姓名", "姓 名", "联系人姓名", "名字"])
def test_name_keys_in_yaml_in_any_spacing(key):
    findings = privacy.scan_text(f"人员:\n  - {key}: 王建华\n", "data/a.yml", set())
    assert [(f.line, f.shown) for f in findings] == [(2, "王**")]


def test_a_name_written_after_its_label_in_text():
    text = ("---\n标题: 甲\n---\n\n申请人：王建华，联系电话见附件。\n\n姓名：张*明\n\n联系人：办公室\n\n"
            "联系人：王老师、李科长\n")
    assert [(f.line, f.shown) for f in privacy.scan_text(text, "content/a.md", set())] == [(5, "王**")]


def test_names_in_published_cases_written_as_mou_are_masked():
    assert privacy.is_masked_name("张某") and privacy.is_masked_name("王某某")
    assert privacy.scan_text(table_page("当事人", ["张某", "李某某"]), "content/a.md", set()) == []


# ---- attachments -------------------------------------------------------------------------------------------

def test_an_id_number_in_a_spreadsheet_cell_names_sheet_and_cell():
    from attachments_kit import make_xlsx

    data = make_xlsx({"说明": [["本表为示例"]], "名单": [["序号", "姓名", "身份证号"], [1, "张*明", ID], [2, "李*", ""]]})
    findings = privacy.scan_attachment(data, "content/notices/2026/files/a.xlsx", set())
    assert [(f.field, f.rule, f.shown) for f in findings] == [("工作表“名单”C2单元格", privacy.RULE_ID, "410*************" + ID[-2:])]
    problem_text = f"content/notices/2026/files/a.xlsx {findings[0].field}: {findings[0].message()}"
    assert ID not in problem_text


def test_numbers_stored_as_numbers_in_a_spreadsheet_are_read_as_written():
    from attachments_kit import make_xlsx

    data = make_xlsx({"Sheet1": [["联系电话", "金额"], [13812345678, 1200.0]]})
    assert [(f.field, f.rule) for f in privacy.scan_attachment(data, "a.xlsx", set())] == [
        ("工作表“Sheet1”A2单元格", privacy.RULE_MOBILE)]


def test_names_in_a_spreadsheet_column_under_a_spaced_header():
    from attachments_kit import make_xlsx

    data = make_xlsx({"名单": [["序号", "姓　名", "镇街"], [1, "王建华", "示例镇"], [2, "李*", "示例街道"]]})
    assert [(f.field, f.shown) for f in privacy.scan_attachment(data, "a.xlsx", set())] == [("工作表“名单”B2单元格", "王**")]


def test_a_phone_number_in_a_pdf_names_page_and_line():
    from attachments_kit import make_pdf

    data = make_pdf([["公示名单"], ["附：联系方式", "联系人电话：138-1234-5678"]])
    assert [(f.field, f.rule, f.shown) for f in privacy.scan_attachment(data, "a.pdf", set())] == [
        ("第2页第2行", privacy.RULE_MOBILE, "138****5678")]


def test_a_list_of_names_in_a_pdf():
    from attachments_kit import make_pdf

    data = make_pdf([["序号 姓名 所在镇", "1 王*华 示例镇", "2 刘建国 示例街道"]])
    assert [(f.field, f.shown) for f in privacy.scan_attachment(data, "a.pdf", set())] == [("第1页第3行", "刘**")]


def test_word_tables_paragraphs_and_filled_in_forms():
    from attachments_kit import make_docx

    data = make_docx(["拟认定人员名单如下：", "经办人：赵大军"],
                     [[["序号", "人员"], ["1", "张*明"], ["2", "王建华"]], [["姓名", "孙立新", "性别", "男"]]])
    findings = privacy.scan_attachment(data, "a.docx", set())
    assert [(f.field, f.shown) for f in findings] == [("第2段", "赵**"), ("表格1第3行第2列", "王**"), ("表格2第1行第2列", "孙**")]


def test_blank_forms_are_no_alarm():
    for form in ("content/xxgk/ysqgk/xxgk-shenqingbiao.docx", "content/xxgk/fujian/2024-001-fj1.docx"):
        assert privacy.scan_attachment((REPO / form).read_bytes(), form, set()) == []


@pytest.mark.parametrize("name, data, expected", [
    ("a.doc", b"\xd0\xcf\x11\xe0 old word", "Word 97-2003 文档无法由程序读取"),
    ("a.xls", b"\xd0\xcf\x11\xe0 old excel", "另存为 .docx、.xlsx 或带文字层的 PDF"),
    ("a.xlsx", b"not a zip at all", "文件已损坏或不是真正的Excel 工作簿"),
    ("a.pdf", b"%PDF-1.4 broken", "PDF 无法读取"),
])
def test_attachments_that_cannot_be_read_are_errors_not_published_unread(tmp_path, name, data, expected):
    root = new_root(tmp_path)
    (root / "content/notices/2026/files").mkdir(parents=True)
    (root / "content/notices/2026/files" / name).write_bytes(data)
    site = load(root, with_privacy=True)
    assert [p.format() for p in site.problems.errors if name in p.file] and \
        expected in errors(site)[0] and errors(site)[0].startswith(f"content/notices/2026/files/{name}: ")


def test_attachment_findings_stop_the_load_naming_file_and_cell(tmp_path):
    from attachments_kit import make_xlsx

    root = new_root(tmp_path)
    (root / "content/notices/2026/files").mkdir(parents=True)
    (root / "content/notices/2026/files/mingdan.xlsx").write_bytes(make_xlsx({"名单": [["姓名", "身份证号"], ["李*", ID]]}))
    assert errors(load(root, with_privacy=True)) == [
        "content/notices/2026/files/mingdan.xlsx 工作表“名单”B2单元格: 此处疑似公开了个人信息（规则：身份证号码）："
        f"410*************{ID[-2:]}。身份证号码不得公开；如确需展示，请写成“41**************12”的形式"]


# ---- fields that are never published ----------------------------------------------------------------------

def test_review_records_are_not_scanned_but_everything_around_them_is():
    from govsite.internal import INTERNAL_FIELDS

    assert INTERNAL_FIELDS == ("审核", "个人信息例外")
    yaml_text = ("标题: 甲\n审核:\n  审核人: 王建华\n  电话: 13812345678\n  意见: |\n    同意。\n"
                 "联系人: 李建国\n")
    assert [(f.line, f.shown) for f in privacy.scan_text(yaml_text, "data/policies/a.yml", set())] == [(7, "李**")]
    page = "---\n标题: 甲\n审核:\n  - {审核人: 王建华, 日期: 2026-11-20}\n---\n\n请联系 13912345678。\n"
    assert [(f.line, f.rule) for f in privacy.scan_text(page, "content/a.md", set())] == [(7, privacy.RULE_MOBILE)]


def _maybe_names_by_definition(text: str) -> bool:
    """What the gate means, written the slow way: some match of the pattern, in finditer's order, does not start
    with a key of the site's schemas."""
    return any(not m.group(0).startswith(privacy.NOT_PEOPLE) for m in privacy._MAYBE_NAMES.finditer(text))


@pytest.mark.parametrize("text", [
    "适用对象：退役军人\n联系人：王建华", "服务对象: 全体\n申请人 | 金额", "普法对象：群众，受益人：张*明",
    "前文前文前文适用对象：x", "前文王对象：x", "联系人电话：123", "王*", "**加粗**", "", "姓 名：李四",
    "文字文字文字文字文字" * 50 + "名字：", "解读对象：" * 30 + "本人：",
])
def test_the_quick_name_gate_answers_as_its_definition(text):
    assert privacy._maybe_names(text) == _maybe_names_by_definition(text)


def test_the_quick_name_gate_on_random_text():
    import random

    rng = random.Random(7)
    pieces = list("姓名字对象适用服务人员本：:|*＊ \n\u3000王李建华") + list(privacy.NOT_PEOPLE)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert privacy._maybe_names(text) == _maybe_names_by_definition(text), text


def test_only_lines_with_digit_runs_are_looked_at_and_numbered_as_in_the_file():
    text = "第一行\n电话 13812345678\n\n12\n编号 123\n最后 138-1234-5678"
    assert list(privacy._lines_with_digit_runs(text)) == [
        (2, "电话 13812345678"), (5, "编号 123"), (6, "最后 138-1234-5678")]
    assert list(privacy._lines_with_digit_runs("１２３")) == [(1, "１２３")]  # \d is any digit, as in scan_line
    found = privacy.scan_text("甲\n乙\n手机 13812345678\n", "a.md", set())
    assert [(f.line, f.rule) for f in found] == [(3, privacy.RULE_MOBILE)]


def test_a_one_off_build_scans_beside_the_load_and_finds_the_same(tmp_path, monkeypatch):
    """mkdocs build and make check scan in a forked child while the other types load (govsite.forked); the
    findings are those of the scan in the build's own process, and a child that fails changes nothing."""
    from govsite import forked

    root = new_root(tmp_path)
    write(root, "content/notices/2024/a.md", notice_text("公告", body="联系电话 13812345678，身份证 " + ID))
    beside = sorted(p.format() for p in load(root, with_privacy=True).problems.errors)
    assert any("手机号码" in line for line in beside) and any("身份证号码" in line for line in beside)
    monkeypatch.setattr(forked, "spare_core", lambda: False)  # one core: the scan runs in this process
    assert sorted(p.format() for p in load(root, with_privacy=True).problems.errors) == beside
    monkeypatch.setattr(forked, "spare_core", lambda: True)
    monkeypatch.setattr(forked, "_run", lambda conn, fn, args: conn.close())  # the child sends nothing
    assert sorted(p.format() for p in load(root, with_privacy=True).problems.errors) == beside


def test_make_serve_scans_a_file_again_only_when_it_changed(tmp_path, monkeypatch):
    """Findings are kept per file between scans (make serve): an unchanged text or attachment is not scanned
    again, a changed one is, and a one-off scan (remember=False) keeps nothing."""
    from attachments_kit import make_docx

    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "content/a.md").write_text("联系电话 13812345678\n", encoding="utf-8")
    (root / "content/b.docx").write_bytes(make_docx(["身份证 " + ID]))
    monkeypatch.setattr(privacy, "_SCAN_CACHE", {})
    scanned: list[str] = []
    for name in ("scan_text", "scan_attachment"):
        real = getattr(privacy, name)
        monkeypatch.setattr(privacy, name, lambda data, file, *a, real=real: scanned.append(file) or real(data, file, *a))
    first = privacy.scan_tree(root, set())
    assert {f.rule for f in first} == {privacy.RULE_MOBILE, privacy.RULE_ID} and sorted(scanned) == ["content/a.md", "content/b.docx"]
    assert privacy.scan_tree(root, set()) == first and len(scanned) == 2  # nothing changed: nothing scanned
    (root / "content/b.docx").write_bytes(make_docx(["无个人信息"]))
    assert {f.rule for f in privacy.scan_tree(root, set())} == {privacy.RULE_MOBILE} and scanned[2:] == ["content/b.docx"]
    monkeypatch.setattr(privacy, "_SCAN_CACHE", {})
    privacy.scan_tree(root, set(), remember=False)
    assert privacy._SCAN_CACHE == {}


def test_terms_for_money_and_documents_jieba_tags_as_names_are_no_names_alone():
    """养老金, 通知书, 申请书: jieba's dictionary holds them whole and tags them as names. Every such term of its
    dictionary (three characters, ending in 金 or 书, its first two a common word) standing alone names no one;
    a name ending so that jieba does not hold whole (王建金, 李文书) is still found, alone and after a cue."""
    from govsite.guard.personal import names
    terms = [w for w, tag in names._dictionary().items()
             if len(w) == 3 and w[-1] in "金书" and tag.startswith("nr") and names.surname_of(w)
             and names.is_ordinary_word(w[:2], strict=True)]
    assert {"养老金", "通知书", "申请书"} <= set(terms)
    for term in terms:
        assert privacy.scan_unit(term, privacy.Rules()) == [], term
        assert privacy.scan_text(f"项目:\n  - {term}\n  - 配偶\n", "data/a.yml", set()) == [], term
    surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
    found = 0
    for surname in surnames:
        for given_name in ("建金", "文书", "永金", "秀书", "德金"):
            name = surname + given_name
            if name in names._dictionary():
                continue
            assert [hit.rule for hit in privacy.scan_unit(f"联系人：{name}", privacy.Rules())] == ["未脱敏姓名"], name
            found += names.looks_like_name(name)
    assert found >= 40


def test_words_for_relatives_are_no_names_alone_in_a_list_or_under_a_relation_header():
    """祖父母, 孙子女, 曾祖父 begin with a surname and jieba tags them as names: a table's 与烈士关系 column, a
    list of family members or a field holding one word names no one. A name that begins the same way still is.
    And no word of the search's word lists (data/search/) is taken for a name, written one to a line as an editor
    may write a YAML list: those files hold words of the language, never people."""
    for word in ("祖父", "祖母", "祖父母", "孙子", "孙女", "孙子女", "孙媳", "孙媳妇", "孙辈们", "曾祖父", "曾祖母",
                 "曾孙", "曾孙子", "曾孙女", "曾外祖父", "曾外祖母", "养父母", "岳父母", "童养媳", "那口子"):
        assert privacy.scan_unit(word, privacy.Rules()) == [], word
        assert privacy.scan_text(f"亲属:\n  - {word}\n  - 配偶\n", "data/a.yml", set()) == [], word
        page = table_page("与烈士关系", [word, "父母", "配偶"])
        assert privacy.scan_text(page, "content/a.md", set()) == [], word
    for name in ("孙子明", "曾孙华", "祖明华"):  # a given name after those surnames
        assert [hit.rule for hit in privacy.scan_unit(name, privacy.Rules())] == ["未脱敏姓名"], name
    words = set()
    for path in sorted((REPO / "data/search").glob("*.yml")):
        _strings(yaml.safe_load(path.read_text(encoding="utf-8")), words)
    assert len(words) > 400
    as_block_list = "俗称:\n  - 说法:\n" + "".join(f"      - {w}\n" for w in sorted(words)) + "    正式说法: [养老金]\n"
    assert privacy.scan_text(as_block_list, "data/search/synonyms.yml", set()) == []
    # the same words in another editor's file are read as ever (a name alone there is a name)
    assert privacy.scan_text("人员:\n  - 王建华\n", "data/placements/a.yml", set())


def _strings(value, into: set) -> None:
    if isinstance(value, str):
        into.add(value)
    for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        _strings(item, into)


def test_terms_for_things_are_no_names_standing_alone():
    """公租房 reads to jieba as 公 (a surname) + 租房: a term for housing, a card, a fee or a tax standing alone (one
    to a YAML list's line, as an editor may write everyday words) names no one; a name in the same list still is."""
    for term in ("公租房", "廉租房", "经适房", "周转房", "车票费", "抚恤款", "社保卡", "冯优待证"):
        assert privacy.scan_unit(term, privacy.Rules()) == [], term
        assert privacy.scan_text(f"说法:\n  - {term}\n  - 住房\n", "data/benefits/a.yml", set()) == [], term
    found = privacy.scan_text("说法:\n  - 公租房\n  - 王建华\n", "data/a.yml", set())
    assert [(f.line, f.rule) for f in found] == [(3, "未脱敏姓名")], found


COMMON_GIVEN = ("建华", "建国", "国强", "志强", "秀英", "桂英", "秀兰", "淑珍", "海燕", "丽娟", "红梅", "文华", "德胜",
                "振华", "卫东", "晓东", "志明", "玉梅", "丽华", "建军")


def test_every_common_term_for_a_thing_stands_alone_as_no_name_beside_names():
    """The class, not the examples: every word of jieba's dictionary (seen 20 times or more, not a name) that
    ends as terms for housing, cards, fees and taxes end (names.THING_CHARS), one to a YAML list's line among
    generated full names of three characters, is reported as no one's name, and every name still is, at its
    line."""
    import random

    from files_kit import SURNAMES

    from govsite.guard.personal import names
    terms = sorted(w for w, tag in names._dictionary().items()
                   if 2 <= len(w) <= 4 and w[-1] in names.THING_CHARS and not tag.startswith("nr")
                   and names.frequency(w) >= 20)
    assert len(terms) > 300
    rng = random.Random(20261206)
    for start in range(0, len(terms), 12):
        # full names of three characters or four (two alone in a list read as villages: 李园, 孙河)
        people = [rng.choice(SURNAMES) + rng.choice(COMMON_GIVEN) for _ in range(3)]
        items = [(term, False) for term in terms[start:start + 12]] + [(name, True) for name in people]
        rng.shuffle(items)
        text = "说法:\n" + "".join(f"  - {item}\n" for item, _ in items)
        found = {(f.line, f.value) for f in privacy.scan_text(text, "data/benefits/a.yml", set())}
        assert found == {(line, item) for line, (item, is_name) in enumerate(items, start=2) if is_name}, text


# ---- numbers in every form people type them ---------------------------------------------------------------

_FULL_WIDTH = str.maketrans("0123456789X-", "０１２３４５６７８９Ｘ－")


def _typed_id_numbers():
    """A valid 18-digit ID number (GB 11643 check digit), typed as forms and spreadsheets do: whole or in groups
    (6-8-4, 3-3-4-4-4, 4-4-4-4-2 …) joined by a space, a hyphen or an ideographic space, in ordinary or 全角
    digits, inside other words."""
    @st.composite
    def typed(draw):
        born = draw(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2008, 12, 31)))
        number = id18(draw(st.sampled_from(REGIONS)) + born.strftime("%Y%m%d") + f"{draw(st.integers(0, 999)):03d}")
        cuts = sorted(draw(st.sets(st.integers(1, 17), max_size=5)))
        groups = [number[a:b] for a, b in zip([0, *cuts], [*cuts, 18])]
        separator = draw(st.sampled_from([" ", "-", "\u3000"]))
        written = separator.join(groups)
        if draw(st.booleans()):
            written = written.translate(_FULL_WIDTH)
        before = draw(st.sampled_from(["", "身份证号：", "公民身份号码 ", "证件号码为", "第3组 ", "（", "编号12 "]))
        after = draw(st.sampled_from(["", "。", "，联系电话见附件", "）", " 男", " 2024"]))
        return number, written, before + written + after

    return typed()


def test_id_numbers_are_found_in_every_form_they_are_typed():
    """Whole or grouped, ordinary or 全角 digits, with any of the separators people use, wherever in a line: the
    number is reported once, as written (an exception names it so), masked the same way."""

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(_typed_id_numbers())
    def check(case):
        number, written, line = case
        hits = [h for h in privacy.number_hits(line, set()) if h[0] == privacy.RULE_ID]
        assert [(h[1], h[2]) for h in hits] == [(privacy.mask_number(number), written)], line
    check()


def test_id_numbers_in_groups_are_found_in_published_files():
    """The output guard reads a page, and a GBK text attachment, with a grouped 全角 number in it."""
    number = id18("32010219760315004")
    written = f"{number[:6]} {number[6:14]} {number[14:]}".translate(_FULL_WIDTH)
    check = output.FileCheck(privacy.Rules(), frozenset())
    page = f"<html><body><main><table><tr><td>身份证号</td><td>{written}</td></tr></table></main></body></html>"
    attachment = f"序号,证件号码\n1,{written}\n"
    for dest, data in (("a/index.html", page.encode("utf-8")), ("a/名单.csv", attachment.encode("gbk"))):
        assert [(f.rule, f.shown) for f in check(dest, data)] == [(privacy.RULE_ID, privacy.mask_number(number))], dest


def test_numbers_in_groups_that_are_no_id_number_pass():
    """Runs of grouped digits that are dates, statistics or a wrong check digit are not taken for ID numbers; the
    old 15-digit form (no check digit) is read only unbroken."""
    number = id18("41010519900101123")
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    for line in (f"{wrong[:6]} {wrong[6:14]} {wrong[14:]}", "2023 2024 2025 2026 2027 1111",
                 "12 34 56 78 90 12 34 56 78", "410105 900101 123", "合计 1990 0101 1233 4101 05"):
        assert [h for h in privacy.number_hits(line, set()) if h[0] == privacy.RULE_ID] == [], line


def test_names_in_file_names_are_found_before_the_address_publishes_them():
    """An attachment's name is published in its address (and the page's link): a name in it is reported by the
    input scan as the file's name, for generated names in the ways editors name files."""
    import random

    from files_kit import COMPOUND, GIVEN, SURNAMES
    rng = random.Random(20261206)
    for _ in range(60):
        surname = rng.choice(COMPOUND) if rng.random() < 0.2 else rng.choice(SURNAMES)
        name = surname + "".join(rng.choice(GIVEN) for _ in range(2 if len(surname) == 1 else rng.randint(1, 2)))
        pattern = rng.choice(["退役军人{n}申请表.pdf", "关于{n}同志的表彰决定.docx", "{n}_照片.jpg", "{n}-{n2}-材料.pdf",
                              "2024-{n}-优待证.png"])
        file = "content/attachments/" + pattern.format(n=name, n2=rng.choice(SURNAMES) + rng.choice(GIVEN) * 2)
        found = privacy.scan_file_name(file, set())
        assert name in [f.value for f in found if f.rule == privacy.RULE_NAME], file
        assert all(f.in_file_name and f.value not in f.message() for f in found)
    for file in ("content/attachments/2024年退役军人安置计划.pdf", "content/a/王楼村_服务站.jpg", "content/a/示例镇-张庄村.jpg",
                 "content/laws/中华人民共和国退役军人保障法.md", "content/a/退役军人事务局-2024-工作总结.pdf"):
        assert privacy.scan_file_name(file, set()) == [], file
