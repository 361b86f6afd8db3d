"""Site search: a character-bigram index of the built pages, searched in the browser (content/assets/search/).

build_index() runs after the site is written (the adapter's on_post_build): it reads site/**/index.html, so it
indexes whatever pages exist, whichever content type made them. See README "搜索 / Search".
"""
from __future__ import annotations

import logging
import threading
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
    records = records_of(site, site_dir, generated_pages)
    files = build_files(records)
    write_files(files, site_dir / INDEX_FOLDER)
    pages = len({r.page_url for r in records})
    return IndexStats(pages=pages, records=len(records), files=len(files),
                      bytes=sum(len(b) for b in files.values()), seconds=time.perf_counter() - started,
                      cpu_seconds=time.process_time() - started_cpu)


_queue_lock = threading.Lock()
_latest_ticket = [0]


def build_index_later(site, site_dir: Path, generated_pages=()) -> threading.Thread:
    """For `mkdocs serve`: index in the background so the edited page is served at once; the search box
    catches up a few seconds later. Only the newest of several queued builds runs."""
    _latest_ticket[0] += 1
    ticket, pages = _latest_ticket[0], list(generated_pages)

    def work():
        with _queue_lock:
            if ticket == _latest_ticket[0]:
                stats = build_index(site, site_dir, pages)
                log.info("搜索索引（后台）：%d 条记录，用时 %.2f 秒", stats.records, stats.seconds)

    thread = threading.Thread(target=work, name="govsite-search-index", daemon=True)
    thread.start()
    return thread


def is_material_search_asset(dest_uri: str) -> bool:
    return dest_uri.startswith(MATERIAL_SEARCH_ASSETS)
