"""The readers of published files where a fault would let personal data through unnoticed (found by mutation
testing, docs/testing.md): text an image carries beside its pixels (PNG chunks, a JPEG's comment, EXIF in both
byte orders, XMP), gzip files, OpenDocument's parts and places, OFD annotations and attachments, hidden columns.

Each test plants generated personal data in one place of a file written by hand as its format defines it, and
asserts it is read there (the place an editor is told), and that the same file without it gives nothing."""
from __future__ import annotations

import gzip
import random
import struct
import zlib

import pytest
from files_kit import People

from govsite.guard import files, output
from govsite.guard import personal as privacy

RULES = privacy.Rules()


def units(extracted) -> list[tuple[str, str]]:
    return [(u.place, u.text) for u in extracted.lines]


# ---- images: text beside the pixels ----------------------------------------------------------------------------

def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


PNG_HEAD = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
PNG_END = png_chunk(b"IEND", b"")


def test_every_kind_of_png_text_chunk_is_read_and_nothing_after_its_end():
    people = People(31)
    name, mobile, after = people.name(), people.mobile(), people.mobile()
    data = (PNG_HEAD
            + png_chunk(b"tEXt", b"Phone\0" + mobile.encode("latin-1"))
            + png_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(f"tel {mobile[::-1]}".encode("latin-1")))
            + png_chunk(b"iTXt", b"Author\0\0\0zh\0\xe4\xbd\x9c\xe8\x80\x85\0" + name.encode("utf-8"))
            + png_chunk(b"iTXt", b"Title\0\x01\0\0\0" + zlib.compress(f"摄影：{name}".encode()))
            + png_chunk(b"IDAT", zlib.compress(b"\0\0"))
            + PNG_END + png_chunk(b"tEXt", b"After\0" + after.encode()))
    extracted = files.read(data, "a.png")
    assert extracted.media == "图片"
    assert units(extracted) == [("图片的元数据“Phone”", mobile), ("图片的元数据“Comment”", f"tel {mobile[::-1]}"),
                                ("图片的元数据“Author”", name), ("图片的元数据“Title”", f"摄影：{name}")]
    assert {f.value for f in privacy.scan_extracted(extracted, "a.png", RULES)} >= {mobile, name}


def test_a_png_whose_metadata_is_damaged_is_still_an_image_with_what_could_be_read():
    mobile = People(32).mobile()
    damaged = PNG_HEAD + png_chunk(b"tEXt", b"Phone\0" + mobile.encode()) + png_chunk(b"zTXt", b"C\0\0not zlib")
    extracted = files.read(damaged + PNG_END, "a.png")
    assert extracted.media == "图片" and units(extracted) == [("图片的元数据“Phone”", mobile)]
    cut = PNG_HEAD + png_chunk(b"tEXt", b"Phone\0" + mobile.encode())[:-6]
    assert files.read(cut, "a.png").media == "图片"


def test_blank_metadata_is_no_unit_and_spaces_in_it_are_one():
    extracted = files.read(PNG_HEAD + png_chunk(b"tEXt", b"Empty\0 \0\t ") + png_chunk(b"tEXt", b"T\0a\0\0 \n b")
                           + PNG_END, "a.png")
    assert units(extracted) == [("图片的元数据“T”", "a b")]


def segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


def tiff(order: str, entries: list[tuple[int, int, bytes]], sub: list[tuple[int, int, bytes]] = ()) -> bytes:
    """A TIFF block as EXIF holds it: IFD0 with `entries` (tag, type, value bytes), and an Exif sub-IFD with
    `sub`; values over four bytes are stored after the directories and pointed at, as cameras write them."""
    head = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)
    all_entries = list(entries) + ([(0x8769, 4, b"")] if sub else [])
    ifd0_size = 2 + 12 * len(all_entries) + 4
    sub_at = 8 + ifd0_size
    sub_size = 2 + 12 * len(sub) + 4 if sub else 0
    data_at = sub_at + sub_size
    extra = b""

    def directory(items, pointer_for_sub):
        nonlocal extra
        out = struct.pack(order + "H", len(items))
        for tag, kind, value in items:
            if tag == 0x8769:
                out += struct.pack(order + "HHI", tag, 4, 1) + struct.pack(order + "I", pointer_for_sub)
                continue
            out += struct.pack(order + "HHI", tag, kind, len(value))
            if len(value) <= 4:
                out += value.ljust(4, b"\0")
            else:
                out += struct.pack(order + "I", data_at + len(extra))
                extra += value
        return out + b"\0\0\0\0"

    first = directory(all_entries, sub_at)
    second = directory(sub, 8) if sub else b""  # an Exif pointer inside it would lead back to IFD0
    return head + first + second + extra


def jpeg(*segments: bytes, after_scan: bytes = b"") -> bytes:
    return b"\xff\xd8" + b"".join(segments) + segment(0xDA, b"\x00") + b"\x12\x34" + after_scan + b"\xff\xd9"


@pytest.mark.parametrize("order", ["<", ">"])
def test_a_photos_exif_is_read_in_either_byte_order_wherever_its_text_is_stored(order):
    people = People(33 if order == "<" else 34)
    name, author, mobile, other = people.name(), people.name(), people.mobile(), people.name()
    xp = lambda text: text.encode("utf-16-le") + b"\0\0"
    block = tiff(order, [
        (0x010E, 2, f"联系电话 {mobile}\0".encode("gbk")),  # ImageDescription, ASCII by the standard, GBK in practice
        (0x013B, 2, b"Li\0"),  # Artist, short enough to stand in the entry itself
        (0x8298, 2, "版权所有".encode()),  # Copyright
        (0x0110, 2, b"Camera model 13912345678\0"),  # Model: not text the guard reads
        (0x9C9D, 1, xp(author)),  # XPAuthor
        (0x9C9B, 1, xp(f"{other}的照片")),  # XPTitle
    ], sub=[(0x9286, 7, b"UNICODE\0" + f"联系人：{name}".encode("utf-16-le"))])  # UserComment
    extracted = files.read(jpeg(segment(0xE1, b"Exif\0\0" + block)), "photo.jpg")
    assert extracted.media == "图片"
    assert sorted(units(extracted)) == sorted([
        ("图片的元数据“图片说明”", f"联系电话 {mobile}"), ("图片的元数据“作者”", "Li"), ("图片的元数据“版权”", "版权所有"),
        ("图片的元数据“作者”", author), ("图片的元数据“标题”", f"{other}的照片"), ("图片的元数据“用户注释”", f"联系人：{name}")])
    values = {f.value for f in privacy.scan_extracted(extracted, "photo.jpg", RULES)}
    assert {mobile, name} <= values and "13912345678" not in values


def test_a_user_comment_in_ascii_and_a_directory_that_points_back_at_the_first():
    mobile = People(35).mobile()
    comment = (0x9286, 7, b"ASCII\0\0\0" + f"tel {mobile}".encode())
    # the second: its Exif sub-directory holds an Exif pointer back to the first (read once: no endless loop)
    for block in (tiff("<", [(0x010E, 2, b"x\0")], sub=[comment]),
                  tiff("<", [(0x010E, 2, b"x\0")], sub=[comment, (0x8769, 4, b"")])):
        extracted = files.read(jpeg(segment(0xE1, b"Exif\0\0" + block)), "a.jpg")
        assert units(extracted) == [("图片的元数据“图片说明”", "x"), ("图片的元数据“用户注释”", f"tel {mobile}")]


def test_a_jpegs_comment_and_xmp_are_read_and_nothing_after_the_image_data_starts():
    people = People(36)
    name, mobile, hidden = people.name(), people.mobile(), people.mobile()
    xmp = (b"http://ns.adobe.com/xap/1.0/\0" + f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.'
           f'org/1999/02/22-rdf-syntax-ns#"><rdf:Description><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f"{name}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>".encode())
    data = jpeg(segment(0xE0, b"JFIF\0\1\1\0\0\1\0\1\0\0"), segment(0xFE, f"联系 {mobile}".encode("gbk")),
                segment(0xE1, b"Exif\0\0"[:4] + b"??"), segment(0xE1, xmp),
                after_scan=segment(0xFE, f"联系 {hidden}".encode()))
    extracted = files.read(data, "a.jpg")
    assert units(extracted) == [("图片的元数据“注释”", f"联系 {mobile}"), ("图片的元数据（XMP）", name)]


def test_an_image_that_is_no_png_or_jpeg_and_a_font_carry_no_text_read():
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;" + "联系人 王建华 13912345678".encode()
    assert (files.read(gif, "a.gif").media, units(files.read(gif, "a.gif"))) == ("图片", [])
    font = b"wOFF" + b"13912345678" + bytes(40)
    assert (files.read(font, "a.woff").media, units(files.read(font, "a.woff"))) == ("字体", [])
    # a PNG chunk in a font is not read as one: only images carry metadata the guard reads
    assert units(files.read(b"wOFF" + PNG_HEAD[8:] + png_chunk(b"tEXt", b"A\0" + b"13912345678"), "b.woff")) == []


# ---- gzip --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "inner"), [
    ("sitemap.xml.gz", "xml"), ("SITEMAP.XML.GZ", "xml"), ("a.svgz", "xml"), ("A.SVGZ", "xml"), ("feed.xml", "xml"),
    ("list.csv.gz", "csv"), ("notes.txt.gz", "txt"), ("data.json.gz", "json"), ("a.gz", "txt"),
])
def test_a_gzip_file_is_read_as_what_it_holds(name, inner):
    people = People(37)
    person, number = people.name(), people.id_number()
    text = {"xml": f"<urlset><url><loc>https://a.example.cn/</loc><note>联系人：{person} {number}</note></url></urlset>",
            "csv": f"序号,姓名,身份证号\n1,{person},{number}\n",
            "txt": f"联系人：{person}\n身份证号 {number}\n",
            "json": f'{{"联系人": "联系人：{person}", "身份证号": "{number}"}}'}[inner]
    extracted = files.read(gzip.compress(text.encode(), mtime=0), name)
    found = {(f.rule, f.value) for f in privacy.scan_extracted(extracted, name, RULES)}
    assert (privacy.RULE_ID, number) in found and (privacy.RULE_NAME, person) in found
    if inner == "csv":
        assert [[c.text for c in row] for row in extracted.tables[0].rows] == [["1", person, number]]
    if inner == "xml":
        assert extracted.text.startswith("<urlset>")


def test_a_damaged_or_oversized_gzip_is_refused_with_its_reason(monkeypatch):
    good = gzip.compress(b"x" * 5000, mtime=0)
    for damaged in (good[:20], good[:-8] + b"\0" * 8, b"\x1f\x8b" + b"\0" * 30):
        with pytest.raises(files.Unreadable) as refused:
            files.read(damaged, "sitemap.xml.gz")
        assert str(refused.value) == "gzip 压缩文件已损坏，其中的个人信息无法检查；请重新生成后再放入"
    monkeypatch.setattr(files, "MAX_GUNZIPPED", 4999)
    with pytest.raises(files.Unreadable) as refused:
        files.read(good, "a.txt.gz")
    assert str(refused.value) == "gzip 压缩文件解压后超过 0 MB（可能是“压缩炸弹”），其中的个人信息无法检查"
    monkeypatch.setattr(files, "MAX_GUNZIPPED", 3 << 20)
    with pytest.raises(files.Unreadable) as refused:
        files.read(gzip.compress(b" " * ((3 << 20) + 1), mtime=0), "a.txt.gz")
    assert str(refused.value).startswith("gzip 压缩文件解压后超过 3 MB")
    monkeypatch.setattr(files, "MAX_GUNZIPPED", 5000)
    assert files.read(good, "a.txt.gz").lines[0].text == "x" * 5000  # the limit itself is allowed


def test_files_inside_files_are_read_three_deep_and_not_four():
    number = People(38).id_number()
    data = f"身份证号 {number}\n".encode()
    for _ in range(3):
        data = gzip.compress(data, mtime=0)
    assert [u.text for u in files.read(data, "a.txt.gz").lines] == [f"身份证号 {number}"]
    with pytest.raises(files.Unreadable, match="嵌套的文件层数过多"):
        files.read(gzip.compress(data, mtime=0), "a.txt.gz")


# ---- OpenDocument: every part at its place ---------------------------------------------------------------------

ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
       'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
       'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
       'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
       'xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" '
       'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
MIMETYPE = {"text": "application/vnd.oasis.opendocument.text",
            "spreadsheet": "application/vnd.oasis.opendocument.spreadsheet",
            "presentation": "application/vnd.oasis.opendocument.presentation"}


def p(text: str) -> str:
    return f"<text:p>{text}</text:p>"


def cell(inner: str = "", **attributes) -> str:
    attrs = "".join(f' {k.replace("__", ":").replace("_", "-")}="{v}"' for k, v in attributes.items())
    return f"<table:table-cell{attrs}>{inner}</table:table-cell>"


def odf_package(kind: str, body: str, styles: str = "", meta: str = "", automatic: str = "",
                extra: dict | None = None) -> bytes:
    from files_kit import zip_of

    return zip_of({
        "mimetype": MIMETYPE[kind],
        "content.xml": f'<office:document-content {ODF}><office:automatic-styles>{automatic}</office:automatic-styles>'
                       f"<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>",
        "styles.xml": f"<office:document-styles {ODF}><office:master-styles>{styles}</office:master-styles>"
                      "</office:document-styles>",
        "meta.xml": f"<office:document-meta {ODF}><office:meta>{meta}</office:meta></office:document-meta>",
        "settings.xml": f'<office:document-settings {ODF}><office:settings><config:config-item-set config:name="ooo:'
                        'configuration-settings"><config:config-item config:name="PrinterName" config:type="string">'
                        "打印机：林涛</config:config-item></config:config-item-set></office:settings>"
                        "</office:document-settings>",
        **(extra or {}),
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:'
                                 '1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="联系人王建华"/>'
                                 "</manifest:manifest>",
    }, first="mimetype")


HEADERS_AND_FOOTERS = ('<style:master-page style:name="Standard"><style:header>' + p("页眉：钱伟") + "</style:header>"
                       "<style:header-first>" + p("首页页眉") + "</style:header-first><style:header-left>"
                       + p("偶数页眉") + "</style:header-left><style:footer>" + p("页脚电话13812345678")
                       + "</style:footer><style:footer-first>" + p("首页页脚") + "</style:footer-first>"
                       "<style:footer-left>" + p("偶数页脚") + "</style:footer-left></style:master-page>")
META = ('<meta:initial-creator>作者何静</meta:initial-creator><dc:title>名单</dc:title><meta:generator>LibreOffice'
        '</meta:generator><meta:user-defined meta:name="联系人">高磊</meta:user-defined>')
META_UNITS = [("文档属性“作者”", "作者何静"), ("文档属性“标题”", "名单"), ("自定义属性“联系人”", "高磊"),
              ("文档属性（“name”属性）", "联系人")]
STYLE_UNITS = [("页眉", "页眉：钱伟"), ("首页页眉", "首页页眉"), ("偶数页页眉", "偶数页眉"), ("页脚", "页脚电话13812345678"),
               ("首页页脚", "首页页脚"), ("偶数页页脚", "偶数页脚")]
SETTINGS_UNITS = [("文档设置（config-item）", "打印机：林涛")]


def test_every_part_of_an_odt_is_read_at_its_place():
    body = (
        '<text:sequence-decls><text:sequence-decl text:name="插图"/></text:sequence-decls>'
        "<text:h>关于王建华同志的通知</text:h>"
        '<text:p>甲<text:s text:c="3"/>乙<text:s/>丙<text:tab/>丁<text:line-break/>戊<text:note text:note-class="endnote">'
        "<text:note-citation>1</text:note-citation><text:note-body>" + p("尾注：李秀英") + "</text:note-body></text:note>"
        '<text:note><text:note-body>' + p("脚注：马丽") + "</text:note-body></text:note>己</text:p>"
        "<text:p>联系电话<text:span>13912345678</text:span><office:annotation><dc:creator>批注人张国明</dc:creator>"
        "<dc:date>2024-01-01</dc:date>" + p("请核对") + "<text:list><text:list-item>" + p("批注列表项")
        + "</text:list-item></text:list></office:annotation><office:annotation-end/></text:p>"
        '<text:p><draw:frame draw:name="图1"><svg:title>王建华照片</svg:title><svg:desc>摄于2024年</svg:desc>'
        "<draw:text-box>" + p("文本框：赵卫东") + "</draw:text-box></draw:frame>图注</text:p>"
        "<draw:custom-shape>" + p("图形文字周建国") + "</draw:custom-shape>"
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>'
        "修订人吴秀兰</dc:creator></office:change-info>" + p("删除的文字：郑海燕") + "</text:deletion></text:changed-region>"
        '<text:changed-region text:id="c2"><text:insertion><office:change-info><dc:creator>修订人孙丽</dc:creator>'
        "</office:change-info>" + p("插入的段落不在这里") + "</text:insertion></text:changed-region></text:tracked-changes>"
        '<table:table table:name="表格甲"><table:table-header-rows><table:table-row>' + cell(p("姓名")) + cell(p("电话"))
        + cell(p("备注")) + "</table:table-row></table:table-header-rows><table:table-row>" + cell(p("王建华"))
        + cell(p("13912345678")) + cell("<text:list><text:list-item>" + p("一") + "</text:list-item><text:list-item>"
                                        + p("二") + "</text:list-item></text:list>")
        + '</table:table-row><table:table-row table:number-rows-repeated="2">'
        + cell(table__number_columns_repeated=3) + "</table:table-row><table:table-rows><table:table-row>"
        + cell(p("同"), table__number_columns_repeated=2) + "<table:covered-table-cell/>"
        + cell("<draw:frame><draw:text-box>" + p("框") + "</draw:text-box></draw:frame>")
        + "</table:table-row></table:table-rows></table:table>"
        '<text:section text:name="节1">' + p("节中段落：林敏") + "</text:section>"
    )
    chart = (f"<office:document-content {ODF}><office:body><office:chart><chart:chart><chart:title>"
             + p("图表标题：罗军") + '</chart:title><table:table><table:table-row><table:table-cell office:value-type='
             '"string" office:string-value="图表数据：何涛"/></table:table-row></table:table></chart:chart></office:chart>'
             "</office:body></office:document-content>")
    extracted = files.read(odf_package("text", body, HEADERS_AND_FOOTERS, META, extra={"Object 1/content.xml": chart}),
                           "a.odt")
    assert sorted(units(extracted)) == sorted(META_UNITS + STYLE_UNITS + SETTINGS_UNITS + [
        ("第1段", "关于王建华同志的通知"), ("尾注", "尾注：李秀英"), ("脚注", "脚注：马丽"), ("第2段", "甲 乙 丙 丁\n戊己"),
        ("批注（作者）", "批注人张国明"), ("批注", "请核对"), ("批注", "批注列表项"), ("第3段", "联系电话13912345678"),
        ("图片说明（替代文字）", "王建华照片"), ("图片说明（替代文字）", "摄于2024年"), ("文本框", "文本框：赵卫东"),
        ("第4段", "图注"), ("图形中的文字", "图形文字周建国"), ("修订（作者）", "修订人吴秀兰"),
        ("修订（删除的文字）", "删除的文字：郑海燕"), ("修订（作者）", "修订人孙丽"), ("正文", "插入的段落不在这里"),
        ("表格1第1行第1列", "姓名"), ("表格1第1行第2列", "电话"), ("表格1第1行第3列", "备注"), ("表格1第2行第1列", "王建华"),
        ("表格1第2行第2列", "13912345678"), ("表格1第2行第3列", "一\n二"), ("表格1第5行第1列", "同"),
        ("表格1第5行第2列", "同"), ("文本框", "框"), ("第5段", "节中段落：林敏"),
        ("文件内部的“Object 1/content.xml”", "图表标题：罗军"),
        ("文件内部的“Object 1/content.xml”（“string-value”属性）", "图表数据：何涛"),
    ])
    (table,) = extracted.tables
    assert [c.text for c in table.header] == ["姓名", "电话", "备注"]
    assert [[(c.text, c.place) for c in row] for row in table.rows] == [
        [("王建华", "表格1第2行第1列"), ("13912345678", "表格1第2行第2列"), ("一\n二", "表格1第2行第3列")],
        [("同", "表格1第5行第1列"), ("同", "表格1第5行第2列"), ("", "表格1第5行第3列"), ("", "表格1第5行第4列")]]


def test_every_sheet_of_an_ods_is_read_with_its_cells_values_and_hidden_sheets():
    automatic = ('<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/>'
                 '</style:style><style:style style:name="ta1" style:family="table"><style:table-properties '
                 'table:display="true"/></style:style>')
    body = (
        "<table:named-expressions/>"
        '<table:table table:name="公开" table:style-name="ta1"><table:table-row>' + cell(p("姓名")) + cell(p("电话"))
        + '</table:table-row><table:table-row table:number-rows-repeated="2">'
        + cell(p("李秀英"), office__value_type="string")
        + cell(p("1.39E+10"), office__value_type="float", office__value="13912345678")
        + '</table:table-row><table:table-row table:number-rows-repeated="99999">'
        + cell(table__number_columns_repeated=1024) + "</table:table-row><table:table-row>"
        + cell(table__number_columns_repeated=2)
        + cell(p("见附件"), office__value_type="string", office__string_value="隐藏值：张国明")
        + "</table:table-row></table:table>"
        '<table:table table:name="隐藏名单" table:style-name="ta2"><table:table-row>' + cell(p("赵卫东"))
        + "</table:table-row></table:table>"
    )
    extracted = files.read(odf_package("spreadsheet", body, meta=META, automatic=automatic), "a.ods")
    sheet = "工作表“公开”"
    assert sorted(units(extracted)) == sorted(META_UNITS + SETTINGS_UNITS + [
        ("工作表名称", "公开"), (f"{sheet}A1单元格", "姓名"), (f"{sheet}B1单元格", "电话"),
        (f"{sheet}A2单元格", "李秀英"), (f"{sheet}B2单元格", "1.39E+10"), (f"{sheet}B2单元格（单元格的值）", "13912345678"),
        (f"{sheet}A3单元格", "李秀英"), (f"{sheet}B3单元格", "1.39E+10"), (f"{sheet}B3单元格（单元格的值）", "13912345678"),
        (f"{sheet}C100003单元格", "见附件"), (f"{sheet}C100003单元格（单元格的值）", "隐藏值：张国明"),
        ("工作表名称（隐藏的工作表）", "隐藏名单"), ("工作表“隐藏名单”A1单元格（隐藏的工作表）", "赵卫东"),
    ])
    first, hidden = extracted.tables
    assert [c.text for c in first.header] == ["姓名", "电话"] and len(first.rows) == 3
    assert [c.place for c in first.rows[2]] == [f"{sheet}A100003单元格", f"{sheet}B100003单元格",
                                                 f"{sheet}C100003单元格"]
    assert hidden.header[0].place == "工作表“隐藏名单”A1单元格（隐藏的工作表）" and hidden.rows == []


def test_every_slide_of_an_odp_is_read_with_its_notes():
    body = (
        '<draw:page draw:name="页1"><draw:frame><draw:text-box>' + p("幻灯片文字：王建华") + "</draw:text-box>"
        "</draw:frame><draw:custom-shape>" + p("形状文字") + "</draw:custom-shape><presentation:notes><draw:frame>"
        "<draw:text-box>" + p("备注：李秀英") + "</draw:text-box></draw:frame></presentation:notes></draw:page>"
        '<draw:page draw:name="页2"><draw:g><draw:frame><draw:text-box>' + p("第二页：张国明") + "</draw:text-box>"
        "</draw:frame></draw:g>" + p("散落的段落") + "</draw:page>"
    )
    extracted = files.read(odf_package("presentation", body), "a.odp")
    assert sorted(units(extracted)) == sorted(SETTINGS_UNITS + [
        ("文本框", "幻灯片文字：王建华"), ("图形中的文字", "形状文字"), ("第1张幻灯片的备注", "备注：李秀英"),
        ("文本框", "第二页：张国明"), ("第2张幻灯片", "散落的段落")])


def test_a_flat_odt_reads_its_properties_headers_body_and_what_no_reader_knows():
    flat = (f'<?xml version="1.0" encoding="UTF-8"?><office:document {ODF} office:mimetype="{MIMETYPE["text"]}">'
            f"<office:meta>{META}</office:meta><office:master-styles>{HEADERS_AND_FOOTERS}</office:master-styles>"
            '<office:styles><style:style style:name="标题" style:display-name="标题 1" style:family="paragraph"/>'
            "</office:styles><office:scripts><office:script script:language=\"basic\">联系人王建华</office:script>"
            "</office:scripts><office:body><office:text>" + p("正文：李秀英") + "</office:text></office:body>"
            "</office:document>")
    extracted = files.read(flat.encode(), "a.fodt")
    assert sorted(units(extracted)) == sorted(META_UNITS[:3] + STYLE_UNITS + [
        ("第1段", "正文：李秀英"), ("文件内部（script）", "联系人王建华")])  # names of properties and styles: not text


def test_an_odf_part_that_is_no_xml_is_named_in_the_refusal():
    data = odf_package("text", p("正文"), extra={"Object 2/content.xml": "<broken"})
    with pytest.raises(files.Unreadable, match="Object 2/content.xml"):
        files.read(data, "a.odt")


@pytest.mark.parametrize("flat", [False, True])
def test_a_value_an_odf_field_stores_is_read_whether_or_not_the_text_shows_it(flat):
    """A user field or a variable keeps its value in the file (office:string-value): downloading the file gives
    it, whether a paragraph shows it or not. Cells' values are read with their cells, once."""
    people = People(39)
    name, mobile, other = people.name(), people.mobile(), people.name()
    body = ('<text:user-field-decls><text:user-field-decl office:value-type="string" office:string-value='
            f'"联系人：{name}" text:name="联系人"/></text:user-field-decls><text:p>正文<text:variable-set text:name="v" '
            f'office:value-type="float" office:value="{mobile}"/></text:p><text:p><text:user-field-get text:name='
            '"联系人"/>结尾</text:p><table:table><table:table-row>'
            + cell(p("见备注"), office__value_type="string", office__string_value=f"联系人：{other}")
            + "</table:table-row></table:table>")
    if flat:
        data = (f'<office:document {ODF}><office:body><office:text>{body}</office:text></office:body>'
                "</office:document>").encode()
        extracted, where = files.read(data, "a.fodt"), "文件内部"
    else:
        extracted, where = files.read(odf_package("text", body), "a.odt"), "正文"
    read = [u for u in units(extracted) if name in u[1] or mobile in u[1] or other in u[1]]
    assert sorted(read) == sorted([(f"{where}（“string-value”属性）", f"联系人：{name}"), (f"{where}（“value”属性）", mobile),
                                   ("表格1第1行第1列（单元格的值）", f"联系人：{other}")])
    assert {mobile, name} <= {f.value for f in privacy.scan_extracted(extracted, "a.odt", RULES)}


# ---- OFD: pages, templates, bookmarks, annotations, attachments -------------------------------------------------

def ofd_text(x: float, y: float, codes: str, size: str = ' Size="3.5"', ctm: str = "") -> str:
    return f'<ofd:TextObject Boundary="{x} {y} 150 10"{size}{ctm}>{codes}</ofd:TextObject>'


def code(text: str, x: float | None = 0, y: float | None = 0) -> str:
    where = (f' X="{x}"' if x is not None else "") + (f' Y="{y}"' if y is not None else "")
    return f"<ofd:TextCode{where}>{text}</ofd:TextCode>"


def ofd_package(pages: dict[str, str], document_extra: str = "", parts: dict | None = None) -> bytes:
    from files_kit import OFD_NS, zip_of

    layer = lambda objects: (f'<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="1">{objects}</ofd:Layer></ofd:Content>'
                             "</ofd:Page>")
    files_ = {
        "OFD.xml": f'<ofd:OFD {OFD_NS}><ofd:DocBody><ofd:DocInfo><ofd:DocID>abc123456789</ofd:DocID><ofd:Title>公示'
                   "</ofd:Title><ofd:Author>作者：王建华</ofd:Author><ofd:Keywords><ofd:Keyword>抚恤</ofd:Keyword>"
                   "</ofd:Keywords><ofd:CreationDate>2024-01-01</ofd:CreationDate><ofd:CustomDatas><ofd:CustomData "
                   'Name="经办人">李秀英</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>/Doc_0/Document.xml'
                   "</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"<ofd:Document {OFD_NS}>{document_extra}</ofd:Document>",
    }
    files_.update({name: layer(objects) for name, objects in pages.items()})
    files_.update(parts or {})
    return zip_of(files_)


DOC_INFO_UNITS = [("文档属性“标题”", "公示"), ("文档属性“作者”", "作者：王建华"), ("文档属性“关键词”", "抚恤"),
                  ("自定义属性“经办人”", "李秀英"), ("OFD 文件内部的“OFD.xml”（“Name”属性）", "经办人")]


def test_every_part_of_an_ofd_is_read_at_its_place_its_lines_and_tables_as_laid_out():
    from files_kit import OFD_NS

    first = (
        # one code per character, scaled from points by the object's CTM (as many writers export)
        ofd_text(20, 30, "".join(code(ch, x=10 * i, y=10 if i == 0 else None) for i, ch in enumerate("联系人：王建华"))
                 + code("", x=70), size=' Size="10"', ctm=' CTM="0.3528 0 0 0.3528 0 0"')
        + ofd_text(20, 50, code("姓名")) + ofd_text(80, 50, code("电")) + ofd_text(83.5, 50, code("话"))
        + ofd_text(20, 60, code("王建")) + ofd_text(27, 60.9, code("国")) + ofd_text(80, 60, code("13912345678"))
        + ofd_text(20, 70, code("合计"))
        + ofd_text(20, 80, code("甲")) + ofd_text(26.5, 80, code("乙")) + ofd_text(32.5, 80, code("丙"))
        + ofd_text(20, 90, code("a")) + ofd_text(80, 90, code("b"))
    )
    second = (ofd_text(20, 30, code("第二页：李秀英", 0, 5), size="")
              + '<ofd:TextObject Size="3.5">' + code("无边界", 10, 100) + "</ofd:TextObject>")
    document = ('<ofd:CommonData><ofd:TemplatePage ID="5" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
                '<ofd:Pages><ofd:Page ID="10" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="11" BaseLoc='
                '"/Doc_0/Pages/Page_1/Content.xml"/><ofd:Page ID="12"/></ofd:Pages><ofd:Outlines><ofd:OutlineElem '
                'Title="第一部分：王建华"/></ofd:Outlines><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>'
                "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>")
    parts = {
        "Doc_0/Annots/Annotations.xml": f'<ofd:Annotations {OFD_NS}><ofd:Page PageID="11"><ofd:FileLoc>Page_1/Annot'
                                        'ation.xml</ofd:FileLoc></ofd:Page><ofd:Page PageID="99"><ofd:FileLoc>/Doc_0/'
                                        "Annots/Page_x/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>",
        "Doc_0/Annots/Page_1/Annotation.xml": f'<ofd:PageAnnot {OFD_NS}><ofd:Annot Type="Stamp"><ofd:Remark>审核人：张国明'
                                              "</ofd:Remark><ofd:Parameters><ofd:Parameter Name=\"fp.Format\">参数：赵卫东"
                                              "</ofd:Parameter></ofd:Parameters><ofd:Appearance>"
                                              + ofd_text(10, 10, code("印章：周建国"), size=' Size="3"')
                                              + "</ofd:Appearance></ofd:Annot></ofd:PageAnnot>",
        "Doc_0/Annots/Page_x/Annotation.xml": f"<ofd:PageAnnot {OFD_NS}><ofd:Annot><ofd:Remark>未知页：吴秀兰</ofd:Remark>"
                                              "</ofd:Annot></ofd:PageAnnot>",
        "Doc_0/Attachs/Attachments.xml": f'<ofd:Attachments {OFD_NS}><ofd:Attachment Name="名单.csv"><ofd:FileLoc>a1.bin'
                                         '</ofd:FileLoc></ofd:Attachment><ofd:Attachment Name="说明"><ofd:FileLoc>'
                                         "/Doc_0/Attachs/note.txt</ofd:FileLoc></ofd:Attachment></ofd:Attachments>",
        "Doc_0/Attachs/a1.bin": "姓名,电话\n郑海燕,13812345678\n".encode(),
        "Doc_0/Attachs/note.txt": "说明：孙丽\n".encode(),
    }
    data = ofd_package({"Doc_0/Tpls/Tpl_0/Content.xml": ofd_text(20, 280, code("模板：页脚文字")),
                        "Doc_0/Pages/Page_0/Content.xml": first, "Doc_0/Pages/Page_1/Content.xml": second},
                       document, parts)
    extracted = files.read(data, "a.ofd")
    assert sorted(units(extracted)) == sorted(DOC_INFO_UNITS + [
        ("模板页第1行", "模板：页脚文字"),
        ("第1页第1行", "联系人：王建华"), ("第1页第2行", "姓名 电话"), ("第1页第3行", "王建国 13912345678"),
        ("第1页第4行", "合计"), ("第1页第5行", "甲 乙丙"), ("第1页第6行", "a b"),
        ("第2页第1行", "第二页：李秀英"), ("第2页第2行", "无边界"),
        ("书签", "第一部分：王建华"), ("OFD 文件内部的“Doc_0/Document.xml”（“Title”属性）", "第一部分：王建华"),
        ("第2页的注释", "审核人：张国明"), ("第2页的注释", "参数：赵卫东"), ("第2页的注释第1行", "印章：周建国"),
        ("第?页的注释", "未知页：吴秀兰"),
        ("附件名称", "名单.csv"), ("OFD 附件“名单.csv”中第1行", "姓名,电话"), ("OFD 附件“名单.csv”中第2行", "郑海燕,13812345678"),
        ("附件名称", "说明"), ("OFD 附件“说明”中第1行", "说明：孙丽"),
        ("OFD 文件内部的“Doc_0/Attachs/Attachments.xml”（“Name”属性）", "名单.csv"),
        ("OFD 文件内部的“Doc_0/Attachs/Attachments.xml”（“Name”属性）", "说明"),
    ])
    assert [([c.text for c in t.header], [[c.text for c in row] for row in t.rows]) for t in extracted.tables] == [
        (["姓名", "电话"], [["王建国", "13912345678"]]), (["甲", "乙丙"], [["a", "b"]]),
        (["姓名", "电话"], [["郑海燕", "13812345678"]])]
    assert {"王建华", "13912345678"} <= {f.value for f in privacy.scan_extracted(extracted, "a.ofd", RULES)}


def test_an_ofd_without_its_document_or_annotation_files_reads_what_it_has():
    document = ('<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/'
                'Page_9/Content.xml"/></ofd:Pages><ofd:Annotations>Annots/Missing.xml</ofd:Annotations>'
                "<ofd:Attachments>Attachs/Missing.xml</ofd:Attachments>")
    extracted = files.read(ofd_package({"Doc_0/Pages/Page_0/Content.xml": ofd_text(20, 30, code("正文"))}, document),
                           "a.ofd")
    assert sorted(units(extracted)) == sorted(DOC_INFO_UNITS + [("第1页第1行", "正文")])


# ---- XML: feeds, sitemaps, SVG, any XML ------------------------------------------------------------------------

def xml_units(text: str, name: str = "a.xml") -> list[tuple[str, str, int]]:
    return [(u.place, u.text, u.line) for u in files.read(text.encode(), name).lines]


def test_every_text_comment_attribute_and_entity_of_an_xml_file_is_read_at_its_line():
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- 联系人：王建华 13912345678 -->\n<!-- 第二条  注释 -->\n'
            '<!DOCTYPE urlset [\n<!ENTITY who "经办人：李秀英">\n]>\n<urlset a="1">\n'
            '<url><loc>https://a.example.cn/%E5%BC%A0%E5%9B%BD%E6%98%8E/</loc><note title="备注：赵卫东">正文 <b>粗</b>'
            " 尾巴 &who;</note></url>\n<!-- 内部注释 -->\n<x id=\"%E4%B8%AD\">%E4%B8%AD</x>\n</urlset>\n"
            "<!-- 结尾：周建国 13812345678 -->\n")
    assert sorted(xml_units(text)) == sorted([
        ("第2行（XML 注释）", "联系人：王建华 13912345678", 2), ("第3行（XML 注释）", "第二条 注释", 3),
        ("第5行（实体“who”）", "经办人：李秀英", 5),
        ("第8行（<loc>）", "https://a.example.cn/张国明/", 8), ("第8行（“title”属性）", "备注：赵卫东", 8),
        ("第8行（<note>）", "正文", 8), ("第8行（<b>）", "粗", 8), ("第8行", "尾巴", 8),
        ("第9行（XML 注释）", "内部注释", 9), ("第10行（“id”属性）", "中", 10), ("第10行（<x>）", "%E4%B8%AD", 10),
        ("第12行（XML 注释）", "结尾：周建国 13812345678", 12),
    ])


@pytest.mark.parametrize("root", ["rss", "feed", "rdf:RDF"])
def test_a_feeds_html_is_read_as_html_in_every_kind_of_feed(root):
    ns = ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"' if root.startswith("rdf") else ""
    text = (f'<?xml version="1.0"?>\n<{root}{ns}>\n<item>\n<link>https://a.example.cn/%E5%85%AC%E7%A4%BA/</link>\n'
            "<description>&lt;p&gt;联系人：&lt;b&gt;王建华&lt;/b&gt;&lt;/p&gt;</description>\n</item>\n</" + root + ">\n")
    found = xml_units(text, "feeds/a.xml")
    assert ("第4行（<link>）", "https://a.example.cn/公示/", 4) in found
    assert [u for u in found if "王建华" in u[1]] == [("第5行", "联系人：王建华", 5)]  # a sentence, as a reader shows it
    # not a feed: the same element's text is text, tags and all
    plain = xml_units(text.replace(root, "catalogue").replace(ns, ""), "a.xml")
    assert [u for u in plain if "王建华" in u[1]] == [("第5行（<description>）", "<p>联系人：<b>王建华</b></p>", 5)]


def test_xml_that_does_not_parse_is_read_line_by_line():
    assert xml_units('<?xml version="1.0"?>\n<a>\n联系人：王建华\n<b></a>\n', "a.xml") == [
        ("第1行", '<?xml version="1.0"?>', 1), ("第2行", "<a>", 2), ("第3行", "联系人：王建华", 3), ("第4行", "<b></a>", 4)]


# ---- pages in the encodings Chinese sites declare, and legacy office files ------------------------------------

@pytest.mark.parametrize(("declared", "written", "text"), [
    ("gb2312", "gbk", "刘镕13912345678"),  # 镕 is GBK's, not GB 2312's: pages that say gb2312 are written in GBK
    ("GBK", "gb18030", "刘镕13912345678㐀"),  # and those that say GBK in GB 18030
    ("big5", "cp950", "劉碁13912345678"),  # and Big5 ones in Windows' code page 950
])
def test_a_page_is_read_in_the_superset_of_the_encoding_it_declares(declared, written, text):
    data = f'<meta charset="{declared}"><p>{text}</p>'.encode(written)
    assert [u.text for u in files.read(data, "a.html").lines] == [text]


def test_a_byte_order_mark_outweighs_the_encoding_a_page_declares():
    data = "\ufeff<meta charset=\"gbk\"><p>联系人：王建华</p>".encode()
    assert [u.text for u in files.read(data, "a.html").lines] == ["联系人：王建华"]


@pytest.mark.parametrize(("name", "encrypted", "message"), [
    ("a.doc", False, "Word 97-2003 文档无法由程序读取"), ("a.xls", False, "Excel 97-2003 工作簿无法由程序读取"),
    ("a.wps", False, "WPS 文字文档无法由程序读取"), ("a.bin", False, "旧版 Office 文档无法由程序读取"),
    ("a.doc", True, "文件设置了打开密码（已加密）"), ("a.docx", False, "文件设置了打开密码（已加密）"),
    ("a.xlsx", False, "文件设置了打开密码（已加密）"), ("a.pptx", False, "文件设置了打开密码（已加密）"),
])
def test_a_compound_file_is_refused_with_what_it_is_and_how_to_publish_it(name, encrypted, message):
    """An Office file saved with a password is a compound file holding an EncryptedPackage stream, whatever its
    name; a .docx that is a compound file is one such."""
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + ("EncryptedPackage".encode("utf-16-le") if encrypted
                                                              else "WordDocument".encode("utf-16-le")) + bytes(64)
    with pytest.raises(files.Unreadable) as refused:
        files.read(data, name)
    assert str(refused.value).startswith(message)
    fix = "请去掉密码后另存再放入" if "密码" in message else "请另存为 .docx、.xlsx 或带文字层的 PDF 后再放入"
    assert str(refused.value).endswith(fix)


# ---- Office Open XML: a workbook and a Word document part by part -------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def relationships(*rows: tuple[str, str, str], external: tuple[str, ...] = ()) -> str:
    return (f'<Relationships xmlns="{RELS}">' + "".join(
        f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"'
        + (' TargetMode="External"' if rid in external else "") + "/>" for rid, kind, target in rows)
        + "</Relationships>")


def test_every_part_of_a_workbook_is_read_at_its_cell_sheet_or_part():
    from files_kit import zip_of

    ws = f'xmlns="{MAIN}" xmlns:r="{R}"'
    sheet1 = (
        f'<worksheet {ws}><cols><col min="3" max="4" hidden="1"/></cols><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>电话</t></is></c>'
        '<c r="C1" t="inlineStr"><is><r><t>身份</t></r><r><t>证</t></r><rPh><t>x</t></rPh></is></c></row>'
        '<row r="2" hidden="1"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>1.3912345678E10</v></c>'
        '<c r="C2" t="str"><f>"1101"&amp;"05"</f><v>110105</v></c><c r="D2" t="b"><v>1</v></c></row>'
        '<row><c t="s"><v>3</v></c><c t="b"><v>0</v></c><c r="E3"><f>SUM(A1:A2)</f><v>0</v></c></row>'
        '<row r="5"><c r="A5" t="s"><v>99</v></c><c r="B5" t="e"><v>#N/A</v></c></row></sheetData>'
        '<dataValidations><dataValidation type="list" promptTitle="填表人：赵卫东" sqref="A2"><formula1>"是,否"'
        "</formula1></dataValidation></dataValidations><hyperlinks><hyperlink ref=\"B2\" r:id=\"rId5\" tooltip="
        '"致电 13812345678"/></hyperlinks><headerFooter><oddHeader>&amp;L&amp;"宋体,常规"制表：周建国&amp;R&amp;P'
        "</oddHeader><evenFooter>偶数页脚</evenFooter><firstFooter>首页页脚</firstFooter></headerFooter></worksheet>")
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": relationships(("r1", "officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": f'<workbook {ws}><sheets><sheet name="名单" sheetId="1" r:id="rId1"/><sheet name="隐藏" '
                           'sheetId="2" state="hidden" r:id="rId2"/><sheet name="深藏" sheetId="3" state="veryHidden" '
                           'r:id="rId3"/><sheet name="缺失" sheetId="4" r:id="rId8"/></sheets><definedNames>'
                           '<definedName name="联系人">名单!$A$2</definedName></definedNames></workbook>',
        "xl/_rels/workbook.xml.rels": relationships(
            ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "worksheet", "worksheets/sheet2.xml"),
            ("rId3", "worksheet", "/xl/worksheets/sheet3.xml"), ("rId8", "worksheet", "worksheets/missing.xml"),
            ("rId9", "sharedStrings", "sharedStrings.xml")),
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}"><si><t>姓名</t></si><si><t>王建华</t></si><si><t>未显示：李秀英'
                                "</t></si><si><r><t>张</t></r><r><t>国明</t></r><rPh><t>ちょう</t></rPh></si>"
                                "<si><t> </t></si></sst>",
        "xl/worksheets/sheet1.xml": sheet1,
        "xl/worksheets/_rels/sheet1.xml.rels": relationships(
            ("rId5", "hyperlink", "mailto:wangjh@example.cn"), ("rId6", "comments", "../comments1.xml"),
            ("rId7", "threadedComment", "../threadedComments/threadedComment1.xml"),
            ("rId4", "hyperlink", "https://example.cn/a"), external=("rId5", "rId4")),
        "xl/comments1.xml": f'<comments xmlns="{MAIN}"><authors><author>批注人：孙丽</author></authors><commentList>'
                            '<comment ref="B2" authorId="0"><text><r><t>核对：</t></r><r><t>林涛</t></r></text>'
                            "</comment></commentList></comments>",
        "xl/threadedComments/threadedComment1.xml": '<ThreadedComments xmlns="http://schemas.microsoft.com/office/'
                                                    'spreadsheetml/2018/threadedcomments"><threadedComment ref="A2" '
                                                    'personId="{1}"><text>回复：马丽</text></threadedComment>'
                                                    "</ThreadedComments>",
        "xl/worksheets/sheet2.xml": f'<worksheet {ws}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>隐藏：吴秀兰'
                                    "</t></is></c></row></sheetData></worksheet>",
        "xl/worksheets/sheet3.xml": f'<worksheet {ws}><sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>深藏：郑海燕'
                                    "</t></is></c></row></sheetData></worksheet>",
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><fonts><font><name val="宋体"/></font></fonts><cellStyles>'
                         '<cellStyle name="常规" xfId="0"/></cellStyles></styleSheet>',
        "xl/drawings/drawing1.xml": '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
                                    'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
                                    'main"><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" descr="照片：罗军"/></xdr:nvSpPr>'
                                    "<xdr:txBody><a:p><a:r><a:t>图形中的文字：黄敏</a:t></a:r></a:p></xdr:txBody>"
                                    "</xdr:sp></xdr:wsDr>",
        "xl/drawings/vmlDrawing1.vml": "<xml><v:shape>未闭合",
        "xl/embeddings/data.csv": "联系人,电话\n钱伟,13712345678\n",
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                             'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>作者：何静'
                             "</dc:creator><cp:lastModifiedBy>高磊</cp:lastModifiedBy><cp:revision>3</cp:revision>"
                             "</cp:coreProperties>",
    }
    extracted = files.read(zip_of(parts, "[Content_Types].xml"), "a.xlsx")
    s1 = "工作表“名单”"
    assert sorted(units(extracted)) == sorted([
        ("工作表名称", "名单"), (f"{s1}A1单元格", "姓名"), (f"{s1}B1单元格", "电话"), (f"{s1}C1单元格（隐藏的列）", "身份证"),
        (f"{s1}A2单元格（隐藏的行）", "王建华"), (f"{s1}B2单元格（隐藏的行）", "13912345678"),
        (f"{s1}C2单元格（隐藏的行）（隐藏的列）", "110105"), (f"{s1}C2单元格（隐藏的行）的公式（隐藏的列）", '"1101"&"05"'),
        (f"{s1}D2单元格（隐藏的行）（隐藏的列）", "TRUE"), (f"{s1}A3单元格", "张国明"), (f"{s1}B3单元格", "FALSE"),
        (f"{s1}E3单元格", "0"), (f"{s1}A5单元格", "99"), (f"{s1}B5单元格", "#N/A"),
        (f"{s1}（formula1）", '"是,否"'), (f"{s1}（“promptTitle”属性）", "填表人：赵卫东"),
        (f"{s1}（“tooltip”属性）", "致电 13812345678"), (f"{s1}的页眉", "制表：周建国"), (f"{s1}的偶数页页脚", "偶数页脚"),
        (f"{s1}的首页页脚", "首页页脚"), ("批注（作者）", "批注人：孙丽"), (f"{s1}B2单元格的批注", "核对：林涛"),
        (f"{s1}A2单元格的批注", "回复：马丽"),
        ("工作表名称（隐藏的工作表）", "隐藏"), ("工作表“隐藏”A1单元格（隐藏的工作表）", "隐藏：吴秀兰"),
        ("工作表名称（深度隐藏的工作表）", "深藏"), ("工作表“深藏”C3单元格（深度隐藏的工作表）", "深藏：郑海燕"),
        ("工作表名称", "缺失"), ("定义的名称“联系人”", "名单!$A$2"), ("共享字符串（未在单元格中显示）", "未显示：李秀英"),
        ("文档属性“作者”", "作者：何静"), ("文档属性“最后修改者”", "高磊"), ("超链接地址（“Target”属性）", "mailto:wangjh@example.cn"),
        ("工作表中的图形（“descr”属性）", "照片：罗军"), ("工作表中的图形", "图形中的文字：黄敏"),
        ("嵌入的文件“data.csv”中第1行", "联系人,电话"), ("嵌入的文件“data.csv”中第2行", "钱伟,13712345678"),
    ])
    first = extracted.tables[0]
    assert [[c.text for c in row] for row in [first.header, *first.rows]] == [
        ["姓名", "电话", "身份证", "", ""], ["王建华", "13912345678", "110105", "TRUE", ""],
        ["张国明", "FALSE", "", "", "0"], ["99", "#N/A", "", "", ""]]
    assert first.rows[1][2].place == f"{s1}C3单元格"


def test_every_part_of_a_word_document_is_read_at_its_place():
    from files_kit import W, zip_of

    t = lambda text: f"<w:r><w:t>{text}</w:t></w:r>"
    wp = lambda *runs: "<w:p>" + "".join(runs) + "</w:p>"
    vml = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    body = (
        wp("<w:r><w:t>第一段：</w:t><w:tab/><w:t>王建华</w:t><w:br/><w:t>续</w:t></w:r>")
        + wp(t("保留"), '<w:del w:author="修订人：李秀英"><w:r><w:delText>删去的张国明</w:delText></w:r></w:del>',
             '<w:moveFrom w:author="修订人：李秀英">' + t("移走的") + "</w:moveFrom>",
             '<w:ins w:author="修订人：赵卫东">' + t("插入的") + "</w:ins>")
        + wp('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "mailto:zhou@example.cn" '
             "</w:instrText></w:r>", t("周建国"), '<w:fldSimple w:instr=" MERGEFIELD 联系人 ">' + t("«联系人»")
             + "</w:fldSimple>")
        + wp('<w:r><w:drawing><wp:inline><wp:docPr id="1" descr="照片：吴秀兰" title="标题：郑海燕"/></wp:inline>'
             f"</w:drawing></w:r><w:r><w:pict><v:shape {vml}><v:textbox><w:txbxContent>" + wp(t("文本框：孙丽"))
             + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
        + '<w:sdt><w:sdtPr><w:alias w:val="联系人"/></w:sdtPr><w:sdtContent>' + wp(t("控件中的马丽"))
        + "</w:sdtContent></w:sdt>"
        + "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" + wp(t("姓名")) + "</w:tc><w:tc>" + wp(t("电话")) + "</w:tc></w:tr>"
        + "<w:ins><w:tr><w:tc><w:sdt><w:sdtContent>" + wp(t("林涛")) + wp(t("第二行")) + "</w:sdtContent></w:sdt></w:tc>"
        + "<w:tc><w:tbl><w:tr><w:tc>" + wp(t("内表：何静")) + "</w:tc></w:tr></w:tbl></w:tc></w:tr></w:ins></w:tbl>"
        + wp(t("最后一段"))
        + '<w:sectPr><w:headerReference w:type="default" r:id="h1"/><w:headerReference w:type="first" r:id="h2"/>'
        '<w:footerReference w:type="even" r:id="f1"/><w:footerReference w:type="default" r:id="f2"/></w:sectPr>'
    )
    story = lambda root, inner: f"<w:{root} {W}>{inner}</w:{root}>"
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": relationships(("r1", "officeDocument", "/word/document.xml")),
        "word/document.xml": story("document", f"<w:body>{body}</w:body>"),
        "word/_rels/document.xml.rels": relationships(
            ("h1", "header", "header1.xml"), ("h2", "header", "header2.xml"), ("f1", "footer", "footer1.xml"),
            ("f2", "footer", "footer2.xml"), ("x9", "hyperlink", "mailto:qian@example.cn"), external=("x9",)),
        "word/header1.xml": story("hdr", wp(t("页眉：钱伟")) + "<w:tbl><w:tr><w:tc>" + wp(t("表中：高磊"))
                                  + "</w:tc></w:tr></w:tbl>"),
        "word/header2.xml": story("hdr", wp(t("首页页眉：罗军"))),
        "word/header3.xml": story("hdr", wp(t("未引用页眉：冯洋"))),
        "word/footer1.xml": story("ftr", wp(t("偶数页脚：黄敏"))),
        "word/footer2.xml": story("ftr", wp(t("页脚：陈刚"))),
        "word/footnotes.xml": story("footnotes", '<w:footnote w:type="separator" w:id="-1">' + wp(t("分隔线旁的文字"))
                                    + '</w:footnote><w:footnote w:id="1">' + wp(t("脚注：唐杰"))
                                    + '</w:footnote><w:footnote w:type="normal" w:id="2">' + wp(t("脚注二"))
                                    + "</w:footnote>"),
        "word/endnotes.xml": story("endnotes", '<w:endnote w:id="1">' + wp(t("尾注：许静")) + "</w:endnote>"),
        "word/comments.xml": story("comments", '<w:comment w:id="0" w:author="批注人：韩磊" w:initials="HL">'
                                   + wp(t("批注：曹芳")) + '</w:comment><w:comment w:id="1" w:author="  ">'
                                   + wp(t("批注二")) + "</w:comment>"),
        "word/people.xml": '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person '
                           'w15:author="作者：彭伟"/></w15:people>',
        "word/glossary/document.xml": story("glossaryDocument", "<w:docParts><w:docPart><w:docPartBody>"
                                            + wp(t("部件：曾敏")) + "</w:docPartBody></w:docPart></w:docParts>"),
        "word/settings.xml": story("settings", '<w:docVars><w:docVar w:name="经办人" w:val="肖强"/></w:docVars>'),
        "word/styles.xml": story("styles", '<w:style w:styleId="1"><w:name w:val="标题 1"/><w:rPr><w:rFonts '
                                           'w:eastAsia="仿宋"/></w:rPr></w:style>'),
        "docProps/core.xml": '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                             'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>作者：袁丽'
                             "</dc:creator></cp:coreProperties>",
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
                            'properties"><Company>单位：示例区退役军人事务局</Company><Pages>1</Pages></Properties>',
        "docProps/custom.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-'
                               'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                               '<property pid="2" name="联系人"><vt:lpwstr>田静</vt:lpwstr></property></Properties>',
    }
    extracted = files.read(zip_of(parts, "[Content_Types].xml"), "a.docx")
    assert sorted(units(extracted)) == sorted([
        ("第1段", "第一段： 王建华\n续"), ("第2段修订（删除的文字）", "删去的张国明移走的"), ("第2段", "保留插入的"),
        ("修订（作者）", "修订人：李秀英"), ("修订（作者）", "修订人：赵卫东"),
        ("第3段域代码", 'HYPERLINK "mailto:zhou@example.cn" MERGEFIELD 联系人'), ("第3段", "周建国«联系人»"),
        ("第4段图片说明（替代文字）", "照片：吴秀兰"), ("第4段图片说明（替代文字）", "标题：郑海燕"), ("文本框", "文本框：孙丽"),
        ("正文（“val”属性）", "联系人"), ("第5段", "控件中的马丽"),
        ("表格1第1行第1列", "姓名"), ("表格1第1行第2列", "电话"), ("表格1第2行第1列", "林涛\n第二行"),
        ("表格1第2行第2列中的表格第1行第1列", "内表：何静"), ("第6段", "最后一段"),
        ("页眉", "页眉：钱伟"), ("页眉中的表格第1行第1列", "表中：高磊"), ("首页页眉", "首页页眉：罗军"), ("页眉", "未引用页眉：冯洋"),
        ("偶数页页脚", "偶数页脚：黄敏"), ("页脚", "页脚：陈刚"), ("脚注", "脚注：唐杰"), ("脚注", "脚注二"),
        ("脚注", "分隔线旁的文字"),  # not a note: read by the catch-all, in the same part
        ("尾注", "尾注：许静"),
        ("批注（作者）", "批注人：韩磊"), ("批注", "批注：曹芳"), ("批注", "批注二"),
        ("批注作者（“author”属性）", "作者：彭伟"), ("文档部件", "部件：曾敏"),
        ("文档设置（“name”属性）", "经办人"), ("文档设置（“val”属性）", "肖强"),
        ("超链接地址（“Target”属性）", "mailto:qian@example.cn"),
        ("文档属性“作者”", "作者：袁丽"), ("文档属性“单位”", "单位：示例区退役军人事务局"), ("自定义属性“联系人”", "田静"),
        ("自定义属性（“name”属性）", "联系人"),
    ])
    inner, outer, in_header = extracted.tables
    assert [c.text for c in inner.header] == ["内表：何静"] and inner.rows == []
    assert [(c.text, c.place) for c in in_header.header] == [("表中：高磊", "页眉中的表格第1行第1列")]
    assert [[c.text for c in row] for row in [outer.header, *outer.rows]] == [["姓名", "电话"], ["林涛\n第二行", ""]]


# ---- PDF: every place text can hide --------------------------------------------------------------------------

def _pdf_with_every_part() -> bytes:
    """A PDF with a text layer, properties, annotations, a link, bookmarks, a form field, XMP and an attached file."""
    import io

    import pypdf
    from attachments_kit import make_pdf
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([
        ["公示", "姓名 电话", "王建华 13912345678", "李秀英 13812345678", "合计 二人"], ["第二页"]]))))
    writer.add_metadata({"/Title": "公示名单", "/Author": "作者：张国明", "/Subject": "主题", "/Keywords": "抚恤",
                         "/Creator": "WPS", "/Producer": "  ", "/联系人": "赵卫东", "/CreationDate": "D:20240101",
                         "/Trapped": "/False"})
    note = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
                             NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                             NameObject("/Contents"): TextStringObject("批注：周建国"),
                             NameObject("/T"): TextStringObject("审阅人：吴秀兰"), NameObject("/Subj"): TextStringObject("主题：核对")})
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                             NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                                 NameObject("/URI"): TextStringObject("mailto:zheng@example.cn")})})
    web = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                             NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                                 NameObject("/URI"): TextStringObject("https://example.cn/")})})
    page = writer.pages[0]
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(note), writer._add_object(link), writer._add_object(web)])
    parent = writer.add_outline_item(title="第一部分：孙丽", page_number=0)
    writer.add_outline_item(title="子项：林涛", page_number=1, parent=parent)
    writer.add_attachment("名单.csv", "姓名,电话\n马丽,13712345678\n".encode())
    field = DictionaryObject({NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("联系人"),
                              NameObject("/V"): TextStringObject("何静"), NameObject("/TU"): TextStringObject("请填写经办人")})
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([writer._add_object(field)])})
    xmp = DecodedStreamObject()
    xmp.set_data('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XMP：高磊</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>'.encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_every_part_of_a_pdf_is_read_at_its_place():
    extracted = files.read(_pdf_with_every_part(), "a.pdf")
    assert sorted(units(extracted)) == sorted([
        ("第1页第1行", "公示"), ("第1页第2行", "姓名 电话"), ("第1页第3行", "王建华 13912345678"),
        ("第1页第4行", "李秀英 13812345678"), ("第1页第5行", "合计 二人"), ("第2页第1行", "第二页"),
        ("第1页的注释", "批注：周建国"), ("第1页的注释（作者）", "审阅人：吴秀兰"), ("第1页的注释（主题）", "主题：核对"),
        ("第1页的链接地址", "mailto:zheng@example.cn"),  # a web address is no personal data: not read
        ("文档属性“标题”", "公示名单"), ("文档属性“作者”", "作者：张国明"), ("文档属性“主题”", "主题"),
        ("文档属性“关键词”", "抚恤"), ("文档属性“创建软件”", "WPS"), ("文档属性“联系人”", "赵卫东"),
        ("文档属性（XMP 元数据）", "XMP：高磊"), ("表单字段“联系人”填写的内容", "何静"), ("表单字段“联系人”提示", "请填写经办人"),
        ("书签", "第一部分：孙丽"), ("书签", "子项：林涛"),
        ("PDF 附带的文件“名单.csv”中第1行", "姓名,电话"), ("PDF 附带的文件“名单.csv”中第2行", "马丽,13712345678"),
    ])
    assert [([c.text for c in t.header], [[c.text for c in row] for row in t.rows]) for t in extracted.tables] == [
        (["姓名", "电话"], [["王建华", "13912345678"], ["李秀英", "13812345678"], ["合计", "二人"]]),
        (["姓名", "电话"], [["马丽", "13712345678"]])]
    assert extracted.tables[0].rows[0][1].place == "第1页第3行"


# ---- HTML: units, lines, attributes and tables as a person and a screen reader get them ----------------------

PAGE = """<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><title>联系人：王建华</title>
<meta name="description" content="经办人：李秀英"><meta property="og:title" content="分享：张国明"><meta itemprop="author" content="作者：赵卫东"><meta name="viewport" content="width=device-width, 13912345678"><meta content="没有名字的说明">
<script>var phone = "13912345678";
</script><style>.a::after { content: "周建国"; }</style>
<script type="application/ld+json">{"name": "吴秀兰"}</script>
</head>
<body>
<p>请与<b>郑海燕</b>同志联系<br>电话：13812345678</p>
<!-- 注释：孙丽
第二行 -->
<div>前文<p>
段落：林涛</p>后文</div>
<a href="tel:13712345678" title="致电马丽" onclick="call('13612345678')">电话</a>
<a href="/files/%E5%90%8D%E5%8D%95.pdf" download="名单.pdf">下载</a><a href="https://example.cn/a">网站</a>
<img src="a.png" alt="照片：何静" class="王建国" data-owner="数据：高磊" data-id="123456789">
<input type="password" value="密码123456"><input type="text" value="填写：罗军" placeholder="请输入姓名" aria-label="姓名">
<table summary="名单"><tr><th>姓名</th><th>电话</th></tr>
<tr><td>黄敏<br>（组长）</td><td>13512345678</td></tr></table>
</body></html>
"""
PAGE_UNITS = [
    ("第3行", "联系人：王建华", 3), ("第4行网页说明（meta description）", "经办人：李秀英", 4),
    ("第4行网页说明（meta og:title）", "分享：张国明", 4), ("第4行网页说明（meta author）", "作者：赵卫东", 4),
    ("第5行", 'var phone = "13912345678";', 5), ("第6行", '.a::after { content: "周建国"; }', 6),
    ("第7行（$.name）", "吴秀兰", 7), ("第10行", "请与郑海燕同志联系", 10), ("第10行", "电话：13812345678", 10),
    ("第11行（HTML 注释）", "注释：孙丽 第二行", 11), ("第13行", "前文", 13), ("第14行", "段落：林涛", 14),
    ("第14行", "后文", 14), ("第15行链接地址", "tel:13712345678", 15), ("第15行提示文字（title）", "致电马丽", 15),
    ("第16行链接地址", "/files/名单.pdf", 16), ("第16行下载文件名（download）", "名单.pdf", 16),
    ("第17行图片的替代文字（alt）", "照片：何静", 17), ("第17行“data-owner”属性", "数据：高磊", 17),
    ("第17行“data-id”属性", "123456789", 17), ("第18行按钮或输入框的文字（value）", "填写：罗军", 18),
    ("第18行输入框提示（placeholder）", "请输入姓名", 18), ("第18行读屏文字（aria-label）", "姓名", 18),
    ("第15行", "电话下载网站", 15), ("第19行表格摘要（summary）", "名单", 19), ("第19行", "姓名", 19),
    ("第19行", "电话", 19), ("第20行", "黄敏", 20), ("第20行", "（组长）", 20), ("第20行", "13512345678", 20),
]


@pytest.mark.parametrize("as_page", [False, True])
def test_a_page_is_read_unit_by_unit_at_the_lines_where_they_start(as_page):
    """Read as any HTML file, and as a page the build wrote (with PageParts, its links and ids read too)."""
    from govsite.guard.files.html import PageParts

    extracted = files.read(PAGE.encode(), "a/index.html", PageParts() if as_page else None)
    assert sorted((u.place, u.text, u.line) for u in extracted.lines) == sorted(PAGE_UNITS)
    (table,) = extracted.tables
    assert [(c.text, c.line, c.place) for c in table.header] == [("姓名", 19, "第19行"), ("电话", 19, "第19行")]
    assert [[(c.text, c.line) for c in row] for row in table.rows] == [[("黄敏 （组长）", 20), ("13512345678", 20)]]
    if as_page:
        assert extracted.links == ("tel:13712345678", "/files/%E5%90%8D%E5%8D%95.pdf", "https://example.cn/a", "a.png")


# ---- encodings --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "score"), [
    ("abc 123\t\n", 1.0), ("的是退役军人", 1.0), ("，。：“”（）、", 1.0), ("\u3000—…Ａ", 1.0),  # common and punctuation
    ("丌丏", 0.5), ("䶮𠀀", 0.15),  # listed but less used; rare (a name may hold one, mojibake holds many)
    ("éαБ", 0.5), ("℃×─", 0.8),  # other scripts' letters, symbols
    ("한국", 0.0), ("\u1100\u3131", 0.0), ("\ue000\ufffd\ufeff", 0.0), ("\x01\x7f", 0.0), ("\u0301\u0300", 0.0),
    ("的한", 0.5), ("abc的的的한", 0.75),  # the mean over the characters that tell encodings apart (ASCII does not)
])
def test_how_plausible_a_text_is_as_a_chinese_file(text, score):
    from govsite.guard.files.encoding import plausibility

    assert plausibility(text) == pytest.approx(score)


@pytest.mark.parametrize(("encoding", "bom"), [("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
                                               ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                               ("utf-16-be", b"\xfe\xff")])
def test_a_byte_order_mark_decides_and_content_that_belies_it_is_refused(encoding, bom):
    text = "姓名,电话\n王建华,13912345678\n"
    decoded = files.decode(bom + text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)
    with pytest.raises(files.Unreadable) as refused:
        files.decode(bom + b"\xff\xff\xff\xff\xff")
    assert str(refused.value).startswith(f"文件开头标明是 {encoding.upper()} 编码，但内容不是这种编码")


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_wide_encodings_without_a_mark_are_read_when_convincing(encoding):
    text = "序号,姓名,联系电话\n1,王建华,13912345678\n2,李秀英,13812345678\n"
    decoded = files.decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)


# ---- the search index's files ----------------------------------------------------------------------------------

def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def shard(grams: list[tuple[list[int], bytes]]) -> bytes:
    """A postings shard: count, then each n-gram (length, character codes, postings count, size) and the
    postings' bytes after all of them."""
    head = varint(len(grams)) + b"".join(varint(len(codes)) + b"".join(varint(c) for c in codes) + varint(1)
                                          + varint(len(postings)) for codes, postings in grams)
    return head + b"".join(postings for _codes, postings in grams)


def test_the_search_indexs_binary_files_are_published_only_when_they_are_exactly_that():
    good = shard([([ord("王"), ord("建")], b"\x01\x02"), ([ord("建"), ord("华"), ord("同"), ord("志")], b"\x03" * 300)])
    assert files.read(good, "searchindex/g/3.bin").media == "搜索索引"
    assert files.read(good, "sub/site/searchindex/g/12.bin").media == "搜索索引"
    records = struct.pack("<II", 2, 1) + bytes(6 * 2 + 8)
    assert files.read(records, "searchindex/records.bin").media == "搜索索引"
    for name, data in [("searchindex/g/3.bin", good + b"\x00"), ("searchindex/g/3.bin", good[:-1]),
                       ("searchindex/g/3.bin", shard([([ord("王")], b"\x01")])),
                       ("searchindex/g/3.bin", shard([([1, 2, 3, 4, 5], b"\x01")])),
                       ("searchindex/g/3.bin", b"\xff" * 8), ("searchindex/records.bin", records + b"\x00"),
                       ("searchindex/records.bin", records[:5]), ("searchindex/g/x.bin", good),
                       ("other/g/3.bin", good), ("searchindex/records.bin.bak", records)]:
        with pytest.raises(files.Unreadable):
            files.read(data, name)


@pytest.mark.parametrize(("name", "kind"), [
    ("searchindex/c/7.json", files.JOINED), ("searchindex/titles.json", files.JOINED),
    ("sub/searchindex/c/12.json", files.JOINED), ("searchindex/words.json", files.FRAGMENT),
    ("searchindex/fold.json", files.FRAGMENT), ("searchindex/manifest.json", files.FRAGMENT),
    ("searchindex/pinyin.json", files.FRAGMENT), ("api/words.json", ""), ("searchindex/a/b/c.json", ""),
])
def test_the_search_indexs_json_is_read_as_joined_records_or_fragments(name, kind):
    from govsite.guard.files.searchindex import is_fragment_list

    extracted = files.read('["联系人 王建华", "13912345678"]'.encode(), name)
    assert {u.kind for u in extracted.lines} == {kind}
    assert is_fragment_list(name) == (kind == files.FRAGMENT)


# ---- JSON -----------------------------------------------------------------------------------------------------

def test_every_string_and_long_number_of_json_is_read_at_its_line_and_path():
    text = ('{\n  "items": [\n    {"name": "联系人：王建华", "tel": 13912345678, "n": 12345, "id": -110105,\n'
            '     "big": 1.3812345678E10, "f": 1234567.5, "联系人": "李秀英"},\n    "  ",\n    "第二项 \\"张国明\\""\n  ],\n'
            '  "ok": true, "none": null, "e": "\\u8d75\\u536b\\u4e1c"\n}\n')
    units_ = [(u.place, u.text, u.line) for u in files.read(text.encode(), "api/a.json").lines]
    assert units_ == [
        ("第3行（$.items[0].name）", "联系人：王建华", 3), ("第3行（$.items[0].tel）", "13912345678", 3),
        ("第3行（$.items[0].id）", "-110105", 3), ("第4行（$.items[0].big）", "13812345678", 4),
        ("第4行（$.items[0].f）", "1234567.5", 4), ("第4行（$.items[0].联系人）", "联系人", 4),
        ("第4行（$.items[0].联系人）", "李秀英", 4), ("第6行（$.items[2]）", '第二项 "张国明"', 6),
        ("第8行（$.e）", "赵卫东", 8)]


def test_json_that_does_not_parse_is_read_line_by_line_and_json_in_a_page_at_its_line():
    assert [(u.place, u.text) for u in files.read(b'{"a": "\xe7\x8e\x8b\xe5\xbb\xba\xe5\x8d\x8e",\n}', "a.json").lines] \
        == [("第1行", '{"a": "王建华",'), ("第2行", "}")]
    from govsite.guard.files.jsonfile import read_json

    assert [(u.place, u.line) for u in read_json('[\n"王建华"]', 40).lines] == [("第41行（$[0]）", 41)]


def test_exif_text_is_read_whole_whatever_its_type_order_or_stray_bytes():
    """An ID number ending in X keeps its X (trailing NULs alone are padding); entries after the Exif pointer are
    read; a value of a type that holds no text gives none; odd bytes become a replacement character, not the end
    of the reading."""
    people = People(40)
    number = "11010519491231002X"
    name, other = people.name(), people.name()
    block = tiff("<", [
        (0x8769, 4, b""),  # the Exif sub-directory first
        (0x010E, 2, number.encode() + b"\0\0"),
        (0x013B, 3, b"\x01\x00\x02\x00\x03\x00"),  # Artist stored as numbers: no text
        (0x9C9D, 1, name.encode("utf-16-le") + b"A"),  # an odd byte at the end
    ], sub=[(0x9286, 7, b"ASCII\0\0\0" + f"tel 13912345678 {other}".encode() + b"\xff"),
            (0x9C9C, 1, "备注".encode("utf-16-le"))])
    extracted = files.read(jpeg(segment(0xE1, b"Exif\0\0" + block)), "a.jpg")
    assert sorted(units(extracted)) == sorted([
        ("图片的元数据“图片说明”", number), ("图片的元数据“作者”", f"{name}\ufffd"),
        ("图片的元数据“用户注释”", f"tel 13912345678 {other}\ufffd"), ("图片的元数据“备注”", "备注")])
    assert privacy.RULE_ID in {f.rule for f in privacy.scan_extracted(extracted, "a.jpg", RULES)}


def test_a_jpeg_comment_that_is_no_text_in_any_encoding_is_still_read():
    extracted = files.read(jpeg(segment(0xFE, b"\x01\x02\x03\xff\xfe 13912345678 X")), "a.jpg")
    assert units(extracted) == [("图片的元数据“注释”", "\x01\x02\x03ÿþ 13912345678 X")]


def test_large_metadata_segments_and_chunks_are_read_and_damaged_lengths_do_not_hang():
    name = People(41).name()
    xmp = (b"http://ns.adobe.com/xap/1.0/\0" + b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><a>' + b" " * 40_000
           + f"{name}</a></x:xmpmeta>".encode())
    assert units(files.read(jpeg(segment(0xE1, xmp)), "a.jpg")) == [("图片的元数据（XMP）", name)]
    bomb = PNG_HEAD + png_chunk(b"zTXt", b"C\0\0" + zlib.compress(b"a" * (3 << 20))) + PNG_END
    (unit_,) = files.read(bomb, "a.png").lines
    assert unit_.text == "a" * (1 << 20)  # read up to 1 MB: what a bomb unpacks to beyond is not read
    lying = PNG_HEAD + struct.pack(">I", 0xFFFFFFF0) + b"tEXt" + b"A\0" + b"13912345678" + PNG_END
    assert files.read(lying, "a.png").media == "图片"


def test_a_news_photos_iptc_caption_and_by_line_are_read():
    """Photo and newsroom tools write the caption and the photographer in IPTC, inside Photoshop's resources."""
    people = People(42)
    name, author, mobile = people.name(), people.name(), people.mobile()

    def dataset(number: int, value: bytes) -> bytes:
        return b"\x1c\x02" + bytes((number,)) + struct.pack(">H", len(value)) + value

    iptc = (b"\x1c\x01\x5a\x00\x03\x1b%G" + dataset(0, b"\x00\x04") + dataset(120, f"{name}在活动现场，电话{mobile}".encode())
            + dataset(80, f"记者 {author}".encode()) + dataset(55, b"20240101") + dataset(25, "退役军人".encode())
            + b"\x1c\x02\x78\x80\x04\x00\x00\x00\x01x" + dataset(105, "不读：扩展长度之后".encode()))
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    extracted = files.read(jpeg(segment(0xED, b"Photoshop 3.0\0" + resource)), "photo.jpg")
    assert units(extracted) == [("图片的元数据“图片说明”", f"{name}在活动现场，电话{mobile}"),
                                ("图片的元数据“作者”", f"记者 {author}"), ("图片的元数据“关键词”", "退役军人")]
    assert {mobile} <= {f.value for f in privacy.scan_extracted(extracted, "photo.jpg", RULES)}


def test_odf_cells_of_every_kind_repeats_and_tables_are_read_and_counted_as_shown():
    from files_kit import zip_of

    spreadsheet = (
        '<table:table table:name="表"><table:table-row-group><table:table-row>'
        + cell(p("文本"), office__value_type="string", office__string_value="文本")  # value as shown: once
        + cell(p("2024年1月1日"), office__value_type="date", office__date_value="2024-01-01")
        + cell(p("下午一点"), office__value_type="time", office__time_value="PT13H00M00S")
        + cell(p("¥138,123,456.00"), office__value_type="currency", office__value="138123456.0")
        + cell(p("1,200%"), office__value_type="percentage", office__value="12.0")
        + cell(p("编号"), office__value_type="string", office__string_value="0013912345678.0")
        + cell(p("空"), office__value_type="float")
        + "</table:table-row></table:table-row-group><table:table-row/>"
        '<table:table-row><text:soft-page-break/>' + cell(table__number_columns_repeated=1500) + cell(p("远处"))
        + "</table:table-row><table:table-row>" + cell(p("重复"), table__number_columns_repeated=1200)
        + "</table:table-row></table:table><table:table>" + '<table:table-row>' + cell(p("无名表")) + "</table:table-row>"
        "</table:table>")
    extracted = files.read(odf_package("spreadsheet", spreadsheet), "a.ods")
    cells = [(place, text) for place, text in units(extracted) if place.startswith("工作表“")]
    sheet = "工作表“表”"
    assert cells[:10] == [
        (f"{sheet}A1单元格", "文本"), (f"{sheet}B1单元格", "2024年1月1日"), (f"{sheet}B1单元格（单元格的值）", "2024-01-01"),
        (f"{sheet}C1单元格", "下午一点"), (f"{sheet}C1单元格（单元格的值）", "PT13H00M00S"),
        (f"{sheet}D1单元格", "¥138,123,456.00"), (f"{sheet}D1单元格（单元格的值）", "138123456"),
        (f"{sheet}E1单元格", "1,200%"), (f"{sheet}E1单元格（单元格的值）", "12"), (f"{sheet}F1单元格", "编号")]
    assert cells[10:13] == [(f"{sheet}F1单元格（单元格的值）", "0013912345678.0"), (f"{sheet}G1单元格", "空"),
                            (f"{sheet}BES3单元格", "远处")]
    repeated = cells[13:1013]
    assert len(repeated) == 1000 and repeated[-1] == (f"{sheet}ALL4单元格", "重复")
    assert cells[1013:] == [("工作表“”A1单元格", "无名表")]  # a sheet without a name: no name unit
    assert all(c.line == 0 for t in extracted.tables for row in [t.header, *t.rows] for c in row)
    text_doc = (
        "<table:table><table:table-row>" + cell(p("甲")) + "</table:table-row></table:table>"
        "<table:table><table:table-row>" + cell("<text:h>标题格</text:h>")
        + cell(p("段") + "<text:list><text:list-item>" + p("列表项") + "</text:list-item></text:list>")
        + cell('<text:section text:name="节">' + p("节中：王建华") + "</text:section>") + "</table:table-row></table:table>")
    styles = ('<style:master-page style:name="Standard"><style:header>' + p("页眉") + "</style:header></style:master-page>"
              '<text:user-field-decls><text:user-field-decl office:value-type="string" office:string-value="样式中：'
              '李秀英"/></text:user-field-decls><office:forms><form:form xmlns:form="urn:oasis:names:tc:opendocument:'
              'xmlns:form:1.0"><form:title>样式部分的文字：张国明</form:title></form:form></office:forms>')
    extracted = files.read(zip_of({
        "mimetype": MIMETYPE["text"],
        "content.xml": f"<office:document-content {ODF}><office:body><office:text>{text_doc}</office:text></office:body>"
                       "</office:document-content>",
        "styles.xml": f'<office:document-styles {ODF}><office:styles><style:style style:name="标题" '
                      f'style:display-name="标题 1"/></office:styles><office:master-styles>{styles}'
                      "</office:master-styles></office:document-styles>",
        "meta.xml": f"<office:document-meta {ODF}><meta:initial-creator>直接：赵卫东</meta:initial-creator>"
                    "</office:document-meta>",
    }, first="mimetype"), "a.odt")
    assert sorted(units(extracted)) == sorted([
        ("表格1第1行第1列", "甲"), ("表格2第1行第1列", "标题格"), ("表格2第1行第2列", "段\n列表项"),
        ("表格中的文字", "节中：王建华"), ("页眉", "页眉"), ("文档属性“作者”", "直接：赵卫东"),
        ("样式和页眉页脚（“string-value”属性）", "样式中：李秀英"), ("样式和页眉页脚（title）", "样式部分的文字：张国明")])


def test_an_ofd_reads_what_no_document_lists_and_names_what_it_lacks():
    """A page's content that no document lists is still in the file: read by the catch-all. Properties that are
    dates and versions are not text; one without a name is still read; a page or an annotation without an ID, an
    attachment without a name or a dot in it, a broken part named in the refusal."""
    from files_kit import OFD_NS, zip_of

    document = ('<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page BaseLoc="Pages/Page_1/'
                'Content.xml"/></ofd:Pages><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>'
                "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>")
    parts = {
        "Doc_0/Pages/Page_9/Content.xml": f'<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer>' + ofd_text(20, 30, code("孤页：王建华"))
                                          + "</ofd:Layer></ofd:Content></ofd:Page>",
        "Doc_0/Annots/Annotations.xml": f"<ofd:Annotations {OFD_NS}><ofd:Page><ofd:FileLoc>a.xml</ofd:FileLoc>"
                                        "</ofd:Page></ofd:Annotations>",
        "Doc_0/Annots/a.xml": f"<ofd:PageAnnot {OFD_NS}><ofd:Annot><ofd:Remark>第二页的注释：李秀英</ofd:Remark>"
                              "</ofd:Annot></ofd:PageAnnot>",
        "Doc_0/Attachs/Attachments.xml": f'<ofd:Attachments {OFD_NS}><ofd:Attachment Name="名单"><ofd:FileLoc>a1.csv'
                                         "</ofd:FileLoc></ofd:Attachment><ofd:Attachment><ofd:FileLoc>a2.txt</ofd:FileLoc>"
                                         "</ofd:Attachment></ofd:Attachments>",
        "Doc_0/Attachs/a1.csv": "姓名,电话\n张国明,13712345678\n".encode(),
        "Doc_0/Attachs/a2.txt": "无名附件：赵卫东\n".encode(),
        "Doc_0/PublicRes.xml": f'<ofd:Res {OFD_NS}><ofd:Fonts><ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/>'
                               "</ofd:Fonts></ofd:Res>",
    }
    data = ofd_package({"Doc_0/Pages/Page_0/Content.xml": ofd_text(20, 30, code("第一页")),
                        "Doc_0/Pages/Page_1/Content.xml": ofd_text(20, 30, code("第二页"))}, document, parts)
    extracted = files.read(data, "a.ofd")
    assert sorted(units(extracted)) == sorted(DOC_INFO_UNITS + [
        ("第1页第1行", "第一页"), ("第2页第1行", "第二页"), ("第2页的注释", "第二页的注释：李秀英"),
        ("OFD 文件内部的“Doc_0/Pages/Page_9/Content.xml”（TextCode）", "孤页：王建华"),
        ("附件名称", "名单"), ("OFD 附件“名单”中第1行", "姓名,电话"), ("OFD 附件“名单”中第2行", "张国明,13712345678"),
        ("OFD 附件“”中第1行", "无名附件：赵卫东"), ("OFD 文件内部的“Doc_0/Attachs/Attachments.xml”（“Name”属性）", "名单"),
    ])
    assert [[c.text for c in t.header] for t in extracted.tables] == [["姓名", "电话"]]  # read as the .csv it is

    info = ("<ofd:DocInfo><ofd:DocID>1</ofd:DocID><ofd:ModDate>2024-01-02</ofd:ModDate><ofd:CreatorVersion>1.0"
            "</ofd:CreatorVersion><ofd:CoverLoc>Cover.xml</ofd:CoverLoc><ofd:Status>草稿：钱伟</ofd:Status>"
            "<ofd:CustomDatas><ofd:CustomData>无名：孙丽</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo>")
    bare = zip_of({"OFD.xml": f"<ofd:OFD {OFD_NS}><ofd:DocBody>{info}</ofd:DocBody></ofd:OFD>"})
    assert sorted(units(files.read(bare, "a.ofd"))) == [("文档属性“Status”", "草稿：钱伟"), ("自定义属性“”", "无名：孙丽")]
    broken = zip_of({"OFD.xml": f"<ofd:OFD {OFD_NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                                "</ofd:DocBody></ofd:OFD>", "Doc_0/Document.xml": "<broken"})
    with pytest.raises(files.Unreadable, match="OFD 文件内部的“Doc_0/Document.xml”"):
        files.read(broken, "a.ofd")


def test_a_part_that_is_no_xml_is_refused_with_the_start_of_the_parsers_reason():
    from lxml import etree

    from govsite.guard.files.xmlfile import parse, parser

    broken = "<a><b></a>"
    with pytest.raises(etree.XMLSyntaxError) as raised:
        etree.fromstring(broken.encode(), parser())
    with pytest.raises(files.Unreadable) as refused:
        parse(broken, "文件内部的“x.xml”")
    reason = str(raised.value).split("\n", 1)[0][:80]
    assert len(str(raised.value)) > 80  # the reason is cut to its first 80 characters
    assert str(refused.value) == f"文件内部的“x.xml”格式有误（{reason}），其中的个人信息无法检查；请用原软件重新导出后再放入"


def test_exif_values_of_four_bytes_stand_in_their_entry_and_longer_ones_where_it_points():
    block = tiff(">", [(0x013B, 2, b"Lee\0"), (0x010E, 2, b"Wang\0"), (0x8298, 2, b"13912345678\0")])
    assert units(files.read(jpeg(segment(0xE1, b"Exif\0\0" + block)), "a.jpg")) == [
        ("图片的元数据“作者”", "Lee"), ("图片的元数据“图片说明”", "Wang"), ("图片的元数据“版权”", "13912345678")]


@pytest.mark.parametrize(("name", "layers"), [("a.svgz", 1), ("a.svgz.gz", 2), ("A.SVGZ", 1)])
def test_a_compressed_svg_is_read_as_the_svg_it_holds(name, layers):
    data = '<svg xmlns="http://www.w3.org/2000/svg"><text>联系人：王建华</text></svg>'.encode()
    for _ in range(layers):
        data = gzip.compress(data, mtime=0)
    assert units(files.read(data, name)) == [("第1行（<text>）", "联系人：王建华")]


SHAPES = ("custom-shape", "rect", "ellipse", "polygon", "path", "g", "caption", "line", "connector", "polyline",
          "regular-polygon", "measure")


def test_odf_shapes_notes_comments_and_changes_of_every_kind_are_read_at_their_place():
    body = "".join(f"<draw:{shape}><svg:title>{shape}的标题</svg:title>" + p(f"{shape}中的文字") + f"</draw:{shape}>"
                   for shape in SHAPES)
    body += (
        '<text:p>正文<text:note text:note-class="other"><text:note-body><text:h>注一</text:h></text:note-body></text:note>'
        "<text:note><text:note-body>" + p("注二") + "</text:note-body></text:note>"
        "<office:annotation><dc:creator>批注人</dc:creator><text:h>批注标题</text:h><text:list><text:list-item>"
        "<text:h>列表标题</text:h></text:list-item></text:list></office:annotation></text:p>"
        "<draw:frame><draw:image>" + p("图片下的文字") + "</draw:image></draw:frame>"
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>改者'
        "</dc:creator><dc:date>2024-01-02T00:00:00</dc:date></office:change-info><text:h>删去的标题</text:h>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:p><text:bookmark text:name="书签"/><text:soft-page-break/>尾</text:p>'
    )
    extracted = files.read(odf_package("text", body), "a.odt")
    assert sorted(units(extracted)) == sorted(SETTINGS_UNITS + [
        u for shape in SHAPES for u in (("图片说明（替代文字）", f"{shape}的标题"), ("图形中的文字", f"{shape}中的文字"))] + [
        ("脚注", "注一"), ("脚注", "注二"), ("第1段", "正文"), ("批注（作者）", "批注人"), ("批注", "批注标题"),
        ("批注", "列表标题"), ("文本框", "图片下的文字"), ("修订（作者）", "改者"), ("修订（删除的文字）", "删去的标题"),
        ("正文（date）", "2024-01-02T00:00:00"), ("第2段", "尾")])


def test_a_comment_on_a_spreadsheet_cell_is_read_once_with_its_author():
    body = ('<table:table table:name="表"><table:table-row>' + cell("<office:annotation><dc:creator>批注人：王建华"
            "</dc:creator>" + p("核对：李秀英") + "</office:annotation>" + p("值")) + "</table:table-row></table:table>")
    extracted = files.read(odf_package("spreadsheet", body), "a.ods")
    assert sorted(units(extracted)) == sorted(SETTINGS_UNITS + [
        ("工作表名称", "表"), ("批注（作者）", "批注人：王建华"), ("批注", "核对：李秀英"), ("工作表“表”A1单元格", "值")])


def test_ofd_text_is_placed_by_its_transform_size_and_defaults_into_lines_fields_and_tables():
    def obj(codes: str, boundary: str | None = "20 0", size: str | None = "3.5", ctm: str | None = None) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in (("Boundary", boundary and f"{boundary} 150 10"), ("Size", size),
                                                  ("CTM", ctm)) if v)
        return f"<ofd:TextObject{attrs}>{codes}</ofd:TextObject>"

    objects = (
        obj(code("甲", 0, 0) + code("乙", 3.5, None), boundary="0 0", ctm="1 0 0 1 20 30")  # placed by the CTM
        + obj(code("丙"), boundary="26.5 30")
        + obj(code("丁", 0, 5), boundary="0 0", ctm="1 0 0 1 20 35")
        + obj(code("A"), boundary="20 50", size=None) + obj(code("B"), boundary="26.5 50.5")  # size 3.5 by default
        + obj(code("C", 20, 60), boundary=None) + obj(code("D"), boundary="26.5 59.5")  # no Boundary: at 0, 0
        + obj(code("E", None, None), boundary="20 70") + obj(code("F"), boundary="26.5 70")  # no X, Y: at 0, 0
        + obj(code("G") + code("", 3.5) + code("H", 3.5), boundary="20 80")  # an empty code between
        + obj(code("上"), boundary="20 90") + obj(code("下"), boundary="20 93")  # 3 apart: two lines
        + obj(code("a1"), boundary="20 110") + obj(code("a2"), boundary="80 110")
        + obj(code("b1"), boundary="20 120") + obj(code("b2"), boundary="80 120") + obj(code("b3"), boundary="140 120")
        + obj(code("c1"), boundary="20 130") + obj(code("c2"), boundary="80 130"))
    # a CTM that halves the size: the object's text is 3.5 wide per character, so the next object stands apart
    scaled = obj(code("王", 0, 0) + code("建", 7), boundary="0 0", size="7", ctm="0.5 0 0 0.5 20 20") + obj(
        code("华"), boundary="30 20")
    document = ('<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/'
                'Page_1/Content.xml"/></ofd:Pages><ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags>')
    extracted = files.read(ofd_package({"Doc_0/Pages/Page_0/Content.xml": objects,
                                        "Doc_0/Pages/Page_1/Content.xml": scaled}, document), "a.ofd")
    assert ("第2页第1行", "王建 华") in units(extracted)
    assert [(place, text) for place, text in units(extracted) if place.startswith("第1页")] == [
        ("第1页第1行", "甲乙丙"), ("第1页第2行", "丁"), ("第1页第3行", "A B"), ("第1页第4行", "C D"), ("第1页第5行", "E F"),
        ("第1页第6行", "GH"), ("第1页第7行", "上"), ("第1页第8行", "下"), ("第1页第9行", "a1 a2"),
        ("第1页第10行", "b1 b2 b3"), ("第1页第11行", "c1 c2")]
    assert ("OFD 文件内部的“Doc_0/Document.xml”（CustomTags）", "Tags/CustomTags.xml") in units(extracted)
    (table,) = extracted.tables  # lines of two fields in a row; a lone line of fields is no table
    assert [[(c.text, c.line, c.place) for c in row] for row in [table.header, *table.rows]] == [
        [("A", 0, "第1页第3行"), ("B", 0, "第1页第3行")], [("C", 0, "第1页第4行"), ("D", 0, "第1页第4行")],
        [("E", 0, "第1页第5行"), ("F", 0, "第1页第5行")]]


def test_odf_drawings_validation_messages_comments_in_text_and_hidden_sheets_of_flat_files():
    from files_kit import zip_of

    drawing = zip_of({
        "mimetype": "application/vnd.oasis.opendocument.graphics",
        "content.xml": f"<office:document-content {ODF}><office:body><office:drawing><draw:page>"
                       + p("图中文字：王建华") + "</draw:page><draw:page>" + p("第二页：李秀英")
                       + "</draw:page></office:drawing></office:body></office:document-content>"}, first="mimetype")
    assert units(files.read(drawing, "a.odg")) == [("第1张幻灯片", "图中文字：王建华"), ("第2张幻灯片", "第二页：李秀英")]
    body = ("<table:content-validations><table:content-validation table:name=\"v1\"><table:help-message>"
            + p("请填写身份证号，例如 110105194912310021") + "</table:help-message></table:content-validation>"
            '</table:content-validations><table:table table:name="表"><table:table-row>'
            + cell("<text:p>前<!-- 注释 -->后<text:span>文</text:span></text:p>") + "</table:table-row></table:table>")
    assert sorted(units(files.read(odf_package("spreadsheet", body), "a.ods"))) == sorted(SETTINGS_UNITS + [
        ("工作簿", "请填写身份证号，例如 110105194912310021"), ("工作表名称", "表"), ("工作表“表”A1单元格", "前后文")])
    no_body = zip_of({"mimetype": MIMETYPE["text"], "content.xml": f"<office:document-content {ODF}/>"}, first="mimetype")
    assert units(files.read(no_body, "a.odt")) == []
    flat = (f'<office:document {ODF}><office:styles><style:style style:name="隐藏" style:family="table">'
            '<style:table-properties table:display="false"/></style:style></office:styles><office:body>'
            '<office:spreadsheet><table:table table:name="名单" table:style-name="隐藏"><table:table-row>'
            + cell(p("赵卫东")) + "</table:table-row></table:table></office:spreadsheet></office:body></office:document>")
    assert units(files.read(flat.encode(), "a.fods")) == [("工作表名称（隐藏的工作表）", "名单"),
                                                           ("工作表“名单”A1单元格（隐藏的工作表）", "赵卫东")]


def test_entities_are_read_at_their_declarations_line_and_feed_ids_are_unescaped():
    text = ('\n<!DOCTYPE x [\n<!ENTITY  n "两个空格：王建华">\n<!ENTITY nm "李秀英">\n<!ENTITY n2 "张国明">\n]>\n<x>&n;&nm;&n2;'
            "</x>\n")
    assert sorted(xml_units(text)) == sorted([("第3行（实体“n”）", "两个空格：王建华", 3), ("第4行（实体“nm”）", "李秀英", 4),
                                              ("第5行（实体“n2”）", "张国明", 5)])
    feed = ('<?xml version="1.0"?>\n<feed><entry><id>tag:a.cn,2024:/%E5%85%AC%E7%A4%BA</id></entry>\n<item><guid>'
            "https://a.cn/%E5%90%8D%E5%8D%95</guid></item></feed>\n")
    assert [u[:2] for u in xml_units(feed, "feeds/a.atom")] == [("第2行（<id>）", "tag:a.cn,2024:/公示"),
                                                              ("第3行（<guid>）", "https://a.cn/名单")]


def test_text_between_cells_is_in_no_cell_and_a_break_in_a_caption_is_no_cells():
    data = "<table><caption>标题<br>续</caption><tr><td>甲</td>外一<th>乙</th>外二</tr>\n<tr><td>丙</td></tr></table>"
    extracted = files.read(data.encode(), "a.html")
    assert [u.text for u in extracted.lines] == ["标题", "续", "甲", "外一", "乙", "外二", "丙"]
    assert [[c.text for c in row] for t in extracted.tables for row in [t.header, *t.rows]] == [["甲", "乙"], ["丙"]]


def test_a_pages_text_is_numbered_by_its_lines_blank_ones_included_and_its_fields_make_tables():
    from govsite.guard.files.pdf import _page_lines

    out = files.Extracted()
    _page_lines(out, 3, "甲 乙\n丙  丁\n一段话\n\n戊 己 庚\n辛\n子 丑\n寅 卯\n卯 辰 巳\n午")
    assert [(u.place, u.text) for u in out.lines] == [
        ("第3页第1行", "甲 乙"), ("第3页第2行", "丙  丁"), ("第3页第3行", "一段话"), ("第3页第5行", "戊 己 庚"),
        ("第3页第6行", "辛"), ("第3页第7行", "子 丑"), ("第3页第8行", "寅 卯"), ("第3页第9行", "卯 辰 巳"), ("第3页第10行", "午")]
    assert [[[(c.text, c.place) for c in row] for row in [t.header, *t.rows]] for t in out.tables] == [
        [[("甲", "第3页第1行"), ("乙", "第3页第1行")], [("丙", "第3页第2行"), ("丁", "第3页第2行")]],
        [[("子", "第3页第7行"), ("丑", "第3页第7行")], [("寅", "第3页第8行"), ("卯", "第3页第8行")]]]
    out = files.Extracted()
    _page_lines(out, 1, "甲 乙\n丙 丁")
    assert len(out.tables) == 1 and len(out.tables[0].rows) == 1  # two lines of fields at the page's end


def _pdf_pages(contents: list[bytes]) -> bytes:
    """A PDF whose pages have these content streams (no fonts: text-less pages, images, inline images)."""
    import io

    import pypdf
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = pypdf.PdfWriter()
    for data in contents:
        page = writer.add_blank_page(200, 200)
        if data.startswith(b"q 200"):  # an image XObject drawn over the page, as a scanner makes it
            picture = DecodedStreamObject()
            picture.set_data(b"\x80" * 16)
            picture.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                            NameObject("/Width"): NumberObject(4), NameObject("/Height"): NumberObject(4),
                            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                            NameObject("/BitsPerComponent"): NumberObject(8)})
            page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
                {NameObject("/Im0"): writer._add_object(picture)})})
        stream = DecodedStreamObject()
        stream.set_data(data)
        page.replace_contents(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


SCAN = b"q 200 0 0 200 0 0 cm /Im0 Do Q"
INLINE = b"q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q"


def test_a_pdf_with_pages_without_a_text_layer_names_them_and_a_blank_page_is_no_scan():
    with pytest.raises(files.Unreadable) as refused:
        files.read(_pdf_pages([SCAN] * 12), "a.pdf")
    pages = "、".join(f"第{n}页" for n in range(1, 11))
    assert str(refused.value) == (f"PDF 的{pages}等没有文字层（可能是扫描件或图片），其中的个人信息无法检查；"
                                  "请用办公软件从原文件重新导出 PDF（带文字层），或对扫描件做文字识别（OCR）后再放入")
    with pytest.raises(files.Unreadable) as refused:
        files.read(_pdf_pages([b"", INLINE, b"", SCAN]), "a.pdf")
    assert str(refused.value).startswith("PDF 的第2页、第4页没有文字层（")
    blank = files.read(_pdf_pages([b"", b"q Q"]), "a.pdf")  # blank pages: nothing to read, and no scan
    assert [u.place for u in blank.lines] == ["文档属性“生成软件”"]


def test_a_pdf_that_cannot_be_opened_or_decrypted_is_refused_with_the_reason():
    import io

    import pypdf
    from attachments_kit import make_pdf

    with pytest.raises(files.Unreadable) as refused:
        files.read(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "a.pdf")
    assert str(refused.value) == "PDF 无法读取（PdfReadError），其中的个人信息无法检查；请重新导出 PDF 后再放入"
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([["公示"]]))))
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(files.Unreadable) as refused:
        files.read(locked.getvalue(), "a.pdf")
    assert str(refused.value) == "PDF 已加密（设置了打开密码），其中的个人信息无法检查；请放入未加密的 PDF"
    with pytest.raises(files.Unreadable) as refused:
        files.read(make_pdf([["\ue000\ue001\ue002\ue003"]]), "a.pdf")
    assert str(refused.value).startswith("PDF 第1页的文字层无法识别（字体缺少编码映射）")


def test_a_pdfs_links_fields_and_properties_in_their_other_forms():
    import io

    import pypdf
    from attachments_kit import make_pdf
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([["正文"]]))))
    writer.add_metadata({"/Title": "只有标题", "/ModDate": "D:20240101", "/Contact": "联系人：王建华"})

    def link(uri: str):
        action = writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                      NameObject("/URI"): TextStringObject(uri)}))
        return writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4), NameObject("/A"): action}))

    writer.pages[0][NameObject("/Annots")] = ArrayObject([link("tel:13912345678"), link("SMS:13812345678")])
    field = DictionaryObject({NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("电话"),
                              NameObject("/V"): TextStringObject("13712345678")})
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)])})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert sorted(units(files.read(buffer.getvalue(), "a.pdf"))) == sorted([
        ("第1页第1行", "正文"), ("第1页的链接地址", "tel:13912345678"), ("第1页的链接地址", "SMS:13812345678"),
        ("文档属性“标题”", "只有标题"), ("文档属性“Contact”", "联系人：王建华"), ("表单字段“电话”填写的内容", "13712345678")])


def test_a_workbooks_rows_columns_strings_and_notes_in_their_other_forms():
    from files_kit import zip_of

    ws = f'xmlns="{MAIN}" xmlns:r="{R}"'
    sheet = (f'<worksheet {ws}><cols><col min="27" max="27" hidden="true"/></cols><sheetData>'
             '<row><c t="s"><v>0</v></c></row>'  # the first row without a number is row 1
             '<row r="7" hidden="true"><c t="s"><v>1</v></c><c r="AA7" t="inlineStr"><is><t>隐藏列</t></is></c></row>'
             '<row r=""><c t="s"><v>2</v></c></row></sheetData></worksheet>')
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": relationships(("r1", "officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": f'<workbook {ws}><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": relationships(("rId1", "worksheet", "worksheets/sheet1.xml"),
                                                    ("rId2", "sharedStrings", "strings/sharedStrings.xml")),
        "xl/strings/sharedStrings.xml": f'<sst xmlns="{MAIN}"><si><t>第一行</t></si><si><t>第七行</t><t/></si><si><t>第八行</t>'
                                 "</si></sst>",
        "xl/worksheets/sheet1.xml": sheet,
        "xl/worksheets/_rels/sheet1.xml.rels": relationships(("c1", "comments", "../comments1.xml"),
                                                             ("c2", "comments", "../missing.xml")),
        "xl/comments1.xml": f'<comments xmlns="{MAIN}"><authors><author/><author>批注人</author></authors><commentList>'
                            "<comment><text><t>无引用的批注</t></text></comment></commentList></comments>",
    }
    extracted = files.read(zip_of(parts, "[Content_Types].xml"), "a.xlsx")
    assert sorted(units(extracted)) == sorted([
        ("工作表名称", "表"), ("工作表“表”A1单元格", "第一行"), ("工作表“表”A7单元格（隐藏的行）", "第七行"),
        ("工作表“表”AA7单元格（隐藏的行）（隐藏的列）", "隐藏列"), ("工作表“表”A8单元格", "第八行"),
        ("批注（作者）", "批注人"), ("工作表“表”单元格的批注", "无引用的批注")])
    assert all(u.line == 0 for u in extracted.lines)
    # without a relation to them, the shared strings are in their usual part
    parts["xl/_rels/workbook.xml.rels"] = relationships(("rId1", "worksheet", "worksheets/sheet1.xml"))
    parts["xl/sharedStrings.xml"] = parts.pop("xl/strings/sharedStrings.xml")
    assert ("工作表“表”A1单元格", "第一行") in units(files.read(zip_of(parts, "[Content_Types].xml"), "a.xlsx"))


def test_a_pages_links_and_attributes_in_their_other_forms():
    page_ = ('<p>一</p>\n<a href="TEL:13912345678">电话</a><a href="sms:13812345678">短信</a>'
             '<a href="mailto:wang@example.cn">邮件</a><a href="/a%20b.html">普通</a>\n'
             '<button onclick="call(13712345678)" class="c" title="联系人：王建华">按钮</button>'
             '<input type="password" value="密码123456" placeholder="请输入密码"><p><abbr title="Home">主页</abbr></p>\n'
             "<script>var a;\nvar b;\n</script>联系人：李秀英\n")  # the script's lines count
    extracted = files.read(page_.encode(), "a.html")
    assert sorted((u.place, u.text) for u in extracted.lines) == sorted([
        ("第1行", "一"), ("第2行链接地址", "TEL:13912345678"), ("第2行链接地址", "sms:13812345678"),
        ("第2行链接地址", "mailto:wang@example.cn"), ("第2行", "电话短信邮件普通"),
        ("第3行提示文字（title）", "联系人：王建华"), ("第3行", "按钮"), ("第3行输入框提示（placeholder）", "请输入密码"),
        ("第3行提示文字（title）", "Home"), ("第3行", "主页"), ("第4行", "var a;"), ("第5行", "var b;"),
        ("第6行", "联系人：李秀英")])


@pytest.mark.parametrize(("separator", "name"), [(",", "a.csv"), ("\t", "a.tsv"), (";", "a.csv"), ("|", "a.csv")])
def test_a_csv_is_split_by_the_separator_its_first_line_uses(separator, name):
    text = separator.join(["姓名", "电话", "备注"]) + "\n" + separator.join(["王建华", "13912345678", '"第一行\n第二行"']) \
        + "\n" + separator.join(["李秀英", "13812345678", "无"]) + "\n"
    extracted = files.read(text.encode(), name)
    (table,) = extracted.tables
    assert [c.text for c in table.header] == ["姓名", "电话", "备注"]
    assert [[(c.text, c.line, c.place) for c in row] for row in table.rows] == [
        [("王建华", 3, "第3行"), ("13912345678", 3, "第3行"), ("第一行\n第二行", 3, "第3行")],
        [("李秀英", 4, "第4行"), ("13812345678", 4, "第4行"), ("无", 4, "第4行")]]


def test_json_of_every_shape_is_read_at_its_lines():
    assert [(u.place, u.text, u.line) for u in files.read('"联系人：王建华"'.encode(), "a.json").lines] == [
        ("第1行（$）", "联系人：王建华", 1)]
    text = '\n\n[13912345678e0, 13812345678.0, 1.25e2, "\\n李秀英"]\n'
    assert [(u.place, u.text, u.line) for u in files.read(text.encode(), "a.json").lines] == [
        ("第3行（$[0]）", "13912345678", 3), ("第3行（$[1]）", "13812345678", 3), ("第3行（$[3]）", "\n李秀英", 3)]


def test_word_runs_of_every_kind_and_a_change_inside_a_table():
    from files_kit import W, zip_of

    body = ('<w:p><w:r><w:t>甲</w:t><w:t/><!-- 注释 --><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>'
            "<w:t>乙</w:t></w:r><w:del><w:r><w:delInstrText> MERGEFIELD 删去的域 </w:delInstrText></w:r></w:del></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>留</w:t></w:r><w:del><w:r><w:delText>删去：王建华</w:delText></w:r></w:del>"
            "</w:p></w:tc></w:tr></w:tbl>")
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": relationships(("r1", "officeDocument", "word/document.xml")),
        "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>",
    }
    assert sorted(units(files.read(zip_of(parts, "[Content_Types].xml"), "a.docx"))) == sorted([
        ("第1段", "甲 乙"), ("第1段域代码", "MERGEFIELD 删去的域"), ("表格1第1行第1列", "留"),
        ("表格1第1行第1列修订（删除的文字）", "删去：王建华")])


def _plausibility_counting_every_character(text: str) -> float:
    """plausibility as first written: every character counted, the ones that tell nothing passed over in the
    loop (the function now removes them first, for speed)."""
    from collections import Counter

    from govsite.guard.files import encoding

    frequent, less = encoding._common_hanzi()
    total = score = 0.0
    for char, n in Counter(text[:encoding.SAMPLE]).items():
        if char < "\x80" and (char.isprintable() or char in "\t\n\r\f"):
            continue
        total += n
        score += n * encoding._weight(char, frequent, less)
    return score / total if total else 1.0


@pytest.mark.parametrize("seed", range(3))
def test_plausibility_and_multibyte_count_are_those_of_every_character(seed):
    import random

    from govsite.guard.files.encoding import _multibyte, plausibility

    rng = random.Random(seed)
    pools = ["".join(map(chr, range(0x80))), "\t\n\r\f\x0b\x7f 0aZ{}", "退役军人事务局姓名王建华", "ąé№①\u3000\ufffd\ue000가",
             "".join(chr(c) for c in range(0x80, 0x3000, 37))]
    for _ in range(300):
        text = "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randrange(0, 120)))
        assert plausibility(text) == _plausibility_counting_every_character(text)
        assert _multibyte(text) == sum(1 for char in text if char >= "\x80")


def gps_tiff(order: str, latitude: tuple[int, int, int], longitude: tuple[int, int, int], south=False, west=False) -> bytes:
    """A TIFF block whose IFD0 points at a GPS directory with latitude and longitude, degrees, minutes and
    hundredths of seconds as three rationals each, as phones write them."""
    head = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)
    ifd0 = struct.pack(order + "H", 1) + struct.pack(order + "HHII", 0x8825, 4, 1, 8 + 18) + b"\0\0\0\0"
    gps_at = 8 + len(ifd0)
    data_at = gps_at + 2 + 12 * 4 + 4

    def rationals(d, m, s):
        return struct.pack(order + "6I", d, 1, m, 1, s, 100)
    gps = struct.pack(order + "H", 4)
    gps += struct.pack(order + "HHI", 1, 2, 2) + (b"S" if south else b"N") + b"\0\0\0"
    gps += struct.pack(order + "HHII", 2, 5, 3, data_at)
    gps += struct.pack(order + "HHI", 3, 2, 2) + (b"W" if west else b"E") + b"\0\0\0"
    gps += struct.pack(order + "HHII", 4, 5, 3, data_at + 24) + b"\0\0\0\0"
    return head + ifd0 + gps + rationals(*latitude) + rationals(*longitude)


@pytest.mark.parametrize("seed", range(6))
def test_a_photo_that_records_where_it_was_taken_is_reported(seed):
    """Phones write the place a photo is taken into it; a photo of a visit to a veteran's home publishes the home."""
    rng = random.Random(seed)
    order = rng.choice("<>")
    latitude = (rng.randint(18, 53), rng.randint(0, 59), rng.randint(0, 5999))
    longitude = (rng.randint(73, 135), rng.randint(0, 59), rng.randint(0, 5999))
    photo = jpeg(segment(0xE1, b"Exif\0\0" + gps_tiff(order, latitude, longitude)))
    found = privacy.scan_extracted(files.read(photo, "visit.jpg"), "visit.jpg", RULES)
    assert [(f.rule, f.field) for f in found] == [(privacy.RULE_LOCATION, "图片的元数据“拍摄位置（GPS）”")]
    degrees = latitude[0] + latitude[1] / 60 + latitude[2] / 100 / 3600
    assert found[0].shown.startswith(f"北纬{degrees:.2f}°") and "东经" in found[0].shown
    assert "删除属性和个人信息" in found[0].message()
    checked = output.FileCheck(RULES, frozenset())(f"pufa/news/images/{seed}.jpg", photo)  # the output guard too
    assert [f.rule for f in checked] == [privacy.RULE_LOCATION]


def test_a_photo_without_a_position_or_with_the_zeros_of_no_fix_is_not_reported():
    for block in (gps_tiff("<", (0, 0, 0), (0, 0, 0)), tiff("<", [(0x010E, 2, b"x\0")])):
        photo = jpeg(segment(0xE1, b"Exif\0\0" + block))
        assert privacy.scan_extracted(files.read(photo, "a.jpg"), "a.jpg", RULES) == []


@pytest.mark.parametrize("form", ["png", "webp", "webp with its header"])
def test_a_png_or_webp_that_records_where_it_was_taken_is_reported_too(form):
    block = gps_tiff(">", (39, 54, 2700), (116, 23, 1700))
    if form == "png":
        chunk = lambda kind, body: struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        photo = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"eXIf", block) \
            + chunk(b"IEND", b"")
    else:
        body = (b"Exif\0\0" if form.endswith("header") else b"") + block
        chunks = b"VP8X" + struct.pack("<I", 10) + b"\x08" + b"\0" * 9 + b"EXIF" + struct.pack("<I", len(body)) + body \
            + (b"\0" if len(body) & 1 else b"")
        photo = b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + chunks
    found = privacy.scan_extracted(files.read(photo, "a." + form[:4].strip()), "a.img", RULES)
    assert [(f.rule, f.shown) for f in found] == [(privacy.RULE_LOCATION, "北纬39.91° 东经116.39°")]


def test_an_ods_sheet_named_after_a_person_and_their_paper_is_found():
    body = ('<table:table table:name="李秀英家庭情况"><table:table-row>' + cell(p("序号")) + cell(p("事项"))
            + "</table:table-row></table:table>")
    found = privacy.scan_extracted(files.read(odf_package("spreadsheet", body), "a.ods"), "a.ods", RULES)
    assert [(f.rule, f.value, f.field) for f in found] == [(privacy.RULE_NAME, "李秀英", "工作表名称")]
