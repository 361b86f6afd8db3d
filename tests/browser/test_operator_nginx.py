"""What an operator trips over on the web server, with deploy/ itself under nginx:

- `nginx -t` on deploy/nginx.conf and on the portal column (deploy/nginx-column.conf) prints no warning;
- after `make publish` or `make rollback` switches releases, a page fetched just before the switch still gets the
  hashed stylesheet and script of its own release (200, the right bytes), in both configurations; the assets of a
  release that was pruned are gone (404), and the site's files are still served from `current`.

The releases are made by govsite.release itself with a stand-in build (the real build and 10 publishes under load
are tests/browser/test_publish_nginx.py): each release's stylesheet is named by its content's hash, as
govsite/assets.py names the site's bundle.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import subprocess
import urllib.request

import pytest

from govsite import release
from govsite.dates import TZ
from sitekit import Nginx, nginx_binary

pytestmark = pytest.mark.browser

SITE_URL = "https://tyjrswj.example.gov.cn/"


class StandIn:
    """A git checkout whose build writes a small site styled by the current `css`."""

    def __init__(self, path):
        self.path, self.css = path, ""
        path.mkdir(parents=True)
        (path / "mkdocs.yml").write_text(f"site_url: {SITE_URL}\n", encoding="utf-8")
        (path / "content").mkdir()
        self.git("init", "-q")
        self.clock = dt.datetime(2026, 11, 26, 9, 0, tzinfo=TZ)

    def git(self, *args):
        return subprocess.run(["git", "-C", str(self.path), "-c", "user.name=编辑", "-c", "user.email=e@example.gov.cn",
                               *args], check=True, capture_output=True, text=True).stdout.strip()

    def bundle(self) -> str:
        return f"assets/site.{hashlib.sha256(self.css.encode()).hexdigest()[:8]}.min.css"

    def build(self, root, out, release, moment):
        files = {self.bundle(): self.css, "assets/javascripts/bundle.0123abcd.min.js": "/* theme */",
                 "index.html": f'<!doctype html><html><head><link rel="stylesheet" href="{self.bundle()}"></head>'
                               f"<body><article><h1>首页</h1><p>{self.css}</p></article></body></html>",
                 "404.html": "<!doctype html><html><body><article><h1>页面未找到</h1></article></body></html>"}
        for rel, text in files.items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_text(text, encoding="utf-8")

    def publish(self, css: str, web, keep: int = 5) -> str:
        self.css = css
        (self.path / "content/note.md").write_text(css, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-qm", css)
        self.clock += dt.timedelta(minutes=1)
        outcome = release.publish(self.path, web, keep=keep, build=self.build, clock=lambda: self.clock)
        assert outcome.switched, outcome.message
        return self.bundle()


def get(server: Nginx, path: str) -> tuple[int, bytes]:
    if server.column:
        try:
            with urllib.request.urlopen(server.base + path, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, b""
    connection = http.client.HTTPSConnection("127.0.0.1", server.https_port, context=server.ssl_context(), timeout=10)
    connection.request("GET", "/" + path)
    response = connection.getresponse()
    return response.status, response.read()


@pytest.mark.parametrize("column", [False, True], ids=["own-host", "portal-column"])
def test_nginx_t_prints_no_warning(tmp_path, column):
    web = tmp_path / "web"
    (web / "releases").mkdir(parents=True)
    server = Nginx(tmp_path / "nginx", web, column=column)
    (server.work / "nginx.conf").write_text(server.config(), encoding="utf-8")
    result = subprocess.run([nginx_binary(), "-t", "-c", str(server.work / "nginx.conf")], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr, result.stderr


@pytest.mark.parametrize("column", [False, True], ids=["own-host", "portal-column"])
def test_the_previous_releases_bundle_answers_after_publish_and_rollback(tmp_path, column):
    web = tmp_path / "web"
    site = StandIn(tmp_path / "repo")
    first = site.publish("body { color: #111; }", web, keep=2)
    server = Nginx(tmp_path / "nginx", web, column=column).start()
    try:
        status, page = get(server, "")
        assert status == 200 and first.encode() in page
        second = site.publish("body { color: #222; }", web, keep=2)
        assert second != first
        # The page fetched before the switch asks for its own release's bundle after it.
        assert get(server, first) == (200, b"body { color: #111; }")
        assert get(server, second) == (200, b"body { color: #222; }")
        assert get(server, "assets/javascripts/bundle.0123abcd.min.js")[0] == 200
        release.rollback(web)
        status, page = get(server, "")
        assert status == 200 and first.encode() in page  # the first release is served again …
        assert get(server, second) == (200, b"body { color: #222; }")  # … and the newer page's bundle still answers
        third = site.publish("body { color: #333; }", web, keep=2)
        # keep=2: the first release is pruned, and its bundle with it; the two kept answer
        assert get(server, first)[0] == 404
        assert get(server, second) == (200, b"body { color: #222; }")
        assert get(server, third) == (200, b"body { color: #333; }")
        assert get(server, "assets/site.00000000.min.css")[0] == 404  # no other name is made up
    finally:
        server.stop()
