"""Helpers for site tests: the repository, copying it, building it, hashing a tree."""
from __future__ import annotations

import hashlib
import os
import re
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


# A complete review record (审核, govsite/publishing.py) for documents tests write into a copy of the real site,
# where data/site.yml requires one: fictional names, dates before any test document's publication.
REVIEW_RECORD = ("审核:\n  拟稿: 张某某\n  拟稿日期: 2020-01-02\n  审核: 李某某\n  审核日期: 2020-01-03\n"
                 "  保密审查: 通过\n  保密审查人: 王某某\n  保密审查日期: 2020-01-03\n  签发: 赵某某\n  签发日期: 2020-01-03\n")
_RECORD_BLOCK = re.compile(r"^( *)审核:\n(?:\1  .*\n)+", re.M)


def without_review(root: Path) -> Path:
    """A site copy for tests of other rules: no review record required, and the demo documents' records removed
    (tests move documents' dates; the records' own rules are tested in tests/unit/test_publishing.py)."""
    settings = root / "data/site.yml"
    if settings.is_file():
        settings.write_text(settings.read_text(encoding="utf-8").replace("审核记录必填: true", "审核记录必填: false"),
                            encoding="utf-8")
    for folder in ("data", "content"):
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            if path.suffix in (".yml", ".md") and path.is_file() and not path.is_symlink():
                text = path.read_text(encoding="utf-8")
                if "审核:" in text:
                    path.write_text(_RECORD_BLOCK.sub("", text), encoding="utf-8")
    return root


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




def start_nginx(site_dir: Path, work: Path, binary: str = "") -> tuple[str, subprocess.Popen]:
    """The project's deploy/nginx.conf itself, serving `site_dir` on a free 127.0.0.1 port (for the nginx tests
    and bench/search_scale.py). Returns the base URL and the server process (terminate it when done)."""
    import re
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    conf = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    conf = re.sub(r"^pid .*;", f"pid {work}/nginx.pid;", conf, flags=re.M)
    conf = re.sub(r"^error_log .*;", f"error_log {work}/error.log warn;", conf, flags=re.M)
    conf = re.sub(r"listen 80;", f"listen 127.0.0.1:{port};", conf)
    conf = re.sub(r"root /srv/govsite/site;", f"root {site_dir};", conf)
    conf = conf.replace("http {", "http {\n" + "".join(f"    {kind}_temp_path {work}/{kind};\n" for kind in
                                                      ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")), 1)
    if os.geteuid() == 0:  # temporary folders are private to root: let the workers read them
        conf = "user root;\n" + conf
    (work / "nginx.conf").write_text(conf, encoding="utf-8")
    binary = binary or shutil.which("nginx") or "/usr/sbin/nginx"
    test = subprocess.run([binary, "-t", "-c", str(work / "nginx.conf")], capture_output=True, text=True)
    if test.returncode != 0:
        raise RuntimeError(f"deploy/nginx.conf does not load: {test.stderr}")
    process = subprocess.Popen([binary, "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return base, process


def search_record_texts(site_dir: Path) -> list[str]:
    """Every search record's stored text, read back from site_dir/searchindex/ (records.bin gives each text
    file's first record; a long text is several files with the same first record, one part each)."""
    import json
    import struct

    folder = site_dir / "searchindex"
    table = (folder / "records.bin").read_bytes()
    count, chunks = struct.unpack_from("<II", table, 0)
    first = struct.unpack_from(f"<{chunks}I", table, 8 + 6 * count)
    texts = [""] * count
    for c in range(chunks):
        stored = json.loads((folder / f"c/{c}.json").read_text(encoding="utf-8"))
        if first.count(first[c]) > 1:  # a part of a long text
            texts[first[c]] += stored[0]
        else:
            texts[first[c]:first[c] + len(stored)] = stored
    return texts
