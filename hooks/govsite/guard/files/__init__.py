"""Every published file read as the public gets it: its text as units with their places, and its tables.

`read(data, name)` is the one entry: the output guard calls it on every file of the build's output, the input
scan (personal/) on every attachment under content/ and data/. A file is either text with places, media that
holds no text the guard can read (images, fonts: `Extracted.media`), or Unreadable (a Chinese message saying
how to publish it): what cannot be read is not published.

What a file is comes from its bytes, not its name: a .pdf that is a zip is read as the office file it is, a
.docx that is a web page as HTML, a .png that is text as text; the name only tells text formats apart (.html,
.xml, .json, .csv …) and names the legacy format in a message. Each format's reader is its own module:
encoding.py (text in any encoding), html.py, xmlfile.py (feeds, sitemap, SVG, any XML), jsonfile.py, text.py
(plain text, CSV), contacts.py (vCard, iCalendar), mime.py (mail and web archives: .eml, .mht), ooxml.py (.docx,
.xlsx, .pptx), odf.py (.odt, .ods, .odp), ofd.py, pdf.py, media.py, with package.py (zip bounds) and parts.py
(the catch-all every package reader ends with). Gzip files are read as what they hold; the search index's
binary postings (searchindex.py) are checked to be only that.
"""
from __future__ import annotations

import gzip
import io
import re
import zlib

from .encoding import decode, decode_text
from .model import FRAGMENT, JOINED, LABEL, PERSON, TITLE, Cell, Extracted, Line, Table, Unreadable
from .text import read_csv, read_text_lines

__all__ = ["FRAGMENT", "JOINED", "LABEL", "PERSON", "TITLE",
           "Cell", "Extracted", "Line", "Table", "Unreadable", "read", "read_csv", "read_text_lines",
           "decode", "decode_text", "UNREADABLE", "MEDIA", "SOURCE_SUFFIXES"]

# Legacy binary formats (an OLE compound file) and archives: nothing here reads them, so they cannot be
# checked and are refused with the fix (save as .docx/.xlsx/.pdf), never published unread.
UNREADABLE = {".doc": "Word 97-2003 文档", ".xls": "Excel 97-2003 工作簿", ".ppt": "PowerPoint 97-2003 演示文稿",
              ".wps": "WPS 文字文档", ".et": "WPS 表格", ".dps": "WPS 演示文稿", ".rtf": "RTF 文档", ".zip": "压缩包",
              ".rar": "压缩包", ".7z": "压缩包", ".tar": "压缩包", ".bz2": "压缩包", ".xz": "压缩包", ".chm": "帮助文件",
              ".exe": "程序", ".msi": "程序", ".apk": "安装包"}
FIX = "请另存为 .docx、.xlsx 或带文字层的 PDF 后再放入"
# Kinds of media by name, for callers that only list files (their bytes decide when read).
MEDIA = {".png": "图片", ".jpg": "图片", ".jpeg": "图片", ".gif": "图片", ".webp": "图片", ".ico": "图片", ".bmp": "图片",
         ".avif": "图片", ".tif": "图片", ".tiff": "图片", ".woff": "字体", ".woff2": "字体", ".ttf": "字体",
         ".otf": "字体", ".eot": "字体", ".mp3": "音频", ".m4a": "音频", ".wav": "音频", ".ogg": "音频",
         ".mp4": "视频", ".webm": "视频", ".mov": "视频"}
# What the engine reads as its sources (the input scan reads these as text files, with their structure).
SOURCE_SUFFIXES = {".md", ".markdown", ".yml", ".yaml"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
XML_SUFFIXES = {".xml", ".rss", ".atom", ".svg", ".xsl", ".xslt", ".kml", ".gpx", ".opf", ".rdf", ".xsd"}
FLAT_ODF_SUFFIXES = {".fodt", ".fods", ".fodp", ".fodg"}  # OpenDocument as one XML file
JSON_SUFFIXES = {".json", ".webmanifest", ".map", ".geojson", ".jsonld"}
CSV_SUFFIXES = {".csv", ".tsv"}
CODE_SUFFIXES = {".js", ".mjs", ".css", ".map"}  # a site's code: "+abc" and "~{" are its syntax, not encodings
PACKAGE_KINDS = {".docx": "Word 文档", ".docm": "Word 文档", ".xlsx": "Excel 工作簿", ".xlsm": "Excel 工作簿",
                 ".pptx": "PowerPoint 演示文稿", ".ofd": "OFD 文件", ".odt": "OpenDocument 文档",
                 ".ods": "OpenDocument 表格", ".odp": "OpenDocument 演示文稿", ".pdf": "PDF 文件"}
OFFICE_SUFFIXES = {".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".odt", ".ods", ".odp"}
MAX_DEPTH = 3  # files inside files (an OFD's attachment, a PDF's, a gzip's content) read this deep
MAX_GUNZIPPED = 200 * 1024 * 1024
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|table[\s>])",
                              re.I | re.S)
_LOOKS_LIKE_XML = re.compile(rb"^\s*<\?xml[\s?]", re.I)


def suffix_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base[base.rfind("."):].lower() if "." in base else ""


def read(data: bytes, name: str, page=None) -> Extracted:
    """What the public gets out of one published file `name` (its path, for its kind and for messages). `page`:
    an html.PageParts, when `data` may be a page the build wrote (its links are read too; see PageParts)."""
    return _read(data, name, 0, page)


def _read(data: bytes, name: str, depth: int, page=None) -> Extracted:
    if depth > MAX_DEPTH:
        raise Unreadable("文件中嵌套的文件层数过多，其中的个人信息无法检查；请把内嵌的文件单独放入")
    suffix = suffix_of(name)
    head = data[:1024]
    if b"%PDF-" in head:
        from .pdf import read_pdf

        return read_pdf(data, lambda inner, inner_name: _read(inner, inner_name, depth + 1))
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _read_package(data, name, suffix, depth)
    if data[:4] == b"\xd0\xcf\x11\xe0":  # an OLE compound file (its signature goes on: a1 b1 1a e1)
        raise Unreadable(_ole_message(data, suffix))
    if data[:2] == b"\x1f\x8b":
        return _read_gzip(data, name, depth)
    if data[:5] == b"{\\rtf":
        raise Unreadable(f"RTF 文档无法由程序读取，其中的个人信息无法检查；{FIX}")
    if data[:6] in (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c") or data[:3] == b"BZh" or data[:6] == b"\xfd7zXZ\x00" \
            or data[257:262] == b"ustar":
        raise Unreadable(f"压缩包中的文件无法逐一检查个人信息；请解压后把其中的文件分别放入（{FIX[1:]}）")
    if data[:2] == b"MZ":
        raise Unreadable("程序文件不能作为附件发布")
    from .media import media_kind, read_media

    kind = media_kind(data)
    if kind:
        return read_media(data, kind)
    from .searchindex import search_index_kind

    if search_index_kind(name, data):
        return Extracted(media="搜索索引")
    from .mime import is_mime, read_mime

    # Also in the output guard, which reads every file as a possible page (`page`): a page the build writes
    # begins with its markup, never with a message's headers, so only a mail or web archive is read as one.
    if is_mime(data, suffix):
        return read_mime(data, lambda inner, inner_name: _read(inner, inner_name, depth + 1))
    extracted = _read_text(data, name, suffix, page)
    if b"data:" in data:
        _read_data_uris(extracted, data, depth)
    if suffix not in HTML_SUFFIXES | XML_SUFFIXES | JSON_SUFFIXES | CODE_SUFFIXES and data.isascii():
        _read_other_readings(extracted, data, name, depth)
    return extracted


# ASCII text may spell Chinese in a 7-bit encoding: HZ (~{…~}, old Usenet and mail), UTF-7 (+ZXBw-), or a whole
# file in a mail's transfer encoding (base64, quoted-printable =E7=8E=8B with soft line breaks), as a mail body or
# an export saved to a .txt. A reader's tool shows the Chinese; read as plain ASCII it is letters. Each such
# reading is read too, as the file it gives (base64 may hold any file).
_HZ = re.compile(rb"~\{[!-}]{2,}")
_UTF7 = re.compile(rb"\+[A-Za-z0-9/+]{3,}-?")
_BASE64 = re.compile(rb"[A-Za-z0-9+/]{16,}={0,2}")
_QUOTED_PRINTABLE = re.compile(rb"=[0-9A-F]{2}=[0-9A-F]{2}|=\r?\n")


def _read_other_readings(extracted: Extracted, data: bytes, name: str, depth: int) -> None:
    import base64
    import binascii
    import quopri

    readings = []  # (where, the bytes it gives, whether they are any file or text)
    if b"~{" in data and _HZ.search(data):
        readings.append(("按 HZ 编码读出的内容", _strict_text(data, "hz")))
    if b"+" in data and _UTF7.search(data):
        readings.append(("按 UTF-7 编码读出的内容", _strict_text(data, "utf-7")))
    compact = re.sub(rb"\s+", b"", data)
    if len(compact) % 4 == 0 and _BASE64.fullmatch(compact):
        try:
            readings.append(("按 base64 解码后的内容", base64.b64decode(compact, validate=True)))
        except (binascii.Error, ValueError):
            pass
    if b"=" in data and _QUOTED_PRINTABLE.search(data):
        readings.append(("按 quoted-printable 解码后的内容", quopri.decodestring(data)))
    for where, inner in readings:
        # Only a reading that gives other characters than ASCII spells anything the plain reading missed.
        if inner and not inner.isascii() or where.startswith("按 base64"):
            try:
                found = _read(inner, name, depth + 1)
            except Unreadable:
                continue  # not text in that encoding: the file is what it reads as plainly (a digest, a key)
            extracted.add(found, where)


def _strict_text(data: bytes, encoding: str) -> bytes:
    from .encoding import MIN_SCORE, plausibility

    try:
        text = data.decode(encoding)
        # Chinese read plausibly (UTF-7 gives characters of any bytes after a plus sign: a+b-c is not Chinese)
        return text.encode("utf-8") if any(ord(ch) > 0x2E80 for ch in text) and plausibility(text) >= MIN_SCORE \
            else b""
    except UnicodeError:  # not that encoding, or UTF-7 giving half a character (a surrogate alone)
        return b""


# A file written into an address (RFC 2397: data:[type][;base64],payload): a page's image, a stylesheet's icon,
# or a whole document pasted into a link by an editor's tool. What it holds is published with the page, so it is
# read as the file it is, at the line of its address; one that does not decode is text, already read as such.
_DATA_URI = re.compile(r"(?<![\w-])data:([\w.+-]+/[\w.+-]+)?((?:;[\w.+-]+=[\w.+\"-]+)*)(;base64)?,"
                       r"([^\"'\s()<>]{16,})", re.I)
_DATA_SUFFIX = {"text/html": ".html", "application/xhtml+xml": ".html", "image/svg+xml": ".svg",
                "application/json": ".json", "text/csv": ".csv", "text/css": ".css", "application/xml": ".xml",
                "text/xml": ".xml", "application/pdf": ".pdf", "application/msword": ".doc",
                "application/vnd.ms-excel": ".xls"}


def _read_data_uris(extracted: Extracted, data: bytes, depth: int) -> None:
    import base64
    import binascii
    from urllib.parse import unquote_to_bytes

    text = extracted.text or decode(data).text
    for match in _DATA_URI.finditer(text):
        media, _parameters, base64_coded, payload = match.groups()
        try:
            inner = base64.b64decode(unquote_to_bytes(payload), validate=True) if base64_coded \
                else unquote_to_bytes(payload)
        except (binascii.Error, ValueError):
            continue
        if not inner:
            continue
        line = text.count("\n", 0, match.start()) + 1
        found = _read(inner, "data" + _DATA_SUFFIX.get((media or "text/plain").lower(), ".txt"), depth + 1)
        extracted.add(found, f"第{line}行内嵌的文件（data: 地址）", line)


def _ole_message(data: bytes, suffix: str) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or suffix in (".docx", ".xlsx", ".pptx"):
        return "文件设置了打开密码（已加密），其中的个人信息无法检查；请去掉密码后另存再放入"
    what = UNREADABLE.get(suffix, "旧版 Office 文档")
    return f"{what}无法由程序读取，其中的个人信息无法检查；{FIX}"


def _read_package(data: bytes, name: str, suffix: str, depth: int) -> Extracted:
    from . import odf, ofd, ooxml
    from .package import Package

    package = Package(data, PACKAGE_KINDS.get(suffix, "文件"))
    embedded = lambda inner, inner_name: _read(inner, inner_name, depth + 1)
    office = ooxml.kind_of(package)
    if office:
        return ooxml.read_ooxml(package, office, embedded)
    if odf.kind_of(package):
        return odf.read_odf(package)
    if "OFD.xml" in package:
        return ofd.read_ofd(package, embedded)
    if suffix == ".epub" or ("mimetype" in package and package.read("mimetype").strip() == b"application/epub+zip"):
        # an e-book is a zip too, but "unzip it" is no help to its editor
        raise Unreadable(f"电子书（EPUB）中的个人信息无法逐一检查；请把内容写成网页，或{FIX[1:]}")
    raise Unreadable(f"压缩包中的文件无法逐一检查个人信息；请解压后把其中的文件分别放入（{FIX[1:]}）")


def _read_gzip(data: bytes, name: str, depth: int) -> Extracted:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            inner = packed.read(MAX_GUNZIPPED + 1)
    except (OSError, EOFError, zlib.error):
        raise Unreadable("gzip 压缩文件已损坏，其中的个人信息无法检查；请重新生成后再放入") from None
    if len(inner) > MAX_GUNZIPPED:
        raise Unreadable(f"gzip 压缩文件解压后超过 {MAX_GUNZIPPED // 1024 // 1024} MB（可能是“压缩炸弹”），"
                         "其中的个人信息无法检查")
    inner_name = name[:-3] if name.lower().endswith(".gz") else name[:-1] if name.lower().endswith(".svgz") else name
    if inner_name.lower().endswith(".svgz"):
        inner_name = inner_name[:-1]
    return _read(inner, inner_name, depth + 1)


def _read_text(data: bytes, name: str, suffix: str, page=None) -> Extracted:
    if suffix in HTML_SUFFIXES or (suffix not in XML_SUFFIXES | JSON_SUFFIXES and _LOOKS_LIKE_HTML.match(data[:4096])):
        from .html import declared_charset, read_html

        declared = declared_charset(data)
        text = None
        if page is not None and declared in ("utf-8", "utf8") and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe",
                                                                                      b"\xfe\xff")):
            text = _strict_utf8(data)  # as _decode_html reads it; its lines are the bytes' lines
        if text is None:
            text = _decode_html(data, declared)
            extracted = read_html(text)
        else:
            extracted = read_html(text, page=page, source=data)
        extracted.text = text
        return extracted
    text = decode(data).text
    if suffix in FLAT_ODF_SUFFIXES:
        from .odf import read_odf_root
        from .xmlfile import parse

        extracted = Extracted()
        read_odf_root(parse(data, "OpenDocument 文件"), extracted)
        return extracted
    if suffix in XML_SUFFIXES or (suffix in OFFICE_SUFFIXES | {""} and _LOOKS_LIKE_XML.match(data[:64])):
        from .xmlfile import read_xml

        extracted = read_xml(text)
        extracted.text = text
        return extracted
    if suffix in JSON_SUFFIXES:
        from .jsonfile import read_json
        from .searchindex import read_index_json

        index = read_index_json(name, text)
        return index if index is not None else read_json(text)
    if suffix in PACKAGE_KINDS:  # neither a package nor a web page: a damaged file, or not what its name says
        raise Unreadable(f"文件已损坏或不是真正的{PACKAGE_KINDS[suffix]}（扩展名与内容不符），无法检查其中的个人信息；"
                         "请用办公软件重新另存后再放入")
    if suffix in OFFICE_SUFFIXES:
        # A text file named as a legacy office file: systems export "Excel" as tab-separated text.
        extracted = read_text_lines(text)
        extracted.tables = read_csv(text).tables
        return extracted
    from .contacts import is_contacts, read_contacts

    if is_contacts(text, suffix):
        return read_contacts(text)
    extracted = read_text_lines(text)
    if suffix in CSV_SUFFIXES:
        extracted.tables = read_csv(text).tables
    if suffix == ".css":
        extracted.text = text  # for the check of what a stylesheet loads (guard/output.py)
    return extracted


def _strict_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_html(data: bytes, declared: str | None) -> str:
    """A page's text: its byte-order mark, else the encoding it declares when that reads it, else detected."""
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode({"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950"}.get(declared, declared))
        except (UnicodeDecodeError, LookupError):
            pass
    return decode(data).text
