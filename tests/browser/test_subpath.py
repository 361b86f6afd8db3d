"""The site as a column of the district portal: built with site_url https://www.example.gov.cn/bm/tyjrswj/ and
served at /bm/tyjrswj/ through deploy/nginx-column.conf inside a stand-in portal (whose own pages answer "portal").

Every request a page makes must stay under /bm/tyjrswj/ (a request to /assets/… would reach the portal's own
files); links, search, feeds, the catalogue JSON and the 404 page all work there, at 1280 px and 375 px.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from govsite.guard.links import check_site
from sitekit import Nginx, copy_site, run_build

pytestmark = pytest.mark.browser

SITE_URL = "https://www.example.gov.cn/bm/tyjrswj/"
PREFIX = "/bm/tyjrswj/"


@pytest.fixture(scope="module")
def column_site(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("column") / "repo")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url: .*$", f"site_url: {SITE_URL}", text, count=1, flags=re.M), encoding="utf-8")
    out = root.parent / "site"
    result = run_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def column(column_site, tmp_path_factory):
    work = tmp_path_factory.mktemp("portal")
    webroot = work / "webroot"
    (webroot / "releases").mkdir(parents=True)
    (webroot / "current").symlink_to(column_site)
    server = Nginx(work, webroot, column=True).start()
    yield server
    server.stop()


def test_every_link_feed_and_json_url_stays_under_the_columns_path(column_site):
    report = check_site(column_site, SITE_URL)
    assert report.pages > 100 and report.checked > 1000
    assert report.broken == []


def test_feeds_and_catalogue_json_give_full_addresses_under_the_column(column_site):
    feed = ET.parse(column_site / "feeds/notices.xml").getroot()
    links = [e.text for e in feed.iter("link") if e.text] + re.findall(r'href="([^"]+)"', "".join(
        e.text or "" for e in feed.iter() if e.tag.endswith("encoded")))
    assert links and all(link.startswith(SITE_URL) for link in links if link.startswith("http")), links
    catalogue = json.loads((column_site / "api/catalogue.json").read_text(encoding="utf-8"))
    assert catalogue["items"] and all(item["url"].startswith(SITE_URL) for item in catalogue["items"])


def watch(page, base: str, problems: list[str]):
    page.on("request", lambda r: problems.append(f"outside the column: {r.url}")
            if not r.url.startswith((base, "data:", "blob:", "about:")) else None)
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}: {r.failure}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/no/such/page/") else None)
    page.on("console", lambda m: problems.append(f"console: {m.text} at {m.location}")
            if m.type == "error" and not m.location.get("url", "").endswith("/no/such/page/") else None)
    return page


@pytest.mark.parametrize("width", [1280, 375])
def test_pages_navigation_and_search_work_at_the_sub_path(column, browser, width, tmp_path):
    problems: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = watch(context.new_page(), column.base, problems)
    page.goto(column.base, wait_until="networkidle")
    assert page.locator("article h1, article h2").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    page.screenshot(path=str(tmp_path / f"column-home-{width}.png"))
    # A link of the site leads to a page of the site, under the column.
    page.goto(column.base + "notices/", wait_until="networkidle")
    first = page.locator("article a[href^='2026/']").first
    first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(column.base + "notices/20") and page.locator("article h1").is_visible()
    # Search: the index comes from under the column, and a hit opens a page there.
    page.keyboard.press("/")
    page.keyboard.type("抚恤")
    page.keyboard.press("End")
    page.wait_for_function("q => document.querySelector('[data-govsite-search]').dataset.gsDone === q", arg="抚恤")
    hit = page.locator(".md-search-result__item a").first
    assert hit.is_visible() and hit.get_attribute("href").startswith(column.base)
    hit.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(column.base)
    # The catalogue page and the benefit finder load their data from the column too.
    page.goto(column.base + "xxgk/ml/", wait_until="networkidle")
    assert page.locator("table tbody tr").first.is_visible()
    page.goto(column.base + "services/", wait_until="networkidle")
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_404_page_under_the_column_is_styled_links_back_and_searches(column, browser, tmp_path):
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = watch(context.new_page(), column.base, problems)
    response = page.goto(column.base + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert page.locator(".md-header").is_visible()  # the site's header: its stylesheet and scripts loaded
    page.screenshot(path=str(tmp_path / "column-404.png"))
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    inside = [h for h in hrefs if h.startswith("http://127.0.0.1")]
    assert inside and all(h.startswith(column.base) for h in inside), inside
    page.keyboard.press("/")
    page.keyboard.type("退役")
    page.keyboard.press("End")
    page.wait_for_function("q => document.querySelector('[data-govsite-search]').dataset.gsDone === q", arg="退役")
    assert page.locator(".md-search-result__item").first.is_visible()
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_column_without_its_slash_redirects_and_the_portal_keeps_its_own_paths(column):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", column.http_port, timeout=5)
    connection.request("GET", "/bm/tyjrswj")
    response = connection.getresponse()
    response.read()
    assert response.status == 301 and response.getheader("Location") == "/bm/tyjrswj/"
    connection.request("GET", "/assets/gov.css")  # the portal's, not the site's
    response = connection.getresponse()
    assert response.read() == b"portal"
    connection.request("GET", PREFIX + "feeds/notices.xml")
    response = connection.getresponse()
    response.read()
    assert response.getheader("Content-Type") == "application/rss+xml; charset=utf-8"
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")
