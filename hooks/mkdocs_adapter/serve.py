"""`make serve` (mkdocs serve --dirty): what only MkDocs does, kept by the engine's one rule (govsite.incremental:
declared inputs → digest).

MkDocs renders every page through Material's templates on each rebuild; with thousands of pages that is most of
the time between an editor saving a file and the browser showing it. MkDocs' own --dirty skips a page when its
source file is older than its output, which is wrong here twice: generated pages have no source file (MkDocs
always rebuilds them), and an editor's page can change without its file changing (a correction elsewhere, a law
title it cites). So:

- PageSkipper: before pages are written, a page is skipped only if the digest of what it shows (title, meta, toc,
  HTML, neighbours) and of what every page shows (nav titles and URLs, config.extra, mkdocs.yml, templates: the
  frame) equals the one written last time, and its output file still exists. Any doubt → the page is written.
  Outputs of pages that no longer exist are deleted, so a removed page is not served either.
- front_matter: MkDocs reads every page and splits its front matter (a YAML parse) on every save; the split is a
  function of the text alone, reused through the engine's Memo.
- theme_files: MkDocs lists every file of the theme folders on each rebuild to pick the static ones it copies;
  the pick is reused while the folders' listing is the same.
- SaveWatcher: a save is noticed when the file system reports it, not at MkDocs' next poll of every file.
- CollectorPause: the cycle collector waits until the page is served.
- mount_editor: the browser editor (govsite.editor) answers under /bianji/.
- stop_like_ctrl_c: a service manager's or a test's SIGTERM, or the editor's terminal closing (SIGHUP), ends the
  server the way Ctrl-C does, so MkDocs removes the copy of the site it builds into a temporary folder.
"""
from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import logging
import os
import signal
import threading
import time
from pathlib import Path

from govsite.incremental import Memo, digest


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


def _fingerprint(*parts) -> bytes:
    return digest(repr(parts))


def _html_digest(html) -> bytes:
    return hashlib.sha1(str(html or "").encode("utf-8", "surrogatepass")).digest()


def _page_fingerprint(page, html_digest: bytes) -> bytes:
    """What one page shows: title, meta, toc, neighbours and its HTML (`html_digest`: most of the bytes, hashed as
    they are, without the copy and escaping repr() would make of them)."""
    h = hashlib.sha1(repr((page.title, sorted((str(k), repr(v)) for k, v in page.meta.items()), str(page.toc),
                           getattr(page.previous_page, "url", None), getattr(page.next_page, "url", None)))
                     .encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(html_digest)
    return h.digest()


def page_inputs(shown, tags, lastmod: str, html_digest: bytes) -> bytes:
    """The digest of a page's inputs (PageSkipper.inputs_of): what it shows, its 网页元数据, its sitemap date, its
    HTML's digest."""
    h = hashlib.sha1(repr((shown, tags, lastmod)).encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(html_digest)
    return h.digest()


def same_parts(a, b) -> bool:
    """Whether two values are the same data: equal, and of the same types throughout (1, 1.0 and True are equal
    but a template prints them differently), so that what repr() would write of them is the same. Dicts, lists,
    tuples and dataclasses (a table of contents' entries) are compared part by part."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is str or kind is bytes or kind is int or kind is bool:
        return a == b
    if kind is dict:
        return (len(a) == len(b) and list(a) == list(b)  # the same keys in the same order
                and all(same_parts(value, b[key]) for key, value in a.items()))
    if kind is list or kind is tuple:
        return len(a) == len(b) and all(same_parts(x, y) for x, y in zip(a, b))
    if dataclasses.is_dataclass(a):
        return all(same_parts(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if kind is float:
        return a == b and repr(a) == repr(b)  # 0.0 and -0.0
    return False  # anything else (dates, sets, objects): told again


class PageSkipper:
    """Which pages MkDocs reads and writes on a save.

    Two steps. Before MkDocs reads a page (its page events, its front matter, its HTML from the engine), the page's
    inputs as the adapter knows them (`inputs_of`: the engine's title, meta, table of contents and HTML for the page,
    the editor's text, the page's 网页元数据) are compared with those it had when it was last written: the same
    inputs, the same frame (`check_frame`: every page shows it) and its output still there, and MkDocs is told the
    page is not modified, so it neither reads nor writes it; its meta (which sitemap.xml reads from every page) is
    the one it had then. Every other page is read, and before pages are written the digest of what it shows (title,
    meta, toc, HTML, neighbours) decides whether it is written. Pages of the nav are always read: the others show
    their titles. Any doubt → the page is read and, if its digest changed, written."""

    def __init__(self):
        self.enabled = False
        self.building = False  # False while pages are read, True while they are written
        self.frame = b""
        self.written: dict[str, bytes] = {}  # output path -> digest of what was written there
        self.current: dict[str, bytes] = {}  # output path -> digest in this build
        # output path -> (the page's HTML, its digest) in the last build: the engine hands out an unchanged page's
        # HTML as the very str it made before (govsite.incremental), whose digest need not be computed again
        self.html_digests: dict[str, tuple] = {}
        self.skipped = 0
        self.files: dict[str, bytes] = {}  # output path -> digest of the engine's file (feed, JSON) written there
        # inputs_of(file, shown_alone) -> digest of a page's inputs (or of what the nav shows of it: shown_alone),
        # or None (always read it): set by the adapter
        self.inputs_of = None
        self.inputs: dict[str, tuple] = {}  # output path -> (digest of inputs, page meta) when it was last written
        self.inputs_now: dict[str, tuple] = {}  # ... in this build (kept once it is written)
        self.unread: set[str] = set()  # output paths of pages MkDocs was told not to read in this build
        self.early = b""  # check_frame's digest in the last build
        self.always_read: set[str] = set()  # output paths of the nav's pages (the others show their titles)

    def unchanged_file(self, target: Path, content: bytes) -> bool:
        """Whether the engine's file `target` already holds `content` (written by this session, still there)."""
        return self.files.get(str(target)) == hashlib.sha1(content).digest() and target.is_file()

    def wrote_file(self, target: Path, content: bytes) -> None:
        self.files[str(target)] = hashlib.sha1(content).digest()

    def start(self) -> None:
        self.building = False
        self.current = {}
        self.inputs_now = {}
        self.unread = set()
        self.skipped = 0

    def watch(self, file) -> None:
        """Let this module answer MkDocs' `file.is_modified()` for a page."""
        file.is_modified = lambda: self.is_modified(file)

    def html_digest(self, dest: str, html) -> bytes:
        """The digest of a page's HTML: the one computed before when it is the very str of the last build."""
        known = self.html_digests.get(dest)
        return known[1] if known is not None and known[0] is html else _html_digest(html)

    def _frame(self, config, nav) -> bytes:
        config_file = getattr(config, "config_file_path", None)
        theme_dirs = [Path(d) for d in getattr(config.theme, "dirs", [])[:1]]  # custom_dir (overrides/)
        return _fingerprint(
            Path(config_file).read_bytes().hex() if config_file and os.path.exists(config_file) else "",
            sorted((str(k), repr(v)) for k, v in dict(config.extra).items()),
            _nav_key(getattr(nav, "items", None)),
            [_tree_key(d) for d in theme_dirs],
            sorted(str(f) for f in config.extra_css), sorted(str(f) for f in config.extra_javascript),
        )

    def check_frame(self, config, nav) -> None:
        """Before any page is read: what every page shows (mkdocs.yml, config.extra, the nav, the templates) as far
        as it is known before the pages of the nav are read (their titles are not), with the inputs of those pages
        (which their titles come from). When it changed, or a nav page's inputs cannot be told, every page is read."""
        nav_pages = list(getattr(nav, "pages", ()))
        self.always_read = {page.file.abs_dest_path for page in nav_pages}
        nav_inputs = [self.inputs_of(page.file, True) if self.inputs_of is not None else None for page in nav_pages]
        early = b"" if None in nav_inputs else _fingerprint(self._frame(config, nav), nav_inputs)
        if not early or early != self.early:
            self.inputs.clear()  # nothing is left unread
        self.early = early

    def before_writing(self, config, nav, pages, populate) -> None:
        """All pages are read (or known unchanged); compute the frame (nav titles included now) and every read
        page's digest. `populate(page)` reads a page MkDocs was told not to read, for when the frame changed after
        all (never expected: the early frame holds what the nav titles come from)."""
        frame = self._frame(config, nav)
        if frame != self.frame:
            if self.frame:  # the editor waits longer for this save: say why
                logging.getLogger("govsite").info(
                    "本次修改涉及每个页面（mkdocs.yml、导航、网站设置或模板有变化）：全部页面重新写出，耗时较长")
            self.written.clear()
            self.frame = frame
            for page in pages:
                if page.file.abs_dest_path in self.unread:
                    populate(page)
            self.unread.clear()
        html_digests = {}
        for page in pages:
            dest = page.file.abs_dest_path
            if dest in self.unread:  # as it was written last time: its digest and meta are those of then
                self.current[dest] = self.written[dest]
                known = self.html_digests.get(dest)
                if known is not None:
                    html_digests[dest] = known
                page.meta = copy_meta(self.inputs_now[dest][1])
                continue
            html_digest = self.html_digest(dest, page.content)
            html_digests[dest] = (page.content, html_digest)
            self.current[dest] = _page_fingerprint(page, html_digest)
            if dest in self.inputs_now:
                # the meta as the sitemap reads it, before the page's own context adds to it
                self.inputs_now[dest] = (self.inputs_now[dest][0], copy_meta(page.meta))
        self.html_digests = html_digests
        self.building = True

    def is_modified(self, file) -> bool:
        if not self.enabled:
            return True
        dest = file.abs_dest_path
        if not self.building:  # MkDocs asks whether to read the page
            if dest in self.always_read:
                return True
            inputs = self.inputs_of(file) if self.inputs_of is not None else None
            if inputs is None:
                return True
            known = self.inputs.get(dest)
            self.inputs_now[dest] = (inputs, None)
            if (known is not None and known[0] == inputs and dest in self.written and known[1] is not None
                    and os.path.exists(dest)):
                self.unread.add(dest)
                self.inputs_now[dest] = known
                return False
            return True
        fingerprint = self.current.get(dest)
        # a page left unread was found there when MkDocs asked whether to read it, moments ago in this build
        unchanged = fingerprint is not None and self.written.get(dest) == fingerprint and (
            dest in self.unread or os.path.exists(dest))
        self.skipped += unchanged
        return not unchanged

    def after_writing(self) -> list[str]:
        """Remember what was written; return outputs of pages that are gone (the caller deletes them)."""
        gone = [dest for dest in self.written if dest not in self.current]
        self.written = dict(self.current)
        self.inputs = {dest: known for dest, known in self.inputs_now.items() if known[1] is not None}
        self.building = False
        return gone


def copy_meta(value):
    """A fresh copy of front matter (YAML data: dicts, lists, sets, scalars, dates): callers change page.meta."""
    if isinstance(value, dict):
        return {k: copy_meta(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_meta(v) for v in value]
    if isinstance(value, set):
        return set(value)
    return value  # str, numbers, dates, None: immutable


def front_matter(get_data, memo):
    """MkDocs' splitter (mkdocs.utils.meta.get_data) behind the engine's Memo: a page's text is split again only
    when it changed; callers get a fresh copy of the front matter (MkDocs and the adapter change page.meta)."""
    def split(doc):
        markdown, data = memo.reuse("mkdocs: front matter", doc, lambda: get_data(doc),
                                    lambda result: (result[0], copy_meta(result[1])))
        return markdown, data

    split.govsite_cached = True
    return split



def canonical_urls(set_canonical_url):
    """MkDocs' Page._set_canonical_url with its result remembered by (site_url, page URL): MkDocs makes a Page
    object for every page on every rebuild (8,132 at 10,000 documents) and joins and splits the same two URLs for
    each, some 0.1 s of a save. The result is a function of those two strings alone (MkDocs' own code makes it)."""
    from urllib.parse import urljoin, urlsplit

    @functools.lru_cache(maxsize=1 << 17)
    def joined(base: str, url: str) -> tuple[str, str]:
        if not base.endswith("/"):
            base += "/"
        canonical = urljoin(base, url)
        return canonical, urlsplit(canonical).path

    def set_url(page, base):
        if not base:
            return set_canonical_url(page, base)
        page.canonical_url, page.abs_url = joined(base, page.url)

    set_url.govsite_cached = True
    return set_url

def theme_templates(build_theme_template, written: dict):
    """MkDocs' _build_theme_template (sitemap.xml and its gzip file, 404.html) rendering as MkDocs does, but writing
    only what changed. MkDocs writes them on every rebuild, and the output guard, which reads every file whose
    status changed, then read sitemap.xml (a line for each of 8,000 pages at 10,000 documents), its gzip file and
    the 404 page again on every save. A file is left as it is while what MkDocs would write there is the same
    (the gzip file's bytes follow from the XML's, its name and its timestamp, all compared) and its status is
    the one this session left it with: a file another hand wrote is written again. `written`: path -> (what was
    written there, the status it had then), kept by the caller for the session."""
    import gzip
    import io

    from jinja2 import TemplateNotFound
    from mkdocs import utils
    from mkdocs.commands.build import _build_template

    def unchanged(path: str, made) -> bool:
        known = written.get(path)
        # and settled: a second write within the same tick of the file system's clock need not change the status
        return (known is not None and known[0] == made and known[1] is not None and _status(path) == known[1]
                and max(known[1][3], known[1][4]) < time.time_ns() - Memo.SETTLED_NS)

    def write(path: str, data: bytes, made) -> None:
        utils.write_file(data, path)
        written[path] = (made, _status(path))

    def build(template_name, env, files, config, nav):
        try:
            template = env.get_template(template_name)
        except TemplateNotFound:  # MkDocs warns about it
            return build_theme_template(template_name, env, files, config, nav)
        output = _build_template(template_name, template, files, config, nav)
        if not output.strip():
            return build_theme_template(template_name, env, files, config, nav)  # MkDocs says so
        data = output.encode("utf-8")
        output_path = os.path.join(config.site_dir, template_name)
        made = hashlib.sha1(data).digest()
        if not unchanged(output_path, made):
            write(output_path, data, made)
        if template_name == "sitemap.xml":
            gz_filename = f"{output_path}.gz"
            timestamp = utils.get_build_timestamp(
                pages=[f.page for f in files.documentation_pages() if f.page is not None])
            gz_made = (made, gz_filename, timestamp)
            if not unchanged(gz_filename, gz_made):
                buffer = io.BytesIO()  # as MkDocs writes it: its name and timestamp are in the gzip header
                with gzip.GzipFile(fileobj=buffer, filename=gz_filename, mode="wb", mtime=timestamp) as gz_buf:
                    gz_buf.write(data)
                write(gz_filename, buffer.getvalue(), gz_made)

    build.govsite_cached = True
    return build




def _status(path: str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _theme_folder_key(folder: str):
    """What a theme folder's pick depends on: the listing of a folder of the project (overrides/: small, and
    editors change it); an installed theme (Material's templates hold some 14,000 icon files) by its place alone,
    since installed packages do not change under a running `make serve` (like the engine's code: restart after
    upgrading)."""
    if {"site-packages", "dist-packages"} & set(Path(folder).parts):
        return folder
    return (folder, _tree_key(Path(folder)))


def theme_files(add_files_from_theme, memo):
    """MkDocs' Files.add_files_from_theme behind the engine's Memo. MkDocs walks every theme folder and matches
    each name against a dozen patterns on every rebuild (50 ms of a save at 2,000 documents) to find the same
    few dozen static files. The pick (path, folder) is made by MkDocs' own method on an empty collection and
    reused while the theme folders are the same; a file of docs_dir still overrides a theme file, as in MkDocs."""
    from mkdocs.structure.files import File, Files

    def pick(env, config) -> list[tuple[str, str]]:
        found = Files([])
        add_files_from_theme(found, env, config)
        return [(file.src_uri, file.src_dir) for file in found]

    def add(files, env, config):
        inputs = ([_theme_folder_key(d) for d in config.theme.dirs], list(config.theme.static_templates))
        for path, folder in memo.reuse("mkdocs: theme files", inputs, lambda: pick(env, config)):
            if files.get_file_from_path(path) is None:
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add.govsite_cached = True
    return add


class CollectorPause:
    """Python's cycle collector is paused while a rebuild runs, and run once after it.

    A rebuild allocates millions of objects, so the collector ran one or two full passes over the whole heap (the
    site model, the incremental layer, MkDocs' and Material's objects) during every save: 0.2–0.35 s of the save's
    1.6–2.3 s CPU at 2,000 documents. Nothing the build writes depends on it. Objects are still freed as soon as
    their last reference goes; only garbage in reference cycles waits, for the collection that runs DELAY seconds
    after the build, when the edited page is already served. The collector is switched back on only then: on at
    once, it would collect the youngest generation (everything the rebuild allocated) at the next allocation,
    inside the rebuild. A save within DELAY keeps it paused.
    """

    DELAY = 1.0

    def __init__(self):
        self.paused = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def pause(self) -> None:
        with self._lock:
            if self._timer is not None:  # still paused from the last rebuild: keep it so
                self._timer.cancel()
                self._timer = None
                self.paused = True
            elif gc.isenabled():
                gc.disable()
                self.paused = True

    def resume(self) -> None:
        with self._lock:
            if not self.paused:
                return
            self.paused = False
            self._timer = threading.Timer(self.DELAY, self._collect)
            self._timer.daemon = True
            self._timer.start()

    def _collect(self) -> None:
        with self._lock:
            if self._timer is None:  # a rebuild started meanwhile and paused it again
                return
            self._timer = None
            gc.enable()
        gc.collect()


class SaveWatcher:
    """The editor's save starts the rebuild as soon as the operating system reports it.

    MkDocs' serve looks for changes by walking every watched file twice a second (a polling observer, which works
    everywhere): a save waited 0–0.5 s, 0.3 s on average, before its rebuild started, and each walk stats every
    file of content/ and data/ under the interpreter's lock while a rebuild runs. Where the system reports
    changes (inotify on Linux, FSEvents, ReadDirectoryChangesW: watchdog's native observer) the same folders are
    watched that way instead, for writes, creations, deletions and moves only: the build's own reads of those
    files report nothing. Where it cannot (no native observer, too many watches), MkDocs' polling stays as it is.
    """

    def __init__(self):
        self.observer = None

    def install(self, server, config) -> bool:
        """Watch mkdocs.yml, the docs folder and `watch:` natively and stop MkDocs polling them. False (MkDocs'
        polling untouched) when the native observer is not available."""
        try:
            from watchdog import events
            from watchdog.observers import Observer
            from watchdog.observers.polling import PollingObserver
        except ImportError:
            return False
        if issubclass(Observer, PollingObserver):
            return False
        config_file = os.path.abspath(config.config_file_path) if config.config_file_path else None
        watched = [config.docs_dir, *config.watch]  # a path not there yet is left to MkDocs, which polls for it
        folders = [os.path.abspath(p) for p in watched if os.path.isdir(p)]
        files = [os.path.abspath(p) for p in config.watch if os.path.isfile(p)] + ([config_file] if config_file else [])
        wanted = set(files)

        def rebuild() -> None:
            with server._rebuild_cond:  # what MkDocs' own watcher does on a change
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        in_folders = events.FileSystemEventHandler()  # anything under a watched folder
        in_folders.on_any_event = lambda event: rebuild()
        beside_files = events.FileSystemEventHandler()  # a watched file, among the others of its folder
        beside_files.on_any_event = lambda event: rebuild() if {event.src_path, event.dest_path} & wanted else None
        kinds = [events.FileModifiedEvent, events.FileClosedEvent, events.FileCreatedEvent, events.FileDeletedEvent,
                 events.FileMovedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]
        observer = Observer()
        try:
            for folder in folders:
                observer.schedule(in_folders, folder, recursive=True, event_filter=kinds)
            for parent in sorted({os.path.dirname(f) for f in files}):  # a file is watched through its folder
                observer.schedule(beside_files, parent, recursive=False, event_filter=kinds)
            observer.start()
        except OSError as exc:  # e.g. the system's limit of watches: MkDocs' polling keeps working
            logging.getLogger("govsite").info("文件监视改用轮询（%s）", exc)
            observer.stop()
            return False
        self.observer = observer
        for path in [os.path.abspath(config.docs_dir), *([config_file] if config_file else [])]:
            if path in server._watched_paths:
                server.unwatch(path)
        # MkDocs polls what is left in `watch:` after on_serve
        config.watch[:] = [p for p in config.watch if os.path.abspath(p) not in folders + files]
        # MkDocs puts its reload script into pages, and names what it watches, only while it watches something:
        # what is watched here is listed there too, without a polling watch of its own.
        for path in [*folders, *files]:
            server._watched_paths.setdefault(path, 1)
        return True


def mount_editor(server, root: Path):
    """The engine's editor app (govsite/editor/app.py: the editor's page, its local backend and the check of the
    entry being edited) in front of everything MkDocs serves, under /bianji/ only."""
    import sys

    from govsite import lan
    from govsite.editor.app import PREFIX, EditorApp

    server.set_app(EditorApp(root, server.get_app()))
    host, port = server.server_address[:2]
    if host in ("0.0.0.0", "::", ""):  # make serve-lan: where colleagues on the office network open it
        shown = [f"http://{address}:{port}{PREFIX}" for address in lan.addresses()] or [f"http://<本机地址>:{port}{PREFIX}"]
    else:
        shown = [f"http://{host}:{port}{PREFIX}"]
    print(f"网页编辑器：{'、'.join(shown)}（在浏览器中用表单编辑；说明见 EDITING.md 开头一节）", file=sys.stderr)
    return server


def stop_like_ctrl_c() -> None:
    """MkDocs builds the served site into a new folder under /tmp on every start (tens of MB) and removes it only
    when Ctrl-C stops the server: the default action of SIGTERM and SIGHUP kills the process before that, and the
    folders pile up. Both signals are turned into the KeyboardInterrupt MkDocs already handles."""
    if threading.current_thread() is not threading.main_thread():
        return  # only the main thread may set handlers; MkDocs calls on_serve there

    server_pid = os.getpid()
    stopping = []

    def interrupt(signum, frame):
        if os.getpid() != server_pid:  # a child forked from the server (the search index) stops as it did before
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if stopping:
            # Stopping `make serve` as a group (a service manager, a test, a closed terminal) signals the server
            # twice: once itself, once through make, which passes SIGTERM on to its child. A second
            # KeyboardInterrupt would break MkDocs' shutdown half-way, before it tells the thread that serves
            # requests to end, and the process would then wait for that thread for ever.
            return
        stopping.append(signum)
        raise KeyboardInterrupt

    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupt)
