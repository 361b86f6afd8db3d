"""公示公告 and 阳光安置 in the real build, and the issue's "done means" tried as an editor would."""
from __future__ import annotations

import re

import yaml

from feedcheck import check_atom, check_rss
from sitekit import REPO, REVIEW_RECORD, run_build

SITE_URL = "https://tyjrswj.example.gov.cn/"
CATEGORIES = yaml.safe_load((REPO / "data/notices/categories.yml").read_text(encoding="utf-8"))["类别"]
ANZHI = next(c["标识"] for c in CATEGORIES if c["名称"] == "安置公示")
# The newest notice of the site (the build's day is 2026-11-26), reviewed and signed off like any other.
NEW_NOTICE = """---
标题: 关于2026年度退役士兵安置计划的公示（测试）
类别: 安置公示
发布时间: 2026-11-25 09:00
索引号: 11410100MB0000000X/2026-00033
描述: 测试用新公告。
公示期:
  开始: 2026-11-25
  结束: 2026-12-01
""" + REVIEW_RECORD + """---

新公告正文。
"""


def test_site_url_matches_mkdocs_yml():
    assert f"site_url: {SITE_URL}" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_notice_list_and_category_pages(built_site):
    main = (built_site / "notices/index.html").read_text(encoding="utf-8")
    for category in CATEGORIES:
        assert f'href="{category["标识"]}/"' in main
        page = (built_site / f"notices/{category['标识']}/index.html").read_text(encoding="utf-8")
        tags = re.findall(r'class="gov-tag">([^<]*)<', page.split('class="md-content"')[1])
        assert tags == []  # a category page does not repeat its own category on every line
    # data: 2026-11-23 + 5 工作日, build date 2026-11-26; every notice with a 公示期 says where it stands
    assert re.search(r'gov-status--open"[^>]*>公示中</strong> <span class="gov-list__period">公示期至2026年11月27日<', main)
    assert re.search(r'gov-status--closed"[^>]*>公示已结束</strong>', main)


def test_notice_page_shows_period_status_and_phones(built_site):
    html = (built_site / "notices/2026/youfu-dingqi-fuxu/index.html").read_text(encoding="utf-8")
    assert ">公示期</th><td>2026年11月23日至2026年11月27日（5个工作日）</td>" in html
    assert re.search(r'<strong class="gov-status gov-status--open"[^>]*>公示中</strong>', html) and "0371-12345678" in html


def test_placement_pages(built_site):
    data = yaml.safe_load((REPO / "data/placements/2023.yml").read_text(encoding="utf-8"))
    html = (built_site / "placements/2023/index.html").read_text(encoding="utf-8")
    assert html.count('<figure class="gov-chart">') == 2 and html.count('<svg viewBox="0 0 480') == 2
    assert "示例数据" in html
    for person in data["排名"]:
        assert f'<td data-label="姓名">{person["姓名"]}</td>' in html
    results = html.split('id="jieguo"')[1].split('id="jiandu"')[0]
    assert len(re.findall(r'<tr><td class="gov-num" data-label="选岗顺序">\d+</td>', results)) == len(data["选岗结果"]) == 10
    overview = (built_site / "placements/index.html").read_text(encoding="utf-8")
    assert "10人" in overview and 'href="2023/"' in overview
    for stage in ("jihua", "paiming", "jieguo"):
        assert (built_site / f"notices/2023/yangguang-anzhi-2023-{stage}/index.html").is_file()


def test_done_means_add_a_notice_then_correct_it(site_copy, tmp_path):
    # 1. An editor adds one Markdown file: after a rebuild it is first in its category's feed and in the main feed.
    notice = site_copy / "content/notices/2026/anzhi-ceshi.md"
    notice.write_text(NEW_NOTICE, encoding="utf-8")
    out1 = tmp_path / "one"
    result = run_build(site_copy, out1)
    assert result.returncode == 0, result.stderr
    first = {}
    for name in (ANZHI, "notices"):
        rss = check_rss((out1 / f"feeds/{name}.xml").read_bytes(), SITE_URL + f"feeds/{name}.xml")
        atom = check_atom((out1 / f"feeds/{name}.atom").read_bytes(), SITE_URL + f"feeds/{name}.atom")
        assert rss[0]["link"] == atom[0]["link"] == SITE_URL + "notices/2026/anzhi-ceshi/"
        first[name] = (rss[0]["guid"], atom[0]["id"], atom[0]["updated"])
        assert atom[0]["updated"] == atom[0]["published"] == "2026-11-25T09:00:00+08:00"

    # 2. The editor corrects it (edits it and records the time): same GUID and id, a new updated date.
    corrected = NEW_NOTICE.replace("描述: 测试用新公告。\n", "描述: 测试用新公告。\n更新时间: 2026-11-26 08:30\n更新说明: 更正公示期\n")
    notice.write_text(corrected.replace("新公告正文。", "新公告正文（已更正）。"), encoding="utf-8")
    out2 = tmp_path / "two"
    result = run_build(site_copy, out2)
    assert result.returncode == 0, result.stderr
    for name in (ANZHI, "notices"):
        rss = check_rss((out2 / f"feeds/{name}.xml").read_bytes(), SITE_URL + f"feeds/{name}.xml")
        atom = check_atom((out2 / f"feeds/{name}.atom").read_bytes(), SITE_URL + f"feeds/{name}.atom")
        assert (rss[0]["guid"], atom[0]["id"]) == first[name][:2]
        assert atom[0]["updated"] == "2026-11-26T08:30:00+08:00" > first[name][2]
        assert atom[0]["published"] == "2026-11-25T09:00:00+08:00"
        assert "已更正" in atom[0]["content"]
        assert re.search(rb"<lastBuildDate>Thu, 26 Nov 2026 08:30:00 \+0800</lastBuildDate>",
                         (out2 / f"feeds/{name}.xml").read_bytes())


def test_done_means_an_id_number_in_a_placement_file_stops_the_build(site_copy, tmp_path):
    path = site_copy / "data/placements/2023.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    first17 = "41010519900307123"
    check = "10X98765432"[sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17)) % 11]
    at = next(i for i, line in enumerate(lines) if "王*军" in line and "入伍时间" in line)
    lines.insert(at + 1, f"  # 王*军 身份证 {first17}{check}")
    path.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    result = run_build(site_copy, out)
    assert result.returncode != 0
    assert f"data/placements/2023.yml:{at + 2}: 此处疑似公开了个人信息（规则：身份证号码）" in result.stderr
    assert first17 not in result.stderr  # the message itself does not repeat the number
    assert not out.exists()
