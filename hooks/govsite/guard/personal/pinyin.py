"""Names written in Latin letters, as Hanyu Pinyin spells them (Wang Jianguo, WANG Jianguo, WANG JIANGUO,
Wang Jian-guo, Jianguo Wang): a form, a scanned list typed again or a page for foreign visitors writes a person so.

Latin letters alone do not say a person is meant (Long, Fan, He and Wang are English words or syllables of
places), so a name is read only where the text says one stands: after a label of one person (联系人：, 姓名：,
户主), before a form of address (同志, 先生, 女士), under a name field or column (姓名 | Wang Jianguo), in an
author's field. There it must be a known surname's spelling and a given name of one or two syllables of the
language, each part capitalised (or the surname in capitals), so a word (Admin, Mary, Smith) is no name.
"""
from __future__ import annotations

import functools
import re

_SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu
cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e
ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang
gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao
jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun
kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve lü
lüe ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng
ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve nü nüe o ou pa pai pan pang pao pei pen peng pi pian
piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng
ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng
shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti
tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin
xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze
zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
zi zong zou zu zuan zui zun zuo""".split())
# The spellings of the common surnames (the 《百家姓》 families most people bear, and compound ones).
SURNAMES = frozenset("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han
feng deng cao peng zeng xiao tian dong yuan pan jiang cai yu du ye cheng su wei lv lü ding ren shen yao lu cui zhong
tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan lei hou long tao gu mao hao gong
shao wan qian dai mo kong xiang chang kang niu wen shang yi ni qi ge geng guan bao zhan mu che hong hua jiao ling
lan an bi bian bo chai chi dang di dou fei gou hang ji jian jing ju kou kuang lai lian lou mei miao ming nie ning
pang pei ping pu qiao qu quan rao rong ruan sang sha shan she sheng shu si tai teng tong tu weng xi xian xing xuan
you yue yun zang zha zhai zhen zhuo zong zuo ouyang sima zhuge shangguan dongfang situ huangfu murong xiahou
""".split())
_PART = r"[A-Z][a-zü]{0,6}(?:['’-]?[A-Za-zü][a-zü]{0,5})?"
_SURNAME_CAPS = r"[A-Z]{1,9}"
# Surname first (Wang Jianguo, WANG Jianguo) or given name first (Jianguo Wang), one space or none between.
_NAME = rf"(?:{_SURNAME_CAPS}|{_PART})(?:[ \u00a0]?{_PART}|[ \u00a0]{_SURNAME_CAPS})"
_LABELS = ("姓名", "名字", "联系人", "申请人", "户主", "户名", "经办人", "负责人", "收款人", "领款人", "代理人", "监护人",
           "受托人", "代办人", "持卡人", "开户人", "填表人", "签收人", "承办人", "当事人", "来信人", "信访人", "姓 名",
           "姓\u3000名")
_LABELLED = re.compile(rf"(?:{'|'.join(_LABELS)})[ \t\u3000]*[:：]?[ \t\u3000]*(?P<name>{_NAME})(?![A-Za-z])")
_ADDRESSED = re.compile(rf"(?<![A-Za-z])(?P<name>{_NAME})[ \u00a0]?(?:同志|先生|女士|老人|烈士遗属)")
_LATIN_WORD = re.compile(r"[A-Za-z]{2}")
_ADDRESS_WORDS = re.compile(r"同志|先生|女士|老人|烈士遗属")


@functools.lru_cache(maxsize=4096)
def _syllables(word: str, most: int) -> bool:
    """Whether `word` (lower case, no separators) splits into 1 to `most` syllables of Hanyu Pinyin."""
    if not word:
        return False
    if word in _SYLLABLES:
        return True
    if most <= 1:
        return False
    return any(word[:cut] in _SYLLABLES and _syllables(word[cut:], most - 1) for cut in range(1, min(7, len(word))))


def _given(part: str) -> bool:
    return _syllables(re.sub(r"['’-]", "", part.lower()), 2)


def is_pinyin_name(value: str) -> bool:
    """A whole value that is a name in pinyin: a surname's spelling and a given name of one or two syllables,
    in either order (Wang Jianguo, WANG Jianguo, Wangjianguo is not: a name so glued cannot be told apart)."""
    text = value.strip()
    if not text.isascii() or not re.fullmatch(_NAME, text):
        return False
    parts = re.split(r"[ \u00a0]", text)
    if len(parts) == 2:
        first, second = parts
    else:  # no space: the capitals divide it (WANGJianguo is no way of writing; WangJianguo is)
        match = re.fullmatch(r"([A-Z][a-z]+|[A-Z]+)([A-Z][a-z'’-]+)", text)
        if match is None:
            return False
        first, second = match.groups()
    if first.isupper() and len(first) > 1:  # the surname in capitals, the given name after it (WANG JIANGUO too)
        return first.lower() in SURNAMES and _given(second)
    return (first.lower() in SURNAMES and _given(second)) or (second.lower() in SURNAMES and _given(first)
                                                              and first.lower() not in SURNAMES)


def pinyin_names(text: str) -> list[str]:
    """The pinyin names a unit of running text names after a label of one person or before a form of address."""
    if _LATIN_WORD.search(text) is None:
        return []
    found = []
    patterns = (_LABELLED, _ADDRESSED) if _ADDRESS_WORDS.search(text) is not None else (_LABELLED,)
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = match.group("name")
            if is_pinyin_name(name) and name not in found:
                found.append(name)
    return found
