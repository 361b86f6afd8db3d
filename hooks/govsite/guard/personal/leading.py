"""The characters a regular expression's matches can begin with, read from the expression itself.

Speed: Python's regex engine skips ahead fast only when a pattern begins with a character, a class or a choice
of characters; a pattern that begins with a group of alternatives (a number, then a word; or one of many labels)
is tried at every position of the text. Put before it as a lookahead, the class of its first characters lets the
engine skip to the places where a match can begin (addresses' pre-filter over every unit: three times faster).

Exact: every match of a pattern that cannot match the empty string begins with one of its first characters, and
the lookahead consumes nothing, so the pattern with it has the same matches at the same places. The class is
derived from the compiled pattern (its parse), not written by hand: a word or shape added to the pattern later is
in it. Where the parse holds what the analysis does not know (any character, a negated class, a backreference,
case-blind matching) or the pattern can match the empty string, the pattern is kept as it is.
"""
from __future__ import annotations

import re
from re import _constants as C
from re import _parser as P

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = tuple(op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def skipping(pattern: re.Pattern) -> re.Pattern:
    """`pattern` with a lookahead of its first characters before it, or `pattern` itself (see the module)."""
    first = first_characters(pattern)
    if first is None:
        return pattern
    try:
        return re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # a pattern that must stand first (global flags written inside it)
        return pattern


def first_characters(pattern: re.Pattern) -> str | None:
    """A class of the characters every match of `pattern` begins with, or None when it cannot be told."""
    if pattern.flags & re.IGNORECASE or isinstance(pattern.pattern, bytes):
        return None
    found = _sequence(P.parse(pattern.pattern, pattern.flags))
    if found is None or found[1] or not found[0]:  # unknown, or the empty string matches
        return None
    return "[" + "".join(dict.fromkeys(found[0])) + "]"


def _sequence(items) -> tuple[list[str], bool] | None:
    """(class items of the first characters, whether the sequence can match the empty string), or None."""
    first: list[str] = []
    for op, av in items:
        found = _item(op, av)
        if found is None:
            return None
        first += found[0]
        if not found[1]:
            return first, False
    return first, True


def _item(op, av) -> tuple[list[str], bool] | None:
    if op is C.LITERAL:
        return [re.escape(chr(av))], False
    if op is C.IN:
        found = _class(av)
        return (found, False) if found is not None else None
    if op is C.BRANCH:
        first, empty = [], False
        for alternative in av[1]:
            found = _sequence(alternative)
            if found is None:
                return None
            first += found[0]
            empty = empty or found[1]
        return first, empty
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return None if add_flags & re.IGNORECASE else _sequence(inner)
    if op in _REPEATS:
        low, _high, inner = av
        found = _sequence(inner)
        return None if found is None else (found[0], found[1] or low == 0)
    if op in _ZERO_WIDTH:  # an anchor or a lookaround: the first character consumed comes after it
        return [], True
    return None


def _class(items) -> list[str] | None:
    found = []
    for op, av in items:
        if op is C.LITERAL:
            found.append(re.escape(chr(av)))
        elif op is C.RANGE:
            found.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            found.append(_CATEGORIES[av])
        else:  # a negated class, or something rarer
            return None
    return found
