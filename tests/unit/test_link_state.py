"""make serve's link check (guard.links.LinkState): after any series of changes to the output folder, checking
again only what changed and what links to it finds exactly what a check of everything finds."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.guard.links import LinkState, check_site
from sitekit import make_way

SITE_URL = "https://example.gov.cn/col/"
NAMES = ["index.html", "a/index.html", "a/b/index.html", "b/index.html", "a/b", "files/x.pdf", "c/x.json"]
LINKS = ["../", "a/", "a/b", "a/b/", "../a/#s1", "/col/b/#s2", "#s1", "files/x.pdf", "../../files/x.pdf",
         "https://example.gov.cn/col/b/", "c/", "/elsewhere/"]


def page(links: list[str], ids: list[str]) -> str:
    anchors = "".join(f'<h2 id="{i}">t</h2>' for i in ids)
    return "<html><body>" + anchors + "".join(f'<a href="{link}">x</a>' for link in links) + "</body></html>"


def digests(site: Path) -> dict[str, str]:
    out = {}
    for root, _dirs, names in os.walk(site):
        for name in names:
            path = Path(root) / name
            out[path.relative_to(site).as_posix()] = hashlib.sha1(path.read_bytes()).hexdigest()
    return out


def write(site: Path, name: str, text: str) -> None:
    path = site / name
    make_way(site, path)
    path.write_text(text, encoding="utf-8")


a_file = st.tuples(st.sampled_from(NAMES), st.lists(st.sampled_from(LINKS), max_size=5),
                   st.lists(st.sampled_from(["s1", "s2"]), max_size=2, unique=True))
a_change = st.one_of(st.tuples(st.just("write"), a_file), st.tuples(st.just("remove"), st.sampled_from(NAMES)))


def apply(site: Path, change) -> None:
    kind, what = change
    if kind == "remove":
        path = site / what
        if path.is_file():
            path.unlink()
        return
    name, links, ids = what
    if name.endswith(".json"):
        write(site, name, '{"u": [' + ", ".join(f'"{SITE_URL}{link}"' for link in links if not link.startswith(("/", "#", "."))) + "]}")
    else:
        write(site, name, page(links, ids))


@settings(max_examples=60, deadline=None)
@given(st.lists(a_file, min_size=1, max_size=6), st.lists(st.lists(a_change, max_size=3), min_size=1, max_size=4))
def test_checking_only_what_changed_finds_what_checking_everything_finds(first, saves):
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        site.mkdir()
        for what in first:
            apply(site, ("write", what))
        state = LinkState()
        check_site(site, SITE_URL, digests=digests(site), state=state)
        for save in saves:
            for change in save:
                apply(site, change)
            fresh = check_site(site, SITE_URL)
            again = check_site(site, SITE_URL, digests=digests(site), state=state)
            assert sorted(again.found) == sorted(fresh.found)
            assert (again.checked, again.pages) == (fresh.checked, fresh.pages)


def test_an_unchanged_file_is_taken_over_and_a_link_to_a_changed_one_checked_again(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", page(["a/#s1", "b/"], []))
    write(site, "a/index.html", page(["../"], ["s1"]))
    write(site, "b/index.html", page(["../a/"], []))
    state = LinkState()
    assert check_site(site, SITE_URL, digests=digests(site), state=state).found == []
    assert check_site(site, SITE_URL, digests=digests(site), state=state).found == []
    assert state.reused == 3  # nothing changed: nothing read again
    write(site, "a/index.html", page(["../"], []))  # the anchor the home page links to is gone
    report = check_site(site, SITE_URL, digests=digests(site), state=state)
    assert report.found == [("index.html", "a/#s1", "页面中没有锚点 #s1")]
    assert state.reused == 0  # a changed; the home page and b link to it
    (site / "b/index.html").unlink()
    report = check_site(site, SITE_URL, digests=digests(site), state=state)
    assert ("index.html", "b/", "文件不存在") in report.found
    assert state.reused == 1  # a links only to the home page, which did not change


def test_a_link_to_a_name_that_becomes_a_folder_is_checked_again(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", page(["a/b"], []))
    state = LinkState()
    assert check_site(site, SITE_URL, digests=digests(site), state=state).found == [("index.html", "a/b", "文件不存在")]
    write(site, "a/b/index.html", page([], []))  # "a/b" now reaches a/b/index.html
    assert check_site(site, SITE_URL, digests=digests(site), state=state).found == []
    shutil.rmtree(site / "a")
    assert check_site(site, SITE_URL, digests=digests(site), state=state).found == [("index.html", "a/b", "文件不存在")]
