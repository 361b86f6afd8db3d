"""Hostile text in data and front matter is escaped in every output; editors' Markdown loses scripts.

The payloads are appended to every free-text field of every YAML file and front matter in a site copy,
and written into a Markdown page body. Then every output kind is checked: HTML pages, feeds, JSON.
"""
from __future__ import annotations

import html.parser
import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

from sitekit import run_build

PAYLOAD = "<script>alert('gov-xss')</script><img src=x onerror=\"alert('gov-xss')\">\"'><a href=\"javascript:alert('gov-xss')\">x</a>"
# Free-text fields: appending text cannot make them invalid (no pattern, enum or format on them).
FREE_TEXT = {"标题", "描述", "内容概述", "说明", "摘要", "问题", "答案", "正文", "简介", "首页简介", "备注", "主题词"}
# Fields that other data refer to by value (a law's title must match its text): left alone there.
NOT_FREE_IN = {"data/laws/": {"标题"}}


class LiveMarkup(html.parser.HTMLParser):
    """Collects what would execute in a browser: script text, on* attributes, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") and value and "gov-xss" in value:
                self.findings.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src") and value and value.strip().lower().startswith("javascript:"):
                self.findings.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "gov-xss" in data:
            self.findings.append(f"<script>{data[:60]}")


def live_markup(text: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(text)
    return parser.findings


FIELD_LINE = re.compile(r"^(\s*(?:- )?)([^\s:#][^:#]*?):[ \t]+(\S.*)$")


def poison_text(text: str, excluded=frozenset()) -> str:
    """Append the payload to every one-line free-text field, re-quoted as a JSON (= YAML) string."""
    out = []
    for line in text.split("\n"):
        match = FIELD_LINE.match(line)
        if match and match.group(2) in FREE_TEXT - excluded and not match.group(3).startswith(("|", ">", "[", "{")):
            value = yaml.safe_load(match.group(3))
            if isinstance(value, str):
                line = f"{match.group(1)}{match.group(2)}: {json.dumps(value + PAYLOAD, ensure_ascii=False)}"
        out.append(line)
    return "\n".join(out)


def poison_yaml_file(path, rel: str):
    excluded = set().union(*(keys for prefix, keys in NOT_FREE_IN.items() if rel.startswith(prefix)))
    path.write_text(poison_text(path.read_text(encoding="utf-8"), frozenset(excluded)), encoding="utf-8")


def poison_front_matter(path):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return
    _, header, body = text.split("---\n", 2)
    path.write_text("---\n" + poison_text(header) + "---\n" + body, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from sitekit import copy_site

    root = copy_site(tmp_path_factory.mktemp("hostile") / "repo")
    for path in sorted((root / "data").rglob("*.yml")):
        if path.name not in ("holidays.yml",):
            poison_yaml_file(path, path.relative_to(root).as_posix())
    for path in sorted((root / "content").rglob("*.md")):
        poison_front_matter(path)
    page = root / "content/about/functions.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n<script>alert('gov-xss')</script>\n\n"
                    "[点这里](javascript:alert('gov-xss'))\n\n<img src=\"x\" onerror=\"alert('gov-xss')\">\n\n"
                    "**仍然加粗** <span style=\"color:red\" onclick=\"alert('gov-xss')\">文字</span>\n", encoding="utf-8")
    result = run_build(root, root / "site", strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return root, result


def test_strict_build_refuses_editor_scripts_with_file_and_line(hostile_site, tmp_path):
    root, _ = hostile_site
    result = run_build(root, tmp_path / "strict-site", strict=True)
    assert result.returncode != 0
    lines = (root / "content/about/functions.md").read_text(encoding="utf-8").splitlines()
    script_line = next(i for i, line in enumerate(lines, 1) if line.startswith("<script>"))
    assert f"content/about/functions.md:{script_line} 正文: 含有 <script> 脚本，发布时已删除" in result.stderr
    assert "javascript: 等不安全链接" in result.stderr and "事件属性" in result.stderr


def test_payload_reached_the_pages(hostile_site):
    root, _ = hostile_site
    pages = [p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html")]
    assert sum("alert(&#39;gov-xss&#39;)" in p or "alert('gov-xss')" in p for p in pages) >= 10


def test_no_live_markup_in_any_page(hostile_site):
    root, _ = hostile_site
    for path in sorted((root / "site").rglob("*.html")):
        findings = live_markup(path.read_text(encoding="utf-8"))
        assert findings == [], f"{path.relative_to(root)}: {findings}"


def test_editor_markdown_keeps_its_formatting(hostile_site):
    root, _ = hostile_site
    text = (root / "site/about/functions/index.html").read_text(encoding="utf-8")
    assert "<strong>仍然加粗</strong>" in text
    assert "style=\"color:red\"" not in text


# Elements whose text is HTML in RSS 2.0 / Atom; titles and the rest are plain text for readers.
HTML_ELEMENTS = {"description", "encoded", "content", "summary"}


def test_feeds_are_well_formed_and_their_html_is_inert(hostile_site):
    root, _ = hostile_site
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
    root, _ = hostile_site
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
