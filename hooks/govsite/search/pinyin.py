"""What the browser needs to correct a character typed for another of the same sound (同音字: 扶恤金 for 抚恤金).

People type Chinese by its sound (pinyin input), and pick the wrong character of a syllable: the word typed is
then on no page, while a word of the site sounds exactly the same. search.js looks for such a word when a word of
a query is found nowhere. It needs the sound of the characters typed and of the site's words: pinyin.json, made
here with pypinyin, without tones (input methods ignore them):

    {"sounds": {"ba": "八巴吧…", "bai": "白百…", …},   each character under its usual reading
     "words": {"银行": "yin hang", …},                  the site's words read otherwise than their characters' usual
                                                          readings put together (pypinyin reads words as phrases)
     "real": "一半 今年 视力 …"}                          words of the language in common use that sound like a word of
                                                          the site: typed as meant, never corrected (real_words)

Only usual readings: a rare reading of a character (月 as ru) would make words sound alike that nobody confuses.
Which characters: the 3,755 of GB2312's first level (the common ones, what a slip of the input method gives) and
every character of the site's own words (words.json). About 15 kB with gzip, fetched only when a query has a
piece no page holds. See docs/search.md.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache

# A word of the language this common (jieba's count) that sounds like a word of the site is typed as meant (一半 is
# not 一般, 视力 not 势力, 今年 not 近年): the words people slip into by the input method are rare ones (保户 for
# 保护: 4, 补注 for 补助: 3).
REAL_WORD_COUNT = 100


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
    """Character -> its toneless readings, the usual one first (pypinyin's table of single characters). Kept from
    one build to the next (derived.py): working it out takes a second of the index's CPU in every build."""
    from .. import derived

    return derived.cached("pinyin-usual", _usual_readings)


def _usual_readings() -> dict[str, list[str]]:
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


def real_words(site_words: Iterable[str], readings: dict[str, str], counts: dict[str, int] | None = None) -> list[str]:
    """Words of the language in common use (jieba's dictionary, REAL_WORD_COUNT) that are not the site's and sound
    like one of its words as search.js compares them (soundAlikes: the same toneless syllables, the same length,
    at least one character the same and at most half of them different), sorted: what a visitor typed as meant.
    `readings`: the site's words read as phrases (word_readings)."""
    if counts is None:
        from .words import dictionary_counts  # the index build's; tests pass their own
        counts = dictionary_counts()
    usual = _usual()
    site = set(site_words)

    def sound(word: str) -> tuple[str, ...] | None:
        return tuple(usual[c][0] for c in word) if all(usual.get(c) for c in word) else None
    by_sound: dict[tuple[str, ...], list[str]] = {}
    for word in site:
        key = tuple(readings[word].split()) if word in readings else sound(word)
        if key and len(word) >= 2:
            by_sound.setdefault(key, []).append(word)
    found = []
    for word, count in counts.items():
        if count < REAL_WORD_COUNT or word in site:
            continue
        key = sound(word)
        for other in by_sound.get(key, ()) if key else ():
            same = sum(a == b for a, b in zip(word, other))
            if len(other) == len(word) and same >= 1 and len(word) - same <= math.ceil(len(word) / 2):
                found.append(word)
                break
    return sorted(found)


def pinyin_file(site_words: Iterable[str], counts: dict[str, int] | None = None) -> bytes:
    """pinyin.json for an index whose words are `site_words`. Deterministic for the same words. `counts`: the
    language's words and their counts (default: jieba's dictionary)."""
    site_words = list(site_words)
    characters = set(common_characters())
    for word in site_words:
        characters.update(word)
    readings = word_readings(site_words)
    data = {"sounds": sounds(characters), "words": readings, "real": " ".join(real_words(site_words, readings, counts))}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
