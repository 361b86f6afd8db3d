"""Text normalisation shared by the index builder and the browser client (content/assets/search/search.js).

Both sides must fold characters identically, one code point to one code point, so that positions in the
normalised text are positions in the original text (the client highlights matches in the original).

A character is folded in three steps:
1. NFKC and lower case, when that yields exactly one character (全角Ａ１ → a1, ［ → [);
2. traditional to simplified, by OpenCC's character table (軍 → 军, 撫卹 → 抚恤), taken from the `opencc`
   package at build time: a page or a query in traditional characters finds the simplified text;
3. the brackets of a 发文字号 to one pair: 〔2024〕, [2024], (2024), （2024） and 【2024】 are the same number.

The browser does step 1 itself (String.normalize) and gets steps 2 and 3 as a table (browser_table(), written
into the index as fold.json), so that both sides stay the same without shipping OpenCC.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..traditional import traditional_to_simplified

_SPACE = re.compile(r"\s+")
# Every bracket a 发文字号's year is written in (after NFKC: full-width ［（ are already [ and ( then).
OPEN_BRACKETS, CLOSE_BRACKETS = "([【〔〖", ")]】〕〗"
BRACKET = {**dict.fromkeys(OPEN_BRACKETS, "〔"), **dict.fromkeys(CLOSE_BRACKETS, "〕")}


def _base_fold(char: str) -> str:
    """Step 1: NFKC + lower case when that yields exactly one character, the same UTF-16 length."""
    folded = unicodedata.normalize("NFKC", char).lower()
    # Keep one character, and as many UTF-16 units as before: JavaScript indexes strings in UTF-16 units.
    if len(folded) != 1 or folded.isspace() or (ord(folded) > 0xFFFF) != (ord(char) > 0xFFFF):
        return char
    return folded


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """The folded form of one character (see the module's docstring); whitespace is a space."""
    if char.isspace():
        return " "
    folded = _base_fold(char)
    folded = traditional_to_simplified().get(folded, folded)
    return BRACKET.get(folded, folded)


def browser_table() -> dict[str, str]:
    """What search.js cannot compute itself: every character of the Basic Multilingual Plane whose fold differs
    from step 1 alone (traditional characters, brackets), with its fold."""
    table = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if char.isspace():
            continue
        folded = fold_char(char)
        if folded != _base_fold(char):
            table[char] = folded
    return table


_TABLE: dict[int, str] = {}
_KNOWN: set[str] = set()
# ASCII: lower case; what str.isspace() calls space; the brackets of a document number.
_ASCII = {**dict.fromkeys((9, 10, 11, 12, 13, 28, 29, 30, 31), " "),
          **{ord(c): BRACKET[c] for c in "()[]"}}


def fold(text: str) -> str:
    """Fold every character; the result has the same length as `text`."""
    if text.isascii():
        return text.lower().translate(_ASCII)
    missing = set(text) - _KNOWN  # a set difference in C: most texts bring no new character
    for char in missing:
        _TABLE[ord(char)] = fold_char(char)
    _KNOWN.update(missing)
    return text.translate(_TABLE)


def squeeze(text: str) -> str:
    """Collapse runs of whitespace to one space (what the stored text looks like)."""
    return _SPACE.sub(" ", text).strip()
