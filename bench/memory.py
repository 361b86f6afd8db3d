"""Peak memory of each process of one `mkdocs build` of a generated site, sampled from /proc.

    .venv/bin/python bench/memory.py --docs 100000 [--seed 1] [--work /tmp/govsite-memory] [--keep-source]
                                     [--out bench/results/memory-100000.json]

bench/run.py reports only the largest process of a build (wait4's ru_maxrss). The build has two that matter, the
build process and the search index child, and they peak at different moments, so this samples every process of
the build's tree every 0.25 s: each one's VmHWM (the kernel's own peak, so nothing between two samples is
missed) and, every 10 s, its VmRSS (the curve: where in the build the memory is held). The site is made by
bench/generate.py and built as `bench/run.py --builds a` builds it (the checkout's hooks copied into the
generated site, `mkdocs build --site-dir …` run there, GOVSITE_TODAY fixed), with `nice -n 10` (a shared
machine) and GOVSITE_CACHE=off (nothing known clean from an earlier build). Wall time, CPU time of the whole
tree (user + system, through wait4), the exit status and the load average at the start and the end are kept
beside the memory: a build that does not end with status 0 is not a measurement, and the script says so.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402
import run  # noqa: E402


def _status(pid: int) -> dict[str, int]:
    """VmHWM and VmRSS of a process in kB ({} once it has gone)."""
    found = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    key, value = line.split(":", 1)
                    found[key] = int(value.split()[0])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return found


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    text = stat.read()
            except (FileNotFoundError, ProcessLookupError):
                continue
            ppid = int(text.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _tree(root: int) -> list[int]:
    tree, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(tree.get(pid, ()))
    return out


class Sampler(threading.Thread):
    def __init__(self, pid: int, started: float):
        super().__init__(daemon=True)
        self.pid, self.started, self.done = pid, started, threading.Event()
        self.peak: dict[int, int] = {}  # pid -> largest VmHWM seen (kB)
        self.first_seen: dict[int, float] = {}
        self.curve: list[tuple[float, dict[int, int]]] = []

    def run(self) -> None:
        last_curve = -10.0
        while not self.done.is_set():
            now = time.perf_counter() - self.started
            rss = {}
            for pid in _tree(self.pid):
                found = _status(pid)
                if "VmHWM" in found:
                    self.first_seen.setdefault(pid, now)
                    self.peak[pid] = max(self.peak.get(pid, 0), found["VmHWM"])
                    rss[pid] = found["VmRSS"]
            if now - last_curve >= 10:
                self.curve.append((round(now, 1), rss))
                last_curve = now
            self.done.wait(0.25)


def build(root: Path, out: Path) -> dict:
    env = dict(run.ENV, PYTHONPATH=str(root / "hooks"), GOVSITE_CACHE="off")
    load_start = os.getloadavg()
    started = time.perf_counter()
    with open(root / ".memory-stderr.log", "wb") as err:
        proc = subprocess.Popen(["nice", "-n", "10", str(VENV_BIN / "mkdocs"), "build", "--site-dir", str(out)],
                                cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=err)
        sampler = Sampler(proc.pid, started)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    log = (root / ".memory-stderr.log").read_text(encoding="utf-8", errors="replace")
    order = sorted(sampler.peak, key=lambda pid: sampler.first_seen[pid])
    processes = [{"pid": pid, "first_seen_s": round(sampler.first_seen[pid], 1),
                  "peak_mb": round(sampler.peak[pid] / 1024)} for pid in order]
    return {"exit": code, "wall": round(wall, 1), "cpu": round(usage.ru_utime + usage.ru_stime, 1),
            "rss_mb_wait4": round(usage.ru_maxrss / 1024), "processes": processes,
            "load_start": [round(x, 1) for x in load_start], "load_end": [round(x, 1) for x in os.getloadavg()],
            "curve_mb": [(t, [round(rss.get(pid, 0) / 1024) for pid in order]) for t, rss in sampler.curve],
            "log_tail": log[-4000:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govsite-memory"))
    parser.add_argument("--keep-source", action="store_true",
                        help="build the site already generated in the work folder (its hooks copied afresh)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    root, out = args.work / f"n{args.docs}" / "src", args.work / f"n{args.docs}" / "out"
    started = dt.datetime.now(dt.UTC)
    if args.keep_source and (root / "mkdocs.yml").exists():
        import shutil
        for part in ("hooks", "overrides"):
            shutil.rmtree(root / part)
            shutil.copytree(generate.REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        counts = None
    else:
        counts = generate.generate(root, args.docs, args.seed)
    if out.exists():
        import shutil
        shutil.rmtree(out)
    revision = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH, capture_output=True,
                              text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "hooks", "overrides"], cwd=BENCH.parent,
                           capture_output=True, text=True).stdout.strip()
    print(f"== {args.docs} documents at {revision}{' (+ uncommitted)' if dirty else ''}: building {root}",
          flush=True)
    result = {"docs": args.docs, "seed": args.seed, "rev": revision + ("+" if dirty else ""), "counts": counts,
              "started": started.strftime("%Y-%m-%d %H:%M UTC"), "machine": run.machine(), **build(root, out)}
    result["ended"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    peaks = ", ".join(f"{p['peak_mb']} MB" for p in result["processes"] if p["peak_mb"] > 50)
    print(f"   exit {result['exit']}: {result['wall']} s wall, {result['cpu']} s CPU, peaks {peaks}; "
          f"load {result['load_start'][0]} -> {result['load_end'][0]}", flush=True)
    if result["exit"] != 0:
        print("   not a measurement: the build failed\n" + result["log_tail"][-1500:], flush=True)
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.exit(0 if result["exit"] == 0 else 1)


if __name__ == "__main__":
    main()
