"""HTML for feed entries: Markdown rendered like the site renders it, links made site-relative or absolute.

Feed readers show an entry away from the site, so every link in it must be absolute. Content types give
FeedItem.content_html with site-relative links ("laws/xxx/", "notices/2024/a/#part"); the feed writer
turns them into absolute URLs with `absolute_links`.
"""
from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import urljoin

import markdown

from ...model import page_url

# The Markdown extensions of mkdocs.yml that change what the HTML looks like (toc only adds ids).
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "footnotes"]

_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# Speed (issue 9, bench/): one Markdown instance, reset per text, and results kept per text (`mkdocs serve`
# reloads the engine on every save; unchanged notices need not be converted again). Depends on the text only.
_MARKDOWN: list = []


@functools.lru_cache(maxsize=50_000)
def markdown_html(text: str) -> str:
    if not _MARKDOWN:
        _MARKDOWN.append(markdown.Markdown(extensions=EXTENSIONS, output_format="html"))
    md = _MARKDOWN[0]
    md.reset()
    return md.convert(text)


def site_relative_links(html: str, src_uri: str) -> str:
    """Links written relative to the Markdown file `src_uri` (e.g. "../2023.md#x") -> site-relative URLs."""
    folder = posixpath.dirname(src_uri)

    def fix(match: re.Match) -> str:
        target = match.group(2)
        if not target or target.startswith(("#", "/", "//")) or _SCHEME.match(target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path)) if path else src_uri
        if resolved.startswith(".."):
            return match.group(0)
        if resolved.endswith(".md"):
            resolved = page_url(resolved)
        return match.group(1) + resolved + ("#" + anchor if anchor else "") + match.group(3)

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
