"""条例第二十六条: proactive disclosure within 20 工作日 of the information being formed or changed.

The period starts the day after 成文日期 (the day an event happens is not counted, as with every
statutory period), so the deadline is the 20th working day after it, with 调休 weekends counted as
working days and holidays skipped (site.calendar knows both).
"""
from __future__ import annotations

import datetime as dt

from ...dates import WorkCalendar

LIMIT_WORKDAYS = 20


def disclosure_deadline(calendar: WorkCalendar, formed: dt.date, limit: int = LIMIT_WORKDAYS) -> dt.date:
    """Last day on which information formed on `formed` is still disclosed in time."""
    return calendar.add_workdays(formed + dt.timedelta(days=1), limit)


def workdays_taken(calendar: WorkCalendar, formed: dt.date, published: dt.date) -> int:
    """Working days after `formed` up to and including `published`."""
    return calendar.workdays_between(formed, published)


def is_late(calendar: WorkCalendar, formed: dt.date, published: dt.date, limit: int = LIMIT_WORKDAYS) -> bool:
    return workdays_taken(calendar, formed, published) > limit
