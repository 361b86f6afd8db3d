"""The browser editor is never on the public site: the built site/ holds no editor page, no configuration of it,
none of its scripts, and no page links to it. (The intranet preview does carry it: tests/unit/test_editor_backend.py.)"""
from __future__ import annotations

import gzip

from govsite.editor.app import PREFIX

MARKS = (b"decap-cms", b"CMS_MANUAL_INIT", b"govsite-editor", b"proxy_url", b"govsite_check", PREFIX.encode())


def test_the_public_site_has_no_editor(built_site):
    assert not (built_site / PREFIX.strip("/")).exists()
    assert not list(built_site.rglob("config.yml")) and not list(built_site.rglob("*.wasm"))
    found = []
    for path in sorted(built_site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        found += [(path.relative_to(built_site).as_posix(), mark) for mark in MARKS if mark in data]
    assert found == []
