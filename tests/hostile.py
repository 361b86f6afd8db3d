"""Hostile input for the security tests: a payload appended to every free-text field of a site copy."""
from __future__ import annotations

import html.parser
import json
import re

import yaml

PAYLOAD = "<script>alert('gov-xss')</script><img src=x onerror=\"alert('gov-xss')\">\"'><a href=\"javascript:alert('gov-xss')\">x</a>"
# Free-text fields: appending text cannot make them invalid (no pattern, enum or format on them).
FREE_TEXT = {"标题", "描述", "内容概述", "说明", "摘要", "问题", "答案", "正文", "简介", "首页简介", "备注", "主题词",
             "案例名称", "题库", "题干", "解析"}
# Fields that other data refer to by value (a law's title must match its text, a quiz answer one of its options):
# left alone there.
NOT_FREE_IN = {"data/laws/": {"标题"}, "data/quiz/": {"答案"}}


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



EDITOR_BODY = ("\n\n<script>alert('gov-xss')</script>\n\n"
               "[点这里](javascript:alert('gov-xss'))\n\n<img src=\"x\" onerror=\"alert('gov-xss')\">\n\n"
               "**仍然加粗** <span style=\"color:red\" onclick=\"alert('gov-xss')\">文字</span>\n")


def poison_site(root) -> None:
    """Put the payload into every data file, every front matter and one Markdown body."""
    for path in sorted((root / "data").rglob("*.yml")):
        if path.name not in ("holidays.yml",):
            poison_yaml_file(path, path.relative_to(root).as_posix())
    for path in sorted((root / "content").rglob("*.md")):
        poison_front_matter(path)
    page = root / "content/about/functions.md"
    page.write_text(page.read_text(encoding="utf-8") + EDITOR_BODY, encoding="utf-8")
