"""YAML loading that remembers where every value came from.

Editors need `文件:行` in every message, so values are built from PyYAML's node tree and each
path (tuple of keys and indices) is mapped to its line. Dates stay strings (the schemas check
them with format "date"), so an impossible date such as 2023-02-30 becomes a validation
message instead of a constructor crash. Anchors and aliases are refused: editors do not need
them and they are how a "billion laughs" file exhausts memory.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Problem
from .source import read_text, rel

Path_ = tuple  # a path into the data: keys and list indices


class _Loader(yaml.SafeLoader):
    pass


# Keep timestamps as strings: validation (format "date") reports impossible dates properly.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# Speed (issue 9, bench/): libyaml (PyYAML's C parser) reads a valid file about ten times faster than the
# pure-Python parser above. Its error messages differ, so a file it refuses, and any text the Python reader would
# refuse, is parsed again with _Loader: editors always get the same Chinese messages.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        pass

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


@dataclass
class Located:
    """Data from one YAML document plus the line of every value and key in it."""

    file: str
    data: Any
    lines: dict = field(default_factory=dict)  # path -> line of the value
    key_lines: dict = field(default_factory=dict)  # path -> line of the key that holds it
    line_offset: int = 0
    block_paths: set = field(default_factory=set)  # values written as block scalars (`正文: |`)
    # `mkdocs serve`: digest of the file's whole text, set by build.load_yaml_checked (render.SOURCE_FIELDS)
    source_digest: str = ""

    def line_of(self, path: Path_) -> int:
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1) + self.line_offset

    def text_line_of(self, path: Path_) -> int:
        """The line of a text value's first line: a block scalar (`正文: |`) starts on the line after its key."""
        path = tuple(path)
        return self.line_of(path) + (1 if path in self.block_paths else 0)

    def key_line_of(self, path: Path_) -> int:
        path = tuple(path)
        if path in self.key_lines:
            return self.key_lines[path] + self.line_offset
        return self.line_of(path)


_MESSAGES = {
    "found character '\\t' that cannot start any token": "使用了 Tab 缩进；YAML 只能用空格缩进",
    "mapping values are not allowed here": "此处不能出现冒号“:”（值中含冒号时请用引号括起来，或检查缩进）",
    "could not find expected ':'": "缺少冒号“:”",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found": "缩进不一致，或前面某行的引号没有闭合",
    "did not find expected key": "缩进不一致或缺少冒号",
    "did not find expected '-' indicator": "列表项缩进不一致",
    "found undefined alias": "使用了未定义的别名",
    "found character that cannot start any token": "含有不能作为开头的字符（如 @ 或 `，请用引号括起来）",
    "expected a single document in the stream": "文件中只能有一个 YAML 文档（多了“---”分隔线？）",
}


def _translate(problem: str | None) -> str:
    problem = problem or ""
    for en, zh in _MESSAGES.items():
        if problem.startswith(en):
            return zh
    return f"YAML 语法错误（{problem}）"


def _odd_quote_lines(text: str) -> list[int]:
    """Lines with an odd number of double quotes: the usual cause of a confusing parse error later on."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        code = line.split(" #", 1)[0]
        if code.replace('\\"', "").count('"') % 2:
            found.append(number)
    return found


def parse_yaml(text: str, file: str, line_offset: int = 0) -> Located:
    """Parse YAML text. Raises InputError with the parser's line on bad syntax."""
    if _FastLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            return _parse_yaml(text, file, line_offset, _FastLoader)
        except (InputError, yaml.YAMLError):
            pass  # reported below by the pure-Python parser, with its messages
    return _parse_yaml(text, file, line_offset, _Loader)


def _parse_yaml(text: str, file: str, line_offset: int, loader_class) -> Located:
    try:  # refuse aliases before building anything: the alias's own line, and no exponential expansion
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, yaml.AliasEvent):
                raise InputError([Problem(file, event.start_mark.line + 1 + line_offset, "",
                                          "不支持 YAML 锚点与别名（& 和 *）；请把内容直接写出")])
    except yaml.YAMLError:
        pass  # syntax errors are reported below, with the parser's line
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        message = _translate(exc.problem)
        context = exc.context_mark
        if context is not None and "quoted scalar" in (exc.context or "") and context.line + 1 + line_offset != line:
            message += f"（第 {context.line + 1 + line_offset} 行开始的引号没有闭合）"
        else:
            suspects = [n + line_offset for n in _odd_quote_lines(text) if n + line_offset < line]
            if suspects:
                message += f"（第 {suspects[-1]} 行的引号可能没有闭合）"
        raise InputError([Problem(file, line, "", message)]) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise InputError([Problem(file, 1 + line_offset, "", f"YAML 无法读取（{exc}）")]) from None
    finally:
        loader.dispose()
    located = Located(file=file, data=None, line_offset=line_offset)
    if node is None:
        return located
    problems: list[Problem] = []
    seen: set[int] = set()

    def build(n: yaml.Node, path: tuple) -> Any:
        if id(n) in seen:
            if not any("锚点" in p.message for p in problems):  # one message, not one per alias
                problems.append(Problem(file, n.start_mark.line + 1 + line_offset, _dotted(path),
                                        "不支持 YAML 锚点与别名（& 和 *）；请把内容直接写出"))
            return None
        seen.add(id(n))
        located.lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in n.value:
                if isinstance(key_node, yaml.MappingNode | yaml.SequenceNode):
                    problems.append(Problem(file, key_node.start_mark.line + 1 + line_offset, _dotted(path), "键不能是列表或映射"))
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    problems.append(Problem(file, key_node.start_mark.line + 1 + line_offset, _dotted(path), "不支持 YAML 合并键“<<”"))
                    continue
                key = str(loader.construct_scalar(key_node))
                if key in out:
                    problems.append(Problem(file, key_node.start_mark.line + 1 + line_offset, _dotted(path + (key,)),
                                            "字段重复出现；同一字段只能写一次"))
                    continue
                located.key_lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = build(value_node, path + (key,))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(n.value)]
        if getattr(n, "style", None) in ("|", ">"):
            located.block_paths.add(path)
        try:
            return loader.construct_object(n)
        except yaml.YAMLError as exc:
            problems.append(Problem(file, n.start_mark.line + 1 + line_offset, _dotted(path), f"无法识别的值（{exc}）"))
            return None

    # The composer resolves aliases to the very same node object; a repeated id() is an alias.
    located.data = build(node, ())
    if problems:
        raise InputError(problems)
    return located


def load_yaml(path: Path, root: Path) -> Located:
    return parse_yaml(read_text(path, root), rel(path, root))


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted = _dotted
