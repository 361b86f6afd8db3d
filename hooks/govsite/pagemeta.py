"""网页元数据: the <meta name=…> tags 政府网站发展指引 (国办发〔2017〕47号) asks every page of a government site
to carry, so that the portal, the 集约化 platform and the inspectors' tools read each page's facts alike.

- site level, on every page: SiteName (规范名称: data/site.yml 网站名称), SiteDomain (the host of site_url),
  SiteIDCode (网站标识码);
- column level, on a column's pages: ColumnName, ColumnDescription, ColumnKeywords, ColumnType (栏目类别, from
  the guideline's list: 首页、概况信息、机构职能、负责人信息、工作动态、政策文件、信息公开指南、信息公开目录、
  信息公开年报、依申请公开、政策解读、回应关切、办事服务、咨询投诉 …);
- article level, on a document's page: ArticleTitle, PubDate, ContentSource, Keywords, Description, Url, made
  from the document core by `document.article_metadata` (one mapping for every content type).

The columns are the pages of mkdocs.yml's nav. A page belongs to the column whose address is the longest prefix
of its own (the home page is a column of its own only). The markup is overrides/main.html's; the adapter hands
it `PageMetadata.tags(url)` for each page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from .document import Document, all_documents, article_metadata, changed_day

# 栏目类别 (ColumnType) of this site's columns, by address: the guideline's words where it has one for the kind of
# column, else the name such columns carry on government sites. A column missing here is typed by its name.
COLUMN_TYPES = {
    "": "首页",
    "xxgk/": "信息公开",
    "xxgk/zn/": "信息公开指南",
    "xxgk/ml/": "信息公开目录",
    "xxgk/zcwj/": "政策文件",
    "xxgk/zcjd/": "政策解读",
    "xxgk/fdzdgknr/": "法定主动公开内容",
    "xxgk/zd/": "信息公开制度",
    "xxgk/ysqgk/": "依申请公开",
    "xxgk/ndbg/": "信息公开年报",
    "laws/": "法律法规",
    "pufa/": "普法宣传",
    "pufa/qingdan/": "普法宣传",
    "pufa/news/": "工作动态",
    "pufa/anli/": "以案释法",
    "pufa/dati/": "普法宣传",
    "pufa/duixiang/": "普法宣传",
    "pufa/rili/": "普法宣传",
    "pufa/fzzf/": "工作报告",
    "notices/": "通知公告",
    "placements/": "通知公告",
    "qa/": "回应关切",
    "services/": "办事服务",
    "services/guides/": "办事服务",
    "about/": "概况信息",
    "about/functions/": "机构职能",
    "about/leaders/": "负责人信息",
    "about/contact/": "概况信息",
    "hdjl/": "咨询投诉",
    "feeds/": "网站服务",
    "wzdt/": "网站地图",
}
KEYWORDS = 6  # a column's keywords: its name and the words most of its documents share


@dataclass(frozen=True)
class Column:
    name: str
    url: str
    type: str
    description: str
    keywords: tuple[str, ...]

    def tags(self) -> tuple[tuple[str, str], ...]:
        return (("ColumnName", self.name), ("ColumnDescription", self.description),
                ("ColumnKeywords", ",".join(self.keywords)), ("ColumnType", self.type))


def nav_columns(nav: list, titles: dict[str, str]) -> list[tuple[str, str]]:
    """(name, address) of every page in mkdocs.yml's nav, named as the nav names it (a section's index page by
    the section's title)."""
    from .types.sitemap import _entries, _walk

    return [(entry.title, entry.url) for entry in _walk(_entries(nav, titles)) if entry.url is not None]


def _words(doc: Document) -> list[str]:
    """A document's 主题词, topics (a law's may be several, 抚恤优待、褒扬纪念) and kind, one word each."""
    found = []
    for value in (*doc.keywords, doc.topic, doc.kind):
        found += [w.strip() for w in re.split(r"[、，,；;]", value) if w.strip()]
    return found


class PageMetadata:
    """The 网页元数据 of every page of one build."""

    def __init__(self, site, titles: dict[str, str], descriptions: dict[str, str], nav: list):
        self.site = site
        settings = site.settings
        self.site_tags = tuple((name, value) for name, value in (
            ("SiteName", settings.get("网站名称", "")), ("SiteDomain", urlsplit(site.site_url).hostname or ""),
            ("SiteIDCode", settings.get("网站标识码", ""))) if value)
        # make serve: the tuples of the last save while equal, so that a page's tags are the very tuple of then
        # and the adapter tells an unchanged page's inputs by identity, not pair by pair (tags)
        self._memo = site.memo
        if self._memo is not None:
            self.site_tags = self._memo.intern(("page metadata: site tags",), self.site_tags)
        self._column_tags: dict[str, tuple] = {}
        self.source = settings.get("机构名称") or settings.get("主办单位") or settings.get("网站名称", "")
        documents = all_documents(site)
        # A document's page is the page its address names without a fragment (Q&A answers share a list page);
        # where several share a page (a law's text and its repeal), the newest describes it.
        self.documents: dict[str, Document] = {}
        # sitemap.xml's <lastmod>: a page's newest change among the documents it shows (its own, or the answers of
        # a Q&A page), a day in Beijing time; the home page lists every update. Other pages give none.
        self.lastmod: dict[str, str] = {}
        newest = None
        for doc in documents:
            if "#" not in doc.url:
                self.documents.setdefault(doc.url, doc)
            changed = changed_day(site, doc)
            day = changed.isoformat()
            self.lastmod[doc.page] = max(self.lastmod.get(doc.page, day), day)
            if newest is None or changed > newest:
                newest = changed
        if newest is not None:
            self.lastmod[""] = newest.isoformat()
        self.columns: dict[str, Column] = {}
        self._prefixes: _Prefixes | None = None  # column_of's index of the columns' addresses
        # make serve: an unchanged document's words are the ones found before (site.derived), not split again for
        # every column on every save
        words_of = [(doc.page, site.derived("page metadata: words", doc, lambda d: tuple(dict.fromkeys(_words(d)))))
                    for doc in documents]
        columns = [(name, url) for name, url in nav_columns(nav, titles)]
        # each document's words under every column whose address begins its page's, in the documents' order (what
        # most_common breaks ties by): one pass over the documents, not one per column
        under: dict[str, list[tuple[str, ...]]] = {url: [] for _name, url in columns if url}
        prefixes = _Prefixes(under)
        for page, found in words_of:
            for url in prefixes.of(page):
                under[url].append(found)
        for name, url in columns:
            if url in self.columns:
                continue
            words = Counter(word for found in under.get(url, ()) for word in found if word != name)
            keywords = (name, *(word for word, _n in words.most_common(KEYWORDS - 1)))
            description = (descriptions.get(url) or (settings.get("首页简介", "") if url == "" else "")
                           or f"{settings.get('网站名称', '')}{name}栏目")
            self.columns[url] = Column(name, url, COLUMN_TYPES.get(url, name), " ".join(description.split()),
                                       keywords)

    def _article(self, doc: Document) -> tuple[tuple[str, str], ...]:
        return article_metadata(doc, self.site.absolute_url(doc.url), self.source)

    def column_of(self, url: str) -> Column | None:
        """The column a page belongs to: the nav page with the longest address that starts its own."""
        if url in self.columns:
            return self.columns[url]
        if self._prefixes is None:
            self._prefixes = _Prefixes(self.columns)
        found = self._prefixes.of(url)
        return self.columns[max(found, key=len)] if found else None

    def tags(self, url: str, noindex: bool = False) -> tuple[tuple[str, str], ...]:
        """(name, content) of the page at site-relative directory address `url`, in the guideline's order. A page
        kept out of search engines (a withdrawn document's notice) is no column's or document's page."""
        url = url if url.endswith("/") or not url else url + "/"
        if noindex:
            return self.site_tags
        column = self.column_of(url)
        doc = self.documents.get(url)  # its own address is `url`; what the tags read besides it is in the label
        article = self.site.derived(f"page metadata: article\0{self.source}\0{self.site.site_url}", doc,
                                    self._article) if doc is not None else ()
        if self._memo is None:
            return self.site_tags + (column.tags() if column else ()) + article
        column_tags = self._tags_of(column) if column else ()
        # the tuple of the last save for this page while its three parts are the very tuples they were then
        return self._memo.assembled("page metadata: tags", url, (self.site_tags, column_tags, article),
                                    lambda: self.site_tags + column_tags + article)

    def _tags_of(self, column: Column) -> tuple:
        """column.tags(), under make serve the tuple of the last save while equal (interned once a save)."""
        found = self._column_tags.get(column.url)
        if found is None:
            found = self._column_tags[column.url] = self._memo.intern(("page metadata: column", column.url),
                                                                      column.tags())
        return found


class _Prefixes:
    """The addresses among `urls` that begin a given address (each non-empty, as str.startswith tells), found by the
    address's own beginnings up to each "/" rather than by testing every one: a page's column and the columns a
    document's words count for, for every page of the site on every save."""

    def __init__(self, urls):
        self.by_folder = {u for u in urls if u and u.endswith("/")}
        # tested one by one (rare: a file's address)
        self.others = list(dict.fromkeys(u for u in urls if u and not u.endswith("/")))

    def of(self, url: str) -> list[str]:
        found = [u for u in self.others if url.startswith(u)]
        at = url.find("/")
        while at >= 0:
            if url[: at + 1] in self.by_folder:
                found.append(url[: at + 1])
            at = url.find("/", at + 1)
        return found

