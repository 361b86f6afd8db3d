"""The engine's `mkdocs serve` caches (issue 9, editor loop): reused results must equal fresh ones, always.

ParseCache (each file parsed and validated once per text) and RenderCache (a page rendered again only for a new
context) are what make a save fast; these tests compare a cached load and render with a fresh one after edits.
"""
from __future__ import annotations

import dataclasses

import pytest
from markupsafe import Markup

from govsite.build import ParseCache, load_site, render_site
from govsite.render import RenderCache, Unkeyable, _describe
from sitekit import copy_site


def describe(value) -> str:
    out: list = []
    _describe(value, out, {}, {})
    return "".join(out)


@dataclasses.dataclass
class Node:
    name: str
    children: list = dataclasses.field(default_factory=list)
    parent: "Node | None" = None


@dataclasses.dataclass(frozen=True)
class Item:
    title: str


def test_descriptions_tell_apart_what_a_template_could_tell_apart():
    assert describe({"a": "<b>"}) != describe({"a": Markup("<b>")})  # escaped or not
    assert describe({"a": 1, "b": 2}) != describe({"b": 2, "a": 1})  # templates loop in dict order
    assert describe([1, "1"]) != describe(["1", 1])
    assert describe(Item("x")) != describe(Item("y"))
    assert describe(Item("x")) == describe(Item("x"))
    shared = Node("n")
    assert describe([shared, shared]) != describe([Node("n"), Node("n")])  # `is sameas` sees the difference
    a, b = Node("a"), Node("b")
    assert describe([a, b, a]) != describe([a, b, b])  # which value is met again matters
    # a cycle (a policy and its interpretations) is described, and a change anywhere in it shows
    def tree(leaf: str):
        root = Node("root")
        root.children.append(Node(leaf, parent=root))
        return root
    assert describe(tree("a")) == describe(tree("a"))
    assert describe(tree("a")) != describe(tree("b"))


def test_what_cannot_be_described_is_never_reused():
    with pytest.raises(Unkeyable):
        describe({"f": lambda: 1})
    with pytest.raises(Unkeyable):
        describe(object())
    node = Node("n")
    node.extra = "set after init"  # state a description of the fields would miss
    with pytest.raises(Unkeyable):
        describe(node)


def outputs(site_root, caches=None):
    parse, render = caches or (None, None)
    site = load_site(site_root, cache=parse, render_cache=render)
    pages, files = render_site(site)
    return ([p.format() for p in site.problems.items], [(p.src_uri, p.title, p.html, p.toc, p.meta) for p in pages],
            [(f.dest_uri, f.content) for f in files])


def test_cached_loads_and_renders_equal_fresh_ones_after_every_edit(tmp_path):
    root = copy_site(tmp_path / "repo")
    caches = (ParseCache(), RenderCache())
    assert outputs(root, caches) == outputs(root)  # first pass fills the caches
    policy = root / "data/policies/2025-005.yml"
    notice = root / "content/notices/2025/peixun-baoming.md"
    site_file = root / "data/site.yml"
    original = policy.read_text(encoding="utf-8")
    edits = [
        lambda: policy.write_text(original.replace("法治宣传月", "法治宣传周"), encoding="utf-8"),
        lambda: notice.write_text(notice.read_text(encoding="utf-8").replace("培训报名", "培训再次报名"),
                                  encoding="utf-8"),
        lambda: policy.write_text(original, encoding="utf-8"),  # back to a state seen before
        lambda: site_file.write_text(site_file.read_text(encoding="utf-8") + "\n", encoding="utf-8"),
        lambda: policy.unlink(),
    ]
    for n, edit in enumerate(edits):
        edit()
        cached = outputs(root, caches)
        assert cached == outputs(root), f"edit {n}"
    assert caches[0].hits > 0 and caches[1].hits > 0  # the caches were really used


def test_parse_cache_hands_out_copies(tmp_path):
    root = copy_site(tmp_path / "repo")
    cache = ParseCache()
    site = load_site(root, cache=cache)
    fresh_title = site.documents["notices/2025/peixun-baoming.md"].meta["标题"]
    site.documents["notices/2025/peixun-baoming.md"].meta["标题"] = "changed by a caller"
    site.models["policies"].policies[0].meta["标题"] = "changed by a caller"
    again = load_site(root, cache=cache)
    assert cache.hits > 0
    assert again.documents["notices/2025/peixun-baoming.md"].meta["标题"] == fresh_title
    assert again.models["policies"].policies[0].meta["标题"] != "changed by a caller"
