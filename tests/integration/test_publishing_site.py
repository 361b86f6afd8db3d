"""Drafts, scheduled release, withdrawal and review records through real `mkdocs build --strict` runs of a copy of
the site: what the public build leaves out (page, lists, feeds, search, catalogue, sitemap, home), what a preview
shows with its banner, the same feed id and 索引号 before and after a release, the withdrawal page, and a review
record that reaches no built file."""
from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import REVIEW_RECORD, copy_site, run_build, search_record_texts

NOW = "2026-11-26T10:00"
LATER = "2026-11-26T12:00"  # two hours later: past the scheduled notice's 11:00
MARKER = "MARKER7F3A"  # planted in review records; must appear in no built file
DRAFT = ("content/notices/2026/dongji-weiwen.md", "notices/2026/dongji-weiwen/", "关于开展冬季走访慰问的通知（草稿测试）")
SCHEDULED = ("content/notices/2026/dingshi-fabu.md", "notices/2026/dingshi-fabu/", "关于春节期间走访慰问的通知（定时测试）")
SCHEDULED_INDEX = "11410100MB0000000X/2026-00033"
WITHDRAWN = ("data/policies/2023-001.yml", "xxgk/zcwj/2023-001/")
WITHDRAWN_INDEX = "11410100MB0000000X/2023-00001"
# Published half an hour after a Beijing midnight: in UTC still the day before.
EARLY = ("content/notices/2026/lingchen-fabu.md", "notices/2026/lingchen-fabu/", "关于寒潮期间走访慰问的通知（凌晨发布测试）")


def marked(record: str, n: int) -> str:
    return record.replace("拟稿: 张某某", f"拟稿: 张某某{MARKER}-{n}")


def plant_markers(root: Path) -> int:
    """A marker in the review record of every kind of document: top-level YAML, front matter, a Q&A answer, a
    阳光安置 stage, a law. Returns how many were planted."""
    count = 0
    for path in (root / "data/policies/2025-005.yml", root / "data/interpretations/2025-004.yml",
                 root / "data/laws/xianfa.yml", root / "data/guides/laixin-laifang.yml",
                 root / "data/xxgk/annual-reports/2025.yml", root / "content/notices/2026/youfu-dingqi-fuxu.md",
                 root / "content/pufa/news/2026-09-30-lieshi-jinianri.md", root / "content/pufa/fzzf/2024.md",
                 root / "data/qa/anzhi.yml", root / "data/placements/2023.yml"):
        text = path.read_text(encoding="utf-8")
        assert re.search(r"拟稿: \S+", text), path
        text, found = re.subn(r"(拟稿: \S+)", lambda m: f"{m.group(1)}{MARKER}-{count}", text, count=1)
        count += found
        path.write_text(text, encoding="utf-8")
    return count


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """One copy of the site with a draft notice, a notice scheduled an hour after NOW and a withdrawn policy, built
    three times: public at NOW, public two hours later, and as a preview at NOW."""
    root = copy_site(tmp_path_factory.mktemp("lifecycle") / "repo")
    planted = plant_markers(root)
    draft_record = marked("审核:\n  拟稿: 张某某\n  拟稿日期: 2026-11-20\n", 90)  # a draft's record may be partial
    (root / DRAFT[0]).write_text(
        f"---\n标题: {DRAFT[2]}\n类别: 通知公告\n发布时间: 2026-11-25 09:00\n索引号: 11410100MB0000000X/2026-00034\n"
        f"草稿: true\n{draft_record}---\n\n冬季走访慰问草稿正文。\n", encoding="utf-8")
    (root / SCHEDULED[0]).write_text(
        f"---\n标题: {SCHEDULED[2]}\n类别: 通知公告\n发布时间: 2026-11-26 11:00\n定时发布: 2026-11-26 11:00\n"
        f"索引号: {SCHEDULED_INDEX}\n描述: 春节前走访慰问困难退役军人。\n{marked(REVIEW_RECORD, 91)}---\n\n定时发布测试正文。\n",
        encoding="utf-8")
    (root / EARLY[0]).write_text(
        f"---\n标题: {EARLY[2]}\n类别: 通知公告\n发布时间: 2026-11-26 00:30\n索引号: 11410100MB0000000X/2026-00035\n"
        f"描述: 寒潮来临前走访慰问困难退役军人。\n{REVIEW_RECORD}---\n\n凌晨发布测试正文。\n", encoding="utf-8")
    policy = root / WITHDRAWN[0]
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        "审核:\n", "撤回:\n  日期: 2026-11-25\n  原因: 文件已由新文件替代，原文不再公开\n审核:\n", 1), encoding="utf-8")
    out = {}
    for name, env in (("before", {"GOVSITE_NOW": NOW}), ("after", {"GOVSITE_NOW": LATER}),
                      ("preview", {"GOVSITE_NOW": NOW, "GOVSITE_PREVIEW": "1"})):
        result = run_build(root, root / f"site-{name}", extra_env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        out[name] = root / f"site-{name}"
    out["root"], out["planted"] = root, planted
    return out


def text(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def everywhere(site: Path, needle: str) -> list[str]:
    """Every built file containing `needle` (gzip files read unpacked)."""
    found = []
    data = needle.encode("utf-8")
    for path in sorted(site.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            if data in raw:
                found.append(path.relative_to(site).as_posix())
    return found


def feed_guid(site: Path, url: str) -> str:
    """The id of the feed item whose link is the page `url`, in feeds/notices.atom."""
    atom = text(site, "feeds/notices.atom")
    for entry in re.findall(r"<entry>.*?</entry>", atom, re.S):
        if f"/{url}</" in entry or f'/{url}"' in entry:
            return re.search(r"<id>(.*?)</id>", entry).group(1)
    return ""


def test_a_draft_is_in_no_output_of_the_public_build(builds):
    site = builds["before"]
    _file, url, title = DRAFT
    assert not (site / url / "index.html").exists()
    assert everywhere(site, title) == []
    assert everywhere(site, url) == []  # no link, no feed item, no sitemap entry, no catalogue row
    assert not any(title in t for t in search_record_texts(site))


def test_a_draft_is_shown_in_a_preview_with_its_banner(builds):
    site = builds["preview"]
    _file, url, title = DRAFT
    page = text(site, url + "index.html")
    assert '<p class="doc-lifecycle" role="note"><strong>草稿 · 未发布</strong>' in page and title in page
    assert title in text(site, "notices/index.html") and title in text(site, "feeds/notices.xml")


def test_a_scheduled_notice_is_out_before_its_moment_and_on_the_site_after(builds):
    _file, url, title = SCHEDULED
    before, after, preview = builds["before"], builds["after"], builds["preview"]
    assert everywhere(before, title) == [] and everywhere(before, SCHEDULED_INDEX) == []
    assert not any(title in t for t in search_record_texts(before))
    page = text(after, url + "index.html")
    assert title in page and "doc-lifecycle" not in page
    for rel in ("notices/index.html", "index.html", "feeds/notices.xml", "feeds/all.xml", "sitemap.xml"):
        assert (title if rel != "sitemap.xml" else url) in text(after, rel), rel
    rows = [i for i in json.loads(text(after, "api/catalogue.json"))["items"] if i["index_no"] == SCHEDULED_INDEX]
    assert [r["title"] for r in rows] == [title]
    assert any(title in t for t in search_record_texts(after))
    # The preview showed it an hour early with its time, under the same feed id and 索引号.
    assert "<strong>定时发布 2026-11-26 11:00</strong>" in text(preview, url + "index.html")
    assert SCHEDULED_INDEX in text(preview, url + "index.html")
    assert feed_guid(after, url) and feed_guid(after, url) == feed_guid(preview, url)


def test_a_withdrawn_policy_leaves_a_chinese_page_at_its_url(builds):
    site = builds["before"]
    _file, url = WITHDRAWN
    page = text(site, url + "index.html")
    article = page[page.index("<article"):page.index("</article>")]
    assert 'data-govsite-withdrawn="2026-11-25"' in article
    assert "已于<time datetime=\"2026-11-25\">2026年11月25日</time>撤回" in article
    assert "文件已由新文件替代，原文不再公开" in article and WITHDRAWN_INDEX in article
    assert "<title>已撤回：" in page
    catalogue = json.loads(text(site, "api/catalogue.json"))
    assert WITHDRAWN_INDEX not in {i["index_no"] for i in catalogue["items"]}
    assert url not in text(site, "feeds/all.xml") and url not in text(site, "xxgk/zcwj/index.html")
    assert not any("已撤回" in t or "文件已由新文件替代" in t for t in search_record_texts(site))


def test_sitemap_lists_each_page_with_its_own_beijing_day_and_no_withdrawn_page(builds):
    """sitemap.xml (and its gzip copy): a withdrawn document's page is not listed and says noindex; each page's
    lastmod is the day its own document last changed, in Beijing time — not the build's date, and not the day
    before for a document published just after midnight."""
    site = builds["before"]
    sitemap = text(site, "sitemap.xml")
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    entries = dict(re.findall(r"<loc>https://tyjrswj\.example\.gov\.cn/([^<]*)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?",
                              sitemap))
    assert WITHDRAWN[1] not in entries and "xxgk/zcwj/2024-001/" in entries
    assert '<meta name="robots" content="noindex">' in text(site, WITHDRAWN[1] + "index.html")
    assert '<meta name="robots"' not in text(site, "xxgk/zcwj/2024-001/index.html")
    assert entries[EARLY[1]] == "2026-11-26"  # 00:30 Beijing
    assert entries["notices/2026/youfu-dingqi-fuxu/"] == "2026-11-23"  # 发布时间 2026-11-23 09:00
    assert entries["xxgk/zcwj/2024-001/"] == "2024-03-08"  # 发布日期 2024-03-08, never changed since
    assert entries[""] == "2026-11-26"  # the home page: the newest change of all
    assert len({day for day in entries.values() if day}) > 10  # each page its own day, not one build date
    assert DRAFT[1] not in entries and SCHEDULED[1] not in entries


def test_a_withdrawn_policys_index_number_cannot_be_reused(builds, tmp_path):
    root = copy_site(tmp_path / "repo")
    for rel in (WITHDRAWN[0],):
        (root / rel).write_text((builds["root"] / rel).read_text(encoding="utf-8"), encoding="utf-8")
    notice = root / "content/notices/2026/youfu-dingqi-fuxu.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace("11410100MB0000000X/2026-00032", WITHDRAWN_INDEX),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "govsite", "check", str(root)], capture_output=True, text=True,
                            env={"PYTHONPATH": str(root / "hooks"), "GOVSITE_NOW": NOW, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    line = next(i for i, t in enumerate(notice.read_text(encoding="utf-8").split("\n"), 1) if t.startswith("索引号"))
    assert (f"content/notices/2026/youfu-dingqi-fuxu.md:{line} 索引号: 索引号 {WITHDRAWN_INDEX} 重复：data/policies/2023-001.yml"
            in result.stderr), result.stderr
    assert "（已撤回的《" in result.stderr


@pytest.mark.parametrize("name", ["before", "after", "preview"])
def test_no_review_record_reaches_any_built_file(builds, name):
    assert builds["planted"] >= 10
    site = builds[name]
    assert list(site.rglob("*.gz")), "the check must cover gzip files too"
    assert everywhere(site, MARKER) == []
    # nor the record's reviewer names or its fields' names
    assert everywhere(site, "保密审查人") == [] and everywhere(site, "王某某") == []
