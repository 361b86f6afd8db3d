"""The browser editor's forms (editor/config.yml) are the JSON Schemas: made from them by make editor-config, and
a schema change that the committed file does not follow fails here. Each property is checked against its schema
independently of the generator's code: its label, required or not, select options, date formats, patterns with
their Chinese message, bounds, lists and nested objects; the file locations against the repository's files."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from govsite.editor import config
from sitekit import REPO

COMMITTED = REPO / "editor/config.yml"
LIFECYCLE = ("草稿", "定时发布", "撤回", "审核")


@pytest.fixture(scope="module")
def made() -> dict:
    return config.build()


def _collections(made) -> dict:
    return {c["name"]: c for c in made["collections"]}


def _fields(collection: dict) -> list[dict]:
    return collection.get("fields") or collection["files"][0]["fields"]


def _schema(kind_file: str) -> dict:
    return json.loads((REPO / kind_file).read_text(encoding="utf-8"))


def test_the_committed_configuration_is_what_the_schemas_make():
    assert COMMITTED.read_text(encoding="utf-8") == config.text(), \
        "editor/config.yml 与 JSON Schema 不一致：运行 make editor-config 后提交"
    assert config.main(["--check"]) == 0


def test_a_schema_change_makes_the_committed_configuration_stale(tmp_path, monkeypatch):
    changed = tmp_path / "policy.schema.json"
    schema = _schema("hooks/govsite/types/policies/policy.schema.json")
    schema["properties"]["签发人"] = {"type": "string", "minLength": 1, "description": "签发文件的领导"}
    changed.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    real, real_rel = config.schema_files, config._rel
    monkeypatch.setattr(config, "schema_files",
                        lambda: [changed if p.name == "policy.schema.json" else p for p in real()])
    monkeypatch.setattr(config, "_rel", lambda p: "hooks/govsite/types/policies/policy.schema.json"
                        if p == changed else real_rel(p))
    policy = _collections(config.build())["policy"]
    assert [f for f in policy["fields"] if f["name"] == "签发人"][0]["hint"] == "签发文件的领导"
    assert config.text() != COMMITTED.read_text(encoding="utf-8")
    assert config.main(["--check"]) == 1


def test_every_kind_of_file_says_where_it_lives_or_why_it_has_no_form():
    edited, left = config.kinds()
    assert len(edited) + len(left) == len(config.schema_files())
    for path, reason in left:  # each left to YAML with the chapter of EDITING.md that explains it
        assert re.search(r"EDITING\.md 第.+节", reason), path
    left_names = sorted(p.name for p, _ in left)
    assert left_names == ["audiences.schema.json", "benefit.schema.json", "holidays.schema.json",
                          "page.schema.json", "quiz.schema.json"]


def _check_field(field: dict, prop: dict, schema: dict, required: bool, where: str) -> None:
    if "$ref" in prop:
        target = schema
        for part in prop["$ref"][2:].split("/"):
            target = target[part]
        prop = {**target, **{k: v for k, v in prop.items() if k != "$ref"}}
    assert field["label"] == field["name"], where
    assert field["required"] is required, where
    for text in (prop.get("description"), prop.get("x-格式说明")):
        if text:
            assert text.rstrip("。；") in field["hint"], where
    if "enum" in prop:
        assert field["widget"] == "select" and field["options"] == prop["enum"], where
    elif prop.get("format") == "date":
        assert (field["widget"], field["format"], field["time_format"]) == ("datetime", "YYYY-MM-DD", False), where
    elif prop.get("format") == "datetime":
        assert (field["widget"], field["format"]) == ("datetime", "YYYY-MM-DD HH:mm"), where
    elif prop.get("contentMediaType") == "text/markdown":
        assert field["widget"] == "markdown" and field["modes"] == ["raw"] and "[[退役军人保障法#21]]" in field["hint"]
    elif prop.get("type") == "integer":
        assert field["widget"] == "number" and field["value_type"] == "int", where
        assert field.get("min") == prop.get("minimum") and field.get("max") == prop.get("maximum"), where
    elif prop.get("type") == "boolean":
        assert field["widget"] == "boolean", where
    elif prop.get("type") == "array":
        items = prop["items"]
        if "$ref" in items:
            target = schema
            for part in items["$ref"][2:].split("/"):
                target = target[part]
            items = target
        assert field["widget"] in ("list", "select"), where
        assert field.get("min") == prop.get("minItems"), where
        if items.get("type") == "object":
            _check_object(field["fields"], items, schema, where)
    elif prop.get("type") == "object":
        _check_object(field["fields"], prop, schema, where)
        inner_required = set(prop.get("required", ()))
        if not required and inner_required:  # optional, with required fields: added on purpose (新增撤回)
            assert (field["widget"], field["max"], field["govsite_object"]) == ("list", 1, True), where
        else:
            assert field["widget"] == "object", where
    if "pattern" in prop and prop.get("type") == "string":
        assert field["pattern"][0] == prop["pattern"], where
        assert field["pattern"][1] == prop.get("x-格式说明", field["pattern"][1]), where
        assert re.compile(field["pattern"][0])  # the same expression in JavaScript and Python


def _check_object(fields: list[dict], obj: dict, schema: dict, where: str) -> None:
    properties = obj.get("properties", {})
    names = [f["name"] for f in fields]
    expected = [n for n in properties if n not in LIFECYCLE] + [n for n in properties if n in LIFECYCLE]
    assert names == expected, where
    for f in fields:
        _check_field(f, properties[f["name"]], schema, f["name"] in obj.get("required", ()), f"{where}.{f['name']}")


def test_every_property_of_every_schema_is_a_field_as_the_schema_says(made):
    collections = _collections(made)
    edited, _left = config.kinds()
    assert len(collections) == len(edited)
    for kind in edited:
        collection = collections[kind.name]
        schema = json.loads(kind.schema.read_text(encoding="utf-8"))
        fields = [f for f in _fields(collection) if f["widget"] != "govsite-filename" and f["name"] != "body"]
        _check_object(fields, schema, schema, kind.name)
        assert collection["label"] and not re.search(r"[（(]", collection["label"])  # 政策文件, not its file name


def test_the_forms_are_chinese_and_the_kinds_editors_write_most_come_first(made):
    assert made["locale"] == "zh_Hans"
    labels = [c["label"] for c in made["collections"]]
    assert labels[:3] == ["公示公告", "政策文件", "政策解读"]
    assert "阳光安置" in labels and "网站设置" in labels


def test_the_files_go_where_editing_md_puts_them(made):
    c = _collections(made)
    notice, policy = c["notice"], c["policy"]
    assert (notice["folder"], notice["path"], notice["slug"], notice["extension"]) == \
        ("content/notices", "{{文件年份}}/{{slug}}", "{{fields.标识}}", "md")
    assert notice["govsite"]["year"] == {"field": "文件年份", "from": "发布时间"}
    assert (policy["folder"], policy["slug"], "path" in policy) == ("data/policies", "{{fields.编号}}", False)
    assert c["placement"]["slug"] == "{{fields.年度}}" and c["report"]["folder"] == "content/pufa/fzzf"
    # attachments: a notice's beside it (files/…), a policy's in content/xxgk/fujian/ written as xxgk/fujian/…
    notice_file = [f for f in notice["fields"] if f["name"] == "附件"][0]["fields"][1]
    policy_file = [f for f in policy["fields"] if f["name"] == "附件"][0]["fields"][1]
    assert (notice_file["widget"], notice_file["media_folder"], notice_file["public_folder"]) == ("file", "files", "files")
    assert (policy_file["media_folder"], policy_file["public_folder"]) == ("/content/xxgk/fujian", "xxgk/fujian")
    # the file-name part an editor types once, with the pattern its files follow
    name = notice["fields"][0]
    assert (name["name"], name["widget"], name["required"]) == ("标识", "govsite-filename", True)
    assert re.match(name["file_name_pattern"][0], "youfu-dingqi-fuxu")
    assert not re.match(name["file_name_pattern"][0], "Youfu Dingqi")
    assert c["policy"]["fields"][0]["name"] == "编号" and re.match(c["policy"]["fields"][0]["file_name_pattern"][0], "2025-006")
    assert notice["fields"][-1]["name"] == "body" and notice["fields"][-1]["widget"] == "markdown"
    # nothing is ever deleted: a published document is withdrawn (撤回), its 索引号 kept
    assert all(col.get("delete") is False for col in made["collections"])


def test_each_folder_pattern_matches_the_repository_files_of_its_schema(made):
    """The x-编辑器 locations are checked against where the site's own files are and which schema they name."""
    edited, _left = config.kinds()
    for kind in edited:
        pattern = re.escape(kind.file)
        pattern = re.sub(r"\\\{[^{}]+?\\\}", "[^/]+", pattern)
        found = 0
        for path in sorted((REPO / kind.file.split("/")[0]).rglob("*")):
            rel = path.relative_to(REPO).as_posix()
            if not path.is_file() or path.suffix not in (".yml", ".md"):
                continue
            head = path.read_text(encoding="utf-8")[:400]
            if "$schema=" in head and head.split("$schema=", 1)[1].split("\n")[0].endswith(kind.schema.name) \
                    and kind.schema.parent.name in head.split("$schema=", 1)[1].split("\n")[0]:
                assert re.fullmatch(pattern, rel), f"{rel} 不在 {kind.file}"
                found += 1
        assert found, kind.file


def test_the_schema_line_and_key_names_fit_yaml(made):
    text = COMMITTED.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["collections"]  # valid YAML, as Decap reads it
    assert text.startswith("# 网页编辑器（Decap CMS）的配置。由 make editor-config")


def test_what_a_form_cannot_hold_is_refused_with_its_place():
    schema = {"type": "object", "properties": {"答案": {"oneOf": [{"type": "string"}, {"type": "array"}]}}}
    with pytest.raises(config.SchemaNotEditable, match="题库.答案: 表单无法表示 oneOf"):
        config.fields(schema, schema, "题库")
    free_keys = {"type": "object", "properties": {"年份": {"type": "object", "additionalProperties": {"type": "string"}}}}
    with pytest.raises(config.SchemaNotEditable, match="键名不固定"):
        config.fields(free_keys, free_keys, "节假日")


def test_a_schema_without_its_location_stops_make_editor_config(tmp_path, monkeypatch, capsys):
    bare = tmp_path / "new.schema.json"
    bare.write_text(json.dumps({"title": "新的信息", "type": "object", "properties": {}}), encoding="utf-8")
    monkeypatch.setattr(config, "schema_files", lambda: [bare])
    monkeypatch.setattr(config, "_rel", lambda path: Path(path).name)
    assert config.main(["--check"]) == 1
    assert "缺少“x-编辑器”" in capsys.readouterr().err
