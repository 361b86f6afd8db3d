"""`make serve` and a broken file: the open page turns into a Chinese list of `文件:行` problems by itself, and back
into the page once the file is fixed; a preview started on a broken site shows the same page instead of exiting."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from sitekit import MKDOCS, TODAY

pytestmark = pytest.mark.browser

NOTICE = "content/notices/2026/youfu-dingqi-fuxu.md"
PROBLEM = (f"{NOTICE}:4 类别：“优抚公告”不是已有的公告类别；可选：安置公示、优抚公示、通知公告、招聘、采购"
           "（类别在 data/notices/categories.yml 中维护）")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(root):
    """`mkdocs serve` as `make serve` runs it (--dirty --livereload); returns (process, base URL) once it answers."""
    port = free_port()
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                               cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return process, url
        except urllib.error.HTTPError:
            return process, url  # answering, with the error page
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("mkdocs serve did not start: " + process.stderr.read()[-3000:])
            time.sleep(0.5)


def set_category(root, category: str) -> None:
    path = root / NOTICE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("类别: 优抚公示", f"类别: {category}").replace("类别: 优抚公告", f"类别: {category}"),
                    encoding="utf-8")


def error_items(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("main li").all_inner_texts()]


def test_a_broken_notice_shows_its_error_in_the_open_page_which_recovers(site_copy, browser, tmp_path):
    process, url = start_serve(site_copy)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "notices/2026/youfu-dingqi-fuxu/")
        assert "定期抚恤补助" in page.locator("article h1").inner_text()
        set_category(site_copy, "优抚公告")
        # No navigation by the test: the page's reload script brings the error page after the failed rebuild.
        page.locator("[data-serve-error]").wait_for(timeout=120000)
        assert page.locator("h1").inner_text() == "网站暂时无法生成"
        assert page.locator("h1").is_visible() and "本页会自动刷新" in page.locator("main").inner_text()
        assert error_items(page) == [" ".join(PROBLEM.split())]
        page.screenshot(path=str(tmp_path / "serve-error-1280.png"), full_page=True)
        set_category(site_copy, "优抚公示")
        page.locator("article h1").wait_for(timeout=120000)
        assert "定期抚恤补助" in page.locator("article h1").inner_text()
        assert page.locator("[data-serve-error]").count() == 0
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_preview_started_on_a_broken_site_shows_the_error_page_at_phone_width(site_copy, browser, tmp_path):
    set_category(site_copy, "优抚公告")
    process, url = start_serve(site_copy)
    try:
        page = browser.new_page(viewport={"width": 375, "height": 740})
        page.goto(url)
        assert page.locator("[data-serve-error]").is_visible()
        assert error_items(page) == [" ".join(PROBLEM.split())]
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # long paths wrap, no sideways scroll
        page.screenshot(path=str(tmp_path / "serve-error-375.png"), full_page=True)
        set_category(site_copy, "优抚公示")
        page.locator(".md-header").first.wait_for(timeout=180000)  # the real home page, reloaded by itself
        assert page.locator("[data-serve-error]").count() == 0
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
