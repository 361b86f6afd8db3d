"""The output guard: what is published is what is checked.

After a build has written its output folder (make build's staging folder, a release's incoming folder, a
preview's) and before anything replaces site/ or reaches the web server, every file in that folder is read the
way the public will get it (guard.files.read: pages with their attributes, feeds, JSON, the search index, the
sitemap, every attachment in every format and encoding) and every rule is applied to what was read: personal data
(guard.personal), placeholder text and links to hosts off the allow-list (guard.placeholders), files that cannot
be read. A file nobody anticipated — a new template, type, feed or format — is covered because the guard walks
the folder, not the list of things the code knows it makes.

Findings are mapped back to their sources (guard.sources) so editors still read `文件:行 字段: 问题`; reviewed
exceptions recorded in a source (guard.exceptions) turn its findings into warnings.

Cost. Pages are the bulk of a site: under `mkdocs build` each page is checked in the search index's child
process as MkDocs writes it (FileCheck is sent there), on the machine's other core; the folder walk afterwards
reads every file again only to compare its digest with what was checked, and reads and checks what differs or was
not seen (feeds, JSON, the index, attachments, the theme's files). A file whose bytes were checked before — an
attachment the input scan read, a page under make serve that did not change — is not read again (`Checked`).
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import files, known_clean, links, personal, placeholders
from .files.html import PageParts

RULE_PLACEHOLDER = "占位文字"
RULE_HOST = "外部链接"
RULE_UNREADABLE = "无法读取"


@dataclass(frozen=True, order=True)
class OutputFinding:
    """One finding in one published file. `dest`: its path in the output folder; `line` in a text file or
    `place` in words (工作表“名单”C3单元格)."""

    dest: str
    line: int
    place: str
    rule: str
    shown: str  # masked for personal data; the text itself for the other rules
    by_column: bool = False
    note: str = ""  # what the reader said (an unreadable file's reason)
    value: str = field(default="", compare=False, repr=False)  # as written: found again in the sources, never printed


class FileCheck:
    """Every rule on one published file. Sent to the search index's child process (it must pickle): it holds
    the rules' settings, and the parts of pages found clean (files.html.PageParts: what it learns of the pages it
    checks makes the next pages cheaper to read)."""

    def __init__(self, rules: personal.Rules, allow_hosts: frozenset[str]):
        self.rules = rules
        self.allow = frozenset(allow_hosts)
        self.pages = PageParts()

    def key(self) -> tuple:
        """What the findings depend on besides a file's bytes and name."""
        return (self.rules, tuple(sorted(self.allow)))

    def stable_key(self) -> bytes:
        """key() as the same bytes in every process (known_clean: remembered from one build to the next)."""
        if getattr(self, "_stable_key", None) is None:
            self._stable_key = known_clean.rules_key(self.key())
        return self._stable_key

    def __call__(self, dest: str, data: bytes) -> tuple[OutputFinding, ...]:
        return self.check(dest, data)[0]

    def check(self, dest: str, data: bytes) -> tuple[tuple[OutputFinding, ...], tuple | None]:
        """(findings, (links, ids) of a page read as HTML, else None)."""
        found: list[OutputFinding] = []
        try:
            extracted = files.read(data, dest, self.pages)  # media (images, the index's postings) may carry text
        except files.Unreadable as exc:
            return (OutputFinding(dest, 0, "", RULE_UNREADABLE, "", note=str(exc)),), None
        personal_found = personal.scan_extracted(extracted, dest, self.rules)
        for finding in personal_found:
            found.append(OutputFinding(dest, finding.line, "" if finding.line else finding.field, finding.rule,
                                       finding.shown, by_column=finding.by_column, value=finding.value))
        if extracted.parts:  # the parts of the page read in full: clean where no finding lies on their lines
            lines = {f.line for f in personal_found}
            if 0 not in lines:
                self.pages.settle(extracted.parts, lines)
        suffix = os.path.splitext(dest)[1].lower()
        # Read as the reader read it; a file named so that is no text (a Word file, an image) has none to look in.
        # Stylesheets and SVG images are checked for what they load from other hosts (a web font, an image): a
        # visitor's browser would fetch it as it does a page's script.
        if suffix in FINDERS and extracted.text:
            text = extracted.text
            find = FINDERS[suffix]
            texts, hosts = find(text, self.allow)
            for shown in dict.fromkeys(texts):
                found.append(OutputFinding(dest, _line_of(text, shown), "", RULE_PLACEHOLDER, shown, value=shown))
            for host in hosts:
                found.append(OutputFinding(dest, _line_of(text, host), "", RULE_HOST, host, value=host))
        page_links = (extracted.links, extracted.ids) if extracted.links is not None else None
        return tuple(sorted(set(found))), page_links


# Placeholder text and hosts not allowed, by the kind of text file (its suffix).
FINDERS = {".html": placeholders.page_findings, ".htm": placeholders.page_findings,
           ".svg": placeholders.page_findings, ".css": placeholders.stylesheet_findings,
           ".xml": placeholders.feed_findings, ".atom": placeholders.feed_findings, ".rss": placeholders.feed_findings}


def _line_of(text: str, value: str) -> int:
    at = text.find(value)
    return text.count("\n", 0, at) + 1 if at >= 0 else 0


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


class Checked:
    """Findings by (digest of a file's bytes, its name's suffix, the rules): a file whose bytes were checked
    under the same rules is not read again — an attachment the input scan read and the build copied, a page that
    did not change between two saves of make serve. Kept for the life of the process (make serve)."""

    def __init__(self):
        self._found: dict[tuple, tuple[OutputFinding, ...]] = {}

    def get(self, key: tuple) -> tuple[OutputFinding, ...] | None:
        return self._found.get(key)

    def put(self, key: tuple, findings: tuple[OutputFinding, ...]) -> None:
        self._found[key] = findings

    def retain(self, keys: Iterable[tuple]) -> None:
        """Forget what is no longer in any output (make serve: bounded by the site, not by the session)."""
        keep = set(keys)
        self._found = {k: v for k, v in self._found.items() if k in keep}


CHECKED = Checked()


@dataclass
class Scan:
    """The findings of one output folder, with the digest of every file (so a stream of pages checked elsewhere
    can be matched with what is on disk)."""

    findings: list[OutputFinding] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    read: int = 0  # files read here (and checked, unless make serve's last scan checked the same bytes)
    reused: int = 0  # files whose digest matched a check made before
    known: int = 0  # files found clean by an earlier build (known_clean), not read again
    cpu: float = 0.0  # seconds of CPU the checks took (the index child's, for the log)
    links: dict[str, tuple[tuple[str, ...], frozenset[str]]] = field(default_factory=dict)  # page -> (links, ids)


def check_bytes(check: FileCheck, dest: str, data: bytes, scan: Scan, checked: Checked | None = None,
                known: known_clean.KnownClean | None = None) -> None:
    """Check one file's bytes (a page as MkDocs writes it, in the index child or under make serve). `checked`:
    this process's memory of content checked; `known`: files found clean in earlier builds (known_clean)."""
    sha = scan.digests[dest] = digest(data)
    key = (sha, os.path.splitext(dest)[1].lower(), check.key())
    found = checked.get(key) if checked is not None else None
    page_links = None
    if found is None:
        started = time.process_time()
        earlier = (known_clean.KNOWN_CLEAN if known is None else known).scope(check.stable_key)
        clean_key = earlier.key(key[1], data)
        if earlier.clean(clean_key):
            found = ()
            scan.known += 1
        else:
            found, page_links = check.check(dest, data)
            scan.read += 1
            earlier.found(clean_key, found)
        scan.cpu += time.process_time() - started
        if checked is not None:
            checked.put(key, _rename(found, ""))
    else:
        scan.reused += 1
        found = _rename(found, dest)
    if dest.endswith(".html"):  # for the link check of the whole output (links.check_site)
        scan.links[dest] = page_links if page_links is not None else links.fast_links(data.decode("utf-8", "replace"))
    scan.findings.extend(found)


def _rename(found: tuple[OutputFinding, ...], dest: str) -> tuple[OutputFinding, ...]:
    """Findings kept by content are stored without a file name and given the name of the file they are in."""
    if not found:
        return found
    return tuple(OutputFinding(dest, f.line, f.place, f.rule, f.shown, f.by_column, f.note, f.value) for f in found)


def scan_folder(folder: Path, check: FileCheck, streamed: Scan | None = None,
                checked: Checked | None = None, by_status: bool = False) -> Scan:
    """Every file of the output `folder`, read as the public gets it. `streamed`: pages already checked as they
    were written (their findings count when the file on disk has the digest that was checked; otherwise the file
    is checked again). `checked`: content checked before (attachments read by the input scan; make serve).
    `by_status` (make serve, which rewrites only pages that changed): a file whose status (inode, size, times)
    is what it was at its last scan is not read again."""
    checked = CHECKED if checked is None else checked
    scan = Scan()
    statuses = _STATUSES if by_status else None
    if statuses is not None:
        last, statuses = dict(statuses), _STATUSES
        statuses.clear()
        last_json = dict(_JSON_CLEAN)
        _JSON_CLEAN.clear()
        if _STATUSES_UNDER[0] != check.key():  # a number, name, address or host allowed, or no longer: every file
            last = {}                          # that was judged under the other rules is judged again
        _STATUSES_UNDER[0] = check.key()
    seen_before = streamed.digests if streamed is not None else {}
    by_dest: dict[str, list[OutputFinding]] = {}
    for finding in (streamed.findings if streamed is not None else ()):
        by_dest.setdefault(finding.dest, []).append(finding)
    now = time.time()
    for dest, name in _listing(folder):
        if statuses is not None:
            status = _status(name, now)
            before = last.get(name)
            if status is not None and before is not None and before[0] == status and seen_before.get(dest) in (None, before[1]):
                statuses[name] = before
                if name in last_json:
                    _JSON_CLEAN[name] = last_json[name]
                scan.digests[dest] = before[1]
                if dest in _LINKS:
                    scan.links[dest] = _LINKS[dest]
                scan.findings.extend(_rename(before[2], dest))
                scan.reused += 1
                continue
        try:
            with open(name, "rb") as opened:
                data = opened.read()
        except OSError as exc:
            scan.findings.append(OutputFinding(dest, 0, "", RULE_UNREADABLE, "", note=f"无法读取（{exc.strerror}）"))
            continue
        sha = digest(data)
        before = last.get(name) if statuses is not None else None
        if (before is not None and before[1] == sha and (dest in _LINKS or not dest.endswith(".html"))
                and seen_before.get(dest) in (None, sha)):
            # read again (written too recently for its status to tell, at the last scan or now), with the very
            # bytes the last scan checked: its findings and links hold (make serve's first save, seconds after
            # the first build wrote every page, would otherwise parse every page again)
            statuses[name] = (_status(name, now), sha, before[2])
            if name in last_json:
                _JSON_CLEAN[name] = last_json[name]
            scan.digests[dest] = sha
            if dest in _LINKS:
                scan.links[dest] = _LINKS[dest]
            scan.findings.extend(_rename(before[2], dest))
            scan.read += 1
            continue
        if seen_before.get(dest) == sha:
            scan.digests[dest] = sha
            if dest in streamed.links:
                scan.links[dest] = streamed.links[dest]
            scan.findings.extend(by_dest.get(dest, ()))
            scan.reused += 1
            if statuses is not None:  # make serve: the next scan passes over it too (else it parses it again)
                statuses[name] = (_status(name, now), sha, _rename(tuple(by_dest.get(dest, ())), ""))
            continue
        if statuses is not None and dest.endswith(".json"):
            earlier = last_json.get(name)
            if earlier is not None and earlier[0] == check.key() and _clean_after_change(check, dest, earlier, data):
                # make serve: a JSON file the engine rewrote with a few lines changed (api/catalogue.json after
                # one title changed: 12 MB at 10,000 documents): its changed lines are read, the rest was read
                # and found clean under the same rules when it had these bytes
                scan.digests[dest] = sha
                scan.read += 1
                statuses[name] = (_status(name, now), sha, ())
                _JSON_CLEAN[name] = (check.key(), data, True)
                continue
        before_count = len(scan.findings)
        check_bytes(check, dest, data, scan, checked)
        if statuses is not None:  # a status of None (written too recently) is never matched, only the digest
            found = _rename(tuple(scan.findings[before_count:]), "")
            statuses[name] = (_status(name, now), scan.digests[dest], found)
            if dest.endswith(".json") and not found and len(data) >= _JSON_BY_CHANGE:
                _JSON_CLEAN[name] = (check.key(), data, False)
    if statuses is not None:
        _LINKS.clear()
        _LINKS.update(scan.links)
    known_clean.KNOWN_CLEAN.save()
    return scan


# make serve: path -> (status at its last scan, digest, findings without a file name); pages' links and ids
_STATUSES: dict[str, tuple] = {}
_STATUSES_UNDER: list = [None]  # the rules (FileCheck.key()) those findings were made under
_LINKS: dict[str, tuple] = {}
# make serve: JSON files whose last check found nothing: path -> (the rules, their bytes then, whether those bytes
# are known to be read by read_json through json.loads), for the check of the lines a rewrite changed
_JSON_CLEAN: dict[str, tuple] = {}
_JSON_BY_CHANGE = 64 * 1024  # bytes: a smaller file is read whole again (and its bytes are not kept)


def _clean_after_change(check: FileCheck, dest: str, earlier: tuple, data: bytes) -> bool:
    """Whether `data`, the new bytes of a JSON file whose `earlier` bytes were found clean under the same rules,
    is clean too, read only where it differs (jsonfile.changed_units); False when that cannot be told (then the
    caller reads the whole file). Both versions must be read the same way by files.read: the same first kilobyte
    (which decides a file's kind), not the search index's JSON, UTF-8 as decoding judges it, plain JSON."""
    from .files import jsonfile
    from .files.encoding import decode
    from .files.model import Extracted, Unreadable
    from .files.searchindex import _INDEX_JSON, search_index_kind

    _rules, before, verified = earlier
    if (files.suffix_of(dest) != ".json" or before[:1024] != data[:1024] or _INDEX_JSON.search(dest)
            or search_index_kind(dest, data) or data.startswith(b"\xef\xbb\xbf")):
        return False
    texts = []
    for version in ((data,) if verified else (before, data)):
        try:
            decoded = decode(version)
        except Unreadable:
            return False
        if decoded.encoding != "utf-8" or not jsonfile.plain_json(decoded.text):
            return False
        texts.append(decoded.text)
    units = jsonfile.changed_units(before, data, texts[-1])
    if units is None:
        return False
    return not personal.scan_extracted(Extracted(lines=units), dest, check.rules)


def _status(path, now: float | None = None) -> tuple | None:
    """A file's status as make's and git's change checks read it. A file written within the last two seconds (of
    `now`, by default the time of the call) may be written again within the same timestamp: its status says
    nothing (read it)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if (time.time() if now is None else now) - st.st_mtime < 2:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _listing(folder: Path) -> list[tuple[str, str]]:
    """(path in the output, path on disk) of every file under `folder`, in the order of sorted(_walk(folder)).
    Strings, not a Path per file: under make serve the walk of tens of thousands of unchanged files is most of
    what a scan does, and a Path and its relative_to cost more than the stat that decides the file is unchanged."""
    base = str(folder)
    found = []
    for root, dirs, names in os.walk(base):
        dirs.sort()
        prefix = os.path.relpath(root, base).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found += [(prefix + name, os.path.join(root, name)) for name in names]
    found.sort(key=lambda entry: entry[0].split("/"))  # as Paths sort: by their parts
    return found


def unseen_files(folder: Path, seen) -> Iterable[tuple[str, bytes]]:
    """(path in the output, bytes) of every file of `folder` whose path is not in `seen`."""
    for path in sorted(_walk(folder)):
        dest = path.relative_to(folder).as_posix()
        if dest not in seen:
            try:
                yield dest, path.read_bytes()
            except OSError:
                continue  # the walk of the folder reports it


def _walk(folder: Path):
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            yield Path(root) / name


def remember(checked_files: Iterable[tuple[bytes | str, str, tuple]], check: FileCheck) -> None:
    """Findings the input scan made of files the build copies as they are (attachments): (digest, suffix,
    findings) — so the output scan does not read them again."""
    for sha, suffix, found in checked_files:
        CHECKED.put((sha, suffix, check.key()), found)
