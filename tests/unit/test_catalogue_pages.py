"""A long 政府信息公开目录 is cut into pages of catalogue.PAGE_SIZE rows (a city's 10,000 items made one 6.7 MB page).

The expected rows are computed from the policy files the test writes, not from the pages.
"""
from __future__ import annotations

import lxml.html
from xxgk_site import load, new_root, render_pages

from govsite.types.catalogue import PAGE_SIZE, URL

EXTRA = 2 * PAGE_SIZE + 17  # enough for three pages of the whole list, and two of 2019's


def _add_policies(root, count: int) -> None:
    """`count` more policies of 2019 (a year with no demo documents), each with its own 索引号 and 文号; expired
    in 2020, so that the annual reports' counts of documents in force stay right."""
    template = (root / "data/policies/2023-001.yml").read_text(encoding="utf-8")
    for n in range(1, count + 1):
        text = (template.replace("11410100MB0000000X/2023-00001", f"11410100MB0000000X/2019-{n:05d}")
                .replace("某退役军人发〔2023〕1号", f"某退役军人发〔2019〕{n}号")
                .replace("成文日期: 2023-03-06", "成文日期: 2019-01-01")
                .replace("发布日期: 2023-03-10", f"发布日期: 2019-{1 + n % 12:02d}-{1 + n % 28:02d}")
                .replace("有效性: 有效", "有效性: 失效").replace("有效期至: 2025-06-30", "有效期至: 2020-06-30")
                .replace("标题: ", f"标题: 第{n}号测试文件 "))
        (root / f"data/policies/2019-{n:03d}.yml").write_text(text, encoding="utf-8")


def _rows(page) -> list[str]:
    doc = lxml.html.fromstring(page.html)
    return [tr.get("data-id") for tr in doc.xpath("//table[@data-catalogue]/tbody/tr")]


def test_long_catalogue_is_paged_and_every_item_is_on_exactly_one_page(tmp_path):
    root = new_root(tmp_path)
    _add_policies(root, EXTRA)
    site = load(root)
    assert not site.problems.errors, [p.format() for p in site.problems.errors]
    pages = render_pages(site)
    expected = [i.id for i in site.models["catalogue"].items]  # newest first
    total = len(expected)
    assert total > 2 * PAGE_SIZE
    page_count = -(-total // PAGE_SIZE)
    sources = [URL + "index.md"] + [f"{URL}page/{n}.md" for n in range(2, page_count + 1)]
    assert f"{URL}page/{page_count + 1}.md" not in pages
    listed = [row for src in sources for row in _rows(pages[src])]
    assert listed == expected  # in order, each once, nothing left out

    first, last = lxml.html.fromstring(pages[sources[0]].html), lxml.html.fromstring(pages[sources[-1]].html)
    assert f"共 {total} 条（第 1 页，共 {page_count} 页）" in first.text_content()
    pager = first.xpath("//nav[@class='gov-pager']")[0]
    assert [a.text_content() for a in pager.xpath(".//a")][-1] == "下一页"
    assert [a.get("href") for a in pager.xpath(".//a")][-1] == "page/2/"
    assert first.xpath("//*[@id='open-data']") and not last.xpath("//*[@id='open-data']")
    # Filtering and sorting in place only work on a page that holds every item: here the links navigate.
    assert not first.xpath("//table[@data-complete]") and not first.xpath("//th[@data-sort]")
    intro = first.xpath("//h1/following-sibling::p[1]")[0].text_content()
    assert "点击列标题排序" not in intro and f"每页 {PAGE_SIZE} 条" in intro  # it says what the page does
    assert pages[sources[-1]].title == f"政府信息公开目录（第{page_count}页）"

    # A filter's list is paged the same way: 2019 holds only the added policies.
    year = f"{URL}2019/all/all/"
    year_rows = _rows(pages[year + "index.md"]) + _rows(pages[year + "page/2.md"]) + _rows(pages[year + "page/3.md"])
    assert sorted(year_rows) == sorted(i for i in expected if i.startswith("policies/2019-"))
    assert len(year_rows) == EXTRA and year + "page/4.md" not in pages


def test_short_catalogue_stays_one_sortable_page(tmp_path):
    site = load(new_root(tmp_path))
    pages = render_pages(site)
    assert len(site.models["catalogue"].items) <= PAGE_SIZE
    assert not [src for src in pages if src.startswith(URL) and "/page/" in src]
    doc = lxml.html.fromstring(pages[URL + "index.md"].html)
    assert doc.xpath("//table[@data-complete]") and len(doc.xpath("//th[@data-sort]")) == 7
    assert "点击列标题排序" in doc.xpath("//h1/following-sibling::p[1]")[0].text_content()
    assert not doc.xpath("//nav[@class='gov-pager']")


def test_pager_of_a_long_list_shows_a_window_of_pages(tmp_path):
    """Page 50 of 100: 1 … 48 49 50 51 52 … 100, with previous and next (rendered by the shared partial)."""
    from govsite.render import Renderer

    site = load(new_root(tmp_path))
    urls = ["notices/"] + [f"notices/page/{n}/" for n in range(2, 101)]
    template = Renderer(site).env.from_string('{% include "_pager.html" %}')
    html = template.render(page_urls=urls, page_number=50, url=lambda u: "/" + u)
    nav = lxml.html.fromstring(html)
    assert [el.text_content() for el in nav] == ["上一页", "1", "…", "48", "49", "50", "51", "52", "…", "100", "下一页"]
    assert nav.xpath("//strong[@aria-current='page']")[0].text_content() == "50"
    first = lxml.html.fromstring(template.render(page_urls=urls, page_number=1, url=lambda u: "/" + u))
    assert [el.text_content() for el in first] == ["1", "2", "3", "…", "100", "下一页"]


def test_page_numbers_are_read_apart_not_as_one_number(tmp_path):
    """Around page 620 of a long list, 618 619 620 621 622 written together are 15 digits, and with their
    neighbours an ID number to any reader of the text: the output guard stopped a 100,000-document build on 149
    such pages. Each number is a word of its own."""
    from govsite.guard import output, personal
    from govsite.render import Renderer

    site = load(new_root(tmp_path))
    urls = ["xxgk/ml/"] + [f"xxgk/ml/page/{n}/" for n in range(2, 1001)]
    template = Renderer(site).env.from_string('<html><body>{% include "_pager.html" %}</body></html>')
    check = output.FileCheck(personal.Rules(), frozenset())
    for number in range(1, 1001):
        html = template.render(page_urls=urls, page_number=number, url=lambda u: "/" + u)
        words = lxml.html.fromstring(html).text_content().split()
        shown = sorted({1, 1000} | {n for n in range(number - 2, number + 3) if 1 <= n <= 1000})
        assert [w for w in words if w.isdigit()] == [str(n) for n in shown]
        assert check(f"xxgk/ml/page/{number}/index.html", html.encode()) == (), number


def test_policy_list_is_paged_by_year_then_newest(tmp_path):
    """政策文件 (xxgk/zcwj/) in pages of LIST_PAGE_SIZE: years newest first, each page's 目录 its own years."""
    from govsite.types.policies import LIST_PAGE_SIZE, POLICY_URL

    root = new_root(tmp_path)
    _add_policies(root, EXTRA)
    site = load(root)
    pages = render_pages(site)
    policies = site.models["policies"].policies
    total = len(policies)
    count = -(-total // LIST_PAGE_SIZE)
    sources = [POLICY_URL + "index.md"] + [f"{POLICY_URL}page/{n}.md" for n in range(2, count + 1)]
    assert f"{POLICY_URL}page/{count + 1}.md" not in pages
    shown = []
    for src in sources:
        doc = lxml.html.fromstring(pages[src].html)
        shown += [a.get("href").rstrip("/").rsplit("/", 1)[-1] for a in doc.xpath("//ul[@class='gov-list']/li/a[1]")]
        headings = [int(h.get("id")[1:]) for h in doc.xpath("//h2[starts-with(@id, 'y')]")]
        assert [t.id for t in pages[src].toc] == [f"y{y}" for y in headings]
    expected = sorted(policies, key=lambda p: -p.formed.year)  # stable: the model's order within a year
    assert shown == [p.id for p in expected]
    assert f"共 {total} 件（第 1 页，共 {count} 页）" in lxml.html.fromstring(pages[sources[0]].html).text_content()
