"""The engine's incremental layer under `mkdocs serve` (govsite.incremental): reused results must equal fresh
ones, always.

A file is parsed and validated again only for a new text, a page rendered again only for new inputs, a Markdown
text converted again only when it or what it cites changed; these tests compare a load and render through the
Memo with a fresh one after edits.
"""
from __future__ import annotations

import dataclasses
from typing import ClassVar

import pytest
from markupsafe import Markup

from govsite.build import editor_page_html, load_site, render_site
from govsite.incremental import Memo, Unkeyable, describe, same
from govsite.render import Renderer
from sitekit import copy_site


@dataclasses.dataclass
class Node:
    name: str
    children: list = dataclasses.field(default_factory=list)
    parent: Node | None = None


@dataclasses.dataclass(frozen=True)
class Item:
    title: str


def test_descriptions_tell_apart_what_a_template_could_tell_apart():
    assert describe({"a": "<b>"}) != describe({"a": Markup("<b>")})  # escaped or not
    assert describe({"a": 1, "b": 2}) != describe({"b": 2, "a": 1})  # templates loop in dict order
    assert describe([1, "1"]) != describe(["1", 1])
    assert describe(Item("x")) != describe(Item("y"))
    assert describe(Item("x")) == describe(Item("x"))
    # a long frozen value is written into the keys that hold it as the digest of its description
    long_a, long_b = Item("条" * 600), Item("条" * 599 + "款")
    assert describe([long_a, long_a]) == describe([Item("条" * 600), Item("条" * 600)])
    assert describe([long_a, long_a]) != describe([long_a, long_b])
    assert describe((Item("x" * 300), Item("y" * 300))) != describe((Item("x" * 300 + "y" * 300),))
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


def test_a_result_lives_while_a_pass_uses_it():
    """One rule, one lifecycle: the same inputs reuse, other inputs compute, and what a pass did not ask for is
    gone at the next one (memory follows the site)."""
    memo, calls = Memo(), []

    def compute(value):
        calls.append(value)
        sum(range(300_000))  # worth keeping: a result cheaper than describing its inputs is never kept
        return [value]

    memo.begin()
    assert memo.reuse("t", {"x": 1}, lambda: compute(1)) == [1]
    assert memo.reuse("t", {"x": 1}, lambda: compute(1)) == [1] and calls == [1]  # same pass
    assert memo.reuse("t", {"x": 2}, lambda: compute(2)) == [2] and calls == [1, 2]
    memo.begin()
    assert memo.reuse("t", {"x": 1}, lambda: compute(1)) == [1] and calls == [1, 2]  # the last pass's result
    memo.begin()  # the pass before did not use {"x": 2}
    assert memo.reuse("t", {"x": 2}, lambda: compute(2)) == [2] and calls == [1, 2, 2]
    assert memo.reuse("u", {"x": 1}, lambda: compute(1)) and calls == [1, 2, 2, 1]  # labels do not share
    handed = memo.reuse("t", {"x": 3}, lambda: compute(3), copy=list)
    handed.append("changed by a caller")
    assert memo.reuse("t", {"x": 3}, lambda: compute(3), copy=list) == [3]


def test_same_is_as_strict_as_a_description():
    """intern() hands out an earlier object when it is the same: whatever a description tells apart, so must same."""
    import datetime as dt

    pairs = [("<b>", Markup("<b>")), (1, True), (1, 1.0), (0.0, -0.0), ((1, 2), [1, 2]), ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
             (dt.datetime(2026, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
              dt.datetime(2026, 3, 1, 1, tzinfo=dt.UTC)),
             (Item("x"), Item("y")), ((Item("x"), "a"), (Item("x"), "b")), (object(), object())]
    for a, b in pairs:
        assert not same(a, b), (a, b)
        if type(a) is not object:  # (plain objects cannot be described at all)
            assert describe(a) != describe(b), (a, b)
    assert same((Item("x"), {"k": [1, "2", None]}), (Item("x"), {"k": [1, "2", None]}))
    assert same(Node("n", [Node("c")]), Node("n", [Node("c")]))


def test_same_follows_cycles_and_shared_values_as_a_description_does():
    """A 阳光安置 year names its stages' notices, whose documents name the year: equal cycles are the same (and
    their documents handed out again), a difference anywhere in them is not, nor is sharing where there was none."""
    def cycle(title):
        year = Node("2025", [])
        year.children.append(Item(title))
        year.children.append(year)  # the year again, through its notice
        return year

    assert same(cycle("公示"), cycle("公示")) and describe(cycle("公示")) == describe(cycle("公示"))
    assert not same(cycle("公示"), cycle("结果")) and describe(cycle("公示")) != describe(cycle("结果"))
    shared = ["x"]
    apart = (["x"], ["x"])
    assert not same((shared, shared), apart) and describe((shared, shared)) != describe(apart)
    assert same((shared, shared), (["x"],) * 2)


@dataclasses.dataclass
class FromFile:
    """A model object part of which is read from one file's text alone (SOURCE_FIELDS), as a notice or a policy."""
    title: str
    category: str
    source_digest: str = ""
    SOURCE_FIELDS: ClassVar[tuple[str, ...]] = ("title",)


def test_same_takes_a_files_digest_for_what_is_read_from_it_and_compares_the_rest():
    """A rendered page is handed over when its context is `same` as the last save's: a model object's fields read
    from its file are told by the file's digest (as a description tells them), every other field is compared,
    and without a digest everything is."""
    assert same(FromFile("甲", "安置公示", "d1"), FromFile("乙", "安置公示", "d1"))  # the digest stands for the title
    assert describe(FromFile("甲", "安置公示", "d1")) == describe(FromFile("乙", "安置公示", "d1"))
    assert not same(FromFile("甲", "安置公示", "d1"), FromFile("甲", "优抚公示", "d1"))  # from another file
    assert not same(FromFile("甲", "安置公示", "d1"), FromFile("甲", "安置公示", "d2"))
    assert not same(FromFile("甲", "安置公示", "d1"), FromFile("甲", "安置公示", ""))
    assert not same(FromFile("甲", "安置公示"), FromFile("乙", "安置公示"))  # no digest: the title compared
    assert same(b"<rss/>", b"<rss/>") and not same(b"<rss/>", b"<rss />") and not same(b"x", "x")


def test_an_unchanged_value_is_handed_out_again_and_not_described_again():
    memo, calls = Memo(), []

    def page(item):
        calls.append(item.title)
        sum(range(300_000))  # worth keeping (see above)
        return f"<h1>{item.title}</h1>"

    memo.begin()
    first = Item("公告")
    assert memo.intern(("document", "a"), first) is first
    memo.reuse("page", (first, "context"), lambda: page(first))
    memo.begin()  # the next save makes its objects anew
    again = memo.intern(("document", "a"), Item("公告"))
    assert again is first  # the same: the earlier object
    assert id(first) in memo.memo.before  # its description was kept from the last pass ...
    assert memo.reuse("page", (again, "context"), lambda: page(again)) == "<h1>公告</h1>" and calls == ["公告"]
    assert id(first) in memo.memo and id(first) not in memo.memo.before  # ... and taken over by this one
    changed = memo.intern(("document", "a"), Item("公告（更正）"))
    assert changed is not first and changed.title == "公告（更正）"
    assert memo.reuse("page", (changed, "context"), lambda: page(changed)) == "<h1>公告（更正）</h1>"
    assert calls == ["公告", "公告（更正）"]
    memo.begin()
    memo.begin()  # two passes without it: gone, memory follows the site
    assert id(first) not in memo.memo and id(first) not in memo.memo.before
    assert memo.intern(("document", "a"), Item("公告")) is not first


def test_a_value_is_made_again_only_when_one_of_its_parts_changed():
    """Memo.made_from: a document made of the same parts (each the same object or `same`) is the one handed out
    before, without calling make(); a changed part makes it again; a forgotten part fails under verify."""
    memo, made = Memo(), []

    def make(title):
        made.append(title)
        return Item(title)

    memo.begin()
    first = memo.made_from(("document", "a"), ("digest-1", ("更正", 1)), lambda: make("公告"))
    memo.begin()
    again = memo.made_from(("document", "a"), ("digest-1", ("更正", 1)), lambda: make("公告"))
    assert again is first and made == ["公告"]
    assert memo.intern(("document", "a"), Item("公告")) is first  # the record is what intern hands out
    changed = memo.made_from(("document", "a"), ("digest-1", ("更正", 2)), lambda: make("公告（更正）"))
    assert changed is not first and changed.title == "公告（更正）" and len(made) == 2
    equal = memo.made_from(("document", "a"), ("digest-2", (1, 2)), lambda: make("公告（更正）"))
    assert equal is changed  # made again, equal: the object handed out before (intern)
    assert memo.made_from(("document", "a"), ("digest-2", (True, 2)), lambda: make("x")).title == "x"  # 1 is not True
    memo.begin()
    memo.begin()  # two passes without it: forgotten
    assert memo.made_from(("document", "a"), ("digest-2", (True, 2)), lambda: make("y")).title == "y"
    checked = Memo(verify=True)
    checked.begin()
    checked.made_from(("document", "b"), ("digest",), lambda: Item("甲"))
    checked.begin()
    with pytest.raises(AssertionError):  # the title changed with no part changing: an input not named
        checked.made_from(("document", "b"), ("digest",), lambda: Item("乙"))


def test_what_is_made_of_an_unchanged_value_is_made_once():
    """A 目录 row made from a Document the load handed out again (intern) is the row made before, so the keys
    holding it are not described anew; an edited document gets a new row."""
    memo, made = Memo(), []

    def row(item):
        made.append(item.title)
        return ("row", item.title)

    memo.begin()
    first = memo.intern(("document", "a"), Item("公告"))
    first_row = memo.derived("row", first, row)
    assert memo.derived("row", first, row) is first_row and made == ["公告"]
    assert memo.derived("other", first, row) == first_row and made == ["公告", "公告"]  # labels apart
    memo.begin()
    again = memo.intern(("document", "a"), Item("公告"))
    assert memo.derived("row", again, row) is first_row and len(made) == 2
    changed = memo.intern(("document", "a"), Item("公告（更正）"))
    assert memo.derived("row", changed, row) == ("row", "公告（更正）") and len(made) == 3
    equal_not_same = Item("公告")  # never handed out by intern: a row of its own
    assert memo.derived("row", equal_not_same, row) is not first_row and len(made) == 4


def outputs(site_root, memo=None):
    site = load_site(site_root, memo=memo)
    pages, files = render_site(site)
    renderer = Renderer(site)
    frames = [(uri, editor_page_html(site, page, renderer))
              for uri, page in sorted(site.editor_pages.items())]  # editors' pages, as the adapter shows them
    return ([p.format() for p in site.problems.items], [(p.src_uri, p.title, p.html, p.toc, p.meta) for p in pages],
            [(f.dest_uri, f.content) for f in files], frames)


def test_cached_loads_and_renders_equal_fresh_ones_after_every_edit(tmp_path):
    root = copy_site(tmp_path / "repo")
    memo = Memo(verify=True)
    assert outputs(root, memo) == outputs(root)  # the first pass fills the Memo
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
        cached = outputs(root, memo)
        assert cached == outputs(root), f"edit {n}"
        assert memo.hits > 0  # the layer was really used


def test_problems_of_a_documents_text_are_reported_on_every_save_until_fixed(tmp_path):
    """The citation and HTML checks of YAML text are reused between saves: their problems must be reported again
    on each save that reuses them, at the same place, and be gone once the text is fixed."""
    root = copy_site(tmp_path / "repo")
    policy = root / "data/policies/2025-005.yml"
    original = policy.read_text(encoding="utf-8")
    broken = original.replace("经研究，决定", "依据[[退役军人保障法#第九百九十九条]]，<script>x</script>经研究，决定")
    assert broken != original
    policy.write_text(broken, encoding="utf-8")
    memo = Memo(verify=True)

    def found():
        site = load_site(root, memo=memo)
        return sorted(p.format() for p in site.problems.items if p.file == "data/policies/2025-005.yml")

    first = found()
    assert any("第九百九十九条" in p for p in first) and any("script" in p.lower() for p in first)
    assert found() == first and memo.hits > 0  # reused, and reported again
    fresh = load_site(root)
    assert sorted(p.format() for p in fresh.problems.items if p.file == "data/policies/2025-005.yml") == first
    policy.write_text(original, encoding="utf-8")
    assert found() == []


def test_parsed_files_are_handed_out_as_copies(tmp_path):
    """A YAML file's parse is handed to its type as a copy (a type may add to its data); an editor's page is handed
    over as the object of the last save (nothing changes it once made), and a caller that changes one is caught
    by the tests' Memo (verify), which makes every handed-over value again and compares."""
    root = copy_site(tmp_path / "repo")
    memo = Memo(verify=True)
    site = load_site(root, memo=memo)
    settings = site.settings_located
    holidays = root / "data/holidays.yml"
    from govsite.build import HOLIDAYS_SCHEMA, load_yaml_checked
    first = load_yaml_checked(site, holidays, HOLIDAYS_SCHEMA)
    first.data["changed by a caller"] = True
    assert "changed by a caller" not in load_yaml_checked(site, holidays, HOLIDAYS_SCHEMA).data
    assert settings is not None
    again = load_site(root, memo=memo)
    page = again.editor_pages["notices/2025/peixun-baoming.md"]
    assert load_site(root, memo=memo).editor_pages["notices/2025/peixun-baoming.md"] is page  # handed over
    page.meta["标题"] = "changed by a caller"
    with pytest.raises(AssertionError, match="made_from"):
        load_site(root, memo=memo)


def test_a_model_object_changed_by_a_caller_is_caught_by_the_tests_check(tmp_path):
    """A type's model objects (a Policy, a Notice) are handed over from save to save, not copied: nothing may change
    them after the load. The tests' Memo (verify) makes every handed-over value again and compares, so a caller
    that changes one fails there instead of serving its change on the next save."""
    root = copy_site(tmp_path / "repo")
    memo = Memo(verify=True)
    site = load_site(root, memo=memo)
    site.models["policies"].policies[0].meta["标题"] = "changed by a caller"
    with pytest.raises(AssertionError, match="made_from"):
        load_site(root, memo=memo)


def test_pages_follow_the_files_they_link_to(tmp_path):
    """Policy and interpretation pages and notice frames are keyed by their own files' digests (SOURCE_FIELDS) plus
    everything they link to; citation links by the strings they show. Each edit below changes a file other than the page's own, and the page must show it:
    a key that missed that link would serve the page as it was, and differ from the fresh render."""
    root = copy_site(tmp_path / "repo")
    memo = Memo(verify=True)

    def cached_and_fresh() -> dict:
        memo.costs.clear()  # key everything, whatever describing costs on this small site
        memo.undescribable.clear()
        cached = outputs(root, memo)
        assert cached == outputs(root)
        assert not {"policies/policy.html", "policies/interpretation.html", "notices: frame", "laws: citation",
                    "markdown", "feeds: item", "services: outcomes", "laws/law.html"} & memo.undescribable
        problems, pages, _files, frames = cached
        assert not [p for p in problems if p.startswith("错误")], problems
        return {uri: rest for uri, *rest in pages} | {uri: rest for uri, *rest in frames} | dict(_files)

    def edit(path: str, old: str, new: str) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, path
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    shown = cached_and_fresh()
    steps = [
        # a policy page lists its interpretations' titles
        (lambda: edit("data/interpretations/2024-001.yml", "标题: 《", "标题: 新《"), "xxgk/zcwj/2024-001/index.md"),
        # an interpretation page names its policy (title, 发文字号, validity)
        (lambda: edit("data/policies/2024-001.yml", "标题: 某区", "标题: 新某区"), "xxgk/zcjd/2024-001/index.md"),
        # a repealed policy names the document that repealed it
        (lambda: edit("data/policies/2025-002.yml", "标题: 某区", "标题: 新某区"), "xxgk/zcwj/2023-003/index.md"),
        # a policy page shows its attachment's size: a file that is not YAML at all
        (lambda: (root / "content/xxgk/fujian/2024-001-fj1.docx").write_bytes(
            (root / "content/xxgk/fujian/2024-001-fj1.docx").read_bytes() + b"\0" * 4096),
         "xxgk/zcwj/2024-001/index.md"),
        # a corrected notice's banner names its correction
        (lambda: edit("content/notices/2025/peixun-baoming-gengzheng.md", "标题: 关于", "标题: 新关于"),
         "notices/2025/peixun-baoming.md"),
        # ... and the correction names the notice it corrects
        (lambda: edit("content/notices/2025/peixun-baoming.md", "标题: 关于", "标题: 新关于"),
         "notices/2025/peixun-baoming-gengzheng.md"),
        # a citation's tooltip quotes the article: an edit of the law's text reaches the page citing it
        (lambda: edit("data/laws/texts/中华人民共和国退役军人保障法.md", "第四十一条 公共", "第四十一条 各级公共"),
         "pufa/news/2026-07-28-pufa-jin-junying.md"),
        # the law's own page shows its text
        (lambda: edit("data/laws/texts/中华人民共和国退役军人保障法.md", "第四十一条 各级公共", "第四十一条 各级各类公共"),
         "laws/tuiyi-junren-baozhangfa.md"),
        # a template that every citation link is made from: pages and conversions made with it change
        (lambda: edit("overrides/govsite/laws/citation.html", 'class="law-ref ', 'class="law-ref law-ref--edited '),
         "pufa/news/2026-07-28-pufa-jin-junying.md"),
        # ... and the feed item of a document citing it, which carries the article's text
        (lambda: edit("data/laws/texts/退役军人安置条例.md", "起施行。《退役士兵", "起正式施行。《退役士兵"),
         "feeds/qa.xml"),
        # a 公示期 counted in working days ends later when a holiday falls in it (data/holidays.yml)
        # who may claim a benefit: the audience's 普法 page and the finder's list for it (outcomes are reused)
        (lambda: edit("data/benefits/items/canji-yiliao.yml", "  - 身份: [伤残军人]", "  - 身份: [伤残军人, 退役军人]"),
         "pufa/duixiang/tuiyi-junren/index.md"),
        (lambda: edit("data/benefits/items/canji-yiliao.yml", "[伤残军人, 退役军人]", "[伤残军人, 退役军人, 现役军人家属]"),
         "services/index.md"),
        # a notices list shows each notice's title, read from the notice's own file (its digest) ...
        (lambda: edit("content/notices/2025/peixun-baoming.md", "标题: 新关于", "标题: 又新关于"), "notices/index.md"),
        (lambda: edit("data/holidays.yml", "年份: {}",
                      '年份:\n  "2026":\n    依据: 测试\n    放假: [2026-11-25]\n    调休上班: []'),
         "notices/2026/youfu-dingqi-fuxu.md"),
        # ... and the end of its 公示期, which the notice's file does not say (the holidays and the notice's own
        # list row: a list page handed over by comparing its notices must compare more than their files' digests)
        (lambda: edit("data/holidays.yml", "放假: [2026-11-25]", "放假: [2026-11-25, 2026-11-26]"), "notices/index.md"),
    ]
    for n, (step, dependent) in enumerate(steps):
        step()
        now = cached_and_fresh()
        assert now[dependent] != shown[dependent], f"step {n}: the edit does not show on {dependent}"
        shown = now
    assert memo.hits > 0


def test_a_file_is_read_again_only_when_it_was_written(tmp_path, monkeypatch):
    """Under make serve a file whose status (inode, size, times) is unchanged since the last save, and had settled
    then, is not read again; any write shows in its status, even one of the same size with its old mtime put back,
    and a file written moments ago is read again until it settles."""
    import os
    import time

    from govsite import source
    from govsite.model import Site

    reads: list[str] = []
    real_read = source.read_text
    monkeypatch.setattr(source, "read_text", lambda path, *rest: reads.append(path.name) or real_read(path, *rest))
    old, fresh = tmp_path / "old.md", tmp_path / "fresh.md"
    old.write_text("原文", encoding="utf-8")
    long_ago = time.time_ns() - 3600 * 10**9
    os.utime(old, ns=(long_ago, long_ago))
    memo = Memo(verify=True)
    memo.SETTLED_NS = 1_000_000_000  # a shorter settling time than the real one, so the test need not wait for it
    time.sleep(1.2)
    fresh.write_text("新文", encoding="utf-8")

    def load() -> tuple[str, str]:
        memo.begin()
        site = Site(root=tmp_path, memo=memo)
        return site.read_text(old), site.read_text(fresh)

    first = load()
    assert first == ("原文", "新文") and reads == ["old.md", "fresh.md"]
    again = load()
    assert again == first and again[0] is first[0]
    assert reads == ["old.md", "fresh.md", "fresh.md"]  # the settled file is not read again; the fresh one is
    old.write_text("改文", encoding="utf-8")  # same size …
    os.utime(old, ns=(long_ago, long_ago))  # … and the old modification time: the change time still moves
    assert load()[0] == "改文" and reads.count("old.md") == 2
    load()  # written moments ago (its change time), whatever its modification time says: read again
    assert reads.count("old.md") == 3


def test_a_parsed_law_is_described_by_its_texts_digest():
    """A law's parse is made from its text alone and never changed (SOURCE_FIELDS): keys holding it are described
    by the text's digest, not article by article, and a changed text gives another description."""
    from govsite.types.laws import parser
    from sitekit import REPO

    text = (REPO / "data/laws/texts/中华人民共和国退役军人保障法.md").read_text(encoding="utf-8")
    parsed = parser.parse(text)
    assert describe(parsed) == describe(parser.parse(text))
    assert describe(parsed) != describe(parser.parse(text.replace("第四十一条 公共", "第四十一条 各级公共")))
    assert len(describe(parsed)) < 500 < len(text)  # the digest, not the articles


def test_the_catalogues_number_check_is_reported_on_every_save_until_fixed(tmp_path):
    """The 目录's check of 索引号 is reused while no row changed: a duplicate and a missing number are reported on
    every save as a fresh load reports them (the next free number proposed), and are gone once fixed."""
    root = copy_site(tmp_path / "repo")
    policy = root / "data/policies/2023-002.yml"
    original = policy.read_text(encoding="utf-8")
    memo = Memo(verify=True)

    def numbers(memo_=memo):
        site = load_site(root, memo=memo_)
        return (sorted(p.format() for p in site.problems.items if p.field == "索引号"),
                [row.index_no for row in site.models["catalogue"].items], site.models["catalogue"].checked)

    clean = numbers()
    assert clean[0] == [] and "11410100MB0000000X/2023-00002" in clean[1]
    policy.write_text(original.replace("/2023-00002", "/2023-00001"), encoding="utf-8")  # another's number
    duplicate = numbers()
    assert len(duplicate[0]) == 1 and "重复" in duplicate[0][0] and "2023-00001" in duplicate[0][0]
    assert numbers() == duplicate and memo.hits > 0  # reused, and reported again
    assert numbers(None) == duplicate  # as a load without the layer finds
    policy.write_text(original.replace("索引号: 11410100MB0000000X/2023-00002\n", ""), encoding="utf-8")
    missing = numbers()
    assert len(missing[0]) == 1 and "缺少索引号" in missing[0][0] and missing == numbers(None)
    policy.write_text(original, encoding="utf-8")
    assert numbers() == clean


def test_the_catalogues_rows_and_numbers_follow_every_field_the_check_reads(tmp_path):
    """The 索引号 check's verdict is handed over while what it reads of every row is the same (no verify here: a
    field it reads but does not compare would leave the order or a problem stale). Each save changes one such
    field of one policy (its number, its date, which moves it in the 目录, its category) or one it does not read
    (its title): the rows, their order, the counts and the problems are a fresh load's, the title the new one."""
    root = copy_site(tmp_path / "repo")
    policy = root / "data/policies/2023-002.yml"
    original = policy.read_text(encoding="utf-8")
    memo = Memo()

    def catalogue(memo_):
        site = load_site(root, memo=memo_)
        model = site.models["catalogue"]
        return ([p.format() for p in site.problems.items],
                [(row.id, row.index_no, row.title, row.date, row.category) for row in model.items], model.checked)

    assert catalogue(memo) == catalogue(None)
    duplicate = ("/2023-00002", "/2023-00001")  # another document's number: a problem, the row left out
    edits = [
        [duplicate],
        [duplicate, ("标题: ", "# 一行说明\n标题: ")],  # the problem's line moves
        [("发布日期: 2023-05-18", "发布日期: 2026-01-05")],  # the newest row now
        [("标题: 某区", "标题: 修订后的某区")],  # a field the check does not read: the verdict is reused
        [("主题分类: 优抚安置", "主题分类: 优抚")],
        [("文件类型: 其他文件", "文件类型: 行政规范性文件")],  # another 类别
        [("成文日期: 2023-05-15\n", "")],
    ]
    for edit in edits:
        text = original
        for old, new in edit:
            assert old in text
            text = text.replace(old, new, 1)
        policy.write_text(text, encoding="utf-8")
        assert catalogue(memo) == catalogue(None), edit
    policy.write_text(original, encoding="utf-8")
    assert catalogue(memo) == catalogue(None)


def test_a_broken_link_an_editor_wrote_is_reported_on_every_save_until_fixed(tmp_path):
    """The links of a text are taken from its conversion once (review.py): a link to a page the build does not
    publish is reported on every save that reuses the conversion, as a load without the layer reports it."""
    from govsite.build import check_links

    root = copy_site(tmp_path / "repo")
    notice = root / "content/notices/2025/peixun-baoming.md"
    original = notice.read_text(encoding="utf-8")
    memo = Memo(verify=True)

    def broken(memo_=memo):
        site = load_site(root, memo=memo_)
        check_links(site)
        return sorted(p.format() for p in site.problems.items if "不存在" in p.message)

    assert broken() == []
    notice.write_text(original.replace("\n## ", "\n另见[旧通知](/notices/2024/no-such-notice/)。\n\n## ", 1), encoding="utf-8")
    found = broken()
    assert len(found) == 1 and "no-such-notice" in found[0] and "peixun-baoming.md" in found[0]
    assert broken() == found and memo.hits > 0
    assert broken(None) == found
    notice.write_text(original, encoding="utf-8")
    assert broken() == []


def test_citations_in_editors_pages_are_checked_again_when_what_they_cite_changes(tmp_path):
    """An editor's page's citation findings are reused while its text and the law library are the same; a page
    that did not change must still report a law that became a draft, a removed article, and forget both once
    they are undone, as a fresh load does."""
    root = copy_site(tmp_path / "repo")
    law = root / "data/laws/lieshi-baoyang-tiaoli.yml"
    page = root / "content/pufa/news/2026-07-28-pufa-jin-junying.md"
    law_text, page_text = law.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")
    memo = Memo(verify=True)

    def problems(site) -> list[str]:
        return sorted(p.format() for p in site.problems.items)

    def same_as_fresh() -> list[str]:
        cached = problems(load_site(root, memo=memo))
        assert cached == problems(load_site(root))
        return cached

    clean = same_as_fresh()
    edits = [
        (lambda: law.write_text(law_text.replace("标题: 烈士褒扬条例\n", "标题: 烈士褒扬条例\n草稿: true\n", 1),
                                encoding="utf-8"), "是草稿"),
        (lambda: law.write_text(law_text, encoding="utf-8"), None),
        (lambda: page.write_text(page_text.replace("[[退役军人安置条例#5]]", "[[退役军人安置条例#999]]"),
                                 encoding="utf-8"), "没有第九百九十九条"),
        (lambda: page.write_text(page_text, encoding="utf-8"), None),
    ]
    for n, (edit, expected) in enumerate(edits):
        edit()
        found = same_as_fresh()
        if expected is None:
            assert found == clean, f"edit {n}"
        else:
            assert any(expected in p for p in found), f"edit {n}: {found}"
        assert memo.hits > 0


def test_a_citation_of_a_law_released_between_saves_is_accepted_then(tmp_path):
    """A law scheduled for later is refused by citations until its release: between two saves the hour passes and
    no file changes, so the reused findings must follow the law's state, not only the library's files."""
    import datetime as dt

    from govsite.dates import TZ

    root = copy_site(tmp_path / "repo")
    law = root / "data/laws/lieshi-baoyang-tiaoli.yml"
    law.write_text(law.read_text(encoding="utf-8").replace("标题: 烈士褒扬条例\n", "标题: 烈士褒扬条例\n定时发布: 2026-12-06 11:00\n", 1),
                   encoding="utf-8")
    memo = Memo(verify=True)
    before, after = (dt.datetime(2026, 12, 6, hour, 0, tzinfo=TZ) for hour in (10, 12))

    def cited(now) -> list[str]:
        cached = sorted(p.format() for p in load_site(root, memo=memo, now=now).problems.items)
        assert cached == sorted(p.format() for p in load_site(root, now=now).problems.items)
        return [p for p in cached if p.startswith("content/") and "烈士褒扬条例" in p and "定时" in p]  # editors' pages

    assert cited(before)
    assert not cited(after)
    assert cited(before)


def test_what_editors_texts_hold_is_reported_on_every_save_as_a_fresh_load_reports_it(tmp_path):
    """The inspection's placeholders and outside links, and the advice's images without alternative text, are
    looked for once per text under make serve: each save reports them as a fresh load does, the allow-list of
    outside sites (data/site.yml) applied anew, until the text is fixed."""
    root = copy_site(tmp_path / "repo")
    notice = root / "content/notices/2025/peixun-baoming.md"
    policy = root / "data/policies/2025-005.yml"
    site_file = root / "data/site.yml"
    texts = {path: path.read_text(encoding="utf-8") for path in (notice, policy, site_file)}
    memo = Memo(verify=True)
    kinds = ("占位文字", "白名单", "替代文字")

    def found(memo_=memo):
        site = load_site(root, memo=memo_)
        return sorted(p.format() for p in site.problems.items if any(kind in p.message for kind in kinds))

    def edit(path, old, new):
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    clean = found()
    steps = [
        lambda: edit(notice, "\n## ", "\n报名地点待补充，详见 https://peixun.example.org/baoming 。\n\n## "),
        lambda: edit(notice, "\n## ", "\n![](../../assets/x.png)\n\n## "),
        lambda: edit(site_file, "外部链接白名单:\n", "外部链接白名单:\n  - peixun.example.org\n"),
        lambda: edit(policy, "经研究，决定", "经研究（待完善），决定<img src=\"a.png\">"),
        lambda: site_file.write_text(texts[site_file], encoding="utf-8"),  # the allow-list as it was
        lambda: notice.write_text(texts[notice], encoding="utf-8"),
        lambda: policy.write_text(texts[policy], encoding="utf-8"),
    ]
    seen = []
    for n, step in enumerate(steps):
        step()
        now = found()
        assert now == found(None), f"step {n}"
        seen.append(now)
    assert any("peixun.example.org" in p for p in seen[0]) and not any("peixun.example.org" in p for p in seen[2])
    assert any("替代文字" in p for p in seen[1]) and any("待完善" in p for p in seen[3])
    assert seen[-1] == clean
