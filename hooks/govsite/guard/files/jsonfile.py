"""JSON as published: every string (values, and keys that are not plain ASCII field names) and every long
number, each with its line and its path."""
from __future__ import annotations

import json
import operator
import re

from .model import PERSON, Cell, Extracted, Line, Table

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|\S')
_NEWLINE = re.compile(r"\n")
LONG_NUMBER = 6  # digits: a number this long may be a phone or an ID stored as a number
# A key that names the person of its record (姓名, 姓 名, 申请人姓名, 姓名（化名）): its value is one person's name, read
# as an author's field is (a two-character name too), as a YAML field or a table's column so headed is.
_NAME_KEY = re.compile(r"(?:姓[\s\u3000]*名|^[\s\u3000]*名[\s\u3000]*字)(?:[（(][^（）()]*[）)])?[\s\u3000:：]*$")
# Speed: such a key written in a JSON text (a search index's records hold 百姓 and 姓名 in their text, not as keys)
_NAME_KEY_WRITTEN = re.compile(r'"[^"\\]{0,12}姓[\s\u3000]*名[^"\\]{0,12}"\s*:|"[\s\u3000]*名[\s\u3000]*字[^"\\]{0,12}"\s*:')


def _path(stack: list) -> str:
    out = "$"
    for container in stack:
        key = container[1]
        if key is None:
            continue
        out += f"[{key}]" if isinstance(key, int) else f".{key}"
    return out


def read_json(text: str, first_line: int = 1) -> Extracted:
    """Each string of a JSON text as a unit (`first_line`: the line of the text's first character in its file,
    for JSON inside a page's <script>). A text that is not JSON is read line by line instead."""
    try:
        loaded = json.loads(text, object_pairs_hook=_Pairs, parse_int=_Number, parse_float=_Number,
                            parse_constant=_constant)
    except ValueError:
        from .text import read_text_lines

        return read_text_lines(text, first_line)
    except _NotPlain:
        loaded = None
    if loaded is not None:
        # Speed: the loaded value holds every string and number in the order they are written; only their lines
        # are read from the text (the search index's records and a page's configuration are on one line).
        out = Extracted()
        try:
            _walk(loaded, "$", _line_finder(text, first_line), out.lines)
            if _NAME_KEY_WRITTEN.search(text) is not None:
                out.tables += _tables(loaded, out.lines)
            return out
        except RecursionError:  # nested deeper than a walk can go: the token loop has no depth
            pass
    return _read_tokens(text, first_line)


_VALUE_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?')


def _line_finder(text: str, first_line: int):
    """A function giving the line of the next string or number of a valid JSON text, one call per token in
    order (outside strings, only numbers hold digits)."""
    body = text.strip(" \t\r\n")
    if "\n" not in body:
        line = first_line + text.count("\n", 0, text.find(body[:1]))
        return lambda: line
    tokens = _VALUE_TOKEN.finditer(text)
    state = [first_line, 0]  # line, where it was counted to

    def next_line() -> int:
        start = next(tokens).start()
        state[0] += text.count("\n", state[1], start)
        state[1] = start
        return state[0]

    return next_line


def _read_tokens(text: str, first_line: int) -> Extracted:
    """read_json of a valid JSON text, token by token."""
    out = Extracted()
    stack: list[list] = []  # open containers: [kind "{" or "[", current key or index]
    expect_key = False
    line, counted = first_line, 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        kind = token[0]
        if kind in "{[":
            stack.append([kind, 0 if kind == "[" else None])
            expect_key = kind == "{"
            continue
        if kind in "}]":
            stack.pop()
            continue
        if kind == ",":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
            expect_key = bool(stack) and stack[-1][0] == "{"
            continue
        if kind == ":":
            expect_key = False
            continue
        line += text.count("\n", counted, match.start())
        counted = match.start()
        if kind == '"':
            # the text is valid JSON (loaded above): a string without an escape is what lies between its quotes
            value = json.loads(token) if "\\" in token else token[1:-1]
            if expect_key:
                stack[-1][1] = value
                if value.isascii():
                    continue  # a field name, not data
            if value.strip():
                key = stack[-1][1] if stack and stack[-1][0] == "{" and not expect_key else None
                person = isinstance(key, str) and not key.isascii() and _NAME_KEY.search(key) is not None
                out.lines.append(Line(value, f"第{line}行（{_path(stack)}）", line, PERSON if person else ""))
        elif (kind == "-" or kind.isdigit()) and sum(ch.isdigit() for ch in token) >= LONG_NUMBER:
            value = token
            if "e" in token.lower() or "." in token:
                number = float(token)
                value = str(int(number)) if number.is_integer() and abs(number) < 1e21 else token
            out.lines.append(Line(value, f"第{line}行（{_path(stack)}）", line))
    return out


class _Pairs(list):
    """An object's (key, value) pairs in order, every key kept (a key written twice is read twice)."""


class _Number(str):
    """A number as written (json.loads' parse_int and parse_float hooks)."""


class _NotPlain(Exception):
    pass


def _constant(name: str):
    raise _NotPlain(name)  # NaN, Infinity: the token loop reads them as it always has


def _walk(node, path: str, line_of, lines: list) -> None:
    """What the token loop (_read_tokens) reads: keys that are not plain ASCII field names and non-blank strings,
    and long numbers, each with its path; `line_of()` gives each string's and number's line in turn."""
    if isinstance(node, _Pairs):
        for key, value in node:
            here = f"{path}.{key}"
            line = line_of()
            if not key.isascii() and key.strip():
                lines.append(Line(key, f"第{line}行（{here}）", line))
            if type(value) is str and not key.isascii() and _NAME_KEY.search(key):
                line = line_of()
                if value.strip():
                    lines.append(Line(value, f"第{line}行（{here}）", line, PERSON))
                continue
            _walk(value, here, line_of, lines)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _walk(value, f"{path}[{index}]", line_of, lines)
    elif isinstance(node, _Number):
        line = line_of()
        if sum(ch.isdigit() for ch in node) >= LONG_NUMBER:
            value = str(node)
            if "e" in value.lower() or "." in value:
                number = float(value)
                value = str(int(number)) if number.is_integer() and abs(number) < 1e21 else value
            lines.append(Line(value, f"第{line}行（{path}）", line))
    elif isinstance(node, str):
        line = line_of()
        if node.strip():
            lines.append(Line(node, f"第{line}行（{path}）", line))


def _tables(node, lines: list[Line]) -> list[Table]:
    """Lists of records (objects with the same keys: [{"姓名": …, "联系电话": …}, …]) as tables whose header is the
    keys, each cell at the place and line _walk gave its string; the table rules read their columns (names in a
    column of names, a person's telephone beside it)."""
    places = {}
    for line in lines:
        places.setdefault(line.place[line.place.index("（") + 1:-1] if "（" in line.place else "", line)
    found: list[Table] = []

    def visit(value, path: str) -> None:
        if isinstance(value, _Pairs):
            for key, item in value:
                visit(item, f"{path}.{key}")
        elif isinstance(value, list):
            records = [item for item in value if isinstance(item, _Pairs)]
            if len(records) == len(value) >= 1:
                keys = list(dict.fromkeys(key for record in records for key, _ in record))
                if any(not key.isascii() for key in keys):
                    rows = []
                    for index, record in enumerate(records):
                        values = dict(record)
                        row = []
                        for key in keys:
                            where = places.get(f"{path}[{index}].{key}")
                            text = values.get(key)
                            row.append(Cell(text if isinstance(text, str) else "", where.line if where else 0,
                                            where.place if where else f"{path}[{index}].{key}"))
                        rows.append(row)
                    found.append(Table([Cell(key) for key in keys], rows))
            for index, item in enumerate(value):
                visit(item, f"{path}[{index}]")

    visit(node, "$")
    return found


class _Constant(Exception):
    pass


def _refuse_constant(name: str):
    raise _Constant(name)


def plain_json(text: str) -> bool:
    """Whether read_json reads `text` through json.loads (valid JSON without NaN or Infinity)."""
    try:
        json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, _Constant, RecursionError):
        return False
    return True


def changed_units(before: bytes, after: bytes, after_text: str) -> list[Line] | None:
    """The units read_json could read on the lines of `after` that are not lines of `before` (a file rewritten
    with a few lines changed: make serve's api/catalogue.json after one title changed), or None when that cannot
    be told. Both must be valid UTF-8 JSON that read_json reads through json.loads (plain_json: the caller
    checks `after`; `before` was checked when it was written).

    Why the other lines need no reading: a string of valid JSON never spans a line, so every unit (a string, a
    long number) lies on one line and is read from its own characters alone; whether a string is a key (an ASCII
    key is not a unit) depends only on the next token, which for a string on an unchanged line lies on that line,
    further on in the unchanged end of the file, or — for the last string of the unchanged beginning — possibly in
    the changed part: that line is read again as well. Every string of the lines read is a unit here, keys
    included: more than read_json reads, never less. Only the path of a unit ($.items[3]) depends on the lines
    before it, and a caller that finds anything reads the whole file again."""
    old_lines, new_lines = before.split(b"\n"), after.split(b"\n")
    shortest = min(len(old_lines), len(new_lines))
    # The equal lines at the beginning and at the end, compared in C (map), not in a loop of Python: a catalogue
    # of 10,000 documents has some 300,000 lines, one or two of them changed by a save.
    equal = list(map(operator.eq, old_lines, new_lines)) + [False]
    start = equal.index(False)
    equal = list(map(operator.eq, reversed(old_lines[start:]), reversed(new_lines[start:]))) + [False]
    same_end = min(equal.index(False), shortest - start)
    text_lines = after_text.split("\n")
    if len(text_lines) != len(new_lines):
        return None
    wanted = list(range(start, len(new_lines) - same_end))
    if any(_NAME_KEY_WRITTEN.search(text_lines[i]) is not None for i in wanted):
        return None  # a record's name field, read as a person's (PERSON) and as a table's column: the whole file
    last = start - 1
    while last >= 0 and not text_lines[last].strip():
        last -= 1
    if last >= 0:
        wanted.insert(0, last)
    units: list[Line] = []
    for index in wanted:
        number = index + 1
        for match in _VALUE_TOKEN.finditer(text_lines[index]):
            token = match.group()
            if token[0] == '"':
                try:
                    value = json.loads(token) if "\\" in token else token[1:-1]
                except ValueError:
                    return None
                if value.strip():
                    units.append(Line(value, f"第{number}行", number))
            elif sum(ch.isdigit() for ch in token) >= LONG_NUMBER:
                value = token
                if "e" in token.lower() or "." in token:
                    parsed = float(token)
                    value = str(int(parsed)) if parsed.is_integer() and abs(parsed) < 1e21 else token
                units.append(Line(value, f"第{number}行", number))
    return units
