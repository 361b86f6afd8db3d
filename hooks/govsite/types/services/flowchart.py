"""Layout of a guide's 办理流程 as a vertical flow chart; overrides/govsite/services/flowchart.svg draws it.

Steps go down one column; a step with 判断 is a diamond whose "否" branch leads right to a dashed box
(the 否则 text). The chart is narrow (400 units) so it stays legible when a phone scales it down.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

WIDTH = 400
MAIN_X, MAIN_W = 12, 212
SIDE_X, SIDE_W = 268, 124
FONT = 14
LINE = 19
PAD = 10
GAP = 30
DIAMOND_MIN_H = 76
NO_BREAK_BEFORE = set("，。、；：？！）》”")


@dataclass
class Box:
    kind: str  # "step", "last", "decision", "side"
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    small: str = ""  # a second, smaller line (the time limit)

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def text_top(self) -> float:
        """Baseline of the first line, so that all lines are centred vertically."""
        count = len(self.lines) + (1 if self.small else 0)
        return self.cy - (count - 1) * LINE / 2 + FONT * 0.35

    @property
    def diamond(self) -> str:
        return f"{self.cx},{self.y} {self.x + self.w},{self.cy} {self.cx},{self.y + self.h} {self.x},{self.cy}"


@dataclass
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str = ""

    @property
    def label_x(self) -> float:
        return (self.x1 + self.x2) / 2 + (8 if self.x1 == self.x2 else 0)

    @property
    def label_y(self) -> float:
        return (self.y1 + self.y2) / 2 + (FONT * 0.35 if self.x1 == self.x2 else -7)


@dataclass
class Chart:
    width: int
    height: float
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)


def text_width(text: str) -> float:
    """Width in em: CJK and full-width characters are 1, the rest about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def wrap(text: str, width_em: float) -> list[str]:
    lines, current = [], ""
    for ch in text:
        if current and text_width(current + ch) > width_em and ch not in NO_BREAK_BEFORE:
            lines.append(current)
            current = ch
        else:
            current += ch
    if current:
        lines.append(current)
    return lines


def time_label(days: int | None) -> str:
    if days is None:
        return ""
    return "当场办理" if days == 0 else f"{days}个工作日"


def layout(steps: list[dict]) -> Chart:
    """steps: the guide's 办理流程 entries (步骤, 说明, 时限, 判断, 否则)."""
    chart = Chart(width=WIDTH, height=0)
    y = PAD
    previous: Box | None = None
    for index, step in enumerate(steps, 1):
        question = step.get("判断")
        if question:
            lines = wrap(f"{index}. {question}", 10)
            h = max(DIAMOND_MIN_H, len(lines) * LINE + 44)
            box = Box("decision", MAIN_X, y, MAIN_W, h, lines)
        else:
            lines = wrap(f"{index}. {step['步骤']}", (MAIN_W - 2 * PAD) / FONT)
            small = time_label(step.get("时限"))
            h = (len(lines) + (1 if small else 0)) * LINE + 2 * PAD
            kind = "last" if index == len(steps) else "step"
            box = Box(kind, MAIN_X, y, MAIN_W, h, lines, small)
        if previous is not None:
            label = "是" if previous.kind == "decision" else ""
            chart.arrows.append(Arrow(previous.cx, previous.y + previous.h, box.cx, box.y, label))
        chart.boxes.append(box)
        bottom = box.y + box.h
        if question and step.get("否则"):
            side_lines = wrap(step["否则"], (SIDE_W - 2 * PAD) / FONT)
            side_h = len(side_lines) * LINE + 2 * PAD
            side = Box("side", SIDE_X, box.cy - side_h / 2, SIDE_W, side_h, side_lines)
            if side.y < box.y:  # a tall side box must not overlap the box above
                shift = box.y - side.y
                box.y += shift
                side.y += shift
                if chart.arrows and chart.arrows[-1].y2 == y:
                    chart.arrows[-1].y2 = box.y
                bottom = box.y + box.h
            chart.boxes.append(side)
            chart.arrows.append(Arrow(box.x + box.w, box.cy, side.x, side.cy, "否"))
            bottom = max(bottom, side.y + side.h)
        previous = box
        y = bottom + GAP
    chart.height = y - GAP + PAD
    return chart
