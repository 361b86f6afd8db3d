"""政策找找看 in Chromium: a phone visitor answers and sees the right benefits; JS and Python agree on the rule."""
from __future__ import annotations

import re

import pytest

from govsite.build import load_site
from govsite.types.services.matching import APPLIES, MAYBE, complete_profiles, evaluate, profile_from_answers
from sitekit import REPO

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def model():
    return load_site(REPO).models["services"]


def _expected(model, answers: dict) -> tuple[list[str], list[str]]:
    profile, _ = profile_from_answers(model.questions, answers)
    outcomes = [(b.id, evaluate(b.rules, profile).status) for b in model.benefits]
    return [i for i, s in outcomes if s == APPLIES], [i for i, s in outcomes if s == MAYBE]


def _open_finder(browser, served_site, watch, **options):
    page = watch(browser.new_page(**options))
    page.goto(served_site + "services/")
    page.wait_for_selector("#gov-finder:not([hidden])")
    return page


def _visible_cards(page) -> list[str]:
    return page.eval_on_selector_all("#gov-benefits [data-benefit]:not([hidden])",
                                     "cards => cards.map(c => c.dataset.benefit)")


def test_disabled_veteran_grade_five_on_a_phone(browser, served_site, offsite_requests, model):
    found, watch = offsite_requests
    page = _open_finder(browser, served_site, watch, viewport=PHONE, is_mobile=True, has_touch=True)
    for answer in ("伤残军人", "已退役", "五级"):  # tapping the label selects its radio button
        page.locator("label.gov-finder__option", has_text=answer).tap()
    answers = {"身份": "伤残军人", "是否退役": "已退役", "伤残等级": "五级"}
    applies, maybe = _expected(model, answers)
    assert "canji-fuxujin" in applies  # 条例第二十七条: grade 5 is pensioned whatever caused it
    assert "lieshi-baoyangjin" not in applies + maybe
    assert _visible_cards(page) == applies + maybe  # surely applicable first, then possibly, data order
    summary = page.locator("#gov-finder-summary").inner_text()
    assert f"{len(applies)} 项政策适用于您，{len(maybe)} 项可能适用" in summary

    card = page.locator("#b-canji-fuxujin")
    assert card.locator(".gov-benefit__fit").inner_text() == "适用于您"
    benefit = next(b for b in model.benefits if b.id == "canji-fuxujin")
    hrefs = card.locator(".gov-benefit__basis a").evaluate_all("links => links.map(a => a.href)")
    for _, citation in benefit.citations:
        assert any(h.endswith(citation.target) for h in hrefs), citation.target
    card.locator(".gov-benefit__basis summary").first.tap()  # the article's own words, on the page
    assert "残疾军人享受残疾抚恤金" in card.locator(".gov-benefit__basis details").first.inner_text()
    maybe_card = page.locator(f"#b-{maybe[0]}")
    assert maybe_card.locator(".gov-benefit__fit").inner_text().startswith("可能适用：")

    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]

    feed = page.locator("#gov-finder-feeds li:not([hidden])")
    assert feed.count() == 1 and "伤残军人" in feed.inner_text()
    feed_page = page.request.get(feed.locator("a").first.evaluate("a => a.href"))  # the feed's own page
    address = re.search(r'value="https://tyjrswj\.example\.gov\.cn/(feeds/[^"]+\.xml)"', feed_page.text()).group(1)
    rss = page.request.get(served_site + address)
    assert rss.ok and b"<rss" in rss.body()

    card.get_by_role("link", name="办事指南：伤残抚恤金申领").tap()
    page.wait_for_url("**/services/guides/shangcan-fuxujin/")
    assert page.locator("#cailiao").is_visible() and page.locator("svg.gov-flow__chart").is_visible()
    assert page.locator("a[href='tel:0371-12345672']").count() == 1
    assert "60日内" in page.locator("article").inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert found == []


def test_keyboard_alone_answers_the_questions(browser, served_site, offsite_requests, model):
    found, watch = offsite_requests
    page = _open_finder(browser, served_site, watch, viewport={"width": 1280, "height": 900})
    page.focus("#q1-1")  # first option of 您是哪一类人员？
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # radio groups move with the arrow keys: 伤残军人
    assert page.locator("#q1-2").is_checked()
    page.keyboard.press("Tab")  # next group: 是否退役, now shown
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == "已退役"
    page.keyboard.press("Tab")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "五级"
    applies, maybe = _expected(model, {"身份": "伤残军人", "是否退役": "已退役", "伤残等级": "五级"})
    assert _visible_cards(page) == applies + maybe
    page.get_by_role("button", name="重新选择").press("Enter")
    # nothing answered again: every benefit listed by its title, the cards folded away until one is chosen
    page.wait_for_function("document.querySelectorAll(\"[data-shortlist='全部'] a\").length"
                           f" === {len(model.benefits)}")
    assert _visible_cards(page) == []
    assert page.locator("#gov-finder-audiences").is_visible()
    assert found == []


def test_without_javascript_every_audience_has_its_plain_list(browser, served_site, model):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(served_site + "services/")
    assert not page.locator("#gov-finder").is_visible()
    assert page.locator("noscript").count() == 1
    for audience in model.audiences:
        listed = page.eval_on_selector_all(f"details.gov-audience:has(#{audience.anchor}) .gov-audience__list a",
                                           "links => links.map(a => a.hash)")
        assert listed == ["#" + b.anchor for b, _ in model.for_audience(audience)], audience.name
    assert page.locator("#gov-benefits [data-benefit]:visible").count() == len(model.benefits)
    context.close()


def _answer_sets(model) -> list[dict]:
    """Every complete way to answer, and every prefix of it (a visitor who stops early)."""
    seen, out = set(), []
    order = list(model.questions)
    for profile in complete_profiles(model.questions):
        answers = {name: next(iter(values)) for name, values in profile.answers.items()}
        for k in range(len(order) + 1):
            part = {n: answers[n] for n in order[:k] if n in answers}
            key = tuple(sorted(part.items()))
            if key not in seen:
                seen.add(key)
                out.append(part)
    return out


def test_browser_and_python_agree_on_every_profile(browser, served_site, model):
    answer_sets = _answer_sets(model)
    assert len(answer_sets) > 400
    page = browser.new_page()
    page.goto(served_site + "services/")
    page.wait_for_selector("#gov-finder:not([hidden])")
    results = page.evaluate("""async (sets) => {
        const data = await (await fetch("finder.json")).json();
        return sets.map(a => {
            const r = window.govFinder.evaluateAll(data, a);
            return {asked: Object.keys(r.asked), outcomes: r.outcomes, audiences: window.govFinder.audiencesOf(data, a)};
        });
    }""", answer_sets)
    for answers, got in zip(answer_sets, results):
        profile, asked = profile_from_answers(model.questions, answers)
        assert set(got["asked"]) == asked, answers
        for benefit in model.benefits:
            expected = evaluate(benefit.rules, profile)
            js = got["outcomes"][benefit.id]
            assert (js["status"], tuple(js["dependsOn"]), tuple(js["extras"]), js["reason"]) == \
                (expected.status, expected.depends_on, expected.extras, expected.reason), (answers, benefit.id)
        mine = [a.id for a in model.audiences
                if all(answers.get(n) in values for n, values in a.profile.answers.items())]
        assert got["audiences"] == mine, answers
    page.close()
