"""Contact cards and calendars (vCard .vcf, iCalendar .ics): a person's name as the card gives it.

These formats are lines of `NAME;PARAM=…:value`. Read as plain text, a card's name is `FN:王建华` or `N:王;建华;;;`
— a colon and semicolons around a name that no rule for running text reads as one — and a phone's export
(vCard 2.1) writes Chinese as quoted-printable (`FN;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B…`), which shows no Chinese
at all. So each property is unfolded and decoded, and its value read as what the format says it is: the name
properties (FN, N, NICKNAME, a calendar's CN= of an organiser or attendee) as a value after 联系人：, an address (ADR)
joined as it is written on an envelope, everything else as text. Places are the line where the property begins.
"""
from __future__ import annotations

import quopri
import re

from .model import Extracted, Line

_BEGIN = re.compile(r"^\ufeff?\s*BEGIN:(VCARD|VCALENDAR)\s*$", re.I | re.M)
NAME_PROPERTIES = {"FN", "N", "NICKNAME", "SORT-STRING", "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME"}
# Properties that only structure the file: never text.
_STRUCTURE = {"BEGIN", "END", "VERSION", "PRODID", "UID", "REV", "CALSCALE", "METHOD", "DTSTAMP", "DTSTART", "DTEND",
              "CREATED", "LAST-MODIFIED", "SEQUENCE", "STATUS", "TRANSP", "TZID", "TZOFFSETFROM", "TZOFFSETTO",
              "KIND", "PHOTO", "LOGO", "SOUND", "KEY"}
_PARAM_NAMES = re.compile(r";CN=(\"[^\"]*\"|[^;:]*)", re.I)  # a calendar's people: ORGANIZER;CN=王建华:mailto:…
# How a name property is read: as after 联系人：, where whatever has the shape of a name is one (a card's FN may also
# be an office's name, 示例区退役军人事务局, which is not).
LABEL = "联系人："
_ESCAPED = re.compile(r"\\([\\,;nN])")


def is_contacts(text: str, suffix: str) -> bool:
    return suffix in (".vcf", ".vcard", ".ics", ".ical", ".ifb") or bool(_BEGIN.match(text[:200]))


def _unfolded(text: str):
    """(line number, logical line): a line that begins with a space or tab continues the one before (RFC 6350
    3.2), and a quoted-printable value ending in "=" continues on the next line (vCard 2.1)."""
    current, start = None, 0
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
        elif current is not None and current.endswith("=") and "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper():
            current = current[:-1] + line
        else:
            if current is not None:
                yield start, current
            current, start = line, number
    if current is not None:
        yield start, current


def _decoded(params: str, value: str) -> str:
    upper = params.upper()
    if "QUOTED-PRINTABLE" in upper:
        charset = re.search(r"CHARSET=([A-Za-z0-9_-]+)", params, re.I)
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        for encoding in ((charset.group(1),) if charset else ()) + ("utf-8", "gb18030"):
            try:
                return raw.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
        return raw.decode("utf-8", "replace")
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def read_contacts(text: str) -> Extracted:
    out = Extracted()
    for number, line in _unfolded(text):
        head, colon, value = line.partition(":")
        if not colon:
            if line.strip():
                out.lines.append(Line(line.strip(), f"第{number}行", number))
            continue
        name, _, params = head.partition(";")
        prop = name.split(".")[-1].strip().upper()  # item1.TEL: a group before the property
        for person in _PARAM_NAMES.findall(";" + params):
            person = person.strip('"').strip()
            if person:
                out.lines.append(Line(f"{LABEL}{person}", f"第{number}行（{prop} 中的姓名）", number))
        if prop in _STRUCTURE or not value.strip():
            continue
        value = _decoded(params, value)
        if prop == "N":  # family;given;additional;prefixes;suffixes
            parts = [p.strip() for p in re.split(r"(?<!\\);", value)]
            value = "".join(parts[:3]) if all(_is_han(p) for p in parts[:3] if p) else " ".join(p for p in parts if p)
        elif prop == "ADR":  # po box;extended;street;locality;region;code;country: on an envelope, largest first
            parts = [p.strip() for p in re.split(r"(?<!\\);", value)] + [""] * 7
            value = "".join(parts[i] for i in (6, 4, 3, 2, 1, 0)) + (" " + parts[5] if parts[5] else "")
        value = re.sub(r"\s+", " ", value).strip()
        if not value:
            continue
        if prop in NAME_PROPERTIES:
            out.lines.append(Line(f"{LABEL}{value}", f"第{number}行（名片中的姓名 {prop}）", number))
        else:
            out.lines.append(Line(value, f"第{number}行（{prop}）", number))
    return out


def _is_han(text: str) -> bool:
    return bool(re.fullmatch(r"[\u3400-\u4dbf\u4e00-\u9fff·]+", text))
