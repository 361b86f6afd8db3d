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
    assert [p.format() for p in site.problems.errors] == ["data/holidays.yml:4 年份.2027.放假: 日期 2026-01-01 不属于 2027 年"]
