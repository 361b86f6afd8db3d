"""The output guard's parts that a fault could break without any other test noticing (found by mutation testing,
docs/testing.md): what one published file's findings say exactly (their place, value and note), the reuse of
earlier checks by a build and by make serve (a reused check must report what a fresh one reports, under the
file's own name, with its links), the tracing of findings back to their sources (internal blocks blanked, fields,
edge lines, files that cannot be read) and the reviewed exceptions editors record.

Every expected value here was worked out by hand from the inputs, not copied from a run."""
from __future__ import annotations

import hashlib
import json
import os
import random
import time
from types import SimpleNamespace

import pytest

from govsite.guard import exceptions, files, link_problems, links, output, output_problems, personal
from govsite.guard.sources import Origins, SourceFinder, origins, without_internal

RULES = personal.Rules()
RNG = random.Random(20261206)
OLD = 1_000_000_000  # a modification time long past: make serve may trust such a file's status


def id18(rng: random.Random) -> str:
    first17 = f"{rng.choice((11, 32, 44, 51))}0105{rng.randint(1950, 2000)}{rng.randint(1, 12):02d}" \
              f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return (f'<!doctype html><html lang="zh"><head>{head}<title>页面</title></head>\n'
            f"<body><article>\n{body}\n</article></body></html>\n").encode()


def full(found) -> list[tuple]:
    """Every field of the findings, the value included (OutputFinding's equality leaves it out)."""
    return sorted((f.dest, f.line, f.place, f.rule, f.shown, f.by_column, f.note, f.value) for f in found)


def write_tree(root, tree: dict[str, bytes], mtime: int | None = OLD) -> None:
    for dest, data in tree.items():
        path = root / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if mtime is not None:
            os.utime(path, (mtime, mtime))


LATER = 10.0  # seconds the clock is set ahead: what a test writes has settled, unless its times are set later


@pytest.fixture
def fresh_state(monkeypatch):
    """The process-wide memories of the output check, empty (as in a new build process), and a clock LATER ahead
    of the files' change times (which no program can set back: make serve's scan reads them with the modification
    times, guard.tree.status)."""
    monkeypatch.setattr(output, "CHECKED", output.Checked())
    monkeypatch.setattr(output, "_SERVED", [None])
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + LATER)


# ---- one published file: what its findings say ---------------------------------------------------------------

def test_an_unreadable_file_is_one_finding_that_says_why_and_nothing_else():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old Word file"
    with pytest.raises(files.Unreadable) as reason:
        files.read(data, "n/files/a.doc")
    found = output.FileCheck(RULES, frozenset()).check("n/files/a.doc", data)
    assert found == ((output.OutputFinding("n/files/a.doc", 0, "", output.RULE_UNREADABLE, "", note=str(reason.value)),),
                     None)
    assert "Word 97-2003" in found[0][0].note


def test_a_finding_in_a_text_file_has_its_line_and_one_in_an_attachment_its_place():
    number, name = id18(RNG), "王建华"
    text = f"第一行\n身份证号 {number}\n".encode()
    (in_text,) = output.FileCheck(RULES, frozenset())("n/files/list.txt", text)
    assert full([in_text]) == [("n/files/list.txt", 2, "", personal.RULE_ID, personal.mask_number(number), False, "",
                                number)]
    # a column of names under no label: found because the column is a list of names (the message says so)
    rows = "\n".join(f"{n},出席" for n in [name, "李秀英", "张国明", "赵敏"])
    found = output.FileCheck(RULES, frozenset())("n/files/list.csv", f"列一,列二\n{rows}\n".encode())
    assert full(found) == [("n/files/list.csv", line, "", personal.RULE_NAME, shown, True, "", value) for line, shown, value
                           in ((2, "王**", name), (3, "李**", "李秀英"), (4, "张**", "张国明"), (5, "赵*", "赵敏"))]


def test_a_finding_in_an_office_file_keeps_the_place_the_reader_gave():
    header = ('<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>'
              "联系电话 13912345678</w:t></w:r></w:p></w:hdr>")
    extracted = files.read(_word(header), "a.docx")
    (line,) = [u for u in extracted.lines if "13912345678" in u.text]
    (finding,) = output.FileCheck(RULES, frozenset())("n/files/a.docx", _word(header))
    assert (finding.line, finding.place, finding.value) == (0, line.place, "13912345678") and "页眉" in line.place


def _word(header: str) -> bytes:
    from files_kit import zip_of

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    return zip_of({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.wordprocessingml.document.main+xml"/>'
                               '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.wordprocessingml.header+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{rels}"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": f'<Relationships xmlns="{rels}"><Relationship Id="h1" Type="http://schemas.'
                                        'openxmlformats.org/officeDocument/2006/relationships/header" '
                                        'Target="header1.xml"/></Relationships>',
        "word/document.xml": f'<w:document xmlns:w="{w}" xmlns:r="{r}"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p>'
                             '<w:sectPr><w:headerReference w:type="default" r:id="h1"/></w:sectPr></w:body></w:document>',
        "word/header1.xml": header,
    }, first="[Content_Types].xml")


@pytest.mark.parametrize("dest", ["a/index.html", "a/old.htm", "feeds/all.xml", "feeds/all.atom", "feeds/all.rss"])
def test_placeholders_and_foreign_hosts_are_looked_for_in_pages_and_feeds_of_every_suffix(dest):
    if dest.endswith(("html", "htm")):
        data = page('<p>第一段</p>\n<p>电话：待补充</p>\n<a href="https://other.example.com/x">链接</a>')
        lines = {"待补充": 4, "other.example.com": 5}
    else:
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n'
                "<item><description>电话：待补充</description></item>\n"
                '<item><link>https://gov.example.cn/a</link><description>&lt;a href="https://Other.Example.com/x"'
                "&gt;x&lt;/a&gt;</description></item>\n</channel></rss>\n").encode()
        lines = {"待补充": 3, "other.example.com": 0}  # the host as written (capitals) is not its name: no line
    found = output.FileCheck(RULES, frozenset({"gov.example.cn"}))(dest, data)
    assert full(found) == sorted([(dest, lines["待补充"], "", output.RULE_PLACEHOLDER, "待补充", False, "", "待补充"),
                                  (dest, lines["other.example.com"], "", output.RULE_HOST, "other.example.com", False,
                                   "", "other.example.com")])


def test_a_placeholder_is_placed_at_its_first_line_and_a_file_that_starts_with_it_at_line_one():
    data = page("<p>一</p>\n<p>待补充</p>\n<p>二</p>\n<p>待补充</p>")
    (finding,) = output.FileCheck(RULES, frozenset())("a/index.html", data)
    assert finding.line == 4
    (finding,) = output.FileCheck(RULES, frozenset())("a/part.html", "待补充\n<p>二</p>\n".encode())
    assert finding.line == 1
    (finding,) = output.FileCheck(RULES, frozenset())("a/part.html", "\n<p>一</p>\n<p>待补充</p>\n".encode())
    assert finding.line == 3  # the empty first line counts


def test_an_escaped_address_shown_as_code_on_a_page_is_no_link_but_in_a_feed_it_is_one():
    """A page that shows markup as text (&lt;a href=…&gt;) links nowhere; a feed carries its items' HTML escaped."""
    shown = '&lt;a href=&quot;https://other.example.com/&quot;&gt;'
    for dest in ("a/index.html", "a/index.htm"):
        assert output.FileCheck(RULES, frozenset())(dest, page(f"<pre><code>{shown}</code></pre>")) == ()
    feed = f'<?xml version="1.0"?>\n<rss><channel><item><description>{shown}</description></item></channel></rss>'
    assert [f.rule for f in output.FileCheck(RULES, frozenset())("feeds/a.xml", feed.encode())] == [output.RULE_HOST]


def test_a_page_in_another_encoding_still_has_its_links_for_the_link_check():
    body = '<p>链接</p><a href="../b/">乙</a><a href="c.pdf">丙</a><h2 id="s1">一</h2>'
    data = page(body, head='<meta charset="gbk">').decode().encode("gbk")
    scan = output.Scan()
    output.check_bytes(output.FileCheck(RULES, frozenset()), "a/index.html", data, scan)
    assert scan.links["a/index.html"] == links.fast_links(data.decode("gbk"))
    assert scan.links["a/index.html"][0] == ("../b/", "c.pdf")


# ---- reuse of earlier checks ------------------------------------------------------------------------------

def test_a_page_checked_under_another_name_is_reported_in_full_under_its_own_with_its_links():
    number = id18(RNG)
    data = page(f'<p>身份证号 {number}</p>\n<a href="../x/">x</a>\n<p>\xa0</p>')[:-30] + b"\xff\xfe" + \
        page("")[-30:]  # a byte that is no UTF-8: its links are still read
    check, checked = output.FileCheck(RULES, frozenset()), output.Checked()
    first, second = output.Scan(), output.Scan()
    output.check_bytes(check, "a/index.html", data, first, checked)
    output.check_bytes(check, "b/index.html", data, second, checked)
    output.check_bytes(check, "c/index.html", data, second, checked)
    assert (second.read, second.reused) == (0, 2)
    expected = full(first.findings)
    assert expected and expected[0][0] == "a/index.html"
    assert full(second.findings) == sorted([("b/index.html", *e[1:]) for e in expected] +
                                           [("c/index.html", *e[1:]) for e in expected])
    assert second.links["b/index.html"][0] == ("../x/",) == second.links["c/index.html"][0]
    assert first.links["a/index.html"][0] == ("../x/",)


def test_only_pages_carry_links_for_the_link_check():
    scan = output.Scan()
    check = output.FileCheck(RULES, frozenset())
    output.check_bytes(check, "a/index.html", page('<a href="../b/">b</a>'), scan)
    output.check_bytes(check, "api/a.json", b'{"url": "<a href=\\"../c/\\">"}', scan)
    assert list(scan.links) == ["a/index.html"]


def test_the_cpu_the_checks_took_adds_up():
    check, scan = output.FileCheck(RULES, frozenset()), output.Scan()
    big = page("\n".join(f"<p>第{i}段，内容{i * 7}。</p>" for i in range(4000)))
    started = time.process_time()
    output.check_bytes(check, "a/index.html", big, scan)
    after_big = scan.cpu
    output.check_bytes(check, "b.json", b"{}", scan)
    spent = time.process_time() - started
    assert 0 < after_big <= scan.cpu <= spent


def test_a_build_reads_every_file_every_time_whatever_its_status(tmp_path, fresh_state):
    """Only make serve trusts a file's status; a build (and a release) reads the folder again."""
    write_tree(tmp_path, {"a/index.html": page("<p>一</p>"), "b.json": b"{}"})
    for _ in range(2):
        scan = output.scan_folder(tmp_path, output.FileCheck(RULES, frozenset()), checked=output.Checked())
        assert (scan.read, scan.reused) == (2, 0)


def test_what_a_folder_scan_checks_is_remembered_by_content_where_it_is_asked(tmp_path, fresh_state):
    number = id18(RNG)
    write_tree(tmp_path, {"a.json": json.dumps({"x": number}).encode(), "b.json": b"{}"})
    check = output.FileCheck(RULES, frozenset())
    mine = output.Checked()
    output.scan_folder(tmp_path, check, checked=mine)
    again = output.scan_folder(tmp_path, check, checked=mine)
    assert (again.read, again.reused) == (0, 2) and [f.value for f in again.findings] == [number]
    assert output.scan_folder(tmp_path, check).read == 2  # not what `mine` holds: the process's own memory
    assert output.scan_folder(tmp_path, check).read == 0  # which it fills


def test_findings_the_input_scan_made_are_taken_over_for_the_copied_file(tmp_path, fresh_state):
    number = id18(RNG)
    data = f"身份证号 {number}\n".encode()
    write_tree(tmp_path, {"n/files/a.txt": data, "n/files/b.txt": b"clean\n"})
    check = output.FileCheck(RULES, frozenset())
    found = check("whatever.txt", data)
    output.remember([(output.digest(data), ".txt", found)], check)
    scan = output.scan_folder(tmp_path, check)
    assert (scan.read, scan.reused) == (1, 1)
    assert [(f.dest, f.value) for f in scan.findings] == [("n/files/a.txt", number)]


def test_checked_content_no_output_holds_is_forgotten():
    checked = output.Checked()
    one, two = ("a", ".html", ()), ("b", ".html", ())
    checked.put(one, ())
    checked.put(two, ())
    checked.retain([two])
    assert checked.get(one) is None and checked.get(two) == ()


def test_files_not_streamed_are_given_to_the_index_and_the_others_are_not(tmp_path):
    write_tree(tmp_path, {"a/index.html": b"a", "b/c.json": b"c", "d.css": b"d"})
    (tmp_path / "a0-gone.txt").symlink_to(tmp_path / "nowhere")  # cannot be read: left to the folder's scan
    assert list(output.unseen_files(tmp_path, {"a/index.html"})) == [("b/c.json", b"c"), ("d.css", b"d")]


def test_a_file_of_the_output_that_cannot_be_read_is_a_finding_and_the_walk_goes_on(tmp_path, fresh_state):
    number = id18(RNG)
    write_tree(tmp_path, {"z.json": json.dumps([number]).encode()})
    (tmp_path / "a-link.html").symlink_to(tmp_path / "nowhere.html")
    scan = output.scan_folder(tmp_path, output.FileCheck(RULES, frozenset()), checked=output.Checked())
    assert full(scan.findings) == [("a-link.html", 0, "", output.RULE_UNREADABLE, "", False,
                                    "无法读取（No such file or directory）", ""),
                                   ("z.json", 1, "", personal.RULE_ID, personal.mask_number(number), False, "", number)]


def test_streamed_pages_count_with_their_digests_findings_and_links_and_the_walk_goes_on(tmp_path, fresh_state):
    n1, n2, n3 = id18(RNG), id18(RNG), id18(RNG)
    pages = {"a/index.html": page(f'<p>{n1}</p><a href="../b/">b</a>'), "b/index.html": page(f"<p>{n2}</p>")}
    write_tree(tmp_path, {**pages, "c.json": json.dumps([n3]).encode()})
    check, streamed = output.FileCheck(RULES, frozenset()), output.Scan()
    for dest, data in pages.items():
        output.check_bytes(check, dest, data, streamed)
    scan = output.scan_folder(tmp_path, check, streamed=streamed, checked=output.Checked())
    assert (scan.read, scan.reused) == (1, 2)
    assert sorted((f.dest, f.value) for f in scan.findings) == [("a/index.html", n1), ("b/index.html", n2),
                                                                ("c.json", n3)]
    assert scan.digests == {dest: hashlib.sha1(data).hexdigest() for dest, data in pages.items()} | {
        "c.json": hashlib.sha1(json.dumps([n3]).encode()).hexdigest()}
    assert scan.links["a/index.html"][0] == ("../b/",) and scan.links["b/index.html"][0] == ()


def _serve_scan(folder, streamed=None):
    return output.scan_folder(folder, output.FileCheck(RULES, frozenset()), streamed=streamed,
                              checked=output.Checked(), by_status=True)


def test_under_make_serve_a_file_passed_over_reports_what_reading_it_reported(tmp_path, fresh_state):
    n1, n2 = id18(RNG), id18(RNG)
    tree = {"a/index.html": page(f'<p>{n1}</p>\n<a href="../b/">b</a>'), "b.json": json.dumps([n2]).encode(),
            "c.css": b"body{}"}
    write_tree(tmp_path, tree)
    first = _serve_scan(tmp_path)
    second = _serve_scan(tmp_path)
    assert (first.read, second.read, second.reused) == (3, 0, 3)
    assert full(second.findings) == full(first.findings) and len(first.findings) == 2
    assert second.digests == first.digests == {d: hashlib.sha1(b).hexdigest() for d, b in tree.items()}
    assert second.links == first.links and second.links["a/index.html"][0] == ("../b/",)


def test_under_make_serve_a_page_checked_with_other_bytes_than_on_disk_is_read_again(tmp_path, fresh_state):
    number = id18(RNG)
    on_disk = page(f"<p>{number}</p>")
    write_tree(tmp_path, {"a/index.html": on_disk})
    _serve_scan(tmp_path)
    streamed = output.Scan()
    output.check_bytes(output.FileCheck(RULES, frozenset()), "a/index.html", page("<p>另一版</p>"), streamed)
    again = _serve_scan(tmp_path, streamed)
    assert again.read == 1 and [f.value for f in again.findings] == [number]


def test_under_make_serve_a_page_streamed_as_it_is_on_disk_stays_known_by_its_status(tmp_path, fresh_state):
    data = page("<p>一</p>")
    write_tree(tmp_path, {"a/index.html": data})
    _serve_scan(tmp_path)
    streamed = output.Scan()
    output.check_bytes(output.FileCheck(RULES, frozenset()), "a/index.html", data, streamed)
    assert _serve_scan(tmp_path, streamed).read == 0
    assert _serve_scan(tmp_path).read == 0


def test_under_make_serve_a_page_checked_as_it_was_written_is_passed_over_at_the_next_scan(tmp_path, fresh_state):
    """make serve checks each page as MkDocs writes it (the stream); the scan after it finds the same bytes on
    disk. The scan after that passes over the page by its status, with the stream's findings and links."""
    data = page(f'<p>{id18(RNG)}</p>\n<a href="../b/">b</a>')
    write_tree(tmp_path, {"a/index.html": data})
    streamed = output.Scan()
    output.check_bytes(output.FileCheck(RULES, frozenset()), "a/index.html", data, streamed, output.Checked())
    first = _serve_scan(tmp_path, streamed)
    assert first.read == 0 and len(first.findings) == 1
    again = _serve_scan(tmp_path)
    assert (again.read, again.reused) == (0, 1)
    assert again.findings == first.findings and again.links == first.links == streamed.links


def test_a_file_written_just_now_is_read_again_whatever_its_status(tmp_path, fresh_state):
    write_tree(tmp_path, {"a.json": b"{}"}, mtime=None)
    path = tmp_path / "a.json"
    os.utime(path, (time.time(), time.time()))  # written now, by the clock the scan reads
    _serve_scan(tmp_path)
    assert _serve_scan(tmp_path).read == 1
    os.utime(path, (time.time() - 2.5, time.time() - 2.5))
    _serve_scan(tmp_path)
    assert _serve_scan(tmp_path).read == 0


def test_a_file_changed_just_now_is_read_again_whatever_its_modification_time(tmp_path, monkeypatch):
    """A file's modification time can be set back (utime), its change time cannot: a file changed within two
    seconds is read again even when it claims to be old."""
    monkeypatch.setattr(output, "_SERVED", [None])
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 1.0)  # the file changed a second ago
    write_tree(tmp_path, {"a.json": b"{}"})  # modification time: 2001
    _serve_scan(tmp_path)
    assert _serve_scan(tmp_path).read == 1
    monkeypatch.setattr(time, "time", lambda: real() + 3.0)  # settled now
    _serve_scan(tmp_path)
    assert _serve_scan(tmp_path).read == 0


# ---- back to the sources ---------------------------------------------------------------------------------------

def make_repo(root, tree: dict[str, str | bytes]):
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            (root / name).write_bytes(text)
        else:
            (root / name).write_text(text, encoding="utf-8")
    return root


def where(finder: SourceFinder, value: str, dest: str = "x/index.html") -> tuple:
    place = finder.locate(dest, 7, "", value)
    return place.file, place.line, place.field


def test_a_review_record_is_never_where_a_published_text_came_from(tmp_path):
    """The review record (审核) and the exemptions are not published: a name or a placeholder also written there is
    found where it is published from, in YAML files of both suffixes and in front matter however it is closed."""
    root = make_repo(tmp_path, {
        "data/a.yml": "审核: 王建华 2024-01-02\n标题: 甲\n联系人: 王建华\n",
        "data/b.yaml": "审核:\n  人: 李秀英\n标题: 李秀英的来信\n",
        "content/c.md": "---  \n审核: 张国明\n标题: 乙\n---  \n\n张国明同志的讲话\n",
        "content/d.markdown": "---\n审核: 赵卫东 XXXX\n...\n\n赵卫东同志 XXXX\n",
        "content/e.md": "---\n---\n正文\n审核: 陈志刚\n\n---\n",
        "content/f.md": "# 通知\n\n审核: 周建国\n\n---\n",
        "content/g.md": "---\n审核: 吴秀兰\n",
        "overrides/h.txt": "---\n审核: 郑海燕\n---\n",
    })
    finder = SourceFinder(root, Origins())
    assert where(finder, "王建华") == ("data/a.yml", 3, "联系人")
    assert where(finder, "李秀英") == ("data/b.yaml", 3, "标题")
    assert where(finder, "张国明") == ("content/c.md", 6, "")
    assert where(finder, "赵卫东") == ("content/d.markdown", 5, "")
    assert where(finder, "XXXX") == ("content/d.markdown", 5, "")
    for value, file, line in (("陈志刚", "content/e.md", 4), ("周建国", "content/f.md", 3), ("吴秀兰", "content/g.md", 2),
                              ("郑海燕", "overrides/h.txt", 2)):  # not front matter: published as they stand
        assert where(finder, value)[:2] == (file, line)


def test_without_internal_keeps_every_line_in_its_place():
    text = "---\n标题: 甲\n审核:\n  人: 王建华\n  日期: 2024-01-02\n---\n\n正文\n"
    assert without_internal(text, "content/a.md") == "---\n标题: 甲\n\n\n\n---\n\n正文\n"
    assert without_internal("标题: 甲\n", "data/a.yml") == "标题: 甲\n"


def test_fields_are_named_from_the_first_line_and_never_before_it(tmp_path):
    root = make_repo(tmp_path, {
        "data/a.yml": "# 来信人 王建华\n标题: 甲\n联系人: 李秀英\n",
        "data/b.yaml": "联系人: 张国明\n标题: 乙\n",
        "content/c.md": "---\n联系人: 赵卫东\n标题: 丙\n---\n\n正文\n",
        "content/d.markdown": "---\n联系人: 陈志刚\n---\n正文\n",
        "content/e.md": "---\n标题: 丁\n联系人: 周建国\n---\n\n正文\n\n---\n\n结尾\n",
    })
    finder = SourceFinder(root, Origins())
    assert where(finder, "王建华") == ("data/a.yml", 1, "")
    assert where(finder, "李秀英") == ("data/a.yml", 3, "联系人")
    assert where(finder, "张国明") == ("data/b.yaml", 1, "联系人")
    assert where(finder, "赵卫东") == ("content/c.md", 2, "联系人")
    assert where(finder, "陈志刚") == ("content/d.markdown", 2, "联系人")
    assert where(finder, "周建国") == ("content/e.md", 3, "联系人")  # a break (---) in the body closes nothing


def test_a_line_of_the_body_that_looks_like_a_field_is_no_field(tmp_path):
    root = make_repo(tmp_path, {"content/a.md": "---\n---\n\n联系人: 王建华\n\n---\n\n结尾\n"})
    assert where(SourceFinder(root, Origins()), "王建华") == ("content/a.md", 4, "")


def test_a_text_is_found_at_the_first_line_holding_it_whatever_comes_before(tmp_path):
    root = make_repo(tmp_path, {
        "data/names.csv": "王建华,13912345678\n",
        "content/a.md": "\n\n李秀英同志\n李秀英\n",
        "data/empty.yml": "",
    })
    finder = SourceFinder(root, Origins(made={"x/index.html": ("data/empty.yml", "content/gone.md", "data/names.csv",
                                                               "content/a.md")}))
    assert where(finder, "王建华") == ("data/names.csv", 1, "")
    assert where(finder, "李秀英") == ("content/a.md", 3, "")
    assert where(finder, "13912345678") == ("data/names.csv", 1, "")


def test_only_text_sources_that_are_not_hidden_are_searched(tmp_path):
    root = make_repo(tmp_path, {
        "data/.cache/a.yml": "联系人: 王建华\n",
        "data/b.bin": "王建华\n".encode(),
        "data/z.yml": "\n联系人: 王建华\n",
        "overrides/partials/c.html": "<p>李秀英</p>\n",
    })
    finder = SourceFinder(root, Origins())
    assert finder.all_sources() == ["data/z.yml", "overrides/partials/c.html"]
    assert where(finder, "王建华") == ("data/z.yml", 2, "联系人")
    assert where(finder, "李秀英") == ("overrides/partials/c.html", 1, "")


def test_sources_are_read_the_way_the_build_read_them(tmp_path):
    root = make_repo(tmp_path, {"data/a.yml": "标题: 甲\n"})
    asked = []

    def read(path):
        asked.append(path)
        return "标题: 甲\n联系人: 王建华\n"

    finder = SourceFinder(root, Origins(), read=read)
    assert where(finder, "王建华") == ("data/a.yml", 2, "联系人") and asked == [root / "data/a.yml"]


def test_a_copied_file_and_a_text_found_nowhere_keep_the_place_the_output_gave(tmp_path):
    finder = SourceFinder(make_repo(tmp_path, {"content/a.md": "正文\n"}),
                          Origins(copies={"n/files/a.pdf": "content/n/files/a.pdf"},
                                  made={"n/a/index.html": ("content/a.md",)}))
    place = finder.locate("n/files/a.pdf", 3, "第2页第3行", "王建华")
    assert (place.file, place.line, place.field, place.made_from) == ("content/n/files/a.pdf", 3, "第2页第3行", ())
    place = finder.locate("n/a/index.html", 12, "工作表“名单”C3单元格", "王建华")
    assert (place.file, place.line, place.field, place.made_from) == ("site/n/a/index.html", 12, "工作表“名单”C3单元格",
                                                                      ("content/a.md",))


def test_the_text_of_a_line_and_no_text_where_there_is_no_line(tmp_path):
    finder = SourceFinder(make_repo(tmp_path, {"data/a.yml": "一: 1\n二: 2\n三: 3"}), Origins())
    assert [finder.line_text("data/a.yml", n) for n in (0, -1, 1, 3, 4, 99)] == ["", "", "一: 1", "三: 3", "", ""]
    assert finder.line_text("data/gone.yml", 1) == ""


def test_a_broken_link_is_placed_at_the_first_line_that_writes_it_or_at_the_page(tmp_path):
    root = make_repo(tmp_path, {
        "content/empty.md": "",
        "content/a.md": "---\n标题: 甲\n相关: ../b/\n---\n\n见 [乙](../b/)\n",
        "content/c.md": "\n[丙](../b/)\n",
        "content/g.md": "guide.md 已改名为 manual.md\n",
    })
    origins_ = Origins(made={"n/a/index.html": ("content/gone.md", "content/empty.md", "content/a.md"),
                             "n/c/index.html": ("content/c.md",), "n/g/index.html": ("content/g.md",)})
    problems = link_problems(root, [("n/a/index.html", "../b/", "文件不存在"), ("n/c/index.html", "../b/", "文件不存在"),
                                    ("n/d/index.html", "../b/", "文件不存在"),
                                    ("n/a/index.html", "../zz/", "文件不存在"), ("n/g/index.html", "../guide.md", "文件不存在")],
                             origins_)
    placed = [(p.file, p.line, p.field, p.message) for p in problems]
    assert placed == [
        ("content/a.md", 3, "相关", "链接 ../b/ 文件不存在"),
        ("content/c.md", 2, "", "链接 ../b/ 文件不存在"),
        ("content/g.md", 1, "", "链接 ../guide.md 文件不存在"),
        ("site/n/a/index.html", 0, "", "链接 ../zz/ 文件不存在（此文字由构建程序拼成，来自 content/gone.md、content/empty.md、"
                                       "content/a.md）"),
        ("site/n/d/index.html", 0, "", "链接 ../b/ 文件不存在（此文字由构建程序生成）"),
    ]


def test_every_page_is_traced_to_its_editor_page_and_the_documents_it_shows(tmp_path):
    doc = lambda file, page_: SimpleNamespace(file=file, page=page_)
    site = SimpleNamespace(
        root=str(tmp_path),
        models={"_documents": [doc("data/policies/a.yml", "xxgk/zcwj/"), doc("data/policies/b.yml", "xxgk/zcwj/"),
                               doc("data/policies/a.yml", "xxgk/zcwj/"), doc("", "xxgk/zcwj/"),
                               doc("content/notices/n1.md", "notices/n1/"), doc("data/x.yml", "xxgk/"),
                               doc("data/home.yml", "")]},
        editor_pages={"notices/n1.md": SimpleNamespace(file="content/notices/n1.md"),
                      "about.md": SimpleNamespace(file="content/about.md")})
    pages = {"xxgk/zcwj/index.html": "xxgk/zcwj/index.md", "notices/n1/index.html": "notices/n1.md",
             "about/index.html": "about.md", "index.html": "index.md", "xxgk/index.html": "xxgk/index.md"}
    found = origins(site, pages, {"n/files/a.pdf": tmp_path / "content/n/files/a.pdf"})
    assert found.made == {"xxgk/zcwj/index.html": ("data/policies/a.yml", "data/policies/b.yml"),
                          "notices/n1/index.html": ("content/notices/n1.md",),
                          "about/index.html": ("content/about.md",), "index.html": ("data/home.yml",),
                          "xxgk/index.html": ("data/x.yml",)}
    assert found.copies == {"n/files/a.pdf": "content/n/files/a.pdf"}


# ---- reviewed exceptions ---------------------------------------------------------------------------------------

def report_for(root, findings, made):
    return output_problems(root, output.Scan(findings=findings), Origins(made=made))


def name_at(dest, name="王建华"):
    return output.OutputFinding(dest, 9, "", personal.RULE_NAME, name[0] + "**", value=name)


def test_an_exception_covers_its_text_on_its_line_only_and_says_which_and_why(tmp_path):
    root = make_repo(tmp_path, {"content/a.md": "---\n个人信息例外:\n  - 内容: 王建华同志\n---\n\n王建华同志的讲话\n\n"
                                                "联系人王建华\n\n张庄村 李秀英\n"})
    made = {"a/index.html": ("content/a.md",)}
    report = report_for(root, [name_at("a/index.html")], made)
    (note,) = report.notes
    assert (note.file, note.line) == ("content/a.md", 6) and report.errors == []
    assert "“王建华同志”（理由：未写理由；content/a.md:3）" in note.message
    # another line of the same file: not covered (its own line does not hold the recorded text)
    (root / "content/a.md").write_text("---\n个人信息例外:\n  - 内容: 王建华同志\n    原因: 讲话人\n---\n\n联系人王建华\n\n"
                                       "王建华同志的讲话\n", encoding="utf-8")
    report = report_for(root, [name_at("a/index.html")], made)
    assert [(e.file, e.line) for e in report.errors] == [("content/a.md", 7)] and len(report.notes) == 1
    assert "可以删去" in report.notes[0].message


def test_an_exception_for_one_text_does_not_cover_another_on_its_line(tmp_path):
    root = make_repo(tmp_path, {"data/a.yml": "正文: 张庄村 李秀英\n个人信息例外:\n  - 内容: 张庄村\n    原因: 村名\n"})
    report = report_for(root, [name_at("a/index.html", "李秀英")], {"a/index.html": ("data/a.yml",)})
    assert [(e.file, e.line) for e in report.errors] == [("data/a.yml", 1)]
    assert "可以删去" in report.notes[0].message


def test_an_exception_on_the_first_and_on_the_last_line_of_a_file(tmp_path):
    root = make_repo(tmp_path, {"data/a.yml": "正文: 王建华同志的讲话\n个人信息例外:\n  - 内容: 王建华同志\n    原因: 讲话人\n",
                                "data/b.yml": "个人信息例外:\n  - 内容: 李秀英同志\n    原因: 讲话人\n正文: 李秀英同志"})
    report = report_for(root, [name_at("a/index.html"), name_at("b/index.html", "李秀英")],
                        {"a/index.html": ("data/a.yml",), "b/index.html": ("data/b.yml",)})
    assert report.errors == [] and sorted((n.file, n.line) for n in report.notes) == [("data/a.yml", 1),
                                                                                      ("data/b.yml", 4)]


def test_a_name_in_an_attachment_is_covered_by_an_exception_of_a_document_that_links_it(tmp_path):
    root = make_repo(tmp_path, {
        "content/n/a.md": "---\n个人信息例外:\n  - 内容: 王建华同志\n    原因: 讲话人\n---\n\n[讲话](files/talk.pdf)\n",
        "content/n/b.md": "---\n个人信息例外:\n  - 内容: 李秀英同志\n    原因: 讲话人\n---\n\n[别的](files/other.pdf)\n",
    })
    copies = {"n/files/talk.pdf": "content/n/files/talk.pdf"}
    finding = lambda name: output.OutputFinding("n/files/talk.pdf", 0, "第1页第2行", personal.RULE_NAME,
                                                name[0] + "**", value=name)
    report = output_problems(root, output.Scan(findings=[finding("王建华"), finding("李秀英"), finding("张国明")]),
                             Origins(copies=copies))
    assert [(n.file, n.field) for n in report.notes if "已按登记" in n.message] == [("content/n/files/talk.pdf",
                                                                                    "第1页第2行")]
    # 李秀英同志 is recorded by a document that does not link this file; 张国明 by none
    assert sorted("“李**”" in e.message or "“张**”" in e.message for e in report.errors) == [True, True]
    assert "“王建华同志”（理由：讲话人；content/n/a.md:3）" in report.notes[0].message
    unused = [n for n in report.notes if "可以删去" in n.message]
    assert [n.file for n in unused] == ["content/n/b.md"]


def test_a_reviewed_scan_is_not_reported_as_an_unused_exception(tmp_path):
    data = b"%PDF-1.4 scanned"
    digest = hashlib.sha256(data).hexdigest()
    root = make_repo(tmp_path, {"content/n/a.md": f"---\n个人信息例外:\n  - 文件: files/scan.pdf\n    摘要: {digest}\n"
                                                  "    原因: 已逐页人工审查\n---\n", "content/n/files/scan.pdf": data})
    scan = output.Scan(findings=[output.OutputFinding("n/files/scan.pdf", 0, "", output.RULE_UNREADABLE, "",
                                                      note="PDF 没有文字层")])
    report = output_problems(root, scan, Origins(copies={"n/files/scan.pdf": "content/n/files/scan.pdf"}))
    assert report.errors == [] and len(report.notes) == 1 and "已按登记" in report.notes[0].message


def test_an_unreadable_file_whose_source_cannot_be_read_offers_no_digest(tmp_path):
    root = make_repo(tmp_path, {"content/n/a.md": "正文\n"})
    (root / "content/n/files/scan.pdf").mkdir(parents=True)  # not a file: no digest to offer
    scan = output.Scan(findings=[output.OutputFinding("n/files/scan.pdf", 0, "", output.RULE_UNREADABLE, "",
                                                      note="PDF 没有文字层")])
    (error,) = output_problems(root, scan, Origins(copies={"n/files/scan.pdf": "content/n/files/scan.pdf"})).errors
    assert error.message == "PDF 没有文字层" and exceptions.sha256_of(root / "content/n/files/scan.pdf") == ""


def test_a_reviewed_attachment_is_tied_to_its_bytes():
    data = b"%PDF-1.4 scanned"
    record = exceptions.Exemption("content/a.md", 3, attachment="content/files/a.pdf",
                                  digest=hashlib.sha256(data).hexdigest())
    other = exceptions.Exemption("content/b.md", 3, attachment="content/files/b.pdf", digest="0" * 64)
    assert exceptions.reviewed([other, record], "content/files/a.pdf", data) == (record, True)
    assert exceptions.reviewed([other, record], "content/files/a.pdf", data + b" changed") == (record, False)
    assert exceptions.reviewed([other], "content/files/a.pdf", data) == (None, False)


def test_exemptions_as_editors_write_them_and_what_is_no_exemption():
    digest = "AB" * 32
    text = ("个人信息例外:\n  - 只是说明\n  - 内容: '  张庄村  '\n  - 内容: '   '\n    文件: ' files/a.pdf#page=2 '\n"
            f"    摘要: ' {digest} '\n    原因: 已审查\n  - 文件: files/b.pdf\n  - 摘要: {digest}\n  - 文件: files/c.pdf\n"
            f"    摘要: {digest}\n")
    found = exceptions.of_text("---\n" + text + "---\n\n正文\n\n---\n\n结尾\n", "content/n/a.md")
    assert found == [exceptions.Exemption("content/n/a.md", 4, text="张庄村"),
                     exceptions.Exemption("content/n/a.md", 5, attachment="content/n/files/a.pdf",
                                          digest=digest.lower(), reason="已审查"),
                     exceptions.Exemption("content/n/a.md", 11, attachment="content/n/files/c.pdf",
                                          digest=digest.lower())]
    assert found[0].describe() == "“张庄村”（理由：未写理由；content/n/a.md:4）"
    assert found[1].describe() == "“content/n/files/a.pdf”（理由：已审查；content/n/a.md:5）"
    assert exceptions.of_text(text, "content/n/a.markdown") == []  # a page's exemptions are in its front matter
    assert [e.line for e in exceptions.of_text("---\n" + text + "---\n", "content/n/a.markdown")] == [4, 5, 11]
    assert exceptions.of_text("- 个人信息例外\n- 张庄村\n", "data/a.yml") == []
    assert exceptions.of_text("个人信息例外: 张庄村\n", "data/a.yml") == []
    assert exceptions.of_text("个人信息例外: [\n", "data/a.yml") == []
    assert exceptions.of_text("---\n个人信息例外:\n  - 内容: 张庄村\n", "content/a.md") == []


def test_text_that_looks_like_an_exemption_in_a_pages_body_is_none():
    """The body is published: an exemption there would publish the review it records and is not one."""
    assert exceptions.of_text("---\n---\n个人信息例外:\n  - 内容: 张庄村\n---\n", "content/a.md") == []
    assert exceptions.of_text("正文\n\n---\n个人信息例外:\n  - 内容: 张庄村\n", "content/a.md") == []


@pytest.mark.parametrize(("document", "written", "resolved"), [
    ("content/n/a.md", "files/a.pdf", "content/n/files/a.pdf"),
    ("content/n/a.md", "../files/a.pdf#page=2#x", "content/files/a.pdf"),
    ("content/n/a.md", "/xxgk/fujian/a.pdf", "content/xxgk/fujian/a.pdf"),
    ("content/n/a.md", "/Xinwen/a.pdf", "content/Xinwen/a.pdf"),
    ("data/policies/a.yml", "xxgk/fujian/a pdf.pdf", "content/xxgk/fujian/a pdf.pdf"),
    ("data/policies/a.yml", "/xxgk/a.pdf", "content/xxgk/a.pdf"),
])
def test_an_attachment_is_named_as_the_document_links_it(document, written, resolved):
    assert exceptions.resolve(document, written) == resolved


@pytest.mark.parametrize("attachment", ["files/talk.txt", "files/talk.csv", "files/talk.html"])
def test_a_name_in_a_text_attachment_is_covered_by_an_exception_of_the_document_that_links_it(tmp_path, attachment):
    """A text attachment has lines but records no exemptions itself: the documents linking it do (as for a PDF)."""
    root = make_repo(tmp_path, {
        "content/n/a.md": f"---\n个人信息例外:\n  - 内容: 王建华同志\n    原因: 讲话人\n---\n\n[讲话]({attachment})\n",
        f"content/n/{attachment}": "第一行\n王建华同志讲话，联系人李秀英\n",
    })
    dest = f"n/{attachment}"
    scan = output.Scan(findings=[output.OutputFinding(dest, 2, "", personal.RULE_NAME, "王**", value="王建华"),
                                 output.OutputFinding(dest, 2, "", personal.RULE_NAME, "李**", value="李秀英")])
    report = output_problems(root, scan, Origins(copies={dest: f"content/n/{attachment}"}))
    assert [(n.file, n.line) for n in report.notes] == [(f"content/n/{attachment}", 2)]
    assert "“王建华同志”（理由：讲话人；content/n/a.md:3）" in report.notes[0].message
    assert [(e.file, e.line) for e in report.errors] == [(f"content/n/{attachment}", 2)]
    assert "“李**”" in report.errors[0].message
    # the input scan asks the same register
    register = exceptions.Register([("content/n/a.md", (root / "content/n/a.md").read_text(encoding="utf-8"))])
    assert register.for_text(f"content/n/{attachment}", "王建华", "王建华同志讲话，联系人李秀英").text == "王建华同志"
    assert register.for_text(f"content/n/{attachment}", "李秀英", "王建华同志讲话，联系人李秀英") is None


def test_a_file_named_as_a_page_or_feed_that_is_no_text_is_read_as_what_it_is_without_stopping_the_check():
    """An office file, a gzip or an image published under a page's or a feed's name: read by its bytes (its text
    checked for personal data), never a traceback from looking for placeholders in bytes that are no text."""
    import gzip

    number = id18(RNG)
    body = (f'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>身份证号 '
            f"{number}</w:t></w:r></w:p></w:hdr>")
    check = output.FileCheck(RULES, frozenset())
    for dest in ("a/index.html", "a/old.htm", "feeds/all.xml", "feeds/all.atom", "feeds/all.rss"):
        assert [(f.rule, f.value) for f in check(dest, _word(body))] == [(personal.RULE_ID, number)], dest
        assert check(dest, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))) == ()
    packed = gzip.compress(f"<urlset>\n<url>待补充 {number}</url></urlset>".encode(), mtime=0)
    assert sorted((f.rule, f.line, f.value) for f in check("sitemap.xml", packed)) == [
        (output.RULE_PLACEHOLDER, 2, "待补充"), (personal.RULE_ID, 2, number)]


def test_pages_with_a_leak_on_their_first_line_still_teach_the_check_their_clean_parts():
    """A finding on a line says which parts are not clean; the parts on other lines are (PageParts.settle)."""
    nav = "\n".join(['<nav class="nav">', "  <ul>"] + [f'    <li><a href="../s{i}/">栏目{i}</a></li>' for i in range(8)]
                    + ["  </ul>", "</nav>"])
    learning = output.FileCheck(RULES, frozenset())
    for number in range(6):
        data = (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>联系人：王建华{number}号</title>'
                f'</head>\n<body>\n<div class="side">\n{nav}\n</div>\n<main>\n<p>第{number}篇</p>\n</main>\n</body></html>\n')
        found = learning(f"p{number}/index.html", data.encode())
        assert [(f.line, f.value) for f in found] == [(1, "王建华")]
    assert learning.pages.passed


def test_a_file_is_trusted_by_its_status_only_two_seconds_after_it_was_written(tmp_path, fresh_state, monkeypatch):
    now = int(time.time())  # LATER ahead of the files' change times (fresh_state)
    monkeypatch.setattr(time, "time", lambda: now + 0.0)
    write_tree(tmp_path, {"a.json": b"[1]", "b.json": b"[2]"}, mtime=None)
    os.utime(tmp_path / "a.json", ns=((now - 2) * 10**9,) * 2)  # two seconds ago: no later write shares its stamp
    os.utime(tmp_path / "b.json", ns=((now - 2) * 10**9 + 10**7,) * 2)  # 1.99 s ago: it may still be written to
    _serve_scan(tmp_path)
    again = _serve_scan(tmp_path)
    assert (again.read, again.reused, sorted(again.digests)) == (1, 1, ["a.json", "b.json"])


def test_a_pages_links_for_the_link_check_are_those_the_page_reader_found_as_a_browser_does():
    """A textarea holds text, not elements: its "links" are no links (the quick reader would take them)."""
    data = page('<textarea><a href="no/"></textarea><a href="yes/">是</a>')
    scan = output.Scan()
    output.check_bytes(output.FileCheck(RULES, frozenset()), "a/index.html", data, scan)
    assert scan.links["a/index.html"][0] == ("yes/",)


def test_a_part_with_a_finding_on_its_last_line_is_never_passed_over():
    """However often the same part is met, a leak on the line where it ends is found on every page."""
    items = "\n".join(f'    <li><a href="../s{i}/">栏目{i}</a></li>' for i in range(8))
    nav = f'<nav class="nav">\n  <ul>\n{items}\n  </ul>联系人：王建华</nav>'
    learning = output.FileCheck(RULES, frozenset())
    for number in range(6):
        data = (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>页面</title></head>\n<body>\n'
                f'<div class="side">\n{nav}\n</div>\n<main>\n<p>第{number}篇</p>\n</main>\n</body></html>\n').encode()
        assert [f.value for f in learning(f"p{number}/index.html", data)] == ["王建华"], number


# ---- what stylesheets and SVG images load from other hosts ---------------------------------------------------

@pytest.mark.parametrize("dest, data, host, line", [
    ("assets/extra.css", 'body { color: #333; }\n@import "https://fonts.googleapis.com/css2?family=Noto";\n',
     "fonts.googleapis.com", 2),
    ("assets/extra.css", "h1 {\n  font: 16px x;\n}\n@font-face { src: url( 'https://fonts.gstatic.com/a.woff2' ) }\n",
     "fonts.gstatic.com", 4),
    ("assets/extra.css", "a { background: URL(//cdn.example.com/a.png) }\n", "cdn.example.com", 1),
    ("fujian/map.svg", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
                       '<image xlink:href="https://tiles.example.com/1.png"/></svg>\n', "tiles.example.com", 2),
    ("fujian/map.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<style>\n'
                       "text { font-family: x; src: url(https://font.example.com/x.ttf) }</style></svg>\n",
     "font.example.com", 3),
    ("a/index.html", page('<p>一</p>\n<style>body{background:url("https://img.example.com/bg.png")}</style>'),
     "img.example.com", 4),
    ("a/index.html", page('<p>一</p>\n<p style="background: url(//img.example.com/bg.png)">二</p>'),
     "img.example.com", 4),
])
def test_a_stylesheet_an_svg_or_a_page_style_loading_from_another_host_is_found(dest, data, host, line):
    """Nothing leaves the site: a web font, an image or a stylesheet fetched from another host by the visitor's
    browser is found at its line, whichever kind of file loads it."""
    data = data if isinstance(data, bytes) else data.encode()
    found = output.FileCheck(RULES, frozenset({"gov.example.cn"}))(dest, data)
    assert [(f.rule, f.shown, f.line) for f in found] == [(output.RULE_HOST, host, line)]


@pytest.mark.parametrize("seed", range(6))
def test_a_css_load_is_found_however_its_keyword_is_cased(seed):
    """url( and @import are case-insensitive in CSS: Url(, uRL(, @Import load as url( does."""
    import random

    rng = random.Random(seed)
    cased = lambda word: "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)
    for keyword, css in ((cased("url"), "a {{ background: {k}(https://cdn{n}.example.com/a.png) }}\n"),
                         (cased("@import"), "{k} 'https://cdn{n}.example.com/x.css';\n")):
        for dest, data in (("assets/extra.css", css.format(k=keyword, n=seed)),
                           ("a/index.html", page(f"<p>一</p>\n<style>{css.format(k=keyword, n=seed)}</style>"))):
            data = data if isinstance(data, bytes) else data.encode()
            found = output.FileCheck(RULES, frozenset({"gov.example.cn"}))(dest, data)
            assert [(f.rule, f.shown) for f in found] == [(output.RULE_HOST, f"cdn{seed}.example.com")], (dest, data)


@pytest.mark.parametrize("dest, data", [
    ("assets/extra.css", "a { background: url(data:image/png;base64,iVBORw0KGgo=) }\n"
                         "b { background: url(../img/a.png) } c { background: url('/fonts/x.woff2') }\n"
                         "@import 'local.css';\nd { background: url(https://gov.example.cn/a.png) }\n"),
    ("fujian/icon.svg", '<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/><style>g{fill:url(#grad)}</style>'
                        "</svg>\n"),
    # CSS shown as text on a page loads nothing
    ("a/index.html", page("<pre><code>body { background: url(https://img.example.com/bg.png) }</code></pre>")),
])
def test_what_loads_from_the_site_itself_or_an_allowed_host_or_is_only_shown_passes(dest, data):
    data = data if isinstance(data, bytes) else data.encode()
    assert output.FileCheck(RULES, frozenset({"gov.example.cn"}))(dest, data) == ()
