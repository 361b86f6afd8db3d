"""Faults of the personal-data guard that its other tests once let through: a Word file's headers and footers not
read, and compound surnames (欧阳, 司马 …) taken for a single surname followed by a longer given name. Written
against the guard's entry points (scan_attachment, scan_text), so a reader or a name rule rewritten the same
wrong way elsewhere fails here too."""
from __future__ import annotations

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
