"""PDF: the text layer of every page, line by line (第2页第5行), runs of lines with the same number of fields
as tables; the document's properties, annotations (comments and their authors), form fields' values,
bookmarks, and files attached to the PDF (read as files of their own).

What cannot be read is refused: an encrypted PDF, a page without a text layer (a scan: its text is an image),
a text layer that is not text (fonts without a Unicode map give private-use or control characters).
"""
from __future__ import annotations

import io
import logging
import re

from .encoding import plausibility
from .model import PERSON, Cell, Extracted, Line, Table, Unreadable

SCAN_FIX = "请用办公软件从原文件重新导出 PDF（带文字层），或对扫描件做文字识别（OCR）后再放入"
MIN_LAYER_SCORE = 0.5  # plausibility of a page's text layer below which it is not text (encoding.py)
INFO_LABELS = {"/Title": "标题", "/Author": "作者", "/Subject": "主题", "/Keywords": "关键词", "/Creator": "创建软件",
               "/Producer": "生成软件"}


def read_pdf(data: bytes, read_embedded=None) -> Extracted:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd but readable files are noise here
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                raise Unreadable("PDF 已加密（设置了打开密码），其中的个人信息无法检查；请放入未加密的 PDF")
        out = Extracted()
        scans = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if not text.strip():
                if _has_images(page):
                    scans.append(number)
                continue
            if plausibility(text) < MIN_LAYER_SCORE:
                raise Unreadable(f"PDF 第{number}页的文字层无法识别（字体缺少编码映射），其中的个人信息无法检查；{SCAN_FIX}")
            _page_lines(out, number, text)
            _annotations(out, number, page)
        if scans:
            pages = "、".join(f"第{n}页" for n in scans[:10]) + ("等" if len(scans) > 10 else "")
            raise Unreadable(f"PDF 的{pages}没有文字层（可能是扫描件或图片），其中的个人信息无法检查；{SCAN_FIX}")
        _document(out, reader, read_embedded)
    except Unreadable:
        raise
    except FileNotDecryptedError:
        raise Unreadable("PDF 已加密（设置了打开密码），其中的个人信息无法检查；请放入未加密的 PDF") from None
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        raise Unreadable(f"PDF 无法读取（{type(exc).__name__}），其中的个人信息无法检查；请重新导出 PDF 后再放入") from None
    return out


def _has_images(page) -> bool:
    try:
        if page.images:
            return True
    except Exception:  # an image pypdf cannot decode is still an image
        return True
    try:
        return b"BI" in (page.get_contents().get_data() if page.get_contents() else b"")
    except Exception:
        return False


def _page_lines(out: Extracted, number: int, text: str) -> None:
    run: list[list[Cell]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        place = f"第{number}页第{n}行"
        out.lines.append(Line(line, place))
        fields = [Cell(f, 0, place) for f in re.split(r"\s+", line.strip())]
        if run and len(fields) != len(run[0]):
            if len(run) > 1:
                out.tables.append(Table(run[0], run[1:]))
            run = []
        if len(fields) > 1:
            run.append(fields)
    if len(run) > 1:
        out.tables.append(Table(run[0], run[1:]))


def _text(value) -> str:
    try:
        value = value.get_object()
    except AttributeError:
        pass
    if isinstance(value, list):  # a list box's choices (several may be selected)
        return " ".join(text for text in map(_text, value) if text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # a number some tools store as one
        return str(value)
    return str(value) if isinstance(value, str) else ""


def _annotations(out: Extracted, number: int, page) -> None:
    annotations = page.get("/Annots")
    if not annotations:
        return
    for ref in annotations.get_object():
        try:
            annotation = ref.get_object()
        except Exception:
            continue
        for key, what in (("/Contents", "注释"), ("/T", "注释（作者）"), ("/Subj", "注释（主题）")):
            text = _text(annotation.get(key)) if key in annotation else ""
            if text.strip():
                out.lines.append(Line(text, f"第{number}页的{what}"))
        action = annotation.get("/A")
        action = action.get_object() if hasattr(action, "get_object") else action
        uri = action.get("/URI") if isinstance(action, dict) else None
        if uri and _text(uri).lower().startswith(("mailto:", "tel:", "sms:")):
            out.lines.append(Line(_text(uri), f"第{number}页的链接地址"))


def _document(out: Extracted, reader, read_embedded) -> None:
    info = reader.metadata or {}
    for key, label in INFO_LABELS.items():
        text = _text(info.get(key)) if key in info else ""
        if text.strip():
            out.lines.append(Line(text, f"文档属性“{label}”", 0, PERSON if key == "/Author" else ""))
    for key in info:
        if key not in INFO_LABELS and key not in ("/CreationDate", "/ModDate", "/Trapped"):
            text = _text(info.get(key))
            if text.strip():
                out.lines.append(Line(text, f"文档属性“{key.lstrip('/')}”"))
    try:
        xmp = reader.xmp_metadata
    except Exception:
        xmp = None
    if xmp is not None:
        from .xmlfile import read_xml

        try:
            text = xmp.stream.get_data().decode("utf-8", "replace")
        except Exception:
            text = ""
        for unit in read_xml(text).lines:
            out.lines.append(Line(unit.text, "文档属性（XMP 元数据）"))
    fields = reader.get_fields() or {}
    for name, field in fields.items():
        for key, what in (("/V", "填写的内容"), ("/TU", "提示")):
            text = _text(field.get(key)) if key in field else ""
            if text.strip():
                out.lines.append(Line(text, f"表单字段“{name}”{what}"))
    _outline(out, reader.outline)
    if read_embedded is not None:
        for name, contents in (reader.attachments or {}).items():
            for content in contents:
                out.add(read_embedded(content, name), f"PDF 附带的文件“{name}”中")


def _outline(out: Extracted, items) -> None:
    for item in items or []:
        if isinstance(item, list):
            _outline(out, item)
        else:
            title = _text(getattr(item, "title", None) or item.get("/Title", ""))
            if title.strip():
                out.lines.append(Line(title, "书签"))
