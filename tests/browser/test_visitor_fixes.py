"""What a visitor sees on a phone (375 px) and a desktop (1280 px): the faults found by trying the site page by
page, each checked the way a person would notice it (what is visible, what is cut off, what scrolls sideways)."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
BOTH = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])


@pytest.fixture
def open_page(browser, served_site, offsite_requests):
    found, watch = offsite_requests
    opened = []

    def go(path: str, viewport: dict):
        context = browser.new_context(viewport=viewport)
        opened.append(context)
        page = watch(context.new_page())
        page.goto(served_site + path)
        return page

    yield go
    for context in opened:
        context.close()
    assert not found, f"requests left the site: {found}"


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def visible_ids(page, selector: str, attribute: str) -> set[str]:
    return set(page.locator(selector).evaluate_all(
        f"els => els.filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 0)"
        f".map(e => e.getAttribute('{attribute}'))"))


@BOTH
def test_filtered_catalogue_shows_only_the_matching_cards(open_page, built_site, viewport):
    items = json.loads((built_site / "api/catalogue.json").read_text(encoding="utf-8"))["items"]
    wanted = {i["id"] for i in items if i["year"] == 2024 and i["validity"] == "有效"}
    others = {i["id"] for i in items} - wanted
    assert wanted and any(i["year"] == 2026 for i in items)
    page = open_page("xxgk/ml/#year=2024&validity=有效", viewport)
    page.wait_for_selector("table[data-catalogue][data-enhanced]")
    shown = visible_ids(page, "table[data-catalogue] tbody tr", "data-id")
    assert shown == wanted, f"shown but not wanted: {shown - wanted}; wanted but hidden: {wanted - shown}"
    assert not shown & others
    assert page.locator("[data-catalogue-count]").inner_text() == f"2024年、有效：共 {len(wanted)} 条"
    assert not scrolls_sideways(page)


@BOTH
def test_elder_mode_fits_the_screen_and_says_how_to_leave(open_page, viewport):
    page = open_page("", viewport)
    toggle = page.locator("[data-gov-elder-toggle]")
    assert toggle.inner_text() == "适老模式"
    toggle.click()
    assert page.get_attribute("html", "data-gov-elder") == "on"
    assert toggle.inner_text() == "退出适老模式" and toggle.is_visible()
    assert not scrolls_sideways(page)
    for section in page.locator(".gov-column, .gov-entrances, .gov-updates").all():
        box = section.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
    toggle.click()
    assert page.get_attribute("html", "data-gov-elder") is None and toggle.inner_text() == "适老模式"


def _cells_past_the_edge(table, width: int) -> list[str]:
    """Texts of the table's cells that reach past the right edge of the screen or of their scrolling box."""
    return table.locator("td, th").evaluate_all(
        """(cells, width) => cells.filter(c => {
             const r = c.getBoundingClientRect();
             const box = c.closest('.md-typeset__scrollwrap, .gov-table-wrap, .xxgk-table-wrap');
             const right = Math.min(width, box ? box.getBoundingClientRect().right : width);
             return r.width > 0 && r.right > right + 1;
           }).map(c => c.textContent.trim())""", width)


@BOTH
@pytest.mark.parametrize("path, caption, column, value", [
    ("notices/2026/youfu-dingqi-fuxu/", "", "优抚类别", "在乡复员军人"),
    ("placements/2023/", "安置计划", "岗位", "综合管理"),
], ids=["公示名单", "安置计划"])
def test_phone_tables_show_every_column_at_readable_size(open_page, viewport, path, caption, column, value):
    page = open_page(path, viewport)
    page.wait_for_timeout(200)  # scroll-regions.js labels the editors' tables after load
    tables = page.locator("article table:not([class])")
    table = tables.filter(has=page.locator("caption", has_text=caption)).first if caption else tables.first
    table.scroll_into_view_if_needed()
    assert not _cells_past_the_edge(table, viewport["width"])
    cell = table.locator("td", has_text=value).first
    assert cell.is_visible()
    if viewport is PHONE:  # one card per row: each value says which column it is
        assert cell.evaluate("c => getComputedStyle(c, '::before').content") == f'"{column}"'
    else:
        assert table.locator("th", has_text=column).is_visible()
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    size = cell.evaluate("c => parseFloat(getComputedStyle(c).fontSize)")
    assert size >= 0.88 * body, (size, body)
    assert not scrolls_sideways(page)


@BOTH
def test_chart_labels_stay_readable(open_page, viewport):
    for path in ("xxgk/ndbg/", "placements/2023/"):
        page = open_page(path, viewport)
        sizes = page.locator("svg.xxgk-chart text, figure.gov-chart svg text").evaluate_all(
            "ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)")
        assert sizes and min(sizes) >= 12.5, (path, min(sizes))
        assert not scrolls_sideways(page)


@BOTH
def test_a_table_that_does_not_fit_says_it_scrolls(open_page, viewport):
    overflowing = 0
    for path in ("notices/2026/youfu-dingqi-fuxu/", "placements/2023/", "xxgk/ndbg/2024/",
                 "services/guides/shangcan-fuxujin/", "xxgk/hegui/"):
        page = open_page(path, viewport)
        page.wait_for_timeout(200)
        regions = page.locator(".md-typeset__scrollwrap, .gov-table-wrap, .xxgk-table-wrap").all()
        for region in regions:
            if region.evaluate("w => w.scrollWidth > w.clientWidth + 1"):
                overflowing += 1
                hint = region.locator("xpath=preceding-sibling::*[1]")
                assert "滑动" in hint.inner_text() and hint.is_visible(), path
                assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        assert not scrolls_sideways(page)
    if viewport is PHONE:
        assert overflowing >= 2  # the annual report's wide tables


def test_finder_on_a_phone_lists_the_results_before_the_cards(open_page):
    page = open_page("services/", PHONE)
    page.wait_for_selector("#gov-finder:not([hidden])")
    for answer in ("伤残军人", "已退役", "五级", "因公"):
        page.locator("label.gov-finder__option", has_text=answer).first.click()
    cards = page.locator("#gov-benefits [data-benefit]:not([hidden])")
    assert cards.count() > 10
    shortlist = page.locator("#gov-finder-shortlist")
    assert shortlist.is_visible()
    links = shortlist.locator("a")
    assert links.count() == cards.count()
    titles = [links.nth(i).inner_text() for i in range(links.count())]
    first_card = cards.first.locator(".gov-benefit__title").inner_text()
    assert first_card.startswith(titles[0])
    # The whole list comes before the first card and takes less than two screens.
    list_box, card_box = shortlist.bounding_box(), cards.first.bounding_box()
    assert list_box["y"] + list_box["height"] <= card_box["y"]
    assert list_box["height"] < 2 * PHONE["height"]
    page.locator("#gov-finder-summary a", has_text="查看结果").click()
    assert shortlist.evaluate("e => e.getBoundingClientRect().top") < PHONE["height"]
    links.nth(3).click()
    target = page.evaluate("location.hash")
    card = page.locator(target)
    assert card.locator(".gov-benefit__back a").is_visible()
    assert not scrolls_sideways(page)


def test_finder_on_a_desktop_lists_the_results_too(open_page):
    page = open_page("services/", DESKTOP)
    page.wait_for_selector("#gov-finder:not([hidden])")
    # nothing answered: the list of every benefit's title, the cards folded away behind it
    shortlist = page.locator("#gov-finder-shortlist")
    assert shortlist.is_visible() and "全部政策与服务" in shortlist.inner_text()
    assert shortlist.locator("a").count() == page.locator("#gov-benefits [data-benefit]").count()
    page.locator("label.gov-finder__option", has_text="伤残军人").first.click()
    assert shortlist.is_visible() and "全部政策与服务" not in shortlist.inner_text()
    assert shortlist.locator("a").count() == page.locator("#gov-benefits [data-benefit]:not([hidden])").count()


@BOTH
def test_law_comparison_reads_as_one_column_with_the_second_article_changed(open_page, viewport):
    page = open_page("laws/junren-fuxu-youdai-tiaoli/2019-compare/", viewport)
    banner = page.locator(".law-banner").inner_text()
    assert "左列" not in banner and "右列" not in banner and "逐条对照" in banner
    # The page is one column: every item is as wide as the text column.
    rows = page.locator(".law-compare__row")
    widths = {round(rows.nth(i).bounding_box()["width"]) for i in (0, 1, 2)}
    assert len(widths) == 1
    second = page.locator("#new-art-2")
    assert second.locator(".law-diff").inner_text() == "修改"
    head = second.locator(".law-compare__head").inner_text()
    assert "旧第二条" in head and "现第二条" in head
    assert page.locator(".law-compare__row--removed .law-compare__head", has_text="旧第二条").count() == 0
    text = second.locator(".law-compare__text").inner_text()
    assert "抚恤优待对象" in text and "烈士遗属、因公牺牲军人遗属、病故军人遗属" in text
    # word by word: no change of a single character inside a word (或者 → 和 is a whole word)
    assert second.locator("del", has_text="或者").count() == 1 and second.locator("ins", has_text="和").count() >= 1
    assert not scrolls_sideways(page)


# -- what an inspector looks for, on every page ---------------------------------------------------------------------

@BOTH
@pytest.mark.parametrize("path", ["", "laws/junren-fuxu-youdai-tiaoli/", "xxgk/ml/", "notices/2026/youfu-dingqi-fuxu/",
                                  "about/leaders/"])
def test_trail_and_identity_are_visible(open_page, viewport, path):
    page = open_page(path, viewport)
    trail = page.locator("nav.gov-breadcrumb")
    assert trail.is_visible() and trail.inner_text().startswith("当前位置：")
    heading = page.locator("article h1").first
    assert trail.bounding_box()["y"] < heading.bounding_box()["y"]  # above the title
    footer = page.locator(".gov-footer")
    footer.scroll_into_view_if_needed()
    mark = footer.locator(".gov-footer__conac img")
    assert mark.is_visible() and mark.evaluate("img => img.complete && img.naturalWidth > 0")
    for text in ("网站标识码：", "我为政府网站找错", "网站地图", "互动交流"):
        assert footer.get_by_text(text, exact=False).first.is_visible(), text
    icp = footer.locator('a[href="https://beian.miit.gov.cn/"]')
    assert icp.is_visible() and "ICP备" in icp.inner_text()
    assert footer.locator('a[href^="https://beian.mps.gov.cn/"]').is_visible()
    assert not scrolls_sideways(page)


@BOTH
def test_404_page_offers_home_and_search(browser, served_site_with_404, viewport):
    base = served_site_with_404
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        response = page.goto(base + "xxgk/no-such-page/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "页面未找到"
        home = page.get_by_role("link", name="返回首页")
        assert home.is_visible()
        box = page.get_by_role("searchbox", name="在本站搜索：")
        assert box.is_visible()
        box.fill("抚恤金")
        box.press("Enter")
        page.wait_for_function("() => document.querySelector('[data-govsite-search]').dataset.gsDone === '抚恤金'")
        assert page.locator(".md-search-result__item").first.is_visible()
        page.keyboard.press("Escape")
        home.click()
        page.wait_for_load_state()
        assert page.url == base and not scrolls_sideways(page)
    finally:
        context.close()


@BOTH
def test_site_map_and_interaction_pages(open_page, viewport):
    page = open_page("wzdt/", viewport)
    assert page.locator("h1").inner_text() == "网站地图"
    for section in ("政府信息公开", "法律法规", "公示公告", "关于我们"):
        assert page.locator(".gov-sitemap__section h2", has_text=section).is_visible()
    assert page.locator(".gov-sitemap a", has_text="军人抚恤优待条例").first.is_visible()
    assert not scrolls_sideways(page)
    page.locator(".gov-sitemap a", has_text="互动交流").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "互动交流"
    assert page.locator(".gov-channels__link", has_text="局长信箱").is_visible()
    assert not scrolls_sideways(page)


@BOTH
def test_feed_link_opens_a_chinese_page_with_a_copy_button(browser, served_site, viewport):
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(served_site + "notices/")
        page.locator(".gov-subscribe a", has_text="订阅").first.click()
        page.wait_for_load_state()
        assert page.url == served_site + "feeds/notices/"
        assert page.locator("h1").inner_text() == "订阅：公示公告"
        field = page.locator("#rss-url")
        assert field.is_visible() and field.input_value() == "https://tyjrswj.example.gov.cn/feeds/notices.xml"
        page.locator('[data-copy="rss-url"]').click()
        page.wait_for_function("document.querySelector('.gov-copy__status').textContent.startsWith('已复制')")
        assert page.evaluate("navigator.clipboard.readText()") == field.input_value()
        assert page.locator("#ruhe").is_visible() and page.locator(".gov-feedpage__steps li").count() == 4
        assert not scrolls_sideways(page)
    finally:
        context.close()


@BOTH
@pytest.mark.parametrize("query", ["某退役军人发[2024]1号", "某退役军人发（2024）1号", "【2024】1号", "(2024)1号"])
def test_catalogue_keyword_box_finds_a_document_number_in_any_brackets(open_page, built_site, viewport, query):
    page = open_page("xxgk/ml/", viewport)
    box = page.locator("[data-catalogue-keyword] input[name=q]")
    assert box.is_visible()
    box.fill(query)
    assert visible_ids(page, "table[data-catalogue] tbody tr", "data-id") == {"policies/2024-001"}
    row = page.locator('tr[data-id="policies/2024-001"]')
    number = row.locator("td[data-label=发文字号]")
    assert number.is_visible() and number.inner_text() == "某退役军人发〔2024〕1号"
    assert row.locator("td[data-label=主题分类]").inner_text() == "就业创业"
    assert "共 1 条" in page.locator("[data-catalogue-count]").inner_text()
    box.fill("")
    assert len(visible_ids(page, "table[data-catalogue] tbody tr", "data-id")) > 30
    assert not scrolls_sideways(page)


@BOTH
def test_notice_list_marks_each_notice_open_or_ended(open_page, viewport):
    page = open_page("notices/", viewport)
    items = page.locator(".gov-notices .gov-list__item")
    marks = [items.nth(i).locator(".gov-status[data-gov-period-end]") for i in range(items.count())
             if items.nth(i).locator(".gov-status[data-gov-period-end]").count()]
    texts = {m.inner_text() for m in marks}
    assert len(marks) >= 3 and texts <= {"公示中", "公示已结束", "公示未开始"} and "公示已结束" in texts
    assert all(m.is_visible() for m in marks)
    tabs = page.locator(".gov-filter a").all_inner_texts()
    assert any(t.startswith("采购") for t in tabs) and not any("（0）" in t for t in tabs)
    assert not scrolls_sideways(page)


@BOTH
def test_home_page_columns_show_their_newest_items(open_page, viewport):
    """Each column block lists its own newest items, even those 最新动态 shows too (skipping them made a column look
    months older than it is): the 公示公告 block is the head of the notices list, newest first."""
    page = open_page("", viewport)
    hrefs = "as => as.map(a => new URL(a.getAttribute('href'), location.href).pathname)"
    latest = set(page.locator(".gov-updates a").evaluate_all(hrefs))
    notices = page.locator(".gov-column", has=page.locator("h2", has_text="公示公告"))
    in_block = notices.locator("li a").evaluate_all(hrefs)
    assert latest & set(in_block)  # the newest notice is in both
    dates = notices.locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True) and len(in_block) == 5
    home_url = page.url
    page.goto(home_url + "notices/", wait_until="load")
    listed = page.locator(".gov-notices .gov-list__item a").evaluate_all(hrefs)
    assert in_block == [u for u in listed if u in in_block][:5] == listed[:5]
    page.goto(home_url, wait_until="load")
    pufa = page.locator(".gov-column", has=page.locator("h2", has_text="普法宣传"))
    assert "政策问答" not in pufa.inner_text() and "qa/" not in " ".join(
        pufa.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    assert page.locator(".gov-entrances a", has_text="互动交流").is_visible()
    assert not scrolls_sideways(page)


@BOTH
def test_leaders_page_shows_demo_leaders_not_an_editors_note(open_page, viewport):
    page = open_page("about/leaders/", viewport)
    text = page.locator("article").inner_text()
    assert "正式使用时" not in text and "请编辑" not in text
    assert page.get_by_text("王建国").first.is_visible() and "示例" in text
    assert not scrolls_sideways(page)


def test_page_outside_the_nav_has_no_empty_left_column(open_page):
    for path in ("laws/junren-fuxu-youdai-tiaoli/", "wzdt/", "notices/"):
        page = open_page(path, DESKTOP)
        article = page.locator("article").bounding_box()
        assert article["x"] < 120, (path, article["x"])  # the text starts at the left edge of the grid
    page = open_page("xxgk/zn/", DESKTOP)  # in a section of the nav: its pages on the left, as before
    assert page.locator(".md-sidebar--primary").is_visible()
