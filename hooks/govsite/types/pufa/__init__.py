"""普法宣传: the section page, 普法责任清单 (“谁执法谁普法”, from YAML), 普法活动 (Markdown news), the 普法日历
(calendar.py) and the 普法 pages per audience (audiences.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ... import crossref
from ...build import load_yaml_checked
from ...document import Body, Document, Fact, When, document_of, zh_day
from ...model import ContentType, FeedChannel, Site, page_url
from . import audiences, calendar

NEWS_PREFIX = "pufa/news/"
DUTIES_FILE = "responsibilities.yml"
DUTIES_PAGE = "pufa/qingdan.md"
LATEST = 5


AUDIENCE_SECTIONS = (("falv", "相关法律条文"), ("anli", "以案释法"), ("wenda", "政策问答"), ("dati", "普法答题"),
                     ("zhengce", "可以享受的政策"))


class Pufa(ContentType):
    name = "pufa"
    label = "普法活动"
    order = 30  # after the laws type: the list names laws and cites articles
    content_prefixes = (NEWS_PREFIX,)
    front_matter_schema = Path(__file__).with_name("news.schema.json")

    def load(self, site: Site) -> None:
        news = [d for d in site.editor_pages_under(NEWS_PREFIX) if d.src_uri != NEWS_PREFIX + "index.md"]
        news.sort(key=lambda d: (d.meta["发布日期"], d.src_uri), reverse=True)
        duties = None
        path = site.data_dir / "pufa" / DUTIES_FILE
        if path.exists():
            duties = load_yaml_checked(site, path, Path(__file__).with_name("duties.schema.json"))
            if duties is not None:
                self._check_duties(site, duties)
        dates, calendar_note, _ = calendar.load(site, site.data_dir / "pufa")
        site.models[self.name] = {"news": news, "duties": duties, "calendar": dates, "calendar_note": calendar_note}

    def _check_duties(self, site: Site, located) -> None:
        library = site.models.get("laws")
        for i, row in enumerate(located.data["清单"]):
            for j, name in enumerate(row["法律法规"]):
                law = library.lookup(name) if library else None
                where = located.line_of(("清单", i, "法律法规", j))
                field = f"清单[{i + 1}].法律法规[{j + 1}]"
                if law is None and library is not None and name.strip() in library.broken_names:
                    continue  # that law's own file has errors, reported there
                if law is None:
                    site.problems.error(located.file, where, field, f"法律法规库中没有“{name}”；请写已收录的简称或标题")
                elif law.status(site.today) == "已废止":
                    site.problems.error(located.file, where, field, f"《{law.short}》已废止，不应再列入普法责任清单")
            crossref.check_text(site, row["普法内容"], located.file, located.line_of(("清单", i, "普法内容")),
                                f"清单[{i + 1}].普法内容", allow_repealed=False)

    def _news_items(self, site: Site):
        return [{"title": d.meta["标题"], "date": d.meta["发布日期"], "url": page_url(d.src_uri),
                 "summary": d.meta.get("描述", ""), "sample": d.meta.get("示例", False),
                 "event_date": d.meta.get("活动日期", "")} for d in site.models[self.name]["news"]]

    def pages(self, site: Site, renderer):
        model = site.models[self.name]
        news = self._news_items(site)
        duties = model["duties"]
        reports = site.models.get("reports", [])
        yield renderer.page("pufa/index.md", "普法宣传", "pufa/index.html",
                            meta={"description": "普法责任清单、普法活动、法治政府建设年度报告", "search": {"list": True}},
                            news=news[:LATEST], news_count=len(news), duties=duties.data if duties else None,
                            reports=[{"title": d.meta["标题"], "url": page_url(d.src_uri)} for d in reports[:3]])
        yield renderer.page(NEWS_PREFIX + "index.md", "普法活动", "pufa/news-list.html",
                            meta={"description": "本局开展的普法宣传活动", "search": {"list": True}}, news=news)
        yield from self._calendar_pages(site, renderer, news)
        yield from self._audience_pages(site, renderer)
        if duties is not None:
            rows = [dict(row, laws=[site.models["laws"].lookup(n) for n in row["法律法规"]],
                         content=row["普法内容"])
                    for row in duties.data["清单"]]
            yield renderer.page(DUTIES_PAGE, "普法责任清单", "pufa/duties.html",
                                meta={"description": "按照“谁执法谁普法”普法责任制，本局的普法责任清单", "search": {"list": True}},
                                duties=duties.data, rows=rows)

    def _calendar_pages(self, site: Site, renderer, news: list[dict]):
        model = site.models[self.name]
        entries = []
        for found in calendar.upcoming(model["calendar"], site.today):
            date = found.date
            entries.append({"name": date.name, "anchor": date.anchor, "label": date.label, "start": found.start,
                            "end": found.end, "days": found.days, "month_long": date.day is None,
                            "note": date.note,
                            "laws": [{"short": law.short, "url": law.url} for law in date.laws],
                            "activities": calendar.activities(date, news)})
        yield renderer.page(calendar.PAGE_URL + "index.md", "普法日历", "pufa/calendar.html",
                            meta={"description": "国家安全教育日、民法典宣传月、八一建军节、烈士纪念日、国家宪法日等普法宣传日，"
                                                 "以及本局在这些日子举办的普法活动", "search": {"list": True}},
                            toc=[(2, e["anchor"], e["name"]) for e in entries],
                            note=model["calendar_note"], entries=entries)

    def _audience_pages(self, site: Site, renderer):
        from ..quiz import question_context

        pages = audiences.gather(site)
        if not pages:
            return
        yield renderer.page(audiences.PREFIX + "index.md", "按人员学法", "pufa/audiences.html",
                            meta={"description": "按退役军人、伤残军人、烈士遗属、军属等人员类别，查看相关的法律条文、案例、问答和普法答题",
                                  "search": {"kind": "普法", "list": True}},
                            pages=[{"name": p.audience.name, "url": p.url, "cases": len(p.cases),
                                    "questions": len(p.questions),
                                    "articles": len(p.main_citations) + len(p.other_citations)} for p in pages])
        for page in pages:
            audience = page.audience

            def case(c):
                return {"title": c.title, "url": c.url, "sample": c.sample, "summary": c.summary, "topics": c.topics,
                        "source": c.data.get("来源", {}).get("发布机关", "")}

            def question(pair, from_url=page.url):
                bank, q = pair
                return dict(question_context(site, q, from_url), bank=bank.title, url=f"{bank.url}#{q.anchor}")

            def answer(a):
                return {"question": a.question, "url": f"qa/#{a.anchor}", "topic": a.topic}

            banks = {}
            for bank, _q in page.questions.main + page.questions.more:
                banks.setdefault(bank.id, {"title": bank.title, "url": bank.url})
            sections = {
                "main_articles": audiences.main_articles(site, page.main_citations),
                "other_laws": audiences.other_laws(site, page.other_citations, page.url),
                "cases": [case(c) for c in page.cases.main], "more_cases": [case(c) for c in page.cases.more],
                "answers": [answer(a) for a in page.answers.main],
                "more_answers": [answer(a) for a in page.answers.more],
                "questions": [question(p) for p in page.questions.main],
                "more_questions": [question(p) for p in page.questions.more], "banks": list(banks.values()),
                "benefits": [{"title": b.title, "url": b.url} for b, o in page.benefits if o.status == "适用"],
                "maybe": sum(1 for _b, o in page.benefits if o.status != "适用")}
            # the sections the page shows: those with something in them (the template leaves the others out)
            shown = {"falv": ("main_articles", "other_laws"), "anli": ("cases", "more_cases"),
                     "wenda": ("answers", "more_answers"), "dati": ("questions", "more_questions", "banks"),
                     "zhengce": ("benefits", "maybe")}
            yield renderer.page(
                f"{page.url}index.md", f"{audience.name}学法用法", "pufa/audience.html",
                meta={"description": f"与{audience.name}有关的法律条文、以案释法案例、政策问答和普法答题。{audience.description}",
                      "search": {"kind": "普法", "list": True}},
                toc=[(2, anchor, heading) for anchor, heading in AUDIENCE_SECTIONS
                     if any(sections[key] for key in shown[anchor])],
                audience={"name": audience.name, "description": audience.description, "anchor": audience.anchor,
                          "feed": audience.feed},
                **sections)

    def document_html(self, site: Site, page, renderer):
        if page.src_uri == NEWS_PREFIX + "index.md":
            return "", ""
        from_url = page_url(page.src_uri)
        doc = document_of(site, f"pufa/news/{page.src_uri[len(NEWS_PREFIX):-len('.md')]}", lambda: news_document(page))
        # make serve: rendered again only when the article's document changed (the one its catalogue row, feed item
        # and search facts are made from)
        return site.renders("pufa: header", (from_url, doc),
                            lambda: renderer.render("document/header.html", from_url, doc=doc), place=from_url), ""

    def documents(self, site: Site):
        for page in site.models[self.name]["news"]:
            if not page.source_digest:
                yield news_document(page)
                continue
            # made again under make serve only when its file or its lifecycle (the date) changed
            yield site.document_from(f"pufa/news/{page.src_uri[len(NEWS_PREFIX):-len('.md')]}",
                                     (page.source_digest, page.lifecycle), lambda page=page: news_document(page))

    def feed_channels(self, site: Site):
        yield FeedChannel(name="pufa", title=f"{site.settings.get('网站名称', '')} · 普法活动",
                          description="本局开展的普法宣传活动。", url="pufa/news/", group="普法宣传", order=40)



def news_document(page) -> Document:
    """A 普法活动 article as a Document (page header, feed item with its whole text, search, home page)."""
    meta = page.meta
    extra = []
    if meta.get("活动日期"):
        day = dt.date.fromisoformat(meta["活动日期"])
        extra.append(Fact("活动日期", zh_day(day), day.isoformat()))
    if meta.get("地点"):
        extra.append(Fact("地点", meta["地点"]))
    return Document(
        id=f"pufa/news/{page.src_uri[len(NEWS_PREFIX):-len('.md')]}", kind="普法活动", title=meta["标题"],
        url=page_url(page.src_uri), published=When(dt.date.fromisoformat(meta["发布日期"])),
        publisher=meta["发布机构"], summary=meta.get("描述", ""), sample=bool(meta.get("示例")),
        body=Body(markdown=page.body, base=page.src_uri, file=page.file, line=page.body_line),
        extra=tuple(extra), feeds=("pufa",), file=page.file, lifecycle=page.lifecycle)


CONTENT_TYPE = Pufa()
