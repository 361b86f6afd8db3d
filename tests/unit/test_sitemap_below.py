"""网站地图: the pages one level below a column, found through the pages grouped by the address one level up
(sitemap._by_parent, one pass a save) — the same pages, in the same order, as testing every page's address."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.types.sitemap import _below, _by_parent, build

segments = st.sampled_from(["xxgk", "zcwj", "a", "ab", "page", "2024", "x.pdf", ""])
addresses = st.lists(segments, max_size=4).map("/".join).flatmap(
    lambda path: st.sampled_from([path, path + "/", path + "/index.html", "/" + path]))
titles = st.dictionaries(addresses, st.text(max_size=3), max_size=25)


def _below_by_scan(url, titles, listed):
    depth = url.count("/") + 1
    found = [(u, t) for u, t in titles.items()
             if u.startswith(url) and u.count("/") == depth and u not in listed and not u.endswith("/page/")]
    return sorted(found)


@settings(max_examples=400, deadline=None)
@given(titles, addresses, st.sets(addresses, max_size=4))
def test_the_pages_below_are_those_a_scan_of_every_page_finds(titles, url, listed):
    found = _below(url, titles, listed, _by_parent(titles))
    assert [(e.url, e.title) for e in found] == _below_by_scan(url, titles, listed)


@settings(max_examples=200, deadline=None)
@given(titles, st.lists(addresses, max_size=6))
def test_the_sitemap_is_the_one_made_by_scanning(titles, columns):
    nav = [{f"栏目{i}": [url or "index.md"]} if i % 2 else (url + "index.md" if url.endswith("/") else url + ".md")
           for i, url in enumerate(columns)]

    def scanned(nav, titles):
        from govsite.types import sitemap

        kept = sitemap._by_parent
        sitemap._by_parent = lambda titles: None
        try:
            return build(nav, titles)
        finally:
            sitemap._by_parent = kept

    assert build(nav, titles) == scanned(nav, titles)
