"""Hostile text in data and front matter is escaped in every output; editors' Markdown loses scripts.

The payloads are appended to every free-text field the JSON Schemas define (tests/hostile.py finds them in the
schemas), in every YAML file and front matter of a site copy, and written into a Markdown page body. Then every
output kind is checked: HTML pages, feeds, JSON.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from hostile import PAYLOAD, live_markup, poison_site
from sitekit import copy_site, run_build


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("hostile") / "repo")
    poisoned = poison_site(root)
    result = run_build(root, root / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return root, result, poisoned


def test_every_free_text_field_of_every_schema_in_use_got_the_payload(hostile_site):
    """The fields come from the schemas: a schema's string fields, less the few that other data refers to by
    value (hostile.REFERENCES), are all poisoned wherever the demo data fills them."""
    import json

    from hostile import REFERENCES, free_text_fields, schema_key
    from sitekit import REPO

    _root, _result, poisoned = hostile_site
    schemas = {schema_key(p): p for p in (REPO / "hooks").rglob("*.schema.json")}
    for name, fields in poisoned.items():
        defined = set(free_text_fields(json.loads(schemas[name].read_text(encoding="utf-8"))))
        assert fields <= defined and not fields & set(REFERENCES.get(name, {})), name
    # fields no fixed list named before, among them what a `|safe` in a template would print unescaped
    assert ("名称",) in poisoned["services/benefit.schema.json"] and ("概要",) in poisoned["services/benefit.schema.json"]
    assert ("办理流程", "#", "步骤") in poisoned["services/guide.schema.json"]  # short: TINY, in the flowchart SVG
    assert ("服务对象", "#", "名称") in poisoned["services/audiences.schema.json"]
    assert ("网站名称",) in poisoned["govsite/site.schema.json"]
    assert sum(len(f) for f in poisoned.values()) >= 110


def test_strict_build_refuses_editor_scripts_with_file_and_line(hostile_site, tmp_path):
    root, _, _ = hostile_site
    result = run_build(root, tmp_path / "strict-site", strict=True)
    assert result.returncode != 0
    lines = (root / "content/about/functions.md").read_text(encoding="utf-8").splitlines()
    script_line = next(i for i, line in enumerate(lines, 1) if line.startswith("<script>"))
    assert f"content/about/functions.md:{script_line} 正文: 含有 <script> 脚本，发布时已删除" in result.stderr
    assert "javascript: 等不安全链接" in result.stderr and "事件属性" in result.stderr


def test_payload_reached_the_pages(hostile_site):
    root, _, _ = hostile_site
    pages = [p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html")]
    assert sum("alert(&#39;gov-xss&#39;)" in p or "alert('gov-xss')" in p for p in pages) >= 10


def test_no_live_markup_in_any_page(hostile_site):
    root, _, _ = hostile_site
    for path in sorted((root / "site").rglob("*.html")):
        findings = live_markup(path.read_text(encoding="utf-8"))
        assert findings == [], f"{path.relative_to(root)}: {findings}"


def test_editor_markdown_keeps_its_formatting(hostile_site):
    root, _, _ = hostile_site
    text = (root / "site/about/functions/index.html").read_text(encoding="utf-8")
    assert "<strong>仍然加粗</strong>" in text
    assert "style=\"color:red\"" not in text


# Elements whose text is HTML in RSS 2.0 / Atom; titles and the rest are plain text for readers.
HTML_ELEMENTS = {"description", "encoded", "content", "summary"}


def test_feeds_are_well_formed_and_their_html_is_inert(hostile_site):
    root, _, _ = hostile_site
    feeds = sorted((root / "site").rglob("*.xml")) + sorted((root / "site").rglob("*.atom"))
    feeds = [f for f in feeds if f.name not in ("sitemap.xml",)]
    assert feeds
    seen_payload = False
    for path in feeds:
        tree = ET.parse(path)  # raises on a payload that broke the XML
        for element in tree.iter():
            text = element.text or ""
            seen_payload |= "gov-xss" in text
            if element.tag.rsplit("}", 1)[-1] in HTML_ELEMENTS:
                assert live_markup(text) == [], f"{path.name}: {element.tag}: {live_markup(text)}"
    assert seen_payload, "the payload should reach the feeds (as text)"


def test_json_outputs_keep_hostile_text_as_data(hostile_site):
    """JSON carries the editors' text unchanged, as data: parse it and find the payload verbatim.

    Whether a client inserts it safely is checked in the browser (tests/browser/test_hostile_clients.py)."""
    root, _, _ = hostile_site
    texts = []

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            texts.append(value)

    for path in sorted((root / "site").rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert any(PAYLOAD in text for text in texts)
