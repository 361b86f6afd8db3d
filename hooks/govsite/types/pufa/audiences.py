"""普法 by audience: for every 服务对象 of data/benefits/audiences.yml, what concerns it.

An item (以案释法 case, quiz question, 政策问答 answer) concerns an audience when its 适用对象 shares a tag with
the audience's 订阅标签, the rule of the per-audience feeds. Broad tags (退役军人, 优抚对象) make that a long
list, so each page puts first what was written for this audience: items whose 适用对象 name the audience
itself (every audience's 名称 is one of its tags: 伤残军人 for 伤残军人). The rest is listed after, folded.
The articles are those the items cite, the main ones with their text; the benefits are those the audience
surely gets (精准服务), whose articles join the other articles.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Site
from ..services import audience_benefits

PREFIX = "pufa/duixiang/"
EXCERPT = 80


@dataclass
class Split:
    main: list = field(default_factory=list)  # written for this audience (its name among the 适用对象)
    more: list = field(default_factory=list)  # concerns it through a broader tag

    def __len__(self) -> int:
        return len(self.main) + len(self.more)


@dataclass
class AudiencePufa:
    audience: object  # services.Audience
    cases: Split = field(default_factory=Split)  # cases.Case
    questions: Split = field(default_factory=Split)  # (quiz.Bank, quiz.Question)
    answers: Split = field(default_factory=Split)  # qa.Answer
    benefits: list = field(default_factory=list)  # (services.Benefit, Outcome)
    main_citations: list = field(default_factory=list)  # crossref.Citation of the main items, unique
    other_citations: list = field(default_factory=list)  # of the other items and the benefits, not in main

    @property
    def url(self) -> str:
        return f"{PREFIX}{self.audience.id}/"


def _reach(tags, audiences) -> int:
    """How many audiences an item with these tags reaches (fewer: more specific)."""
    return sum(1 for audience in audiences if set(tags) & set(audience.tags))


def _split(items, audience, audiences, tags_of) -> Split:
    """Items concerning `audience`, split into main and more, the more specific first (stable within)."""
    tags = set(audience.tags)
    found = sorted((item for item in items if tags & set(tags_of(item))), key=lambda item: _reach(tags_of(item), audiences))
    return Split(main=[i for i in found if audience.name in tags_of(i)], more=[i for i in found if audience.name not in tags_of(i)])


def _articles(citations, exclude=frozenset()) -> list:
    seen, out = set(exclude), []
    for citation in citations:
        if citation.article is None:
            continue
        key = (citation.law.slug, citation.article.key)
        if key not in seen:
            seen.add(key)
            out.append(citation)
    return out


def gather(site: Site) -> list[AudiencePufa]:
    services = site.models.get("services")
    audiences = list(getattr(services, "audiences", []) or [])
    cases = list(site.models.get("cases", []) or [])  # published ones (govsite/lifecycle.py holds the rest back)
    questions = [(b, q) for b in site.models.get("quiz", []) or [] for q in b.questions]
    answers = [a for t in site.models.get("qa", []) or [] for a in t.answers if a.updated <= site.today]
    out = []
    for audience in audiences:
        page = AudiencePufa(audience=audience)
        page.cases = _split(cases, audience, audiences, lambda c: c.audiences)
        page.questions = _split(questions, audience, audiences, lambda pair: pair[1].audiences)
        page.answers = _split(answers, audience, audiences, lambda a: a.audiences)
        page.benefits = audience_benefits(site, audience) if services is not None else []
        main = [c for case in page.cases.main for c in case.citations]
        main += [c for _bank, q in page.questions.main for c in q.citations]
        main += [c for a in page.answers.main for c in a.citations]
        page.main_citations = _articles(main)
        other = [c for benefit, outcome in page.benefits if outcome.status == "适用" for _text, c in benefit.citations]
        other += [c for case in page.cases.more for c in case.citations]
        other += [c for _bank, q in page.questions.more for c in q.citations]
        other += [c for a in page.answers.more for c in a.citations]
        page.other_citations = _articles(other, {(c.law.slug, c.article.key) for c in page.main_citations})
        out.append(page)
    return out


def _law_order(site: Site) -> dict[str, int]:
    library = site.models.get("laws")
    return {law.slug: i for i, law in enumerate(library.sorted_laws())} if library else {}


def _sorted(site: Site, citations: list) -> list:
    order = _law_order(site)
    return sorted(citations, key=lambda c: (order.get(c.law.slug, len(order)), c.article.number, c.article.suffix))


def main_articles(site: Site, citations: list) -> list[dict]:
    """The main articles, each with the start of its text (the library's order, then the article's)."""
    out = []
    for citation in _sorted(site, citations):
        text = " ".join(citation.article.text.split())
        out.append({"law": citation.law.short, "label": citation.article.label, "url": citation.target,
                    "excerpt": text if len(text) <= EXCERPT else text[:EXCERPT] + "……"})
    return out


def other_laws(site: Site, citations: list, from_url: str) -> list[dict]:
    """The other articles grouped by law, as citation links: tapping one shows its text (laws.js)."""
    groups: dict[str, tuple] = {}
    for citation in _sorted(site, citations):
        groups.setdefault(citation.law.slug, (citation.law, []))[1].append(citation.article)
    out = []
    for law, articles in groups.values():
        text = "、".join(f"[[{law.slug}#{a.key}|{a.label}]]" for a in articles)
        out.append({"title": law.title, "url": law.url, "count": len(articles),
                    "links": text})  # citations: the template puts them through the Markdown pipeline
    return out
