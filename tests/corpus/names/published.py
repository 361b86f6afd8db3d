"""The units of text of a built site, read the way the output guard reads them: each text line of a page, feed
or sitemap, every attribute a person sees or a screen reader speaks, the HTML inside feed entries and JSON
strings, every string of the JSON files (search index, catalogue). Used to check the name and address rules
against everything the demo site publishes (tests/integration/test_names_on_site.py, bench/names_eval.py)."""
from __future__ import annotations

import html.parser
import json
from collections.abc import Iterator
from pathlib import Path

from govsite.guard.files.searchindex import is_fragment_list

SPOKEN = {"alt", "title", "aria-label", "aria-description", "placeholder", "content", "label", "summary"}


class _Units(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.units: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.units += [value for key, value in attrs if key in SPOKEN and value and value.strip()]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.units += [line.strip() for line in data.split("\n") if line.strip()]


def markup_units(text: str) -> list[str]:
    """Text lines and spoken attributes of HTML or XML; escaped HTML inside (a feed entry) is read again."""
    parser = _Units()
    parser.feed(text)
    parser.close()
    out = []
    for unit in parser.units:
        out.append(unit)
        if "<" in unit and ">" in unit:
            out += markup_units(unit)
    return out


def _strings(data) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def units(site: Path) -> Iterator[tuple[Path, str]]:
    """(file, unit) of every text the site publishes (pages, feeds, sitemaps, JSON, plain text)."""
    for path in sorted(site.rglob("*")):
        suffix = path.suffix.lower()
        if not path.is_file():
            continue
        if suffix in (".html", ".htm", ".xml", ".atom", ".rss", ".svg"):
            for unit in markup_units(path.read_text(encoding="utf-8", errors="replace")):
                yield path, unit
        elif suffix == ".json" and is_fragment_list(path.relative_to(site).as_posix()):
            continue  # the guard reads names in the records these pieces come from, not in the pieces
        elif suffix == ".json":
            for string in _strings(json.loads(path.read_text(encoding="utf-8"))):
                for line in string.split("\n"):
                    if line.strip():
                        yield path, line
                        if "<" in line and ">" in line:
                            for unit in markup_units(line):
                                yield path, unit
        elif suffix == ".txt":
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    yield path, line
