"""公示公告: 公示期 from working days, status from the build date, corrections, categories, errors."""
from __future__ import annotations

import datetime as dt

import pytest
from notice_site import errors, load, new_root, notice_text, write

from govsite.dates import TZ
from govsite.render import Renderer
from govsite.types.notices import CONTENT_TYPE as NOTICES
from govsite.types.notices import model


def notices_of(site):
    return model(site).notices


def test_period_default_is_five_workdays_from_site_settings(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", extra="公示期:\n  开始: 2026-11-23\n"))
    site = load(root)
    assert errors(site) == []
    period = notices_of(site)["notices/2026/a"].period
    # 2026-11-23 is a Monday with no holiday that week: five working days end on Friday the 27th.
    assert (period.start, period.end, period.workdays) == (dt.date(2026, 11, 23), dt.date(2026, 11, 27), 5)


def test_period_skips_the_national_day_holiday(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2025/a.md", notice_text("甲", published="2025-09-29 09:00",
                                                           extra="公示期:\n  开始: 2025-09-29\n  工作日: 5\n"))
    site = load(root)
    # 国务院办公厅 2025 schedule: 10月1日至8日放假, 9月28日（周日）和10月11日（周六）上班.
    # Working days: 9/29, 9/30, 10/9, 10/10, 10/11 (a Saturday made a working day).
    assert notices_of(site)["notices/2025/a"].period.end == dt.date(2025, 10, 11)


def test_explicit_end_date(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", extra="公示期:\n  开始: 2026-11-23\n  结束: 2026-12-04\n"))
    period = notices_of(load(root))["notices/2026/a"].period
    assert (period.end, period.workdays) == (dt.date(2026, 12, 4), None)


@pytest.mark.parametrize("today, status", [
    (dt.date(2026, 11, 20), "公示未开始"), (dt.date(2026, 11, 23), "公示中"),
    (dt.date(2026, 11, 27), "公示中"), (dt.date(2026, 11, 28), "公示已结束"),
])
def test_status_follows_the_build_date(tmp_path, today, status):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", published="2026-11-20 09:00",
                                                           extra="公示期:\n  开始: 2026-11-23\n"))
    site = load(root, today=today)
    assert notices_of(site)["notices/2026/a"].status(site.today) == status


def test_status_is_shown_on_the_page_with_the_end_date(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", extra="公示期:\n  开始: 2026-11-23\n"))
    site = load(root)
    before, _after = NOTICES.document_html(site, site.editor_pages["notices/2026/a.md"], Renderer(site))
    assert "公示中" in before and "2026年11月27日" in before and "（5个工作日）" in before


def feed_items_of(site):
    from govsite.types.feeds.items import feed_item

    renderer = Renderer(site)
    return [feed_item(site, renderer, doc) for doc in NOTICES.documents(site)]


def test_correction_banner_and_updated_date(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("原公告", category="通知公告", published="2026-03-10 10:00"))
    write(root, "content/notices/2026/a-fix.md", notice_text("更正公告", category="通知公告", published="2026-03-12 16:00",
                                                               extra="更正: 2026/a\n"))
    site = load(root)
    assert errors(site) == []
    original, fix = notices_of(site)["notices/2026/a"], notices_of(site)["notices/2026/a-fix"]
    assert original.corrected_by == [fix] and fix.corrected is original
    assert original.updated == dt.datetime(2026, 3, 12, 16, 0, tzinfo=TZ)
    assert original.published == dt.datetime(2026, 3, 10, 10, 0, tzinfo=TZ)
    renderer = Renderer(site)
    banner, _ = NOTICES.document_html(site, site.editor_pages["notices/2026/a.md"], renderer)
    assert "本公告已更正" in banner and 'href="../a-fix/"' in banner
    items = {i.id: i for i in feed_items_of(site)}
    assert items["notices/2026/a"].updated == original.updated
    assert items["notices/2026/a"].published == original.published
    # subscribers are told why the item changed, and that the notice was corrected
    assert "已由《更正公告》更正" in items["notices/2026/a"].content_html


def test_edit_with_update_time_changes_updated_only(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", published="2026-03-10 10:00",
                                                           extra="更新时间: 2026-03-11 08:30\n更新说明: 补充附件\n"))
    notice = notices_of(load(root))["notices/2026/a"]
    assert notice.updated == dt.datetime(2026, 3, 11, 8, 30, tzinfo=TZ) and notice.id == "notices/2026/a"


def test_feed_items_name_the_main_and_category_feeds_with_site_relative_links(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", category="优抚公示", extra="描述: 概述。\n",
                                                           body="见[乙](b.md#part)和[法律法规](../../laws/index.md)。"))
    write(root, "content/notices/2026/b.md", notice_text("乙"))
    site = load(root)
    item = next(i for i in feed_items_of(site) if i.id == "notices/2026/a")
    assert item.feeds == ("notices", "youfu-gongshi") and item.categories[:2] == ("公示公告", "优抚公示")
    assert item.summary == "概述。" and item.url == "notices/2026/a/"
    assert 'href="notices/2026/b/#part"' in item.content_html and 'href="laws/"' in item.content_html


def test_list_pages_filter_by_category_without_javascript(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲公告", category="优抚公示"))
    write(root, "content/notices/2026/b.md", notice_text("乙公告", category="招聘", published="2026-11-24 09:00"))
    site = load(root)
    pages = {p.src_uri: p for p in NOTICES.pages(site, Renderer(site))}
    main, youfu = pages["notices/index.md"].html, pages["notices/youfu-gongshi/index.md"].html
    assert main.index("乙公告") < main.index("甲公告")  # newest first
    assert "甲公告" in youfu and "乙公告" not in youfu
    assert 'href="../zhaopin/"' in youfu and 'aria-current="page"' in youfu
    assert "<script" not in main


def test_catalogue_and_updates(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", extra="索引号: 11410100MB0000000X/2026-00001\n描述: 概述\n"))
    site = load(root)
    [doc] = NOTICES.documents(site)
    assert (doc.index_no, doc.title, doc.published.day, doc.url, doc.kind, doc.catalogue) == (
        "11410100MB0000000X/2026-00001", "甲", dt.date(2026, 11, 23), "notices/2026/a/", "公示公告", "阳光安置")
    assert doc.line == 5  # the 索引号 line, after ---, 标题, 类别, 发布时间
    assert doc.on_home and doc.published.time == dt.time(9, 0)


@pytest.mark.parametrize("path, extra, message", [
    ("content/notices/2026/a.md", "公示期:\n  开始: 2026-11-23\n  工作日: 5\n  结束: 2026-11-30\n",
     "content/notices/2026/a.md:5 公示期: “工作日”和“结束”只能填写一个"),
    ("content/notices/2026/a.md", "更正: 2026/nothing\n", "content/notices/2026/a.md:5 更正: 找不到被更正的公告 content/notices/2026/nothing.md"),
    ("content/notices/2025/a.md", "", "content/notices/2025/a.md:4 发布时间: 发布时间在 2026 年，但文件放在 2025 年的文件夹中"),
    ("content/notices/2026/A b.md", "", "content/notices/2026/A b.md: 公告文件应放在 content/notices/<年份>/<标识>.md"),
    ("content/notices/2026/a.md", "附件:\n  - 名称: 表\n    文件: files/none.pdf\n",
     "content/notices/2026/a.md:7 第1个附件的“文件”: 找不到附件文件 content/notices/2026/files/none.pdf"),
    ("content/notices/2026/a.md", "公示期:\n  开始: 2026-11-01\n", "content/notices/2026/a.md:6 公示期的“开始”: 公示期开始于 2026-11-01，早于发布时间"),
])
def test_editor_mistakes_are_reported_with_file_and_line(tmp_path, path, extra, message):
    root = new_root(tmp_path)
    write(root, path, notice_text("甲", extra=extra))
    found = errors(load(root))
    assert any(e.startswith(message) for e in found), found


def test_unknown_category_lists_the_choices(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", category="公告"))
    [message] = errors(load(root))
    assert message.startswith("content/notices/2026/a.md:3 类别: “公告”不是已有的公告类别；可选：安置公示、优抚公示")


def test_a_period_in_a_year_without_holiday_data_is_a_chinese_error(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2099/a.md", notice_text("甲", published="2099-01-05 09:00",
                                                           extra="公示期:\n  开始: 2099-01-05\n"))
    [message] = errors(load(root))
    assert message.startswith("content/notices/2099/a.md:5 公示期: 2099 年的法定节假日安排尚未录入")


def test_long_lists_are_split_into_linked_pages(tmp_path):
    from govsite.types.notices import PAGE_SIZE

    root = new_root(tmp_path)
    for i in range(PAGE_SIZE + 1):
        write(root, f"content/notices/2026/n{i:02d}.md",
              notice_text(f"公告{i:02d}号", category="招聘", published=f"2026-10-{1 + i % 28:02d} {8 + i // 28:02d}:00"))
    site = load(root)
    pages = {p.src_uri: p for p in NOTICES.pages(site, Renderer(site))}
    assert "notices/page/2.md" in pages and "notices/zhaopin/page/2.md" in pages and "notices/page/3.md" not in pages
    first, second = pages["notices/index.md"].html, pages["notices/page/2.md"].html
    assert first.count('class="gov-list__item"') == PAGE_SIZE and second.count('class="gov-list__item"') == 1
    assert 'href="page/2/" rel="next"' in first and 'href="../../" rel="prev"' in second
    assert pages["notices/zhaopin/index.md"].meta["feeds"] == [{"title": "某区退役军人事务局 · 招聘", "name": "zhaopin"}]


def test_a_second_title_in_the_body_is_a_warning(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", body="# 甲\n\n正文。"))
    site = load(root)
    assert errors(site) == []
    assert [p.format() for p in site.problems.warnings] == [
        "content/notices/2026/a.md:7: 正文中不必再写一级标题“# …”：页面顶部已显示“标题”字段；请删去这一行，或改用“## ”小标题"]


def test_a_period_shorter_than_its_categorys_minimum_is_a_warning(tmp_path):
    root = new_root(tmp_path)
    write(root, "content/notices/2026/a.md", notice_text("甲", category="优抚公示",
                                                         extra="公示期:\n  开始: 2026-11-23\n  工作日: 2\n"))
    # Friday to Monday: a weekend in between, two working days
    write(root, "content/notices/2026/b.md", notice_text("乙", category="安置公示", published="2026-11-20 09:00",
                                                         extra="公示期:\n  开始: 2026-11-20\n  结束: 2026-11-23\n"))
    write(root, "content/notices/2026/c.md", notice_text("丙", category="采购", extra="公示期:\n  开始: 2026-11-23\n  工作日: 1\n"))
    write(root, "content/notices/2026/d.md", notice_text("丁", category="优抚公示", extra="公示期:\n  开始: 2026-11-23\n  工作日: 5\n"))
    site = load(root)
    assert errors(site) == []
    basis = "与安置公示一致，不少于5个工作日（示例，请按本地规定核对）"
    assert [p.format() for p in site.problems.warnings] == [
        f"content/notices/2026/a.md:5 公示期: 公示期只有 2 个工作日（2026-11-23 至 2026-11-24），少于“优抚公示”的最短公示期 "
        f"5 个工作日（{basis}）；请延长公示期（写“工作日: 5”或更晚的“结束”日期），或在 data/notices/categories.yml 中核对最短公示期",
        "content/notices/2026/b.md:5 公示期: 公示期只有 2 个工作日（2026-11-20 至 2026-11-23），少于“安置公示”的最短公示期 "
        "5 个工作日（安置公示的公示期全国没有统一规定，参照《征兵工作条例》第三十条“公示时间不少于5个工作日”（示例，请按本地规定核对））"
        "；请延长公示期（写“工作日: 5”或更晚的“结束”日期），或在 data/notices/categories.yml 中核对最短公示期"]


def test_a_minimum_needs_its_basis(tmp_path):
    root = new_root(tmp_path)
    path = root / "data/notices/categories.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    最短公示期依据: 《政府采购货物和服务招标投标管理办法》（财政部令第87号）：中标结果公告期限为1个工作日\n", ""),
        encoding="utf-8")
    assert [e for e in errors(load(root)) if "categories.yml" in e] == [
        "data/notices/categories.yml:31 第5个类别的“最短公示期”: 填写了“最短公示期”，还须同时填写“最短公示期依据”"]
