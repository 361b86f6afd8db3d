"""What the engine knows about each page: 类别 (kind), date, status and document numbers, for search hits.

Sources, strongest first:
1. a generated page's meta `search` = {"kind": "法律法规", "date": "YYYY-MM-DD", "status": "已废止"} (and
   "exclude": true for a page that must not be found, as Material's `search.exclude`; "list": true for a page
   that lists documents — a list, a catalogue, a feed's page —, ranked after the documents it lists)
   (a content type sets it through renderer.page(..., meta={"search": {...}}));
2. the documents of the document core (govsite.document): kind, date, 有效性 mark (已废止, 已失效 …) and the
   索引号 and 发文字号 people paste into the search box — from the model, never read back out of the HTML;
3. an editor page's front matter dates (发布日期, 发布时间, 成文日期, 更新日期);
4. the built HTML (data-search-status, the first <time datetime>), then the URL's section.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import page_url

# The filter groups the public sees, in display order.
GROUPS = ("法律法规", "政策文件", "解读", "公示公告", "普法", "其他")
_SECTION_GROUPS = (
    ("laws/", "法律法规"), ("policies/", "政策文件"), ("xxgk/zcwj/", "政策文件"),
    ("interpretations/", "解读"), ("xxgk/zcjd/", "解读"), ("jiedu/", "解读"),
    ("notices/", "公示公告"), ("placements/", "公示公告"),
    ("pufa/", "普法"), ("qa/", "普法"),
)
_KIND_WORDS = (
    ("解读", "解读"),
    ("法律", "法律法规"), ("法规", "法律法规"), ("条例", "法律法规"), ("宪法", "法律法规"), ("规章", "法律法规"),
    ("公示", "公示公告"), ("公告", "公示公告"), ("通知", "公示公告"), ("招聘", "公示公告"), ("采购", "公示公告"),
    ("安置", "公示公告"),
    ("政策", "政策文件"), ("文件", "政策文件"),
    ("普法", "普法"), ("法治", "普法"), ("问答", "普法"),
)
_DATE_KEYS = ("发布日期", "发布时间", "成文日期", "公布日期", "施行日期", "更新日期")


@dataclass
class PageFacts:
    kind: str = ""
    date: str = ""
    status: str = ""
    exclude: bool = False  # meta {"search": {"exclude": true}}: not in the search (e.g. a supervisors' page)
    keys: str = ""  # the page's 索引号 and 发文字号, which people paste into a search box
    title: str = ""  # the page's title (what the theme prints in <title>, before the site's name)
    listing: bool = False  # meta {"search": {"list": true}}: a page listing documents, ranked after them


def group_of(kind: str, url: str) -> str:
    if "解读" in kind:
        return "解读"  # interpretations may live in any section
    for prefix, group in sorted(_SECTION_GROUPS, key=lambda item: -len(item[0])):
        if url.startswith(prefix):
            return group
    for word, group in _KIND_WORDS:
        if word in kind:
            return group
    return "其他"


def _date_text(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = str(value or "")
    return text[:10] if len(text) >= 10 and text[4] == "-" else ""


def collect(site, generated_pages) -> dict[str, PageFacts]:
    """Facts by page URL (site-relative directory URL) from everything the engine knows."""
    from ..build import editor_page_title
    from ..document import all_documents

    facts: dict[str, PageFacts] = {}

    def merge(url: str, kind: str = "", date: str = "", status: str = "", exclude: bool = False,
              keys: str = "", title: str = "", listing: bool = False) -> None:
        entry = facts.setdefault(url, PageFacts())
        entry.title = entry.title or title
        entry.exclude = entry.exclude or exclude
        entry.listing = entry.listing or listing
        entry.kind = entry.kind or kind
        entry.date = entry.date or date
        entry.status = entry.status or status
        entry.keys = entry.keys or keys

    for page in sorted(generated_pages, key=lambda p: p.src_uri):
        given = page.meta.get("search") if isinstance(page.meta, dict) else None
        given = given if isinstance(given, dict) else {}
        merge(page_url(page.src_uri), str(given.get("kind") or ""), _date_text(given.get("date")),
              str(given.get("status") or ""), bool(given.get("exclude")), title=page.title,
              listing=bool(given.get("list")))
    # A page holding several documents (a Q&A page, a law and its repeal) takes the first of each fact.
    for doc in sorted(all_documents(site), key=lambda d: (d.page, "#" in d.url, d.id)):
        if "#" in doc.url:
            continue  # a part of a page (one answer of the Q&A page): not the page's own facts
        numbers = " ".join(dict.fromkeys(n for n in (doc.doc_number, doc.index_no) if n))
        merge(doc.page, doc.kind, doc.published.day.isoformat(), doc.status.mark if doc.status else "",
              keys=numbers)
    for src_uri, page in sorted(site.editor_pages.items()):
        date = next((_date_text(page.meta[k]) for k in _DATE_KEYS if k in page.meta), "")
        kind = str(page.meta.get("类别") or "")
        owner = next((t for t in site.types if t.name == page.kind), None)
        merge(page_url(src_uri), kind or (owner.label if owner else ""), date, title=editor_page_title(site, page))
    return facts
