"""Parser of the LawRefBook Markdown format (the National Database of Laws and Regulations as Markdown).

Format: `# 标题`, header lines (通过/公布/修正/修订/施行 with dates), `<!-- INFO END -->`, then headings
(`##` 编 or 章, `###` 章 or 节, `####` 节) and articles: a paragraph that starts `第X条` (or `第X条之一`)
followed by a space; the following paragraphs up to the next article belong to it. Quirks handled: no
trailing newline, header lines ending in a stray `）` or a full-width space, `<!-- FORCE BREAK -->`
comments between paragraphs (the constitution's preamble), paragraphs before the first article (序言).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import ClassVar

from .numerals import chinese_to_int, int_to_chinese

INFO_END = "<!-- INFO END -->"
_NUMERAL = "零〇○一二三四五六七八九十百千两"
ARTICLE_RE = re.compile(rf"^第([{_NUMERAL}]+)条(?:之([{_NUMERAL}]+))?(?:[ \u3000]+(.*))?$")
HEADING_RE = re.compile(r"^(#{2,6})[ \u3000]+(.+?)[ \u3000]*$")
COMMENT_RE = re.compile(r"^<!--.*-->$")
DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日")
TRAILING_JUNK = " \t\u3000"


@dataclass(frozen=True)
class HeaderLine:
    text: str
    date: dt.date | None
    kind: str  # 通过 / 公布 / 修正 / 修订 / 施行 / 其他
    line: int


@dataclass
class Heading:
    kind = "heading"  # for templates
    level: int  # 2 for ##
    title: str
    anchor: str
    line: int


@dataclass
class Paragraph:
    """Text outside any article, e.g. the constitution's 序言."""

    kind = "paragraph"

    text: str
    line: int


@dataclass
class Article:
    kind = "article"
    number: int
    suffix: int  # 1 for 第十七条之一, 0 for a plain article
    paragraphs: list[str]  # the first paragraph without its 第X条 label
    line: int
    chapter: str = ""  # titles of the headings above it, joined by " "

    @property
    def key(self) -> str:
        return f"{self.number}-{self.suffix}" if self.suffix else str(self.number)

    @property
    def anchor(self) -> str:
        return "art-" + self.key

    @property
    def label(self) -> str:
        text = f"第{int_to_chinese(self.number)}条"
        return text + (f"之{int_to_chinese(self.suffix)}" if self.suffix else "")

    @property
    def text(self) -> str:
        """The whole article as plain text, paragraphs joined by newlines, without its label."""
        return "\n".join(self.paragraphs)


@dataclass
class ParsedLaw:
    title: str
    header: list[HeaderLine]
    items: list  # Heading | Paragraph | Article in document order
    articles: list[Article]
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, Chinese message)
    # SHA-1 of the text it was parsed from: every other field is made from that text alone and never changed
    # afterwards, so the incremental layer describes a parsed law by it, not article by article.
    source_digest: str = ""
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = ("title", "header", "items", "articles", "problems")

    def article(self, key: str) -> Article | None:
        return next((a for a in self.articles if a.key == key), None)

    @property
    def headings(self) -> list[Heading]:
        return [i for i in self.items if isinstance(i, Heading)]


def _kind(text: str) -> str:
    for word in ("修正", "修订", "公布", "施行", "通过"):
        if word in text:
            return word
    return "其他"


def clean_header_line(text: str) -> str:
    """Drop a trailing full-width space and a stray closing bracket without an opening one."""
    text = text.rstrip(TRAILING_JUNK)
    while text.endswith("）") and text.count("）") > text.count("（"):
        text = text[:-1].rstrip(TRAILING_JUNK)
    return text


def parse_header_line(text: str, line: int) -> HeaderLine:
    text = clean_header_line(text)
    date = None
    m = DATE_RE.match(text)
    if m:
        try:
            date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            date = None
    return HeaderLine(text=text, date=date, kind=_kind(text[m.end():] if m else text), line=line)


def parse(text: str) -> ParsedLaw:
    """Parse one law text. Never raises for bad input: problems are returned with their lines."""
    lines = text.split("\n")
    problems: list[tuple[int, str]] = []
    title = ""
    header: list[HeaderLine] = []
    items: list = []
    articles: list[Article] = []
    in_header = True
    current: Article | None = None
    heading_path: dict[int, str] = {}
    heading_count = 0
    for index, raw in enumerate(lines):
        line_no = index + 1
        line = raw.strip(TRAILING_JUNK + "\r")
        if not line or COMMENT_RE.match(line):
            if line == INFO_END:
                in_header = False
            continue
        if in_header:
            if line.startswith("# ") and not title:
                title = line[2:].strip(TRAILING_JUNK)
            elif not title:
                problems.append((line_no, "第一行应为“# 标题”"))
                title = line
            else:
                header.append(parse_header_line(line, line_no))
            continue
        heading = HEADING_RE.match(line)
        if heading:
            level = len(heading.group(1))
            heading_count += 1
            heading_path = {lv: t for lv, t in heading_path.items() if lv < level}
            heading_path[level] = heading.group(2)
            items.append(Heading(level=level, title=heading.group(2), anchor=f"part-{heading_count}", line=line_no))
            current = None
            continue
        article = ARTICLE_RE.match(line)
        if article:
            try:
                number = chinese_to_int(article.group(1))
                suffix = chinese_to_int(article.group(2)) if article.group(2) else 0
            except ValueError:
                problems.append((line_no, f"条文编号无法识别：{line[:20]}"))
                number = suffix = 0
            if number:
                current = Article(number=number, suffix=suffix,
                                  paragraphs=[article.group(3) or ""] if article.group(3) else [],
                                  line=line_no,
                                  chapter=" ".join(heading_path[lv] for lv in sorted(heading_path)))
                items.append(current)
                articles.append(current)
                continue
        if current is not None:
            current.paragraphs.append(line)
        else:
            items.append(Paragraph(text=line, line=line_no))
    if not title:
        problems.append((1, "缺少标题行“# 标题”"))
    if in_header:
        problems.append((len(lines), f"缺少正文开始标记“{INFO_END}”"))
    problems.extend(_numbering_problems(articles))
    return ParsedLaw(title=title, header=header, items=items, articles=articles, problems=problems,
                     source_digest=hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest())


def _numbering_problems(articles: list[Article]) -> list[tuple[int, str]]:
    """Articles must run 1..N; 第X条之一 may follow 第X条 (or 第X条之一 before 之二)."""
    problems = []
    expected_number, _expected_suffix_after = 1, None
    previous: Article | None = None
    for art in articles:
        if art.suffix == 0:
            ok = art.number == expected_number
        else:
            ok = previous is not None and art.number == previous.number and art.suffix == previous.suffix + 1
        if not ok:
            after = f"{previous.label}之后" if previous else "第一条应在最前，"
            problems.append((art.line, f"条文编号不连续：{after}是{art.label}"))
        if art.suffix == 0:
            expected_number = art.number + 1
        previous = art
    if not articles:
        problems.append((1, "没有找到任何条文（应为以“第X条”加空格开头的段落）"))
    return problems
