"""pagemeta._Prefixes: the columns whose addresses begin a page's, found by the page's own beginnings (a page's
column and the columns its words count for, on every save) — the same as testing every column with startswith."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.pagemeta import _Prefixes

segments = st.sampled_from(["xxgk", "zcwj", "a", "ab", "notices", "2024", "x.pdf", ""])
addresses = st.lists(segments, max_size=4).map("/".join).flatmap(
    lambda path: st.sampled_from([path, path + "/", path + "/index.html"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(addresses, max_size=12), addresses)
def test_the_prefixes_found_are_those_startswith_finds(columns, page):
    expected = sorted({u for u in columns if u and page.startswith(u)})
    assert sorted(_Prefixes(columns).of(page)) == expected
