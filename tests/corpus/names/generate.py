"""The labelled name corpus: sentences that hold unmasked names, and sentences in the same wording that do not.

Run `python tests/corpus/names/generate.py` to write the .jsonl files beside it (a fixed seed: the same files
every time; tests/unit/test_name_corpus.py checks they are what this script writes). Each line is one record:
{"text": the sentence, "names": the unmasked names it holds, as written, "shape": the template's kind}.

The sentences follow what offices publish: 公示 of placements and benefits, 表彰 lists, contact lines of notices,
captions and alt texts of news photos, application records, and the masked forms the rules ask for. Names are
drawn from common surnames (compound ones included, and a few outside 《百家姓》) and given names of one or two
characters, so no fixed string decides the figures.

The positives are split once into a tuning part and a held-out test part (positives-test.jsonl, frozen in its
own commit before the detector was tuned).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20261125

# The most common surnames (公安部户政管理研究中心《二〇二〇年全国姓名报告》's first hundred, in that order),
# a few further ones, and some outside 《百家姓》 (兰, 代, 揭, 母, 银).
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
                "卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严"
                "莫孔向常汤康易乔赖文施洪辛柯庄樊牛祁翟葛齐殷柴凌耿焦") + list("兰代揭母银")
COMPOUND = ["欧阳", "上官", "司马", "诸葛", "东方", "慕容", "皇甫", "夏侯", "尉迟", "公孙", "令狐", "宇文", "长孙",
            "司徒", "端木", "南宫", "西门", "独孤", "呼延", "申屠"]
# Characters of given names, common ones first.
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文玉兰红志海波鹏辉宇浩俊峰凯晨琳婷雪慧颖佳"
             "欣晓春林云飞鑫斌宏彬帅龙亮新利清永健庆德成荣胜学祥才发武忠正义兴良山仁宁贵福生元全安民友东"
             "子梅凤玲燕萍莉娥琴兵军振锋红梓涵轩睿博怡思雨萱泽晗铭瑞嘉毅远鸿卫光达金长树保文")
MASK_GIVEN = list("明华军英红伟芳建国丽")
PLACES_PRE = list("张王李赵刘陈杨黄周吴孙马胡郭何高罗郑梁宋")
PLACE_CHARS = list("庄楼家集营屯寨店湾桥洼圩")
TOWNS = ["示例镇", "城关镇", "新华街道", "东风街道", "示例街道", "红旗乡", "向阳镇", "人民路街道", "和平街道", "建设路街道"]
ROADS = ["人民路", "建设路", "文化路", "黄河路", "金水路", "张衡路", "花园路", "解放大道", "中山路", "和平街", "胜利街",
         "石化路", "高新路", "王府井大街", "东风巷"]
HONOURS = ["优秀退役军人", "模范退役军人", "最美退役军人", "退役军人就业创业之星", "拥军优属先进个人", "双拥模范个人",
           "优秀退役军人服务站站长", "退役军人志愿服务先进个人"]
BENEFITS = ["定期抚恤补助对象", "自主就业退役士兵一次性经济补助对象", "政府安排工作退役士兵", "参战退役人员生活补助对象",
            "残疾等级评定对象", "烈士遗属定期抚恤对象", "优待证申领对象", "退役军人创业担保贷款贴息对象"]
UNITS = ["区人民医院", "区供电公司", "区公交公司", "区水务有限公司", "区烟草专卖局", "区邮政分公司", "区疾病预防控制中心"]
TITLES = ["同志", "先生", "女士", "同学", "老师", "老人"]
LABELS = ["联系人", "经办人", "申请人", "负责人", "承办人", "受理人", "当事人", "收件人", "代理人"]


def _given(rng: random.Random) -> str:
    return "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))


def person(rng: random.Random, compound_share: float = 0.2) -> str:
    """An unmasked full name: a surname (one in five compound) and a given name of one or two characters."""
    surname = rng.choice(COMPOUND) if rng.random() < compound_share else rng.choice(SURNAMES)
    return surname + _given(rng)


def masked(rng: random.Random) -> str:
    """A masked name in one of the forms the rules allow: 张*明, 李*, 欧阳*华, 张**, 王某某, 张某."""
    surname = rng.choice(COMPOUND) if rng.random() < 0.15 else rng.choice(SURNAMES)
    form = rng.randrange(6)
    if form == 0:
        return surname + "*" + rng.choice(MASK_GIVEN)
    if form == 1:
        return surname + "*"
    if form == 2:
        return surname + "**"
    if form == 3:
        return surname + "某某"
    if form == 4:
        return surname + "某"
    return surname + "＊" + rng.choice(MASK_GIVEN)


def landline(rng: random.Random) -> str:
    return rng.choice(["0371-", "0371－", "(0371)", "0371 ", ""]) + str(rng.randrange(60000000, 69999999))


def mobile(rng: random.Random) -> str:
    number = rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
    number = "1" + number
    form = rng.randrange(3)
    return number if form == 0 else f"{number[:3]}-{number[3:7]}-{number[7:]}" if form == 1 else \
        f"{number[:3]} {number[3:7]} {number[7:]}"


def colon(rng: random.Random) -> str:
    return rng.choice(["：", "：", ":", ": ", " ", "", "："])


def count_word(rng: random.Random, n: int) -> str:
    digits = "零一二三四五六七八九十"
    return str(n) if rng.random() < 0.6 else digits[n] if n <= 10 else str(n)


# ---- sentences with names ----------------------------------------------------------------------------------

def _list_sentence(rng: random.Random) -> tuple[str, list[str]]:
    """A 公示 or 表彰 list joined by 、, sometimes with masked names among the unmasked ones."""
    n = rng.randint(2, 7)
    items, names = [], []
    for _ in range(n):
        if rng.random() < 0.2:
            items.append(masked(rng))
        else:
            name = person(rng)
            names.append(name)
            extra = rng.random()
            if extra < 0.12:
                items.append(f"{name}（{rng.choice(TOWNS)}）")
            elif extra < 0.18:
                items.append(f"{name}（{rng.choice(['男', '女'])}）")
            else:
                items.append(name)
    if not names:
        name = person(rng)
        names.append(name)
        items[0] = name
    joined = "、".join(items)
    k = count_word(rng, n)
    template = rng.choice([
        "经研究，拟将{l}等{k}名同志确定为{b}，现予以公示。",
        "拟认定{l}等{k}人为{b}。",
        "经个人申请、镇（街道）初审、区退役军人事务局审核，{l}等{k}名同志符合{b}条件，现予公示。",
        "经研究，决定授予{l}等{k}名同志“{h}”称号。",
        "现将{l}等{k}名同志的先进事迹予以公布。",
        "{l}同志被评为{y}年度“{h}”。",
        "区退役军人事务局看望慰问了{l}等老同志。",
        "获奖名单：{l}。",
        "一等奖：{l}；",
        "拟推荐人选：{l}",
        "参加座谈的有{l}等{k}位退役军人代表。",
        "{l}等{k}名退役士兵被安排到{u}工作。",
        "表彰名单如下：{l}。",
        "{l}",
    ])
    return template.format(l=joined, k=k, b=rng.choice(BENEFITS), h=rng.choice(HONOURS), y=rng.randint(2019, 2026),
                           u=rng.choice(UNITS)), names


def _title_sentence(rng: random.Random) -> tuple[str, list[str]]:
    name = person(rng)
    title = rng.choice(TITLES)
    templates = [
        "请与{n}{t}联系。",
        "如有疑问，请与{n}{t}联系，电话{p}。",
        "{n}{t}在座谈会上发言。",
        "{n}{t}向服务站赠送锦旗。",
        "区退役军人事务局党组书记、局长带队看望{n}{t}。",
        "图为{n}{t}（左二）在活动现场。",
        "关于{n}{t}申请{b}的答复",
        "{n}{t}，您好！您的申请已受理。",
        "经核查，{n}{t}反映的问题属实。",
        "此前，{n}{t}曾多次到服务站咨询政策。",
        "感谢{n}{t}对退役军人工作的支持。",
    ]
    if title == "同志":  # what is said of comrades only
        templates += ["授予{n}{t}“{h}”称号。", "热烈祝贺{n}{t}荣获“{h}”称号！", "拟安排{n}{t}到{u}工作。"]
    template = rng.choice(templates)
    return template.format(n=name, t=title, h=rng.choice(HONOURS), u=rng.choice(UNITS), b=rng.choice(BENEFITS),
                           p=landline(rng)), [name]


def _label_sentence(rng: random.Random) -> tuple[str, list[str]]:
    name = person(rng)
    label = rng.choice(LABELS)
    c = colon(rng)
    template = rng.choice([
        "{lab}{c}{n}",
        "{lab}{c}{n}，联系电话：{p}",
        "{lab}{c}{n}；电话：{p}。",
        "{lab}{c}{n}  电话{p}",
        "{lab}{c}{n}（{town}）",
        "{lab}{c}{n}，{town}人。",
        "本事项{lab}{c}{n}。",
        "{lab}{c}{n}于{y}年{m}月{d}日提出申请。",
        "{lab}{n}对处理意见不服的，可以依法申请行政复议。",
        "{lab}{c}{n}   {town}退役军人服务站",
    ])
    if label == "申请人" and rng.random() < 0.3:
        template = "{lab}{n}于{y}年{m}月{d}日向本局提出政府信息公开申请。"
    return template.format(lab=label, c=c, n=name, p=landline(rng), town=rng.choice(TOWNS), y=rng.randint(2020, 2026),
                           m=rng.randint(1, 12), d=rng.randint(1, 28)), [name]


def _record_sentence(rng: random.Random) -> tuple[str, list[str]]:
    """One person's line in a 公示 or a placement list: name, sex, birth, place."""
    name = person(rng)
    sex = rng.choice(["男", "女"])
    template = rng.choice([
        "{n}，{s}，汉族，{y}年{m}月出生，{town}人，{y2}年{m2}月入伍。",
        "{i}. {n}，{s}，{y}年{m}月生，{town}。",
        "{i}、{n}（{s}，{y}年{m}月生），{b}。",
        "{n}，{s}，中共党员，{y}年{m}月出生，现任{u}职工。",
        "{n}  {s}  {y}.{m}  {town}",
        "{n}（{s}）",
    ])
    born = rng.randint(1950, 2002)
    return template.format(n=name, s=sex, y=born, m=rng.randint(1, 12), y2=born + rng.randint(17, 22),
                           m2=rng.choice([3, 9, 12]), town=rng.choice(TOWNS), i=rng.randint(1, 30),
                           b=rng.choice(BENEFITS), u=rng.choice(UNITS)), [name]


def _phone_sentence(rng: random.Random) -> tuple[str, list[str]]:
    """A contact name beside an office landline, or beside a mobile number (both are to be reported)."""
    name = person(rng)
    is_mobile = rng.random() < 0.5
    number = mobile(rng) if is_mobile else landline(rng)
    template = rng.choice([
        "咨询电话：{p}（{n}）",
        "{n} {p}",
        "{n}，电话：{p}",
        "{n}，手机{p}" if is_mobile else "{n}，办公电话{p}",
        "{n}（{p}）",
        "请联系{n}，电话{p}。",
        "{town}退役军人服务站 {n} {p}",
        "联系方式：{n} {p}",
        "受理窗口：{n}，{p}",
    ])
    return template.format(n=name, p=number, town=rng.choice(TOWNS)), [name]


def _caption_sentence(rng: random.Random) -> tuple[str, list[str]]:
    """Captions, image alt texts and link titles of news pages."""
    name = person(rng)
    template = rng.choice([
        "退役军人{n}接受慰问",
        "老兵{n}讲述战斗经历",
        "烈属{n}在家中接受走访",
        "{n}同志在慰问现场",
        "志愿者{n}为老兵理发",
        "退役士兵{n}在岗位上",
        "军属{n}领取光荣牌",
        "{n}家属接受慰问",
        "{n}与家人合影",
        "{n}荣获三等功",
        "伤残军人{n}",
        "图为退役军人{n}（右）",
    ])
    return template.format(n=name), [name]


SHAPES = [("list", _list_sentence, 4), ("title", _title_sentence, 3), ("label", _label_sentence, 3),
          ("record", _record_sentence, 2), ("phone", _phone_sentence, 2), ("caption", _caption_sentence, 2)]


def positives(rng: random.Random, count: int, shapes=None) -> list[dict]:
    shapes = shapes or SHAPES
    weights = [w for _s, _f, w in shapes]
    out, seen = [], set()
    while len(out) < count:
        shape, make, _w = rng.choices(shapes, weights)[0]
        text, names = make(rng)
        if text in seen:
            continue
        seen.add(text)
        out.append({"text": text, "names": names, "shape": shape})
    return out


# ---- sentences without names: the same wording with masked names, places and forms of address ----------------

def place(rng: random.Random, kind: int | None = None) -> str:
    """A village (0), a township (1), a community (2), a town or street office (3) or a road (4)."""
    kind = rng.randrange(5) if kind is None else kind
    if kind == 0:
        return rng.choice(PLACES_PRE) + rng.choice(PLACE_CHARS) + "村"
    if kind == 1:
        return rng.choice(PLACES_PRE) + rng.choice(PLACE_CHARS) + rng.choice(["镇", "乡"])
    if kind == 2:
        return rng.choice(PLACES_PRE) + rng.choice(PLACE_CHARS) + "社区"
    if kind == 3:
        return rng.choice(TOWNS)
    return rng.choice(ROADS) + rng.choice(["", "社区"])


def _masked_sentence(rng: random.Random) -> str:
    n = rng.randint(1, 6)
    items = [masked(rng) for _ in range(n)]
    return rng.choice([
        "经研究，拟将{l}等{k}名同志确定为{b}，现予以公示。",
        "请与{one}同志联系。",
        "联系人{c}{one}，联系电话：{p}",
        "申请人{c}{one}于{y}年提出申请。",
        "{one}，{s}，{y}年出生，{town}人。",
        "{one} {p}",
        "退役军人{one}接受慰问",
        "获奖名单：{l}。",
        "{l}",
        "当事人{one}不服，申请行政复议。",
        "{one}先生",
        "{one}女士反映的问题已办结。",
    ]).format(l="、".join(items), one=items[0], k=count_word(rng, n), b=rng.choice(BENEFITS), c=colon(rng),
              p=landline(rng), y=rng.randint(1950, 2024), s=rng.choice(["男", "女"]), town=rng.choice(TOWNS))


def _place_sentence(rng: random.Random) -> str:
    n = rng.randint(1, 5)
    items = [place(rng) for _ in range(n)]
    return rng.choice([
        "所在村：{village}",
        "{l}等{k}个村（社区）退役军人服务站已全部建成。",
        "活动在{one}举行。",
        "{one}退役军人服务站获评示范服务站。",
        "联系人：{village}村委会，电话：{p}",
        "{one}党群服务中心",
        "走访了{l}的退役军人。",
        "{town}{one}",
        "受理地点：{one}便民服务中心",
        "{one}、{two}",
        "{one} {p}",
        "经办人：{town}民政所",
    ]).format(one=items[0], two=place(rng), l="、".join(items), k=count_word(rng, n), p=landline(rng),
              village=place(rng, 0),
              town=rng.choice(TOWNS))


def _address_form_sentence(rng: random.Random) -> str:
    """Forms of address without a full name, as offices publish their contacts."""
    surname = rng.choice(SURNAMES + COMPOUND)
    who = surname + rng.choice(["老师", "科长", "主任", "同志", "女士", "先生", "站长", "书记", "干事"])
    return rng.choice([
        "联系人：{w}，电话：{p}",
        "请与{w}联系。",
        "咨询电话：{p}（{w}）",
        "{w} {p}",
        "经办人{c}{w}",
    ]).format(w=who, p=landline(rng), c=colon(rng))


def negatives(rng: random.Random, count: int) -> list[dict]:
    makers = [("masked", _masked_sentence), ("place", _place_sentence), ("address-form", _address_form_sentence)]
    out, seen = [], set()
    while len(out) < count:
        shape, make = makers[len(out) % len(makers)]
        text = make(rng)
        if text in seen:
            continue
        seen.add(text)
        out.append({"text": text, "names": [], "shape": shape})
    return out


# ---- the second round: shapes the first corpus did not hold -------------------------------------------------
# Written after the guard passed names laid out with spaces (林　芳 in a form's column, 联 系 人：), names followed by
# the person's role in brackets or after a space (王建华（退役士兵）, 退役军人 王建华), and names before the verbs
# of casework (王建华反映的问题, 我局收到王建华的申请, 王建华系我区退役军人). Its own seed; its test part frozen in its
# own commit before the rules were changed for it.

SEED_2 = 20261206
ROLES = ["退役军人", "退役士兵", "烈士遗属", "伤残军人", "优抚对象", "军属", "复员军人", "老党员"]
SPACED_LABELS = ["联 系 人", "经 办 人", "申 请 人", "负 责 人", "姓　　名", "姓    名", "联系人", "经办人"]
KIN = ["父亲", "母亲", "配偶", "妻子", "丈夫", "儿子", "女儿"]


def _spaced_person(rng: random.Random) -> str:
    """A name as a form lays it out: a two-character name padded to the width of three, or every character apart."""
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.6:
        return surname + rng.choice(["\u3000", " ", "  "]) + rng.choice(GIVEN)
    return rng.choice(["\u3000", " "]).join(surname + _given(rng))


def _spaced_sentence(rng: random.Random) -> tuple[str, list[str]]:
    label = rng.choice(SPACED_LABELS)
    name = _spaced_person(rng) if rng.random() < 0.7 else person(rng)
    template = rng.choice([
        "{lab}：{n}",
        "{lab}：{n}　　联系电话：{p}",
        "{lab}：{n}（{town}）",
        "{lab}:{n}   {town}退役军人服务站",
        "{n}　男　{y}年{m}月　{town}",
        "{n}  {s}  {town}",
    ])
    return template.format(lab=label, n=name, p=landline(rng), town=rng.choice(TOWNS), y=rng.randint(1950, 2002),
                           m=rng.randint(1, 12), s=rng.choice(["男", "女"])), [name]


def _role_sentence(rng: random.Random) -> tuple[str, list[str]]:
    name, role = person(rng), rng.choice(ROLES)
    template = rng.choice([
        "{n}（{r}）",
        "{n}（{r}，{town}）",
        "{n}（{town}{r}）申请{b}。",
        "{r} {n}",
        "{r}　{n}，{town}人。",
        "走访{r} {n}家中。",
        "{n}，{r}，{town}人。",
    ])
    return template.format(n=name, r=role, town=rng.choice(TOWNS), b=rng.choice(BENEFITS)), [name]


def _casework_sentence(rng: random.Random) -> tuple[str, list[str]]:
    name = person(rng)
    template = rng.choice([
        "{n}反映的问题已办结。",
        "{n}来信反映{town}退役军人服务站服务态度问题。",
        "{n}来电咨询{b}的办理流程。",
        "我局收到{n}的政府信息公开申请。",
        "{n}系我区{r}，{y}年入伍。",
        "经审核，{n}符合{b}条件。",
        "{n}不服该决定，申请行政复议。",
        "{n}的{k}现居住在{town}。",
        "关于{n}申请{b}的答复",
        "现将{n}的情况公示如下。",
    ])
    return template.format(n=name, town=rng.choice(TOWNS), b=rng.choice(BENEFITS), r=rng.choice(ROLES),
                           y=rng.randint(1970, 2020), k=rng.choice(KIN)), [name]


SHAPES_2 = [("spaced", _spaced_sentence, 1), ("role", _role_sentence, 1), ("casework", _casework_sentence, 1)]


def _second_negative(rng: random.Random) -> str:
    """The second round's wording without a name to protect: masked, a form of address, a word for people."""
    one = rng.choice([masked(rng), rng.choice(SURNAMES) + rng.choice(["科长", "主任", "老师", "同志"]),
                      rng.choice(["申请人", "该同志", "群众", "来信人", "本人", "当事人"])])
    role = rng.choice(ROLES)
    return rng.choice([
        "{lab}：{one}",
        "{lab}：{town}退役军人服务站",
        "{one}（{r}）",
        "{r} {one}",
        "{r}　事务",
        "{one}反映的问题已办结。",
        "群众来信反映{town}退役军人服务站服务态度问题。",
        "{one}来电咨询{b}的办理流程。",
        "我局收到{one}的政府信息公开申请。",
        "本人系我区{r}，{y}年入伍。",
        "经审核，{one}符合{b}条件。",
        "{r}的{k}可以申请{b}。",
        "安置方式（{r}）",
        "{town}（{r}服务站）",
    ]).format(lab=rng.choice(SPACED_LABELS), one=one, r=role, town=rng.choice(TOWNS), b=rng.choice(BENEFITS),
              y=rng.randint(1970, 2020), k=rng.choice(KIN))


def second_round() -> tuple[list[dict], list[dict]]:
    rng = random.Random(SEED_2)
    pos = positives(rng, 300, SHAPES_2)
    neg, seen = [], set()
    while len(neg) < 600:
        text = _second_negative(rng)
        if text not in seen:
            seen.add(text)
            neg.append({"text": text, "names": [], "shape": "second-round"})
    return pos, neg


def corpus() -> dict[str, list[dict]]:
    rng = random.Random(SEED)
    pos = positives(rng, 600)
    pos_2, neg_2 = second_round()
    # The held-out part is every third sentence: the same mix of shapes as the tuning part.
    return {"positives-tune.jsonl": [r for i, r in enumerate(pos) if i % 3],
            "positives-test.jsonl": pos[::3],
            "negatives-generated.jsonl": negatives(rng, 1200),
            "positives-2-tune.jsonl": [r for i, r in enumerate(pos_2) if i % 3],
            "positives-2-test.jsonl": pos_2[::3],
            "negatives-2.jsonl": neg_2}


def serialise(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> None:
    for name, records in corpus().items():
        (HERE / name).write_text(serialise(records), encoding="utf-8")


if __name__ == "__main__":
    main()
