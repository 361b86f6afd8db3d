"""deploy/nginx.conf over the built site: HTTPS (TLS 1.2/1.3, HSTS, HTTP redirected) on IPv4 and IPv6, headers,
types, gzip, 404, and a CSP the pages actually obey.

nginx (Debian package) is installed when missing, as CI has nothing preinstalled. The files are the ones in deploy/,
with only what ties them to a machine rewritten (sitekit.Nginx): ports on 127.0.0.1 and ::1, the web root, and a
self-signed certificate made for the test, which the clients here trust as their only authority.
"""
from __future__ import annotations

import gzip
import http.client
import json
import shutil
import socket
import ssl
import subprocess
import urllib.request
import warnings

import pytest

from sitekit import REPO, Nginx

pytestmark = pytest.mark.browser


def ensure_nginx() -> str:
    path = shutil.which("nginx") or (shutil.which("nginx", path="/usr/sbin:/sbin"))
    if path:
        return path
    subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True, capture_output=True,
                   env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    return shutil.which("nginx", path="/usr/sbin:/usr/bin")


@pytest.fixture(scope="module")
def server(built_site, tmp_path_factory):
    work = tmp_path_factory.mktemp("nginx")
    webroot = work / "webroot"
    (webroot / "releases").mkdir(parents=True)
    (webroot / "current").symlink_to(built_site)
    nginx = Nginx(work, webroot, binary=ensure_nginx()).start()
    yield nginx
    nginx.stop()


@pytest.fixture(scope="module")
def nginx_site(server):
    return server.base


_CONTEXT: list = []


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5, context=_CONTEXT[0] if _CONTEXT else None) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# The policy, directive by directive: nothing from another host, no inline or eval'd script, no plugins, no
# framing by others. Written out here, not read from deploy/nginx.conf, so that a loosened header fails.
POLICY = {
    "default-src": {"'self'"}, "script-src": {"'self'"}, "style-src": {"'self'"}, "img-src": {"'self'", "data:"},
    "font-src": {"'self'"}, "connect-src": {"'self'"}, "worker-src": {"'self'"}, "object-src": {"'none'"},
    "base-uri": {"'self'"}, "form-action": {"'self'"}, "frame-ancestors": {"'self'"},
}


def parse_csp(header: str) -> dict[str, set[str]]:
    """A Content-Security-Policy header as directive -> set of sources (each directive once)."""
    policy: dict[str, set[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if not words:
            continue
        name = words[0].lower()
        assert name not in policy, f"directive {name} given twice"
        policy[name] = set(words[1:])
    return policy


@pytest.mark.parametrize("path", ["", "laws/", "feeds/notices.xml", "no-such-page/", "assets/search/search.js"])
def test_the_csp_is_exactly_the_policy_on_every_kind_of_response(nginx_site, path):
    _status, headers, _ = fetch(nginx_site + path)
    assert parse_csp(headers["Content-Security-Policy"]) == POLICY
@pytest.fixture(scope="module", autouse=True)
def trust_the_test_certificate(server):
    _CONTEXT[:] = [server.ssl_context()]
    yield
    _CONTEXT.clear()


def test_https_on_ipv4_and_ipv6_with_hsts(server):
    pages = []
    for host in ("127.0.0.1", "[::1]"):
        status, headers, body = fetch(f"https://{host}:{server.https_port}/laws/")
        assert status == 200 and "法律法规" in body.decode("utf-8")
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        pages.append(body)
    assert pages[0] == pages[1]


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_plain_http_only_redirects_to_https(server, host):
    connection = http.client.HTTPConnection(host, server.http_port, timeout=5)
    connection.request("GET", "/notices/?page=2", headers={"Host": "tyjrswj.example.gov.cn"})
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "https://tyjrswj.example.gov.cn/notices/?page=2"
    assert "公示公告" not in response.read().decode("utf-8", "replace")  # no page over plain HTTP
    connection.close()


def _handshake(server, version: ssl.TLSVersion, host: str = "127.0.0.1"):
    context = server.ssl_context()
    with warnings.catch_warnings():  # Python deprecates the old versions it is asked to offer here
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = context.maximum_version = version
    context.set_ciphers("DEFAULT:@SECLEVEL=0")  # let the client offer old versions: the server must refuse them
    with socket.create_connection((host, server.https_port), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname=host) as tls:
        return tls.version()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_only_tls_1_2_and_1_3(server, host):
    assert _handshake(server, ssl.TLSVersion.TLSv1_2, host) == "TLSv1.2"
    assert _handshake(server, ssl.TLSVersion.TLSv1_3, host) == "TLSv1.3"
    for old in ("TLSv1", "TLSv1_1"):
        with pytest.raises(ssl.SSLError) as refused:
            _handshake(server, getattr(ssl.TLSVersion, old), host)
        assert refused.value.reason == "TLSV1_ALERT_PROTOCOL_VERSION"  # the server's alert, not the client's refusal
    conf = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in conf


def test_the_certificate_is_checked_like_a_browser_would(server):
    """The trust in these tests is real: a client without the test's certificate refuses the server."""
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(server.base, timeout=5, context=ssl.create_default_context())


def test_security_headers_on_pages(nginx_site):
    status, headers, _ = fetch(nginx_site)
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path, content_type", [
    ("feeds/notices.xml", "application/rss+xml; charset=utf-8"),
    ("feeds/notices.atom", "application/atom+xml; charset=utf-8"),
    ("sitemap.xml", "text/xml; charset=utf-8"),
])
def test_feed_and_data_types(nginx_site, built_site, path, content_type):
    if not (built_site / path).exists():
        pytest.fail(f"{path} missing from the built site")
    status, headers, _ = fetch(nginx_site + path)
    assert status == 200
    assert headers["Content-Type"] == content_type


def test_json_type(nginx_site, built_site):
    jsons = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.json"))
    assert jsons, "the site publishes JSON (catalogue, search)"
    status, headers, _ = fetch(nginx_site + jsons[0])
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"


def test_gzip_and_immutable_hashed_assets(nginx_site, built_site):
    css = next(built_site.glob("assets/stylesheets/main.*.min.css")).relative_to(built_site).as_posix()
    status, headers, body = fetch(nginx_site + css, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"@charset") or len(gzip.decompress(body)) > 10000
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_site_404_page(nginx_site):
    status, headers, body = fetch(nginx_site + "no/such/page/")
    assert status == 404
    assert "404" in body.decode("utf-8") and "gov-footer" in body.decode("utf-8")


def test_pages_obey_the_csp_in_chromium(nginx_site, browser, built_site):
    law = next(p for p in sorted((built_site / "laws").iterdir()) if p.is_dir() and (p / "index.html").exists())
    targets = [nginx_site, f"{nginx_site}laws/{law.name}/#art-1", f"{nginx_site}feeds/notices.xml",
               f"{nginx_site}pufa/fzzf/2023/"]
    context = browser.new_context(ignore_https_errors=True)  # the test's self-signed certificate
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text} at {m.location}") if m.type == "error" or "Content Security Policy" in m.text else None)
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}: {r.failure}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url} from {r.frame.url}") if r.status >= 400 else None)
    for url in targets:
        page.goto(url, wait_until="networkidle")
    page.goto(nginx_site, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("退役")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    context.close()
    assert problems == [], "\n".join(problems)


def test_search_index_files_of_a_build_are_cached_its_manifest_is_not(nginx_site):
    """search.js asks for every index file as name?v=<build> after reading manifest.json: those URLs never change
    content, so a visitor's second search on another page costs no request; the manifest is revalidated."""
    status, headers, body = fetch(nginx_site + "searchindex/manifest.json")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    build = json.loads(body)["build"]
    status, headers, _ = fetch(f"{nginx_site}searchindex/records.bin?v={build}")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, _ = fetch(f"{nginx_site}searchindex/records.bin")
    assert status == 200 and headers["Cache-Control"] == "no-cache"


def test_the_search_code_is_revalidated_with_every_page(nginx_site):
    """search.js must read the index of its own build: a format changed by a release would otherwise meet a copy
    of the old code kept for an hour, which misses what moved without an error. Other assets keep their hour."""
    status, headers, _ = fetch(nginx_site + "assets/search/search.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    status, headers, _ = fetch(nginx_site + "assets/search/search.css")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=3600"
