"""Compiled templates kept on disk from one build to the next (govsite.render): a template compiled by an earlier
process is read back and renders the same; an edited template, or one of an environment whose settings change what
it compiles to, is compiled anew; off, nothing is written."""
from __future__ import annotations

import pytest
from jinja2 import Environment, FileSystemLoader

from govsite import render


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("MUTANT_UNDER_TEST", raising=False)
    return tmp_path / "cache"


def environment(folder, cache_object, **settings):
    return Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=cache_object, **settings)


def compiles(env, name: str, monkeypatch) -> tuple[str, int]:
    """The template rendered, and how many times Jinja compiled a template's source to get it."""
    count = []
    original = env._compile
    monkeypatch.setattr(env, "_compile", lambda *a: count.append(1) or original(*a))
    return env.get_template(name).render(who="退役军人"), len(count)


def test_a_later_process_reads_the_compiled_template_and_an_edit_compiles_again(cache, tmp_path, monkeypatch):
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("{% if who %}\n  <p>{{ who }}</p>\n{% endif %}\n", encoding="utf-8")
    first = compiles(environment(tmp_path / "t", render._SharedBytecodeCache()), "page.html", monkeypatch)
    later = compiles(environment(tmp_path / "t", render._SharedBytecodeCache()), "page.html", monkeypatch)
    assert first == ("\n  <p>退役军人</p>\n", 1) and later == (first[0], 0)
    assert len(list(cache.glob("templates-*.jinja"))) == 1
    (tmp_path / "t/page.html").write_text("<b>{{ who }}</b>", encoding="utf-8")
    assert compiles(environment(tmp_path / "t", render._SharedBytecodeCache()), "page.html", monkeypatch) == (
        "<b>退役军人</b>", 1)


def test_environments_that_compile_differently_never_share_code(cache, tmp_path, monkeypatch):
    """The engine's environment trims blocks and escapes, the theme's does not: the same file compiled by one is
    never run by the other."""
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("{% if who %}\n  <p>{{ who }}</p>\n{% endif %}\n", encoding="utf-8")
    shared = render._SharedBytecodeCache()
    plain = compiles(environment(tmp_path / "t", shared), "page.html", monkeypatch)
    trimmed = compiles(environment(tmp_path / "t", render._SharedBytecodeCache(), trim_blocks=True,
                                   lstrip_blocks=True), "page.html", monkeypatch)
    escaped = compiles(environment(tmp_path / "t", shared, autoescape=True), "page.html", monkeypatch)
    assert plain == ("\n  <p>退役军人</p>\n", 1) and trimmed == ("  <p>退役军人</p>\n", 1)
    assert escaped[1] == 1
    assert len(list(cache.glob("templates-*.jinja"))) == 3


def test_off_nothing_is_written_and_each_process_compiles(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSITE_CACHE", "off")
    (tmp_path / "t").mkdir()
    (tmp_path / "t/page.html").write_text("{{ who }}", encoding="utf-8")
    for _ in range(2):
        assert compiles(environment(tmp_path / "t", render._SharedBytecodeCache()), "page.html", monkeypatch)[1] == 1
    assert not cache.exists()
