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

from .. import derived
from .text import fold

MAX_WORD = 12  # longer dictionary entries are names of institutions nobody types whole
EDITOR_CLASS = 10  # the frequency class of the editor's words and synonyms: as common as 工作 or 政府
# A word of the language this common (jieba's count, about 时候, 情况, 几年, 每个) says little of what a question is
# about: when no page holds it, the site may still answer the question (什么时候发, 每个月有补助吗).
COMMON_COUNT = 3000
# jieba's tags of the language's function words: pronouns, adverbs, prepositions, conjunctions, particles, measure
# words, numerals, time words, modal and interjection characters. Its single characters of these tags this common
# (个, 那, 都, 着, 了 …; about forty) glue a sentence together and name nothing.
FUNCTION_TAGS = frozenset({"r", "d", "p", "c", "u", "q", "m", "t", "y", "e", "o",
                           "uj", "ul", "uz", "uv", "ud", "ug"})
PARTICLE_COUNT = 100000
# jieba's single-character verbs and adjectives this common (想, 进, 好, 去, 看, 走, 能 …; about forty) glue a
# question too when run together in a piece no page holds: 想进好学校 is "wants to get into a good school", and
# 想进好 is the asker's way of saying it, not a thing the site lacks (the site speaks of 入学 and 学校).
GLUE_TAGS = frozenset({"v", "a"})
GLUE_COUNT = 20000
# A word of the language this common (jieba's count) of three characters, two of them a word of the site (信用卡,
# 电动车, 结婚证, 党组织), is that word, not the site's word beside a character: 退伍军人办信用卡有没有优惠 asks about
# a card, not about 信用 (credit). Rarer words are left out for the size of words.json (3,558 words, 11.6 kB gzip,
# on the demo site at 20; 1,982 and 7 kB at 50, which lost half of what the words gave on the development sets).
OUTER_COUNT = 20
# An intent's page says in its own words what it is for (来访接待室, 信箱, 题库): a word of the page that at most this
# many records hold is the page's own, and may come with the intent like the words written for it.
PAGE_WORD_RECORDS = 3
PAGE_WORDS = 40  # at most this many per intent, the rarest first


@dataclass(frozen=True)
class Intent:
    """A thing a visitor wants to do and the page that does it (data/search/intents.yml), folded."""

    name: str
    url: str  # the page's site-relative URL ("services/")
    patterns: tuple[tuple[str, ...], ...]  # a question holding every word of one of them asks for this
    extra: tuple[str, ...] = ()  # words that may come with it without making it a question about something else
    file: str = ""  # where it is written, for the index build's message when the page does not exist
    line: int = 0


@dataclass(frozen=True)
class Vocabulary:
    """The editor's data, folded (govsite.types.search loads and checks it)."""

    fillers: tuple[str, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()  # the site owner's names: dropped from questions, not counted in titles
    # 俗称: (everyday words, the official terms the pages use for them); searched one way only
    everyday: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    intents: tuple[Intent, ...] = ()
    # 提问者用语: the asker's own words (kin, people, time, amounts): a piece of a question no page holds, made of
    # them and at most one more character (娃他爸, 老两口, 百年以后), is not what the question asks about
    asker: tuple[str, ...] = ()
    # 同类说法 of intents.yml: words that ask for the same thing (投诉, 举报, 揭发); a word of an intent's phrasing
    # or of its words that may come with it stands for each word of its class
    intent_classes: tuple[tuple[str, ...], ...] = ()
    # 称呼本局 and 其他事的入口 of intents.yml: the words a visitor addresses the bureau with (你们, 贵局), and the
    # intent a question so addressed goes to when the site has no answer to it (its name; "" for none)
    addressing: tuple[str, ...] = ()
    fallback_intent: str = ""
    # What the index build derives everyday words from (derive.py): the articles of the laws in force, and (text
    # in plain words, the article it cites) pairs; set by the search's adapter from the site's models
    articles: tuple[str, ...] = ()
    cited: tuple[tuple[str, str], ...] = ()


def frequency_class(frequency: int) -> int:
    """ln(frequency) rounded, 0 … 12: what the segmentation needs of jieba's counts (11 is 我们, 0 a word seen once)."""
    return max(0, min(12, round(math.log(max(1, frequency)))))


@lru_cache(maxsize=1)
def dictionary_counts() -> dict[str, int]:
    """jieba's dictionary: its words of two to MAX_WORD Chinese characters, folded, with their count."""
    return derived.cached("dictionary-counts", _read_dictionary)


def _read_dictionary() -> dict[str, int]:
    import jieba  # only the index build needs it

    words: dict[str, int] = {}
    with jieba.dt.get_dict_file() as handle:
        entries = [line.split(" ") for line in handle.read().decode("utf-8").splitlines()]  # word, count, tag
    folded = fold(" ".join(entry[0] for entry in entries)).split(" ")  # one call, not 350,000
    chinese = re.compile(rf"[\u4e00-\u9fff]{{2,{MAX_WORD}}}")
    for word, entry in zip(folded, entries):
        if chinese.fullmatch(word):
            words[word] = max(words.get(word, 0), int(entry[1]))
    return words


@lru_cache(maxsize=1)
def particles() -> str:
    """The language's commonest function characters (FUNCTION_TAGS, PARTICLE_COUNT in jieba's dictionary), folded,
    in code point order: in a piece of a question no page holds (个事情该找, 那笔) they show the asker's sentence run
    together, not a subject the site lacks (话费, 产假)."""
    return derived.cached("function-characters", _read_particles)


def _read_particles() -> str:
    import jieba  # only the index build needs it

    found = set()
    with jieba.dt.get_dict_file() as handle:
        for line in handle.read().decode("utf-8").splitlines():
            if line[1:2] != " ":  # only the single characters' lines are split
                continue
            word, count, tag = (line.split(" ") + ["", ""])[:3]
            if "\u4e00" <= word <= "\u9fff" and (
                    (tag.strip() in FUNCTION_TAGS and int(count) >= PARTICLE_COUNT)
                    or (tag.strip() in GLUE_TAGS and int(count) >= GLUE_COUNT)):
                found.add(fold(word))
    return "".join(sorted(found))


@lru_cache(maxsize=1)
def dictionary_words() -> dict[str, int]:
    """jieba's dictionary: its words of two to MAX_WORD Chinese characters, folded, with their frequency class."""
    return derived.cached("dictionary-words", lambda: {word: frequency_class(count)
                                                        for word, count in dictionary_counts().items()})


def common_words(vocabulary: Vocabulary, counts: Mapping[str, int] | None = None) -> list[str]:
    """The language's most common words of two to four characters (COMMON_COUNT), but the editor's: words that
    say little of what a question is about."""
    counts = dictionary_counts() if counts is None else counts
    editors = {*vocabulary.words, *(w for g in vocabulary.synonyms for w in g),
               *(w for says, official in vocabulary.everyday for w in (*says, *official)), *vocabulary.fillers}
    return sorted(w for w, c in counts.items() if c >= COMMON_COUNT and len(w) <= 4 and w not in editors)


def in_index(word: str, has_gram: Callable[[str], bool]) -> bool:
    """Whether the index may hold `word`: the word itself when it is an n-gram (2–4 characters), else every
    4-gram of it (the same test search.js makes before it confirms a long term)."""
    if len(word) <= 4:
        return has_gram(word)
    return all(has_gram(word[i:i + 4]) for i in range(len(word) - 3))


def outer_words(site_words: Iterable[str], counts: Mapping[str, int]) -> list[str]:
    """The language's words around the site's: three characters, used OUTER_COUNT times or more (`counts`, folded),
    not words of the site, whose first two or last two characters are one, as words.json keeps them: ["信用卡证 …",
    "动车电 …"], each entry a word of the site and the characters that follow it (信用卡, 信用证), then each
    entry a word of the site and the characters that come before it (电动车), in code point order."""
    site = set(site_words)
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for word in sorted(counts):
        if len(word) != 3 or counts[word] < OUTER_COUNT or word in site:
            continue
        if word[:2] in site:
            after[word[:2]] = after.get(word[:2], "") + word[2]
        elif word[1:] in site:
            before[word[1:]] = before.get(word[1:], "") + word[0]
    return [" ".join(k + after[k] for k in sorted(after)), " ".join(k + before[k] for k in sorted(before))]


def words_file(vocabulary: Vocabulary | None, has_gram: Callable[[str], bool],
               dictionary: Mapping[str, int] | None = None, laws: Iterable[int] = (),
               intents: Iterable[tuple[int, Intent]] = (), common: Iterable[str] | None = None,
               function_characters: str | None = None,
               own_words: Mapping[int, Iterable[str]] | None = None,
               records_holding: Callable[[str], int] | None = None,
               counts: Mapping[str, int] | None = None,
               derived: Iterable[tuple[tuple[str, ...], tuple[str, ...]]] = ()) -> bytes:
    """words.json: {"words": {frequency class: its words, space-separated}, "fillers": filler words,
    "owner": the site owner's names, "synonyms": groups, "everyday": [[everyday words], [official terms]],
    "laws": record ids of the laws' own pages (their names are their titles), "intents": [record id of the page,
    [[words of a phrasing], …], [words that may come with it], name, [the page's own words (own_words,
    page_words())], {cue word: records holding it (cue_records())}], "common": the language's common words
    (common_words()), "asker": the asker's own words (Vocabulary.asker), "intentClasses": the intents' classes of
    words that ask for the same thing, "addressing" and "intentFallback": the words addressing the bureau and the
    name of the intent such a question goes to when the site has no answer to it, "particles": the language's
    commonest function characters (particles()),
    "outer": the language's words around the site's (outer_words(); from `counts`, by default jieba's when the
    dictionary is, else none)}. Deterministic for the same index and data."""
    vocabulary = vocabulary or Vocabulary()
    common = common_words(vocabulary) if common is None else list(common)
    function_characters = particles() if function_characters is None else function_characters
    if counts is None:
        counts = dictionary_counts() if dictionary is None else {}
    dictionary = dictionary_words() if dictionary is None else dictionary
    words = {w: c for w, c in dictionary.items() if in_index(w, has_gram)}
    # Everyday words are not in the pages: they are words all the same, so that a question is split at them.
    editors: Iterable[str] = [*(w for w in vocabulary.words if in_index(w, has_gram)),
                              *(w for group in vocabulary.synonyms for w in group if len(w) >= 2),
                              *(w for says, official in vocabulary.everyday for w in (*says, *official)
                                if len(w) >= 2)]
    for word in editors:
        words[word] = max(words.get(word, 0), EDITOR_CLASS)
    for filler in (*vocabulary.fillers, *vocabulary.owner):
        words.pop(filler, None)
    said = {w for says, _ in vocabulary.everyday for w in says}
    derived_left = [(says, official) for says, official in derived if not set(says) & said]
    classes: dict[str, list[str]] = {}
    for word in sorted(words):
        classes.setdefault(str(words[word]), []).append(word)
    data = {"words": {c: " ".join(classes[c]) for c in sorted(classes, key=int)},
            "fillers": " ".join(vocabulary.fillers), "owner": " ".join(vocabulary.owner),
            "synonyms": [list(group) for group in vocabulary.synonyms],
            "everyday": [[list(says), list(official)] for says, official in vocabulary.everyday],
            "derived": [[list(says), list(official)] for says, official in derived_left],
            "laws": sorted(laws),
            "intents": [[rid, [list(p) for p in intent.patterns], list(intent.extra), intent.name,
                         sorted(set((own_words or {}).get(rid, ())) - set(vocabulary.fillers)),
                         cue_records(intent, vocabulary, (own_words or {}).get(rid, ()), records_holding)]
                        for rid, intent in intents],
            "common": " ".join(common), "asker": " ".join(vocabulary.asker),
            "intentClasses": [list(c) for c in vocabulary.intent_classes], "particles": function_characters,
            "addressing": list(vocabulary.addressing), "intentFallback": vocabulary.fallback_intent,
            # Around the asker's own words the language's words are the asker's too (家里人: 家里 and 人).
            "outer": outer_words(set(words) - set(vocabulary.asker), counts)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def page_words(text: str, records_holding: Callable[[str], int], common: Iterable[str] = ()) -> list[str]:
    """The words a page has of its own (PAGE_WORD_RECORDS): jieba's words of two to four Chinese characters in
    `text` held by at most that many records (`records_holding`), not among the language's `common` words; the
    rarest and most repeated first, at most PAGE_WORDS, then in code point order. Deterministic."""
    from .. import segmenter  # only the index build needs it

    counts: dict[str, int] = {}
    for word in segmenter.ready().cut(fold(text)):
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", word):
            counts[word] = counts.get(word, 0) + 1
    skip = set(common)
    found = [(records_holding(w), -n, w) for w, n in counts.items() if w not in skip]
    found = sorted(f for f in found if 0 < f[0] <= PAGE_WORD_RECORDS)[:PAGE_WORDS]
    return sorted(w for _, _, w in found)


def cue_records(intent: Intent, vocabulary: Vocabulary, own: Iterable[str],
                records_holding: Callable[[str], int] | None) -> dict[str, int]:
    """How many records hold each cue word of an intent (its phrasings', the words that may come with it, their
    classes', its page's own) of two to four characters: a word most pages hold (军人, 工作) says little of which
    page a question wants, one few hold (下班, 过时) much. Those no record holds are left out (read as rare)."""
    if records_holding is None:
        return {}
    words = {w for p in intent.patterns for w in p} | set(intent.extra) | set(own)
    for members in vocabulary.intent_classes:
        if words & set(members):
            words |= set(members)
    counts = {w: records_holding(w) for w in sorted(words) if 2 <= len(w) <= 4}
    return {w: n for w, n in counts.items() if n}
