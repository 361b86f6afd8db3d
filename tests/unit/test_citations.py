"""Citations [[简称#条]] (govsite/crossref.py) and the cited articles a feed item quotes (types/feeds/items.py):
every distinct article a text cites is quoted once — per article, not per law — in order of first mention, and
whole-law citations are links without a quote. Citation texts are generated over the real law library."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govsite import build, crossref
from govsite.dates import TZ
from govsite.document import Body, Document, When
from govsite.render import Renderer
from govsite.types.feeds.items import feed_item
from govsite.types.laws import CONTENT_TYPE as LAWS
from govsite.types.laws.numerals import int_to_chinese
from sitekit import REPO

SITE_URL = "https://example.gov.cn/"
QUOTE = re.compile(r'<blockquote><p><a href="[^"]*?laws/([a-z0-9-]+)/#art-([0-9-]+)">《([^》]+)》(第[^<]+条(?:之[^<]+)?)</a>')


class LawSite:
    """The site, with a short repr: hypothesis prints the arguments of a failing example."""

    def __init__(self, site):
        self.site = site

    def __repr__(self) -> str:
        return "<the law library's site>"

    def __getattr__(self, name):
        return getattr(self.site, name)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real law library and site settings, nothing else (fast; no other type's data)."""
    root = tmp_path_factory.mktemp("citations") / "site"
    (root / "content").mkdir(parents=True)
    shutil.copytree(REPO / "data/laws", root / "data/laws")
    shutil.copy2(REPO / "data/site.yml", root / "data/site.yml")
    (root / "overrides").symlink_to(REPO / "overrides")
    site = build.load_site(root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    assert [p.format() for p in site.problems.errors] == []
    return LawSite(site)


def current_laws(site):
    return [law for law in site.models["laws"].sorted_laws() if law.status(site.today) != "已废止"]


def spellings(site, law, article) -> list[str]:
    """Every way an editor may write a citation of one article (EDITING.md, 引用法律条文)."""
    names = sorted({law.short, law.title})
    number = f"{article.number}" + (f"之{article.suffix}" if article.suffix else "")
    chinese = f"第{int_to_chinese(article.number)}条" + (f"之{int_to_chinese(article.suffix)}" if article.suffix else "")
    dashed = f"{article.number}-{article.suffix}" if article.suffix else None
    specs = [number, chinese, chinese.replace("第", "", 1).replace("条", "", 1)] + ([dashed] if dashed else [])
    return [f"[[{name}#{spec}]]" for name in names for spec in specs] + [f"[[{law.short}#{number}|依据]]"]


@st.composite
def cited_texts(draw, site):
    """A Markdown text citing some articles (several of the same law, some twice, in different spellings) and
    whole laws, and the articles it cites in order of first mention."""
    laws = current_laws(site)
    picks = draw(st.lists(st.tuples(st.sampled_from(laws), st.integers(0, 10_000)), min_size=1, max_size=10))
    cited, parts = [], []
    for law, seed in picks:
        articles = law.current.parsed.articles
        # articles of the same law close together: what per-law de-duplication would merge
        article = articles[seed % min(len(articles), 12)] if seed % 3 else articles[seed % len(articles)]
        if draw(st.booleans()) and len(parts) > 0 and draw(st.integers(0, 4)) == 0:
            parts.append(f"[[{law.short}]]")  # the whole law: a link, no quoted article
        forms = spellings(site, law, article)
        parts.append(draw(st.sampled_from(forms)))
        if (law.slug, article.key) not in cited:
            cited.append((law.slug, article.key))
    glue = draw(st.sampled_from(["，", "；依据", "\n\n", "。见 ", " 和 "]))
    return "根据" + glue.join(parts) + "办理。", cited


def quoted(html: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in QUOTE.finditer(html)]


def item_of(site, markdown: str):
    doc = Document(id="notices/2026/x", kind="公示公告", title="测试", url="notices/2026/x/",
                   published=When.of(dt.datetime(2026, 11, 20, 9, 0, tzinfo=TZ)),
                   body=Body(markdown=markdown, base="notices/2026/x.md"))
    site = getattr(site, "site", site)
    return feed_item(site, Renderer(site), doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_feed_item_quotes_every_cited_article_once_in_order_of_first_mention(site, data):
    text, cited = data.draw(cited_texts(site))
    html = item_of(site, text).content_html
    assert quoted(html) == cited, text
    assert html.count("<h2>引用的法律条文</h2>") == 1


def test_three_articles_of_one_law_are_three_quotes_and_a_repeat_is_not_a_fourth(site):
    text = ("依据[[退役军人保障法#21]]、[[退役军人保障法#第二十二条]]和[[中华人民共和国退役军人保障法#二十三]]，"
            "再见[[退役军人保障法#21|第二十一条]]及[[退役军人保障法]]。")
    html = item_of(site, text).content_html
    assert quoted(html) == [("tuiyi-junren-baozhangfa", "21"), ("tuiyi-junren-baozhangfa", "22"),
                            ("tuiyi-junren-baozhangfa", "23")]
    law = site.models["laws"].lookup("退役军人保障法")
    for key in ("21", "22", "23"):  # each quote carries its own article's words
        assert law.current.parsed.article(key).paragraphs[0][:20] in html


def test_a_text_citing_whole_laws_only_quotes_nothing(site):
    html = item_of(site, "见[[退役军人保障法]]和《中华人民共和国宪法》。").content_html
    assert quoted(html) == [] and "引用的法律条文" not in html


def test_citations_in_code_are_not_quoted_and_those_in_headings_and_text_are(site):
    text = ("## 依据[[宪法#45]]\n\n`[[退役军人保障法#1]]` 是写法示例。\n\n```\n[[退役军人保障法#2]]\n```\n\n"
            "正文依据[[退役军人保障法#3]]。")
    html = item_of(site, text).content_html
    assert quoted(html) == [("xianfa", "45"), ("tuiyi-junren-baozhangfa", "3")]
    assert "<code>[[退役军人保障法#1]]</code>" in html


# ---- crossref directly -------------------------------------------------------------------------------------------

def test_unique_keeps_each_article_once_not_each_law(site):
    laws = site.models["laws"]
    cite = lambda name, spec=None: crossref.resolve(site, name, spec)
    citations = [cite("退役军人保障法", "21"), cite("退役军人保障法", "22"), cite("退役军人保障法", "第二十一条"),
                 cite("退役军人保障法"), cite("宪法", "45"), cite("退役军人保障法"), cite("宪法", "四十五")]
    kept = crossref.unique(citations)
    assert [(c.law.slug, c.article.key if c.article else "") for c in kept] == [
        ("tuiyi-junren-baozhangfa", "21"), ("tuiyi-junren-baozhangfa", "22"), ("tuiyi-junren-baozhangfa", ""),
        ("xianfa", "45")]
    assert kept[0] is citations[0]  # the first mention is the one kept
    assert laws.lookup("退役军人保障法") is kept[0].law


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_expand_markdown_lists_the_cited_articles_once_each_in_order(site, data):
    text, cited = data.draw(cited_texts(site))
    expanded, citations = crossref.expand_markdown(site.site, text)
    assert [(c.law.slug, c.article.key) for c in citations if c.article] == cited
    assert "[[" not in expanded


@pytest.mark.parametrize(("spec", "key"), [("21", "21"), ("第二十一条", "21"), ("二十一", "21"), (" 21 ", "21"),
                                           ("第21条", "21"), ("1", "1"), ("第八十五条", "85")])
def test_article_spellings_resolve_to_the_same_article(site, spec, key):
    citation = crossref.resolve(site, "退役军人保障法", spec)
    assert citation.article.key == key and citation.target == f"laws/tuiyi-junren-baozhangfa/#art-{key}"
    assert citation.text == f"《退役军人保障法》{citation.article.label}"
    assert crossref.resolve(site, "退役军人保障法", spec, " 依据 ").text == "依据"


# ---- the real site -----------------------------------------------------------------------------------------------

CITE = re.compile(r"\[\[([^\[\]|#\n]+?)#([^\[\]|\n]+?)(?:\|[^\[\]\n]+?)?\]\]")
SPEC = re.compile(r"^(?:第)?([0-9]+|[零〇一二三四五六七八九十百千]+)(?:条)?(?:(?:之|-)([0-9]+|[一二三四五六七八九十]+))?$")


def articles_cited_in(site, markdown: str) -> list[tuple[str, str]]:
    """The articles a text cites, counted here from its Markdown (not by crossref): outside fenced and inline code,
    each once, in order of first mention."""
    from govsite.types.laws.numerals import chinese_to_int

    library, found, fenced = site.models["laws"], [], False
    for line in markdown.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = re.sub(r"(`+).+?\1", "", line)
        for name, spec in CITE.findall(line):
            law, m = library.lookup(name), SPEC.match(spec.strip())
            if law is None or m is None:
                continue
            number = lambda text: int(text) if text.isdigit() else chinese_to_int(text)
            key = f"{number(m.group(1))}-{number(m.group(2))}" if m.group(2) else str(number(m.group(1)))
            if (law.slug, key) not in found:
                found.append((law.slug, key))
    return found


def test_on_the_real_site_every_feed_item_quotes_each_article_its_text_cites():
    from govsite.document import all_documents

    site = build.load_site(REPO, SITE_URL, dt.date(2026, 11, 26))
    renderer = Renderer(site)
    total = 0
    for doc in all_documents(site):
        if doc.body is None or doc.body.template or "[[" not in doc.body.markdown:
            continue
        expected = articles_cited_in(site, doc.body.markdown)
        assert quoted(feed_item(site, renderer, doc).content_html) == expected, doc.id
        total += len(expected)
    # the demo content quotes 37 articles, several of them from the same law in one text: were citations merged
    # per law, far fewer would be quoted
    assert total >= 30
