"""索引号: the configured pattern, uniqueness site-wide, numbers that stay with their documents, next free number."""
from __future__ import annotations

import re

import pytest
from xxgk_site import errors, line_of, load, new_root, replace_in

from govsite.types.catalogue.indexno import PatternError, compile_pattern, next_free

CODE = "11410100MB0000000X"


@pytest.fixture
def root(tmp_path):
    return new_root(tmp_path)


def numbers_in(root) -> dict[str, str]:
    """索引号 -> file, read straight from the data files (not through the program)."""
    found = {}
    for path in sorted((root / "data").rglob("*.yml")) + sorted((root / "content").rglob("*.md")):
        for m in re.finditer(r"^索引号: (\S+)$", path.read_text(encoding="utf-8"), re.M):
            found[m.group(1)] = path.relative_to(root).as_posix()
    return found


def test_default_pattern():
    pattern = compile_pattern("{统一社会信用代码}/{年份}-{流水号}", CODE)
    assert pattern.format(2024, 3) == f"{CODE}/2024-00003"
    assert pattern.parse(f"{CODE}/2024-00003") == (2024, 3)
    for bad in (f"{CODE}/2024-003", f"{CODE}/24-00003", "11410100MB0000000Y/2024-00003", f"{CODE}-2024-00003",
                f"{CODE}/2024-00003 ", f"{CODE}/2024-000003"):
        assert pattern.parse(bad) is None, bad


def test_other_patterns():
    pattern = compile_pattern("SY-{年份}.{流水号}", CODE)
    assert pattern.format(2025, 12) == "SY-2025.00012"
    assert pattern.parse("SY-2025.00012") == (2025, 12)
    assert pattern.parse("SY-2025x00012") is None  # the dot is literal, not a regex wildcard


@pytest.mark.parametrize("template, message", [
    ("{统一社会信用代码}/{年份}", "{流水号}"),
    ("{机构代码}/{年份}-{流水号}", "未知的占位符 {机构代码}"),
    ("{年份}-{流水号}-{流水号}", "{流水号}"),
    ("{年份}-{流水号}}", "花括号不成对"),
])
def test_bad_patterns(template, message):
    with pytest.raises(PatternError) as info:
        compile_pattern(template, CODE)
    assert message in str(info.value)


def test_next_free_is_above_the_highest_number_of_the_year():
    used = {(2024, 1), (2024, 2), (2024, 7), (2025, 3)}
    assert next_free(used, 2024) == [(2024, 8)]  # not the gap at 3: it may have been published and withdrawn
    assert next_free(used, 2026, 2) == [(2026, 1), (2026, 2)]


def test_demo_numbers_are_unique_and_well_formed(root):
    site = load(root)
    assert errors(site) == []
    items = site.models["catalogue"].items
    assert len({i.index_no for i in items}) == len(items)
    assert {i.index_no for i in items} == set(numbers_in(root))
    for item in items:
        assert re.fullmatch(rf"{CODE}/\d{{4}}-\d{{5}}", item.index_no)


def test_duplicate_number_names_both_files(root):
    numbers = numbers_in(root)
    # The interpretation (published 2024-05-24) takes the number of an earlier policy (published 2024-03-08).
    taken = next(n for n, f in numbers.items() if f == "data/policies/2024-001.yml")
    interpretation = root / "data/interpretations/2024-002.yml"
    own = next(n for n, f in numbers.items() if f == "data/interpretations/2024-002.yml")
    replace_in(interpretation, f"索引号: {own}", f"索引号: {taken}")
    found = [e for e in errors(load(root)) if "重复" in e and taken in e]
    assert len(found) == 1
    first_line = line_of(root / "data/policies/2024-001.yml", "^索引号:")
    second_line = line_of(interpretation, "^索引号:")
    # The message sits on one file and names the other, each with its line.
    assert found[0].startswith(f"data/interpretations/2024-002.yml:{second_line} 索引号: ")
    assert f"data/policies/2024-001.yml:{first_line}" in found[0]


def test_malformed_number_is_an_error(root):
    path = root / "data/policies/2025-003.yml"
    replace_in(path, "/2025-00006", "/2025-6")
    line = line_of(path, "^索引号:")
    assert any(e.startswith(f"data/policies/2025-003.yml:{line} 索引号: ") and "不符合索引号格式" in e
               for e in errors(load(root)))


def test_missing_number_proposes_the_next_free_one(root):
    path = root / "data/policies/2025-005.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^索引号: .*\n", "", text, flags=re.M), encoding="utf-8")
    # Expected: one above the highest 2025 serial still in the data (the removed line freed nothing).
    serials = [int(n[-5:]) for n in numbers_in(root) if n.startswith(f"{CODE}/2025-")]
    expected = f"{CODE}/2025-{max(serials) + 1:05d}"
    found = [e for e in errors(load(root)) if "缺少索引号" in e]
    line = line_of(path, "^标题:")  # the first field: where the number belongs
    assert found == [f"data/policies/2025-005.yml:{line} 索引号: 缺少索引号；请填写下一个可用的号码：{expected}（号码一经发布不再改变）"]


def test_two_new_documents_get_different_proposals(root):
    for name in ("2025-003", "2025-005"):
        path = root / f"data/policies/{name}.yml"
        path.write_text(re.sub(r"^索引号: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    proposals = [re.search(r"号码：(\S+?)（", e).group(1) for e in errors(load(root)) if "缺少索引号" in e]
    assert len(proposals) == 2 and len(set(proposals)) == 2


def test_numbers_stay_with_documents_when_files_are_renamed_or_removed(root):
    before = {i.id: i.index_no for i in load(root).models["catalogue"].items}
    # Remove one document, rename another: nobody else's number changes.
    (root / "data/policies/2024-005.yml").unlink()
    (root / "data/policies/2024-003.yml").rename(root / "data/policies/2024-099.yml")
    after = {i.id: i.index_no for i in load(root).models["catalogue"].items}
    assert after["policies/2024-099"] == before["policies/2024-003"]
    for item_id, number in after.items():
        if item_id != "policies/2024-099":
            assert before[item_id] == number


def test_withdrawn_numbers_are_never_proposed_or_reused(root):
    serials = [int(n[-5:]) for n in numbers_in(root) if n.startswith(f"{CODE}/2025-")]
    withdrawn = f"{CODE}/2025-{max(serials) + 1:05d}"
    (root / "data/xxgk/index-numbers.yml").write_text(
        "已撤下:\n"
        f"  - 索引号: {withdrawn}\n"
        "    原标题: 已撤下的示例通知\n"
        "    撤下日期: 2025-12-01\n", encoding="utf-8")
    path = root / "data/policies/2025-005.yml"
    path.write_text(re.sub(r"^索引号: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    proposal = next(e for e in errors(load(root)) if "缺少索引号" in e)
    assert f"{CODE}/2025-{max(serials) + 2:05d}" in proposal
    # Using the withdrawn number is an error that points at the reservation.
    path.write_text(path.read_text(encoding="utf-8").replace("标题:", f"索引号: {withdrawn}\n标题:", 1), encoding="utf-8")
    found = [e for e in errors(load(root)) if "已撤下" in e]
    assert len(found) == 1 and "data/xxgk/index-numbers.yml:2" in found[0]


def test_pattern_from_site_settings(root):
    replace_in(root / "data/site.yml", '索引号格式: "{统一社会信用代码}/{年份}-{流水号}"', '索引号格式: "SY/{年份}/{流水号}"')
    found = [e for e in errors(load(root)) if "不符合索引号格式 SY/{年份}/{流水号}" in e]
    assert len(found) == len(numbers_in(root))  # every number now violates the configured pattern


def test_a_duplicate_sits_on_the_later_published_item_whatever_file_was_edited(tmp_path):
    """Another angle: the editor changes the *earlier* document (a policy published 2025-02-21) to the number of a
    notice published later (2025-03-10, in Markdown front matter), across content types in the whole site. The
    error still sits on the later notice, the one whose number must change, and names the policy's line."""
    from govsite.build import load_site
    from sitekit import copy_site

    root = copy_site(tmp_path / "repo")
    notice, policy = "content/notices/2025/peixun-baoming.md", "data/policies/2025-001.yml"
    taken = numbers_in(root)
    notice_number = next(n for n, f in taken.items() if f == notice)
    own = next(n for n, f in taken.items() if f == policy)
    replace_in(root / policy, f"索引号: {own}", f"索引号: {notice_number}")
    found = [p.format() for p in load_site(root).problems.errors]
    assert found == [f"{notice}:{line_of(root / notice, '^索引号:')} 索引号: 索引号 {notice_number} 重复："
                     f"{policy}:{line_of(root / policy, '^索引号:')} 已使用；已发布的号码不能改动，请给后加入的这一条改用下一个可用号码"]
