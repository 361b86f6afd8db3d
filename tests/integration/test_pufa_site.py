"""普法 in the real strict build: cases in feeds, search, the home page and under law articles; the quiz page as
complete HTML; the 普法 pages per audience; the calendar."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from integration.test_search_index_site import _records
from lxml import html as lxml_html

from feedcheck import check_rss
from sitekit import REPO

SITE_URL = "https://tyjrswj.example.gov.cn/"
CASES = sorted((REPO / "data/cases").glob("*.yml"))


def _page(site: Path, url: str):
    return lxml_html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _has(name: str) -> str:
    """XPath test: the element has this class."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def test_demo_cases_are_real_with_sources_or_marked_samples():
    real = sample = 0
    for path in CASES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("示例"):
            sample += 1
        else:
            real += 1
            source = data["来源"]
            assert source["发布机关"] and source["名称"], path.name
            assert any(word in source["发布机关"] for word in ("最高人民法院", "最高人民检察院", "退役军人事务部")), path.name
        for party in data.get("当事人", []):  # individuals as published: surname + 某
            assert party.get("单位") or "某" in party["称谓"], (path.name, party)
    assert real >= 6 and sample >= 1


def test_case_pages_and_lists(built_site):
    page = _page(built_site, "pufa/anli/bingdiaolian-yinglie-mingyu")
    text = _text(page.xpath("//article")[0])
    for part in ("案情简介", "争议焦点", "处理结果", "以案释法", "依据条文", "涉英烈权益保护十大典型案例", "海南省三亚市城郊人民法院"):
        assert part in text
    links = [a.get("href") for a in page.xpath(f"//*[{_has('case-analysis')}]//a[{_has('law-ref')}]")]
    assert "../../../laws/yingxiong-lieshi-baohufa/#art-22" in links
    # a case with a published 案号 shows it
    assert "(2016)京02民终6272号" in _text(_page(built_site, "pufa/anli/langyashan-wu-zhuangshi-mingyu"))
    # the list shows every case, 示例 marked, and filter pages exist for each 主题 and each cited law
    listing = _page(built_site, "pufa/anli")
    cards = listing.xpath(f"//li[{_has('case-card')}]")
    assert len(cards) == len(CASES)
    samples = [_text(c.xpath(".//h3")[0]) for c in cards if c.xpath(f".//*[{_has('pufa-sample')}]")]
    assert samples and all(t.endswith("示例") for t in samples)
    filters = [a.get("href") for a in listing.xpath(f"//*[{_has('case-filters')}]//a")]
    assert "zhuti/yinglie-baohu/" in filters and "fa/yingxiong-lieshi-baohufa/" in filters
    for href in filters:
        assert (built_site / "pufa/anli" / href / "index.html").is_file(), href


def test_related_cases_and_questions_under_law_articles(built_site):
    law = _page(built_site, "laws/yingxiong-lieshi-baohufa")
    related = law.xpath(f"//*[@id='art-22']//*[{_has('law-related')}]")[0]
    assert "相关案例（第二十二条）" in _text(related) and "相关答题（第二十二条）" in _text(related)
    hrefs = [a.get("href") for a in related.xpath(".//a")]
    assert "../../pufa/anli/bingdiaolian-yinglie-mingyu/" in hrefs
    assert "../../pufa/dati/yinglie-baohu/#ti-3" in hrefs
    assert not law.xpath(f"//*[@id='art-30']//*[{_has('law-related')}]")  # 本法自……起施行: nothing rests on it
    # the sample mark follows a fictional case to the law page
    rules = _page(built_site, "laws/junren-fuxu-youdai-tiaoli")
    assert rules.xpath(f"//*[@id='art-52']//*[{_has('law-related')}]//*[{_has('pufa-sample')}]")
    # earlier versions list nothing (citations resolve against the current text)
    assert not _page(built_site, "laws/junren-fuxu-youdai-tiaoli/2019").xpath(f"//*[{_has('law-related')}]")


def test_cases_in_feeds(built_site):
    data = (built_site / "feeds/pufa-anli.xml").read_bytes()
    items = check_rss(data, SITE_URL + "feeds/pufa-anli.xml")
    assert len(items) == len(CASES)
    titles = [i["title"] for i in items]
    assert "残疾军人凭证乘坐公交车被要求购票案（示例）" in titles
    assert "李某破坏军婚案" in titles
    # the entry's HTML: the whole case, its citations as absolute links
    assert b"https://tyjrswj.example.gov.cn/laws/yingxiong-lieshi-baohufa/#art-22" in data
    disabled = (built_site / "feeds/duixiang-shangcan-junren.xml").read_bytes()
    assert "残疾军人凭证乘坐公交车被要求购票案（示例）".encode() in disabled
    assert "李某破坏军婚案".encode() not in disabled  # a case for 军属 stays out of 伤残军人's feed
    assert "李某破坏军婚案".encode() in (built_site / "feeds/duixiang-junshu.xml").read_bytes()
    assert "李某破坏军婚案".encode() in (built_site / "feeds/all.xml").read_bytes()
    assert "以案释法" in (built_site / "feeds/index.html").read_text(encoding="utf-8")


def test_cases_on_the_home_page_and_in_search(built_site):
    home = _page(built_site, "")
    latest = [(_text(li.xpath(f".//*[{_has('gov-tag')}]")[0]), _text(li.xpath(".//a")[0]))
              for li in home.xpath(f"//*[{_has('gov-updates')}]//li")]
    assert ("以案释法", "退役士兵报考事业单位“基层工作经历”认定案（示例）") in latest
    rows = _records(built_site)
    row = rows["pufa/anli/bingdiaolian-yinglie-mingyu/"]
    assert row[2] == "以案释法" and row[3] == "2026-09-25"  # 类别 and date from the case
    assert "冰雕连" in row[5]
    assert rows["pufa/anli/shili-canji-junren-gongjiao/"][1] == "残疾军人凭证乘坐公交车被要求购票案（示例）"


def test_quiz_page_is_complete_html(built_site):
    page = _page(built_site, "pufa/dati/tuiyi-junren-baozhangfa")
    sections = page.xpath("//*[@data-question]")
    bank = yaml.safe_load((REPO / "data/quiz/tuiyi-junren-baozhangfa.yml").read_text(encoding="utf-8"))
    assert len(sections) == len(bank["题目"]) >= 10
    for section, entry in zip(sections, bank["题目"], strict=True):
        answers = entry["答案"] if isinstance(entry["答案"], list) else [entry["答案"]]
        keyed = [_text(li).replace("（正确答案）", "").strip() for li in section.xpath(".//*[@data-static]//li")
                 if li.xpath(f".//*[{_has('quiz-key')}]")]
        assert keyed == [a for a in (entry.get("选项") or ["正确", "错误"]) if a in answers]
        assert [int(i) for i in section.get("data-answer").split(",")] == sorted(
            (entry.get("选项") or ["正确", "错误"]).index(a) for a in answers)
        explain = section.xpath(".//*[@data-explain]")[0]
        assert "解析" in _text(explain) and explain.xpath(f".//*[{_has('quiz-article')}]//blockquote")  # the article's text
    # the script is a file of the site (CSP script-src 'self'), the page carries no inline script or handler
    source = (built_site / "pufa/dati/tuiyi-junren-baozhangfa/index.html").read_text(encoding="utf-8")
    assert '<script src="../../../assets/quiz.js" defer></script>' in source
    assert not re.search(r"<script>(?!\s*</script>)|\son[a-z]+=", source)
    assert (built_site / "assets/quiz.js").is_file()
    quiz_js = (built_site / "assets/quiz.js").read_text(encoding="utf-8")
    for sends in ("fetch(", "XMLHttpRequest", "sendBeacon", "localStorage", "sessionStorage", "document.cookie"):
        assert sends not in quiz_js


def test_three_banks_of_ten(built_site):
    index = _page(built_site, "pufa/dati")
    titles = [_text(a) for a in index.xpath(f"//*[{_has('quiz-banks')}]//h2/a")]
    assert titles == ["退役军人保障法知识答题", "宪法知识答题", "英烈保护与烈士褒扬知识答题"]
    for path in sorted((REPO / "data/quiz").glob("*.yml")):
        assert len(yaml.safe_load(path.read_text(encoding="utf-8"))["题目"]) >= 10, path.name


def test_every_audience_has_a_pufa_page_linked_from_the_finder(built_site):
    audiences = yaml.safe_load((REPO / "data/benefits/audiences.yml").read_text(encoding="utf-8"))["服务对象"]
    finder = (built_site / "services/index.html").read_text(encoding="utf-8")
    for audience in audiences:
        page = _page(built_site, f"pufa/duixiang/{audience['编号']}")
        assert _text(page.xpath("//h1")[0]) == f"{audience['名称']}学法用法"
        assert f'href="../pufa/duixiang/{audience["编号"]}/"' in finder
    disabled = _page(built_site, "pufa/duixiang/shangcan-junren")
    text = _text(disabled.xpath("//article")[0])
    assert "残疾军人凭证乘坐公交车被要求购票案" in text
    assert "残疾退役军人的残疾抚恤金按照什么确定？" in text
    assert "《军人抚恤优待条例》第五十二条" in text


def test_calendar_lists_dates_and_activities(built_site):
    page = _page(built_site, "pufa/rili")
    names = [_text(h) for h in page.xpath(f"//*[{_has('pufa-calendar')}]//h2")]
    # soonest first from the build date 2026-11-26
    assert names == ["国家宪法日·宪法宣传周", "全民国家安全教育日", "民法典宣传月", "八一建军节", "烈士纪念日"]
    bayi = page.xpath("//*[@id='bayi-jianjunjie']")[0].getparent()
    assert "“普法进军营”：为即将退役的官兵讲解安置政策" in _text(bayi)  # held 7月28日, within 7 days of 8月1日
    xianfa = page.xpath("//*[@id='xianfa-ri']")[0].getparent()
    assert "还有8天" in _text(xianfa) and "宪法宣传周" in _text(xianfa)


def test_related_lists_stay_out_of_the_articles_search_records(built_site):
    rows = _records(built_site)
    article = rows["laws/yingxiong-lieshi-baohufa/#art-22"][5]
    assert "禁止歪曲、丑化、亵渎、否定英雄烈士事迹和精神" in article
    assert "冰雕连" not in article and "相关案例" not in article
