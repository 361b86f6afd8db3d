"""Every kind of bad input gets its own Chinese `文件:行 字段: 问题` message (engine only, no MkDocs)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsite import schema
from govsite.problems import InputError
from govsite.source import read_text, rel
from govsite.yamlfile import load_yaml, parse_yaml

SITE_SCHEMA = Path(__file__).resolve().parents[2] / "hooks/govsite/site.schema.json"
REPORT_SCHEMA = Path(__file__).resolve().parents[2] / "hooks/govsite/types/reports/report.schema.json"


def problems_of(text: str, schema_path: Path, file="data/x.yml"):
    located = parse_yaml(text, file)
    return [p.format() for p in schema.validate(located, schema_path)]


def test_malformed_yaml_names_the_parsers_line():
    with pytest.raises(InputError) as exc:
        parse_yaml("标题: 甲\n年度: 2023\n发布日期: [2024-01-01\n发布机构: 乙\n", "data/a.yml")
    (problem,) = exc.value.problems
    assert problem.file == "data/a.yml"
    assert problem.line == 3  # where the "[" opens, though the parser notices it on the next line
    assert problem.message == "方括号“[”没有闭合，或列表项之间缺少半角逗号“,”（列表应写成 [甲, 乙]）"


def test_tab_indentation_is_explained():
    with pytest.raises(InputError) as exc:
        parse_yaml("公开号码:\n\t- 号码: 1\n", "data/site.yml")
    assert exc.value.problems[0].line == 2
    assert "Tab" in exc.value.problems[0].message


def test_colon_inside_value_is_explained():
    with pytest.raises(InputError) as exc:
        parse_yaml("标题: 甲\n地址: a: b\n", "data/site.yml")
    assert exc.value.problems[0].format().startswith("data/site.yml:2")
    assert "冒号" in exc.value.problems[0].message


def test_missing_required_field():
    lines = problems_of("标题: 报告\n年度: 2023\n发布机构: 某局\n", REPORT_SCHEMA, "content/pufa/fzzf/2023.md")
    assert lines == ["content/pufa/fzzf/2023.md:1 发布日期: 缺少必填字段"]


def test_wrong_type_names_line_and_field():
    lines = problems_of("标题: 报告\n年度: 二〇二三\n发布日期: 2024-01-02\n发布机构: 某局\n", REPORT_SCHEMA)
    assert lines == ['data/x.yml:2 年度: 应为整数，实际为 "二〇二三"']


def test_impossible_date():
    lines = problems_of("标题: 报告\n年度: 2023\n发布日期: 2023-02-30\n发布机构: 某局\n", REPORT_SCHEMA)
    assert lines == ["data/x.yml:3 发布日期: 不是有效日期：2023-02-30"]


def test_badly_written_date():
    lines = problems_of("标题: 报告\n年度: 2023\n发布日期: 2023年2月3日\n发布机构: 某局\n", REPORT_SCHEMA)
    assert lines == ["data/x.yml:3 发布日期: 日期格式应为 YYYY-MM-DD，如 2024-03-01：2023年2月3日"]


def test_unknown_key_suggests_the_intended_one():
    lines = problems_of("标题: 报告\n年度: 2023\n发布日期: 2024-01-02\n发布机关: 某局\n", REPORT_SCHEMA)
    assert "data/x.yml:4 发布机关: 未知字段；是否应为“发布机构”？" in lines
    assert "data/x.yml:1 发布机构: 缺少必填字段" in lines


def test_every_error_is_reported_not_only_the_first():
    lines = problems_of("标题: 报告\n年度: 二〇二三\n发布日期: 2023-02-30\n发布机关: 某局\n", REPORT_SCHEMA)
    assert len(lines) == 4, lines


def test_pattern_error_uses_the_schemas_chinese_hint():
    text = (SITE_SCHEMA.parent.parent.parent / "data/site.yml").read_text(encoding="utf-8")
    text = text.replace('邮编: "450000"', '邮编: "45000"', 1)
    lines = problems_of(text, SITE_SCHEMA, "data/site.yml")
    assert len(lines) == 1 and "邮编: \"45000\" 格式不正确：应为 6 位数字" in lines[0], lines


def test_number_where_text_is_expected():
    text = (SITE_SCHEMA.parent.parent.parent / "data/site.yml").read_text(encoding="utf-8")
    text = text.replace('邮编: "450000"', "邮编: 450000", 1)
    lines = problems_of(text, SITE_SCHEMA, "data/site.yml")
    assert len(lines) == 1 and "邮编: 应为文本，实际为 450000" in lines[0], lines


def test_duplicate_key_is_an_error():
    with pytest.raises(InputError) as exc:
        parse_yaml("标题: 甲\n年度: 2023\n标题: 乙\n", "data/a.yml")
    assert exc.value.problems[0].format() == "data/a.yml:3 标题: 字段重复出现；同一字段只能写一次"


def test_yaml_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    start = time.monotonic()
    with pytest.raises(InputError) as exc:
        parse_yaml(bomb, "data/bomb.yml")
    assert time.monotonic() - start < 2
    assert "锚点" in exc.value.problems[0].message


def test_line_numbers_in_front_matter_are_file_lines():
    from govsite.frontmatter import split

    text = "---\n标题: 报告\n年度: 2023\n发布日期: 2023-02-30\n发布机构: 某局\n---\n正文\n"
    located, body, body_line = split(text, "content/pufa/fzzf/2023.md")
    lines = [p.format() for p in schema.validate(located, REPORT_SCHEMA)]
    assert lines == ["content/pufa/fzzf/2023.md:4 发布日期: 不是有效日期：2023-02-30"]
    assert body == "正文\n" and body_line == 7


@pytest.mark.parametrize("content, expected", [
    (b"\xef\xbb\xbf\xe6\xa0\x87\xe9\xa2\x98: a\n", "BOM"),
    ("标题: 退役军人\n".encode("gbk"), "GBK"),
    (b"   \n", "文件为空"),
])
def test_unreadable_files(tmp_path, content, expected):
    path = tmp_path / "data" / "x.yml"
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_text(path, tmp_path)
    assert expected in exc.value.problems[0].message
    assert exc.value.problems[0].file == "data/x.yml"


def test_oversized_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.yml"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError) as exc:
        read_text(path, tmp_path)
    assert "过大" in exc.value.problems[0].message


def test_symlink_out_of_the_repository_is_not_followed(tmp_path):
    outside = tmp_path / "secret.yml"
    outside.write_text("标题: 机密\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    os.symlink(outside, repo / "data" / "link.yml")
    with pytest.raises(InputError) as exc:
        load_yaml(repo / "data" / "link.yml", repo)
    assert "符号链接" in exc.value.problems[0].message


def test_a_folder_linked_out_of_the_repository_is_not_followed_either(tmp_path):
    """The site reads many files of one folder and resolves each folder once (Site.real_folders): a folder that
    is a link out of the repository must still stop every file in it, the first and the next."""
    from govsite.model import Site

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    for name in ("a.md", "b.md"):
        (outside / name).write_text("# 机密\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "inside.md").write_text("# 公开\n", encoding="utf-8")
    os.symlink(outside, repo / "content" / "linked")
    site = Site(root=repo)
    assert site.read_text(repo / "content" / "inside.md") == "# 公开\n"
    for name in ("a.md", "b.md"):
        with pytest.raises(InputError) as exc:
            site.read_text(repo / "content" / "linked" / name)
        assert "符号链接" in exc.value.problems[0].message


# ---- every syntax problem of a file, each at its own line, full-width punctuation named

def syntax_messages(text: str, file="data/x.yml") -> list[str]:
    with pytest.raises(InputError) as exc:
        parse_yaml(text, file)
    return [p.format() for p in exc.value.problems]


TAB = "使用了 Tab 缩进；YAML 只能用空格缩进，请把行首的 Tab 换成空格"


def test_every_tab_indented_line_is_listed_not_only_the_first():
    text = "公开号码:\n\t- 号码: 0371-1\n\t  用途: 甲\n  - 号码: 0371-2\n    用途: 乙\n"
    assert syntax_messages(text) == [f"data/x.yml:2: {TAB}", f"data/x.yml:3: {TAB}"]


def test_a_full_width_colon_is_named_with_its_fix_not_called_missing():
    messages = syntax_messages("标题: 甲\n电话：0371-12345678\n地址: 乙\n")
    assert messages == ["data/x.yml:2: “电话”后面用了全角冒号“：”；字段名后应为半角冒号“:”再加一个空格，如“电话: …”"]
    assert "缺少冒号" not in messages[0]


def test_a_colon_without_its_space_is_named():
    assert syntax_messages("标题: 甲\n电话:0371-12345678\n地址: 乙\n") == [
        "data/x.yml:2: “电话:”后面缺少空格；冒号后应有一个空格，如“电话: …”"]


def test_several_kinds_of_mistake_in_one_file_are_all_listed_in_order():
    text = ("标题: 甲\n电话：0371-12345678\n附件:\n  - 名称：名单\n    文件: a.pdf\n"
            "公示期:\n\t开始: 2026-11-23\n描述:甲乙\n")
    lines = [m.split(":", 2)[1] for m in syntax_messages(text)]
    assert lines == ["2", "4", "7", "8"]


def test_a_problem_the_repairs_do_not_explain_is_listed_too():
    text = "标题: 甲\n电话：0371-12345678\n地址: 乙\n\n\n描述: \"未闭合\n发布日期: 2026-01-01\n"
    messages = syntax_messages(text)
    assert messages[0].startswith("data/x.yml:2: “电话”后面用了全角冒号")
    assert len(messages) == 2 and messages[1].startswith("data/x.yml:") and "引号" in messages[1]


def test_full_width_colons_in_free_text_are_not_mistakes():
    located = parse_yaml("标题: 关于：某事的公示\n正文: |\n  第一条：内容\n  电话:123\n步骤:\n  - 第一步：提交\n", "data/x.yml")
    assert located.data["步骤"] == ["第一步：提交"]
    # In a file that does not parse, lines inside a block of free text are still not blamed.
    assert syntax_messages("正文: |\n  第一条：内容\n  电话:123\n标题：甲\n") == [
        "data/x.yml:4: “标题”后面用了全角冒号“：”；字段名后应为半角冒号“:”再加一个空格，如“标题: …”"]


def test_indentation_with_full_width_spaces_is_named():
    # YAML reads a full-width space as text, so this even parses: as a key "　　工作日" at the top level.
    messages = syntax_messages("公示期:\n  开始: 2026-11-23\n\u3000\u3000工作日: 5\n")
    assert messages == ["data/x.yml:3: 行首有全角空格或其他特殊空格；缩进只能用半角空格（英文输入法下的空格键）"]
    messages = syntax_messages("公示期:\n  开始: 2026-11-23\n\u3000\u3000工作日: 5\n\t结束: 1\n")
    assert [m.split(":")[1] for m in messages] == ["3", "4"]


def test_in_front_matter_the_lines_are_the_files_lines():
    from govsite.frontmatter import split

    with pytest.raises(InputError) as exc:
        split("---\n标题: 甲\n\t类别: 乙\n\t发布时间: 2026-01-01 09:00\n---\n正文\n", "content/notices/2026/a.md")
    assert [p.format() for p in exc.value.problems] == [f"content/notices/2026/a.md:3: {TAB}",
                                                       f"content/notices/2026/a.md:4: {TAB}"]


def test_a_list_in_full_width_brackets_is_named():
    text = "年份:\n  \"2027\":\n    依据: 示例\n    放假: ［2027-01-01］\n    调休上班: []\n"
    lines = problems_of(text, Path(__file__).resolve().parents[2] / "hooks/govsite/holidays.schema.json")
    assert lines == ["data/x.yml:4 年份“2027”的“放假”: 用了全角括号“［”；列表应使用半角括号“[ ]”，"
                     "各项之间用半角逗号“,”分隔，如 [甲, 乙]"]


def test_a_key_with_a_full_width_space_is_named_once():
    text = "年份:\n  \"2027\":\n    依据: 示例\n    放假: []\n    调休上班\u3000: []\n"
    lines = problems_of(text, Path(__file__).resolve().parents[2] / "hooks/govsite/holidays.schema.json")
    assert len(lines) == 1 and "字段名“调休上班”前后有多余的空格（可能是全角空格）" in lines[0], lines


@pytest.mark.parametrize("path, words", [
    ("问答[3].答", "第3条问答的“答”"),
    ("依据[1]", "第1条依据"),
    ("电话", "电话"),
    ("附件[2].文件", "第2个附件的“文件”"),
    ("排名[4].姓名", "排名第4行的“姓名”"),
    ("年份.2027.放假[1]", "年份“2027”的“放假”第1项"),
    ("依申请公开.本年新收.总计", "依申请公开的本年新收的“总计”"),
    ("适用对象[1]", "“适用对象”第1项"),
    ("工作表“名单”C3单元格", "工作表“名单”C3单元格"),  # already words
])
def test_fields_are_named_in_words(path, words):
    from govsite.problems import field_words

    assert field_words(path) == words


_PARTS = st.lists(st.sampled_from(["a", "b", "ab", "..", ".", "x.md", "a b", "公告", ""]), max_size=5)


@given(_PARTS, _PARTS, st.booleans())
def test_a_files_name_below_its_root_is_what_relative_to_gives(path_parts, root_parts, absolute):
    """source.rel reads a path's text below its root's text (speed); it must name every file as relative_to does,
    and give the whole path for one outside the root."""
    lead = "/" if absolute else ""
    path, root = Path(lead + "/".join(path_parts) or "."), Path(lead + "/".join(root_parts) or ".")
    try:
        expected = path.relative_to(root).as_posix()
    except ValueError:
        expected = path.as_posix()
    assert rel(path, root) == expected
