"""Names in running text and home addresses (govsite/guard/personal/prose.py, addresses.py): each shape the
rules know, generated variants of it, what they must let through, and the unit and file interfaces the guards
call (scan_unit for every published unit, scan_text for editors' files)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from personal_kit import NO_RULES, addresses_in
from personal_kit import found_names as found

from govsite.guard import personal
from govsite.guard.personal import names, prose

SETTINGS = settings(max_examples=150, derandomize=True, database=None, deadline=None)


# ---- names: each shape ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("张建国、李*明、王小红等3名同志", ["张建国", "王小红"]),
    ("经研究，拟将刘德明、孙*、欧阳建华等三名同志确定为定期抚恤补助对象，现予以公示。", ["刘德明", "欧阳建华"]),
    ("获奖名单：周立新、吴海燕、郑*", ["周立新", "吴海燕"]),
    ("请与王建华同志联系。", ["王建华"]),
    ("授予上官婉清女士“拥军优属先进个人”称号。", ["上官婉清"]),
    ("感谢马晓东先生对退役军人工作的支持。", ["马晓东"]),
    ("刘洋同学在座谈会上发言。", ["刘洋"]),
    ("联系人：周敏，联系电话：0371-12345678", ["周敏"]),
    ("联系人周敏", ["周敏"]),
    ("经办人 梁伟", ["梁伟"]),
    ("申请人赵大军于2024年3月1日提出申请。", ["赵大军"]),
    ("欧阳建华，男，汉族，1980年5月出生，示例镇人。", ["欧阳建华"]),
    ("司马光（男）", ["司马光"]),
    ("咨询电话：0371-12345678（胡海军）", ["胡海军"]),
    ("胡海军 0371-12345678", ["胡海军"]),
    ("退役军人张建国接受慰问", ["张建国"]),
    ("烈属李秀英在家中接受走访", ["李秀英"]),
    ("宋明健", ["宋明健"]),  # an image's alt text: a name and nothing else
    ("2024年度优秀退役军人：王建华", ["王建华"]),
    ("本人王建华承诺所填信息属实", ["王建华"]),
    ("张建国（身份证号41010519900307123X）", ["张建国"]),
])
def test_each_shape_of_a_name_is_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "张*三同志", "王某某、李某等2人", "张某先生", "李*、赵*明等2名同志",  # masked
    "张庄村、王楼村、李家镇", "赵庄社区退役军人服务站", "所在村：张庄村", "示例街道 0371-12345678",
    "活动在张衡路举行。", "王楼", "李家镇",  # places
    "联系人：王老师、李科长", "请与诸葛先生联系。", "经办人：周主任", "咨询电话：0371-12345678（刘女士）",  # forms of address
    "一九一一年孙中山先生领导的辛亥革命", "以毛泽东主席为领袖的中国共产党", "以习近平同志为核心的党中央",  # public figures
    "“狼牙山五壮士”之一葛振林之子", "侵害了谢勇烈士的名誉",
    "申请人向户籍所在地退役军人服务站提出申请", "当事人陈述和申辩", "退役士兵安置地为退役士兵入伍时的户口所在地",
    "补助发放至银行卡 6222021234567890123。", "服务对象：高龄老人", "适用对象：烈士遗属、退役军人", "本人申请",
    "第五十条", "公示期", "索引号 11410100MB0000000X/2026-00031", "服务对象: 以自主就业方式安置、安置地为本区的退役军士",
])
def test_what_is_no_name_to_protect_passes(text):
    assert found(text) == []


def test_names_published_by_law_pass():
    rules = personal.Rules(names=frozenset({"王建国"}))
    assert found("请与王建国同志联系。", rules) == [] and found("请与王建华同志联系。", rules) == ["王建华"]


def test_a_sentence_with_a_mobile_number_reports_number_and_name():
    hits = personal.scan_unit("联系人：王建华，手机13812345678", NO_RULES)
    assert sorted((h.rule, h.shown) for h in hits) == [(personal.RULE_MOBILE, "138****5678"),
                                                        (personal.RULE_NAME, "王**")]
    assert next(h for h in hits if h.rule == personal.RULE_NAME).value == "王建华"


def test_compound_surnames_come_before_single_ones():
    assert names.surname_of("欧阳建华") == "欧阳" and names.surname_of("欧建华") == "欧"
    assert names.looks_like_name("欧阳建华") and names.looks_like_name("公孙策")
    spans = prose.name_spans("公孙策，男，汉族")
    assert [(s.start, s.end) for s in spans] == [(0, 3)]


def test_spans_point_into_the_text_and_say_which_cue_found_them():
    text = "经研究，拟将刘德明、孙*等2名同志确定为对象；请与王建华同志联系。"
    spans = prose.name_spans(text)
    assert [(s.of(text), s.cue) for s in spans] == [("刘德明", "名单"), ("王建华", "称谓")]


# ---- generated variants ------------------------------------------------------------------------------------

COMMON_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏付方邹熊孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖施洪辛柯庄樊牛祁翟葛齐殷柴凌耿焦")
COMPOUNDS = ["欧阳", "上官", "司马", "诸葛", "东方", "慕容", "皇甫", "夏侯", "尉迟", "公孙", "令狐", "宇文", "长孙", "司徒", "端木"]
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文玉兰红志海波鹏辉宇浩俊峰凯晨琳婷雪慧颖佳欣晓春云飞鑫斌宏彬帅龙亮新利清永健庆德成荣胜学祥才发武忠正义兴良仁宁贵福生元全安民友东子梅凤玲燕萍莉琴兵锋梓涵轩睿博怡思雨萱泽铭瑞嘉毅远鸿卫光达金树保")
GIVEN_OF_TODAY = list("建华国明伟芳秀英敏静丽强磊军勇艳杰娟涛超霞平刚志红玉萍春梅海燕鹏宇晨浩")
full_names = st.builds(lambda s, g: s + "".join(g), st.sampled_from(COMMON_SURNAMES + COMPOUNDS),
                       st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2))
masked_names = st.builds(lambda s, form, g: s + form.replace("G", g), st.sampled_from(COMMON_SURNAMES + COMPOUNDS),
                         st.sampled_from(["*G", "*", "**", "某某", "某", "＊G"]), st.sampled_from(GIVEN))
STRONG_TEMPLATES = ["请与{n}同志联系。", "{n}女士，您好！", "授予{n}同志“优秀退役军人”称号。", "联系人：{n}，电话：0371-12345678",
                    "经办人：{n}", "{n}，男，1980年5月出生，示例镇人。", "{n}（女）", "咨询电话：0371-62345678（{n}）",
                    "{n} 0371-62345678"]


def _is_known_word(name: str) -> bool:
    return names.is_ordinary_word(name) or names.not_a_person(name)


@SETTINGS
@given(full_names, st.sampled_from(STRONG_TEMPLATES))
def test_a_generated_name_in_each_strong_shape_is_found(name, template):
    if _is_known_word(name):
        return  # 高山, 方向: a name that is also a word of jieba's dictionary is taken for the word
    assert name in found(template.format(n=name))


@SETTINGS
@given(st.lists(full_names, min_size=1, max_size=5, unique=True), masked_names, st.integers(0, 5),
       st.sampled_from(["等{k}名同志", "等{k}人", "同志", ""]))
def test_a_generated_list_with_a_masked_name_yields_every_full_name(people, hidden, at, tail):
    people = [p for p in people if not _is_known_word(p)]
    if not people:
        return
    items = people[:]
    items.insert(min(at, len(items)), hidden)
    text = "经研究，拟将" + "、".join(items) + tail.format(k=len(items)) + "确定为补助对象。"
    assert sorted(found(text)) == sorted(people)


@SETTINGS
@given(st.lists(masked_names, min_size=1, max_size=5), st.sampled_from(STRONG_TEMPLATES + ["{n}等3名同志"]))
def test_generated_masked_names_pass_in_every_shape(hidden, template):
    assert found(template.format(n="、".join(hidden))) == []


@SETTINGS
@given(st.sampled_from(COMMON_SURNAMES), st.sampled_from(list("庄楼家集营屯寨店湾桥洼圩岗")),
       st.sampled_from(["村", "镇", "乡", "社区", "村委会", ""]),
       st.sampled_from(["所在村：{p}", "{p}、{p}", "走访了{p}的退役军人。", "{p}退役军人服务站", "联系人：{p}村委会",
                        "{p} 0371-62345678", "{p}"]))
def test_generated_villages_named_after_families_pass(surname, place_char, suffix, template):
    assert found(template.format(p=surname + place_char + suffix)) == []


# ---- one pass of all cues is the same as a pass of each cue ------------------------------------------------

def _by_definition(text: str) -> list[prose.NameSpan]:
    """name_spans written the slow way: each cue's own pattern over the whole text."""
    finder = prose._Finder(text, frozenset())
    for m in prose._TITLE.finditer(text):
        finder.before(m.start(), "称谓", True)
    for m in prose._LABEL.finditer(text):
        finder.after(m.end(), "标签", bool(m.group(1)))
    for m in prose._COLON_LABEL.finditer(text):
        finder.after(m.end(), "标签", True)
    for m in prose._SEX.finditer(text):
        finder.before(m.start(), "性别", True)
    for m in prose._COUNT_AFTER.finditer(text):
        finder.before(m.start(), "人数", True)
    for m in prose._PHONE.finditer(text):
        prose._beside_phone(finder, m)
    for m in prose._LIST.finditer(text):
        prose._list(finder, m)
    for m in prose._PEOPLE.finditer(text):
        finder.after(m.end(), "人员", False)
    for m in prose._FOLLOW.finditer(text):
        finder.before(m.start(), "其后", False)
    if len(text) <= 12:
        prose._whole(text, frozenset(), finder)
    for start, end in prose._read_names(text) + prose._compound_names(text):  # no cue: where no cue found a name
        if all(end <= a or start >= b for a, b in finder.spans):
            finder.exact(start, end, "其后", True)
    return finder.result()


@SETTINGS
@given(st.lists(st.sampled_from(["张建国", "李*明", "欧阳建华", "同志", "先生", "女士", "联系人", "：", "，", "、", "等3名",
                                 "男", "女", "（", "）", "退役军人", "接受慰问", "0371-62345678", "13812345678", " ",
                                 "申请人", "于2024年", "获奖名单：", "示例镇", "张庄村", "家属", "王老师"]),
                max_size=14))
def test_one_pass_finds_what_each_cue_finds(pieces):
    text = "".join(pieces)
    assert [(s.start, s.end) for s in prose.name_spans(text)] == [(s.start, s.end) for s in _by_definition(text)]


class _EveryCharacter:
    """A stand-in for prose._SURNAME_FIRST under which every character may begin a name: the shortcut never
    applies, and _name_before and _name_after go the long way."""

    def __contains__(self, char) -> bool:
        return True

    def isdisjoint(self, chars) -> bool:
        return False


def _run_start_by_loop(text: str, end: int) -> int:
    start = end
    while start > 0 and end - start < prose._MAX_RUN and prose._is_han(text[start - 1]):
        start -= 1
    return start


def _run_end_by_loop(text: str, start: int) -> int:
    end = start
    while end < len(text) and end - start < prose._MAX_RUN and prose._is_han(text[end]):
        end += 1
    return end


WORDING = st.lists(st.sampled_from(["张建国", "李*明", "欧阳建华", "王", "建", "同志", "退役军人", "工作", "主管部门", "、",
                                    "等3名", "申请人", "\n", " ", "\u3000", "＊", "×", "（左二）", "：", "关于", "收到",
                                    "司马", "示例镇", "和", "向户籍", "烈属", "抚恤", "优待", "A1", "。", "兰宏彬",
                                    "代海燕", "退役军人事务局办公室主任"]), max_size=16)


@settings(max_examples=600, derandomize=True, database=None, deadline=None)
@given(WORDING, st.data())
def test_the_shortcuts_around_a_cue_find_what_the_long_way_finds(pieces, data):
    """Runs and list items found by regular expressions are where the loops over characters put them (a line
    break at their edge included), and the early answers for weak cues where no surname stands are the long
    way's, over every position of generated wording and in whole units."""
    text = "".join(pieces)
    # any position, most often where the shortcuts decide: after a line break or a 、, at a cue's edge
    edges = [i + 1 for i, ch in enumerate(text) if ch in "\n、：人志"] + [i for i, ch in enumerate(text) if ch in "王兰代司"]
    at = data.draw(st.sampled_from(edges) if edges and data.draw(st.booleans()) else st.integers(0, len(text)))
    assert prose._run_start(text, at) == _run_start_by_loop(text, at)
    assert prose._run_end(text, at) == _run_end_by_loop(text, at)
    if at > 0 and text[at - 1] == "、":
        pos, start = at - 1, at - 1
        if pos > 0 and text[pos - 1] in "）)":
            opening = max(text.rfind("（", max(0, pos - 26), pos), text.rfind("(", max(0, pos - 26), pos))
            pos = start = opening if opening >= 0 else None
        if pos is not None:
            while start > 0 and pos - start < 14 and (prose._is_han(text[start - 1]) or text[start - 1] in "*＊×·•・"):
                start -= 1
            assert prose._item_start(text, at - 1) == start
    short = [prose._name_after(text, at, s) for s in (False, True)] + \
        [prose._name_before(text, at, s) for s in (False, True)] if at < len(text) and at > 1 else []
    spans = prose.name_spans(text)
    kept = prose._SURNAME_FIRST
    try:
        prose._SURNAME_FIRST = _EveryCharacter()
        long_way = [prose._name_after(text, at, s) for s in (False, True)] + \
            [prose._name_before(text, at, s) for s in (False, True)] if at < len(text) and at > 1 else []
        assert prose.name_spans(text) == spans
    finally:
        prose._SURNAME_FIRST = kept
    assert short == long_way


CASE_FILE_WORDING = ["我局收到{n}的政府信息公开申请。", "退役军人{n}接受慰问", "{n}反映的问题已办结。",
                     "{n}（示例镇退役士兵）申请优待证。", "经审核，{n}符合条件。", "{n}系我区退役军人。", "{n}来信反映情况。",
                     "{n}的父亲是烈士。", "关于{n}申请优待证的答复", "现将{n}的情况公示如下。", "退役军人 {n}",
                     "{n}不服该决定"]


def test_names_after_weak_cues_are_found_whatever_jieba_cuts():
    """A weak cue (a word for people, a case file's verb) needs the words to read as a name; jieba reads most
    full names alone badly (张/秀英, 何国/强, 孙/建华). Over 300 generated names with a surname of the list, in
    each wording: at least 95 % found with their exact value, and at least 93 % in every wording."""
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "corpus" / "names"))
    import generate

    rng = random.Random(20261206)
    # Given names as people of veterans' generations are named, many of them words to jieba (建华 nz, 国强 n,
    # 秀英 nr, 桂兰 ns), and the corpus generator's, drawn from single characters.
    common = ["建华", "建国", "建军", "国强", "国庆", "志强", "秀英", "桂英", "秀兰", "桂兰", "玉兰", "淑珍", "海燕",
              "丽娟", "红梅", "文华", "春梅", "金凤", "德胜", "振华", "卫东", "红军", "小红", "爱华", "学军"]
    surnames = [s for s in generate.SURNAMES if s in names.SINGLE_SURNAMES][:60]
    people = [rng.choice(surnames) + rng.choice(common) for _ in range(150)]
    people += [n for n in (generate.person(rng) for _ in range(300)) if names.surname_of(n)][:150]
    rates = {}
    for wording in CASE_FILE_WORDING:
        rates[wording] = sum(n in personal.unit_names(wording.format(n=n), frozenset()) for n in people) / len(people)
    assert sum(rates.values()) / len(rates) >= 0.95 and min(rates.values()) >= 0.93, rates


# ---- addresses ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("家庭住址：XX区XX路12号3栋2单元501室", "XX区XX路12号3栋2单元501室"),
    ("住址：示例区人民路88号", "示例区人民路88号"),
    ("现住示例区建设路12号院3号楼", "建设路12号院3号楼"),
    ("5号楼2单元301室", "5号楼2单元301室"),
    ("张庄村3组15号", "张庄村3组15号"),
    ("王楼村第二村民小组", "王楼村第二村民小组"),
    ("门牌号：18", "门牌号：18"),
    ("住址：示例镇张庄村", "示例镇张庄村"),
    ("家住人民路十二号", "人民路十二号"),
])
def test_each_shape_of_a_home_address_is_found(text, expected):
    assert addresses_in(text) == [expected]


@pytest.mark.parametrize("text", [
    "住址：示例镇", "所在村：张庄村", "人民路社区", "张庄村、王楼村", "国务院令第709号", "在3楼301室办理",
    "居住在农村的烈士遗属住房有困难的，由当地人民政府帮助解决。", "村民委员会、村民小组", "电话：0371-12345678",
    "XX路**号", "示例路*号", "2024年3月1日起施行",
])
def test_what_is_no_home_address_passes(text):
    assert addresses_in(text) == []


def test_the_bureaus_own_addresses_pass_with_any_room_or_floor():
    settings_ = {"地址": "某省某市某区示例路1号", "政府信息公开": {"地址": "某省某市某区示例路1号 205室"},
                 "公开地址": [{"地址": "某区和平路8号", "用途": "区退役军人服务中心"}]}
    rules = personal.Rules.of(settings_)
    for text in ("地址：某省某市某区示例路1号 一楼", "本局位于示例路1号二楼", "某省某市某区示例路1号 205室",
                 "服务中心：某区和平路８号３楼"):
        assert addresses_in(text, rules) == [], text
    assert addresses_in("家庭住址：某区和平路18号", rules) == ["某区和平路18号"]
    assert addresses_in("家庭住址：某区示例路3号", rules) == ["某区示例路3号"]


def test_an_address_is_shown_masked_and_kept_as_written():
    hit = next(h for h in personal.scan_unit("家庭住址：某区人民路12号3栋2单元501室", NO_RULES))
    assert hit.shown == "某区人民路**号*栋*单元***室" and hit.value == "某区人民路12号3栋2单元501室"
    finding = personal.Finding("a.md", 3, "", personal.RULE_ADDRESS, hit.shown, value=hit.value)
    assert "12号" not in finding.message() and "家庭住址" in finding.message() and "公开地址" in finding.message()


def test_public_addresses_are_a_field_of_site_yml():
    import json

    from sitekit import REPO

    schema = json.loads((REPO / "hooks/govsite/site.schema.json").read_text(encoding="utf-8"))
    item = schema["properties"]["公开地址"]["items"]
    assert item["required"] == ["地址", "用途"] and re.search("[\u4e00-\u9fff]", schema["properties"]["公开地址"]["description"])


@SETTINGS
@given(st.sampled_from(["人民路", "建设路", "文化路", "黄河路", "XX路", "解放大道", "胜利街", "东风巷"]),
       st.integers(1, 999), st.integers(1, 30), st.integers(1, 6), st.integers(101, 2803),
       st.sampled_from(["家庭住址：{a}", "住址: 示例区{a}", "{a}", "现住{a}，联系电话见附件"]))
def test_generated_home_addresses_are_found(road, number, building, entrance, room, template):
    address = f"{road}{number}号{building}栋{entrance}单元{room}室"
    assert any(address in value for value in addresses_in(template.format(a=address)))


_CN_DIGITS = "零一二三四五六七八九"


def _in_chinese(number: int, spoken: bool) -> str:
    """12 as 十二 (spoken) or as its digits 一二; a room's 501 as 五零一, the way it is read out."""
    if not spoken or number >= 100:
        return "".join(_CN_DIGITS[int(d)] for d in str(number))
    tens, ones = divmod(number, 10)
    return (("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else "") + (_CN_DIGITS[ones] if ones else "") \
        if number >= 10 else _CN_DIGITS[number]


@SETTINGS
@given(st.sampled_from(["和谐家园", "幸福小区", "红旗小区", "阳光花园", "锦绣公寓", "东风新村", "翠苑", "机关大院"]),
       st.integers(1, 40), st.integers(1, 6), st.integers(101, 2803), st.booleans(), st.sampled_from(["", " "]),
       st.sampled_from(["家住{a}", "住在{a}", "{a}", "现居住于{a}，联系电话见附件", "家庭住址：{a}"]))
def test_estates_buildings_and_rooms_in_numerals_or_joined_by_hyphens_are_found(estate, building, entrance, room,
                                                                                 chinese, space, template):
    """How people write the door of a flat besides 5号楼2单元501室: in Chinese numerals (三号楼二单元五零一室) and as
    numbers joined by hyphens after the estate's name (红旗小区12-3-501)."""
    if chinese:
        address = (f"{estate}{_in_chinese(building, True)}号楼{_in_chinese(entrance, True)}单元"
                   f"{_in_chinese(room, False)}室")
        part = address[len(estate):]
    else:
        address = part = f"{estate}{space}{building}-{entrance}-{room}"
    assert any(part in value for value in addresses_in(template.format(a=address))), address


@pytest.mark.parametrize("text", ["第一单元第二课", "第三单元 二室一厅", "两室一厅", "一号楼二单元", "示例小区2024-01-05活动",
                                  "2023-2024学年", "幸福小区2024年12月", "三栋二室"])
def test_numerals_that_name_no_flat_pass(text):
    assert addresses_in(text) == []


# ---- tables and files ----------------------------------------------------------------------------------------

def table_page(header: str, cells: list[str]) -> str:
    rows = "".join(f"| {i} | {cell} |\n" for i, cell in enumerate(cells, 1))
    return f"---\n标题: 名单\n---\n\n| 序号 | {header} |\n|---|---|\n{rows}"


@pytest.mark.parametrize("header, cell", [("退役士兵", "王建华"), ("姓名（化名）", "王建华"), ("人员", "欧阳建华"),
                                          ("人员", "司马相如"), ("获奖者", "公孙策")])
def test_a_table_of_one_row_under_a_header_of_people(header, cell):
    findings = personal.scan_text(table_page(header, [cell]), "content/a.md", set())
    assert [(f.line, f.rule, f.value) for f in findings] == [(7, personal.RULE_NAME, cell)]


@pytest.mark.parametrize("header", ["所在村", "所在镇（街道）", "村（社区）", "家庭住址"])
def test_villages_named_after_families_under_a_column_of_places_pass(header):
    assert personal.scan_text(table_page(header, ["张庄村", "王楼村", "李家", "赵庄", "孙集"]), "content/a.md", set()) == []


def test_make_check_reads_alt_texts_titles_and_running_text_at_their_lines():
    text = ("---\n标题: 甲\n描述: 请与王建华同志联系\n---\n\n![欧阳建华](a.jpg)\n\n[照片](b.jpg \"退役军人张建国接受慰问\")\n\n"
            "<img src=\"c.jpg\" alt=\"李明同志\">\n\n家庭住址：示例区人民路12号3栋2单元501室\n\n"
            "经研究，拟将刘德明、孙*等2名同志确定为对象。\n")
    findings = personal.scan_text(text, "content/a.md", set())
    assert [(f.line, f.rule, f.value) for f in findings] == [
        (3, personal.RULE_NAME, "王建华"), (6, personal.RULE_NAME, "欧阳建华"), (8, personal.RULE_NAME, "张建国"),
        (10, personal.RULE_NAME, "李明"), (12, personal.RULE_ADDRESS, "示例区人民路12号3栋2单元501室"),
        (14, personal.RULE_NAME, "刘德明")]
    assert all(f.value not in f.message() for f in findings)


def test_make_check_finds_names_in_yaml_text_fields():
    text = "标题: 关于表彰的通报\n正文: |\n  授予张建国、李*明等2名同志“优秀退役军人”称号。\n联系人: 办公室\n"
    assert [(f.line, f.value) for f in personal.scan_text(text, "data/notices/a.yml", set())] == [(3, "张建国")]


def test_the_repository_scan_lets_site_yml_addresses_through_without_being_told(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "data/site.yml").write_text("地址: 某区示例路1号\n", encoding="utf-8")
    (tmp_path / "content/a.md").write_text("本局地址：某区示例路1号二楼。\n\n家住某区示例路9号。\n", encoding="utf-8")
    findings = personal.scan_tree(tmp_path, set(), remember=False)
    assert [(f.file, f.line, f.rule) for f in findings] == [("content/a.md", 3, personal.RULE_ADDRESS)]


TWO_NAME_FRAMES = ["拟将{a}、{b}列为今年的走访对象。", "经研究，同意{a}、{b}调入服务中心工作。",
                   "会议推荐{a}、{b}为区级先进个人候选人。", "{a}、{b}被评为优秀退役军人。", "现将{a}、{b}的申请予以公示。",
                   "请{a}、{b}于本周五前到局领取证书。"]


def test_two_full_names_joined_by_a_comma_in_running_text_are_found_without_a_cue():
    """拟将王建华、李明…: two names, no label, no count, no form of address. Lists of three or more were read
    already; two items are taken for names when jieba reads a name at each end of the list too (安置、优待 and
    every pair of words in the law texts stay unreported: test_name_corpus.py). The rest of such pairs are still
    missed (a given name jieba reads as a word: 李明确定为 → 明确), so the test holds the share found, which was
    8 % before, and that nothing but (part of) the planted names is reported."""
    from files_kit import People

    planted = reported = 0
    for seed in range(40):
        people = People(seed)
        for frame in TWO_NAME_FRAMES:
            pair = (people.name(), people.name())
            got = found(frame.format(a=pair[0], b=pair[1]))
            # each finding is (part of) a planted name: 梁平 of 梁平杰 still stops the build at that name
            assert all(any(span in name for name in pair) for span in got), (frame, pair, got)
            planted += 2
            reported += sum(1 for name in pair if any(span in name for span in got))
    assert reported / planted >= 0.6, f"{reported} of {planted}"


# ---- surnames of today that 《百家姓》 lacks ------------------------------------------------------------------
# Common surnames by population (兰, 代, 揭, 丛, 迟 …) that the classical list does not hold: jieba cuts a name
# such as 兰建国 into 兰 + 建国 (a place), so only the surname list makes it a name after a cue.
MODERN_SURNAMES = list("占兰曲芦麦代苟隋丛苑迟邝栗谌楼粟冼盘仝豆朴练漆卿鹿邸辜亓赫银揭尉檀昝尧")


@SETTINGS
@given(st.sampled_from(MODERN_SURNAMES), st.lists(st.sampled_from(GIVEN_OF_TODAY), min_size=1, max_size=2),
       st.sampled_from(STRONG_TEMPLATES + ["请与{n}同志联系。", "感谢{n}先生的支持"]))
def test_a_name_with_a_surname_of_today_is_found_after_a_cue(surname, given_chars, template):
    name = surname + "".join(given_chars)
    if _is_known_word(name):
        return  # 兰花, 战国: a word of jieba's dictionary is taken for the word
    assert name in found(template.format(n=name)), template.format(n=name)


@pytest.mark.parametrize("name", ["王建房", "李国房", "张志证", "刘金卡"])
@pytest.mark.parametrize("title", ["同志", "先生", "女士", "同学"])
def test_a_given_name_ending_like_a_thing_is_a_name_before_a_form_of_address(name, title):
    assert found(f"请与{name}{title}联系。") == [name]


@pytest.mark.parametrize("text", ["申请公租房", "公租房", "廉租房、公租房", "车票费", "优待证"])
def test_a_thing_is_still_no_name(text):
    assert found(text) == []


@pytest.mark.parametrize("label", ["来信人", "信访人", "反映人", "咨询人", "求助人", "申诉人", "报名人", "联络人"])
@pytest.mark.parametrize("name", ["王建华", "兰秀英", "欧阳建国"])
def test_a_name_after_a_label_of_casework_is_found(label, name):
    assert found(f"{label}：{name}") == [name]


CASEWORK_TEMPLATES = ["经查，{n}于2023年退出现役。", "2024年3月，{n}向我局提交申请。", "感谢{n}对我局工作的支持。",
                      "颁奖嘉宾：{n}", "{n}收到了补助金。", "经调查，{n}反映的问题属实。", "{n}于2019年9月入伍。",
                      "其妻{n}在家务农。", "父亲{n}、母亲李*均已退休。"]


@pytest.mark.parametrize("template", CASEWORK_TEMPLATES)
def test_names_in_the_wording_of_a_case_file_are_found(template):
    # A weak cue: jieba must read the words as a name in their context, and reads a few generated names
    # otherwise (向然杰, 金刚): the share found is what is asked, over 300 generated names.
    import random

    rng = random.Random(template)
    people = []
    while len(people) < 300:
        surname = rng.choice(COMPOUNDS) if rng.random() < 0.2 else rng.choice(COMMON_SURNAMES)
        name = surname + "".join(rng.choice(GIVEN_OF_TODAY) for _ in range(rng.choice((1, 2))))
        if not _is_known_word(name):
            people.append(name)
    missed = [n for n in people if n not in found(template.format(n=n))]
    assert len(missed) <= 9, (template, missed)  # at least 97 %


@pytest.mark.parametrize("text", ["本人于2023年退出现役。", "我局于2024年3月发布通知。", "申请人于2024年提出申请。",
                                  "感谢各位老兵的付出。", "感谢社会各界的支持。", "经查，该申请符合条件。",
                                  "各镇街于20日前报送材料。", "烈士褒扬金由领取烈士证书的烈士遗属户口所在地发给。",
                                  "区政府于2024年收到补助资金。", "颁奖嘉宾：区领导", "母亲节慰问活动。",
                                  "父亲去世后，子女可以申请。", "妻子随军的，按规定办理。", "烈士的父亲母亲享受抚恤。",
                                  "母亲和儿", "父亲与子女", "母亲和儿子同住", "其妻同去"])
def test_the_wording_of_a_case_file_without_a_name_passes(text):
    assert found(text) == []


# ---- names of other peoples, parts joined by a middle dot -------------------------------------------------
# Uyghur, Kazakh, Tibetan and transliterated names have no surname of the list: 阿依古丽·买买提. The dot also
# joins a site's section names (公示公告·通知公告), so a strong cue is what makes one a name.
DOTTED_PARTS = ["阿依古丽", "买买提", "艾力", "热依拉", "古丽娜尔", "努尔", "吐尔逊", "扎西", "次仁", "阿不都", "克里木"]
dotted_names = st.builds(lambda parts: "·".join(parts), st.lists(st.sampled_from(DOTTED_PARTS), min_size=2, max_size=3))


@SETTINGS
@given(dotted_names, st.sampled_from(["联系人：{n}", "请与{n}同志联系。", "{n}，女，维吾尔族", "经办人 {n}",
                                       "获奖名单：{n}、王建华", "王建华、{n}、李*", "{n}、王建华等2名同志",
                                       "退役军人 {n}", "感谢{n}先生的支持"]),
       st.sampled_from(["·", "•", "・"]))
def test_a_name_with_parts_joined_by_a_dot_is_found_after_a_strong_cue(name, template, dot):
    name = name.replace("·", dot)
    assert name in found(template.format(n=name)), template.format(n=name)


@pytest.mark.parametrize("text", ["公示公告·通知公告", "栏目：公示公告·通知公告", "以案释法·英烈保护、以案释法·安置",
                                  "国家宪法日·宪法宣传周", "宪法知识答题·第3期", "卡尔·马克思", "政策问答·褒扬激励"])
def test_section_names_joined_by_a_dot_pass(text):
    assert found(text) == []


def test_a_dotted_name_under_a_header_of_people_is_found():
    table = privacy_table([["序号", "退役士兵", "所在村"], ["1", "买买提·艾力", "王楼村"], ["2", "古丽娜尔·努尔", "张庄村"]])
    assert table == ["买买提·艾力", "古丽娜尔·努尔"]


def privacy_table(rows: list[list[str]]) -> list[str]:
    text = "\n".join(",".join(row) for row in rows)
    return [f.value for f in personal.scan_attachment(text.encode("gb18030"), "名单.csv", set())]


@pytest.mark.parametrize("header", ["安置对象", "服务对象", "适用对象", "慰问对象"])
def test_a_column_of_people_named_like_a_schema_key_still_holds_names(header):
    # the site's own YAML keys 安置对象 and 适用对象 hold categories; a placement list's column of the same name
    # holds the people placed
    assert privacy_table([["序号", header, "安置单位"], ["1", "刘德明", "示例区城市管理局"]]) == ["刘德明"]
    assert privacy_table([["序号", header, "人数"], ["1", "自主就业退役士兵", "12"], ["2", "烈士遗属", "3"]]) == []
