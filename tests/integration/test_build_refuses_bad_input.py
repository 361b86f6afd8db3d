"""Bad input stops the real build with Chinese `文件:行 字段: 问题` lines and leaves site/ untouched."""
from __future__ import annotations

import os
import subprocess
import sys

from sitekit import run_build, tree_hash

REPORT = "content/pufa/fzzf/2023.md"


def edit(root, relpath, old, new):
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relpath}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root, relpath, needle) -> int:
    for number, line in enumerate((root / relpath).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def assert_refused(root, before_hash, *expected_lines):
    result = run_build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    for expected in expected_lines:
        assert expected in output, output
    assert "site/ 未作任何改动" in output
    assert tree_hash(root / "site") == before_hash
    return output


def test_malformed_yaml(previous_site):
    root, before = previous_site
    edit(root, "data/site.yml", "邮编: \"450000\"\n", "邮编: \"450000\n")
    quote_line = line_of(root, "data/site.yml", "邮编: \"450000")
    parser_line = line_of(root, "data/site.yml", "网站标识码:")  # where the runaway string finally ends
    assert_refused(root, before, f"data/site.yml:{parser_line}: 缩进不一致，或前面某行的引号没有闭合"
                                 f"（第 {quote_line} 行的引号可能没有闭合）")


def test_missing_required_field(previous_site):
    root, before = previous_site
    edit(root, "data/site.yml", "网站标识码: \"4101000000\"\n", "")
    assert_refused(root, before, "data/site.yml:3 网站标识码: 缺少必填字段")


def test_wrong_type(previous_site):
    root, before = previous_site
    edit(root, REPORT, "年度: 2023", "年度: 二〇二三")
    assert_refused(root, before, f'{REPORT}:4 年度: 应为整数，实际为 "二〇二三"')


def test_impossible_date(previous_site):
    root, before = previous_site
    edit(root, REPORT, "发布日期: 2024-03-29", "发布日期: 2023-02-30")
    assert_refused(root, before, f"{REPORT}:5 发布日期: 不是有效日期：2023-02-30")


def test_unknown_key(previous_site):
    root, before = previous_site
    edit(root, "data/site.yml", "办公时间:", "办工时间:")
    line = line_of(root, "data/site.yml", "办工时间:")
    assert_refused(root, before, f"data/site.yml:{line} 办工时间: 未知字段；是否应为“办公时间”？",
                   "data/site.yml:3 办公时间: 缺少必填字段")


def test_duplicate_id(previous_site):
    root, before = previous_site
    (root / "content/pufa/fzzf/2023-copy.md").write_text(
        (root / REPORT).read_text(encoding="utf-8"), encoding="utf-8")
    assert_refused(root, before,
                   "content/pufa/fzzf/2023.md:4 年度: 2023 年度的报告重复：已在 content/pufa/fzzf/2023-copy.md 中发布")


def test_all_errors_are_printed_at_once(previous_site):
    root, before = previous_site
    edit(root, REPORT, "发布日期: 2024-03-29", "发布日期: 2023-02-30")
    edit(root, "data/site.yml", "网站标识码: \"4101000000\"\n", "")
    assert_refused(root, before, f"{REPORT}:5 发布日期", "data/site.yml:3 网站标识码", "发现 2 个错误")


def test_make_check_reports_without_building(site_copy):
    edit(site_copy, REPORT, "发布日期: 2024-03-29", "发布日期: 2023-02-30")
    env = dict(os.environ, PYTHONPATH=str(site_copy / "hooks"))
    result = subprocess.run([sys.executable, "-m", "govsite", "check"], cwd=site_copy,
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert f"{REPORT}:5 发布日期: 不是有效日期：2023-02-30" in result.stderr
    assert not (site_copy / "site").exists()


def test_changed_phone_reaches_every_footer(site_copy, tmp_path):
    edit(site_copy, "data/site.yml", "电话: 0371-12345678", "电话: 0371-87654321")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "out").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<span class="gov-footer__phone">0371-87654321</span>' in text, page
