"""The real site, built by `mkdocs build --strict`: pages, footer, nav, sitemap, seed report."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from sitekit import REPO

SETTINGS = yaml.safe_load((REPO / "data/site.yml").read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_the_footer_from_site_yml(built_site):
    pages = html_pages(built_site)
    assert len(pages) >= 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for key in ("主办单位", "电话", "网站标识码", "ICP备案号", "公安机关备案号", "统一社会信用代码"):
            assert SETTINGS[key] in text, f"{page}: footer lacks {key}"
        assert SETTINGS["说明"] in text  # the demo organisation says it is fictional


def test_pages_are_chinese_and_load_nothing_from_other_hosts(built_site):
    # What a page *loads*: src= of any element, href= of <link> (stylesheets, icons, feeds). Plain <a> links
    # to other sites (e.g. the law's source on flk.npc.gov.cn) are fine: nothing is fetched until clicked.
    loads = re.compile(r'<(?:[a-z]+[^>]*\ssrc|link[^>]*\shref)="((?:https?:)?//[^"]*)"', re.I)
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="zh"' in text, page
        external = [u for u in loads.findall(text) if not u.startswith("https://tyjrswj.example.gov.cn/")]
        assert external == [], f"{page}: {external}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_navigation_lists_the_sections_in_order(built_site):
    text = (built_site / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'<li class="md-tabs__item[^"]*">\s*<a href="[^"]*" class="md-tabs__link">\s*(.*?)\s*</a>', text, re.S)
    assert tabs == ["首页", "政府信息公开", "法律法规", "普法宣传", "公示公告", "阳光安置", "政策问答", "精准服务", "关于我们"], tabs


def test_seed_report_is_published_verbatim_with_real_headings(built_site):
    page = (built_site / "pufa/fzzf/2023/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>2023年度法治政府建设工作报告</h1>", page)
    assert re.search(r"<h2 id=\"[^\"]+\">一、2023年法治建设开展情况", page)
    assert re.search(r"<h3 id=\"[^\"]+\">\(一\) 加强组织领导,强化组织保障。", page)
    assert re.search(r"<h2 id=\"[^\"]+\">三、2024年工作打算", page)
    assert "2024年3月29日" in page  # its date
    # Every sentence of the seed survives (the report is published verbatim).
    seed = (REPO / "content/pufa/fzzf/2023.md").read_text(encoding="utf-8").split("---", 2)[2]
    body_text = re.sub(r"<[^>]+>", "", page)
    for paragraph in (line.lstrip("# ").strip() for line in seed.splitlines()):
        if paragraph:
            assert paragraph[:30] in body_text


def test_home_lists_the_seed_report(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="pufa/fzzf/2023/">2023年度法治政府建设工作报告</a>' in home


def test_home_latest_updates_are_newest_first(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    latest = home.split('id="latest"', 1)[1].split("</section>", 1)[0]
    dates = re.findall(r'<time class="gov-list__date" datetime="([0-9-]+)"', latest)
    assert len(dates) >= 5 and dates == sorted(dates, reverse=True)


def test_report_list_links_the_report(built_site):
    page = (built_site / "pufa/fzzf/index.html").read_text(encoding="utf-8")
    assert '<a href="2023/">2023年度法治政府建设工作报告</a>' in page


def test_contact_page_comes_from_site_yml(built_site):
    page = (built_site / "about/contact/index.html").read_text(encoding="utf-8")
    for key in ("地址", "电话", "办公时间", "电子邮箱"):
        assert SETTINGS[key] in page


def test_sitemap_lists_every_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://tyjrswj.example.gov.cn/pufa/fzzf/2023/" in sitemap
    assert "https://tyjrswj.example.gov.cn/about/contact/" in sitemap


CDN_HOSTS = re.compile(r"unpkg\.com|jsdelivr\.net|cdnjs\.|fonts\.googleapis|fonts\.gstatic|googletagmanager|"
                       r"google-analytics|hm\.baidu\.com")


def test_no_file_of_the_site_names_a_cdn(built_site):
    # Not only the pages: Material's JavaScript bundle injects scripts from unpkg.com on demand.
    named = [p.relative_to(built_site).as_posix() for p in sorted(built_site.rglob("*"))
             if p.is_file() and p.suffix in (".html", ".js", ".css", ".json", ".xml", ".atom", ".map")
             and CDN_HOSTS.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert named == []
    assert not list(built_site.rglob("*.map"))
