"""Names a bureau writes whose parts are everyday words, and everyday words that begin with a surname.

Found: a surname jieba reads as a word of grammar (曾 as 曾经 "once", 余 as 其余) before a given name; a given name
that is an everyday word (张建设, 刘得胜, 曾长江) after a visit verb or a word for people, or before 家庭; a name
of two characters after a visit verb and a word for people (走访了退役军人程平); a name column headed in English
or pinyin (name, xingming, XM) holding names of two characters. Not found: the same surnames as the words they
also are (曾参战, 曾经), groups and places after a visit verb, words that begin with a surname in a photo's file
name (全家福.jpg, 常青树照片.jpg), 全镇人 and the like, and law texts in traditional characters read a clause at a
time. Every case is generated over seeded surnames, given names, verbs, titles and encodings."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from personal_kit import found_names

from govsite.guard import personal
from govsite.guard.personal.names import in_dictionary

REPO = Path(__file__).resolve().parents[2]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭林罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姜范傅钟卢汪"
# Given names that are everyday words jieba reads as the words (建设 vn, 得胜 v, 长江 ns …), left out of
# given_words.txt because they stand alone in documents as often
WORD_GIVEN = ("建设", "得胜", "长江", "富贵", "平安", "光荣", "满仓", "保国", "文明", "富强", "前进", "长城")
# given names jieba reads as names after a surname (秀英) or made of given-name characters
NAME_GIVEN = ("秀英", "桂兰", "德福", "守义", "淑珍", "玉梅")
VISITS = ("慰问", "看望", "走访", "探望", "走访慰问", "看望慰问", "慰问了", "走访了", "看望了", "先后看望了",
          "实地走访了", "登门慰问了")
TITLES = ("老兵", "老党员", "烈属", "军属", "退役军人", "伤残军人", "优抚对象", "老战士")
GIVEN2 = "伟芳娜敏静丽强磊军洋勇艳杰娟涛斌超霞刚平辉鹏飞"
SEEDS = range(16)


def word_person(rng, surnames=SURNAMES, given=WORD_GIVEN + NAME_GIVEN):
    """A surname and a given name that is an everyday word, not where the surname and the word's first character
    make a word themselves (高|明天 is 高明 + 天: the limit EDITING.md §六 names)."""
    while True:
        name = rng.choice(surnames) + rng.choice(given)
        if not in_dictionary(name[:2]) and not in_dictionary(name):
            return name


def short_person(rng):
    """A name of two characters that is no word of the dictionary (高明, 黄平 are: the limit §六 names)."""
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN2)
        if not in_dictionary(name):
            return name


@pytest.mark.parametrize("seed", SEEDS)
def test_a_given_name_that_is_a_word_after_a_visit(seed):
    rng = random.Random(seed)
    name = word_person(rng, given=WORD_GIVEN)
    title = rng.choice(TITLES + ("",) * 3)
    text = (f"{rng.choice(('局领导', '区委书记', '工作人员', ''))}{rng.choice(VISITS)}{title}{name}"
            f"{rng.choice(('', '。', '，送去慰问金', '，详细询问其身体状况。', '家中', '同志', '老人'))}")
    assert name in found_names(text), text
    # with nothing but the visit and the text's end or a mark after the name (the 同志 and 家中 above are cues
    # of their own)
    name = word_person(rng, given=WORD_GIVEN)
    text = f"{rng.choice(VISITS)}{rng.choice(TITLES + ('',) * 3)}{name}{rng.choice(('', '。', '，送去慰问金。', '并合影'))}"
    assert name in found_names(text), text


@pytest.mark.parametrize("seed", SEEDS)
def test_the_surname_zeng_or_yu_before_a_given_name(seed):
    rng = random.Random(seed)
    name = word_person(rng, "曾余")
    text = rng.choice((f"{rng.choice(VISITS)}{rng.choice(TITLES)}{name}，送去慰问金。", f"{rng.choice(VISITS)}{name}",
                       f"{rng.choice(VISITS)}{name}{rng.choice(('。', '，', ''))}"))
    assert name in found_names(text), text
    # before 家庭, a given name jieba reads as a verb after 曾 (曾得胜, 曾前进: "once won") is the limit §六 names
    name = word_person(rng, "曾余", tuple(g for g in WORD_GIVEN + NAME_GIVEN if g not in ("得胜", "前进", "富强", "满仓")))
    text = f"{rng.choice(('烈属', '向', ''))}{name}家庭{rng.choice(('帮扶情况', '慰问情况', '发放慰问金'))}"
    assert name in found_names(text), text


@pytest.mark.parametrize("seed", SEEDS)
def test_a_surname_read_as_a_preposition_or_pronoun_before_a_given_name(seed):
    """于, 向, 从, 何 (jieba's words for "at", "towards", "from", "what") before a given name jieba reads as one."""
    rng = random.Random(seed)
    name = rng.choice("于向何") + rng.choice(("秀英", "桂兰", "淑珍", "秀兰", "凤英"))
    text = f"{rng.choice(VISITS)}{rng.choice(TITLES + ('',) * 2)}{name}{rng.choice(('', '。', '，送去慰问金。'))}"
    assert name in found_names(text), text
    visit = rng.choice(VISITS)
    for clean in (f"{visit}向英雄", f"{visit}向红军", f"{visit}向群众", f"{visit}于田间", f"送去{visit}和温暖",
                  f"{visit}向美好", f"{visit}和关怀", f"{visit}于{rng.choice(('社区', '村里', '镇上'))}"):
        assert found_names(clean) == [], clean


@pytest.mark.parametrize("seed", SEEDS)
def test_a_household_named_by_a_head_whose_given_name_is_a_word(seed):
    rng = random.Random(seed)
    name = word_person(rng)
    text = (f"{rng.choice(('', '烈属', '伤残军人', '向', '**表1　'))}{name}"
            f"{rng.choice(('家庭帮扶情况', '家庭慰问情况', '家庭发放慰问金', '家中', '家属', '一家', '家人送去慰问金'))}")
    assert name in found_names(text), text


@pytest.mark.parametrize("seed", SEEDS)
def test_the_same_name_in_a_photos_file_name(seed):
    rng = random.Random(seed)
    name = word_person(rng)
    file = (f"content/files/{rng.choice(('看望', '慰问', '走访', '烈属', '老兵', '军属'))}{name}"
            f"{rng.choice(('', '近照', '家中', '合影'))}.jpg")
    assert personal.RULE_NAME in {f.rule for f in personal.scan_file_name(file, set())}, file


@pytest.mark.parametrize("seed", SEEDS)
def test_a_two_character_name_after_a_visit_and_a_word_for_people(seed):
    rng = random.Random(seed)
    name = short_person(rng)
    text = (f"{rng.choice(('节日前夕，局领导', '工作组', ''))}{rng.choice([v for v in VISITS if v.endswith('了')])}"
            f"{rng.choice(TITLES)}{name}{rng.choice(('', '，详细询问其身体状况。', '。', '，送去慰问金'))}")
    assert name in found_names(text), text


@pytest.mark.parametrize("seed", SEEDS)
def test_the_surnames_words_groups_and_places_after_a_visit_are_no_name(seed):
    rng = random.Random(seed)
    visit = rng.choice(VISITS)
    for text in (f"{visit}曾参战的老兵", f"{visit}曾参战{rng.choice(TITLES)}", f"{visit}曾经的战友",
                 f"{visit}曾在部队服役的{rng.choice(TITLES)}", f"{visit}曾立功{rng.choice(('老兵', '家庭', '人员'))}",
                 f"{visit}曾获表彰的{rng.choice(TITLES)}", f"{visit}其余{rng.randint(3, 9)}户", f"{visit}全家人",
                 f"{visit}许多{rng.choice(TITLES)}", f"{visit}高龄老人", f"{visit}辖区企业", f"{visit}单位职工",
                 f"{visit}{rng.choice(TITLES)}家庭", f"{visit}{rng.choice(TITLES)}代表", f"{visit}{rng.choice(TITLES)}，",
                 f"{visit}退役军人服务站", f"{visit}{rng.choice(TITLES)}{rng.choice(('张庄村', '王楼村', '李家屯'))}",
                 f"{rng.choice(('文明', '五好', '最美', '单亲', '平安', '困难'))}家庭", f"创建{rng.choice(('平安', '和谐'))}家庭",
                 f"{visit}{rng.choice(('烈士', '困难', '全体', '退役军人'))}{rng.choice(('家属', '家人', '一家'))}",
                 f"{visit}曾参战的老兵并合影",
                 f"{visit}{rng.choice(SURNAMES)}{rng.choice(('大爷', '大妈', '奶奶', '老兵'))}"):
        assert found_names(text) == [], text


# Words of the language that begin with a surname, as photos and files are named (全家福.jpg, 常青树照片.jpg), and
# the people of a whole place (全镇人)
WORDS = ("全家福", "常青树", "全家人", "全村人", "全镇人", "全庄人", "全乡人", "全县人", "全屯人", "全寨人", "全家福合影")


@pytest.mark.parametrize("seed", SEEDS)
def test_words_that_begin_with_a_surname_are_no_name_in_a_file_name_or_alone(seed):
    rng = random.Random(seed)
    word = rng.choice(WORDS)
    file = f"content/{rng.choice(('files', 'pufa/news/images'))}/{rng.choice(('', '2024'))}{word}" \
           f"{rng.choice(('', '照片', '_1', '-2'))}.{rng.choice(('jpg', 'png', 'jpeg'))}"
    assert personal.scan_file_name(file, set()) == [], file
    assert found_names(word) == [], word
    # and a name beside the same words is still found
    name = rng.choice(("王建华", "李秀英", "张德福"))
    file = f"content/files/{name}{rng.choice(('全家福', '生活照', '近照'))}.jpg"
    assert personal.RULE_NAME in {f.rule for f in personal.scan_file_name(file, set())}, file


def _law_clauses():
    import re

    clauses = []
    for path in sorted((REPO / "data" / "laws" / "texts").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            clauses += [c for c in re.split(r"(?<=[。；：，、])", line.strip()) if len(c) > 1]
    return clauses


@pytest.mark.parametrize("seed", range(4))
def test_law_clauses_in_traditional_characters_are_no_names(seed):
    """A law quoted in traditional characters, a clause at a time (宣傳和教育工作。, 貢獻): the words jieba does
    not know in that script are read in simplified characters, as names and labels in it are."""
    import opencc

    rng = random.Random(seed)
    convert = opencc.OpenCC(rng.choice(("s2t", "s2tw", "s2hk"))).convert
    clauses = rng.sample(_law_clauses(), 400) + ["宣传和教育工作。", "贡献", "作出贡献的", "为国家作出贡献"]
    alarms = [(c, found) for c in clauses if (found := found_names(convert(c)))]
    assert alarms == []
    # names in that script are still found
    name = rng.choice(("陈建国", "刘秀兰", "张德福"))
    assert convert(name) in found_names(convert(f"联系人：{name}")), name


NAME_HEADERS = ("name", "Name", "NAME", "full name", "Full_Name", "real_name", "RealName", "xingming", "XingMing",
                "xm", "XM", "hzxm")


def _csv(header, cells, encoding):
    rows = "".join(f"{c},{t},{k}\n" for k, (c, t) in enumerate(cells))
    return (f"{header},town,no\n" + rows).encode(encoding)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_name_column_headed_in_english_or_pinyin_with_two_character_names(seed):
    rng = random.Random(seed)
    header = rng.choice(NAME_HEADERS)
    names = [short_person(rng) for _ in range(rng.randint(1, 3))]
    data = _csv(header, [(n, rng.choice(("示例镇", "城关镇"))) for n in names], rng.choice(("utf-8", "gbk", "utf-16")))
    found = {f.value for f in personal.scan_attachment(data, "content/files/mingdan.csv", set())
             if f.rule == personal.RULE_NAME}
    assert set(names) <= found, (header, names, found)


@pytest.mark.parametrize("seed", SEEDS)
def test_an_english_name_column_of_masked_names_or_of_places_is_no_leak(seed):
    rng = random.Random(seed)
    header = rng.choice(NAME_HEADERS)
    cells = rng.choice(([rng.choice(SURNAMES) + rng.choice(("*", "**", "某某", "*" + rng.choice(GIVEN2)))
                         for _ in range(3)],
                        ["退役军人服务站", "示例镇人民政府", "光荣院"], ["示例镇", "城关镇", "东城街道"]))
    data = _csv(header, [(c, "示例镇") for c in cells], rng.choice(("utf-8", "gbk")))
    assert [f for f in personal.scan_attachment(data, "content/files/a.csv", set())
            if f.rule == personal.RULE_NAME] == [], (header, cells)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_name_ends_before_a_word_that_follows_names(seed):
    """烈属银健在家中: 健在 is a word, yet the name is 银健, ended by 在家中 (no longer name 银健在)."""
    rng = random.Random(seed)
    name = rng.choice(SURNAMES.replace("曾", "").replace("余", "")) + rng.choice("健伟强")
    text = f"{rng.choice(TITLES)}{name}{rng.choice(('在家中接受走访', '在家中休养', '于2024年去世'))}"
    found = found_names(text)
    assert all(not value.startswith(name) or value == name for value in found), (text, found)
