"""The bad-input corpus (tests/bad_inputs/cases.yml): each case stops the real strict build with its
Chinese `文件:行 字段: 问题` message, exit ≠ 0, no traceback, and the previous site/ byte-identical."""
from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest
import yaml

from sitekit import REPO, run_build, tree_hash

CASES = yaml.safe_load((REPO / "tests/bad_inputs/cases.yml").read_text(encoding="utf-8"))


def apply(case: dict, root: Path, outside: Path) -> None:
    target = root / case["file"]
    if "replace" in case:
        text = target.read_text(encoding="utf-8")
        for change in case["replace"] if isinstance(case["replace"], list) else [case["replace"]]:
            assert change["old"] in text, f"{case['id']}: text to replace not found in {case['file']}"
            text = text.replace(change["old"], change["new"], 1)
        target.write_text(text, encoding="utf-8")
    elif "attachment" in case:  # built here, with fixed timestamps (tests/attachments_kit.py)
        import attachments_kit

        (kind, content), = case["attachment"].items()
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "docx":
            target.write_bytes(attachments_kit.make_docx(content.get("paragraphs", []), content.get("tables", [])))
        else:
            target.write_bytes(getattr(attachments_kit, f"make_{kind}")(content))
    elif "append" in case:
        with open(target, "a", encoding="utf-8") as f:
            f.write(case["append"])
    elif "write" in case:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(case["write"], encoding="utf-8")
    elif "write_bytes" in case:
        cwd = os.getcwd()
        os.chdir(root)
        try:
            data = eval(compile(ast.parse(case["write_bytes"], mode="eval"), "case", "eval"))
        finally:
            os.chdir(cwd)
        target.write_bytes(data)
    elif "write_big" in case:
        with open(target, "wb") as f:
            f.truncate(case["write_big"]["megabytes"] * 1024 * 1024)
    elif "symlink_outside" in case:
        outside.write_text(case["symlink_outside"], encoding="utf-8")
        target.unlink()
        os.symlink(outside, target)
    elif case.get("delete"):
        target.unlink()
    elif "copy" in case:
        shutil.copy2(target, root / case["copy"]["to"])
    else:
        raise AssertionError(f"{case['id']}: no action")


def test_corpus_is_large_and_ids_unique():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 40, f"only {len(ids)} cases"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input_is_refused(case, previous_site, tmp_path):
    root, before = previous_site  # a copy of a good build (conftest.py)
    apply(case, root, tmp_path / "outside.yml")
    result = run_build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "Traceback" not in output, output[-3000:]
    for expected in case["expect"]:
        assert expected in output, f"expected {expected!r} in:\n{output[-3000:]}"
    assert tree_hash(root / "site") == before
