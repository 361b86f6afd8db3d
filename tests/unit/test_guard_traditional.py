"""Personal data written in traditional characters (聯繫人：陳建國, a table headed 聯繫人): the guard's cues,
surnames and header words are simplified characters, so a unit or a table holding traditional ones is read
again in simplified characters, one for one, and what it finds is given as written.

The sentences are the names corpus (tests/corpus/names) put into traditional characters by OpenCC's own
converter (s2t), not by the table the guard folds with; the law texts in traditional characters must still
name no one."""
from __future__ import annotations

import random
import sys
from functools import cache
from pathlib import Path

import opencc
import pytest
from files_kit import People, html_page
from personal_kit import found_names

from govsite.guard import output, personal
from govsite.traditional import simplified

sys.path.insert(0, str(Path(__file__).parents[1] / "corpus" / "names"))
import corpus

CHECK = output.FileCheck(personal.Rules(), frozenset())


@cache
def to_traditional():
    return opencc.OpenCC("s2t").convert


def _sample(seed: int, size: int = 60) -> list[dict]:
    rows = [r for part in ("tune", "test", "2-tune", "2-test") for r in corpus.positives(part)]
    return random.Random(seed).sample(rows, size)


@pytest.mark.parametrize("seed", range(4))
def test_a_name_found_in_simplified_characters_is_found_written_in_traditional_ones(seed):
    convert = to_traditional()
    missed = []
    for row in _sample(seed):
        found_simplified = set(found_names(row["text"]))
        text = convert(row["text"])
        found = found_names(text)
        assert all(value in text for value in found)  # as written: in traditional characters
        found_folded = {simplified(value) for value in found}
        missed += [name for name in row["names"] if name in found_simplified
                   and simplified(convert(name)) not in found_folded]
    assert not missed


@pytest.mark.parametrize("seed", range(3))
def test_a_table_in_traditional_characters_is_read_by_its_header(seed):
    people = People(seed)
    name = people.name()
    convert = to_traditional()
    for header in ("联系人", "退役士兵", "姓名", "申请人"):
        page = html_page(convert(f"<table><tr><th>{header}</th><th>安置单位</th></tr>"
                                 f"<tr><td>{name}</td><td>区城管局</td></tr></table>"))
        values = {f.value for f in CHECK("a/index.html", page) if f.rule == personal.RULE_NAME}
        assert values == {convert(name)}, header


def test_villages_in_traditional_characters_under_a_place_header_name_no_one():
    page = html_page(to_traditional()("<table><tr><th>所在村</th><th>人数</th></tr><tr><td>张庄村</td><td>3</td></tr>"
                                      "<tr><td>王楼村</td><td>5</td></tr><tr><td>李家屯</td><td>2</td></tr></table>"))
    assert CHECK("a/index.html", page) == ()


def test_the_law_texts_in_traditional_characters_name_no_one_and_give_no_address():
    convert = to_traditional()
    hits = []
    for file, sentence in corpus.law_sentences():
        for hit in personal.scan_unit(convert(sentence), personal.Rules()):
            if hit.rule in (personal.RULE_NAME, personal.RULE_ADDRESS):
                hits.append((file, sentence[:40], hit.value))
    assert not hits


@pytest.mark.parametrize("seed", range(3))
def test_a_home_address_in_traditional_characters_is_found_as_written(seed):
    rng = random.Random(seed)
    address = f"幸福路{rng.randint(1, 300)}号{rng.randint(1, 20)}栋{rng.randint(1, 6)}单元{rng.randint(101, 1802)}室"
    text = to_traditional()(f"现住址：{address}")
    values = [h.value for h in personal.scan_unit(text, personal.Rules()) if h.rule == personal.RULE_ADDRESS]
    assert values and all(value in text and "號" in value for value in values)
