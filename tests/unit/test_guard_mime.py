"""Mail and web archives (govsite/guard/files/mime.py): a page saved by Word as a single file (.mht,
quoted-printable GB2312) and a saved mail (.eml, base64 parts, encoded-word headers, attached files) show
nothing readable as plain text; the guard decodes each part and reads it as what it is. Generated people and
numbers, placed by hand; a clean message and a damaged one are checked too."""
from __future__ import annotations

import base64
import quopri
import random

import pytest
from files_kit import GIVEN, SURNAMES

from govsite.guard import files, output
from govsite.guard import personal as privacy

RULES = privacy.Rules()


def id18(rng: random.Random) -> str:
    first17 = f"4101{rng.randint(1, 99):02d}{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" \
              f"{rng.randint(0, 999):03d}"
    return first17 + privacy.id18_check_digit(first17)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def found(data: bytes, name: str) -> list[tuple[str, str]]:
    return sorted((f.rule, f.value) for f in privacy.scan_extracted(files.read(data, name), name, RULES))


def mht(html: str, charset: str, location: str) -> bytes:
    body = quopri.encodestring(html.encode(charset)).decode("ascii")
    return (f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01D"\r\n\r\n'
            f"------=_NextPart_01D\r\nContent-Location: {location}\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f'Content-Type: text/html; charset="{charset}"\r\n\r\n{body}\r\n------=_NextPart_01D--\r\n').encode()


@pytest.mark.parametrize("seed", range(6))
def test_a_page_word_saved_as_a_single_file_is_read(seed):
    rng = random.Random(seed)
    name, number = person(rng), id18(rng)
    if privacy.names.is_ordinary_word(name):
        name = "王建华"
    html = (f"<html><body><p>经审核，拟将以下同志列为对象：</p><table><tr><td>姓名</td><td>公民身份号码</td></tr>"
            f"<tr><td>{name}</td><td>{number}</td></tr></table></body></html>")
    data = mht(html, rng.choice(["gb2312", "utf-8"]), rng.choice(["file:///C:/名单.htm", "file:///C:/list.htm"]))
    assert name.encode("utf-8") not in data  # nothing a plain reading would see
    suffix = rng.choice([".mht", ".mhtml", ".txt", ""])
    assert found(data, "名单" + suffix) == sorted([(privacy.RULE_ID, number), (privacy.RULE_NAME, name)])


@pytest.mark.parametrize("seed", range(6))
def test_a_saved_mail_with_its_attachment_is_read(seed):
    rng = random.Random(seed)
    sender, listed = person(rng), person(rng)
    for who in (sender, listed):
        if privacy.names.is_ordinary_word(who):
            pytest.skip("a word of jieba's dictionary")
    mobile = f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"
    encoded_sender = base64.b64encode(sender.encode("utf-8")).decode()
    text = base64.encodebytes(f"附件是名单，有问题请联系。手机：{mobile}".encode()).decode()
    sheet = base64.encodebytes(f"姓名,所在村\n{listed},张庄村\n".encode("gbk")).decode()
    data = (f"From: =?UTF-8?B?{encoded_sender}?= <someone@example.com>\nTo: office@example.gov.cn\n"
            f"Subject: =?UTF-8?B?{base64.b64encode('报名材料'.encode()).decode()}?=\nMIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain; charset=utf-8\n'
            f"Content-Transfer-Encoding: base64\n\n{text}\n--B\nContent-Type: text/csv\n"
            f'Content-Disposition: attachment; filename="mingdan.csv"\nContent-Transfer-Encoding: base64\n\n'
            f"{sheet}\n--B--\n").encode("ascii")
    assert found(data, rng.choice(["来信.eml", "来信.txt"])) == sorted(
        [(privacy.RULE_MOBILE, mobile), (privacy.RULE_NAME, sender), (privacy.RULE_NAME, listed)])


def test_a_clean_message_passes_and_plain_text_with_a_colon_is_not_a_message():
    clean = b"From: office@example.gov.cn\nSubject: hello\nMIME-Version: 1.0\nContent-Type: text/plain\n\nhello"
    assert found(clean, "a.eml") == []
    plain = "标题: 通知\n联系电话：0371-12345678\n".encode()
    assert [u.text for u in files.read(plain, "a.txt").lines] == ["标题: 通知", "联系电话：0371-12345678"]


@pytest.mark.parametrize("seed", range(20))
def test_a_damaged_message_is_read_or_refused_never_a_crash(seed):
    rng = random.Random(seed)
    head = b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--B\n"
    data = head + bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
    try:
        files.read(data, "a.eml")
    except files.Unreadable as exc:
        assert str(exc)


@pytest.mark.parametrize("seed", range(4))
def test_the_output_guard_reads_a_published_web_archive_too(seed):
    """The output guard reads every file as a page may be (with the pages' parts): a .mht among them is still read
    part by part, whatever stage of the build wrote it."""
    rng = random.Random(seed)
    number = id18(rng)
    data = mht(f"<html><body><p>公民身份号码：{number}</p></body></html>", rng.choice(["gb2312", "utf-8"]),
               "file:///C:/list.htm")
    check = output.FileCheck(RULES, frozenset())
    dest = rng.choice(["files/mingdan.mht", "notices/2026/fujian.mhtml", "a/list"])
    assert [(f.rule, f.value) for f in check(dest, data)] == [(privacy.RULE_ID, number)]
