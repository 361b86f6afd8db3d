"""阳光安置: one YAML file per year (data/placements/<年度>.yml) → a page per year, an overview page, and
one 安置公示 notice per stage (安置计划, 赋分排名, 选岗结果), so each stage reaches the feeds.

Consistency rules, each an error naming the line:
- 排名 follows 量化评分 from high to low. Ties: the earlier 入伍时间 ranks first; if that is equal too,
  the smaller 编号 (as text) ranks first. Ranks are 1, 2, 3 … without gaps or repeats.
- 服役年限 is the whole years from 入伍时间 to 退役时间.
- 选岗结果 only names people in the ranking (same 编号 and 姓名), each once, on a post of the plan, and no
  post receives more people than its 名额.
- Supervision: at least one 纪检监察 and one 公证 phone (四公开一监督).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import lifecycle
from ...build import load_yaml_checked
from ...document import Body
from ...model import ContentType, Site
from ...schema import parse_datetime
from ...yamlfile import Located
from ..notices import Notice, make_period, register_notice
from ..notices import model as notices_model

HERE = Path(__file__).parent
FOLDER = "placements"
NOTICE_CATEGORY = "安置公示"
STAGES = (  # key in 阶段, slug part of the notice, title of the notice
    ("安置计划", "jihua", "安置计划公示"),
    ("赋分排名", "paiming", "量化评分及排名公示"),
    ("选岗结果", "jieguo", "选岗结果公示"),
)
# The year page's sections, each shown once its stage is published: (stage, anchor, heading)
SECTIONS = (("安置计划", "jihua", "安置计划"), ("赋分排名", "paiming", "量化评分及排名"), ("选岗结果", "jieguo", "选岗结果"))
NATURES = ("事业单位", "国有企业")
SCORE_BIN = 5  # width of a bar in the score distribution chart


@dataclass
class Stage:
    key: str  # 安置计划 / 赋分排名 / 选岗结果
    title: str
    note: str
    notice: Notice | None = None


@dataclass
class Round:
    """One year's placement round."""

    year: int
    title: str
    file: str
    data: dict
    sample: bool
    stages: list[Stage] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{FOLDER}/{self.year}/"

    @property
    def src_uri(self) -> str:
        return f"{FOLDER}/{self.year}.md"

    def shows(self, key: str) -> bool:
        """Whether the stage `key` is published (a draft or scheduled stage's data stays off every page)."""
        return any(stage.key == key for stage in self.stages)

    @property
    def plan(self) -> list[dict]:
        return self.data["安置计划"]

    @property
    def ranking(self) -> list[dict]:
        return sorted(self.data["排名"], key=lambda p: p["排名"])

    @property
    def results(self) -> list[dict]:
        """Results in the order people chose: by their rank."""
        rank = {p["编号"]: p["排名"] for p in self.data["排名"]}
        return sorted(self.data["选岗结果"], key=lambda r: rank.get(r["编号"], 0))

    @property
    def places(self) -> int:
        return sum(p["名额"] for p in self.plan)

    @property
    def placed(self) -> int:
        return len(self.data["选岗结果"])

    def nature_of(self, unit: str) -> str:
        return next((p["单位性质"] for p in self.plan if p["接收单位"] == unit), "")

    def places_by_nature(self) -> list[dict]:
        rows = []
        for nature in NATURES:
            rows.append({"label": nature,
                         "value": sum(p["名额"] for p in self.plan if p["单位性质"] == nature),
                         "placed": sum(1 for r in self.data["选岗结果"] if self.nature_of(r["接收单位"]) == nature)})
        return rows

    def score_bins(self) -> list[dict]:
        """Counts of 量化评分 in bins of SCORE_BIN points: [low, low + SCORE_BIN)."""
        scores = [p["量化评分"] for p in self.data["排名"]]
        low = int(math.floor(min(scores) / SCORE_BIN) * SCORE_BIN)
        high = int(math.floor(max(scores) / SCORE_BIN) * SCORE_BIN)
        return [{"label": f"{start}–{start + SCORE_BIN}", "low": start, "high": start + SCORE_BIN,
                 "count": sum(1 for s in scores if start <= s < start + SCORE_BIN)}
                for start in range(low, high + SCORE_BIN, SCORE_BIN)]


def months_between(start: str, end: str) -> int:
    (y1, m1), (y2, m2) = (map(int, start.split("-")), map(int, end.split("-")))
    return (y2 - y1) * 12 + (m2 - m1)


def expected_order(people: list[dict]) -> list[dict]:
    """The ranking the rules give: higher 量化评分 first, then earlier 入伍时间, then smaller 编号."""
    return sorted(people, key=lambda p: (-p["量化评分"], p["入伍时间"], p["编号"]))


def check_round(site: Site, located: Located, year_in_name: int) -> bool:
    """Every consistency rule; returns True when the round is usable."""
    data, file = located.data, located.file
    problems_before = len(site.problems.errors)

    def error(path: tuple, field_: str, message: str) -> None:
        site.problems.error(file, located.line_of(path), field_, message)

    if data["年度"] != year_in_name:
        error(("年度",), "年度", f"年度 {data['年度']} 与文件名 {year_in_name}.yml 不一致")
    kinds = {p["监督类别"] for p in data["监督电话"]}
    for needed in ("纪检监察", "公证"):
        if needed not in kinds:
            error(("监督电话",), "监督电话", f"缺少{needed}机构的监督电话；阳光安置须接受纪检监察和公证的现场监督")

    posts: dict[tuple[str, str], int] = {}
    for i, post in enumerate(data["安置计划"]):
        key = (post["接收单位"], post["岗位"])
        if key in posts:
            error(("安置计划", i, "岗位"), f"安置计划[{i + 1}].岗位", f"“{key[0]} · {key[1]}”重复列出；同一岗位请合并名额")
        posts[key] = posts.get(key, 0) + post["名额"]
    units = {}
    for i, post in enumerate(data["安置计划"]):
        other = units.setdefault(post["接收单位"], post["单位性质"])
        if other != post["单位性质"]:
            error(("安置计划", i, "单位性质"), f"安置计划[{i + 1}].单位性质",
                  f"{post['接收单位']}的单位性质前后不一致（{other} / {post['单位性质']}）")

    people = data["排名"]
    by_number: dict[str, int] = {}
    for i, person in enumerate(people):
        where = f"排名[{i + 1}]"
        if person["编号"] in by_number:
            error(("排名", i, "编号"), f"{where}.编号", f"编号 {person['编号']} 重复")
        by_number.setdefault(person["编号"], i)
        months = months_between(person["入伍时间"], person["退役时间"])
        if months <= 0:
            error(("排名", i, "退役时间"), f"{where}.退役时间", "退役时间应晚于入伍时间")
        elif person["服役年限"] != months // 12:
            error(("排名", i, "服役年限"), f"{where}.服役年限",
                  f"服役年限 {person['服役年限']} 与入伍时间 {person['入伍时间']}、退役时间 {person['退役时间']} 不符，"
                  f"按整年计算应为 {months // 12}")
    for rank, person in enumerate(expected_order(people), start=1):
        if person["排名"] != rank:
            i = people.index(person)
            error(("排名", i, "排名"), f"排名[{i + 1}].排名",
                  f"编号 {person['编号']}（{person['姓名']}，量化评分 {person['量化评分']:g}）的排名应为 {rank}，"
                  f"实际填写 {person['排名']}；"
                  f"排名按量化评分从高到低，评分相同的入伍时间早者在前，入伍时间也相同的按编号顺序")

    chosen: dict[tuple[str, str], int] = {}
    seen: set[str] = set()
    for i, result in enumerate(data["选岗结果"]):
        where = f"选岗结果[{i + 1}]"
        number = result["编号"]
        if number not in by_number:
            error(("选岗结果", i, "编号"), f"{where}.编号", f"编号 {number} 不在排名名单中；选岗结果只能包含参加赋分排名的人员")
            continue
        person = people[by_number[number]]
        if person["姓名"] != result["姓名"]:
            error(("选岗结果", i, "姓名"), f"{where}.姓名",
                  f"姓名“{result['姓名']}”与排名名单中编号 {number} 的“{person['姓名']}”不一致")
        if number in seen:
            error(("选岗结果", i, "编号"), f"{where}.编号", f"编号 {number} 出现了两次；每人只能选定一个岗位")
        seen.add(number)
        key = (result["接收单位"], result["岗位"])
        if key not in posts:
            error(("选岗结果", i, "岗位"), f"{where}.岗位", f"“{key[0]} · {key[1]}”不在本年度安置计划中")
            continue
        chosen[key] = chosen.get(key, 0) + 1
        if chosen[key] > posts[key]:
            error(("选岗结果", i, "岗位"), f"{where}.岗位",
                  f"“{key[0]} · {key[1]}”的名额为 {posts[key]}，选岗结果已超出")

    times = {key: parse_datetime(data["阶段"][key]["发布时间"]) for key, _slug, _title in STAGES}
    for (first, _s1, _t1), (second, _s2, _t2) in zip(STAGES, STAGES[1:]):
        if times[second] < times[first]:
            error(("阶段", second, "发布时间"), f"阶段.{second}.发布时间", f"{second}公示的发布时间早于{first}公示")
    return len(site.problems.errors) == problems_before


def _stage_notice(site: Site, round_: Round, located: Located, key: str, slug: str, title: str, category) -> Notice | None:
    stage = round_.data["阶段"][key]
    published = parse_datetime(stage["发布时间"])
    raw = stage["公示期"]
    period = make_period(site, dt.date.fromisoformat(raw["开始"]), raw.get("工作日"),
                         dt.date.fromisoformat(raw["结束"]) if "结束" in raw else None,
                         located.file, located.key_line_of(("阶段", key, "公示期")), f"阶段.{key}.公示期")
    if period is None:
        return None
    if period.start < published.date():
        site.problems.error(located.file, located.line_of(("阶段", key, "公示期", "开始")), f"阶段.{key}.公示期.开始",
                            f"公示期开始于 {period.start}，早于发布时间 {published.date()}")
        return None
    summaries = {
        "安置计划": f"{round_.year}年度安排退役士兵工作任务：{len({p['接收单位'] for p in round_.plan})}个接收单位，"
                    f"共{round_.places}个岗位名额。",
        "赋分排名": f"{round_.year}年度政府安排工作退役士兵{len(round_.data['排名'])}人的量化评分和排名。",
        "选岗结果": f"{round_.year}年度政府安排工作退役士兵{round_.placed}人按排名顺序选岗的结果。",
    }
    phones = [{"单位": p["单位"], "电话": p["电话"]} for p in round_.data["监督电话"]]
    sample = "（示例）" if round_.sample else ""

    return Notice(id=f"notices/{published.year}/yangguang-anzhi-{round_.year}-{slug}", year=published.year,
                  slug=f"yangguang-anzhi-{round_.year}-{slug}", title=f"{round_.year}年度退役士兵{title}{sample}",
                  category=category, published=published, publisher=site.settings.get("机构名称", ""),
                  summary=summaries[key], index_no=stage.get("索引号", ""), period=period, phones=phones,
                  file=located.file, line=located.key_line_of(("阶段", key)), sample=round_.sample,
                  body=Body(template="placements/stage.html",
                            context=(("round", round_), ("stage_key", key), ("note", stage.get("说明", "")))),
                  index_line=located.key_line_of(("阶段", key, "索引号" if "索引号" in stage else "发布时间")))


class Placements(ContentType):
    name = "placements"
    label = "阳光安置"
    order = 45  # after notices (40): its stages are published as 安置公示 notices

    def load(self, site: Site) -> None:
        rounds: list[Round] = []
        folder = site.data_dir / FOLDER
        paths = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
        for path in paths:
            file = site.rel(path)
            if not re.fullmatch(r"\d{4}\.ya?ml", path.name):
                site.problems.error(file, 0, "", "阳光安置数据文件应命名为“年份.yml”，如 data/placements/2023.yml")
                continue
            located = load_yaml_checked(site, path, HERE / "placement.schema.json")
            if not located or not check_round(site, located, int(path.stem)):
                continue
            data = located.data
            round_ = Round(year=data["年度"], title=data["标题"], file=file, data=data, sample=bool(data.get("示例")))
            category = notices_model(site).category(NOTICE_CATEGORY)
            if category is None:
                site.problems.error(file, 1, "", f"公示公告类别中没有“{NOTICE_CATEGORY}”，阳光安置的公示无法发布；"
                                                 f"请在 data/notices/categories.yml 中保留该类别")
                continue
            for key, slug, title in STAGES:
                notice = _stage_notice(site, round_, located, key, slug, title, category)
                if notice is None:
                    continue
                # Each stage is published on its own (its 发布时间, review record, 草稿 / 定时发布 / 撤回).
                admission = lifecycle.admit(
                    site, located, ("阶段", key), kind=f"{NOTICE_CATEGORY}（{title}）", title=notice.title,
                    url=notice.url, published=notice.published, index_no=notice.index_no,
                    index_line=notice.index_line, catalogue=True)
                if not admission:
                    continue
                notice.lifecycle = admission.lifecycle
                stage = Stage(key=key, title=title, note=data["阶段"][key].get("说明", ""), notice=notice)
                if register_notice(site, notice):
                    round_.stages.append(stage)
            if round_.stages:  # a round is on the site from its first published stage
                rounds.append(round_)
        site.models[self.name] = sorted(rounds, key=lambda r: -r.year)

    def pages(self, site: Site, renderer):
        rounds = site.models[self.name]
        yield renderer.page(f"{FOLDER}/index.md", "阳光安置", "placements/index.html",
                            meta={"description": "退役士兵安置计划、量化评分排名和选岗结果，公开、公平、公正。"},
                            rounds=rounds, today_=site.today)
        for round_ in rounds:
            yield renderer.page(round_.src_uri, round_.title, "placements/year.html",
                                meta={"description": f"{round_.year}年度安置计划、赋分排名与选岗结果"},
                                toc=[(2, anchor, label) for key, anchor, label in SECTIONS if round_.shows(key)]
                                + [(2, "jiandu", "监督电话")],
                                round=round_, feed=notices_model(site).category(NOTICE_CATEGORY).slug,
                                statuses={s.key: s.notice.status(site.today) for s in round_.stages})


CONTENT_TYPE = Placements()
