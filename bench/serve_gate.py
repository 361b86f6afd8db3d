"""Does what `make serve` serves after a series of saves equal a fresh build of the same sources?

    .venv/bin/python bench/serve_gate.py SITE [--seed N] [--work /tmp/govsite-gate]

SITE is a copy of a site (bench/generate.py's output, or a copy of the demo site): its files are changed. The
saves are generated from its own data (seeded): a notice's text and a policy's title edited, a notice and a
correction of another notice added, a notice deleted, the correction and an interpretation pointed at other
documents, a policy withdrawn, the policy an interpretation explains renamed with what names it, the newly
corrected notice's title. They run as `mkdocs serve --dirty`'s rebuilds in one process (the Memo verifying
every value it hands over, tests/integration/test_serve_equals_build.py's SERVE); then a first build of the
final sources in a new process, and `diff -r` of the two folders (the search index aside, rebuilt after a page
is served). Prints "identical" or the differences.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "integration")]
import test_serve_equals_build as serving  # noqa: E402


def field(text: str, name: str) -> str | None:
    found = re.search(rf"^{name}: (.*)$", text, re.M)
    return found.group(1) if found else None


def saves(root: Path, rng: random.Random) -> list[list]:
    """The batches of edits, each [path, old text or None (a new file) or the whole text, new text or None]."""
    def rel(path: Path) -> str:
        return path.relative_to(root).as_posix()

    def read(path) -> str:
        return (root / path).read_text(encoding="utf-8")

    notices = sorted(root.glob("content/notices/*/*.md"))
    corrected = {field(read(n), "更正") for n in notices} - {None}
    plain = [n for n in notices if field(read(n), "更正") is None and f"{n.parent.name}/{n.stem}" not in corrected]
    policies = sorted(root.glob("data/policies/*.yml"))
    interpretations = sorted(root.glob("data/interpretations/*.yml"))
    linked = ({field(read(i), "解读对象") for i in interpretations} | {field(read(p), "废止文件") for p in policies}
              | {p.stem for p in policies if field(read(p), "废止文件")})
    free = [p for p in policies if p.stem not in linked and "撤回" not in read(p)]
    numbers = set(re.findall(r"索引号: (\S+)", "".join(read(p) for p in notices + policies + interpretations)))
    prefix = sorted(numbers)[0].split("/")[0]

    def free_number(year: str) -> str:
        serial = 98000
        while f"{prefix}/{year}-{serial:05d}" in numbers:
            serial += 1
        numbers.add(f"{prefix}/{year}-{serial:05d}")
        return f"{prefix}/{year}-{serial:05d}"

    edited, deleted, source = rng.sample(plain, 3)
    batches = [[[rel(edited), read(edited), read(edited).rstrip("\n") + "\n\n编辑后新增的一句话。\n"]]]
    policy = rng.choice(free)
    batches.append([[rel(policy), "标题: ", "标题: 修订后的"]])
    year = source.parent.name
    text = re.sub(r"^标题: .*$", "标题: 新增的测试通知（示例）", read(source), count=1, flags=re.M)
    text = re.sub(r"^索引号: .*$", f"索引号: {free_number(year)}", text, count=1, flags=re.M)
    batches.append([[f"content/notices/{year}/xinzeng-gate.md", None, text]])
    target = rng.choice([n for n in plain if n != deleted])
    correction_text = re.sub(r"^标题: .*$", "标题: 关于某通知的更正公告（示例）", text, count=1, flags=re.M)
    correction_text = re.sub(r"^发布时间: .*$", "发布时间: 2026-11-25 10:00", correction_text, count=1, flags=re.M)
    correction_text = re.sub(r"^公示期:\n(?:  .*\n)+", "", correction_text, count=1, flags=re.M)
    correction_text = re.sub(r"^索引号: .*$", f"索引号: {free_number('2026')}", correction_text, count=1, flags=re.M)
    correction_text = correction_text.replace("\n---\n", f"\n更正: {target.parent.name}/{target.stem}\n---\n", 1)
    correction = "content/notices/2026/gengzheng-gate.md"
    batches.append([[correction, None, correction_text]])
    batches.append([[rel(deleted), "", None]])
    other = rng.choice([n for n in plain if n not in (deleted, target)])
    explained = rng.choice(interpretations)
    published = field(read(explained), "发布日期")
    now = field(read(explained), "解读对象")
    moved = rng.choice([p for p in policies if field(read(p), "发布日期") <= published and p.stem != now
                        and "撤回" not in read(p) and p != policy])
    batches.append([[correction, f"更正: {target.parent.name}/{target.stem}", f"更正: {other.parent.name}/{other.stem}"],
                    [rel(explained), f"解读对象: {now}", f"解读对象: {moved.stem}"]])
    withdrawn = rng.choice([p for p in free if p not in (policy, moved)])
    batches.append([[rel(withdrawn), read(withdrawn), read(withdrawn).rstrip("\n")
                     + "\n撤回:\n  日期: 2026-11-20\n  原因: 文件已由新文件替代（示例）\n"]])
    renamed = f"data/policies/{moved.stem}-x.yml"
    steps = [[renamed, None, read(moved)], [rel(moved), "", None]]
    for item in interpretations:
        if item == explained or field(read(item), "解读对象") == moved.stem:
            steps.append([rel(item), f"解读对象: {moved.stem}", f"解读对象: {moved.stem}-x"])
    for item in policies:
        if field(read(item), "废止文件") == moved.stem:
            steps.append([rel(item), f"废止文件: {moved.stem}", f"废止文件: {moved.stem}-x"])
    batches.append(steps)
    batches.append([[rel(other), "标题: ", "标题: 修订的"]])
    return batches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govsite-gate"))
    args = parser.parse_args()
    root = args.site.resolve()
    edits = saves(root, random.Random(args.seed))
    served, fresh = args.work / "served", args.work / "fresh"
    for folder in (served, fresh):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    log = serving.serve_builds(root, served, edits)
    stopped = [line for line in log.splitlines() if "=== stopped" in line or line.startswith("错误")]
    print(f"{log.count('=== save')} saves; stopped: {len(stopped) // 2 if stopped else 0}")
    for line in stopped:
        print("  ", line[:300])
    serving.serve_builds(root, fresh, [])
    result = subprocess.run(["diff", "-r", "-q", "-x", "searchindex*", str(served), str(fresh)],
                            capture_output=True, text=True)
    print("diff -r:", "identical" if result.returncode == 0 else "\n" + result.stdout)
    return 0 if result.returncode == 0 and not stopped else 1


if __name__ == "__main__":
    sys.exit(main())
