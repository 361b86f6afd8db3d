"""Compare two versions of a law article by article.

Articles are renumbered between versions (a revision inserts and deletes articles), so they are matched by
content, not by number: the sequence of article texts is aligned with difflib, and inside a replaced stretch
each old article is paired with the most similar new one when they are similar enough to be "the same
article, changed". Everything left over is added or removed.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .parser import Article

SAME_ARTICLE = 0.5  # similarity above which two articles count as one article changed


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "ins" or "del"
    text: str


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "added", "removed"
    old: Article | None
    new: Article | None
    segments: tuple[Segment, ...] = ()  # character diff from old to new, for "changed"


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SAME_ARTICLE or matcher.quick_ratio() < SAME_ARTICLE:
        return 0.0
    return matcher.ratio()


def diff_segments(old: str, new: str) -> tuple[Segment, ...]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(Segment("same", old[i1:i2]))
            continue
        if i2 > i1:
            out.append(Segment("del", old[i1:i2]))
        if j2 > j1:
            out.append(Segment("ins", new[j1:j2]))
    return tuple(out)


def _pair_block(old: list[Article], new: list[Article]) -> list[Row]:
    """Within a replaced stretch, keep order: greedily pair in sequence by best similarity."""
    rows: list[Row] = []
    j = 0
    for o in old:
        best, best_ratio = None, SAME_ARTICLE
        for k in range(j, len(new)):
            r = _ratio(o.text, new[k].text)
            if r > best_ratio:
                best, best_ratio = k, r
        if best is None:
            rows.append(Row("removed", o, None))
            continue
        rows.extend(Row("added", None, n) for n in new[j:best])
        n = new[best]
        rows.append(Row("changed", o, n, diff_segments(o.text, n.text)))
        j = best + 1
    rows.extend(Row("added", None, n) for n in new[j:])
    return rows


def compare(old: list[Article], new: list[Article]) -> list[Row]:
    matcher = difflib.SequenceMatcher(None, [a.text for a in old], [a.text for a in new], autojunk=False)
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(Row("same", o, n) for o, n in zip(old[i1:i2], new[j1:j2]))
        else:
            rows.extend(_pair_block(old[i1:i2], new[j1:j2]))
    return rows


def summary(rows: list[Row]) -> dict[str, int]:
    counts = {"same": 0, "changed": 0, "added": 0, "removed": 0}
    for row in rows:
        counts[row.kind] += 1
    return counts
