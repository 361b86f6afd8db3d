"""make serve's search index (search.build_index_later): made after each save by a process of its own, checked
by that process before it is served, and stopped by the next save. Whenever that process ends, the output folder
holds one whole index that was checked, and the save's guard (output.scan_folder with leave_out) leaves the
index folders to the process that writes them. Made deterministic with events, not timing."""
from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from govsite import search
from govsite.guard import output, personal
from govsite.search import index

CHECK = output.FileCheck(personal.Rules(), frozenset())
NUMBER = "13912345678"


def page(body: str) -> str:
    return f"<html><head><title>通知</title></head><body><article><h1>通知</h1><p>{body}</p></article></body></html>"


def write(site_dir, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_is_checked_and_its_findings_reported_before_it_is_served(tmp_path):
    write(tmp_path, {"a/index.html": page("退役军人服务"), "b/index.html": page(f"请联系 {NUMBER}")})
    search.build_index(None, tmp_path)
    before = tree(tmp_path / "searchindex")
    write(tmp_path, {"a/index.html": page("退役军人服务站")})
    reported = []

    def report(scan):
        reported.append([(f.dest, f.rule, f.shown) for f in scan.findings])
        assert tree(tmp_path / "searchindex") == before  # the last index is what is served meanwhile
        assert not (tmp_path / "searchindex.new").exists()  # nor is a file of the new one written yet

    search.build_index(None, tmp_path, check=CHECK, report=report)
    assert len(reported) == 1 and reported[0]
    assert {rule for _, rule, _ in reported[0]} == {personal.RULE_MOBILE}
    assert all(dest.startswith("searchindex/") for dest, _, _ in reported[0])
    assert tree(tmp_path / "searchindex") != before  # then swapped in
    clean = []
    write(tmp_path, {"b/index.html": page("已删除")})
    search.build_index(None, tmp_path, check=CHECK, report=lambda scan: clean.append(scan.findings))
    assert clean == [[]]


@pytest.mark.parametrize("stopped", ["writing the new index", "between the two renames"])
def test_an_index_process_stopped_half_way_leaves_the_whole_index_it_was_replacing(tmp_path, monkeypatch, stopped):
    write(tmp_path, {"a/index.html": page("退役军人服务")})
    search.build_index(None, tmp_path)
    before = tree(tmp_path / "searchindex")
    context = multiprocessing.get_context("fork")
    there, never = context.Event(), context.Event()

    def half_way(site, site_dir, pages, check=None, report=None):
        folder, fresh, stale = index.generations(site_dir / "searchindex")
        fresh.mkdir()
        (fresh / "manifest.json").write_text("{", encoding="utf-8")  # a part of a new index
        if stopped == "between the two renames":
            folder.rename(stale)
        there.set()
        never.wait()  # until it is stopped

    monkeypatch.setattr(search, "build_index", half_way)
    process = search.build_index_later(None, tmp_path)
    assert there.wait(60)
    search.stop_index_later()
    assert not process.is_alive() and search._child == [None, None]
    assert tree(tmp_path / "searchindex") == before
    assert sorted(os.listdir(tmp_path)) == ["a", "searchindex"]


def test_an_index_process_that_does_not_end_on_sigterm_is_killed(tmp_path, monkeypatch):
    context = multiprocessing.get_context("fork")
    there, never = context.Event(), context.Event()

    def deaf(site, site_dir, pages, check=None, report=None):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as a process deep in a library's call is, for a while
        there.set()
        never.wait()

    monkeypatch.setattr(search, "build_index", deaf)
    monkeypatch.setattr(search, "STOP_GRACE", 0.2)
    process = search.build_index_later(None, tmp_path)
    assert there.wait(60)
    search.stop_index_later()
    assert not process.is_alive() and process.exitcode == -signal.SIGKILL


def test_make_serve_s_guard_leaves_the_index_folders_to_the_process_that_writes_them(tmp_path, monkeypatch):
    from govsite.guard import tree as status_tree

    monkeypatch.setattr(status_tree, "SETTLE", 0.0)
    leak = f'{{"text": "请联系 {NUMBER}"}}'
    write(tmp_path, {"a/index.html": page("服务"), "searchindex/c/0.json": leak, "searchindex.new/c/0.json": leak,
                     "searchindex.old/c/0.json": leak, "other/searchindex/c/0.json": leak, "searchindex.json": leak})
    leave_out = search.index_folders()
    assert leave_out == ("searchindex", "searchindex.new", "searchindex.old")
    found = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True, leave_out=leave_out)
    # a folder of that name elsewhere, or a file, is not the index's
    assert sorted({f.dest for f in found.findings}) == ["other/searchindex/c/0.json", "searchindex.json"]
    assert sorted(found.digests) == ["a/index.html", "other/searchindex/c/0.json", "searchindex.json"]
    write(tmp_path, {"searchindex/c/1.json": leak})  # written since: still not this scan's
    again = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True, leave_out=leave_out)
    assert sorted({f.dest for f in again.findings}) == ["other/searchindex/c/0.json", "searchindex.json"]
    everything = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True)  # as before
    assert "searchindex/c/1.json" in {f.dest for f in everything.findings}
    with pytest.raises(ValueError):  # a build's scan reads every file
        output.scan_folder(tmp_path, CHECK, leave_out=leave_out)


def test_the_names_of_the_index_files_are_checked_too(tmp_path, monkeypatch):
    """The save's guard checks every name in the output; the index's names are its process's to check."""
    write(tmp_path, {"a/index.html": page("退役军人服务")})
    monkeypatch.setattr(search, "build_files", lambda records, **kwargs: {"c/11010519491231002X.json": b"{}"})
    reported = []
    search.build_index(None, tmp_path, check=CHECK, report=lambda scan: reported.extend(scan.findings))
    assert [(f.dest, f.place) for f in reported] == [("searchindex/c/11010519491231002X.json", "文件名")]
