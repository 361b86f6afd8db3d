"""The search index in the real strict build: every law article is a record, facts come from the data.

Expected values are computed from the sources (law texts, policy YAML), not from the index.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import struct
from pathlib import Path

import yaml

from sitekit import search_record_texts

REPO = Path(__file__).resolve().parents[2]
TEXTS = REPO / "data" / "laws" / "texts"


def _records(site: Path) -> dict[str, list]:
    """url -> [url, title, kind, date, status, text, keys], read back from the index files."""
    folder = site / "searchindex"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    table = (folder / "records.bin").read_bytes()
    count, _ = struct.unpack_from("<II", table, 0)
    days = [struct.unpack_from("<BBHH", table, 8 + 6 * rid)[2] for rid in range(count)]
    texts = search_record_texts(site)
    titles = json.loads((folder / "titles.json").read_text(encoding="utf-8"))
    epoch = dt.date.fromisoformat(manifest["epoch"])
    rows = {}
    for rid, row in enumerate(titles):
        url, title, kind, status, keys = (row + ["", ""])[:5]
        date = (epoch + dt.timedelta(days=days[rid])).isoformat() if days[rid] else ""
        rows[url] = [url, title, manifest["kinds"][kind], date, status, texts[rid], keys]
    assert count == manifest["records"] == len(rows) == len(texts)
    return rows


def _article_count(name: str) -> int:
    text = (TEXTS / name).read_text(encoding="utf-8")
    return len(re.findall(r"(?m)^第[零一二三四五六七八九十百千]+条[ \u3000]", text))


def test_every_law_article_is_a_record(built_site):
    rows = _records(built_site)
    for url, name in (("laws/tuiyi-junren-baozhangfa/", "中华人民共和国退役军人保障法.md"),
                      ("laws/tuiyi-shibing-anzhi-tiaoli/", "退役士兵安置条例.md"),
                      ("laws/xianfa/", "中华人民共和国宪法.md")):
        count = _article_count(name)
        assert {u for u in rows if u.startswith(url + "#art-")} == {f"{url}#art-{n}" for n in range(1, count + 1)}
    article = rows["laws/tuiyi-junren-baozhangfa/#art-21"]
    assert article[1].endswith("第二十一条")
    source = (TEXTS / "中华人民共和国退役军人保障法.md").read_text(encoding="utf-8")
    first_paragraph = re.search(r"(?m)^第二十一条 (.+)$", source).group(1)
    assert first_paragraph in article[5]


def test_repealed_law_and_policy_facts(built_site):
    rows = _records(built_site)
    assert rows["laws/tuiyi-shibing-anzhi-tiaoli/"][4] == "已废止"
    assert rows["laws/tuiyi-shibing-anzhi-tiaoli/#art-32"][4] == "已废止"
    assert rows["laws/tuiyi-junren-anzhi-tiaoli/"][4] == ""  # in force: no mark
    for path in sorted((REPO / "data/policies").glob("*.yml")):
        policy = yaml.safe_load(path.read_text(encoding="utf-8"))
        row = rows[f"xxgk/zcwj/{path.stem}/"]
        assert row[3] == str(policy["发布日期"]), path.name
        assert policy["发文字号"] in row[6] if "发文字号" in policy else True
        assert row[2]  # a 类别 to show


def test_material_search_is_not_shipped(built_site):
    assert not (built_site / "assets/javascripts/lunr").exists()
    assert not list(built_site.glob("assets/javascripts/workers/search.*"))
    assert not (built_site / "search/search_index.json").exists()
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'name="govsite-search"' in page and "assets/search/search.js" in page


def test_index_streamed_during_the_build_equals_the_index_of_the_written_pages(built_site, tmp_path):
    """`mkdocs build` indexes pages in a child process while it renders (search.PageStream); reading the
    finished site/ again with build_index() must give the same files, byte for byte."""
    from govsite import build as engine
    from govsite import search

    site = engine.load_site(REPO, site_url="")
    pages, _ = engine.render_site(site)
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns("searchindex"))
    search.build_index(site, copy, pages)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    streamed, reread = files(built_site / "searchindex"), files(copy / "searchindex")
    assert len(streamed) > 100 and streamed.keys() == reread.keys()
    assert [name for name in streamed if streamed[name] != reread[name]] == []


def test_a_failed_index_process_stops_the_build_with_a_message(tmp_path):
    """If the indexing child dies (killed, out of memory), `mkdocs build` stops with a Chinese message and a
    non-zero exit code, not a traceback (the Makefile then leaves the previous site/ in place)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    env = dict(os.environ, GOVSITE_TODAY="2026-11-26", NO_MKDOCS_2_WARNING="1")
    build = subprocess.Popen([str(Path(sys.executable).with_name("mkdocs")), "build", "--quiet", "--site-dir",
                              str(tmp_path / "site")], cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
    deadline = time.monotonic() + 30
    killed = False
    while not killed and time.monotonic() < deadline and build.poll() is None:
        pids = children.read_text().split() if children.exists() else []
        if pids:
            os.kill(int(pids[0]), signal.SIGKILL)  # the indexer, forked at startup
            killed = True
        time.sleep(0.01)
    stdout, stderr = build.communicate(timeout=300)
    output = stdout + stderr  # MkDocs prints an Abort's message on stdout
    assert killed, "the build had no child process to kill"
    assert build.returncode != 0
    assert "搜索索引生成失败：索引进程意外退出（退出码 -9）" in output
    assert "Traceback" not in output


def test_a_two_character_term_lists_exactly_the_records_holding_it(built_site):
    """The bigram lists are the whole answer for a term of two characters (恤金, 役金 …: nothing is confirmed
    afterwards). Read from the real build with an independent decoder, each sampled bigram of the law texts
    and of the demo pages must list exactly the records whose title, document numbers or text hold it
    (folded as text.py folds), with its count."""
    from govsite.search.text import fold
    from sitekit import search_postings

    titles = json.loads((built_site / "searchindex/titles.json").read_text(encoding="utf-8"))
    heads = [fold(row[1] + " " + (row + ["", "", ""])[4]) for row in titles]
    bodies = [fold(text) for text in search_record_texts(built_site)]
    postings = search_postings(built_site)
    corpus = "".join((TEXTS / name).read_text(encoding="utf-8") for name in sorted(p.name for p in TEXTS.glob("*.md")))
    chinese = re.compile(r"[\u4e00-\u9fff]{2}")
    sample = sorted({corpus[i:i + 2] for i in range(0, len(corpus) - 1, 211) if chinese.fullmatch(corpus[i:i + 2])})
    sample += ["恤金", "役金", "〔2", "号）", "ab"]
    assert len(sample) > 100
    for term in sample:
        expected = {rid: head.count(term) + body.count(term) for rid, (head, body) in enumerate(zip(heads, bodies))
                    if term in head or term in body}
        # str.count skips overlaps; a bigram of two different characters never overlaps itself
        got = postings.get(term, {})
        assert set(got) == set(expected), term
        if term[0] != term[1]:
            assert all(got[rid] == min(127, n) for rid, n in expected.items()), term


def test_law_version_comparisons_are_kept_out_of_the_search(built_site):
    """A comparison page repeats the texts of two versions of a law: as a hit it would crowd out the texts
    themselves (it holds every word of both), so the laws type keeps it out; the versions stay searchable."""
    compared = sorted(p.parent.relative_to(built_site).as_posix() + "/"
                      for p in built_site.glob("laws/*/*-compare/index.html"))
    assert compared
    rows = _records(built_site)
    assert not [url for url in rows if url.split("#")[0] in compared]
    for url in compared:
        assert url.replace("-compare/", "/") in rows  # the old version itself
