"""The guard on real builds of the demo site (make check, make build with its staging folder): what the input
scan cannot read is caught in the output, links are reviewed at their source line, site/ stays as it was, and a
reviewed exception lets a build through with a note."""
from __future__ import annotations

import io
import random
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
def built(tmp_path_factory):
    """A checkout of the demo site with a good `make build` in site/."""
    checkout = GitCheckout(tmp_path_factory.mktemp("guard") / "repo")
    result = make(checkout, "build")
    assert result.returncode == 0, result.stderr[-3000:]
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
    line = append_body(checkout, NOTICE, f"详见[附件]({missing_file})和[往年公告](../2025/bu-cun-zai.md)。")
    guide = checkout.path / "data/xxgk/guide.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("链接: xxgk/zcwj/", "链接: xxgk/zcwj-old/", 1),
                     encoding="utf-8")
    check = make(checkout, "check")
    assert check.returncode != 0 and "Traceback" not in check.stderr
    assert f"{NOTICE}:{line} 正文: 链接指向的文件不存在：/notices/2026/{missing_file}" in check.stderr
    assert f"{NOTICE}:{line} 正文: 链接指向的页面不存在：/notices/2025/bu-cun-zai/" in check.stderr
    assert "data/xxgk/guide.yml:" in check.stderr and "/xxgk/zcwj-old/" in check.stderr
    build = make(checkout, "build")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert f"{NOTICE}:{line} 正文: 链接指向的文件不存在" in build.stderr
    assert tree_hash(checkout.path / "site") == before


def test_what_the_input_scan_cannot_read_is_caught_in_the_output(checkout):
    """Attachments in formats and encodings the input side skipped: the output guard reads every file of the
    staging folder, and refuses what it cannot read; the messages name the repository files."""
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
    assert "发布内容检查" in output
    assert tree_hash(checkout.path / "site") == before
    assert not (checkout.path / ".site-staging").exists()


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
