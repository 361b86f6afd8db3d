"""A part of the development questions of the classes of meaning kept aside while tuning the search.

Written and committed before any change it measures: a question of the development sets (never the held-out
sets, which are not read here at all) of one of the classes below is kept aside when the SHA-256 of a fixed
salt and its text is 0 modulo 3 (about a third). Tuning reads the per-question output of the other questions only;
the kept-aside part is reported by class as figures, before and after, to show what a change does to questions
it was not tuned on.
"""

import hashlib

SALT = "search11-split:"
CLASSES = ("everyday", "intent", "no-answer", "question")
DEVELOPMENT_SETS = ("natural", "natural-2", "dev", "test", "test-2", "test-3", "test-4", "test-5", "test-6",
                    "test-7", "dev-14", "aside-14", "dev-15", "aside-15")


def kept_aside(question: str, kind: str) -> bool:
    """True for the questions whose per-question results are not read while tuning."""
    if kind not in CLASSES:
        return False
    return int(hashlib.sha256((SALT + question).encode("utf-8")).hexdigest(), 16) % 3 == 0
