"""Masked names as editors write them (张*明、李*华) stay masked on the page: the one Markdown pipeline does not
read their asterisks as emphasis, while bold and code keep their meaning."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from govsite.markdown import Pipeline, literal_masks
from govsite.model import Site

REPO = Path(__file__).resolve().parents[2]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "明华强芳军伟静丽涛敏"


def html_of(text: str) -> str:
    site = Site(root=REPO, site_url="https://example.gov.cn/", settings={})
    site.markdown = Pipeline(site)
    return site.markdown.convert(text, "notices/2026/a.md").html


def masked(rng: random.Random) -> str:
    surname = rng.choice(SURNAMES + "欧司")
    surname = {"欧": "欧阳", "司": "司马"}.get(surname, surname)
    return surname + rng.choice(["*", "**", "*" + rng.choice(GIVEN), "**" + rng.choice(GIVEN), "某某"])


@pytest.mark.parametrize("seed", range(12))
def test_every_masked_name_of_a_list_or_a_sentence_shows_as_written(seed):
    rng = random.Random(seed)
    names = [masked(rng) for _ in range(rng.randint(2, 5))]
    sep = rng.choice(["、", "，", " ", "　"])
    text = rng.choice(["公示名单：{}。", "{}等同志", "请与{}联系", "| 序号 | 姓名 |\n|---|---|\n| 1 | {} |", "- {}"]).format(
        sep.join(names))
    html = html_of(text)
    assert "<em>" not in html and "<strong>" not in html, html
    for name in names:
        assert name in html, (name, html)


@pytest.mark.parametrize("text, tag", [("这是**重要**的", "<strong>重要</strong>"), ("第**1**条", "<strong>1</strong>"),
                                       ("**重**要", "<strong>重</strong>"), ("**注意：**请带身份证", "<strong>注意：</strong>"),
                                       ("`张*明、李*华`", "<code>张*明、李*华</code>")])
def test_bold_and_code_keep_their_meaning(text, tag):
    assert tag in html_of(text)


def test_an_asterisk_already_escaped_and_code_blocks_are_left_alone():
    assert literal_masks("张\\*明") == "张\\*明"
    block = "```\n张*明、李*华\n```\n"
    assert literal_masks(block) == block
