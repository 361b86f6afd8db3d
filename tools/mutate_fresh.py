"""pytest plugin for mutation runs (tools/mutate.py): every test starts with the engine's memories empty.

mutmut runs a mutant's tests once unmutated in its own process ("clean tests") and then forks the process that
runs the mutants from it. Whatever the engine remembers per process was filled there by the unmutated code: the
guard keeps each unit's findings by its text (personal._UNITS) and each file's findings by its content
(personal._SCAN_CACHE), so a mutant's test that scans a text the clean run scanned reads the clean answer and
passes whatever the mutant does. A build is a fresh process; here each test is as fresh, as far as the engine
goes. The cost is small: jieba itself stays loaded (its module, not a memory of the engine's answers).
"""
from __future__ import annotations

import functools
import sys

# Module-level tables of remembered answers, by module (functools caches are found without being listed).
MEMORIES = {
    "govsite.guard.personal": ("_UNITS", "_SCAN_CACHE"),
    "govsite.guard.files.encoding": ("_WEIGHTS",),  # each character's weight, filled by the clean run
    "govsite.guard.files.html": ("_ATTRIBUTE_UNITS",),
}
# Caches that hold a loaded library, not answers: emptying them reloads nothing, but keep them to save the call.
KEEP = {"_tagger", "_dictionary"}


def pytest_runtest_setup(item) -> None:
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("govsite.", "mkdocs_adapter.")):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, functools._lru_cache_wrapper) and attr not in KEEP:
                value.cache_clear()
        for attr in MEMORIES.get(name, ()):
            memory = getattr(module, attr, None)
            if isinstance(memory, dict):
                memory.clear()
