"""Jinja rendering of generated pages. Markup lives in overrides/govsite/, never in Python."""
from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from . import document
from .dates import zh_date
from .model import GeneratedPage, Site, TocEntry, page_url, relative_url


class _SharedBytecodeCache(BytecodeCache):
    """Compiled templates shared by every Renderer in this process (a build makes several Renderers, and `mkdocs
    serve` makes new ones on every save), and kept on disk from one build to the next: compiling the engine's and
    the theme's hundred templates is about a second of every build. Jinja checks each entry against the template's
    source checksum, so an edited template is compiled again. The files are in the cache folder of the guard's
    store (off with GOVSITE_CACHE=off and in mutation runs), named by the engine's and libraries' version and by
    the environment's settings that change what a template compiles to, so two environments never share code."""

    def __init__(self):
        self.store: dict[tuple[str, str], bytes] = {}
        self._folder: Path | None = None
        self._version = ""

    def load_bytecode(self, bucket) -> None:
        key = (_settings_key(bucket.environment), bucket.key)
        code = self.store.get(key)
        if code is None:
            path = self._path(key)
            try:
                code = path.read_bytes() if path is not None else None
            except OSError:
                code = None  # not compiled before: compiled now, and written by dump_bytecode
        if code is not None:
            self.store[key] = code
            bucket.bytecode_from_string(code)  # Jinja drops it if the template's checksum differs

    def dump_bytecode(self, bucket) -> None:
        key = (_settings_key(bucket.environment), bucket.key)
        code = self.store[key] = bucket.bytecode_to_string()
        path = self._path(key)
        if path is None:
            return
        from .derived import write_whole

        with contextlib.suppress(OSError):  # a read-only or full disk: compiled again next time
            write_whole(path, code)

    def _path(self, key: tuple[str, str]) -> Path | None:
        if not self._version:  # first use in this process
            from .guard.known_clean import cache_folder, guard_version, remove_old_stores

            self._version = guard_version()[:32]
            folder = cache_folder()
            if folder is not None:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    remove_old_stores(folder, keep=folder / f"templates-{self._version}", pattern="templates-*")
                    self._folder = folder
                except OSError:
                    self._folder = None
        if self._folder is None:
            return None
        return self._folder / f"templates-{self._version}-{key[0]}-{key[1]}.jinja"


def _settings_key(env) -> str:
    """What of an environment changes the code a template compiles to (delimiters, whitespace handling, the
    extensions, whether it escapes), as a short digest."""
    found = getattr(env, "_govsite_settings_key", None)
    if found is None:
        escaping = env.autoescape
        escapes = tuple(escaping(name) for name in ("a.html", "a.xml", "a.txt", None)) if callable(escaping) else escaping
        settings = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                    env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                    env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                    env.keep_trailing_newline, sorted(env.extensions), env.optimized, env.finalize is not None,
                    env.is_async, escapes)
        found = hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]
        env._govsite_settings_key = found
    return found


_BYTECODE_CACHE = _SharedBytecodeCache()


def shared_bytecode_cache() -> BytecodeCache:
    """For the theme's environment, which MkDocs makes (and `mkdocs serve` makes again on every save): Material's
    templates compiled once, and kept from one build to the next, like the engine's."""
    return _BYTECODE_CACHE


class Renderer:
    def __init__(self, site: Site):
        self.site = site
        self.env = Environment(
            loader=FileSystemLoader(str(site.root / "overrides" / "govsite")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_BYTECODE_CACHE,
        )
        self.env.filters["zh_date"] = zh_date
        self.env.filters["zh_when"] = document.zh_when
        self.env.filters["facts"] = document.facts
        self.env.filters["filesize"] = _filesize
        self.env.filters["groupby_first"] = _groupby_first
        self.env.filters["markdown"] = self._markdown_filter
        self.env.filters["markdown_block"] = self._markdown_block_filter
        self.env.globals["settings"] = site.settings
        self.env.globals["today"] = site.today
        self.made: dict[str, str] = {}  # src_uri -> title of every page made so far to list (the 网站地图)

    def render(self, template: str, from_url: str | None, **context) -> str:
        """`template` with `url(target)` relative to the page at `from_url`; "" gives site-relative links, None
        root-relative ones ("/laws/x/"), which the Markdown pipeline tells from links written by editors."""
        if from_url is None:
            return self.env.get_template(template).render(url=lambda target: "/" + target, page_url="", **context)
        return self.env.get_template(template).render(
            url=lambda target: relative_url(target, from_url), page_url=from_url, **context
        )

    def _render_page(self, template: str, from_url: str, **context) -> str:
        """A whole generated page, reused under `mkdocs serve` while its inputs are the same: the templates and
        the globals every page reads (frame), its place and its context (govsite.incremental). Only pages:
        describing a context costs time, which small fragments would not win back."""
        if self.site.memo is None:
            return self.render(template, from_url, **context)
        return self.site.renders(template, (from_url, context), lambda: self.render(template, from_url, **context),
                                 place=from_url)

    @pass_context
    def _markdown_filter(self, context, text: str) -> Markup:
        """`{{ text | markdown }}`: a YAML text field through the one Markdown pipeline (citations, Markdown, safe
        HTML), each line a paragraph, links relative to the page being rendered; a single paragraph is given
        without its <p>, so the filter fits in a table cell or a sentence."""
        inner = self._markdown_block_filter(context, text).strip()
        if inner.startswith("<p>") and inner.endswith("</p>") and inner.count("<p>") == 1:
            inner = inner[3:-4]
        return Markup(inner)

    @pass_context
    def _markdown_block_filter(self, context, text: str) -> Markup:
        """`{{ text | markdown_block }}`: as `markdown`, for a text that stands as paragraphs of its own."""
        from_url = context.get("page_url", "")
        return Markup(self.site.markdown.for_page(self.site.markdown.convert(str(text or ""), from_url, lines=True),
                                                  from_url))

    def body_html(self, body: document.Body | None, from_url: str) -> str:
        """A document's body (or appendix) as HTML, links relative to the page at `from_url`; "" gives
        site-relative links (feeds: the writer makes them absolute). Markdown goes through the one pipeline."""
        if body is None:
            return ""
        if body.template:
            return self.render(body.template, from_url, **dict(body.context))
        return self.site.markdown.for_page(self.converted(body), from_url)

    def converted(self, body: document.Body):
        """The Markdown pipeline's result for a body: HTML with site-relative links, headings, citations."""
        return self.site.markdown.convert(body.markdown, body.base, lines=body.lines)

    def page(self, src_uri: str, title: str, template: str, *, toc=(), meta=None, **context) -> GeneratedPage:
        html = self._render_page(template, page_url(src_uri), title=title, **context)
        if not (meta or {}).get("noindex"):  # a page kept out of search engines is not listed in the 网站地图
            self.made[src_uri] = title
        made = GeneratedPage(src_uri=src_uri, title=title, html=html,
                             toc=[t if isinstance(t, TocEntry) else TocEntry(*t) for t in toc],
                             meta=dict(meta or {}))
        if self.site.memo is None:  # a build keeps every page until MkDocs writes it (make serve reuses them)
            made.pack()
        return made


def _filesize(attachment) -> str:
    """A size as people read it: 12.3 KB, 1.4 MB."""
    size = attachment.size if hasattr(attachment, "size") else int(attachment)
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size, 1) / 1024:.1f} KB"


def _groupby_first(items, attribute: str) -> list[tuple]:
    """Like Jinja's groupby, but groups in the order of their first item (not sorted)."""
    groups: dict = {}
    for item in items:
        groups.setdefault(getattr(item, attribute), []).append(item)
    return list(groups.items())
