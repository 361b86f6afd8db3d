"""Is this text a person's name? Headers that announce names, masked names, and cells that look like names.

A full name is a surname (surnames.txt: 《百家姓》 plus a few common modern forms; compound surnames are tried
before single ones, so 欧阳建华 is 欧阳 + 建华) and a given name of one or two characters. That shape alone
would take many words for names (安置, 高级, 方案 begin with surnames), so jieba's part-of-speech tagger decides:
a name is one word it tags as a person's name (nr), or a surname it cannot join to what follows (赵 + 大军).
jieba is loaded only when some text has the shape of a name. Villages and roads named after families (张庄村,
王楼, 李家镇, 张衡路) are places, not names; names published on purpose (public_figures.txt: the leaders,
founders and heroes that law texts and 普法 material name) are not personal data.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from ... import segmenter

HERE = Path(__file__).parent
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# 张*明, 李*, 欧阳*华, 张某, 王某某 (the usual form in published cases)
_MASKED = re.compile(rf"^[{_CJK}]{{1,2}}(?:[*＊×xX]+[{_CJK}]?|某{{1,2}})$")
_HAN_ONLY = re.compile(rf"^[{_CJK}]+$")
_HAS_HAN = re.compile(rf"[{_CJK}]")

# Headers (and YAML keys) whose every value is a person's name: anything not masked is a leak.
NAME_HEADERS = ("姓名", "名字", "化名")
# Headers that usually hold people but may hold categories (人员: 退役士兵): a value is a leak when it looks
# like a name.
# Keys of this site's schemas that end like a word for people but hold categories or document ids: a YAML file
# with only these is not parsed for names (a column of a table so headed is still read: 安置对象 lists people).
NOT_PEOPLE = ("适用对象", "服务对象", "解读对象", "安置对象", "普法对象", "联系人电话")
PEOPLE_HEADERS = ("人员", "对象", "申请人", "联系人", "负责人", "经办人", "当事人", "户主", "家属", "配偶", "子女",
                  "获得者", "获奖者", "名单", "收款人", "户名", "受益人", "被申请人", "申报人", "本人",
                  # words for the people this bureau lists (a one-row table under 退役士兵 is a list of them)
                  "退役士兵", "退役军人", "军人", "士兵", "老兵", "军属", "烈属", "遗属", "代理人", "承办人",
                  "受理人", "收件人", "代表", "志愿者", "人选", "候选人", "先进个人")
# Headers of a column that holds one person each (a contact, a household's head, an account's holder), never a
# category as 人员 or 对象 may: a name of two characters there is a person's (龙洋, 宋晨), though jieba reads it
# as something else.
ONE_PERSON_HEADERS = ("联系人", "户主", "户名", "经办人", "负责人", "收款人", "领款人", "申请人", "代理人", "监护人",
                      "受托人", "代办人", "持卡人", "开户人", "填表人", "签收人", "承办人")
# A name column headed in English or in pinyin, as other systems export it (name, Full Name, real_name, xingming,
# XM, hzxm for 户主姓名): one person to a cell, so a name of two characters there is a person's. Read as a header
# of people, not as 姓名: other Chinese text under an English "name" (a service hall's) is no leak.
_LATIN_NAME_HEADER = re.compile(r"(?:full|real|person|personal|chinese|true|legal|cn|zh)?name(?:cn|zh|chinese)?"
                                r"|xingming|mingzi|[a-z]{0,4}xm", re.I)
PERSON_ENDINGS = ("人", "者", "员")
NOT_PERSON_ENDINGS = ("法人", "人数", "机构人员数")
# Headers of columns that hold places (所在村, 所在镇（街道）, 地址 …): their values are never names.
PLACE_HEADERS = ("村", "镇", "乡", "街道", "社区", "地址", "住址", "地点", "单位", "区域", "辖区", "村（社区）",
                 "镇（街道）", "乡镇", "乡（镇）")
# Values in a name column that are not names.
PLACEHOLDERS = {"无", "暂无", "空缺", "待定", "略", "（略）", "见附件", "同上", "不详", "合计", "小计", "总计"}
_TAGS_OF_NAMES = {"nr", "nrfg", "nrt"}
# A surname and a form of address (王老师, 李科长) names a contact the way offices publish them: not a full name.
TITLES = {"老师", "先生", "女士", "同志", "主任", "科长", "处长", "局长", "站长", "所长", "书记", "经理", "师傅", "医生",
          "大夫", "律师", "警官", "干事", "专员", "阿姨", "同学", "老人", "部长", "队长", "组长", "会计", "大爷", "大娘",
          "奶奶", "爷爷", "叔叔", "大姐", "大哥", "女儿", "儿子", "某", "某某", "老", "小", "总", "工", "姐", "哥",
          # how news calls an old soldier or an old neighbour by the surname alone (王老兵, 张大妈)
          "老兵", "大妈", "大伯", "大婶", "婶子", "老汉", "老伯", "阿婆", "老党员", "老战士", "老军人", "老英雄"}
# Words for relatives that begin with a surname (祖, 孙, 曾, 养, 岳, 童, 那) and that jieba tags as names: a
# table's 关系 column or a list of family members (祖父母、孙子女, one to a line) names no one.
KINSHIP = frozenset({"祖父", "祖母", "祖父母", "祖辈", "孙子", "孙女", "孙子女", "孙辈", "孙辈们", "孙媳", "孙媳妇",
                     "孙女婿", "曾祖父", "曾祖母", "曾祖父母", "曾孙", "曾孙子", "曾孙女", "曾孙子女", "曾外祖父",
                     "曾外祖母", "养父母", "养子女", "岳父母", "童养媳", "那口子"})
# The last character of villages and roads named after a family (张庄, 王楼, 李家, 孙集, 黄河路): a word ending
# so is a place, not a given name.
PLACE_CHARS = frozenset("村庄镇乡屯寨集店铺湾桥洼圩坊窑堡埠坝楼营路街巷区县市省组家岗沟庙寺台口门塘井港滩坪岔峪堰渡垴洲坨岭坡"
                        # institutions, which no given name ends with: 养老院 (tagged a name by jieba), 文化馆
                        "院馆所站局厅署厂校府")
# The last character of terms for things a person is given, pays or holds (公租房, 廉租房, 优待证, 车票费, 抚恤款,
# 个税, 医保险, 社保卡): no given name ends so, and jieba splits such a term it does not know as a surname and a
# word (公 + 租房), which reads as a name when the term stands alone (a YAML list of everyday words).
THING_CHARS = frozenset("房证费款税险卡")
# The last character of terms for money and documents built on a word (养老金, 通知书, 申请书), and of words for
# kinds of people (高中生, 公务员, 劳动者): jieba's dictionary holds the whole term and tags it as a name, because
# its first word is also tagged so (养老) or its first character is a surname (通, 申, 高, 公). Given names end in
# 金, 书 and 生 too (王建金, 李春生), so only a term jieba holds whole, whose first two characters are a common word
# of the language, is taken for a thing.
TERM_CHARS = frozenset("金书生员者")
# Forms of address that only follow a person: after them a name ending like a thing (王建房同志) is a name.
PERSON_AFTER = ("同志", "先生", "女士", "同学", "老师", "师傅", "老人", "夫妇")
# What makes the word before it a place: 张庄村, 王楼社区, 张衡路, 李家镇, 赵庄居委会.
PLACE_AFTER = re.compile(r"(?:村|庄|镇|乡|街道|社区|路|街|巷|大道|大街|胡同|小区|屯|寨|组|县|区|市|省|居委会|村委会|"
                         r"居民委员会|村民委员会|中学|小学|学校|医院|公司|大厦|广场|公园|花园|家园|新村|湾|桥|"
                         r"工业园|开发区|烈士陵园|纪念馆|故居)")


def _load_surnames() -> tuple[frozenset[str], frozenset[str]]:
    singles, compounds = set(), set()
    for line in (HERE / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "：" not in line:
            continue
        label, _, names = line.partition("：")
        if label == "复姓":
            compounds.update(names.split())
        else:
            singles.update(ch for ch in names if _HAN_ONLY.match(ch))
    return frozenset(singles), frozenset(compounds)


SINGLE_SURNAMES, COMPOUND_SURNAMES = _load_surnames()


def _load_public_figures() -> frozenset[str]:
    text = (HERE / "public_figures.txt").read_text(encoding="utf-8")
    lines = (line.partition("：")[2] for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


# Names published on purpose everywhere (the 宪法's preamble names 孙中山 and 毛泽东): never personal data.
PUBLIC_FIGURES = _load_public_figures()


def normalise_header(text: str) -> str:
    """Header or key as meant: spaces of every width, emphasis marks, a trailing colon and 全角 forms removed."""
    text = unicodedata.normalize("NFKC", text)  # 全角 letters and digits, U+3000 -> ordinary forms
    return re.sub(r"[\s\u200b*_`~:：]+", "", text)


@functools.lru_cache(maxsize=65536)  # every table of every page asks it of each label (a page has a few)
def header_kind(text: str) -> str:
    """'name' for a column of names (姓 名, 名字 …), 'people' for a column that may list people, else ''."""
    header = normalise_header(text)
    # 姓名（化名）, 人员（退役士兵）: what the column holds is said before the brackets
    header = re.sub(r"[（(][^（）()]*[）)]$", "", header) or header
    if not header or is_place_header(header):
        return ""
    if header in NAME_HEADERS or header.endswith(NAME_HEADERS):
        return "name"
    if header.endswith(PEOPLE_HEADERS) and header != "联系人电话":
        return "people"
    if latin_name_header(header):
        return "people"
    # any other word for a person (受表彰人, 持证人, 参加人, 受助者, 老党员, 网格员): 人, 者 and 员 end them
    if header.endswith(PERSON_ENDINGS) and not header.endswith(NOT_PERSON_ENDINGS) and len(header) >= 2:
        return "people"
    return ""


def short_name_of_one(header: str, value: str) -> bool:
    """A name of two characters under a header of one person (ONE_PERSON_HEADERS): name-shaped, no word of the
    dictionary, no place (张庄), no surname with a form of address (王老师)."""
    text = value.strip()
    header = normalise_header(header)
    return len(text) == 2 and (header.endswith(ONE_PERSON_HEADERS) or latin_name_header(header)) and name_shaped(text) \
        and not is_ordinary_word(text) and not is_place_name(text) and not not_a_person(text)


def latin_name_header(header: str) -> bool:
    """name, Full Name, real_name, xingming, XM: a name column headed in English or pinyin (normalised header)."""
    return header.isascii() and _LATIN_NAME_HEADER.fullmatch(header.replace("-", "").replace(".", "")) is not None


def is_place_header(text: str) -> bool:
    """所在村, 所在镇（街道）, 家庭住址, 工作单位: a column of places, whose values are never names."""
    header = normalise_header(text)
    return header.endswith(PLACE_HEADERS) or header.startswith("所在")


def is_masked_name(value: str) -> bool:
    """张*明, 李*, 欧阳*华, 张某: the surname, asterisks (or 某), at most one more character."""
    return bool(_MASKED.match(value.strip()))


def surname_of(text: str) -> str:
    """The surname a name begins with: a compound one (欧阳) before a single one (欧)."""
    if text[:2] in COMPOUND_SURNAMES and len(text) > 2:
        return text[:2]
    return text[:1] if text[:1] in SINGLE_SURNAMES else ""


def name_shaped(value: str) -> bool:
    """A known surname and a given name of one or two Chinese characters (the cheap test before jieba)."""
    # Most values are short runs of Chinese: only text with a space in it (王　明, padded to line up in a list)
    # pays for the substitution; a short value with a space is a name as much as a long one.
    text = value if len(value) <= 4 and _HAN_ONLY.match(value) else re.sub(r"[\s\u3000]+", "", value)
    if not 2 <= len(text) <= 4 or not _HAN_ONLY.match(text):
        return False
    surname = surname_of(text)
    return bool(surname) and 1 <= len(text) - len(surname) <= 2


def is_place_name(text: str, after: str = "") -> bool:
    """张庄村, 王楼, 李家 (+镇), 黄河 (+路): a name-shaped word that names a place, by its last character or by
    what follows it."""
    return text[-1:] in PLACE_CHARS or bool(after and PLACE_AFTER.match(after))


@functools.lru_cache(maxsize=1)
def _tagger():
    import jieba.posseg

    segmenter.ready()
    return jieba.posseg.lcut


@functools.lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    """jieba's words and their part-of-speech tags (loaded with the tagger), its word counts loaded too."""
    import jieba
    import jieba.posseg

    _tagger()
    jieba.dt.check_initialized()  # the counts (FREQ) are read on first use, not on import
    return jieba.posseg.dt.word_tag_tab


# How often a character must stand in the given names of jieba's dictionary (its three-character words tagged as
# names, with a surname of the list) to count as a character of given names: 957 characters, 建 华 国 强 桂 兰 among
# them.
GIVEN_NAME_USES = 20


@functools.cache
def name_char_uses() -> dict[str, int]:
    """In how many of jieba's names (its three-character words tagged as names, with a surname of the list) each
    character stands in the given name."""
    uses: dict[str, int] = {}
    for word, tag in _dictionary().items():
        if len(word) == 3 and tag.startswith("nr") and word[0] in SINGLE_SURNAMES:
            for ch in word[1:]:
                uses[ch] = uses.get(ch, 0) + 1
    return uses


@functools.cache
def given_name_chars() -> frozenset[str]:
    """The characters people's given names are made of, as jieba's dictionary of names shows them."""
    dictionary = _dictionary()
    # not the characters that are words of grammar (不, 之, 而: 能|不能 is no name)
    grammar = ("p", "c", "u", "d", "r", "f", "m", "q", "y", "e", "o", "x")
    return frozenset(ch for ch, count in name_char_uses().items()
                     if count >= GIVEN_NAME_USES and not dictionary.get(ch, "n").startswith(grammar))


@functools.cache
def given_name_words() -> frozenset[str]:
    """Given names of two characters that are everyday words as well (建国, 国庆, 和平, 援朝: given_words.txt):
    common in the names of the veterans' generation, yet jieba reads them as the words, never as a name."""
    words = set()
    for line in (HERE / "given_words.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def frequency(word: str) -> int:
    """How often jieba's counts saw the word (0 for a word it does not know)."""
    return _frequency(word)


def _frequency(word: str) -> int:
    import jieba

    _dictionary()
    return jieba.dt.FREQ.get(word, 0)


# jieba tags a few common words as names (陈述, 文明, 高峰): a word it has seen this often is taken for the word
# when nothing but its shape says it is a name.
COMMON_NAME_WORD = 500


def in_dictionary(text: str) -> bool:
    """A word of jieba's dictionary (a name jieba guessed is not)."""
    return text in _dictionary()


def is_ordinary_word(text: str, strict: bool = False) -> bool:
    """A word of jieba's dictionary that is not a name (单位, 安置, 方向); `strict`: also the names it has seen
    too often to tell from words (陈述 and 高峰 are tagged nr, and so are 青少年 and 立法权)."""
    tag = _dictionary().get(text)
    if tag is None:
        return False
    if not tag.startswith("nr"):
        return _frequency(text) > 0
    return strict and _frequency(text) >= COMMON_NAME_WORD


# 第五十条: 第五 is a compound surname, and the start of every fifth article.
_ORDINAL = re.compile(r"第[一二三四五六七八九十百千零〇两\d]")
# 谢勇烈士: the names of martyrs are published to honour them (英雄烈士保护法); 烈士遗属 are not martyrs.
_MARTYR = re.compile(r"烈士(?!遗属|家属|子女|父母|配偶|亲属|的(?:遗属|家属|子女|父母|配偶|亲属))")


def not_a_person(text: str, after: str = "") -> bool:
    """Name-shaped text that is no one's name to protect: a masked name, a form of address (王老师), a place,
    a public figure (孙中山), a relative (祖父母), a thing (公租房)."""
    surname = surname_of(text)
    return (is_masked_name(text) or "某" in text or text in COMPOUND_SURNAMES or bool(_ORDINAL.match(text))
            or bool(_MARTYR.match(after)) or text[len(surname):] in TITLES or is_place_name(text, after)
            or text in PUBLIC_FIGURES or text in KINSHIP
            or (text[-1:] in THING_CHARS and not after.startswith(PERSON_AFTER))
            or (len(text) == 3 and text[-1] in TERM_CHARS and not after.startswith(PERSON_AFTER)
                and text in _dictionary() and is_ordinary_word(text[:2], strict=True))
            or (after[:1] != "" and after[:1] in "*＊×"))


@functools.lru_cache(maxsize=4096)
def looks_like_name(value: str) -> bool:
    """A Chinese full name (not masked): name-shaped, and jieba reads it as a person's name."""
    text = re.sub(r"[\s\u3000]+", "", value)
    if not name_shaped(text) or not_a_person(text):
        return False
    surname = surname_of(text)
    if len(surname) == 2:  # 欧阳建华, 公孙策: jieba splits compound surnames its own way (公 + 孙策)
        return not is_ordinary_word(text)
    words = _tagger()(text)
    if len(words) == 1:
        return words[0].flag in _TAGS_OF_NAMES
    return words[0].word == surname and all(len(w.word) <= 2 for w in words[1:])


def is_name_value(value: str) -> bool:
    """A value under a name field or column (the header says it holds names): any Chinese text that is not
    masked or a placeholder is an unmasked name (王建华, 王建华（已故）, a name with a rare surname)."""
    text = value.strip()
    if not _HAS_HAN.search(text):
        from .pinyin import is_pinyin_name

        return is_pinyin_name(text)  # Wang Jianguo: a name in Latin letters is as much a name
    return bool(text) and len(text) <= 30 and text not in PLACEHOLDERS and not is_masked_name(text)


# A name written the way names of other peoples are (阿依古丽·买买提, 买买提·艾力): parts joined by a middle dot.
# The same dot also joins a site's section names (公示公告·通知公告), so only a cue or a header makes it a name.
_DOTTED = re.compile(rf"[{_CJK}]{{2,8}}(?:[·•・．][{_CJK}]{{1,8}})+")


def is_dotted_name(value: str) -> bool:
    return bool(_DOTTED.fullmatch(re.sub(r"[\s\u3000]+", "", value))) and not is_masked_name(value)


def is_form_name(value: str) -> bool:
    """The value beside a name label in a form (姓名 | 王建华): Chinese characters only, as a name is written
    (阿依古丽·买买提 too), not a hint such as （签字） or □男 □女."""
    if value.strip().isascii() and value.strip():
        from .pinyin import is_pinyin_name

        return is_pinyin_name(value)
    text = re.sub(r"[\s\u3000]+", "", value)
    if not text or text in PLACEHOLDERS or is_masked_name(text):
        return False
    return bool(re.fullmatch(rf"[{_CJK}]{{2,6}}|[{_CJK}]+(?:[·•．][{_CJK}]+)+", text)) and len(text) <= 20


def mask_name(value: str) -> str:
    value = value.strip()
    return value[:1] + "*" * max(len(value) - 1, 1)
