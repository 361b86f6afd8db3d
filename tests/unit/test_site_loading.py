"""load_site over the real repository and over small broken copies (engine only)."""
from __future__ import annotations

import datetime as dt

from govsite.build import load_site
from sitekit import REPO, copy_site


def test_repository_loads_without_errors():
    site = load_site(REPO)
    assert [p.format() for p in site.problems.errors] == []
    assert site.settings["机构名称"]
    assert "pufa/fzzf/2023.md" in site.editor_pages


def test_holidays_file_extends_the_calendar(tmp_path):
    root = copy_site(tmp_path / "repo")
    (root / "data/holidays.yml").write_text(
        "年份:\n  \"2027\":\n    依据: 示例通知\n    放假: [2027-01-01]\n    调休上班: [2027-01-09]\n", encoding="utf-8")
    site = load_site(root)
    assert site.problems.errors == []
    assert not site.calendar.is_workday(dt.date(2027, 1, 1))
    assert site.calendar.is_workday(dt.date(2027, 1, 9))  # a Saturday made a working day
    assert site.calendar.is_workday(dt.date(2027, 1, 4))


def test_holiday_of_another_year_is_an_error(tmp_path):
    root = copy_site(tmp_path / "repo")
    (root / "data/holidays.yml").write_text(
        "年份:\n  \"2027\":\n    依据: 示例通知\n    放假: [2026-01-01]\n    调休上班: []\n", encoding="utf-8")
    site = load_site(root)
    assert [p.format() for p in site.problems.errors] == ["data/holidays.yml:4 年份“2027”的“放假”: 日期 2026-01-01 不属于 2027 年"]


def test_one_tab_in_site_yml_gives_one_error_about_that_line(tmp_path):
    """Every page reads data/site.yml: when it cannot be read, the other files' complaints are consequences."""
    root = copy_site(tmp_path / "repo")
    path = root / "data/site.yml"
    text = path.read_text(encoding="utf-8")
    line = text.split("\n").index("  机构名称: 某区退役军人事务局办公室（示例）") + 1
    path.write_text(text.replace("  机构名称: 某区退役军人事务局办公室（示例）", "\t机构名称: 某区退役军人事务局办公室（示例）"),
                    encoding="utf-8")
    site = load_site(root)
    assert len(site.problems.errors) > 1  # what a file that cannot be read sets off elsewhere
    errors, warnings, held = site.problems.shown()
    assert [p.format() for p in errors] == [
        f"data/site.yml:{line}: 使用了 Tab 缩进；YAML 只能用空格缩进，请把行首的 Tab 换成空格。"
        f"修正此处后再检查其他问题（另有 {held} 个问题可能由此引起，暂不列出）"]
    assert warnings == [] and held == len(site.problems.errors) + len(site.problems.warnings) - 1


def test_problems_other_files_have_on_their_own_are_still_listed(tmp_path):
    """A file's mistakes against its own schema never follow from another file: they are listed as well."""
    root = copy_site(tmp_path / "repo")
    notice = root / "content/notices/2026/youfu-dingqi-fuxu.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace("类别: 优抚公示", "类别：优抚公示", 1), encoding="utf-8")
    report = root / "content/pufa/fzzf/2023.md"
    report.write_text(report.read_text(encoding="utf-8").replace("发布日期: 2024-03-29", "发布日期: 2023-02-30"),
                      encoding="utf-8")
    errors, _warnings, _held = load_site(root).problems.shown()
    messages = [p.format() for p in errors]
    assert messages[0].startswith("content/notices/2026/youfu-dingqi-fuxu.md:4: “类别”后面用了全角冒号“：”")
    assert "content/pufa/fzzf/2023.md:5 发布日期: 不是有效日期：2023-02-30" in messages
    assert len(messages) == 2, messages


def test_without_an_unreadable_file_nothing_is_held_back(tmp_path):
    root = copy_site(tmp_path / "repo")
    report = root / "content/pufa/fzzf/2023.md"
    report.write_text(report.read_text(encoding="utf-8").replace("发布日期: 2024-03-29", "发布日期: 2023-02-30"),
                      encoding="utf-8")
    site = load_site(root)
    errors, _warnings, held = site.problems.shown()
    assert held == 0 and errors == site.problems.errors
