"""`mkdocs serve --dirty`: write only the pages whose output changes (issue 9, the editor loop).

MkDocs renders every page through Material's templates on each rebuild; with thousands of pages that is most of
the time between an editor saving a file and the browser showing it. MkDocs' own --dirty skips a page when its
source file is older than its output, which is wrong here twice: generated pages have no source file (MkDocs
always rebuilds them), and an editor's page can change without its file changing (a correction elsewhere, a
law title it cites). So the adapter asks this module instead, by content:

- every page is still read (populate phase: the engine's HTML, title, meta and toc are fresh); its Markdown is
  converted again only when the converted text, its place, the file set or mkdocs.yml changed (ConversionCache);
- before pages are written, a page is skipped only if its fingerprint (title, meta, toc, final HTML) equals the
  one written last time, its output file still exists, and nothing every page shows has changed (nav titles and
  URLs, config.extra, mkdocs.yml, templates): the "frame" key. Any doubt → the page is written.
- outputs of pages that no longer exist are deleted, so a removed page is not served either.

The engine keeps its own serve caches, by content too: build.ParseCache (each file parsed and validated once
per text) and render.RenderCache (a generated page rendered again only for a new context).

No MkDocs import: the adapter passes MkDocs' objects in; only attributes are read.
"""
from __future__ import annotations

import copy
import gc
import hashlib
import os
import threading
from pathlib import Path


def _digest(*parts) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass") if not isinstance(part, str) else part.encode())
        h.update(b"\0")
    return h.hexdigest()


def _nav_key(items) -> list:
    out = []
    for item in items or ():
        out.append((type(item).__name__, str(getattr(item, "title", "")), getattr(item, "url", None),
                    _nav_key(getattr(item, "children", None))))
    return out


def _tree_key(folder: Path) -> list:
    """Names, sizes and mtimes of every template file (cheap; a changed template changes every page)."""
    if not folder.is_dir():
        return []
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in folder.rglob("*") if p.is_file())


class PageSkipper:
    def __init__(self):
        self.enabled = False
        self.building = False  # False while pages are read (always "modified"), True while they are written
        self.frame = ""
        self.written: dict[str, str] = {}  # output path -> fingerprint of what was written there
        self.current: dict[str, str] = {}  # output path -> fingerprint in this build
        self.skipped = 0

    def start(self) -> None:
        self.building = False
        self.current = {}
        self.skipped = 0

    def watch(self, file) -> None:
        """Let this module answer MkDocs' `file.is_modified()` for a page."""
        file.is_modified = lambda: self.is_modified(file)

    def before_writing(self, config, nav, pages) -> None:
        """All pages are read; compute the frame key and every page's fingerprint."""
        config_file = getattr(config, "config_file_path", None)
        theme_dirs = [Path(d) for d in getattr(config.theme, "dirs", [])[:1]]  # custom_dir (overrides/)
        frame = _digest(
            Path(config_file).read_bytes().hex() if config_file and os.path.exists(config_file) else "",
            repr(sorted((str(k), repr(v)) for k, v in dict(config.extra).items())),
            _nav_key(getattr(nav, "items", None)),
            [_tree_key(d) for d in theme_dirs],
            sorted(str(f) for f in config.extra_css), sorted(str(f) for f in config.extra_javascript),
        )
        if frame != self.frame:
            self.written.clear()
            self.frame = frame
        for page in pages:
            self.current[page.file.abs_dest_path] = _digest(
                page.title, sorted((str(k), repr(v)) for k, v in page.meta.items()), str(page.toc),
                page.content, getattr(page.previous_page, "url", None), getattr(page.next_page, "url", None))
        self.building = True

    def is_modified(self, file) -> bool:
        if not (self.enabled and self.building):
            return True
        dest = file.abs_dest_path
        fingerprint = self.current.get(dest)
        unchanged = fingerprint is not None and self.written.get(dest) == fingerprint and os.path.exists(dest)
        self.skipped += unchanged
        return not unchanged

    def after_writing(self) -> list[str]:
        """Remember what was written; return outputs of pages that are gone (the caller deletes them)."""
        gone = [dest for dest in self.written if dest not in self.current]
        self.written = dict(self.current)
        self.building = False
        return gone


class ConversionCache:
    """`mkdocs serve --dirty`: a page whose Markdown is unchanged is not converted again.

    MkDocs converts every page on every save (populate phase), even the engine's generated pages, whose
    Markdown is empty and whose HTML comes from the engine. The result of a conversion depends on the page's
    Markdown (after the adapter's on_page_markdown: citations already expanded), the page's place (relative
    links), the set of files (links to other pages) and mkdocs.yml (extensions and their settings): that is
    the key. A page's result is stored under its src_uri, so memory stays one entry per page.
    Not used under `strict`: a reused conversion does not log its link warnings again. Used only with Markdown
    extensions known to read nothing but the page's text (an extension that includes other files, such as
    pymdownx.snippets, would need those files in the key): see PURE_EXTENSIONS.
    """

    PURE_EXTENSIONS = frozenset({"toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition",
                                 "footnotes", "def_list", "abbr", "sane_lists", "meta", "nl2br", "smarty",
                                 "codehilite", "wikilinks"})

    @classmethod
    def usable(cls, extensions, strict: bool) -> bool:
        names = [e if isinstance(e, str) else type(e).__module__ for e in extensions]
        return not strict and all(n.removeprefix("markdown.extensions.") in cls.PURE_EXTENSIONS for n in names)

    def __init__(self):
        self.enabled = False
        self.frame = ""
        self.entries: dict[str, tuple] = {}  # src_uri -> (key, result)
        self.hits = 0

    def start(self, config_file: str | None, src_uris) -> None:
        frame = _digest(Path(config_file).read_bytes().hex() if config_file and os.path.exists(config_file) else "",
                        sorted(src_uris))
        if frame != self.frame:
            self.entries.clear()
            self.frame = frame
        self.hits = 0

    def wrap(self, page) -> None:
        """Answer `page.render(config, files)` from the cache when the key is equal (MkDocs calls it next)."""
        if not self.enabled:
            return
        original = page.render

        def render(config, files):
            key = (page.url, page.file.dest_uri, page.markdown)
            cached = self.entries.get(page.file.src_uri)
            if cached is not None and cached[0] == key:
                content, toc, title, anchors, links = cached[1]
                linked = {}
                for src_uri, targets in (links or {}).items():
                    target = files.get_file_from_path(src_uri)
                    if target is None:  # cannot happen with the same file set; any doubt -> convert
                        break
                    linked[target] = dict(targets)
                else:
                    page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
                    page.present_anchor_ids = set(anchors) if anchors is not None else None
                    if links is not None:
                        page.links_to_anchors = linked
                    self.hits += 1
                    return
            original(config, files)
            links = getattr(page, "links_to_anchors", None)
            self.entries[page.file.src_uri] = (key, (
                page.content, copy.deepcopy(page.toc), getattr(page, "_title_from_render", None),
                set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                {f.src_uri: dict(t) for f, t in links.items()} if links is not None else None))

        page.render = render


def _copy_meta(value):
    """A fresh copy of front matter (YAML data: dicts, lists, sets, scalars, dates): callers change page.meta."""
    if isinstance(value, dict):
        return {k: _copy_meta(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_meta(v) for v in value]
    if isinstance(value, set):
        return set(value)
    return value  # str, numbers, dates, None: immutable


class SourceCache:
    """`mkdocs serve --dirty`: a page's text is split into Markdown and front matter again only when it changed.

    MkDocs reads every page and parses its front matter (a YAML parse) on every save. MkDocs' splitter
    (mkdocs.utils.meta.get_data) is a function of the text alone, so the text itself is the key: every file is
    still read on every save, only the parse of an unchanged text is saved. Callers get a fresh copy of the front
    matter (the adapter and MkDocs change page.meta). Entries not asked for in a build are dropped.
    """

    def __init__(self):
        self.entries: dict[str, tuple] = {}
        self.kept: dict[str, tuple] = {}
        self.hits = 0

    def start(self) -> None:
        if self.kept:
            self.entries = self.kept
        self.kept, self.hits = {}, 0

    def wrap(self, get_data):
        """`get_data` behind the cache (the adapter puts it in MkDocs' place under make serve)."""
        def cached(doc):
            entry = self.entries.get(doc) or self.kept.get(doc)
            if entry is None:
                markdown, data = get_data(doc)
                self.kept[doc] = (markdown, _copy_meta(data))
                return markdown, data
            self.kept[doc] = entry
            self.hits += 1
            return entry[0], _copy_meta(entry[1])

        return cached


class CollectorPause:
    """`mkdocs serve --dirty`: Python's cycle collector is paused while a rebuild runs, and run once after it.

    A rebuild allocates millions of objects, so the collector ran one or two full passes over the whole heap (the
    site model, the caches, MkDocs' and Material's objects) during every save: 0.2–0.35 s of the save's 1.6–2.3 s
    CPU at 2,000 documents. Nothing the build writes depends on it. Objects are still freed as soon as their last
    reference goes; only garbage in reference cycles waits, for the collection `resume` starts DELAY seconds after
    the build, when the edited page is already served. Memory therefore holds at most one rebuild's cycles more.
    """

    DELAY = 1.0

    def __init__(self):
        self.paused = False

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def resume(self) -> None:
        if not self.paused:
            return
        self.paused = False
        gc.enable()
        timer = threading.Timer(self.DELAY, gc.collect)
        timer.daemon = True
        timer.start()
