"""Search typed the way people type, in headless Chromium at 375 px and 1280 px: questions, traditional
characters, 发文字号 in any bracket, several words where no page holds them all, quotes, and nothing found.

What counts as the right page for a question is the hand-judged list in bench/data/natural-queries.yml (each
with the reason, written from the pages); everything else is computed here from the built pages' HTML.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_search import DESKTOP, PHONE, _document_numbers, _law_page, _search, _site_relative, _units_containing

from sitekit import REPO

pytestmark = pytest.mark.browser
JUDGED = {q["q"]: q["relevant"] for q in
          yaml.safe_load((REPO / "bench/data/natural-queries.yml").read_text(encoding="utf-8"))["queries"]}
SCREENSHOTS = Path("/tmp/search-screenshots")


def _hrefs(page, base: str) -> list[str]:
    return [_site_relative(a.get_attribute("href"), base) for a in page.locator(".md-search-result__link").all()]


def _no_sideways_scroll(page) -> None:
    # Material's search slides in on a phone, wider than the screen while it moves: judge the page at rest.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    # A transition not yet started is not among the animations (under load the check can come first): the page is
    # judged when it has come to rest within a few seconds; one that stays wider than the screen fails.
    try:
        page.wait_for_function("() => document.documentElement.scrollWidth <= window.innerWidth", timeout=5000)
    except PlaywrightTimeout:
        raise AssertionError("the page scrolls sideways") from None
    box = page.locator(".md-search__inner").bounding_box()
    assert box["x"] >= -1 and box["x"] + box["width"] <= page.viewport_size["width"] + 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_three_questions_land_on_the_right_page_first(browser, built_site, served_site, offsite_requests, viewport):
    found, watch = offsite_requests
    page = watch(browser.new_context(viewport=viewport).new_page())
    SCREENSHOTS.mkdir(exist_ok=True)
    name = "phone" if viewport is PHONE else "desktop"
    for query, words in (("残疾军人怎么申请优待", ["残疾军人", "申请", "优待"]), ("烈士遗属有什么待遇", ["烈士遗属", "待遇"])):
        hits = _search(page, served_site, query)
        first = _hrefs(page, served_site)[0]
        assert first in JUDGED[query], (query, first)
        note = page.locator("[data-gs-note]")
        assert note.is_visible()  # what was looked for instead of the whole question
        assert note.inner_text() == "没有找到与输入完全相同的内容，以下结果包含这些词语：" + "、".join(words)
        assert hits.first.locator("h1").is_visible() and hits.first.locator(".gs-kind").is_visible()
        page.wait_for_function("() => document.querySelector('.gs-snippet mark')")
        assert any(w in hits.first.locator(".gs-snippet").inner_text() for w in words)
        _no_sideways_scroll(page)
        page.screenshot(path=str(SCREENSHOTS / f"question-{query[:4]}-{name}.png"))
    url, _ = _law_page(built_site, "军人抚恤优待条例")
    hits = _search(page, served_site, "軍人撫卹優待條例")  # traditional characters, as typed in Hong Kong
    assert _hrefs(page, served_site)[0] == url
    assert hits.first.locator("h1 mark").first.inner_text() == "军人抚恤优待条例"
    assert not page.locator("[data-gs-note]").is_visible()  # found as typed (folded): no note
    page.screenshot(path=str(SCREENSHOTS / f"traditional-{name}.png"))
    page.keyboard.press("Enter")  # the law page opens with its name marked
    page.wait_for_url(re.compile(re.escape(served_site + url) + r"\?h="))
    page.wait_for_function("() => document.querySelector('article mark.gs-highlight')")
    assert page.locator("article mark.gs-highlight").first.inner_text() == "军人抚恤优待条例"
    page.context.close()
    assert found == []


def test_document_numbers_in_any_bracket(browser, built_site, served_site):
    numbers = _document_numbers(built_site)
    number, url = next((n, u) for n, u in sorted(numbers.items()) if "〔2024〕1号" in n)
    prefix = number.split("〔")[0]
    page = browser.new_page()
    for typed in (f"{prefix}[2024]1号", "（2024）1号", "(2024)1号", "【2024】1号", f"{prefix}［2024］1号"):
        _search(page, served_site, typed)
        assert _hrefs(page, served_site)[0] == url, typed
        assert not page.locator("[data-gs-note]").is_visible(), typed  # found as it is, not as separate words
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(served_site + url) + r"\?h="))
    page.wait_for_function("() => document.querySelector('article mark.gs-highlight')")
    assert page.locator("article mark.gs-highlight").first.inner_text() == number  # as the page writes it
    page.close()


def _two_words_never_together(site: Path) -> tuple[str, str]:
    """Two terms that pages hold, but no page (nor law article) holds both."""
    for a, b in (("褒扬金", "罢免"), ("宪法宣传周", "护理费"), ("褒扬金", "公证处")):
        with_a, with_b = _units_containing(site, a), _units_containing(site, b)
        if with_a and with_b and not with_a & with_b:
            return a, b
    raise AssertionError("no such pair in the demo site")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_most_words_when_no_page_holds_them_all(browser, built_site, served_site, viewport):
    a, b = _two_words_never_together(built_site)
    holding = _units_containing(built_site, a) | _units_containing(built_site, b)
    page = browser.new_context(viewport=viewport).new_page()
    _search(page, served_site, f"{a} {b}")
    note = page.locator("[data-gs-note]")
    assert note.is_visible()
    assert note.inner_text().startswith("没有同时包含全部词语的结果，以下结果包含其中部分词语")
    shown = _hrefs(page, served_site)
    assert shown and set(shown) <= holding  # each hit holds one of the words
    # Pages titled with one of the words first (the 烈士褒扬金发放 guide for 褒扬金).
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert a in titles[0] or b in titles[0]
    _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / f"partial-{'phone' if viewport is PHONE else 'desktop'}.png"))
    page.context.close()


def test_all_words_first_then_some(browser, built_site, served_site):
    """A question whose words are together in some pages and apart in others: those holding all come
    first, and a line marks where the pages holding only some of them begin."""
    page = browser.new_page()
    _search(page, served_site, "褒扬金怎么申领")
    both = _units_containing(built_site, "褒扬金") & (_units_containing(built_site, "申领")
                                                   | _units_containing(built_site, "申请") | _units_containing(built_site, "办理"))
    assert both
    note = page.locator("[data-gs-note]").inner_text()
    assert note.startswith("没有找到与输入完全相同的内容，以下结果包含这些词语：褒扬金、申领")
    for _ in range(20):  # "显示更多结果" until the line appears or everything is listed
        if page.locator(".gs-divider").count() or page.locator("[data-gs-more]").is_hidden():
            break
        page.locator("[data-gs-more]").dispatch_event("click")
        page.wait_for_timeout(200)
    items = page.locator(".md-search-result__list > li")
    kinds = ["divider" if "gs-divider" in (items.nth(i).get_attribute("class") or "") else "hit" for i in range(items.count())]
    assert "divider" in kinds and kinds.count("divider") == 1
    before = _hrefs(page, served_site)[:kinds.index("divider")]
    assert before and set(before) <= both
    assert page.locator(".gs-divider").inner_text() == "以下结果包含其中部分词语"
    page.close()


def test_a_phrase_in_quotes_stays_exact(browser, built_site, served_site):
    exact = _units_containing(built_site, "伤残军人")
    synonym = _units_containing(built_site, "残疾军人")
    assert exact and synonym - exact
    page = browser.new_page()
    _search(page, served_site, "“伤残军人”")
    page.wait_for_function("n => document.querySelector('[data-gs-meta]').textContent === '共 ' + n + ' 条结果'",
                           arg=len(exact))
    assert set(_hrefs(page, served_site)) <= exact
    # Unquoted, the synonym 残疾 counts too, after every page that says 伤残军人 as typed.
    _search(page, served_site, "伤残军人")
    total = int(re.search(r"\d+", page.locator("[data-gs-meta]").inner_text()).group())
    assert total > len(exact)
    shown = _hrefs(page, served_site)
    assert set(shown[:len(exact)]) == exact if len(exact) <= len(shown) else set(shown) <= exact
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_found_suggests_where_to_look(browser, served_site, viewport):
    page = browser.new_context(viewport=viewport).new_page()
    hits = _search(page, served_site, "乂乂 亍亍")  # characters no page has
    assert hits.count() == 0
    assert page.locator("[data-gs-meta]").inner_text() == "没有找到包含“乂乂 亍亍”的内容"
    suggest = page.locator("[data-gs-suggest]")
    assert suggest.is_visible()
    links = {a.inner_text(): a.evaluate("a => a.href") for a in suggest.locator("a").all()}
    assert links["在政府信息公开目录中"] == served_site + "xxgk/ml/"
    assert links["看政策问答"] == served_site + "qa/" and links["看办事指南"] == served_site + "services/guides/"
    assert links["打电话咨询"] == served_site + "about/contact/"
    fewer = suggest.locator("[data-gs-try]")
    assert fewer.all_inner_texts() == ["乂乂", "亍亍"] and fewer.first.is_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / f"nothing-{'phone' if viewport is PHONE else 'desktop'}.png"))
    fewer.first.click()  # one word alone
    page.wait_for_function("() => document.querySelector('[data-govsite-search]').dataset.gsDone === '乂乂'")
    assert page.locator("[data-gs-query]").input_value() == "乂乂"
    assert page.locator("[data-gs-meta]").inner_text() == "没有找到包含“乂乂”的内容"
    assert not page.locator("[data-gs-fewer]").is_visible()  # one word: nothing fewer to try
    page.context.close()


def test_article_references_land_on_the_article(browser, served_site):
    page = browser.new_page()
    for typed, url in (("退役军人保障法第24条", "laws/tuiyi-junren-baozhangfa/#art-24"),
                       ("保障法第十五条", "laws/tuiyi-junren-baozhangfa/#art-15"),
                       ("军人抚恤优待条例第三十一条", "laws/junren-fuxu-youdai-tiaoli/#art-31")):
        _search(page, served_site, typed)
        assert _hrefs(page, served_site)[0] == url, typed
    page.close()
