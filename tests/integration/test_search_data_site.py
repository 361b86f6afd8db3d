"""What the editors keep for the search (data/search/), in the real strict build: every synonym and everyday word
finds something, every intent's page is a record, lists are marked, and a page that does not exist stops the
build with the line to fix.

Expected values come from the data files and the pages' text, not from the index's own lists.
"""
from __future__ import annotations

import json
import struct

import yaml

from govsite.search.text import fold
from sitekit import REPO, copy_site, run_build, search_record_texts

FLAG_LISTING = 4


def _records(site):
    titles = json.loads((site / "searchindex/titles.json").read_text(encoding="utf-8"))
    texts = search_record_texts(site)
    table = (site / "searchindex/records.bin").read_bytes()
    flags = [struct.unpack_from("<BBHH", table, 8 + 6 * rid)[1] for rid in range(len(titles))]
    return [(row[0], fold(" ".join([row[1], *(row[4:5] or [""]), text])), flag)
            for row, text, flag in zip(titles, texts, flags)]


def test_every_synonym_and_everyday_word_finds_something(built_site):
    """Searching any word of synonyms.yml finds pages: a group of synonyms has a member on some page, and every
    official term an everyday word stands for is on some page (an everyday word whose official term the site
    does not use would find nothing: a mistake to fix in the data)."""
    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))
    text = " ".join(t for _, t, _ in _records(built_site))
    for group in data["同义词"]:
        assert any(fold(w) in text for w in group), group
    for entry in data["俗称"]:
        missing = [w for w in entry["正式说法"] if fold(w) not in text]
        assert not missing, (entry["说法"], missing)
    assert len(data["俗称"]) >= 30  # seeded from the law texts and the Q&A, for editors to extend


def test_every_intent_page_is_a_search_record(built_site):
    data = yaml.safe_load((REPO / "data/search/intents.yml").read_text(encoding="utf-8"))
    urls = [url for url, _, _ in _records(built_site)]
    words = json.loads((built_site / "searchindex/words.json").read_text(encoding="utf-8"))
    assert [urls[rid] for rid, *_ in words["intents"]] == [entry["页面"] for entry in data["入口"]]
    laws = {urls[rid] for rid in words["laws"]}
    assert {"laws/tuiyi-junren-baozhangfa/", "laws/geren-xinxi-baohufa/", "laws/tuiyi-shibing-anzhi-tiaoli/"} <= laws
    assert not any("#" in url for url in laws)


def test_lists_and_catalogues_are_marked_and_documents_are_not(built_site):
    flags = {url: flag for url, _, flag in _records(built_site)}
    for url in ("xxgk/zcwj/", "xxgk/ml/", "xxgk/ml/2024/all/gzbg/", "xxgk/ndbg/", "notices/", "laws/", "pufa/anli/",
                "services/guides/", "feeds/", "", "pufa/dati/tuiyi-junren-baozhangfa/", "services/"):
        assert flags[url] & FLAG_LISTING, url
    for url in ("xxgk/zcwj/2024-001/", "xxgk/ndbg/2024/", "notices/2023/yangguang-anzhi-2023-jieguo/",
                "laws/tuiyi-junren-baozhangfa/", "services/guides/youdaizheng-shenling/", "xxgk/ysqgk/", "hdjl/"):
        assert not flags[url] & FLAG_LISTING, url


def test_an_intent_page_that_does_not_exist_stops_the_build(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/search/intents.yml"
    text = path.read_text(encoding="utf-8")
    assert "    页面: hdjl/\n" in text
    path.write_text(text.replace("    页面: hdjl/\n", "    页面: hudong/\n", 1), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if t == "    页面: hudong/")
    result = run_build(root, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"data/search/intents.yml:{line} 入口“互动交流（投诉、意见建议、局长信箱）” 页面: 本站没有可搜索的页面“hudong/”" in output
    assert "Traceback" not in output


def test_a_catalogues_year_and_kind_ask_for_that_years_documents_first(built_site):
    """Each catalogue view titled with a year and a kind (政府信息公开目录：2023年、规范性文件), asked as 2023年的规范性文件
    by search.js in Node on the built index: the view may come before a document of that year holding the same
    words only when a document of another year holding them comes before it too (the year's document would then
    be beaten by another year's, and the view is the better answer). A document's year is the one its title names,
    else the one of its 索引号."""
    import re
    import subprocess

    titles = json.loads((built_site / "searchindex/titles.json").read_text(encoding="utf-8"))
    flags = {url: flag for url, _, flag in _records(built_site)}
    kinds = {}
    for row in titles:
        found = re.fullmatch(r"政府信息公开目录：(\d{4})年、([^、]+)", row[1])
        if found:
            kinds[f"{found[1]}年的{found[2]}"] = (row[0], found[1])
    assert kinds

    def year_of(row):
        named = re.findall(r"(?:19|20)\d\d", row[1])
        if named:
            return named
        index_number = re.search(r"/((?:19|20)\d\d)-\d{5}", row[4] if len(row) > 4 else "")
        return [index_number[1]] if index_number else []
    years = {row[0]: year_of(row) for row in titles}
    asked = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in kinds)
    done = subprocess.run(["node", str(REPO / "bench/search_same.js"), str(REPO / "content/assets/search/search.js"),
                           str(built_site / "searchindex")], input=asked, capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        answer = json.loads(line)
        view, year = kinds[answer["q"]]
        hits = answer["run"]["hits"]  # [url, score, count, held, pinned]
        place = next((i for i, h in enumerate(hits) if h[0] == view), None)
        if place is None:
            continue
        held = hits[place][3]
        later = [h[0] for h in hits[place + 1:] if h[3] == held and not flags[h[0]] & FLAG_LISTING
                 and year in years[h[0]]]
        before = [h[0] for h in hits[:place] if h[3] == held and not flags[h[0]] & FLAG_LISTING
                  and years[h[0]] and year not in years[h[0]]]
        assert not later or before, (answer["q"], hits[:place + 1], later)
