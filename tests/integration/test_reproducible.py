"""Two builds of the same checkout, into different folders at different times, are byte-identical."""
from __future__ import annotations

import time

from sitekit import REPO, run_build


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built_site, tmp_path):
    time.sleep(1.1)  # a different second on the clock: any timestamp leaking into output would differ
    result = run_build(REPO, tmp_path / "elsewhere" / "second-site")
    assert result.returncode == 0, result.stderr
    first, second = snapshot(built_site), snapshot(tmp_path / "elsewhere" / "second-site")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first
