"""Contact cards and calendars (govsite/guard/files/contacts.py): a name in a vCard's FN or N, or a calendar's
CN=, is a person's name whatever version, encoding, folding or quoted-printable form the card was saved in; an
office's own card passes. Each case is generated (other names, versions, encodings) and what must be reported is
worked out by hand from the card's lines."""
from __future__ import annotations

import quopri

from files_kit import GIVEN, SURNAMES
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.guard import files
from govsite.guard import personal as privacy

RULES = privacy.Rules()
SETTINGS = settings(max_examples=120, derandomize=True, database=None, deadline=None)
names = st.builds(lambda s, g: s + "".join(g), st.sampled_from(SURNAMES), st.lists(st.sampled_from(GIVEN), min_size=1,
                                                                                   max_size=2))


def findings(data: bytes, name: str) -> list[tuple[int, str, str]]:
    return sorted((f.line, f.rule, f.value) for f in privacy.scan_extracted(files.read(data, name), name, RULES))


def qp(text: str, encoding: str) -> str:
    return quopri.encodestring(text.encode(encoding)).decode("ascii").replace("=\n", "")


def card(version: str, person: str, charset: str) -> list[str]:
    """A card's lines (the name on lines 3 and 4), as phones (2.1, quoted-printable) and mail programs write it."""
    surname, given_name = person[0], person[1:]
    if version == "2.1":
        head = f";CHARSET={charset.upper()};ENCODING=QUOTED-PRINTABLE:"
        return ["BEGIN:VCARD", "VERSION:2.1", f"N{head}{qp(surname, charset)};{qp(given_name, charset)};;;",
                f"FN{head}{qp(person, charset)}", "END:VCARD"]
    return ["BEGIN:VCARD", f"VERSION:{version}", f"N:{surname};{given_name};;;", f"item1.FN:{person}", "END:VCARD"]


@SETTINGS
@given(names, st.sampled_from(["2.1", "3.0", "4.0"]), st.sampled_from(["utf-8", "gb18030"]),
       st.sampled_from(["\n", "\r\n"]), st.sampled_from([".vcf", ".txt", ""]))
def test_a_name_on_a_card_is_found_in_every_form(person, version, charset, newline, suffix):
    lines = card(version, person, charset)
    file_encoding = charset if version != "2.1" else "ascii"
    data = newline.join(lines).encode(file_encoding)
    if privacy.names.is_ordinary_word(person):
        return  # a word of jieba's dictionary (高山) read as the word
    assert findings(data, "名片" + suffix) == [(3, privacy.RULE_NAME, person), (4, privacy.RULE_NAME, person)]


@SETTINGS
@given(names, st.integers(1, 3))
def test_a_folded_name_is_read_whole(person, at):
    # RFC 6350: a long line goes on after a line break and one space
    at = min(at, len(person) - 1)
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{person[:at]}\r\n {person[at:]}\r\nEND:VCARD\r\n".encode()
    if privacy.names.is_ordinary_word(person):
        return
    assert findings(data, "a.vcf") == [(3, privacy.RULE_NAME, person)]


@SETTINGS
@given(names, names, st.booleans())
def test_the_people_of_a_calendar_event_are_found(organiser, attendee, quoted):
    cn = f'"{attendee}"' if quoted else attendee
    data = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:走访慰问退役军人\n"
            f"ORGANIZER;CN={organiser}:mailto:office@example.gov.cn\n"
            f"ATTENDEE;ROLE=REQ-PARTICIPANT;CN={cn}:mailto:someone@example.gov.cn\nEND:VEVENT\nEND:VCALENDAR\n")
    if privacy.names.is_ordinary_word(organiser) or privacy.names.is_ordinary_word(attendee):
        return
    assert findings(data.encode(), "活动.ics") == [(5, privacy.RULE_NAME, organiser), (6, privacy.RULE_NAME, attendee)]


def test_a_mobile_number_and_a_home_address_on_a_card_are_found():
    data = ("BEGIN:VCARD\nVERSION:3.0\nFN:示例区退役军人事务局\nORG:示例区退役军人事务局\nTEL;TYPE=CELL:13912345678\n"
            "ADR;TYPE=HOME:;;红旗路12号3单元501室;示例市;示例省;450000;中国\nEND:VCARD\n").encode()
    rules = [f[1] for f in findings(data, "局.vcf")]
    assert sorted(rules) == sorted([privacy.RULE_MOBILE, privacy.RULE_ADDRESS])


def test_an_office_card_and_masked_names_pass():
    for person in ("示例区退役军人事务局", "王*华", "李某", "退役军人服务中心"):
        data = f"BEGIN:VCARD\nVERSION:3.0\nFN:{person}\nN:{person};;;;\nEND:VCARD\n".encode()
        assert findings(data, "a.vcf") == [], person


def test_a_card_is_known_by_its_first_line_whatever_its_name():
    data = "\ufeffBEGIN:VCARD\nVERSION:3.0\nFN:王建华\nEND:VCARD\n".encode("utf-16")
    assert findings(data, "download.dat") == [(3, privacy.RULE_NAME, "王建华")]
