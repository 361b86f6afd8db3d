"""Markdown bodies of disclosure documents (policies, interpretations, annual report sections)."""
from __future__ import annotations

import functools

import markdown
from pymdownx.slugs import slugify

from ...sanitize import clean_html

_SLUGIFY = slugify(case="lower")


# Speed (issue 9, bench/): one Markdown instance, reset per text (building one costs more than converting a
# short text), and results kept per text: under `mkdocs serve` the engine reloads on every save, and an
# unchanged 正文 need not be converted again. The conversion depends on nothing but the text.
_MARKDOWN = None


@functools.lru_cache(maxsize=50_000)
def _converted(text: str) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = markdown.Markdown(extensions=["tables", "attr_list", "sane_lists", "toc"],
                                      extension_configs={"toc": {"slugify": _SLUGIFY}})
    md = _MARKDOWN
    md.reset()
    html = clean_html(md.convert(text))  # editors' raw HTML: the safe subset only, as on Markdown pages
    toc: list[tuple[int, str, str]] = []

    def walk(tokens):
        for token in tokens:
            toc.append((token["level"], token["id"], token["name"]))
            walk(token["children"])

    walk(md.toc_tokens)
    return html, tuple(toc)


def markdown_html(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """HTML of an editor's Markdown and its headings as (level, id, title) for the page's table of contents."""
    html, toc = _converted(text)
    return html, list(toc)
