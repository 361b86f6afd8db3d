"""个人信息保护: scans every file in data/ and content/ before anything else is built (see govsite.privacy)."""
from __future__ import annotations

from ... import privacy
from ...model import ContentType, Site


class PrivacyGuard(ContentType):
    name = "privacy"
    label = "个人信息保护"
    order = 0  # first: a leak stops the build whatever else is wrong

    def load(self, site: Site) -> None:
        allowed = privacy.allowed_numbers(site.settings)
        unreadable: list = []
        findings = privacy.scan_tree(site.root, allowed, public_names=privacy.allowed_names(site.settings),
                                     read=lambda path, root: site.read_text(path), unreadable=unreadable)
        for finding in findings:
            site.problems.error(finding.file, finding.line, finding.field, finding.message())
        for item in unreadable:  # an attachment nobody can check would be published unread
            site.problems.error(item.file, 0, "", item.message)
        site.models[self.name] = findings


CONTENT_TYPE = PrivacyGuard()
