"""Personal-data guard: finds ID-card numbers, mobile numbers, bank card numbers and unmasked names.

A government site must not publish personal information by accident (个人信息保护法 第二十五条、
第三十四条、第三十五条). Every text file under data/ and content/ is scanned line by line, every file
name is scanned too (attachments are named by editors), and the values of name fields (姓名) in YAML
data and front matter, as well as the 姓名 column of Markdown tables, must be masked (张*明, 李*).

Rules, each reported with the file, the line and the rule's Chinese name:
- 身份证号码: 18 digits (the last may be X) with a real region, a real birth date and a valid GB 11643
  check digit; or the old 15-digit form with a real region and birth date.
- 手机号码: 11 digits beginning 13–19 (also written with +86, spaces or hyphens), unless the number is in
  data/site.yml `公开号码` (the bureau's published office and supervision numbers).
- 银行卡号: 16–19 digits (also in groups of four) passing the Luhn check.
- 未脱敏姓名: a name field or 姓名 column whose value is not masked, unless data/site.yml `公开姓名` lists it
  (names published by law, such as the bureau's leaders).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .problems import InputError
from .source import read_text, rel
from .yamlfile import Located, dotted, parse_yaml

RULE_ID = "身份证号码"
RULE_MOBILE = "手机号码"
RULE_BANK = "银行卡号"
RULE_NAME = "未脱敏姓名"

# Files read as text; anything else (PDF, Word, images) has only its name checked.
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".json", ".csv", ".txt", ".html", ".htm", ".xml", ".svg"}
YAML_SUFFIXES = {".yml", ".yaml"}

# Province-level region codes of GB/T 2260 (the first two digits of an ID number).
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# Digit runs not glued to other digits or Latin letters (a run inside a longer code is not a number).
_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])(\d{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:(?:\+|00)?86[ -]?)?(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?![0-9A-Za-z])")

# Keys whose values are people's names in a public list.
NAME_KEYS = ("姓名",)
# Speed (issue 9): parse a file only when 姓名 ends a key (`姓名:`, `"联系人姓名":`, `? 姓名` + newline + `:`) or
# a table header cell (`| 姓名 |`, `**姓名**|`), not whenever prose mentions 姓名 (law text often does).
_NAME_KEY_OR_COLUMN = re.compile(r"姓名[\s\"'*_]*[:|]")
# Masked: the surname (one or two characters), one or more asterisks, optionally one more character.
_MASKED_NAME = re.compile(r"^[\u3400-\u9fff]{1,2}[*＊×]+[\u3400-\u9fff]?$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int  # 0 when the file name itself is meant
    field: str
    rule: str
    shown: str  # the value, masked so the error message does not leak it again

    def message(self) -> str:
        where = "文件名" if self.line == 0 else "此处"
        if self.rule == RULE_NAME:
            return (f"{where}疑似公开了个人信息（规则：{RULE_NAME}）：“{self.shown}”。"
                    f"公开名单中的姓名须去标识化，只保留姓和最后一个字，如“张*明”“李*”")
        hints = {
            RULE_ID: "身份证号码不得公开；如确需展示，请写成“41**************12”的形式",
            RULE_MOBILE: ("个人手机号码不得公开，请写成“138****1234”的形式；"
                          "如这是单位公开的办公或监督电话，请把它加入 data/site.yml 的“公开号码”"),
            RULE_BANK: "银行卡号不得公开；如确需展示，请只保留末四位，如“**** 1234”",
        }
        return f"{where}疑似公开了个人信息（规则：{self.rule}）：{self.shown}。{hints[self.rule]}"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _birth_date_ok(year: int, month: int, day: int) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date(2100, 1, 1)


def id18_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def is_id18(value: str) -> bool:
    """A plausible 18-digit 居民身份证号码 (GB 11643-1999): region, birth date and check digit."""
    if not re.fullmatch(r"\d{17}[\dXx]", value):
        return False
    if int(value[:2]) not in PROVINCES:
        return False
    if not _birth_date_ok(int(value[6:10]), int(value[10:12]), int(value[12:14])):
        return False
    return id18_check_digit(value[:17]) == value[17].upper()


def is_id15(value: str) -> bool:
    """The old 15-digit form (no check digit): region and a 19YYMMDD birth date."""
    if not re.fullmatch(r"\d{15}", value):
        return False
    # Born 1910 or later: old 15-digit business registration numbers (region + 000…) read as born 1900.
    return (int(value[:2]) in PROVINCES and int(value[6:8]) >= 10
            and _birth_date_ok(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12])))


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# First digits of cards issued in China and abroad (银联 62/60, 9558 …, Visa 4, Mastercard 5, JCB 3). Serial
# numbers of documents usually start with a year (2…), and one in ten of them would pass the Luhn check.
CARD_FIRST_DIGITS = "34569"


def is_bank_card(value: str) -> bool:
    digits = _digits(value)
    return (16 <= len(digits) <= 19 and digits[0] in CARD_FIRST_DIGITS and len(set(digits)) > 1
            and luhn_ok(digits))


def mask_number(value: str) -> str:
    digits = re.sub(r"[^0-9Xx]", "", value)
    keep = 3 if len(digits) > 8 else 1
    return digits[:keep] + "*" * (len(digits) - keep - 2) + digits[-2:]


def is_masked_name(value: str) -> bool:
    return bool(_MASKED_NAME.match(value.strip()))


def mask_name(value: str) -> str:
    value = value.strip()
    return value[:1] + "*" * max(len(value) - 1, 1)


def scan_line(text: str, allowed_numbers: set[str]) -> Iterator[tuple[str, str]]:
    """(rule, masked value) for every personal number in one line of text."""
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for match in _ID18.finditer(text):
        if is_id18(match.group(1)):
            taken.append(match.span(1))
            yield RULE_ID, mask_number(match.group(1))
    for match in _ID15.finditer(text):
        if free(match.span(1)) and is_id15(match.group(1)):
            taken.append(match.span(1))
            yield RULE_ID, mask_number(match.group(1))
    for match in _MOBILE.finditer(text):
        number = _digits(match.group(1))
        if free(match.span(1)) and number not in allowed_numbers:
            taken.append(match.span(1))
            yield RULE_MOBILE, number[:3] + "****" + number[-4:]
    for match in _CARD.finditer(text):
        if free(match.span(1)) and is_bank_card(match.group(1)):
            taken.append(match.span(1))
            yield RULE_BANK, mask_number(match.group(1))


def _name_fields(data, path=()) -> Iterator[tuple[tuple, str]]:
    """(path, value) of every name field in loaded YAML data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in NAME_KEYS or (isinstance(key, str) and key.endswith("姓名")):
                if isinstance(value, str):
                    yield path + (key,), value
                elif isinstance(value, list):
                    for i, item in enumerate(value):
                        if isinstance(item, str):
                            yield path + (key, i), item
            else:
                yield from _name_fields(value, path + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _name_fields(item, path + (i,))


def _scan_names(located: Located, file: str, public_names: frozenset[str]) -> Iterator[Finding]:
    for path, value in _name_fields(located.data):
        if value.strip() and not is_masked_name(value) and value.strip() not in public_names:
            yield Finding(file, located.line_of(path), dotted(path), RULE_NAME, mask_name(value))


def _cells(line: str) -> list[str]:
    match = _TABLE_ROW.match(line)
    if not match:
        return []
    return [c.strip() for c in re.split(r"(?<!\\)\|", match.group(1))]


def _scan_markdown_tables(lines: list[str], first_line: int, file: str, public_names: frozenset[str]) -> Iterator[Finding]:
    """Markdown tables whose header has a 姓名 column: every cell of that column must be masked."""
    i = 0
    while i + 1 < len(lines):
        header = _cells(lines[i])
        if header and _TABLE_RULE.match(lines[i + 1]):
            columns = [j for j, cell in enumerate(header) if cell.strip("*_ ") in NAME_KEYS or cell.endswith("姓名")]
            j = i + 2
            while j < len(lines) and _cells(lines[j]):
                row = _cells(lines[j])
                for col in columns:
                    if col < len(row) and row[col] and not is_masked_name(row[col]) and row[col] not in public_names:
                        yield Finding(file, first_line + j, header[col], RULE_NAME, mask_name(row[col]))
                j += 1
            i = j
        else:
            i += 1


def _entries(settings: dict, key: str, field: str) -> list[str]:
    """String values of `field` in the list `key` of data/site.yml; an invalid file is reported elsewhere."""
    entries = settings.get(key) if isinstance(settings, dict) else None
    if not isinstance(entries, list):
        return []
    return [e[field] for e in entries if isinstance(e, dict) and isinstance(e.get(field), str)]


def allowed_numbers(settings: dict) -> set[str]:
    return {_digits(number) for number in _entries(settings, "公开号码", "号码")}


def allowed_names(settings: dict) -> frozenset[str]:
    """Names published by law (the bureau's leaders), from data/site.yml 公开姓名."""
    return frozenset(name.strip() for name in _entries(settings, "公开姓名", "姓名"))


def scan_text(text: str, file: str, allowed: set[str], public_names: frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding in one file's text (numbers on each line; name fields and 姓名 columns)."""
    findings = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for rule, shown in scan_line(line, allowed):
            findings.append(Finding(file, number, "", rule, shown))
    suffix = Path(file).suffix.lower()
    if not _NAME_KEY_OR_COLUMN.search(text):
        return findings  # no name field or column anywhere: skip parsing (YAML parsing is the slow part)
    if suffix in YAML_SUFFIXES:
        try:
            findings.extend(_scan_names(parse_yaml(text, file), file, public_names))
        except InputError:
            pass  # syntax errors are reported by the loader of that file
    elif suffix in (".md", ".markdown"):
        body_start = 0
        try:
            located, _body, body_line = frontmatter.split(text, file)
            findings.extend(_scan_names(located, file, public_names))
            body_start = body_line - 1
        except InputError:
            pass
        findings.extend(_scan_markdown_tables(lines[body_start:], body_start + 1, file, public_names))
    return findings


def scan_file_name(file: str, allowed: set[str]) -> list[Finding]:
    return [Finding(file, 0, "", rule, shown) for rule, shown in scan_line(Path(file).name, allowed)]


def files_to_scan(root: Path, folders: Iterable[str] = ("data", "content")) -> Iterator[Path]:
    for folder in folders:
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
                    yield path


def scan_tree(root: Path, allowed: set[str], folders: Iterable[str] = ("data", "content"),
              public_names: frozenset[str] = frozenset(), read=read_text) -> list[Finding]:
    """Scan every file (name and, for text files, content) under the given folders of the repository.
    `read(path, root)` is source.read_text or, under `mkdocs serve`, the load's shared reader."""
    global _SCAN_CACHE
    findings: list[Finding] = []
    allow_key, kept = (frozenset(allowed), public_names), {}
    for path in files_to_scan(root, folders):
        file = rel(path, root)
        findings.extend(scan_file_name(file, allowed))
        if path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        try:
            text = read(path, root)
        except InputError:
            continue  # unreadable files are reported where they are loaded
        key = (file, hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest(), allow_key)
        found = _SCAN_CACHE.get(key)
        if found is None:
            found = tuple(scan_text(text, file, allowed, public_names))
        kept[key] = found
        findings.extend(found)
    _SCAN_CACHE = kept  # only files that still exist, as they are now
    return sorted(set(findings))


# Speed (issue 9, bench/): findings per file, kept across `mkdocs serve` rebuilds (the hook module stays
# loaded). scan_text depends only on the text, the file name and the allow-lists, which make up the key, so
# an unchanged file is not scanned again; any change of its text scans it again.
_SCAN_CACHE: dict = {}
