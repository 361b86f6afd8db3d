"""The output guard's checks of a whole built site, alone, in one process, as the index child makes them.

    .venv/bin/python bench/guard_checks.py --site /tmp/site-10k --out /tmp/site-10k-out [--profile f.prof]
        [--index] [--dump findings.pickle]

Every file of the output folder goes through `output.check_bytes` in the order the index child gets them in a
build (the pages, then the other files, then the search index's own files), with the collector off as in the
child, the known-clean store off (a build with nothing remembered) and a fresh FileCheck. `--index` also parses
each page for the search index as the child does (`extract.parse_page`), so that work the guard and the index
share is counted. Prints the CPU seconds by kind of file; `--dump` writes the findings (with their values) and the
pages' links and ids, to compare two revisions' results; `--profile` writes a cProfile of the checks.
"""
from __future__ import annotations

import argparse
import gc
import os
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
os.environ["GOVSITE_CACHE"] = "off"

from govsite.guard import known_clean, output, personal


def _allowed_hosts(site: Path, settings: dict) -> frozenset[str]:
    """inspection.allowed_hosts without loading the whole site: the allow-list and mkdocs.yml's host."""
    import re
    from urllib.parse import urlsplit

    hosts = {h.lower() for h in settings.get("外部链接白名单", [])}
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s]+)", (site / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    if match and urlsplit(match.group(1)).hostname:
        hosts.add(urlsplit(match.group(1)).hostname.lower())
    return frozenset(hosts)


def ordered_files(out: Path) -> list[tuple[str, Path]]:
    """(path in the output, path) in the child's order: pages, other files, the search index's files."""
    listed = [(name, Path(path)) for name, path in output._listing(out)]
    pages = [e for e in listed if e[0].endswith(".html") and not e[0].startswith("searchindex/")]
    index = [e for e in listed if e[0].startswith("searchindex/")]
    rest = [e for e in listed if not e[0].endswith(".html") and not e[0].startswith("searchindex/")]
    return pages + rest + index


def cold_rules(site: Path) -> tuple:
    """(rules, allowed hosts) of a site's data/site.yml, with no file known clean from an earlier build."""
    known_clean.KNOWN_CLEAN = known_clean.KnownClean(enabled=False)
    settings = personal._settings_of(site)
    return personal.Rules.of(settings), _allowed_hosts(site, settings)


def pages_of(out: Path) -> list[tuple[str, bytes]]:
    """(path in the output, bytes) of every page, in the child's order; the search index's pages left out."""
    return [(dest, path.read_bytes()) for dest, path in ordered_files(out)
            if dest.endswith(".html") and not dest.startswith("searchindex/")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the site's sources (for data/site.yml)")
    parser.add_argument("--out", type=Path, required=True, help="its built output folder")
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--index", action="store_true", help="also parse each page for the search index")
    parser.add_argument("--dump", type=Path, help="write findings, links and ids here (pickle)")
    args = parser.parse_args()
    known_clean.KNOWN_CLEAN = known_clean.KnownClean(enabled=False)
    settings = personal._settings_of(args.site)
    check = output.FileCheck(personal.Rules.of(settings), _allowed_hosts(args.site, settings))
    files = [(dest, path.read_bytes()) for dest, path in ordered_files(args.out)]
    scan = output.Scan()
    if args.index:
        from govsite.search import extract, page_url
    gc.disable()
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    cpu = {"pages": 0.0, "other": 0.0, "index": 0.0, "parse for the index": 0.0}
    for dest, data in files:
        started = time.process_time()
        output.check_bytes(check, dest, data, scan, known=known_clean.KNOWN_CLEAN)
        kind = "index" if dest.startswith("searchindex/") else "pages" if dest.endswith(".html") else "other"
        cpu[kind] += time.process_time() - started
        if args.index and kind == "pages" and (url := page_url(dest)) is not None:
            started = time.process_time()
            extract.parse_page(data, url, "")
            cpu["parse for the index"] += time.process_time() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    gc.enable()
    print(f"files {len(files)} read {scan.read} findings {len(scan.findings)}")
    for kind, seconds in cpu.items():
        print(f"{kind}: {seconds:.2f} s CPU")
    print(f"guard total: {cpu['pages'] + cpu['other'] + cpu['index']:.2f} s CPU")
    if args.dump:
        found = sorted((f.dest, f.line, f.place, f.rule, f.shown, f.by_column, f.note, f.value) for f in scan.findings)
        pages = {dest: (list(page_links), sorted(ids)) for dest, (page_links, ids) in scan.links.items()}
        args.dump.write_bytes(pickle.dumps((found, pages)))


if __name__ == "__main__":
    main()
