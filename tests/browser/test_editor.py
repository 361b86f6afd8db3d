"""The browser editor under a real `make serve` (mkdocs serve --dirty), driven through its forms only, in Chromium
at 1280 px: a 公示公告 with a 公示期 and an attachment, a policy with its review record, the withdrawal of a
notice. Each file written is compared field by field with what EDITING.md has an editor type (and its text with
how EDITING.md writes it: the schema line first, dates unquoted, 正文 as a `|` block); `make check` passes on the
result and the pages show in the preview. An unmasked name and a wrong date show the engine's Chinese lines in
the preview pane, a wrong file name the form's own message, and nothing is written."""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time

import pytest

from govsite.yamlfile import parse_yaml
from sitekit import MKDOCS, REPO, TODAY, copy_site, fetch

pytestmark = pytest.mark.browser

VENDOR = REPO / "editor/vendor/decap-cms/dist/decap-cms.js"
SHOTS = os.environ.get("GOVSITE_TOUR_DIR")
REVIEW = {"拟稿": "张某某", "拟稿日期": "2026-11-20", "审核": "李某某", "审核日期": "2026-11-23",
          "保密审查": "通过", "保密审查人": "王某某", "保密审查日期": "2026-11-23", "签发": "赵某某",
          "签发日期": "2026-11-24"}


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    assert VENDOR.is_file(), "网页编辑器尚未安装：运行 make editor（make test 会先安装）"
    root = copy_site(tmp_path_factory.mktemp("editor") / "repo")
    (root / "editor").mkdir()
    for name in ("config.yml", "index.html", "govsite-editor.js", "govsite-editor.css"):
        shutil.copy2(REPO / "editor" / name, root / "editor" / name)
    os.symlink(REPO / "editor/vendor", root / "editor/vendor")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    log_path = root.parent / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen([MKDOCS, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                                   cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 240
            while fetch(url)[0] != 200 and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
            assert process.poll() is None and fetch(url)[0] == 200, log_path.read_text(encoding="utf-8")[-3000:]
            yield url, root
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def signed_in(browser, serving):
    """One editor page for the module (loading Decap takes seconds): signed in to the local mode."""
    url, root = serving
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    offsite = []
    page.on("request", lambda r: offsite.append(r.url) if not r.url.startswith(
        ("http://127.0.0.1:", "data:", "blob:", "about:")) else None)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?" between tests
    page.goto(url + "bianji/")
    page.get_by_role("button", name="登录").click()  # the local mode: no account, the working tree
    page.get_by_role("link", name="公示公告").first.wait_for()
    yield page, url, root, offsite
    context.close()


@pytest.fixture
def editor(signed_in):
    page, url, root, offsite = signed_in
    yield page, url, root
    assert offsite == [], f"请求了其他网站：{offsite}"


def control(scope, label):
    """The form control whose own label is `label` (Decap wraps each in [aria-label="<widget> field"])."""
    page = scope if hasattr(scope, "goto") else scope.page
    return scope.locator('[aria-label$=" field"]').filter(
        has=page.locator(f'xpath=./div/label[normalize-space(text()[1])="{label}"]')).first


def fill(scope, label, value):
    control(scope, label).locator("input, textarea").first.fill(value)


def choose(scope, label, option):
    box = control(scope, label)
    box.locator("input").first.click()
    box.page.get_by_role("option", name=option, exact=True).click()


def type_markdown(scope, label, lines):
    """Typed into the raw Markdown editor line by line, as a person would."""
    box = control(scope, label).locator("[contenteditable=true]").first
    box.click()
    for i, line in enumerate(lines):
        if i:
            box.page.keyboard.press("Enter")
        if line:
            box.page.keyboard.insert_text(line)


def review_record(page):
    record = control(page, "审核")
    record.get_by_test_id("expand-button").first.click()
    for key, value in REVIEW.items():
        if key == "保密审查":
            choose(record, key, value)
        else:
            fill(record, key, value)


def check_pane(page, expected: str):
    """The preview pane's check once it says `expected` for the entry as it is now (it asks again half a second
    after each change, so a result for an earlier state may show first)."""
    section = page.frame_locator("iframe").first.locator(".govsite-check")
    deadline = time.monotonic() + 40
    text = ""
    while time.monotonic() < deadline:
        if section.get_attribute("data-status") == "done":
            text = section.inner_text()
            if expected in text:
                return section
        page.wait_for_timeout(300)
    raise AssertionError(f"检查结果中没有“{expected}”：{text}")


def save(page, path):
    """保存 → 保存到文件, as an editor does; returns once the file is written."""
    before = path.stat().st_mtime_ns if path.exists() else None
    page.get_by_role("button", name="保存").first.click()
    page.get_by_text("保存到文件", exact=True).click()
    deadline = time.monotonic() + 30
    while (path.stat().st_mtime_ns if path.exists() else None) == before:
        assert time.monotonic() < deadline, f"没有保存 {path}"
        time.sleep(0.2)
    page.screenshot(path=str((SHOTS and os.path.join(SHOTS, "saved.png")) or path.with_suffix(".png")))


def as_the_engine_reads(text: str) -> dict:
    """YAML as the build reads it (govsite.yamlfile: dates stay text, as the schemas want them)."""
    return parse_yaml(text, "test").data


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    head, body = re.match(r"^---\n(.*?)^---\n(.*)$", text, re.S | re.M).groups()
    return text, as_the_engine_reads(head), body


def shown_in_preview(url, path, text, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, html = fetch(url + path)
        if status == 200 and text in html:
            return html
        time.sleep(0.5)
    raise AssertionError(f"预览中没有出现 {path}（{text}）")


def shot(page, name, tmp_path):
    page.screenshot(path=str((SHOTS and os.path.join(SHOTS, name)) or tmp_path / name))


def make_check(root):
    env = dict(os.environ, GOVSITE_TODAY=TODAY, PYTHONPATH=str(REPO / "hooks"))
    return subprocess.run([sys.executable, "-m", "govsite", "check", str(root)], capture_output=True, text=True,
                          env=env)


def test_a_notice_with_its_period_and_attachment_through_the_forms(editor, tmp_path):
    page, url, root = editor
    page.goto(url + "bianji/#/collections/notice/new")
    fill(page, "标识", "youfu-wupi-rending")
    fill(page, "标题", "关于拟认定2026年第五批定期抚恤补助对象的公示")
    fill(page, "类别", "优抚公示")
    fill(page, "发布时间", "2026-11-26T09:00")
    fill(page, "索引号", "11410100MB0000000X/2026-00160")
    fill(page, "描述", "拟认定3名同志为定期抚恤补助对象，现予公示。")
    period = control(page, "公示期")
    period.get_by_role("button", name="新增公示期").click()
    fill(period, "开始", "2026-11-26")
    fill(period, "工作日", "7")
    attachments = control(page, "附件")
    attachments.get_by_role("button", name="新增附件").click()
    fill(attachments, "名称", "公示名单")
    control(attachments, "文件").get_by_role("button", name="选择文件").click()
    listing = tmp_path / "wupi-mingdan.txt"
    listing.write_text("序号,姓名,所在镇（街道）\n1,王*华,示例街道\n2,李*,示例镇\n", encoding="utf-8")
    with page.expect_file_chooser() as chooser:  # the media library's 上传 button opens the file dialog
        page.get_by_text("上传", exact=True).click()
    chooser.value.set_files(str(listing))
    page.get_by_role("button", name="选用已选中项目").click()
    review_record(page)
    type_markdown(page, "正文", ["经本人申请、镇（街道）初审，拟认定以下人员为定期抚恤补助对象（[[军人抚恤优待条例#62]]）。",
                               "", "公示期内如有异议，请向局优抚科反映。"])
    check_pane(page, "检查通过")
    shot(page, "editor-notice-1280.png", tmp_path)
    saved = root / "content/notices/2026/youfu-wupi-rending.md"
    save(page, saved)
    text, meta, body = front_matter(saved)
    # what EDITING.md 第十一节 and 第十七节 have an editor type, field by field
    assert meta == {
        "标题": "关于拟认定2026年第五批定期抚恤补助对象的公示", "类别": "优抚公示", "发布时间": "2026-11-26 09:00",
        "描述": "拟认定3名同志为定期抚恤补助对象，现予公示。", "索引号": "11410100MB0000000X/2026-00160",
        "公示期": {"开始": "2026-11-26", "工作日": 7},
        "附件": [{"名称": "公示名单", "文件": "files/wupi-mingdan.txt"}], "审核": REVIEW}
    assert text.startswith("---\n# yaml-language-server: $schema=../../../hooks/govsite/types/notices/notice.schema.json\n")
    assert "\n发布时间: 2026-11-26 09:00\n" in text and "\n  开始: 2026-11-26\n" in text  # dates as typed, no quotes
    assert "\n附件:\n  - 名称: 公示名单\n    文件: files/wupi-mingdan.txt\n" in text
    assert body == ("\n经本人申请、镇（街道）初审，拟认定以下人员为定期抚恤补助对象（[[军人抚恤优待条例#62]]）。\n\n"
                    "公示期内如有异议，请向局优抚科反映。\n")
    assert (root / "content/notices/2026/files/wupi-mingdan.txt").read_text(encoding="utf-8") == \
        listing.read_text(encoding="utf-8")
    html = shown_in_preview(url, "notices/2026/youfu-wupi-rending/", "第五批定期抚恤补助对象")
    assert "wupi-mingdan.txt" in html and "《军人抚恤优待条例》第六十二条" in html


def test_a_policy_with_its_review_record_through_the_forms(editor, tmp_path):
    page, url, root = editor
    page.goto(url + "bianji/#/collections/policy/new")
    fill(page, "编号", "2026-001")
    fill(page, "标题", "某区退役军人事务局关于做好2027年元旦春节期间走访慰问工作的通知")
    fill(page, "索引号", "11410100MB0000000X/2026-00161")
    fill(page, "发文字号", "某退役军人发〔2026〕1号")
    fill(page, "发布机构", "某区退役军人事务局")
    fill(page, "成文日期", "2026-11-20")
    fill(page, "发布日期", "2026-11-25")
    fill(page, "主题分类", "优抚安置")
    choose(page, "文件类型", "其他文件")
    choose(page, "有效性", "有效")
    fill(page, "内容概述", "部署2027年元旦春节期间走访慰问退役军人和其他优抚对象的工作。")
    type_markdown(page, "正文", ["各街道办事处、乡（镇）人民政府：", "",
                               "请按照[[退役军人保障法#62]]的规定，做好走访慰问工作。"])
    review_record(page)
    check_pane(page, "检查通过")
    shot(page, "editor-policy-1280.png", tmp_path)
    saved = root / "data/policies/2026-001.yml"
    save(page, saved)
    text = saved.read_text(encoding="utf-8")
    assert as_the_engine_reads(text) == {
        "标题": "某区退役军人事务局关于做好2027年元旦春节期间走访慰问工作的通知",
        "索引号": "11410100MB0000000X/2026-00161", "发文字号": "某退役军人发〔2026〕1号",
        "发布机构": "某区退役军人事务局", "成文日期": "2026-11-20", "发布日期": "2026-11-25", "主题分类": "优抚安置",
        "文件类型": "其他文件", "有效性": "有效",
        "内容概述": "部署2027年元旦春节期间走访慰问退役军人和其他优抚对象的工作。",
        "正文": "各街道办事处、乡（镇）人民政府：\n\n请按照[[退役军人保障法#62]]的规定，做好走访慰问工作。\n",
        "审核": REVIEW}
    assert text.startswith("# yaml-language-server: $schema=../../hooks/govsite/types/policies/policy.schema.json\n")
    assert "\n正文: |\n  各街道办事处、乡（镇）人民政府：\n\n  请按照[[退役军人保障法#62]]" in text  # a `|` block
    assert "\n审核:\n  拟稿: 张某某\n  拟稿日期: 2026-11-20\n" in text
    html = shown_in_preview(url, "xxgk/zcwj/2026-001/", "元旦春节期间走访慰问")
    assert "张某某" not in html  # the review record stays in the file


def test_withdrawing_a_notice_adds_only_its_withdrawal(editor, tmp_path):
    page, url, root = editor
    path = root / "content/notices/2026/caigou-yixiang.md"
    before = path.read_text(encoding="utf-8")
    page.goto(url + "bianji/#/collections/notice")
    page.get_by_text("某区退役军人事务局2026年政府采购意向公开（示例）").click()
    withdrawal = control(page, "撤回")
    withdrawal.get_by_role("button", name="新增撤回").click()
    fill(withdrawal, "日期", TODAY)
    fill(withdrawal, "原因", "采购计划调整，意向取消（示例）")
    check_pane(page, "检查通过")
    shot(page, "editor-withdraw-1280.png", tmp_path)
    save(page, path)
    after = path.read_text(encoding="utf-8")
    head_end = before.index("\n---\n", 4) + 1
    # every line as it was; the withdrawal as EDITING.md 第十七节 writes it, at the end of the front matter
    assert after == before[:head_end] + f"撤回:\n  日期: {TODAY}\n  原因: 采购计划调整，意向取消（示例）\n" + before[head_end:]
    html = shown_in_preview(url, "notices/2026/caigou-yixiang/", "data-govsite-withdrawn")
    assert "采购计划调整，意向取消（示例）" in html
    assert make_check(root).returncode == 0, make_check(root).stderr  # everything the forms wrote passes make check


def test_an_unmasked_name_and_a_wrong_date_show_the_chinese_errors(editor, tmp_path):
    page, url, root = editor
    before = sorted(p.name for p in (root / "content/notices/2026").iterdir())
    page.goto(url + "bianji/#/collections/notice/new")
    # by keyboard: typed into the first field, Tab to the next one
    control(page, "标识").locator("input").first.click()
    page.keyboard.type("Bad Name")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id").startswith("标题-field")
    page.keyboard.insert_text("关于公示拟认定对象的通知")
    fill(page, "类别", "优抚公示")
    fill(page, "发布时间", "2026-11-26T09:00")
    period = control(page, "公示期")
    period.get_by_role("button", name="新增公示期").click()
    fill(period, "开始", "2026-11-26")
    fill(period, "结束", "2026-11-20")
    type_markdown(page, "正文", ["| 序号 | 姓名 |", "|---|---|", "| 1 | 张伟 |"])
    # the form's own rule, before saving: the file name
    page.get_by_role("button", name="保存").first.click()
    page.get_by_text("保存到文件", exact=True).click()
    assert control(page, "标识").locator("li", has_text="应为小写英文字母、数字和连字符").is_visible()
    fill(page, "标识", "ceshi-cuowu")
    # the engine's rules, in the preview: the unmasked name and the end of the period before its start
    # (waited for under the new name: a result for the earlier name, already showing 张*, may come first)
    lines = check_pane(page, "content/notices/2026/ceshi-cuowu.md:").locator(".govsite-problem").all_inner_texts()
    shot(page, "editor-errors-1280.png", tmp_path)
    assert any(line.startswith("错误 content/notices/2026/ceshi-cuowu.md:") and "姓名" in line and "张伟" not in line
               for line in lines), lines
    assert any("公示期" in line and "结束" in line for line in lines), lines
    assert sorted(p.name for p in (root / "content/notices/2026").iterdir()) == before  # nothing saved
