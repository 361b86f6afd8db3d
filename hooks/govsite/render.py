"""Jinja rendering of generated pages. Markup lives in overrides/govsite/, never in Python."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
from pathlib import Path

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


def shared_bytecode_cache() -> BytecodeCache:
    """For `mkdocs serve`: MkDocs makes a new Jinja environment for the theme on every save and compiles
    Material's templates again; given this cache, an unchanged template is compiled once (Jinja compares the
    template's source checksum, so an edited one is compiled again)."""
    return _BYTECODE_CACHE


class Unkeyable(Exception):
    """A value the render cache cannot describe completely: such a render is never reused."""


_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, dt.timedelta)
_TAGS: dict = {}  # type -> "module.name:" written before a scalar's repr (Markup is not str)
_CLASSES: dict = {}  # dataclass type -> (field names, frozen, "module.name(")


def _tag(kind) -> str:
    tag = _TAGS.get(kind)
    if tag is None:
        tag = _TAGS[kind] = f"{kind.__module__}.{kind.__qualname__}:"
    return tag


def _describe(value, out: list, memo: dict, seen: dict, depth: int = 0) -> bool:
    """Append a complete description of `value` to `out`: the same description means the same value.

    Plain data only: scalars (with their type: Markup is not str), lists, tuples, dicts in their order, sets,
    and dataclass instances by type and every field — except the fields a class names in SOURCE_FIELDS, made from
    one file's text alone, when the instance carries that text's digest (`source_digest`). A mutable value
    (list, dict, set, dataclass that is not frozen) met again is written as the number of its first appearance
    (`seen`), so shared values and cycles (a policy and its interpretations) are described completely, identity
    included. Anything else (functions, other objects, attributes outside the fields) or a deep nesting raises
    Unkeyable. Returns whether the value is immutable throughout (scalars, tuples and frozen dataclasses of
    such): only those are described once per pass (`memo`, by id), as their text does not depend on where they
    are met.
    """
    kind = type(value)
    tag = _TAGS.get(kind)  # scalars seen before: the common case, one lookup (speed: this runs for every value)
    if tag is not None or kind in _SCALARS or isinstance(value, str):
        out.append(tag or _tag(kind))
        out.append(repr(value))
        return True
    if depth > 60:
        raise Unkeyable("deep nesting")
    info = _CLASSES.get(kind)
    if info is None and hasattr(kind, "__dataclass_fields__") and not isinstance(value, type):
        names = tuple(f.name for f in dataclasses.fields(kind))
        from_source = tuple(getattr(kind, "SOURCE_FIELDS", ()))
        info = _CLASSES[kind] = (names, kind.__dataclass_params__.frozen, f"{kind.__module__}.{kind.__qualname__}(",
                                 tuple(n for n in names if n not in from_source) if from_source else None)
    mutable = kind is list or kind is dict or kind is set or (info is not None and not info[1])
    if mutable:
        number = seen.get(id(value))
        if number is not None:
            out.append(f"@{number}")
            return False
        seen[id(value)] = len(seen)
    if kind is list or kind is tuple:
        out.append("[" if kind is list else "(")
        fixed = kind is tuple
        for item in value:
            fixed = _describe(item, out, memo, seen, depth + 1) and fixed
        out.append("]")
        return fixed
    if kind is dict:
        out.append("{")
        for key, item in value.items():
            _describe(key, out, memo, seen, depth + 1)
            _describe(item, out, memo, seen, depth + 1)
        out.append("}")
        return False
    if kind is set or kind is frozenset:
        parts: list = []
        all_fixed = True
        for item in value:
            one: list = []
            all_fixed = _describe(item, one, {}, {}, depth + 1) and all_fixed  # alone: sorted by text
            parts.append("".join(one))
        if not all_fixed:
            raise Unkeyable("set of mutable values")
        out.append("<" + "|".join(sorted(parts)) + ">")
        return kind is frozenset
    if info is not None:
        known = memo.get(id(value))
        if known is not None:
            out.append(known[1])
            return True
        names, frozen, opening, not_from_source = info
        state = getattr(value, "__dict__", None)
        if state is not None and len(state) > len(names):
            raise Unkeyable(kind.__qualname__)  # state outside the fields
        if not_from_source is not None and value.source_digest:
            names = not_from_source  # made from the file's text alone: its digest (`source_digest`) says it all
        one = [opening]
        fixed = frozen
        try:
            for name in names:
                one.append(name)
                fixed = _describe(getattr(value, name), one, memo, seen, depth + 1) and fixed
        except AttributeError:  # a field never set
            raise Unkeyable(kind.__qualname__) from None
        one.append(")")
        text = "".join(one)
        if fixed:
            memo[id(value)] = (value, text)  # the value is kept, so its id is not reused during the pass
        out.append(text)
        return fixed
    raise Unkeyable(kind.__qualname__)


class RenderCache:
    """`mkdocs serve`: a template rendered with the same context gives the same HTML (issue 9, editor loop).

    The key of a render is its template name, the page it is rendered for, and a description of everything the
    template receives: the context (_describe), the globals (settings, today) and the text of every template
    under overrides/govsite/ (a changed template or include changes every key). A context holding anything
    _describe cannot describe completely is rendered every time. Entries not used since the previous pass are
    dropped, so memory follows the site.
    """

    def __init__(self):
        self.entries: dict = {}
        self.kept: dict = {}
        self.frame = ""
        self.memo: dict = {}
        self.undescribable: set[str] = set()  # templates not worth describing (below): always rendered
        self.costs: dict[str, list] = {}  # template -> [seconds describing, times, seconds rendering, times]
        self.hits = self.misses = self.unkeyable = 0

    def begin(self, site) -> None:
        """Start a pass (one load and render of the site)."""
        folder = Path(site.root) / "overrides" / "govsite"
        h = hashlib.sha1()
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        out: list = []
        _describe((site.settings, site.today), out, {}, {})
        h.update("".join(out).encode("utf-8", "surrogatepass"))
        frame = h.hexdigest()
        if frame != self.frame:
            self.kept = {}  # a template or a global changed: nothing is reused
            self.undescribable, self.costs = set(), {}
            self.frame = frame
        # Describing a big context (a policy and everything it links to) can cost more than rendering it:
        # such templates are simply rendered from now on (measured on the first pass, when all are rendered).
        self.undescribable.update(t for t, (described, d, rendered, r) in self.costs.items()
                                  if r and described / d > rendered / r / 2)
        self.entries, self.kept, self.memo = self.kept, {}, {}
        self.hits = self.misses = self.unkeyable = 0

    def key(self, template: str, from_url: str, context: dict):
        """The key of this render, or None: render it (always correct, merely slower)."""
        if template in self.undescribable:  # its pages hold cycles or functions: describing them is time lost
            self.unkeyable += 1
            return None
        out: list = []
        started = time.process_time()
        try:
            _describe(context, out, self.memo, {})
        except Unkeyable:
            self.undescribable.add(template)
            self.unkeyable += 1
            return None
        finally:
            cost = self.costs.setdefault(template, [0.0, 0, 0.0, 0])
            cost[0] += time.process_time() - started
            cost[1] += 1
        return template, from_url, hashlib.sha1("".join(out).encode("utf-8", "surrogatepass")).digest()

    def reuse(self, label: str, inputs, compute):
        """Any other pure computation: `compute()` reads nothing but `inputs` (and the engine's code), so its
        result is reused while their description is the same. The result must not be changed by the caller."""
        key = self.key(label, "", {"inputs": inputs})
        if key is not None:
            result = self.get(key)
            if result is not None:
                return result
        started = time.process_time()
        result = compute()
        if key is not None:
            self.costs[label][2] += time.process_time() - started
            self.costs[label][3] += 1
            self.put(key, result)
        return result

    def get(self, key):
        html = self.entries.get(key)
        if html is not None:
            self.kept[key] = html
            self.hits += 1
        else:
            self.misses += 1
        return html

    def put(self, key, html: str) -> None:
        self.kept[key] = html


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
        self.made: dict[str, str] = {}  # src_uri -> title of every page made so far (the 网站地图 lists them)

    def render(self, template: str, from_url: str, **context) -> str:
        return self.env.get_template(template).render(
            url=lambda target: relative_url(target, from_url), page_url=from_url, **context
        )

    def _render_page(self, template: str, from_url: str, **context) -> str:
        """A whole generated page, reused under `mkdocs serve` when its context is unchanged (RenderCache).
        Only pages: describing a context costs time, which small fragments would not win back."""
        cache = self.site.render_cache
        key = cache.key(template, from_url, context) if cache is not None else None
        if key is not None:
            html = cache.get(key)
            if html is not None:
                return html
        started = time.process_time()
        html = self.render(template, from_url, **context)
        if key is not None:
            cache.costs[template][2] += time.process_time() - started
            cache.costs[template][3] += 1
            cache.put(key, html)
        return html

    def page(self, src_uri: str, title: str, template: str, *, toc=(), meta=None, **context) -> GeneratedPage:
        html = self._render_page(template, page_url(src_uri), title=title, **context)
        self.made[src_uri] = title
        return GeneratedPage(src_uri=src_uri, title=title, html=html,
                             toc=[t if isinstance(t, TocEntry) else TocEntry(*t) for t in toc],
                             meta=dict(meta or {}))
