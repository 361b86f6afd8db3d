"""The feed writer on items made here: RSS 2.0 and Atom 1.0 rules, order, dates, escaping, determinism."""
from __future__ import annotations

import datetime as dt

from feedcheck import check_atom, check_rss, parse_with_reader
from govsite.dates import TZ
from govsite.model import ContentType, FeedChannel, FeedItem, Site
from govsite.render import Renderer
from govsite.types.feeds import CONTENT_TYPE as FEEDS
from govsite.types.feeds import collect, render_feed

SITE_URL = "https://example.gov.cn/"


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=TZ)


class Maker(ContentType):
    name = "maker"

    def __init__(self, items, channels=()):
        self.items, self.channels = items, channels

    def feed_items(self, site):
        return self.items

    def feed_channels(self, site):
        return self.channels


ITEMS = [
    FeedItem(id="notices/2026/b", title="乙 & <丙>", url="notices/2026/b/", published=at(5), updated=at(7),
             feeds=("notices", "youfu"), categories=("优抚公示",), summary="概述 <b>",
             content_html='<p>见<a href="notices/2026/a/">甲</a>与<a href="#fujian">附件</a>，'
                          '<img src="notices/2026/files/x.png" alt="图"> 和 <a href="https://www.gov.cn/">外链</a></p>'),
    FeedItem(id="notices/2026/a", title="甲", url="notices/2026/a/", published=at(1), updated=at(1),
             feeds=("notices",), categories=("通知公告",), summary="甲概述", content_html="<p>甲</p>"),
    FeedItem(id="policies/2026-001", title="政策", url="policies/2026-001/",
             published=dt.datetime(2026, 3, 3, 10, 0), updated=dt.datetime(2026, 3, 3, 10, 0),  # naive: Beijing time
             feeds=("policies",), categories=("政策文件",), summary="政策概述", content_html="<p>政策</p>"),
]
CHANNELS = [FeedChannel("notices", "站 · 公示公告", "全部公告", "notices/", "公示公告", 10),
            FeedChannel("youfu", "站 · 优抚公示", "优抚", "notices/youfu/", "公示公告", 11)]


def make_site(items=ITEMS, channels=CHANNELS) -> Site:
    site = Site(root=__import__("pathlib").Path("."), site_url=SITE_URL,
                settings={"网站名称": "站", "机构名称": "某局（示例）"})
    site.types = [Maker(items, channels), FEEDS]
    return site


def feeds_of(site):
    return {f.channel.name: f for f in collect(site, site.types[:1]).feeds}


def render(site, name, kind):
    model = collect(site, site.types[:1])
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
    assert first["categories"] == ["优抚公示"]
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
    from sitekit import REPO

    site = make_site()
    site.root = REPO  # templates
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
    twice = ITEMS + [FeedItem(id="notices/2026/a", title="重复", url="x/", published=at(2), updated=at(2), feeds=("notices",))]
    site = make_site(items=twice)
    collect(site, site.types[:1])
    assert any("notices/2026/a" in p.message for p in site.problems.errors)


def test_scripts_in_content_never_reach_a_feed_reader():
    hostile = [FeedItem(id="notices/2026/x", title="<script>t</script>", url="notices/2026/x/", published=at(9),
                        updated=at(9), feeds=("notices",), summary="s",
                        content_html='<p>正文<script>alert(1)</script><a href="javascript:alert(2)" onclick="alert(3)">链接</a></p>')]
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
    many = [FeedItem(id=f"notices/2026/n{i:03d}", title=f"第{i}则", url=f"notices/2026/n{i:03d}/",
                     published=start + dt.timedelta(days=i), updated=start + dt.timedelta(days=i), feeds=("notices",),
                     categories=("通知公告",), summary="s") for i in range(FEED_LIMIT + 10)]
    items = check_rss(render(make_site(items=many), "notices", "xml"), SITE_URL + "feeds/notices.xml")
    assert FEED_LIMIT == 50 and len(items) == 50
    assert items[0]["title"] == "第59则" and items[-1]["title"] == "第10则"
