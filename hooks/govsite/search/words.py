"""What the browser needs to split a query typed without spaces into the words the index knows.

A question such as 烈士遗属有什么待遇 is found nowhere as written. search.js then splits it the way jieba does
(the most probable sequence of dictionary words, unknown characters costing most) against a dictionary made
here, at build time: the words of jieba's dictionary that occur in the index, with their frequency rounded
to a class (so the list is the site's own vocabulary, a few thousand words, not jieba's 350,000), the editor's
专用词语 found in the index and every synonym (as common words), and the filler words to drop
(data/search/vocabulary.yml). See docs/search.md.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .text import fold

MAX_WORD = 12  # longer dictionary entries are names of institutions nobody types whole
EDITOR_CLASS = 10  # the frequency class of the editor's words and synonyms: as common as 工作 or 政府


@dataclass(frozen=True)
class Vocabulary:
    """The editor's data, folded (govsite.types.search loads and checks it)."""

    fillers: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()  # the site owner's names: dropped from questions, not counted in titles


def frequency_class(frequency: int) -> int:
    """ln(frequency) rounded, 0 … 12: what the segmentation needs of jieba's counts (11 is 我们, 0 a word seen once)."""
    return max(0, min(12, round(math.log(max(1, frequency)))))


@lru_cache(maxsize=1)
def dictionary_words() -> dict[str, int]:
    """jieba's dictionary: its words of two to MAX_WORD Chinese characters, folded, with their frequency class."""
    import jieba  # only the index build needs it

    words: dict[str, int] = {}
    with jieba.dt.get_dict_file() as handle:
        entries = [line.split(" ") for line in handle.read().decode("utf-8").splitlines()]  # word, count, tag
    folded = fold(" ".join(entry[0] for entry in entries)).split(" ")  # one call, not 350,000
    chinese = re.compile(rf"[\u4e00-\u9fff]{{2,{MAX_WORD}}}")
    for word, entry in zip(folded, entries):
        if chinese.fullmatch(word):
            words[word] = max(words.get(word, 0), frequency_class(int(entry[1])))
    return words


def in_index(word: str, has_gram: Callable[[str], bool]) -> bool:
    """Whether the index may hold `word`: the word itself when it is an n-gram (2–4 characters), else every
    4-gram of it (the same test search.js makes before it confirms a long term)."""
    if len(word) <= 4:
        return has_gram(word)
    return all(has_gram(word[i:i + 4]) for i in range(len(word) - 3))


def words_file(vocabulary: Vocabulary | None, has_gram: Callable[[str], bool],
               dictionary: Mapping[str, int] | None = None) -> bytes:
    """words.json: {"words": {frequency class: its words, space-separated}, "fillers": filler words,
    "owner": the site owner's names, "synonyms": groups}. Deterministic for the same index and data."""
    vocabulary = vocabulary or Vocabulary()
    dictionary = dictionary_words() if dictionary is None else dictionary
    words = {w: c for w, c in dictionary.items() if in_index(w, has_gram)}
    editors: Iterable[str] = [*(w for w in vocabulary.words if in_index(w, has_gram)),
                              *(w for group in vocabulary.synonyms for w in group if len(w) >= 2)]
    for word in editors:
        words[word] = max(words.get(word, 0), EDITOR_CLASS)
    for filler in (*vocabulary.fillers, *vocabulary.owner):
        words.pop(filler, None)
    classes: dict[str, list[str]] = {}
    for word in sorted(words):
        classes.setdefault(str(words[word]), []).append(word)
    data = {"words": {c: " ".join(classes[c]) for c in sorted(classes, key=int)},
            "fillers": " ".join(vocabulary.fillers), "owner": " ".join(vocabulary.owner),
            "synonyms": [list(group) for group in vocabulary.synonyms]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
