"""What the browser needs to split a query typed without spaces into the words the index knows.

A question such as 烈士遗属有什么待遇 is found nowhere as written. search.js then splits it by longest match
against a dictionary made here, at build time: the words of jieba's dictionary that occur in the index (so the
list is the site's own vocabulary, a few thousand words, not jieba's 350,000), the editor's 专用词语 found in
the index, every synonym, and the filler words to drop (data/search/vocabulary.yml). See docs/search.md.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .text import fold

MAX_WORD = 12  # longer dictionary entries are names of institutions nobody types whole


@dataclass(frozen=True)
class Vocabulary:
    """The editor's data, folded (govsite.types.search loads and checks it)."""

    fillers: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = ()


def _chinese(word: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in word)


@lru_cache(maxsize=1)
def dictionary_words() -> tuple[str, ...]:
    """jieba's dictionary: its words of two to MAX_WORD Chinese characters, folded, sorted."""
    import jieba  # only the index build needs it

    words = set()
    with jieba.dt.get_dict_file() as handle:
        for line in handle:
            word = fold(line.decode("utf-8").split(" ", 1)[0])
            if 2 <= len(word) <= MAX_WORD and _chinese(word):
                words.add(word)
    return tuple(sorted(words))


def in_index(word: str, has_gram: Callable[[str], bool]) -> bool:
    """Whether the index may hold `word`: the word itself when it is an n-gram (2–4 characters), else every
    4-gram of it (the same test search.js makes before it confirms a long term)."""
    if len(word) <= 4:
        return has_gram(word)
    return all(has_gram(word[i:i + 4]) for i in range(len(word) - 3))


def words_file(vocabulary: Vocabulary | None, has_gram: Callable[[str], bool],
               dictionary: Iterable[str] | None = None) -> bytes:
    """words.json: {"words": the segmentation dictionary, space-separated; "fillers": filler words;
    "synonyms": groups}. Deterministic for the same index and data."""
    vocabulary = vocabulary or Vocabulary()
    dictionary = dictionary_words() if dictionary is None else dictionary
    words = {w for w in dictionary if in_index(w, has_gram)}
    words.update(w for w in vocabulary.words if in_index(w, has_gram))
    words.update(w for group in vocabulary.synonyms for w in group if len(w) >= 2)
    words.difference_update(vocabulary.fillers)
    data = {"words": " ".join(sorted(words)), "fillers": " ".join(vocabulary.fillers),
            "synonyms": [list(group) for group in vocabulary.synonyms]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
