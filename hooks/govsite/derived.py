"""Data the engine derives from installed libraries alone, kept on disk from one build to the next.

The search index's child reads jieba's dictionary (336,849 lines) into the words it knows and their frequency
classes in every build: a second of CPU, on the machine's other core while MkDocs renders, for a result that only
changes when jieba or the engine does. It is kept in the cache folder of the guard's store (known_clean: under
$GOVSITE_CACHE, off with `GOVSITE_CACHE=off` and in mutation runs), named by the same version (every file of the
engine's package, every installed library's version, Python's), and read back with marshal: a tenth of the time.
A file that cannot be read or written only means the data is computed, as without it; a file is written whole
(renamed into place) or not at all, so a build never reads half of one.
"""
from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .guard.known_clean import cache_folder, guard_version, remove_old_stores

T = TypeVar("T")


def cached(name: str, compute: Callable[[], T]) -> T:
    """compute()'s value (plain data marshal can write: dicts, lists, strings, numbers), from the cache folder
    when an earlier build of the same engine and libraries wrote it there."""
    folder = cache_folder()
    if folder is None:
        return compute()
    try:
        path = folder / f"{name}-{guard_version()[:32]}.marshal"
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())  # whole: marshal.load on the open file takes three times as long
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not written yet (or unreadable): computed below
    value = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_old_stores(folder, keep=path, pattern=f"{name}-*.marshal")
        write_whole(path, marshal.dumps(value))
    except OSError:
        pass  # a read-only or full disk: the next build computes it again
    return value


def write_whole(path: Path, data: bytes) -> None:
    """`data` into `path`, renamed into place: a reader finds the whole file or none (OSError when it cannot)."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:20]}-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
