"""Mutation testing of the modules where a silent bug harms the public (docs/testing.md, "Mutation testing").

    make mutate                      every module below, one after the other
    make mutate MODULE=lifecycle     one module (several: MODULE="mode dates")

Each module is mutated by mutmut (pinned in requirements-mutate.txt, its own virtualenv .venv-mutate) with only
the tests that cover it, so that a run fits a 2-core machine. mutmut runs, for each mutant, only the tests that
called the mutated function (it records them in a first run of the module's tests).

mutmut expects the code under ./, src/ or source/ and imports it from its copy mutants/src; this project keeps
it in hooks/ (on PYTHONPATH, pytest.ini). So each module runs in a staging copy of the worktree,
.mutate/<module>/, with hooks/ copied to src/ and mutants/hooks pointing at mutants/src: the tests, pytest.ini
and tests/sitekit.py (which puts hooks/ first on sys.path) then import the mutated code, and the worktree itself
is never touched.

A mutant that survives is either a missing test or an equivalent mutant (it cannot change behaviour). The
equivalent ones are listed with their reason in tools/mutate-equivalent.yml, by name and by the lines of their
diff: an entry whose diff no longer matches (the function changed) is reported as stale and does not count.
The score is killed / (mutants - equivalent); a mutant no test reaches counts as surviving.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
STAGING = ROOT / ".mutate"
EQUIVALENT = ROOT / "tools/mutate-equivalent.yml"
TARGET_SCORE = 90.0


@dataclass(frozen=True)
class Target:
    files: tuple[str, ...]  # under hooks/
    tests: tuple[str, ...]  # the tests that cover them
    functions: tuple[str, ...] = ()  # only these functions (mutmut's fnmatch patterns of mutant names)
    what: str = ""
    # mutmut stops a mutant's tests after (their time + 1 s) x this x 2 seconds of CPU and counts it detected
    # (mutmut's default, 15, gives a hanging mutant of code that all of a module's tests call several minutes)
    timeout_multiplier: float = 15.0
    # each test starts with the engine's memories empty (tools/mutate_fresh.py): code that remembers its answers
    # per process would otherwise answer a mutant's tests from the clean run mutmut forks them from
    fresh: bool = False


# The safety-critical modules and the tests that cover each. Keep the tests to those that reach the module: the
# first pass runs them all once, then each mutant runs the ones that called its function.
_GUARD_PERSONAL_TESTS = ("tests/unit/test_guard_personal.py", "tests/unit/test_guard_names.py",
                         "tests/unit/test_guard_faults.py", "tests/unit/test_guard_personal_mutants.py")
TARGETS: dict[str, Target] = {
    "mode": Target(("govsite/mode.py",), ("tests/unit/test_mode.py", "tests/unit/test_lifecycle.py"),
                   what="构建模式：公开构建、预览、发布版本"),
    "dates": Target(("govsite/dates.py",), ("tests/unit/test_dates.py", "tests/unit/test_lifecycle.py"),
                    what="北京时间、工作日"),
    "lifecycle": Target(("govsite/lifecycle.py",), ("tests/unit/test_lifecycle.py",),
                        what="草稿、审核记录、定时发布、撤回"),
    "release": Target(("govsite/release.py",), ("tests/unit/test_release.py",), what="发布切换与回滚"),
    "feeds": Target(("govsite/types/feeds/items.py", "govsite/types/feeds/__init__.py"),
                    ("tests/unit/test_feeds.py", "tests/unit/test_citations.py"), what="订阅条目"),
    # test_laws_model.py and test_laws_errors.py cover citations too, but load the whole site for every mutant
    # (minutes per mutant on a loaded 2-core machine); test_citations.py loads the law library alone.
    "crossref": Target(("govsite/crossref.py",), ("tests/unit/test_citations.py",), what="法条引用"),
    # The adapter as a whole is covered by site builds (tests/integration); what is mutated here is the part a
    # fault of which publishes what must not be: the review record dropped from page meta, held-back files left out.
    "adapter": Target(("mkdocs_adapter/events.py",), ("tests/adapter/test_review_record.py",),
                      functions=("mkdocs_adapter.events.x_on_page_markdown__mutmut_*",
                                 "mkdocs_adapter.events.x__leave_out_held__mutmut_*"),
                      what="适配层：页面元数据中的审核记录、未发布文件"),
    # The personal-data guard, in three parts: the rules (numbers, names in tables and in running text,
    # addresses), the readers of every published format, and the output check that applies them to a build's
    # folder and maps findings back to their sources. The rules are one target per file (guard-personal is
    # their group): together some 2,000 mutants, whose run did not fit in 20 minutes on this machine.
    # test_name_corpus.py covers the running-text rule too, but reads every law text for every mutant.
    # prose.py's some 1,100 mutants are reached by nearly every test: they run with the tests of running text
    # only (the others read it through files, sites and attachments, several seconds a mutant).
    **{f"guard-personal-{part}": Target((f"govsite/guard/personal/{file}",), tests,
                                        what=what, timeout_multiplier=3.0, fresh=True)
       for part, file, tests, what in (
           ("rules", "__init__.py", _GUARD_PERSONAL_TESTS, "个人信息规则：号码、YAML 与文本文件的扫描"),
           ("names", "names.py", _GUARD_PERSONAL_TESTS, "是不是姓名：表头、姓氏、脱敏形式、地名"),
           ("prose", "prose.py", ("tests/unit/test_guard_names.py", "tests/unit/test_guard_personal_mutants.py"),
            "正文中的姓名：称谓、标签、性别、电话、名单"),
           ("tables", "tables.py", _GUARD_PERSONAL_TESTS, "表格中的姓名：各种表格、表单"),
           ("addresses", "addresses.py", _GUARD_PERSONAL_TESTS, "家庭住址"))},
    "guard-files": Target(("govsite/guard/files/*.py",),
                          ("tests/unit/test_guard_files.py", "tests/unit/test_guard_faults.py",
                           "tests/unit/test_guard_files_mutants.py", "tests/unit/test_guard_files_formats.py",
                           "tests/unit/test_guard_files_office.py",
                           # pages read with PageParts (html.py's parts read once) are the output check's
                           "tests/unit/test_guard_output.py", "tests/unit/test_guard_output_mutants.py"),
                          what="个人信息检查读取的各种文件格式", fresh=True),
    "guard-output": Target(("govsite/guard/output.py", "govsite/guard/sources.py", "govsite/guard/exceptions.py",
                            "govsite/guard/tree.py"),
                           ("tests/unit/test_guard_output.py", "tests/unit/test_guard_output_mutants.py",
                            "tests/unit/test_serve_guard.py"),
                           what="构建输出检查、问题回溯到源文件、例外记录", fresh=True),
}
# Names that stand for several modules (a group may name another group).
GROUPS = {"guard-personal": tuple(name for name in TARGETS if name.startswith("guard-personal-")),
          "guard": ("guard-personal", "guard-files", "guard-output")}


def expand(name: str) -> list[str]:
    return [m for member in GROUPS[name] for m in expand(member)] if name in GROUPS else [name]


def worktree_files() -> list[str]:
    """The files of the worktree as git sees them (tracked and new, not ignored): no .venv, site/ or caches."""
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         check=True, capture_output=True).stdout.decode()
    return [name for name in out.split("\0") if name and (ROOT / name).is_file()]


def stage(name: str, target: Target) -> Path:
    """A fresh copy of the worktree for mutmut, hooks/ as src/ (see the module's docstring)."""
    folder = STAGING / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    top = set()
    for rel in worktree_files():
        dest = folder / ("src" + rel[len("hooks"):] if rel.startswith("hooks/") else rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest)
        if not rel.startswith("hooks/"):
            top.add(rel.split("/", 1)[0])
    (folder / "mutants").mkdir()
    (folder / "mutants/hooks").symlink_to("src")
    tests = [t for t in target.tests if (ROOT / t).exists()]
    if not tests:  # mutmut would run the whole suite
        raise SystemExit(f"{name}: 找不到测试文件 {', '.join(target.tests)}")
    config = {
        "source_paths": ["src"],
        "only_mutate": ["src/" + f for f in target.files],
        "pytest_add_cli_args_test_selection": tests,
        # one process per mutant's tests: xdist would start workers for every mutant
        "pytest_add_cli_args": ["-p", "no:xdist", "-p", "no:cacheprovider", "-q", "-x",
                                *(["-p", "mutate_fresh"] if target.fresh else [])],
        "also_copy": sorted(top),
    }
    scalars = {"timeout_multiplier": target.timeout_multiplier}
    with open(folder / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n[tool.mutmut]\n")
        for key, value in config.items():
            f.write(f"{key} = [{', '.join(_toml(v) for v in value)}]\n")
        for key, number in scalars.items():
            f.write(f"{key} = {number}\n")
    return folder


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mutmut(folder: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    binary = Path(sys.executable).with_name("mutmut")
    # the Makefile's PYTHONPATH=hooks would put the worktree's own (unmutated) code first; tools/ holds the
    # pytest plugin mutate_fresh.py (nothing there imports the engine)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(folder / "tools")
    return subprocess.run([str(binary), *args], cwd=folder, env=env, capture_output=True, text=True, check=check)


# Diffs of many mutants in one process (a `mutmut show` each costs a second): mutmut's own functions, run in the
# staging folder by mutmut's interpreter.
_SHOW = """
import json, sys
from mutmut.__main__ import find_mutant, get_diff_for_mutant
names = json.load(sys.stdin)
json.dump({name: get_diff_for_mutant(name, path=find_mutant(name).path) for name in names}, sys.stdout)
"""


def diffs(folder: Path, names: list[str]) -> dict[str, str]:
    if not names:
        return {}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-c", _SHOW], cwd=folder, env=env, input=json.dumps(names),
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def diff_lines(diff: str) -> list[str]:
    """The changed lines of a mutant's diff, stripped: what identifies it besides its name."""
    return [line[1:].strip() for line in diff.splitlines()
            if line[:1] in ("+", "-") and not line.startswith(("+++", "---"))]


def load_equivalent() -> dict[str, dict]:
    data = yaml.safe_load(EQUIVALENT.read_text(encoding="utf-8")) if EQUIVALENT.exists() else None
    return {entry["mutant"]: entry for entries in (data or {}).values() for entry in entries}


@dataclass
class Result:
    module: str
    total: int
    killed: int
    survived: list[tuple[str, str]]  # name, diff (no test reached it, or tests stayed green)
    no_tests: int
    equivalent: list[str]
    stale: list[str]
    seconds: float

    @property
    def score(self) -> float:
        counted = self.total - len(self.equivalent)
        return 100.0 * self.killed / counted if counted else 100.0


# A mutant that makes the tests fail, hang or crash the test process is detected.
DETECTED = ("killed", "timeout", "caught by type check", "segfault")
STATUS = re.compile(r"^\s*(\S+): (.+)$")


def run(name: str, target: Target, jobs: int) -> Result:
    started = time.monotonic()
    folder = stage(name, target)
    print(f"== {name}（{target.what}）：{', '.join(target.files)}；测试 {', '.join(target.tests)}", flush=True)
    log = folder / "mutmut.log"
    proc = mutmut(folder, "run", "--max-children", str(jobs), *target.functions)
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    statuses = {}
    for line in mutmut(folder, "results", "--all", "true").stdout.splitlines():
        m = STATUS.match(line)
        if m:
            statuses[m.group(1)] = m.group(2)
    if target.functions:
        import fnmatch

        statuses = {k: v for k, v in statuses.items() if any(fnmatch.fnmatch(k, p) for p in target.functions)}
    seconds = time.monotonic() - started
    if not statuses:
        tail = (proc.stdout + proc.stderr).replace("\r", "\n").strip().splitlines()[-15:]
        raise SystemExit(f"mutmut 没有产生结果（{log}）：\n" + "\n".join(tail))
    known = load_equivalent()
    killed = sum(1 for v in statuses.values() if v in DETECTED)
    survived, equivalent, stale = [], [], []
    shown = diffs(folder, [key for key, status in statuses.items() if status not in DETECTED])
    for key, status in sorted(statuses.items(), key=lambda kv: _natural(kv[0])):
        if status in DETECTED:
            continue
        diff = f"# {key}: {status}\n{shown[key]}"
        entry = known.get(key)
        if entry is not None and status == "survived":
            if [line.strip() for line in entry["diff"]] == diff_lines(diff):
                equivalent.append(key)
                continue
            stale.append(key)
        survived.append((key, diff))
    no_tests = sum(1 for v in statuses.values() if v in ("no tests", "not checked"))
    result = Result(name, len(statuses), killed, survived, no_tests, equivalent, stale, seconds)
    report = folder / "survivors.txt"
    report.write_text("".join(f"{diff}\n" for _key, diff in survived), encoding="utf-8")
    return result


def _natural(key: str):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="变异测试（见 docs/testing.md）")
    parser.add_argument("modules", nargs="*", help=f"模块：{'、'.join([*TARGETS, *GROUPS])}（不写则全部）")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("MUTATE_JOBS", "2")))
    args = parser.parse_args(argv)
    names = [m for arg in args.modules for word in arg.split() for m in expand(word)] or list(TARGETS)
    unknown = [m for m in names if m not in TARGETS]
    if unknown:
        print(f"不认识的模块：{'、'.join(unknown)}；可用：{'、'.join(TARGETS)}", file=sys.stderr)
        return 2
    results = []
    for name in names:
        result = run(name, TARGETS[name], args.jobs)
        results.append(result)
        for key, diff in result.survived:
            print(diff.rstrip() or key)
        for key in result.stale:
            print(f"注意：{key} 在 tools/mutate-equivalent.yml 中登记为等价变异，但它的改动已不同，需重新判断")
        print(f"-- {name}: {result.total} 个变异，杀死 {result.killed}，存活 {len(result.survived)}"
              f"（其中无测试覆盖 {result.no_tests}），等价 {len(result.equivalent)}；"
              f"得分 {result.score:.1f}%，用时 {result.seconds:.0f} 秒；存活的变异见 {STAGING.name}/{name}/survivors.txt",
              flush=True)
    print("\n模块        变异  杀死  存活  等价  得分     用时")
    for r in results:
        print(f"{r.module:<10} {r.total:>5} {r.killed:>5} {len(r.survived):>5} {len(r.equivalent):>5} "
              f"{r.score:>6.1f}% {r.seconds:>6.0f} 秒")
    low = [r.module for r in results if r.score < TARGET_SCORE]
    if low:
        print(f"低于 {TARGET_SCORE:.0f}% 的模块：{'、'.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
