"""`make serve` and `make serve-lan` check their port before anything is built: when another program (often a
`make serve` left running in another window) holds it, MkDocs would build the whole site and then stop with a
traceback. This says so at once, in Chinese, with the way to choose another port."""
from __future__ import annotations

import errno
import socket


def problem(host: str, port_text: str, target: str = "serve") -> str:
    """"" when `make <target>` can listen on host:port; else what to tell the editor."""
    other = "8001" if port_text != "8001" else "8002"
    choose = f"请关闭占用它的程序，或换一个端口，例如：PORT={other} make {target}"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return f"端口“{port_text}”无效：PORT 应为 1 到 65535 之间的数字，例如：PORT={other} make {target}"
    port = int(port_text)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # as the preview server binds (Python's HTTP server reuses addresses): a port left in TIME_WAIT is free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"端口 {port} 已被占用（可能另一个窗口中的 make {target} 还在运行）。{choose}"
            if exc.errno in (errno.EACCES, errno.EPERM):
                return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）。{choose}"
            return f"无法使用端口 {port}（{exc.strerror}）。{choose}"
    return ""
