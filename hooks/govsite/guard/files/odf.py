"""OpenDocument (.odt, .ods, .odp, .odg and their flat one-file forms .fodt, .fods, .fodp) read whole.

content.xml: paragraphs and headings (第N段), tables (表格N第r行第c列, or in a spreadsheet 工作表“名单”C3单元格,
hidden sheets marked), text boxes and shapes, images' titles and descriptions, footnotes and endnotes, comments
and their authors, tracked changes (deleted text is kept in the file: 修订（删除的文字）), slides and their
notes; styles.xml: headers and footers; meta.xml: the document's properties. Then every XML part goes through
the catch-all (parts.py), embedded objects (charts, other documents) included.
"""
from __future__ import annotations

from .model import PERSON, TITLE, Cell, Extracted, Line, Table
from .package import Package
from .parts import catch_all, joined_constants, properties, properties_catch_all, unit
from .xmlfile import attribute_unit, local, parse

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
MAX_REPEAT = 1000  # a repeated cell or row that holds text is expanded this far (the rest is formatting)
MIMETYPES = {"application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods",
             "application/vnd.oasis.opendocument.presentation": "odp",
             "application/vnd.oasis.opendocument.graphics": "odg",
             "application/vnd.oasis.opendocument.text-template": "odt",
             "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
             "application/vnd.oasis.opendocument.presentation-template": "odp"}
# Inside a paragraph: read on their own, not as part of its text.
OWN_PLACE = frozenset(("note", "annotation", "frame", "custom-shape", "tracked-changes", "ruby-text"))
NOTE_CLASSES = {"footnote": "脚注", "endnote": "尾注"}


def kind_of(package: Package) -> str:
    if "mimetype" in package:
        kind = MIMETYPES.get(package.read("mimetype").decode("ascii", "replace").strip(), "")
        if kind:
            return kind
    return "odt" if "content.xml" in package and "META-INF/manifest.xml" in package else ""


def _a(el, ns: str, name: str) -> str | None:
    return el.get("{" + ns + "}" + name)


def _column_letters(index: int) -> str:
    from .ooxml import column_letters

    return column_letters(index)


class _Reader:
    def __init__(self, out: Extracted):
        self.out = out
        self.consumed: set = set()
        self.paragraphs = 0
        self.tables = 0
        self.hidden_styles: set[str] = set()
        self.slides = 0

    # ---- text ---------------------------------------------------------------------------------------------

    def text_of(self, p) -> str:
        """A paragraph's text as shown: spaces (text:s), tabs and line breaks; notes, comments, frames and the
        like left to be read at their own place."""
        out: list[str] = [p.text or ""]

        def walk(node):
            for child in node:
                if not isinstance(child.tag, str):
                    out.append(child.tail or "")
                    continue
                name = local(child.tag)
                if name == "s":
                    out.append(" " * int(_a(child, TEXT, "c") or 1))
                elif name == "tab":
                    out.append("\t")
                elif name == "line-break":
                    out.append("\n")
                elif name in OWN_PLACE:
                    self.element(child, "")  # read at its own place
                else:
                    out.append(child.text or "")
                    walk(child)
                out.append(child.tail or "")

        walk(p)
        self.consumed.add(p)
        return "".join(out)

    def element(self, el, place: str) -> None:
        """Any element that may hold text, at `place` (or at its own place: notes, comments …)."""
        name = local(el.tag)
        if name in ("p", "h"):
            self.paragraph(el, place)
        elif name == "table":
            self.table(el)
        elif name == "note":
            where = NOTE_CLASSES.get(_a(el, TEXT, "note-class") or "footnote", "脚注")
            for child in el.iter():
                if local(child.tag) in ("p", "h") and child not in self.consumed:
                    unit(self.out, self.text_of(child), where)
        elif name == "annotation":
            for child in el:
                child_name = local(child.tag)
                if child_name == "creator" and child.text:
                    unit(self.out, child.text, "批注（作者）", PERSON)
                    self.consumed.add(child)
                elif child_name in ("p", "h", "list"):
                    for p in ([child] if child_name != "list" else [x for x in child.iter() if local(x.tag) in ("p", "h")]):
                        unit(self.out, self.text_of(p), "批注")
        elif name in ("frame", "custom-shape", "rect", "ellipse", "polygon", "path", "g", "text-box", "caption",
                      "line", "connector", "polyline", "regular-polygon", "measure"):
            for child in el:
                child_name = local(child.tag)
                if child_name in ("title", "desc") and child.text:
                    unit(self.out, child.text, "图片说明（替代文字）")
                    self.consumed.add(child)
                else:
                    self.element(child, "文本框" if name in ("frame", "text-box") else "图形中的文字")
        elif name == "tracked-changes":
            for region in el:
                for change in region:
                    kind = local(change.tag)
                    for part in change:
                        if local(part.tag) == "change-info":
                            for info in part:
                                if local(info.tag) == "creator" and info.text:
                                    unit(self.out, info.text, "修订（作者）", PERSON)
                                    self.consumed.add(info)
                        elif kind == "deletion":
                            for p in [part] + list(part.iter()):
                                if local(p.tag) in ("p", "h") and p not in self.consumed:
                                    unit(self.out, self.text_of(p), "修订（删除的文字）")
        elif name not in ("annotation-end", "bookmark", "bookmark-start", "bookmark-end", "soft-page-break",
                          "sequence-decls", "variable-decls", "user-field-decls", "forms"):
            for child in el:
                if isinstance(child.tag, str):
                    self.element(child, place)

    def paragraph(self, p, place: str) -> None:
        if place == "正文":
            self.paragraphs += 1
            place = f"第{self.paragraphs}段"
        unit(self.out, self.text_of(p), place)

    # ---- tables -------------------------------------------------------------------------------------------

    def table(self, el, sheet: bool = False) -> None:
        title = _a(el, TABLE, "name") or ""
        if sheet:
            hidden = "（隐藏的工作表）" if _a(el, TABLE, "style-name") in self.hidden_styles else ""
            if title.strip():  # named as a file is: read so (files.model.TITLE)
                self.out.lines.append(Line(title.strip(), f"工作表名称{hidden}", kind=TITLE))
            prefix = f"工作表“{title}”"
        else:
            self.tables += 1
            prefix = f"表格{self.tables}"
            hidden = ""
        rows: list[list[Cell]] = []
        r = 0
        for row in _rows(el):
            repeat = min(int(_a(row, TABLE, "number-rows-repeated") or 1), MAX_REPEAT)
            cells = list(self.cells(row))
            # a cell may store a value it shows nothing of (a number format of ;;;, a formula of no cached
            # text): a row of such values is read as well
            if not any(text or value for text, _n, value in cells):
                r += int(_a(row, TABLE, "number-rows-repeated") or 1)
                continue
            for _ in range(repeat):
                r += 1
                out_row, c = [], 0
                for text, count, value in cells:
                    for _ in range(count):
                        place = (f"{prefix}{_column_letters(c)}{r}单元格{hidden}" if sheet
                                 else f"{prefix}第{r}行第{c + 1}列")
                        out_row.append(Cell(text or value, 0, place))
                        unit(self.out, text, place)
                        if value and value not in text:
                            unit(self.out, value, f"{place}（单元格的值）")
                        c += 1
                rows.append(out_row)
        if rows:
            self.out.tables.append(Table(rows[0], rows[1:]))

    def cells(self, row):
        """(text, how many times, stored value) of each cell of a row; empty repeated cells not expanded."""
        for cell in row:
            name = local(cell.tag)
            if name not in ("table-cell", "covered-table-cell"):
                continue
            count = int(_a(cell, TABLE, "number-columns-repeated") or 1)
            texts = []
            for child in cell:
                child_name = local(child.tag)
                if child_name in ("p", "h"):
                    texts.append(self.text_of(child))
                elif child_name == "list":
                    texts += [self.text_of(p) for p in child.iter() if local(p.tag) in ("p", "h")]
                elif isinstance(child.tag, str):
                    self.element(child, "表格中的文字")
            value = None
            for attribute in ("value", "string-value", "date-value", "time-value"):
                value = value or _a(cell, OFFICE, attribute)
            if not value and not texts and _a(cell, TABLE, "formula"):
                formula = _a(cell, TABLE, "formula")
                value = joined if (joined := joined_constants(formula)) not in formula else ""
            elif value and _a(cell, OFFICE, "value-type") in ("float", "percentage", "currency"):
                from .ooxml import number_as_written

                value = number_as_written(value)
            text = "\n".join(texts).strip()
            yield text, (min(count, MAX_REPEAT) if text or value else count), value or ""

    # ---- documents ----------------------------------------------------------------------------------------

    def content(self, root) -> None:
        for el in root.iter():
            if local(el.tag) in ("automatic-styles", "styles"):
                for style in el:
                    for props in style:
                        if local(props.tag) == "table-properties" and _a(props, TABLE, "display") == "false" \
                                and _a(style, STYLE, "name"):  # a style no sheet can name hides none
                            self.hidden_styles.add(_a(style, STYLE, "name"))
        body = next((el for el in root if local(el.tag) == "body"), None)
        if body is None:
            return
        for kind in body:
            name = local(kind.tag)
            if name == "spreadsheet":
                for child in kind:
                    if local(child.tag) == "table":
                        self.table(child, sheet=True)
                    elif isinstance(child.tag, str):
                        self.element(child, "工作簿")
            elif name in ("presentation", "drawing"):
                for page in kind:
                    if local(page.tag) == "page":
                        self.slides += 1
                        where = f"第{self.slides}张幻灯片"
                        for child in page:
                            if local(child.tag) == "notes":
                                for p in child.iter():
                                    if local(p.tag) in ("p", "h") and p not in self.consumed:
                                        unit(self.out, self.text_of(p), f"{where}的备注")
                            elif isinstance(child.tag, str):
                                self.element(child, where)
                                for p in child.iter():
                                    if local(p.tag) in ("p", "h") and p not in self.consumed:
                                        unit(self.out, self.text_of(p), where)
            else:
                for child in kind:
                    if isinstance(child.tag, str):
                        self.element(child, "正文")

    def styles(self, root) -> None:
        for el in root.iter():
            name = local(el.tag) if isinstance(el.tag, str) else ""
            if name in HEADER_FOOTER:
                where = HEADER_FOOTER[name]
                for child in el:
                    if isinstance(child.tag, str):
                        self.element(child, where)


# A page style's header and footer, and those of its first page and of left (even) pages: named as a Word file's.
HEADER_FOOTER = {"header": "页眉", "header-first": "首页页眉", "header-left": "偶数页页眉", "footer": "页脚",
                 "footer-first": "首页页脚", "footer-left": "偶数页页脚"}


def _rows(table):
    for child in table:
        name = local(child.tag)
        if name == "table-row":
            yield child
        elif name in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _rows(child)


def read_odf_root(root, out: Extracted) -> None:
    """A flat ODF file (one XML holding meta, styles and content)."""
    reader = _Reader(out)
    for el in root:
        name = local(el.tag)
        if name == "meta":
            properties(el, out, reader.consumed)
    reader.styles(root)
    reader.content(root)
    catch_all(root, "文件内部", out, reader.consumed, handled_attributes=_STYLE_ATTRIBUTES)
    _field_values(root, "文件内部", out)


def read_odf(package: Package) -> Extracted:
    out = Extracted()
    reader = _Reader(out)
    trees = {}
    for name in package.names:
        if name.endswith(".xml"):
            trees[name] = parse(package.read(name), f"文件内部的“{name}”")
    if "meta.xml" in trees:
        meta = trees["meta.xml"]
        properties(next((el for el in meta if local(el.tag) == "meta"), meta), out, reader.consumed)
    if "styles.xml" in trees:
        reader.styles(trees["styles.xml"])
    if "content.xml" in trees:
        reader.content(trees["content.xml"])
    for name, root in trees.items():
        if name == "meta.xml":
            properties_catch_all(root, "文档属性", out, reader.consumed)
        elif name != "META-INF/manifest.xml":
            label = {"content.xml": "正文", "styles.xml": "样式和页眉页脚", "settings.xml": "文档设置"}.get(
                name, f"文件内部的“{name}”")
            catch_all(root, label, out, reader.consumed,
                      handled_attributes=_STYLE_ATTRIBUTES if name in ("styles.xml", "content.xml") else frozenset())
            if name in ("styles.xml", "content.xml"):
                _field_values(root, label, out)
    return out


def _field_values(root, label: str, out: Extracted) -> None:
    """Values stored outside cells (user fields, variables, form controls): the catch-all leaves every value
    attribute to the cells' reader, yet a declared field keeps its value in the file whether shown or not."""
    for el in root.iter():
        if isinstance(el.tag, str) and local(el.tag) not in ("table-cell", "covered-table-cell"):
            for attribute in _VALUES:
                value = _a(el, OFFICE, attribute)
                if value:
                    attribute_unit(out, attribute, value, place=label)


_VALUES = ("value", "string-value", "date-value", "time-value")
# Style and font names are formatting (and often Chinese: 标题 1, 宋体); cells' values are read with their cells.
_STYLE_ATTRIBUTES = frozenset((
    "value", "string-value", "date-value", "time-value", "boolean-value", "name", "display-name", "style-name",
    "font-name", "font-family", "parent-style-name", "font-family-asian", "font-family-complex", "list-style-name",
    "next-style-name", "master-page-name", "page-layout-name", "data-style-name", "font-name-asian",
    "font-name-complex", "apply-style-name", "condition"))
