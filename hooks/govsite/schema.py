"""JSON Schema validation with messages in Chinese that name file, line and field.

The schemas live next to each content type (`*.schema.json`); editors' YAML files point to
them with `# yaml-language-server: $schema=...` so their editor completes and checks fields.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from pathlib import Path

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

from .problems import SCHEMA, Problem
from .yamlfile import Located, dotted

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(\+08:00)?$")

format_checker = FormatChecker(formats=())


@format_checker.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        raise ValueError("日期格式应为 YYYY-MM-DD，如 2024-03-01")
    dt.date.fromisoformat(value)  # raises for 2023-02-30
    return True


@format_checker.checks("datetime", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATETIME.match(value):
        raise ValueError("时间格式应为 YYYY-MM-DD HH:MM（北京时间），如 2024-03-01 09:30")
    parse_datetime(value)
    return True


def parse_datetime(value: str) -> dt.datetime:
    """Parse an editor's local time; all times on this site are Beijing time."""
    from .dates import TZ

    m = _DATETIME.match(value)
    if not m:
        raise ValueError(value)
    day = dt.date.fromisoformat(m.group(1))
    return dt.datetime(day.year, day.month, day.day, int(m.group(2)), int(m.group(3)), int(m.group(4) or 0), tzinfo=TZ)


_TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否（true 或 false）",
    "array": "列表",
    "object": "映射（若干“字段: 值”）",
    "null": "空值",
}


def _type_name(t) -> str:
    if isinstance(t, list):
        return "或".join(_TYPE_NAMES.get(x, x) for x in t)
    return _TYPE_NAMES.get(t, t)


@functools.cache
def load_schema(path: str) -> dict:
    # Not checked against the metaschema here: that took a second of every build and every `make check`, for
    # files that only change with the engine; tests/unit/test_schemas_valid.py checks every schema instead.
    return json.loads(Path(path).read_text(encoding="utf-8"))


@functools.cache
def _validator(path: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(path), format_checker=format_checker)


def _describe(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _intended_key(key: str, known: list[str]) -> str:
    """The schema's key an editor meant when writing it with spaces around it or a full-width colon in it."""
    bare = key.split("：")[0].strip(" \u3000\u00a0")
    return bare if bare in known and bare != key else ""


_WIDE_BRACKETS = {"［": "[", "【": "[", "〔": "[", "｛": "{"}


def _wide_punctuation(expected, value) -> str:
    """A list or mapping written with full-width punctuation arrives as text: name the character and the fix."""
    wanted = set(expected) if isinstance(expected, list) else {expected}
    if not isinstance(value, str) or not wanted & {"array", "object"}:
        return ""
    text = value.strip()
    if text[:1] in _WIDE_BRACKETS:
        ascii_ = _WIDE_BRACKETS[text[0]]
        closing = "]" if ascii_ == "[" else "}"
        return (f"用了全角括号“{text[0]}”；{'列表' if ascii_ == '[' else '映射'}应使用半角括号“{ascii_} {closing}”，"
                f"各项之间用半角逗号“,”分隔，如 {ascii_}甲, 乙{closing}")
    if "：" in text and "object" in wanted:
        return "用了全角冒号“：”；字段名后应为半角冒号“:”再加一个空格，并换行缩进写出各个字段"
    return ""


def _message(error: jsonschema.ValidationError) -> list[tuple[tuple, str, bool]]:
    """Return (path, Chinese message, point at key) for one jsonschema error."""
    path = tuple(error.absolute_path)
    v, val, inst = error.validator, error.validator_value, error.instance
    if v == "required":
        missing = [k for k in val if isinstance(inst, dict) and k not in inst]
        return [(path + (k,), "缺少必填字段", False) for k in missing]
    if v == "additionalProperties" and isinstance(inst, dict):
        known = list(error.schema.get("properties", {}))
        out = []
        for key in inst:
            if key in known:
                continue
            intended = _intended_key(key, known)
            if intended and "：" in key:
                out.append((path + (key,), f"“{intended}”后面用了全角冒号“：”；应为半角冒号“:”再加一个空格", True))
                continue
            if intended:
                out.append((path + (key,), f"字段名“{intended}”前后有多余的空格（可能是全角空格）；请删去", True))
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.4)
            hint = f"；是否应为“{close[0]}”？" if close else f"；可用字段：{'、'.join(known)}"
            out.append((path + (key,), f"未知字段{hint}", True))
        return out
    if v == "type":
        return [(path, _wide_punctuation(val, inst) or f"应为{_type_name(val)}，实际为 {_describe(inst)}", False)]
    if v == "enum":
        return [(path, f"取值 {_describe(inst)} 不在允许范围内：{'、'.join(map(str, val))}", False)]
    if v == "const":
        return [(path, f"应为 {_describe(val)}", False)]
    if v == "format":
        if val == "date":
            reason = "不是有效日期" if _DATE.match(str(inst)) else "日期格式应为 YYYY-MM-DD，如 2024-03-01"
            return [(path, f"{reason}：{inst}", False)]
        if val == "datetime":
            return [(path, f"时间无效或格式不对（应为 YYYY-MM-DD HH:MM，北京时间）：{inst}", False)]
        return [(path, f"格式不正确（{val}）：{_describe(inst)}", False)]
    if v == "pattern":
        hint = error.schema.get("x-格式说明") or f"应符合格式 {val}"
        return [(path, f"{_describe(inst)} 格式不正确：{hint}", False)]
    if v == "minLength":
        return [(path, "不能为空" if val == 1 else f"至少 {val} 个字", False)]
    if v == "maxLength":
        return [(path, f"太长：最多 {val} 个字", False)]
    if v == "minItems":
        return [(path, f"至少需要 {val} 项", False)]
    if v == "maxItems":
        return [(path, f"最多 {val} 项", False)]
    if v == "uniqueItems":
        return [(path, "列表中有重复项", False)]
    if v == "minimum":
        return [(path, f"不能小于 {val}，实际为 {inst}", False)]
    if v == "maximum":
        return [(path, f"不能大于 {val}，实际为 {inst}", False)]
    if v == "exclusiveMinimum":
        return [(path, f"必须大于 {val}，实际为 {inst}", False)]
    if v == "dependentRequired" and isinstance(inst, dict):
        return [(path + (key,), f"填写了“{key}”，还须同时填写“{needed}”", True)
                for key, needs in val.items() if key in inst for needed in needs if needed not in inst]
    if v in ("oneOf", "anyOf"):
        hint = error.schema.get("x-格式说明") or "不符合任何一种允许的写法"
        return [(path, hint, False)]
    return [(path, f"不符合要求（{error.message}）", False)]


def validate(located: Located, schema_path: Path) -> list[Problem]:
    """Validate a loaded YAML document; return every problem found, in file order."""
    validator = _validator(str(schema_path))
    problems = []
    errors = list(validator.iter_errors(located.data))  # validated once: the second look below reads the same
    for error in errors:
        for path, message, at_key in _message(error):
            line = located.key_line_of(path) if at_key else located.line_of(path)
            problems.append(Problem(located.file, line, dotted(path), message, kind=SCHEMA))
    # A key written with extra spaces or a full-width colon is reported once, not also as the missing key.
    misspelt = set()
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = list(error.schema.get("properties", {}))
            misspelt |= {dotted(tuple(error.absolute_path) + (_intended_key(key, known),))
                         for key in error.instance if key not in known and _intended_key(key, known)}
    problems = [p for p in problems if not (p.message == "缺少必填字段" and p.field in misspelt)]
    return sorted(set(problems), key=lambda p: (p.line, p.field, p.message))
