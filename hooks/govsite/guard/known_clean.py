"""Files the output guard read whole and found clean, remembered from one build to the next.

A site is built again and again with most of its files unchanged: every hourly `make publish`, every merge
request's preview, every `make build` after a one-line edit. Reading each unchanged file again (a few hundred
pages, feeds and attachments; tens of thousands on a large site) is most of what the guard costs. A file whose
bytes were read and held nothing any rule finds, by the same guard, under the same rules, is not read again in
the next build: its result is known.

What is remembered is only that a file was clean, as one digest per file: of its bytes, its name's suffix (which
reader reads it), the rules' settings (FileCheck.stable_key: the bureau's published numbers, names, addresses and
the allowed hosts), and the guard itself — every file of the engine's package and the version of every installed
library (a reader's behaviour may change with lxml's or pypdf's) and Python's. Anything that could change a
finding changes the digest, and the file is read. A file with any finding is never remembered (it is read in every
build, and its finding shown every time), and no text of any file is kept: the store holds digests only, so no
personal data reaches it.

The store is an SQLite file under $GOVSITE_CACHE (default: $XDG_CACHE_HOME/govsite, else ~/.cache/govsite), one
per guard version; `GOVSITE_CACHE=off` turns it off. It is off in mutation runs (MUTANT_UNDER_TEST): the mutants
of a module share its source file, so the guard's digest would not tell them apart. A store that cannot be opened
or written (a read-only home, a full disk) only makes the build read every file, as without it.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # hooks/govsite: the guard and everything it imports
KEEP_DAYS = 14  # stores of other guard versions unused this long are removed
_INHERITED: list = []


def canonical(value) -> object:
    """`value` as JSON-ready data that is the same in every process: sets sorted (their order follows the
    per-process string hash), dataclasses by field name. Types not known here are refused: a new kind of
    setting must be added here, not fall back on a repr that may differ between runs."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"": type(value).__name__,
                **{f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, (frozenset, set)):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False))
    if isinstance(value, (tuple, list)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"known_clean.canonical: {type(value).__name__} is not a known kind of setting")


def guard_version() -> str:
    """A digest of the engine's package (every file: code and the word lists it reads), the installed
    libraries' versions and Python's. A build asks it in each of its processes several times (each cache it
    opens): the files are read again only when one of them changed its size or time, and the libraries' versions
    (448 metadata files to parse) are read once per process."""
    files = sorted((path, path.stat()) for path in PACKAGE.rglob("*")
                   if "__pycache__" not in path.parts and path.is_file())
    signature = (str(PACKAGE), tuple((str(path), st.st_size, st.st_mtime_ns) for path, st in files))
    if _VERSION and _VERSION[0] == signature:
        return _VERSION[1]
    digest = hashlib.sha256()
    for path, _stat in files:
        digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update("\n".join([sys.version, *_libraries()]).encode("utf-8"))
    _VERSION[:] = [signature, digest.hexdigest()]
    return _VERSION[1]


_VERSION: list = []  # [the package's files' signature, the version worked out for it]


@functools.lru_cache(maxsize=1)
def _libraries() -> tuple[str, ...]:
    return tuple(sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()))


def cache_folder() -> Path | None:
    """Where stores are kept, or None when the store is off."""
    setting = os.environ.get("GOVSITE_CACHE", "")
    if setting.lower() == "off" or os.environ.get("MUTANT_UNDER_TEST"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govsite"


class KnownClean:
    """The store of one guard version, opened on first use in each process (a connection never crosses a
    fork: the search index's child opens its own)."""

    def __init__(self, folder: Path | None = None, version: str | None = None, enabled: bool = True):
        self._folder = folder
        self._version = version
        self._pid = None
        self._db: sqlite3.Connection | None = None
        self._pending: set[bytes] = set()
        self._off = not enabled

    def _open(self) -> sqlite3.Connection | None:
        if self._off:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        if self._db is not None:  # a process forked from the one that opened it: SQLite's connection must not be
            _INHERITED.append(self._db)  # used, nor closed, on this side of the fork; it is left as it is
        self._db, self._pid, self._pending = None, os.getpid(), set()
        folder = self._folder if self._folder is not None else cache_folder()
        if folder is None:
            self._off = True
            return None
        try:
            version = self._version or guard_version()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"guard-clean-{version[:32]}.sqlite"
            remove_old_stores(folder, keep=path)
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")  # builds running side by side read while one writes
            db.execute("CREATE TABLE IF NOT EXISTS clean (key BLOB PRIMARY KEY) WITHOUT ROWID")
            os.utime(path)  # in use: not removed as old by another version's build
        except (OSError, sqlite3.Error):
            self._off = True
            return None
        self._db = db
        return db

    def active(self) -> bool:
        """Whether the store is in use (else no key is worth making: each costs a SHA-256 of the file)."""
        return self._open() is not None

    def has(self, key: bytes) -> bool:
        db = self._open()
        if db is None:
            return False
        try:
            return db.execute("SELECT 1 FROM clean WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def remember(self, key: bytes) -> None:
        if self._open() is not None:
            self._pending.add(key)

    def scope(self, rules) -> Scope:
        """The files of one check under one set of rules: `rules` is their digest (rules_key), or a function that
        makes it, called only when the store is in use."""
        return Scope(self, rules)

    def save(self) -> None:
        """Write what this process found clean (at the end of its checks: one transaction)."""
        db = self._open()
        if db is None or not self._pending:
            return
        try:
            with db:
                db.executemany("INSERT OR IGNORE INTO clean (key) VALUES (?)", [(k,) for k in sorted(self._pending)])
        except sqlite3.Error:
            return  # another build holds the store too long, or the disk is full: next time, then
        self._pending.clear()


def remove_old_stores(folder: Path, keep: Path, pattern: str = "guard-clean-*.sqlite*") -> None:
    """Files of `pattern` in the cache folder but `keep` unused for KEEP_DAYS (other engine versions' stores and
    derived data, govsite/derived.py) are removed."""
    cutoff = time.time() - KEEP_DAYS * 86400
    for other in folder.glob(pattern):
        if other.name.startswith(keep.name):
            continue
        try:
            if other.stat().st_mtime < cutoff:
                other.unlink()
        except OSError:
            continue


class Scope:
    """One check's view of the store (the output guard's reading of published files, the input scan's of
    sources): a file is keyed by its bytes, its suffix (which reader reads it) and the check's rules; a file with
    any finding is never remembered."""

    def __init__(self, store: KnownClean, rules):
        self._store = store
        self._rules = rules if isinstance(rules, bytes) or rules is None else None
        self._make_rules = None if isinstance(rules, bytes) or rules is None else rules

    def key(self, suffix: str, data: bytes) -> bytes | None:
        """The file's key, or None when the store is off (no key is worth its SHA-256 then)."""
        if not self._store.active():
            return None
        if self._rules is None and self._make_rules is not None:
            self._rules = self._make_rules()
        return file_key(self._rules, suffix.lower(), data) if self._rules is not None else None

    def clean(self, key: bytes | None) -> bool:
        """Read whole and found clean in an earlier build, by this guard, under these rules."""
        return key is not None and self._store.has(key)

    def found(self, key: bytes | None, findings) -> None:
        if key is not None and not findings:
            self._store.remember(key)

    def save(self) -> None:
        self._store.save()


KNOWN_CLEAN = KnownClean()


def rules_key(settings) -> bytes:
    """The rules' settings as one digest, the same in every process."""
    text = json.dumps(canonical(settings), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).digest()


def file_key(check_key: bytes, suffix: str, data: bytes) -> bytes:
    """One file's key: its bytes and reader under one FileCheck (check_key: FileCheck.stable_key())."""
    return hashlib.sha256(check_key + suffix.encode("utf-8") + b"\0" + hashlib.sha256(data).digest()).digest()
