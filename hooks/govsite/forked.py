"""Work run beside the build in a forked process, when the machine has a core to spare.

A one-off build or check (no incremental layer) loads everything on one core while the search index's child
process, forked at startup, waits for the first page. Work that reads only files and returns plain data (the
personal-data scan of every file) can run in a child of its own meanwhile. The result is what the same call would
return in this process; if the child cannot be started or fails, the call is simply made here.
"""
from __future__ import annotations

import gc
import multiprocessing
import os


class Forked:
    """`fn(*args)` in a forked child process; `result()` waits for it and returns what it returned."""

    def __init__(self, fn, *args):
        self._fn, self._args = fn, args
        self._process = None
        if not spare_core():
            return
        try:
            context = multiprocessing.get_context("fork")
            self._conn, child_end = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(child_end, fn, args), daemon=True,
                                            name="govsite-forked")
            self._process.start()
            child_end.close()
        except (OSError, ValueError):  # no fork here (another platform) or no resources: done in result()
            self._process = None

    def result(self):
        if self._process is None:
            return self._fn(*self._args)
        try:
            kind, value = self._conn.recv()
        except Exception:  # the child died (killed, out of memory) or sent nothing usable
            kind, value = "failed", None
        finally:
            self._conn.close()
            self._process.join()
        # Anything but a result (the work raised, or the child failed) is done again here, so that an exception
        # is raised where it would have been, with its own traceback.
        return value if kind == "ok" else self._fn(*self._args)


def spare_core() -> bool:
    """Whether a second process can run beside this one (this process may use more than one core)."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # no affinity on this platform
        return (os.cpu_count() or 1) > 1


def _run(conn, fn, args) -> None:
    # The child holds everything the build had made; a collector pass would touch (and copy) all of it.
    gc.disable()
    try:
        conn.send(("ok", fn(*args)))
    except Exception:  # reported by the caller, which does the work itself
        pass
    finally:
        conn.close()
