"""Working days follow the official schedule, including 调休 working weekends."""
from __future__ import annotations

import datetime as dt

import pytest

from govsite.dates import UnknownHolidayYear, WorkCalendar, zh_date

D = dt.date


def test_national_day_2024_with_its_working_sunday():
    # 国办发明电〔2023〕7号: 10月1日至7日放假调休，9月29日（星期日）、10月12日（星期六）上班.
    # From Fri 2024-09-27 five working days: 9/27, 9/29 (Sunday, working), 9/30, 10/8, 10/9.
    assert WorkCalendar().add_workdays(D(2024, 9, 27), 5) == D(2024, 10, 9)


def test_ordinary_week_starting_monday_ends_friday():
    assert WorkCalendar().add_workdays(D(2024, 3, 4), 5) == D(2024, 3, 8)


def test_start_on_a_holiday_counts_from_the_next_working_day():
    # 2024-10-01 is a holiday; first working day after the break is 10-08.
    assert WorkCalendar().add_workdays(D(2024, 10, 1), 1) == D(2024, 10, 8)


def test_workdays_between_counts_the_spring_festival_correctly():
    # 2024 春节: 2月10日至17日放假调休，2月4日（星期日）、2月18日（星期日）上班.
    # After 2024-02-08 (Thu) up to 2024-02-19 (Mon): 2/9 (Fri), 2/18 (Sun, working), 2/19 = 3.
    assert WorkCalendar().workdays_between(D(2024, 2, 8), D(2024, 2, 19)) == 3


def test_year_without_schedule_is_a_clear_error():
    with pytest.raises(UnknownHolidayYear) as exc:
        WorkCalendar().add_workdays(D(2026, 12, 28), 5)
    assert exc.value.year == 2027
    assert "data/holidays.yml" in exc.value.chinese()


def test_editors_can_add_a_years_schedule():
    calendar = WorkCalendar({2027: {"holidays": {D(2027, 1, 1)}, "workdays": set()}})
    # 2026-12-28 (Mon) … 12-31 (Thu) are 4 working days; 2027-01-01 (Fri) is a holiday; next is 01-04 (Mon).
    assert calendar.add_workdays(D(2026, 12, 28), 5) == D(2027, 1, 4)


def test_zh_date():
    assert zh_date("2024-03-01") == "2024年3月1日"
    assert zh_date(D(2023, 12, 31)) == "2023年12月31日"


def test_remembered_spans_belong_to_the_editors_data_they_were_counted_with():
    with_holiday = {2027: {"holidays": {D(2027, 1, 4)}, "workdays": set()}}
    without = {2027: {"holidays": set(), "workdays": set()}}
    for _ in range(2):  # the second round answers from what the first remembered
        assert WorkCalendar(with_holiday).add_workdays(D(2027, 1, 4), 1) == D(2027, 1, 5)
        assert WorkCalendar(without).add_workdays(D(2027, 1, 4), 1) == D(2027, 1, 4)
        assert WorkCalendar(with_holiday).workdays_between(D(2027, 1, 1), D(2027, 1, 8)) == 4
        assert WorkCalendar(without).workdays_between(D(2027, 1, 1), D(2027, 1, 8)) == 5
