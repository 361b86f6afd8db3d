"""Compare two versions of a law article by article.

Articles are renumbered between versions (a revision inserts and deletes articles), so they are matched by
content, not by number: identical articles are aligned with difflib, and inside each stretch in between the
articles are paired in order so that the summed similarity is highest, counting a pair only when the two are
similar enough to be "the same article, changed". Everything left over is added or removed. An article moved
far from its old place shows as removed there and added here: the page says the comparison is a reading aid.

Similarity is the larger of two measures: the share of characters in common, in order (difflib), and the share
of two-character sequences in common, in any order (Dice). The second catches an article rewritten on the same
subject: the 2004 and 2024 第二条 of 军人抚恤优待条例 both define 抚恤优待对象, one as a sentence and one as a
list (0.42 by the first measure, 0.53 by the second; unrelated articles score 0.1–0.3).

The changes inside a pair are shown word by word (jieba's segmentation), not character by character: a
character diff of a rewritten clause interleaves single characters of both texts and cannot be read. Short
stretches left in common between two changes (a particle, a comma) are folded into the change, and an article
with little left in common is shown as its old and new wording one after the other (Row.rewritten).
"""
from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass

from .parser import Article

SAME_ARTICLE = 0.5  # similarity above which two articles count as one article changed
REWRITTEN = 0.3  # below this share of the shorter text in common, old and new wording are shown whole, in turn
FOLD = 2  # stretches in common of at most this many characters between two changes are folded into the change
_TEXT = re.compile(r"[^\u3400-\u9fff0-9A-Za-z]")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "ins" or "del"
    text: str


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "changed", "added", "removed"
    old: Article | None
    new: Article | None
    segments: tuple[Segment, ...] = ()  # word diff from old to new, for "changed"

    @property
    def rewritten(self) -> bool:
        """Little left in common: shown as the old wording, then the new one, instead of interleaved."""
        if self.kind != "changed":
            return False
        same = sum(len(s.text) for s in self.segments if s.kind == "same")
        # Against the shorter text: an article that only lost a sentence (old 第五十四条) still reads well inline.
        return same < REWRITTEN * max(min(len(self.old.text), len(self.new.text)), 1)


@functools.lru_cache(maxsize=1 << 12)
def _bigrams(text: str) -> tuple[Counter, int]:
    """Two-character sequences of an article and their number (each article meets many others: made once)."""
    text = _TEXT.sub("", text)
    pairs = Counter(text[i:i + 2] for i in range(len(text) - 1))
    return pairs, max(len(text) - 1, 0)


# Pure functions of two texts: remembered, so `mkdocs serve` does not compare unchanged laws again on every save
# (it was most of the laws' render time). Bounded, for a long session over many laws.
@functools.lru_cache(maxsize=1 << 16)
def _ratio(a: str, b: str) -> float:
    (a_pairs, a_count), (b_pairs, b_count) = _bigrams(a), _bigrams(b)
    total = a_count + b_count
    small, large = (a_pairs, b_pairs) if len(a_pairs) <= len(b_pairs) else (b_pairs, a_pairs)
    shared = sum(min(n, large[k]) for k, n in small.items() if k in large)
    dice = 2 * shared / total if total else 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    floor = max(dice, SAME_ARTICLE)  # the character measure only matters when it can beat this
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return dice
    return max(dice, matcher.ratio())


@functools.lru_cache(maxsize=1)
def _segmenter():
    from ... import segmenter  # loaded on first use: only the comparison pages need it

    return segmenter.ready()


def _words(text: str) -> list[str]:
    """Words of an article, line breaks kept as words of their own."""
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("\n")
        out.extend(_segmenter().lcut(line))
    return out


@functools.lru_cache(maxsize=1 << 14)
def diff_segments(old: str, new: str) -> tuple[Segment, ...]:
    a, b = _words(old), _words(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(Segment("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("del", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment("ins", "".join(b[j1:j2])))
    return _fold(raw)


def _fold(raw: list[Segment]) -> tuple[Segment, ...]:
    """Runs of changes with the short stretches in common between them folded in, each run written as
    everything deleted, then everything inserted."""
    groups: list[list[Segment]] = []  # alternating: a "same" segment alone, or a run of changes
    for i, seg in enumerate(raw):
        short = (seg.kind == "same" and len(seg.text) <= FOLD and "\n" not in seg.text
                 and 0 < i < len(raw) - 1 and raw[i - 1].kind != "same" and raw[i + 1].kind != "same")
        if seg.kind == "same" and not short:
            groups.append([seg])
        elif groups and groups[-1][0].kind != "same":
            groups[-1].append(seg)
        else:
            groups.append([seg])
    out: list[Segment] = []
    for group in groups:
        if group[0].kind == "same":
            out.append(group[0])
            continue
        deleted = "".join(s.text for s in group if s.kind in ("del", "same"))
        inserted = "".join(s.text for s in group if s.kind in ("ins", "same"))
        if deleted:
            out.append(Segment("del", deleted))
        if inserted:
            out.append(Segment("ins", inserted))
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
