"""以案释法: typical cases told in plain words, each resting on the articles it cites.

Data: data/cases/<id>.yml (schema case.schema.json), one case per file; the file name is the URL
(pufa/anli/<id>/) and the feed id, so it never changes once published. Every text may cite articles with
[[简称#条]]; the analysis (以案释法) must cite at least one, and no text may cite a repealed law: a case
teaches the law in force. A real case names its published source (发布机关, 名称, 案号 where published);
a fictional one says 示例: true and is marked as such on its page, in lists, on the home page and in feeds.

Every case is a Document (case_document: the one mapping into the document core), so its page header, feed item
(pufa-anli and the per-audience feeds by 适用对象), home-page update and search facts are made like every other
document's. The type keeps what is its own: the list (all cases, one page per 主题 and one per cited law, so
filtering needs no script) and the 相关案例 under each cited article on the law pages (LawLibrary.add_related).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import crossref, lifecycle
from ...build import load_yaml_checked
from ...document import Body, Document, Fact, When, zh_day
from ...document import Related as Link
from ...model import ContentType, FeedChannel, Site
from ..laws.model import Related
from ..services import check_audience_tags

SCHEMA = Path(__file__).with_name("case.schema.json")
FOLDER = "cases"
PREFIX = "pufa/anli/"
FEED = "pufa-anli"
KIND = "以案释法"
RELATED_KIND = "相关案例"
# 主题 -> URL segment of its list page (pufa/anli/zhuti/<segment>/). The schema lists the same names.
TOPICS = {"英烈保护": "yinglie-baohu", "烈士纪念设施": "jinian-sheshi", "涉军维权": "shejun-weiquan",
          "安置": "anzhi", "抚恤优待": "fuxu-youdai", "就业创业": "jiuye-chuangye"}
RESERVED = {"index", "zhuti", "fa", "page"}  # folders of the list pages
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A party as typical cases are published: surname + 某 (罗某, 张某某), or the site's own masking (张*明).
MASKED_PARTY_RE = re.compile(r"^(?:[\u3400-\u9fff]{1,2}(?:某{1,2}[\u3400-\u9fff]?|[*＊×]+[\u3400-\u9fff]?)|某{1,2}[甲乙丙丁]?)$")
TEXT_FIELDS = ("案情简介", "处理结果", "以案释法")


@dataclass
class Case:
    id: str
    file: str
    data: dict
    published: dt.date
    updated: dt.date | None
    citations: list = field(default_factory=list)  # crossref.Citation of every text, first mention first, unique
    located: object = None  # yamlfile.Located, for line numbers in messages
    lifecycle: lifecycle.Lifecycle | None = None  # shown ahead of its release (make serve, previews)

    @property
    def title(self) -> str:
        return self.data["案例名称"]

    @property
    def url(self) -> str:
        return f"{PREFIX}{self.id}/"

    @property
    def sample(self) -> bool:
        return bool(self.data.get("示例"))

    @property
    def summary(self) -> str:
        return self.data["描述"]

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(self.data["主题"])

    @property
    def audiences(self) -> tuple[str, ...]:
        return tuple(self.data["适用对象"])

    @property
    def shown_title(self) -> str:
        """The title wherever the case is listed outside its own page: a fictional case says so."""
        return self.title + ("（示例）" if self.sample else "")

    @property
    def laws(self) -> list:
        """The laws it cites, in order of first citation."""
        seen: dict = {}
        for citation in self.citations:
            seen.setdefault(citation.law.slug, citation.law)
        return list(seen.values())


class Cases(ContentType):
    name = "cases"
    label = KIND
    order = 35  # after laws (15): cases cite articles and register themselves under them

    # ---- load ---------------------------------------------------------------------------------------
    def load(self, site: Site) -> None:
        cases: list[Case] = []
        site.models[self.name] = cases
        folder = site.data_dir / FOLDER
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
            case = self._load_case(site, path)
            if case is not None:
                cases.append(case)
        cases.sort(key=lambda c: (-c.published.toordinal(), c.id))
        library = site.models.get("laws")
        if library is not None:
            for case in sorted(cases, key=lambda c: c.id):
                for citation in case.citations:
                    library.add_related(citation, Related(RELATED_KIND, case.title, case.url, case.sample))

    def _load_case(self, site: Site, path: Path) -> Case | None:
        file = site.rel(path)
        if not SLUG_RE.match(path.stem) or path.stem in RESERVED:
            site.problems.error(file, 0, "", "文件名只能用小写字母、数字和连字符（文件名就是网址，发布后不要改），"
                                f"不能是 {'、'.join(sorted(RESERVED))}，如 lieshi-mingyu-gongyi-susong.yml")
            return None
        located = load_yaml_checked(site, path, SCHEMA)
        if located is None:
            return None
        data = located.data
        citations = []
        for key in TEXT_FIELDS:
            line = located.text_line_of((key,))
            citations += crossref.check_text(site, data[key], file, line, key, allow_repealed=False,
                                             require=key == "以案释法")
        for index, text in enumerate(data["争议焦点"]):
            citations += crossref.check_text(site, text, file, located.line_of(("争议焦点", index)),
                                             f"争议焦点[{index + 1}]", allow_repealed=False)
        if not data.get("示例") and "来源" not in data:
            site.problems.error(file, located.key_line_of(("案例名称",)), "来源",
                                "真实案例须写明公开发布的来源（来源: 发布机关、名称，公开了案号的写案号）；"
                                "本局编写的虚构案例请写 示例: true")
        for index, party in enumerate(data.get("当事人", [])):
            if not party.get("单位") and not MASKED_PARTY_RE.match(party["称谓"].strip()):
                site.problems.error(file, located.line_of(("当事人", index, "称谓")), f"当事人[{index + 1}].称谓",
                                    f"“{party['称谓'][:1]}…”不是去标识化的称谓：典型案例中的个人只写姓加“某”，"
                                    "如“罗某”“张某某”（单位请加 单位: true）")
        published = dt.date.fromisoformat(data["发布日期"])
        updated = dt.date.fromisoformat(data["更新日期"]) if "更新日期" in data else None
        if updated is not None and updated < published:
            site.problems.error(file, located.line_of(("更新日期",)), "更新日期", "更新日期不能早于发布日期")
        # Published like every document (草稿, 定时发布 — a 发布日期 to come is one —, 撤回, review record).
        admission = lifecycle.admit(site, located, kind=KIND, title=data["案例名称"], url=f"{PREFIX}{path.stem}/",
                                     published=published)
        if not admission:
            return None
        return Case(id=path.stem, file=file, data=data, published=published, updated=updated,
                    citations=crossref.unique(citations), located=located, lifecycle=admission.lifecycle)

    def check(self, site: Site) -> None:
        """适用对象 must be tags some audience follows (精准服务), or no 普法 page or feed would carry the case."""
        for case in site.models.get(self.name, []):
            check_audience_tags(site, case.file, case.located, [(("适用对象",), case.audiences)],
                                "相应人员的普法页面和订阅收不到这个案例")

    # ---- pages --------------------------------------------------------------------------------------
    def pages(self, site: Site, renderer):
        cases = site.models[self.name]
        items = [_list_item(c) for c in cases]
        topics = [(topic, segment, sum(topic in c.topics for c in cases)) for topic, segment in TOPICS.items()]
        topics = [t for t in topics if t[2]]
        laws = _cited_laws(cases)
        filters = {"topics": topics, "laws": [(law.short, law.slug, count) for law, count in laws], "total": len(cases)}
        yield renderer.page(PREFIX + "index.md", KIND, "cases/list.html",
                            meta={"description": "英烈保护、涉军维权、安置和优待等方面的典型案例，讲清案情、争议和所依据的法律条文",
                                  "search": {"kind": KIND, "list": True}},
                            items=items, filters=filters, current="", heading="全部案例")
        for topic, segment, _count in topics:
            chosen = [_list_item(c) for c in cases if topic in c.topics]
            yield renderer.page(f"{PREFIX}zhuti/{segment}.md", f"以案释法·{topic}", "cases/list.html",
                                meta={"description": f"以案释法：{topic}方面的典型案例", "search": {"kind": KIND, "list": True}},
                                items=chosen, filters=filters, current=f"topic:{segment}", heading=f"主题：{topic}")
        for law, _count in laws:
            chosen = [_list_item(c) for c in cases if any(cited.slug == law.slug for cited in c.laws)]
            yield renderer.page(f"{PREFIX}fa/{law.slug}.md", f"以案释法·《{law.short}》", "cases/list.html",
                                meta={"description": f"以案释法：引用《{law.title}》的典型案例",
                                      "search": {"kind": KIND, "list": True}},
                                items=chosen, filters=filters, current=f"law:{law.slug}",
                                heading=f"引用《{law.short}》的案例")
        for case in cases:
            doc = case_document(site, case)
            yield renderer.page(f"{PREFIX}{case.id}.md", doc.shown_title, "cases/case.html",
                                meta={"description": case.summary},
                                toc=[(2, "meta", "案例信息"), (2, "anqing", "案情简介"), (2, "jiaodian", "争议焦点"),
                                     (2, "jieguo", "处理结果"), (2, "shifa", "以案释法"), (2, "yiju", "依据条文")],
                                doc=doc, body_html=renderer.body_html(doc.body, case.url), case=case_context(case))

    # ---- documents, feeds ---------------------------------------------------------------------------
    def documents(self, site: Site):
        for case in site.models.get(self.name, []):
            yield case_document(site, case)

    def feed_channels(self, site: Site):
        yield FeedChannel(name=FEED, title=f"{site.settings.get('网站名称', '')} · 以案释法",
                          description="英烈保护、涉军维权、安置和优待等方面的典型案例及其法律分析。",
                          url=PREFIX, group="普法宣传", order=42)


def _list_item(case: Case) -> dict:
    source = case.data.get("来源", {})
    return {"title": case.title, "url": case.url, "sample": case.sample, "summary": case.summary,
            "topics": case.topics, "date": case.published, "source": source.get("发布机关", "")}


def _cited_laws(cases: list[Case]) -> list[tuple[object, int]]:
    """(law, number of cases citing it), most cited first, then by the library's order."""
    counts: dict = {}  # slug -> [law, count]
    for case in cases:
        for law in case.laws:
            counts.setdefault(law.slug, [law, 0])[1] += 1
    return sorted(((law, count) for law, count in counts.values()), key=lambda pair: (-pair[1], pair[0].short))


def _article_entry(citation) -> dict:
    law, article = citation.law, citation.article
    return {"title": f"《{law.title}》" + (article.label if article else ""), "url": citation.target,
            "paragraphs": list(article.paragraphs) if article else []}


def case_context(case: Case) -> dict:
    """What the case templates show besides the Document: plain values and the editor's texts (the templates put
    them through the one Markdown pipeline, `| markdown`)."""
    data = case.data
    return {"title": case.title, "sample": case.sample, "source": data.get("来源", {}),
            "facts": data["案情简介"], "issues": list(data["争议焦点"]), "result": data["处理结果"],
            "analysis": data["以案释法"], "basis": [_article_entry(c) for c in case.citations]}


def case_document(site: Site, case: Case) -> Document:
    """A case as a Document: its page header, feed item, home-page update and search facts come from this."""
    data, source = case.data, case.data.get("来源", {})
    extra = []
    if source:
        published = f"（{zh_day(dt.date.fromisoformat(source['发布日期']))}）" if source.get("发布日期") else ""
        extra.append(Fact("来源", f"{source['发布机关']}发布的《{source['名称']}》{published}",
                          url=source.get("网址", "")))
        if source.get("审理机关"):
            extra.append(Fact("审理机关", source["审理机关"]))
        if source.get("案号"):
            extra.append(Fact("案号", source["案号"]))
    else:
        extra.append(Fact("来源", "本局编写的示例案例（虚构）"))
    parties = data.get("当事人", [])
    if parties:
        extra.append(Fact("当事人", "、".join(f"{p['称谓']}（{p['身份']}）" for p in parties)))
    topics = tuple(Link("主题", topic, f"{PREFIX}zhuti/{TOPICS[topic]}/") for topic in case.topics)
    return Document(
        id=f"{PREFIX}{case.id}", kind=KIND, title=case.title, url=case.url, published=When(case.published),
        updated=When(case.updated) if case.updated else None, update_note="案例内容有更新" if case.updated else "",
        publisher=site.settings.get("机构名称", ""), audiences=case.audiences, summary=case.summary,
        sample=case.sample, sample_note="本案例是本局为演示网站编写的虚构示例，不是真实案件；所引法律条文真实、现行有效。",
        body=Body(template="cases/body.html", context=(("case", case_context(case)),)),
        extra=tuple(extra), related=topics, feeds=(FEED,), categories=case.topics, file=case.file,
        lifecycle=case.lifecycle)


CONTENT_TYPE = Cases()
