"""Same-sound typos generated in the development questions: does the search still answer them?

    .venv/bin/python bench/search_typos.py SITE [--base COMMIT] [--aside] [--seed N] [--show]

People type Chinese by its sound and pick the wrong character of a syllable. Every development question (never a
held-out set of search_eval.HELD_OUT) whose first hit is relevant at the page level as typed is asked again with a
word of the site in it typed wrong: one character put for another of the same toneless usual reading, among
GB2312's common characters (what an input method offers), giving no word of the site and no word of the language
used 100 times or more in jieba's dictionary (those are typed as meant and never corrected, by design). Up to three
such variants a question, seeded. A variant counts when its first hit is still relevant (bench/search_eval.py's
judgement: an answerable question told 没有找到 is missed), by class.

The questions of the classes of meaning kept aside by bench/search_split.py are left out unless --aside is given;
then only they are used, and only the figures are printed (--show is refused), so the part kept aside stays unread.
The search.js of this worktree runs in Node on SITE's index (bench/search_same.js); --base also runs COMMIT's.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "hooks"))
import search_eval  # noqa: E402
import search_same  # noqa: E402
from search_split import DEVELOPMENT_SETS, kept_aside  # noqa: E402

# A word of the language this common is typed as meant (govsite.search.pinyin.REAL_WORD_COUNT).
REAL = 100
PER_QUESTION = 3


def mistyped(question: str, rng: random.Random, site_words: set[str]) -> list[tuple[str, str, str]]:
    """(variant, word, typed): `question` with one word of the site in it typed with a same-sounding character."""
    import jieba

    from govsite.search import pinyin as pinyin_module

    usual = pinyin_module._usual()
    by_sound = collections.defaultdict(list)
    for char in pinyin_module.common_characters():
        if usual.get(char):
            by_sound[usual[char][0]].append(char)
    found = []
    for word in jieba.cut(question):
        if len(word) < 2 or word not in site_words:
            continue
        for i, char in enumerate(word):
            if not usual.get(char):
                continue
            for other in by_sound[usual[char][0]]:
                typed = word[:i] + other + word[i + 1:]
                if other != char and typed not in site_words and (jieba.get_FREQ(typed) or 0) < REAL:
                    found.append((question.replace(word, typed, 1), word, typed))
    rng.shuffle(found)
    return found[:PER_QUESTION]


def judged(rows: list[dict], answers: dict[str, dict]) -> list[int]:
    out = []
    for row in rows:
        run = answers[row["asked"]]["run"]
        got = [search_eval.normalise(h[0]) for h in run["hits"]]
        out.append(search_eval.judged_rank(dict(row, got=got, noAnswer=run["noAnswer"]), "page"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site")
    parser.add_argument("--base", help="also the search.js of this commit")
    parser.add_argument("--aside", action="store_true", help="only the questions kept aside (figures only)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--show", action="store_true", help="print each variant missed")
    args = parser.parse_args()
    if args.show and args.aside:
        parser.error("the part kept aside is reported as figures only")
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    paths = [search_eval.SETS[name] for name in DEVELOPMENT_SETS]
    assert not set(paths) & set(search_eval.HELD_OUT)
    questions = [q for q in search_eval.natural_queries(paths) if kept_aside(q["q"], q["kind"]) == args.aside]
    words = json.loads((args.site / "searchindex/words.json").read_text(encoding="utf-8"))
    site_words = {w for group in words["words"].values() for w in group.split()}
    index = args.site / "searchindex"
    scripts = {"ours": REPO / "content/assets/search/search.js"}
    with tempfile.TemporaryDirectory(prefix="search-typos-") as tmp:
        if args.base:
            base = Path(tmp) / "base.js"
            base.write_bytes(subprocess.run(["git", "show", f"{args.base}:content/assets/search/search.js"], cwd=REPO,
                                            capture_output=True, check=True).stdout)
            scripts = {"base": base, **scripts}
        rng = random.Random(args.seed)
        # The variants come from the questions the search as typed answers (this worktree's), the same for both.
        typed = search_same.run(scripts["ours"], index, [q["q"] for q in questions])
        answered = [q for q, rank in zip(questions, judged([dict(q, asked=q["q"]) for q in questions], typed))
                    if rank == 1 and q["kind"] != "no-answer"]
        rows = [dict(q, asked=variant, word=word, typed=wrong)
                for q in answered for variant, word, wrong in mistyped(q["q"], rng, site_words)]
        print(f"{len(answered)} development questions answered as typed ({'kept aside' if args.aside else 'tuned on'}),"
              f" {len(rows)} variants with a same-sound typo (seed {args.seed})")
        for name, script in scripts.items():
            ranks = judged(rows, search_same.run(script, index, list(dict.fromkeys(r["asked"] for r in rows))))
            by_kind = collections.defaultdict(lambda: [0, 0])
            for row, rank in zip(rows, ranks):
                by_kind[row["kind"]][0] += rank == 1
                by_kind[row["kind"]][1] += 1
            good = sum(r == 1 for r in ranks)
            print(f"{name}: first hit relevant {good} of {len(rows)} ({good / len(rows):.1%}); by class: "
                  + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_kind.items())))
            if args.show and name == "ours":
                for row, rank in zip(rows, ranks):
                    if rank != 1:
                        print(f"  [{row['kind']}] {row['asked']} ({row['typed']} for {row['word']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
