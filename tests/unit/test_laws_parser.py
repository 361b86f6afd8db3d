"""The LawRefBook parser and Chinese numerals, checked against the real texts and SOURCES.md."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from govsite.types.laws import parser
from govsite.types.laws.numerals import chinese_to_int, int_to_chinese

REPO = Path(__file__).resolve().parents[2]
TEXTS = REPO / "data" / "laws" / "texts"

# sha256 of the files in the shared source folder (sha256sum, taken when they were copied in): the repo's
# copies must stay byte-identical to the official texts.
SOURCE_SHA256 = {
    "中华人民共和国个人信息保护法.md": "b7d506ba2351568cc1ed1e59b571775e1503000a8dac74f5b521611883abe6a6",
    "中华人民共和国宪法.md": "4cbc5d5d8a4632eb5587ab6377ae5251ce21a149716690864db0b0ab6cd4b386",
    "中华人民共和国政府信息公开条例.md": "7911202c81f68f5ccb7374f7058b6e5f3d68b26206638a271accb32a44ca49b9",
    "中华人民共和国退役军人保障法.md": "a3ae28e4bbfe4e906c327f767336bc501642384c1f800e693757140d3d6919a5",
    "军人抚恤优待条例.md": "c6e9438e6001fbd296d9afa80dbcff31afdf218f96be2688555d18fdb3caffb1",
    "烈士褒扬条例.md": "63c43be04a7d7ad468404f3b63e939dc4e9b3bb9e9f43b4e8789d2b455827095",
    "退役军人安置条例.md": "f91dba0d59df91ba546678f79c3c5a8091d82e6b1a721e6b84d96be2642fbcb2",
    "退役士兵安置条例.md": "bacc0d474727b5e6b6f07255ff2a843a2d16412df42824c4e5ac21dfa3a4351b",
    "versions/军人抚恤优待条例-2019.md": "b9f50fc7f6d622656bde7feb8456d9146a3e09737332992c47c128581fb5e602",
    "versions/烈士褒扬条例-2019.md": "f83070cf3db2f551c7e6acf9fe10f66148af88c6324b160259a5df8043452c6b",
    "中华人民共和国英雄烈士保护法.md": "dbf090c751493d0a4d0147cd2aaf7d77dde427836174b55d341beacb8d7fa133",
    "中华人民共和国军人地位和权益保障法.md": "e267197033c0ce31e1623fd9f986a60e9b6797270d8738df7d2e56afb48d3c95",
}


def sources_table() -> dict[str, int]:
    """file -> 条 from the table in SOURCES.md (copied with the texts)."""
    table = {}
    for line in (TEXTS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| (\S+\.md) \| [^|]+ \| (\d+) \|", line)
        if m:
            table[m.group(1)] = int(m.group(2))
    return table


def test_sources_table_lists_every_text():
    table = sources_table()
    assert len(table) == 12
    assert set(table) == set(SOURCE_SHA256)


@pytest.mark.parametrize("name", sorted(SOURCE_SHA256))
def test_texts_are_byte_identical_to_the_source(name):
    data = (TEXTS / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256[name]
    assert not data.endswith(b"\n")  # the source's files end without a newline: nobody "fixed" them


@pytest.mark.parametrize("name", sorted(SOURCE_SHA256))
def test_article_count_and_numbering(name):
    parsed = parser.parse((TEXTS / name).read_text(encoding="utf-8"))
    assert parsed.problems == []
    expected = sources_table()[name]
    assert len(parsed.articles) == expected
    assert [a.number for a in parsed.articles] == list(range(1, expected + 1))
    assert all(a.suffix == 0 for a in parsed.articles)
    # every "第X条 " paragraph in the raw text became exactly one article
    raw = (TEXTS / name).read_text(encoding="utf-8")
    assert len(re.findall(r"(?m)^第[零一二三四五六七八九十百千]+条[ \u3000]", raw)) == expected


@pytest.mark.parametrize("text, number", [
    ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("二十一", 21), ("九十九", 99), ("一百", 100),
    ("一百零一", 101), ("一百一十", 110), ("一百四十三", 143), ("二百零一", 201), ("一千零一十", 1010),
])
def test_numerals(text, number):
    assert chinese_to_int(text) == number
    assert int_to_chinese(number) == text


def test_numerals_round_trip_and_refuse_junk():
    for n in range(1, 1200):
        assert chinese_to_int(int_to_chinese(n)) == n
    for junk in ("", "百一", "十十", "条", "abc", "一二"):
        with pytest.raises(ValueError):
            chinese_to_int(junk)


def test_article_labels_in_the_constitution():
    parsed = parser.parse((TEXTS / "中华人民共和国宪法.md").read_text(encoding="utf-8"))
    last = parsed.articles[-1]
    assert last.label == "第一百四十三条" and last.number == 143 and last.anchor == "art-143"
    assert parsed.article("143").text.startswith("中华人民共和国首都是北京")
    assert parsed.article("100").label == "第一百条"
    assert parsed.article("110").label == "第一百一十条"
    assert parsed.article("10").label == "第十条"


def test_constitution_preamble_and_force_break():
    parsed = parser.parse((TEXTS / "中华人民共和国宪法.md").read_text(encoding="utf-8"))
    first_heading = parsed.items[0]
    assert first_heading.kind == "heading" and first_heading.title == "序言"
    preamble = [i for i in parsed.items[:30] if i.kind == "paragraph"]
    assert len(preamble) == 13
    assert preamble[0].text.startswith("中国是世界上历史最悠久的国家之一")
    assert not any("FORCE BREAK" in i.text for i in parsed.items if i.kind == "paragraph")
    assert not any("FORCE BREAK" in p for a in parsed.articles for p in a.paragraphs)
    assert [h.date.isoformat() for h in parsed.header][-1] == "2018-03-11"


def test_header_quirks_stray_bracket_and_full_width_space():
    parsed = parser.parse((TEXTS / "军人抚恤优待条例.md").read_text(encoding="utf-8"))
    texts = [h.text for h in parsed.header]
    assert texts[-1] == "2024年8月5日 中华人民共和国国务院、中华人民共和国中央军事委员会令第788号第三次修订"
    assert not any(t.endswith(("\u3000", "）")) for t in texts)
    assert [(h.kind, h.date.isoformat()) for h in parsed.header] == [
        ("公布", "2004-08-01"), ("修订", "2011-07-29"), ("修订", "2019-03-02"), ("修订", "2024-08-05")]
    # a bracket that is opened on the line stays
    assert parser.clean_header_line("2019年1月1日 某某令（第1号）") == "2019年1月1日 某某令（第1号）"


def test_multi_paragraph_articles_and_last_article_without_newline():
    parsed = parser.parse((TEXTS / "中华人民共和国退役军人保障法.md").read_text(encoding="utf-8"))
    art21 = parsed.article("21")
    assert len(art21.paragraphs) == 5
    assert art21.paragraphs[0] == "对退役的军官，国家采取退休、转业、逐月领取退役金、复员等方式妥善安置。"
    assert art21.chapter == "第三章 退役安置"
    assert parsed.articles[-1].text == "本法自2021年1月1日起施行。"


def test_sections_and_inserted_articles_in_the_same_format():
    text = ("# 某某法\n\n2020年1月1日 通过）\n\n<!-- INFO END -->\n\n## 第一编 总则\n\n### 第一章 任务\n\n"
            "第一条 第一条的内容。\n\n第二条 第二条的内容。\n\n第二款。\n\n#### 第一节 某节\n\n"
            "第二条之一 插入的条文。\n\n第二条之二 又一条。\n\n第三条\u3000全角空格之后的内容。")
    parsed = parser.parse(text)
    assert parsed.problems == []
    assert [a.label for a in parsed.articles] == ["第一条", "第二条", "第二条之一", "第二条之二", "第三条"]
    assert [a.anchor for a in parsed.articles] == ["art-1", "art-2", "art-2-1", "art-2-2", "art-3"]
    assert parsed.article("2").paragraphs == ["第二条的内容。", "第二款。"]
    assert parsed.article("2-1").chapter == "第一编 总则 第一章 任务 第一节 某节"
    assert [h.level for h in parsed.headings] == [2, 3, 4]
    assert parsed.header[0].text == "2020年1月1日 通过"


def test_numbering_gaps_are_reported_with_lines():
    parsed = parser.parse("# 某法\n\n<!-- INFO END -->\n\n第一条 一。\n\n第三条 三。")
    assert parsed.problems == [(7, "条文编号不连续：第一条之后是第三条")]
    parsed = parser.parse("# 某法\n\n第一条 一。")
    assert any("INFO END" in message for _, message in parsed.problems)
