"""Faults of the personal-data guard that its other tests once let through: a Word file's headers and footers not
read, and compound surnames (欧阳, 司马 …) taken for a single surname followed by a longer given name. Written
against the guard's entry points (scan_attachment, scan_text, files.read), so a reader or a name rule rewritten
the same wrong way elsewhere fails here too."""
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
    assert sorted(findings) == [("页眉中的表格第2行第2列", privacy.RULE_NAME, "王**"),
                                ("页眉中的表格第2行第3列", privacy.RULE_MOBILE, "138****5678")]


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
    from govsite.guard.files import ooxml

    assert ooxml.column_letters(index) == letters


def test_spreadsheet_values_are_read_as_an_editor_sees_them():
    from attachments_kit import make_xlsx

    from govsite.guard import files
    from govsite.guard.files import ooxml

    data = make_xlsx({"表": [[True, 13812345678.0, 1.5, 13812345678, "文字", 7, -2.0]]})
    cells = {line.place: line.text for line in files.read(data, "a.xlsx").lines if line.place.endswith("单元格")}
    assert cells == {"工作表“表”A1单元格": "TRUE", "工作表“表”B1单元格": "13812345678", "工作表“表”C1单元格": "1.5",
                     "工作表“表”D1单元格": "13812345678", "工作表“表”E1单元格": "文字", "工作表“表”F1单元格": "7",
                     "工作表“表”G1单元格": "-2"}
    assert [ooxml.number_as_written(v) for v in ("1.3812345678E10", "13812345678.0", "1.5", "文字", "1E21")] == \
        ["13812345678", "13812345678", "1.5", "文字", "1E21"]


# ---- every file of the repository, whatever can go wrong with it ------------------------------------------------

@pytest.fixture
def fresh_scan(monkeypatch):
    """No findings remembered from an earlier scan (privacy._SCAN_CACHE): each test scans for itself."""
    monkeypatch.setattr(privacy, "_SCAN_CACHE", {})


def tree(tmp_path, files: dict[str, bytes | str]):
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return tmp_path


def test_every_file_is_scanned_and_every_one_that_cannot_be_read_is_named(tmp_path, fresh_scan, monkeypatch):
    from attachments_kit import make_xlsx

    root = tree(tmp_path, {
        "content/a-old.doc": b"\xd0\xcf\x11\xe0 old word",
        "content/b-broken.docx": b"not a zip",
        "content/c-big.pdf": b"%PDF-1.4\n" + b"0" * 20000,
        "content/d.md": "联系电话 13812345678\n",
        "content/e.xlsx": make_xlsx({"表": [["身份证"], [ID]]}),
        "content/.hidden/f.md": "联系电话 13912345678\n",
        "data/.g.yml": "电话: 13912345678\n",
        "data/h-13712345678.txt": "无\n",
        "data/i.bin": "13612345678",
    })
    monkeypatch.setattr(privacy, "MAX_ATTACHMENT_BYTES", 10000)
    unreadable: list = []
    findings = privacy.scan_tree(root, set(), unreadable=unreadable, remember=False)
    assert [(f.file, f.rule, f.in_file_name) for f in findings] == [
        ("content/d.md", privacy.RULE_MOBILE, False), ("content/e.xlsx", privacy.RULE_ID, False),
        ("data/h-13712345678.txt", privacy.RULE_MOBILE, True), ("data/i.bin", privacy.RULE_MOBILE, False)]
    assert [(u.file, u.message) for u in unreadable] == [
        ("content/a-old.doc", "Word 97-2003 文档无法由程序读取，其中的个人信息无法检查；请另存为 .docx、.xlsx 或带文字层的 PDF 后再放入"),
        ("content/b-broken.docx", "文件已损坏或不是真正的Word 文档（扩展名与内容不符），无法检查其中的个人信息；请用办公软件重新另存后再放入"),
        ("content/c-big.pdf", "附件超过 0 MB，无法检查其中的个人信息")]
    # without a list for them, unreadable files are simply not scanned (the load reports them)
    assert privacy.scan_tree(root, set(), remember=False) == findings
    assert privacy.scan_tree(root, {"13812345678", "13712345678"}, remember=False)[0].file == "content/e.xlsx"


def test_the_repository_listing_given_by_the_load_is_the_one_scanned(tmp_path, fresh_scan):
    root = tree(tmp_path, {"content/a.md": "13812345678\n", "content/b.md": "13912345678\n"})
    listed = []

    def listing(folder):
        listed.append(folder)
        return [folder / "b.md"]

    findings = privacy.scan_tree(root, set(), folders=("content",), listing=listing, remember=False)
    assert listed == [root / "content"] and [f.file for f in findings] == ["content/b.md"]
    assert [p.name for p in privacy.files_to_scan(root, ("content",), listing)] == ["b.md"]
    assert [p.name for p in privacy.files_to_scan(root, ("content", "missing"))] == ["a.md", "b.md"]


def test_a_file_names_finding_says_so(tmp_path, fresh_scan):
    [finding] = privacy.scan_file_name("content/名单-13812345678.md", set())
    assert (finding.file, finding.line, finding.field, finding.shown, finding.in_file_name) == \
        ("content/名单-13812345678.md", 0, "", "138****5678", True)
    assert finding.message().startswith("文件名疑似公开了个人信息（规则：手机号码）：138****5678。")
    assert privacy.scan_file_name("content/名单-13812345678.md", {"13812345678"}) == []


def test_every_message_names_the_rule_and_how_to_publish_it_correctly():
    card = privacy.Finding("a.md", 1, "", privacy.RULE_BANK, "622***********90")
    assert card.message() == ("此处疑似公开了个人信息（规则：银行卡号）：622***********90。"
                              "银行卡号不得公开；如确需展示，请只保留末四位，如“**** 1234”")
    column = privacy.Finding("a.md", 1, "", privacy.RULE_NAME, "王**", by_column=True)
    assert column.message() == ("此处疑似公开了个人信息（规则：未脱敏姓名）：“王**”（这一列的其他单元格也是姓名，像是人员名单）。"
                                "公开名单中的姓名须去标识化，只保留姓和最后一个字，如“张*明”“李*”")
    single = privacy.Finding("a.md", 1, "", privacy.RULE_NAME, "王**")
    assert "（这一列" not in single.message() and single.message().startswith("此处疑似公开了个人信息（规则：未脱敏姓名）：“王**”。")


# ---- text files, spreadsheets as CSV, PDFs ------------------------------------------------------------------------

def test_text_and_csv_attachments_are_read_in_utf8_with_or_without_bom_and_numbered_by_line():
    findings = privacy.scan_attachment("第一行\n\n联系人 13812345678\n".encode(), "a.txt", set())
    assert [(f.line, f.rule) for f in findings] == [(3, privacy.RULE_MOBILE)]
    csv = "\ufeff序号,姓名,电话\n1,王建华,13812345678\n2,李*,\n".encode()
    findings = privacy.scan_attachment(csv, "a.csv", set())
    assert {(f.line, f.rule, f.shown) for f in findings} == {(2, privacy.RULE_NAME, "王**"),
                                                             (2, privacy.RULE_MOBILE, "138****5678")}
    # a spreadsheet exported in GBK is read in its own encoding
    findings = privacy.scan_attachment("姓名,王建华\n".encode("gbk"), "a.csv", set())
    assert [(f.line, f.field, f.shown) for f in findings] == [(1, "姓名", "王**")]


def test_a_damaged_spreadsheet_or_encrypted_pdf_is_unreadable_with_its_reason():
    from govsite.guard import files

    with pytest.raises(files.Unreadable) as exc:
        files.read(b"PK\x03\x04 broken", "a.xlsx")
    assert str(exc.value).startswith("文件已损坏或不是真正的Excel 工作簿（扩展名与内容不符）")
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(files.Unreadable) as exc:
        files.read(buffer.getvalue(), "a.pdf")
    assert str(exc.value) == "PDF 已加密（设置了打开密码），其中的个人信息无法检查；请放入未加密的 PDF"
    with pytest.raises(files.Unreadable) as exc:
        files.read(b"%PDF-1.4 nothing else", "a.pdf")
    assert str(exc.value).startswith("PDF 无法读取（") and str(exc.value).endswith("），其中的个人信息无法检查；请重新导出 PDF 后再放入")


def test_even_page_headers_and_first_page_footers_are_read_too():
    import docx

    document = docx.Document()
    document.add_paragraph("正文。")
    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = True
    section.different_first_page_header_footer = True
    section.even_page_header.paragraphs[0].text = "偶数页 13812345678"
    section.first_page_footer.paragraphs[0].text = f"首页 {ID}"
    buffer = io.BytesIO()
    document.save(buffer)
    assert sorted((field, rule) for field, rule, _ in found(buffer.getvalue())) == [
        ("偶数页页眉", privacy.RULE_MOBILE), ("首页页脚", privacy.RULE_ID)]


def test_an_opendocument_texts_first_page_and_left_page_headers_are_named_so():
    from files_kit import make_odf

    for element, label in (("header", "页眉"), ("header-first", "首页页眉"), ("header-left", "偶数页页眉"),
                           ("footer-first", "首页页脚"), ("footer-left", "偶数页页脚")):
        data = make_odf("text", "<text:p>正文。</text:p>", header="联系电话 13812345678")
        data = rezipped(data, lambda name, b, e=element: b.replace(b"style:header>", f"style:{e}>".encode())
                        if name == "styles.xml" else b)
        findings = privacy.scan_attachment(data, "a.odt", set())
        assert [(f.field, f.rule) for f in findings] == [(label, privacy.RULE_MOBILE)], element


# ---- the rules' own edges -------------------------------------------------------------------------------------------

def test_malformed_id_numbers_are_not_id_numbers():
    for value in ("1101051949123100", "11010519491231002Y", "110105194912310021X", "abcdefghijklmnopqr", ""):
        assert not privacy.is_id18(value), value
    assert privacy.is_id15("110105120229002") and not privacy.is_id15("110105130229002")  # 1912, a leap year
    assert not privacy.is_id15("110105120431002")  # 31 April


def test_masking_keeps_the_check_character_as_written_and_the_first_three_of_long_numbers():
    assert privacy.mask_number("11010519491231002x") == "110*************2x"
    assert privacy.mask_number("123456789") == "123****89"


def test_names_in_a_review_record_of_a_yaml_file_are_not_read_but_a_list_of_names_is():
    text = ("审核:\n  拟稿: 王建华\n  审核: 李秀英\n名单:\n  - 姓名: 赵国强\n    镇街: 示例镇\n")
    findings = privacy.scan_text(text, "data/x.yml", set())
    assert [(f.line, f.shown) for f in findings] == [(5, "赵**")]


def test_a_number_on_the_first_line_after_an_empty_one_is_numbered_as_in_the_file():
    findings = privacy.scan_text("\n联系人 13812345678\n", "content/a.md", set())
    assert [f.line for f in findings] == [2]
    assert [f.line for f in privacy.scan_text("13812345678 在第一行\n", "content/a.md", set())] == [1]


def test_the_surname_list_is_read_from_its_file_as_the_guard_uses_it():
    singles, compounds = names._load_surnames()
    assert (singles, compounds) == (names.SINGLE_SURNAMES, names.COMPOUND_SURNAMES)
    assert {"王", "李", "张", "欧", "肖", "付", "覃"} <= singles and all(len(s) == 1 for s in singles)
    assert "欧阳" in compounds and "欧阳" not in singles and len(singles) > 400


def test_the_rules_of_a_site_are_its_public_numbers_and_names():
    rules = privacy.Rules.of({"公开号码": [{"号码": "138-1234-5678", "用途": "监督"}],
                              "公开姓名": [{"姓名": "王建华", "依据": "任前公示"}]})
    assert rules == privacy.Rules(frozenset({"13812345678"}), frozenset({"王建华"}))


# ---- tables in every form ---------------------------------------------------------------------------------------

def cells(table) -> list[list[tuple[str, int]]]:
    return [[(c.text, c.line) for c in row] for row in [table.header, *table.rows]]


def test_markdown_tables_are_read_with_their_lines_and_escaped_pipes():
    from govsite.guard.personal.tables import markdown_tables

    lines = ["前文", "| 序号 | 姓名 |", "|:--|--:|", "| 1 | 王\\|建华 |", "| 2 | 李* |", "", "|a|b|", "|---|---|", "|c|d|",
             "", "| 不是表 |", "正文"]
    tables = list(markdown_tables(lines, first_line=10))
    assert [cells(t) for t in tables] == [
        [[("序号", 11), ("姓名", 11)], [("1", 13), ("王\\|建华", 13)], [("2", 14), ("李*", 14)]],
        [[("a", 16), ("b", 16)], [("c", 18), ("d", 18)]]]
    assert list(markdown_tables(["| 甲 |"])) == [] and list(markdown_tables([])) == []


def test_html_tables_are_read_cell_by_cell_with_lines_breaks_and_nested_tables():
    from govsite.guard.personal.tables import html_tables

    html = ("<p>前文</p>\n<TABLE>\n<tr><th>序号</th><th>姓名</th></tr>\n<tr><td>1</td><td>王<br>建华</td></tr>\n"
            "<tr><td>2</td><td><table><tr><td>内</td></tr></table>李*</td></tr>\n</TABLE>")
    tables = list(html_tables(html, first_line=5))
    assert [cells(t) for t in tables] == [
        [[("内", 9)]],
        [[("序号", 7), ("姓名", 7)], [("1", 8), ("王 建华", 8)], [("2", 9), ("李*", 9)]]]
    assert list(html_tables("<p>没有表格</p>")) == [] and list(html_tables("<table></table>")) == []
    # cells outside rows and text outside cells
    [loose] = html_tables("<table><td>甲</td><td>乙</td>外面</table>")
    assert cells(loose) == [[("甲", 1), ("乙", 1)]]


def test_yaml_lists_of_mappings_are_tables_whose_keys_are_the_columns():
    from govsite.guard.personal.tables import yaml_tables

    data = {"名单": [{"姓名": "王建华", "镇": "甲镇"}, {"姓名": "李*", "备注": "无"}, "不是映射", {"姓名": 3}],
            "其他": {"子": [{"人员": "赵国强"}]}}
    lines = {("名单", 0, "姓名"): 3, ("名单", 0, "镇"): 4, ("名单", 1, "姓名"): 5, ("名单", 1, "备注"): 6,
             ("其他", "子", 0, "人员"): 9}
    found = list(yaml_tables(data, lambda path: lines.get(path, 0)))
    assert [path for path, _ in found] == [("名单",), ("其他", "子")]
    table = found[0][1]
    assert [c.text for c in table.header] == ["姓名", "镇", "备注"]
    assert [[(c.text, c.line, c.place) for c in row] for row in table.rows] == [
        [("王建华", 3, "名单[1].姓名"), ("甲镇", 4, "名单[1].镇"), ("", 0, "")],  # places count from 1, as editors do
        [("李*", 5, "名单[2].姓名"), ("", 0, ""), ("无", 6, "名单[2].备注")],
        [("", 0, ""), ("", 0, ""), ("", 0, "")]]
    assert [[c.text for c in row] for row in found[1][1].rows] == [["赵国强"]]


# ---- Markdown pages: front matter, review records, line numbers -------------------------------------------------

def scan_page(text: str, file: str = "content/a.md"):
    return [(f.line, f.field, f.rule, f.shown, f.value) for f in privacy.scan_text(text, file, set())]


def test_a_pages_review_record_is_not_read_and_every_other_line_is_numbered_as_in_the_file():
    page = ("---\n标题: 通知\n审核:\n  拟稿: 王建华\n  电话: 13812345678\n姓名: 赵国强\n---\n\n"
            "正文。\n联系电话 13912345678\n姓名：孙立新\n")
    assert scan_page(page) == [
        (6, "姓名", privacy.RULE_NAME, "赵**", "赵国强"),
        (10, "", privacy.RULE_MOBILE, "139****5678", "13912345678"),
        (11, "", privacy.RULE_NAME, "孙**", "孙立新")]
    dots = page.replace("姓名: 赵国强\n---\n", "姓名: 赵国强\n...\n")  # YAML's other end marker
    assert scan_page(dots) == scan_page(page)


def test_a_page_without_front_matter_is_read_from_its_first_line():
    assert scan_page("姓名：孙立新\n电话 13912345678\n") == [
        (1, "", privacy.RULE_NAME, "孙**", "孙立新"), (2, "", privacy.RULE_MOBILE, "139****5678", "13912345678")]
    assert scan_page("---\n没有结束的前置元数据 13812345678\n") == [
        (2, "", privacy.RULE_MOBILE, "138****5678", "13812345678")]


def test_a_text_file_that_starts_like_front_matter_is_read_whole():
    text = "---\n审核:\n  电话: 13812345678\n---\n"
    assert [f.line for f in privacy.scan_text(text, "data/a.txt", set())] == [3]
    assert privacy.scan_text(text, "content/a.md", set()) == []


@pytest.mark.parametrize(("value", "is_name"), [
    ("王建华", True), ("阿依古丽·买买提", True), ("欧阳建华", True), ("王 建 华", True),
    ("王*华", False), ("（签字）", False), ("□男 □女", False), ("", False), ("王", False),
    ("一二三四五六七", False), ("Wang", False)])
def test_the_value_beside_a_name_label_in_a_form(value, is_name):
    assert names.is_form_name(value) is is_name


def test_a_filled_in_form_in_a_word_file_names_the_box():
    from attachments_kit import make_docx

    data = make_docx([], [[["姓名", "王建华", "性别", "男"], ["申请人", "", "签字", "（签字）"]]])
    assert [(f.field, f.shown) for f in privacy.scan_attachment(data, "a.docx", set())] == [("表格1第1行第2列", "王**")]


# ---- what the output guard is handed: every finding's value as written -----------------------------------------

def test_each_attachment_finding_carries_the_value_as_written_and_its_place():
    from attachments_kit import make_docx, make_xlsx

    data = make_docx(["姓名：孙立新，电话 138 1234 5678"], [[["序号", "人员"], ["1", "张*明"], ["2", "王建华"]]])
    findings = privacy.scan_attachment(data, "a.docx", set())
    assert {(f.line, f.field, f.rule, f.value, f.by_column) for f in findings} == {
        (0, "第1段", privacy.RULE_NAME, "孙立新", False), (0, "第1段", privacy.RULE_MOBILE, "138 1234 5678", False),
        (0, "表格1第3行第2列", privacy.RULE_NAME, "王建华", False)}
    data = make_xlsx({"名单": [["序号", "备注"], [1, "王*华"], [2, "刘建国"], [3, "李*"]]})
    [column] = privacy.scan_attachment(data, "b.xlsx", set())
    assert (column.field, column.value, column.by_column, column.shown) == ("工作表“名单”B3单元格", "刘建国", True, "刘**")
    text = privacy.scan_attachment("姓名：王建华\n".encode(), "c.txt", set())
    assert [(f.line, f.field, f.value) for f in text] == [(1, "", "王建华")]


def test_the_same_finding_twice_at_one_place_is_reported_once_and_different_places_twice():
    from attachments_kit import make_docx

    data = make_docx(["电话 13812345678 或 13812345678", "电话 13812345678"])
    assert sorted(f.field for f in privacy.scan_attachment(data, "a.docx", set())) == ["第1段", "第2段"]


def test_lines_of_a_pdf_with_the_same_number_of_fields_are_a_table():
    from attachments_kit import make_pdf

    data = make_pdf([["名单", "序号 类别 备注", "1 王*华 无", "2 刘建国 无", "另起一段", "3 孙立新 无",
                      "甲 乙", "丙 丁"]])
    # 孙立新, after the paragraph that ends the table, is no row of it: found in the line's text (立新 is one of
    # the given names that are words), not by its column
    assert [(f.field, f.shown, f.by_column) for f in privacy.scan_attachment(data, "a.pdf", set())] == [
        ("第1页第4行", "刘**", True), ("第1页第6行", "孙**", False)]
    # two lines alone are a table too; one line is not
    two = make_pdf([["类别 备注", "刘建国 无", "孙立新 无"]])
    assert [f.field for f in privacy.scan_attachment(two, "b.pdf", set())] == ["第1页第2行", "第1页第3行"]
    one = make_pdf([["刘建国 孙立新"]])  # (the names are found in the line's text, not as a table's column)
    assert [f.by_column for f in privacy.scan_attachment(one, "c.pdf", set())] in ([], [False, False])


def test_overlapping_numbers_are_reported_once_by_the_most_specific_rule():
    hits = list(privacy.number_hits(f"身份证{ID}，15位110105491231002，手机13812345678", set()))
    assert [rule for rule, _shown, _value in hits] == [privacy.RULE_ID, privacy.RULE_ID, privacy.RULE_MOBILE]
    assert [value for _rule, _shown, value in hits] == [ID, "110105491231002", "13812345678"]
    # a 15-digit run inside an 18-digit ID is not a second ID; a mobile inside a card number is not a mobile
    assert [rule for rule, _s, _v in privacy.number_hits(ID, set())] == [privacy.RULE_ID]


@pytest.mark.parametrize(("value", "shaped"), [("王明", True), ("王建华", True), ("欧阳建华", True), ("王建华明", False),
                                              ("王建华明亮", False), ("王", False), ("王 建 华", True), ("王\u3000建华", True),
                                              ("Wang", False), ("王1", False), ("安置", True), ("欧阳", True),
                                              ("欧阳建华明", False), ("喵喵喵", False)])
def test_the_shape_of_a_name(value, shaped):
    assert names.name_shaped(value) is shaped


def test_names_padded_with_a_space_to_line_up_are_names():
    """Lists align two-character names with three-character ones by a space (王　明): a column of them is a list
    of names whatever its header, and the space hides nothing."""
    assert names_under("备注", ["王　明", "刘 强", "李*"]) == ["王**", "刘**"]
    assert names_under("人员", ["王　明"]) == ["王**"]


def test_a_compound_surname_alone_is_no_name():
    assert not names.looks_like_name("欧阳") and names.looks_like_name("欧阳建华")
    assert privacy.scan_text("联系人：欧阳\n", "content/a.md", set()) == []


@pytest.mark.parametrize(("text", "found"), [
    ("姓名：王建华", ["王建华"]), ("姓 名: 王建华", ["王建华"]), ("联系人：王老师", []), ("申请人：张*明", []),
    ("姓名：欧阳建华明亮", []), ("人员：退役士兵", []), ("姓名：王建华；名字：孙立新", ["王建华", "孙立新"]),
    ("名字：阿依古丽", ["阿依古丽"])])
def test_names_written_after_a_label(text, found):
    assert list(privacy.labelled_names(text, frozenset())) == found
    assert list(privacy.labelled_names(text, frozenset(found))) == []  # names published by law


def test_a_column_is_a_list_of_names_when_at_least_two_and_half_of_its_cells_are_names():
    from govsite.guard.files import Cell, Table
    from govsite.guard.personal.tables import scan_table

    def column(*values):
        return Table([Cell("备注")], [[Cell(v)] for v in values])

    assert [h.cell.text for h in scan_table(column("王*华", "刘建国"), frozenset())] == ["刘建国"]
    assert [h.cell.text for h in scan_table(column("刘建国", "孙立新"), frozenset())] == ["刘建国", "孙立新"]
    assert [h.cell.text for h in scan_table(column("刘建国", "甲镇", "乙镇", "丙镇", "丁镇"), frozenset())] == []
    assert [h.cell.text for h in scan_table(column("刘建国", "王*华", "乙镇", "丙镇"), frozenset())] == ["刘建国"]
    assert [h.cell.text for h in scan_table(column("刘建国"), frozenset())] == []
    assert all(h.by_column and h.header == "备注" for h in scan_table(column("刘建国", "孙立新"), frozenset()))
    # a column of places is never a list of names, villages named after families included
    assert list(scan_table(Table([Cell("所在村")], [[Cell("张庄")], [Cell("刘建国")]]), frozenset())) == []
    wide = Table([Cell("姓名")], [[Cell("王建华"), Cell("刘建国")], [Cell("李*"), Cell("孙立新")]])
    assert [(h.cell.text, h.header, h.by_column) for h in scan_table(wide, frozenset())] == [
        ("王建华", "姓名", False), ("刘建国", "", True), ("孙立新", "", True)]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64  # the signature of every legacy Office file


@pytest.mark.parametrize(("name", "data", "outcome"), [
    ("files/a.RAR", OLE, "压缩包无法由程序读取，其中的个人信息无法检查；请另存为 .docx、.xlsx 或带文字层的 PDF 后再放入"),
    ("files.v2/a.wps", OLE, "WPS 文字文档无法由程序读取，其中的个人信息无法检查；请另存为 .docx、.xlsx 或带文字层的 PDF 后再放入"),
    ("files.wps/readme", OLE, "旧版 Office 文档无法由程序读取，其中的个人信息无法检查；请另存为 .docx、.xlsx 或带文字层的 PDF 后再放入"),
    ("files.v2/a.DOCX", b"data",
     "文件已损坏或不是真正的Word 文档（扩展名与内容不符），无法检查其中的个人信息；请用办公软件重新另存后再放入"),
    ("a.docx.v2", b"data", "text"), ("files.docx/notes", b"data", "text"), ("notes.v1.txt", b"data", "text"),
    ("img/photo.JPG", b"\x89PNG\r\n\x1a\n", "图片"), ("fonts/x.woff2", b"wOF2" + b"\x00" * 8, "字体")])
def test_a_file_is_read_by_its_last_extension_whatever_its_folders_are_called(name, data, outcome):
    """A file's kind comes from its bytes; its name's last extension (not a folder's, not an earlier one) names
    the legacy format in the message and tells a damaged office file from text."""
    from govsite.guard import files

    if outcome in ("图片", "字体"):
        assert files.read(data, name).media == outcome
    elif outcome == "text":
        assert [line.text for line in files.read("甲\n\n乙".encode(), name).lines] == ["甲", "乙"]
    else:
        with pytest.raises(files.Unreadable) as exc:
            files.read(data, name)
        assert str(exc.value) == outcome


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused(monkeypatch):
    from attachments_kit import make_docx

    from govsite.guard import files
    from govsite.guard.files import package

    data = make_docx(["正文"])
    import zipfile

    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(package, "MAX_UNPACKED", unpacked)
    assert files.read(data, "a.docx").lines  # exactly at the limit: read
    monkeypatch.setattr(package, "MAX_UNPACKED", unpacked - 1)
    with pytest.raises(files.Unreadable) as exc:
        files.read(data, "a.docx")
    assert str(exc.value) == "Word 文档解压后超过 0 MB，无法检查其中的个人信息；请检查文件是否正确，或拆分后再放入"


def test_a_pdf_with_only_an_owner_password_is_read_and_every_line_after_a_blank_one_too():
    import pypdf
    from attachments_kit import make_pdf

    reader = pypdf.PdfReader(io.BytesIO(make_pdf([["联系人电话", "", "13812345678"]])))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner")  # opens without a password: the public reads it
    buffer = io.BytesIO()
    writer.write(buffer)
    findings = privacy.scan_attachment(buffer.getvalue(), "a.pdf", set())
    assert [(f.line, f.rule) for f in findings] == [(0, privacy.RULE_MOBILE)]


def test_damaged_office_files_that_are_still_zips_say_which_kind_failed():
    """A part that cannot be unpacked (its bytes damaged after the zip was written) names the kind of file, the
    part and what went wrong; a zip holding no office document is an archive to unpack."""
    import zipfile

    from attachments_kit import make_docx, make_xlsx

    from govsite.guard import files

    for data, name, kind, part in ((make_xlsx({"表": [["甲"]]}), "a.xlsx", "Excel 工作簿", "xl/workbook.xml"),
                                   (make_docx(["正文"]), "a.docx", "Word 文档", "word/document.xml")):
        info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        damaged = data[:start] + bytes(b ^ 0xFF for b in data[start:start + info.compress_size]) + \
            data[start + info.compress_size:]
        with pytest.raises(files.Unreadable) as exc:
            files.read(damaged, name)
        assert str(exc.value) == f"{kind}内部的“{part}”无法解压（zlib.error），其中的个人信息无法检查；请用办公软件重新另存后再放入"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not an office file")
    with pytest.raises(files.Unreadable) as exc:
        files.read(buffer.getvalue(), "a.xlsx")
    assert str(exc.value).startswith("压缩包中的文件无法逐一检查个人信息；请解压后把其中的文件分别放入")


# ---- an office file's zip opened within bounds ------------------------------------------------------------------

def rezipped(data: bytes, change=None, compression=None) -> bytes:
    """The same package written again, each part through `change(name, bytes)`, and stored or deflated."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            content = source.read(info)
            out.writestr(info.filename, change(info.filename, content) if change else content,
                         compress_type=info.compress_type if compression is None else compression)
    return buffer.getvalue()


def unreadable(data: bytes, name: str = "a.docx") -> str:
    from govsite.guard import files

    with pytest.raises(files.Unreadable) as exc:
        files.read(data, name)
    return str(exc.value)


def test_damaged_bytes_of_a_part_are_named_with_what_zip_found(monkeypatch):
    import zipfile

    from attachments_kit import make_docx

    data = rezipped(make_docx(["正文"]), compression=zipfile.ZIP_STORED)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    at = data.index(b"<w:body", start)  # a stored part: its bytes change, its checksum no longer matches
    assert unreadable(data[:at] + b"<w:BODY" + data[at + 7:]) == (
        "Word 文档内部的“word/document.xml”无法解压（BadZipFile），其中的个人信息无法检查；请用办公软件重新另存后再放入")


def test_a_package_of_too_many_parts_is_refused_at_the_limit_and_not_below(monkeypatch):
    import zipfile

    from attachments_kit import make_docx

    from govsite.guard import files
    from govsite.guard.files import package

    data = make_docx(["正文"])
    parts = len(zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(package, "MAX_PARTS", parts)
    assert files.read(data, "a.docx").lines
    monkeypatch.setattr(package, "MAX_PARTS", parts - 1)
    assert unreadable(data) == f"Word 文档内部的文件超过 {parts - 1} 个，无法检查其中的个人信息；请检查文件是否正确"


def test_an_encrypted_part_is_refused_with_its_name():
    import struct
    import zipfile

    from attachments_kit import make_docx

    data = bytearray(rezipped(make_docx(["正文"]), compression=zipfile.ZIP_STORED))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    # the "encrypted" flag (bit 0) in the part's local header and in the central directory's entry for it
    struct.pack_into("<H", data, info.header_offset + 6, info.flag_bits | 1)
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry, then the part's
    while not data[entry + 46:].startswith(b"word/document.xml"):
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<H", data, entry + 8, info.flag_bits | 1)
    assert unreadable(bytes(data)) == "Word 文档内部的“word/document.xml”已加密，无法检查其中的个人信息；请去掉密码后再放入"
    other = bytearray(data)
    struct.pack_into("<H", other, entry + 8, info.flag_bits | 2)  # another flag (deflate's option) is no lock
    struct.pack_into("<H", other, info.header_offset + 6, info.flag_bits | 2)
    from govsite.guard import files

    assert files.read(bytes(other), "a.docx").lines


def test_what_comes_out_of_all_parts_together_is_bounded_to_the_byte(monkeypatch):
    """The bound holds on what is unpacked, part after part (a zip's stated sizes may lie)."""
    import zipfile

    from attachments_kit import make_docx

    from govsite.guard.files import package

    data = make_docx(["正文"])
    sizes = {i.filename: i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    at_bound, over = package.Package(data, "Word 文档"), package.Package(data, "Word 文档")
    parts = ["word/document.xml", "[Content_Types].xml", "word/styles.xml"]
    monkeypatch.setattr(package, "MAX_UNPACKED", sum(sizes[p] for p in parts))
    assert [len(at_bound.read(p)) for p in parts] == [sizes[p] for p in parts]
    monkeypatch.setattr(package, "MAX_UNPACKED", sum(sizes[p] for p in parts) - 1)
    over.read(parts[0])
    over.read(parts[1])
    with pytest.raises(package.Unreadable) as exc:
        over.read(parts[2])
    assert str(exc.value) == "Word 文档解压后超过限度（可能是“压缩炸弹”），无法检查其中的个人信息；请检查文件是否正确"


def test_a_part_that_unpacks_to_far_more_than_it_packs_is_a_bomb(monkeypatch):
    import zipfile

    from attachments_kit import make_docx

    from govsite.guard.files import package

    zeros = rezipped(make_docx(["正文"]), lambda name, b: b + b" " * 200_000 if name == "word/document.xml" else b,
                     compression=zipfile.ZIP_DEFLATED)
    info = zipfile.ZipFile(io.BytesIO(zeros)).getinfo("word/document.xml")
    assert info.file_size > package.MAX_RATIO * info.compress_size  # spaces pack about a thousand times
    monkeypatch.setattr(package, "RATIO_FROM", info.file_size - 1)
    assert unreadable(zeros) == "Word 文档解压后超过限度（可能是“压缩炸弹”），无法检查其中的个人信息；请检查文件是否正确"
    monkeypatch.setattr(package, "RATIO_FROM", info.file_size)  # smaller than that is no bomb, however it packs
    from govsite.guard import files

    assert files.read(zeros, "a.docx").lines
    monkeypatch.setattr(package, "RATIO_FROM", 0)
    at_ratio = -(-info.file_size // info.compress_size)
    monkeypatch.setattr(package, "MAX_RATIO", at_ratio)  # within the ratio: read
    assert files.read(zeros, "a.docx").lines
    monkeypatch.setattr(package, "MAX_RATIO", at_ratio - 1)
    assert unreadable(zeros).startswith("Word 文档解压后超过限度（可能是“压缩炸弹”）")


def test_findings_in_attachment_cells_have_no_line_only_a_place():
    from attachments_kit import make_pdf, make_xlsx

    for data, name in ((make_xlsx({"名单": [["姓名"], ["王建华"]]}), "a.xlsx"),
                       (make_pdf([["序号 类别", "1 刘建国", "2 孙立新"]]), "a.pdf")):
        findings = privacy.scan_attachment(data, name, set())
        assert findings and all(f.line == 0 and f.field for f in findings), name


def test_a_run_of_one_repeated_digit_is_not_a_card_number_even_when_it_passes_luhn():
    assert privacy.luhn_ok("4" * 17) and not privacy.is_bank_card("4" * 17)


_part = st.sampled_from(["a", ".a", "b.md", ".b.md", "a.", "x.y", "..c"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_part, min_size=1, max_size=3), max_size=8), st.sampled_from(["data", ".data", "content"]))
def test_hidden_files_and_folders_are_told_from_the_relative_path_as_pathlib_tells_them(tmp_path_factory, paths, top):
    """files_to_scan leaves out every file with a part starting with "." below the root (the root's own folders
    not), as the parts of path.relative_to(root) say, and every folder; told from the relative text first."""
    root = tmp_path_factory.mktemp("scan") / "x.site"  # a root whose own name has a dot: not a hidden part
    for parts in paths:
        target = root.joinpath(top, *parts)
        if any(p.exists() and p.is_file() for p in [target, *target.parents]):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text("x", encoding="utf-8")
    found = list(privacy.files_to_scan(root, (top,)))
    base = root / top
    every = sorted(base.rglob("*")) if base.is_dir() else []
    assert found == [p for p in every
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)]
