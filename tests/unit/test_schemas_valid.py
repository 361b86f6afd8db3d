"""Every JSON Schema of the engine is a valid Draft 2020-12 schema: the build does not check them itself (see
govsite/schema.py load_schema)."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from sitekit import REPO

SCHEMAS = sorted((REPO / "hooks/govsite").rglob("*.schema.json"))


def test_the_engine_has_its_schemas():
    assert len(SCHEMAS) >= 20


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.relative_to(REPO).as_posix() for p in SCHEMAS])
def test_schema_is_valid(path):
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_a_broken_schema_is_caught():
    with pytest.raises(SchemaError):
        Draft202012Validator.check_schema({"type": "objekt"})
