"""The link check of a built site (govsite.linkcheck) for a site published as a column under a sub-path."""
from __future__ import annotations

from govsite.guard.links import LinkReport, SiteLinks


def broken(tmp_path, link: str, page: str = "/bm/tyjrswj/notices/") -> list[str]:
    (tmp_path / "notices").mkdir(exist_ok=True)
    (tmp_path / "notices/index.html").write_text('<h2 id="a">a</h2>', encoding="utf-8")
    report = LinkReport()
    SiteLinks(tmp_path, "https://www.example.gov.cn/bm/tyjrswj/").check(link, page, "x.html", report)
    return report.broken


def test_a_path_that_escapes_the_column_is_broken(tmp_path):
    assert broken(tmp_path, "/notices/") == ["x.html: /notices/ → 不在本站路径 /bm/tyjrswj/ 下"]


def test_the_portals_other_parts_on_the_same_host_are_not_the_columns_pages(tmp_path):
    assert broken(tmp_path, "https://www.example.gov.cn/hdjl/jzxx/tyjrswj/") == []  # the portal's 局长信箱


def test_inside_the_column_files_and_anchors_are_checked(tmp_path):
    assert broken(tmp_path, "https://www.example.gov.cn/bm/tyjrswj/notices/#a") == []
    assert broken(tmp_path, "/bm/tyjrswj/notices/#b") == ["x.html: /bm/tyjrswj/notices/#b → 页面中没有锚点 #b"]
    assert broken(tmp_path, "../laws/") == ["x.html: ../laws/ → 文件不存在"]


def test_a_json_text_that_begins_with_an_address_is_text_not_a_link(tmp_path):
    # A search record's text (or a part of it, cut after a space) may begin with an address a page shows; the
    # addresses of a JSON file are the strings that are one and nothing else, with or without escapes.
    import json

    from govsite.guard.links import check_site

    site = "https://www.example.gov.cn/"
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds/a.xml").write_text("<rss/>", encoding="utf-8")
    for escaped in (False, True):
        texts = [f"{site}feeds/a.xml Atom {site}feeds/b.atom 复制地址", f"{site}feeds/a.xml", f"{site}gone/"]
        data = json.dumps(texts, ensure_ascii=escaped)
        (tmp_path / "c.json").write_text(data, encoding="utf-8")
        found = check_site(tmp_path, site).found
        assert [(f[0], f[1]) for f in found] == [("c.json", f"{site}gone/")], (escaped, found)
