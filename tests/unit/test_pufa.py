"""普法 in the engine (no MkDocs): cases, quiz banks and their checks, the calendar, 普法 per audience."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govsite import crossref
from govsite.build import load_site
from govsite.types import cases as cases_type
from govsite.types.pufa import audiences, calendar
from govsite.types.quiz import question_context
from sitekit import copy_site

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def site():
    return load_site(REPO, today=TODAY)


def test_site_loads_without_problems(site):
    assert [p.format() for p in site.problems.errors + site.problems.warnings] == []


def test_topics_match_the_schema():
    schema = json.loads((REPO / "hooks/govsite/types/cases/case.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["主题"]["items"]["enum"] == list(cases_type.TOPICS)


def test_cases_model_and_their_outputs(site):
    cases = {c.id: c for c in site.models["cases"]}
    assert len(cases) >= 6
    dates = [c.published for c in site.models["cases"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    case = cases["bingdiaolian-yinglie-mingyu"]
    assert [(c.law.short, c.article.label) for c in case.citations][:2] == [("英雄烈士保护法", "第二十二条"),
                                                                             ("英雄烈士保护法", "第二十六条")]
    assert case.citations == crossref.unique(case.citations)
    doc = cases_type.case_document(site, case)
    assert (doc.kind, doc.url, doc.published.day) == ("以案释法", "pufa/anli/bingdiaolian-yinglie-mingyu/",
                                                      dt.date(2026, 9, 25))
    assert doc.on_home and not doc.catalogue  # 普法 content: home page and feeds, not the disclosure catalogue
    sample = cases["shili-canji-junren-gongjiao"]
    from govsite.render import Renderer
    from govsite.types.feeds.items import feed_item

    item = feed_item(site, Renderer(site), cases_type.case_document(site, sample))
    assert item.title == "残疾军人凭证乘坐公交车被要求购票案（示例）" and item.feeds == ("pufa-anli",)
    assert set(item.audiences) == {"伤残军人", "残疾军人"}
    assert item.categories[:3] == ("以案释法", "抚恤优待", "涉军维权")
    assert item.published.date() == dt.date(2026, 8, 1) == item.updated.date()
    assert "示例" in item.content_html and 'href="laws/junren-fuxu-youdai-tiaoli/#art-52"' in item.content_html
    assert "以案释法" in item.content_html and "[[" not in item.content_html  # the whole case, citations as links


def test_cases_and_questions_rest_under_the_articles_they_cite(site):
    library = site.models["laws"]
    related = library.related_to(library.laws["yingxiong-lieshi-baohufa"])
    titles = [item.title for item in related["22"]["相关案例"]]
    assert "罗某侵害英雄烈士名誉、荣誉案（侮辱“冰雕连”英烈）" in titles
    assert "“狼牙山五壮士”名誉权、荣誉权纠纷案" in titles
    assert any(item.url == "pufa/dati/yinglie-baohu/#ti-3" for item in related["22"]["相关答题"])
    assert "30" not in related
    bus = library.related_to(library.laws["junren-fuxu-youdai-tiaoli"])["52"]["相关案例"]
    assert [(i.url, i.sample) for i in bus] == [("pufa/anli/shili-canji-junren-gongjiao/", True)]


def test_quiz_banks(site):
    banks = {b.id: b for b in site.models["quiz"]}
    assert set(banks) == {"xianfa", "tuiyi-junren-baozhangfa", "yinglie-baohu"}
    for bank in banks.values():
        assert len(bank.questions) >= 10
        assert set(bank.counts()) == {"单选", "多选", "判断"} and all(bank.counts().values())
        for question in bank.questions:
            assert question.citations and all(c.law.status(TODAY) != "已废止" for c in question.citations)
    multi = banks["tuiyi-junren-baozhangfa"].questions[3]
    assert (multi.kind, multi.answers, multi.answer_text) == ("多选", (0, 1, 2), "A、B、C")
    true_false = banks["tuiyi-junren-baozhangfa"].questions[1]
    assert (true_false.options, true_false.answer_text) == (("正确", "错误"), "正确")
    shown = question_context(site, banks["tuiyi-junren-baozhangfa"].questions[0], "pufa/dati/tuiyi-junren-baozhangfa/")
    assert shown["key"] == "2" and [o[2] for o in shown["options"]] == [False, False, True, False]
    assert shown["articles"][0]["title"] == "《中华人民共和国退役军人保障法》第二条"


BROKEN_QUIZ = """\
题库: 测试题库
排序: 9
发布日期: 2026-01-01
说明: 测试
题目:
  - 类型: 单选
    题干: 字母答案
    选项: [甲, 乙]
    答案: B
    解析: 依据（[[宪法#5]]）
  - 类型: 判断
    题干: 判断题写了选项
    选项: [对, 错]
    答案: 对
    解析: 依据（[[宪法#5]]）
  - 类型: 多选
    题干: 只有一个答案的多选题
    选项: [甲, 乙, 丙]
    答案: [乙]
    解析: 依据（[[宪法#5]]）
  - 类型: 单选
    题干: 单选题写了两个答案
    选项: [甲, 乙]
    答案: [甲, 乙]
    解析: 依据（[[宪法#5]]）
  - 类型: 判断
    题干: 没有引用条文
    答案: 正确
    解析: 没有依据。
  - 类型: 判断
    题干: 未知的人员标签
    答案: 错误
    解析: 依据（[[宪法#5]]）
    适用对象: [外星人]
"""

BROKEN_CASE = """\
案例名称: 没有来源的真实案例
发布日期: 2026-01-01
描述: 测试
主题: [安置]
适用对象: [退役军人]
案情简介: 测试
争议焦点: [测试]
处理结果: 测试
以案释法: |
  引用已废止的条例（[[退役士兵安置条例#2]]）。
"""


def test_quiz_and_case_mistakes_are_reported_at_their_lines(tmp_path):
    root = copy_site(tmp_path / "repo")
    (root / "data/quiz/broken.yml").write_text(BROKEN_QUIZ, encoding="utf-8")
    (root / "data/cases/broken.yml").write_text(BROKEN_CASE, encoding="utf-8")
    site = load_site(root, today=TODAY)
    errors = [p.format() for p in site.problems.errors]
    expected = [
        "data/quiz/broken.yml:9 第1题的“答案”: 答案请照抄选项原文，不要写字母“B”；选项为：A. 甲；B. 乙",
        "data/quiz/broken.yml:13 第2题的“选项”: 判断题不写选项（选项固定为“正确”“错误”）",
        "data/quiz/broken.yml:14 第2题的“答案”: “对”不在选项中；答案应为选项原文，“正确”或“错误”",
        "data/quiz/broken.yml:19 第3题的“答案”: 多选题至少有两个正确答案；只有一个的请改为“单选”",
        "data/quiz/broken.yml:24 第4题的“答案”: 单选题只有一个答案；多个答案请把类型改为“多选”",
        "data/quiz/broken.yml:29 第5题的“解析”: 应至少引用一条法律条文作为依据",
        "data/cases/broken.yml:1 来源: 真实案例须写明公开发布的来源",
        "data/cases/broken.yml:10 以案释法: [[退役士兵安置条例#2]] 《退役士兵安置条例》已于2024年9月1日废止",
    ]
    for message in expected:
        assert any(e.startswith(message) for e in errors), f"{message!r} not in {errors}"
    # tags are checked once everything has loaded, and only when nothing else is wrong: on their own
    (root / "data/quiz/broken.yml").write_text(BROKEN_QUIZ.split("  - 类型: 单选\n    题干: 字母答案")[0]
                                               + BROKEN_QUIZ[BROKEN_QUIZ.index("  - 类型: 判断\n    题干: 未知"):], encoding="utf-8")
    (root / "data/cases/broken.yml").unlink()
    errors = [p.format() for p in load_site(root, today=TODAY).problems.errors]
    assert errors == ["data/quiz/broken.yml:10 第1题的“适用对象”第1项: “外星人”不是已知的服务对象标签，相应人员的普法页面收不到这道题；可用："
                      + "、".join(sorted({t for a in site.models["services"].audiences for t in a.tags}))]


@pytest.mark.parametrize("today, name, start, days", [
    ("2026-11-26", "国家宪法日·宪法宣传周", "2026-12-04", 8),
    ("2026-12-04", "国家宪法日·宪法宣传周", "2026-12-04", 0),  # the day itself
    ("2026-12-05", "全民国家安全教育日", "2027-04-15", 131),  # past the last date of the year: next year's first
    ("2026-05-20", "民法典宣传月", "2026-05-01", 0),  # a month under way
    ("2026-04-16", "民法典宣传月", "2026-05-01", 15),
    ("2026-09-29", "烈士纪念日", "2026-09-30", 1),
])
def test_next_pufa_date(site, today, name, start, days):
    found = calendar.next_date(site.models["pufa"]["calendar"], dt.date.fromisoformat(today))
    assert (found.date.name, found.start.isoformat(), found.days) == (name, start, days)


def test_activities_belong_to_their_dates(site):
    dates = {d.ident: d for d in site.models["pufa"]["calendar"]}
    assert dates["bayi-jianjunjie"].holds(dt.date(2026, 7, 28))  # within 7 days of 8月1日
    assert not dates["bayi-jianjunjie"].holds(dt.date(2026, 7, 20))
    assert dates["xianfa-ri"].holds(dt.date(2026, 12, 1)) and not dates["xianfa-ri"].holds(dt.date(2026, 11, 30))
    assert dates["minfadian-xuanchuanyue"].holds(dt.date(2025, 5, 31))
    assert not dates["guojia-anquan-jiaoyu-ri"].holds(dt.date(2026, 4, 16))
    news = [{"event_date": "2026-07-28", "url": "a/"}, {"event_date": "2026-09-30", "url": "b/"}, {"url": "c/"}]
    assert calendar.activities(dates["bayi-jianjunjie"], news) == [news[0]]
    assert calendar.activities(dates["lieshi-jinianri"], news) == [news[1]]


def test_every_audience_gets_its_pufa_first_what_was_written_for_it(site):
    pages = {p.audience.id: p for p in audiences.gather(site)}
    assert set(pages) == {a.id for a in site.models["services"].audiences}
    disabled = pages["shangcan-junren"]
    assert [c.id for c in disabled.cases.main] == ["shili-canji-junren-gongjiao"]
    assert "bingdiaolian-yinglie-mingyu" in [c.id for c in disabled.cases.more]  # 退役军人: a broader tag
    assert all("伤残军人" in q.audiences for _b, q in disabled.questions.main)
    assert {(b.id, q.number) for b, q in disabled.questions.main} >= {("tuiyi-junren-baozhangfa", 11),
                                                                         ("tuiyi-junren-baozhangfa", 12)}
    keys = {(c.law.slug, c.article.key) for c in disabled.main_citations}
    assert {("tuiyi-junren-baozhangfa", "56"), ("junren-fuxu-youdai-tiaoli", "52"), ("xianfa", "45")} <= keys
    assert not keys & {(c.law.slug, c.article.key) for c in disabled.other_citations}
    family = pages["junshu"]
    assert [c.id for c in family.cases.main] == ["li-mou-pohuai-junhun"]
