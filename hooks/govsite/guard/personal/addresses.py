"""Home addresses: an address below the township (乡镇/街道) names the door of a person's home.

A 公示 may say where a person lives only down to the township (“示例镇”, EDITING.md §六). Below it, these
shapes name a home and are reported:

- a road and a house number: 人民路12号, 建设路12号院, XX路12号 (also with the building after it);
- a building, entrance and room without a road: 5号楼2单元501室, 3栋201室, 2单元501, 三号楼二单元五零一室,
  红旗小区12-3-501;
- a village's group or house number: 张庄村3组, 张庄村三组15号, 王楼村第二村民小组;
- a 门牌号 with its value;
- a residence label (家庭住址, 现住址, 户籍地址 …) and a colon, followed by anything below the township: a
  village, a community, an estate, a road, a number (住址：示例镇张庄村).

A village, a road or a community alone is a place, not an address (张庄村, 人民路社区). Addresses published
on purpose pass: the bureau's own (data/site.yml `地址`, `政府信息公开.地址`) and the service halls and other
offices listed in `公开地址`. They are compared by their road and house number (某区示例路1号 covers
示例路1号 二楼 and 示例路1号 205室), or by the whole text for the other shapes.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .leading import skipping

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_S = r"[ \t\u3000\u00a0]*"
_NUM = r"(?:[0-9０-９]+|[一二三四五六七八九十百零〇两]+)"
_DIGITS = r"[0-9０-９]+"
_ROAD_END = r"(?:大道|大街|胡同|路|街|巷|弄|道)"
# A road's name: Chinese characters, or the XX of a template, ending as roads end.
# 里 ends the names of lanes (永安里) only before a house number: alone it is a word (这里, 村里).
_ROAD = rf"[{_HAN}A-Za-z]{{1,12}}?(?:{_ROAD_END}|里)"
# A lane numbered off a road (建设路61弄, 中山路100巷) before the house number.
_LANE = rf"(?:{_S}{_DIGITS}{_S}(?:弄|巷|支弄|条))?"
# What follows a house number inside a building: 3栋2单元501室, 5号楼, 12层, 3号院.
_PARTS = rf"(?:{_S}(?:[-－]{_S})?{_DIGITS}{_S}(?:号楼|号院|栋|幢|座|单元|层|楼|室|户|号)|{_S}[-－]{_S}{_DIGITS})*"
_ESTATE = r"(?:小区|花园|家园|公寓|新村|苑|大院)"
# A part of an estate before its building's number (幸福家园B区5号楼, 翠苑一区12幢), or the phase it was built in
# (幸福里小区3期24号楼, 二期A区)
_ZONE = rf"(?:{_NUM}{_S}期{_S})?(?:(?:[A-Za-zＡ-Ｚａ-ｚ]|{_NUM}|[东南西北])期?{_S}区{_S})?"
_ROOM = r"(?:[0-9０-９]+|[一二三四五六七八九十百零〇两]{2,})"
# A section of a road (建设路北段, 中山大道东段) before the house number.
_SECTION = r"(?:[东南西北中]{1,2}段)?"
# A house number as doors carry it: 88号, 88-2号 and 88之2号 (a house split off number 88), 甲8号 (the first of
# several at 8).
_HOUSE = rf"(?:[甲乙丙丁]{_S})?{_NUM}(?:{_S}[-－之]{_S}{_NUM})?"
_ROAD_NUMBER = re.compile(rf"(?P<road>{_ROAD}{_SECTION}{_LANE}){_S}(?P<no>{_HOUSE}){_S}号(?:院|楼)?(?P<parts>{_PARTS})")
_BUILDING = re.compile(
    rf"{_DIGITS}{_S}(?:号楼|栋|幢|座){_S}(?:{_DIGITS}{_S}单元{_S})?{_DIGITS}{_S}(?:室|户|号|层)?"
    rf"|{_DIGITS}{_S}单元{_S}{_DIGITS}{_S}(?:室|户|号)?"
    rf"|[{_HAN}]{{1,8}}(?:小区|花园|家园|公寓|新村|苑){_S}{_ZONE}{_DIGITS}{_S}(?:号楼|栋|幢|座|号(?![文令])|[#＃]{_S}楼)"
    # a community's or a compound's building (幸福社区6号楼, 供电局家属院3栋): its number names a home's building
    rf"|[{_HAN}]{{1,8}}(?:社区|家属院|大院){_S}{_ZONE}{_DIGITS}{_S}(?:号楼|栋|幢|[#＃]{_S}楼)"
    # 3#楼 is how builders and estates write 3号楼
    rf"|{_DIGITS}{_S}[#＃]{_S}楼{_S}(?:{_DIGITS}{_S}单元{_S})?(?:{_DIGITS}{_S}(?:室|户|号|层)?)?"
    # 红旗小区12-3-501: an estate's building, entrance and room written as numbers joined by hyphens
    # (a building numbered up to 999: 示例小区2024-01-05 is a date)
    rf"|[{_HAN}]{{1,8}}{_ESTATE}{_S}[0-9０-９]{{1,3}}(?:{_S}[-－]{_S}{_DIGITS}){{1,3}}"
    # 三号楼二单元五零一室: in Chinese numerals only the whole shape, down to a room of two numerals or more
    # (第一单元 is a lesson, 二室一厅 a flat's size)
    rf"|(?<!第){_NUM}{_S}(?:号楼|栋|幢|座){_S}(?:{_NUM}{_S}单元{_S})?{_ROOM}{_S}(?:室|户)"
    rf"|(?<!第){_NUM}{_S}单元{_S}{_ROOM}{_S}(?:室|户)"
    # 十五号楼五单元一四〇四: with the entrance between them, a building and a room of three or four numerals are a
    # flat's door though 室 is left out, as it is in figures (3号楼2单元501)
    rf"|(?<!第){_NUM}{_S}(?:号楼|栋|幢|座){_S}{_NUM}{_S}单元{_S}[一二三四五六七八九零〇]{{3,4}}(?:{_S}[号户])?(?![{_HAN}])"
    # 幸福小区三号楼: an estate's building in Chinese numerals, as in figures, with the entrance and the room
    # when they follow (幸福小区三号楼二单元五零一室 is one address)
    rf"|[{_HAN}]{{1,8}}(?:小区|花园|家园|公寓|新村|苑){_S}{_ZONE}(?<!第)[一二三四五六七八九十百零〇两]+{_S}(?:号楼|栋|幢)"
    rf"(?:{_S}{_NUM}{_S}单元{_S}(?:{_ROOM}{_S}(?:室|户|号)?)?)?"
    # A栋1903室, B座1203: a building named by a letter, and a room of three or four digits
    rf"|(?<![A-Za-z])[A-Za-zＡ-Ｚａ-ｚ]{_S}(?:栋|幢|座){_S}(?:{_DIGITS}{_S}单元{_S})?(?:[0-9０-９]{{3,4}}|{_DIGITS}{_S}室)"
    # B座11层3号, 5座12楼1203: a floor and the door on it (a floor alone, B座11层, is an office's too)
    rf"|(?<![A-Za-z])(?:[A-Za-zＡ-Ｚａ-ｚ]|{_DIGITS}{_S}号?){_S}(?:栋|幢|座|号楼){_S}{_DIGITS}{_S}(?:层|楼){_S}{_DIGITS}{_S}(?:号|室|户)")
_VILLAGE_GROUP = re.compile(
    # a village's group, production team (队, 生产队) or 社 as villages in Sichuan number them, a residents' group
    # (居民组), a row of houses (排)
    rf"[{_HAN}]{{1,8}}村(?:委会|民委员会)?{_S}(?:第{_S})?{_NUM}{_S}(?:(?:村民|居民)?小?组|生产队|队|社|排)(?:{_S}{_NUM}{_S}号)?"
    # a settlement named by its kind (向阳屯8队, 李家寨三组) and a production brigade's team (李庄大队第三生产队):
    # the rural groups of the north-east and of the old communes' names; 营, 集 and 店 are left out (宿营3队,
    # 收集3组数据)
    rf"|[{_HAN}]{{1,6}}(?:屯|寨|堡|(?<!村)庄){_S}(?:第{_S})?{_NUM}{_S}(?:(?:村民|居民)?小?组|生产队|小?队)(?:{_S}{_NUM}{_S}号)?"
    rf"|[{_HAN}]{{1,6}}大队{_S}(?:第{_S})?{_NUM}{_S}生产队"
    rf"|[{_HAN}]{{1,8}}村{_S}{_DIGITS}{_S}号"
    # a house number in a village named by its kind of settlement (李家屯12号, 王庄3号), not a document's number
    rf"|[{_HAN}]{{1,6}}(?:屯|寨|营|堡|庄|集|店|湾|洼|岗|坡|沟){_S}{_DIGITS}{_S}号(?![文令线])"
    rf"|(?<![{_HAN}])(?:第{_S})?{_NUM}{_S}(?:村民)?小?组{_S}{_NUM}{_S}号")
_DOOR = re.compile(rf"门牌(?:号码|号)?{_S}(?:[:：]{_S}[^\s，。；,;、]{{1,20}}|{_NUM})")
# Labels of a home address in forms and lists (住址：…); the value follows a colon or a space.
RESIDENCE_LABELS = ("家庭住址", "家庭地址", "现住址", "居住地址", "户籍地址", "现居住地", "居住地", "住址", "住所地",
                    "住所", "户籍地", "通讯地址", "联系地址", "收件地址", "家庭住所", "现居", "户籍所在地", "现住",
                    "家住", "现居住")
# Verbs that say where a person lives, the place right after them (家住示例镇张庄村, 现居住在幸福小区).
RESIDENCE_VERBS = ("家住在", "家住", "现住在", "现居住在", "居住在", "住在")
_LABELLED = re.compile(rf"(?:{'|'.join(sorted(RESIDENCE_LABELS, key=len, reverse=True))})(?:{_S}[:：]{_S}|[ \t\u3000]+)"
                       r"(?P<value>[^，。；,;\s]{2,40})")
_LIVES = re.compile(rf"(?:{'|'.join(RESIDENCE_VERBS)})(?P<value>[^，。；,;\s]{{2,40}})")
# After such a verb only a named place below the township counts (住在农村, 住在小区里 name none).
_NAMED_BELOW = re.compile(rf"[{_HAN}]{{2}}(?<!农)村|[{_HAN}]{{2}}(?:社区|小区|花园|家园|公寓|新村)|{_NUM}{_S}(?:号|组|栋|幢|单元|室)")
# Below the township: what a residence label's value must not hold.
_BELOW_TOWNSHIP = re.compile(rf"(?<!农)村|社区|小区|花园|家园|公寓|楼|栋|幢|单元|室|组|{_ROAD_END}|{_NUM}{_S}号")
# The administrative units before a road's own name (某省某市某区示例路: the road is 示例路).
_ADMIN = re.compile(r".*(?:省|自治区|市|区|县|旗|镇|乡|街道|办事处|村|社区)")


@dataclass(frozen=True, order=True)
class AddressSpan:
    start: int
    end: int
    shape: str  # 门牌, 楼栋, 村组, 门牌号, 住址

    def of(self, text: str) -> str:
        return text[self.start:self.end]


def normalise(text: str) -> str:
    """An address as compared: 全角 digits and letters made ordinary, spaces and brackets' contents kept."""
    return re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", text))


def road_and_number(text: str) -> tuple[str, str] | None:
    """The road's name and the house number of the first road address in the text (某区示例路1号 二楼 ->
    (示例路, 1)), or None when it has none."""
    match = _ROAD_NUMBER.search(normalise(text))
    if match is None:
        return None
    return _ADMIN.sub("", match.group("road")) or match.group("road"), match.group("no")


@dataclass(frozen=True)
class PublicAddresses:
    """The addresses published on purpose, as compared."""

    texts: tuple[str, ...] = ()

    @classmethod
    def of(cls, addresses: Iterable[str]) -> PublicAddresses:
        return cls(tuple(sorted({normalise(a) for a in addresses if a.strip()})))

    def covers(self, text: str, shape: str) -> bool:
        value = normalise(text)
        # a part of a published address, or one with the sentence's words before it (服务站设在幸福家园3号楼:
        # an estate's or a village's name is read with up to eight characters before it)
        if any(value in public or value.endswith(public) for public in self.texts):
            return True
        found = road_and_number(value) if shape in ("门牌", "住址") else None
        if found is None:
            return False
        # the same house of the same road (本局位于示例路1号 is 某区示例路1号: the road's name ends alike)
        return any(p is not None and p[1] == found[1] and found[0].endswith(p[0])
                   for p in map(road_and_number, self.texts))


def address_spans(text: str, public: PublicAddresses = PublicAddresses()) -> list[AddressSpan]:
    """Every home address below the township in one unit of text, except the ones published on purpose."""
    if not _MAYBE.search(text):
        return []
    found: list[AddressSpan] = []
    for pattern, shape in ((_LABELLED, "住址"), (_ROAD_NUMBER, "门牌"), (_BUILDING, "楼栋"),
                           (_VILLAGE_GROUP, "村组"), (_DOOR, "门牌号"), (_LIVES, "住址")):
        for match in pattern.finditer(text):
            start, end = match.span("value") if shape == "住址" else match.span()
            if pattern is _LIVES and any(s.start < end and start < s.end for s in found):
                continue  # 家住人民路12号: the shape found inside says more (and what a published address covers)
            below = _NAMED_BELOW if pattern is _LIVES else _BELOW_TOWNSHIP
            if shape == "住址" and not below.search(match.group("value")):
                continue  # 住址：示例镇 (down to the township, as the rules ask)
            if shape == "门牌":
                start = _road_start(text, match)
            if any(s.start <= start and end <= s.end for s in found):
                continue
            if public.covers(text[start:end], shape):
                continue
            found = [s for s in found if not (start <= s.start and s.end <= end)]
            found.append(AddressSpan(start, end, shape))
    return sorted(found)


def _road_start(text: str, match: re.Match) -> int:
    """Where the road's name begins: after the administrative units and words before it (家住某区人民路 ->
    人民路), so the value is the address and not the sentence."""
    road = match.group("road")
    rest = _ADMIN.sub("", road) or road
    # 家住人民路, 本局位于示例路: the words before the road's name
    rest = _BEFORE_ROAD.sub("", rest) if len(_BEFORE_ROAD.sub("", rest)) >= 2 else rest
    return match.start() + len(road) - len(rest)


_BEFORE_ROAD = re.compile(r"^.*(?:住|在|于|址|处|是|为)")


# Every shape holds a number before 号, 组, 栋, 单元, 室 …, a 门牌, a residence label or an estate's name and a number
# (speed: most text has none; the engine skips to the characters these begin with: leading.py).
_MAYBE_WHOLE = re.compile(rf"{_NUM}{_S}(?:号|栋|幢|座|单元|室|楼|层|户|(?:村民|居民)?小?组|生产队|队|社|排)|门牌|"
                    rf"{'|'.join(RESIDENCE_LABELS + RESIDENCE_VERBS)}"
                    rf"|{_ESTATE}{_S}[0-9０-９]|[A-Za-zＡ-Ｚａ-ｚ]{_S}(?:栋|幢|座)")
_MAYBE = skipping(_MAYBE_WHOLE)


def maybe_address(text: str) -> bool:
    """Whether the text may hold an address at all (one search; most text does not)."""
    return bool(_MAYBE.search(text))


def mask_address(value: str) -> str:
    """An address as messages show it: every number starred (人民路**号*栋*单元***室)."""
    value = re.sub(r"[0-9０-９]", "*", value)
    return re.sub(r"[一二三四五六七八九十百零〇两]+(?=号|组|栋|幢|单元|室|楼|层|户)", lambda m: "*" * len(m.group()), value)
