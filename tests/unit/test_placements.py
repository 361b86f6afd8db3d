"""阳光安置: the demo round's figures, the ranking rules, results consistency, stage notices and charts."""
from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from notice_site import errors, load, new_root

from govsite.render import Renderer
from govsite.types.notices import model as notices_model
from govsite.types.placements import CONTENT_TYPE as PLACEMENTS
from govsite.types.placements import expected_order
from sitekit import REPO

DEMO = REPO / "data/placements/2023.yml"


def demo_data() -> dict:
    return yaml.load(DEMO.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every value as text


def site_with(tmp_path, edit=None):
    root = new_root(tmp_path, placements=True)
    path = root / "data/placements/2023.yml"
    if edit:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return load(root)


def test_demo_2023_places_ten_soldiers_as_the_annual_report_says():
    report = (REPO / "content/pufa/fzzf/2023.md").read_text(encoding="utf-8")
    assert "阳光安置了政府安排工作退役士兵10人" in report
    data = demo_data()
    assert len(data["选岗结果"]) == 10
    assert sum(int(p["名额"]) for p in data["安置计划"]) == 10
    assert data["示例"] == "true" and "示例" in data["说明"]


def test_demo_loads_and_ranks_by_score_then_earlier_enlistment(tmp_path):
    site = site_with(tmp_path)
    assert errors(site) == []
    [round_] = site.models["placements"]
    ranking = round_.ranking
    scores = [p["量化评分"] for p in ranking]
    assert scores == sorted(scores, reverse=True)
    ties = [(a, b) for a, b in zip(ranking, ranking[1:]) if a["量化评分"] == b["量化评分"]]
    assert ties, "the demo should show the tie rule at work"
    for a, b in ties:
        assert a["入伍时间"] <= b["入伍时间"]


def test_tie_rule_by_hand():
    people = [{"编号": "3", "量化评分": 88.0, "入伍时间": "2011-09"}, {"编号": "1", "量化评分": 90.0, "入伍时间": "2012-01"},
              {"编号": "2", "量化评分": 88.0, "入伍时间": "2010-12"}, {"编号": "0", "量化评分": 88.0, "入伍时间": "2011-09"}]
    assert [p["编号"] for p in expected_order(people)] == ["1", "2", "0", "3"]


def swap_ranks(text: str) -> str:
    """Give 赵*辉 (rank 5) and 刘*峰 (rank 6), tied at 88.0, each other's rank: 赵 enlisted earlier."""
    text = text.replace("姓名: 赵*辉, 入伍时间: 2010-12, 退役时间: 2023-09, 服役年限: 12, 量化评分: 88.0, 排名: 5",
                        "姓名: 赵*辉, 入伍时间: 2010-12, 退役时间: 2023-09, 服役年限: 12, 量化评分: 88.0, 排名: 6")
    return text.replace("姓名: 刘*峰, 入伍时间: 2011-09, 退役时间: 2023-09, 服役年限: 12, 量化评分: 88.0, 排名: 6",
                        "姓名: 刘*峰, 入伍时间: 2011-09, 退役时间: 2023-09, 服役年限: 12, 量化评分: 88.0, 排名: 5")


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_a_ranking_against_the_tie_rule_is_an_error_on_its_line(tmp_path):
    text = swap_ranks(DEMO.read_text(encoding="utf-8"))
    found = errors(site_with(tmp_path, lambda _t: text))
    line = line_of(text, "赵*辉, 入伍时间")
    assert any(e.startswith(f"data/placements/2023.yml:{line} 排名第5行的“排名”: 编号 2023-04（赵*辉，量化评分 88）的排名应为 5，实际填写 6")
               for e in found), found
    assert len(found) == 2  # and 刘*峰's rank


@pytest.mark.parametrize("old, new, message", [
    ('{编号: "2023-09", 姓名: 周*鹏, 接收单位', '{编号: "2023-99", 姓名: 周*鹏, 接收单位',
     "选岗结果第10行的“编号”: 编号 2023-99 不在排名名单中"),
    ('{编号: "2023-09", 姓名: 周*鹏, 接收单位', '{编号: "2023-09", 姓名: 周*平, 接收单位',
     "选岗结果第10行的“姓名”: 姓名“周*平”与排名名单中编号 2023-09 的“周*鹏”不一致"),
    ("接收单位: 区公共交通有限公司（示例）, 岗位: 运营调度}", "接收单位: 区水务有限公司（示例）, 岗位: 运行维护}",
     "选岗结果第10行的“岗位”: “区水务有限公司（示例） · 运行维护”的名额为 1，选岗结果已超出"),
    ("服役年限: 15, 量化评分: 95.5", "服役年限: 14, 量化评分: 95.5",
     "排名第1行的“服役年限”: 服役年限 14 与入伍时间 2008-09、退役时间 2023-09 不符，按整年计算应为 15"),
    ("    监督类别: 公证", "    监督类别: 主管部门", "监督电话: 缺少公证机构的监督电话"),
    ("年度: 2023", "年度: 2024", "年度: 年度 2024 与文件名 2023.yml 不一致"),
])
def test_inconsistent_data_is_an_error(tmp_path, old, new, message):
    text = DEMO.read_text(encoding="utf-8")
    assert old in text
    found = errors(site_with(tmp_path, lambda t: t.replace(old, new, 1)))
    assert any(message in e and e.startswith("data/placements/2023.yml:") for e in found), found


def test_an_unmasked_name_is_refused_by_the_schema(tmp_path):
    found = errors(site_with(tmp_path, lambda t: t.replace("姓名: 王*军, 入伍时间", "姓名: 王建军, 入伍时间", 1)))
    assert any("姓名必须去标识化" in e for e in found), found


def test_each_stage_is_an_anzhi_notice_with_its_period(tmp_path):
    site = site_with(tmp_path)
    notices = notices_model(site).notices
    stage_ids = sorted(i for i in notices if "yangguang-anzhi-2023" in i)
    assert stage_ids == ["notices/2023/yangguang-anzhi-2023-jieguo", "notices/2023/yangguang-anzhi-2023-jihua",
                         "notices/2023/yangguang-anzhi-2023-paiming"]
    plan = notices["notices/2023/yangguang-anzhi-2023-jihua"]
    assert plan.category.name == "安置公示"
    # 2023-11-06 is a Monday; five working days end on Friday 2023-11-10.
    assert (plan.period.start, plan.period.end) == (dt.date(2023, 11, 6), dt.date(2023, 11, 10))
    assert {p["单位"] for p in plan.phones} >= {"区纪委监委派驻第五纪检监察组（示例）", "某市某区公证处（示例）"}
    renderer = Renderer(site)
    html = renderer.body_html(plan.body, plan.url)
    assert "区市政设施维护中心（示例）" in html and 'href="../../../placements/2023/"' in html


def test_year_page_tables_and_charts_match_the_data(tmp_path):
    site = site_with(tmp_path)
    pages = {p.src_uri: p for p in PLACEMENTS.pages(site, Renderer(site))}
    html = pages["placements/2023.md"].html
    data = demo_data()
    for person in data["排名"]:
        assert person["姓名"] in html
    assert html.count("<svg") == 2
    # Bars of the 单位性质 chart: widths proportional to the places (事业单位 6, 国有企业 4; the longest is 300).
    plan = data["安置计划"]
    places = {n: sum(int(p["名额"]) for p in plan if p["单位性质"] == n) for n in ("事业单位", "国有企业")}
    widths = [float(w) for w in re.findall(r'<rect x="96" y="[\d.]+" width="([\d.]+)"', html)]
    assert widths == [round(places["事业单位"] / max(places.values()) * 300, 1),
                      round(places["国有企业"] / max(places.values()) * 300, 1)]
    # Score distribution: every person in exactly one bin.
    desc = re.search(r'<desc id="chart-score-desc">(.*?)</desc>', html).group(1)
    counts = [int(n) for n in re.findall(r"分(\d+)人", desc)]
    assert sum(counts) == len(data["排名"])
    assert "placements/index.md" in pages and "2023年度政府安排工作退役士兵阳光安置" in pages["placements/index.md"].html
