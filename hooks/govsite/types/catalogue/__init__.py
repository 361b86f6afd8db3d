"""政府信息公开目录 (条例第十二条): every document with a 类别 on one page, filterable, plus api/catalogue.json.

This type also owns the 索引号 rules: the pattern from data/site.yml (索引号格式), one number per item
site-wide, numbers of withdrawn items reserved in data/xxgk/index-numbers.yml, and a proposal of the next
free number whenever one is missing. Filtering works without JavaScript: every non-empty combination of
年份 × 有效性 × 类别 is a small generated page; content/assets/xxgk-catalogue.js filters and sorts in place.
A list longer than PAGE_SIZE is cut into pages (…/page/2/): a city's catalogue of 10,000 items on one page was
6.7 MB of HTML, too much for a phone; such a catalogue is filtered by the generated pages and not sorted in place.
"""
from __future__ import annotations

import datetime as dt
import json
import operator
from dataclasses import dataclass, field
from pathlib import Path

from ... import lifecycle
from ...build import load_yaml_checked
from ...document import Document, all_documents, facts
from ...incremental import same
from ...model import ContentType, GeneratedFile, Site, list_pages
from .categories import BY_NAME, CATEGORIES
from .indexno import DEFAULT_PATTERN, IndexPattern, PatternError, compile_pattern, next_free

URL = "xxgk/ml/"
API_FILE = "api/catalogue.json"
API_SCHEMA_FILE = "api/catalogue.schema.json"
API_SCHEMA = Path(__file__).with_name("catalogue-api.schema.json")
RESERVED_FILE = ("xxgk", "index-numbers.yml")
RESERVED_SCHEMA = Path(__file__).with_name("index-numbers.schema.json")
ALL = "all"
VALIDITIES = (("有效", "youxiao"), ("失效", "shixiao"), ("废止", "feizhi"))
VALIDITY_SLUGS = dict(VALIDITIES)
API_VERSION = 1
PAGE_SIZE = 100  # catalogue rows per page


@dataclass(frozen=True)
class CatalogueRow:
    """One entry of the 政府信息公开目录 (条例第十二条: 索引号, 名称, 内容概述, 生成日期), made from its Document."""

    id: str
    index_no: str
    title: str
    summary: str
    date: dt.date  # 生成日期
    category: str  # 类别 (the 条例第二十条 item that applies)
    validity: str  # 有效性: 有效 / 失效 / 废止 (or "" when not applicable)
    url: str
    kind: str
    doc_number: str  # 发文字号
    topic: str  # 主题分类
    file: str
    line: int

    @classmethod
    def of(cls, doc: Document) -> CatalogueRow:
        """The one place a Document becomes a catalogue row (the open data adds the document's own fields:
        catalogue_json). The row holds only what the list pages show, so that under make serve a list page's
        key is its rows, not whole documents."""
        validity = doc.status.value if doc.status and doc.status.value in VALIDITY_SLUGS else ""
        return cls(id=doc.id, index_no=doc.index_no, title=doc.title, summary=doc.summary, date=doc.published.day,
                   category=doc.catalogue, validity=validity, url=doc.url, kind=doc.kind, doc_number=doc.doc_number,
                   topic=doc.topic, file=doc.file, line=doc.line)


@dataclass
class CatalogueModel:
    pattern: IndexPattern | None = None
    items: list[CatalogueRow] = field(default_factory=list)  # newest first
    documents: dict[str, Document] = field(default_factory=dict)  # row id -> its Document
    reserved: dict[str, dict] = field(default_factory=dict)  # 索引号 -> entry of index-numbers.yml
    checked: dict[str, int] = field(default_factory=dict)

    def years(self) -> list[int]:
        return sorted({i.date.year for i in self.items}, reverse=True)

    def categories(self):
        used = {i.category for i in self.items}
        return [c for c in CATEGORIES if c.name in used]


# What the number check reads of a row: each is a str, a date or an int, for which == is exact.
_NUMBERED = operator.attrgetter("date", "file", "id", "category", "index_no", "line")


def _numbers(site: Site, model: CatalogueModel, items: list[CatalogueRow], held: list) -> tuple[tuple, dict]:
    """The 索引号 rules over every row and every held-back document: problems reported (a number used twice, not
    in the pattern, reserved, missing: with the next free one proposed); returns the positions in `items` of the
    rows listed, newest first, and the counts the 合规检查 page shows. Reads of a row only what _NUMBERED names."""
    pattern = model.pattern
    used: set[tuple[int, int]] = {parsed for n in model.reserved if pattern and (parsed := pattern.parse(n))}
    owners: dict[str, CatalogueRow | lifecycle.Held] = {}
    ids: dict[str, CatalogueRow] = {}
    missing: list[CatalogueRow | lifecycle.Held] = []
    good: list[int] = []
    # Date order: when two items share a number, the later one is the one that must change; on the same day a
    # withdrawn document (its number was public) comes first, a draft or scheduled one (not yet) last.
    rank = {lifecycle.STATE_WITHDRAWN: 0, lifecycle.STATE_SCHEDULED: 2, lifecycle.STATE_DRAFT: 3}
    entries = [(i.date, 1, i.file, i.id, k, i) for k, i in enumerate(items)]
    entries += [(h.published.day if h.published else site.today, rank[h.state], h.file, h.url, -1, h) for h in held]
    for *_order, position, item in sorted(entries, key=lambda e: e[:4]):
        is_held = isinstance(item, lifecycle.Held)
        ok = True
        if not is_held:
            if item.id in ids:
                site.problems.error(item.file, 0, "", f"目录条目编号 {item.id} 重复：{ids[item.id].file} 已使用")
                continue
            ids[item.id] = item
            if item.category not in BY_NAME:
                site.problems.error(item.file, 0, "", f"目录类别“{item.category}”不存在；可用类别："
                                    + "、".join(c.name for c in CATEGORIES))
                ok = False
        line = item.index_line if is_held else item.line
        if not item.index_no:
            missing.append(item)
            continue
        parsed = pattern.parse(item.index_no) if pattern else None
        if pattern and parsed is None:
            site.problems.error(item.file, line, "索引号",
                                f"“{item.index_no}”不符合索引号格式 {pattern.template}（如 {pattern.example()}：年份4位，流水号5位）")
            ok = False
        elif item.index_no in model.reserved:
            entry = model.reserved[item.index_no]
            site.problems.error(item.file, line, "索引号",
                                f"索引号 {item.index_no} 曾用于已撤下的信息（见 {entry['file']}:{entry['line']}），不能再次使用")
            ok = False
        elif item.index_no in owners:
            first = owners[item.index_no]
            if isinstance(first, lifecycle.Held):
                site.problems.error(item.file, line, "索引号",
                                    f"索引号 {item.index_no} 重复：{first.file}:{first.index_line}（{first.state}的"
                                    f"《{first.title}》）已使用；草稿、定时发布和已撤回信息的索引号同样保留，"
                                    "请给后加入的这一条改用下一个可用号码")
            else:
                site.problems.error(item.file, line, "索引号",
                                    f"索引号 {item.index_no} 重复：{first.file}:{first.line} 已使用；"
                                    "已发布的号码不能改动，请给后加入的这一条改用下一个可用号码")
            ok = False
        else:
            owners[item.index_no] = item
            if parsed:
                used.add(parsed)
        if ok and not is_held:
            good.append(position)
    # Propose distinct next-free numbers, in date order, so two new documents do not get the same one.
    if pattern:
        def day(item):
            return item.date if isinstance(item, CatalogueRow) else (item.published.day if item.published else site.today)

        for item in sorted(missing, key=lambda i: (day(i), i.file)):
            (year, serial), = next_free(used, day(item).year)
            used.add((year, serial))
            line = item.index_line if isinstance(item, lifecycle.Held) else item.line
            site.problems.error(item.file, line, "索引号",
                                f"缺少索引号；请填写下一个可用的号码：{pattern.format(year, serial)}"
                                "（号码一经发布不再改变）")
    kept = tuple(sorted(good, key=lambda k: (-items[k].date.toordinal(), items[k].index_no, items[k].id)))
    # What the public 合规检查 page reports: published numbers only (held-back documents are not announced).
    checked = {"目录条目": len(items), "索引号": sum(1 for o in owners.values() if isinstance(o, CatalogueRow)),
               "已撤下保留": len(model.reserved)}
    return kept, checked


def select(items, year, validity, category):
    """Items matching a filter; ALL (or None) matches everything."""
    return [i for i in items
            if (year in (ALL, None) or i.date.year == year)
            and (validity in (ALL, None) or i.validity == validity)
            and (category in (ALL, None) or i.category == category)]


def _by_filter(items) -> dict[tuple, list]:
    """The items of every filter (year, validity, category; each may be ALL), in the order given: what select()
    returns for each, in one pass instead of one pass per filter page (hundreds of them in a city's catalogue)."""
    chosen: dict[tuple, list] = {}
    for i in items:
        for y in (ALL, i.date.year):
            for v in (ALL, i.validity):
                for c in (ALL, i.category):
                    chosen.setdefault((y, v, c), []).append(i)
    return chosen


def filter_url(year, validity, category) -> str:
    if year == ALL and validity == ALL and category == ALL:
        return URL
    v = VALIDITY_SLUGS[validity] if validity != ALL else ALL
    c = BY_NAME[category].slug if category != ALL else ALL
    return f"{URL}{year}/{v}/{c}/"


class Catalogue(ContentType):
    name = "catalogue"
    label = "政府信息公开目录"
    order = 900  # after every type that contributes items

    def load(self, site: Site) -> None:
        model = CatalogueModel()
        site.models[self.name] = model
        template = site.settings.get("索引号格式", DEFAULT_PATTERN)
        code = site.settings.get("统一社会信用代码", "")
        try:
            model.pattern = compile_pattern(template, code)
        except PatternError as exc:
            line = site.settings_located.line_of(("索引号格式",)) if site.settings_located else 0
            site.problems.error("data/site.yml", line, "索引号格式", str(exc))
        path = site.data_dir.joinpath(*RESERVED_FILE)
        if path.exists():
            located = load_yaml_checked(site, path, RESERVED_SCHEMA)
            if located:
                for i, entry in enumerate(located.data.get("已撤下", [])):
                    number = entry["索引号"]
                    if model.pattern and model.pattern.parse(number) is None:
                        site.problems.error(located.file, located.line_of(("已撤下", i, "索引号")), f"已撤下[{i + 1}].索引号",
                                            f"“{number}”不符合索引号格式（如 {model.pattern.example()}）")
                    model.reserved[number] = dict(entry, file=located.file, line=located.line_of(("已撤下", i, "索引号")))

    def check(self, site: Site) -> None:
        model: CatalogueModel = site.models[self.name]
        # A draft shown by make serve may not have its number yet: it is not listed until it has one.
        listed = [doc for doc in all_documents(site)
                  if doc.catalogue and (doc.index_no or getattr(doc.lifecycle, "state", "") != lifecycle.STATE_DRAFT)]
        model.documents = {doc.id: doc for doc in listed}
        items = [site.derived("catalogue: row", doc, CatalogueRow.of) for doc in listed]
        # What the build holds back keeps its number (a draft, a document scheduled for later, a withdrawn one):
        # never proposed to another document, never accepted for one. A document scheduled for later is published
        # by the hourly build unattended, so it needs its number now.
        held = [h for h in lifecycle.held(site) if h.catalogue and (h.index_no or h.state == lifecycle.STATE_SCHEDULED)]
        pattern = model.pattern
        # make serve: the numbers are checked again only when what the check reads of a row changed (a save of a
        # title or a text leaves every row's number, date, file and place as they were); else its verdict, the
        # rows kept in their order and its problems, is the last save's, and the rows themselves are this save's.
        read = tuple(map(_NUMBERED, items))
        parts = (read, tuple(held), model.reserved, (pattern.template, pattern.credit_code) if pattern else None,
                 site.today)
        kept, model.checked = site.made_reporting(
            ("catalogue: numbers",), parts, lambda: _numbers(site, model, items, held),
            equal=lambda before, now: before[0] == now[0] and all(
                a is b or same(a, b) for a, b in zip(before[1:], now[1:])))
        model.items = [items[k] for k in kept]

    # ---- output ------------------------------------------------------------------------------------
    def _filters(self, years: list, categories: list, year, validity, category, tally: dict):
        """Links of the filter bar for the page showing (year, validity, category), with counts.

        Counts come from `tally` (items per filter, ALL included: _by_filter; a filter absent has none), not from
        scanning every item for every link: a catalogue of thousands of items has hundreds of filter pages with
        twenty links each.
        """
        def option(label, y, v, c):
            return {"label": label, "url": filter_url(y, v, c), "count": tally.get((y, v, c), 0),
                    "current": (y, v, c) == (year, validity, category)}

        return [
            ("年份", "year", [dict(option("全部", ALL, validity, category), value=ALL)]
             + [dict(option(f"{y}年", y, validity, category), value=str(y)) for y in years]),
            ("有效性", "validity", [dict(option("全部", year, ALL, category), value=ALL)]
             + [dict(option(v, year, v, category), value=v) for v, _slug in VALIDITIES]),
            ("类别", "category", [dict(option("全部", year, validity, ALL), value=ALL)]
             + [dict(option(c.name, year, validity, c.name), value=c.name) for c in categories]),
        ]

    def _list_pages(self, years: list, categories: list, renderer, tally: dict, year, validity, category,
                    chosen):
        """The pages of one filter's list, PAGE_SIZE items each: xxgk/ml/…/, xxgk/ml/…/page/2/ …; `years` and
        `categories`: those of the whole catalogue (model.years(), model.categories()), worked out once."""
        site = renderer.site
        # make serve: the filter bar of the last save while the catalogue's years, categories and counts are the
        # same (they are interned by pages()), so that a page's record finds it unchanged by identity instead of
        # walking its few dozen links
        filters = site.made_from(("catalogue: filters", year, validity, category), (years, categories, tally),
                                 lambda: self._filters(years, categories, year, validity, category, tally))
        main = (year, validity, category) == (ALL, ALL, ALL)
        parts = [f"{year}年" if year != ALL else "", validity if validity != ALL else "",
                 category if category != ALL else ""]
        heading = "、".join(p for p in parts if p) or "全部信息"
        title = "政府信息公开目录" if main else f"政府信息公开目录：{heading}"
        description = ("本局主动公开的全部政府信息：索引号、名称、内容概述、生成日期" if main
                       else f"政府信息公开目录中{heading}的信息")
        for page in list_pages(filter_url(year, validity, category), chosen, PAGE_SIZE):
            first = page.number == 1
            yield renderer.page(
                page.src_uri, title if first else f"{title}（第{page.number}页）", "catalogue/index.html",
                meta={"description": description, "hide": ["toc"], "search": {"list": True}},
                toc=[(2, "items", "目录")] + ([(2, "open-data", "开放数据")] if main and first else []),
                items=page.items, total=len(chosen),
                filters=filters,
                main=main, open_data=main and first,
                complete=main and page.only,  # every item on this page: filter and sort in place
                page_number=page.number, page_urls=page.urls, page_size=PAGE_SIZE,
                heading=heading, categories=categories, api=API_FILE, api_schema=API_SCHEMA_FILE, by_name=BY_NAME)

    def pages(self, site: Site, renderer):
        model: CatalogueModel = site.models[self.name]
        chosen_by = _by_filter(model.items)
        tally = {key: len(items) for key, items in chosen_by.items()}
        years, categories = model.years(), model.categories()
        if site.memo is not None:  # the objects of the last save while equal: compared once here, not per page
            tally = site.memo.intern(("catalogue: tally",), tally)
            years, categories = site.memo.intern(("catalogue: years",), (years, categories))
        yield from self._list_pages(years, categories, renderer, tally, ALL, ALL, ALL, model.items)
        for year in [ALL, *years]:
            for validity in [ALL] + [v for v, _s in VALIDITIES]:
                for category in [ALL] + [c.name for c in categories]:
                    if (year, validity, category) == (ALL, ALL, ALL):
                        continue
                    chosen = chosen_by.get((year, validity, category))
                    if chosen:
                        yield from self._list_pages(years, categories, renderer, tally, year, validity, category,
                                                    chosen)

    def files(self, site: Site, renderer):
        model: CatalogueModel = site.models[self.name]
        text = catalogue_json(site, model.items, model.documents)
        yield GeneratedFile(API_FILE, text.encode("utf-8"))
        yield GeneratedFile(API_SCHEMA_FILE, API_SCHEMA.read_bytes())


def catalogue_json(site: Site, items: list[CatalogueRow], documents: dict[str, Document]) -> str:
    """The catalogue as open data. Field meanings are documented on the catalogue page and in docs/architecture.md.

    Written as json.dumps(…, indent=2) would write it, one item at a time: under make serve an item's text is
    reused while its row and document are the same (a save changes one item of thousands)."""
    head = {
        "version": API_VERSION,
        "publisher": site.settings.get("机构名称", ""),
        "publisher_credit_code": site.settings.get("统一社会信用代码", ""),
        "site": site.absolute_url(""),
        "catalogue_url": site.absolute_url(URL),
        # The newest item's date, not the build date: the file only changes when the catalogue does.
        "updated": max((i.date for i in items), default=site.today).isoformat(),
        "count": len(items),
    }
    # a record per item: its row and document are the very objects of the last save when unchanged
    texts = [site.made_from(("catalogue: json item", i.id), (i, documents[i.id], site.site_url),
                            lambda i=i: _item_json(site, i, documents[i.id])) for i in items]
    listed = '"items": [\n' + ",\n".join(texts) + "\n  ]" if texts else '"items": []'
    return _json(head)[:-2] + ",\n  " + listed + "\n}\n"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)


def _item_json(site: Site, i: CatalogueRow, doc: Document) -> str:
    """One item of catalogue_json, indented as the second level of the file."""
    item = {
        "id": i.id,
        "index_no": i.index_no,
        "title": i.title,
        "summary": i.summary,
        "date": i.date.isoformat(),
        "year": i.date.year,
        "category": i.category,
        "category_basis": BY_NAME[i.category].basis,
        "validity": i.validity or None,
        "kind": i.kind,
        "url": site.absolute_url(i.url),
        **_document_fields(site, doc),
    }
    return "\n".join("    " + line for line in _json(item).split("\n"))


def _document_fields(site: Site, doc: Document) -> dict:
    """What the catalogue JSON adds from the document core: its typed fields, and every metadata row the page
    shows (`metadata`), so that a field an editor adds to a type reaches the open data as well."""
    status = doc.status
    return {
        "doc_number": doc.doc_number or None,
        "publisher": doc.publisher or None,
        "topic": doc.topic or None,
        "doc_type": doc.doc_type or None,
        "formed": doc.formed.isoformat() if doc.formed else None,
        "published": doc.published.iso(),
        "effective": doc.effective.isoformat() if doc.effective else None,
        "updated": doc.updated.iso() if doc.updated else None,
        "validity_since": status.since.isoformat() if status and status.since else None,
        "validity_reason": status.reason if status and status.reason else None,
        "audiences": list(doc.audiences),
        "sample": doc.sample,
        "attachments": [{"name": a.name, "url": site.absolute_url(a.url), "size": a.size, "type": a.media_type}
                        for a in doc.attachments],
        "metadata": [{"label": f.label, "value": f.value} for f in facts(doc)],
    }


CONTENT_TYPE = Catalogue()
