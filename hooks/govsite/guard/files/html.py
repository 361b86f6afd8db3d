"""HTML as a person or a screen reader gets it.

Units of text are what a person reads as one piece: a paragraph, a list item, a heading, a table cell, with the
inline elements inside joined (`请与<b>王建华</b>同志联系` is one sentence), each at the line where it starts.
Text hidden by CSS is read too: it is in the published file. Script and style are code, not text, except JSON
data (`<script type="application/ld+json">`, read as JSON). Comments are published too and are read.

Attributes a person sees or a screen reader speaks (alt, title, aria-label, placeholder, a button's value,
<meta> descriptions …) are units of their own, and so is any other attribute holding Chinese text or a long
number (data-* attributes shown by scripts); attributes that only style or wire the page are not. A link's
address is read when it holds something a person could read (Chinese in a file name, a tel: number).

Tables become Table objects (header = first row) for the column rules of guard/personal.
"""
from __future__ import annotations

import functools
import re
from urllib.parse import unquote

from lxml import etree

from .model import Cell, Extracted, Line, Table

# Elements that end a unit of text (a person reads their text as separate pieces).
BLOCKS = frozenset("""address article aside blockquote body br caption center dd details dialog div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend li main menu nav noscript ol
option optgroup p pre section select summary table tbody td textarea tfoot th thead title tr ul button label
iframe object video audio canvas""".split())
CODE = frozenset(("script", "style"))
TABLE_TAGS = frozenset(("table", "tr", "td", "th", "br"))
JSON_TYPES = ("application/ld+json", "application/json", "importmap", "speculationrules")
# What each attribute is, in words, for the place of a finding.
ATTRIBUTE_PLACES = {
    "alt": "图片的替代文字（alt）", "title": "提示文字（title）", "aria-label": "读屏文字（aria-label）",
    "aria-description": "读屏说明（aria-description）", "aria-roledescription": "读屏说明（aria-roledescription）",
    "aria-valuetext": "读屏文字（aria-valuetext）", "aria-placeholder": "输入框提示（aria-placeholder）",
    "placeholder": "输入框提示（placeholder）", "value": "按钮或输入框的文字（value）", "label": "选项文字（label）",
    "summary": "表格摘要（summary）", "abbr": "表头全称（abbr）", "content": "网页说明（meta）",
    "download": "下载文件名（download）", "href": "链接地址", "src": "资源地址", "srcset": "图片地址",
    "action": "表单地址", "poster": "视频封面地址", "cite": "引文地址", "data": "嵌入内容地址",
}
# Read whenever they hold text.
TEXT_ATTRIBUTES = frozenset(("alt", "title", "aria-label", "aria-description", "aria-roledescription",
                             "aria-valuetext", "aria-placeholder", "placeholder", "value", "label", "summary",
                             "abbr", "download"))
URL_ATTRIBUTES = frozenset(("href", "src", "srcset", "action", "poster", "cite", "data", "formaction",
                            "background", "longdesc", "xlink:href", "{http://www.w3.org/1999/xlink}href"))
# Attributes that style, identify or wire the page: never text.
WIRING = frozenset("""class id style lang xml:lang dir role type rel rev target width height colspan rowspan scope
headers for name method enctype charset http-equiv media sizes loading decoding crossorigin integrity
referrerpolicy tabindex hidden disabled checked selected readonly required autocomplete autofocus async defer
nonce accept accept-charset accesskey align valign border cellpadding cellspacing bgcolor color face size span
start reversed datetime max min step pattern maxlength minlength cols rows wrap form list inputmode enterkeyhint
translate spellcheck draggable contenteditable slot is itemprop itemscope itemtype itemid itemref property
viewbox d points transform fill stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit
stroke-dasharray stroke-dashoffset fill-rule clip-rule clip-path opacity fill-opacity stroke-opacity x y x1 x2 y1
y2 cx cy r rx ry dx dy rotate offset gradientunits gradienttransform preserveaspectratio version xmlns
focusable aria-hidden aria-expanded aria-controls aria-labelledby aria-describedby aria-owns aria-current
aria-live aria-level aria-haspopup aria-pressed aria-selected aria-checked aria-disabled aria-modal
aria-atomic aria-busy aria-relevant aria-orientation aria-posinset aria-setsize aria-sort aria-colcount
aria-colindex aria-rowcount aria-rowindex aria-valuemax aria-valuemin aria-valuenow aria-multiline
aria-multiselectable aria-readonly aria-required aria-invalid aria-autocomplete aria-activedescendant
aria-errormessage aria-flowto aria-details aria-keyshortcuts""".split())
# <meta> whose content is configuration, not text.
META_CONFIG = frozenset(("viewport", "theme-color", "robots", "format-detection", "referrer", "color-scheme",
                         "googlebot", "renderer", "force-rendering", "msapplication-tilecolor",
                         "msapplication-config", "apple-mobile-web-app-capable",
                         "apple-mobile-web-app-status-bar-style", "mobile-web-app-capable", "handheldfriendly"))
_SPACE = re.compile(r"\s+")
_WORTH = re.compile(r"[^\x00-\x7f]|\d{6}")  # Chinese (or other non-ASCII) text, or a long number
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML file declares in its first kilobytes (<meta charset>), if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


class _Reader:
    def __init__(self, first_line: int):
        self.first_line = first_line
        self.out = Extracted()
        self.pieces: list[str] = []
        self.tables: list[dict] = []  # open tables: rows, current row, current cell (pieces, line) or None

    # ---- units --------------------------------------------------------------------------------------------

    def unit(self, text: str, line: int, what: str) -> None:
        text = _SPACE.sub(" ", text).strip()
        if text:
            self.out.lines.append(Line(text, f"第{line}行{what}", line))

    # ---- tables -------------------------------------------------------------------------------------------

    def start(self, tag: str, line: int) -> None:
        if tag == "table":
            self.tables.append({"rows": [], "row": None, "cell": None})
        elif not self.tables:
            return
        elif tag == "tr":
            self._end_row()
            self.tables[-1]["row"] = []
        elif tag in ("td", "th"):
            top = self.tables[-1]
            self._end_cell()
            if top["row"] is None:
                top["row"] = []
            top["cell"] = ([], line)
        elif tag == "br" and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"][0].append(" ")

    def end(self, tag: str) -> None:
        if not self.tables:
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            rows = self.tables.pop()["rows"]
            if rows:
                self.out.tables.append(Table(rows[0], rows[1:]))

    def _end_cell(self) -> None:
        top = self.tables[-1]
        if top["cell"] is not None:
            pieces, line = top["cell"]
            text = _SPACE.sub(" ", "".join(pieces)).strip()
            if top["row"] is None:
                top["row"] = []
            top["row"].append(Cell(text, line, f"第{line}行"))
            top["cell"] = None

    def _end_row(self) -> None:
        self._end_cell()
        top = self.tables[-1]
        if top["row"]:
            top["rows"].append(top["row"])
        top["row"] = None

    # ---- the walk -----------------------------------------------------------------------------------------

    def walk(self, root) -> None:
        """Text units and tables, in document order. Speed: this runs for every element of every published page,
        so it is one loop over lxml's own walk (C) with the state in local variables; a recursive walk with a
        method call per element was 1.7 times slower."""
        pieces = self.pieces
        blocks, code, table_tags, comment = BLOCKS, CODE, TABLE_TAGS, etree.Comment
        out, space, first = self.out.lines, _SPACE, self.first_line - 1
        tables = self.tables
        line, unit_line = self.first_line, 0
        for event, el in etree.iterwalk(root, events=("start", "end", "comment")):
            tag = el.tag
            if event == "start":
                if tag is comment:
                    continue
                if el.sourceline:
                    line = el.sourceline + first
                if len(el.attrib):
                    self.attributes(el, tag, line)
                if tag in code:
                    text = el.text
                    if text:
                        if tag == "script" and (el.get("type") or "").strip().lower() in JSON_TYPES:
                            from .jsonfile import read_json

                            out += read_json(text, line).lines
                        line += text.count("\n")
                    continue
                if tag in blocks and pieces:
                    text = space.sub(" ", "".join(pieces)).strip()
                    if text:
                        out.append(Line(text, f"第{unit_line}行", unit_line))
                    pieces.clear()
                    unit_line = 0
                if tag in table_tags and (tables or tag == "table"):
                    self.start(tag, line)
                text = el.text
            elif event == "end":
                if tag in table_tags and tables:
                    self.end(tag)
                if tag in blocks and pieces:
                    text = space.sub(" ", "".join(pieces)).strip()
                    if text:
                        out.append(Line(text, f"第{unit_line}行", unit_line))
                    pieces.clear()
                    unit_line = 0
                text = el.tail
            else:  # a comment: published, so read as a unit of its own
                text = el.text
                if text:
                    if not text.isspace():
                        out.append(Line(space.sub(" ", text).strip(), f"第{line}行（HTML 注释）", line))
                    line += text.count("\n")
                text = el.tail
            if text:
                if not unit_line and not text.isspace():
                    unit_line = line + text.count("\n", 0, len(text) - len(text.lstrip()))
                pieces.append(text)
                if tables and tables[-1]["cell"] is not None:
                    tables[-1]["cell"][0].append(text)
                if "\n" in text:
                    line += text.count("\n")
        if pieces:
            text = space.sub(" ", "".join(pieces)).strip()
            if text:
                out.append(Line(text, f"第{unit_line}行", unit_line))
            pieces.clear()

    def attributes(self, el, tag: str, line: int) -> None:
        for name, value in el.items():
            if not value or name in WIRING or name[:2] == "on":
                continue
            if name == "content":
                if tag != "meta":
                    continue
                kind = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
                if not kind or kind in META_CONFIG:
                    continue
                self.unit(value, line, f"网页说明（meta {kind}）")
            elif name in URL_ATTRIBUTES:
                if _WORTH.search(value) or value[:4].lower() in ("tel:", "sms:", "mail") or "%" in value:
                    shown = unquote(value)
                    if _WORTH.search(shown) or shown.lower().startswith(("tel:", "sms:", "mailto:")):
                        self.unit(shown, line, ATTRIBUTE_PLACES.get(name, "链接地址"))
            elif name in TEXT_ATTRIBUTES or _WORTH.search(value):
                if name == "value" and tag == "input" and (el.get("type") or "").lower() == "password":
                    continue
                self.unit(value, line, ATTRIBUTE_PLACES.get(name, f"“{name}”属性"))


@functools.cache
def _parser():
    # lxml.etree's own HTML parser (lxml.html's element classes cost a lookup per element); libxml2 lowercases
    # tag and attribute names.
    return etree.HTMLParser(remove_comments=False, remove_pis=True, no_network=True, recover=True)


def read_html(text: str, first_line: int = 1) -> Extracted:
    """Units, attributes and tables of an HTML text (`first_line`: the line of its first character in its file,
    for HTML inside a feed or another file)."""
    reader = _Reader(first_line)
    if not text.strip():
        return reader.out
    try:
        root = etree.fromstring(text, _parser())
        if root is None:
            raise ValueError
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):  # no element at all: plain text
        from .text import read_text_lines

        return read_text_lines(text, first_line)
    # Comments before <html> (a page's leading comment) are siblings of the root.
    sibling = root.getprevious()
    while sibling is not None:
        if sibling.tag is etree.Comment and sibling.text and not sibling.text.isspace():
            line = (sibling.sourceline or 1) + first_line - 1
            reader.unit(sibling.text, line, "（HTML 注释）")
        sibling = sibling.getprevious()
    reader.walk(root)
    while reader.tables:
        reader.end("table")
    while reader.tables:
        reader.end("table")
    return reader.out
