"""Browser fixtures: the built site served on 127.0.0.1 and Debian's headless Chromium via playwright."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".xml": "application/xml; charset=utf-8", ".atom": "application/atom+xml; charset=utf-8",
                      ".json": "application/json; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site(built_site):
    """Base URL (ending in /) of the built site served by a local HTTP server on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _With404Handler(_QuietHandler):
    """Answers a missing address with the site's 404.html and status 404, as deploy/nginx.conf does."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def served_site_with_404(built_site):
    """Like served_site, with the site's own 404 page for addresses that do not exist."""
    handler = functools.partial(_With404Handler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def offsite_requests():
    """A list that `watch(page)` fills with every request to a host other than 127.0.0.1."""
    found: list[str] = []

    def watch(page):
        def on_request(request):
            url = request.url
            if not (url.startswith(("http://127.0.0.1:", "data:", "blob:")) or url == "about:blank"):
                found.append(url)
        page.on("request", on_request)
        return page

    found_watch = watch
    return found, found_watch
