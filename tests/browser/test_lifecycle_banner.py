"""`make serve` (a real `mkdocs serve --dirty`) shows a draft and a scheduled notice with their red banner, at
1280 px and on a 375 px phone; the public build of the same files has neither page. A withdrawn notice's URL shows
its withdrawal page. All three pass axe-core like every other template."""
from __future__ import annotations

import os
import socket
import subprocess
import time

import pytest

from sitekit import MKDOCS, REVIEW_RECORD, TODAY, copy_site, fetch

pytestmark = pytest.mark.browser

NOW = "2026-11-26T10:00"
DRAFT = "notices/2026/dongji-weiwen/"
SCHEDULED = "notices/2026/dingshi-fabu/"
WITHDRAWN = "notices/2026/zhaopin-gongyi-gangwei/"


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("serve") / "repo")
    (root / "content/notices/2026/dongji-weiwen.md").write_text(
        "---\n标题: 关于开展2026年冬季走访慰问困难退役军人的通知（示例）\n类别: 通知公告\n发布时间: 2026-11-26 09:00\n"
        "索引号: 11410100MB0000000X/2026-00033\n草稿: true\n---\n\n各街道退役军人服务站：12月中旬起开展冬季走访慰问。\n",
        encoding="utf-8")
    (root / "content/notices/2026/dingshi-fabu.md").write_text(
        "---\n标题: 关于春节期间走访慰问的通知（示例）\n类别: 通知公告\n发布时间: 2026-11-26 11:00\n"
        f"定时发布: 2026-11-26 11:00\n索引号: 11410100MB0000000X/2026-00034\n{REVIEW_RECORD}---\n\n定时发布的通知正文。\n",
        encoding="utf-8")
    withdrawn = root / "content/notices/2026/zhaopin-gongyi-gangwei.md"
    withdrawn.write_text(withdrawn.read_text(encoding="utf-8").replace(
        "示例: true\n", "示例: true\n撤回:\n  日期: 2026-11-25\n  原因: 岗位调整，招聘取消（示例）\n", 1), encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, GOVSITE_TODAY=TODAY, GOVSITE_NOW=NOW, NO_MKDOCS_2_WARNING="1")
    log_path = root.parent / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen([MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                                   cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 240
            while fetch(url + DRAFT)[0] != 200 and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
            assert process.poll() is None and fetch(url + DRAFT)[0] == 200, log_path.read_text(encoding="utf-8")[-3000:]
            yield url, root
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
@pytest.mark.parametrize("path, banner", [(DRAFT, "草稿 · 未发布"), (SCHEDULED, "定时发布 2026-11-26 11:00")])
def test_make_serve_shows_the_banner(browser, serving, tmp_path, viewport, path, banner):
    url, _root = serving
    page = browser.new_page(viewport=viewport)
    page.goto(url + path)
    note = page.locator(".doc-lifecycle")
    assert note.is_visible()
    assert note.locator("strong").inner_text() == banner
    # Red, above the title, readable: white on the banner's red.
    colours = note.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours[1] == "rgb(255, 255, 255)" and colours[0] in ("rgb(183, 28, 28)", "rgb(142, 26, 26)")
    title = page.locator("h1.doc-title")
    assert note.bounding_box()["y"] < title.bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(tmp_path / f"banner-{viewport['width']}.png"))
    page.close()


def test_the_drafts_are_listed_in_make_serve_but_not_in_a_build(serving, tmp_path):
    url, root = serving
    listing = fetch(url + "notices/")[1]
    assert "冬季走访慰问" in listing and "春节期间走访慰问" in listing
    env = dict(os.environ, GOVSITE_TODAY=TODAY, GOVSITE_NOW=NOW, NO_MKDOCS_2_WARNING="1")
    out = tmp_path / "site"
    result = subprocess.run([MKDOCS, "build", "--strict", "--quiet", "--site-dir", str(out)], cwd=root, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (out / DRAFT).exists() and not (out / SCHEDULED).exists()
    assert "冬季走访慰问" not in (out / "notices/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}])
def test_a_withdrawn_notice_leaves_a_readable_page(browser, serving, tmp_path, viewport):
    url, _root = serving
    page = browser.new_page(viewport=viewport)
    page.goto(url + WITHDRAWN)
    assert page.locator("h1").first.inner_text() == "区退役军人服务中心2026年公益性岗位招聘公告（示例）"
    lead = page.locator(".doc-withdrawn__lead")
    assert lead.is_visible() and lead.inner_text() == "本件公示公告已于2026年11月25日撤回，不再公开。"
    assert page.locator("[data-govsite-withdrawn='2026-11-25']").count() == 1
    assert "岗位调整，招聘取消（示例）" in page.locator(".doc-withdrawn table").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(tmp_path / f"withdrawn-{viewport['width']}.png"))
    page.close()


def test_the_banners_and_the_withdrawal_page_pass_axe(browser, serving):
    from test_accessibility import VIEWPORTS, audit

    url, _root = serving
    failures = {}
    for name, viewport in VIEWPORTS.items():
        page = browser.new_page(viewport=viewport)
        for path in (DRAFT, SCHEDULED, WITHDRAWN):
            page.goto(url + path, wait_until="load")
            violations = audit(page)
            if violations:
                failures[f"{name} {path}"] = violations
        page.close()
    assert failures == {}
