"""The same checkout gives byte-identical output: two builds into different folders at different times of the
same day, and a build on another clock day (Debian's libfaketime, `make faketime`), as a daily build would run."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from sitekit import MKDOCS, REPO, TODAY, run_build


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(first, second) -> list[str]:
    assert sorted(first) == sorted(second)
    return [name for name in first if first[name] != second[name]]


def test_two_builds_are_byte_identical(built_site, tmp_path):
    time.sleep(1.1)  # a different second on the clock: any timestamp leaking into output would differ
    result = run_build(REPO, tmp_path / "elsewhere" / "second-site")
    assert result.returncode == 0, result.stderr
    first, second = snapshot(built_site), snapshot(tmp_path / "elsewhere" / "second-site")
    assert differences(first, second) == []
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first


def test_a_build_on_another_clock_day_is_byte_identical(built_site, tmp_path):
    """The clock says 2027-03-15 evening; the content and GOVSITE_TODAY (the date the site is built for) are the
    same, so nothing may change: sitemap dates and the gzip header come from the content, not the clock."""
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.fail("Debian's faketime is missing: run `make faketime` (make test installs it)")
    check = subprocess.run([faketime, "2027-03-15 21:30:00", "date", "+%F"], capture_output=True, text=True)
    assert check.stdout.strip() == "2027-03-15", "libfaketime does not change the clock here"
    out = tmp_path / "another-day" / "site"
    result = subprocess.run([faketime, "2027-03-15 21:30:00", MKDOCS, "build", "--quiet", "--strict", "--site-dir",
                             str(out)], cwd=REPO, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "GOVSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert differences(snapshot(built_site), snapshot(out)) == []
