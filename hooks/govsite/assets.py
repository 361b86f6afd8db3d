"""One stylesheet for the site's own CSS (page weight: one request, not several).

mkdocs.yml lists each area's CSS file in `extra_css` (gov.css, notices.css, laws.css …), and Material links each one
in <head>: every file is a render-blocking request on a first visit. The build joins them, in the listed order, into
`assets/site.<hash>.min.css`: one request, and a content-hashed name the web server may cache for a year
(deploy/nginx.conf treats `*.<8 hex>.min.css` as immutable). The separate files stay in the site for anyone who
links them directly.
"""
from __future__ import annotations

import hashlib
from pathlib import Path


def css_bundle(docs_dir: Path, extra_css: list[str]) -> tuple[str, bytes] | None:
    """(site path, content) of the joined stylesheet, or None when an entry is not a local file (left alone)."""
    parts = []
    for entry in extra_css:
        path = docs_dir / str(entry)
        if "://" in str(entry) or str(entry).startswith("/") or not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        if "url(" in text or "@import" in text:
            return None  # relative references would change meaning in another folder
        parts.append(f"/* {entry} */\n{text.rstrip()}\n")
    if len(parts) < 2:
        return None
    content = "\n".join(parts).encode("utf-8")
    return f"assets/site.{hashlib.sha256(content).hexdigest()[:8]}.min.css", content
