"""Telephone numbers the site publishes: which are the bureau's (data/site.yml 公开号码), where each is written.

When the office number changes, the editor changes data/site.yml; every file that still shows the old number
is then out of date. The advice for a number that is not (or no longer) public names those files, line by line,
instead of suggesting to publish the number again.
"""
from __future__ import annotations

import re
from pathlib import Path

from .problems import InputError
from .source import read_text, rel

# A landline with its area code (0371-12345678, 0371 12345678, (0371)12345678) or a mobile number.
_LANDLINE = re.compile(r"(?<![\d-])[(（]?(0\d{2,3})[)）]?[-－—\s]?(\d{7,8})(?![\d])")
_MOBILE = re.compile(r"(?<![\d])(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?![\d])")
_TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".txt", ".csv", ".html"}


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def numbers_in(text: str) -> list[str]:
    """Every telephone number in a text, as written."""
    found = [m.group(0).strip() for m in _LANDLINE.finditer(text)]
    found += [m.group(0).strip() for m in _MOBILE.finditer(text)]
    return found


def public_numbers(settings: dict) -> dict[str, str]:
    """digits -> 用途 of every entry of data/site.yml 公开号码 (an invalid file gives none)."""
    entries = settings.get("公开号码") if isinstance(settings, dict) else None
    if not isinstance(entries, list):
        return {}
    return {digits(e["号码"]): str(e.get("用途", "")) for e in entries
            if isinstance(e, dict) and isinstance(e.get("号码"), str)}


def where_written(root: Path, number: str, read=read_text, folders=("data", "content")) -> list[str]:
    """`file:line` of every line under data/ and content/ that shows this number (site.yml's own list aside)."""
    wanted = digits(number)
    places = []
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix.lower() not in _TEXT_SUFFIXES or not path.is_file():
                continue
            try:
                text = read(path, root)
            except InputError:
                continue
            if wanted[-7:] not in text and wanted[-7:] not in digits(text):
                continue
            file = rel(path, root)
            for number_, line in enumerate(text.split("\n"), start=1):
                if any(digits(n) == wanted for n in numbers_in(line)) and not _is_public_list_entry(file, line):
                    places.append(f"{file}:{number_}")
    return places


def _is_public_list_entry(file: str, line: str) -> bool:
    return file == "data/site.yml" and line.lstrip().startswith("- 号码:")


def not_public_advice(site, number: str) -> str:
    """What to do about a number that is not in 公开号码: change every file that still shows it (the office
    number changed), or publish it (a new number) — naming those files. Searched once per number and load."""
    found = site.models.setdefault("phones: where written", {})
    if digits(number) not in found:
        read = lambda path, root: site.read_text(path)  # read once per load
        found[digits(number)] = where_written(site.root, number, read)
    places = found[digits(number)]
    if len(places) > 1:
        listed = "、".join(places[:12]) + ("等" if len(places) > 12 else "")
        return (f"如果本局电话已经变更，这是旧号码：以下 {len(places)} 处仍写着 {number}，请逐一改为新号码：{listed}；"
                f"如果这是新启用的号码，请先把它加入 data/site.yml 的“公开号码”并写明用途")
    return "如果这是新启用的号码，请先把它加入 data/site.yml 的“公开号码”并写明用途；如果本局电话已经变更，请改为现在的号码"
