"""Copy the lifecycle fields (草稿, 定时发布, 撤回, 审核) and the personal-data exceptions (个人信息例外) of
hooks/govsite/lifecycle.schema.json into every document schema and the editors' page schema, so that editors' YAML language server completes and checks them in each kind of file.

    python tools/lifecycle_schema.py          # write the copies
    python tools/lifecycle_schema.py --check  # exit 1 when a copy differs (tests/unit/test_lifecycle.py does too)

Copies rather than $ref: a relative $ref between schema files resolves differently in editors' tools and in the
engine; a copy means the same everywhere. Each field is one line, written right after the `"properties": {` line
of the object that describes one document, so the rest of each file keeps its own layout.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRAGMENT = ROOT / "hooks/govsite/lifecycle.schema.json"
ENGINE = ROOT / "hooks/govsite"
# (schema, the keys leading to the object whose "properties" describe one document)
TARGETS = (
    ("types/policies/policy.schema.json", ()),
    ("types/policies/interpretation.schema.json", ()),
    ("types/notices/notice.schema.json", ()),
    ("types/pufa/news.schema.json", ()),
    ("types/reports/report.schema.json", ()),
    ("types/annualreports/annual-report.schema.json", ()),
    ("types/services/guide.schema.json", ()),
    ("types/laws/law.schema.json", ()),
    ("types/cases/case.schema.json", ()),
    ("types/qa/qa.schema.json", ("properties", "问答", "items")),
    ("types/placements/placement.schema.json", ("$defs", "stage")),
)
FIELDS = ("草稿", "定时发布", "撤回", "审核", "个人信息例外")
# Editors' pages that are not documents (关于我们 …) have no lifecycle (declaring 审核 would gate them, see
# build._load_documents) but may record exceptions to the personal-data guard.
PAGE_TARGET, PAGE_FIELDS = "page.schema.json", ("个人信息例外",)


def targets():
    """(schema, keys, the fields copied into it)."""
    return [(name, keys, FIELDS) for name, keys in TARGETS] + [(PAGE_TARGET, (), PAGE_FIELDS)]


def fragment() -> dict:
    return json.loads(FRAGMENT.read_text(encoding="utf-8"))["$defs"]


def _object(schema: dict, keys: tuple) -> dict:
    for key in keys:
        schema = schema[key]
    return schema


def differences() -> list[str]:
    """Schemas whose copy of a lifecycle field differs from the fragment (or lacks it)."""
    wanted = fragment()
    out = []
    for name, keys, fields in targets():
        schema = json.loads((ENGINE / name).read_text(encoding="utf-8"))
        properties = _object(schema, keys).get("properties", {})
        for key in fields:
            if properties.get(key) != wanted[key]:
                out.append(f"{name}: “{key}”与 hooks/govsite/lifecycle.schema.json 不一致")
    return out


def _properties_line(lines: list[str], keys: tuple) -> int:
    """Index of the `"properties": {` line of the object reached by `keys` (text search, in order)."""
    position, indent = 0, 0
    for key in keys:
        indent += 2
        position = next(i for i in range(position, len(lines))
                        if re.match(rf'{" " * indent}"{re.escape(key)}"\s*:', lines[i]))
    indent += 2
    return next(i for i in range(position, len(lines))
                if re.match(rf'{" " * indent}"properties"\s*:\s*\{{\s*$', lines[i]))


def write(path: Path, keys: tuple, wanted: dict, fields: tuple = FIELDS) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    start = _properties_line(lines, keys)
    indent = re.match(r"\s*", lines[start + 1]).group(0)
    kept = [line for line in lines[start + 1:] if not any(line.startswith(f'{indent}"{k}": ') for k in FIELDS)]
    copies = [f"{indent}{json.dumps(k, ensure_ascii=False)}: {json.dumps(wanted[k], ensure_ascii=False)}," for k in fields]
    path.write_text("\n".join(lines[:start + 1] + copies + kept), encoding="utf-8")
    json.loads(path.read_text(encoding="utf-8"))  # still valid JSON


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = differences()
        print("\n".join(found) or "一致")
        return 1 if found else 0
    wanted = fragment()
    for name, keys, fields in targets():
        write(ENGINE / name, keys, wanted, fields)
    found = differences()
    print("\n".join(found) or f"已写入 {len(targets())} 个 schema")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
