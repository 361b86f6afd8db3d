"""Every published file read as the public gets it: its text as lines and tables, with their places in words.

`read(data, name)` is the one entry: the output guard (output.py) calls it on every file of the build's output,
the input scan (personal/) on every attachment under content/. A file is either text with places, media that
holds no text the guard can read (images, fonts: `Extracted.media`), or Unreadable (a Chinese message saying
how to publish it): what cannot be read is not published.

.docx (python-docx): paragraphs and tables; .xlsx (openpyxl): every sheet as a table, every cell; .pdf (pypdf):
every page's lines, and runs of lines with the same number of fields as tables; .csv: a table. Legacy binary
formats (.doc, .xls, .wps, .et) and archives cannot be read here, so they cannot be checked: that is an error
with the fix (save as .docx/.xlsx/.pdf), never a file published unread.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

READABLE = {".docx", ".xlsx", ".pdf"}
UNREADABLE = {".doc": "Word 97-2003 文档", ".xls": "Excel 97-2003 工作簿", ".wps": "WPS 文字文档", ".et": "WPS 表格",
              ".rtf": "RTF 文档", ".zip": "压缩包", ".rar": "压缩包", ".7z": "压缩包"}
MAX_UNPACKED = 200 * 1024 * 1024  # a .docx/.xlsx is a zip: refuse one that unpacks to more (a zip bomb)


@dataclass(frozen=True)
class Cell:
    text: str
    line: int = 0  # line in a text file; 0 in an attachment (place says where)
    place: str = ""  # where in an attachment, in words: 工作表“名单”C3单元格, 第2页第5行 …


@dataclass
class Table:
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    text: str
    place: str  # where, in words: 第3行, 第2页第5行, 工作表“名单”C3单元格, 页眉 …
    line: int = 0  # the line in a text file (1-based): an output page's finding is mapped back by it


@dataclass
class Extracted:
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    media: str = ""  # a kind of file with no text to read (图片, 字体): published as it is


class Unreadable(Exception):
    """The attachment cannot be read: the message says why and what to do, in Chinese."""


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_text(value) -> str:
    """A spreadsheet value as an editor sees it: 13812345678, not 13812345678.0 or 1.38e10."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _check_zip(data: bytes, kind: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise Unreadable(f"{kind}解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，无法检查其中的个人信息；请检查文件是否正确")
    except zipfile.BadZipFile:
        raise Unreadable(f"文件已损坏或不是真正的{kind}（扩展名与内容不符），无法检查其中的个人信息；"
                         f"请用办公软件重新另存后再放入") from None


def read_xlsx(data: bytes) -> Extracted:
    import openpyxl

    _check_zip(data, "Excel 工作簿")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Unreadable(f"Excel 工作簿无法读取（{type(exc).__name__}），无法检查其中的个人信息；请用办公软件重新另存为 .xlsx") from None
    out = Extracted()
    try:
        for sheet in book.worksheets:
            rows = []
            for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                row = []
                for c, value in enumerate(values):
                    text = _cell_text(value).strip()
                    place = f"工作表“{sheet.title}”{_column_letters(c)}{r}单元格"
                    row.append(Cell(text, 0, place))
                    if text:
                        out.lines.append(Line(text, place))
                if any(cell.text for cell in row):
                    rows.append(row)
            if rows:
                out.tables.append(Table(rows[0], rows[1:]))
    finally:
        book.close()
    return out


def read_docx(data: bytes) -> Extracted:
    import docx

    _check_zip(data, "Word 文档")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise Unreadable(f"Word 文档无法读取（{type(exc).__name__}），无法检查其中的个人信息；请用办公软件重新另存为 .docx") from None
    out = Extracted()
    for number, paragraph in enumerate(document.paragraphs, start=1):
        if paragraph.text.strip():
            out.lines.append(Line(paragraph.text, f"第{number}段"))
    _docx_tables(out, document.tables, "")
    # 页眉页脚 are published too, every kind of them (the first page's and even pages' have their own), tables
    # included; a part linked to the previous section's has no text of its own.
    for section in document.sections:
        for part, name in ((section.header, "页眉"), (section.first_page_header, "首页页眉"),
                           (section.even_page_header, "偶数页页眉"), (section.footer, "页脚"),
                           (section.first_page_footer, "首页页脚"), (section.even_page_footer, "偶数页页脚")):
            if part.is_linked_to_previous:
                continue
            for paragraph in part.paragraphs:
                if paragraph.text.strip():
                    out.lines.append(Line(paragraph.text, name))
            _docx_tables(out, part.tables, name)
    return out


def _docx_tables(out: Extracted, tables, where: str) -> None:
    for t, table in enumerate(tables, start=1):
        rows = []
        for r, row in enumerate(table.rows, start=1):
            cells = []
            for c, cell in enumerate(row.cells, start=1):
                place = f"{where}表格{t}第{r}行第{c}列"
                cells.append(Cell(cell.text.strip(), 0, place))
                if cell.text.strip():
                    out.lines.append(Line(cell.text, place))
            rows.append(cells)
        if rows:
            out.tables.append(Table(rows[0], rows[1:]))


def read_pdf(data: bytes) -> Extracted:
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd but readable files are noise here
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("PDF 已加密，无法检查其中的个人信息；请放入未加密的 PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"PDF 无法读取（{type(exc).__name__}），无法检查其中的个人信息；请重新导出 PDF 后再放入") from None
    out = Extracted()
    for p, text in enumerate(pages, start=1):
        run: list[list[Cell]] = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            place = f"第{p}页第{n}行"
            out.lines.append(Line(line, place))
            fields = [Cell(f, 0, place) for f in re.split(r"\s+", line.strip())]
            if run and len(fields) != len(run[0]):
                if len(run) > 1:
                    out.tables.append(Table(run[0], run[1:]))
                run = []
            if len(fields) > 1:
                run.append(fields)
        if len(run) > 1:
            out.tables.append(Table(run[0], run[1:]))
    return out


def read_csv(text: str) -> Extracted:
    """A .csv file: its rows as a table (lines are scanned as text already)."""
    rows = []
    for r, values in enumerate(csv.reader(io.StringIO(text)), start=1):
        rows.append([Cell(v.strip(), r) for v in values])
    out = Extracted()
    if rows:
        out.tables.append(Table(rows[0], rows[1:]))
    return out


READERS = {".xlsx": read_xlsx, ".docx": read_docx, ".pdf": read_pdf}

TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".json", ".csv", ".txt", ".html", ".htm", ".xml", ".svg",
                 ".css", ".js", ".atom", ".rss", ".map", ".webmanifest"}
MEDIA = {".png": "图片", ".jpg": "图片", ".jpeg": "图片", ".gif": "图片", ".webp": "图片", ".ico": "图片", ".bmp": "图片",
         ".woff": "字体", ".woff2": "字体", ".ttf": "字体", ".otf": "字体", ".eot": "字体"}


def decode_text(data: bytes) -> str:
    """The text of a text file as its author saved it. Raises Unreadable when its encoding cannot be told."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("文件不是 UTF-8 编码，无法确定其编码，其中的个人信息无法检查；请用记事本等另存为 UTF-8 后再放入") from None


def read_text_lines(text: str) -> Extracted:
    return Extracted(lines=[Line(line, f"第{n}行", n) for n, line in enumerate(text.split("\n"), start=1)
                            if line.strip()])


def read(data: bytes, name: str) -> Extracted:
    """What the public gets out of one published file `name` (its path, for its kind and for messages)."""
    suffix = name[name.rfind("."):].lower() if "." in name.rsplit("/", 1)[-1] else ""
    if suffix in UNREADABLE:
        raise Unreadable(f"{UNREADABLE[suffix]}无法由程序读取，其中的个人信息无法检查；请另存为 .docx、.xlsx 或 PDF 后再放入")
    if suffix in READERS:
        return READERS[suffix](data)
    if suffix in MEDIA:
        return Extracted(media=MEDIA[suffix])
    if suffix in TEXT_SUFFIXES:
        text = decode_text(data)
        extracted = read_text_lines(text)
        if suffix == ".csv":
            extracted.tables = read_csv(text).tables
        return extracted
    raise Unreadable("这种格式的文件无法由程序读取，其中的个人信息无法检查；请转换为带文字层的 PDF 后再放入")
