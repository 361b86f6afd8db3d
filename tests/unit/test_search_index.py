"""The search index builder (govsite.search), without MkDocs: records from HTML, postings, determinism.

The postings are decoded here by an independent reader of the documented format and checked against the
records' text: every bigram and trigram of every record must lead back to it, with its count.
"""
from __future__ import annotations

import json
import struct

from govsite.search import extract, index, records_of
from govsite.search.text import fold
from sitekit import read_varint, shard_heads

LAW_PAGE = """<html><head><title>退役军人保障法 - 某区退役军人事务局</title></head><body>
<nav>导航 不应索引</nav>
<article class="md-content__inner">
<h1>中华人民共和国退役军人保障法 <span class="law-status law-status--repealed">已废止</span></h1>
<table><tr><th>文号</th><td>主席令第六十三号</td></tr></table>
<h2 id="part-1">第一章 总则<a class="headerlink" href="#part-1">#</a></h2>
<div class="law-article" id="art-1"><p><a href="#art-1">第一条</a> 为了加强退役军人保障工作，维护退役军人合法权益。</p></div>
<div class="law-article" id="art-2"><p><a href="#art-2">第二条</a> 本法所称退役军人。</p><p>第二段：伤残抚恤金。</p></div>
<h3 id="art-3">第三条</h3>
<p>标题式条文的正文，一次性抚恤金。</p>
<h2 id="part-2">第二章 移交接收</h2>
<p>章节之后的文字属于页面。</p>
<button data-copy-link>复制链接</button>
<script>var notIndexed = "脚本";</script>
</article></body></html>"""

POLICY_PAGE = """<html><head><title>关于做好安置工作的通知 - 某区</title></head><body><article>
<h1>关于做好安置工作的通知</h1><table><tr><th>发文字号</th><td>某退役军人发〔2023〕3号</td></tr>
<tr><th>发布日期</th><td><time datetime="2023-05-06">2023年5月6日</time></td></tr></table>
<p>全角ＡＢＣ１２３与半角。</p></article></body></html>"""


def test_law_page_splits_into_articles():
    parsed = extract.parse_page(LAW_PAGE, "laws/bzf/", "退役军人保障法")
    assert parsed.title == "退役军人保障法"
    assert parsed.status == "已废止"
    assert [a.url for a in parsed.articles] == ["laws/bzf/#art-1", "laws/bzf/#art-2", "laws/bzf/#art-3"]
    first, second, third = parsed.articles
    assert first.title == "退役军人保障法 第一条"
    assert first.text == "第一条 为了加强退役军人保障工作，维护退役军人合法权益。"
    assert "第二段：伤残抚恤金。" in second.text and "维护" not in second.text
    assert third.text == "第三条 标题式条文的正文，一次性抚恤金。"  # heading-style: the paragraph after it
    page = parsed.page.text
    assert "章节之后的文字属于页面" in page and "第二章 移交接收" in page
    for absent in ("导航", "#", "复制链接", "脚本", "抚恤金", "为了加强"):
        assert absent not in page
    assert parsed.page.keys == ""  # document numbers come from the engine's documents (test_search_facts.py)


def test_keys_and_dates_from_a_policy_page():
    parsed = extract.parse_page(POLICY_PAGE, "xxgk/zcwj/2023-003/")
    assert parsed.title == "关于做好安置工作的通知"  # no title from the engine: the page's <h1>
    assert parsed.page.keys == ""  # document numbers come from the engine's documents (test_search_facts.py)
    assert parsed.first_date == "2023-05-06"
    assert parsed.status == ""
    assert extract.parse_page("<html><body><p>没有正文</p></body></html>", "x/") is None


def test_fold_keeps_positions_and_matches_half_width():
    text = "全角ＡＢＣ１２３〔２０２３〕"
    assert len(fold(text)) == len(text)
    assert "abc123" in fold(text)
    assert fold("〔2023〕") == "〔2023〕"  # 六角括号 stay: document numbers are typed with them
    assert fold("a\u3000b") == "a b"




def _decode_postings(files: dict[str, bytes]) -> dict[str, dict[int, tuple[int, int]]]:
    postings = {}
    for name, data in files.items():
        if not name.startswith("g/"):
            continue
        heads, pos = shard_heads(data)
        for bigram, n, size in heads:
            blob, pos = data[pos:pos + size], pos + size
            rid, at, entries = -1, 0, {}
            for _ in range(n):
                gap, at = read_varint(blob, at)
                rid += gap
                entries[rid] = (blob[at] >> 1, blob[at] & 1)
                at += 1
            assert at == len(blob)
            assert bigram not in postings, "an n-gram lives in exactly one file"
            postings[bigram] = entries
            manifest = json.loads(files["manifest.json"])
            expected_file = manifest["solo"].get(bigram, index.gram_hash(bigram) % manifest["shards"])
            assert name == f"g/{expected_file}.bin"
    return postings


def _count(text: str, gram: str) -> int:
    return sum(1 for i in range(len(text) - len(gram) + 1) if text.startswith(gram, i))


def test_every_ngram_leads_back_to_its_records():
    records = []
    for url, html in (("laws/bzf/", LAW_PAGE), ("xxgk/zcwj/2023-003/", POLICY_PAGE)):
        parsed = extract.parse_page(html, url, "退役军人保障法" if url == "laws/bzf/" else "")
        for record in [parsed.page, *parsed.articles]:
            record.group = "其他"
            records.append(record)
    # Characters outside the BMP (a rare 姓名 character, 𠀾) are in bigrams and trigrams, never in 4-grams.
    records.append(extract.Record(url="notices/x/", title="关于𠀾某某的公示", text="公示𠀾某某同志的安置去向", group="其他"))
    # A text too long for one file (a page of 500 answers) is stored whole, in parts.
    long_text = "".join(f"问{n}：退役军人如何申请？答：按规定办理。" for n in range(700))
    assert 2 * index.PART_TEXT < len(long_text) <= 3 * index.PART_TEXT
    records.append(extract.Record(url="qa/", title="政策问答", text=long_text, group="其他"))
    records.append(extract.Record(url="qa/x/", title="问答之后", text="之后的记录", group="其他"))
    files = index.build_files(records)
    postings = _decode_postings(files)
    assert "𠀾某某" in postings and not any("𠀾" in g for g in postings if len(g) == 4)
    assert "某某同志" in postings
    for rid, record in enumerate(records):
        head, body = fold(record.title + " " + record.keys), fold(record.text)
        for n in (2, 3, 4):
            for source in (head, body):
                for gram in {source[i:i + n] for i in range(len(source) - n + 1)}:
                    if " " in gram or (n == 4 and max(map(ord, gram)) > 0xFFFF):
                        assert gram not in postings
                        continue
                    tf, in_title = postings[gram][rid]
                    assert tf == min(127, _count(head, gram) + _count(body, gram)), (gram, record.url)
                    assert in_title == (gram in head)
    # A term of two to four characters: its list is exactly the records containing it (substring semantics).
    for term in ("恤金", "抚恤金", "退役军", "〔20", "退役军人", "〔202", "𠀾某某"):
        assert sorted(postings[term]) == [i for i, r in enumerate(records)
                                          if term in fold(r.text) or term in fold(r.title + " " + r.keys)]
    assert 4 in postings["ab"] and 4 in postings["abc"]  # 全角ＡＢＣ folded
    table = files["records.bin"]
    count, chunks = struct.unpack_from("<II", table, 0)
    assert count == len(records) and chunks >= 1
    # Text chunks hold each record's whole text in record order; titles.json its link, title, kind, status, keys.
    first = struct.unpack_from(f"<{chunks}I", table, 8 + 6 * count)
    stored: dict[int, str] = {}
    for c in range(chunks):
        texts = json.loads(files[f"c/{c}.json"])
        if first.count(first[c]) > 1:  # one part of a long text
            assert len(texts) == 1 and len(texts[0]) <= index.PART_TEXT
            stored[first[c]] = stored.get(first[c], "") + texts[0]
        else:
            stored.update((first[c] + k, text) for k, text in enumerate(texts))
    assert [stored[rid] for rid in range(count)] == [r.text for r in records]
    assert sum(first.count(rid) for rid in set(first) if first.count(rid) > 1) == 3  # the long text: 3 parts
    manifest = json.loads(files["manifest.json"])
    titles = json.loads(files["titles.json"])
    assert len(titles) == len(records)
    for row, record in zip(titles, records):
        row = row + [""] * (5 - len(row))
        assert row == [record.url, record.title, manifest["kinds"].index(record.kind), record.status, record.keys]


def test_index_is_deterministic(tmp_path):
    site = tmp_path / "site"
    for url, html in (("laws/bzf/", LAW_PAGE), ("xxgk/zcwj/2023-003/", POLICY_PAGE), ("", POLICY_PAGE)):
        (site / url).mkdir(parents=True, exist_ok=True)
        (site / url / "index.html").write_text(html, encoding="utf-8")
    first = index.build_files(records_of(None, site))
    second = index.build_files(records_of(None, site))
    assert first == second
    groups = {r.url: r.group for r in records_of(None, site)}
    assert groups["laws/bzf/#art-2"] == "法律法规" and groups["xxgk/zcwj/2023-003/"] == "政策文件"
    assert groups[""] == "其他"


def test_how_n_grams_are_numbered_does_not_change_the_index(tmp_path, monkeypatch):
    """n-grams are numbered a batch of records at a time, in the order met (the build numbers pages in the order
    MkDocs renders them); the files depend only on the records."""
    site = tmp_path / "site"
    for url, html in (("laws/bzf/", LAW_PAGE), ("xxgk/zcwj/2023-003/", POLICY_PAGE), ("", POLICY_PAGE)):
        (site / url).mkdir(parents=True, exist_ok=True)
        (site / url / "index.html").write_text(html, encoding="utf-8")
    records = records_of(None, site)
    expected = index.build_files(records)
    for batch in (1, 2):
        monkeypatch.setattr(index, "NUMBERING_BATCH", batch)
        assert index.build_files(records) == expected
    postings = index.Postings()
    postings.add([index.record_grams(r) for r in reversed(records)])
    postings.record_ids = list(range(len(records)))[::-1]
    assert dict(index.iter_files(records, postings)) == expected
    # grouped a band of n-grams at a time (at most `group` postings, or one n-gram), with records added that are
    # left out (id -1: a page written again later): the same files
    for group in (1, 7, 100, 10**9):
        monkeypatch.setattr(index, "GROUP_POSTINGS", group)
        postings = index.Postings()
        postings.add([index.record_grams(r) for r in records[:2]])
        postings.add_records(list(reversed(records)))
        postings.record_ids = [-1, -1, *range(len(records))[::-1]]
        assert dict(index.iter_files(records, postings)) == expected


def test_a_page_can_ask_not_to_be_found(tmp_path):
    from types import SimpleNamespace

    from govsite.model import GeneratedPage

    site_dir = tmp_path / "site"
    for url in ("xxgk/hegui/", "xxgk/zcwj/2023-003/"):
        (site_dir / url).mkdir(parents=True)
        (site_dir / url / "index.html").write_text(POLICY_PAGE, encoding="utf-8")
    engine_site = SimpleNamespace(types=[], editor_pages={}, models={})
    hidden = GeneratedPage(src_uri="xxgk/hegui/index.md", title="合规检查", html="", meta={"search": {"exclude": True}})
    urls = {r.url for r in records_of(engine_site, site_dir, [hidden])}
    assert urls == {"xxgk/zcwj/2023-003/"}


def _write_pages(site_dir, pages):
    for url, html in pages.items():
        target = site_dir / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def _index_files(site_dir) -> dict[str, bytes]:
    folder = site_dir / "searchindex"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_page_stream_writes_what_build_index_writes(tmp_path):
    """`mkdocs build` sends pages to search.PageStream as they are rendered (in any order, with files that
    are not pages); the child's index must equal build_index() over the same pages read from disk."""
    from govsite.search import PageStream, build_index

    pages = {"laws/bzf/": LAW_PAGE, "xxgk/zcwj/2023-003/": POLICY_PAGE, "": POLICY_PAGE.replace("安置", "首页")}
    _write_pages(tmp_path / "read", pages)
    build_index(None, tmp_path / "read")
    stream = PageStream()
    stream.add("404.html", "", LAW_PAGE)  # not an index.html: not a search page, as in build_index
    stream.add("assets/x/index.html", "", LAW_PAGE)
    for url in sorted(pages, reverse=True):
        stream.add(url + "index.html", "", pages[url])  # no engine: titles from <h1>
    stats = stream.finish(None, tmp_path / "streamed")
    assert stats.pages == 3 and stats.records == 3 + 3  # the law page has three articles
    assert _index_files(tmp_path / "streamed") == _index_files(tmp_path / "read")


def test_page_stream_runs_the_output_guard_on_every_page(tmp_path):
    """`mkdocs build` checks pages in the index child: every page, indexed or not (404.html), is looked at, and
    the findings are those the guard finds in the main process, with each page's digest and links."""
    from govsite.guard import output, personal
    from govsite.search import PageStream

    placeholder = LAW_PAGE.replace("</article>", "<p>电话：待补充</p></article>")
    off_list = POLICY_PAGE.replace("</article>", '<a href="https://elsewhere.example.com/x">x</a></article>')
    leak = LAW_PAGE.replace("</article>", f"<p>请联系 139{'12345678'}</p></article>")
    pages = (("404.html", placeholder), ("b/index.html", off_list), ("a/index.html", LAW_PAGE), ("c/index.html", leak))
    check = output.FileCheck(personal.Rules(), frozenset())
    in_main = output.Scan()
    for dest, html in pages:
        output.check_bytes(check, dest, html.encode("utf-8"), in_main)
    assert {(f.dest, f.rule) for f in in_main.findings} == {
        ("404.html", output.RULE_PLACEHOLDER), ("b/index.html", output.RULE_HOST), ("c/index.html", personal.RULE_MOBILE)}

    stream = PageStream()
    stream.facts(None, tmp_path, check=check)
    for dest, html in pages:
        stream.add(dest, "", html)
    stream.finish(None, tmp_path)
    of_pages = [f for f in stream.scan.findings if not f.dest.startswith("searchindex/")]
    assert of_pages == in_main.findings
    assert {d: s for d, s in stream.scan.digests.items() if d in in_main.digests} == in_main.digests
    assert stream.scan.links == in_main.links
    # the index's files are checked as the child writes them: the leak is in its record texts too
    index = [f for f in stream.scan.findings if f.dest.startswith("searchindex/")]
    assert [(f.rule, f.shown) for f in index] == [(personal.RULE_MOBILE, "139****5678")]
    written = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "searchindex").rglob("*") if p.is_file()}
    assert written and written <= set(stream.scan.digests)


def test_page_stream_checks_the_other_files_it_is_given_once_each(tmp_path):
    """The engine's feeds and JSON, and what MkDocs wrote besides pages, are checked in the child too."""
    import json

    from govsite.guard import output, personal
    from govsite.search import PageStream

    check = output.FileCheck(personal.Rules(), frozenset())
    stream = PageStream()
    stream.facts(None, tmp_path, check=check)
    stream.add("a/index.html", "", LAW_PAGE)
    feed = json.dumps({"items": [{"summary": "联系人：王建华"}]}, ensure_ascii=False).encode("utf-8")
    stream.files([("api/catalogue.json", feed), ("a/index.html", b"not sent again: a page the child has")])
    stream.files([("api/catalogue.json", b"{}")])  # nor a file it has
    stream.finish(None, tmp_path)
    found = [(f.dest, f.rule, f.value) for f in stream.scan.findings if not f.dest.startswith("searchindex/")]
    assert found == [("api/catalogue.json", personal.RULE_NAME, "王建华")]
    assert stream.scan.digests["api/catalogue.json"] == output.digest(feed)
    assert stream.scan.digests["a/index.html"] == output.digest(LAW_PAGE.encode("utf-8"))


def test_page_stream_holds_a_bounded_amount_of_pages_for_a_slow_child(tmp_path, monkeypatch):
    """The child indexes more slowly than MkDocs renders: pages waiting for it must not pile up in the build
    process (at 100,000 documents that held gigabytes until the end). With the child stopped, add() waits once
    OUTBOX_BYTES are on their way, and the index is complete once the child goes on."""
    import os
    import signal
    import threading

    from govsite import search
    from govsite.search import PageStream, build_index

    monkeypatch.setattr(search, "OUTBOX_BYTES", 200_000)
    pages = {f"p{n:03d}/": POLICY_PAGE.replace("安置", f"安置{n}") + "<!--" + "x" * 20_000 + "-->" for n in range(60)}
    stream = PageStream()
    os.kill(stream._process.pid, signal.SIGSTOP)
    added = []

    def add_all():
        for url, html in pages.items():
            stream.add(url + "index.html", "", html)
            added.append(url)

    adder = threading.Thread(target=add_all, daemon=True)
    try:
        adder.start()
        adder.join(3)
        # the pipe's buffer takes a few pages, the outbox at most OUTBOX_BYTES; the rest waits
        assert adder.is_alive() and len(added) < len(pages) // 2
        assert stream._queued <= search.OUTBOX_BYTES
    finally:
        os.kill(stream._process.pid, signal.SIGCONT)
    adder.join(60)
    assert not adder.is_alive() and len(added) == len(pages)
    stream.finish(None, tmp_path / "streamed")
    _write_pages(tmp_path / "read", pages)
    build_index(None, tmp_path / "read")
    assert _index_files(tmp_path / "streamed") == _index_files(tmp_path / "read")


def test_page_stream_failure_stops_the_build_with_a_message(tmp_path):
    from govsite.search import PageStream

    stream = PageStream()
    stream.add("x/index.html", "", 12345)  # not HTML: the child's parser fails
    try:
        stream.finish(None, tmp_path)
    except RuntimeError as exc:
        assert "搜索索引生成失败" in str(exc)
    else:
        raise AssertionError("finish() returned although the index process failed")
    assert not (tmp_path / "searchindex").exists()


def test_page_stream_cancel_stops_the_child():
    from govsite.search import PageStream

    stream = PageStream()
    stream.add("x/index.html", "", LAW_PAGE)
    stream.cancel()
    assert not stream._process.is_alive()


def test_code_point_folding_equals_string_folding():
    """The index folds code points by table (index._folded_code_points); text.fold() is the reference that
    search.js also follows. Every BMP character and a few astral ones."""
    text = "".join(chr(c) for c in [*range(0xD800), *range(0xE000, 0x10000), *range(0x1D400, 0x1D800), 0x20000])
    assert index._folded_code_points(text).tolist() == [ord(c) for c in fold(text)]


def _grams_of_files(files: dict[str, bytes]) -> dict[str, int]:
    """Every n-gram of the shard files and the number of the file it is in."""
    found = {}
    for name, data in files.items():
        if not name.startswith("g/"):
            continue
        for gram, _n, _size in shard_heads(data)[0]:
            found[gram] = int(name[2:-4])
    return found


# search.js in Node, as the page runs it: the globals it touches stubbed, the script (argv[1]) run in a sandbox, its
# API as S. Each client below adds what it asks of it.
NODE_SEARCH = r"""
const vm = require("vm"), fs = require("fs"), path = require("path");
const sandbox = { document: { querySelector: () => null }, location: { search: "", href: "http://127.0.0.1/" },
  URL, URLSearchParams, console, performance: { now: () => 0 } };
sandbox.window = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), sandbox);
const S = sandbox.window.govsiteSearch;
"""


SHARD_CLIENT = NODE_SEARCH + r"""
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const idx = new S.Index(new URL("http://127.0.0.1/searchindex/"));
idx.manifest = input.manifest;
idx.words = new S.Words(input.words);
const out = {};
Object.keys(input.grams).forEach((gram) => { out[gram] = idx.shardFile(gram); });
process.stdout.write(JSON.stringify(out));
"""


def test_the_client_looks_for_every_n_gram_in_the_file_that_holds_it(monkeypatch):
    """A word, its synonyms, its everyday words and the phrases holding them are filed together (fewer requests per
    query); search.js must compute the same file for every n-gram, or it would miss lists without an error."""
    import shutil
    import subprocess

    import pytest

    from govsite.search.words import Vocabulary
    from sitekit import REPO

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js runs the browser's search code here (make test installs it)")
    # Many small shard files, as at 10,000 documents; n-grams of one record stay in them (two records: solo).
    monkeypatch.setattr(index, "SHARD_BYTES", 6)
    texts = ["优待证怎么办理", "优待卡怎么申领", "退伍军人、老兵", "个体经营税收优惠", "伤残军人𠀾的抚恤金", "残疾军人待遇"]
    records = [extract.Record(url=f"r/{k}/", title=f"第{k}页", text=text, group="其他") for k, text in enumerate(texts)]
    vocabulary = Vocabulary(synonyms=(("优待证", "优待卡"), ("申请", "申领", "办理"), ("退役军人", "老兵"), ("残疾", "伤残")),
                            everyday=((("退伍军人",), ("退役军人",)), (("少交税", "减税"), ("税收优惠",))))
    files = index.build_files(records, vocabulary=vocabulary)
    filed = _grams_of_files(files)
    manifest = json.loads(files["manifest.json"])
    for gram, number in manifest["solo"].items():
        filed[gram] = number
    given = {"manifest": manifest, "words": json.loads(files["words.json"]), "grams": filed}
    script = subprocess.run([node, "-e", SHARD_CLIENT, str(REPO / "content/assets/search/search.js")],
                            input=json.dumps(given, ensure_ascii=False), capture_output=True, text=True,
                            encoding="utf-8", check=True)
    looked = json.loads(script.stdout)
    assert {g: n for g, n in looked.items() if n != filed[g]} == {}
    # The synonyms' lists and the phrases with a synonym put in share a file; a plain hash of each would not.
    shards = manifest["shards"]
    assert len(set(filed.values())) > 20
    for a, b in (("优待证", "优待卡"), ("优待证怎", "优待卡怎"), ("怎么办理", "怎么申领"), ("退伍军人", "老兵"),
                 ("伤残军人", "残疾军人")):
        assert filed[a] == filed[b], (a, b)
    assert sum(filed[g] != index.gram_hash(g) % shards for g in filed if g not in manifest["solo"]) >= 5


NO_SOUNDS_CLIENT = NODE_SEARCH + r"""
const folder = process.argv[2];
const idx = new S.Index(new URL("http://127.0.0.1/searchindex/"));
idx.fetch = (name, kind) => {
  if (name === "pinyin.json") return Promise.reject(new Error("404"));
  const bytes = fs.readFileSync(path.join(folder, name));
  if (kind === "json") return Promise.resolve(JSON.parse(bytes.toString("utf8")));
  return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};
(async () => {
  await idx.load();
  const out = [];
  for (const query of JSON.parse(process.argv[3])) {
    const result = await new S.Search(idx).run(query, { group: -1, year: 0 }, 10);
    out.push([result.hits.map((h) => h.url), result.suggestion || ""]);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { process.stdout.write(JSON.stringify({ error: String(error) })); });
"""


def test_the_search_works_when_the_sounds_cannot_be_loaded(tmp_path):
    """pinyin.json comes with the index on the first use of the search box; when it cannot be had, queries are
    still searched (only without same-sounding corrections), not the whole search box broken."""
    import shutil
    import subprocess

    import pytest

    from govsite.search.words import Vocabulary
    from sitekit import REPO

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js runs the browser's search code here (make test installs it)")
    records = [extract.Record(url="a/", title="优待证申领", text="优待证怎么办理：到服务站申请", group="其他"),
               extract.Record(url="b/", title="抚恤金", text="伤残抚恤金的标准", group="其他")]
    files = index.build_files(records, vocabulary=Vocabulary(synonyms=(("申请", "办理"),), fillers=("怎么",)))
    index.write_files(files, tmp_path / "searchindex")
    done = subprocess.run([node, "-e", NO_SOUNDS_CLIENT, str(REPO / "content/assets/search/search.js"),
                           str(tmp_path / "searchindex"), json.dumps(["优待证怎么办理", "抚恤金", "优待征怎么办理"])],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    # The typo is answered from its other words, without 您是不是要找 (that needs the sounds).
    assert json.loads(done.stdout) == [[["a/"], ""], [["b/"], ""], [["a/"], ""]]


def test_a_long_text_is_cut_into_parts_between_words():
    # Cut at a fixed length, a part began inside a word (条文内容 as 条 | 文内容): its halves were published as words
    # of their own, and the output guard read 文内容 as a name. Parts end after a space or a mark that ends a phrase.
    import random

    rng = random.Random(3)
    blocks = ["《退役军人保障法》第五条 条文内容 ▾ 退役军人保障应当与经济发展相协调，与社会进步相适应。",
              "国家鼓励和扶持有条件、有意愿的军人配偶自主就业、自主创业，按照规定落实相关扶持政策。"]
    for _ in range(20):
        text = " ".join(rng.choice(blocks) for _ in range(rng.randint(150, 600)))
        parts = list(index._parts(text))
        assert "".join(text[a:b] for a, b in parts) == text and parts[0][0] == 0
        for (a, b), (c, _d) in zip(parts, parts[1:]):
            assert b == c and b - a <= index.PART_TEXT
            assert index._PART_BREAK.match(text[b - 1]), text[b - 10:b + 10]
    unbroken = "条" * (index.PART_TEXT * 2 + 5)  # no break anywhere: cut at the length, as before
    assert [b - a for a, b in index._parts(unbroken)] == [index.PART_TEXT, index.PART_TEXT, 5]


def test_the_parts_of_a_long_text_raise_no_name_the_text_does_not_hold():
    # The case a 100,000-document build stopped on: 条文内容 across the end of a part.
    block = "《退役军人保障法》第五条 条文内容 ▾ 退役军人保障应当与经济发展相协调。"
    filler = "退" * (index.PART_TEXT - 1 - block.index("文"))
    text = filler + " " + block * 300
    assert text[index.PART_TEXT - 1:index.PART_TEXT + 3] == "条文内容"  # cut at the length: 条 | 文内容
    assert _names_in_index_texts(text) == []


QUESTION_CLIENT = NODE_SEARCH + r"""
const folder = process.argv[2];
async function fresh() {
  const idx = new S.Index(new URL("http://127.0.0.1/searchindex/"));
  idx.asked = [];
  idx.fetch = (name, kind) => {
    if (name.startsWith("g/")) idx.asked.push(name);
    const bytes = fs.readFileSync(path.join(folder, name));
    if (kind === "json") return Promise.resolve(JSON.parse(bytes.toString("utf8")));
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  };
  await idx.load();
  idx.asked = [];
  return idx;
}
const plain = (l) => [Array.from(l.ids), Array.from(l.tf), Array.from(l.title), Array.from(l.alt || [])];
(async () => {
  const out = [];
  for (const question of JSON.parse(fs.readFileSync(0, "utf8"))) {
    let idx = await fresh();
    const alts = [question].concat(idx.words.variants(question)).slice(0, 6);
    // Every n-gram of every alternative's cover, all at once (as for a query that is not a question).
    const all = await Promise.all(alts.map((t) => Promise.all(S.cover(t, idx.manifest.solo).map((g) => idx.postings(g)))
      .then(S.intersect)));
    const full = S.mergeAlternatives(all), fullFiles = new Set(idx.asked).size;
    idx = await fresh();
    const staged = await S.questionList(idx, alts);
    out.push({ q: question, alts, full: plain(full), typed: all[0].ids.length, staged: plain(staged),
      files: [fullFiles, new Set(idx.asked).size] });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { process.stdout.write(JSON.stringify({ error: String(error.stack) })); });
"""


def test_a_question_s_phrase_asked_for_in_steps_gives_the_lists_of_all_its_n_grams(tmp_path, monkeypatch):
    """A question found nowhere as typed first asks for the n-grams of its phrase least likely on a page, the rest
    only when those leave records, and its variants with a synonym put in only when the phrase as typed is on a
    page: the list must be the one all of the n-grams give (no record lost or added, the same tf, title and
    alternative), and the files asked for fewer. Random pages and questions made of the same words, filed in many
    small shard files as at 10,000 documents."""
    import random
    import shutil
    import subprocess

    import pytest

    from govsite.search.words import Vocabulary
    from sitekit import REPO

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js runs the browser's search code here (make test installs it)")
    monkeypatch.setattr(index, "SHARD_BYTES", 40)
    words = ["优待证", "优待卡", "办理", "申领", "申请", "退役军人", "老兵", "就业", "找工作", "创业", "扶持", "政策",
             "残疾", "伤残", "军人", "待遇", "烈士遗属", "烈属", "小店", "税收优惠"]
    fillers = ["怎么", "有什么", "哪些", "吗", "能"]
    rng = random.Random(7)

    def phrase(low: int, high: int) -> str:
        return "".join(rng.choice(words + fillers if rng.random() < 0.3 else words) for _ in range(rng.randint(low, high)))

    texts = [phrase(4, 12) + "。" + phrase(4, 12) for _ in range(160)]
    records = [extract.Record(url=f"r/{k}/", title=f"第{k}页", text=text, group="其他") for k, text in enumerate(texts)]
    vocabulary = Vocabulary(synonyms=(("优待证", "优待卡"), ("申请", "申领", "办理"), ("退役军人", "老兵"), ("残疾", "伤残"),
                                      ("烈士遗属", "烈属"), ("就业", "找工作")),
                            everyday=((("少交税",), ("税收优惠",)),), fillers=tuple(fillers), words=tuple(words))
    index.write_files(index.build_files(records, vocabulary=vocabulary), tmp_path / "searchindex")
    questions = []
    for _ in range(250):
        if rng.random() < 0.3:  # a piece of a page, as typed or with a synonym put in: found as typed
            text = rng.choice(texts)
            start = rng.randrange(len(text) - 6)
            questions.append(text[start:start + rng.randint(5, 9)].replace("。", ""))
        else:
            asked = [rng.choice(words) for _ in range(rng.randint(1, 3))]
            asked.insert(rng.randint(0, len(asked)), rng.choice(fillers[:3]))
            questions.append("".join(asked) + rng.choice(["", "吗"]))
    questions = [q for q in dict.fromkeys(questions) if len(q) > 4]
    done = subprocess.run([node, "-e", QUESTION_CLIENT, str(REPO / "content/assets/search/search.js"),
                           str(tmp_path / "searchindex")], input=json.dumps(questions, ensure_ascii=False),
                          capture_output=True, text=True, encoding="utf-8", check=True)
    rows = json.loads(done.stdout)
    assert isinstance(rows, list), rows
    found = [r for r in rows if r["typed"]]
    assert len(found) >= 20 and len(rows) - len(found) >= 40  # both kinds drawn
    for row in rows:
        if row["typed"]:  # the phrase is on a page: its variants' records count too, as they always did
            assert row["staged"] == row["full"], row["q"]
        else:  # on no page as typed: the question is searched as its words; the variants are not asked for
            assert row["staged"][0] == [], row["q"]
    assert all(r["files"][1] <= r["files"][0] for r in rows if not r["typed"])
    # Fewer files for the questions on no page as typed: without variants (the n-grams least likely on a page
    # first) and in all (the variants not asked for either).
    alone = [r for r in rows if not r["typed"] and len(r["alts"]) == 1]
    assert len(alone) >= 20
    assert sum(r["files"][1] for r in alone) < 0.9 * sum(r["files"][0] for r in alone)
    missing = [r for r in rows if not r["typed"]]
    assert sum(r["files"][1] for r in missing) < 0.7 * sum(r["files"][0] for r in missing)


def _names_in_index_texts(text: str) -> list[str]:
    """What the output guard finds in the stored-text files (c/) of one long record, as the build reads them."""
    from govsite.guard import files as guard_files
    from govsite.guard import personal

    records = [extract.Record(url="services/", title="政策找找看", text=text, group="其他")]
    found = []
    for name, data in index.build_files(records).items():
        if name.startswith("c/"):
            extracted = guard_files.read(data, "searchindex/" + name)
            found += [f.value for f in personal.scan_extracted(extracted, name, personal.Rules())]
    return found


def test_a_real_name_in_a_long_text_is_still_found_in_its_parts():
    # Parts end between words; a name the page would publish must still stop the build from the index's copy,
    # wherever it falls: as the first word of a part (just after a cut) and inside one, bare or with its cue.
    block = "《退役军人保障法》第五条 条文内容 ▾ 退役军人保障应当与经济发展相协调。"
    lead = "退" * (index.PART_TEXT - 2 - len(block))
    text = lead + " " + block + " 王建国 ▾ " + block * 200 + " 联系人：李建华，电话另行公布。" + block * 50
    starts = [a for a, _b in index._parts(text)]
    assert text.index("王建国") in starts  # the name opens the second part
    found = _names_in_index_texts(text)
    assert "王建国" in found and "李建华" in found


def _law_sentences() -> list[str]:
    import re

    from sitekit import REPO
    sentences = []
    for path in sorted((REPO / "data/laws/texts").glob("*.md"))[:4]:
        body = path.read_text(encoding="utf-8").split("<!-- INFO END -->", 1)[-1]
        sentences += [s for s in re.split(r"(?<=[。；])|\n", body) if 6 <= len(s.strip()) <= 120]
    return sentences


def test_the_parts_of_a_long_text_raise_no_name_the_whole_text_does_not():
    # The class behind the 100,000-document stop: a cut makes words the text does not hold. The finder's text is
    # the site's own words (the card's labels) around real law sentences; whatever the cut, the parts' findings
    # must be among those of the whole text read as one.
    import random

    from govsite.guard import files as guard_files
    from govsite.guard import personal

    labels = ["条文内容 ▾", "适用条件", "内容", "法律依据", "怎样办理", "办事指南：", "（材料、流程、时限、地点、电话）",
              "返回政策一览", "优待", "抚恤", "安置", "《退役军人保障法》第五条"]
    sentences = _law_sentences()
    assert len(sentences) > 300
    rng = random.Random(11)
    for _ in range(6):
        blocks = []
        while sum(len(b) + 1 for b in blocks) < index.PART_TEXT * 3:
            blocks.append(rng.choice(labels) if rng.random() < 0.4 else rng.choice(sentences).strip())
        text = " ".join(blocks)
        whole = guard_files.read(json.dumps([text], ensure_ascii=False).encode(), "searchindex/c/0.json")
        allowed = {f.value for f in personal.scan_extracted(whole, "c/0.json", personal.Rules())}
        assert set(_names_in_index_texts(text)) <= allowed


# An index read from the built folder's files, each file asked for noted in `asked` (Node has no XMLHttpRequest).
FILE_INDEX = NODE_SEARCH + r"""
function fileIndex(folder) {
  const idx = new S.Index(new URL("http://127.0.0.1/searchindex/"));
  idx.asked = [];
  idx.fetch = (name, kind) => {
    idx.asked.push(name);
    const bytes = fs.readFileSync(path.join(folder, name));
    if (kind === "json") return Promise.resolve(JSON.parse(bytes.toString("utf8")));
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  };
  return idx;
}
"""

WARM_CLIENT = FILE_INDEX + r"""
const folder = process.argv[2];
async function fresh(warm) {
  if (!warm) S.Index.prototype.warmUp = function () { return Promise.resolve(this); };
  const idx = fileIndex(folder);
  await idx.load();
  return idx;
}
const plain = (r) => ({ hits: r.hits.map((h) => [h.url, +h.score.toFixed(6), h.count]), total: r.total, split: !!r.split,
  partial: !!r.partial, noAnswer: !!r.noAnswer, suggestion: r.suggestion || "", intent: r.intent || "" });
(async () => {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"));
  const warm = await fresh(true);
  const loaded = { asked: warm.asked.slice(), warmed: warm.warmed || null,
    kept: [warm.lists.size, warm.shards.size, warm.chunks.size, warm.headCache.size] };
  const out = { loaded, warm: [], cold: [] };
  for (const q of queries) {
    let idx = await fresh(true);
    out.warm.push(plain(await new S.Search(idx).run(q, { group: -1, year: 0 }, 10)));
  }
  const made = S.Index.prototype.warmUp;
  for (const q of queries) {
    let idx = await fresh(false);
    out.cold.push(plain(await new S.Search(idx).run(q, { group: -1, year: 0 }, 10)));
  }
  S.Index.prototype.warmUp = made;
  process.stdout.write(JSON.stringify(out));
})().catch((error) => { process.stdout.write(JSON.stringify({ error: String(error.stack) })); });
"""


def test_the_search_code_runs_once_on_made_up_lists_when_the_index_loads(tmp_path):
    """A page's first query ran the search code for the first time: the browser's interpreter, slow on loops over
    thousands of postings. The index now runs a word, two words and a question of its commonest words once when it
    loads, on made-up lists in a copy of itself: it must fetch nothing beyond the index's own files, keep nothing in
    the real caches, reach the scoring of a question split into words, and leave every query's results as they
    are without it. Random pages of the same words."""
    import random
    import shutil
    import subprocess

    import pytest

    from govsite.search.words import Vocabulary
    from sitekit import REPO

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js runs the browser's search code here (make test installs it)")
    words = ["优待证", "优待卡", "办理", "申领", "退役军人", "老兵", "就业", "创业", "扶持", "政策", "残疾", "伤残",
             "待遇", "烈士遗属", "小店", "税收优惠"]
    fillers = ["怎么", "有什么", "哪些", "吗"]
    rng = random.Random(11)
    texts = ["".join(rng.choice(words + fillers) for _ in range(rng.randint(4, 14))) for _ in range(120)]
    records = [extract.Record(url=f"r/{k}/", title="".join(rng.sample(words, 2)), text=text, group="其他")
               for k, text in enumerate(texts)]
    vocabulary = Vocabulary(synonyms=(("优待证", "优待卡"), ("办理", "申领"), ("退役军人", "老兵"), ("残疾", "伤残")),
                            everyday=((("少交税",), ("税收优惠",)),), fillers=tuple(fillers), words=tuple(words))
    index.write_files(index.build_files(records, vocabulary=vocabulary), tmp_path / "searchindex")
    queries = ["优待证", "退役军人 政策", "残疾军人怎么办理优待卡", "老兵有什么待遇", "开小店能少交税吗", "伤残", "烈士遗属就业"]
    done = subprocess.run([node, "-e", WARM_CLIENT, str(REPO / "content/assets/search/search.js"),
                           str(tmp_path / "searchindex")], input=json.dumps(queries, ensure_ascii=False),
                          capture_output=True, text=True, encoding="utf-8", check=True)
    out = json.loads(done.stdout)
    assert "error" not in out, out
    loaded = out["loaded"]
    assert loaded["warmed"], "the index ran no search when it loaded"
    # A word, two words, a question: each found records on the made-up lists; the question was split into its words.
    assert [h[0] > 0 for h in loaded["warmed"]["hits"]] == [True, True, True]
    assert loaded["warmed"]["hits"][2][1] is True
    assert sorted(loaded["asked"]) == sorted(["manifest.json", "records.bin", "titles.json", "fold.json", "words.json",
                                              "pinyin.json"])
    assert loaded["kept"] == [0, 0, 0, 0]
    assert out["warm"] == out["cold"]
    assert sum(1 for r in out["cold"] if r["hits"]) >= 5 and any(r["split"] for r in out["cold"])


COUNT_CLIENT = FILE_INDEX + r"""
const folder = process.argv[2];
(async () => {
  const idx = fileIndex(folder);
  await idx.load();
  const search = new S.Search(idx);
  const result = await search.run(process.argv[3], { group: -1, year: 0 }, 10);
  const first = { hits: result.hits.map((h) => h.url), split: !!result.split };
  idx.asked = [];
  await search.complete(result, 10);
  process.stdout.write(JSON.stringify({ first, texts: idx.asked.filter((n) => n.startsWith("c/")),
    total: result.total, exact: !!result.exact, hits: result.hits.map((h) => h.url) }));
})().catch((error) => { process.stdout.write(JSON.stringify({ error: String(error.stack) })); });
"""


def test_the_exact_count_reads_only_the_texts_it_must_confirm(tmp_path):
    """After the first hits the page counts every candidate when their texts to confirm are small. The candidates
    their n-gram lists or titles already prove need no text: a question whose first candidates needed theirs once
    fetched the text of every candidate behind them (at 10,000 documents, 7,683 files, 14.8 MB, for one count)."""
    import shutil
    import subprocess

    import pytest

    from govsite.search.words import Vocabulary
    from sitekit import REPO

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js runs the browser's search code here (make test installs it)")
    term, other = "退役军人就业创业", "培训补贴"
    body = "各单位要认真落实相关工作要求，按时报送材料。" * 70  # a text file of its own per record
    # Holding both words, the term only in the text (to be confirmed by it): ranked first.
    unsure = [extract.Record(url=f"a/{k}/", title=f"第{k}号通知", text=body + term + "。" + other, group="其他")
              for k in range(6)]
    # The other word only, whose n-gram list proves it (no text needed): ranked after them.
    proven = [extract.Record(url=f"b/{k}/", title=f"政策第{k}条", text=body + other, group="其他") for k in range(30)]
    vocabulary = Vocabulary(fillers=("有什么",), words=(term, other))
    index.write_files(index.build_files(unsure + proven, vocabulary=vocabulary), tmp_path / "searchindex")
    done = subprocess.run([node, "-e", COUNT_CLIENT, str(REPO / "content/assets/search/search.js"),
                           str(tmp_path / "searchindex"), f"{term}有什么{other}"],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    out = json.loads(done.stdout)
    assert "error" not in out, out
    assert out["first"]["split"] and set(out["first"]["hits"]) <= {r.url for r in unsure}
    # Every candidate counted and listed, in rank order: the six, then the thirty.
    assert out["exact"] and out["total"] == 36
    assert out["hits"][:6] == sorted(r.url for r in unsure) and sorted(out["hits"][6:]) == sorted(r.url for r in proven)
    # No text of a candidate already proven (one file per record here; the six were read for the first hits).
    assert len(set(out["texts"])) <= len(unsure), out["texts"]


def test_shard_files_are_the_size_set_on_a_small_site_too():
    """A query downloads whole shard files: their number is set from what they hold, the n-grams' code points and
    counts as well as their postings. On a small site an n-gram is on a page or two, so its code points and counts
    are most of its file's bytes; counted by the postings alone, the demo site's files were 42 kB each (SHARD_BYTES
    16 kB) and a question of 17–26 files fetched over 300 kB. Random texts of many characters: few postings each."""
    import random

    rng = random.Random(5)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    records = [extract.Record(url=f"r/{k}/", title=f"第{k}页", text="".join(rng.choice(chars) for _ in range(400)),
                              group="其他") for k in range(150)]
    files = index.build_files(records)
    manifest = json.loads(files["manifest.json"])
    sizes = [len(files[f"g/{n}.bin"]) for n in range(manifest["shards"])]
    assert len(sizes) >= 20
    assert sum(sizes) / len(sizes) <= 1.2 * index.SHARD_BYTES
    assert max(sizes) <= 2 * index.SHARD_BYTES
