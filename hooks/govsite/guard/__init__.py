"""The guard: what is published is what is checked.

A stage of its own, between the model and the web server:

- at load (`make check`, every build): personal data in every file under data/ and content/ (personal/, through
  the same readers as the output), placeholders and foreign hosts in editors' files (placeholders.py, called by
  types/inspection), unsafe HTML (sanitize.py), links at review (review.py: every internal link and attachment
  an editor writes, at its `文件:行`);
- on the output (every build, before site/ is replaced or a release is switched to): every file of the output
  folder read as the public gets it and checked (output.py), each finding mapped back to its source
  (sources.py), with the reviewed exceptions editors record in their documents (exceptions.py); the links of the
  whole output (links.py) before a release.

`output_problems` turns an output scan into the Chinese `文件:行 字段: 问题` lines editors read.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from . import exceptions, personal
from .output import RULE_HOST, RULE_PLACEHOLDER, RULE_UNREADABLE, OutputFinding, Scan
from .sources import SOURCE_FOLDERS, Origins, SourceFinder
from .tree import StatusTree

PERSONAL_RULES = (personal.RULE_ID, personal.RULE_MOBILE, personal.RULE_BANK, personal.RULE_NAME,
                  personal.RULE_ADDRESS, personal.RULE_HOME_PHONE, personal.RULE_LOCATION)


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # reviewed exceptions applied: shown, never silent


def exemption_register(finder: SourceFinder) -> exceptions.Register:
    texts = ((f, finder.raw_text(f) or "") for f in finder.all_sources() if f.endswith(exceptions.RECORDING_SUFFIXES))
    return exceptions.Register(texts)


class ExemptionSources:
    """make serve: the files of the sources that record exemptions, kept from one save to the next. Only the files
    whose status changed since the last save (guard.tree) are read again, through the engine's reader: the same
    files, in the same order, as exemption_register reads every time."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.trees = {folder: StatusTree(self.root / folder, skip_hidden=True) for folder in SOURCE_FOLDERS}
        self.recording: dict[str, str] = {}  # file -> its text, of the files that record any exemption

    def register(self, finder: SourceFinder) -> exceptions.Register:
        for folder, tree in self.trees.items():
            changed, gone = tree.refresh()
            for rel in gone:
                self.recording.pop(f"{folder}/{rel}", None)
            for rel in changed:
                file = f"{folder}/{rel}"
                if not file.endswith(exceptions.RECORDING_SUFFIXES):
                    continue
                text = finder.raw_text(file) or ""
                if exceptions.of_text(text, file):
                    self.recording[file] = text
                else:
                    self.recording.pop(file, None)
        order = {folder: n for n, folder in enumerate(SOURCE_FOLDERS)}  # as SourceFinder.all_sources lists them
        return exceptions.Register((file, self.recording[file]) for file in sorted(
            self.recording, key=lambda name: (order[name.split("/", 1)[0]], name.split("/"))))


def output_problems(root: Path, scan: Scan, origins: Origins, read=None, used_before=frozenset(),
                    sources: ExemptionSources | None = None) -> Report:
    """The output scan's findings as problems at their sources, one per source place and value (with how many
    published files show it), exceptions applied. `used_before`: exemptions the input scan applied; any other
    exemption of the site matched nothing and is reported so that it is removed. `sources` (make serve): the
    exemptions kept from the last save, read again where the sources changed."""
    finder = SourceFinder(root, origins, read)
    register = sources.register(finder) if sources is not None else exemption_register(finder)
    groups: dict[tuple, list[OutputFinding]] = {}
    places = {}
    for finding in scan.findings:
        place = finder.locate(finding.dest, finding.line, finding.place, finding.value)
        key = (place.file, place.line, place.field, finding.rule, finding.shown, finding.by_column, finding.note)
        groups.setdefault(key, []).append(finding)
        places[key] = place
    report = Report()
    for key in sorted(groups):
        file, line, field_, rule, shown, by_column, note = key
        found, place = groups[key], places[key]
        dests = sorted({f.dest for f in found})
        exemption = None
        if rule in PERSONAL_RULES and not file.startswith("site/"):
            value = found[0].value
            exemption = (register.for_text(file, value, finder.line_text(file, line)) if line
                         else register.for_attachment(file, value))
        elif rule == RULE_UNREADABLE and not file.startswith("site/"):
            exemption = register.reviewed_file(file)
            if exemption is not None and exemption.digest != exceptions.sha256_of(Path(root) / file):
                report.errors.append(Problem(file, 0, "", f"{note}。此文件登记为已人工审查（{exemption.file}:"
                                                          f"{exemption.line}），但登记后内容已改动：请重新审查，并把"
                                                          f"摘要改为 {exceptions.sha256_of(Path(root) / file)}"))
                continue
        message = _message(rule, shown, by_column, note, file, root)
        if not file.startswith("site/") and not origins.copies.get(dests[0]) == file:
            message += _where_published(dests)
        elif file.startswith("site/"):
            message += _made_from(place.made_from)
        if exemption is not None:
            report.notes.append(Problem(file, line, field_, f"已按登记的个人信息例外放行 {exemption.describe()}："
                                                            f"{message}", severity="note"))
        else:
            report.errors.append(Problem(file, line, field_, message))
    for exemption in register.unused():
        if exemption not in used_before:
            report.notes.append(Problem(exemption.file, exemption.line, exceptions.FIELD,
                                        exceptions.unused_text(exemption), severity="note"))
    return report


def link_problems(root: Path, broken: list[tuple[str, str, str]], origins: Origins, read=None,
                  site_url: str = "") -> list[Problem]:
    """Broken links of the whole output (links.check_site: `(file, link, what is wrong)`), at the source line that
    writes them when the page's sources hold the link's last segment, else at the page. The same target linked
    from a source and from the feeds and JSON files that carry the same text (with absolute addresses) is one
    problem, at the source: the editor fixes one line."""
    finder = SourceFinder(root, origins, read)
    problems: dict[tuple, Problem] = {}
    made: dict[str, list[tuple]] = {}  # target -> keys of problems only placed in the output
    sourced: dict[str, tuple] = {}  # target -> key of the first problem placed in a source
    for dest, link, reason in broken:
        path, _, fragment = link.partition("#")
        segment = path.rstrip("/").rsplit("/", 1)[-1]
        tokens = [t for t in (f"#{fragment}" if fragment else "", segment + ".md" if segment else "", segment) if t]
        place = finder.locate_in_made(dest, tokens)
        message = f"链接 {link} {reason}"
        key = (place.file, place.line, link)
        target = _link_target(dest, link, site_url)
        if place.file.startswith("site/"):
            message += _made_from(place.made_from)
            if not dest.endswith(".html"):  # a feed's or a JSON file's copy of a page's text
                made.setdefault(target, []).append(key)
        else:
            sourced.setdefault(target, key)
        problems.setdefault(key, Problem(place.file, place.line, place.field, message))
    for target, keys in made.items():
        first = sourced.get(target)
        if first is None:
            continue
        copies = sorted({k[0] for k in keys if k in problems})
        for k in keys:
            problems.pop(k, None)
        kept = problems[first]
        problems[first] = Problem(kept.file, kept.line, kept.field,
                                  f"{kept.message}（订阅源等 {len(copies)} 个文件转载了同一链接，如 {copies[0]}；"
                                  "改正这一处即可）")
    return [problems[k] for k in sorted(problems)]


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _link_target(dest: str, link: str, site_url: str) -> str:
    """Where a link of the output file `dest` leads, as a site-relative path and fragment (a/b/#c), whether
    written relative to the page or as an absolute address of the site."""
    path, _, fragment = link.partition("#")
    if site_url and path.startswith(site_url.rstrip("/") + "/"):
        path = path[len(site_url.rstrip("/")) + 1:]
    elif path.startswith("/"):
        path = path[1:]
    elif not _SCHEME.match(path):
        directory = posixpath.dirname(dest)
        path = posixpath.normpath(posixpath.join(directory, path)) if path else dest
        path = "" if path == "." else path
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/") + "#" + fragment


def _message(rule: str, shown: str, by_column: bool, note: str, file: str, root: Path) -> str:
    if rule in PERSONAL_RULES:
        return personal.Finding(file, 0, "", rule, shown, by_column=by_column).message()
    if rule == RULE_PLACEHOLDER:
        return f"公开内容中有占位文字“{shown}”：请换成正式内容"
    if rule == RULE_HOST:
        return f"链接到 {shown}，不在 data/site.yml 外部链接白名单中"
    if rule == RULE_UNREADABLE:
        digest = exceptions.sha256_of(Path(root) / file) if not file.startswith("site/") else ""
        how = (f"；如已由人逐页审查确认没有个人信息，可在链接它的信息中登记（个人信息例外：- 文件: 附件路径，"
               f"摘要: {digest}，原因: 已逐页人工审查）") if digest else ""
        return f"{note}{how}"
    return shown


def _where_published(dests: list[str]) -> str:
    first = f"site/{dests[0]}"
    return f"（发布后出现在 {first}" + (f" 等 {len(dests)} 个文件中）" if len(dests) > 1 else "）")


def _made_from(files: tuple[str, ...]) -> str:
    return f"（此文字由构建程序拼成，来自 {'、'.join(files)}）" if files else "（此文字由构建程序生成）"
