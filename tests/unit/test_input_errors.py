"""Every kind of bad input gets its own Chinese `文件:行 字段: 问题` message (engine only, no MkDocs)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from govsite import schema
from govsite.problems import InputError
from govsite.source import read_text
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
    assert problem.line == 4  # the parser notices the unclosed "[" on the next line
    assert "YAML" in problem.message or "文件" in problem.message


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
