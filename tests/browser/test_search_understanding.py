"""What a person sees when the search understands a query, in headless Chromium at 375 px and 1280 px: a law
named the way people shorten it, a 发文字号 typed loosely, a kind of document and a year, an intent, a character
typed for another of the same sound (您是不是要找), and a question the site cannot answer (the no-answer panel).

The queries are made here from the built site and the data (law titles, document numbers, the site's words and
their sounds, intents.yml), so they are phrasings the code was not written against; the expected page is the one
the data names.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

import jieba
import pytest
import yaml
from test_search import DESKTOP, PHONE, _document_numbers, _search, _site_relative
from test_search_questions import _no_sideways_scroll

from govsite.search.text import fold
from sitekit import REPO, search_record_texts

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/search-screenshots")
CN = "零一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return CN[n]
    if n < 100:
        return (CN[n // 10] if n >= 20 else "") + "十" + (CN[n % 10] if n % 10 else "")
    return CN[n // 100] + "百" + ("" if not n % 100 else ("零" + CN[n % 100] if n % 100 < 10 else _cn(n % 100)))


def _sample(items: list, viewport) -> list:
    """Every item on a desktop, every third on a phone: the answers do not depend on the width (one script, one
    index), so the phone run checks what a person sees there on a sample and the desktop run asks everything."""
    return items if viewport is DESKTOP else items[::3]


def _titles(site: Path) -> list[list]:
    return json.loads((site / "searchindex/titles.json").read_text(encoding="utf-8"))


def _site_text(site: Path) -> str:
    return fold(" ".join(row[1] for row in _titles(site)) + " " + " ".join(search_record_texts(site)))


def _first_chars_alias(title: str) -> tuple[str, str] | None:
    """A law's name as people shorten it: 中华人民共和国 dropped, each word of the name by its first character, the
    kind (法, 条例) kept: 个人信息保护法 -> 个信保法."""
    name = title.removeprefix("中华人民共和国")
    ending = "条例" if name.endswith("条例") else "法" if name.endswith("法") else ""
    words = [w for w in jieba.lcut(name[:len(name) - len(ending)], HMM=False) if w not in ("和", "的")]
    return ("".join(w[0] for w in words) + ending, name) if ending and len(words) >= 2 else None


def _laws(site: Path) -> list[tuple[str, str, int]]:
    """(title, url, an article number) of each law in force whose articles are records."""
    titles = _titles(site)
    urls = {row[0] for row in titles}
    found = []
    for row in titles:
        url, title, status = row[0], row[1], (row[3] if len(row) > 3 else "")
        if re.fullmatch(r"laws/[^/]+/", url) and not status:
            numbers = sorted(int(u.split("#art-")[1]) for u in urls if u.startswith(url + "#art-"))
            if numbers:
                found.append((title, url, numbers[len(numbers) // 2]))
    return found


def _unambiguous(alias: str, name: str, laws) -> bool:
    core = alias[:-1] if alias.endswith("法") else alias[:-2]
    hits = 0
    for title, _, _ in laws:
        other = title.removeprefix("中华人民共和国")
        at = -1
        for char in core:
            at = other.find(char, at + 1)
            if at < 0:
                break
        else:
            hits += 1
    return hits == 1


def _hrefs(page, base: str) -> list[str]:
    return [_site_relative(a.get_attribute("href"), base) for a in page.locator(".md-search-result__link").all()]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_shortened_law_names_land_on_the_article(browser, built_site, served_site, offsite_requests, viewport):
    found, watch = offsite_requests
    page = watch(browser.new_context(viewport=viewport).new_page())
    laws = _laws(built_site)
    shortened_laws = [(url, article, shortened) for title, url, article in laws
                      if (shortened := _first_chars_alias(title)) and _unambiguous(shortened[0], shortened[1], laws)]
    assert len(shortened_laws) >= 2, "the demo site's laws give at least two shortened names"
    for url, article, (alias, name) in shortened_laws if viewport is DESKTOP else shortened_laws[:1]:
        for typed, want in ((f"{alias}第{_cn(article)}条", f"{url}#art-{article}"), (f"{alias} {article}条", f"{url}#art-{article}"),
                            (alias, url)):
            hits = _ask(page, served_site, typed)
            assert _hrefs(page, served_site)[0] == want, (typed, want)
            assert name in hits.first.locator("h1").inner_text()
            note = page.locator("[data-gs-note]")
            assert note.is_visible() and f"“{alias}”按“{name}”查找" in note.inner_text(), note.inner_text()
    _no_sideways_scroll(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"law-short-{'phone' if viewport is PHONE else 'desktop'}.png"))
    page.context.close()
    assert found == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_loose_document_numbers_and_a_year_with_a_kind(browser, built_site, served_site, viewport):
    page = browser.new_context(viewport=viewport).new_page()
    numbers = sorted(_document_numbers(built_site).items())
    seen = set()
    for number, url in _sample(numbers, viewport):
        organ, year, n = re.fullmatch(r"(.*)〔(\d{4})〕(\d+)号", number).groups()
        same = [x for x, _ in numbers if re.search(rf"〔{year}〕{n}号$", x)]
        tail = organ[-1] if len(same) > 1 else ""
        for typed in (f"{tail}{year}年{_cn(int(n))}号文件", f"{organ.removeprefix('某')} {year}-{n}号", f"{tail}{year[2:]}年第{n}号文"):
            _ask(page, served_site, typed)
            assert _hrefs(page, served_site)[0] == url, (typed, url)
        seen.add(url)
    assert len(seen) >= (5 if viewport is DESKTOP else 2)
    # A kind of document and a year: the annual reports by year, before the list of reports and other years.
    reports = [(row[0], row[1]) for row in _titles(built_site) if re.fullmatch(r"xxgk/ndbg/\d{4}/", row[0])]
    assert len(reports) >= 2
    for url, title in reports:
        year = re.search(r"(\d{4})年", title).group(1)
        for typed in (f"{year}年年报", f"{year}年的政府信息公开年度报告"):
            _ask(page, served_site, typed)
            assert _hrefs(page, served_site)[0] == url, (typed, url)
    # A kind and a year: that year's interpretations, not the catalogue's view titled with both words
    years = sorted({m.group(1) for row in _titles(built_site) if (m := re.fullmatch(r"xxgk/zcjd/(\d{4})-\d+/", row[0]))})
    assert years
    for year in _sample(years, viewport):
        typed = f"{year}年的政策解读"
        _ask(page, served_site, typed)
        hrefs = _hrefs(page, served_site)
        assert re.fullmatch(rf"xxgk/zcjd/{year}-\d+/", hrefs[0]), (typed, hrefs[:3])
    _no_sideways_scroll(page)
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_intents_give_the_page_that_does_it(browser, served_site, viewport):
    page = browser.new_context(viewport=viewport).new_page()
    intents = yaml.safe_load((REPO / "data/search/intents.yml").read_text(encoding="utf-8"))["入口"]
    asked = 0
    for intent in intents:
        for pattern in intent["问法"][:2 if viewport is DESKTOP else 1]:
            extra = intent.get("可带词语", [])[:1]
            typed = "请问" + "".join(extra) + "".join(reversed(pattern)) + "吗"
            _ask(page, served_site, typed)
            assert _hrefs(page, served_site)[0] == intent["页面"], (typed, intent["名称"])
            asked += 1
    assert asked >= (15 if viewport is DESKTOP else 8)
    page.context.close()


def _typo(site: Path) -> tuple[str, str]:
    """A word of the site's own (专用词语 on its pages) typed with one character of the same usual reading, the
    typed piece on no page."""
    pinyin = json.loads((site / "searchindex/pinyin.json").read_text(encoding="utf-8"))
    sound = {c: s for s, chars in pinyin["sounds"].items() for c in chars}
    text = _site_text(site)
    vocabulary = yaml.safe_load((REPO / "data/search/vocabulary.yml").read_text(encoding="utf-8"))
    words = [w for w in vocabulary["专用词语"] if 3 <= len(w) <= 4 and w in text and w not in pinyin["words"]]
    for word in sorted(words):
        for i in range(1, len(word)):
            for other in pinyin["sounds"].get(sound.get(word[i], ""), ""):
                typed = word[:i] + other + word[i + 1:]
                if other != word[i] and typed not in text and typed[i - 1:i + 1] not in text:
                    return word, typed
    raise AssertionError("no word of the site to mistype")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_same_sounding_character_offers_did_you_mean(browser, built_site, served_site, viewport):
    word, typed = _typo(built_site)
    page = browser.new_context(viewport=viewport).new_page()
    hits = _search(page, served_site, typed + "怎么申请")
    line = page.locator("[data-gs-did-you-mean]")
    assert line.is_visible()
    assert line.inner_text().startswith(f"您是不是要找：{word}怎么申请"), line.inner_text()
    assert hits.count() > 0
    texts = dict(zip((row[0] for row in _titles(built_site)), search_record_texts(built_site)))
    first = _hrefs(page, served_site)[0]
    assert word in fold(texts[first] + hits.first.locator("h1").inner_text()), first  # the word meant, not typed
    _no_sideways_scroll(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"did-you-mean-{'phone' if viewport is PHONE else 'desktop'}.png"))
    line.locator("button").click()  # the corrected query in the box, searched as typed
    page.wait_for_function("q => document.querySelector('[data-govsite-search]').dataset.gsDone === q",
                           arg=f"{word}怎么申请")
    assert not page.locator("[data-gs-did-you-mean]").is_visible()
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_question_the_site_cannot_answer_says_so(browser, built_site, served_site, viewport):
    text = _site_text(built_site)
    missing = [w for w in ("护照", "彩票", "签证", "疫苗", "宠物", "天气", "驾照") if w not in text]
    assert len(missing) >= 3
    page = browser.new_context(viewport=viewport).new_page()
    for word in missing[:3]:
        typed = f"退役军人的{word}怎么办理"
        hits = _ask(page, served_site, typed)
        meta = page.locator("[data-gs-meta]").inner_text()
        assert meta == f"没有找到关于“{word}”的内容", meta
        assert page.locator("[data-gs-suggest]").is_visible()  # the help panel: the catalogue, Q&A, guides, phone
        assert hits.count() <= 3  # the closest few, not every page with 退役军人 or 办理
        if hits.count():
            assert page.locator("[data-gs-note]").inner_text() == "最接近的几条（不一定能回答您的问题）"
        assert not page.locator("[data-gs-more]").is_visible()
    _no_sideways_scroll(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"no-answer-{'phone' if viewport is PHONE else 'desktop'}.png"))
    page.context.close()


def _asker_word_questions(site: Path, count: int) -> list[tuple[str, str, str, str]]:
    """Questions of a word the site does not hold and two specific words of one law article: (typed, the absent
    word, word 1, word 2). The absent word is a word of the language (jieba's, neither common nor filler) that no
    page holds and that sounds like no word of the site; the two are words of the site's vocabulary that the
    article holds, each on few records (≤ 4 %, under the search's 5 %), not common. Made from the built site, so
    they are pairs the code was not written against."""
    data = json.loads((site / "searchindex/words.json").read_text(encoding="utf-8"))
    vocabulary = {w for ws in data["words"].values() for w in ws.split(" ")}
    common = set(data["common"].split(" ")) | set(data["fillers"].split(" "))
    fillers = set(data["fillers"].split(" "))
    asker = set(data.get("asker", "").split(" ")) - {""}
    common |= asker

    def generic(word: str) -> bool:  # search.js's isGeneric: made of common, filler or asker's words and a character
        best = [0] + [99] * len(word)
        for i in range(1, len(word) + 1):
            best[i] = best[i - 1] + (0 if word[i - 1] in fillers or word[i - 1] in asker else 1)
            for size in range(2, min(4, i) + 1):
                if word[i - size:i] in common:
                    best[i] = min(best[i], best[i - size])
        return word in common or (best[-1] <= 1 and best[-1] < len(word))
    titles = _titles(site)
    texts = [fold(t) for t in search_record_texts(site)]
    text = _site_text(site)
    pinyin = json.loads((site / "searchindex/pinyin.json").read_text(encoding="utf-8"))
    sound = {c: s for s, chars in pinyin["sounds"].items() for c in chars}
    site_sounds = {" ".join(sound.get(c, "?") for c in w) for w in vocabulary}
    # A spread of the dictionary, in no order the code could know (by a hash of each word).
    dictionary = sorted((w for w, n in _jieba_counts().items() if len(w) == 2 and 200 <= n < 3000),
                        key=lambda w: hashlib.sha1(w.encode("utf-8")).hexdigest())
    absent = [w for w in dictionary[:2000] if w not in text and w not in common and not generic(w)
              and all(c in sound for c in w) and " ".join(sound[c] for c in w) not in site_sounds][:count]
    limit = 0.04 * len(texts)
    frequency: dict[str, int] = {}

    def records_with(word: str) -> int:
        if word not in frequency:
            frequency[word] = sum(1 for t in texts if word in t)
        return frequency[word]

    found = []
    articles = [k for k, row in enumerate(titles) if "#art-" in row[0] and "/20" not in row[0]]
    for k in articles[::23]:
        words = [w for w in dict.fromkeys(jieba.lcut(texts[k], HMM=False))
                 if 2 <= len(w) <= 4 and w in vocabulary and not generic(w) and not re.search("[第条款项]", w)
                 and 2 <= records_with(w) <= limit]
        words.sort(key=records_with)  # the article's most specific words
        pairs = [(a, b) for i, a in enumerate(words) for b in words[i + 1:] if a not in b and b not in a]
        if pairs and len(found) < len(absent):
            w1, w2 = pairs[0]
            word = absent[len(found)]
            found.append((f"{word}的{w1}和{w2}有什么规定", word, w1, w2))
    return found


@lru_cache(maxsize=1)
def _jieba_counts() -> dict[str, int]:
    from govsite.search.words import dictionary_counts
    return dictionary_counts()


def test_a_word_of_the_askers_own_does_not_make_a_question_unanswerable(browser, built_site, served_site):
    """A question holding one word no page holds is still answered when two of its other words, each on few
    records, are held together by a record (the word was the asker's, not the thing asked about)."""
    questions = _asker_word_questions(built_site, 6)
    assert len(questions) >= 4, questions
    texts = dict(zip((row[0] for row in _titles(built_site)), (fold(t) for t in search_record_texts(built_site))))
    page = browser.new_context(viewport=DESKTOP).new_page()
    for number, (typed, word, w1, w2) in enumerate(questions):
        hits = _ask_again(page, typed) if number else _search(page, served_site, typed)
        meta = page.locator("[data-gs-meta]").inner_text()
        assert "没有找到关于" not in meta, (typed, meta)
        assert hits.count() > 3, typed  # not only the closest few
        first = _hrefs(page, served_site)[0]
        assert w1 in texts[first] and w2 in texts[first], (typed, first)
        # One specific word beside it is not enough to answer: the absent word is named plainly (in doubt too,
        # when the best hit also holds 办理, a broad word of the site), above the closest few.
        hits = _ask_again(page, f"{word}的{w1}怎么办理")
        assert page.locator("[data-gs-meta]").inner_text() == f"没有找到关于“{word}”的内容", (word, w1)
        assert 0 < hits.count() <= 3, (word, w1)
    page.context.close()


def test_in_doubt_the_hits_are_shown_under_a_plain_note(browser, built_site, served_site):
    """A question whose best hit holds one specific word of it and one broad one beside a word no page holds is
    in doubt: said as plainly as no answer (the word named, the closest few, the help panel), with a note naming
    the question's words the hits hold. Made from the
    built site like the questions above: the absent word, a specific word of an article and a broad word
    (on more than 5 % of the records) that the article holds too."""
    data = json.loads((built_site / "searchindex/words.json").read_text(encoding="utf-8"))
    texts = [fold(t) for t in search_record_texts(built_site)]
    limit = 0.05 * len(texts)
    broad = [w for w in ("退役军人", "军人", "烈士", "国家", "规定") if sum(1 for t in texts if w in t) > limit
             and w not in data["common"].split(" ")]
    assert broad
    page = browser.new_context(viewport=DESKTOP).new_page()
    shown = 0
    for _, word, w1, _ in _asker_word_questions(built_site, 6):
        pick = next((b for b in broad if any(w1 in t and b in t for t in texts)), None)
        if not pick:
            continue
        typed = f"{pick}{word}{w1}"
        hits = _ask_again(page, typed) if shown else _search(page, served_site, typed)
        shown += 1
        note = page.locator("[data-gs-note]")
        assert page.locator("[data-gs-meta]").inner_text() == f"没有找到关于“{word}”的内容", typed
        assert note.is_visible() and note.inner_text().startswith("以下几条包含问题的其他词语（"), (typed, note.inner_text())
        assert pick in note.inner_text() and w1 in note.inner_text() and word not in note.inner_text(), note.inner_text()
        assert 0 < hits.count() <= 3 and page.locator("[data-gs-suggest]").is_visible(), typed
    assert shown >= 3, shown
    page.context.close()


def _ask(page, base: str, query: str):
    """A question asked from the site's home page the first time, then typed into the open search box as a visitor
    asks one after another (a page load per question costs more than the question)."""
    return _ask_again(page, query) if page.url.startswith(base) else _search(page, base, query)


def _ask_again(page, query: str):
    """A new question typed into the open search box, as a visitor asks one after another (no page load)."""
    box = page.locator("input[data-gs-query]")
    box.fill("")
    box.focus()
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.wait_for_function("q => document.querySelector('[data-govsite-search]').dataset.gsDone === q", arg=query)
    return page.locator(".md-search-result__item")


def test_everyday_words_typed_in_the_box_reach_their_official_terms(browser, built_site, served_site):
    """Everyday words of data/search/synonyms.yml (俗称: kinship words, money, things people do), asked in a
    question typed into the search box, are answered (no no-answer panel) with a first hit holding one of the
    official terms each stands for (or the word itself): the words the pages do not use reach the pages that say
    them officially. A seeded sample of the entries, each in the page a visitor has: every entry is asked, by the
    same search.js in Node, in tests/integration/test_search_data_site.py (a question takes some 0.25 s here, and
    the file has some 800 such words)."""
    import random

    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))["俗称"]
    texts = dict(zip((row[0] for row in _titles(built_site)), (fold(t) for t in search_record_texts(built_site))))
    titles = {row[0]: fold(row[1]) for row in _titles(built_site)}
    page = browser.new_context(viewport=DESKTOP).new_page()
    asked = 0
    for entry in random.Random(5).sample(data, 40):
        official = [fold(t) for t in entry["正式说法"]]
        for say in entry["说法"][::2]:
            typed = f"{say}有什么规定"
            if asked:
                _ask_again(page, typed)
            else:
                _search(page, served_site, typed)
            assert "没有找到" not in page.locator("[data-gs-meta]").inner_text(), typed
            first = _hrefs(page, served_site)[0]
            held = texts[first] + titles[first]
            assert any(term in held for term in [*official, fold(say)]), (typed, first)
            asked += 1
    assert asked >= 50
    page.context.close()


def test_a_year_asked_for_is_the_year_a_title_names_not_the_year_published(browser, built_site, served_site):
    """Documents about one year published the next (a year's reports): a year and a kind asked for give first a
    document whose own title names that year, never one whose 索引号 alone holds it. Made from every document of
    the built site whose title's year differs from its 索引号's, with the kinds its title ends in."""
    titles = _titles(built_site)
    cases = []
    for row in titles:
        keys = " ".join(str(k) for k in row[3:])
        title_year, published = re.search(r"(20\d\d)年", row[1]), re.search(r"/(20\d\d)-\d+", keys)
        if "#" in row[0] or not title_year or not published or title_year.group(1) == published.group(1):
            continue
        year = published.group(1)
        for kind in ("工作报告", "年度报告", "报告"):
            # Asked with a kind its title does not hold as written (工作年度报告 is no 工作报告), it is still not
            # the document of the year asked for when a list of that year's reports is there.
            if kind not in row[1] and any(year in other[1] and kind in other[1] for other in titles):
                cases.append((f"{year}年的{kind}", year, kind))
            # Another document titled with that year and kind exists: it is the one asked for.
            if kind in row[1] and any(year in other[1] and kind in other[1] and "#" not in other[0] for other in titles):
                cases.append((f"{year}年的{kind}", year, kind))
    assert len(cases) >= 3, cases
    page = browser.new_context(viewport=DESKTOP).new_page()
    for typed, year, _kind in cases:
        _ask(page, served_site, typed)
        first = _hrefs(page, served_site)[0]
        title = next(row[1] for row in titles if row[0] == first)
        assert year in title, (typed, first, title)
    page.context.close()
