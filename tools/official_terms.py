"""The site's official vocabulary a citizen meets, ranked by how much it matters to the public, and whether
data/search/synonyms.yml bridges each term from everyday words yet.

    PYTHONPATH=hooks .venv/bin/python tools/official_terms.py            # the top 600, unbridged marked with *
    PYTHONPATH=hooks .venv/bin/python tools/official_terms.py --top 300 --unbridged

Why: entries added one failing question at a time do not reach the next visitor's words. This lists the terms
from the site's side instead — the law articles and the bureau's documents (data/laws, policies, benefits,
guides, qa, cases) cut by jieba, nouns, verbs and terms kept — so that each can be given the ways people say it.

Relevance, not frequency alone: a unit of text (a law article, an answer, a benefit, a guide, a case) counts when
it is about something a citizen has or does (rights, benefits, procedures, money, family, health, housing, work,
education, land, pensions, death and burial, disability, complaints, disclosure: THEMES, by cue characters and
words); the texts written for the public (Q&A, benefits, guides, cases) weigh three times a law article, policies
twice; words of how government is organised and how laws are drafted (GOVERNANCE) are left out, and so are words
held by most units (they name no subject: 退役军人, 国家).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SOURCES = {"laws": 1.0, "policies": 2.0, "benefits": 3.0, "guides": 3.0, "qa": 3.0, "cases": 3.0}
# jieba's tags kept: nouns, other proper nouns, verbal nouns, verbs, idioms and set phrases, abbreviations
TAGS = {"n", "nz", "vn", "v", "l", "i", "j", "an"}
# What a unit is about, by words in it: a unit holding one of a theme's cues is about that theme.
THEMES = {
    "权益": ["权益", "优待", "优先", "待遇", "荣誉", "优惠"],
    "钱": ["抚恤金", "补助", "补贴", "资助", "奖励", "工资", "收入", "贷款", "税收", "减免", "免费", "费用", "退役金",
          "褒扬金", "慰问金", "生活费", "医疗费", "护理费", "丧葬"],
    "办事": ["申请", "办理", "证明", "材料", "登记", "手续", "报到", "审核", "受理", "核发", "领取", "证件", "档案"],
    "家": ["家属", "配偶", "子女", "父母", "遗属", "亲属", "抚养", "赡养", "婚姻", "随军", "户口", "户籍"],
    "健康": ["医疗", "就医", "疾病", "伤病", "护理", "康复", "医院", "体检", "心理", "医疗保险"],
    "住": ["住房", "房屋", "住宅", "宅基地", "公寓", "租赁"],
    "工作": ["就业", "岗位", "招聘", "招用", "职业", "劳动", "创业", "经营", "培训", "录用", "工龄", "公务员"],
    "学": ["教育", "学校", "入学", "学历", "考试", "学费", "招生", "录取", "升学"],
    "地": ["土地", "承包", "耕地", "宅基地", "农村", "集体经济"],
    "养老": ["养老", "退休", "供养", "光荣院", "老年", "养老保险"],
    "身后": ["牺牲", "死亡", "病故", "安葬", "丧葬", "墓", "祭扫", "遗体", "骨灰"],
    "残疾": ["残疾", "伤残", "致残", "残疾等级", "评残"],
    "投诉": ["投诉", "举报", "信访", "来信来访", "申诉", "复议", "诉讼", "起诉", "法律援助", "赔偿", "仲裁"],
    "公开": ["信息公开", "依申请", "查询", "个人信息", "政府信息"],
}
# How government is organised and how laws are drafted: not what a citizen looks for.
GOVERNANCE = set("""
国务院 中央军事委员会 人民政府 县级 以上 地方 各级 部门 主管部门 有关部门 工作 规定 本法 本条例 条例 法律 法规 行政法规
依照 依法 按照 应当 可以 负责 实施 执行 组织 机关 单位 国家 社会 人员 情况 有关 相关 管理 制定 建立 健全 加强 推进 开展
做好 落实 完善 保障 支持 鼓励 协调 指导 监督 检查 职责 分工 决定 通过 施行 公布 修订 修正 会议 全国人民代表大会
常务委员会 委员会 中华人民共和国 中国 人民 军队 部队 政治 工作部门 行政区域 本行政区域 区域 第一 第二 其他 需要 具体
进行 给予 予以 纳入 提供 享受 享有 符合 条件 规定 标准 办法 措施 制度 机制 政策 方面 期间 之日 以内 以上 以下 包括
本办法 本规定 国防 军事 武装力量 解放军 中国人民解放军 人民武装警察部队 中央 省 自治区 直辖市 设区 县 乡镇 街道办事处
违反 责任 处分 构成 犯罪 追究 刑事责任 直接 负责 主管人员 直接责任 人员 领导 党 共产党 中国共产党 坚持 原则 目的 根据
宪法 事项 内容 形式 活动 方式 水平 发展 建设 经济 计划 统一 统筹 综合 作出 确定 公民 个人 单位 主体 处理 应 当
相应 没有 提出 协助 支配 采取 定为 被评 解决 得到 继续 完成 要求 确认 力度 加大 发现 获得 实行 参照 会同 来源 具体办法
示例 全国 下列 不得 范围 本区 本局 本站 各街道 所在地 事务局 办事处 行政 政府 机构 能力 对象 问题 项目 文件 通知 年度
规范性 案例 精神 文化 选择 集中 行为 维护 保护 服务 设施 工作人员 本法所称 所称 之一 之间 一定 有权 认为 取得 使用 作为
属于 存在 涉及 明确 规范 告知 听取 意见 研究 公告 发布 印发 现将 如下 结合 实际 进一步 切实 认真 及时 有效 积极 主动
""".split())
MOST_UNITS = 0.25  # a word held by more units than this share names no subject


def _texts(value) -> list[str]:
    """Every string inside a YAML value, skipping review records (审核: who drafted and signed)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in ("审核", "编号") for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def units() -> list[tuple[str, float]]:
    """(text, weight) of each unit: a law article, else each entry of a YAML list of entries, else a file."""
    out: list[tuple[str, float]] = []
    for source, weight in SOURCES.items():
        for path in sorted((REPO / "data" / source).rglob("*")):
            if path.suffix == ".md" and "versions" not in path.parts:
                text = path.read_text(encoding="utf-8").split("<!-- INFO END -->")[-1]
                out += [(a, weight) for a in re.split(r"\n(?=第[一二三四五六七八九十百零]+条)", text) if a.strip()]
            elif path.suffix == ".yml":
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                entries = next((v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)),
                               None) if isinstance(data, dict) else None
                parts = entries if entries and len(entries) > 1 else [data]
                out += [(" ".join(_texts(p)), weight) for p in parts]
    return out


def ranked(top: int) -> list[tuple[str, float, list[str]]]:
    """(term, score, themes) of the `top` terms: the sum over the units on a citizen's subject holding the term of
    the unit's weight (more for more subjects), half as much again for a term that is a subject's word, times the
    term's specificity (log of units over units holding it)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    found = units()
    holding: dict[str, set[int]] = defaultdict(set)
    score: dict[str, float] = defaultdict(float)
    themes_of: dict[str, set[str]] = defaultdict(set)
    for u, (text, weight) in enumerate(found):
        themes = [t for t, cues in THEMES.items() if any(c in text for c in cues)]
        if not themes:
            continue
        words = {w.word for w in jieba.posseg.cut(text)
                 if w.flag in TAGS and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", w.word) and w.word not in GOVERNANCE}
        for word in words:
            holding[word].add(u)
            # a unit on several of a citizen's subjects counts more, but not in proportion (a long file is on all)
            score[word] += weight * (1 + math.log(len(themes)))
            themes_of[word].update(themes)
    # a term that is itself one of the subjects' words (抚恤金, 宅基地) is what a citizen looks for
    for word in score:
        if any(c in word or word in c for cues in THEMES.values() for c in cues if len(c) >= 2):
            score[word] *= 1.5
    n = len(found)
    out = [(w, s * math.log(n / len(holding[w])), sorted(themes_of[w])) for w, s in score.items()
           if s > 0 and len(holding[w]) <= MOST_UNITS * n and len(holding[w]) >= 2]
    return sorted(out, key=lambda x: (-x[1], x[0]))[:top]


def bridged() -> set[str]:
    """The official terms synonyms.yml gives everyday words for, and the members of its synonym groups."""
    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))
    return ({w for g in data.get("同义词", []) for w in g}
            | {w for e in data.get("俗称", []) for w in e["正式说法"]})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=600)
    parser.add_argument("--unbridged", action="store_true", help="only the terms no entry bridges yet")
    args = parser.parse_args()
    have = bridged()
    rows = ranked(args.top)
    for rank, (word, score, themes) in enumerate(rows, 1):
        mark = " " if word in have else "*"
        if args.unbridged and mark == " ":
            continue
        print(f"{rank:4d} {mark} {word}\t{score:.0f}\t{'、'.join(themes)}")
    print(f"{sum(1 for w, _, _ in rows if w in have)} of {len(rows)} terms bridged", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
