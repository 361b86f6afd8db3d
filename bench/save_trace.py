"""Where one save's time goes: `mkdocs serve --dirty`'s rebuild, run in this process and profiled.

    .venv/bin/python bench/save_trace.py --docs 10000 [--saves 3] [--profile /tmp/save.prof] [--top 40]

Generates a site of N documents (bench/generate.py, outside the repository), then does what `mkdocs serve
--dirty` does without the HTTP server: on_startup("serve", dirty=True), a first build into a temporary folder,
then for each save a change to one generated notice (its title and a new sentence, as bench/serve_loop.py) and
the rebuild MkDocs' serve would run (a fresh config, `build(dirty=True)`). Prints each rebuild's wall and CPU
time and, with --profile, the functions that took the most cumulative time in the last one. The search index's
background child (forked after each rebuild) is not counted: it runs after the page is served.

A benchmark of the whole loop, the HTTP server and the watcher included, is bench/serve_loop.py.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402
import run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govsite-bench"))
    parser.add_argument("--profile", type=Path, help="cProfile the last rebuild into this file")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--hooks", type=Path, help="another revision's hooks/ (e.g. from `git archive`), to compare "
                        "with the same generated site")
    parser.add_argument("--edit", default="notice", choices=["notice", "body"],
                        help="notice: title and text of a notice; body: one sentence of its text only")
    args = parser.parse_args()
    root = args.work.resolve() / f"serve-{args.docs}{'-' + args.hooks.parent.name if args.hooks else ''}"
    generate.generate(root, args.docs, args.seed)
    if args.hooks:
        import shutil

        shutil.rmtree(root / "hooks")
        shutil.copytree(args.hooks, root / "hooks")
    os.environ.update(GOVSITE_TODAY=run.TODAY, NO_MKDOCS_2_WARNING="1")
    sys.path.insert(0, str(root / "hooks"))
    os.chdir(root)

    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stdout)  # the engine's log lines (it logs through MkDocs' handlers)
    handler.setFormatter(logging.Formatter("  %(relativeCreated)9.0f ms  %(message)s"))
    handler.addFilter(lambda record: not record.getMessage().startswith("The following pages exist"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    site_dir = tempfile.mkdtemp(prefix="save-trace-")
    serve_url = "http://127.0.0.1:8000/"

    def config():
        loaded = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)
        loaded.site_url = serve_url
        return loaded

    # CPU seconds spent in each MkDocs event (the adapter's hooks), per rebuild: the rest is MkDocs' own work
    from mkdocs.plugins import PluginCollection

    events: dict[str, float] = {}
    run_event = PluginCollection.run_event

    def timed_event(self, name, item=None, **kwargs):
        started = time.process_time()
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            key = "on_page_*" if name.startswith("page_") else f"on_{name}"
            events[key] = events.get(key, 0.0) + time.process_time() - started

    PluginCollection.run_event = timed_event
    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    started = time.perf_counter()
    build(first, serve_url=serve_url, dirty=True)
    print(f"first build {time.perf_counter() - started:.1f} s", flush=True)
    notice = sorted((root / "content/notices").rglob("gen-*.md"))[0]
    original = notice.read_text(encoding="utf-8")
    title = re.search(r"^标题: (.*)$", original, re.M).group(1)
    out = Path(site_dir) / notice.relative_to(root / "content").with_suffix("") / "index.html"
    try:
        for save in range(1, args.saves + 1):
            marker = f"编辑测试第{save}次修改"
            text = original if args.edit == "body" else original.replace(f"标题: {title}", f"标题: {title}（第{save}次修改）", 1)
            notice.write_text(text.rstrip("\n") + f"\n\n{marker}。\n", encoding="utf-8")
            time.sleep(2.1)  # a file younger than two seconds is read again on the next pass as well
            profiler = cProfile.Profile() if args.profile and save == args.saves else None
            events.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            build(config(), serve_url=serve_url, dirty=True)
            if profiler:
                profiler.disable()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            shown = marker in out.read_text(encoding="utf-8")
            print(f"save {save}: rebuild {wall:.2f} s wall, {cpu:.2f} s CPU; page shows the save: {shown}", flush=True)
            spent = ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(events.items(), key=lambda e: -e[1]))
            print(f"  CPU by event: {spent}; MkDocs itself {cpu - sum(events.values()):.2f}", flush=True)
            if profiler:
                profiler.dump_stats(args.profile)
                pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(args.top)
    finally:
        notice.write_text(original, encoding="utf-8")
        from govsite import search

        search.stop_index_later()
        import shutil

        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
