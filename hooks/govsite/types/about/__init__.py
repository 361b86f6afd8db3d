"""关于我们 › 联系方式: generated from data/site.yml so it never disagrees with the footer."""
from __future__ import annotations

from ...model import ContentType, Site


class About(ContentType):
    name = "about"
    label = "关于我们"
    order = 10

    def pages(self, site: Site, renderer):
        yield renderer.page("about/contact.md", "联系方式", "about/contact.html")


CONTENT_TYPE = About()
