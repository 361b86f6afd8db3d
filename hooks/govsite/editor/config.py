"""The editor's configuration, made from the JSON Schemas: no field is listed a second time.

Every schema of a kind of file editors write says where those files live, in its `x-编辑器` annotation:

    "x-编辑器": {"文件": "data/policies/{编号}.yml", "编号": {<the file name's own schema>}}
    "x-编辑器": {"文件": "content/notices/{发布时间:年}/{标识}.md", "标识": {…}, "上传": "files"}
    "x-编辑器": {"文件": "data/site.yml"}                       one file: an entry of the 设置 collection
    "x-编辑器": {"不用表单": "<why the form cannot hold it>"}     left to YAML (EDITING.md)

`{字段}` is a field of the file (年度) or, when the annotation gives its schema, a part of the file name only
(编号, 标识: the editor types it once, when creating); `{字段:年}` is the year of a date field. `上传`: where a
Markdown body's images go, relative to the entry. A file field says where its uploads go with `x-上传到`:
{"文件夹": "content/xxgk/fujian", "值": "xxgk/fujian"} (the value written is 值/name; a 文件夹 not starting with
content/ or data/ is relative to the entry).

Each property becomes a Decap CMS field: its key is the label, its description (and `x-格式说明`) the hint;
required and optional as the schema says; enums as selects; `format: date` / `datetime` as date pickers writing
YYYY-MM-DD / YYYY-MM-DD HH:MM; integers and numbers with their bounds; patterns with their Chinese message;
`contentMediaType: text/markdown` as a Markdown editor (raw Markdown, so 条文引用 [[…]] stays as typed); lists
and nested objects as lists and objects. The four lifecycle fields (草稿, 定时发布, 撤回, 审核) and the exceptions to
the personal-data check (个人信息例外) come last in every form. What JSON Schema says that a form cannot (oneOf,
maps with free keys) is refused with the schema's path, so a
schema change that the forms cannot follow fails `make editor-config`.

`python -m govsite editor-config` writes editor/config.yml; `--check` exits 1 when the committed file differs
(tests/unit/test_editor_config.py does the same).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ENGINE = Path(__file__).resolve().parent.parent
ROOT = ENGINE.parent.parent
CONFIG_FILE = "editor/config.yml"
ANNOTATION = "x-编辑器"
UPLOAD = "x-上传到"
LIFECYCLE = ("草稿", "定时发布", "撤回", "审核")
# Fields an editor rarely fills, placed after the lifecycle: the reviewed exceptions to the personal-data check
# are written only when the check has reported a false alarm.
LAST = LIFECYCLE + ("个人信息例外",)
MARKDOWN = "text/markdown"
FILE_NAME_WIDGET = "govsite-filename"
# Schemas that describe no file an editor writes: the lifecycle fragment is copied into the others
# (tools/lifecycle_schema.py), the catalogue API describes an output.
NOT_EDITED = ("lifecycle.schema.json", "catalogue-api.schema.json")

BODY_HINT = (
    "正文用 Markdown 书写：空一行分段，`## ` 开头是小标题，`- ` 开头是列表，`[文字](网址)` 是链接。"
    "引用法律条文写成 `[[退役军人保障法#21]]`（显示为《退役军人保障法》第二十一条，链接到该条），"
    "`[[退役军人保障法#21|安置方式]]` 自定链接文字，`[[退役军人保障法]]` 链接到整部法律；名称和条号写错时，"
    "右侧预览的检查结果会指出。不要写姓名、身份证号、手机号。"
)
HEADER = (
    "# 网页编辑器（Decap CMS）的配置。由 make editor-config 从 hooks/govsite/ 下的 JSON Schema 生成，请勿手工修改：\n"
    "# 改动 schema 后运行 make editor-config。后端（本机预览或本局 Git 服务器）在运行时加上，见 docs/editor.md。\n"
)


class SchemaNotEditable(ValueError):
    """A schema construct a form cannot hold; the message names the schema and the property."""


@dataclass(frozen=True)
class Kind:
    schema: Path
    name: str  # the collection's name in the editor's URL (#/collections/<name>)
    label: str
    description: str
    annotation: dict

    @property
    def file(self) -> str:
        return self.annotation.get("文件", "")

    @property
    def single(self) -> bool:
        return "{" not in self.file

    @property
    def markdown(self) -> bool:
        return self.file.endswith(".md")


def _label(schema: dict, fallback: str) -> str:
    """“政策文件（data/policies/编号.yml）” → 政策文件; “公示公告的前置信息（…）” → 公示公告."""
    title = re.sub(r"（.*?）", "", schema.get("title", "")).strip()
    title = re.sub(r"的前置信息$", "", title)
    return title or fallback


def schema_files() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*.schema.json") if p.name not in NOT_EDITED)


def kinds() -> tuple[list[Kind], list[tuple[Path, str]]]:
    """The kinds of file the forms edit, and those left to YAML with the reason their schema gives."""
    edited, left = [], []
    for path in schema_files():
        schema = json.loads(path.read_text(encoding="utf-8"))
        annotation = schema.get(ANNOTATION)
        if annotation is None:
            raise SchemaNotEditable(f"{_rel(path)}: 缺少“{ANNOTATION}”（文件位置，或“不用表单”及理由）")
        if "不用表单" in annotation:
            left.append((path, annotation["不用表单"]))
            continue
        name = path.name.removesuffix(".schema.json")
        if path.parent.name not in ("govsite",) and name in ("guide",):
            name = f"{path.parent.name}-{name}"  # two schemas are called guide (办事指南, 公开指南)
        edited.append(Kind(path, name, _label(schema, name), schema.get("description", ""), annotation))
    return edited, left


def _var(name: str) -> str:
    """A Decap template variable: {{name}}."""
    return "{{" + name + "}}"


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _hint(prop: dict) -> str:
    parts = [prop.get("description", ""), prop.get("x-格式说明", "")]
    return "；".join(p.rstrip("。；") for p in parts if p)


def _resolve(prop: dict, schema: dict) -> dict:
    ref = prop.get("$ref")
    if ref is None:
        return prop
    if not ref.startswith("#/"):
        raise SchemaNotEditable(f"不支持的 $ref：{ref}")
    target = schema
    for part in ref[2:].split("/"):
        target = target[part]
    merged = dict(target)
    merged.update({k: v for k, v in prop.items() if k != "$ref"})
    return merged


def _date_widget(fmt: str) -> dict:
    if fmt == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm"}


def field(name: str, prop: dict, schema: dict, required: bool, where: str) -> dict:
    """One Decap field from one property."""
    prop = _resolve(prop, schema)
    out: dict = {"name": name, "label": name}
    hint = _hint(prop)
    for construct in ("oneOf", "anyOf", "allOf", "patternProperties", "propertyNames", "if", "not"):
        if construct in prop:
            raise SchemaNotEditable(f"{where}: 表单无法表示 {construct}")
    kind = prop.get("type")
    if isinstance(kind, list):
        raise SchemaNotEditable(f"{where}: 表单无法表示多种类型 {kind}")
    if "enum" in prop:
        out.update(widget="select", options=list(prop["enum"]))
        if "default" in prop:
            out["default"] = prop["default"]
    elif kind == "string" and prop.get("format") in ("date", "datetime"):
        out.update(_date_widget(prop["format"]))
    elif kind == "string" and UPLOAD in prop:
        out.update(widget="file", choose_url=False)
        upload = prop[UPLOAD]
        out["media_folder"] = upload["文件夹"] if upload["文件夹"].startswith(("content/", "data/")) \
            else upload["文件夹"]
        if out["media_folder"].startswith(("content/", "data/")):
            out["media_folder"] = "/" + out["media_folder"]
        out["public_folder"] = upload["值"]
        out["media_library"] = {"config": {"multiple": False}}
    elif kind == "string" and prop.get("contentMediaType") == MARKDOWN:
        out.update(widget="markdown", modes=["raw"], sanitize_preview=True)
        hint = "；".join(p for p in (hint.rstrip("。"), BODY_HINT) if p)
    elif kind == "string":
        long_text = prop.get("maxLength", 0) > 100
        out["widget"] = "text" if long_text else "string"
    elif kind == "boolean":
        out["widget"] = "boolean"
    elif kind in ("integer", "number"):
        out.update(widget="number", value_type="int" if kind == "integer" else "float")
        if "minimum" in prop:
            out["min"] = prop["minimum"]
        if "maximum" in prop:
            out["max"] = prop["maximum"]
    elif kind == "array":
        items = _resolve(prop.get("items", {}), schema)
        out["widget"] = "list"
        if "minItems" in prop:
            out["min"] = prop["minItems"]
        if "maxItems" in prop:
            out["max"] = prop["maxItems"]
        if items.get("type") == "object":
            out["fields"] = fields(items, schema, f"{where}[]")
            first = out["fields"][0]["name"] if out["fields"] else ""
            if first:
                out["summary"] = _var(f"fields.{first}")
        elif "enum" in items:
            out.update(widget="select", multiple=True, options=list(items["enum"]))
            out.pop("summary", None)
        else:
            out["field"] = field("项", items, schema, True, f"{where}[]")
            out["field"]["label"] = name
    elif kind == "object":
        if prop.get("additionalProperties") not in (False, None):
            raise SchemaNotEditable(f"{where}: 表单无法表示键名不固定的对象")
        inner = fields(prop, schema, where)
        if required or not any(f["required"] for f in inner):
            out.update(widget="object", fields=inner, collapsed=not required)
        else:
            # An optional object with required fields (撤回, 公示期): Decap would demand those fields even when
            # the object is left out, so it is a list of at most one — "新增撤回" adds it, and only then are its
            # fields required. editor/govsite-editor.js writes and reads it as the object it is.
            out.update(widget="list", max=1, collapsed=False, fields=inner, govsite_object=True,
                       summary=_var(f"fields.{inner[0]['name']}"))
    else:
        raise SchemaNotEditable(f"{where}: 表单无法表示类型 {kind!r}")
    if kind == "string" and out.get("widget") in ("string", "text", "markdown", "file") and "pattern" in prop:
        out["pattern"] = [prop["pattern"], prop.get("x-格式说明") or f"格式不对（应符合 {prop['pattern']}）"]
    if hint:
        out["hint"] = hint
    out["required"] = required
    return out


def fields(obj: dict, schema: dict, where: str) -> list[dict]:
    """An object's properties as fields, in the schema's order, the lifecycle fields and exceptions last."""
    required = set(obj.get("required", ()))
    names = list(obj.get("properties", {}))
    names = [n for n in names if n not in LAST] + [n for n in names if n in LAST]
    return [field(n, obj["properties"][n], schema, n in required, f"{where}.{n}".lstrip(".")) for n in names]


_PLACEHOLDER = re.compile(r"\{([^{}:]+)(?::(年))?\}")


YEAR_FIELD = "文件年份"  # the year a {字段:年} placeholder stands for: set when saving, never written


def _template(path: str, in_path: bool = False) -> str:
    """A file name pattern as a Decap template: {编号} → {{fields.编号}}, {发布时间:年} → its year. Decap lowers
    a `path` template's case and turns its dots into dashes before reading it, so a folder level there names a
    field without `fields.` and cannot use a filter: the year is put into the entry as YEAR_FIELD just before
    Decap makes the path (editor/govsite-editor.js, its preSave listener)."""
    def sub(match: re.Match) -> str:
        name, part = match.groups()
        if part:
            return _var(YEAR_FIELD)
        return _var(name) if in_path else _var(f"fields.{name}")
    return _PLACEHOLDER.sub(sub, path)


def collection(kind: Kind, schema: dict) -> dict:
    """A folder collection: one entry per file."""
    where = _rel(kind.schema)
    file = kind.file
    folder = file.split("{", 1)[0].rstrip("/")
    rest = file[len(folder) + 1:]
    stem, extension = rest.rsplit(".", 1)
    own = [n for n, _ in ((m.group(1), m.group(2)) for m in _PLACEHOLDER.finditer(stem)) if n in kind.annotation]
    name_fields = []
    for name in own:
        prop = dict(kind.annotation[name])
        made = field(name, prop, schema, True, f"{where} {ANNOTATION}.{name}")
        made["widget"] = FILE_NAME_WIDGET  # editor/govsite-editor.js: typed when creating, shown afterwards
        if "pattern" in made:  # checked by the widget itself (an existing file's field holds a mark)
            made["file_name_pattern"] = made.pop("pattern")
        made["hint"] = "；".join(p for p in (made.get("hint", ""), "新建时填写，是文件名和网址的一部分，发布后不要改") if p)
        name_fields.append(made)
    body = fields(schema, schema, where)
    if kind.markdown:
        body.append({"name": "body", "label": "正文", "widget": "markdown", "modes": ["raw"],
                     "sanitize_preview": True, "required": False, "hint": BODY_HINT})
    slash = stem.rfind("/")
    out = {
        "name": kind.name,
        "label": kind.label,
        "label_singular": kind.label,
        "folder": folder,
        "extension": extension,
        "format": f"govsite-{kind.name}",
        "create": True,
        "delete": False,  # withdraw (撤回) instead: ids and 索引号 never move once published
        "identifier_field": "标题" if "标题" in schema.get("properties", {}) else body[0]["name"],
        "summary": _var("fields." + ("标题" if "标题" in schema.get("properties", {}) else body[0]["name"])),
        "slug": _template(stem[slash + 1:]),
        "fields": name_fields + body,
    }
    if slash >= 0:  # entries in sub-folders: the folders from the path, the file name from the slug
        out["path"] = _template(stem[:slash], in_path=True) + "/{{slug}}"
    if "上传" in kind.annotation:
        out["media_folder"] = kind.annotation["上传"]
        out["public_folder"] = kind.annotation["上传"]
    if kind.description:
        out["description"] = kind.description
    out["govsite"] = _meta(kind)
    years = [m.group(1) for m in _PLACEHOLDER.finditer(stem) if m.group(2)]
    if years:
        out["govsite"]["year"] = {"field": YEAR_FIELD, "from": years[0]}
    return out


def _meta(kind: Kind) -> dict:
    """What editor/govsite-editor.js needs besides Decap's own settings (taken out before Decap sees them)."""
    return {"schema": _rel(kind.schema), "file": kind.file}


def single_collection(kind: Kind, schema: dict) -> dict:
    """A kind of which there is one file (data/site.yml, the 公告类别 …): a collection of that one file."""
    out = {"name": kind.name, "label": kind.label, "format": f"govsite-{kind.name}", "extension": "yml",
           "delete": False,
           "files": [{"name": kind.name, "label": kind.label, "file": kind.file,
                      "fields": fields(schema, schema, _rel(kind.schema))}]}
    if kind.description:
        out["description"] = kind.description
    out["govsite"] = _meta(kind)
    return out


def build() -> dict:
    """The whole configuration (without the backend, which depends on where the editor runs)."""
    edited, _left = kinds()
    collections, singles = [], []
    for kind in edited:
        schema = json.loads(kind.schema.read_text(encoding="utf-8"))
        if kind.single:
            singles.append(single_collection(kind, schema))
        else:
            collections.append(collection(kind, schema))
    # what editors write most often first; files of which there is one (settings) after every other kind
    order = {"notice": 0, "policy": 1, "interpretation": 2, "news": 3}
    collections.sort(key=lambda c: (order.get(c["name"], 9), c["name"]))
    collections += sorted(singles, key=lambda c: (c["name"] != "site", c["name"]))
    return {
        "locale": "zh_Hans",
        # relative: the preview may be served below a path (a merge request's artifact), make serve at /. No
        # site_url: Decap would print it in its header and guess pages' addresses; the preview pane gives them.
        "logo_url": "../assets/logo.svg",
        # Markdown images of a collection without its own folder; each file field names its own.
        "media_folder": "content/xxgk/fujian",
        "public_folder": "xxgk/fujian",
        "slug": {"encoding": "ascii", "clean_accents": False, "sanitize_replacement": "-"},
        "editor": {"preview": True},
        "collections": collections,
    }


def text() -> str:
    return HEADER + yaml.safe_dump(build(), allow_unicode=True, sort_keys=False, width=1000)


def main(argv: list[str]) -> int:
    import sys

    try:
        made = text()
    except SchemaNotEditable as exc:
        print(f"错误 {exc}", file=sys.stderr)
        return 1
    target = ROOT / CONFIG_FILE
    if "--check" in argv:
        if not target.is_file() or target.read_text(encoding="utf-8") != made:
            print(f"{CONFIG_FILE} 与 JSON Schema 不一致：运行 make editor-config 后提交。", file=sys.stderr)
            return 1
        print(f"{CONFIG_FILE} 与 JSON Schema 一致。")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(made, encoding="utf-8")
    print(f"已写入 {CONFIG_FILE}")
    return 0
