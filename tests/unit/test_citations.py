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


# ---- resolving a citation: every error an editor can make, in Chinese ----------------------------------------

def resolve_error(site, name, spec=None, **options) -> str:
    with pytest.raises(crossref.CitationError) as exc:
        crossref.resolve(site.site, name, spec, **options)
    return str(exc.value)


def test_an_unknown_law_names_the_ones_that_can_be_cited(site):
    shorts = "、".join(sorted(law.short for law in site.models["laws"].laws.values()))
    assert resolve_error(site, " 兵役法 ", "1") == f"引用了未收录的法律法规“兵役法”；可用的名称：{shorts}"
    assert "退役军人保障法" in shorts and shorts.index("个人信息保护法") < shorts.index("退役军人保障法")


def test_a_repealed_law_is_refused_where_a_current_basis_is_required_and_points_at_its_successor(site):
    assert resolve_error(site, "退役士兵安置条例", "32", allow_repealed=False) == (
        "《退役士兵安置条例》已于2024年9月1日废止，不能作为现行依据；请改引《退役军人安置条例》的相应条文")
    assert crossref.resolve(site.site, "退役士兵安置条例", "32").article.key == "32"  # history may cite it
    assert crossref.resolve(site.site, "退役军人保障法", "1", allow_repealed=False).law.slug == "tuiyi-junren-baozhangfa"


@pytest.mark.parametrize("spec", ["第二十一款", "abc", "21条之", "#21", "二十一之", "21-", "第-1条"])
def test_an_article_written_in_no_known_way_is_explained(site, spec):
    assert resolve_error(site, "退役军人保障法", spec) == \
        f"条文写法“{spec}”无法识别；应为数字或“第X条”，如 [[退役军人保障法#21]]"


def test_an_article_past_the_last_is_named_with_the_laws_length(site):
    assert resolve_error(site, "退役军人保障法", "86") == "《退役军人保障法》共85条（最后一条为第八十五条），没有第八十六条"
    assert resolve_error(site, "退役军人保障法", "21之一") == "《退役军人保障法》共85条（最后一条为第八十五条），没有第二十一条之一"
    for zero in ("0", "00", "第0条"):  # once a traceback: article 0 has no Chinese label to show
        assert resolve_error(site, "退役军人保障法", zero) == \
            f"条文写法“{zero}”无法识别；条文从第一条起编号，如 [[退役军人保障法#1]]"


def test_a_whole_law_citation_links_the_law_and_its_text_is_its_short_title(site):
    whole = crossref.resolve(site.site, "中华人民共和国宪法", None)
    assert whole.article is None and whole.text == "《宪法》" and whole.target == whole.law.url == "laws/xianfa/"
    assert crossref.tooltip(whole) == f"{whole.law.title}（{whole.law.current.label}）"


def test_a_tooltip_is_the_articles_text_on_one_line_cut_at_three_hundred_characters(site):
    short = crossref.resolve(site.site, "宪法", "45")
    text = short.article.text
    assert crossref.tooltip(short) == f"第四十五条 {text.replace(chr(10), ' ')}" and "\n" not in crossref.tooltip(short)
    longest = max((a for law in site.models["laws"].laws.values() for a in law.current.parsed.articles),
                  key=lambda a: len(a.text))
    law = next(law for law in site.models["laws"].laws.values() if longest in law.current.parsed.articles)
    tip = crossref.tooltip(crossref.resolve(site.site, law.short, longest.key))
    assert len(longest.text) > 300
    assert tip == f"{longest.label} {longest.text.replace(chr(10), ' ')[:300]}……"


def test_a_law_whose_files_have_errors_is_not_reported_again_at_each_citation(site):
    library = site.models["laws"]
    library.broken_names.add("坏了的法")
    try:
        with pytest.raises(crossref.CitationSkipped):
            crossref.resolve(site.site, " 坏了的法 ", "1")
        assert crossref.check_text(site.site, "见[[坏了的法#1]]。", "data/x.yml", 3, "正文") == []
        assert [p for p in site.problems.errors if "坏了的法" in p.message] == []
    finally:
        library.broken_names.discard("坏了的法")


# ---- checking a text ------------------------------------------------------------------------------------------

def checked(site, text, line=10, **options):
    fresh = build.load_site(site.root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    found = crossref.check_text(fresh, text, "data/x.yml", line, "答", **options)
    return found, [p.format() for p in fresh.problems.errors]


def test_each_bad_citation_is_reported_at_its_own_line(site):
    text = "第一行[[退役军人保障法#21]]\n\n第三行[[兵役法#1]]\n```\n[[不查#1]]\n```\n~~~\n[[也不查#1]]\n~~~\n`[[行内#1]]` [[宪法#999]]"
    found, problems = checked(site, text)
    assert [(c.law.slug, c.article.key) for c in found] == [("tuiyi-junren-baozhangfa", "21")]
    assert [p.split(" [[")[0] for p in problems] == ["data/x.yml:12 答:", "data/x.yml:19 答:"]
    assert problems[0].endswith("[[兵役法#1]] 引用了未收录的法律法规“兵役法”；可用的名称：" + "、".join(
        sorted(law.short for law in site.models["laws"].laws.values())))
    assert problems[1] == "data/x.yml:19 答: [[宪法#999]] 《宪法》共143条（最后一条为第一百四十三条），没有第九百九十九条"


def test_a_text_that_must_rest_on_a_law_cites_at_least_one(site):
    assert checked(site, "没有依据。", require=True)[1] == [
        "data/x.yml:10 答: 应至少引用一条法律条文作为依据，写法如 [[退役军人保障法#21]]"]
    assert checked(site, "依据[[宪法#45]]。", require=True)[1] == []
    assert checked(site, "", require=True)[1] == ["data/x.yml:10 答: 应至少引用一条法律条文作为依据，写法如 [[退役军人保障法#21]]"]
    assert checked(site, "没有依据。")[1] == []
    found, problems = checked(site, "依据[[退役士兵安置条例#1]]。", allow_repealed=False)
    assert found == [] and problems[0].startswith("data/x.yml:10 答: [[退役士兵安置条例#1]] 《退役士兵安置条例》已于2024年9月1日废止")


@pytest.mark.parametrize(("source", "line", "expected"), [
    ("答: |\n  正文\n", 1, 2), ("答: >-\n  正文\n", 1, 2), ("答: |+ # 注释\n  正文\n", 1, 2), ("答: |2\n  正文\n", 1, 2),
    ("答: 正文\n", 1, 1), ("标题: x\n答: 正文 | 其他\n", 2, 2), ("答: |\n", 5, 5), ("答: |\n", 0, 0),
    ("答: |", 1, 2), ("x: 1\n答: |", 0, 0)])
def test_a_block_texts_first_line_is_the_one_after_its_key(source, line, expected):
    assert crossref.text_line(source, line) == expected


# ---- turning citations into links ------------------------------------------------------------------------------

def link(html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<a class="law-ref law-ref--(\w+)[^"]*" href="([^"]+)" title="[^"]*" data-law-ref>([^<]+)</a>', html)


def test_citations_and_known_titles_become_links_and_the_rest_stays_as_written(site):
    markdown = ("依据[[退役军人保障法#21|该条]]和《中华人民共和国宪法》、《某不存在的法》，"
                "[《宪法》](/laws/xianfa/)已是链接，[[宪法]]整部。")
    expanded, citations = crossref.expand_markdown(site.site, markdown)
    assert link(expanded) == [("ref", "/laws/tuiyi-junren-baozhangfa/#art-21", "该条"),
                              ("title", "/laws/xianfa/", "《中华人民共和国宪法》"), ("ref", "/laws/xianfa/", "《宪法》")]
    assert "《某不存在的法》" in expanded and "[《宪法》](/laws/xianfa/)" in expanded
    assert [(c.law.slug, c.article.key if c.article else "") for c in citations] == [
        ("tuiyi-junren-baozhangfa", "21"), ("xianfa", "")]


def test_a_link_to_a_repealed_law_says_so(site):
    expanded, _ = crossref.expand_markdown(site.site, "[[退役士兵安置条例#1]]")
    assert 'class="law-ref law-ref--ref law-ref--repealed"' in expanded and "（已废止）" in expanded


def test_in_a_heading_a_citation_is_plain_text(site):
    expanded, citations = crossref.expand_markdown(site.site, "## 依据[[宪法#45]]与[[宪法|根本法]]和[[宪法]]\n\n正文")
    assert expanded.split("\n")[0] == "## 依据宪法第45条与根本法和宪法"
    assert [c.law.slug for c in citations] == ["xianfa", "xianfa"]


def test_a_title_inside_a_citation_or_a_code_span_is_not_linked_again(site):
    expanded, _ = crossref.expand_markdown(site.site, "[[宪法#45|《宪法》第四十五条]] `《宪法》` 《宪法》")
    assert [kind for kind, _, _ in link(expanded)] == ["ref", "title"] and "`《宪法》`" in expanded


def test_without_a_law_library_a_text_is_left_alone(tmp_path):
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy2(REPO / "data/site.yml", root / "data/site.yml")
    bare = build.load_site(root, SITE_URL, dt.date(2026, 11, 26), types=[])
    assert crossref.expand_markdown(bare, "[[宪法#45]] 《宪法》") == ("[[宪法#45]] 《宪法》", [])


def test_the_pages_of_content_are_checked_in_file_order(site):
    fresh = build.load_site(site.root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    from types import SimpleNamespace

    fresh.editor_pages = {
        "b.md": SimpleNamespace(src_uri="b.md", body="[[甲法#1]]", file="content/b.md", body_line=4),
        "a.md": SimpleNamespace(src_uri="a.md", body="\n[[乙法#1]]", file="content/a.md", body_line=7)}
    crossref.check_documents(fresh)
    assert [p.format().split(" [[")[0] for p in fresh.problems.errors] == ["content/a.md:8:", "content/b.md:4:"]


def test_a_scheduled_documents_citations_are_checked_now(site):
    from govsite import lifecycle
    from govsite.lifecycle import Held

    fresh = build.load_site(site.root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    held = lifecycle.register(fresh).held
    common = {"kind": "公示公告", "title": "甲", "url": "a/", "file": "content/a.md", "line": 3}
    held += [Held(state="定时发布", body=Body(markdown="\n见[[兵役法#1]]", file="content/a.md", line=5), **common),
             Held(state="草稿", body=Body(markdown="[[草稿里的#1]]", file="content/b.md", line=5), **common),
             Held(state="定时发布", body=Body(markdown="", file="content/c.md", line=5), **common),
             Held(state="定时发布", **common)]
    crossref.check_scheduled(fresh)
    assert [p.format().split(" [[")[0] for p in fresh.problems.errors] == ["content/a.md:6:"]
    assert [p.field for p in fresh.problems.errors] == [""]


# ---- the edges of expanding a text -----------------------------------------------------------------------------

def expand(site, text):
    return crossref.expand_markdown(site.site, text)


def test_a_citation_that_cannot_be_resolved_is_left_as_written_and_the_rest_still_linked(site):
    expanded, citations = expand(site, "见[[兵役法#1]]和[[宪法#45|该条]]。")
    assert expanded.startswith("见[[兵役法#1]]和<a ") and expanded.endswith("</a>。")
    assert [(c.law.slug, c.article.key, c.text) for c in citations] == [("xianfa", "45", "该条")]


def test_a_link_carries_the_articles_text_as_its_tooltip(site):
    expanded, _ = expand(site, "[[宪法#45]]")
    article = site.models["laws"].lookup("宪法").current.parsed.article("45")
    assert f'title="第四十五条 {article.paragraphs[0][:10]}' in expanded


def test_plain_text_around_citations_is_left_for_markdown(site):
    expanded, _ = expand(site, "版权&copy; a < b [[宪法#45]] c & d")
    assert expanded.startswith("版权&copy; a < b <a ") and expanded.endswith("</a> c & d")


def test_a_title_next_to_a_citation_or_a_code_span_is_linked_and_one_in_brackets_is_not(site):
    assert [kind for kind, _, _ in link(expand(site, "[[宪法#45]]《宪法》")[0])] == ["ref", "title"]
    assert [kind for kind, _, _ in link(expand(site, "`代码`[[宪法#45]]")[0])] == ["ref"]
    for text in ("[《宪法》] 不是链接", "见[《宪法》]", "《宪法》](/laws/xianfa/) 残缺的链接"):
        assert link(expand(site, text)[0]) == [], text


def test_an_indented_heading_keeps_its_citations_as_plain_text(site):
    assert expand(site, "   ## 依据[[宪法#45]]")[0] == "   ## 依据宪法第45条"


def test_a_law_being_held_back_is_named_with_its_file_when_cited(site):
    from govsite import lifecycle
    from govsite.lifecycle import Held

    fresh = build.load_site(site.root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    lifecycle.register(fresh).held.append(Held(state="草稿", kind="法律法规", title="兵役法", url="laws/byf/",
                                               file="data/laws/byf.yml", line=4, names=("兵役法",)))
    with pytest.raises(crossref.CitationError) as exc:
        crossref.resolve(fresh, "兵役法", "1")
    assert str(exc.value) == "引用的《兵役法》（data/laws/byf.yml:4）是草稿，尚未发布，不能引用；请等它发布后再引用"


def test_without_a_law_library_any_citation_names_no_alternatives(tmp_path):
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy2(REPO / "data/site.yml", root / "data/site.yml")
    bare = build.load_site(root, SITE_URL, dt.date(2026, 11, 26), types=[])
    with pytest.raises(crossref.CitationError) as exc:
        crossref.resolve(bare, "宪法", "1")
    assert str(exc.value) == "引用了未收录的法律法规“宪法”"


def test_a_repealed_law_without_a_successor_is_refused_without_pointing_anywhere(site, monkeypatch):
    law = site.models["laws"].lookup("退役士兵安置条例")
    monkeypatch.setattr(law, "successor", None)
    assert resolve_error(site, "退役士兵安置条例", "1", allow_repealed=False) == \
        "《退役士兵安置条例》已于2024年9月1日废止，不能作为现行依据"


def test_numerals_that_do_not_make_a_number_are_explained(site):
    for spec in ("百百", "第十十条", "千千千"):
        with pytest.raises(crossref.CitationError) as exc:
            crossref.resolve(site.site, "退役军人保障法", spec)
        assert str(exc.value).startswith(f"条文写法“{spec}”"), spec


def test_a_tooltip_of_exactly_three_hundred_characters_is_not_cut():
    from types import SimpleNamespace

    article = SimpleNamespace(text="字" * 300, label="第一条")
    citation = crossref.Citation(law=SimpleNamespace(), article=article, text="x")
    assert crossref.tooltip(citation) == "第一条 " + "字" * 300
    article.text = "字" * 301
    assert crossref.tooltip(citation) == "第一条 " + "字" * 300 + "……"


def test_checking_a_text_keeps_labels_allows_repealed_laws_by_default_and_goes_on_after_a_broken_law(site):
    found, problems = checked(site, "[[宪法#45|该条]] [[退役士兵安置条例#1]]")
    assert [c.text for c in found] == ["该条", "《退役士兵安置条例》第一条"] and problems == []
    fresh = build.load_site(site.root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    fresh.models["laws"].broken_names.add("坏了的法")
    crossref.check_text(fresh, "[[坏了的法#1]] [[兵役法#1]]", "data/x.yml", 3, "答")
    assert [p.format().split(" [[")[0] for p in fresh.problems.errors] == ["data/x.yml:3 答:"]
    assert [(p.file, p.field) for p in fresh.problems.errors] == [("data/x.yml", "答")]


def test_problems_of_pages_and_scheduled_texts_name_no_field(site):
    fresh = build.load_site(site.root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    from types import SimpleNamespace

    fresh.editor_pages = {"a.md": SimpleNamespace(src_uri="a.md", body="[[甲法#1]]", file="content/a.md", body_line=4)}
    crossref.check_documents(fresh)
    assert [(p.file, p.line, p.field) for p in fresh.problems.errors] == [("content/a.md", 4, "")]


def test_under_make_serve_each_citation_keeps_its_own_link(site):
    from govsite.incremental import Memo

    fresh = build.load_site(site.root, SITE_URL, dt.date(2026, 11, 26), types=[LAWS])
    fresh.memo = Memo()
    fresh.memo.begin()
    first, _ = crossref.expand_markdown(fresh, "[[宪法#45]]")
    second, _ = crossref.expand_markdown(fresh, "[[宪法#55]]")
    assert "#art-45" in first and "#art-55" in second
