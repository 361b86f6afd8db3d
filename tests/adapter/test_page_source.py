"""MkDocs gets an editor's page as the engine read it (on_page_read_source): the very text MkDocs would read from
the file itself, or nothing when the two could differ."""
from __future__ import annotations

from types import SimpleNamespace

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs_adapter import events

from govsite.build import load_site
from sitekit import TODAY, copy_site


def test_every_page_is_handed_to_mkdocs_as_mkdocs_would_read_it(tmp_path, monkeypatch):
    root = copy_site(tmp_path / "repo")
    crlf = root / "content/pufa/news/2026-07-28-pufa-jin-junying.md"
    crlf.write_bytes(crlf.read_bytes().replace(b"\n", b"\r\n"))  # MkDocs reads in text mode: \r\n becomes \n
    monkeypatch.setenv("GOVSITE_TODAY", TODAY)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    site = load_site(root)
    monkeypatch.setitem(events._state, "site", site)
    monkeypatch.setitem(events._state, "docs_are_content", True)
    handed = 0
    pages = get_files(config).documentation_pages()
    for file in pages:
        text = events.on_page_read_source(SimpleNamespace(file=file), config)
        if file.src_uri == "pufa/news/2026-07-28-pufa-jin-junying.md":
            assert text is None  # left to MkDocs, which turns \r\n into \n
        elif text is not None:
            assert text == file.content_string, file.src_uri
            handed += 1
    assert handed == len(pages) - 1 > 5  # every other page of content/ comes from the load
    generated = SimpleNamespace(file=SimpleNamespace(abs_src_path=None, src_uri="xxgk/ml/index.md"))
    assert events.on_page_read_source(generated, config) is None
