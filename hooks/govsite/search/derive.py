"""Everyday words derived from the site's own text at build time, beside the editor's 俗称 (data/search/synonyms.yml).

The editor writes an everyday word and the official terms it stands for one by one. Two kinds of text on the site
link a word to an official term by themselves, and the index build reads them (docs/search.md, "Everyday words
the site's own text gives"):

- A definition in a law in force (本条例所称抚恤优待对象包括：（一）军人；…（五）退役军人; 本法所称军人家属，是
  指军人的配偶、父母（扶养人）、未成年子女…): each member it names is also looked for as the term defined, one
  way, so that a question about 未成年子女 reaches the articles written for 军人家属. A member two definitions
  name (军官: 军人 and 退役军人) is left out: which one the asker means is not known; so is one most records hold
  (退役军人, 父母), which finds plenty as typed.
- A text in plain words that cites an article (a 政策问答 question, a benefit's name and summary in 政策找找看, a
  case's title and summary): a word of it that no law in force uses (公交, 飞机, 烈士墓) is the plain way of saying a
  word of the cited article that the plain text does not use and that shares two of its characters (公交 and
  公共交通, 烈士墓 and 烈士陵园) or, for a word of two characters, its last one, the head of a Chinese compound
  (飞机 and 班机). The index build keeps the official words it holds on few records (words.py, DERIVED_SHARE).

Both are one way and searched after the words as typed, exactly as the editor's 俗称; an everyday word the editor
writes is the editor's (the derived one is dropped).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from .. import derived
from .text import fold

_CJK = re.compile(r"[\u4e00-\u9fff]+")
# Matched on folded text (text.fold: NFKC, so the full-width comma and colon are ASCII; brackets are 〔〕).
_DEFINITION = re.compile(r"(?:本法|本条例|本规定|本办法)所称([\u4e00-\u9fff]{2,8})[,，]?\s*(?:是指|包括)([^。]+)")
_ITEMS = re.compile(r"[^\u4e00-\u9fff]+")  # any punctuation, space or enumeration mark ends an item
_JOINED = re.compile(r"以及|或者|和|及")
_NOTE = re.compile(r"[（(〔\[【][^）)〕\]】]*[）)〕\]】]")
_MEMBER = (2, 8)  # characters of a member named by a definition
_PLAIN = (2, 4)  # characters of a plain word
_OFFICIAL = (2, 6)  # characters of a word of a cited article
# A plain word jieba has counted fewer times than this is mostly a cut of its own across two words (为名, 经区).
PLAIN_MIN_COUNT = 50


def definition_members(text: str) -> list[tuple[str, str]]:
    """(member, term) for each member a definition in `text` names (本法所称X包括/是指 …), in text order: the list is
    cut at its punctuation and enumeration marks; of each item, notes in brackets (扶养人) are dropped, then what a
    的 qualifies (the last part: 退出现役的残疾军人 → 残疾军人), 等 or 等人员 at its end, and 和/以及/或者 join two."""
    found: list[tuple[str, str]] = []
    for match in _DEFINITION.finditer(fold(text)):
        term, body = match.group(1), match.group(2)
        for item in _ITEMS.split(_NOTE.sub("", body)):
            item = re.sub(r"等(?:人员)?$", "", item.rsplit("的", 1)[-1].strip())
            for member in _JOINED.split(item):
                if _MEMBER[0] <= len(member) <= _MEMBER[1] and _CJK.fullmatch(member) and member != term:
                    found.append((member, term))
    return found


def definition_links(texts: Iterable[str], common: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(member, term) of every definition of `texts` (the articles of the laws in force), in code point order. Left
    out: a member named by definitions of two terms; one held by fewer than two of `texts` (a phrase of the
    definition, 以一定形式记录, not a name the laws use); one inside its term (信息 of 政府信息: broader, not a
    member); one of the language's `common` words."""
    texts = list(texts)
    terms: dict[str, set[str]] = {}
    for text in texts:
        for member, term in definition_members(text):
            terms.setdefault(member, set()).add(term)
    skip = set(common)

    def named(member: str) -> bool:
        return sum(1 for text in texts if member in text) >= 2

    return sorted((m, next(iter(t))) for m, t in terms.items()
                  if len(t) == 1 and m not in skip and m not in next(iter(t)) and named(m))


def _cut(text: str, size: tuple[int, int]) -> list[str]:
    import jieba  # only the index build needs it

    low, high = size
    return [w for w in dict.fromkeys(jieba.cut(text)) if low <= len(w) <= high and _CJK.fullmatch(w)]


def aligned(plain: str, official: str, nouns: frozenset[str] | set[str] = frozenset()) -> int:
    """How strongly `plain` says what `official` says, by their characters: the number they share when two or more
    (公交 and 公共交通: 2), 1 for a noun of two characters (`nouns`) and a word ending in the same character, the head
    of a Chinese compound, that share no other (飞机 and 班机; not 为名 and 姓名, 为名 being no noun), else 0."""
    shared = len(set(plain) & set(official))
    if shared >= 2:
        return shared
    return 1 if shared == 1 and len(plain) == 2 and plain[-1] == official[-1] and plain in nouns else 0


@lru_cache(maxsize=1)
def dictionary_nouns() -> frozenset[str]:
    """jieba's words tagged as nouns (n, nr, ns, nt, nz …), folded: what aligned() takes for a compound's head."""
    return frozenset(derived.cached("dictionary-nouns", _read_nouns))


def _read_nouns() -> list[str]:
    import jieba  # only the index build needs it

    with jieba.dt.get_dict_file() as handle:
        entries = [line.split(" ") for line in handle.read().decode("utf-8").splitlines()]
    return sorted(fold(e[0]) for e in entries if len(e) > 2 and e[2].startswith("n") and _CJK.fullmatch(e[0]))


def cited_links(pairs: Iterable[tuple[str, str]], law_text: str, counts: Mapping[str, int],
                common: Iterable[str] = (), nouns: frozenset[str] | set[str] = frozenset()
                ) -> list[tuple[str, tuple[str, ...]]]:
    """(plain word, official words) from (plain text, text of an article it cites) pairs, in code point order.
    A plain word: a word of the plain text (jieba's cut, two to four characters) in no law in force (`law_text`,
    folded), counted PLAIN_MIN_COUNT times or more in jieba's dictionary (`counts`) and not one of the language's
    `common` words. Its official words: the words of the cited article (two to six characters) the plain text does
    not hold that are best aligned() with it, over every pair that has it."""
    skip = set(common)
    best: dict[str, tuple[int, set[str]]] = {}
    for plain_text, article in pairs:
        plain_text, article = fold(plain_text), fold(article)
        officials = [w for w in _cut(article, _OFFICIAL) if w not in plain_text]
        for word in _cut(plain_text, _PLAIN):
            if word in law_text or word in skip or counts.get(word, 0) < PLAIN_MIN_COUNT:
                continue
            for official in officials:
                score = aligned(word, official, nouns)
                if not score:
                    continue
                kept = best.get(word)
                if kept is None or score > kept[0]:
                    best[word] = (score, {official})
                elif score == kept[0]:
                    kept[1].add(official)
    return [(word, tuple(sorted(best[word][1]))) for word in sorted(best)]


def site_texts(site) -> tuple[list[str], list[tuple[str, str]]]:
    """The articles of the laws in force, and (plain text, cited article) pairs of the 政策问答 questions, the
    benefits' names and summaries and the cases' titles and summaries: what the links are derived from."""
    library = site.models.get("laws") if site is not None else None
    articles: list[str] = []
    for law in getattr(library, "laws", {}).values():
        if law.repealed is not None or law.current is None or law.current.parsed is None:
            continue
        articles += ["".join(item.paragraphs) for item in law.current.parsed.items if hasattr(item, "paragraphs")]
    pairs: list[tuple[str, str]] = []

    def add(text: str, citations) -> None:
        for citation in citations:
            article = getattr(citation, "article", None)
            if article is not None and not getattr(citation.law, "repealed", None):
                pairs.append((text, "".join(article.paragraphs)))

    for topic in (site.models.get("qa") or ()) if site is not None else ():
        for answer in topic.answers:
            add(answer.question, answer.citations)
    services = site.models.get("services") if site is not None else None
    for benefit in getattr(services, "benefits", ()):
        add(f"{benefit.data.get('名称', '')}。{benefit.data.get('概要', '')}", [c for _, c in benefit.citations])
    for case in (site.models.get("cases") or ()) if site is not None else ():
        add(f"{case.data.get('案例名称', '')}。{case.data.get('描述', '')}", case.citations)
    return articles, pairs


# An official word of a cited article held by more than this share of the records (人民政府, 个人, 条例) says
# nothing of that article: the plain word is not linked to it.
DERIVED_SHARE = 0.02


def everyday_links(articles: Iterable[str], pairs: Iterable[tuple[str, str]], counts: Mapping[str, int],
                   common: Iterable[str], records_holding, records: int) -> list[tuple[tuple[str, ...],
                                                                                   tuple[str, ...]]]:
    """The derived everyday words, as words.json writes the editor's: ((word,), (official terms …)), the word's
    terms from definitions first, then those of the articles cited; an official term on no record is dropped, and
    one of a cited article held by more than DERIVED_SHARE of the records (`records_holding`), as is a member of a
    definition held by more. Deterministic."""
    articles = [fold(a) for a in articles]
    common = list(common)
    grams = records_holding

    def records_holding(word: str) -> int:  # a term longer than an n-gram: at most as many as its rarest 4-gram
        return min(grams(word[i:i + 4]) for i in range(max(1, len(word) - 3)))

    found: dict[str, list[str]] = {}
    limit = max(3, records * DERIVED_SHARE)
    # A member most records hold already (退役军人, 军人, 父母) finds plenty as typed: its term would be one more list
    # fetched for most questions (measured: a file more per query, the hits of one question in fourteen reordered)
    # for no first hit gained on the question sets.
    for member, term in definition_links(articles, common):
        if records_holding(term) and records_holding(member) <= limit:
            found.setdefault(member, []).append(term)
    for word, officials in cited_links(pairs, "\n".join(articles), counts, common, dictionary_nouns()):
        kept = [w for w in officials if 0 < records_holding(w) <= limit]
        if kept:
            found.setdefault(word, []).extend(w for w in kept if w not in found.get(word, ()))
    return [((word,), tuple(found[word])) for word in sorted(found)]
