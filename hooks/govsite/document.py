"""The document core: every document the site publishes, whatever its content type, modelled once.

A content type reads its files and fills one `Document` per document it publishes (a policy, an interpretation, a
notice, a 普法 news item, a report, a law's new version, a Q&A answer …): `ContentType.documents()`. Everything the
public or a machine reads about a document is made from that one model, each output in one place:

- the page header (title, banners, the metadata table): template `document/header.html`;
- the row of the 政府信息公开目录 and its JSON: `types/catalogue`;
- the feed item: `types/feeds/items.py` with template `document/feed.html`;
- the search record's facts (类别, date, status, 索引号, 发文字号): `search/facts.py`;
- the home page's updates: `types/home`;
- the page's 网页元数据 (ArticleTitle, PubDate, ContentSource …): `article_metadata()`, printed by overrides/main.html
  through govsite/pagemeta.py.

The metadata rows all three of page, feed and catalogue JSON show come from `facts()`: a field an editor adds to a
type reaches every output through its schema and the type's mapping into a Document (`extra` rows).
"""
from __future__ import annotations

import datetime as dt
import functools
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass, field

from .dates import TZ

# A document known only by its day is stamped 12:00 UTC (20:00 in Beijing): the same calendar day in every
# time zone from UTC−11 to UTC+11, so a feed reader anywhere shows the day the bureau published it.
DAY_ONLY_TIME = dt.time(12, 0, tzinfo=dt.UTC)

# 有效性 / 时效性 values that change what a reader must know first: the mark shown before the title.
MARKS = {"废止": "已废止", "已废止": "已废止", "失效": "已失效", "已失效": "已失效", "已修改": "已修改",
         "尚未生效": "尚未生效"}

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".ofd": "application/ofd",
    ".wps": "application/vnd.ms-works",
    ".zip": "application/zip",
    ".txt": "text/plain",
    ".csv": "text/csv",
}


@dataclass(frozen=True, order=True)
class When:
    """A moment in Beijing time known to the minute, or only to the day (`time` None)."""

    day: dt.date
    time: dt.time | None = None

    @classmethod
    def of(cls, value: dt.date | dt.datetime | When) -> When:
        if isinstance(value, When):
            return value
        if isinstance(value, dt.datetime):
            local = value.replace(tzinfo=TZ) if value.tzinfo is None else value.astimezone(TZ)
            return cls(local.date(), local.time().replace(tzinfo=None))
        return cls(value)

    @property
    def instant(self) -> dt.datetime:
        """The aware moment feeds carry (a day alone: DAY_ONLY_TIME, shown as Beijing time)."""
        if self.time is None:
            return dt.datetime.combine(self.day, DAY_ONLY_TIME).astimezone(TZ)
        return dt.datetime.combine(self.day, self.time, tzinfo=TZ)

    @property
    def date_only(self) -> bool:
        return self.time is None

    def iso(self) -> str:
        """For <time datetime>: the day, or the moment with its offset."""
        return self.day.isoformat() if self.time is None else self.instant.isoformat()


@dataclass(frozen=True)
class Status:
    """有效性 (a document) or 时效性 (a law's text): its value, since when, and why it changed."""

    value: str  # as the type shows it: 有效 / 失效 / 废止 (documents), 有效 / 已修改 / 已废止 / 尚未生效 (laws)
    since: dt.date | None = None  # the day it took this value (None: from the start)
    reason: str = ""  # 废止说明, "有效期至2025年12月31日", "由2024年修订文本取代" …
    until: dt.date | None = None  # the last day in effect, when it is known in advance (有效期至)

    @property
    def mark(self) -> str:
        """已废止 / 已失效 / 已修改 / 尚未生效 — what a reader must see first — or "" while in effect."""
        return MARKS.get(self.value, "")


@dataclass(frozen=True)
class Attachment:
    name: str  # 名称 as the editor wrote it
    url: str  # site-relative file URL, e.g. xxgk/fujian/2024-001-fj1.docx
    size: int  # bytes
    media_type: str  # e.g. application/pdf
    file: str = ""  # repository path, for messages

    @property
    def label(self) -> str:
        """File type as people name it: PDF, DOCX …"""
        return self.url.rsplit(".", 1)[-1].upper() if "." in self.url else ""

    @classmethod
    def media_type_of(cls, name: str) -> str:
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass(frozen=True)
class Body:
    """What a document says: an editor's Markdown (with where it stands, for messages and relative links), or a
    template rendering the type's data (阳光安置 tables)."""

    markdown: str = ""
    base: str = ""  # where relative links start: the Markdown file's src_uri, or the page URL for YAML text
    file: str = ""  # repository file holding the text
    line: int = 0  # line of the text's first line in that file
    lines: bool = False  # YAML text written as lines: each line a paragraph
    field: str = "正文"  # the field holding it, for messages
    checked: bool = False  # its type already checked its citations with rules of its own (Q&A answers)
    template: str = ""  # instead of Markdown: a template under overrides/govsite/ …
    context: tuple = ()  # … and its context as ((name, value), …)


@dataclass(frozen=True)
class Related:
    """A link the document's readers need: the policy an interpretation explains, the version comparison …"""

    label: str  # 解读文件, 相关解读, 废止本文件的文件, 版本对照 …
    title: str
    url: str  # site-relative
    note: str = ""  # e.g. the 发文字号


@dataclass(frozen=True)
class Fact:
    """One row of a document's metadata table."""

    label: str
    value: str
    iso: str = ""  # a date or moment: shown in <time datetime>
    url: str = ""  # a link (site-relative)
    key: str = ""  # machine name in the catalogue JSON (index_no, doc_number …); "" for a type's own rows


@dataclass(frozen=True)
class Document:
    """One published document. Types fill it once (their mapping); outputs only read it."""

    id: str  # stable across builds and edits, unique site-wide, never reused: "policies/2024-001"
    kind: str  # Chinese name of the content type: 政策文件, 政策解读, 公示公告 …
    title: str
    url: str  # site-relative page URL (may carry a #fragment for documents that share a page)
    published: When  # 发布
    index_no: str = ""  # 索引号
    doc_number: str = ""  # 发文字号
    publisher: str = ""  # 发布机构
    topic: str = ""  # 主题分类
    doc_type: str = ""  # 文件类型
    audiences: tuple[str, ...] = ()  # 适用对象
    keywords: tuple[str, ...] = ()  # 主题词
    formed: dt.date | None = None  # 成文日期
    effective: dt.date | None = None  # 施行日期
    updated: When | None = None  # 更新: the document itself was changed after publication
    update_note: str = ""  # what changed
    status: Status | None = None  # 有效性 / 时效性; None where it does not apply
    attachments: tuple[Attachment, ...] = ()
    sample: bool = False  # a demo document: every output says it is fictional
    sample_note: str = ""  # what exactly is fictional, when the general note would say too much or too little
    summary: str = ""  # 内容概述
    body: Body | None = None
    appendix: Body | None = None  # what the type adds after the body on the page and in the feed (contacts …)
    related: tuple[Related, ...] = ()
    extra: tuple[Fact, ...] = ()  # the type's own metadata rows, after the common ones
    catalogue: str = ""  # 政府信息公开目录 类别 (条例第二十条); "" keeps it out of the catalogue
    feeds: tuple[str, ...] = ()  # feeds besides the site-wide one
    categories: tuple[str, ...] = ()  # feed categories besides kind and topic (a notice's category …)
    on_home: bool = True  # among the home page's updates
    lifecycle: object = None  # lifecycle.Lifecycle: a draft or scheduled document shown ahead (make serve, previews)
    file: str = ""  # repository file that defines it (messages)
    line: int = 0  # line of its 索引号 in that file, or where one should be written

    @property
    def changed(self) -> When:
        """When subscribers last saw it change: published, edited, or its status changed (not in the future)."""
        moments = [self.published]
        if self.updated is not None:
            moments.append(self.updated)
        if self.status is not None and self.status.since is not None and self.status.mark:
            moments.append(When(self.status.since))
        return max(moments, key=lambda w: w.instant)

    @property
    def shown_title(self) -> str:
        """The title wherever the document is named away from its own heading (window title, search hit, home page,
        feed): a demo document says so."""
        return self.title + "（示例）" if self.sample and "示例" not in self.title else self.title

    @property
    def page(self) -> str:
        """The page URL without a fragment."""
        return self.url.split("#", 1)[0]

    @property
    def feed_categories(self) -> tuple[str, ...]:
        seen: list[str] = []
        for value in (self.kind, *self.categories, self.topic, *self.audiences):
            if value and value not in seen:
                seen.append(value)
        return tuple(seen)


def facts(doc: Document) -> list[Fact]:
    """The metadata rows of a document, in the order real disclosure pages show them: the page header, the feed
    item and the catalogue JSON all show these."""
    rows: list[Fact] = []

    def add(label, value, iso="", url="", key=""):
        if value:
            rows.append(Fact(label, str(value), iso, url, key))

    add("索引号", doc.index_no, key="index_no")
    add("主题分类", doc.topic, key="topic")
    add("发布机构", doc.publisher, key="publisher")
    if doc.formed:
        add("成文日期", zh_day(doc.formed), doc.formed.isoformat(), key="formed")
    add("发文字号", doc.doc_number, key="doc_number")
    add("发布日期" if doc.published.date_only else "发布时间", zh_when(doc.published), doc.published.iso(),
        key="published")
    if doc.effective:
        add("施行日期", zh_day(doc.effective), doc.effective.isoformat(), key="effective")
    if doc.updated:
        note = f"（{doc.update_note}）" if doc.update_note else ""
        add("更新时间", zh_when(doc.updated) + note, doc.updated.iso(), key="updated")
    add("文件类型", doc.doc_type, key="doc_type")
    if doc.status is not None:
        add("有效性" if doc.status.value in ("有效", "失效", "废止") else "时效性", status_text(doc.status),
            key="status")
    add("适用对象", "、".join(doc.audiences), key="audiences")
    add("主题词", "；".join(doc.keywords), key="keywords")
    rows.extend(f for f in doc.extra if f.value)
    return rows


def article_metadata(doc: Document, page_address: str, source: str) -> tuple[tuple[str, str], ...]:
    """The article-level 网页元数据 of the document's page (政府网站发展指引, 国办发〔2017〕47号), as (name, content):
    ArticleTitle, PubDate (YYYY-MM-DD HH:MM, Beijing time; a document known only by its day is public from
    00:00 of it, the release rule of govsite/lifecycle.py), ContentSource (发布机构, else `source`: the site's
    organisation), Keywords (主题词, else its kind, topic and audiences), Description (内容概述) and Url (the page's
    full address). Author and Image are optional and no document states them, so they are left out rather than
    invented."""
    moment = doc.published.instant if doc.published.time is not None else dt.datetime.combine(
        doc.published.day, dt.time(0, 0), tzinfo=TZ)
    keywords = doc.keywords or tuple(dict.fromkeys(k for k in (doc.kind, doc.topic, *doc.audiences) if k))
    tags = [("ArticleTitle", doc.title), ("PubDate", f"{moment.astimezone(TZ):%Y-%m-%d %H:%M}"),
            ("ContentSource", doc.publisher or source), ("Keywords", ",".join(keywords)),
            ("Description", " ".join(doc.summary.split())), ("Url", page_address)]
    return tuple((name, value) for name, value in tags if value)


def status_text(status: Status) -> str:
    """有效 / 失效（有效期至2025年12月31日）/ 废止（自2025年3月1日起）…"""
    detail = []
    if status.value in ("失效", "有效") and status.until:
        detail.append(f"有效期至{zh_day(status.until)}")
    elif status.since and status.mark:
        detail.append(f"自{zh_day(status.since)}起")
    return status.value + (f"（{'，'.join(detail)}）" if detail else "")


def zh_day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def zh_when(when: When) -> str:
    return zh_day(when.day) + ("" if when.time is None else f" {when.time:%H:%M}")


def attachment(site, file_url: str, name: str, source_file: str = "") -> Attachment | None:
    """An attachment under content/ (file_url site-relative), or None when the file is missing."""
    path = site.content_dir / file_url
    if not path.is_file():
        return None
    return Attachment(name=name, url=file_url, size=path.stat().st_size,
                      media_type=Attachment.media_type_of(file_url), file=source_file)


def newest_first(documents: Iterable[Document]) -> list[Document]:
    """By publication, newest first; ties by id (deterministic)."""
    return sorted(documents, key=lambda d: (-_timestamp(d.published), d.id))


@functools.lru_cache(maxsize=1 << 16)
def _timestamp(when: When) -> float:
    """A publication moment's POSIX time, a function of the (immutable) When alone: found once per moment rather
    than by a time zone conversion for every document in every sort of every save (10,000 of them a sort)."""
    return when.instant.timestamp()


def all_documents(site) -> list[Document]:
    """Every document of every content type, newest first (remembered for the load: outputs ask repeatedly)."""
    cached = site.models.get("_documents")
    if cached is None:
        cached = site.models["_documents"] = newest_first(
            site.document(doc) for content_type in site.types for doc in content_type.documents(site))
    return cached


def changed_day(site, doc: Document) -> dt.date:
    """doc.changed.day; under make serve the day found for the very Document of the last save (site.derived: a
    Document is frozen), not the moments compared in Beijing time again for each of ten thousand documents by
    each whole-site reader (sitemap dates, the build's timestamp) on every save."""
    return site.derived("document: changed day", doc, _changed_day)


def _changed_day(doc: Document) -> dt.date:
    return doc.changed.day


def document_of(site, doc_id: str, make) -> Document:
    """The site's Document with this id (the one all_documents() holds), or make() for one it does not hold:
    a page shows the very object its catalogue row, feed item and search facts were made from."""
    index = site.models.get("_documents_by_id")
    if index is None:
        index = site.models["_documents_by_id"] = {doc.id: doc for doc in all_documents(site)}
    found = index.get(doc_id)
    return found if found is not None else site.document(make())


@dataclass
class DocumentIndex:
    """Documents by page URL (search facts, page headers)."""

    by_page: dict[str, list[Document]] = field(default_factory=dict)

    @classmethod
    def of(cls, documents: Iterable[Document]) -> DocumentIndex:
        index = cls()
        for doc in documents:
            index.by_page.setdefault(doc.page, []).append(doc)
        return index
