"""Personal data in forms a fourth probe (bench/plant_forms.py) found passing: names in Latin letters (pinyin),
a person's landline in a list of people or marked 家, addresses by a building's floor, an estate's phase and the
rural teams of a 屯 or a 大队, spreadsheet formulas that join constants, rows of values an OpenDocument sheet
shows nothing of, a JSON record's name field and JSON lists of people (also in a page's data- attribute), file
names whose bytes are GBK. Generated variants (seeded), each through the readings that apply, with negatives
of the same shapes beside them."""
from __future__ import annotations

import html
import json
import os
import random
from pathlib import Path

import pytest
from files_kit import id18 as with_check_digit
from files_kit import make_odf, zip_of

from govsite.guard import output, personal

RULES = personal.Rules()
CHECK = output.FileCheck(RULES, frozenset())
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
GIVEN = ("建国", "秀英", "桂兰", "志强", "海燕", "国庆", "建华", "红霞", "玉梅", "德福", "淑珍", "振宇", "晓东")
TWO = "伟芳娜敏静丽强磊军洋勇艳杰娟涛"
# Pinyin of surnames and given names, as forms and passports write them
PY_SURNAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma",
               "Zhu", "Hu", "Guo", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Ouyang")
PY_GIVEN = ("Jianguo", "Xiuying", "Guilan", "Zhiqiang", "Haiyan", "Guoqing", "Jianhua", "Hongxia", "Yumei",
            "Defu", "Shuzhen", "Zhenyu", "Xiaodong", "Wei", "Fang", "Na", "Min", "Jing", "Lei", "Jun", "Yong")
ID_REGIONS = ("110105", "320102", "410105", "440305", "510107", "130402")


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def masked(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "*" + rng.choice(GIVEN)[1]


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def id18(rng: random.Random) -> str:
    while True:
        number = with_check_digit(f"{rng.choice(ID_REGIONS)}{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}"
                                  f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
        if number[-1] != "X":
            return number


def landline(rng: random.Random) -> str:
    return f"{rng.choice(['0371', '010', '021', '0379', '0755'])}-{rng.randint(2, 8)}{rng.randint(0, 9_999_999):07d}"


def pinyin(rng: random.Random) -> str:
    surname, given = rng.choice(PY_SURNAMES), rng.choice(PY_GIVEN)
    return rng.choice([f"{surname} {given}", f"{surname.upper()} {given}", f"{given} {surname}",
                       f"{surname.upper()} {given.upper()}"])


def unit_rules(text: str) -> set[str]:
    return {h.rule for h in personal.scan_unit(text, RULES)}


def source_rules(text: str, file: str = "content/a.md") -> set[str]:
    return {f.rule for f in personal.scan_text(text, file, set())}


def file_rules(data: bytes, name: str) -> tuple[set[str], set[str]]:
    """(make check's reading of an attachment, the output guard's reading of the published file)."""
    return ({f.rule for f in personal.scan_attachment(data, "content/files/" + name, set())},
            {f.rule for f in CHECK(name, data)})


def assert_both(rule: str, data: bytes, name: str) -> None:
    checked, published = file_rules(data, name)
    assert rule in checked, (name, checked)
    assert rule in published, (name, published)


# ---- names in Latin letters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_a_name_in_pinyin_beside_a_cue_is_found(seed):
    """联系人：Wang Jianguo, WANG Jianguo同志, Jianguo Wang先生: a label of one person or a form of address says
    a person is meant; the spelling says it is a name (a surname, one or two syllables)."""
    rng = random.Random(seed)
    for text in (f"联系人：{pinyin(rng)}，电话0371-63201234", f"{pinyin(rng)}同志符合条件。",
                 f"感谢{pinyin(rng)}先生的帮助", f"户主 {pinyin(rng)}", f"申请人{pinyin(rng)}",
                 f"姓名：{pinyin(rng)}"):
        assert personal.RULE_NAME in unit_rules(text), text


@pytest.mark.parametrize("seed", range(4))
def test_a_name_in_pinyin_under_a_name_header_is_found(seed):
    rng = random.Random(seed)
    name = pinyin(rng)
    assert personal.RULE_NAME in source_rules(f"| 序号 | 姓名 |\n|---|---|\n| 1 | {name} |\n| 2 | {masked(rng)} |\n")
    assert personal.RULE_NAME in source_rules(f"排名:\n  - {{编号: 1, 姓名: {name}}}\n", "data/placements/x.yml")
    book = _xlsx([[("s", "姓名"), ("s", "类别")], [("s", name), ("s", "退役士兵")]])
    assert_both(personal.RULE_NAME, book, "a.xlsx")


@pytest.mark.parametrize("text", ["联系人：Admin", "姓名：Name Here", "联系人：Mary Smith", "联系人：John", "联系人：USA UK",
                                  "联系人：PDF DOC", "we thank Wang Jianguo", "见 Li et al. (2020)", "Hong Kong 回归",
                                  "| 姓名 | 备注 |\n|---|---|\n| 张*明 | Admin |", "姓名：NAME"])
def test_latin_words_beside_the_same_cues_are_no_name(text):
    assert personal.RULE_NAME not in unit_rules(text), text
    assert personal.RULE_NAME not in source_rules(text), text


DOTTED = ("阿依古丽·买买提", "扎西·多吉", "热依拉·吐尔逊", "买买提·艾力", "古丽娜尔·阿不都", "次仁·卓玛", "帕丽旦·吾守尔")


@pytest.mark.parametrize("seed", range(6))
def test_a_dotted_name_typed_with_another_dot_is_found(seed):
    """阿依古丽·买买提 with the dot typed as ‧, ∙, ⋅, ･ or a full stop: read as the same name beside the same cues."""
    rng = random.Random(seed)
    for dot in ("\u2027", "\u2219", "\u22c5", "\uff65", "."):
        name = rng.choice(DOTTED).replace("·", dot)
        for text in (f"联系人：{name}，电话0371-63201234", f"经审核，{name}同志符合条件。", f"{name}（女）"):
            hits = [h for h in personal.scan_unit(text, RULES) if h.rule == personal.RULE_NAME]
            assert [h.value for h in hits] == [name], (text, hits)


@pytest.mark.parametrize("text", ["公示公告.通知公告", "见第3.2节", "版本1.0说明", "首页‧政务公开‧通知公告",
                                  "www.例子.中国", "单位∙部门"])
def test_other_dots_between_words_are_no_name(text):
    assert personal.RULE_NAME not in unit_rules(text), text


# ---- a person's landline ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_a_landline_marked_as_a_homes_is_found(seed):
    rng = random.Random(seed)
    for label in ("电话（家）", "固定电话(宅)", "家庭座机", "座机（住宅）", "家庭固话", "联系电话（家庭）"):
        text = f"{label}：{landline(rng)}"
        assert personal.RULE_HOME_PHONE in unit_rules(text), text


@pytest.mark.parametrize("seed", range(6))
def test_a_landline_in_a_persons_record_is_found(seed):
    """张*明，男，退役士兵，联系电话：0371-…: the masked name and the sex say whose the number is."""
    rng = random.Random(seed)
    text = f"{masked(rng)}，{rng.choice('男女')}，{rng.choice(['退役士兵', '1965年出生', '示例镇人'])}，联系电话：{landline(rng)}"
    assert personal.RULE_HOME_PHONE in unit_rules(text), text


@pytest.mark.parametrize("seed", range(6))
def test_a_landline_beside_each_person_of_a_list_is_found(seed):
    """A table with a 姓名 column lists persons: the 联系电话 beside each is that person's, in every form a table
    is written (Markdown, HTML, a YAML list, a CSV, a workbook, a JSON list of records)."""
    rng = random.Random(seed)
    header = rng.choice(["联系电话", "电话", "联系方式", "固定电话"])
    rows = [(masked(rng), landline(rng)) for _ in range(3)]
    markdown = f"| 姓名 | {header} |\n|---|---|\n" + "".join(f"| {n} | {p} |\n" for n, p in rows)
    assert personal.RULE_HOME_PHONE in source_rules(markdown)
    table = f"<table><tr><th>姓名</th><th>{header}</th></tr>" + "".join(
        f"<tr><td>{n}</td><td>{p}</td></tr>" for n, p in rows) + "</table>"
    assert personal.RULE_HOME_PHONE in source_rules(table, "content/a.html")
    yaml = "排名:\n" + "".join(f"  - {{姓名: {n}, {header}: \"{p}\"}}\n" for n, p in rows)
    assert personal.RULE_HOME_PHONE in source_rules(yaml, "data/placements/x.yml")
    csv = (f"姓名,{header}\n" + "".join(f"{n},{p}\n" for n, p in rows)).encode("gb18030")
    assert_both(personal.RULE_HOME_PHONE, csv, "a.csv")
    book = _xlsx([[("s", "姓名"), ("s", header)]] + [[("s", n), ("s", p)] for n, p in rows])
    assert_both(personal.RULE_HOME_PHONE, book, "a.xlsx")
    records = json.dumps([{"姓名": n, header: p} for n, p in rows], ensure_ascii=False).encode()
    assert personal.RULE_HOME_PHONE in {f.rule for f in CHECK("api/a.json", records)}


@pytest.mark.parametrize("seed", range(3))
def test_office_numbers_beside_people_are_no_home_phone(seed):
    rng = random.Random(seed)
    office = landline(rng)
    for text in (f"经审核，{masked(rng)}、{masked(rng)}符合条件，如有异议请拨打{office}反映。",
                 f"联系人：王科长，电话：{office}", f"{masked(rng)}等3人，咨询电话：{office}", "3×4=12，共5人",
                 f"{masked(rng)}（男）：办公电话{office}"):
        assert personal.RULE_HOME_PHONE not in unit_rules(text), text
    for table in (f"| 单位 | 联系人 | 联系电话 |\n|---|---|---|\n| 示例镇退役军人服务站 | {masked(rng)} | {office} |\n",
                  f"| 姓名 | 监督电话 |\n|---|---|\n| {masked(rng)} | {office} |\n",
                  f"| 服务站 | 电话 |\n|---|---|\n| 示例镇 | {office} |\n"):
        assert personal.RULE_HOME_PHONE not in source_rules(table), table
    number = office.replace("-", "")
    listed = {f.rule for f in personal.scan_text(f"| 姓名 | 电话 |\n|---|---|\n| {masked(rng)} | {office} |\n",
                                                 "content/a.md", {number})}
    assert personal.RULE_HOME_PHONE not in listed  # a number data/site.yml publishes


# ---- addresses ----------------------------------------------------------------------------------------------------

def _n(rng: random.Random, low: int, high: int) -> str:
    value = rng.randint(low, high)
    return rng.choice([str(value), "".join(chr(0xFF10 + int(d)) for d in str(value))])


HAN_NUMERALS = "一二三四五六七八九"


@pytest.mark.parametrize("seed", range(6))
def test_addresses_by_floor_phase_and_rural_team_are_found(seed):
    rng = random.Random(seed)
    estate = rng.choice(["阳光城", "幸福花园", "金水苑", "锦绣华庭"])
    for text in (f"家住{estate}{rng.choice('ABCD')}座{_n(rng, 2, 30)}层{_n(rng, 1, 12)}号",
                 f"{estate}{_n(rng, 1, 20)}号楼{_n(rng, 2, 30)}层{_n(rng, 1, 12)}室",
                 f"{rng.choice(['幸福里小区', '阳光花园', '康居家园'])}{_n(rng, 1, 5)}期{_n(rng, 1, 40)}号楼",
                 f"{rng.choice(['向阳', '前进', '王家', '李'])}{rng.choice('屯寨堡')}{_n(rng, 1, 12)}队",
                 f"{rng.choice(['张', '王', '刘家'])}庄{rng.choice(HAN_NUMERALS)}组",
                 f"{rng.choice(['李庄', '红旗', '东风'])}大队第{rng.choice(HAN_NUMERALS)}生产队"):
        assert personal.RULE_ADDRESS in unit_rules(text), text


@pytest.mark.parametrize("text", ["区消防救援大队第一小队", "交警大队第二中队", "宿营3队", "收集3组数据", "本局位于B座5层",
                                  "A座11层会议室", "分3期建设", "二期工程3号楼", "村庄3组", "第3期第2号", "全市共有3期5号",
                                  "示例镇张庄", "李庄大队", "第一生产队", "组建3支小分队"])
def test_words_of_the_same_shapes_are_no_address(text):
    assert personal.RULE_ADDRESS not in unit_rules(text), text


# ---- spreadsheets ---------------------------------------------------------------------------------------------------

def _xlsx(rows: list[list]) -> bytes:
    """A workbook by hand: cells ('s', text) inline strings, ('n', number), ('f', formula without a cached
    value), as a program (not Excel) writes them."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, (kind, value) in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if kind == "s":
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{html.escape(value)}</t></is></c>')
            elif kind == "n":
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><f>{html.escape(value)}</f></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return zip_of({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet {ns}><sheetData>{"".join(body)}</sheetData></worksheet>',
    }, "[Content_Types].xml")


def _ods(rows: list[list[str]]) -> bytes:
    """A sheet of cells written as raw XML (each entry the whole table:table-cell element)."""
    body = "".join("<table:table-row>" + "".join(row) + "</table:table-row>" for row in rows)
    return make_odf("spreadsheet", f'<table:table table:name="名单">{body}</table:table>')


def _text_cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{html.escape(text)}</text:p></table:table-cell>'


def _split(value: str, rng: random.Random) -> list[str]:
    cuts = sorted(rng.sample(range(1, len(value)), rng.randint(1, 3)))
    return [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)])]


@pytest.mark.parametrize("seed", range(6))
def test_a_formula_joining_constants_is_read_as_its_value(seed):
    """="138"&"12345678", CONCATENATE("王","建华"), of:="…"&"…" with no value stored beside it (a workbook a
    program wrote): the joined text is the cell's value, read as the cell's text is (under its header too)."""
    rng = random.Random(seed)
    phone, number, name = mobile(rng), id18(rng), person(rng)
    joined = "&".join(f'"{p}"' for p in _split(phone, rng))
    concatenated = "CONCATENATE(" + ",".join(f'"{p}"' for p in _split(number, rng)) + ")"
    name_formula = '="' + name[0] + '"&"' + name[1:] + '"'
    assert_both(personal.RULE_MOBILE, _xlsx([[("s", "联系电话")], [("f", "=" + joined)]]), "a.xlsx")
    assert_both(personal.RULE_ID, _xlsx([[("s", "证件")], [("f", concatenated)]]), "a.xlsx")
    assert_both(personal.RULE_NAME, _xlsx([[("s", "姓名")], [("f", name_formula)]]), "a.xlsx")
    ods = _ods([[_text_cell("手机")], [f'<table:table-cell table:formula="of:={html.escape(joined)}"/>']])
    assert_both(personal.RULE_MOBILE, ods, "a.ods")


@pytest.mark.parametrize("seed", range(4))
def test_a_row_of_values_a_sheet_shows_nothing_of_is_read(seed):
    """An OpenDocument cell keeps its value in office:value and shows it in text:p: a row whose cells show no
    text (a number format of ;;;, an empty paragraph) still publishes the values."""
    rng = random.Random(seed)
    phone, number = mobile(rng), id18(rng)
    ods = _ods([[_text_cell("手机"), _text_cell("身份证号")],
                [f'<table:table-cell office:value-type="float" office:value="{phone}"><text:p/></table:table-cell>',
                 f'<table:table-cell office:value-type="string" office:string-value="{number}"/>']])
    checked, published = file_rules(ods, "a.ods")
    assert {personal.RULE_MOBILE, personal.RULE_ID} <= checked, checked
    assert {personal.RULE_MOBILE, personal.RULE_ID} <= published, published


@pytest.mark.parametrize("formula", ['="第"&"1"&"组"', "=SUM(A1:A3)", '=A1&"12345678"', '="2024"&"年"&"12"&"月"',
                                     '="410105"&"****"&"1234"', 'CONCATENATE("张","*","明")'])
def test_formulas_of_no_personal_value_pass(formula):
    checked, published = file_rules(_xlsx([[("s", "姓名"), ("s", "备注")], [("s", "张*明"), ("f", formula)]]), "a.xlsx")
    assert not checked and not published, (formula, checked, published)


# ---- JSON records -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_a_json_records_name_field_is_read_as_one_persons_name(seed):
    """{"姓名": "李娜"}: a two-character name under a name key is a name, as under a YAML field or a column so
    headed; a list of records is read as a table (masked names beside an unmasked one)."""
    rng = random.Random(seed)
    short = rng.choice(SURNAMES) + rng.choice(TWO)
    key = rng.choice(["姓名", "申请人姓名", "姓 名", "姓名（化名）"])
    for data in ({key: short, "类别": "退役士兵"}, {"公示": {"名单": [{key: masked(rng)}, {key: short}]}}):
        text = json.dumps(data, ensure_ascii=False).encode()
        assert personal.RULE_NAME in {f.rule for f in CHECK("api/a.json", text)}, text
        assert personal.RULE_NAME in {f.rule for f in personal.scan_attachment(text, "content/files/a.json", set())}
    attribute = html.escape(json.dumps({key: short, "手机": "138****5678"}, ensure_ascii=False), quote=True)
    page = f'<!doctype html><html lang="zh"><body><div data-person="{attribute}">正文</div></body></html>'.encode()
    assert personal.RULE_NAME in {f.rule for f in CHECK("a/index.html", page)}


@pytest.mark.parametrize("data", [{"姓名": "张*明"}, {"姓名": "王科长"}, {"姓名": "李某"}, {"名单": [{"姓名": "张*明"}, {"姓名": "李*"}]},
                                  {"标题": "姓名变更登记办法", "类别": "政策解读"}, {"姓名": ""}, {"name": "退役军人保障法"}])
def test_json_records_without_a_person_pass(data):
    text = json.dumps(data, ensure_ascii=False).encode()
    assert not CHECK("api/a.json", text), text


# ---- file names in GBK --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_a_file_name_in_gbk_bytes_is_read_as_chinese(seed, tmp_path):
    """A folder unpacked from a zip made on Chinese Windows keeps its names' GBK bytes: the name is read as
    GB18030, as Windows shows it."""
    rng = random.Random(seed)
    name = person(rng)
    folder = tmp_path / "content" / "files"
    folder.mkdir(parents=True)
    (folder / os.fsdecode(f"{name}{rng.choice(['申请表', '身份证', ''])}.pdf".encode("gbk"))).write_bytes(b"%PDF-1.4\n")
    (folder / os.fsdecode("申请表.pdf".encode("gbk"))).write_bytes(b"%PDF-1.4\n")
    found = [f for f in personal.scan_tree(Path(tmp_path), set(), remember=False) if f.in_file_name]
    assert [f.rule for f in found] == [personal.RULE_NAME], found
    assert name in found[0].field  # the path prints as \udcc1… escapes: the message says what it reads as
