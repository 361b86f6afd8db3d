"""A crawler over a built site: every internal link, anchor and attachment must resolve.

Checks <a href>, <link href>, <script src>, <img src> and <source src> in every HTML page; links in
feeds (RSS <link>/<guid isPermaLink>, Atom <link href>) and URLs in JSON files. Absolute URLs on the
site's own host count as internal. A fragment must name an element id (or <a name>) in the target page.
"""
from __future__ import annotations

import html.parser
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(html.parser.HTMLParser):
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


@dataclass
class LinkReport:
    checked: int = 0
    pages: int = 0
    broken: list[str] = field(default_factory=list)


class SiteLinks:
    def __init__(self, site: Path, site_url: str):
        self.site = site
        split = urlsplit(site_url)
        self.host = split.netloc
        self.base_path = split.path if split.path.endswith("/") else split.path + "/"
        self._ids: dict[Path, set[str]] = {}

    def _parse(self, path: Path) -> _Collector:
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8"))
        return collector

    def ids_of(self, path: Path) -> set[str]:
        if path not in self._ids:
            self._ids[path] = self._parse(path).ids if path.suffix == ".html" else set()
        return self._ids[path]

    def resolve(self, link: str, page_url_path: str) -> tuple[Path | None, str] | None:
        """(file, fragment) for an internal link; None for links that leave the site."""
        split = urlsplit(link)
        if split.scheme in ("mailto", "tel", "data", "javascript"):
            return None
        if split.scheme in ("http", "https") or link.startswith("//"):
            if split.netloc != self.host:
                return None
            path = split.path
            if not path.startswith(self.base_path):
                return (None, "")
            path = "/" + path[len(self.base_path):]
        elif not split.path:
            path = page_url_path
        elif split.path.startswith("/"):
            path = split.path
        else:
            directory = page_url_path if page_url_path.endswith("/") else posixpath.dirname(page_url_path) + "/"
            path = posixpath.normpath(directory + split.path) + ("/" if split.path.endswith("/") else "")
        path = unquote(path)
        target = self.site / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            target = target / "index.html"
        return target, unquote(split.fragment)

    def check(self, link: str, page_url_path: str, where: str, report: LinkReport) -> None:
        resolved = self.resolve(link, page_url_path)
        if resolved is None:
            return
        report.checked += 1
        target, fragment = resolved
        if target is None or not target.is_file():
            report.broken.append(f"{where}: {link} → 文件不存在")
            return
        if fragment and target.suffix == ".html" and fragment not in self.ids_of(target):
            report.broken.append(f"{where}: {link} → 页面中没有锚点 #{fragment}")


def check_site(site: Path, site_url: str) -> LinkReport:
    links = SiteLinks(site, site_url)
    report = LinkReport()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        url_path = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        if path.suffix == ".html":
            if rel == "404.html":
                continue  # served at any depth; its links are absolute to the site root by design
            report.pages += 1
            collector = links._parse(path)
            links._ids[path] = collector.ids
            for link in collector.links:
                links.check(link, url_path, rel, report)
        elif path.suffix in (".xml", ".atom") and rel != "sitemap.xml":
            root = ET.parse(path).getroot()
            for element in root.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                if tag == "link" and element.get("href"):
                    links.check(element.get("href"), url_path, rel, report)
                elif tag == "link" and element.text:
                    links.check(element.text.strip(), url_path, rel, report)
                elif tag == "guid" and element.get("isPermaLink", "true") == "true" and element.text:
                    links.check(element.text.strip(), url_path, rel, report)
        elif path.suffix == ".json":
            def walk(value):
                if isinstance(value, dict):
                    for v in value.values():
                        walk(v)
                elif isinstance(value, list):
                    for v in value:
                        walk(v)
                elif isinstance(value, str) and re.match(r"^https?://", value):
                    links.check(value, url_path, rel, report)
            walk(json.loads(path.read_text(encoding="utf-8")))
    return report
