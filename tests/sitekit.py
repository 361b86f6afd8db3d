"""Helpers for site tests: the repository, copying it, building it, hashing a tree."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
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


def make_way(root: Path, path: Path) -> None:
    """Clear the place of `path` under `root` for a file: a file where one of its folders goes ("a/b" as a file and
    as a folder cannot both exist) and a folder where it goes are removed; its folders are made."""
    for parent in [p for p in path.parents if p != root and root in p.parents][::-1]:
        if parent.is_file():
            parent.unlink()
    if path.is_dir():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)


def copy_site(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


# A complete review record (审核, govsite/lifecycle.py) for documents tests write into a copy of the real site,
# where data/site.yml requires one: fictional names, dates before any test document's publication.
REVIEW_RECORD = ("审核:\n  拟稿: 张某某\n  拟稿日期: 2020-01-02\n  审核: 李某某\n  审核日期: 2020-01-03\n"
                 "  保密审查: 通过\n  保密审查人: 王某某\n  保密审查日期: 2020-01-03\n  签发: 赵某某\n  签发日期: 2020-01-03\n")
_RECORD_BLOCK = re.compile(r"^( *)审核:\n(?:\1  .*\n)+", re.M)


def without_review(root: Path) -> Path:
    """A site copy for tests of other rules: no review record required, and the demo documents' records removed
    (tests move documents' dates; the records' own rules are tested in tests/unit/test_lifecycle.py)."""
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


class GitCheckout:
    """A copy of the site as a git checkout with one commit, as on the bureau's server: what make publish
    publishes (a release is named by its commit). The Makefile comes along and .venv is shared with this one."""

    def __init__(self, path: Path):
        self.path = path
        copy_site(path)
        for name in ("Makefile", "requirements.txt", ".gitignore"):
            shutil.copy2(REPO / name, path / name)
        (path / ".venv").symlink_to(REPO / ".venv")  # installed already: make finds .venv/.installed up to date
        self.git("init", "-q")
        self.commit("网站初始内容")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.path), "-c", "user.name=编辑", "-c",
                               "user.email=editor@example.gov.cn", *args],
                              check=True, capture_output=True, text=True).stdout.strip()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-qm", message)
        return self.git("rev-parse", "--short=10", "HEAD")

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.path / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()




def fetch(url: str) -> tuple[int, str]:
    """(HTTP status, body) of a GET; 0 when nothing answers (a server still starting or stopped)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def free_port() -> int:
    """A TCP port free on both 127.0.0.1 and ::1 (the nginx tests listen on both)."""
    import socket

    for _ in range(50):
        with socket.socket() as v4:
            v4.bind(("127.0.0.1", 0))
            port = v4.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET6) as v6:
                    v6.bind(("::1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port on 127.0.0.1 and ::1")


def make_certificate(folder: Path) -> Path:
    """A self-signed certificate for localhost, 127.0.0.1 and ::1 (cert.pem, key.pem in folder); returns cert.pem,
    which clients trust as their only authority: the test checks the chain and the names, as a browser would."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True)
    return folder / "cert.pem"


def nginx_binary() -> str:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/bin:/sbin") or "/usr/sbin/nginx"


class Nginx:
    """The project's deploy/ nginx files themselves, run as an unprivileged test server.

    Only what ties them to a machine is rewritten: /etc/nginx/govsite/ (the included files, copied to `work`),
    /srv/govsite (the web root: `webroot`), the certificate, the listen ports (127.0.0.1 and ::1), pid, logs and
    temporary folders. Every rewrite must match exactly where expected, so a changed file fails loudly here.
    `column=True` serves deploy/nginx-column.conf inside a plain-HTTP "portal" server, as the portal would.
    """

    def __init__(self, work: Path, webroot: Path, column: bool = False, binary: str = ""):
        self.work, self.webroot, self.column = work, webroot, column
        self.binary = binary or nginx_binary()
        self.http_port, self.https_port = free_port(), free_port()
        self.cert = make_certificate(work / "tls")
        self.process = None

    def _rewrite(self, text: str, replacements: list[tuple[str, str, int]]) -> str:
        import re

        for pattern, replacement, count in replacements:
            text, found = re.subn(pattern, replacement, text, flags=re.M)
            if found != count:
                raise RuntimeError(f"deploy/ nginx file: expected {count} × {pattern!r}, found {found}")
        return text

    def _includes(self) -> None:
        (self.work / "etc").mkdir(parents=True, exist_ok=True)
        for name in ("govsite-maps.conf", "govsite-site.conf", "nginx-column.conf"):
            text = (REPO / "deploy" / name).read_text(encoding="utf-8")
            text = text.replace("/etc/nginx/govsite/", f"{self.work}/etc/").replace("/srv/govsite", str(self.webroot))
            (self.work / "etc" / name).write_text(text, encoding="utf-8")

    def config(self) -> str:
        self._includes()
        temp = "".join(f"    {kind}_temp_path {self.work}/{kind};\n"
                       for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        if self.column:
            conf = (f"pid {self.work}/nginx.pid;\nerror_log {self.work}/error.log warn;\nevents {{}}\nhttp {{\n"
                    f"    include /etc/nginx/mime.types;\n    include {self.work}/etc/govsite-maps.conf;\n{temp}"
                    f"    server {{\n        listen 127.0.0.1:{self.http_port};\n"
                    f"        location / {{ return 200 \"portal\"; }}\n"
                    f"        include {self.work}/etc/nginx-column.conf;\n    }}\n}}\n")
        else:
            conf = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
            conf = self._rewrite(conf, [
                (r"^pid .*;", f"pid {self.work}/nginx.pid;", 1),
                (r"^error_log .*;", f"error_log {self.work}/error.log warn;", 1),
                (r"listen 80;", f"listen 127.0.0.1:{self.http_port};", 1),
                (r"listen \[::\]:80;", f"listen [::1]:{self.http_port};", 1),
                (r"listen 443 ssl", f"listen 127.0.0.1:{self.https_port} ssl", 1),
                (r"listen \[::\]:443 ssl", f"listen [::1]:{self.https_port} ssl", 1),
                (r"/etc/ssl/govsite/fullchain\.pem", str(self.cert), 1),
                (r"/etc/ssl/govsite/privkey\.pem", str(self.cert.with_name("key.pem")), 1),
                (r"include /etc/nginx/govsite/", f"include {self.work}/etc/", 2),
                (r"root /srv/govsite/", f"root {self.webroot}/", 3),
                (r"^http \{", "http {\n" + temp, 1),
            ])
        if os.geteuid() == 0:  # temporary folders are private to root: let the workers read them
            conf = "user root;\n" + conf
        return conf

    def start(self) -> Nginx:
        import time
        import urllib.error
        import urllib.request

        (self.work / "nginx.conf").write_text(self.config(), encoding="utf-8")
        binary = self.binary
        test = subprocess.run([binary, "-t", "-c", str(self.work / "nginx.conf")], capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"deploy/ nginx files do not load: {test.stderr}")
        self.process = subprocess.Popen([binary, "-c", str(self.work / "nginx.conf"), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # the server answers (a redirect or a 404 is an answer)
            except OSError:
                time.sleep(0.1)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def base(self) -> str:
        """The site's base URL: HTTPS on 127.0.0.1, or the column's path on the portal."""
        if self.column:
            return f"http://127.0.0.1:{self.http_port}/bm/tyjrswj/"
        return f"https://127.0.0.1:{self.https_port}/"

    def ssl_context(self):
        import ssl

        return ssl.create_default_context(cafile=str(self.cert))


def start_nginx(site_dir: Path, work: Path, binary: str = "") -> tuple[str, subprocess.Popen]:
    """deploy/nginx.conf serving the built `site_dir` as the current release of a web root in `work`, over HTTPS
    on 127.0.0.1 with a self-signed certificate (browsers: ignore_https_errors; Python: Nginx.ssl_context). For
    the nginx tests and bench/search_scale.py. Returns the base URL and the server process (terminate it)."""
    webroot = work / "webroot"
    (webroot / "releases").mkdir(parents=True, exist_ok=True)
    (webroot / "current").symlink_to(Path(site_dir).resolve())
    server = Nginx(work, webroot, binary=binary).start()
    return server.base, server.process


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


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """A varint of the search index's binary files (hooks/govsite/search/index.py) at `pos`: (value, next pos)."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def shard_heads(data: bytes) -> tuple[list[tuple[str, int, int]], int]:
    """A shard file's head: (n-gram, postings, bytes) of each n-gram, and where the postings begin."""
    count, pos = read_varint(data, 0)
    heads = []
    for _ in range(count):
        length, pos = read_varint(data, pos)
        gram = ""
        for _ in range(length):
            code, pos = read_varint(data, pos)
            gram += chr(code)
        entries, pos = read_varint(data, pos)
        size, pos = read_varint(data, pos)
        heads.append((gram, entries, size))
    return heads, pos


def search_postings(site_dir: Path) -> dict[str, dict[int, int]]:
    """n-gram -> {record id: tf}, decoded from site_dir/searchindex/g/*.bin by the format documented in
    hooks/govsite/search/index.py (varint header per n-gram, then record-id gaps and a tf<<1|title byte)."""
    postings: dict[str, dict[int, int]] = {}
    for path in sorted((site_dir / "searchindex" / "g").glob("*.bin")):
        data = path.read_bytes()
        heads, pos = shard_heads(data)
        for gram, entries, size in heads:
            blob, pos = data[pos:pos + size], pos + size
            rid, at, found = -1, 0, {}
            for _ in range(entries):
                gap, at = read_varint(blob, at)
                rid += gap
                found[rid] = blob[at] >> 1
                at += 1
            postings[gram] = found
    return postings
