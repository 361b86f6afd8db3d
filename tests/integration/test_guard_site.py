"""The guard on real builds of the demo site (make check, make build with its staging folder): what the input
scan cannot read is caught in the output, links are reviewed at their source line, site/ stays as it was, and a
reviewed exception lets a build through with a note."""
from __future__ import annotations

import io
import random
import re
import subprocess
import zipfile

import pytest

from sitekit import GitCheckout, tree_hash

NOTICE = "content/notices/2026/caigou-yixiang.md"
PROVINCES = (11, 32, 41, 44, 51)


def make_id18(rng: random.Random) -> str:
    first17 = (f"{rng.choice(PROVINCES)}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}"
               f"{rng.randint(1945, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def make(checkout: GitCheckout, target: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", target], cwd=checkout.path, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def built(good_build, tmp_path_factory):
    """A checkout of the demo site with a good build in site/: good_build's, the same sources built the same way
    (a `make build` of them here gave the same bytes at the cost of a build; tests/integration/test_make_commands.py
    runs make build on the good site, and the reviewed exception below runs it to success in a checkout)."""
    import shutil

    checkout = GitCheckout(tmp_path_factory.mktemp("guard") / "repo")
    shutil.copytree(good_build[0] / "site", checkout.path / "site", symlinks=True)
    return checkout


@pytest.fixture
def checkout(built, tmp_path):
    """A fresh copy of the built checkout for one test (site/ included)."""
    import shutil

    dest = tmp_path / "repo"
    shutil.copytree(built.path, dest, symlinks=True)
    copy = GitCheckout.__new__(GitCheckout)
    copy.path = dest
    return copy


def append_body(checkout, path: str, text: str) -> int:
    """Append a paragraph to a Markdown page; its line number."""
    file = checkout.path / path
    body = file.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    file.write_text(body + text + "\n", encoding="utf-8")
    return body.count("\n") + 1


def ofd_with(text: str) -> bytes:
    """A minimal OFD package (GB/T 33190: a zip of XML) whose page holds `text`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">'
                                    "<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        package.writestr("Doc_0/Document.xml", '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages>'
                                               '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
        package.writestr("Doc_0/Pages/Page_0/Content.xml",
                         '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
                         f'<ofd:TextObject ID="2" Boundary="10 10 100 5"><ofd:TextCode X="0" Y="4">{text}</ofd:TextCode>'
                         "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    return out.getvalue()


def test_links_are_reviewed_at_their_source_by_make_check_and_make_build(checkout):
    before = tree_hash(checkout.path / "site")
    rng = random.Random(1)
    missing_file = f"files/{rng.choice(['mingdan', 'fujian', 'biao'])}-{rng.randint(1, 99)}.pdf"
    line = append_body(checkout, NOTICE, f"详见[附件]({missing_file})和[往年公告](../2025/bu-cun-zai.md)，"
                                         "[申请表](/xxgk/ysqgk/xxgk-shenqingbiao.docx?v=2)。")
    # an anchor into another page: the law's article that does not exist, beside one that does
    article = rng.randint(200, 900)
    anchor_line = append_body(checkout, NOTICE, f"依据[第二条](/laws/geren-xinxi-baohufa/#art-2)和"
                                                f"[第{article}条](/laws/geren-xinxi-baohufa/#art-{article})。")
    guide = checkout.path / "data/xxgk/guide.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("链接: xxgk/zcwj/", "链接: xxgk/zcwj-old/", 1),
                     encoding="utf-8")
    check = make(checkout, "check")
    assert check.returncode != 0 and "Traceback" not in check.stderr
    assert f"{NOTICE}:{line} 正文: 链接指向的文件不存在：/notices/2026/{missing_file}" in check.stderr
    assert f"{NOTICE}:{line} 正文: 链接指向的页面不存在：/notices/2025/bu-cun-zai/" in check.stderr
    assert "data/xxgk/guide.yml:" in check.stderr and "/xxgk/zcwj-old/" in check.stderr
    assert (f"{NOTICE}:{anchor_line} 正文: 链接 /laws/geren-xinxi-baohufa/#art-{article} 指向的页面中没有这个标题或锚点"
            in check.stderr)
    assert "#art-2 " not in check.stderr
    assert "shenqingbiao" not in check.stderr  # a query after a file that exists (?v=2) is the same file
    build = make(checkout, "build")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert f"{NOTICE}:{line} 正文: 链接指向的文件不存在" in build.stderr
    assert tree_hash(checkout.path / "site") == before


def test_attachments_in_any_format_and_encoding_are_read_or_refused(checkout):
    """Attachments in formats and encodings the input side once skipped (OFD, a GBK CSV, an unknown format): the
    build stops naming the repository files, with site/ as it was."""
    before = tree_hash(checkout.path / "site")
    rng = random.Random(2)
    number, other = make_id18(rng), make_id18(rng)
    files = checkout.path / "content/notices/2026/files"
    (files / "mingdan.ofd").write_bytes(ofd_with(f"退役士兵 身份证号 {number}"))
    (files / "mingdan.csv").write_bytes(f"序号,身份证号\n1,{other}\n".encode("gbk"))
    (files / "shuju.dat").write_bytes(bytes(range(200)))
    append_body(checkout, NOTICE, "附件：[名单](files/mingdan.ofd)、[名单](files/mingdan.csv)、[数据](files/shuju.dat)")
    build = make(checkout, "build")
    output = build.stdout + build.stderr
    assert build.returncode != 0 and "Traceback" not in output, output[-3000:]
    for name in ("mingdan.ofd", "mingdan.csv", "shuju.dat"):
        assert f"错误 content/notices/2026/files/{name}" in output, output[-3000:]
    assert number not in output and other not in output  # messages mask what they report
    assert tree_hash(checkout.path / "site") == before
    assert not (checkout.path / ".site-staging").exists()


def test_text_only_the_output_holds_is_caught_there_and_traced_to_its_template(checkout):
    """A name and a mobile number a template writes: no editor's file holds them, so only the output guard sees
    them, on every page the template makes; each is reported once, at the template's line."""
    rng = random.Random(4)
    name = rng.choice("王李张刘陈") + rng.choice(["建华", "国强", "秀英", "志明"])
    mobile = f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
    template = checkout.path / "overrides/govsite/about/contact.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("<h1>联系方式</h1>", f"<h1>联系方式</h1>\n<p>值班联系人：{name}，手机 {mobile}</p>", 1),
                        encoding="utf-8")
    line = next(n for n, t in enumerate(template.read_text(encoding="utf-8").split("\n"), 1) if mobile in t)
    assert make(checkout, "check").returncode == 0  # nothing in the editors' files
    build = make(checkout, "build")
    output = build.stdout + build.stderr
    assert build.returncode != 0 and "发布内容检查" in output and mobile not in output
    where = f"错误 overrides/govsite/about/contact.html:{line}: "
    lines = output.splitlines()
    assert any(e.startswith(where) and "规则：手机号码" in e for e in lines), output[-2000:]
    assert any(e.startswith(where) and "规则：未脱敏姓名" in e for e in lines), output[-2000:]


def test_a_reviewed_exception_lets_the_build_through_with_a_note(checkout):
    rng = random.Random(3)
    name = rng.choice("王李张刘陈") + rng.choice(["建华", "国强", "秀英", "志明"])
    line = append_body(checkout, NOTICE, f"姓名：{name}")
    assert f"{NOTICE}:{line}" in make(checkout, "check").stderr  # first an error …
    page = checkout.path / NOTICE
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("审核:\n", f"个人信息例外:\n  - 内容: {name}\n    原因: 依法公开的负责人姓名\n审核:\n", 1),
                    encoding="utf-8")
    check = make(checkout, "check")
    assert check.returncode == 0, check.stderr[-2000:]
    assert f"提示 {NOTICE}:{line + 3}" in check.stderr and "依法公开的负责人姓名" in check.stderr
    build = make(checkout, "build")
    assert build.returncode == 0, build.stderr[-3000:]
    assert "依法公开的负责人姓名" in build.stderr
    # the exemption itself is internal: no published file holds its reason
    hits = [p for p in (checkout.path / "site").rglob("*") if p.is_file() and "依法公开的负责人姓名".encode() in p.read_bytes()]
    assert hits == []


def test_the_guard_is_in_every_build_not_in_the_makefile(checkout, tmp_path):
    """A plain `mkdocs build` (as a release or a preview runs it) stops on the same output finding."""
    from sitekit import run_build

    (checkout.path / "content/notices/2026/files/shuju.bin").write_bytes(bytes(range(64)))
    result = run_build(checkout.path, site_dir=tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "content/notices/2026/files/shuju.bin" in result.stderr


# ---- every shape of the issue, planted with generated values, found by make check --------------------------

SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林")
COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容")
GIVEN = ("建华", "国强", "秀英", "志明", "海燕", "明", "伟", "丽娟", "晓东", "桂兰", "振宇", "玉梅", "德胜", "静")


def person(rng: random.Random, compound: bool = False) -> str:
    return (rng.choice(COMPOUND) if compound else rng.choice(SURNAMES)) + rng.choice(GIVEN)


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def shapes(rng: random.Random) -> list[tuple[str, str, str]]:
    """(label, Markdown text, what must be reported) for each shape of a leak in running text."""
    a, b, c = person(rng), person(rng), person(rng)
    compound = person(rng, compound=True)
    count = rng.randint(3, 9)
    road = rng.choice(("人民路", "建设路", "解放大街", "文化巷"))
    number, mobile = make_id18(rng), f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
    return [
        ("list", f"经审核，{a}、{b}、{c}等{count}名同志符合条件。", "未脱敏姓名"),
        ("contact", f"如有疑问，请与{a}同志联系，电话0371-6{rng.randint(1000000, 9999999)}。", "未脱敏姓名"),
        ("colonless", f"经办人{b}，办公电话0371-6{rng.randint(1000000, 9999999)}。", "未脱敏姓名"),
        ("mobile", f"联系人：{c}，手机1{rng.choice('3589')}{rng.randint(100000000, 999999999)}。", "未脱敏姓名"),
        ("alt", f"![{a}同志在慰问现场](/favicon.ico)", "未脱敏姓名"),
        ("title", f'[活动报道](/ "{b}先生讲话")', "未脱敏姓名"),
        ("one-row", f"| 退役士兵 | 安置去向 |\n|---|---|\n| {c} | 区环卫所 |", "未脱敏姓名"),
        ("compound", f"| 人员 | 类别 |\n|---|---|\n| {compound} | 伤残军人 |\n| {person(rng, True)} | 烈属 |", "未脱敏姓名"),
        ("address", f"家庭住址：示例区{road}{rng.randint(1, 300)}号{rng.randint(1, 20)}栋{rng.randint(1, 6)}单元"
                    f"{rng.randint(1, 30)}0{rng.randint(1, 4)}室", "家庭住址"),
        # laid out, typed and worded as forms and case files do
        ("spaced", f"联 系 人：{a[0]}\u3000{rng.choice('明伟静')}", "未脱敏姓名"),
        ("role", f"{b}（示例镇{rng.choice(['退役士兵', '烈士遗属', '伤残军人'])}）申请优待证。", "未脱敏姓名"),
        ("casework", f"我局收到{c}的政府信息公开申请，已于法定期限内答复。", "未脱敏姓名"),
        ("grouped-id", f"身份证号：{number[:6]} {number[6:14]} {number[14:]}", "身份证号码"),
        ("fullwidth-mobile", "手机：" + mobile.translate(FULL_WIDTH), "手机号码"),
        ("flat", f"住在{rng.choice(['和谐家园', '幸福小区'])}{rng.choice('三五七')}号楼二单元{rng.choice('五六')}零一室", "家庭住址"),
    ]


@pytest.mark.parametrize("seed", [11, 12])
def test_every_shape_of_a_leak_stops_make_check_at_its_line(checkout, seed):
    """Each shape of the issue, with other names, numbers and places each run, in pages and attachments."""
    import attachments_kit
    import files_kit

    rng = random.Random(seed)
    expected = []
    front = (checkout.path / NOTICE).read_text(encoding="utf-8").split("\n---\n", 1)[0]
    for serial, (label, text, rule) in enumerate(shapes(rng), start=901):
        page = f"content/notices/2026/guard-{label}.md"
        (checkout.path / page).write_text(front.replace("2026-00150", f"2026-00{serial}") + f"\n---\n\n{text}\n",
                                          encoding="utf-8")
        expected.append((page, rule))
    files = checkout.path / "content/notices/2026/files"
    number = make_id18(rng)
    (files / "utf16.txt").write_bytes(f"序号 身份证号码\n1 {number}\n".encode("utf-16"))
    (files / "mingdan.odt").write_bytes(files_kit.make_odf(
        "text", f"<text:p>拟安置人员：{person(rng)}，身份证号 {make_id18(rng)}</text:p>"))
    (files / "xiuding.docx").write_bytes(files_kit.make_docx(
        [files_kit.para(files_kit.run("名单如下："), files_kit.deleted(f"{person(rng)} {make_id18(rng)}", "编辑"))]))
    (files / "mingdan.pdf").write_bytes(attachments_kit.make_pdf(
        [[f"{person(rng)} 男 {rng.randint(1950, 1999)}年入伍 {rng.choice(['陆军', '海军', '空军'])}"
          for _ in range(5)]]))
    for name, rule in (("utf16.txt", "身份证号码"), ("mingdan.odt", "身份证号码"), ("xiuding.docx", "身份证号码"),
                       ("mingdan.pdf", "未脱敏姓名")):
        expected.append((f"content/notices/2026/files/{name}", rule))
    check = make(checkout, "check")
    output = check.stdout + check.stderr
    assert check.returncode != 0 and "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("错误 ")]
    for file, rule in expected:
        hits = [line for line in errors if line.startswith(f"错误 {file}")]
        assert hits, (file, errors[-20:])
        assert any(f"规则：{rule}" in line for line in hits), (file, rule, hits)
    assert all(re.match(r"错误 \S+(:\d+)?", line) for line in errors)
    assert number not in output
