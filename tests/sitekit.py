"""Helpers for site tests: the repository, copying it, building it, hashing a tree."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

# Every test sees the same "today" so computed statuses (公示中, 尚未生效 …) are reproducible.
TODAY = "2026-11-26"
os.environ.setdefault("GOVSITE_TODAY", TODAY)
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# What a site needs; tests copy these into a temporary folder before changing anything.
SITE_PARTS = ("mkdocs.yml", "content", "data", "hooks", "overrides")


def copy_site(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def run_build(root: Path, site_dir: Path | None = None, strict: bool = True, extra_env=None) -> subprocess.CompletedProcess:
    args = [MKDOCS, "build", "--quiet"] + (["--strict"] if strict else [])
    if site_dir is not None:
        args += ["--site-dir", str(site_dir)]
    env = dict(os.environ, GOVSITE_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    return subprocess.run(args, cwd=root, capture_output=True, text=True, env=env, timeout=600)


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


