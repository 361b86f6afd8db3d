"""适老化 mode: switched from the header of every page, by mouse or keyboard, and remembered."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_switch_is_remembered_across_pages(browser, served_site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(served_site + "pufa/fzzf/2023/")
    toggle = page.locator("[data-gov-elder-toggle]")
    assert toggle.is_visible()
    assert toggle.inner_text() == "适老模式"
    standard = font_size(page)
    toggle.click()
    assert toggle.inner_text() == "退出适老模式"  # the label says how to leave the mode
    assert page.get_attribute("html", "data-gov-elder") == "on"
    assert font_size(page) >= standard * 1.25
    page.goto(served_site + "about/contact/")  # another page: still on, before any click
    assert page.get_attribute("html", "data-gov-elder") == "on"
    assert page.locator("[data-gov-elder-toggle]").inner_text() == "退出适老模式"
    page.locator("[data-gov-elder-toggle]").click()
    page.goto(served_site)
    assert page.get_attribute("html", "data-gov-elder") is None
    context.close()


def test_switch_works_by_keyboard(browser, served_site):
    page = browser.new_page()
    page.goto(served_site)
    for _ in range(40):  # Tab until the switch has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.hasAttribute('data-gov-elder-toggle')"):
            break
    else:
        pytest.fail("the 适老模式 switch cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.get_attribute("html", "data-gov-elder") == "on"
    page.keyboard.press("Space")
    assert page.get_attribute("html", "data-gov-elder") is None
    page.close()
