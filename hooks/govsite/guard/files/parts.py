"""What every package reader shares: the catch-all over an XML part, and document properties.

The catch-all is why a part or an element nobody anticipated is not skipped: after a format's reader has read
what it knows (and noted the paragraphs it read), every paragraph it did not read, every text outside
paragraphs that is not of an element it reads itself, and every attribute holding Chinese text or a long
number is read too, in every XML part of the package.
"""
from __future__ import annotations

import re

from .model import PERSON, Extracted, Line
from .xmlfile import attribute_unit, local

_SPACE = re.compile(r"[ \t\r\n\u3000]+")
PARAGRAPHS = frozenset(("p", "h"))  # w:p, a:p (OOXML), text:p, text:h (ODF): a paragraph in every format


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def unit(out: Extracted, text: str, place: str, kind: str = "") -> None:
    """A unit of text at a place in an attachment (lines inside it kept: a cell or a text box may hold
    several). `kind`: files.model.Line.kind (PERSON: an author's field)."""
    text = "\n".join(clean(line) for line in text.split("\n"))
    text = text.strip("\n")
    if text.strip():
        out.lines.append(Line(text, place, 0, kind))


# Attributes and properties that hold one person's name: an author's (w:author, a presentation's comment authors'
# name, a workbook's persons' displayName), who created and last saved the file.
PERSON_ATTRIBUTES = frozenset(("author", "displayName"))
PERSON_ELEMENTS = frozenset(("cmAuthor", "person", "author"))
PERSON_PROPERTIES = frozenset(("creator", "initial-creator", "lastModifiedBy", "Author", "printed-by", "Manager"))


# A formula that only joins constants (="138"&"12345678", =CONCATENATE("王","建华"), of:="…"&"…"): its value is
# the joined text, which a workbook written by a program need not store beside it (no cached value).
_FORMULA_TOKEN = re.compile(r'\s*(?:"((?:[^"]|"")*)"|([0-9]+)|&|(?:_xlfn\.)?CONCAT(?:ENATE)?\s*\(|\)|[,;]|\[\.?\]|=)',
                            re.IGNORECASE)


def joined_constants(formula: str) -> str:
    """The text a formula of joined constants gives, or '' when it does anything else (refers to a cell, calls
    another function)."""
    formula = re.sub(r"^[a-z]+:", "", formula.strip())  # an OpenDocument formula's namespace (of:)
    pieces, pos = [], 0
    while pos < len(formula):
        match = _FORMULA_TOKEN.match(formula, pos)
        if match is None or match.end() == pos:
            return ""
        if match.group(1) is not None:
            pieces.append(match.group(1).replace('""', '"'))
        elif match.group(2) is not None:
            pieces.append(match.group(2))
        pos = match.end()
    return "".join(pieces) if len(pieces) > 1 else ""


def paragraph_text(el) -> str:
    """All text inside a paragraph, nested paragraphs (a text box inside it) left to themselves."""
    out: list[str] = []

    def walk(node):
        for child in node:
            if not isinstance(child.tag, str):
                if child.tail:
                    out.append(child.tail)
                continue
            if local(child.tag) in PARAGRAPHS:
                continue  # read on its own
            if child.text:
                out.append(child.text)
            walk(child)
            if child.tail:
                out.append(child.tail)

    if el.text:
        out.append(el.text)
    walk(el)
    return "".join(out)


def catch_all(root, label: str, out: Extracted, consumed=frozenset(), handled_tags=frozenset(),
              handled_attributes=frozenset()) -> None:
    """Every text of one XML part that its format's reader did not read: paragraphs not in `consumed`, text
    outside paragraphs of elements whose local name is not in `handled_tags`, attributes worth reading whose
    local name is not in `handled_attributes`. `label`: the part in words (页眉, 批注, 文件内部的“x.xml”)."""
    stack = [(root, False)]
    while stack:
        el, inside = stack.pop()
        tag = el.tag
        if not isinstance(tag, str):
            continue
        name = local(tag)
        if el.attrib:
            for key, value in el.attrib.items():
                attribute_name = local(key)
                if attribute_name not in handled_attributes:
                    if (attribute_name in PERSON_ATTRIBUTES or (attribute_name == "name" and name in PERSON_ELEMENTS)) \
                            and value.strip():
                        unit(out, value, f"{label}（“{attribute_name}”属性）", PERSON)
                    else:
                        attribute_unit(out, attribute_name, value, place=label)
        if name in PARAGRAPHS:
            if el not in consumed:
                unit(out, paragraph_text(el), label)
            inside = True
        elif not inside and name not in handled_tags and el not in consumed:
            if el.text and not el.text.isspace():
                unit(out, el.text, f"{label}（{name}）")
            if el.tail and not el.tail.isspace() and el is not root:
                unit(out, el.tail, label)
        stack.extend((child, inside) for child in reversed(el))


# Document properties (OOXML docProps/core.xml and app.xml, ODF meta.xml, OFD DocInfo) in words.
PROPERTY_LABELS = {
    "creator": "作者", "initial-creator": "作者", "Author": "作者", "lastModifiedBy": "最后修改者", "title": "标题",
    "Title": "标题", "subject": "主题", "Subject": "主题", "description": "备注", "Abstract": "摘要",
    "keywords": "关键词", "keyword": "关键词", "Keywords": "关键词", "Keyword": "关键词", "category": "类别",
    "Company": "单位", "Manager": "经理", "Template": "模板", "contentStatus": "状态", "printed-by": "打印者",
    "Creator": "创建软件", "Application": "应用程序", "HyperlinkBase": "超链接基础", "identifier": "标识",
    "user-defined": "自定义属性", "DocUsage": "文档用途",
}
# Properties that are counts, dates and versions: no text.
NOT_TEXT_PROPERTIES = frozenset(("created", "modified", "lastPrinted", "revision", "TotalTime", "Pages", "Words",
                                 "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "AppVersion",
                                 "DocSecurity", "ScaleCrop", "LinksUpToDate", "SharedDoc", "HyperlinksChanged",
                                 "creation-date", "date", "editing-cycles", "editing-duration",
                                 "document-statistic", "generator", "CreationDate", "ModDate", "DocID",
                                 "CreatorVersion", "language", "version", "MaxUnitID"))


def properties(root, out: Extracted, consumed: set) -> None:
    """Each property with text as a unit: 文档属性“作者” …; user-defined ones by their own name."""
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.text or el.text.isspace():
            continue
        name = local(el.tag)
        if name in NOT_TEXT_PROPERTIES:
            consumed.add(el)
            continue
        # The property is the child of the root holding this text (app.xml nests lists of titles).
        top, parent = el, el.getparent()
        while parent is not None and parent is not root:
            top, parent = parent, parent.getparent()
        own = top.get("name") or top.get("Name") or top.get("{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}name")
        label = f"自定义属性“{own}”" if own else f"文档属性“{PROPERTY_LABELS.get(local(top.tag), local(top.tag))}”"
        unit(out, el.text, label, PERSON if not own and local(top.tag) in PERSON_PROPERTIES else "")
        consumed.add(el)


def properties_catch_all(root, label: str, out: Extracted, consumed: set) -> None:
    """The catch-all of a properties part: text of elements `properties` did not read."""
    for el in root.iter():
        if isinstance(el.tag, str) and el not in consumed and el.text and not el.text.isspace() \
                and local(el.tag) not in NOT_TEXT_PROPERTIES:
            unit(out, el.text, f"{label}（{local(el.tag)}）")
        if isinstance(el.tag, str):
            for key, value in el.attrib.items():
                attribute_unit(out, local(key), value, place=label)
