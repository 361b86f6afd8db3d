"""One save's engine work alone, step by step: `mkdocs serve --dirty`'s load and render without MkDocs.

    .venv/bin/python bench/save_engine.py --root SITE [--saves 4]

SITE is a generated site (bench/generate.py) whose hooks/ holds the revision to measure (copy another revision's
hooks/ from `git archive` there to compare; give each run its own copy of the site, so that runs side by side do
not edit the same file). Runs the engine as serve does (load_site and check_links with one Memo across saves, the
cycle collector held during a save), then the 网页元数据 and the build's timestamp the adapter makes of every
document; then saves one generated notice (its title and a new sentence) several times, 2.1 s apart, and prints
each save's CPU seconds and, for the last, CPU seconds by step (each content type's load, check, pages and files;
the load's own steps). A profiler-free timer around each step: cProfile inflates the many small calls of a save
several times over. MkDocs, the adapter's page handling and the output guard are not run: bench/save_trace.py
measures the whole rebuild.
"""
from __future__ import annotations

import argparse
import collections
import functools
import gc
import importlib
import os
import re
import statistics
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--saves", type=int, default=4)
    args = parser.parse_args()
    root = args.root.resolve()
    os.environ.setdefault("GOVSITE_TODAY", "2026-11-26")
    os.environ.setdefault("GOVSITE_CACHE", str(root) + "-cache")
    sys.path.insert(0, str(root / "hooks"))
    from govsite import build as engine
    from govsite import mode as build_mode
    from govsite.incremental import Memo
    from govsite.pagemeta import PageMetadata
    from govsite.types.sitemap import read_nav

    steps: collections.Counter = collections.Counter()

    def timed(name, fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            started = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                steps[name] += time.process_time() - started
        return wrapper

    for content_type in engine.discover_types():
        for method in ("load", "loaded", "check"):
            setattr(content_type, method, timed(f"{method}: {content_type.name}", getattr(content_type, method)))
        for method in ("pages", "files"):
            made = getattr(content_type, method)
            setattr(content_type, method, timed(f"{method}: {content_type.name}",
                                                lambda *a, _made=made, **k: list(_made(*a, **k))))
    for name in ("_load_documents", "check_documents", "render_site"):
        setattr(engine, name, timed(name, getattr(engine, name)))
    review = importlib.import_module("govsite.guard.review")
    engine.review_links = timed("review_links", review.review_links)
    document = importlib.import_module("govsite.document")
    document.newest_first = timed("all_documents (the types' documents, sorted)", document.newest_first)

    memo = Memo()
    mode = build_mode.from_environ(os.environ, serve=True)

    def rebuild():
        site = engine.load_site(root, site_url="http://127.0.0.1:8000/", memo=memo, mode=mode)
        if site.problems.errors:
            raise SystemExit("\n".join(p.format() for p in site.problems.errors[:5]))
        engine.check_links(site)
        started = time.process_time()
        PageMetadata(site, {}, {}, read_nav(root))
        engine.build_epoch(site)
        steps["网页元数据 and the build's timestamp"] += time.process_time() - started

    started = time.process_time()
    rebuild()
    print(f"first load {time.process_time() - started:.1f} s CPU", flush=True)
    notice = sorted((root / "content/notices").rglob("gen-*.md"))[0]
    original = notice.read_text(encoding="utf-8")
    title = re.search(r"^标题: (.*)$", original, re.M).group(1)
    cpus = []
    try:
        for save in range(1, args.saves + 1):
            notice.write_text(original.replace(f"标题: {title}", f"标题: {title}（第{save}次修改）", 1)
                              + f"\n\n编辑测试第{save}次修改。\n", encoding="utf-8")
            time.sleep(2.1)  # a file younger than two seconds is read again on the next pass as well
            steps.clear()
            gc.disable()  # as serve's CollectorPause
            started = time.process_time()
            rebuild()
            cpus.append(time.process_time() - started)
            gc.enable()
            gc.collect()
            print(f"save {save}: {cpus[-1]:.3f} s CPU (load average {os.getloadavg()[0]:.1f})", flush=True)
    finally:
        notice.write_text(original, encoding="utf-8")
    for name, seconds in steps.most_common(30):
        print(f"  {seconds:6.3f}  {name}")
    print(f"saves: {' '.join(f'{c:.3f}' for c in cpus)}; median of saves 2–: {statistics.median(cpus[1:]):.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
