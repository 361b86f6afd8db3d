"""`make serve` (mkdocs serve) rebuilds when data/site.yml changes and the open browser page reloads by itself."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

import pytest

from sitekit import MKDOCS, TODAY

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serving(site_copy):
    port = free_port()
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                               cwd=site_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("mkdocs serve did not start: " + process.stderr.read()[-2000:])
            time.sleep(0.5)
    yield site_copy, url
    process.terminate()
    process.wait(timeout=30)


def test_changing_the_phone_in_site_yml_updates_the_open_page(serving, browser):
    root, url = serving
    page = browser.new_page()
    page.goto(url + "about/contact/")
    phone = page.locator(".gov-footer__phone")
    assert phone.inner_text() == "0371-12345678"
    settings = root / "data/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("电话: 0371-12345678", "电话: 0371-87654321", 1),
                        encoding="utf-8")
    # No navigation by the test: the livereload script in the page must reload it after the rebuild.
    page.wait_for_function(
        "() => document.querySelector('.gov-footer__phone')?.textContent === '0371-87654321'", timeout=90000)
    page.close()
