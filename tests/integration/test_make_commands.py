"""The editors' commands run as an editor runs them, through make: `make build` after a good build and then a bad
input leaves site/ exactly as it was; `make serve-lan` serves on every interface and prints the address to open."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitekit import REPO, TODAY, copy_site, tree_hash

VENV = Path(sys.executable).parent.parent  # the venv running the tests: make uses it instead of installing one


def editor_copy(dest: Path) -> Path:
    root = copy_site(dest)
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(REPO / name, root / name)
    return root


def make(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, GOVSITE_TODAY=TODAY)
    return subprocess.run(["make", "--no-print-directory", *args, f"VENV={VENV}"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def built_by_make(tmp_path_factory) -> Path:
    """An editor's copy after a good `make build`: both tests below start from it (each on its own copy) rather
    than each running the same first build."""
    root = editor_copy(tmp_path_factory.mktemp("made") / "repo")
    first = make(root, "build")
    assert first.returncode == 0, first.stderr[-3000:]
    assert (root / "site/index.html").is_file() and not (root / ".site-staging").exists()
    return root


def built_copy(built_by_make: Path, dest: Path) -> Path:
    shutil.copytree(built_by_make, dest, symlinks=True)
    return dest


def test_make_build_after_a_good_build_leaves_site_untouched_by_bad_input(built_by_make, tmp_path):
    root = built_copy(built_by_make, tmp_path / "repo")
    before = tree_hash(root / "site")
    notice = root / "content/notices/2026/youfu-dingqi-fuxu.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace("类别: 优抚公示", "类别: 优抚公告"), encoding="utf-8")
    second = make(root, "build")
    assert second.returncode != 0
    assert "错误 content/notices/2026/youfu-dingqi-fuxu.md:4 类别: “优抚公告”不是已有的公告类别" in second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    assert tree_hash(root / "site") == before
    assert not (root / ".site-staging").exists()


def test_make_build_stops_on_a_warning_and_keeps_the_site(built_by_make, tmp_path):
    """Strict: a warning (here a 公示期 shorter than the category's minimum) stops `make build` too."""
    root = built_copy(built_by_make, tmp_path / "repo")
    before = tree_hash(root / "site")
    notice = root / "content/notices/2026/youfu-dingqi-fuxu.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace("  开始: 2026-11-23\n", "  开始: 2026-11-23\n  工作日: 2\n"),
                      encoding="utf-8")
    result = make(root, "build")
    assert result.returncode != 0 and "少于“优抚公示”的最短公示期 5 个工作日" in result.stderr
    assert tree_hash(root / "site") == before


def _listening_on_every_interface(port: int) -> bool:
    """Whether a socket listens on 0.0.0.0:port (read from the kernel's table; nothing is sent anywhere)."""
    wanted = f"00000000:{port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1] == wanted and fields[3] == "0A":  # 0A: LISTEN
            return True
    return False


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's socket table")
def test_make_serve_lan_listens_on_the_office_network_and_says_where(tmp_path):
    root = editor_copy(tmp_path / "repo")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, GOVSITE_TODAY=TODAY)
    process = subprocess.Popen(["make", "--no-print-directory", "serve-lan", f"PORT={port}", f"VENV={VENV}"], cwd=root,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    lines = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Serving on" in line:
                break
        output = "".join(lines)
        announced = next((line for line in lines if line.startswith("局域网预览已开启")), "")
        assert announced, output[-3000:]
        assert f":{port}/" in announced and "http://" in announced and "127.0.0.1" not in announced
        assert "防火墙" in output
        assert _listening_on_every_interface(port)
        import urllib.request  # the preview answers (asked on loopback only: no traffic to the office network)
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).status == 200
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


@pytest.mark.parametrize("target", ["serve", "serve-lan"])
def test_make_serve_on_a_taken_port_says_how_to_choose_another_before_building(tmp_path, target):
    """Another program holds the port: a Chinese message naming PORT=…, at once (no build, no traceback), exit ≠ 0;
    the same command with the suggested kind of PORT gets past the check."""
    root = editor_copy(tmp_path / "repo")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1" if target == "serve" else "0.0.0.0", 0))
        holder.listen()
        port = holder.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(["make", "--no-print-directory", target, f"PORT={port}", f"VENV={VENV}"], cwd=root,
                                env=dict(os.environ, GOVSITE_TODAY=TODAY), capture_output=True, text=True, timeout=120)
        took = time.monotonic() - started
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"端口 {port} 已被占用" in said and f"make {target}" in said and "PORT=8001" in said, said
    assert "Traceback" not in said and "Building documentation" not in said and "INFO" not in said, said
    assert not (root / "site").exists() and took < 30, took
    bad = subprocess.run(["make", "--no-print-directory", target, "PORT=80a", f"VENV={VENV}"], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "端口“80a”无效" in bad.stdout + bad.stderr
