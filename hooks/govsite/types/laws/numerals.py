"""Chinese numerals as used in article numbers (第一百零一条) and back."""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CHARS = frozenset(DIGITS) | frozenset(UNITS)


def chinese_to_int(text: str) -> int:
    """一百四十三 -> 143, 二百零一 -> 201, 十 -> 10, 一百一十 -> 110. Raises ValueError otherwise."""
    if not text or any(ch not in CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0:
                raise ValueError(f"two digits in a row: {text!r}")
            digit = DIGITS[ch] if DIGITS[ch] != 0 else None
            continue
        unit = UNITS[ch]
        if unit >= last_unit:
            raise ValueError(f"units out of order: {text!r}")
        if digit is None and not (unit == 10 and total == 0):
            raise ValueError(f"unit without a digit: {text!r}")  # only a leading 十 stands alone (第十五条)
        total += (digit if digit is not None else 1) * unit
        digit = None
        last_unit = unit
    if digit is not None:
        total += digit
    if total == 0:
        raise ValueError(f"zero is not an article number: {text!r}")
    return total


def int_to_chinese(number: int) -> str:
    """143 -> 一百四十三, 201 -> 二百零一, 10 -> 十, 110 -> 一百一十 (the way laws write them)."""
    if not 0 < number < 10_000:
        raise ValueError(number)
    names = "零一二三四五六七八九"
    parts = []
    zero_pending = False
    for unit, unit_name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = number // unit % 10
        if d == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(names[d] + unit_name)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text
