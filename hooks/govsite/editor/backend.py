"""The editor's local mode under make serve: Decap CMS's local-backend JSON API, answered in Python on the working
tree (what decap-server's file-system mode does in Node: POST {action, params} → JSON).

Saving writes the file into the checkout, where make serve rebuilds the preview; committing and the merge request
stay as EDITING.md says. Only files under content/ and data/ can be read, written or listed, never through a
symbolic link, never outside the repository; nothing is ever deleted (the forms withdraw instead).
"""
from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

WRITABLE = ("content", "data")  # the only folders the editor reads and writes
MAX_UPLOAD = 50 * 1024 * 1024  # the build refuses larger files anyway (source.py)


class BackendError(Exception):
    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


def _target(root: Path, rel: str) -> Path:
    """The file `rel` names under content/ or data/, refused when it leaves them in any way."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel or rel.startswith("/"):
        raise BackendError(f"不允许的路径：{rel!r}", 403)
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts) or parts[0] not in WRITABLE:
        raise BackendError(f"只能编辑 content/ 和 data/ 中的文件：{rel}", 403)
    path = root.joinpath(*parts)
    probe = root
    for part in parts:  # no symbolic link anywhere on the way (a link could lead out of the repository)
        probe = probe / part
        if probe.is_symlink():
            raise BackendError(f"不能通过符号链接编辑：{rel}", 403)
    return path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entry(root: Path, rel: str, label=None) -> dict:
    path = _target(root, rel)
    try:
        data = path.read_bytes()
    except OSError:
        return {"data": None, "file": {"path": rel, "label": label, "id": None}}
    return {"data": data.decode("utf-8", "replace"), "file": {"path": rel, "label": label, "id": _sha(data)}}


def _media(root: Path, rel: str) -> dict:
    data = _target(root, rel).read_bytes()
    return {"id": _sha(data), "content": base64.b64encode(data).decode("ascii"), "encoding": "base64",
            "path": rel, "name": rel.rsplit("/", 1)[-1]}


def _listing(root: Path, folder: str, extension: str, depth: int) -> list[str]:
    base = _target(root, folder.strip("/"))
    found = []

    def walk(directory: Path, level: int) -> None:
        if level <= 0 or directory.is_symlink() or not directory.is_dir():
            return
        for child in sorted(directory.iterdir()):
            if child.is_symlink():
                continue
            if child.is_dir():
                walk(child, level - 1)
            elif child.name.endswith(extension):
                found.append(child.relative_to(root).as_posix())

    walk(base, int(depth or 1))
    return found


def _write(root: Path, rel: str, content: bytes) -> None:
    path = _target(root, rel)
    if len(content) > MAX_UPLOAD:
        raise BackendError(f"文件太大（{len(content) // 1024 // 1024} MB）：{rel}", 413)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_bytes(content)
    os.replace(temporary, path)  # make serve never reads a half-written file


def _decode(asset: dict) -> bytes:
    if asset.get("encoding") != "base64":
        raise BackendError("附件应以 base64 编码上传")
    return base64.b64decode(asset.get("content", ""), validate=True)


def handle(root: Path, body: dict) -> object:
    """One request of Decap's proxy backend. Raises BackendError for what it refuses."""
    action = body.get("action")
    params = body.get("params") or {}
    if action == "info":
        return {"repo": root.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action == "entriesByFolder":
        files = _listing(root, params["folder"], params.get("extension", ""), params.get("depth", 1))
        return [_entry(root, f) for f in files]
    if action == "entriesByFiles":
        return [_entry(root, f["path"], f.get("label")) for f in params.get("files", [])]
    if action == "getEntry":
        return _entry(root, params["path"])
    if action == "persistEntry":
        data_files = params.get("dataFiles") or [params["entry"]]
        if any(f.get("newPath") for f in data_files):
            raise BackendError("不能通过编辑器给文件改名：网址和索引号发布后不能变", 403)
        assets = [(a["path"], _decode(a)) for a in params.get("assets", [])]
        for rel, _ in assets:  # check every path before writing anything
            _target(root, rel)
        for data_file in data_files:
            _target(root, data_file["path"])
        for rel, content in assets:
            _write(root, rel, content)
        for data_file in data_files:
            _write(root, data_file["path"], data_file["raw"].encode("utf-8"))
        return {"message": "entry persisted"}
    if action == "getMedia":
        folder = params.get("mediaFolder", "").strip("/")
        return [_media(root, f) for f in _listing(root, folder, "", 1)] if _target(root, folder).is_dir() else []
    if action == "getMediaFile":
        return _media(root, params["path"])
    if action == "persistMedia":
        asset = params["asset"]
        _write(root, asset["path"], _decode(asset))
        return _media(root, asset["path"])
    if action in ("deleteFile", "deleteFiles"):
        raise BackendError("编辑器不删除文件：已发布的信息请“撤回”（EDITING.md 第十七节）", 403)
    if action == "getDeployPreview":
        return None
    raise BackendError(f"未知的操作：{action}")
