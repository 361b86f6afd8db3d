"""政府信息公开 in Chromium: the issue's walk-through (guide → catalogue filtered to 2024 and 有效 → a policy →
its interpretation and back), in-place filtering and sorting with JavaScript, and phone-width layout."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

PAGES = ("xxgk/", "xxgk/zn/", "xxgk/ml/", "xxgk/ml/2024/youxiao/all/", "xxgk/zcwj/", "xxgk/zcwj/2024-001/",
         "xxgk/zcjd/2024-001/", "xxgk/ndbg/", "xxgk/ndbg/2025/", "xxgk/ysqgk/", "xxgk/zd/", "xxgk/fdzdgknr/",
         "xxgk/hegui/")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_pages_fit_the_screen_and_load_nothing_else(browser, served_site, offsite_requests, viewport):
    found, watch = offsite_requests
    context = browser.new_context(viewport=viewport)
    page = watch(context.new_page())
    failed, errors = [], []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in PAGES:
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
        # The page itself never scrolls sideways; the wide report tables scroll inside their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
        assert page.locator("article h1").first.is_visible(), path
    assert found == [] and failed == [] and errors == []
    context.close()


def expected_ids(built_site, year, validity):
    data = json.loads((built_site / "api/catalogue.json").read_text(encoding="utf-8"))
    return [i["id"] for i in data["items"] if i["year"] == year and i["validity"] == validity]


# What a person sees: rows the browser lays out (a row with no box is not displayed, whatever its attributes).
DISPLAYED = "rows => rows.filter(r => r.getClientRects().length > 0 && getComputedStyle(r).visibility !== 'hidden')"


def visible_ids(page):
    return page.eval_on_selector_all("table[data-catalogue] tbody tr", DISPLAYED + ".map(r => r.dataset.id)")


def test_walk_through_with_javascript(browser, served_site, built_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site + "xxgk/")
    page.get_by_role("link", name="政府信息公开指南").first.click()
    assert "20 个工作日" in page.locator("article").inner_text()
    page.goto(served_site + "xxgk/ml/")
    page.locator("[data-filter='year'][data-value='2024']").click()
    page.locator("[data-filter='validity'][data-value='有效']").click()
    expected = expected_ids(built_site, 2024, "有效")
    assert visible_ids(page) == expected
    everything = page.eval_on_selector_all("table[data-catalogue] tbody tr", "rows => rows.length")
    assert 0 < len(expected) < everything  # the filter did hide rows from view, not only mark them
    assert page.url.endswith("#year=2024&validity=%E6%9C%89%E6%95%88")
    assert page.locator("[data-catalogue-count]").inner_text() == f"2024年、有效：共 {len(expected)} 条"
    # Sorting by 索引号 ascending, then descending.
    page.locator("th[data-sort='index'] button").click()
    page.locator("th[data-sort='index'] button").click()
    numbers = page.eval_on_selector_all("table[data-catalogue] tbody tr", DISPLAYED + ".map(r => r.dataset.index)")
    assert numbers == sorted(numbers, reverse=True)
    # Open a policy, jump to its interpretation and back.
    page.locator("tr[data-id='policies/2024-001'] td[data-label='名称'] a").click()
    page.get_by_role("link", name="《某区退役军人就业创业扶持办法》政策解读").first.click()
    assert page.url.endswith("/xxgk/zcjd/2024-001/")
    page.get_by_role("link", name="查看原文件：").click()
    assert page.url.endswith("/xxgk/zcwj/2024-001/")
    page.close()


def test_filtering_without_javascript(browser, served_site, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "xxgk/ml/")
    page.locator("a[data-filter='year'][data-value='2024']").click()
    page.locator("a[data-filter='validity'][data-value='有效']").click()
    assert page.url.endswith("/xxgk/ml/2024/youxiao/all/")
    ids = page.eval_on_selector_all("table[data-catalogue] tbody tr", "rows => rows.map(r => r.dataset.id)")
    assert ids == expected_ids(built_site, 2024, "有效")
    context.close()
