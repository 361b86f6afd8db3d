"""政策文件 and 政策解读: 发文字号, 有效性, attachments, links both ways, important policies without 解读."""
from __future__ import annotations

import datetime as dt

import pytest
from xxgk_site import errors, line_of, load, new_root, read_yaml, render_pages, replace_in, warnings

from govsite.types.policies import doc_number_problem


@pytest.fixture
def root(tmp_path):
    return new_root(tmp_path)


def test_demo_data_is_clean_and_complete(root):
    site = load(root)
    assert errors(site) == []
    assert warnings(site) == []
    model = site.models["policies"]
    files = sorted((root / "data/policies").glob("*.yml"))
    assert [p.id for p in sorted(model.policies, key=lambda p: p.id)] == [f.stem for f in files]
    years = {read_yaml(f)["成文日期"].year for f in files}
    assert len(files) >= 12 and years >= {2023, 2024, 2025}
    # Every demo document is marked as a sample.
    assert all(read_yaml(f).get("示例") is True for f in files)
    assert all(read_yaml(f).get("示例") is True for f in (root / "data/interpretations").glob("*.yml"))


@pytest.mark.parametrize("number, year, expected", [
    ("某退役军人发〔2024〕3号", 2024, None),
    ("国办发〔2017〕47号", 2017, None),
    ("某退役军人发[2024]3号", 2024, "六角括号"),
    ("某退役军人发【2024】3号", 2024, "六角括号"),
    ("某退役军人发（2024）3号", 2024, "六角括号"),
    ("某退役军人发〔2024〕03号", 2024, "虚位"),
    ("某退役军人发〔2024〕第3号", 2024, "不加“第”"),
    ("某退役军人发〔2024〕3", 2024, "缺少“号”"),
    ("某退役军人发〔2023〕3号", 2024, "年份 2023 与成文日期的年份 2024 不一致"),
    ("〔2024〕3号", 2024, "机关代字〔年份〕序号号"),
])
def test_doc_number_rules(number, year, expected):
    problem = doc_number_problem(number, year)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


def test_bad_doc_number_is_reported_with_file_line_and_field(root):
    path = root / "data/policies/2024-002.yml"
    replace_in(path, "某退役军人发〔2024〕3号", "某退役军人发[2024]3号")
    line = line_of(path, "^发文字号:")
    assert any(e.startswith(f"data/policies/2024-002.yml:{line} 发文字号: ") and "六角括号" in e for e in errors(load(root)))


def test_duplicate_doc_number_names_both_files(root):
    replace_in(root / "data/policies/2025-004.yml", "某退役军人发〔2025〕4号", "某退役军人发〔2025〕1号")
    found = [e for e in errors(load(root)) if "发文字号 某退役军人发〔2025〕1号 重复" in e]
    assert len(found) == 1
    assert found[0].startswith("data/policies/2025-004.yml:") and "data/policies/2025-001.yml" in found[0]


def test_expiry_by_date_uses_today(root):
    # 2023-001 is valid until 2025-06-30 inclusive: it turns 失效 on 2025-07-01 without anyone editing it.
    data = read_yaml(root / "data/policies/2023-001.yml")
    assert data["有效性"] == "有效" and data["有效期至"] == dt.date(2025, 6, 30)
    def validity(today):
        return next(p for p in load(root, today).models["policies"].policies if p.id == "2023-001").validity
    assert validity(dt.date(2025, 6, 30)) == "有效"
    assert validity(dt.date(2025, 7, 1)) == "失效"
    assert validity(dt.date(2026, 11, 26)) == "失效"


def test_repealed_document(root):
    policy = next(p for p in load(root).models["policies"].policies if p.id == "2023-003")
    assert policy.validity == "废止" and policy.ended == dt.date(2025, 4, 1)
    assert policy.in_effect_on(dt.date(2025, 3, 31)) and not policy.in_effect_on(dt.date(2025, 4, 1))


def test_repealed_without_date_is_an_error(root):
    path = root / "data/policies/2023-003.yml"
    replace_in(path, "废止日期: 2025-04-01\n", "")
    line = line_of(path, "^有效性:")
    assert f"data/policies/2023-003.yml:{line} 废止日期: 有效性为“废止”时必须填写废止日期（自该日起不再有效）" in errors(load(root))


def test_missing_attachment_is_an_error(root):
    (root / "content/xxgk/fujian/2024-001-fj1.docx").unlink()
    path = root / "data/policies/2024-001.yml"
    line = line_of(path, r"文件: xxgk/fujian/2024-001-fj1\.docx")
    assert any(e.startswith(f"data/policies/2024-001.yml:{line} 第1个附件的“文件”: 附件文件不存在") for e in errors(load(root)))


def test_interpretation_and_policy_link_both_ways(root):
    site = load(root)
    policy = next(p for p in site.models["policies"].policies if p.id == "2024-001")
    assert [i.id for i in policy.interpretations] == ["2024-001"]
    pages = render_pages(site)
    policy_html = pages["xxgk/zcwj/2024-001/index.md"].html
    interpretation_html = pages["xxgk/zcjd/2024-001/index.md"].html
    # Relative links between xxgk/zcwj/2024-001/ and xxgk/zcjd/2024-001/.
    assert 'href="../../zcjd/2024-001/"' in policy_html
    assert 'href="../../zcwj/2024-001/"' in interpretation_html


def test_every_interpretation_names_an_existing_policy(root):
    site = load(root)
    policy_ids = {p.id for p in site.models["policies"].policies}
    for path in (root / "data/interpretations").glob("*.yml"):
        assert read_yaml(path)["解读对象"] in policy_ids


def test_interpretation_of_unknown_policy_is_an_error(root):
    path = root / "data/interpretations/2025-001.yml"
    replace_in(path, "解读对象: 2025-001", "解读对象: 2025-099")
    line = line_of(path, "^解读对象:")
    assert any(e.startswith(f"data/interpretations/2025-001.yml:{line} 解读对象: 找不到政策文件“2025-099”")
               for e in errors(load(root)))


def test_important_policy_without_interpretation_is_a_warning(root):
    (root / "data/interpretations/2025-004.yml").unlink()
    site = load(root)
    assert errors(site) == []
    line = line_of(root / "data/policies/2025-004.yml", "^重要政策:")
    assert [w for w in warnings(site) if "没有解读" in w] == [
        f"data/policies/2025-004.yml:{line} 重要政策: 重要政策文件《某区退役军人事务局关于印发《某区退役军人教育培训补助办法》的通知》"
        "没有解读；请在 data/interpretations/ 中添加“解读对象: 2025-004”的解读，与文件同步发布"]


def test_policy_page_shows_its_title_then_its_status_then_the_metadata_table(root):
    pages = render_pages(load(root))
    html = pages["xxgk/zcwj/2023-003/index.md"].html
    table = html[html.index("<table"):html.index("</table>")]
    data = read_yaml(root / "data/policies/2023-003.yml")
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "发文字号", "发布日期", "有效性", "内容概述", "政策解读"):
        assert f">{label}</th>" in table
    assert data["索引号"] in table and data["发文字号"] in table
    assert "废止" in table and "2025年4月1日" in table
    # On a phone the title comes first, then what a reader must know (repealed), then the metadata.
    assert html.index("<h1") < html.index('class="doc-status') < html.index("<table")
    status = html[html.index('class="doc-status'):]
    status = status[:status.index("</p>")]
    assert "已废止" in status and "2025年4月1日" in status and 'href="../2025-002/"' in status


def test_broken_policy_does_not_cascade_to_its_interpretation(root):
    path = root / "data/policies/2024-001.yml"
    replace_in(path, "成文日期: 2024-03-04", "成文日期: 2024-03-40")
    found = errors(load(root))
    assert len(found) == 1 and found[0].startswith("data/policies/2024-001.yml:") and "不是有效日期" in found[0]


def test_repealed_and_repealing_documents_link_to_each_other(root):
    site = load(root)
    pages = render_pages(site)
    assert 'href="../2025-002/"' in pages["xxgk/zcwj/2023-003/index.md"].html
    assert 'href="../2023-003/"' in pages["xxgk/zcwj/2025-002/index.md"].html


def test_repealing_document_must_exist_and_be_newer(root):
    path = root / "data/policies/2023-003.yml"
    replace_in(path, "废止文件: 2025-002", "废止文件: 2023-001")
    line = line_of(path, "^废止文件:")
    assert any(e.startswith(f"data/policies/2023-003.yml:{line} 废止文件: 废止文件 2023-001 的成文日期") for e in errors(load(root)))
    replace_in(path, "废止文件: 2023-001", "废止文件: 2025-099")
    assert f"data/policies/2023-003.yml:{line} 废止文件: 找不到政策文件“2025-099”（data/policies/2025-099.yml）" in errors(load(root))
