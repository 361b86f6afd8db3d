"""Shared fixtures. Engine tests import govsite directly; site tests run the real mkdocs build."""
from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session")
def good_build(built_site, tmp_path_factory) -> tuple[Path, str]:
    """A site copy with a finished good build in site/, and the hash of that build. Made once per worker: the
    tests of refused input copy it (previous_site) rather than each building the same good site again.
    Its site/ is built_site's: the same sources built with the same date give the same bytes in any folder
    (tests/integration/test_reproducible.py), so building them a second time per worker only cost a build."""
    root = copy_site(tmp_path_factory.mktemp("good") / "repo")
    shutil.copytree(built_site, root / "site", symlinks=True)
    return root, tree_hash(root / "site")


@pytest.fixture
def previous_site(good_build, tmp_path) -> tuple[Path, str]:
    """A private copy of good_build's sources and site/, which a test may break; and the hash site/ must keep."""
    root, before = good_build
    copy = tmp_path / "repo"
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns("site"))
    # site/ by hard links: a build that wrote into site/ in place would change good_build's files too, and this
    # test's check that site/ kept its hash (or the next test's) fails, as it must
    shutil.copytree(root / "site", copy / "site", copy_function=os.link)
    return copy, before


# The longest test files (minutes each, by `pytest --durations`), started first: each file stays on one of the
# two workers (make test: --dist loadfile), and a long file started last leaves the other worker idle at the end.
# The order changes no result; the other files keep theirs.
LONGEST_FIRST = ("browser/test_publish_nginx.py", "integration/test_bad_input_corpus.py",
                 "browser/test_search_understanding.py", "integration/test_publish_site.py",
                 "browser/test_accessibility.py", "integration/test_guard_site.py",
                 "integration/test_build_refuses_bad_input.py", "integration/test_serve_dirty.py",
                 "integration/test_inspection_site.py")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}

    def order(item) -> int:
        path = Path(str(item.fspath))
        return rank.get(path.relative_to(here).as_posix(), len(rank)) if path.is_relative_to(here) else len(rank)

    items.sort(key=order)
