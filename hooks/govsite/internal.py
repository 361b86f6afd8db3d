"""Fields that are kept in the repository but never published.

The one place that names them. A review record (审核: who checked a document and when, 保密审查) sits in a
document's YAML or front matter for the bureau's own files; it never reaches a page, feed, search record or JSON,
so the personal-data guard does not read it either (a reviewer's name there is not a leak). Outputs that copy
a document's fields must drop these keys as well.
"""
from __future__ import annotations

import re

INTERNAL_FIELDS = ("审核", "个人信息例外")  # the review record; the guard's reviewed exceptions

_TOP_LEVEL_KEY = re.compile(r"^([^\s#:-][^:#]*?)\s*:(?:\s|$)")


def internal_lines(lines: list[str]) -> set[int]:
    """0-based indices of the lines that belong to an internal top-level block of YAML text.

    A block is its key's line and every following line that is indented, blank or a comment."""
    hidden: set[int] = set()
    inside = False
    for index, line in enumerate(lines):
        key = _TOP_LEVEL_KEY.match(line)
        if key:
            inside = key.group(1).strip("\"' ") in INTERNAL_FIELDS
        elif line and not line[0].isspace() and not line.startswith("#"):
            inside = False  # another top-level value (a list item, a document marker)
        if inside:
            hidden.add(index)
    return hidden


def drop_internal(data):
    """A mapping without its internal top-level fields (for scanners and outputs)."""
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key not in INTERNAL_FIELDS}
    return data
