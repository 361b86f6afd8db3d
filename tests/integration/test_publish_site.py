"""make publish and make rollback on the real site, as a person or the timer runs them: a git checkout, the
Makefile targets, a real strict build into a web root, the link check, the log; bad input and a broken link
leave the served release as it was. One checkout walks through the steps in order (each publish is a build).
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from sitekit import GitCheckout

NOTICE = "content/notices/2026/zhaopin-gongyi-gangwei.md"


class Checkout(GitCheckout):
    def __init__(self, path: Path, web: Path):
        super().__init__(path)
        self.web = web

    def make(self, target: str, *variables: str, today: str = "") -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
        if today:
            env["GOVSITE_TODAY"] = today
        return subprocess.run(["make", "--no-print-directory", "-C", str(self.path), target,
                               f"GOVSITE_WEBROOT={self.web}", *variables],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, timeout=900)

    def served(self) -> str:
        return os.readlink(self.web / "current")

    def log(self) -> str:
        return (self.web / "publish.log").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    root = tmp_path_factory.mktemp("publish")
    return Checkout(root / "repo", root / "web")


def assert_refused(result: subprocess.CompletedProcess, *expected: str) -> None:
    assert result.returncode != 0, result.stdout
    for text in expected:
        assert text in result.stdout, result.stdout
    assert "线上网站未改动" in result.stdout and "Traceback" not in result.stdout


def test_1_first_publish(checkout):
    result = checkout.make("publish")
    assert result.returncode == 0, result.stdout
    commit = checkout.git("rev-parse", "--short=10", "HEAD")
    release = checkout.served().removeprefix("releases/")
    assert release.endswith(f"-{commit}") and f"发布 {release}" in result.stdout
    site = checkout.web / "current"
    # Each page asks for its own release's search files; nothing else of the build differs from `make build`.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'data-index="searchindex/?r={release}"' in home
    assert f'data-index="../../searchindex/?r={release}"' in (site / "laws/xianfa/index.html").read_text(encoding="utf-8")
    assert "首次发布：" in checkout.log()
    # The inspection's findings go to the bureau's log (a stale column on the test's date), not to a public page;
    # the report the build handed over is not left behind.
    assert "  网站巡检：" in checkout.log() and "巡检·栏目按周期更新: 栏目“普法活动”" in checkout.log()
    assert "巡检" not in home and not list((checkout.web / "meta").glob(".inspection-*"))
    facts = json.loads((checkout.web / f"meta/{release}.json").read_text(encoding="utf-8"))
    assert "notices/2026/zhaopin-gongyi-gangwei/" in facts["documents"]


def test_2_the_same_output_is_not_switched(checkout):
    before = checkout.served()
    result = checkout.make("publish")
    assert result.returncode == 0 and "未切换：输出与线上版本" in result.stdout
    assert checkout.served() == before and len(list((checkout.web / "releases").iterdir())) == 1


def test_2b_the_next_day_the_same_commit_publishes_what_expired(checkout):
    """The hourly timer on an unchanged checkout: a 公示期 ending overnight is published and logged."""
    before = checkout.served()
    result = checkout.make("publish", today="2026-11-28")
    assert result.returncode == 0, result.stdout
    assert checkout.served() != before
    assert ("notices/2026/youfu-dingqi-fuxu/  关于2026年第四批定期抚恤补助对象资格认定的公示（示例）：公示中 → 公示已结束"
            in result.stdout)
    page = (checkout.web / "current/notices/2026/youfu-dingqi-fuxu/index.html").read_text(encoding="utf-8")
    assert "公示已结束" in page


def test_3_bad_input_stops_the_publish_with_the_builds_message(checkout):
    before = checkout.served()
    checkout.edit(NOTICE, "类别: 招聘", "类别: 不存在的类别")
    checkout.commit("写错了类别")
    result = checkout.make("publish")
    assert_refused(result, "发布失败：构建未通过", f"{NOTICE}:", "类别")
    assert checkout.served() == before
    assert before.removeprefix("releases/") == max(p.name for p in (checkout.web / "releases").iterdir())
    assert not list((checkout.web / "releases").glob(".incoming-*"))
    checkout.git("revert", "--no-edit", "HEAD")


def test_4_a_broken_link_stops_the_publish(checkout):
    """Found by the build's link review, at the line that writes it: make publish is never the first to find it
    (its own check of the release stays, for what a build alone cannot see: tests/unit/test_release.py)."""
    before = checkout.served()
    checkout.edit("content/about/functions.md", "# 机构职能\n", '# 机构职能\n\n<a href="../../no-such-page/">旧链接</a>\n')
    checkout.commit("加了失效链接")
    lines = (checkout.path / "content/about/functions.md").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if "no-such-page" in text)
    result = checkout.make("publish")
    assert_refused(result, "构建未通过", f"错误 content/about/functions.md:{line} 正文: 链接 ../../no-such-page/ 指向网站以外的位置")
    assert checkout.served() == before
    checkout.git("revert", "--no-edit", "HEAD")


def test_5_second_release_is_logged_then_rollback_serves_the_first_again(checkout):
    first = checkout.served()
    checkout.edit(NOTICE, "标题: 区退役军人服务中心2026年公益性岗位招聘公告（示例）",
                  "标题: 区退役军人服务中心2026年公益性岗位招聘公告（第二版）")
    checkout.commit("改标题")
    result = checkout.make("publish", today="2026-11-28")  # the day of the release before: only the title changed
    assert result.returncode == 0, result.stdout
    second = checkout.served()
    assert second != first
    log = checkout.log()
    assert "notices/2026/zhaopin-gongyi-gangwei/  区退役军人服务中心2026年公益性岗位招聘公告（第二版）" in log
    assert "  修改订阅条目：1\n    notices/2026/zhaopin-gongyi-gangwei/  区退役军人服务中心2026年公益性岗位招聘公告（第二版）" in log
    page = (checkout.web / "current/notices/2026/zhaopin-gongyi-gangwei/index.html").read_text(encoding="utf-8")
    assert "（第二版）" in page

    result = checkout.make("rollback")
    assert result.returncode == 0, result.stdout
    assert checkout.served() == first
    assert f"回滚：线上版本从 {second.removeprefix('releases/')} 切回 {first.removeprefix('releases/')}" in result.stdout
    page = (checkout.web / "current/notices/2026/zhaopin-gongyi-gangwei/index.html").read_text(encoding="utf-8")
    assert "（第二版）" not in page

    # The next scheduled run finds the same commit: it stays rolled back, and says why.
    result = checkout.make("publish")
    assert result.returncode == 0 and "的发布已于" in result.stdout and checkout.served() == first


SCHEDULED = "content/notices/2026/dongji-zoufang-weiwen.md"
SCHEDULED_URL = "notices/2026/dongji-zoufang-weiwen/"


def test_6_a_notice_due_in_an_hour_goes_out_with_the_first_publish_after_it(checkout):
    """The editor's path: a notice with its review record and a 发布时间 one hour ahead is committed; the hourly
    publish before that hour leaves it out of the site, its feed and the catalogue, the first one after it puts
    it in all three and logs it as added."""
    (checkout.path / SCHEDULED).write_text("""---
标题: 关于开展2026年冬季走访慰问困难退役军人的通知（示例）
类别: 通知公告
发布时间: 2026-11-30 10:00
索引号: 11410100MB0000000X/2026-00160
描述: 部署2026年冬季走访慰问困难退役军人工作（演示用示例）。
审核:
  拟稿: 刘某某
  拟稿日期: 2026-11-27
  审核: 李某某
  审核日期: 2026-11-27
  保密审查: 通过
  保密审查人: 王某某
  保密审查日期: 2026-11-27
  签发: 赵某某
  签发日期: 2026-11-28
---

各镇（街道）退役军人服务站：

入冬以来，请各服务站对辖区困难退役军人逐户走访，了解生活情况，及时协调解决实际困难。本通知为演示用示例。
""", encoding="utf-8")
    checkout.commit("冬季走访慰问通知，定时上午10点发布")
    before = checkout.served()

    def published(now: str) -> tuple[subprocess.CompletedProcess, Path]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS", "GOVSITE_TODAY"))}
        result = subprocess.run(["make", "--no-print-directory", "-C", str(checkout.path), "publish",
                                 f"GOVSITE_WEBROOT={checkout.web}"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=dict(env, GOVSITE_NOW=now), timeout=900)
        assert result.returncode == 0, result.stdout
        return result, checkout.web / "current"

    result, site = published("2026-11-30T09:00")  # the 09:00 run: an hour early
    assert not (site / SCHEDULED_URL).exists()
    assert SCHEDULED_URL not in (site / "feeds/notices.xml").read_text(encoding="utf-8")
    assert "2026-00160" not in (site / "api/catalogue.json").read_text(encoding="utf-8")
    early = checkout.served()
    assert early != before  # another commit: the release of the rolled-back one is not served any more

    result, site = published("2026-11-30T10:05")  # the next hourly run
    assert checkout.served() != early
    assert "关于开展2026年冬季走访慰问困难退役军人的通知" in (site / SCHEDULED_URL / "index.html").read_text(encoding="utf-8")
    feed = (site / "feeds/notices.xml").read_text(encoding="utf-8")
    assert f'<guid isPermaLink="false">https://tyjrswj.example.gov.cn/{SCHEDULED_URL.rstrip("/")}</guid>' in feed
    rows = json.loads((site / "api/catalogue.json").read_text(encoding="utf-8"))["items"]
    row = next(r for r in rows if r["id"] == SCHEDULED_URL.rstrip("/"))
    assert row["index_no"] == "11410100MB0000000X/2026-00160"
    assert f"新增页面：1\n    {SCHEDULED_URL}  关于开展2026年冬季走访慰问困难退役军人的通知（示例）" in result.stdout
