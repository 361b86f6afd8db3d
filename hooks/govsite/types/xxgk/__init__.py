"""政府信息公开 section: its index page, the 指南, 依申请公开, 制度, 法定主动公开内容 and the 合规检查 page.

The guide is generated from data/site.yml (政府信息公开工作机构, 条例第十二条) and data/xxgk/guide.yml; the
categories come from the catalogue, so the guide and the catalogue cannot disagree.

The 合规检查 report (what the build checked, the inspection's results, every warning) is for the bureau, not the
public: it is a page of `make serve` and `make preview` only, like `make check` and the publish log. The public
site once had it at xxgk/hegui/, and that address may have been linked or bookmarked: public builds keep a short
page there saying that the results are no longer published and where to turn instead (kept out of search, the
sitemap and search engines), rather than an unexplained 404.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ...build import load_yaml_checked
from ...dates import UnknownHolidayYear
from ...document import Body
from ...guard.review import data_link
from ...model import ContentType, Site
from ...yamlfile import dotted
from ..catalogue.categories import CATEGORIES
from ..policies import timeliness

GUIDE_SCHEMA = Path(__file__).with_name("guide.schema.json")
GUIDE_FILE = ("xxgk", "guide.yml")
INDEX = "xxgk/"
GUIDE_URL = "xxgk/zn/"
APPLY_URL = "xxgk/ysqgk/"
RULES_URL = "xxgk/zd/"
DUTIES_URL = "xxgk/fdzdgknr/"
CHECKS_URL = "xxgk/hegui/"
LATEST = 8

# Time limits of 依申请公开 (条例第三十条、第三十二条、第三十三条), in 工作日.
CORRECTION_NOTICE_WORKDAYS = 7
REPLY_WORKDAYS = 20
EXTENSION_MAX_WORKDAYS = 20
THIRD_PARTY_WORKDAYS = 15
OFFICE_FIELDS = ("机构名称", "地址", "办公时间", "电话", "传真", "电子邮箱")


@dataclass
class ReplyExample:
    received: dt.date
    reply_by: dt.date
    extended_by: dt.date


def reply_deadlines(calendar, received: dt.date) -> ReplyExample:
    """条例第三十三条: reply within 20 工作日 of receipt (the day of receipt not counted); extension ≤ 20 more."""
    reply_by = calendar.add_workdays(received + dt.timedelta(days=1), REPLY_WORKDAYS)
    extended_by = calendar.add_workdays(reply_by + dt.timedelta(days=1), EXTENSION_MAX_WORKDAYS)
    return ReplyExample(received, reply_by, extended_by)


class Disclosure(ContentType):
    name = "xxgk"
    label = "政府信息公开"
    order = 950  # after the catalogue: the index and the 合规检查 page read every other model

    def load(self, site: Site) -> None:
        site.models[self.name] = None
        office = site.settings.get("政府信息公开", {})
        line = site.settings_located.line_of(("政府信息公开",)) if site.settings_located else 0
        for key in OFFICE_FIELDS:
            if not office.get(key):
                site.problems.error("data/site.yml", line, f"政府信息公开.{key}",
                                    "政府信息公开指南必须载明政府信息公开工作机构的这一项（条例第十二条）")
        path = site.data_dir.joinpath(*GUIDE_FILE)
        if not path.exists():
            site.problems.error("data/xxgk/guide.yml", 0, "", "缺少政府信息公开指南数据文件")
            return
        located = load_yaml_checked(site, path, GUIDE_SCHEMA)
        if located is None:
            return
        guide = located.data
        for i, duty in enumerate(guide.get("法定主动公开内容") or ()):
            for j, link in enumerate(duty.get("本局公开") or ()):
                path = ("法定主动公开内容", i, "本局公开", j, "链接")
                data_link(site, located.file, located.line_of(path), dotted(path), link["链接"])
        form = guide["依申请公开"]["申请表"]
        if not (site.content_dir / form).is_file():
            site.problems.error(located.file, located.line_of(("依申请公开", "申请表")), "依申请公开.申请表",
                                f"申请表文件不存在：content/{form}")
            return
        received = dt.date.fromisoformat(guide["依申请公开"]["时限示例收到日期"])
        try:
            example = reply_deadlines(site.calendar, received)
        except UnknownHolidayYear as exc:
            site.problems.error(located.file, located.line_of(("依申请公开", "时限示例收到日期")),
                                "依申请公开.时限示例收到日期", exc.chinese())
            return
        site.models[self.name] = {
            "guide": guide, "file": located.file, "example": example,
            "form_size": (site.content_dir / form).stat().st_size,
            "arrangement": Body(markdown=guide["编排体系"], base=GUIDE_URL, file=located.file,
                                line=located.text_line_of(("编排体系",))),
        }

    def pages(self, site: Site, renderer):
        data = site.models[self.name]
        guide = data["guide"]
        catalogue = site.models["catalogue"]
        policies = site.models["policies"]
        reports = site.models["annualreports"]
        office = site.settings["政府信息公开"]
        limits = {"correction": CORRECTION_NOTICE_WORKDAYS, "reply": REPLY_WORKDAYS,
                  "extension": EXTENSION_MAX_WORKDAYS, "third_party": THIRD_PARTY_WORKDAYS}
        yield renderer.page(INDEX + "index.md", "政府信息公开", "xxgk/index.html",
                            meta={"description": "依据《中华人民共和国政府信息公开条例》公开本局政府信息", "search": {"list": True}},
                            toc=[(2, "sections", "栏目"), (2, "latest", "最新公开")],
                            latest=catalogue.items[:LATEST], count=len(catalogue.items),
                            policies=policies, reports=reports)
        yield renderer.page(GUIDE_URL + "index.md", "政府信息公开指南", "xxgk/guide.html",
                            meta={"description": "政府信息的分类、编排体系、获取方式和政府信息公开工作机构"},
                            toc=[(2, "categories", "一、信息分类"), (2, "arrangement", "二、编排体系"),
                                 (2, "access", "三、获取方式"), (2, "office", "四、政府信息公开工作机构"),
                                 (2, "apply", "五、依申请公开"), (2, "remedy", "六、监督和救济")],
                            guide=guide, office=office, categories=CATEGORIES, limits=limits,
                            example=data["example"], arrangement_html=renderer.body_html(data["arrangement"], GUIDE_URL),
                            form_size=data["form_size"])
        yield renderer.page(APPLY_URL + "index.md", "依申请公开", "xxgk/apply.html",
                            meta={"description": "申请获取政府信息的程序、时限和申请表下载"},
                            toc=[(2, "form", "申请表"), (2, "submit", "提交方式"), (2, "steps", "办理程序和时限"),
                                 (2, "notes", "注意事项")],
                            guide=guide, office=office, limits=limits, example=data["example"],
                            form_size=data["form_size"])
        yield renderer.page(RULES_URL + "index.md", "政府信息公开制度", "xxgk/rules.html",
                            meta={"description": "本局政府信息公开工作制度"}, rules=guide["制度"])
        yield renderer.page(DUTIES_URL + "index.md", "法定主动公开内容", "xxgk/duties.html",
                            meta={"description": "条例第二十条、第二十一条规定的主动公开内容及本局公开情况"},
                            duties=guide["法定主动公开内容"])
        if not site.mode.show_drafts:  # the public site: the address explains itself, the report is not there
            yield renderer.page(CHECKS_URL + "index.md", "合规检查结果不在网站公开", "xxgk/checks-gone.html",
                                meta={"description": "网站巡检和政府信息公开合规检查的结果由本局内部核查，不在网站公开",
                                      "hide": ["navigation", "toc"], "search": {"exclude": True}, "noindex": True})
            return
        yield renderer.page(CHECKS_URL + "index.md", "合规检查", "xxgk/checks.html",
                            # For the bureau (make serve, make preview): never in the search, the nav or a sitemap.
                            meta={"description": "本次构建检查了什么，以及全部警告", "hide": ["navigation"],
                                  "search": {"exclude": True}, "noindex": True},
                            toc=[(2, "xunjian", "网站巡检"), (2, "checks", "政府信息公开检查"),
                                 (2, "timeliness", "公开时限明细"), (2, "warnings", "警告")],
                            inspection=site.models.get("inspection"),
                            checks=self._checks(site), timeliness_rows=self._timeliness_rows(site),
                            warnings=site.problems.warnings, limit=timeliness.LIMIT_WORKDAYS)

    def _timeliness_rows(self, site: Site) -> list[dict]:
        rows = []
        for p in sorted(site.models["policies"].policies, key=lambda p: (p.formed, p.id)):
            rows.append({"policy": p, "taken": timeliness.workdays_taken(site.calendar, p.formed, p.published),
                         "deadline": timeliness.disclosure_deadline(site.calendar, p.formed)})
        return rows

    def _checks(self, site: Site) -> list[tuple[str, str, str]]:
        """(检查项目, 依据, 结果) for everything this area's build checked."""
        policies = site.models["policies"]
        reports = site.models["annualreports"]
        catalogue = site.models["catalogue"]
        p, r, c = policies.checked, reports.checked, catalogue.checked
        validity = {v: sum(1 for x in policies.policies if x.validity == v) for v in ("有效", "失效", "废止")}
        auto_expired = sum(1 for x in policies.policies if x.validity == "失效" and x.meta["有效性"] == "有效")
        important = [x for x in policies.policies if x.meta.get("重要政策")]
        uninterpreted = sum(1 for x in important if not x.interpretations)
        pattern = catalogue.pattern.template if catalogue.pattern else ""
        return [
            ("目录条目与索引号", "条例第十二条",
             f"{c.get('目录条目', 0)} 条目录条目，{c.get('索引号', 0)} 个索引号，格式 {pattern}，无缺失、无重复；"
             f"已撤下保留号码 {c.get('已撤下保留', 0)} 个"),
            ("发文字号", "GB/T 9704-2012",
             f"{p.get('发文字号', 0)} 个发文字号格式正确（机关代字〔年份〕序号号），年份与成文日期一致，无重复"),
            ("公开时限", "条例第二十六条",
             f"{p.get('及时公开', 0)} 件政策文件，成文后超过 {timeliness.LIMIT_WORKDAYS} 个工作日才公开的 "
             f"{p.get('逾期公开', 0)} 件（按法定节假日和调休计算工作日）"),
            ("有效性", "条例第十二条（目录及时更新）",
             f"有效 {validity['有效']} 件、失效 {validity['失效']} 件（其中按有效期至自动判定 {auto_expired} 件）、"
             f"废止 {validity['废止']} 件"),
            ("政策解读", "重要政策文件与解读同步发布",
             f"{len(important)} 件重要政策文件，缺少解读的 {uninterpreted} 件；解读 {p.get('政策解读', 0)} 篇，均与所解读文件互相链接"),
            ("附件", "条例第二十四条（下载）", f"{p.get('附件', 0)} 个附件文件均存在"),
            ("年度报告算术", "国办公开办函〔2021〕30号",
             f"{r.get('年度报告', 0)} 份年度报告，核对 {r.get('算术校验', 0)} 项合计与勾稽关系，"
             f"并核对相邻年度的结转数"),
            ("行政规范性文件件数", "条例第二十条第（一）项",
             f"年度报告中的行政规范性文件件数与政策文件数据核对 {r.get('规范性文件核对', 0)} 项"),
            ("年度报告按时公布", "条例第四十九条",
             "缺少的年度：" + ("、".join(map(str, reports.missing)) if reports.missing else "无")),
            ("指南", "条例第十二条", "政府信息公开工作机构的名称、地址、办公时间、电话、传真、电子邮箱均已填写；申请表文件存在"),
        ]


CONTENT_TYPE = Disclosure()
