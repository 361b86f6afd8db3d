"""Faults of the personal-data guard that its other tests once let through: a Word file's headers and footers not
read, and compound surnames (欧阳, 司马 …) taken for a single surname followed by a longer given name. Written
against the guard's entry points (scan_attachment, scan_text), so a reader or a name rule rewritten the same
wrong way elsewhere fails here too."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.guard import personal as privacy
from govsite.guard.personal import names

ID = "11010519491231002X"  # a valid GB 11643 number (check digit X)
GIVEN = ["建华", "秀英", "国强", "明", "伟", "丽娟", "志刚", "红", "海燕", "文"]


def word(body=(), header=None, footer=None, first_header=None, even_footer=None, header_table=None) -> bytes:
    """A Word document with text in the body and in the parts around it (页眉, 页脚, first page, even pages)."""
    import docx

    document = docx.Document()
    for text in body:
        document.add_paragraph(text)
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    if first_header is not None:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = first_header
    if even_footer is not None:
        document.settings.odd_and_even_pages_header_footer = True
        section.even_page_footer.paragraphs[0].text = even_footer
    if header_table is not None:
        table = section.header.add_table(rows=len(header_table), cols=len(header_table[0]), width=docx.shared.Cm(12))
        for r, row in enumerate(header_table):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def found(data: bytes) -> list[tuple[str, str, str]]:
    return [(f.field, f.rule, f.shown) for f in privacy.scan_attachment(data, "a.docx", set())]


def test_a_phone_in_the_header_and_an_id_number_in_the_footer_are_found():
    findings = found(word(["正文没有个人信息。"], header="联系电话 13812345678", footer=f"经办人身份证 {ID}"))
    assert [(field, rule) for field, rule, _ in findings] == [("页眉", privacy.RULE_MOBILE), ("页脚", privacy.RULE_ID)]
    assert ID not in repr(findings) and "13812345678" not in repr(findings)


def test_the_first_pages_header_and_the_even_pages_footer_are_read_too():
    findings = found(word(["正文。"], first_header="首页联系人手机 13912345678", even_footer=f"身份证号码 {ID}"))
    assert sorted((field, rule) for field, rule, _shown in findings) == [("偶数页页脚", privacy.RULE_ID),
                                                                         ("首页页眉", privacy.RULE_MOBILE)]


def test_a_table_in_the_header_is_read_as_a_table():
    findings = found(word(["正文。"], header_table=[["序号", "姓名", "电话"], ["1", "王建华", "13812345678"]]))
    assert sorted(findings) == [("页眉表格1第2行第2列", privacy.RULE_NAME, "王**"),
                                ("页眉表格1第2行第3列", privacy.RULE_MOBILE, "138****5678")]


def test_a_document_with_nothing_personal_around_its_text_is_no_alarm():
    assert found(word(["本表由申请人填写。"], header="某区退役军人事务局", footer="第 1 页")) == []


# ---- compound surnames ---------------------------------------------------------------------------------------

def names_under(header: str, cells: list[str]) -> list[str]:
    rows = "".join(f"| {i} | {cell} |\n" for i, cell in enumerate(cells, 1))
    page = f"---\n标题: 名单\n---\n\n| 序号 | {header} |\n|---|---|\n{rows}"
    return [f.shown for f in privacy.scan_text(page, "content/a.md", set()) if f.rule == privacy.RULE_NAME]


@pytest.mark.parametrize("name", ["欧阳建华", "司马建国", "上官秀英", "诸葛志刚", "慕容海燕", "皇甫丽娟"])
def test_a_full_name_with_a_compound_surname_is_a_name(name):
    assert names_under("人员", ["张*明", name]) == [name[0] + "***"]
    assert names_under("姓名", [name]) == [name[0] + "***"]
    assert privacy.scan_text(f"联系人：{name}\n", "content/a.md", set()) != []


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(sorted(names.COMPOUND_SURNAMES)), st.sampled_from(GIVEN))
def test_a_compound_surname_and_a_given_name_have_the_shape_of_a_name(surname, given_name):
    full = surname + given_name
    assert names.name_shaped(full)
    assert not names.is_masked_name(full)
    for masked in (surname + "*" * len(given_name), surname + "*" + given_name[-1], surname + "某"):
        assert names.is_masked_name(masked), masked
        assert not names.looks_like_name(masked)


@pytest.mark.parametrize("masked", ["欧阳*华", "欧阳**", "欧阳某", "司马*", "上官某某"])
def test_a_masked_compound_name_is_no_alarm(masked):
    assert names_under("姓名", [masked]) == [] and names_under("人员", [masked]) == []


def test_the_compound_surnames_are_those_of_the_bai_jia_xing():
    for surname in ("欧阳", "司马", "上官", "诸葛", "慕容", "皇甫", "东方", "令狐", "尉迟", "长孙"):
        assert surname in names.COMPOUND_SURNAMES
    assert all(len(s) == 2 for s in names.COMPOUND_SURNAMES) and len(names.COMPOUND_SURNAMES) >= 60


# ---- personal numbers: generated against the standards themselves ----------------------------------------------

WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]  # GB 11643-1999: W_i = 2^(i-1) mod 11, read from the left


def check_character(first17: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


PROVINCE_CODES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                  53, 54, 61, 62, 63, 64, 65, 71, 81, 82]


@st.composite
def id_numbers(draw):
    province = draw(st.sampled_from(PROVINCE_CODES))
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
    first17 = f"{province:02d}{draw(st.integers(0, 9999)):04d}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return first17 + check_character(first17)


@settings(max_examples=200, deadline=None)
@given(id_numbers())
def test_every_valid_id_number_is_found_and_any_other_check_character_is_not(number):
    assert privacy.is_id18(number) and privacy.is_id18(number.lower())
    assert [rule for rule, _ in privacy.scan_line(f"身份证：{number}。", set())] == [privacy.RULE_ID]
    for wrong in "0123456789X":
        if wrong != number[-1]:
            assert not privacy.is_id18(number[:17] + wrong)


@pytest.mark.parametrize(("birth", "valid"), [("19000101", True), ("18991231", False), ("21000101", True),
                                             ("21000102", False), ("20240229", True), ("20230229", False),
                                             ("20241301", False), ("20240100", False), ("20240431", False)])
def test_an_id_numbers_birth_date_must_exist_between_1900_and_2100(birth, valid):
    first17 = f"110105{birth}002"
    assert privacy.is_id18(first17 + check_character(first17)) is valid


@pytest.mark.parametrize(("province", "valid"), [(10, False), (11, True), (20, False), (82, True), (83, False), (99, False)])
def test_an_id_number_starts_with_a_province(province, valid):
    first17 = f"{province}0105" + "19491231" + "002"
    assert privacy.is_id18(first17 + check_character(first17)) is valid


@pytest.mark.parametrize(("number", "valid"), [("110105491231002", True), ("110105101231002", True),
                                               ("110105091231002", False), ("110105490230002", False),
                                               ("990105491231002", False), ("11010549123100", False)])
def test_an_old_fifteen_digit_number_is_a_region_and_a_birth_date_from_1910(number, valid):
    assert privacy.is_id15(number) is valid


def luhn_digit(partial: str) -> str:
    """The check digit a card number ends with: doubled from the right, starting next to it."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from("34569"), st.integers(15, 18), st.data())
def test_card_numbers_of_every_length_are_found_by_their_luhn_digit(first, length, data):
    body = first + "".join(data.draw(st.lists(st.sampled_from("0123456789"), min_size=length - 1, max_size=length - 1)))
    card = body + luhn_digit(body)
    assert privacy.luhn_ok(card)
    if len(set(card)) > 1:
        assert privacy.is_bank_card(card) and privacy.is_bank_card(" ".join(card[i:i + 4] for i in range(0, len(card), 4)))
    wrong = body + str((int(luhn_digit(body)) + 1) % 10)
    assert not privacy.luhn_ok(wrong) and not privacy.is_bank_card(wrong)


@pytest.mark.parametrize("partial", ["622202123456789", "411111111111111", "95588012345678901"])
def test_a_card_number_is_found_only_with_a_cards_first_digit_and_length(partial):
    number = partial + luhn_digit(partial)
    assert privacy.is_bank_card(number)
    assert not privacy.is_bank_card("2" + number[1:-1] + luhn_digit("2" + number[1:-1]))  # a year-like serial
    assert not privacy.is_bank_card(number[:15]) and not privacy.is_bank_card(number + "0000")
    assert not privacy.is_bank_card("0" * 16)


@pytest.mark.parametrize(("value", "masked"), [("11010519491231002X", "110*************2X"),
                                               ("13812345678", "138******78"), ("6222 0212 3456 7890", "622***********90"),
                                               ("12345678", "1*****78")])
def test_numbers_are_shown_masked_in_messages(value, masked):
    assert privacy.mask_number(value) == masked


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"),
                                               (702, "AAA")])
def test_spreadsheet_columns_are_named_as_excel_names_them(index, letters):
    from govsite.guard import files

    assert files._column_letters(index) == letters


def test_spreadsheet_values_are_read_as_an_editor_sees_them():
    import datetime as dt

    from govsite.guard import files

    assert [files._cell_text(v) for v in (None, True, 13812345678.0, 1.5, dt.date(2024, 3, 1),
                                           dt.datetime(2024, 3, 1, 9, 30), dt.time(9, 30), "文字", 7)] == \
        ["", "True", "13812345678", "1.5", "2024-03-01", "2024-03-01T09:30:00", "09:30:00", "文字", "7"]
