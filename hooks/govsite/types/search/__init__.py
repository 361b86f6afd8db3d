"""站内搜索的词语 (data/search/vocabulary.yml): the words an editor keeps for the site's search.

Filler words dropped from a question, groups of synonyms, and words of this site that a general dictionary
lacks. No pages: the search index (govsite.search) ships them to the browser (words.json).
"""
from __future__ import annotations

from pathlib import Path

from ...build import load_yaml_checked
from ...model import ContentType, Site
from ...search.text import fold
from ...search.words import Vocabulary

VOCABULARY_FILE = "search/vocabulary.yml"


class SearchVocabulary(ContentType):
    name = "search"
    label = "站内搜索"

    def load(self, site: Site) -> None:
        path = site.data_dir / VOCABULARY_FILE
        site.models[self.name] = Vocabulary()
        if not path.exists():
            return
        located = load_yaml_checked(site, path, Path(__file__).with_name("vocabulary.schema.json"))
        if located is None:
            return
        site.models[self.name] = _checked(site, located)


def _checked(site: Site, located) -> Vocabulary:
    """The vocabulary, each word folded as the index folds text; contradictions are errors that name the line."""
    data = located.data
    problems = site.problems
    fillers: dict[str, int] = {}
    for i, word in enumerate(data.get("忽略词语", [])):
        key = fold(word)
        if key in fillers:
            problems.error(located.file, located.line_of(("忽略词语", i)), f"忽略词语第{i + 1}项",
                           f"“{word}”重复（已在第{fillers[key] + 1}项）")
        fillers.setdefault(key, i)
    owner: list[str] = []
    for i, name in enumerate(data.get("本局名称", [])):
        key = fold(name)
        where, field = located.line_of(("本局名称", i)), f"本局名称第{i + 1}项"
        if key in owner:
            problems.error(located.file, where, field, f"“{name}”重复")
        elif key in fillers:
            problems.error(located.file, where, field, f"“{name}”已在忽略词语中；本局名称不必再写在那里")
        else:
            owner.append(key)
    groups: list[tuple[str, ...]] = []
    group_of: dict[str, int] = {}
    for g, group in enumerate(data.get("同义词", [])):
        members: list[str] = []
        for j, word in enumerate(group):
            key = fold(word)
            where, field = located.line_of(("同义词", g, j)), f"同义词第{g + 1}组第{j + 1}项"
            if key in members:
                problems.error(located.file, where, field, f"“{word}”在本组中重复")
            elif key in group_of:
                problems.error(located.file, where, field,
                               f"“{word}”已在第{group_of[key] + 1}组同义词中；意思相同的说法请写在同一组")
            elif key in fillers:
                problems.error(located.file, where, field, f"“{word}”也在忽略词语中：被忽略的词不会再按同义词查找")
            else:
                members.append(key)
                group_of[key] = g
        if len(members) >= 2:
            groups.append(tuple(members))
    words: list[str] = []
    for i, word in enumerate(data.get("专用词语", [])):
        key = fold(word)
        where, field = located.line_of(("专用词语", i)), f"专用词语第{i + 1}项"
        if len(key) < 2:
            problems.error(located.file, where, field, f"“{word}”只有一个字；专用词语至少两个字")
        elif key in fillers:
            problems.error(located.file, where, field, f"“{word}”也在忽略词语中，二者只能选一")
        elif key in words:
            problems.error(located.file, where, field, f"“{word}”重复")
        else:
            words.append(key)
    return Vocabulary(fillers=tuple(fillers), synonyms=tuple(groups), words=tuple(words), owner=tuple(owner))


CONTENT_TYPE = SearchVocabulary()
