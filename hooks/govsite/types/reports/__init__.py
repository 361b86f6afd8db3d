"""法治政府建设年度报告: one Markdown page per year under content/pufa/fzzf/, plus a list page."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...document import Body, Document, Fact, When
from ...model import ContentType, Site, page_url

PREFIX = "pufa/fzzf/"


class Reports(ContentType):
    name = "reports"
    label = "法治政府建设"
    order = 20
    content_prefixes = (PREFIX,)
    front_matter_schema = Path(__file__).with_name("report.schema.json")

    def load(self, site: Site) -> None:
        by_year: dict[int, object] = {}
        for doc in site.editor_pages_under(PREFIX):
            if doc.src_uri == PREFIX + "index.md":
                continue
            year = doc.meta["年度"]
            if year in by_year:
                first = by_year[year]
                site.problems.error(doc.file, doc.located.line_of(("年度",)), "年度",
                                    f"{year} 年度的报告重复：已在 {first.file} 中发布")
                continue
            by_year[year] = doc
        site.models[self.name] = [by_year[y] for y in sorted(by_year, reverse=True)]

    def pages(self, site: Site, renderer):
        reports = site.models[self.name]
        yield renderer.page(PREFIX + "index.md", "法治政府建设年度报告", "reports/list.html", meta={"search": {"list": True}},
                            reports=[{"title": d.meta["标题"], "year": d.meta["年度"], "date": d.meta["发布日期"],
                                      "url": page_url(d.src_uri)} for d in reports])

    def document_html(self, site: Site, page, renderer):
        if page.src_uri == PREFIX + "index.md":
            return "", ""
        return renderer.render("document/header.html", page_url(page.src_uri), doc=report_document(page)), ""

    def documents(self, site: Site):
        for page in site.models[self.name]:
            yield report_document(page)



def report_document(page) -> Document:
    """A 法治政府建设年度报告 as a Document (its page header, catalogue row 工作报告, feed item, search, home)."""
    meta = page.meta
    return Document(
        id=f"fzzf-reports/{meta['年度']}", kind="法治政府建设年度报告", title=meta["标题"], url=page_url(page.src_uri),
        published=When(dt.date.fromisoformat(meta["发布日期"])), index_no=meta.get("索引号", ""),
        publisher=meta["发布机构"], topic="法治政府建设", summary=meta.get("描述", ""),
        body=Body(markdown=page.body, base=page.src_uri, file=page.file, line=page.body_line),
        extra=(Fact("说明", meta["日期说明"]),) if meta.get("日期说明") else (),
        catalogue="工作报告", file=page.file,
        line=page.located.line_of(("索引号",)) if page.located else 0, lifecycle=page.lifecycle)


CONTENT_TYPE = Reports()
