"""政策文件 and 政策解读: data/policies/<编号>.yml and data/interpretations/<编号>.yml.

A policy's page starts with the metadata table real disclosure pages show; an interpretation names the
policy it explains (解读对象) and both pages link to each other. Checks: 发文字号 per GB/T 9704
(机关代字〔年份〕序号号), dates in order, 有效性 (有效期至 in the past → 失效), attachments present,
important policies interpreted, and 条例第二十六条's 20 工作日 (a warning; strict builds stop on it).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ...build import load_yaml_checked
from ...dates import TZ, UnknownHolidayYear
from ...model import CatalogueItem, ContentType, FeedChannel, FeedItem, Site, Update, list_pages
from ...yamlfile import Located
from . import timeliness
from .text import markdown_html

HERE = Path(__file__).parent
POLICY_SCHEMA = HERE / "policy.schema.json"
INTERPRETATION_SCHEMA = HERE / "interpretation.schema.json"
POLICY_URL = "xxgk/zcwj/"
INTERPRETATION_URL = "xxgk/zcjd/"
LIST_PAGE_SIZE = 50  # documents per page of the 政策文件 and 政策解读 lists (a city has thousands)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# GB/T 9704-2012 7.2.4: 机关代字、年份、发文顺序号; 年份 in 六角括号 〔〕, 顺序号 without 虚位 (no leading 0) or 第.
DOC_NUMBER = re.compile(r"^(?P<agency>[^\s〔〕\[\]【】()（）]+)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$")


def doc_number_problem(number: str, formed_year: int | None) -> str | None:
    """Chinese reason why a 发文字号 is malformed, or None when it is right."""
    m = DOC_NUMBER.match(number)
    if m:
        if formed_year is not None and int(m.group("year")) != formed_year:
            return f"发文字号中的年份 {m.group('year')} 与成文日期的年份 {formed_year} 不一致"
        return None
    hint = "应为“机关代字〔年份〕序号号”，如 某退役军人发〔2024〕3号"
    if re.search(r"[\[\]【】]|[（(]\d{4}[)）]", number):
        return f"年份应使用六角括号〔〕，不能用 [] 【】 或圆括号；{hint}"
    if re.search(r"〕第", number):
        return f"序号前不加“第”；{hint}"
    if re.search(r"〕0\d*号", number):
        return f"序号不编虚位（不能以 0 开头，1 不写作 01）；{hint}"
    if not number.endswith("号"):
        return f"末尾缺少“号”；{hint}"
    if re.search(r"\s", number):
        return f"发文字号中不能有空格；{hint}"
    return hint


@dataclass
class Attachment:
    name: str
    path: str  # site-relative, e.g. xxgk/fujian/2024-001-1.docx
    size: int


@dataclass
class Policy:
    id: str
    file: str
    located: Located
    meta: dict
    html: str
    toc: list
    formed: dt.date
    published: dt.date
    validity: str  # computed: 有效 / 失效 / 废止
    ended: dt.date | None  # first day no longer in effect (失效 or 废止), None while in effect
    attachments: list[Attachment] = field(default_factory=list)
    interpretations: list[Interpretation] = field(default_factory=list)
    repealed_by: Policy | None = None  # the document that repealed this one (废止文件)
    repeals: list[Policy] = field(default_factory=list)  # documents this one repealed
    # `mkdocs serve`: digest of the file's text; the fields named below come from it alone (model.Document)
    source_digest: str = ""
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = ("located", "meta", "html", "toc")

    @property
    def url(self) -> str:
        return f"{POLICY_URL}{self.id}/"

    @property
    def title(self) -> str:
        return self.meta["标题"]

    @property
    def normative(self) -> bool:
        return self.meta["文件类型"] == "行政规范性文件"

    def in_effect_on(self, day: dt.date) -> bool:
        return self.formed <= day and (self.ended is None or day < self.ended)


@dataclass
class Interpretation:
    id: str
    file: str
    located: Located
    meta: dict
    html: str
    toc: list
    published: dt.date
    policy: Policy | None = None
    source_digest: str = ""  # as Policy.source_digest
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = ("located", "meta", "html", "toc")

    @property
    def url(self) -> str:
        return f"{INTERPRETATION_URL}{self.id}/"

    @property
    def title(self) -> str:
        return self.meta["标题"]


@dataclass
class PolicyModel:
    policies: list[Policy] = field(default_factory=list)  # newest first
    interpretations: list[Interpretation] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # what was checked, for the 合规检查 page

    def by_id(self) -> dict[str, Policy]:
        return {p.id: p for p in self.policies}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


class Policies(ContentType):
    name = "policies"
    label = "政策文件"
    order = 30

    # ---- load and validate -------------------------------------------------------------------------
    def load(self, site: Site) -> None:
        model = PolicyModel()
        site.models[self.name] = model
        numbers: dict[str, Policy] = {}
        for path in _files(site.data_dir / "policies"):
            policy = self._load_policy(site, path)
            if policy is None:
                continue
            number = policy.meta.get("发文字号")
            if number:
                if number in numbers:
                    first = numbers[number]
                    site.problems.error(policy.file, policy.located.line_of(("发文字号",)), "发文字号",
                                        f"发文字号 {number} 重复：{first.file} 已使用")
                else:
                    numbers[number] = policy
            model.policies.append(policy)
        model.policies.sort(key=lambda p: (-p.published.toordinal(), -p.formed.toordinal(), p.id))

        by_id = model.by_id()
        for policy in model.policies:
            self._link_repeal(site, policy, by_id)
        for path in _files(site.data_dir / "interpretations"):
            item = self._load_interpretation(site, path, by_id)
            if item is not None:
                model.interpretations.append(item)
        model.interpretations.sort(key=lambda i: (-i.published.toordinal(), i.id))
        for policy in model.policies:
            policy.interpretations.sort(key=lambda i: (i.published, i.id))
        model.checked = {
            "政策文件": len(model.policies),
            "发文字号": len(numbers),
            "政策解读": len(model.interpretations),
            "附件": sum(len(p.attachments) for p in model.policies),
        }

    def _load_policy(self, site: Site, path: Path) -> Policy | None:
        located = load_yaml_checked(site, path, POLICY_SCHEMA)
        if located is None:
            return None
        file, meta = located.file, located.data
        where = lambda *keys: located.line_of(keys)
        ok = True
        if not _ID.match(path.stem):
            site.problems.error(file, 0, "", f"文件名“{path.name}”只能用小写字母、数字和连字符（它是网址的一部分），如 2024-001.yml")
            ok = False
        formed, published = _date(meta["成文日期"]), _date(meta["发布日期"])
        if published < formed:
            site.problems.error(file, where("发布日期"), "发布日期", f"发布日期 {meta['发布日期']} 早于成文日期 {meta['成文日期']}")
            ok = False
        if "发文字号" in meta:
            reason = doc_number_problem(meta["发文字号"], formed.year)
            if reason:
                site.problems.error(file, where("发文字号"), "发文字号", f"“{meta['发文字号']}”格式不正确：{reason}")
                ok = False
        elif meta["文件类型"] == "行政规范性文件":
            site.problems.error(file, where("文件类型"), "发文字号", "行政规范性文件必须有发文字号")
            ok = False
        until, repealed = _date(meta.get("有效期至")), _date(meta.get("废止日期"))
        validity, ended = meta["有效性"], None
        if until and until < formed:
            site.problems.error(file, where("有效期至"), "有效期至", f"有效期至 {meta['有效期至']} 早于成文日期 {meta['成文日期']}")
            ok = False
        if validity == "废止":
            if repealed is None:
                site.problems.error(file, where("有效性"), "废止日期", "有效性为“废止”时必须填写废止日期（自该日起不再有效）")
                ok = False
            ended = repealed
        elif repealed is not None:
            site.problems.error(file, where("废止日期"), "废止日期",
                                f"填写了废止日期，但有效性是“{validity}”；已废止的文件请把有效性改为“废止”")
            ok = False
        elif validity == "失效":
            if until is None:
                site.problems.error(file, where("有效性"), "有效期至", "有效性为“失效”时必须填写有效期至（失效前的最后一天）")
                ok = False
            else:
                ended = until + dt.timedelta(days=1)
        elif until is not None and until < site.today:
            validity, ended = "失效", until + dt.timedelta(days=1)  # expired by date: 有效期至 has passed
        if repealed and repealed < formed:
            site.problems.error(file, where("废止日期"), "废止日期", f"废止日期 {meta['废止日期']} 早于成文日期 {meta['成文日期']}")
            ok = False
        attachments = []
        for i, item in enumerate(meta.get("附件", [])):
            target = site.content_dir / item["文件"]
            if not target.is_file():
                site.problems.error(file, where("附件", i, "文件"), f"附件[{i + 1}].文件",
                                    f"附件文件不存在：content/{item['文件']}（请把文件放到该位置，或改正文件名）")
                ok = False
                continue
            attachments.append(Attachment(item["名称"], item["文件"], target.stat().st_size))
        if not ok:
            return None
        html, toc = markdown_html(meta["正文"])
        return Policy(id=path.stem, file=file, located=located, meta=meta, html=html, toc=toc, formed=formed,
                      published=published, validity=validity, ended=ended, attachments=attachments,
                      source_digest=located.source_digest)

    def _link_repeal(self, site: Site, policy: Policy, by_id: dict[str, Policy]) -> None:
        target_id = policy.meta.get("废止文件")
        if not target_id:
            return
        line = policy.located.line_of(("废止文件",))
        if policy.validity != "废止":
            site.problems.error(policy.file, line, "废止文件", "填写了废止文件，但有效性不是“废止”")
            return
        target = by_id.get(target_id)
        if target is None:
            if not (site.data_dir / "policies" / f"{target_id}.yml").exists():
                site.problems.error(policy.file, line, "废止文件", f"找不到政策文件“{target_id}”（data/policies/{target_id}.yml）")
            return
        if target is policy or target.formed < policy.formed:
            site.problems.error(policy.file, line, "废止文件",
                                f"废止文件 {target_id} 的成文日期 {target.meta['成文日期']} 早于本文件，不可能废止本文件")
            return
        policy.repealed_by = target
        target.repeals.append(policy)

    def _load_interpretation(self, site: Site, path: Path, by_id: dict[str, Policy]) -> Interpretation | None:
        located = load_yaml_checked(site, path, INTERPRETATION_SCHEMA)
        if located is None:
            return None
        file, meta = located.file, located.data
        if not _ID.match(path.stem):
            site.problems.error(file, 0, "", f"文件名“{path.name}”只能用小写字母、数字和连字符（它是网址的一部分）")
            return None
        target = by_id.get(meta["解读对象"])
        if target is None and (site.data_dir / "policies" / f"{meta['解读对象']}.yml").exists():
            return None  # the policy exists but has errors of its own, reported there: no second message here
        if target is None:
            known = "、".join(sorted(by_id)) or "（尚无政策文件）"
            site.problems.error(file, located.line_of(("解读对象",)), "解读对象",
                                f"找不到政策文件“{meta['解读对象']}”（data/policies/{meta['解读对象']}.yml）；现有编号：{known}")
            return None
        published = _date(meta["发布日期"])
        if published < target.published:
            site.problems.error(file, located.line_of(("发布日期",)), "发布日期",
                                f"解读的发布日期 {meta['发布日期']} 早于所解读文件的发布日期 {target.meta['发布日期']}（{target.file}）")
            return None
        html, toc = markdown_html(meta["正文"])
        item = Interpretation(id=path.stem, file=file, located=located, meta=meta, html=html, toc=toc,
                              published=published, policy=target, source_digest=located.source_digest)
        target.interpretations.append(item)
        return item

    def check(self, site: Site) -> None:
        model: PolicyModel = site.models[self.name]
        late = 0
        for policy in model.policies:
            if policy.meta.get("重要政策") and not policy.interpretations:
                site.problems.warning(policy.file, policy.located.line_of(("重要政策",)), "重要政策",
                                      f"重要政策文件《{policy.title}》没有解读；请在 data/interpretations/ 中添加"
                                      f"“解读对象: {policy.id}”的解读，与文件同步发布")
            try:
                if timeliness.is_late(site.calendar, policy.formed, policy.published):
                    late += 1
                    taken = timeliness.workdays_taken(site.calendar, policy.formed, policy.published)
                    deadline = timeliness.disclosure_deadline(site.calendar, policy.formed)
                    site.problems.warning(
                        policy.file, policy.located.line_of(("发布日期",)), "发布日期",
                        f"《{policy.title}》成文于 {policy.meta['成文日期']}，{policy.meta['发布日期']} 才公开，"
                        f"相隔 {taken} 个工作日，超过条例第二十六条规定的 {timeliness.LIMIT_WORKDAYS} 个工作日"
                        f"（最迟应于 {deadline.isoformat()} 公开）")
            except UnknownHolidayYear as exc:
                site.problems.error(policy.file, policy.located.line_of(("发布日期",)), "发布日期", exc.chinese())
        model.checked["及时公开"] = len(model.policies)
        model.checked["逾期公开"] = late

    # ---- output ------------------------------------------------------------------------------------
    def pages(self, site: Site, renderer):
        model: PolicyModel = site.models[self.name]
        years = sorted({p.formed.year for p in model.policies}, reverse=True)
        listed = [p for year in years for p in model.policies if p.formed.year == year]  # the order shown
        for page in list_pages(POLICY_URL, listed, LIST_PAGE_SIZE):
            part_years = [y for y in years if any(p.formed.year == y for p in page.items)]
            yield renderer.page(page.src_uri, "政策文件" if page.number == 1 else f"政策文件（第{page.number}页）",
                                "policies/list.html", meta={"description": "本局制发的行政规范性文件和其他政策文件"},
                                toc=[(2, f"y{y}", f"{y}年") for y in part_years], policies=page.items,
                                years=part_years, total=len(listed), page_number=page.number, page_urls=page.urls)
        for page in list_pages(INTERPRETATION_URL, model.interpretations, LIST_PAGE_SIZE):
            yield renderer.page(page.src_uri, "政策解读" if page.number == 1 else f"政策解读（第{page.number}页）",
                                "policies/interpretations.html", meta={"description": "本局政策文件的解读"},
                                items=page.items, total=len(model.interpretations), page_number=page.number,
                                page_urls=page.urls)
        for policy in model.policies:
            yield renderer.page(policy.url + "index.md", policy.title, "policies/policy.html",
                                meta={"description": policy.meta["内容概述"]},
                                toc=[(2, "meta", "文件信息")] + policy.toc
                                + ([(2, "attachments", "附件")] if policy.attachments else [])
                                + ([(2, "interpretations", "相关解读")] if policy.interpretations else []),
                                policy=policy, index_no=policy.meta.get("索引号", ""))
        for item in model.interpretations:
            yield renderer.page(item.url + "index.md", item.title, "policies/interpretation.html",
                                meta={"description": item.meta["内容概述"]},
                                toc=[(2, "meta", "解读信息")] + item.toc, item=item)

    def catalogue(self, site: Site):
        model: PolicyModel = site.models[self.name]
        for p in model.policies:
            yield CatalogueItem(id=f"policies/{p.id}", index_no=p.meta.get("索引号", ""), title=p.title,
                                summary=p.meta["内容概述"], date=p.published,
                                category="规范性文件" if p.normative else "政策文件", validity=p.validity,
                                url=p.url, kind="政策文件", file=p.file, line=p.located.line_of(("索引号",)),
                                doc_number=p.meta.get("发文字号", ""), topic=p.meta["主题分类"])
        for i in model.interpretations:
            yield CatalogueItem(id=f"interpretations/{i.id}", index_no=i.meta.get("索引号", ""), title=i.title,
                                summary=i.meta["内容概述"], date=i.published, category="政策解读", validity="",
                                url=i.url, kind="政策解读", file=i.file, line=i.located.line_of(("索引号",)),
                                topic=i.policy.meta["主题分类"] if i.policy else "")

    def updates(self, site: Site):
        model: PolicyModel = site.models[self.name]
        for p in model.policies:
            yield Update(date=p.published, title=p.title, url=p.url, kind="政策文件", summary=p.meta["内容概述"])
        for i in model.interpretations:
            yield Update(date=i.published, title=i.title, url=i.url, kind="政策解读", summary=i.meta["内容概述"])

    def feed_channels(self, site: Site):
        yield FeedChannel(name="policies", title=f"{site.settings.get('网站名称', '')} · 政策文件与解读",
                          description="本局发布的政策文件和政策解读。", url=POLICY_URL, group="政府信息公开", order=20)

    def feed_items(self, site: Site):
        model: PolicyModel = site.models[self.name]
        for p in model.policies:
            when = dt.datetime.combine(p.published, dt.time(0, 0), tzinfo=TZ)
            yield FeedItem(id=f"policies/{p.id}", title=p.title, url=p.url, published=when, updated=when,
                           feeds=("policies",), categories=(p.meta["主题分类"],), summary=p.meta["内容概述"],
                           content_html=p.html, audiences=tuple(p.meta.get("适用对象", ())))
        for i in model.interpretations:
            when = dt.datetime.combine(i.published, dt.time(0, 0), tzinfo=TZ)
            audiences = tuple(i.policy.meta.get("适用对象", ())) if i.policy else ()
            yield FeedItem(id=f"interpretations/{i.id}", title=i.title, url=i.url, published=when, updated=when,
                           feeds=("policies",), categories=("政策解读",), summary=i.meta["内容概述"],
                           content_html=i.html, audiences=audiences)


CONTENT_TYPE = Policies()
