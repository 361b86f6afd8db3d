"""Citations of law articles, usable in any Markdown page and any YAML text field.

Syntax (documented for editors in EDITING.md, section 引用法律条文):

    [[退役军人保障法#21]]          article 21; the law by 简称, 标题 or file name
    [[退役军人保障法#第二十一条]]   the same, article written in Chinese
    [[刑法#17之一]]                an inserted article (also 17-1)
    [[退役军人保障法]]              the whole law
    [[退役军人保障法#21|显示文字]]   own link text

A citation becomes a link to the article's anchor on the law page; hovering (or tapping) it shows the
article text. Besides, in Markdown pages a title in book-title marks that names a law in the library
(《宪法》, 《中华人民共和国退役军人保障法》) becomes a link to the law page.

Unknown laws and articles past a law's last are build errors with 文件:行 (check_documents runs in the
load phase, before anything is written; build.check_documents checks every document's text held in YAML).
Content types with YAML text of their own call check_text() in their load() (order > the laws type); the text
becomes HTML through the one Markdown pipeline (govsite.markdown, the `markdown` template filter), which calls
expand_markdown() here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from .lifecycle import STATE_SCHEDULED, held, held_law
from .model import Site
from .types.laws.numerals import chinese_to_int, int_to_chinese

REF_RE = re.compile(r"\[\[([^\[\]|#\n]+?)(?:#([^\[\]|\n]+?))?(?:\|([^\[\]\n]+?))?\]\]")
TITLE_RE = re.compile(r"《([^《》\n]{2,40})》")
ARTICLE_SPEC_RE = re.compile(r"^(?:第)?([0-9]+|[零〇一二三四五六七八九十百千]+)(?:条)?(?:(?:之|-)([0-9]+|[一二三四五六七八九十]+))?$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
TOOLTIP_CHARS = 300


@dataclass(frozen=True)
class Citation:
    law: object  # laws.model.Law
    article: object | None  # laws.parser.Article, None for the whole law
    text: str  # link text

    @property
    def target(self) -> str:
        return self.law.url + (f"#{self.article.anchor}" if self.article else "")


class CitationError(ValueError):
    """A citation that cannot be resolved; the message is Chinese, for editors."""


class CitationSkipped(CitationError):
    """The cited law's own files have errors (already reported): say nothing more about the citation."""


def _library(site: Site):
    return site.models.get("laws")


def _number(text: str) -> int:

    return int(text) if text.isdigit() else chinese_to_int(text)


def resolve(site: Site, name: str, spec: str | None, label: str | None = None,
            allow_repealed: bool = True) -> Citation:
    library = _library(site)
    law = library.lookup(name) if library else None
    if law is None and library is not None and name.strip() in library.broken_names:
        raise CitationSkipped(name)
    if law is None:
        waiting = held_law(site, name)
        if waiting is not None:
            raise CitationError(f"引用的《{waiting.title}》（{waiting.file}:{waiting.line}）{waiting.describe()}，"
                                "不能引用；请等它发布后再引用")
        known = "、".join(sorted(law.short for law in library.laws.values())) if library else ""
        raise CitationError(f"引用了未收录的法律法规“{name.strip()}”" + (f"；可用的名称：{known}" if known else ""))
    if not allow_repealed and law.status(site.today) == "已废止":
        successor = f"；请改引《{law.successor.short}》的相应条文" if law.successor else ""
        raise CitationError(f"《{law.short}》已于{law.repealed.year}年{law.repealed.month}月{law.repealed.day}日"
                            f"废止，不能作为现行依据{successor}")
    article = None
    if spec is not None:
        m = ARTICLE_SPEC_RE.match(spec.strip())
        if not m:
            raise CitationError(f"条文写法“{spec}”无法识别；应为数字或“第X条”，如 [[{law.short}#21]]")
        try:
            number = _number(m.group(1))
            suffix = _number(m.group(2)) if m.group(2) else 0
        except ValueError:
            raise CitationError(f"条文写法“{spec}”无法识别；应为数字或“第X条”，如 [[{law.short}#21]]") from None
        if number < 1:  # 第零条 does not exist, and has no Chinese numeral for the message below
            raise CitationError(f"条文写法“{spec}”无法识别；条文从第一条起编号，如 [[{law.short}#1]]")
        key = f"{number}-{suffix}" if suffix else str(number)
        article = law.current.parsed.article(key)
        if article is None:
            last = law.current.parsed.articles[-1]
            raise CitationError(f"《{law.short}》共{len(law.current.parsed.articles)}条（最后一条为{last.label}），"
                                f"没有第{int_to_chinese(number)}条" + (f"之{int_to_chinese(suffix)}" if suffix else ""))
    text = label.strip() if label else f"《{law.short}》" + (article.label if article else "")
    return Citation(law=law, article=article, text=text)


CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")


def _outside_code(line: str, matches):
    """Matches that do not fall inside an inline code span (`[[例子#1]]` documents the syntax)."""
    matches = list(matches)
    if not matches or "`" not in line:  # most lines (speed: this runs for every line of every page)
        return matches
    spans = [m.span() for m in CODE_SPAN_RE.finditer(line)]
    return [m for m in matches if not any(s <= m.start() < e for s, e in spans)]


def _scan_lines(text: str):
    """(line index, line) of lines outside fenced code blocks."""
    fenced = False
    for index, line in enumerate(text.split("\n")):
        if FENCE_RE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield index, line


def check_text(site: Site, text: str, file: str, line: int, field: str, allow_repealed: bool = True,
               require: bool = False) -> list[Citation]:
    """Validate every citation in a text (first line at `line`); report errors; return the citations."""
    found = []
    for index, content in _scan_lines(text or ""):
        for m in _outside_code(content, REF_RE.finditer(content)):
            try:
                found.append(resolve(site, m.group(1), m.group(2), m.group(3), allow_repealed))
            except CitationSkipped:
                continue
            except CitationError as exc:
                site.problems.error(file, line + index, field, f"{m.group(0)} {exc}")
    if require and not REF_RE.search(text or ""):
        site.problems.error(file, line, field, "应至少引用一条法律条文作为依据，写法如 [[退役军人保障法#21]]")
    return found


def unique(citations: list) -> list:
    """Citations without repeats (same law and article), in order of first mention."""
    seen, out = set(), []
    for citation in citations:
        key = (citation.law.slug, citation.article.key if citation.article else "")
        if key not in seen:
            seen.add(key)
            out.append(citation)
    return out


def text_line(source: str, line: int) -> int:
    """Line of a YAML value's first text line: a block scalar (`答: |`) starts on the line after its key."""
    lines = source.split("\n")
    if 0 < line <= len(lines) and re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", lines[line - 1]):
        return line + 1
    return line


def check_documents(site: Site) -> None:
    """Validate the citations of every Markdown page in content/ (load phase: before any output)."""
    library = getattr(_library(site), "digest", None)
    # the laws held back (a citation of one is refused, naming its state): not in the library's files' digest
    held_laws = tuple(h for h in held(site) if h.names) if site.memo is not None else ()
    if held_laws:  # the tuple of the last save while the same: each page's record below compares it by identity
        held_laws = site.memo.intern(("check: held laws",), held_laws)
    for doc in sorted(site.editor_pages.values(), key=lambda d: d.src_uri):
        if site.memo is None:
            check_text(site, doc.body, doc.file, doc.body_line, "")
            continue
        # make serve: a page's findings are reused while its text, its place and the law library (its files and
        # the date: what a citation resolves against) are the same, rather than every page checked on every save;
        # a record compared with the last save's (an unchanged text is the very str read before), not described
        inputs = (doc.body, doc.body_line, library, site.today, held_laws)
        site.problems.extend(site.made_from(("check: page citations", doc.file), inputs,
                                            lambda doc=doc: _page_findings(site, doc)))


def _page_findings(site: Site, doc) -> tuple:
    """The problems check_text reports for an editor's page, collected apart so that they can be reported again."""
    from .problems import Problems

    reported, site.problems = site.problems, Problems()
    try:
        check_text(site, doc.body, doc.file, doc.body_line, "")
        return tuple(site.problems.items)
    finally:
        site.problems = reported


def tooltip(citation: Citation) -> str:
    law = citation.law
    if citation.article is None:
        return f"{law.title}（{law.current.label}）"
    body = citation.article.text.replace("\n", " ")
    if len(body) > TOOLTIP_CHARS:
        body = body[:TOOLTIP_CHARS] + "……"
    return f"{citation.article.label} {body}"


def _renderer(site: Site):
    library = _library(site)
    if library.renderer is None:
        from .render import Renderer

        library.renderer = Renderer(site)
    return library.renderer


def _link(site: Site, citation: Citation, from_url: str, kind: str) -> str:
    # The template gets strings only, so that under make serve the link is rendered again only when one of them
    # (or the template, or the settings: RenderCache) changes
    inputs = (from_url, kind, citation.law.status(site.today), citation.target, tooltip(citation), citation.text)

    def render() -> str:
        from_url, kind, status, target, shown, text = inputs
        return _renderer(site).render("laws/citation.html", from_url, citation={"target": target, "text": text},
                                      kind=kind, tooltip=shown, status=status).strip()

    return site.renders("laws: citation", inputs, render)


def _title_link(site: Site, law, shown: str, from_url: str) -> str:
    citation = Citation(law=law, article=None, text=shown)
    return _link(site, citation, from_url, "title")


def _expand_line(site: Site, line: str, from_url: str, escape_plain: bool, link_titles: bool) -> str:
    """Replace citations (and, if asked, 《known titles》) in one line; escape the rest if asked."""
    out = []
    pos = 0
    tokens = []
    for m in _outside_code(line, REF_RE.finditer(line)):
        tokens.append((m.start(), m.end(), "ref", m))
    if link_titles and _library(site):
        for m in _outside_code(line, TITLE_RE.finditer(line)):
            inside_ref = any(s <= m.start() < e for s, e, _, _ in tokens)
            in_link = line[max(0, m.start() - 1):m.start()] == "[" or line[m.end():m.end() + 2] == "]("
            if not inside_ref and not in_link and _library(site).lookup(m.group(1)):
                tokens.append((m.start(), m.end(), "title", m))
    for start, end, kind, m in sorted(tokens, key=lambda t: t[0]):
        plain = line[pos:start]
        out.append(str(escape(plain)) if escape_plain else plain)
        if kind == "ref":
            try:
                out.append(_link(site, resolve(site, m.group(1), m.group(2), m.group(3)), from_url, "ref"))
            except CitationError:
                out.append(str(escape(m.group(0))) if escape_plain else m.group(0))  # reported at load time
        else:
            out.append(_title_link(site, _library(site).lookup(m.group(1)), m.group(0), from_url))
        pos = end
    rest = line[pos:]
    out.append(str(escape(rest)) if escape_plain else rest)
    return "".join(out)


def expand_markdown(site: Site, markdown: str) -> tuple[str, list[Citation]]:
    """Markdown with citations and known 《titles》 turned into links (inline HTML, site-relative targets), and the
    citations it holds, each once in order of appearance (govsite.markdown runs this before Markdown)."""
    if _library(site) is None:
        return markdown, []
    lines = markdown.split("\n")
    found: dict[tuple, Citation] = {}
    for index, line in _scan_lines(markdown):
        for m in _outside_code(line, REF_RE.finditer(line)):
            try:
                citation = resolve(site, m.group(1), m.group(2), m.group(3))
            except CitationError:
                continue  # reported at load time (check_text)
            found.setdefault((citation.law.slug, citation.article.key if citation.article else ""), citation)
        if line.lstrip().startswith("#"):  # headings: keep plain, they become the table of contents
            lines[index] = REF_RE.sub(lambda m: m.group(3) or m.group(1) + (f"第{m.group(2)}条" if m.group(2) else ""), line)
            continue
        # root-relative links ("/laws/x/"): the pipeline resolves editors' own links against the file's place
        lines[index] = _expand_line(site, line, None, escape_plain=False, link_titles=True)
    return "\n".join(lines), list(found.values())


def check_scheduled(site: Site) -> None:
    """A document scheduled for later is released by an unattended hourly build: its citations are checked now,
    as they will be at its release (an hourly publish that fails keeps the site as it was)."""
    for item in held(site):
        if item.state == STATE_SCHEDULED and item.body is not None and item.body.markdown:
            check_text(site, item.body.markdown, item.body.file, item.body.line, "")
