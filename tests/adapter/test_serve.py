"""mkdocs_adapter.serve: under `mkdocs serve --dirty` a page is skipped only when what it would write is unchanged,
and a page's front matter is split again only when its text changed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from mkdocs_adapter.serve import CollectorPause, PageSkipper, front_matter

from govsite.incremental import Memo


def make_page(tmp_path, name, content, title="标题"):
    dest = tmp_path / name / "index.html"
    file = SimpleNamespace(abs_dest_path=str(dest))
    page = SimpleNamespace(file=file, title=title, meta={"title": title}, toc=[], content=content,
                           previous_page=None, next_page=None)
    file.page = page
    return page


def make_config(tmp_path, extra=None):
    config_file = tmp_path / "mkdocs.yml"
    if not config_file.exists():
        config_file.write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir(exist_ok=True)
    return SimpleNamespace(config_file_path=str(config_file), extra=extra or {"org": {"名称": "某局"}},
                           theme=SimpleNamespace(dirs=[str(tmp_path / "overrides")]), extra_css=[], extra_javascript=[])


def build(skipper, config, pages, nav=None, inputs=None, log=None, after_reading=None):
    """One rebuild as MkDocs runs it: a new Page for every source (`pages`: what reading each one gives), each read
    only if the skipper says it is modified, then written if it says so. `inputs`: name -> what the adapter's
    inputs_of gives for it (None: no such function). `log` (a dict) gets the names read and populated late."""
    skipper.start()
    nav = nav or SimpleNamespace(items=[], pages=[])
    fresh = []
    for source in pages:
        page = SimpleNamespace(file=SimpleNamespace(abs_dest_path=source.file.abs_dest_path, name=name_of(source)),
                               title=None, meta={}, toc=[], content=None, previous_page=None, next_page=None)
        page.file.page = page
        fresh.append((source, page))

    def read(source, page):
        page.title, page.meta, page.toc, page.content = source.title, dict(source.meta), source.toc, source.content

    skipper.inputs_of = None if inputs is None else (lambda file, shown_alone=False: inputs.get(file.abs_dest_path.split("/")[-2]))
    skipper.check_frame(config, nav)
    done = {"read": [], "populated": []}
    for source, page in fresh:
        skipper.watch(page.file)
        if page.file.is_modified():  # reading phase
            read(source, page)
            done["read"].append(name_of(source))
    if after_reading is not None:
        after_reading()
    by_page = {id(page): source for source, page in fresh}

    def populate(page):
        read(by_page[id(page)], page)
        done["populated"].append(name_of(by_page[id(page)]))

    skipper.before_writing(config, nav, [page for _source, page in fresh], populate)
    if log is not None:
        log.update(done, meta={name_of(source): page.meta for source, page in fresh})
    written = []
    for _source, page in fresh:
        if page.file.is_modified():
            dest = page.file.abs_dest_path
            __import__("os").makedirs(dest.rsplit("/", 1)[0], exist_ok=True)
            open(dest, "w").write(page.content)
            written.append(page.file.abs_dest_path.split("/")[-2])
            page.meta["hide"] = ["navigation"]  # what the page's own context adds while it is written
    gone = skipper.after_writing()
    return written, gone


def name_of(page) -> str:
    return page.file.abs_dest_path.split("/")[-2]


def test_only_changed_pages_are_written_and_removed_pages_are_reported(tmp_path):
    skipper = PageSkipper()
    skipper.enabled = True
    config = make_config(tmp_path)
    a, b, c = (make_page(tmp_path, n, f"<p>{n}</p>") for n in "abc")
    assert build(skipper, config, [a, b, c]) == (["a", "b", "c"], [])
    assert build(skipper, config, [a, b, c]) == ([], [])
    b2 = make_page(tmp_path, "b", "<p>b 修改后</p>")
    assert build(skipper, config, [a, b2, c]) == (["b"], [])
    c2 = make_page(tmp_path, "c", "<p>c</p>", title="新标题")  # same HTML, new title
    assert build(skipper, config, [a, b2, c2]) == (["c"], [])
    written, gone = build(skipper, config, [a, b2])
    assert written == [] and gone == [c.file.abs_dest_path]


def test_deleted_output_and_changed_frame_are_rewritten(tmp_path, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="govsite")
    skipper = PageSkipper()
    skipper.enabled = True
    config = make_config(tmp_path)
    a, b = make_page(tmp_path, "a", "<p>a</p>"), make_page(tmp_path, "b", "<p>b</p>")
    build(skipper, config, [a, b])
    (tmp_path / "a" / "index.html").unlink()
    assert build(skipper, config, [a, b])[0] == ["a"]
    assert "全部页面重新写出" not in caplog.text  # the first build, and a save of one page, say nothing
    # data/site.yml reaches every page's footer through config.extra: everything is rewritten, and the log says so
    assert build(skipper, make_config(tmp_path, {"org": {"名称": "某区局"}}), [a, b])[0] == ["a", "b"]
    assert "本次修改涉及每个页面" in caplog.text
    # a nav title shows on every page
    nav = SimpleNamespace(items=[SimpleNamespace(title="公示公告", url="notices/", children=None)])
    assert build(skipper, make_config(tmp_path, {"org": {"名称": "某区局"}}), [a, b], nav)[0] == ["a", "b"]
    (tmp_path / "overrides" / "main.html").write_text("{# changed #}", encoding="utf-8")
    assert build(skipper, make_config(tmp_path, {"org": {"名称": "某区局"}}), [a, b], nav)[0] == ["a", "b"]


def test_an_engine_file_is_written_again_only_with_other_bytes_or_when_gone(tmp_path):
    skipper = PageSkipper()
    target = tmp_path / "feeds" / "all.xml"
    assert not skipper.unchanged_file(target, b"<rss/>")  # never written
    target.parent.mkdir()
    target.write_bytes(b"<rss/>")
    skipper.wrote_file(target, b"<rss/>")
    assert skipper.unchanged_file(target, b"<rss/>")
    assert not skipper.unchanged_file(target, b"<rss>new</rss>")
    target.unlink()
    assert not skipper.unchanged_file(target, b"<rss/>")


def test_disabled_skipper_never_skips(tmp_path):
    skipper = PageSkipper()  # mkdocs build, or serve without --dirty
    config = make_config(tmp_path)
    a = make_page(tmp_path, "a", "<p>a</p>")
    assert build(skipper, config, [a])[0] == ["a"]
    assert build(skipper, config, [a])[0] == ["a"]


def test_front_matter_is_parsed_again_only_for_a_new_text_and_handed_out_as_copies():
    from mkdocs.utils.meta import get_data

    memo = Memo()
    read = front_matter(get_data, memo)
    text = "---\n标题: 一\n列表: [a, b]\n日期: 2024-01-02\n---\n\n正文\n"
    memo.begin()
    assert read(text) == get_data(text)
    memo.begin()
    markdown, meta = read(text)
    assert memo.hits == 1 and (markdown, meta) == get_data(text)
    meta["标题"] = "changed by a caller"  # the adapter and MkDocs change page.meta
    meta["列表"].append("c")
    assert read(text) == get_data(text)
    edited = text.replace("标题: 一", "标题: 二")
    assert read(edited) == get_data(edited) and read(edited)[1]["标题"] == "二"
    memo.begin()  # a build that reads only the edited text: the other entry is dropped after it
    read(edited)
    memo.begin()
    assert len(memo.entries) == 1
    read(text)
    assert memo.hits == 0  # the first text was dropped: parsed again


def test_collector_is_paused_only_between_pause_and_resume_and_collects_after():
    import gc
    import time

    assert gc.isenabled()
    pause = CollectorPause()
    pause.DELAY = 0.05
    pause.resume()  # never paused: nothing changes
    assert gc.isenabled()
    pause.pause()
    assert not gc.isenabled()
    collections = gc.get_stats()[2]["collections"]
    pause.resume()
    assert not gc.isenabled()  # not inside the rebuild's last steps: DELAY later, with the full collection
    deadline = time.monotonic() + 5
    while gc.get_stats()[2]["collections"] == collections:  # the full collection after the build
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert gc.isenabled()
    # a save during the delay: the collector stays paused through the next rebuild, then collects once after it
    pause.DELAY = 0.3
    pause.pause()
    pause.resume()
    pause.pause()
    time.sleep(0.4)
    assert not gc.isenabled()
    collections = gc.get_stats()[2]["collections"]
    pause.DELAY = 0.05
    pause.resume()
    deadline = time.monotonic() + 5
    while not gc.isenabled() or gc.get_stats()[2]["collections"] == collections:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    gc.disable()  # a collector someone else paused is left to them
    pause.pause()
    pause.resume()
    assert not gc.isenabled()
    gc.enable()


def test_theme_files_are_picked_as_mkdocs_picks_them_after_every_change(tmp_path):
    """The pick of the theme's static files is reused between rebuilds: it must equal MkDocs' own pick after a
    file is added to overrides/ and after docs/ overrides a theme file."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, get_files
    from mkdocs_adapter.serve import theme_files

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n",
                                         encoding="utf-8")
    memo = Memo()
    cached = theme_files(Files.add_files_from_theme, memo)

    def both() -> tuple[list, list]:
        memo.begin()
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        env = config.theme.get_env()
        mine, theirs = get_files(config), get_files(config)
        cached(mine, env, config)
        Files.add_files_from_theme(theirs, env, config)
        return ([(f.src_uri, f.abs_src_path) for f in mine], [(f.src_uri, f.abs_src_path) for f in theirs])

    mine, theirs = both()
    assert mine == theirs and any(uri.startswith("assets/javascripts/") for uri, _ in mine)
    (tmp_path / "overrides/assets").mkdir()
    (tmp_path / "overrides/assets/extra.js").write_text("//\n", encoding="utf-8")
    mine, theirs = both()
    assert mine == theirs and ("assets/extra.js", str(tmp_path / "overrides/assets/extra.js")) in mine
    bundle = next(uri for uri, _ in mine if uri.startswith("assets/javascripts/bundle."))
    (tmp_path / "docs" / bundle).parent.mkdir(parents=True)
    (tmp_path / "docs" / bundle).write_text("//\n", encoding="utf-8")
    mine, theirs = both()
    assert mine == theirs and (bundle, str(tmp_path / "docs" / bundle)) in mine
    assert memo.hits > 0


def test_a_save_starts_the_rebuild_at_once_and_a_read_does_not(tmp_path):
    """SaveWatcher: writes, new and deleted files under the docs folder, `watch:` folders and mkdocs.yml wake
    MkDocs' rebuild loop as its own watcher would; reading a file (what every build does) does not, another file
    beside mkdocs.yml does not, and MkDocs no longer polls what is watched."""
    import threading
    import time

    from mkdocs_adapter.serve import SaveWatcher

    (tmp_path / "content").mkdir()
    (tmp_path / "data").mkdir()
    page, data, config_file = tmp_path / "content/a.md", tmp_path / "data/b.yml", tmp_path / "mkdocs.yml"
    for path in (page, data, config_file, tmp_path / "README.md"):
        path.write_text("原文\n", encoding="utf-8")
    unwatched = []
    server = SimpleNamespace(_rebuild_cond=threading.Condition(), _want_rebuild=False,
                             _watched_paths={str(tmp_path / "content"): 1, str(config_file): 1},
                             unwatch=lambda path: (unwatched.append(path), server._watched_paths.pop(path)))
    config = SimpleNamespace(config_file_path=str(config_file), docs_dir=str(tmp_path / "content"),
                             watch=[str(tmp_path / "data"), str(tmp_path / "not-yet")])
    watcher = SaveWatcher()
    assert watcher.install(server, config)
    try:
        assert sorted(unwatched) == sorted([str(tmp_path / "content"), str(config_file)])
        assert config.watch == [str(tmp_path / "not-yet")]  # not there yet: MkDocs polls for it
        # ... while MkDocs still lists them as watched: it puts its reload script into pages only then
        assert set(server._watched_paths) >= {str(tmp_path / "content"), str(tmp_path / "data"), str(config_file)}

        def wakes(action) -> bool:
            server._want_rebuild = False
            action()
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline and not server._want_rebuild:
                time.sleep(0.02)
            return server._want_rebuild

        assert not wakes(lambda: (page.read_text(encoding="utf-8"), data.read_text(encoding="utf-8")))
        assert not wakes(lambda: (tmp_path / "README.md").write_text("说明\n", encoding="utf-8"))
        assert wakes(lambda: page.write_text("改文\n", encoding="utf-8"))
        assert wakes(lambda: data.write_text("改文\n", encoding="utf-8"))
        assert wakes(lambda: config_file.write_text("site_name: 新\n", encoding="utf-8"))
        assert wakes(lambda: (tmp_path / "content/new.md").write_text("新\n", encoding="utf-8"))
        assert wakes(lambda: (tmp_path / "content/new.md").unlink())
        assert wakes(lambda: (tmp_path / "content/sub").mkdir())
    finally:
        watcher.observer.stop()


def test_mkdocs_keeps_polling_when_the_system_cannot_watch(tmp_path, monkeypatch):
    import threading

    import watchdog.observers
    from mkdocs_adapter.serve import SaveWatcher

    def refuse(*args, **kwargs):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watchdog.observers.Observer, "schedule", refuse)
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    unwatched = []
    server = SimpleNamespace(_rebuild_cond=threading.Condition(), _want_rebuild=False,
                             _watched_paths={str(tmp_path / "content"): 1}, unwatch=unwatched.append)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "content"),
                             watch=[str(tmp_path / "data")])
    assert not SaveWatcher().install(server, config)
    assert unwatched == [] and config.watch == [str(tmp_path / "data")]


_SIGNALLED_SERVER = """
import os, signal, sys, time
from mkdocs_adapter.serve import stop_like_ctrl_c
stop_like_ctrl_c()
child = os.fork()
if child == 0:  # a child forked from the server (the search index): stopped by the signal itself
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    os._exit(0)
_, status = os.waitpid(child, 0)
print("child", os.WIFSIGNALED(status) and os.WTERMSIG(status))
try:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    print("not interrupted")
except KeyboardInterrupt:
    # MkDocs shuts down here, while make's copy of the same SIGTERM and a SIGHUP arrive
    os.kill(os.getpid(), signal.SIGTERM)
    os.kill(os.getpid(), signal.SIGHUP)
    time.sleep(0.2)
    print("shut down")
"""


def test_a_stop_signalled_twice_interrupts_the_server_once(tmp_path):
    """make passes the SIGTERM of a group stop on to the server, which gets it a second time: a second
    KeyboardInterrupt during MkDocs' shutdown left the process waiting for its request thread for ever."""
    hooks = Path(__file__).resolve().parents[2] / "hooks"
    result = subprocess.run([sys.executable, "-c", _SIGNALLED_SERVER], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, PYTHONPATH=str(hooks)))
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split("\n")[:2] == [f"child {int(signal.SIGTERM)}", "shut down"], result.stdout


def test_a_page_whose_inputs_are_unchanged_is_neither_read_nor_written_and_keeps_its_meta(tmp_path):
    skipper = PageSkipper()
    skipper.enabled = True
    config = make_config(tmp_path)
    a, b, c = (make_page(tmp_path, n, f"<p>{n}</p>") for n in "abc")
    a.meta["govsite_lastmod"] = "2026-11-20"  # what sitemap.xml reads from every page
    inputs = {"a": b"a1", "b": b"b1", "c": None}  # c: the adapter cannot tell (always read)
    log: dict = {}
    assert build(skipper, config, [a, b, c], inputs=inputs, log=log) == (["a", "b", "c"], [])
    assert log["read"] == ["a", "b", "c"]  # the first build reads everything
    assert build(skipper, config, [a, b, c], inputs=inputs, log=log) == ([], [])
    assert log["read"] == ["c"] and log["populated"] == []
    # the unread page's meta is the one it was read with, without what writing it added
    assert log["meta"]["a"] == {"title": "标题", "govsite_lastmod": "2026-11-20"}
    b2 = make_page(tmp_path, "b", "<p>b 修改后</p>")
    assert build(skipper, config, [a, b2, c], inputs=dict(inputs, b=b"b2"), log=log) == (["b"], [])
    assert log["read"] == ["b", "c"]
    # same inputs but its output is gone: read and written again
    (tmp_path / "a" / "index.html").unlink()
    assert build(skipper, config, [a, b2, c], inputs=dict(inputs, b=b"b2"), log=log) == (["a"], [])
    assert "a" in log["read"]
    # a removed page is reported gone, the others stay unread
    assert build(skipper, config, [a, c], inputs=inputs, log=log) == ([], [b.file.abs_dest_path])
    assert log["read"] == ["c"]


def two_pages(tmp_path):
    """A page skipper at work under make serve, the site's settings, two pages and their inputs."""
    skipper = PageSkipper()
    skipper.enabled = True
    return skipper, make_config(tmp_path), (make_page(tmp_path, "a", "<p>a</p>"), make_page(tmp_path, "b", "<p>b</p>")), \
        {"a": b"a1", "b": b"b1"}


def test_what_every_page_shows_changed_reads_every_page(tmp_path):
    skipper, config, (a, b), inputs = two_pages(tmp_path)
    log: dict = {}
    build(skipper, config, [a, b], inputs=inputs, log=log)
    build(skipper, config, [a, b], inputs=inputs, log=log)
    assert log["read"] == []
    # a setting (config.extra) is known before pages are read: everything is read and written
    changed = make_config(tmp_path, {"org": {"名称": "某区局"}})
    assert build(skipper, changed, [a, b], inputs=inputs, log=log)[0] == ["a", "b"] and log["read"] == ["a", "b"]
    # a nav page's title comes from its inputs: when they change, every page is read (all show the nav)
    nav_page = make_page(tmp_path, "n", "<p>n</p>")
    nav = SimpleNamespace(items=[SimpleNamespace(title=None, url="n/", children=None)], pages=[nav_page])
    build(skipper, changed, [a, b, nav_page], nav=nav, inputs=dict(inputs, n=b"n1"), log=log)
    build(skipper, changed, [a, b, nav_page], nav=nav, inputs=dict(inputs, n=b"n1"), log=log)
    assert log["read"] == ["n"]  # a nav page is always read
    build(skipper, changed, [a, b, nav_page], nav=nav, inputs=dict(inputs, n=b"n2"), log=log)
    assert log["read"] == ["a", "b", "n"]
    # what the frame shows changed only once the pages were read (never expected): the unread ones are read then
    build(skipper, changed, [a, b, nav_page], nav=nav, inputs=dict(inputs, n=b"n2"), log=log)
    assert log["read"] == ["n"]
    def new_title():  # as if reading the nav page had given it a new title its inputs did not tell
        nav.items[0].title = "新栏目"

    written, _gone = build(skipper, changed, [a, b, nav_page], nav=nav, inputs=dict(inputs, n=b"n2"), log=log,
                           after_reading=new_title)
    assert sorted(log["populated"]) == ["a", "b"] and written == ["a", "b", "n"]


def test_a_failed_rebuild_leaves_nothing_unread_on_the_next(tmp_path):
    skipper, config, (a, b), inputs = two_pages(tmp_path)
    build(skipper, config, [a, b], inputs=inputs)
    # a rebuild that stops after its pages were read (an error in a template): nothing it saw is kept
    skipper.start()
    skipper.inputs_of = lambda file, shown_alone=False: {"a": b"a2", "b": b"b1"}[file.name]
    skipper.check_frame(config, SimpleNamespace(items=[], pages=[]))
    a2 = make_page(tmp_path, "a", "<p>a 修改后</p>")
    log: dict = {}
    assert build(skipper, config, [a2, b], inputs={"a": b"a2", "b": b"b1"}, log=log)[0] == ["a"]
    assert log["read"] == ["a"]


def test_parts_told_the_same_are_written_out_the_same():
    """make serve reuses a page's digest when every part of its inputs is the same data (serve.same_parts): that
    must mean what repr() writes of them, which the digest is made of, is the same — 1, 1.0 and True are equal
    but are printed apart, and a list is not a tuple."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from mkdocs_adapter.serve import copy_meta, same_parts

    from govsite.model import TocEntry

    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from([0.0, -0.0, 1.0, float("nan")]),
                        st.sampled_from(["", "a", "标题"]), st.builds(TocEntry, st.integers(1, 3), st.just("x"),
                                                                      st.sampled_from(["a", "b"])))
    values = st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.sampled_from(["a", "b", "hide"]), inner, max_size=3)), max_leaves=8)

    def twin(value, rng):
        """`value` with some parts replaced by equal ones of another type (True for 1, -0.0 for 0.0, a tuple for a
        list) or by copies."""
        if type(value) in (bool, int, float) and value in (0, 1) and rng.random() < 0.5:
            return rng.choice([int(value), float(value), bool(value), -float(value)])
        if isinstance(value, list):
            items = [twin(v, rng) for v in value]
            return tuple(items) if rng.random() < 0.2 else items
        if isinstance(value, tuple) and not isinstance(value, TocEntry):
            items = tuple(twin(v, rng) for v in value)
            return list(items) if rng.random() < 0.2 else items
        if isinstance(value, dict):
            return {k: twin(v, rng) for k, v in value.items()}
        return value

    @settings(max_examples=400, deadline=None)
    @given(values, values, st.randoms())
    def check(a, other, rng):
        for b in (other, twin(a, rng)):
            if same_parts(a, b):
                assert repr(a) == repr(b)
        if isinstance(a, (dict, list, str, int)) and "nan" not in repr(a):
            assert same_parts(a, copy_meta(a))

    check()


def test_sitemap_and_404_page_are_written_only_when_mkdocs_would_write_other_bytes(tmp_path, monkeypatch):
    """serve.theme_templates: sitemap.xml, its gzip file and 404.html hold, after every rebuild, the bytes MkDocs'
    own build writes, and are left as they are (their status unchanged) when those bytes are what they hold; a
    file another hand wrote, a new page and a new build date are written again."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs_adapter.serve import theme_templates

    monkeypatch.setattr(Memo, "SETTLED_NS", 0)  # the test's writes settle at once
    # a dirty build that reads every page (MkDocs' own --dirty leaves pages unread, and the 404 page's nav then
    # shows no titles; under make serve the skipper reads the nav's pages on every save)
    monkeypatch.setattr(File, "is_modified", lambda self: True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "a.md").write_text("# 甲\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://x.example.gov.cn/\n"
                                         "theme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8")
    # as the site's own sitemap: no build date in the XML, so only the gzip header's timestamp tells a new one
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/sitemap.xml").write_text(
        "<urlset>{% for file in pages %}<url><loc>{{ file.page.canonical_url }}</loc></url>{% endfor %}</urlset>\n",
        encoding="utf-8")
    original = mkdocs_build._build_theme_template
    written: dict = {}
    kept = theme_templates(original, written)
    names = ("sitemap.xml", "sitemap.xml.gz", "404.html")

    def both():
        monkeypatch.setattr(mkdocs_build, "_build_theme_template", kept)
        mkdocs_build.build(load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "served")),
                           dirty=True)
        monkeypatch.setattr(mkdocs_build, "_build_theme_template", original)
        mkdocs_build.build(load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "fresh")))
        for name in names:
            assert (tmp_path / "served" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
        return {name: os.stat(tmp_path / "served" / name).st_ctime_ns for name in names}

    first = both()
    assert both() == first  # nothing changed: nothing written
    (tmp_path / "served/sitemap.xml.gz").write_bytes(b"not the sitemap")  # another hand
    again = both()
    assert again["sitemap.xml.gz"] != first["sitemap.xml.gz"] and again["sitemap.xml"] == first["sitemap.xml"]
    (docs / "b.md").write_text("# 乙\n", encoding="utf-8")  # a new page: in the sitemap
    grown = both()
    assert grown["sitemap.xml"] != again["sitemap.xml"] and grown["sitemap.xml.gz"] != again["sitemap.xml.gz"]
    assert b"/b/" in (tmp_path / "served/sitemap.xml").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764086400")  # another build date: the gzip header's timestamp
    later = both()
    assert later["sitemap.xml.gz"] != grown["sitemap.xml.gz"] and later["sitemap.xml"] == grown["sitemap.xml"]
