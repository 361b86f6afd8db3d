"""订阅: RSS 2.0 and Atom 1.0 feeds of every document, and the 订阅 page that lists them.

Every Document becomes one FeedItem (items.py) in the site-wide feed and in the feeds it names
(Document.feeds); every name becomes feeds/<name>.xml (RSS) and feeds/<name>.atom (Atom). Titles come from
the types' feed_channels(); a name nobody declares still gets a feed. Builds stay byte-identical: entries
are sorted, and the feed's lastBuildDate / updated is the newest item's date, never the clock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree

from ...dates import TZ
from ...document import all_documents
from ...guard.sanitize import clean_html
from ...model import ContentType, FeedChannel, FeedItem, GeneratedFile, Site
from ...render import Renderer
from .items import feed_head, feed_item

ALL_FEED = "all"
LANGUAGE = "zh-CN"
FEED_LIMIT = 50  # newest entries per feed file: readers need what is new, not the archive
RECENT_ON_PAGE = 5  # newest entries listed on a feed's own page
# Titles for feeds whose type does not declare them (see ContentType.feed_channels).
FALLBACK_LABELS = {
    "policies": ("政策文件", "政府信息公开"),
    "interpretations": ("政策解读", "政府信息公开"),
    "laws": ("法律法规", "法律法规"),
    "pufa": ("普法动态", "普法宣传"),
    "qa": ("政策问答", "政策问答"),
}


@dataclass
class Feed:
    channel: FeedChannel
    items: list[FeedItem]  # newest first

    @property
    def entries(self) -> list[FeedItem]:
        """What the feed file holds: the newest FEED_LIMIT items."""
        return self.items[:FEED_LIMIT]

    @property
    def newest(self) -> dt.datetime | None:
        return max((i.updated for i in self.entries), default=None)


@dataclass
class FeedsModel:
    feeds: list[Feed]  # in 订阅-page order
    newest: dt.datetime | None  # newest item of the whole site: the date of an empty feed


def _aware(value: dt.datetime | dt.date) -> dt.datetime:
    """Beijing time, whatever a type handed over (a naive time or a bare date means Beijing)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=TZ)
    if value.tzinfo is None:
        value = value.replace(tzinfo=TZ)
    return value.astimezone(TZ)


def _normalise(item: FeedItem) -> FeedItem:
    published, updated = _aware(item.published), _aware(item.updated)
    return FeedItem(id=item.id, title=item.title, url=item.url, published=published, updated=max(updated, published),
                    feeds=tuple(item.feeds), categories=tuple(item.categories), summary=item.summary,
                    content_html=item.content_html, audiences=tuple(item.audiences), author=item.author,
                    enclosures=tuple(item.enclosures))


def document_items(site: Site, documents) -> list[FeedItem]:
    """Every document as a whole feed item; under make serve an item is made again only when its document (or a
    law text it cites, or a template) changed."""
    renderer = Renderer(site)
    library = site.markdown.library_state()
    return [site.renders("feeds: item", (doc, library), lambda doc=doc: feed_item(site, renderer, doc), place=doc.id)
            for doc in documents]


def newest_first(items: list[FeedItem], keys: dict | None = None) -> list[FeedItem]:
    """By publication, then update, newest first; ties by id. `keys`: each item's key by id, shared by the calls
    that sort the same items into several feeds (the timestamps are computed once per item, not once per feed)."""
    if keys is None:
        return sorted(items, key=lambda i: (-i.published.timestamp(), -i.updated.timestamp(), i.id))
    return sorted(items, key=lambda i: keys[i.id])


def _head(site: Site, doc, organisation: str) -> tuple[FeedItem, tuple]:
    """A document's feed head and its sort key; under make serve made again only when the document (the very
    object while its files are unchanged: Site.document_from) or the site's organisation, the author of the
    documents that name none, changed."""
    def make() -> tuple[FeedItem, tuple]:
        item = _normalise(feed_head(site, doc))
        return item, (-item.published.timestamp(), -item.updated.timestamp(), item.id)

    return site.made_from(("feeds: head", doc.id), (doc, organisation), make)


class _Grouping:
    """Every document's feed head placed in its feeds, each feed's heads newest first (collect). Not plain data:
    the Memo keeps it from save to save as it is, comparing it by identity only."""

    __slots__ = ("organisation", "channels", "items", "document_of", "keys", "by_feed", "by_feed_keys")

    def __init__(self, organisation, channels, items, document_of, keys, by_feed):
        self.organisation, self.channels = organisation, channels
        self.items, self.document_of, self.keys, self.by_feed = items, document_of, keys, by_feed
        # each feed's sort keys, in its order: where a head leaves and enters it is found by bisection
        self.by_feed_keys = {name: [keys[item.id] for item in members] for name, members in by_feed.items()}


def _memberships(item: FeedItem, audience_channels: list) -> list[str]:
    """The feeds besides the site-wide one that hold `item`, once for each time it is placed there: those it
    names, then the channels of audience tags (FeedChannel.audiences) that collect it."""
    names = [name for name in item.feeds if name != ALL_FEED]
    if item.audiences:
        audiences = set(item.audiences)
        names += [channel.name for channel in audience_channels
                  if set(channel.audiences) & audiences and channel.name not in item.feeds]
    return names


def _grouped(site: Site, documents, organisation: str, channels: dict) -> _Grouping:
    """Every document placed and ordered by its head; problems for ids used by two different items."""
    items: dict[str, FeedItem] = {}
    document_of: dict[str, object] = {}
    keys: dict[str, tuple] = {}
    for doc in documents:
        item, key = _head(site, doc, organisation)
        if item.id in items:
            site.problems.error("", 0, "", f"订阅条目编号 {item.id} 被两项内容同时使用（{items[item.id].url} 和 "
                                           f"{item.url}）；编号必须唯一（这是程序问题，请联系网站维护人员）")
            continue
        items[item.id] = item
        document_of[item.id] = doc
        keys[item.id] = key
    by_feed: dict[str, list[FeedItem]] = {ALL_FEED: list(items.values())}
    audience_channels = [channel for channel in channels.values() if channel.audiences]
    for item in items.values():
        for name in _memberships(item, audience_channels):
            by_feed.setdefault(name, []).append(item)
    for name in channels:
        by_feed.setdefault(name, [])
    by_feed = {name: newest_first(members, keys) for name, members in by_feed.items()}
    return _Grouping(organisation, channels, items, document_of, keys, by_feed)


def _grouped_kept(site: Site, documents, organisation: str, channels: dict) -> _Grouping:
    """_grouped under make serve: the last save's grouping with the heads of the documents that changed (another
    object than the last save's: Site.document_from hands over an unchanged one) taken out of their feeds and
    put back in their places, instead of every document placed and every feed sorted again; the same grouping
    as _grouped makes (the tests compare them through series of saves). Made whole when there is no last
    grouping, the organisation (every head's author) or the channels changed, or two documents share an id."""
    record = ("feeds: grouping",)
    last = site.last_made(record)
    grouping = None
    if last is not None and last.organisation == organisation and last.channels == channels:
        grouping = _regrouped(site, last, documents, organisation)
    if grouping is None:
        grouping = _grouped(site, documents, organisation, channels)
    site.memo.made_from(record, (object(),), lambda: grouping)  # kept for the next save, never compared
    return grouping


def _regrouped(site: Site, last: _Grouping, documents, organisation: str) -> _Grouping | None:
    """The grouping of `documents` made from `last` by the documents that changed, or None (two share an id)."""
    from bisect import bisect_left

    document_of: dict[str, object] = {}
    changed: list = []
    before = last.document_of
    for doc in documents:
        if doc.id in document_of:
            return None  # reported by _grouped
        document_of[doc.id] = doc
        if before.get(doc.id) is not doc:
            changed.append(doc)
    gone = [doc_id for doc_id in before if doc_id not in document_of]
    if not changed and not gone:
        return last
    items, keys = dict(last.items), dict(last.keys)
    by_feed = {name: list(members) for name, members in last.by_feed.items()}
    by_feed_keys = {name: list(found) for name, found in last.by_feed_keys.items()}
    audience_channels = [channel for channel in last.channels.values() if channel.audiences]

    def leave(item: FeedItem) -> None:
        key = keys[item.id]
        for name in (ALL_FEED, *_memberships(item, audience_channels)):
            members, found = by_feed[name], by_feed_keys[name]
            at = bisect_left(found, key)
            del members[at], found[at]

    def enter(item: FeedItem, key: tuple) -> None:
        for name in (ALL_FEED, *_memberships(item, audience_channels)):
            members, found = by_feed.setdefault(name, []), by_feed_keys.setdefault(name, [])
            at = bisect_left(found, key)
            members.insert(at, item)
            found.insert(at, key)

    for doc_id in gone:
        leave(items.pop(doc_id))
        del keys[doc_id]
    for doc in changed:
        if doc.id in items:
            leave(items[doc.id])
        item, key = _head(site, doc, organisation)
        items[doc.id], keys[doc.id] = item, key
        enter(item, key)
    # a feed that only the documents that went filled, and no channel names, goes with them (as in _grouped)
    for name in [name for name, members in by_feed.items() if not members and name not in last.channels]:
        del by_feed[name], by_feed_keys[name]
    grouping = _Grouping.__new__(_Grouping)
    grouping.organisation, grouping.channels = organisation, last.channels
    grouping.items, grouping.document_of, grouping.keys = items, document_of, keys
    grouping.by_feed, grouping.by_feed_keys = by_feed, by_feed_keys
    return grouping


def collect(site: Site, types, documents=None) -> FeedsModel:
    """Every document's feed item grouped into feeds; problems for ids used by two different items.
    `documents` defaults to every document of the site."""
    site_name = site.settings.get("网站名称", "")
    channels: dict[str, FeedChannel] = {
        ALL_FEED: FeedChannel(name=ALL_FEED, title=f"{site_name} · 全站更新",
                              description="本站所有栏目的最新内容：公示公告、政策文件、法律法规、普法动态等。",
                              url="", group="全站", order=0)}
    for content_type in types:
        for channel in content_type.feed_channels(site):
            if channel.name in channels and channels[channel.name] != channel:
                site.problems.error("", 0, "", f"订阅地址 feeds/{channel.name}.xml 被两个栏目同时使用"
                                               f"（{channels[channel.name].title} 和 {channel.title}）；请给其中一个换一个标识")
                continue
            channels[channel.name] = channel
    if documents is None:
        documents = all_documents(site)
    organisation = site.settings.get("机构名称", "")
    grouping = _grouped(site, documents, organisation, channels) if site.memo is None \
        else _grouped_kept(site, documents, organisation, channels)
    items, document_of, by_feed = grouping.items, grouping.document_of, grouping.by_feed
    shown = sorted({item.id for members in by_feed.values() for item in members[:FEED_LIMIT]})
    whole = {item.id: _normalise(item) for item in document_items(site, [document_of[i] for i in shown])}
    feeds = []
    for name, members in by_feed.items():
        members = [whole.get(item.id, item) for item in members]
        channel = channels.get(name)
        if channel is None:
            label, group = FALLBACK_LABELS.get(name, (name, "其他"))
            channel = FeedChannel(name=name, title=f"{site_name} · {label}", description=f"本站“{label}”栏目的最新内容。",
                                  url="", group=group, order=90)
        feeds.append(Feed(channel, members))
    feeds.sort(key=lambda f: (f.channel.order, f.channel.name))
    newest = max((i.updated for i in items.values()), default=None)
    return FeedsModel(feeds, newest)


def plain(text: str) -> str:
    """Text for title, summary and category elements. RSS does not say whether a title is text or HTML, and
    many readers render it as HTML, so angle brackets become their full-width forms: what an editor typed
    stays readable and can never become markup in any reader."""
    return str(text).replace("<", "＜").replace(">", "＞")


def feed_url(site: Site, name: str, kind: str) -> str:
    return site.absolute_url(f"feeds/{name}.{kind}")


def _guid(site: Site, item: FeedItem) -> str:
    """The item's stable id as an absolute IRI (not a link: isPermaLink="false")."""
    return site.absolute_url(item.id)


def render_feed(site: Site, feed: Feed, kind: str, fallback_date: dt.datetime) -> bytes:
    """One feed as RSS 2.0 (kind "xml") or Atom 1.0 (kind "atom")."""
    channel = feed.channel
    self_url = feed_url(site, channel.name, kind)
    fg = FeedGenerator()
    fg.load_extension("dc")  # RSS names an item's author by e-mail only; dc:creator carries the organisation
    fg.id(self_url)
    fg.title(plain(channel.title))
    fg.subtitle(plain(channel.description))  # also RSS <description>
    fg.author({"name": plain(site.settings.get("机构名称", site.settings.get("网站名称", "")))})
    fg.link(href=self_url, rel="self", type="application/rss+xml" if kind == "xml" else "application/atom+xml")
    fg.link(href=site.absolute_url(channel.url), rel="alternate", type="text/html")  # the last link is RSS <link>
    fg.language(LANGUAGE)
    fg.generator("govsite")
    fg.updated(feed.newest or fallback_date)  # RSS lastBuildDate and Atom updated: never the clock
    for item in feed.entries:  # newest first; "append" keeps that order (feedgen prepends by default)
        link = site.absolute_url(item.url)
        entry = fg.add_entry(order="append")
        entry.id(_guid(site, item))
        entry.guid(_guid(site, item), permalink=False)
        entry.title(plain(item.title))
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(item.published)
        entry.updated(item.updated)
        if item.author:
            if kind == "xml":
                entry.dc.dc_creator(plain(item.author))
            else:
                entry.author({"name": plain(item.author)})
        for category in item.categories:
            entry.category(term=plain(category))
        if item.summary:
            entry.summary(plain(item.summary))
        if item.content_html:
            # Cleaned here too: feed readers render it, and an editor's raw HTML must not bring scripts along.
            entry.content(site.markdown.for_feed(clean_html(item.content_html), item.url), type="html")
        # RSS allows one enclosure (the first attachment); Atom lists every one. The content links them all.
        for enclosure in item.enclosures[:1] if kind == "xml" else item.enclosures:
            entry.enclosure(site.absolute_url(enclosure.url), enclosure.length, enclosure.type)
    if kind == "xml":
        return fg.rss_str(pretty=True)
    return _atom_entry_links(fg.atom_str(pretty=True), feed.entries)


_ATOM = "{http://www.w3.org/2005/Atom}"


def _atom_entry_links(data: bytes, items: list[FeedItem]) -> bytes:
    """feedgen 1.0.0 writes an Atom entry's links with their href only (its atom_entry() reads rel, type and
    length from the element it has just created instead of from the link given), so every enclosure would read
    as one more alternate link. The entry's links are written in the order given: the page, then the
    attachments; their attributes are set here."""
    root = etree.fromstring(data)
    for entry, item in zip(root.findall(f"{_ATOM}entry"), items):
        links = entry.findall(f"{_ATOM}link")
        links[0].set("rel", "alternate")
        links[0].set("type", "text/html")
        for link, enclosure in zip(links[1:], item.enclosures):
            link.set("rel", "enclosure")
            link.set("type", enclosure.type)
            link.set("length", str(enclosure.length))
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


class Feeds(ContentType):
    name = "feeds"
    label = "订阅"
    order = 900  # after every type whose items it collects; before the home page

    def check(self, site: Site) -> None:
        others = [t for t in site.types if t is not self]
        site.models[self.name] = collect(site, others)

    def _model(self, site: Site) -> FeedsModel:
        if self.name not in site.models:
            self.check(site)
        return site.models[self.name]

    def pages(self, site: Site, renderer):
        feeds = self._model(site)
        host = urlsplit(site.site_url).netloc
        rows = [{"channel": f.channel, "count": len(f.items), "newest": f.newest,
                 "rss": feed_url(site, f.channel.name, "xml"), "atom": feed_url(site, f.channel.name, "atom")}
                for f in feeds.feeds]
        groups: dict[str, list] = {}
        for row in rows:
            groups.setdefault(row["channel"].group or "其他", []).append(row)
        yield renderer.page("feeds/index.md", "订阅本站更新", "feeds/index.html",
                            meta={"description": "用 RSS 阅读器订阅本站的公示公告、政策文件和法律法规更新，不错过新内容。",
                                  "search": {"list": True}},
                            toc=[(2, "shenme", "什么是订阅"), (2, "ruhe", "怎样订阅"), (2, "liebiao", "订阅地址一览")],
                            groups=list(groups.items()), host=host)
        # One page per feed: what a link to a feed opens (the feed file itself is XML for reader apps, shown by
        # browsers as code under an English notice). It says what the feed carries, gives its address with a
        # copy button and how to add it to a reader app.
        for row in rows:
            channel = row["channel"]
            label = channel.title.split(" · ")[-1]
            feed = next(f for f in feeds.feeds if f.channel.name == channel.name)
            yield renderer.page(f"feeds/{channel.name}/index.md", f"订阅：{label}", "feeds/feed.html",
                                meta={"description": f"订阅本站“{label}”的更新：{channel.description}", "search": {"list": True}},
                                toc=[(2, "neirong", "订阅内容"), (2, "dizhi", "订阅地址"), (2, "ruhe", "怎样添加到阅读器"),
                                     (2, "zuijin", "最近的内容")],
                                row=row, label=label, recent=feed.entries[:RECENT_ON_PAGE])

    def files(self, site: Site, renderer):
        feeds = self._model(site)
        if feeds.newest is None:
            return  # nothing published yet: no feed to write
        for feed in feeds.feeds:
            for kind in ("xml", "atom"):
                yield GeneratedFile(f"feeds/{feed.channel.name}.{kind}", self._render(site, feed, kind, feeds.newest))

    def _render(self, site: Site, feed: Feed, kind: str, fallback: dt.datetime) -> bytes:
        """render_feed, reused under `mkdocs serve` while everything it reads is the same (a save
        changes a few of the 40-odd feeds). The settings it reads are part of every RenderCache key."""
        inputs = (feed.channel, feed.entries, feed.newest, kind, fallback, site.site_url)
        return site.renders("feeds: render_feed", inputs, lambda: render_feed(site, feed, kind, fallback),
                            place=(feed.channel.name, kind))


CONTENT_TYPE = Feeds()
