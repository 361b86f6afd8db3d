"""关于我们: its index, 联系方式 and 互动交流, generated from data/site.yml so they never disagree with the footer.

互动交流 (局长信箱, 咨询建言) is handled by the district portal's system; the page says what each channel is for and
links to it, with the bureau's own phone, letters and visits beside them.
"""
from __future__ import annotations

from ...model import ContentType, Site

INDEX = "about/"
CONTACT = "about/contact.md"
INTERACTION = "hdjl/"


class About(ContentType):
    name = "about"
    label = "关于我们"
    order = 10

    def pages(self, site: Site, renderer):
        yield renderer.page(INDEX + "index.md", "关于我们", "about/index.html",
                            meta={"description": "本局机构职能、领导信息、联系方式和互动交流渠道", "search": {"list": True}})
        yield renderer.page(CONTACT, "联系方式", "about/contact.html")
        yield renderer.page(INTERACTION + "index.md", "互动交流", "about/interaction.html",
                            meta={"description": "局长信箱、咨询建言、来信来访和我为政府网站找错"},
                            toc=[(2, "qudao", "网上渠道"), (2, "dianhua", "电话和来访"), (2, "zhaocuo", "我为政府网站找错")],
                            channels=site.settings.get("互动交流", []))


CONTENT_TYPE = About()
