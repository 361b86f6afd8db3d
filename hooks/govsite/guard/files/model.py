"""What a published file holds, as the guard reads it: units of text with their places, tables, or media."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    text: str
    line: int = 0  # line in a text file; 0 in an attachment (place says where)
    place: str = ""  # where in an attachment, in words: 工作表“名单”C3单元格, 第2页第5行 …

    def __init__(self, text: str, line: int = 0, place: str = ""):
        # Speed, as Line's (one Cell per table cell of every page): the instance's dictionary filled directly.
        fields = self.__dict__
        fields["text"], fields["line"], fields["place"] = text, line, place


@dataclass
class Table:
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    text: str
    place: str  # where, in words: 第3行, 第2页第5行, 工作表“名单”C3单元格, 页眉 …
    line: int = 0  # the line in a text file (1-based): an output page's finding is mapped back by it
    # How the text was put together: "" a unit as a person reads it; JOINED several units joined by spaces (the
    # search index's records: names and addresses are read per piece, numbers in the whole); FRAGMENT pieces
    # cut anywhere (n-grams, word lists: only numbers can be read in them); LABEL the whole label of one thing
    # on a page (an image's alt text, a title tooltip, an aria-label, a figure's caption: a name alone there is
    # the person shown, where a short cell or list item alone may be a village).
    kind: str = ""
    # The value of an element's attribute (a <meta> content, a title, a link's address), not text the page shows
    # in its flow: a number split over neighbouring units is read only in that flow (cells of a row, lines).
    attribute: bool = False

    def __init__(self, text: str, place: str, line: int = 0, kind: str = "", attribute: bool = False):
        # Speed: the readers make one Line per unit of every published file (some 2 million at 10,000 documents);
        # the generated __init__ of a frozen dataclass sets each field through object.__setattr__, 2.4 times the
        # cost of filling the instance's dictionary. Still frozen: assignment after this raises as before.
        fields = self.__dict__
        fields["text"], fields["place"], fields["line"], fields["kind"] = text, place, line, kind
        fields["attribute"] = attribute


JOINED, FRAGMENT, LABEL = "joined", "fragment", "label"
# A field that holds one person's name (a document's author, a comment's or a change's author, who last saved it):
# a name there is read as after “联系人：” (as a contact card's, contacts.py), where alone it may be a word or a village (曾浩然, 李静).
PERSON = "person"
TITLE = "title"  # what names a part of a file, as a file's name names it (a workbook's sheet: 李秀英家庭情况)


@dataclass
class Extracted:
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    media: str = ""  # a kind of file with no text to read (图片, 字体): published as it is
    text: str = ""  # a text file's text as decoded for reading (HTML, XML), for checks that read it whole
    # A page read with html.PageParts: its links and ids (for the link check of the whole output) and the parts
    # it read in full that may be clean (html.PageParts.settle).
    links: tuple[str, ...] | None = None
    ids: frozenset[str] = frozenset()
    parts: list = field(default_factory=list)
    # … and the parts it passed over, found clean before: (first line, last line, the part's key), with where
    # each line of its bytes begins (html._line_starts), so that other checks can pass over them too.
    passed: list = field(default_factory=list)
    line_starts: object = None
    # Where a photo was taken, from its GPS metadata (media.py), as coordinates in words: reported as such,
    # never read as text (a home's coordinates hold no word a rule reads).
    locations: list[Line] = field(default_factory=list)

    def add(self, other: Extracted, prefix: str = "", line: int = 0) -> None:
        """Another file's text as part of this one (a file attached inside an OFD or a PDF, a gzip's
        content), its places prefixed by where it sits; `line`: the line of this file it sits at (a file written
        into a data: address of a text file), else its units have no line here."""
        self.lines += [Line(u.text, prefix + u.place, line if prefix else u.line, u.kind, u.attribute)
                       for u in other.lines]
        self.locations += [Line(u.text, prefix + u.place, line if prefix else u.line) for u in other.locations]
        for table in other.tables:
            self.tables.append(Table([_moved(c, prefix, line) for c in table.header],
                                     [[_moved(c, prefix, line) for c in row] for row in table.rows]))


def _moved(cell: Cell, prefix: str, line: int = 0) -> Cell:
    return Cell(cell.text, line if prefix else cell.line,
                prefix + (cell.place or (f"第{cell.line}行" if cell.line else "")))


class Unreadable(Exception):
    """The file cannot be read: the message says why and how to publish it, in Chinese."""
