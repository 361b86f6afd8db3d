"""The site's search in headless Chromium, typed the way people type, on a desktop and a 375-px phone.

Expected hits are computed here from the built pages' HTML (lxml, not the search code): a law article is an
element with id="art-N"; a page counts without its articles.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest

from sitekit import REPO, search_record_texts

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _text(el) -> str:
    """Text a reader searches: without permalinks, scripts, form controls and what a template marks
    `data-search-exclude` (docs/search.md)."""
    for link in el.xpath(".//a[contains(@class, 'headerlink')] | .//script | .//style | .//select | .//button"
                         " | .//*[@data-search-exclude]"):
        link.drop_tree()
    return re.sub(r"\s+", " ", el.text_content())


@functools.cache
def _kept_out() -> frozenset[str]:
    """Pages the engine keeps out of the search on purpose (page meta search.exclude: the 合规检查 page, the
    comparisons of law versions); the built HTML does not show it."""
    from govsite import build as engine
    from govsite.search import facts

    site = engine.load_site(REPO, site_url="")
    pages, _ = engine.render_site(site)
    return frozenset(url for url, fact in facts.collect(site, pages).items() if fact.exclude)


def _pages(site: Path):
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        if url.startswith(("assets/", "searchindex/")) or url in _kept_out():
            continue
        tree = lxml.html.fromstring(path.read_bytes())
        article = tree.xpath("//article")
        if article:
            yield url, tree, article[0]


def _units_containing(site: Path, phrase: str) -> set[str]:
    """URLs of law articles, answers (elements marked data-search-record) and pages (without those) whose text
    or, for an answer, its question contains `phrase`."""
    found = set()
    for url, tree, article in _pages(site):
        title = (tree.findtext(".//head/title") or "").rsplit(" - ", 1)[0]
        for el in article.xpath(".//*[starts-with(@id, 'art-')]"):
            if phrase in _text(el):
                found.add(f"{url}#{el.get('id')}")
            el.drop_tree()
        for el in article.xpath(".//*[@data-search-record and @id]"):
            if phrase in _text(el) or phrase in el.get("data-search-record"):
                found.add(f"{url}#{el.get('id')}")
            el.drop_tree()
        if phrase in title or phrase in _text(article):
            found.add(url)
    return found


def _law_page(site: Path, title: str):
    for url, tree, article in _pages(site):
        if (tree.findtext(".//head/title") or "").rsplit(" - ", 1)[0] == title:
            return url, article
    raise AssertionError(f"no page titled {title}")


def _search(page, base: str, query: str):
    page.goto(base, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.keyboard.press("End")  # a real key after typed Chinese, as a person's IME would send
    page.wait_for_function("q => document.querySelector('[data-govsite-search]').dataset.gsDone === q", arg=query)
    return page.locator(".md-search-result__item")


def _site_relative(href: str, base: str) -> str:
    """The hit's page (and #art-N) relative to the site, without the ?h= that marks the terms there."""
    assert href.startswith(base), href
    href = href[len(base):]
    path, _, rest = href.partition("?")
    return path + ("#" + rest.split("#", 1)[1] if "#" in rest else "")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_piece_of_a_compound_finds_every_fuxu_article(browser, built_site, served_site, offsite_requests, viewport):
    expected = _units_containing(built_site, "恤金")
    assert len(expected) > 20 and all("#art-" in u or not u.startswith("laws/") or "compare" in u for u in expected)
    found, watch = offsite_requests
    context = browser.new_context(viewport=viewport)
    page = watch(context.new_page())
    hits = _search(page, served_site, "恤金")
    assert page.locator("[data-gs-meta]").inner_text() == f"共 {len(expected)} 条结果"
    first = _site_relative(hits.first.locator("a").get_attribute("href"), served_site)
    assert first in expected
    assert "恤金" in hits.first.locator("mark").first.inner_text()
    top = [_site_relative(a.get_attribute("href"), served_site) for a in page.locator(".md-search-result__link").all()]
    assert sum("#art-" in url for url in top[:10]) >= 5  # the 抚恤金 articles themselves, not only whole laws
    more = page.locator("[data-gs-more]")
    for _ in range(100):  # "显示更多结果" until every hit is listed (scrolling near the end also loads more)
        if not more.is_visible():
            break
        shown = page.locator(".md-search-result__link").count()
        more.dispatch_event("click")  # no waiting for the button to hold still: the list grows under it
        try:
            page.wait_for_function("n => document.querySelectorAll('.md-search-result__link').length > n"
                                   " || document.querySelector('[data-gs-more]').hidden", arg=shown, timeout=10000)
        except Exception:
            pass  # looked again on the next round
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__link').length >= n", arg=len(expected))
    shown = {_site_relative(a.get_attribute("href"), served_site) for a in page.locator(".md-search-result__link").all()}
    assert shown == expected
    box = page.locator(".md-search__inner").bounding_box()
    assert box["width"] <= viewport["width"]
    context.close()
    assert found == []


def test_repealed_law_is_marked_on_its_hits(browser, built_site, served_site, offsite_requests):
    url, article = _law_page(built_site, "退役士兵安置条例")
    status = article.xpath("string(.//h1//*[contains(@class, 'status')])").strip()
    assert status == "已废止"  # the law page itself says so (computed from its 废止日期)
    found, watch = offsite_requests
    page = watch(browser.new_context(viewport=PHONE).new_page())
    hits = _search(page, served_site, "退役士兵安置条例")
    first = hits.first
    assert _site_relative(first.locator("a").get_attribute("href"), served_site) == url
    assert first.locator(".gs-status").inner_text() == "已废止"
    # Its articles follow (the 政策问答 answer titled “《退役士兵安置条例》还有效吗？” may come between).
    article_hit = page.locator(".md-search-result__item:has(a[href*='#art-'])").first
    hrefs = [h.locator("a").get_attribute("href") for h in hits.all()]
    assert next(i for i, href in enumerate(hrefs) if "#art-" in href) <= 2
    assert article_hit.locator(".gs-status").inner_text() == "已废止"
    page.screenshot(path="/tmp/search-repealed-phone.png")
    page.context.close()
    assert found == []


def _document_numbers(site: Path) -> dict[str, str]:
    numbers = {}
    for url, _tree, article in _pages(site):
        for row in article.xpath(".//tr[th and td]"):
            if row.xpath("string(th[1])").strip() == "发文字号":
                numbers[row.xpath("string(td[1])").strip()] = url
    return numbers


def test_document_number_lands_on_that_document(browser, built_site, served_site, offsite_requests):
    numbers = _document_numbers(built_site)
    assert numbers, "the demo data has policy documents with 发文字号"
    number, url = sorted(numbers.items())[0]
    short = re.search(r"〔\d{4}〕\d+号", number).group(0)
    found, watch = offsite_requests
    page = watch(browser.new_page())
    for query in (number, short):
        hits = _search(page, served_site, query)
        assert _site_relative(hits.first.locator("a").get_attribute("href"), served_site) == url, query
    page.keyboard.press("Enter")  # Enter opens the first hit
    page.wait_for_url(re.compile(re.escape(served_site + url) + r"\?h="))
    assert page.locator("article mark.gs-highlight").first.inner_text() == short  # the number marked there
    page.close()
    assert found == []


def test_filters_by_type_and_year(browser, built_site, served_site):
    page = browser.new_page()
    hits = _search(page, served_site, "退役军人")
    total = hits.count()
    unfiltered = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    assert any("/laws/" not in h for h in unfiltered), "the unfiltered hits include other kinds"
    page.locator("[data-gs-group='法律法规']").click()
    # The filtered list is drawn: every hit shown is a law (the unfiltered first page had other kinds).
    page.wait_for_function("""() => {
        const links = [...document.querySelectorAll('.md-search-result__link')];
        return links.length > 0 && links.every(a => a.getAttribute('href').includes('/laws/'));
    }""")
    hrefs = [_site_relative(a.get_attribute("href"), served_site) for a in page.locator(".md-search-result__link").all()]
    assert hrefs and all(h.startswith("laws/") for h in hrefs)
    assert page.locator("[data-gs-group='法律法规']").get_attribute("aria-pressed") == "true"
    page.locator("[data-gs-group='全部']").click()
    page.wait_for_function("hrefs => [...document.querySelectorAll('.md-search-result__link')]"
                           ".map(a => a.getAttribute('href')).join() === hrefs.join()", arg=unfiltered)
    assert hits.count() == total
    years = page.locator("[data-gs-year] option").all_inner_texts()
    assert "2024年" in years
    page.locator("[data-gs-year]").select_option("2024")
    page.wait_for_function("""() => {
        const dates = [...document.querySelectorAll('.md-search-result__item time')];
        return dates.length > 0 && dates.every(t => t.getAttribute('datetime').startsWith('2024'));
    }""")
    dates = page.locator(".md-search-result__item time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates and all(d.startswith("2024") for d in dates)
    assert hits.count() == len(dates)  # a hit without a date is not in any year
    page.close()


def test_keyboard_and_one_character(browser, served_site):
    page = browser.new_page()
    _search(page, served_site, "抚")
    assert page.locator("[data-gs-meta]").inner_text() == "请至少输入两个字"
    page.keyboard.type("恤")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('[data-govsite-search]').dataset.gsDone === '抚恤'")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    second = page.locator(".md-search-result__link").nth(1).get_attribute("href")
    assert focused == second
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.close()


def test_material_search_does_not_ship(built_site, browser, served_site):
    assert not (built_site / "assets/javascripts/lunr").exists()
    assert not list((built_site / "assets/javascripts/workers").glob("search.*")) if (
        built_site / "assets/javascripts/workers").exists() else True
    assert not (built_site / "search/search_index.json").exists()
    page = browser.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    _search(page, served_site, "退役金")
    assert not [u for u in requested if "lunr" in u or "search_index" in u or "workers/search" in u]
    assert any("/searchindex/" in u for u in requested)
    page.close()


def test_article_hit_opens_the_article_with_the_term_marked(browser, served_site):
    page = browser.new_context(viewport=PHONE).new_page()
    _search(page, served_site, "退役金")
    link = page.locator(".md-search-result__link[href*='#art-']").first
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(r".*\?h=.*#" + anchor + "$"))
    marks = page.locator(f"[id='{anchor}'] mark.gs-highlight")
    assert marks.count() >= 1 and marks.first.inner_text() == "退役金"
    assert page.locator("mark.gs-highlight").count() == marks.count()  # only inside the article it hit
    assert not page.locator("#__search").is_checked()  # the overlay closed
    page.context.close()


def test_browser_folds_text_like_the_index(browser, served_site):
    """search.js and govsite/search/text.py must fold every character the same way (one to one)."""
    from govsite.search.text import fold

    samples = ["全角ＡＢＣ１２３", "〔２０２３〕3号", "Ⅻ㈠ﬁ", "𝐀𝟏", "İstanbul", "a\u3000b\tc", "抚恤金（一）",
               "11410100MB0000000X/2023-00001", "ＫＴＶ－ｃｏ．", "①②", "¼", "가나", "a\x85b\ufeffc\x1cd",
               "\u00a0\u2003\u200b"]
    # Every character of the Basic Multilingual Plane and a few astral blocks, one string per block of 4,096:
    # search.js skips the characters it knows to be unchanged with a regular expression, this checks that list.
    # Characters Python's Unicode database does not know yet (assigned after its version; Chromium's ICU is
    # newer) are left out: their case mappings legitimately differ, and no Chinese official text uses them.
    planes = [c for c in [*range(0x10000), *range(0x1D400, 0x1D800), *range(0x1F100, 0x1F200),
                          *range(0x20000, 0x20100)]
              if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) != "Cn"]
    samples += ["".join(map(chr, planes[i:i + 4096])) for i in range(0, len(planes), 4096)]
    samples += ["軍人撫卹優待條例", "某退役军人发[2024]1号（2024）【2024】〖2024〗"]
    page = browser.new_page()
    page.goto(served_site, wait_until="networkidle")
    # The traditional characters come with the index (fold.json): fold() equals text.fold() once it is loaded.
    in_browser = page.evaluate("""async samples => {
        await window.govsiteSearch.index.load();
        return samples.map(s => window.govsiteSearch.fold(s));
    }""", samples)
    page.close()
    expected = [fold(s) for s in samples]
    for got, want, sample in zip(in_browser, expected, samples):
        assert got == want, next(f"U+{ord(c):04X}: JS {g!r}, Python {w!r}" for c, g, w in zip(sample, got, want) if g != w)
    assert all(len(f.encode("utf-16-le")) == len(s.encode("utf-16-le"))
               for f, s in zip(in_browser, samples))  # UTF-16 lengths too (JS strings)
    assert in_browser[-2:] == ["军人抚恤优待条例", "某退役军人发〔2024〕1号〔2024〕〔2024〕〔2024〕"]


def test_long_terms_fetch_rare_grams_first(browser, served_site):
    """An index number has 26 4-grams; the ones every 索引号 shares have lists of their own (manifest `solo`)
    and narrow nothing down. search.js takes the others first, and never fewer than two. A term with a
    character outside the BMP is covered by trigrams (its 4-grams are not indexed)."""
    page = browser.new_page()
    page.goto(served_site, wait_until="networkidle")
    term = "11410100mb0000000x/2023-00001"
    prefix = "11410100mb0000000x/20"
    common = {prefix[i:i + 4]: 1 for i in range(len(prefix) - 3)}
    picked = page.evaluate("([t, solo]) => window.govsiteSearch.cover(t, solo)", [term, common])
    everything = page.evaluate("([t]) => window.govsiteSearch.cover(t, {})", [term])
    only_common = page.evaluate("([t]) => window.govsiteSearch.cover(t, {'0000': 1})", ["0000000000000000"])
    short = page.evaluate("() => ['抚恤金', '退役军人', '伤残抚恤金', '一次性抚恤金', '𠀾某某同志']"
                          ".map(t => window.govsiteSearch.cover(t, {}))")
    page.close()
    assert picked and not set(picked) & common.keys()
    assert all(gram in term and len(gram) == 4 for gram in picked + everything)
    assert len(everything) == 3 and everything[0] == term[:4] and everything[-1] == term[-4:]  # MAX_GRAMS, spread
    assert only_common == ["0000"]  # nothing rarer exists: the common one is still used
    assert short == [["抚恤金"], ["退役军人"], ["伤残抚恤", "残抚恤金"], ["一次性抚", "性抚恤金"],
                     ["𠀾某某", "某同志"]]


def _held_text_files(page):
    """Hold every stored-text file (searchindex/c/*.json) until release() is called: what the search box shows
    without them was drawn from the n-gram lists and titles.json alone (one round of requests)."""
    held = []
    page.route(re.compile(r"/searchindex/c/\d+\.json"), lambda route: held.append(route))

    def release():
        while held:
            held.pop().continue_()
    return held, release


def test_first_hits_are_shown_before_any_text_arrives(browser, built_site, served_site):
    expected = _units_containing(built_site, "抚恤金")
    page = browser.new_page(viewport=PHONE)
    held, release = _held_text_files(page)
    page.goto(served_site, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("抚恤金")
    page.keyboard.press("End")
    hits = page.locator(".md-search-result__item")
    hits.first.wait_for()
    assert held, "the snippets' text files were asked for and are held back"
    # Titles, kinds and dates and the exact count are on screen; the snippets are still empty.
    assert page.locator("[data-gs-meta]").inner_text() == f"共 {len(expected)} 条结果"
    assert hits.count() == 10
    assert all(_site_relative(a.get_attribute("href"), served_site) in expected
               for a in page.locator(".md-search-result__link").all())
    assert hits.first.locator(".gs-kind").inner_text() and hits.first.locator("h1").inner_text()
    assert page.locator(".gs-snippet mark").count() == 0
    first_hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    for _ in range(50):  # release what is held, also requests made after the first release
        release()
        if page.evaluate("() => document.querySelector('[data-govsite-search]').dataset.gsDone === '抚恤金'"):
            break
        page.wait_for_timeout(100)
    page.wait_for_function("() => document.querySelector('[data-govsite-search]').dataset.gsDone === '抚恤金'")
    # Then each snippet is filled in, the order unchanged.
    assert [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()] == first_hrefs
    assert page.locator(".gs-snippet").count() == 10
    assert all("抚恤金" in s.inner_text() for s in page.locator(".gs-snippet").all())
    page.close()


def _record_texts(site: Path) -> list[str]:
    """Title, document numbers and stored text of each record, read back from the index files."""
    titles = json.loads((site / "searchindex/titles.json").read_text(encoding="utf-8"))
    return [" ".join([row[1], (row + ["", ""])[4], text]) for row, text in zip(titles, search_record_texts(site))]


def _near_miss(site: Path) -> tuple[str, int]:
    """A five-character term that no page contains although one record holds both of its 4-grams (at two
    different places): that record is a candidate that its text must rule out."""
    texts = _record_texts(site)
    everything = "\n".join(texts)
    chinese = re.compile(r"[\u4e00-\u9fff]{4}")
    for rid, text in enumerate(texts):
        for i in range(len(text) - 3):
            head = text[i:i + 4]
            if not chinese.fullmatch(head):
                continue
            for j in range(len(text) - 3):  # the same three characters elsewhere, then another one
                tail = text[j:j + 4]
                if tail[:3] == head[1:] and chinese.fullmatch(tail) and head + tail[3] not in everything:
                    return head + tail[3], rid
    raise AssertionError("no near miss in the demo site")


def test_a_candidate_without_the_term_is_never_shown(browser, built_site, served_site):
    term, rid = _near_miss(built_site)
    assert not _units_containing(built_site, term)
    page = browser.new_page()
    # In quotes, a phrase stays exact: nothing holds it, nothing is shown.
    hits = _search(page, served_site, f"“{term}”")
    assert hits.count() == 0
    assert page.locator("[data-gs-meta]").inner_text() == f"没有找到包含“{term}”的内容"
    # Without quotes the site looks for its words instead, and says so above the hits.
    hits = _search(page, served_site, term)
    if hits.count():
        assert page.locator("[data-gs-note]").is_visible()
        assert "没有找到与输入完全相同的内容" in page.locator("[data-gs-note]").inner_text() or \
            "没有同时包含全部词语的结果" in page.locator("[data-gs-note]").inner_text()
    # It was a candidate indeed: the record holds both 4-grams the term is looked up by.
    grams = page.evaluate("t => window.govsiteSearch.cover(t, {})", term)
    assert grams == [term[:4], term[1:]]
    lists = page.evaluate("""async grams => {
        const index = window.govsiteSearch.index;
        return Promise.all(grams.map(g => index.postings(g).then(p => Array.from(p.ids))));
    }""", grams)
    assert all(rid in ids for ids in lists)
    page.close()


def test_a_term_deep_in_a_long_page_is_confirmed_from_its_whole_text(browser, built_site, served_site):
    """A page longer than one text file (政策找找看 lists every benefit) is stored in parts; a long term found
    only in a later part is confirmed there, not taken on trust and not missed."""
    texts = _record_texts(built_site)
    titles = json.loads((built_site / "searchindex/titles.json").read_text(encoding="utf-8"))
    rid = next(r for r, row in enumerate(titles) if row[0] == "services/")
    text = texts[rid]
    assert len(text) > 3 * 6000
    chinese = re.compile(r"[\u4e00-\u9fff]{6}")
    term = next(text[i:i + 6] for i in range(len(text) - 12_000, len(text) - 6)
                if chinese.fullmatch(text[i:i + 6]) and len(_units_containing(built_site, text[i:i + 6])) == 1)
    assert _units_containing(built_site, term) == {"services/"}
    page = browser.new_page()
    hits = _search(page, served_site, term)
    assert [_site_relative(a.get_attribute("href"), served_site) for a in hits.locator("a").all()] == ["services/"]
    assert page.locator("[data-gs-meta]").inner_text() == "共 1 条结果"
    page.close()


def test_a_missing_index_file_says_so_in_chinese(browser, served_site):
    """An index file that cannot be downloaded (a half-finished upload, a proxy): a message, not a silent box."""
    page = browser.new_page()
    page.route(re.compile(r"/searchindex/g/"), lambda route: route.fulfill(status=404, body="not found"))
    hits = _search(page, served_site, "抚恤金")
    assert hits.count() == 0
    message = page.locator("[data-gs-meta]").inner_text()
    assert message.startswith("搜索出错：索引文件 g/") and "无法下载（404）" in message, message
    page.unroute(re.compile(r"/searchindex/g/"))
    page.close()
    page = browser.new_page()
    page.route(re.compile(r"/searchindex/titles\.json"), lambda route: route.abort())
    page.goto(served_site, wait_until="networkidle")
    page.keyboard.press("/")
    page.wait_for_function("() => document.querySelector('[data-gs-meta]').textContent.includes('搜索暂时不可用')")
    page.close()


def test_articles_that_say_it_come_before_those_that_only_belong_to_it(browser, built_site, served_site):
    """宪法: every article of the 宪法 carries the word in its hit's title ("中华人民共和国宪法 第N条"); those whose
    text says 宪法 come first, then the rest in article order (the title is not counted twice as text)."""
    url, _ = _law_page(built_site, "中华人民共和国宪法")
    saying = {u for u in _units_containing(built_site, "宪法") if u.startswith(url + "#art-")}
    page = browser.new_page()
    _search(page, served_site, "宪法")
    order = page.evaluate("""async () => {
        const S = window.govsiteSearch, result = await S.search.run('宪法', {});
        while (result.pending.length) await S.search.check(result, 1000);
        return result.hits.map(h => h.url);
    }""")
    page.close()
    articles = [u for u in order if u.startswith(url + "#art-")]
    assert url in order[:10] and order.index(url) < order.index(articles[0])  # the law's own page first
    assert len(saying) >= 5 and len(articles) > len(saying)
    assert set(articles[:len(saying)]) == saying
    rest = [int(u.rsplit("-", 1)[1]) for u in articles[len(saying):]]
    assert rest == sorted(rest)


def test_a_long_term_is_confirmed_by_the_text_served(browser, built_site, served_site):
    """Another angle on confirmation: a term of six characters that one record's text holds (not its title or
    document numbers). Served as built, that record is the hit; served with its text file altered so that the
    term is gone, the record is no longer shown although the 4-gram lists still point at it: the lists only
    propose candidates, the text decides."""
    texts = _record_texts(built_site)
    titles = json.loads((built_site / "searchindex/titles.json").read_text(encoding="utf-8"))
    chinese = re.compile(r"[\u4e00-\u9fff]{6}")
    everything = "\n".join(texts)
    term, rid = next((text[i:i + 6], r) for r, text in enumerate(texts) for i in range(0, len(text) - 6, 7)
                     if chinese.fullmatch(text[i:i + 6]) and everything.count(text[i:i + 6]) == 1
                     and text[i:i + 6] not in titles[r][1] and len(texts[r]) < 6000)
    page = browser.new_page()
    hits = _search(page, served_site, f"“{term}”")
    assert [_site_relative(a.get_attribute("href"), served_site) for a in hits.locator("a").all()] == [titles[rid][0]]

    def altered(route):
        body = route.fetch().text()
        route.fulfill(status=200, content_type="application/json", body=body.replace(term, "某" * len(term)))
    page.route(re.compile(r"/searchindex/c/\d+\.json"), altered)
    hits = _search(page, served_site, f"“{term}”")  # a new page load: nothing cached
    assert hits.count() == 0
    assert page.locator("[data-gs-meta]").inner_text() == f"没有找到包含“{term}”的内容"
    page.close()
