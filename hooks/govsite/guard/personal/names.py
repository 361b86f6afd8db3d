"""Is this text a person's name? Headers that announce names, masked names, and cells that look like names.

A full name is two to four Chinese characters beginning with a surname (surnames.txt: 《百家姓》 plus a few
common modern forms). That shape alone would take many words for names (安置, 高级, 方案 begin with surnames),
so jieba's part-of-speech tagger decides: a name is one word it tags as a person's name (nr), or a surname it
cannot join to what follows (赵 + 大军). jieba is loaded only when some text has the shape of a name.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# 张*明, 李*, 欧阳*华, 张某, 王某某 (the usual form in published cases)
_MASKED = re.compile(rf"^[{_CJK}]{{1,2}}(?:[*＊×xX]+[{_CJK}]?|某{{1,2}})$")
_HAN_ONLY = re.compile(rf"^[{_CJK}]+$")
_HAS_HAN = re.compile(rf"[{_CJK}]")

# Headers (and YAML keys) whose every value is a person's name: anything not masked is a leak.
NAME_HEADERS = ("姓名", "名字")
# Headers that usually hold people but may hold categories (人员: 退役士兵): a value is a leak when it looks
# like a name.
# Keys of this site's schemas that end like a word for people but hold categories or document ids.
NOT_PEOPLE = ("适用对象", "服务对象", "解读对象", "安置对象", "普法对象", "联系人电话")
PEOPLE_HEADERS = ("人员", "对象", "申请人", "联系人", "负责人", "经办人", "当事人", "户主", "家属", "配偶", "子女",
                  "获得者", "获奖者", "名单", "收款人", "户名", "受益人", "被申请人", "申报人", "本人")
# Values in a name column that are not names.
PLACEHOLDERS = {"无", "暂无", "空缺", "待定", "略", "（略）", "见附件", "同上", "不详", "合计", "小计", "总计"}
_TAGS_OF_NAMES = {"nr", "nrfg", "nrt"}
# A surname and a form of address (王老师, 李科长) names a contact the way offices publish them: not a full name.
TITLES = {"老师", "先生", "女士", "同志", "主任", "科长", "处长", "局长", "站长", "所长", "书记", "经理", "师傅", "医生",
          "大夫", "律师", "警官", "干事", "专员", "阿姨"}


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


def normalise_header(text: str) -> str:
    """Header or key as meant: spaces of every width, emphasis marks, a trailing colon and 全角 forms removed."""
    text = unicodedata.normalize("NFKC", text)  # 全角 letters and digits, U+3000 -> ordinary forms
    return re.sub(r"[\s\u200b*_`~:：]+", "", text)


def header_kind(text: str) -> str:
    """'name' for a column of names (姓 名, 名字 …), 'people' for a column that may list people, else ''."""
    header = normalise_header(text)
    if not header:
        return ""
    if header in NAME_HEADERS or header.endswith(NAME_HEADERS):
        return "name"
    if header.endswith(PEOPLE_HEADERS) and header not in NOT_PEOPLE:
        return "people"
    return ""


def is_masked_name(value: str) -> bool:
    """张*明, 李*, 欧阳*华, 张某: the surname, asterisks (or 某), at most one more character."""
    return bool(_MASKED.match(value.strip()))


def _surname_of(text: str) -> str:
    if text[:2] in COMPOUND_SURNAMES:
        return text[:2]
    return text[:1] if text[:1] in SINGLE_SURNAMES else ""


def name_shaped(value: str) -> bool:
    """Two to four Chinese characters after a known surname (the cheap test before jieba)."""
    text = re.sub(r"[\s\u3000]+", "", value)
    if not _HAN_ONLY.match(text) or not 2 <= len(text) <= 4:
        return False
    surname = _surname_of(text)
    return bool(surname) and 1 <= len(text) - len(surname) <= 2


@functools.lru_cache(maxsize=1)
def _tagger():
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.lcut


@functools.lru_cache(maxsize=4096)
def looks_like_name(value: str) -> bool:
    """A Chinese full name (not masked): name-shaped, and jieba reads it as a person's name."""
    text = re.sub(r"[\s\u3000]+", "", value)
    if not name_shaped(text) or is_masked_name(text) or text[len(_surname_of(text)):] in TITLES:
        return False
    words = _tagger()(text)
    if len(words) == 1:
        return words[0].flag in _TAGS_OF_NAMES
    surname = _surname_of(text)
    return words[0].word == surname and all(len(w.word) <= 2 for w in words[1:])


def is_name_value(value: str) -> bool:
    """A value under a name field or column (the header says it holds names): any Chinese text that is not
    masked or a placeholder is an unmasked name (王建华, 王建华（已故）, a name with a rare surname)."""
    text = value.strip()
    return bool(text) and bool(_HAS_HAN.search(text)) and len(text) <= 30 and text not in PLACEHOLDERS \
        and not is_masked_name(text)


def is_form_name(value: str) -> bool:
    """The value beside a name label in a form (姓名 | 王建华): Chinese characters only, as a name is written
    (阿依古丽·买买提 too), not a hint such as （签字） or □男 □女."""
    text = re.sub(r"[\s\u3000]+", "", value)
    if not text or text in PLACEHOLDERS or is_masked_name(text):
        return False
    return bool(re.fullmatch(rf"[{_CJK}]{{2,6}}|[{_CJK}]+(?:[·•．][{_CJK}]+)+", text)) and len(text) <= 20


def mask_name(value: str) -> str:
    value = value.strip()
    return value[:1] + "*" * max(len(value) - 1, 1)
