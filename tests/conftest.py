"""Shared fixtures. Engine tests import govsite directly; site tests run the real mkdocs build."""
from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import pytest

from sitekit import REPO, TODAY, copy_site, run_build, tree_hash  # noqa: F401  (re-exported for tests)


@pytest.fixture(autouse=True)
def _no_known_clean_files_in_process(monkeypatch):
    """The guard's memory of files found clean in earlier builds (govsite/guard/known_clean.py) is left to the
    builds the tests run (in their own processes, under the user's cache as for an editor): a check made in this
    process reads every file, so that no test's count depends on what an earlier test read."""
    from govsite.guard import known_clean

    monkeypatch.setattr(known_clean, "KNOWN_CLEAN", known_clean.KnownClean(enabled=False))


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


# make test runs three workers (TEST_WORKERS), each test file on one of them (--dist loadfile, so a file's module fixtures build
# once), handed out in the order of the collection (--no-loadscope-reorder: xdist's default order, by the number
# of tests per file, started the one-test files that take minutes last, and one worker ran them alone while the
# other idled). Files are collected longest first, by each file's seconds in a whole run recorded in
# tests/durations.json (`pytest -n 2 --dist loadfile --record-durations` rewrites it), so the short files fill
# the end. A file not recorded yet goes first: if it is long that is where it belongs, if short it costs nothing.
# The order changes no result; tests keep their order within a file.
DURATIONS = Path(__file__).with_name("durations.json")


def pytest_addoption(parser):
    parser.addoption("--record-durations", action="store_true",
                     help="write each test file's seconds in this run into tests/durations.json")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    recorded = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.is_file() else {}

    def order(item) -> float:
        path = Path(str(item.fspath))
        name = path.relative_to(here).as_posix() if path.is_relative_to(here) else ""
        return -recorded.get(name, math.inf)

    items.sort(key=order)


_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report):
    # on the controller under xdist: the reports of every worker, setup and teardown (module fixtures) included
    _seconds[report.nodeid.split("::")[0]] = _seconds.get(report.nodeid.split("::")[0], 0.0) + report.duration


def pytest_sessionfinish(session):
    config = session.config
    if not config.getoption("record_durations") or hasattr(config, "workerinput"):
        return
    here = Path(__file__).parent
    recorded = json.loads(DURATIONS.read_text(encoding="utf-8")) if DURATIONS.is_file() else {}
    root = Path(str(config.rootpath))
    for nodeid, seconds in _seconds.items():
        path = root / nodeid
        if path.is_relative_to(here):
            recorded[path.relative_to(here).as_posix()] = round(seconds, 1)
    recorded = {name: s for name, s in recorded.items() if (here / name).is_file()}  # files since removed
    DURATIONS.write_text(json.dumps(dict(sorted(recorded.items(), key=lambda kv: -kv[1])), indent=0,
                                    ensure_ascii=False) + "\n", encoding="utf-8")
