"""make publish / make rollback (govsite/release.py) without MkDocs: a stand-in build writes small sites.

The real build, the Makefile targets and nginx are tested in tests/integration/test_publish_site.py and
tests/browser/test_publish_nginx.py; here every rule of the web root is tried quickly, failures included.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import threading
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
        (path / "mkdocs.yml").write_text(f"site_url: {SITE_URL}\nslug: !!python/name:builtins.str\n", encoding="utf-8")
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
    assert not second.switched and served(web) == f"releases/{first.release}"
    assert "输出与线上版本" in second.message
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
    with pytest.raises(PublishError, match="至少要保留 2 个版本"):
        run(keep=1)


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
    assert not held.switched and f"提交 {bad_commit} 的发布已于" in held.message
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
    with pytest.raises(PublishError, match="不是符号链接，无法原子切换"):
        run()


@pytest.mark.parametrize("command, args, expected", [
    ("publish", [], "没有指定网站根目录（--webroot）"),
    ("publish", ["--webroot", "/dev/null/web"], "无法写入网站根目录 /dev/null/web"),
    ("publish", ["--webroot", "WEB", "--keep", "x"], "保留版本数应为整数"),
    ("rollback", ["--webroot", "WEB"], "还没有发布过（没有 current 链接），无法回滚"),
    ("rollback", ["--webroot", "/nonexistent/web"], "网站根目录 /nonexistent/web 不存在"),
])
def test_command_line_errors_are_chinese_sentences_with_exit_code_1(command, args, expected, tmp_path, capsys):
    (tmp_path / "web").mkdir()
    args = [str(tmp_path / "web") if a == "WEB" else a for a in args]
    assert release.main(command, args) == 1
    err = capsys.readouterr().err
    assert expected in err and "线上网站未改动" in err and "Traceback" not in err


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
