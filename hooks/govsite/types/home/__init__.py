"""首页: the home page, with the latest updates across every content type."""
from __future__ import annotations

from ...document import all_documents
from ...model import ContentType, Site
from ..pufa.calendar import home_entry

LATEST = 8
PER_COLUMN = 5
# Columns of the home page, as on most government sites: (heading, kinds of Update shown, "more" URL).
# Each column shows its own newest items, whether or not 最新动态 above lists them too: a column that skipped them
# looked months older than it is, to visitors and to an inspector reading its dates. A column with nothing is not
# shown. 政策问答 is not 普法宣传: its topics stay in 最新动态 and in their own tab.
COLUMNS = (
    ("公示公告", ("公示公告",), "notices/"),
    ("政策文件与解读", ("政策文件", "政策解读"), "xxgk/zcwj/"),
    ("普法宣传", ("普法活动", "以案释法"), "pufa/"),
    ("法律法规", ("法律法规",), "laws/"),
    ("工作报告", ("法治政府建设年度报告", "年度报告"), "xxgk/ndbg/"),
)
# Entrances on the home page: (label, site-relative URL, one-line description)
ENTRANCES = (
    ("政府信息公开", "xxgk/", "公开指南、公开目录、政策文件与年度报告"),
    ("法律法规", "laws/", "退役军人工作适用的法律法规全文"),
    ("普法宣传", "pufa/", "普法责任清单、普法活动与法治政府建设"),
    ("公示公告", "notices/", "安置、优抚等各类公示与通知公告"),
    ("阳光安置", "placements/", "安置计划、赋分排名与选岗结果"),
    ("政策问答", "qa/", "退役军人关心的常见政策问题"),
    ("精准服务", "services/", "回答几个问题，查看适用于您的政策和办事指南"),
    ("互动交流", "hdjl/", "局长信箱、咨询建言、来信来访"),
)


class Home(ContentType):
    name = "home"
    label = "首页"
    order = 1000  # reads every other type's updates

    def pages(self, site: Site, renderer):
        updates = home_updates(site)
        columns = [(heading, [u for u in updates if u.kind in kinds][:PER_COLUMN], more)
                   for heading, kinds, more in COLUMNS]
        yield renderer.page("index.md", site.settings.get("网站名称", "首页"), "home/index.html",
                            meta={"hide": ["navigation", "toc"], "search": {"list": True}},
                            updates=updates[:LATEST], entrances=ENTRANCES,
                            columns=[c for c in columns if c[1]], pufa_next=home_entry(site))


def home_updates(site: Site) -> list:
    """The documents the home page lists as updates, newest first: the one place that chooses them."""
    return [doc for doc in all_documents(site) if doc.on_home]


CONTENT_TYPE = Home()
