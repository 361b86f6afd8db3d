"""Hostile input for the security tests: a payload appended to every free-text field the JSON Schemas define.

The fields are found from the schemas themselves (every `string` without pattern, enum, format or const, through
properties, items, additionalProperties, $ref and oneOf/anyOf), and each YAML file and front matter is matched to
its schema (its `# yaml-language-server: $schema=` line, or the content type owning its folder). A field added to
a schema is poisoned from then on with no change here. Left alone, with the reason, are only the fields whose
value other data refers to by value (REFERENCES): changing them would not test escaping but break the build.
"""
from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import yaml

# The image points at a file the site publishes: links are checked at review, and a broken one would stop the
# build before the escaping this payload tests is reached.
PAYLOAD = "<script>alert('gov-xss')</script><img src=/favicon.ico onerror=\"alert('gov-xss')\">\"'><a href=\"javascript:alert('gov-xss')\">x</a>"
# For fields with a maxLength: the shortest markup that would be a live element if it were printed unescaped.
TINY = "<b gov-xss>"

# Fields that other files or code match by value; appending anything would only make them unknown references.
REFERENCES = {
    "govsite/site.schema.json": {("公开号码", "#", "号码"): "guides and notices name these numbers",
                         ("公开姓名", "#", "姓名"): "names matched in tables", ("索引号格式",): "a pattern, not text"},
    "laws/law.schema.json": {("标题",): "must equal the first line of the law's text", ("简称",): "citations [[简称#条]]",
                        ("替代",): "names another law", ("废止依据",): "a citation that must resolve"},
    "notices/categories.schema.json": {("类别", "#", "名称"): "notices name their category",
                               ("类别", "#", "目录类别"): "a category of the catalogue"},
    "notices/notice.schema.json": {("类别",): "a category's 名称", ("适用对象", "#"): "audience tags"},
    "placements/placement.schema.json": {("选岗结果", "#", "编号"): "must be in the ranking"},
    "policies/policy.schema.json": {("发文字号",): "checked against GB/T 9704", ("适用对象", "#"): "audience tags",
                           ("主题分类",): "a catalogue 主题"},
    "pufa/duties.schema.json": {("清单", "#", "法律法规", "#"): "law names"},
    "qa/qa.schema.json": {("适用对象", "#"): "audience tags", ("问答", "#", "适用对象", "#"): "audience tags"},
    "services/audiences.schema.json": {("服务对象", "#", "画像", "*", "#"): "answers to questions",
                              ("服务对象", "#", "订阅标签", "#"): "audience tags",
                              ("问题", "#", "名称"): "conditions name the question",
                              ("问题", "#", "显示条件", "#", "*", "#"): "answers to questions",
                              ("问题", "#", "选项", "#"): "answers to questions",
                              ("问题", "#", "选项", "#", "值"): "answers to questions"},
    "services/benefit.schema.json": {("条件", "#", "*", "#"): "answers to questions"},
    "quiz/quiz.schema.json": {("题目", "#", "答案"): "one of the question's options",
                              ("题目", "#", "选项", "#"): "answers name an option by its text",
                              ("题目", "#", "答案", "#"): "options of the question",
                              ("适用对象", "#"): "audience tags", ("题目", "#", "适用对象", "#"): "audience tags"},
    "cases/case.schema.json": {("适用对象", "#"): "audience tags",
                               ("当事人", "#", "称谓"): "checked to be a masked name (罗某, 张某某)"},
    "pufa/calendar.schema.json": {("日期", "#", "法律法规", "#"): "law names"},
}


class LiveMarkup(html.parser.HTMLParser):
    """Collects what would execute or render as markup in a browser: script text, on* attributes, javascript:
    URLs, and the TINY payload's element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name == "gov-xss":
                self.findings.append(f"<{tag} gov-xss>")
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


# ---- the free-text fields of a schema ---------------------------------------------------------------------

def _resolve(node, root):
    while isinstance(node, dict) and "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def free_text_fields(schema: dict, node=None, path=()) -> dict[tuple, int | None]:
    """Path pattern ("#": any list item, "*": any key) -> maxLength, for every free-text string of the schema."""
    node = _resolve(schema if node is None else node, schema)
    found: dict[tuple, int | None] = {}
    if not isinstance(node, dict):
        return found
    types = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
    if "string" in types and not any(k in node for k in ("pattern", "enum", "format", "const")):
        found[path] = node.get("maxLength")
    for key, sub in node.get("properties", {}).items():
        found.update(free_text_fields(schema, sub, path + (key,)))
    for sub in [node.get("additionalProperties"), *node.get("patternProperties", {}).values()]:
        if isinstance(sub, dict):
            found.update(free_text_fields(schema, sub, path + ("*",)))
    if isinstance(node.get("items"), dict):
        found.update(free_text_fields(schema, node["items"], path + ("#",)))
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in node.get(key, []):
            found.update(free_text_fields(schema, sub, path))
    return found


def _matches(pattern: tuple, path: tuple) -> bool:
    return len(pattern) == len(path) and all(
        p == "*" and isinstance(k, str) or p == "#" and isinstance(k, int) or p == k for p, k in zip(pattern, path))


def poison_data(data, fields: dict[tuple, int | None], excluded: dict, path=(), seen: set | None = None):
    """The data with the payload appended to every value at a free-text field (TINY where a maxLength allows
    no more, the value shortened to fit)."""
    if isinstance(data, dict):
        return {k: poison_data(v, fields, excluded, path + (k,), seen) for k, v in data.items()}
    if isinstance(data, list):
        return [poison_data(v, fields, excluded, path + (i,), seen) for i, v in enumerate(data)]
    if not isinstance(data, str) or any(_matches(p, path) for p in excluded) or path[-1:] == ("索引号",):
        return data  # (every 索引号 is checked against the site's pattern)
    pattern = next((p for p in fields if _matches(p, path)), None)
    if pattern is None:
        return data
    if seen is not None:
        seen.add(pattern)
    limit = fields[pattern]
    if limit is None or len(data) + len(PAYLOAD) <= limit:
        return data + PAYLOAD
    return data[: max(0, limit - len(TINY))] + TINY


class _Dumper(yaml.SafeDumper):
    pass


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 16)


# ---- files and their schemas --------------------------------------------------------------------------------

_SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


def _schema_of_yaml(path: Path, text: str) -> Path | None:
    match = _SCHEMA_LINE.search(text.split("\n", 1)[0])
    return (path.parent / match.group(1)).resolve() if match else None


def _schema_of_page(root: Path, path: Path) -> Path:
    from govsite import build

    owner = build._owner_of(path.relative_to(root / "content").as_posix(), build.discover_types())
    return owner.front_matter_schema if owner and owner.front_matter_schema else build.PAGE_SCHEMA


def _load(text: str):
    from govsite.yamlfile import parse_yaml

    return parse_yaml(text, "x").data  # the site's own loader: dates stay text, as the schemas expect


_REPORT: dict[str, set] = {}  # schema key -> field patterns that received the payload (poison_site)


def schema_key(schema_path: Path) -> str:
    """folder/name of a schema (two are called guide.schema.json)."""
    return f"{Path(schema_path).parent.name}/{Path(schema_path).name}"


def poison_yaml_file(path: Path, schema_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    seen = _REPORT.setdefault(schema_key(schema_path), set())
    data = poison_data(_load(text), free_text_fields(schema), REFERENCES.get(schema_key(schema_path), {}), seen=seen)
    path.write_text(text.split("\n", 1)[0] + "\n" + _dump(data), encoding="utf-8")


def poison_front_matter(root: Path, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return
    _, header, body = text.split("---\n", 2)
    schema_path = _schema_of_page(root, path)
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    seen = _REPORT.setdefault(schema_key(schema_path), set())
    data = poison_data(_load(header) or {}, free_text_fields(schema), REFERENCES.get(schema_key(schema_path), {}),
                       seen=seen)
    path.write_text("---\n" + _dump(data) + "---\n" + body, encoding="utf-8")


EDITOR_BODY = ("\n\n<script>alert('gov-xss')</script>\n\n"
               "[点这里](javascript:alert('gov-xss'))\n\n<img src=\"/favicon.ico\" onerror=\"alert('gov-xss')\">\n\n"
               "**仍然加粗** <span style=\"color:red\" onclick=\"alert('gov-xss')\">文字</span>\n")


def poison_site(root: Path) -> dict[str, set]:
    """Put the payload into every free-text field of every data file and front matter, and raw HTML into one
    Markdown body. Returns, per schema (schema_key), the field patterns that received it."""
    _REPORT.clear()
    for path in sorted((root / "data").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        schema_path = _schema_of_yaml(path, text)
        if schema_path is not None:
            poison_yaml_file(path, schema_path)
    for path in sorted((root / "content").rglob("*.md")):
        poison_front_matter(root, path)
    page = root / "content/about/functions.md"
    page.write_text(page.read_text(encoding="utf-8") + EDITOR_BODY, encoding="utf-8")
    return {name: set(fields) for name, fields in _REPORT.items()}
