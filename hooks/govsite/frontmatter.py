"""Markdown files with YAML front matter between `---` lines."""
from __future__ import annotations

from .problems import InputError, Problem
from .yamlfile import Located, parse_yaml


def split(text: str, file: str) -> tuple[Located, str, int]:
    """Return (front matter, body, line where the body starts). Front matter is required."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise InputError([Problem(file, 1, "", "页面缺少开头的前置信息（第一行应为“---”，随后是“标题: …”等字段，再以“---”结束）")])
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            header = "\n".join(lines[1:i])
            located = parse_yaml(header, file, line_offset=1)
            if located.data is None:
                located.data = {}
            if not isinstance(located.data, dict):
                raise InputError([Problem(file, 2, "", "前置信息应为若干“字段: 值”")])
            return located, "\n".join(lines[i + 1:]), i + 2
    raise InputError([Problem(file, 1, "", "前置信息没有结束的“---”行")])
