"""公示公告, 阳光安置 and 订阅 pages in Chromium, on a desktop and a 375 px phone."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ("notices/", "notices/youfu-gongshi/", "notices/2026/youfu-dingqi-fuxu/", "notices/2025/peixun-baoming/",
         "notices/2023/yangguang-anzhi-2023-paiming/", "placements/", "placements/2023/", "feeds/")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_pages_fit_the_screen_and_load_nothing_else(browser, served_site, offsite_requests, viewport):
    found, watch = offsite_requests
    context = browser.new_context(viewport=viewport)
    page = watch(context.new_page())
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in PAGES:
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
        # The page never scrolls sideways; wide tables scroll inside their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
        assert page.locator("h1").first.is_visible()
    assert found == [] and failed == []
    context.close()


def test_category_filter_is_plain_links(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "notices/")
    page.get_by_role("link", name="优抚公示（1）").click()
    assert page.url.endswith("/notices/youfu-gongshi/")
    assert page.locator('.gov-filter a[aria-current="page"]').inner_text().startswith("优抚公示")
    titles = page.locator(".gov-notices .gov-list__item > a").all_inner_texts()
    assert titles and all("优抚" in t or "抚恤" in t for t in titles)
    context.close()


def test_charts_are_drawn_and_readable(browser, served_site):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(served_site + "placements/2023/")
    charts = page.locator("figure.gov-chart svg")
    assert charts.count() == 2
    for i in range(2):
        box = charts.nth(i).bounding_box()
        assert box["width"] >= 300 and box["height"] > 60
    assert page.locator("figure.gov-chart svg title").first.text_content()
    page.close()


def test_status_corrects_itself_when_the_site_was_not_rebuilt(browser, served_site):
    # Built on 2026-11-26: 优抚 notice 公示期 2026-11-23 to 2026-11-27, shown as 公示中.
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time("2026-12-01T10:00:00+08:00")  # days later, without a rebuild
    page.goto(served_site + "notices/2026/youfu-dingqi-fuxu/")
    assert page.locator(".gov-period .gov-status").inner_text() == "公示已结束"
    page.goto(served_site + "notices/")
    item = page.locator(".gov-list__item", has=page.locator("a[href*='youfu-dingqi-fuxu']"))
    assert item.locator(".gov-status").inner_text() == "公示已结束"
    context.close()
    # Without JavaScript the build-time status stays; on the build date the script agrees with it.
    for js, when, expected in ((False, "2026-12-01T10:00:00+08:00", "公示中"), (True, "2026-11-26T23:30:00+08:00", "公示中"),
                               (True, "2026-11-27T23:59:00+08:00", "公示中"), (True, "2026-11-28T00:01:00+08:00", "公示已结束")):
        context = browser.new_context(java_script_enabled=js)
        page = context.new_page()
        page.clock.set_fixed_time(when)
        page.goto(served_site + "notices/2026/youfu-dingqi-fuxu/")
        assert page.locator(".gov-period .gov-status").inner_text() == expected, (js, when)
        context.close()
