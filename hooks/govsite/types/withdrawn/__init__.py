"""撤回: the page a withdrawn document leaves at its URL.

A withdrawn document (`撤回: {日期, 原因}`, govsite/lifecycle.py) is in no list, feed, search record or the
catalogue, but its URL keeps answering: people followed links and bookmarks to it, and a government site should
say what happened to a document rather than give "not found". The page says, from what was recorded: the title,
its 索引号, when it was published and withdrawn, and why. Its <article> content carries
`data-govsite-withdrawn="YYYY-MM-DD"` (the publish log counts withdrawals by it) and it is not indexed for search.
"""
from __future__ import annotations

from ... import lifecycle
from ...model import ContentType, Site


class Withdrawn(ContentType):
    name = "withdrawn"
    label = "已撤回的信息"
    order = 990  # after every type has loaded: it reads what they held back

    def pages(self, site: Site, renderer):
        for item in sorted(lifecycle.held(site), key=lambda h: h.url):
            if item.state != lifecycle.STATE_WITHDRAWN:
                continue
            for url in item.pages:
                yield renderer.page(
                    url + "index.md", f"已撤回：{item.title}", "withdrawn/page.html",
                    meta={"description": f"《{item.title}》已于{item.withdrawn.year}年{item.withdrawn.month}月"
                                         f"{item.withdrawn.day}日撤回", "search": {"exclude": True}, "hide": ["toc"],
                          "noindex": True},  # not for search engines, nor in sitemap.xml
                    item=item)


CONTENT_TYPE = Withdrawn()
