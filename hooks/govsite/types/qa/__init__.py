"""政策问答: questions and answers by topic from data/qa/*.yml; every answer cites the articles it rests on.

A citation of a repealed law is a build error here: an answer must state the law in force. Every answer has its
own 编号, written in the YAML and unique site-wide: it is the answer's anchor on the page and its feed id, so
inserting or reordering questions never hands an id that subscribers have read to another question.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ... import crossref, lifecycle
from ...build import load_yaml_checked
from ...document import Body, Document, When
from ...model import ContentType, FeedChannel, Site

SCHEMA = Path(__file__).with_name("qa.schema.json")
PAGE = "qa/index.md"


@dataclass
class Answer:
    anchor: str
    question: str
    answer: str
    updated: dt.date
    citations: list  # crossref.Citation
    audiences: tuple[str, ...] = ()  # 订阅标签: which per-audience feeds carry this answer
    topic: str = ""
    body: Body | None = None  # the answer as the Markdown pipeline reads it (each line a paragraph)
    lifecycle: lifecycle.Lifecycle | None = None  # shown ahead of its release (make serve, previews)


@dataclass
class Topic:
    anchor: str
    name: str
    order: int
    note: str
    answers: list[Answer]
    file: str = ""
    located: object = None  # yamlfile.Located, for messages


class QA(ContentType):
    name = "qa"
    label = "政策问答"
    order = 30  # after the laws type

    def load(self, site: Site) -> None:
        topics: list[Topic] = []
        folder = site.data_dir / "qa"
        ids: dict[str, str] = {}  # 编号 -> where it was first used
        anchors = topic_anchors(folder)
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
            located = load_yaml_checked(site, path, SCHEMA)
            if located is None:
                continue
            data = located.data
            answers = []
            for i, entry in enumerate(data["问答"]):
                ident, where = entry["编号"], located.line_of(("问答", i, "编号"))
                if ident in ids or ident in anchors:
                    first = ids.get(ident, f"data/qa/{ident}.yml（主题的网址）")
                    site.problems.error(located.file, where, f"问答[{i + 1}].编号",
                                        f"编号“{ident}”已被 {first} 使用；每条问答的编号在全站唯一，发布后不再改变")
                    continue
                ids[ident] = f"{located.file}:{where}"  # a held-back answer keeps its 编号 too
                # Each answer is published on its own: 草稿, 定时发布 (its 更新日期 is a revision date, not a
                # release), 撤回 and its review record.
                admission = lifecycle.admit(site, located, ("问答", i), kind="政策问答",
                                             title=f"{data['主题']}：{entry['问']}", url=f"qa/#{ident}")
                if not admission:
                    continue
                line = located.text_line_of(("问答", i, "答"))
                citations = crossref.check_text(site, entry["答"], located.file, line,
                                                f"问答[{i + 1}].答", allow_repealed=False, require=True)
                answers.append(Answer(anchor=ident, question=entry["问"], answer=entry["答"],
                                      updated=dt.date.fromisoformat(entry["更新日期"]), citations=citations,
                                      audiences=tuple(entry.get("适用对象", data.get("适用对象", []))),
                                      topic=data["主题"],
                                      body=Body(markdown="答：" + entry["答"].strip(), base="qa/", file=located.file,
                                                line=line, lines=True, field=f"问答[{i + 1}].答", checked=True),
                                      lifecycle=admission.lifecycle))
            if not answers:
                continue  # every answer of the topic is held back: no empty topic on the page
            topics.append(Topic(anchor=path.stem, name=data["主题"], order=data["排序"], note=data.get("说明", ""),
                                answers=answers, file=located.file, located=located))
        topics.sort(key=lambda t: (t.order, t.anchor))
        site.models[self.name] = topics

    def check(self, site: Site) -> None:
        """Every 适用对象 must be a tag some audience follows (精准服务), or no subscriber gets the answer."""
        services = site.models.get("services")
        known = {tag for audience in getattr(services, "audiences", []) for tag in audience.tags}
        if not known:
            return
        for topic in site.models.get(self.name, []):
            entries = [(("适用对象",), topic.located.data.get("适用对象", []))]
            entries += [(("问答", i, "适用对象"), entry.get("适用对象", []))
                        for i, entry in enumerate(topic.located.data["问答"])]
            for path, tags in entries:
                for index, tag in enumerate(tags):
                    if tag not in known:
                        field = ".".join(f"[{p + 1}]" if isinstance(p, int) else p for p in path).replace(".[", "[")
                        site.problems.error(topic.file, topic.located.line_of(path + (index,)), f"{field}[{index + 1}]",
                                            f"“{tag}”不是已知的服务对象标签，订阅者收不到这条问答；可用："
                                            f"{'、'.join(sorted(known))}")

    def pages(self, site: Site, renderer):
        topics = site.models[self.name]
        toc = []
        for topic in topics:
            toc.append((2, topic.anchor, str(escape(topic.name))))  # toc titles are HTML (Markdown's toc gives them so)
        rendered = [(topic, [(a, renderer.body_html(a.body, "qa/"), self._basis(a)) for a in topic.answers])
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

    def feed_channels(self, site: Site):
        yield FeedChannel(name="qa", title=f"{site.settings.get('网站名称', '')} · 政策问答",
                          description="新增和更新的政策问答，每个答案注明所依据的法律条文。", url="qa/",
                          group="普法宣传", order=45)

    def documents(self, site: Site):
        """One document per answer (feeds, search): the feed item carries the cited articles' text."""
        for topic in site.models.get(self.name, []):
            for answer in topic.answers:
                if answer.updated > site.today:
                    continue
                yield Document(
                    id=f"qa/{answer.anchor}", kind="政策问答", title=f"{answer.topic}：{answer.question}",
                    url=f"qa/#{answer.anchor}", published=When(answer.updated), audiences=answer.audiences,
                    summary=answer.question, body=answer.body, feeds=("qa",), categories=(answer.topic,),
                    on_home=False, file=topic.file, lifecycle=answer.lifecycle)


def topic_anchors(folder) -> set[str]:
    """The topics' own anchors on the page (their file names): an answer's 编号 must not take one."""
    return {path.stem for path in folder.glob("*.yml")} if folder.is_dir() else set()


CONTENT_TYPE = QA()
