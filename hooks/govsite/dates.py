"""Dates on this site are Beijing time; working days follow the official holiday calendar.

`chinese-calendar` knows the State Council's schedule up to the year it was released for.
Editors can add a newer year's schedule in `data/holidays.yml` (the schedule is announced
around November of the year before); a date in a year nobody has given is a clear error.
"""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import chinese_calendar

TZ = ZoneInfo("Asia/Shanghai")


def today() -> dt.date:
    """The build's date in Beijing: the day of now()."""
    return now().date()


class ClockError(ValueError):
    """GOVSITE_NOW or GOVSITE_TODAY is not a valid moment; the message is Chinese."""


def now() -> dt.datetime:
    """The build's moment, aware, in Beijing time (scheduled release needs the hour, statuses the day).

    GOVSITE_NOW=YYYY-MM-DDTHH:MM fixes it (reproducing a build, scheduled release in tests); else
    GOVSITE_TODAY=YYYY-MM-DD fixes the day and the moment is that day's last second, so everything dated that day
    is out; else the clock. The same input and the same GOVSITE_NOW give the same site.
    """
    fixed = os.environ.get("GOVSITE_NOW", "").strip()
    if fixed:
        try:
            moment = dt.datetime.fromisoformat(fixed.replace(" ", "T"))
        except ValueError:
            raise ClockError(f"环境变量 GOVSITE_NOW 应为北京时间 YYYY-MM-DDTHH:MM，如 2026-12-02T09:30，现为“{fixed}”") from None
        return moment.replace(tzinfo=TZ) if moment.tzinfo is None else moment.astimezone(TZ)
    day = os.environ.get("GOVSITE_TODAY", "").strip()
    if day:
        try:
            return end_of_day(dt.date.fromisoformat(day))
        except ValueError:
            raise ClockError(f"环境变量 GOVSITE_TODAY 应为 YYYY-MM-DD，如 2026-12-02，现为“{day}”") from None
    return dt.datetime.now(TZ).replace(microsecond=0)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last second of a Beijing day: a build fixed to a day publishes everything scheduled on it."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=TZ)


class UnknownHolidayYear(Exception):
    def __init__(self, year: int):
        super().__init__(year)
        self.year = year

    def chinese(self) -> str:
        return (f"{self.year} 年的法定节假日安排尚未录入，无法计算工作日；"
                f"请在 data/holidays.yml 中按国务院办公厅通知补充 {self.year} 年的放假和调休日期")


# chinese-calendar's answer per day: fixed data of the installed package, so remembered for the process (its
# date checks were a noticeable part of every rebuild under `mkdocs serve`).
_OFFICIAL: dict[dt.date, bool] = {}
_SPANS: dict[tuple, dict] = {}  # editors' extra years -> remembered spans (WorkCalendar._remembered)


class WorkCalendar:
    """Working days: the official schedule from chinese-calendar, extended by editors' data."""

    def __init__(self, extra_years: dict[int, dict[str, set[dt.date]]] | None = None):
        # extra_years[year] = {"holidays": {...}, "workdays": {...}} (调休上班的周末)
        self.extra_years = extra_years or {}
        self._spans: dict | None = None

    def _remembered(self) -> dict:
        """Results of add_workdays and workdays_between for this calendar's days, shared by every calendar with
        the same editors' data (`mkdocs serve` makes a new calendar on every save and counts the same
        periods of every policy again). Read when first asked: callers fill extra_years after creating it."""
        if self._spans is None:
            key = tuple(sorted((year, frozenset(sets.get("holidays", ())), frozenset(sets.get("workdays", ())))
                               for year, sets in self.extra_years.items()))
            self._spans = _SPANS.setdefault(key, {})
        return self._spans

    def is_workday(self, day: dt.date) -> bool:
        extra = self.extra_years.get(day.year)
        if extra is not None:
            if day in extra["holidays"]:
                return False
            if day in extra["workdays"]:
                return True
            return day.weekday() < 5
        known = _OFFICIAL.get(day)
        if known is None:
            try:
                known = _OFFICIAL[day] = chinese_calendar.is_workday(day)
            except NotImplementedError:
                raise UnknownHolidayYear(day.year) from None
        return known

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The day on which a period of `count` working days that begins on `start` ends.

        The start day counts when it is itself a working day (a 公示 from Monday for 5 工作日
        ends on Friday of an ordinary week).
        """
        if count < 1:
            raise ValueError("count must be at least 1")
        remembered = self._remembered()
        answer = remembered.get(("add", start, count))
        if answer is None:
            answer = remembered["add", start, count] = self._add_workdays(start, count)
        return answer

    def _add_workdays(self, start: dt.date, count: int) -> dt.date:
        day = start
        seen = 0
        while True:
            if self.is_workday(day):
                seen += 1
                if seen == count:
                    return day
            day += dt.timedelta(days=1)

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        remembered = self._remembered()
        answer = remembered.get(("between", start, end))
        if answer is None:
            answer = remembered["between", start, end] = self._workdays_between(start, end)
        return answer

    def _workdays_between(self, start: dt.date, end: dt.date) -> int:
        n = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            if self.is_workday(day):
                n += 1
            day += dt.timedelta(days=1)
        return n


def zh_date(value: dt.date | dt.datetime | str | None) -> str:
    """2024-03-01 -> 2024年3月1日"""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.year}年{value.month}月{value.day}日"
