"""The notice model shared by Markdown notices and notices other types publish (阳光安置 stages)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ...document import Attachment, Body

STATUS_BEFORE = "公示未开始"
STATUS_OPEN = "公示中"
STATUS_CLOSED = "公示已结束"


@dataclass(frozen=True)
class Category:
    name: str  # 安置公示
    slug: str  # anzhi-gongshi: feeds/<slug>.xml and notices/<slug>/
    description: str
    catalogue_category: str
    min_workdays: int | None = None  # 最短公示期 in 工作日 (data/notices/categories.yml), None: not checked
    min_basis: str = ""  # where that minimum comes from

    @property
    def url(self) -> str:
        return f"notices/{self.slug}/"


@dataclass(frozen=True)
class Period:
    """公示期: from `start` to `end`, both included."""

    start: dt.date
    end: dt.date
    workdays: int | None  # given or default number of 工作日; None when an explicit end date was given

    def status(self, today: dt.date) -> str:
        if today < self.start:
            return STATUS_BEFORE
        return STATUS_OPEN if today <= self.end else STATUS_CLOSED


@dataclass
class Notice:
    id: str  # "notices/2024/slug": the feed GUID; never changes once published
    year: int
    slug: str
    title: str
    category: Category
    published: dt.datetime
    publisher: str
    summary: str = ""
    index_no: str = ""
    changed: dt.datetime | None = None  # 更新时间: the notice itself was edited after publication
    change_note: str = ""
    period: Period | None = None
    phones: list[dict] = field(default_factory=list)  # [{"单位": …, "电话": …}]
    contact: str = ""
    attachments: tuple[Attachment, ...] = ()
    corrects: str = ""  # id of the notice this one corrects
    audiences: tuple[str, ...] = ()
    file: str = ""  # source for messages
    line: int = 0
    index_line: int = 0  # where its 索引号 is (or should be written), for the catalogue's messages
    doc: object = None  # the editor's page (model.EditorPage), for Markdown notices
    body: Body | None = None  # what it says: the editor's Markdown, or a template of another type's data
    sample: bool = False  # a demo notice (示例)
    corrected_by: list[Notice] = field(default_factory=list)  # filled in check()
    corrected: Notice | None = None
    lifecycle: object = None  # lifecycle.Lifecycle: shown ahead of its release (make serve, previews)
    # `mkdocs serve`: the digest of its editor's file (EditorPage.source_digest), "" for a notice another type
    # publishes. The fields named here are read from that file's name and text alone, so keys and comparisons
    # of a notice (the list pages show thousands) take the digest for them; the others come from elsewhere.
    source_digest: str = ""
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = (
        "id", "year", "slug", "title", "published", "summary", "index_no", "changed", "change_note", "phones",
        "contact", "corrects", "audiences", "file", "line", "index_line", "body", "sample")

    @property
    def src_uri(self) -> str:
        return f"notices/{self.year}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"notices/{self.year}/{self.slug}/"

    @property
    def updated(self) -> dt.datetime:
        """When subscribers should see the notice as changed: its own edit or its latest correction."""
        times = [self.published]
        if self.changed:
            times.append(self.changed)
        times.extend(c.published for c in self.corrected_by)
        return max(times)

    def status(self, today: dt.date) -> str:
        return self.period.status(today) if self.period else ""
