"""The personal-data guard's readers of Office files, of what a file is by its bytes, and of text encodings,
where a fault would let personal data through or tell an editor the wrong place (found by mutation testing,
docs/testing.md: the Word, Excel and PowerPoint readers, the dispatch in guard/files/__init__.py, the encoding
detector's thresholds).

Each test writes a file by hand as its format defines it, plants text in one place, and asserts the units read
and their places, worked out from the file written: a finding is only useful where an editor is told to look."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import random
import re
import struct
import tarfile
from pathlib import Path

import pytest
from files_kit import W, id18, zip_of

from govsite.guard import files
from govsite.guard import personal as privacy
from govsite.guard.files.encoding import plausibility

RULES = privacy.Rules()
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
ID = id18("11010519900307123")
FIX = "请另存为 .docx、.xlsx 或带文字层的 PDF 后再放入"


def units(extracted) -> list[tuple[str, str]]:
    return sorted((u.place, u.text) for u in extracted.lines)


def relationships(*rows: tuple[str, str, str | None], external: tuple[str, ...] = (), ns: str = R) -> str:
    return (f'<Relationships xmlns="{RELS}">' + "".join(
        f'<Relationship Id="{rid}" Type="{ns}/{kind}"' + (f' Target="{target}"' if target is not None else "")
        + (' TargetMode="External"' if rid in external else "") + "/>" for rid, kind, target in rows)
        + "</Relationships>")


def t(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def wp(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def tc(text: str) -> str:
    return f"<w:tc>{wp(t(text))}</w:tc>"


def docx(body: str, extra: dict | None = None, main: str = "word/document.xml") -> bytes:
    parts = {"[Content_Types].xml": TYPES, "_rels/.rels": relationships(("r1", "officeDocument", main)),
             main: f"<w:document {W}><w:body>{body}</w:body></w:document>"}
    parts.update(extra or {})
    return zip_of(parts, "[Content_Types].xml")


def one_sheet_workbook(rows: str) -> dict[str, str]:
    """The parts of a workbook with one sheet, 表, holding `rows` (row elements) in its sheetData."""
    return {"[Content_Types].xml": TYPES, "_rels/.rels": relationships(("r1", "officeDocument", "xl/workbook.xml")),
            "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{R}"><sheets><sheet name="表" sheetId="1" '
                               'r:id="s1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": relationships(("s1", "worksheet", "worksheets/sheet1.xml")),
            "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'}


def read(data: bytes, name: str):
    return files.read(data, name)


# ---- Word ---------------------------------------------------------------------------------------------------

def test_a_word_documents_notes_tables_and_changes_are_read_where_its_main_part_really_is():
    """Office sometimes saves the body as word/document2.xml: the package's relationships say where it is."""
    pic = ('<w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
           'picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="Picture 1" descr="照片：王建华"/></pic:nvPicPr>'
           "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")
    body = (
        wp('<w:r><w:t>甲</w:t><w:cr/><w:t>乙</w:t></w:r><w:del w:author="修订人：李秀英"><w:r><w:delText>删去</w:delText>'
           "<w:tab/><w:delText>王建华</w:delText><w:br/><w:delText>续</w:delText></w:r></w:del>")
        + "<!-- 一个注释节点 -->"
        + wp('<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:instrText/></w:r>', t("页码"))
        + wp(pic)
        + "<w:tbl><w:tblPr/><w:tr>" + tc("表一") + "</w:tr></w:tbl>"
        + "<w:tbl><w:tr>" + tc("姓名") + "<w:tc><!-- 单元格中的注释 -->" + wp(t("电话")) + "</w:tc></w:tr><!-- 行间的注释 -->"
        + "<w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtContent>" + tc("王建华") + "</w:sdtContent></w:sdt>"
        + tc("13912345678") + "</w:tr></w:sdtContent></w:sdt>"
        + '<w:customXml w:element="row"><w:tr>' + tc("李秀英") + "<w:customXml>" + tc("13812345678")
        + "</w:customXml></w:tr></w:customXml>"
        + '<w:moveTo w:author="修订人：李秀英"><w:tr>' + tc("张伟") + tc("13712345678") + "</w:tr></w:moveTo></w:tbl>"
        + wp(t("末段")) + '<w:sectPr><w:headerReference w:type="first"/></w:sectPr>')  # a reference without its id
    change = (f'<w:ins w:author="修订人：赵卫东"><w:r><w:t>插入：张国明</w:t></w:r></w:ins><w:del w:author="修订人：赵卫东">'
              f"<w:r><w:delText>删去：{ID}</w:delText></w:r></w:del>")
    notes = lambda kind, typed: (f'<w:{kind}s {W}><w:{kind} w:type="continuationSeparator" w:id="0">'
                                 + wp(t("续"), "<w:del><w:r><w:delText>删</w:delText></w:r></w:del>")
                                 + f'</w:{kind}><w:{kind}{typed} w:id="1">' + wp(change) + f"</w:{kind}></w:{kind}s>")
    extra = {
        "_rels/.rels": relationships(("r0", "metadata/core-properties", "docProps/core.xml"),
                                     ("r1", "officeDocument", "/word/document2.xml")),
        "word/_rels/document2.xml.rels": relationships(("x1", "hyperlink", None), ("x2", "image", None),
                                                       external=("x1",)),
        "word/footnotes.xml": notes("footnote", ' w:type="normal"'),  # a note's type, written or not
        "word/endnotes.xml": notes("endnote", ""),
        "word/comments.xml": f'<w:comments {W}><w:comment w:id="2">' + wp(t("批注：马丽")) + "</w:comment></w:comments>",
        "word/glossary/document.xml": f"<w:glossaryDocument {W}><w:docParts><w:docPart><w:docPartBody>"
                                      + wp(t("部件"), "<w:del><w:r><w:delText>删去：孙丽</w:delText></w:r></w:del>")
                                      + "</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>",
        "word/styles.xml": f"<w:styles {W}><w:unknownText>样式备注：何静</w:unknownText></w:styles>",
        "customXml/item1.xml": "<data><!-- 注 --><x>甲</x>尾：林涛<y/></data>",
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
                            ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><TitlesOfParts>'
                            '<vt:vector size="1" baseType="lpstr"><vt:lpstr>名单：高磊</vt:lpstr></vt:vector>'
                            "</TitlesOfParts><Pages>1</Pages></Properties>",
        "docProps/extra.xml": "<Props><created>2024-01-01</created><Owner>负责人：罗军</Owner><Blank> </Blank></Props>",
    }
    extracted = read(docx(body, extra, main="word/document2.xml"), "a.docx")
    assert units(extracted) == sorted([
        ("第1段", "甲\n乙"), ("第1段修订（删除的文字）", "删去 王建华\n续"), ("修订（作者）", "修订人：李秀英"),
        ("第2段域代码", "PAGE"), ("第2段", "页码"), ("第3段图片说明（替代文字）", "照片：王建华"),
        ("表格1第1行第1列", "表一"),
        ("表格2第1行第1列", "姓名"), ("表格2第1行第2列", "电话"), ("表格2第2行第1列", "王建华"),
        ("表格2第2行第2列", "13912345678"), ("表格2第3行第1列", "李秀英"), ("表格2第3行第2列", "13812345678"),
        ("表格2第4行第1列", "张伟"), ("表格2第4行第2列", "13712345678"), ("第4段", "末段"),
        ("脚注", "插入：张国明"), ("脚注修订（删除的文字）", f"删去：{ID}"), ("脚注", "续删"),  # the separator: catch-all
        ("尾注", "插入：张国明"), ("尾注修订（删除的文字）", f"删去：{ID}"), ("尾注", "续删"),
        ("修订（作者）", "修订人：赵卫东"), ("批注", "批注：马丽"),
        ("文档部件", "部件"), ("文档部件修订（删除的文字）", "删去：孙丽"),
        ("文件内部的“word/styles.xml”（unknownText）", "样式备注：何静"),
        ("自定义数据（x）", "甲"), ("自定义数据", "尾：林涛"),
        ("文档属性“TitlesOfParts”", "名单：高磊"), ("文档属性（Owner）", "负责人：罗军"),
    ])
    second = extracted.tables[1]
    assert [[(c.text, c.place) for c in row] for row in second.rows][-1] == [("张伟", "表格2第4行第1列"),
                                                                              ("13712345678", "表格2第4行第2列")]
    found = {(f.rule, f.value) for f in privacy.scan_extracted(extracted, "a.docx", RULES)}
    assert (privacy.RULE_ID, ID) in found


@pytest.mark.parametrize("rels", [
    relationships(("r1", "officeDocument", None)),  # a relationship without its target
    relationships(("r0", "metadata/core-properties", "docProps/core.xml")),  # none to the document
    None,  # no relationships at all
])
def test_a_word_document_without_a_usable_main_relationship_is_read_from_its_usual_part(rels):
    parts = {"[Content_Types].xml": TYPES,
             "word/document.xml": f'<w:document {W}><w:background w:color="FFFFFF"/></w:document>',  # no body
             "word/header1.xml": f"<w:hdr {W}>" + wp(t("页眉：王建华")) + "</w:hdr>"}
    if rels:
        parts["_rels/.rels"] = rels
    assert units(read(zip_of(parts, "[Content_Types].xml"), "a.docx")) == [("页眉", "页眉：王建华")]


@pytest.mark.parametrize(("part", "what"), [("_rels/.rels", "文件内部的关系表"),
                                          ("word/document.xml", "文件内部的“word/document.xml”")])
def test_a_broken_part_is_named_in_the_refusal(part, what):
    parts = {"[Content_Types].xml": TYPES, "_rels/.rels": relationships(("r1", "officeDocument", "word/document.xml")),
             "word/document.xml": f"<w:document {W}><w:body></w:body></w:document>"}
    parts[part] = parts[part][:30]
    with pytest.raises(files.Unreadable) as refused:
        read(zip_of(parts, "[Content_Types].xml"), "a.docx")
    assert str(refused.value).startswith(f"{what}格式有误（")


def test_files_embedded_in_a_document_are_read_at_their_places_with_their_tables():
    sheet = one_sheet_workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>王建华</t></is></c></row>')
    extra = {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": zip_of(sheet, "[Content_Types].xml"),
             "word/embeddings/data.csv": "联系人,电话\n李秀英,13812345678\n"}
    extracted = read(docx(wp(t("正文")), extra), "a.docx")
    in_sheet, in_csv = "嵌入的文件“Microsoft_Excel_Worksheet.xlsx”中", "嵌入的文件“data.csv”中"
    assert units(extracted) == sorted([
        ("第1段", "正文"), (f"{in_sheet}工作表名称", "表"), (f"{in_sheet}工作表“表”A1单元格", "王建华"),
        (f"{in_csv}第1行", "联系人,电话"), (f"{in_csv}第2行", "李秀英,13812345678")])
    # a sheet's name keeps its kind (read as a file's name is) inside the document too
    assert all(u.line == 0 and u.kind == (files.TITLE if u.place.endswith("工作表名称") else "") for u in extracted.lines)
    cells = [(c.text, c.line, c.place) for table in extracted.tables for row in [table.header, *table.rows] for c in row]
    assert sorted(cells) == sorted([
        ("王建华", 0, f"{in_sheet}工作表“表”A1单元格"), ("联系人", 0, f"{in_csv}第1行"), ("电话", 0, f"{in_csv}第1行"),
        ("李秀英", 0, f"{in_csv}第2行"), ("13812345678", 0, f"{in_csv}第2行")])


@pytest.mark.parametrize(("name", "kind"), [("word/media/附件.pdf", "PDF 文件"), ("word/media/附件.docx", "Word 文档"),
                                            ("word/media/附件.xlsx", "Excel 工作簿"),
                                            ("word/media/附件.pptx", "PowerPoint 演示文稿")])
def test_an_office_file_or_pdf_stored_anywhere_in_a_package_is_read_and_a_damaged_one_refuses_it(name, kind):
    with pytest.raises(files.Unreadable) as refused:
        read(docx(wp(t("正文")), {name: "联系人：王建华 13912345678"}), "a.docx")
    assert str(refused.value) == (f"文件已损坏或不是真正的{kind}（扩展名与内容不符），无法检查其中的个人信息；"
                                  "请用办公软件重新另存后再放入")


def test_nested_documents_are_read_three_deep_and_not_four():
    data = docx(wp(t(f"身份证号 {ID}")))
    for _ in range(3):
        data = docx(wp(t("外层")), {"word/embeddings/inner.docx": data})
    extracted = read(data, "a.docx")
    assert ("嵌入的文件“inner.docx”中" * 3 + "第1段", f"身份证号 {ID}") in units(extracted)
    with pytest.raises(files.Unreadable) as refused:
        read(docx(wp(t("外层")), {"word/embeddings/inner.docx": data}), "a.docx")
    assert str(refused.value) == "文件中嵌套的文件层数过多，其中的个人信息无法检查；请把内嵌的文件单独放入"


# ---- Excel --------------------------------------------------------------------------------------------------

def workbook(sheets: str, extra: dict, main: str = "xl/workbook.xml", ns: str = MAIN, rns: str = R) -> bytes:
    parts = {"[Content_Types].xml": TYPES, "_rels/.rels": relationships(("r1", "officeDocument", main), ns=rns),
             main: f'<workbook xmlns="{ns}" xmlns:r="{rns}">{sheets}</workbook>'}
    parts.update(extra)
    return zip_of(parts, "[Content_Types].xml")


def test_a_workbooks_cells_of_every_kind_are_read_at_their_cells_wherever_its_main_part_is():
    sheet = (f'<worksheet xmlns="{MAIN}"><cols><col max="1" hidden="1"/><col min="2" hidden="1"/>'
             '<col min="3" max="3" width="13.28515625" customWidth="1"/></cols><sheetData>'  # a width is no number
             '<row><c r="B4" t="inlineStr"><is><t>B列</t></is></c><c r="C4" t="inlineStr"><is><t>行号取自单元格</t></is></c>'
             "</row>"
             '<row r="5"><c t="inlineStr"><is><t>王建华</t><t/></is></c><c r="B5"><v/></c><c r="C5" t="b"/>'
             '<c r="D5" t="str"><v>007</v></c><c r="E5" t=""><v>1.3912345678E10</v></c><c r="F5" t="str"><f>A1</f></c>'
             "</row></sheetData></worksheet>")
    vml = ('<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><div>备注：李秀英</div></v:textbox>'
           "</v:shape></xml>")
    drawing = ('<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><xdr:sp>'
               '<xdr:nvSpPr><xdr:cNvPr id="2" name="Shape 1" descr="照片：罗军"/></xdr:nvSpPr></xdr:sp></xdr:wsDr>')
    extra = {
        "xl/_rels/workbook2.xml.rels": relationships(("s1", "worksheet", "worksheets/sheet1.xml")),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/worksheets/_rels/sheet1.xml.rels": relationships(
            ("d1", "drawing", "../drawings/drawing1.xml"), ("v1", "vmlDrawing", "../drawings/vmlDrawing1.vml"),
            ("c1", "comments", "../comments9.xml")),  # a notes part the package lacks
        "xl/drawings/drawing1.xml": drawing, "xl/drawings/vmlDrawing1.vml": vml,
        "xl/worksheets/sheet9.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
                                    "<t>未列出：张伟</t></is></c></row></sheetData></worksheet>",  # no sheet lists it
    }
    sheets = ('<!-- 注释 --><sheets><sheet name="表" sheetId="1" r:id="s1"/><sheet name="无关系" sheetId="2" r:id="s7"/><sheet sheetId="3"/>'
              '</sheets><definedNames><definedName>表!$A$1</definedName></definedNames>'
              "<customText>备注：高磊</customText>")
    extracted = read(workbook(sheets, extra, main="xl/workbook2.xml"), "a.xlsx")
    s = "工作表“表”"
    assert units(extracted) == sorted([
        ("工作表名称", "表"), ("工作表名称", "无关系"), (f"{s}B4单元格", "B列"), (f"{s}C4单元格", "行号取自单元格"), (f"{s}A5单元格（隐藏的列）", "王建华"),
        (f"{s}D5单元格", "007"), (f"{s}E5单元格", "13912345678"), ("定义的名称“”", "表!$A$1"),
        ("工作簿（customText）", "备注：高磊"), ("工作表中的图形（“descr”属性）", "照片：罗军"),
        ("工作表中的图形（div）", "备注：李秀英"), ("第9个工作表（t）", "未列出：张伟"),
    ])
    (table,) = extracted.tables
    assert [[(c.text, c.line, c.place) for c in row] for row in [table.header, *table.rows]] == [
        [("", 0, f"{s}A4单元格"), ("B列", 0, f"{s}B4单元格"), ("行号取自单元格", 0, f"{s}C4单元格"), ("", 0, f"{s}D4单元格"),
         ("", 0, f"{s}E4单元格")],
        [("王建华", 0, f"{s}A5单元格"), ("", 0, f"{s}B5单元格"), ("", 0, f"{s}C5单元格"), ("007", 0, f"{s}D5单元格"),
         ("13912345678", 0, f"{s}E5单元格")]]


def test_a_strict_ooxml_workbook_is_read_at_its_cells():
    """ISO Strict OOXML names its namespaces differently, the relationship id of a sheet (r:id) included."""
    strict, rstrict = "http://purl.oclc.org/ooxml/spreadsheetml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships"
    extra = {"xl/_rels/workbook.xml.rels": relationships(("s1", "worksheet", "worksheets/sheet1.xml"),
                                                         ("s2", "sharedStrings", "sharedStrings.xml"), ns=rstrict),
             "xl/sharedStrings.xml": f'<sst xmlns="{strict}"><si><t>王建华</t></si></sst>',
             "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{strict}"><sheetData><row r="2"><c r="B2" t="s"><v>0</v>'
                                         "</c></row></sheetData></worksheet>"}
    extracted = read(workbook('<sheets><sheet name="名单" sheetId="1" r:id="s1"/></sheets>', extra, ns=strict,
                              rns=rstrict), "a.xlsx")
    assert units(extracted) == sorted([("工作表名称", "名单"), ("工作表“名单”B2单元格", "王建华")])


@pytest.mark.parametrize("cut", [" <sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></shee", "<sheetData>&bad;"])
def test_a_damaged_sheet_is_refused_in_chinese_naming_the_part(cut):
    extra = {"xl/_rels/workbook.xml.rels": relationships(("s1", "worksheet", "worksheets/sheet1.xml")),
             "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}">{cut}'}
    with pytest.raises(files.Unreadable) as refused:
        read(workbook('<sheets><sheet name="表" sheetId="1" r:id="s1"/></sheets>', extra), "a.xlsx")
    message = str(refused.value)
    assert message.startswith("文件内部的“xl/worksheets/sheet1.xml”格式有误（") \
        and message.endswith("），其中的个人信息无法检查；请用原软件重新导出后再放入") and "line" in message  # the parser's reason, where it stopped


# ---- PowerPoint ---------------------------------------------------------------------------------------------

def test_a_presentations_slides_notes_and_comments_are_read_at_their_place():
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    pml = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    run = lambda text: f"<a:r><a:t>{text}</a:t></a:r>"
    slide = lambda *paragraphs: (f"<p:sld {pml} {a}><p:cSld><p:spTree><p:sp><p:txBody>" + "".join(paragraphs)
                                 + "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>")
    parts = {
        "[Content_Types].xml": TYPES, "_rels/.rels": relationships(("r1", "officeDocument", "ppt/presentation.xml")),
        "ppt/presentation.xml": f"<p:presentation {pml}/>",
        "ppt/slides/slide1.xml": slide(f"<a:p>{run('第一张')}</a:p>"),
        "ppt/slides/slide2.xml": slide(f"<a:p>{run('联系')}<!-- 注 -->人{run('：王建华')}</a:p>",
                                       f"<a:p>{run('前')}<a:p>{run('内')}</a:p>{run('后')}</a:p>",
                                       f"<a:p>{run('电话')}：13912345678</a:p>"),
        "ppt/notesSlides/notesSlide1.xml": slide(f"<a:p>{run('备注：李秀英')}</a:p>"),
        "ppt/comments/comment1.xml": f'<p:cmLst {pml}><p:cm authorId="0"><p:text>批注：张伟</p:text></p:cm></p:cmLst>',
    }
    assert units(read(zip_of(parts, "[Content_Types].xml"), "a.pptx")) == sorted([
        ("第1张幻灯片", "第一张"), ("第2张幻灯片", "联系人：王建华"), ("第2张幻灯片", "前后"), ("第2张幻灯片", "内"),
        ("第2张幻灯片", "电话：13912345678"),
        ("备注", "备注：李秀英"), ("批注（text）", "批注：张伟")])


# ---- what a file is, by its bytes -------------------------------------------------------------------------------

def _tar() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        data = "王建华,13912345678\n".encode()
        info = tarfile.TarInfo("名单.csv")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


ARCHIVE = "压缩包中的文件无法逐一检查个人信息；请解压后把其中的文件分别放入（另存为 .docx、.xlsx 或带文字层的 PDF 后再放入）"
CSV = "王建华,13912345678\n".encode()


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"Rar!\x1a\x07\x01\x00" + CSV, "名单.rar", ARCHIVE), (b"7z\xbc\xaf\x27\x1c\x00\x04" + CSV, "名单.7z", ARCHIVE),
    (bz2.compress(CSV), "名单.csv.bz2", ARCHIVE), (lzma.compress(CSV), "名单.csv.xz", ARCHIVE),
    (_tar(), "名单.tar", ARCHIVE), (_tar(), "名单.dat", ARCHIVE),
    (zip_of({"名单.csv": CSV}), "资料.zip", ARCHIVE), (zip_of({"[Content_Types].xml": TYPES, "名单.csv": CSV}), "a.docx", ARCHIVE),
    (b"MZ\x90\x00\x03" + CSV, "安装.exe", "程序文件不能作为附件发布"),
    ("{\\rtf1\\ansi 联系人：王建华}".encode(), "说明.txt", f"RTF 文档无法由程序读取，其中的个人信息无法检查；{FIX}"),
    (zip_of({"名单.csv": CSV})[:40], "资料.dat",
     "文件已损坏或不是真正的文件（扩展名与内容不符），无法检查其中的个人信息；请用办公软件重新另存后再放入"),
])
def test_archives_programs_and_rtf_are_refused_by_their_bytes_whatever_their_name(data, name, message):
    with pytest.raises(files.Unreadable) as refused:
        read(data, name)
    assert str(refused.value) == message


def test_an_archive_or_package_over_its_bounds_is_refused_by_what_its_headers_claim():
    data = bytearray(zip_of({"word/document.xml": "<w:document/>"}))
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", 300 << 20)  # the uncompressed size it claims: 300 MB
    with pytest.raises(files.Unreadable) as refused:
        read(bytes(data), "a.docx")
    assert str(refused.value) == ("Word 文档解压后超过 200 MB，无法检查其中的个人信息；请检查文件是否正确，或拆分后再放入")


def test_a_gzip_over_its_bound_says_the_bound_in_mb(monkeypatch):
    monkeypatch.setattr(files, "MAX_GUNZIPPED", 2 << 20)
    with pytest.raises(files.Unreadable) as refused:
        read(gzip.compress(b" " * ((2 << 20) + 1), mtime=0), "a.txt.gz")
    assert str(refused.value) == "gzip 压缩文件解压后超过 2 MB（可能是“压缩炸弹”），其中的个人信息无法检查"


XML_FILE = '<?xml version="1.0" encoding="UTF-8"?>\n<名单>\n<联系人>王建华</联系人>\n</名单>\n'


@pytest.mark.parametrize("name", ["资料 v1.2/名单", "资料/v1.2/名单", "名单", "名单.doc", "名单.xls"])
def test_xml_without_an_extension_or_named_as_a_legacy_office_file_is_read_as_xml(name):
    extracted = read(XML_FILE.encode(), name)
    assert [(u.line, u.text) for u in extracted.lines] == [(3, "王建华")]


def test_a_web_page_saved_as_txt_is_read_as_a_page_and_a_text_named_xls_as_a_table():
    page = "<!DOCTYPE html>\n<html><body>\n<p>联系人：王建华</p>\n</body></html>\n"
    assert [(u.line, u.text) for u in read(page.encode(), "说明.txt").lines] == [(3, "联系人：王建华")]
    extracted = read("姓名\t电话\n王建华\t13912345678\n".encode(), "名单.xls")
    assert [u.text for u in extracted.lines] == ["姓名\t电话", "王建华\t13912345678"]
    (table,) = extracted.tables
    assert [[c.text for c in row] for row in [table.header, *table.rows]] == [["姓名", "电话"], ["王建华", "13912345678"]]


def test_a_csv_is_known_by_its_last_extension():
    (table,) = read("姓名,电话\n王建华,13912345678\n".encode(), "名单.2024.csv").tables
    assert [c.text for c in table.rows[0]] == ["王建华", "13912345678"]


def test_a_flat_opendocument_file_that_is_no_xml_is_refused_naming_its_kind():
    with pytest.raises(files.Unreadable) as refused:
        read('<?xml version="1.0"?><office:document>联系人：王建华'.encode(), "a.fodt")
    assert str(refused.value).startswith("OpenDocument 文件格式有误（")


def test_a_page_declaring_utf8_by_its_short_name_has_its_links_read():
    page = '<html><head><meta charset="utf8"></head><body><a href="tel:13912345678">电话</a></body></html>'
    assert read_page(page) == ("tel:13912345678",)


def read_page(page: str):
    from govsite.guard.files.html import PageParts

    return files.read(page.encode(), "a/index.html", PageParts()).links


# ---- the search index's binary files ----------------------------------------------------------------------------

def varint(value: int) -> bytes:
    out = b""
    while True:
        byte, value = value & 0x7F, value >> 7
        if value:
            out += bytes((byte | 0x80,))
        else:
            return out + bytes((byte,))


@pytest.mark.parametrize("postings", [5, 1 << 14, 1 << 35])  # one, three and six bytes long
def test_a_search_index_shard_with_numbers_of_any_length_is_the_index(postings):
    body = b"\x01\x02"
    shard = varint(1) + varint(2) + varint(0x738B) + varint(0x5EFA) + varint(postings) + varint(len(body)) + body
    assert read(shard, "search/searchindex/g/3.bin").media == "搜索索引"
    if postings == 1 << 14:  # a size read wrongly makes the file another length than it says
        long_body = b"\0" * (1 << 14)
        good = varint(1) + varint(2) + varint(0x738B) + varint(0x5EFA) + varint(1) + varint(len(long_body)) + long_body
        assert read(good, "search/searchindex/g/3.bin").media == "搜索索引"


def test_a_records_file_whose_header_claims_more_records_than_it_holds_is_not_the_index():
    data = struct.pack("<II", 0xFFFFFFFF, 1) + b"\0\0"
    extracted = None
    try:
        extracted = read(data, "search/searchindex/records.bin")
    except files.Unreadable:
        pass
    assert extracted is None or extracted.media != "搜索索引"


def test_the_search_indexs_json_keeps_each_values_line_and_place():
    text = '{\n"t": "联系人：王建华"\n}\n'
    assert [(u.place, u.line, u.text) for u in read(text.encode(), "search/searchindex/c/1.json").lines] == [
        ("第2行（$.t）", 2, "联系人：王建华")]


# ---- encodings --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("char", "score"), [
    ("\u3400", 0.15), ("\u9fff", 0.15), ("\U0003ffff", 0.15),  # the edges of the rare Chinese blocks …
    ("\ua000", 0.5), ("\U00040000", 0.0), ("\uf900", 0.5),  # … and what lies beyond them (Yi, unassigned, 豈)
    ("\u303f", 1.0), ("\uff01", 1.0), ("\uff5e", 1.0), ("\u2000", 1.0), ("\u206f", 1.0),  # punctuation blocks' edges
    ("\u3040", 0.0), ("\uff5f", 0.8), ("\u2070", 0.5), ("\u1fff", 0.0),  # … and just outside them
    ("\uac00", 0.0), ("\u1100", 0.0), ("\u11ff", 0.0), ("\u3131", 0.0),  # Korean: syllables and letters …
    ("\ud7b0", 0.5), ("\u1200", 0.5), ("\u3190", 0.8),  # … and the blocks beside them
])
def test_how_plausible_each_character_at_a_blocks_edge_is(char, score):
    assert plausibility(char) == pytest.approx(score)


def _law_sentences() -> list[str]:
    root = Path(__file__).resolve().parents[2] / "data/laws/texts"
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(root.glob("*.md"))[:3])
    return [s for s in re.split(r"[。；\n]", text) if 6 <= len(s) <= 60 and not s.startswith("#")]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16-le", "utf-16-be"])
def test_law_texts_with_planted_numbers_read_back_in_the_encoding_they_were_saved_in(encoding):
    sentences = _law_sentences()
    assert len(sentences) > 200
    refused = []
    for i, sentence in enumerate(sentences[:: max(1, len(sentences) // 60)]):
        text = f"{sentence[: 2 + i % 20]}，联系电话 1391234{i:04d}\n"
        try:
            decoded = files.decode(text.encode(encoding))
        except files.Unreadable:
            refused.append(text)
            continue
        assert (decoded.text, decoded.encoding) == (text, encoding)
    assert refused == []


def _law_pieces(shortest: int, longest: int, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    sentences, out = _law_sentences(), []
    while len(out) < count:
        sentence = rng.choice(sentences)
        size = rng.randint(shortest, longest)
        start = rng.randint(0, max(0, len(sentence) - size))
        piece = sentence[start:start + size]
        if piece.strip() and not piece.isascii():
            out.append(piece)
    return out


def test_pieces_of_law_texts_are_read_back_and_short_ones_are_never_refused():
    """A file of one to three characters may be read in another encoding (the bytes allow both), but it is read,
    with a number beside it intact; from four characters on, the text comes back as it was saved."""
    for piece in _law_pieces(1, 3, 200, 1):
        for encoding in ("utf-8", "gb18030"):
            files.decode(piece.encode(encoding))  # not refused
    for piece in _law_pieces(4, 16, 200, 2):
        for encoding in ("utf-8", "gb18030", *(("utf-16-le", "utf-16-be") if len(piece) > 8 else ())):
            decoded = files.decode(piece.encode(encoding))
            assert (decoded.text, decoded.encoding) == (piece, encoding)
    for piece in _law_pieces(4, 8, 200, 3):
        try:
            data = f"{piece}：13912345678\n".encode("cp950")
        except UnicodeEncodeError:  # simplified characters Big5 lacks
            continue
        assert "13912345678" in files.decode(data).text


def test_utf8_text_is_named_utf8_whatever_decides_it():
    for text in ("联系人：王建华", "王建华", "王é"):  # many characters, two, one of another script
        decoded = files.decode(text.encode())
        assert (decoded.text, decoded.encoding) == (text, "utf-8") and files.decode_text(text.encode()) == text


def test_wide_encodings_without_a_mark_are_refused_when_their_reading_is_not_convincing():
    for encoding in ("utf-32-le", "utf-16-le"):
        with pytest.raises(files.Unreadable):
            files.decode("Café 王\n".encode(encoding))  # a reading of 0.75: plausible, not convincing


def test_a_workbook_without_relationships_is_read_from_its_usual_parts():
    parts = {"[Content_Types].xml": TYPES,
             "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{R}"><sheets><sheet name="名单" sheetId="1" '
                                'r:id="s1"/></sheets></workbook>',
             "xl/_rels/workbook.xml.rels": relationships(("s1", "worksheet", "worksheets/sheet1.xml")),
             "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                                         "<is><t>王建华</t></is></c></row></sheetData></worksheet>"}
    assert units(read(zip_of(parts, "[Content_Types].xml"), "a.xlsx")) == sorted([
        ("工作表名称", "名单"), ("工作表“名单”A1单元格", "王建华")])


def test_a_row_number_of_six_digits_is_no_number_to_read():
    """Rows are numbered up to 1,048,576: the r of row 100000 is where a cell is, not a number someone wrote."""
    parts = one_sheet_workbook('<row r="100000" spans="1:1"><c r="A100000" t="inlineStr"><is><t>王建华</t></is></c>'
                               "</row>")
    assert units(read(zip_of(parts, "[Content_Types].xml"), "a.xlsx")) == sorted([
        ("工作表名称", "表"), ("工作表“表”A100000单元格", "王建华")])


@pytest.mark.parametrize("text", ["戍和", "篡所", "穗幸"])
def test_a_short_big5_text_that_gb18030_reads_nearly_as_well_is_refused_naming_both(text):
    """GB18030 is the likelier encoding and reads these bytes as other, plausible characters: neither reading
    convinces, so the file is refused rather than checked in a guess."""
    data = text.encode("cp950")
    assert data.decode("gb18030") != text
    with pytest.raises(files.Unreadable) as refused:
        files.decode(data)
    assert str(refused.value) == ("无法确定文件的文字编码（可能是 gb18030 或 cp950），其中的个人信息无法检查；"
                                  "请用记事本打开后另存为“UTF-8”编码，或转换为带文字层的 PDF 后再放入")


# ---- Entities: text the readers of elements never see ---------------------------------------------------------

def _packages() -> list[tuple[str, bytes]]:
    """One real-shaped file of every package kind (Word and Excel as their libraries write them)."""
    import attachments_kit
    import files_kit

    return [("a.docx", files_kit.make_docx([files_kit.para(files_kit.run("正文"))], header="页眉", footnote="脚注",
                                           comment=("批注", "审核人"), author="作者")),
            ("b.docx", attachments_kit.make_docx(["正文"], [[["姓名", "电话"], ["甲", "乙"]]])),
            ("c.xlsx", attachments_kit.make_xlsx({"名单": [["姓名", "备注"], ["甲", "乙"]], "说明": [["无"]]})),
            ("d.odt", files_kit.make_odf("text", "<text:p>正文</text:p>", header="页眉", creator="作者")),
            ("e.ofd", files_kit.make_ofd([[files_kit.text_object(10, 10, [(0, 0, "正文")])]], author="作者",
                                         annotation="批注"))]


def _with_entity(xml: bytes, entity: str) -> bytes:
    """The part with a DTD declaring an entity before its root element (after the XML declaration, if any)."""
    declaration = re.match(rb"<\?xml[^>]*\?>\s*", xml)
    at = declaration.end() if declaration else 0
    root = re.match(rb"<([\w:.-]+)", xml[at:].lstrip()).group(1)
    return xml[:at] + b"<!DOCTYPE " + root + b' [<!ENTITY n "' + entity.encode() + b'">]>' + xml[at:]


@pytest.mark.parametrize("name,data", _packages(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_package_part_that_declares_an_entity_is_refused_whichever_part_it_is(name, data):
    """An entity's value is shown where it is referenced (&n;), but the readers never expand entities (against
    entity bombs): a name hidden so would pass unread. Office, OpenDocument and OFD files never declare one, so
    a file with one is refused — for every XML part of the package, the part named in the message."""
    import zipfile

    planted = f"王建华，身份证号{ID}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml_parts = [part for part, body in parts.items() if re.match(rb"\s*(<\?xml[^>]*\?>\s*)?<[\w:]", body)]
    assert len(xml_parts) >= 3, xml_parts
    first = "mimetype" if "mimetype" in parts else None
    wrong = []
    for part in xml_parts:
        changed = dict(parts, **{part: _with_entity(parts[part], planted)})
        try:
            read(zip_of(changed, first), name)
            wrong.append((part, "read"))
        except files.Unreadable as refused:
            label = "文件内部的关系表" if part == "_rels/.rels" else f"“{part}”"  # the package's own table of parts
            if f"{label}声明了实体" not in str(refused):
                wrong.append((part, str(refused)[:60]))
    assert wrong == []
    read(data, name)  # the same file without the entity is read
