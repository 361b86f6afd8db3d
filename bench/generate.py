"""Generate a realistic site of N documents for benchmarks (build speed, search at scale).

    .venv/bin/python bench/generate.py --docs 10000 --out /tmp/site-10k [--seed 1]

The output is a copy of this repository's site sources (mkdocs.yml, content, data, hooks, overrides) plus N
generated documents of every content type, written the way editors would. Each generated file starts from one
of the repository's own demo files of that type (loaded, then its ids, 索引号, 文号, dates, titles and text are
varied), so a field a content type adds later is carried along and format drift shows up as a failing
`python -m govsite check` (tests/unit/test_bench_generate.py) instead of a silently unrealistic benchmark:

  policies (data/policies/)  interpretations (data/interpretations/)  notices with 公示期 (content/notices/<年>/)
  laws (data/laws/ + texts in the LawRefBook format, 20–60 articles each; each article counts as a document)
  普法 news (content/pufa/news/)  Q&A (data/qa/, each question counts)  benefits (data/benefits/items/)
  placements (data/placements/<年>.yml, one per year without one; each counts as a document)

Text is sampled sentence by sentence from the real law texts in data/laws/texts/ (not one repeated phrase).
Everything generated is marked as a sample (示例, 测试用). The same --seed gives byte-identical output.
Build the result with `mkdocs build` (not --strict: generated policies have no interpretation warnings etc.).
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SITE_PARTS = ("mkdocs.yml", "content", "data", "hooks", "overrides")
ORG_CODE = "11410100MB0000000X"
# Share of the N documents per type (laws: articles; Q&A: questions; placements are one per free year, on top).
MIX = (("policy", 0.27), ("interpretation", 0.09), ("notice", 0.30), ("law_article", 0.22),
       ("pufa_news", 0.06), ("qa", 0.05), ("benefit", 0.01))
YEARS = range(2019, 2027)
LAST_DAY = dt.date(2026, 11, 20)  # 公示期 of 5 工作日 must end in a year the holiday calendar knows
DIGITS = "零一二三四五六七八九"


class _Loader(yaml.SafeLoader):
    """Dates stay strings, as in the engine (govsite.yamlfile)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, the way editors write 正文."""


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def chinese_number(n: int) -> str:
    """1 → 一, 21 → 二十一, 105 → 一百零五 (article numbers in law texts)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    return head + ("零" + DIGITS[rest] if rest < 10 else chinese_number(rest) if rest >= 20 else "一" + chinese_number(rest))


def law_sentences(source: Path) -> list[str]:
    sentences = []
    for path in sorted((source / "data" / "laws" / "texts").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("<!-- INFO END -->", 1)[-1]
        for line in body.splitlines():
            line = re.sub(r"^第[零〇一二三四五六七八九十百千]+条\s*", "", line.strip())
            if not line or line.startswith(("#", "<!--")):
                continue
            for sentence in re.findall(r"[^。；]+[。；]", line):
                if 8 <= len(sentence) <= 160:
                    sentences.append(sentence.rstrip("；") + ("" if sentence.endswith("。") else "。"))
    return sentences


def read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def read_markdown(path: Path) -> tuple[list[str], dict, str]:
    """(comment lines of the front matter, front matter, body) of an editor's page."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    comments = [line for line in front.splitlines() if line.startswith("#")]
    return comments, yaml.load(front, Loader=_Loader), body


def citations(text: str) -> list[str]:
    """[[简称#条]] citations in a demo text: real articles, kept in generated text so crossref stays exercised."""
    return re.findall(r"\[\[[^\]]+\]\]", text)


class Writer:
    def __init__(self, out: Path, seed: int, source: Path):
        self.out = out
        self.source = source
        self.rng = random.Random(seed)
        self.sentences = law_sentences(source)
        self.index_seq = dict.fromkeys(YEARS, 20000)  # above the demo data's numbers
        self.doc_no = dict.fromkeys(YEARS, 500)
        self.policies: list[tuple[str, dt.date]] = []  # (id, 发布日期)
        self.templates = {
            "policy": self._yaml_templates("data/policies/*.yml"),
            "interpretation": self._yaml_templates("data/interpretations/*.yml"),
            "law": self._yaml_templates("data/laws/*.yml"),
            "qa": self._yaml_templates("data/qa/*.yml"),
            "benefit": self._yaml_templates("data/benefits/items/*.yml"),
            "placement": self._yaml_templates("data/placements/*.yml"),
            # Corrections (更正) point at another notice: not a template for a stand-alone one.
            "notice": [t for t in self._md_templates("content/notices/*/*.md") if "更正" not in t[2]],
            "pufa_news": self._md_templates("content/pufa/news/*.md"),
        }
        categories = read_yaml(source / "data/notices/categories.yml")
        self.categories = [c["名称"] for c in categories["类别"]]
        self.cited = sorted({c for kind in ("qa", "benefit") for _, text, _ in self.templates[kind]
                             for c in citations(text)})

    # -- templates -------------------------------------------------------------------------------------------
    def _yaml_templates(self, pattern: str) -> list[tuple[str, str, dict]]:
        """(schema comment line, raw text, data) of every demo file matching pattern."""
        found = []
        for path in sorted(self.source.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            comment = next((line for line in text.splitlines() if "$schema=" in line), "")
            found.append((comment, text, read_yaml(path)))
        return found

    def _md_templates(self, pattern: str) -> list[tuple[list[str], dict, str]]:
        return [read_markdown(path) for path in sorted(self.source.glob(pattern))]

    def pick(self, kind: str):
        if not self.templates[kind]:
            raise SystemExit(f"no demo file of type {kind} to use as a template")
        return copy.deepcopy(self.rng.choice(self.templates[kind]))

    # -- text and values -------------------------------------------------------------------------------------
    def paragraph(self, low=1, high=4) -> str:
        return "".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(low, high)))

    def body(self, low: int, high: int) -> str:
        return "\n\n".join(self.paragraph() for _ in range(self.rng.randint(low, high)))

    def sectioned_body(self, sections: int) -> str:
        parts = []
        for number in range(1, sections + 1):
            parts += [f"## {chinese_number(number)}、{self.title_words()}", self.body(1, 4)]
        return "\n\n".join(parts)

    def date(self, year: int) -> dt.date:
        start = dt.date(year, 1, 1)
        end = min(dt.date(year, 12, 31), LAST_DAY)
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def index_no(self, year: int) -> str:
        self.index_seq[year] += 1
        return f"{ORG_CODE}/{year}-{self.index_seq[year]:05d}"

    def title_words(self) -> str:
        """A clause of a real sentence (between punctuation), short enough for a title."""
        sentence = self.rng.choice(self.sentences)
        clauses = [c for c in re.findall(r"[\u4e00-\u9fff]+", sentence) if 4 <= len(c) <= 14]
        return self.rng.choice(clauses) if clauses else "退役军人服务保障"

    # -- writing ---------------------------------------------------------------------------------------------
    def write(self, rel: str, text: str) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def review(self, published: dt.date) -> dict:
        """A review record (审核) that fits the document's date: drafted, reviewed and signed before it."""
        drafted = published - dt.timedelta(days=self.rng.randint(2, 6))
        reviewed = drafted + dt.timedelta(days=1)
        return {"拟稿": "张某某", "拟稿日期": drafted.isoformat(), "审核": "李某某", "审核日期": reviewed.isoformat(),
                "保密审查": "通过", "保密审查人": "王某某", "保密审查日期": reviewed.isoformat(),
                "签发": "赵某某", "签发日期": published.isoformat()}

    def yaml_file(self, rel: str, schema_comment: str, data: dict) -> None:
        self.write(rel, (schema_comment + "\n" if schema_comment else "") + dump_yaml(data))

    def markdown_file(self, rel: str, comments: list[str], front: dict, body: str) -> None:
        head = "".join(line + "\n" for line in comments)
        self.write(rel, "---\n" + head + dump_yaml(front) + "---\n\n" + body.strip() + "\n")

    # -- content types ---------------------------------------------------------------------------------------
    def policy(self, n: int) -> None:
        comment, _, data = self.pick("policy")
        year = self.rng.choice(YEARS)
        formed = self.date(year)
        published = min(formed + dt.timedelta(days=self.rng.randint(1, 6)), LAST_DAY)
        self.doc_no[year] += 1
        ident = f"g{year}-{n:05d}"
        topic = self.title_words()
        self.policies.append((ident, published))
        for key in ("施行日期", "有效期至", "废止日期", "废止说明", "废止文件", "重要政策"):
            data.pop(key, None)  # dates of the demo document; 重要政策 wants a 解读 (a warning otherwise)
        data.update({
            "标题": f"某区退役军人事务局关于{topic}工作的通知（生成示例{n}）",
            "索引号": self.index_no(year),
            "发文字号": f"某退役军人发〔{year}〕{self.doc_no[year]}号",
            "成文日期": formed.isoformat(),
            "发布日期": published.isoformat(),
            # Not 行政规范性文件: the annual reports' counts are checked against those.
            "文件类型": "其他文件",
            "有效性": "有效",
            "主题词": sorted({topic[:4], "退役军人"}),
            "内容概述": self.paragraph(1, 1),
            "示例": True,
            "正文": self.body(6, 16) + "\n",
            "审核": self.review(published),
        })
        self.yaml_file(f"data/policies/{ident}.yml", comment, data)

    def interpretation(self, n: int) -> None:
        if not self.policies:
            self.policy(n + 900000)
        comment, _, data = self.pick("interpretation")
        target, policy_date = self.rng.choice(self.policies)
        published = min(policy_date + dt.timedelta(days=self.rng.randint(0, 3)), LAST_DAY)
        year = published.year
        data.update({
            "标题": f"《{self.title_words()}》政策解读（生成示例{n}）",
            "索引号": self.index_no(year),
            "解读对象": target,
            "发布日期": published.isoformat(),
            "内容概述": self.paragraph(1, 1),
            "示例": True,
            "正文": "## 一、制定背景\n\n" + self.body(2, 5) + "\n\n## 二、主要内容\n\n" + self.body(3, 8) + "\n",
            "审核": self.review(published),
        })
        self.yaml_file(f"data/interpretations/g{year}-{n:05d}.yml", comment, data)

    def notice(self, n: int) -> None:
        comments, front, _ = self.pick("notice")
        year = self.rng.choice(YEARS)
        day = self.date(year)
        category = self.rng.choice(self.categories)
        for key in ("更新时间", "更新说明", "公示期", "附件"):
            front.pop(key, None)
        front.update({
            "标题": f"关于{self.title_words()}的{'公示' if '公示' in category else '公告'}（生成示例{n}）",
            "类别": category,
            "发布时间": f"{day.isoformat()} {self.rng.randint(8, 17):02d}:00",
            "索引号": self.index_no(year),
            "描述": self.paragraph(1, 1),
            "审核": self.review(day),
        })
        if "公示" in category:
            front["公示期"] = {"开始": day.isoformat(), "工作日": 5}
        body = self.sectioned_body(self.rng.randint(2, 5)) + "\n\n本公告为生成的测试示例，内容取自法律条文的随机句子。"
        self.markdown_file(f"content/notices/{year}/gen-{n:05d}.md", comments, front, body)

    def pufa_news(self, n: int) -> None:
        comments, front, body = self.pick("pufa_news")
        year = self.rng.choice(YEARS)
        held = self.date(year)
        published = min(held + dt.timedelta(days=self.rng.randint(0, 3)), LAST_DAY)
        front.update({
            "标题": f"开展“{self.title_words()}”普法宣传活动（生成示例{n}）",
            "发布日期": published.isoformat(),
            "描述": self.paragraph(1, 1),
            "审核": self.review(published),
        })
        if "活动日期" in front:
            front["活动日期"] = held.isoformat()
        cited = citations(body)
        text = self.body(3, 7)
        if cited:  # one real citation per article, as editors write them
            text += f"\n\n宣讲内容涉及{self.rng.choice(cited)}等条文。"
        text += "\n\n（本文为生成的测试示例，活动为虚构。）"
        self.markdown_file(f"content/pufa/news/{published.isoformat()}-gen-{n:05d}.md", comments, front, text)

    def qa_topics(self, questions: int) -> int:
        """Q&A files of 10–40 questions each; every answer keeps one real citation from a demo answer."""
        written, topic = 0, 0
        order = 100
        while written < questions:
            comment, _, data = self.pick("qa")
            topic += 1
            order += 1
            count = min(questions - written, self.rng.randint(10, 40))
            demo = data["问答"]
            items = []
            for i in range(count):
                item = copy.deepcopy(demo[i % len(demo)])
                item["编号"] = f"gen-{topic:04d}-{i + 1}"  # unique site-wide, as every answer's 编号 must be
                cited = citations(item["答"]) or self.cited
                item["问"] = f"{self.title_words()}怎么办理？（生成示例{topic}-{i + 1}）"
                item["答"] = self.paragraph(2, 5) + f"（{self.rng.choice(cited)}）\n"
                updated = self.date(self.rng.choice(YEARS))
                item["更新日期"] = updated.isoformat()
                item["审核"] = self.review(updated)
                items.append(item)
            data.update({"主题": f"{data['主题']}（生成示例{topic}）", "排序": order, "问答": items})
            self.yaml_file(f"data/qa/gen-{topic:04d}.yml", comment, data)
            written += count
        return topic

    def benefit(self, n: int) -> None:
        comment, _, data = self.pick("benefit")
        data["名称"] = f"{data['名称']}（生成示例{n}）"
        data["概要"] = self.paragraph(1, 1)[:100]
        self.yaml_file(f"data/benefits/items/gen-{n:04d}.yml", comment, data)

    def placement(self, year: int) -> None:
        """A year's 阳光安置 from a demo year: every date moves by whole years, 索引号 are new."""
        comment, text, data = self.pick("placement")
        shift = year - int(data["年度"])
        date = re.compile(r"^(\d{4})(-\d{2}-\d{2}.*)$")

        def move(value):
            if isinstance(value, dict):
                return {k: move(v) for k, v in value.items()}
            if isinstance(value, list):
                return [move(v) for v in value]
            if isinstance(value, str):
                match = date.match(value)
                if match:
                    moved = f"{int(match.group(1)) + shift}{match.group(2)}"
                    try:  # 02-29 of a leap year
                        dt.date.fromisoformat(moved[:10])
                    except ValueError:
                        moved = moved[:8] + "28" + moved[10:]
                    return moved
                return value.replace(str(int(data["年度"])) + "年", f"{year}年")
            return value

        data = move(data)
        data["年度"] = year
        for stage in (data.get("阶段") or {}).values():
            if isinstance(stage, dict) and "索引号" in stage:
                stage["索引号"] = self.index_no(year)
        self.yaml_file(f"data/placements/{year}.yml", comment, data)

    def law(self, n: int, articles: int) -> None:
        comment, _, data = self.pick("law")
        year = self.rng.choice(YEARS)
        published = self.date(year)
        title = f"示例生成条例第{n}号（测试用）"
        lines = [f"# {title}", "", f"{published.year}年{published.month}月{published.day}日 某区退役军人事务局（示例）印发",
                 "", "<!-- INFO END -->", ""]
        chapter = 0
        for number in range(1, articles + 1):
            if number == 1 or (number > 5 and self.rng.random() < 0.08):
                chapter += 1
                lines += [f"## 第{chinese_number(chapter)}章 {self.title_words()}", ""]
            lines += [f"第{chinese_number(number)}条 {self.paragraph(1, 3)}", ""]
            if self.rng.random() < 0.3:
                lines += [self.paragraph(1, 2), ""]
        self.write(f"data/laws/texts/gen/{title}.md", "\n".join(lines).rstrip("\n"))
        for key in ("文号", "版本", "来源网址", "废止日期", "废止依据", "替代", "日期说明", "历史版本"):
            data.pop(key, None)  # facts of the real law the template describes
        data.update({
            "标题": title,
            "简称": f"示例生成条例{n}",
            "效力位阶": "规范性文件",
            "制定机关": "某区退役军人事务局（示例）",
            "公布日期": published.isoformat(),
            "施行日期": published.isoformat(),
            "来源": "生成的测试数据（示例）",
            "文本": f"texts/gen/{title}.md",
        })
        self.yaml_file(f"data/laws/gen-{n:04d}.yml", comment, data)


def copy_sources(source: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for part in SITE_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, out / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, out / part)


def generate(out: Path, docs: int, seed: int, source: Path = REPO) -> dict[str, int]:
    out, source = Path(out).resolve(), Path(source).resolve()
    if out == source or any(out == source / part or source / part in out.parents for part in SITE_PARTS):
        raise SystemExit("refusing to generate into the repository's own site sources")
    copy_sources(source, out)
    writer = Writer(out, seed, source)
    counts = {kind: int(docs * share) for kind, share in MIX}
    counts["notice"] += docs - sum(counts.values())
    for n in range(1, counts["policy"] + 1):
        writer.policy(n)
    for n in range(1, counts["interpretation"] + 1):
        writer.interpretation(n)
    for n in range(1, counts["notice"] + 1):
        writer.notice(n)
    for n in range(1, counts["pufa_news"] + 1):
        writer.pufa_news(n)
    counts["qa_topics"] = writer.qa_topics(counts["qa"]) if counts["qa"] else 0
    for n in range(1, counts["benefit"] + 1):
        writer.benefit(n)
    placed = 0
    for year in YEARS:
        if year <= LAST_DAY.year - 1 and not (out / f"data/placements/{year}.yml").exists():
            writer.placement(year)
            placed += 1
    counts["placement"] = placed
    remaining, n = counts["law_article"], 0
    while remaining > 0:
        n += 1
        articles = min(remaining, writer.rng.randint(20, 60))
        writer.law(n, articles)
        remaining -= articles
    counts["laws"] = n
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--source", type=Path, default=REPO, help="site sources to copy (default: this repository)")
    args = parser.parse_args()
    counts = generate(args.out, args.docs, args.seed, args.source)
    print(f"generated into {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
