"""What `make publish` costs beyond its build, measured against the build alone in the same run.

    .venv/bin/python bench/publish.py [--runs 3] [--work /tmp/govsite-publish-bench]

A git checkout of this site is made in the work folder (never in the repository). Each run changes one notice's
title, commits, then alternates, in the same minutes:
  (a) `python -m govsite publish` of the checkout into a web root (build, link check, facts, switch, log)
  (b) `mkdocs build --strict` of the same checkout into a scratch folder: the floor a publish cannot go below
and, in this process, the reading of the finished release for the log and the link check:
  (c) two separate passes (release facts, then linkcheck.check_site parsing every page again): the old way
  (d) one pass, cold: each page read once for both
  (e) one pass, warm: only pages changed since the last release are read
Figures are medians of CPU seconds (user + sys, children included) and wall seconds; stored in
bench/results/publish.json, and bench/RESULTS.md is rewritten (bench/run.py).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "hooks"))
sys.path.insert(0, str(BENCH))

NOTICE = "content/notices/2026/zhaopin-gongyi-gangwei.md"
TITLE = "区退役军人服务中心2026年公益性岗位招聘公告"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    cpu, wall = children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - wall, children_cpu() - cpu


def reading(release: Path, site_url: str, previous: dict | None = None, separate: bool = False) -> float:
    """CPU seconds to read a finished release for the publish log and the link check."""
    from govsite import release as publish
    from govsite.guard import links as linkcheck

    start = time.process_time()
    facts = publish.release_facts(release, release.name, site_url, previous)
    linkcheck.check_site(release, site_url, None if separate else publish.parsed_links(facts))
    return time.process_time() - start


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
                    *args], check=True, capture_output=True)


def main() -> int:
    from govsite import release as publish

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govsite-publish-bench"))
    args = parser.parse_args()
    work = args.work.resolve()
    if work == REPO or REPO in work.parents:
        raise SystemExit("the work folder must be outside the repository")
    shutil.rmtree(work, ignore_errors=True)
    checkout, web = work / "repo", work / "web"
    checkout.mkdir(parents=True)
    for part in ("mkdocs.yml", "content", "data", "hooks", "overrides"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, checkout / part)
    git(checkout, "init", "-q")
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "start")
    env = dict(os.environ, PYTHONPATH=str(REPO / "hooks"), GOVSITE_TODAY="2026-11-26", NO_MKDOCS_2_WARNING="1")
    publish_cmd = [sys.executable, "-m", "govsite", "publish", "--webroot", str(web), str(checkout)]
    build_cmd = [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--quiet", "--site-dir"]
    subprocess.run(publish_cmd, env=env, check=True, capture_output=True)  # the first release
    site_url = publish.site_url_of(checkout)
    rows: dict[str, list[float]] = {k: [] for k in ("publish_wall", "publish_cpu", "build_wall", "build_cpu",
                                                     "two_pass", "one_pass_cold", "one_pass_warm")}
    load = os.getloadavg()[0]
    for run in range(1, args.runs + 1):
        text = (checkout / NOTICE).read_text(encoding="utf-8")
        old = f"{TITLE}（示例）" if run == 1 else f"{TITLE}（第{run - 1}版）"
        (checkout / NOTICE).write_text(text.replace(old, f"{TITLE}（第{run}版）"), encoding="utf-8")
        git(checkout, "commit", "-qam", f"run {run}")
        previous = json.loads((web / "meta" / f"{os.readlink(web / 'current').split('/')[-1]}.json").read_text())
        wall, cpu = timed(build_cmd + [str(work / f"build-{run}")], checkout, env)
        rows["build_wall"].append(wall)
        rows["build_cpu"].append(cpu)
        wall, cpu = timed(publish_cmd, checkout, env)
        rows["publish_wall"].append(wall)
        rows["publish_cpu"].append(cpu)
        release = web / os.readlink(web / "current")
        rows["two_pass"].append(reading(release, site_url, separate=True))
        rows["one_pass_cold"].append(reading(release, site_url))
        rows["one_pass_warm"].append(reading(release, site_url, previous))
        shutil.rmtree(work / f"build-{run}")
    median = {k: round(statistics.median(v), 2) for k, v in rows.items()}
    markdown = "\n".join([
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `bench/publish.py`, median of "
        f"{args.runs} runs, each a publish of the demo site after one notice's title changed; load average "
        f"{load:.1f} at the start (2 cores shared: compare figures of the same run only).", "",
        "| | wall (s) | CPU (s) |", "|---|---:|---:|",
        f"| (a) `python -m govsite publish` | {median['publish_wall']} | {median['publish_cpu']} |",
        f"| (b) `mkdocs build --strict` of the same commit | {median['build_wall']} | {median['build_cpu']} |",
        f"| a − b: what a publish adds | {median['publish_wall'] - median['build_wall']:.2f} | "
        f"{median['publish_cpu'] - median['build_cpu']:.2f} |", "",
        "Reading the release for the log and the link check (CPU s, in one process):", "",
        "| (c) two passes, every page parsed twice | (d) one pass, cold | (e) one pass, unchanged pages reused |",
        "|---:|---:|---:|",
        f"| {median['two_pass']} | {median['one_pass_cold']} | {median['one_pass_warm']} |"])
    print(markdown)
    (BENCH / "results" / "publish.json").write_text(json.dumps({"runs": rows, "median": median, "load": load,
                                                               "markdown": markdown}, ensure_ascii=False, indent=1),
                                                   encoding="utf-8")
    import run as bench_run

    bench_run.write_results_md()
    return 0


if __name__ == "__main__":
    sys.exit(main())
