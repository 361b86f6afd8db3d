"""What a query is folded and split by: traditional characters and brackets (text.py), the site's own
dictionary (words.py) and the editor's search words (data/search/vocabulary.yml, govsite.types.search).

Expected values are written from the characters and the data themselves, not from the code's own output.
"""
from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

from notice_site import SITE_URL, TODAY, write

from govsite import build
from govsite.search import index
from govsite.search.text import BRACKET, browser_table, fold, fold_char
from govsite.search.words import EDITOR_CLASS, OUTER_COUNT, Vocabulary, frequency_class, outer_words, words_file
from govsite.types.search import CONTENT_TYPE as SEARCH
from sitekit import REPO


def test_traditional_characters_fold_to_simplified():
    assert fold("軍人撫卹優待條例") == "军人抚恤优待条例"
    assert fold("退役軍人保障法") == "退役军人保障法"
    assert fold("傷殘撫卹金") == "伤残抚恤金"
    text = "優待證申領：ＡＢＣ１２３"
    assert len(fold(text)) == len(text)  # one character to one: marks land on the typed text


def test_document_number_brackets_are_one_pair():
    number = "某退役军人发〔2024〕1号"
    for typed in ("某退役军人发[2024]1号", "某退役军人发(2024)1号", "某退役军人发（2024）1号",
                  "某退役军人发【2024】1号", "某退役军人发〖2024〗1号", "某退役军人发［2024］1号", number):
        assert fold(typed) == number, typed
    assert set(BRACKET.values()) == {"〔", "〕"}


def test_no_simplified_character_of_the_laws_is_changed():
    """The real law texts are simplified: folding them changes nothing but letters, digits, spaces and
    brackets (a character table that turned 干 into 乾 would break every search)."""
    for path in sorted((REPO / "data/laws/texts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for char in set(text):
            if "\u4e00" <= char <= "\u9fff":
                assert fold_char(char) == char, (path.name, char, fold_char(char))


def test_browser_table_holds_exactly_what_nfkc_does_not():
    """search.js folds with String.normalize("NFKC") and this table: every entry must differ from NFKC and
    lower case alone, and every character whose fold differs from that must be in it."""
    table = browser_table()
    assert table["軍"] == "军" and table["（"] == "〔" and table["]"] == "〕" and table["【"] == "〔"
    assert "军" not in table and "a" not in table and "Ａ" not in table  # NFKC does those
    for char, folded in table.items():
        nfkc = unicodedata.normalize("NFKC", char).lower()
        assert folded == fold_char(char) != nfkc, char
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        if fold_char(char) != char:
            assert char in table
    files = index.build_files([])
    shipped = json.loads(files["fold.json"])
    assert dict(zip(shipped["from"], shipped["to"])) == table


def test_words_file_is_the_sites_own_vocabulary():
    grams = {"抚恤", "抚恤金", "优待", "优待证", "待遇", "烈士", "遗属", "烈士遗属", "申请", "怎么"}
    dictionary = {"抚恤金": frequency_class(60), "优待证": frequency_class(3), "待遇": frequency_class(1608),
                  "申请": frequency_class(2869), "火星": 8, "怎么": 10, "退役军人保障": 5}
    vocabulary = Vocabulary(fillers=("怎么",), synonyms=(("优待证", "优待卡"),), words=("烈士遗属", "赋分选岗"),
                            owner=("本局",))
    data = json.loads(words_file(vocabulary, grams.__contains__, dictionary))
    classes = {w: int(c) for c, words in data["words"].items() for w in words.split()}
    assert "火星" not in classes  # not in the index
    assert "退役军人保障" not in classes  # its 4-grams are not all in the index
    assert "怎么" not in classes and data["fillers"] == "怎么"  # a filler is dropped, not searched
    assert "赋分选岗" not in classes  # an editor's word the site does not use
    assert classes["烈士遗属"] == EDITOR_CLASS and classes["优待卡"] == EDITOR_CLASS  # synonyms always
    assert classes["申请"] == 8 and classes["待遇"] == 7  # ln 2869 = 7.96, ln 1608 = 7.38
    assert data["owner"] == "本局" and data["synonyms"] == [["优待证", "优待卡"]]


def test_the_languages_words_around_the_sites_are_three_characters_two_of_them_a_site_word():
    """outer_words() against its rule on generated counts: a word of three characters used OUTER_COUNT times or more,
    not the site's, whose first or last two characters are a word of the site; read back from its encoding."""
    import random
    rng = random.Random(3)
    site = {"信用", "动车", "结婚", "组织", "抚恤金"}
    chars = "卡证社电组党后前局人票站"
    counts, expected = {}, set()
    for _ in range(300):
        inner = rng.choice(sorted(site))
        char = rng.choice(chars)
        word = rng.choice([inner + char, char + inner, char + inner + char])
        count = rng.choice([1, OUTER_COUNT - 1, OUTER_COUNT, 500])
        counts[word] = count
    counts["抚恤金"] = 10000  # the site's own word
    for word, count in counts.items():
        if len(word) == 3 and count >= OUTER_COUNT and word not in site and (word[:2] in site or word[1:] in site):
            expected.add(word)
    after, before = outer_words(site, counts)
    found = {entry[:2] + c for entry in after.split() for c in entry[2:]} | \
        {c + entry[:2] for entry in before.split() for c in entry[2:]}
    assert found == expected


def test_words_json_leaves_out_the_words_around_the_askers_own():
    """家里人 is the asker's 家里 and a character, not a word of its own to be found: it is not kept."""
    grams = {"家里", "信用"}
    dictionary = {"家里": 9, "信用": 8}
    counts = {"家里人": 5000, "信用卡": 5000}
    data = json.loads(words_file(Vocabulary(asker=("家里",)), grams.__contains__, dictionary, counts=counts))
    assert data["outer"] == ["信用卡", ""]


def test_function_characters_are_the_languages_commonest_and_name_nothing():
    """words.json's particles: jieba's single characters tagged as function words (pronouns, adverbs, measure words,
    particles …) and counted at least PARTICLE_COUNT times, and its single-character verbs and adjectives counted at
    least GLUE_COUNT times (想, 进, 好, 去 …), read from its dictionary file here, not from the code."""
    import jieba

    from govsite.search.words import FUNCTION_TAGS, GLUE_COUNT, GLUE_TAGS, PARTICLE_COUNT, particles

    tagged: dict[str, tuple[int, str]] = {}
    with jieba.dt.get_dict_file() as handle:
        for line in handle.read().decode("utf-8").splitlines():
            word, count, tag = line.split(" ")
            if len(word) == 1:
                tagged[word] = (int(count), tag)

    def glue(count: int, tag: str) -> bool:
        return (tag in FUNCTION_TAGS and count >= PARTICLE_COUNT) or (tag in GLUE_TAGS and count >= GLUE_COUNT)

    found = particles()
    assert found == "".join(sorted(set(found)))  # each once, in code point order: deterministic
    assert 40 <= len(found) <= 140
    for char in found:
        assert glue(*tagged[char]), (char, tagged[char])
    expected = {w for w, (count, tag) in tagged.items() if "\u4e00" <= w <= "\u9fff" and glue(count, tag)}
    assert set(found) == expected
    for char in "个那都着了也就还想进好去":  # a sentence's glue
        assert char in found, char
    for char in "费钱证卡假票房病":  # what a subject is made of (话费, 产假, 车票): never a particle
        assert char not in found, char
    data = json.loads(words_file(Vocabulary(), set().__contains__, {}, function_characters="个那"))
    assert data["particles"] == "个那"


def _root(tmp_path: Path, vocabulary: str | None, synonyms: str | None = None, intents: str | None = None) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy2(REPO / "data/site.yml", root / "data/site.yml")
    for name, text in (("vocabulary", vocabulary), ("synonyms", synonyms), ("intents", intents)):
        if text is not None:
            write(root, f"data/search/{name}.yml", text)
    return root


def _errors(root: Path) -> list[str]:
    site = build.load_site(root, SITE_URL, TODAY, types=[SEARCH])
    return [p.format() for p in site.problems.errors if "search" in p.file]


def _assert_errors(found: list[str], expected: list[tuple[str, str, str]]) -> None:
    """Each expected (文件:行, field, message) is among the errors, and nothing else is."""
    for where, field, message in expected:
        assert any(e.startswith(where) and field in e and message in e for e in found), (where, field, message, found)
    assert len(found) == len(expected), found


def test_the_repository_vocabulary_is_valid_and_loaded(tmp_path):
    site = build.load_site(REPO, SITE_URL, TODAY, types=[SEARCH])
    assert [p.format() for p in site.problems.errors if p.file.startswith("data/search/")] == []
    vocabulary = site.models["search"]
    assert {"怎么", "如何", "什么", "多少", "哪些", "吗"} <= set(vocabulary.fillers)  # the list
    assert ("残疾", "伤残") in vocabulary.synonyms and ("优待证", "优待卡") in vocabulary.synonyms
    assert any(set(g) >= {"退役", "退伍"} for g in vocabulary.synonyms)
    everyday = {say: official for says, official in vocabulary.everyday for say in says}
    assert everyday["减税"] == ("税收优惠",) and everyday["年报"] == ("年度报告",)  # 俗称, one way
    assert {i.url for i in vocabulary.intents} >= {"services/", "xxgk/ysqgk/", "hdjl/"}  # the three
    for name in ("vocabulary", "synonyms", "intents"):
        first = (REPO / f"data/search/{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../hooks/govsite/types/search/{name}.schema.json"


def test_vocabulary_mistakes_name_file_line_and_field(tmp_path):
    root = _root(tmp_path, """
        忽略词语:
          - 怎么
          - 怎麼
          - 优待
        本局名称:
          - 本局
          - 怎么
        专用词语:
          - 证
          - 烈士遗属
          - 烈士遺屬
        """, synonyms="""
        同义词:
          - [残疾, 伤残]
          - [伤残, 受伤]
          - [优待, 优惠]
          - [退役, 退役]
        俗称:
          - 说法: [减税, 免税]
            正式说法: [税收优惠]
          - 说法: [免稅, 税收优惠]
            正式说法: [税收优惠]
        """, intents="""
        入口:
          - 名称: 投诉
            页面: hdjl/
            问法: [[投诉]]
          - 名称: 投诉
            页面: hdjl/
            问法: [[举报]]
        """)
    found = _errors(root)
    expected = [
        ("data/search/vocabulary.yml:3", "忽略词语第2项", "“怎麼”重复（已在第1项）"),
        ("data/search/vocabulary.yml:7", "本局名称第2项", "“怎么”已在忽略词语中"),
        ("data/search/vocabulary.yml:9", "专用词语第1项", "“证”只有一个字"),
        ("data/search/vocabulary.yml:11", "专用词语第3项", "“烈士遺屬”重复"),
        ("data/search/synonyms.yml:3", "同义词第2组第1项", "“伤残”已在第1组同义词中"),
        ("data/search/synonyms.yml:4", "同义词第3组第1项", "“优待”也在忽略词语中"),
        ("data/search/synonyms.yml:5", "同义词第4组第2项", "“退役”在本组中重复"),
        ("data/search/synonyms.yml:9", "俗称第2条说法第1项", "“免稅”已在第1条俗称中"),
        ("data/search/synonyms.yml:9", "俗称第2条说法第2项", "“税收优惠”就是本条的正式说法"),
        ("data/search/intents.yml:5", "入口第2项 名称", "“投诉”重复（已在第1项）"),
    ]
    _assert_errors(found, expected)


def test_a_word_with_a_space_is_a_schema_error_in_chinese(tmp_path):
    root = _root(tmp_path, """
        忽略词语: [怎么]
        """, synonyms="""
        同义词:
          - [残疾 军人, 伤残军人]
        """)
    found = _errors(root)
    assert len(found) == 1 and found[0].startswith("data/search/synonyms.yml:2"), found
    assert "应为一个词语，不含空格和引号" in found[0]
    assert re.search(r"[\u4e00-\u9fff]", found[0]) and "Traceback" not in found[0]


def test_an_intent_page_written_as_a_path_is_a_schema_error(tmp_path):
    root = _root(tmp_path, "忽略词语: [怎么]\n", intents="""
        入口:
          - 名称: 首页
            页面: /hdjl
            问法: [[首页]]
        """)
    found = _errors(root)
    assert len(found) == 1 and found[0].startswith("data/search/intents.yml:3"), found
    assert "应为本站页面的地址（不含域名），以 / 结尾" in found[0]


def test_synonyms_in_the_old_place_are_named(tmp_path):
    """同义词 moved from vocabulary.yml to synonyms.yml: an old vocabulary file says where they go now."""
    root = _root(tmp_path, """
        忽略词语: [怎么]
        同义词:
          - [残疾, 伤残]
        """)
    found = _errors(root)
    assert found == ["data/search/vocabulary.yml:2 同义词: 未知字段；可用字段：忽略词语、本局名称、专用词语、提问者用语"], found


def test_no_vocabulary_file_means_no_words(tmp_path):
    root = _root(tmp_path, None)
    site = build.load_site(root, SITE_URL, TODAY, types=[SEARCH])
    assert site.models["search"] == Vocabulary() and not site.problems.errors


def test_askers_words_and_intent_classes_mistakes_name_the_line(tmp_path):
    root = _root(tmp_path, """
        忽略词语: [怎么]
        专用词语: [烈士遗属]
        提问者用语:
          - 老两口
          - 老兩口
          - 怎么
          - 烈士遗属
        """, intents="""
        同类说法:
          - [投诉, 举报, 投诉]
          - [揭发, 举报]
        入口:
          - 名称: 投诉
            页面: hdjl/
            问法: [[投诉]]
        """)
    found = _errors(root)
    expected = [
        ("data/search/vocabulary.yml:5", "提问者用语第2项", "“老兩口”重复"),
        ("data/search/vocabulary.yml:6", "提问者用语第3项", "“怎么”也在忽略词语中"),
        ("data/search/vocabulary.yml:7", "提问者用语第4项", "“烈士遗属”也在专用词语中"),
        ("data/search/intents.yml:2", "同类说法第1组第3项", "“投诉”在本组中重复"),
        ("data/search/intents.yml:3", "同类说法第2组第2项", "“举报”已在第1组中"),
    ]
    _assert_errors(found, expected)
    site = build.load_site(REPO, SITE_URL, TODAY, types=[SEARCH])
    vocabulary = site.models["search"]
    assert "老两口" in vocabulary.asker and any({"投诉", "揭发"} <= set(c) for c in vocabulary.intent_classes)


def test_the_words_addressing_the_bureau_and_its_general_channel_mistakes_name_the_line(tmp_path):
    """称呼本局 and 其他事的入口 (intents.yml): a word twice or of one character, and an entry name no intent has,
    are errors naming the line; what is right is kept, folded, and shipped in words.json."""
    root = _root(tmp_path, """
        忽略词语: [怎么]
        """, intents="""
        称呼本局:
          - 你们
          - 你們
          - 您
          - 贵局
        其他事的入口: 互动
        入口:
          - 名称: 互动交流
            页面: hdjl/
            问法: [[投诉]]
        """)
    found = _errors(root)
    expected = [
        ("data/search/intents.yml:3", "称呼本局第2项", "“你們”重复"),
        ("data/search/intents.yml:4", "称呼本局第3项", "“您”只有一个字"),
        ("data/search/intents.yml:6", "其他事的入口", "“互动”不是“入口”中任何一项的名称"),
    ]
    _assert_errors(found, expected)
    site = build.load_site(REPO, SITE_URL, TODAY, types=[SEARCH])
    vocabulary = site.models["search"]
    assert vocabulary.addressing and vocabulary.fallback_intent in [i.name for i in vocabulary.intents]
    shipped = json.loads(words_file(vocabulary, lambda gram: True, {}, counts={}))
    assert shipped["addressing"] == list(vocabulary.addressing)
    assert shipped["intentFallback"] == vocabulary.fallback_intent


def test_an_intents_page_gives_the_words_few_records_hold():
    """page_words(): of the words of an intent's page, those at most PAGE_WORD_RECORDS records hold (its own:
    信箱, 接待室), not the site's broad words nor the language's common ones; the same list every time. Texts made
    of random dictionary words, each given a random number of records holding it."""
    import random

    from govsite.search.words import PAGE_WORD_RECORDS, PAGE_WORDS, page_words

    words = ["信箱", "接待室", "邮编", "传真", "退役军人", "优待证", "抚恤金", "题库", "留言", "门户网站", "政策", "工作"]
    for seed in range(30):
        rng = random.Random(seed)
        holding = {w: rng.choice([0, 1, 2, 3, 4, 50, 900]) for w in words}
        common = set(rng.sample(words, 2))
        text = "，".join(rng.choice(words) for _ in range(40))
        got = page_words(text, holding.__getitem__, common)
        assert got == page_words(text, holding.__getitem__, common)
        in_text = {w for w in words if w in text}
        assert len(got) <= PAGE_WORDS and got == sorted(got)
        for w in got:
            assert w in in_text and w not in common and 0 < holding[w] <= PAGE_WORD_RECORDS, (seed, w)
        # jieba may split a word of the list; every word it keeps whole that qualifies is there
        for w in in_text - common:
            if 0 < holding[w] <= PAGE_WORD_RECORDS and w not in got:
                assert any(w in other and other != w for other in words if other in text) or \
                       w not in "/".join(__import__("jieba").cut(text)).split("/"), (seed, w)
