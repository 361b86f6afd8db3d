"""jieba, ready to cut: its prefix dictionary (half a million words and counts) read from the engine's cache.

jieba reads that dictionary on first use from its own cache file with marshal.load on the open file: about a
second of CPU, paid in each process that cuts text, and a build has up to three (the build itself, the privacy
scan beside the load, the search index). Read whole with marshal.loads from the engine's cache (derived.py, named
by every installed library's version) it takes a third of that. The words, counts and total are jieba's own
(its gen_pfdict over its own dictionary), so every cut is the same as with jieba's loading.
"""
from __future__ import annotations

import functools
import logging


@functools.lru_cache(maxsize=1)
def ready():
    """The jieba module, its default tokenizer loaded."""
    import jieba

    from . import derived  # here: derived reads the guard's store, whose package uses this module

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    with tokenizer.lock:
        # Only jieba's default dictionary is used here; another (set by someone else) is left to jieba.
        if not tokenizer.initialized and tokenizer.dictionary is jieba.DEFAULT_DICT and not tokenizer.cache_file:
            counts, total = derived.cached("jieba-prefix-dictionary",
                                           lambda: tokenizer.gen_pfdict(tokenizer.get_dict_file()))
            tokenizer.FREQ, tokenizer.total = counts, total
            tokenizer.initialized = True
    return jieba
