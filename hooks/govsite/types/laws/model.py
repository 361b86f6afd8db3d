"""The law library's model: laws, their versions, statuses computed from dates, name lookup."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .parser import ParsedLaw

RANKS = ("宪法", "法律", "行政法规", "部门规章", "地方性法规", "规范性文件")
STATUSES = ("有效", "已修改", "已废止", "尚未生效")
STATUS_CLASS = {"有效": "valid", "已修改": "amended", "已废止": "repealed", "尚未生效": "pending"}


@dataclass
class LawVersion:
    law: Law
    ident: str  # "" for the current text, e.g. "2019" for an earlier version
    label: str  # 版本, e.g. 2024年修订
    promulgated: dt.date
    effective: dt.date
    doc_no: str
    date_note: str
    text_file: str  # repository-relative path of the text
    parsed: ParsedLaw

    @property
    def is_current(self) -> bool:
        return not self.ident

    @property
    def src_uri(self) -> str:
        return f"laws/{self.law.slug}.md" if self.is_current else f"laws/{self.law.slug}/{self.ident}.md"

    @property
    def url(self) -> str:
        return f"laws/{self.law.slug}/" if self.is_current else f"laws/{self.law.slug}/{self.ident}/"

    @property
    def compare_src_uri(self) -> str:
        return f"laws/{self.law.slug}/{self.ident}-compare.md"

    @property
    def compare_url(self) -> str:
        return f"laws/{self.law.slug}/{self.ident}-compare/"

    def status(self, today: dt.date) -> str:
        """时效性 on `today`: computed from the dates, never typed by editors."""
        law = self.law
        if law.repealed and today >= law.repealed:
            return "已废止"
        if today < self.effective:
            return "尚未生效"
        if any(v.effective > self.effective and v.effective <= today for v in law.all_versions):
            return "已修改"
        return "有效"


@dataclass
class Law:
    slug: str  # the YAML file's stem, used in URLs
    title: str
    short: str
    rank: str
    issuer: str
    topics: list[str]
    source: str
    source_url: str
    file: str  # repository-relative YAML path
    located: object
    repealed: dt.date | None = None
    repeal_basis: str = ""
    successor_name: str = ""
    successor: Law | None = None
    predecessors: list[Law] = field(default_factory=list)
    current: LawVersion | None = None
    history: list[LawVersion] = field(default_factory=list)  # earlier versions, oldest first
    lifecycle: object = None  # lifecycle.Lifecycle: shown ahead of its release (make serve, previews)

    @property
    def all_versions(self) -> list[LawVersion]:
        return [*self.history, self.current] if self.current else list(self.history)

    @property
    def url(self) -> str:
        return f"laws/{self.slug}/"

    def status(self, today: dt.date) -> str:
        return self.current.status(today)

    @property
    def names(self) -> list[str]:
        return sorted({self.title, self.short, self.slug})


@dataclass(frozen=True)
class Related:
    """Something that rests on an article (a 以案释法 case, a quiz question), listed under it on the law page."""

    kind: str  # heading of the list under the article: 相关案例, 相关答题
    title: str
    url: str  # site-relative, may carry an anchor
    sample: bool = False  # 示例: fictional demo content, marked wherever it is listed


@dataclass
class LawLibrary:
    laws: dict[str, Law] = field(default_factory=dict)  # slug -> law
    by_name: dict[str, Law] = field(default_factory=dict)  # 标题, 简称 and slug -> law
    broken_names: set[str] = field(default_factory=set)  # names of laws whose files have errors
    renderer: object = None  # set lazily by crossref for rendering citations
    sources: list = field(default_factory=list)  # (file, text) of every law file read: what `digest` is made of
    digest: str = ""  # of the library's files and the date: what citations show depends on nothing else
    # (law slug, article key) -> what other content types rest on that article of the current text, in the
    # order they were registered (types load in a fixed order, files in name order: deterministic)
    related: dict[tuple[str, str], list[Related]] = field(default_factory=dict)

    def lookup(self, name: str) -> Law | None:
        return self.by_name.get(name.strip())

    def add_related(self, citation, item: Related) -> None:
        """Register `item` under the article a crossref.Citation points at (whole-law citations are not listed)."""
        if citation.article is None:
            return
        entries = self.related.setdefault((citation.law.slug, citation.article.key), [])
        if item not in entries:
            entries.append(item)

    def related_to(self, law: Law) -> dict[str, dict[str, tuple[Related, ...]]]:
        """article key -> {kind: items} for one law's current text (for its page)."""
        out: dict[str, dict[str, tuple[Related, ...]]] = {}
        for (slug, key), items in sorted(self.related.items()):
            if slug == law.slug:
                kinds: dict[str, list[Related]] = {}
                for item in items:
                    kinds.setdefault(item.kind, []).append(item)
                out[key] = {kind: tuple(found) for kind, found in kinds.items()}
        return out

    def sorted_laws(self) -> list[Law]:
        return sorted(self.laws.values(), key=lambda law: (RANKS.index(law.rank), -law.current.promulgated.toordinal(), law.title))
