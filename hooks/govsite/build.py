"""The pipeline: load -> validate -> model (load_site), then render (render_site)."""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import pkgutil
import re
from pathlib import Path

from . import dates, frontmatter, schema
from .dates import WorkCalendar
from .mode import BuildMode
from .model import ContentType, Document, GeneratedFile, GeneratedPage, Site
from .problems import InputError, Problem
from .render import RenderCache, Renderer
from .sanitize import clean_html, unsafe_constructs  # noqa: F401  (clean_html is used by the adapter)
from .source import read_text, rel
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
    """A fresh copy of parsed YAML (dicts, lists, scalars); raises TypeError for anything else."""
    if isinstance(value, dict):
        return {k: _copy_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_data(v) for v in value]
    if isinstance(value, _PLAIN):
        return value
    raise TypeError(type(value).__name__)


def _copy_located(located: Located) -> Located:
    return Located(file=located.file, data=_copy_data(located.data), lines=dict(located.lines),
                   key_lines=dict(located.key_lines), line_offset=located.line_offset,
                   source_digest=located.source_digest)


def source_digest(file: str, text: str) -> str:
    """What a value made from one file's text alone is described by in render cache keys (render._describe)."""
    return hashlib.sha1(f"{file}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


class ParseCache:
    """`mkdocs serve`: parse and validate each file once while its text stays the same (issue 9, editor loop).

    Parsing and schema validation of one file depend only on its text, its name and the schema (the schema
    files belong to the engine, which `mkdocs serve` does not reload): the text itself is the key, read again on
    every load, never file times. A hit returns a fresh copy of the data (the same values), so a caller that
    changes what it got cannot change what the next load gets. Checks across files (types' load and check)
    always run again. Entries of files not read in a load are dropped, so memory follows the site.
    """

    def __init__(self):
        self.entries: dict[tuple, tuple] = {}
        self.kept: dict[tuple, tuple] = {}
        self.texts: dict[str, str] = {}  # this load's reads: the privacy scan and the loaders read each file once
        self.hits = 0

    def begin(self) -> None:
        self.kept, self.texts, self.hits = {}, {}, 0

    def read_text(self, path: Path, root: Path) -> str:
        """source.read_text, once per file and load (a file that cannot be read raises every time)."""
        key = str(path)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = read_text(path, root)
        return text

    def end(self) -> None:
        self.entries, self.kept, self.texts = self.kept, {}, {}

    def get(self, key: tuple, text: str):
        entry = self.entries.get(key)
        if entry is None or entry[0] != text:
            return None
        self.kept[key] = entry
        self.hits += 1
        return entry[1]

    def put(self, key: tuple, text: str, value) -> None:
        self.kept[key] = (text, value)


def load_yaml_checked(site: Site, path: Path, schema_path: Path):
    """Load and validate one YAML file; record problems; return the Located data or None."""
    cache = site.parse_cache
    try:
        if cache is None:
            located = load_yaml(path, site.root)
        else:
            text = cache.read_text(path, site.root)
            key = ("yaml", str(path), str(schema_path))
            hit = cache.get(key, text)
            if hit is not None:
                located, problems = hit
                site.problems.extend(problems)
                return None if problems else _copy_located(located)
            located = parse_yaml(text, rel(path, site.root))
            located.source_digest = source_digest(located.file, text)
    except InputError as exc:
        site.problems.extend(exc.problems)
        return None
    if cache is not None and located.data is None:
        cache.put(key, text, (located, [Problem(located.file, 1, "", "文件没有内容")]))
    if located.data is None:
        site.problems.error(located.file, 1, "", "文件没有内容")
        return None
    problems = schema.validate(located, schema_path)
    site.problems.extend(problems)
    if cache is not None:
        try:
            cache.put(key, text, (_copy_located(located), problems))
        except TypeError:
            pass  # not plain data: not cached
    return None if problems else located


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
    for path in sorted(site.content_dir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        src_uri = path.relative_to(site.content_dir).as_posix()
        if path.suffix != ".md":
            continue
        file = rel(path, site.root)
        owner = _owner_of(src_uri, site.types)
        schema_path = owner.front_matter_schema if owner and owner.front_matter_schema else PAGE_SCHEMA
        try:
            text = site.parse_cache.read_text(path, site.root) if site.parse_cache else read_text(path, site.root)
            hit = site.parse_cache.get(("md", file, str(schema_path)), text) if site.parse_cache else None
            if hit is not None:
                cached, body, body_line, problems, warnings = hit
                located = _copy_located(cached)
            else:
                located, body, body_line = frontmatter.split(text, file)
        except InputError as exc:
            site.problems.extend(exc.problems)
            continue
        if hit is None:
            problems = schema.validate(located, schema_path)
            warnings = [] if problems else unsafe_constructs(body, body_line)
            if site.parse_cache is not None:
                try:
                    site.parse_cache.put(("md", file, str(schema_path)), text,
                                         (_copy_located(located), body, body_line, problems, warnings))
                except TypeError:
                    pass  # not plain data: not cached
        site.problems.extend(problems)
        if problems:
            continue
        for line, message in warnings:
            site.problems.warning(file, line, "正文", message)
        site.documents[src_uri] = Document(
            src_uri=src_uri, file=file, meta=located.data, body=body, body_line=body_line,
            located=located, kind=owner.name if owner else "page",
            source_digest=source_digest(file, text) if site.parse_cache is not None else "")


def load_site(root: Path, site_url: str = "", today: dt.date | None = None,
              types: list[ContentType] | None = None, cache: ParseCache | None = None,
              render_cache: RenderCache | None = None, mode: BuildMode | None = None) -> Site:
    """Load, validate and model everything. Problems are collected in site.problems, never raised.

    `types` restricts the content types (tests of one area); by default every discovered type runs.
    `cache` and `render_cache` (mkdocs serve) keep each file's parsed and validated front matter or data, and
    each template's HTML for a context, across loads. `mode` says whether drafts are shown (mode.py).
    """
    root = Path(root).resolve()
    site = Site(root=root, site_url=site_url, today=today or dates.today(), parse_cache=cache,
                mode=mode or BuildMode())
    if cache is not None:
        cache.begin()
    site.types = discover_types() if types is None else sorted(types, key=lambda t: (t.order, t.name))
    _load_settings(site)
    _load_holidays(site)
    _load_documents(site)
    if render_cache is not None:  # types render while they load (feed entries), with the settings known now
        site.render_cache = render_cache
        render_cache.begin(site)
    for content_type in site.types:
        content_type.load(site)
    if not site.problems.errors:
        for content_type in site.types:
            content_type.check(site)
    if cache is not None:
        cache.end()
    return site


def render_site(site: Site) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    renderer = Renderer(site)
    pages: list[GeneratedPage] = []
    files: list[GeneratedFile] = []
    for content_type in site.types:
        pages.extend(content_type.pages(site, renderer))
        files.extend(content_type.files(site, renderer))
    seen: dict[str, str] = {}
    for page in pages:
        if page.src_uri in seen or page.src_uri in site.documents:
            raise ValueError(f"two sources for page {page.src_uri}")  # a programming error, not editors'
        seen[page.src_uri] = page.title
    return pages, files


def document_html(site: Site, doc: Document, renderer: Renderer) -> tuple[str, str]:
    """What the owning content type puts around an editor's page body."""
    owner = next((t for t in site.types if t.name == doc.kind), None)
    return owner.document_html(site, doc, renderer) if owner else ("", "")


def build_epoch(site: Site) -> int:
    """A build timestamp taken from the content, never the clock: midnight (Beijing) of the newest update.

    MkDocs stamps sitemap.xml and its gzip file with the build date; with this as SOURCE_DATE_EPOCH the same
    input gives byte-identical output on any day.
    """
    newest = max((u.date for u in all_updates(site)), default=dt.date(2000, 1, 1))
    day = newest.date() if isinstance(newest, dt.datetime) else newest
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dates.TZ).timestamp())


def all_updates(site: Site, limit: int | None = None):
    """Latest updates across content types, newest first, ties broken by title for determinism."""
    items = [u for t in site.types for u in t.updates(site)]
    items.sort(key=lambda u: (-u.date.toordinal(), u.title, u.url))
    return items[:limit] if limit else items
