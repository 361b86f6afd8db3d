"""YAML loading that remembers where every value came from.

Editors need `文件:行` in every message, so values are built from PyYAML's node tree and each
path (tuple of keys and indices) is mapped to its line. Dates stay strings (the schemas check
them with format "date"), so an impossible date such as 2023-02-30 becomes a validation
message instead of a constructor crash. Anchors and aliases are refused: editors do not need
them and they are how a "billion laughs" file exhausts memory.
"""
from __future__ import annotations

import re
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

# Speed (bench/): libyaml (PyYAML's C parser) reads a valid file about ten times faster than the
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
    "expected ',' or ']'": "方括号“[”没有闭合，或列表项之间缺少半角逗号“,”（列表应写成 [甲, 乙]）",
    "expected ',' or '}'": "花括号“{”没有闭合，或各项之间缺少半角逗号“,”",
    "expected the node content": "此处缺少内容（前面的括号或引号没有闭合？）",
    "found unknown escape character": "双引号中的反斜杠“\\”写法不对；请去掉反斜杠，或改用单引号",
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


def _parser_problem(exc: yaml.MarkedYAMLError, text: str, file: str, line_offset: int) -> Problem:
    """The parser's own error, in Chinese, with a hint at an unclosed quote before it."""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    message = _translate(exc.problem)
    context = exc.context_mark
    if context is not None and (exc.context or "").startswith("while parsing a flow"):
        line = context.line + 1 + line_offset  # the unclosed [ or {, not where the parser gave up
    if context is not None and "quoted scalar" in (exc.context or "") and context.line + 1 + line_offset != line:
        message += f"（第 {context.line + 1 + line_offset} 行开始的引号没有闭合）"
    else:
        suspects = [n + line_offset for n in _odd_quote_lines(text) if n + line_offset < line]
        if suspects:
            message += f"（第 {suspects[-1]} 行的引号可能没有闭合）"
    return Problem(file, line, "", message)


# Per-line syntax mistakes editors make, each with its own message; checked when a file does not parse, so that
# every such line is listed, not only the first the parser stumbles over (usually on the line after the cause).
_ODD_SPACES = "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
_ODD_INDENT = "行首有全角空格或其他特殊空格；缩进只能用半角空格（英文输入法下的空格键）"
_LEADING = re.compile(r"^[ \t\u3000\u00a0\u2002-\u200b]*")
_BLOCK_START = re.compile(r"(?:^|:|^\s*-)\s*[|>][-+0-9]*\s*(?:#.*)?$")
_ITEM = re.compile(r"^(\s*-\s+)")
# A key (no spaces, no YAML punctuation) ended by a full-width colon, or by a colon with no space after it.
_WIDE_COLON_KEY = re.compile(r"^([^\s:：#\"'\[\]{}|>&*!%@`,，-][^\s:：#\"'\[\]{},]{0,29})：")
_TIGHT_COLON_KEY = re.compile(r"^([^\s:：#\"'\[\]{}|>&*!%@`,，\d-][^\s:：#\"'\[\]{},]{0,29}):(?=[^\s/:])")


def syntax_hints(text: str) -> list[tuple[int, str, str]]:
    """(line, message, the line repaired) for every line with a mistake of indentation or punctuation."""
    hints = []
    lines = text.split("\n")
    block_parent = None  # indentation of the key whose block scalar (| or >) we are in
    for number, line in enumerate(lines, 1):
        lead = _LEADING.match(line).group(0)
        rest = line[len(lead):]
        width = len(lead)
        if block_parent is not None:
            if not rest or width > block_parent:
                continue  # free text of a block scalar: anything goes
            block_parent = None
        if not rest or rest.startswith("#"):
            continue
        fixes = []
        repaired_lead = lead
        if "\t" in lead:
            fixes.append("使用了 Tab 缩进；YAML 只能用空格缩进，请把行首的 Tab 换成空格")
            repaired_lead = repaired_lead.replace("\t", "  ")
        if any(ch in lead for ch in _ODD_SPACES):
            fixes.append(_ODD_INDENT)
            repaired_lead = re.sub(r"[\u3000]", "  ", repaired_lead)
            repaired_lead = re.sub(r"[\u00a0\u2002-\u200b]", " ", repaired_lead)
        item = _ITEM.match(rest)
        body = rest[item.end():] if item else rest
        prefix = rest[: item.end()] if item else ""
        next_line = next((x for x in lines[number:] if x.strip()), "")
        continues = len(_LEADING.match(next_line).group(0)) >= width + len(prefix) > width
        wide = _WIDE_COLON_KEY.match(body)
        tight = _TIGHT_COLON_KEY.match(body)
        if wide and (not item or continues):
            fixes.append(f"“{wide.group(1)}”后面用了全角冒号“：”；字段名后应为半角冒号“:”再加一个空格，"
                         f"如“{wide.group(1)}: …”")
            body = f"{wide.group(1)}: {body[wide.end():].lstrip()}"
        elif tight and not (tight.group(1)[-1].isdigit() and re.match(r"\d{2}", body[tight.end():])) \
                and (not item or continues):  # 8:30 is a time, not a key
            fixes.append(f"“{tight.group(1)}:”后面缺少空格；冒号后应有一个空格，如“{tight.group(1)}: …”")
            body = f"{tight.group(1)}: {body[tight.end():]}"
        if fixes:
            hints.append((number, "；".join(fixes), repaired_lead + prefix + body))
        if _BLOCK_START.search(line.split(" #")[0] if " #" in line else line):
            block_parent = width
    return hints


def _syntax_problems(text: str, file: str, line_offset: int, exc: yaml.MarkedYAMLError, loader_class) -> list[Problem]:
    """Every syntax problem of a file that does not parse: each mistaken line (syntax_hints), and what the parser
    still finds once those lines are repaired (a problem of its own, unless it is right after one of them)."""
    hints = syntax_hints(text)
    if not hints:
        return [_parser_problem(exc, text, file, line_offset)]
    problems = [Problem(file, number + line_offset, "", message) for number, message, _ in hints]
    lines = text.split("\n")
    for number, _, repaired in hints:
        lines[number - 1] = repaired
    repaired_text = "\n".join(lines)
    near = {n for number, _, _ in hints for n in (number, number + 1)}
    try:
        loader = loader_class(repaired_text)
        try:
            loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as again:
        still = _parser_problem(again, repaired_text, file, line_offset)
        if still.line - line_offset not in near:
            problems.append(still)
    except yaml.YAMLError:
        pass
    return problems


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
        # An alias is written *name: a text without "*" has none, and is spared a pass of the parser over it.
        for event in yaml.parse(text, Loader=loader_class) if "*" in text else ():
            if isinstance(event, yaml.AliasEvent):
                raise InputError([Problem(file, event.start_mark.line + 1 + line_offset, "",
                                          "不支持 YAML 锚点与别名（& 和 *）；请把内容直接写出")])
    except yaml.YAMLError:
        pass  # syntax errors are reported below, with the parser's line
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError(_syntax_problems(text, file, line_offset, exc, loader_class)) from None
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
                if key[:1] in _ODD_SPACES:  # YAML takes a full-width space for text: the key is not where it looks
                    problems.append(Problem(file, key_node.start_mark.line + 1 + line_offset, "", _ODD_INDENT))
                    continue
                if key in out:
                    problems.append(Problem(file, key_node.start_mark.line + 1 + line_offset, _dotted(path + (key,)),
                                            "字段重复出现；同一字段只能写一次"))
                    continue
                inner = _path(path + (key,))
                located.key_lines[inner] = key_node.start_mark.line + 1
                out[key] = build(value_node, inner)
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, _path(path + (i,))) for i, item in enumerate(n.value)]
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


# Every path of a value, one tuple for all files: the files of a kind share their fields' paths, and each file's
# Located keeps the line of every path to the end of the build (two tuples a value, 3 kB a document, before).
_PATHS: dict[tuple, tuple] = {}


def _path(path: tuple) -> tuple:
    return _PATHS.setdefault(path, path)


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
