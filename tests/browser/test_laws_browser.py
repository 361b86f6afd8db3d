"""法律法规 as a new user meets it, in headless Chromium: filter, open an article by URL, read a citation."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_filter_law_list_to_repealed(browser, served_site, offsite_requests, viewport):
    found, watch = offsite_requests
    context = browser.new_context(viewport=viewport)
    page = watch(context.new_page())
    page.goto(served_site + "laws/", wait_until="networkidle")
    assert page.locator(".law-browse").is_hidden()  # with JS the fallback lists give way to in-place filters
    total = page.locator(".law-item").count()
    page.locator(".law-chip", has_text="已废止").click()
    visible = page.locator(".law-item:visible")
    assert visible.count() == 1 < total
    assert "退役士兵安置条例" in visible.inner_text() and "已由《退役军人安置条例》取代" in visible.inner_text()
    assert page.locator("#rank-0").is_hidden()  # the 宪法 group has nothing left to show
    assert page.url.endswith("#status-%E5%B7%B2%E5%BA%9F%E6%AD%A2") or page.url.endswith("#status-已废止")
    page.locator(".law-chip[data-filter='status'][data-value='']").click()
    assert page.locator(".law-item:visible").count() == total
    visible_link = page.locator(".law-item:visible a.law-item__title", has_text="退役士兵安置条例")
    visible_link.click()
    page.wait_for_load_state("networkidle")
    banner = page.locator(".law-banner--repealed")
    assert "已于2024年9月1日废止" in banner.inner_text()
    banner.get_by_role("link", name="《退役军人安置条例》").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/laws/tuiyi-junren-anzhi-tiaoli/")
    context.close()
    assert found == []


def test_filter_list_works_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "laws/")
    page.locator(".law-chip", has_text="已废止").click()
    assert page.url.endswith("#status-%E5%B7%B2%E5%BA%9F%E6%AD%A2") or page.url.endswith("#status-已废止")
    section = page.locator("#status-已废止 + ul")
    assert section.is_visible() and "退役士兵安置条例" in section.inner_text()
    context.close()


def test_article_by_url_is_shown_and_link_can_be_copied(browser, served_site):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(served_site + "laws/tuiyi-junren-baozhangfa/#art-21", wait_until="networkidle")
    article = page.locator("#art-21")
    box = article.bounding_box()
    assert 0 <= box["y"] < 740
    assert "对退役的军官" in article.inner_text()
    background = article.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # :target highlight
    article.locator("[data-copy-link]").click()
    assert page.url.endswith("#art-21")
    # The note shows once the clipboard has answered (a promise) and goes after 1.8 s: wait for it to show rather
    # than look once, which a loaded machine made too early or too late; a note that never shows still fails.
    note = article.locator(".law-article__copied")
    note.wait_for(state="attached", timeout=5000)
    assert note.count() == 1
    context.close()


def test_citation_shows_article_text_on_hover_and_on_tap(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + "qa/", wait_until="networkidle")
    cite = page.locator('a.law-ref--ref[href$="tuiyi-junren-anzhi-tiaoli/#art-26"]').first
    assert cite.get_attribute("title").startswith("第二十六条 对安排工作的退役军士和义务兵，主要采取赋分选岗的办法")
    context.close()

    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(served_site + "qa/", wait_until="networkidle")
    cite = page.locator('a.law-ref--ref[href$="tuiyi-junren-anzhi-tiaoli/#art-26"]').first
    cite.scroll_into_view_if_needed()
    cite.tap()
    popover = page.locator(".law-popover")
    popover.wait_for()
    assert "赋分选岗" in popover.inner_text()
    assert page.url.endswith("/qa/")  # the first tap shows the text instead of leaving the page
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    with page.expect_navigation():
        popover.get_by_role("link", name="打开全文").tap()
    assert page.url.endswith("/laws/tuiyi-junren-anzhi-tiaoli/#art-26")
    context.close()


def test_version_comparison(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "laws/junren-fuxu-youdai-tiaoli/", wait_until="networkidle")
    page.get_by_role("link", name="与现行文本对照").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/laws/junren-fuxu-youdai-tiaoli/2019-compare/")
    first = page.locator(".law-compare__row").first
    assert "修改" in first.inner_text() and first.locator("ins").count() >= 1
    assert page.locator(".law-compare__row--added").count() > 0
    page.close()
