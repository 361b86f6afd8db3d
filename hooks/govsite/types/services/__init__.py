"""精准服务: which benefits apply to whom (政策找找看), 办事指南, and one feed per audience.

Data:
  data/benefits/audiences.yml    the finder's questions and the audiences (服务对象) the bureau serves
  data/benefits/items/<id>.yml   one benefit each: conditions, content, the articles it rests on
  data/guides/<id>.yml           办事指南: 材料, 流程 (drawn as a flow chart), 时限, 地点, 电话

Every benefit cites current articles ([[法规#条]]); citing a repealed law is an error. The finder page
works without JavaScript (a plain list per audience); with it, content/assets/finder.js reads
services/finder.json and applies the rule of matching.py to the visitor's answers, in the browser.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ... import crossref, lifecycle, phones
from ...build import load_yaml_checked
from ...document import Document, When
from ...model import ContentType, FeedChannel, GeneratedFile, Site
from ...problems import Problems
from . import flowchart
from .matching import APPLIES, NO, Outcome, Profile, Question, Rule, complete_profiles, evaluate, shown

HERE = Path(__file__).parent
AUDIENCES_SCHEMA = HERE / "audiences.schema.json"
BENEFIT_SCHEMA = HERE / "benefit.schema.json"
GUIDE_SCHEMA = HERE / "guide.schema.json"

FINDER_PAGE = "services/index.md"
FINDER_URL = "services/"
FINDER_JSON = "services/finder.json"
GUIDES_PAGE = "services/guides/index.md"
GUIDES_URL = "services/guides/"
FEED_PREFIX = "duixiang-"
EXTRA_KEY = "另需"
_OUTCOMES = "_services_outcomes"  # site.models key: each audience's outcomes in this load (audience_benefits)


@dataclass
class Audience:
    id: str
    name: str
    description: str
    profile: Profile
    tags: tuple[str, ...]
    file: str
    line: int

    @property
    def feed(self) -> str:
        return FEED_PREFIX + self.id

    @property
    def anchor(self) -> str:
        return "dx-" + self.id


@dataclass
class Guide:
    id: str
    data: dict
    file: str
    located: object = None
    citations: list = field(default_factory=list)  # resolved 设定依据
    chart: flowchart.Chart | None = None
    benefits: list = field(default_factory=list)  # benefits that link here
    lifecycle: lifecycle.Lifecycle | None = None  # shown ahead of its release (make serve, previews)

    @property
    def url(self) -> str:
        return f"{GUIDES_URL}{self.id}/"

    @property
    def title(self) -> str:
        return self.data["名称"]


@dataclass
class Benefit:
    id: str
    data: dict
    file: str
    rules: tuple[Rule, ...]
    citations: list  # (text, resolved citation) of each 依据, in data order
    guide: Guide | None = None
    conditions_line: int = 0  # line of 条件, for messages about the conditions as a whole

    @property
    def title(self) -> str:
        return self.data["名称"]

    @property
    def anchor(self) -> str:
        return "b-" + self.id

    @property
    def url(self) -> str:
        return f"{FINDER_URL}#{self.anchor}"


@dataclass
class ServicesModel:
    questions: dict = field(default_factory=dict)  # name -> Question
    audiences: list[Audience] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    guides: dict = field(default_factory=dict)  # id -> Guide
    audiences_file: str = "data/benefits/audiences.yml"

    def outcomes(self, profile: Profile) -> list[tuple[Benefit, Outcome]]:
        return [(b, evaluate(b.rules, profile)) for b in self.benefits]

    def for_audience(self, audience: Audience, outcomes=None) -> list[tuple[Benefit, Outcome]]:
        """Benefits that apply or may apply: those that surely apply first, data order within. `outcomes`: the
        audience's outcome for each benefit, in order, when known (audience_benefits)."""
        pairs = zip(self.benefits, outcomes) if outcomes is not None else self.outcomes(audience.profile)
        found = [(b, o) for b, o in pairs if o.status != NO]
        return sorted(found, key=lambda pair: pair[1].status != APPLIES)


def audience_benefits(site: Site, audience: Audience) -> list[tuple[Benefit, Outcome]]:
    """ServicesModel.for_audience for an audience of the site's model. The finder's lists and every audience's
    普法 page show them: each audience's outcomes are worked out once per load, and under `mkdocs serve` reused
    while the benefits' rules and the audiences' profiles are the same (trying every answer is slow)."""
    model: ServicesModel = site.models["services"]
    table = site.models.get(_OUTCOMES)
    if table is None:
        rules = [b.rules for b in model.benefits]
        profiles = [a.profile for a in model.audiences]
        rows = site.reuse("services: outcomes", (rules, profiles),
                          lambda: tuple(tuple(evaluate(r, p) for r in rules) for p in profiles))
        table = site.models[_OUTCOMES] = {id(a): (a, row) for a, row in zip(model.audiences, rows)}
    found = table.get(id(audience))
    return model.for_audience(audience, found[1] if found is not None and found[0] is audience else None)


def _option_values(options: list) -> tuple[tuple[str, ...], tuple[str, ...]]:
    values = tuple(o if isinstance(o, str) else o["值"] for o in options)
    notes = tuple("" if isinstance(o, str) else o.get("说明", "") for o in options)
    return values, notes


def _text_line(located, path: tuple, text: str) -> int:
    """Line of a text value's first line (block scalars `|` start on the line after their key)."""
    return located.line_of(path) + (1 if "\n" in text.strip("\n") or text.endswith("\n") else 0)


def check_audience_tags(site: Site, file: str, located, entries, consequence: str) -> None:
    """Report every 适用对象 tag no audience follows. `entries`: (YAML path of a tag list, its tags);
    `consequence` says what the editor loses (“相应人员的普法页面收不到这个案例”)."""
    model = site.models.get("services")
    known = {tag for audience in getattr(model, "audiences", []) for tag in audience.tags}
    if not known:
        return
    for path, tags in entries:
        field_name = ".".join(f"[{p + 1}]" if isinstance(p, int) else p for p in path).replace(".[", "[")
        for index, tag in enumerate(tags):
            if tag not in known:
                site.problems.error(file, located.line_of(path + (index,)), f"{field_name}[{index + 1}]",
                                    f"“{tag}”不是已知的服务对象标签，{consequence}；可用：{'、'.join(sorted(known))}")


class Services(ContentType):
    name = "services"
    label = "精准服务"
    order = 60  # after laws (15): benefits and guides cite articles

    # ---- load ---------------------------------------------------------------------------------------
    def load(self, site: Site) -> None:
        model = ServicesModel()
        site.models[self.name] = model
        errors_before = len(site.problems.errors)
        self._load_audiences(site, model)
        if not model.questions:
            return
        folder = site.data_dir / "guides"
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            self._load_guide(site, model, path)
        folder = site.data_dir / "benefits" / "items"
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            self._load_benefit(site, model, path)
        if len(site.problems.errors) == errors_before:
            self._check_coverage(site, model)

    def _check_answers(self, site: Site, model: ServicesModel, located, path: tuple, answers: dict,
                       before: str | None = None, all_names: tuple = ()) -> dict:
        """Question names and option values in a condition; returns {name: frozenset} of the valid ones.

        `before`: the question whose 显示条件 this is (only questions registered so far may be named);
        `all_names`: every question of the file, to tell a later question from an unknown one."""
        out = {}
        names = list(model.questions)
        for name, values in answers.items():
            if name == EXTRA_KEY:
                continue
            question = model.questions.get(name)
            field_name = ".".join(str(p) if not isinstance(p, int) else f"[{p + 1}]" for p in path + (name,))
            field_name = field_name.replace(".[", "[")
            if before is not None and (name in all_names and name not in names[:names.index(before)]):
                site.problems.error(located.file, located.key_line_of(path + (name,)), field_name,
                                    f"“{before}”的显示条件只能引用排在它前面的问题，“{name}”不在它前面")
                continue
            if question is None:
                site.problems.error(located.file, located.key_line_of(path + (name,)), field_name,
                                    f"没有名为“{name}”的问题；可用的问题：{'、'.join(all_names or names)}"
                                    f"（见 {model.audiences_file}）")
                continue
            bad = [v for v in values if v not in question.options]
            for index, value in enumerate(values):
                if value in bad:
                    site.problems.error(located.file, located.line_of(path + (name, index)), field_name,
                                        f"“{value}”不是问题“{name}”的选项；可选：{'、'.join(question.options)}")
            if not bad:
                out[name] = frozenset(values)
        return out

    def _load_audiences(self, site: Site, model: ServicesModel) -> None:
        path = site.data_dir / "benefits" / "audiences.yml"
        if not path.exists():
            site.problems.error(model.audiences_file, 0, "", "缺少政策找找看的问题和服务对象文件")
            return
        located = load_yaml_checked(site, path, AUDIENCES_SCHEMA)
        if located is None:
            return
        model.audiences_file = located.file
        all_names = tuple(entry["名称"] for entry in located.data["问题"])
        for index, entry in enumerate(located.data["问题"]):
            values, notes = _option_values(entry["选项"])
            name = entry["名称"]
            if name in model.questions:
                site.problems.error(located.file, located.line_of(("问题", index, "名称")), f"问题[{index + 1}].名称",
                                    f"问题名称“{name}”重复")
                continue
            if len(set(values)) != len(values):
                site.problems.error(located.file, located.line_of(("问题", index, "选项")), f"问题[{index + 1}].选项",
                                    "选项有重复")
            model.questions[name] = Question(name, entry["问法"], values, notes, entry.get("提示", ""))
            show_if = []
            for rule_index, answers in enumerate(entry.get("显示条件", [])):
                accepts = self._check_answers(site, model, located, ("问题", index, "显示条件", rule_index), answers,
                                              before=name, all_names=all_names)
                show_if.append(Rule(accepts))
            model.questions[name] = Question(name, entry["问法"], values, notes, entry.get("提示", ""),
                                             tuple(show_if))
        seen: dict[str, int] = {}
        for index, entry in enumerate(located.data["服务对象"]):
            where = ("服务对象", index)
            if entry["编号"] in seen:
                site.problems.error(located.file, located.line_of(where + ("编号",)), f"服务对象[{index + 1}].编号",
                                    f"编号“{entry['编号']}”重复（第 {seen[entry['编号']]} 行已使用）")
                continue
            seen[entry["编号"]] = located.line_of(where + ("编号",))
            answers = self._check_answers(site, model, located, where + ("画像",), entry["画像"])
            for name in answers:  # a question the finder would not ask such a person cannot describe him
                earlier = {n: v for n, v in answers.items() if list(model.questions).index(n) < list(model.questions).index(name)}
                if not shown(model.questions[name], Profile(model.questions, earlier)):
                    site.problems.error(located.file, located.key_line_of(where + ("画像", name)),
                                        f"服务对象[{index + 1}].画像.{name}",
                                        f"按画像中的其他回答，政策找找看不会问“{name}”；请删去它或补上使它被提问的回答")
            model.audiences.append(Audience(
                id=entry["编号"], name=entry["名称"], description=entry["说明"],
                profile=Profile(model.questions, answers), tags=tuple(entry["订阅标签"]),
                file=located.file, line=located.line_of(where + ("名称",))))

    def _load_guide(self, site: Site, model: ServicesModel, path: Path) -> None:
        located = load_yaml_checked(site, path, GUIDE_SCHEMA)
        if located is None:
            return
        data, file = located.data, located.file
        guide = Guide(id=path.stem, data=data, file=file, located=located)
        for index, text in enumerate(data["设定依据"]):
            guide.citations += crossref.check_text(site, text, file, located.line_of(("设定依据", index)),
                                                   f"设定依据[{index + 1}]", allow_repealed=False)
        for key in ("办理条件", "法定时限", "概要", "服务对象"):
            if key in data:
                crossref.check_text(site, data[key], file, _text_line(located, (key,), data[key]), key,
                                    allow_repealed=False)
        for index, step in enumerate(data["办理流程"]):
            crossref.check_text(site, step["说明"], file, located.line_of(("办理流程", index, "说明")),
                                f"办理流程[{index + 1}].说明", allow_repealed=False)
            if "否则" in step and "判断" not in step:
                site.problems.error(file, located.key_line_of(("办理流程", index, "否则")), f"办理流程[{index + 1}].否则",
                                    "“否则”只用于判断步骤；请同时写“判断”（如 是否属于本局职责？）")
        total = sum(step.get("时限", 0) for step in data["办理流程"])
        if total > data["承诺时限"]:
            site.problems.error(file, located.line_of(("承诺时限",)), "承诺时限",
                                f"各步骤时限合计 {total} 个工作日，超过承诺时限 {data['承诺时限']} 个工作日")
        public = phones.public_numbers(site.settings)
        for key in ("咨询电话", "监督电话"):
            for index, phone in enumerate(data.get(key, [])):
                if phones.digits(phone["号码"]) not in public:
                    site.problems.error(file, located.line_of((key, index, "号码")), f"{key}[{index + 1}].号码",
                                        f"{phone['号码']} 不在 data/site.yml 的“公开号码”中，办事指南只能公布本局公开的号码。"
                                        + phones.not_public_advice(site, phone["号码"]))
        guide.chart = flowchart.layout(data["办理流程"])
        admission = lifecycle.admit(site, located, kind="办事指南", title=f"{guide.title}办事指南", url=guide.url,
                                     published=dt.date.fromisoformat(data["发布日期"]), index_no=data.get("索引号", ""),
                                     index_line=located.line_of(("索引号",) if "索引号" in data else ("名称",)),
                                     catalogue=True)
        if not admission:
            return  # a draft, scheduled for later or withdrawn: not in the site
        guide.lifecycle = admission.lifecycle
        model.guides[guide.id] = guide

    def _load_benefit(self, site: Site, model: ServicesModel, path: Path) -> None:
        located = load_yaml_checked(site, path, BENEFIT_SCHEMA)
        if located is None:
            return
        data, file = located.data, located.file
        rules = []
        for index, answers in enumerate(data["条件"]):
            accepts = self._check_answers(site, model, located, ("条件", index), answers)
            if len(accepts) + (1 if EXTRA_KEY in answers else 0) == 0:
                site.problems.error(file, located.line_of(("条件", index)), f"条件[{index + 1}]",
                                    "条件至少要列出一个问题，如 身份: [伤残军人]")
            rules.append(Rule(accepts, answers.get(EXTRA_KEY, "")))
        citations = []  # (the editor's text, the resolved citation)
        for index, text in enumerate(data["依据"]):
            found = crossref.check_text(site, text, file, located.line_of(("依据", index)), f"依据[{index + 1}]",
                                        allow_repealed=False)
            if found:
                citations.append((text, found[0]))
        for key in ("适用条件", "内容", "办理方式", "概要"):
            if key in data:
                crossref.check_text(site, data[key], file, _text_line(located, (key,), data[key]), key,
                                    allow_repealed=False)
        guide = None
        if "办事指南" in data:
            guide = model.guides.get(data["办事指南"])
            present = (site.data_dir / "guides" / f"{data['办事指南']}.yml").is_file()
            if guide is None and lifecycle.report_reference(site, file, located.line_of(("办事指南",)), "办事指南",
                                                             f"{GUIDES_URL}{data['办事指南']}/"):
                pass
            elif guide is None and not present:  # a guide that exists but has errors is reported on its own
                known = "、".join(sorted(model.guides)) or "（暂无）"
                site.problems.error(file, located.line_of(("办事指南",)), "办事指南",
                                    f"找不到办事指南“{data['办事指南']}”（data/guides/{data['办事指南']}.yml）；现有：{known}")
        elif "办理方式" not in data:
            site.problems.error(file, 1, "办理方式", "请写“办事指南”（指南编号）或“办理方式”，告诉访客怎样办理")
        benefit = Benefit(id=path.stem, data=data, file=file, rules=tuple(rules), citations=citations, guide=guide,
                          conditions_line=located.key_line_of(("条件",)))
        if guide is not None:
            guide.benefits.append(benefit)
        model.benefits.append(benefit)

    def _check_coverage(self, site: Site, model: ServicesModel) -> None:
        """Every audience finds something that surely applies; every benefit can be found by someone."""
        # Under `mkdocs serve` the answer is reused while everything it reads is the same: it tries every
        # combination of answers, a noticeable part of each save.
        inputs = (model.questions, [(a.name, a.file, a.line, a.profile) for a in model.audiences],
                  [(b.id, b.file, b.conditions_line, b.title, b.rules) for b in model.benefits])
        problems = site.reuse("services: coverage", inputs, lambda: self._coverage_problems(model))
        site.problems.extend(problems)

    def _coverage_problems(self, model: ServicesModel) -> tuple:
        found = Problems()
        for audience in model.audiences:
            if not any(o.status == APPLIES for _, o in model.outcomes(audience.profile)):
                found.error(audience.file, audience.line, "服务对象",
                            f"“{audience.name}”没有一项确定适用的政策；请检查它的画像或政策的条件")
        reachable = set()
        unasked: dict[str, tuple] = {}  # benefit id -> (question never asked, the answers that skip it)
        for profile in complete_profiles(model.questions):
            for benefit, outcome in model.outcomes(profile):
                if outcome.depends_on:
                    # After answering everything the finder asks, the outcome still hangs on a question it
                    # did not ask: the rule reads a question that these answers skip.
                    unasked.setdefault(benefit.id, (outcome.depends_on[0], profile))
                elif outcome.status != NO:
                    reachable.add(benefit.id)
        for benefit in model.benefits:
            if benefit.id in unasked:
                name, profile = unasked[benefit.id]
                shown = "、".join(f"{n}={next(iter(v))}" for n, v in profile.answers.items())
                found.error(benefit.file, benefit.conditions_line, "条件",
                            f"“{benefit.title}”的条件用到了问题“{name}”，但回答 {shown} 的访客不会被问到它；"
                            f"请在该条件中同时限定使“{name}”被提问的回答")
            elif benefit.id not in reachable:
                found.error(benefit.file, benefit.conditions_line, "条件",
                            f"“{benefit.title}”的条件在政策找找看中无论怎样回答都不会满足；请检查条件")
        return tuple(found.items)

    # ---- cross-type checks --------------------------------------------------------------------------
    def check(self, site: Site) -> None:
        """适用对象 of notices and policies must be a tag some audience follows, or nobody's feed gets them."""
        model: ServicesModel = site.models[self.name]
        known = {tag for audience in model.audiences for tag in audience.tags}
        tagged = []
        for doc in sorted(site.editor_pages.values(), key=lambda d: d.src_uri):
            if isinstance(doc.meta.get("适用对象"), list) and doc.located is not None:
                tagged.append((doc.file, doc.located, doc.meta["适用对象"]))
        policies = site.models.get("policies")
        for policy in getattr(policies, "policies", []) or []:
            meta = getattr(policy, "meta", {})
            if isinstance(meta.get("适用对象"), list) and getattr(policy, "located", None) is not None:
                tagged.append((policy.file, policy.located, meta["适用对象"]))
        for file, located, tags in tagged:
            for index, tag in enumerate(tags):
                if tag not in known:
                    site.problems.error(file, located.line_of(("适用对象", index)), f"适用对象[{index + 1}]",
                                        f"“{tag}”不是已知的服务对象标签，订阅者收不到这条内容；可用："
                                        f"{'、'.join(sorted(known))}（标签在 {model.audiences_file} 的“订阅标签”中定义）")

    # ---- output -------------------------------------------------------------------------------------

    def pages(self, site: Site, renderer):
        model: ServicesModel = site.models[self.name]
        lists = [(audience, audience_benefits(site, audience)) for audience in model.audiences]
        yield renderer.page(
            FINDER_PAGE, "政策找找看", "services/finder.html",
            meta={"description": "回答几个问题，查看您可以享受的抚恤优待、安置和就业创业等政策，以及依据的法规条文和办理方法。",
                  "search": {"list": True}},
            toc=[(2, "wenti", "回答几个问题"), (2, "anrenyuan", "按人员类别查看"), (2, "zhengce", "全部政策与服务")],
            questions=list(model.questions.values()), benefits=model.benefits, lists=lists,
            guides_url=GUIDES_URL, json_url=FINDER_JSON)
        guides = sorted(model.guides.values(), key=lambda g: g.id)
        yield renderer.page(GUIDES_PAGE, "办事指南", "services/guides.html",
                            meta={"description": "优待证申领、伤残抚恤金申领等事项的办理材料、流程、时限、地点和电话。",
                                  "search": {"list": True}},
                            guides=guides)
        for guide in guides:
            src_uri = f"{GUIDES_URL}{guide.id}.md"
            office_hours = guide.data.get("办公时间") or site.settings.get("办公时间", "")
            yield renderer.page(
                src_uri, guide_document(site, guide).shown_title, "services/guide.html",
                meta={"description": guide.data["概要"][:100]},
                toc=[(2, "jiben", "基本信息"), (2, "cailiao", "办理材料"), (2, "liucheng", "办理流程"),
                     (2, "didian", "办理地点和时间"), (2, "dianhua", "咨询和监督电话")]
                + ([(2, "zhengce", "相关政策")] if guide.benefits else []),
                guide=guide, doc=guide_document(site, guide), chart=guide.chart, office_hours=office_hours,
                time_label=flowchart.time_label)

    def finder_data(self, site: Site) -> dict:
        """What finder.js needs: questions, each benefit's rules, the audiences (see matching.py)."""
        model: ServicesModel = site.models[self.name]

        def rules(items):
            return [{"accepts": {name: [v for v in model.questions[name].options if v in values]
                                 for name, values in rule.accepts.items()}, "extra": rule.extra} for rule in items]

        return {
            "questions": [{"name": q.name, "options": list(q.options), "showIf": rules(q.show_if)}
                          for q in model.questions.values()],
            "benefits": [{"id": b.id, "title": b.title, "rules": rules(b.rules)} for b in model.benefits],
            "audiences": [{"id": a.id, "name": a.name,
                           "profile": {name: [v for v in model.questions[name].options if v in values]
                                       for name, values in a.profile.answers.items()}} for a in model.audiences],
        }

    def files(self, site: Site, renderer):
        text = json.dumps(self.finder_data(site), ensure_ascii=False, indent=1) + "\n"
        yield GeneratedFile(FINDER_JSON, text.encode("utf-8"))

    def documents(self, site: Site):
        """办事指南 are proactively disclosed (条例第二十条第（五）项: 办理对外管理服务事项的依据、条件、程序)."""
        model: ServicesModel = site.models[self.name]
        for guide in sorted(model.guides.values(), key=lambda g: g.id):
            yield guide_document(site, guide)

    def feed_channels(self, site: Site):
        model: ServicesModel = site.models[self.name]
        site_name = site.settings.get("网站名称", "")
        for index, audience in enumerate(model.audiences):
            yield FeedChannel(name=audience.feed, title=f"{site_name} · {audience.name}",
                              description=f"与{audience.name}有关的公示公告、政策文件和解读。{audience.description}",
                              url=f"{FINDER_URL}#{audience.anchor}", group="按人员类别订阅", order=60 + index,
                              audiences=audience.tags)


def guide_document(site: Site, guide) -> Document:
    """A 办事指南 as a Document: its page header, catalogue row (办事服务), feed item and search facts."""
    return Document(
        id=f"guides/{guide.id}", kind="办事指南", title=f"{guide.title}办事指南", url=guide.url,
        published=When(dt.date.fromisoformat(guide.data["发布日期"])), index_no=guide.data.get("索引号", ""),
        publisher=site.settings.get("机构名称", ""), topic="办事服务", summary=guide.data["概要"],
        sample=bool(guide.data.get("示例")), catalogue="办事服务", on_home=False, file=guide.file,
        sample_note="本指南中的办理地点、步骤时限等本地做法为演示用示例；法律依据和法定期限为真实条文。",
        line=guide.located.line_of(("索引号",) if "索引号" in guide.data else ("名称",)), lifecycle=guide.lifecycle)


CONTENT_TYPE = Services()
