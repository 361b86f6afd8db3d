"""Links at review: every internal link and attachment an editor writes is checked where it is written.

`make check` and every build (the merge request's checks) convert each published text through the one Markdown
pipeline (govsite.markdown: its links come out site-relative, whatever the editor wrote) and look up every
internal target among what the build will publish: pages (the engine's and the editors'), and files under
content/ (attachments, images). A missing target, or one held back (a draft, a document scheduled for later, a
withdrawn one: govsite.lifecycle), is an error at the text's `文件:行`, so `make publish` is never the first to
find it. A bare `#anchor` must name a heading or an id of the same text, and an anchor into another page one of
that page's (its headings and ids as the engine renders them, or an id every page of a template carries); the
built output is checked again (govsite.guard.output) for what only the theme adds.

The conversions are the ones the pages reuse later in the same build (Pipeline's memo), so a build pays for them
once.
"""
from __future__ import annotations

import html as html_lib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from ..document import Body, all_documents
from ..lifecycle import register
from ..model import page_url

_HREF = re.compile(r'\s(href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_TEMPLATE_ID = re.compile(r'\sid="([^"{}%]+)"')  # an id written as it is in a template, not made by Jinja


@dataclass(frozen=True)
class Published:
    """What a build publishes, as site-relative paths: pages by their directory URL ("xxgk/zcwj/2024-001/", ""
    for the home page) and files by their path ("xxgk/fujian/a.pdf"). `anchors`, when known: the ids of a page
    by its directory URL (None for a page whose ids are not known before the theme writes it)."""

    pages: frozenset[str]
    files: frozenset[str]
    anchors: PageAnchors | None = None

    def has(self, target: str) -> bool:
        return self.page_of(target) is not None or unquote(target) in self.files

    def page_of(self, target: str) -> str | None:
        """The directory URL of the page `target` (a.b/, a/b, a/b/index.html) names, if the build publishes it."""
        path = unquote(target)
        if path in self.pages:
            return path
        if path.endswith("index.html") and path[: -len("index.html")] in self.pages:
            return path[: -len("index.html")]
        if path and not path.endswith("/") and (path + "/") in self.pages:
            return path + "/"
        return None


class PageAnchors:
    """The ids of the pages a build renders, read only for the pages that links name with an #anchor: the
    engine's pages from their HTML, editors' pages from their Markdown's conversion; and the ids that templates
    write around every page's text (id="meta"), and the theme's (__drawer …), which any page may carry."""

    def __init__(self, site, pages):
        self.site = site
        self.generated = {page_url(p.src_uri): p for p in pages}
        self.editor = {page_url(uri): page for uri, page in site.editor_pages.items()}
        self.known: dict[str, frozenset[str] | None] = {}
        self.template_ids = frozenset(
            match.group(1) for path in sorted((site.root / "overrides").rglob("*.html"))
            for match in _TEMPLATE_ID.finditer(path.read_text(encoding="utf-8")))

    def __call__(self, url: str) -> frozenset[str] | None:
        if url not in self.known:
            self.known[url] = self._ids(url)
        return self.known[url]

    def _ids(self, url: str) -> frozenset[str] | None:
        page = self.generated.get(url)
        if page is not None:
            html = page.html
            return frozenset(_ID.findall(html)) | {t.id for t in page.toc}
        editor = self.editor.get(url)
        if editor is not None:
            converted = self.site.markdown.convert(editor.body, editor.src_uri)
            return frozenset(_ID.findall(converted.html)) | {t.id for t in converted.toc}
        return None

    def has(self, url: str, anchor: str) -> bool | None:
        """Whether the page at `url` has the id `anchor`; None when its ids are not known."""
        ids = self(url)
        if ids is None:
            return None
        return anchor in ids or anchor in self.template_ids or anchor.startswith("__")


def published_of(page_uris: Iterable[str], file_uris: Iterable[str]) -> Published:
    """From the src_uris of every page (Markdown or generated) and the paths of every other file published."""
    return Published(frozenset(page_url(uri) for uri in page_uris), frozenset(file_uris))


@dataclass(frozen=True)
class DataLink:
    """A site-internal address written in YAML data (not Markdown): checked like a link in a text."""

    file: str
    line: int
    field: str
    url: str  # site-relative, as the schema asks ("xxgk/zcwj/")


def data_link(site, file: str, line: int, field_: str, url: str) -> None:
    """For a type loading an address from data: reviewed with the texts' links (review_links)."""
    site.models.setdefault("_data_links", []).append(DataLink(file, line, field_, url))


def texts(site) -> Iterator[Body]:
    """Every published text an editor wrote, once: documents' bodies and appendices, editors' pages. A draft's
    text is not its own reviewer's concern yet (it may link to another draft)."""
    seen: set[tuple[str, int]] = set()
    for doc in all_documents(site):
        for body in (doc.body, doc.appendix):
            if body is not None and body.markdown and not body.template and (body.file, body.line) not in seen:
                seen.add((body.file, body.line))
                if doc.lifecycle is None:
                    yield body
    for page in site.editor_pages.values():
        if (page.file, page.body_line) not in seen and page.lifecycle is None:
            seen.add((page.file, page.body_line))
            yield Body(markdown=page.body, base=page.src_uri, file=page.file, line=page.body_line)


def review_links(site, published: Published | None = None, held_back: bool = True) -> None:
    """Report, at its `文件:行`, every link of a published text to a held-back page (`held_back`: the load does
    this), and (when `published` is known: make check and builds, build.check_links) to a page or file the build
    does not publish, and every bare #anchor naming no heading or id of its own text."""
    # make serve and previews show drafts: a published page linking to one is reported there as in make build.
    by_page = register(site).by_page(shown=True) if held_back else {}
    if published is None and not by_page:
        return
    for body in texts(site):
        if published is None and not _may_link_to(body.markdown, by_page):
            continue  # speed: without the published set only links to held-back pages are looked for
        converted = site.markdown.convert(body.markdown, body.base, lines=body.lines)
        field_ = body.field if body.file.endswith((".yml", ".yaml")) else "正文"
        reported: set[str] = set()
        own_ids = None
        for target in site.derived("review: link targets", converted, _link_targets):
            if target in reported:
                continue
            path, _, anchor = target.partition("#")
            path = path.partition("?")[0]  # a.docx?v=2 is the file a.docx: the web server ignores the query
            item = by_page.get(target) or by_page.get(path)
            if item is None and not held_back and register(site).by_page(shown=True).get(path) is not None:
                continue  # held back: reported by the load
            if item is not None:
                reported.add(target)
                site.problems.error(body.file, line_of_link(body, path), field_,
                                    f"链接指向的{item.kind}《{item.title}》（{item.file}:{item.line}）{item.describe()}；"
                                    "已发布的页面不能链接到未发布或已撤回的信息，请删去链接或等它发布后再加")
                continue
            if published is None:
                continue
            if not path:  # a bare #anchor: into this text (its headings, attr_list ids, footnotes)
                if own_ids is None:
                    own_ids = {t.id for t in converted.toc} | set(_ID.findall(converted.html))
                if anchor and unquote(anchor) not in own_ids:
                    reported.add(target)
                    site.problems.error(body.file, line_of_link(body, "#" + anchor), field_,
                                        f"链接 #{anchor} 在本页中找不到对应的标题或锚点；请检查拼写，或删去“#”之后的部分")
                continue
            if path.startswith(".."):
                reported.add(target)
                site.problems.error(body.file, line_of_link(body, path), field_,
                                    f"链接 {_written(path)} 指向网站以外的位置；站内链接请写相对于本文件的路径，"
                                    "外部网站请写以 https:// 开头的完整地址")
                continue
            if not published.has(path):
                reported.add(target)
                site.problems.error(body.file, line_of_link(body, path), field_, _missing(path))
            elif anchor and published.anchors is not None:
                page = published.page_of(path)
                if page is not None and published.anchors.has(page, unquote(anchor)) is False:
                    reported.add(target)
                    site.problems.error(body.file, line_of_link(body, "#" + anchor), field_,
                                        f"链接 {_written(path)}#{anchor} 指向的页面中没有这个标题或锚点；"
                                        "请打开该页面核对标题，或删去“#”之后的部分")
    if published is not None:
        for link in site.models.get("_data_links", ()):
            path = link.url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
            if not published.has(path):
                site.problems.error(link.file, link.line, link.field, _missing(path))


def _link_targets(converted) -> tuple[str, ...]:
    """The site-relative targets of a converted text's links and images, in order (no scheme, no "//" host).
    Under make serve an unchanged text's conversion is the object made before, and so are these."""
    found = []
    for match in _HREF.finditer(converted.html):
        target = html_lib.unescape(match.group(2))
        if target and not target.startswith("//") and not _SCHEME.match(target):
            found.append(target)
    return tuple(found)


def _missing(path: str) -> str:
    kind = "页面" if path.endswith("/") or "." not in posixpath.basename(path) else "文件"
    return (f"链接指向的{kind}不存在：{_written(path)}；请检查路径和文件名"
            "（附件须放在 content/ 下并随本次提交一起提交）")


def _written(path: str) -> str:
    """A site-relative path as an address from the site's root (a path leaving the site as it was written)."""
    if path.startswith(".."):
        return path
    return "/" + path if path and not path.startswith("/") else path or "/"


def _may_link_to(markdown: str, by_page: dict) -> bool:
    """A link to a held-back page names its last path segment (a.md, ../2026/a/, /xxgk/zcwj/2024-001/)."""
    segments = {url.split("#", 1)[-1] if "#" in url else url.rstrip("/").rsplit("/", 1)[-1] for url in by_page}
    return any(segment and segment in markdown for segment in segments)


def line_of_link(body: Body, target: str) -> int:
    """The line of the body that links to `target`: the first naming its last path segment (or .md file), else
    the first line of the text."""
    segment = target.rstrip("/").rsplit("/", 1)[-1]
    candidates = [segment] if segment else []
    if segment and not segment.startswith("#") and "." not in segment:
        candidates.insert(0, segment + ".md")
    for candidate in candidates:
        for offset, line in enumerate(body.markdown.split("\n")):
            if candidate in line:
                return body.line + offset
    return body.line

