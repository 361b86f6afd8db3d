"""Search quality: this site's search against Material's built-in search (lunr + jieba) and Pagefind, side by side.

    .venv/bin/python bench/search_eval.py            # builds both sites into a temporary folder
    .venv/bin/python bench/search_eval.py --ours DIR --material DIR   # reuse built sites
    .venv/bin/python bench/search_eval.py --with-pagefind   # also Pagefind 1.5.2 (pip install "pagefind[extended]==1.5.2")
    .venv/bin/python bench/search_eval.py --ours site --ours-only --sets dev   # this site only, one set

Two query sets:

The natural sets (bench/data/natural-queries.yml, and natural-queries-2.yml written after the ranking was settled
on the first and never used to tune it): 68 + 20 queries typed the way visitors type — questions,
traditional characters, words run together, 发文字号 in other brackets, article references — each with the
pages that answer it, judged by hand by reading the pages (the reason is kept beside each). Then 120 questions
written for the query understanding before it was built (understanding-dev.yml, 56, looked at while tuning;
understanding-test.yml, 64, committed alone before and run only when named): laws shortened, everyday words,
same-sounding typos, loose 发文字号, a kind of document with a year, intents, and questions the site has no answer
to (right when the search says so: its no-answer panel, or no hit at all). Metrics: first-hit
relevance (the first hit is one of the relevant pages) and MRR (1 / rank of the first relevant hit), at the
article level (this site must hit the relevant law article itself) and the page level (every engine: a hit on
a relevant page or on the law page of a relevant article).

The exact set, generated:
Queries (deterministic for --seed) are drawn from the real law texts in data/laws/texts/ and from the demo
pages: legal terms of 2–6 characters, pieces of compounds (恤金 from 抚恤金), random phrases, two-term queries,
document and index numbers. The expected hits of a query are computed from the built pages' text (not typed):
every unit — a law article (element id="art-N") or a page without its articles — whose text contains every term.
Both engines run their real code in headless Chromium: ours through the page's search.js, Material's through
its own web worker fed with its search_index.json (exactly what its search box does).

Metrics per engine: recall@10 (hits among the first 10 / min(10, expected)), recall@all, MRR (1 / rank of the
first target: the document whose 发文字号/索引号 was typed, else a page whose title contains the query, else any
expected unit), and queries with zero hits although some page contains the query. "page" counts a hit when
it lands on the right page; "article" requires the right article anchor (Material can only hit pages).
"""
from __future__ import annotations

import argparse
import functools
import html as htmlmod
import http.server
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
NATURAL = REPO / "bench" / "data" / "natural-queries.yml"
# Written after the ranking was settled on NATURAL and never used to tune it: how it does on new questions.
NATURAL_2 = REPO / "bench" / "data" / "natural-queries-2.yml"
# Written for the query understanding (laws shortened, everyday words, typos, loose 发文字号, kind + year, intents,
# questions without an answer) before its code changed, split in two: the development half was looked at while
# tuning; the test half was committed alone first and is run only when asked for by name (--sets ...,test).
UNDERSTANDING_DEV = REPO / "bench" / "data" / "understanding-dev.yml"
UNDERSTANDING_TEST = REPO / "bench" / "data" / "understanding-test.yml"
# Written after the understanding existed and committed alone before the work that followed: the test half above was
# looked at after its first run, so this is the set still held out (run only when named, like the test half).
UNDERSTANDING_TEST_2 = REPO / "bench" / "data" / "understanding-test-2.yml"
# Written in other voices after the second was looked at, and committed alone before the work that followed it.
UNDERSTANDING_TEST_3 = REPO / "bench" / "data" / "understanding-test-3.yml"
# Written in still other voices after the third was looked at, and committed alone before the work that followed it.
UNDERSTANDING_TEST_4 = REPO / "bench" / "data" / "understanding-test-4.yml"
# Written in yet other voices after the fourth was looked at, and committed alone before the work that followed it.
UNDERSTANDING_TEST_5 = REPO / "bench" / "data" / "understanding-test-5.yml"
# Written in new voices again after the fifth was committed, and committed alone before the work that followed it.
UNDERSTANDING_TEST_6 = REPO / "bench" / "data" / "understanding-test-6.yml"
# Written blind to the engine and its data (only the built pages read), and committed alone before any measurement.
UNDERSTANDING_TEST_7 = REPO / "bench" / "data" / "understanding-test-7.yml"
# Written blind like the seventh, after the seventh had been looked at; committed alone before any measurement.
UNDERSTANDING_TEST_8 = REPO / "bench" / "data" / "understanding-test-8.yml"
# Written blind like the eighth, weighted to the kinds of question unseen sets fail on; committed alone before any
# measurement.
UNDERSTANDING_TEST_9 = REPO / "bench" / "data" / "understanding-test-9.yml"
# Written blind like the ninth (only the built pages read, never the engine, its data or a search run), in fresh
# voices; committed alone before any measurement.
UNDERSTANDING_TEST_10 = REPO / "bench" / "data" / "understanding-test-10.yml"
# Everyday words for official terms and questions the site cannot answer, written before the work on those two
# classes: a development part and a part kept aside (committed alone first; its figures only are read).
UNDERSTANDING_DEV_14 = REPO / "bench" / "data" / "understanding-dev-14.yml"
UNDERSTANDING_ASIDE_14 = REPO / "bench" / "data" / "understanding-aside-14.yml"
# The same two classes again, written before the words were derived from the site's own text; the same split.
UNDERSTANDING_DEV_15 = REPO / "bench" / "data" / "understanding-dev-15.yml"
UNDERSTANDING_ASIDE_15 = REPO / "bench" / "data" / "understanding-aside-15.yml"
KEPT_ASIDE = (UNDERSTANDING_ASIDE_14, UNDERSTANDING_ASIDE_15)
SETS = {"natural": NATURAL, "natural-2": NATURAL_2, "dev": UNDERSTANDING_DEV, "test": UNDERSTANDING_TEST,
        "test-2": UNDERSTANDING_TEST_2, "test-3": UNDERSTANDING_TEST_3,
        "test-4": UNDERSTANDING_TEST_4, "test-5": UNDERSTANDING_TEST_5, "test-6": UNDERSTANDING_TEST_6,
        "test-7": UNDERSTANDING_TEST_7, "test-8": UNDERSTANDING_TEST_8,
        "test-9": UNDERSTANDING_TEST_9, "test-10": UNDERSTANDING_TEST_10,
        "dev-14": UNDERSTANDING_DEV_14, "aside-14": UNDERSTANDING_ASIDE_14,
        "dev-15": UNDERSTANDING_DEV_15, "aside-15": UNDERSTANDING_ASIDE_15}
SET_LABELS = {
    NATURAL.name: "natural queries, the set the ranking was developed on",
    NATURAL_2.name: "natural queries written afterwards, never used to tune anything",
    UNDERSTANDING_DEV.name: "new questions for query understanding, development half (looked at while tuning)",
    UNDERSTANDING_TEST.name: "new questions for query understanding, test half (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_2.name: "a second held-out set of questions (frozen before the next tuning, run at the end)",
    UNDERSTANDING_TEST_3.name: "a third held-out set of questions, in other voices (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_4.name: "a fourth held-out set of questions, in still other voices (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_5.name: "a fifth held-out set of questions, in yet other voices (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_6.name: "a sixth held-out set of questions, in new voices again (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_7.name: "a seventh held-out set of questions, written blind to the engine (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_8.name: "an eighth held-out set of questions, written blind to the engine (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_9.name: "a ninth held-out set of questions, written blind to the engine (frozen before tuning, run at the end)",
    UNDERSTANDING_TEST_10.name: "a tenth held-out set of questions, written blind to the engine (frozen before tuning, run at the end)",
    UNDERSTANDING_DEV_14.name: "everyday words and questions with no answer, development part (looked at while tuning)",
    UNDERSTANDING_ASIDE_14.name: "everyday words and questions with no answer, kept aside (figures only)",
    UNDERSTANDING_DEV_15.name: "everyday words, people in context, no answer: development part (looked at while tuning)",
    UNDERSTANDING_ASIDE_15.name: "everyday words, people in context, no answer: kept aside (figures only)",
}
DEFAULT_SETS = ("natural", "natural-2", "dev")  # the test half only when named
# The sets no one tuning the search has read yet, question by question: tools that print queries leave them out.
HELD_OUT = (UNDERSTANDING_TEST_8, UNDERSTANDING_TEST_9, UNDERSTANDING_TEST_10)
BASE_NAME = ["an earlier commit"]  # --base-commit: the name of the commit whose build --base is
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SITE_PARTS = ("mkdocs.yml", "content", "data", "hooks", "overrides")

# Terms people type on this kind of site (the site's users and the law texts); only those that occur are used.
LEGAL_TERMS = [
    "伤残抚恤金", "自主就业", "退役金", "烈士遗属", "违法行为", "抚恤金", "优待证", "赋分选岗", "政府信息",
    "依申请公开", "安置地", "退役士兵", "一次性抚恤金", "定期抚恤金", "褒扬金", "烈士纪念设施", "残疾军人",
    "事业单位", "国有企业", "退役军人", "个人信息", "敏感个人信息", "军人家属", "义务兵", "伤残等级",
    "就业创业", "职业技能", "教育培训", "法律责任", "行政复议", "工作日", "公示", "抚恤优待", "政务公开",
    "医疗保障", "住房", "户口", "档案", "军官", "复员", "逐月领取", "安置待遇", "退役证明",
]
BLOCK = re.compile(r"</?(?:p|div|section|article|aside|li|ul|ol|tr|td|th|table|thead|tbody|caption|h[1-6]|br|"
                   r"blockquote|pre|dd|dt|dl|figure|figcaption|details|summary|header|footer|nav|hr)\b[^>]*>", re.I)
PUNCT = re.compile(r"[\s，。、；：？！“”‘’（）《》〈〉【】「」『』…—,.;:?!()\[\]<>\"'-]")


def fold(text: str) -> str:
    return "".join(c if len(unicodedata.normalize("NFKC", c)) != 1 else unicodedata.normalize("NFKC", c).lower()
                   for c in text)


def plain(fragment: str) -> str:
    """Visible text of an HTML fragment: blocks separated by a space, inline elements joined."""
    fragment = re.sub(r"<(script|style|svg|template|button)\b.*?</\1>", " ", fragment, flags=re.S | re.I)
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", fragment, flags=re.S)
    fragment = BLOCK.sub(" ", fragment)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    return re.sub(r"\s+", " ", htmlmod.unescape(fragment)).strip()


def excluded_pages(root: Path = REPO) -> set[str]:
    """URLs the site keeps out of its search on purpose (page meta search.exclude, e.g. the 合规检查 page for
    supervisors): the engine says which, the built HTML does not show it."""
    sys.path.insert(0, str(root / "hooks"))
    from govsite import build as engine
    from govsite.search import facts

    site = engine.load_site(root, site_url="")
    pages, _ = engine.render_site(site)
    return {url for url, fact in facts.collect(site, pages).items() if fact.exclude}


def units_of(site: Path, excluded: set[str] = frozenset()) -> list[dict]:
    """Every unit a search should find: law articles (#art-N) and pages (without their articles)."""
    units = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith(("assets/", "searchindex/", "search/")) or url in excluded:
            continue
        tree = lxml.html.fromstring(path.read_bytes())
        found = tree.xpath("//article")
        if not found:
            continue
        article = found[0]
        for skipped in article.xpath(".//*[@data-search-exclude] | .//select"):  # docs/search.md
            skipped.drop_tree()
        title = (tree.findtext(".//head/title") or "").rsplit(" - ", 1)[0].strip()
        for el in article.xpath(".//*[starts-with(@id, 'art-')]"):
            if re.fullmatch(r"art-\d+", el.get("id")):
                text = plain(lxml.html.tostring(el, encoding="unicode"))
                units.append({"url": f"{url}#{el.get('id')}", "page": url, "text": fold(text), "raw": text,
                              "heading": fold(title)})  # an article's hit is titled "<law> 第N条"
        for el in article.xpath(".//*[starts-with(@id, 'art-')]"):
            if re.fullmatch(r"art-\d+", el.get("id")):
                el.drop_tree()
        for el in article.xpath(".//*[@data-search-record and @id]"):  # an answer of 政策问答: its own unit
            text = plain(lxml.html.tostring(el, encoding="unicode"))
            heading = fold(el.get("data-search-record"))
            units.append({"url": f"{url}#{el.get('id')}", "page": url, "text": fold(text) + " " + heading,
                          "raw": text, "heading": heading, "title": heading})
            el.drop_tree()
        fields = []
        for row in article.xpath(".//tr[th and td]"):
            if re.sub(r"\s", "", row.xpath("string(th[1])")) in ("发文字号", "文号", "索引号"):
                fields.append(fold(row.xpath("string(td[1])").strip()))
        text = plain(lxml.html.tostring(article, encoding="unicode"))
        units.append({"url": url, "page": url, "text": fold(title + " " + text), "raw": text,
                      "title": fold(title), "fields": fields})
    return units


def law_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((REPO / "data" / "laws" / "texts").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("<!-- INFO END -->", 1)[-1]
        for line in body.splitlines():
            line = re.sub(r"^第[零〇一二三四五六七八九十百千]+条\s*", "", line.strip())
            if line and not line.startswith(("#", "<!--")):
                paragraphs.append(line)
    return paragraphs


def _phrase(rng: random.Random, text: str, length: int) -> str | None:
    for _ in range(20):
        if len(text) <= length:
            return None
        start = rng.randrange(0, len(text) - length)
        piece = text[start:start + length]
        if not PUNCT.search(piece):
            return piece
    return None


def make_queries(units: list[dict], seed: int) -> list[dict]:
    rng = random.Random(seed)
    corpus = " ".join(u["text"] for u in units)
    queries: list[dict] = []
    seen: set[str] = set()

    def add(query: str, kind: str) -> None:
        folded = fold(query)
        if folded in seen or not all(t in corpus for t in folded.split()):
            return
        seen.add(folded)
        queries.append({"q": query, "kind": kind})

    for term in LEGAL_TERMS:
        add(term, "term")
    for term in LEGAL_TERMS:
        if len(term) >= 3:
            add(term[1:], "piece")  # 恤金 from 抚恤金: the end of a compound
    paragraphs = law_paragraphs()
    for _ in range(24):
        phrase = _phrase(rng, rng.choice(paragraphs), rng.choice([2, 3, 4, 5, 6]))
        if phrase:
            add(phrase, "law phrase")
    demo = [u for u in units if not u["page"].startswith("laws/") and len(u["raw"]) > 40]
    for _ in range(16):
        unit = rng.choice(demo)
        phrase = _phrase(rng, unit["raw"], rng.choice([2, 3, 4, 5]))
        if phrase:
            add(phrase, "demo phrase")
    for _ in range(40):
        if sum(1 for q in queries if q["kind"] == "multi") >= 10:
            break
        a, b = rng.sample(LEGAL_TERMS, 2)
        if any(fold(a) in u["text"] and fold(b) in u["text"] for u in units):
            add(f"{a} {b}", "multi")
    doc_numbers, index_numbers = set(), set()
    for unit in units:
        doc_numbers.update(re.findall(r"[^\s，。、；：（）()《》“”]{1,12}〔\d{4}〕\d+号", unit["raw"]))
        index_numbers.update(re.findall(r"[0-9A-Z]{9,18}/\d{4}-\d{5}", unit["raw"]))
    for number in rng.sample(sorted(doc_numbers), min(8, len(doc_numbers))):
        add(number, "doc number")
        add(re.search(r"〔\d{4}〕\d+号", number).group(0), "doc number")  # what people remember: 〔2023〕3号
    for number in rng.sample(sorted(index_numbers), min(6, len(index_numbers))):
        add(number, "doc number")
    return queries


def synonym_groups(root: Path = REPO, site: Path | None = None) -> list[tuple[list[str], list[str]]]:
    """The editor's synonyms and everyday words (data/search/synonyms.yml), folded: (words, what each of them may
    be found as) — a group of synonyms both ways, an everyday word as its official terms; with `site`, also the
    everyday words the index build derived from the site's own text (its words.json's "derived")."""
    import yaml

    path = root / "data" / "search" / "synonyms.yml"
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None) or {}
    groups = [([fold(w) for w in group], [fold(w) for w in group]) for group in data.get("同义词", [])]
    groups += [([fold(w) for w in entry["说法"]], [fold(w) for w in entry["正式说法"]]) for entry in data.get("俗称", [])]
    words = site / "searchindex" / "words.json" if site is not None else None
    if words is not None and words.exists():
        data = json.loads(words.read_text(encoding="utf-8"))
        groups += [(says, official) for says, official in data.get("derived", [])]
    return groups


def variants(term: str, groups: list[tuple[list[str], list[str]]]) -> list[str]:
    """The term and each form with a synonym put in place of a part of it (as search.js's Words.variants)."""
    out = [term]
    for members, found_as in groups:
        for member in members:
            if member in term:
                out += [term.replace(member, other) for other in found_as if other != member]
    return out


def expected_for(query: str, units: list[dict]) -> list[str]:
    terms = fold(query).split()
    return [u["url"] for u in units if all(t in u["text"] for t in terms)]


def targets_for(query: str, units: list[dict], expected: list[str]) -> list[str]:
    """The hits that should come first (for MRR): the document whose 发文字号/索引号 it is, else pages whose
    title contains the query, else any unit containing it."""
    terms = fold(query).split()
    numbered = [u["url"] for u in units if any(re.search(r"\d", t) for t in terms)
                and any(all(t in f for t in terms) for f in u.get("fields", ()))]
    if numbered:
        return numbered
    titled = [u["url"] for u in units if u.get("title") and all(t in u["title"] for t in terms)]
    return titled or expected


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like any real web server

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


OURS_JS = """async (q) => {
  const S = window.govsiteSearch;
  const t0 = performance.now();
  const result = await S.search.run(q, {});
  while (result.pending && result.pending.length) await S.search.check(result, 1000);
  // noAnswer: the search says the site holds no answer (its hits are then only the closest few, not answers).
  return {urls: result.hits.map(h => h.url), ms: performance.now() - t0, noAnswer: !!result.noAnswer,
          suggestion: result.suggestion || ""};
}"""

MATERIAL_SETUP_JS = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  window.__results = [];
  await new Promise(resolve => {
    worker.onmessage = ev => { if (ev.data.type === 1) resolve(); else window.__results.push(ev.data); };
    worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  });
  worker.onmessage = ev => window.__pending && window.__pending(ev.data);
  window.__query = q => new Promise(resolve => {
    window.__pending = data => { if (data.type === 3) resolve(data.data); };
    worker.postMessage({type: 2, data: q});
  });
}"""

PAGEFIND_JS = """async (q) => {
  window.__pagefind = window.__pagefind || await import(new URL("pagefind/pagefind.js", location.href).href);
  const t0 = performance.now();
  const search = await window.__pagefind.search(q);
  const data = await Promise.all(search.results.map(r => r.data()));
  const urls = [];
  for (const d of data) {
    for (const sub of d.sub_results || []) urls.push(sub.url);
    urls.push(d.url);
  }
  return {urls, ms: performance.now() - t0};
}"""

MATERIAL_JS = """async (q) => {
  const t0 = performance.now();
  const data = await window.__query(q);
  const urls = [];
  for (const group of data.items) for (const item of group) urls.push(item.location);
  return {urls, ms: performance.now() - t0};
}"""


def normalise(url: str) -> str:
    url = url.split("?")[0]
    url = re.sub(r"^https?://[^/]+/", "", url)
    url = url.lstrip("/")
    return url[2:] if url.startswith("./") else url


def metrics(rows: list[dict], level: str) -> dict:
    r10, rall, rr, zero = [], [], [], 0
    for row in rows:
        expected = row["expected_page"] if level == "page" else row["expected"]
        got = row["got_page"] if level == "page" else row["got"]
        if not expected:
            continue
        want = set(expected)
        targets = set(row["targets"]) if level == "article" else {u.split("#")[0] for u in row["targets"]}
        if level == "article" and row["engine"] != "ours":
            # Material and Pagefind index pages and headings, never law articles: credit an article when its
            # page is hit.
            got_pages = row["got_page"]
            found_all = [u for u in expected if u.split("#")[0] in set(got_pages)]
            first10 = set(got_pages[:10])
            found10 = [u for u in expected if u.split("#")[0] in first10]
            rank = next((i + 1 for i, p in enumerate(got_pages) if any(u.split("#")[0] == p for u in targets)), 0)
        else:
            found_all = [u for u in got if u in want]
            found10 = [u for u in got[:10] if u in want]
            rank = next((i + 1 for i, u in enumerate(got) if u in targets), 0)
        r10.append(min(1.0, len(set(found10)) / min(10, len(want))))
        rall.append(len(set(found_all)) / len(want))
        rr.append(1 / rank if rank else 0.0)
        zero += not got
    n = len(r10)
    return {"queries": n, "recall@10": sum(r10) / n if n else 0, "recall@all": sum(rall) / n if n else 0,
            "MRR": sum(rr) / n if n else 0, "zero-hit": zero}


def build(dest: Path, material: bool) -> Path:
    src = dest / "src"
    src.mkdir(parents=True)
    for part in SITE_PARTS:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, src / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / part, src / part)
    if material:
        config = (src / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"\n\s*enabled: false[^\n]*", "", config, count=1)
        (src / "mkdocs.yml").write_text(config, encoding="utf-8")
    out = dest / "site"
    env = {"NO_MKDOCS_2_WARNING": "1", "GOVSITE_TODAY": "2026-11-26", "PATH": "/usr/bin:/bin"}
    subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--quiet", "-d", str(out)],
                   cwd=src, check=True, env=env)
    return out


def natural_queries(paths=(NATURAL, NATURAL_2)) -> list[dict]:
    import yaml

    found = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [{"q": q["q"], "kind": q["kind"], "relevant": q["relevant"], "set": path.name,
                   "no_answer": bool(q.get("no_answer"))} for q in data["queries"]]
    return found


def judged_rank(row: dict, level: str) -> int:
    """first_relevant() of a row, with the questions the site cannot answer: there the right outcome, rank 1, is
    to say so (this site: its no-answer panel; the others: no hit at all); and an answerable question that this
    site calls unanswerable has no relevant hit, whatever the closest few it shows."""
    if row.get("no_answer"):
        said = row.get("noAnswer") or not row["got"]  # no hit at all says it too
        return 1 if said else 0
    if row.get("noAnswer"):
        return 0
    return first_relevant(row["got"], row["relevant"], level)


def first_relevant(got: list[str], relevant: list[str], level: str) -> int:
    """Rank (from 1) of the first relevant hit, 0 when none. "article": the hit itself must be listed (a law
    article by its #art-N); "page": a hit on a listed page or on the law page of a listed article."""
    if level == "article":
        wanted = set(relevant)
        return next((i + 1 for i, u in enumerate(got) if u in wanted), 0)
    pages = {u.split("#")[0] for u in relevant}
    seen = []
    for url in got:
        page = url.split("#")[0]
        if page not in seen:
            seen.append(page)
            if page in pages:
                return len(seen)
    return 0


def natural_metrics(rows: list[dict], level: str) -> dict:
    ranks = [judged_rank(r, level) for r in rows]
    n = len(ranks) or 1
    return {"queries": len(ranks), "first hit relevant": sum(1 for r in ranks if r == 1) / n,
            "MRR": sum(1 / r for r in ranks if r) / n, "no relevant hit": sum(1 for r in ranks if not r)}


def natural_report(all_rows: list[dict], engines, names, show: bool) -> dict:
    reports = {}
    for path in SETS.values():
        rows = [r for r in all_rows if r["set"] == path.name]
        if not rows:
            continue
        print(f"\nnatural queries ({path.relative_to(REPO)}): {len({r['q'] for r in rows})}, relevance judged by hand")
        # A kept-aside part is reported as figures only: its questions are not listed, even with --show.
        reports[path.name] = _natural_report(rows, engines, names, show and path not in KEPT_ASIDE,
                                             listed=path not in KEPT_ASIDE)
    return reports


def _natural_report(rows: list[dict], engines, names, show: bool, listed: bool = True) -> dict:
    report = {}
    print(f"{'':28}" + "".join(f"{names[e]:>24}" for e in engines))
    for engine in engines:
        mine = [r for r in rows if r["engine"] == engine]
        report[engine] = {level: natural_metrics(mine, level) for level in ("article", "page")}
        report[engine]["by_kind"] = {kind: natural_metrics([r for r in mine if r["kind"] == kind], "page")
                                     for kind in sorted({r["kind"] for r in mine})}
    for level in ("article", "page"):
        if level == "article":
            label = "article (ours exact; others: page)"
        else:
            label = "page"
        for key in ("first hit relevant", "MRR", "no relevant hit"):
            cells = []
            for e in engines:
                value = report[e]["page" if e not in ("ours", "base") else level][key]
                cells.append(f"{value:>24}" if key == "no relevant hit" else f"{value:>24.3f}")
            print(f"{(level + ' ' + key)[:28]:28}" + "".join(cells))
        if level == "article":
            print(f"  ({label})")
    print("by kind (page level): first hit relevant / MRR")
    for kind in sorted(report["ours"]["by_kind"]):
        cells = [f"{e} {report[e]['by_kind'][kind]['first hit relevant']:.2f}/{report[e]['by_kind'][kind]['MRR']:.2f}"
                 for e in engines]
        print(f"  {kind:13} n={report['ours']['by_kind'][kind]['queries']:3}  " + "   ".join(cells))
    misses = [r for r in rows if r["engine"] == "ours" and judged_rank(r, "article") != 1]
    if misses and not listed:
        print(f"natural queries whose first hit on this site is not judged relevant: {len(misses)} (kept aside: "
              "not listed)")
    elif misses:
        print("natural queries whose first hit on this site is not judged relevant:")
        for r in misses:
            said = " (said: no answer)" if r.get("noAnswer") else ""
            print(f"  [{r['kind']}] {r['q']}: first {r['got'][:1]}{said}, first relevant at {judged_rank(r, 'article')}")
    if show:
        for r in rows:
            said = " (said: no answer)" if r.get("noAnswer") else ""
            print(f"  [{r['engine']}] {r['q']}: {r['got'][:3]}{said}")
    return report


def make_pagefind(ours: Path, dest: Path) -> Path:
    """A copy of the built site indexed by Pagefind 1.5.2 extended (its Chinese segmentation), as docs/search.md says."""
    copy = dest / "pagefind-site"
    shutil.copytree(ours, copy)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--root-selector", "article"],
                   check=True, stdout=subprocess.DEVNULL)
    return copy


def run(ours: Path, material: Path | None, seed: int, show: bool, pagefind: Path | None = None,
        sets=DEFAULT_SETS, base: Path | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    units = units_of(ours, excluded_pages())
    queries = make_queries(units, seed)
    for query in queries:
        query["expected"] = expected_for(query["q"], units)
        query["expected_page"] = sorted({u.split("#")[0] for u in query["expected"]})
        query["targets"] = targets_for(query["q"], units, query["expected"])
    natural = natural_queries([SETS[name] for name in sets])
    rows, natural_rows = [], []
    ours_url, ours_server = serve(ours)

    def ask(page, script, engine):
        for query in queries:
            answer = page.evaluate(script, query["q"])
            rows.append(dict(query, engine=engine, got=[normalise(u) for u in answer["urls"]], ms=answer["ms"]))
        for query in natural:
            answer = page.evaluate(script, query["q"])
            natural_rows.append(dict(query, engine=engine, got=[normalise(u) for u in answer["urls"]],
                                     ms=answer["ms"], noAnswer=answer.get("noAnswer", False),
                                     suggestion=answer.get("suggestion", "")))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(ours_url, wait_until="networkidle")
        page.evaluate("() => window.govsiteSearch.index.load()")
        ask(page, OURS_JS, "ours")
        if base:  # this site's search at an earlier commit, on its own build of the same pages
            base_url, base_server = serve(base)
            bpage = browser.new_page()
            bpage.goto(base_url, wait_until="networkidle")
            bpage.evaluate("() => window.govsiteSearch.index.load()")
            ask(bpage, OURS_JS, "base")
            base_server.shutdown()
        if material:
            material_url, material_server = serve(material)
            mpage = browser.new_page()
            mpage.goto(material_url, wait_until="networkidle")
            mpage.evaluate(MATERIAL_SETUP_JS)
            ask(mpage, MATERIAL_JS, "material")
            material_server.shutdown()
        if pagefind:
            pagefind_url, pagefind_server = serve(pagefind)
            ppage = browser.new_page()
            ppage.goto(pagefind_url, wait_until="networkidle")
            ask(ppage, PAGEFIND_JS, "pagefind")
            pagefind_server.shutdown()
        browser.close()
    ours_server.shutdown()
    for row in rows:
        pages = []
        for url in row["got"]:
            if url.split("#")[0] not in pages:
                pages.append(url.split("#")[0])
        row["got_page"] = pages

    report = {"queries": len(queries), "kinds": {}, "engines": {}}
    engines = ("ours",) + (("base",) if base else ()) + (("material",) if material else ()) + \
        (("pagefind",) if pagefind else ())
    for engine in engines:
        mine = [r for r in rows if r["engine"] == engine]
        report["engines"][engine] = {
            "page": metrics(mine, "page"), "article": metrics(mine, "article"),
            "median_ms": statistics.median(r["ms"] for r in mine),
            "by_kind": {kind: metrics([r for r in mine if r["kind"] == kind], "article")
                        for kind in sorted({r["kind"] for r in mine})},
        }
    print(f"{len(queries)} queries, {len(units)} units ({sum('#' in u['url'] for u in units)} law articles)\n")
    names = {"ours": "this site", "base": f"this site at {BASE_NAME[0]}", "material": "Material (lunr+jieba)",
             "pagefind": "Pagefind 1.5.2 ext."}
    print(f"{'':24}" + "".join(f"{names[e]:>24}" for e in engines))
    for level in ("article", "page"):
        for key in ("recall@10", "recall@all", "MRR", "zero-hit"):
            fmt = (lambda v: f"{v:.3f}") if key != "zero-hit" else (lambda v: f"{v}")
            print(f"{level + ' ' + key:24}" + "".join(f"{fmt(report['engines'][e][level][key]):>24}" for e in engines))
    print(f"{'median query ms':24}" + "".join(f"{report['engines'][e]['median_ms']:>24.1f}" for e in engines))
    print("\nby query kind (article level): recall@10 / recall@all / MRR / zero-hit")
    for kind in sorted(report["engines"]["ours"]["by_kind"]):
        cells = []
        for e in engines:
            m = report["engines"][e]["by_kind"][kind]
            cells.append(f"{e} {m['recall@10']:.2f}/{m['recall@all']:.2f}/{m['MRR']:.2f}/{m['zero-hit']}")
        print(f"  {kind:12} n={report['engines']['ours']['by_kind'][kind]['queries']:3}  " + "   ".join(cells))
    # Precision: this site's search shows a unit only once it holds every term (substring semantics), so none
    # of its hits may be missing from the expected set.
    # (A law article also matches what its law's title holds: its hit is titled "<law> 第N条".)
    # A synonym of a term (data/search/vocabulary.yml) counts as the term: 伤残抚恤金 also finds 残疾抚恤金, after
    # every hit holding the term as typed.
    by_url = {u["url"]: u for u in units}
    groups = synonym_groups(site=ours)

    def unfounded(row):
        terms = fold(row["q"]).split()
        return sorted(u for u in set(row["got"]) - set(row["expected"])
                      if u not in by_url or not all(any(v in by_url[u].get("heading", "") or v in by_url[u]["text"]
                                                        for v in variants(t, groups)) for t in terms))

    def typed_first(row):
        """Every hit holding the query as typed comes before any hit that holds only a synonym of it."""
        terms = fold(row["q"]).split()

        def typed(url):
            unit = by_url.get(url, {})
            return all(t in unit.get("heading", "") or t in unit.get("text", "") for t in terms)
        seen_other = False
        for url in row["got"]:
            if not typed(url):
                seen_other = True
            elif seen_other:
                return False
        return True
    wrong = [(r, unfounded(r)) for r in rows if r["engine"] == "ours"]
    wrong = [(r, hits) for r, hits in wrong if hits]
    count = sum(len(hits) for _, hits in wrong)
    print(f"\nthis site's hits without the query in them: {count} (in {len(wrong)} queries)")
    for r, hits in wrong[:10]:
        print(f"  {r['q']!r}: {hits[:5]}")
    report["engines"]["ours"]["wrong_hits"] = count
    late = [r["q"] for r in rows if r["engine"] == "ours" and r["expected"] and not typed_first(r)]
    print(f"queries where a hit holding only a synonym comes before one holding the query as typed: {len(late)}"
          + (f" {late[:5]}" if late else ""))
    report["engines"]["ours"]["synonym_before_typed"] = len(late)
    misses = [r for r in rows if r["engine"] == "ours" and r["expected"] and set(r["expected"]) - set(r["got"])]
    if misses or show:
        print("\nqueries where this site's search missed an expected unit:" if misses else "")
        for r in misses:
            print(f"  {r['q']!r}: missing {sorted(set(r['expected']) - set(r['got']))[:5]}")
    if show:
        print("\nqueries:")
        for r in rows:
            if r["engine"] == "ours":
                print(f"  [{r['kind']}] {r['q']}  expected {len(r['expected'])}  targets {r['targets'][:2]}"
                      f"  first {r['got'][:1]}")
    report["natural"] = natural_report(natural_rows, engines, names, show)
    report["rows"] = rows
    report["natural_rows"] = natural_rows
    return report


def markdown(report: dict) -> str:
    """The figures for bench/RESULTS.md."""
    engines = [e for e in ("ours", "base", "material", "pagefind") if e in report["engines"]]
    names = {"ours": f"this site ({report.get('commit', 'now')})", "base": f"this site at {report.get('base', '')}",
             "material": "Material (lunr + jieba)", "pagefind": "Pagefind 1.5.2 extended"}
    with open("/proc/loadavg") as load:
        loadavg = load.read().split()[0]
    out = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on the demo site (load average {loadavg}; "
           "quality does not depend on it). Each engine runs its own code in headless Chromium.", ""]
    for name, natural in report["natural"].items():
        label = SET_LABELS[name]
        count = natural["ours"]["page"]["queries"]
        out += [f"`bench/data/{name}`: {count} {label}; relevance judged by hand (reasons in the file). This site "
                "is scored at the article level (its hit must be the relevant law article or answer), the others "
                "at the page level (they cannot hit an article).", "",
                "| | " + " | ".join(names[e] for e in engines) + " |", "|---|" + "---:|" * len(engines)]
        cells = {"first hit relevant": lambda m: f"{m['first hit relevant']:.0%}", "MRR": lambda m: f"{m['MRR']:.3f}",
                 "no relevant hit at all": lambda m: str(m["no relevant hit"])}
        for key, fmt in cells.items():
            row = [fmt(natural[e]["article" if e in ("ours", "base") else "page"]) for e in engines]
            out.append(f"| {key} | " + " | ".join(row) + " |")
        out.append(f"| this site at the page level: first hit relevant | {natural['ours']['page']['first hit relevant']:.0%}"
                   + " |" * len(engines))
        kinds = sorted(natural["ours"]["by_kind"])
        out.append("| first hit relevant by kind (page level): " + ", ".join(
            f"{k} ({natural['ours']['by_kind'][k]['queries']})" for k in kinds) + " | " + " | ".join(
            " / ".join(f"{natural[e]['by_kind'][k]['first hit relevant']:.0%}" for k in kinds) for e in engines) + " |")
        out.append("")
    exact = report["engines"]
    out += [f"Exact set ({report['queries']} generated queries: terms, pieces of compounds, phrases, 发文字号, 索引号; "
            "expected hits computed from the pages):", "",
            "| | " + " | ".join(names[e] for e in engines) + " |", "|---|" + "---:|" * len(engines)]
    for key in ("recall@10", "recall@all", "MRR", "zero-hit"):
        fmt = (lambda v: str(v)) if key == "zero-hit" else (lambda v: f"{v:.3f}")
        out.append(f"| article {key} | " + " | ".join(fmt(exact[e]["article"][key]) for e in engines) + " |")
    out.append(f"| this site: hits without the query or a synonym of it | {exact['ours']['wrong_hits']}" + " |" * (len(engines) - 1))
    out.append(f"| this site: a synonym-only hit before a hit holding the query as typed | "
               f"{exact['ours']['synonym_before_typed']}" + " |" * (len(engines) - 1))
    return "\n".join(out)


def save(report: dict) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import run as bench_run

    summary = {key: report[key] for key in ("queries", "natural", "base", "commit") if key in report}
    summary["engines"] = {e: {k: v for k, v in m.items() if k != "rows"} for e, m in report["engines"].items()}
    summary["markdown"] = markdown(report)
    target = REPO / "bench" / "results" / "search-quality.json"
    target.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    bench_run.write_results_md()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ours", type=Path, help="built site with this site's search (default: build one)")
    parser.add_argument("--material", type=Path, help="built site with Material's search (default: build one)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--show", action="store_true", help="list every query")
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument("--save", action="store_true",
                        help="store the summary in bench/results/search-quality.json and rewrite bench/RESULTS.md")
    parser.add_argument("--with-pagefind", action="store_true",
                        help="also Pagefind: index a copy of this site's build with pagefind[extended]==1.5.2")
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS),
                        help="question sets, comma-separated, of: " + ", ".join(SETS) + " (the test half only when "
                        "named: it was frozen before tuning and is run at the end)")
    parser.add_argument("--ours-only", action="store_true", help="only this site's search (no Material build)")
    parser.add_argument("--base", type=Path, help="also this site's search of an earlier commit: its build of the "
                        "same pages (git archive COMMIT | tar -x -C DIR, then mkdocs build there)")
    parser.add_argument("--base-commit", default="", help="the commit --base was built from, for the report")
    parser.add_argument("--pagefind", type=Path, help="also a built site indexed by Pagefind (pagefind/ in it): "
                        "copy the site, then `python -m pagefind --site COPY --root-selector article` with "
                        "pagefind[extended]==1.5.2 installed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-eval-") as tmp:
        started = time.perf_counter()
        ours = args.ours or build(Path(tmp) / "ours", material=False)
        material = None if args.ours_only else args.material or build(Path(tmp) / "material", material=True)
        if not args.ours or not (args.material or args.ours_only):
            print(f"built the sites in {time.perf_counter() - started:.1f} s")
        pagefind = args.pagefind or (make_pagefind(ours, Path(tmp)) if args.with_pagefind else None)
        sets = [name.strip() for name in args.sets.split(",") if name.strip()]
        BASE_NAME[0] = args.base_commit or "an earlier commit"
        report = run(ours, material, args.seed, args.show, pagefind, sets, args.base)
        report["base"] = args.base_commit
        report["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                          text=True).stdout.strip()
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.save:
        save(report)
    ours_page = report["engines"]["ours"]["article"]
    natural = report["natural"].get(NATURAL.name)
    if natural is None:
        return 0
    ahead = all(natural["ours"]["page"]["first hit relevant"] > natural[e]["page"]["first hit relevant"]
                for e in natural if e not in ("ours", "base"))
    ok = (ours_page["recall@all"] >= 0.999 and ours_page["recall@10"] >= 0.95 and ours_page["MRR"] >= 0.9
          and not report["engines"]["ours"]["wrong_hits"] and not report["engines"]["ours"]["synonym_before_typed"]
          and natural["ours"]["article"]["first hit relevant"] >= 0.95 and ahead)
    print("\ntargets (exact set: recall@all 1.0, recall@10 ≥ 0.95, MRR ≥ 0.9, no hit without the query or a synonym, "
          "the query as typed before synonyms; natural set: first hit relevant ≥ 0.95, ahead of the others):",
          "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
