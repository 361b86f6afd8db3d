"""Everyday words the index build derives from the site's own text (govsite.search.derive): definitions in the laws
and plain texts that cite an article. Definitions are generated from the names the real law texts use, in the
shapes the laws write them (enumerations, qualifiers, notes in brackets, 等人员)."""
from __future__ import annotations

import random
import re

from govsite.search.derive import aligned, cited_links, definition_links, definition_members
from sitekit import REPO

LAW_TEXTS = sorted((REPO / "data/laws/texts").glob("*.md"))


def _names() -> list[str]:
    """Names of people the law texts use (two to six characters ending as the laws' names of people end: 军人, 遗属,
    家属, 子女, 人员, 士兵 …), after a mark that begins a name, so that the generated definitions speak the laws'
    own words."""
    text = "".join(path.read_text(encoding="utf-8") for path in LAW_TEXTS)
    found = set(re.findall(r"[，；、。（]([\u4e00-\u9fff]{0,4}(?:军人|遗属|家属|子女|父母|配偶|人员|士兵|军官))", text))
    return sorted(w for w in found if len(w) >= 2 and not re.search(r"[的和及或等所称指包括本对为]", w))


def test_members_of_generated_definitions_are_read_whatever_the_shape():
    names = _names()
    assert len(names) >= 30, names
    rng = random.Random(3)
    for _ in range(200):
        term, *members = rng.sample(names, rng.randint(3, 6))
        written = []
        for i, member in enumerate(members):
            shape = rng.choice(["plain", "qualified", "note", "numbered"])
            if shape == "qualified":
                member_text = rng.choice(["服现役的", "符合条件的", "依法退出现役的"]) + member
            elif shape == "note":
                member_text = member + "（" + rng.choice(["扶养人", "抚养人", "含见习"]) + "）"
            elif shape == "numbered":
                member_text = f"（{'一二三四五六七八'[i]}）{member}"
            else:
                member_text = member
            written.append(member_text)
        separator = rng.choice(["、", "；", "，"])
        # 和 before a qualified last member would make the qualifier qualify both (A和符合条件的B): not joined so
        joiner = separator if written[-1] != members[-1] and "的" in written[-1] else rng.choice(["和", "以及", separator])
        body = separator.join(written[:-1]) + joiner + written[-1]
        law = rng.choice(["本法", "本条例"])
        text = rng.choice([f"{law}所称{term}，是指{body}等人员。", f"{law}所称{term}包括：{body}。",
                           f"{law}所称{term}，是指{body}。"])
        assert [m for m, _ in definition_members(text)] == members, text
        assert {t for _, t in definition_members(text)} == {term}


def test_definitions_of_the_laws_in_force_link_their_members():
    """The real texts: 抚恤优待对象 names its members; a member two definitions name (军官: 军人, 退役军人) is left
    out, as is one inside its term (信息 of 政府信息)."""
    texts = [p.read_text(encoding="utf-8") for p in LAW_TEXTS if "士兵安置" not in p.name]
    articles = [a for text in texts for a in re.split(r"\n(?=第[一二三四五六七八九十百]+条)", text)]
    links = dict(definition_links(articles))
    for member in ("退役军人", "残疾军人", "烈士遗属", "军人家属"):
        assert links.get(member) == "抚恤优待对象", (member, links.get(member))
    assert links.get("配偶") == "军人家属"
    for member in ("军官", "军士", "义务兵", "信息"):
        assert member not in links, (member, links.get(member))


def test_a_plain_word_is_linked_to_the_cited_articles_word_sharing_its_characters():
    """公交车 in a case's title citing an article on 公共汽车, 飞机 in a benefit citing one on 民航班机: linked; a
    word the laws use (公园), a common one, or one no article's word shares characters with, is not."""
    nouns = {"飞机", "公交", "公交车", "窗户"}
    counts = {"公交车": 150, "飞机": 9000, "公园": 5000, "窗户": 800, "公交": 300}
    article = "军人凭证免费乘坐市内公共汽车、电车、轮渡和轨道交通工具，乘坐民航班机享受优先服务，参观公园。"
    law_text = article + "其他条文。"
    pairs = [("残疾军人的公交车要买票吗，飞机能优先吗，公园门票呢，窗户", article)]
    links = dict(cited_links(pairs, law_text, counts, common=(), nouns=nouns))
    assert "公共汽车" in links["公交车"]
    assert links["飞机"] == ("班机",)
    assert "公园" not in links and "窗户" not in links
    # the head of the compound, not its first character: 飞行 and 飞机 share 飞 only at the start
    assert aligned("飞机", "飞行", nouns) == 0 and aligned("飞机", "班机", nouns) == 1
    assert aligned("飞机", "班机", set()) == 0  # a word of two characters that is no noun: only two shared count
    rng = random.Random(5)
    for _ in range(100):  # a word no law uses is linked whatever else the plain text says around it
        filler = "".join(rng.choice("我想问一下这个能不能有没有") for _ in range(rng.randint(0, 6)))
        got = dict(cited_links([(filler + "，公交车，" + filler, article)], law_text, counts, (), nouns))
        assert "公共汽车" in got.get("公交车", ()), filler
