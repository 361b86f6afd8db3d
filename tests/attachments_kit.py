"""Attachments for tests, built in the test itself: .xlsx (openpyxl), .docx (python-docx) and a small text PDF
written by hand (Chinese in the standard STSong-Light font, UCS-2 encoded, as scanners and office suites emit
it). Fixed timestamps: building the same content twice gives the same bytes."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

FIXED = dt.datetime(2024, 1, 1, 0, 0, 0)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry stamped FIXED (openpyxl and python-docx stamp the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def make_xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook: sheet name -> rows of cell values (str, int, float)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def make_docx(paragraphs: list[str] = (), tables: list[list[list[str]]] = ()) -> bytes:
    """A Word document: paragraphs, then tables (rows of cell texts)."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.core_properties.created = document.core_properties.modified = FIXED
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one text line per entry, top to bottom, on each page."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below
    pages_id = add("")
    font = add("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               "/DescendantFonts [FONT0 0 R] >>")
    cid = add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
              "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
              "/FontDescriptor DESC 0 R /DW 1000 >>")
    desc = add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
               "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    objects[font - 1] = objects[font - 1].replace(b"FONT0", str(cid).encode())
    objects[cid - 1] = objects[cid - 1].replace(b"DESC", str(desc).encode())
    kids = []
    for lines in pages:
        stream = "".join(f"BT /F1 12 Tf 50 {800 - 20 * i} Td <{line.encode('utf-16-be').hex().upper()}> Tj ET\n"
                         for i, line in enumerate(lines)).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        kids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                             f"/Count {len(kids)} >>").encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()
