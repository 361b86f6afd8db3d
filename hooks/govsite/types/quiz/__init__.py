"""普法答题: question banks in YAML (single choice, multiple choice, true/false), one quiz page per bank.

Data: data/quiz/<id>.yml (schema quiz.schema.json); the file name is the URL (pufa/dati/<id>/). Every
question carries its answer and an explanation citing the article it rests on. The build checks, for every
question, that its answer is among its options, that its citations exist and that no cited law is repealed
(`文件:行 题目[N].字段: 问题`).

The quiz page is complete HTML: without JavaScript it lists every question with its answer, explanation
and the cited articles' text. content/assets/quiz.js (loaded by the page only) turns it into one question
at a time, answers at once with the article, ends with a score and a review of the wrong answers. Nothing
is sent or stored: the page holds everything the script needs.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import crossref
from ...build import load_yaml_checked
from ...model import ContentType, Site
from ..laws.model import Related
from ..services import check_audience_tags

SCHEMA = Path(__file__).with_name("quiz.schema.json")
FOLDER = "quiz"
PREFIX = "pufa/dati/"
KIND = "普法答题"
RELATED_KIND = "相关答题"
TRUE_FALSE = ("正确", "错误")
LETTERS = "ABCDEFGH"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Question:
    number: int  # 1-based, its place in the bank (the anchor ti-N: keep the order once published)
    kind: str  # 单选 / 多选 / 判断
    stem: str
    options: tuple[str, ...]
    answers: tuple[int, ...]  # indexes into options, ascending
    explanation: str
    citations: list = field(default_factory=list)  # crossref.Citation, unique, in order
    audiences: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return f"ti-{self.number}"

    @property
    def answer_text(self) -> str:
        if self.kind == "判断":
            return self.options[self.answers[0]]
        return "、".join(LETTERS[i] for i in self.answers)


@dataclass
class Bank:
    id: str
    title: str
    order: int
    published: dt.date
    note: str
    questions: list[Question]
    file: str
    located: object = None  # yamlfile.Located, for messages

    @property
    def url(self) -> str:
        return f"{PREFIX}{self.id}/"

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(("单选", "多选", "判断"), 0)
        for question in self.questions:
            out[question.kind] += 1
        return out


def _listed(options) -> str:
    return "；".join(f"{LETTERS[i]}. {text}" for i, text in enumerate(options))


class Quiz(ContentType):
    name = "quiz"
    label = KIND
    order = 36  # after laws (15): explanations cite articles and register under them

    # ---- load ---------------------------------------------------------------------------------------
    def load(self, site: Site) -> None:
        banks: list[Bank] = []
        site.models[self.name] = banks
        folder = site.data_dir / FOLDER
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
            bank = self._load_bank(site, path)
            if bank is not None:
                banks.append(bank)
        banks.sort(key=lambda b: (b.order, b.id))
        library = site.models.get("laws")
        if library is not None:
            for bank in sorted(banks, key=lambda b: b.id):
                for question in bank.questions:
                    title = f"{bank.title}·第{question.number}题：{_short(question.stem)}"
                    for citation in question.citations:
                        library.add_related(citation, Related(RELATED_KIND, title, f"{bank.url}#{question.anchor}"))

    def _load_bank(self, site: Site, path: Path) -> Bank | None:
        file = site.rel(path)
        if not SLUG_RE.match(path.stem) or path.stem == "index":
            site.problems.error(file, 0, "", "文件名只能用小写字母、数字和连字符（文件名就是网址），如 xianfa.yml")
            return None
        located = load_yaml_checked(site, path, SCHEMA)
        if located is None:
            return None
        data = located.data
        source = path.read_text(encoding="utf-8")
        questions = []
        for index, entry in enumerate(data["题目"]):
            question = self._load_question(site, located, source, index, entry, tuple(data.get("适用对象", [])))
            if question is not None:
                questions.append(question)
        return Bank(id=path.stem, title=data["题库"], order=data["排序"], published=dt.date.fromisoformat(data["发布日期"]),
                    note=data["说明"], questions=questions, file=file, located=located)

    def _load_question(self, site: Site, located, source: str, index: int, entry: dict,
                       bank_audiences: tuple[str, ...]) -> Question | None:
        """One question, or None when it cannot be shown; every problem is reported at its line."""
        file, where = located.file, ("题目", index)
        label = f"题目[{index + 1}]"
        kind = entry["类型"]
        ok = True
        citations = crossref.check_text(site, entry["解析"], file, crossref.text_line(source, located.line_of(where + ("解析",))),
                                        f"{label}.解析", allow_repealed=False, require=True)
        if kind == "判断":
            if "选项" in entry and tuple(entry["选项"]) != TRUE_FALSE:
                site.problems.error(file, located.line_of(where + ("选项",)), f"{label}.选项",
                                    "判断题不写选项（选项固定为“正确”“错误”）")
                ok = False
            options = TRUE_FALSE
        else:
            options = tuple(o.strip() for o in entry.get("选项", []))
            if len(options) < 2:
                site.problems.error(file, located.key_line_of(where + ("类型",)), f"{label}.选项",
                                    f"{kind}题至少要有两个选项")
                return None
            if len(set(options)) != len(options):
                site.problems.error(file, located.line_of(where + ("选项",)), f"{label}.选项", "选项有重复")
                ok = False
        given = entry["答案"]
        if isinstance(given, list) and kind != "多选":
            site.problems.error(file, located.line_of(where + ("答案",)), f"{label}.答案",
                                f"{kind}题只有一个答案；多个答案请把类型改为“多选”")
            return None
        answers = []
        for position, text in enumerate(given if isinstance(given, list) else [given]):
            text = text.strip()
            line = located.line_of(where + ("答案", position)) if isinstance(given, list) else located.line_of(where + ("答案",))
            if text in options:
                answers.append(options.index(text))
            elif len(text) == 1 and text.upper() in LETTERS[:len(options)]:
                site.problems.error(file, line, f"{label}.答案",
                                    f"答案请照抄选项原文，不要写字母“{text}”；选项为：{_listed(options)}")
                ok = False
            else:
                choices = "“正确”或“错误”" if kind == "判断" else f"其中之一：{_listed(options)}"
                site.problems.error(file, line, f"{label}.答案", f"“{text}”不在选项中；答案应为选项原文，{choices}")
                ok = False
        if kind == "多选" and ok and len(answers) < 2:
            site.problems.error(file, located.line_of(where + ("答案",)), f"{label}.答案",
                                "多选题至少有两个正确答案；只有一个的请改为“单选”")
            ok = False
        if not ok:
            return None
        return Question(number=index + 1, kind=kind, stem=entry["题干"].strip(), options=options,
                        answers=tuple(sorted(answers)), explanation=entry["解析"], citations=crossref.unique(citations),
                        audiences=tuple(entry.get("适用对象", bank_audiences)))

    def check(self, site: Site) -> None:
        """适用对象 must be tags some audience follows (精准服务), or no 普法 page would show the question."""
        for bank in site.models.get(self.name, []):
            data = bank.located.data
            entries = [(("适用对象",), data.get("适用对象", []))]
            entries += [(("题目", i, "适用对象"), q.get("适用对象", [])) for i, q in enumerate(data["题目"])]
            check_audience_tags(site, bank.file, bank.located, entries, "相应人员的普法页面收不到这道题")

    # ---- pages --------------------------------------------------------------------------------------
    def pages(self, site: Site, renderer):
        banks = site.models[self.name]
        yield renderer.page(PREFIX + "index.md", KIND, "quiz/index.html",
                            meta={"description": "宪法、退役军人保障法、英烈保护等普法知识答题，每题讲解所依据的法律条文",
                                  "search": {"kind": KIND, "list": True}},
                            banks=[{"title": b.title, "url": b.url, "note": b.note, "count": len(b.questions),
                                    "counts": b.counts()} for b in banks])
        for bank in banks:
            yield renderer.page(f"{PREFIX}{bank.id}.md", bank.title, "quiz/bank.html",
                                meta={"description": bank.note,
                                      "search": {"kind": KIND, "date": bank.published.isoformat(), "list": True}},
                                bank={"title": bank.title, "note": bank.note, "counts": bank.counts(),
                                      "published": bank.published},
                                questions=[question_context(site, q, bank.url) for q in bank.questions])


def _short(text: str, limit: int = 36) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "……"


def question_context(site: Site, question: Question, from_url: str) -> dict:
    """What the templates show of a question (the quiz page, the 普法 pages per audience)."""
    return {
        "number": question.number, "anchor": question.anchor, "kind": question.kind, "stem": question.stem,
        "options": [(LETTERS[i], text, i in question.answers) for i, text in enumerate(question.options)],
        "key": ",".join(str(i) for i in question.answers), "answer_text": question.answer_text,
        "explanation": question.explanation,  # the templates put it through the Markdown pipeline
        "articles": [{"title": f"《{c.law.title}》{c.article.label}", "url": c.target,
                      "paragraphs": list(c.article.paragraphs)} for c in question.citations if c.article],
    }


CONTENT_TYPE = Quiz()
