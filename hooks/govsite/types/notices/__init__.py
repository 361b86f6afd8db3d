"""公示公告: Markdown notices in content/notices/<年份>/<标识>.md, category lists, feeds and 公示期.

Editors add a notice by committing one Markdown file. Its 公示期 end date is computed from working
days (site.calendar), its status (公示中 / 公示已结束) from the build date, and a later notice that
names it in “更正” puts a banner on it and gives its feed entry a new updated date (same GUID).
Other types publish notices too (阳光安置 stages) through `register_notice`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import lifecycle
from ...build import load_yaml_checked
from ...dates import UnknownHolidayYear
from ...document import Body, Document, Fact, Related, When, attachment, document_of
from ...model import ContentType, FeedChannel, Site, list_pages, page_url
from ...schema import parse_datetime
from .notice import STATUS_BEFORE, STATUS_CLOSED, STATUS_OPEN, Category, Notice, Period

HERE = Path(__file__).parent
PREFIX = "notices/"
CATEGORIES_FILE = "notices/categories.yml"
KIND = "公示公告"
_NOTICE_URI = re.compile(r"^notices/(\d{4})/([a-z0-9][a-z0-9-]*)\.md$")
PAGE_SIZE = 30  # notices per list page
DEFAULT_WORKDAYS = 5  # 公示期 when data/site.yml gives none (no national rule fixes it; 5 is common practice)
MAIN_FEED = "notices"
RESERVED_SLUGS = (MAIN_FEED, "all", "page")  # feed names and list paths a category slug must not take

__all__ = ["Category", "Notice", "Period", "STATUS_BEFORE", "STATUS_OPEN", "STATUS_CLOSED", "register_notice",
           "make_period", "CONTENT_TYPE"]


@dataclass
class NoticesModel:
    categories: list[Category] = field(default_factory=list)
    notices: dict[str, Notice] = field(default_factory=dict)  # id -> notice

    def category(self, name: str) -> Category | None:
        return next((c for c in self.categories if c.name == name), None)

    def newest_first(self, category: Category | None = None) -> list[Notice]:
        chosen = [n for n in self.notices.values() if category is None or n.category == category]
        return sorted(chosen, key=lambda n: (-n.published.timestamp(), n.id))


def model(site: Site) -> NoticesModel:
    return site.models.setdefault("notices", NoticesModel())


def make_period(site: Site, start: dt.date, workdays: int | None, end: dt.date | None,
                file: str, line: int, field_: str) -> Period | None:
    """公示期 from a start date and either a number of 工作日 (default from data/site.yml) or an end date."""
    if end is not None:
        if workdays is not None:
            site.problems.error(file, line, field_, "“工作日”和“结束”只能填写一个：要么给出公示几个工作日，要么给出结束日期")
            return None
        if end < start:
            site.problems.error(file, line, field_, f"结束日期 {end} 早于开始日期 {start}")
            return None
        return Period(start, end, None)
    default = site.settings.get("公示期工作日", DEFAULT_WORKDAYS)
    # data/site.yml may be invalid (its own errors are reported); never crash on its value here.
    count = workdays or (default if isinstance(default, int) and not isinstance(default, bool) and default >= 1
                         else DEFAULT_WORKDAYS)
    try:
        return Period(start, site.calendar.add_workdays(start, count), count)
    except UnknownHolidayYear as exc:
        site.problems.error(file, line, field_, exc.chinese())
        return None


def register_notice(site: Site, notice: Notice) -> bool:
    """Add a notice (from Markdown or another type); report a clash with an existing one."""
    notices = model(site).notices
    if notice.id in notices:
        first = notices[notice.id]
        site.problems.error(notice.file, notice.line, "", f"公告网址 {notice.url} 已被 {first.file} 使用；请换一个标识")
        return False
    notices[notice.id] = notice
    return True


def _load_categories(site: Site) -> list[Category]:
    path = site.data_dir / CATEGORIES_FILE
    if not path.exists():
        site.problems.error("data/" + CATEGORIES_FILE, 0, "", "缺少公示公告类别文件")
        return []
    located = load_yaml_checked(site, path, HERE / "categories.schema.json")
    if not located:
        return []
    categories: list[Category] = []
    for i, entry in enumerate(located.data["类别"]):
        for key in ("名称", "标识"):
            clash = [c for c in categories if getattr(c, "name" if key == "名称" else "slug") == entry[key]]
            if clash:
                site.problems.error(located.file, located.line_of(("类别", i, key)), f"类别[{i + 1}].{key}",
                                    f"“{entry[key]}”重复；每个类别的{key}必须不同")
        if entry["标识"] in RESERVED_SLUGS:
            site.problems.error(located.file, located.line_of(("类别", i, "标识")), f"类别[{i + 1}].标识",
                                f"“{entry['标识']}”已被网站使用（全部公告的订阅地址或翻页网址），不能用作类别标识")
        categories.append(Category(entry["名称"], entry["标识"], entry["说明"], entry["目录类别"],
                                   entry.get("最短公示期"), entry.get("最短公示期依据", "")))
    return categories


def _notice_from_document(site: Site, doc, categories: NoticesModel) -> Notice | None:
    meta, loc = doc.meta, doc.located
    match = _NOTICE_URI.match(doc.src_uri)
    if not match:
        site.problems.error(doc.file, 0, "", "公告文件应放在 content/notices/<年份>/<标识>.md，"
                                             "标识只用小写英文字母、数字和连字符，如 content/notices/2024/anzhi-jihua.md")
        return None
    year, slug = int(match.group(1)), match.group(2)
    ok = True
    category = categories.category(meta["类别"])
    if category is None:
        names = "、".join(c.name for c in categories.categories)
        site.problems.error(doc.file, loc.line_of(("类别",)), "类别",
                            f"“{meta['类别']}”不是已有的公告类别；可选：{names}（类别在 data/{CATEGORIES_FILE} 中维护）")
        ok = False
    published = parse_datetime(meta["发布时间"])
    if published.year != year:
        site.problems.error(doc.file, loc.line_of(("发布时间",)), "发布时间",
                            f"发布时间在 {published.year} 年，但文件放在 {year} 年的文件夹中；请移到 content/notices/{published.year}/")
        ok = False
    changed = parse_datetime(meta["更新时间"]) if "更新时间" in meta else None
    if changed is not None:
        if changed <= published:
            site.problems.error(doc.file, loc.line_of(("更新时间",)), "更新时间", "更新时间应晚于发布时间")
            ok = False
        if "更新说明" not in meta:
            site.problems.error(doc.file, loc.key_line_of(("更新时间",)), "更新说明", "填写了更新时间，请同时用“更新说明”写明修改了什么")
            ok = False
    period = None
    if "公示期" in meta:
        raw = meta["公示期"]
        period = make_period(site, dt.date.fromisoformat(raw["开始"]), raw.get("工作日"),
                             dt.date.fromisoformat(raw["结束"]) if "结束" in raw else None,
                             doc.file, loc.key_line_of(("公示期",)), "公示期")
        ok = ok and period is not None
        if period and period.start < published.date():
            site.problems.error(doc.file, loc.line_of(("公示期", "开始")), "公示期.开始",
                                f"公示期开始于 {period.start}，早于发布时间 {published.date()}；公示期应从发布之日或之后开始")
            ok = False
    attachments = []
    for i, item in enumerate(meta.get("附件", [])):
        target = (site.content_dir / "notices" / str(year) / item["文件"]).resolve()
        try:
            inside = target.relative_to(site.content_dir.resolve()).as_posix()
        except ValueError:
            inside = None
        found = attachment(site, inside, item["名称"], doc.file) if inside is not None else None
        if found is None:
            site.problems.error(doc.file, loc.line_of(("附件", i, "文件")), f"附件[{i + 1}].文件",
                                f"找不到附件文件 content/notices/{year}/{item['文件']}；请把文件放到该位置，或改正路径")
            ok = False
            continue
        attachments.append(found)
    in_fence = False
    for offset, line in enumerate(doc.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and re.match(r"#\s", line):
            site.problems.warning(doc.file, doc.body_line + offset, "", "正文中不必再写一级标题“# …”：页面顶部已显示“标题”字段；"
                                                                     "请删去这一行，或改用“## ”小标题")
            break
    if not ok:
        return None
    return Notice(
        id=f"notices/{year}/{slug}", year=year, slug=slug, title=meta["标题"], category=category,
        published=published, publisher=meta.get("发布机构") or site.settings.get("机构名称", ""),
        summary=meta.get("描述", ""), index_no=meta.get("索引号", ""), changed=changed,
        change_note=meta.get("更新说明", ""), period=period, phones=list(meta.get("监督电话", [])),
        contact=meta.get("联系方式", ""), attachments=tuple(attachments), sample=bool(meta.get("示例")),
        body=Body(markdown=doc.body, base=doc.src_uri, file=doc.file, line=doc.body_line),
        corrects=f"notices/{meta['更正']}" if "更正" in meta else "",
        audiences=tuple(meta.get("适用对象", [])), file=doc.file, line=1, doc=doc, lifecycle=doc.lifecycle,
        index_line=loc.key_line_of(("索引号",)) if "索引号" in meta else loc.key_line_of(("标题",)),
        source_digest=doc.source_digest)


def _kept_notice(site: Site, doc, notices: NoticesModel) -> Notice | None:
    """_notice_from_document(); under make serve the Notice made at the last save while every input is the same
    (Site.made_reporting, its problems reported again): its file (`source_digest`: everything read from its name
    and text), the categories, the settings it falls back on (publisher, default 公示期), the holiday data its
    公示期 is counted with, its attachments' sizes and its lifecycle (the date). Handed over, it is the very
    object the last save's pages and records hold, so they are told unchanged by identity. It is never linked
    to another notice itself (_link_corrections links copies), so what it holds is what its inputs made."""
    if site.memo is None or not doc.source_digest:
        return _notice_from_document(site, doc, notices)
    holidays = site.text_read(site.data_dir / "holidays.yml")
    parts = (doc.source_digest, notices.categories, site.settings.get("机构名称", ""),
             site.settings.get("公示期工作日"), holidays, _attachment_sizes(site, doc), doc.lifecycle)
    return site.made_reporting(("notices: notice", doc.src_uri), parts,
                               lambda: _notice_from_document(site, doc, notices))


def _attachment_sizes(site: Site, doc) -> tuple:
    """What _notice_from_document reads of the attachments a notice names: where each resolves to and its size
    (None when it is not a file there)."""
    match = _NOTICE_URI.match(doc.src_uri)
    if match is None:
        return ()
    folder = site.content_dir / "notices" / match.group(1)
    sizes = []
    for item in doc.meta.get("附件", []):
        target = (folder / item["文件"]).resolve()
        sizes.append((str(target), target.stat().st_size if target.is_file() else None))
    return tuple(sizes)


def _link_corrections(site: Site, notices: dict[str, Notice], links: dict[str, str]) -> None:
    """Each correction (`links`: the correcting notice's id -> the corrected one's) set on both notices:
    `corrected` and `corrected_by`, newest last.

    The notices a load made stay as they were made (under make serve they are handed over from save to save,
    _kept_notice): the notices of a correction, the correcting ones and the one corrected, are copies linked
    here, put in their place in `notices`. Under make serve the copies of a group of linked notices are handed
    over again while the group's notices are the very objects and its links the same (a changed notice, or a
    changed link, makes the whole group anew, so no page shows a stale title of a linked notice). A notice
    another type publishes (a 阳光安置 stage) is made anew on every load and held by that type too: it is linked
    in place, and its group is made anew."""
    if not links:
        return
    groups: dict[str, list[str]] = {}  # the ids of each group of linked notices, by the group's first id
    leader: dict[str, str] = {}
    for source, target in sorted(links.items()):
        a, b = leader.get(source, source), leader.get(target, target)
        if a == b:
            continue
        first, second = min(a, b), max(a, b)
        merged = groups.pop(first, [first]) + groups.pop(second, [second])
        groups[first] = merged
        for member in merged:
            leader[member] = first
    for _leader, members in sorted(groups.items()):
        members.sort()
        made = tuple(notices[m] for m in members)
        group_links = tuple((m, links[m]) for m in members if m in links)

        def link(made=made, group_links=group_links) -> dict[str, Notice]:
            linked = {n.id: (dataclasses.replace(n, corrected_by=[], corrected=None) if n.source_digest else n)
                      for n in made}
            for source, target in group_links:
                linked[source].corrected = linked[target]
                linked[target].corrected_by.append(linked[source])
            for notice in linked.values():
                notice.corrected_by.sort(key=lambda n: (n.published, n.id))
            return linked

        if all(n.source_digest for n in made):
            linked = site.made_from(("notices: corrections", members[0]), (made, group_links), link)
        else:
            linked = link()
        for member in members:
            notices[member] = linked[member]


def _check_minimum_period(site: Site, notice: Notice) -> None:
    """A 公示期 shorter than its category's minimum (data/notices/categories.yml) is a warning."""
    minimum, period = notice.category.min_workdays, notice.period
    if not minimum or period is None:
        return
    try:
        days = site.calendar.workdays_between(period.start, period.end) + site.calendar.is_workday(period.start)
    except UnknownHolidayYear:
        return  # reported where the period was computed
    if days >= minimum:
        return
    line = notice.doc.located.key_line_of(("公示期",)) if notice.doc is not None else notice.line
    site.problems.warning(notice.file, line, "公示期",
                          f"公示期只有 {days} 个工作日（{period.start} 至 {period.end}），少于“{notice.category.name}”"
                          f"的最短公示期 {minimum} 个工作日（{notice.category.min_basis}）；请延长公示期"
                          f"（写“工作日: {minimum}”或更晚的“结束”日期），或在 data/{CATEGORIES_FILE} 中核对最短公示期")


class Notices(ContentType):
    name = "notices"
    label = KIND
    order = 40  # before placements (45), which registers its stage notices here
    content_prefixes = (PREFIX,)
    front_matter_schema = HERE / "notice.schema.json"

    def load(self, site: Site) -> None:
        notices = model(site)
        notices.categories = _load_categories(site)
        if site.memo is not None:  # the list handed out before while equal: notices keep their categories' objects
            notices.categories = site.memo.intern(("notices: categories",), notices.categories)
        for doc in site.editor_pages_under(PREFIX):
            notice = _kept_notice(site, doc, notices)
            if notice is not None:
                register_notice(site, notice)
        for doc in lifecycle.scheduled_pages(site, PREFIX):  # checked now, published at its release
            _notice_from_document(site, doc, notices)

    def check(self, site: Site) -> None:
        notices = model(site).notices
        links: dict[str, str] = {}  # id of a correcting notice -> id of the notice it corrects
        for notice in sorted(notices.values(), key=lambda n: n.id):
            if not notice.corrects:
                continue
            field_line = notice.doc.located.line_of(("更正",)) if notice.doc else notice.line
            target = notices.get(notice.corrects)
            if target is None and lifecycle.report_reference(site, notice.file, field_line, "更正",
                                                              f"{notice.corrects}/"):
                continue
            if target is None:
                site.problems.error(notice.file, field_line, "更正",
                                    f"找不到被更正的公告 content/{notice.corrects}.md")
            elif target is notice:
                site.problems.error(notice.file, field_line, "更正", "公告不能更正它自己")
            elif target.published >= notice.published:
                site.problems.error(notice.file, field_line, "更正",
                                    f"被更正的公告发布于 {target.published:%Y-%m-%d %H:%M}，不早于本更正公告；请检查发布时间")
            else:
                links[notice.id] = target.id
        _link_corrections(site, notices, links)
        for notice in sorted(notices.values(), key=lambda n: n.id):
            _check_minimum_period(site, notice)

    # -- pages -------------------------------------------------------------------------------------------

    def _list_pages(self, site: Site, renderer, category: Category | None, lists: dict, counts: dict):
        """One list (all notices, or one category), PAGE_SIZE notices a page: notices/, notices/page/2/ …
        `lists`: every list, newest first, by category (None: all), sorted once for all the lists' pages."""
        notices = model(site)
        chosen = lists[None if category is None else category.slug]
        base = "notices/" if category is None else category.url
        title = KIND if category is None else f"{KIND} · {category.name}"
        feed = MAIN_FEED if category is None else category.slug
        feed_title = f"{site.settings.get('网站名称', '')} · {title.split(' · ')[-1]}"
        # make serve: a row of the list is the very dict of the last save while its notice is the very object
        # (a notice's status is a function of it and the date, which the label names), so that a list page's
        # record finds its rows unchanged by identity instead of comparing each row's dict again
        today = site.today
        label = f"notices: list row {today.isoformat()}"

        def item(notice: Notice) -> dict:
            return {"notice": notice, "status": notice.status(today)}

        for page in list_pages(base, chosen, PAGE_SIZE):
            yield renderer.page(
                page.src_uri, title if page.number == 1 else f"{title}（第{page.number}页）", "notices/list.html",
                meta={"description": category.description if category else "安置公示、优抚公示、通知公告等，可按类别查看和订阅",
                      "feeds": [{"title": feed_title, "name": feed}], "search": {"list": True}},
                items=[site.derived(label, n, item) for n in page.items],
                categories=notices.categories, counts=counts, total=len(notices.notices), current=category,
                feed=feed, page_number=page.number, page_urls=page.urls)

    def pages(self, site: Site, renderer):
        notices = model(site)
        everything = notices.newest_first()
        # each category's list cut from the one sorted list (as newest_first(category) would sort it): the lists
        # and their counts are on every list page, sorting them again for each is work in proportion to the site
        lists: dict = {None: everything}
        for c in notices.categories:
            lists[c.slug] = [n for n in everything if n.category is c or n.category == c]
        counts = {c.slug: len(lists[c.slug]) for c in notices.categories}
        # make serve: the dict of the last save while equal, compared once here rather than on each list page
        if site.memo is not None:
            counts = site.memo.intern(("notices: counts",), counts)
        yield from self._list_pages(site, renderer, None, lists, counts)
        for category in notices.categories:
            yield from self._list_pages(site, renderer, category, lists, counts)
        for notice in everything:
            if notice.doc is not None:
                continue  # Markdown notices are pages of their own; document_html() frames them
            doc = document_of(site, notice.id, lambda notice=notice: notice_document(site, notice))
            yield renderer.page(notice.src_uri, notice.title, "notices/generated.html",
                                meta={"description": notice.summary} if notice.summary else {},
                                doc=doc, notice=notice, status=notice.status(site.today),
                                body_html=renderer.body_html(doc.body, notice.url),
                                appendix_html=renderer.body_html(doc.appendix, notice.url))

    def document_html(self, site: Site, page, renderer):
        notice = model(site).notices.get(page.src_uri[: -len(".md")])
        if notice is None:
            return "", ""
        from_url = page_url(page.src_uri)
        status = notice.status(site.today)
        doc = document_of(site, notice.id, lambda: notice_document(site, notice))

        def frame():
            return (renderer.render("notices/header.html", from_url, doc=doc, notice=notice, status=status),
                    renderer.render("notices/footer.html", from_url, doc=doc, notice=notice,
                                    appendix_html=renderer.body_html(doc.appendix, from_url)))

        # make serve: rendered again only when the notice's document or status changed
        return site.renders("notices: frame", (from_url, doc, status), frame, place=from_url)

    # -- what other parts of the site read ------------------------------------------------------------

    def feed_channels(self, site: Site):
        yield FeedChannel(name=MAIN_FEED, title=f"{site.settings.get('网站名称', '')} · 公示公告",
                          description="本局发布的全部公示公告，包括安置公示、优抚公示、通知公告等。",
                          url="notices/", group=KIND, order=10)
        for i, category in enumerate(model(site).categories):
            yield FeedChannel(name=category.slug, title=f"{site.settings.get('网站名称', '')} · {category.name}",
                              description=category.description, url=category.url, group=KIND, order=11 + i)

    def documents(self, site: Site):
        for notice in model(site).newest_first():
            yield _recorded_document(site, notice)


def _recorded_document(site: Site, notice: Notice) -> Document:
    """notice_document(), made again under make serve only when one of its inputs changed (Site.document_from):
    its own file (everything made of its text alone), and what comes from elsewhere: its category (the categories
    file), the publisher (data/site.yml when the notice names none), its 公示期 (the holiday data, the default
    number of working days), its attachments' sizes, its corrections and the notice it corrects (their titles,
    addresses and times) and its lifecycle (the date). A notice another type publishes has no file of its own:
    made every time."""
    if notice.doc is None or not getattr(notice.doc, "source_digest", ""):
        return notice_document(site, notice)
    corrected = notice.corrected
    parts = (notice.doc.source_digest, notice.category, notice.publisher, notice.period, notice.attachments,
             tuple((c.published, c.title, c.url) for c in notice.corrected_by),
             None if corrected is None else (corrected.title, corrected.url), notice.lifecycle)
    return site.document_from(notice.id, parts, lambda: notice_document(site, notice))


def notice_document(site: Site, notice: Notice) -> Document:
    """A notice as a Document: the one mapping every output of a notice (page header, catalogue row, feed item,
    search facts, home update) is made from."""
    updates = []
    if notice.changed:
        updates.append((notice.changed, notice.change_note))
    updates.extend((c.published, f"已由《{c.title}》更正") for c in notice.corrected_by)
    updated, note = max(updates, key=lambda u: u[0]) if updates else (None, "")
    extra = [Fact("类别", notice.category.name, url=notice.category.url)]
    if notice.period is not None:
        period = notice.period
        days = f"（{period.workdays}个工作日）" if period.workdays else ""
        extra.append(Fact("公示期", f"{period.start.year}年{period.start.month}月{period.start.day}日至"
                                    f"{period.end.year}年{period.end.month}月{period.end.day}日{days}"))
    related = [Related("更正公告", c.title, c.url) for c in notice.corrected_by]
    if notice.corrected is not None:
        related.append(Related("被更正的公告", notice.corrected.title, notice.corrected.url))
    appendix = None
    if notice.phones or notice.contact:
        appendix = Body(template="notices/_contacts.html",
                        context=(("phones", tuple((p["单位"], p["电话"]) for p in notice.phones)),
                                 ("contact", notice.contact)))
    return Document(
        id=notice.id, kind=KIND, title=notice.title, url=notice.url, published=When.of(notice.published),
        index_no=notice.index_no, publisher=notice.publisher, audiences=notice.audiences,
        updated=When.of(updated) if updated else None, update_note=note, attachments=notice.attachments,
        sample=notice.sample, summary=notice.summary, body=notice.body, appendix=appendix,
        related=tuple(related), extra=tuple(extra), catalogue=notice.category.catalogue_category,
        feeds=(MAIN_FEED, notice.category.slug), categories=(notice.category.name,),
        file=notice.file, line=notice.index_line, lifecycle=notice.lifecycle)


CONTENT_TYPE = Notices()
