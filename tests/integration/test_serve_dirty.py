"""`make serve` runs `mkdocs serve --dirty`: only changed pages are rewritten (govsite/servecache.py), and yet an
edit is always served: the edited page, the pages that list it, and a page removed by the editor disappears."""
from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from sitekit import MKDOCS, TODAY, fetch, free_port


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
    temp = tmp_path / "tmp"  # where MkDocs builds the served site
    temp.mkdir()
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temp))
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen([MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                               cwd=site_copy, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: fetch(url)[0] == 200 or process.poll() is not None, what="first build")
        assert process.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")[-2000:]
        yield site_copy, url, tmp_path / "serve.log"
    finally:
        process.terminate()  # as a service manager stops it
        process.wait(timeout=30)
        log.close()
    # stopped like Ctrl-C: MkDocs removed its build folder (tens of MB left in /tmp on every start otherwise)
    served = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert [name for name in os.listdir(temp) if name.startswith("mkdocs_")] == [], served[-2000:]
    assert "Traceback" not in served, served[-3000:]  # nor did the search index die on the removed folder


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


def search_text_has(url: str, text: str) -> bool:
    status, manifest = fetch(url + "searchindex/manifest.json")
    if status != 200:
        return False
    files = ["titles.json"] + [f"c/{n}.json" for n in range(json.loads(manifest)["chunks"])]
    return any(text in fetch(f"{url}searchindex/{name}")[1] for name in files)


def test_data_edits_reach_every_page_that_shows_them_across_saves(serving):
    """Under make serve the engine reuses parsed files, rendered pages and converted Markdown between saves;
    each of these saves must still reach every page, list, feed and JSON file built from the file."""
    root, url, log = serving
    policy = root / "data/policies/2025-005.yml"
    text = policy.read_text(encoding="utf-8")
    title = "某区退役军人事务局关于开展2025年“双拥”法治宣传月活动的通知"
    shown_on = ["xxgk/zcwj/2025-005/", "xxgk/zcwj/", "xxgk/ml/", "xxgk/ml/2025/all/all/", "",
                "feeds/policies.xml", "feeds/duixiang-tuiyi-junren.xml", "api/catalogue.json"]
    for page in shown_on:
        assert title in fetch(url + page)[1], page
    # 1. a data file (a policy): its page, the lists, the 政府信息公开目录 and its filter pages, the home page's
    #    latest updates, the per-audience feeds and the catalogue's JSON all show the new title
    new_title = title.replace("法治宣传月", "法治宣传周")
    policy.write_text(text.replace(title, new_title), encoding="utf-8")
    wait_until(lambda: new_title in fetch(url + "xxgk/zcwj/2025-005/")[1], what="the edited policy page")
    for page in shown_on:
        wait_until(lambda: new_title in fetch(url + page)[1], timeout=30, what=page)
        assert title not in fetch(url + page)[1], page
    # the search index follows a little later (rebuilt in a child process once the pages are served)
    wait_until(lambda: search_text_has(url, "法治宣传周"), timeout=90, what="the new title in the search index")

    # 2. the same notice saved twice, then put back: every state is served, the last one too (a reused page
    #    of an earlier state is only right when the state is really the same again)
    notice = root / "content/notices/2025/peixun-baoming.md"
    original = notice.read_text(encoding="utf-8")
    old = "关于开展2025年度退役军人职业技能培训报名工作的通知（示例）"
    for n, new in enumerate([old.replace("培训报名", "培训第一次报名"), old.replace("培训报名", "培训第二次报名"), old]):
        notice.write_text(original.replace(old, new) + (f"\n第{n}次保存。\n" if new != old else ""), encoding="utf-8")
        wait_until(lambda: new in fetch(url + "notices/2025/peixun-baoming/")[1]
                   and (new == old) != (f"第{n}次保存" in fetch(url + "notices/2025/peixun-baoming/")[1]),
                   what=f"save {n} of the notice")
        for page in ("notices/", "xxgk/ml/"):
            body = fetch(url + page)[1]
            assert new in body, (n, page)
            assert all(other not in body for other in ("培训第一次报名", "培训第二次报名") if other not in new), (n, page)

    # 3. a save that breaks the file stops that rebuild (the old pages stay); the repaired file is served fully
    policy.write_text(text.replace(title, new_title).replace("标题:", "标题 ", 1), encoding="utf-8")
    wait_until(lambda: "构建已停止" in log.read_text(encoding="utf-8"), timeout=60, what="the error of a broken file")
    third_title = title.replace("法治宣传月", "法治宣传日")
    policy.write_text(text.replace(title, third_title), encoding="utf-8")
    new_title = third_title
    for page in shown_on:
        wait_until(lambda: third_title in fetch(url + page)[1], timeout=60, what=f"{page} after the repair")

    # 4. the policy's file removed: its page is gone and nothing lists it any more
    policy.unlink()
    wait_until(lambda: fetch(url + "xxgk/zcwj/2025-005/")[0] == 404, what="the removed policy returning 404")
    for page in shown_on[1:]:
        wait_until(lambda: new_title not in fetch(url + page)[1], timeout=30, what=page)
    assert "错误" not in log.read_text(encoding="utf-8").split("未变化的页面未重写")[-1]


def test_edits_of_linked_files_reach_the_pages_that_show_them(serving):
    """Policy and interpretation pages, notice frames and citation links are reused under make serve by keys made
    of their own files' texts plus what they link to (govsite/render.py SOURCE_FIELDS): each save below changes
    only the linked file, and the other page must show it."""
    root, url, log = serving

    def edit(path: str, old: str, new: str) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, path
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    steps = [
        # the interpretation's new title on the policy it explains
        ("data/interpretations/2024-001.yml", "标题: 《", "标题: 新版《", "xxgk/zcwj/2024-001/", "新版《"),
        # the policy's new title on its interpretation
        ("data/policies/2024-001.yml", "标题: 某区", "标题: 新版某区", "xxgk/zcjd/2024-001/", "新版某区"),
        # the correction's new title in the banner of the notice it corrects
        ("content/notices/2025/peixun-baoming-gengzheng.md", "标题: 关于", "标题: 新版关于",
         "notices/2025/peixun-baoming/", "新版关于"),
        # the law's new article text in the tooltip of a page citing it
        ("data/laws/texts/中华人民共和国退役军人保障法.md", "第四十一条 公共", "第四十一条 新版公共",
         "pufa/news/2026-07-28-pufa-jin-junying/", "新版公共"),
    ]
    for path, old, new, page, shown in steps:
        assert shown not in fetch(url + page)[1], page
        edit(path, old, new)
        wait_until(lambda: shown in fetch(url + page)[1], timeout=60, what=f"{page} after saving {path}")
    assert "错误" not in log.read_text(encoding="utf-8").split("未变化的页面未重写")[-1]
