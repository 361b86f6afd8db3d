"""政府信息公开工作年度报告: every sum of the 2021 national format, carry-over between years, the 行政规范性文件
counts against the policy data, and 条例第四十九条's deadline. Each rule is broken in a copy and the message must
name the cell as `文件:行 字段`."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from xxgk_site import errors, load, new_root, read_yaml, render_pages, warnings

from govsite.types.annualreports import APPLICANTS, SECTION3_ROWS, deadline

REPORTS = "data/xxgk/annual-reports"


@pytest.fixture
def root(tmp_path):
    return new_root(tmp_path)


def set_cell(path, row: str, column: str, value) -> int:
    """Change one cell of a one-line row `row: {…}`; return the row's line (found by the test itself)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if re.match(rf"^\s*{re.escape(row)}: \{{", line):
            new, n = re.subn(rf"(?<=[{{ ]){re.escape(column)}: [0-9.]+", f"{column}: {value}", line)
            assert n == 1, line
            lines[i] = new
            path.write_text("\n".join(lines), encoding="utf-8")
            return i + 1
    raise AssertionError(f"row {row} not in {path}")


def cell(path, *keys):
    value = read_yaml(path)
    for key in keys:
        value = value[key]
    return value


def test_demo_reports_add_up(root):
    site = load(root)
    assert errors(site) == [] and warnings(site) == []
    assert [r.year for r in site.models["annualreports"].reports] == [2025, 2024]


def test_demo_figures_checked_by_hand(root):
    # Independent of the program: the 勾稽关系 on the demo data, per column, straight from the YAML.
    for year in (2024, 2025):
        data = read_yaml(root / f"{REPORTS}/{year}.yml")["依申请公开"]
        for column in APPLICANTS + ("总计",):
            results = data["予以公开"][column] + data["部分公开"][column] + sum(
                row[column] for group in ("不予公开", "无法提供", "不予处理", "其他处理") for row in data[group].values())
            assert data["总计"][column] == results
            assert data["本年新收"][column] + data["上年结转"][column] == results + data["结转下年度继续办理"][column]


def test_row_total_must_equal_its_parts(root):
    path = root / f"{REPORTS}/2024.yml"
    line = set_cell(path, "本年新收", "总计", 8)  # 6 + 1 = 7
    assert (f"{REPORTS}/2024.yml:{line} 依申请公开的本年新收的“总计”: 总计填报为 8，但 自然人 6 + 商业企业 0 + 科研机构 0 + "
            "社会公益组织 0 + 法律服务机构 1 + 其他 0 = 7") in errors(load(root))


def test_row_total_in_a_numbered_sub_item(root):
    path = root / f"{REPORTS}/2025.yml"
    line = set_cell(path, "重复申请", "总计", 2)
    assert any(e.startswith(f"{REPORTS}/2025.yml:{line} 依申请公开的不予处理的重复申请的“总计”: 总计填报为 2")
               for e in errors(load(root)))


def test_grand_total_seven_must_equal_all_results(root):
    path = root / f"{REPORTS}/2024.yml"
    # Move one 自然人 application from 予以公开 to nowhere while keeping that row's own total right.
    set_cell(path, "予以公开", "自然人", 2)
    set_cell(path, "予以公开", "总计", 3)
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if text.startswith("  总计: {"))
    found = errors(load(root))
    assert f"{REPORTS}/2024.yml:{line} 依申请公开的总计的“自然人”: （七）总计的“自然人”列填报为 6，但（一）至（六）各项之和为 5" in found
    assert f"{REPORTS}/2024.yml:{line} 依申请公开的总计的“总计”: （七）总计的“总计”列填报为 7，但（一）至（六）各项之和为 6" in found


def test_first_plus_second_equals_third_plus_fourth(root):
    path = root / f"{REPORTS}/2025.yml"
    set_cell(path, "结转下年度继续办理", "商业企业", 1)
    line = set_cell(path, "结转下年度继续办理", "总计", 1)  # row total still right: 0+1+0+0+0+0 = 1
    found = errors(load(root))
    assert (f"{REPORTS}/2025.yml:{line} 依申请公开的结转下年度继续办理的“商业企业”: “商业企业”列勾稽关系不成立："
            "本年新收 1 + 上年结转 0 = 1，而办理结果总计 1 + 结转下年度继续办理 1 = 2") in found
    assert any(e.startswith(f"{REPORTS}/2025.yml:{line} 依申请公开的结转下年度继续办理的“总计”: “总计”列勾稽关系不成立")
               for e in found)


def test_review_and_litigation_totals(root):
    path = root / f"{REPORTS}/2024.yml"
    line = set_cell(path, "行政复议", "总计", 2)
    assert (f"{REPORTS}/2024.yml:{line} 行政复议和行政诉讼的行政复议的“总计”: 总计填报为 2，但 结果维持 1 + 结果纠正 0 + "
            "其他结果 0 + 尚未审结 0 = 1") in errors(load(root))
    path = root / f"{REPORTS}/2025.yml"
    line = set_cell(path, "复议后起诉", "尚未审结", 1)
    assert any(e.startswith(f"{REPORTS}/2025.yml:{line} 行政复议和行政诉讼的复议后起诉的“总计”: ") for e in errors(load(root)))


def test_carry_over_between_years(root):
    path = root / f"{REPORTS}/2025.yml"
    set_cell(path, "上年结转", "自然人", 2)
    line = set_cell(path, "上年结转", "总计", 2)
    before = cell(root / f"{REPORTS}/2024.yml", "依申请公开", "结转下年度继续办理", "自然人")
    assert (f"{REPORTS}/2025.yml:{line} 依申请公开的上年结转的“自然人”: 上年结转填报为 2，但 {REPORTS}/2024.yml 中 2024 年度的"
            f"结转下年度继续办理为 {before}") in errors(load(root))


def normative(root):
    """行政规范性文件 from the policy YAML, read by the test: (成文日期, day it stopped being in effect or None)."""
    out = []
    for path in (root / "data/policies").glob("*.yml"):
        data = read_yaml(path)
        if data["文件类型"] != "行政规范性文件":
            continue
        ended = data.get("废止日期")
        if ended is None and data.get("有效期至") and data["有效期至"] < dt.date(2026, 11, 26):
            ended = data["有效期至"] + dt.timedelta(days=1)
        out.append((data["成文日期"], ended))
    return out


@pytest.mark.parametrize("year", [2024, 2025])
def test_normative_document_counts_match_the_policy_data(root, year):
    docs = normative(root)
    year_end = dt.date(year, 12, 31)
    expected = {
        "本年制发件数": sum(1 for formed, _ in docs if formed.year == year),
        "本年废止件数": sum(1 for _, ended in docs if ended and ended.year == year),
        "现行有效件数": sum(1 for formed, ended in docs if formed <= year_end and (ended is None or ended > year_end)),
    }
    assert cell(root / f"{REPORTS}/{year}.yml", "主动公开", "行政规范性文件") == expected


def test_normative_count_mismatch_names_the_cell(root):
    path = root / f"{REPORTS}/2024.yml"
    line = set_cell(path, "行政规范性文件", "本年制发件数", 4)
    assert (f"{REPORTS}/2024.yml:{line} 主动公开的行政规范性文件的“本年制发件数”: 填报为 4，但本站政策文件数据中为 3 件"
            "（某退役军人发〔2024〕1号、某退役军人发〔2024〕3号、某退役军人发〔2024〕6号）") in errors(load(root))


def test_deadline_is_january_31_of_the_next_year():
    assert deadline(2024) == dt.date(2025, 1, 31)


def test_missing_report_after_deadline_is_a_warning(root):
    (root / f"{REPORTS}/2025.yml").unlink()
    assert errors(load(root)) == []
    expected = f"{REPORTS}: 缺少 2025 年度政府信息公开工作年度报告：按条例第四十九条应于 2026-01-31 前公布（请添加 {REPORTS}/2025.yml）"
    assert warnings(load(root)) == [expected]
    # Before the deadline it is not missing yet.
    assert warnings(load(root, today=dt.date(2026, 1, 31))) == []
    assert warnings(load(root, today=dt.date(2026, 2, 1))) == [expected]


def test_late_report_is_a_warning(root):
    path = root / f"{REPORTS}/2025.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("发布日期: 2026-01-22", "发布日期: 2026-02-03"), encoding="utf-8")
    line = text.split("\n").index("发布日期: 2026-01-22") + 1
    assert warnings(load(root)) == [f"{REPORTS}/2025.yml:{line} 发布日期: 2025 年度报告于 2026-02-03 公布，晚于条例第四十九条规定的 2026-01-31"]


def test_report_page_has_every_row_of_the_national_format(root):
    site = load(root)
    html = render_pages(site)["xxgk/ndbg/2024/index.md"].html
    for _path, label, _kind in SECTION3_ROWS:
        assert label.replace("“", "&#8220;").replace("”", "&#8221;") in html or label in html, label
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
                    "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                    "未经复议直接起诉", "复议后起诉", "本年收费金额（单位：万元）"):
        assert heading in html, heading


def test_trend_chart_is_inline_svg_with_the_figures(root):
    site = load(root)
    html = render_pages(site)["xxgk/ndbg/index.md"].html
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in svg
    for year in (2024, 2025):
        total = cell(root / f"{REPORTS}/{year}.yml", "依申请公开", "本年新收", "总计")
        assert f"{year}年 本年新收政府信息公开申请（件）：{total}" in svg
