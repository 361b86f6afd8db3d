"""精准服务 in the real build: per-audience feeds, the finder page and its JSON, 办事指南 pages."""
from __future__ import annotations

import json
import re

import feedparser
import yaml

from govsite import frontmatter
from sitekit import REPO

AUDIENCES = yaml.safe_load((REPO / "data/benefits/audiences.yml").read_text(encoding="utf-8"))["服务对象"]
ITEMS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "data/benefits/items").glob("*.yml"))}
GUIDES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / "data/guides").glob("*.yml"))}


def _tagged_pages() -> dict[str, set]:
    """Page path -> 适用对象 of every notice (front matter) and policy (YAML), read from the sources."""
    tagged = {}
    for path in sorted((REPO / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        meta = frontmatter.split(text, str(path))[0].data or {}
        if meta.get("适用对象"):
            tagged[path.relative_to(REPO / "content").with_suffix("").as_posix() + "/"] = set(meta["适用对象"])
    for path in sorted((REPO / "data/policies").glob("*.yml")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        if meta.get("适用对象"):
            tagged[path.stem] = set(meta["适用对象"])
    return tagged


def test_every_audience_has_a_valid_rss_and_atom_feed(built_site):
    for audience in AUDIENCES:
        for kind in ("xml", "atom"):
            path = built_site / f"feeds/duixiang-{audience['编号']}.{kind}"
            assert path.is_file(), path
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path.name, parsed.get("bozo_exception"))
            assert audience["名称"] in parsed.feed.title


def test_audience_feed_holds_the_items_tagged_for_it(built_site):
    tagged = _tagged_pages()
    notices = {page for page in tagged if page.startswith("notices/")}
    assert notices, "the demo content has notices with 适用对象"
    for audience in AUDIENCES:
        parsed = feedparser.parse((built_site / f"feeds/duixiang-{audience['编号']}.xml").read_bytes())
        links = {entry.link for entry in parsed.entries}
        for page, tags in tagged.items():
            concerned = bool(tags & set(audience["订阅标签"]))
            present = any(link.rstrip("/").endswith("/" + page.rstrip("/")) for link in links)
            assert present == concerned, (audience["名称"], page, tags)


def test_disabled_veterans_feed_is_listed_on_the_subscribe_page(built_site):
    html = (built_site / "feeds/index.html").read_text(encoding="utf-8")
    for audience in AUDIENCES:
        assert f"duixiang-{audience['编号']}.xml" in html and audience["名称"] in html
    assert "按人员类别订阅" in html


def test_finder_page_works_offline_and_has_no_mermaid(built_site):
    html = (built_site / "services/index.html").read_text(encoding="utf-8")
    assert "mermaid" not in html
    assert 'src="../assets/finder.js"' in html
    for url in re.findall(r'src="(https?://[^"]+)"', html):  # nothing is loaded from another host
        assert url.startswith("https://tyjrswj.example.gov.cn/"), url
    article = html.split('class="md-content"')[1].split('class="md-footer')[0]
    for url in re.findall(r'href="(https?://[^"]+)"', article):
        assert url.startswith("https://tyjrswj.example.gov.cn/"), url
    data = json.loads((built_site / "services/finder.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in data["benefits"]] == list(ITEMS)
    assert [a["id"] for a in data["audiences"]] == [a["编号"] for a in AUDIENCES]
    for benefit_id, _item in ITEMS.items():
        assert f'id="b-{benefit_id}"' in html
    for audience in AUDIENCES:
        assert f'id="dx-{audience["编号"]}"' in html


def test_guide_pages_show_materials_steps_chart_and_public_phones(built_site):
    public = {entry["号码"] for entry in yaml.safe_load((REPO / "data/site.yml").read_text(encoding="utf-8"))["公开号码"]}
    for guide_id, guide in GUIDES.items():
        html = (built_site / f"services/guides/{guide_id}/index.html").read_text(encoding="utf-8")
        assert html.count("<svg class=\"gov-flow__chart\"") == 1 and "mermaid" not in html
        for material in guide["办理材料"]:
            assert material["名称"] in html
        for step in guide["办理流程"]:
            assert step["步骤"] in html
        assert f"{guide['承诺时限']} 个工作日" in html
        phones = re.findall(r'href="tel:([^"]+)"', html)
        assert phones and set(phones) <= public
    laixin = (built_site / "services/guides/laixin-laifang/index.html").read_text(encoding="utf-8")
    assert laixin.count('class="gov-flow__node gov-flow__node--decision"') == 2


def test_guides_are_in_the_disclosure_catalogue_as_services(built_site):
    html = (built_site / "xxgk/ml/all/all/bsfw/index.html").read_text(encoding="utf-8")
    for guide in GUIDES.values():
        assert f"{guide['名称']}办事指南" in html and guide["索引号"] in html
