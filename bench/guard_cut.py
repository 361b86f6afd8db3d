"""The output guard's checks of a built site's pages with the clean parts cut out before the parse
(files.html.PageParts.CUT) and without, both in one process on the same pages.

    .venv/bin/python bench/guard_cut.py --site /tmp/site-10k --out /tmp/site-10k-out [--pages N]

Each page is checked by both (each with its own FileCheck, as the index child has one), the first of the two
taking turns page by page, so that both meet the same load (on a shared machine a run's CPU moves by up to ±40 %).
The rules on units met for the first time are the same work in both, and the first to meet a unit pays them: the
units of every page are met once before, so that the figures compare the readings. Prints the CPU seconds of
each, their ratio, the parts passed over and cut, and whether every finding and every page's links and ids are
the same (they must be).
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

from govsite.guard import files, output, personal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the site's sources (for data/site.yml)")
    parser.add_argument("--out", type=Path, required=True, help="its built output folder")
    parser.add_argument("--pages", type=int, default=0, help="the first N pages only")
    args = parser.parse_args()
    rules, allow = cold_rules(args.site)
    pages = pages_of(args.out)
    pages = pages[:args.pages] if args.pages else pages
    for dest, data in pages:
        personal.scan_extracted(files.read(data, dest), dest, rules)
    whole, cut = output.FileCheck(rules, allow), output.FileCheck(rules, allow)
    whole.pages.CUT = False
    checks = (whole, cut)
    cpu, same = [0.0, 0.0], True
    load = os.getloadavg()[0]
    gc.disable()
    for number, (dest, data) in enumerate(pages):
        found = [None, None]
        for which in ((0, 1) if number % 2 else (1, 0)):
            started = time.process_time()
            found[which] = checks[which].check(dest, data)
            cpu[which] += time.process_time() - started
        same = same and found[0] == found[1]
    gc.enable()
    print(f"{len(pages)} pages; load average (1 min) {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"parsed whole: {cpu[0]:.2f} s CPU; clean parts cut before the parse: {cpu[1]:.2f} s CPU; "
          f"ratio {cpu[1] / cpu[0]:.3f}")
    print(f"parts passed over {whole.pages.passed} / {cut.pages.passed}, of them cut {cut.pages.cut}; "
          f"findings, links and ids the same: {same}")


if __name__ == "__main__":
    main()
