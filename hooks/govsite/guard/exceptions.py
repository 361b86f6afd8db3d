"""Reviewed exceptions to the personal-data guard, recorded by editors in the document itself.

Where the guard is wrong — a village name read as a person's name, a public figure in a law's preamble — the
editor writes, at the top of the document's YAML or front matter:

    个人信息例外:
      - 内容: 张庄村
        原因: 村名，不是姓名

A finding whose text lies inside a recorded 内容, on a line of that same file that holds the 内容 (or anywhere in
an attachment the file links to), is then a warning naming the exception and its reason (`make check` prints
it; a strict build does not stop for it), never silent. The same text in another file is still an error there.

An attachment the guard cannot read (a scan without a text layer) may be published once a person has read it
page by page: `- 文件: files/a.pdf  摘要: <its SHA-256>  原因: 扫描件，已逐页人工审查`. The digest ties the
review to those bytes: a changed file must be reviewed again. The guard's message gives the digest to copy.

Exceptions that match nothing are reported, so that stale ones are removed. The field is internal
(govsite/internal.py): it reaches no output and is not scanned itself.
"""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..internal import INTERNAL_FIELDS
from ..problems import InputError
from ..yamlfile import parse_yaml

FIELD = "个人信息例外"
assert FIELD in INTERNAL_FIELDS
RECORDING_SUFFIXES = (".yml", ".yaml", ".md", ".markdown")  # the files that can record exemptions


@dataclass(frozen=True)
class Exemption:
    file: str  # the document that records it
    line: int
    text: str = ""  # 内容: the text the guard is wrong about
    attachment: str = ""  # 文件, resolved to a repository path: a file reviewed by a person
    digest: str = ""  # 摘要: SHA-256 of the reviewed file
    reason: str = ""  # 原因

    def describe(self) -> str:
        return f"“{self.text or self.attachment}”（理由：{self.reason or '未写理由'}；{self.file}:{self.line}）"


def of_text(text: str, file: str) -> list[Exemption]:
    """The exemptions a YAML file or a Markdown file's front matter records ([] when none or unreadable: the
    file's loader reports its syntax and schema errors)."""
    if FIELD not in text:
        return []
    if file.endswith((".md", ".markdown")):
        if not text.startswith("---"):
            return []
        end = text.find("\n---", 3)
        if end < 0:
            return []
        yaml_text, offset = text[4:end], 1
    else:
        yaml_text, offset = text, 0
    try:
        located = parse_yaml(yaml_text, file)
    except InputError:
        return []
    data = located.data
    entries = data.get(FIELD) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    found = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        reason = str(entry.get("原因") or "").strip()
        line = located.line_of((FIELD, i)) + offset
        if isinstance(entry.get("内容"), str) and entry["内容"].strip():
            found.append(Exemption(file, line, text=entry["内容"].strip(), reason=reason))
        elif isinstance(entry.get("文件"), str) and isinstance(entry.get("摘要"), str):
            found.append(Exemption(file, line, attachment=resolve(file, entry["文件"].strip()),
                                   digest=entry["摘要"].strip().lower(), reason=reason))
    return found


def resolve(document: str, written: str) -> str:
    """A file written as an editor links it — relative to the document's Markdown file, or site-relative (from a
    YAML file, or starting with /) — as a repository path under content/."""
    written = written.split("#", 1)[0]
    if written.startswith("/") or not document.startswith("content/"):
        return posixpath.normpath("content/" + written.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(document), written))


def matching(exemptions: list[Exemption], value: str, line_text: str) -> Exemption | None:
    """The exemption covering a finding of `value` on a line reading `line_text` (None for an attachment's place:
    then the recorded text need only hold the value)."""
    value = value.strip()
    for exemption in exemptions:
        if exemption.text and value and value in exemption.text and (line_text is None or exemption.text in line_text):
            return exemption
    return None


def reviewed(exemptions: list[Exemption], attachment: str, data: bytes) -> tuple[Exemption | None, bool]:
    """(the exemption recording `attachment` as reviewed, whether its digest is that of `data`)."""
    for exemption in exemptions:
        if exemption.attachment == attachment:
            return exemption, exemption.digest == sha256(data)
    return None, False


def unused_text(exemption: Exemption) -> str:
    return f"登记的个人信息例外{exemption.describe()}没有对应的检查结果，可以删去这一项"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return ""


class Register:
    """Every exemption of the site, read from the files that record any, and which of them were used."""

    def __init__(self, texts):
        """`texts`: (repository file, its text) of every YAML and Markdown source."""
        self.by_file: dict[str, list[Exemption]] = {}
        self._texts: dict[str, str] = {}  # of the files that record exemptions: which attachments they link
        for file, text in texts:
            found = of_text(text, file)
            if found:
                self.by_file[file] = found
                self._texts[file] = text
        self.used: set[Exemption] = set()

    def all(self) -> list[Exemption]:
        return [e for found in self.by_file.values() for e in found]

    def for_text(self, file: str, value: str, line_text: str) -> Exemption | None:
        if not file.endswith(RECORDING_SUFFIXES):  # a text attachment (.txt, .csv …) records none: its documents do
            return self.for_attachment(file, value)
        found = matching(self.by_file.get(file, []), value, line_text)
        if found is not None:
            self.used.add(found)
        return found

    def for_attachment(self, attachment: str, value: str) -> Exemption | None:
        """A finding in an attachment: an exemption of a document that records the attachment as reviewed, or
        whose recorded text holds the value and which links the attachment (its text names the file)."""
        name = posixpath.basename(attachment)
        for exemption in self.all():
            if exemption.attachment == attachment or (exemption.text and value and value in exemption.text
                                                      and name in self._texts.get(exemption.file, "")):
                self.used.add(exemption)
                return exemption
        return None

    def reviewed_file(self, attachment: str) -> Exemption | None:
        found = next((e for e in self.all() if e.attachment == attachment), None)
        if found is not None:
            self.used.add(found)
        return found

    def unused(self) -> list[Exemption]:
        return [e for e in self.all() if e not in self.used]
