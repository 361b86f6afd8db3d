"""精准服务 (engine only): benefits and audiences from data/benefits/, 办事指南, the matching rule, errors."""
from __future__ import annotations

import re

import pytest
import yaml

from govsite.build import load_site
from govsite.types.services import Services, flowchart
from govsite.types.services.matching import (
    APPLIES,
    MAYBE,
    NO,
    Profile,
    Question,
    Rule,
    complete_profiles,
    evaluate,
    profile_from_answers,
)
from sitekit import REPO, copy_site

ITEMS = sorted((REPO / "data/benefits/items").glob("*.yml"))
AUDIENCES = yaml.safe_load((REPO / "data/benefits/audiences.yml").read_text(encoding="utf-8"))
LAW_TEXTS = {yaml.safe_load(p.read_text(encoding="utf-8"))["简称"]:
             (REPO / "data/laws" / yaml.safe_load(p.read_text(encoding="utf-8"))["文本"]).read_text(encoding="utf-8")
             for p in sorted((REPO / "data/laws").glob("*.yml"))}
RAW = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in ITEMS}


@pytest.fixture(scope="module")
def site():
    return load_site(REPO)


@pytest.fixture(scope="module")
def model(site):
    return site.models["services"]


def _errors(site, prefix: str) -> list[str]:
    return [p.format() for p in site.problems.errors if p.file.startswith(prefix)]


def test_data_loads_without_errors(site, model):
    assert _errors(site, "data/benefits") == [] and _errors(site, "data/guides") == []
    assert len(model.benefits) == len(ITEMS) >= 20
    assert len(model.audiences) == len(AUDIENCES["服务对象"])
    assert set(model.guides) >= {"youdaizheng-shenling", "shangcan-fuxujin", "zizhu-jiuye-buzhu",
                                         "lieshi-baoyangjin", "laixin-laifang"}


def _surely_covers(rule: dict, profile: dict) -> bool:
    """Independent of matching.py: a rule without 另需 whose every condition the audience's profile satisfies."""
    if "另需" in rule:
        return False
    return all(name in profile and set(profile[name]) <= set(values) for name, values in rule.items())


def test_every_audience_reaches_a_benefit_that_surely_applies():
    for audience in AUDIENCES["服务对象"]:
        found = [stem for stem, data in RAW.items() if any(_surely_covers(r, audience["画像"]) for r in data["条件"])]
        assert found, audience["名称"]


def test_every_audience_reaches_a_benefit_in_the_model(model):
    for audience in model.audiences:
        statuses = [o.status for _, o in model.for_audience(audience)]
        assert APPLIES in statuses, audience.name


def test_every_benefit_is_reachable_by_some_answers(model):
    reachable = {}
    for profile in complete_profiles(model.questions):
        for benefit, outcome in model.outcomes(profile):
            if outcome.status != NO:
                reachable.setdefault(benefit.id, profile)
    assert set(reachable) == set(RAW)


def test_a_rule_read_from_yaml_applies_to_the_profile_it_describes(model):
    """For each rule without 另需, answering exactly what it asks (first accepted value) makes the benefit apply."""
    for stem, data in RAW.items():
        for rule in data["条件"]:
            if "另需" in rule:
                continue
            answers = {name: values[0] for name, values in rule.items()}
            profile, asked = profile_from_answers(model.questions, answers)
            if not set(answers) <= asked:
                continue  # the rule names a question its own answers do not lead to
            benefit = next(b for b in model.benefits if b.id == stem)
            assert evaluate(benefit.rules, profile).status == APPLIES, (stem, answers)


def test_citations_resolve_to_current_articles(model, site):
    laws = site.models["laws"]
    for benefit in model.benefits:
        assert len(benefit.citations) == len(RAW[benefit.id]["依据"]), benefit.id
        for text, citation in benefit.citations:
            law_name, number = re.match(r"\[\[(.+)#(\d+)\]\]", text).groups()
            assert citation.law is laws.lookup(law_name)
            assert citation.law.status(site.today) != "已废止"
            assert citation.article is not None and citation.article.text
            # The cited article, as the law's text file itself prints it ("第二十四条 残疾军人享受……").
            from govsite.types.laws.numerals import chinese_to_int
            assert chinese_to_int(citation.article.label[1:-1]) == int(number)
            first_line = citation.article.text.split("\n")[0]
            assert f"{citation.article.label} {first_line}" in LAW_TEXTS[citation.law.short], text


def test_benefit_facts_quote_the_law_correctly(model):
    """Numbers stated in benefit texts are the ones of the articles they cite (checked against the law files)."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (REPO / "data/laws/texts").glob("*.md")}
    fuxu = texts["军人抚恤优待条例"]
    assert "退出现役时为一级至四级的残疾军人，由国家供养终身" in fuxu  # guojia-gongyang rests on art. 33
    assert "60日内" in fuxu and "30倍" in texts["烈士褒扬条例"]
    assert "30日内，到安置地人民政府退役军人工作主管部门报到" in texts["退役军人安置条例"]


def test_no_benefit_or_guide_cites_the_repealed_regulation():
    for path in ITEMS + sorted((REPO / "data/guides").glob("*.yml")):
        assert "退役士兵安置条例" not in path.read_text(encoding="utf-8"), path.name


def _line_starting(path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.startswith(start))


def _line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def test_citing_a_repealed_law_is_an_error_with_file_and_line(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/benefits/items/anpai-gongzuo.yml"
    text = path.read_text(encoding="utf-8").replace('  - "[[退役军人安置条例#25]]"', '  - "[[退役士兵安置条例#18]]"')
    path.write_text(text, encoding="utf-8")
    site = load_site(root)
    line = _line_of(path, "[[退役士兵安置条例#18]]")
    errors = _errors(site, "data/benefits")
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"data/benefits/items/anpai-gongzuo.yml:{line} 第1条依据: [[退役士兵安置条例#18]]")
    assert "已于2024年9月1日废止" in errors[0] and "退役军人安置条例" in errors[0]


def test_repealed_citation_inside_a_text_is_an_error_too(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/benefits/items/zizhu-jingji-buzhu.yml"
    text = path.read_text(encoding="utf-8").replace("[[退役军人安置条例#51]]。\n依据", "[[退役士兵安置条例#20]]。\n依据")
    path.write_text(text, encoding="utf-8")
    site = load_site(root)
    line = _line_of(path, "[[退役士兵安置条例#20]]")
    assert [e for e in _errors(site, "data/benefits") if e.startswith(f"data/benefits/items/zizhu-jingji-buzhu.yml:{line} 内容:")]


def test_wrong_question_or_answer_and_missing_guide_are_errors(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/benefits/items/hulifei.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    伤残等级: [一级, 二级, 三级, 四级]\n", "    伤残等级: [一级, 二级, 三级, 4级]\n", 1)
    text = text.replace("    是否退役: [已退役]\n    伤残等级: [五级", "    退役否: [已退役]\n    伤残等级: [五级", 1)
    text = text.replace("办事指南: shangcan-fuxujin", "办事指南: shangcan-fuxu")
    path.write_text(text, encoding="utf-8")
    site = load_site(root)
    errors = _errors(site, "data/benefits")
    file = "data/benefits/items/hulifei.yml"
    assert any(e.startswith(f"{file}:{_line_of(path, '4级')} 第1个条件的“伤残等级”: “4级”不是问题“伤残等级”的选项") for e in errors), errors
    assert any(e.startswith(f"{file}:{_line_of(path, '退役否')} 第2个条件的“退役否”: 没有名为“退役否”的问题") for e in errors), errors
    assert any(e.startswith(f"{file}:{_line_of(path, 'shangcan-fuxu')} 办事指南: 找不到办事指南“shangcan-fuxu”") for e in errors), errors


def test_guide_phone_must_be_public_and_steps_fit_the_promised_time(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/guides/youdaizheng-shenling.yml"
    text = path.read_text(encoding="utf-8").replace("  - 号码: 0371-12345672", "  - 号码: 0371-99999999", 1)
    text = text.replace("承诺时限: 10", "承诺时限: 8")
    path.write_text(text, encoding="utf-8")
    site = load_site(root)
    errors = _errors(site, "data/guides")
    file = "data/guides/youdaizheng-shenling.yml"
    assert f"{file}:{_line_of(path, '0371-99999999')} 咨询电话第1项的“号码”: 0371-99999999 不在 data/site.yml 的“公开号码”中，" \
           "办事指南只能公布本局公开的号码。如果这是新启用的号码，请先把它加入 data/site.yml 的“公开号码”并写明用途；" \
           "如果本局电话已经变更，请改为现在的号码" in errors
    assert f"{file}:{_line_of(path, '承诺时限: 8')} 承诺时限: 各步骤时限合计 10 个工作日，超过承诺时限 8 个工作日" in errors


def test_unknown_audience_tag_on_a_notice_is_an_error(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "content/notices/2025/peixun-baoming.md"
    path.write_text(path.read_text(encoding="utf-8").replace("  - 退役士兵\n", "  - 退伍士兵\n", 1), encoding="utf-8")
    site = load_site(root)
    line = _line_of(path, "退伍士兵")
    errors = [p.format() for p in site.problems.errors if p.file == "content/notices/2025/peixun-baoming.md"]
    assert len(errors) == 1 and errors[0].startswith(f"content/notices/2025/peixun-baoming.md:{line} “适用对象”第1项: “退伍士兵”不是已知的服务对象标签")


# ---- the matching rule on small hand-made cases ---------------------------------------------------------

def _questions():
    a = Question("甲", "?", ("x", "y"))
    b = Question("乙", "?", ("1", "2", "3"), show_if=(Rule({"甲": frozenset({"x"})}),))
    return {"甲": a, "乙": b}


def test_matching_rule_by_hand():
    questions = _questions()
    rules = (Rule({"甲": frozenset({"x"}), "乙": frozenset({"1", "2"})}),)
    unknown = Profile(questions, {})
    outcome = evaluate(rules, unknown)
    assert outcome.status == MAYBE and outcome.depends_on == ("甲", "乙")
    assert evaluate(rules, Profile(questions, {"甲": frozenset({"y"})})).status == NO
    assert evaluate(rules, Profile(questions, {"甲": frozenset({"x"}), "乙": frozenset({"1", "2"})})).status == APPLIES
    partly = evaluate(rules, Profile(questions, {"甲": frozenset({"x"})}))
    assert partly.status == MAYBE and partly.depends_on == ("乙",) and partly.reason == "取决于“乙”的回答"
    extra = (Rule({"甲": frozenset({"x"})}, "另有条件"),)
    assert evaluate(extra, Profile(questions, {"甲": frozenset({"x"})})).reason == "另需另有条件"
    assert evaluate(extra, Profile(questions, {"甲": frozenset({"y"})})).status == NO
    # Two rules that together cover every answer: surely applies although each alone is uncertain.
    both = (Rule({"乙": frozenset({"1"})}), Rule({"乙": frozenset({"2", "3"})}))
    assert evaluate(both, unknown).status == APPLIES


def test_hidden_questions_are_not_asked_and_their_answers_ignored():
    questions = _questions()
    profile, asked = profile_from_answers(questions, {"甲": "y", "乙": "1"})
    assert asked == {"甲"} and "乙" not in profile.answers
    assert len(list(complete_profiles(questions))) == 1 + 3  # y; x with 1, 2 or 3


def test_finder_json_carries_the_yaml_rules(site):
    data = Services().finder_data(site)
    assert [q["name"] for q in data["questions"]] == [q["名称"] for q in AUDIENCES["问题"]]
    for entry in data["benefits"]:
        raw = RAW[entry["id"]]["条件"]
        assert [rule["extra"] for rule in entry["rules"]] == [r.get("另需", "") for r in raw]
        assert [rule["accepts"] for rule in entry["rules"]] == [{k: v for k, v in r.items() if k != "另需"} for r in raw]


# ---- the flow chart -------------------------------------------------------------------------------------

def _overlap(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("path", sorted((REPO / "data/guides").glob("*.yml")), ids=lambda p: p.stem)
def test_flow_chart_boxes_do_not_overlap_and_arrows_join_them(path):
    steps = yaml.safe_load(path.read_text(encoding="utf-8"))["办理流程"]
    chart = flowchart.layout(steps)
    main = [b for b in chart.boxes if b.kind != "side"]
    assert len(main) == len(steps)
    for i, a in enumerate(chart.boxes):
        assert 0 <= a.x and a.x + a.w <= chart.width and 0 <= a.y and a.y + a.h <= chart.height
        for b in chart.boxes[i + 1:]:
            assert not _overlap(a, b)
    downward = [a for a in chart.arrows if a.x1 == a.x2]
    assert len(downward) == len(steps) - 1
    for arrow, (upper, lower) in zip(downward, zip(main, main[1:])):
        assert arrow.y1 == upper.y + upper.h and arrow.y2 == lower.y
    sides = [a for a in chart.arrows if a.x1 != a.x2]
    assert len(sides) == sum(1 for s in steps if s.get("判断") and s.get("否则"))
    for box in chart.boxes:
        for line in box.lines:
            limit = (box.w - 2 * flowchart.PAD) / flowchart.FONT + 1 if box.kind != "decision" else 11
            assert flowchart.text_width(line) <= limit, line


def test_conditions_on_questions_the_visitor_is_never_asked_are_errors(tmp_path):
    root = copy_site(tmp_path / "repo")
    items = root / "data/benefits/items"
    never = items / "fuyuan.yml"  # 安置方式 is not asked of 烈士遗属
    never.write_text(never.read_text(encoding="utf-8").replace(
        "  - 身份: [退役军人]\n    安置方式: [复员]\n  - 身份: [伤残军人]\n    是否退役: [已退役]\n    安置方式: [复员]\n",
        "  - 身份: [烈士遗属]\n    安置方式: [复员]\n"), encoding="utf-8")
    serving = items / "zhuanye-anzhi.yml"  # 是否退役 is asked of 伤残军人 only
    serving.write_text(serving.read_text(encoding="utf-8").replace(
        "  - 身份: [退役军人]\n    安置方式: [转业]\n  - 身份: [伤残军人]\n    是否退役: [已退役]\n    安置方式: [转业]\n",
        "  - 身份: [退役军人]\n    是否退役: [已退役]\n"), encoding="utf-8")
    site = load_site(root)
    errors = _errors(site, "data/benefits")
    assert any(e.startswith(f"data/benefits/items/fuyuan.yml:{_line_starting(never, '条件:')} 条件: “复员费”的条件用到了"
                            "问题“安置方式”，但回答 身份=烈士遗属 的访客不会被问到它") for e in errors), errors
    assert any(e.startswith(f"data/benefits/items/zhuanye-anzhi.yml:{_line_starting(serving, '条件:')} 条件: “转业安置”的"
                            "条件用到了问题“是否退役”，但回答 身份=退役军人") for e in errors), errors
    assert len(errors) == 2, errors


def test_audience_without_a_sure_benefit_and_question_order_are_errors(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/benefits/audiences.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    显示条件:\n      - 身份: [伤残军人]\n    选项: [已退役, 仍在服现役]",
                        "    显示条件:\n      - 伤残等级: [一级]\n    选项: [已退役, 仍在服现役]")
    text = text.replace("    画像:\n      身份: [现役军人家属]\n", "    画像:\n      身份: [现役军人家属]\n      是否参战: [是]\n")
    path.write_text(text, encoding="utf-8")
    site = load_site(root)
    errors = _errors(site, "data/benefits")
    assert f"data/benefits/audiences.yml:{_line_of(path, '- 伤残等级: [一级]')} 第2个问题的显示条件第1项的“伤残等级”: " \
           "“是否退役”的显示条件只能引用排在它前面的问题，“伤残等级”不在它前面" in errors, errors

    line = _line_of(path, "      身份: [现役军人家属]") + 1
    assert f"data/benefits/audiences.yml:{line} 第11类服务对象的画像的“是否参战”: 按画像中的其他回答，政策找找看不会问“是否参战”；" \
           "请删去它或补上使它被提问的回答" in errors, errors

    root2 = copy_site(tmp_path / "repo2")
    for stem in ("guangrongpai", "jiuyi-youdai", "wenhua-youdai", "xinfang-weiquan"):  # what every family surely gets
        (root2 / f"data/benefits/items/{stem}.yml").unlink()
    site = load_site(root2)
    path = root2 / "data/benefits/audiences.yml"
    line = _line_of(path, "名称: 现役军人家属")
    assert _errors(site, "data/benefits") == [
        f"data/benefits/audiences.yml:{line} 服务对象: “现役军人家属”没有一项确定适用的政策；请检查它的画像或政策的条件"]
