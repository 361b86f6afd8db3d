"""Zip packages (.docx, .xlsx, .pptx, .odt/.ods/.odp, .ofd) opened within bounds: a zip bomb, a package of
too many parts or an encrypted part is refused, never read past the bound."""
from __future__ import annotations

import io
import zipfile
import zlib

from .model import Unreadable

MAX_UNPACKED = 200 * 1024 * 1024  # bytes read out of one package, all parts together
MAX_PARTS = 20_000
MAX_RATIO = 200  # a part unpacking to more than this many times its packed size is a bomb (text packs ~10x)
RATIO_FROM = 10 * 1024 * 1024  # … once it is this large (small parts of zeros pack far better, harmlessly)


class Package:
    def __init__(self, data: bytes, kind: str):
        self.kind = kind
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise Unreadable(f"文件已损坏或不是真正的{kind}（扩展名与内容不符），无法检查其中的个人信息；"
                             f"请用办公软件重新另存后再放入") from None
        if len(infos) > MAX_PARTS:
            raise Unreadable(f"{kind}内部的文件超过 {MAX_PARTS} 个，无法检查其中的个人信息；请检查文件是否正确")
        if sum(info.file_size for info in infos) > MAX_UNPACKED:
            raise Unreadable(f"{kind}解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，无法检查其中的个人信息；"
                             "请检查文件是否正确，或拆分后再放入")
        self.infos = {info.filename: info for info in infos if not info.is_dir()}
        self.read_so_far = 0

    @property
    def names(self) -> list[str]:
        return list(self.infos)

    def __contains__(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        info = self.infos[name]
        if info.flag_bits & 0x1:
            raise Unreadable(f"{self.kind}内部的“{name}”已加密，无法检查其中的个人信息；请去掉密码后再放入")
        room = MAX_UNPACKED - self.read_so_far
        try:
            with self.zip.open(info) as part:
                data = part.read(room + 1)  # the size in the header may lie: the bound is on what comes out
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error) as exc:
            # damaged compressed bytes come out of zlib itself, as zlib.error (its bare class name says nothing)
            reason = "zlib.error" if isinstance(exc, zlib.error) else type(exc).__name__
            raise Unreadable(f"{self.kind}内部的“{name}”无法解压（{reason}），其中的个人信息无法检查；"
                             "请用办公软件重新另存后再放入") from None
        self.read_so_far += len(data)
        if len(data) > room or (len(data) > RATIO_FROM and len(data) > MAX_RATIO * max(info.compress_size, 1)):
            raise Unreadable(f"{self.kind}解压后超过限度（可能是“压缩炸弹”），无法检查其中的个人信息；请检查文件是否正确")
        return data
