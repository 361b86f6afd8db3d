"""Markdown bodies of disclosure documents (policies, interpretations, annual report sections)."""
from __future__ import annotations

import markdown
from pymdownx.slugs import slugify

_SLUGIFY = slugify(case="lower")


def markdown_html(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """HTML of an editor's Markdown and its headings as (level, id, title) for the page's table of contents."""
    md = markdown.Markdown(extensions=["tables", "attr_list", "sane_lists", "toc"],
                           extension_configs={"toc": {"slugify": _SLUGIFY}})
    html = md.convert(text)
    toc: list[tuple[int, str, str]] = []

    def walk(tokens):
        for token in tokens:
            toc.append((token["level"], token["id"], token["name"]))
            walk(token["children"])

    walk(md.toc_tokens)
    return html, toc
