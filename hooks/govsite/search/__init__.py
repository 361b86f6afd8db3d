"""Site search: a character-bigram index of the built pages, searched in the browser (content/assets/search/).

build_index() runs after the site is written (the adapter's on_post_build): it reads site/**/index.html, so it
indexes whatever pages exist, whichever content type made them. See README "搜索 / Search".
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path

from . import extract, facts
from .index import build_files, write_files

INDEX_FOLDER = "searchindex"
log = logging.getLogger("mkdocs.govsite")
# Theme files only Material's own search uses (lunr, its Chinese segmenter wordcut.js, the worker).
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


@dataclass
class IndexStats:
    pages: int
    records: int
    files: int
    bytes: int
    seconds: float
    cpu_seconds: float  # what it adds to the build on a busy machine (wall time depends on the neighbours)


def records_of(site, site_dir: Path, generated_pages=()) -> list[extract.Record]:
    """Search records of every built page, with kind, date and status from the engine's knowledge."""
    known = facts.collect(site, generated_pages) if site is not None else {}
    records: list[extract.Record] = []
    for url, path in extract.page_files(site_dir):
        parsed = extract.parse_page(path.read_bytes(), url)
        if parsed is None:
            continue
        fact = known.get(url, facts.PageFacts())
        if fact.exclude:
            continue
        kind = fact.kind
        group = facts.group_of(kind, url)
        status = fact.status or parsed.status
        date = fact.date or ("" if parsed.page.listing else parsed.first_date)  # a list's first date is not its own
        for record in [parsed.page, *parsed.articles]:
            record.kind = kind or group
            record.group = group
            record.status = status
            record.date = date
            records.append(record)
    return records


def build_index(site, site_dir: Path, generated_pages=()) -> IndexStats:
    started, started_cpu = time.perf_counter(), time.process_time()
    site_dir = Path(site_dir)
    # The index allocates millions of short-lived objects but makes no reference cycles. With the cyclic
    # collector on, each of its passes walks every object MkDocs still holds (all pages of the build): at
    # 10,000 documents that doubled the index's CPU time (17 s instead of 9).
    collecting = gc.isenabled()
    gc.disable()
    try:
        records = records_of(site, site_dir, generated_pages)
        files = build_files(records)
    finally:
        if collecting:
            gc.enable()
    write_files(files, site_dir / INDEX_FOLDER)
    pages = len({r.page_url for r in records})
    return IndexStats(pages=pages, records=len(records), files=len(files),
                      bytes=sum(len(b) for b in files.values()), seconds=time.perf_counter() - started,
                      cpu_seconds=time.process_time() - started_cpu)


_child: list = [None]  # the running index process under `mkdocs serve`, if any


def build_index_later(site, site_dir: Path, generated_pages=()):
    """For `mkdocs serve`: index in a child process so the edited page is served at once; the search box
    catches up a few seconds later. A thread of the serve process would hold the GIL against the next rebuild
    and the web server (issue 9: it made a save take seconds longer). The child is forked, so it sees this
    build's site and pages without copying them; an older child still running is stopped (its index would be
    stale anyway; write_files swaps the folder in whole and clears half-written leftovers on the next run)."""
    previous = _child[0]
    if previous is not None and previous.is_alive():
        previous.terminate()
        previous.join(5)
    pages = list(generated_pages)

    def work():
        os.nice(10)  # on a busy machine the next save's rebuild comes first; the index can wait
        stats = build_index(site, site_dir, pages)
        log.info("搜索索引（后台进程）：%d 条记录，用时 %.2f 秒（CPU %.2f 秒）", stats.records, stats.seconds,
                 stats.cpu_seconds)

    process = multiprocessing.get_context("fork").Process(target=work, name="govsite-search-index", daemon=True)
    process.start()
    _child[0] = process
    return process


def is_material_search_asset(dest_uri: str) -> bool:
    return dest_uri.startswith(MATERIAL_SEARCH_ASSETS)
