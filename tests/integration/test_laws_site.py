"""The law library, 普法 and 政策问答 in the real strict build."""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sitekit import REVIEW_RECORD, run_build

REPO = Path(__file__).resolve().parents[2]
TEXTS = REPO / "data" / "laws" / "texts"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article_count(text_file: Path) -> int:
    """Counted straight from the source text, independently of the parser."""
    return len(re.findall(r"(?m)^第[零一二三四五六七八九十百千]+条[ \u3000]", text_file.read_text(encoding="utf-8")))


PAGES = {  # page URL -> text file
    "laws/xianfa/": "中华人民共和国宪法.md",
    "laws/tuiyi-junren-baozhangfa/": "中华人民共和国退役军人保障法.md",
    "laws/tuiyi-shibing-anzhi-tiaoli/": "退役士兵安置条例.md",
    "laws/tuiyi-junren-anzhi-tiaoli/": "退役军人安置条例.md",
    "laws/junren-fuxu-youdai-tiaoli/": "军人抚恤优待条例.md",
    "laws/lieshi-baoyang-tiaoli/": "烈士褒扬条例.md",
    "laws/zhengfu-xinxi-gongkai-tiaoli/": "中华人民共和国政府信息公开条例.md",
    "laws/geren-xinxi-baohufa/": "中华人民共和国个人信息保护法.md",
    "laws/junren-fuxu-youdai-tiaoli/2019/": "versions/军人抚恤优待条例-2019.md",
    "laws/lieshi-baoyang-tiaoli/2019/": "versions/烈士褒扬条例-2019.md",
}


def test_every_article_has_its_anchor(built_site):
    for url, text in PAGES.items():
        page = read(built_site, url)
        n = article_count(TEXTS / text)
        anchors = re.findall(r'<div class="law-article" id="art-(\d+)">', page)
        assert anchors == [str(i) for i in range(1, n + 1)], url
        assert page.count('data-copy-link') == n, url


def test_article_21_of_the_protection_law(built_site):
    page = read(built_site, "laws/tuiyi-junren-baozhangfa/")
    block = page.split('id="art-21"', 1)[1].split('id="art-22"', 1)[0]
    assert 'href="#art-21"' in block and "第二十一条" in block
    assert "对退役的军官，国家采取退休、转业、逐月领取退役金、复员等方式妥善安置。" in block
    assert "以复员方式安置的，按照国家有关规定领取复员费。" in block  # the article's last paragraph
    assert "law-status--valid" in page and "2021年1月1日" in page


def test_repealed_law_has_banner_and_successor(built_site):
    page = read(built_site, "laws/tuiyi-shibing-anzhi-tiaoli/")
    banner = page.split('class="law-banner law-banner--repealed"', 1)[1].split("</div>", 1)[0]
    assert "已于2024年9月1日废止" in banner
    assert 'href="../tuiyi-junren-anzhi-tiaoli/"' in banner and "《退役军人安置条例》" in banner
    assert 'href="../tuiyi-junren-anzhi-tiaoli/#art-93"' in banner  # the article that repealed it
    successor = read(built_site, "laws/tuiyi-junren-anzhi-tiaoli/")
    assert "取代" in successor and 'href="../tuiyi-shibing-anzhi-tiaoli/"' in successor
    assert "law-banner--repealed" not in successor


def test_earlier_version_page_and_comparison(built_site):
    page = read(built_site, "laws/junren-fuxu-youdai-tiaoli/2019/")
    assert "law-banner--history" in page and "这是历史版本（2019年修订）" in page
    assert 'href="../"' in page  # the current version
    assert 'href="../2019-compare/"' in page
    assert "law-status--amended" in page
    current = read(built_site, "laws/junren-fuxu-youdai-tiaoli/")
    assert 'href="2019/"' in current and 'href="2019-compare/"' in current
    compare = read(built_site, "laws/junren-fuxu-youdai-tiaoli/2019-compare/")
    assert compare.count('class="law-compare__row ') == len(re.findall(r'data-kind="', compare))
    first = compare.split('id="new-art-1"', 1)[1].split("</li>", 1)[0]
    assert 'data-kind="changed"' in compare.split('id="new-art-1"', 1)[0][-80:]
    assert "<ins>" in first and "军人地位和权益保障法" in first
    added = compare.split('id="new-art-3"', 1)[0][-120:]
    assert "law-compare__row--added" in added


def test_law_list_groups_and_filters(built_site):
    page = read(built_site, "laws/")
    groups = re.findall(r'<h2 id="rank-\d">([^<]+)</h2>', page)
    assert groups == ["宪法", "法律", "行政法规"]
    item = re.search(r'<li class="law-item" data-status="([^"]+)" data-topics="([^"]+)">\s*<a class="law-item__title" '
                     r'href="tuiyi-shibing-anzhi-tiaoli/">', page)
    assert item and item.group(1) == "已废止" and "安置" in item.group(2).split()
    assert page.count('data-status="已修改"') == 2  # the two earlier versions
    # without JavaScript, the filter links lead to plain lists
    assert 'href="#status-已废止"' in page
    fallback = page.split('id="status-已废止"', 1)[1].split("</ul>", 1)[0]
    assert "退役士兵安置条例" in fallback and "2024年9月1日废止" in fallback
    assert "军人抚恤优待条例" not in fallback
    assert 'src="../assets/laws.js"' in page or "assets/laws.js" in page


def test_seed_report_links_law_titles(built_site):
    page = read(built_site, "pufa/fzzf/2023/")
    links = {html.unescape(t): h for h, t in re.findall(r'<a class="law-ref[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', page)}
    assert links["《宪法》"] == "../../../laws/xianfa/"
    assert links["《中华人民共和国退役军人保障法》"] == "../../../laws/tuiyi-junren-baozhangfa/"
    assert links["《退役军人保障法》"] == "../../../laws/tuiyi-junren-baozhangfa/"
    assert links["《退役士兵安置条例》"] == "../../../laws/tuiyi-shibing-anzhi-tiaoli/"
    assert links["《军人抚恤优待条例》"] == "../../../laws/junren-fuxu-youdai-tiaoli/"
    assert links["《烈士褒扬条例》"] == "../../../laws/lieshi-baoyang-tiaoli/"


def test_qa_citations_carry_the_article_text(built_site):
    page = read(built_site, "qa/")
    for topic in ("就业创业", "抚恤优待", "褒扬激励", "安置"):
        assert f">{topic}</h2>" in page
    cite = re.search(r'<a class="law-ref law-ref--ref" href="../laws/tuiyi-junren-anzhi-tiaoli/#art-26" title="([^"]+)"', page)
    assert cite and html.unescape(cite.group(1)).startswith("第二十六条 对安排工作的退役军士和义务兵，主要采取赋分选岗的办法")
    answers = page.count('class="qa-item"')
    assert answers >= 12 and page.count('class="qa-basis"') == answers
    assert "tuiyi-shibing-anzhi-tiaoli/#art-" not in page  # no answer rests on the repealed law


def test_pufa_pages(built_site):
    index = read(built_site, "pufa/")
    assert 'href="qingdan/"' in index and 'href="news/"' in index and 'href="fzzf/"' in index
    duties = read(built_site, "pufa/qingdan/")
    for column in ("法律法规", "普法内容", "普法对象", "普法方式", "责任科室", "时间安排"):
        assert f'<th scope="col">{column}</th>' in duties
    assert "pufa-sample" in duties and 'href="../../laws/tuiyi-junren-anzhi-tiaoli/#art-26"' in duties
    news = read(built_site, "pufa/news/")
    entries = re.findall(r'<a href="([^"]+)">([^<]+)</a>\s*<span class="pufa-sample"', news)
    assert len(entries) == 3
    for href, _title in entries:
        page = read(built_site, "pufa/news/" + href)
        assert "doc-sample" in page and "虚构" in page


def test_new_law_file_with_only_its_yaml_renders_with_every_article_anchored(site_copy, tmp_path):
    """Dropping in a text from the same source plus its YAML entry is all it takes."""
    # Stand-in for "a new law": take the 个人信息保护法 out of the library, then add it back as a new file.
    (site_copy / "data" / "laws" / "geren-xinxi-baohufa.yml").unlink()
    for path in [site_copy / "data" / "pufa" / "responsibilities.yml"]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(", 个人信息保护法]", "]").replace("、[[个人信息保护法#34]]", ""), encoding="utf-8")
    new_text = site_copy / "data" / "laws" / "texts" / "新法.md"
    shutil.copyfile(TEXTS / "中华人民共和国个人信息保护法.md", new_text)
    (site_copy / "data" / "laws" / "xin-fa.yml").write_text(
        "# yaml-language-server: $schema=../../hooks/govsite/types/laws/law.schema.json\n"
        "标题: 中华人民共和国个人信息保护法\n简称: 个保法\n效力位阶: 法律\n制定机关: 全国人民代表大会常务委员会\n"
        "公布日期: 2021-08-20\n施行日期: 2021-11-01\n主题: [个人信息保护]\n来源: 国家法律法规数据库\n文本: texts/新法.md\n"
        + REVIEW_RECORD,  # reviewed like every document (the demo requires a record)
        encoding="utf-8")
    out = tmp_path / "out"
    result = run_build(site_copy, out)
    assert result.returncode == 0, result.stderr
    page = read(out, "laws/xin-fa/")
    n = article_count(new_text)
    assert re.findall(r'<div class="law-article" id="art-(\d+)">', page) == [str(i) for i in range(1, n + 1)]
    assert 'href="xin-fa/"' in read(out, "laws/")
