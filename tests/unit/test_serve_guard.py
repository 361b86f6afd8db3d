"""The output guard under make serve reads a rewritten JSON file only where its lines changed (output.scan_folder
with by_status, jsonfile.changed_units), and the link check carries its verdicts from one save to the next: what it
finds must be what reading every byte again finds, and a changed line is always read."""
from __future__ import annotations

import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.guard import output, personal
from govsite.guard.files import jsonfile
from govsite.guard.links import _JSON_URL, _json_urls

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


@settings(max_examples=200, deadline=None)
@given(values)
def test_the_addresses_of_a_json_file_read_by_expression_are_those_of_a_walk(value):
    data = json.dumps({"https://example.gov.cn/key/": value, "u": value}, ensure_ascii=False, indent=1).encode()
    if b"\\" in data:
        return
    assert [m.decode() for m in _JSON_URL.findall(data)] == list(_json_urls(json.loads(data)))
