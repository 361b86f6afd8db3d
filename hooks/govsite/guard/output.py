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

import functools
import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import files, known_clean, links, personal, placeholders, tree
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
            if extracted.passed and find is placeholders.page_findings:
                texts, hosts = placeholders.page_findings_passing(text, data, extracted.line_starts,
                                                                  extracted.passed, self.pages, self.allow)
            else:
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
                checked: Checked | None = None, by_status: bool = False, leave_out=frozenset()) -> Scan:
    """_scan_contents, and the name of every file: its address publishes it (李建国身份证.pdf), whichever stage
    named it."""
    scan = _scan_contents(folder, check, streamed, checked, by_status, leave_out)
    for dest in scan.digests:
        scan.findings.extend(name_findings(dest, check.rules))
    return scan


@functools.lru_cache(maxsize=65536)
def name_findings(dest: str, rules: personal.Rules) -> tuple[OutputFinding, ...]:
    """What a published file's name shows (scan_folder; make serve's search index, whose files its own process
    checks: govsite.search.build_index)."""
    if dest.isascii() and "%" not in dest and not any(ch.isdigit() for ch in dest):
        return ()  # speed: most files' addresses (pages, assets) hold neither Chinese nor a number
    return tuple(OutputFinding(dest, 0, "文件名", f.rule, f.shown, value=f.value)
                 for f in personal.scan_file_name(dest, rules.numbers, rules.names))


def _scan_contents(folder: Path, check: FileCheck, streamed: Scan | None = None,
                   checked: Checked | None = None, by_status: bool = False, leave_out=frozenset()) -> Scan:
    """Every file of the output `folder`, read as the public gets it. `streamed`: pages already checked as they
    were written (their findings count when the file on disk has the digest that was checked; otherwise the file
    is checked again). `checked`: content checked before (attachments read by the input scan; make serve).
    `by_status` (make serve, which rewrites only pages that changed): only the files whose status (inode, size,
    times) changed since the last scan of the folder are read (_scan_served). `leave_out` (with `by_status`):
    folders of `folder` that are checked by what writes them, not by this scan (make serve's search index, made
    after the scan by a process that checks it: govsite.search.build_index_later)."""
    checked = CHECKED if checked is None else checked
    if by_status:
        return _scan_served(folder, check, streamed, checked, frozenset(leave_out))
    if leave_out:
        raise ValueError("scan_folder: leave_out is for make serve's scan (by_status) only")
    scan = Scan()
    seen_before = streamed.digests if streamed is not None else {}
    by_dest = _by_dest(streamed)
    for dest, name in _listing(folder):
        try:
            with open(name, "rb") as opened:
                data = opened.read()
        except OSError as exc:
            scan.findings.append(OutputFinding(dest, 0, "", RULE_UNREADABLE, "", note=f"无法读取（{exc.strerror}）"))
            continue
        sha = digest(data)
        if seen_before.get(dest) == sha:
            scan.digests[dest] = sha
            if dest in streamed.links:
                scan.links[dest] = streamed.links[dest]
            scan.findings.extend(by_dest.get(dest, ()))
            scan.reused += 1
            continue
        check_bytes(check, dest, data, scan, checked)
    known_clean.KNOWN_CLEAN.save()
    return scan


def _by_dest(streamed: Scan | None) -> dict[str, list[OutputFinding]]:
    by_dest: dict[str, list[OutputFinding]] = {}
    for finding in (streamed.findings if streamed is not None else ()):
        by_dest.setdefault(finding.dest, []).append(finding)
    return by_dest


def _path_order(dest: str) -> list[str]:
    return dest.split("/")  # as Paths sort: by their parts


class _Served:
    """make serve: the output folder as its last scan left it, file by file."""

    def __init__(self, folder: str, rules: tuple, leave_out: frozenset = frozenset()):
        self.folder = folder
        self.rules = rules  # FileCheck.key(): findings made under other rules are made again
        self.leave_out = leave_out  # folders not scanned (scan_folder)
        # which files changed since (whatever wrote them: guard.tree)
        self.tree = tree.StatusTree(folder, leave_out=leave_out)
        self.files: dict[str, tuple] = {}  # dest -> (digest, findings without a file name)
        self.digests: dict[str, str] = {}  # dest -> digest (Scan.digests)
        self.found: dict[str, tuple] = {}  # dest -> findings, of the files that have any
        self.links: dict[str, tuple] = {}  # page -> (links, ids) (Scan.links)
        # JSON files whose last check found nothing: dest -> (the rules, their bytes then, whether those bytes
        # are known to be read by read_json through json.loads), for the check of the lines a rewrite changed
        self.json_clean: dict[str, tuple] = {}

    def forget(self, dest: str) -> None:
        for kept in (self.files, self.digests, self.found, self.links, self.json_clean):
            kept.pop(dest, None)

    def settle(self, dest: str, sha: str, found: tuple, links=None) -> None:
        """`dest` holds bytes of digest `sha`, whose findings (without a file name) are `found`."""
        self.files[dest] = (sha, found)
        self.digests[dest] = sha
        if found:
            self.found[dest] = _rename(found, dest)
        else:
            self.found.pop(dest, None)
        if links is not None:
            self.links[dest] = links
        else:
            self.links.pop(dest, None)


_SERVED: list[_Served | None] = [None]  # the folder make serve scans (one at a time: another one starts afresh)


def _scan_served(folder: Path, check: FileCheck, streamed: Scan | None, checked: Checked,
                 leave_out: frozenset = frozenset()) -> Scan:
    """scan_folder under make serve. The files read are those whose status differs from the last scan's (found by
    one status per folder and per file, whatever wrote them: guard.tree) and the pages streamed in this build;
    every other file holds the bytes the last scan checked, and its findings and links are kept. A file read again
    with the very bytes checked then keeps them too (a file too young for its status to tell: the first save,
    seconds after the first build wrote every page); a large JSON file found clean is read where its lines changed
    (_clean_after_change)."""
    state = _SERVED[0]
    if (state is None or state.folder != str(folder) or state.rules != check.key()
            or state.leave_out != leave_out):
        # the first scan, or a number, name, address or host allowed or no longer: every file is judged again
        state = _SERVED[0] = _Served(str(folder), check.key(), leave_out)
    scan = Scan()
    seen_before = streamed.digests if streamed is not None else {}
    by_dest = _by_dest(streamed)
    changed, gone = state.tree.refresh()
    for dest in gone:
        state.forget(dest)
    candidates = set(changed)
    # a page checked as it was written with other bytes than the last scan's (never expected: it was written, so
    # its status changed) is read, whatever its status says
    candidates.update(dest for dest, sha in seen_before.items()
                      if dest in state.tree.files and state.files.get(dest, (None,))[0] != sha)
    for dest in sorted(candidates, key=_path_order):
        try:
            with open(os.path.join(state.folder, dest), "rb") as opened:
                data = opened.read()
        except OSError as exc:
            state.forget(dest)
            state.tree.files[dest] = None  # read again next time
            state.found[dest] = (OutputFinding(dest, 0, "", RULE_UNREADABLE, "", note=f"无法读取（{exc.strerror}）"),)
            continue
        sha = digest(data)
        before = state.files.get(dest)
        if (before is not None and before[0] == sha and (dest in state.links or not dest.endswith(".html"))
                and seen_before.get(dest) in (None, sha)):
            scan.read += 1  # the very bytes the last scan checked: its findings and links hold
            continue
        if seen_before.get(dest) == sha:  # a page checked as it was written (on_post_page)
            state.json_clean.pop(dest, None)
            state.settle(dest, sha, _rename(tuple(by_dest.get(dest, ())), ""), streamed.links.get(dest))
            scan.reused += 1
            continue
        earlier = state.json_clean.pop(dest, None) if dest.endswith(".json") else None
        if earlier is not None and earlier[0] == check.key() and _clean_after_change(check, dest, earlier, data):
            # a JSON file the engine rewrote with a few lines changed (api/catalogue.json after one title changed:
            # 12 MB at 10,000 documents): its changed lines are read, the rest was read and found clean under the
            # same rules when it had these bytes
            state.settle(dest, sha, ())
            state.json_clean[dest] = (check.key(), data, True)
            scan.read += 1
            continue
        one = Scan()
        check_bytes(check, dest, data, one, checked)
        found = _rename(tuple(one.findings), "")
        state.settle(dest, sha, found, one.links.get(dest))
        scan.read, scan.reused = scan.read + one.read, scan.reused + one.reused
        scan.known, scan.cpu = scan.known + one.known, scan.cpu + one.cpu
        if dest.endswith(".json") and not found and len(data) >= _JSON_BY_CHANGE:
            state.json_clean[dest] = (check.key(), data, False)
    scan.reused += len(state.tree.files) - len(candidates)
    scan.digests, scan.links = state.digests, state.links
    scan.findings = [f for dest in sorted(state.found, key=_path_order) for f in state.found[dest]]
    known_clean.KNOWN_CLEAN.save()
    return scan


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
