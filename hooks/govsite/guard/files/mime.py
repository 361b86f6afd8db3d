"""Mail and web archives (.eml, .mht/.mhtml): MIME messages whose parts are encoded.

Word's "single file web page" (.mht) writes a page as quoted-printable (`=CD=F5=BD=A8=BB=AA`, GB2312), a saved
mail its text and attachments as base64: read as plain text, none of it shows. Each part is decoded and read as
what it is (a page as HTML, text as text, an attached file by its own bytes), and the headers a person sees
(From, To, Cc, Reply-To, Subject), with their encoded words decoded; the names in address headers are read as
after 联系人：. Places are the part's number and the line within it.
"""
from __future__ import annotations

import email
import email.policy
import re
from email.header import Header, decode_header
from email.utils import getaddresses

from .model import Extracted, Line, Unreadable

_HEAD = re.compile(rb"^(?:[\x21-\x39\x3b-\x7e]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+\r?\n?", re.M)
_MIME = re.compile(rb"^(?:MIME-Version|Content-Type)\s*:", re.I | re.M)
ADDRESS_HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Sender")
TEXT_HEADERS = ("Subject", "Content-Description", "Comments", "Keywords")
MAX_PARTS = 500


def is_mime(data: bytes, suffix: str) -> bool:
    """A mail or web archive: by its name, or by headers that begin it and name MIME."""
    if suffix in (".eml", ".mht", ".mhtml", ".mim", ".mime"):
        return True
    head = data[:2048].replace(b"\r\n", b"\n")
    return bool(_HEAD.match(head)) and bool(_MIME.search(head.split(b"\n\n", 1)[0]))


def _header_text(value) -> str:
    """A header as a person reads it: encoded words (=?UTF-8?B?…?=) decoded, and raw bytes (a Chinese file name
    written into the header as it is) read as UTF-8, else GB18030."""
    try:
        pieces = decode_header(value if isinstance(value, Header) else str(value))
    except (ValueError, TypeError):
        return str(value)
    out = []
    for piece, charset in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        for encoding in ([charset] if charset and charset != "unknown-8bit" else []) + ["utf-8", "gb18030"]:
            try:
                out.append(piece.decode({"gb2312": "gb18030", "gbk": "gb18030"}.get(encoding.lower(), encoding)))
                break
            except (UnicodeDecodeError, LookupError):
                continue
        else:
            out.append(piece.decode("utf-8", "replace"))
    return "".join(out)


def read_mime(data: bytes, embedded) -> Extracted:
    """`embedded(bytes, name)`: how a part that is a file of its own is read (files._read one level deeper)."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the parser is lenient; anything it still refuses is a damaged file
        raise Unreadable(f"邮件或网页存档已损坏，其中的个人信息无法检查（{type(exc).__name__}）；"
                         "请另存为 PDF 后再放入") from None
    out = Extracted()
    for name in ADDRESS_HEADERS:
        for value in message.get_all(name, []):
            for person, address in getaddresses([_header_text(value)]):
                where = f"邮件头 {name}"
                if person.strip():
                    out.lines.append(Line(f"联系人：{person.strip()}", where))
                if address.strip():
                    out.lines.append(Line(address.strip(), where))
    for name in TEXT_HEADERS:
        for value in message.get_all(name, []):
            text = _header_text(value).strip()
            if text:
                out.lines.append(Line(text, f"邮件头 {name}"))
    for number, part in enumerate(message.walk(), start=1):
        if number > MAX_PARTS:
            raise Unreadable(f"邮件或网页存档的部分超过 {MAX_PARTS} 个，其中的个人信息无法逐一检查；请另存为 PDF 后再放入")
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if not payload:
            continue
        kind = part.get_content_type()
        filename = part.get_filename() or part.get("Content-Location", "") or ""
        filename = _header_text(filename)
        prefix = f"第{number}部分" + (f"（{filename}）" if filename else "")
        if kind in ("text/plain", "text/html", "text/xml", "text/csv") and not part.get_filename():
            charset = part.get_content_charset() or ""
            text = _decoded(payload, charset)
            suffix = {"text/html": ".html", "text/xml": ".xml", "text/csv": ".csv"}.get(kind, ".txt")
            inner = embedded(text.encode("utf-8"), f"part{suffix}")
        else:
            inner = embedded(payload, filename.rsplit("/", 1)[-1] or f"part-{number}")
        if inner.media:
            continue
        out.add(inner, prefix)
    return out


def _decoded(payload: bytes, charset: str) -> str:
    """A text part in the charset it declares (GB2312 read as GB18030, which holds it), else detected."""
    charset = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(charset.lower(), charset.lower())
    if charset:
        try:
            return payload.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
    from .encoding import decode

    return decode(payload).text
