"""Generate a realistic site of N documents for benchmarks (build speed, search at scale).

    .venv/bin/python bench/generate.py --docs 10000 --out /tmp/site-10k [--seed 1]

The output is a copy of this repository's site sources (mkdocs.yml, content, data, hooks, overrides) plus N
generated documents in the real formats of the content types, written the way editors would:
  policies (data/policies/*.yml, with 索引号, 发文字号, dates, 主题词),  interpretations (data/interpretations/),
  notices (content/notices/<年>/*.md, with 公示期 for 公示 categories),  laws (data/laws/*.yml + texts in the
  LawRefBook format, 20–60 articles each; each article counts as a document),  placements (one per year).
Text is sampled sentence by sentence from the real law texts in data/laws/texts/ (not one repeated phrase).
Everything generated is marked as a sample (示例, 测试用). The same --seed gives byte-identical output.
Build the result with `mkdocs build` (not --strict: generated policies have no interpretation warnings etc.).
"""
from __future__ import annotations

import argparse
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
# Share of documents per type (laws: share of articles).
MIX = (("policy", 0.30), ("interpretation", 0.10), ("notice", 0.35), ("law_article", 0.25))
YEARS = range(2019, 2027)
LAST_DAY = dt.date(2026, 11, 20)
DIGITS = "零一二三四五六七八九"


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


class Writer:
    def __init__(self, out: Path, seed: int, source: Path):
        self.out = out
        self.rng = random.Random(seed)
        self.sentences = law_sentences(source)
        self.index_seq = {year: 20000 for year in YEARS}  # above the demo data's numbers
        self.doc_no = {year: 500 for year in YEARS}
        self.policies: list[tuple[str, dt.date]] = []  # (id, 发布日期)
        categories = yaml.safe_load((source / "data/notices/categories.yml").read_text(encoding="utf-8"))
        self.categories = [c["名称"] for c in categories["类别"]]
        self.supervision = []  # a 监督电话 the demo data already publishes (so it is on the allow-list)
        for template in sorted((source / "content/notices").rglob("*.md")):
            front = yaml.safe_load(template.read_text(encoding="utf-8").split("---")[1])
            if front.get("监督电话"):
                self.supervision = front["监督电话"]
                break

    def paragraph(self, low=1, high=4) -> str:
        return "".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(low, high)))

    def body(self, low: int, high: int) -> str:
        return "\n\n".join(self.paragraph() for _ in range(self.rng.randint(low, high)))

    def date(self, year: int) -> dt.date:
        start = dt.date(year, 1, 1)
        end = min(dt.date(year, 12, 31), LAST_DAY)
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def index_no(self, year: int) -> str:
        self.index_seq[year] += 1
        return f"{ORG_CODE}/{year}-{self.index_seq[year]:05d}"

    def title_words(self) -> str:
        sentence = self.rng.choice(self.sentences)
        words = re.findall(r"[\u4e00-\u9fff]{4,10}", sentence)
        return self.rng.choice(words) if words else "退役军人服务保障"

    def write(self, rel: str, text: str) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def yaml_file(self, rel: str, schema: str, data: dict) -> None:
        depth = "../" * rel.count("/")
        text = f"# yaml-language-server: $schema={depth}{schema}\n"
        text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        self.write(rel, text)

    def policy(self, n: int) -> None:
        year = self.rng.choice(YEARS)
        formed = self.date(year)
        published = min(formed + dt.timedelta(days=self.rng.randint(1, 6)), LAST_DAY)
        self.doc_no[year] += 1
        ident = f"g{year}-{n:05d}"
        topic = self.title_words()
        self.policies.append((ident, published))
        self.yaml_file(f"data/policies/{ident}.yml", "hooks/govsite/types/policies/policy.schema.json", {
            "标题": f"某区退役军人事务局关于{topic}工作的通知（生成示例{n}）",
            "索引号": self.index_no(year),
            "发文字号": f"某退役军人发〔{year}〕{self.doc_no[year]}号",
            "发布机构": "某区退役军人事务局（示例）",
            "成文日期": formed.isoformat(),
            "发布日期": published.isoformat(),
            "主题分类": self.rng.choice(["优抚安置", "就业创业", "褒扬纪念", "综合政务"]),
            # Not 行政规范性文件: the annual reports' counts are checked against those.
            "文件类型": "其他文件",
            "有效性": "有效",
            "主题词": sorted({topic[:4], "退役军人"}),
            "内容概述": self.paragraph(1, 1),
            "适用对象": ["退役军人"],
            "示例": True,
            "正文": self.body(6, 16) + "\n",
        })

    def interpretation(self, n: int) -> None:
        if not self.policies:
            self.policy(n + 900000)
        target, policy_date = self.rng.choice(self.policies)
        published = min(policy_date + dt.timedelta(days=self.rng.randint(0, 3)), LAST_DAY)
        year = published.year
        self.yaml_file(f"data/interpretations/g{year}-{n:05d}.yml",
                       "hooks/govsite/types/policies/interpretation.schema.json", {
            "标题": f"《{self.title_words()}》政策解读（生成示例{n}）",
            "索引号": self.index_no(year),
            "解读对象": target,
            "解读形式": "文字解读",
            "发布机构": "某区退役军人事务局（示例）",
            "发布日期": published.isoformat(),
            "内容概述": self.paragraph(1, 1),
            "示例": True,
            "正文": "## 一、制定背景\n\n" + self.body(2, 5) + "\n\n## 二、主要内容\n\n" + self.body(3, 8) + "\n",
        })

    def notice(self, n: int) -> None:
        year = self.rng.choice(YEARS)
        day = self.date(year)
        category = self.rng.choice(self.categories)
        front = {
            "标题": f"关于{self.title_words()}的{'公示' if '公示' in category else '公告'}（生成示例{n}）",
            "类别": category,
            "索引号": self.index_no(year),
            "发布时间": f"{day.isoformat()} {self.rng.randint(8, 17):02d}:00",
            "描述": self.paragraph(1, 1),
        }
        if "公示" in category:
            front["公示期"] = {"开始": day.isoformat(), "工作日": 5}
            if self.supervision:
                front["监督电话"] = self.supervision
        text = "---\n# yaml-language-server: $schema=../../../hooks/govsite/types/notices/notice.schema.json\n"
        text += yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"
        text += self.body(3, 9) + "\n\n本公告为生成的测试示例，内容取自法律条文的随机句子。\n"
        self.write(f"content/notices/{year}/gen-{n:05d}.md", text)

    def law(self, n: int, articles: int) -> None:
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
        self.yaml_file(f"data/laws/gen-{n:04d}.yml", "hooks/govsite/types/laws/law.schema.json", {
            "标题": title,
            "简称": f"示例生成条例{n}",
            "效力位阶": "规范性文件",
            "制定机关": "某区退役军人事务局（示例）",
            "公布日期": published.isoformat(),
            "施行日期": published.isoformat(),
            "主题": ["安置"],
            "来源": "生成的测试数据（示例）",
            "文本": f"texts/gen/{title}.md",
        })


def generate(out: Path, docs: int, seed: int, source: Path = REPO) -> dict[str, int]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for part in SITE_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, out / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, out / part)
    writer = Writer(out, seed, source)
    counts = {kind: int(docs * share) for kind, share in MIX}
    counts["notice"] += docs - sum(counts.values())
    for n in range(1, counts["policy"] + 1):
        writer.policy(n)
    for n in range(1, counts["interpretation"] + 1):
        writer.interpretation(n)
    for n in range(1, counts["notice"] + 1):
        writer.notice(n)
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
