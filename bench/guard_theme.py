"""What the theme's markup around a page's article costs the output guard, and so what a design that reads less of
it could save at most, before building one.

    .venv/bin/python bench/guard_theme.py --site /tmp/site-10k --out /tmp/site-10k-out [--teach 1500] [--pages 1500]

Each variant is the same pages with some of their lines blanked (replaced by empty lines, so that every other line
keeps its number): `as written`; one region of the theme blanked at a time (the <head> but its <title>, the header,
the <body>'s first lines, the containers, the site's navigation, the page's table of contents, everything after the
article); `theme` (every line outside the article blanked but the <title> and the lines that open and close
<head>, <body> and <html>); `theme, holes kept` (as `theme`, but the lines that differ from the page before it of
the same section and depth are kept: what a reader that passes over the theme's parts with holes still reads,
without their context). Each variant has its own FileCheck, taught on the first `--teach` pages of its own
version (the parts it passes over); the units of the measured pages are met once before, so that the rules on new
units (the same in every variant) are out of the figures. Then every measured page is checked by every variant in
turn, each variant first as often as the others, in one process, so that all variants meet the same load (on a
shared machine a run's CPU moves by up to ±40 %). Prints CPU ms a page: lxml's parse alone, `read_html` (parse and
walk), the unit rules (`scan_extracted`), the finders and the parts' settling; and each variant's total against
`as written`.

The blanked pages are no pages the build writes (their findings are not the guard's): the figures bound the
cost, they are not a reader's.
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["GOVSITE_CACHE"] = "off"

from guard_checks import cold_rules, pages_of
from lxml import etree

from govsite.guard import known_clean, output, personal, placeholders
from govsite.guard.files import html

REGIONS = ("head", "header", "body-top", "containers", "navigation", "toc", "after-article")


def _landmarks(lines: list[bytes]) -> dict[str, int] | None:
    marks = {"title": b"<title>", "head_end": b"</head>", "body": b"<body", "header": b"<header",
             "header_end": b"</header>", "navigation": b"md-sidebar--primary", "toc": b"md-sidebar--secondary",
             "article": b"<article", "article_end": b"</article>"}
    found = {}
    at = 0
    for name, needle in marks.items():
        while at < len(lines) and needle not in lines[at]:
            at += 1
        if at == len(lines):
            return None
        found[name] = at
    return found


def _theme_lines(lines: list[bytes], marks: dict[str, int]) -> set[int]:
    kept = {marks["title"], marks["head_end"], marks["body"]} | set(range(marks["article"], marks["article_end"] + 1))
    kept |= set(range(min(3, len(lines)))) | set(range(len(lines) - 3, len(lines)))
    return set(range(len(lines))) - kept


def _region(lines: list[bytes], marks: dict[str, int], which: str) -> set[int]:
    return {
        "head": set(range(3, marks["head_end"])) - {marks["title"]},
        "header": set(range(marks["header"] + 1, marks["header_end"])),
        "body-top": set(range(marks["body"] + 1, marks["header"])),
        "containers": set(range(marks["header_end"] + 1, marks["navigation"])),
        "navigation": set(range(marks["navigation"], marks["toc"])),
        "toc": set(range(marks["toc"], marks["article"])),
        "after-article": set(range(marks["article_end"] + 1, len(lines) - 3)),
    }[which]


def _differing(lines: list[bytes], marks: dict[str, int], before: list[bytes] | None) -> set[int]:
    """Lines of the theme that differ from the page before of the same section and depth: aligned from the start
    up to the article, from the end after it."""
    if before is None:
        return set(range(len(lines)))
    other = _landmarks(before)
    if other is None:
        return set(range(len(lines)))
    out = {i for i in range(marks["article"]) if i >= other["article"] or lines[i] != before[i]}
    tail = len(lines) - marks["article_end"]
    out |= {len(lines) - k for k in range(1, tail) if k > len(before) - other["article_end"] or lines[-k] != before[-k]}
    return out


def variants(pages: list[tuple[str, bytes]]) -> dict[str, list[tuple[str, bytes]]]:
    out: dict[str, list[tuple[str, bytes]]] = {name: [] for name in ("as written", *REGIONS, "theme",
                                                                      "theme, holes kept")}
    last_of_shape: dict[tuple, list[bytes]] = {}
    for dest, data in pages:
        lines = data.split(b"\n")
        marks = _landmarks(lines)
        shape = (dest.count("/"), dest.split("/", 1)[0])
        for name in out:
            if name == "as written" or marks is None:
                out[name].append((dest, data))
                continue
            if name == "theme":
                blank = _theme_lines(lines, marks)
            elif name == "theme, holes kept":
                blank = _theme_lines(lines, marks) - _differing(lines, marks, last_of_shape.get(shape))
            else:
                blank = _region(lines, marks, name)
            out[name].append((dest, b"\n".join(b"" if i in blank else line for i, line in enumerate(lines))))
        last_of_shape[shape] = lines
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the site's sources (for data/site.yml)")
    parser.add_argument("--out", type=Path, required=True, help="its built output folder")
    parser.add_argument("--teach", type=int, default=1500, help="pages checked first, to learn the parts")
    parser.add_argument("--pages", type=int, default=1500, help="pages measured after them")
    args = parser.parse_args()
    rules, allow = cold_rules(args.site)
    pages = pages_of(args.out)[:args.teach + args.pages]
    versions = variants(pages)
    checks = {name: output.FileCheck(rules, allow) for name in versions}
    gc.disable()
    for name, version in versions.items():
        scan = output.Scan()
        for dest, data in version[:args.teach]:
            output.check_bytes(checks[name], dest, data, scan, known=known_clean.KNOWN_CLEAN)
    for dest, data in pages[args.teach:]:  # the units of the measured pages met once: their rules are not timed
        personal.scan_extracted(html.read_html(data.decode("utf-8")), dest, rules)
    cpu = {name: [0.0, 0.0, 0.0, 0.0] for name in versions}
    load = [os.getloadavg()[0]]
    names = list(versions)
    for k in range(args.teach, len(pages)):
        for name in names[k % len(names):] + names[:k % len(names)]:  # each variant first as often as the others
            dest, data = versions[name][k]
            check, spent = checks[name], cpu[name]
            text = data.decode("utf-8")
            t0 = time.process_time()
            etree.fromstring(text, html._parser())
            t1 = time.process_time()
            extracted = html.read_html(text, page=check.pages, source=data)
            t2 = time.process_time()
            found = personal.scan_extracted(extracted, dest, rules)
            t3 = time.process_time()
            if extracted.parts and 0 not in (lines := {f.line for f in found}):
                check.pages.settle(extracted.parts, lines)
            if extracted.passed:
                placeholders.page_findings_passing(text, data, extracted.line_starts, extracted.passed, check.pages,
                                                   check.allow)
            else:
                placeholders.page_findings(text, check.allow)
            t4 = time.process_time()
            spent[0] += t1 - t0
            spent[1] += t2 - t1
            spent[2] += t3 - t2
            spent[3] += t4 - t3
    load.append(os.getloadavg()[0])
    measured = len(pages) - args.teach
    base = sum(cpu["as written"][1:]) / measured
    print(f"{measured} pages after {args.teach}; load average (1 min) {load[0]:.1f} at the start, {load[1]:.1f} "
          "at the end; CPU ms a page")
    print(f"{'variant':20} {'parse':>7} {'read':>7} {'rules':>7} {'finders':>8} {'total':>7} {'ratio':>6}")
    for name, (parse, read, rules_spent, finders) in cpu.items():
        total = (read + rules_spent + finders) / measured
        print(f"{name:20} {parse / measured * 1000:7.3f} {read / measured * 1000:7.3f} "
              f"{rules_spent / measured * 1000:7.3f} {finders / measured * 1000:8.3f} {total * 1000:7.3f} "
              f"{total / base:6.2f}")


if __name__ == "__main__":
    main()
