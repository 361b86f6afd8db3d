"""The one Markdown pipeline: every piece of HTML made from editors' text goes through here.

Pages, feed entries and the HTML a content type makes from YAML text (a policy's 正文, a Q&A answer, a benefit's
conditions) are converted the same way:

1. citations `[[简称#条]]` and 《known titles》 become links (govsite.crossref), outside code;
2. Markdown with the extensions of mkdocs.yml `markdown_extensions`, with their settings (MarkdownConfig);
3. raw HTML cut to the safe subset (govsite.sanitize);
4. every link made site-relative: a link written relative to the Markdown file (`../2025/a.md#x`, `files/b.pdf`)
   is resolved against the file's place, `.md` becomes the page's directory URL.

The result (Converted) does not depend on where it is shown. `for_page` makes its links relative to a page,
`for_feed` absolute for a feed reader, which also loses the headings' permalink anchors.
"""
from __future__ import annotations

import functools
import html as html_lib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import markdown as markdown_lib
import yaml

from .guard.personal.names import COMPOUND_SURNAMES
from .guard.sanitize import clean_html
from .model import TocEntry, page_url, relative_url

# What mkdocs.yml gives when it cannot be read (engine tests without a site): the same as the demo site's.
DEFAULT_EXTENSIONS = ("toc", "tables", "attr_list", "md_in_html", "admonition", "footnotes")

_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
# A masked name as editors write it (张*明、李*华, 王**, 欧阳*华): Markdown would read two such asterisks as
# emphasis (张<em>明、李</em>华: the page shows 张明、李华, both masks gone), so they are written as literal
# asterisks: a single asterisk right after a Chinese character (Chinese text is not set in italics; EDITING.md
# says so), and two or three after a surname standing alone (王**、), one Chinese character or none after them
# and then a mark, a space or the line's end. Bold in Chinese text (**重要**的, 第**1**条) has a character of its
# own before its asterisks, or none, and is left as it is.
# Each such asterisk is given to Markdown as a private-use character that no Markdown syntax reads and that is put
# back after the conversion, not as a backslash escape: Markdown leaves a raw HTML block as written, escapes too,
# so <td>肖\*山</td> showed its backslash. A text that already holds that character keeps the escapes.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_MASK = re.compile(rf"(?<=[{_HAN}])\*(?!\*)|(?<![{_HAN}A-Za-z0-9*\\`])((?:{'|'.join(sorted(COMPOUND_SURNAMES))}|"
                   rf"[{_HAN}]))(\*{{2,3}})(?=[{_HAN}]?(?:[\s，。、；：,.;:）)」”’|]|$))", re.M)
_CODE = re.compile(r"^(?:```|~~~).*?^(?:```|~~~)[ \t]*$|`+[^`\n]*`+", re.M | re.S)


MASK_STAR = "\ue02a"  # stands for a masked name's asterisk during the conversion (restore_masks)


def literal_masks(text: str) -> str:
    """`text` with the asterisks of masked names made literal for Markdown, outside code: each becomes MASK_STAR
    (restore_masks puts the asterisk back in the HTML), or a backslash escape where the text already holds
    MASK_STAR."""
    if "*" not in text:
        return text
    star = "\\*" if MASK_STAR in text else MASK_STAR

    def literal(match: re.Match) -> str:
        if match.group(1) is None:
            return star
        return match.group(1) + star * len(match.group(2))

    out, at = [], 0
    for code in _CODE.finditer(text):
        out.append(_MASK.sub(literal, text[at:code.start()]))
        out.append(code.group())
        at = code.end()
    out.append(_MASK.sub(literal, text[at:]))
    return "".join(out)


def restore_masks(html: str) -> str:
    """The HTML Markdown made of literal_masks' text, with each masked name's asterisk as written."""
    return html.replace(MASK_STAR, "*") if MASK_STAR in html else html


@dataclass(frozen=True)
class MarkdownConfig:
    """`markdown_extensions` of mkdocs.yml: extension names in order and their settings."""

    extensions: tuple = DEFAULT_EXTENSIONS
    settings: tuple = ()  # ((name, {option: value}), ...) — a tuple so the config can key caches

    @classmethod
    def from_mkdocs(cls, extensions, configs: dict) -> MarkdownConfig:
        """From what MkDocs parsed (config.markdown_extensions, config.mdx_configs); the adapter passes them."""
        names = tuple(e if isinstance(e, str) else f"{type(e).__module__}" for e in extensions)
        return cls(names, tuple((name, dict(configs.get(name, {}))) for name in names if configs.get(name)))

    @classmethod
    def from_mkdocs_yml(cls, path: Path) -> MarkdownConfig:
        """Read mkdocs.yml's `markdown_extensions` without MkDocs (engine checks, tests). mkdocs.yml is the
        maintainers' file, trusted like code: MkDocs itself constructs the Python objects it names
        (`!!python/object/apply:pymdownx.slugs.slugify`)."""
        if not path.is_file():
            return cls()
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsLoader) or {}
        names, settings = [], []
        for entry in data.get("markdown_extensions") or ():
            if isinstance(entry, dict):
                (name, options), = entry.items()
                names.append(name)
                if options:
                    settings.append((name, dict(options)))
            else:
                names.append(str(entry))
        return cls(tuple(names), tuple(settings))

    def options(self, name: str) -> dict:
        return next((dict(o) for n, o in self.settings if n == name), {})


class _MkDocsLoader(yaml.UnsafeLoader):
    """mkdocs.yml's own tags that are not about Markdown are read as plain values."""


_MkDocsLoader.add_constructor("!ENV", lambda loader, node: None)
_MkDocsLoader.add_constructor("!relative", lambda loader, node: None)


@dataclass(frozen=True)
class Converted:
    """An editor's text as HTML with site-relative links, its headings and the citations it holds."""

    html: str
    toc: tuple[TocEntry, ...] = ()
    citations: tuple = ()  # crossref.Citation, in order of first appearance, each once


@dataclass
class Pipeline:
    """Converts editors' text for one site. Conversions are pure functions of (text, place): remembered by the
    site's incremental layer when there is one (make serve), and for the length of a build otherwise."""

    site: object  # model.Site
    config: MarkdownConfig = field(default_factory=MarkdownConfig)

    def __post_init__(self):
        self._md = None
        self._memo: dict = {}
        self._remembering = True  # False once a build has let its conversions go (keep_only)
        # Settings may hold functions (a slugify); their text stands for them in cache keys within one process.
        self.config_key = repr(self.config)

    # -- conversion -----------------------------------------------------------------------------------
    def convert(self, text: str, base: str = "", *, lines: bool = False) -> Converted:
        """`text` as HTML. `base` is where relative links start: the Markdown file's src_uri ("notices/2026/a.md")
        or, for text held in YAML, the page it is shown on ("xxgk/zcwj/2024-001/"). `lines`: every line is a
        paragraph of its own (YAML text fields written as lines, such as a Q&A answer)."""
        key = (text, base, lines)
        found = self._memo.get(key)
        if found is None:
            found = self.site.renders("markdown", (self.config_key, key, self.library_state()),
                                      lambda: self._convert(text, base, lines), place=key)
            if self._remembering:
                self._memo[key] = found
        return found

    def keep_only(self, texts) -> None:
        """`mkdocs build`, once the engine has made its own pages: every conversion is let go but those of
        `texts`, (text, base) of the editors' pages MkDocs has still to write, each then taken once (`take`).
        A build remembers a conversion so that a page, its feed entry and its list row convert a text once;
        held to the end of the build, they grew with the site (some 5 kB a document with the sanitizer's cache).
        Nothing is remembered from here on: a text asked for again is converted again, to the same HTML."""
        wanted = {(text, base, False) for text, base in texts}
        self._memo = {key: value for key, value in self._memo.items() if key in wanted}
        self._remembering = False
        clean_html.cache_clear()

    def take(self, text: str, base: str = "") -> Converted:
        """convert(); after keep_only, the conversion kept for this page is let go: its page is its last reader."""
        found = self.convert(text, base)
        if not self._remembering:
            self._memo.pop((text, base, False), None)
        return found

    def library_state(self):
        """What citations read of the law library: a changed law text or status changes the conversion."""
        library = self.site.models.get("laws")
        return getattr(library, "digest", None) if library is not None else None

    def _markdown(self) -> markdown_lib.Markdown:
        if self._md is None:
            self._md = _make_markdown(self.config)
        return self._md

    def _convert(self, text: str, base: str, lines: bool) -> Converted:
        from . import crossref  # the law library is a content type; crossref reads it from the site

        source = "\n\n".join(line for line in text.split("\n") if line.strip()) if lines else text
        expanded, citations = crossref.expand_markdown(self.site, source)
        md = self._markdown()
        md.reset()
        # (a text holding MASK_STAR itself was given backslash escapes: its own such characters stay as they are)
        marked = MASK_STAR not in expanded
        html = md.convert(literal_masks(expanded))
        html = restore_masks(html) if marked else html
        toc: list[TocEntry] = []

        def walk(tokens):
            for token in tokens:
                toc.append(TocEntry(token["level"], token["id"], _plain_heading(restore_masks(token["name"]) if marked else token["name"])))
                walk(token["children"])

        walk(getattr(md, "toc_tokens", []))
        html = site_relative_links(clean_html(html), base)
        return Converted(html=html, toc=tuple(toc), citations=tuple(citations))

    # -- placing ----------------------------------------------------------------------------------------
    def for_page(self, converted: Converted | str, from_url: str) -> str:
        """The HTML with its links relative to the page at directory URL `from_url`."""
        html = converted.html if isinstance(converted, Converted) else converted
        return relative_links(html, from_url)

    def for_feed(self, converted: Converted | str, page: str) -> str:
        """The HTML for a feed reader: absolute links, a bare #anchor into the entry's page, no permalinks."""
        html = converted.html if isinstance(converted, Converted) else converted
        return absolute_links(_HEADERLINK.sub("", html), self.site.site_url or "/", page)


def _plain_heading(name: str) -> str:
    """A heading's text as TocEntry holds every title: plain text (the adapter escapes it for the theme)."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", name))


def _make_markdown(config: MarkdownConfig) -> markdown_lib.Markdown:
    configs = dict(config.settings)
    return markdown_lib.Markdown(extensions=list(config.extensions), extension_configs=configs,
                                 output_format="html")


def site_relative_links(html: str, base: str) -> str:
    """Links written relative to `base` (a Markdown file's src_uri, or a page's directory URL) -> site-relative.
    Absolute URLs, mail and phone links, bare #anchors and links already site-relative from the root ("/x") keep
    their form (the last lose the slash: the site may live under a sub-path)."""
    folder = posixpath.dirname(base) if not base.endswith("/") else base.rstrip("/")

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if not target or target.startswith(("#", "//", "govsite:")) or _SCHEME.match(target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        if path.startswith("/"):
            resolved = posixpath.normpath(path.lstrip("/")) if path.strip("/") else ""
        else:
            resolved = posixpath.normpath(posixpath.join(folder, path)) if path else base
        if resolved.startswith(".."):
            return match.group(0)  # outside the site: left alone (the link check reports it)
        if resolved == ".":
            resolved = ""
        if resolved.endswith(".md"):
            resolved = page_url(resolved)
        elif path.endswith("/") and resolved and not resolved.endswith("/"):
            resolved += "/"
        return match.group(1) + resolved + ("#" + anchor if anchor else "") + match.group(3)

    return _LINK.sub(fix, html)


def relative_links(html: str, from_url: str) -> str:
    """Site-relative links -> relative to the page at `from_url` (what MkDocs writes in a page)."""

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if not target or target.startswith(("#", "//")) or _SCHEME.match(target):
            return match.group(0)
        return match.group(1) + relative_url(target, from_url) + match.group(3)

    return _LINK.sub(fix, html)


def absolute_links(html: str, site_url: str, page: str) -> str:
    """Site-relative links -> absolute URLs; a bare "#anchor" points into the entry's own page."""
    base = site_url if site_url.endswith("/") else site_url + "/"

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if _SCHEME.match(target) or target.startswith("//"):
            return match.group(0)
        if target.startswith("#"):
            absolute = urljoin(base, page) + target
        else:  # `..` stops at the site's root, not the host's: the site may be a column at /bm/tyjrswj/
            absolute = base + urljoin("/", target).lstrip("/")
        return match.group(1) + absolute + match.group(3)

    return _LINK.sub(fix, html)


@functools.lru_cache(maxsize=8)
def default_config(root: str) -> MarkdownConfig:
    """The site's Markdown settings read from its mkdocs.yml (once per root)."""
    return MarkdownConfig.from_mkdocs_yml(Path(root) / "mkdocs.yml")
