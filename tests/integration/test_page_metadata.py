"""网页元数据 of 政府网站发展指引 (国办发〔2017〕47号) in the real build, page by page, as an inspector's tool reads
them: site level on every page (the 404 page too), column level on every column of the nav, article level on every
document's page of every content type — each value checked against the data it must come from."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from govsite.build import load_site
from govsite.dates import TZ
from govsite.document import all_documents
from govsite.pagemeta import COLUMN_TYPES
from govsite.types.sitemap import read_nav
from sitekit import REPO

SITE_URL = "https://tyjrswj.example.gov.cn/"
SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description", "Url")
PUBDATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")  # YYYY-MM-DD HH:MM


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, str]] = []
        self.h1 = ""
        self._h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name", "")[:1].isupper():
            self.tags.append((attrs["name"], attrs.get("content", "")))
        if tag == "h1" and not self.h1:
            self._h1 = True

    def handle_endtag(self, tag):
        if tag == "h1":
            self._h1 = False

    def handle_data(self, data):
        if self._h1:
            self.h1 += data


def meta(path: Path) -> dict[str, str]:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    names = [n for n, _v in parser.tags]
    assert len(names) == len(set(names)), (path, names)  # each once
    return dict(parser.tags)


@pytest.fixture(scope="module")
def settings():
    return yaml.safe_load((REPO / "data/site.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents():
    """Each document page's document: the newest where several share a page (a law's text and its repeal)."""
    site = load_site(REPO, SITE_URL)
    pages = {}
    for doc in all_documents(site):  # newest first
        if "#" not in doc.url:
            pages.setdefault(doc.url, doc)
    return list(pages.values())


def test_site_metadata_and_logo_text_on_every_page(built_site, settings):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 150
    for path in pages:
        logo = re.search(r'class="md-header__button md-logo"[^>]*>\s*<img src="[^"]*" alt="([^"]*)"',
                         path.read_text(encoding="utf-8"))
        assert logo and logo.group(1) == settings["网站名称"], path  # the logo says the site's name, not "logo"
        found = meta(path)
        assert found.get("SiteName") == settings["网站名称"], path
        assert found.get("SiteDomain") == "tyjrswj.example.gov.cn", path
        assert found.get("SiteIDCode") == settings["网站标识码"], path


def _nav_pages(items, section=None):
    """(title, page URL) of mkdocs.yml's nav, read here by hand: a section's index page takes its title."""
    for item in items:
        if isinstance(item, str):
            yield section, item
            continue
        for title, value in item.items():
            if isinstance(value, str):
                yield title, value
            else:
                yield from _nav_pages(value, title)


def test_column_metadata_on_every_column_page(built_site):
    columns = [(title, src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/")
               for title, src in _nav_pages(read_nav(REPO))]
    assert len(columns) > 25
    for title, url in columns:
        found = meta(built_site / url / "index.html")
        assert found.get("ColumnName") == title, url
        assert found.get("ColumnType") == COLUMN_TYPES[url], url
        assert found.get("ColumnDescription"), url
        assert found.get("ColumnKeywords", "").split(",")[0] == title, url
        assert "ArticleTitle" not in found or url == "", url  # a column's own page is no document's


def test_article_metadata_on_every_document_page_of_every_kind(built_site, documents, settings):
    kinds = set()
    for doc in documents:
        path = built_site / doc.url / "index.html"
        found = meta(path)
        for name in SITE_TAGS + ARTICLE_TAGS[:3] + ("Url",):
            assert found.get(name), (doc.url, name)
        assert found["ArticleTitle"] == doc.title
        assert PUBDATE.match(found["PubDate"]), found["PubDate"]
        when = dt.datetime.strptime(found["PubDate"], "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
        assert when.date() == doc.published.day  # the Beijing day it shows on the page
        if doc.published.time is not None:
            assert when.time() == doc.published.time
        assert found["ContentSource"] == (doc.publisher or settings["机构名称"])
        assert found["Url"] == SITE_URL + doc.url
        assert found.get("ColumnName"), doc.url  # and the column it stands in
        kinds.add(doc.kind)
    assert kinds >= {"政策文件", "政策解读", "公示公告", "法律法规", "以案释法", "办事指南", "普法活动", "年度报告"}


def test_hand_checked_examples(built_site):
    """Values read off the source files by hand."""
    policy = meta(built_site / "xxgk/zcwj/2024-001/index.html")
    assert policy["ArticleTitle"] == "某区退役军人事务局关于印发《某区退役军人就业创业扶持办法》的通知"
    assert policy["PubDate"] == "2024-03-08 00:00"  # 发布日期 2024-03-08: public from its Beijing midnight
    assert policy["ContentSource"] == "某区退役军人事务局（示例）"
    assert policy["Keywords"] == "就业创业,创业补贴,技能培训"  # its 主题词
    assert policy["ColumnName"] == "政策文件" and policy["ColumnType"] == "政策文件"
    notice = meta(built_site / "notices/2026/youfu-dingqi-fuxu/index.html")
    assert notice["PubDate"] == "2026-11-23 09:00"  # 发布时间 2026-11-23 09:00
    assert notice["ColumnName"] == "公示公告" and notice["ColumnType"] == "通知公告"
    law = meta(built_site / "laws/junren-fuxu-youdai-tiaoli/index.html")
    assert law["ContentSource"] == "国务院、中央军事委员会"
    home = meta(built_site / "index.html")
    assert home["ColumnType"] == "首页" and "ArticleTitle" not in home
    qa = meta(built_site / "qa/index.html")  # answers share the page: a column, no single article
    assert qa["ColumnType"] == "回应关切" and "ArticleTitle" not in qa
    missing = meta(built_site / "404.html")
    assert set(missing) == set(SITE_TAGS)
