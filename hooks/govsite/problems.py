"""Problems found in editors' input, reported in Chinese as `文件:行 字段: 问题`."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # repository-relative POSIX path
    line: int  # 1-based; 0 when the whole file is meant
    field: str  # dotted field path as editors wrote it, '' when none
    message: str
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.field:
            return f"{where} {self.field}: {self.message}"
        return f"{where}: {self.message}"


@dataclass
class Problems:
    """Collects every problem of a build so editors see all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int, field_: str, message: str) -> None:
        self.items.append(Problem(file, line or 0, field_, message, "error"))

    def warning(self, file: str, line: int, field_: str, message: str) -> None:
        self.items.append(Problem(file, line or 0, field_, message, "warning"))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted({p for p in self.items if p.severity == "error"})

    @property
    def warnings(self) -> list[Problem]:
        return sorted({p for p in self.items if p.severity == "warning"})


class InputError(Exception):
    """Raised by loaders for a file that cannot be read at all."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
