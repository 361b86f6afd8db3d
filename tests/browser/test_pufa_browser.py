"""普法 as a new visitor meets it on a phone (375 px, Chromium): the quiz, a case reached from a law article,
the 伤残军人 普法 page, the home page's next 普法 date; the quiz by keyboard and without JavaScript."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
QUIZ = "pufa/dati/tuiyi-junren-baozhangfa/"


def _phone(browser, watch, **extra):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **extra)
    page = context.new_page()
    watch(page)
    return context, page


def _no_sideways_scroll(page, width=PHONE["width"]):
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def _visible_questions(page) -> list[str]:
    return page.eval_on_selector_all("[data-question]", "qs => qs.filter(q => !q.hidden).map(q => q.id)")


def _choose(page, section, text):
    section.locator("label.quiz-choice", has_text=text).tap()


def test_quiz_on_a_phone_wrong_answer_explained_with_the_article_then_score_and_review(
        browser, served_site, offsite_requests):
    found, watch = offsite_requests
    context, page = _phone(browser, watch)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + QUIZ, wait_until="networkidle")
    loaded = len(requests)
    storage_before = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")

    # One question at a time, with its choices as large tappable rows; the answers are not shown yet.
    assert _visible_questions(page) == ["ti-1"]
    first = page.locator("#ti-1")
    assert first.locator(".quiz-choice").count() == 4 and first.locator(".quiz-choice").first.is_visible()
    assert not first.locator("[data-explain]").is_visible()
    assert not first.locator(".quiz-key").is_visible()
    assert page.locator("[data-progress]").inner_text() == "第 1 题，共 14 题"
    assert first.locator(".quiz-choice").first.bounding_box()["height"] >= 40
    _no_sideways_scroll(page)

    # Confirming without a choice asks for one.
    page.get_by_role("button", name="确定").tap()
    assert "请先选择答案" in page.locator("[data-progress]").inner_text()

    # A wrong answer: told at once, the right answer marked, the explanation and the article's own text shown.
    _choose(page, first, "只包括军官")
    page.get_by_role("button", name="确定").tap()
    verdict = first.locator("[data-verdict]")
    assert verdict.is_visible() and verdict.inner_text() == "回答错误。"
    assert "✗ 您的选择" in first.locator(".quiz-choice--wrong").inner_text()
    assert "军官、军士和义务兵等人员" in first.locator(".quiz-choice--right").inner_text()
    explain = first.locator("[data-explain]")
    assert explain.is_visible()
    assert "正确答案：C" in explain.inner_text()
    article = explain.locator(".quiz-article").first
    assert article.is_visible()
    assert "《中华人民共和国退役军人保障法》第二条" in article.inner_text()
    assert "本法所称退役军人，是指从中国人民解放军依法退出现役的军官、军士和义务兵等人员" in article.inner_text()
    assert all(i.is_disabled() for i in first.locator("input").all())
    page.screenshot(path=(_shot("quiz-wrong-answer-phone")), full_page=True)
    _no_sideways_scroll(page)

    # The rest right, one after the other.
    keys = page.eval_on_selector_all("[data-question]", "qs => qs.map(q => q.dataset.answer)")
    for number in range(2, 15):
        page.get_by_role("button", name="下一题").tap()
        assert _visible_questions(page) == [f"ti-{number}"]
        section = page.locator(f"#ti-{number}")
        for value in keys[number - 1].split(","):
            section.locator(f"input[value='{value}']").check()
        page.get_by_role("button", name="确定").tap()
        assert section.locator("[data-verdict]").inner_text() == "回答正确！"
    page.get_by_role("button", name="查看成绩").tap()
    result = page.locator("[data-result]")
    assert result.is_visible()
    assert result.locator("[data-score]").inner_text() == "答对 13 题，共答 14 题，得分 93 分"
    assert _visible_questions(page) == []

    # Review: only the wrong question, with the visitor's choice and the explanation.
    page.get_by_role("button", name="查看答错的题").tap()
    assert _visible_questions(page) == ["ti-1"]
    assert first.locator("[data-explain]").is_visible() and first.locator(".quiz-choice--wrong").is_visible()
    page.screenshot(path=(_shot("quiz-review-phone")), full_page=True)

    # Start again: everything reset.
    page.get_by_role("button", name="重新答题").tap()
    assert _visible_questions(page) == ["ti-1"] and not first.locator("[data-explain]").is_visible()
    assert first.locator("input:checked").count() == 0

    # Nothing was sent or stored: no request after loading (but the icon the browser may fetch late, on its own),
    # nothing in storage or cookies.
    assert [url for url in requests[loaded:] if "/favicon." not in url] == []
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == storage_before == [0, 0, ""]
    assert found == []
    context.close()


def test_quiz_by_keyboard_alone(browser, served_site, offsite_requests):
    found, watch = offsite_requests
    page = watch(browser.new_page(viewport=DESKTOP))
    page.goto(served_site + "pufa/dati/yinglie-baohu/", wait_until="networkidle")
    first = page.locator("#ti-1")
    first.locator("input").first.focus()
    page.keyboard.press("ArrowDown")  # radios: arrows move and select
    page.keyboard.press("ArrowDown")  # the third option, 9月30日
    assert first.locator("input:checked").get_attribute("value") == "2"
    page.keyboard.press("Enter")  # Enter confirms, as in a form
    assert first.locator("[data-verdict]").inner_text() == "回答正确！"
    assert page.evaluate("document.activeElement.matches('[data-verdict]')")  # focus moves to the verdict
    page.keyboard.press("Tab")
    for _ in range(30):  # Tab on to the 下一题 button, through the article links
        if page.evaluate("document.activeElement.matches('[data-next]')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-next]')")
    page.keyboard.press("Enter")
    assert _visible_questions(page) == ["ti-2"]
    assert page.evaluate("document.activeElement.id") == "ti-2-stem"  # read from the question's start
    # A multiple-choice question: Space ticks boxes, Enter confirms.
    page.goto(served_site + "pufa/dati/yinglie-baohu/#ti-3", wait_until="networkidle")
    assert _visible_questions(page) == ["ti-3"]  # a link to one question starts there
    boxes = page.locator("#ti-3 input[type=checkbox]")
    for index in range(4):
        boxes.nth(index).focus()
        page.keyboard.press("Space")
    page.keyboard.press("Enter")
    assert page.locator("#ti-3 [data-verdict]").inner_text() == "回答正确！"
    assert found == []


def test_quiz_without_javascript_shows_every_question_with_answer_and_explanation(browser, served_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + QUIZ)
    assert len(_visible_questions(page)) == 14
    first = page.locator("#ti-1")
    assert first.locator(".quiz-key").is_visible()  # the right option marked in the list
    assert "军官、军士和义务兵等人员" in first.locator("li", has=page.locator(".quiz-key")).inner_text()
    assert first.locator("[data-explain]").is_visible() and "解析" in first.locator("[data-explain]").inner_text()
    assert first.locator(".quiz-article blockquote").first.is_visible()
    assert not first.locator("[data-choices]").is_visible() and not page.locator("[data-bar]").is_visible()
    assert page.locator("[data-static-note]").is_visible()
    _no_sideways_scroll(page)
    context.close()


def test_case_opened_from_a_law_articles_related_cases(browser, served_site, offsite_requests):
    found, watch = offsite_requests
    context, page = _phone(browser, watch)
    page.goto(served_site + "laws/yingxiong-lieshi-baohufa/#art-22")
    article = page.locator("#art-22")
    related = article.locator(".law-related")
    assert related.is_visible()
    assert "相关案例（第二十二条）" in related.inner_text() and "相关答题（第二十二条）" in related.inner_text()
    related.get_by_role("link", name="罗某侵害英雄烈士名誉、荣誉案（侮辱“冰雕连”英烈）").tap()
    page.wait_for_url("**/pufa/anli/bingdiaolian-yinglie-mingyu/")
    assert page.locator("h1").inner_text().startswith("罗某侵害英雄烈士名誉、荣誉案")
    meta = page.locator("#meta").inner_text()
    assert "最高人民法院" in meta and "涉英烈权益保护十大典型案例" in meta and "罗某（被告人" in meta
    for heading in ("案情简介", "争议焦点", "处理结果", "以案释法", "依据条文"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    basis = page.locator("ul.case-basis")
    assert basis.get_by_role("link", name="《中华人民共和国英雄烈士保护法》第二十二条").is_visible()
    basis.locator("summary").first.tap()
    assert "禁止歪曲、丑化、亵渎、否定英雄烈士事迹和精神" in basis.locator("details").first.inner_text()
    _no_sideways_scroll(page)
    page.screenshot(path=(_shot("case-phone")), full_page=True)

    # A fictional case says so on its page.
    page.goto(served_site + "pufa/anli/shili-canji-junren-gongjiao/")
    note = page.locator(".doc-sample")  # the sample note every demo document shows above its title
    assert note.is_visible() and "虚构示例，不是真实案件" in note.inner_text()
    assert page.title().startswith("残疾军人凭证乘坐公交车被要求购票案（示例）")
    assert found == []
    context.close()


def test_case_list_filters_by_topic_and_by_law_without_script(browser, served_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "pufa/anli/")
    total = page.locator("li.case-card").count()
    assert total >= 6
    page.locator(".case-filters").get_by_role("link", name="涉军维权（2）").click()
    assert page.locator("h2#anli").inner_text() == "主题：涉军维权（2件）"
    titles = page.locator("li.case-card h3").all_inner_texts()
    assert any("破坏军婚" in t for t in titles) and all("英雄烈士" not in t for t in titles)
    page.locator(".case-filters").get_by_role("link", name="《军人抚恤优待条例》（1）").click()
    assert page.locator("li.case-card").count() == 1
    assert "残疾军人凭证乘坐公交车" in page.locator("li.case-card").inner_text()
    assert page.locator("li.case-card .pufa-sample").is_visible()  # 示例 in lists too
    _no_sideways_scroll(page)
    context.close()


def test_disabled_veterans_pufa_page_lists_laws_cases_and_questions(browser, served_site, offsite_requests):
    found, watch = offsite_requests
    context, page = _phone(browser, watch)
    page.goto(served_site + "services/")  # the finder's results lead there
    for answer in ("伤残军人", "已退役", "五级"):
        page.locator("label.gov-finder__option", has_text=answer).tap()
    link = page.locator("#gov-finder-pufa li:not([hidden]) a")
    assert link.count() == 1 and link.inner_text() == "伤残军人学法用法"
    link.tap()
    page.wait_for_url("**/pufa/duixiang/shangcan-junren/")
    assert page.locator("h1").inner_text() == "伤残军人学法用法"
    laws = page.locator("ul.pufa-articles")
    assert laws.get_by_role("link", name="《退役军人保障法》第五十六条").is_visible()  # 残疾抚恤金
    assert laws.get_by_role("link", name="《军人抚恤优待条例》第五十二条").is_visible()  # 凭证免费乘车
    assert laws.get_by_role("link", name="《宪法》第四十五条").is_visible()
    cases = page.locator("#anli ~ ul.case-list").first
    assert cases.get_by_role("link", name="残疾军人凭证乘坐公交车被要求购票案").is_visible()
    questions = page.locator("#dati ~ ul.pufa-questions").first
    texts = questions.locator("li").all_inner_texts()
    assert any("残疾抚恤金" in t for t in texts) and any("残疾人就业优惠政策" in t for t in texts)
    # what concerns every veteran is there too, folded
    more = page.locator("#dati ~ details").first
    assert not more.locator("li").first.is_visible()
    more.locator("summary").tap()
    assert more.locator("li").first.is_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=(_shot("shangcan-pufa-phone")), full_page=True)
    # a question link opens the quiz at that question
    questions.locator("a", has_text="残疾抚恤金").tap()
    page.wait_for_url("**/pufa/dati/tuiyi-junren-baozhangfa/#ti-11")
    assert _visible_questions(page) == ["ti-11"]
    assert found == []
    context.close()


def test_home_page_shows_the_next_pufa_date(browser, served_site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(served_site)
    box = page.locator(".pufa-next")
    assert box.is_visible()
    # Tests build on 2026-11-26: the next date is 国家宪法日, 12月4日, 8 days later.
    assert "2026年12月4日是国家宪法日·宪法宣传周，还有8天" in box.inner_text()
    box.get_by_role("link", name="国家宪法日·宪法宣传周").click()
    page.wait_for_url("**/pufa/rili/#xianfa-ri")
    entry = page.locator("li.pufa-calendar__next")
    assert "国家宪法日" in entry.inner_text()
    assert entry.get_by_role("link", name="开展“宪法宣传周”进退役军人服务站活动").count() == 1  # held 2025-12-04
    _no_sideways_scroll(page)
    context.close()


def _shot(name: str) -> str:
    """Where a test leaves a screenshot for a person to look at."""
    return f"/tmp/pufa-{name}.png"
