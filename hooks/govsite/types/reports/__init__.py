"""法治政府建设年度报告: one Markdown page per year under content/pufa/fzzf/, plus a list page."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ...model import CatalogueItem, ContentType, Site, Update, page_url

PREFIX = "pufa/fzzf/"


class Reports(ContentType):
    name = "reports"
    label = "法治政府建设"
    order = 20
    content_prefixes = (PREFIX,)
    front_matter_schema = Path(__file__).with_name("report.schema.json")

    def load(self, site: Site) -> None:
        by_year: dict[int, object] = {}
        for doc in site.documents_under(PREFIX):
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
        yield renderer.page(PREFIX + "index.md", "法治政府建设年度报告", "reports/list.html",
                            reports=[{"title": d.meta["标题"], "year": d.meta["年度"], "date": d.meta["发布日期"],
                                      "url": page_url(d.src_uri)} for d in reports])

    def document_html(self, site: Site, doc, renderer):
        if doc.src_uri == PREFIX + "index.md":
            return "", ""
        header = renderer.render("reports/header.html", page_url(doc.src_uri), report=doc.meta)
        return header, ""

    def catalogue(self, site: Site):
        for doc in site.models[self.name]:
            yield CatalogueItem(id=f"fzzf-reports/{doc.meta['年度']}", index_no=doc.meta.get("索引号", ""),
                                title=doc.meta["标题"], summary=doc.meta.get("描述", ""),
                                date=dt.date.fromisoformat(doc.meta["发布日期"]), category="工作报告", validity="",
                                url=page_url(doc.src_uri), kind="法治政府建设年度报告", file=doc.file,
                                line=doc.located.line_of(("索引号",)) if doc.located else 0)

    def updates(self, site: Site):
        for doc in site.models[self.name]:
            yield Update(date=dt.date.fromisoformat(doc.meta["发布日期"]), title=doc.meta["标题"],
                         url=page_url(doc.src_uri), kind=self.label, summary=doc.meta.get("描述", ""))


CONTENT_TYPE = Reports()
