"""个人信息保护: scans every file in data/ and content/ before anything else is built (see govsite.guard.personal)."""
from __future__ import annotations

from pathlib import Path

from ...forked import Forked
from ...guard import exceptions
from ...guard import personal as privacy
from ...model import ContentType, Site
from ...problems import InputError
from ...source import read_text, rel

USED = "_exemptions_used"  # the exemptions this scan applied (the output guard reports those nothing used)


class PrivacyGuard(ContentType):
    name = "privacy"
    label = "个人信息保护"
    order = 0  # first: started before anything else loads; a leak stops the build whatever else is wrong

    def load(self, site: Site) -> None:
        allowed, names = privacy.allowed_numbers(site.settings), privacy.allowed_names(site.settings)
        addresses = privacy.allowed_addresses(site.settings)
        if site.memo is None:
            # A one-off build or check: the scan reads the files itself in a child process, beside the other
            # types' loads (at 10,000 documents it is 2 s of the load); its findings are reported in loaded().
            site.models[self.name] = Forked(_scan, site.root, allowed, names, addresses)
            return
        # make serve: here, with the load's shared reader (an unchanged file is not scanned again)
        self._report(site, *_scan(site.root, allowed, names, addresses, lambda path, root: site.read_text(path),
                                  site.listing, remember=True, is_file=site.is_file))

    def loaded(self, site: Site) -> None:
        pending = site.models.get(self.name)
        if isinstance(pending, Forked):
            self._report(site, *pending.result())

    def _report(self, site: Site, findings: list, unreadable: list) -> None:
        register = _exemptions(site) if findings or unreadable else None
        for finding in findings:
            line_text = _line(site, finding.file, finding.line) if finding.line else None
            exemption = (register.for_text(finding.file, finding.value, line_text) if finding.line
                         else register.for_attachment(finding.file, finding.value))
            if exemption is not None:
                site.problems.note(finding.file, finding.line, finding.field,
                                   f"已按登记的个人信息例外放行 {exemption.describe()}：{finding.message()}")
            else:
                site.problems.error(finding.file, finding.line, finding.field, finding.message())
        for item in unreadable:  # an attachment nobody can check would be published unread
            reviewed = register.reviewed_file(item.file)
            digest = exceptions.sha256_of(site.root / item.file)
            if reviewed is not None and reviewed.digest == digest:
                site.problems.note(item.file, 0, "", f"已登记为人工审查过的文件 {reviewed.describe()}：{item.message}")
            elif reviewed is not None:
                site.problems.error(item.file, 0, "", f"{item.message}。此文件登记为已人工审查（{reviewed.file}:"
                                                      f"{reviewed.line}），但登记后内容已改动：请重新审查，并把摘要改为 {digest}")
            else:
                site.problems.error(item.file, 0, "", f"{item.message}；如已由人逐页审查确认没有个人信息，可在链接它的信息中"
                                                      f"登记（个人信息例外：- 文件: 附件路径，摘要: {digest}，原因: 已逐页人工审查）")
        site.models[self.name] = findings
        site.models[USED] = frozenset(register.used) if register is not None else frozenset()


def _exemptions(site: Site) -> exceptions.Register:
    """Every exemption recorded in the site's YAML files and Markdown front matter."""
    texts = []
    for folder in (site.data_dir, site.content_dir):
        for path in site.listing(folder):
            if path.suffix in (".yml", ".yaml", ".md") and path.is_file():
                try:
                    texts.append((rel(path, site.root), site.read_text(path)))
                except InputError:
                    continue  # reported by the file's loader
    return exceptions.Register(texts)


def _line(site: Site, file: str, line: int) -> str:
    try:
        lines = site.read_text(site.root / file).split("\n")
    except InputError:
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _scan(root, allowed, names, addresses, read=read_text, listing=None, remember=False,
          is_file=Path.is_file) -> tuple[list, list]:
    """(findings, unreadable attachments) of every file under data/ and content/; `remember`: for the next scan
    (make serve), see privacy.scan_tree."""
    unreadable: list = []
    findings = privacy.scan_tree(root, allowed, public_names=names, read=read, unreadable=unreadable,
                                 remember=remember, listing=listing, public_addresses=addresses, is_file=is_file)
    return findings, unreadable


CONTENT_TYPE = PrivacyGuard()
