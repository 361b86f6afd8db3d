"""Traditional characters read as simplified ones, one character for one, shared by the stages that read Chinese
text: the search folds pages and questions with it (search/text.py), the guard reads a name or a label written
in traditional characters (聯繫人：陳建國) as the one in simplified characters it is (guard/personal)."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """OpenCC's traditional → simplified table for single characters of the Basic Multilingual Plane (a
    character to one character of the same UTF-16 length; phrases are not used: folding is per character)."""
    import opencc  # only the build needs it (the browser gets the table)

    candidates = [chr(c) for c in [*range(0x2E80, 0xA000), *range(0xF900, 0xFB00)]]
    converted = opencc.OpenCC("t2s").convert("\n".join(candidates)).split("\n")
    if len(converted) != len(candidates):  # a converter that joined or split lines: not a per-character table
        raise RuntimeError("OpenCC 繁简转换表读取失败")
    return {a: b for a, b in zip(candidates, converted)
            if a != b and len(b) == 1 and ord(b) <= 0xFFFF}


@lru_cache(maxsize=1)
def traditional_characters() -> re.Pattern:
    """Any character the table changes: a text without one reads the same folded."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(traditional_to_simplified())) + "]")


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    return {ord(a): b for a, b in traditional_to_simplified().items()}


def simplified(text: str) -> str:
    """`text` with each traditional character as its simplified one: the same length, the same places."""
    return text.translate(_translation())
