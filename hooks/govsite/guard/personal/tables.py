"""Tables wherever they are written (Markdown, HTML, YAML lists, spreadsheets, Word, PDF) and the name rules
that apply to their columns."""
from __future__ import annotations

import html.parser
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...traditional import simplified, traditional_characters
from ..files import Cell, Table
from .names import (
    header_kind,
    is_dotted_name,
    is_form_name,
    is_masked_name,
    is_name_value,
    is_place_header,
    looks_like_name,
    name_shaped,
    normalise_header,
    short_name_of_one,
)


def unlisted_name(text: str) -> bool:
    """A cell under a header of people that is a name with a surname outside the list (琚凤英, 仵浩宇): three
    characters read as prose.py reads them beside a strong cue."""
    from . import prose

    text = text.strip()
    return len(text) == 3 and prose._unlisted_shape(text, 0, 0) and not prose.not_a_person(text)


@dataclass(frozen=True)
class NameHit:
    cell: Cell
    header: str  # the column's header as written ('' when none)
    by_column: bool  # found because the column looks like a list of names, not by its header


def _column(table: Table, index: int) -> list[Cell]:
    return [row[index] for row in table.rows if index < len(row) and row[index].text.strip()]


def scan_table(table: Table, public_names: frozenset[str]) -> Iterator[NameHit]:
    """_scan_table, for a table in traditional characters too (聯繫人 | 陳華): its headers and values are read in
    simplified characters, as the header words and surnames are written, and each hit given as written."""
    cells = [*table.header, *(cell for row in table.rows for cell in row)]
    traditional = traditional_characters()
    if not any(traditional.search(cell.text) for cell in cells):
        yield from _scan_table(table, public_names)
        return
    written: dict[int, Cell] = {}

    def folded(cell: Cell) -> Cell:
        copy = Cell(simplified(cell.text), cell.line, cell.place)
        written[id(copy)] = cell
        return copy

    as_simplified = Table([folded(c) for c in table.header], [[folded(c) for c in row] for row in table.rows])
    headers = {simplified(c.text.strip()): c.text.strip() for c in cells}
    for hit in _scan_table(as_simplified, public_names):
        yield NameHit(written[id(hit.cell)], headers.get(hit.header, hit.header), hit.by_column)


def _scan_table(table: Table, public_names: frozenset[str]) -> Iterator[NameHit]:
    """Unmasked names in a table: under a name header (姓 名, 名字, 姓名（化名） …) every value must be masked;
    under a header of people (人员, 对象, 申请人, 退役士兵 …) values that look like names, in a table of one row
    too; and in any column whose cells are mostly names, masked or not (at least two), the unmasked ones. A
    column of places (所在村, 所在镇（街道）) holds no names."""
    rows = [table.header] + table.rows
    # A form (姓名 | ____ | 退役时间 | ____): labels beside their value boxes, some of them empty. Its columns are
    # not lists, so only the box beside each label is read; a filled-in box under 姓名 is a name.
    form = any(header_kind(label.text) and not value.text.strip() for row in rows for label, value in zip(row, row[1:]))
    for row in rows:
        for label, value in zip(row, row[1:]):
            kind = header_kind(label.text)
            text = value.text.strip()
            if not kind or not text or text == label.text.strip() or header_kind(text) or text in public_names:
                continue
            if (form and kind == "name" and is_form_name(text)) or looks_like_name(text) \
                    or short_name_of_one(label.text, text):
                yield NameHit(value, label.text.strip(), False)
    if form:
        return
    yield from _split_names(table, public_names)
    width = max([len(table.header)] + [len(row) for row in table.rows])
    for index in range(width):
        header = table.header[index].text.strip() if index < len(table.header) else ""
        if is_place_header(header):
            continue  # 所在村, 所在镇（街道）: villages named after families (张庄村, 王楼) are places
        cells = [c for c in _column(table, index) if c.text.strip() not in public_names]
        kind = header_kind(header)
        if kind == "name":
            hits = [c for c in cells if is_name_value(c.text)]
        elif kind == "people":
            hits = [c for c in cells if looks_like_name(c.text) or is_dotted_name(c.text) or unlisted_name(c.text)
                    or short_name_of_one(header, c.text)]
        else:
            masked = sum(1 for c in cells if is_masked_name(c.text))
            shaped = [c for c in cells if name_shaped(c.text)]
            if masked + len(shaped) < 2:
                continue  # too few candidates to call it a list of names (and jieba stays unloaded)
            named = [c for c in shaped if looks_like_name(c.text)]
            if masked + len(named) < 2 or 2 * (masked + len(named)) < len(cells):
                continue
            hits = named
        for cell in hits:
            yield NameHit(cell, header, kind == "")


# A name split over two columns, a surname's and a given name's (姓 | 名, 姓氏 | 名字): each alone is no name, the
# row shows one.
_SURNAME_HEADER = re.compile(r"姓氏?")
_GIVEN_HEADER = re.compile(r"名字?")


# A column of telephone numbers, and the headers that say the number is an office's (咨询电话, 办公电话).
_PHONE_HEADER = re.compile(r"电话|联系方式|固话|座机")
_OFFICE_PHONE_HEADER = re.compile(r"办公|单位|咨询|监督|举报|投诉|服务|值班|热线|机构|部门")


def phone_cells_of_people(table: Table) -> Iterator[tuple[Cell, str]]:
    """(cell, header) of a telephone column in a list of people: a table with a column headed 姓名 (masked or
    not) lists persons, and a 联系电话 beside each is that person's own line, a landline too. Office numbers
    stand in tables of offices (单位 | 联系人 | 电话), whose people column is no 姓名."""
    headers = [normalise_header(cell.text) for cell in table.header]
    if not any("电话" in h or "联系方式" in h or "固话" in h or "座机" in h for h in headers):
        return
    if not any(header_kind(cell.text) == "name" for cell in table.header):
        return
    for index, header in enumerate(headers):
        if _PHONE_HEADER.search(header) and not _OFFICE_PHONE_HEADER.search(header):
            for cell in _column(table, index):
                yield cell, table.header[index].text.strip()


def is_split_header(header: str) -> bool:
    """Whether a hit's header names the two columns of a split name (_split_names)."""
    first, _, second = header.partition("、")
    return bool(_SURNAME_HEADER.fullmatch(first) and _GIVEN_HEADER.fullmatch(second))


def _split_names(table: Table, public_names: frozenset[str]) -> Iterator[NameHit]:
    headers = [re.sub(r"[\s\u3000*_]", "", cell.text) for cell in table.header]
    for index, (first, second) in enumerate(zip(headers, headers[1:])):
        if not (_SURNAME_HEADER.fullmatch(first) and _GIVEN_HEADER.fullmatch(second)):
            continue
        for row in table.rows:
            if index + 1 >= len(row):
                continue
            surname, given = row[index].text.strip(), row[index + 1].text.strip()
            name = surname + given
            if surname and given and len(name) <= 6 and name not in public_names and not is_masked_name(name) \
                    and "*" not in given and is_name_value(name):
                yield NameHit(Cell(name, row[index].line, row[index].place), f"{first}、{second}", False)


# ---- Markdown tables ------------------------------------------------------------------------------------

_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _cells(line: str) -> list[str]:
    match = _TABLE_ROW.match(line)
    if not match:
        return []
    return [c.strip() for c in re.split(r"(?<!\\)\|", match.group(1))]


def markdown_tables(lines: list[str], first_line: int = 1) -> Iterator[Table]:
    """Pipe tables (a header row, a rule row, body rows) in lines numbered from first_line."""
    i = 0
    while i + 1 < len(lines):
        header = _cells(lines[i])
        if header and _TABLE_RULE.match(lines[i + 1]):
            table = Table([Cell(text, first_line + i) for text in header])
            j = i + 2
            while j < len(lines) and _cells(lines[j]):
                table.rows.append([Cell(text, first_line + j) for text in _cells(lines[j])])
                j += 1
            yield table
            i = j
        else:
            i += 1


# ---- HTML tables ------------------------------------------------------------------------------------------

class _TableParser(html.parser.HTMLParser):
    """Collects <table>s: each row's cells with the line where the cell starts; nested tables are their own."""

    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.tables: list[list[list[Cell]]] = []
        self._stack: list[dict] = []  # open tables: rows, current row, current cell text and its line

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append({"rows": [], "row": None, "cell": None, "line": 0})
        elif not self._stack:
            return
        elif tag == "tr":
            self._end_row()
            self._stack[-1]["row"] = []
        elif tag in ("td", "th"):
            top = self._stack[-1]
            self._end_cell()
            if top["row"] is None:
                top["row"] = []
            top["cell"], top["line"] = [], self.first_line + self.getpos()[0] - 1
        elif tag == "br" and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"].append(" ")

    def handle_endtag(self, tag):
        if not self._stack:
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            top = self._stack.pop()
            self.tables.append(top["rows"])

    def handle_data(self, data):
        if self._stack and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"].append(data)

    def _end_cell(self):
        top = self._stack[-1]
        if top["cell"] is not None:
            if top["row"] is None:
                top["row"] = []
            top["row"].append(Cell(re.sub(r"[ \t\r\n]+", " ", "".join(top["cell"])).strip(), top["line"]))
            top["cell"] = None

    def _end_row(self):
        self._end_cell()
        top = self._stack[-1]
        if top["row"]:
            top["rows"].append(top["row"])
        top["row"] = None


def html_tables(text: str, first_line: int = 1) -> Iterator[Table]:
    """<table>s in HTML or in Markdown with raw HTML; the first row is the header."""
    if "<table" not in text.lower():
        return
    parser = _TableParser(first_line)
    parser.feed(text)
    parser.close()
    for rows in parser.tables:
        if rows:
            yield Table(rows[0], rows[1:])


# ---- YAML lists of mappings ------------------------------------------------------------------------------

def yaml_tables(data, line_of, path=()) -> Iterator[tuple[tuple, Table]]:
    """Every list of mappings in loaded YAML as a table: the keys are the columns."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from yaml_tables(value, line_of, path + (key,))
    elif isinstance(data, list):
        items = [item for item in data if isinstance(item, dict)]
        if items:
            keys: list[str] = []
            for item in items:
                keys.extend(k for k in item if k not in keys)
            table = Table([Cell(str(k)) for k in keys])
            for i, item in enumerate(data):
                if isinstance(item, dict):
                    table.rows.append([Cell(item[k], line_of(path + (i, k)), place=_dotted(path + (i, k)))
                                       if isinstance(item.get(k), str) else Cell("") for k in keys])
            yield path, table
        for i, item in enumerate(data):
            yield from yaml_tables(item, line_of, path + (i,))


def _dotted(path: tuple) -> str:
    from ...yamlfile import dotted

    return dotted(path)
