"""网站巡检 rules on the real data (engine only): dates are the build date, never the clock; what each rule finds
and where; the text scanners."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from govsite.build import load_site
from govsite.guard import placeholders as scan
from sitekit import REPO

D = dt.date


@pytest.fixture(scope="module")
def results():
    def at(today: dt.date):
        site = load_site(REPO, today=today)
        assert not site.problems.errors, [p.format() for p in site.problems.errors]
        return {r.name: r for r in site.models["inspection"].results}
    return at


def test_home_page_rule_counts_from_the_build_date(results):
    # Newest item: the 优抚 notice of 2026-11-23. The rule must follow `today`, whatever the machine's clock says.
    assert results(D(2026, 11, 26))["首页两周内有更新"].passed
    assert results(D(2026, 12, 7))["首页两周内有更新"].passed  # 14 days: still within
    late = results(D(2026, 12, 8))["首页两周内有更新"]
    assert not late.passed and "15 天" in late.findings[0].message


def test_update_cycles(results):
    r = results(D(2026, 11, 26))["栏目按周期更新"]
    stale = sorted(f.url for f in r.findings)
    # 政策文件: newest 2025-10-16, 406 days (> 6 months); 普法活动: 2026-09-30, 57 days (> 2 weeks);
    # 公示公告: 2026-11-23 (3 days) passes.
    assert stale == ["pufa/news/", "xxgk/zcwj/"]
    assert not r.passed and "公示公告 2026-11-23（3 天" in r.summary
    later = results(D(2026, 12, 1))["栏目按周期更新"]  # counted from the build date, not the clock
    assert "公示公告 2026-11-23（8 天" in later.summary


def test_annual_report_rule(results):
    assert results(D(2026, 11, 26))["上一年度报告按时公布"].passed  # 2025 report published 2026-01-22
    # On 2027-02-01 the 2026 report is due and missing.
    missing = results(D(2027, 2, 1))["上一年度报告按时公布"]
    assert not missing.passed and "缺少 2026 年度" in missing.findings[0].message
    # On 2027-01-15 the deadline for 2026 has not come: the 2025 report is what counts.
    assert results(D(2027, 1, 15))["上一年度报告按时公布"].passed


def test_no_empty_column_and_every_rule_has_a_source(results):
    r = results(D(2026, 11, 26))
    assert r["没有空白栏目"].passed, r["没有空白栏目"].summary  # 采购 has its notice
    assert all(result.source for result in r.values())
    assert list(r) == ["首页两周内有更新", "没有空白栏目", "栏目按周期更新", "无占位文字", "外部链接只指向白名单中的网站",
                       "上一年度报告按时公布", "重要政策与解读同步发布"]


def _copy(tmp_path):
    root = tmp_path / "site"
    for part in ("data", "content", "mkdocs.yml"):
        src = REPO / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    (root / "overrides").symlink_to(REPO / "overrides")  # templates render citations while loading
    return root


def test_empty_column_and_late_interpretation(tmp_path):
    root = _copy(tmp_path)
    (root / "content/notices/2026/caigou-yixiang.md").unlink()
    # 2025-004 (重要政策) published 2025-08-22; its 解读 moved 6 working days later.
    path = root / "data/interpretations/2025-004.yml"
    text = path.read_text(encoding="utf-8")
    assert "发布日期: 2025-08-22" in text
    path.write_text(text.replace("发布日期: 2025-08-22", "发布日期: 2025-09-01"), encoding="utf-8")
    site = load_site(root, today=D(2026, 11, 26))
    r = {x.name: x for x in site.models["inspection"].results}
    assert not r["没有空白栏目"].passed and [f.url for f in r["没有空白栏目"].findings] == ["notices/caigou/"]
    late = r["重要政策与解读同步发布"]
    assert not late.passed
    (finding,) = late.findings
    assert finding.file == "data/policies/2025-004.yml" and finding.line > 0
    assert "（6 个工作日，应不超过 3 个）" in finding.message  # 8-25..8-29 and 9-1: six working days


def test_placeholder_and_unlisted_link_in_data_are_errors_with_their_line(tmp_path):
    root = _copy(tmp_path)
    path = root / "data/policies/2024-001.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("内容概述:"))
    lines[at] = "内容概述: 待补充"
    lines.insert(at, "# 待补充：一条编辑的备注（注释不公开，不算）")
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = root / "content/about/functions.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n参见 <http://bad.example.org/x>。\n", encoding="utf-8")
    site = load_site(root, today=D(2026, 11, 26))
    errors = [p.format() for p in site.problems.errors]
    assert errors == sorted([
        f"data/policies/2024-001.yml:{at + 2}: 占位文字“待补充”：请换成正式内容，或删去这一句",
        f"content/about/functions.md:{len(doc.read_text(encoding='utf-8').splitlines())}: 链接到 bad.example.org，"
        "不在 data/site.yml 外部链接白名单中：核实该网站可靠后把它加入白名单，或删去链接",
    ])


@pytest.mark.parametrize("text, found", [
    ("正式使用时，请编辑在此填写局领导的姓名", ["正式使用时", "请编辑在此填写"]),
    ("其他事项待补充。", ["待补充"]),
    ("TODO: 换成正式文字", ["TODO"]),
    ("×××同志", ["×××"]),
    ("某区退役军人事务局（示例）", []),
    ("如：抚恤金、退役金、〔2023〕3号", []),
    ("待遇补充规定", []),  # 待 and 补充 apart are ordinary words
    ("AUTODOC", []),
])
def test_placeholder_patterns(text, found):
    assert scan.placeholders(text) == found


def test_page_findings_look_at_links_and_visible_text_only():
    allow = frozenset({"www.gov.cn", "tyjrswj.example.gov.cn"})
    html = ('<svg xmlns="http://www.w3.org/2000/svg"></svg><rss xmlns:atom="http://www.w3.org/2005/Atom"\n'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/">'  # namespaces, not links
            '<p>见<a href="https://www.gov.cn/x">国务院</a>和<a href="//evil.example.com/">另一个</a></p>'
            '<input placeholder="待补充">'  # an attribute, not text a person reads as content
            '<script>var t = "待补充";</script><p>内容建设中</p>'
            '<img src="https://cdn.example.net/a.png">')
    texts, hosts = scan.page_findings(html, allow)
    assert texts == ["内容建设中"]
    assert hosts == ["cdn.example.net", "evil.example.com"]


def test_yaml_comment_is_not_public():
    assert scan.yaml_line("标题: 通知 # 待补充") == "标题: 通知 "
    assert scan.yaml_line('标题: "第#1号 通知" # 注') == '标题: "第#1号 通知" '


def test_links_to_the_site_itself_are_allowed_without_a_build(tmp_path):
    """make check knows the site's own address from mkdocs.yml (a build gets it from MkDocs)."""
    root = _copy(tmp_path)
    doc = root / "content/about/functions.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n见 <https://tyjrswj.example.gov.cn/xxgk/>。\n", encoding="utf-8")
    site = load_site(root, today=D(2026, 11, 26))  # no site_url given, as `python -m govsite check`
    assert not site.problems.errors, [p.format() for p in site.problems.errors]
