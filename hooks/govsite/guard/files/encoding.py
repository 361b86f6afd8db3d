"""The text of a text file, whatever encoding its author's tool saved it in.

Editors attach files saved by Excel or Notepad on a Chinese Windows PC: GBK/GB18030 without any mark, UTF-16
(Excel's "Unicode text"), sometimes Big5. A byte-order mark settles it; without one, each encoding that decodes
the bytes strictly is a candidate and the text it gives is judged: Chinese read in the right encoding is mostly
common characters, read in a wrong one it is rare characters, Korean syllables, private-use or control
characters (mojibake). charset-normalizer's guess is one more candidate: on its own it is unreliable on short
GBK files (it reads a two-line GBK CSV as Korean cp949), which is why it does not decide alone.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .model import Unreadable

_BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Encodings of Chinese text without a mark after UTF-8: GB18030 (a superset of GBK and GB2312, what Chinese
# Windows saves as "ANSI"), then Big5 (cp950: Windows' Big5, a superset of it).
LEGACY = ("gb18030", "cp950")
MIN_SCORE = 0.5  # below this the best reading is not Chinese (or any text) we can tell
WIDE_SCORE = 0.85  # UTF-16 without a mark decodes almost any bytes: its reading must be convincing
UTF8_SCORE = 0.9  # valid UTF-8 reading this plausibly is taken without looking further, …
UTF8_SEQUENCES = 3  # … and so is any plausible one with this many multi-byte characters (not found by chance)
# Valid UTF-8 with this many multi-byte characters is UTF-8 whatever script it is in (a stylesheet's or a script's
# Korean, Hindi or Thai words score low as Chinese): GBK text forms a valid UTF-8 sequence for about one
# character in ten, so 32 of them in a row of valid ones do not happen by chance.
UTF8_CERTAIN = 32
MARGIN = 0.15  # a likelier encoding whose reading is this close to the best one is a near tie …
PRIOR_SCORE = 0.85  # … which it wins when its reading is this plausible (UTF-8: MIN_SCORE), else it is refused
SAMPLE = 200_000  # characters judged: enough to tell, and a 50 MB CSV is not counted character by character
RESAVE = "请用记事本打开后另存为“UTF-8”编码，或转换为带文字层的 PDF 后再放入"


@functools.cache
def _common_hanzi() -> tuple[frozenset[str], frozenset[str]]:
    """(common, listed) Chinese characters: the 3,500 most used, simplified and traditional (common_hanzi.txt,
    made by tools/make_common_hanzi.py), and every other character of the GB2312 and Big5 tables (decoded from
    the code tables themselves)."""
    common: set[str] = set()
    for line in (Path(__file__).with_name("common_hanzi.txt")).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            common.update(line.partition("：")[2])
    listed = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            listed.add(bytes((lead, trail)).decode("gb2312", "ignore"))
    for lead in range(0xA4, 0xFA):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            listed.add(bytes((lead, trail)).decode("cp950", "ignore"))
    return frozenset(common), frozenset(c for c in listed if len(c) == 1 and "\u4e00" <= c <= "\u9fff") - common


def _weight(char: str, frequent: frozenset[str], less: frozenset[str]) -> float:
    """How plausible one character is in a Chinese government file: 1 for what such files are made of, 0 for
    what only a wrong decoding produces."""
    code = ord(char)
    if code < 0x80:
        return 1.0 if char.isprintable() or char in "\t\n\r\f" else 0.0  # control characters: binary
    if char in frequent:
        return 1.0
    if char in less:
        return 0.5
    if 0x3400 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF:
        return 0.15  # a real but rare character: names have some, mojibake has many
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or 0x2000 <= code <= 0x206F:
        return 1.0  # Chinese and full-width punctuation, general punctuation
    if code in (0xFEFF, 0xFFFD) or 0xE000 <= code <= 0xF8FF or 0xD800 <= code <= 0xDFFF:
        return 0.0
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return 0.0  # Korean syllables: what GBK read as cp949 turns into
    category = unicodedata.category(char)
    if category[0] in "CM" or category == "Zl" or category == "Zp":
        return 0.0  # controls, unassigned, lone combining marks
    if category[0] in "LN":
        return 0.5  # letters of other scripts: ordinary in a few words (é, α, №), suspicious in bulk
    return 0.8  # symbols: ①, ×, ─, ℃


_WEIGHTS: dict[str, float] = {}
# Control characters no text file holds (white space aside): bytes of a binary file that happen to be valid UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_PASSED_OVER = re.compile(r"[\x20-\x7e\t\n\r\f]+")  # printable ASCII (str.isprintable) and the white space kept


def plausibility(text: str) -> float:
    """The mean plausibility (0 to 1) of the characters of `text` that tell encodings apart: everything but
    printable ASCII, which reads the same in every candidate (a CSV of numbers with two names is judged by the
    names). Text without any such character scores 1."""
    # Speed: the characters passed over are removed in C first (a JSON file or a feed is mostly ASCII), so only
    # the telling ones are counted; they keep their order, so the sum below is the same.
    counts = Counter(_PASSED_OVER.sub("", text[:SAMPLE]))
    frequent, less = _common_hanzi()
    total = score = 0.0
    for char, n in counts.items():
        if char < "\x80" and (char.isprintable() or char in "\t\n\r\f"):
            continue
        total += n
        weight = _WEIGHTS.get(char)
        if weight is None:  # a pure function of the character: each is weighed once per process
            if len(_WEIGHTS) >= 200_000:
                _WEIGHTS.clear()
            weight = _WEIGHTS[char] = _weight(char, frequent, less)
        score += n * weight
    return score / total if total else 1.0


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as Python names it: utf-8, gb18030, utf-16-le …


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _normalizer_guess(data: bytes) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[:SAMPLE]).best()
    return best.encoding if best is not None else None


def _multibyte(text: str) -> int:
    sample = text[:SAMPLE]
    return len(sample) - len(sample.encode("ascii", "ignore"))  # the characters at or above U+0080


def decode(data: bytes) -> Decoded:
    """The text of `data` and its encoding. Raises Unreadable when no encoding reads it as plausible text, or
    when a likelier encoding reads it as a different text nearly as plausible as the best reading but is not
    convincing on its own."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], encoding)
            if text is None:
                raise Unreadable(f"文件开头标明是 {encoding.upper()} 编码，但内容不是这种编码，其中的个人信息无法检查；"
                                 f"{RESAVE}")
            return Decoded(text, encoding)
    # Candidates in the order of how likely a bureau's file is in them: a near tie goes to the earlier one.
    candidates: list[str] = []
    if b"\x00" not in data:
        text = _strict(data, "utf-8")  # pure ASCII is UTF-8 too
        if text is not None:
            # Valid UTF-8 is rarely anything else; a few GBK bytes can form it (谭志 reads as Hebrew and a
            # combining mark), which the other candidates then outscore.
            score = plausibility(text)
            multibyte = _multibyte(text)
            if score >= UTF8_SCORE or (score >= MIN_SCORE and multibyte >= UTF8_SEQUENCES) \
                    or multibyte >= UTF8_CERTAIN:
                return Decoded(text, "utf-8")
            candidates.append("utf-8")
        candidates += LEGACY
    elif len(data) % 4 == 0:  # NUL bytes: ASCII in UTF-32 or UTF-16 without a mark
        candidates += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0:  # UTF-16 of Chinese alone has no NUL byte (为 is 3A 4E)
        candidates += ["utf-16-le", "utf-16-be"]
    guess = _normalizer_guess(data) if len(data) >= 64 else None
    if guess and codecs.lookup(guess).name not in {codecs.lookup(c).name for c in candidates}:
        candidates.append(guess)
    readings = []  # (score, order, encoding, text)
    for order, encoding in enumerate(candidates):
        text = _strict(data, encoding)
        if text is not None:
            readings.append((plausibility(text), order, encoding, text))
    if not readings:
        raise Unreadable(f"无法确定文件的文字编码（或它不是文本文件），其中的个人信息无法检查；{RESAVE}")
    best = max(readings, key=lambda r: (r[0], -r[1]))
    for reading in sorted(readings, key=lambda r: r[1]):
        if reading[1] >= best[1]:
            break
        if reading[0] >= MIN_SCORE and best[0] - reading[0] < MARGIN and reading[3] != best[3]:
            if reading[0] < (MIN_SCORE if reading[2] == "utf-8" else PRIOR_SCORE):
                raise Unreadable(f"无法确定文件的文字编码（可能是 {reading[2]} 或 {best[2]}），其中的个人信息无法检查；"
                                 f"{RESAVE}")
            best = reading
            break
    if best[0] < (WIDE_SCORE if best[2].startswith("utf-16") or best[2].startswith("utf-32") else MIN_SCORE):
        utf8 = next((r for r in readings if r[2] == "utf-8"), None)
        if utf8 is not None and _CONTROL.search(utf8[3]) is None:
            # Valid UTF-8 that no other encoding reads as plausible text either: words of another script (a
            # script's Thai or Vietnamese letters, ranges of characters), which a browser reads as UTF-8 too.
            return Decoded(utf8[3], "utf-8")
        raise Unreadable(f"无法确定文件的文字编码（或它不是文本文件），其中的个人信息无法检查；{RESAVE}")
    return Decoded(best[3], best[2])


def decode_text(data: bytes) -> str:
    return decode(data).text
