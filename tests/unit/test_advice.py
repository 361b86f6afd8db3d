"""编辑提示: images without alt text, oversized images, telephone numbers in running notices, a changed office
number (govsite/types/advice, govsite/phones.py)."""
from __future__ import annotations

import pytest

from govsite.build import load_site
from govsite.types.advice import images_without_alt
from sitekit import copy_site


@pytest.mark.parametrize("text", [
    "![](photo.jpg)", "![ ](photo.jpg \"现场\")", "<img src=\"photo.jpg\">", "<IMG SRC='photo.jpg' alt=''>",
    "前文 ![][ref] 后文",
])
def test_an_image_without_alt_text_is_found(text):
    assert [line for line, _ in images_without_alt(f"正文\n\n{text}\n", 10)] == [12]


@pytest.mark.parametrize("text", [
    "![2024年安置现场](photo.jpg)", "<img src=\"photo.jpg\" alt=\"安置现场\">", "`![](x.png)` 是没有替代文字的写法",
    "```\n![](x.png)\n```", "[链接](page.md)",
])
def test_images_with_alt_text_and_examples_are_fine(text):
    assert images_without_alt(text) == []


def warnings_of(site, prefix=""):
    return [p.format() for p in site.problems.warnings if p.file.startswith(prefix)]


def test_pages_and_yaml_text_with_images_without_alt_text_are_warnings(tmp_path):
    root = copy_site(tmp_path / "repo")
    page = root / "content/about/functions.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join(lines + ["", "![](../assets/logo.svg)", ""]), encoding="utf-8")
    policy = root / "data/policies/2024-001.yml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("正文: |\n", "正文: |\n  <img src=\"chart.png\">\n", 1), encoding="utf-8")
    site = load_site(root)
    assert site.problems.errors == []
    policy_line = text.split("\n").index("正文: |") + 2
    assert warnings_of(site) == [
        f"content/about/functions.md:{len(lines) + 2} 正文: 图片 ../assets/logo.svg 没有替代文字：请在方括号里写一句图片内容，"
        "如 ![2024年安置现场](../assets/logo.svg)；看不见图片的读者（读屏软件）靠它了解内容",
        f"data/policies/2024-001.yml:{policy_line}: 图片 chart.png 没有替代文字：请在 <img> 中加上 alt=\"图片内容\"；"
        "看不见图片的读者（读屏软件）靠它了解内容"]


def test_an_oversized_image_is_a_warning(tmp_path):
    root = copy_site(tmp_path / "repo")
    (root / "content/notices/2026/files/xianchang.jpg").write_bytes(b"\xff\xd8" + b"\0" * (3 * 1024 * 1024))
    assert warnings_of(load_site(root)) == [
        "content/notices/2026/files/xianchang.jpg: 图片有 3.0 MB，手机上打开很慢；请压缩到 1 MB 以内（如宽度缩小到 1600 像素、"
        "存为质量 80% 的 JPG）再放入"]


RUNNING = "content/notices/2026/youfu-dingqi-fuxu.md"  # 公示 2026-11-23 to 11-27; tests run on 2026-11-26


def test_a_number_in_a_running_notice_that_is_not_public_is_a_warning(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / RUNNING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    电话: 0371-12345678", "    电话: 0371-12345699", 1), encoding="utf-8")
    line = text.split("\n").index("    电话: 0371-12345678") + 1
    site = load_site(root)
    assert site.problems.errors == []
    assert warnings_of(site) == [
        f"{RUNNING}:{line}: 电话 0371-12345699 不在 data/site.yml 的“公开号码”中，而本公告仍在公示（公示期至 2026-11-27），"
        "群众正按它来电。如果这是新启用的号码，请先把它加入 data/site.yml 的“公开号码”并写明用途；如果本局电话已经变更，请改为现在的号码"]


def test_a_notice_whose_period_is_over_is_left_alone(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / RUNNING
    path.write_text(path.read_text(encoding="utf-8").replace("    电话: 0371-12345678", "    电话: 0371-12345699", 1),
                    encoding="utf-8")
    site = load_site(root, today=__import__("datetime").date(2026, 12, 10))
    assert [w for w in warnings_of(site) if "0371-12345699" in w] == []


def test_a_changed_office_number_names_every_file_that_still_shows_the_old_one(tmp_path):
    """The office number in data/site.yml changes; five 办事指南, five notices and a placement still show it."""
    root = copy_site(tmp_path / "repo")
    settings = root / "data/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("0371-12345678", "0371-12345688"), encoding="utf-8")
    site = load_site(root)
    errors = [p.format() for p in site.problems.errors]
    old_places = ["data/guides/laixin-laifang.yml:57", "data/guides/lieshi-baoyangjin.yml:47",
                  "data/guides/shangcan-fuxujin.yml:48", "data/guides/youdaizheng-shenling.yml:47",
                  "data/guides/zizhu-jiuye-buzhu.yml:42", "data/placements/2023.yml:18",
                  "content/notices/2025/peixun-baoming-gengzheng.md:9", "content/notices/2025/peixun-baoming.md:8",
                  "content/notices/2026/caigou-yixiang.md:8", "content/notices/2026/youfu-dingqi-fuxu.md:12", "content/notices/2026/zhaopin-gongyi-gangwei.md:11"]
    advice = (f"如果本局电话已经变更，这是旧号码：以下 {len(old_places)} 处仍写着 0371-12345678，请逐一改为新号码："
              + "、".join(old_places) + "；如果这是新启用的号码，请先把它加入 data/site.yml 的“公开号码”并写明用途")
    guides = [e for e in errors if e.startswith("data/guides/")]
    assert len(guides) == 5 and all(e.endswith(advice) for e in guides), guides
    assert "新号码请先加入" not in "\n".join(errors)
