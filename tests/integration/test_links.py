"""Link integrity over the built site: every internal link, anchor (#art-N too) and attachment resolves."""
from __future__ import annotations

import yaml

from govsite.guard.links import check_site
from sitekit import REPO

SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]


def test_every_internal_link_and_anchor_resolves(built_site):
    report = check_site(built_site, SITE_URL)
    assert report.pages >= 10 and report.checked >= 100
    assert report.broken == []


def test_the_crawler_notices_a_broken_link_and_anchor(built_site, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    page = copy / "about/contact/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<a href="../no-such-page/">x</a><a href="../../pufa/fzzf/2023/#no-such-anchor">y</a></article>'),
        encoding="utf-8")
    report = check_site(copy, SITE_URL)
    assert "about/contact/index.html: ../no-such-page/ → 文件不存在" in report.broken
    assert "about/contact/index.html: ../../pufa/fzzf/2023/#no-such-anchor → 页面中没有锚点 #no-such-anchor" in report.broken
