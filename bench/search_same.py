"""Same results, fewer waits: two versions of search.js on the same built index, run in Node, compared query by query.

    .venv/bin/python bench/search_same.py SITE --base COMMIT [--ours path/to/search.js] [--show]
        [--base-index DIR] [--ours-index DIR]

Every distinct query of bench/search_scale.py (with SITE's document numbers) and of every set in bench/data/ is run
by the search.js of COMMIT and by this worktree's (bench/search_same.js: a fresh index per query, as a fresh page)
and the two must give the same hits in the same order, with the same scores, counts, notes and flags, for the first
hits, after complete() and for the next 40. Printed beside that: the index files each query fetched before its first
hits and in how many rounds (a round is the requests made before any of them answered: one network wait of the
browser, however fast the files come) — the part of the first hits' time the code decides. Exit status 1 when
any query's results differ. A change of the index's layout is compared with --base-index (the index the base
search.js was made for, built by the base commit) and --ours-index (this worktree's): both default to SITE's.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import search_eval  # noqa: E402
import search_scale  # noqa: E402

NODE_SCRIPT = REPO / "bench" / "search_same.js"


def queries(site: Path, held_out: bool = False) -> list[str]:
    """The queries compared: the held-out sets' only when asked for (`held_out`), as this script prints the
    queries whose results differ and a held-out set must not be read question by question while tuning."""
    found = search_scale.QUERIES + search_scale.document_numbers(site) + search_scale.QUESTIONS
    for path in sorted((REPO / "bench" / "data").glob("*.yml")):
        if path in search_eval.HELD_OUT and not held_out:
            continue
        found += [entry["q"] for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]]
    return list(dict.fromkeys(found))


def run(script: Path, index: Path, asked: list[str]) -> dict[str, dict]:
    text = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in asked)
    done = subprocess.run(["node", str(NODE_SCRIPT), str(script), str(index)], input=text, capture_output=True,
                          text=True, check=True)
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {row["q"]: row for row in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site")
    parser.add_argument("--base", required=True, help="the commit whose search.js is compared")
    parser.add_argument("--ours", type=Path, default=REPO / "content/assets/search/search.js")
    parser.add_argument("--show", action="store_true", help="print every query's files and rounds")
    parser.add_argument("--held-out", action="store_true",
                        help="also the held-out question sets (search_eval.HELD_OUT; left out by default)")
    parser.add_argument("--base-index", type=Path, help="searchindex/ for the base search.js (default: SITE's)")
    parser.add_argument("--ours-index", type=Path, help="searchindex/ for this search.js (default: SITE's)")
    args = parser.parse_args()
    base = subprocess.run(["git", "show", f"{args.base}:content/assets/search/search.js"], cwd=REPO,
                          capture_output=True, check=True).stdout
    asked = queries(args.site, args.held_out)
    with tempfile.NamedTemporaryFile(suffix=".js") as handle:
        handle.write(base)
        handle.flush()
        before = run(Path(handle.name), args.base_index or args.site / "searchindex", asked)
    after = run(args.ours, args.ours_index or args.site / "searchindex", asked)
    differ = []
    for q in asked:
        a, b = before[q], after[q]
        if "error" in a or "error" in b:
            differ.append(q)
            print(f"{q}: error\n  base: {a.get('error', '')[:400]}\n  ours: {b.get('error', '')[:400]}")
            continue
        for step in ("run", "complete", "more"):
            if a[step] != b[step]:
                differ.append(q)
                keys = [k for k in a[step] if a[step][k] != b[step].get(k)]
                print(f"{q}: differs at {step} in {keys}")
                break
    print(f"{len(asked)} distinct queries; results differ for {len(differ)}")
    if args.show:
        print(f"{'query':36}{'base files/rounds':>18}{'ours files/rounds':>18}")
        for q in asked:
            a, b = before[q].get("first", {}), after[q].get("first", {})
            print(f"{q[:34]:36}{a.get('files', '-'):>12}/{a.get('rounds', '-'):<5}{b.get('files', '-'):>12}/{b.get('rounds', '-'):<5}")
    sizes: dict[tuple[Path, str], int] = {}

    def fetched_kb(row: dict, folder: Path) -> float:
        # What nginx sends with deploy/nginx.conf (gzip): each distinct file the query asked for, compressed.
        for name in row.get("fetched", []):
            if (folder, name) not in sizes:
                sizes[folder, name] = len(gzip.compress((folder / name).read_bytes(), 6))
        return sum(sizes[folder, name] for name in set(row.get("fetched", []))) / 1024

    folders = {"base": args.base_index or args.site / "searchindex", "ours": args.ours_index or args.site / "searchindex"}
    for name, rows in (("base", before), ("ours", after)):
        kb = sorted(fetched_kb(r, folders[name]) for r in rows.values())
        print(f"{name}: index fetched per query (gzip, the first hits, the count and the snippets): median "
              f"{statistics.median(kb):.0f} kB, max {kb[-1]:.0f} kB")
        firsts = [r["first"] for r in rows.values() if "first" in r]
        slow = [r for r in rows.values() if "first" in r and r["q"] in search_scale.QUESTIONS]
        print(f"{name}: files before the first hits median {statistics.median(f['files'] for f in firsts)}, "
              f"max {max(f['files'] for f in firsts)}; rounds median {statistics.median(f['rounds'] for f in firsts)}, "
              f"max {max(f['rounds'] for f in firsts)}, {sum(1 for f in firsts if f['rounds'] > 1)} queries of more "
              f"than one round; files in all {sum(f['files'] for f in firsts)}; bench/search_scale.py's "
              f"{len(slow)} questions: files {sum(r['first']['files'] for r in slow)} "
              f"(max {max(r['first']['files'] for r in slow)}), rounds {sorted(r['first']['rounds'] for r in slow)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
