"""Personal data in the forms of a veterans bureau's notices that the other tests do not name: numbers masked too
little or with other marks, numbers split over a table's cells or a line break, numbers in other groupings; names
in the wordings of 公示, 慰问 lists and news. Generated variants (seeded), through the per-unit rules, the output
guard's reading of a page and the input scan of a Markdown source."""
from __future__ import annotations

import random

import pytest
from files_kit import html_page as page
from files_kit import id18 as with_check_digit
from files_kit import mobile_number as mobile

from govsite.guard import output, personal

RULES = personal.Rules()
CHECK = output.FileCheck(RULES, frozenset())
MASKS = ("*", "＊", "×", "x", "X", "●", "#", "?")


def id18(rng: random.Random) -> str:
    first = (f"{rng.choice(['110105', '320102', '410105', '440305', '510107', '130402'])}{rng.randint(1940, 2005)}"
             f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
    return with_check_digit(first)


def rules_found(text: str) -> set[str]:
    return {h.rule for h in personal.scan_unit(text, RULES)}


def page_found(body: str) -> set[tuple[str, int]]:
    return {(f.rule, f.line) for f in CHECK("a/index.html", page(body))}


# ---- numbers masked too little ------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(16))
def test_an_id_number_with_fewer_than_eight_characters_masked_is_found(seed):
    """4101051971****6793, 41010519710101****, 130402●●●●04187128: the birth date or all but a few digits show."""
    rng = random.Random(seed)
    number = id18(rng)
    hidden = rng.randint(1, 7)
    start = rng.randint(2, 18 - hidden)
    mark = rng.choice(MASKS)
    masked = number[:start] + mark * hidden + number[start + hidden:]
    text = rng.choice([f"身份证号：{masked}", f"公民身份号码 {masked}", f"{masked}", f"（{masked}）"])
    assert personal.RULE_ID in rules_found(text), text


@pytest.mark.parametrize("seed", range(8))
def test_an_id_number_masked_over_its_birth_date_or_more_is_not_found(seed):
    rng = random.Random(seed)
    number = id18(rng)
    mark = rng.choice(MASKS)
    for masked in (number[:2] + mark * 14 + number[-2:], number[:6] + mark * 8 + number[-4:],
                   number[:4] + mark * 10 + number[-4:], number[:3] + mark * 11 + number[-4:]):
        assert personal.RULE_ID not in rules_found(f"身份证号：{masked}"), masked


@pytest.mark.parametrize("seed", range(8))
def test_a_mobile_number_with_fewer_than_four_digits_masked_is_found(seed):
    rng = random.Random(seed)
    number = mobile(rng)
    hidden = rng.randint(1, 3)
    start = rng.randint(3, 11 - hidden)
    masked = number[:start] + rng.choice(MASKS) * hidden + number[start + hidden:]
    assert personal.RULE_MOBILE in rules_found(f"联系电话：{masked}"), masked
    assert personal.RULE_MOBILE not in rules_found(f"联系电话：{number[:3]}****{number[7:]}")


@pytest.mark.parametrize("text", ["编号：2024****0012", "合计 1234****5678 元", "No. 4101****", "密码：********",
                                  "第1**2条", "x*y*z", "1x2x3x4x5x6x7x8x9", "文号：410105xxxx号"])
def test_other_runs_of_digits_and_marks_are_not_numbers_masked_too_little(text):
    assert rules_found(text) & {personal.RULE_ID, personal.RULE_MOBILE} == set(), text
