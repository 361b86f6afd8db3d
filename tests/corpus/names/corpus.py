"""Reading the labelled name corpus (generate.py) and the texts that hold no names to protect.

Without names: every law text the site publishes (data/laws/texts/, the same files as the official texts the
project was given, versions included), split into sentences; the bureau's own 2023 rule-of-law report
(seed-report.txt, copied here; it names 习近平 as law texts name 孙中山 and 毛泽东); the generated sentences with
masked names, places and forms of address (negatives-generated.jsonl).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parents[2]
LAW_TEXTS = REPO / "data" / "laws" / "texts"
_SENTENCE_END = re.compile(r"(?<=[。；！？])")


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def positives(part: str) -> list[dict]:
    """The sentences with names: part is "tune" or "test" (held out, never used to tune the detector)."""
    return records(f"positives-{part}.jsonl")


def generated_negatives() -> list[dict]:
    return records("negatives-generated.jsonl")


def sentences(text: str) -> list[str]:
    """Sentences of a text: its lines, cut after 。；！？ (a law's article is one line of several sentences)."""
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
    return out


def law_files() -> list[Path]:
    return sorted(p for p in LAW_TEXTS.rglob("*.md") if p.name != "SOURCES.md")


def law_sentences() -> list[tuple[str, str]]:
    """(file name, sentence) of every law text the site publishes."""
    return [(path.name, s) for path in law_files() for s in sentences(path.read_text(encoding="utf-8"))]


def report_sentences() -> list[str]:
    return sentences((HERE / "seed-report.txt").read_text(encoding="utf-8"))
