"""Feeds in the real build: every feed valid, listed, discoverable from every page; no clock in them."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from feedcheck import check_atom, check_rss
from sitekit import REPO

SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:")[0]
                          .replace("!!python/object/apply:pymdownx.slugs.slugify", ""))["site_url"]
CATEGORIES = yaml.safe_load((REPO / "data/notices/categories.yml").read_text(encoding="utf-8"))["类别"]
LINK = re.compile(r"<link ([^>]*)>")


def attrs(tag: str) -> dict:
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def feed_files(built_site: Path) -> list[Path]:
    return sorted((built_site / "feeds").glob("*.xml")) + sorted((built_site / "feeds").glob("*.atom"))


def test_every_feed_is_valid(built_site):
    files = feed_files(built_site)
    assert files
    for path in files:
        url = SITE_URL + "feeds/" + path.name
        entries = check_rss(path.read_bytes(), url) if path.suffix == ".xml" else check_atom(path.read_bytes(), url)
        for entry in entries:
            # Entry links lead to pages of this very build.
            page = built_site / entry["link"][len(SITE_URL):].split("#")[0] / "index.html"  # anchors: linkcheck
            assert entry["link"].startswith(SITE_URL) and page.is_file(), entry["link"]
            # Full content with absolute links only.
            for target in re.findall(r'(?:href|src)="([^"]*)"', entry["content"]):
                assert target.startswith(("http://", "https://", "mailto:", "tel:")), (path.name, target)


def test_main_and_category_feeds_exist_as_pairs(built_site):
    names = {"all", "notices"} | {c["标识"] for c in CATEGORIES}
    for name in names:
        assert (built_site / f"feeds/{name}.xml").is_file() and (built_site / f"feeds/{name}.atom").is_file(), name
    rss = {p.stem for p in (built_site / "feeds").glob("*.xml")}
    atom = {p.stem for p in (built_site / "feeds").glob("*.atom")}
    assert rss == atom


def test_category_feed_holds_exactly_that_categorys_notices(built_site):
    anzhi = next(c for c in CATEGORIES if c["名称"] == "安置公示")
    entries = check_atom((built_site / f"feeds/{anzhi['标识']}.atom").read_bytes(), SITE_URL + f"feeds/{anzhi['标识']}.atom")
    assert entries and all(e["categories"][:2] == ["公示公告", "安置公示"] for e in entries)
    # The three stages of the 2023 round (data/placements/2023.yml) are there.
    stages = yaml.safe_load((REPO / "data/placements/2023.yml").read_text(encoding="utf-8"))["阶段"]
    assert len([e for e in entries if "2023年度退役士兵" in e["title"]]) == len(stages)
    main = check_atom((built_site / "feeds/notices.atom").read_bytes(), SITE_URL + "feeds/notices.atom")
    assert {e["id"] for e in entries} <= {e["id"] for e in main}


def test_corrected_notice_has_a_later_updated_date_and_a_banner(built_site):
    entries = check_atom((built_site / "feeds/notices.atom").read_bytes(), SITE_URL + "feeds/notices.atom")
    corrected = next(e for e in entries if e["link"].endswith("/notices/2025/peixun-baoming/"))
    correction = next(e for e in entries if e["link"].endswith("/notices/2025/peixun-baoming-gengzheng/"))
    assert corrected["updated"] == correction["published"] > corrected["published"]
    # the item says first why it changed, and links the correction
    assert corrected["content"].index("已更新") < corrected["content"].index("<table")
    assert "已由《" in corrected["content"] and "/notices/2025/peixun-baoming-gengzheng/" in corrected["content"]
    page = (built_site / "notices/2025/peixun-baoming/index.html").read_text(encoding="utf-8")
    assert "本公告已更正" in page and 'href="../peixun-baoming-gengzheng/"' in page


def test_every_page_has_feed_autodiscovery_that_resolves(built_site):
    titles = {}
    for path in feed_files(built_site):
        if path.suffix == ".xml":
            titles[path.name] = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8")).group(1)
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        feeds = [attrs(t) for t in LINK.findall(head) if "application/rss+xml" in t or "application/atom+xml" in t]
        assert len(feeds) >= 4, page
        for link in feeds:
            assert "alternate" in link["rel"].split()
            assert not link["href"].startswith("//"), (page, link["href"])  # "//feeds/…" would name another host
            target = (page.parent / link["href"]).resolve()
            assert target.is_file(), (page, link["href"])
            if target.suffix == ".xml":
                assert link["title"] == titles[target.name]
        # Material treats link[rel=alternate] (exactly) as another language of the site and fetches a sitemap
        # next to it: the feed links must not match that selector.
        assert not re.search(r'<link rel="alternate"', head), page


def test_the_404_page_links_feeds_from_the_site_root(built_site):
    head = (built_site / "404.html").read_text(encoding="utf-8").split("</head>")[0]
    hrefs = [attrs(t)["href"] for t in LINK.findall(head) if "application/rss+xml" in t]
    assert hrefs and all(h.startswith("/feeds/") for h in hrefs)  # served at any path, so root-relative


def test_subscribe_page_lists_every_feed_and_explains_rss(built_site):
    html = (built_site / "feeds/index.html").read_text(encoding="utf-8")
    body = html.split('class="md-content"')[1]
    for path in feed_files(built_site):
        assert SITE_URL + "feeds/" + path.name in body, path.name
        # a link opens the feed's own Chinese page (feeds/<name>/), not the XML a browser shows as code
        assert f'href="{path.stem}/"' in body and f'href="{path.name}"' not in body
    assert "什么是订阅" in html and "RSS 阅读器" in html


def test_feeds_carry_no_build_time(built_site):
    newest = max(e["updated"] for path in (built_site / "feeds").glob("*.atom")
                 for e in check_atom(path.read_bytes(), SITE_URL + "feeds/" + path.name))
    for path in (built_site / "feeds").glob("*.atom"):
        updated = re.search(r"<updated>(.*?)</updated>", path.read_text(encoding="utf-8")).group(1)
        assert updated <= newest


def test_a_category_page_also_advertises_its_own_feed(built_site):
    for category in CATEGORIES:
        head = (built_site / f"notices/{category['标识']}/index.html").read_text(encoding="utf-8").split("</head>")[0]
        hrefs = [attrs(t)["href"] for t in LINK.findall(head) if "alternate" in t]
        assert f"../../feeds/{category['标识']}.xml" in hrefs and f"../../feeds/{category['标识']}.atom" in hrefs


def test_a_policy_item_tells_the_whole_document(built_site):
    """What a subscriber reads in a feed reader: numbers, status, attachment, and what a repealed one is."""
    items = {i["link"]: i for i in check_rss((built_site / "feeds/policies.xml").read_bytes(),
                                              SITE_URL + "feeds/policies.xml")}
    policy = items[SITE_URL + "xxgk/zcwj/2024-001/"]
    for shown in ("某退役军人发〔2024〕1号", "11410100MB0000000X/2024-00001", "有效（有效期至2029年3月31日）",
                  "施行日期", "示例"):
        assert shown in policy["content"], shown
    [(url, length, media_type)] = policy["enclosures"]
    assert url == SITE_URL + "xxgk/fujian/2024-001-fj1.docx"
    assert length == (REPO / "content/xxgk/fujian/2024-001-fj1.docx").stat().st_size and "wordprocessingml" in media_type
    assert f'href="{url}"' in policy["content"] and policy["author"] == "某区退役军人事务局（示例）"
    repealed = items[SITE_URL + "xxgk/zcwj/2023-003/"]
    assert repealed["title"].startswith("【已废止】")
    assert repealed["content"].index("已废止") < repealed["content"].index("<table")
    expired = items[SITE_URL + "xxgk/zcwj/2023-001/"]
    assert expired["title"].startswith("【已失效】") and "有效期至2025年6月30日" in expired["content"]
    atom = {e["link"]: e for e in check_atom((built_site / "feeds/policies.atom").read_bytes(),
                                             SITE_URL + "feeds/policies.atom")}
    assert atom[SITE_URL + "xxgk/zcwj/2023-003/"]["updated"].startswith("2025-04-01")  # the day it was repealed
    interpretation = atom[SITE_URL + "xxgk/zcjd/2024-001/"]["content"]
    assert f'href="{SITE_URL}xxgk/zcwj/2024-001/"' in interpretation and "解读文件" in interpretation


def test_a_citation_in_a_notice_is_a_link_with_the_articles_text(built_site):
    entries = {e["link"]: e for e in check_atom((built_site / "feeds/notices.atom").read_bytes(),
                                                SITE_URL + "feeds/notices.atom")}
    content = entries[SITE_URL + "notices/2026/youfu-dingqi-fuxu/"]["content"]
    assert "[[" not in content
    assert f'href="{SITE_URL}laws/junren-fuxu-youdai-tiaoli/#art-62"' in content
    assert "发放定期生活补助" in content  # the article's own words, not only a link's title


def test_news_law_and_qa_items_carry_their_whole_text(built_site):
    pufa = check_rss((built_site / "feeds/pufa.xml").read_bytes(), SITE_URL + "feeds/pufa.xml")
    body = (REPO / "content/pufa/news/2026-09-30-lieshi-jinianri.md").read_text(encoding="utf-8").split("---")[-1]
    last_paragraph = [p for p in body.strip().split("\n\n") if p.strip()][-1].strip()[:20]
    item = next(i for i in pufa if i["link"].endswith("2026-09-30-lieshi-jinianri/"))
    assert last_paragraph in item["content"]  # the whole article, not one sentence
    laws = {i["link"]: i for i in check_rss((built_site / "feeds/laws.xml").read_bytes(), SITE_URL + "feeds/laws.xml")}
    revision = next(i for i in laws.values() if i["title"] == "《军人抚恤优待条例》2024年修订")
    assert f"{SITE_URL}laws/junren-fuxu-youdai-tiaoli/2019-compare/" in revision["content"]  # the comparison
    old = next(i for i in laws.values() if i["title"].startswith("【已修改】《军人抚恤优待条例》"))
    assert "2024年10月1日" in old["content"]
    qa = check_rss((built_site / "feeds/qa.xml").read_bytes(), SITE_URL + "feeds/qa.xml")
    assert all("引用的法律条文" in i["content"] for i in qa)
