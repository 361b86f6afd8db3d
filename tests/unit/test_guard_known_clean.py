"""govsite.guard.known_clean: a file read whole and found clean is not read again by the next build, only when
its bytes, its reader, the rules and the guard are all the same; a file with a finding is read every time; the
store holds no text."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govsite.guard import known_clean, output, personal

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
PHONE = "13912345678"
CLEAN_PAGE = "<html><body><p>退役军人服务站办理优待证，地址见本站首页。</p></body></html>\n".encode()
LEAKING_PAGE = f"<html><body><p>咨询电话：{PHONE}</p></body></html>\n".encode()


NO_RULES = personal.Rules()


def check(store, data, dest="a/index.html", rules=NO_RULES):
    scan = output.Scan()
    output.check_bytes(output.FileCheck(rules, frozenset()), dest, data, scan, known=store)
    store.save()
    return scan


def build(tmp_path, version="v1"):
    """A store as the next build opens it (a new process: nothing of the last one in memory)."""
    return known_clean.KnownClean(tmp_path / "cache", version=version)


def test_a_clean_file_is_not_read_by_the_next_build(tmp_path):
    first = check(build(tmp_path), CLEAN_PAGE)
    assert (first.read, first.known, first.findings) == (1, 0, [])
    second = check(build(tmp_path), CLEAN_PAGE)
    assert (second.read, second.known, second.findings) == (0, 1, [])
    assert "a/index.html" in second.links  # the link check still gets the page's links


def test_one_byte_another_reader_or_another_guard_is_read_again(tmp_path):
    check(build(tmp_path), CLEAN_PAGE)
    assert check(build(tmp_path), CLEAN_PAGE.replace(b"</p>", b" </p>")).read == 1
    assert check(build(tmp_path), CLEAN_PAGE, dest="a/page.txt").read == 1  # read by another reader
    assert check(build(tmp_path, version="v2"), CLEAN_PAGE).read == 1
    assert check(build(tmp_path), CLEAN_PAGE).read == 0


def test_a_file_with_a_finding_is_read_and_reported_every_time(tmp_path):
    for _ in range(3):
        scan = check(build(tmp_path), LEAKING_PAGE)
        assert scan.read == 1 and scan.known == 0
        assert [f.rule for f in scan.findings] == ["手机号码"], scan.findings


def test_clean_under_one_site_s_rules_is_not_clean_under_another_s(tmp_path):
    published = personal.Rules.of({"公开号码": [{"号码": PHONE}]})  # the bureau publishes this number
    assert check(build(tmp_path), LEAKING_PAGE, rules=published).findings == []
    assert check(build(tmp_path), LEAKING_PAGE, rules=published).known == 1
    scan = check(build(tmp_path), LEAKING_PAGE)  # a site that does not
    assert scan.read == 1 and [f.rule for f in scan.findings] == ["手机号码"]


def test_the_store_holds_digests_only(tmp_path):
    published = personal.Rules.of({"公开号码": [{"号码": PHONE}]})
    check(build(tmp_path), LEAKING_PAGE, rules=published)
    check(build(tmp_path), CLEAN_PAGE)
    stored = b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
    assert stored
    for text in (PHONE, "咨询电话", "退役军人服务站", "a/index.html"):
        assert text.encode("utf-8") not in stored and text.encode("utf-16-le") not in stored


def test_the_rules_key_is_the_same_in_every_process():
    """Sets are ordered by a string hash that differs between processes: the key must not follow it."""
    program = ("from govsite.guard import output, personal\n"
               "rules = personal.Rules.of({'公开号码': [{'号码': n} for n in ('0371-1', '0371-2', '0371-3', '0371-4')],"
               " '公开姓名': ['张三丰', '李四光', '王五一', '赵六二']})\n"
               "print(output.FileCheck(rules, frozenset({'a.example.cn', 'b.example.cn', 'c.example.cn'}))"
               ".stable_key().hex())\n")
    keys = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONPATH=str(HOOKS), PYTHONHASHSEED=seed)).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(keys) == 1 and len(next(iter(keys)).strip()) == 64
    other = output.FileCheck(personal.Rules(), frozenset({"a.example.cn"})).stable_key()
    assert other.hex() != next(iter(keys)).strip()


def test_an_unknown_kind_of_setting_is_refused_not_keyed_by_its_repr():
    with pytest.raises(TypeError):
        known_clean.canonical(object())


def test_the_guard_version_follows_every_file_of_the_package(tmp_path, monkeypatch):
    package = tmp_path / "govsite"
    shutil.copytree(HOOKS / "govsite", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(known_clean, "PACKAGE", package)
    before = known_clean.guard_version()
    assert known_clean.guard_version() == before
    surnames = package / "guard/personal/surnames.txt"
    surnames.write_text(surnames.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert known_clean.guard_version() != before


def test_off_when_asked_in_mutation_runs_or_when_the_store_cannot_be_written(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSITE_CACHE", "off")
    assert known_clean.cache_folder() is None
    monkeypatch.setenv("GOVSITE_CACHE", str(tmp_path / "c"))
    assert known_clean.cache_folder() == tmp_path / "c"
    monkeypatch.setenv("MUTANT_UNDER_TEST", "govsite.guard.output.x__mutmut_1")
    assert known_clean.cache_folder() is None
    monkeypatch.delenv("MUTANT_UNDER_TEST")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    for _ in range(2):  # every file read, as without the store
        assert check(known_clean.KnownClean(blocked / "cache", version="v1"), CLEAN_PAGE).read == 1


def test_stores_of_other_guard_versions_go_when_unused(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    old = folder / "guard-clean-old.sqlite"
    recent = folder / "guard-clean-recent.sqlite"
    for path in (old, recent):
        path.write_bytes(b"")
    long_ago = os.stat(old).st_mtime - (known_clean.KEEP_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    check(known_clean.KnownClean(folder, version="v1"), CLEAN_PAGE)
    assert not old.exists() and recent.exists()


def test_a_forked_process_opens_its_own_store_and_both_save(tmp_path):
    """The search index's child is forked from the build: it must not use the connection it inherits."""
    store = build(tmp_path)
    check(store, CLEAN_PAGE)  # opened here
    child = os.fork()
    if child == 0:
        try:
            scan = check(store, CLEAN_PAGE.replace(b"</p>", b"!</p>"))
            os._exit(0 if scan.read == 1 else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(child, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert check(store, CLEAN_PAGE.replace(b"</p>", b"?</p>")).read == 1  # the parent's connection still works
    later = build(tmp_path)  # both saved
    assert check(later, CLEAN_PAGE.replace(b"</p>", b"!</p>")).known == 1
    assert check(later, CLEAN_PAGE.replace(b"</p>", b"?</p>")).known == 1


def scan_sources(tmp_path, monkeypatch, allowed=frozenset(), version="v1"):
    """The input scan of data/ and content/ as the next build runs it; (findings, files actually scanned)."""
    monkeypatch.setattr(known_clean, "KNOWN_CLEAN", build(tmp_path, version))
    scanned = []
    real_text, real_attachment = personal.scan_text, personal.scan_attachment
    monkeypatch.setattr(personal, "scan_text", lambda text, file, *a: scanned.append(file) or real_text(text, file, *a))
    monkeypatch.setattr(personal, "scan_attachment",
                        lambda data, file, *a: scanned.append(file) or real_attachment(data, file, *a))
    findings = personal.scan_tree(tmp_path / "site", set(allowed), remember=False)
    return [(f.file, f.rule) for f in findings], sorted(scanned)


def test_the_source_scan_reads_only_what_changed_since_a_clean_scan(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "content/notices").mkdir(parents=True)
    (site / "data").mkdir()
    (site / "content/notices/a.md").write_text("# 通知\n\n退役军人服务站办理优待证。\n", encoding="utf-8")
    (site / "content/notices/b.md").write_text(f"# 通知\n\n咨询电话：{PHONE}\n", encoding="utf-8")
    (site / "content/notices/list.csv").write_bytes("单位,事项\n服务站,优待证\n".encode("gb18030"))
    first = scan_sources(tmp_path, monkeypatch)
    assert first == ([("content/notices/b.md", "手机号码")],
                     ["content/notices/a.md", "content/notices/b.md", "content/notices/list.csv"])
    # the next build: the clean page and attachment are known; the leaking page is scanned and reported again
    assert scan_sources(tmp_path, monkeypatch) == ([("content/notices/b.md", "手机号码")], ["content/notices/b.md"])
    # a changed file is scanned again, and what it now holds is found
    (site / "content/notices/a.md").write_text(f"# 通知\n\n联系电话 {PHONE[:-1]}9。\n", encoding="utf-8")
    (site / "content/notices/list.csv").write_bytes(f"单位,电话\n服务站,{PHONE}\n".encode("gb18030"))
    findings, scanned = scan_sources(tmp_path, monkeypatch)
    assert scanned == ["content/notices/a.md", "content/notices/b.md", "content/notices/list.csv"]
    assert {file for file, _ in findings} == {"content/notices/a.md", "content/notices/b.md",
                                              "content/notices/list.csv"}


def test_the_source_scan_reads_everything_again_under_other_rules_or_another_guard(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content/a.md").write_text(f"# 联系我们\n\n办公电话：{PHONE}\n", encoding="utf-8")
    # clean while the number is published …
    assert scan_sources(tmp_path, monkeypatch, allowed={PHONE}) == ([], ["content/a.md"])
    assert scan_sources(tmp_path, monkeypatch, allowed={PHONE}) == ([], [])
    # … a leak once it no longer is, and a new guard version scans again
    assert scan_sources(tmp_path, monkeypatch) == ([("content/a.md", "手机号码")], ["content/a.md"])
    assert scan_sources(tmp_path, monkeypatch, allowed={PHONE}, version="v2") == ([], ["content/a.md"])
