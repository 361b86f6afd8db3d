"""The shapes every content type shares: the site model, generated pages and files, updates."""
from __future__ import annotations

import datetime as dt
import functools
import operator
import os
import posixpath
import stat
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from . import incremental
from .dates import WorkCalendar
from .mode import BuildMode
from .problems import Problems
from .yamlfile import Located


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str


class _PackableText:
    """A text attribute that may be kept zlib-compressed (`GeneratedPage.pack`): read, it is always the text."""

    def __set_name__(self, owner, name):
        self._slot = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return ""  # the default a dataclass asks its class for
        value = obj.__dict__[self._slot]
        return zlib.decompress(value).decode("utf-8") if isinstance(value, bytes) else value

    def __set__(self, obj, value: str) -> None:
        obj.__dict__[self._slot] = value


@dataclass
class GeneratedPage:
    """A page made from data. `html` is the article body; MkDocs and Material wrap it."""

    src_uri: str  # as if it were a Markdown file in content/, e.g. "laws/index.md"
    title: str
    html: str = _PackableText()  # type: ignore[assignment]
    toc: list[TocEntry] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # front matter for MkDocs/Material (description, hide …)
    search_text: str = ""  # plain text for search, when the HTML alone is not enough

    def pack(self) -> None:
        """Keep the HTML compressed until it is read. `mkdocs build` renders every page before MkDocs writes the
        first (the link check at review needs them all) and holds each until it is written: at 100,000
        documents a gigabyte of text, a seventh of that compressed. One read costs a millisecond or so."""
        value = self.__dict__["_html"]
        if isinstance(value, str):
            self.__dict__["_html"] = zlib.compress(value.encode("utf-8"), 1)


@dataclass
class GeneratedFile:
    """A non-page output such as a feed or a JSON file, written as bytes into the site."""

    dest_uri: str  # e.g. "feeds/notices.xml"
    content: bytes


@dataclass(frozen=True)
class Enclosure:
    url: str  # site-relative
    length: int  # bytes
    type: str  # media type


@dataclass(frozen=True)
class FeedItem:
    """One entry of RSS/Atom feeds, made from a Document (types/feeds/items.py). `feeds` names every feed it
    belongs to besides the site-wide one (e.g. "notices", "anzhi-gongshi")."""

    id: str  # stable across rebuilds and edits, unique site-wide, e.g. "notices/2024/anzhi-gongshi"
    title: str
    url: str  # site-relative page URL
    published: dt.datetime  # timezone-aware (Asia/Shanghai)
    updated: dt.datetime  # == published unless the document or its status changed
    feeds: tuple[str, ...]
    categories: tuple[str, ...] = ()
    summary: str = ""
    content_html: str = ""  # full HTML; links may be site-relative, the feed writer makes them absolute
    audiences: tuple[str, ...] = ()  # 精准服务: which audiences this concerns
    author: str = ""  # the issuing organisation
    enclosures: tuple[Enclosure, ...] = ()  # attachments: RSS carries the first, Atom every one


@dataclass(frozen=True)
class FeedChannel:
    """A feed a content type declares (title and description for feeds/<name>.xml and .atom and the 订阅 page).

    Items name their feeds in FeedItem.feeds; a name nobody declares still gets a feed with a plain title.
    """

    name: str  # file stem: feeds/<name>.xml, feeds/<name>.atom
    title: str
    description: str
    url: str  # site-relative HTML page the feed follows, e.g. "notices/"
    group: str = ""  # heading on the 订阅 page (公示公告, 法律法规 …)
    order: int = 50  # position on the 订阅 page
    audiences: tuple[str, ...] = ()  # 精准服务: items whose FeedItem.audiences include one of these join this feed


@dataclass
class EditorPage:
    """An editor's Markdown page in content/ with its validated front matter."""

    src_uri: str  # relative to content/
    file: str  # repository-relative path, for messages
    meta: dict
    body: str
    body_line: int  # line in the file where the body starts
    located: Located | None = None
    kind: str = "page"
    lifecycle: Any = None  # lifecycle.Lifecycle: a draft or scheduled document shown by make serve / previews
    # `mkdocs serve`: digest of the file's text (build.source_digest). The fields named here are made from that
    # text alone and never changed afterwards, so render cache keys describe them by the digest (render._describe).
    source_digest: str = ""
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = ("meta", "body", "body_line", "located")


@dataclass
class Site:
    root: Path
    settings: dict = field(default_factory=dict)
    settings_located: Located | None = None
    site_url: str = ""
    problems: Problems = field(default_factory=Problems)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    today: dt.date = field(default_factory=dt.date.today)
    # The build's moment (aware, Beijing): scheduled release needs the hour (lifecycle.py, dates.now)
    now: dt.datetime | None = None
    editor_pages: dict[str, EditorPage] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    types: list = field(default_factory=list)
    mode: BuildMode = field(default_factory=BuildMode)  # serve, preview or a release of make publish (mode.py)
    memo: Any = field(default=None, repr=False, compare=False)  # incremental.Memo under mkdocs serve
    texts: dict = field(default_factory=dict, repr=False, compare=False)  # files read in this load (read_text)
    real_folders: dict = field(default_factory=dict, repr=False, compare=False)  # folder -> resolved, this load
    listings: dict = field(default_factory=dict, repr=False, compare=False)  # folder -> listing(), this load
    lstats: dict = field(default_factory=dict, repr=False, compare=False)  # path -> os.lstat() or None, this load
    markdown: Any = field(default=None, repr=False, compare=False)  # markdown.Pipeline: the one Markdown pipeline

    # made once per Site, not per call: the loaders ask for them once per file of thousands on every save
    @functools.cached_property
    def content_dir(self) -> Path:
        return self.root / "content"

    @functools.cached_property
    def data_dir(self) -> Path:
        return self.root / "data"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def reuse(self, label: str, inputs, compute, copy=None):
        """compute(); under `mkdocs serve` its result is reused while `inputs` are the same (incremental.Memo:
        compute must read nothing but inputs)."""
        return compute() if self.memo is None else self.memo.reuse(label, inputs, compute, copy)

    def renders(self, label: str, inputs, compute, place=None):
        """reuse() for what templates make: the key also holds what every render reads besides its inputs
        (incremental.template_frame: the templates' text, the settings, the date, the law library's digest).

        `place` names what is rendered (a page's address, a document's id): the render is then a record of its
        inputs (made_from), compared with those of the last save rather than described and hashed. Most of a
        save's inputs are the very objects of the last one (documents handed over, rows derived from them), so
        a page whose inputs did not change costs a few identity checks instead of a walk through its context."""
        if self.memo is None:
            return compute()
        if place is not None:
            return self.memo.made_from(("render", label, place), (incremental.template_frame(self), inputs), compute)
        return self.memo.reuse(label, (incremental.template_frame(self), inputs), compute)

    def document(self, doc):
        """`doc`, or under make serve the equal Document this load or the last one handed out for its id
        (incremental.Memo.intern): made anew on every save, an unchanged document stays the same object, so the
        keys that hold it need not describe it again."""
        return doc if self.memo is None else self.memo.intern(("document", doc.id), doc)

    def document_from(self, doc_id: str, parts: tuple, make):
        """make(), a Document; under make serve the one handed out for `doc_id` before while `parts` are the same
        (incremental.Memo.made_from): a document is made again only when a file it is made of changed. `parts`
        name every input of make(): the digest of its own file (`source_digest`, which stands for everything
        made of that text alone) and what else it shows (another document's title, an attachment's size, the
        date's verdicts)."""
        return self.made_from(("document", doc_id), parts, make)

    def made_from(self, key, parts: tuple, make):
        """make(); under make serve the value handed out for `key` before while `parts`, which must name every
        input of make(), are the same (incremental.Memo.made_from)."""
        return make() if self.memo is None else self.memo.made_from(key, parts, make)

    def made_reporting(self, key, parts: tuple, make, equal=None):
        """made_from() for a step of the load that reports problems (a type's model object made from one file):
        the problems make() reported are kept with what it made and reported again whenever it is handed over,
        so a save that reuses it says what a fresh load would say, in the same order."""
        if self.memo is None:
            return make()

        def collected():
            reported, self.problems = self.problems, Problems()
            try:
                value = make()
                return value, tuple(self.problems.items)
            finally:
                self.problems = reported

        value, problems = self.memo.made_from(key, parts, collected, equal)
        self.problems.extend(problems)
        return value

    def last_made(self, key):
        """Under make serve, what made_from() (or made_reporting()) handed out for `key` in this load or the last;
        else None. For parts read from what a value was made of (the attachments a policy names): only valid
        while another part says the value's source is the same."""
        if self.memo is None:
            return None
        found = self.memo.records.get(key) or self.memo.records_before.get(key)
        return None if found is None else found[1]

    def derived(self, label: str, value, make):
        """make(value); under make serve, what it made of the same frozen object before (incremental.Memo.derived:
        a row made from an unchanged Document is the same row)."""
        return make(value) if self.memo is None else self.memo.derived(label, value, make)

    def read_text(self, path: Path) -> str:
        """A file's text (source.read_text: size, encoding, links out of the repository), read once per load:
        the personal-data scan and the loaders read the same files."""
        key = str(path)
        text = self.texts.get(key)
        if text is None:
            from .source import read_text

            if self.memo is None:
                text = read_text(path, self.root, self.real_folders)
            else:  # make serve: a file not touched since the last save is not read again (Memo.file_text) …
                status = _status_of(self._lstat(key)) if key in self.lstats else file_status(path)
                text = self.memo.file_text(key, status)
                if text is None:
                    text = read_text(path, self.root, self.real_folders)
                    self.memo.remember_file(key, status, text)
                # … and an unchanged file's text is the str read before, so keys holding it reuse its digest
                text = self.memo.intern(("text", key), text)
            self.texts[key] = text
        return text

    def text_read(self, path: Path) -> str | None:
        """The text read_text gave for this file in this load, or None when it was not read (or is forgotten)."""
        return self.texts.get(str(path))

    def forget_texts(self) -> None:
        """Drop the files' texts and the folders' listings once every reader has them (the model holds what it
        needs)."""
        self.texts.clear()
        self.listings.clear()
        self.lstats.clear()

    def _lstat(self, key: str):
        found = self.lstats.get(key, _UNASKED)
        if found is _UNASKED:
            try:
                found = os.lstat(key)
            except OSError:
                found = None
            self.lstats[key] = found
        return found

    def is_file(self, path: Path) -> bool:
        """path.is_file(), the file system asked once per load for each path: the loader of pages, the
        personal-data scan and the inspection each look through the same listings (Site.listing) on every save.
        A symbolic link, or a path that cannot be looked at, is asked of pathlib itself (a link is followed)."""
        found = self._lstat(str(path))
        if found is None or stat.S_ISLNK(found.st_mode):
            return path.is_file()
        return stat.S_ISREG(found.st_mode)

    def is_dir(self, path: Path) -> bool:
        """path.is_dir(), as is_file."""
        found = self._lstat(str(path))
        if found is None or stat.S_ISLNK(found.st_mode):
            return path.is_dir()
        return stat.S_ISDIR(found.st_mode)

    def listing(self, folder: Path) -> list[Path]:
        """sorted(folder.rglob("*")): every file and folder below it, walked once per load (the loader of pages,
        the personal-data scan, the inspection and the advice all look through data/ and content/)."""
        key = str(folder)
        found = self.listings.get(key)
        if found is None:
            # sorted as paths sort (part by part), by tuples compared in C rather than Path.__lt__ in Python
            found = self.listings[key] = sorted(folder.rglob("*"), key=_parts) if folder.is_dir() else []
        return found

    def yaml_files(self, folder: Path) -> list[Path]:
        """sorted(folder.glob("*.yml")): the names of one folder that end in .yml (hidden ones and folders too, as
        pathlib's glob gives them), in the order Paths of one folder sort in (by the name's str). One listing of
        the folder's names, without the glob's pattern match and Path comparisons per file: the loaders of the
        policies and interpretations list thousands of files on every save."""
        try:
            names = os.listdir(folder)
        except OSError:  # not there, not a folder, not readable: the glob gives nothing either
            return []
        return [folder / name for name in sorted(names) if name.endswith(".yml")]

    def editor_pages_under(self, prefix: str) -> list[EditorPage]:
        return [d for uri, d in sorted(self.editor_pages.items()) if uri.startswith(prefix)]

    def absolute_url(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url.lstrip("/")


_parts = operator.attrgetter("parts")


_UNASKED = object()


def file_status(path: Path) -> tuple | None:
    """What tells that a file was written (its inode, size, modification and change times), taken before it is
    read; None for a symbolic link (always read: where it points is checked then) or a file that is not there."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return _status_of(found)


def _status_of(found) -> tuple | None:
    """file_status from an os.lstat() result (None: not there); taken earlier in the same load, it is still taken
    before the file is read."""
    if found is None or stat.S_ISLNK(found.st_mode):
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_mode)


def page_url(src_uri: str) -> str:
    """Directory URL MkDocs gives a Markdown file (use_directory_urls): a/b.md -> a/b/, a/index.md -> a/."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


@functools.lru_cache(maxsize=1 << 17)
def relative_url(target: str, from_url: str) -> str:
    """Link from the page at directory URL `from_url` to site-relative `target` (both without leading /).

    Remembered: templates ask for the same few thousand links on every page, and posixpath.relpath is slow."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    base = "/" + from_url
    dest = "/" + target
    rel = posixpath.relpath(dest, base if base.endswith("/") else posixpath.dirname(base))
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    if rel == "./":
        rel = "./"
    return rel + anchor


@dataclass(frozen=True)
class ListPage:
    """One page of a list cut into pages (notices, the 目录, policies): base/, base/page/2/ …"""
    number: int
    items: list
    urls: list  # every page's URL, first to last (the pager's links)

    @property
    def src_uri(self) -> str:
        return self.urls[0] + "index.md" if self.number == 1 else f"{self.urls[0]}page/{self.number}.md"

    @property
    def only(self) -> bool:
        return len(self.urls) == 1


def list_pages(base: str, items: list, size: int) -> list[ListPage]:
    """`items` cut into pages of `size` (always at least one page, maybe empty)."""
    count = max(1, -(-len(items) // size))
    urls = [base] + [f"{base}page/{n}/" for n in range(2, count + 1)]
    return [ListPage(n, items[(n - 1) * size: n * size], urls) for n in range(1, count + 1)]


class ContentType:
    """Base of a content type module. Subclass, set `name`, override what the type needs.

    A module in govsite/types/ that defines `CONTENT_TYPE = MyType()` is picked up by itself.
    """

    name: str = ""
    label: str = ""  # Chinese name shown to the public
    order: int = 50  # load order; types that read others' models come later
    content_prefixes: tuple[str, ...] = ()  # folders of content/ whose Markdown this type owns
    front_matter_schema: Path | None = None

    def load(self, site: Site) -> None:
        """Read and validate data files; put the model in site.models[self.name]."""

    def loaded(self, site: Site) -> None:
        """After every type's load, before any check: finish what load() left running beside the other loads
        (the personal-data scan of a one-off build), reporting its problems."""

    def check(self, site: Site) -> None:
        """Checks across content types, after every type has loaded."""

    def pages(self, site: Site, renderer) -> Iterable[GeneratedPage]:
        return ()

    def files(self, site: Site, renderer) -> Iterable[GeneratedFile]:
        return ()

    def output_inputs(self, site: Site) -> tuple | None:
        """Under make serve, everything pages() and files() read besides what every render reads (the template
        frame, the site's address, the Markdown settings: build.render_site adds those), as plain data whose
        unchanged parts are the very objects of the last save (models and documents handed over). Given, the
        type's pages and files are a record of these (Memo.made_from): handed over as they were, page for page,
        while they are the same, instead of made and compared one by one on every save. None (the default):
        made on every save. A part left out serves a stale page: the tests make every record handed over again
        (Memo.verify) and compare."""
        return None

    def documents(self, site: Site) -> Iterable:
        """The documents this type publishes (govsite.document.Document), filled once from its model after
        every type has loaded and checked: the catalogue, feeds, search and the home page read them."""
        return ()

    def feed_channels(self, site: Site) -> Iterable[FeedChannel]:
        """Feeds this type names in its items, with their Chinese titles (see FeedChannel)."""
        return ()

    def document_html(self, site: Site, doc: EditorPage, renderer) -> tuple[str, str]:
        """HTML placed before and after the body of an editor's page this type owns (title, metadata, banners)."""
        return "", ""
