"""From a finding in the output back to the file an editor can fix.

A published file is either a copy of a repository file (an attachment, an image, a stylesheet: the finding is at
the same line or place of the source) or made by the build (a page, a feed, JSON, the search index). A made file's
finding is looked for, as written, in the files it was made from first (a page's documents, an editor's Markdown
page), then in every text file under data/, content/ and overrides/: the first line holding it is where it came from, with
the YAML field at that line. Only text the build put together itself (a template joining two fields) is not found
anywhere; it is reported at the output file and the files it was made from.
"""
from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..internal import internal_lines
from ..problems import InputError
from ..source import rel
from ..yamlfile import dotted, parse_yaml

# Where published text comes from: editors' data and pages, and the maintainers' templates (a template's text
# is published on every page it makes).
SOURCE_FOLDERS = ("data", "content", "overrides")
TEXT_SUFFIXES = (".md", ".markdown", ".yml", ".yaml", ".csv", ".txt", ".html", ".htm", ".json", ".svg", ".xml")


def without_internal(text: str, file: str) -> str:
    """`text` with the lines of its internal top-level blocks emptied (line numbers stay)."""
    lines = text.split("\n")
    if file.endswith((".yml", ".yaml")):
        hidden = internal_lines(lines)
    elif file.endswith((".md", ".markdown")) and lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
        hidden = {i + 1 for i in internal_lines(lines[1:end])}
    else:
        return text
    return "\n".join("" if i in hidden else line for i, line in enumerate(lines)) if hidden else text


@dataclass(frozen=True)
class Place:
    file: str  # repository-relative, or site/<dest> when no source holds the text
    line: int
    field: str  # YAML path in words' source form (`问答[2].答`), an attachment's place, or ''
    made_from: tuple[str, ...] = ()  # when not found: the files the output was made from


@dataclass
class Origins:
    """Where each output file came from: `copies` (dest -> the repository file it is a copy of) and `made`
    (dest -> the repository files it was made from, most specific first)."""

    copies: dict[str, str] = field(default_factory=dict)
    made: dict[str, tuple[str, ...]] = field(default_factory=dict)


class LazyOrigins:
    """Origins made by `make()` when first asked: mapping every page to its documents costs a pass over the site
    (0.05 s of a save at 10,000 documents), and only a finding is ever traced back."""

    def __init__(self, make):
        self._make = make
        self._origins: Origins | None = None

    @property
    def copies(self) -> dict[str, str]:
        return self._get().copies

    @property
    def made(self) -> dict[str, tuple[str, ...]]:
        return self._get().made

    def _get(self) -> Origins:
        if self._origins is None:
            self._origins = self._make()
        return self._origins


def origins(site, pages: dict[str, str], copies: dict[str, Path]) -> Origins:
    """`pages`: dest_uri -> src_uri of every page MkDocs wrote; `copies`: dest_uri -> absolute path of every
    file it copied. A generated page is made from the documents shown at its URL, an editor's page from its
    Markdown file (and the documents it is)."""
    from ..document import all_documents
    from ..model import page_url

    by_page: dict[str, list[str]] = {}
    for doc in all_documents(site):
        if doc.file:
            by_page.setdefault(doc.page, []).append(doc.file)
    made: dict[str, tuple[str, ...]] = {}
    for dest, src_uri in pages.items():
        url = page_url(src_uri) or ""
        files = []
        editor = site.editor_pages.get(src_uri)
        if editor is not None:
            files.append(editor.file)
        files.extend(by_page.get(url, ()))
        made[dest] = tuple(dict.fromkeys(files))
    root = Path(site.root)
    return Origins(copies={dest: rel(Path(path), root) for dest, path in copies.items()}, made=made)


def _text_files(base: Path, folder: str) -> list[str]:
    """The text files under `base` (named `folder` from the root), outside hidden folders, as sorted(rglob("*"))
    lists them, by their paths from the root. Strings, not a Path per file: make serve maps its findings back
    after every save, and the sources of a large site are tens of thousands of files."""
    found = []
    for here, dirs, names in os.walk(base):  # like rglob, into no folder that is a symbolic link
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        prefix = folder + "/" + os.path.relpath(here, base).replace(os.sep, "/") + "/"
        prefix = prefix.replace("/./", "/")
        found += [prefix + name for name in names if not name.startswith(".")
                  and os.path.splitext(name)[1].lower() in TEXT_SUFFIXES and os.path.isfile(os.path.join(here, name))]
    return sorted(found, key=lambda name: name.split("/"))


class SourceFinder:
    """Finds where a published text came from (see the module's text). Source texts are read once, when the
    first finding needs them (a clean build reads none)."""

    def __init__(self, root: Path, origins_: Origins, read=None):
        self.root = Path(root)
        self.origins = origins_
        self._read = read
        self._texts: dict[str, str | None] = {}
        self._all: list[str] | None = None
        self._fields: dict[str, tuple[list[int], list[tuple]]] = {}

    def text(self, file: str) -> str | None:
        """The file's text with its internal blocks (review record, exemptions) blanked: they are never published,
        so nothing published comes from them (a reviewer's name is not where a page's name came from)."""
        if file not in self._texts:
            text = self.raw_text(file)
            self._texts[file] = None if text is None else without_internal(text, file)
        return self._texts[file]

    def raw_text(self, file: str) -> str | None:
        path = self.root / file
        try:
            return self._read(path) if self._read else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, InputError):
            return None

    def all_sources(self) -> list[str]:
        if self._all is None:
            found = []
            for folder in SOURCE_FOLDERS:
                base = self.root / folder
                if base.is_dir():
                    found.extend(_text_files(base, folder))
            self._all = found
        return self._all

    def locate(self, dest: str, line: int, place: str, value: str) -> Place:
        copied = self.origins.copies.get(dest)
        if copied is not None:
            return Place(copied, line, place)
        made = self.origins.made.get(dest, ())
        if value:
            for file in list(made) + [f for f in self.all_sources() if f not in made]:
                text = self.text(file)
                at = text.find(value) if text else -1
                if at >= 0:
                    number = text.count("\n", 0, at) + 1
                    return Place(file, number, self.field_at(file, number))
        return Place(f"site/{dest}", line, place, made)

    def locate_in_made(self, dest: str, tokens: list[str]) -> Place:
        """The first of `tokens` found in the files `dest` was made from (a link's segment: too common to look for
        in every source)."""
        made = self.origins.made.get(dest, ())
        for token in tokens:
            for file in made:
                text = self.text(file)
                at = text.find(token) if text else -1
                if at >= 0:
                    number = text.count("\n", 0, at) + 1
                    return Place(file, number, self.field_at(file, number))
        return Place(f"site/{dest}", 0, "", made)

    def line_text(self, file: str, line: int) -> str:
        text = self.text(file)
        if not text or line <= 0:
            return ""
        lines = text.split("\n")
        return lines[line - 1] if line <= len(lines) else ""

    def field_at(self, file: str, line: int) -> str:
        """The YAML field whose value stands at (or runs over) `line` of a YAML file or front matter: ''."""
        if file not in self._fields:
            self._fields[file] = self._yaml_lines(file)
        starts, paths = self._fields[file]
        index = bisect.bisect_right(starts, line) - 1
        return dotted(paths[index]) if index >= 0 and paths[index] else ""

    def _yaml_lines(self, file: str) -> tuple[list[int], list[tuple]]:
        text = self.text(file) or ""
        offset, body_line = 0, 0
        if file.endswith((".md", ".markdown")):
            if not text.startswith("---"):
                return [], []
            end = text.find("\n---", 3)
            if end < 0:
                return [], []
            body_line = text.count("\n", 0, end) + 2  # the closing --- : the body is not a field
            text, offset = text[4:end], 1
        elif not file.endswith((".yml", ".yaml")):
            return [], []
        try:
            located = parse_yaml(text, file)
        except InputError:
            return [], []
        pairs = sorted((line + offset, path) for path, line in located.lines.items() if path)
        # Deepest path per line (a list item's mapping and its first key share a line).
        by_line: dict[int, tuple] = {}
        for line, path in pairs:
            if len(path) >= len(by_line.get(line, ())):
                by_line[line] = path
        if body_line:
            by_line[body_line] = ()
        starts = sorted(by_line)
        return starts, [by_line[s] for s in starts]
