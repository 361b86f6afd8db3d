"""XML as published: feeds (RSS 2.0, Atom), the sitemap, SVG, and any other XML file; and the parts of the
office packages (OOXML, ODF, OFD), which are zips of XML.

Parsing never loads a DTD, resolves an entity or touches the network (an XML file is input from anyone); a
file that does not parse is read line by line instead, so it is never skipped.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import unquote

from lxml import etree

from .model import Extracted, Line, Unreadable

_SPACE = re.compile(r"\s+")
_WORTH = re.compile(r"[^\x00-\x7f]|\d{6}")  # Chinese (or other non-ASCII) text, or a long number
_LOOKS_LIKE_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*)[\s/>]")
# Elements of feeds whose text is HTML (escaped or in CDATA): read as HTML, as a feed reader shows it.
HTML_ELEMENTS = frozenset(("description", "content", "summary", "encoded", "subtitle", "rights", "title"))
# Attributes that are formatting or addresses, never text, in any XML read here.
FORMATTING = frozenset(("ascii", "hAnsi", "eastAsia", "cs", "typeface", "panose", "pitchFamily", "charset",
                        "font-name", "font-family", "font-family-asian", "font-family-complex", "FontName",
                        "FamilyName", "fontName", "font-family-generic", "style-name", "parent-style-name",
                        "next-style-name", "list-style-name", "master-page-name", "data-style-name"))


@functools.cache
def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_pis=False, remove_comments=False, strip_cdata=True)


def parse(data: bytes | str, what: str = "XML 文件"):
    """The root element; raises Unreadable when the bytes are not XML."""
    try:
        root = etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, parser())
    except etree.XMLSyntaxError as exc:
        raise malformed(what, exc) from None
    if root is None:
        raise Unreadable(f"{what}是空的或已损坏，其中的个人信息无法检查；请用原软件重新导出后再放入")
    refuse_entities(root, what)
    return root


def refuse_entities(root, what: str) -> None:
    """The parts of an Office, OpenDocument or OFD file never declare entities. One that does hides their text from
    the readers of its elements (the parser leaves them unexpanded, against entity bombs), while an application
    may show it: the file is refused, not read in part. (A plain .xml or .svg file is read with its entities'
    values by read_xml.)"""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(iter(dtd.iterentities()), None) is not None:
        raise Unreadable(f"{what}声明了实体（<!ENTITY>），其中的文字检查时无法展开，个人信息无法检查；"
                         "办公软件保存的文件不会这样写：请用原软件重新导出，或另存为带文字层的 PDF 后再放入")


def malformed(what: str, exc: Exception) -> Unreadable:
    """The refusal of a part or file that is not well-formed XML, with the parser's reason in short."""
    return Unreadable(f"{what}格式有误（{_short(exc)}），其中的个人信息无法检查；请用原软件重新导出后再放入")


def _short(exc: Exception) -> str:
    return str(exc).split("\n", 1)[0][:80]


def local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def read_xml(text: str, first_line: int = 1) -> Extracted:
    """Every text node (HTML inside a feed's content read as HTML), every comment, and every attribute that
    holds Chinese text, a long number or a readable address. A file that does not parse: its lines."""
    from .text import read_text_lines

    try:
        root = etree.fromstring(text.encode("utf-8"), parser())
    except (etree.XMLSyntaxError, ValueError):
        return read_text_lines(text, first_line)
    if root is None:
        return read_text_lines(text, first_line)
    out = Extracted()
    feed = local(root.tag) in ("rss", "feed", "RDF")
    node = root
    while node.getprevious() is not None:  # comments before the root element
        node = node.getprevious()
    nodes = []
    while node is not None and node is not root:
        nodes.append(node)
        node = node.getnext()
    # Comments after the root element are in the file too; so are the values of entities its DTD declares (a
    # viewer shows them where they are referenced; the parser does not expand them, against entity bombs).
    _entities(root, text, first_line, out)
    for top in nodes + [root] + list(root.itersiblings()):
        for el in top.iter():
            line = (el.sourceline or 1) + first_line - 1
            if el.tag is etree.Comment:
                _text_unit(out, el.text, line, "（XML 注释）")
            elif isinstance(el.tag, str):
                name = local(el.tag)
                if el.attrib:
                    for key, value in el.attrib.items():
                        attribute_unit(out, local(key), value, line)
                text = el.text
                if text and not text.isspace():
                    if feed and name in HTML_ELEMENTS and _LOOKS_LIKE_HTML.search(text):
                        from .html import read_html

                        inner = read_html(text, line)
                        out.lines += inner.lines
                        out.tables += inner.tables
                    else:
                        _text_unit(out, unquote(text) if "%" in text and name in ("loc", "link", "id", "guid")
                                   else text, line, f"（<{name}>）")
                if len(el) and _shown_whole(el):
                    # Text split over inline children (an SVG <text> of <tspan>s, one to a character; a name
                    # half in <b>) shows as one run: read as such too.
                    _text_unit(out, "".join(el.itertext()), line, f"（<{name}>）")
            # the text after a comment, an entity reference or a processing instruction is that node's tail
            tail = el.tail
            if tail and not tail.isspace() and el is not top:
                _text_unit(out, tail, line, "")
    return out


_SHOWN_WHOLE_LENGTH = 2000


def _shown_whole(el) -> bool:
    """Whether an element's text shows as one run although its children split it: an SVG <text> (its <tspan>s
    are drawn on), or mixed content (text beside the children: <p>王<b>建华</b></p>) whose children hold no
    elements of their own. A record of fields (a feed's <item>) has no text between its children."""
    if any(len(child) or not isinstance(child.tag, str) for child in el):
        return False
    if local(el.tag) != "text" and not ((el.text and not el.text.isspace())
                                        or any(child.tail and not child.tail.isspace() for child in el)):
        return False
    return sum(len(t) for t in el.itertext()) <= _SHOWN_WHOLE_LENGTH


def _entities(root, text: str, first_line: int, out: Extracted) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    for entity in dtd.iterentities() if dtd is not None else ():
        found = re.search(rf"<!ENTITY\s+{re.escape(entity.name)}\s", text)  # "n" is not the start of "nm"
        line = (text.count("\n", 0, found.start()) if found else 0) + first_line
        _text_unit(out, entity.content, line, f"（实体“{entity.name}”）")


def _text_unit(out: Extracted, text: str | None, line: int, what: str) -> None:
    if text:
        text = _SPACE.sub(" ", text).strip()
        if text:
            out.lines.append(Line(text, f"第{line}行{what}", line))


def attribute_unit(out: Extracted, name: str, value: str, line: int = 0, place: str = "") -> None:
    """An attribute's value as a unit when it may be read by a person: Chinese text, a long number, an address
    with an escaped character or a phone or mail link. Formatting (font and style names) is not."""
    if not value or name in FORMATTING or name.startswith("xmlns"):
        return
    shown = unquote(value) if "%" in value else value
    if _WORTH.search(shown) or shown[:7].lower() in ("mailto:", "tel:") or shown[:4].lower() in ("tel:", "sms:"):
        shown = _SPACE.sub(" ", shown).strip()
        if shown:
            where = place or (f"第{line}行" if line else "")
            out.lines.append(Line(shown, f"{where}（“{name}”属性）", line))
