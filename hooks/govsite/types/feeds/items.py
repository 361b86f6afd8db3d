"""A document as a feed item: the one place where a Document becomes a FeedItem."""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import replace

from ...document import Document
from ...model import Enclosure, FeedItem

SUMMARY_CHARS = 120  # a summary made from the text, when the editor wrote none
_TAGS = re.compile(r"<[^>]+>")


def feed_title(doc: Document) -> str:
    """The title a subscriber sees in the list: what is no longer in force says so, demo documents too."""
    title = doc.shown_title
    mark = doc.status.mark if doc.status else ""
    return f"【{mark}】{title}" if mark else title


def feed_head(site, doc: Document) -> FeedItem:
    """What places a document in its feeds and orders it there (id, dates, feeds, audiences) and what a reader
    lists (title, categories, author, attachments), without its body: cheap enough for every document, while the
    body is rendered only for the items a feed file holds (feed_item)."""
    return FeedItem(
        id=doc.id, title=feed_title(doc), url=doc.url, published=doc.published.instant,
        updated=doc.changed.instant, feeds=doc.feeds, categories=doc.feed_categories,
        summary=doc.summary, audiences=doc.audiences,
        author=doc.publisher or site.settings.get("机构名称", ""),
        enclosures=tuple(Enclosure(a.url, a.size, a.media_type) for a in doc.attachments))


def feed_item(site, renderer, doc: Document) -> FeedItem:
    """The whole document for a feed reader: its metadata, status, body, attachments and the cited articles'
    text, links site-relative (the writer makes them absolute)."""
    converted = renderer.converted(doc.body) if doc.body is not None and not doc.body.template else None
    body_html = converted.html if converted is not None else renderer.body_html(doc.body, "")
    html = renderer.render("document/feed.html", "", doc=doc, body_html=body_html,
                           appendix_html=renderer.body_html(doc.appendix, ""),
                           citations=list(converted.citations) if converted is not None else [])
    head = feed_head(site, doc)
    return replace(head, summary=head.summary or plain_summary(body_html) or doc.title, content_html=html)


def plain_summary(html: str) -> str:
    """The first words of a text, for readers that show only a summary."""
    text = re.sub(r"\s+", " ", htmllib.unescape(_TAGS.sub(" ", html))).strip()
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS] + "…"
