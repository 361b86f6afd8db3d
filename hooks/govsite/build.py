"""The pipeline: load -> validate -> model (load_site), then render (render_site)."""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import hashlib
import importlib
import itertools
import pkgutil
import re
from pathlib import Path

from . import dates, frontmatter, incremental, lifecycle, schema
from .dates import WorkCalendar
from .guard.review import review_links
from .guard.sanitize import clean_html, unsafe_constructs  # noqa: F401  (clean_html is used by the adapter)
from .incremental import Memo
from .markdown import MarkdownConfig, Pipeline, default_config
from .mode import BuildMode
from .model import ContentType, EditorPage, GeneratedFile, GeneratedPage, Site, page_url
from .problems import InputError, Problem, Problems
from .render import Renderer
from .source import rel
from .yamlfile import Located, load_yaml, parse_yaml

ENGINE_DIR = Path(__file__).parent
SITE_SCHEMA = ENGINE_DIR / "site.schema.json"
HOLIDAYS_SCHEMA = ENGINE_DIR / "holidays.schema.json"
PAGE_SCHEMA = ENGINE_DIR / "page.schema.json"


def discover_types() -> list[ContentType]:
    """Every module in govsite/types/ that defines CONTENT_TYPE, in load order."""
    from . import types as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        content_type = getattr(module, "CONTENT_TYPE", None)
        if content_type is not None:
            found.append(content_type)
    return sorted(found, key=lambda t: (t.order, t.name))


_PLAIN = (str, int, float, bool, type(None))


def _copy_data(value):
    """A fresh copy of parsed YAML (dicts, lists, scalars; anything else deep-copied)."""
    if isinstance(value, dict):
        return {k: _copy_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_data(v) for v in value]
    if isinstance(value, _PLAIN):
        return value
    return copy.deepcopy(value)


def _copy_located(located: Located) -> Located:
    return Located(file=located.file, data=_copy_data(located.data), lines=dict(located.lines),
                   key_lines=dict(located.key_lines), line_offset=located.line_offset,
                   block_paths=set(located.block_paths), source_digest=located.source_digest)


def source_digest(file: str, text: str) -> str:
    """What a value made from one file's text alone is described by in render cache keys (render._describe)."""
    return hashlib.sha1(f"{file}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def _source_digest(site: Site, file: str, text: str) -> str:
    """source_digest under make serve, where an unchanged file's text is the str read before (Site.read_text):
    its digest is the one computed before, not a hash of the whole text again on every save."""
    return site.derived(f"source digest: {file}", text, lambda same_text: source_digest(file, same_text))


def _parsed_and_checked(text: str, file: str, schema_path: Path) -> tuple[Located | None, list[Problem]]:
    """One YAML file parsed and checked against its schema: a function of its text, name and schema alone."""
    try:
        located = parse_yaml(text, file)
    except InputError as exc:
        return None, list(exc.problems)
    if located.data is None:
        return None, [Problem(file, 1, "", "文件没有内容")]
    problems = schema.validate(located, schema_path)
    return (None if problems else located), problems


def _copy_parsed(result: tuple) -> tuple:
    """Callers change what they were given (a type may add to its data): each gets its own copy."""
    first, *rest = result
    return (_copy_located(first) if first is not None else None, *rest)


def _parsed_once(site: Site, label: str, file: str, text: str, schema_path: Path, compute) -> tuple:
    """compute(), a function of one file's text, name and schema alone; under make serve the result of the last
    save while the text and schema are the same (Memo.made_from: an unchanged file's text is the very str read
    before, so nothing is described or hashed), handed out as a copy (_copy_parsed)."""
    if site.memo is None:
        return compute()
    return _copy_parsed(site.memo.made_from((label, file), (text, str(schema_path)), compute))


def load_yaml_checked(site: Site, path: Path, schema_path: Path):
    """Load and validate one YAML file; record problems; return the Located data or None. Under make serve a file
    is parsed and checked again only when its text changed (site.reuse)."""
    try:
        text = site.read_text(path)
    except InputError as exc:
        site.problems.extend(exc.problems)
        return None
    file = rel(path, site.root)
    located, problems = _parsed_once(site, "yaml: parse and check", file, text, schema_path,
                                     lambda: _parsed_and_checked(text, file, schema_path))
    site.problems.extend(problems)
    if located is not None and site.memo is not None:
        located.source_digest = _source_digest(site, file, text)
    return located


def _load_settings(site: Site) -> None:
    path = site.data_dir / "site.yml"
    if not path.exists():
        site.problems.error("data/site.yml", 0, "", "缺少网站设置文件 data/site.yml")
        return
    try:
        located = load_yaml(path, site.root)
    except InputError as exc:
        site.problems.extend(exc.problems)
        return
    if not isinstance(located.data, dict):
        site.problems.error(located.file, 1, "", "网站设置应为若干“字段: 值”")
        return
    problems = schema.validate(located, SITE_SCHEMA)
    site.problems.extend(problems)
    # The valid fields are kept even when others are wrong: other checks read them, and one typo here
    # should not cascade into their errors. Wrong fields are dropped, so nobody reads a wrong type.
    wrong = {re.split(r"[.\[]", p.field, maxsplit=1)[0] for p in problems}
    site.settings = {key: value for key, value in located.data.items() if key not in wrong}
    site.settings_located = located


def _load_holidays(site: Site) -> None:
    path = site.data_dir / "holidays.yml"
    if not path.exists():
        return
    located = load_yaml_checked(site, path, HOLIDAYS_SCHEMA)
    if not located:
        return
    extra = {}
    for year_text, entry in located.data.get("年份", {}).items():
        year = int(year_text)
        sets = {"holidays": set(), "workdays": set()}
        for key, target in (("放假", "holidays"), ("调休上班", "workdays")):
            for i, day_text in enumerate(entry.get(key, [])):
                day = dt.date.fromisoformat(day_text)
                if day.year != year:
                    site.problems.error(located.file, located.line_of(("年份", year_text, key, i)),
                                        f"年份.{year_text}.{key}", f"日期 {day_text} 不属于 {year} 年")
                sets[target].add(day)
        extra[year] = sets
    site.calendar = WorkCalendar(extra)


def _owner_of(src_uri: str, types: list[ContentType]) -> ContentType | None:
    best = None
    for content_type in types:
        for prefix in content_type.content_prefixes:
            if src_uri.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
                best = (prefix, content_type)
    return best[1] if best else None


def _load_documents(site: Site) -> None:
    """Read every Markdown page in content/ and validate its front matter by the folder's kind."""
    if not site.content_dir.is_dir():
        site.problems.error("content", 0, "", "缺少内容目录 content/")
        return
    content_dir = site.content_dir
    for path in site.listing(content_dir):
        # names first, the file system last (a listing of ten thousand files is walked on every save)
        name = path.name
        if name.startswith(".") or not name.endswith(".md") or site.is_dir(path):
            continue
        src_uri = rel(path, content_dir)
        file = rel(path, site.root)
        owner = _owner_of(src_uri, site.types)
        schema_path = owner.front_matter_schema if owner and owner.front_matter_schema else PAGE_SCHEMA
        try:
            text = site.read_text(path)
        except InputError as exc:
            site.problems.extend(exc.problems)
            continue
        if site.memo is None:
            page = _editor_page(site, src_uri, file, owner, schema_path, text)
        else:
            page = _kept_editor_page(site, src_uri, file, owner, schema_path, text)
        if page is not None:
            site.editor_pages[src_uri] = page


def _editor_page(site: Site, src_uri: str, file: str, owner: ContentType | None, schema_path: Path,
                 text: str) -> EditorPage | None:
    """One Markdown file of content/ as the model holds it, or None: its front matter split and checked, and
    (a document type's page) admitted by the lifecycle's gate. A draft, a page scheduled for later or a withdrawn
    one is left out of the model (lifecycle.py); the adapter keeps MkDocs from building its file."""
    return _admitted(site, src_uri, _gated_page(site, src_uri, file, owner, schema_path, text))


def _admitted(site: Site, src_uri: str, made) -> EditorPage | None:
    """The page _gated_page made when the lifecycle's gate admits it; a page scheduled for later is waited for."""
    if made is None:
        return None
    page, admitted = made
    if not admitted:
        _wait_if_scheduled(site, src_uri, page)
        return None
    return page


def _gated_page(site: Site, src_uri: str, file: str, owner: ContentType | None, schema_path: Path,
                text: str) -> tuple[EditorPage, bool] | None:
    """(the page, whether the gate admits it), or None when its front matter is wrong (reported)."""
    located, body, body_line, problems, warnings = _parsed_once(
        site, "page: parse and check", file, text, schema_path,
        functools.partial(_front_matter_checked, text, file, schema_path))
    site.problems.extend(problems)
    if located is None:
        return None
    for line, message in warnings:
        site.problems.warning(file, line, "正文", message)
    page = EditorPage(
        src_uri=src_uri, file=file, meta=located.data, body=body, body_line=body_line,
        located=located, kind=owner.name if owner else "page",
        source_digest=_source_digest(site, file, text) if site.memo is not None else "")
    if owner is not None and lifecycle.schema_declares(owner.front_matter_schema, lifecycle.REVIEW):
        admission = lifecycle.admit_page(site, page, owner)
        if not admission:
            return page, False
        page.lifecycle = admission.lifecycle
    return page, True


def _wait_if_scheduled(site: Site, src_uri: str, page: EditorPage) -> None:
    waiting = lifecycle.held_at(site, page_url(src_uri))
    if waiting is not None and waiting.state == lifecycle.STATE_SCHEDULED:
        lifecycle.register(site).scheduled_pages[src_uri] = page


def _kept_editor_page(site: Site, src_uri: str, file: str, owner: ContentType | None, schema_path: Path,
                      text: str) -> EditorPage | None:
    """_editor_page under make serve: the page made at the last save, with what the gate decided and reported,
    while its text is the same (the very str: Site.read_text) and so is everything else the gate reads (the
    date, whether drafts show, whether a review record is required, and whether its release moment has come:
    lifecycle.page_release, read from the last page's front matter, valid while the text is the same). Handed over, it is the
    very object of the last save, so that whatever is made of it is found unchanged by identity; nothing changes
    an EditorPage once made. The gate's entries in the lifecycle's register are kept with it and entered again."""
    key = ("editor page", src_uri)
    last = site.last_made(key)  # ((made, held, shown), problems); made: (page, admitted) or None
    last_page = last[0][0][0] if last is not None and last[0][0] is not None else None
    # read once per front matter (the same dict while the text is the same), compared with the moment every save
    release = site.derived("lifecycle: page release", last_page.meta, lifecycle.page_release) \
        if last_page is not None else False
    parts = (text, str(schema_path), owner.name if owner else "", site.today, site.mode.show_drafts,
             lifecycle.review_required(site), object() if release is False else lifecycle.due(site, release))
    register = lifecycle.register(site)

    def make():
        # the gate's entries made apart (a verifying Memo makes a handed-over page again: it adds nothing twice)
        held, shown, register.held, register.shown = register.held, register.shown, [], []
        try:
            made = _gated_page(site, src_uri, file, owner, schema_path, text)
            return made, tuple(register.held), tuple(register.shown)
        finally:
            register.held, register.shown = held, shown

    made, held, shown = site.made_reporting(key, parts, make)
    register.held.extend(held)
    register.shown.extend(shown)
    return _admitted(site, src_uri, made)


def _front_matter_checked(text: str, file: str, schema_path: Path) -> tuple:
    """An editor's page split into front matter and body, the front matter checked against its schema, the body's
    unsafe HTML listed: (located or None, body, body line, problems, warnings), a function of the text alone."""
    try:
        located, body, body_line = frontmatter.split(text, file)
    except InputError as exc:
        return None, "", 0, list(exc.problems), []
    problems = schema.validate(located, schema_path)
    if problems:
        return None, body, body_line, problems, []
    return located, body, body_line, [], unsafe_constructs(body, body_line)


def load_site(root: Path, site_url: str = "", today: dt.date | None = None,
              types: list[ContentType] | None = None, memo: Memo | None = None,
              markdown: MarkdownConfig | None = None, mode: BuildMode | None = None,
              now: dt.datetime | None = None) -> Site:
    """Load, validate and model everything. Problems are collected in site.problems, never raised.

    `types` restricts the content types (tests of one area); by default every discovered type runs.
    `memo` (mkdocs serve) is the incremental layer: results whose inputs are unchanged since the last load are
    reused (govsite.incremental). `markdown`: the Markdown settings of mkdocs.yml, as MkDocs read them.
    `mode` says whether drafts are shown (mode.py). `now` is the build's moment (scheduled release): by default
    dates.now(); given `today` alone, the end of that day.
    """
    root = Path(root).resolve()
    clock_problem = ""
    if now is None and today is not None:
        now = dates.end_of_day(today)
    if now is None:
        try:
            now = dates.now()
        except dates.ClockError as exc:
            clock_problem, now = str(exc), dates.end_of_day(dt.date.today())
    now = now.astimezone(dates.TZ)
    site = Site(root=root, site_url=site_url, today=today or now.date(), now=now, memo=memo,
                mode=mode or BuildMode())
    if clock_problem:
        site.problems.error("环境变量", 0, "", clock_problem)
    site.markdown = Pipeline(site, markdown if markdown is not None else default_config(str(root)))
    if memo is not None:
        memo.begin()
    site.types = discover_types() if types is None else sorted(types, key=lambda t: (t.order, t.name))
    _load_settings(site)
    _load_holidays(site)
    _load_documents(site)
    for content_type in site.types:
        content_type.load(site)
    for content_type in site.types:
        content_type.loaded(site)
    if not site.problems.errors:
        for content_type in site.types:
            content_type.check(site)
    if not site.problems.errors:
        check_documents(site)
    if not site.problems.errors:
        from . import crossref  # imports the laws type, which imports this module

        review_links(site)  # links to held-back pages; the rest once the published pages are known
        crossref.check_scheduled(site)
    # every file has been read; the texts and the folders' listings stay for the caller (check_links lists
    # content/'s files again) until Site.forget_texts
    return site


def check_documents(site: Site) -> None:
    """Rules every document's text obeys, whatever its type: citations resolve and raw HTML is safe. Editors'
    Markdown pages were checked as they loaded (crossref.check_documents); this covers text held in YAML
    (a policy's 正文, an interpretation …)."""
    from .document import all_documents

    seen: set[tuple] = set()
    for doc in all_documents(site):
        body = doc.body
        if body is None or body.template or body.checked or not body.file.endswith((".yml", ".yaml")):
            continue
        if (body.file, body.line) in seen:
            continue
        seen.add((body.file, body.line))
        # make serve: a text's findings are reused while the text, its place and the law library are the same
        # (compared, not described and hashed: an unchanged text is the very str of the last save)
        inputs = (body.markdown, body.file, body.line, body.field, site.markdown.library_state(), site.today)
        site.problems.extend(site.made_from(("check: document text", body.file, body.line), inputs,
                                            lambda body=body: _text_findings(site, body)))


def _text_findings(site: Site, body) -> tuple[Problem, ...]:
    """The problems check_documents reports for one text (collected apart, so that they can be reported again)."""
    from . import crossref

    reported, site.problems = site.problems, Problems()
    try:
        crossref.check_text(site, body.markdown, body.file, body.line, body.field)
        for line, message in unsafe_constructs(body.markdown, body.line):
            site.problems.warning(body.file, line, body.field, message)
        return tuple(site.problems.items)
    finally:
        site.problems = reported


# Files MkDocs writes itself besides the pages and the theme (a link to them is not broken).
MKDOCS_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")


def check_links(site: Site) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    """Links at review (guard/review.py): every internal link an editor wrote must reach a page or file the build
    publishes. Renders the engine's pages to know them; returns them (the adapter adds them to MkDocs' files)."""
    from .document import all_documents
    from .guard.review import PageAnchors, published_of

    pages, files = render_site(site)
    in_use = {a.url for doc in all_documents(site) for a in doc.attachments}
    withheld = lifecycle.withheld_files(site, in_use)
    content = [rel(p, site.content_dir) for p in site.listing(site.content_dir)
               if not p.name.endswith(".md") and site.is_file(p)  # the name first: a stat only for what is left
               and not any(part.startswith(".") for part in p.relative_to(site.content_dir).parts)]
    published = published_of([p.src_uri for p in pages] + list(site.editor_pages),
                             [f for f in content if f not in withheld] + [f.dest_uri for f in files] + list(MKDOCS_FILES))
    review_links(site, dataclasses.replace(published, anchors=PageAnchors(site, pages)), held_back=False)
    return pages, files


def render_site(site: Site) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    renderer = Renderer(site)
    pages: list[GeneratedPage] = []
    files: list[GeneratedFile] = []
    for content_type in site.types:
        inputs = content_type.output_inputs(site) if site.memo is not None else None
        if inputs is None:
            made = _outputs(site, content_type, renderer)
        else:
            # make serve: a type whose inputs are the very objects of the last save hands over its pages and files
            # as they were (a save of one notice leaves the policies' 3,000 pages alone), in one comparison of its
            # inputs instead of one per page
            parts = (incremental.template_frame(site), site.site_url, site.markdown.config_key, inputs)
            made = site.made_reporting(("outputs", content_type.name), parts,
                                       functools.partial(_outputs, site, content_type, renderer))
        made_pages, made_files, listed = made
        pages.extend(made_pages)
        files.extend(made_files)
        renderer.made.update(listed)  # the pages the 网站地图 lists, in the order they were made
    seen: dict[str, str] = {}
    for page in pages:
        if page.src_uri in seen or page.src_uri in site.editor_pages:
            raise ValueError(f"two sources for page {page.src_uri}")  # a programming error, not editors'
        seen[page.src_uri] = page.title
    return pages, files


def editor_page_title(site: Site, page: EditorPage) -> str:
    """The title of an editor's page away from its own heading (window title, search): its Document's, which says
    （示例） for a demo, when the page is a document; else its 标题."""
    from .document import all_documents

    index = site.models.get("_documents_by_page")
    if index is None:
        index = site.models["_documents_by_page"] = {d.url: d for d in reversed(all_documents(site))}
    doc = index.get(page_url(page.src_uri))
    return doc.shown_title if doc is not None else str(page.meta["标题"])


def editor_page_html(site: Site, page: EditorPage, renderer: Renderer) -> tuple[str, list]:
    """An editor's Markdown page as HTML (links relative to the page) and its table of contents: the body
    through the one Markdown pipeline, with what the owning content type puts around it (title, metadata)."""
    owner = next((t for t in site.types if t.name == page.kind), None)
    before, after = owner.document_html(site, page, renderer) if owner else ("", "")
    converted = site.markdown.take(page.body, page.src_uri)

    def make() -> tuple[str, list]:
        return before + site.markdown.for_page(converted, page_url(page.src_uri)) + after, list(converted.toc)

    if site.memo is None:
        return make()
    # make serve: the very str of the last save when its parts are the very objects they were (the frame and the
    # conversion are reused results), so that the adapter knows its digest without hashing it again
    html, toc = site.memo.assembled("editor page html", page.src_uri, (before, after, converted), make)
    return html, list(toc)


def _outputs(site: Site, content_type: ContentType, renderer: Renderer) -> tuple[tuple, tuple, tuple]:
    """A type's pages and files, with the pages it made to list (Renderer.made: what the 网站地图 shows), told
    apart from those of the types before it, so that a record of them adds them again when handed over. The type
    still reads every page made before it: the 网站地图, made last, lists them all."""
    before = len(renderer.made)
    pages, files = tuple(content_type.pages(site, renderer)), tuple(content_type.files(site, renderer))
    return pages, files, tuple(itertools.islice(renderer.made.items(), before, None))


def build_epoch(site: Site) -> int:
    """A build timestamp taken from the content, never the clock: midnight (Beijing) of the newest change of any
    document. MkDocs stamps sitemap.xml and its gzip file with the build date; with this as SOURCE_DATE_EPOCH the
    same input gives byte-identical output on any day.
    """
    from .document import all_documents, changed_day

    newest = max((changed_day(site, doc) for doc in all_documents(site)), default=dt.date(2000, 1, 1))
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dates.TZ).timestamp())
