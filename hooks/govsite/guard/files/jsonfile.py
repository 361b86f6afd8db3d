"""JSON as published: every string (values, and keys that are not plain ASCII field names) and every long
number, each with its line and its path."""
from __future__ import annotations

import json
import re

from .model import Extracted, Line

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|\S')
_NEWLINE = re.compile(r"\n")
LONG_NUMBER = 6  # digits: a number this long may be a phone or an ID stored as a number


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
        json.loads(text)
    except ValueError:
        from .text import read_text_lines

        return read_text_lines(text, first_line)
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
                out.lines.append(Line(value, f"第{line}行（{_path(stack)}）", line))
        elif (kind == "-" or kind.isdigit()) and sum(ch.isdigit() for ch in token) >= LONG_NUMBER:
            value = token
            if "e" in token.lower() or "." in token:
                number = float(token)
                value = str(int(number)) if number.is_integer() and abs(number) < 1e21 else token
            out.lines.append(Line(value, f"第{line}行（{_path(stack)}）", line))
    return out
