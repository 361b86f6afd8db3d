"""条例第二十六条: published more than 20 工作日 after 成文日期 is a warning (strict builds stop on it).

The expected dates below were counted by hand on the State Council's holiday notices; the day of 成文 is not
counted (the period starts the next day), 调休 weekends count as working days, holidays do not.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from xxgk_site import errors, line_of, load, new_root, warnings

from govsite.dates import WorkCalendar
from govsite.types.policies.timeliness import disclosure_deadline, is_late, workdays_taken
from govsite.types.xxgk import reply_deadlines

CALENDAR = WorkCalendar()
D = dt.date


def test_national_day_2024():
    # 2024: 中秋 9-15..9-17 off; 国庆 10-01..10-07 off; 调休上班 Sunday 9-29 and Saturday 10-12.
    # 成文 Friday 2024-09-20. Working days after it:
    #  9-23 Mon 1, 9-24 2, 9-25 3, 9-26 4, 9-27 5, 9-29 Sun (调休) 6, 9-30 7, [10-01..10-07 holiday],
    #  10-08 8, 10-09 9, 10-10 10, 10-11 11, 10-12 Sat (调休) 12, 10-14 13, 10-15 14, 10-16 15, 10-17 16,
    #  10-18 17, 10-21 18, 10-22 19, 10-23 20  → deadline Wednesday 2024-10-23.
    # Counting Monday–Friday only (no holiday calendar) would give 2024-10-18 — wrong both ways.
    assert disclosure_deadline(CALENDAR, D(2024, 9, 20)) == D(2024, 10, 23)
    assert workdays_taken(CALENDAR, D(2024, 9, 20), D(2024, 10, 23)) == 20
    assert not is_late(CALENDAR, D(2024, 9, 20), D(2024, 10, 23))
    assert is_late(CALENDAR, D(2024, 9, 20), D(2024, 10, 24))


def test_spring_festival_2024():
    # 2024: 春节 2-10..2-17 off; 调休上班 Sunday 2-04 and Sunday 2-18 (2-09 除夕 is a Friday working day).
    # 成文 Thursday 2024-02-01: 2-02 1, 2-04 Sun 2, 2-05 3, 2-06 4, 2-07 5, 2-08 6, 2-09 7, [2-10..2-17],
    #  2-18 Sun 8, 2-19 9, 2-20 10, 2-21 11, 2-22 12, 2-23 13, 2-26 14, 2-27 15, 2-28 16, 2-29 17,
    #  3-01 18, 3-04 19, 3-05 20  → deadline Tuesday 2024-03-05.
    assert disclosure_deadline(CALENDAR, D(2024, 2, 1)) == D(2024, 3, 5)
    assert workdays_taken(CALENDAR, D(2024, 2, 1), D(2024, 3, 5)) == 20
    assert workdays_taken(CALENDAR, D(2024, 2, 1), D(2024, 3, 6)) == 21


def test_reply_deadline_of_article_33_around_national_day_2025():
    # 2025: 国庆、中秋 10-01..10-08 off; 调休上班 Sunday 9-28 and Saturday 10-11.
    # Received Friday 2025-09-26: 9-28 1, 9-29 2, 9-30 3, 10-09 4, 10-10 5, 10-11 6, 10-13..10-17 7–11,
    #  10-20..10-24 12–16, 10-27..10-30 17–20 → reply by Thursday 2025-10-30.
    # Extension of at most 20 more: 10-31 1, 11-03..11-07 2–6, 11-10..11-14 7–11, 11-17..11-21 12–16,
    #  11-24..11-27 17–20 → Thursday 2025-11-27.
    example = reply_deadlines(CALENDAR, D(2025, 9, 26))
    assert (example.reply_by, example.extended_by) == (D(2025, 10, 30), D(2025, 11, 27))


@pytest.fixture
def root(tmp_path):
    return new_root(tmp_path)


def make_late(root, name: str, formed: str, published: str):
    path = root / f"data/policies/{name}.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^成文日期: .*$", f"成文日期: {formed}", text, flags=re.M)
    text = re.sub(r"^发布日期: .*$", f"发布日期: {published}", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return path


def test_late_publication_is_a_warning_naming_the_document(root):
    # 2024-004 (某退役军人发〔2024〕6号): its interpretation is published on 2024-10-10, so keep 发布日期 on or before it.
    path = make_late(root, "2024-004", "2024-09-06", "2024-10-10")
    # 2024-09-06 Friday: 9-09..9-13 1–5, 9-14 Sat (调休) 6, [9-15..9-17], 9-18..9-20 7–9, 9-23..9-27 10–14,
    # 9-29 Sun (调休) 15, 9-30 16, [10-01..10-07], 10-08 17, 10-09 18, 10-10 19 → 19: in time.
    site = load(root)
    assert errors(site) == [] and warnings(site) == []
    path = make_late(root, "2024-004", "2024-09-02", "2024-10-10")
    # 2024-09-02 Monday: 9-03 1, 9-04 2, 9-05 3, 9-06 4, 9-09..9-13 5–9, 9-14 10, 9-18..9-20 11–13, 9-23..9-27 14–18,
    # 9-29 19, 9-30 20 → deadline 2024-09-30; 10-08 21, 10-09 22, 10-10 23.
    site = load(root)
    line = line_of(path, "^发布日期:")
    assert errors(site) == []
    assert warnings(site) == [
        f"data/policies/2024-004.yml:{line} 发布日期: 《某区退役军人事务局关于印发《某区烈士纪念设施管理保护办法》的通知》"
        "成文于 2024-09-02，2024-10-10 才公开，相隔 23 个工作日，超过条例第二十六条规定的 20 个工作日（最迟应于 2024-09-30 公开）"]


def test_year_without_holiday_data_is_a_chinese_error(root):
    # chinese-calendar 1.11 knows up to 2026 and data/holidays.yml adds nothing for 2030.
    path = make_late(root, "2025-005", "2030-03-04", "2030-03-08")
    path.write_text(path.read_text(encoding="utf-8").replace("〔2025〕", "〔2030〕"), encoding="utf-8")
    found = [e for e in errors(load(root, today=D(2030, 6, 1))) if "2030 年的法定节假日安排尚未录入" in e]
    assert found and found[0].startswith("data/policies/2025-005.yml:")


def test_compliance_page_lists_the_warning_and_the_late_document(root):
    from xxgk_site import render_pages

    from govsite.mode import BuildMode
    make_late(root, "2024-004", "2024-09-02", "2024-10-10")
    site = load(root, mode=BuildMode(preview=True))  # the bureau's page: previews only, never the public site
    html = render_pages(site)["xxgk/hegui/index.md"].html
    assert "本次构建共有 1 个警告" in html
    assert "相隔 23 个工作日" in html
    assert '<tr class="xxgk-late">' in html and "23（逾期）" in html


def test_guide_shows_the_worked_reply_deadline(root):
    from xxgk_site import render_pages
    html = render_pages(load(root))["xxgk/zn/index.md"].html
    # Hand-counted in test_reply_deadline_of_article_33_around_national_day_2025 for the date in data/xxgk/guide.yml.
    assert "时限示例收到日期: 2025-09-26" in (root / "data/xxgk/guide.yml").read_text(encoding="utf-8")
    assert "2025年9月26日收到申请" in html and "2025年10月30日" in html and "2025年11月27日" in html


def test_public_site_keeps_the_address_but_not_the_report(root):
    """The public build answers at the old address with a short explanation, never the report's findings."""
    from xxgk_site import render_pages
    make_late(root, "2024-004", "2024-09-02", "2024-10-10")
    page = render_pages(load(root))["xxgk/hegui/index.md"]
    assert page.meta["noindex"] and page.meta["search"] == {"exclude": True}
    assert "不在网站上公开" in page.html
    for internal in ("警告", "逾期", "不通过", "make", "data/", "23 个工作日"):
        assert internal not in page.html, internal
