"""The readers of published files where a fault would let personal data through unnoticed (found by mutation
testing, docs/testing.md): text an image carries beside its pixels (PNG chunks, a JPEG's comment, EXIF in both
byte orders, XMP), gzip files, OpenDocument's parts and places, OFD annotations and attachments, hidden columns.

Each test plants generated personal data in one place of a file written by hand as its format defines it, and
asserts it is read there (the place an editor is told), and that the same file without it gives nothing."""
from __future__ import annotations

import gzip
import struct
import zlib

import pytest
from files_kit import People

from govsite.guard import files
from govsite.guard import personal as privacy

RULES = privacy.Rules()


def units(extracted) -> list[tuple[str, str]]:
    return [(u.place, u.text) for u in extracted.lines]


# ---- images: text beside the pixels ----------------------------------------------------------------------------

def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


PNG_HEAD = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
PNG_END = png_chunk(b"IEND", b"")


def test_every_kind_of_png_text_chunk_is_read_and_nothing_after_its_end():
    people = People(31)
    name, mobile, after = people.name(), people.mobile(), people.mobile()
    data = (PNG_HEAD
            + png_chunk(b"tEXt", b"Phone\0" + mobile.encode("latin-1"))
            + png_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(f"tel {mobile[::-1]}".encode("latin-1")))
            + png_chunk(b"iTXt", b"Author\0\0\0zh\0\xe4\xbd\x9c\xe8\x80\x85\0" + name.encode("utf-8"))
            + png_chunk(b"iTXt", b"Title\0\x01\0\0\0" + zlib.compress(f"摄影：{name}".encode()))
            + png_chunk(b"IDAT", zlib.compress(b"\0\0"))
            + PNG_END + png_chunk(b"tEXt", b"After\0" + after.encode()))
    extracted = files.read(data, "a.png")
    assert extracted.media == "图片"
    assert units(extracted) == [("图片的元数据“Phone”", mobile), ("图片的元数据“Comment”", f"tel {mobile[::-1]}"),
                                ("图片的元数据“Author”", name), ("图片的元数据“Title”", f"摄影：{name}")]
    assert {f.value for f in privacy.scan_extracted(extracted, "a.png", RULES)} >= {mobile, name}


def test_a_png_whose_metadata_is_damaged_is_still_an_image_with_what_could_be_read():
    mobile = People(32).mobile()
    damaged = PNG_HEAD + png_chunk(b"tEXt", b"Phone\0" + mobile.encode()) + png_chunk(b"zTXt", b"C\0\0not zlib")
    extracted = files.read(damaged + PNG_END, "a.png")
    assert extracted.media == "图片" and units(extracted) == [("图片的元数据“Phone”", mobile)]
    cut = PNG_HEAD + png_chunk(b"tEXt", b"Phone\0" + mobile.encode())[:-6]
    assert files.read(cut, "a.png").media == "图片"


def test_blank_metadata_is_no_unit_and_spaces_in_it_are_one():
    extracted = files.read(PNG_HEAD + png_chunk(b"tEXt", b"Empty\0 \0\t ") + png_chunk(b"tEXt", b"T\0a\0\0 \n b")
                           + PNG_END, "a.png")
    assert units(extracted) == [("图片的元数据“T”", "a b")]


def segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


def tiff(order: str, entries: list[tuple[int, int, bytes]], sub: list[tuple[int, int, bytes]] = ()) -> bytes:
    """A TIFF block as EXIF holds it: IFD0 with `entries` (tag, type, value bytes), and an Exif sub-IFD with
    `sub`; values over four bytes are stored after the directories and pointed at, as cameras write them."""
    head = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)
    all_entries = list(entries) + ([(0x8769, 4, b"")] if sub else [])
    ifd0_size = 2 + 12 * len(all_entries) + 4
    sub_at = 8 + ifd0_size
    sub_size = 2 + 12 * len(sub) + 4 if sub else 0
    data_at = sub_at + sub_size
    extra = b""

    def directory(items, pointer_for_sub):
        nonlocal extra
        out = struct.pack(order + "H", len(items))
        for tag, kind, value in items:
            if tag == 0x8769:
                out += struct.pack(order + "HHI", tag, 4, 1) + struct.pack(order + "I", pointer_for_sub)
                continue
            out += struct.pack(order + "HHI", tag, kind, len(value))
            if len(value) <= 4:
                out += value.ljust(4, b"\0")
            else:
                out += struct.pack(order + "I", data_at + len(extra))
                extra += value
        return out + b"\0\0\0\0"

    first = directory(all_entries, sub_at)
    second = directory(sub, 8) if sub else b""  # an Exif pointer inside it would lead back to IFD0
    return head + first + second + extra


def jpeg(*segments: bytes, after_scan: bytes = b"") -> bytes:
    return b"\xff\xd8" + b"".join(segments) + segment(0xDA, b"\x00") + b"\x12\x34" + after_scan + b"\xff\xd9"


@pytest.mark.parametrize("order", ["<", ">"])
def test_a_photos_exif_is_read_in_either_byte_order_wherever_its_text_is_stored(order):
    people = People(33 if order == "<" else 34)
    name, author, mobile, other = people.name(), people.name(), people.mobile(), people.name()
    xp = lambda text: text.encode("utf-16-le") + b"\0\0"
    block = tiff(order, [
        (0x010E, 2, f"联系电话 {mobile}\0".encode("gbk")),  # ImageDescription, ASCII by the standard, GBK in practice
        (0x013B, 2, b"Li\0"),  # Artist, short enough to stand in the entry itself
        (0x8298, 2, "版权所有".encode()),  # Copyright
        (0x0110, 2, b"Camera model 13912345678\0"),  # Model: not text the guard reads
        (0x9C9D, 1, xp(author)),  # XPAuthor
        (0x9C9B, 1, xp(f"{other}的照片")),  # XPTitle
    ], sub=[(0x9286, 7, b"UNICODE\0" + f"联系人：{name}".encode("utf-16-le"))])  # UserComment
    extracted = files.read(jpeg(segment(0xE1, b"Exif\0\0" + block)), "photo.jpg")
    assert extracted.media == "图片"
    assert sorted(units(extracted)) == sorted([
        ("图片的元数据“图片说明”", f"联系电话 {mobile}"), ("图片的元数据“作者”", "Li"), ("图片的元数据“版权”", "版权所有"),
        ("图片的元数据“作者”", author), ("图片的元数据“标题”", f"{other}的照片"), ("图片的元数据“用户注释”", f"联系人：{name}")])
    values = {f.value for f in privacy.scan_extracted(extracted, "photo.jpg", RULES)}
    assert {mobile, name} <= values and "13912345678" not in values


def test_a_user_comment_in_ascii_and_a_directory_that_points_back_at_the_first():
    mobile = People(35).mobile()
    comment = (0x9286, 7, b"ASCII\0\0\0" + f"tel {mobile}".encode())
    # the second: its Exif sub-directory holds an Exif pointer back to the first (read once: no endless loop)
    for block in (tiff("<", [(0x010E, 2, b"x\0")], sub=[comment]),
                  tiff("<", [(0x010E, 2, b"x\0")], sub=[comment, (0x8769, 4, b"")])):
        extracted = files.read(jpeg(segment(0xE1, b"Exif\0\0" + block)), "a.jpg")
        assert units(extracted) == [("图片的元数据“图片说明”", "x"), ("图片的元数据“用户注释”", f"tel {mobile}")]


def test_a_jpegs_comment_and_xmp_are_read_and_nothing_after_the_image_data_starts():
    people = People(36)
    name, mobile, hidden = people.name(), people.mobile(), people.mobile()
    xmp = (b"http://ns.adobe.com/xap/1.0/\0" + f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.'
           f'org/1999/02/22-rdf-syntax-ns#"><rdf:Description><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f"{name}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>".encode())
    data = jpeg(segment(0xE0, b"JFIF\0\1\1\0\0\1\0\1\0\0"), segment(0xFE, f"联系 {mobile}".encode("gbk")),
                segment(0xE1, b"Exif\0\0"[:4] + b"??"), segment(0xE1, xmp),
                after_scan=segment(0xFE, f"联系 {hidden}".encode()))
    extracted = files.read(data, "a.jpg")
    assert units(extracted) == [("图片的元数据“注释”", f"联系 {mobile}"), ("图片的元数据（XMP）", name)]


def test_an_image_that_is_no_png_or_jpeg_and_a_font_carry_no_text_read():
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;" + "联系人 王建华 13912345678".encode()
    assert (files.read(gif, "a.gif").media, units(files.read(gif, "a.gif"))) == ("图片", [])
    font = b"wOFF" + b"13912345678" + bytes(40)
    assert (files.read(font, "a.woff").media, units(files.read(font, "a.woff"))) == ("字体", [])
    # a PNG chunk in a font is not read as one: only images carry metadata the guard reads
    assert units(files.read(b"wOFF" + PNG_HEAD[8:] + png_chunk(b"tEXt", b"A\0" + b"13912345678"), "b.woff")) == []


# ---- gzip --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "inner"), [
    ("sitemap.xml.gz", "xml"), ("SITEMAP.XML.GZ", "xml"), ("a.svgz", "xml"), ("A.SVGZ", "xml"), ("feed.xml", "xml"),
    ("list.csv.gz", "csv"), ("notes.txt.gz", "txt"), ("data.json.gz", "json"), ("a.gz", "txt"),
])
def test_a_gzip_file_is_read_as_what_it_holds(name, inner):
    people = People(37)
    person, number = people.name(), people.id_number()
    text = {"xml": f"<urlset><url><loc>https://a.example.cn/</loc><note>联系人：{person} {number}</note></url></urlset>",
            "csv": f"序号,姓名,身份证号\n1,{person},{number}\n",
            "txt": f"联系人：{person}\n身份证号 {number}\n",
            "json": f'{{"联系人": "联系人：{person}", "身份证号": "{number}"}}'}[inner]
    extracted = files.read(gzip.compress(text.encode(), mtime=0), name)
    found = {(f.rule, f.value) for f in privacy.scan_extracted(extracted, name, RULES)}
    assert (privacy.RULE_ID, number) in found and (privacy.RULE_NAME, person) in found
    if inner == "csv":
        assert [[c.text for c in row] for row in extracted.tables[0].rows] == [["1", person, number]]
    if inner == "xml":
        assert extracted.text.startswith("<urlset>")


def test_a_damaged_or_oversized_gzip_is_refused_with_its_reason(monkeypatch):
    good = gzip.compress(b"x" * 5000, mtime=0)
    for damaged in (good[:20], good[:-8] + b"\0" * 8, b"\x1f\x8b" + b"\0" * 30):
        with pytest.raises(files.Unreadable) as refused:
            files.read(damaged, "sitemap.xml.gz")
        assert str(refused.value) == "gzip 压缩文件已损坏，其中的个人信息无法检查；请重新生成后再放入"
    monkeypatch.setattr(files, "MAX_GUNZIPPED", 4999)
    with pytest.raises(files.Unreadable) as refused:
        files.read(good, "a.txt.gz")
    assert str(refused.value).startswith("gzip 压缩文件解压后超过 0 MB（可能是“压缩炸弹”）")
    monkeypatch.setattr(files, "MAX_GUNZIPPED", 5000)
    assert files.read(good, "a.txt.gz").lines[0].text == "x" * 5000  # the limit itself is allowed


def test_files_inside_files_are_read_three_deep_and_not_four():
    number = People(38).id_number()
    data = f"身份证号 {number}\n".encode()
    for _ in range(3):
        data = gzip.compress(data, mtime=0)
    assert [u.text for u in files.read(data, "a.txt.gz").lines] == [f"身份证号 {number}"]
    with pytest.raises(files.Unreadable, match="嵌套的文件层数过多"):
        files.read(gzip.compress(data, mtime=0), "a.txt.gz")
