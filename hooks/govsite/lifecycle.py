"""The lifecycle of every document: draft, review record, scheduled release, withdrawal (撤回).

Every kind of document (a policy, an interpretation, a notice, a 阳光安置 stage, a 普法 article, a report, an annual
report, a 办事指南, a Q&A answer, a law) may carry the same fields, in its YAML data or its front matter; the JSON
Schema fragment is `lifecycle.schema.json`, copied into every document schema (tools/lifecycle_schema.py):

- `草稿: true` — a draft: shown by `make serve` and previews with a red "草稿 · 未发布" banner, absent from the public
  build (its pages, lists, feeds, search, catalogue, sitemap and home page).
- `定时发布: YYYY-MM-DD HH:MM` — the moment (Beijing time) it goes public. The rule, one for every kind: a document
  is public from its *release moment*, which is 定时发布 when written, else its 发布时间, else 00:00 of its 发布日期.
  Until then the public build leaves it out like a draft, and previews show "定时发布 YYYY-MM-DD HH:MM". 定时发布
  must fall on the day the document says it was published (发布日期 / 发布时间's day, not before 发布时间): the
  site never shows a publication date other than the day the public first saw it.
- `撤回: {日期, 原因}` — withdrawn: out of every list, feed, search and the catalogue; its URL keeps a short page
  saying that it was withdrawn, when and why (types/withdrawn), and its 索引号 is never given to another document.
- `审核: {拟稿, 拟稿日期, 审核, 审核日期, 签发, 签发日期, 保密审查, 保密审查人, 保密审查日期}` — the review record
  (信息发布审核, 保密审查: 政府信息公开条例第十七条). data/site.yml `审核记录必填: true` makes a complete record
  a condition of publication (drafts excepted). A document whose 保密审查 did not pass is never published. The
  record is internal: it reaches no page, feed, JSON or search record (the adapter drops it from MkDocs' page
  meta; outputs are made from Documents, which do not hold it).

One gate: each type's loader calls `admit()` once per item (editors' Markdown pages are gated centrally by
build._load_documents through `admit_page()`) and leaves the item out of its model when it is not to be published.
What is held back is recorded (`Register.held`: file, line, URL, 索引号, state) so that the catalogue reserves
its 索引号, a published page linking to it is an error naming both files (`check`), and the adapter keeps MkDocs
from publishing its Markdown file and attachments. Whether drafts are shown is `site.mode.show_drafts` (make serve
and previews, govsite/mode.py); the time is `site.now` (dates.now: GOVSITE_NOW, GOVSITE_TODAY or the clock).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .dates import TZ
from .document import Body, When, zh_day, zh_when
from .model import page_url
from .schema import parse_datetime
from .yamlfile import Located, dotted

SCHEMA_FRAGMENT = Path(__file__).with_name("lifecycle.schema.json")

DRAFT = "草稿"
SCHEDULE = "定时发布"
WITHDRAWAL = "撤回"
REVIEW = "审核"
FIELDS = (DRAFT, SCHEDULE, WITHDRAWAL, REVIEW)  # what every document schema carries (lifecycle.schema.json)
REQUIRED_SETTING = "审核记录必填"  # data/site.yml: a complete review record is a condition of publication

# States of a document that is not (yet, or any more) public.
STATE_DRAFT = "草稿"
STATE_SCHEDULED = "定时发布"
STATE_WITHDRAWN = "已撤回"

PASSED = "通过"
# The review record's fields in the order a document goes through them: (name field, its date field, what it is).
STEPS = (("拟稿", "拟稿日期", "拟稿"), ("审核", "审核日期", "审核"), ("保密审查人", "保密审查日期", "保密审查"),
         ("签发", "签发日期", "签发"))
RECORD_FIELDS = ("拟稿", "拟稿日期", "审核", "审核日期", "签发", "签发日期", "保密审查", "保密审查人", "保密审查日期")


@dataclass(frozen=True)
class Lifecycle:
    """What a document shown before its release carries (make serve, previews): the banner on its page."""

    state: str  # 草稿 / 定时发布
    release: When | None = None  # 定时发布: the moment it goes public

    @property
    def banner(self) -> str:
        if self.state == STATE_SCHEDULED and self.release is not None:
            return f"{STATE_SCHEDULED} {self.release.day.isoformat()} {self.release.time or dt.time(0, 0):%H:%M}"
        return "草稿 · 未发布"


@dataclass(frozen=True)
class Held:
    """A document the build leaves out of the site: a draft, one scheduled for later, or one withdrawn."""

    state: str  # 草稿 / 定时发布 / 已撤回
    kind: str  # 政策文件, 公示公告 … (messages, the withdrawal page)
    title: str
    url: str  # its page (may carry a #fragment: a Q&A answer)
    file: str  # the file that holds it
    line: int  # the line of the field that holds it back (草稿 / 定时发布 / 撤回), or of the item
    index_no: str = ""  # 索引号: reserved while it is held back, and for ever once withdrawn
    index_line: int = 0  # where its 索引号 is (or would be written)
    catalogue: bool = False  # a document of the 政府信息公开目录: it needs a 索引号 before release
    published: When | None = None  # the date it states
    release: When | None = None  # 定时发布: when it goes public
    withdrawn: dt.date | None = None
    reason: str = ""  # why it was withdrawn
    urls: tuple[str, ...] = ()  # every page URL it had (a law has its versions); () means (url,)
    src_uri: str = ""  # an editor's Markdown file: MkDocs must not build it
    attachments: tuple[str, ...] = ()  # site-relative files only it links to: not published either
    names: tuple[str, ...] = ()  # what citations call it (a law: 标题, 简称, file name)
    body: Body | None = None  # a scheduled document's text: checked now as it will be at its release

    @property
    def pages(self) -> tuple[str, ...]:
        return tuple(u for u in (self.urls or (self.url,)) if "#" not in u)

    def describe(self) -> str:
        """What the target of a link is, for messages: 是草稿 / 定时于……发布 / 已于……撤回."""
        if self.state == STATE_DRAFT:
            return "是草稿，尚未发布"
        if self.state == STATE_SCHEDULED and self.release is not None:
            return f"定时于 {zh_when(self.release)} 发布，现在还不在网站上"
        if self.state == STATE_WITHDRAWN and self.withdrawn is not None:
            return f"已于 {zh_day(self.withdrawn)} 撤回"
        return "不在网站上"


@dataclass
class Register:
    """What the lifecycle gate decided in one load."""

    held: list[Held] = field(default_factory=list)
    # Drafts and scheduled documents make serve and previews show (in the model, with a banner): a published page
    # may not link to them there either, as it may not in the public build.
    shown: list[Held] = field(default_factory=list)
    # Editors' pages scheduled for later (model.EditorPage by src_uri): their types check them now, as they will be
    # checked at the release, which the hourly build makes unattended.
    scheduled_pages: dict = field(default_factory=dict)

    def by_page(self, shown: bool = False) -> dict[str, Held]:
        """Held documents by page URL (and by URL with #fragment for documents sharing a page); with `shown`, the
        drafts and scheduled documents a preview shows as well."""
        found: dict[str, Held] = {}
        for item in self.held + (self.shown if shown else []):
            for url in (item.urls or (item.url,)):
                found.setdefault(url, item)
        return found


@dataclass(frozen=True)
class Admission:
    """The gate's answer for one item: whether it goes into the model, and the banner it carries there."""

    admitted: bool
    lifecycle: Lifecycle | None = None

    def __bool__(self) -> bool:
        return self.admitted


def register(site) -> Register:
    found = site.models.get("_lifecycle")
    if found is None:
        found = site.models["_lifecycle"] = Register()
    return found


def held(site) -> list[Held]:
    return register(site).held


def held_at(site, url: str) -> Held | None:
    """The held-back document at a page URL (or URL#fragment), if any."""
    return register(site).by_page().get(url)


def scheduled_pages(site, prefix: str) -> list:
    """Editors' pages under `prefix` held back until a later release (sorted by file)."""
    pages = register(site).scheduled_pages
    return [pages[uri] for uri in sorted(pages) if uri.startswith(prefix)]


def review_required(site) -> bool:
    return site.settings.get(REQUIRED_SETTING) is True


# ---- the gate ------------------------------------------------------------------------------------------------

def _value_at(data, path: tuple):
    for key in path:
        data = data[key]
    return data


def _field(path: tuple, *keys) -> str:
    return dotted(tuple(path) + keys)


def _date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None  # the schema reports it


def release_moment(when: When) -> dt.datetime:
    """A document dated by its day alone goes public at 00:00 of that day (Beijing time)."""
    return dt.datetime.combine(when.day, when.time or dt.time(0, 0), tzinfo=TZ)


def admit(site, located: Located, path: tuple = (), *, kind: str, title: str, url: str,
          published: When | dt.date | dt.datetime | None = None, index_no: str = "", index_line: int = 0,
          catalogue: bool = False, urls: tuple[str, ...] = (), src_uri: str = "", attachments: tuple[str, ...] = (),
          names: tuple[str, ...] = (), body: Body | None = None) -> Admission:
    """Decide whether one item (the mapping at `path` in `located`: () for a whole file) is published.

    Checks its lifecycle fields and review record (errors name 文件:行 字段 in Chinese), records it when it is held
    back, and answers: admitted (into the type's model) with the banner it shows in previews, or not. An item with
    an error here is admitted: the build stops anyway, and its type's own checks report the rest at once."""
    data = _value_at(located.data, path)
    file = located.file
    errors_before = len(site.problems.errors)
    published = When.of(published) if published is not None else None
    draft = data.get(DRAFT) is True
    where = lambda *keys: located.line_of(tuple(path) + keys)
    key_where = lambda *keys: located.key_line_of(tuple(path) + keys)

    release = published
    if SCHEDULE in data:
        scheduled_at = When.of(parse_datetime(data[SCHEDULE]))
        if published is not None and scheduled_at.day != published.day:
            label = "发布日期" if published.date_only else "发布时间"
            site.problems.error(file, where(SCHEDULE), _field(path, SCHEDULE),
                                f"定时发布 {data[SCHEDULE]} 与{label} {published.day.isoformat()} 不在同一天；网站显示的"
                                f"{label}就是信息上线的日子，请把{label}改为 {scheduled_at.day.isoformat()}，或把定时发布改到那一天")
        elif published is not None and not published.date_only and scheduled_at < published:
            site.problems.error(file, where(SCHEDULE), _field(path, SCHEDULE),
                                f"定时发布 {data[SCHEDULE]} 早于发布时间 {zh_when(published)}；信息不能在它所写的发布时间之前上线")
        release = scheduled_at
    scheduled = release is not None and release_moment(release) > site.now

    withdrawal = data.get(WITHDRAWAL)
    withdrawn_on = _date(withdrawal.get("日期")) if isinstance(withdrawal, dict) else None
    if withdrawal is not None:
        if draft:
            site.problems.error(file, key_where(WITHDRAWAL), _field(path, WITHDRAWAL),
                                "草稿没有发布过，不能撤回；不需要时删除文件即可")
        elif scheduled:
            site.problems.error(file, key_where(WITHDRAWAL), _field(path, WITHDRAWAL),
                                f"这条信息定时于 {zh_when(release)} 发布，还没有上线，不能撤回；不再发布时请改为草稿（草稿: true）")
        elif withdrawn_on is not None:
            if published is not None and withdrawn_on < published.day:
                site.problems.error(file, where(WITHDRAWAL, "日期"), _field(path, WITHDRAWAL, "日期"),
                                    f"撤回日期 {withdrawn_on.isoformat()} 早于发布日期 {published.day.isoformat()}")
            if withdrawn_on > site.today:
                site.problems.error(file, where(WITHDRAWAL, "日期"), _field(path, WITHDRAWAL, "日期"),
                                    f"撤回日期 {withdrawn_on.isoformat()} 晚于今天（{site.today.isoformat()}）；"
                                    "撤回立即生效，请填写撤回当天的日期")

    if not draft:
        _check_review(site, located, path, data, release)

    if len(site.problems.errors) > errors_before:
        return Admission(True)  # the build stops; the type still checks the rest, so every problem shows at once

    def record(state: str, line: int, **extra) -> Held:
        return Held(state=state, kind=kind, title=title, url=url, file=file, line=line, index_no=index_no,
                    index_line=index_line or where(), catalogue=catalogue, published=published, release=release,
                    urls=tuple(urls), src_uri=src_uri, attachments=tuple(attachments), names=tuple(names), **extra)

    def hold(state: str, line: int, **extra) -> Admission:
        register(site).held.append(record(state, line, **extra))
        return Admission(False)

    def show(state: str, line: int) -> Admission:
        register(site).shown.append(record(state, line))
        return Admission(True, Lifecycle(state, release if state == STATE_SCHEDULED else None))

    if withdrawal is not None:
        return hold(STATE_WITHDRAWN, key_where(WITHDRAWAL), withdrawn=withdrawn_on, reason=withdrawal.get("原因", ""))
    if draft:
        return show(STATE_DRAFT, where(DRAFT)) if site.mode.show_drafts else hold(STATE_DRAFT, where(DRAFT))
    if scheduled:
        dated = next((key for key in (SCHEDULE, "发布时间", "发布日期") if key in data), None)
        line = where(dated) if dated else where()
        return show(STATE_SCHEDULED, line) if site.mode.show_drafts else hold(STATE_SCHEDULED, line, body=body)
    return Admission(True)


def _check_review(site, located: Located, path: tuple, data: dict, release: When | None) -> None:
    """The review record of a document about to be published (or scheduled): complete when the site requires
    it, its dates in order and not after the release, distinct people, and a passed 保密审查."""
    file = located.file
    record = data.get(REVIEW)
    where = lambda *keys: located.line_of(tuple(path) + keys)
    if not isinstance(record, dict):
        if review_required(site):
            site.problems.error(file, where(), _field(path, REVIEW),
                                "缺少审核记录：本站规定信息须经审核、保密审查和签发后才能发布（data/site.yml“审核记录必填”）；"
                                "请按 EDITING.md“草稿、审核、签发、定时发布与撤回”一节填写“审核”，尚未审核完的请先标为草稿（草稿: true）")
        return
    if record.get("保密审查") not in (None, PASSED):
        site.problems.error(file, where(REVIEW, "保密审查"), _field(path, REVIEW, "保密审查"),
                            f"保密审查结果为“{record['保密审查']}”：未通过保密审查的信息不得公开（政府信息公开条例第十七条）；"
                            "请改为草稿（草稿: true）或删除，修改后重新审查")
        return
    if review_required(site):
        missing = [key for key in RECORD_FIELDS if key not in record]
        for key in missing:
            site.problems.error(file, located.key_line_of(tuple(path) + (REVIEW,)), _field(path, REVIEW, key),
                                "审核记录不完整：缺少此项；信息须经拟稿、审核、保密审查、签发后才能发布，"
                                "尚未完成的请先标为草稿（草稿: true）")
        if missing:
            return
    dates = {date_key: _date(record.get(date_key)) for _name, date_key, _label in STEPS}
    order = [(date_key, label) for _name, date_key, label in STEPS if dates[date_key] is not None]
    drafted = dates["拟稿日期"]
    for date_key, label in order:
        day = dates[date_key]
        if drafted is not None and date_key != "拟稿日期" and day < drafted:
            site.problems.error(file, where(REVIEW, date_key), _field(path, REVIEW, date_key),
                                f"{label}日期 {day.isoformat()} 早于拟稿日期 {drafted.isoformat()}")
    signed = dates["签发日期"]
    for date_key, label in (("审核日期", "审核"), ("保密审查日期", "保密审查")):
        day = dates[date_key]
        if signed is not None and day is not None and day > signed:
            site.problems.error(file, where(REVIEW, date_key), _field(path, REVIEW, date_key),
                                f"{label}日期 {day.isoformat()} 晚于签发日期 {signed.isoformat()}：须先{label}、后签发")
    if signed is not None and release is not None and signed > release.day:
        site.problems.error(file, where(REVIEW, "签发日期"), _field(path, REVIEW, "签发日期"),
                            f"签发日期 {signed.isoformat()} 晚于发布日期 {release.day.isoformat()}：信息须先签发、后发布")
    for date_key, label in order:
        day = dates[date_key]
        if day > site.today:
            site.problems.error(file, where(REVIEW, date_key), _field(path, REVIEW, date_key),
                                f"{label}日期 {day.isoformat()} 晚于今天（{site.today.isoformat()}）；审核记录记的是已经完成的步骤")
    author = str(record.get("拟稿") or "").strip()
    for key in ("审核", "签发"):
        if author and str(record.get(key) or "").strip() == author:
            site.problems.error(file, where(REVIEW, key), _field(path, REVIEW, key),
                                f"{key}人与拟稿人都是“{author}”：{key}须由拟稿人以外的人完成")


def _page_published(meta: dict) -> When | None:
    """The moment an editor's page states (发布时间, else 发布日期), as admit_page hands it to admit."""
    if isinstance(meta.get("发布时间"), str):
        try:
            return When.of(parse_datetime(meta["发布时间"]))
        except ValueError:
            return None
    if isinstance(meta.get("发布日期"), str):
        return When(_date(meta["发布日期"])) if _date(meta["发布日期"]) else None
    return None


def page_release(meta: dict) -> When | None | bool:
    """When an editor's page goes public as admit decides it (定时发布, else its stated moment; None: no moment,
    due at once), or False when its 定时发布 cannot be read (admit reports that)."""
    if SCHEDULE in meta:
        try:
            return When.of(parse_datetime(meta[SCHEDULE]))
        except (ValueError, TypeError):
            return False
    return _page_published(meta)


def due(site, release: When | None) -> bool:
    """Whether a release moment (page_release) has come: the one way the build's moment changes what admit
    answers for the same text."""
    return release is None or release_moment(release) <= site.now


def admit_page(site, page, owner) -> Admission:
    """An editor's Markdown page of a document type (its front matter schema carries the lifecycle fields)."""
    meta = page.meta
    published = _page_published(meta)
    folder = page.src_uri.rsplit("/", 1)[0] + "/" if "/" in page.src_uri else ""
    attachments = tuple(_inside(folder + str(item.get("文件", ""))) for item in meta.get("附件", ())
                        if isinstance(item, dict))
    located = page.located
    return admit(site, located, kind=owner.label or owner.name, title=str(meta.get("标题", "")),
                 url=page_url(page.src_uri), published=published, index_no=str(meta.get("索引号", "")),
                 index_line=located.key_line_of(("索引号",)) if "索引号" in meta else located.key_line_of(("标题",)),
                 catalogue=schema_declares(owner.front_matter_schema, "索引号"), src_uri=page.src_uri,
                 attachments=tuple(a for a in attachments if a),
                 body=Body(markdown=page.body, base=page.src_uri, file=page.file, line=page.body_line))


def _inside(path: str) -> str:
    """A path relative to content/ without ./ and ../ parts, or "" when it leaves content/."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return ""
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def schema_declares(schema_path, name: str) -> bool:
    """Whether a schema's top level declares a property: a type opts into the lifecycle by its schema."""
    if schema_path is None:
        return False
    from .schema import load_schema

    return name in load_schema(str(schema_path)).get("properties", {})


# ---- what refers to held-back documents ----------------------------------------------------------------------

def report_reference(site, file: str, line: int, field_: str, url: str) -> bool:
    """For a type resolving a cross-reference (解读对象, 废止文件, 更正, 办事指南 …) that found no published target:
    report it when the target is held back, naming both files, and say so (the type then stays silent)."""
    target = held_at(site, url) or held_at(site, url.split("#", 1)[0])
    if target is None:
        return False
    site.problems.error(file, line, field_, f"所指的{target.kind}《{target.title}》（{target.file}:{target.line}）"
                                            f"{target.describe()}；已发布的信息不能指向未发布或已撤回的信息，"
                                            "请等它发布后再引用，或删去这一项")
    return True


def held_law(site, name: str) -> Held | None:
    """A held-back law by what a citation calls it."""
    name = name.strip()
    return next((h for h in held(site) if name in h.names), None)


def withheld_files(site, published_files: set[str]) -> set[str]:
    """Site-relative files (attachments) of held-back documents that no published document uses: not shipped."""
    return {a for item in held(site) for a in item.attachments if a and a not in published_files}
