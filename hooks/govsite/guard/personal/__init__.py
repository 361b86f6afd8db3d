"""Personal-data guard: finds ID-card numbers, mobile numbers, bank card numbers and unmasked names.

A government site must not publish personal information by accident (个人信息保护法 第二十五条、
第三十四条、第三十五条). Every file under data/ and content/ is scanned: text files line by line, attachments
(.docx, .xlsx, .pdf, .csv, .txt) through the libraries that read them (attachments.py), and every file name
(attachments are named by editors). A finding names the file, and the line, or in an attachment the sheet and
cell, page and line, paragraph or table cell.

Rules, each reported with its Chinese name:
- 身份证号码: 18 digits (the last may be X) with a real region, a real birth date and a valid GB 11643
  check digit, whole or typed in groups (410105 19900101 1233); or the old 15-digit form, unbroken, with a
  real region and birth date. Numbers in 全角 digits are read as the ordinary ones.
- 手机号码: 11 digits beginning 13–19 (also written with +86, spaces or hyphens), unless the number is in
  data/site.yml `公开号码` (the bureau's published office and supervision numbers).
- 银行卡号: 16–19 digits (also in groups of four) passing the Luhn check.
- 未脱敏姓名 (names.py, tables.py, prose.py): an unmasked value under a name field or column (姓名, 姓 名,
  名字, 姓名（化名） …, in YAML, Markdown and HTML tables, spreadsheets, Word tables), a name-like value under a
  field of people (人员, 对象, 退役士兵 …, a table of one row too), the unmasked names in any column that is
  mostly names, masked or not, whatever its header, and names in running text (prose.py: lists joined by 、,
  王建华同志, 联系人 王建华, a name beside a telephone number, 王建华，男，…). Names published by law
  (data/site.yml `公开姓名`) and public figures (public_figures.txt) are allowed.
- 家庭住址 (addresses.py): an address below the township (a road and house number, building, entrance and
  room, a village's group, 门牌号, a residence label followed by a village or a street), unless it is one the
  bureau publishes (data/site.yml `地址`, `政府信息公开.地址`, `公开地址`).

Fields that are never published (govsite/internal.py: review records) are not read.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ... import frontmatter
from ...internal import INTERNAL_FIELDS, internal_lines
from ...problems import InputError
from ...source import read_text, rel
from ...traditional import simplified, traditional_characters
from ...yamlfile import Located, dotted, parse_yaml
from .. import files as attachments
from .. import known_clean
from . import prose
from .addresses import PublicAddresses, address_spans, mask_address, maybe_address
from .escapes import has_escapes, markdown_shown, unescaped, without_inline_markup
from .names import (
    NAME_HEADERS,
    NOT_PEOPLE,
    PEOPLE_HEADERS,
    TITLES,
    header_kind,
    is_masked_name,
    is_name_value,
    is_ordinary_word,
    looks_like_name,
    mask_name,
    name_shaped,
    normalise_header,
    surname_of,
)
from .pinyin import pinyin_names
from .tables import (
    Cell,
    NameHit,
    Table,
    html_tables,
    is_split_header,
    markdown_tables,
    phone_cells_of_people,
    scan_table,
    yaml_tables,
)

__all__ = ["Finding", "RULE_ID", "RULE_MOBILE", "RULE_BANK", "RULE_NAME", "RULE_ADDRESS", "RULE_HOME_PHONE", "RULE_LOCATION",
           "scan_line", "scan_text",
           "scan_tree", "scan_file_name", "scan_attachment", "allowed_numbers", "allowed_names",
           "allowed_addresses", "is_id18", "is_id15",
           "is_bank_card", "luhn_ok", "is_masked_name", "mask_number", "mask_name", "read_text"]

RULE_ID = "身份证号码"
RULE_MOBILE = "手机号码"
RULE_BANK = "银行卡号"
RULE_NAME = "未脱敏姓名"
RULE_ADDRESS = "家庭住址"
RULE_HOME_PHONE = "个人固定电话"
RULE_LOCATION = "拍摄位置"  # a photo's GPS coordinates: where it was taken, a home when taken at home
NO_ADDRESSES = PublicAddresses()

# Files read as text; attachments are read by their libraries; anything else (images) has only its name checked.
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".json", ".csv", ".txt", ".html", ".htm", ".xml", ".svg"}
YAML_SUFFIXES = {".yml", ".yaml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024

# Province-level region codes of GB/T 2260 (the first two digits of an ID number).
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# Digit runs not glued to other digits or Latin letters (a run inside a longer code is not a number), unless the
# letters are the number's own label glued to it (ID410105…, No.410105…: a form's field printed without a space).
_ID_LABEL = r"(?<=ID)|(?<=Id)|(?<=id)|(?<=No)|(?<=NO)|(?<=No\.)|(?<=NO\.)"
_ID18 = re.compile(rf"(?:(?<![0-9A-Za-z])|{_ID_LABEL})(\d{{17}}[\dXx])(?![0-9A-Za-z])")
_ID15 = re.compile(rf"(?:(?<![0-9A-Za-z])|{_ID_LABEL})(\d{{15}})(?![0-9A-Za-z])")
_ID_AND_TWO = re.compile(rf"(?:(?<![0-9A-Za-z])|{_ID_LABEL})(\d{{17}}[\dXx]\d{{2}})(?![0-9A-Za-z])")
# Glued to the Latin word that labels it (Tel13812345678, TEL:…, Mobile13812345678): a number there is the label's.
_PHONE_LABEL = r"(?<=Tel)|(?<=TEL)|(?<=tel)|(?<=Mob)|(?<=MOB)|(?<=mob)|(?<=Mobile)|(?<=Phone)|(?<=PHONE)|(?<=phone)"
# Three, four and four digits: joined, or split by a space (one or two) or a hyphen, or by the same dot, underscore,
# slash or tilde twice (138.1234.5678, 138/1234/5678, 138~1234~5678), or after its first three in brackets; one dot
# alone is not enough (a longitude, 131.12345678, is a number too), nor 、 (figures listed: 分别为150、2300、4500人),
# which a telephone's label may still put before one (_MOBILE_ANY_GROUPS). Dots, dashes and spaces of other widths
# are folded to these first (_FOLD_NUMBERS).
_SPACE_OR_HYPHEN = r"(?: {1,2}|-)"
_MOBILE = re.compile(rf"(?:(?<![0-9A-Za-z])|{_PHONE_LABEL})(?:(?:\+|00)?86[ -]?)?"
                     rf"(1[3-9]\d{_SPACE_OR_HYPHEN}?\d{{4}}{_SPACE_OR_HYPHEN}?\d{{4}}|1[3-9]\d([._/~])\d{{4}}\2\d{{4}}"
                     # the first three digits in brackets, as an area code is written: (138)1234 5678
                     rf"|[(（]1[3-9]\d[)）] ?\d{{4}}{_SPACE_OR_HYPHEN}?\d{{4}})"
                     r"(?![0-9A-Za-z])")
# An ID number in its three parts (region, birth date, sequence and check) split by dots, underscores or slashes
# the same way twice (410105.19900101.1233): the ordinary groups (spaces, hyphens) are _GROUPED's.
_ID_PARTS = re.compile(r"(?<![0-9A-Za-z])(\d{6})([._/~、])(\d{8})\2(\d{3}[\dXx])(?![0-9A-Za-z])")
# Mobile and ID numbers written in Chinese numerals (一三八一二三四五六七八), one numeral a digit: the everyday
# numerals, the capital ones of receipts and cheques (壹叁捌…, also in traditional characters) and 幺, the one
# read out in telephone numbers.
_HAN_DIGITS = "〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖貳參陸幺"
_HAN_NUMBER = re.compile(rf"(?<![{_HAN_DIGITS}])[{_HAN_DIGITS}]{{11}}(?:[{_HAN_DIGITS}]{{6}}[{_HAN_DIGITS}Xx])?(?![{_HAN_DIGITS}])")
_FROM_HAN_DIGITS = str.maketrans(_HAN_DIGITS, "00123456789" "123456789" "236" "1")
# A mobile number in Chinese numerals grouped as it is read out, 3-4-4 with one separator (一三八 一二三四 五六七八,
# 一三八-一二三四-五六七八): the groups of a phone number, not the items of a numbered list (一、二、三).
_HAN_GROUPED_MOBILE = re.compile(rf"(?<![{_HAN_DIGITS}])([{_HAN_DIGITS}]{{3}})([ \u3000\-－—–·・.．/]{{1,2}})"
                                 rf"([{_HAN_DIGITS}]{{4}})\2([{_HAN_DIGITS}]{{4}})(?![{_HAN_DIGITS}])")
# A card number joined, in groups of four, or as 银联 cards print 19 digits: six and thirteen (628422 3149888986791).
_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|\d{6}[ -]\d{10,13})"
                   r"(?![0-9A-Za-z])")
# A mobile number in groups of any size (1634 0591 943, 138 1234 5678) after a telephone's label, or one digit to a
# group (1 3 8 1 2 …); without the label, groups of figures in a table's row (13 500 200 100) would read so.
_MOBILE_LABEL = re.compile(r"手机|电话|联系方式|联系号码|Tel|TEL|tel|Mobile|mobile")
_MOBILE_ANY_GROUPS = re.compile(rf"(?:{_MOBILE_LABEL.pattern})[^0-9\u4e00-\u9fff]{{0,6}}?"
                                r"(?<![0-9A-Za-z])(1[3-9]\d+(?:(?: {1,2}|[-._/~、])\d+)+|1(?:(?: {1,2}|[-._/~、])\d){10})(?![0-9A-Za-z])")
# An ID number typed in groups, as forms and spreadsheets lay it out (410105 19900101 123X, 4101-0519-9001-0112-3X):
# digit groups joined by one space or hyphen, the check character X in the last group or alone after it. Any 18
# digits in six groups or fewer hold a group of three digits, which the gate below needs.
# Groups are split by one or two spaces, a hyphen, or (folded first) any dash, dot, slash, underscore, tilde or 、:
# the 18 digits must pass the check digit, the birth date and the region, whatever split them.
_ID_SEPARATOR = r"(?: {1,2}|[-._/~、])"
_GROUPED = re.compile(rf"(?<![0-9A-Za-z])\d+(?:(?:{_ID_SEPARATOR}\d+)+(?:{_ID_SEPARATOR}?[Xx])?|{_ID_SEPARATOR}[Xx])"
                      r"(?![0-9A-Za-z])")
_GROUP = re.compile(r"\d+[Xx]?|[Xx]")
# 全角 digits, X, hyphens, plus signs and spaces, as a Chinese input method types them, made ordinary before the
# number rules read a unit: one character for one, so a number's place in the folded text is its place as written.
# Dashes of every width (en, em, figure, minus: 138—1234—5678) are typed between groups as hyphens are.
# Spaces of other widths (thin, narrow, figure spaces) are spaces; dots of other shapes (．·・•) dots; ～ a tilde;
# ／＿ a slash and an underscore. Every other digit character Unicode knows (Arabic-Indic, mathematical, circled
# ①, superscript ¹) is the ASCII digit it stands for: a number spelt in them reads as the number (_OTHER_DIGITS).
_FOLD_NUMBERS = str.maketrans("０１２３４５６７８９Ｘｘ－＋\u3000\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"
                              "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
                              "．·・•‧∙～〜／＿",
                              "0123456789Xx-+  --------" "             " "......~~/_")


def _other_digits() -> dict[int, str]:
    import unicodedata

    table = {}
    for code in [*range(0x80, 0x3000), *range(0xff10, 0xff1a), *range(0x10000, 0x1fc00)]:
        value = unicodedata.digit(chr(code), None)
        if value is not None:
            table[code] = str(value)
    return table


def _ranges(codes) -> str:
    """A character class of the code points, as ranges."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs) + "]"


_OTHER_DIGIT_TABLE = _other_digits()
_FOLD_NUMBERS.update(_OTHER_DIGIT_TABLE)
# Digit characters \d does not take (circled, superscript, parenthesised digits: no decimal digits to Unicode), and
# Nd digits other than ASCII and 全角: a unit holding them is read for numbers as folded (number_hits).
# (speed: a class of the Basic Multilingual Plane is a bitmap; characters beyond it are looked for only in a unit
# that has any, mathematical digits among them)
_OTHER_DIGITS_BMP = re.compile(_ranges(c for c in _OTHER_DIGIT_TABLE if c < 0x10000 and not 0xff10 <= c < 0xff1a))
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_OTHER_DIGITS_BEYOND = re.compile(_ranges(c for c in _OTHER_DIGIT_TABLE if c >= 0x10000))


def _other_digits_in(text: str) -> bool:
    return _OTHER_DIGITS_BMP.search(text) is not None or (
        _BEYOND_BMP.search(text) is not None and _OTHER_DIGITS_BEYOND.search(text) is not None)

_HEADER_WORDS = "|".join(re.escape(w) for w in NAME_HEADERS + PEOPLE_HEADERS)
# Speed: YAML is parsed for names only when some key or column could hold them, or a masked name shows a list of
# names (law texts mention 姓名 in prose; `姓 名` with any space counts).
_HEADER_THEN_COLON = rf"(?:姓[\s\u3000]*名|名[\s\u3000]*字|姓氏?(?=[\s\u3000\"'*_]*[:：|])|{_HEADER_WORDS})[\s\u3000\"'*_]*[:：|]"
_MASKED = r"[\u4e00-\u9fff][*＊]"
_MAYBE_NAMES = re.compile(rf"[\u4e00-\u9fff]{{0,4}}{_HEADER_THEN_COLON}|{_MASKED}")
# The same without the up to four characters before a header: every match of _MAYBE_NAMES starts at most four
# characters before a match of this one. Searching for it first lets the regex engine skip ahead to the header
# words instead of trying four characters of context at every position of the text (speed: see _maybe_names).
_MAYBE_NAMES_CORE = re.compile(rf"{_HEADER_THEN_COLON}|{_MASKED}")
_DIGIT_RUN = re.compile(r"\d{3}")  # every personal number (scan_line's patterns) holds three digits in a row
# Every personal number the rules find holds eleven digits, each after the one before it or after one space or
# hyphen (a mobile's 11 digits, its first three in brackets too, an ID number's 17 or 18 in groups, a card's 16 to
# 19): looked for as the unit is written, before _FOLD_NUMBERS (\d takes 全角 digits too, and the spaces and
# hyphens it folds are listed here). Most units with a date, a 文号 or an 索引号 hold three digits in a row and no such run.
_ELEVEN_DIGITS = re.compile(r"\d(?:[ \-\uff0d\u3000\u00a0\u2000-\u2015\u2212\ufe63\u202f\u205f._/~、．·・•‧∙～〜／＿)）]{0,2}\d){10}")
# “姓名：王建华” in running text (a Word paragraph, a PDF line, a Markdown paragraph).
_LABELLED = re.compile(rf"(姓[\s\u3000]*名|名[\s\u3000]*字|{_HEADER_WORDS})[\s\u3000]*[:：][\s\u3000]*"
                       r"([^\s\u3000,，;；、|:：（(]{1,8})")


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int  # 0 when the place is not a line (the file name, a cell of an attachment)
    field: str  # a YAML path, a column's header, or the place in an attachment (工作表“名单”C3单元格)
    rule: str
    shown: str  # the value, masked so the error message does not leak it again
    in_file_name: bool = False
    by_column: bool = False  # an unmasked name found because its column is a list of names
    # The value as written: never printed (messages show `shown`); the output guard looks for it in the sources.
    value: str = field(default="", compare=False, repr=False)

    def message(self) -> str:
        where = "文件名" if self.in_file_name else "此处"
        if self.rule == RULE_NAME:
            why = "（这一列的其他单元格也是姓名，像是人员名单）" if self.by_column else ""
            return (f"{where}疑似公开了个人信息（规则：{RULE_NAME}）：“{self.shown}”{why}。"
                    f"公开名单中的姓名须去标识化，只保留姓和最后一个字，如“张*明”“李*”")
        if self.rule == RULE_ADDRESS:
            return (f"{where}疑似公开了个人信息（规则：{RULE_ADDRESS}）：“{self.shown}”。家庭住址不得公开，"
                    f"公示中只写到乡镇（街道），如“示例镇”；如这是本局或服务场所公开的办公地址，"
                    f"请把它加入 data/site.yml 的“公开地址”")
        hints = {
            RULE_ID: "身份证号码不得公开；如确需展示，请写成“41**************12”的形式",
            RULE_MOBILE: ("个人手机号码不得公开，请写成“138****1234”的形式；"
                          "如这是单位公开的办公或监督电话，请把它加入 data/site.yml 的“公开号码”"),
            RULE_BANK: "银行卡号不得公开；如确需展示，请只保留末四位，如“**** 1234”",
            RULE_HOME_PHONE: ("家庭电话等个人固定电话不得公开，请写成“0371-****1234”的形式；"
                              "如这是单位公开的办公电话，请把它加入 data/site.yml 的“公开号码”"),
            RULE_LOCATION: ("照片中记录了拍摄地点的经纬度，在群众家中拍摄的照片会公开其住址；请去掉照片的位置信息后再放入"
                            "（如用“画图”等软件另存一份，或在 Windows 的文件属性“详细信息”中选“删除属性和个人信息”）"),
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


# An ID number typed into a spreadsheet cell kept as a number: the program keeps 15 to 17 significant digits, so the
# last ones read as zeros (410105199001011234 becomes 410105199001011000) and the check digit no longer holds; the
# region and the birth date are still there to read.
AS_NUMBER_NOTE = "（表格软件把号码存成了数字，末几位变成了0，其余仍可辨认）"


def is_id_as_number(value: str) -> bool:
    return (len(value) == 18 and value.endswith("00") and value.isdigit() and int(value[:2]) in PROVINCES
            and _birth_date_ok(int(value[6:10]), int(value[10:12]), int(value[12:14])))


# An ID number with one digit mistyped (or its check digit left out and another digit typed): the check digit no
# longer holds, but the region and the birth date are a person's, and the other digits are theirs.
MISTYPED_NOTE = "（校验位不符，可能录错了一位，但仍可辨认出本人）"


def is_id_mistyped(value: str) -> bool:
    return (re.fullmatch(r"\d{17}[\dXx]", value) is not None and int(value[:2]) in PROVINCES
            and _birth_date_ok(int(value[6:10]), int(value[10:12]), int(value[12:14]))
            and id18_check_digit(value[:17]) != value[17].upper())


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


def scan_line(text: str, allowed_numbers: set[str]) -> Iterator[tuple[str, str]]:
    """(rule, masked value) for every personal number in one line of text."""
    for rule, shown, _value in number_hits(text, allowed_numbers):
        yield rule, shown


def number_hits(text: str, allowed_numbers: set[str] | frozenset[str]) -> Iterator[tuple[str, str, str]]:
    """(rule, masked value, value as written) for every personal number in one line of text."""
    if not text.isascii() and _other_digits_in(text):
        # Read with its digits folded (one character for one): each value as written is at the same place.
        folded = text.translate(_FOLD_NUMBERS)
        for rule, shown, value in _number_hits(folded, allowed_numbers):
            at = folded.find(value)
            yield rule, shown, text[at:at + len(value)] if at >= 0 else value
        return
    yield from _number_hits(text, allowed_numbers)


def _number_hits(text: str, allowed_numbers: set[str] | frozenset[str]) -> Iterator[tuple[str, str, str]]:
    if _HAN_DIGIT_RUN.search(text) is not None:
        yield from _han_numeral_hits(text, allowed_numbers)
    if _HAN_GROUPED_MOBILE.search(text) is not None:
        for match in _HAN_GROUPED_MOBILE.finditer(text):
            digits = (match.group(1) + match.group(3) + match.group(4)).translate(_FROM_HAN_DIGITS)
            if re.fullmatch(r"1[3-9]\d{9}", digits) and digits not in allowed_numbers:
                yield RULE_MOBILE, digits[:3] + "****" + digits[-4:], match.group()
    if _MASK_BESIDE_DIGIT.search(text) is not None:
        yield from _under_masked_hits(text)
    if _HOME_PHONE_LABEL.search(text) is not None or _home_marked(text) or "*" in text or "＊" in text or "×" in text:
        yield from _home_phone_hits(text, allowed_numbers)
    first = _ELEVEN_DIGITS.search(text)
    if first is None:  # every pattern below holds such a run: most units have none
        return
    windows = _number_windows(text, first) if len(text) > _WINDOWED else ((0, len(text)),)
    # Each window folded (one character for one) and read alone, its matches placed back by its start.
    pieces = []
    for a, b in windows:
        piece = text[a:b]
        pieces.append((a, piece, piece if piece.isascii() else piece.translate(_FOLD_NUMBERS)))
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    # Pattern by pattern, as over the whole text: the findings come in the same order.
    for at, written, folded in pieces:
        for match in _ID18.finditer(folded):
            if is_id18(match.group(1)):
                taken.append(_moved(match.span(1), at))
                yield RULE_ID, mask_number(match.group(1)), written[slice(*match.span(1))]
            elif is_id_as_number(match.group(1)):
                taken.append(_moved(match.span(1), at))
                yield RULE_ID, mask_number(match.group(1)) + AS_NUMBER_NOTE, written[slice(*match.span(1))]
            elif is_id_mistyped(match.group(1)):
                taken.append(_moved(match.span(1), at))
                yield RULE_ID, mask_number(match.group(1)) + MISTYPED_NOTE, written[slice(*match.span(1))]
    for at, written, folded in pieces:
        # a number made of an ID number and more digits: the 残疾人证 adds its category and grade (two digits)
        for match in _ID_AND_TWO.finditer(folded):
            if free(_moved(match.span(1), at)) and is_id18(match.group(1)[:18]):
                taken.append(_moved(match.span(1), at))
                yield RULE_ID, mask_number(match.group(1)), written[slice(*match.span(1))]
    for at, written, folded in pieces:
        for match in _ID15.finditer(folded):
            if free(_moved(match.span(1), at)) and is_id15(match.group(1)):
                taken.append(_moved(match.span(1), at))
                yield RULE_ID, mask_number(match.group(1)), written[slice(*match.span(1))]
    for at, written, folded in pieces:
        for start, end in _grouped_ids(folded):
            if free((start + at, end + at)):
                taken.append((start + at, end + at))
                yield RULE_ID, mask_number(folded[start:end]), written[start:end]
    for at, written, folded in pieces:
        for match in _ID_PARTS.finditer(folded):
            number = match.group(1) + match.group(3) + match.group(4)
            if free(_moved(match.span(), at)) and is_id18(number):
                taken.append(_moved(match.span(), at))
                yield RULE_ID, mask_number(number), written[slice(*match.span())]
    for at, written, folded in pieces:
        for match in _MOBILE.finditer(folded):
            number = _digits(match.group(1))
            if free(_moved(match.span(1), at)) and number not in allowed_numbers:
                taken.append(_moved(match.span(1), at))
                yield RULE_MOBILE, number[:3] + "****" + number[-4:], written[slice(*match.span(1))]
    if _MOBILE_LABEL.search(text) is not None:  # the label stands outside the windows: the whole text is read
        for match in _MOBILE_ANY_GROUPS.finditer(text if text.isascii() else text.translate(_FOLD_NUMBERS)):
            number = _digits(match.group(1))
            if len(number) == 11 and free(match.span(1)) and number not in allowed_numbers:
                taken.append(match.span(1))
                yield RULE_MOBILE, number[:3] + "****" + number[-4:], text[slice(*match.span(1))]
    for at, written, folded in pieces:
        for match in _CARD.finditer(folded):
            if free(_moved(match.span(1), at)) and is_bank_card(match.group(1)):
                taken.append(_moved(match.span(1), at))
                yield RULE_BANK, mask_number(match.group(1)), written[slice(*match.span(1))]


# A landline is an office's unless its label says it is a person's own: a home's (家庭电话, 宅电) or the person's
# (本人电话, 个人电话, 家属电话). Mobile numbers after such a label are the mobile rule's.
_HOME_PHONE_LABEL = re.compile(r"家庭(?:联系)?电话|家里电话|家中电话|住宅电话|宅电|本人(?:联系)?电话|个人(?:联系)?电话|私人电话"
                               r"|家属(?:联系)?电话")
# A home's fixed line by other words (家庭座机, 住宅固话) and the forms' way of marking whose line it is: 电话（家）,
# 固定电话(宅), 座机（住宅）. Looked for only where _home_marked finds their words (speed: one pattern of them all
# took ten times as long as the labels above over a unit without any).
_HOME_MARKED_LABEL = re.compile(r"家(?:庭|中|里)?(?:固话|座机)|住宅(?:固话|座机)"
                                r"|(?:固定电话|联系电话|电话|固话|座机)[(（](?:家|宅|住宅|家庭)[)）]")


def _home_marked(text: str) -> bool:
    return "座机" in text or "固话" in text or "（家" in text or "(家" in text or "（宅" in text or "(宅" in text \
        or "住宅）" in text or "住宅)" in text


_HOME_PHONE = re.compile(rf"(?:{_HOME_PHONE_LABEL.pattern}|{_HOME_MARKED_LABEL.pattern})(?:号码)?[\s:：为是]{{0,3}}"
                         r"((?:[(（]?0\d{2,3}[)）]?[ -]?)?[2-9]\d{2,3}[ -]?\d{4})(?![0-9A-Za-z])")


# A person's record in a list (张*明，男，退役士兵，联系电话：0371-…): the masked name and the sex say whose the
# number is, whatever its label; an office's number stands after the list, not inside a person's record.
_RECORD_PHONE = re.compile(r"[\u4e00-\u9fff]{1,2}[*＊×]{1,2}[\u4e00-\u9fff]?[ \u3000]*[，,、 \u3000][ \u3000]*[男女]"
                           r"[，,、 \u3000][^。；;\n]{0,40}?(?:电话|固话|座机)(?:号码)?[\s:：为是]{0,3}"
                           r"((?:[(（]?0\d{2,3}[)）]?[ -]?)?[2-9]\d{2,3}[ -]?\d{4})(?![0-9A-Za-z])")


def _home_phone_hits(text: str, allowed_numbers) -> Iterator[tuple[str, str, str]]:
    folded = text if text.isascii() else text.translate(_FOLD_NUMBERS)
    labelled = _HOME_PHONE_LABEL.search(folded) is not None or _home_marked(folded)
    matches = list(_HOME_PHONE.finditer(folded)) if labelled else []
    if "*" in folded or "＊" in folded or "×" in folded:
        matches += _RECORD_PHONE.finditer(folded)
    for match in matches:
        number = _digits(match.group(1))
        if number in allowed_numbers or number[-8:] in allowed_numbers:
            continue
        shown = (number[:-8] + "-" if len(number) > 8 else "") + "****" + number[-4:]
        yield RULE_HOME_PHONE, shown, text[slice(*match.span(1))]


def _moved(span: tuple[int, int], by: int) -> tuple[int, int]:
    return span[0] + by, span[1] + by


# Speed: a long text (a search record: a whole document's text, read whole for numbers split across its pieces)
# is read by the number rules only in its windows — the stretches around each run that opens them (_ELEVEN_DIGITS),
# up to the Chinese characters or marks on either side. Exact: no pattern's match holds such a character, the
# patterns look around a match only for ASCII letters and digits (or a Latin label glued to it), which these are
# not, and a window without such a run holds no number (the gate's reason); so each match over the whole text is
# a match of one window read alone, and each window's matches are the whole text's there.
_WINDOWED = 200  # characters: a shorter unit is read whole
_NUMBER_BREAK = "\u3400-\u4dbf\u4e00-\u9fff\u3001\u3002\uff0c\uff1a\uff1b"
_NEXT_BREAK = re.compile(f"[{_NUMBER_BREAK}]")
_LAST_BREAK = re.compile(f"(?s:.*)[{_NUMBER_BREAK}]")


def _number_windows(text: str, first: re.Match) -> list[tuple[int, int]]:
    """(start, end) of each window of `text` (see _WINDOWED), in order; `first`: the gate's first match."""
    windows = []
    match = first
    while match is not None:
        before = _LAST_BREAK.match(text, 0, match.start())
        after = _NEXT_BREAK.search(text, match.end())
        end = after.start() if after is not None else len(text)
        windows.append((before.end() if before is not None else 0, end))
        match = _ELEVEN_DIGITS.search(text, end)
    return windows


_HAN_DIGIT_RUN = re.compile(f"[{_HAN_DIGITS}]{{11}}")

# A number masked too little still identifies its holder: an ID number with fewer than eight of its characters
# hidden shows the birth date or the whole of the rest (4101051971****6793, 41010519710101****, 130402●●●●04187128),
# a mobile number with fewer than four hidden leaves a thousand numbers to try (152***69911). Editors mask with any
# mark: asterisks of both widths, ×, x, dots, #, question marks. The masks the site asks for (41**************12,
# 138****5678) hide more and are not read here.
_MASK_MARKS = "*＊×xX●○•·■□#?？※"
_MASK_BESIDE_DIGIT = re.compile(f"[0-9０-９][{re.escape(_MASK_MARKS)}]|[{re.escape(_MASK_MARKS)}][0-9０-９]")
_PART_MASKED = re.compile(f"(?<![0-9A-Za-z{re.escape(_MASK_MARKS)}])([0-9{re.escape(_MASK_MARKS)}]{{11}}"
                          f"(?:[0-9{re.escape(_MASK_MARKS)}]{{7}})?)(?![0-9A-Za-z{re.escape(_MASK_MARKS)}])")
_ID_MIN_MASKED = 8  # the birth date's eight digits
_MOBILE_MIN_MASKED = 4


def _under_masked_hits(text: str) -> Iterator[tuple[str, str, str]]:
    folded = text.translate(_FOLD_NUMBERS)
    for match in _PART_MASKED.finditer(folded):
        value = match.group(1)
        hidden = [i for i, ch in enumerate(value) if not ch.isdigit()]
        if len(value) == 18 and hidden and hidden[-1] == 17 and value[17] in "Xx" and value[16].isdigit():
            hidden.pop()  # a check character X, not a mask
        if not hidden:
            continue
        written = text[slice(*match.span(1))]
        shown = value[:2] + "*" * (len(value) - 4) + "".join(ch if ch.isdigit() else "*" for ch in value[-2:])
        if len(value) == 18 and len(hidden) < _ID_MIN_MASKED and _id_shape_ok(value):
            yield RULE_ID, shown + "（打码不足）", written
        elif len(value) == 11 and len(hidden) < _MOBILE_MIN_MASKED and re.match(r"1[3-9]", value):
            yield RULE_MOBILE, value[:3] + "****" + shown[-4:] + "（打码不足）", written


# A number split over neighbouring units: an ID number typed into three cells of a form (440305 | 19571015 | 0138)
# or one cell per digit, a number broken by a line break (<br>, a PDF's or a Word table's narrow column). Each unit
# alone holds no number; read together they do. An ID number is taken when the digits joined pass its check
# digit, birth date and region (one in several hundred joins of other numbers would); a mobile number, which has no
# check digit, only after a telephone's label in the unit where it starts or the one or two before it (a table's
# figures, 150 | 2300 | 4500, join to eleven digits too).
_TRAILING_DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9]+\Z")
_LEADING_DIGITS = re.compile(r"\A(?:[0-9]+[Xx]?|[Xx])(?![0-9A-Za-z])")  # an ID's check X in a box of its own
# a mobile number's labels, and the wider words a form's row may put two cells before it
_PHONE_CUE = re.compile(_MOBILE_LABEL.pattern + r"|号码|Phone|phone")
SPLIT_NOTE = "（拆开写在相邻的单元格或行中）"


def split_number_hits(pieces: list[str], allowed_numbers) -> Iterator[tuple[int, str, str, str]]:
    """(index of the unit it starts in, rule, masked value, the start as written) of every ID or mobile number
    split over the neighbouring units `pieces` (in reading order)."""
    # Speed: a unit is folded only when it is read (a page has some 150 units, and nearly every page a unit
    # ending in a digit that opens this; folding them all was most of the time). Exact: the fold changes one
    # character for one, and a character folded is a digit exactly when it was one, so the last character of a
    # unit tells as well before the fold as after it.
    stripped = [p.strip() for p in pieces]
    folded: dict[int, str] = {}

    def fold(k: int) -> str:
        text = folded.get(k)
        if text is None:
            text = folded[k] = stripped[k].translate(_FOLD_NUMBERS)
        return text

    for i in range(len(stripped) - 1):
        piece = stripped[i]
        if not piece or not piece[-1].isdigit():
            continue  # most units: checked by one comparison
        piece = fold(i)
        tail = _TRAILING_DIGITS.search(piece)
        if tail is None or len(tail.group()) >= 18:
            continue
        digits = tail.group()
        for j in range(i + 1, min(len(stripped), i + 19)):
            lead = _LEADING_DIGITS.match(fold(j))
            if lead is None:
                break
            digits += lead.group()
            written = stripped[i][-len(tail.group()):]
            if len(digits) == 18 and is_id18(digits.upper()):
                yield i, RULE_ID, mask_number(digits) + SPLIT_NOTE, written
                break
            if len(digits) == 11 and re.fullmatch(r"1[3-9]\d{9}", digits) and digits not in allowed_numbers \
                    and any(_PHONE_CUE.search(fold(k)) for k in range(max(0, i - 2), i + 1)):
                yield i, RULE_MOBILE, digits[:3] + "****" + digits[-4:] + SPLIT_NOTE, written
                break
            if len(digits) > 18 or lead.end() < len(fold(j)):
                break


def _id_shape_ok(value: str) -> bool:
    """The digits an ID number masked in part still shows are an ID number's: a province, a birth date's
    century, month and day where they show, the check digit when nothing else is hidden."""
    if not value[:2].isdigit() or int(value[:2]) not in PROVINCES:
        return False
    date = value[6:14]
    if date.isdigit():
        return _birth_date_ok(int(date[:4]), int(date[4:6]), int(date[6:]))
    return ((not date[:2].isdigit() or date[:2] in ("19", "20")) and (not date[4].isdigit() or date[4] in "01")
            and (not date[6].isdigit() or date[6] in "0123"))


def _han_numeral_hits(text: str, allowed_numbers) -> Iterator[tuple[str, str, str]]:
    """Mobile and ID numbers spelt in Chinese numerals: read as the digits they stand for."""
    for match in _HAN_NUMBER.finditer(text):
        digits = match.group().translate(_FROM_HAN_DIGITS)
        if len(digits) == 11 and re.fullmatch(r"1[3-9]\d{9}", digits) and digits not in allowed_numbers:
            yield RULE_MOBILE, digits[:3] + "****" + digits[-4:], match.group()
        elif len(digits) == 18 and is_id18(digits.upper()):
            yield RULE_ID, mask_number(digits), match.group()


def _grouped_ids(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every 18-digit ID number typed in groups: of each run of groups, every run of whole groups
    that holds 18 digits and is a valid number (a run may begin with other numbers: 第3组 410105 19900101 1233).
    The old 15-digit form is read only unbroken: without a check digit, grouped numbers of a table would pass."""
    for run in _GROUPED.finditer(text):
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(text, run.start(), run.end())]
        first = 0
        while first < len(groups):
            digits, last, found = 0, first, None
            while last < len(groups) and digits < 18:
                digits += groups[last][1] - groups[last][0]
                last += 1
            if digits == 18:
                start, end = groups[first][0], groups[last - 1][1]
                if is_id18(re.sub(r"[^0-9Xx]", "", text[start:end])):
                    found = (start, end)
            if found is not None:
                yield found
                first = last
            else:
                first += 1


@dataclass(frozen=True)
class Rules:
    """What the guard lets through: the bureau's published numbers (data/site.yml 公开号码), names published
    by law (公开姓名) and the addresses it publishes (地址, 政府信息公开.地址, 公开地址)."""

    numbers: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    addresses: PublicAddresses = PublicAddresses()

    @classmethod
    def of(cls, settings: dict) -> Rules:
        return cls(frozenset(allowed_numbers(settings)), allowed_names(settings), allowed_addresses(settings))


@dataclass(frozen=True)
class Hit:
    rule: str
    shown: str  # masked, for messages
    value: str = field(repr=False)  # as written: never printed


def scan_unit(text: str, rules: Rules) -> list[Hit]:
    """Every personal datum in one unit of published text: a line, a cell, an attribute's value."""
    return list(_remembered(text, rules, _units_of(rules)))


def _remembered(text: str, rules: Rules, units: dict) -> tuple[Hit, ...]:
    """scan_unit, remembered in `units` (_units_of(rules))."""
    key = text if len(text) <= _REMEMBERED_LENGTH else \
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    found = units.get(key)
    if found is None:
        if len(units) >= _REMEMBERED_UNITS:
            units.clear()
        found = units[key] = tuple(_scan_unit(text, rules))
    return found


def _units_of(rules: Rules) -> dict:
    units = _UNITS.get(rules)
    if units is None:
        if len(_UNITS) >= 8:
            _UNITS.clear()
        units = _UNITS[rules] = {}
    return units


# Speed: a site repeats most of its short units on every page (navigation, header, footer, labels) and again in
# its feeds and JSON: each distinct one is scanned once per process (the answer depends on the text and the
# rules only). A long unit (a document's paragraph) is shown by its page and again by feeds, the 目录's JSON and
# the search index's records: it is kept by the digest of its text (BLAKE2b, 128 bits), not the text. One
# table per set of rules (a build has one), bounded.
_REMEMBERED_LENGTH = 160
_REMEMBERED_UNITS = 400_000
_UNITS: dict[Rules, dict[str | bytes, tuple[Hit, ...]]] = {}


# Characters that take no room on the screen: every format character Unicode has (zero-width spaces and joiners,
# the word joiner, a byte-order mark inside the text, soft hyphens, direction marks and isolates, tags, the
# Mongolian vowel separator), variation selectors, the combining grapheme joiner and the Hangul and Khmer fillers
# that draw nothing: a name or number with one inside reads whole to a person, and is read so here.
def _invisible_codes() -> list[int]:
    import unicodedata

    format_codes = (_FORMAT_CHARACTERS[1] if unicodedata.unidata_version == _FORMAT_CHARACTERS[0]
                    else _format_characters())
    codes = [c for c in format_codes if not 0x600 <= c <= 0x605
             and c not in (0x6DD, 0x70F, 0x8E2, 0x110BD, 0x110CD)]  # those draw a sign (an Arabic number's)
    return codes + [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x34F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4,
                    0x17B5]


def _format_characters() -> list[int]:
    """Every format character (category Cf) of the running Python's Unicode data, beyond ASCII."""
    import unicodedata

    return [c for c in range(0x80, 0xE0080) if unicodedata.category(chr(c)) == "Cf"]


# _format_characters() of Unicode 14.0 (Python 3.11's), as runs: asking each of 917,000 code points its category
# takes half a second of every build's start. Another version's data is asked (tests check this table against it).
_FORMAT_CHARACTERS = ("14.0.0", [c for a, b in (
    (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2),
    (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F)) for c in range(a, b + 1)])


def _gate(codes: list[int]):
    """Whether a text holds any of the characters: a class of the Basic Multilingual Plane is a bitmap, one beyond
    it is tried character by character, so those are looked for only in a text that has any (speed)."""
    near_class = _ranges(c for c in codes if c < 0x10000)
    near = re.compile(near_class)
    either = re.compile(near_class[:-1] + "\U00010000-\U0010ffff]")  # one pass: a near one, or any far character
    far = re.compile(_ranges(c for c in codes if c >= 0x10000))

    def holds(text: str) -> bool:
        found = either.search(text)
        if found is None:
            return False
        if ord(found.group()) < 0x10000:
            return True
        return far.search(text) is not None or near.search(text, found.end()) is not None

    return holds


_INVISIBLE_CODES = _invisible_codes()
_INVISIBLE = re.compile(_ranges(_INVISIBLE_CODES))
_has_invisible = _gate(_INVISIBLE_CODES)
# Text in a right-to-left override (U+202E … U+202C) shows its characters in the reverse order: 华建王 shows 王建华.
_OVERRIDDEN = re.compile("\u202e([^\u202c\u2069]*)")
# Forms of Chinese characters that show as the character itself: Kangxi and supplementary radicals, compatibility
# ideographs (⽟建华 shows 玉建华). Read as the characters they show (NFKC, one character for one).
_LOOKALIKE_TABLE: dict[int, str] = {}


def _lookalikes() -> list[int]:
    import unicodedata

    for code in [*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)]:
        shown = unicodedata.normalize("NFKC", chr(code))
        if len(shown) == 1 and shown != chr(code):
            _LOOKALIKE_TABLE[code] = shown
    return list(_LOOKALIKE_TABLE)


_has_lookalike = _gate(_lookalikes())


def _scan_unit(text: str, rules: Rules) -> list[Hit]:
    if has_escapes(text):
        return _scan_unescaped(text, rules)
    return _scan_plain(text, rules)


def _scan_plain(text: str, rules: Rules) -> list[Hit]:
    if text.isascii():
        # Speed: a date, an address of a page, a 索引号 (a page's new units, a third of them). Names and home
        # addresses are written in Chinese characters: every name and address rule needs one (a cue, a label, a
        # surname, 号/栋/村 …), so text of ASCII alone holds numbers only. tests/unit/test_guard_fast_paths.py
        # compares this with the whole rules on generated ASCII text.
        return [Hit(rule, shown, value) for rule, shown, value in number_hits(text, rules.numbers)]
    if _has_invisible(text):
        return _scan_without_invisible(text, rules)
    if _has_lookalike(text):
        folded = text.translate(_LOOKALIKE_TABLE)  # one character for one: a value is at the same place
        return [Hit(h.rule, h.shown, text[at:at + len(h.value)] if (at := folded.find(h.value)) >= 0 else h.value)
                for h in _scan_plain(folded, rules)]
    hits = [Hit(rule, shown, value) for rule, shown, value in number_hits(text, rules.numbers)]
    traditional = traditional_characters()
    written = traditional.search(text) is not None
    # A name holding a traditional character is read in simplified ones only (_traditional_hits): read as
    # written, jieba knows few traditional words, and takes 宣傳 or 貢獻 for a surname and a given name.
    hits += [Hit(RULE_NAME, mask_name(value), value) for value in unit_names(text, rules.names)
             if not written or traditional.search(value) is None]
    hits += [Hit(RULE_ADDRESS, mask_address(value), value) for value in unit_addresses(text, rules.addresses)]
    if written:
        hits += _traditional_hits(text, rules, hits)
    return hits


# The dot joining the parts of a name of other peoples (阿依古丽·买买提) typed as another dot: the word
# separator ‧, operators ∙ ⋅, the half-width ･, or a full stop between Chinese characters (帕丽旦.吾守尔). The
# name rules know ·, •, ・ and ．; these are read as ·.
_ODD_DOT = re.compile("[\u2027\u2219\u22c5\uff65\u0387\u16eb\u2e31]")
_HAN_DOT = re.compile("(?<=[\u3400-\u4dbf\u4e00-\u9fff])\\.(?=[\u3400-\u4dbf\u4e00-\u9fff])")


def _han_dot(text: str) -> bool:
    """Whether a full stop stands between two Chinese characters (speed: a unit has few dots, and _HAN_DOT's
    lookbehind is tried at every character)."""
    at = text.find(".", 1)
    while 0 < at < len(text) - 1:
        if _ONE_HAN.match(text, at - 1) is not None and _ONE_HAN.match(text, at + 1) is not None:
            return True
        at = text.find(".", at + 1)
    return False


_ONE_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def _traditional_hits(text: str, rules: Rules, hits: list[Hit]) -> list[Hit]:
    """The names and addresses a unit in traditional characters holds (聯繫人：陳建國, 幸福路5號): the rules' cues,
    surnames and words are simplified characters, so the unit is read again in them, character for character,
    and each value is given as written. Numbers are the same digits either way and were read already."""
    folded = simplified(text)
    found = {hit.value for hit in hits}
    more = []
    for rule, mask, values in ((RULE_NAME, mask_name, unit_names(folded, rules.names)),
                               (RULE_ADDRESS, mask_address, unit_addresses(folded, rules.addresses))):
        for value in values:
            at = folded.find(value)
            written = text[at:at + len(value)] if at >= 0 else value
            if written not in found:
                found.add(written)
                more.append(Hit(rule, mask(written), written))
    return more


def _scan_unescaped(text: str, rules: Rules) -> list[Hit]:
    """The unit as written, and again as its escapes spell it (escapes.py: &#x738b;, \\u738b, %E7%8E%8B …); a
    value found only in the spelt text is given as spelt (it is nowhere in the unit as written)."""
    decoded = unescaped(text)
    if decoded == text:
        return _scan_plain(text, rules)
    hits = _scan_plain(text, rules)
    seen = {(hit.rule, hit.value) for hit in hits}
    return hits + [hit for hit in _scan_unit(decoded, rules) if (hit.rule, hit.value) not in seen]


def _scan_without_invisible(text: str, rules: Rules) -> list[Hit]:
    """The unit read without its invisible characters; each value as written, with them (the sources hold it so).
    A right-to-left override's text is read as it shows, reversed (its values as shown)."""
    if "\u202e" in text:
        shown = _INVISIBLE.sub("", _OVERRIDDEN.sub(lambda m: m.group(1)[::-1], text))
        return _scan_plain(shown, rules) + _scan_without_invisible(text.replace("\u202e", ""), rules)
    origin = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    bare = "".join(text[i] for i in origin)
    hits = []
    for hit in _scan_unit(bare, rules):
        at = bare.find(hit.value)
        value = text[origin[at]:origin[at + len(hit.value) - 1] + 1] if at >= 0 and hit.value else hit.value
        hits.append(Hit(hit.rule, hit.shown, value))
    return hits


def unit_addresses(text: str, public: PublicAddresses) -> list[str]:
    """The home addresses in one unit of text, as written (addresses.py)."""
    return list(dict.fromkeys(span.of(text) for span in address_spans(text, public)))


def unit_names(text: str, public_names: frozenset[str], labelled: bool = True) -> list[str]:
    """The unmasked names in one unit of text, each once, as written: after “姓名：” and the like (`labelled`),
    and wherever running text names a person (prose.py); in a layout with spaces (林　芳, 联 系 人：) too."""
    if _ODD_DOT.search(text) is not None or ("." in text and _han_dot(text)):
        folded = _HAN_DOT.sub("·", _ODD_DOT.sub("·", text))  # one character for one: a value is at the same place
        return [text[at:at + len(v)] if (at := folded.find(v)) >= 0 else v
                for v in unit_names(folded, public_names, labelled)]
    found = _names_as_they_stand(text, public_names, labelled)
    laid_out = _without_layout_spaces(text)
    if laid_out is not None:
        joined, origin = laid_out
        spaced = []
        for name in _names_as_they_stand(joined, public_names, labelled):
            for match in re.finditer(re.escape(name), joined):
                spaced.append(text[origin[match.start()]:origin[match.end() - 1] + 1])
        # 姓　　名：王　芳 read as it stands gives 王: the name laid out whole replaces the piece of it
        found = [name for name in found if not any(name != whole and name in whole for whole in spaced)] + spaced
    if _HAN_GAP.search(text) is not None:
        found += [name for name in _names_across_gaps(text, public_names, labelled) if name not in found]
    if labelled:
        found += [name for name in pinyin_names(text) if name not in public_names]
    return list(dict.fromkeys(found))


# One blank between two Chinese characters: where a page's source breaks a line inside a sentence (a browser
# shows a space there, or nothing), a no-break space or an OpenDocument <text:s/> typed inside a name (罗 长青).
_HAN_GAP = re.compile("(?<=[\u3400-\u4dbf\u4e00-\u9fff])[ \t\n\u00a0\u3000](?=[\u3400-\u4dbf\u4e00-\u9fff])")


def _names_across_gaps(text: str, public_names: frozenset[str], labelled: bool) -> list[str]:
    """The names the unit holds when read without those blanks, that a blank was inside of, as written (with it):
    请与罗 长青同志联系 reads 罗 长青. Names that no blank split were found in the unit as it stands. Speed: only the
    clauses holding such a blank are read again (a unit's punctuation bounds every name and its cue), and not the
    blank after an article's or a chapter's number (第一条 为了…, in every line of a law text)."""
    found = []
    for clause in _CLAUSE.finditer(text):
        piece = clause.group()
        if any(_HEADING_NUMBER.search(piece, max(0, gap.start() - 12), gap.start()) is None
               for gap in _HAN_GAP.finditer(piece)):
            found += [name for name in _names_across_gaps_in(piece, public_names, labelled) if name not in found]
    return found


# Marks that end a clause (not the colon or the enumeration comma: a label and its name, a list, go on over them).
_CLAUSE = re.compile(r"[^，。；！？,;!?]+")
# 第一条, 第二章, 第3款: the number of an article or a chapter, which a blank sets apart from its text
_HEADING_NUMBER = re.compile(r"第[一二三四五六七八九十百千零〇两\d]+[条章节款项编]\Z")


def _names_across_gaps_in(text: str, public_names: frozenset[str], labelled: bool) -> list[str]:
    gaps = {m.start() for m in _HAN_GAP.finditer(text)}
    origin = [i for i in range(len(text)) if i not in gaps]
    joined = "".join(text[i] for i in origin)
    found = []
    for name in _names_as_they_stand(joined, public_names, labelled):
        for match in re.finditer(re.escape(name), joined):
            first, last = origin[match.start()], origin[match.end() - 1]
            if last - first + 1 == len(name):
                continue  # no blank inside it
            # 老党员 洪老师 read as 老党员洪老师 has 党员洪 before 老师: what stands before the blank is a word
            # (党员), not the start of a name (罗 长青, 王建 国)
            left = text[first:min(g for g in gaps if first < g < last)]
            if len(left) < 2 or not is_ordinary_word(left):
                found.append(text[first:last + 1])
    return found


def _names_as_they_stand(text: str, public_names: frozenset[str], labelled: bool) -> list[str]:
    found = list(labelled_names(text, public_names)) if labelled else []
    return found + [name for name in prose.names_in(text, public_names) if name not in found]


# Single Chinese characters set apart by spaces: a name or a label laid out to a column's width (林　芳, 王 建 华,
# 联 系 人). Where the spaces differ in width (as they look), the wider ones part columns (任　勇  女); a 男 or 女 at the end of
# such a run is a column of its own (王  芳  男).
_HAN_CHAR = "[\u3400-\u4dbf\u4e00-\u9fff]"
_SPACED_RUN = re.compile(rf"(?<!{_HAN_CHAR}){_HAN_CHAR}(?:[ \u3000]{{1,4}}{_HAN_CHAR}(?!{_HAN_CHAR}))+")
_LAYOUT_SPACE = re.compile(r"[ \u3000]+")


def _width(spaces: str) -> int:
    """How wide spaces look: an ideographic space as two ordinary ones (王  芳 and 王　芳 are laid out alike)."""
    return len(spaces) + spaces.count("\u3000")


def _without_layout_spaces(text: str) -> tuple[str, list[int]] | None:
    """The unit with the spaces inside laid-out names and labels taken out, and the place in `text` of each of
    its characters; None when there are none (most units)."""
    runs = list(_SPACED_RUN.finditer(text)) if (" " in text or "\u3000" in text) else []
    if not runs:
        return None
    drop: set[int] = set()
    for run in runs:
        gaps = list(_LAYOUT_SPACE.finditer(text, run.start(), run.end()))
        narrow = min(_width(gap.group()) for gap in gaps)
        pieces, start = [], run.start()
        for gap in gaps:
            if _width(gap.group()) > narrow:
                pieces.append((start, gap.start()))
                start = gap.end()
        pieces.append((start, run.end()))
        for a, b in pieces:
            chars = [i for i in range(a, b) if text[i] not in " \u3000"]
            if len(chars) > 2 and text[chars[-1]] in "男女":
                chars = chars[:-1]
            if 2 <= len(chars) <= 4:
                drop.update(i for i in range(chars[0], chars[-1]) if text[i] in " \u3000")
    if not drop:
        return None
    origin = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in origin), origin


def scan_extracted(extracted, file: str, rules: Rules) -> list[Finding]:
    """Findings in a file read by files.read: each at its line (text files) or its place in words."""
    findings = []
    units = _units_of(rules)
    for line in extracted.lines:
        # the common case inline (a page has hundreds of units, most of them scanned before): see _unit_hits
        hits = _remembered(line.text, rules, units) if not line.kind else _unit_hits(line, rules)
        for hit in hits:
            findings.append(Finding(file, line.line, "" if line.line else line.place, hit.rule, hit.shown,
                                    value=hit.value))
    for table in extracted.tables:
        for hit in scan_table(table, rules.names):
            cell = hit.cell
            findings.append(Finding(file, cell.line, hit.header if cell.line else cell.place, RULE_NAME,
                                    mask_name(cell.text), by_column=hit.by_column, value=cell.text.strip()))
        findings.extend(_people_phone_findings(file, table, rules.numbers))
    for place in extracted.locations:  # a photo's GPS coordinates (files/media.py): where it was taken
        findings.append(Finding(file, place.line, place.place, RULE_LOCATION, place.text, value=place.text))
    # numbers split over neighbouring units (cells of a row, lines broken inside a number), in reading order
    # (an attribute's value is no neighbour: <meta> values in a row, 127.0.0.1 then a 网站标识码, are not a number)
    units_read = [line for line in extracted.lines if line.kind != attachments.FRAGMENT and not line.attribute]
    in_tables = {(cell.text.strip(), cell.line) for table in extracted.tables
                 for row in (table.header, *table.rows) for cell in row} if extracted.tables else set()
    for table in _lists_of_lone_names([u for u in units_read if (u.text, u.line) not in in_tables]
                                      if in_tables else units_read):
        for hit in scan_table(table, rules.names):
            cell = hit.cell
            findings.append(Finding(file, cell.line, cell.place, RULE_NAME, mask_name(cell.text), by_column=True,
                                    value=cell.text.strip()))
    if any(line.text[-1:].isdigit() for line in units_read):
        whole = {(f.rule, f.shown) for f in findings}
        for i, rule, shown, value in split_number_hits([line.text for line in units_read], rules.numbers):
            if (rule, shown.replace(SPLIT_NOTE, "")) in whole:
                continue  # the same number found whole too (an SVG text's pieces, read also as one run)
            line = units_read[i]
            findings.append(Finding(file, line.line, "" if line.line else line.place, rule, shown, value=value))
    return _without_duplicates(findings)


# A unit that is nothing but one or more short runs of Chinese characters set apart by wide spaces or 、, each
# perhaps numbered (1. 张三, （2）李四): the lines of a name list a PDF, a Word file or a page gives without a header
# row (袁玉海 / 马海 / 余秀, or 袁玉海  马海  余秀 on one line).
_LONE_TOKENS = re.compile(r"(?:(?:\d{1,3}[.、．)）]|[（(]\d{1,3}[）)])?\s*[\u3400-\u9fff·]{2,5}"
                          r"(?: {2,}|[ \u3000]*\u3000[ \u3000]*|[ \u3000]*[、，,；;][ \u3000]*|\s*$))+")
_TOKEN = re.compile(r"[\u3400-\u9fff·]{2,5}")
_LIST_RUN = 3  # lone names in a row before they are read as a list


def _lists_of_lone_names(units: list) -> Iterator[Table]:
    """Runs of consecutive units that each hold only lone short runs of Chinese characters, as one header-less
    column each (a Table of the runs' tokens): scan_table's rule for a column then calls the column a list of
    names when most of its values are names (the three-character names found alone) and finds the unmasked
    two-character ones among them too (马海, 余秀), as it does in a spreadsheet's column. A run of menu entries or
    headings is no list of names: most of its values are not names. Two characters alone are as often a village
    (李园, 孙河) as a person: a run is a list of names only when one of its names has three characters or more,
    and table cells are left to the table rules, which know their headers."""
    run: list = []
    for unit in [*units, None]:
        if unit is not None and len(unit.text) <= 120 and _LONE_TOKENS.fullmatch(unit.text.strip()):
            run.append(unit)
            continue
        if run:
            key = tuple(line.text for line in run)
            if key not in _NOT_LISTS:
                cells = [Cell(token, line.line, line.place) for line in run for token in _TOKEN.findall(line.text)]
                if len(cells) >= _LIST_RUN and sum(1 for c in cells if name_shaped(c.text)) >= _LIST_RUN \
                        and any(len(c.text) >= 3 and looks_like_name(c.text) for c in cells):
                    yield Table([Cell("", 0, "")], [[cell] for cell in cells])
                else:
                    if len(_NOT_LISTS) >= 50_000:
                        _NOT_LISTS.clear()
                    _NOT_LISTS.add(key)
            run = []


# Speed: the runs that are no list of names (a page's menus, the same on every page), by their units' texts.
_NOT_LISTS: set[tuple[str, ...]] = set()


def _unit_hits(line, rules: Rules) -> list[Hit]:
    """scan_unit for a read unit, as its kind allows (files.model.Line.kind)."""
    if not line.kind:
        return scan_unit(line.text, rules)
    if line.kind == attachments.TITLE:  # a sheet's name: named as a file is (李秀英家庭情况)
        hits = scan_unit(line.text, rules)
        named = {h.value for h in hits if h.rule == RULE_NAME}
        hits += [Hit(RULE_NAME, mask_name(value), value) for value in dict.fromkeys(
            glued_names(line.text, rules.names) + [prose.lone_label_name(line.text, rules.names) or ""])
            if value and value not in named]
        return hits
    if line.kind == attachments.PERSON:  # an author's field: a name there is one, as after “联系人：”
        hits = scan_unit(line.text, rules)
        named = {h.value for h in hits if h.rule == RULE_NAME}
        hits += [Hit(RULE_NAME, mask_name(value), value) for value in unit_names("联系人：" + line.text, rules.names)
                 if value not in named and value in line.text]
        return hits
    if line.kind == attachments.LABEL:
        hits = scan_unit(line.text, rules)
        lone = prose.lone_label_name(line.text, rules.names)
        if lone and not any(h.rule == RULE_NAME for h in hits):
            hits.append(Hit(RULE_NAME, mask_name(lone), lone))
        return hits
    hits = [Hit(rule, shown, value) for rule, shown, value in number_hits(line.text, rules.numbers)]
    if line.kind == attachments.JOINED:
        units = _units_of(rules)  # once per line: a record's text has hundreds of pieces
        for piece in _PIECES.split(line.text):
            if piece:
                hits += [h for h in _remembered(piece, rules, units) if h.rule not in NUMBER_RULES]
    return hits


_PIECES = re.compile(r"[\s\u3000]+")
NUMBER_RULES = (RULE_ID, RULE_MOBILE, RULE_BANK)


def labelled_names(text: str, public_names: frozenset[str]) -> Iterator[str]:
    """Unmasked names written after a label in running text: “姓名：王建华”, “申请人：王建华”."""
    for match in _LABELLED.finditer(text):
        label, value = match.group(1), match.group(2)
        if value in public_names or is_masked_name(value) or value in prose.WORDS_FOR_PEOPLE \
                or value[len(surname_of(value)):] in TITLES:  # 姓名：申请人, 姓名：王科长 name no one
            continue
        strict = header_kind(label) == "name"
        if (strict and is_name_value(value) and len(value) <= 4) or looks_like_name(value):
            yield value


# ---- YAML data and front matter ---------------------------------------------------------------------------

def _fields(data, path=()) -> Iterator[tuple[tuple, str, str]]:
    """(path, key, value) of every string value in loaded YAML, and of every string in a list under a key."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in INTERNAL_FIELDS:
                continue  # never published: not scanned (govsite/internal.py)
            if isinstance(value, str):
                yield path + (key,), str(key), value
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                for i, item in enumerate(value):
                    yield path + (key, i), str(key), item
            else:
                yield from _fields(value, path + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _fields(item, path + (i,))


def _scan_yaml_names(located: Located, file: str, public_names: frozenset[str],
                     allowed_numbers=frozenset()) -> Iterator[Finding]:
    seen = set()
    for path, key, value in _fields(located.data):
        kind = header_kind(key)
        if value.strip() in public_names or not kind:
            continue
        if (kind == "name" and is_name_value(value)) or (kind == "people" and looks_like_name(value)):
            seen.add(path)
            yield Finding(file, located.line_of(path), dotted(path), RULE_NAME, mask_name(value), value=value)
    data = located.data
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in INTERNAL_FIELDS}
    reported = {dotted(p) for p in seen}  # the cells reported above, by their place
    for _path, table in yaml_tables(data, located.line_of):
        yield from _people_phone_findings(file, table, allowed_numbers)
        for hit in scan_table(table, public_names):
            if (hit.by_column or is_split_header(hit.header)) and hit.cell.place not in reported:
                yield Finding(file, hit.cell.line, hit.cell.place, RULE_NAME, mask_name(hit.cell.text),
                              by_column=hit.by_column, value=hit.cell.text.strip())


# ---- text files -------------------------------------------------------------------------------------------

def _hits_to_findings(file: str, hits: Iterable[NameHit]) -> Iterator[Finding]:
    for hit in hits:
        yield Finding(file, hit.cell.line, hit.header if hit.cell.line else hit.cell.place, RULE_NAME,
                      mask_name(hit.cell.text), by_column=hit.by_column, value=hit.cell.text.strip())


def _table_findings(file: str, tables: Iterable[Table], public_names: frozenset[str],
                    allowed_numbers=frozenset()) -> Iterator[Finding]:
    for table in tables:
        yield from _hits_to_findings(file, scan_table(table, public_names))
        yield from _people_phone_findings(file, table, allowed_numbers)


# A landline written as an office writes it: an area code perhaps, then seven or eight digits.
_LANDLINE = re.compile(r"(?<![0-9])((?:[(（]?0\d{2,3}[)）]?[ -—]?)?[2-9]\d{2,3}[ -]?\d{4})(?![0-9])")


def _people_phone_findings(file: str, table: Table, allowed_numbers) -> Iterator[Finding]:
    """A landline in the telephone column of a list of people (tables.phone_cells_of_people): the person's own."""
    for cell, header in phone_cells_of_people(table):
        text = cell.text if cell.text.isascii() else cell.text.translate(_FOLD_NUMBERS)
        for match in _LANDLINE.finditer(text):
            number = _digits(match.group(1))
            if number in allowed_numbers or number[-8:] in allowed_numbers:
                continue
            shown = (number[:-8] + "-" if len(number) > 8 else "") + "****" + number[-4:]
            yield Finding(file, cell.line, cell.place or header, RULE_HOME_PHONE, shown,
                          value=cell.text[slice(*match.span(1))])


def _split_number_findings(file: str, lines: list[str], allowed) -> Iterator[Finding]:
    """Numbers split over the cells of a table's row (Markdown, or a source's plain text with | between cells)
    or over neighbouring lines (a hard line break inside a number)."""
    if any(line.rstrip()[-1:].isdigit() for line in lines):
        for i, rule, shown, value in split_number_hits(lines, allowed):
            yield Finding(file, i + 1, "", rule, shown, value=value)
    for number, line in enumerate(lines, start=1):
        if "|" in line and _DIGIT_RUN.search(line) is not None:
            for _i, rule, shown, value in split_number_hits(line.split("|"), allowed):
                yield Finding(file, number, "", rule, shown, value=value)


def _lines_with_digit_runs(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines holding three digits in a row, the only ones scan_line can find anything
    in: a document's text is mostly Chinese, and looking at each of its lines took most of the scan's time."""
    number, counted_to, pos = 1, 0, 0
    while (match := _DIGIT_RUN.search(text, pos)) is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        number += text.count("\n", counted_to, start)
        counted_to = start
        yield number, text[start:end]
        pos = end + 1


def _maybe_names(text: str) -> bool:
    """Whether a match of _MAYBE_NAMES (in the order finditer gives them) does not start with a key of this
    site's schemas (NOT_PEOPLE). The same answer as going through finditer: the next match from `pos` starts no
    earlier than four characters before the next match of _MAYBE_NAMES_CORE (and no later than it), so the
    search for it starts there."""
    pos = 0
    while (core := _MAYBE_NAMES_CORE.search(text, pos)) is not None:
        match = _MAYBE_NAMES.search(text, max(pos, core.start() - 4))
        if match is None:  # cannot happen: the core alone matches
            return True
        if not match.group(0).startswith(NOT_PEOPLE):
            return True
        pos = match.end()
    return False


_INSIDE = re.compile(r"""!\[([^\]\n]*)\]|\]\([^)\s]*\s+(?:"([^"\n]*)"|'([^'\n]*)')\)"""
                     r"""|\b(?:alt|title|aria-label)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')|>([^<>\n]+)<""")
_YAML_VALUE = re.compile(r"^\s*(?:-\s+)*(?:[^\s:#][^:#]*:\s+)?['\"]?(.*?)['\"]?\s*$")


def _units_inside(line: str, yaml: bool) -> list[str]:
    """The units of text a line holds besides itself: alt texts and titles, an element's text, a YAML value,
    table cells."""
    units = [next(g for g in m.groups() if g is not None) for m in _INSIDE.finditer(line)]
    if yaml or line.lstrip().startswith("- "):
        value = _YAML_VALUE.match(line)
        if value and value.group(1) and value.group(1) != line:
            units.append(value.group(1))
    if line.lstrip().startswith("|"):
        units += [cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip()]
    return [u for u in units if u.strip()]


def scan_text(text: str, file: str, allowed: set[str], public_names: frozenset[str] = frozenset(),
              public_addresses: PublicAddresses | None = NO_ADDRESSES, as_shown: bool = False) -> list[Finding]:
    """Every finding in one text file: numbers on each line, name fields, tables of every kind, names and
    addresses in running text. `as_shown`: the text is already as its reader sees it (_findings_as_shown)."""
    suffix = Path(file).suffix.lower()
    lines = text.split("\n")
    hidden: set[int] = set()
    body_start = 0  # index of the first line of a Markdown body
    located = None
    if suffix in YAML_SUFFIXES:
        hidden = internal_lines(lines)
    elif suffix in MARKDOWN_SUFFIXES and lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
        hidden = {i + 1 for i in internal_lines(lines[1:end])}
        body_start = end + 1 if end else 0
    if hidden:  # internal blocks are not read at all
        lines = ["" if i in hidden else line for i, line in enumerate(lines)]
    findings: list[Finding] = []
    visible = "\n".join(lines)
    for number, line in _lines_with_digit_runs(visible):
        for rule, shown, value in number_hits(line, allowed):
            findings.append(Finding(file, number, "", rule, shown, value=value))
    findings.extend(_split_number_findings(file, lines, allowed))
    maybe_names = _maybe_names(visible)
    if suffix in YAML_SUFFIXES and maybe_names:
        try:
            located = parse_yaml(text, file)
        except InputError:
            located = None  # syntax errors are reported by the loader of that file
        if located is not None:
            findings.extend(_scan_yaml_names(located, file, public_names, allowed))
    elif suffix in MARKDOWN_SUFFIXES and maybe_names and body_start:
        try:
            located, _body, _line = frontmatter.split(text, file)
        except InputError:
            located = None
        if located is not None:
            findings.extend(_scan_yaml_names(located, file, public_names, allowed))
    # Tables and labelled names in any text: Markdown bodies, Markdown or HTML inside YAML text fields, HTML files.
    findings.extend(_table_findings(file, markdown_tables(lines), public_names, allowed))
    findings.extend(_table_findings(file, html_tables(visible), public_names, allowed))
    # Names and addresses in running text, line by line, as the output guard reads the published units: the
    # line itself, an image's alt text, a link's or an element's title, a YAML value, a table cell.
    addresses_possible = public_addresses is not None and maybe_address(visible)
    # A Markdown paragraph broken over lines inside its sentences is read as the sentences it shows: a name a break
    # is inside of is found, and a line's start that is the middle of a word (外国|司法…) makes no name.
    paragraphs = (_paragraph_names(lines, body_start, public_names)
                  if suffix in MARKDOWN_SUFFIXES and _BROKEN_HAN.search(visible) is not None else {})
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        names_here = unit_names(line, public_names, labelled=suffix not in YAML_SUFFIXES)
        if number in paragraphs:
            names_here = [v for v in names_here if v in paragraphs[number][1]]
        # The line's cues reach into the units it holds; what a unit adds is a name standing alone in it, or the
        # name it begins with (an image's alt text 王建华在慰问现场: the line begins with ![)
        for unit in _units_inside(line, yaml=suffix in YAML_SUFFIXES):
            names_here += [v for v in prose.names_alone(unit, public_names) + prose.names_at_start(unit, public_names)
                           if v not in names_here]
        findings.extend(Finding(file, number, "", RULE_NAME, mask_name(v), value=v) for v in names_here)
        if addresses_possible:
            findings.extend(Finding(file, number, "", RULE_ADDRESS, mask_address(v), value=v)
                            for v in unit_addresses(line, public_addresses))
    if suffix == ".csv":
        findings.extend(_table_findings(file, attachments.read_csv(visible).tables, public_names))
    if _has_invisible(visible):
        rules = Rules(frozenset(allowed), public_names, public_addresses or NO_ADDRESSES)
        for number, line in enumerate(lines, start=1):
            if _has_invisible(line):  # read as shown: without them
                findings.extend(Finding(file, number, "", hit.rule, hit.shown, value=hit.value)
                                for hit in _scan_without_invisible(line, rules))
    if not as_shown:
        findings += _findings_as_shown(lines, file, suffix, body_start, allowed, public_names, public_addresses)
    for number, (broken, _names) in paragraphs.items():
        findings.extend(Finding(file, number, "", RULE_NAME, mask_name(v), value=v) for v in broken)
    if file.replace("\\", "/").startswith(VOCABULARY_FOLDERS):
        findings = [f for f in findings if f.rule != RULE_NAME]
    return _without_duplicates(findings)


def _findings_as_shown(lines: list[str], file: str, suffix: str, body_start: int, allowed, public_names,
                       public_addresses) -> list[Finding]:
    """The findings of the text as its reader sees it, on the lines where that differs from what is written:
    escapes decoded (&#x738b;, \\u738b in YAML, %E7%8E%8B in a link: escapes.py), radicals and compatibility
    ideographs as the characters they show, and in a Markdown body the
    words inline markup shows (王**建华**, **王建华** alone on a line, [王建华](…), 4101<!-- -->05…). The whole text
    is read again, so that a line's neighbours (a list of lone names, a table) count as they do on the page."""
    shown, changed, found = [], set(), []
    markdown = suffix in MARKDOWN_SUFFIXES
    rules = Rules(frozenset(allowed), public_names, public_addresses or NO_ADDRESSES)
    for number, line in enumerate(lines, start=1):
        seen = line
        if has_escapes(line):
            # the line decoded, link addresses and all (?q=%E7%8E%8B…), as one unit
            seen = unescaped(line)
            found += [Finding(file, number, "", hit.rule, hit.shown, value=hit.value) for hit in scan_unit(seen, rules)]
        if _has_lookalike(seen):
            seen = seen.translate(_LOOKALIKE_TABLE)  # ⽟建华 shows 玉建华
        if markdown and number > body_start:
            seen = markdown_shown(seen)
        elif suffix in HTML_SUFFIXES:
            seen = without_inline_markup(seen) or seen
        if seen != line:
            changed.add(number)
        shown.append(seen)
    if not changed:
        return found
    return found + [f for f in scan_text("\n".join(shown), file, allowed, public_names, public_addresses, as_shown=True)
                    if f.line in changed and not (f.rule == RULE_NAME and _masked_in(f.value or "", lines[f.line - 1]))]


def _masked_in(name: str, line: str) -> bool:
    """Whether the line as written holds the name masked (沈*英 for 沈英, 肖*山): the site's Markdown shows a masked
    name's asterisk as written, even where two such asterisks on a line would pair as an emphasis
    (markdown.literal_masks: **表1　沈*英家庭…**, <td>肖*山</td>…<td>孙*</td>), so the name the reading without
    that emphasis puts together is not on the page."""
    return any(name[:k] + mark + name[k:] in line for k in range(1, len(name)) for mark in "*＊")


# The search's word lists (everyday words, the site's terms, intents' phrasings), one word to an item: words of
# the language, never people. Read alone, three characters that begin with a surname are often taken for a name
# (养老钱, 年纪大, 纪念章); the numbers and addresses rules still read these files, and what the search publishes
# from them is read again by the output guard.
VOCABULARY_FOLDERS = ("data/search/",)


# A line of a Markdown paragraph that ends inside a sentence, the next going on with it: what a page shows as one
# sentence (a browser shows a space, or nothing, between two Chinese characters).
_BROKEN_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]\n[ \t]*[\u3400-\u4dbf\u4e00-\u9fff]")


def _paragraph_names(lines: list[str], first: int, public_names: frozenset[str]
                     ) -> dict[int, tuple[list[str], frozenset[str]]]:
    """For each line (numbered from 1) of a Markdown body (from the line index `first`) that is part of a
    paragraph going on from one line to the next inside its sentences: (the names a line break is inside of,
    reported at the line where they begin; every name the paragraph read whole holds)."""
    found: dict[int, tuple[list[str], frozenset[str]]] = {}
    index = first
    while index < len(lines) - 1:
        last = index
        while last + 1 < len(lines) and _goes_on(lines[last], lines[last + 1]):
            last += 1
        if last == index:
            index += 1
            continue
        pieces = [lines[index]] + [lines[i].lstrip(" \t") for i in range(index + 1, last + 1)]
        starts, at = [], 0
        for piece in pieces:
            starts.append(at)
            at += len(piece)
        joined = "".join(pieces)
        names = unit_names(joined, public_names)
        broken: dict[int, list[str]] = {}
        for name in names:
            for match in re.finditer(re.escape(name), joined):
                piece = bisect.bisect_right(starts, match.start()) - 1
                if piece + 1 < len(starts) and starts[piece + 1] < match.end():  # a break inside it
                    broken.setdefault(index + piece + 1, []).append(name)
        for number in range(index + 1, last + 2):
            found[number] = (broken.get(number, []), frozenset(names))
        index = last + 1
    return found


def _goes_on(line: str, following: str) -> bool:
    """The next line of a paragraph goes on with the sentence: a Chinese character at the end of one, at the start
    of the other, neither a heading nor a table row."""
    rest = following.lstrip(" \t")
    return bool(line) and _is_han_char(line[-1]) and _is_han_char(rest[:1]) and not line.lstrip().startswith(
        ("#", "|"))


def _is_han_char(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff")


def _without_duplicates(findings: list[Finding]) -> list[Finding]:
    """One finding per line and value: a name under a 姓名 column is not reported again as part of a list or of
    running text; the finding that says more (its field, found by its column) is kept."""
    best: dict[tuple, Finding] = {}
    for finding in sorted(set(findings)):
        key = (finding.file, finding.line, finding.field if not finding.line else "", finding.rule, finding.shown)
        kept = best.get(key)
        if kept is None or (bool(finding.field), finding.by_column) > (bool(kept.field), kept.by_column):
            best[key] = finding
    return sorted(best.values())


def scan_attachment(data: bytes, file: str, allowed: set[str], public_names: frozenset[str] = frozenset(),
                    public_addresses: PublicAddresses = NO_ADDRESSES) -> list[Finding]:
    """Findings in an attachment, each naming its place (sheet and cell, page and line …).
    Raises files.Unreadable when the file cannot be read."""
    return scan_extracted(attachments.read(data, file), file, Rules(frozenset(allowed), public_names, public_addresses))


def scan_file_name(file: str, allowed: set[str], public_names: frozenset[str] = frozenset()) -> list[Finding]:
    """Personal data in a file's name, which its address publishes: numbers, and names as running text names them
    (退役军人王建华申请表.pdf; 张伟-退役证.pdf read as 张伟 退役证)."""
    # Every folder on the way is in the address too (files/王建华/申请表.pdf); a name written percent-encoded
    # (%E7%8E%8B…) is the name a browser shows.
    parts = file.replace("\\", "/").split("/")
    found: list[Finding] = []
    for at, part in enumerate(parts):
        if part.isascii() and not any(ch.isdigit() for ch in part) and "%" not in part:
            continue  # speed: most folders (content, files, notices) hold neither Chinese nor a number
        written, part = part, _name_as_shown(part)
        part = unescaped(part) if has_escapes(part) else part
        last = at == len(parts) - 1
        here = _name_findings(file, part, Path(part).stem if last else part, allowed, public_names)
        if part != written and any("\udc80" <= ch <= "\udcff" for ch in written):
            # the path as printed shows the bytes (\udcc1…): the message says what they read as
            shown = "/".join(_name_as_shown(p) for p in parts)
            here = [dataclasses.replace(f, field=f"文件名不是 UTF-8 编码，按 GBK 读作“{shown}”") for f in here]
        found += [f for f in here if f not in found]
    return found


def _name_as_shown(part: str) -> str:
    """A file's name as Chinese Windows shows it: a name whose bytes are no UTF-8 (a folder unpacked from a zip
    made on Chinese Windows, copied from a GBK share) comes as undecodable bytes (os.fsdecode's surrogates), and
    is read as GB18030, then Big5, as a text file of unknown encoding is."""
    if not any("\udc80" <= ch <= "\udcff" for ch in part):
        return part
    raw = part.encode("utf-8", "surrogateescape")
    for encoding in ("gb18030", "big5"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("gb18030", "replace")


def _name_findings(file: str, name: str, stem: str, allowed: set[str], public_names: frozenset[str]) -> list[Finding]:
    """scan_file_name's findings in one part of a path: `name` the part, `stem` without its file's extension."""
    found = [Finding(file, 0, "", rule, shown, in_file_name=True) for rule, shown in scan_line(name, allowed)]
    words = re.sub(r"[-_.\s]+", " ", stem).strip()
    if _HAN_NAME_CHARS.search(words):
        # the whole name as a sentence, and each of its pieces as a unit of its own (欧阳建华_照片.png)
        values = unit_names(words, public_names, labelled=False)
        pieces = words.split(" ")
        if len(pieces) > 1:
            values += [v for piece in pieces for v in unit_names(piece, public_names, labelled=False)]
        values += glued_names(words, public_names)
        found += [Finding(file, 0, "", RULE_NAME, mask_name(value), in_file_name=True, value=value)
                  for value in dict.fromkeys(values)]
    return found


def glued_names(words: str, public_names: frozenset[str]) -> list[str]:
    """A name glued to the paper it names (李建国身份证, 申请表（王芳）, 李秀英家庭情况), as files and a workbook's
    sheets are named: the papers' words and brackets part it off, and what is left alone is read as a label is,
    the whole of what names one thing."""
    values = []
    for piece in _PAPERS.split(words):
        piece = piece.strip()
        if piece and piece != words:
            values += unit_names(piece, public_names, labelled=False) \
                or [lone for lone in (prose.lone_label_name(piece, public_names),) if lone]
    return values


_HAN_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]{2}")
# Papers about one person, as files about them are named (李建国身份证, 王芳申请表, 张伟的退役证复印件), the photos
# of one a news page carries (烈属李秀英近照.jpg, 王建华生活照.jpg, 王建华全家福.jpg), and the marks around a name in a
# file's name.
_PAPERS = re.compile(r"[\s（）()【】\[\]《》“”\"'、，,+&]+|[0-9]+(?:年度?|月|日|号|人|名)?|的|等"
                     r"|(?:身份证明?|户口[本簿]|退伍证|退役证|残疾人?证|优待证|军官证|士兵证"
                     r"|申请[表书]?|登记表|审批表|审核表|信息表|花名册|名单|名册|材料|证明|复印件|扫描件|照片|相片|档案|简历|事迹"
                     r"|承诺书|协议书?|合同|体检表|身份信息|个人信息|资料|附件|(?:家庭)?(?:基本)?情况(?:表|说明)?|家庭"
                     r"|近照|生活照|证件照|标准照|旧照|老照片|合影|留影|遗像|肖像|头像|全家福)")


def _entries(settings: dict, key: str, field: str) -> list[str]:
    """String values of `field` in the list `key` of data/site.yml; an invalid file is reported elsewhere."""
    entries = settings.get(key) if isinstance(settings, dict) else None
    if not isinstance(entries, list):
        return []
    return [e[field] for e in entries if isinstance(e, dict) and isinstance(e.get(field), str)]


def allowed_numbers(settings: dict) -> set[str]:
    return {_digits(number) for number in _entries(settings, "公开号码", "号码")}


def _settings_of(root: Path) -> dict:
    """data/site.yml as loaded, or {} when it cannot be (its errors are reported where it is loaded)."""
    import yaml

    try:
        settings = yaml.safe_load((root / "data" / "site.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return settings if isinstance(settings, dict) else {}


def allowed_addresses(settings: dict) -> PublicAddresses:
    """The addresses the bureau publishes: its own (地址, 政府信息公开.地址) and those listed in 公开地址 (service
    halls, reception offices)."""
    found = [settings.get("地址")] if isinstance(settings, dict) else []
    office = settings.get("政府信息公开") if isinstance(settings, dict) else None
    if isinstance(office, dict):
        found.append(office.get("地址"))
    found += _entries(settings, "公开地址", "地址")
    return PublicAddresses.of(a for a in found if isinstance(a, str))


def allowed_names(settings: dict) -> frozenset[str]:
    """Names published by law (the bureau's leaders), from data/site.yml 公开姓名."""
    return frozenset(name.strip() for name in _entries(settings, "公开姓名", "姓名"))


def files_to_scan(root: Path, folders: Iterable[str] = ("data", "content"), listing=None,
                  is_file=Path.is_file) -> Iterator[Path]:
    """Every file below the folders; `listing(folder)` is sorted(folder.rglob("*")) or the load's (Site.listing),
    `is_file(path)` Path.is_file or the load's (Site.is_file)."""
    for folder in folders:
        base = root / folder
        if base.is_dir():
            for path in listing(base) if listing is not None else sorted(base.rglob("*")):
                # a hidden part told from the relative path's text (what relative_to's parts hold, joined by
                # "/"), before the file system is asked: pathlib's parts cost more than the stat, per file per save
                file = rel(path, root)
                if not (file.startswith(".") or "/." in file) and is_file(path):
                    yield path


@dataclass(frozen=True)
class Unreadable:
    """An attachment that cannot be checked, and why (reported as an error: it would be published unread)."""
    file: str
    message: str


def scan_tree(root: Path, allowed: set[str], folders: Iterable[str] = ("data", "content"),
              public_names: frozenset[str] = frozenset(), read=read_text,
              unreadable: list | None = None, remember: bool = True, listing=None,
              public_addresses: PublicAddresses | None = None, is_file=Path.is_file) -> list[Finding]:
    """Scan every file (name and content) under the given folders of the repository.
    `read(path, root)` is source.read_text or, under `mkdocs serve`, the load's shared reader. Attachments
    that cannot be read are added to `unreadable` (when given). `remember`: keep each file's findings for the
    next scan (_SCAN_CACHE, with the texts: `mkdocs build` scans once and need not hold them). `listing`: see
    files_to_scan."""
    global _SCAN_CACHE
    if public_addresses is None:  # the addresses data/site.yml publishes are the bureau's, whoever calls
        public_addresses = allowed_addresses(_settings_of(root))
    findings: list[Finding] = []
    allow_key, kept = (frozenset(allowed), public_names, public_addresses), {}
    # Source files found clean by an earlier build under the same rules: an editor's build, the hourly publish and
    # a merge request's check each scan the whole of data/ and content/, and all but the few files that changed
    # were scanned, with no finding, the time before. A file with any finding, or unreadable, is never
    # remembered: it is scanned, and reported, every time. ("sources": this scan, not the output guard's.)
    earlier = known_clean.KNOWN_CLEAN.scope(
        lambda: known_clean.rules_key(("sources", frozenset(allowed), public_names, public_addresses)))
    global _NAME_CACHE
    names_before, names_kept, names_key = _NAME_CACHE, {}, (frozenset(allowed), public_names)
    for path in files_to_scan(root, folders, listing, is_file):
        file = rel(path, root)
        # a file's name is scanned once under the same rules: what it finds depends on the name alone
        named = names_before.get(file)
        if named is None or named[0] != names_key:
            named = (names_key, tuple(scan_file_name(file, allowed, public_names)))
        names_kept[file] = named
        findings.extend(named[1])
        if path.suffix.lower() not in attachments.SOURCE_SUFFIXES:
            # Anything else is published as it is (attachments, assets, a GBK .csv): read as the public gets it.
            try:
                if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                    raise attachments.Unreadable(f"附件超过 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB，无法检查其中的个人信息")
                data = path.read_bytes()
            except OSError as exc:
                if unreadable is not None:
                    unreadable.append(Unreadable(file, f"无法读取附件（{exc.strerror}），其中的个人信息无法检查"))
                continue
            except attachments.Unreadable as exc:
                if unreadable is not None:
                    unreadable.append(Unreadable(file, str(exc)))
                continue
            content = hashlib.sha1(data).digest()  # not the bytes: an attachment may be many megabytes
            found = _known(file, content, allow_key)
            if found is None:
                clean_key = earlier.key(path.suffix, data)
                if earlier.clean(clean_key):
                    found = ()
                else:
                    try:
                        found = tuple(scan_attachment(data, file, allowed, public_names, public_addresses))
                    except attachments.Unreadable as exc:
                        found = (Unreadable(file, str(exc)),)
                    earlier.found(clean_key, found)
            kept[file] = (content, allow_key, found)
            for item in found:
                if isinstance(item, Unreadable):
                    if unreadable is not None:
                        unreadable.append(item)
                else:
                    findings.append(item)
            continue
        try:
            text = read(path, root)
        except InputError:
            continue  # unreadable files are reported where they are loaded
        # The text itself is the key (str equality is a memory compare, cheaper than a digest; under make serve an
        # unchanged file's text is the very object read before, and the compare stops at `is`).
        found = _known(file, text, allow_key)
        if found is None:
            clean_key = earlier.key(path.suffix, text.encode("utf-8"))
            if earlier.clean(clean_key):
                found = ()
            else:
                found = tuple(scan_text(text, file, allowed, public_names, public_addresses))
                earlier.found(clean_key, found)
        kept[file] = (text, allow_key, found)
        findings.extend(found)
    if remember:
        _SCAN_CACHE = kept  # only files that still exist, as they are now
        _NAME_CACHE = names_kept
    earlier.save()
    return sorted(set(findings))


# Findings per file, kept across `mkdocs serve` rebuilds (the hook module stays
# loaded): file -> (its content: the text, or an attachment's digest; the allow-lists; the findings). A file's
# findings depend only on these and its name, so an unchanged file is not scanned again; any change of its
# content scans it again.
_SCAN_CACHE: dict = {}
_NAME_CACHE: dict = {}  # file -> (the allow-lists, the findings in its name), for the same rebuilds


def _known(file: str, content, allow_key) -> tuple | None:
    """The findings kept for this file when its content and the allow-lists are the same, else None."""
    before = _SCAN_CACHE.get(file)
    if before is not None and before[1] == allow_key and (before[0] is content or before[0] == content):
        return before[2]
    return None

# Kept for callers of the former module: a Markdown table scan over lines (tests of the rules use it).
__all__ += ["Cell", "Table", "markdown_tables", "html_tables", "normalise_header"]
