"""Reading editors' files safely: inside the repository, bounded in size, UTF-8 only."""
from __future__ import annotations

import os
from pathlib import Path

from .problems import InputError, Problem

MAX_TEXT_BYTES = 5 * 1024 * 1024  # no legitimate data or page file comes near this


def rel(path: Path, root: Path) -> str:
    # Speed (a load names every file of the site, several times): a path's text below its root's, as
    # relative_to would find it part by part; both are normalised, so the text of one starts with the other's.
    text, base = str(path), str(root)
    if os.sep == "/" and len(base) > 1 and text.startswith(base) and text[len(base):len(base) + 1] == "/":
        return text[len(base) + 1:]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, root: Path, real_folders: dict | None = None) -> str:
    """Return the file's text or raise InputError with a Chinese explanation. `real_folders` (folder -> its
    resolved path) spares resolving the same folders again for each of their files, within one load."""
    name = rel(path, root)
    if real_folders is None or path.is_symlink():
        real = path.resolve()
    else:
        folder = real_folders.get(path.parent)
        if folder is None:
            folder = real_folders[path.parent] = path.parent.resolve()
        real = folder / path.name
    if path.is_symlink() or real != path.absolute():
        try:
            real.relative_to(root.resolve())
        except ValueError:
            raise InputError([Problem(name, 0, "", "是指向仓库之外的符号链接，出于安全原因不予读取；请把文件本身放进仓库")]) from None
    try:
        size = real.stat().st_size
    except OSError as exc:
        raise InputError([Problem(name, 0, "", f"无法读取文件（{exc.strerror}）")]) from None
    if size > MAX_TEXT_BYTES:
        limit = MAX_TEXT_BYTES // 1024 // 1024
        raise InputError([Problem(name, 0, "", f"文件过大（{size // 1024 // 1024} MB），上限为 {limit} MB；请检查是否误放了其他文件")])
    raw = real.read_bytes()
    if not raw.strip():
        raise InputError([Problem(name, 1, "", "文件为空；请填写内容或删除此文件")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise InputError([Problem(name, 1, "", "文件以 UTF-8 BOM 开头；请在编辑器中另存为“UTF-8（无 BOM）”编码")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "（看起来是 GBK/GB18030 编码）"
        except UnicodeDecodeError:
            pass
        raise InputError([Problem(name, line, "", f"文件不是 UTF-8 编码{hint}；请在编辑器中另存为“UTF-8”编码")]) from None
    if "\x00" in text:
        raise InputError([Problem(name, text[: text.index("\x00")].count("\n") + 1, "", "文件含有空字符，似乎不是文本文件")])
    return text
