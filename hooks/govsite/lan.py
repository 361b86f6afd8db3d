"""This computer's addresses on the office network, for `make serve-lan` (a phone on the same network opens the
preview at one of them). Only local look-ups: nothing is sent anywhere."""
from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess


def addresses() -> list[str]:
    """IPv4 addresses of this computer other than loopback, private (office) networks first."""
    found: set[str] = set()
    try:
        found.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        pass
    if shutil.which("hostname"):  # Linux: every interface's address (the host name often maps to 127.0.1.1)
        try:
            out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
            found.update(word for word in out.split() if ":" not in word)
        except (OSError, subprocess.SubprocessError):
            pass
    usable = []
    for text in found:
        try:
            address = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if not (address.is_loopback or address.is_link_local or address.is_unspecified):
            usable.append(address)
    return [str(a) for a in sorted(usable, key=lambda a: (not a.is_private, a))]


def announcement(port: int) -> str:
    """What `make serve-lan` prints: where to open the preview from a phone, in Chinese."""
    found = addresses()
    if not found:
        return (f"未找到本机的局域网地址：请在系统网络设置中查看本机 IP 地址，然后在同一网络的手机上打开 http://<该地址>:{port}/")
    urls = "、".join(f"http://{a}:{port}/" for a in found)
    return (f"局域网预览已开启：在连接同一办公网络的手机或电脑浏览器中打开 {urls}\n"
            f"（只供内部预览，不要在公共网络上开启；打不开时，请让本机防火墙允许 {port} 端口）")
