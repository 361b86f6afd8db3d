"""Law metadata, statuses computed from dates, version comparison, citations and their errors (engine only)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govsite import crossref
from govsite.build import load_site
from govsite.types.laws import compare

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site():
    return load_site(REPO, today=dt.date(2026, 11, 26))


def law_problems(site):
    return [p.format() for p in site.problems.errors if "laws" in p.file or "qa" in p.file or "pufa" in p.file]


def test_library_loads_without_errors(site):
    assert law_problems(site) == []
    library = site.models["laws"]
    assert sorted(library.laws) == [
        "geren-xinxi-baohufa", "junren-diwei-quanyi-baozhangfa", "junren-fuxu-youdai-tiaoli", "lieshi-baoyang-tiaoli",
        "tuiyi-junren-anzhi-tiaoli", "tuiyi-junren-baozhangfa", "tuiyi-shibing-anzhi-tiaoli", "xianfa",
        "yingxiong-lieshi-baohufa", "zhengfu-xinxi-gongkai-tiaoli"]
    assert library.lookup("宪法") is library.lookup("中华人民共和国宪法") is library.laws["xianfa"]


def test_metadata_matches_the_texts(site):
    """Dates as the texts state them (header lines and the article that says when it takes effect)."""
    laws = site.models["laws"].laws
    expected = {  # slug: (公布日期, 施行日期)
        "xianfa": ("2018-03-11", "2018-03-11"),
        "tuiyi-junren-baozhangfa": ("2020-11-11", "2021-01-01"),
        "tuiyi-shibing-anzhi-tiaoli": ("2011-10-29", "2011-11-01"),
        "tuiyi-junren-anzhi-tiaoli": ("2024-07-29", "2024-09-01"),
        "junren-fuxu-youdai-tiaoli": ("2024-08-05", "2024-10-01"),
        "lieshi-baoyang-tiaoli": ("2024-09-27", "2025-01-01"),
        "zhengfu-xinxi-gongkai-tiaoli": ("2019-04-03", "2019-05-15"),
        "geren-xinxi-baohufa": ("2021-08-20", "2021-11-01"),
        "yingxiong-lieshi-baohufa": ("2018-04-27", "2018-05-01"),
        "junren-diwei-quanyi-baozhangfa": ("2021-06-10", "2021-08-01"),
    }
    for slug, (promulgated, effective) in expected.items():
        version = laws[slug].current
        assert (version.promulgated.isoformat(), version.effective.isoformat()) == (promulgated, effective), slug
    repealed = laws["tuiyi-shibing-anzhi-tiaoli"]
    assert repealed.repealed == dt.date(2024, 9, 1)
    assert repealed.successor is laws["tuiyi-junren-anzhi-tiaoli"]
    assert laws["tuiyi-junren-anzhi-tiaoli"].predecessors == [repealed]
    # the successor's last article is the legal basis of the repeal
    assert "《退役士兵安置条例》同时废止" in laws["tuiyi-junren-anzhi-tiaoli"].current.parsed.articles[-1].text
    for slug in ("junren-fuxu-youdai-tiaoli", "lieshi-baoyang-tiaoli"):
        history = laws[slug].history
        assert [v.ident for v in history] == ["2019"]
    assert len(laws["junren-fuxu-youdai-tiaoli"].history[0].parsed.articles) == 54
    assert len(laws["lieshi-baoyang-tiaoli"].history[0].parsed.articles) == 43


@pytest.mark.parametrize("day, slug, ident, status", [
    ("2026-11-26", "tuiyi-junren-baozhangfa", "", "有效"),
    ("2020-12-31", "tuiyi-junren-baozhangfa", "", "尚未生效"),  # promulgated, not yet in force
    ("2021-01-01", "tuiyi-junren-baozhangfa", "", "有效"),
    ("2024-08-31", "tuiyi-shibing-anzhi-tiaoli", "", "有效"),
    ("2024-09-01", "tuiyi-shibing-anzhi-tiaoli", "", "已废止"),  # the day the successor takes effect
    ("2024-08-31", "tuiyi-junren-anzhi-tiaoli", "", "尚未生效"),
    ("2024-09-01", "tuiyi-junren-anzhi-tiaoli", "", "有效"),
    ("2024-09-15", "junren-fuxu-youdai-tiaoli", "", "尚未生效"),
    ("2024-09-15", "junren-fuxu-youdai-tiaoli", "2019", "有效"),  # the old text applies until the new one
    ("2024-10-01", "junren-fuxu-youdai-tiaoli", "2019", "已修改"),
    ("2024-12-31", "lieshi-baoyang-tiaoli", "", "尚未生效"),
    ("2024-12-31", "lieshi-baoyang-tiaoli", "2019", "有效"),
    ("2025-01-01", "lieshi-baoyang-tiaoli", "2019", "已修改"),
    ("2026-11-26", "lieshi-baoyang-tiaoli", "", "有效"),
])
def test_status_is_computed_from_dates(site, day, slug, ident, status):
    law = site.models["laws"].laws[slug]
    version = next(v for v in law.all_versions if v.ident == ident)
    assert version.status(dt.date.fromisoformat(day)) == status


def _row(rows, old=None, new=None):
    return next(r for r in rows if (old is None or (r.old and r.old.key == old)) and (new is None or (r.new and r.new.key == new)))


def test_comparison_of_the_two_versions_of_junren_fuxu_youdai_tiaoli(site):
    law = site.models["laws"].laws["junren-fuxu-youdai-tiaoli"]
    rows = compare.compare(law.history[0].parsed.articles, law.current.parsed.articles)
    # every article of both versions appears exactly once
    assert sorted(r.old.number for r in rows if r.old) == list(range(1, 55))
    assert sorted(r.new.number for r in rows if r.new) == list(range(1, 65))
    # checked by hand against the texts:
    first = _row(rows, old="1")
    assert first.kind == "changed" and first.new.key == "1"
    inserted = "".join(s.text for s in first.segments if s.kind == "ins")
    assert "《中华人民共和国军人地位和权益保障法》" in inserted and "让军人成为全社会尊崇的职业" in inserted
    assert _row(rows, new="3").kind == "added"  # 军人抚恤优待工作坚持中国共产党的领导 is new in 2024
    assert _row(rows, old="14").new.key == "17" and _row(rows, old="14").kind == "same"  # identical, renumbered
    assert _row(rows, old="51").new.key == "60" and _row(rows, old="51").kind == "same"  # 适用于武警部队
    last = _row(rows, old="54")
    assert last.kind == "changed" and last.new.key == "64"
    assert "".join(s.text for s in last.segments if s.kind != "del") == law.current.parsed.article("64").text
    assert "".join(s.text for s in last.segments if s.kind != "ins") == law.history[0].parsed.article("54").text


def test_rewritten_second_article_is_one_change(site):
    """The 2004 and 2024 第二条 both define 抚恤优待对象 (a sentence, then a list): one 修改, not 删除 + 新增."""
    law = site.models["laws"].laws["junren-fuxu-youdai-tiaoli"]
    rows = compare.compare(law.history[0].parsed.articles, law.current.parsed.articles)
    second = _row(rows, old="2")
    assert second.kind == "changed" and second.new.key == "2"
    assert not [r for r in rows if r.kind in ("added", "removed") and (r.new or r.old).key == "2" and
                (r.new is None or r.new.label == "第二条")]
    kept = "".join(s.text for s in second.segments if s.kind == "same")
    assert "烈士遗属、因公牺牲军人遗属、病故军人遗属" in kept and "退出现役的残疾军人" in kept
    assert not second.rewritten and not _row(rows, old="54").rewritten  # enough in common: shown inline


def test_an_article_with_little_in_common_is_shown_old_then_new():
    from govsite.types.laws.parser import Article

    old = Article(number=3, suffix=0, paragraphs=["县级以上人民政府应当将烈士褒扬经费列入财政预算，专款专用。"], line=1)
    new = Article(number=3, suffix=0, paragraphs=["烈士褒扬经费由中央和地方财政分级负担，具体办法由国务院财政部门规定。"], line=1)
    row = compare.Row("changed", old, new, compare.diff_segments(old.text, new.text))
    assert row.rewritten


def test_changes_are_whole_words(site):
    """Every boundary between kept and changed text falls between two words (jieba), never inside one: a
    character diff of a rewritten clause (the old code's) cuts words in half."""
    import jieba

    law = site.models["laws"].laws["junren-fuxu-youdai-tiaoli"]
    rows = compare.compare(law.history[0].parsed.articles, law.current.parsed.articles)
    checked = 0
    for row in rows:
        if row.kind != "changed":
            continue
        for side, skip in (("old", "ins"), ("new", "del")):
            text = getattr(row, side).text
            bounds = {0}
            for line_start, line in zip(_line_starts(text), text.split("\n")):
                at = line_start
                for word in jieba.lcut(line):
                    at += len(word)
                    bounds.add(at)
                bounds.add(line_start)
            at, kinds = 0, []
            for seg in row.segments:
                if seg.kind == skip:
                    continue
                kinds.append((at, seg.kind))
                at += len(seg.text)
            assert at == len(text)
            cuts = [start for (start, kind), (_s, previous) in zip(kinds[1:], kinds) if kind != previous]
            assert all(c in bounds for c in cuts), (row.old.label, side, [text[c - 3:c + 3] for c in cuts if c not in bounds])
            checked += len(cuts)
    assert checked > 100


def _line_starts(text: str) -> list[int]:
    starts, at = [], 0
    for line in text.split("\n"):
        starts.append(at)
        at += len(line) + 1
    return starts


def test_comparison_of_lieshi_baoyang_tiaoli(site):
    law = site.models["laws"].laws["lieshi-baoyang-tiaoli"]
    rows = compare.compare(law.history[0].parsed.articles, law.current.parsed.articles)
    first = _row(rows, old="1")
    assert first.kind == "changed"
    assert [s.text for s in first.segments if s.kind == "ins"] == ["根据《中华人民共和国英雄烈士保护法》等有关法律，"]
    assert _row(rows, new="3").kind == "added"  # 烈士褒扬工作坚持中国共产党的领导
    # 评定烈士的情形 (第八条 in both): the 2024 text adds 特勤警卫 and 武器装备科研试验 stays
    eighth = _row(rows, old="8")
    assert eighth.kind == "changed" and eighth.new.key == "8"
    inserted = "".join(s.text for s in eighth.segments if s.kind == "ins")
    assert "特勤警卫" in inserted and "武器装备科研试验" not in inserted
    # old 第三条 was split: its last two paragraphs (全社会应当支持……, ……捐助) are new 第五条
    assert _row(rows, old="3").new.key == "5" and _row(rows, new="4").kind == "added"
    counts = compare.summary(rows)
    assert counts["changed"] + counts["same"] + counts["removed"] == 43
    assert counts["changed"] + counts["same"] + counts["added"] == 70


def test_citation_resolves_by_short_and_full_title(site):
    a = crossref.resolve(site, "退役军人保障法", "21")
    b = crossref.resolve(site, "中华人民共和国退役军人保障法", "第二十一条")
    assert a.target == b.target == "laws/tuiyi-junren-baozhangfa/#art-21"
    assert a.text == "《退役军人保障法》第二十一条"
    assert crossref.tooltip(a).startswith("第二十一条 对退役的军官，国家采取退休、转业")
    whole = crossref.resolve(site, "宪法", None)
    assert whole.target == "laws/xianfa/" and whole.text == "《宪法》"


def test_citation_errors(site):
    with pytest.raises(crossref.CitationError, match="未收录"):
        crossref.resolve(site, "兵役法", "1")
    with pytest.raises(crossref.CitationError, match="共85条"):
        crossref.resolve(site, "退役军人保障法", "86")
    with pytest.raises(crossref.CitationError, match="已于2024年9月1日废止.*退役军人安置条例"):
        crossref.resolve(site, "退役士兵安置条例", "32", allow_repealed=False)
    assert crossref.resolve(site, "退役士兵安置条例", "32").law.slug == "tuiyi-shibing-anzhi-tiaoli"


def test_expand_markdown_links_citations_and_titles(site):
    markdown = ("见[[退役军人保障法#21]]和《宪法》，以及《某不存在的法》。写法如 `[[退役军人保障法#21]]` 或 `《宪法》`。"
                "\n\n```\n[[退役军人保障法#21]]\n```")
    converted = site.markdown.convert(markdown, "pufa/news/x.md")
    out = site.markdown.for_page(converted, "pufa/news/x/")
    assert 'href="../../../laws/tuiyi-junren-baozhangfa/#art-21"' in out
    assert 'title="第二十一条 对退役的军官' in out
    assert '>《宪法》</a>' in out and 'href="../../../laws/xianfa/"' in out
    assert "《某不存在的法》" in out and out.count("<a ") == 2  # unknown titles and code stay as they are
    assert out.count("<code>[[退役军人保障法#21]]") == 2  # inline code and the fenced block, untouched
    assert [(c.law.short, c.article.label) for c in converted.citations] == [("退役军人保障法", "第二十一条")]
    # the same text in a feed: absolute links, site-relative in between
    assert 'href="laws/tuiyi-junren-baozhangfa/#art-21"' in converted.html
    site.site_url, kept = "https://example.gov.cn/", site.site_url
    try:
        assert 'href="https://example.gov.cn/laws/xianfa/"' in site.markdown.for_feed(converted, "pufa/news/x/")
    finally:
        site.site_url = kept


def test_yaml_text_goes_through_the_same_pipeline_line_by_line(site):
    converted = site.markdown.convert('<b>注意</b> [[宪法#55]]\n第二行<script>alert(1)</script>', "qa/", lines=True)
    html = site.markdown.for_page(converted, "qa/")
    assert html.count("<p>") == 2 and "<b>注意</b>" in html  # each line a paragraph; safe HTML kept
    assert "<script" not in html and "alert(1)" not in html  # the script removed with its content
    assert 'href="../laws/xianfa/#art-55"' in html


def test_seed_report_titles_become_law_links(site):
    doc = site.editor_pages["pufa/fzzf/2023.md"]
    out = site.markdown.for_page(site.markdown.convert(doc.body, doc.src_uri), "pufa/fzzf/2023/")
    for title, slug in [("《宪法》", "xianfa"), ("《中华人民共和国退役军人保障法》", "tuiyi-junren-baozhangfa"),
                        ("《退役士兵安置条例》", "tuiyi-shibing-anzhi-tiaoli"),
                        ("《军人抚恤优待条例》", "junren-fuxu-youdai-tiaoli"), ("《烈士褒扬条例》", "lieshi-baoyang-tiaoli"),
                        ("《退役军人保障法》", "tuiyi-junren-baozhangfa")]:
        assert f'href="../../../laws/{slug}/"' in out and f">{title}</a>" in out, title
    # the verbatim text itself is unchanged: only links were added around the titles
    assert doc.body.count("《") == out.count("《")
    assert crossref.REF_RE.search(out) is None


def test_feed_items_have_stable_ids_and_dates(site):
    from govsite.types.laws import CONTENT_TYPE as laws

    items = {doc.id: doc for doc in laws.documents(site)}
    repeal = items["laws/tuiyi-shibing-anzhi-tiaoli/repealed"]
    assert repeal.title == "《退役士兵安置条例》已废止" and repeal.feeds == ("laws",)
    assert repeal.published.day == dt.date(2024, 9, 1) and repeal.published.date_only
    assert repeal.url == "laws/tuiyi-shibing-anzhi-tiaoli/" and repeal.status.mark == "已废止"
    revision = items["laws/junren-fuxu-youdai-tiaoli/2024-08-05"]
    assert revision.title == "《军人抚恤优待条例》2024年修订" and "2024年10月1日起施行" in revision.summary
    # the change note links the comparison of the two texts
    assert ("版本对照", "laws/junren-fuxu-youdai-tiaoli/2019-compare/") in [(r.label, r.url) for r in revision.related]
    old = items["laws/junren-fuxu-youdai-tiaoli/2019-03-02"]
    assert old.url == "laws/junren-fuxu-youdai-tiaoli/2019/"
    # superseded since the 2024 text took effect: that is when subscribers see it change
    assert (old.status.mark, old.status.since, old.changed.day) == ("已修改", dt.date(2024, 10, 1), dt.date(2024, 10, 1))
    assert len(items) == 13  # 10 current texts + 2 earlier versions + 1 repeal
    again = {doc.id for doc in laws.documents(site)}
    assert again == set(items)
    assert all(doc.published.day <= site.today for doc in items.values())


def test_pufa_news_feed_and_updates(site):
    from govsite.document import newest_first
    from govsite.types.feeds.items import feed_title
    from govsite.types.pufa import CONTENT_TYPE as pufa

    items = newest_first(pufa.documents(site))
    assert {i.id for i in items} == {"pufa/news/2025-12-04-xianfa-xuanchuanzhou", "pufa/news/2026-07-28-pufa-jin-junying",
                                     "pufa/news/2026-09-30-lieshi-jinianri"}
    assert all(i.sample and feed_title(i).endswith("（示例）") and i.feeds == ("pufa",) for i in items)
    assert items[0].url == "pufa/news/2026-09-30-lieshi-jinianri/" and items[0].on_home
    assert "烈士纪念日" in items[0].body.markdown  # the whole article, not one sentence


def test_pages_on_a_day_when_a_revision_is_not_yet_in_force():
    """On 2024-09-15 the 2024 text of 军人抚恤优待条例 is published but not in force; the 2019 text applies."""
    from govsite.render import Renderer
    from govsite.types.laws import CONTENT_TYPE as laws

    early = load_site(REPO, today=dt.date(2024, 9, 15))
    pages = {p.src_uri: p for p in laws.pages(early, Renderer(early))}
    current = pages["laws/junren-fuxu-youdai-tiaoli.md"].html
    assert "law-banner--pending" in current and "自2024年10月1日起施行，目前尚未生效" in current
    assert 'href="2019/"' in current
    old = pages["laws/junren-fuxu-youdai-tiaoli/2019.md"].html
    assert "这是目前施行的文本（2019年修订）" in old and "law-status--valid" in old
    listing = pages["laws/index.md"].html
    assert 'data-status="尚未生效"' in listing and 'href="#status-尚未生效"' in listing
    repealed = pages["laws/tuiyi-shibing-anzhi-tiaoli.md"].html
    assert "law-banner--repealed" in repealed  # repealed since 2024-09-01
    before = load_site(REPO, today=dt.date(2024, 8, 31))
    page = next(p for p in laws.pages(before, Renderer(before)) if p.src_uri == "laws/tuiyi-shibing-anzhi-tiaoli.md")
    assert "law-banner--repealed" not in page.html and "law-status--valid" in page.html
