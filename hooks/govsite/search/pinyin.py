"""What the browser needs to correct a character typed for another of the same sound (同音字: 扶恤金 for 抚恤金).

People type Chinese by its sound (pinyin input), and pick the wrong character of a syllable: the word typed is
then on no page, while a word of the site sounds exactly the same. search.js looks for such a word when a word of
a query is found nowhere. It needs the sound of the characters typed and of the site's words: pinyin.json, made
here with pypinyin, without tones (input methods ignore them):

    {"sounds": {"ba": "八巴吧…", "bai": "白百…", …},   each character under its usual reading
     "words": {"银行": "yin hang", …}}                  the site's words read otherwise than their characters' usual
                                                          readings put together (pypinyin reads words as phrases)

Only usual readings: a rare reading of a character (月 as ru) would make words sound alike that nobody confuses.
Which characters: the 3,755 of GB2312's first level (the common ones, what a slip of the input method gives) and
every character of the site's own words (words.json). About 15 kB with gzip, fetched only when a query has a
piece no page holds. See docs/search.md.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1)
def common_characters() -> str:
    """GB2312's first level (rows 16–55): the 3,755 characters in common use, in GB2312's order (by sound)."""
    found = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                found.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:  # the unassigned end of row 55
                continue
    return "".join(found)


@lru_cache(maxsize=1)
def _usual() -> dict[str, list[str]]:
    """Character -> its toneless readings, the usual one first (pypinyin's table of single characters)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    out = {}
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            toneless = list(dict.fromkeys(to_normal(r) for r in readings.split(",")))
            out[chr(code)] = [r for r in toneless if r.isascii() and r.isalpha()]
    return out


def sounds(characters: Iterable[str]) -> dict[str, str]:
    """Toneless syllable -> the Chinese characters given whose usual reading it is (sorted)."""
    usual = _usual()
    out: dict[str, list[str]] = {}
    for char in sorted(set(characters)):
        readings = usual.get(char)
        if readings:
            out.setdefault(readings[0], []).append(char)
    return {syllable: "".join(chars) for syllable, chars in sorted(out.items())}


def word_readings(words: Iterable[str]) -> dict[str, str]:
    """The words read otherwise than their characters' usual readings one after another (银行: yin hang). Only
    words with a character of several readings are read as phrases (pypinyin's phrases take a second for all)."""
    from pypinyin import Style, lazy_pinyin  # only the index build needs it

    usual = _usual()
    out = {}
    for word in sorted(set(words)):
        if not all(c in usual and usual[c] for c in word) or all(len(usual[c]) == 1 for c in word):
            continue
        as_phrase = lazy_pinyin(word, style=Style.NORMAL)
        if len(as_phrase) == len(word) and as_phrase != [usual[c][0] for c in word]:
            out[word] = " ".join(as_phrase)
    return out


def preload() -> None:
    """Read pypinyin's tables now (about a second), while MkDocs renders the first pages, not after the last one."""
    from pypinyin import lazy_pinyin

    _usual()
    lazy_pinyin("银行")


def pinyin_file(site_words: Iterable[str]) -> bytes:
    """pinyin.json for an index whose words are `site_words`. Deterministic for the same words."""
    site_words = list(site_words)
    characters = set(common_characters())
    for word in site_words:
        characters.update(word)
    data = {"sounds": sounds(characters), "words": word_readings(site_words)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
