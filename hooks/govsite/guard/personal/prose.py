"""Person names in running text: where offices write them, not only under a header or after “姓名：”.

A name is found by the words around it (its cue), then checked as a name (names.py: a surname, compound ones
first, and a given name of one or two characters; not masked, not a form of address such as 王老师, not a place
such as 张庄村 or 黄河路, not a public figure, not an ordinary word of jieba's dictionary). The cues:

- strong (the wording says a person stands there): a form of address after the name (王建华同志, 先生, 女士,
  同学, 老师 …); a label and a colon or space before it (联系人：, 经办人 , 获奖名单：); sex after it
  (王建华，男，); a count after it (王建华等3名同志); a telephone number beside it (王建华 0371-12345678,
  咨询电话：0371-12345678（王建华）); a list joined by 、 with such a cue, or with masked names among its items;
- weak (the wording allows a person): a label without a colon (申请人王建华于…), a word for people before it
  (退役军人王建华; set apart by a space and standing alone, 退役军人 王建华, it is strong) or after it as the
  person's role (王建华（示例镇退役士兵）, 王建华，退役军人，), a verb or relation after it (王建华接受慰问, 王建华家属,
  王建华反映, 王建华的父亲, 王建华向我局…, 王建华于2023年…), the words of a case file before it (我局收到王建华的申请,
  经审核，王建华…, 经查，王建华…, 感谢王建华…; after 关于, which begins titles,
  only with the person's case after the name: 关于王建华申请…的答复), a list of
  names with no other cue, a unit of text that is a name and nothing else (an image's alt text). A weak cue needs jieba to read the
  words as a name in their context (申请人向户籍所在地… is 向 + 户籍, not a name), and refuses the names jieba
  has seen too often as ordinary words (陈述, 高峰).

More wordings of the same kinds: strong — 王建华（化名）, 王建华等人, 李明和王建华同志 (the first of a pair), a letter's
greeting (王建华：您好), a name set apart by spaces before its form of address (请与 王建华 同志联系), the items of a
list after a label and a colon set apart by spaces or commas (获奖者：王建华　李明), a numbered item that is a name
alone (1. 王建华, a PDF's list); weak — a name between the words that ask to contact a person or give one a task
(请与王建华联系, 由王建华负责), after a label with 为 or 是 (联系人为王建华), after 拟推荐, 授予, 追授.

News and features about one veteran (the bureau's publicity work) name the person with no label at all: weak cues
are what a story says the person did or is right after the name (王建华退役后…, 今年78岁, 是一名老兵, 曾荣立三等功,
带领…), what is theirs (王建华的先进事迹, 的照片), a year of service glued to it (王建华1978年入伍), whom the bureau
visited, heard or gave to (慰问了王建华, 据王建华回忆, 为王建华送去…); and, found by their grammar, a headline that
begins with a full name and a colon (王建华：退役不褪色) and a clause that begins with a full name jieba reads as a
name before what the person does or has (王建华积极参加…, 王建华目前…, 王建华的…; _clause_subjects). Last, with no cue
at all, a full name of three characters jieba reads as a person's wherever it stands (提起汪文军，…; _read_names): a
search of the text for a surname before two characters of given names, and jieba asked only where neither the three
characters nor their parts are words of its dictionary; and a name with a compound surname that is no everyday word
(提起欧阳建华，…; _compound_names). A cue's reading wins where both find a name.

Names of other peoples, parts joined by a middle dot (阿依古丽·买买提), have no surname to know them by and the dot
also joins section names (公示公告·通知公告): they are names beside a strong cue only, and as items of a list of people.

Reach of the cues (the edges are behaviour, tested on both sides): sex is read up to 8 characters after the
name (the comma or bracket and spaces that line up a form); a phone number's own label words and spaces are read up
to 12 characters before it, the name ends where they begin; a unit of up to 12 characters that is a name between
spaces and marks is a lone name, a longer one is running text; a list item is up to 14 characters with a note in
brackets of up to 24; a list's label (名单：) is looked for within 12 characters before it.

Speed: every cue is a regular expression searched first; jieba (loaded once, about a second) runs only on the
short run of Chinese characters around a cue whose characters have the shape of a name, and its answers are
cached. Text without any cue costs one search.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .names import (
    _DOTTED,
    _MARTYR,
    COMMON_NAME_WORD,
    COMPOUND_SURNAMES,
    NAME_HEADERS,
    PEOPLE_HEADERS,
    PLACE_CHARS,
    SINGLE_SURNAMES,
    TITLES,
    _dictionary,
    _tagger,
    frequency,
    given_name_chars,
    given_name_words,
    in_dictionary,
    is_dotted_name,
    is_masked_name,
    is_ordinary_word,
    is_place_name,
    name_char_uses,
    name_shaped,
    not_a_person,
    surname_of,
)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_SPACE = r"[ \t\u3000\u00a0]"

TITLE_WORDS = ("同志", "先生", "女士", "同学", "老师", "老人", "师傅", "夫妇", "阿姨", "大爷", "大娘", "老先生",
               "（化名）", "(化名)")
# Labels of a person in notices and forms; with a colon or space after them a name follows, without one it may.
LABEL_WORDS = ("联系人", "经办人", "申请人", "本人", "负责人", "承办人", "受理人", "当事人", "收件人", "代理人", "委托人",
               "被申请人", "申报人", "推荐人", "领款人", "收款人", "户主", "监护人", "填表人", "审核人", "审批人",
               "拟稿人", "签发人", "签收人", "举报人", "投诉人", "来访人", "被推荐人", "责任人", "记录人", "主持人",
               "来信人", "信访人", "反映人", "咨询人", "求助人", "申诉人", "发件人", "报名人", "联络人", "证明人",
               "经手人", "报告人", "汇报人", "核对人", "复核人", "填报人", "制表人", "统计人", "领取人", "代领人",
               "见证人", "担保人", "介绍人", "陪同人", "帮扶人", "联络员", "网格员", "包联人", "对接人", "讲解人",
               # who acts for, keeps or receives for a person: forms of benefits and pensions
               "代办人", "受托人", "被委托人", "法定代理人", "被监护人", "赡养人", "抚养人", "继承人", "代收人",
               "持卡人", "开户人", "参保人", "投保人", "被保险人", "缴款人", "捐赠人", "受赠人", "申请者",
               # who a visit or an aid was for, in news and 公示 (被慰问人刘桂兰, 帮扶对象李建国)
               "被慰问人", "慰问对象", "帮扶对象", "救助对象", "受助人", "被帮扶人", "走访对象", "资助对象",
               # a news story's byline (通讯员 王建华, 本报记者 李明, 责任编辑 赵军; 摄影：张伟 below)
               "通讯员", "记者", "摄影师", "撰稿人", "供稿人", "责任编辑")
# Labels followed by names only when a colon follows them.
COLON_LABEL_WORDS = ("名单", "人选", "获奖者", "获得者", "一等奖", "二等奖", "三等奖", "特等奖", "优秀奖", "鼓励奖",
                     "代表", "成员", "姓名", "名字", "化名", "组长", "副组长", "队长", "讲解员", "主讲人",
                     "获奖人", "嘉宾", "颁奖嘉宾", "人物", "本期人物", "主人公", "主讲", "主讲嘉宾", "受访者", "讲述人", "签名",
                     "签字", "签收", "汇报",
                     # a byline's words that are verbs or nouns too (编辑后新增…, 摄影比赛, 作者简介): after a colon only
                     "编辑", "摄影", "撰稿", "作者", "审校"
                     ) + PEOPLE_HEADERS + ("退役军人", "退役士兵", "老兵", "烈属", "军属", "志愿者")
# An office held, before its holder's name in news (区退役军人事务局局长王建华看望…): officials' names are published
# by law only when listed in data/site.yml 公开姓名.
OFFICE_WORDS = ("局长", "副局长", "书记", "副书记", "主任", "副主任", "科长", "副科长", "站长", "副站长", "所长", "镇长",
                "乡长", "区长", "县长", "会长", "馆长", "院长")
# A relative named after the person (王建华的母亲张秀英, 其妻李秀兰, 烈士配偶李秀兰)
RELATIVE_WORDS = frozenset(("父亲", "母亲", "妻子", "丈夫", "儿子", "女儿", "其妻", "其夫", "其子", "其女", "爱人", "老伴",
                            "配偶", "遗孀", "儿媳", "女婿", "孙子", "孙女", "外孙", "哥哥", "姐姐", "弟弟", "妹妹",
                            "祖父", "祖母"))
# Words for the people this bureau serves, written right before a name (退役军人王建华), offices and relatives.
PEOPLE_WORDS = ("退役军人", "退役士兵", "退伍军人", "复员军人", "转业军人", "伤残军人", "残疾军人", "现役军人", "老兵",
                "老战士", "老党员", "烈属", "军属", "遗属", "军嫂", "志愿者", "优抚对象", "村民", "居民", "市民"
                ) + OFFICE_WORDS + tuple(sorted(RELATIVE_WORDS))
# After a word for a relative, words that join it to the next (母亲和儿子, 父亲与子女): never a surname there.
_JOINING = frozenset("和与及同跟或向对在是为")
# What is said of a person right after the name (王建华接受慰问, 王建华家属, 王建华（左二）).
FOLLOW_WORDS = ("家属", "家人", "一家", "家中", "夫妇", "夫妻", "之子", "之女", "之妻", "之夫", "之母", "之父", "老伴", "接受", "荣获",
                "被评为", "讲述", "合影", "参加", "出席", "发言", "（左", "（右", "（中", "(左", "(右", "(中",
                # what a case file says of the person it is about (王建华反映的问题, 王建华系我区退役军人)
                "反映", "来信", "来电", "来访", "不服", "系我", "的父亲", "的母亲", "的配偶", "的妻子",
                "的丈夫", "的儿子", "的女儿", "的子女", "的情况", "的申请", "的政府信息公开申请",
                # what a case file says the person did, and when (张秀英向我局提交申请, 李建国于2023年退出现役)
                "向我局", "向本局", "向我单位", "向本机关", "于19", "于20", "收到", "提交",
                # what news quotes a person saying (周海涛说：“……”, 李秀英表示，…)
                "说：", "说:", "说，“", "表示，", "表示：", "介绍说", "告诉记者",
                # what is a person's own: a feature's story, a photo's caption, a file kept on them (王建华的先进事迹,
                # 王建华的照片, 王建华事迹材料)
                "的事迹", "的先进事迹", "的英雄事迹", "的感人事迹", "的故事", "的照片", "的生平", "的遗物", "的档案",
                "的家属", "的爱人", "的老伴", "的家中", "先进事迹", "事迹材料",
                # what a feature says the person did or is (王建华退役后…, 王建华1978年入伍, 王建华今年78岁,
                # 王建华是一名老兵, 王建华曾荣立三等功, 王建华带领村民…, 王建华激动地…)
                "供稿", "撰稿", " 摄）", " 摄)", "　摄）", "摄）", "摄)",
                "退役后", "退伍后", "转业后", "复员后", "从部队", "入伍", "参军", "今年", "现年", "已经", "是一名", "是一位",
                "曾荣立", "荣立", "曾在", "曾任", "现任", "带领", "创办", "自主就业", "激动地", "感慨", "动情地", "笑着",
                "握着", "回忆", "深有感触", "一直", "多年来", "至今", "生前", "说，", "，中共党员", "，共产党员", "，汉族",
                # more of what a feature says the person did, was or has (王建华老两口, 王建华因公致残, 王建华当兵五年,
                # 王建华所在的部队, 王建华积极参加…, 经王建华介绍，, 在王建华的带领下, 与王建华座谈, 王建华家住…)
                "老两口", "因公", "因病", "因伤", "当兵", "服役", "所在的部队", "所在部队", "积极", "介绍，", "的带领",
                "的帮助", "的指导", "座谈", "家住", "从事", "获得",
                # a household named by its head in a 公示 or a caption (烈属王建华家庭帮扶情况)
                "家庭")
# Words a case file writes right before the person it is about (我局收到王建华的申请, 经审核，王建华符合…).
BEFORE_WORDS = ("收到", "现将", "经审核，", "经核实，", "经审核,", "经核实,", "经查，", "经查,", "经调查，", "经调查,",
                "感谢", "拟推荐", "授予", "追授",
                # what the bureau proposes to decide about a person, before its 公示 (拟认定王建华为…)
                "拟认定", "拟表彰", "拟命名", "拟评定", "拟授予", "拟聘任", "拟任命", "拟录用", "拟确认", "拟确定", "拟评为",
                "拟批准", "拟给予",
                # a person naming themself (我叫李秀英, 名叫王建华)
                "我叫", "名叫",
                # whom news says the bureau visited or honoured, or heard (慰问了王建华, 见到王建华时, 据王建华回忆)
                "慰问了", "看望了", "走访了", "探望了", "见到", "采访了", "据", "为老兵", "向老兵",
                # the same in a headline, a caption or a photo's file name, where 了 is left out (走访慰问王建华,
                # 看望王建华.jpg)
                "慰问", "看望", "走访", "探望",
                # whom a feature invites, honours or tells the age of (邀请王建华为学生…, 获奖者为王建华, 八十岁的王建华)
                "邀请", "获奖者为", "获得者为", "岁的", "高龄的",
                # a byline written with a slash (文/王建华, 图/李明)
                "文/", "图/", "文／", "图／", "摄/", "摄／")
# Words of grammar that stand before 家庭 (有利于家庭, 对家庭, 给家庭), in both scripts: never a given name's end.
_BEFORE_HOUSEHOLD = frozenset("于於的和与與及对對向在为為给給把被让讓使等个個")
# The visit verbs without 了 and the character that makes them a thing given (慰问金, 慰问品, 慰问款, 慰问物资).
_BARE_VISITS = frozenset(("慰问", "看望", "走访", "探望"))
_VISITS_GIVE = frozenset("金品款物信电")
# 关于 begins most titles (关于弘扬…, 关于纪念堂馆…: jieba tags such words as names): a name after it counts only
# when what follows it is a person's case (关于王建华申请…的答复, 关于王建华信访事项的答复); so does 对 at the start
# of a unit (对王建华申请优待证的批复).
_CASE_AFTER = re.compile(r"申请|反映|来信|来访|信访|投诉|举报|不服|的申请|的信访|的投诉|的举报|的来信|的答复|的复函"
                         r"|同志(?:申请|的)")
_COUNT = r"(?:\d+|[一二三四五六七八九十两百]+)"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_TITLE = re.compile(rf"(?<=[{_HAN}])(?:{_alternation(TITLE_WORDS)})")
_LABEL = re.compile(rf"(?:{_alternation(LABEL_WORDS)})({_SPACE}*[:：]{_SPACE}*|{_SPACE}+|)(?=[{_HAN}])")
_COLON_LABEL = re.compile(rf"(?:{_alternation(COLON_LABEL_WORDS)}){_SPACE}*[:：]{_SPACE}*(?=[{_HAN}])")
_SEX = re.compile(rf"(?<=[{_HAN}]){_SPACE}*[，,、（({_SPACE[1:-1]}]{_SPACE}*[男女]{_SPACE}*(?=[，,、）)；;{_SPACE[1:-1]}]|$)")
_COUNT_AFTER = re.compile(rf"(?<=[{_HAN}])等{_SPACE}*{_COUNT}{_SPACE}*(?:名|人|位|个人|户)|(?<=[{_HAN}])等(?:老|青年|优秀)?同志"
                          r"|(?<=[\u3400-\u4dbf\u4e00-\u9fff])等人(?![员群口才数次])")
_PEOPLE = re.compile(rf"(?:{_alternation(PEOPLE_WORDS)})(?=[{_HAN}])")
_FOLLOW = re.compile(rf"(?<=[{_HAN}])(?:{_alternation(FOLLOW_WORDS)})")
_LABEL_SEP = re.compile(rf"{_SPACE}*(?:[（(](?:签字|签名|签章|盖章|手签|本人签字|本人签名)[）)]{_SPACE}*)?[:：]{_SPACE}*"
                        rf"|{_SPACE}+|[为是](?![否了])|")
_SPACES = re.compile(rf"{_SPACE}*")
_ROLE_BEFORE = re.compile(rf"{_SPACE}*[，,（(]{_SPACE}*[{_HAN}]{{0,8}}$")
_ROLE_AFTER = re.compile(rf"{_SPACE}*[）)，,；;]")
_ALONE = re.compile(rf"[{_HAN}]{{2,4}}(?![{_HAN}])")
# Office landlines (0371-12345678, (0371)12345678, 12345678), mobile numbers as people write them, and the
# numbers of identity cards and bank cards: a name beside any of them is a person's.
_PHONE = re.compile(r"(?<![\dA-Za-z])(?:(?:[(（]0\d{2,3}[)）]|0\d{2,3})[-－ ]?)?\d{7,8}(?![\dA-Za-z])"
                    r"|(?<![\dA-Za-z])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\dA-Za-z])"
                    r"|(?<![\dA-Za-z])\d{15,19}[Xx]?(?![\dA-Za-z])"
                    # masked as a 公示 masks them (138****5678, 410105********1234, 41**************12): the
                    # number is hidden, the name beside it still says whose it was
                    r"|(?<![\dA-Za-z])1[3-9]\d[*＊×]{4}\d{4}(?![\dA-Za-z*＊×])"
                    r"|(?<![\dA-Za-z])\d{1,6}[*＊×]{6,16}\d{1,4}[Xx]?(?![\dA-Za-z*＊×])")
_BEFORE_PHONE = re.compile(rf"(?:{_SPACE}|[:：,，;；（(、/]|联系电话|办公电话|咨询电话|值班电话|电话|手机号码|手机号|手机|"
                           r"座机|联系方式|身份证号码|身份证号|身份证|公民身份号码|证件号码|银行卡号|卡号|账号|"
                           r"Tel|TEL|tel)+$")
_AFTER_PHONE = re.compile(rf"{_SPACE}*[（(]{_SPACE}*([{_HAN}]{{2,4}}){_SPACE}*[）)]")
# A list joined by 、: items of Chinese characters (masked ones with their asterisks), each with an optional
# note in brackets (王建华（示例镇）、李*（男）).
_ITEM = rf"[{_HAN}*＊×·•・]{{1,14}}(?:[（(][^（）()\n]{{0,24}}[）)])?"  # · joins the parts of 阿依古丽·买买提
_LIST = re.compile(rf"{_ITEM}(?:、{_ITEM})+")
# Every cue's first words in one pattern (name_spans): longer words first, a form of address before the sex it
# begins with (女士, 女). The lookahead of every first character lets the engine skip ahead (five times faster).
_FIRST = "".join(sorted({w[0] for w in TITLE_WORDS + LABEL_WORDS + COLON_LABEL_WORDS + PEOPLE_WORDS + FOLLOW_WORDS
                          + BEFORE_WORDS + ("关于", "对", "请", "可", "或", "直", "由")}))
_CUES = re.compile(
    rf"(?=[{re.escape(_FIRST)}等、男女(（+0-9])(?:"
    rf"(?P<title>{_alternation(TITLE_WORDS)})"
    rf"|(?P<clabel>(?:{_alternation(COLON_LABEL_WORDS)}){_SPACE}*[:：]{_SPACE}*(?=[{_HAN}]))"
    rf"|(?P<label>{_alternation(LABEL_WORDS)})"
    rf"|(?P<people>{_alternation(PEOPLE_WORDS)})"
    rf"|(?P<follow>{_alternation(FOLLOW_WORDS)})"
    rf"|(?P<before>{_alternation(BEFORE_WORDS)})"
    rf"|(?P<about>关于|(?<![{_HAN}])对)"
    r"|(?P<ask>请与|请和|请同|请跟|可与|或与|直接与|请联系|请致电|由)"
    r"|(?P<count>等)|(?P<list>、)|(?P<sex>[男女])"
    r"|(?P<phone>(?<![\dA-Za-z])(?:[(（]0\d|0\d{2,3}[-－ ]?\d|(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}|\d{7}|\d{1,6}[*＊×]{4})))")
_ITEM_PARTS = re.compile(rf"([{_HAN}*＊×·•・]+)((?:[（(][^（）()\n]{{0,24}}[）)])?)")
_MASKED_ITEM = re.compile(rf"[{_HAN}]{{1,2}}(?:[*＊×]+[{_HAN}]?|某{{1,2}})$")
_MASKED_LAST = re.compile(rf"[{_HAN}]{{1,2}}(?:[*＊×]|某)")
# A count of people between names and their form of address (两位同志, 2名老同志, 三位老人)
_COUNT_BEFORE_TITLE = re.compile(rf"(?:{_COUNT}|几){_SPACE}*[位名]{_SPACE}*(?:老|青年|优秀)?\Z")
_LIST_AFTER = re.compile(rf"{_SPACE}*(?:等{_SPACE}*{_COUNT}{_SPACE}*(?:名|人|位|个人|户)|"
                         rf"(?:{_COUNT}{_SPACE}*[位名]{_SPACE}*)?等?(?:老|青年|优秀)?"
                         rf"(?:{_alternation(TITLE_WORDS)}))")
_LIST_TAIL = re.compile(rf"[{_HAN}*＊×]{{1,6}}?(?:[（(][^（）()\n]{{0,24}}[）)])?(?:{_LIST_AFTER.pattern})")
# A list that ends in a word for the people it lists (王建华、李秀英等退役士兵, …等老战士): each item that reads as a
# name is one, though an item may be a kind of people as well (高龄、伤残等退役军人: words, not names).
_PEOPLE_LIST_AFTER = re.compile(
    rf"{_SPACE}*等{_SPACE}*(?:{_alternation([w for w in PEOPLE_WORDS if w not in RELATIVE_WORDS] + ['人员', '战友', '同学'])})")
_PEOPLE_LIST_TAIL = re.compile(rf"[{_HAN}*＊×]{{1,6}}?(?:[（(][^（）()\n]{{0,24}}[）)])?(?:{_PEOPLE_LIST_AFTER.pattern})")
_LIST_BEFORE = re.compile(rf"(?:名单|名单如下|人选|获奖者|获得者|奖|同志|同志如下|人员如下|{_alternation(LABEL_WORDS)})"
                          rf"{_SPACE}*[:：]{_SPACE}*$")
# 申请人, 联系人, 退役军人: words for people, which jieba tags as names
WORDS_FOR_PEOPLE = frozenset(LABEL_WORDS + COLON_LABEL_WORDS + PEOPLE_WORDS + PEOPLE_HEADERS + NAME_HEADERS)
_ANY_HAN = re.compile(f"[{_HAN}]")
_WHOLE_STRIP = " \t\u3000\u00a0:：,，。.;；!！?？\"'“”‘’《》「」【】[]"
# jieba's tags of words that are not the surname of a name standing next to them (向 in 向户籍, 和 in 和李明).
_FUNCTION_TAGS = ("p", "c", "u", "d", "r", "f", "m", "q", "y", "e", "o", "x")
_NAME_TAGS = ("nr", "nrfg", "nrt")
_PLACE_TAGS = ("ns", "nz")
# Words of grammar that stand before a name (和, 与, 向, 在, 的 …): never a surname outside the list. 么 (y) and 万 (m)
# are surnames too.
_GRAMMAR_TAGS = ("p", "c", "u", "d", "r", "f")
_MAX_RUN = 12  # characters of context each side of a cue given to jieba


@dataclass(frozen=True, order=True)
class NameSpan:
    start: int
    end: int
    cue: str  # the shape that found it: 称谓, 标签, 性别, 人数, 电话, 名单, 人员, 其前, 其后, 全文

    def of(self, text: str) -> str:
        return text[self.start:self.end]


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff"


@functools.lru_cache(maxsize=16384)
def _segment(run: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, tag) of jieba's words in a run of Chinese characters."""
    out, pos = [], 0
    for word in _tagger()(run):
        out.append((pos, pos + len(word.word), word.flag))
        pos += len(word.word)
    return tuple(out)


def _function_word(tag: str) -> bool:
    return tag.startswith(_FUNCTION_TAGS) and not tag.startswith(_NAME_TAGS)


# Words that stand right before a name (请与|王建华, 授予|王建华, 参加座谈的有|王建华) and right after one
# (王建华|等, 王建华|于2024年, 王建华|在家中): where the characters between them are cut into a name.
PRECEDE_WORDS = LABEL_WORDS + COLON_LABEL_WORDS + PEOPLE_WORDS + (
    "感谢", "授予", "追授", "表彰", "看望", "慰问", "走访", "推荐", "认定", "安排", "任命", "聘任", "选举", "祝贺",
    "采访", "邀请", "陪同", "联系", "拟将", "将", "把", "由", "给", "向", "对", "与", "和", "同", "及", "跟", "为",
    "是", "有", "了", "请", "经", "据", "让", "派", "即", "称", "等", "如", "像", "包括", "其中", "图为", "获奖者",
    "岁的", "来到", "走进", "前往",
    "名单", "如下", "关于", "收到", "现将", "致", "表扬", "拟推荐", "尊敬的", "亲爱的",
    # what the bureau does to a person it names (拟安置|王建华、…, 接收|李明): people are their objects
    "安置", "接收", "录用", "聘用", "选派", "帮扶", "资助", "救助", "奖励", "确定", "评选", "遴选")
FOLLOW_NAME_WORDS = TITLE_WORDS + FOLLOW_WORDS + (
    "等", "于", "在", "的", "和", "与", "及", "同", "为", "向", "到", "被", "已", "将", "是", "系", "因", "经", "自",
    "从", "对", "曾", "也", "都", "还", "并", "说", "表示", "介绍", "提出", "申请", "反映", "不服", "称", "现年", "生于",
    "出生", "获", "担任", "现任", "作为", "带领", "主持", "通过", "所", "确定", "认定", "列为", "评为", "推荐",
    "安排", "调整", "纳入", "享受", "符合", "领取", "获得")
_ADDRESS_FORM = re.compile(_alternation(t for t in TITLES if len(t) > 1))
_FOLLOW_CHARS = frozenset(w for w in FOLLOW_NAME_WORDS if len(w) == 1)
_PRECEDE = re.compile(f"(?:{_alternation(PRECEDE_WORDS)})$")
_FOLLOW_NAME = re.compile(_alternation(FOLLOW_NAME_WORDS))


def _is_han_run(text: str) -> bool:
    return all(_is_han(ch) for ch in text)


def _run_start(text: str, end: int) -> int:
    """Where the run of up to _MAX_RUN Chinese characters ending at `end` begins (`end` when there is none)."""
    found = _RUN_BEFORE.search(text, max(0, end - _MAX_RUN), end)  # the leftmost start: the longest such run
    return found.start() if found is not None else end


def _run_end(text: str, start: int) -> int:
    """Where the run of up to _MAX_RUN Chinese characters starting at `start` ends."""
    return _RUN_AFTER.match(text, start).end()


_RUN_BEFORE = re.compile(f"[{_HAN}]+\\Z")  # \Z: not before a line break at `end`, as $ would
_RUN_AFTER = re.compile(f"[{_HAN}]{{0,{_MAX_RUN}}}")
# The characters a name of the list's shape (names.name_shaped) can begin with: a surname, or a compound
# surname's first character. Where none stands, only jieba's guess can find a name, and only a strong cue asks it.
_SURNAME_FIRST = SINGLE_SURNAMES | frozenset(c[0] for c in COMPOUND_SURNAMES)


def _jieba_name(text: str, words, run: int, start: int | None, end: int | None) -> tuple[int, int] | None:
    """A word of two or three characters jieba tags as a name, beginning at `start` or ending at `end`: names
    with a surname outside the list (兰, 代, 母 …) where the wording says a person stands. Only a word jieba
    guessed, not one of its dictionary (银行卡 is tagged nr there)."""
    for a, b, tag in words:
        if tag.startswith(_NAME_TAGS) and 2 <= b - a <= 3 and (a + run == start or b + run == end) \
                and not in_dictionary(text[a + run:b + run]):
            return a + run, b + run
    return None


def _name_before(text: str, end: int, strong: bool) -> tuple[int, bool] | None:
    """(start, jieba agrees) of the name ending at `end`, when the characters before `end` hold one. Of the
    possible starts (王建华 or 建华 …), the one after a word that stands before names (授予, 请与) or at the
    start of the run, and where jieba's words begin, wins; then the longer."""
    if not strong and _SURNAME_FIRST.isdisjoint(text[max(0, end - 4):end - 1]):
        return None  # no start below can be name-shaped, and a weak cue takes no guess of jieba's
    run = _run_start(text, end)
    starts = [s for s in range(max(run, end - 4), end - 1) if name_shaped(text[s:end])]
    if not starts:
        # no name of the list's shape: only jieba's guess, and only where the wording says a person stands (most
        # cues, 退役军人 before 工作 and 、 between words, are weak: jieba's cut, the costly part, is not needed)
        found = _jieba_name(text, _segment(text[run:end]), run, None, end) if strong else None
        if strong:  # jieba's guess, or a surname outside the list (睢丽萍: jieba guesses 丽萍), the longer
            start = _unlisted_before(text, run, end, starts)
            if start is not None and (found is None or start < found[0]):
                return start, False
        return (found[0], True) if found else None
    words = None
    if len(starts) > 1 or starts[0] != run:
        words = _segment(text[run:end])
    if text[end - 1] in _FOLLOW_CHARS and any(name_shaped(text[s:end - 1]) for s in starts):
        return None  # 申屠晓在|家中: the name ends before 在 (the cue before it finds it)
    if strong:
        # 授予么文斌同志: a surname outside the list before a given name that is name-shaped alone (文斌): jieba's
        # guess of the whole, when it reaches further back than every start of the list's shape
        words = words if words is not None else _segment(text[run:end])
        guess = _jieba_name(text, words, run, None, end)
        if guess is not None and guess[0] < starts[-1] and not _function_word(_dictionary().get(text[guess[0]], "n")):
            return guess[0], True  # (not 和旷刚: 和 joins two names)
    if strong:
        found = _unlisted_before(text, run, end, starts)
        if found is not None:
            return found, False
    if not strong and words is not None:
        starts = [s for s in starts if not _inside_long_word(text, run, words, s)]
    best, best_score, best_read = None, 1, False
    for s in starts:  # longest first
        bound = s == run or bool(_PRECEDE.search(text, max(run, s - 6), s))
        aligned = words is None or any(a + run == s for a, _b, _t in words)
        named = words is not None and (any(a + run == s and b + run == end and t.startswith(_NAME_TAGS)
                                           for a, b, t in words) or _worded_name(text, words, run, s, end)
                                       or (strong and aligned and _name_like(text[s:end])))
        if words is not None and text[s:s + 2] in COMPOUND_SURNAMES and end - s > 2 and aligned:
            named = True  # jieba cuts compound surnames its own way (公/孙策)
        score = 3 * bound + aligned + 2 * named
        if score > best_score:
            best, best_score, best_read = s, score, named
    return (best, best_read) if best is not None else None


def _worded_name(text: str, words, run: int, start: int, end: int) -> bool:
    """jieba's words of the run beginning at `run` read text[start:end] as a surname standing alone and a given
    name that is also a word (刘|和平, 唐|建军: given_words.txt), the surname no word of grammar (not 向|红军)."""
    if end - start != 3 or text[start + 1:end] not in given_name_words() or text[start] not in SINGLE_SURNAMES:
        return False
    cut = {(a + run, b + run): tag for a, b, tag in words}
    return (start + 1, end) in cut and not cut.get((start, start + 1), "x").startswith(_FUNCTION_TAGS)


def _inside_long_word(text: str, run: int, words, start: int) -> bool:
    """Whether `start` falls inside a word of three characters or more of jieba's dictionary, in the cut of the
    run beginning at `run` (中华人民共和国|军人因公…: 共和国 ends in 和, a word that stands before names, and 国 is
    a surname, yet no name begins there)."""
    return any(a + run < start < b + run and b - a >= 3 and in_dictionary(text[a + run:b + run]) for a, b, _t in words)


def _name_after(text: str, start: int, strong: bool) -> tuple[int, bool] | None:
    """(end, jieba agrees) of the name starting at `start`: of the possible ends, the one before a word that
    follows names (等, 于, 同志, 在家中) or the end of the run, and where jieba's words end, wins; then the
    longer."""
    if not strong and text[start:start + 1] not in _SURNAME_FIRST:
        return None  # every end below would be tried on a word that is not name-shaped (as in _name_before)
    run = _run_end(text, start)
    ends = [e for e in range(min(run, start + 4), start + 1, -1) if name_shaped(text[start:e])]
    if not ends:  # as in _name_before: jieba's cut only when a strong cue may take its guess
        found = _jieba_name(text, _segment(text[start:run]), start, start, None) if strong else None
        if strong:
            end = _unlisted_after(text, start, run)
            if end is not None and (found is None or end > found[1]):
                return end, False
        return (found[1], True) if found else None
    if any(_MARTYR.match(text, e) or (strong and is_place_name(text[start:e], text[e:e + 6])) for e in ends):
        # 追授王涛华烈士称号: a martyr's name, read whole; 王伟大道: a word the shorter reading shows to be a place
        # (jieba cuts 王/伟大/道)
        return None
    words = None
    if len(ends) > 1 or ends[0] != run:
        words = _segment(text[start:run])
    if strong:  # 联系人：么文斌 read 么文 + …: jieba's guess of a longer name, as in _name_before
        words = words if words is not None else _segment(text[start:run])
        guess = _jieba_name(text, words, start, start, None)
        if guess is not None and guess[1] > ends[0] and not _function_word(_dictionary().get(text[guess[1] - 1], "n")):
            return guess[1], True
    if not strong and words is not None and words[0][1] == 1 and _function_word(words[0][2]) and \
            not words[0][2].startswith(("m", "q")) and text[start:start + 2] not in COMPOUND_SURNAMES:
        return None  # 向/户籍, 和/平: the first character is a word of its own, not a surname (许 and 万, tagged
        # as numerals, are surnames first: the name is still read as a whole below)
    best, best_score, best_read = None, 1, False
    for e in ends:  # longest first
        bound = e == run or bool(_FOLLOW_NAME.match(text, e))
        aligned = words is None or any(b + start == e for _a, b, _t in words)
        named = words is not None and (any(a == 0 and b + start == e and t.startswith(_NAME_TAGS)
                                           for a, b, t in words) or _worded_name(text, words, start, start, e)
                                       or (strong and aligned and _name_like(text[start:e])))
        if words is not None and text[start:start + 2] in COMPOUND_SURNAMES and e - start > 2 and aligned \
                and text[e - 1] not in _FOLLOW_CHARS:
            named = True  # jieba cuts compound surnames its own way (欧阳/刚), as in _name_before; not 申屠晓|在
        # 夏侯娟|等, 任鸿|在家中: a name does not end with the word that follows names when a shorter one fits
        tail = 2 * (e - 1 > start + 1 and text[e - 1] in _FOLLOW_CHARS and (e - 1) in ends)
        score = 3 * bound + aligned + 2 * named - tail
        if score > best_score:
            best, best_score, best_read = e, score, named
    return (best, best_read) if best is not None else None


def _unlisted_shape(text: str, start: int, run_start: int) -> bool:
    """text[start:start + 3] as a surname outside the list (么, 郇, 禚 …) and a given name of two characters of
    given names: the surname no word of grammar (和, 与, 向 …), the whole no word of jieba's dictionary, and its
    start where a word begins (the run's start, or where jieba cuts)."""
    name = text[start:start + 3]
    if len(name) < 3 or not _is_han_run(name):
        return False
    given = name[1:]
    if not (all(ch in given_name_chars() for ch in given) or _dictionary().get(given, "").startswith(_NAME_TAGS)):
        return False  # 文斌, 丽萍 (characters of given names), 永刚, 桂芝 (given names jieba knows)
    if _dictionary().get(name[0], "n").startswith(_GRAMMAR_TAGS) or in_dictionary(name) or in_dictionary(name[:2]):
        return False
    if start == run_start:
        return True
    # where jieba's words begin (授予|么|文斌), not inside a word (经办|人龙, 同意|李明: a single character that may
    # stand before names, 经 or 同, is the end of a word there)
    return any(a + run_start == start for a, _b, _t in _segment(text[run_start:start + 3]))


def _unlisted_before(text: str, run: int, end: int, starts: list[int]) -> int | None:
    """Under a strong cue, the start of a name with a surname outside the list ending at `end` (授予么文斌同志),
    when no start of the list's shape reaches as far back."""
    start = end - 3
    if start < run or (starts and starts[0] <= start) or not _unlisted_shape(text, start, run):
        return None
    return start


def _unlisted_after(text: str, start: int, run_end: int) -> int | None:
    """Under a strong cue, the end of such a name starting at `start` (户主：郇宏伟), bounded after it."""
    end = start + 3
    if end > run_end or not (end == run_end or _FOLLOW_NAME.match(text, end)):
        return None
    return end if _unlisted_shape(text, start, start) else None


class _Finder:
    """The names of one text, by cue; each name once (the first cue that found it)."""

    def __init__(self, text: str, public: frozenset[str]):
        self.text = text
        self.public = public
        self.spans: dict[tuple[int, int], NameSpan] = {}

    def acceptable(self, start: int, end: int, strong: bool, read: bool) -> bool:
        """Whether text[start:end], found by a cue, is a name to report. A weak cue needs jieba's agreement
        (`read`) and refuses words jieba has seen often even as names (陈述, 高峰)."""
        text = self.text
        name = text[start:end]
        if name in self.public or name in WORDS_FOR_PEOPLE or not_a_person(name, text[end:end + 6]):
            return False
        if start > 0 and text[start - 1] in "*＊×":
            return False
        if name[0] in _DATE_UNITS and (not strong or text[:start].rstrip(" \u3000").endswith(_DIGIT_CHARS)):
            return False  # 2024年新入伍 (a text cut at the space after 2024, too): a date's unit, not the surname 年
        if _ADDRESS_FORM.match(text, start + len(surname_of(name))):
            return False  # 王主任, 李科长: a surname and a form of address, the way offices name a contact
        if not strong and len(name) == 3 and name[:2] not in COMPOUND_SURNAMES and in_dictionary(name[:2]) and (
                frequency(name) >= _COMMON_WORD or (name[2] == "人" and is_ordinary_word(name[:2]))):
            # 全家福, 常青树 (words jieba has seen often and tags as names; the names its dictionary holds, 徐国栋,
            # 王建国, it has seen a few times), 全镇人: a word begins them, not a surname; with no stronger cue than
            # their shape they are the words (a photo's file name, a cell)
            return False
        if len(name) == 3 and _dictionary().get(name[0], "n").startswith("d") and end != _run_end(text, start) \
                and (name[1:] in _SERVICE_EVENTS or (_dictionary().get(name[1:], "n").startswith("v")
                                                     and not _dictionary()[name[1:]].startswith("vn"))):
            return False  # 慰问曾参战老兵, 曾立功家庭: 曾 is "once" before a verb (a name so made is found alone)
        if not strong and len(name) == 3 and name[2] == "人" and name[1] in PLACE_CHARS:
            return False  # 全寨人, 全屯人: the people of a whole place, as 全村人 is
        if strong and len(name) >= 3 and _dictionary().get(name, "").startswith(_PLACE_TAGS):
            return True  # 高建国同志, 联系人：高建国: jieba's dictionary holds some names as places (ns) or terms (nz)
        return not is_ordinary_word(name, strict=not strong) and (strong or read or _reads_as_name(name))

    def accept(self, start: int, end: int, cue: str, strong: bool, read: bool) -> bool:
        if (start, end) in self.spans:
            return True
        if not self.acceptable(start, end, strong, read):
            return False
        self.spans[(start, end)] = NameSpan(start, end, cue)
        return True

    def before(self, end: int, cue: str, strong: bool) -> bool:
        found = _name_before(self.text, end, strong)
        return found is not None and self.accept(found[0], end, cue, strong, found[1])

    def after(self, start: int, cue: str, strong: bool) -> bool:
        found = _name_after(self.text, start, strong)
        return found is not None and self.accept(start, found[0], cue, strong, found[1])

    def exact(self, start: int, end: int, cue: str, strong: bool) -> bool:
        """Text bounded on both sides by the wording (（王建华）, a unit that is a name and nothing else)."""
        name = self.text[start:end]
        if not name_shaped(name) and not (strong and (_jieba_single_name(name) or (
                end - start == 3 and _unlisted_shape(self.text, start, start)))):
            return False
        return self.accept(start, end, cue, strong, False)

    def result(self) -> list[NameSpan]:
        """The spans found, without those inside a longer one (柴磊 of 柴磊军 read two ways)."""
        spans = sorted(self.spans.values(), key=lambda s: (s.start - s.end, s.start))
        kept: list[NameSpan] = []
        for span in spans:
            if all(span.end <= k.start or span.start >= k.end for k in kept):
                kept.append(span)
        return sorted(kept)


def name_spans(text: str, public: frozenset[str] = frozenset()) -> list[NameSpan]:
    """Every unmasked person's name in one unit of running text (a line, a cell, an attribute's value).

    Speed: one pass of one regular expression finds every cue's first words (_CUES); each is then checked in
    full where it stands. tests/unit/test_guard_names.py compares this with a pass of each cue's own pattern.
    A long unit is read sentence by sentence, each sentence's names remembered (_by_sentence)."""
    cuts = _sentence_cuts(text) if len(text) > _WHOLE_LENGTH and "。" in text else None
    if not cuts:
        return _name_spans(text, public)
    return _by_sentence(text, public, cuts)


# Speed: a site's paragraphs are made of sentences it prints again and again (a law's articles quoted in policies,
# interpretations and notices; the same sentence in a page, its feed item and its search record), while the
# paragraphs themselves differ, so the names of each sentence ending in 。 are found once per process and placed
# back by its start. Exact: no cue, name or pattern of this module holds 。 or reads across one, so what is found
# in a sentence depends on its own characters up to and including its 。 (a character before it is read as no
# character: 。 is not Chinese, a digit, a letter or a mark the patterns look back for) — except a note in
# brackets of a list item, which may hold 。 (王建华（已故。）、李明): a 。 inside an open bracket is no cut.
# What depends on the whole unit is passed on: the person a unit begins with (its first sentence only), a unit
# that is a name alone (_WHOLE_LENGTH characters or fewer: never cut) or a line of names set apart by spaces
# (no unit with 。 inside is one), and whether the unit has a cue at all (the greeting and dotted names are read
# only then). tests/unit/test_guard_fast_paths.py compares this with the unit read whole on generated
# paragraphs.
_WHOLE_LENGTH = 12  # characters: a unit this long or shorter may be a name alone (_whole)
_SENTENCES: dict[tuple, tuple[tuple[int, int, str], ...]] = {}
_SENTENCES_KEPT = 100_000  # sentences (some 35 MB at most): the index child holds them beside its own work
_OPENING = ("（", "(")
_CLOSING = ("）", ")")


def _sentence_cuts(text: str) -> list[int]:
    """Where `text` may be cut into sentences: after each 。 that is not its last character and is not inside an
    open bracket (the last bracket before it is a closing one, or there is none)."""
    cuts = []
    at = text.find("。")
    while 0 <= at < len(text) - 1:
        opened = max(text.rfind(_OPENING[0], 0, at), text.rfind(_OPENING[1], 0, at))
        if opened < 0 or opened < max(text.rfind(_CLOSING[0], 0, at), text.rfind(_CLOSING[1], 0, at)):
            cuts.append(at + 1)
        at = text.find("。", at + 1)
    return cuts


def _by_sentence(text: str, public: frozenset[str], cuts: list[int]) -> list[NameSpan]:
    """name_spans of a unit cut at `cuts` (_sentence_cuts): each sentence's names, found once, placed back."""
    cued = _CUES.search(text) is not None
    found: list[NameSpan] = []
    start = 0
    for end in cuts + [len(text)]:
        sentence = text[start:end]
        key = (sentence, public, start == 0, cued)
        spans = _SENTENCES.get(key)
        if spans is None:
            if len(_SENTENCES) >= _SENTENCES_KEPT:
                _SENTENCES.clear()
            spans = _SENTENCES[key] = tuple(
                (s.start, s.end, s.cue) for s in _name_spans(sentence, public, start == 0, False, cued))
        found += [NameSpan(a + start, b + start, cue) for a, b, cue in spans]
        start = end
    return found


def _name_spans(text: str, public: frozenset[str], at_start: bool = True, whole: bool = True,
                cued: bool | None = None) -> list[NameSpan]:
    """name_spans of a unit, or of a sentence of one (_by_sentence): `at_start`, the sentence begins the unit;
    `whole`, the text is the whole unit; `cued`, whether the unit has a cue (None: the text is the unit)."""
    first = _CUES.search(text)
    if cued is None:
        cued = first is not None
    subject = _SUBJECT.match(text) if at_start and text[:1] in _SUBJECT_FIRST else None
    headline = _HEADLINE.match(text) if at_start and text[:1] in _SURNAME_FIRST else None
    acting = _clause_subjects(text)
    read = _read_names(text) + _compound_names(text)
    if not cued and subject is None and headline is None and not acting and not read \
            and _LATER_CUE.search(text) is None:
        # most units: no cue; a lone name
        found = _whole(text, public) if whole and len(text) <= _WHOLE_LENGTH else []
        if whole and not found and (" " in text or "\u3000" in text):
            found = _spaced_names(text, public) or _name_then_unit(text, _Finder(text, public))
        return found
    finder = _Finder(text, public)
    if subject is not None and _subject_is_named(subject.group(1)):
        # 王建华在慰问现场 (an image's alt text, a caption): the unit begins with the person
        finder.exact(subject.start(1), subject.end(1), "其后", False)
    elif subject is not None and _captioned_name(subject.group(1)) and (
            subject.start(1) > 0 or (not _grammar_first(subject.group(1)) and _SCENE.match(text, subject.end(1)))):
        # 图为谭国庆与家属合影: after 图为 a full name of given-name characters is the person shown, though its
        # given name is also a word (国庆, 金花) and jieba reads it so; at the unit's start, when what follows is
        # where the person is or with whom (雷金花在慰问现场, 范国庆与家属合影)
        finder.exact(subject.start(1), subject.end(1), "其后", True)
    for start, end in acting:  # 王建华积极参加志愿服务, 李秀英从事个体经营: the person a clause begins with
        finder.exact(start, end, "其后", True)
    if headline is not None and _named_alone(headline.group(1)):
        # 李建国：退役不褪色 (a feature's headline: the person, a colon, what is said of them)
        finder.exact(headline.start(1), headline.end(1), "其后", True)
    list_done = phone_done = 0
    for match in _CUES.finditer(text, first.start()) if first is not None else ():
        kind, at, end = match.lastgroup, match.start(), match.end()
        if kind == "title":
            name_end = _SPACES_BEFORE.search(text, max(0, at - 4), at).start() if at else at
            counted = _COUNT_BEFORE_TITLE.search(text, max(0, name_end - 6), name_end)
            if counted is not None:  # 李明和王建华两位同志: the count of the people named before it
                name_end = counted.start()
            if name_end > 0 and _is_han(text[name_end - 1]):
                if finder.before(name_end, "称谓", True):
                    _pair_before(finder, name_end)
        elif kind == "label":
            sep = _LABEL_SEP.match(text, end)
            if sep.end() < len(text) and _is_han(text[sep.end()]):
                strong = bool(sep.group()) and sep.group() not in ("为", "是")
                if not finder.after(sep.end(), "标签", strong) and not strong:
                    _captioned_after(finder, sep.end())  # 户主莫振华，孙集村人: 振华 is a word too
                if strong and sep.group().strip():
                    _listed_after(finder, sep.end())
        elif kind == "clabel":
            finder.after(end, "标签", True)
            _listed_after(finder, end)
        elif kind == "sex":
            sex = _SEX.search(text, max(0, at - 8), end + 8)
            while sex is not None and sex.end() <= at:
                sex = _SEX.search(text, sex.end(), end + 8)
            if sex is not None and sex.start() <= at:
                finder.before(sex.start(), "性别", True)
        elif kind == "count":
            if at > 0 and _is_han(text[at - 1]) and _COUNT_AFTER.match(text, at):
                finder.before(at, "人数", True)
        elif kind == "phone":
            phone = _PHONE.match(text, at)
            if at >= phone_done and phone is not None:
                _beside_phone(finder, phone)
                phone_done = phone.end()
        elif kind == "list":
            if at >= list_done:
                listed = _LIST.match(text, max(list_done, _item_start(text, at)))
                if listed is not None and listed.end() > at:
                    _list(finder, listed)
                    list_done = listed.end()
        elif kind == "people":
            # 退役军人王建华, 退役军人 王建华 (a space sets the name apart, as a list lays it out)
            start = _SPACES.match(text, end).end()
            if start < len(text) and _is_han(text[start]) and not (
                    text[start] in _JOINING and match.group() in RELATIVE_WORDS):
                # set apart by a space and standing alone up to the next mark, it is laid out as a name
                alone = start > end and _ALONE.match(text, start) is not None
                if finder.after(start, "人员", alone):
                    pass
                elif match.group() in OFFICE_WORDS or match.group() in RELATIVE_WORDS:
                    # 局长冯保国看望…, 烈士遗孀郑淑珍现居…: a given name that is also a word (保国, 海燕) after an
                    # office or a relative is the person's
                    _captioned_after(finder, start)
                elif not _word_name_after(finder, start) and _VISITED.search(text, max(0, at - 8), at):
                    # 军属曾长江, 烈属张建设家庭: a given name that is a word, bounded; and after a visit verb
                    # (走访了退役军人程平，), the person visited, though the name has two characters
                    _visited_short_name(finder, start)
            # 王建华（退役士兵）, 王建华（示例镇退役军人）, 王建华，退役军人，: the person's role, in brackets or between
            # commas, and nothing else (和平街道（退役军人服务站）names a place)
            role = _ROLE_BEFORE.search(text, max(0, at - 12), at)
            if role is not None and role.start() > 0 and _is_han(text[role.start() - 1]) \
                    and _ROLE_AFTER.match(text, end):
                finder.before(role.start(), "人员", False)
        elif kind == "before":
            if match.group() in _BARE_VISITS and text[end:end + 1] in _VISITS_GIVE:
                continue  # 慰问金发放, 慰问品: what the visit gave, not whom
            if end < len(text) and _is_han(text[end]) and not finder.after(end, "其前", False):
                if match.group().rstrip("了") in _BARE_VISITS:
                    _word_name_after(finder, end)  # 走访张建设, 慰问曾长江: whom the visit was to
                elif match.group().startswith("拟"):
                    # 拟认定魏鹏为烈士: a proposed decision names the person between the verb and 为, two characters
                    bounded = _PROPOSED.match(text, end)
                    if bounded is not None and not is_ordinary_word(bounded.group(1)) \
                            and not is_place_name(bounded.group(1)):
                        finder.exact(end, bounded.end(1), "其前", True)
        elif kind == "about":
            # 关于王建华申请…的答复: a title about a person's case, the name followed by what the case is
            found = _name_after(text, end, False) if end < len(text) and _is_han(text[end]) else None
            if found is not None and _CASE_AFTER.match(text, found[0]):
                finder.accept(end, found[0], "其前", False, found[1])
            elif end < len(text) and _is_han(text[end]):
                # 关于田建国信访事项的答复: jieba joins the name's end to the case (国信); bounded by the case's word
                bounded = next((e for e in range(min(len(text), end + 4), end + 1, -1)
                                if _CASE_AFTER.match(text, e) and name_shaped(text[end:e])), None)
                if bounded is not None:
                    finder.exact(end, bounded, "其前", False)
        elif kind == "ask":
            if end < len(text) and _is_han(text[end]):
                tail = _ASK_AFTER.match(text, end) if match.group() != "请联系" else None
                if tail is not None:
                    finder.exact(end, tail.end(1), "其前", False)
                elif match.group() == "请联系":
                    finder.after(end, "其前", False)
        elif kind == "follow" and at > 0 and _is_han(text[at - 1]):
            if match.group() == "家庭" and text[at - 1] in _BEFORE_HOUSEHOLD:
                continue  # 有利於家庭, 对家庭: a word of grammar before 家庭 ends no name
            if not finder.before(at, "其后", False) and not _captioned_before(finder, at) \
                    and match.group() in _HOUSEHOLD:
                _word_name_before(finder, at)  # 张建设家庭帮扶情况, 慰问曾长江家中: a household named by its head
            if match.group() in _CHILD_OF and end < len(text) and _is_han(text[end]) \
                    and not finder.after(end, "人员", False):
                _captioned_after(finder, end)  # 烈士之子吕卫东, 烈士邵金山之母梁保国: the relative named after it
    if "好" in text or "你" in text or "您" in text:
        # 王建华：您好, 王建华：你于3月5日提出的信访事项收悉 (a letter or a reply addressed to the person: the name
        # alone before a colon and the word for "you"); searched apart, commas are many
        for greet in _GREET.finditer(text):
            at = greet.start()
            if at > 0 and _is_han(text[at - 1]) and _run_start(text, at) >= at - 4:
                finder.before(at, "称谓", True)
    if "生" in text and ("19" in text or "20" in text):  # 王建华，1940年出生 (a birth, as a 公示 or a story gives it)
        for born in _BORN.finditer(text):
            finder.before(born.start(), "性别", True)
    if "老" in text:  # 王建华老兵, 王建华老战士: an old soldier's title after the name, as 同志 is
        for title in _OLD_TITLE.finditer(text):
            name_end = title.start()
            counted = _COUNT_BEFORE_TITLE.search(text, max(0, name_end - 6), name_end)
            if counted is not None:  # 王建华、李明两位老兵: the count of the people named before it
                name_end = counted.start()
            if name_end > 0 and _is_han(text[name_end - 1]) and finder.before(name_end, "称谓", True):
                _pair_before(finder, name_end)
    if "人" in text:  # 王建华，示例镇张庄村人: where the person comes from, as a feature or a 公示 says it
        for hometown in _HOMETOWN.finditer(text):
            finder.before(hometown.start(), "性别", True)
    if "岁" in text:
        for age in _AGE.finditer(text):
            finder.before(age.start(), "性别", True)
    if "年" in text:
        for year in _YEAR_EVENT.finditer(text):
            finder.before(year.start(), "其后", False)
    if "为" in text or "向" in text or "给" in text:
        for given in _GIVEN_TO.finditer(text):
            finder.exact(given.start(1), given.end(1), "其前", False)
    if "”" in text or "」" in text:  # “……”王建华激动地说: the speaker after a quotation
        for said in _SPEAKER.finditer(text):
            _speaker(finder, said.start(1), said.group(1))
    if whole and len(text) <= _WHOLE_LENGTH:
        _whole(text, public, finder)
    if whole and (" " in text or "\u3000" in text):
        _spaced_names(text, public, finder)
        _name_then_unit(text, finder)
    if _DOT_CHARS.intersection(text):
        _dotted(finder)
    for start, end in read:  # 提起汪文军，…, 像潘海燕这样的…: a full name jieba reads as one, with no cue; last, and
        # only where no cue found a name: a cue's reading wins (周燕男… of 周　燕　男　1987年 is 周燕 and a sex)
        if all(end <= a or start >= b for a, b in finder.spans):
            finder.exact(start, end, "其后", True)
    if finder.spans and ("、" in text or not _PAIR_JOINS.isdisjoint(text)):
        _list_siblings(finder)
    return finder.result()


def _list_siblings(finder: _Finder) -> None:
    """A list joined by 、 holds one kind of thing: where one of its items is a name found by any cue, the items
    beside it that have a name's shape and that jieba does not read as a word are names too (表彰了袁秀兰、任洋、
    朱玉珍, 给陈秀英、沈强发放补助: 任洋 and 沈强 have no cue of their own); so does a pair joined by 和, 与 or 及
    where jieba reads the other side as a name or it is made of given names' characters. Each item found this way
    passes its neighbour on."""
    text = finder.text
    todo = sorted(finder.spans)
    while todo:
        start, end = todo.pop()
        beside = []
        if end < len(text) and text[end] == "、":
            between = text.find("、", end + 1)
            if 2 <= between - end - 1 <= 4 and _listed_name(text[end + 1:between]):
                beside.append((end + 1, between, True))  # …、独孤清嘉、…: the whole item between the marks
            else:
                found = _name_after(text, end + 1, True)
                if found is not None:
                    beside.append((end + 1, found[0], found[1]))
        if start > 0 and text[start - 1] == "、":
            between = text.rfind("、", 0, start - 1)
            if between >= 0 and 2 <= start - 2 - between <= 4 and _listed_name(text[between + 1:start - 1]):
                beside.append((between + 1, start - 1, True))
            else:
                found = _name_before(text, start - 1, True)
                if found is not None:
                    beside.append((found[0], start - 1, found[1]))
        # 康小燕和潘静, 姜磊与唐军: a pair joined by a word jieba reads as a conjunction of its own (not 与会, 和平)
        words = _words_around(text, end) if end < len(text) and text[end] in _PAIR_JOINS else ()
        if _joins_alone(words, end):
            # jieba's own name right after the join first (与|彭强|共同: not 彭强共, though 同 may follow names)
            read = next((b for a, b, tag in words
                         if a == end + 1 and 2 <= b - a <= 3 and tag.startswith(_NAME_TAGS)), None)
            found = (read, True) if read is not None else _name_after(text, end + 1, True)
            if found is not None and (found[1] or _name_like(text[end + 1:found[0]])):
                beside.append((end + 1, found[0], True))
        if start > 1 and text[start - 1] in _PAIR_JOINS and _joins_alone(_words_around(text, start - 1), start - 1):
            found = _name_before(text, start - 1, True)
            if found is not None and (found[1] or _name_like(text[found[0]:start - 1])):
                beside.append((found[0], start - 1, True))
        for a, b, read in beside:
            if (a, b) in finder.spans or in_dictionary(text[a:b]) or not (read or name_shaped(text[a:b])):
                continue  # (高龄, 伤残: a kind of people listed beside a name is a word; 请|魏桂: no surname
                # outside the list is guessed here)
            # an item the list's marks bound on both sides (…、尹娜、…) is a name as it stands; one that runs on
            # into the sentence (、沈强发放补助) only where jieba reads where it ends
            alone = _alone_in_list(text, a, b)
            if finder.accept(a, b, "名单", alone, read or alone):
                todo.append((a, b))


_PAIR_JOINS = frozenset("和与及")


def _joins_alone(words, at: int) -> bool:
    """jieba's words (_words_around) read the character at `at` as a word of its own, a conjunction or a
    preposition (王建华|和|李明; not 和平, 与会)."""
    return any(a == at and b == at + 1 and tag.startswith(("c", "p")) for a, b, tag in words)


def _listed_name(item: str) -> bool:
    """An item between two marks of a list that may be a name as it stands: a name's shape, or one word jieba
    guesses is a name (独孤清嘉 is neither: its surname is not in the list, and 清嘉 is found instead)."""
    return _is_han_run(item) and (name_shaped(item) or _jieba_single_name(item))


def _alone_in_list(text: str, start: int, end: int) -> bool:
    """text[start:end] stands between the list's marks: 、 or the unit's edge or a mark that is not Chinese on
    each side, or the words that end a list after it (等3名同志)."""
    before = start == 0 or text[start - 1] == "、" or not _is_han(text[start - 1])
    after = end == len(text) or text[end] == "、" or not _is_han(text[end]) or bool(_LIST_AFTER.match(text, end))
    return before and after


# 请与王建华联系, 由王建华负责: the name bounded by the words on both sides (a unit would be an ordinary word)
_ASK_AFTER = re.compile(rf"([{_HAN}]{{2,4}}?)(?:联系|联络|咨询|沟通|对接|负责|牵头|承办|经办|办理|签收|审核|核实)")
_SPACES_BEFORE = re.compile(rf"{_SPACE}*\Z")
_GREET = re.compile(rf"[:：，,]{_SPACE}*(?:您好|你好)|[:：]{_SPACE}*[你您](?!们)")
# Items of a list after a label and a colon, set apart by spaces or commas (获奖者：王建华　李明　张伟)
_LISTED = re.compile(r"[^。；;\n]*")
_LISTED_ITEM = re.compile(r"[^\s\u3000，,、]+")


def _listed_after(finder: _Finder, start: int) -> None:
    """The names after a label and a colon when what follows, up to the sentence's end, is a list of them set apart
    by spaces or commas (each two or three characters, four with a compound surname)."""
    text = finder.text
    rest = _LISTED.match(text, start)
    items = [(m.start(), m.end()) for m in _LISTED_ITEM.finditer(rest.group())]
    if len(items) < 2 or not all(_bare_name(rest.group()[a:b]) for a, b in items):
        return
    for a, b in items:
        finder.exact(start + a, start + b, "名单", True)


def _pair_before(finder: _Finder, end: int) -> None:
    """王建华和李明同志: the name before 和 (与, 及) and the name the form of address follows."""
    span = next((s for s in finder.spans.values() if s.end == end), None)
    if span is None or span.start < 2 or finder.text[span.start - 1] not in "和与及" \
            or not _is_han(finder.text[span.start - 2]):
        return
    finder.before(span.start - 1, "称谓", True)


# A unit that begins with a person doing something (an alt text or a caption: 王建华在慰问现场, 图为王建华与家属
# 合影): the name, then where or with whom, and the sentence going on (李明在 alone is no sentence). Weak: jieba must
# read a name (国务院在…, 县政府于… are no one).
_SUBJECT = re.compile(rf"(?:图为|图中|左起|右起)?[：:]?{_SPACE}*([{_HAN}]{{2,4}}?)(?:在|于|与|和|向|正在|同)(?=[{_HAN}0-9０-９])")
_SUBJECT_FIRST = _SURNAME_FIRST | frozenset("图左右")
# A feature's headline that begins with the person and a colon (李建国：退役不褪色, 王秀英：“老兵的事就是我的事”);
# only a full name of given-name characters that jieba reads as a name alone (not 张家港：, 周年：).
_HEADLINE = re.compile(rf"([{_HAN}]{{3,4}}){_SPACE}*[：:]{_SPACE}*(?=[{_HAN}“\"「])")
# Where a person shown is, or with whom, after the name at a caption's start (在慰问现场, 与家属合影, 和志愿者一起)
_SCENE = re.compile(r"(?:在|正在)[^，。；]{0,12}(?:现场|家中|家里|活动|会上|一线|岗位|社区|村|医院|病房|纪念|仪式)|"
                    r"(?:与|和|同)[^，。；]{0,12}(?:合影|交谈|握手|一起|座谈|合照)")

_CHILD_OF = frozenset(("之子", "之女", "之妻", "之夫", "之母", "之父"))


def _captioned_after(finder: _Finder, start: int) -> None:
    """A full name of given-name characters starting at `start` (_captioned_name), bounded after it by a word that
    follows names or the run's end: after an office or a relative, the person, though jieba reads a word."""
    text = finder.text
    for length in (4, 3):
        name = text[start:start + length]
        if len(name) == length and _is_han_run(name) and _captioned_name(name) and not _grammar_first(name) and (
                start + length == _run_end(text, start) or _FOLLOW_NAME.match(text, start + length)
                or _ACTS.match(text, start + length)):
            finder.exact(start, start + length, "人员", True)
            return


def _captioned_before(finder: _Finder, end: int) -> bool:
    """A full name of given-name characters ending at `end` (_captioned_name), bounded before it by a word that
    stands before names or by the run's start: 来到雷金花家中, 烈士邵金山之母."""
    text = finder.text
    for length in (4, 3):
        start = end - length
        if start >= 0 and _is_han_run(text[start:end]) and _captioned_name(text[start:end]) \
                and not _grammar_first(text[start:end]) and (
                start == _run_start(text, end) or _PRECEDE.search(text, max(0, start - 6), start)):
            run = _run_start(text, end)
            if start > run and _inside_long_word(text, run, _segment(text[run:end]), start):
                return False
            return finder.exact(start, end, "其后", True)
    return False


# How often jieba's counts saw a word of three characters for it to be a word, not a name (全家福 273, 常青树 21
# against 王建国 12, 徐国栋 3)
_COMMON_WORD = 20
# What a veteran once did, as 曾 ("once") puts it before a word for people (曾参战老兵, 曾立功人员): jieba tags
# some of these as nouns or names (服役 n, 立功 nr), so they are listed
_SERVICE_EVENTS = frozenset(("参战", "立功", "服役", "参军", "入伍", "负伤", "受伤", "牺牲", "获奖", "荣立", "当兵",
                             "从军", "支前", "参加", "担任", "任职", "获得", "受过", "打过", "上过"))
# A visit verb, with or without 了, up to three characters before a word for people (走访了退役军人程平,
# 慰问了困难军属…): the person visited comes next
_VISITED = re.compile(rf"(?:慰问|看望|走访|探望)了?[{_HAN}]{{0,3}}\Z")
# Forms of address and what follows a household's head (张建设家庭, 曾长江同志): the end of a name
_WORD_NAME_END = ("家庭", "家中", "家属", "家人", "同志", "老人", "夫妇", "一家", "老兵", "老战士", "老党员", "等",
                  "并", "的")
# What follows a household's head or a relative's kin (张建设家庭, 刘得胜家属): where _word_name_before looks
_HOUSEHOLD = ("家庭", "家中", "家属", "家人", "一家")


def _word_name_shape(text: str, start: int, alone: bool = False) -> bool:
    """text[start:start + 3] as a single surname standing alone in jieba's cut and a given name that is an everyday
    word of two characters (张|建设, 刘|得胜, 曾|长江: names of the veterans' generation that given_words.txt
    leaves out, as they stand alone in documents as often). Not when the surname and the next character make a
    word other than a name (全家|人, 许多, 曾经, 高龄; 王平|安 is 王平安), nor when the whole is one; a surname
    jieba reads as an adverb before a verb only when nothing follows (`alone`: 走访曾得胜。; 曾|长江 and 曾|富强
    anywhere, but not 慰问曾参战老兵 "who once fought", nor 曾参战的); one it reads as a preposition or a
    pronoun only before a name or a place it has seen seldom, as given names are (于|秀英, 何|桂兰; not 向|群众,
    向|英雄, 向|红军: 何|长江 is left), one it reads as a conjunction never (慰问和|温暖)."""
    name = text[start:start + 3]
    if len(name) < 3 or not _is_han_run(name) or name[0] not in SINGLE_SURNAMES or name[0] in _DATE_UNITS \
            or is_ordinary_word(name[:2]) or in_dictionary(name) or not in_dictionary(name[1:]):
        return False
    if name[2] in _FOLLOW_CHARS and not alone:
        return False  # 银健|在家中 (健在 is a word): the name ends before a word that follows names
    words = _segment(text[start:_run_end(text, start)])
    if len(words) < 2 or words[0][1] != 1 or words[1][:2] != (1, 3):
        return False
    first, given = words[0][2], words[1][2]
    if first.startswith(("c", "u")):
        return False
    if first.startswith(("p", "r")):  # 于, 向, 从, 何: before what jieba reads as a given name only
        return given.startswith(("nr", "ns")) and frequency(name[1:]) < COMMON_NAME_WORD
    if first.startswith(_FUNCTION_TAGS) and not first.startswith(("m", "q")):  # 曾 (d): a verb only at the end
        return given.startswith("vn") or not given.startswith("v") or alone
    return True


def _word_name_after(finder: _Finder, start: int) -> bool:
    """_word_name_shape at `start`, bounded after by the run's end or what follows a name (家庭, 同志 …)."""
    text = finder.text
    end = start + 3
    alone = end == _run_end(text, start)
    if not (alone or text.startswith(_WORD_NAME_END, end)) or not _word_name_shape(text, start, alone):
        return False
    return finder.exact(start, end, "其前", True)


def _word_name_before(finder: _Finder, end: int) -> bool:
    """_word_name_shape ending at `end` (before 家庭 or 家中), bounded before by the run's start or a word that
    stands before names (烈属, 向, 走访 …)."""
    text = finder.text
    start = end - 3
    if start < 0 or not (start == _run_start(text, end) or _PRECEDE.search(text, max(0, start - 6), start)):
        return False
    run = _run_start(text, end)
    if start > run and _inside_long_word(text, run, _segment(text[run:end]), start):
        return False
    if not _word_name_shape(text[:end], start):
        return False
    return finder.exact(start, end, "其后", True)


def _visited_short_name(finder: _Finder, start: int) -> bool:
    """A name of two characters after a visit verb and a word for people, alone up to a mark or the text's end
    (走访了退役军人程平，): no word of the dictionary (高明, 黄平 stay unfound), no place."""
    text = finder.text
    end = start + 2
    name = text[start:end]
    if _run_end(text, start) != end or not name_shaped(name) or in_dictionary(name) or is_place_name(name):
        return False
    return finder.exact(start, end, "人员", True)


def _speaker(finder: _Finder, start: int, run: str) -> None:
    """The name at the start of `run` (the words between a quotation and 说): what follows it is nothing, or a
    word of the dictionary, or one with 地 or 着 after it (激动地, 笑着)."""
    for size in (3, 4, 2):
        name, rest = run[:size], run[size:]
        if len(name) < size or not name_shaped(name):
            continue
        if rest and not (in_dictionary(rest) or (rest[-1] in "地着" and len(rest) > 1 and in_dictionary(rest[:-1]))):
            continue
        if finder.exact(start, start + size, "其后", False) or (_captioned_name(name) and not _grammar_first(name)
                                                                and finder.exact(start, start + size, "其后", True)):
            return


def _grammar_first(name: str) -> bool:
    """和军人, 与金山: a first character that is a word of grammar (和 and 于 are surnames too) makes no name where
    only the shape of the given name says it is one. Not adverbs: 曾 and 都 are surnames first there."""
    return _dictionary().get(name[0], "n").startswith(("p", "c", "u", "r")) and name[:2] not in COMPOUND_SURNAMES


_PROPOSED = re.compile(rf"([{_HAN}]{{2,4}}?)(?:{_SPACE}*同志)?为(?=[{_HAN}“\"])")


# Cues looked for after the pass over _CUES: a letter's greeting, a birth, a quotation's speaker, and names laid
# out with spaces; a unit without any of them and without a cue of _CUES holds at most a lone name.
_LATER_CUE = re.compile(r"好|你|您|\d[年.][0-9月日]{0,6}(?:出生|生)|”|」|\d周?岁|老兵|老战士|老党员|老军人|老英雄|[村镇乡县屯庄寨]人|街道人"
                        r"|\d年(?:\d{1,2}月)?(?:应征)?(?:入伍|参军|退役|退伍|转业|复员|参加|荣立|加入)"
                        r"|送去|送上|送来|颁发|佩戴|赠送|献上|戴上|挂上")
# 王建华1978年入伍, 李秀英2003年退役: a year of the person's service right after the name
_YEAR_EVENT = re.compile(rf"(?<=[{_HAN}])(?:19|20)\d{{2}}年(?:\d{{1,2}}月)?(?:应征)?(?:入伍|参军|退役|退伍|转业|复员|参加|荣立|加入)")
# 为王建华送去慰问金, 向李秀英颁发光荣牌: the one the bureau gave to, bounded by 为/向/给 and the giving
_GIVEN_TO = re.compile(rf"(?:为|向|给)([{_HAN}]{{2,4}}?)(?:送去|送上|送来|颁发|佩戴|赠送|献上|戴上|挂上)")
# 王建华，1940年出生; 王建华（1935年3月生）: the person's birth after the name
_BORN = re.compile(rf"(?<=[{_HAN}]){_SPACE}*[，,、（(]{_SPACE}*(?:19|20)\d{{2}}(?:年|\.)(?:\d{{1,2}}月?)?(?:\d{{1,2}}日)?"
                   r"(?:出生|生人|生)")
# The titles news gives an old soldier after the name (王建华老兵, 王建华老战士); the same words before a name are
# words for people (PEOPLE_WORDS: 老兵王建华), and a cue is read one way at one place, so these are searched apart.
_OLD_TITLE = re.compile(rf"(?<=[{_HAN}])(?:老兵|老战士|老党员|老军人|老英雄)")
# 王建华，示例镇张庄村人，…: the person's home village or town after the name and a comma
_HOMETOWN = re.compile(rf"(?<=[{_HAN}]){_SPACE}*[，,]{_SPACE}*[{_HAN}]{{1,16}}?(?:村|镇|乡|县|街道|屯|庄|寨)人(?=[，,。；;）)]|{_SPACE}|$)")
# 王建华，73岁; 王建华（85岁）; 王建华，今年92岁: the person's age after the name and a comma or bracket, as a 公示
# or a story gives it (a sex, a birth year the same way: 性别); not an age limit (60岁以上, 18周岁至…)
_AGE = re.compile(rf"(?<=[{_HAN}]){_SPACE}*[，,、（(]{_SPACE}*(?:今年|现年|年龄|年)?{_SPACE}*[:：]?{_SPACE}*"
                  rf"\d{{1,3}}{_SPACE}*周?岁(?!以|及|之|至|到|[-－~～—])")
# “……”王建华激动地说: who speaks after a quotation (the run up to the verb: the name, then how, or nothing)
_SPEAKER = re.compile(rf"[”」]{_SPACE}*([{_HAN}]{{2,10}}?)(?:说道|说|表示|介绍|感慨|回忆|告诉)")
# 曾长青　示例镇人民政府: a list's line of a name and, set apart by a space, the body the person works for
_NAME_THEN_UNIT = re.compile(rf"^{_SPACE}*([{_HAN}]{{2,4}}){_SPACE}+[{_HAN}]{{2,20}}"
                            r"(?:政府|办事处|局|委员会|中心|服务站|站|公司|学校|医院|大学|学院|所|队|部|院|社区|村委会)"
                            rf"{_SPACE}*$")


def _name_then_unit(text: str, finder: _Finder) -> list[NameSpan]:
    match = _NAME_THEN_UNIT.match(text)
    if match is not None and not finder.exact(match.start(1), match.end(1), "名单", False) \
            and _captioned_name(match.group(1)) and not _grammar_first(match.group(1)):
        finder.exact(match.start(1), match.end(1), "名单", True)
    return finder.result()


# What the person does (看望, 慰问, 为老兵佩戴 …) or where they live, right after the name in news and records
_ACTS = re.compile("看望|慰问|走访|为|给|带领|陪同|出席|参加|讲话|致辞|颁发|佩戴|走进|来到|深入|调研|检查|督导|主持"
                   "|现居|现住|家住|今年|生前")


def _captioned_name(name: str) -> bool:
    """A surname and a given name of two characters of given names (or a compound surname and one or two), no word
    of the dictionary: what stands after 图为 or 左起 when a person is shown (not 安置办, 志愿者, 全体)."""
    surname = surname_of(name)
    given = name[len(surname):]
    return bool(surname) and (len(given) == 2 or (len(surname) == 2 and len(given) == 1)) and \
        not in_dictionary(name) and all(ch in given_name_chars() for ch in given)


# Where a clause begins: the text's start, or after a sentence's or a clause's mark (spaces between allowed).
_HAN_RUN = re.compile(f"[{_HAN}]*")
_CLAUSE_START = re.compile(rf"(?:^|(?<=[。！？；!?;，,：:“「]))(?:{_SPACE})*(?=[{_HAN}])")
# What jieba tags the word after a clause's subject: a verb, an adverb, a preposition or a conjunction (王建华|积极,
# 王建华|从事, 王建华|因, 王建华|和…), never a noun (王楼|村 …).
_ACTION_TAGS = ("v", "d", "p", "c", "t", "m", "uj", "a", "b", "l", "r", "i", "ul", "uv", "f", "y")
_DATE_UNITS = frozenset("年月日号时")  # never a surname right after a number, nor where a text is cut after one
_DIGIT_CHARS = tuple("0123456789０１２３４５６７８９")


def _clause_subjects(text: str) -> list[tuple[int, int]]:
    """(start, end) of each full name a clause of `text` begins with, when the next word is what the person does
    (王建华积极参加志愿服务, 李秀英因公致残, 经介绍，张伟从事个体经营): three characters, a surname and a given name of
    given-name characters, which are not a word of two characters with the surname (国家, 有关: no clause of a law
    begins with a name so shaped), and which jieba reads as a name before a verb, an adverb, a preposition or a
    conjunction. Two-character names are left to the cues: alone they are as often words."""
    found = []
    for match in _CLAUSE_START.finditer(text):
        start = match.end()
        if text[start:start + 1] not in _SURNAME_FIRST or text[start] in _DATE_UNITS:
            continue  # 年秋季和…: a date's unit where the search index cut the text at the space after 2024
        name = text[start:start + 3]
        if len(name) < 3 or not all(ch in given_name_chars() for ch in name[1:]) or in_dictionary(name[:2]):
            continue
        run = _HAN_RUN.match(text, start).group()[:8]
        words = _segment(run)
        cut = words[0][1] if words[0][1] == 3 else words[1][1] if len(words) > 1 and words[0][1] == 1 else 0
        if cut != 3 or len(words) < (2 if words[0][1] == 3 else 3):
            continue
        after = words[1] if words[0][1] == 3 else words[2]
        if words[0][1] == 1 and not words[1][2].startswith(_NAME_TAGS + _PLACE_TAGS) and in_dictionary(name[1:]):
            continue  # 章|烈士|褒扬 (a law's 第五章 烈士褒扬 wrapped): a surname before a word of the dictionary
        if after[2].startswith(_ACTION_TAGS) and not after[2].startswith(("vn",)) and _named_alone(name):
            found.append((start, start + 3))
    return found


@functools.lru_cache(maxsize=1)
def _full_name_shape() -> re.Pattern:
    """Where a single surname stands before two characters of given names (overlapping: 李王建华 is tried at 李
    and at 王). A date's unit is no surname after a number (2024年新入伍), so it begins none."""
    surnames = "".join(sorted(SINGLE_SURNAMES - _DATE_UNITS))
    given = f"[{re.escape(''.join(sorted(given_name_chars())))}]{{2}}"
    # given names that are words may hold a character seldom in names (援朝, 抗美, 跃进, 为民)
    words = "|".join(sorted(w for w in given_name_words() if not all(ch in given_name_chars() for ch in w)))
    return re.compile(f"(?=[{re.escape(surnames)}](?:{given}|{words}))")


_BIRTH_AFTER = re.compile(rf"{_SPACE}*[0-9０-９]")
# Compound surnames that are also words of everyday text or places (东方, 西门, 第五, 百里, 司空见惯, 微生物, 濮阳 …):
# without a cue they begin no name.
_COMPOUND_WORDS = frozenset(("东方", "东门", "西门", "南门", "南宫", "百里", "第五", "单于", "司空", "微生", "濮阳",
                             "长孙", "轩辕", "子车", "公羊", "鲜于", "宗政"))


@functools.lru_cache(maxsize=1)
def _compound_shape() -> re.Pattern:
    """Where a compound surname that is no everyday word stands before a character of given names."""
    compounds = sorted(COMPOUND_SURNAMES - _COMPOUND_WORDS, key=lambda c: (-len(c), c))
    return re.compile(f"(?:{'|'.join(map(re.escape, compounds))})(?=[{re.escape(''.join(sorted(given_name_chars())))}])")


def _compound_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name with a compound surname (欧阳建华, 司马文军, 欧阳明) wherever it stands: a compound
    surname is rare in any other text, so jieba is asked only where the name ends: after one or two characters of
    given names where it cuts a word (欧阳明|年轻时, 欧阳|建华|的), the compound at the start of a word (not 上|官方)."""
    found = []
    for match in _compound_shape().finditer(text):
        start, at = match.start(), match.end()
        begins = {a: b for a, b, _tag in _words_around(text, start)}
        ends = set(begins.values())
        if start not in begins:
            continue
        # 欧阳|建华, 欧阳明|年轻: the name ends where jieba ends a word; one given character only where a word of two
        # or more characters, a word that follows names (的, 在 …) or no Chinese follows it (not 诸葛志|刚: 刚, no
        # character of given names, is cut alone)
        end = next((e for e in (at + 2, at + 1) if e in ends and (at in ends or e == at + 1)
                    and all(ch in given_name_chars() for ch in text[at:e])
                    and (e == at + 2 or not _is_han(text[e:e + 1] or "。") or begins.get(e, e) - e >= 2
                         or text[e] in _FOLLOW_CHARS)
                    and not (text[e - 1] in "男女" and e - at == 2 and _BIRTH_AFTER.match(text, e))), None)
        if end is None:
            continue
        name = text[start:end]
        if not is_ordinary_word(name) and not not_a_person(name, text[end:end + 6]):
            found.append((start, end))
    return found




def _words_around(text: str, start: int) -> list[tuple[int, int, str]]:
    """jieba's words of the run of Chinese characters around `start` (up to 6 characters before it and 9 from it),
    at their places in `text`: what the rules without a cue read a name's bounds from."""
    run = max(_run_start(text, start), start - 6)
    return [(a + run, b + run, tag) for a, b, tag in _segment(text[run:min(_run_end(text, start), start + 9)])]


def _read_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each full name of three characters that jieba, reading the words around it, takes for a
    person's wherever it stands (提起汪文军，…, 像潘海燕这样的…, 我们来到林晓东的家): one word it tags as a name and
    does not know (汪文军), or a surname read as a noun or a name before a given name its dictionary holds as a
    name and not as an ordinary word (潘|海燕; not 不|应|索引, 应 read as a verb). Neither the name, nor its surname
    with the first given character (国家), nor a given name that is an ordinary word (建设) is a word of the
    dictionary: jieba cuts such text into those words, so they are passed over before it is asked, which keeps
    the cost to a search of the text in most units."""
    found = []
    for match in _full_name_shape().finditer(text):
        start = match.start()
        name = text[start:start + 3]
        given = name[1:]
        worded = given in given_name_words()
        if in_dictionary(name[:2]) or (in_dictionary(name) and not _dictionary()[name].startswith(_NAME_TAGS)) or (
                in_dictionary(given) and not worded and (
                not _dictionary().get(given, "").startswith(_NAME_TAGS) or is_ordinary_word(given, strict=True))):
            continue
        words = {(a, b): tag for a, b, tag in _words_around(text, start)}
        whole = words.get((start, start + 3), "").startswith(_NAME_TAGS)
        parted = words.get((start, start + 1), "").startswith("n") and \
            words.get((start + 1, start + 3), "").startswith(_NAME_TAGS)
        # 唐|建军, 马|援朝: a given name that is also a word (given_words.txt) right after a surname jieba leaves
        # as a word of its own; not 庆祝|国庆 or 世界|和平 (no surname stands alone), nor 向|红军 (a preposition)
        parted = parted or (worded and (start + 1, start + 3) in words
                            and not words.get((start, start + 1), "x").startswith(_FUNCTION_TAGS))
        if (whole or parted) and not _grammar_first(name) and _named_alone(name) \
                and not not_a_person(name, text[start + 3:start + 9]) and not is_ordinary_word(name) \
                and not (name[2] in SINGLE_SURNAMES and text[start + 3:start + 4] in PLACE_CHARS) \
                and not (name[2] in "男女" and _BIRTH_AFTER.match(text, start + 3)):
            # (李园王|楼: the last character begins a place, 王楼, as in a line of places set apart by spaces; 周燕男
            # 1987年…: a form's row with its spaces taken out, a name of two characters and the person's sex)
            found.append((start, start + 3))
    return found


def _named_alone(name: str) -> bool:
    """jieba reads the name alone as one name (李建国/nr, 林永刚/nr), or as its surname and a given name of
    given-name characters (曾/振华, 杜/建国: jieba tags such given names as words or places)."""
    surname = surname_of(name)
    if not surname or not name_shaped(name):
        return False
    if all(ch in _MONEY_CHARS for ch in name):
        return False  # 伍佰元: an amount in the capital numerals, which are surnames as well
    if surname in _GREETING_VERBS and name[len(surname):] in _SEASONS:
        return False  # 贺新春：送温暖, 祝新年: a festival's greeting, its verb a surname as well
    words = _segment(name)
    if len(words) == 1:
        return words[0][2].startswith(_NAME_TAGS)
    return len(words) == 2 and words[0][1] == len(surname) and (
        all(ch in given_name_chars() for ch in name[len(surname):]) or name[len(surname):] in given_name_words())


_MONEY_CHARS = frozenset("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")
_GREETING_VERBS = frozenset("贺祝")
_SEASONS = frozenset(("新春", "新年", "春节", "元旦", "元宵", "清明", "端午", "七夕", "中秋", "重阳", "国庆", "八一", "七一",
                      "五一", "佳节", "节日", "新禧", "新岁"))


def _subject_is_named(name: str) -> bool:
    """jieba reads the words at a unit's start as a name: one word of a name's or a place's tag (王建华, 高建国),
    or a surname and a given name so tagged (罗/长青, 孙/建华); not a surname and a common word (经/个人)."""
    words = _segment(name)
    if len(words) == 1:
        return words[0][2].startswith(_NAME_TAGS + _PLACE_TAGS)
    return len(words) == 2 and words[1][2].startswith(_NAME_TAGS + _PLACE_TAGS)


_DOT_CHARS = frozenset("·•・．")
_DOTTED_BEFORE = re.compile(rf"(?:(?:{_alternation(LABEL_WORDS + COLON_LABEL_WORDS)}){_SPACE}*[:：]|"
                            rf"(?:{_alternation(LABEL_WORDS + PEOPLE_WORDS)}){_SPACE}+|请与|请联系){_SPACE}*$")
_DOTTED_AFTER = re.compile(rf"{_SPACE}*(?:{_alternation(TITLE_WORDS)}|[，,（(]{_SPACE}*[男女](?![{_HAN}])|等{_COUNT}?[名人位])")


def _dotted_start(text: str, start: int, dot: int) -> int:
    """Where a name with a dot begins when no label bounds it (感谢阿依古丽·买买提先生): after the words at the start
    of the run that jieba reads as a verb of two characters or more, or a preposition or conjunction of one
    (感谢, 与, 和). Only from the start: jieba cuts the names themselves anyhow (阿/不/都)."""
    cut = 0
    for word_start, end, tag in _segment(text[start:dot]):
        if word_start != cut or end >= dot - start:
            break
        if (end - word_start >= 2 and tag.startswith("v")) or (end - word_start == 1 and tag[:1] in ("p", "c")):
            cut = end
        else:
            break
    return start + cut


def _dotted(finder: _Finder) -> None:
    """Names of other peoples (阿依古丽·买买提): no surname to know them by, and the dot also joins section names
    (公示公告·通知公告), so only a strong cue right beside one makes it a name: a label and a colon before it, a
    form of address, the person's sex or a count after it. The characters joined by the dot may run on into the
    words around the name (请与阿依古丽·买买提同志联系): the name is the part that the cue bounds."""
    text = finder.text
    for match in _DOTTED.finditer(text):
        first_dot = next(i for i in range(match.start(), match.end()) if text[i] in _DOT_CHARS)
        last_dot = max(i for i in range(match.start(), match.end()) if text[i] in _DOT_CHARS)
        starts = [s for s in range(match.start(), first_dot - 1)
                  if _DOTTED_BEFORE.search(text, max(0, s - 14), s)]
        ends = [e for e in range(match.end(), last_dot + 1, -1) if _DOTTED_AFTER.match(text, e)]
        if not starts and not ends:
            continue
        start = starts[0] if starts else _dotted_start(text, match.start(), first_dot)
        end = ends[0] if ends else match.end()
        name = text[start:end]
        if name in finder.public or (start and text[start - 1] in "*＊×") or is_masked_name(name):
            continue
        finder.spans.setdefault((start, end), NameSpan(start, end, "称谓"))


def _whole(text: str, public: frozenset[str], finder: _Finder | None = None) -> list[NameSpan]:
    """A unit that is a name and nothing else (an image's alt text, a table cell): three characters, or four
    with a compound surname. Two would take villages for names (李园, 孙河, 白沙: jieba tags them nr), and a
    cell under 所在村 reaches the output guard without its header. A note in brackets after it is not part of
    it (a list of honours: 王建华（一等功）, 李秀英（已故）)."""
    whole = text[_LIST_NUMBER.match(text).end():].strip(_WHOLE_STRIP)
    note = _NOTE_AFTER.search(whole)
    if note is not None:
        whole = whole[:note.start()].strip(_WHOLE_STRIP)
    # 贺秀（一等功）, 熊超（已故）: a note that only a person has (an honour, a rank, death, sex, age) makes a name
    # of two characters a person's too, where alone it could be a village
    personal_note = note is not None and _PERSON_NOTE.fullmatch(note.group()) is not None
    if not (3 if not personal_note else 2) <= len(whole) <= 4 or not _is_han_run(whole):
        return []
    finder = finder or _Finder(text, public)
    start = text.index(whole)
    if not finder.exact(start, start + len(whole), "全文", False) and personal_note and len(whole) == 2:
        finder.exact(start, start + 2, "全文", True)
    return finder.result()


_NOTE_AFTER = re.compile(r"[（(][^（）()]{1,12}[）)]\Z")
# (a prize or a place, 一等奖 or 第一名, may go to a village's team: not one of them)
_PERSON_NOTE = re.compile(r"[（(](?:[一二三特]等功|已故|男|女|\d{1,3}岁|[一二三四五六七八九十]级(?:伤残)?|烈士|退役士兵|退役军人|"
                          r"志愿者)[）)]")
# The number of a list's item before it (1. 2、（3） 四、): a PDF's numbered list of names, one to a line
_LIST_NUMBER = re.compile(r"\s*(?:(?:[(（](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|\d{1,3}[.．、)）]"
                          r"|[一二三四五六七八九十]{1,3}[、.．])\s*)?")


# A line of names and nothing else, set apart by spaces (a PDF's name list without a header: 王建华  李明  张伟)
_SPACED_NAMES = re.compile(rf"{_SPACE}*[{_HAN}]{{2,4}}(?:{_SPACE}+[{_HAN}]{{2,4}}){{2,}}{_SPACE}*")
_SPACED_TOKEN = re.compile(rf"[{_HAN}]+")


def _spaced_names(text: str, public: frozenset[str], finder: _Finder | None = None) -> list[NameSpan]:
    """Three or more names alone on a line, set apart by spaces: each name-shaped, two in three read as names
    (as the no-cue rule of a list joined by 、: 首页 政务公开 办事服务, 张庄村 王楼村 李家村 are no names)."""
    if len(text) > 80 or _SPACED_NAMES.fullmatch(text) is None:
        return []
    finder = finder or _Finder(text, public)
    tokens = [(m.start(), m.end()) for m in _SPACED_TOKEN.finditer(text)]
    if not all(name_shaped(text[a:b]) for a, b in tokens):
        return []
    # most of them read as names (许国庆 is 许 and 国庆 to jieba), and each reported one is no word or place
    read = sum(finder.acceptable(a, b, False, False) for a, b in tokens)
    if 3 * read < 2 * len(tokens):
        return []
    for a, b in tokens:  # not two characters alone: 李园 孙河 are villages as well (see _whole)
        if b - a >= 3 and finder.acceptable(a, b, True, False):
            finder.spans[(a, b)] = NameSpan(a, b, "名单")
    return finder.result()


def _item_start(text: str, at: int) -> int:
    """Where the list item before the 、 at `at` begins: its note in brackets, then up to 14 characters."""
    pos = at
    if pos > 0 and text[pos - 1] in "）)":
        opening = max(text.rfind("（", max(0, pos - 26), pos), text.rfind("(", max(0, pos - 26), pos))
        if opening < 0:
            return at
        pos = opening
    found = _ITEM_BEFORE.search(text, max(0, pos - 14), pos)  # the leftmost start: the longest item
    return found.start() if found is not None else pos


_ITEM_BEFORE = re.compile(f"[{_HAN}*＊×·•・]+\\Z")


def _beside_phone(finder: _Finder, match: re.Match) -> None:
    text = finder.text
    lead = _BEFORE_PHONE.search(text, max(0, match.start() - 12), match.start())
    end = lead.start() if lead else match.start()
    # 索引号 11410100…, 编号 12345678: a number's own label, not a person
    if end > 0 and _is_han(text[end - 1]) and text[end - 1] not in "号码额数":
        finder.before(end, "电话", True)
    after = _AFTER_PHONE.match(text, match.end())
    if after:
        finder.exact(after.start(1), after.end(1), "电话", True)


def _list(finder: _Finder, match: re.Match) -> None:
    """A list joined by 、: its names when the wording around it (a count, a form of address, a label) or masked
    names among its items say it lists people, or when every item is a name and reads as one."""
    text = finder.text
    items = []  # (start, end of the Chinese characters, masked)
    pos = match.start()
    for part in _ITEM_PARTS.finditer(text, match.start(), match.end()):
        if part.start() != pos:
            break
        items.append((part.start(1), part.end(1), part.group(1)))
        pos = part.end() + 1  # the 、 after it
    if len(items) < 2:
        return
    # A masked name is the whole item; the first may follow other words (拟将张*明), the last run on (李*等,
    # 王*伟确定为…).
    last = len(items) - 1
    items = [(a, b, bool(_MASKED_ITEM.search(t) if i == 0 else _MASKED_LAST.match(t) if i == last
                         else _MASKED_ITEM.fullmatch(t)))
             for i, (a, b, t) in enumerate(items)]
    masked = sum(1 for _s, _e, m in items if m)
    first_start, first_end, _m = items[0]
    first_bounded = first_start == 0 or not _is_han(text[first_start - 1])
    strong = masked > 0 or bool(_LIST_TAIL.match(text, items[-1][0])) or (
        first_bounded and bool(_LIST_BEFORE.search(text, max(0, first_start - 12), first_start)))
    people = not strong and bool(_PEOPLE_LIST_TAIL.match(text, items[-1][0]))
    if people:
        if not all(name_shaped(text[a:b]) for a, b, _m in items[1:last]):
            return
        if not (first_bounded and name_shaped(text[first_start:first_end])) and \
                _name_before(text, first_end, True) is None:
            return
    elif not strong:
        # Before any jieba: without a cue, every item between the first and the last must be a name as it
        # stands. The first may follow other words (拟将王建华、…; a label before it, 获奖名单：王建华、…, is a cue and
        # made the list strong above), the last may run on into the sentence (…、张伟确定为…); either takes three
        # items or more, and the check after the loop then wants every item read as a name (安置、优待、抚恤 are not
        # people).
        if not all(name_shaped(text[a:b]) for a, b, _m in items[1:last]):
            return
        if not (first_bounded and name_shaped(text[first_start:first_end])):
            # the first follows other words (a label before a bounded first item made the list strong above)
            found = _name_before(text, first_end, True)
            if found is None or (len(items) < 3 and not (found[1] or _name_like(text[found[0]:first_end]))):
                return  # two items: jieba must read a name too, or the item be made of given names' characters
        last_start, last_end, _m = items[-1]
        if not name_shaped(text[last_start:last_end]):
            found = _name_after(text, last_start, True)
            if found is None or (len(items) < 3 and not (found[1] or _name_like(text[last_start:found[0]]))):
                return
    spans: list[tuple[int, int, bool]] = []
    for i, (start, end, is_masked) in enumerate(items):
        if is_masked:
            continue
        if i == last:  # 王小红|等3名同志, 李明|同志被评为: the item ends where the words after a list begin
            tail = _LIST_AFTER.search(text, start + 1, min(len(text), end + 12))
            if tail is not None and tail.start() <= end:
                end = tail.start()
        item = text[start:end]
        # In a list of people every unmasked item is a name, whatever its surname (兰, 揭, 独孤 are not in
        # surnames.txt): an item that stands alone between the separators is taken as it is.
        alone = (i > 0 or first_bounded) and (i < last or not _is_han(text[end:end + 1])
                                             or bool(_LIST_AFTER.match(text, end)))
        if strong and alone and (name_shaped(item) or _bare_name(item) or is_dotted_name(item)):
            spans.append((start, end, True))
        elif i == 0:  # may follow other words: 拟将王建华、…
            found = _name_before(text, end, True)
            if found:
                spans.append((found[0], end, found[1]))
        elif i == last:  # may run on: …、王小红等3名同志, …、李明同志被评为
            found = _name_after(text, start, True)
            if found:
                spans.append((start, found[0], found[1]))
        elif name_shaped(item):
            spans.append((start, end, True))
    if strong:
        for start, end, read in spans:
            finder.accept(start, end, "名单", True, read)
        return
    if people:  # each item on its own: a word among them (高龄) is a kind of people, not a name
        for start, end, _read in spans:
            finder.accept(start, end, "名单", False, True)
        return
    # No cue: every item must read as a name, or none is reported (安置、优待、抚恤 are not people); and not every
    # one a word of jieba's dictionary (王道、张扬、李子: words it also tags as names; a list of people has names it
    # has never seen).
    if len(spans) < len(items) or not all(finder.acceptable(start, end, False, _name_like(text[start:end]))
                                          for start, end, _r in spans):
        return
    if all(in_dictionary(text[start:end]) for start, end, _r in spans):
        return
    for start, end, _read in spans:
        finder.accept(start, end, "名单", False, True)


def _name_like(name: str) -> bool:
    """A surname and a given name of given names' characters that is no word of jieba's dictionary (任美玲, 吴涛;
    not 安置, 高龄): in a list of two with no cue, where each item must be a name, what jieba does not read as one."""
    surname = surname_of(name)
    given = name[len(surname):]
    return bool(surname) and surname not in _PRECEDE_CHARS and 1 <= len(given) <= 2 \
        and all(ch in given_name_chars() for ch in given) \
        and not in_dictionary(name) and not (len(given) == 2 and is_ordinary_word(given))


# The words of one character that stand before names (请, 给, 向, 将 …): surnames too, but rarely, so a name that
# would begin with one is read from the character after it.
_PRECEDE_CHARS = frozenset(w for w in PRECEDE_WORDS if len(w) == 1)


def _bare_name(text: str) -> bool:
    """Two or three Chinese characters, or four beginning with a compound surname: how long names are."""
    return _is_han_run(text) and (2 <= len(text) <= 3 or (len(text) == 4 and surname_of(text) in COMPOUND_SURNAMES))


def _jieba_single_name(text: str) -> bool:
    """Two or three characters jieba reads as one name (兰宏彬: a surname outside the list)."""
    if not 2 <= len(text) <= 3 or not _is_han_run(text):
        return False
    words = _segment(text)
    return len(words) == 1 and words[0][2].startswith(_NAME_TAGS) and not in_dictionary(text)


def _reads_as_name(name: str) -> bool:
    """jieba reads the name alone as a name: one word tagged nr (王建华) or taken for an unknown place that is
    no word it knows (江庆娥), or a surname and a given name that hold no function word (宋明/健, 欧阳/建华,
    覃/友军); not 时/为, 周岁/的, 索/引号."""
    words = _segment(name)
    if len(words) == 1:
        return words[0][2].startswith(_NAME_TAGS) or (words[0][2] == "ns" and not is_ordinary_word(name))
    surname = surname_of(name)
    if any(_function_word(tag) for _a, _b, tag in words[1:]) and not _adverb_given_name(name, words):
        return False
    if len(surname) == 2:
        return True
    first_end, first_tag = words[0][1], words[0][2]
    # 赵/大军: the surname alone, taken for a noun or a name; 宋明/健: the surname and the first given character;
    # 张/秀英: the given name read as a name whatever the surname was taken for
    return (first_end == 1 and first_tag.startswith("n")) or \
        (first_end == 2 and first_tag.startswith(_NAME_TAGS) and len(name) == 3) or \
        (first_end == 1 and len(words) == 2 and words[1][1] - words[1][0] == 2 and words[1][2].startswith(_NAME_TAGS)) \
        or _given_name_shaped(name[len(surname):], first_end == 1 and _function_word(first_tag))
    # (the last: 何国/强, 孙/建华, 苏/建军 — cut astray, yet a name)


def _adverb_given_name(name: str, words) -> bool:
    """王|立新, 李|永定: a given name of two characters of given names that jieba's dictionary holds as a rare
    adverb (立新 51 uses, 永新 278), cut after the surname: a name, where 时|为 or 王|已经 are not."""
    surname = surname_of(name)
    given = name[len(surname):]
    return len(given) == 2 and words[-1] == (len(surname), len(name), "d") and \
        all(ch in given_name_chars() for ch in given) and frequency(given) < _RARE_ADVERB


_RARE_ADVERB = 300  # uses in jieba's counts: 立新 51, 永新 278 are names first; 已经, 一直, 马上 have thousands


def _given_name_shaped(given: str, surname_is_a_word: bool) -> bool:
    """Characters of given names (names.given_name_chars); when the surname reads as a word of its own (和, 与,
    何 as function words), they must not be together a common word of another kind: 和|军人家属 and 和|烈士 are
    no names, 苏|建军 and 何|国强 are."""
    if not all(ch in given_name_chars() for ch in given):
        return False
    if not surname_is_a_word:
        return True
    tag = _dictionary().get(given) if len(given) == 2 else None
    return tag is None or tag.startswith(("nr", "nz", "ns")) or frequency(given) < _COMMON_GIVEN_WORD


_COMMON_GIVEN_WORD = 50  # uses in jieba's counts above which a two-character word is a word first (国强: 3)


def names_at_start(text: str, public: frozenset[str] = frozenset()) -> list[str]:
    """The name a unit begins with when it begins with the person (王建华在慰问现场, 图为王建华与家属合影), as
    written: the line the unit stands in (a Markdown image, a YAML value after its key) does not begin with it."""
    subject = _SUBJECT.match(text) if text[:1] in _SUBJECT_FIRST else None
    if subject is None:
        return []
    return [span.of(text) for span in name_spans(text, public) if span.start == subject.start(1)]


def names_alone(text: str, public: frozenset[str] = frozenset()) -> list[str]:
    """The name that a short unit is, and nothing else (王建华 as an image's alt text), as written."""
    return [span.of(text) for span in _whole(text, public)] if len(text) <= 12 else []


def lone_label_name(text: str, public: frozenset[str] = frozenset()) -> str:
    """A name of two characters that is the whole label of a thing on a page (an image's alt text, a title, a
    figure's caption: 张伟, 王刚), or "". Alone in a cell or a list item two characters are as often a village
    (李园, 孙河: see _whole), but a label names what it shows, and a photo's label that is a name shows that person.
    Still not a name: a word of the language, even one jieba tags as a name (熊猫, 祝福, 李子), a place, a form of
    address, a public figure, and a given name of a character few names hold. A name that is also a word or place
    of jieba's dictionary (黄平, 高明) is not told apart here; one it knows only as a person's (nrfg: 李强) is."""
    whole = text.strip(_WHOLE_STRIP)
    if len(whole) != 2 or not _is_han_run(whole) or whole in public:
        return ""
    if not name_shaped(whole) or not_a_person(whole):
        return ""
    if in_dictionary(whole) and _dictionary()[whole] != "nrfg":
        return ""
    # the label holds nothing but the name, so no grammar word can follow it (王刚: 刚 is an adverb as well)
    return whole if name_char_uses().get(whole[1], 0) >= LABEL_GIVEN_NAME_USES else ""


# A character that stands in a few of jieba's names (磊 6, 昊 11, 爽 5) is enough in a label that holds one word,
# where running text needs more (names.GIVEN_NAME_USES).
LABEL_GIVEN_NAME_USES = 5


def names_in(text: str, public: frozenset[str] = frozenset()) -> Iterator[str]:
    """The names as written (the values findings keep)."""
    for span in name_spans(text, public):
        yield span.of(text)
