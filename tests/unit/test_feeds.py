"""The feed writer on documents made here: RSS 2.0 and Atom 1.0 rules, order, dates, escaping, determinism, and
the whole document in every item (metadata, status, attachments, author, the sample note)."""
from __future__ import annotations

import datetime as dt
import re

from feedcheck import check_atom, check_rss, parse_with_reader
from govsite.dates import TZ
from govsite.document import Attachment, Body, Document, Status, When
from govsite.markdown import Pipeline
from govsite.model import ContentType, FeedChannel, FeedItem, Site
from govsite.render import Renderer
from govsite.types.feeds import CONTENT_TYPE as FEEDS
from govsite.types.feeds import collect, render_feed
from sitekit import REPO

SITE_URL = "https://example.gov.cn/"


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=TZ)


class Maker(ContentType):
    name = "maker"

    def __init__(self, items, channels=()):
        self.items, self.channels = items, channels

    def documents(self, site):
        return self.items

    def feed_channels(self, site):
        return self.channels


def notice(ident, title, published, **fields):
    return Document(id=ident, kind="公示公告", title=title, url=ident + "/", published=When.of(published), **fields)


ITEMS = [
    notice("notices/2026/b", "乙 & <丙>", at(5), updated=When.of(at(7)), update_note="补充附件",
           feeds=("notices", "youfu"), categories=("优抚公示",), summary="概述 <b>",
           body=Body(markdown="见[甲](a.md)与[附件](#fujian)，![图](files/x.png) 和 [外链](https://www.gov.cn/)",
                     base="notices/2026/b.md")),
    notice("notices/2026/a", "甲", at(1), feeds=("notices",), categories=("通知公告",), summary="甲概述",
           body=Body(markdown="甲", base="notices/2026/a.md")),
    Document(id="policies/2026-001", kind="政策文件", title="政策", url="policies/2026-001/",
             published=When.of(dt.datetime(2026, 3, 3, 10, 0)),  # naive: Beijing time
             feeds=("policies",), summary="政策概述", body=Body(markdown="政策", base="policies/2026-001/")),
]
CHANNELS = [FeedChannel("notices", "站 · 公示公告", "全部公告", "notices/", "公示公告", 10),
            FeedChannel("youfu", "站 · 优抚公示", "优抚", "notices/youfu/", "公示公告", 11)]


def make_site(items=ITEMS, channels=CHANNELS) -> Site:
    site = Site(root=REPO, site_url=SITE_URL, settings={"网站名称": "站", "机构名称": "某局（示例）"})
    site.markdown = Pipeline(site)
    site.types = [Maker(items, channels), FEEDS]
    return site


def feeds_of(site):
    return {f.channel.name: f for f in collect(site, site.types[:1], site.types[0].items).feeds}


def render(site, name, kind):
    model = collect(site, site.types[:1], site.types[0].items)
    feed = next(f for f in model.feeds if f.channel.name == name)
    return render_feed(site, feed, kind, model.newest)


def test_every_feed_name_becomes_a_feed_and_all_collects_everything():
    feeds = feeds_of(make_site())
    assert sorted(feeds) == ["all", "notices", "policies", "youfu"]
    assert [i.id for i in feeds["all"].items] == ["notices/2026/b", "policies/2026-001", "notices/2026/a"]
    assert feeds["policies"].channel.title == "站 · 政策文件"  # undeclared: a plain title


def test_rss_follows_the_rules_and_is_newest_first():
    data = render(make_site(), "notices", "xml")
    items = check_rss(data, SITE_URL + "feeds/notices.xml")
    # add_entry prepends by default in feedgen; the file must still be newest first.
    assert [i["title"] for i in items] == ["乙 & ＜丙＞", "甲"]  # brackets full-width: readers may render titles as HTML
    assert items[0]["guid"] == SITE_URL + "notices/2026/b" and items[0]["permalink"] == "false"
    assert items[0]["published"] == at(5)
    assert b"<lastBuildDate>Sat, 07 Mar 2026 09:00:00 +0800</lastBuildDate>" in data  # the newest item's update


def test_atom_follows_the_rules_with_published_and_updated():
    data = render(make_site(), "notices", "atom")
    entries = check_atom(data, SITE_URL + "feeds/notices.atom")
    first = entries[0]
    assert (first["published"], first["updated"]) == ("2026-03-05T09:00:00+08:00", "2026-03-07T09:00:00+08:00")
    assert first["categories"] == ["公示公告", "优抚公示"]
    assert b"<updated>2026-03-07T09:00:00+08:00</updated>" in data.split(b"<entry>")[0]


def test_naive_times_are_taken_as_beijing_time():
    entries = check_atom(render(make_site(), "policies", "atom"), SITE_URL + "feeds/policies.atom")
    assert entries[0]["published"] == "2026-03-03T10:00:00+08:00"


def test_content_is_escaped_full_html_with_absolute_links():
    parsed = parse_with_reader(render(make_site(), "youfu", "atom"))
    entry = parsed.entries[0]
    assert entry.title == "乙 & ＜丙＞"
    html = entry.content[0].value
    assert 'href="https://example.gov.cn/notices/2026/a/"' in html
    assert 'href="https://example.gov.cn/notices/2026/b/#fujian"' in html  # a bare anchor points into its page
    assert "补充附件" in html  # why it changed
    assert 'src="https://example.gov.cn/notices/2026/files/x.png"' in html
    assert 'href="https://www.gov.cn/"' in html
    rss = parse_with_reader(render(make_site(), "youfu", "xml"))
    assert rss.entries[0].summary == "概述 ＜b＞"  # plain text summary: never markup in any reader
    assert rss.entries[0].content[0].value == html


def test_output_never_depends_on_the_clock_and_is_byte_identical():
    first = [render(make_site(), name, kind) for name in ("notices", "all") for kind in ("xml", "atom")]
    second = [render(make_site(), name, kind) for name in ("notices", "all") for kind in ("xml", "atom")]
    assert first == second
    assert b"2026-11" not in b"".join(first) and b"Nov 2026" not in b"".join(first)


def test_an_empty_feed_takes_the_newest_date_of_the_site():
    channels = CHANNELS + [FeedChannel("caigou", "站 · 采购", "采购", "notices/caigou/", "公示公告", 12)]
    site = make_site(channels=channels)
    items = check_rss(render(site, "caigou", "xml"), SITE_URL + "feeds/caigou.xml")
    assert items == []
    entries = check_atom(render(site, "caigou", "atom"), SITE_URL + "feeds/caigou.atom")
    assert entries == []


def test_files_and_subscribe_page(tmp_path):
    site = make_site()
    site.models.pop("feeds", None)
    FEEDS.check(site)
    files = {f.dest_uri for f in FEEDS.files(site, None)}
    assert files == {f"feeds/{n}.{k}" for n in ("all", "notices", "policies", "youfu") for k in ("xml", "atom")}
    page, *feed_pages = FEEDS.pages(site, Renderer(site))
    assert page.src_uri == "feeds/index.md"
    for name in ("all", "notices", "policies", "youfu"):
        assert f"https://example.gov.cn/feeds/{name}.xml" in page.html
        assert f'href="{name}/"' in page.html  # its own page, with the addresses and how to subscribe
    assert "什么是订阅" in page.html
    assert sorted(p.src_uri for p in feed_pages) == [f"feeds/{n}/index.md" for n in ("all", "notices", "policies", "youfu")]
    notices = next(p for p in feed_pages if p.src_uri == "feeds/notices/index.md")
    assert 'value="https://example.gov.cn/feeds/notices.atom"' in notices.html and "怎样添加到阅读器" in notices.html


def test_an_id_used_twice_is_reported():
    twice = ITEMS + [Document(id="notices/2026/a", kind="公示公告", title="重复", url="x/", published=When.of(at(2)),
                              feeds=("notices",))]
    site = make_site(items=twice)
    model = collect(site, site.types[:1], twice)
    assert [p.format() for p in site.problems.errors] == [
        "订阅条目编号 notices/2026/a 被两项内容同时使用（notices/2026/a/ 和 x/）；编号必须唯一（这是程序问题，请联系网站维护人员）"]
    # the first item keeps the id; the second reaches no feed, so a reader never sees one GUID for two items
    notices = next(f for f in model.feeds if f.channel.name == "notices")
    assert [(i.id, i.title) for i in notices.items if i.id == "notices/2026/a"] == [("notices/2026/a", "甲")]
    assert all(i.title != "重复" for f in model.feeds for i in f.items)


def test_ids_used_once_are_not_reported():
    site = make_site()
    collect(site, site.types[:1])
    assert site.problems.errors == []


def test_scripts_in_content_never_reach_a_feed_reader():
    hostile = [notice("notices/2026/x", "<script>t</script>", at(9), feeds=("notices",), summary="s",
                      body=Body(markdown='<p>正文<script>alert(1)</script><a href="javascript:alert(2)" onclick="alert(3)">'
                                         '链接</a></p>', base="notices/2026/x.md"))]
    site = make_site(items=hostile)
    for kind in ("xml", "atom"):
        parsed = parse_with_reader(render(site, "notices", kind))
        entry = parsed.entries[0]
        assert entry.title == "＜script＞t＜/script＞"  # a title is text: readable, never markup
        html = entry.content[0].value
        assert "<script" not in html and "javascript:" not in html and "onclick" not in html and "正文" in html


def test_a_feed_holds_the_newest_fifty_items():
    from govsite.types.feeds import FEED_LIMIT

    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=TZ)
    many = [notice(f"notices/2026/n{i:03d}", f"第{i}则", start + dt.timedelta(days=i), feeds=("notices",),
                   categories=("通知公告",), summary="s") for i in range(FEED_LIMIT + 10)]
    items = check_rss(render(make_site(items=many), "notices", "xml"), SITE_URL + "feeds/notices.xml")
    assert FEED_LIMIT == 50 and len(items) == 50
    assert items[0]["title"] == "第59则" and items[-1]["title"] == "第10则"


def test_every_entry_of_every_feed_is_the_whole_item_even_when_older_ones_are_left_out():
    """Only the items a feed file holds are rendered whole; an old item that is among the newest of a small
    feed (here the only 优抚 one, older than the fifty newest of the whole site) must be whole there too."""
    from govsite.types.feeds import FEED_LIMIT
    from govsite.types.feeds.items import feed_item

    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=TZ)
    many = [notice(f"notices/2026/n{i:03d}", f"第{i}则", start + dt.timedelta(days=i), feeds=("notices",),
                   body=Body(markdown=f"正文{i}", base=f"notices/2026/n{i:03d}.md")) for i in range(FEED_LIMIT + 5)]
    old = notice("notices/2025/old", "旧", dt.datetime(2025, 6, 1, 9, 0, tzinfo=TZ), feeds=("youfu",),
                 body=Body(markdown="旧正文", base="notices/2025/old.md"))
    site = make_site(items=[*many, old])
    feeds = feeds_of(site)
    renderer = Renderer(site)
    whole = {doc.id: feed_item(site, renderer, doc) for doc in [*many, old]}
    assert [i.id for i in feeds["youfu"].entries] == ["notices/2025/old"]
    for feed in feeds.values():
        for item in feed.entries:
            assert item.content_html and item.content_html == whole[item.id].content_html
            assert item.summary == whole[item.id].summary
    assert "旧正文" in feeds["youfu"].entries[0].content_html and "正文54" in feeds["all"].entries[0].content_html
    # the site-wide feed leaves the oldest out; its count on the 订阅 page still counts every item
    assert "notices/2025/old" not in {i.id for i in feeds["all"].entries} and len(feeds["all"].items) == 56


def test_a_repealed_document_says_so_first_and_updates_on_the_day_it_changed():
    repealed = Document(id="policies/2023-003", kind="政策文件", title="旧办法", url="xxgk/zcwj/2023-003/",
                        published=When(dt.date(2023, 6, 16)), doc_number="某局发〔2023〕5号", index_no="X/2023-00003",
                        publisher="某局", status=Status("废止", since=dt.date(2025, 4, 1), reason="被《新办法》废止"),
                        feeds=("policies",), summary="概述", catalogue="规范性文件",
                        body=Body(markdown="正文", base="xxgk/zcwj/2023-003/"))
    site = make_site(items=[repealed])
    for kind in ("xml", "atom"):
        [entry] = parse_with_reader(render(site, "policies", kind)).entries
        assert entry.title == "【已废止】旧办法"
        text = entry.content[0].value
        assert text.index("已废止") < text.index("<table")  # the first line of the item
        for shown in ("某局发〔2023〕5号", "X/2023-00003", "废止（自2025年4月1日起）", "被《新办法》废止"):
            assert shown in text
    [atom] = check_atom(render(site, "policies", "atom"), SITE_URL + "feeds/policies.atom")
    assert atom["updated"] == "2025-04-01T20:00:00+08:00" and atom["published"] == "2023-06-16T20:00:00+08:00"


def test_a_date_alone_is_the_same_calendar_day_in_every_readers_time_zone():
    dated = notice("notices/2026/d", "只有日期", dt.date(2026, 3, 9), feeds=("notices",), summary="s")
    [entry] = check_atom(render(make_site(items=[dated]), "notices", "atom"), SITE_URL + "feeds/notices.atom")
    moment = dt.datetime.fromisoformat(entry["published"])
    for hours in range(-11, 12):  # UTC−11 … UTC+11: every inhabited offset but the far Pacific
        assert moment.astimezone(dt.timezone(dt.timedelta(hours=hours))).date() == dt.date(2026, 3, 9), hours


def test_attachments_are_enclosures_and_the_publisher_is_the_author(tmp_path):
    files = [Attachment("申请表", "xxgk/fujian/a.docx", 2048, Attachment.media_type_of("a.docx")),
             Attachment("名单", "xxgk/fujian/b.pdf", 4096, Attachment.media_type_of("b.pdf"))]
    doc = notice("notices/2026/e", "带附件", at(10), feeds=("notices",), summary="s", attachments=tuple(files),
                 publisher="某区退役军人事务局", sample=True)
    site = make_site(items=[doc])
    [item] = check_rss(render(site, "notices", "xml"), SITE_URL + "feeds/notices.xml")
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert item["enclosures"] == [(SITE_URL + "xxgk/fujian/a.docx", 2048, docx)]  # RSS: the first
    assert item["author"] == "某区退役军人事务局" and item["title"] == "带附件（示例）"
    for name in ("申请表", "名单", "示例"):
        assert name in item["content"]  # every attachment linked in the text, and the sample note
    [entry] = check_atom(render(site, "notices", "atom"), SITE_URL + "feeds/notices.atom")
    assert entry["enclosures"] == [(SITE_URL + "xxgk/fujian/a.docx", 2048, docx),
                                   (SITE_URL + "xxgk/fujian/b.pdf", 4096, "application/pdf")]  # Atom: every one
    assert entry["author"] == "某区退役军人事务局"


# ---- dates, order and grouping of items --------------------------------------------------------------------------

def test_every_kind_of_date_becomes_beijing_time():
    from govsite.types.feeds import _aware

    assert _aware(dt.date(2026, 3, 9)) == dt.datetime(2026, 3, 9, 0, 0, tzinfo=TZ)
    assert _aware(dt.datetime(2026, 3, 9, 9, 30)) == dt.datetime(2026, 3, 9, 9, 30, tzinfo=TZ)
    utc = _aware(dt.datetime(2026, 3, 8, 16, 30, tzinfo=dt.UTC))
    assert utc == dt.datetime(2026, 3, 9, 0, 30, tzinfo=TZ) and utc.utcoffset() == dt.timedelta(hours=8)
    assert (utc.day, utc.hour) == (9, 0)


def test_an_item_is_never_updated_before_it_was_published_and_newest_comes_first():
    from govsite.types.feeds import _normalise, newest_first

    early = FeedItem(id="b", title="b", url="b/", published=at(5), updated=at(3), feeds=("x",))
    assert _normalise(early).updated == at(5) and _normalise(early).published == at(5)
    later = FeedItem(id="c", title="c", url="c/", published=at(5), updated=at(7), feeds=("x",))
    assert _normalise(later).updated == at(7)
    same = FeedItem(id="a", title="a", url="a/", published=at(5), updated=at(7), feeds=("x",))
    older = FeedItem(id="z", title="z", url="z/", published=at(4), updated=at(9), feeds=("x",))
    # the newest publication first; then the newest update; then by id, so the order never depends on input order
    for items in ([early, later, same, older], [older, same, later, early]):
        assert [i.id for i in newest_first([_normalise(i) for i in items])] == ["a", "c", "b", "z"]


def test_a_feed_name_claimed_by_two_channels_is_reported_and_the_first_keeps_it():
    channels = CHANNELS + [FeedChannel("notices", "站 · 另一个", "另一个", "x/", "其他", 20)]
    site = make_site(channels=channels)
    model = collect(site, site.types[:1], site.types[0].items)
    assert [p.format() for p in site.problems.errors] == [
        "订阅地址 feeds/notices.xml 被两个栏目同时使用（站 · 公示公告 和 站 · 另一个）；请给其中一个换一个标识"]
    assert next(f for f in model.feeds if f.channel.name == "notices").channel.title == "站 · 公示公告"
    site = make_site(channels=CHANNELS + [CHANNELS[0]])  # the same channel declared twice is one channel
    collect(site, site.types[:1], site.types[0].items)
    assert site.problems.errors == []


def test_an_audience_channel_collects_the_items_of_its_audiences_once():
    items = [notice("notices/2026/p", "甲", at(3), feeds=("notices",), audiences=("伤残军人", "老兵")),
             notice("notices/2026/q", "乙", at(4), feeds=("notices", "shangcan"), audiences=("伤残军人",)),
             notice("notices/2026/r", "丙", at(5), feeds=("notices",), audiences=("其他",))]
    channels = [*CHANNELS, FeedChannel("shangcan", "站 · 伤残军人", "伤残", "pufa/duixiang/shangcan/", "精准服务", 30,
                                       audiences=("伤残军人",))]
    feeds = feeds_of(make_site(items=items, channels=channels))
    assert [i.id for i in feeds["shangcan"].items] == ["notices/2026/q", "notices/2026/p"]  # q once, not twice


def test_feeds_nobody_declares_get_a_plain_title_by_their_name():
    items = [notice("laws/x", "法", at(3), feeds=("laws",)), notice("misc/y", "杂", at(4), feeds=("zaxiang",))]
    feeds = feeds_of(make_site(items=items, channels=[]))
    assert (feeds["laws"].channel.title, feeds["laws"].channel.group) == ("站 · 法律法规", "法律法规")
    assert (feeds["laws"].channel.description, feeds["laws"].channel.order) == ("本站“法律法规”栏目的最新内容。", 90)
    assert (feeds["zaxiang"].channel.title, feeds["zaxiang"].channel.group) == ("站 · zaxiang", "其他")
    assert feeds["all"].channel.title == "站 · 全站更新" and feeds["all"].channel.group == "全站"
    assert [f.channel.name for f in collect(make_site(items=items, channels=[]), []).feeds][0] == "all"


def test_a_site_with_nothing_published_writes_no_feed_file():
    site = make_site(items=[])
    site.models.pop("feeds", None)
    assert list(FEEDS.files(site, None)) == []


# ---- what a feed item carries -------------------------------------------------------------------------------------

def test_a_summary_is_the_editors_or_the_texts_first_words_or_the_title():
    from govsite.types.feeds.items import SUMMARY_CHARS, feed_item, plain_summary

    assert plain_summary("<p>第一段&amp;<b>加粗</b></p>\n\n<p>  第二段 </p>") == "第一段& 加粗 第二段"
    long = "字" * (SUMMARY_CHARS + 5)
    assert plain_summary(f"<p>{long}</p>") == "字" * SUMMARY_CHARS + "…"
    assert plain_summary(f"<p>{'字' * SUMMARY_CHARS}</p>") == "字" * SUMMARY_CHARS and SUMMARY_CHARS == 120
    site = make_site()
    renderer = Renderer(site)
    body = Body(markdown="正文第一句。\n\n第二段。", base="notices/2026/s.md")
    assert feed_item(site, renderer, notice("notices/2026/s", "标题", at(3), summary="编辑写的", body=body)).summary == "编辑写的"
    assert feed_item(site, renderer, notice("notices/2026/s", "标题", at(3), body=body)).summary == "正文第一句。 第二段。"
    assert feed_item(site, renderer, notice("notices/2026/s", "标题", at(3))).summary == "标题"


def test_a_feed_items_head_names_the_site_when_the_document_names_no_publisher():
    from govsite.types.feeds.items import feed_head

    site = make_site()
    doc = notice("notices/2026/t", "甲", at(3), feeds=("notices",), categories=("通知公告",), audiences=("老兵",))
    head = feed_head(site, doc)
    assert head.author == "某局（示例）" and head.feeds == ("notices",) and head.categories == doc.feed_categories
    assert "通知公告" in head.categories and head.published == at(3) and head.title == "甲"
    assert head.audiences == ("老兵",) and head.url == "notices/2026/t/" and head.id == "notices/2026/t"
    assert feed_head(site, notice("notices/2026/t", "甲", at(3), publisher="某区退役军人事务局")).author == "某区退役军人事务局"


def test_a_feed_names_its_language_generator_and_links_and_only_the_newest_item_dates_it():
    data = render(make_site(), "notices", "xml")
    for part in (b"<language>zh-CN</language>", b"<generator>govsite</generator>",
                 b'href="https://example.gov.cn/feeds/notices.xml" rel="self" type="application/rss+xml"',
                 b"<link>https://example.gov.cn/notices/</link>", b"<dc:creator>"):
        assert part in data, part
    atom = render(make_site(), "notices", "atom")
    assert b'href="https://example.gov.cn/feeds/notices.atom" rel="self" type="application/atom+xml"' in atom
    assert b'<link href="https://example.gov.cn/notices/" rel="alternate" type="text/html"/>' in atom
    assert b"<name>\xe6\x9f\x90\xe5\xb1\x80\xef\xbc\x88\xe7\xa4\xba\xe4\xbe\x8b\xef\xbc\x89</name>" in atom  # 某局（示例）


# ---- the 订阅 pages and the feed files ------------------------------------------------------------------------

def subscribe_pages(site):
    site.models.pop("feeds", None)
    FEEDS.check(site)
    index, *pages = FEEDS.pages(site, Renderer(site))
    return index, {p.src_uri: p for p in pages}


def test_the_subscribe_page_lists_every_feed_by_group_with_its_title_and_contents():
    channels = [*CHANNELS, FeedChannel("misc", "站 · 杂项", "杂项", "misc/", "", 40)]
    items = [*ITEMS, notice("misc/1", "杂", at(2), feeds=("misc",))]
    index, pages = subscribe_pages(make_site(items=items, channels=channels))
    assert (index.src_uri, index.title) == ("feeds/index.md", "订阅本站更新")
    assert index.meta == {"description": "用 RSS 阅读器订阅本站的公示公告、政策文件和法律法规更新，不错过新内容。",
                          "search": {"list": True}}
    assert [(t.level, t.id, t.title) for t in index.toc] == [(2, "shenme", "什么是订阅"), (2, "ruhe", "怎样订阅"),
                                                             (2, "liebiao", "订阅地址一览")]
    groups = re.findall(r'<h3 id="group-\d+">([^<]+)</h3>', index.html)
    assert groups == ["全站", "公示公告", "其他", "政府信息公开"]  # a channel without a group is under 其他
    assert "example.gov.cn" in index.html
    notices = pages["feeds/notices/index.md"]
    assert notices.title == "订阅：公示公告"
    assert notices.meta == {"description": "订阅本站“公示公告”的更新：全部公告", "search": {"list": True}}
    assert [(t.level, t.id, t.title) for t in notices.toc] == [(2, "neirong", "订阅内容"), (2, "dizhi", "订阅地址"),
                                                               (2, "ruhe", "怎样添加到阅读器"), (2, "zuijin", "最近的内容")]
    assert "本站“公示公告”一有新内容" in notices.html
    assert re.findall(r'<a href="[^"]*">([^<]+)</a>\s*<time', notices.html) == ["乙 &amp; &lt;丙&gt;", "甲"]


def test_a_feeds_page_shows_its_five_newest_items():
    start = dt.datetime(2026, 1, 1, 9, 0, tzinfo=TZ)
    many = [notice(f"notices/2026/n{i}", f"第{i}则", start + dt.timedelta(days=i), feeds=("notices",)) for i in range(8)]
    _index, pages = subscribe_pages(make_site(items=many))
    shown = re.findall(r'<a href="[^"]*">(第\d则)</a>', pages["feeds/notices/index.md"].html)
    assert shown == ["第7则", "第6则", "第5则", "第4则", "第3则"]


def test_the_feed_files_are_the_rendered_feeds_of_every_declared_channel():
    site = make_site()
    site.models.pop("feeds", None)
    FEEDS.check(site)
    files = {f.dest_uri: f.content for f in FEEDS.files(site, None)}
    assert files["feeds/notices.xml"] == render(site, "notices", "xml")
    assert files["feeds/notices.atom"] == render(site, "notices", "atom")
    assert b"<title>\xe7\xab\x99 \xc2\xb7 \xe5\x85\xac\xe7\xa4\xba\xe5\x85\xac\xe5\x91\x8a</title>" in files["feeds/notices.xml"]  # 站 · 公示公告


def test_feed_files_are_pretty_xml_with_a_declaration_and_links_a_reader_follows():
    rss = render(make_site(), "notices", "xml")
    atom = render(make_site(), "notices", "atom")
    assert rss.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<rss") and b"\n  <channel>\n" in rss
    assert atom.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<feed") and b"\n  <entry>\n" in atom
    first_entry = atom.split(b"<entry>")[1]
    assert b'<link href="https://example.gov.cn/notices/2026/b/" rel="alternate" type="text/html"/>' in first_entry
    assert b"<id>https://example.gov.cn/notices/2026/b</id>" in first_entry
    assert b'<guid isPermaLink="false">https://example.gov.cn/notices/2026/b</guid>' in rss
    assert b"<description>\xe5\x85\xa8\xe9\x83\xa8\xe5\x85\xac\xe5\x91\x8a</description>" in rss  # 全部公告


def test_the_feeds_author_is_the_organisation_or_else_the_site():
    site = make_site()
    head = render(site, "notices", "atom").split(b"<entry>")[0]  # the feed's own author, not its entries'
    assert b"<name>\xe6\x9f\x90\xe5\xb1\x80\xef\xbc\x88\xe7\xa4\xba\xe4\xbe\x8b\xef\xbc\x89</name>" in head
    site.settings = {"网站名称": "某站"}
    assert b"<name>\xe6\x9f\x90\xe7\xab\x99</name>" in render(site, "notices", "atom").split(b"<entry>")[0]
    site.settings = {}
    assert b"<author>" not in render(site, "notices", "atom").split(b"<entry>")[0]  # no name: no author at all
    collect(site, site.types[:1], site.types[0].items)
    assert feeds_of(site)["all"].channel.title == " · 全站更新"


def test_every_channel_and_item_after_a_duplicate_is_still_collected():
    channels = [CHANNELS[0], FeedChannel("notices", "站 · 另一个", "另一个", "x/", "其他", 20), CHANNELS[1],
                FeedChannel("later", "站 · 后来的", "后来", "later/", "其他", 30)]
    twice = [ITEMS[0], notice("notices/2026/b", "重复", at(2), feeds=("notices",)), *ITEMS[1:]]
    site = make_site(items=twice, channels=channels)
    model = collect(site, site.types[:1], twice)
    assert {f.channel.name for f in model.feeds} >= {"notices", "youfu", "later", "policies"}
    assert {i.id for f in model.feeds for i in f.items} == {"notices/2026/b", "notices/2026/a", "policies/2026-001"}
    assert [(p.file, p.line, p.field) for p in site.problems.errors] == [("", 0, ""), ("", 0, "")]  # the site's own


def test_the_site_wide_channel():
    [all_feed] = [f for f in collect(make_site(), [FEEDS], ITEMS).feeds if f.channel.name == "all"]
    assert all_feed.channel == FeedChannel(name="all", title="站 · 全站更新", url="", group="全站", order=0,
                                           description="本站所有栏目的最新内容：公示公告、政策文件、法律法规、普法动态等。")


def test_a_documents_appendix_and_a_body_made_by_a_template_reach_its_feed_item():
    from govsite.types.feeds.items import feed_item

    site = make_site()
    shown = notice("x", "乙", at(3), sample_note="模板写出的正文")
    doc = notice("notices/2026/t", "甲", at(3), body=Body(template="document/sample.html", context=(("doc", shown),)),
                 appendix=Body(markdown="附录[链接](../x/)。", base="notices/2026/t.md"))
    html = feed_item(site, Renderer(site), doc).content_html
    assert "附录" in html and 'href="notices/x/"' in html  # links site-relative: the feed writer makes them absolute
    assert "模板写出的正文" in html


def test_under_make_serve_a_changed_item_or_feed_is_rendered_again():
    """make serve reuses what it rendered on the last save (govsite.incremental): what a feed item or a feed file
    shows must be in what the reuse is keyed by, so a changed document is never served stale."""
    from govsite.incremental import Memo

    memo = Memo()

    def files_of(items):
        site = make_site(items=items)
        site.memo = memo
        memo.begin()
        site.models.pop("feeds", None)
        FEEDS.check(site)
        return {f.dest_uri: f.content for f in FEEDS.files(site, None)}

    first = files_of(ITEMS)
    again = files_of(ITEMS)
    assert again == first
    edited = [notice("notices/2026/a", "甲（更正）", at(1), feeds=("notices",), categories=("通知公告",),
                     summary="甲概述", body=Body(markdown="改过的正文", base="notices/2026/a.md")), *ITEMS[:1], ITEMS[2]]
    changed = files_of(edited)
    assert "甲（更正）".encode() in changed["feeds/notices.xml"] and "改过的正文".encode() in changed["feeds/notices.atom"]
    assert changed["feeds/policies.xml"] == first["feeds/policies.xml"]
    assert changed["feeds/notices.xml"] != changed["feeds/notices.atom"]  # each kind its own file


def test_links_in_every_part_of_a_feed_item_are_site_relative():
    from govsite.types.feeds.items import feed_head, feed_item

    site = make_site()
    attached = notice("x", "乙", at(3), attachments=(Attachment("表", "notices/2026/files/a.pdf", 10,
                                                                 Attachment.media_type_of("a.pdf")),))
    doc = notice("notices/2026/t", "甲", at(3), body=Body(template="document/attachments.html", context=(("doc", attached),)))
    html = feed_item(site, Renderer(site), doc).content_html
    assert 'href="notices/2026/files/a.pdf"' in html  # the template's links
    assert 'href="notices/2026/t/">在网站上查看' in html  # the item's own
    site.settings = {}
    assert feed_head(site, notice("y", "丙", at(3))).author == ""


def test_an_empty_declared_feed_file_is_dated_by_the_sites_newest_item_and_an_undeclared_one_links_the_site():
    channels = [*CHANNELS, FeedChannel("caigou", "站 · 采购", "采购", "notices/caigou/", "公示公告", 12)]
    site = make_site(channels=channels)
    site.models.pop("feeds", None)
    FEEDS.check(site)
    files = {f.dest_uri: f.content for f in FEEDS.files(site, None)}
    assert b"<lastBuildDate>Sat, 07 Mar 2026 09:00:00 +0800</lastBuildDate>" in files["feeds/caigou.xml"]
    assert b"<updated>2026-03-07T09:00:00+08:00</updated>" in files["feeds/caigou.atom"]
    assert b"<link>https://example.gov.cn/</link>" in files["feeds/policies.xml"]  # undeclared: the site itself
