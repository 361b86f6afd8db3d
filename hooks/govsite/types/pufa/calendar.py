"""普法日历: the recurring 普法 dates (data/pufa/calendar.yml), the activities held on each, the next one.

A date is a month and day (烈士纪念日 9月30日) or a whole month (民法典宣传月, 5月). An activity (普法活动
news with 活动日期) belongs to a date when it was held on it, or within 前后天数 days of it, or in its month.
"The next date" is computed from site.today only, so a build is reproducible for a given day.
"""
from __future__ import annotations

import calendar as cal
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ... import crossref
from ...build import load_yaml_checked
from ...model import Site

SCHEMA = Path(__file__).with_name("calendar.schema.json")
FILE = "calendar.yml"
PAGE_URL = "pufa/rili/"


@dataclass
class PufaDate:
    name: str
    ident: str
    month: int
    day: int | None  # None: the whole month
    margin: int  # 前后天数
    note: str
    laws: list = field(default_factory=list)  # laws.model.Law

    @property
    def anchor(self) -> str:
        return self.ident

    @property
    def url(self) -> str:
        return f"{PAGE_URL}#{self.ident}"

    @property
    def label(self) -> str:
        return f"{self.month}月{self.day}日" if self.day else f"{self.month}月（全月）"

    def span(self, year: int) -> tuple[dt.date, dt.date]:
        """First and last day of this date in `year`."""
        if self.day is None:
            return dt.date(year, self.month, 1), dt.date(year, self.month, cal.monthrange(year, self.month)[1])
        day = dt.date(year, self.month, self.day)
        return day, day

    def next_span(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """This year's span if it has not ended before `today`, else next year's."""
        start, end = self.span(today.year)
        return (start, end) if end >= today else self.span(today.year + 1)

    def holds(self, day: dt.date) -> bool:
        """Whether an activity held on `day` belongs to this date."""
        if self.day is None:
            return day.month == self.month
        for year in (day.year - 1, day.year, day.year + 1):  # margins may cross the new year
            try:
                anchor = dt.date(year, self.month, self.day)
            except ValueError:  # 2月29日 in a common year
                continue
            if abs((day - anchor).days) <= self.margin:
                return True
        return False


@dataclass
class Upcoming:
    date: PufaDate
    start: dt.date
    end: dt.date
    days: int  # days from today to start; 0 when under way today

    @property
    def ongoing(self) -> bool:
        return self.days == 0


def load(site: Site, folder: Path) -> tuple[list[PufaDate], str, object]:
    """The calendar's dates (in file order), its intro text and its Located; problems are reported."""
    path = folder / FILE
    if not path.exists():
        return [], "", None
    located = load_yaml_checked(site, path, SCHEMA)
    if located is None:
        return [], "", None
    source = path.read_text(encoding="utf-8")
    library = site.models.get("laws")
    dates: list[PufaDate] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(located.data["日期"]):
        where = ("日期", index)
        label = f"日期[{index + 1}]"
        if entry["标识"] in seen:
            site.problems.error(located.file, located.line_of(where + ("标识",)), f"{label}.标识",
                                f"标识“{entry['标识']}”重复（第 {seen[entry['标识']]} 行已使用）")
            continue
        seen[entry["标识"]] = located.line_of(where + ("标识",))
        day = entry.get("日")
        if day is not None and day > cal.monthrange(2024, entry["月"])[1]:  # 2024: a leap year allows 2月29日
            site.problems.error(located.file, located.line_of(where + ("日",)), f"{label}.日",
                                f"{entry['月']}月没有{day}日")
            continue
        crossref.check_text(site, entry["说明"], located.file, crossref.text_line(source, located.line_of(where + ("说明",))),
                            f"{label}.说明", allow_repealed=False)
        laws = []
        for position, name in enumerate(entry.get("法律法规", [])):
            law = library.lookup(name) if library else None
            line = located.line_of(where + ("法律法规", position))
            if law is None and library is not None and name.strip() not in library.broken_names:
                site.problems.error(located.file, line, f"{label}.法律法规[{position + 1}]",
                                    f"法律法规库中没有“{name}”；请写已收录的简称或标题")
            elif law is not None and law.status(site.today) == "已废止":
                site.problems.error(located.file, line, f"{label}.法律法规[{position + 1}]",
                                    f"《{law.short}》已废止，不应再作为普法重点")
            elif law is not None:
                laws.append(law)
        dates.append(PufaDate(name=entry["名称"], ident=entry["标识"], month=entry["月"], day=day,
                              margin=entry.get("前后天数", 0), note=entry["说明"], laws=laws))
    return dates, located.data.get("说明", ""), located


def upcoming(dates: list[PufaDate], today: dt.date) -> list[Upcoming]:
    """Every date at its next occurrence (or the one under way), soonest first."""
    out = []
    for date in dates:
        start, end = date.next_span(today)
        out.append(Upcoming(date=date, start=start, end=end, days=max(0, (start - today).days)))
    return sorted(out, key=lambda u: (u.start, u.date.ident))


def next_date(dates: list[PufaDate], today: dt.date) -> Upcoming | None:
    found = upcoming(dates, today)
    return found[0] if found else None


def activities(date: PufaDate, news: list[dict]) -> list[dict]:
    """普法活动 (pufa._news_items) held on this date, newest first."""
    held = [item for item in news if item.get("event_date") and date.holds(dt.date.fromisoformat(item["event_date"]))]
    return sorted(held, key=lambda item: (item["event_date"], item["url"]), reverse=True)


def home_entry(site: Site) -> dict | None:
    """What the home page shows of the next 普法 date (pufa/next-date.html), from site.today."""
    model = site.models.get("pufa") or {}
    found = next_date(model.get("calendar", []), site.today)
    if found is None:
        return None
    return {"name": found.date.name, "url": found.date.url, "start": found.start, "days": found.days,
            "month_long": found.date.day is None}
