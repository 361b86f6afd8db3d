"""Writes the downloadable forms of the 政府信息公开 section as .docx files (run once; outputs are committed).

    .venv/bin/python tools/make_xxgk_forms.py

A .docx is a zip of a few XML files; writing them directly keeps the project free of an office library.
Zip entries carry a fixed timestamp so running it again produces byte-identical files.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "xxgk"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
FONT = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>'


def run(text: str, size: int = 24, bold: bool = False) -> str:
    props = FONT + ("<w:b/>" if bold else "") + f'<w:sz w:val="{size}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text: str, size: int = 24, bold: bool = False, center: bool = False) -> str:
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    return f"<w:p>{ppr}{run(text, size, bold)}</w:p>"


def table(rows: list[list[tuple[str, int]]], widths: list[int]) -> str:
    """rows of (text, column span); widths in twentieths of a point."""
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
           f"<w:tblGrid>{grid}</w:tblGrid>"]
    for row in rows:
        out.append('<w:tr><w:trPr><w:trHeight w:val="560"/></w:trPr>')
        col = 0
        for text, span in row:
            width = sum(widths[col:col + span])
            col += span
            span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}<w:vAlign w:val="center"/></w:tcPr>'
                       f"{para(text, 21)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document(body: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(body)
            + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1304" w:bottom="1440" w:left="1304"/></w:sectPr>'
            "</w:body></w:document>")


def write_docx(path: Path, body: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/document.xml", document(body))):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))


def application_form() -> list[str]:
    w = [1800, 2600, 1800, 3098]
    return [
        para("某区退役军人事务局政府信息公开申请表（示例）", 32, bold=True, center=True),
        para("依据《中华人民共和国政府信息公开条例》第二十九条填写。带 * 的为必填项。", 21),
        table([
            [("申请人类型", 1), ("□ 公民　　□ 法人或者其他组织", 3)],
            [("公民", 4)],
            [("*姓名", 1), ("", 1), ("工作单位", 1), ("", 1)],
            [("*证件名称", 1), ("", 1), ("*证件号码", 1), ("", 1)],
            [("*联系电话", 1), ("", 1), ("电子邮箱", 1), ("", 1)],
            [("*通信地址", 1), ("", 1), ("邮政编码", 1), ("", 1)],
            [("法人或者其他组织", 4)],
            [("*名称", 1), ("", 1), ("*统一社会信用代码", 1), ("", 1)],
            [("法定代表人或负责人", 1), ("", 1), ("*联系人", 1), ("", 1)],
            [("*联系电话", 1), ("", 1), ("电子邮箱", 1), ("", 1)],
            [("*通信地址", 1), ("", 1), ("邮政编码", 1), ("", 1)],
            [("申请公开的政府信息", 4)],
            [("*所需信息的名称、文号或者便于查询的其他特征性描述", 2), ("", 2)],
            [("*获取信息的方式（可多选）", 2), ("□ 纸质文本　□ 电子邮件　□ 光盘　□ 其他", 2)],
            [("*获取信息的途径（可多选）", 2), ("□ 邮寄　□ 当面领取　□ 电子邮件　□ 传真", 2)],
            [("申请人签名（盖章）", 1), ("", 1), ("申请日期", 1), ("　　年　　月　　日", 1)],
        ], w),
        para("填表说明：", 21, bold=True),
        para("1. 申请人应提交身份证明复印件（法人或者其他组织提交营业执照或登记证书复印件）。", 21),
        para("2. 申请公开的信息应当具体明确；内容不明确的，本局将在收到申请之日起 7 个工作日内一次性告知补正（条例第三十条）。", 21),
        para("3. 本局不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过 20 个工作日（条例第三十三条）。", 21),
        para("4. 依申请提供政府信息不收取费用；申请数量、频次明显超过合理范围的，可以依法收取信息处理费（条例第四十二条）。", 21),
        para("5. 本表为演示网站的示例表格。", 21),
    ]


def support_form() -> list[str]:
    w = [2200, 2500, 2000, 2598]
    return [
        para("某区退役军人就业创业扶持申请表（示例）", 32, bold=True, center=True),
        para("附件：某退役军人发〔2024〕1号", 21),
        table([
            [("姓名", 1), ("", 1), ("退役时间", 1), ("", 1)],
            [("退役证件编号", 1), ("", 1), ("联系电话", 1), ("", 1)],
            [("户籍所在地", 1), ("", 3)],
            [("申请项目", 1), ("□ 培训补贴　□ 创业补贴　□ 吸纳就业补贴", 3)],
            [("项目情况说明", 1), ("", 3)],
            [("退役军人服务站初审意见", 1), ("（盖章）　　年　　月　　日", 3)],
            [("区退役军人事务局审核意见", 1), ("（盖章）　　年　　月　　日", 3)],
        ], w),
        para("本表为演示网站的示例表格。", 21),
    ]


def main() -> None:
    write_docx(OUT / "ysqgk" / "xxgk-shenqingbiao.docx", application_form())
    write_docx(OUT / "fujian" / "2024-001-fj1.docx", support_form())


if __name__ == "__main__":
    main()
