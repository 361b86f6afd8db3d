"""Editors' Markdown may contain raw HTML; the published page keeps only a safe subset.

Policy (EDITING.md, 第九节): Markdown is rendered as usual. Raw HTML is allowed for formatting only:
scripts, styles, frames, forms and every event handler (onclick …) are removed, and links or images may
only use http(s), mailto, tel or site-relative addresses (no `javascript:`). The build also reports each
such construct in the source as a warning with 文件:行, so the editor learns it was dropped; `make build`
(strict) therefore refuses a page that relies on it.
"""
from __future__ import annotations

import functools
import re

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
_COMMON = {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby",
           "aria-labelledby", "tabindex"}
_ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href", "rel", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "time": {"datetime"},
    "details": {"open"},
    "abbr": {"title"},
}
# data-* attributes our own citations and Markdown extensions emit
_GENERIC_PREFIXES = {"data-"}
_SCHEMES = {"http", "https", "mailto", "tel"}

_DANGEROUS = [
    (re.compile(r"<\s*script\b", re.I), "含有 <script> 脚本，发布时已删除"),
    (re.compile(r"<\s*(iframe|object|embed|form|style|link|meta|base)\b", re.I), "含有不允许的 HTML 标签 <{0}>，发布时已删除"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "含有事件属性（如 onclick、onerror），发布时已删除"),
    (re.compile(r"(?:\]\(|href\s*=\s*[\"']?|src\s*=\s*[\"']?)\s*(?:javascript|vbscript|data)\s*:", re.I),
     "含有 javascript: 等不安全链接，发布时已删除"),
    (re.compile(r"\sstyle\s*=", re.I), "含有 style 属性（内联样式），发布时已删除；请使用标题、列表等 Markdown 格式"),
]


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Material loads mermaid.js from a CDN whenever an element has class "mermaid": never let one through.
    if attribute == "class":
        return " ".join(c for c in value.split() if c != "mermaid") or None
    return value


# A pure function of the text (the rules above are constants): remembered, so `mkdocs serve` does not clean every
# page and feed entry again on each save. Bounded for long sessions.
@functools.lru_cache(maxsize=1 << 14)
def clean_html(html: str) -> str:
    """The safe subset of an editor page's HTML."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, generic_attribute_prefixes=_GENERIC_PREFIXES,
                     url_schemes=_SCHEMES, link_rel=None, strip_comments=True, attribute_filter=_filter_attribute)


def unsafe_constructs(markdown: str, first_line: int) -> list[tuple[int, str]]:
    """(line, Chinese message) for every construct clean_html will remove, so editors are told."""
    found = []
    in_fence = False
    for offset, line in enumerate(markdown.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern, message in _DANGEROUS:
            match = pattern.search(line)
            if match:
                found.append((first_line + offset, message.format(*(match.groups() or ("",)))))
    return found
