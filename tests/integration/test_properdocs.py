"""The site builds with ProperDocs as well: the maintained fork of MkDocs 1.6 that still runs `hooks:`.

MkDocs 1.x has had no release since 2024 and Material reaches end of life on 2027-05-05 (docs/runtime.md).
mkdocs 1.6.1 stays the default; this keeps the way out open: the same mkdocs.yml, hooks and theme, built by
`properdocs build -f mkdocs.yml`, must give the same site except the generator <meta> line that names it.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sitekit import REPO, TODAY

PROPERDOCS = str(Path(sys.executable).with_name("properdocs"))
GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(built_site, tmp_path):
    out = tmp_path / "properdocs-site"
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([PROPERDOCS, "build", "--quiet", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
                            cwd=REPO, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    ours = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert theirs == ours
    differing = []
    for name in ours:
        a, b = (built_site / name).read_bytes(), (out / name).read_bytes()
        if a != b:
            assert name.endswith(".html"), name
            assert GENERATOR.sub(b"", a) == GENERATOR.sub(b"", b), f"{name} differs beyond the generator line"
            assert b"ProperDocs" in b and b"ProperDocs" not in a
            differing.append(name)
    assert differing  # every page names its generator: the comparison above really ran
