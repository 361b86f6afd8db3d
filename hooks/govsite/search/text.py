"""Text normalisation shared by the index builder and the browser client (content/assets/search/search.js).

Both sides must fold characters identically, one code point to one code point, so that positions in the
normalised text are positions in the original text (the client highlights matches in the original).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """NFKC + lower case when that yields exactly one character (全角Ａ１ → a1); otherwise the character itself."""
    if char.isspace():
        return " "
    folded = unicodedata.normalize("NFKC", char).lower()
    # Keep one character, and as many UTF-16 units as before: JavaScript indexes strings in UTF-16 units.
    if len(folded) != 1 or folded.isspace() or (ord(folded) > 0xFFFF) != (ord(char) > 0xFFFF):
        return char
    return folded


_TABLE: dict[int, str] = {}
_KNOWN: set[str] = set()
_ASCII_SPACE = dict.fromkeys((9, 10, 11, 12, 13, 28, 29, 30, 31), " ")  # what str.isspace() calls space


def fold(text: str) -> str:
    """Fold every character; the result has the same length as `text`."""
    if text.isascii():
        return text.lower().translate(_ASCII_SPACE)
    missing = set(text) - _KNOWN  # a set difference in C: most texts bring no new character
    for char in missing:
        _TABLE[ord(char)] = fold_char(char)
    _KNOWN.update(missing)
    return text.translate(_TABLE)


def squeeze(text: str) -> str:
    """Collapse runs of whitespace to one space (what the stored text looks like)."""
    return _SPACE.sub(" ", text).strip()
