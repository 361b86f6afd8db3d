"""政策问答: questions and answers by topic from data/qa/*.yml; every answer cites the articles it rests on.

A citation of a repealed law is a build error here: an answer must state the law in force.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ... import crossref
from ...build import load_yaml_checked
from ...model import ContentType, Site, Update

SCHEMA = Path(__file__).with_name("qa.schema.json")
PAGE = "qa/index.md"


@dataclass
class Answer:
    anchor: str
    question: str
    answer: str
    updated: dt.date
    citations: list  # crossref.Citation


@dataclass
class Topic:
    anchor: str
    name: str
    order: int
    note: str
    answers: list[Answer]


class QA(ContentType):
    name = "qa"
    label = "政策问答"
    order = 30  # after the laws type

    def load(self, site: Site) -> None:
        topics: list[Topic] = []
        folder = site.data_dir / "qa"
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
            located = load_yaml_checked(site, path, SCHEMA)
            if located is None:
                continue
            data = located.data
            source = path.read_text(encoding="utf-8")
            answers = []
            for i, entry in enumerate(data["问答"]):
                citations = crossref.check_text(site, entry["答"], located.file,
                                                crossref.text_line(source, located.line_of(("问答", i, "答"))),
                                                f"问答[{i + 1}].答", allow_repealed=False, require=True)
                answers.append(Answer(anchor=f"{path.stem}-{i + 1}", question=entry["问"], answer=entry["答"],
                                      updated=dt.date.fromisoformat(entry["更新日期"]), citations=citations))
            topics.append(Topic(anchor=path.stem, name=data["主题"], order=data["排序"], note=data.get("说明", ""),
                                answers=answers))
        topics.sort(key=lambda t: (t.order, t.anchor))
        site.models[self.name] = topics

    def pages(self, site: Site, renderer):
        topics = site.models[self.name]
        toc = []
        for topic in topics:
            toc.append((2, topic.anchor, topic.name))
        rendered = [(topic, [(a, crossref.render_lines(site, a.answer, "qa/"), self._basis(a)) for a in topic.answers])
                    for topic in topics]
        yield renderer.page(PAGE, "政策问答", "qa/index.html", toc=toc,
                            meta={"description": "退役军人关心的就业创业、抚恤优待、褒扬激励、安置等政策问答，注明条文依据"},
                            topics=rendered)

    def _basis(self, answer: Answer):
        """Unique cited articles in order of first citation."""
        seen, out = set(), []
        for citation in answer.citations:
            key = (citation.law.slug, citation.article.key if citation.article else "")
            if key not in seen:
                seen.add(key)
                out.append(citation)
        return out

    def updates(self, site: Site):
        topics = site.models.get(self.name, [])
        for topic in topics:
            newest = max((a.updated for a in topic.answers), default=None)
            if newest and newest <= site.today:
                yield Update(date=newest, title=f"政策问答：{topic.name}", url=f"qa/#{topic.anchor}", kind=self.label)


CONTENT_TYPE = QA()
