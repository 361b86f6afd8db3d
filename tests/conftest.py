"""Shared fixtures. Engine tests import govsite directly; site tests run the real mkdocs build."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitekit import REPO, TODAY, copy_site, run_build, tree_hash  # noqa: F401  (re-exported for tests)


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A private copy of the site sources that a test may change."""
    return copy_site(tmp_path / "repo")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("built") / "site"
    result = run_build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out
