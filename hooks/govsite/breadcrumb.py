"""当前位置 (breadcrumb): the pages above a page, found from its address.

A page at a/b/c/ sits under the pages at a/ and a/b/ when they exist (a/b/ may be a plain folder, such as the
year of a notice, and is then skipped). Every generated page and editor's page is known by its address and
title before MkDocs renders any of them, so pages outside the nav (a law, a notice, a filtered catalogue page)
get their trail like the ones in it.
"""
from __future__ import annotations

from dataclasses import dataclass

HOME = "首页"


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str  # site-relative directory URL ("" for the home page)


class Trails:
    def __init__(self, titles: dict[str, str], documents: frozenset[str] = frozenset()):
        self.titles = titles  # site-relative directory URL -> page title
        self.documents = documents  # URLs of the catalogue's documents (their page header owns their layout)

    def above(self, url: str) -> list[Crumb]:
        """The pages above `url`, home page first; empty for the home page itself."""
        url = url.strip("/")
        if not url or url == "index.html":
            return []
        crumbs = [Crumb(HOME, "")]
        parts = url.split("/")
        for depth in range(1, len(parts)):
            prefix = "/".join(parts[:depth]) + "/"
            title = self.titles.get(prefix)
            if title:
                crumbs.append(Crumb(title, prefix))
        return crumbs

    def is_document(self, url: str) -> bool:
        return url.strip("/") + "/" in self.documents


def trails(site, pages) -> Trails:
    """Every generated page (GeneratedPage) and editor's page by its address; the catalogue's documents."""
    from .build import editor_page_title
    from .model import page_url

    titles = {page_url(p.src_uri): p.title for p in pages}
    titles.update({page_url(d.src_uri): editor_page_title(site, d) for d in site.editor_pages.values()})
    catalogue = site.models.get("catalogue")
    documents = frozenset(i.url.strip("/") + "/" for i in catalogue.items) if catalogue else frozenset()
    return Trails({url: title for url, title in titles.items() if url}, documents)
