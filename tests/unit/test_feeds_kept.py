"""The feeds' grouping under `mkdocs serve` (feeds._grouped_kept): the last save's grouping with the heads of the
documents that changed taken out of their feeds and put back in their places, instead of every document placed
and every feed sorted again. Through generated series of saves (documents published or edited at other times,
moved between feeds, given other audiences, removed, added, an id used twice, the organisation renamed) the feeds
are those a fresh build collects, in the same order, with the same problems."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_feeds import CHANNELS, at, make_site, notice

from govsite.document import When
from govsite.incremental import Memo
from govsite.model import FeedChannel
from govsite.types import feeds as feeds_type
from govsite.types.feeds import collect

POOL = 12
FEEDS = [("notices",), ("notices", "youfu"), ("youfu", "youfu"), (), ("policies",), ("laowu",)]
AUDIENCES = [(), ("伤残军人",), ("老兵", "伤残军人"), ("其他",)]
AUDIENCE_CHANNELS = [*CHANNELS, FeedChannel("shangcan", "站 · 伤残军人", "伤残", "pufa/duixiang/shangcan/",
                                            "精准服务", 30, audiences=("伤残军人",))]


def _pool() -> list:
    """Each document in every version a save may give it, made once: an unchanged document is the very object of
    the last save, as the load hands it over."""
    versions = []
    for k in range(POOL):
        first = notice(f"notices/2026/n{k:02d}", f"公告{k}", at(1 + k % 5, 8 + k % 3), feeds=FEEDS[k % len(FEEDS)],
                       audiences=AUDIENCES[k % len(AUDIENCES)])
        versions.append([
            first,
            dataclasses.replace(first, title=first.title + "（改）"),
            dataclasses.replace(first, published=When.of(at(20 - k % 4, 9))),  # moves to the front
            dataclasses.replace(first, updated=When.of(at(25, 10))),  # same place, newer update
            dataclasses.replace(first, feeds=FEEDS[(k + 1) % len(FEEDS)]),
            dataclasses.replace(first, audiences=AUDIENCES[(k + 1) % len(AUDIENCES)]),
            dataclasses.replace(first, published=When.of(at(1 + k % 5, 8 + k % 3))),  # equal, another object
            None,  # removed
        ])
    return versions


VERSIONS = _pool()
saves = st.lists(st.tuples(st.lists(st.integers(0, 7), min_size=POOL, max_size=POOL),
                           st.booleans(),  # a document added (its id new to the site)
                           st.booleans(),  # an id used twice
                           st.sampled_from(["某局（示例）", "某区退役军人事务局"])), min_size=2, max_size=7)
ADDED = notice("notices/2026/xin", "新公告", at(3, 12), feeds=("notices",), audiences=("伤残军人",))


@settings(max_examples=80, deadline=None)
@given(saves, st.booleans())
def test_kept_feeds_are_a_fresh_builds_through_every_series_of_saves(series, audience_channel):
    # a feed file holds its newest few: the others are the heads the grouping made, compared as they are
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feeds_type, "FEED_LIMIT", 3)
        _series(series, audience_channel)


def _series(series, audience_channel):
    channels = AUDIENCE_CHANNELS if audience_channel else CHANNELS
    memo = Memo()
    for choice, added, twice, organisation in series:
        documents = [VERSIONS[k][v] for k, v in enumerate(choice) if VERSIONS[k][v] is not None]
        if added:
            documents.insert(len(documents) // 2, ADDED)
        if twice and documents:
            documents.append(dataclasses.replace(documents[0], title="同号的另一项"))
        kept_site = make_site(items=[], channels=channels)  # a load makes a new Site; the Memo lasts
        kept_site.memo = memo
        memo.begin()
        kept_site.settings = dict(kept_site.settings, 机构名称=organisation)
        kept = collect(kept_site, kept_site.types[:1], documents)
        fresh_site = make_site(items=[], channels=channels)
        fresh_site.settings = dict(fresh_site.settings, 机构名称=organisation)
        fresh = collect(fresh_site, fresh_site.types[:1], documents)
        assert [f.channel for f in kept.feeds] == [f.channel for f in fresh.feeds]
        for mine, theirs in zip(kept.feeds, fresh.feeds):
            assert [i.id for i in mine.items] == [i.id for i in theirs.items], mine.channel.name
            assert mine.items == theirs.items, mine.channel.name
        assert kept.newest == fresh.newest
        assert [p.format() for p in kept_site.problems.items] == [p.format() for p in fresh_site.problems.items]


def test_a_save_that_changes_one_document_keeps_the_grouping_of_the_others(monkeypatch):
    """The grouping is made again from the documents that changed only: the others' heads are not made again."""
    memo = Memo()
    site = make_site(items=[], channels=CHANNELS)
    site.memo = memo
    documents = [VERSIONS[k][0] for k in range(POOL)]
    memo.begin()
    collect(site, site.types[:1], documents)
    made = []
    head = feeds_type._head
    monkeypatch.setattr(feeds_type, "_head", lambda site, doc, organisation: made.append(doc.id) or head(
        site, doc, organisation))
    documents[3] = VERSIONS[3][2]
    site = make_site(items=[], channels=CHANNELS)
    site.memo = memo
    memo.begin()
    collect(site, site.types[:1], documents)
    assert made == [documents[3].id]


def test_dates_used_by_the_series_are_within_the_month():
    assert at(25, 10) < dt.datetime(2026, 3, 31, tzinfo=at(1).tzinfo)
