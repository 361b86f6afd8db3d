"""Problems found in editors' input, reported in Chinese as `文件:行 字段: 问题`.

Fields are recorded as paths (`问答[2].答`, 1-based list positions) and shown to editors in words
(`第2条问答的“答”`): `field_words`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# How a problem came about. A file that cannot be read at all ("read": encoding, syntax, tabs …) makes other
# files' checks report things that are only its consequences; "schema" problems concern one file against its
# own schema and never follow from another file; "rule" is everything else (cross-file rules, personal data).
READ, SCHEMA, RULE = "read", "schema", "rule"
HOLD_BACK_NOTE = "修正此处后再检查其他问题"


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # repository-relative POSIX path
    line: int  # 1-based; 0 when the whole file is meant
    field: str  # field path as recorded (`问答[2].答`), '' when none; shown by field_words
    message: str
    severity: str = "error"  # "error", "warning" or "note" (shown, stops nothing)
    kind: str = RULE

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.field:
            where = f"{where} {field_words(self.field)}".lstrip()
        return f"{where}: {self.message}" if where else self.message  # no file: a problem of the site as a whole


# List items are counted with the word editors use for them; anything else is a 项.
_COUNTED = {
    "问答": "第{n}条问答", "依据": "第{n}条依据", "设定依据": "第{n}条设定依据", "条件": "第{n}个条件",
    "附件": "第{n}个附件", "问题": "第{n}个问题", "服务对象": "第{n}类服务对象", "类别": "第{n}个类别",
    "办理流程": "办理流程第{n}步", "排名": "排名第{n}行", "选岗结果": "选岗结果第{n}行",
    "安置计划": "安置计划第{n}行", "清单": "清单第{n}项", "历史版本": "第{n}个历史版本",
    "公开号码": "公开号码第{n}项", "公开姓名": "公开姓名第{n}项",
    "题目": "第{n}题", "当事人": "第{n}个当事人", "争议焦点": "第{n}个争议焦点", "日期": "第{n}个日期",
}
_PATH_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")
_PATH = re.compile(r"^[^.\[\] “”]+(?:\[\d+\])*(?:\.[^.\[\] “”]+(?:\[\d+\])*)*$")


def field_words(path: str) -> str:
    """`问答[2].答` -> `第2条问答的“答”`; `依据[1]` -> `第1条依据`; `电话` -> `电话`.

    A field that is not a path (already words, e.g. a sheet and cell of an attachment) is returned as it is."""
    if not _PATH.match(path) or ("." not in path and "[" not in path):
        return path
    parts = []
    for name, indices in _PATH_PART.findall(path):
        numbers = [int(n) for n in re.findall(r"\d+", indices)]
        if not numbers:
            parts.append((name, None))
            continue
        parts.append((name, numbers[0]))
        parts.extend((None, n) for n in numbers[1:])  # a list inside a list: 第 n 项 of the item
    words: list[str] = []
    for i, (name, number) in enumerate(parts):
        last = i == len(parts) - 1
        if name is not None and name.isdigit() and number is None and words:
            words[-1] += f"“{name}”"  # a key editors chose, such as a year: 年份“2027”
            continue
        if name is None:
            words.append(f"第{number}项")
        elif number is None:
            words.append(f"“{name}”" if last else name)
        elif last and name not in _COUNTED:
            words.append(f"“{name}”第{number}项")
        else:
            words.append(_COUNTED.get(name, name + "第{n}项").format(n=number))
    return "的".join(words)


@dataclass
class Problems:
    """Collects every problem of a build so editors see all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int, field_: str, message: str) -> None:
        self.items.append(Problem(file, line or 0, field_, message, "error"))

    def warning(self, file: str, line: int, field_: str, message: str) -> None:
        self.items.append(Problem(file, line or 0, field_, message, "warning"))

    def note(self, file: str, line: int, field_: str, message: str) -> None:
        """Something editors must see but that stops nothing, not even a strict build: a reviewed exception to
        the personal-data guard (make check prints it as 提示)."""
        self.items.append(Problem(file, line or 0, field_, message, "note"))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted({p for p in self.items if p.severity == "error"})

    @property
    def warnings(self) -> list[Problem]:
        return sorted({p for p in self.items if p.severity == "warning"})

    @property
    def notes(self) -> list[Problem]:
        return sorted({p for p in self.items if p.severity == "note"})

    def shown(self) -> tuple[list[Problem], list[Problem], int]:
        """(errors, warnings, held back) as editors should see them: the cause first.

        When a file cannot be read, problems elsewhere may be nothing but its consequences (one tab in
        data/site.yml leaves every page without its settings). Then only what cannot follow from it is listed,
        unreadable files first: every read or syntax problem, and each file's own schema problems. The rest is
        held back, and the first unreadable file's message says so: fix it, then check again."""
        errors, warnings = self.errors, self.warnings
        unreadable = [p for p in errors if p.kind == READ]
        if not unreadable:
            return errors, warnings, 0
        independent = [p for p in errors if p.kind == SCHEMA]
        held = len(errors) - len(unreadable) - len(independent) + len(warnings)
        if held:
            first = unreadable[0]
            unreadable[0] = replace(first, message=f"{first.message}。{HOLD_BACK_NOTE}"
                                                   f"（另有 {held} 个问题可能由此引起，暂不列出）")
        return unreadable + independent, [], held


class InputError(Exception):
    """Raised by loaders for a file that cannot be read at all."""

    def __init__(self, problems: list[Problem]):
        problems = [replace(p, kind=READ) for p in problems]
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
