"""A copy of the 政府信息公开 data in a temporary folder, loaded with only this area's content types.

Tests of policies, 索引号, annual reports and the catalogue should not fail because another type is half-built,
so they load the types under test on a copy they may change.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import yaml

from govsite import build
from govsite.mode import BuildMode
from govsite.model import Site
from govsite.render import Renderer
from govsite.types.annualreports import CONTENT_TYPE as ANNUAL_REPORTS
from govsite.types.catalogue import CONTENT_TYPE as CATALOGUE
from govsite.types.policies import CONTENT_TYPE as POLICIES
from govsite.types.reports import CONTENT_TYPE as REPORTS
from govsite.types.xxgk import CONTENT_TYPE as XXGK
from sitekit import REPO, without_review

TODAY = dt.date(2026, 11, 26)
SITE_URL = "https://example.gov.cn/"
TYPES = [REPORTS, POLICIES, ANNUAL_REPORTS, CATALOGUE, XXGK]


def new_root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for part in ("data/policies", "data/interpretations", "data/xxgk", "content/xxgk", "content/pufa/fzzf"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy2(REPO / "data/site.yml", root / "data/site.yml")
    (root / "overrides").symlink_to(REPO / "overrides")
    return without_review(root)


def load(root: Path, today: dt.date = TODAY, mode: BuildMode | None = None) -> Site:
    """load + check with this area's types only (`mode`: a preview shows the bureau's 合规检查 page)."""
    return build.load_site(root, SITE_URL, today, types=list(TYPES), mode=mode)


def errors(site: Site) -> list[str]:
    return [p.format() for p in site.problems.errors]


def warnings(site: Site) -> list[str]:
    return [p.format() for p in site.problems.warnings]


def render_pages(site: Site) -> dict:
    renderer = Renderer(site)
    return {page.src_uri: page for t in site.types for page in t.pages(site, renderer)}


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def line_of(path: Path, pattern: str, start: int = 1) -> int:
    """1-based number of the first line at or after `start` that matches `pattern` (a regex), found by the test itself."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number >= start and re.search(pattern, line):
            return number
    raise AssertionError(f"{pattern} not in {path}")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
