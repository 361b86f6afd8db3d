"""Plain text files (.txt, .csv, .js, .css …): every line, and a CSV's rows as a table."""
from __future__ import annotations

import csv
import io

from .model import Cell, Extracted, Line, Table


def read_text_lines(text: str, first_line: int = 1) -> Extracted:
    return Extracted(lines=[Line(line, f"第{n}行", n) for n, line in enumerate(text.split("\n"), start=first_line)
                            if line.strip()])


def read_csv(text: str) -> Extracted:
    """A .csv file: its rows as a table, each cell with the line its row ends on (a quoted cell may hold line
    breaks). The lines are read as text too (read_text_lines)."""
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        for values in reader:
            rows.append([Cell(v.strip(), reader.line_num, f"第{reader.line_num}行") for v in values])
    except csv.Error:
        pass  # a malformed tail: its lines are still read as text
    out = Extracted()
    if rows:
        out.tables.append(Table(rows[0], rows[1:]))
    return out


def _dialect(text: str):
    """Comma, or the separator Excel used (a semicolon, a tab) when the first line holds no comma."""
    first = text.split("\n", 1)[0]
    if "," not in first:
        for separator in ("\t", ";", "|"):
            if separator in first:
                class Dialect(csv.excel):
                    delimiter = separator
                return Dialect
    return csv.excel
