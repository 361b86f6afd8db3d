"""`make preview` (CI keeps it for a merge request): every page says "预览" where a person sees it first, and
search engines are told to keep out; the public build has neither. Bad GOVSITE_* values stop the build."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from govsite.mode import BuildMode, ModeError, from_environ
from sitekit import REPO, GitCheckout

pytestmark = pytest.mark.browser

BANNER = "这是修改稿的预览，不是正式发布的网站"


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory):
    checkout = GitCheckout(tmp_path_factory.mktemp("preview") / "repo")
    # the browser editor comes along (installed already: make finds editor/vendor/.installed up to date)
    shutil.copytree(REPO / "editor", checkout.path / "editor", ignore=shutil.ignore_patterns("vendor"))
    (checkout.path / "editor/vendor").symlink_to(REPO / "editor/vendor")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    result = subprocess.run(["make", "--no-print-directory", "-C", str(checkout.path), "preview"],
                            capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr
    return checkout.path / "preview"


def test_every_page_of_a_preview_carries_the_banner_and_noindex(preview_site, built_site):
    pages = sorted(p for p in preview_site.rglob("*.html") if "bianji" not in p.relative_to(preview_site).parts)
    assert len(pages) > 100
    missing = [p.relative_to(preview_site).as_posix() for p in pages
               if BANNER not in (text := p.read_text(encoding="utf-8"))
               or '<meta name="robots" content="noindex, nofollow">' not in text]
    assert missing == []
    public = [p for p in built_site.rglob("*.html") if BANNER in p.read_text(encoding="utf-8")]
    assert public == [] and not list(built_site.rglob("*.html"))[0].read_text(encoding="utf-8").count("md-banner")
    # the public site keeps search engines off one page only: the note at the old address of the inspection report
    hidden = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
              if "noindex" in p.read_text(encoding="utf-8")]
    assert hidden == ["xxgk/hegui/index.html"]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_banner_is_the_first_thing_seen_on_a_phone_and_a_desktop(preview_site, browser, width, tmp_path):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(preview_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": width, "height": 800})
        for path in ("", "notices/2026/zhaopin-gongyi-gangwei/", "404.html"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}", wait_until="networkidle")
            banner = page.get_by_role("note").filter(has_text="预览")
            assert banner.is_visible()
            box = banner.bounding_box()
            assert box["y"] < 120 and box["x"] >= 0 and box["x"] + box["width"] <= width
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="networkidle")
        page.screenshot(path=str(tmp_path / f"preview-{width}.png"))
        page.close()
    finally:
        server.shutdown()


@pytest.mark.parametrize("environ, message", [
    ({"GOVSITE_PREVIEW": "2"}, "环境变量 GOVSITE_PREVIEW 只能是 1（预览，显示草稿）或 0（正式构建）"),
    ({"GOVSITE_RELEASE": "../../etc"}, "环境变量 GOVSITE_RELEASE 应为“年月日-时分秒-提交号”形式"),
    ({"GOVSITE_RELEASE": "20261202-150000-a3409a0c1e", "GOVSITE_PREVIEW": "1"}, "预览构建（GOVSITE_PREVIEW=1）不能作为正式发布版本"),
])
def test_bad_mode_variables_are_refused_in_chinese(environ, message):
    with pytest.raises(ModeError, match=message):
        from_environ(environ)


def test_drafts_are_shown_only_where_the_public_never_looks():
    assert from_environ({}, serve=True).show_drafts and from_environ({"GOVSITE_PREVIEW": "1"}).show_drafts
    assert not from_environ({}).show_drafts
    assert not from_environ({"GOVSITE_RELEASE": "20261202-150000-a3409a0c1e"}).show_drafts
    assert BuildMode().release == ""


def test_the_preview_carries_the_editor_for_the_bureaus_git_server(preview_site, built_site):
    """The intranet preview has the browser editor, signing in to data/site.yml's Git server; site/ has none."""
    served = yaml.safe_load((preview_site / "bianji/config.yml").read_text(encoding="utf-8"))
    assert served["backend"]["name"] == "gitlab" and served["backend"]["auth_type"] == "pkce"
    assert served["backend"]["base_url"] == "https://git.tyjrswj.example.gov.cn"
    assert served["publish_mode"] == "editorial_workflow"
    assert (preview_site / "bianji/vendor/decap-cms/dist/decap-cms.js").is_file()
    assert not (built_site / "bianji").exists()
