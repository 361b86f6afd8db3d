"""The built site in headless Chromium: home page and seed report, footer, nothing fetched off-site."""
from __future__ import annotations

import pytest
import yaml

from sitekit import REPO

pytestmark = pytest.mark.browser
SETTINGS = yaml.safe_load((REPO / "data/site.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_home_and_seed_report(browser, served_site, offsite_requests, viewport, tmp_path):
    found, watch = offsite_requests
    context = browser.new_context(viewport=viewport)
    page = watch(context.new_page())
    page.goto(served_site, wait_until="networkidle")
    assert page.title().startswith(SETTINGS["网站名称"])
    footer = page.locator("footer .gov-footer").inner_text()
    assert SETTINGS["电话"] in footer and SETTINGS["ICP备案号"] in footer and SETTINGS["网站标识码"] in footer
    page.get_by_role("link", name="2023年度法治政府建设工作报告").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/pufa/fzzf/2023/")
    assert page.title().startswith("2023年度法治政府建设工作报告")
    assert page.locator("h2", has_text="二、存在的困难和不足").count() == 1
    assert SETTINGS["主办单位"] in page.locator("footer").inner_text()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    context.close()
    assert found == [], f"requests left 127.0.0.1: {found}"


def test_search_box_finds_the_seed_report(browser, served_site, offsite_requests):
    found, watch = offsite_requests
    page = watch(browser.new_page())
    page.goto(served_site, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut focuses the search box (works whichever engine is behind it)
    page.keyboard.type("法治")
    page.keyboard.press("End")  # Material reacts to key-up: Chinese typed by playwright needs a real key after it
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() >= 1
    page.close()
    assert found == [], f"requests left 127.0.0.1: {found}"


def test_old_browser_without_resizeobserver_gets_the_local_polyfill(browser, served_site, offsite_requests):
    found, watch = offsite_requests
    page = watch(browser.new_page(viewport={"width": 375, "height": 740}))
    page.add_init_script("delete window.ResizeObserver")  # as on older phones
    loaded = []
    page.on("response", lambda r: loaded.append(r.url) if "resize-observer" in r.url else None)
    page.goto(served_site + "pufa/fzzf/2023/", wait_until="networkidle")
    assert loaded == [served_site + "assets/vendor/resize-observer-polyfill-1.5.1.js"]
    assert page.evaluate("typeof ResizeObserver") == "function"
    page.close()
    assert found == [], f"requests left 127.0.0.1: {found}"
