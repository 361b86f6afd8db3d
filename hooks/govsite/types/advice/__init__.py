"""编辑提示: warnings an editor can act on, over everything the other types loaded.

- an image without alt text (Markdown `![](…)` or HTML `<img>`), in any page or YAML text, and an image file
  too large for a phone;
- a telephone number in a notice that is still running (公示中 or not yet begun) that is not among
  data/site.yml 公开号码, with the files that still show it (govsite/phones.py).
Warnings do not stop a preview; `make build` (strict) stops on them.
"""
from __future__ import annotations

import re

from ... import phones
from ...model import ContentType, Site
from ...problems import InputError
from ...source import rel
from ..notices import STATUS_BEFORE, STATUS_OPEN
from ..notices import model as notices_model

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp"}
MAX_IMAGE_BYTES = 1024 * 1024  # larger pictures take long on a phone's connection
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)|!\[([^\]]*)\]\[[^\]]*\]")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")


def _images_without_alt(text: str) -> tuple[tuple[int, str], ...]:
    """images_without_alt from the text's first line, after a look for any image at all (most texts have none):
    a function of the text alone."""
    if "![" not in text and "<img" not in text.lower():
        return ()
    return tuple(images_without_alt(text))


def images_without_alt(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for every image in Markdown (or HTML in it) that has no alternative text."""
    found = []
    in_fence = False
    for offset, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _INLINE_CODE.sub("", line)  # `![](x.png)` written as an example
        for match in _MARKDOWN_IMAGE.finditer(line):
            alt = match.group(1) if match.group(1) is not None else match.group(3)
            if not (alt or "").strip():
                target = match.group(2) or "…"
                found.append((first_line + offset, f"图片 {target} 没有替代文字：请在方括号里写一句图片内容，"
                                                   f"如 ![2024年安置现场]({target})；看不见图片的读者（读屏软件）靠它了解内容"))
        for match in _HTML_IMAGE.finditer(line):
            alt = _ALT.search(match.group(0))
            if alt is None or not "".join(g or "" for g in alt.groups()).strip():
                src = re.search(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", match.group(0), re.IGNORECASE)
                target = src.group(1) if src else "…"
                found.append((first_line + offset, f"图片 {target} 没有替代文字：请在 <img> 中加上 alt=\"图片内容\"；"
                                                   "看不见图片的读者（读屏软件）靠它了解内容"))
    return found


class Advice(ContentType):
    name = "advice"
    label = "编辑提示"
    order = 990  # after every type whose files and models it reads

    def load(self, site: Site) -> None:
        read = lambda path, root: site.read_text(path)  # read once per load
        for doc in site.editor_pages.values():
            # make serve: a text's images are looked for once (an unchanged page's body is the str of the last
            # save; the lines are counted from its own first line, and placed at the body's here)
            for line, message in site.derived("advice: images without alt", doc.body, _images_without_alt):
                site.problems.warning(doc.file, line + doc.body_line - 1, "正文", message)
        if site.data_dir.is_dir():
            for path in (p for p in site.listing(site.data_dir) if p.name.endswith(".yml")):
                try:
                    text = read(path, site.root)
                except InputError:
                    continue  # reported by its loader
                for line, message in site.derived("advice: images without alt", text, _images_without_alt):
                    site.problems.warning(rel(path, site.root), line, "", message)
        if site.content_dir.is_dir():
            for path in site.listing(site.content_dir):
                if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file() and "assets" not in path.parts \
                        and path.stat().st_size > MAX_IMAGE_BYTES:
                    size = path.stat().st_size / 1024 / 1024
                    site.problems.warning(rel(path, site.root), 0, "",
                                          f"图片有 {size:.1f} MB，手机上打开很慢；请压缩到 1 MB 以内（如宽度缩小到 1600 像素、"
                                          "存为质量 80% 的 JPG）再放入")

    def check(self, site: Site) -> None:
        public = phones.public_numbers(site.settings)
        if not public:
            return  # data/site.yml has no list (its own problem is reported there)
        for notice in model_notices(site):
            status = notice.status(site.today)
            if status not in (STATUS_OPEN, STATUS_BEFORE):
                continue
            until = f"公示期至 {notice.period.end}" if notice.period else ""
            for line, number in _numbers_of(site, notice):
                if phones.digits(number) in public:
                    continue
                site.problems.warning(notice.file, line, "",
                                      f"电话 {number} 不在 data/site.yml 的“公开号码”中，而本公告仍在公示（{until}），"
                                      f"群众正按它来电。{phones.not_public_advice(site, number)}")


def model_notices(site: Site):
    return notices_model(site).newest_first() if "notices" in site.models else []


def _numbers_of(site: Site, notice) -> list[tuple[int, str]]:
    """(line, number) of every telephone number a running notice shows: its file's lines for an editor's
    notice (front matter and body), its 监督电话 for a notice another type publishes."""
    if notice.doc is not None:
        read = lambda path, root: site.read_text(path)  # read once per load
        try:
            text = read(site.root / notice.file, site.root)
        except InputError:
            return []
        return [(n, number) for n, line in enumerate(text.split("\n"), start=1) for number in phones.numbers_in(line)]
    return [(notice.line, str(phone.get("电话", ""))) for phone in notice.phones if phones.numbers_in(str(phone.get("电话", "")))]


CONTENT_TYPE = Advice()
