"""网页元数据 under make serve: a page's tags are the very tuple of the last save while its site, column and article
tags are (so the adapter tells an unchanged page by identity), and always equal to the tags a fresh build gives,
through generated series of changes to the settings, the columns' descriptions and the documents' titles."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.build import load_site
from govsite.document import all_documents
from govsite.incremental import Memo
from govsite.model import Site
from govsite.pagemeta import PageMetadata, nav_columns
from govsite.types.sitemap import read_nav
from sitekit import REPO

SITE_URL = "https://tyjrswj.example.gov.cn/"


@pytest.fixture(scope="module")
def demo():
    site = load_site(REPO, SITE_URL, dt.date(2026, 11, 26))
    documents = all_documents(site)
    nav = read_nav(REPO)
    columns = [url for _name, url in nav_columns(nav, {})]
    # every column's page, and documents' pages under columns of every depth
    pages = columns + sorted({doc.url for doc in documents if "#" not in doc.url})[::7]
    return site.settings, documents, nav, pages, columns


def _metadata(demo_settings, documents, nav, columns, name, description, memo):
    site = Site(root=REPO, settings=dict(demo_settings, 网站名称=name), site_url=SITE_URL, memo=memo)
    site.models["_documents"] = documents
    return PageMetadata(site, {}, {url: description + url for url in columns}, nav)


# one save: the site's name, the 信息公开 column's description, and which of the first documents have a new title
saves = st.lists(st.tuples(st.sampled_from(["某区退役军人事务局", "某区退役军人事务局网站"]),
                           st.sampled_from(["信息公开栏目", "政府信息公开"]),
                           st.frozensets(st.integers(0, 7), max_size=3)), min_size=2, max_size=6)


@settings(max_examples=30, deadline=None)
@given(saves)
def test_kept_tags_equal_a_fresh_builds_and_are_the_tuple_of_the_last_save_when_unchanged(demo, series):
    demo_settings, documents, nav, pages, columns = demo
    # each document's retitled version made once: the load hands over the very object while its file is the same
    retitled = [dataclasses.replace(doc, title=doc.title + "（修改）") for doc in documents[:8]]
    memo = Memo()
    before = None
    for name, description, changed in series:
        docs = [retitled[k] if k in changed else doc for k, doc in enumerate(documents)]
        memo.begin()
        kept = _metadata(demo_settings, docs, nav, columns, name, description, memo)
        fresh = _metadata(demo_settings, docs, nav, columns, name, description, None)
        tags = {url: kept.tags(url) for url in pages}
        for url in pages:
            assert tags[url] == fresh.tags(url), url
        if before is not None and before[0] == (name, description, changed):
            for url in pages:  # nothing changed: the very tuples of the last save
                assert tags[url] is before[1][url], url
        before = ((name, description, changed), tags)


# one save: for each of the first documents, which change of its dates it has (0: none, 1: edited later, 2: edited
# the next day, 3: published a year earlier)
dates_saves = st.lists(st.lists(st.integers(0, 3), min_size=8, max_size=8), min_size=2, max_size=6)


@settings(max_examples=30, deadline=None)
@given(dates_saves)
def test_sitemap_dates_and_the_build_timestamp_follow_every_change_of_a_documents_dates(demo, series):
    """Each document's day of change is found once for the very Document of the last save (document.changed_day):
    a document made again with other dates (another object with the same id) gives its new day at once."""
    from govsite.build import build_epoch
    from govsite.document import When

    demo_settings, documents, nav, _pages, columns = demo
    newest = max(doc.changed.day for doc in documents)

    def variant(doc, kind):
        if kind == 1:
            return dataclasses.replace(doc, updated=When(newest + dt.timedelta(days=3)))
        if kind == 2:
            return dataclasses.replace(doc, updated=When(doc.published.day + dt.timedelta(days=1)))
        return dataclasses.replace(doc, published=When(doc.published.day - dt.timedelta(days=365)), updated=None)

    made = {(k, kind): variant(doc, kind) for k, doc in enumerate(documents[:8]) for kind in (1, 2, 3)}
    memo = Memo()
    for kinds in series:
        docs = [made[(k, kinds[k])] if k < 8 and kinds[k] else doc for k, doc in enumerate(documents)]
        memo.begin()
        kept = _metadata(demo_settings, docs, nav, columns, "某区退役军人事务局", "信息公开", memo)
        fresh = _metadata(demo_settings, docs, nav, columns, "某区退役军人事务局", "信息公开", None)
        assert kept.lastmod == fresh.lastmod
        assert build_epoch(kept.site) == build_epoch(fresh.site)
