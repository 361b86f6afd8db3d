"""The site's own JavaScript (search, catalogue filters, finder) over hostile data: nothing executes."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from hostile import poison_site
from sitekit import copy_site, run_build

pytestmark = pytest.mark.browser

DOM_CHECK = """() => {
  const found = [];
  for (const s of document.querySelectorAll('script')) if (s.textContent.includes('gov-xss')) found.push('script');
  for (const el of document.querySelectorAll('*')) for (const a of el.attributes)
    if ((a.name.startsWith('on') && a.value.includes('gov-xss')) || (/^(href|src)$/.test(a.name) && /^\\s*javascript:/i.test(a.value))) found.push(el.tagName + ' ' + a.name);
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_served(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("hostile-browser") / "repo")
    poison_site(root)
    result = run_build(root, root / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_search_results_over_hostile_titles_execute_nothing(browser, hostile_served):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_served, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("gov-xss")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() >= 1  # the payload is found, as text
    page.wait_for_timeout(300)
    assert page.evaluate(DOM_CHECK) == []
    assert dialogs == []
    page.close()


@pytest.mark.parametrize("path", ["", "xxgk/ml/", "services/", "laws/", "notices/", "about/functions/",
                                  "pufa/dati/yinglie-baohu/", "pufa/anli/bingdiaolian-yinglie-mingyu/"])
def test_pages_and_their_scripts_execute_nothing(browser, hostile_served, path):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_served + path, wait_until="networkidle")
    controls = page.locator("article input[type=radio], article input[type=checkbox], article button, article select")
    for control in controls.all()[:12]:
        if control.is_visible():
            control.click(timeout=3000, force=True)  # run the filters/finder over the hostile data
    page.wait_for_timeout(200)
    assert page.evaluate(DOM_CHECK) == []
    assert dialogs == []
    page.close()
