"""Compare two versions of a law article by article.

Articles are renumbered between versions (a revision inserts and deletes articles), so they are matched by
content, not by number: identical articles are aligned with difflib, and inside each stretch in between the
articles are paired in order so that the summed similarity is highest, counting a pair only when the two are
similar enough to be "the same article, changed". Everything left over is added or removed. An article moved
far from its old place shows as removed there and added here: the page says the comparison is a reading aid.
"""
from __future__ import annotations

import difflib
import functools
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


# Pure functions of two texts: remembered, so `mkdocs serve` does not compare unchanged laws again on every save
# (issue 9: most of the laws' render time). Bounded, for a long session over many laws.
@functools.lru_cache(maxsize=1 << 16)
def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SAME_ARTICLE or matcher.quick_ratio() < SAME_ARTICLE:
        return 0.0
    return matcher.ratio()


@functools.lru_cache(maxsize=1 << 14)
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
    """Within a replaced stretch, pair articles in order so that the total similarity is highest.

    A dynamic programme over (old, new) like a sequence alignment: an old article is either paired with a
    later new one (when similar enough), or removed; a new one either paired or added.
    """
    n, m = len(old), len(new)
    sim = [[_ratio(o.text, w.text) for w in new] for o in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = sim[i][j] + best[i + 1][j + 1] if sim[i][j] > SAME_ARTICLE else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    rows: list[Row] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] > SAME_ARTICLE and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            rows.append(Row("changed", old[i], new[j], diff_segments(old[i].text, new[j].text)))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            rows.append(Row("removed", old[i], None))
            i += 1
        else:
            rows.append(Row("added", None, new[j]))
            j += 1
    rows.extend(Row("removed", o, None) for o in old[i:])
    rows.extend(Row("added", None, w) for w in new[j:])
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
