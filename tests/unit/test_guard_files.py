"""The readers of published files (govsite/guard/files/): every format read whole, in any encoding.

Each test plants generated personal data (other names, ID numbers, mobiles for each seed) in one part of a
file and asserts it is read at the right place, and that a clean file of the same kind gives no finding."""
from __future__ import annotations

import gzip
import json

import pytest
from files_kit import (
    People,
    deleted,
    field,
    image,
    inserted,
    make_docx,
    make_odf,
    make_ofd,
    para,
    run,
    runs_of,
    table,
    text_box,
    text_object,
    zip_of,
)

from govsite.guard import files
from govsite.guard import personal as privacy

SEEDS = range(4)


def places(extracted, value: str) -> list[str]:
    """Places of the units holding `value` (spaces a layout may add between characters ignored)."""
    return [u.place for u in extracted.lines if value in u.text or value in u.text.replace(" ", "")]


def lines_of(extracted, value: str) -> list[int]:
    return [u.line for u in extracted.lines if value in u.text]


def findings(data: bytes, name: str):
    return privacy.scan_attachment(data, name, set())


# ---- encodings ----------------------------------------------------------------------------------------------

def name_list(people: People, rows: int) -> tuple[str, list[tuple[str, str, str]]]:
    planted = [(people.name(), people.id_number(), people.mobile()) for _ in range(rows)]
    text = "序号,姓名,身份证号码,联系电话,所在镇（街道）\r\n" + "".join(
        f"{i},{n},{id_},{m},示例街道\r\n" for i, (n, id_, m) in enumerate(planted, 1))
    return text, planted


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32"])
@pytest.mark.parametrize("seed", range(12))
def test_a_name_list_is_read_in_every_encoding_excel_and_notepad_save(encoding, seed):
    people = People(seed)
    text, planted = name_list(people, 1 + seed % 4)  # one row to four: short files are the hard ones
    extracted = files.read(text.encode(encoding), "content/notices/2026/files/mingdan.csv")
    for number, (name, id_number, _mobile) in enumerate(planted, start=2):
        assert lines_of(extracted, id_number) == [number] and lines_of(extracted, name) == [number]
    table = extracted.tables[0]
    assert [c.text for c in table.header][:2] == ["序号", "姓名"] and [r[1].text for r in table.rows] == [
        n for n, _i, _m in planted]
    got = {(f.line, f.rule) for f in findings(text.encode(encoding), "a.csv")}
    assert {(n, privacy.RULE_ID) for n in range(2, 2 + len(planted))} <= got
    assert {(n, privacy.RULE_MOBILE) for n in range(2, 2 + len(planted))} <= got


def test_encodings_are_told_apart_on_short_texts_of_many_kinds():
    """GBK text read as GB18030, never as Korean or Big5 mojibake; Big5 text of some length read as Big5."""
    import random

    rng = random.Random(3)
    people = People(3)
    for _ in range(300):
        text = "".join(rng.choice(["联系人：", "，", people.name(), "退役军人", "补助", "身份证号", "\n"])
                       for _ in range(rng.randint(1, 6)))
        assert files.decode(text.encode("gbk")).text == text
    traditional = "退役軍人事務局關於優撫對象資格認定的公示：經本人申請、鎮（街道）初審，擬認定下列同志。"
    assert files.decode(traditional.encode("cp950")).encoding == "cp950"


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x00\x01\x02\x03garbage\xff\xfe" * 50])
def test_bytes_that_are_no_text_are_refused_with_the_fix(data):
    with pytest.raises(files.Unreadable, match="另存为“UTF-8”"):
        files.read(data, "a.txt")


# Words of other scripts, as a stylesheet or a script carries them (a search library's word lists, ranges of
# characters in a pattern, an icon font's names): few or many, each valid UTF-8.
OTHER_SCRIPTS = {
    "korean": ["검색", "결과", "문서", "없음", "이다", "하다"], "thai": ["\u0e00", "\u0e7f", "ค้นหา", "ผลลัพธ์"],
    "hindi": ["खोज", "परिणाम", "दस्तावेज़"], "russian": ["поиск", "результаты", "документ"],
    "vietnamese": ["tìm", "kiếm", "kết", "quả", "\u0300", "\u0301"], "greek": ["αναζήτηση", "αποτελέσματα"],
}


@pytest.mark.parametrize("script", sorted(OTHER_SCRIPTS))
@pytest.mark.parametrize("seed", range(4))
def test_utf8_of_another_script_is_read_as_utf8_and_what_it_holds_is_checked(script, seed):
    import random

    rng = random.Random(seed)
    words = [rng.choice(OTHER_SCRIPTS[script]) for _ in range(rng.randint(1, 40))]
    mobile = People(seed).mobile()
    text = f'var stop="{" ".join(words)}";var re=/[{words[0]}-{words[-1]}]/;var tel="{mobile}";\n'
    extracted = files.read(text.encode("utf-8"), "assets/javascripts/lunr.x.min.js")
    assert "".join(u.text for u in extracted.lines) == text.strip()
    assert (1, privacy.RULE_MOBILE) in {(f.line, f.rule) for f in findings(text.encode("utf-8"), "a.js")}


def test_charset_normalizer_alone_would_misread_a_short_gbk_csv():
    """Why the decision is not left to charset-normalizer: it reads this two-line GBK file as Korean."""
    import charset_normalizer

    data = "序号,姓名\n1,李四\n".encode("gbk")
    assert charset_normalizer.from_bytes(data).best().encoding != "gb18030"
    assert files.decode(data).text == "序号,姓名\n1,李四\n"


# ---- HTML ---------------------------------------------------------------------------------------------------

def test_html_is_read_as_a_person_and_a_screen_reader_get_it():
    for seed in SEEDS:
        people = People(seed)
        names = [people.name() for _ in range(9)]
        mobile, id_number = people.mobile(), people.id_number()
        escaped = "".join(f"&#{ord(c)};" for c in names[8])
        page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>公示</title>
<meta name="description" content="联系人{names[0]}">
<meta name="viewport" content="width=device-width">
<script type="application/ld+json">{{"author": {{"name": "{names[1]}"}}}}</script>
<script>var a = "{people.name()}程序里的字不是文字"; var n = 13800000000;</script>
<style>.x::after {{ content: "{people.name()}"; }}</style>
</head><body>
<p>请与<strong>{names[2][:1]}</strong>{names[2][1:]}同志联系，
电话 {mobile}。</p>
<div style="display:none">{id_number}</div>
<img src="a.png" alt="{names[3]}的照片"><a href="tel:{people.mobile()}" title="{names[4]}">拨打</a>
<input type="text" placeholder="如：{names[5]}"><button aria-label="联系{names[6]}">联系</button>
<figure><img src="b.png" alt=""><figcaption>{names[7]}在活动中</figcaption></figure>
<p>{escaped}</p>
<!-- 编辑备注：{people.id_number()} -->
<table><tr><th>姓名</th><th>镇街</th></tr>
<tr><td>{names[0]}</td><td>示例镇</td></tr></table>
</body></html>"""
        extracted = files.read(page.encode("utf-8"), "notices/a/index.html")
        assert places(extracted, f"请与{names[2]}同志联系") == ["第9行"]  # inline elements joined
        assert lines_of(extracted, mobile) == [9]  # a unit is at the line where it starts
        assert places(extracted, id_number) == ["第11行"]  # hidden by CSS: still published
        assert places(extracted, names[0]) == ["第3行网页说明（meta description）", "第18行"]
        assert places(extracted, names[1]) and places(extracted, names[3]) == ["第12行图片的替代文字（alt）"]
        assert places(extracted, names[4]) == ["第12行提示文字（title）"]
        assert any("链接地址" in p for u in extracted.lines if u.text.startswith("tel:") for p in [u.place])
        assert places(extracted, names[5]) == ["第13行输入框提示（placeholder）"]
        assert places(extracted, names[6]) == ["第13行读屏文字（aria-label）"]
        assert places(extracted, names[7]) == ["第14行"] and places(extracted, names[8]) == ["第15行"]
        assert any("HTML 注释" in u.place for u in extracted.lines)
        # a page's own script and style are published as they stand: read line by line, as their own files are
        assert places(extracted, "程序里的字") and any("13800000000" in u.text for u in extracted.lines)
        assert not any("width=device-width" in u.text for u in extracted.lines)
        table = extracted.tables[0]
        assert [c.text for c in table.header] == ["姓名", "镇街"] and table.rows[0][0].line == 18


def test_a_page_with_nothing_personal_gives_nothing():
    page = ('<html><head><meta name="viewport" content="width=device-width"><link rel="stylesheet" '
            'href="/assets/site.33c1816d.min.css"></head><body><svg viewBox="0 0 24 24"><path d="M12 2C6.48 2 2 '
            '6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2z"/></svg><p class="x" data-n="3">办事指南</p>'
            '<a href="/notices/2026/a/">公示</a></body></html>')
    assert findings(page.encode(), "index.html") == []


# ---- feeds, sitemap, JSON, search index ---------------------------------------------------------------------

def test_feeds_are_read_with_their_html_as_html():
    for seed in SEEDS:
        people = People(seed)
        a, b, c = people.name(), people.name(), people.name()
        id_number = people.id_number()
        html = f'<p>拟认定{a}同志</p><table><tr><th>姓名</th></tr><tr><td>{b}</td></tr></table><img alt="{c}">'
        rss = f"""<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0"><channel><title>公示</title>
<item><title>关于{a}的公示</title>
<description>{html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}</description>
<content:encoded><![CDATA[<p>身份证号 {id_number}</p>]]></content:encoded></item></channel></rss>"""
        extracted = files.read(rss.encode(), "feeds/all.xml")
        assert places(extracted, f"关于{a}的公示") == ["第3行（<title>）"]
        assert lines_of(extracted, f"拟认定{a}同志") == [4] and lines_of(extracted, id_number) == [5]
        assert places(extracted, c) == ["第4行图片的替代文字（alt）"]
        assert [[cell.text for cell in row] for row in extracted.tables[0].rows] == [[b]]
        atom = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
                f'<author><name>{a}</name></author>\n<content type="html">{html.replace("<", "&lt;")}</content>'
                "</entry></feed>")
        extracted = files.read(atom.encode(), "feeds/all.atom")
        assert lines_of(extracted, a) == [2, 3] and places(extracted, c) == ["第3行图片的替代文字（alt）"]


def test_sitemap_gzipped_with_escaped_chinese_in_an_address():
    people = People(9)
    name = people.name()
    from urllib.parse import quote

    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f'\n<url><loc>https://x.gov.cn/files/{quote(name)}名单.pdf</loc></url></urlset>')
    extracted = files.read(gzip.compress(sitemap.encode(), mtime=0), "sitemap.xml.gz")
    assert lines_of(extracted, name) == [3]


def test_json_strings_and_long_numbers_with_their_lines_and_paths():
    people = People(4)
    name, mobile = people.name(), people.mobile()
    data = json.dumps({"items": [{"标题": "公示", "联系人": name}, {"电话": int(mobile)}]}, ensure_ascii=False, indent=1)
    extracted = files.read(data.encode(), "api/catalogue.json")
    assert places(extracted, name) == ["第5行（$.items[0].联系人）"] and lines_of(extracted, mobile) == [8]
    assert files.read(json.dumps([name]).encode(), "a.json").lines[0].place == "第1行（$[0]）"


def test_a_name_that_reaches_the_search_index_is_found_in_its_files():
    from govsite.search.extract import Record
    from govsite.search.index import build_files

    people = People(5)
    name, id_number = people.name(), people.id_number()
    records = [Record(url=f"p{i}/", title=f"标题{i}", text=("正文" * 50 + f"联系人{name}，身份证{id_number}。")
                      if i == 7 else "正文" * 80, group=_group(), kind="notice", status="", keys="", date="2026-01-01",
                      article=False, listing=False) for i in range(40)]
    found = []
    for path, data in build_files(records).items():
        extracted = files.read(data, f"searchindex/{path}")
        if path.endswith(".bin"):
            assert extracted.media == "搜索索引" and not extracted.lines
        found += [path for u in extracted.lines if name in u.text and id_number in u.text]
    assert found and all(p.startswith("c/") for p in found)
    with pytest.raises(files.Unreadable):
        files.read(b"\x01\x02\x03 not postings", "searchindex/g/0.bin")
    with pytest.raises(files.Unreadable):
        files.read(bytes(range(256)), "assets/data.bin")


def _group():
    from govsite.search.facts import GROUPS

    return GROUPS[0]


# ---- Word ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_every_part_of_a_word_document_is_read_at_its_place(seed):
    p = People(seed)
    v = {k: p.name() for k in ("body", "table", "header", "footer", "note", "comment", "commenter", "box", "del",
                               "reviser", "ins", "alt", "author", "editor", "custom")}
    ids = {k: p.id_number() for k in ("body", "del", "field", "hidden")}
    data = make_docx(
        [para(runs_of(f"请与{v['body']}同志联系，身份证号{ids['body']}。")),
         para(run("经审核，"), inserted(f"{v['ins']}同志", v["reviser"]), deleted(f"{v['del']}（{ids['del']}）", v["reviser"])),
         para(run("详见"), field(f'HYPERLINK "mailto:{ids["field"]}@example.cn"', "邮箱")),
         para(text_box(f"联系人：{v['box']}")), para(image(f"{v['alt']}的照片")),
         table([["序号", "姓名"], ["1", v["table"]]])],
        header=f"制表人：{v['header']}", footer=f"审核人：{v['footer']}", footnote=f"{v['note']}提供",
        comment=(f"请核对{v['comment']}的信息", v["commenter"]), author=v["author"], modified_by=v["editor"],
        extra_parts={"customXml/item1.xml": f"<data><经办人>{v['custom']}</经办人><号码>{ids['hidden']}</号码></data>"})
    extracted = files.read(data, "content/xxgk/fujian/a.docx")
    assert places(extracted, f"请与{v['body']}同志联系") == ["第1段"]  # a name cut into runs, read whole
    assert places(extracted, v["ins"]) == ["第2段"] and places(extracted, v["del"]) == ["第2段修订（删除的文字）"]
    assert places(extracted, ids["del"]) == ["第2段修订（删除的文字）"] and "修订（作者）" in places(extracted, v["reviser"])
    assert places(extracted, ids["field"]) == ["第3段域代码"]
    assert places(extracted, v["box"]) == ["文本框"] and places(extracted, v["alt"]) == ["第5段图片说明（替代文字）"]
    assert places(extracted, v["table"]) == ["表格1第2行第2列"]
    assert places(extracted, v["header"]) == ["页眉"] and places(extracted, v["footer"]) == ["页脚"]
    assert places(extracted, v["note"]) == ["脚注"] and places(extracted, v["comment"]) == ["批注"]
    assert places(extracted, v["commenter"]) == ["批注（作者）"]
    assert places(extracted, v["author"]) == ["文档属性“作者”"] and places(extracted, v["editor"]) == ["文档属性“最后修改者”"]
    assert places(extracted, v["custom"]) == ["自定义数据（经办人）"] and places(extracted, ids["hidden"])
    assert [c.text for c in extracted.tables[0].rows[0]] == ["1", v["table"]]
    found = {(f.field, f.rule) for f in findings(data, "a.docx")}
    assert {("第1段", privacy.RULE_ID), ("第2段修订（删除的文字）", privacy.RULE_ID),
            ("表格1第2行第2列", privacy.RULE_NAME)} <= found


def test_a_clean_word_document_gives_nothing():
    """Fonts (宋体), style names (标题 1), drawing coordinates and counts in the properties are no text."""
    data = make_docx([para(run("关于做好2026年退役军人优待工作的通知")), para(text_box("附件：申请表")), para(image("局徽")),
                      table([["序号", "事项"], ["1", "优待证申领"]])], header="某区退役军人事务局", footer="第 1 页")
    assert findings(data, "a.docx") == []
    units = files.read(data, "a.docx").lines
    assert not [u for u in units if "宋体" in u.text or "仿宋" in u.text or "标题 1" in u.text or "1371600" in u.text]


# ---- Excel --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_every_sheet_and_note_of_a_workbook_is_read_at_its_cell(seed):
    import io

    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    p = People(seed)
    v = {k: p.name() for k in ("visible", "hidden", "very", "comment", "commenter", "header", "formula", "defined")}
    mobile, id_number = p.mobile(), p.id_number()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "说明"
    sheet.append(["序号", "姓名", "电话"])
    sheet.append([1, v["visible"], int(mobile)])
    sheet["B2"].comment = Comment(f"已核对{v['comment']}", v["commenter"])
    sheet["D2"] = f'=CONCATENATE("{v["formula"]}","")'
    sheet.oddHeader.center.text = f"制表：{v['header']}"
    hidden = book.create_sheet("名单")
    hidden.sheet_state = "hidden"
    hidden.append(["姓名", "身份证号"])
    hidden.append([v["hidden"], id_number])
    very = book.create_sheet("备份")
    very.sheet_state = "veryHidden"
    very["C3"] = v["very"]
    book.defined_names["联系人"] = DefinedName("联系人", attr_text=f'"{v["defined"]}"')
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    extracted = files.read(data, "a.xlsx")
    assert places(extracted, v["visible"]) == ["工作表“说明”B2单元格"]
    assert places(extracted, mobile) == ["工作表“说明”C2单元格"]  # a number, read as written
    assert places(extracted, v["hidden"]) == ["工作表“名单”A2单元格（隐藏的工作表）"]
    assert places(extracted, id_number) == ["工作表“名单”B2单元格（隐藏的工作表）"]
    assert places(extracted, v["very"]) == ["工作表“备份”C3单元格（深度隐藏的工作表）"]
    assert places(extracted, v["comment"]) == ["工作表“说明”B2单元格的批注"]
    assert "批注（作者）" in places(extracted, v["commenter"])
    assert places(extracted, v["header"]) == ["工作表“说明”的页眉"]
    assert places(extracted, v["formula"]) == ["工作表“说明”D2单元格的公式"]
    assert places(extracted, v["defined"]) == ["定义的名称“联系人”"]
    found = {(f.field, f.rule) for f in findings(data, "a.xlsx")}
    assert ("工作表“名单”B2单元格（隐藏的工作表）", privacy.RULE_ID) in found
    assert ("工作表“说明”C2单元格", privacy.RULE_MOBILE) in found


def test_a_clean_workbook_gives_nothing():
    from attachments_kit import make_xlsx

    data = make_xlsx({"统计": [["镇街", "人数", "金额（元）"], ["示例镇", 12, 123456.5], ["示例街道", 8, 1380000]]})
    assert findings(data, "a.xlsx") == []


# ---- OpenDocument -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_an_odt_is_read_whole(seed):
    p = People(seed)
    v = {k: p.name() for k in ("body", "cell", "note", "comment", "commenter", "deleted", "reviser", "box", "title",
                               "header", "creator")}
    id_number = p.id_number()
    body = (
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>'
        f'<dc:creator>{v["reviser"]}</dc:creator><dc:date>2024-01-01T00:00:00</dc:date></office:change-info>'
        f'<text:p>{v["deleted"]}，{id_number}</text:p></text:deletion></text:changed-region></text:tracked-changes>'
        f'<text:p text:style-name="P1">请与<text:span>{v["body"][:1]}</text:span>{v["body"][1:]}同志联系'
        f'<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>'
        f'{v["note"]}提供</text:p></text:note-body></text:note><office:annotation><dc:creator>{v["commenter"]}'
        f'</dc:creator><text:p>核对{v["comment"]}</text:p></office:annotation><text:change text:change-id="ct1"/></text:p>'
        f'<text:p><draw:frame draw:name="图1" svg:width="5cm" svg:height="2cm"><draw:text-box><text:p>联系人 '
        f'{v["box"]}</text:p></draw:text-box><svg:title>{v["title"]}的照片</svg:title></draw:frame></text:p>'
        f'<table:table table:name="表1"><table:table-row><table:table-cell><text:p>姓名</text:p></table:table-cell>'
        f'</table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>{v["cell"]}'
        '</text:p></table:table-cell></table:table-row></table:table>')
    data = make_odf("text", body, header=f"制表：{v['header']}", creator=v["creator"])
    extracted = files.read(data, "a.odt")
    assert places(extracted, f"请与{v['body']}同志联系") == ["第1段"]
    assert places(extracted, v["deleted"]) == ["修订（删除的文字）"] and places(extracted, id_number)
    assert places(extracted, v["reviser"]) == ["修订（作者）"] and places(extracted, v["note"]) == ["脚注"]
    assert places(extracted, v["comment"]) == ["批注"] and places(extracted, v["commenter"]) == ["批注（作者）"]
    assert places(extracted, v["box"]) == ["文本框"] and places(extracted, v["title"]) == ["图片说明（替代文字）"]
    assert places(extracted, v["cell"]) == ["表格1第2行第1列"] and places(extracted, v["header"]) == ["页眉"]
    assert places(extracted, v["creator"]) == ["文档属性“作者”"]
    assert [c.text for c in extracted.tables[0].header] == ["姓名"]
    assert (("修订（删除的文字）", privacy.RULE_ID) in {(f.field, f.rule) for f in findings(data, "a.odt")})


def test_an_ods_reads_hidden_sheets_and_stored_values():
    p = People(11)
    name, mobile = p.name(), p.mobile()
    styles = ('<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/>'
              '</style:style>')
    body = ('<table:table table:name="公开"><table:table-row><table:table-cell office:value-type="float" '
            f'office:value="{mobile}"><text:p>1.38E+10</text:p></table:table-cell></table:table-row></table:table>'
            '<table:table table:name="名单" table:style-name="ta2"><table:table-row table:number-rows-repeated="2">'
            '<table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row>'
            f'<table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>{name}</text:p>'
            '</table:table-cell></table:table-row></table:table>')
    extracted = files.read(make_odf("spreadsheet", body, automatic_styles=styles), "a.ods")
    assert places(extracted, mobile) == ["工作表“公开”A1单元格（单元格的值）"]
    assert places(extracted, name) == ["工作表“名单”C3单元格（隐藏的工作表）"]


def test_a_flat_odt_is_read_like_a_packed_one():
    p = People(13)
    name, author = p.name(), p.name()
    from files_kit import ODF_NS

    flat = (f'<?xml version="1.0" encoding="UTF-8"?><office:document {ODF_NS} office:mimetype='
            '"application/vnd.oasis.opendocument.text"><office:meta><meta:initial-creator>'
            f'{author}</meta:initial-creator></office:meta><office:body><office:text><text:p>标题</text:p>'
            f'<text:p>联系人：{name}</text:p></office:text></office:body></office:document>')
    extracted = files.read(flat.encode(), "a.fodt")
    assert places(extracted, name) == ["第2段"] and places(extracted, author) == ["文档属性“作者”"]


def test_a_clean_odf_gives_nothing():
    data = make_odf("text", '<text:p text:style-name="P1">关于开展退役军人优待证申领工作的通知</text:p>', header="某区退役军人事务局")
    assert findings(data, "a.odt") == []


# ---- OFD ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_an_ofd_page_is_read_line_by_line_from_its_text_codes(seed):
    p = People(seed)
    names = [p.name() for _ in range(3)]
    id_number, author, remark = p.id_number(), p.name(), p.name()
    inner_name, inner_id = p.name(), p.id_number()
    csv = f"姓名,身份证号\n{inner_name},{inner_id}\n".encode("gbk")
    first = [
        text_object(20, 30, [(0, 5, "关于定期抚恤补助对象的公示")]),
        # a row of a table: three objects on one line, the name itself cut into two text codes
        text_object(20, 50, [(0, 5, "序号")]), text_object(40, 50, [(0, 5, "姓名")]),
        text_object(80, 50, [(0, 5, "身份证号")]),
        text_object(20, 60, [(0, 5, "1")]), text_object(40, 60, [(0, 5, names[0][:1]), (3.5, 5, names[0][1:])]),
        text_object(80, 60, [(0, 5, id_number)]),
    ]
    second = [text_object(20, 30, [(0, 5, f"联系人：{names[1]}")]), text_object(20, 100, [(0, 5, names[2])])]
    data = make_ofd([first, second], author=author, annotation=f"已核对：{remark}", attachment=("名单.csv", csv))
    extracted = files.read(data, "content/notices/2026/files/gongshi.ofd")
    assert places(extracted, names[0]) == ["第1页第3行"] and places(extracted, id_number) == ["第1页第3行"]
    assert places(extracted, names[1]) == ["第2页第1行"] and places(extracted, names[2]) == ["第2页第2行"]
    assert places(extracted, author) == ["文档属性“作者”"] and places(extracted, remark) == ["第1页的注释"]
    assert places(extracted, inner_id) == ["OFD 附件“名单.csv”中第2行"]
    assert [c.text for c in extracted.tables[0].rows[0]] == ["1", names[0], id_number]
    found = {(f.field, f.rule) for f in findings(data, "a.ofd")}
    assert {("第1页第3行", privacy.RULE_ID), ("OFD 附件“名单.csv”中第2行", privacy.RULE_ID)} <= found


def test_a_clean_ofd_gives_nothing():
    data = make_ofd([[text_object(20, 30, [(0, 5, "关于开展2026年退役军人优待工作的通知")])]])
    assert findings(data, "a.ofd") == []


# ---- PDF ----------------------------------------------------------------------------------------------------

def test_a_pdf_is_read_with_its_properties_and_a_scan_is_refused():
    import io

    import pypdf
    from attachments_kit import make_pdf

    p = People(2)
    name, author = p.name(), p.name()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([["公示"], [f"联系人 {name}"]]))))
    writer.add_metadata({"/Author": author})
    buffer = io.BytesIO()
    writer.write(buffer)
    extracted = files.read(buffer.getvalue(), "a.pdf")
    assert places(extracted, name) == ["第2页第1行"] and places(extracted, author) == ["文档属性“作者”"]
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(files.Unreadable, match="加密"):
        files.read(locked.getvalue(), "a.pdf")
    with pytest.raises(files.Unreadable, match="扫描件"):
        files.read(_scanned_pdf(), "a.pdf")


def _scanned_pdf() -> bytes:
    """One page holding only an image, as a scanner makes it."""
    import io

    import pypdf
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(200, 200)
    picture = DecodedStreamObject()
    picture.set_data(b"\x80" * 16)
    picture.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                    NameObject("/Width"): NumberObject(4), NameObject("/Height"): NumberObject(4),
                    NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): writer._add_object(picture)})})
    contents = DecodedStreamObject()
    contents.set_data(b"q 200 0 0 200 0 0 cm /Im0 Do Q")
    page.replace_contents(contents)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# ---- what a file is, and bounds ---------------------------------------------------------------------------

def test_a_file_is_read_by_what_its_bytes_are_not_its_name():
    people = People(8)
    name, id_number = people.name(), people.id_number()
    docx = make_docx([para(run(f"{name} {id_number}"))])
    assert places(files.read(docx, "a.pdf"), id_number) == ["第1段"]  # a .pdf that is a Word document
    page = f"<html><body><table><tr><td>{name}</td><td>{id_number}</td></tr></table></body></html>"
    assert lines_of(files.read(page.encode("gbk"), "a.xls"), id_number) == [1]  # "Excel" exported as a web page
    assert lines_of(files.read(f"{name}\t{id_number}\n".encode("gbk"), "a.png"), id_number) == [1]
    assert files.read(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "a.png").media == "图片"
    with pytest.raises(files.Unreadable, match="不是真正的Excel 工作簿"):
        files.read(f"{name},{id_number}\n".encode(), "a.xlsx")
    with pytest.raises(files.Unreadable, match="解压"):
        files.read(zip_of({"a.txt": id_number}), "a.zip")
    with pytest.raises(files.Unreadable, match="Word 97-2003"):
        files.read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "a.doc")
    with pytest.raises(files.Unreadable, match="加密"):
        files.read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "a.docx")


def test_a_zip_bomb_and_a_gzip_bomb_are_refused(monkeypatch):
    from govsite.guard.files import package

    monkeypatch.setattr(package, "MAX_UNPACKED", 1024 * 1024)
    bomb = make_docx([para(run("通知"))], extra_parts={"customXml/item1.xml": "<a>" + " " * (2 * 1024 * 1024) + "</a>"})
    with pytest.raises(files.Unreadable, match="解压后超过"):
        files.read(bomb, "a.docx")
    monkeypatch.setattr(files, "MAX_GUNZIPPED", 1024 * 1024)
    with pytest.raises(files.Unreadable, match="压缩炸弹"):
        files.read(gzip.compress(b" " * (2 * 1024 * 1024)), "sitemap.xml.gz")


def test_images_carry_text_beside_their_pixels():
    import struct
    import zlib

    name = People(6).name()
    chunk = b"Author\0" + name.encode("utf-8")
    itxt = b"Author\0\0\0\0\0" + name.encode("utf-8")
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(itxt)) + b"iTXt" + itxt
           + struct.pack(">I", zlib.crc32(b"iTXt" + itxt)) + b"\0\0\0\0IEND\xaeB`\x82")
    extracted = files.read(png, "a.png")
    assert extracted.media == "图片" and places(extracted, name) == ["图片的元数据“Author”"]
    assert chunk  # the same text in a tEXt chunk is Latin-1 only: iTXt is what tools write for Chinese


# ---- the input scan -----------------------------------------------------------------------------------------

def test_the_input_scan_reads_attachments_in_any_format_under_content(tmp_path):
    people = People(12)
    text, planted = name_list(people, 2)
    root = tmp_path / "site"
    (root / "content/notices/2026/files").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "content/notices/2026/files/mingdan.csv").write_bytes(text.encode("gbk"))
    (root / "content/notices/2026/files/shuoming.txt").write_bytes(f"联系电话 {planted[0][2]}\n".encode("utf-16"))
    (root / "content/notices/2026/files/gongshi.ofd").write_bytes(
        make_ofd([[text_object(20, 30, [(0, 5, f"身份证号 {planted[1][1]}")])]]))
    got = {(f.file.rsplit("/", 1)[-1], f.line, f.field, f.rule) for f in privacy.scan_tree(root, set(), remember=False)}
    assert ("mingdan.csv", 2, "", privacy.RULE_ID) in got and ("mingdan.csv", 3, "", privacy.RULE_MOBILE) in got
    assert ("shuoming.txt", 1, "", privacy.RULE_MOBILE) in got
    assert ("gongshi.ofd", 0, "第1页第1行", privacy.RULE_ID) in got
