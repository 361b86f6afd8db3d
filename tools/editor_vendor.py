"""Install the browser editor's third-party files listed in editor/vendor.lock into editor/vendor/ (make editor).

Each line names an npm package, its exact version, the registry's sha512 integrity and the files wanted from it.
The package is fetched with `npm pack` (the registry's own client, no dependency tree: the editor needs the
built bundle only), its tarball checked against the integrity written in the lock, and only the wanted files are
unpacked. A mismatch stops with a message and leaves editor/vendor/ as it was.

    python tools/editor_vendor.py            # install (skips a package already installed at its version)
"""
from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "editor/vendor.lock"
VENDOR = ROOT / "editor/vendor"


def entries() -> list[tuple[str, str, str, list[str]]]:
    out = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, version, integrity, *patterns = line.split()
            out.append((name, version, integrity, patterns))
    return out


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _wanted(member: str, patterns: list[str]) -> bool:
    inner = member.removeprefix("package/")
    return any(fnmatch.fnmatchcase(inner, p) or (p.endswith("/**") and inner.startswith(p[:-2])) for p in patterns)


def install(name: str, version: str, integrity: str, patterns: list[str]) -> None:
    target = VENDOR / name
    stamp = target / ".version"
    if stamp.is_file() and stamp.read_text().strip() == f"{version} {integrity}":
        return
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", tmp],
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"无法下载 {name}@{version}（npm pack 失败）：{done.stderr.strip()[-500:]}")
        tarball = Path(tmp) / json.loads(done.stdout)[0]["filename"]
        data = tarball.read_bytes()
        if _integrity(data) != integrity:
            sys.exit(f"{name}@{version} 的校验值与 editor/vendor.lock 不一致：未安装。")
        staging = Path(tmp) / "out"
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                if member.isfile() and _wanted(member.name, patterns):
                    dest = staging / member.name.removeprefix("package/")
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with archive.extractfile(member) as src:
                        dest.write_bytes(src.read())
        (staging / ".version").write_text(f"{version} {integrity}\n")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(target))
    print(f"已安装 {name}@{version} 到 {target.relative_to(ROOT)}/")


def main() -> int:
    for entry in entries():
        install(*entry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
