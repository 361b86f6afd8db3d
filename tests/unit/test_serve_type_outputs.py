"""A content type's pages and files as one record of its inputs under `mkdocs serve` (ContentType.output_inputs,
build.render_site): handed over as they were while those inputs are the very objects of the last save, made again
when any of them changed. These tests run without the Memo's own check (verify), so that a stale page shows as a
difference from a fresh build, as the editor would see it; a mutant that forgets the inputs must fail them."""
from __future__ import annotations

import datetime as dt

import pytest

from govsite.build import load_site, render_site
from govsite.incremental import Memo
from govsite.types import policies as policies_type
from sitekit import copy_site

TODAY = dt.date(2026, 11, 26)


def outputs(root, memo=None, today=TODAY):
    site = load_site(root, memo=memo, today=today)
    pages, files = render_site(site)
    return ([p.format() for p in site.problems.items], {p.src_uri: p for p in pages},
            {f.dest_uri: f.content for f in files})


def shown(made) -> tuple:
    problems, pages, files = made
    return problems, {uri: (p.title, p.html, p.toc, p.meta) for uri, p in pages.items()}, files


def _edit(root, path: str, old: str, new: str):
    def edit():
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _edits(root) -> list:
    """Saves that change what the policies' pages show, each through a different input, and one that does not."""
    attachment = root / "content/xxgk/fujian/2024-001-fj1.docx"
    return [
        ("a policy's own title", _edit(root, "data/policies/2024-001.yml", "标题: 某区", "标题: 新某区"), TODAY),
        # linked to no other document: its copy alone changes
        ("a lone policy's title", _edit(root, "data/policies/2025-005.yml", "标题: 某区", "标题: 新某区"), TODAY),
        # shown on its policy's page: the policy's object links it
        ("an interpretation's title", _edit(root, "data/interpretations/2024-001.yml", "标题: 《", "标题: 新《"), TODAY),
        # a repealed policy's page names the policy that repealed it
        ("a repealing policy's title", _edit(root, "data/policies/2025-002.yml", "标题: 某区", "标题: 新某区"), TODAY),
        ("an attachment's size", lambda: attachment.write_bytes(attachment.read_bytes() + b"\0" * 4096), TODAY),
        ("the policy template", _edit(root, "overrides/govsite/policies/policy.html", "<", "<!-- 改 --><", ), TODAY),
        ("the site's name", _edit(root, "data/site.yml", "网站名称: ", "网站名称: 新"), TODAY),
        # a policy's validity follows the date (有效期至): no file changes at all
        ("the date", lambda: None, dt.date(2031, 1, 1)),
        ("a notice only (the policies' pages handed over)",
         _edit(root, "content/notices/2025/peixun-baoming.md", "培训报名", "培训再次报名"), dt.date(2031, 1, 1)),
    ]


def _policy_pages(made) -> dict:
    return {uri: page for uri, page in made[1].items() if uri.startswith(("xxgk/zcwj/", "xxgk/zcjd/"))}


def test_a_types_pages_are_handed_over_while_its_inputs_are_the_same_and_follow_every_edit(tmp_path, monkeypatch):
    made = []
    pages = policies_type.Policies.pages

    def counted(self, site, renderer):
        made.append(site)
        return pages(self, site, renderer)

    monkeypatch.setattr(policies_type.Policies, "pages", counted)
    root = copy_site(tmp_path / "repo")
    memo = Memo()
    before = outputs(root, memo)
    assert shown(before) == shown(outputs(root))
    made.clear()
    again = outputs(root, memo)
    # nothing changed: the very pages of the last save, handed over without one made again
    assert made == [] and all(again[1][uri] is page for uri, page in _policy_pages(before).items())
    for name, edit, today in _edits(root):
        edit()
        made.clear()
        again = outputs(root, memo, today)
        assert shown(again) == shown(outputs(root, today=today)), name
        # the record was made again (the first of the two loads above), or not, for a save the pages do not read
        assert len(made) == (1 if name.startswith("a notice only") else 2), name


def test_a_record_that_forgets_its_inputs_serves_stale_pages(tmp_path, monkeypatch):
    """The mutant: the policies' pages recorded by nothing (the same inputs on every save). The test above must
    see every edit it misses; here the first edit already shows the stale page."""
    monkeypatch.setattr(policies_type.Policies, "output_inputs", lambda self, site: ())
    root = copy_site(tmp_path / "repo")
    memo = Memo()
    outputs(root, memo)
    name, edit, today = _edits(root)[0]
    edit()
    assert shown(outputs(root, memo, today)) != shown(outputs(root, today=today)), name


@pytest.mark.parametrize("part", [0])
def test_each_input_the_policies_name_is_needed(tmp_path, monkeypatch, part):
    """The policies left out leave some save of `_edits` stale: they are not there for show. (Every interpretation
    is linked to its policy, whose copy is made anew with it, so leaving the interpretations out alone is not
    seen; they stay, as the pages list them in their own order.)"""
    real = policies_type.Policies.output_inputs
    monkeypatch.setattr(policies_type.Policies, "output_inputs",
                        lambda self, site: tuple(p for n, p in enumerate(real(self, site)) if n != part))
    root = copy_site(tmp_path / "repo")
    memo = Memo()
    outputs(root, memo)
    stale = []
    for name, edit, today in _edits(root):
        edit()
        if shown(outputs(root, memo, today)) != shown(outputs(root, today=today)):
            stale.append(name)
    assert stale, f"part {part} left out, and no save shows a stale page"


def test_the_catalogues_filter_bar_follows_its_counts(tmp_path):
    """The 目录's filter bar (a link per year, validity and category, with its count) is kept while the years,
    categories and counts are the same: a policy moved to another 类别, or another year, or removed, changes the
    counts, and every list page shows the new ones, as a fresh build does."""
    root = copy_site(tmp_path / "repo")
    memo = Memo()
    policy = root / "data/policies/2023-002.yml"
    original = policy.read_text(encoding="utf-8")

    def catalogue(memo_):
        problems, pages, _files = shown(outputs(root, memo_))
        return problems, {uri: page for uri, page in pages.items() if uri.startswith("xxgk/ml/")}

    assert catalogue(memo) == catalogue(None)
    for old, new in [("文件类型: 其他文件", "文件类型: 行政规范性文件"), ("发布日期: 2023-05-18", "发布日期: 2026-01-05"),
                     ("标题: 某区", "标题: 新某区")]:
        assert old in original
        policy.write_text(original.replace(old, new, 1), encoding="utf-8")
        assert catalogue(memo) == catalogue(None), new
    policy.unlink()
    assert catalogue(memo) == catalogue(None)
