"""Working days follow the official schedule, including 调休 working weekends."""
from __future__ import annotations

import datetime as dt
import os
import time
import types

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite import dates
from govsite.dates import TZ, UnknownHolidayYear, WorkCalendar, zh_date

D = dt.date


@pytest.fixture(autouse=True)
def cold_calendar():
    """Each test counts from scratch: the answers the calendar remembers for the process (dates._OFFICIAL, _SPANS)
    would otherwise hide a fault in the counting from every test after the first that asked the same."""
    dates._OFFICIAL.clear()
    dates._SPANS.clear()
    yield
    dates._OFFICIAL.clear()
    dates._SPANS.clear()


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


# ---- working days against the official schedule ---------------------------------------------------------------
# The oracle is chinese-calendar itself, asked day by day: WorkCalendar must agree with it on every day it knows,
# count periods over holidays and 调休 working weekends as a person counting on a calendar would, and give editors'
# years the same meaning.

OFFICIAL_DAYS = st.dates(min_value=D(2018, 1, 1), max_value=D(2026, 10, 31))  # + 25 working days stays in 2026


def official(day: dt.date) -> bool:
    return chinese_calendar.is_workday(day)


def count_official(first: dt.date, last: dt.date) -> int:
    """Working days from `first` to `last`, both included, counted one by one."""
    return sum(official(first + dt.timedelta(days=n)) for n in range((last - first).days + 1))


@pytest.mark.parametrize(("day", "working"), [
    (D(2024, 9, 29), True),  # Sunday, 调休上班 for National Day 2024
    (D(2024, 10, 12), True),  # Saturday, 调休上班
    (D(2024, 10, 1), False), (D(2024, 10, 7), False), (D(2024, 10, 8), True),
    (D(2025, 1, 26), True), (D(2025, 2, 8), True),  # 2025 春节's working Sunday and Saturday
    (D(2025, 1, 28), False), (D(2025, 2, 4), False), (D(2025, 2, 5), True),
    (D(2026, 1, 1), False), (D(2026, 1, 3), False), (D(2026, 1, 5), True),
    (D(2026, 2, 14), True), (D(2026, 2, 28), True),  # 2026 春节's working Saturdays
    (D(2024, 3, 9), False), (D(2024, 3, 11), True),  # an ordinary Saturday and Monday
])
def test_holidays_and_tiaoxiu_days(day, working):
    assert WorkCalendar().is_workday(day) is working


@settings(max_examples=150, deadline=None)
@given(OFFICIAL_DAYS)
def test_every_day_is_what_the_official_schedule_says(day):
    assert WorkCalendar().is_workday(day) == official(day)


@settings(max_examples=150, deadline=None)
@given(OFFICIAL_DAYS, st.integers(min_value=1, max_value=25))
def test_a_period_of_n_working_days_ends_on_its_nth_working_day(start, count):
    end = WorkCalendar().add_workdays(start, count)
    assert end >= start and official(end)
    assert count_official(start, end) == count  # the start counts when it is a working day, the end always


@settings(max_examples=150, deadline=None)
@given(OFFICIAL_DAYS, st.integers(min_value=-5, max_value=40))
def test_working_days_between_count_after_the_start_up_to_the_end(start, length):
    end = start + dt.timedelta(days=length)
    expected = count_official(start + dt.timedelta(days=1), end) if length > 0 else 0
    assert WorkCalendar().workdays_between(start, end) == expected


@pytest.mark.parametrize("count", [0, -1])
def test_a_period_has_at_least_one_working_day(count):
    with pytest.raises(ValueError, match="^count must be at least 1$"):
        WorkCalendar().add_workdays(D(2024, 3, 4), count)


def test_periods_around_holidays_end_where_a_person_counts():
    calendar = WorkCalendar()
    # 2025 春节 (1月28日至2月4日放假，1月26日周日、2月8日周六上班): from Fri 1/24, 3 working days are 1/24, 1/26, 1/27
    assert calendar.add_workdays(D(2025, 1, 24), 3) == D(2025, 1, 27)
    assert calendar.add_workdays(D(2025, 1, 24), 4) == D(2025, 2, 5)
    assert calendar.add_workdays(D(2025, 2, 5), 4) == D(2025, 2, 8)  # Wed, Thu, Fri and the working Saturday
    # a start on a working Sunday counts itself
    assert calendar.add_workdays(D(2024, 9, 29), 1) == D(2024, 9, 29)
    assert calendar.add_workdays(D(2024, 9, 28), 1) == D(2024, 9, 29)
    # after a policy's 成文日期 (Fri 9/20, not counted) to 10/21 across National Day 2024: 9/23-27, 9/29 (Sunday),
    # 9/30, 10/8-11, 10/12 (Saturday), 10/14-18, 10/21
    assert calendar.workdays_between(D(2024, 9, 20), D(2024, 10, 21)) == 18
    assert calendar.workdays_between(D(2024, 9, 30), D(2024, 10, 7)) == 0
    assert calendar.workdays_between(D(2024, 10, 8), D(2024, 10, 8)) == 0


YEAR_2027 = st.dates(min_value=D(2027, 1, 1), max_value=D(2027, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.sets(YEAR_2027, max_size=12), st.sets(YEAR_2027, max_size=6), YEAR_2027)
def test_an_editors_year_means_weekdays_less_its_holidays_plus_its_working_weekends(holidays, workdays, day):
    workdays -= holidays
    calendar = WorkCalendar({2027: {"holidays": holidays, "workdays": workdays}})
    expected = day in workdays or (day.weekday() < 5 and day not in holidays)
    assert calendar.is_workday(day) is expected
    # a year editors gave does not make the official years unknown, nor replace them
    assert calendar.is_workday(D(2024, 9, 29)) is True and calendar.is_workday(D(2024, 10, 1)) is False


def test_an_editors_year_is_used_for_that_year_only():
    calendar = WorkCalendar({2027: {"holidays": {D(2027, 2, 8)}, "workdays": {D(2027, 2, 6)}}})
    assert calendar.is_workday(D(2027, 2, 6)) is True  # a Saturday made a working day
    assert calendar.is_workday(D(2027, 2, 8)) is False  # a Monday made a holiday
    assert calendar.is_workday(D(2027, 2, 7)) is False  # an ordinary Sunday
    with pytest.raises(UnknownHolidayYear) as exc:
        calendar.is_workday(D(2028, 1, 3))
    assert exc.value.year == 2028 and exc.value.args == (2028,)
    assert exc.value.chinese() == ("2028 年的法定节假日安排尚未录入，无法计算工作日；"
                                   "请在 data/holidays.yml 中按国务院办公厅通知补充 2028 年的放假和调休日期")


def test_zh_date_of_every_form():
    assert zh_date(None) == "" and zh_date("") == ""
    assert zh_date("2024-10-08 09:30") == "2024年10月8日"
    assert zh_date(dt.datetime(2024, 1, 2, 23, 59, tzinfo=TZ)) == "2024年1月2日"


# ---- the build's moment: Beijing time on a server in any zone ------------------------------------------------
# Servers run in UTC (or anywhere). The moment must be the instant the clock gives, expressed in Beijing time:
# never the server's local wall-clock time labelled Beijing time, which moves every scheduled release by hours.

ZONES = ("UTC", "America/New_York", "Pacific/Kiritimati", "Asia/Shanghai")


@pytest.fixture
def server_zone():
    """Run as a server whose local time zone is the one given (TZ and tzset), restored afterwards."""
    before = os.environ.get("TZ")

    def set_zone(zone: str) -> None:
        os.environ["TZ"] = zone
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def frozen_clock(monkeypatch, instant: dt.datetime) -> None:
    """The clock of dates.py stands at `instant`; naive readings give the server's local time, as the real one."""

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return instant.astimezone(tz) if tz is not None else instant.astimezone().replace(tzinfo=None)

        @classmethod
        def utcnow(cls):
            return instant.astimezone(dt.UTC).replace(tzinfo=None)

        @classmethod
        def today(cls):
            return cls.now()

    class Day(dt.date):
        @classmethod
        def today(cls):
            return instant.astimezone().date()

    fake = types.SimpleNamespace(**{name: getattr(dt, name) for name in dir(dt) if not name.startswith("__")})
    fake.datetime, fake.date = Clock, Day
    monkeypatch.setattr(dates, "dt", fake)
    monkeypatch.delenv("GOVSITE_NOW", raising=False)
    monkeypatch.delenv("GOVSITE_TODAY", raising=False)


def beijing(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


@pytest.mark.parametrize("zone", ZONES)
def test_the_clock_is_read_as_beijing_time_on_a_server_in_any_zone(zone, server_zone, monkeypatch):
    server_zone(zone)
    monkeypatch.delenv("GOVSITE_NOW", raising=False)
    monkeypatch.delenv("GOVSITE_TODAY", raising=False)
    moment = dates.now()
    assert moment.utcoffset() == dt.timedelta(hours=8) and moment.microsecond == 0
    assert abs(moment.timestamp() - time.time()) < 5
    assert dates.today() == dt.datetime.fromtimestamp(time.time(), TZ).date() or \
        abs(dates.now().timestamp() - time.time()) < 5  # the Beijing day, unless midnight passed meanwhile


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("instant", "day"), [
    (beijing(2026, 12, 2, 0, 0, 0), D(2026, 12, 2)),  # Beijing midnight: still 1 December in UTC and New York
    (beijing(2026, 12, 1, 23, 59, 59), D(2026, 12, 1)),
    (beijing(2026, 12, 2, 7, 59, 0), D(2026, 12, 2)),  # 23:59 UTC the day before
    (beijing(2026, 12, 2, 8, 0, 0), D(2026, 12, 2)),  # midnight UTC
    (beijing(2026, 12, 31, 23, 30, 0), D(2026, 12, 31)),  # Kiritimati is already in the new year
])
def test_a_frozen_instant_is_the_same_beijing_moment_and_day_in_every_zone(zone, instant, day, server_zone,
                                                                           monkeypatch):
    server_zone(zone)
    frozen_clock(monkeypatch, instant)
    assert dates.now() == instant and dates.now().utcoffset() == dt.timedelta(hours=8)
    assert (dates.now().date(), dates.now().hour, dates.now().minute) == (day, instant.hour, instant.minute)
    assert dates.today() == day


def test_govsite_now_is_beijing_time_or_converted_to_it(monkeypatch, server_zone):
    server_zone("UTC")
    monkeypatch.delenv("GOVSITE_TODAY", raising=False)
    for written, expected in [("2026-12-02T09:30", beijing(2026, 12, 2, 9, 30)),
                              ("2026-12-02 09:30", beijing(2026, 12, 2, 9, 30)),
                              ("  2026-12-02T09:30  ", beijing(2026, 12, 2, 9, 30)),
                              ("2026-12-02T01:30+00:00", beijing(2026, 12, 2, 9, 30)),
                              ("2026-12-01T20:30-05:00", beijing(2026, 12, 2, 9, 30))]:
        monkeypatch.setenv("GOVSITE_NOW", written)
        moment = dates.now()
        assert moment == expected and moment.utcoffset() == dt.timedelta(hours=8), written
        assert (moment.hour, moment.minute) == (9, 30), written
    monkeypatch.setenv("GOVSITE_TODAY", "2020-01-01")  # GOVSITE_NOW comes first
    assert dates.now() == beijing(2026, 12, 2, 9, 30)


def test_govsite_today_is_the_last_second_of_that_beijing_day(monkeypatch, server_zone):
    server_zone("America/New_York")
    monkeypatch.delenv("GOVSITE_NOW", raising=False)
    monkeypatch.setenv("GOVSITE_TODAY", " 2026-12-02 ")
    assert dates.now() == beijing(2026, 12, 2, 23, 59, 59) and dates.now().utcoffset() == dt.timedelta(hours=8)
    assert dates.today() == D(2026, 12, 2)
    assert dates.end_of_day(D(2024, 2, 29)) == beijing(2024, 2, 29, 23, 59, 59)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("GOVSITE_NOW", "2026-13-02T09:30", "环境变量 GOVSITE_NOW 应为北京时间 YYYY-MM-DDTHH:MM，如 2026-12-02T09:30，现为“2026-13-02T09:30”"),
    ("GOVSITE_NOW", "明天", "环境变量 GOVSITE_NOW 应为北京时间 YYYY-MM-DDTHH:MM，如 2026-12-02T09:30，现为“明天”"),
    ("GOVSITE_TODAY", "2026-02-30", "环境变量 GOVSITE_TODAY 应为 YYYY-MM-DD，如 2026-12-02，现为“2026-02-30”"),
])
def test_a_bad_fixed_clock_is_a_chinese_error(monkeypatch, name, value, message):
    monkeypatch.delenv("GOVSITE_NOW", raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(dates.ClockError) as exc:
        dates.now()
    assert str(exc.value) == message and exc.value.__suppress_context__


def test_remembered_spans_belong_to_the_working_weekends_they_were_counted_with():
    """Two calendars with the same holidays but different 调休 working days never share remembered answers."""
    saturday = D(2027, 1, 9)
    with_workday = {2027: {"holidays": {D(2027, 1, 4)}, "workdays": {saturday}}}
    without = {2027: {"holidays": {D(2027, 1, 4)}, "workdays": set()}}
    for _ in range(2):
        assert WorkCalendar(with_workday).workdays_between(D(2027, 1, 1), D(2027, 1, 10)) == 5
        assert WorkCalendar(without).workdays_between(D(2027, 1, 1), D(2027, 1, 10)) == 4
        assert WorkCalendar(with_workday).add_workdays(D(2027, 1, 8), 2) == saturday
        assert WorkCalendar(without).add_workdays(D(2027, 1, 8), 2) == D(2027, 1, 11)
