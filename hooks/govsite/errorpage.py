"""The page `make serve` shows in the browser while the site cannot be built: the problems, in Chinese.

Rendered from overrides/govsite/serve/error.html (self-contained: the site's own CSS may be what failed). The
adapter serves it for every page until a build succeeds; the preview's reload script then shows the page again.
"""
from __future__ import annotations

from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .problems import Problem, field_words


def _entry(problem: Problem) -> dict:
    return {"where": f"{problem.file}:{problem.line}" if problem.line else problem.file,
            "field": field_words(problem.field) if problem.field else "", "message": problem.message}


def render(root: Path, errors: list[Problem], warnings: list[Problem] = (), held: int = 0,
           failure: str = "") -> str:
    """The error page for these problems (or, when the build failed otherwise, for that failure's message)."""
    env = Environment(loader=FileSystemLoader(str(Path(root) / "overrides")), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, keep_trailing_newline=True)
    files = [{"file": file, "problems": [_entry(p) for p in group]}
             for file, group in groupby(sorted(errors, key=lambda p: (p.file, p.line)), key=lambda p: p.file)]
    return env.get_template("govsite/serve/error.html").render(
        count=len(errors), files=files, warnings=[_entry(p) for p in warnings], held=held, failure=failure)
