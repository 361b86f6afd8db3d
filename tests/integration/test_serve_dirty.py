"""`make serve` runs `mkdocs serve --dirty`: only changed pages are rewritten (govsite/servecache.py), and yet an
edit is always served: the edited page, the pages that list it, and a page removed by the editor disappears."""
from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from sitekit import MKDOCS, TODAY


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def wait_until(predicate, timeout=180, what=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"not served within {timeout} s: {what}")


@pytest.fixture
def serving(site_copy, tmp_path):
    port = free_port()
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen([MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                               cwd=site_copy, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: fetch(url)[0] == 200 or process.poll() is not None, what="first build")
        assert process.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")[-2000:]
        yield site_copy, url, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_edit_is_served_everywhere_and_removed_page_is_gone(serving):
    root, url, log = serving
    notice = root / "content/notices/2025/peixun-baoming.md"
    page = url + "notices/2025/peixun-baoming/"
    text = notice.read_text(encoding="utf-8")
    old_title = "关于开展2025年度退役军人职业技能培训报名工作的通知（示例）"
    assert old_title in text and old_title in fetch(page)[1]
    new_title = old_title.replace("职业技能培训", "职业技能提升培训")
    notice.write_text(text.replace(old_title, new_title) + "\n编辑后新增的一句话。\n", encoding="utf-8")
    wait_until(lambda: "编辑后新增的一句话" in fetch(page)[1], what="the edited notice")
    status, body = fetch(page)
    assert new_title in body and old_title not in body
    # pages generated from the notice (lists, the 政府信息公开目录) were not skipped as "unchanged"
    assert new_title in fetch(url + "notices/")[1]
    assert new_title in fetch(url + "xxgk/ml/")[1]
    # unchanged pages were really skipped (the point of --dirty); the log says how many
    wait_until(lambda: "未变化的页面未重写" in log.read_text(encoding="utf-8"), what="skip count in the log")
    assert "A 'dirty' build" not in log.read_text(encoding="utf-8")  # MkDocs' stale-page warning does not apply

    other = root / "content/notices/2026/zhaopin-gongyi-gangwei.md"
    other_page = url + "notices/2026/zhaopin-gongyi-gangwei/"
    assert fetch(other_page)[0] == 200
    other.unlink()
    wait_until(lambda: fetch(other_page)[0] == 404, what="the removed notice returning 404")
    assert "公益性岗位招聘公告" not in fetch(url + "notices/")[1]
