"""Read built pages (site/**/index.html) into search records.

One record per page, and one per law article: an element with `id="art-N"` inside the page's <article>
becomes its own record (URL `page/#art-N`), so a hit lands on the article, not on the top of a long law.

An element with `data-search-record="<title>"` and an `id` becomes its own record too (URL `page/#id`, titled
with the attribute's value): a question and its answer on the 政策问答 page, so that a hit lands on the answer.

Conventions a page template may use (all optional, see docs/search.md):
- `data-search-exclude` on an element: its text is not indexed (copy-link buttons, navigation aids).
- `data-search-status="已废止"` on any element of the page, or a badge with a class containing "status" in the
  page's <h1> (`<span class="law-status">已废止</span>`): every hit from the page is marked with it.
- `<time datetime="YYYY-MM-DD">`: the first one in the page is its date when the engine knows none.
Kind, date and status known to the engine (catalogue items, updates, page meta) take precedence: see facts.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .text import squeeze

ARTICLE_ID = re.compile(r"^art-(\d+)$")
# Not text a reader searches: code, controls (a <form> itself may wrap content, e.g. a filterable table).
SKIP_TAGS = {"script", "style", "template", "svg", "noscript", "button", "input", "select", "textarea"}
BLOCK_TAGS = {"p", "div", "section", "article", "aside", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th",
              "table", "thead", "tbody", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote",
              "pre", "figure", "figcaption", "details", "summary", "header", "footer", "nav", "hr"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Status badges that need no mark on a hit.
VALID_STATUSES = {"", "有效", "现行有效", "公示中"}
# An article element holding little more than its label ("第二十一条") is a heading; its text follows it.
HEADING_STYLE_MAX = 16


@dataclass
class Record:
    url: str  # site-relative, e.g. "laws/tyjrbzf/" or "laws/tyjrbzf/#art-21"
    title: str
    text: str
    keys: str = ""  # the page's 索引号 and 发文字号, from the engine's documents (facts.py)
    page_url: str = ""  # the page this record belongs to
    article: int = 0  # article number for law articles
    listing: bool = False  # a list page (mostly links): ranked after documents
    status: str = ""
    date: str = ""
    kind: str = ""
    group: str = ""


@dataclass
class _Buffer:
    parts: list = field(default_factory=list)
    link_chars: int = 0

    def add(self, text: str, in_link: bool) -> None:
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def text(self) -> str:
        return squeeze("".join(self.parts))


@dataclass
class ParsedPage:
    url: str
    title: str
    page: Record
    articles: list[Record]
    status: str = ""
    first_date: str = ""


class _Walker:
    """Walk the <article> in document order, sending text to the page or to the current law article."""

    def __init__(self):
        self.page = _Buffer()
        self.articles: list[tuple[int, _Buffer, str]] = []  # (number, buffer, label)
        self.parts: list[tuple[str, _Buffer, str]] = []  # data-search-record elements: (id, buffer, title)
        self.current: _Buffer | None = None  # article collecting text after a heading-style article element
        self.h1 = ""
        self.status = ""
        self.first_date = ""
        self.facts = _Buffer()  # key-value tables (索引号, 发布机构 …): indexed, but after the body text

    def walk(self, el, target: _Buffer | None, in_link: bool = False) -> None:
        # Called for every element of every page (half a million at 10,000 documents): plain local lookups.
        tag, get = el.tag, el.get
        status = get("data-search-status")
        if status and not self.status:
            self.status = status.strip()
        if tag == "time" and not self.first_date and re.match(r"^\d{4}-\d{2}-\d{2}", get("datetime") or ""):
            self.first_date = get("datetime")[:10]
        ident = get("id")
        match = ARTICLE_ID.match(ident) if ident and target is None else None
        if match:
            buffer = _Buffer()
            self._walk_children(el, buffer, in_link)
            label = buffer.text()
            self.articles.append((int(match.group(1)), buffer, label if len(label) <= HEADING_STYLE_MAX else ""))
            # A bare heading ("第二十一条"): the paragraphs that follow belong to the article.
            self.current = buffer if len(label) <= HEADING_STYLE_MAX else None
            return
        if ident and target is None and get("data-search-record") is not None:
            buffer = _Buffer()
            self._walk_children(el, buffer, in_link)
            self.parts.append((ident, buffer, squeeze(get("data-search-record"))))
            self.current = None
            return
        if target is None and self.current is None and tag == "table" and _is_fact_table(el):
            self._walk_children(el, self.facts, in_link)
            return
        if target is None and tag in HEADINGS:
            self.current = None  # a chapter heading ends a heading-style article
            if tag == "h1" and not self.h1:
                buffer = _Buffer()
                self._walk_children(el, buffer, in_link)
                self.h1 = buffer.text()
                # A status badge in the title (<span class="law-status">已废止</span>) marks every hit.
                for badge in el.xpath(".//*[contains(@class, 'status')]"):
                    if not self.status:
                        self.status = squeeze("".join(badge.itertext()))
                return
        self._walk_children(el, target, in_link or tag == "a")

    def _walk_children(self, el, target: _Buffer | None, in_link: bool) -> None:
        """el's text, its children (walked unless skipped) and their tails, blocks separated by spaces.
        Text goes to `target`, else to the current heading-style article, else to the page: that can change
        while a child is walked, so it is looked up again after each."""
        block = el.tag in BLOCK_TAGS
        buffer = target if target is not None else (self.current if self.current is not None else self.page)
        if block:
            buffer.parts.append(" ")
        if el.text:
            buffer.add(el.text, in_link)
        for child in el:
            tag = child.tag
            child_block = False
            if isinstance(tag, str):  # not a comment or processing instruction
                child_block = tag in BLOCK_TAGS
                classes = child.get("class")
                if not (tag in SKIP_TAGS or (classes and "headerlink" in classes.split())
                        or child.get("data-search-exclude") is not None or child.get("hidden") is not None):
                    self.walk(child, target, in_link)
                    if target is None:
                        buffer = self.current if self.current is not None else self.page
            if child_block:
                buffer.parts.append(" ")
            if child.tail:
                buffer.add(child.tail, in_link)
        if block:
            buffer.parts.append(" ")


def _is_fact_table(table) -> bool:
    """A metadata table: every row is label/value pairs (索引号 | … | 主题分类 | …). Snippets should show the
    document's own words first, so its text goes after the body."""
    rows = table.xpath("./tr | ./tbody/tr | ./thead/tr")
    return bool(rows) and all(0 < len(row.xpath("./th")) == len(row.xpath("./td")) for row in rows)


_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True)


def parse_page(html: bytes | str, url: str, title: str = "") -> ParsedPage | None:
    """Records of one built page, or None when it has no <article> (redirects, 404). `title` is the page's title
    as the engine knows it (search.facts); without one, the text of the page's <h1>."""
    if isinstance(html, str):
        html = html.encode("utf-8")
    # Parse only the page's <article> (a built page is mostly navigation): several times faster.
    start, end = html.find(b"<article"), html.rfind(b"</article>")
    if start < 0 or end < start:
        return None
    # Plain lxml elements (no lxml.html element classes): the walk touches every node, that adds up.
    document = etree.fromstring(html[start:end + len(b"</article>")], _PARSER)
    fragment = document.find(".//article")
    walker = _Walker()
    walker.walk(fragment, None)
    title = title or walker.h1
    page_text = squeeze(walker.page.text() + " " + walker.facts.text())
    visible = len(page_text.replace(" ", "")) or 1
    listing = not walker.articles and walker.page.link_chars / visible > 0.5
    page = Record(url=url, title=title, text=page_text, page_url=url, listing=listing)
    status = "" if walker.status in VALID_STATUSES else walker.status
    articles = []
    seen: set[int] = set()
    for number, buffer, label in walker.articles:
        if number in seen:
            continue
        seen.add(number)
        text = buffer.text()
        article_label = label or _label_from_text(text) or f"第{number}条"
        articles.append(Record(url=f"{url}#art-{number}", title=f"{title} {article_label}", text=text,
                               page_url=url, article=number))
    seen_ids: set[str] = set()
    for ident, buffer, part_title in walker.parts:
        if ident not in seen_ids:
            seen_ids.add(ident)
            articles.append(Record(url=f"{url}#{ident}", title=part_title or title, text=buffer.text(), page_url=url))
    return ParsedPage(url=url, title=title, page=page, articles=articles, status=status,
                      first_date=walker.first_date)


_LABEL = re.compile(r"^(第[零〇一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?)")


def _label_from_text(text: str) -> str:
    match = _LABEL.match(text)
    return match.group(1) if match else ""


def page_files(site_dir: Path) -> list[tuple[str, Path]]:
    """(directory URL, file) of every built page, sorted by URL."""
    found = []
    for path in site_dir.rglob("index.html"):
        rel = path.parent.relative_to(site_dir).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith(("assets/", "searchindex/")):
            continue
        found.append((url, path))
    return sorted(found)
