"""OFD (GB/T 33190-2016, the national format many offices export): a zip of XML.

OFD.xml names each document (DocRoot → Doc_N/Document.xml) and holds its properties (DocInfo: title,
author …). A document lists its pages (Pages/Page_N/Content.xml), template pages, annotations, bookmarks and
attached files. A page's text is in TextObject elements: each TextCode is a run of characters placed at X, Y
inside its object's Boundary (with the object's CTM applied); runs are grouped into lines by their Y position
and ordered by X, a wide gap kept as a space (so a table's row reads as fields), each line at 第N页第M行.
Annotations' text and appearance, attached files (read as files of their own) and, by the catch-all, every
other text of every XML part are read too.
"""
from __future__ import annotations

import posixpath
import re

from .model import Cell, Extracted, Line, Table
from .package import Package
from .parts import catch_all, unit
from .xmlfile import local, parse

_NUMBERS = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
OFD_HANDLED_ATTRIBUTES = frozenset(("FontName", "FamilyName", "BaseLoc", "FileLoc", "ID", "ResourceID"))
DOC_INFO = {"Title": "标题", "Author": "作者", "Subject": "主题", "Abstract": "摘要", "Keywords": "关键词",
            "Keyword": "关键词", "Creator": "创建软件", "DocUsage": "文档用途", "CustomData": "自定义属性"}


def _floats(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBERS.findall(text or "")]


def _path(base: str, loc: str) -> str:
    loc = (loc or "").strip()
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, loc))


class _Reader:
    def __init__(self, package: Package, read_embedded):
        self.package = package
        self.out = Extracted()
        self.consumed: set = set()
        self.read_embedded = read_embedded
        self.trees: dict[str, object] = {}

    def tree(self, name: str):
        if name not in self.trees:
            self.trees[name] = parse(self.package.read(name), f"OFD 文件内部的“{name}”")
        return self.trees[name]

    def read(self) -> Extracted:
        root = self.tree("OFD.xml")
        for body in root.iter():
            if local(body.tag) != "DocBody":
                continue
            for child in body:
                name = local(child.tag)
                if name == "DocInfo":
                    self.doc_info(child)
                elif name == "DocRoot" and child.text:
                    self.consumed.add(child)
                    document = _path("", child.text)
                    if document in self.package:
                        self.document(document)
        for name in self.package.names:
            if name.lower().endswith(".xml"):  # text codes of pages no document lists included (read, not placed)
                catch_all(self.tree(name), f"OFD 文件内部的“{name}”", self.out, self.consumed,
                          handled_attributes=OFD_HANDLED_ATTRIBUTES)
        return self.out

    def doc_info(self, info) -> None:
        for el in info.iter():
            name = local(el.tag)
            if name in ("DocID", "CreationDate", "ModDate", "CreatorVersion", "CoverLoc"):
                self.consumed.add(el)
            elif el.text and not el.text.isspace():
                label = DOC_INFO.get(name, name)
                if name == "CustomData":
                    label = f"自定义属性“{el.get('Name', '')}”"
                unit(self.out, el.text, f"文档属性“{label}”" if name != "CustomData" else label)
                self.consumed.add(el)

    def document(self, name: str) -> None:
        base = posixpath.dirname(name)
        root = self.tree(name)
        page_ids: dict[str, int] = {}
        number = 0
        for el in root.iter():
            tag = local(el.tag)
            if tag == "Page" and el.get("BaseLoc"):
                number += 1
                page_ids[el.get("ID", "")] = number
                content = _path(base, el.get("BaseLoc"))
                if content in self.package:
                    self.page(self.tree(content), f"第{number}页")
            elif tag == "TemplatePage" and el.get("BaseLoc"):
                content = _path(base, el.get("BaseLoc"))
                if content in self.package:
                    self.page(self.tree(content), "模板页")
            elif tag == "OutlineElem" and el.get("Title"):
                unit(self.out, el.get("Title"), "书签")
        for el in root:
            tag = local(el.tag)
            if tag == "Annotations" and el.text:
                self.consumed.add(el)
                self.annotations(_path(base, el.text), page_ids)
            elif tag == "Attachments" and el.text:
                self.consumed.add(el)
                self.attachments(_path(base, el.text))

    def page(self, root, where: str) -> None:
        runs = []  # (y, x, end x, size, text)
        for obj in root.iter():
            if local(obj.tag) != "TextObject":
                continue
            boundary = _floats(obj.get("Boundary")) + [0, 0]
            ox, oy = boundary[0], boundary[1]
            ctm = _floats(obj.get("CTM"))
            size = (_floats(obj.get("Size")) or [3.5])[0]
            if len(ctm) == 6:
                size = size * (abs(ctm[3]) or 1)  # once per object: every code of it has this size
            x = y = 0.0
            for code in obj:
                if local(code.tag) != "TextCode":
                    continue
                self.consumed.add(code)
                x = _floats(code.get("X"))[0] if code.get("X") is not None else x
                y = _floats(code.get("Y"))[0] if code.get("Y") is not None else y
                text = code.text or ""
                if not text:
                    continue
                px, py = x, y
                if len(ctm) == 6:
                    a, b, c, d, e, f = ctm
                    px, py = a * x + c * y + e, b * x + d * y + f
                width = size * len(text)
                runs.append((oy + py, ox + px, ox + px + width, size, text))
        lines: list[list] = []
        for run in sorted(runs):
            if lines and abs(run[0] - lines[-1][0][0]) <= 0.4 * max(run[3], 1):
                lines[-1].append(run)
            else:
                lines.append([run])
        table_run: list[list[Cell]] = []
        for n, line in enumerate(lines, start=1):
            place = f"{where}第{n}行"
            pieces, fields, end = [], [], None
            for _y, x, x_end, size, text in sorted(line, key=lambda r: r[1]):
                if end is not None and x - end > 0.8 * size:
                    pieces.append(" ")
                    fields.append("")
                pieces.append(text)
                fields[-1:] = [(fields[-1] if fields else "") + text]
                end = x_end
            text = "".join(pieces)
            self.out.lines.append(Line(text, place))
            cells = [Cell(f, 0, place) for f in fields if f.strip()]
            if table_run and len(cells) != len(table_run[0]):
                if len(table_run) > 1:
                    self.out.tables.append(Table(table_run[0], table_run[1:]))
                table_run = []
            if len(cells) > 1:
                table_run.append(cells)
        if len(table_run) > 1:
            self.out.tables.append(Table(table_run[0], table_run[1:]))

    def annotations(self, name: str, page_ids: dict[str, int]) -> None:
        if name not in self.package:
            return
        base = posixpath.dirname(name)
        for page in self.tree(name).iter():
            if local(page.tag) != "Page":
                continue
            where = f"第{page_ids.get(page.get('PageID', ''), '?')}页的注释"
            for loc in page:
                if local(loc.tag) == "FileLoc" and loc.text:
                    self.consumed.add(loc)
                    path = _path(base, loc.text)
                    if path in self.package:
                        root = self.tree(path)
                        for el in root.iter():
                            tag = local(el.tag)
                            if tag in ("Remark", "Parameter") and el.text:
                                unit(self.out, el.text, where)
                                self.consumed.add(el)
                        self.page(root, where)

    def attachments(self, name: str) -> None:
        if name not in self.package:
            return
        base = posixpath.dirname(name)
        for attachment in self.tree(name).iter():
            if local(attachment.tag) != "Attachment":
                continue
            title = attachment.get("Name", "")
            unit(self.out, title, "附件名称")
            for loc in attachment:
                if local(loc.tag) == "FileLoc" and loc.text:
                    self.consumed.add(loc)
                    path = _path(base, loc.text)
                    if path in self.package:
                        file = title if "." in title else path
                        self.out.add(self.read_embedded(self.package.read(path), file), f"OFD 附件“{title}”中")


def read_ofd(package: Package, read_embedded) -> Extracted:
    return _Reader(package, read_embedded).read()
