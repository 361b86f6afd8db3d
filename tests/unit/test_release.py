"""make publish / make rollback (govsite/release.py) without MkDocs: a stand-in build writes small sites.

The real build, the Makefile targets and nginx are tested in tests/integration/test_publish_site.py and
tests/browser/test_publish_nginx.py; here every rule of the web root is tried quickly, failures included.
"""
from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from govsite import release
from govsite.dates import TZ
from govsite.mode import RELEASE_ID
from govsite.release import PublishError, WebRoot

SITE_URL = "https://www.example.gov.cn/bm/tyjrswj/"


def page(title: str, body: str = "", status: str = "", withdrawn: str = "") -> str:
    """A page as the real build makes it: Material's frame, the search box naming the release, an <article>."""
    badge = f'<span class="gov-status gov-status--open">{status}</span>' if status else ""
    mark = f'<p data-govsite-withdrawn="{withdrawn}">本文件已于{withdrawn}撤回。</p>' if withdrawn else ""
    return (f"<!doctype html><html><head><title>{title} - 某区退役军人事务局</title></head><body>"
            f'<div class="md-search" data-index="../searchindex/?r={{release}}"></div>'
            f'<article class="md-content__inner"><h1 id="x">{title}<a class="headerlink" href="#x">#</a> {badge}</h1>'
            f"{mark}<p>{body}</p></article></body></html>")


def feed(*items: tuple[str, str, str]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{SITE_URL}{u}</link><guid isPermaLink=\"false\">{SITE_URL}{u}"
                      f"</guid><description>{d}</description></item>" for u, t, d in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'


def catalogue(*rows: tuple[str, str, str | None]) -> str:
    return json.dumps({"items": [{"id": i, "title": t, "validity": v, "url": f"{SITE_URL}{i}/"} for i, t, v in rows]},
                      ensure_ascii=False)


BASE_SITE = {
    "index.html": page("首页", '<a href="notices/a/">公示</a>'),
    "notices/a/index.html": page("公示甲", "公示内容", status="公示中"),
    "xxgk/zcwj/p1/index.html": page("政策一", "正文"),
    "feeds/notices.xml": feed(("notices/a/", "公示甲", "公示内容")),
    "api/catalogue.json": catalogue(("xxgk/zcwj/p1", "政策一", "有效")),
}


class Repo:
    """A git repository with mkdocs.yml, and the site the stand-in build writes for its current commit."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        # The real mkdocs.yml has Python tags: the publish reads site_url past them.
        (path / "mkdocs.yml").write_text(f"site_name: 某区退役军人事务局\nsite_url: {SITE_URL}\nslug: !!python/name:builtins.str\n",
                                         encoding="utf-8")
        (path / "content").mkdir(exist_ok=True)
        self.site = dict(BASE_SITE)
        self.builds = 0
        self.git("init", "-q")
        self.commit("first")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.path), "-c", "user.name=编辑", "-c", "user.email=e@example.gov.cn",
                               *args], check=True, capture_output=True, text=True).stdout.strip()

    def commit(self, message: str, change: str | None = None) -> str:
        (self.path / "content/note.md").write_text(change or message, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-qm", message)
        return self.git("rev-parse", "--short=10", "HEAD")

    def build(self, root: Path, out: Path, release: str, moment: dt.datetime) -> None:
        self.builds += 1
        self.built_with = (root, moment)
        for rel, text in self.site.items():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text.replace("{release}", release), encoding="utf-8")


class Clock:
    """Each publish one minute after the last, so release names differ and sort in order."""

    def __init__(self):
        self.now = dt.datetime(2026, 11, 26, 9, 0, tzinfo=TZ)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def repo(tmp_path):
    return Repo(tmp_path / "repo")


@pytest.fixture
def web(tmp_path):
    return tmp_path / "web"


@pytest.fixture
def run(repo, web):
    clock = Clock()

    def run(**options):
        options.setdefault("keep", 5)
        return release.publish(repo.path, web, build=repo.build, clock=clock, **options)

    return run


def served(web: Path) -> str:
    return os.readlink(web / "current")


def test_a_publish_builds_a_release_named_by_beijing_time_and_commit_and_switches_to_it(repo, web, run):
    outcome = run()
    commit = repo.git("rev-parse", "--short=10", "HEAD")
    assert outcome.switched and outcome.release == f"20261126-090100-{commit}"
    assert RELEASE_ID.match(outcome.release)
    assert served(web) == f"releases/{outcome.release}"  # relative: the web root can move
    assert (web / "current/notices/a/index.html").read_text(encoding="utf-8").count(f"?r={outcome.release}") == 1
    facts = json.loads((web / f"meta/{outcome.release}.json").read_text(encoding="utf-8"))
    assert facts["commit"] == commit and facts["previous"] == ""
    assert "首次发布：3 个页面，1 个订阅条目" in (web / "publish.log").read_text(encoding="utf-8")
    assert sorted(p.name for p in (web / "releases").iterdir()) == [outcome.release]


def test_output_that_would_not_change_is_not_switched_and_the_log_says_so(repo, web, run):
    first = run()
    repo.commit("a commit that changes nothing on the site")
    second = run()
    assert second.switched is False and second.release == first.release and served(web) == f"releases/{first.release}"
    assert second.message == f"输出与线上版本 {first.release} 完全相同（提交 {repo.git('rev-parse', '--short=10', 'HEAD')}）"
    assert [p.name for p in (web / "releases").iterdir()] == [first.release]  # the new build is gone again
    log = (web / "publish.log").read_text(encoding="utf-8").splitlines()
    assert "未切换：输出与线上版本" in log[-1] and first.release in log[-1]


def test_release_digest_ignores_only_the_release_name(repo, web, run):
    first = run()
    repo.site["notices/a/index.html"] = page("公示甲", "公示内容有改动", status="公示中")
    repo.commit("edit")
    second = run()
    assert second.switched
    a = json.loads((web / f"meta/{first.release}.json").read_text(encoding="utf-8"))
    b = json.loads((web / f"meta/{second.release}.json").read_text(encoding="utf-8"))
    assert a["files"]["index.html"] == b["files"]["index.html"]  # differs only by the release name
    assert a["files"]["notices/a/index.html"] != b["files"]["notices/a/index.html"]


def test_the_log_names_what_was_added_changed_withdrawn_removed_and_what_expired(repo, web, run):
    run()
    repo.site.update({
        "notices/a/index.html": page("公示甲", "公示内容", status="公示已结束"),  # the date moved on
        "notices/b/index.html": page("公示乙", "新的公示", status="公示中"),
        "xxgk/zcwj/p1/index.html": page("政策一", withdrawn="2026-11-25"),
        "index.html": page("首页", '<a href="notices/a/">公示</a> <a href="notices/b/">公示乙</a>'),
        "feeds/notices.xml": feed(("notices/a/", "公示甲", "公示内容（已结束）"), ("notices/b/", "公示乙", "新的公示")),
        "api/catalogue.json": catalogue(("xxgk/zcwj/p1", "政策一", "失效")),
    })
    del repo.site["xxgk/zcwj/p1/index.html"]
    repo.site["xxgk/zcwj/p2/index.html"] = page("政策二", withdrawn="2026-11-25")
    repo.site["xxgk/zcwj/p1/index.html"] = page("政策一", withdrawn="2026-11-25")
    repo.commit("second")
    outcome = run()
    changes = outcome.changes
    assert [p["url"] for p in changes["pages_added"]] == ["notices/b/"]
    assert [p["url"] for p in changes["pages_changed"]] == [""]  # the home page; a status alone is not a change
    assert [(p["url"], p["date"]) for p in changes["pages_withdrawn"]] == [("xxgk/zcwj/p1/", "2026-11-25"),
                                                                          ("xxgk/zcwj/p2/", "2026-11-25")]
    assert {(e.get("url") or e.get("catalogue"), e["from"], e["to"]) for e in changes["expired"]} == {
        ("notices/a/", "公示中", "公示已结束"), ("xxgk/zcwj/p1", "有效", "失效")}
    assert [i["title"] for i in changes["feed_items_added"]] == ["公示乙"]
    assert [i["title"] for i in changes["feed_items_changed"]] == ["公示甲"]
    log = (web / "publish.log").read_text(encoding="utf-8")
    for line in ("新增页面：1", "    notices/b/  公示乙", "修改页面：1", "撤回页面：2",
                 "    xxgk/zcwj/p1/  政策一（撤回日期 2026-11-25）", "到期或状态变化：2",
                 "    notices/a/  公示甲：公示中 → 公示已结束", "    目录 xxgk/zcwj/p1  政策一：有效 → 失效",
                 "新增订阅条目：1", "    notices/b/  公示乙（notices）", "修改订阅条目：1", "移除订阅条目：0"):
        assert line in [text.rstrip() for text in log.splitlines()] or "  " + line in log.splitlines(), line
    # A feed item that leaves every feed is named too.
    repo.site["feeds/notices.xml"] = feed(("notices/b/", "公示乙", "新的公示"))
    repo.commit("third")
    assert [i["title"] for i in run().changes["feed_items_removed"]] == ["公示甲"]


def test_a_failed_build_leaves_current_and_the_web_root_as_they_were(repo, web, run):
    first = run()
    repo.commit("broken")

    def failing(root, out, release, moment):
        out.mkdir(parents=True)
        (out / "index.html").write_text("half a site", encoding="utf-8")
        raise PublishError("构建未通过：content/x.md:3 标题: 不能为空")

    before = sorted(p.name for p in web.rglob("*"))
    with pytest.raises(PublishError, match="标题: 不能为空"):
        release.publish(repo.path, web, build=failing, clock=Clock())
    assert served(web) == f"releases/{first.release}"
    assert sorted(p.name for p in web.rglob("*")) == before  # no half release, no record, no temporary link


def test_a_broken_link_stops_the_publish_with_the_page_and_link_named(repo, web, run):
    first = run()
    repo.site["notices/a/index.html"] = page("公示甲", '<a href="../../xxgk/zcwj/gone/">已删除的文件</a>')
    repo.commit("broken link")
    with pytest.raises(PublishError) as stopped:
        run()
    assert "链接检查未通过：1 个链接" in str(stopped.value)
    assert "notices/a/index.html: ../../xxgk/zcwj/gone/ → 文件不存在" in str(stopped.value)
    assert served(web) == f"releases/{first.release}"
    assert [p.name for p in (web / "releases").iterdir()] == [first.release]


def test_only_committed_content_is_published(repo, web, run):
    (repo.path / "content/draft.md").write_text("未提交", encoding="utf-8")
    with pytest.raises(PublishError, match=r"有未提交的修改（content/draft.md）"):
        run()
    assert not (web / "current").exists()


def test_the_last_n_releases_are_kept_and_the_served_one_always(repo, web, run):
    releases = []
    for n in range(4):
        repo.site["index.html"] = page("首页", f"第{n}版")
        repo.commit(f"v{n}")
        releases.append(run(keep=2).release)
    assert sorted(p.name for p in (web / "releases").iterdir()) == releases[-2:]
    assert sorted(p.name for p in (web / "meta").iterdir()) == sorted(f"{r}.json" for r in releases[-2:])
    assert "删除旧版本：" + releases[1] in (web / "publish.log").read_text(encoding="utf-8")
    with pytest.raises(PublishError) as exc:
        run(keep=1)
    assert str(exc.value) == "至少要保留 2 个版本（GOVSITE_KEEP ≥ 2），否则无法回滚"


def test_rollback_goes_back_one_release_and_the_rolled_back_commit_is_not_published_again(repo, web, run):
    first = run()
    repo.site["index.html"] = page("首页", "有错误的版本")
    bad_commit = repo.commit("bad")
    second = run()
    outcome = release.rollback(web)
    assert outcome.release == first.release and served(web) == f"releases/{first.release}"
    assert f"回滚：线上版本从 {second.release} 切回 {first.release}" in (web / "publish.log").read_text(encoding="utf-8")
    with pytest.raises(PublishError, match=f"没有比当前版本 {first.release} 更早的版本可以回滚"):
        release.rollback(web)
    # The hourly timer runs on the same commit: it must not bring the bad release back.
    held = run()
    assert held.switched is False and held.release == first.release
    time_of = json.loads((web / "meta/rollback.json").read_text(encoding="utf-8"))["time"]
    assert not held.switched and held.message == (f"提交 {bad_commit} 的发布已于 {time_of} 回滚；在有新的提交之前不再发布它"
                                                   "（确需发布请用 make publish FORCE=1）")
    assert served(web) == f"releases/{first.release}"
    assert run(force=True).switched  # FORCE=1: on purpose
    # A new commit (the fix) publishes as usual and lifts the hold.
    repo.site["index.html"] = page("首页", "改正后的版本")
    repo.commit("fix")
    assert run().switched and not (web / "meta/rollback.json").exists()


def test_an_older_checkout_does_not_replace_a_newer_release(repo, web, run):
    old = repo.git("rev-parse", "--short=10", "HEAD")
    repo.site["index.html"] = page("首页", "较新的版本")
    repo.commit("newer")
    newer = run()
    repo.git("checkout", "-q", old)
    held = run()
    assert not held.switched and f"本地提交 {old} 比线上版本的提交" in held.message
    assert served(web) == f"releases/{newer.release}"


def test_current_moves_by_renaming_a_new_link_over_it_never_missing(repo, web, run):
    """A reader of `current` (nginx opening a file) must never find it missing, even between two releases."""
    a, b = run().release, None
    repo.site["index.html"] = page("首页", "二")
    repo.commit("two")
    b = run().release
    root = WebRoot(web)
    seen: set[str] = set()
    missing: list[str] = []
    stop = threading.Event()

    def read():
        while not stop.is_set():
            try:
                seen.add(os.readlink(web / "current"))
                (web / "current/index.html").stat()
            except OSError as exc:
                missing.append(repr(exc))

    reader = threading.Thread(target=read)
    reader.start()
    for n in range(300):
        root.switch(a if n % 2 else b)
    stop.set()
    reader.join()
    assert missing == []
    assert seen == {f"releases/{a}", f"releases/{b}"}
    assert not list(web.glob(".current-*"))


def test_a_second_publish_waits_for_the_first_then_gives_up_with_a_message(repo, web, run, monkeypatch):
    run()
    monkeypatch.setattr(release, "LOCK_WAIT_SECONDS", 0.5)
    with WebRoot(web).lock(), pytest.raises(PublishError, match="另一次发布或回滚已进行超过 0 秒仍未结束"):
        run()


def test_a_current_folder_that_is_not_a_link_is_refused(repo, web, run):
    (web / "current").mkdir(parents=True)
    with pytest.raises(PublishError) as exc:
        run()
    assert str(exc.value) == (f"{web / 'current'} 不是符号链接，无法原子切换。请把其中的网站移到别处后删除它，再重新发布")


@pytest.mark.parametrize("command, args, expected", [
    ("publish", [], "没有指定网站根目录（--webroot）"),
    ("publish", ["--webroot", "/dev/null/web"], "无法写入网站根目录 /dev/null/web"),
    ("publish", ["--webroot", "WEB", "--keep", "x"], "保留版本数应为整数"),
    ("rollback", ["--webroot", "WEB"], "还没有发布过（没有 current 链接），无法回滚"),
    ("rollback", ["--webroot", "EMPTY"], "还没有发布过（没有 current 链接），无法回滚"),
    ("rollback", ["--webroot", "MISSING"], "网站根目录 MISSING 不存在：还没有发布过，无法回滚"),
])
def test_command_line_errors_are_chinese_sentences_with_exit_code_1(command, args, expected, tmp_path, capsys):
    # paths under tmp_path only: a faulty rollback (mutation testing makes them) must not create folders elsewhere
    (tmp_path / "web").mkdir()
    places = {"WEB": str(tmp_path / "web"), "MISSING": str(tmp_path / "missing/web"), "EMPTY": str(tmp_path / "web")}
    args = [places.get(a, a) for a in args]
    expected = expected.replace("MISSING", places["MISSING"])
    assert release.main(command, args) == 1
    err = capsys.readouterr().err
    assert expected in err and "线上网站未改动" in err and "Traceback" not in err
    if command == "rollback":  # the whole sentence
        assert err == f"回滚失败：{expected}\n线上网站未改动。\n"


def test_a_fault_of_the_program_is_reported_without_a_traceback(monkeypatch, tmp_path, capsys):
    def broken(*args, **kwargs):
        raise KeyError("pages")

    monkeypatch.setattr(release, "publish", broken)
    assert release.main("publish", ["--webroot", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "发布失败：程序内部错误（KeyError: 'pages'）。线上网站未改动" in err and "Traceback" not in err


def test_site_url_must_be_a_full_address(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_url: /bm/tyjrswj/\n", encoding="utf-8")
    with pytest.raises(PublishError, match="site_url 应为网站的完整地址"):
        release.site_url_of(tmp_path)


def test_a_page_unchanged_since_the_last_release_is_not_read_again(repo, web, run, monkeypatch):
    """A publish reads each new or changed page once, for its log facts and its links together."""
    run()
    read: list[str] = []
    parse = release._parse_page
    monkeypatch.setattr(release, "_parse_page", lambda data: read.append(data.decode()) or parse(data))
    repo.site["notices/a/index.html"] = page("公示甲", "公示内容有改动", status="公示中")
    repo.commit("edit")
    outcome = run()
    assert [p["url"] for p in outcome.changes["pages_changed"]] == ["notices/a/"]
    assert len(read) == 1 and "公示内容有改动" in read[0]


def test_the_command_leaves_the_callers_sigterm_handling_as_it_was(tmp_path, capsys):
    """main() turns SIGTERM into a clean stop while it runs; afterwards the process (and any child it forks,
    which must still die on terminate()) is as before."""
    import signal

    before = signal.getsignal(signal.SIGTERM)
    release.main("rollback", ["--webroot", str(tmp_path / "none")])
    assert signal.getsignal(signal.SIGTERM) is before


# ---- what a release's facts say of its pages, feeds and catalogue ------------------------------------------------

def facts_of(tmp_path, files: dict[str, str], name: str = "20261126-090000-abcdef0", previous=None) -> dict:
    folder = tmp_path / name
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace("{release}", name), encoding="utf-8")
    return release.release_facts(folder, name, SITE_URL, previous=previous)


def test_a_pages_facts_are_its_heading_statuses_and_withdrawal_and_its_article_without_badges(tmp_path):
    html = ('<html><head><title>标题栏 - 某局</title></head><body><nav><span class="gov-status">导航里的</span></nav>'
            '<article><h1 id="t">公示 <em>甲</em><a class="headerlink" href="#t">#</a></h1>'
            '<span class="gov-status gov-status--open">公示<b>中</b> <span>（还有3天）</span></span>'
            '<p class="law-status">现行 有效</p><img src="a.png"><br/>'
            '<div data-govsite-withdrawn="2026-11-25">已撤回</div><div data-govsite-withdrawn="2026-11-20"></div>'
            '<p>正文</p></article></body></html>')
    facts = facts_of(tmp_path, {"a/index.html": html})["pages"]["a/"]
    assert facts["title"] == "公示 甲"  # the heading without its permalink, spaces collapsed
    assert facts["statuses"] == ["公示中 （还有3天）", "现行 有效"]  # inside <article> only, nested markup read
    assert facts["withdrawn"] == "2026-11-25"  # the first one
    # the status text is not part of the article: a status that changes by date alone is not a changed page
    other = html.replace("公示<b>中</b> <span>（还有3天）</span>", "公示已结束").replace("现行 有效", "已失效")
    assert facts_of(tmp_path / "2", {"a/index.html": other})["pages"]["a/"]["article"] == facts["article"]
    changed = html.replace("<p>正文</p>", "<p>正文有改动</p>")
    assert facts_of(tmp_path / "3", {"a/index.html": changed})["pages"]["a/"]["article"] != facts["article"]
    retagged = html.replace("<p>正文</p>", "<div>正文</div>")
    assert facts_of(tmp_path / "4", {"a/index.html": retagged})["pages"]["a/"]["article"] != facts["article"]


def test_a_page_without_a_heading_is_named_by_its_title_and_a_withdrawal_without_a_date_still_counts(tmp_path):
    html = ('<html><head><title>  站内  页面 </title></head><body><article><p data-govsite-withdrawn="">撤回</p>'
            '</article><h1>文章外的标题</h1></body></html>')
    facts = facts_of(tmp_path, {"x/y.html": html, "index.html": "<title>首页</title>"})["pages"]
    assert facts["x/y.html"] == {"title": "站内 页面", "article": facts["x/y.html"]["article"], "statuses": [],
                                 "withdrawn": "是"}
    assert facts[""]["title"] == "首页" and facts[""]["withdrawn"] == ""


def test_feed_items_are_read_by_guid_or_link_with_every_feed_holding_them(tmp_path):
    rss = ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
           '<channel><title>t</title>'
           f'<item><title> 甲 </title><link>{SITE_URL}notices/a/</link><guid>{SITE_URL}notices/a/</guid>'
           '<description>摘要</description><content:encoded>全文</content:encoded></item>'
           f'<item><title>乙</title><link>{SITE_URL}notices/b/</link></item>'
           '<item><title>无链接</title></item></channel></rss>')
    files = {"feeds/all.xml": rss, "feeds/notices.xml": rss, "feeds/broken.xml": "<rss><channel>",
             "other/x.xml": rss, "notices/a/index.html": page("甲"), "notices/b/index.html": page("乙")}
    facts = facts_of(tmp_path, files)
    items = facts["feed_items"]
    assert sorted(items) == [f"{SITE_URL}notices/a/", f"{SITE_URL}notices/b/"]  # other/ is not a feed
    a = items[f"{SITE_URL}notices/a/"]
    assert (a["title"], a["link"], a["url"], sorted(a["feeds"])) == ("甲", f"{SITE_URL}notices/a/", "notices/a/",
                                                                     ["all", "notices"])
    assert facts["documents"] == ["notices/a/", "notices/b/"]
    # what a reader shows: its full text too
    changed = facts_of(tmp_path / "2", {**files, "feeds/all.xml": rss.replace("全文", "改过的全文")})
    assert changed["feed_items"][f"{SITE_URL}notices/a/"]["digest"] != a["digest"]
    changed = facts_of(tmp_path / "3", {**files, "feeds/all.xml": rss.replace("摘要", "新摘要")})
    assert changed["feed_items"][f"{SITE_URL}notices/a/"]["digest"] != a["digest"]


def test_the_catalogue_gives_validities_and_documents_but_search_files_and_bad_json_are_ignored(tmp_path):
    files = {"api/catalogue.json": json.dumps({"items": [
                 {"id": "p1", "title": "政策一", "validity": "有效", "url": f"{SITE_URL}xxgk/zcwj/p1/"},
                 {"id": "p2", "title": "政策二"},  # no validity: not a catalogue row
                 "not a row"]}, ensure_ascii=False),
             "api/other.json": json.dumps([1, 2]), "api/broken.json": "{",
             "searchindex/x.json": json.dumps({"items": [{"id": "s", "validity": "有效"}]}),
             "xxgk/zcwj/p1/index.html": page("政策一"), "elsewhere/index.html": page("外")}
    facts = facts_of(tmp_path, files)
    assert facts["catalogue"] == {"p1": {"title": "政策一", "validity": "有效", "url": f"{SITE_URL}xxgk/zcwj/p1/"}}
    assert facts["documents"] == ["xxgk/zcwj/p1/"]
    assert set(facts["files"]) == set(files)


def test_a_release_digest_depends_on_every_file_and_its_name_on_none(tmp_path):
    a = facts_of(tmp_path / "a", {"index.html": page("首页"), "x.txt": "{release}"}, name="20261126-090000-abcdef0")
    b = facts_of(tmp_path / "b", {"index.html": page("首页"), "x.txt": "{release}"}, name="20261126-100000-1234567")
    assert a["digest"] == b["digest"] and a["files"] == b["files"]
    c = facts_of(tmp_path / "c", {"index.html": page("首页"), "x.txt": "{release}", "y.txt": ""})
    d = facts_of(tmp_path / "d", {"index.html": page("首页"), "x.txt": "其他"})
    assert len({a["digest"], c["digest"], d["digest"]}) == 3


def test_changes_name_only_documents_whose_first_status_changed(tmp_path):
    def facts(status_a, status_b, withdrawn=""):
        return facts_of(tmp_path / f"{status_a}{status_b}{withdrawn}", {
            "notices/a/index.html": page("甲", status=status_a, withdrawn=withdrawn),
            "lists/index.html": page("列表", status=status_b),
            "feeds/notices.xml": feed(("notices/a/", "甲", "")),
        })

    before = facts("公示中", "公示中")
    after = facts("公示已结束", "公示已结束")
    changes = release.changes_between(before, after)
    assert changes["expired"] == [{"url": "notices/a/", "title": "甲", "from": "公示中", "to": "公示已结束"}]
    assert changes["pages_changed"] == [] and changes["pages_added"] == [] and changes["pages_removed"] == []
    assert release.changes_between(before, facts("公示中", "公示已结束"))["expired"] == []
    withdrawn = release.changes_between(before, facts("公示已结束", "公示中", withdrawn="2026-11-26"))
    assert withdrawn["expired"] == [] and withdrawn["pages_changed"] == []
    assert withdrawn["pages_withdrawn"] == [{"url": "notices/a/", "title": "甲", "date": "2026-11-26"}]
    # a page that gains its first status, or loses it, has not expired
    assert release.changes_between(facts("", "x"), after)["expired"] == []
    assert release.changes_between(before, facts("", "x"))["expired"] == []
    # already withdrawn before: not withdrawn again
    assert release.changes_between(withdrawn and facts("公示已结束", "公示中", withdrawn="2026-11-26"),
                                   facts("公示已结束", "公示中", withdrawn="2026-11-26"))["pages_withdrawn"] == []


def test_the_first_release_has_every_page_added_and_the_log_counts_them():
    new = {"pages": {"": {"title": "首页", "article": "1", "statuses": [], "withdrawn": ""},
                     "a/": {"title": "甲", "article": "2", "statuses": [], "withdrawn": ""}},
           "feed_items": {"g": {"title": "甲", "url": "a/", "feeds": ["all"], "digest": "d"}},
           "catalogue": {}, "documents": ["a/"]}
    changes = release.changes_between(None, new)
    assert [p["url"] for p in changes["pages_added"]] == ["", "a/"]
    assert [i["id"] for i in changes["feed_items_added"]] == ["g"]
    assert release.describe_changes(changes, first=True) == ["  首次发布：2 个页面，1 个订阅条目"]


def test_the_log_lists_every_section_with_its_rows():
    changes = {
        "pages_added": [{"url": "", "title": "首页"}],
        "pages_changed": [{"url": "a/", "title": "甲"}],
        "pages_withdrawn": [{"url": "b/", "title": "乙", "date": "2026-11-25"}, {"url": "", "title": "首页", "date": "2026-11-26"}],
        "pages_removed": [{"url": "c/", "title": "丙"}],
        "expired": [{"url": "d/", "title": "丁", "from": "公示中", "to": ""},
                    {"catalogue": "p1", "title": "政策", "from": "", "to": "失效"}],
        "feed_items_added": [{"url": "a/", "title": "甲", "feeds": ["a1", "a2", "a3", "a4", "a5"]}],
        "feed_items_changed": [{"url": "", "title": "首页", "feeds": ["all", "x", "y"]},
                               {"url": "d/", "title": "丁", "feeds": ["all", "x", "y", "z"]}],
    }
    assert release.describe_changes(changes) == [
        "  新增页面：1", "    /  首页",
        "  修改页面：1", "    a/  甲",
        "  撤回页面：2", "    b/  乙（撤回日期 2026-11-25）", "    /  首页（撤回日期 2026-11-26）",
        "  删除页面：1", "    c/  丙",
        "  到期或状态变化：2", "    d/  丁：公示中 → 无", "    目录 p1  政策：无 → 失效",
        "  新增订阅条目：1", "    a/  甲（a1、a2、a3 等 5 个订阅源）",
        "  修改订阅条目：2", "    /  首页（all、x、y）", "    d/  丁（all、x、y 等 4 个订阅源）",
        "  移除订阅条目：0"]


# ---- the web root --------------------------------------------------------------------------------------------------

def test_the_web_root_knows_only_release_folders_and_a_missing_record_is_worked_out_again(web, repo, run):
    first = run()
    root = WebRoot(web)
    for odd in (".incoming-20261126-100000-abcdef0", "20261126-100000-abcdef0-x", "notes"):
        (web / "releases" / odd).mkdir()
    (web / "releases/20261126-100000-abcdef0").write_text("a file, not a release", encoding="utf-8")
    assert root.release_ids() == [first.release]
    recorded = root.facts(first.release, SITE_URL)
    (web / f"meta/{first.release}.json").write_text("{broken", encoding="utf-8")
    worked_out = root.facts(first.release, SITE_URL)
    assert worked_out["digest"] == recorded["digest"] and worked_out["pages"] == recorded["pages"]
    assert worked_out["commit"] == first.release.rsplit("-", 1)[-1] and worked_out["published"] == ""
    assert root.facts("20261126-235959-abcdef0", SITE_URL) is None
    assert WebRoot(web / "none").release_ids() == []


def test_switching_to_a_release_that_is_not_there_is_refused_and_current_stays(web, repo, run):
    first = run()
    with pytest.raises(PublishError, match="版本目录 releases/20261126-235959-abcdef0 不存在"):
        WebRoot(web).switch("20261126-235959-abcdef0")
    assert served(web) == f"releases/{first.release}"


def test_the_log_is_appended_with_a_beijing_timestamp_on_each_entry(web, monkeypatch):
    root = WebRoot(web)
    root.prepare()
    root.log(["第一行", "  第二行"])
    root.log(["再一次"])
    lines = (web / "publish.log").read_text(encoding="utf-8").split("\n")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 第一行", lines[0]) and lines[1] == "  第二行"
    assert lines[2].endswith(" 再一次") and lines[3] == ""
    stamp = dt.datetime.strptime(lines[2][:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=TZ)
    assert abs((dt.datetime.now(TZ) - stamp).total_seconds()) < 60  # Beijing time whatever the server's zone


def test_a_waiting_publish_says_so_once_and_goes_on_when_the_other_ends(web, capsys):
    root = WebRoot(web)
    root.prepare()
    release_after = threading.Event()

    def hold():
        with root.lock():
            release_after.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    threading.Timer(1.2, release_after.set).start()
    with root.lock(wait=10):
        pass
    holder.join()
    assert capsys.readouterr().out == "另一次发布或回滚正在进行，等待它结束……\n"


def test_pruning_keeps_the_newest_and_the_served_one_and_removes_half_made_releases(web):
    root = WebRoot(web)
    root.prepare()
    names = [f"20261126-0{n}0000-abcdef0" for n in range(1, 7)]
    for name in names:
        (web / "releases" / name).mkdir()
        (web / "meta" / f"{name}.json").write_text("{}", encoding="utf-8")
    (web / "releases/.incoming-20261126-090000-abcdef0").mkdir()
    root.switch(names[0])  # an old release is being served (after a rollback)
    assert root.prune(3) == names[1:3]
    assert root.release_ids() == [names[0], *names[3:]]
    assert sorted(p.name for p in (web / "meta").iterdir()) == sorted(f"{n}.json" for n in [names[0], *names[3:]])
    assert not list((web / "releases").glob(".incoming-*"))
    assert root.prune(10) == [] and root.prune(4) == []


@pytest.mark.parametrize(("number", "reason"), [(errno.EACCES, "没有权限"), (errno.EPERM, "没有权限"),
                                                (errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "文件系统只读"),
                                                (errno.ENOENT, "目录不存在")])
def test_system_errors_are_said_in_chinese(number, reason):
    assert release._os_reason(OSError(number, "english")) == reason
    assert release._os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"
    assert release._os_reason(OSError("磁盘出错")) == "磁盘出错"  # no errno, no strerror: the message itself


def test_a_web_root_that_cannot_be_written_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(PublishError) as exc:
        WebRoot(tmp_path / "file/web").prepare()
    assert str(exc.value) == (f"无法写入网站根目录 {tmp_path / 'file/web'}（Not a directory）。请检查目录权限，"
                              "或在 Makefile 的 GOVSITE_WEBROOT 中设置正确的目录")


# ---- the repository ------------------------------------------------------------------------------------------------

def test_the_repository_is_read_through_git(repo, tmp_path):
    assert release.commit_of(repo.path) == repo.git("rev-parse", "--short=10", "HEAD")
    with pytest.raises(PublishError, match=r"不是 git 仓库或还没有提交：只能发布已提交的版本"):
        release.commit_of(tmp_path / "nowhere")
    assert release.uncommitted(repo.path) == []
    (repo.path / "content/新页面.md").write_text("x", encoding="utf-8")
    (repo.path / "content/note.md").write_text("changed", encoding="utf-8")
    (repo.path / "notes.txt").write_text("not part of the site", encoding="utf-8")
    assert sorted(release.uncommitted(repo.path)) == ["content/note.md", "content/新页面.md"]  # as named, not escaped
    repo.git("add", "-A")
    repo.git("commit", "-qm", "both")
    repo.git("mv", "content/新页面.md", "content/改名.md")  # a rename: its old name is not a second change
    assert release.uncommitted(repo.path) == ["content/改名.md"]
    repo.git("commit", "-qm", "renamed")
    old = repo.git("rev-parse", "--short=10", "HEAD")
    new = repo.commit("next")
    assert release.uncommitted(repo.path) == []
    assert release.is_older(repo.path, old, new) and not release.is_older(repo.path, new, old)
    assert not release.is_older(repo.path, new, new) and not release.is_older(repo.path, new, "")


def test_many_uncommitted_files_are_named_five_and_more(repo, run):
    for n in range(7):
        (repo.path / f"content/p{n}.md").write_text("x", encoding="utf-8")
    with pytest.raises(PublishError) as exc:
        run()
    assert str(exc.value) == ("有未提交的修改（content/p0.md、content/p1.md、content/p2.md、content/p3.md、content/p4.md等）。"
                              "只发布已提交的内容：请先提交，或撤销这些修改")
    assert run(force=True).switched  # FORCE=1 publishes them


@pytest.mark.parametrize(("text", "url"), [
    ("site_url: https://www.example.gov.cn/bm/\n", "https://www.example.gov.cn/bm/"),
    ("site_url: http://127.0.0.1:8000\n", "http://127.0.0.1:8000"),
    ("site_url: https://www.example.gov.cn/\nnav: !ENV [X, y]\n", "https://www.example.gov.cn/"),
])
def test_site_url_is_read_past_python_and_env_tags(tmp_path, text, url):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert release.site_url_of(tmp_path) == url


@pytest.mark.parametrize("text", [None, "", "site_name: x\n", "site_url: ftp://example.gov.cn/\n", "site_url: [\n",
                                  "site_url: https:///x/\n"])
def test_a_missing_or_partial_site_url_is_refused(tmp_path, text):
    if text is not None:
        (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(PublishError, match="site_url"):
        release.site_url_of(tmp_path)


# ---- the build ------------------------------------------------------------------------------------------------------

class Recorder:
    def __init__(self, returncode=0, stdout="", stderr=""):
        self.result = subprocess.CompletedProcess([], returncode, stdout, stderr)
        self.calls = []

    def __call__(self, command, cwd, env, capture_output, text):
        assert capture_output is True and text is True  # the output is read as text, never shown raw
        self.calls.append((command, cwd, env))
        return self.result


def test_the_build_is_strict_quiet_for_the_release_never_a_preview_at_the_releases_beijing_minute(tmp_path,
                                                                                                   monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(release.subprocess, "run", recorder)
    for name in ("GOVSITE_NOW", "GOVSITE_TODAY", "NO_MKDOCS_2_WARNING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GOVSITE_PREVIEW", "1")
    utc = dt.datetime(2026, 11, 26, 16, 5, 59, tzinfo=dt.UTC)  # 00:05 on 27 November in Beijing
    release.mkdocs_build(tmp_path, tmp_path / "out", "20261127-000559-abcdef0", utc)
    [(command, cwd, env)] = recorder.calls
    assert command[1:] == ["build", "--strict", "--quiet", "--site-dir", str(tmp_path / "out")]
    beside = Path(sys.executable).with_name("mkdocs")  # the virtualenv's own mkdocs
    assert command[0] == (str(beside) if beside.exists() else "mkdocs") and cwd == tmp_path
    assert env["GOVSITE_NOW"] == "2026-11-27T00:05" and env["GOVSITE_RELEASE"] == "20261127-000559-abcdef0"
    assert "GOVSITE_PREVIEW" not in env and env["NO_MKDOCS_2_WARNING"] == "1" and env["PATH"] == os.environ["PATH"]
    monkeypatch.setenv("GOVSITE_TODAY", "2026-11-20")  # a fixed day is kept too
    release.mkdocs_build(tmp_path, tmp_path / "out", "20261127-000559-abcdef0", utc)
    assert "GOVSITE_NOW" not in recorder.calls[-1][2] and recorder.calls[-1][2]["GOVSITE_TODAY"] == "2026-11-20"
    monkeypatch.delenv("GOVSITE_TODAY")
    monkeypatch.setenv("GOVSITE_NOW", "2026-11-20T08:00")  # and a fixed moment
    release.mkdocs_build(tmp_path, tmp_path / "out", "20261127-000559-abcdef0", utc)
    assert recorder.calls[-1][2]["GOVSITE_NOW"] == "2026-11-20T08:00" and "GOVSITE_TODAY" not in recorder.calls[-1][2]
    # without a mkdocs beside the interpreter, the one on PATH
    monkeypatch.setattr(release.sys, "executable", str(tmp_path / "bin/python"))
    release.mkdocs_build(tmp_path, tmp_path / "out", "20261127-000559-abcdef0", utc)
    assert recorder.calls[-1][0][0] == "mkdocs"


def test_a_content_error_is_passed_on_with_what_became_of_the_site_said_for_the_web_server(tmp_path, monkeypatch):
    output = ("错误 content/notices/a.md:3 标题: 不能为空\n\n"
              "构建已停止：发现 1 个错误（见上方，每行为“文件:行 字段: 问题”）。site/ 未作任何改动。\n")
    monkeypatch.setattr(release.subprocess, "run", Recorder(1, "", output))
    with pytest.raises(PublishError) as exc:
        release.mkdocs_build(tmp_path, tmp_path / "releases/.incoming-x/", "x", dt.datetime.now(TZ))
    assert str(exc.value) == ("构建未通过，详见下面的提示（每行为“文件:行 字段: 问题”）：\n"
                              "错误 content/notices/a.md:3 标题: 不能为空\n"
                              "构建已停止：发现 1 个错误（见上方，每行为“文件:行 字段: 问题”）。")


def test_a_fault_of_the_build_program_is_kept_in_a_file_not_shown(tmp_path, monkeypatch):
    (tmp_path / "web/meta").mkdir(parents=True)
    trace = "Traceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'x'\n"
    monkeypatch.setattr(release.subprocess, "run", Recorder(1, "输出\n", trace))
    with pytest.raises(PublishError) as exc:
        release.mkdocs_build(tmp_path, tmp_path / "web/releases/.incoming-r1", "r1", dt.datetime.now(TZ))
    report = tmp_path / "web/meta/failed-r1.log"
    assert str(exc.value) == f"构建程序出错（不是内容的问题）。详细信息已保存在 {report}，请交给网站维护人员"
    assert report.read_text(encoding="utf-8") == ("输出\n" + trace).strip()


# ---- publish and rollback, the remaining rules ------------------------------------------------------------------

def test_many_broken_links_are_shown_twenty_and_counted(repo, web, run):
    run()
    links = "".join(f'<a href="../gone{n}/">x</a>' for n in range(23))
    repo.site["notices/a/index.html"] = page("公示甲", links)
    repo.commit("broken links")
    with pytest.raises(PublishError) as exc:
        run()
    lines = str(exc.value).split("\n")
    assert lines[0] == "链接检查未通过：23 个链接指向不存在的页面或锚点："
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "  ……另有 3 个" and all(line.startswith("  ") for line in lines[1:])


def test_force_publishes_even_an_unchanged_output(repo, web, run):
    first = run()
    forced = run(force=True)
    assert forced.switched and forced.release != first.release and served(web) == f"releases/{forced.release}"
    facts = json.loads((web / f"meta/{forced.release}.json").read_text(encoding="utf-8"))
    assert facts["previous"] == first.release and facts["published"] == "2026-11-26T09:02:00+08:00"


def test_two_publishes_in_the_same_second_do_not_overwrite_a_release(repo, web):
    moment = dt.datetime(2026, 11, 26, 9, 0, tzinfo=TZ)
    first = release.publish(repo.path, web, build=repo.build, clock=lambda: moment)
    with pytest.raises(PublishError, match=f"版本 {first.release} 已存在（同一秒内重复发布？），请稍后再试"):
        release.publish(repo.path, web, build=repo.build, clock=lambda: moment, force=True)
    assert served(web) == f"releases/{first.release}" and (web / "releases" / first.release).is_dir()


def test_a_failure_after_the_switch_is_reported_and_the_new_release_stays(repo, web, run, monkeypatch):
    run()
    repo.site["index.html"] = page("首页", "新版本")
    repo.commit("new")

    def full(self, keep):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(WebRoot, "prune", full)
    outcome = run()
    assert outcome.switched and served(web) == f"releases/{outcome.release}"
    assert outcome.message.endswith("  注意：新版本已上线，但整理旧版本或写发布记录时出错（磁盘空间不足）")


def test_a_rollback_records_what_it_undid(repo, web, run):
    first = run()
    repo.site["index.html"] = page("首页", "二")
    bad = repo.commit("bad")
    second = run()
    outcome = release.rollback(web)
    assert outcome.switched and outcome.message == f"回滚：线上版本从 {second.release} 切回 {first.release}"
    record = json.loads((web / "meta/rollback.json").read_text(encoding="utf-8"))
    assert (record["from"], record["commit"], record["to"]) == (second.release, bad, first.release)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", record["time"])


def test_a_rollback_to_a_release_without_its_record_is_refused(repo, web, run):
    first = run()
    repo.site["index.html"] = page("首页", "二")
    repo.commit("two")
    second = run()
    (web / f"meta/{first.release}.json").unlink()
    with pytest.raises(PublishError) as exc:
        release.rollback(web)
    assert str(exc.value) == (f"版本 {first.release} 没有发布记录（meta/{first.release}.json），可能不完整，无法回滚到它")
    assert served(web) == f"releases/{second.release}"


# ---- the command line ----------------------------------------------------------------------------------------------

def test_the_command_line_reads_its_options(tmp_path):
    assert release._parse(["--webroot", "/srv/x", "--keep", "7", "--force", "site"]) == {
        "webroot": Path("/srv/x"), "keep": 7, "force": True, "root": Path("site")}
    assert release._parse(["--webroot", "/srv/x"]) == {"webroot": Path("/srv/x"), "keep": 5, "force": False,
                                                       "root": Path.cwd()}
    with pytest.raises(PublishError) as exc:
        release._parse(["--webroot", "/srv/x", "--verbose"])
    assert str(exc.value) == f"不认识的参数“--verbose”\n{release.USAGE}"
    with pytest.raises(PublishError) as exc:
        release._parse(["--keep", "-3", "--webroot", "/srv/x"])
    assert str(exc.value) == "保留版本数应为整数，现为“-3”"
    with pytest.raises(PublishError) as exc:
        release._parse(["--webroot"])
    assert str(exc.value) == f"不认识的参数“--webroot”\n{release.USAGE}" or "没有指定网站根目录" in str(exc.value)


def test_the_command_passes_its_options_on(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(release, "publish", lambda *args: calls.append(args) or release.Outcome(True, "x"))
    assert release.main("publish", ["--webroot", str(tmp_path), "--keep", "3", "--force", str(tmp_path / "site")]) == 0
    assert release.main("publish", ["--webroot", str(tmp_path)]) == 0
    assert calls == [(tmp_path / "site", tmp_path, 3, True), (Path.cwd(), tmp_path, 5, False)]


def test_the_command_prints_the_outcome_and_exits_0(monkeypatch, capsys, tmp_path):
    outcomes = iter([release.Outcome(True, "发布 r2"), release.Outcome(False, "输出与线上版本相同")])
    monkeypatch.setattr(release, "publish", lambda *args: next(outcomes))
    assert release.main("publish", ["--webroot", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "发布 r2\n"
    assert release.main("publish", ["--webroot", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "未切换：输出与线上版本相同\n"


@pytest.mark.parametrize(("command", "fault", "expected"), [
    ("publish", KeyboardInterrupt(), "发布已中断。线上网站未改动。\n"),
    ("rollback", KeyboardInterrupt(), "回滚已中断。线上网站未改动。\n"),
    ("publish", PermissionError(errno.EACCES, "Permission denied", "/srv/govsite/x"),
     "发布失败：/srv/govsite/x 没有权限。线上网站未改动。\n"),
    ("rollback", PublishError("原因"), "回滚失败：原因\n线上网站未改动。\n"),
    ("publish", PermissionError(errno.EACCES, "Permission denied"), "发布失败： 没有权限。线上网站未改动。\n"),
])
def test_every_way_a_command_stops_is_a_chinese_sentence(monkeypatch, capsys, tmp_path, command, fault, expected):
    def stop(*args):
        raise fault

    monkeypatch.setattr(release, command, stop)
    assert release.main(command, ["--webroot", str(tmp_path)]) == 1
    assert capsys.readouterr().err == expected


def test_sigterm_while_the_command_runs_stops_it_like_ctrl_c(monkeypatch, capsys, tmp_path):
    import signal

    def publish(*args):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)
        raise AssertionError("not stopped")

    monkeypatch.setattr(release, "publish", publish)
    assert release.main("publish", ["--webroot", str(tmp_path)]) == 1
    assert capsys.readouterr().err == "发布已中断。线上网站未改动。\n"


# ---- what the records on the server look like, and the rest of the edges ---------------------------------------

def test_the_records_are_readable_sorted_json_in_utf8(repo, web, run):
    """A person on the server reads meta/*.json: Chinese as written, keys in order (diffs between two releases)."""
    outcome = run()
    text = (web / f"meta/{outcome.release}.json").read_text(encoding="utf-8")
    assert "首页" in text and "\\u" not in text
    keys = json.loads(text, object_pairs_hook=lambda pairs: [k for k, _ in pairs])
    assert keys == sorted(keys)


def test_publish_and_rollback_write_their_records_in_utf8_whatever_the_servers_locale(repo, tmp_path):
    """Servers may run with a locale that is not UTF-8 (C without coercion, GBK): every record is written and read
    as UTF-8 by name, and git's output too, so Chinese text neither fails nor changes."""
    script = f"""
import pathlib, sys
sys.path[:0] = [{str(Path(release.__file__).parents[1])!r}, {str(Path(__file__).parent)!r}]
from govsite import release
from test_release import BASE_SITE, Clock, Repo, page
repo = Repo.__new__(Repo)
repo.path, repo.site, repo.builds = pathlib.Path({str(repo.path)!r}), dict(BASE_SITE), 0
clock, web = Clock(), pathlib.Path({str(tmp_path / "web")!r})
if sys.argv[1] == "pending":  # a file an editor named in Chinese is waiting to be committed
    try:
        release.publish(repo.path, web, build=repo.build, clock=clock)
    except release.PublishError as exc:
        assert "content/新页面.md" in str(exc), str(exc)
        print("ok")
    sys.exit()
first = release.publish(repo.path, web, build=repo.build, clock=clock)
repo.site["index.html"] = page("首页", "第二版")
second = release.publish(repo.path, web, build=repo.build, clock=clock, force=True)
assert release.rollback(web).release == first.release
held = release.publish(repo.path, web, build=repo.build, clock=clock)
assert not held.switched and "回滚" in held.message, held.message
(web / "meta" / (first.release + ".json")).rename(web / "meta" / "moved.json")
assert release.WebRoot(web).facts(first.release, {SITE_URL!r})["pages"][""]["title"] == "首页"
print("ok")
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0", PYTHONIOENCODING="utf-8")
    (tmp_path / "publish_in_c_locale.py").write_text(script, encoding="utf-8")  # source files are UTF-8 anywhere
    for step in ("records", "pending"):
        if step == "pending":
            (repo.path / "content/新页面.md").write_text("x", encoding="utf-8")
        result = subprocess.run([sys.executable, str(tmp_path / "publish_in_c_locale.py"), step], capture_output=True,
                                env=env, encoding="utf-8")
        assert result.stdout.strip() == "ok", result.stderr[-2000:]
    log = (tmp_path / "web/publish.log").read_text(encoding="utf-8")
    assert "回滚：线上版本从" in log and "首次发布" in log


def test_a_stray_file_named_like_an_unfinished_release_does_not_stop_pruning(web):
    root = WebRoot(web)
    root.prepare()
    (web / "releases/.incoming-stray").write_text("not a folder", encoding="utf-8")
    assert root.prune(2) == []


def test_a_record_of_rollback_that_cannot_be_read_holds_nothing_back(repo, web, run):
    run()
    (web / "meta/rollback.json").write_text("{broken", encoding="utf-8")
    repo.site["index.html"] = page("首页", "新版本")
    repo.commit("new")
    assert run().switched


def test_the_default_keeps_five_releases(repo, web):
    clock = Clock()
    for n in range(7):
        repo.site["index.html"] = page("首页", f"第{n}版")
        repo.commit(f"v{n}")
        release.publish(repo.path, web, build=repo.build, clock=clock)
    assert len(WebRoot(web).release_ids()) == 5


def test_the_rollback_record_is_dated_in_beijing_time_on_a_utc_server(repo, web, run, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        run()
        repo.site["index.html"] = page("首页", "二")
        repo.commit("two")
        run()
        release.rollback(web)
        recorded = json.loads((web / "meta/rollback.json").read_text(encoding="utf-8"))["time"]
        moment = dt.datetime.strptime(recorded, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
        assert abs((dt.datetime.now(TZ) - moment).total_seconds()) < 120
        first_log_line = (web / "publish.log").read_text(encoding="utf-8").split("\n")[0]
        logged = dt.datetime.strptime(first_log_line[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=TZ)
        assert abs((dt.datetime.now(TZ) - logged).total_seconds()) < 120
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_build_fault_with_no_place_for_its_report_is_still_a_message(tmp_path, monkeypatch):
    trace = "Traceback (most recent call last):\nKeyError: 'x'\n"
    monkeypatch.setattr(release.subprocess, "run", Recorder(1, "", trace))
    with pytest.raises(PublishError, match="构建程序出错（不是内容的问题）"):
        release.mkdocs_build(tmp_path, tmp_path / "nowhere/releases/.incoming-r1", "r1", dt.datetime.now(TZ))


def test_links_are_checked_in_pages_only_and_in_self_closing_tags_too(tmp_path):
    html = page("首页", '<img src="gone.png"/><br/>')
    facts = facts_of(tmp_path, {"index.html": html, "copy.txt": html})
    links = release.parsed_links(facts)
    assert set(links) == {"index.html"}  # a text file with the same bytes is not a page
    assert "gone.png" in links["index.html"][0]
    other = facts_of(tmp_path / "2", {"index.html": html.replace("<img", "<embed")})
    assert other["pages"][""]["article"] != facts["pages"][""]["article"]  # a self-closing tag's name counts


def test_changes_follow_documents_that_left_every_feed_and_compare_only_first_statuses():
    def facts(statuses, documents, url="a/"):
        return {"pages": {url: {"title": "甲", "article": "1", "statuses": statuses, "withdrawn": ""}},
                "feed_items": {}, "catalogue": {}, "documents": documents}

    # a notice that left the feeds when its 公示 ended is still a document whose status changed
    assert release.changes_between(facts(["公示中"], ["a/"]), facts(["公示已结束"], []))["expired"] == [
        {"url": "a/", "title": "甲", "from": "公示中", "to": "公示已结束"}]
    # only the page's own (first) status counts
    assert release.changes_between(facts(["有效", "甲"], ["a/"]), facts(["有效", "乙"], ["a/"]))["expired"] == []
    # a removed page is named with its title
    gone = release.changes_between(facts([], ["a/"]), facts([], [], url="b/"))
    assert gone["pages_removed"] == [{"url": "a/", "title": "甲"}]


def test_records_of_an_older_version_without_urls_or_titles_are_still_logged():
    old = {"pages": {}, "catalogue": {}, "feed_items": {"g": {"title": "旧条目", "feeds": ["all"], "digest": "1"}},
           "documents": []}
    new = {"pages": {}, "catalogue": {}, "feed_items": {}, "documents": []}
    changes = release.changes_between(old, new)
    assert changes["feed_items_removed"] == [{"id": "g", "title": "旧条目", "url": "", "feeds": ["all"]}]
    rows = {"items": [{"id": "p1", "validity": "失效"}]}
    items = {}
    release._catalogue_items(rows, items)
    assert items == {"p1": {"title": "", "validity": "失效", "url": ""}}


def test_the_build_is_given_the_repository_and_the_releases_moment(repo, web, run):
    outcome = run()
    root, moment = repo.built_with
    assert root == repo.path.resolve() and moment == dt.datetime(2026, 11, 26, 9, 1, tzinfo=TZ)
    assert outcome.release.startswith("20261126-090100-")


@pytest.mark.parametrize(("count", "shown"), [(5, "content/p0.md、content/p1.md、content/p2.md、content/p3.md、content/p4.md"),
                                              (6, "content/p0.md、content/p1.md、content/p2.md、content/p3.md、content/p4.md等")])
def test_five_uncommitted_files_are_all_named_and_a_sixth_is_an_and_so_on(repo, run, count, shown):
    for n in range(count):
        (repo.path / f"content/p{n}.md").write_text("x", encoding="utf-8")
    with pytest.raises(PublishError) as exc:
        run()
    assert str(exc.value) == f"有未提交的修改（{shown}）。只发布已提交的内容：请先提交，或撤销这些修改"


def test_exactly_twenty_broken_links_are_all_shown(repo, web, run):
    run()
    repo.site["notices/a/index.html"] = page("公示甲", "".join(f'<a href="../gone{n}/">x</a>' for n in range(20)))
    repo.commit("broken links")
    with pytest.raises(PublishError) as exc:
        run()
    assert "另有" not in str(exc.value) and len(str(exc.value).split("\n")) == 21


def test_a_served_release_whose_record_is_lost_is_compared_from_its_folder(repo, web, run):
    first = run()
    (web / f"meta/{first.release}.json").unlink()
    repo.site["notices/a/index.html"] = page("公示甲", "公示内容有改动", status="公示中")
    repo.commit("edit")
    outcome = run()
    assert outcome.switched and [p["url"] for p in outcome.changes["pages_changed"]] == ["notices/a/"]


def test_a_switch_that_fails_after_the_new_folder_is_in_place_removes_it_again(repo, web, run, monkeypatch):
    first = run()
    repo.site["index.html"] = page("首页", "新版本")
    repo.commit("new")

    def broken_switch(self, release):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(WebRoot, "switch", broken_switch)
    with pytest.raises(OSError):
        run()
    assert served(web) == f"releases/{first.release}"
    assert WebRoot(web).release_ids() == [first.release]
    assert sorted(p.name for p in (web / "meta").iterdir()) == [f"{first.release}.json"]


# ---- more of what a page, a feed and the repository say --------------------------------------------------------

def title_of(tmp_path, html: str) -> str:
    return facts_of(tmp_path, {"index.html": html})["pages"][""]["title"]


def test_a_pages_title_is_its_first_heading_in_words_whatever_links_it_holds_or_follow(tmp_path):
    article = ('<html><head><title>栏目<!-- -->名 - 某局</title></head><body><article>'
               '<h1 id="t">标题<a class="headerlink" href="#t">#</a>（更正）</h1>'
               '<h2 id="s">一、小节<a class="headerlink" href="#s">#</a></h2><p>见<a href="x/">链接</a>后文</p>'
               '<h1>第二个标题</h1></article></body></html>')
    assert title_of(tmp_path / "1", article) == "标题（更正）"
    linked = '<article><h1><a href="x/">链接里的标题</a></h1><p><a href="y/">别处</a>正文</p></article>'
    assert title_of(tmp_path / "2", linked) == "链接里的标题"
    assert title_of(tmp_path / "3", "<title>栏目<!-- -->名</title><p>无标题</p>") == "栏目名"


def test_statuses_are_read_whole_in_nested_articles_and_nested_badges(tmp_path):
    html = ('<article><article><p>内层</p></article>'
            '<span class="gov-status"><span>公示</span><span>中</span></span><p>正文</p></article>')
    assert facts_of(tmp_path, {"index.html": html})["pages"][""]["statuses"] == ["公示中"]


def test_feed_items_are_keyed_by_guid_read_from_every_field_a_reader_shows(tmp_path):
    def rss(items: str) -> str:
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>{SITE_URL}</link>{items}</channel></rss>'

    items = ('<item><title>无链接</title></item>'
             f'<item><title>甲</title><link>{SITE_URL}qa/x/#q1</link><guid>urn:qa:1</guid><pubDate>Mon, 01 Jan 2024 00:00:00 +0800</pubDate></item>'
             f'<item><link>https://www.gov.cn/x/</link></item>')
    facts = facts_of(tmp_path, {"feeds/all.xml": rss(items), "qa/x/index.html": page("问答")}, )
    assert sorted(facts["feed_items"]) == ["https://www.gov.cn/x/", "urn:qa:1"]  # not the channel's own link
    item = facts["feed_items"]["urn:qa:1"]
    assert (item["title"], item["url"]) == ("甲", "qa/x/#q1") and facts["documents"] == ["qa/x/"]
    outside = facts["feed_items"]["https://www.gov.cn/x/"]
    assert (outside["title"], outside["url"]) == ("", "https://www.gov.cn/x/")
    for old, new in (("甲", "乙"), (f"{SITE_URL}qa/x/#q1", f"{SITE_URL}qa/x/#q2"), ("01 Jan", "02 Jan")):
        changed = facts_of(tmp_path / old[:2], {"feeds/all.xml": rss(items.replace(old, new))})
        assert changed["feed_items"]["urn:qa:1"]["digest"] != item["digest"], old
    assert facts["release"] == "20261126-090000-abcdef0"


def test_a_site_address_without_its_last_slash_reads_the_same(tmp_path):
    files = {"feeds/all.xml": feed(("notices/a/", "甲", "")), "notices/a/index.html": page("甲")}
    folder = tmp_path / "r"
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    facts = release.release_facts(folder, "r", SITE_URL.rstrip("/"))
    assert facts["feed_items"][f"{SITE_URL}notices/a/"]["url"] == "notices/a/" and facts["documents"] == ["notices/a/"]


def test_a_rename_does_not_hide_the_changes_listed_after_it(repo):
    (repo.path / "content/a.md").write_text("甲" * 50, encoding="utf-8")
    (repo.path / "content/z.md").write_text("乙", encoding="utf-8")
    repo.git("add", "-A")
    repo.git("commit", "-qm", "two pages")
    repo.git("mv", "content/a.md", "content/b.md")
    (repo.path / "content/z.md").write_text("乙改", encoding="utf-8")
    assert release.uncommitted(repo.path) == ["content/b.md", "content/z.md"]


def test_without_git_the_publish_says_what_is_missing(monkeypatch, tmp_path):
    def no_git(*args, **kwargs):
        raise FileNotFoundError("git")

    monkeypatch.setattr(release.subprocess, "run", no_git)
    with pytest.raises(PublishError) as exc:
        release.commit_of(tmp_path)
    assert str(exc.value) == "找不到 git 命令：发布版本以提交号命名，需要安装 git"


def _styled(repo, css: str) -> str:
    """The site now styled by `css`: its bundle under a name holding the content's hash, as the real build names
    it (govsite/assets.py), and the home page linking it. Returns the bundle's path."""
    import hashlib

    name = f"assets/site.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"
    for old in [k for k in repo.site if k.startswith("assets/site.")]:
        del repo.site[old]
    repo.site[name] = css
    repo.site["assets/javascripts/bundle.0123abcd.min.js"] = "/* the theme's script: the same in every release */"
    repo.site["assets/gov.css"] = css  # not hashed: never kept
    repo.site["index.html"] = page("首页", f'<link rel="stylesheet" href="{name}"><a href="notices/a/">公示</a>')
    return name


def test_hashed_assets_of_every_kept_release_stay_after_publish_rollback_and_pruning(repo, web, run):
    """A page fetched just before a switch asks for its own release's stylesheet: assets-kept/ holds the hashed
    assets of every release kept (nginx serves them when `current` lacks one), never those of a pruned release."""
    names = []
    for n in range(4):
        names.append(_styled(repo, f"body {{ color: #{n}{n}{n}; }}"))
        repo.commit(f"style {n}")
        assert run(keep=3).switched
    kept = web / release.KEPT_ASSETS
    found = sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*") if p.is_file())
    assert found == sorted(names[1:] + ["assets/javascripts/bundle.0123abcd.min.js"])  # release 1 was pruned
    assert (kept / names[3]).read_text(encoding="utf-8") == "body { color: #333; }"
    assert not (kept / "assets/gov.css").exists()
    release.rollback(web)
    assert served(web).endswith(sorted(p.name for p in (web / "releases").iterdir())[-2])
    assert (kept / names[3]).is_file() and (kept / names[2]).is_file()  # the newer release's, after the rollback
    # the same file as the release's own (a hard link on one file system: no copy of the content)
    newest = web / "releases" / sorted(p.name for p in (web / "releases").iterdir())[-1]
    assert os.path.samefile(kept / names[3], newest / names[3])
