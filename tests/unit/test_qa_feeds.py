"""政策问答 reach the 政策问答 feed and the per-audience feeds of the people they concern; every answer keeps the
编号 written in its YAML as its id, whatever questions are added around it."""
from __future__ import annotations

from govsite.build import load_site
from govsite.render import Renderer
from govsite.types.feeds.items import feed_item
from sitekit import REPO, copy_site


def qa_items(site):
    qa_type = next(t for t in site.types if t.name == "qa")
    renderer = Renderer(site)
    return [feed_item(site, renderer, doc) for doc in qa_type.documents(site)]


def test_every_answer_is_a_feed_item_with_its_topics_audiences():
    site = load_site(REPO)
    assert site.problems.errors == []
    items = qa_items(site)
    answers = [a for topic in site.models["qa"] for a in topic.answers]
    assert len(items) == len(answers) > 0
    assert len({item.id for item in items}) == len(items)
    anzhi = [item for item in items if item.id.startswith("qa/anzhi-")]
    assert anzhi and all("安排工作退役士兵" in item.audiences for item in anzhi)
    assert all(item.published.utcoffset().total_seconds() == 8 * 3600 for item in items)


def test_a_feed_item_carries_the_text_of_the_articles_it_cites():
    site = load_site(REPO)
    item = next(i for i in qa_items(site) if i.id == "qa/anzhi-1")
    # the answer cites 退役军人安置条例第九十三条; readers never show a link's title, so its text is in the item
    assert "引用的法律条文" in item.content_html and "第九十三条" in item.content_html
    assert "《退役士兵安置条例》同时废止" in item.content_html  # the article's own words
    assert "[[" not in item.content_html


def test_inserting_a_question_at_the_top_changes_no_other_id(tmp_path):
    site = load_site(REPO)
    before = {i.id: i.title for i in qa_items(site)}
    root = copy_site(tmp_path / "repo")
    path = root / "data/qa/anzhi.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("问答:\n", "问答:\n  - 编号: anzhi-new\n    问: 新问题？\n    答: |\n"
                                           "      新答案（[[退役军人安置条例#4]]）。\n    更新日期: 2026-06-18\n", 1),
                    encoding="utf-8")
    after = {i.id: i.title for i in qa_items(load_site(root))}
    assert set(after) == set(before) | {"qa/anzhi-new"}
    assert all(after[key] == title for key, title in before.items())  # every id still names the same question


def test_a_repeated_or_missing_id_is_an_error_with_its_line(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/qa/fuxu-youdai.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("编号: fuxu-youdai-2", "编号: anzhi-1", 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index("  - 编号: anzhi-1") + 1
    messages = [p.format() for p in load_site(root).problems.errors]
    assert messages == [f"data/qa/fuxu-youdai.yml:{line} 第2条问答的“编号”: 编号“anzhi-1”已被 data/qa/anzhi.yml:8 使用；"
                        "每条问答的编号在全站唯一，发布后不再改变"]
    path.write_text(text.replace("  - 编号: fuxu-youdai-2\n    问:", "  - 问:", 1), encoding="utf-8")
    messages = [p.format() for p in load_site(root).problems.errors]
    assert len(messages) == 1 and messages[0].startswith(f"data/qa/fuxu-youdai.yml:{line} 第2条问答") and "编号" in messages[0]


def test_unknown_audience_tag_is_an_error_with_its_line(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/qa/anzhi.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("适用对象: [退役士兵,", "适用对象: [退伍士兵,", 1),
                    encoding="utf-8")
    site = load_site(root)
    messages = [p.format() for p in site.problems.errors]
    assert len(messages) == 1 and messages[0].startswith("data/qa/anzhi.yml:5 “适用对象”第1项: “退伍士兵”不是已知的服务对象标签")
