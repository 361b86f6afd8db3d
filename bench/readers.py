"""Throughput of the guard's readers (govsite/guard/files/) on a built site: how fast every published file is
read as the public gets it.

    .venv/bin/python bench/readers.py [SITE] [--runs 5] [--save]

SITE defaults to site/ (run `make build` first; bench/generate.py makes a larger one). Figures are MB of input
per second of CPU time (time.process_time, best of the runs: the machine is shared, and the best run is the
one least disturbed), for: the HTML reader (files.read on every .html page), two floors it cannot beat
(lxml parsing the pages and nothing else; Python's html.parser tokenizing them and nothing else), and
files.read over every file of the site. --save stores the table in bench/results/readers.json and rewrites
bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html.parser
import json
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "hooks"))

from govsite.guard import files  # noqa: E402


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


class _Tokens(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        pass

    def handle_data(self, data):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=BENCH.parent / "site")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    if not args.site.is_dir():
        print(f"{args.site}: no built site (make build)", file=sys.stderr)
        return 2
    every = [(p, p.read_bytes()) for p in sorted(args.site.rglob("*")) if p.is_file()]
    pages = [(p, data) for p, data in every if p.suffix == ".html"]
    texts = [data.decode("utf-8") for _p, data in pages]
    html_mb = sum(len(data) for _p, data in pages) / 1e6
    all_mb = sum(len(data) for _p, data in every) / 1e6
    units = sum(len(files.read(data, str(p)).lines) for p, data in pages)

    from lxml import etree

    lxml_parser = etree.HTMLParser(remove_comments=False, remove_pis=True, no_network=True, recover=True)

    def tokens():
        for text in texts:
            tokenizer = _Tokens(convert_charrefs=True)
            tokenizer.feed(text)
            tokenizer.close()

    rows = [
        ("HTML reader: files.read on every page", html_mb, best(lambda: [files.read(d, str(p)) for p, d in pages],
                                                                args.runs)),
        ("floor: lxml parses the pages, nothing else", html_mb, best(
            lambda: [etree.fromstring(t, lxml_parser) for t in texts], args.runs)),
        ("for comparison: html.parser tokenizes the pages, nothing else", html_mb, best(tokens, args.runs)),
        ("files.read on every file of the site", all_mb, best(lambda: [files.read(d, str(p)) for p, d in every],
                                                              max(1, args.runs // 2))),
    ]
    load = os.getloadavg()[0]
    lines = ["| reading | input (MB) | CPU (s) | MB/s |", "|---|---:|---:|---:|"]
    lines += [f"| {what} | {mb:.1f} | {seconds:.2f} | {mb / seconds:.1f} |" for what, mb, seconds in rows]
    note = (f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {args.site.name}/ "
            f"({len(pages)} pages, {len(every)} files, {units} units of text from the pages), best of {args.runs} "
            f"runs of CPU time, load average {load:.1f} at the start (2 cores shared with other work: noisy).")
    markdown = note + "\n\n" + "\n".join(lines)
    print(markdown)
    if args.save:
        results = BENCH / "results"
        results.mkdir(exist_ok=True)
        (results / "readers.json").write_text(json.dumps({"markdown": markdown}, ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
        sys.path.insert(0, str(BENCH))
        from run import write_results_md

        write_results_md()
    return 0


if __name__ == "__main__":
    sys.exit(main())
