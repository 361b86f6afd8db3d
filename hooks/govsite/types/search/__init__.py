"""站内搜索的词语 (data/search/): the words an editor keeps for the site's search.

- vocabulary.yml: filler words dropped from a question, the bureau's names, words of this site a general
  dictionary lacks;
- synonyms.yml: groups of synonyms, and the everyday words visitors use for the official terms of the pages
  (俗称: 说法 → 正式说法, looked for one way only);
- intents.yml: things a visitor wants to do (办事入口) and the page that does them, put first when a question asks
  for nothing else.

No pages: the search index (govsite.search) ships them to the browser (words.json); an intent's page is resolved
to its search record there (a page that does not exist is an error of the index build, naming the line).
"""
from __future__ import annotations

from pathlib import Path

from ...build import load_yaml_checked
from ...model import ContentType, Site
from ...search.text import fold
from ...search.words import Intent, Vocabulary

VOCABULARY_FILE = "search/vocabulary.yml"
SYNONYMS_FILE = "search/synonyms.yml"
INTENTS_FILE = "search/intents.yml"
_HERE = Path(__file__).parent


class SearchVocabulary(ContentType):
    name = "search"
    label = "站内搜索"

    def load(self, site: Site) -> None:
        site.models[self.name] = Vocabulary()
        loaded = {}
        for key, name, schema in (("vocabulary", VOCABULARY_FILE, "vocabulary.schema.json"),
                                  ("synonyms", SYNONYMS_FILE, "synonyms.schema.json"),
                                  ("intents", INTENTS_FILE, "intents.schema.json")):
            path = site.data_dir / name
            if path.exists():
                located = load_yaml_checked(site, path, _HERE / schema)
                if located is not None:
                    loaded[key] = located
        site.models[self.name] = _checked(site, loaded)


def _checked(site: Site, loaded: dict) -> Vocabulary:
    """The vocabulary, each word folded as the index folds text; contradictions are errors that name the line."""
    problems = site.problems
    fillers: dict[str, int] = {}
    owner: list[str] = []
    words: list[str] = []
    asker: list[str] = []
    vocabulary = loaded.get("vocabulary")
    if vocabulary is not None:
        data = vocabulary.data
        for i, word in enumerate(data.get("忽略词语", [])):
            key = fold(word)
            if key in fillers:
                problems.error(vocabulary.file, vocabulary.line_of(("忽略词语", i)), f"忽略词语第{i + 1}项",
                               f"“{word}”重复（已在第{fillers[key] + 1}项）")
            fillers.setdefault(key, i)
        owner = _word_list(vocabulary, problems, "本局名称", (
            (lambda key, kept: key in kept, "“{word}”重复"),
            (lambda key, kept: key in fillers, "“{word}”已在忽略词语中；本局名称不必再写在那里")))
        words = _word_list(vocabulary, problems, "专用词语", (
            (lambda key, kept: len(key) < 2, "“{word}”只有一个字；专用词语至少两个字"),
            (lambda key, kept: key in fillers, "“{word}”也在忽略词语中，二者只能选一"),
            (lambda key, kept: key in kept, "“{word}”重复")))
        asker = _word_list(vocabulary, problems, "提问者用语", (
            (lambda key, kept: key in kept, "“{word}”重复"),
            (lambda key, kept: key in fillers, "“{word}”也在忽略词语中，二者只能选一"),
            (lambda key, kept: key in words, "“{word}”也在专用词语中：本站的词不是提问者用语")))
    groups, everyday = _synonyms(site, loaded.get("synonyms"), fillers)
    intents = _intents(site, loaded.get("intents"))
    addressing, fallback = _addressing(site, loaded.get("intents"), intents)
    return Vocabulary(fillers=tuple(fillers), synonyms=groups, words=tuple(words), owner=tuple(owner),
                      everyday=everyday, intents=intents, asker=tuple(asker),
                      intent_classes=_intent_classes(site, loaded.get("intents")),
                      addressing=addressing, fallback_intent=fallback)


def _word_list(vocabulary, problems, field: str, rules) -> list[str]:
    """The folded words of one list of vocabulary.yml. A word breaking a rule — (test of its folded form against
    the words kept before it, message) — is reported with the first such rule's message at its line, not kept."""
    kept: list[str] = []
    for i, word in enumerate(vocabulary.data.get(field, [])):
        key = fold(word)
        message = next((message for broken, message in rules if broken(key, kept)), None)
        if message is None:
            kept.append(key)
        else:
            problems.error(vocabulary.file, vocabulary.line_of((field, i)), f"{field}第{i + 1}项",
                           message.format(word=word))
    return kept


def _synonyms(site: Site, located, fillers: dict) -> tuple[tuple, tuple]:
    if located is None:
        return (), ()
    problems, data, file = site.problems, located.data, located.file
    groups = _word_groups(site, located, "同义词", "已在第{g}组同义词中；意思相同的说法请写在同一组",
                          dict.fromkeys(fillers, "也在忽略词语中：被忽略的词不会再按同义词查找"))
    everyday: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    said_in: dict[str, int] = {}
    for e, entry in enumerate(data.get("俗称", [])):
        official = tuple(dict.fromkeys(fold(w) for w in entry.get("正式说法", [])))
        says: list[str] = []
        for j, word in enumerate(entry.get("说法", [])):
            key = fold(word)
            where, field = located.line_of(("俗称", e, "说法", j)), f"俗称第{e + 1}条说法第{j + 1}项"
            if key in official:
                problems.error(file, where, field, f"“{word}”就是本条的正式说法，不必再写在说法中")
            elif key in said_in:
                problems.error(file, where, field, f"“{word}”已在第{said_in[key] + 1}条俗称中；同一个说法只写一次")
            elif key in fillers:
                problems.error(file, where, field, f"“{word}”也在忽略词语中：被忽略的词不会再按俗称查找")
            else:
                says.append(key)
                said_in[key] = e
        if says and official:
            everyday.append((tuple(says), official))
    return tuple(groups), tuple(everyday)


def _intents(site: Site, located) -> tuple[Intent, ...]:
    if located is None:
        return ()
    found: list[Intent] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(located.data.get("入口", [])):
        name = str(entry.get("名称", ""))
        if name in seen:
            site.problems.error(located.file, located.line_of(("入口", i, "名称")), f"入口第{i + 1}项 名称",
                                f"“{name}”重复（已在第{seen[name] + 1}项）")
            continue
        seen[name] = i
        patterns = tuple(tuple(dict.fromkeys(fold(w) for w in line)) for line in entry.get("问法", []))
        extra = tuple(dict.fromkeys(fold(w) for w in entry.get("可带词语", [])))
        found.append(Intent(name=name, url=str(entry.get("页面", "")), patterns=patterns, extra=extra,
                            file=located.file, line=located.line_of(("入口", i, "页面"))))
    return tuple(found)


def _addressing(site: Site, located, intents: tuple[Intent, ...]) -> tuple[tuple[str, ...], str]:
    """称呼本局 (the words addressing the bureau, folded, each once) and 其他事的入口 (an intent's name)."""
    if located is None:
        return (), ""
    problems, data, file = site.problems, located.data, located.file
    words: list[str] = []
    for i, word in enumerate(data.get("称呼本局", [])):
        key = fold(word)
        if key in words:
            problems.error(file, located.line_of(("称呼本局", i)), f"称呼本局第{i + 1}项", f"“{word}”重复")
        elif len(key) < 2:
            problems.error(file, located.line_of(("称呼本局", i)), f"称呼本局第{i + 1}项",
                           f"“{word}”只有一个字；一个字常在别的词里（如“您”“局”），请写两个字以上的说法")
        else:
            words.append(key)
    fallback = str(data.get("其他事的入口", ""))
    if fallback and fallback not in {intent.name for intent in intents}:
        problems.error(file, located.line_of(("其他事的入口",)), "其他事的入口",
                       f"“{fallback}”不是“入口”中任何一项的名称；请照入口的名称写")
        fallback = ""
    return tuple(words), fallback


def _intent_classes(site: Site, located) -> tuple[tuple[str, ...], ...]:
    """同类说法: groups of words that ask for the same thing; a word in one group only."""
    if located is None:
        return ()
    return tuple(_word_groups(site, located, "同类说法", "已在第{g}组中；一个词只能在一组里"))


def _word_groups(site: Site, located, name: str, taken: str, refused: dict | None = None) -> list[tuple[str, ...]]:
    """The groups of words under `name` (同义词, 同类说法), folded: a word once in its group and in one group only
    (`taken` says so, with {g} its other group), none of `refused` (a word -> why); a group of fewer than two
    words left is no group."""
    problems, file = site.problems, located.file
    groups: list[tuple[str, ...]] = []
    group_of: dict[str, int] = {}
    for g, group in enumerate(located.data.get(name, [])):
        members: list[str] = []
        for j, word in enumerate(group):
            key = fold(word)
            where, field = located.line_of((name, g, j)), f"{name}第{g + 1}组第{j + 1}项"
            if key in members:
                problems.error(file, where, field, f"“{word}”在本组中重复")
            elif key in group_of:
                problems.error(file, where, field, f"“{word}”" + taken.format(g=group_of[key] + 1))
            elif refused and key in refused:
                problems.error(file, where, field, f"“{word}”{refused[key]}")
            else:
                members.append(key)
                group_of[key] = g
        if len(members) >= 2:
            groups.append(tuple(members))
    return groups


CONTENT_TYPE = SearchVocabulary()
