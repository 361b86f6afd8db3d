"""bench/generate.py: deterministic for a seed, and what it writes passes the engine's own checks.

The generator starts from the repository's demo files; when a content type changes its format, this test fails
(the generated site no longer passes `python -m govsite check`) instead of the benchmark silently measuring
something unrealistic.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

from sitekit import REPO, TODAY, tree_hash

spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)

DOCS = 30


def test_same_seed_same_bytes_other_seed_other_site(tmp_path):
    first = generate.generate(tmp_path / "a", DOCS, seed=7)
    generate.generate(tmp_path / "b", DOCS, seed=7)
    generate.generate(tmp_path / "c", DOCS, seed=8)
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")
    assert tree_hash(tmp_path / "a") != tree_hash(tmp_path / "c")
    # every content type is there, and the N documents add up
    for kind in ("policy", "interpretation", "notice", "law_article", "pufa_news", "qa"):
        assert first[kind] > 0, kind
    assert sum(first[k] for k, _ in generate.MIX) == DOCS
    assert len(list((tmp_path / "a/data/policies").glob("g*.yml"))) == first["policy"]
    assert len(list((tmp_path / "a/content/notices").rglob("gen-*.md"))) == first["notice"]
    assert first["placement"] >= 1


def test_text_is_sampled_sentences_not_one_phrase(tmp_path):
    generate.generate(tmp_path / "s", DOCS, seed=1)
    bodies = [p.read_text(encoding="utf-8").split("正文:", 1)[1] for p in (tmp_path / "s/data/policies").glob("g*.yml")]
    sentences = {s for body in bodies for s in body.replace("\n", "").split("。") if s.strip()}
    assert len(sentences) > 50
    law_text = "".join(p.read_text(encoding="utf-8") for p in (REPO / "data/laws/texts").glob("*.md"))
    sample = sorted(sentences)[:20]
    assert all(s.strip(" |") in law_text for s in sample), sample  # taken from the real law texts


def test_generated_site_passes_check(tmp_path):
    root = tmp_path / "site"
    generate.generate(root, DOCS, seed=3)
    env = dict(os.environ, PYTHONPATH=str(root / "hooks"), GOVSITE_TODAY=TODAY)
    result = subprocess.run([sys.executable, "-m", "govsite", "check", str(root)], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    # the only warnings are the inspection's upkeep results (a generated site's columns have their own dates)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("警告 ")]
    assert all(line.startswith("警告 巡检·") for line in warnings), result.stderr[-2000:]


def test_never_writes_into_the_repository(tmp_path):
    import pytest

    with pytest.raises(SystemExit):
        generate.generate(REPO, DOCS, seed=1)
    with pytest.raises(SystemExit):
        generate.generate(REPO / "content" / "x", DOCS, seed=1)


def test_a_large_generated_site_raises_no_privacy_alarm(tmp_path):
    """Thousands of titles and bodies written the way editors write them (关于弘扬英雄烈士精神工作的通知, sentences of
    the law texts) hold no personal data: the source scan finds nothing but the names the site publishes by law.
    A rule that reads common words as names (jieba tags 弘扬 and 纪念堂 as names) fails here first."""
    from govsite.guard import personal

    root = tmp_path / "site"
    generate.generate(root, 2000, seed=11)
    settings = personal._settings_of(root)
    found = personal.scan_tree(root, personal.allowed_numbers(settings), public_names=personal.allowed_names(settings),
                               remember=False)
    assert [(f.file, f.line, f.rule, f.shown) for f in found] == []
