"""政策文件 and 政策解读: data/policies/<编号>.yml and data/interpretations/<编号>.yml.

A policy's page starts with the metadata table real disclosure pages show; an interpretation names the
policy it explains (解读对象) and both pages link to each other. Checks: 发文字号 per GB/T 9704
(机关代字〔年份〕序号号), dates in order, 有效性 (有效期至 in the past → 失效), attachments present,
important policies interpreted, and 条例第二十六条's 20 工作日 (a warning; strict builds stop on it).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ... import lifecycle
from ...build import load_yaml_checked
from ...dates import UnknownHolidayYear
from ...document import Attachment, Body, Document, Fact, Related, Status, When, attachment, document_of
from ...model import ContentType, FeedChannel, Site, list_pages
from ...problems import InputError
from ...yamlfile import Located
from . import timeliness

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
class Policy:
    id: str
    file: str
    located: Located
    meta: dict
    formed: dt.date
    published: dt.date
    validity: str  # computed: 有效 / 失效 / 废止
    ended: dt.date | None  # first day no longer in effect (失效 or 废止), None while in effect
    attachments: list[Attachment] = field(default_factory=list)
    interpretations: list[Interpretation] = field(default_factory=list)
    repealed_by: Policy | None = None  # the document that repealed this one (废止文件)
    repeals: list[Policy] = field(default_factory=list)  # documents this one repealed
    lifecycle: lifecycle.Lifecycle | None = None  # shown ahead of its release (make serve, previews)
    # `mkdocs serve`: digest of the file's text; the fields named below come from it alone (model.Document)
    source_digest: str = ""
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = ("located", "meta")

    @property
    def url(self) -> str:
        return f"{POLICY_URL}{self.id}/"

    @property
    def title(self) -> str:
        return self.meta["标题"]

    @property
    def body(self) -> Body:
        return _body(self.meta, self.located, self.url)

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
    published: dt.date
    policy: Policy | None = None
    lifecycle: lifecycle.Lifecycle | None = None  # shown ahead of its release (make serve, previews)
    source_digest: str = ""  # as Policy.source_digest
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = ("located", "meta")

    @property
    def url(self) -> str:
        return f"{INTERPRETATION_URL}{self.id}/"

    @property
    def body(self) -> Body:
        return _body(self.meta, self.located, self.url)

    @property
    def title(self) -> str:
        return self.meta["标题"]


@dataclass
class PolicyModel:
    policies: list[Policy] = field(default_factory=list)  # newest first
    interpretations: list[Interpretation] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # what was checked, for the 合规检查 page
    # Issued documents the site does not show: withdrawn from it, or signed off and scheduled for later. The
    # annual report counts what the bureau issued, whatever the website shows (drafts are not issued yet).
    issued_unlisted: list[Policy] = field(default_factory=list)

    def by_id(self) -> dict[str, Policy]:
        return {p.id: p for p in self.policies}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _body(meta: dict, located: Located, url: str) -> Body:
    """正文 as the one Markdown pipeline reads it; relative links start at the document's page."""
    return Body(markdown=meta["正文"], base=url, file=located.file, line=located.text_line_of(("正文",)))


class Policies(ContentType):
    name = "policies"
    label = "政策文件"
    order = 30

    # ---- load and validate -------------------------------------------------------------------------
    def load(self, site: Site) -> None:
        model = PolicyModel()
        site.models[self.name] = model
        numbers: dict[str, Policy] = {}
        lifecycles: dict[tuple, lifecycle.Lifecycle | None] = {}  # ("p" or "i", id) -> what admission gave it
        for path in site.yaml_files(site.data_dir / "policies"):
            policy = _kept(site, ("policies: policy", path.name), path, lambda path=path: self._load_policy(site, path))
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
            admission = lifecycle.admit(
                site, policy.located, kind="政策文件", title=policy.title, url=policy.url,
                published=When(policy.published), index_no=policy.meta.get("索引号", ""),
                index_line=policy.located.line_of(("索引号",)), catalogue=True,
                attachments=tuple(a.url for a in policy.attachments), body=policy.body)
            if not admission:  # a draft, scheduled for later or withdrawn: not in the site (its 发文字号 stays taken)
                waiting = lifecycle.held_at(site, policy.url)
                if waiting is not None and waiting.state != lifecycle.STATE_DRAFT:
                    model.issued_unlisted.append(policy)
                continue
            lifecycles[("p", policy.id)] = admission.lifecycle
            model.policies.append(policy)
        model.policies.sort(key=lambda p: (-p.published.toordinal(), -p.formed.toordinal(), p.id))

        by_id = model.by_id()
        links: list[tuple] = []  # (what links, what it links to): repeals, then interpretations, in load order
        for policy in model.policies:
            target = self._repealed(site, policy, by_id)
            if target is not None:
                links.append((("p", policy.id), ("p", target.id)))
        interpretations: dict[str, Interpretation] = {}
        for path in site.yaml_files(site.data_dir / "interpretations"):
            found = self._load_interpretation(site, path, by_id)
            if found is not None:
                item, target, admitted = found
                interpretations[item.id] = item
                lifecycles[("i", item.id)] = admitted
                links.append((("i", item.id), ("p", target.id)))
        _link(site, model, by_id, interpretations, lifecycles, links)
        model.interpretations.sort(key=lambda i: (-i.published.toordinal(), i.id))
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
            found = attachment(site, item["文件"], item["名称"], file)
            if found is None:
                site.problems.error(file, where("附件", i, "文件"), f"附件[{i + 1}].文件",
                                    f"附件文件不存在：content/{item['文件']}（请把文件放到该位置，或改正文件名）")
                ok = False
                continue
            attachments.append(found)
        if not ok:
            return None
        return Policy(id=path.stem, file=file, located=located, meta=meta, formed=formed,
                      published=published, validity=validity, ended=ended, attachments=attachments,
                      source_digest=located.source_digest)

    def _repealed(self, site: Site, policy: Policy, by_id: dict[str, Policy]) -> Policy | None:
        """The policy `policy` repeals (废止文件), or None; what is wrong with the field is reported."""
        target_id = policy.meta.get("废止文件")
        if not target_id:
            return None
        line = policy.located.line_of(("废止文件",))
        if policy.validity != "废止":
            site.problems.error(policy.file, line, "废止文件", "填写了废止文件，但有效性不是“废止”")
            return None
        target = by_id.get(target_id)
        if target is None:
            if lifecycle.report_reference(site, policy.file, line, "废止文件", f"{POLICY_URL}{target_id}/"):
                return None
            if not (site.data_dir / "policies" / f"{target_id}.yml").exists():
                site.problems.error(policy.file, line, "废止文件", f"找不到政策文件“{target_id}”（data/policies/{target_id}.yml）")
            return None
        if target is policy or target.formed < policy.formed:
            site.problems.error(policy.file, line, "废止文件",
                                f"废止文件 {target_id} 的成文日期 {target.meta['成文日期']} 早于本文件，不可能废止本文件")
            return None
        return target

    def _load_interpretation(self, site: Site, path: Path, by_id: dict[str, Policy]) -> tuple | None:
        """(the interpretation as its file made it, the policy it explains, its lifecycle), or None when it is not
        on the site (a draft, scheduled, withdrawn, or wrong: reported)."""
        item = _kept(site, ("policies: interpretation", path.name), path,
                     lambda: self._interpretation_of_file(site, path))
        if item is None:
            return None
        file, meta, located = item.file, item.meta, item.located
        admission = lifecycle.admit(
            site, located, kind="政策解读", title=meta["标题"], url=item.url, published=item.published,
            index_no=meta.get("索引号", ""), index_line=located.line_of(("索引号",)), catalogue=True,
            body=item.body)
        if not admission:
            return None  # a draft, scheduled for later or withdrawn: not in the site
        target = by_id.get(meta["解读对象"])
        if target is None and lifecycle.report_reference(site, file, located.line_of(("解读对象",)), "解读对象",
                                                          f"{POLICY_URL}{meta['解读对象']}/"):
            return None
        if target is None and (site.data_dir / "policies" / f"{meta['解读对象']}.yml").exists():
            return None  # the policy exists but has errors of its own, reported there: no second message here
        if target is None:
            known = "、".join(sorted(by_id)) or "（尚无政策文件）"
            site.problems.error(file, located.line_of(("解读对象",)), "解读对象",
                                f"找不到政策文件“{meta['解读对象']}”（data/policies/{meta['解读对象']}.yml）；现有编号：{known}")
            return None
        if item.published < target.published:
            site.problems.error(file, located.line_of(("发布日期",)), "发布日期",
                                f"解读的发布日期 {meta['发布日期']} 早于所解读文件的发布日期 {target.meta['发布日期']}（{target.file}）")
            return None
        return item, target, admission.lifecycle

    def _interpretation_of_file(self, site: Site, path: Path) -> Interpretation | None:
        """An interpretation as its file alone makes it (not yet linked to its policy)."""
        located = load_yaml_checked(site, path, INTERPRETATION_SCHEMA)
        if located is None:
            return None
        if not _ID.match(path.stem):
            site.problems.error(located.file, 0, "", f"文件名“{path.name}”只能用小写字母、数字和连字符（它是网址的一部分）")
            return None
        return Interpretation(id=path.stem, file=located.file, located=located, meta=located.data,
                              published=_date(located.data["发布日期"]), source_digest=located.source_digest)

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

    # ---- documents: the one mapping of a policy or interpretation into the document core ----------------------
    def documents(self, site: Site):
        model: PolicyModel = site.models[self.name]
        for policy in model.policies:
            # Made again under make serve only when one of its inputs changed (Site.document_from): its own file,
            # its validity (the date), its attachments' sizes, the files of its interpretations, of the document
            # that repealed it and of those it repealed (their titles and numbers), and its lifecycle.
            parts = (policy.source_digest, policy.validity, policy.ended, tuple(policy.attachments),
                     tuple(i.source_digest for i in policy.interpretations),
                     policy.repealed_by.source_digest if policy.repealed_by is not None else None,
                     tuple(old.source_digest for old in policy.repeals), policy.lifecycle)
            yield _recorded(site, f"policies/{policy.id}", policy.source_digest, parts,
                            lambda policy=policy: policy_document(policy))
        for item in model.interpretations:
            # its own file, the policy it explains (title, number, topic, audiences) and its lifecycle
            parts = (item.source_digest, item.policy.source_digest, item.lifecycle)
            yield _recorded(site, f"interpretations/{item.id}", item.source_digest, parts,
                            lambda item=item: interpretation_document(item))

    # ---- pages ---------------------------------------------------------------------------------------
    def output_inputs(self, site: Site) -> tuple:
        """What the pages read: the policies and interpretations in their order, as linked copies that name each
        other (a policy its interpretations, an interpretation its policy, a repealed policy the one that repealed
        it) and carry their lifecycle. The Document each page shows is made from these objects alone (documents():
        every part of its record is read from them), and a body's conversion from the Document's text."""
        model: PolicyModel = site.models[self.name]
        return tuple(model.policies), tuple(model.interpretations)

    def pages(self, site: Site, renderer):
        model: PolicyModel = site.models[self.name]
        years = sorted({p.formed.year for p in model.policies}, reverse=True)
        listed = [p for year in years for p in model.policies if p.formed.year == year]  # the order shown
        for page in list_pages(POLICY_URL, listed, LIST_PAGE_SIZE):
            part_years = [y for y in years if any(p.formed.year == y for p in page.items)]
            yield renderer.page(page.src_uri, "政策文件" if page.number == 1 else f"政策文件（第{page.number}页）",
                                "policies/list.html",
                                meta={"description": "本局制发的行政规范性文件和其他政策文件", "search": {"list": True}},
                                toc=[(2, f"y{y}", f"{y}年") for y in part_years],
                                policies=[(p, _shown(site, p)) for p in page.items],
                                years=part_years, total=len(listed), page_number=page.number, page_urls=page.urls)
        for page in list_pages(INTERPRETATION_URL, model.interpretations, LIST_PAGE_SIZE):
            yield renderer.page(page.src_uri, "政策解读" if page.number == 1 else f"政策解读（第{page.number}页）",
                                "policies/interpretations.html", meta={"description": "本局政策文件的解读", "search": {"list": True}},
                                items=page.items, total=len(model.interpretations), page_number=page.number,
                                page_urls=page.urls)
        for policy in model.policies:
            doc = _shown(site, policy)
            converted = renderer.converted(doc.body)
            yield renderer.page(policy.url + "index.md", doc.shown_title, "policies/policy.html",
                                meta={"description": doc.summary},
                                toc=[(2, "meta", "文件信息")] + list(converted.toc)
                                + ([(2, "attachments", "附件")] if doc.attachments else [])
                                + ([(2, "interpretations", "相关解读")] if policy.interpretations else []),
                                doc=doc, body_html=renderer.body_html(doc.body, policy.url),
                                interpretations=[_shown(site, i) for i in policy.interpretations])
        for item in model.interpretations:
            doc = _shown(site, item)
            converted = renderer.converted(doc.body)
            yield renderer.page(item.url + "index.md", doc.shown_title, "policies/interpretation.html",
                                meta={"description": doc.summary},
                                toc=[(2, "meta", "解读信息")] + list(converted.toc), doc=doc,
                                body_html=renderer.body_html(doc.body, item.url), policy=_shown(site, item.policy))

    def feed_channels(self, site: Site):
        yield FeedChannel(name="policies", title=f"{site.settings.get('网站名称', '')} · 政策文件与解读",
                          description="本局发布的政策文件和政策解读。", url=POLICY_URL, group="政府信息公开", order=20)


def _kept(site: Site, key: tuple, path: Path, make):
    """make(), a policy or an interpretation as its file alone makes it; under make serve the one made at the last
    save while what it reads is the same (Site.made_reporting, its problems reported again): the file's text, the
    date (a policy's validity) and the sizes of the attachments it names. Handed over, it is the very object the
    last save's pages hold. It is never linked itself (_link links copies)."""
    if site.memo is None:
        return make()
    try:
        text = site.read_text(path)
    except InputError:
        return make()  # reported by make()
    last = site.last_made(key)
    if last is None or last[0] is None:
        # nothing to go by (a file with errors: what it names is not known): made again
        return site.made_reporting(key, (text, site.today, object()), make)
    # the sizes of the attachments the last value's file named: the same files while the text is the same
    named = _named_attachments(last[0].meta) if isinstance(last[0], Policy) else ()
    return site.made_reporting(key, (text, site.today, tuple(_size(site, url) for url in named)), make)


def _named_attachments(meta: dict) -> tuple:
    return tuple(item["文件"] for item in meta.get("附件", []))


def _size(site: Site, url: str) -> int | None:
    path = site.content_dir / url
    return path.stat().st_size if path.is_file() else None


def _link(site: Site, model: PolicyModel, by_id: dict[str, Policy], interpretations: dict[str, Interpretation],
          lifecycles: dict, links: list[tuple]) -> None:
    """The policies and interpretations of the model as copies that name each other (an interpretation its
    policy, a policy its interpretations, a repealed policy the one that repealed it and back) and carry their
    lifecycle; the objects the files made stay as they were. Under make serve the copies of a group of linked
    documents are handed over again while the group's objects are the very ones of the last save, with the same
    lifecycles and links: a changed document or link makes its whole group anew, so no page shows a stale title
    of a document it links to. A policy linked to nothing and shown without a banner is the object itself."""
    objects = {("p", pid): p for pid, p in by_id.items()} | {("i", iid): i for iid, i in interpretations.items()}
    leader = {node: node for node in objects}
    members: dict[tuple, list[tuple]] = {node: [node] for node in objects}
    for source, target in links:
        a, b = leader[source], leader[target]
        if a == b:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for node in members.pop(b):
            leader[node] = a
            members[a].append(node)
    linked: dict[tuple, object] = {}
    group_links: dict[tuple, list[tuple]] = {}
    for source, target in links:
        group_links.setdefault(leader[source], []).append((source, target))
    for head, nodes in members.items():
        edges = tuple(group_links.get(head, ()))
        if not edges and head[0] == "p" and lifecycles.get(head) is None:
            linked[head] = objects[head]
            continue
        nodes = tuple(sorted(nodes))
        made = tuple(objects[n] for n in nodes)
        states = tuple(lifecycles.get(n) for n in nodes)

        def copies(nodes=nodes, made=made, states=states, edges=edges) -> dict:
            new = {}
            for node, item, state in zip(nodes, made, states):
                if node[0] == "p":
                    new[node] = dataclasses.replace(item, interpretations=[], repealed_by=None, repeals=[],
                                                    lifecycle=state)
                else:
                    new[node] = dataclasses.replace(item, policy=None, lifecycle=state)
            for source, target in edges:
                if source[0] == "p":
                    new[source].repealed_by = new[target]
                    new[target].repeals.append(new[source])
                else:
                    new[source].policy = new[target]
                    new[target].interpretations.append(new[source])
            for node, item in new.items():
                if node[0] == "p":
                    item.interpretations.sort(key=lambda i: (i.published, i.id))
            return new

        linked.update(site.made_from(("policies: group", nodes[0]), (made, states, edges), copies))
    model.policies = [linked[("p", p.id)] for p in model.policies]
    model.interpretations = [linked[("i", iid)] for iid in interpretations]


def _recorded(site: Site, doc_id: str, digest: str, parts: tuple, make) -> Document:
    """make() under Site.document_from's record, when the file's digest is known (make serve)."""
    return site.document_from(doc_id, parts, make) if digest else make()


def _shown(site: Site, item: Policy | Interpretation) -> Document:
    """The Document of a policy or interpretation as the site holds it (document_of)."""
    if isinstance(item, Policy):
        return document_of(site, f"policies/{item.id}", lambda: policy_document(item))
    return document_of(site, f"interpretations/{item.id}", lambda: interpretation_document(item))


def _policy_status(policy: Policy) -> Status:
    meta = policy.meta
    until = _date(meta.get("有效期至"))
    if policy.validity == "废止":
        reason = meta.get("废止说明") or (f"被《{policy.repealed_by.title}》废止" if policy.repealed_by else "")
        return Status("废止", since=policy.ended, reason=reason, until=until)
    if policy.validity == "失效":
        return Status("失效", since=policy.ended, reason=f"有效期至{until.year}年{until.month}月{until.day}日", until=until)
    return Status("有效", until=until)


def policy_document(policy: Policy) -> Document:
    """A policy as a Document: every output of it (page header, catalogue row, feed item, search facts, home
    update) is made from this."""
    meta = policy.meta
    related = [Related("政策解读", i.title, i.url) for i in policy.interpretations]
    if policy.repealed_by is not None:
        related.append(Related("现行文件", policy.repealed_by.title, policy.repealed_by.url,
                               policy.repealed_by.meta.get("发文字号", "")))
    related += [Related("本文件废止的文件", old.title, old.url, old.meta.get("发文字号", "")) for old in policy.repeals]
    return Document(
        id=f"policies/{policy.id}", kind="政策文件", title=policy.title, url=policy.url,
        published=When(policy.published), index_no=meta.get("索引号", ""), doc_number=meta.get("发文字号", ""),
        publisher=meta["发布机构"], topic=meta["主题分类"], doc_type=meta["文件类型"],
        audiences=tuple(meta.get("适用对象", ())), keywords=tuple(meta.get("主题词", ())),
        formed=policy.formed, effective=_date(meta.get("施行日期")), status=_policy_status(policy),
        attachments=tuple(policy.attachments), sample=bool(meta.get("示例")), summary=meta["内容概述"],
        body=policy.body, related=tuple(related),
        catalogue="规范性文件" if policy.normative else "政策文件", feeds=("policies",),
        file=policy.file, line=policy.located.line_of(("索引号",)), lifecycle=policy.lifecycle)


def interpretation_document(item: Interpretation) -> Document:
    meta, policy = item.meta, item.policy
    return Document(
        id=f"interpretations/{item.id}", kind="政策解读", title=item.title, url=item.url,
        published=When(item.published), index_no=meta.get("索引号", ""), publisher=meta["发布机构"],
        topic=policy.meta["主题分类"], audiences=tuple(policy.meta.get("适用对象", ())),
        sample=bool(meta.get("示例")), summary=meta["内容概述"], body=item.body,
        related=(Related("解读文件", policy.title, policy.url, policy.meta.get("发文字号", "")),),
        extra=(Fact("解读形式", meta.get("解读形式", "文字解读")),),
        catalogue="政策解读", feeds=("policies",), categories=("政策解读",),
        file=item.file, line=item.located.line_of(("索引号",)), lifecycle=item.lifecycle)


CONTENT_TYPE = Policies()
