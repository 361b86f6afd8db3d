"""A crawler over a built site: every internal link, anchor and attachment must resolve.

Checks <a href>, <link href>, <script src>, <img src> and <source src> in every HTML page (the 404 page too);
links in feeds (RSS <link>/<guid isPermaLink>, Atom <link href>) and in the HTML of their entries (what a
feed reader shows); URLs in JSON files. Absolute URLs on the site's own host count as internal, and so do paths
from the host's root: both must lie under the site's own path (a site published as a column of a portal at
/bm/tyjrswj/ must not link to /laws/). A fragment must name an element id (or <a name>) in the target page.

`make publish` runs it on every release before switching to it (govsite/release.py); the tests run it on builds.
"""
from __future__ import annotations

import html
import html.parser
import json
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Elements of a feed whose text is HTML shown by feed readers (RSS 2.0, content:encoded, Atom type="html").
_FEED_HTML = {"description", "encoded", "content", "summary"}


class Collector(html.parser.HTMLParser):
    LINKS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs and attrs["id"]:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        attr = self.LINKS.get(tag)
        if attr and attrs.get(attr):
            rel = attrs.get("rel") or ""
            if tag == "link" and ("preconnect" in rel or "dns-prefetch" in rel):
                return
            self.links.append(attrs[attr])


def html_links(text: str) -> Collector:
    collector = Collector()
    collector.feed(text)
    collector.close()
    return collector


# The same as Collector, by regular expressions over the markup the build writes (a page every few
# milliseconds instead of every few tens): start tags with their attributes, comments and raw text skipped.
_SKIPPED = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"""([^\s>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def fast_links(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(links, ids) of one HTML page, as Collector finds them (tests compare the two on the built site)."""
    links: list[str] = []
    ids: set[str] = set()

    def scripts(match: re.Match) -> str:  # a script's start tag stays (its src), its text does not
        return match.group(0)[: match.group(0).find(">") + 1] if match.group(1) else " "

    for tag in _START_TAG.finditer(_SKIPPED.sub(scripts, text)):
        name = tag.group(1).lower()
        attrs = {}
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            key = attribute.group(1).lower()
            if key not in attrs:
                value = attribute.group(2) if attribute.group(2) is not None else (
                    attribute.group(3) if attribute.group(3) is not None else attribute.group(4) or "")
                attrs[key] = html.unescape(value)
        if attrs.get("id"):
            ids.add(attrs["id"])
        if name == "a" and attrs.get("name"):
            ids.add(attrs["name"])
        attr = Collector.LINKS.get(name)
        if attr and attrs.get(attr):
            rel = attrs.get("rel") or ""
            if name == "link" and ("preconnect" in rel or "dns-prefetch" in rel):
                continue
            links.append(attrs[attr])
    return tuple(links), frozenset(ids)


@dataclass
class LinkReport:
    checked: int = 0
    pages: int = 0
    # (file, link, reason) of each broken link, for messages that name the source
    found: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def broken(self) -> list[str]:
        """Each broken link as one line, `file: link → reason` (make publish's message)."""
        return [f"{where}: {link} → {problem}" for where, link, problem in self.found]


class SiteLinks:
    def __init__(self, site: Path, site_url: str, parsed: dict | None = None):
        self.site = site
        self._parsed = parsed or {}  # path relative to the site -> (links, ids) of pages already read
        split = urlsplit(site_url)
        self.host = split.netloc
        self.base_path = split.path if split.path.endswith("/") else split.path + "/"
        self._ids: dict[Path, set[str]] = {}
        self._verdicts: dict[tuple[str, str], str | None] = {}
        self._exists: dict[Path, bool] = {}
        self._climbs: dict[str, int] = {}  # link -> how many folders its path climbs (-1: not plain relative)
        self._joins: dict[tuple[str, str], tuple[str, str]] = {}  # (link, folders it keeps) -> _joined()
        # place -> output files (relative to the site) whose presence or ids its verdict read (LinkState)
        self._read: dict[tuple[str, str], tuple[str, ...]] = {}
        self.places: set | None = None  # while not None, every place judged is added (LinkState)
        self.judged: list | None = None  # while not None, every place judged anew is added (LinkState)

    def _parse(self, path: Path) -> Collector:
        return html_links(path.read_text(encoding="utf-8"))

    def ids_of(self, path: Path) -> set[str]:
        if path not in self._ids:
            if path.suffix != ".html":
                self._ids[path] = set()
            else:
                known = self._parsed.get(path.relative_to(self.site).as_posix())
                self._ids[path] = known[1] if known is not None else self._parse(path).ids
        return self._ids[path]

    def resolve(self, link: str, page_url_path: str) -> tuple[Path | None, str] | None:
        """(file, fragment) for an internal link, file None when a path without a host points outside the
        site's path; None for links that leave the site, full addresses elsewhere on its host included."""
        split = urlsplit(link)
        if split.scheme in ("mailto", "tel", "data", "javascript"):
            return None
        if split.scheme in ("http", "https") or link.startswith("//"):
            if split.netloc != self.host:
                return None
            path = split.path or "/"
            if not (path + "/").startswith(self.base_path):
                # A full address elsewhere on the same host: as a column of the district portal, another part
                # of the portal (its 互动交流 system), linked on purpose. Only a path without a host can escape
                # the column by mistake.
                return None
        elif not split.path:
            path = self.base_path.rstrip("/") + page_url_path
        elif split.path.startswith("/"):
            path = split.path
        else:
            directory = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path) + "/"
            path = posixpath.normpath(directory + split.path) + ("/" if split.path.endswith("/") else "")
            path = self.base_path.rstrip("/") + path
        if not (path + "/").startswith(self.base_path):
            return (None, "")
        path = unquote("/" + path[len(self.base_path):])
        target = self.site / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            target = target / "index.html"
        return target, unquote(split.fragment)

    def check_page(self, page_links, page_url_path: str, where: str, report: LinkReport) -> None:
        """check() for every link of one page. Speed: a page's links are mostly its navigation's, the same on
        every page at its depth: where a relative link leads depends only on the folders of the page's address
        that its leading ".." segments do not climb out of, so it is joined once per link and such folders."""
        directory = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path) + "/"
        folders = directory.strip("/").split("/") if directory.strip("/") else []
        prefixes = ["/".join(folders[:n]) for n in range(len(folders) + 1)]
        climbs, joins = self._climbs, self._joins
        for link in page_links:
            climb = climbs.get(link)
            if climb is None:
                climb = climbs[link] = _climb(link)
            if climb < 0:  # not a plain relative link: resolved in full
                key = _joined(link, page_url_path)
            else:
                place = (link, prefixes[max(0, len(folders) - climb)])
                key = joins.get(place)
                if key is None:
                    key = joins[place] = _joined(link, page_url_path)
            self._judge(key, link, page_url_path, where, report)

    def check(self, link: str, page_url_path: str, where: str, report: LinkReport) -> None:
        # Every page links to the same few hundred places (navigation, assets), written relative to the page:
        # a relative link is joined to the page's folder here and judged once per place it reaches.
        self._judge(_joined(link, page_url_path), link, page_url_path, where, report)

    def _judge(self, key, link: str, page_url_path: str, where: str, report: LinkReport) -> None:
        """The verdict on the place `key` a link reaches (judged once per place), counted into `report`."""
        problem = self._verdicts.get(key, "?")
        if problem == "?":
            problem = self._verdicts[key] = self._verdict(link, page_url_path, key)
            if self.judged is not None:
                self.judged.append(key)
        if self.places is not None:
            self.places.add(key)
        if problem is None:
            return
        report.checked += 1
        if problem:
            report.found.append((where, link, problem))

    def _verdict(self, link: str, page_url_path: str, key=None) -> str | None:
        """None for a link leaving the site, "" for a good one, else what is wrong."""
        resolved = self.resolve(link, page_url_path)
        if resolved is None:
            return None
        target, fragment = resolved
        if target is None:
            return f"不在本站路径 {self.base_path} 下"
        if key is not None:  # what the verdict read: the file (its presence and ids) and, for a folder, the folder
            name = target.relative_to(self.site).as_posix()
            self._read[key] = (name, name[: -len("/index.html")]) if name.endswith("/index.html") else (name,)
        exists = self._exists.get(target)
        if exists is None:
            exists = self._exists[target] = target.is_file()
        if not exists:
            return "文件不存在"
        if fragment and target.suffix == ".html" and fragment not in self.ids_of(target):
            return f"页面中没有锚点 #{fragment}"
        return ""


def _joined(link: str, page_url_path: str) -> tuple[str, str]:
    """A key for where `link` leads from `page_url_path`: the joined path and fragment for a plain relative link,
    else the link and the page (resolved in full by SiteLinks.resolve)."""
    if not link or link[0] in "#/?" or ":" in link.split("/", 1)[0] or "\\" in link or "%" in link:
        return link, page_url_path
    path, _, fragment = link.partition("#")
    if "?" in path:
        return link, page_url_path
    directory = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path) + "/"
    joined = posixpath.normpath(directory + path) + ("/" if path.endswith("/") else "")
    return joined.replace("//", "/") + "#" + fragment, ""


def _climb(link: str) -> int:
    """How many folders up the path of a plain relative link leads once normalised ("../../x/../y" climbs 2), or
    -1 for a link _joined() does not join itself."""
    if not link or link[0] in "#/?" or ":" in link.split("/", 1)[0] or "\\" in link or "%" in link:
        return -1
    path = link.partition("#")[0]
    if "?" in path:
        return -1
    climb = 0
    for segment in posixpath.normpath(path).split("/"):
        if segment != "..":
            break
        climb += 1
    return climb


# A string that is an address and nothing else: a text that begins with one (a search record's text, a part of it
# cut after a space) is text, not a link.
_JSON_URL = re.compile(rb'"(https?://[^"\s]*)"(?![ \t\r\n]*:)')


def _json_urls(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _json_urls(v)
    elif isinstance(value, list):
        for v in value:
            yield from _json_urls(v)
    elif isinstance(value, str) and re.match(r"^https?://\S*$", value):
        yield value


def _check_feed(links: SiteLinks, path: Path, url_path: str, rel: str, report: LinkReport) -> None:
    root = ET.parse(path).getroot()
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "link" and element.get("href"):
            links.check(element.get("href"), url_path, rel, report)
        elif tag == "link" and element.text:
            links.check(element.text.strip(), url_path, rel, report)
        elif tag == "guid" and element.get("isPermaLink", "true") == "true" and element.text:
            links.check(element.text.strip(), url_path, rel, report)
        elif tag in _FEED_HTML and element.text and element.get("type", "html") != "text":
            for link in fast_links(element.text)[0]:  # readers resolve them against the feed's URL
                links.check(link, url_path, rel, report)


class LinkState:
    """`make serve`: what the link check of the last save found, file by file, so a save checks again only the
    files that changed and those whose links reach a file that changed (appeared, went, or has other bytes: its
    ids may differ). A file's verdicts are a function of its own bytes and of the files its links reach (their
    presence and ids), so the same digests give the same findings as checking everything again. Who reads what is
    kept both ways (the files a file's verdicts read, the files that read a file), so a save costs what it changed,
    not a pass over every file."""

    def __init__(self):
        self.site_url = ""
        self.digests: dict[str, str] = {}  # file -> digest in the last check
        # file -> (its digest, links checked, findings, files its verdicts read)
        self.results: dict[str, tuple[str, int, tuple, frozenset]] = {}
        self.readers: dict[str, set[str]] = {}  # file -> the files whose verdicts read it
        self.checked = 0  # links checked and pages, over every result
        self.pages = 0
        self.reused = 0  # files whose findings were taken over in the last check
        # the verdict on every place a link reached, and the files each verdict read (SiteLinks._verdicts and
        # _read): kept while none of those files changed, so a file checked again (api/catalogue.json, whose
        # 10,000 addresses change rarely) judges only the places it reaches that changed
        self.verdicts: dict = {}
        self.reads: dict = {}
        self.by_read: dict[str, set] = {}  # file -> places whose verdicts read it

    def changed(self, digests: dict[str, str], site_url: str) -> set[str] | None:
        """Files whose digest differs from the last check's (new and removed ones included); None: all."""
        if site_url != self.site_url or not self.digests:
            return None
        mine = self.digests
        return {name for name in digests.keys() | mine.keys() if digests.get(name) != mine.get(name)}

    def reached(self, changed: set[str], digests: dict[str, str]) -> set[str]:
        """`changed` with the folders of the files that appeared or went: a link to "a/b" reaches a/b/index.html
        only while a/b is a folder."""
        reached = set(changed)
        for name in changed:
            if (name in digests) != (name in self.digests):
                while "/" in name:
                    name = name.rsplit("/", 1)[0]
                    reached.add(name)
        return reached

    def drop(self, name: str) -> None:
        """Forget the result of file `name` (checked again, or gone)."""
        known = self.results.pop(name, None)
        if known is None:
            return
        self.checked -= known[1]
        self.pages -= name.endswith(".html")
        for read in known[3]:
            readers = self.readers.get(read)
            if readers is not None:
                readers.discard(name)
                if not readers:
                    del self.readers[read]

    def keep(self, name: str, result: tuple) -> None:
        self.drop(name)
        self.results[name] = result
        self.checked += result[1]
        self.pages += name.endswith(".html")
        for read in result[3]:
            self.readers.setdefault(read, set()).add(name)

    def report(self) -> LinkReport:
        report = LinkReport(checked=self.checked, pages=self.pages)
        for name in sorted((n for n, r in self.results.items() if r[2]), key=lambda n: n.split("/")):
            report.found += self.results[name][2]
        return report


def check_site(site: Path, site_url: str, parsed: dict[str, tuple[list[str], set[str]]] | None = None,
               digests: dict[str, str] | None = None, state: LinkState | None = None) -> LinkReport:
    """Every link of the built `site`. `parsed`: the links and ids of HTML files already read, by path relative
    to the site (make publish reads each page once for its own facts and for this check). `digests` (every
    file's, by path relative to the site) with `state` (make serve): a file is checked again only when it or a
    file its links reach changed since the check `state` remembers."""
    parsed = parsed or {}
    links = SiteLinks(site, site_url, parsed)
    if state is None or digests is None:
        report = LinkReport()
        for rel in _names(site):
            _check_file(links, site, site / rel, rel, parsed, report)
        return report
    changed = state.changed(digests, site_url)
    if changed is None:  # the first check (or another address): every file
        state.__init__()
        todo = sorted(digests, key=lambda name: name.split("/"))
    else:
        reached = state.reached(changed, digests)
        for name in reached:  # verdicts that read a changed file are judged again
            for key in state.by_read.pop(name, ()):
                state.verdicts.pop(key, None)
                state.reads.pop(key, None)
        todo = {name for name in changed if name in digests}
        for name in reached:
            todo.update(state.readers.get(name, ()))
        for name in changed:
            if name not in digests:
                state.drop(name)
        todo = sorted((name for name in todo if name in digests), key=lambda name: name.split("/"))
    links._verdicts, links._read = state.verdicts, state.reads
    judged = links.judged = []
    for rel in todo:
        report = LinkReport()
        links.places = set()
        _check_file(links, site, site / rel, rel, parsed, report)
        read = frozenset(name for place in links.places for name in links._read.get(place, ()))
        state.keep(rel, (digests[rel], report.checked, tuple(report.found), read))
    links.places = links.judged = None
    for key in judged:  # the places judged in this check, by the files their verdicts read
        for name in state.reads.get(key, ()):
            state.by_read.setdefault(name, set()).add(key)
    state.reused = len(state.results) - len(todo)
    state.site_url = site_url
    if changed is None:
        state.digests = dict(digests)
    else:
        for name in changed:
            if name in digests:
                state.digests[name] = digests[name]
            else:
                state.digests.pop(name, None)
    return state.report()


def _check_file(links: SiteLinks, site: Path, path: Path, rel: str, parsed: dict, report: LinkReport) -> None:
    url_path = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    if path.suffix == ".html":
        report.pages += 1
        if rel in parsed:
            page_links = parsed[rel][0]
        else:
            collector = links._parse(path)
            links._ids[path], page_links = collector.ids, collector.links
        # 404.html is served at any depth: MkDocs makes its links absolute paths, which this checks.
        links.check_page(page_links, url_path, rel, report)
    elif path.suffix in (".xml", ".atom") and rel != "sitemap.xml":
        _check_feed(links, path, url_path, rel, report)
    elif path.suffix == ".json":
        data = path.read_bytes()
        if b"http" in data or b"\\u" in data:  # else no string in it can be an address (_json_urls)
            # Without a backslash every quote delimits a string and a string is its bytes: the addresses are the
            # strings that begin with one and are not keys (a key is followed by a colon), in order, read by one
            # expression instead of a walk of every value (api/catalogue.json holds some 300,000), and without
            # parsing the file (12 MB at 10,000 documents; the output guard has read it as JSON already).
            urls = ([m.decode("utf-8") for m in _JSON_URL.findall(data)] if b"\\" not in data
                    else _json_urls(json.loads(data.decode("utf-8"))))
            for url in urls:
                links.check(url, url_path, rel, report)


def _names(site: Path) -> list[str]:
    """Every file under `site` by its path relative to it, in the order of sorted(site.rglob("*")) (a Path for
    each of tens of thousands of files costs more, under make serve, than checking the few that changed)."""
    found = []
    for root, _dirs, names in os.walk(site):
        folder = os.path.relpath(root, site).replace(os.sep, "/")
        prefix = "" if folder == "." else folder + "/"
        found += [prefix + name for name in names]
    return sorted(found, key=lambda name: name.split("/"))  # as Paths sort: by their parts
