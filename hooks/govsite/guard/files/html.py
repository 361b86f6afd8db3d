"""HTML as a person or a screen reader gets it.

Units of text are what a person reads as one piece: a paragraph, a list item, a heading, a table cell, with the
inline elements inside joined (`请与<b>王建华</b>同志联系` is one sentence), each at the line where it starts.
Text hidden by CSS is read too: it is in the published file. Script and style are code, not text: JSON data
(`<script type="application/ld+json">`) is read as JSON, other code line by line, as a script's own file is.
Comments are published too and are read.

Attributes a person sees or a screen reader speaks (alt, title, aria-label, placeholder, a button's value,
<meta> descriptions …) are units of their own, and so is any other attribute holding Chinese text or a long
number (data-* attributes shown by scripts); attributes that only style or wire the page are not. A link's
address is read when it holds something a person could read (Chinese in a file name, a tel: number).

Tables become Table objects (header = first row) for the column rules of guard/personal.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import re
import secrets
from urllib.parse import unquote

from lxml import etree

from .model import LABEL, Cell, Extracted, Line, Table

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
# The whole label of one thing a person sees or hears (files.model.LABEL), not a hint or a value typed in.
LABEL_ATTRIBUTES = frozenset(("alt", "title", "aria-label"))
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
# <meta> whose content is a list of keywords or tags, and what sets them apart.
KEYWORD_METAS = frozenset(("keywords", "news_keywords", "article:tag", "og:article:tag"))
_KEYWORD_SEPARATORS = re.compile(r"[,，、;；|]")
# <meta> whose content is configuration, not text.
META_CONFIG = frozenset(("viewport", "theme-color", "robots", "format-detection", "referrer", "color-scheme",
                         "googlebot", "renderer", "force-rendering", "msapplication-tilecolor",
                         "msapplication-config", "apple-mobile-web-app-capable",
                         "apple-mobile-web-app-status-bar-style", "mobile-web-app-capable", "handheldfriendly"))
class _Collapse:
    """White space as it reads: a run of it one space, except a line break between two Chinese characters, which
    is nothing (CSS Text's segment break rule: a Markdown paragraph wrapped inside a word or name, 请与王\n建国
    同志联系, reads 请与王建国同志联系; read with a space, 外国 司法 would start a word in the middle of one)."""

    _RUN = re.compile(r"\s+")
    _CJK_BREAK = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])[ \t]*\n\s*(?=[\u3400-\u4dbf\u4e00-\u9fff])")

    def sub(self, repl: str, text: str) -> str:
        # Speed: most pieces hold no white space but single ASCII spaces (a title, a label, a cell), and then
        # there is nothing to collapse. Exact: every other character \s matches (tab, line breaks, no-break and
        # ideographic spaces, U+2028 …) is unprintable to str.isprintable, which accepts the ASCII space only.
        if repl == " " and text.isprintable() and "  " not in text:
            return text
        if "\n" in text:
            text = self._CJK_BREAK.sub("", text)
        return self._RUN.sub(repl, text)


_SPACE = _Collapse()
_WHITE = re.compile(r"\s+")  # in a comment, which is not shown, a line break parts what it holds
_WORTH = re.compile(r"[^\x00-\x7f]|\d{6}")  # Chinese (or other non-ASCII) text, or a long number
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Where each element links, as the link check reads it (guard/links.py, Collector); stylesheets' resource hints
# are not links.
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
_NOT_LINKS = ("preconnect", "dns-prefetch")
# libxml2 counts lines up to 65535 only (it reports that number for every line after it): a part must end before.
_LINE_LIMIT = 65535


class PageParts:
    """The parts of the pages a build writes that were read before and held nothing any rule finds, so that they
    are not read again: a page's navigation, header and footer are most of its bytes and the same on thousands of
    pages (differing only in how deep the page lies, and in which section is open).

    A part is an element that ends a unit of text (a block, not in a table) spanning at least MIN_LINES lines. It
    is known by the digest (SHA-1) of the page's bytes from the line where the element or comment before it stands
    to the line of the element after it — every byte of its markup, whatever the lines hold besides — and by the
    tags of the elements open around it: the parser, given the same open elements and the same bytes, makes the same
    elements of them, with the same text, attributes, links and ids at the same lines relative to its first. A
    part is clean when no finding of its page lies on its lines (`settle`, after every rule ran on the page's
    units); a clean part met again is passed over: its links and ids are taken as they were, and the reader goes
    on after it at the line where it ended. Anything that differs by one byte, or sits under other elements, is
    another part and is read."""

    MIN_LINES = 8
    LIMIT = 20_000  # clean parts kept (the navigation of every depth and section: a few hundred at most)
    SEEN = 200_000  # parts remembered as read once: a part is kept as clean when it is met a second time

    CUT = True  # clean parts cut out of a page's text before it is parsed (_cut_parts); False: parsed whole
    CUTS = 20_000  # clean parts kept with their bytes, to be found and cut in the pages after …
    CUT_BYTES = 32 << 20  # … holding this many bytes at most (the navigation of each depth and section)

    def __init__(self):
        self.clean: dict[tuple, tuple[int, tuple[str, ...], tuple[str, ...]]] = {}
        self.seen: set[tuple] = set()
        self.sketches: set[tuple] = set()  # parts met once, by a sketch of their bytes (_Reader.part_key)
        self.passed = 0  # parts not read again
        self.findings: dict[tuple, tuple] = {}  # what the page's other checks found in a clean part's lines
        self.cuts: dict[tuple, _Cut] = {}  # clean parts that can be cut before the parse, by their keys
        self.recent: list[tuple] = []  # the keys of those the last page passed over, in its order
        self.cut = 0  # parts cut out before the parse
        self.cut_bytes = 0  # bytes held by `cuts`

    def settle(self, read_parts: list[tuple], finding_lines) -> None:
        """The parts a page read in full, once every rule ran on its units: those with no finding on their lines
        are clean (kept from their second reading on, so that the parts of one page alone do not fill memory)."""
        if not read_parts:
            return
        lines = sorted(finding_lines)
        for key, first, last, links, ids, cut in read_parts:
            at = bisect.bisect_left(lines, first)
            if at < len(lines) and lines[at] <= last:
                continue
            if key not in self.seen:
                if len(self.seen) >= self.SEEN:
                    self.seen.clear()
                self.seen.add(key)
                continue
            if len(self.clean) >= self.LIMIT:
                self.clean.clear()
            self.clean[key] = (last - first, links, ids)
            self.keep_cut(cut)

    def keep_cut(self, cut: _Cut | None) -> None:
        if cut is None:
            return
        if len(self.cuts) >= self.CUTS or self.cut_bytes >= self.CUT_BYTES:
            self.cuts.clear()
            self.cut_bytes = 0
        self.cuts[cut.key] = cut
        self.cut_bytes += len(cut.lines)


class _Cut:
    """How a clean part is cut out of a page before the parse (_cut_parts): the bytes of its lines as its key
    digests them (`lines`: from the line of the node before it to the line of the node after it), and where in
    them the element's own markup lies, from the "<" of its start tag to the ">" of its end tag (`start`, `end`),
    which holds `breaks` line breaks."""

    __slots__ = ("key", "lines", "start", "end", "breaks")

    def __init__(self, key: tuple, lines: bytes, start: int, end: int):
        self.key, self.lines, self.start, self.end = key, lines, start, end
        self.breaks = lines.count(b"\n", start, end)


class _Miss(Exception):
    """A part cut before the parse is not where the page's reading would have passed over it: read the page
    whole (and the parts named, `args`, are not cut again)."""


def _flush(pieces: list[str], out: list, unit_line: int) -> None:
    """The text gathered since the last block's start, as one unit at its first line."""
    text = _SPACE.sub(" ", "".join(pieces)).strip()
    if text:
        out.append(Line(text, f"第{unit_line}行", unit_line))
    pieces.clear()


def _passed_over(known: tuple, key: tuple, line: int, links: list, ids: list, passed: list, page) -> int:
    """A clean part passed over (whole or cut out before the parse): its links, ids and lines kept as when it was
    read; the line after it."""
    links.extend(known[1])
    ids.extend(known[2])
    passed.append((line, line + known[0], key))
    page.passed += 1
    return line + known[0]


def _marks_passed_over(el, marks: dict) -> None:
    """The marks inside a part passed over, taken as met: the walk of the whole page does not reach the parts cut
    there either, provided the parser met each mark where it would have met the part's start tag, with the same
    elements open around it (_cut_parts), which a mark's ancestors tell."""
    for node in el.iter(etree.Comment):
        cut = marks.pop(node.text, (None,))[0]
        if cut is not None and tuple(a.tag for a in node.iterancestors())[::-1] != cut.key[1:]:
            raise _Miss(cut)


# What stands in a page's text for a part cut out of it: a comment no page holds (the page is read whole when its
# bytes hold this process's mark).
_MARK = "govsite-cut-" + secrets.token_hex(8) + "-"
_MARK_BYTES = _MARK.encode("ascii")


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML file declares in its first kilobytes (<meta charset>), if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


class _Reader:
    def __init__(self, first_line: int, page: PageParts | None = None, source: bytes = b""):
        self.first_line = first_line
        self.out = Extracted()
        self.pieces: list[str] = []
        self.tables: list[dict] = []  # open tables: rows, current row, current cell (pieces, line) or None
        self.page = page  # reading a page the build wrote: see PageParts
        self.source = source  # its bytes (UTF-8, lines ending in \n only), for the digests of its parts
        self.offsets = None  # where each line of `source` begins (_line_starts), once a part is looked up
        self.links: list[str] = []
        self.ids: list[str] = []
        self.read_parts: list[tuple] = []  # (key, first line, last line, links, ids, _Cut or None) of parts read
        self.passed: list[tuple] = []  # (first line, last line, key) of the clean parts passed over
        self.marks: dict[str, tuple] | None = None  # reading a page with parts cut out: each mark's part and line
        self.added: list[tuple] | None = None  # … and the sketches it added (taken back if the cut was wrong)

    # ---- units --------------------------------------------------------------------------------------------

    def unit(self, text: str, line: int, what: str, comment: bool = False) -> None:
        text = (_WHITE if comment else _SPACE).sub(" ", text).strip()
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
            if top["cell"] is not None:  # (a call per cell that has ended already costs more than this test)
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
            if self.tables[-1]["cell"] is not None:
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
        top = self.tables[-1]
        if top["cell"] is not None:
            self._end_cell()
        if top["row"]:
            top["rows"].append(top["row"])
        top["row"] = None

    # ---- the walk -----------------------------------------------------------------------------------------

    def walk(self, root) -> None:
        """Text units and tables, in document order. Speed: this runs for every element of every published page,
        so it is one loop over lxml's own walk (C) with the state in local variables; a recursive walk with a
        method call per element was 1.7 times slower.

        Reading a page the build wrote (`self.page`, a PageParts): its links and ids are collected on the way, and
        a part of it read before and found clean is passed over (PageParts)."""
        pieces = self.pieces
        blocks, code, table_tags, comment = BLOCKS, CODE, TABLE_TAGS, etree.Comment
        out, space, first = self.out.lines, _SPACE, self.first_line - 1
        tables = self.tables
        line, unit_line = self.first_line, 0
        page = self.page
        element_facts = _ELEMENT_FACTS
        if page is not None:
            clean, min_lines = page.clean, page.MIN_LINES
            links, ids, parts, read, passed = self.links, self.ids, [], self.read_parts, self.passed
            stack: list[str] = []  # the tags of the elements open around the current one
            before = 1  # the line of the last element or comment met: where the next element's start tag may begin
            learn = page.CUT
        marks = self.marks
        walker = etree.iterwalk(root, events=("start", "end", "comment"))
        for event, el in walker:
            tag = el.tag
            if event == "start":
                if tag is comment:
                    continue
                at = el.sourceline
                if at:
                    line = at + first
                items = el.items()  # once: each access of an element's attributes makes a new object
                if page is not None:
                    if (tag in blocks and not tables and tag not in table_tags and len(el) and at
                            and ((after := el.getnext()) is not None or (after := _following(el)) is not None)
                            and min_lines <= (after.sourceline or 0) - at and after.sourceline < _LINE_LIMIT):
                        key = self.part_key(before, after.sourceline, stack)
                        known = clean.get(key) if key is not None else None
                        stack.append(tag)
                        key_first, before = before, at
                        if known is not None:  # read before, nothing found in it: its units are not read again
                            if learn and key not in page.cuts:  # (forgotten, or found clean before it was kept)
                                page.keep_cut(self.cut_of(el, key, key_first))
                            if marks and any(line <= at_mark <= line + known[0] for _cut, at_mark in marks.values()):
                                _marks_passed_over(el, marks)
                            if pieces:
                                _flush(pieces, out, unit_line)
                                unit_line = 0
                            line = _passed_over(known, key, line, links, ids, passed, page)
                            walker.skip_subtree()
                            continue
                        if key is not None:
                            parts.append((el, key, line, len(links), len(ids), key_first))
                    else:
                        stack.append(tag)
                        before = at or before
                if items:
                    # what an element's attributes give depends on its tag and attributes only: judged once
                    facts = element_facts.get((tag, *items))
                    if facts is None:
                        facts = _element_facts(el, tag, items)
                    units, element_ids, target = facts
                    if page is not None:
                        if element_ids:
                            ids += element_ids
                        if target is not None:
                            links.append(target)
                    for text, what, kind in units:
                        out.append(Line(text, f"第{line}行{what}", line, kind, attribute=True))
                if tag in code:
                    text = el.text
                    if text:
                        if tag == "script" and (el.get("type") or "").strip().lower() in JSON_TYPES:
                            from .jsonfile import read_json

                            out += read_json(text, line).lines
                        elif not text.isspace():
                            # code, not text a person reads, but published as it stands: read line by line, as a
                            # script or a stylesheet of its own file is (a name or a number in a string of it)
                            from .text import read_text_lines

                            out += read_text_lines(text, line).lines
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
                        out.append(Line(text, f"第{unit_line}行", unit_line, LABEL if tag == "figcaption" else ""))
                    pieces.clear()
                    unit_line = 0
                if page is not None:
                    stack.pop()
                    if parts and parts[-1][0] is el:
                        _el, key, start, link_count, id_count, key_first = parts.pop()
                        # a part read for the second time is clean unless a finding lies on its lines (settle)
                        cut = self.cut_of(el, key, key_first) if learn and key in page.seen else None
                        read.append((key, start, line, tuple(links[link_count:]), tuple(ids[id_count:]), cut))
                text = el.tail
            elif marks and el.text in marks:
                # a clean part cut out before the parse (_cut_parts): passed over as the walk of the whole page
                # would pass over it here, if it would (else the page is read whole)
                cut = marks.pop(el.text)[0]
                at = el.sourceline
                if (tables or not at or ((after := el.getnext()) is None and (after := _following(el)) is None)
                        or not (min_lines <= (after.sourceline or 0) - at and after.sourceline < _LINE_LIMIT)):
                    raise _Miss
                line = at + first
                key = self.part_key(before, after.sourceline, stack)
                known = clean.get(key) if key is not None else None
                if key != cut.key or known is None:
                    raise _Miss(cut)
                before = at
                if pieces:
                    _flush(pieces, out, unit_line)
                    unit_line = 0
                line = _passed_over(known, key, line, links, ids, passed, page)
                page.cut += 1
                text = el.tail
                if text and cut.breaks:
                    text = text[cut.breaks:]  # the line breaks the mark stands for: the part's own
            else:  # a comment: published, so read as a unit of its own
                if page is not None:
                    before = el.sourceline or before
                text = el.text
                if text:
                    if not text.isspace():
                        out.append(Line(_WHITE.sub(" ", text).strip(), f"第{line}行（HTML 注释）", line))
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

    def part_key(self, first: int, last: int, stack: list[str]) -> tuple | None:
        """What a part is known by (PageParts): the digest of the page's bytes from the start of line `first` to
        the end of line `last`, and the tags open around it; None while a sketch of those bytes (their length,
        first and last bytes) has not been met before: a part seen once is not worth a digest (most parts
        holding a page's own text)."""
        offsets = self.offsets
        if offsets is None:  # where each line begins, and one past the end: in C (a page has some 2,000 lines)
            offsets = self.offsets = _line_starts(self.source)
        start, end = int(offsets[first - 1]), int(offsets[min(last, len(offsets) - 1)])
        source, sketches = self.source, self.page.sketches
        sketch = (end - start, source[start:start + 64], source[end - 64:end], *stack)
        if sketch not in sketches:
            if len(sketches) >= self.page.SEEN:
                if self.added is not None:
                    raise _Miss  # a reading that may be taken back does not forget what the others learned
                sketches.clear()
            sketches.add(sketch)
            if self.added is not None:
                self.added.append(sketch)
            return None
        return (hashlib.sha1(memoryview(source)[start:end]).digest(), *stack)

    def cut_of(self, el, key: tuple, first: int) -> _Cut | None:
        """How part `el` (its key made from line `first` on) can be cut out of the pages after, or None. Its markup
        must stand on lines of its own as bytes say where it begins and ends: the first thing on its line, after
        white space, is its start tag; it ends with its own end tag, followed by nothing but white space (its tail)
        and the end tags of the elements it is the last in, each with its own end tag and white space after it, up
        to the element after all of them, the first thing on its line. Where the bytes could say otherwise (a
        comment after it, whose line is the one it ends on; anything else before it on its line), it is not cut."""
        at = el.sourceline
        if len(key) < 2 or not at or first >= at or not isinstance(el.tag, str):
            return None
        between = [el.tail or ""]  # what stands between its end tag and the node after it (_following)
        node, after = el, el.getnext()
        while after is None:
            node = node.getparent()
            if node is None or not isinstance(node.tag, str):
                return None
            between += ("</" + node.tag + ">", node.tail or "")
            after = node.getnext()
        if not isinstance(after.tag, str) or any(text.strip(" \t\n") for text in between[::2]):
            return None
        source, offsets = self.source, self.offsets
        start = _first_tag(source, offsets, at, el.tag)
        following = _first_tag(source, offsets, after.sourceline, after.tag)
        if start is None or following is None:
            return None
        between_bytes = "".join(between).encode("utf-8")
        end = following - len(between_bytes)
        closing = b"</" + el.tag.encode("utf-8") + b">"
        if end <= start or source[end:following].lower() != between_bytes \
                or source[end - len(closing):end].lower() != closing:
            return None
        first_byte = int(offsets[first - 1])
        last_byte = int(offsets[min(after.sourceline, len(offsets) - 1)])
        if not first_byte <= start < end <= last_byte:
            return None
        return _Cut(key, source[first_byte:last_byte], start - first_byte, end - first_byte)

    def attributes(self, el, tag: str, line: int, items: list | None = None) -> None:
        """The units of an element's attributes (`items`: el.items(), when the caller has them), as the walk
        reads them (_element_facts)."""
        items = el.items() if items is None else items
        facts = _ELEMENT_FACTS.get((tag, *items)) or _element_facts(el, tag, items)
        out = self.out.lines
        for text, what, kind in facts[0]:
            out.append(Line(text, f"第{line}行{what}", line, kind, attribute=True))


# Speed: what an element's attributes give — their units, the ids it defines, where it links — depends on its
# tag and attributes only, and most elements of a page stand with the same attributes on the pages before it (the
# theme's links, buttons and icons): each such element is judged once, then only its units are placed.
_ELEMENT_FACTS: dict[tuple, tuple[tuple[tuple[str, str], ...], tuple[str, ...], str | None]] = {}


def _element_facts(el, tag: str, items: list) -> tuple:
    """(units of its attributes, ids it defines, the address it links to or None) of an element with attributes,
    remembered by (tag, *items)."""
    ids = []
    if (ident := el.get("id")):
        ids.append(ident)
    if tag == "a" and (ident := el.get("name")):
        ids.append(ident)
    target = None
    if (attribute := LINKING.get(tag)) and (value := el.get(attribute)):
        if not (tag == "link" and any(w in (el.get("rel") or "") for w in _NOT_LINKS)):
            target = value
    if len(_ELEMENT_FACTS) >= 50_000:
        _ELEMENT_FACTS.clear()
    facts = _ELEMENT_FACTS[(tag, *items)] = (tuple(_attribute_units(el, tag)), tuple(ids), target)
    return facts


def _line_starts(source: bytes):
    """The offset where each line of `source` begins (lines end in "\n"), then len(source) + 1: as the running
    sum of the lengths of source.split(b"\n") plus one each would give them."""
    import numpy

    ends = numpy.flatnonzero(numpy.frombuffer(source, numpy.uint8) == 10)
    return numpy.concatenate(((0,), ends + 1, (len(source) + 1,)))


def _attribute_units(el, tag: str):
    """(text, what it is, its kind: files.model.LABEL or "") of each attribute of `el` a person sees or a screen
    reader speaks."""
    for name, value in el.items():
        if not value or name in WIRING or name[:2] == "on":
            continue
        if name == "content":
            if tag != "meta":
                continue
            kind = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
            if not kind or kind in META_CONFIG:
                continue
            text, what = value, f"网页说明（meta {kind}）"
            if kind in KEYWORD_METAS:  # a list of words, each the whole label of a thing (王德胜 among them)
                for item in _KEYWORD_SEPARATORS.split(text):
                    if (item := _SPACE.sub(" ", item).strip()):
                        yield item, what, LABEL
                continue
        elif name in URL_ATTRIBUTES:
            if not (_WORTH.search(value) or value[:4].lower() in ("tel:", "sms:", "mail") or "%" in value):
                continue
            text = unquote(value)
            if not (_WORTH.search(text) or text.lower().startswith(("tel:", "sms:", "mailto:"))):
                continue
            what = ATTRIBUTE_PLACES.get(name, "链接地址")
        elif name in TEXT_ATTRIBUTES or _WORTH.search(value):
            if name == "value" and tag == "input" and (el.get("type") or "").lower() == "password":
                continue
            text, what = value, ATTRIBUTE_PLACES.get(name, f"“{name}”属性")
            if text.lstrip()[:1] in ("{", "[") and name.startswith("data-"):
                # a script's data kept in an attribute (data-person='{"姓名": …}'): read as the JSON it is, each
                # field as a JSON file's (a name under 姓名 is one person's)
                from .jsonfile import plain_json, read_json

                if plain_json(text):
                    for line in read_json(text).lines:
                        yield _SPACE.sub(" ", line.text).strip(), what, line.kind or ""
                    continue
        else:
            continue
        text = _SPACE.sub(" ", text).strip()  # as _Reader.unit keeps it
        if text:
            yield text, what, LABEL if name in LABEL_ATTRIBUTES else ""


def _first_tag(source: bytes, offsets, line: int, tag) -> int | None:
    """Where the start tag of `tag` begins on `line` of `source`, if it is the first thing on it after white
    space; else None."""
    if not isinstance(tag, str) or not line or line >= len(offsets):
        return None
    begin, end = int(offsets[line - 1]), int(offsets[line])
    at = begin
    while at < end and source[at] in b" \t":
        at += 1
    name = b"<" + tag.encode("utf-8")
    if source[at:at + len(name)].lower() != name or source[at + len(name):at + len(name) + 1] not in \
            (b" ", b"\t", b"\n", b">", b"/"):
        return None
    return at


def _cut_parts(source: bytes, page: PageParts) -> tuple[str, dict[str, tuple[_Cut, int]]] | None:
    """The page's text with the clean parts the page before passed over (page.recent) cut out where its bytes
    hold them, each markup replaced by a comment that marks it and the line breaks it held (every other line
    keeps its number), with what each mark stands for and its line; None when no part is found.

    Speed: lxml's parse of a page is about a quarter of its check, and the parts passed over (the navigation,
    the footer, the search's dialog) are about half of its bytes. Exact: a part is cut only where the bytes of
    its key's lines stand as they stood when it was found clean, on lines of their own (_Reader.cut_of); the
    walk passes over a mark only where the walk of the whole page would have passed over the part — the same
    key, from the same lines and the same open elements, clean (else the page is read whole). Then the parser
    met the mark where it would have met the part's start tag, in the same state (the same open elements: the
    text before is the same), and left it in that state after the mark as after the part, whose markup, read
    from those open elements, makes the same element, closed by its own end tag; the text after is the same."""
    if _MARK_BYTES in source:
        return None
    pieces: list[bytes] = []
    marks: dict[str, tuple[_Cut, int]] = {}
    looked, copied, counted, line = 0, 0, 0, 1
    for key in page.recent:
        cut = page.cuts.get(key)
        if cut is None or key not in page.clean:
            continue
        lines, tries = cut.lines, 0
        found = source.find(lines[:64], looked)
        # (the last bytes compared before all of them: the same navigation with another entry open differs late)
        while found >= 0 and not ((found == 0 or source[found - 1] == 10) and source.endswith(
                lines[-64:], found, found + len(lines)) and source.startswith(lines, found)):
            tries += 1
            found = source.find(lines[:64], found + 1) if tries < 4 else -1
        if found < 0 or found + cut.start < copied:
            continue
        mark = f"{_MARK}{len(marks)}"
        pieces += (source[copied:found + cut.start], b"<!--", mark.encode("ascii"), b"-->", b"\n" * cut.breaks)
        line += source.count(b"\n", counted, found + cut.start)
        counted = found + cut.start
        copied = found + cut.end
        looked = found  # the key of the next part may begin on the lines of this one
        marks[mark] = (cut, line)
    if not marks:
        return None
    pieces.append(source[copied:])
    return b"".join(pieces).decode("utf-8"), marks


def _following(el):
    """The first node after `el` and everything in it (its next sibling, or its parent's …), or None."""
    while el is not None:
        after = el.getnext()
        if after is not None:
            return after
        el = el.getparent()
    return None


@functools.cache
def _parser():
    # lxml.etree's own HTML parser (lxml.html's element classes cost a lookup per element); libxml2 lowercases
    # tag and attribute names. No table of the ids (collect_ids): the reader takes them from the attributes and
    # never looks an element up by its id, and filling the table is about a twentieth of a page's parse.
    return etree.HTMLParser(remove_comments=False, remove_pis=True, no_network=True, recover=True,
                            collect_ids=False)


def _sibling_comment(reader: _Reader, sibling, first_line: int) -> None:
    if sibling.tag is etree.Comment and sibling.text and not sibling.text.isspace():
        line = (sibling.sourceline or 1) - sibling.text.count("\n") + first_line - 1
        reader.unit(sibling.text, line, "（HTML 注释）", comment=True)


def read_html(text: str, first_line: int = 1, page: PageParts | None = None, source: bytes = b"") -> Extracted:
    """Units, attributes and tables of an HTML text (`first_line`: the line of its first character in its file,
    for HTML inside a feed or another file). `page`: a page the build wrote, `source` its bytes, which `text` is
    the UTF-8 reading of: its links and ids are read too (Extracted.links), and its parts read before and found
    clean are passed over (PageParts), most of them cut out of the text before it is parsed (_cut_parts)."""
    if page is not None and (first_line != 1 or b"\r" in source):
        page = None  # lines counted otherwise than by "\n": parts cannot be known by their lines
    reader = _Reader(first_line, page, source)
    if not text.strip():
        return reader.out
    if page is not None and page.CUT and page.recent and (cut := _cut_parts(source, page)) is not None:
        cut_text, marks = cut
        tried = [cut for cut, _line in marks.values()]
        reader.marks, reader.added = marks, []
        counts = page.passed, page.cut
        try:
            root = etree.fromstring(cut_text, _parser())
            if root is None:
                raise _Miss
            _read_root(reader, root, first_line)
            if marks:  # a mark the walk did not meet as a comment of its own
                raise _Miss(*(cut for cut, _line in marks.values()))
            return _finish(reader, page)
        except (_Miss, etree.ParserError, etree.XMLSyntaxError, ValueError) as miss:
            for sketch in reader.added:
                page.sketches.discard(sketch)
            page.passed, page.cut = counts
            for used in (miss.args if isinstance(miss, _Miss) else tried):
                page.cuts.pop(used.key, None)  # not cut again: read whole, then passed over after the parse
            reader = _Reader(first_line, page, source)
    try:
        root = etree.fromstring(text, _parser())
        if root is None:
            raise ValueError
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):  # no element at all: plain text
        from .text import read_text_lines

        return read_text_lines(text, first_line)
    _read_root(reader, root, first_line)
    return _finish(reader, page)


def _read_root(reader: _Reader, root, first_line: int) -> None:
    # Comments before <html> (a page's leading comment) and after </html> are siblings of the root, read in the
    # page's order; libxml2 gives a comment the line it ends on, and an editor is told the line it begins on.
    leading = []
    sibling = root.getprevious()
    while sibling is not None:
        leading.append(sibling)
        sibling = sibling.getprevious()
    for sibling in reversed(leading):
        _sibling_comment(reader, sibling, first_line)
    reader.walk(root)
    for sibling in root.itersiblings():
        _sibling_comment(reader, sibling, first_line)
    while reader.tables:
        reader.end("table")


def _finish(reader: _Reader, page: PageParts | None) -> Extracted:
    out = reader.out
    if page is not None:
        out.links, out.ids, out.parts = tuple(reader.links), frozenset(reader.ids), reader.read_parts
        out.passed, out.line_starts = reader.passed, reader.offsets
        page.recent = [key for _first, _last, key in reader.passed if key in page.cuts]
    return out
