"""The output guard under make serve reads a rewritten JSON file only where its lines changed (output.scan_folder
with by_status, jsonfile.changed_units), and the link check carries its verdicts from one save to the next: what it
finds must be what reading every byte again finds, and a changed line is always read."""
from __future__ import annotations

import contextlib
import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.guard import output, personal
from govsite.guard.files import jsonfile
from govsite.guard.links import _JSON_URL, _json_urls
from sitekit import make_way

CHECK = output.FileCheck(personal.Rules(), frozenset())


def make_id18(rng: random.Random) -> str:
    """A valid 居民身份证号码 (GB 11643 check digit computed here)."""
    first17 = (f"{rng.choice((11, 32, 44))}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}"
               f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def catalogue(count: int, titles: dict[int, str] | None = None) -> bytes:
    items = [{"id": f"policies/2024-{i:05d}", "title": (titles or {}).get(i, f"关于做好退役军人服务保障工作的通知{i}"),
              "summary": "为贯彻落实退役军人保障法，进一步做好服务保障工作，现就有关事项通知如下。", "year": 2024,
              "url": f"https://example.gov.cn/xxgk/zcwj/2024-{i:05d}/"} for i in range(count)]
    return json.dumps({"publisher": "某区退役军人事务局", "items": items}, ensure_ascii=False, indent=2).encode()


def scan(folder, counted: list) -> output.Scan:
    found = output.scan_folder(folder, CHECK, checked=output.Checked(), by_status=True)
    counted.append(found)
    return found


def full_check(data: bytes) -> list[tuple]:
    return sorted((f.rule, f.shown, f.line) for f in CHECK("api/catalogue.json", data))


def test_a_title_changed_in_a_large_json_file_is_read_where_it_changed_and_a_leak_there_is_found(tmp_path, monkeypatch):
    reads = []
    original = output.check_bytes
    monkeypatch.setattr(output, "check_bytes", lambda *a, **k: (reads.append(a[1]), original(*a, **k))[1])
    target = tmp_path / "api" / "catalogue.json"
    target.parent.mkdir()
    target.write_bytes(catalogue(600))
    assert len(target.read_bytes()) >= output._JSON_BY_CHANGE
    scans: list = []
    assert scan(tmp_path, scans).findings == [] and reads == ["api/catalogue.json"]
    target.write_bytes(catalogue(600, {300: "关于做好退役军人服务保障工作的通知（修订）"}))
    assert scan(tmp_path, scans).findings == [] and reads == ["api/catalogue.json"]  # read where it changed only
    number = make_id18(random.Random(28))
    leaked = catalogue(600, {300: f"联系人身份证号{number}"})
    target.write_bytes(leaked)
    found = scan(tmp_path, scans).findings
    assert [(f.dest, f.rule) for f in found] == [("api/catalogue.json", "身份证号码")]
    assert sorted((f.rule, f.shown, f.line) for f in found) == full_check(leaked)
    assert reads == ["api/catalogue.json"] * 2  # the whole file read again, for the finding's place
    target.write_bytes(catalogue(600, {300: "关于做好退役军人服务保障工作的通知（修订）"}))
    assert scan(tmp_path, scans).findings == []  # the leak removed: found clean (and read whole: it had a finding)
    assert reads == ["api/catalogue.json"] * 3
    target.write_bytes(catalogue(600, {301: f"第二处{make_id18(random.Random(29))}"}))
    assert [f.rule for f in scan(tmp_path, scans).findings] == ["身份证号码"]


def test_a_changed_json_file_read_another_way_is_read_whole(tmp_path, monkeypatch):
    """Only a file files.read reads as plain UTF-8 JSON both times is read by its changed lines."""
    monkeypatch.setattr(output, "_JSON_BY_CHANGE", 0)
    target = tmp_path / "data.json"
    target.write_bytes(catalogue(30))
    scans: list = []
    scan(tmp_path, scans)
    number = make_id18(random.Random(30))
    target.write_bytes(catalogue(30).replace(b"{", b"{ NaN", 1) + f"\n{number}".encode())  # no longer JSON
    assert [f.rule for f in scan(tmp_path, scans).findings] == ["身份证号码"]


units = st.one_of(st.sampled_from(["通知", "退役军人", "https://example.gov.cn/a/", "ok", " ", "编号"]),
                  st.integers(min_value=0, max_value=10 ** 19), st.just("ID"), st.just(None), st.booleans())
values = st.recursive(units, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["a", "b", "标题", "ID", "名称"]), inner, max_size=4)), max_leaves=25)


def _planted(value, rng: random.Random):
    """`value` with every "ID" (a key or a string) replaced by a valid ID number."""
    if value == "ID":
        return make_id18(rng)
    if isinstance(value, list):
        return [_planted(v, rng) for v in value]
    if isinstance(value, dict):
        return {_planted(k, rng): _planted(v, rng) for k, v in value.items()}
    return value


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(values, st.sampled_from([None, 0, 1, 2])), min_size=2, max_size=5), st.integers(0, 99))
def test_reading_changed_lines_finds_what_reading_everything_finds(versions, seed):
    import tempfile
    from pathlib import Path

    output._JSON_BY_CHANGE, before = 0, output._JSON_BY_CHANGE
    try:
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "x.json"
            scans: list = []
            for value, indent in versions:
                data = json.dumps(_planted(value, random.Random(seed)), ensure_ascii=False, indent=indent).encode()
                target.write_bytes(data)
                found = scan(Path(folder), scans).findings
                assert {(f.rule, f.shown) for f in found} == {(r, s) for r, s, _line in full_check(data)}
    finally:
        output._JSON_BY_CHANGE = before


def test_changed_units_are_the_units_of_the_changed_lines_and_the_line_before():
    before = b'{\n  "a": "\xe9\x80\x9a\xe7\x9f\xa5",\n  "b": 1234567,\n  "c": "x"\n}'
    after = before.replace(b"1234567", b"7654321")
    units = jsonfile.changed_units(before, after, after.decode())
    assert [(u.text, u.line) for u in units] == [("a", 2), ("通知", 2), ("b", 3), ("7654321", 3)]
    assert jsonfile.changed_units(before, before, before.decode()) == []  # only the closing brace is read again


def _lines_read_one_by_one(before: bytes, after: bytes) -> list[int]:
    """The lines changed_units reads, found by comparing line after line from each end (what it did in Python)."""
    old_lines, new_lines = before.split(b"\n"), after.split(b"\n")
    shortest = min(len(old_lines), len(new_lines))
    start = 0
    while start < shortest and old_lines[start] == new_lines[start]:
        start += 1
    same_end = 0
    while same_end < shortest - start and old_lines[-1 - same_end] == new_lines[-1 - same_end]:
        same_end += 1
    read = list(range(start, len(new_lines) - same_end))
    last = start - 1
    while last >= 0 and not new_lines[last].strip():
        last -= 1
    return ([last] if last >= 0 else []) + read


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(['"a": "甲"', '"b": 1234567', "", "{", "}"]), max_size=8),
       st.lists(st.sampled_from(['"a": "甲"', '"b": 1234567', "", "{", "}"]), max_size=8))
def test_changed_units_read_the_lines_a_line_by_line_comparison_finds_changed(old, new):
    before, after = "\n".join(old).encode(), "\n".join(new).encode()
    units = jsonfile.changed_units(before, after, after.decode())
    expected = _lines_read_one_by_one(before, after)
    assert sorted({u.line - 1 for u in units}) == sorted({n for n in expected if new and new[n].strip('{} ')})


@settings(max_examples=200, deadline=None)
@given(values)
def test_the_addresses_of_a_json_file_read_by_expression_are_those_of_a_walk(value):
    data = json.dumps({"https://example.gov.cn/key/": value, "u": value}, ensure_ascii=False, indent=1).encode()
    if b"\\" in data:
        return
    assert [m.decode() for m in _JSON_URL.findall(data)] == list(_json_urls(json.loads(data)))


# Under make serve the output scan reads only the files whose status changed (guard.tree): whatever wrote them and
# however (a file rewritten in place with as many bytes, a folder replaced by a file, a file moved in), a scan
# after any series of changes finds what reading every file finds.
NAMES = ["index.html", "a/index.html", "a/b/index.html", "a/b", "c/d/e.json", "c/x.txt", "f.css"]


@contextlib.contextmanager
def trusted_after_10_ms():
    """A file's status taken 10 ms after its change is trusted as settled (tests only: the build waits longer)."""
    from govsite.guard import tree

    settle, tree.SETTLE = tree.SETTLE, 0.01
    try:
        yield
    finally:
        tree.SETTLE = settle


def _content(name: str, leak: int | None, filler: int) -> bytes:
    text = f"第{filler}版" + (f" 联系人 {make_id18(random.Random(leak))}" if leak is not None else "")
    if name.endswith(".html"):
        return f"<html><body><p>{text}</p><a href=\"../\">x</a></body></html>".encode()
    if name.endswith(".json"):
        return json.dumps({"t": text}, ensure_ascii=False).encode()
    return text.encode()


def _apply(site, change) -> None:
    import os
    import shutil

    kind, name, leak, filler = change
    path = site / name
    if kind == "remove":
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        return
    make_way(site, path)
    if kind == "move":  # written elsewhere, then moved in (a new inode under the old name)
        other = site.parent / "elsewhere"
        other.write_bytes(_content(name, leak, filler))
        os.replace(other, path)
    else:  # rewritten in place: as many bytes when only the number changes
        with open(path, "r+b" if path.is_file() else "wb") as opened:
            data = _content(name, leak, filler)
            opened.write(data)
            opened.truncate(len(data))


a_write = st.tuples(st.sampled_from(["write", "move", "remove"]), st.sampled_from(NAMES),
                    st.one_of(st.none(), st.integers(0, 3)), st.integers(0, 1))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(a_write, min_size=1, max_size=4), min_size=1, max_size=5))
def test_the_served_scan_after_any_writes_finds_what_reading_every_file_finds(saves):
    import tempfile
    import time
    from pathlib import Path


    with trusted_after_10_ms():
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder) / "site"
            site.mkdir()
            for save in saves:
                for change in save:
                    _apply(site, change)
                time.sleep(0.015)
                served = output.scan_folder(site, CHECK, checked=output.Checked(), by_status=True)
                whole = output.scan_folder(site, CHECK, checked=output.Checked())
                assert served.digests == whole.digests
                assert sorted(served.findings) == sorted(whole.findings)
                assert served.links == whole.links


def test_a_file_changed_by_another_writer_between_two_scans_is_read(tmp_path):
    """No list of what the build wrote: a page rewritten by anything (here the test itself, as bytes as many and
    the same times set back) is read again by its status."""
    import os

    target = tmp_path / "a" / "index.html"
    target.parent.mkdir()
    clean = _content("a/index.html", None, 0)
    target.write_bytes(clean)
    old = 1_000_000_000
    os.utime(target, (old, old))
    assert output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True).findings == []
    data = clean.replace(b"<p>", f"<p>{make_id18(random.Random(5))}".encode())
    target.write_bytes(data)
    os.utime(target, (old, old))  # its modification time as it was: the change time still tells
    found = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True).findings
    assert [f.dest for f in found] == ["a/index.html"]


# make serve keeps the exemptions recorded in the sources from one save to the next (guard.ExemptionSources) and
# reads again only the files whose status changed: the register must be the one reading every source makes.
SOURCES = ["data/a.yml", "data/sub/b.yaml", "content/notices/c.md", "content/d.markdown", "overrides/e.yml",
           "content/.hidden/f.md", "data/g.txt", "content/new/deeper/h.md"]


def _source_text(name: str, value: int | None) -> str:
    block = (f"个人信息例外:\n  - 内容: 张庄村{value}\n    原因: 村名\n" if value is not None else "")
    body = f"标题: 示例{value}\n" + block
    return f"---\n{body}---\n正文\n" if name.endswith((".md", ".markdown")) else body


a_source_change = st.tuples(st.sampled_from(SOURCES), st.one_of(st.none(), st.integers(0, 2), st.just(-1)))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(a_source_change, min_size=1, max_size=3), min_size=1, max_size=4))
def test_the_kept_exemptions_are_those_reading_every_source_finds(saves):
    import tempfile
    import time
    from pathlib import Path

    from govsite.guard import ExemptionSources, exemption_register
    from govsite.guard.sources import Origins, SourceFinder

    with trusted_after_10_ms():
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            kept = ExemptionSources(root)
            for save in saves:
                for name, value in save:
                    path = root / name
                    if value == -1:
                        if path.exists():
                            path.unlink()
                        continue
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(_source_text(name, value), encoding="utf-8")
                time.sleep(0.015)
                finder = SourceFinder(root, Origins())
                described = [(e.file, e.line, e.text) for e in kept.register(finder).all()]
                assert described == [(e.file, e.line, e.text) for e in exemption_register(finder).all()]
