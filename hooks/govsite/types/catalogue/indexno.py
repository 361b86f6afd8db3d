"""索引号: parsing the configured pattern and proposing the next free number.

A number is stored in each document's own data, so it travels with the document when files are
renamed, added, removed or reordered; nothing is ever computed from a document's position.
Numbers of items taken off the site stay reserved in data/xxgk/index-numbers.yml (已撤下), so
"the next free number" never hands out a number the public has already seen.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_PATTERN = "{统一社会信用代码}/{年份}-{流水号}"
SERIAL_DIGITS = 5
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
KNOWN = ("统一社会信用代码", "年份", "流水号")


class PatternError(ValueError):
    """The configured 索引号格式 is unusable; the message is Chinese."""


@dataclass(frozen=True)
class IndexPattern:
    template: str
    credit_code: str
    regex: re.Pattern

    def parse(self, number: str) -> tuple[int, int] | None:
        """(年份, 流水号) of a well-formed number, else None."""
        m = self.regex.fullmatch(number)
        if not m:
            return None
        return int(m.group("year")), int(m.group("serial"))

    def format(self, year: int, serial: int) -> str:
        return (self.template.replace("{统一社会信用代码}", self.credit_code)
                .replace("{年份}", f"{year:04d}").replace("{流水号}", f"{serial:0{SERIAL_DIGITS}d}"))

    def example(self) -> str:
        return self.format(2024, 3)


def compile_pattern(template: str, credit_code: str) -> IndexPattern:
    names = _PLACEHOLDER.findall(template)
    unknown = [n for n in names if n not in KNOWN]
    if unknown:
        raise PatternError(f"索引号格式中有未知的占位符 {{{unknown[0]}}}；可用 {{统一社会信用代码}} {{年份}} {{流水号}}")
    for required in ("年份", "流水号"):
        if names.count(required) != 1:
            raise PatternError(f"索引号格式中必须恰好出现一次 {{{required}}}")
    if "{" in _PLACEHOLDER.sub("", template) or "}" in _PLACEHOLDER.sub("", template):
        raise PatternError("索引号格式中的花括号不成对")
    parts = []
    pos = 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        if name == "统一社会信用代码":
            parts.append(re.escape(credit_code))
        elif name == "年份":
            parts.append(r"(?P<year>\d{4})")
        else:
            parts.append(rf"(?P<serial>\d{{{SERIAL_DIGITS}}})")
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return IndexPattern(template, credit_code, re.compile("".join(parts)))


def next_free(used: set[tuple[int, int]], year: int, count: int = 1) -> list[tuple[int, int]]:
    """The next `count` serials of `year` above every serial used or reserved in that year.

    Above the highest rather than the first gap: a gap may be a number that was published and withdrawn
    before the reservation list existed, and filling it would give the public two documents under one number.
    """
    top = max((serial for y, serial in used if y == year), default=0)
    return [(year, top + i) for i in range(1, count + 1)]
