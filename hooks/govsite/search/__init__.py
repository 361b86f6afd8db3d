"""Site search: a character-bigram index of the built pages, searched in the browser (content/assets/search/).

build_index() runs after the site is written (the adapter's on_post_build): it reads site/**/index.html, so it
indexes whatever pages exist, whichever content type made them. See docs/search.md.
"""
from __future__ import annotations

import dataclasses
import gc
import logging
import multiprocessing
import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..guard import known_clean
from ..guard import output as output_guard
from . import derive, extract, facts, pinyin
from .index import (
    NUMBERING_BATCH,
    Postings,
    build_files,
    generations,
    iter_files,
    record_grams,
    settle_folder,
    write_files,
)
from .words import Vocabulary, dictionary_words

INDEX_FOLDER = "searchindex"
OUTBOX_BYTES = 32 << 20  # pages and files on their way to the index process at most (PageStream)
log = logging.getLogger("govsite")


@dataclass
class IndexStats:
    pages: int
    records: int
    files: int
    bytes: int
    seconds: float
    cpu_seconds: float  # what it adds to the build on a busy machine (wall time depends on the neighbours)
    problems: tuple[str, ...] = ()  # the editor's search data that the index cannot use (an intent's missing page)


def _records(parsed_pages, known: dict) -> list[extract.Record]:
    """Records of parsed pages (in URL order), with kind, date and status from the engine's knowledge."""
    return [record for url, parsed in parsed_pages for record in _page_records(url, parsed, known)]


def _page_records(url: str, parsed, known: dict) -> list[extract.Record]:
    """One parsed page's records with kind, date, status and document numbers from the engine's knowledge
    (none for a page without an article or one the engine excludes)."""
    if parsed is None:
        return []
    fact = known.get(url, facts.PageFacts())
    if fact.exclude:
        return []
    kind = fact.kind
    group = facts.group_of(kind, url)
    status = fact.status or parsed.status
    date = fact.date or ("" if parsed.page.listing else parsed.first_date)  # a list's first date is not its own
    parsed.page.keys = fact.keys
    parsed.page.listing = parsed.page.listing or fact.listing
    records = [parsed.page, *parsed.articles]
    for record in records:
        record.kind = kind or group
        record.group = group
        record.status = status
        record.date = date
    return records


def records_of(site, site_dir: Path, generated_pages=()) -> list[extract.Record]:
    """Search records of every built page, with kind, date and status from the engine's knowledge."""
    known = facts.collect(site, generated_pages) if site is not None else {}
    return _records(((url, extract.parse_page(path.read_bytes(), url, _title(known, url)))
                     for url, path in extract.page_files(site_dir)), known)


def _title(known: dict, url: str) -> str:
    fact = known.get(url)
    return fact.title if fact is not None else ""


def vocabulary_of(site) -> Vocabulary | None:
    """The editor's search words (data/search/vocabulary.yml, loaded by govsite.types.search)."""
    found = site.models.get("search") if site is not None else None
    if not isinstance(found, Vocabulary):
        return None
    # The site's own texts the index derives everyday words from (derive.py), beside the editor's.
    articles, cited = derive.site_texts(site)
    return dataclasses.replace(found, articles=tuple(articles), cited=tuple(cited))


def page_url(dest_uri: str) -> str | None:
    """The URL page_files() gives the page written to `dest_uri`, or None when that file is not indexed."""
    if not (dest_uri == "index.html" or dest_uri.endswith("/index.html")):
        return None
    url = dest_uri[:-len("index.html")]
    return None if url.startswith(("assets/", "searchindex/")) else url


def index_folders() -> tuple[str, ...]:
    """The folders of the output the index is written into (write_files: the index, and the new one beside it
    while it is written and the old one while it is swapped out), by their names in the output folder."""
    return tuple(folder.name for folder in generations(Path(INDEX_FOLDER)))


def build_index(site, site_dir: Path, generated_pages=(), check=None, report=None) -> IndexStats:
    """Index the pages written in `site_dir`. `check` (make serve, whose output guard has run before the index is
    made: build_index_later): the output guard's FileCheck, run on every file of the index before any is written;
    `report(scan)` is then given the findings (guard.output.Scan), before the index is swapped in."""
    started, started_cpu = time.perf_counter(), time.process_time()
    site_dir = Path(site_dir)
    # The index allocates millions of short-lived objects but makes no reference cycles; a pass of the cyclic
    # collector would walk every object the build still holds (all its pages) for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        records = records_of(site, site_dir, generated_pages)
        problems: list[str] = []
        files = build_files(records, vocabulary=vocabulary_of(site), problems=problems)
    finally:
        if collecting:
            gc.enable()
    if check is not None:
        # Checked before it is served: every index that reaches the folder the public reads has been checked and
        # its findings reported, by the process that made it, whatever happens to that process afterwards.
        scan = output_guard.Scan()
        for name, data in files.items():
            output_guard.check_bytes(check, f"{INDEX_FOLDER}/{name}", data, scan)
            scan.findings.extend(output_guard.name_findings(f"{INDEX_FOLDER}/{name}", check.rules))
        known_clean.KNOWN_CLEAN.save()
        if report is not None:
            report(scan)
    write_files(files, site_dir / INDEX_FOLDER)
    pages = len({r.page_url for r in records})
    for problem in problems:
        log.warning("警告 %s", problem)
    return IndexStats(pages=pages, records=len(records), files=len(files),
                      bytes=sum(len(b) for b in files.values()), seconds=time.perf_counter() - started,
                      cpu_seconds=time.process_time() - started_cpu, problems=tuple(problems))


class PageStream:
    """`mkdocs build`: each page, as soon as MkDocs has rendered it, goes to a child process that indexes it and
    runs the output guard on it (guard.output.FileCheck: the page as the public gets it), on the machine's other
    core.

    build_index() reads site/ after the build, on the one core MkDocs uses: at 10,000 documents that added
    11 s to a 60 s build; the output check of every page took another 2.5 s there. Here the
    child is given the engine's facts and the check before the first page (`facts`, once the engine has made its
    pages), then checks each page, parses its HTML into its final records and computes their n-grams while
    MkDocs renders the next ones; when the last page is done it only groups the postings and writes the files,
    writing while it groups. The index is byte for byte what build_index() writes for the same pages
    (tests/integration/test_search_index_site.py); the guard's findings are what it finds in the main process
    (`scan`, after finish). The child is forked at startup, while the build
    process is small, and gets everything through the pipe.
    """

    def __init__(self):
        context = multiprocessing.get_context("fork")
        self._conn, child_end = context.Pipe()
        self._process = context.Process(target=_stream_worker, args=(child_end,),
                                        name="govsite-search-index", daemon=True)
        self._process.start()
        child_end.close()
        self._facts_sent = False
        self.sent: set[str] = set()  # output files the child has (pages and other files), by path in the output
        self.scan = None  # the output guard's scan of every page (guard.output.Scan), once finish() has returned
        # Pages are handed to a thread that writes them into the pipe: a page is bigger than the pipe's buffer,
        # and the build would otherwise wait, page after page, for the child to finish the one before. Started
        # with the first message: the load may fork (govsite.forked), best without other threads.
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_all, name="govsite-search-index-sender", daemon=True)
        # The child checks and indexes a page more slowly than MkDocs renders one, so without a bound the pages
        # waiting for it pile up here: at 100,000 documents several gigabytes of finished pages, held until the
        # end of the build. The build waits once OUTBOX_BYTES are on their way; it would wait for the child after
        # the last page anyway, so that costs no time.
        self._room = threading.Condition()
        self._queued = 0  # bytes in the outbox, not yet written into the pipe

    def _send(self, message, size: int = 0) -> None:
        if self._sender.ident is None and message is not None:  # not started yet
            self._sender.start()
        with self._room:
            while size and self._queued and self._queued + size > OUTBOX_BYTES:
                self._room.wait()
            self._queued += size
        self._outbox.put((message, size))

    def _send_all(self) -> None:
        broken = False
        while True:
            message, size = self._outbox.get()
            if message is None:
                return
            if not broken:
                try:
                    self._conn.send(message)
                except OSError:  # the child failed; finish() reports why
                    broken = True
            with self._room:
                self._queued -= size
                self._room.notify()

    def facts(self, site, site_dir: Path, generated_pages=(), check=None) -> None:
        """What the engine knows of every page (search.facts) and where to write: known before MkDocs renders
        the first page, so that the child makes each page's records once, as the page arrives. `check`: an
        output guard's FileCheck (guard/output.py), which the child runs on every page."""
        known = facts.collect(site, generated_pages) if site is not None else {}
        self._send(("facts", (known, Path(site_dir), vocabulary_of(site), check)))
        self._facts_sent = True

    def add(self, dest_uri: str, title: str, html: str) -> None:
        """A finished page: `title` as the engine gave it (the page's own, without the site's name). Sent whole
        and as bytes: the check reads all of it, and bytes go through the pipe without being encoded again."""
        self.sent.add(dest_uri)
        data = html.encode("utf-8") if isinstance(html, str) else html
        self._send(("page", (dest_uri, title, data)), len(data) if isinstance(data, bytes) else 0)

    def files(self, items) -> None:
        """Other output files, (path in the output, bytes): checked by the output guard in the child (which holds
        what it learnt from the pages: the units it checked, the parts of pages found clean), not indexed."""
        batch, size = [], 0
        for dest, data in items:
            if dest in self.sent:
                continue
            self.sent.add(dest)
            batch.append((dest, data))
            size += len(data)
            if size >= 1 << 22:  # a few megabytes a message: attachments may be large
                self._send(("files", batch), size)
                batch, size = [], 0
        if batch:
            self._send(("files", batch), size)

    def finish(self, site, site_dir: Path, generated_pages=()) -> IndexStats:
        """Write the index into site_dir/searchindex/; seconds in the result are what it took after the last page.
        The output guard's scan of the pages is in `scan` afterwards."""
        if not self._facts_sent:
            self.facts(site, site_dir, generated_pages)
        self._send(("done", None))
        self._send(None)
        self._sender.join()  # started by "done" at the latest
        try:
            kind, result = self._conn.recv()
        except EOFError:
            self._process.join()
            kind, result = "error", f"索引进程意外退出（退出码 {self._process.exitcode}）"
        self._process.join()
        if kind == "error":
            raise RuntimeError(f"搜索索引生成失败：{result}")
        stats, self.scan = result
        return stats

    def cancel(self) -> None:
        self._send(None)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _stream_worker(conn) -> None:
    gc.disable()  # no reference cycles here, and a collector pass would walk everything inherited at the fork
    try:
        # The dictionaries are read once the first message comes (the facts: the engine's load has succeeded and
        # MkDocs starts rendering), while MkDocs renders the first pages, not after the last one. Not at once: the
        # load runs beside the personal-data scan's child on a 2-core machine, and a build that stops on an
        # editor's error (most `make check` runs that fail) would have spent two seconds of CPU for nothing.
        first = conn.recv()
        dictionary_words()
        pinyin.preload()
        pages: dict[str, tuple] = {}  # url -> (records, the number in `postings` of its first record)
        waiting: list[tuple] = []  # pages and files that came before the facts (none: the adapter sends them first)
        known = site_dir = vocabulary = check = None
        postings = Postings()
        unnumbered: list[tuple] = []  # (url, records, their n-grams) of pages not yet numbered

        def number_them():
            first = postings.records
            postings.add([g for _, _, grams in unnumbered for g in grams])
            for url, records, _ in unnumbered:
                pages[url] = (records, first)
                first += len(records)
            unnumbered.clear()

        scan = output_guard.Scan()

        def check_files(items):
            if check is not None:
                for dest_uri, data in items:
                    output_guard.check_bytes(check, dest_uri, data, scan)

        shared: dict = {}  # one object for each distinct link, id and list of them

        def take(dest_uri, title, data):
            if check is not None:
                output_guard.check_bytes(check, dest_uri, data if isinstance(data, bytes) else data.encode("utf-8"), scan)
                # Pages share most of their links (the navigation, relative to a few depths): the scan holds
                # them to the end and sends them to the build process, at 100,000 documents hundreds of megabytes
                # of equal strings, ten times fewer once each is one object (pickle sends a shared object once).
                found = scan.links.get(dest_uri)
                if found is not None:
                    page_links, ids = found
                    scan.links[dest_uri] = (
                        shared.setdefault(page_links, tuple(shared.setdefault(x, x) for x in page_links)),
                        shared.setdefault(ids, frozenset(shared.setdefault(x, x) for x in ids)))
            url = page_url(dest_uri)
            if url is not None:
                records = _page_records(url, extract.parse_page(data, url, title), known)
                unnumbered.append((url, records, [record_grams(r) for r in records]))
                if len(unnumbered) >= NUMBERING_BATCH:
                    number_them()

        while True:
            kind, payload = first if first is not None else conn.recv()
            first = None
            if kind in ("page", "files") and known is None:
                waiting.append((kind, payload))
            elif kind == "page":
                take(*payload)
            elif kind == "files":
                check_files(payload)
            elif kind == "facts":
                known, site_dir, vocabulary, check = payload
                for waited, item in waiting:
                    if waited == "page":
                        take(*item)
                    else:
                        check_files(item)
                waiting.clear()
            else:  # "done": every page has been sent
                break
        started = time.perf_counter()
        number_them()
        records: list[extract.Record] = []
        # the records' ids are their order by URL; a page written twice keeps its last records (-1: none)
        record_ids = np.full(postings.records, -1, dtype=np.int64)
        for url in sorted(pages):
            page_records, start = pages[url]
            record_ids[start:start + len(page_records)] = np.arange(len(records), len(records) + len(page_records))
            records += page_records
        pages.clear()
        postings.record_ids = record_ids
        problems: list[str] = []
        files = iter_files(records, postings, vocabulary, problems)
        if check is not None:  # the index's files as they are written (the output guard reads them here)
            files = _checked(files, check, scan)
        written = write_files(files, site_dir / INDEX_FOLDER)
        if check is not None:
            known_clean.KNOWN_CLEAN.save()  # what this process found clean, for the next build
        stats = IndexStats(pages=len({r.page_url for r in records}), records=len(records), files=len(written),
                           bytes=sum(written.values()), seconds=time.perf_counter() - started,
                           cpu_seconds=time.process_time(), problems=tuple(problems))
        conn.send(("ok", (stats, scan)))
    except EOFError:  # the build stopped (an error elsewhere): nothing to write
        pass
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _checked(files, check, scan):
    for name, data in files:
        output_guard.check_bytes(check, f"{INDEX_FOLDER}/{name}", data, scan)
        yield name, data


STOP_GRACE = 5.0  # seconds a stopped index process has to end on SIGTERM before it is killed (stop_index_later)
_child: list = [None, None]  # under `mkdocs serve`: the running index process, if any, and the output folder it writes


def build_index_later(site, site_dir: Path, generated_pages=(), check=None, report=None):
    """For `mkdocs serve`: index in a child process so the edited page is served at once; the search box
    catches up a few seconds later. A thread of the serve process would hold the GIL against the next rebuild
    and the web server (it made a save take seconds longer). The child is forked, so it sees this
    build's site and pages without copying them; an older child still running is stopped (its index would be
    stale anyway: stop_index_later).

    `check` and `report` (build_index): the save's output guard has read every file of the output but the index,
    which does not exist yet; the child checks the index it makes and reports what it finds before it swaps the
    index in. So each index is checked once, by the save that makes it, and a save's guard leaves the index
    folders alone (index_folders): what they hold when it runs is the last save's index, which this save's
    child replaces."""
    stop_index_later()
    pages = list(generated_pages)

    def work():
        os.nice(10)  # on a busy machine the next save's rebuild comes first; the index can wait
        stats = build_index(site, site_dir, pages, check=check, report=report)
        log.info("搜索索引（后台进程）：%d 条记录，用时 %.2f 秒（CPU %.2f 秒）", stats.records, stats.seconds,
                 stats.cpu_seconds)

    process = multiprocessing.get_context("fork").Process(target=work, name="govsite-search-index", daemon=True)
    process.start()
    _child[:] = [process, Path(site_dir)]
    return process


def stop_index_later() -> None:
    """A save started a rebuild: the index still being built is of the previous state and would only take the
    CPU the rebuild needs (two busy processes slow each other down on a 2-core machine). Or the server stops:
    the folder the child reads is removed next.

    When this returns the child has ended, and what it left half-way is undone (index.settle_folder): the output
    folder holds one whole index, which the process that wrote it checked, and which the next save's child
    replaces. Nothing writes into the index folders until then."""
    previous, site_dir = _child
    _child[:] = [None, None]
    if previous is None:
        return
    if previous.is_alive():
        previous.terminate()
        previous.join(STOP_GRACE)
        if previous.is_alive():  # SIGTERM waits for a long call of a library to return; SIGKILL does not
            previous.kill()
    previous.join()
    settle_folder(site_dir / INDEX_FOLDER)
