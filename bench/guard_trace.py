"""A `mkdocs build` with nothing remembered, traced: where the build process and the search index's child spend
the time, and what waits for what after MkDocs' last page (the build's critical path).

    .venv/bin/python bench/guard_trace.py --site /tmp/site-10k --out /tmp/site-10k-out --trace trace.json

Runs MkDocs in this process with the site's own hooks (so another revision's hooks are traced by building a copy
of the sources holding them), `GOVSITE_CACHE=off`. Timers are wrapped around the adapter's events and the output
guard's entry points, in the build process and (inherited at the fork) in the index child: `output.check_bytes`
by kind of file (pages, other files, the index's own files), the child's waits for the next message, the
receipt of the last page, `PageStream.finish`, `output.scan_folder` and `links.check_site`. Clocks: wall from
`time.perf_counter` (the same monotonic clock in both processes) and CPU from `time.process_time`. Prints the
timeline after the last page and writes it (`--trace`) as JSON. A build without the output guard records no
guard figures; the rest of its timeline is comparable.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


class _TimedConn:
    """The child's end of the pipe, with the time spent waiting for each message and when "done" came."""

    def __init__(self, conn, stats: dict):
        self._conn, self._stats = conn, stats

    def recv(self):
        started = time.perf_counter()
        message = self._conn.recv()
        ended = time.perf_counter()
        self._stats["waited"] += ended - started
        if self._stats["first_message"] is None:
            self._stats["first_message"] = ended
        if isinstance(message, tuple) and message and message[0] == "done":
            self._stats["done_received"] = ended
            self._stats["cpu_at_done"] = time.process_time()
        return message

    def send(self, message):
        if isinstance(message, tuple) and message and message[0] == "pages":  # the pages' scan, before the tail
            self._stats["pages_scan_sent"] = time.perf_counter()
        else:
            self._stats["sent_result"] = time.perf_counter()
            self._stats["cpu_at_end"] = time.process_time()
        return self._conn.send(message)

    def close(self):
        return self._conn.close()


def _kind(dest: str) -> str:
    if dest.startswith("searchindex/"):
        return "index"
    return "pages" if dest.endswith(".html") else "other"


def install(trace: dict, child_trace: Path) -> None:
    """Wrap the timers around the adapter's events and the guard (modules must be the ones the hooks import)."""
    from mkdocs_adapter import events

    from govsite import search
    from govsite.guard import links, output

    main = trace["main"]

    def timed_event(name, function):
        def wrapper(*args, **kwargs):
            wall, cpu = _now()
            if name == "on_post_page":
                main.setdefault("first_page", wall)
                main["last_page"] = wall
                main["pages"] = main.get("pages", 0) + 1
            try:
                return function(*args, **kwargs)
            finally:
                ended, ended_cpu = _now()
                spent = main.setdefault("events", {}).setdefault(name, [0.0, 0.0, wall, ended])
                spent[0] += ended - wall
                spent[1] += ended_cpu - cpu
                spent[3] = ended
        return wrapper

    for name in ("on_config", "on_files", "on_nav", "on_env", "on_post_page", "on_post_build"):
        setattr(events, name, timed_event(name, getattr(events, name)))

    def timed_call(label, function):
        def wrapper(*args, **kwargs):
            wall, cpu = _now()
            try:
                return function(*args, **kwargs)
            finally:
                ended, ended_cpu = _now()
                main.setdefault("calls", {})[label] = [ended - wall, ended_cpu - cpu, wall, ended]
        return wrapper

    search.PageStream.finish = timed_call("PageStream.finish", search.PageStream.finish)
    if hasattr(search.PageStream, "pages_done"):  # the output read while the child makes the index
        search.PageStream.pages_done = timed_call("PageStream.pages_done", search.PageStream.pages_done)
        output.StepScan.__init__ = timed_call("output.StepScan (outside the index)", output.StepScan.__init__)
        output.StepScan.finish = timed_call("output.StepScan.finish (the index)", output.StepScan.finish)
        links.StepCheck.__init__ = timed_call("links.StepCheck (outside the index)", links.StepCheck.__init__)
        links.StepCheck.finish = timed_call("links.StepCheck.finish (the rest)", links.StepCheck.finish)
    output.scan_folder = timed_call("output.scan_folder", output.scan_folder)
    links.check_site = timed_call("links.check_site", links.check_site)
    worker = search._stream_worker
    check_bytes = output.check_bytes

    def traced_worker(conn):
        stats = {"waited": 0.0, "first_message": None, "done_received": None, "cpu_at_done": None,
                 "sent_result": None, "cpu_at_end": None, "checks": {}}

        def timed_check(check, dest, data, scan, *args, **kwargs):
            wall, cpu = _now()
            try:
                return check_bytes(check, dest, data, scan, *args, **kwargs)
            finally:
                ended, ended_cpu = _now()
                spent = stats["checks"].setdefault(_kind(dest), [0.0, 0.0, wall, ended, 0])
                spent[0] += ended - wall
                spent[1] += ended_cpu - cpu
                spent[3] = ended
                spent[4] += 1

        output.check_bytes = timed_check
        try:
            worker(_TimedConn(conn, stats))
        finally:
            child_trace.write_text(json.dumps(stats), encoding="utf-8")

    search._stream_worker = traced_worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the site's sources (with their own hooks/)")
    parser.add_argument("--out", type=Path, required=True, help="the output folder (replaced)")
    parser.add_argument("--trace", type=Path, required=True, help="the timeline, as JSON")
    args = parser.parse_args()
    os.environ["GOVSITE_CACHE"] = "off"
    site = args.site.resolve()
    os.chdir(site)
    sys.path.insert(0, str(site / "hooks"))
    trace: dict = {"main": {}, "started": time.perf_counter()}
    child_trace = args.trace.with_suffix(".child.json")
    child_trace.unlink(missing_ok=True)
    install(trace, child_trace)
    from mkdocs.__main__ import cli

    try:
        cli(["build", "--site-dir", str(args.out.resolve())], standalone_mode=False)
    finally:
        trace["ended"] = time.perf_counter()
        trace["cpu"] = time.process_time()
        trace["child"] = json.loads(child_trace.read_text(encoding="utf-8")) if child_trace.exists() else None
        args.trace.write_text(json.dumps(trace, indent=1), encoding="utf-8")
        print(summary(trace))


def summary(trace: dict) -> str:
    """The timeline after the last page, in seconds from the build's start."""
    main, child = trace["main"], trace["child"] or {}
    zero = trace["started"]
    post_build = main.get("events", {}).get("on_post_build", [0, 0, zero, zero])
    calls = main.get("calls", {})
    lines = [f"build: wall {trace['ended'] - zero:.2f} s, build process CPU {trace['cpu']:.2f} s"
             f" (the child's separate)"]
    if "first_page" in main:
        lines.append(f"MkDocs' page loop: {main['first_page'] - zero:.2f} → {main['last_page'] - zero:.2f} s"
                     f" ({main['pages']} pages)")
    lines.append(f"on_post_build: {post_build[2] - zero:.2f} → {post_build[3] - zero:.2f} s"
                 f" (wall {post_build[0]:.2f}, CPU {post_build[1]:.2f})")
    for label, (wall, cpu, start, end) in calls.items():
        lines.append(f"  {label}: {start - zero:.2f} → {end - zero:.2f} s (wall {wall:.2f}, CPU {cpu:.2f})")
    if child:
        if child.get("pages_scan_sent"):
            lines.append(f"child: the pages' scan sent back at {child['pages_scan_sent'] - zero:.2f} s")
        lines.append(f"child: first message {child['first_message'] - zero:.2f} s, waited {child['waited']:.2f} s"
                     f" for messages; \"done\" read at {child['done_received'] - zero:.2f} s"
                     f" (CPU so far {child['cpu_at_done']:.2f}); result sent at {child['sent_result'] - zero:.2f} s"
                     f" (CPU {child['cpu_at_end']:.2f})")
        for kind, (wall, cpu, start, end, count) in sorted(child["checks"].items()):
            lines.append(f"  guard, {kind}: {count} files, CPU {cpu:.2f} s, wall {wall:.2f} s,"
                         f" {start - zero:.2f} → {end - zero:.2f} s")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
