"""Broken input in the law library, citations and 政策问答: Chinese errors with 文件:行, found at load time."""
from __future__ import annotations

import datetime as dt

from govsite.build import load_site
from sitekit import without_review

TODAY = dt.date(2026, 11, 26)


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def errors(root):
    return [p.format() for p in load_site(root, today=TODAY).problems.errors]


def test_bad_citations_in_markdown_are_errors_with_file_and_line(site_copy):
    without_review(site_copy)  # a test page without a review record: this test is about citations
    page = site_copy / "content" / "pufa" / "news" / "2026-01-01-test.md"
    page.write_text("---\n标题: 测试\n发布日期: 2026-01-01\n发布机构: 测试\n---\n\n第一段。\n\n"
                    "引用[[兵役法#1]]。\n\n"
                    "引用[[退役军人保障法#86]]和[[退役军人保障法#85]]。\n\n"
                    "```\n[[代码里不检查#1]]\n```\n\n[[退役军人保障法#第八十六条]] `[[行内代码也不检查#1]]`\n", encoding="utf-8")
    found = errors(site_copy)
    file = "content/pufa/news/2026-01-01-test.md"
    assert any(e.startswith(f"{file}:9: [[兵役法#1]] 引用了未收录的法律法规“兵役法”") for e in found), found
    assert any(e.startswith(f"{file}:11: [[退役军人保障法#86]] 《退役军人保障法》共85条") for e in found), found
    assert any(e.startswith(f"{file}:17: [[退役军人保障法#第八十六条]]") for e in found), found
    assert not any("代码里不检查" in e or "行内代码也不检查" in e for e in found)
    assert len([e for e in found if e.startswith(file)]) == 3


def test_qa_citing_a_repealed_law_is_an_error(site_copy):
    path = site_copy / "data" / "qa" / "anzhi.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("（[[退役军人安置条例#25]]）", "（[[退役士兵安置条例#25]]）")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, text_line in enumerate(text.split("\n"), 1) if "[[退役士兵安置条例#25]]" in text_line)
    found = errors(site_copy)
    assert any(e.startswith(f"data/qa/anzhi.yml:{line} 第2条问答的“答”: [[退役士兵安置条例#25]] 《退役士兵安置条例》已于2024年9月1日废止")
               for e in found), found


def test_qa_answer_without_citation_is_an_error(site_copy):
    path = site_copy / "data" / "qa" / "baoyang-jili.yml"
    text = path.read_text(encoding="utf-8").replace("（[[烈士褒扬条例#37]]）", "")
    path.write_text(text, encoding="utf-8")
    assert any(e.startswith("data/qa/baoyang-jili.yml:") and "应至少引用一条法律条文" in e for e in errors(site_copy))


def test_law_yaml_dates_are_checked_against_the_text(site_copy):
    path = site_copy / "data" / "laws" / "tuiyi-junren-baozhangfa.yml"
    text = path.read_text(encoding="utf-8").replace("施行日期: 2021-01-01", "施行日期: 2021-02-01")
    text = text.replace("公布日期: 2020-11-11", "公布日期: 2020-11-12")
    path.write_text(text, encoding="utf-8")
    effective = line_of(text, "施行日期:")
    promulgated = line_of(text, "公布日期:")
    found = errors(site_copy)
    assert any(e.startswith(f"data/laws/tuiyi-junren-baozhangfa.yml:{effective} 施行日期: 2021-02-01 与全文“自2021年1月1日起施行”不一致")
               for e in found), found
    assert any(e.startswith(f"data/laws/tuiyi-junren-baozhangfa.yml:{promulgated} 公布日期: 2020-11-12 不在全文") for e in found), found


def test_law_yaml_title_successor_and_text_errors(site_copy):
    path = site_copy / "data" / "laws" / "tuiyi-shibing-anzhi-tiaoli.yml"
    text = path.read_text(encoding="utf-8").replace("替代: 退役军人安置条例", "替代: 退役军人安置办法")
    path.write_text(text, encoding="utf-8")
    other = site_copy / "data" / "laws" / "xianfa.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("文本: texts/中华人民共和国宪法.md", "文本: texts/宪法.md"),
                     encoding="utf-8")
    found = errors(site_copy)
    successor = line_of(text, "替代:")
    assert any(e.startswith(f"data/laws/tuiyi-shibing-anzhi-tiaoli.yml:{successor} 替代: 找不到法律法规“退役军人安置办法”")
               for e in found), found
    text_line = line_of(other.read_text(encoding="utf-8"), "文本:")
    assert any(e.startswith(f"data/laws/xianfa.yml:{text_line} 文本: 找不到全文文件 data/laws/texts/宪法.md") for e in found), found
    # citations of the broken law (in the seed report, the duty list …) are not reported a second time
    assert not any("宪法" in e and "未收录" in e for e in found), found


def test_article_gap_in_a_text_is_reported_in_the_text_file(site_copy):
    path = site_copy / "data" / "laws" / "texts" / "中华人民共和国个人信息保护法.md"
    text = path.read_text(encoding="utf-8").replace("第十条 ", "第十一条 ", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, text_line in enumerate(text.split("\n"), 1) if text_line.startswith("第十一条 "))
    found = errors(site_copy)
    assert f"data/laws/texts/中华人民共和国个人信息保护法.md:{line}: 条文编号不连续：第九条之后是第十一条" in found


def test_duty_list_must_name_laws_in_force(site_copy):
    path = site_copy / "data" / "pufa" / "responsibilities.yml"
    text = path.read_text(encoding="utf-8").replace("法律法规: [烈士褒扬条例]", "法律法规: [退役士兵安置条例]")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, text_line in enumerate(text.split("\n"), 1) if "[退役士兵安置条例]" in text_line)
    assert f"data/pufa/responsibilities.yml:{line} 清单第5项的“法律法规”第1项: 《退役士兵安置条例》已废止，不应再列入普法责任清单" \
        in errors(site_copy)
