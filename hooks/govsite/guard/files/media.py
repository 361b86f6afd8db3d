"""Images, fonts, audio and video: files whose content is no text the guard can read (the text inside a picture
is not read: no OCR). A file is media only when its bytes say so, whatever its name: a .png that is a CSV is
read as a CSV. Text an image carries beside its pixels is read: PNG text chunks, a JPEG's comment, its EXIF
description, artist and user comment, its XMP metadata and its IPTC datasets (who took it, a caption)."""
from __future__ import annotations

import re
import struct
import zlib

from .model import Extracted, Line

SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "图片"), (b"\xff\xd8\xff", "图片"), (b"GIF87a", "图片"), (b"GIF89a", "图片"),
    (b"BM", "图片"), (b"\x00\x00\x01\x00", "图片"), (b"\x00\x00\x02\x00", "图片"), (b"II*\x00", "图片"),
    (b"MM\x00*", "图片"), (b"wOFF", "字体"), (b"wOF2", "字体"), (b"\x00\x01\x00\x00", "字体"), (b"OTTO", "字体"),
    (b"ttcf", "字体"), (b"ID3\x02", "音频"), (b"ID3\x03", "音频"), (b"ID3\x04", "音频"), (b"OggS", "音频"), (b"fLaC", "音频"),
    (b"\x1aE\xdf\xa3", "视频"), (b"FLV", "视频"),
)


def media_kind(data: bytes) -> str:
    """图片, 字体, 音频 or 视频 when the bytes are one, else ''."""
    for signature, kind in SIGNATURES:
        if data.startswith(signature):
            if signature == b"BM" and len(data) >= 14 and struct.unpack("<I", data[2:6])[0] not in (len(data), 0):
                continue  # "BM" alone begins some text files; a bitmap states its own size
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "图片", b"WAVE": "音频", b"AVI ": "视频"}[data[8:12]]
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"avif", b"avis", b"heic", b"heix", b"mif1", b"msf1"):
            return "图片"
        return "音频" if brand in (b"M4A ", b"M4B ") else "视频"
    if len(data) > 36 and data[34:36] == b"LP":
        return "字体"  # Embedded OpenType (.eot)
    if data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "音频"  # MPEG audio frame without an ID3 tag
    return ""


def read_media(data: bytes, kind: str) -> Extracted:
    out = Extracted(media=kind)
    if kind != "图片":
        return out
    try:
        if data.startswith(b"\x89PNG"):
            _png(data, out)
        elif data.startswith(b"\xff\xd8"):
            _jpeg(data, out)
        elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            _webp(data, out)
    except (struct.error, zlib.error, ValueError, IndexError):
        pass  # damaged metadata: the pixels are what is published
    return out


def _png(data: bytes, out: Extracted) -> None:
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            key, _, text = body.partition(b"\0")
            _unit(out, text.decode("latin-1"), key.decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            _unit(out, zlib.decompressobj().decompress(rest[1:], 1 << 20).decode("latin-1"), key.decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _translated, _, text = rest.partition(b"\0")
            if compressed:
                text = zlib.decompressobj().decompress(text, 1 << 20)
            _unit(out, text.decode("utf-8", "replace"), key.decode("latin-1"))
        elif kind == b"eXIf":  # the same EXIF block a JPEG holds (PNG 1.5): its text, where it was taken
            _exif(body, out)
        elif kind == b"IEND":
            break
        pos += 12 + length


def _webp(data: bytes, out: Extracted) -> None:
    """A WebP's chunks: its EXIF block (as a JPEG's, without the "Exif" header some tools keep) and its XMP."""
    pos = 12
    while pos + 8 <= len(data):
        kind, length = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"EXIF":
            _exif(body[6:] if body.startswith(b"Exif\0\0") else body, out)
        elif kind == b"XMP ":
            from .xmlfile import read_xml

            for line in read_xml(_decode(body)).lines:
                out.lines.append(Line(line.text, "图片的元数据（XMP）"))
        pos += 8 + length + (length & 1)


def _jpeg(data: bytes, out: Extracted) -> None:
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no metadata after this
            break
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        body = data[pos + 4:pos + 2 + length]
        if marker == 0xFE:
            _unit(out, _decode(body), "注释")
        elif marker == 0xE1 and body.startswith(b"Exif\0\0"):
            _exif(body[6:], out)
        elif marker == 0xE1 and body.startswith(b"http://ns.adobe.com/xap/1.0/\0"):
            from .xmlfile import read_xml

            for line in read_xml(_decode(body[29:])).lines:
                out.lines.append(Line(line.text, "图片的元数据（XMP）"))
        elif marker == 0xED:  # Photoshop's resources, where news and photo tools keep IPTC: caption, by-line …
            _iptc(body, out)
        pos += 2 + length


# IPTC-IIM record 2 datasets that hold text a person wrote (the others are codes, dates and versions).
IPTC_TEXT = {5: "名称", 25: "关键词", 40: "特别说明", 80: "作者", 85: "作者职务", 90: "城市", 92: "地区", 95: "省份",
             101: "国家", 105: "标题", 110: "提供者", 115: "来源", 116: "版权", 118: "联系方式", 120: "图片说明",
             122: "说明撰写人"}


def _iptc(body: bytes, out: Extracted) -> None:
    """Each text dataset of IPTC record 2 (0x1C 0x02, its number, a two-byte length, the value), wherever in the
    resources it stands."""
    pos = body.find(b"\x1c\x02")
    while 0 <= pos and pos + 5 <= len(body):
        dataset, length = body[pos + 2], struct.unpack(">H", body[pos + 3:pos + 5])[0]
        if length & 0x8000:  # an extended length: binary data, never text
            break
        if dataset in IPTC_TEXT:
            _unit(out, _decode(body[pos + 5:pos + 5 + length]), IPTC_TEXT[dataset])
        pos = body.find(b"\x1c\x02", pos + 5 + length)


EXIF_TEXT = {0x010E: "图片说明", 0x013B: "作者", 0x8298: "版权", 0x9286: "用户注释", 0x9C9B: "标题", 0x9C9C: "备注",
             0x9C9D: "作者", 0x9C9E: "关键词", 0x9C9F: "主题"}


def _entries(tiff: bytes, order: str, offset: int, most: int):
    """(tag, type, count, the entry's 12 bytes) of each entry of the TIFF directory at `offset`."""
    if offset + 2 > len(tiff):
        return
    count = struct.unpack(order + "H", tiff[offset:offset + 2])[0]
    for i in range(min(count, most)):
        entry = tiff[offset + 2 + 12 * i:offset + 14 + 12 * i]
        if len(entry) < 12:  # a damaged count, larger than the block: what was read stays
            return
        yield (*struct.unpack(order + "HHI", entry[:8]), entry)


def _exif(tiff: bytes, out: Extracted) -> None:
    order = "<" if tiff[:2] == b"II" else ">"
    seen = set()

    def ifd(offset: int) -> None:
        if offset in seen:
            return
        seen.add(offset)
        for tag, kind, n, entry in _entries(tiff, order, offset, 512):
            if tag == 0x8769:  # the Exif sub-directory (user comment lives there)
                ifd(struct.unpack(order + "I", entry[8:12])[0])
                continue
            if tag == 0x8825:  # the GPS sub-directory: where the photo was taken
                _gps(tiff, order, struct.unpack(order + "I", entry[8:12])[0], out)
                continue
            if tag not in EXIF_TEXT:
                continue
            size = n * {1: 1, 2: 1, 7: 1}.get(kind, 0)
            raw = entry[8:8 + size] if size <= 4 else tiff[struct.unpack(order + "I", entry[8:12])[0]:][:size]
            if tag >= 0x9C9B:
                text = raw.decode("utf-16-le", "replace")
            elif tag == 0x9286:
                text = raw[8:].decode("utf-16-le" if raw[:8].startswith(b"UNICODE") else "utf-8", "replace")
            else:
                text = _decode(raw)
            _unit(out, text, EXIF_TEXT[tag])

    ifd(struct.unpack(order + "I", tiff[4:8])[0])


def _gps(tiff: bytes, order: str, offset: int, out: Extracted) -> None:
    """A photo's latitude and longitude (GPS tags 1–4: N/S, three rationals, E/W, three rationals), as phones write
    them into every photo unless told not to: where it was taken, to a few metres."""
    found: dict[int, object] = {}
    for tag, kind, n, entry in _entries(tiff, order, offset, 64):
        if tag in (1, 3) and kind == 2:
            found[tag] = entry[8:9].decode("latin-1")
        elif tag in (2, 4) and kind == 5 and n == 3:
            at = struct.unpack(order + "I", entry[8:12])[0]
            parts = struct.unpack(order + "6I", tiff[at:at + 24])
            found[tag] = sum(a / b / 60 ** k for k, (a, b) in enumerate(zip(parts[::2], parts[1::2])) if b)
    latitude, longitude = found.get(2), found.get(4)
    if latitude is None or longitude is None or (not latitude and not longitude):
        return  # no position, or the zeros a camera without a fix writes
    north = "南纬" if found.get(1) == "S" else "北纬"
    east = "西经" if found.get(3) == "W" else "东经"
    out.locations.append(Line(f"{north}{latitude:.2f}° {east}{longitude:.2f}°", "图片的元数据“拍摄位置（GPS）”"))


def _decode(raw: bytes) -> str:
    from .encoding import decode
    from .model import Unreadable

    raw = raw.rstrip(b"\0")
    try:
        return decode(raw).text
    except Unreadable:
        return raw.decode("latin-1")


def _unit(out: Extracted, text: str, what: str) -> None:
    text = re.sub(r"[\s\0]+", " ", text).strip()
    if text:
        out.lines.append(Line(text, f"图片的元数据“{what}”"))
