"""What the query understanding costs at scale: the same built site and index, searched by the search.js of an
earlier commit and by this one, in turn (A B A B …), through nginx in Chromium (bench/search_scale.py's measure()).

    .venv/bin/python bench/generate.py --docs 10000 --out /tmp/site-10k
    (cd /tmp/site-10k && PYTHONPATH=hooks ../path/to/.venv/bin/mkdocs build -d /tmp/site-10k/site)
    .venv/bin/python bench/search_understanding.py /tmp/site-10k/site --base cc58670 --runs 2 [--save]

The index is this commit's (the earlier search.js reads it: it ignores what it does not know) unless
--base-index names the folder the earlier commit built (a change of the index's layout: each search.js is then
measured on its own commit's index, swapped in by renaming), so the figures
compare the code and the requests it makes, on the same machine in the same minutes: the way to compare on a
machine shared with other work, where absolute times follow the load. Also reported: the size of what the
understanding adds to the index (pinyin.json, loaded with words.json on the first use of the search box; what
words.json gained). --save writes bench/results/search-understanding.json and rewrites bench/RESULTS.md, with the quality
figures of bench/results/search-quality.json (bench/search_eval.py --save) beside them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import search_scale  # noqa: E402


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def summary(rows: list[dict]) -> dict:
    ms = sorted(r["ms"] for r in rows)
    kb = [r["bytes"] / 1024 for r in rows]
    return {"queries": len(rows), "median_ms": statistics.median(ms), "p95_ms": ms[int(0.95 * (len(ms) - 1))],
            "max_ms": ms[-1], "over_100": sum(1 for v in ms if v > 100), "median_kb": statistics.median(kb),
            "max_kb": max(kb), "warm_median_ms": statistics.median(r["warm_ms"] for r in rows)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--base", required=True, help="the commit whose search.js is compared")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--save", action="store_true")
    parser.add_argument("--base-index", type=Path, help="the searchindex/ folder the base search.js is measured "
                        "on (built by the base commit: a change of the index's layout); default: SITE's own")
    parser.add_argument("--json", type=Path, help="write every measured query here")
    parser.add_argument("--frozen-commit", default="", help="the commit whose bench/results/search-quality.json holds "
                        "the first run of the frozen test half (reported beside the current figures)")
    args = parser.parse_args()
    js = args.site / "assets/search/search.js"
    ours = (REPO / "content/assets/search/search.js").read_bytes()
    base = subprocess.run(["git", "show", f"{args.base}:content/assets/search/search.js"], cwd=REPO,
                          capture_output=True, check=True).stdout
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    queries = search_scale.QUERIES + search_scale.document_numbers(args.site) + search_scale.QUESTIONS
    loads, measured = [], {"base": [], "ours": []}
    index, aside = args.site / "searchindex", args.site / "searchindex.ours"

    def swap(name: str) -> None:
        # The base index takes the site's place while the base search.js is measured (renames: nginx follows them).
        if args.base_index and (name == "base") != aside.exists():
            if name == "base":
                index.rename(aside)
                args.base_index.rename(index)
            else:
                index.rename(args.base_index)
                aside.rename(index)

    try:
        for _ in range(args.runs):
            for name, code in (("base", base), ("ours", ours)):
                js.write_bytes(code)
                swap(name)
                with open("/proc/loadavg") as load:
                    loads.append(float(load.read().split()[0]))
                measured[name] += search_scale.measure(args.site, queries, nginx=True)["rows"]
    finally:
        js.write_bytes(ours)
        swap("ours")
    index = args.site / "searchindex"
    words = json.loads((index / "words.json").read_text(encoding="utf-8"))
    added = {key: gz(json.dumps(words[key], ensure_ascii=False, separators=(",", ":")).encode())
             for key in ("everyday", "laws", "intents", "common") if key in words}
    sizes = {"pinyin.json": gz((index / "pinyin.json").read_bytes()), "words.json": gz((index / "words.json").read_bytes()),
             "added to words.json": added}
    report = {"base": args.base, "head": head, "loads": loads, "sizes": sizes,
              "summary": {name: summary(rows) for name, rows in measured.items()},
              "questions": {name: summary([r for r in rows if r["q"] in search_scale.QUESTIONS])
                            for name, rows in measured.items()},
              "rows": measured}
    for name in ("base", "ours"):
        s, q = report["summary"][name], report["questions"][name]
        print(f"{name:5} all {s['queries']}: first hits median {s['median_ms']:.0f} ms, p95 {s['p95_ms']:.0f}, max "
              f"{s['max_ms']:.0f}, {s['over_100']} over 100 ms; {s['median_kb']:.0f} kB median, {s['max_kb']:.0f} max; "
              f"code alone median {s['warm_median_ms']:.1f} ms | questions {q['queries']}: median {q['median_ms']:.0f} "
              f"ms, max {q['max_ms']:.0f}, {q['median_kb']:.0f} kB median, {q['max_kb']:.0f} max")
    print(f"load average at each measurement: {loads}; sizes (gzip): {sizes}")
    for name in ("base", "ours"):
        print(f"{name} over 100 ms: " + ", ".join(f"{r['q']} {r['ms']:.0f}" for r in
                                                   sorted(measured[name], key=lambda r: -r["ms"]) if r["ms"] > 100))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.save:
        if args.frozen_commit:
            report["frozen"] = json.loads(subprocess.run(
                ["git", "show", f"{args.frozen_commit}:bench/results/search-quality.json"], cwd=REPO,
                capture_output=True, check=True, text=True).stdout)
        save(report, args.site)
    return 0


def quality_lines(frozen: dict | None) -> list[str]:
    """First hit relevant on each question set: the first run of the frozen test half, and now."""
    now = json.loads((REPO / "bench/results/search-quality.json").read_text(encoding="utf-8"))
    if not frozen:
        return []

    def cell(report, name, engine):
        figures = report["natural"].get(name, {}).get(engine)
        if not figures:
            return ""
        level = "article" if engine in ("ours", "base") else "page"
        return f"{figures[level]['first hit relevant']:.1%} ({figures[level]['MRR']:.3f})"

    out = ["", "First hit relevant (MRR) by question set, this site at the article level, the others at the page level "
           "(bench/search_eval.py; the sets in bench/data/):", "",
           f"| set | {frozen['commit']}: first run of the test half | {now['commit']}: after fixes | "
           f"{now['base']} (before) | Material | Pagefind 1.5.2 |", "|---|---:|---:|---:|---:|---:|"]
    for name in ("natural-queries.yml", "natural-queries-2.yml", "understanding-dev.yml", "understanding-test.yml"):
        out.append(f"| `{name}` | {cell(frozen, name, 'ours')} | {cell(now, name, 'ours')} | {cell(now, name, 'base')} | "
                   f"{cell(now, name, 'material')} | {cell(now, name, 'pagefind')} |")
    out += ["", f"The test half was committed alone before the first tuning commit and first run at {frozen['commit']}; "
            f"what that run showed led to fixes ({now['commit']}), so the second figure is no longer a held-out one. "
            "Both halves were written by the same person, who also seeded the everyday words of "
            "data/search/synonyms.yml after writing them: the test half is not independent of that list."]
    return out


def save(report: dict, site: Path) -> None:
    import run as bench_run

    b, o = report["summary"]["base"], report["summary"]["ours"]
    qb, qo = report["questions"]["base"], report["questions"]["ours"]
    s = report["sizes"]
    manifest = json.loads((site / "searchindex/manifest.json").read_text(encoding="utf-8"))
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `bench/search_understanding.py`: the "
        f"10,000-document site (`bench/generate.py --docs 10000`, {manifest['records']:,} records) built at {report['head']}, "
        f"searched by the search.js of {report['base']} and of {report['head']} in turn, "
        f"{len(report['loads']) // 2} runs each, {o['queries'] // max(1, len(report['loads']) // 2)} queries per run "
        f"(bench/search_scale.py's: terms, pieces of compounds, phrases, 发文字号, 索引号, questions, and six of the "
        f"new kinds), nginx with deploy/nginx.conf, gzip. The machine is shared with other work: load average "
        f"{', '.join(str(x) for x in report['loads'])} at the start of each measurement (2 cores), so absolute times "
        f"are inflated and noisy; the two versions ran in the same minutes.", "",
        f"| | search.js of {report['base']} | search.js of {report['head']} |", "|---|---:|---:|",
        f"| first hits on screen: median / 95th percentile / max | {b['median_ms']:.0f} / {b['p95_ms']:.0f} / "
        f"{b['max_ms']:.0f} ms | {o['median_ms']:.0f} / {o['p95_ms']:.0f} / {o['max_ms']:.0f} ms |",
        f"| queries over 100 ms | {b['over_100']} of {b['queries']} | {o['over_100']} of {o['queries']} |",
        f"| the search code alone (files in memory), median | {b['warm_median_ms']:.1f} ms | {o['warm_median_ms']:.1f} ms |",
        f"| fetched per query: median / max | {b['median_kb']:.0f} / {b['max_kb']:.0f} kB | "
        f"{o['median_kb']:.0f} / {o['max_kb']:.0f} kB |",
        f"| of which the {qo['queries'] // max(1, len(report['loads']) // 2)} questions: first hits median / max | "
        f"{qb['median_ms']:.0f} / {qb['max_ms']:.0f} ms | {qo['median_ms']:.0f} / {qo['max_ms']:.0f} ms |",
        f"| the questions: fetched median / max | {qb['median_kb']:.0f} / {qb['max_kb']:.0f} kB | "
        f"{qo['median_kb']:.0f} / {qo['max_kb']:.0f} kB |", "",
        *(f"Over 100 ms with the search.js of {report[name if name == 'base' else 'head']}: " + (", ".join(
            f"{r['q']} {r['ms']:.0f}" for r in sorted(report["rows"][name], key=lambda r: -r["ms"]) if r["ms"] > 100)
            or "none") + " (ms)." for name in ("base", "ours")), "",
        f"Index size (gzip): `pinyin.json` {s['pinyin.json'] / 1024:.1f} kB, loaded once per visitor with "
        f"`words.json`; `words.json` {s['words.json'] / 1024:.1f} kB in all, "
        "of which the understanding added: " + ", ".join(f"{k} {v / 1024:.1f} kB" for k, v in s["added to words.json"].items())
        + " (loaded with the titles on the first use of the search box).",
    ]
    lines += quality_lines(report.get("frozen"))
    report["markdown"] = "\n".join(lines)
    slim = {name: [{"q": r["q"], "ms": round(r["ms"], 1), "kb": round(r["bytes"] / 1024, 1)} for r in rows]
            for name, rows in report["rows"].items()}
    (REPO / "bench/results/search-understanding.json").write_text(
        json.dumps({**{k: v for k, v in report.items() if k != "rows"}, "rows": slim}, ensure_ascii=False, indent=1)
        + "\n", encoding="utf-8")
    bench_run.write_results_md()


if __name__ == "__main__":
    sys.exit(main())
