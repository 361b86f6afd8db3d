"""A small site in a temporary folder with only the notices, placements and feeds types, for engine tests.

Tests of one content type should not fail because another type is half-built, so these helpers load just
the types under test (plus the privacy guard when asked) on files the test writes itself.
"""
from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

from govsite import build
from govsite.model import Site
from govsite.types.feeds import CONTENT_TYPE as FEEDS
from govsite.types.notices import CONTENT_TYPE as NOTICES
from govsite.types.placements import CONTENT_TYPE as PLACEMENTS
from govsite.types.privacy import CONTENT_TYPE as PRIVACY
from sitekit import REPO, without_review

TODAY = dt.date(2026, 11, 26)
SITE_URL = "https://example.gov.cn/"


def write(root: Path, path: str, text: str) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return target


def notice_text(title: str, category: str = "安置公示", published: str = "2026-11-23 09:00", extra: str = "",
                body: str = "正文。") -> str:
    return f"---\n标题: {title}\n类别: {category}\n发布时间: {published}\n{extra}---\n\n{body}\n"


def new_root(tmp_path: Path, placements: bool = False) -> Path:
    """site.yml and the notice categories from the repository; placements data only when asked."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    shutil.copytree(REPO / "data/notices", root / "data/notices")
    shutil.copy2(REPO / "data/site.yml", root / "data/site.yml")
    (root / "overrides").symlink_to(REPO / "overrides")
    if placements:
        shutil.copytree(REPO / "data/placements", root / "data/placements")
    return without_review(root)


def load(root: Path, today: dt.date = TODAY, with_privacy: bool = False) -> Site:
    """load + check with the types under test only."""
    return build.load_site(root, SITE_URL, today, types=([PRIVACY] if with_privacy else []) + [NOTICES, PLACEMENTS, FEEDS])


def errors(site: Site) -> list[str]:
    return [p.format() for p in site.problems.errors]
