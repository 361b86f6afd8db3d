"""网站巡检: what an inspection of a government website checks (国办秘函〔2019〕19号 and the checklists built on it),
checked by every build and by `make check`.

Two kinds of rule:
- Rules on what the public must never see (placeholder text, links to sites off the allow-list in data/site.yml
  外部链接白名单): errors with `文件:行`. The build also looks at every page and feed it writes (govsite/guard/placeholders.py, called
  by the adapter) and stops on anything found there.
- Rules on the site's upkeep (home page new within 14 days, no empty column, columns within their update
  cycle, the annual report on time, 解读 published with its 重要政策): results with their source, for the bureau
  and not the public: printed as warnings by `make check`, written to the publish log (`report_lines`) and shown
  on the 合规检查 page of `make serve` and `make preview` (types/xxgk). They do not stop a build: publishing is how
  a stale site is mended.

Dates are the build date (site.today, GOVSITE_TODAY in tests), never the clock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ...dates import UnknownHolidayYear
from ...document import all_documents
from ...guard import placeholders as scan
from ...model import ContentType, Site
from ...problems import InputError
from ..home import home_updates
from ..sitemap import read_config

HOME_DAYS = 14
DEFAULT_INTERPRETATION_WORKDAYS = 3


@dataclass(frozen=True)
class Column:
    """A column of the site as an inspector counts it: its items are the home page's documents of these kinds."""
    name: str
    url: str
    kinds: tuple[str, ...]
    cycle_days: int = 0  # longest time allowed without a new item (0: no cycle)
    cycle_label: str = ""


# 动态类栏目 2 weeks; 通知公告、政策文件 6 months (inspection practice behind 国办秘函〔2019〕19号).
COLUMNS = (
    Column("政策文件", "xxgk/zcwj/", ("政策文件",), 183, "6个月"),
    Column("政策解读", "xxgk/zcjd/", ("政策解读",)),
    Column("公示公告", "notices/", ("公示公告",), 183, "6个月"),
    Column("普法活动", "pufa/news/", ("普法活动",), HOME_DAYS, "2周"),
    Column("以案释法", "pufa/anli/", ("以案释法",)),
    Column("法治政府建设", "pufa/fzzf/", ("法治政府建设年度报告",)),
    Column("年度报告", "xxgk/ndbg/", ("年度报告",)),
    Column("政策问答", "qa/", ("政策问答",)),
)


@dataclass
class Finding:
    """One thing a rule found, where it is when a file says it (file "" when the whole site is meant)."""
    message: str
    file: str = ""
    line: int = 0
    url: str = ""  # the page concerned, site-relative

    def format(self) -> str:
        where = f"{self.file}:{self.line} " if self.file and self.line else (f"{self.file} " if self.file else "")
        return where + self.message


@dataclass
class Result:
    name: str  # 检查项目
    source: str  # 依据
    passed: bool
    summary: str  # 结果, one sentence
    findings: list[Finding] = field(default_factory=list)
    stops_build: bool = False  # an error: the site is never published with it

    @property
    def status(self) -> str:
        return "通过" if self.passed else ("不通过（停止构建）" if self.stops_build else "不通过")


@dataclass
class InspectionModel:
    results: list[Result] = field(default_factory=list)
    allow: frozenset[str] = frozenset()
    scanned_files: int = 0

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.passed]


def report_lines(site: Site) -> list[str]:
    """One line per finding of a failed upkeep rule (or the rule's summary when it names none), with the rule's
    source: what `make check` prints as warnings and the publish log records. Rules that stop the build are
    reported as errors where they stop it."""
    model: InspectionModel | None = site.models.get("inspection")
    lines = []
    for result in (model.failed if model else []):
        if result.stops_build:
            continue
        for finding in result.findings or [None]:
            detail = finding.format() if finding else result.summary
            lines.append(f"巡检·{result.name}: {detail}（{result.source.split('（')[0]}）")
    return lines


def allowed_hosts(site: Site) -> frozenset[str]:
    """The allow-list and the site's own host (from MkDocs under a build, from mkdocs.yml under make check)."""
    hosts = {h.lower() for h in site.settings.get("外部链接白名单", [])}
    own = urlsplit(site.site_url or str(read_config(site.root).get("site_url") or "")).hostname
    if own:
        hosts.add(own.lower())
    return frozenset(hosts)


def _source_files(site: Site) -> list[Path]:
    files = [p for p in site.listing(site.data_dir) if p.suffix in (".yml", ".yaml") and site.is_file(p)]
    files += [p for p in site.listing(site.content_dir) if p.name.endswith(".md") and site.is_file(p)]
    return files


def _text(site: Site, path: Path) -> str | None:
    try:
        return site.read_text(path)
    except InputError:
        return None  # reported by whoever loads the file


def scan_sources(site: Site, model: InspectionModel) -> tuple[list[Finding], list[Finding]]:
    """Placeholder text and links off the allow-list in editors' files, by line (YAML comments are not public)."""
    placeholders: list[Finding] = []
    links: list[Finding] = []
    for path in _source_files(site):
        text = _text(site, path)
        if text is None:
            continue
        model.scanned_files += 1
        markdown = path.suffix == ".md"
        # make serve: what a text holds is looked for once (an unchanged file's text is the str read before);
        # the allow-list, which data/site.yml changes, is applied on every save
        found = site.derived(_MARKDOWN_LINES if markdown else _YAML_LINES, text,
                             _markdown_clues if markdown else _yaml_clues)
        if not found:
            continue  # nearly every file: nothing in it
        file = path.relative_to(site.root).as_posix()
        for number, is_link, value in found:
            if not is_link:
                placeholders.append(Finding(f"占位文字“{value}”：请换成正式内容，或删去这一句", file, number))
            elif not scan.allowed(value, model.allow):
                links.append(Finding(f"链接到 {value}，不在 data/site.yml 外部链接白名单中：核实该网站可靠后"
                                     "把它加入白名单，或删去链接", file, number))
    return placeholders, links


_MARKDOWN_LINES, _YAML_LINES = "inspection: clues of a page", "inspection: clues of a YAML file"


def _clues(text: str, markdown: bool) -> tuple[tuple[int, bool, str], ...]:
    """(line, False, placeholder) for each placeholder and (line, True, host) for each link's host, in the order
    of the text, in what the public reads of it (not YAML comments): a function of the text and its kind alone."""
    if not scan.placeholders(text) and "//" not in text:
        return ()  # nearly every file: nothing to look at line by line
    found: list[tuple[int, bool, str]] = []
    in_front = False
    for number, line in enumerate(text.split("\n"), start=1):
        if markdown and line.strip() == "---" and (number == 1 or in_front):
            in_front = number == 1
            continue
        visible = scan.yaml_line(line) if (not markdown or in_front) else line
        found += [(number, False, placeholder) for placeholder in scan.placeholders(visible)]
        found += [(number, True, match.group(1).lower()) for match in scan.URL.finditer(visible)]
    return tuple(found)


def _markdown_clues(text: str) -> tuple:
    return _clues(text, True)


def _yaml_clues(text: str) -> tuple:
    return _clues(text, False)


def _days(site: Site, day: dt.date) -> int:
    return (site.today - day).days


class Inspection(ContentType):
    name = "inspection"
    label = "网站巡检"
    order = 960  # after every type that loads data: its check reads all of them

    def load(self, site: Site) -> None:
        model = InspectionModel(allow=allowed_hosts(site))
        site.models[self.name] = model
        placeholders, links = scan_sources(site, model)
        for f in placeholders + links:
            site.problems.error(f.file, f.line, "", f.message)
        model.results += [
            Result("无占位文字", "国办秘函〔2019〕19号（内容不准确、不完整）", not placeholders,
                   f"检查 {model.scanned_files} 个数据和页面文件" + (f"，发现 {len(placeholders)} 处" if placeholders else "，未发现")
                   + "；构建时还逐页检查全部页面和订阅文件，发现即停止构建", placeholders, stops_build=True),
            Result("外部链接只指向白名单中的网站", "政府网站发展指引（国办发〔2017〕47号）：链接管理", not links,
                   f"白名单 {len(model.allow)} 个网站（data/site.yml 外部链接白名单）"
                   + (f"，发现 {len(links)} 处名单以外的链接" if links else "，数据和页面文件中没有名单以外的链接")
                   + "；构建时还逐页检查全部链接，发现即停止构建", links, stops_build=True),
        ]

    def check(self, site: Site) -> None:
        model: InspectionModel = site.models[self.name]
        # newest first: what the home page lists, and every document (a column holds all of its kind)
        home = [doc for doc in home_updates(site) if doc.published.day <= site.today]
        documents = [doc for doc in all_documents(site) if doc.published.day <= site.today]
        model.results[:0] = [self._home(site, home), self._empty_columns(site, documents),
                             self._cycles(site, documents)]
        model.results += [self._annual_report(site), self._interpretations(site)]

    # -- the rules ------------------------------------------------------------------------------------------
    def _home(self, site: Site, updates) -> Result:
        name, source = "首页两周内有更新", "国办秘函〔2019〕19号（单项否决：首页栏目信息超过2周未更新）"
        if not updates:
            return Result(name, source, False, "首页没有任何内容", [Finding("首页没有任何内容")])
        newest = updates[0]
        days = _days(site, newest.published.day)
        summary = f"最新一条为 {newest.published.day.isoformat()}“{newest.title}”，距检查日 {days} 天（不超过 {HOME_DAYS} 天）"
        findings = [] if days <= HOME_DAYS else [Finding(f"首页已 {days} 天没有新内容（最新一条 {newest.published.day.isoformat()}），"
                                                          f"超过 {HOME_DAYS} 天即单项否决", url="")]
        return Result(name, source, not findings, summary, findings)

    def _columns(self, site: Site, updates) -> list[tuple[str, str, list]]:
        """(name, url, its updates newest first) of every column, 公示公告's categories included."""
        out = [(c.name, c.url, [u for u in updates if u.kind in c.kinds]) for c in COLUMNS]
        notices = site.models.get("notices")
        if notices is not None:
            for category in notices.categories:
                items = [n for n in notices.newest_first(category) if n.published.date() <= site.today]
                out.append((f"公示公告 · {category.name}", category.url, items))
        laws = site.models.get("laws")
        if laws is not None:
            out.append(("法律法规", "laws/", list(laws.laws)))
        services = site.models.get("services")
        if services is not None:
            out.append(("办事指南", "services/guides/", list(services.guides)))
        return out

    def _empty_columns(self, site: Site, updates) -> Result:
        columns = self._columns(site, updates)
        empty = [Finding(f"栏目“{name}”没有任何内容：请发布内容，或在导航中撤下该栏目", url=url)
                 for name, url, items in columns if not items]
        summary = (f"检查 {len(columns)} 个栏目，" + ("均有内容" if not empty else
                   "空白栏目：" + "、".join(f.message.split("”")[0].lstrip("栏目“") for f in empty)))
        return Result("没有空白栏目", "国办秘函〔2019〕19号（空白栏目数量超过5个即单项否决）", not empty, summary, empty)

    def _cycles(self, site: Site, updates) -> Result:
        parts, findings = [], []
        for column in COLUMNS:
            if not column.cycle_days:
                continue
            items = [u for u in updates if u.kind in column.kinds]
            if not items:
                continue  # an empty column is the rule above
            newest = items[0].published.day
            days = _days(site, newest)
            parts.append(f"{column.name} {newest.isoformat()}（{days} 天，周期{column.cycle_label}）")
            if days > column.cycle_days:
                findings.append(Finding(f"栏目“{column.name}”已 {days} 天没有更新（最新一条 {newest.isoformat()}），"
                                        f"超过更新周期{column.cycle_label}", url=column.url))
        return Result("栏目按周期更新", "国办秘函〔2019〕19号（动态类栏目2周、通知公告和政策文件类栏目6个月未更新的，"
                      "计为不更新栏目；超过5个即单项否决）", not findings, "；".join(parts), findings)

    def _annual_report(self, site: Site) -> Result:
        name, source = "上一年度报告按时公布", "条例第四十九条（每年1月31日前公布上一年度政府信息公开工作年度报告）"
        model = site.models.get("annualreports")
        year = site.today.year - 1
        due = dt.date(site.today.year, 1, 31)
        if site.today <= due:  # this year's deadline has not come yet: the year before must be there
            year, due = year - 1, dt.date(site.today.year - 1, 1, 31)
        reports = {r.year: r for r in (model.reports if model else [])}
        report = reports.get(year)
        if report is None:
            return Result(name, source, False, f"{year} 年度报告应于 {due.isoformat()} 前公布，尚未公布",
                          [Finding(f"缺少 {year} 年度政府信息公开工作年度报告（应于 {due.isoformat()} 前公布）",
                                   "data/xxgk/annual-reports")])
        on_time = report.published <= due
        summary = f"{year} 年度报告于 {report.published.isoformat()} 公布（期限 {due.isoformat()}）"
        findings = [] if on_time else [Finding(f"{year} 年度报告于 {report.published.isoformat()} 公布，晚于 {due.isoformat()}",
                                               report.file, report.line("发布日期"), report.url)]
        return Result(name, source, on_time, summary, findings)

    def _interpretations(self, site: Site) -> Result:
        limit = site.settings.get("政策解读同步工作日", DEFAULT_INTERPRETATION_WORKDAYS)
        name = "重要政策与解读同步发布"
        source = f"国办发〔2016〕80号等：重要政策文件与解读材料同步发布（本站要求 {limit} 个工作日内，data/site.yml 政策解读同步工作日）"
        policies = site.models.get("policies")
        important = [p for p in (policies.policies if policies else []) if p.meta.get("重要政策")]
        findings = []
        for p in important:
            line = p.located.line_of(("重要政策",))
            if not p.interpretations:
                findings.append(Finding(f"重要政策《{p.title}》没有解读", p.file, line, p.url))
                continue
            first = min(i.published for i in p.interpretations)
            try:
                taken = site.calendar.workdays_between(p.published, first)
            except UnknownHolidayYear as exc:
                findings.append(Finding(exc.chinese(), p.file, line, p.url))
                continue
            if first < p.published or taken > limit:
                findings.append(Finding(f"重要政策《{p.title}》{p.published.isoformat()} 发布，解读 {first.isoformat()} 才发布"
                                        f"（{taken} 个工作日，应不超过 {limit} 个）", p.file, line, p.url))
        summary = f"{len(important)} 件重要政策文件，" + ("解读均同步发布" if not findings else f"{len(findings)} 件未同步发布解读")
        return Result(name, source, not findings, summary, findings)


CONTENT_TYPE = Inspection()
