"""Office Open XML packages read whole: .docx (and .docm, .dotx), .xlsx (.xlsm), .pptx.

A .docx: the body (paragraphs 第N段, tables 表格N第r行第c列), headers and footers, footnotes and endnotes,
comments and their authors, text boxes, tracked insertions (in the text) and deletions (修订（删除的文字）),
field codes, images' alternative text, document properties. A .xlsx: every sheet, hidden or very hidden, each
cell with its place (工作表“名单”C3单元格), formulas holding text, comments and threaded comments with their
authors, headers and footers, defined names, shared strings no cell shows. Then every XML part, known or not,
goes through the catch-all (parts.py); files embedded in the package are read as files of their own.
Elements are matched by local name, so Strict OOXML (other namespaces) reads the same.
"""
from __future__ import annotations

import io
import posixpath
import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from .model import PERSON, TITLE, Cell, Extracted, Line, Table, Unreadable
from .package import Package
from .parts import catch_all, joined_constants, properties, properties_catch_all, unit
from .xmlfile import local, malformed, parse, parser, refuse_entities

STORY_HANDLED_TAGS = frozenset(("t", "delText", "instrText", "delInstrText"))
STORY_HANDLED_ATTRIBUTES = frozenset(("descr", "title", "author", "initials", "date", "instr"))
# Parts that hold formatting only: their attributes (font and style names) are not text.
FORMATTING_PARTS = re.compile(r"(?:^|/)(?:styles|stylesWithEffects|fontTable|numbering|theme\d*|"
                              r"tableStyles|presProps|viewProps|webSettings)\.xml$")
PART_LABELS = (
    (r"word/document\d*\.xml", "正文"), (r"word/header\d*\.xml", "页眉"), (r"word/footer\d*\.xml", "页脚"),
    (r"word/footnotes\.xml", "脚注"), (r"word/endnotes\.xml", "尾注"), (r"word/comments.*\.xml", "批注"),
    (r"word/people\.xml", "批注作者"), (r"word/glossary/.*", "文档部件"), (r"docProps/custom\.xml", "自定义属性"),
    (r"docProps/.*", "文档属性"), (r"customXml/.*", "自定义数据"), (r".*/charts/.*", "图表"),
    (r".*/diagrams/.*", "SmartArt 图形"), (r"xl/sharedStrings\.xml", "共享字符串"), (r"xl/comments.*", "批注"),
    (r"xl/threadedComments/.*", "批注"), (r"xl/persons/.*", "批注作者"), (r"xl/drawings/.*", "工作表中的图形"),
    (r"xl/pivotCache/.*", "数据透视表缓存"), (r"xl/pivotTables/.*", "数据透视表"), (r"xl/tables/.*", "表格定义"),
    (r"xl/externalLinks/.*", "外部链接"), (r"xl/workbook\d*\.xml", "工作簿"), (r"ppt/notesSlides/.*", "备注"),
    (r"ppt/slideLayouts/.*", "幻灯片版式"), (r"ppt/slideMasters/.*", "幻灯片母版"), (r"ppt/comments?/.*", "批注"),
    (r".*settings\.xml", "文档设置"),
)


def part_label(name: str) -> str:
    slide = re.fullmatch(r"ppt/slides/slide(\d+)\.xml", name)
    if slide:
        return f"第{slide.group(1)}张幻灯片"
    sheet = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
    if sheet:
        return f"第{sheet.group(1)}个工作表"
    for pattern, label in PART_LABELS:
        if re.fullmatch(pattern, name):
            return label
    return f"文件内部的“{name}”"


def kind_of(package: Package) -> str:
    """docx, xlsx or pptx, by the package's main part; '' when it is no OOXML document."""
    names = set(package.names)
    if "[Content_Types].xml" not in names:
        return ""
    main = _main_part(package)
    for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if main.startswith(prefix) or (not main and any(n.startswith(prefix) for n in names)):
            return kind
    return ""


def _main_part(package: Package) -> str:
    if "_rels/.rels" not in package:
        return ""
    for rel in parse(package.read("_rels/.rels"), "文件内部的关系表").iter():
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return ""


class _Reader:
    def __init__(self, package: Package, read_embedded):
        self.package = package
        self.out = Extracted()
        self.consumed: set = set()  # paragraphs and elements read by the structured readers
        self.done: set[str] = set()  # parts read by a structured reader: the catch-all leaves what it read
        self.caught: set[str] = set()  # parts read whole already (a sheet read as it streamed by)
        self.handled_attributes: dict[str, frozenset] = {}
        self.read_embedded = read_embedded
        self.trees: dict[str, object] = {}

    def tree(self, name: str):
        if name not in self.trees:
            self.trees[name] = parse(self.package.read(name), f"文件内部的“{name}”")
        return self.trees[name]

    def rels(self, part: str) -> dict[str, tuple[str, bool]]:
        """Relationship id -> (target part or address, external?) of one part."""
        folder, file = posixpath.split(part)
        name = posixpath.join(folder, "_rels", file + ".rels")
        if name not in self.package:
            return {}
        out = {}
        for rel in self.tree(name).iter():
            if local(rel.tag) == "Relationship":
                target = rel.get("Target", "")
                external = rel.get("TargetMode") == "External"
                if not external:
                    target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                                else posixpath.join(folder, target))
                out[rel.get("Id", "")] = (target, external)
        return out

    def finish(self) -> Extracted:
        """The catch-all over every XML part, links' addresses, embedded files; duplicate units dropped."""
        for name in self.package.names:
            lower = name.lower()
            if name in self.caught:
                continue
            if lower.endswith((".xml", ".rels", ".vml")):
                if lower.endswith(".rels"):
                    self.links(name)
                    continue
                try:
                    root = self.tree(name)
                except Unreadable:
                    if lower.endswith(".vml"):
                        continue  # legacy VML is often not well-formed XML; its text is in the main parts
                    raise
                label = part_label(name)
                if name.startswith("docProps/"):
                    properties_catch_all(root, label, self.out, self.consumed)
                elif FORMATTING_PARTS.search(name):
                    catch_all(root, label, self.out, self.consumed, handled_attributes=_ALL)
                else:
                    catch_all(root, label, self.out, self.consumed, STORY_HANDLED_TAGS if name in self.done
                              else frozenset(), self.handled_attributes.get(
                                  name, STORY_HANDLED_ATTRIBUTES if name in self.done else frozenset()))
            elif "/embeddings/" in name or lower.endswith((".docx", ".xlsx", ".pdf", ".pptx")):
                embedded = self.read_embedded(self.package.read(name), name)
                self.out.add(embedded, f"嵌入的文件“{posixpath.basename(name)}”中")
        seen, lines = set(), []
        for line in self.out.lines:
            if (line.text, line.place) not in seen:
                seen.add((line.text, line.place))
                lines.append(line)
        self.out.lines = lines
        return self.out

    def links(self, name: str) -> None:
        """Addresses of external links (mailto:, tel:, a file name in Chinese)."""
        from .xmlfile import attribute_unit

        for rel in self.tree(name).iter():
            if local(rel.tag) == "Relationship" and rel.get("TargetMode") == "External":
                attribute_unit(self.out, "Target", rel.get("Target", ""), place="超链接地址")

    def properties(self) -> None:
        for name in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
            if name in self.package:
                properties(self.tree(name), self.out, self.consumed)


_ALL = type("All", (frozenset,), {"__contains__": lambda self, item: True})()


# ---- Word ---------------------------------------------------------------------------------------------------

class _Paragraph:
    __slots__ = ("text", "deleted", "instr", "boxes", "alts")

    def __init__(self):
        self.text: list[str] = []
        self.deleted: list[str] = []
        self.instr: list[str] = []
        self.boxes: list = []
        self.alts: list[str] = []


def _runs(node, para: _Paragraph, deleted: bool = False) -> None:
    for child in node:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        if name == "t" or name == "delText":
            (para.deleted if deleted or name == "delText" else para.text).append(child.text or "")
        elif name in ("instrText", "delInstrText"):
            para.instr.append(child.text or "")
        elif name in ("tab", "ptab") and local(node.tag) == "r":
            (para.deleted if deleted else para.text).append("\t")
        elif name in ("br", "cr") and local(node.tag) == "r":
            (para.deleted if deleted else para.text).append("\n")
        elif name == "txbxContent":
            para.boxes.append(child)
        elif name in ("del", "moveFrom"):
            _runs(child, para, True)
        elif name in ("docPr", "cNvPr"):
            para.alts += [v for v in (child.get("descr"), child.get("title")) if v and v.strip()]
        elif name in ("pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr"):
            continue  # formatting
        else:
            if name == "fldSimple" and child.get(child.tag.rpartition("}")[0] + "}instr"):
                para.instr.append(child.get(child.tag.rpartition("}")[0] + "}instr"))
            _runs(child, para, deleted)


class _Word(_Reader):
    def read(self) -> Extracted:
        main = _main_part(self.package) or "word/document.xml"
        body = next((el for el in self.tree(main).iter() if local(el.tag) == "body"), None)
        self.tables = 0
        self.paragraphs = 0
        if body is not None:
            self.story(body, "", top=True)
        self.done.add(main)
        header_footer = self.header_footer_labels(main)
        for name in self.package.names:
            label = part_label(name)
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                self.story(self.tree(name), header_footer.get(name, label))
            elif name in ("word/footnotes.xml", "word/endnotes.xml"):
                for note in self.tree(name):
                    if local(note.tag) in ("footnote", "endnote") and note.get(_w(note, "type")) in (None, "normal"):
                        self.story(note, label)
            elif name == "word/comments.xml":
                for comment in self.tree(name):
                    if local(comment.tag) == "comment":
                        author = comment.get(_w(comment, "author"))
                        if author and author.strip():
                            unit(self.out, author, "批注（作者）", PERSON)
                        self.story(comment, "批注")
            elif name.startswith("word/glossary/") and name.endswith("document.xml"):
                self.story(self.tree(name), label)
            else:
                continue
            self.done.add(name)
        self.authors()
        self.properties()
        return self.finish()

    def header_footer_labels(self, main: str) -> dict[str, str]:
        """Header and footer parts of first pages and even pages -> 首页页眉, 偶数页页脚 …; the default ones
        keep 页眉 and 页脚."""
        rels = self.rels(main)
        labels: dict[str, str] = {}
        for ref in self.tree(main).iter("{*}headerReference", "{*}footerReference"):
            label = WORD_HEADER_FOOTER.get((local(ref.tag), ref.get(_w(ref, "type"))))
            rel_id = next((value for key, value in ref.attrib.items() if local(key) == "id"), None)
            target = rels.get(rel_id) if label else None
            if target is not None and not target[1]:
                labels.setdefault(target[0], label)
        return labels

    def authors(self) -> None:
        """Who made tracked changes and comments (names, in w:author of every part)."""
        for name in sorted(self.done):
            for el in self.tree(name).iter():
                if isinstance(el.tag, str):
                    author = el.get(_w(el, "author"))
                    if author and author.strip() and local(el.tag) != "comment":
                        unit(self.out, author, "修订（作者）", PERSON)

    def story(self, container, label: str, top: bool = False) -> None:
        """Paragraphs and tables of a body, header, footer, note, comment or text box."""
        for child in container:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            if name == "p":
                if top:
                    self.paragraphs += 1
                self.paragraph(child, f"第{self.paragraphs}段" if top else label)
            elif name == "tbl":
                if top:
                    self.tables += 1
                    prefix = f"表格{self.tables}"
                else:
                    prefix = f"{label}中的表格"
                self.table(child, prefix)
            elif name in ("sectPr", "tblPr", "pPr"):
                continue
            else:  # sdt, sdtContent, customXml, ins …: the same level inside
                self.story(child, label, top)

    def paragraph(self, p, place: str) -> str:
        text = self.paragraph_text(p, place)
        unit(self.out, text, place)
        return text

    def paragraph_text(self, p, place: str) -> str:
        """A paragraph's visible text; what else it holds (tracked deletions, field codes, images' alt texts,
        text boxes) is read as units of its own at `place`."""
        para = _Paragraph()
        _runs(p, para)
        self.consumed.add(p)
        if "".join(para.deleted).strip():
            unit(self.out, "".join(para.deleted), f"{place}修订（删除的文字）")
        if "".join(para.instr).strip():
            unit(self.out, "".join(para.instr), f"{place}域代码")
        for alt in para.alts:
            unit(self.out, alt, f"{place}图片说明（替代文字）")
        for box in para.boxes:
            self.story(box, "文本框")
        return "".join(para.text)

    def table(self, tbl, prefix: str) -> None:
        rows: list[list[Cell]] = []
        r = 0
        for tr in _children(tbl, "tr"):
            r += 1
            cells, c = [], 0
            for tc in _children(tr, "tc"):
                c += 1
                place = f"{prefix}第{r}行第{c}列"
                texts = []
                for child in _flat(tc):
                    name = local(child.tag)
                    if name == "p":
                        texts.append(self.paragraph_text(child, place))
                    elif name == "tbl":
                        self.table(child, f"{place}中的表格")
                text = "\n".join(texts).strip()
                cells.append(Cell(text, 0, place))
                unit(self.out, text, place)
            rows.append(cells)
        if rows:
            self.out.tables.append(Table(rows[0], rows[1:]))


def _w(el, name: str) -> str:
    """The attribute `name` in the namespace of `el` (w:author on a w: element, in either OOXML flavour)."""
    return el.tag.rpartition("}")[0] + "}" + name if "}" in el.tag else name


def _children(el, name: str):
    """Children named `name`, looking through content controls and custom XML wrappers."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        child_name = local(child.tag)
        if child_name == name:
            yield child
        elif child_name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
            yield from _children(child, name)


def _flat(el):
    """Paragraphs and tables of a cell, looking through wrappers."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        if name in ("p", "tbl"):
            yield child
        elif name not in ("tcPr",):
            yield from _flat(child)


# ---- Excel --------------------------------------------------------------------------------------------------

_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_HEADER_CODES = re.compile(r'&(?:"[^"]*"|\d+|[LCRPNDTZFAGKSUBIEXYH&])')
HEADER_FOOTER = {"oddHeader": "页眉", "oddFooter": "页脚", "evenHeader": "偶数页页眉", "evenFooter": "偶数页页脚",
                 "firstHeader": "首页页眉", "firstFooter": "首页页脚"}
# A section's first page and even pages have header and footer parts of their own (w:headerReference
# w:type="first"/"even"): a finding there is placed on the page an editor opens to find it.
WORD_HEADER_FOOTER = {("headerReference", "first"): "首页页眉", ("headerReference", "even"): "偶数页页眉",
                      ("footerReference", "first"): "首页页脚", ("footerReference", "even"): "偶数页页脚"}
SHEET_STATES = {"hidden": "（隐藏的工作表）", "veryHidden": "（深度隐藏的工作表）"}


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def number_as_written(value: str) -> str:
    """A number as Excel shows it when it fits: 13812345678, not 1.3812345678E10 or 13812345678.0."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number == number.to_integral_value() and abs(number) < Decimal(10) ** 21:
        return str(int(number))
    return value


class _Excel(_Reader):
    def read(self) -> Extracted:
        main = _main_part(self.package) or "xl/workbook.xml"
        workbook = self.tree(main)
        rels = self.rels(main)
        self.shared = self.shared_strings(rels)
        used: set[int] = set()
        for el in workbook.iter():
            name = local(el.tag) if isinstance(el.tag, str) else ""
            if name == "sheet":
                title = el.get("name", "")
                suffix = SHEET_STATES.get(el.get("state", ""), "")
                if title.strip():  # named as a file is: read so (files.model.TITLE)
                    self.out.lines.append(Line(title.strip(), f"工作表名称{suffix}", kind=TITLE))
                # r:id in either OOXML flavour (Strict names the relationships' namespace differently)
                rel_id = next((value for key, value in el.attrib.items() if local(key) == "id"), "")
                target = rels.get(rel_id, ("", False))[0]
                if target in self.package:
                    self.sheet(target, title, suffix, used)
                    self.caught.add(target)
                    self.comments(target, f"工作表“{title}”", suffix)
            elif name == "definedName" and el.text:
                unit(self.out, el.text, f"定义的名称“{el.get('name', '')}”")
                self.consumed.add(el)
        self.done.add(main)
        self.handled_attributes[main] = frozenset(("name",))
        for index, text in enumerate(self.shared):
            if index not in used and text.strip():
                unit(self.out, text, "共享字符串（未在单元格中显示）")
        self.properties()
        return self.finish()

    def comments(self, sheet: str, where: str, suffix: str) -> None:
        """Notes (xl/comments*.xml) and threaded comments of one sheet, at their cells; their authors."""
        for target, external in self.rels(sheet).values():
            if external or target not in self.package or not re.search(r"(comments|threadedComment)", target):
                continue
            root = self.tree(target)
            authors = [a.text or "" for a in root.iter() if local(a.tag) == "author"]
            for author in authors:
                unit(self.out, author, "批注（作者）", PERSON)
            for el in root.iter():
                if local(el.tag) in ("comment", "threadedComment"):
                    texts = [t.text or "" for t in el.iter() if local(t.tag) in ("t", "text")]
                    unit(self.out, "".join(texts), f"{where}{el.get('ref', '')}单元格的批注{suffix}")
            for el in root.iter():
                if isinstance(el.tag, str) and local(el.tag) in ("t", "text", "author"):
                    self.consumed.add(el)
            self.done.add(target)

    def shared_strings(self, rels) -> list[str]:
        target = next((t for t, _e in rels.values() if t.endswith("sharedStrings.xml")), "xl/sharedStrings.xml")
        if target not in self.package:
            return []
        strings = []
        for si in self.tree(target):
            if local(si.tag) == "si":
                strings.append("".join(t.text or "" for t in si.iter() if local(t.tag) == "t"
                                       and local(t.getparent().tag) != "rPh"))
        self.caught.add(target)
        return strings

    def sheet(self, part: str, title: str, suffix: str, used: set[int]) -> None:
        where = f"工作表“{title}”"
        rows: dict[int, dict[int, Cell]] = {}
        hidden_rows: set[int] = set()
        hidden_columns: set[int] = set()
        data = self.package.read(part)
        row_number = 0
        for event, el in _events(data, part):
            name = local(el.tag) if isinstance(el.tag, str) else ""
            if event == "start":
                if name == "row":
                    row_number = int(el.get("r", row_number + 1) or row_number + 1)
                    if el.get("hidden") in ("1", "true"):
                        hidden_rows.add(row_number)
                continue
            if name == "c":
                ref = _CELL_REF.fullmatch(el.get("r", "") or "")
                row = int(ref.group(2)) if ref else row_number
                column = _column_index(ref.group(1)) if ref else len(rows.get(row, {}))
                text, formula = self.cell_value(el, used)
                if formula and not text.strip():
                    # what the pieces give joined; a constant the formula holds whole is read in the formula
                    text = joined if (joined := joined_constants(formula)) not in formula else ""
                hidden = "（隐藏的行）" if row in hidden_rows else ""
                place = f"{where}{column_letters(column)}{row}单元格{suffix}{hidden}"
                if text.strip():
                    rows.setdefault(row, {})[column] = Cell(text.strip(), 0, place)
                    self.out.lines.append(Line(text.strip(), place))
                if formula and formula.strip() and ('"' in formula or not formula.isascii()):
                    unit(self.out, formula, f"{place}的公式")
                el.clear()
            elif name == "row":
                el.clear()
            elif name == "col" and el.get("hidden") in ("1", "true"):
                hidden_columns.update(range(int(el.get("min", 1)) - 1, int(el.get("max", 1))))
            elif name in HEADER_FOOTER and el.text:
                unit(self.out, _HEADER_CODES.sub(" ", el.text), f"{where}的{HEADER_FOOTER[name]}")
            elif name and name not in ("v", "f", "t", "is", "r", "rPh", "sheetData", "col"):
                # anything else of the sheet (validation lists, hyperlinks' tooltips …): the catch-all's rule
                from .xmlfile import attribute_unit

                if el.text and not el.text.isspace() and len(el) == 0:
                    unit(self.out, el.text, f"{where}（{name}）")
                for key, value in el.attrib.items():
                    attribute_unit(self.out, local(key), value, place=where)
        if hidden_columns:
            self.out.lines = [_hidden_column(line, where, hidden_columns) for line in self.out.lines]
        if rows:
            width = max(max(r) for r in rows.values()) + 1
            ordered = [[rows[r].get(c, Cell("", 0, f"{where}{column_letters(c)}{r}单元格")) for c in range(width)]
                       for r in sorted(rows)]
            self.out.tables.append(Table(ordered[0], ordered[1:]))

    def cell_value(self, c, used: set[int]) -> tuple[str, str]:
        kind = c.get("t", "n")
        value, formula, inline = None, "", []
        for child in c:
            name = local(child.tag) if isinstance(child.tag, str) else ""
            if name == "v":
                value = child.text or ""
            elif name == "f":
                formula = child.text or ""
            elif name == "is":
                inline = [t.text or "" for t in child.iter() if local(t.tag) == "t" and local(t.getparent().tag) != "rPh"]
        if kind == "s" and value is not None:
            try:
                index = int(value)
                used.add(index)
                return self.shared[index], formula
            except (ValueError, IndexError):
                return value, formula
        if kind == "inlineStr":
            return "".join(inline), formula
        if kind == "b":
            return ("TRUE" if value == "1" else "FALSE") if value else "", formula
        if kind in ("n", "") and value:
            return number_as_written(value), formula
        return value or "", formula


def _hidden_column(line: Line, where: str, hidden: set[int]) -> Line:
    match = re.fullmatch(re.escape(where) + r"([A-Z]+)(\d+)单元格(.*)", line.place)
    if match and _column_index(match.group(1)) in hidden and "隐藏的列" not in line.place:
        return Line(line.text, line.place + "（隐藏的列）", line.line)
    return line


def _bytes_io(data: bytes):
    return io.BytesIO(data)


def _events(data: bytes, part: str):
    """A sheet's parse events; a sheet that is not XML (damaged, cut short) is refused as `parse` refuses any
    other part, never with the parser's traceback."""
    try:
        events = etree.iterparse(_bytes_io(data), events=("start", "end"), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False)
        for number, (event, el) in enumerate(events):
            if not number:  # the root element's start: the DTD before it has been read
                refuse_entities(el, f"文件内部的“{part}”")
            yield event, el
    except etree.XMLSyntaxError as exc:
        raise malformed(f"文件内部的“{part}”", exc) from None


# ---- PowerPoint ---------------------------------------------------------------------------------------------

class _Slides(_Reader):
    """Slides are read by the catch-all, each a part labelled 第N张幻灯片 (its paragraphs a:p are units)."""

    def read(self) -> Extracted:
        self.properties()
        return self.finish()


def read_ooxml(package: Package, kind: str, read_embedded) -> Extracted:
    reader = {"docx": _Word, "xlsx": _Excel, "pptx": _Slides}[kind](package, read_embedded)
    return reader.read()


__all__ = ["read_ooxml", "kind_of", "column_letters", "number_as_written", "parser"]
