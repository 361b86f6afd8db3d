"""网站地图: every column of the site on one page, as government sites must offer (besides sitemap.xml).

Made from the nav in mkdocs.yml (its sections and pages, in order) and from the content types' pages: under each
page of the nav, the pages one level below it by address (the laws under 法律法规, the categories under
公示公告 …). A column with more than MAX_CHILDREN such pages shows its count and links to its list instead.
This type comes last, so every other type's pages are made (Renderer.made) and every editor's page is known.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ...model import ContentType, Site, page_url

URL = "wzdt/"
MAX_CHILDREN = 12


@dataclass
class Entry:
    title: str
    url: str | None  # None for a nav section without a page of its own
    children: list[Entry] = field(default_factory=list)
    more: int = 0  # pages below it not listed (too many): shown as a count


class _NavLoader(yaml.SafeLoader):
    """mkdocs.yml holds Python tags for Markdown extensions; the nav needs none of them."""


_NavLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict:
    """mkdocs.yml as plain data ({} when there is none, e.g. a test of a few types)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_NavLoader) or {}


def read_nav(root: Path) -> list:
    return read_config(root).get("nav") or []


def _entries(items: list, titles: dict[str, str]) -> list[Entry]:
    out: list[Entry] = []
    for item in items:
        if isinstance(item, str):  # a section's index page, or a page titled by itself
            out.append(Entry(titles.get(page_url(item), item), page_url(item)))
            continue
        for title, value in item.items():
            if isinstance(value, str):
                out.append(Entry(title, page_url(value)))
            else:
                children = _entries(value, titles)
                # navigation.indexes: a section whose first item is its index page is that page
                if children and isinstance(value[0], str) and value[0].endswith("index.md"):
                    index = children.pop(0)
                    out.append(Entry(title, index.url, children))
                else:
                    out.append(Entry(title, None, children))
    return out


def _below(url: str, titles: dict[str, str], listed: set[str], by_parent: dict[str, list[str]] | None = None
           ) -> list[Entry]:
    """Pages exactly one level below `url` by address, in address order; pages of a list (…/page/2/) left out.
    `by_parent` (_by_parent(titles)) finds them for an address ending in "/" without testing every page."""
    if by_parent is not None and url.endswith("/"):
        candidates = by_parent.get(url, ())
    else:
        depth = url.count("/") + 1
        candidates = [u for u in titles if u.startswith(url) and u.count("/") == depth]
    found = [Entry(titles[u], u) for u in candidates if u not in listed and not u.endswith("/page/")]
    return sorted(found, key=lambda e: e.url)


def _by_parent(titles: dict[str, str]) -> dict[str, list[str]]:
    """The pages by the address one level up: for an address ending in "/", the pages that start with it and have
    one "/" more are those whose text up to their last "/" but one is that address. One pass over the pages
    instead of one per column of the nav (thirty columns over 12,000 pages at 10,000 documents)."""
    found: dict[str, list[str]] = {}
    for u in titles:
        last = u.rfind("/")
        if last > 0:
            before = u.rfind("/", 0, last)
            if before >= 0:
                found.setdefault(u[:before + 1], []).append(u)
    return found


def build(nav: list, titles: dict[str, str]) -> list[Entry]:
    entries = _entries(nav, titles)
    listed = {e.url for e in _walk(entries) if e.url is not None}
    by_parent = _by_parent(titles)

    def grow(entry: Entry) -> None:
        for child in entry.children:
            grow(child)
        if entry.url:  # the home page ("") has everything below it: its columns are the nav itself
            extra = _below(entry.url, titles, listed, by_parent)
            if len(extra) > MAX_CHILDREN:
                entry.more = len(extra)
            else:
                entry.children.extend(extra)
                listed.update(e.url for e in extra)

    for entry in entries:
        grow(entry)
    return entries


def _walk(entries: list[Entry]):
    for entry in entries:
        yield entry
        yield from _walk(entry.children)


class Sitemap(ContentType):
    name = "sitemap"
    label = "网站地图"
    order = 2000  # last: lists the pages every other type made

    def pages(self, site: Site, renderer):
        from ...build import editor_page_title

        titles = {page_url(src): title for src, title in renderer.made.items()}
        titles.update({page_url(d.src_uri): editor_page_title(site, d) for d in site.editor_pages.values()})
        entries = build(read_nav(site.root), titles)
        yield renderer.page(URL + "index.md", "网站地图", "sitemap/index.html",
                            meta={"description": "本站全部栏目一览", "hide": ["navigation", "toc"], "search": {"list": True}},
                            entries=entries)


CONTENT_TYPE = Sitemap()
