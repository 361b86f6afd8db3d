"""Plant personal data in forms the guard's tests do not name, and count per class what the guard misses.

    .venv/bin/python bench/plant_forms.py [--seed 1] [--per 6] [--show]

Each case is one leak (a name, an ID number, a mobile, a home address or landline) written in one form (a
spreadsheet's number cell, a formula, a name joined by a middle dot, a feed item's double-escaped HTML, an address
with 幢/座/层 …). A case goes through every reading that applies to it: an attachment's reading at `make check`
(personal.scan_attachment), a source's scan (personal.scan_text) and the output guard's reading of a published file
(output.FileCheck). It counts as missed when any of them reports nothing of its rule. Negatives (the same forms
without a person) count as false alarms when any reading reports anything.
"""
from __future__ import annotations

import argparse
import collections
import html
import io
import random
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "hooks"), str(HERE.parent / "tests")]

from files_kit import make_odf, zip_of  # noqa: E402

from govsite.guard import output, personal  # noqa: E402

RULES = personal.Rules()
CHECK = output.FileCheck(RULES, frozenset())
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏"
GIVEN = ("建国", "秀英", "桂兰", "志强", "海燕", "国庆", "建华", "红霞", "玉梅", "德福", "淑珍", "振宇", "晓东")
DOTTED = ("阿依古丽·买买提", "扎西·多吉", "热依拉·吐尔逊", "买买提·艾力", "古丽娜尔·阿不都", "次仁·卓玛",
          "努尔艾力·哈斯木", "帕丽旦·吾守尔")
DOTS = ("·", "・", "•", "‧", "∙", "．", ".", "⋅", "•")
PINYIN = ("Wang Jianguo", "Li Xiuying", "Zhang Guilan", "Liu Zhiqiang", "Chen Haiyan", "Zhao Jianhua")
REGIONS = ("110105", "320102", "410105", "440305", "510107", "130402")
W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id18(rng):
    first = (f"{rng.choice(REGIONS)}{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
             f"{rng.randint(0, 999):03d}")
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, W)) % 11]


def id18_digits(rng):
    while True:
        number = id18(rng)
        if number[-1] != "X":
            return number


def mobile(rng):
    return f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"


def person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def masked(rng):
    return rng.choice(SURNAMES) + "*" + rng.choice(GIVEN)[1]


# ---- files ------------------------------------------------------------------------------------------------------

def xlsx(rows: list[list], cell_xml=None, styles: str = "") -> bytes:
    """A workbook written by hand: rows of (kind, value) cells; kind 'n' number, 's' inline string, 'f' formula,
    'nf' a number with a number format (style 1)."""
    def ref(r, c):
        return f"{chr(65 + c)}{r + 1}"
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, (kind, value) in enumerate(row):
            if kind == "s":
                cells.append(f'<c r="{ref(r, c)}" t="inlineStr"><is><t>{html.escape(value)}</t></is></c>')
            elif kind == "n":
                cells.append(f'<c r="{ref(r, c)}"><v>{value}</v></c>')
            elif kind == "nf":
                cells.append(f'<c r="{ref(r, c)}" s="1"><v>{value}</v></c>')
            elif kind == "f":
                cells.append(f'<c r="{ref(r, c)}"><f>{html.escape(value)}</f></c>')
            elif kind == "fstr":
                cells.append(f'<c r="{ref(r, c)}" t="str"><f>{html.escape(value[0])}</f><v>{html.escape(value[1])}</v></c>')
        body.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {ns} {rel}><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets>'
        '</workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f'<styleSheet {ns}>{styles or ""}<cellXfs count="2"><xf numFmtId="0"/>'
        f'<xf numFmtId="{176 if styles else 0}" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<worksheet {ns}><sheetData>{"".join(body)}</sheetData></worksheet>',
    }
    return zip_of(parts, "[Content_Types].xml")


def ods(rows: list[list]) -> bytes:
    """A spreadsheet: cells (kind, value, shown): 'n' a float cell whose office:value is value and text shown."""
    out = []
    for row in rows:
        cells = []
        for kind, value, shown in row:
            if kind == "n":
                cells.append(f'<table:table-cell office:value-type="float" office:value="{value}">'
                             f'<text:p>{html.escape(shown)}</text:p></table:table-cell>')
            elif kind == "f0":
                cells.append(f'<table:table-cell table:formula="{html.escape(value, quote=True)}"/>')
            elif kind == "f":
                cells.append(f'<table:table-cell table:formula="{html.escape(value, quote=True)}" '
                             f'office:value-type="string" office:string-value="{html.escape(shown, quote=True)}">'
                             '</table:table-cell>')
            else:
                cells.append(f'<table:table-cell office:value-type="string"><text:p>{html.escape(value)}</text:p>'
                             '</table:table-cell>')
        out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return make_odf("spreadsheet", '<table:table table:name="名单">' + "".join(out) + "</table:table>")


def page(body: str) -> bytes:
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>公示</title></head>\n'
            f"<body><article>\n{body}\n</article></body></html>\n").encode()


def atom(content_html: str, mode: str) -> bytes:
    if mode == "cdata":
        content = f"<![CDATA[{content_html}]]>"
    elif mode == "double":
        content = html.escape(html.escape(content_html))
    else:
        content = html.escape(content_html)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>动态</title>'
            '<id>urn:x</id><updated>2026-01-01T00:00:00Z</updated><entry><title>公示</title><id>urn:y</id>'
            f'<updated>2026-01-01T00:00:00Z</updated><content type="html">{content}</content></entry></feed>'
            ).encode()


# ---- cases ------------------------------------------------------------------------------------------------------

def cases(rng: random.Random):
    """Yield (class, rule, readings, payload) with readings among 'attachment', 'output', 'source', 'unit'."""
    NAME, ID, MOB, ADDR, HOME = (personal.RULE_NAME, personal.RULE_ID, personal.RULE_MOBILE, personal.RULE_ADDRESS,
                                 personal.RULE_HOME_PHONE)
    number, phone = id18_digits(rng), mobile(rng)
    as_float = f"{float(number):.14E}".replace("E+", "E+")
    yield "xlsx: ID number as a number 1.1E+17", ID, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "姓名"), ("s", "身份证号")], [("s", masked(rng)), ("n", as_float)]]))
    yield "xlsx: ID number as a number, repr", ID, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "姓名"), ("s", "身份证号")], [("s", masked(rng)), ("n", repr(float(number)))]]))
    yield "xlsx: mobile as a number", MOB, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "姓名"), ("s", "联系电话")], [("s", masked(rng)), ("n", phone)]]))
    yield "xlsx: mobile as a float 1.38E+10", MOB, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "姓名"), ("s", "手机")], [("s", masked(rng)), ("n", f"{float(phone):.10E}")]]))
    yield "xlsx: mobile with a number format 000-0000-0000", MOB, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "姓名"), ("s", "手机")], [("s", masked(rng)), ("nf", phone)]],
                       styles='<numFmts count="1"><numFmt numFmtId="176" formatCode="000-0000-0000"/></numFmts>'))
    yield "xlsx: formula =\"…\" holding an ID number", ID, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "身份证号")], [("f", f'="{number}"')]]))
    yield "xlsx: formula joining a mobile's parts", MOB, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "联系电话")], [("f", f'="{phone[:3]}"&"{phone[3:]}"')]]))
    yield "xlsx: formula with a cached string", ID, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "身份证号")], [("fstr", (f'=TEXT({number[:9]},"0")&"{number[9:]}"', number))]]))
    yield "xlsx: a name joined by a formula =\"王\"&\"建华\"", NAME, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "姓名")], [("f", '="' + (p := person(rng))[0] + '"&"' + p[1:] + '"')]]))
    shown = f"{float(phone):.2E}"
    yield "ods: mobile in a float cell shown as 1.38E+10", MOB, ("attachment", "output"), (
        "a.ods", ods([[("s", "姓名", ""), ("s", "手机", "")], [("s", masked(rng), ""), ("n", phone, shown)]]))
    yield "ods: ID number in a float cell", ID, ("attachment", "output"), (
        "a.ods", ods([[("s", "身份证号", "")], [("n", number, f"{float(number):.5E}")]]))
    yield "ods: formula joining a mobile's parts, no value", MOB, ("attachment", "output"), (
        "a.ods", ods([[("s", "手机", "")], [("f0", f'of:="{phone[:3]}"&"{phone[3:]}"', "")]]))
    yield "xlsx: CONCATENATE of an ID's parts", ID, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "身份证号")], [("f", f'CONCATENATE("{number[:6]}","{number[6:14]}",{number[14:]})')]]))
    yield "ods: formula's string value", ID, ("attachment", "output"), (
        "a.ods", ods([[("s", "身份证号", "")], [("f", f'of:="{number}"', number)]]))
    # ID and mobile forms
    while number[6:8] != "19":  # the old form was issued to people born in the 1900s
        number = id18_digits(rng)
    old = number[:6] + number[8:17]
    yield "ID 15-digit in a sentence", ID, ("unit",), f"身份证号码{old}，现住示例镇。"
    yield "ID lowercase x", ID, ("unit",), f"身份证：{(lambda n: n)(id18x(rng)).lower()}"
    for prefix in ("+86", "0086", "86-", "+86-", "(+86)", "＋８６ ", "86 ", "0086-"):
        yield f"mobile prefix {prefix.strip()}", MOB, ("unit",), f"联系方式{prefix}{phone}"
    yield "mobile over a PDF's two text runs", MOB, ("attachment", "output"), ("a.pdf", pdf_runs(
        [f"联系电话：{phone[:5]}", phone[5:]]))
    yield "ID over a PDF's text runs", ID, ("attachment", "output"), ("a.pdf", pdf_runs(
        [f"身份证号：{number[:10]}", number[10:]]))
    # names with a middle dot
    dotted = rng.choice(DOTTED).replace("·", rng.choice(DOTS))
    yield "dotted name after 联系人", NAME, ("unit",), f"联系人：{dotted}，电话0371-63201234"
    yield "dotted name in a 姓名 column", NAME, ("source",), ("content/a.md", f"| 序号 | 姓名 | 所在镇 |\n|---|---|---|\n"
                                                                       f"| 1 | {dotted} | 示例镇 |\n| 2 | {masked(rng)} | 示例镇 |\n")
    yield "dotted name with 同志", NAME, ("unit",), f"经审核，{dotted}同志符合条件。"
    yield "dotted name in a news clause", NAME, ("unit",), f"退役军人{dotted}今年78岁，曾荣立三等功。"
    yield "dotted name in xlsx 姓名", NAME, ("attachment", "output"), (
        "a.xlsx", xlsx([[("s", "姓名"), ("s", "类别")], [("s", dotted), ("s", "退役士兵")]]))
    # pinyin
    py = rng.choice(PINYIN)
    yield "pinyin name after 联系人", NAME, ("unit",), f"联系人：{py}，电话0371-63201234"
    yield "pinyin name in a 姓名 column", NAME, ("source",), ("content/a.md", f"| 序号 | 姓名 |\n|---|---|\n| 1 | {py} |\n")
    yield "pinyin name with 同志", NAME, ("unit",), f"{py}同志符合条件。"
    # feeds and pages
    p = person(rng)
    yield "atom: double-escaped name", NAME, ("output",), ("feed.xml", atom(f"<p>联系人：{p}同志</p>", "double"))
    yield "atom: CDATA name", NAME, ("output",), ("feed.xml", atom(f"<p>联系人：{p}同志</p>", "cdata"))
    yield "atom: double-escaped &#x; name", NAME, ("output",), ("feed.xml", atom(
        "<p>联系人：" + "".join(f"&#x{ord(c):x};" for c in p) + "同志</p>", "double"))
    yield "rss: CDATA mobile", MOB, ("output",), ("rss.xml", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title><description>'
        f'<![CDATA[<p>手机：{phone}</p>]]></description></item></channel></rss>').encode())
    yield "JSON-LD name", NAME, ("output",), ("a.html", page(
        f'<script type="application/ld+json">{{"@type":"Person","name":"{p}"}}</script><p>正文</p>'))
    yield "JSON-LD author", NAME, ("output",), ("a.html", page(
        f'<script type="application/ld+json">{{"@type":"NewsArticle","author":{{"@type":"Person","name":"{p}"}}}}'
        "</script><p>正文</p>"))
    yield "data- attribute name", NAME, ("output",), ("a.html", page(f'<div data-contact="{p}同志">正文</div>'))
    yield "data- attribute JSON", NAME, ("output",), ("a.html", page(
        f'<div data-person=\'{{"姓名":"{p}","手机":"{phone[:3]}****{phone[7:]}"}}\'>正文</div>'))
    yield "noscript name", NAME, ("output",), ("a.html", page(f"<noscript>联系人：{p}同志</noscript>"))
    yield "HTML comment name", NAME, ("output",), ("a.html", page(f"<!-- 联系人：{p}同志 --><p>正文</p>"))
    yield "HTML comment ID", ID, ("output",), ("a.html", page(f"<!-- {number} --><p>正文</p>"))
    yield "template element name", NAME, ("output",), ("a.html", page(f"<template><p>联系人：{p}同志</p></template>"))
    yield "meta description name", NAME, ("output",), ("a.html", page(f'<meta name="description" content="联系人：{p}同志">'))
    yield "og:title name", NAME, ("output",), ("a.html", page(f'<meta property="og:title" content="{p}同志的先进事迹">'))
    yield "srcdoc iframe name", NAME, ("output",), ("a.html", page(
        f'<iframe srcdoc="&lt;p&gt;联系人：{p}同志&lt;/p&gt;"></iframe>'))
    # parts of packages and links
    pivot = ('<pivotCacheRecords xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
             f'<r><s v="{p}"/><n v="{phone}"/><n v="{float(number)!r}"/></r></pivotCacheRecords>')
    yield "xlsx: pivot cache records, numbers", MOB, ("attachment", "output"), ("a.xlsx", _with_part(
        xlsx([[("s", "类别")], [("s", "退役士兵")]]), "xl/pivotCache/pivotCacheRecords1.xml", pivot))
    yield "xlsx: pivot cache records, name", NAME, ("attachment", "output"), ("a.xlsx", _with_part(
        xlsx([[("s", "类别")], [("s", "退役士兵")]]), "xl/pivotCache/pivotCacheDefinition1.xml",
        '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cacheFields count="1">'
        f'<cacheField name="姓名"><sharedItems><s v="{p}"/><s v="{person(rng)}"/></sharedItems></cacheField>'
        '</cacheFields></pivotCacheDefinition>'))
    yield "html: tel: link", MOB, ("output",), ("a.html", page(f'<a href="tel:+86{phone}">拨打电话</a>'))
    yield "html: sms: link", MOB, ("output",), ("a.html", page(f'<a href="sms:{phone}?body=hi">发短信</a>'))
    yield "html: mailto with pinyin and mobile", MOB, ("output",), ("a.html", page(f'<a href="mailto:{phone}@139.com">邮件</a>'))
    yield "atom: author name", NAME, ("output",), ("feed.xml", atom("<p>正文</p>", "single").replace(
        b"<entry>", f"<entry><author><name>{p}</name></author>".encode()))
    yield "rss: dc:creator", NAME, ("output",), ("rss.xml", (
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>'
        f'<item><title>x</title><dc:creator>{p}</dc:creator><description>正文</description></item></channel></rss>').encode())
    yield "JSON-LD telephone", MOB, ("output",), ("a.html", page(
        f'<script type="application/ld+json">{{"@type":"Person","telephone":"+86-{phone}"}}</script>'))
    yield "json api: 联系人 field", NAME, ("output",), ("api/a.json", ('{"标题":"公示","联系人":"' + p + '"}').encode())
    yield "json api: 姓名 field, two characters", NAME, ("output", "attachment"), (
        "a.json", ('{"姓名":"' + person2(rng) + '","类别":"退役士兵"}').encode())
    yield "json api: English name key, two characters", NAME, ("output",), (
        "api/a.json", ('{"name":"' + person2(rng) + '","role":"applicant"}').encode())
    yield "ods: a row of values shown as nothing", MOB, ("attachment", "output"), (
        "a.ods", ods([[("s", "手机", "")], [("n", phone, "")]]))
    # zip attachments
    yield "zip with a text list", NAME, ("attachment", "output"), ("a.zip", zip_of({"名单.txt": f"联系人：{p}同志\n".encode()}))
    # file names
    yield "file name with pinyin", NAME, ("source",), (f"content/files/{py.replace(' ', '').lower()}-shenqingbiao.pdf", None)
    yield "file name with GBK bytes", NAME, ("source",), (f"content/files/{p}申请表.pdf".encode("gbk"), None)
    # addresses
    num = rng.randint(2, 30)
    for text in (f"现住幸福小区{num}号楼{rng.randint(1, 6)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}室",
                 f"家住幸福小区{num}幢{rng.randint(1, 6)}单元{rng.randint(101, 1802)}",
                 f"幸福花园{num}幢{rng.randint(101, 1802)}室",
                 f"阳光城B座{rng.randint(5, 30)}层{rng.randint(1, 12)}号",
                 f"阳光城{num}座{rng.randint(1, 3)}单元{rng.randint(101, 1802)}室",
                 f"金水花园{num}栋{rng.randint(5, 30)}楼{rng.randint(1, 4)}号",
                 f"张庄村{rng.randint(1, 9)}组{rng.randint(1, 60)}号",
                 f"张庄村{'一二三四五六七八九'[rng.randint(0, 8)]}组",
                 f"王家屯{rng.randint(1, 60)}号",
                 f"李庄大队第{'一二三四五'[rng.randint(0, 4)]}生产队",
                 f"幸福小区{''.join(chr(0xFF10 + int(d)) for d in str(num))}号楼{chr(0xFF11)}单元{chr(0xFF13)}０１室",
                 f"幸福小区十{'一二三四五六七八九'[rng.randint(0, 8)]}号楼二单元三〇一室",
                 f"人民路{'一二三四五六七八九'[rng.randint(0, 8)]}十{'一二三四五六七八九'[rng.randint(0, 8)]}号",
                 f"示例镇张庄村{rng.randint(1, 9)}组",
                 f"解放路{num}号院{rng.randint(1, 9)}号楼{rng.randint(101, 602)}",
                 f"建设路{num}号{rng.randint(1, 9)}栋{rng.randint(1, 9)}单元{rng.randint(1, 6)}楼",
                 f"东风小区{num}-{rng.randint(1, 6)}-{rng.randint(101, 602)}号",
                 f"幸福里小区{rng.randint(1, 9)}期{num}号楼",
                 f"张庄村民委员会第{rng.randint(1, 9)}村民小组",
                 f"向阳屯{rng.randint(1, 9)}队"):
        yield f"address: {shape_of(text)}", ADDR, ("unit",), text
    # landlines beside a person
    land = f"0371-6{rng.randint(0, 9_999_999):07d}"
    m = masked(rng)
    yield "landline in a person's table row", HOME, ("source",), ("content/a.md", (
        f"| 姓名 | 联系电话 |\n|---|---|\n| {m} | {land} |\n| {masked(rng)} | 0371-6{rng.randint(0, 9_999_999):07d} |\n"))
    yield "landline after a masked name", HOME, ("unit",), f"{m}，男，退役士兵，联系电话：{land}"
    yield "landline 家中电话", HOME, ("unit",), f"家中电话：{land}"
    yield "landline 家里电话", HOME, ("unit",), f"家里电话{land}"
    yield "landline 固话(家)", HOME, ("unit",), f"固定电话（家）：{land}"
    yield "landline 住宅 area code in brackets", HOME, ("unit",), f"住宅电话：（0371）6{rng.randint(0, 9_999_999):07d}"


def person2(rng):
    return rng.choice(SURNAMES) + rng.choice("伟芳娜敏静丽强磊军洋勇艳杰娟涛")


def _with_part(data: bytes, name: str, xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(name, xml)
    return out.getvalue()


def id18x(rng):
    while True:
        number = id18(rng)
        if number[-1] == "X":
            return number


def shape_of(text):
    import re
    return re.sub(r"[0-9０-９]+", "N", re.sub(r"[一二三四五六七八九十〇]+(?=[号组队幢栋楼单元室层座期])", "十", text))


def pdf_runs(pieces: list[str]) -> bytes:
    """One line of a PDF in two text runs (two Tj at once, the second just after the first)."""
    from attachments_kit import make_pdf
    data = make_pdf([["PLACEHOLDER"]])
    first, second = (p.encode("utf-16-be").hex().upper() for p in pieces)
    x = 50 + 12 * len(pieces[0])
    ph = "PLACEHOLDER".encode("utf-16-be").hex().upper()
    body = f"<{first}> Tj ET BT /F1 12 Tf {x} 800 Td <{second}>".encode()
    old_stream = f"<{ph}>".encode()
    out = data.replace(old_stream, body)
    # fix the stream's /Length and the xref: rebuild with pypdf-free arithmetic
    return _relength(out, len(body) - len(old_stream))


def _relength(data: bytes, delta: int) -> bytes:
    import re
    m = re.search(rb"/Length (\d+)", data)
    data = data[:m.start(1)] + str(int(m.group(1)) + delta).encode() + data[m.end(1):]
    return data  # the readers tolerate an xref that is off: they find objects by scanning


def readings(rule, readings_, payload):
    found = {}
    if "unit" in readings_:
        found["unit"] = {h.rule for h in personal.scan_unit(payload, RULES)}
    if "source" in readings_:
        file, text = payload
        if text is None:
            name = file.decode("utf-8", "surrogateescape") if isinstance(file, bytes) else file
            found["source"] = {f.rule for f in personal.scan_file_name(name, set())}
        else:
            found["source"] = {f.rule for f in personal.scan_text(text, file, set())}
    if "attachment" in readings_:
        name, data = payload
        try:
            found["attachment"] = {f.rule for f in personal.scan_attachment(data, "content/files/" + name, set())}
        except Exception as exc:
            found["attachment"] = {f"crash {type(exc).__name__}: {exc}"}
    if "output" in readings_:
        name, data = payload
        try:
            found["output"] = {f.rule for f in CHECK(name, data)}
        except Exception as exc:
            found["output"] = {f"crash {type(exc).__name__}: {exc}"}
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per", type=int, default=6)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    planted, missed = collections.Counter(), collections.Counter()
    examples = {}
    for k in range(args.per):
        rng = random.Random(args.seed * 1000 + k)
        for cls, rule, how, payload in cases(rng):
            planted[cls] += 1
            found = readings(rule, how, payload)
            if any(rule not in rs and not _refused(rs) for rs in found.values()):
                missed[cls] += 1
                examples.setdefault(cls, (payload if isinstance(payload, str) else payload[0], found))
    for cls in planted:
        print(f"{missed[cls]:3d}/{planted[cls]:<3d} {cls}")
    print(f"all: {sum(missed.values())} of {sum(planted.values())} missed")
    if args.show:
        for cls, (what, found) in examples.items():
            print(f"-- {cls}: {what!r} -> {found}")


def _refused(rules: set[str]) -> bool:
    return any(r.startswith(("无法", "不能", "未能", "crash Unreadable")) or "格式" in r for r in rules)


if __name__ == "__main__":
    main()
