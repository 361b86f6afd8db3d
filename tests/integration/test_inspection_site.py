"""What a 政府网站 inspector checks, in the real build: the site's identity in every footer (from data/site.yml, each
field required), a 当前位置 trail on every page, the 网站地图, and the inspection rules of the 合规检查 page and
`make check` (placeholder text and links off the allow-list stop the build; the upkeep rules warn)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitekit import REPO, run_build, tree_hash


def edit(root: Path, relpath: str, old: str, new: str) -> None:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relpath}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relpath: str, needle: str) -> int:
    for number, line in enumerate((root / relpath).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        if path.name in ("index.html", "404.html"):
            yield path


def check(root: Path, today: str = "2026-11-26") -> subprocess.CompletedProcess:
    env = dict(os.environ, GOVSITE_TODAY=today, PYTHONPATH=str(root / "hooks"))
    return subprocess.run([sys.executable, "-m", "govsite", "check", str(root)], capture_output=True, text=True,
                          env=env, timeout=300)


# -- the footer, the trail and the site map in the built site -----------------------------------------------------

def test_every_page_has_the_identity_footer_and_a_trail(built_site):
    settings = yaml.safe_load((REPO / "data/site.yml").read_text(encoding="utf-8"))
    digits = "".join(c for c in settings["公安机关备案号"] if c.isdigit())
    checked = 0
    for path in pages(built_site):
        html = path.read_text(encoding="utf-8")
        footer = html.split('class="md-copyright gov-footer"', 1)[1]
        where = path.relative_to(built_site)
        assert f"网站标识码：{settings['网站标识码']}" in footer, where
        assert f'<a href="https://beian.miit.gov.cn/">{settings["ICP备案号"]}</a>' in footer, where
        police = re.search(r'<a class="gov-footer__police" href="([^"]+)"><img src="([^"]+)"[^>]*>([^<]+)</a>', footer)
        assert police and police.groups()[0::2] == (f"https://beian.mps.gov.cn/#/query/webSearch?code={digits}",
                                                    settings["公安机关备案号"]), where
        assert police.group(2).endswith("assets/gongan.svg") and "//" not in police.group(2)  # its emblem, self-hosted
        assert f"主办单位：{settings['主办单位']}" in footer, where
        assert f"承办单位：{settings['承办单位']}" in footer, where
        conac = re.search(r'<a class="gov-footer__conac" href="([^"]+)"[^>]*><img src="([^"]+)"', footer)
        assert conac and conac.group(1) == settings["党政机关网站标识"]["链接"].replace("&", "&amp;")
        assert conac.group(2).endswith("assets/conac.svg") and "//" not in conac.group(2)  # self-hosted
        assert f'href="{settings["我为政府网站找错"]}">我为政府网站找错</a>' in footer
        for channel in settings["互动交流"]:
            assert f'href="{channel["链接"]}">{channel["名称"]}</a>' in footer
        assert '>网站地图</a>' in footer and '>互动交流</a>' in footer
        assert '<nav class="gov-breadcrumb" aria-label="当前位置" data-search-exclude>' in html, where
        checked += 1
    assert checked > 100
    for emblem in ("conac.svg", "gongan.svg"):
        assert (built_site / "assets" / emblem).read_text(encoding="utf-8").startswith("<svg")


class _Trail(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.items, self.links = False, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("class") == "gov-breadcrumb":
            self.inside = True
        elif self.inside and tag == "li":
            self.items.append("")
        elif self.inside and tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.items:
            self.items[-1] += data.strip()


def trail(html: str) -> tuple[list[str], list[str]]:
    parser = _Trail()
    parser.feed(html)
    return parser.items, parser.links


@pytest.mark.parametrize("page, expected", [
    ("laws/junren-fuxu-youdai-tiaoli/2019-compare/", ["首页", "法律法规", "军人抚恤优待条例",
                                                    "军人抚恤优待条例（2019年修订）与现行文本对照"]),
    ("xxgk/ml/2024/youxiao/all/", ["首页", "政府信息公开", "政府信息公开目录", "政府信息公开目录：2024年、有效"]),
    ("notices/2026/youfu-dingqi-fuxu/", ["首页", "公示公告", "关于2026年第四批定期抚恤补助对象资格认定的公示（示例）"]),
    ("about/leaders/", ["首页", "关于我们", "领导信息"]),
    ("", ["首页"]),
])
def test_trail_names_the_pages_above(built_site, page, expected):
    items, links = trail((built_site / page / "index.html").read_text(encoding="utf-8"))
    assert items == expected
    for link in links:  # every step is a page of the site
        target = (built_site / page / link).resolve()
        assert (target / "index.html").is_file(), link


def test_site_map_lists_every_page_of_the_nav(built_site):
    html = (built_site / "wzdt/index.html").read_text(encoding="utf-8")
    nav = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)["nav"]
    targets = []

    def walk(items):
        for item in items:
            if isinstance(item, str):
                targets.append(item)
            else:
                for value in item.values():
                    walk([value] if isinstance(value, str) else value)

    walk(nav)
    for target in targets:
        url = target[: -len("index.md")] if target.endswith("index.md") else target[: -len(".md")] + "/"
        if url and url != "wzdt/":  # the map itself links to itself as ./
            assert f'href="../{url}"' in html, url
    for law in ("junren-fuxu-youdai-tiaoli", "xianfa"):  # the content types' pages under their column
        assert f'href="../laws/{law}/"' in html
    assert 'href="../notices/caigou/"' in html and "全部 14 项" in html  # too many policies: a count, not a list


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_404_page_is_chinese_with_a_way_home_and_a_search_box(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>页面未找到</h1>" in html and "Not found" not in html
    assert re.search(r'<a class="md-button md-button--primary" href="/\.?">返回首页</a>', html)
    assert re.search(r'<form class="gov-404__search" role="search"[^>]*>', html) and 'name="q"' in html
    assert 'src="/assets/js/search-box.js"' in html  # served at any depth: root-relative


def test_feed_pages_say_what_a_feed_carries_and_how_to_follow_it(built_site):
    feeds = sorted(p.stem for p in (built_site / "feeds").glob("*.xml"))
    assert len(feeds) > 10
    for name in feeds:
        html = (built_site / f"feeds/{name}/index.html").read_text(encoding="utf-8")
        assert f'value="https://tyjrswj.example.gov.cn/feeds/{name}.xml"' in html
        assert f'value="https://tyjrswj.example.gov.cn/feeds/{name}.atom"' in html
        assert html.count('data-copy="') == 2 and "怎样添加到阅读器" in html
        xml = (built_site / f"feeds/{name}.xml").read_text(encoding="utf-8")
        assert "xml-stylesheet" not in xml  # plain XML: no XSLT (browsers are dropping it)
    # every link to a feed in the pages' text goes to its page, not to the XML
    for path in pages(built_site):
        body = path.read_text(encoding="utf-8").split("</head>", 1)[1]
        assert not re.search(r'<a [^>]*href="[^"]*feeds/[^"/]+\.(?:xml|atom)"', body), path


def test_catalogue_shows_document_number_and_topic(built_site):
    html = (built_site / "xxgk/ml/index.html").read_text(encoding="utf-8")
    heads = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html.split("<thead>")[1].split("</thead>")[0])
    assert heads[:4] == ["索引号", "名称和内容概述", "发文字号", "主题分类"]
    row = re.search(r'<tr data-id="policies/2024-001".*?</tr>', html, re.S).group(0)
    assert '<td class="xxgk-catalogue__number" data-label="发文字号">某退役军人发〔2024〕1号</td>' in row
    assert '<td class="xxgk-catalogue__topic" data-label="主题分类">就业创业</td>' in row
    assert 'data-catalogue-keyword' in html


# -- required identity fields ---------------------------------------------------------------------------------------

def test_missing_identity_field_stops_make_build(previous_site):
    root, before = previous_site  # a copy of a good build (conftest.py)
    text = (root / "data/site.yml").read_text(encoding="utf-8")
    start = text.index("党政机关网站标识:")
    end = text.index("\n", text.index("链接:", start))
    (root / "data/site.yml").write_text(text[:start] + text[end + 1:], encoding="utf-8")
    result = run_build(root)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(r"^错误 data/site\.yml:\d+ 党政机关网站标识: 缺少必填字段$", result.stderr, re.M)
    assert tree_hash(root / "site") == before


@pytest.mark.parametrize("field", ["网站标识码", "ICP备案号", "公安机关备案号", "主办单位", "承办单位", "我为政府网站找错", "互动交流",
                                   "外部链接白名单"])
def test_each_identity_field_is_required(site_copy, field):
    text = (site_copy / "data/site.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    del data[field]
    (site_copy / "data/site.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check(site_copy)
    assert result.returncode == 1
    assert re.search(rf"^错误 data/site\.yml:\d+ {field}: 缺少必填字段$", result.stderr, re.M)


# -- inspection rules that stop the build ---------------------------------------------------------------------------

def test_placeholder_in_a_page_stops_the_build_with_its_line(site_copy):
    edit(site_copy, "content/about/functions.md", "- 依法做好本部门政府信息公开和普法工作。",
         "- 依法做好本部门政府信息公开和普法工作。\n- 其他职责：待补充。")
    line = line_of(site_copy, "content/about/functions.md", "待补充")
    result = run_build(site_copy, site_copy / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"content/about/functions.md:{line}: 占位文字“待补充”" in result.stderr
    result = check(site_copy)
    assert result.returncode == 1 and f"content/about/functions.md:{line}" in result.stderr


def test_placeholder_put_in_by_a_template_is_found_in_the_output(site_copy):
    edit(site_copy, "overrides/govsite/about/contact.html", "<h1>联系方式</h1>", "<h1>联系方式</h1>\n<p>传真号码正式使用时填写。</p>")
    assert check(site_copy).returncode == 0  # nothing in the editors' files: only the written page shows it
    result = run_build(site_copy, site_copy / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    # traced to the template that holds it, and to the page it is published in
    line = line_of(site_copy, "overrides/govsite/about/contact.html", "正式使用时")
    assert (f"overrides/govsite/about/contact.html:{line}: 公开内容中有占位文字“正式使用时”：请换成正式内容"
            "（发布后出现在 site/about/contact/index.html）") in result.stderr
    # found in what was written: the message does not claim the output folder was left alone
    said = result.stdout + result.stderr
    assert "本次输出的文件不可发布" in said and "未作任何改动" not in said


def test_link_off_the_allow_list_stops_the_build(site_copy):
    edit(site_copy, "content/about/functions.md", "- 依法做好本部门政府信息公开和普法工作。",
         "- 依法做好本部门政府信息公开和普法工作。\n\n详见[某网站](https://www.unlisted-example.com/page)。")
    line = line_of(site_copy, "content/about/functions.md", "unlisted-example")
    result = run_build(site_copy, site_copy / "out")
    assert result.returncode != 0
    assert f"content/about/functions.md:{line}: 链接到 www.unlisted-example.com，不在 data/site.yml 外部链接白名单中" in result.stderr
    edit(site_copy, "data/site.yml", "外部链接白名单:\n", "外部链接白名单:\n  - www.unlisted-example.com\n")
    assert check(site_copy).returncode == 0  # once listed, allowed


# -- inspection rules that warn ------------------------------------------------------------------------------------

def test_make_check_warns_of_stale_columns_by_the_build_date(site_copy):
    result = check(site_copy, today="2026-11-26")
    assert result.returncode == 0
    assert "巡检·首页两周内有更新" not in result.stderr  # newest item 2026-11-23: 3 days
    assert "警告 巡检·栏目按周期更新: 栏目“普法活动”已 57 天没有更新" in result.stderr
    later = check(site_copy, today="2026-12-20")  # the same site 27 days after its newest item
    assert later.returncode == 0
    assert "警告 巡检·首页两周内有更新: 首页已 27 天没有新内容（最新一条 2026-11-23）" in later.stderr


def test_preview_report_lists_every_rule_with_source_and_status():
    """The 合规检查 report is the bureau's: make serve and make preview show it (here: the engine in preview mode)."""
    from govsite.build import load_site
    from govsite.mode import BuildMode
    from govsite.render import Renderer
    from govsite.types.xxgk import CHECKS_URL

    site = load_site(REPO, "https://tyjrswj.example.gov.cn/", mode=BuildMode(preview=True))
    xxgk = next(t for t in site.types if t.name == "xxgk")
    html = next(p.html for p in xxgk.pages(site, Renderer(site)) if p.src_uri == CHECKS_URL + "index.md")
    section = html.split('id="xunjian"')[1].split('id="checks"')[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)</td>\s*<td><span class="gov-inspection__status[^"]*">([^<]+)</span>',
                      section)
    names = [r[0] for r in rows]
    assert names == ["首页两周内有更新", "没有空白栏目", "栏目按周期更新", "无占位文字", "外部链接只指向白名单中的网站",
                     "上一年度报告按时公布", "重要政策与解读同步发布"]
    status = {name: s for name, _source, s in rows}
    assert status["首页两周内有更新"] == "通过" and status["栏目按周期更新"] == "不通过"
    assert all("号" in source or "条例" in source for _n, source, _s in rows)  # each names where the rule comes from


def test_public_site_has_no_report_and_no_link_to_it(built_site):
    """The public build: the old address explains that the results are not published (never a silent 404), is
    kept out of search engines and the sitemap, and no page links to it."""
    html = (built_site / "xxgk/hegui/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html and "不在网站上公开" in html
    for internal in ("不通过", "make build", "make check", "data/site.yml", "栏目按周期更新", "警告"):
        assert internal not in html, internal
    assert "hegui" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in built_site.rglob("*.html"):
        if "xxgk/hegui/" not in path.as_posix():
            assert "hegui/" not in path.read_text(encoding="utf-8"), path


def test_make_check_counts_every_warning_it_prints(site_copy):
    """The summary's count is the number of lines above it that begin 警告: the inspection's findings too, and a
    warning of the content (an image without alt text) besides them."""
    edit(site_copy, "content/about/functions.md", "- 依法做好本部门政府信息公开和普法工作。",
         "- 依法做好本部门政府信息公开和普法工作。\n\n![](../assets/logo.svg)")
    result = check(site_copy, today="2026-12-20")
    assert result.returncode == 0, result.stderr
    printed = [line for line in result.stderr.splitlines() if line.startswith("警告")]
    assert any("巡检·" in line for line in printed) and any("巡检·" not in line for line in printed)
    summary = re.search(r"检查通过：\d+ 个页面，(\d+) 个警告", result.stdout)
    assert summary and int(summary.group(1)) == len(printed) > 2, (result.stdout, printed)
