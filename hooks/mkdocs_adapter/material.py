"""What is Material for MkDocs' own, kept out of the engine.

- Its JavaScript bundle injects scripts from unpkg.com on demand: the ResizeObserver polyfill on browsers without
  it (older phones: exactly this site's readers) and mermaid.js when a ".mermaid" element exists. Nothing may load
  from another host, so the bundle is pointed at copies under the site root (__md_scope is the site root, set by
  assets/js/material-bootstrap.js before the bundle runs), and its source maps are not shipped.
- Its own search (lunr, the Chinese segmenter wordcut.js, a worker: about 1 MB) is not shipped when the plugin is
  disabled: the site's own search replaces it.
- It prints the site's name, a page's title and its description unescaped (they normally come from trusted Markdown); here they are
  editors' data, escaped once, as Markup.
- A page outside the navigation's sections gets an empty left column on the desktop; it is hidden for such pages.
"""
from __future__ import annotations

import re

from markupsafe import escape
from mkdocs.structure.files import File

OFFSITE_SCRIPTS = {
    "https://unpkg.com/resize-observer-polyfill": "assets/vendor/resize-observer-polyfill-1.5.1.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/vendor/mermaid-not-shipped.js",
}
BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$")
SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def localise_bundle(js: str) -> str:
    """The bundle with its CDN script URLs replaced by the site's own copies, and no source-map link (the map is
    not shipped). Idempotent: a bundle already localised comes back unchanged."""
    for url, local in OFFSITE_SCRIPTS.items():
        js = js.replace(f'"{url}"', f'__md_scope.href+"{local}"')
    return re.sub(r"\n//# sourceMappingURL=[^\n]*\s*$", "\n", js)


def search_enabled(config) -> bool:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin is not None and plugin.config.get("enabled", True)


def theme_files(files, config) -> None:
    """Material's files as this site ships them: no source maps, a bundle without CDN URLs, no lunr."""
    for file in [f for f in files if f.dest_uri.startswith(("assets/javascripts/", "assets/stylesheets/"))]:
        if file.dest_uri.endswith(".map"):
            files.remove(file)
        elif BUNDLE.match(file.dest_uri):
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=localise_bundle(file.content_string)))
    if not search_enabled(config):
        for file in [f for f in files if f.dest_uri.startswith(SEARCH_ASSETS)]:
            files.remove(file)


def page_meta(page, title: str, description: str | None, extra: dict) -> None:
    """An engine page's title and description for Material's templates (escaped), and its other meta. The home
    page keeps no title of its own: Material then titles it with the site's name alone, not "name - name"."""
    page.meta.update(extra)
    if not page.is_homepage:
        page.meta["title"] = escape(title)
    if description is not None:
        page.meta["description"] = escape(description)
    elif "description" in page.meta:
        page.meta["description"] = escape(page.meta["description"])


def escaped(text: str):
    """Editors' text for a place where Material prints it unescaped (the site's name in the logo's aria-label),
    as Markup, so templates that escape it themselves do not escape it twice."""
    return escape(text)


def hide_empty_navigation(page, in_a_nav_section: bool) -> None:
    """A page outside the navigation's sections — not in the nav at all (a policy, a notice, a law …) or a tab
    of its own with nothing under it (公示公告) — would get an empty left column on the desktop: Material has no
    section to show for it. Its width goes to the content instead."""
    if not in_a_nav_section:
        hide = list(page.meta.get("hide") or [])
        if "navigation" not in hide:
            page.meta["hide"] = hide + ["navigation"]
