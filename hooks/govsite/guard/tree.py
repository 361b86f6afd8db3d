"""make serve: which files under a folder changed since the last look, told without listing every folder again.

Whatever writes into a folder — MkDocs, the adapter, the search index's child, a plugin, a person — changes what
the system reports of the file it wrote: its inode, size, modification or change time (the change time cannot be
set back by any program). A file added, removed or renamed changes the same of its folder. So the folder tree is
looked at again by one status per folder and one per file it held (two stats, no reading): a folder whose status
is what it was lists the same names and is not listed again; a file whose status is what it was holds the same
bytes. What git, make and rsync trust, with their "racy" case covered: a status taken within SETTLE seconds of the
file's last change (or its folder's) says nothing, and the file is reported again until it has settled.

A full listing of every folder (os.walk) costs a directory read per folder, about twice the stats at 10,000
documents (some 8,000 folders, one per page); the files to read are then only those the caller is told of.
"""
from __future__ import annotations

import os
import time

SETTLE = 2.0  # seconds: a file's timestamps are coarse (a clock tick); within this a status tells nothing


def status(path: str, now: float) -> tuple | None:
    """(inode, size, modification and change times) of the file at `path` (following a symbolic link, as a reader
    does), or None when it is not there or changed too recently (within SETTLE of `now`) to be told by it."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if now - max(st.st_mtime, st.st_ctime) < SETTLE:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class StatusTree:
    """The files under `root` (paths relative to it, "/" between folders, as os.walk lists them: a symbolic link to
    a folder is not followed) and the status each had when last looked at. `skip_hidden`: leave out names that begin
    with a dot, and everything under such folders. `leave_out`: folders (paths relative to `root`) whose files are
    not looked at, nor listed."""

    def __init__(self, root, skip_hidden: bool = False, leave_out=frozenset()):
        self.root = str(root)
        self.skip_hidden = skip_hidden
        self.leave_out = frozenset(leave_out)
        self.files: dict[str, tuple | None] = {}  # relative path -> status (None: to be read again)
        # folder (relative path, "" for the root) -> (its status, names of its files, names of its folders)
        self._folders: dict[str, tuple] = {}

    def refresh(self, now: float | None = None) -> tuple[list[str], list[str]]:
        """Look again: (files that are new or whose status differs or tells nothing, files that are gone), in no
        particular order. The first call reports every file."""
        now = time.time() if now is None else now
        changed: list[str] = []
        gone: list[str] = []
        files = self.files
        folders = self._folders
        seen_folders: set[str] = set()
        stack = [""]
        while stack:
            rel = stack.pop()
            path = os.path.join(self.root, rel) if rel else self.root
            prefix = rel + "/" if rel else ""
            seen_folders.add(rel)
            here = status(path, now)
            known = folders.get(rel)
            if here is not None and known is not None and known[0] == here:
                names, subfolders = known[1], known[2]
            else:
                names, subfolders = self._list(path)
                folders[rel] = (here, names, subfolders)
                if known is not None:  # names no longer there (a folder's files are dropped with it below)
                    gone += [prefix + n for n in set(known[1]).difference(names) if prefix + n in files]
            for name in names:
                dest = prefix + name
                found = status(path + "/" + name, now)
                if found is None or files.get(dest, False) != found:
                    files[dest] = found
                    changed.append(dest)
            stack += [prefix + sub for sub in subfolders if prefix + sub not in self.leave_out]
        if len(seen_folders) != len(folders):  # folders that went: their files went with them
            for rel in [f for f in folders if f not in seen_folders]:
                gone += [rel + "/" + n for n in folders.pop(rel)[1]]
        gone = [dest for dest in dict.fromkeys(gone) if dest in files]
        for dest in gone:
            del files[dest]
        return changed, gone

    def _list(self, path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(files, folders not followed if links) of one folder, as os.walk divides them."""
        names, subfolders = [], []
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if self.skip_hidden and entry.name.startswith("."):
                        continue
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if not is_dir:
                        names.append(entry.name)
                    elif not entry.is_symlink():
                        subfolders.append(entry.name)
        except OSError:
            pass  # not there (any more), or not a folder: holds nothing
        return tuple(sorted(names)), tuple(sorted(subfolders))
