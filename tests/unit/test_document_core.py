"""The document core (govsite.document): one model per document, every output made from it.

A row a type adds to a document (`extra`) must reach the page header, the feed item and the catalogue JSON without
any other code knowing it: that is what lets a new editor field need only its schema and one mapping.
"""
from __future__ import annotations

import datetime as dt
import json

from govsite.build import load_site
from govsite.document import Document, Fact, Status, When, facts, status_text
from govsite.render import Renderer
from govsite.types.catalogue import CatalogueRow, catalogue_json
from govsite.types.feeds.items import feed_item
from sitekit import REPO, copy_site


def policy_with_a_new_row():
    site = load_site(REPO)
    policies = next(t for t in site.types if t.name == "policies")
    doc = next(d for d in policies.documents(site) if d.id == "policies/2024-001")
    return site, Document(**{**doc.__dict__, "extra": (*doc.extra, Fact("签发人", "张＊＊（示例）"))})


def test_a_row_added_in_the_mapping_reaches_page_feed_and_catalogue_json():
    site, doc = policy_with_a_new_row()
    renderer = Renderer(site)
    header = renderer.render("document/header.html", doc.url, doc=doc)
    assert ">签发人</th><td>张＊＊（示例）</td>" in header
    item = feed_item(site, renderer, doc)
    assert ">签发人</th><td>张＊＊（示例）</td>" in item.content_html
    data = json.loads(catalogue_json(site, [CatalogueRow.of(doc)], {doc.id: doc}))
    assert {"label": "签发人", "value": "张＊＊（示例）"} in data["items"][0]["metadata"]


def test_the_policy_page_feed_and_json_show_the_same_metadata():
    site, doc = policy_with_a_new_row()
    rows = [(f.label, f.value) for f in facts(doc)]
    assert ("发文字号", "某退役军人发〔2024〕1号") in rows and ("有效性", "有效（有效期至2029年3月31日）") in rows
    data = json.loads(catalogue_json(site, [CatalogueRow.of(doc)], {doc.id: doc}))["items"][0]
    assert [(m["label"], m["value"]) for m in data["metadata"]] == rows
    assert data["doc_number"] == "某退役军人发〔2024〕1号" and data["validity"] == "有效"
    [attachment] = data["attachments"]
    assert attachment["url"].endswith("xxgk/fujian/2024-001-fj1.docx") and attachment["size"] > 1000
    assert attachment["type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_catalogue_json_is_written_as_json_dumps_with_indent_2_would_write_it():
    """It is put together item by item (make serve reuses unchanged items); the file must read exactly as the
    standard library writes it, for any number of items."""
    site = load_site(REPO)
    model = site.models["catalogue"]
    for rows in (model.items, model.items[:1], []):
        text = catalogue_json(site, rows, model.documents)
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
        assert [i["id"] for i in json.loads(text)["items"]] == [r.id for r in rows]
    assert len(model.items) > 10


def test_when_a_moment_or_a_day_is_known():
    minute = When.of(dt.datetime(2026, 3, 1, 9, 30))  # naive: Beijing time
    assert minute.iso() == "2026-03-01T09:30:00+08:00" and not minute.date_only
    day = When(dt.date(2026, 3, 1))
    assert day.iso() == "2026-03-01" and day.date_only
    assert day.instant.astimezone(dt.UTC).time() == dt.time(12, 0)  # the same day from UTC−11 to UTC+11
    utc = When.of(dt.datetime(2026, 2, 28, 20, 0, tzinfo=dt.UTC))
    assert (utc.day, utc.time) == (dt.date(2026, 3, 1), dt.time(4, 0))  # Beijing's day, not UTC's


def test_a_document_changes_when_its_status_does_not_before():
    published = When(dt.date(2023, 6, 16))
    repealed = Document(id="x", kind="政策文件", title="甲", url="x/", published=published,
                        status=Status("废止", since=dt.date(2025, 4, 1), reason="被《乙》废止"))
    assert repealed.changed == When(dt.date(2025, 4, 1)) and repealed.status.mark == "已废止"
    assert status_text(repealed.status) == "废止（自2025年4月1日起）"
    valid = Document(id="y", kind="政策文件", title="乙", url="y/", published=published,
                     status=Status("有效", until=dt.date(2029, 3, 31)))
    assert valid.changed == published and valid.status.mark == ""
    assert status_text(valid.status) == "有效（有效期至2029年3月31日）"
    edited = Document(id="z", kind="公示公告", title="丙", url="z/", published=published,
                      updated=When.of(dt.datetime(2023, 6, 20, 8, 0)), update_note="补充附件")
    assert edited.changed == edited.updated


def test_every_document_of_the_site_has_a_unique_id_and_a_page():
    site = load_site(REPO)
    assert site.problems.errors == []
    from govsite.document import all_documents

    docs = all_documents(site)
    assert len({d.id for d in docs}) == len(docs) > 40
    kinds = {d.kind for d in docs}
    assert {"政策文件", "政策解读", "公示公告", "普法活动", "法治政府建设年度报告", "年度报告", "办事指南", "法律法规",
            "政策问答"} <= kinds
    for doc in docs:
        assert doc.published.day <= site.today, doc.id  # nothing from the future
        assert doc.title and doc.url and not doc.url.startswith("/"), doc.id


def test_an_impossible_article_in_a_policys_text_stops_the_build_with_its_line(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/policies/2025-004.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("制定本办法。", "制定本办法（[[退役军人保障法#186]]）。", 1)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "#186" in t)
    messages = [p.format() for p in load_site(root).problems.errors]
    assert messages == [f"data/policies/2025-004.yml:{line} 正文: [[退役军人保障法#186]] 《退役军人保障法》共85条"
                        "（最后一条为第八十五条），没有第一百八十六条"]


def test_article_metadata_of_the_guideline_from_the_document():
    """网页元数据 (政府网站发展指引): PubDate as YYYY-MM-DD HH:MM in Beijing time, even half an hour after midnight
    (the day before in UTC); a day-only document from its Beijing midnight; the site's organisation when the
    document names no 发布机构; keywords from 主题词, else kind, topic and audiences; nothing invented."""
    from govsite.document import article_metadata

    early = Document(id="notices/x", kind="公示公告", title="关于<某>事项的公示", url="notices/x/",
                     published=When(dt.date(2026, 11, 26), dt.time(0, 30)), audiences=("优抚对象",),
                     summary="一段\n概述。")
    tags = dict(article_metadata(early, "https://www.example.gov.cn/notices/x/", "某区退役军人事务局"))
    assert tags == {"ArticleTitle": "关于<某>事项的公示", "PubDate": "2026-11-26 00:30",
                    "ContentSource": "某区退役军人事务局", "Keywords": "公示公告,优抚对象", "Description": "一段 概述。",
                    "Url": "https://www.example.gov.cn/notices/x/"}
    day_only = Document(id="policies/y", kind="政策文件", title="文件", url="xxgk/zcwj/y/",
                        published=When(dt.date(2024, 3, 8)), publisher="某机关", keywords=("优抚", "安置"))
    tags = dict(article_metadata(day_only, "https://www.example.gov.cn/xxgk/zcwj/y/", "某区退役军人事务局"))
    assert tags["PubDate"] == "2024-03-08 00:00" and tags["ContentSource"] == "某机关"
    assert tags["Keywords"] == "优抚,安置" and "Description" not in tags and "Author" not in tags


def test_a_generated_page_kept_compressed_reads_as_its_html():
    """mkdocs build holds every engine page until MkDocs writes it, compressed (GeneratedPage.pack): it must read
    back as the very HTML, compare equal to the page never packed, and be let go as before."""
    from govsite.model import GeneratedPage

    html = "<p>退役军人事务局 " + "".join(f"<a href='../{n}/'>第{n}条</a>" for n in range(300)) + "</p>\n"
    packed, plain = GeneratedPage("xxgk/a/index.md", "标题", html), GeneratedPage("xxgk/a/index.md", "标题", html)
    packed.pack()
    packed.pack()  # packing twice changes nothing
    assert isinstance(packed.__dict__["_html"], bytes) and len(packed.__dict__["_html"]) < len(html.encode()) / 4
    assert packed.html == html and packed == plain
    packed.html = ""  # written: on_post_page lets it go
    assert packed.html == "" and packed != plain
