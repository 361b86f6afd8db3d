"""The output guard (govsite/guard/output.py, sources.py, exceptions.py, __init__.py), without MkDocs: every file
of an output folder read and checked, findings traced back to the source line that holds them, reviewed
exceptions, and the link check of the whole output."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import random

import pytest
from files_kit import html_page as page
from files_kit import mobile_number as make_mobile

from govsite.guard import exceptions, link_problems, links, output, output_problems, personal
from govsite.guard.sources import Origins, SourceFinder

RULES = personal.Rules()
CHECK = output.FileCheck(RULES, frozenset())
RANDOM = random.Random(20261205)
PROVINCES = (11, 13, 32, 37, 41, 44, 51, 61)


def make_id18(rng: random.Random) -> str:
    """A random valid 居民身份证号码 (region, birth date, GB 11643 check digit computed here)."""
    first17 = (f"{rng.choice(PROVINCES)}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}"
               f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


# ---- one file --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_a_number_anywhere_in_a_published_text_file_is_found(seed):
    """The same ID number and mobile in every kind of text the site publishes, at a random line."""
    rng = random.Random(seed)
    number, mobile = make_id18(rng), make_mobile(rng)
    before = "\n".join(f"<p>第{i}段</p>" for i in range(rng.randint(0, 30)))
    files = {
        "a/index.html": page(f"{before}\n<p>身份证号 {number}，电话 {mobile}</p>"),
        "feeds/all.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n{before}\n'
                          f"<item><description>&lt;p&gt;身份证号 {number} 电话 {mobile}&lt;/p&gt;</description></item>"
                          "</channel></rss>\n").encode(),
        "api/catalogue.json": json.dumps({"items": [{"summary": f"身份证号 {number}，电话 {mobile}"}]},
                                         ensure_ascii=False, indent=2).encode("utf-8"),
        "sitemap.xml.gz": gzip.compress(f"<urlset>\n{before}\n<url>{number} {mobile}</url></urlset>".encode(),
                                        mtime=0),
    }
    for dest, data in files.items():
        found = {(f.rule, f.value) for f in CHECK(dest, data)}
        assert (personal.RULE_ID, number) in found, dest
        assert (personal.RULE_MOBILE, mobile) in found, dest


def test_line_numbers_in_a_text_file_are_those_of_the_file():
    rng = random.Random(7)
    number = make_id18(rng)
    html = page("\n".join(["<p>x</p>"] * 9 + [f"<p>{number}</p>"]))
    (finding,) = CHECK("a/index.html", html)
    assert html.decode().split("\n")[finding.line - 1].count(number) == 1


@pytest.mark.parametrize("dest", ["a/b.doc", "a/b.xls", "a/b.wps", "a/b.zip", "a/b.unknownformat", "a/b"])
def test_a_file_that_cannot_be_read_is_refused_not_published_unread(dest):
    (finding,) = CHECK(dest, b"\xd0\xcf\x11\xe0 whatever is inside")
    assert finding.rule == output.RULE_UNREADABLE and finding.note


def test_media_hold_no_text_to_read_and_a_binary_that_is_not_the_index_is_refused():
    assert CHECK("assets/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == ()
    assert [f.rule for f in CHECK("searchindex/g/3.bin", bytes(range(256)))] == [output.RULE_UNREADABLE]


def test_placeholders_and_foreign_hosts_in_pages_and_feeds():
    found = CHECK("a/index.html", page('<p>电话：待补充</p>\n<a href="https://elsewhere.example.com/x">x</a>'))
    assert {(f.rule, f.shown) for f in found} == {(output.RULE_PLACEHOLDER, "待补充"),
                                                    (output.RULE_HOST, "elsewhere.example.com")}
    allowed = output.FileCheck(RULES, frozenset({"elsewhere.example.com"}))
    assert [f.rule for f in allowed("a/index.html", page('<a href="https://elsewhere.example.com/x">x</a>'))] == []


@pytest.mark.parametrize("written", ["lorem ipsum", "Lorem ipsum", "Lorem Ipsum", "LOREM IPSUM"])
def test_lorem_ipsum_is_found_as_people_write_it(written):
    """The quick clue before the placeholder pattern must let every usual case of it through."""
    found = CHECK("a/index.html", page(f"<p>{written} dolor sit amet</p>"))
    assert [(f.rule, f.shown) for f in found] == [(output.RULE_PLACEHOLDER, written)]


# ---- the folder --------------------------------------------------------------------------------------------------

def write_tree(root, files: dict[str, bytes]) -> None:
    for dest, data in files.items():
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        (root / dest).write_bytes(data)


def test_every_file_of_the_folder_is_checked_whatever_made_it(tmp_path):
    """A file nobody streamed (a new template's output, an attachment, a theme file) is read from the folder."""
    rng = random.Random(3)
    number = make_id18(rng)
    write_tree(tmp_path, {"index.html": page("<p>首页</p>"), "new-type/x/index.html": page(f"<p>{number}</p>"),
                          "deep/er/still/data.json": json.dumps({"a": [{"b": number}]}).encode(),
                          "assets/x.css": b"body{}", "img/a.png": b"\x89PNG"})
    scan = output.scan_folder(tmp_path, CHECK, checked=output.Checked())
    assert sorted(f.dest for f in scan.findings) == ["deep/er/still/data.json", "new-type/x/index.html"]
    assert set(scan.digests) == {"index.html", "new-type/x/index.html", "deep/er/still/data.json", "assets/x.css",
                                 "img/a.png"}


def test_what_is_on_disk_is_what_counts_not_what_was_streamed(tmp_path):
    """Pages checked as MkDocs wrote them count only when the file on disk has the bytes that were checked: a page
    changed after it was checked (by a later hook, a plugin, a person) is read again."""
    rng = random.Random(11)
    number = make_id18(rng)
    clean, leaking = page("<p>一</p>"), page(f"<p>一 {number}</p>")
    streamed = output.Scan()
    output.check_bytes(CHECK, "a/index.html", clean, streamed)
    output.check_bytes(CHECK, "b/index.html", clean, streamed)
    write_tree(tmp_path, {"a/index.html": leaking, "b/index.html": clean})
    scan = output.scan_folder(tmp_path, CHECK, streamed=streamed, checked=output.Checked())
    assert [f.dest for f in scan.findings] == ["a/index.html"]
    assert scan.reused == 1 and scan.read == 1


def test_streamed_findings_are_kept_for_the_files_that_match(tmp_path):
    rng = random.Random(12)
    leaking = page(f"<p>{make_id18(rng)}</p>")
    streamed = output.Scan()
    output.check_bytes(CHECK, "a/index.html", leaking, streamed)
    write_tree(tmp_path, {"a/index.html": leaking})
    scan = output.scan_folder(tmp_path, CHECK, streamed=streamed, checked=output.Checked())
    assert [f.dest for f in scan.findings] == ["a/index.html"] and scan.read == 0


def test_content_checked_once_is_not_read_again_under_another_name(tmp_path):
    rng = random.Random(13)
    data = page(f"<p>{make_id18(rng)}</p>")
    checked = output.Checked()
    first = output.Scan()
    output.check_bytes(CHECK, "a/index.html", data, first, checked)
    second = output.Scan()
    output.check_bytes(CHECK, "b/index.html", data, second, checked)
    assert (first.read, second.read, second.reused) == (1, 0, 1)
    assert [f.dest for f in second.findings] == ["b/index.html"]


def test_under_make_serve_an_unchanged_file_is_not_read_again(tmp_path, monkeypatch):
    settled(monkeypatch)
    write_tree(tmp_path, {"a/index.html": page("<p>一</p>"), "b.json": b"{}"})
    old = 1_000_000_000
    for path in tmp_path.rglob("*"):
        if path.is_file():
            import os
            os.utime(path, (old, old))
    first = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True)
    assert first.read == 2
    again = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True)
    assert again.read == 0 and again.reused == 2
    rng = random.Random(14)
    (tmp_path / "b.json").write_text(json.dumps({"x": make_id18(rng)}), encoding="utf-8")
    changed = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True)
    assert changed.read == 1 and [f.dest for f in changed.findings] == ["b.json"]


def settled(monkeypatch) -> None:
    """Files written by the test count as settled at once (utime cannot set back a file's change time, which the
    scan's status also reads: guard.tree.SETTLE)."""
    from govsite.guard import tree

    monkeypatch.setattr(tree, "SETTLE", 0.0)


def test_under_make_serve_an_unchanged_file_is_judged_again_when_the_rules_change(tmp_path, monkeypatch):
    """An attachment is not rewritten when data/site.yml changes: a number taken off 公开号码 must be found in it."""
    settled(monkeypatch)
    number = "13912345678"
    write_tree(tmp_path, {"files/tongzhi.txt": f"咨询电话：{number}\n".encode()})
    old = 1_000_000_000
    os.utime(tmp_path / "files/tongzhi.txt", (old, old))
    published = output.FileCheck(personal.Rules.of({"公开号码": [{"号码": number}]}), frozenset())
    assert output.scan_folder(tmp_path, published, checked=output.Checked(), by_status=True).findings == []
    assert output.scan_folder(tmp_path, published, checked=output.Checked(), by_status=True).reused == 1
    after = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True)
    assert after.read == 1 and [(f.dest, f.rule) for f in after.findings] == [("files/tongzhi.txt", "手机号码")]


def test_a_file_too_young_for_its_status_is_read_but_not_checked_again_while_its_bytes_are_the_same(tmp_path):
    """make serve's first save comes seconds after the first build wrote every page: their statuses said nothing
    then. Bytes the last scan checked keep that scan's findings and links; other bytes are checked."""
    rng = random.Random(15)
    (tmp_path / "a.html").write_text('<p><a href="b.json">x</a></p>', encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"x": make_id18(rng)}), encoding="utf-8")  # just written
    first = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True)
    assert first.read == 2 and [f.dest for f in first.findings] == ["b.json"]
    again = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=True)
    assert again.findings == first.findings and again.links == first.links and set(again.links) == {"a.html"}
    checked = output.Checked()
    (tmp_path / "a.html").write_text('<p><a href="c.json">x</a></p>', encoding="utf-8")  # new bytes, same size
    (tmp_path / "b.json").write_text(json.dumps({"x": make_id18(rng)}), encoding="utf-8")  # another number
    changed = output.scan_folder(tmp_path, CHECK, checked=checked, by_status=True)
    assert changed.links["a.html"][0] == ("c.json",)
    assert [f.shown for f in changed.findings] != [f.shown for f in first.findings]


# ---- back to the sources -------------------------------------------------------------------------------------

def make_repo(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_finding_in_a_made_file_is_found_at_its_source_line_and_field(tmp_path):
    rng = random.Random(21)
    number = make_id18(rng)
    root = make_repo(tmp_path, {
        "data/policies/a.yml": "标题: 甲\n正文: |\n  第一段。\n\n  联系人身份证 " + number + "。\n附件: []\n",
        "data/policies/b.yml": "标题: 乙\n正文: 无\n",
        "content/about.md": "---\n标题: 关于\n---\n\n正文\n",
    })
    origins = Origins(made={"xxgk/zcwj/a/index.html": ("data/policies/b.yml",)})
    finder = SourceFinder(root, origins)
    place = finder.locate("xxgk/zcwj/a/index.html", 40, "", number)
    assert (place.file, place.line, place.field) == ("data/policies/a.yml", 5, "正文")
    place = finder.locate("xxgk/zcwj/a/index.html", 40, "", "不在任何来源中")
    assert place.file == "site/xxgk/zcwj/a/index.html" and place.made_from == ("data/policies/b.yml",)


def test_a_copied_file_keeps_its_place_and_a_markdown_body_is_not_a_field(tmp_path):
    root = make_repo(tmp_path, {"content/n/a.md": "---\n标题: 甲\n描述: 乙\n---\n\n第一行\n第二行 13912345678\n"})
    finder = SourceFinder(root, Origins(copies={"n/files/x.pdf": "content/n/files/x.pdf"},
                                        made={"n/a/index.html": ("content/n/a.md",)}))
    assert finder.locate("n/files/x.pdf", 0, "第2页第3行", "13912345678").file == "content/n/files/x.pdf"
    place = finder.locate("n/a/index.html", 80, "", "13912345678")
    assert (place.file, place.line, place.field) == ("content/n/a.md", 7, "")
    assert finder.field_at("content/n/a.md", 3) == "描述"


def test_one_leak_shown_in_many_published_files_is_one_error_at_its_source(tmp_path):
    rng = random.Random(22)
    number = make_id18(rng)
    root = make_repo(tmp_path, {"content/n/a.md": f"---\n标题: 甲\n---\n\n身份证 {number}\n"})
    scan = output.Scan()
    for dest in ("n/a/index.html", "index.html", "feeds/all.xml", "api/catalogue.json"):
        scan.findings.append(output.OutputFinding(dest, 3, "", personal.RULE_ID, personal.mask_number(number),
                                                  value=number))
    report = output_problems(root, scan, Origins(made={"n/a/index.html": ("content/n/a.md",)}))
    (error,) = report.errors
    assert error.format().startswith("content/n/a.md:5: ")
    assert "规则：身份证号码" in error.message and "等 4 个文件中" in error.message
    assert number not in error.format()  # the message does not publish the number again


def test_a_recorded_exception_turns_the_finding_into_a_note_in_that_file_only(tmp_path):
    root = make_repo(tmp_path, {
        "content/n/a.md": "---\n标题: 甲\n个人信息例外:\n  - 内容: 王建华同志\n    原因: 宪法序言中的人名\n---\n\n"
                          "王建华同志的讲话\n",
        "content/n/b.md": "---\n标题: 乙\n---\n\n王建华同志的讲话\n",
    })
    scan = output.Scan(findings=[
        output.OutputFinding("n/a/index.html", 9, "", personal.RULE_NAME, "王**", value="王建华"),
        output.OutputFinding("n/b/index.html", 9, "", personal.RULE_NAME, "王**", value="王建华"),
    ])
    origins = Origins(made={"n/a/index.html": ("content/n/a.md",), "n/b/index.html": ("content/n/b.md",)})
    report = output_problems(root, scan, origins)
    assert [p.file for p in report.errors] == ["content/n/b.md"]
    (note,) = report.notes
    assert note.file == "content/n/a.md" and note.line == 8 and "宪法序言中的人名" in note.message


def test_an_exception_that_matches_nothing_is_reported(tmp_path):
    root = make_repo(tmp_path, {"data/a.yml": "标题: 甲\n个人信息例外:\n  - 内容: 张庄村\n    原因: 村名\n"})
    report = output_problems(root, output.Scan(), Origins())
    (note,) = report.notes
    assert (note.file, note.line, note.severity) == ("data/a.yml", 3, "note") and "可以删去" in note.message


def test_an_unreadable_attachment_passes_only_with_a_review_of_these_very_bytes(tmp_path):
    root = make_repo(tmp_path, {"content/n/a.md": "---\n标题: 甲\n---\n\n[名单](files/scan.pdf)\n"})
    (root / "content/n/files").mkdir()
    (root / "content/n/files/scan.pdf").write_bytes(b"%PDF-1.4 scanned image only")
    scan = output.Scan(findings=[output.OutputFinding("n/files/scan.pdf", 0, "", output.RULE_UNREADABLE, "",
                                                      note="PDF 没有文字层")])
    origins = Origins(copies={"n/files/scan.pdf": "content/n/files/scan.pdf"})
    (error,) = output_problems(root, scan, origins).errors
    digest = hashlib.sha256(b"%PDF-1.4 scanned image only").hexdigest()
    assert error.file == "content/n/files/scan.pdf" and digest in error.message  # the digest to copy

    record = f"个人信息例外:\n  - 文件: files/scan.pdf\n    摘要: {digest}\n    原因: 扫描件，已逐页人工审查\n"
    (root / "content/n/a.md").write_text(f"---\n标题: 甲\n{record}---\n\n[名单](files/scan.pdf)\n", encoding="utf-8")
    report = output_problems(root, scan, origins)
    assert report.errors == [] and "已逐页人工审查" in report.notes[0].message

    (root / "content/n/files/scan.pdf").write_bytes(b"%PDF-1.4 another scan")
    (error,) = output_problems(root, scan, origins).errors
    assert "登记后内容已改动" in error.message


def test_exemptions_are_read_from_yaml_and_front_matter_with_their_lines():
    text = "标题: 甲\n个人信息例外:\n  - 内容: 张庄村\n    原因: 村名\n  - 文件: /xxgk/fujian/a.ofd\n    摘要: " + "a" * 64 + \
           "\n    原因: 已审查\n"
    first, second = exceptions.of_text(text, "data/policies/a.yml")
    assert (first.line, first.text, first.reason) == (3, "张庄村", "村名")
    assert (second.line, second.attachment, second.digest) == (5, "content/xxgk/fujian/a.ofd", "a" * 64)
    (in_page,) = exceptions.of_text("---\n标题: 乙\n个人信息例外:\n  - 文件: files/b.pdf\n    摘要: " + "b" * 64 +
                                    "\n    原因: 已审查\n---\n", "content/notices/2026/b.md")
    assert (in_page.line, in_page.attachment) == (4, "content/notices/2026/files/b.pdf")


# ---- links of the whole output ---------------------------------------------------------------------------------

HTML_SAMPLES = [
    '<a href="a/">x</a><a href=\'b/\'>y</a><a href=c/>z</a><a name="top"></a>',
    '<link rel="preconnect" href="https://x.example"><link rel="stylesheet" href="s.css"><script src="j.js">'
    'var a = "<a href=\\"no/\\">";</script>',
    '<!-- <a href="commented/"> --><img src="i.png" alt="&lt;a href=&quot;no&quot;&gt;"><svg><title id="t">题</title></svg>',
    '<a href="p/?q=1&amp;r=2#frag" id="x1" class="c">x</a><source src="v.mp4"><iframe src="f/"></iframe>',
    '<textarea><a href="no/"></textarea><A HREF="upper/">U</A><div id=bare>b</div>',
]


@pytest.mark.parametrize("html", HTML_SAMPLES)
def test_the_fast_link_reader_reads_what_the_html_parser_reads(html):
    collector = links.html_links(html)
    fast_links, fast_ids = links.fast_links(html)
    assert list(fast_links) == collector.links and set(fast_ids) == collector.ids


@pytest.mark.parametrize("html", HTML_SAMPLES[:4])
def test_the_page_reader_collects_the_links_the_html_parser_finds(html):
    """The output check reads a page's links and ids in the same walk as its text (for the link check)."""
    data = page(html)
    collector = links.html_links(data.decode())
    _found, (page_links, ids) = output.FileCheck(RULES, frozenset()).check("a/index.html", data)
    assert list(page_links) == collector.links and set(ids) == collector.ids


def test_the_page_reader_follows_the_browser_where_html_parser_does_not():
    """A textarea holds text, not elements: a browser follows no link written inside one (html.parser would)."""
    _found, (page_links, _ids) = output.FileCheck(RULES, frozenset()).check("a/index.html", page(HTML_SAMPLES[4]))
    assert page_links == ("upper/",)


# ---- parts of pages read once ----------------------------------------------------------------------------------

def _navigation(rng: random.Random, depth: int, items: int) -> str:
    """A navigation as a theme writes it around every page: nested lists over many lines, links relative to the
    page's depth, ids, labels and attributes."""
    up = "../" * depth
    rows = ['<nav class="nav" aria-label="导航栏">', "  <ul>"]
    for i in range(items):
        rows += [f'    <li class="item" id="n{i}">', f'      <input type="checkbox" id="__n{i}">',
                 f'      <label for="__n{i}" title="栏目{i}">栏目{i}</label>',
                 f'      <a href="{up}s{i}/" class="link">栏目{i}的页面</a>', "    </li>"]
    return "\n".join(rows + ["  </ul>", "</nav>"])


def _theme_page(nav: str, body: str, wrapper: str = "div", footer: str = "") -> bytes:
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>页面</title></head>\n<body>\n'
            f'<{wrapper} class="side">\n{nav}\n</{wrapper}>\n<main>\n<article>\n{body}\n</article>\n</main>\n'
            f'<footer>\n{footer or nav}\n</footer>\n</body></html>\n').encode()


def _comparable(found) -> list[tuple]:
    return sorted((f.line, f.place, f.rule, f.shown, f.by_column, f.value) for f in found)


@pytest.mark.parametrize("seed", range(4))
def test_parts_of_pages_read_before_are_passed_over_only_where_nothing_differs(seed):
    """Pages sharing a navigation (at a few depths), a leak planted in random pages: in one page's navigation
    (its bytes differ from the clean one's), in the body, in a navigation that is the same on every page (so never
    clean), in a navigation under other elements. One FileCheck that learns from every page finds what a check
    that learnt nothing finds, page by page, with the same links and ids, and passes over the clean parts."""
    rng = random.Random(seed)
    learning = output.FileCheck(RULES, frozenset())
    navs = {depth: _navigation(rng, depth, rng.randint(3, 12)) for depth in range(1, 4)}
    leaks = [f"身份证号 {make_id18(rng)}", f"联系人：王建华，电话 {make_mobile(rng)}", "请与李*明、张建国同志联系"]
    planted = 0
    for number in range(60):
        depth = rng.randint(1, 3)
        nav, body, wrapper = navs[depth], f"<p>第{number}篇的正文。</p>\n<p>第二段。</p>", "div"
        where = rng.random()
        if where < 0.15:  # one page's navigation, changed
            nav = nav.replace("栏目1的页面", rng.choice(leaks), 1)
            planted += 1
        elif where < 0.3:
            body += f"\n<p>{rng.choice(leaks)}</p>"
            planted += 1
        elif where < 0.4:  # the same navigation under another element
            wrapper = "section"
        if number % 7 == 3:  # a navigation that holds a leak on every page where it is used
            nav = navs[depth].replace("栏目0", "联系人：赵卫东")
            planted += 1
        data = _theme_page(nav, body, wrapper)
        dest = f"{'a/' * depth}p{number}/index.html"
        fresh_found, (fresh_links, fresh_ids) = output.FileCheck(RULES, frozenset()).check(dest, data)
        found, (page_links, ids) = learning.check(dest, data)
        assert _comparable(found) == _comparable(fresh_found), dest
        assert page_links == fresh_links and ids == fresh_ids
        collector = links.html_links(data.decode())
        assert list(page_links) == collector.links and set(ids) == collector.ids
    assert planted and learning.pages.passed > 40  # the clean navigations were passed over, most of the time


def test_a_part_is_known_by_every_byte_of_its_markup_even_on_the_line_before():
    """An attribute on the line before the element's last line (where the parser says it stands) is its too."""
    rng = random.Random(7)
    nav = _navigation(rng, 1, 6).replace('<nav class="nav"', '<nav\n  title="栏目导航"\n  class="nav"', 1)
    learning = output.FileCheck(RULES, frozenset())
    for _ in range(5):  # a part is passed over once it has been read clean twice (PageParts)
        assert not learning("a/index.html", _theme_page(nav, "<p>正文</p>"))
    assert learning.pages.passed
    leaking = nav.replace('title="栏目导航"', 'title="联系人：王建华"', 1)
    found = learning("b/index.html", _theme_page(leaking, "<p>正文</p>", footer=nav))
    assert [(f.line, f.value) for f in found] == [(6, "王建华")]  # where the parser says the element stands


def test_a_broken_link_of_the_output_is_reported_at_the_source_that_writes_it(tmp_path):
    root = make_repo(tmp_path, {"content/n/a.md": "---\n标题: 甲\n---\n\n见[第二节](../b/#di-er-jie)。\n",
                                "content/n/b.md": "---\n标题: 乙\n---\n\n## 第一节\n"})
    site = tmp_path / "out"
    write_tree(site, {"n/a/index.html": page('<a href="../b/#di-er-jie">第二节</a><a href="../../nowhere/">x</a>'),
                      "n/b/index.html": page('<h2 id="di-yi-jie">第一节</h2>')})
    parsed = {p.relative_to(site).as_posix(): links.fast_links(p.read_text(encoding="utf-8"))
              for p in site.rglob("*.html")}
    report = links.check_site(site, "https://example.gov.cn/", parsed)
    assert sorted((w, link) for w, link, _ in report.found) == [("n/a/index.html", "../../nowhere/"),
                                                                 ("n/a/index.html", "../b/#di-er-jie")]
    problems = link_problems(root, report.found, Origins(made={"n/a/index.html": ("content/n/a.md",)}))
    by_link = {p.message.split()[1]: p for p in problems}
    assert by_link["../b/#di-er-jie"].format().startswith("content/n/a.md:5")
    assert "没有锚点 #di-er-jie" in by_link["../b/#di-er-jie"].message
    assert by_link["../../nowhere/"].file == "site/n/a/index.html"


@pytest.mark.parametrize("seed", range(3))
def test_the_link_check_judges_each_link_as_resolving_it_alone_would(tmp_path, seed):
    """The check remembers verdicts by where a link leads: generated pages at many depths, links of every form."""
    rng = random.Random(seed)
    pages = [f"{'/'.join(rng.choice('abc') for _ in range(rng.randint(0, 3)))}/p{i}/".lstrip("/") for i in range(12)]
    site = tmp_path / "out"
    forms = []
    for target in pages:
        forms += [target, "/" + target, target + "#h", target + "#missing", target + "index.html", target + "gone/",
                  "../" + target, "x/../" + target, "./" + target + "../"]
    files = {}
    for here in pages:
        depth = here.count("/")
        chosen = [("../" * depth) + rng.choice(forms).lstrip("/") for _ in range(8)] + ["#h", "#nope", "./", "../"]
        files[here + "index.html"] = page("".join(f'<a href="{link}">x</a>' for link in chosen) + '<p id="h">h</p>')
    write_tree(site, files)
    parsed = {p.relative_to(site).as_posix(): links.fast_links(p.read_text(encoding="utf-8"))
              for p in site.rglob("*.html")}
    remembered = links.check_site(site, "https://example.gov.cn/", parsed).broken
    one_by_one = []
    for rel, (page_links, _ids) in sorted(parsed.items()):
        checker = links.SiteLinks(site, "https://example.gov.cn/")
        report = links.LinkReport()
        url_path = "/" + rel[: -len("index.html")]
        for link in page_links:
            checker._verdicts.clear()
            checker.check(link, url_path, rel, report)
        one_by_one += report.broken
    assert sorted(remembered) == sorted(one_by_one)
    assert any("没有锚点" in b for b in remembered) and any("文件不存在" in b for b in remembered)


# ---- the search index: records join a page's blocks, n-grams are fragments ------------------------------------

def test_the_index_records_are_read_per_block_and_its_ngrams_only_for_numbers():
    rng = random.Random(31)
    number, mobile = make_id18(rng), make_mobile(rng)
    spaced = f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}"
    record = json.dumps([f"二、或者父母居住地 接收安置单位和其他组织应当结合退役军人工作 王建华同志 {spaced}"],
                        ensure_ascii=False).encode()
    found = {(f.rule, f.value) for f in CHECK("searchindex/c/7.json", record)}
    # a heading joined to the next paragraph is not an address; a name and a spaced number still are found
    assert {rule for rule, _v in found} == {personal.RULE_NAME, personal.RULE_MOBILE}
    manifest = json.dumps({"solo": {"王建华": 3, "建华同": 4}, "note": number}, ensure_ascii=False).encode()
    assert {(f.rule, f.value) for f in CHECK("searchindex/manifest.json", manifest)} == {(personal.RULE_ID, number)}
    # the same texts outside the index are read as units
    assert personal.RULE_ADDRESS in {f.rule for f in CHECK("api/x.json", json.dumps(
        ["家庭住址：示例区人民路12号3栋2单元501室"], ensure_ascii=False).encode())}


@pytest.mark.parametrize("seed", range(3))
def test_what_may_load_css_is_told_as_a_lowered_text_would(seed):
    """_may_load looks at each "(" and "@" instead of lowering the whole page: the same answer, on texts made of
    the words in every case, the characters that lower oddly (İ, the Kelvin sign) and others."""
    from govsite.guard.placeholders import _may_load

    rng = random.Random(seed)
    pieces = ["url(", "URL(", "uRl(", "@import", "@IMPORT", "@iMpOrT", "ur", "l(", "@im", "port", "(", "@", "u", "r",
              "l", "L", "I", "\u0130", "\u212a", "\u0307", "中", " ", "\n", "url", "import", "@\u0130mport"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8)))
        assert _may_load(text) == ("url(" in text.lower() or "@import" in text.lower()), text


def test_a_broken_link_a_feed_copies_is_one_problem_at_its_source(tmp_path):
    # a notice's text reaches the feeds with absolute addresses: the editor is told once, at the line to fix
    root = make_repo(tmp_path, {"content/n/a.md": "---\n标题: 甲\n---\n\n见[第二节](../b/#di-er-jie)。\n"})
    broken = [("n/a/index.html", "../b/#di-er-jie", "页面中没有锚点 #di-er-jie"),
              ("feeds/all.xml", "https://example.gov.cn/n/b/#di-er-jie", "页面中没有锚点 #di-er-jie"),
              ("feeds/n.atom", "https://example.gov.cn/n/b/#di-er-jie", "页面中没有锚点 #di-er-jie"),
              ("feeds/n.atom", "https://example.gov.cn/n/c/#di-er-jie", "页面中没有锚点 #di-er-jie")]
    problems = link_problems(root, broken, Origins(made={"n/a/index.html": ("content/n/a.md",)}),
                             site_url="https://example.gov.cn/")
    assert [(p.file, p.line) for p in problems] == [("content/n/a.md", 5), ("site/feeds/n.atom", 0)]
    assert "订阅源等 2 个文件转载了同一链接，如 site/feeds/all.xml" in problems[0].message
    assert "n/c/#di-er-jie" in problems[1].message  # another target: still its own problem


def test_a_part_that_differs_from_the_clean_one_by_one_byte_is_read():
    """A navigation read clean on many pages, holding a number one byte away from a valid ID number (its birth
    month 23, no date): on the page where that one byte makes it valid, the part is read and the number found, at
    its line."""
    first17 = "41010519900307123"
    valid = first17 + personal.id18_check_digit(first17)
    invalid = valid[:10] + "2" + valid[11:]
    assert not personal.is_id18(invalid) and not personal.is_id_mistyped(invalid)
    nav = _navigation(random.Random(3), 1, 6).replace("栏目2的页面", f"档案号 {invalid}", 1)
    learning = output.FileCheck(RULES, frozenset())
    for number in range(6):
        assert not learning(f"a/p{number}/index.html", _theme_page(nav, f"<p>第{number}篇</p>"))
    passed = learning.pages.passed
    assert passed  # the clean navigation is passed over by now
    leaking = nav.replace(invalid, valid, 1)
    assert len(leaking) == len(nav) and sum(a != b for a, b in zip(leaking, nav)) == 1
    found = learning("a/p9/index.html", _theme_page(leaking, "<p>第9篇</p>", footer=nav))
    line = _theme_page(leaking, "").decode().split("\n").index(next(r for r in leaking.split("\n") if valid in r)) + 1
    assert [(f.rule, f.value, f.line) for f in found] == [(personal.RULE_ID, valid, line)]


@pytest.mark.parametrize("by_status", [False, True])
@pytest.mark.parametrize("seed", range(3))
def test_a_name_or_a_number_in_a_published_files_name_is_found_by_the_output_scan(tmp_path, by_status, seed):
    """Whatever stage named a file, its address publishes its name: 李建国身份证.pdf is found in the output folder
    itself, though the input scan would never see a name a template or the engine gave it."""
    from files_kit import People

    people = People(seed)
    name, id_number = people.name(), people.id_number()
    (tmp_path / "xxgk" / "fujian").mkdir(parents=True)
    (tmp_path / "xxgk" / "fujian" / f"{name}身份证.txt").write_text("附件", encoding="utf-8")
    (tmp_path / "xxgk" / "fujian" / f"{id_number}.txt").write_text("附件", encoding="utf-8")
    (tmp_path / "xxgk" / "fujian" / "申请表.txt").write_text("附件", encoding="utf-8")
    scan = output.scan_folder(tmp_path, CHECK, checked=output.Checked(), by_status=by_status)
    named = {(f.dest, f.rule) for f in scan.findings if f.place == "文件名"}
    assert named == {(f"xxgk/fujian/{name}身份证.txt", personal.RULE_NAME), (f"xxgk/fujian/{id_number}.txt", personal.RULE_ID)}
    assert {f.value for f in scan.findings if f.rule == personal.RULE_NAME} == {name}
