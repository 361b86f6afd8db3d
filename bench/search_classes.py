"""The development questions by class, in Node, with the part kept aside reported as figures only.

    .venv/bin/python bench/search_classes.py SITE [--base COMMIT] [--show] [--json FILE]

Every question of the development sets (bench/search_split.DEVELOPMENT_SETS; never a held-out set of
search_eval.HELD_OUT) is run by this worktree's search.js in Node on SITE's index (bench/search_same.js, a fresh
index per question) and judged as bench/search_eval.py judges it (an answerable question told 没有找到 is missed; a
question the site cannot answer counts when it says so). Printed: first hit relevant at the page and article level
and MRR (page) by class, for the questions tuned on and for those kept aside by bench/search_split.py. With --base,
COMMIT's search.js runs on the same index too, and each tuned-on question whose first-hit verdict changed is listed
(--show lists every tuned-on miss). The kept-aside part is never listed question by question, only counted: of its
questions whose verdict changed, how many got better and how many worse.
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import search_eval  # noqa: E402
import search_same  # noqa: E402
from search_split import DEVELOPMENT_SETS, kept_aside  # noqa: E402


def is_aside(question: dict) -> bool:
    """A set written as a development part and a part kept aside is split by its files; the others by hash."""
    if question["set"] in WHOLE:
        return WHOLE[question["set"]]
    return kept_aside(question["q"], question["kind"])


WHOLE = {search_eval.UNDERSTANDING_DEV_14.name: False, search_eval.UNDERSTANDING_ASIDE_14.name: True,
         search_eval.UNDERSTANDING_DEV_15.name: False, search_eval.UNDERSTANDING_ASIDE_15.name: True}


def judge(questions: list[dict], answers: dict[str, dict]) -> list[dict]:
    out = []
    for q in questions:
        answer = answers[q["q"]]
        run = answer.get("complete") or answer.get("run") or {"hits": [], "noAnswer": False, "intent": ""}
        got = [search_eval.normalise(h[0]) for h in run["hits"]]
        row = dict(q, got=got, noAnswer=run.get("noAnswer", False))
        out.append({"page": search_eval.judged_rank(row, "page"), "article": search_eval.judged_rank(row, "article"),
                    "first": (got[0] if got else "—") + (" (没有找到)" if run.get("noAnswer") else ""),
                    "intent": run.get("intent", "")})
    return out


def figures(rows: list[dict], judged: list[dict]) -> dict:
    by = collections.defaultdict(lambda: [0, 0, 0, 0.0])
    for q, j in zip(rows, judged):
        for key in (q["kind"], "all", "set " + q["set"].removesuffix(".yml")):
            by[key][0] += j["page"] == 1
            by[key][1] += j["article"] == 1
            by[key][2] += 1
            by[key][3] += 1 / j["page"] if j["page"] else 0
    return by


def show(title: str, before: dict | None, after: dict) -> None:
    print(title)
    for kind in sorted(after, key=lambda k: (k.startswith("set "), k == "all", k)):
        a = after[kind]
        line = f"  {kind:26} {a[2]:4}: page {a[0]:4}  article {a[1]:4}  MRR {a[3] / a[2]:.3f}"
        if before:
            b = before[kind]
            line = (f"  {kind:26} {a[2]:4}: page {b[0]:4} -> {a[0]:4}  article {b[1]:4} -> {a[1]:4}  "
                    f"MRR {b[3] / b[2]:.3f} -> {a[3] / a[2]:.3f}")
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site")
    parser.add_argument("--base", help="also the search.js of this commit, on the same index")
    parser.add_argument("--show", action="store_true", help="list every tuned-on miss")
    parser.add_argument("--json", type=Path, help="write the tuned-on per-question verdicts here")
    parser.add_argument("--sets", default=",".join(DEVELOPMENT_SETS),
                        help="the development sets to run, comma-separated (default: all of them)")
    parser.add_argument("--ours", type=Path, default=REPO / "content/assets/search/search.js",
                        help="the search.js to run (default: this worktree's)")
    args = parser.parse_args()
    names = [name.strip() for name in args.sets.split(",") if name.strip()]
    assert set(names) <= set(DEVELOPMENT_SETS), "only development sets are run here"
    paths = [search_eval.SETS[name] for name in names]
    assert not set(paths) & set(search_eval.HELD_OUT)
    questions = search_eval.natural_queries(paths)
    index = args.site / "searchindex"
    asked = list(dict.fromkeys(q["q"] for q in questions))
    after = judge(questions, search_same.run(args.ours, index, asked))
    before = None
    if args.base:
        with tempfile.NamedTemporaryFile(suffix=".js") as handle:
            handle.write(subprocess.run(["git", "show", f"{args.base}:content/assets/search/search.js"], cwd=REPO,
                                        capture_output=True, check=True).stdout)
            handle.flush()
            before = judge(questions, search_same.run(Path(handle.name), index, asked))
    for aside in (False, True):
        keep = [i for i, q in enumerate(questions) if is_aside(q) == aside]
        rows = [questions[i] for i in keep]
        show("kept aside (figures only)" if aside else "tuned on",
             figures(rows, [before[i] for i in keep]) if before else None, figures(rows, [after[i] for i in keep]))
        if before:
            better = sum(1 for i in keep if (after[i]["page"] == 1) > (before[i]["page"] == 1))
            worse = sum(1 for i in keep if (after[i]["page"] == 1) < (before[i]["page"] == 1))
            print(f"  first hit (page) better for {better}, worse for {worse}")
        if aside:
            continue
        for i in keep:
            q, a = questions[i], after[i]
            changed = before and ((before[i]["page"] == 1) != (a["page"] == 1) or
                                  (before[i]["article"] == 1) != (a["article"] == 1) or before[i]["first"] != a["first"])
            if changed:
                b = before[i]
                print(f"  [{q['set']}/{q['kind']}] {q['q']}: {b['first']} -> {a['first']}  "
                      f"page {b['page'] == 1:d}->{a['page'] == 1:d} article {b['article'] == 1:d}->{a['article'] == 1:d}")
            elif args.show and a["page"] != 1:
                print(f"  miss [{q['set']}/{q['kind']}] {q['q']}: {a['first']} rank {a['page']} intent {a['intent']}")
        if args.json:
            args.json.write_text(json.dumps([dict(questions[i], **after[i]) for i in keep], ensure_ascii=False,
                                            indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
