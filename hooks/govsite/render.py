"""Jinja rendering of generated pages. Markup lives in overrides/govsite/, never in Python."""
from __future__ import annotations

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .dates import zh_date
from .model import GeneratedPage, Site, TocEntry, page_url, relative_url


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every Renderer in this process (issue 9: a build makes several Renderers,
    and `mkdocs serve` makes new ones on every save). Jinja checks each entry against the template's source
    checksum, so an edited template is compiled again."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE_CACHE = _MemoryBytecodeCache()


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
        self.env.globals["settings"] = site.settings
        self.env.globals["today"] = site.today

    def render(self, template: str, from_url: str, **context) -> str:
        return self.env.get_template(template).render(
            url=lambda target: relative_url(target, from_url), page_url=from_url, **context
        )

    def page(self, src_uri: str, title: str, template: str, *, toc=(), meta=None, **context) -> GeneratedPage:
        html = self.render(template, page_url(src_uri), title=title, **context)
        return GeneratedPage(src_uri=src_uri, title=title, html=html,
                             toc=[t if isinstance(t, TocEntry) else TocEntry(*t) for t in toc],
                             meta=dict(meta or {}))
