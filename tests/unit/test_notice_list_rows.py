"""The notices' list pages under `mkdocs serve`: a row (a notice and its 公示 status) is the very dict of the last
save while its notice is the very object and the date the same (site.derived), so a list page's record compares
its rows by identity. Run without the Memo's own check (verify), so that a stale row shows as a difference from
a fresh build, as the editor would see it: the date moves a notice's status with no file changed, and an edit of
its 公示期 or title makes it anew."""
from __future__ import annotations

import datetime as dt

from govsite.build import load_site, render_site
from govsite.incremental import Memo
from sitekit import copy_site

NOTICE = "content/notices/2026/youfu-dingqi-fuxu.md"  # 公示期 from 2026-11-23, five working days


def list_pages(root, memo=None, today=None) -> dict:
    site = load_site(root, memo=memo, today=today)
    assert not site.problems.errors, [p.format() for p in site.problems.errors]
    pages, _files = render_site(site)
    return {p.src_uri: p.html for p in pages if p.src_uri.startswith("notices/") and "/20" not in p.src_uri}


def _edit(root, old: str, new: str) -> None:
    file = root / NOTICE
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_list_rows_follow_the_date_and_edits_of_the_notice_they_show(tmp_path):
    root = copy_site(tmp_path / "repo")
    memo = Memo()
    # before the 公示期, during it, after it, and back: the status shown moves with the date alone
    steps = [(dt.date(2026, 11, 22), None), (dt.date(2026, 11, 26), None), (dt.date(2026, 12, 31), None),
             (dt.date(2026, 11, 26), None), (dt.date(2026, 11, 26), ("开始: 2026-11-23", "开始: 2026-11-30")),
             (dt.date(2026, 12, 1), ("标题: 关于", "标题: 再次关于")), (dt.date(2026, 11, 22), None)]
    statuses = set()
    for today, edit in steps:
        if edit is not None:
            _edit(root, *edit)
        kept = list_pages(root, memo, today)
        fresh = list_pages(root, today=today)
        assert kept.keys() == fresh.keys()
        for uri, html in fresh.items():
            assert kept[uri] == html, (today, edit, uri)
        statuses |= {s for s in ("公示未开始", "公示中", "公示已结束") if s in fresh["notices/index.md"]}
    assert statuses == {"公示未开始", "公示中", "公示已结束"}  # the series did move the status shown
