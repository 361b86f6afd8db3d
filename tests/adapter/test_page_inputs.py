"""make serve: the digest of a page's inputs (events._page_inputs, which PageSkipper.inputs_of calls before MkDocs
reads a page) is the last save's only while every part of them is. An engine page handed over as the very object
of the last save, or an editor's page whose text and HTML are the very str of then, is told without a repr or a
hash again: what else the page shows (its 网页元数据, its sitemap date, its title) must still be compared, or a
page would stay unread with its old meta."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs_adapter import events

from govsite.model import EditorPage, GeneratedPage


class Metadata:
    """The adapter's PageMetadata as _page_inputs reads it: tags(url) and lastmod."""

    def __init__(self, tags=(("SiteName", "某局"),), lastmod=None):
        self.site_tags, self.lastmod = tags, dict(lastmod or {})

    def tags(self, url, noindex=False):
        return self.site_tags


@pytest.fixture
def state(monkeypatch, tmp_path):
    site = SimpleNamespace(editor_pages={}, texts={}, derived=lambda label, value, make: make(value))
    site.text_read = lambda path: site.texts.get(str(path))
    monkeypatch.setattr(events, "_state", {"site": site, "pagemeta": Metadata(), "pages": {}, "editor_pages": {},
                                           "content_dir": tmp_path, "docs_are_content": True, "renderer": None})
    monkeypatch.setattr(events, "_inputs_kept", {})
    return events._state


def file_of(tmp_path, src_uri, url):
    return SimpleNamespace(src_uri=src_uri, url=url, abs_dest_path=str(tmp_path / "site" / url / "index.html"))


def test_an_engine_page_handed_over_is_told_again_when_what_else_it_shows_changed(state, tmp_path):
    file = file_of(tmp_path, "xxgk/zcwj/a/index.md", "xxgk/zcwj/a/")
    page = GeneratedPage(src_uri=file.src_uri, title="某文件", html="<p>正文</p>", meta={"description": "概述"})
    state["pages"][file.src_uri] = page
    first = events._page_inputs(file)
    assert events._page_inputs(file) == first  # the very page, nothing else changed
    # the same page object, but its 网页元数据 or its sitemap date changed (another document's keywords, a change)
    state["pagemeta"] = Metadata(tags=(("SiteName", "某区局"),))
    retagged = events._page_inputs(file)
    assert retagged != first
    state["pagemeta"] = Metadata(tags=(("SiteName", "某区局"),), lastmod={file.url: "2026-11-20"})
    redated = events._page_inputs(file)
    assert redated not in (first, retagged)
    # an equal page made anew is told the same; one with another title or meta is not
    state["pages"][file.src_uri] = GeneratedPage(src_uri=file.src_uri, title="某文件", html="<p>正文</p>",
                                                 meta={"description": "概述"})
    assert events._page_inputs(file) == redated
    state["pages"][file.src_uri] = GeneratedPage(src_uri=file.src_uri, title="某文件（修订）", html="<p>正文</p>",
                                                 meta={"description": "概述"})
    assert events._page_inputs(file) != redated


def test_an_editors_page_of_the_same_text_and_html_is_told_again_when_its_title_or_tags_changed(state, tmp_path,
                                                                                               monkeypatch):
    file = file_of(tmp_path, "notices/2026/a.md", "notices/2026/a/")
    text = "---\n标题: 某公告\n---\n正文\n"
    state["site"].texts[str(tmp_path / file.src_uri)] = text
    state["site"].editor_pages[file.src_uri] = EditorPage(src_uri=file.src_uri, file="content/" + file.src_uri,
                                                          meta={"标题": "某公告"}, body="正文\n", body_line=4)
    made = ("<p>正文</p>", [])  # the engine's HTML and toc, handed over as the very objects while unchanged
    title = ["某公告"]
    monkeypatch.setattr(events.engine, "editor_page_html", lambda site, document, renderer: made)
    monkeypatch.setattr(events.engine, "editor_page_title", lambda site, document: title[0])
    first = events._page_inputs(file)
    assert events._page_inputs(file) == first
    title[0] = "某公告（示例）"  # the Document's title, shown in the window title and search (not in the HTML)
    retitled = events._page_inputs(file)
    assert retitled != first
    state["pagemeta"] = Metadata(tags=(("SiteName", "某区局"),))
    assert events._page_inputs(file) not in (first, retitled)
    # another text of the same HTML (front matter MkDocs reads) is told again
    told = events._page_inputs(file)
    state["site"].texts[str(tmp_path / file.src_uri)] = text.replace("标题: 某公告", "标题: 某公告\n描述: 新")
    assert events._page_inputs(file) != told
