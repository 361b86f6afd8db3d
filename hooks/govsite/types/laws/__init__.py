"""法律法规库: real law texts (LawRefBook Markdown) with metadata in YAML, one file per law in data/laws/.

Each law gets a page with every article anchored (`#art-21`), earlier versions get their own page and a
comparison with the current text, and the list page groups laws by 效力位阶 with filters by 时效性 and 主题.
时效性 is computed from the dates and site.today, never typed. Citations ([[简称#条]]) are resolved by
govsite.crossref against the model built here.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from markupsafe import escape

from ... import crossref, lifecycle
from ...build import load_yaml_checked
from ...document import Body, Document, Related, Status, When, zh_day
from ...model import ContentType, FeedChannel, Site
from ...problems import InputError
from ...yamlfile import load_yaml
from . import compare, parser
from .model import RANKS, STATUS_CLASS, STATUSES, Law, LawLibrary, LawVersion

SCHEMA = Path(__file__).with_name("law.schema.json")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EFFECTIVE_RE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
RECENT_DAYS = 365  # law events newer than this appear among the home page's latest updates
TOPICS = ("安置", "抚恤优待", "褒扬纪念", "就业创业", "权益维护", "信息公开", "个人信息保护", "国家根本制度")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _text_effective_date(parsed: parser.ParsedLaw) -> dt.date | None:
    """The date of "本法自……起施行" in the last articles, when the text states one."""
    for article in reversed(parsed.articles[-3:]):
        m = EFFECTIVE_RE.search(article.text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def _names_in(path: Path, root: Path) -> set[str]:
    """标题 and 简称 of a law file that failed validation, read leniently (may be empty)."""
    try:
        data = load_yaml(path, root).data  # the safe loader: size, encoding and alias limits still apply
    except InputError:  # the file's own error is already reported
        return set()
    if not isinstance(data, dict):
        return set()
    return {str(data[key]) for key in ("标题", "简称") if isinstance(data.get(key), str)}


class Laws(ContentType):
    name = "laws"
    label = "法律法规"
    order = 15  # before every type whose YAML or pages cite articles

    # ---- load ---------------------------------------------------------------------------------------
    def load(self, site: Site) -> None:
        library = LawLibrary()
        site.models[self.name] = library
        folder = site.data_dir / "laws"
        if folder.is_dir():
            for path in site.yaml_files(folder):
                law = self._load_law(site, path, library)
                if law is not None and self._admit(site, library, law):
                    self._register(site, library, law)
        for law in library.sorted_laws():
            self._link_successor(site, library, law)
        for law in library.sorted_laws():
            if law.repeal_basis:
                line = law.located.text_line_of(("废止依据",))
                crossref.check_text(site, law.repeal_basis, law.file, line, "废止依据")
        # What a citation shows (titles, article texts, statuses on today) depends on these files and the date
        # alone: the Markdown pipeline keys its conversions by this digest under make serve.
        library.digest = hashlib.sha1(repr((sorted(library.sources), site.today)).encode("utf-8")).hexdigest()
        crossref.check_documents(site)

    def _load_law(self, site: Site, path: Path, library: LawLibrary) -> Law | None:
        file = site.rel(path)
        if not SLUG_RE.match(path.stem):
            site.problems.error(file, 0, "", "文件名只能用小写字母、数字和连字符（文件名就是网址），如 tuiyi-junren-anzhi-tiaoli.yml")
            return None
        located = load_yaml_checked(site, path, SCHEMA)
        if located is not None:
            library.sources.append((file, site.read_text(path)))
        if located is None:
            # Its own errors are reported; citations of it elsewhere should not add a second wave of errors.
            library.broken_names.update(_names_in(path, site.root) | {path.stem})
            return None
        data = located.data
        law = Law(slug=path.stem, title=data["标题"], short=data["简称"], rank=data["效力位阶"],
                  issuer=data["制定机关"], topics=list(data["主题"]), source=data["来源"],
                  source_url=data.get("来源网址", ""), file=file, located=located,
                  repealed=_date(data.get("废止日期")), repeal_basis=data.get("废止依据", ""),
                  successor_name=data.get("替代", ""))
        library.broken_names.update({data["标题"], data["简称"], path.stem})  # until it loads completely
        law.current = self._load_version(site, law, data, (), "")
        for i, entry in enumerate(data.get("历史版本", [])):
            version = self._load_version(site, law, entry, ("历史版本", i), entry["标识"])
            if version is not None:
                law.history.append(version)
        if law.current is None:
            return None
        law.history.sort(key=lambda v: v.effective)
        seen: set[str] = set()
        for i, entry in enumerate(data.get("历史版本", [])):
            where = located.line_of(("历史版本", i, "标识"))
            if entry["标识"] in seen:
                site.problems.error(file, where, f"历史版本[{i + 1}].标识", f"标识“{entry['标识']}”重复")
            seen.add(entry["标识"])
            if entry["施行日期"] >= data["施行日期"]:
                site.problems.error(file, located.line_of(("历史版本", i, "施行日期")), f"历史版本[{i + 1}].施行日期",
                                    "历史版本的施行日期应早于现行文本的施行日期")
        if law.repealed and law.repealed <= law.current.effective:
            site.problems.error(file, located.line_of(("废止日期",)), "废止日期", "废止日期应晚于施行日期")
        if law.successor_name and not law.repealed:
            site.problems.error(file, located.line_of(("替代",)), "替代", "写了“替代”就应同时写“废止日期”")
        return law

    def _load_version(self, site: Site, law: Law, entry: dict, path: tuple, ident: str) -> LawVersion | None:
        located = law.located
        prefix = f"{path[0]}[{path[1] + 1}]." if path else ""
        text_path = (site.data_dir / "laws" / entry["文本"])
        line = located.line_of(path + ("文本",))
        try:
            text_path.resolve().relative_to((site.data_dir / "laws").resolve())
        except ValueError:
            site.problems.error(law.file, line, prefix + "文本", "文本应放在 data/laws/ 之内")
            return None
        if not text_path.is_file():
            site.problems.error(law.file, line, prefix + "文本", f"找不到全文文件 data/laws/{entry['文本']}")
            return None
        try:
            text = site.read_text(text_path)
        except InputError as exc:
            site.problems.extend(exc.problems)
            return None
        text_file = site.rel(text_path)
        library = site.models[self.name]
        library.sources.append((text_file, text))
        parsed = site.reuse("laws: parse", text, lambda: parser.parse(text))
        for problem_line, message in parsed.problems:
            site.problems.error(text_file, problem_line, "", message)
        if parsed.problems:
            return None
        if parsed.title != law.title:
            site.problems.error(law.file, located.line_of(("标题",)), "标题",
                                f"与全文 {text_file} 第一行的标题“{parsed.title}”不一致")
        promulgated, effective = _date(entry["公布日期"]), _date(entry["施行日期"])
        if not entry.get("日期说明"):
            self._check_dates(site, law, parsed, path, prefix, promulgated, effective, text_file)
        label = entry.get("版本") or f"{promulgated.year}年公布"
        return LawVersion(law=law, ident=ident, label=label, promulgated=promulgated, effective=effective,
                          doc_no=entry.get("文号", ""), date_note=entry.get("日期说明", ""),
                          text_file=text_file, parsed=parsed)

    def _check_dates(self, site, law, parsed, path, prefix, promulgated, effective, text_file) -> None:
        """Dates must agree with the text's own header lines and its "自……起施行" article."""
        header_dates = {h.date for h in parsed.header if h.date}
        if header_dates and promulgated not in header_dates:
            listed = "、".join(sorted(d.isoformat() for d in header_dates))
            site.problems.error(law.file, law.located.line_of(path + ("公布日期",)), prefix + "公布日期",
                                f"{promulgated} 不在全文 {text_file} 题注的日期中（{listed}）；"
                                "如确有依据，请在“日期说明”中写明")
        stated = _text_effective_date(parsed)
        if stated and effective != stated and effective not in header_dates:
            site.problems.error(law.file, law.located.line_of(path + ("施行日期",)), prefix + "施行日期",
                                f"{effective} 与全文“自{stated.year}年{stated.month}月{stated.day}日起施行”不一致；"
                                "如确有依据，请在“日期说明”中写明")

    def _admit(self, site: Site, library: LawLibrary, law: Law) -> bool:
        """A law is added to the library like any document (草稿, 定时发布, 撤回, review record). Held back, it is
        not in the library: citations of it and 替代 naming it say why (lifecycle.held_law)."""
        urls = [law.url] + [v.url for v in law.history] + [v.compare_url for v in law.history]
        admission = lifecycle.admit(site, law.located, kind="法律法规", title=law.title, url=law.url,
                                     urls=tuple(urls), names=tuple(law.names))
        if not admission:
            if lifecycle.held_law(site, law.slug) is not None:  # not broken: held back (citations say so)
                library.broken_names.difference_update(law.names)
            return False
        law.lifecycle = admission.lifecycle
        return True

    def _register(self, site: Site, library: LawLibrary, law: Law) -> None:
        for key, name in (("标题", law.title), ("简称", law.short)):
            other = library.by_name.get(name)
            if other is not None and other is not law:
                site.problems.error(law.file, law.located.line_of((key,)), key, f"“{name}”已用于 {other.file}")
                return
        library.laws[law.slug] = law
        library.broken_names.difference_update({law.title, law.short, law.slug})
        for name in (law.title, law.short, law.slug):
            library.by_name.setdefault(name, law)

    def _link_successor(self, site: Site, library: LawLibrary, law: Law) -> None:
        if not law.successor_name:
            return
        successor = library.lookup(law.successor_name)
        waiting = lifecycle.held_law(site, law.successor_name) if successor is None else None
        if waiting is not None:
            site.problems.error(law.file, law.located.line_of(("替代",)), "替代",
                                f"所指的《{waiting.title}》（{waiting.file}:{waiting.line}）{waiting.describe()}；"
                                "已发布的法律法规不能指向未发布或已撤回的法律法规")
            return
        if successor is None or successor is law:
            site.problems.error(law.file, law.located.line_of(("替代",)), "替代",
                                f"找不到法律法规“{law.successor_name}”；应为已收录的标题、简称或文件名")
            return
        law.successor = successor
        successor.predecessors.append(law)

    # ---- pages --------------------------------------------------------------------------------------
    def pages(self, site: Site, renderer):
        library: LawLibrary = site.models[self.name]
        today = site.today
        laws = library.sorted_laws()
        yield renderer.page("laws/index.md", "法律法规", "laws/list.html",
                            toc=[(2, f"rank-{RANKS.index(r)}", r) for r in RANKS if any(law.rank == r for law in laws)],
                            meta={"description": "本局执行的法律法规全文，标明效力位阶、施行日期和时效性", "search": {"list": True}},
                            groups=self._groups(laws), statuses=STATUSES, status_class=STATUS_CLASS,
                            topics=[t for t in TOPICS if any(t in law.topics for law in laws)],
                            counts=self._counts(laws, today), today=today, ranks=RANKS)
        for law in laws:
            yield self._version_page(site, renderer, law.current)
            for version in law.history:
                yield self._version_page(site, renderer, version)
                rows = compare.compare(version.parsed.articles, law.current.parsed.articles)
                yield renderer.page(version.compare_src_uri, f"{law.title}（{version.label}）与现行文本对照",
                                    "laws/compare.html", meta={"description": f"{law.title}{version.label}与现行文本的逐条对照",
                                                               # not in the site search: it repeats both versions'
                                                               # texts, and as a hit would only crowd out those texts
                                                               "search": {"exclude": True}},
                                    law=law, version=version, rows=rows, counts=compare.summary(rows),
                                    status_class=STATUS_CLASS)

    def _groups(self, laws: list[Law]):
        return [(RANKS.index(rank), rank, [law for law in laws if law.rank == rank])
                for rank in RANKS if any(law.rank == rank for law in laws)]

    def _counts(self, laws: list[Law], today: dt.date) -> dict[str, int]:
        counts: dict[str, int] = {}
        for law in laws:
            for version in law.all_versions:
                status = version.status(today)
                counts[status] = counts.get(status, 0) + 1
            for topic in law.topics:
                counts[topic] = counts.get(topic, 0) + 1
        return counts

    def _version_page(self, site: Site, renderer, version: LawVersion):
        law = version.law
        title = law.title if version.is_current else f"{law.title}（{version.label}）"
        toc = [(min(h.level, 4), h.anchor, str(escape(h.title))) for h in version.parsed.headings]  # toc titles are HTML
        return renderer.page(version.src_uri, title, "laws/law.html", toc=toc,
                             meta={"description": f"{law.title}全文（{version.label}），时效性：{version.status(site.today)}"},
                             law=law, version=version, status=version.status(site.today), parts=law_parts(version),
                             status_class=STATUS_CLASS, today=site.today,
                             # citations resolve against the current text: only its page lists what rests on them
                             related=site.models[self.name].related_to(law) if version.is_current else {},
                             repeal_basis=law.repeal_basis)

    # ---- documents: what happened to the laws, up to today ------------------------------------------------
    def documents(self, site: Site):
        """A document for each version's promulgation and each repeal (feeds, search facts of the law pages,
        the home page for the last RECENT_DAYS): the one mapping of the law library into the document core."""
        if self.name not in site.models:
            return
        library: LawLibrary = site.models[self.name]
        today = site.today
        for law in library.sorted_laws():
            for version in law.all_versions:
                if version.promulgated <= today:
                    yield version_document(law, version, today)
            if law.repealed and law.repealed <= today:
                yield repeal_document(law, today)

    def feed_channels(self, site: Site):
        yield FeedChannel(name="laws", title=f"{site.settings.get('网站名称', '')} · 法律法规",
                          description="法律法规库的更新：新收录、修订和废止的法律法规。", url="laws/",
                          group="法律法规", order=30)


def _version_status(law: Law, version: LawVersion, today: dt.date) -> Status:
    value = version.status(today)
    if value == "已废止":
        successor = f"由《{law.successor.title}》取代" if law.successor else ""
        return Status(value, since=law.repealed, reason=successor)
    if value == "已修改":
        newer = min((v for v in law.all_versions if version.effective < v.effective <= today), key=lambda v: v.effective)
        return Status(value, since=newer.effective, reason=f"由{newer.label}文本取代")
    return Status(value)


def _law_document(law: Law, version: LawVersion, today: dt.date, **fields) -> Document:
    """What every document about a law shares; `fields` adds the event's own."""
    comparisons = tuple((f"与{v.label}文本对照", v.compare_url) for v in law.history)
    related = [Related("版本对照", f"《{law.short}》{label}", url) for label, url in comparisons]
    if not version.is_current:
        related.insert(0, Related("现行文本", f"《{law.title}》（{law.current.label}）", law.url))
    if law.successor is not None:
        related.insert(0, Related("替代的法律法规", law.successor.title, law.successor.url))
    return Document(
        kind="法律法规", publisher=law.issuer, doc_number=version.doc_no, topic="、".join(law.topics),
        related=tuple(related), feeds=("laws",), categories=(law.rank,),
        on_home=today - dt.timedelta(days=RECENT_DAYS) < fields["published"].day <= today, file=law.file,
        lifecycle=law.lifecycle, **fields)


def version_document(law: Law, version: LawVersion, today: dt.date) -> Document:
    new = version is law.all_versions[0]
    summary = f"{version.label}，{zh_day(version.effective)}起施行"
    return _law_document(
        law, version, today, id=f"laws/{law.slug}/{version.promulgated.isoformat()}",
        title=f"《{law.title}》{version.label}", url=version.url, published=When(version.promulgated),
        effective=version.effective, status=_version_status(law, version, today), summary=summary,
        body=Body(template="laws/event.html", context=(
            ("summary", f"{'新收录' if new else '修订'}：《{law.title}》{summary}。"),
            ("text_url", version.url), ("text_label", f"阅读{version.label}全文"),
            ("source", law.source), ("source_url", law.source_url))))


def repeal_document(law: Law, today: dt.date) -> Document:
    successor = f"，由《{law.successor.title}》取代" if law.successor else ""
    summary = f"自{zh_day(law.repealed)}起废止{successor}"
    return _law_document(
        law, law.current, today, id=f"laws/{law.slug}/repealed", title=f"《{law.title}》已废止", url=law.url,
        published=When(law.repealed), effective=law.current.effective,
        status=Status("已废止", since=law.repealed, reason=f"由《{law.successor.title}》取代" if law.successor else ""),
        summary=summary,
        body=Body(template="laws/event.html", context=(
            ("summary", f"《{law.title}》{summary}。"), ("text_url", law.url), ("text_label", "查看原文（仅供查阅）"),
            ("source", law.source), ("source_url", law.source_url))))


CONTENT_TYPE = Laws()


def law_parts(version: LawVersion) -> list[dict]:
    """The text's headings (编, 章, 节) in order, each with its first and last article (those under it and the
    headings below it): the page's navigation by 章 and 条, which a phone shows nowhere else (Material's table of
    contents sits in its drawer there)."""
    parts: list[dict] = []
    open_above: list[dict] = []  # the headings the next article is under, outermost first
    for item in version.parsed.items:
        if item.kind == "heading":
            while open_above and open_above[-1]["level"] >= item.level:
                open_above.pop()
            part = {"title": " ".join(item.title.split()), "anchor": item.anchor, "level": item.level,
                    "depth": len(open_above), "first": None, "last": None}
            parts.append(part)
            open_above.append(part)
        elif item.kind == "article":
            for part in open_above:
                part["first"] = part["first"] or item
                part["last"] = item
    return parts
