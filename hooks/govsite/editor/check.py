"""The engine's own check of the entry an editor is filling in, before it is saved (the editor's preview pane).

What a form cannot know — 索引号 taken by another document, 工作日 and 公示期, personal data, citations, links,
review records — is what `make check` reports. So the entry's text, as the form would write it, is put into a
shadow copy of the site and the site is loaded and checked there exactly as `make check` does (build.load_site,
the same mode); the answer is every `文件:行 字段: 问题` line, the entry's own first. The shadow copy (content/,
data/, mkdocs.yml; overrides/ linked) is brought up to date with the working tree before each check by size and modification time,
and the load keeps an incremental memo between checks (govsite.incremental), so a check after a keystroke
re-reads one file. Nothing is written into the working tree.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

from ..incremental import Memo
from .backend import BackendError, _decode, _target

MIRRORED = ("content", "data")  # copied: the entry's text goes into the copy
MIRRORED_FILES = ("mkdocs.yml",)
LINKED = ("overrides",)  # read as they are (the templates the load renders with)


def _copy_tree(source: Path, target: Path, seen: set) -> None:
    """Bring target up to date with source (files by size and mtime; links as links; gone files removed)."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for entry in os.scandir(source):
        wanted.add(entry.name)
        there = target / entry.name
        seen.add(there)
        if entry.is_symlink():
            link = os.readlink(entry.path)
            if not there.is_symlink() or os.readlink(there) != link:
                _remove(there)
                os.symlink(link, there)
        elif entry.is_dir():
            if there.is_symlink() or there.is_file():
                _remove(there)
            _copy_tree(Path(entry.path), there, seen)
        else:
            status = entry.stat()
            try:
                mine = os.lstat(there)
                same = not there.is_symlink() and mine.st_size == status.st_size \
                    and mine.st_mtime_ns == status.st_mtime_ns
            except OSError:
                same = False
            if not same:
                _remove(there)
                shutil.copy2(entry.path, there)
    for name in os.listdir(target):
        if name not in wanted:
            _remove(target / name)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


class EntryCheck:
    """One per make serve: checks run one at a time, on a shadow copy kept in a temporary folder."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.shadow: Path | None = None
        self.memo = Memo()
        self.lock = threading.Lock()

    def close(self) -> None:
        if self.shadow is not None:
            shutil.rmtree(self.shadow, ignore_errors=True)
            self.shadow = None

    def _sync(self) -> Path:
        if self.shadow is None:
            self.shadow = Path(tempfile.mkdtemp(prefix="govsite-editor-check-")) / self.root.name
        for name in MIRRORED:
            if (self.root / name).is_dir():
                _copy_tree(self.root / name, self.shadow / name, set())
        for name in MIRRORED_FILES:
            if (self.root / name).is_file():
                shutil.copy2(self.root / name, self.shadow / name)
        for name in LINKED:
            if (self.root / name).is_dir() and not (self.shadow / name).is_symlink():
                os.symlink(self.root / name, self.shadow / name)
        return self.shadow

    def run(self, path: str, text: str, assets: list | None = None) -> dict:
        """Check the site with `path` holding `text` and the attachments chosen but not saved yet (`assets`, as
        Decap sends them: path, base64 content): {"file", "errors", "warnings", "held", "url"}."""
        from ..build import check_links, load_site

        _target(self.root, path)  # the same rule as saving: content/ or data/, no way out
        if not isinstance(text, str):
            raise BackendError("缺少要检查的内容")
        files = [(path, text.encode("utf-8"))]
        for asset in assets or []:
            _target(self.root, asset.get("path", ""))
            files.append((asset["path"], _decode(asset)))
        with self.lock:
            shadow = self._sync()
            for rel, content in files:
                target = shadow / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.is_symlink():
                    target.unlink()
                target.write_bytes(content)
                # a new mtime each time: the memo must never take this text for the working tree's
                os.utime(target, ns=(0, os.stat(target).st_mtime_ns + 1))
            site = load_site(shadow, memo=self.memo)
            if not site.problems.errors:
                check_links(site)  # links at review, as make check does
            errors, warnings, held = site.problems.shown()
            url = _url_of(site, path) if not errors else ""
        own = [p for p in errors if p.file == path], [p for p in warnings if p.file == path]
        return {
            "file": path,
            "errors": [_problem(p) for p in own[0] + [p for p in errors if p.file != path]],
            "warnings": [_problem(p) for p in own[1] + [p for p in warnings if p.file != path]],
            "held": held,
            "url": url,
        }


def _url_of(site, path: str) -> str:
    """The address of the page the file makes (for a link to the preview once saved), '' when none."""
    from ..document import all_documents

    for doc in all_documents(site):
        if doc.file == path and doc.url:
            return "/" + doc.url.lstrip("/")
    return ""


def _problem(problem) -> dict:
    from ..problems import field_words

    return {"file": problem.file, "line": problem.line, "field": problem.field,
            "field_words": field_words(problem.field) if problem.field else "",
            "message": problem.message, "text": problem.format()}
