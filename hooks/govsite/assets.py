"""One stylesheet for the site's own CSS (issue 9, page weight).

mkdocs.yml lists each area's CSS file in `extra_css` (gov.css, notices.css, laws.css …), and Material links each one
in <head>: every file is a render-blocking request on a first visit. The build joins them, in the listed order, into
`assets/site.<hash>.min.css`: one request, and a content-hashed name the web server may cache for a year
(deploy/nginx.conf treats `*.<8 hex>.min.css` as immutable). The separate files stay in the site for anyone who
links them directly.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

# Scripts Material's JavaScript bundle would inject from unpkg.com on demand: the ResizeObserver polyfill on
# browsers without it (older phones: exactly this site's readers) and mermaid.js when a ".mermaid" element
# exists. Nothing may load from another host, so the bundle is pointed at copies under the site root
# (__md_scope is the site root, set by assets/js/material-bootstrap.js before the bundle runs).
MATERIAL_OFFSITE_SCRIPTS = {
    "https://unpkg.com/resize-observer-polyfill": "assets/vendor/resize-observer-polyfill-1.5.1.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/vendor/mermaid-not-shipped.js",
}
MATERIAL_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$")


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


def localise_material_bundle(js: str) -> str:
    """Material's bundle with its CDN script URLs replaced by the site's own copies, and no source-map link
    (the map is not shipped). Idempotent: a bundle already localised comes back unchanged."""
    for url, local in MATERIAL_OFFSITE_SCRIPTS.items():
        js = js.replace(f'"{url}"', f'__md_scope.href+"{local}"')
    return re.sub(r"\n//# sourceMappingURL=[^\n]*\s*$", "\n", js)
