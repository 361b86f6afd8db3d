"""The search's understanding of a query (content/assets/search/search.js, run in Node): laws named the way people
shorten them, article numbers in Arabic or Chinese numerals, 发文字号 typed loosely, characters typed for others of
the same sound, intents, the words that say little of what a question is about.

The queries are generated (hypothesis) from the site's own data, never taken from the code: the laws of data/laws/
(their titles, their articles), the documents' 发文字号, the site's words and their sounds (pypinyin), the intents of
data/search/intents.yml. A record list like the index's is made from the engine's model, words.json and pinyin.json
by the index's own functions; the law texts stand for the pages' text.
"""
from __future__ import annotations

import json
import math
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govsite import build
from govsite.document import all_documents
from govsite.model import page_url
from govsite.search import pinyin as pinyin_module
from govsite.search.index import fold_file
from govsite.search.pinyin import pinyin_file
from govsite.search.text import fold
from govsite.search.words import words_file
from sitekit import REPO

NODE = shutil.which("node") or shutil.which("nodejs")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js runs the browser's search code here (make test installs it)")
FLAG_STATUS, FLAG_ARTICLE = 1, 2
CN = "零一二三四五六七八九"
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def chinese_number(n: int) -> str:
    """How the laws number articles (written here from the rule, not taken from search.js)."""
    if n < 10:
        return CN[n]
    if n < 100:
        return (CN[n // 10] if n >= 20 else "") + "十" + (CN[n % 10] if n % 10 else "")
    rest, head = n % 100, CN[n // 100] + "百"
    if not rest:
        return head
    return head + ("零" + CN[rest] if rest < 10 else "一" + chinese_number(rest) if rest < 20 else chinese_number(rest))


class SearchJS:
    def __init__(self):
        self.process = subprocess.Popen([NODE, str(Path(__file__).with_name("search_node.js")),
                                         str(REPO / "content/assets/search/search.js")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        # Whether a word is generic depends on the word and the words.json of "setup" alone, and the tests ask it
        # of every word of the site again in each generated example: asked of search.js once per word.
        self._generic: dict[str, bool] = {}

    def __call__(self, op: str, **args):
        if op == "generic":
            word = args["word"]
            if word not in self._generic:
                self._generic[word] = self._ask(op, args)
            return self._generic[word]
        if op == "setup":
            self._generic.clear()
        return self._ask(op, args)

    def _ask(self, op: str, args: dict):
        self.process.stdin.write(json.dumps({"op": op, "args": args}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if "error" in answer:
            raise AssertionError(answer["error"])
        return answer["ok"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


class SiteData:
    """The repository's laws, documents and intents as search records, and the files search.js reads."""

    def __init__(self):
        site = build.load_site(REPO, site_url="")
        self.vocabulary = site.models["search"]
        self.titles, self.flags, kinds = [], [], ["法律法规", "政策文件", "其他"]
        self.laws = []  # (title, url, article numbers, in force)
        corpus = []
        for law in site.models["laws"].sorted_laws():
            numbers = [a.number for a in law.current.parsed.articles if not a.suffix]
            in_force = law.repealed is None
            self.laws.append((law.title, law.url, numbers, in_force))
            self._add(law.url, law.title, 0, "" if in_force else "已废止")
            for n in numbers:
                self._add(f"{law.url}#art-{n}", f"{law.title} 第{chinese_number(n)}条", 0, "", FLAG_ARTICLE)
            for version in law.all_versions:
                if version is not law.current and getattr(version, "src_uri", ""):
                    url = page_url(version.src_uri)
                    self._add(url, f"{law.title}（{version.label}）", 0, "已修改")
                    for n in numbers:
                        self._add(f"{url}#art-{n}", f"{law.title}（{version.label}） 第{chinese_number(n)}条", 0,
                                  "已修改", FLAG_ARTICLE)
            corpus += [law.title, *(" ".join(a.paragraphs) for a in law.current.parsed.articles)]
        self.documents = []  # (发文字号, url)
        laws = {url for _, url, _, _ in self.laws}
        for doc in all_documents(site):
            if doc.doc_number and doc.url not in laws and "〔" in doc.doc_number:  # the bureau's own documents
                self.documents.append((doc.doc_number, doc.url))
                self._add(doc.url, doc.shown_title, 1, "", 0, f"{doc.doc_number} {doc.index_no}")
                corpus.append(doc.shown_title)
        self.intents = []
        for intent in self.vocabulary.intents:
            self.intents.append(intent)
            if intent.url not in [t[0] for t in self.titles]:
                self._add(intent.url, intent.name, 2, "")
        rid = {t[0]: i for i, t in enumerate(self.titles)}
        law_rids = [rid[url] for _, url, _, _ in self.laws]
        text = fold(" ".join(corpus))
        grams = {text[i:i + n] for n in (2, 3, 4) for i in range(len(text) - n + 1)}
        self.words = json.loads(words_file(self.vocabulary, grams.__contains__, laws=law_rids,
                                           intents=[(rid[i.url], i) for i in self.intents]))
        self.site_words = [w for group in self.words["words"].values() for w in group.split()]
        # every piece of a word of the site: `piece in self.pieces` is `any(piece in w for w in site_words)`,
        # asked for thousands of pieces
        self.pieces = {w[i:j] for w in self.site_words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
        self.pinyin = json.loads(pinyin_file(self.site_words))
        self.real_words = set(self.pinyin["real"].split())
        self.common = set(self.words["common"].split())
        self.kinds = kinds

    def _add(self, url, title, kind, status, flags=0, keys=""):
        self.titles.append([url, title, kind, status, keys])
        self.flags.append(flags | (FLAG_STATUS if status else 0))


@pytest.fixture(scope="module")
def data():
    return SiteData()


@pytest.fixture(scope="module")
def js(data):
    runner = SearchJS()
    runner("setup", titles=data.titles, flags=data.flags, kinds=data.kinds, words=data.words, pinyin=data.pinyin,
           fold=json.loads(fold_file()))
    yield runner
    runner.close()


# ------------------------------------------------------------------ numbers

@given(st.integers(min_value=1, max_value=999))
@SETTINGS
def test_chinese_numerals_read_back(js, n):
    assert js("chineseNumber", n=n) == chinese_number(n)
    assert js("parseChineseNumber", text=chinese_number(n)) == n


@given(st.integers(min_value=1990, max_value=2039), st.integers(min_value=1, max_value=199))
@SETTINGS
def test_years_and_numbers_in_chinese_numerals_become_digits(js, year, number):
    typed = "".join("〇一二三四五六七八九"[int(d)] for d in str(year)) + "年" + chinese_number(number) + "号"
    assert js("digitsFor", text=typed) == f"{year}年{number}号"


# ------------------------------------------------------------------ laws

def _core_and_ending(title: str) -> tuple[str, str]:
    name = title.removeprefix("中华人民共和国")
    ending = "条例" if name.endswith("条例") else "法" if name.endswith("法") else ""
    return name[:len(name) - len(ending)], ending


@st.composite
def law_named(draw, data):
    """A law in force named the way people shorten it (from its title: 中华人民共和国 dropped, words of its name kept
    whole or by their first character, 和 left out, its kind dropped before an article), maybe with an article in
    Arabic or Chinese numerals, maybe in traditional characters, maybe after a filler."""
    import jieba

    title, url, numbers, _ = draw(st.sampled_from([law for law in data.laws if law[3] and law[2]]))
    core, ending = _core_and_ending(title)
    words = [w for w in jieba.lcut(core, HMM=False) if not (draw(st.booleans()) and w in ("和", "的"))]
    kept = [words[0] if draw(st.booleans()) else words[0][0]]
    kept += [w if draw(st.booleans()) else w[0] for w in words[1:] if draw(st.integers(0, 3))]
    short = "".join(kept)
    assume(len(short) >= 2 or short == core)
    article = draw(st.sampled_from([0] + numbers))
    if article:
        number = draw(st.sampled_from([f"第{article}条", f"第{chinese_number(article)}条", f"{article}条",
                                       f"的第{article}条", f" 第{chinese_number(article)}条"]))
        # The kind is left out of a name typed whole (退役军人保障 第二十一条), not of a shortened one.
        whole = short == "".join(w for w in jieba.lcut(core, HMM=False) if w not in ("和", "的"))
        typed = short + ("" if whole and short != core[:1] and draw(st.booleans()) else ending) + number
    else:
        typed = short + ending
    prefix = draw(st.sampled_from(["", "", "请问", "我想了解"]))
    if draw(st.integers(0, 4)) == 0:
        import opencc
        typed = opencc.OpenCC("s2t").convert(typed)
    return prefix + typed, url, article, short, ending


def _names_another_law(data, short: str, ending: str, url: str) -> bool:
    """Whether the shortening names another law as well (its characters in that law's name in the same order)."""
    for title, other, _, _ in data.laws:
        core, other_ending = _core_and_ending(title)
        if other == url or (ending and other_ending != ending):
            continue
        at = -1
        for char in short:
            at = core.find(char, at + 1)
            if at < 0:
                break
        else:
            return True
    return False


@given(st.data())
@SETTINGS
def test_a_law_named_as_people_shorten_it_lands_on_its_article(js, data, draw):
    typed, url, article, short, ending = draw.draw(law_named(data))
    understood = js("understand", query=typed)
    wanted = f"{url}#art-{article}" if article else url
    assert wanted in understood["pins"][:3], (typed, understood)
    if not _names_another_law(data, fold(short), ending, url):
        assert understood["pins"][0] == wanted, (typed, understood)
    name = _core_and_ending(next(t for t, u, _, _ in data.laws if u == url))
    assert "".join(name) in understood["text"].replace(" ", "") or understood["pins"][0] != wanted, understood


@pytest.mark.parametrize("phrase", ["宪法宣传周", "依法保障", "违法行为", "法律法规", "本法所称军人家属", "人民法院"])
def test_a_law_inside_another_phrase_is_not_asked_for(js, phrase):
    understood = js("understand", query=phrase)
    assert understood["pins"] == [] and understood["text"] == fold(phrase), understood


def test_a_name_glued_to_other_words_is_not_shortened_further(js):
    """军人地位和权义保障法 (a typo in a full name) is not 保障法 with something before it."""
    understood = js("understand", query="军人地位和权义保障法")
    assert understood["pins"] == [] and understood["notes"] == [], understood


# ------------------------------------------------------------------ 发文字号

def cn_digits(digits: str) -> str:
    return "".join("〇一二三四五六七八九"[int(d)] for d in digits)


BRACKETS = [("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("", "年"), ("", " "), ("", "-"), ("", "")]


@st.composite
def number_typed(draw, data):
    number, url = draw(st.sampled_from(data.documents))
    organ, year, n = re.fullmatch(r"(.*)〔(\d{4})〕(\d+)号", number).groups()
    organ_typed = draw(st.sampled_from([organ, organ.removeprefix("某"), organ[-1], organ[-2:], ""]))
    # The year in digits or Chinese numerals, whole or its last two digits (24年6号, 〔24〕6号, 二四年六号,
    # 〔二〇二四〕六号).
    year_typed = draw(st.sampled_from([year, year, year[2:], cn_digits(year), cn_digits(year[2:])]))
    opening, closing = draw(st.sampled_from(BRACKETS))
    if len(year_typed) == 2 and not opening:
        closing = "年"  # 246号 is not a number anyone types
    if not year_typed.isdigit() and (len(year_typed) == 2 or not opening):
        opening, closing = "", "年"
    number_typed = draw(st.sampled_from([n, f"第{n}", chinese_number(int(n)), f"第{chinese_number(int(n))}"]))
    if not closing and not number_typed.startswith("第") and number_typed.isdigit():
        closing = "年"  # 20246号 is not a number anyone types
    tail = draw(st.sampled_from(["号", "号", "号文", "号文件", "号通知"]))
    return organ_typed + opening + year_typed + closing + number_typed + tail, url, organ_typed, int(year), int(n)


@given(st.data())
@SETTINGS
def test_a_document_number_typed_loosely_puts_the_document_first(js, data, draw):
    typed, url, organ, year, n = draw.draw(number_typed(data))
    understood = js("understand", query=typed)
    same = [(number, u) for number, u in data.documents if re.search(rf"〔{year}〕{n}号$", number)]
    assert url in understood["pins"], (typed, understood)
    distinct = len(same) == 1 or sum(1 for number, _ in same if organ and organ[-1] in number.split("〔")[0]) == 1
    if distinct:
        assert understood["pins"][0] == url, (typed, understood)


@st.composite
def number_split_by_organ(draw, data):
    """A 发文字号 with its organ typed after the year (2023年办字12号) or before a dash and no 号 (办2025-14)."""
    number, url = draw(st.sampled_from(data.documents))
    organ, year, n = re.fullmatch(r"(.*)〔(\d{4})〕(\d+)号", number).groups()
    tail = draw(st.sampled_from([organ[-1], organ[-2:], organ.removeprefix("某")]))
    if draw(st.booleans()):
        typed = f"{year}年{tail}{draw(st.sampled_from(['字', '']))}{draw(st.sampled_from(['', '第']))}{n}号"
    else:
        typed = f"{tail}{year}{draw(st.sampled_from(['-', '—', '/']))}{n}"
    typed += draw(st.sampled_from(["", "通知", "文件", " 文件"]))
    return typed, url, tail, int(year), int(n)


@given(st.data())
@SETTINGS
def test_a_document_number_split_by_its_organ_puts_the_document_first(js, data, draw):
    typed, url, organ, year, n = draw.draw(number_split_by_organ(data))
    understood = js("understand", query=typed)
    assert url in understood["pins"], (typed, understood)
    same = [u for number, u in data.documents
            if re.search(rf"〔{year}〕{n}号$", number) and organ in number.split("〔")[0]]
    if len(same) == 1:
        assert understood["pins"][0] == url, (typed, understood)


def test_an_organ_after_the_year_must_be_the_documents(js, data):
    # A word between the year and the number that is in no document's organ is not an organ: no document.
    number, _ = data.documents[0]
    organ, year, n = re.fullmatch(r"(.*)〔(\d{4})〕(\d+)号", number).groups()
    other = next(c for c in "光荣牌优待证" if all(c not in num.split("〔")[0] for num, _ in data.documents))
    assert js("understand", query=f"{year}年{other}{n}号")["pins"] == []
    # A dash without the organ before it is a date or a part of an index number, not a document's number.
    assert js("understand", query=f"{year}-{n}")["pins"] == []


def test_dates_and_index_numbers_are_not_document_numbers(js):
    for typed in ("2026年6月15日", "11410100MB0000000X/2024-00001", "服现役满12年", "2024-00009", "办2024-00009",
                  "发2026-6-15", "办2024/06/01"):
        assert js("understand", query=typed)["pins"] == [], typed
    # Two Chinese digits before 年 are a year only before a document's number: else a count of years.
    for typed in ("服役三五年", "二五年以后", "一二年级"):
        assert js("digitsFor", text=typed) == typed, typed


# ------------------------------------------------------------------ a kind of document and a year

FLAG_LISTING = 4
KINDS = ["法律法规", "政策文件", "法治政府建设年度报告", "年度报告", "政策解读", "办事指南"]  # groups first, as the site's


@st.composite
def kind_site(draw):
    """Records of several kinds, some naming a year in their title, some not (dated by publication), and list
    pages titled with a kind and a year, as a catalogue's view is."""
    titles, flags, years = [], [], []
    for i in range(draw(st.integers(min_value=3, max_value=30))):
        kind = draw(st.integers(min_value=2, max_value=len(KINDS) - 1))
        year = draw(st.integers(min_value=2019, max_value=2026))
        shape = draw(st.sampled_from(["titled", "titled", "untitled", "list"]))
        if shape == "titled":
            title = f"{year}年度{KINDS[kind]}（示例{i}）"
        elif shape == "untitled":
            title = f"关于做好第{i}项工作的{KINDS[kind]}"
        else:
            title = f"政府信息公开目录：{year}年、{KINDS[kind]}"
        titles.append([f"d{i}/", title, kind, "", "", ""])
        flags.append(FLAG_LISTING if shape == "list" else 0)
        published = year + draw(st.sampled_from([0, 0, 1]))
        years.append(published)
    return titles, flags, years


@pytest.fixture(scope="module")
def js_kinds(data):
    runner = SearchJS()
    yield runner
    runner.close()


@given(kind_site(), st.integers(min_value=2, max_value=len(KINDS) - 1), st.integers(min_value=2019, max_value=2026),
       st.sampled_from(["{k} {y}", "{y}年的{k}", "{y}年度{k}", "{y}年{k}", "{k}{y}"]))
@SETTINGS
def test_a_kind_and_a_year_put_that_years_documents_of_the_kind_first(js_kinds, data, site, kind, year, shape):
    titles, flags, years = site
    words = dict(data.words, laws=[], intents=[])  # of the repository's records, not of these
    js_kinds("setup", titles=titles, flags=flags, kinds=KINDS, words=words, pinyin=data.pinyin,
             fold=json.loads(fold_file()), years=years)
    query = shape.format(k=KINDS[kind], y=year)
    # The longest kind the query holds is the one asked for (法治政府建设年度报告 holds 年度报告).
    meant = max((k for k in range(2, len(KINDS)) if KINDS[k] in query), key=lambda k: len(KINDS[k]))
    titled = [t[0] for t, f in zip(titles, flags) if t[2] == meant and not f and str(year) in t[1]]
    dated = [t[0] for t, f, y in zip(titles, flags, years)
             if t[2] == meant and not f and not re.search(r"20\d\d", t[1]) and y == year]
    assert js_kinds("understand", query=query)["pins"] == titled + dated, query
    # Another word beside them asks for something else: nothing is put first by the kind and the year.
    assert js_kinds("understand", query=query + " 抚恤金")["pins"] == [], query


# ------------------------------------------------------------------ same sound

@st.composite
def mistyped(draw, data, js_sound):
    """A word of the site typed with one character replaced by another of the same usual reading."""
    char_sound = {c: s for s, chars in data.pinyin["sounds"].items() for c in chars}
    by_sound = {}
    for word in data.site_words:
        if 2 <= len(word) <= 4 and all(c in char_sound for c in word):
            key = data.pinyin["words"].get(word) or " ".join(char_sound[c] for c in word)
            by_sound.setdefault(key, []).append(word)
    unique = sorted(w for ws in by_sound.values() if len(ws) == 1 for w in ws)
    word = draw(st.sampled_from(unique))
    assume(word not in data.pinyin["words"])
    i = draw(st.integers(0, len(word) - 1))
    others = sorted(c for c in data.pinyin["sounds"][char_sound[word[i]]] if c != word[i])
    assume(others)
    typed = word[:i] + draw(st.sampled_from(others)) + word[i + 1:]
    return word, typed


def made_of_site_words(text: str, site_words) -> bool:
    """`text` as two or more of the site's words one after another (转业人才: 转业 + 人才): what the asker typed
    may be meant, so it is no typo to correct."""
    ends = {0}
    for end in range(1, len(text) + 1):
        if any(start in ends and text[start:end] in site_words and end - start < len(text)
               for start in range(end - 1)):
            ends.add(end)
    return len(text) in ends


@given(st.data())
@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_character_of_the_same_sound_is_corrected(js, data, draw):
    word, typed = draw.draw(mistyped(data, js))
    fillers = set(data.words["fillers"].split())
    assume(typed not in data.site_words and not any(f in typed for f in fillers))
    assume(typed not in data.pieces)  # a piece of a longer word is a word of the site
    assume(typed not in data.real_words)  # a word of the language in common use is typed as meant
    assume(not made_of_site_words(typed, data.site_words))  # 转业人才 (转业 + 人才) may be what was meant
    corrected = js("correct", text=typed)
    assert corrected["text"] == word, (typed, corrected)
    question = js("correct", text=typed + "怎么办理")
    assert question["text"].startswith(word), (typed, question)


@given(st.data())
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_long_word_mistyped_is_corrected_beside_a_character_of_the_askers(js, data, draw):
    """A word of three characters or more typed with a same-sounding character is corrected even when a character
    no word explains follows it (光荣苑收哪些人); a two-character one is not (a guess across other words)."""
    word, typed = draw.draw(mistyped(data, js))
    fillers = set(data.words["fillers"].split())
    assume(len(word) >= 3 and typed not in data.site_words and not any(f in typed for f in fillers))
    assume(typed not in data.real_words)
    assume(typed not in data.pieces)
    assume(not made_of_site_words(typed, data.site_words))
    loose = draw.draw(st.sampled_from([c for c in "收给管领交换" if c not in fillers]))
    assume((typed[-1] + loose) not in data.pieces and (typed[-2:] + loose) not in data.pieces)
    # Nor a same-sounding word across the boundary (凡恐怖 + 领: 怖领 sounds as the site's 补领): a reading as
    # good as the one asked for.
    assume(all(js("correct", text=piece)["text"] == piece for piece in (typed[-1] + loose, typed[-2:] + loose)))
    corrected = js("correct", text=typed + loose + "哪些人")
    assert corrected["text"].startswith(word + loose), (typed, corrected)


@given(st.data(), st.integers(2015, 2030))
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_a_word_mistyped_after_a_year_is_corrected(js, data, draw, year):
    """年 after a number is the year's unit (2025年碾报), not a character nothing explains beside the word typed
    wrong: the word is corrected as it is alone."""
    word, typed = draw.draw(mistyped(data, js))
    fillers = set(data.words["fillers"].split())
    assume(len(word) == 2 and typed not in data.site_words and not any(f in typed for f in fillers))
    assume(typed not in data.real_words and typed not in data.pieces)
    assume(not made_of_site_words(typed, data.site_words))
    known = set(data.site_words) | data.common | data.real_words
    assume("年" + typed[0] not in known and "年" + typed not in known)
    assume(js("correct", text=typed)["text"] == word)
    # Nor a same-sounding word across the boundary (年价 of 年价手 sounds as the site's 年假): as good a reading.
    assume(js("correct", text="年" + typed[0])["text"] == "年" + typed[0])
    corrected = js("correct", text=f"{year}年{typed}")
    assert corrected["text"] == f"{year}年{word}", (typed, corrected)


def test_common_words_that_sound_like_the_sites_are_not_corrected(js, data):
    """A word of the language in common use that sounds like a word of the site (一半 and 一般) is typed as meant:
    alone or in a question, it is never replaced by the site's word."""
    assert len(data.real_words) > 100
    for word in random.Random(11).sample(sorted(data.real_words), 200):
        assert js("correct", text=word)["replaced"] == [], word
        assert all(typed != word for typed, _ in js("correct", text=word + "怎么办理")["replaced"]), word


def test_the_common_words_kept_are_those_that_sound_like_the_sites():
    """real_words() against its rule, on generated counts: a word of the site with one character put for another
    of the same usual reading is kept when the language uses it REAL_WORD_COUNT times or more, never a word of the
    site itself nor one of another sound."""
    usual = pinyin_module._usual()
    by_sound = {}
    for char, readings in usual.items():
        if readings and char in pinyin_module.common_characters():
            by_sound.setdefault(readings[0], []).append(char)
    rng = random.Random(5)
    site = ["优待", "抚恤", "安置", "褒扬", "补助", "护理", "光荣", "服务站"]
    counts, expected = {}, set()
    for word in site:
        for i, char in enumerate(word):
            for other in rng.sample(by_sound[usual[char][0]], min(4, len(by_sound[usual[char][0]]))):
                typed = word[:i] + other + word[i + 1:]
                if typed in site or typed in counts:
                    continue
                counts[typed] = rng.choice([3, 50, 99, 100, 500, 10000])
                if counts[typed] >= pinyin_module.REAL_WORD_COUNT:
                    expected.add(typed)
        counts[word] = 10000  # the site's own: never listed
        counts[word[::-1]] = 10000  # another sound (or the same word reversed): listed only if it sounds alike
        if all(usual[a][0] == usual[b][0] for a, b in zip(word, word[::-1])) and word[::-1] not in site:
            expected.add(word[::-1])
    assert set(pinyin_module.real_words(site, {}, counts)) == expected


def test_a_word_of_the_language_around_the_sites_is_kept_whole(js, data):
    """A question holding a word of the language made of a word of the site and a character (信用卡, 电动车) is split
    with that word whole, not as the site's word beside a character, and the word names something (it is not the
    asker's glue): the site has no page on it."""
    after, before = data.words["outer"]
    outer = sorted({e[:2] + c for e in after.split() for c in e[2:]} | {c + e[:2] for e in before.split() for c in e[2:]})
    assert len(outer) > 1000
    fillers = set(data.words["fillers"].split())
    particles = set(data.words["particles"])
    # Every such word, set apart from the question's other words by a space or a comma: glued to them, a word of
    # the site or of the language may win a character from it (研究所有没有 is 研究 所有 没有, as documented), which
    # is another rule's case. Kept whole, or left out whole as a word that asks nothing; never cut into pieces.
    for word in outer:
        if any(f in word for f in fillers):
            continue
        for question in (f"退役军人 {word} 有没有优惠", f"{word}，怎么办"):
            words = js("split", text=question)["words"]
            assert word in words or not any(w in word for w in words), (question, words)
        # The language's most common words say little of what is asked, as elsewhere (第二次), and so does such a
        # word made only of them and function characters (一个月); one more character names something.
        if word in data.common or all(c in particles for c in word):
            assert js("generic", word=word), word
        elif word[2] not in particles and word[0] not in particles and word[1:] not in data.common \
                and word not in ASKING_NOTHING:
            assert not js("generic", word=word), word


# Words of the language around the site's that the rule above would call naming something, but that ask nothing
# here: the bureau's own name on every page (事务局), an adverb (动不动), two of a kin (姐妹俩).
ASKING_NOTHING = frozenset(("事务局", "动不动", "姐妹俩"))


def test_words_of_the_site_are_not_corrected(js, data):
    sample = random.Random(7).sample([w for w in data.site_words if 2 <= len(w) <= 4], 300)
    for word in sample:
        assert js("correct", text=word)["replaced"] == [], word
    for question in ("残疾军人怎么申请优待", "烈士遗属有什么待遇", "退役士兵安置有哪些方式"):
        assert js("correct", text=question)["replaced"] == [], question


def _cut_words(data) -> list[tuple[str, str, str]]:
    """(before, typed, meant): a word of the site (seen more than once in its texts) or of the language's common
    ones, `before` + typed[0] (大学生 of 大学生兵), whose last character begins a piece that sounds like another word
    of the site (生兵 as 生病) and is no word itself; the piece cuts that word in two."""
    char_sound = {c: s for s, chars in data.pinyin["sounds"].items() for c in chars}
    classes = {w: int(k) for k, group in data.words["words"].items() for w in group.split()}
    by_first = {}
    for word in data.site_words:
        if len(word) == 2 and all(c in char_sound for c in word) and word not in data.pinyin["words"]:
            by_first.setdefault(char_sound[word[0]], []).append(word)
    known = set(data.site_words) | data.real_words | data.common
    found = set()
    for word in {w for w, k in classes.items() if k > 1} | data.common:
        if not 2 <= len(word) <= 3 or word[-1] not in char_sound:
            continue
        for meant in by_first.get(char_sound[word[-1]], []):
            typed = word[-1] + meant[1]
            if meant[0] != word[-1] and typed not in known and typed not in data.pieces:
                found.add((word[:-1], typed, meant))
    return sorted(found)


def test_a_piece_that_cuts_a_word_in_two_is_not_corrected(js, data):
    """A word followed by a character (大学生 兵) is not read as a piece of it and that character (大学 生兵) typed
    for a word of the same sound (生病): the correction would cut the asker's word in two."""
    cases = _cut_words(data)
    assert len(cases) > 50
    for before, typed, meant in random.Random(3).sample(cases, 60):
        text = "我" + before + typed + "怎么办"
        replaced = js("correct", text=text)["replaced"]
        assert not any(t.startswith(typed) and m.startswith(meant) for t, m in replaced), (text, replaced)


# ------------------------------------------------------------------ intents

@st.composite
def asked(draw, data):
    intent = draw(st.sampled_from(data.intents))
    pattern = list(draw(st.sampled_from(intent.patterns)))
    fillers = data.words["fillers"].split()
    extra = draw(st.lists(st.sampled_from(list(intent.extra) or [""]), max_size=2))
    said = pattern + extra + draw(st.lists(st.sampled_from(fillers), max_size=2))
    random.Random(draw(st.integers(0, 10**6))).shuffle(said)
    return intent, "".join(said)


@given(st.data())
@SETTINGS
def test_an_intent_asked_in_other_words_gives_its_page(js, data, draw):
    intent, typed = draw.draw(asked(data))
    understood = js("understand", query=typed)
    asked_for = _intents_asked(data, typed)
    assert understood["intent"] in asked_for, (typed, understood)
    if asked_for == [intent.name]:
        assert understood["intent"] == intent.name, (typed, understood)
    # Words that are phrasings of two intents (写信 and 意见 建议) give the one written first in intents.yml.


@given(st.data())
@SETTINGS
def test_an_intent_with_something_else_asked_is_a_topic(js, data, draw):
    intent, typed = draw.draw(asked(data))
    every = {w for i in data.intents for w in (*i.extra, *(x for p in i.patterns for x in p))}
    every |= {w for c in data.vocabulary.intent_classes for w in c} | set(data.vocabulary.asker)
    topics = sorted(w for w in data.site_words if len(w) >= 3 and w not in every
                    and not any(w in x or x in w for x in every) and not js("generic", word=w))
    topic = draw.draw(st.sampled_from(topics))
    understood = js("understand", query=topic + typed)
    assert understood["intent"] == "", (topic + typed, understood)


def _class_of(data) -> dict[str, tuple[str, ...]]:
    return {w: c for c in data.vocabulary.intent_classes for w in c}


def _intents_asked(data, typed: str) -> list[str]:
    """The intents one of whose phrasings `typed` holds, each word of a phrasing standing for its class (同类说法)."""
    classes, plain = _class_of(data), fold(typed)
    return [i.name for i in data.intents
            if any(all(any(a in plain for a in classes.get(w, (w,))) for w in p) for p in i.patterns)]


@given(st.data())
@SETTINGS
def test_a_question_phrased_as_an_intent_goes_there_when_the_site_has_no_answer(js, data, draw):
    """A question holding one of an intent's phrasings beside words of its own (材料寄给你们写什么收件地址) is searched
    for those words; when the site holds no answer on them it goes to the intent's page (the first intent written
    that it is phrased as), not to 没有找到. Answered, corrected for a same-sounding character, or holding a law's or
    a document's name, it stays a search."""
    intent = draw.draw(st.sampled_from(data.intents))
    pattern = list(draw.draw(st.sampled_from(intent.patterns)))
    # Words of the asker's own that no page holds and no phrasing is made of.
    own = draw.draw(st.lists(st.sampled_from(["寄给", "哪几样", "个字写错", "那笔", "局都管些", "啥玩意儿"]),
                             min_size=1, max_size=2))
    said = pattern + own
    random.Random(draw.draw(st.integers(0, 10**6))).shuffle(said)
    typed = "".join(said)
    expected = _intents_asked(data, typed)
    assert intent.name in expected, (typed, expected)
    understood = js("understand", query=typed)
    if understood["intent"]:  # asks for nothing else after all (its own words are words of the intent's)
        assert understood["intent"] == expected[0]
        return
    assert understood["phrased"] == expected[0], (typed, understood, expected)
    assert js("routed", query=typed, noAnswer=True, suggestion="") == expected[0]
    assert js("routed", query=typed, noAnswer=False, suggestion="") == ""  # the site answers: its hits
    assert js("routed", query=typed, noAnswer=True, suggestion="优待证") == ""  # 您是不是要找 comes first
    law = data.laws[0][0]
    assert js("understand", query=law + typed)["phrased"] in ("", expected[0])


def _cue_only_of(data, intent) -> list[str]:
    """Words of an intent's phrasings of two characters or more, written in no other intent's data (so their weight
    is not shared out), neither filler nor one of the language's common words, and never a whole phrasing alone."""
    classes = _class_of(data)
    fillers = set(data.words["fillers"].split()) | set(data.words["common"].split())

    def written(i):
        return {a for p in i.patterns for w in p for a in classes.get(w, (w,))} | \
               {a for w in i.extra for a in classes.get(w, (w,))}
    others = set().union(*(written(i) for i in data.intents if i is not intent))
    return sorted({a for p in intent.patterns if len(p) > 1 for w in p for a in classes.get(w, (w,))
                   if len(a) >= 2 and a not in others and a not in fillers
                   and not any(len(q) == 1 and a in classes.get(q[0], (q[0],)) for q in intent.patterns)})


@given(st.data())
@SETTINGS
def test_a_cue_word_of_one_intent_routes_a_question_the_site_cannot_answer(js, data, draw):
    """A question holding one word of an intent's phrasing but not the whole phrasing (座机 without 号码, 反馈 without
    its partner), beside words of the asker's own that no page holds, is phrased in no way written: when it is
    found nowhere as typed and no record holds all its words, its cue words route it to that intent. When the site
    answers all its words, or a same-sounding correction is offered, it stays a search."""
    candidates = [(i, w) for i in data.intents for w in _cue_only_of(data, i)]
    intent, word = draw.draw(st.sampled_from(candidates))
    # Besides it, a subject no page holds (what the site has no answer on) and perhaps the asker's own glue.
    own = [draw.draw(st.sampled_from(["彩票中奖", "宠物狗粮", "话费充值", "驾照扣分"]))]
    own += draw.draw(st.lists(st.sampled_from(["哪几样", "那笔", "咋整"]), max_size=1))
    said = [word] + own
    random.Random(draw.draw(st.integers(0, 10**6))).shuffle(said)
    typed = "".join(said)
    understood = js("understand", query=typed)
    if understood["intent"] or understood["phrased"]:  # phrased as written after all: the other tests' case
        return
    # The word must stay a word of the question: 驾照扣分 beside 发我 is read 扣 … 分发 … 我, and asks nothing of 发我.
    parts = js("split", text=typed)
    assume(word in parts["words"] + parts["dropped"])
    assert js("routed", query=typed, noAnswer=True, suggestion="", split=True) == intent.name, typed
    assert js("routed", query=typed, noAnswer=False, partial=True, suggestion="", split=True,
              coverage=0.2) == intent.name, typed
    # A record holds most of it (its words weighed by rarity): that record answers it, one cue word is too weak.
    assert js("routed", query=typed, noAnswer=False, partial=True, suggestion="", split=True, coverage=0.8) == ""
    assert js("routed", query=typed, noAnswer=False, partial=False, suggestion="", split=True) == ""
    assert js("routed", query=typed, noAnswer=True, suggestion="优待证", split=True) == ""
    assert js("routed", query=typed, noAnswer=True, suggestion="", split=False) == ""  # found as typed


@given(st.data())
@SETTINGS
def test_a_question_addressing_the_bureau_that_the_site_cannot_answer_goes_to_its_general_channel(js, data, draw):
    """A question that addresses the bureau (称呼本局 of intents.yml: 你们, 贵局 …) and that the site has no answer to,
    phrased as no intent and scored to none, asks about the bureau's own business: it goes to 其他事的入口 instead
    of 没有找到. Without the word addressing the bureau, or when the site answers, it stays a search."""
    addressing = list(data.vocabulary.addressing)
    fallback = data.vocabulary.fallback_intent
    assert addressing and fallback in [i.name for i in data.intents]
    every = {w for i in data.intents for w in (*i.extra, *(x for p in i.patterns for x in p))}
    every |= {w for c in data.vocabulary.intent_classes for w in c}
    # Pieces no page holds, none a word of an intent: the asker's complaint or question about the bureau.
    own = draw.draw(st.lists(st.sampled_from(["推三阻四", "吃拿卡要", "页面空白", "扯皮拖延", "院里停车", "门口排长队"]),
                             min_size=1, max_size=2, unique=True))
    glue = draw.draw(st.lists(st.sampled_from(["咋整", "那儿", "俺", "这事儿"]), max_size=2))
    word = draw.draw(st.sampled_from(addressing))
    said = own + glue
    random.Random(draw.draw(st.integers(0, 10**6))).shuffle(said)
    at = draw.draw(st.integers(0, len(said)))
    typed = "".join(said[:at] + [word] + said[at:])
    plain = "".join(said)
    understood = js("understand", query=typed)
    assume(not understood["intent"] and not understood["phrased"])
    assume(not any(w in fold(plain) for w in every))
    assert js("routed", query=typed, noAnswer=True, suggestion="", split=True) == fallback, typed
    assert js("routed", query=typed, noAnswer=False, partial=True, suggestion="", split=True, coverage=0.9) == ""
    assert js("routed", query=typed, noAnswer=True, suggestion="优待证", split=True) == ""
    assert js("routed", query=plain, noAnswer=True, suggestion="", split=True) == "", plain


def test_a_doubled_verb_with_a_character_between_is_the_doubled_verb(js, data):
    """测一测 and 测了测 are 测测 (the data writes the doubled verb): each phrasing holding a doubled verb of the data
    (its class's words too), typed with 一 or 了 between, asks for what it asks for typed as written."""
    classes = _class_of(data)
    checked = 0
    for intent in data.intents:
        for pattern in intent.patterns:
            for k, word in enumerate(pattern):
                for said in classes.get(word, (word,)):
                    doubled = [i for i in range(len(said) - 1) if said[i] == said[i + 1] and "\u4e00" <= said[i] <= "\u9fff"]
                    if not doubled:
                        continue
                    i = doubled[0]
                    for between in "一了":
                        other = said[:i + 1] + between + said[i + 1:]
                        words = list(pattern)
                        as_written = "".join(words[:k] + [said] + words[k + 1:])
                        typed = "".join(words[:k] + [other] + words[k + 1:])
                        expected = js("understand", query=as_written)
                        got = js("understand", query=typed)
                        assert (got["intent"], got["phrased"]) == (expected["intent"], expected["phrased"]), typed
                        checked += 1
    assert checked >= 4, checked


@given(st.data())
@SETTINGS
def test_strong_cues_route_whatever_the_records_hold(js, data, draw):
    """A question holding words of two of an intent's phrasings (its cues are strong) goes to that intent when a
    record holds most of it, and so when a record holds all of it by chance: that record was not written to
    answer it."""
    candidates = [(i, a, b) for i in data.intents for a in _cue_only_of(data, i) for b in _cue_only_of(data, i)
                  if a < b and a not in b and b not in a]
    intent, a, b = draw.draw(st.sampled_from(candidates))
    own = draw.draw(st.lists(st.sampled_from(["哪几样", "那笔", "咋整", "彩票中奖"]), max_size=1))
    said = [a, b] + own
    random.Random(draw.draw(st.integers(0, 10**6))).shuffle(said)
    typed = "".join(said)
    understood = js("understand", query=typed)
    assume(not understood["intent"] and not understood["phrased"])
    most = js("routed", query=typed, noAnswer=False, partial=True, suggestion="", split=True, coverage=0.9)
    assume(most)  # strong: routed though a record holds 90 % of the question
    assert most == intent.name, typed
    assert js("routed", query=typed, noAnswer=False, partial=False, suggestion="", split=True) == most, typed
    assert js("routed", query=typed, noAnswer=False, partial=False, suggestion="", split=False) == ""  # as typed


def test_a_word_of_the_language_on_no_page_is_never_answered_by_the_others(js, data):
    """A question holding a word of the language that no page holds (信用卡, 民政局: the `outer` words of words.json)
    names a thing the site lacks: two specific words of it held by the best hit (逾期 … 起诉) do not make the hit
    its answer; it is in doubt at best, said plainly. A piece no page holds that is no such word (比别人多休) is
    weighed as before (speaksOf and coverage)."""
    n = len(data.titles)
    rng = random.Random(7)
    outer = sorted(js("outer"))
    site = [w for w in data.site_words if 2 <= len(w) <= 4 and not js("generic", word=w)]
    specific = max(2, n // 50)
    checked = 0
    for _ in range(40):
        absent = rng.choice(outer)
        if js("generic", word=absent):
            continue
        s1, s2 = rng.sample([w for w in site if w not in absent and absent not in w], 2)
        groups = [{"text": s1, "size": specific, "quoted": False}, {"text": absent, "size": 0, "quoted": False},
                  {"text": s2, "size": specific, "quoted": False}]
        held = 1 | 4
        assert js("speaksOf", groups=groups, held=held) == 2
        verdict = js("decided", groups=groups, held=held)
        assert verdict["noAnswer"] and verdict["doubt"] and verdict["absent"] == [absent], (absent, verdict)
        assert verdict["shown"] == 3
        # The same shape with a piece of the asker's own sentence: the hit holding both answers it.
        groups[1]["text"] = "比别人多休"
        verdict = js("decided", groups=groups, held=held)
        assert not verdict["noAnswer"], verdict
        checked += 1
    assert checked >= 20, checked


@given(st.data())
@SETTINGS
def test_a_common_word_or_a_character_of_a_phrasing_alone_routes_nothing(js, data, draw):
    """One of the language's most common words (不好, 工作) or a character alone (管, 领) of a phrasing is in most
    sentences: beside words no page holds it does not send a question to an intent."""
    classes = _class_of(data)
    common = set(data.words["common"].split())
    weak = sorted({a for i in data.intents for p in i.patterns if len(p) > 1 for w in p
                   for a in classes.get(w, (w,)) if a in common or len(a) == 1})
    word = draw.draw(st.sampled_from(weak))
    own = draw.draw(st.sampled_from(["啥玩意儿", "咋整"]))
    typed = word + own
    understood = js("understand", query=typed)
    if understood["intent"] or understood["phrased"]:
        return
    assert js("routed", query=typed, noAnswer=True, suggestion="", split=True) == "", typed


def test_a_phrasing_word_inside_another_word_is_not_that_word(js, data):
    """领 in 冒领, 错 in 错误: a question found nowhere goes to an intent only when it holds the phrasing's words as
    words, not inside other words of the site (有人冒领…的钱上哪揭发 asks to report, not to collect money)."""
    classes = _class_of(data)
    tried = 0
    for intent in data.intents:
        for pattern in intent.patterns:
            for k, word in enumerate(pattern):
                alternatives = classes.get(word, (word,))
                if len(word) != 1 or len(alternatives) > 1:
                    continue
                longer = sorted(w for w in data.site_words if word in w and len(w) == 2
                                and not any(a in w for p in intent.patterns for x in p if x != word
                                            for a in classes.get(x, (x,))))[:3]
                for inside in longer:
                    said = list(pattern)
                    said[k] = inside
                    typed = "".join(said) + "寄给"
                    if any(word in x for x in said if x != inside) or _intents_asked(data, typed)[:1] != [intent.name]:
                        continue
                    assert js("understand", query=typed)["phrased"] != intent.name, typed
                    tried += 1
    assert tried >= 3, tried


def test_every_word_of_a_class_routes_as_the_listed_one(js, data):
    """同类说法: each word of a class put for the class's word in an intent's phrasing routes to the page that
    phrasing routes to (the first intent written that it fits), as the listed word does."""
    classes = _class_of(data)
    assert data.vocabulary.intent_classes
    tried = 0
    for intent in data.intents:
        for pattern in intent.patterns:
            for k, word in enumerate(pattern):
                for member in classes.get(word, ()):
                    said = list(pattern)
                    said[k] = member
                    typed = "".join(said)
                    expected = _intents_asked(data, typed)
                    assert intent.name in expected, (typed, expected)
                    understood = js("understand", query=typed)
                    assert understood["intent"] == expected[0], (typed, understood, expected)
                    tried += 1
    assert tried >= 40, tried


def test_a_class_word_comes_with_an_intent(js, data):
    """A word of a class that one of an intent's words belongs to may come with it (揭发 … 找谁 as 投诉 … 哪里)."""
    classes = _class_of(data)
    intent = next(i for i in data.intents if any(len(p) == 1 and p[0] in classes for p in i.patterns))
    pattern = next(p for p in intent.patterns if len(p) == 1 and p[0] in classes)
    extras = [w for w in intent.extra if w in classes and w not in pattern]
    for member in classes[pattern[0]]:
        for extra in extras:
            for other in classes[extra]:
                typed = member + other
                if _intents_asked(data, typed)[0] != intent.name:
                    continue
                assert js("understand", query=typed)["intent"] == intent.name, typed


def test_the_askers_own_words_come_with_an_intent(js, data):
    """我爸, 周末, 俩 …: the asker's own words do not make an intent's question a question about something else."""
    intent = data.intents[0]
    pattern = "".join(intent.patterns[0])
    for word in data.vocabulary.asker:
        if len(word) < 2:
            continue
        typed = word + pattern
        if _intents_asked(data, typed)[:1] != [intent.name]:
            continue
        assert js("understand", query=typed)["intent"] == intent.name, typed


# ------------------------------------------------------------------ what a question is about

def test_the_askers_own_words_say_little(js, data):
    """提问者用语 (kin, people, time, amounts): a piece no word of the site explains, made of them and at most one
    more character, says nothing of what is asked (娃他爸, 老两口, 百年以后); a word of the site stays a word."""
    site = set(data.site_words)
    asker = [w for w in data.vocabulary.asker if w not in site]
    assert len(asker) >= 40
    rng = random.Random(5)
    for _ in range(300):
        parts = rng.sample(asker, rng.randint(1, 3))
        if rng.random() < 0.5:
            parts.insert(rng.randint(0, len(parts)), rng.choice("带拿在看"))
        piece = "".join(parts)
        if piece in site or len(piece) > 8:
            continue
        assert js("generic", word=piece), piece
    for word in ("车票钱", "暖气费", "物业费", "准生证"):
        assert not js("generic", word=word), word


def test_the_askers_sentence_run_together_says_little(js, data):
    """A piece no page holds made of the asker's own words, common words and the language's function characters
    (words.json's particles: 个, 那, 都 …) with at most one more character is the asker's sentence run together
    (个事情该找, 那笔, 局都管些), not a subject; a word of the language the site lacks (话费, 产假) stays one, also
    beside a function character."""
    particles = data.words["particles"]
    assert particles
    site = set(data.site_words)
    asker = [w for w in data.vocabulary.asker if w not in site]
    rng = random.Random(7)
    tried = 0
    for _ in range(300):
        parts = [rng.choice(particles) for _ in range(rng.randint(1, 3))]
        parts += rng.sample(asker, rng.randint(0, 1))
        if rng.random() < 0.5:
            parts.insert(rng.randint(0, len(parts)), rng.choice("带拿找看写笔"))
        rng.shuffle(parts)
        piece = "".join(parts)
        if len(piece) < 2 or piece in site:
            continue
        assert js("generic", word=piece), piece
        tried += 1
    assert tried >= 200
    for word in ("话费", "产假", "车票钱", "暖气费", "宠物"):
        assert not js("generic", word=word), word
        for particle in particles[:10]:
            assert not js("generic", word=word + particle), word + particle


def test_common_verbs_glued_before_a_site_word_say_little(js, data):
    """想进好学校, 要去看: the language's commonest verbs and adjectives of one character, run together in a piece no
    page holds, are how the asker puts the question (wants to get into a good …), not a thing the site lacks; the
    site's word after them is what is asked. A subject the site lacks (宠物, 话费) beside one stays a subject."""
    import jieba

    from govsite.search.words import GLUE_COUNT, GLUE_TAGS

    verbs = []
    with jieba.dt.get_dict_file() as handle:
        for line in handle.read().decode("utf-8").splitlines():
            word, count, tag = line.split(" ")
            if len(word) == 1 and tag in GLUE_TAGS and int(count) >= GLUE_COUNT:
                verbs.append(word)
    assert len(verbs) >= 20
    site = set(data.site_words)
    rng = random.Random(11)
    tried = 0
    for _ in range(300):
        piece = "".join(rng.choice(verbs) for _ in range(rng.randint(2, 3)))
        if piece in site or piece in data.pieces:
            continue
        assert js("generic", word=piece), piece
        tried += 1
    assert tried >= 150
    for word in ("宠物", "话费", "产假", "暖气费"):
        for verb in verbs[:12]:
            assert not js("generic", word=verb + word), verb + word


def test_a_derived_everyday_word_is_put_in_place_only_when_typed_whole(data):
    """words.json's derived (everyday words the index build derives from the site's own text): a word typed whole
    is also looked for as its terms; inside a longer word it is not put in place, as the editor's are (军人 in
    伤残军人 would be one more list, 伤残抚恤优待对象, that no page holds), and the editor's own entry for the same word
    wins. Pairs of the site's own words, sampled."""
    site = sorted(w for w in data.site_words if 2 <= len(w) <= 4)
    editors = {w for says, _ in data.vocabulary.everyday for w in says}
    rng = random.Random(17)
    inner = [w for w in site if w not in editors and not any(w in s for s in editors)]
    pairs = []
    for word in rng.sample(inner, 400):
        longer = [w for w in site if word in w and w != word and not any(e in w for e in editors)]
        if longer:
            pairs.append((word, rng.choice(longer), rng.choice(site)))
        if len(pairs) >= 12:
            break
    assert len(pairs) >= 8, pairs
    said = sorted(editors)[0]
    words = dict(data.words, derived=[[[w], [t]] for w, _, t in pairs] + [[[said], ["某某某"]]])
    runner = SearchJS()
    try:
        runner("setup", titles=data.titles, flags=data.flags, kinds=data.kinds, words=words, pinyin=data.pinyin,
               fold=json.loads(fold_file()))
        for word, longer, term in pairs:
            if term != word:
                assert term in runner("variants", word=word), (word, term)
            assert longer.replace(word, term) not in runner("variants", word=longer) or term in longer, (longer, term)
        assert "某某某" not in runner("variants", word=said)
    finally:
        runner.close()


def test_common_words_and_their_runs_say_little(js):
    for word in ("时候", "每个月", "那几年", "算不算", "管不管", "我爸"):
        assert js("generic", word=word), word
    for word in ("护照", "疫苗", "彩票", "宠物", "养狗", "医保卡", "抚恤金", "退役军人"):
        assert not js("generic", word=word), word
    split = js("split", text="退伍兵养老保险当兵那几年算不算")
    assert "那几年算不算" not in split["words"] and "那几年" not in split["words"], split


@given(st.integers(min_value=1990, max_value=2039), st.sampled_from(["年", "年度", "年的"]))
@SETTINGS
def test_the_unit_of_a_year_stays_with_the_year(js, year, unit):
    """2023年选岗结果: 年 is the year's, not the start of a word 年选岗 that no page holds."""
    split = js("split", text=f"{year}{unit}选岗结果")
    assert str(year) in split["words"] and not any(w.startswith("年") for w in split["words"]), split


def test_a_word_of_the_sites_vocabulary_names_something(js, data):
    """A word the site's vocabulary holds, made of one of the language's common words and one more character
    (医药费, 生活费), names a thing asked about: not generic. The same shape outside the vocabulary (那几年, 每个月,
    a common word and any character the vocabulary does not join to it) stays generic."""
    common = set(data.words["common"].split(" "))
    fillers = set(data.words["fillers"].split(" "))
    site = set(data.site_words)
    shaped = sorted(w for w in site if len(w) == 3 and w not in common and w not in fillers
                    and (w[:2] in common or w[1:] in common))
    assert len(shaped) >= 10, shaped
    for word in shaped[::max(1, len(shaped) // 40)]:
        assert not js("generic", word=word), word
    outside = sorted(c + x for c in sorted(common)[::50] for x in "月年个" if len(c) == 2 and c + x not in site)
    assert len(outside) >= 10
    for word in outside:
        assert js("generic", word=word), word


# ------------------------------------------------------------------ titles

GROUP_NAMES = ("法律法规", "政策文件", "解读", "公示公告", "普法", "其他")


def _occurrences(text: str, term: str) -> int:
    """Occurrences of term in text, overlapping ones too (as the n-gram postings count them)."""
    count, at = 0, text.find(term)
    while at != -1:
        count, at = count + 1, text.find(term, at + 1)
    return count


def _own_title(data, rid: int) -> str:
    """What a record's title says of itself (docs/search.md): a law article's label, a document's title without
    the bureau's names (the longest first), and its kind unless the kind is a filter group."""
    _, title, kind, _, _ = data.titles[rid]
    own = fold(title)
    if data.flags[rid] & FLAG_ARTICLE:
        own = own[own.rfind(" ") + 1:]
    else:
        for name in sorted(data.words["owner"].split(" "), key=len, reverse=True):
            own = " ".join(own.split(name))
    name = data.kinds[kind]
    return own + (" " + fold(name) if name and name not in GROUP_NAMES else "")


@st.composite
def title_term(draw, data):
    """A piece of some record's title or document numbers, or of the bureau's names (so that a piece crossing the
    end of a name is tried too: 务局关于)."""
    names = data.words["owner"].split(" ")
    owned = [rid for rid, row in enumerate(data.titles) if any(name in row[1] for name in names)]
    assert owned, "no title begins with the bureau's name: the own titles would not be tried"
    rid = draw(st.sampled_from(owned) if draw(st.booleans()) else st.integers(0, len(data.titles) - 1))
    _, title, _, _, keys = data.titles[rid]
    source = fold(draw(st.sampled_from([title, title, keys or title, "关于".join(names)])))
    start = draw(st.integers(0, max(0, len(source) - 2)))
    term = source[start:start + draw(st.integers(2, 6))].strip()
    assume(len(term) >= 2 and " " not in term)
    return term


@given(st.data())
@SETTINGS
def test_where_a_term_is_in_the_titles_is_found_for_every_record_at_once(js, data, drawn):
    """A question's words are looked for in every record's title, document numbers and own title at once, in one
    text per kind (search.js headStats): the same counts, record by record, as looking in each alone."""
    term = drawn.draw(title_term(data))
    found = js("heads", term=term)
    for rid, (_, title, _, _, keys) in enumerate(data.titles):
        expected = (_occurrences(fold(title), term), _occurrences(fold(keys), term),
                    _occurrences(_own_title(data, rid), term))
        assert (found["title"][rid], found["keys"][rid], found["own"][rid]) == expected, (term, title, keys)



# ------------------------------------------------------------------ words shortened

@given(st.data())
@SETTINGS
def test_a_term_shortened_the_chinese_way_is_read_as_the_term(js, data, draw):
    """国企 for 国有企业, 社保 for 社会保险: the first character of each two-character part of a word of the site. Made
    from the site's own vocabulary; a short form that is itself a word of the site stays that word."""
    site = set(data.site_words)
    fillers = set(data.words["fillers"].split())
    terms = sorted(w for w in site if len(w) in (4, 6) and re.fullmatch(r"[\u4e00-\u9fff]+", w))
    term = draw.draw(st.sampled_from(terms))
    short = term[::2]
    forms = js("longForms", word=short)
    if short in site or short in fillers:
        assert forms == [], (short, forms)
        return
    sharing = [w for w in terms if w[::2] == short]
    assert set(forms) <= set(sharing) and len(forms) == min(2, len(sharing)), (short, forms, sharing)
    if len(sharing) <= 2:
        assert term in forms, (short, forms)


def test_words_of_the_site_are_never_read_as_short_forms(js, data):
    for word in random.Random(3).sample([w for w in data.site_words if 2 <= len(w) <= 3], 300):
        assert js("longForms", word=word) == [], word


# ------------------------------------------------------------------ everyday words written another way

def _written_another_way(data) -> list[tuple[str, str, list[str]]]:
    """(typed, everyday word, its official terms): an everyday word of synonyms.yml with a part of it written as
    another word that stands for that part — a synonym (退役费 for 退伍费) or an everyday word for the official
    term inside it (给分配工作 beside 给安排工作) — made from the data, each pair once."""
    everyday = {say: official for says, official in data.words["everyday"] for say in says}
    site = set(data.site_words)
    swaps = [(other, member) for group in data.words["synonyms"] for member in group for other in group
             if other != member]
    swaps += [(say, term) for say, official in everyday.items() for term in official]
    found = {}
    for word, official in everyday.items():
        for typed_part, part in swaps:
            # once each (a word putting every occurrence of a part back is another case: 通知书通知书)
            if len(part) >= 2 and word.count(part) == 1 and part != word and typed_part not in word:
                typed = word.replace(part, typed_part)
                if typed not in everyday and typed not in site:
                    found.setdefault(typed, (typed, word, list(official)))
    return sorted(found.values())


def test_an_everyday_word_written_with_another_word_for_a_part_is_still_its_official_terms(js, data):
    """A piece of a question that is an everyday word only once a part of it is put as the word it stands for is
    a word of the split; no page holds it as written nor as that everyday word, so it must also be looked for as
    that everyday word's official terms (else the question is said to have no answer on a subject it names)."""
    cases = _written_another_way(data)
    assert len(cases) >= 10, cases  # the data gives many: each synonym group meets the everyday words it is in
    for typed, word, official in random.Random(5).sample(cases, min(200, len(cases))):
        found = js("wordVariants", word=typed)
        assert word in found, (typed, word, found)
        assert set(official) <= set(found), (typed, word, official, found)


def test_a_word_of_the_site_is_not_taken_beyond_its_own_variants(js, data):
    """A word of the site's vocabulary in a question is looked for as written and as its variants only, not as the
    official terms of an everyday word among them (退役军人: its synonym 退伍军人 is an everyday word for 退役士兵, a
    narrower term, which a search for 退役军人 must not bring in). Every such word the data gives."""
    everyday = {say for says, _ in data.words["everyday"] for say in says}
    site = [w for w in data.site_words if w not in everyday]
    checked = 0
    for word in site:
        found = js("variants", word=word)
        if any(v in everyday for v in found):
            assert js("wordVariants", word=word) == found, word
            checked += 1
    assert checked >= 5, checked


# ------------------------------------------------------------------ a word on no page

def test_one_specific_word_and_two_broad_ones_held_together_speak_of_the_site(js, data):
    """A question holding a word no page holds: its best hit holding two specific words (each on at most 5 % of the
    records), or one and two broad words of the site, says the site speaks of what is asked; one specific and one
    broad word, or broad words alone, do not."""
    n = len(data.titles)
    specific, broad = max(2, n // 50), n // 3
    rng = random.Random(11)
    site = [w for w in data.site_words if 2 <= len(w) <= 4 and not js("generic", word=w)]
    for _ in range(40):
        absent, s1, s2, b1, b2 = rng.sample(site, 5)
        groups = [{"text": absent, "size": 0, "quoted": False}]
        sizes = {s1: specific, s2: specific, b1: broad, b2: broad}
        groups += [{"text": w, "size": size, "quoted": False} for w, size in sizes.items()]

        def held(*words):
            return sum(1 << k for k, g in enumerate(groups) if g["text"] in words)
        assert js("speaksOf", groups=groups, held=held(s1, s2)) == 2
        assert js("speaksOf", groups=groups, held=held(s1, b1, b2)) == 2
        assert js("speaksOf", groups=groups, held=held(s1, b1)) == 1  # in doubt
        assert js("speaksOf", groups=groups, held=held(b1, b2)) == 0
        assert js("speaksOf", groups=groups, held=held(s1)) == 0
        # The verdict: answered; in doubt or no answer, the word named and the closest three only.
        answered = js("decided", groups=groups, held=held(s1, s2))
        assert not answered["noAnswer"] and not answered["doubt"] and answered["shown"] == 4
        doubt = js("decided", groups=groups, held=held(s1, b1))
        assert doubt["doubt"] and doubt["noAnswer"] and doubt["absent"] == [absent] and doubt["shown"] == 3
        for alone in (held(b1, b2), held(s1)):
            verdict = js("decided", groups=groups, held=alone)
            assert verdict["noAnswer"] and not verdict["doubt"] and verdict["absent"] == [absent]
            assert verdict["shown"] == 3


def _unexplained(data, word: str) -> int:
    """How many characters of `word` no filler, common word, word of the asker's (two to four characters) or
    filler, asker's or function character explains, fewest first (the rule, not search.js)."""
    fillers = set(data.words["fillers"].split()) | set(data.words["owner"].split())
    said = fillers | data.common | set(data.words["asker"].split())
    alone = fillers | set(data.words["asker"].split()) | set(data.words["particles"])
    best = [0] + [99] * len(word)
    for i in range(1, len(word) + 1):
        best[i] = best[i - 1] + 1
        for size in range(2, min(4, i) + 1):
            piece = word[i - size:i]
            if piece in said or re.fullmatch(r"(.{1,2})[不没]\1", piece):
                best[i] = min(best[i], best[i - size])
        if word[i - 1] in alone:
            best[i] = min(best[i], best[i - 1])
    return best[-1]


def _coverage(n, groups, held, generic, data=None):
    """The share of a question's weight its best hit holds, from the rule (not from search.js): each word weighs
    ln(records / (holding + 1)) / ln(records), at least 0, and a piece on no page that is no word of the site as
    many times that as it has pairs of characters that may name something (at least once); words that say little
    (generic) weigh nothing."""
    total = part = 0.0
    for k, g in enumerate(groups):
        if g["text"] in generic:
            continue
        weight = max(0.0, math.log(n / (g["size"] + 1))) / math.log(n)
        if data and g["size"] == 0 and g["text"] not in data.site_words:
            weight *= max(1, _unexplained(data, g["text"]) // 2)
        total += weight
        part += weight if held >> k & 1 else 0.0
    return part / total if total else 1.0


@given(st.data())
@SETTINGS
def test_coverage_weighs_a_questions_words_by_their_rarity(js, data, draw):
    """How much of a question its best hit covers: the words it holds, each weighed by how few records hold it (a
    word on no page most, one on every record nothing), against all the question's words but those that say
    little (fillers, the language's common words, the asker's own)."""
    n = len(data.titles)
    site = [w for w in data.site_words if 2 <= len(w) <= 4]
    texts = draw.draw(st.lists(st.sampled_from(site + ["那几年", "时候", "怎么"]), min_size=1, max_size=6, unique=True))
    groups = [{"text": t, "size": draw.draw(st.integers(0, n)), "quoted": False} for t in texts]
    held = draw.draw(st.integers(0, (1 << len(groups)) - 1))
    generic = {t for t in texts if js("generic", word=t)}
    assert js("coverage", groups=groups, held=held) == pytest.approx(_coverage(n, groups, held, generic, data))


@given(st.data())
@SETTINGS
def test_a_hit_holding_little_of_a_question_with_a_word_no_page_holds_does_not_answer_it(js, data, draw):
    """A question with pieces no page holds whose best hit holds two specific words: answered by that hit when it
    covers at least 45 % of the question's weight; less (the pieces no page holds are most of it: 生孩子 … 军嫂
    beside 比别人多休 of 产假), no answer is said plainly (in doubt: the words held named, the closest three)."""
    n = len(data.titles)
    site = [w for w in data.site_words if 2 <= len(w) <= 4 and not js("generic", word=w)]
    absent = draw.draw(st.lists(st.sampled_from(["比别人多休", "加油站加油", "办港澳", "开车走高速", "免过"]),
                                min_size=1, max_size=3, unique=True))
    assume(not any(js("generic", word=w) for w in absent))
    held_words = draw.draw(st.lists(st.sampled_from(site), min_size=2, max_size=3, unique=True))
    other = [w for w in draw.draw(st.lists(st.sampled_from(site), max_size=2, unique=True)) if w not in held_words]
    specific = max(2, int(n * 0.05))
    groups = [{"text": w, "size": 0, "quoted": False} for w in absent]
    groups += [{"text": w, "size": draw.draw(st.integers(1, specific)), "quoted": False} for w in held_words]
    groups += [{"text": w, "size": draw.draw(st.integers(1, n)), "quoted": False} for w in other]
    held = sum(1 << k for k, g in enumerate(groups) if g["text"] in held_words)
    assert js("speaksOf", groups=groups, held=held) == 2
    covered = _coverage(n, groups, held, set(), data)
    assume(abs(covered - 0.45) > 1e-6)
    verdict = js("decided", groups=groups, held=held)
    if covered >= 0.45:
        assert not verdict["noAnswer"] and verdict["shown"] == 4, (groups, covered)
    else:
        assert verdict["noAnswer"] and verdict["doubt"] and verdict["shown"] == 3, (groups, covered)
        assert verdict["absent"] == absent


@given(st.data())
@SETTINGS
def test_a_longer_piece_on_no_page_leaves_less_of_the_question_covered(js, data, draw):
    """A piece of a question that no page holds, made of characters no word of the site explains (健身房办卡), is
    as many things the site does not speak of as it has pairs of characters: the longer it is, the less of the
    question the best hit holding the other words covers, so 军属 and 打折 held together do not answer a question
    about a gym card."""
    n = len(data.titles)
    site = [w for w in data.site_words if 2 <= len(w) <= 4 and not js("generic", word=w)]
    held_words = draw.draw(st.lists(st.sampled_from(site), min_size=1, max_size=3, unique=True))
    sizes = [draw.draw(st.integers(1, n // 2)) for _ in held_words]
    pool = "健身房办卡加油站高速公路宠物疫苗装修物业彩票"
    longer = draw.draw(st.integers(4, 10))
    text = "".join(draw.draw(st.lists(st.sampled_from(pool), min_size=longer, max_size=longer)))
    assume(_unexplained(data, text) >= 4 and text not in data.site_words)
    short = 2

    def covered(piece):
        groups = [{"text": w, "size": size, "quoted": False} for w, size in zip(held_words, sizes)]
        groups.append({"text": piece, "size": 0, "quoted": False})
        return js("coverage", groups=groups, held=(1 << len(held_words)) - 1)
    assert covered(text) < covered(text[:short]), (held_words, text)


def test_a_measure_word_inside_an_everyday_phrase_is_the_phrase(js, data):
    """学个手艺, 找份工作, 交了学费: a measure word or 了/过 put between the parts of an everyday word or a synonym
    of the data is split as that word (学手艺), every such word of the data, cut at each place, with each kind of
    piece put in; a word that already holds the piece (老了干不动 keeps its 了) is left as typed."""
    keys = {w for says, _ in data.words["everyday"] for w in says if len(w) >= 2}
    keys |= {w for group in data.words["synonyms"] for w in group if len(w) >= 2}
    rng = random.Random(14)
    checked = 0
    for word in sorted(keys):
        if not re.fullmatch(r"[\u4e00-\u9fff]+", word) or js("split", text=word)["words"] != [word]:
            continue
        at = rng.randrange(1, len(word))
        piece = rng.choice(["个", "份", "门", "点", "了", "过", "一个", "一点"])
        typed = word[:at] + piece + word[at:]
        if any(k in typed and k not in word for k in keys):
            continue  # the piece makes another word of the data: read as that one
        assert js("split", text=typed)["words"] == [word], (typed, word)
        checked += 1
    assert checked >= 300, checked
    assert js("split", text="老了干不动")["words"] == ["老了干不动"]


def test_an_everyday_word_typed_whole_is_its_official_terms_first(js, data):
    """Only the first few ways of writing a word are looked for (MAX_ALTERNATIVES in search.js): an everyday word
    typed whole is put as its own official terms before any word inside it is put as its own (坐车不要钱: 免费乘坐,
    公共交通 before 坐车免费 or 交通工具不要钱). Every everyday word of the data."""
    for says, official in data.words["everyday"]:
        for say in says:
            found = js("variants", word=say)
            assert found[:len(official)] == [t for t in official if t != say], (say, official, found)


def test_the_ways_of_writing_a_word_are_those_of_the_rule(js, data):
    """search.js finds the everyday words inside a word by their first character (for speed); what it gives must be
    the rule's, written here plainly: the word's own official terms, then each everyday word inside it, in the order
    of the data, put as each of its official terms, then each synonym put as each other member. Words of the site
    and pieces of questions, seeded."""
    everyday = {}
    for says, official in data.words["everyday"]:
        for say in says:
            everyday.setdefault(say, official)

    def rule(word):
        out = []

        def add(v):
            if v != word and v not in out:
                out.append(v)
        for term in everyday.get(word, []):
            add(term)
        for say, official in everyday.items():
            if say in word:
                for term in official:
                    add(word.replace(say, term))
        for group in data.words["synonyms"]:
            for member in group:
                if member in word:
                    for other in group:
                        if other != member:
                            add(word.replace(member, other))
        return out

    rng = random.Random(21)
    pool = sorted(set(data.site_words) | set(everyday))
    words = rng.sample(pool, 300) + ["".join(rng.sample(pool, 3)) for _ in range(300)]
    for word in words:
        assert js("variants", word=word) == rule(word), word
