"""Personal data spelt in forms the other tests do not name: numbers split by any separator or written in other
digit characters; names and numbers in escapes (HTML references, \\u, %XX, quoted-printable, a stylesheet's \\738b),
behind Markdown's inline markup, in a folder's name, in 7-bit encodings and transfer encodings of a whole text
file (HZ, UTF-7, base64, quoted-printable), split over an SVG text's <tspan>s. Generated variants (seeded), each
through the rule that reads it: the per-unit rules, an attachment's reading, make check's scan of a source."""
from __future__ import annotations

import base64
import quopri
import random
from urllib.parse import quote

import pytest
from files_kit import id18 as with_check_digit

from govsite.guard import output, personal

RULES = personal.Rules()
CHECK = output.FileCheck(RULES, frozenset())
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
GIVEN = ("建国", "秀英", "桂兰", "志强", "海燕", "国庆", "建华", "红霞", "玉梅", "德福", "淑珍", "振宇", "晓东")


def id18(rng: random.Random) -> str:
    first = (f"{rng.choice(['110105', '320102', '410105', '440305', '510107', '130402'])}{rng.randint(1940, 2005)}"
             f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
    return with_check_digit(first)


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def unit_rules(text: str) -> set[str]:
    return {h.rule for h in personal.scan_unit(text, RULES)}


def attachment_rules(data: bytes, name: str) -> set[str]:
    return {f.rule for f in personal.scan_attachment(data, name, set())}


def output_rules(data: bytes, name: str) -> set[str]:
    return {f.rule for f in CHECK(name, data)}


def source_values(text: str, file: str = "content/a.md") -> set[str]:
    return {f.value for f in personal.scan_text(text, file, set())}


# ---- numbers: any separator, any digits ---------------------------------------------------------------------------

SEPARATORS = ("·", "．", "・", "•", "~", "～", "  ", "\u2009", "\u202f", "\u2002", "―", "﹣", "／", "＿")


@pytest.mark.parametrize("seed", range(6))
def test_an_id_or_mobile_number_split_by_any_separator_is_found(seed):
    """Dots of every shape, tildes, thin and double spaces, dashes and slashes of other widths: a number laid out
    with them reads as the number (a mobile's three groups, an ID number's three or four)."""
    rng = random.Random(seed)
    for sep in SEPARATORS:
        number, phone = id18(rng), mobile(rng)
        for text in (sep.join((number[:6], number[6:14], number[14:])),
                     sep.join((number[:6], number[6:10], number[10:14], number[14:])),
                     f"如有疑问请拨打{sep.join((phone[:3], phone[3:7], phone[7:]))}咨询"):
            assert unit_rules(text) & {personal.RULE_ID, personal.RULE_MOBILE}, (sep, text)


def _digits_in(number: str, zero: int) -> str:
    return "".join(chr(zero + int(d)) if d.isdigit() else d for d in number)


@pytest.mark.parametrize("seed", range(6))
def test_a_number_in_other_digit_characters_is_found(seed):
    """Arabic-Indic, Devanagari, mathematical, circled and superscript digits, and the capital numerals of receipts
    (壹贰叁): each reads as the digit it stands for."""
    rng = random.Random(seed)
    phone, number = mobile(rng), id18(rng)
    forms = [_digits_in(phone, 0x660), _digits_in(phone, 0x966), _digits_in(phone, 0x1D7CE), _digits_in(number, 0x1D7EC),
             "".join("⓪①②③④⑤⑥⑦⑧⑨"[int(d)] for d in phone), "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in phone),
             "手机：" + "".join("零壹贰叁肆伍陆柒捌玖"[int(d)] for d in phone), f"ID{number}", f"No.{number}"]
    for text in forms:
        assert unit_rules(text) & {personal.RULE_ID, personal.RULE_MOBILE}, text


@pytest.mark.parametrize("seed", range(4))
def test_a_mobile_number_one_digit_to_a_group_after_its_label_is_found(seed):
    phone = mobile(random.Random(seed))
    for sep in (" ", "-", "、", "."):
        assert personal.RULE_MOBILE in unit_rules("手机：" + sep.join(phone)), sep


@pytest.mark.parametrize("text", ["分别为150、2300、4500人", "第1、2、3条", "2000~2024年", "4.1.2 表格", "①②③",
                                  "¹²³ 注释", "192.168.001.001", "统计：13 500 200 100", "金额壹万贰仟叁佰元",
                                  "ISBN 978-7-5118-1234-5", "发文字号：豫政〔2024〕8号", "2024.01.01—2024.12.31"])
def test_figures_laid_out_with_the_same_separators_are_no_number(text):
    assert not unit_rules(text) & {personal.RULE_ID, personal.RULE_MOBILE, personal.RULE_BANK}, text


# ---- escapes ------------------------------------------------------------------------------------------------------

def _escapes(text: str) -> list[str]:
    return ["".join(f"&#x{ord(c):x};" for c in text), "".join(f"&#{ord(c)};" for c in text),
            "".join(f"\\u{ord(c):04x}" for c in text), quote(text), quote(quote(text)),
            "".join(f"%u{ord(c):04X}" for c in text),
            quopri.encodestring(text.encode()).decode().replace("=\n", ""),
            "".join(f"\\{ord(c):x} " if ord(c) > 0x3000 else c for c in text)]


@pytest.mark.parametrize("seed", range(6))
def test_a_name_or_number_spelt_in_escapes_is_found_in_any_unit(seed):
    rng = random.Random(seed)
    for plain, rule in ((f"联系人：{person(rng)}同志", personal.RULE_NAME), (f"身份证号：{id18(rng)}", personal.RULE_ID),
                        (f"手机：{mobile(rng)}", personal.RULE_MOBILE)):
        for spelt in _escapes(plain):
            assert rule in unit_rules(spelt), spelt


@pytest.mark.parametrize("seed", range(4))
def test_make_check_reads_escapes_in_markdown_yaml_and_front_matter(seed):
    """make check stops as make build does: a page shows &#x738b; as 王, YAML reads \\u738b as 王, a link's
    %E7%8E%8B is the name its address shows."""
    rng = random.Random(seed)
    name = person(rng)
    refs = "".join(f"&#x{ord(c):x};" for c in f"联系人：{name}同志")
    yaml_escaped = "".join(f"\\u{ord(c):04x}" for c in f"联系人：{name}同志")
    for text, file in ((f"# 公示\n\n{refs}\n", "content/a.md"), (f'标题: 公示\n说明: "{yaml_escaped}"\n', "data/a.yml"),
                       (f'---\n标题: "{yaml_escaped}"\n---\n\n正文\n', "content/a.md"),
                       (f'# 公示\n\n<img src="a.png" alt="{refs}">\n', "content/a.md"),
                       (f"# 公示\n\n[查询](/s/?q={quote('联系人：' + name + '同志')})\n", "content/a.md")):
        assert name in source_values(text, file), text


@pytest.mark.parametrize("seed", range(4))
def test_markdown_markup_inside_a_name_or_number_hides_neither_from_make_check(seed):
    rng = random.Random(seed)
    name, number = person(rng), id18(rng)
    for line in (f"联系人：{name[0]}**{name[1:]}**同志", f"联系人：`{name}`同志", f"联系人：[{name}](/a/)同志",
                 f"联系人：{name[0]}<b>{name[1:]}</b>同志", f"联系人：*{name}*同志"):
        assert name in source_values(f"# 公示\n\n{line}\n"), line
    for line in (f"身份证号：{number[:9]}<!-- -->{number[9:]}", f"身份证号：{number[:9]}**{number[9:]}**"):
        assert personal.RULE_ID in {f.rule for f in personal.scan_text(f"# 公示\n\n{line}\n", "content/a.md", set())}


@pytest.mark.parametrize("seed", range(4))
def test_lone_names_in_bold_or_code_on_their_lines_are_found_by_make_check(seed):
    """A list of names each in bold (a paragraph, a numbered or bulleted item): the page shows lone names, as a
    list without markup would."""
    rng = random.Random(seed)
    names = [person(rng) for _ in range(3)]
    for layout in ("\n\n".join(f"**{n}**" for n in names), "\n".join(f"{i}. **{n}**" for i, n in enumerate(names, 1)),
                   "\n".join(f"- `{n}`" for n in names), "\n".join(f"- __{n}__" for n in names)):
        assert set(names) & source_values(f"# 名单\n\n{layout}\n"), layout


@pytest.mark.parametrize("text", ["拟认定张*明为对象。", "姓名：张*明", "孙*等2名同志", "**第一条**　公民的人格尊严不受侵犯。",
                                  "身份证号：41**************12", "[第一条](#art-1)　国家保障退役军人的合法权益。",
                                  "电话：`0371-12345678`", "费用按&ldquo;谁受益、谁负担&rdquo;的原则承担。",
                                  "参见 https://www.gov.cn/zhengce/%E6%94%BF%E7%AD%96 的说明",
                                  "**申请人**：应当提交的材料", "- **联系方式**：见本局公开电话", "**示例镇**\n\n**张庄村**\n\n**李家镇**",
                                  "[退役军人保障法](../laws/tuiyi/)第二十条", "`姓名` 一列须打码"])
def test_escapes_and_markup_around_masked_names_and_laws_name_no_one(text):
    assert personal.scan_text(f"# 公示\n\n{text}\n", "content/a.md", set()) == [], text


# ---- file and folder names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_a_name_or_number_in_a_folders_name_is_found(seed):
    rng = random.Random(seed)
    name, number = person(rng), id18(rng)
    for path in (f"content/files/{name}/申请表.pdf", f"content/files/{name}同志/a.pdf", f"content/files/{number}/a.pdf",
                 f"content/files/{quote(name)}同志申请表.pdf"):
        assert personal.scan_file_name(path, set()), path
    assert output.name_findings(f"files/{name}同志/a.pdf", RULES)


@pytest.mark.parametrize("path", ["content/notices/2025/a.md", "content/files/2024年度/公示名单（已脱敏）.pdf",
                                  "content/files/张庄村/示例镇.pdf", "content/files/%E6%94%BF%E7%AD%96/a.pdf"])
def test_folders_named_by_years_places_and_papers_name_no_one(path):
    assert personal.scan_file_name(path, set()) == [], path


# ---- whole files in 7-bit and transfer encodings; an SVG's text in pieces ----------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_a_text_file_in_hz_utf7_base64_or_quoted_printable_is_read_as_it_spells(seed):
    rng = random.Random(seed)
    lines = f"示例区退役军人事务局公示\r\n联系人：{person(rng)}同志，手机：{mobile(rng)}\r\n家庭住址：示例镇张庄村3组12号\r\n"
    raw = lines.encode()
    for data in (lines.encode("hz"), lines.encode("utf-7"), base64.encodebytes(raw),
                 base64.encodebytes(lines.encode("gb18030")), quopri.encodestring(raw)):
        for name in ("content/files/a.txt", "content/files/a.csv"):
            found = attachment_rules(data, name)
            assert {personal.RULE_NAME, personal.RULE_MOBILE} <= found, (name, data[:40])
            assert {personal.RULE_NAME, personal.RULE_MOBILE} <= output_rules(data, name[8:]), (name, data[:40])


@pytest.mark.parametrize("data", [b"3f0c9a8b7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a29\n",
                                  b"User-agent: *\nDisallow: /drafts/\n", b"a=1&b=2\nC++-style +ABC- notes\n",
                                  b"~{ just braces ~}\n", b"QUJDREVGR0hJSktMTU5PUA==\n"])
def test_plain_ascii_files_that_spell_nothing_stay_plain(data):
    """A digest, a robots file, a key: none decodes to Chinese text, and none is refused for it."""
    assert attachment_rules(data, "content/files/a.txt") == set()


@pytest.mark.parametrize("seed", range(4))
def test_an_svg_text_in_tspans_is_read_as_it_is_drawn(seed):
    rng = random.Random(seed)
    for text, rule in ((f"联系人：{person(rng)}同志", personal.RULE_NAME), (f"身份证号：{id18(rng)}", personal.RULE_ID)):
        spans = "".join(f"<tspan>{c}</tspan>" for c in text)
        svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="2">{spans}</text></svg>'.encode()
        assert rule in attachment_rules(svg, "content/files/a.svg"), text
        assert rule in output_rules(svg, "files/a.svg"), text


# ---- a field that holds one person's name: a document's author -------------------------------------------------

TWO_CHARACTER_GIVEN = ("静", "敏", "伟", "芳", "红", "浩然", "金花", "子涵")


def _docx_by(author: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("公示")
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx_by(author: str) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "公示"
    book.properties.creator = author
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf_by(author: str) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Author": author, "/Title": "公示"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pptx_commented_by(author: str) -> bytes:
    import io
    import zipfile

    ns = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Override PartName="/ppt/presentation.xml" ContentType="application/'
                               'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                       '2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>',
        "ppt/presentation.xml": f"<p:presentation {ns}/>",
        "ppt/slides/slide1.xml": f"<p:sld {ns}><p:cSld><p:spTree/></p:cSld></p:sld>",
        "ppt/commentAuthors.xml": f'<p:cmAuthorLst {ns}><p:cmAuthor id="0" name="{author}" initials="A"/></p:cmAuthorLst>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return out.getvalue()


MAKERS = ((_docx_by, "a.docx"), (_xlsx_by, "a.xlsx"), (_pdf_by, "a.pdf"), (_pptx_commented_by, "a.pptx"))


@pytest.mark.parametrize("seed", range(4))
def test_a_name_alone_in_an_authors_field_is_found(seed):
    """A two-character name, or one whose given name is a word, alone in a cell may be a village; as a document's
    author or a comment's it is a person."""
    rng = random.Random(seed)
    for make, name in MAKERS:
        author = rng.choice(SURNAMES) + rng.choice(TWO_CHARACTER_GIVEN)
        assert personal.RULE_NAME in attachment_rules(make(author), f"content/files/{name}"), (name, author)


@pytest.mark.parametrize("author", ["Administrator", "示例区退役军人事务局", "微软用户", "办公室", "User", "张*明", "WPS Office",
                                    "区退役军人服务中心", "admin"])
def test_authors_that_are_no_person_or_masked_name_no_one(author):
    for make, name in MAKERS:
        assert personal.RULE_NAME not in attachment_rules(make(author), f"content/files/{name}"), (name, author)


# ---- characters that draw nothing, draw in reverse, or draw as another -------------------------------------------

INVISIBLE = ("\ufe0f", "\ufe00", "\U000e0100", "\u180e", "\u034f", "\u2066", "\u202a", "\u202d", "\u3164", "\u115f",
             "\U000e0020", "\u061c", "\u17b4", "\u2069")


@pytest.mark.parametrize("seed", range(4))
def test_a_name_or_number_with_any_invisible_character_inside_is_found(seed):
    """Variation selectors, direction marks and isolates, tags, fillers: inside a name or number, a page shows it
    whole."""
    rng = random.Random(seed)
    for mark in INVISIBLE:
        name, number = person(rng), id18(rng)
        assert personal.RULE_NAME in unit_rules(f"联系人：{mark.join(name)}同志"), repr(mark)
        assert personal.RULE_ID in unit_rules(f"身份证号：{mark.join(number)}"), repr(mark)
        found = source_values(f"# 公示\n\n联系人：{mark.join(name)}同志\n")  # each as written, the marks kept
        assert name in {value.replace(mark, "") for value in found}, repr(mark)


@pytest.mark.parametrize("seed", range(4))
def test_a_name_in_reverse_under_a_right_to_left_override_or_in_radicals_is_found(seed):
    rng = random.Random(seed)
    name = person(rng)
    assert name in {h.value for h in personal.scan_unit(f"联系人：\u202e{name[::-1]}\u202c同志", RULES)}
    # Kangxi radicals that show as a surname's character (⾦ 金, ⽅ 方, ⽯ 石; ⾺ 馬 and ⿈ 黃 in traditional characters)
    radicals = {"金": "\u2fa6", "方": "\u2f45", "石": "\u2f6f", "马": "\u2fba", "黄": "\u2fc8"}
    surname = rng.choice(sorted(radicals))
    spelt = radicals[surname] + name[1:]
    assert personal.RULE_NAME in unit_rules(f"联系人：{spelt}同志"), spelt
    assert source_values(f"# 公示\n\n联系人：{spelt}同志\n"), spelt


@pytest.mark.parametrize("text", ["\u2f08\u2f00\u2f04", "第\u2f00条", "\u200e2024年\u200f", "مرحبا\u061c", "示例区\ufe0f退役军人事务局"])
def test_radicals_and_marks_around_words_name_no_one(text):
    assert personal.RULE_NAME not in unit_rules(text), text


@pytest.mark.parametrize("seed", range(4))
def test_a_number_a_stylesheet_escapes_digit_by_digit_is_found(seed):
    phone = mobile(random.Random(seed))
    css = ('p::after { content: "' + "".join(f"\\3{d} " for d in phone) + '"; }\n').encode()
    assert personal.RULE_MOBILE in attachment_rules(css, "content/assets/a.css")
    assert personal.RULE_MOBILE in output_rules(css, "assets/a.css")


# ---- a name split over a surname's column and a given name's -------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_a_name_split_over_a_surname_and_a_given_name_column_is_found(seed):
    rng = random.Random(seed)
    people = [(rng.choice(SURNAMES), rng.choice(GIVEN)) for _ in range(2)]
    for first, second in (("姓", "名"), ("姓氏", "名字"), ("姓 ", " 名")):
        rows = "".join(f"| {s} | {g} | 示例镇 |\n" for s, g in people)
        markdown = f"# 名单\n\n| {first} | {second} | 单位 |\n|---|---|---|\n{rows}"
        assert {s + g for s, g in people} <= source_values(markdown), markdown
        csv = (f"{first.strip()},{second.strip()},单位\n" + "".join(f"{s},{g},示例镇\n" for s, g in people)).encode("gb18030")
        assert personal.RULE_NAME in attachment_rules(csv, "content/files/a.csv")
        yaml_text = "名单:\n" + "".join(f"  - {first.strip()}: {s}\n    {second.strip()}: {g}\n" for s, g in people)
        assert {s + g for s, g in people} <= source_values(yaml_text, "data/a.yml"), yaml_text


@pytest.mark.parametrize("rows", [[("王", "*华"), ("李", "*")], [("张", "某"), ("王", "某某")], [("欧阳", "*")]])
def test_masked_given_names_in_a_split_name_name_no_one(rows):
    body = "".join(f"| {s} | {g} | 示例镇 |\n" for s, g in rows)
    assert personal.scan_text(f"# 名单\n\n| 姓 | 名 | 单位 |\n|---|---|---|\n{body}", "content/a.md", set()) == []
