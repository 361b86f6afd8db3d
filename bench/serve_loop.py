"""Editor loop: time from saving a notice to `mkdocs serve` serving the new page (target ≤ 3 s).

    .venv/bin/python bench/serve_loop.py [--docs 2000] [--edits 3] [--serve-args "--dirty"]

Generates a site of N documents (bench/generate.py, outside the repository), starts `mkdocs serve` on it the way
`make serve` does, waits for the first build, then edits one generated notice several times: each edit appends a
new marker sentence and changes the title; the clock starts just before the file is written and stops when an
HTTP GET of the notice's page returns the new marker (polled every 50 ms). Every edit must also show up on the
政府信息公开目录 list page (the new title): nothing stale is served. Stores bench/results/serve.json (median of the
edits) and rewrites bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402
import run  # noqa: E402

TARGET_S = 3.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except Exception:
        return ""


def wait_for(url: str, needle: str, timeout: float, started: float | None = None) -> float:
    started = started if started is not None else time.perf_counter()
    while time.perf_counter() - started < timeout:
        if needle in get(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{needle!r} not served at {url} after {timeout:.0f} s")


def catalogue_shows(base: str, needle: str) -> bool:
    """Whether a page of the 政府信息公开目录 (xxgk/ml/, xxgk/ml/page/2/ …: 100 rows each) shows `needle`."""
    number = 1
    while True:
        body = get(base + "xxgk/ml/" + ("" if number == 1 else f"page/{number}/"))
        if not body:
            return False
        if needle in body:
            return True
        number += 1


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the serve process so far (the steady figure on a shared machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve-args", default="", help='extra arguments for mkdocs serve, e.g. "--dirty"')
    parser.add_argument("--work", type=Path, default=Path("/tmp/govsite-bench"))
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    root = args.work.resolve() / f"serve-{args.docs}"
    generate.generate(root, args.docs, args.seed)
    notice = sorted((root / "content/notices").rglob("gen-*.md"))[0]
    rel = notice.relative_to(root / "content").as_posix()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page_url = base + rel[:-3] + "/"
    env = dict(os.environ, PYTHONPATH=str(root / "hooks"), GOVSITE_TODAY=run.TODAY, NO_MKDOCS_2_WARNING="1")
    command = [str(run.VENV_BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload",
               *shlex.split(args.serve_args)]
    log = open(root / "serve.log", "wb")
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    timings, cpu_timings = [], []
    try:
        original = notice.read_text(encoding="utf-8")
        title = re.search(r"^标题: (.*)$", original, re.M).group(1)
        first_build = wait_for(page_url, title, timeout=900, started=started)
        print(f"first build served after {first_build:.1f} s", flush=True)
        time.sleep(2)  # let the watcher settle
        for edit in range(1, args.edits + 1):
            marker = f"编辑测试第{edit}次修改"
            new_title = f"{title}（第{edit}次修改）"
            text = original.replace(f"标题: {title}", f"标题: {new_title}", 1).rstrip("\n")
            text += f"\n\n{marker}。\n"
            cpu = cpu_seconds(server.pid)
            clock = time.perf_counter()
            notice.write_text(text, encoding="utf-8")
            seconds = wait_for(page_url, marker, timeout=600, started=clock)
            cpu_timings.append(cpu_seconds(server.pid) - cpu)
            # never stale: the 政府信息公开目录 (lists every notice with a 索引号) shows the new title as well
            deadline = time.perf_counter() + 5
            while not catalogue_shows(base, new_title):
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{new_title!r} not in the 政府信息公开目录 5 s after its page was served")
                time.sleep(0.2)
            timings.append(seconds)
            print(f"edit {edit}: served after {seconds:.2f} s ({cpu_timings[-1]:.2f} s CPU)", flush=True)
            time.sleep(1.5)
        notice.write_text(original, encoding="utf-8")
        deadline = time.perf_counter() + 600
        while "编辑测试" in get(page_url):  # the reverted page loses the edit
            assert time.perf_counter() < deadline, "the reverted page still shows an edit"
            time.sleep(0.2)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    median = statistics.median(timings)
    median_cpu = statistics.median(cpu_timings)
    # The search index is rebuilt after each save in a child process (govsite.search.build_index_later), whose
    # CPU is not in the serve process's figure: its own log line gives it.
    index_cpu = [float(x) for x in re.findall(r"搜索索引（后台进程）：.*?CPU ([0-9.]+) 秒",
                                               (root / "serve.log").read_text(encoding="utf-8", errors="replace"))]
    median_index_cpu = statistics.median(index_cpu) if index_cpu else None
    machine = run.machine()
    result = {"docs": args.docs, "serve_args": args.serve_args, "first_build_s": first_build, "edits_s": timings,
              "median_s": median, "cpu_s": cpu_timings,
              "median_cpu_s": median_cpu, "index_cpu_s": index_cpu, "median_index_cpu_s": median_index_cpu,
              "machine": machine,
              "markdown": (f"`mkdocs serve {args.serve_args}`".replace(" `", "`") + f" over {args.docs:,} documents: "
                           f"first build served after {first_build:.1f} s; saving a notice → new page served "
                           f"after {', '.join(f'{t:.1f}' for t in timings)} s (median {median:.1f} s, of which the serve "
                           f"process used {median_cpu:.1f} s CPU; target ≤ "
                           f"{TARGET_S:.0f} s: {'met' if median <= TARGET_S else 'NOT met'}). "
                           + (f"The search index, rebuilt after each save in a separate lower-priority process while "
                              f"the page is already served, used another {median_index_cpu:.1f} s CPU (median of "
                              f"{len(index_cpu)} finished run{'s' if len(index_cpu) != 1 else ''}; a run still going at the next save is "
                              f"stopped). "
                              if median_index_cpu is not None else "")
                           + f"Every edit also "
                           f"showed in the 政府信息公开目录 list, and the reverted page lost it (nothing stale). Machine: "
                           f"{machine['nproc']} cores, load {machine['load_at_start']} at the start.")}
    print(result["markdown"])
    if not args.no_save:
        (BENCH / "results").mkdir(exist_ok=True)
        (BENCH / "results" / "serve.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                                       encoding="utf-8")
        print("wrote", run.write_results_md())
    return 0


if __name__ == "__main__":
    sys.exit(main())
