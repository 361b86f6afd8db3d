"""`make publish` and `make rollback`: put a build on the web server atomically, and go back when needed.

The web root (GOVSITE_WEBROOT in the Makefile, the one place it is set) holds:

    current -> releases/<id>   what nginx serves (deploy/nginx.conf); replaced by renaming a new link over it
    releases/<id>/             one folder per release, <id> = Beijing time and commit: 20261202-150000-a3409a0c1e
    meta/<id>.json             each release's facts: commit, time, a digest per file, pages, feed items, statuses
    meta/rollback.json         the last rollback: its commit is not published again until a new commit arrives
    assets-kept/assets/…       the content-hashed assets of every kept release (nginx falls back to them)
    publish.log                every publish (what was added, changed, withdrawn, expired), no-switch run, rollback
    .publish.lock              one publish or rollback at a time (the hourly timer, CI and a person may overlap)

A publish builds into releases/.incoming-<id> (never served: nginx accepts only release names), checks every link,
compares the output with the release being served, and only then renames the folder into place and switches
`current`. Any failure before the switch removes what it made: `current` stays where it was. Every message is
Chinese; no traceback reaches the person or the timer's log. docs/publishing.md explains the design.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .dates import TZ
from .guard import links as linkcheck
from .mode import RELEASE_ID

SITE_PARTS = ("mkdocs.yml", "content", "data", "hooks", "overrides")  # what a build reads from the repository
# The status badges of documents that dates change (公示中 → 公示已结束, a law's 时效性, a policy's 有效性); the first
# one inside a document page's <article> is its own.
STATUS_CLASSES = ("gov-status", "law-status", "xxgk-validity")
WITHDRAWN_ATTR = "data-govsite-withdrawn"  # on the page a withdrawn document leaves at its URL, with the date
LOCK_WAIT_SECONDS = 900  # a publish takes well under a minute; a stuck one is reported, not waited for forever
SHOWN_BROKEN_LINKS = 20
# Assets whose names carry a hash of their content (Material's bundle and stylesheets, the site's CSS bundle): the
# pattern deploy/nginx.conf and deploy/nginx-column.conf look up in assets-kept/ when `current` lacks the file.
HASHED_ASSET = re.compile(r"^assets/(?:.+/)?[^/]+\.[0-9a-f]{8}\.min\.(?:css|js)$")
KEPT_ASSETS = "assets-kept"


class PublishError(Exception):
    """A reason not to switch, in Chinese, for the person or the timer's log."""


@dataclass
class Outcome:
    switched: bool
    message: str
    release: str = ""
    changes: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- facts of a release

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _PageFacts(linkcheck.Collector):
    """A page's title, its <article> as text and tags (status badges left out), its statuses, withdrawal date;
    and, read in the same pass, its links and ids for the link check."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.h1 = ""
        self.statuses: list[str] = []
        self.withdrawn = ""
        self._article = hashlib.sha256()
        self._articles = 0  # open <article> elements
        self._in = ""  # "title" or "h1" while their text is read
        self._h1_seen = False
        self._status_tag = ""  # the badge being read, and how deep its own tag nests
        self._status_nesting = 0
        self._status_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attrs = dict(attrs)
        if tag == "title":
            self._in = "title"
        if tag == "article":
            self._articles += 1
        if not self._articles:
            return
        if self._status_tag:  # a badge's inner markup belongs to the badge
            self._status_nesting += tag == self._status_tag
            return
        if self._in == "h1" and tag == "a" and "headerlink" in (attrs.get("class") or ""):
            self._in = "h1-anchor"  # the heading's "#" permalink is not part of its title
        if WITHDRAWN_ATTR in attrs and not self.withdrawn:
            self.withdrawn = attrs[WITHDRAWN_ATTR] or "是"
        if tag == "h1" and not self._h1_seen:
            self._in, self._h1_seen = "h1", True
        if tag not in _VOID and any(c in STATUS_CLASSES for c in (attrs.get("class") or "").split()):
            self._status_tag, self._status_nesting, self._status_text = tag, 1, []
            return
        self._article.update(f"<{tag} {sorted(attrs.items())}>".encode())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)  # <br/>: nothing nests inside, no end tag follows

    def handle_endtag(self, tag):
        if tag in ("title", "h1") and self._in == tag:
            self._in = ""
        elif tag == "a" and self._in == "h1-anchor":
            self._in = "h1"
        if not self._articles:
            return
        if self._status_tag:
            if tag == self._status_tag:
                self._status_nesting -= 1
                if not self._status_nesting:
                    self.statuses.append(" ".join("".join(self._status_text).split()))
                    self._status_tag = ""
            return
        if tag == "article":
            self._articles -= 1
        self._article.update(f"</{tag}>".encode())

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        if not self._articles:
            return
        if self._status_tag:
            self._status_text.append(data)
            return
        if self._in == "h1":
            self.h1 += data
        self._article.update(data.encode())

    def facts(self) -> dict:
        title = " ".join((self.h1 or self.title).split())
        return {"title": title, "article": self._article.hexdigest()[:16], "statuses": self.statuses,
                "withdrawn": self.withdrawn}


def _page_url(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _feed_items(path: Path, items: dict) -> None:
    """RSS items by guid: title, link, a digest of what a reader shows, and the feeds holding the item."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return
    for item in root.iter("item"):
        guid = (item.findtext("guid") or item.findtext("link") or "").strip()
        if not guid:
            continue
        shown = [item.findtext(name) or "" for name in ("title", "link", "description", "pubDate")]
        shown += [child.text or "" for child in item if child.tag.endswith("}encoded")]
        entry = items.setdefault(guid, {"title": (item.findtext("title") or "").strip(),
                                        "link": (item.findtext("link") or "").strip(),
                                        "digest": hashlib.sha256("\0".join(shown).encode()).hexdigest()[:16],
                                        "feeds": []})
        entry["feeds"].append(path.stem)


def _catalogue_items(data, items: dict) -> None:
    """Catalogue JSON (api/catalogue.json): each item's 有效性, which dates change (失效 on its day)."""
    rows = data.get("items") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        return
    for row in rows:
        if isinstance(row, dict) and "id" in row and "validity" in row:
            items[str(row["id"])] = {"title": str(row.get("title", "")), "validity": row["validity"],
                                     "url": str(row.get("url", ""))}


def release_facts(folder: Path, release: str, site_url: str, previous: dict | None = None) -> dict:
    """What the publish log and the no-change test need to know of a built release. Every file's digest is taken
    with the release's own name replaced (pages carry it for their search files), so two releases with the same
    content have the same digest. `documents`: the pages that feeds and the catalogue link to (not lists).
    `parsed`: each page's facts, links and ids by digest; a page unchanged since `previous` is not read again."""
    name = release.encode()
    known = (previous or {}).get("parsed", {})
    files: dict[str, str] = {}
    parsed: dict[str, dict] = {}
    pages: dict[str, dict] = {}
    feed_items: dict[str, dict] = {}
    catalogue: dict[str, dict] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        files[rel] = digest = hashlib.sha256(data.replace(name, b"\0release\0") if name else data).hexdigest()[:20]
        if path.suffix == ".html":
            if digest not in parsed:
                parsed[digest] = known.get(digest) or _parse_page(data)
            pages[_page_url(rel)] = parsed[digest]["page"]
        elif path.suffix == ".xml" and rel.startswith("feeds/"):
            _feed_items(path, feed_items)
        elif path.suffix == ".json" and not rel.startswith("searchindex/"):
            with contextlib.suppress(ValueError):
                _catalogue_items(json.loads(data), catalogue)
    digest = hashlib.sha256("".join(f"{k}\0{v}\n" for k, v in files.items()).encode()).hexdigest()
    base = site_url if site_url.endswith("/") else site_url + "/"
    for item in feed_items.values():  # the page it leads to, as the log names pages
        item["url"] = item["link"][len(base):] if item["link"].startswith(base) else item["link"]
    links = [i["link"] for i in feed_items.values()] + [i["url"] for i in catalogue.values()]
    documents = sorted({link[len(base):].split("#")[0] for link in links if link.startswith(base)} & set(pages))
    return {"release": release, "digest": digest, "files": files, "pages": pages, "feed_items": feed_items,
            "catalogue": catalogue, "documents": documents, "parsed": parsed}


def _parse_page(data: bytes) -> dict:
    parser = _PageFacts()
    parser.feed(data.decode("utf-8", "replace"))
    parser.close()
    return {"page": parser.facts(), "links": parser.links, "ids": sorted(parser.ids)}


def parsed_links(facts: dict) -> dict[str, tuple[list[str], set[str]]]:
    """The links and ids of every page of a release, for linkcheck.check_site, from release_facts."""
    parsed = facts["parsed"]
    return {rel: (parsed[d]["links"], set(parsed[d]["ids"])) for rel, d in facts["files"].items() if d in parsed
            and rel.endswith(".html")}


def changes_between(old: dict | None, new: dict) -> dict:
    """Pages and feed items added, changed, removed, withdrawn, and statuses changed by date, old → new."""
    old = old or {"pages": {}, "feed_items": {}, "catalogue": {}}
    before, after = old["pages"], new["pages"]
    withdrawn = sorted(u for u, p in after.items() if p["withdrawn"] and not before.get(u, {}).get("withdrawn"))
    documents = set(new["documents"]) | set(old.get("documents", ()))
    expired = []
    for url in sorted(set(before) & set(after)):
        was, now = before[url]["statuses"], after[url]["statuses"]
        if url in documents and url not in withdrawn and was[:1] != now[:1] and was and now:
            expired.append({"url": url, "title": after[url]["title"], "from": was[0], "to": now[0]})
    for key in sorted(set(old["catalogue"]) & set(new["catalogue"])):
        was, now = old["catalogue"][key]["validity"], new["catalogue"][key]["validity"]
        if was != now:
            expired.append({"catalogue": key, "title": new["catalogue"][key]["title"], "from": was, "to": now})
    return {
        "pages_added": [{"url": u, "title": after[u]["title"]} for u in sorted(set(after) - set(before))
                        if u not in withdrawn],
        "pages_changed": [{"url": u, "title": after[u]["title"]} for u in sorted(set(before) & set(after))
                          if before[u]["article"] != after[u]["article"] and u not in withdrawn],
        "pages_removed": [{"url": u, "title": before[u]["title"]} for u in sorted(set(before) - set(after))],
        "pages_withdrawn": [{"url": u, "title": after[u]["title"], "date": after[u]["withdrawn"]} for u in withdrawn],
        "expired": expired,
        "feed_items_added": _items(new, set(new["feed_items"]) - set(old["feed_items"])),
        "feed_items_changed": _items(new, {g for g in set(new["feed_items"]) & set(old["feed_items"])
                                           if new["feed_items"][g]["digest"] != old["feed_items"][g]["digest"]}),
        "feed_items_removed": _items(old, set(old["feed_items"]) - set(new["feed_items"])),
    }


def _items(facts: dict, guids: set) -> list[dict]:
    items = facts["feed_items"]
    return [{"id": g, "title": items[g]["title"], "url": items[g].get("url", ""), "feeds": sorted(items[g]["feeds"])}
            for g in sorted(guids)]


LOG_SECTIONS = (
    ("pages_added", "新增页面"), ("pages_changed", "修改页面"), ("pages_withdrawn", "撤回页面"),
    ("pages_removed", "删除页面"), ("expired", "到期或状态变化"),
    ("feed_items_added", "新增订阅条目"), ("feed_items_changed", "修改订阅条目"), ("feed_items_removed", "移除订阅条目"),
)


def describe_changes(changes: dict, first: bool = False) -> list[str]:
    """The publish log's lines for `changes`; for a first release only the counts of what it holds."""
    if first:
        return [f"  首次发布：{len(changes['pages_added'])} 个页面，{len(changes['feed_items_added'])} 个订阅条目"]
    lines = []
    for key, label in LOG_SECTIONS:
        rows = changes.get(key, [])
        lines.append(f"  {label}：{len(rows)}")
        for row in rows:
            if key == "expired":
                where = row.get("url") or f"目录 {row['catalogue']}"
                lines.append(f"    {where}  {row['title']}：{row['from'] or '无'} → {row['to'] or '无'}")
            elif key == "pages_withdrawn":
                lines.append(f"    {row['url'] or '/'}  {row['title']}（撤回日期 {row['date']}）")
            elif key.startswith("feed_items"):
                feeds = "、".join(row["feeds"][:3]) + (f" 等 {len(row['feeds'])} 个订阅源" if len(row["feeds"]) > 3 else "")
                lines.append(f"    {row['url'] or '/'}  {row['title']}（{feeds}）")
            else:
                lines.append(f"    {row['url'] or '/'}  {row['title']}")
    return lines


# ------------------------------------------------------------------------------------------------ the web root

class WebRoot:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.releases = self.path / "releases"
        self.meta = self.path / "meta"
        self.current_link = self.path / "current"
        self.log_file = self.path / "publish.log"

    def prepare(self) -> None:
        try:
            for folder in (self.path, self.releases, self.meta):
                folder.mkdir(parents=True, exist_ok=True)
            probe = self.path / f".write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise PublishError(f"无法写入网站根目录 {self.path}（{_os_reason(exc)}）。请检查目录权限，"
                               f"或在 Makefile 的 GOVSITE_WEBROOT 中设置正确的目录") from None

    def current(self) -> str | None:
        if not self.current_link.is_symlink():
            if self.current_link.exists():
                raise PublishError(f"{self.current_link} 不是符号链接，无法原子切换。请把其中的网站移到别处后删除它，"
                                   "再重新发布")
            return None
        target = os.readlink(self.current_link)
        return Path(target).name

    def release_ids(self) -> list[str]:
        if not self.releases.is_dir():
            return []
        return sorted(p.name for p in self.releases.iterdir() if RELEASE_ID.fullmatch(p.name) and p.is_dir())

    def facts(self, release: str, site_url: str) -> dict | None:
        """A release's recorded facts; worked out again from its folder if the record is missing or unreadable."""
        path = self.meta / f"{release}.json"
        with contextlib.suppress(OSError, ValueError):
            return json.loads(path.read_text(encoding="utf-8"))
        folder = self.releases / release
        if not folder.is_dir():
            return None
        facts = release_facts(folder, release, site_url)
        facts.update(commit=release.rsplit("-", 1)[-1], published="")
        return facts

    def write_json(self, path: Path, data: dict) -> None:
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)

    def switch(self, release: str) -> None:
        """`current` -> releases/<release>, atomically: a new link is made beside it and renamed over it, so every
        request sees either the old release or the new one, never a missing link."""
        if not (self.releases / release).is_dir():
            raise PublishError(f"版本目录 releases/{release} 不存在")
        temporary = self.path / f".current-{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.symlink(f"releases/{release}", temporary)
        try:
            os.replace(temporary, self.current_link)
        except OSError:
            temporary.unlink()
            raise
        _fsync_dir(self.path)

    def log(self, lines: list[str]) -> None:
        stamp = dt.datetime.now(TZ).strftime("%Y-%m-%d %H:%M:%S")
        text = f"{stamp} {lines[0]}\n" + "".join(line + "\n" for line in lines[1:])
        with open(self.log_file, "a", encoding="utf-8") as log:
            log.write(text)
            log.flush()
            os.fsync(log.fileno())

    @contextlib.contextmanager
    def lock(self, wait: float | None = None):
        wait = LOCK_WAIT_SECONDS if wait is None else wait
        handle = open(self.path / ".publish.lock", "a+")  # held for the block
        try:
            deadline = time.monotonic() + wait
            told = False
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise PublishError(f"另一次发布或回滚已进行超过 {int(wait)} 秒仍未结束，本次未执行。"
                                           "请查看 publish.log 和正在运行的发布任务") from None
                    if not told:
                        print("另一次发布或回滚正在进行，等待它结束……", flush=True)
                        told = True
                    time.sleep(0.5)
            yield
        finally:
            handle.close()

    def remove_release(self, release: str) -> None:
        shutil.rmtree(self.releases / release, ignore_errors=True)
        for record in (self.meta / f"{release}.json", inspection_report(self.path, release)):
            with contextlib.suppress(FileNotFoundError):
                record.unlink()

    def keep_hashed_assets(self) -> None:
        """assets-kept/ holds the hashed assets of every release in releases/ (hard links, else copies), and no
        others: a page fetched just before a switch, publish or rollback, asks for the stylesheet and script of
        its own release, which nginx then finds here (deploy/nginx.conf) for as long as that release is kept.
        A name holds a hash of its content, so an existing file is never rewritten; new ones appear whole
        (written beside, then renamed)."""
        kept = self.path / KEPT_ASSETS
        wanted: dict[str, Path] = {}
        for release in self.release_ids():
            folder = self.releases / release
            for path in sorted((folder / "assets").rglob("*")) if (folder / "assets").is_dir() else ():
                rel = path.relative_to(folder).as_posix()
                if HASHED_ASSET.match(rel) and path.is_file() and not path.is_symlink():
                    wanted.setdefault(rel, path)
        for rel, source in wanted.items():
            target = kept / rel
            if target.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}")
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            try:
                os.link(source, temporary)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(source, temporary)
            os.replace(temporary, target)
        for path in sorted(kept.rglob("*"), reverse=True) if kept.is_dir() else ():
            if path.is_file() and path.relative_to(kept).as_posix() not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    def prune(self, keep: int) -> list[str]:
        """Keep the newest `keep` releases and the one being served; remove the rest and their records."""
        current = self.current()
        ids = self.release_ids()
        removed = [r for r in ids[:-keep] if r != current] if keep < len(ids) else []
        for release in removed:
            self.remove_release(release)
        for stale in self.releases.glob(".incoming-*"):  # left by a publish that was killed
            shutil.rmtree(stale, ignore_errors=True)
        return removed


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _os_reason(exc: OSError) -> str:
    reasons = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOSPC: "磁盘空间不足",
               errno.EROFS: "文件系统只读", errno.ENOENT: "目录不存在"}
    return reasons.get(exc.errno, exc.strerror or str(exc))


# ---------------------------------------------------------------------------------------------- the repository

def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        # UTF-8 by name: file names are UTF-8 whatever the locale the timer or CI runs under (C, GBK)
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, encoding="utf-8", errors="replace",
                              timeout=60)
    except FileNotFoundError:
        raise PublishError("找不到 git 命令：发布版本以提交号命名，需要安装 git") from None


def commit_of(root: Path) -> str:
    result = _git(root, "rev-parse", "--short=10", "HEAD")
    if result.returncode != 0:
        raise PublishError(f"{root} 不是 git 仓库或还没有提交：只能发布已提交的版本")
    return result.stdout.strip()


def uncommitted(root: Path) -> list[str]:
    """Changed files of the site, as editors named them: -z, because git otherwise quotes a Chinese file name as
    octal escapes ("content/\\346\\226\\260.md")."""
    entries = _git(root, "status", "--porcelain", "-z", "--", *SITE_PARTS).stdout.split("\0")
    names, renamed_from = [], False
    for entry in entries:
        if renamed_from:  # a rename or copy is followed by the path it came from
            renamed_from = False
            continue
        if entry:
            names.append(entry[3:])
            renamed_from = entry[0] in "RC"
    return names


def is_older(root: Path, commit: str, than: str) -> bool:
    """True when `commit` is an ancestor of `than` (and not the same): the checkout is behind what is served."""
    if not than or commit == than:
        return False
    return _git(root, "merge-base", "--is-ancestor", commit, than).returncode == 0


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its Python and !ENV tags read as nothing: only plain settings such as site_url are needed."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_of(root: Path) -> str:
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        raise PublishError("无法读取 mkdocs.yml 中的 site_url") from None
    url = (config or {}).get("site_url") or ""
    if not re.match(r"^https?://[^/]+/", url if url.endswith("/") else url + "/"):
        raise PublishError("mkdocs.yml 的 site_url 应为网站的完整地址，例如 https://www.example.gov.cn/bm/tyjrswj/")
    return url


# ------------------------------------------------------------------------------------------------------ build

def mkdocs_build(root: Path, out: Path, release: str, moment: dt.datetime) -> None:
    """`mkdocs build --strict` of the repository into `out`, for release `release` (never a preview)."""
    env = {k: v for k, v in os.environ.items() if k != "GOVSITE_PREVIEW"}
    env.update(GOVSITE_RELEASE=release, NO_MKDOCS_2_WARNING="1",
               GOVSITE_INSPECTION_REPORT=str(inspection_report(out.parent.parent, release)))
    if "GOVSITE_NOW" not in env and "GOVSITE_TODAY" not in env:
        # The build's moment is the release's, to the minute, even at midnight: a document scheduled for 09:00
        # (govsite/lifecycle.py) is in the first release from 09:00 on, and not in one at 08:10.
        env["GOVSITE_NOW"] = moment.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs if mkdocs.exists() else "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(out)]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode == 0:
        return
    output = (result.stdout + result.stderr).strip()
    if "Traceback (most recent call last)" in output:  # a fault of the program, not of the content
        report = out.parent.parent / "meta" / f"failed-{release}.log"
        with contextlib.suppress(OSError):
            report.write_text(output, encoding="utf-8")
        raise PublishError(f"构建程序出错（不是内容的问题）。详细信息已保存在 {report}，请交给网站维护人员")
    # The build's own last line says what became of site/; here it is the served release that stays.
    shown = "\n".join(re.sub(r"^(构建已停止：.*?）。).*", r"\1", line) for line in output.splitlines() if line.strip())
    raise PublishError(f"构建未通过，详见下面的提示（每行为“文件:行 字段: 问题”）：\n{shown}")


def inspection_report(webroot: Path, release: str) -> Path:
    """Where the build of `release` leaves the inspection's findings for the publish log (the adapter writes it):
    beside the releases' records, never inside a served folder."""
    return Path(webroot) / "meta" / f".inspection-{release}.txt"


def _inspection_lines(web: WebRoot, release: str) -> list[str]:
    path = inspection_report(web.path, release)
    try:
        found = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError:
        return []  # a build that writes no report (tests' stand-in builds)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
    return [f"  网站巡检：{len(found)} 项提示" if found else "  网站巡检：全部通过",
            *(f"    {line}" for line in found)]


# ---------------------------------------------------------------------------------------------------- publish

def publish(root: Path, webroot: Path, keep: int = 5, force: bool = False, build=mkdocs_build,
            clock=lambda: dt.datetime.now(TZ)) -> Outcome:
    """Build, check and switch to a new release; or say why not and leave `current` as it was (PublishError)."""
    if keep < 2:
        raise PublishError("至少要保留 2 个版本（GOVSITE_KEEP ≥ 2），否则无法回滚")
    root = Path(root).resolve()
    site_url = site_url_of(root)
    web = WebRoot(webroot)
    web.prepare()
    with web.lock():
        commit = commit_of(root)
        pending = uncommitted(root)
        if pending and not force:
            shown = "、".join(pending[:5]) + ("等" if len(pending) > 5 else "")
            raise PublishError(f"有未提交的修改（{shown}）。只发布已提交的内容：请先提交，或撤销这些修改")
        current = web.current()
        before = web.facts(current, site_url) if current else None
        held = "" if force else _held_back(root, web, commit, before)
        if held:
            web.log([f"未切换：{held}"])
            return Outcome(False, held, current or "")
        now = clock()
        release = f"{now:%Y%m%d-%H%M%S}-{commit}"
        if (web.releases / release).exists():
            raise PublishError(f"版本 {release} 已存在（同一秒内重复发布？），请稍后再试")
        incoming = web.releases / f".incoming-{release}"
        switched = False
        try:
            build(root, incoming, release, now)
            facts = release_facts(incoming, release, site_url, previous=before)
            report = linkcheck.check_site(incoming, site_url, parsed_links(facts))
            if report.broken:
                shown = "\n".join(f"  {line}" for line in report.broken[:SHOWN_BROKEN_LINKS])
                if len(report.broken) > SHOWN_BROKEN_LINKS:
                    shown += f"\n  ……另有 {len(report.broken) - SHOWN_BROKEN_LINKS} 个"
                raise PublishError(f"链接检查未通过：{len(report.broken)} 个链接指向不存在的页面或锚点：\n{shown}")
            if before and facts["digest"] == before["digest"] and not force:
                message = f"输出与线上版本 {current} 完全相同（提交 {commit}）"
                web.log([f"未切换：{message}"])
                return Outcome(False, message, current or "")
            changes = changes_between(before, facts)
            facts.update(commit=commit, published=now.isoformat(timespec="seconds"), previous=current or "",
                         changes=changes)
            os.rename(incoming, web.releases / release)
            web.write_json(web.meta / f"{release}.json", facts)
            with contextlib.suppress(OSError):  # done again below, where a failure is reported
                web.keep_hashed_assets()
            web.switch(release)
            switched = True
        finally:
            shutil.rmtree(incoming, ignore_errors=True)
            if not switched:
                web.remove_release(release)
        # Switched: from here on a failure is only reported; the new release is served either way.
        lines = [f"发布 {release}（提交 {commit}；上一版本 {current or '无'}）",
                 *describe_changes(changes, first=before is None), *_inspection_lines(web, release)]
        try:
            with contextlib.suppress(FileNotFoundError):
                (web.meta / "rollback.json").unlink()  # a new release replaces what was rolled back
            removed = web.prune(keep)
            if removed:
                lines.append(f"  删除旧版本：{'、'.join(removed)}")
            web.keep_hashed_assets()  # the removed releases' assets go; those of the releases kept stay
            web.log(lines)
        except OSError as exc:
            lines.append(f"  注意：新版本已上线，但整理旧版本或写发布记录时出错（{_os_reason(exc)}）")
        return Outcome(True, "\n".join(lines), release, changes)


def _held_back(root: Path, web: WebRoot, commit: str, served: dict | None) -> str:
    """Why this commit must not replace what is served, or "": it was rolled back, or it is older."""
    with contextlib.suppress(OSError, ValueError):
        rollback = json.loads((web.meta / "rollback.json").read_text(encoding="utf-8"))
        if rollback.get("commit") == commit:
            return (f"提交 {commit} 的发布已于 {rollback.get('time', '')} 回滚；在有新的提交之前不再发布它"
                    "（确需发布请用 make publish FORCE=1）")
    served_commit = (served or {}).get("commit", "")
    if is_older(root, commit, served_commit):
        return f"本地提交 {commit} 比线上版本的提交 {served_commit} 旧，未发布（请先更新代码：git pull）"
    return ""


def rollback(webroot: Path) -> Outcome:
    web = WebRoot(webroot)
    if not web.path.is_dir():
        raise PublishError(f"网站根目录 {web.path} 不存在：还没有发布过，无法回滚")
    web.prepare()
    with web.lock():
        current = web.current()
        if current is None:
            raise PublishError("还没有发布过（没有 current 链接），无法回滚")
        earlier = [r for r in web.release_ids() if r < current]
        if not earlier:
            raise PublishError(f"没有比当前版本 {current} 更早的版本可以回滚")
        target = earlier[-1]
        if not (web.meta / f"{target}.json").is_file():
            raise PublishError(f"版本 {target} 没有发布记录（meta/{target}.json），可能不完整，无法回滚到它")
        web.switch(target)
        with contextlib.suppress(OSError):  # already there since the releases' own publishes; a repair at most
            web.keep_hashed_assets()
        # The timer must not publish the rolled-back commit again an hour later (publish: _held_back).
        web.write_json(web.meta / "rollback.json", {"from": current, "commit": current.rsplit("-", 1)[-1],
                                                    "to": target,
                                                    "time": dt.datetime.now(TZ).strftime("%Y-%m-%d %H:%M")})
        message = f"回滚：线上版本从 {current} 切回 {target}"
        web.log([message])
        return Outcome(True, message, target)


# ------------------------------------------------------------------------------------------------ command line

USAGE = ("用法：python -m govsite publish --webroot 目录 [--keep 保留版本数] [--force] [网站目录]\n"
         "      python -m govsite rollback --webroot 目录")


def _parse(argv: list[str]) -> dict:
    options = {"webroot": None, "keep": 5, "force": False, "root": Path.cwd()}
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("--webroot", "--keep") and args:
            value = args.pop(0)
            if arg == "--keep":
                if not value.isdigit():
                    raise PublishError(f"保留版本数应为整数，现为“{value}”")
                options["keep"] = int(value)
            else:
                options["webroot"] = Path(value)
        elif arg == "--force":
            options["force"] = True
        elif not arg.startswith("-"):
            options["root"] = Path(arg)
        else:
            raise PublishError(f"不认识的参数“{arg}”\n{USAGE}")
    if not options["webroot"]:
        raise PublishError(f"没有指定网站根目录（--webroot）\n{USAGE}")
    return options


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # systemd or CI stopping the job: clean up like Ctrl+C


def main(command: str, argv: list[str]) -> int:
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        return _main(command, argv)
    finally:  # a caller in the same process (a test) keeps its own way of being stopped, and so do its children
        signal.signal(signal.SIGTERM, previous)


def _main(command: str, argv: list[str]) -> int:
    name = "发布" if command == "publish" else "回滚"
    try:
        options = _parse(argv)
        if command == "publish":
            outcome = publish(options["root"], options["webroot"], options["keep"], options["force"])
        else:
            outcome = rollback(options["webroot"])
    except PublishError as exc:
        print(f"{name}失败：{exc}\n线上网站未改动。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{name}已中断。线上网站未改动。", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{name}失败：{getattr(exc, 'filename', '') or ''} {_os_reason(exc)}。线上网站未改动。", file=sys.stderr)
        return 1
    except Exception as exc:  # a fault of the program: a message, never a traceback
        print(f"{name}失败：程序内部错误（{type(exc).__name__}: {exc}）。线上网站未改动，请联系网站维护人员。",
              file=sys.stderr)
        return 1
    print(outcome.message if outcome.switched else f"未切换：{outcome.message}")
    return 0
