"""The screenshot tour: the pages a visitor and an inspector look at first, photographed at 375 px and 1280 px
into one folder for a person to look through (GOVSITE_TOUR_DIR, by default .tour/ in the repository).

Each stop also asserts what the picture should show: its main element visible, nothing scrolling sideways, no
request leaving the site.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitekit import REPO

pytestmark = pytest.mark.browser

TOUR_DIR = Path(os.environ.get("GOVSITE_TOUR_DIR") or REPO / ".tour")
WIDTHS = {"375": {"width": 375, "height": 740}, "1280": {"width": 1280, "height": 900}}
MAX_HEIGHT = 6000  # a law runs to many screens: its first ones say enough


def _finder(page):
    page.wait_for_selector("#gov-finder:not([hidden])")
    for answer in ("伤残军人", "已退役", "五级", "因公"):
        page.locator("label.gov-finder__option", has_text=answer).first.click()
    page.locator("#gov-finder-shortlist").scroll_into_view_if_needed()
    return page.locator("#gov-finder-shortlist")


def _search(page):
    page.keyboard.press("/")
    page.keyboard.type("抚恤金")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('[data-govsite-search]').dataset.gsDone === '抚恤金'")
    return page.locator(".md-search-result__item").first


# (file name, address, what must be visible — a selector, or a function that acts and returns a locator)
STOPS = [
    ("01-home", "", ".gov-entrances"),
    ("02-catalogue-filtered", "xxgk/ml/#year=2024&validity=有效", "table[data-catalogue] tbody tr:not([hidden])"),
    ("03-law", "laws/junren-fuxu-youdai-tiaoli/", "#art-2"),
    ("04-law-comparison", "laws/junren-fuxu-youdai-tiaoli/2019-compare/", "#new-art-2"),
    ("05-notice", "notices/2026/youfu-dingqi-fuxu/", ".doc-facts"),
    ("06-finder", "services/", _finder),
    ("07-search-results", "", _search),
    ("08-not-found", "this/page/does-not-exist/", ".gov-404__search"),
    ("09-site-map", "wzdt/", ".gov-sitemap"),
    ("10-feed-page", "feeds/notices/", ".gov-feedpage__address"),
]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name, path, shows", STOPS, ids=[s[0] for s in STOPS])
def test_tour(browser, served_site_with_404, offsite_requests, width, name, path, shows):
    found, watch = offsite_requests
    context = browser.new_context(viewport=WIDTHS[width])
    try:
        page = watch(context.new_page())
        page.goto(served_site_with_404 + path, wait_until="networkidle")
        target = shows(page) if callable(shows) else page.locator(shows).first
        target.wait_for(state="visible", timeout=10_000)  # the search overlay slides in on a phone
        # nothing scrolls sideways once it has settled (the search overlay slides in wider than the screen)
        page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth + 1", timeout=5000)
        TOUR_DIR.mkdir(parents=True, exist_ok=True)
        out = TOUR_DIR / f"{name}-{width}.png"
        if name in ("06-finder", "07-search-results"):  # what the visitor sees now, where the answer is
            page.screenshot(path=str(out))
        else:
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            page.screenshot(path=str(out), full_page=True, clip={"x": 0, "y": 0, "width": WIDTHS[width]["width"],
                                                                 "height": height})
        assert out.stat().st_size > 10_000  # a page, not a blank
    finally:
        context.close()
    assert not found, found
