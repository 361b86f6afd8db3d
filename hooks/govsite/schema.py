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

from .problems import Problem
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
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@functools.cache
def _validator(path: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(path), format_checker=format_checker)


def _describe(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


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
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.4)
            hint = f"；是否应为“{close[0]}”？" if close else f"；可用字段：{'、'.join(known)}"
            out.append((path + (key,), f"未知字段{hint}", True))
        return out
    if v == "type":
        return [(path, f"应为{_type_name(val)}，实际为 {_describe(inst)}", False)]
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
    if v in ("oneOf", "anyOf"):
        hint = error.schema.get("x-格式说明") or "不符合任何一种允许的写法"
        return [(path, hint, False)]
    return [(path, f"不符合要求（{error.message}）", False)]


def validate(located: Located, schema_path: Path) -> list[Problem]:
    """Validate a loaded YAML document; return every problem found, in file order."""
    validator = _validator(str(schema_path))
    problems = []
    for error in validator.iter_errors(located.data):
        for path, message, at_key in _message(error):
            line = located.key_line_of(path) if at_key else located.line_of(path)
            problems.append(Problem(located.file, line, dotted(path), message))
    return sorted(set(problems), key=lambda p: (p.line, p.field, p.message))
