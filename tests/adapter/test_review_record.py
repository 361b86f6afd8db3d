"""The review record (审核) is internal: the adapter drops it from MkDocs' page meta, the only thing Material's and
our templates read of an editor's front matter, and no template reads it (or the whole meta) in the first place.
Two safeguards, each tested on its own: the engine's outputs never hold the record (test_publishing_site.py)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2
import material
import pytest
from jinja2 import nodes
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page
from mkdocs_adapter import events
from mkdocs_adapter import material as adapter_material

from govsite import build, internal, lifecycle
from govsite.build import load_site
from govsite.dates import TZ
from sitekit import REPO, copy_site

MARKER = "审核记录标记QX7"
RECORD = (f"审核:\n  拟稿: {MARKER}甲\n  拟稿日期: 2020-01-02\n  审核: {MARKER}乙\n  审核日期: 2020-01-03\n"
          f"  保密审查: 通过\n  保密审查人: {MARKER}丙\n  保密审查日期: 2020-01-03\n  签发: {MARKER}丁\n  签发日期: 2020-01-03\n")
_EXISTING = re.compile(r"^审核:\n(?:  .*\n)+", re.M)


def plant(path: Path) -> None:
    """Give the page a review record carrying the marker (replacing the one it has)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        text = "---\n标题: 页面\n---\n\n" + text
    head, rest = text[4:].split("\n---\n", 1)
    head = _EXISTING.sub("", head + "\n")
    path.write_text(f"---\n{head}{RECORD}---\n{rest}", encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A copy of the real site in which every Markdown page carries a review record, plus a page no content type
    owns; MkDocs' pages of it, read as MkDocs reads them."""
    root = copy_site(tmp_path_factory.mktemp("review") / "repo")
    (root / "content/extra").mkdir()
    (root / "content/extra/plain.md").write_text("---\ntitle: 不属于任何栏目的页面\n---\n\n正文。\n", encoding="utf-8")
    for path in sorted((root / "content").rglob("*.md")):
        plant(path)
    # A plain page (its schema has no review record) that hides its table of contents: MkDocs' `hide`.
    about = root / "content/about/functions.md"
    about.write_text(_EXISTING.sub("", about.read_text(encoding="utf-8")).replace("---\n", "---\n隐藏: [toc]\n", 1),
                     encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site-out"))
    site = load_site(root)
    files = get_files(config)
    return root, config, site, files


def pages_of(config, files):
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        yield page


def adapter_state(monkeypatch, site, config, pages: dict) -> None:
    """What on_files leaves for on_page_markdown: the site, the engine's pages and every page's 网页元数据 (the
    metadata is put in page.meta too, so it is searched for the record as well)."""
    monkeypatch.setitem(events._state, "site", site)
    monkeypatch.setitem(events._state, "pages", pages)
    monkeypatch.setitem(events._state, "pagemeta", events._page_metadata(site, [], config))


def test_no_page_meta_keeps_the_review_record(planted, monkeypatch):
    root, config, site, files = planted
    adapter_state(monkeypatch, site, config, {})
    documents = others = 0
    for page in pages_of(config, files):
        if page.file.src_uri != "about/functions.md":
            assert lifecycle.REVIEW in page.meta, page.file.src_uri  # planted: MkDocs read it into the meta
        markdown = page.markdown
        returned = events.on_page_markdown(markdown, page, config, files)
        for key in internal.INTERNAL_FIELDS:
            assert key not in page.meta, page.file.src_uri
        assert MARKER not in repr(page.meta), page.file.src_uri
        document = site.editor_pages.get(page.file.src_uri)
        if document is not None:
            documents += 1
            assert returned == ""  # the engine converts it
            assert page.meta["govsite_metadata"]  # the page's own metadata went in, the record did not
            assert page.meta["title"] == adapter_material.escaped(build.editor_page_title(site, document))
            if "描述" in document.meta:
                assert page.meta["description"] == adapter_material.escaped(document.meta["描述"])
            if "隐藏" in document.meta:
                assert page.meta["hide"] == document.meta["隐藏"]
        else:
            others += 1
            assert returned == markdown  # MkDocs converts it
    assert documents >= 5 and others >= 1  # documents of every type, and a page the engine does not own
    assert site.editor_pages["about/functions.md"].meta["隐藏"] == ["toc"]


def test_a_page_without_a_record_and_a_generated_page_go_through_as_well(planted, monkeypatch):
    from types import SimpleNamespace

    root, config, site, files = planted
    page = next(p for p in pages_of(config, files) if p.file.src_uri in site.editor_pages)
    page.meta.pop(lifecycle.REVIEW, None)
    generated = SimpleNamespace(title="生成的页面", meta={"search": {"exclude": True}})
    adapter_state(monkeypatch, site, config, {page.file.src_uri: generated})
    assert events.on_page_markdown("原文", page, config, files) == ""
    assert page.meta["title"] == "生成的页面" and page.meta["search"] == {"exclude": True}
    monkeypatch.setitem(events._state, "pages", {})
    assert events.on_page_markdown("原文", page, config, files) == ""  # no record to drop: no error either


# ---- no template reads it ----------------------------------------------------------------------------------------

TEMPLATE_DIRS = (REPO / "overrides", Path(material.__file__).parent / "templates")


def _aliases(tree) -> set[str]:
    """Names a template binds to a meta mapping ({% set m = report.meta %}), followed through further aliases."""
    names = {"meta"}
    while True:
        found = {target.name for assign in tree.find_all(nodes.Assign) if _is_meta(assign.node, names)
                 for target in ([assign.target] if isinstance(assign.target, nodes.Name) else [])}
        found |= {target.name for block in tree.find_all(nodes.With)
                  for target, value in zip(block.targets, block.values)
                  if isinstance(target, nodes.Name) and _is_meta(value, names)}
        if found <= names:
            return names
        names |= found


def _is_meta(node, names) -> bool:
    return (isinstance(node, nodes.Getattr) and node.attr == "meta") or (isinstance(node, nodes.Name) and node.name in names)


def meta_reads(source: str) -> list[tuple[str, str]]:
    """Every use of a `.meta` mapping in a template: ("key", name) for a read of one constant key, ("test", "") for
    a truth test, ("whole", how) for anything that could print or walk the whole mapping."""
    tree = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"]).parse(source)
    parents = {}
    for parent in tree.find_all(nodes.Node):
        for child in parent.iter_child_nodes():
            parents[id(child)] = parent
    names = _aliases(tree)
    found = []
    for node in tree.find_all((nodes.Getattr, nodes.Name)):
        if not _is_meta(node, names):
            continue
        parent = parents.get(id(node))
        if isinstance(parent, (nodes.Assign, nodes.With)):
            continue  # an alias: its reads are checked where the alias is read
        if isinstance(parent, nodes.Getattr) and parent.node is node:
            if parent.attr == "get":
                call = parents.get(id(parent))
                key = call.args[0] if isinstance(call, nodes.Call) and call.args else None
                found.append(("key", key.value) if isinstance(key, nodes.Const) else ("whole", ".get(?)"))
            else:
                found.append(("key", parent.attr))
        elif isinstance(parent, nodes.Getitem) and parent.node is node:
            found.append(("key", parent.arg.value) if isinstance(parent.arg, nodes.Const) else ("whole", "[?]"))
        elif isinstance(parent, (nodes.If, nodes.And, nodes.Or, nodes.Not, nodes.CondExpr)) and \
                getattr(parent, "body", None) is not node and getattr(parent, "expr1", None) is not node:
            found.append(("test", ""))
        elif isinstance(parent, nodes.Test) and parent.node is node and parent.name == "defined":
            found.append(("test", ""))
        elif isinstance(parent, nodes.Compare) and parent.expr is not node:  # "x" in page.meta
            found.append(("test", ""))
        else:
            found.append(("whole", type(parent).__name__))
    return found


def test_the_reader_of_templates_sees_what_it_must():
    assert meta_reads("{{ page.meta.title }}{% if page.meta and page.meta['hide'] %}{% endif %}") == \
        [("key", "title"), ("test", ""), ("key", "hide")]
    assert meta_reads("{{ page.meta.get('审核') }}") == [("key", "审核")]
    assert ("whole", "Output") in meta_reads("{{ page.meta }}")
    assert ("whole", "For") in meta_reads("{% for k, v in page.meta.items() %}{{ v }}{% endfor %}") or \
        ("key", "items") in meta_reads("{% for k, v in page.meta.items() %}{{ v }}{% endfor %}")
    assert ("whole", "Filter") in meta_reads("{{ page.meta | tojson }}")
    assert ("whole", "[?]") in meta_reads("{{ page.meta[name] }}")
    assert meta_reads("{% set m = report.meta %}{% set n = m %}{{ n.审核 }}") == [("key", "审核")]
    assert ("whole", "Output") in meta_reads("{% with m = page.meta %}{{ m }}{% endwith %}")


def test_no_template_reads_the_review_record_or_the_whole_meta():
    """Our overrides and Material's own templates: only named keys of a page's meta are read, none of them an
    internal field and none a way to walk the mapping (items, values, tojson …)."""
    walking = {"items", "values", "keys", "__iter__", "update", "copy"}
    checked = 0
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*.html")) + sorted(folder.rglob("*.xml")):
            source = path.read_text(encoding="utf-8")
            for kind, name in meta_reads(source):
                where = f"{path.relative_to(folder.parent)}: {kind} {name}"
                assert kind != "whole", where
                assert name not in internal.INTERNAL_FIELDS + lifecycle.RECORD_FIELDS, where
                assert name not in walking, where
            checked += 1
    assert checked > 100


# ---- what the engine held back is not built by MkDocs either -------------------------------------------------

def test_held_back_pages_and_the_attachments_only_they_use_are_left_out_of_mkdocs_files(tmp_path):
    import shutil

    from mkdocs.structure.files import File, Files

    from govsite import build
    from govsite.types.notices import CONTENT_TYPE as NOTICES
    from sitekit import without_review

    root = tmp_path / "site"
    shutil.copytree(REPO / "data/notices", root / "data/notices")
    shutil.copy2(REPO / "data/site.yml", root / "data/site.yml")
    (root / "overrides").symlink_to(REPO / "overrides")
    without_review(root)

    def write(path, text):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")

    attached = "附件:\n  - 名称: 表\n    文件: files/{}\n"
    write("content/notices/2026/draft.md", "---\n标题: 草稿\n类别: 通知公告\n发布时间: 2026-11-20 09:00\n草稿: true\n"
          + attached.format("own.pdf") + "---\n\n正文。\n")
    write("content/notices/2026/later.md", "---\n标题: 定时\n类别: 通知公告\n发布时间: 2026-11-30 09:00\n"
          + attached.format("shared.pdf") + "---\n\n正文。\n")
    write("content/notices/2026/out.md", "---\n标题: 已发布\n类别: 通知公告\n发布时间: 2026-11-20 09:00\n"
          + attached.format("shared.pdf") + "---\n\n正文。\n")
    for name in ("own.pdf", "shared.pdf", "other.pdf"):
        (root / "content/notices/2026/files").mkdir(parents=True, exist_ok=True)
        (root / "content/notices/2026/files" / name).write_bytes(b"%PDF-1.4\n")
    site = build.load_site(root, "https://example.gov.cn/", types=[NOTICES], now=dt.datetime(2026, 11, 26, 10, 0, tzinfo=TZ))
    assert [p.format() for p in site.problems.errors] == []
    names = ["notices/2026/draft.md", "notices/2026/later.md", "notices/2026/out.md", "notices/2026/files/own.pdf",
             "notices/2026/files/shared.pdf", "notices/2026/files/other.pdf"]
    files = Files([File(name, str(root / "content"), str(tmp_path / "out"), True) for name in names])
    events._leave_out_held(site, files)
    assert sorted(f.src_uri for f in files) == ["notices/2026/files/other.pdf", "notices/2026/files/shared.pdf",
                                                "notices/2026/out.md"]
