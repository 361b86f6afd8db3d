"""Office files written by hand for the readers' tests (a zip of XML, as the standards define them), with every
part a real file can hold: headers, comments, tracked changes, text boxes, hidden sheets, OFD pages …; and
generated personal data (names, ID numbers with their GB 11643 check digit, mobiles) to plant in them."""
from __future__ import annotations

import io
import random
import zipfile
from xml.sax.saxutils import escape, quoteattr

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方"]
GIVEN = "建华国明伟芳秀英敏静丽强磊军洋勇艳杰娟涛超霞平刚桂兰志红玉萍春梅海燕鹏宇晨浩然轩涵"
REGIONS = ["110105", "310104", "410105", "440305", "510107", "320102", "420111"]


def id18(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def mobile_number(rng: random.Random) -> str:
    """A random mainland mobile number (1, then 3–9, then nine digits)."""
    return f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"


def html_page(body: str) -> bytes:
    """A published page, as small as one can be, with `body` in its article."""
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>页面</title></head>\n'
            f"<body><article>\n{body}\n</article></body></html>\n").encode()


class People:
    """Generated personal data, different for every seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def name(self) -> str:
        rng = self.rng
        surname = rng.choice(COMPOUND) if rng.random() < 0.15 else rng.choice(SURNAMES)
        return surname + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))

    def id_number(self) -> str:
        rng = self.rng
        born = f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        return id18(rng.choice(REGIONS) + born + f"{rng.randint(0, 999):03d}")

    def mobile(self) -> str:
        rng = self.rng
        return f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def zip_of(parts: dict[str, str | bytes], first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        names = ([first] if first else []) + [n for n in parts if n != first]
        for name in names:
            data = parts[name]
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


# ---- Word ---------------------------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" ' \
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
FONT = '<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="24"/></w:rPr>'


def run(text: str) -> str:
    return f'<w:r>{FONT}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str) -> str:
    return '<w:p><w:pPr><w:jc w:val="both"/></w:pPr>' + "".join(runs) + "</w:p>"


def runs_of(text: str, pieces: int = 3) -> str:
    """The text cut into runs, as Word cuts it when formatting or spelling marks change mid-word."""
    cut = [0] + sorted({max(1, len(text) * i // pieces) for i in range(1, pieces)}) + [len(text)]
    return "".join(run(text[a:b]) for a, b in zip(cut, cut[1:]) if b > a)


def deleted(text: str, author: str) -> str:
    return (f'<w:del w:id="7" w:author={quoteattr(author)} w:date="2024-01-01T00:00:00Z">'
            f'<w:r>{FONT}<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def inserted(text: str, author: str) -> str:
    return f'<w:ins w:id="8" w:author={quoteattr(author)} w:date="2024-01-01T00:00:00Z">{run(text)}</w:ins>'


def text_box(text: str) -> str:
    inner = f"<w:txbxContent>{para(run(text))}</w:txbxContent>"
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
            'distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" '
            'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
            '<wp:posOffset>1371600</wp:posOffset></wp:positionH><wp:extent cx="2057400" cy="457200"/>'
            '<wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
            f'{inner}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>{inner}'
            '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def image(alt: str) -> str:
    return ('<w:r><w:drawing><wp:inline><wp:extent cx="952500" cy="952500"/>'
            f'<wp:docPr id="2" name="图片 2" descr={quoteattr(alt)}/><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
            '<pic:cNvPr id="0" name="photo.png"/></pic:nvPicPr></pic:pic></a:graphicData></a:graphic>'
            '</wp:inline></w:drawing></w:r>')


def field(instruction: str, shown: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{escape(instruction)}'
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(shown)}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def table(rows: list[list[str]]) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in rows[0])
    body = "".join("<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{para(run(c))}</w:tc>'
                                      for c in row) + "</w:tr>" for row in rows)
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'


def make_docx(body: list[str], header: str = "", footer: str = "", footnote: str = "", comment: tuple = (),
              author: str = "", modified_by: str = "", extra_parts: dict[str, str] | None = None) -> bytes:
    """A .docx: body blocks (para(), table() …) and, when given, a header, a footer, a footnote, a comment
    (text, author), document properties, and extra parts nobody reads by name."""
    rels = ['<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>']
    overrides = []
    parts: dict[str, str] = {}
    sect = ""
    for kind, text in (("header", header), ("footer", footer)):
        if text:
            root = "hdr" if kind == "header" else "ftr"
            parts[f"word/{kind}1.xml"] = f'<w:{root} {W}>{para(runs_of(text))}</w:{root}>'
            rels.append(f'<Relationship Id="rId{kind}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        f'relationships/{kind}" Target="{kind}1.xml"/>')
            overrides.append(f'<Override PartName="/word/{kind}1.xml" ContentType="application/vnd.openxmlformats-'
                             f'officedocument.wordprocessingml.{kind}+xml"/>')
            sect += f'<w:{kind}Reference w:type="default" r:id="rId{kind}"/>'
    if footnote:
        parts["word/footnotes.xml"] = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
                                       '<w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">'
                                       f'{para(run(footnote))}</w:footnote></w:footnotes>')
        rels.append('<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/footnotes" Target="footnotes.xml"/>')
    if comment:
        text, who = comment
        parts["word/comments.xml"] = (f'<w:comments {W}><w:comment w:id="0" w:author={quoteattr(who)} '
                                      f'w:date="2024-01-01T00:00:00Z" w:initials="X">{para(run(text))}</w:comment>'
                                      '</w:comments>')
        rels.append('<Relationship Id="rIdCm" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/comments" Target="comments.xml"/>')
    parts["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
                                  + "".join(body) + f'<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/>'
                                  '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800"/></w:sectPr>'
                                  '</w:body></w:document>')
    parts["word/styles.xml"] = (f'<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="a">'
                                '<w:name w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:style>'
                                '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/></w:style></w:styles>')
    parts["word/_rels/document.xml.rels"] = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                            'relationships">' + "".join(rels) + "</Relationships>")
    parts["docProps/core.xml"] = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>通知</dc:title>'
        f'<dc:creator>{escape(author)}</dc:creator><cp:lastModifiedBy>{escape(modified_by)}</cp:lastModifiedBy>'
        '<cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
        '</cp:coreProperties>')
    parts["docProps/app.xml"] = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
                                 'properties"><Application>Microsoft Office Word</Application><TotalTime>12</TotalTime>'
                                 '<Pages>1</Pages><Words>15</Words><Characters>13812</Characters>'
                                 '<AppVersion>16.0000</AppVersion></Properties>')
    parts.update(extra_parts or {})
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        + "".join(overrides) + "</Types>")
    parts["_rels/.rels"] = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    return zip_of(parts, "[Content_Types].xml")


# ---- OpenDocument -------------------------------------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'office:version="1.3"')


def make_odf(kind: str, body: str, header: str = "", creator: str = "", automatic_styles: str = "") -> bytes:
    """An .odt (kind 'text'), .ods ('spreadsheet') or .odp ('presentation'): `body` inside office:<kind>."""
    mimetype = {"text": "application/vnd.oasis.opendocument.text",
                "spreadsheet": "application/vnd.oasis.opendocument.spreadsheet",
                "presentation": "application/vnd.oasis.opendocument.presentation"}[kind]
    fonts = ('<office:font-face-decls><style:font-face style:name="宋体" svg:font-family="宋体"/>'
             '</office:font-face-decls>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>{fonts}'
               f'<office:automatic-styles><style:style style:name="P1" style:family="paragraph">'
               f'<style:text-properties style:font-name="宋体" fo:font-size="12pt"/></style:style>{automatic_styles}'
               f'</office:automatic-styles><office:body><office:{kind}>{body}</office:{kind}></office:body>'
               '</office:document-content>')
    master = (f'<style:header><text:p>{escape(header)}</text:p></style:header>' if header else "")
    styles = (f'<office:document-styles {ODF_NS}>{fonts}<office:styles><style:style style:name="标题_20_1" '
              'style:display-name="标题 1" style:family="paragraph"/></office:styles><office:master-styles>'
              f'<style:master-page style:name="Standard" style:page-layout-name="pm1">{master}</style:master-page>'
              '</office:master-styles></office:document-styles>')
    meta = (f'<office:document-meta {ODF_NS}><office:meta><meta:generator>LibreOffice/7.6</meta:generator>'
            f'<meta:initial-creator>{escape(creator)}</meta:initial-creator><dc:title>名单</dc:title>'
            '<meta:creation-date>2024-01-01T00:00:00</meta:creation-date>'
            '<meta:document-statistic meta:page-count="1" meta:word-count="138"/></office:meta></office:document-meta>')
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                f'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return zip_of({"mimetype": mimetype, "content.xml": content, "styles.xml": styles, "meta.xml": meta,
                   "META-INF/manifest.xml": manifest}, "mimetype")


# ---- OFD ----------------------------------------------------------------------------------------------------

OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def text_object(x: float, y: float, codes: list[tuple[float, float, str]], size: float = 3.5) -> str:
    """A TextObject with its Boundary at (x, y), each code (X, Y, text) inside it."""
    inner = "".join(f'<ofd:TextCode X="{cx}" Y="{cy}" DeltaX="g {max(len(t) - 1, 0)} {size}">{escape(t)}</ofd:TextCode>'
                    for cx, cy, t in codes)
    return (f'<ofd:TextObject ID="9" Boundary="{x} {y} 150 10" Font="3" Size="{size}">'
            f'<ofd:FillColor Value="0 0 0"/>{inner}</ofd:TextObject>')


def make_ofd(pages: list[list[str]], author: str = "", annotation: str = "",
             attachment: tuple[str, bytes] | None = None) -> bytes:
    """An .ofd: each page a list of TextObject XML (text_object()); DocInfo's author; an annotation on page 1;
    an attached file (name, bytes)."""
    parts: dict[str, str | bytes] = {}
    parts["OFD.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {OFD_NS} Version="1.0" DocType="OFD">'
                        '<ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1c0a1e2b3c4d5e</ofd:DocID><ofd:Title>公示</ofd:Title>'
                        f'<ofd:Author>{escape(author)}</ofd:Author><ofd:CreationDate>2024-01-01</ofd:CreationDate>'
                        '<ofd:Creator>OFD Writer</ofd:Creator><ofd:CreatorVersion>1.0</ofd:CreatorVersion>'
                        '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    page_list = "".join(f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    extra = ""
    if annotation:
        extra += "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>"
        parts["Doc_0/Annots/Annotations.xml"] = (f'<ofd:Annotations {OFD_NS}><ofd:Page PageID="10"><ofd:FileLoc>'
                                                 'Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>')
        parts["Doc_0/Annots/Page_0/Annotation.xml"] = (
            f'<ofd:PageAnnot {OFD_NS}><ofd:Annot ID="30" Type="Stamp" Creator="Viewer" LastModDate="2024-01-01">'
            f'<ofd:Remark>{escape(annotation)}</ofd:Remark><ofd:Appearance Boundary="0 0 50 20"/></ofd:Annot>'
            '</ofd:PageAnnot>')
    if attachment:
        name, data = attachment
        extra += "<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>"
        parts["Doc_0/Attachs/Attachments.xml"] = (f'<ofd:Attachments {OFD_NS}><ofd:Attachment ID="40" '
                                                  f'Name={quoteattr(name)} Format="csv"><ofd:FileLoc>a1.bin'
                                                  '</ofd:FileLoc></ofd:Attachment></ofd:Attachments>')
        parts["Doc_0/Attachs/a1.bin"] = data
    parts["Doc_0/Document.xml"] = (
        f'<ofd:Document {OFD_NS}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>'
        '0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
        f'<ofd:Pages>{page_list}</ofd:Pages>{extra}</ofd:Document>')
    parts["Doc_0/PublicRes.xml"] = (f'<ofd:Res {OFD_NS} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="宋体" '
                                    'FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    for i, objects in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
            f'<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer ID="{20 + i}">{"".join(objects)}'
            '<ofd:PathObject ID="8" Boundary="20 20 170 0.5"><ofd:AbbreviatedData>M 0 0 L 170 0</ofd:AbbreviatedData>'
            '</ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>')
    return zip_of(parts)
