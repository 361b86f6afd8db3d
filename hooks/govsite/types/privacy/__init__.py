"""个人信息保护: scans every file in data/ and content/ before anything else is built (see govsite.guard.personal)."""
from __future__ import annotations

from ...forked import Forked
from ...guard import personal as privacy
from ...model import ContentType, Site
from ...source import read_text


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
                                  site.listing, remember=True))

    def loaded(self, site: Site) -> None:
        pending = site.models.get(self.name)
        if isinstance(pending, Forked):
            self._report(site, *pending.result())

    def _report(self, site: Site, findings: list, unreadable: list) -> None:
        for finding in findings:
            site.problems.error(finding.file, finding.line, finding.field, finding.message())
        for item in unreadable:  # an attachment nobody can check would be published unread
            site.problems.error(item.file, 0, "", item.message)
        site.models[self.name] = findings


def _scan(root, allowed, names, addresses, read=read_text, listing=None, remember=False) -> tuple[list, list]:
    """(findings, unreadable attachments) of every file under data/ and content/; `remember`: for the next scan
    (make serve), see privacy.scan_tree."""
    unreadable: list = []
    findings = privacy.scan_tree(root, allowed, public_names=names, read=read, unreadable=unreadable,
                                 remember=remember, listing=listing, public_addresses=addresses)
    return findings, unreadable


CONTENT_TYPE = PrivacyGuard()
