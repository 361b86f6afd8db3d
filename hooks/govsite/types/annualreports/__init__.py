"""政府信息公开工作年度报告 (条例第四十九条、第五十条), one YAML per year in data/xxgk/annual-reports/.

Rendered in the national format of 国办公开办函〔2021〕30号. The build checks the arithmetic the format
implies (every 总计, and 第一项加第二项之和等于第三项加第四项之和 in every column), that 上年结转 equals the
previous report's 结转下年度继续办理, the 行政规范性文件 counts against data/policies/, and Art. 49's
deadline (1月31日 of the following year).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ... import lifecycle
from ...build import load_yaml_checked
from ...document import Body, Document, Fact, When, zh_day
from ...model import ContentType, Site
from ...yamlfile import Located

SCHEMA = Path(__file__).with_name("annual-report.schema.json")
URL = "xxgk/ndbg/"
DATA_DIR = ("xxgk", "annual-reports")

# ---- the national format (国办公开办函〔2021〕30号) -------------------------------------------------------
SECTION2 = (  # (heading, columns, rows)
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "行政规范性文件")),
    ("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",)),
    ("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
    ("第二十条第（八）项", ("本年收费金额",), ("行政事业性收费",)),
)
SECTION2_HEADERS = {"本年收费金额": "本年收费金额（单位：万元）"}
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
COLUMNS3 = APPLICANTS + ("总计",)
# Section 三's result groups: key, label, [(item key, official label)]
GROUPS = (
    ("不予公开", "（三）不予公开", (
        ("属于国家秘密", "1.属于国家秘密"),
        ("其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开"),
        ("危及三安全一稳定", "3.危及“三安全一稳定”"),
        ("保护第三方合法权益", "4.保护第三方合法权益"),
        ("属于三类内部事务信息", "5.属于三类内部事务信息"),
        ("属于四类过程性信息", "6.属于四类过程性信息"),
        ("属于行政执法案卷", "7.属于行政执法案卷"),
        ("属于行政查询事项", "8.属于行政查询事项"))),
    ("无法提供", "（四）无法提供", (
        ("本机关不掌握相关政府信息", "1.本机关不掌握相关政府信息"),
        ("没有现成信息需要另行制作", "2.没有现成信息需要另行制作"),
        ("补正后申请内容仍不明确", "3.补正后申请内容仍不明确"))),
    ("不予处理", "（五）不予处理", (
        ("信访举报投诉类申请", "1.信访举报投诉类申请"),
        ("重复申请", "2.重复申请"),
        ("要求提供公开出版物", "3.要求提供公开出版物"),
        ("无正当理由大量反复申请", "4.无正当理由大量反复申请"),
        ("要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新出具已获取信息"))),
    ("其他处理", "（六）其他处理", (
        ("逾期不补正", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("逾期未缴纳费用", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("其他", "3.其他"))),
)
# Every row of section 三 in print order: (path inside 依申请公开, label, kind) — kind: row / heading / group
SECTION3_ROWS: list[tuple[tuple[str, ...], str, str]] = [
    (("本年新收",), "一、本年新收政府信息公开申请数量", "row"),
    (("上年结转",), "二、上年结转政府信息公开申请数量", "row"),
    ((), "三、本年度办理结果", "heading"),
    (("予以公开",), "（一）予以公开", "row"),
    (("部分公开",), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "row"),
]
for _key, _label, _items in GROUPS:
    for _i, (_item, _item_label) in enumerate(_items):
        SECTION3_ROWS.append(((_key, _item), _item_label, "group-first" if _i == 0 else "group"))
SECTION3_ROWS += [
    (("总计",), "（七）总计", "row"),
    (("结转下年度继续办理",), "四、结转下年度继续办理", "row"),
]
GROUP_LABELS = {key: (label, len(items)) for key, label, items in GROUPS}
RESULT_PATHS = [p for p, _l, kind in SECTION3_ROWS if kind != "heading" and p[0] in
                ("予以公开", "部分公开") + tuple(GROUP_LABELS)]  # the parts of （七）总计
REVIEW_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
REVIEW_PARTS = ("结果维持", "结果纠正", "其他结果", "尚未审结")
REVIEW_COLUMNS = REVIEW_PARTS + ("总计",)
SECTION3_KEY = "依申请公开"
SECTION4_KEY = "行政复议和行政诉讼"


def deadline(year: int) -> dt.date:
    """条例第四十九条: the report for `year` is due by 1月31日 of the following year."""
    return dt.date(year + 1, 1, 31)


@dataclass
class AnnualReport:
    year: int
    file: str
    located: Located
    meta: dict
    title: str
    published: dt.date
    sections: dict[str, Body] = field(default_factory=dict)  # text sections (Markdown)
    lifecycle: lifecycle.Lifecycle | None = None  # shown ahead of its release (make serve, previews)

    @property
    def url(self) -> str:
        return f"{URL}{self.year}/"

    @property
    def due(self) -> dt.date:
        return deadline(self.year)

    @property
    def on_time(self) -> bool:
        return self.published <= self.due

    def cell(self, *path) -> int | float:
        value = self.meta
        for key in path:
            value = value[key]
        return value

    def line(self, *path) -> int:
        return self.located.line_of(path)

    def requests_total(self) -> int:
        return self.cell(SECTION3_KEY, "本年新收", "总计")

    def reviews_total(self) -> int:
        return sum(self.cell(SECTION4_KEY, g, "总计") for g in REVIEW_GROUPS)


@dataclass
class AnnualReportModel:
    reports: list[AnnualReport] = field(default_factory=list)  # newest first
    missing: list[int] = field(default_factory=list)  # years whose report is overdue
    next_due: tuple[int, dt.date] | None = None
    checked: dict[str, int] = field(default_factory=dict)


def _fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def check_arithmetic(report: AnnualReport, problems) -> int:
    """Report every sum that does not hold, naming the cell; return how many sums were checked."""
    checks = 0
    file = report.file

    def fail(path: tuple, message: str) -> None:
        problems.error(file, report.line(*path), ".".join(path), message)

    # Row totals: 总计 = 自然人 + the five kinds of 法人或其他组织.
    for path, _label, kind in SECTION3_ROWS:
        if kind == "heading":
            continue
        row = report.cell(SECTION3_KEY, *path)
        expected = sum(row[c] for c in APPLICANTS)
        checks += 1
        if row["总计"] != expected:
            parts = " + ".join(f"{c} {row[c]}" for c in APPLICANTS)
            fail((SECTION3_KEY, *path, "总计"), f"总计填报为 {row['总计']}，但 {parts} = {expected}")
    for column in COLUMNS3:
        # （七）总计 = （一） + （二） + every numbered item of （三）…（六）.
        values = [report.cell(SECTION3_KEY, *p, column) for p in RESULT_PATHS]
        total = report.cell(SECTION3_KEY, "总计", column)
        checks += 1
        if total != sum(values):
            fail((SECTION3_KEY, "总计", column),
                 f"（七）总计的“{column}”列填报为 {total}，但（一）至（六）各项之和为 {sum(values)}")
        # 勾稽关系: 第一项加第二项之和，等于第三项加第四项之和.
        received = report.cell(SECTION3_KEY, "本年新收", column)
        carried_in = report.cell(SECTION3_KEY, "上年结转", column)
        carried_out = report.cell(SECTION3_KEY, "结转下年度继续办理", column)
        checks += 1
        if received + carried_in != total + carried_out:
            fail((SECTION3_KEY, "结转下年度继续办理", column),
                 f"“{column}”列勾稽关系不成立：本年新收 {received} + 上年结转 {carried_in} = {received + carried_in}，"
                 f"而办理结果总计 {total} + 结转下年度继续办理 {carried_out} = {total + carried_out}")
    for group in REVIEW_GROUPS:
        row = report.cell(SECTION4_KEY, group)
        expected = sum(row[c] for c in REVIEW_PARTS)
        checks += 1
        if row["总计"] != expected:
            parts = " + ".join(f"{c} {row[c]}" for c in REVIEW_PARTS)
            fail((SECTION4_KEY, group, "总计"), f"总计填报为 {row['总计']}，但 {parts} = {expected}")
    return checks


def normative_counts(policies, year: int) -> dict[str, list]:
    """行政规范性文件 in the policy data: made in `year`, no longer in effect from a day in `year`, in effect on 12-31."""
    year_end = dt.date(year, 12, 31)
    normative = sorted((p for p in policies if p.normative), key=lambda p: (p.formed, p.id))
    return {
        "本年制发件数": [p for p in normative if p.formed.year == year],
        "本年废止件数": [p for p in normative if p.ended is not None and p.ended.year == year],
        "现行有效件数": [p for p in normative if p.in_effect_on(year_end)],
    }


class AnnualReports(ContentType):
    name = "annualreports"
    label = "政府信息公开工作年度报告"
    order = 40  # after policies: the 行政规范性文件 counts are checked against them

    def load(self, site: Site) -> None:
        model = AnnualReportModel()
        site.models[self.name] = model
        folder = site.data_dir.joinpath(*DATA_DIR)
        files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
        by_year: dict[int, AnnualReport] = {}
        for path in files:
            located = load_yaml_checked(site, path, SCHEMA)
            if located is None:
                continue
            meta = located.data
            year = meta["年度"]
            if path.stem != str(year):
                site.problems.error(located.file, located.line_of(("年度",)), "年度",
                                    f"年度 {year} 与文件名 {path.name} 不一致；文件应命名为 {year}.yml")
                continue
            if year in by_year:
                continue  # impossible with year == file name; kept for safety
            org = site.settings.get("机构名称", "").replace("（示例）", "")
            title = meta.get("标题") or f"{org}{year}年政府信息公开工作年度报告"
            report = AnnualReport(year=year, file=located.file, located=located, meta=meta, title=title,
                                  published=dt.date.fromisoformat(meta["发布日期"]))
            if report.published.year <= year:
                site.problems.error(report.file, report.line("发布日期"), "发布日期",
                                    f"{year} 年度的报告应在该年度结束后公布，发布日期 {meta['发布日期']} 不对")
                continue
            model.checked["算术校验"] = model.checked.get("算术校验", 0) + check_arithmetic(report, site.problems)
            for key in ("总体情况", "存在的主要问题及改进情况", "其他需要报告的事项"):
                report.sections[key] = Body(markdown=meta[key], base=report.url, file=located.file,
                                            line=located.text_line_of((key,)))
            admission = lifecycle.admit(site, located, kind="年度报告", title=title, url=report.url,
                                         published=report.published, index_no=meta.get("索引号", ""),
                                         index_line=report.line("索引号"), catalogue=True)
            if not admission:
                continue  # a draft, scheduled for later or withdrawn: not in the site
            report.lifecycle = admission.lifecycle
            by_year[year] = report
        model.reports = [by_year[y] for y in sorted(by_year, reverse=True)]
        model.checked["年度报告"] = len(model.reports)
        self._check_carry_over(site, by_year)
        self._check_deadlines(site, model, by_year)

    def _check_carry_over(self, site: Site, by_year: dict[int, AnnualReport]) -> None:
        for year, report in sorted(by_year.items()):
            previous = by_year.get(year - 1)
            if previous is None:
                continue
            for column in COLUMNS3:
                now = report.cell(SECTION3_KEY, "上年结转", column)
                before = previous.cell(SECTION3_KEY, "结转下年度继续办理", column)
                if now != before:
                    site.problems.error(report.file, report.line(SECTION3_KEY, "上年结转", column),
                                        f"{SECTION3_KEY}.上年结转.{column}",
                                        f"上年结转填报为 {now}，但 {previous.file} 中 {year - 1} 年度的"
                                        f"结转下年度继续办理为 {before}")

    def _check_deadlines(self, site: Site, model: AnnualReportModel, by_year: dict[int, AnnualReport]) -> None:
        last_due_year = site.today.year - 1 if site.today > deadline(site.today.year - 1) else site.today.year - 2
        first = min(by_year, default=last_due_year)
        folder = "/".join(("data",) + DATA_DIR)
        for year in range(first, last_due_year + 1):
            if year not in by_year:
                model.missing.append(year)
                site.problems.warning(folder, 0, "",
                                      f"缺少 {year} 年度政府信息公开工作年度报告：按条例第四十九条应于 "
                                      f"{deadline(year).isoformat()} 前公布（请添加 {folder}/{year}.yml）")
        for report in by_year.values():
            if not report.on_time:
                site.problems.warning(report.file, report.line("发布日期"), "发布日期",
                                      f"{report.year} 年度报告于 {report.meta['发布日期']} 公布，晚于条例第四十九条规定的 "
                                      f"{report.due.isoformat()}")
        upcoming = max(last_due_year + 1, max(by_year, default=0) + 1)
        model.next_due = (upcoming, deadline(upcoming))

    def check(self, site: Site) -> None:
        policies = site.models.get("policies")
        model: AnnualReportModel = site.models[self.name]
        issued = list(policies.policies) + list(policies.issued_unlisted) if policies is not None else []
        if not any(p.normative for p in issued):
            return
        first_year = min(p.formed.year for p in issued if p.normative)
        checked = 0
        for report in model.reports:
            if report.year < first_year:
                continue  # the policy data starts later: nothing to compare with
            counts = normative_counts(issued, report.year)
            for column, docs in counts.items():
                checked += 1
                reported = report.cell("主动公开", "行政规范性文件", column)
                if reported != len(docs):
                    listed = "、".join(p.meta.get("发文字号") or p.id for p in docs) or "无"
                    site.problems.error(report.file, report.line("主动公开", "行政规范性文件", column),
                                        f"主动公开.行政规范性文件.{column}",
                                        f"填报为 {reported}，但本站政策文件数据中为 {len(docs)} 件（{listed}）")
        model.checked["规范性文件核对"] = checked

    # ---- output ------------------------------------------------------------------------------------
    def pages(self, site: Site, renderer):
        model: AnnualReportModel = site.models[self.name]
        chart = trend_chart(model.reports)
        yield renderer.page(URL + "index.md", "政府信息公开工作年度报告", "annualreports/list.html",
                            meta={"description": "本局历年政府信息公开工作年度报告", "search": {"list": True}},
                            toc=[(2, "reports", "历年报告"), (2, "trend", "历年数据趋势")],
                            model=model, chart=chart)
        for report in model.reports:
            yield renderer.page(report.url + "index.md", report_document(site, report).shown_title,
                                "annualreports/report.html",
                                meta={"description": f"{report.year}年政府信息公开工作年度报告", "hide": ["toc"]},
                                toc=[(2, "s1", "一、总体情况"), (2, "s2", "二、主动公开政府信息情况"),
                                     (2, "s3", "三、收到和处理政府信息公开申请情况"),
                                     (2, "s4", "四、政府信息公开行政复议、行政诉讼情况"),
                                     (2, "s5", "五、存在的主要问题及改进情况"), (2, "s6", "六、其他需要报告的事项")],
                                report=report, doc=report_document(site, report),
                                sections={k: renderer.body_html(b, report.url) for k, b in report.sections.items()},
                                section2=SECTION2, section2_headers=SECTION2_HEADERS,
                                section3_rows=SECTION3_ROWS, group_labels=GROUP_LABELS, applicants=APPLICANTS,
                                review_groups=REVIEW_GROUPS, review_columns=REVIEW_COLUMNS, fmt=_fmt)

    def documents(self, site: Site):
        """Each report as a document (catalogue 工作报告, the site-wide feed, search, the home page)."""
        for report in site.models[self.name].reports:
            yield report_document(site, report)


def report_document(site: Site, report: AnnualReport) -> Document:
    """An annual report as a Document: its page header, catalogue row, feed item and search facts come from this."""
    timing = "按时公布" if report.on_time else "逾期公布"
    return Document(
        id=f"annual-reports/{report.year}", kind="年度报告", title=report.title, url=report.url,
        published=When(report.published), index_no=report.meta.get("索引号", ""),
        publisher=site.settings.get("机构名称", ""), topic="政务公开",
        summary=f"本局{report.year}年政府信息公开工作情况、收到和处理政府信息公开申请情况、"
                "行政复议和行政诉讼情况及存在的问题和改进措施。",
        extra=(Fact("法定期限", f"{zh_day(report.due)}前（条例第四十九条），{timing}"),),
        sample=bool(report.meta.get("示例")), catalogue="工作报告", file=report.file, line=report.line("索引号"),
        sample_note="本报告是演示网站虚构的示例，数据不反映任何真实机关的情况。", lifecycle=report.lifecycle)


CHART_SERIES = (
    ("requests", "本年新收政府信息公开申请（件）"),
    ("normative", "本年制发行政规范性文件（件）"),
    ("reviews", "行政复议和行政诉讼（件）"),
)


def trend_chart(reports: list[AnnualReport]) -> dict | None:
    """Geometry of a grouped bar chart (one group per year), drawn by annualreports/chart.svg.html."""
    if not reports:
        return None
    years = sorted(reports, key=lambda r: r.year)
    values = [{"requests": r.requests_total(), "normative": r.cell("主动公开", "行政规范性文件", "本年制发件数"),
               "reviews": r.reviews_total()} for r in years]
    top = max([v for row in values for v in row.values()] + [1])
    step = next(m * 10 ** k for k in range(12) for m in (1, 2, 5) if top / (m * 10 ** k) <= 6)  # ≤ 6 gridlines
    top = -(-top // step) * step  # round the axis up to a whole step
    plot_left, plot_top, plot_height, bar, gap = 48, 18, 180, 24, 4
    group_width = len(CHART_SERIES) * bar + (len(CHART_SERIES) - 1) * gap
    # The chart is drawn at its natural size (never scaled down, so its labels keep their size on a phone): two
    # years fit a 375 px screen; more years scroll sideways inside the figure.
    slot = group_width + 56
    width = plot_left + len(years) * slot + 8
    groups = []
    for i, (report, row) in enumerate(zip(years, values)):
        x0 = round(plot_left + i * slot + (slot - group_width) / 2, 1)
        bars = []
        for j, (key, label) in enumerate(CHART_SERIES):
            h = round(row[key] / top * plot_height, 1)
            bars.append({"key": key, "label": label, "value": row[key], "x": x0 + j * (bar + gap),
                         "y": round(plot_top + plot_height - h, 1), "height": h, "width": bar})
        groups.append({"year": report.year, "x": x0, "center": x0 + group_width / 2, "bars": bars})
    ticks = [{"value": v, "y": round(plot_top + plot_height - v / top * plot_height, 1)}
             for v in range(0, top + 1, step)]
    return {"width": width, "height": plot_top + plot_height + 44, "left": plot_left, "top": plot_top,
            "bottom": plot_top + plot_height, "groups": groups, "ticks": ticks, "series": CHART_SERIES}


CONTENT_TYPE = AnnualReports()
