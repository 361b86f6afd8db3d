"""政府信息公开 in the real build: the catalogue page and api/catalogue.json agree, filters work without
JavaScript, the guide carries what 条例第十二条 requires, policies and interpretations link both ways."""
from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path

import yaml
from lxml import html as lxml_html

from sitekit import REPO, run_build

SITE_URL = "https://tyjrswj.example.gov.cn/"


def page(built: Path, url: str):
    return lxml_html.fromstring((built / url / "index.html").read_bytes())


def resolve(from_url: str, href: str) -> str:
    """Site-relative URL of a relative link on the page at directory URL `from_url`."""
    target = posixpath.normpath(posixpath.join("/" + from_url, href.split("#")[0]))
    return target.lstrip("/") + ("/" if href.split("#")[0].endswith("/") and target != "/" else "")


def exists(built: Path, url: str) -> bool:
    return (built / url / "index.html").is_file() if url.endswith("/") or url == "" else (built / url).is_file()


def catalogue_json(built: Path) -> dict:
    return json.loads((built / "api/catalogue.json").read_text(encoding="utf-8"))


def rows(built: Path, url: str) -> list[dict]:
    doc = page(built, url)
    out = []
    for tr in doc.xpath("//table[@data-catalogue]/tbody/tr"):
        link = tr.xpath(".//td[@data-label='名称']/a")[0]
        out.append({"id": tr.get("data-id"), "index_no": tr.get("data-index"), "title": link.text_content(),
                    "url": resolve(url, link.get("href")), "year": int(tr.get("data-year")),
                    "validity": tr.get("data-validity") or None, "category": tr.get("data-category")})
    return out


def test_catalogue_page_and_json_list_the_same_items(built_site):
    data = catalogue_json(built_site)
    on_page = rows(built_site, "xxgk/ml/")
    assert data["count"] == len(data["items"]) == len(on_page) > 0
    assert [r["id"] for r in on_page] == [i["id"] for i in data["items"]]
    for row, item in zip(on_page, data["items"]):
        assert (row["index_no"], row["title"], row["year"], row["validity"], row["category"]) == \
               (item["index_no"], item["title"], item["year"], item["validity"], item["category"])
        assert item["url"] == SITE_URL + row["url"]  # absolute, from site_url in mkdocs.yml
        assert exists(built_site, row["url"]), row["url"]
    assert len({i["id"] for i in data["items"]}) == len(data["items"])
    assert len({i["index_no"] for i in data["items"]}) == len(data["items"])


def test_catalogue_holds_every_disclosure_document(built_site):
    ids = {i["id"] for i in catalogue_json(built_site)["items"]}
    expected = {f"policies/{p.stem}" for p in (REPO / "data/policies").glob("*.yml")}
    expected |= {f"interpretations/{p.stem}" for p in (REPO / "data/interpretations").glob("*.yml")}
    expected |= {f"annual-reports/{p.stem}" for p in (REPO / "data/xxgk/annual-reports").glob("*.yml")}
    expected |= {f"fzzf-reports/{p.stem}" for p in (REPO / "content/pufa/fzzf").glob("[0-9]*.md")}
    assert expected <= ids
    kinds = {i["kind"] for i in catalogue_json(built_site)["items"]}
    assert {"政策文件", "政策解读", "年度报告", "法治政府建设年度报告"} <= kinds


def test_json_fields_are_documented_on_the_page_in_chinese(built_site):
    """Every field of the JSON is explained, each row led by its Chinese name; the names inside the file are a
    column of their own, not the explanation (it read `items[].doc_number`, `null` to the public)."""
    table = page(built_site, "xxgk/ml/").xpath("//*[@id='open-data']/following::table[1]")[0]
    names = {code.text_content() for code in table.xpath(".//td[last()]//code | .//th//code")}
    data = catalogue_json(built_site)
    assert set(data) <= names and set(data["items"][0]) <= names
    for row in table.xpath(".//tbody/tr"):
        lead = row.xpath("./th")[0].text_content()
        assert re.match(r"^[\u4e00-\u9fff]", lead), lead  # a Chinese name first
    prose = " ".join(t.text_content() for t in table.xpath(".//tbody/tr/td[2]"))
    assert "items[]" not in table.text_content() and "null" not in prose
    section = " ".join(p.text_content() for p in page(built_site, "xxgk/ml/").xpath("//*[@id='open-data']/following-sibling::p[position() <= 2]"))
    assert "空值" in section and "数据文件" in section


def test_filters_work_without_javascript(built_site):
    data = catalogue_json(built_site)
    doc = page(built_site, "xxgk/ml/")
    links = doc.xpath("//nav[@data-catalogue-filters]//a[@data-filter]")
    assert links
    for link in links:
        assert exists(built_site, resolve("xxgk/ml/", link.get("href"))), link.get("href")
    # 2024 and 有效, as a visitor without JavaScript would reach it: 年份 2024 first, then 有效 on that page.
    year_link = next(a for a in links if a.get("data-filter") == "year" and a.get("data-value") == "2024")
    year_url = resolve("xxgk/ml/", year_link.get("href"))
    valid_link = next(a for a in page(built_site, year_url).xpath("//a[@data-filter='validity']")
                      if a.get("data-value") == "有效")
    both_url = resolve(year_url, valid_link.get("href"))
    expected = [i["id"] for i in data["items"] if i["year"] == 2024 and i["validity"] == "有效"]
    assert expected and [r["id"] for r in rows(built_site, both_url)] == expected
    # The count shown next to the link is the number of rows on the page it opens.
    assert valid_link.xpath(".//span[@class='xxgk-filter__count']")[0].text == str(len(expected))


def test_guide_has_what_article_12_requires(built_site):
    doc = page(built_site, "xxgk/zn/")
    text = doc.text_content()
    office = yaml.safe_load((REPO / "data/site.yml").read_text(encoding="utf-8"))["政府信息公开"]
    for key in ("机构名称", "地址", "办公时间", "电话", "传真", "电子邮箱"):
        assert office[key] in text, key
    for heading in ("信息分类", "编排体系", "获取方式", "政府信息公开工作机构", "依申请公开"):
        assert heading in text
    assert "20 个工作日" in text and "最长不超过 20 个工作日" in text
    form = next(a.get("href") for a in doc.xpath("//a[@download]"))
    form_url = resolve("xxgk/zn/", form)
    with zipfile.ZipFile(built_site / form_url) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "政府信息公开申请表" in body and "特征性描述" in body


def test_policy_and_interpretation_link_both_ways(built_site):
    for path in (REPO / "data/interpretations").glob("*.yml"):
        target = yaml.safe_load(path.read_text(encoding="utf-8"))["解读对象"]
        policy_url, interpretation_url = f"xxgk/zcwj/{target}/", f"xxgk/zcjd/{path.stem}/"
        forward = {resolve(policy_url, a.get("href")) for a in page(built_site, policy_url).xpath("//article//a[@href]")}
        back = {resolve(interpretation_url, a.get("href"))
                for a in page(built_site, interpretation_url).xpath("//article//a[@href]")}
        assert interpretation_url in forward and policy_url in back


def test_section_pages_and_links(built_site):
    index = page(built_site, "xxgk/")
    targets = {resolve("xxgk/", a.get("href")) for a in index.xpath("//article//a[@href]")}
    for url in ("xxgk/zn/", "xxgk/ml/", "xxgk/zcwj/", "xxgk/zcjd/", "xxgk/fdzdgknr/", "xxgk/zd/", "xxgk/ysqgk/",
                "xxgk/ndbg/", "pufa/fzzf/"):
        assert url in targets and exists(built_site, url), url


def test_compliance_report_is_not_on_the_public_site(built_site):
    doc = page(built_site, "xxgk/hegui/")
    text = doc.text_content()
    assert "不在网站上公开" in text
    assert "公开时限" not in text and "年度报告算术" not in text  # the report is for the bureau (previews)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "hegui" not in home


def test_broken_sum_stops_the_build_naming_the_cell(site_copy):
    report = site_copy / "data/xxgk/annual-reports/2024.yml"
    lines = report.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("  本年新收: {"))
    lines[row] = lines[row].replace("总计: 7}", "总计: 9}")
    report.write_text("\n".join(lines), encoding="utf-8")
    result = run_build(site_copy, site_copy / "out")
    assert result.returncode != 0
    assert f"错误 data/xxgk/annual-reports/2024.yml:{row + 1} 依申请公开的本年新收的“总计”: 总计填报为 9" in result.stderr
    assert not (site_copy / "out").exists()


def test_late_document_alone_stops_a_strict_build(site_copy):
    policy = site_copy / "data/policies/2024-004.yml"
    text = policy.read_text(encoding="utf-8").replace("成文日期: 2024-09-23", "成文日期: 2024-09-02")
    policy.write_text(text, encoding="utf-8")
    published_line = text.split("\n").index("发布日期: 2024-10-10") + 1
    result = run_build(site_copy, site_copy / "out")
    assert result.returncode != 0
    assert f"警告 data/policies/2024-004.yml:{published_line} 发布日期: " in result.stderr
    assert "相隔 23 个工作日" in result.stderr


def test_json_updated_is_the_newest_item_date(built_site):
    data = catalogue_json(built_site)
    assert data["updated"] == max(i["date"] for i in data["items"])
    assert data["items"] == sorted(data["items"], key=lambda i: i["date"], reverse=True)


def test_json_matches_its_published_schema(built_site):
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads((built_site / "api/catalogue.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(catalogue_json(built_site)))
    assert errors == []
    # Every documented field of an item is in the schema, and the other way round.
    assert set(schema["properties"]["items"]["items"]["properties"]) == set(catalogue_json(built_site)["items"][0])
