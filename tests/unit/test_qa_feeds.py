"""政策问答 reach the 政策问答 feed and the per-audience feeds of the people they concern."""
from __future__ import annotations

from govsite.build import load_site
from sitekit import REPO, copy_site


def test_every_answer_is_a_feed_item_with_its_topics_audiences():
    site = load_site(REPO)
    assert site.problems.errors == []
    qa_type = next(t for t in site.types if t.name == "qa")
    items = list(qa_type.feed_items(site))
    answers = [a for topic in site.models["qa"] for a in topic.answers]
    assert len(items) == len(answers) > 0
    assert len({item.id for item in items}) == len(items)
    anzhi = [item for item in items if item.id.startswith("qa/anzhi-")]
    assert anzhi and all("安排工作退役士兵" in item.audiences for item in anzhi)
    assert all(item.published.utcoffset().total_seconds() == 8 * 3600 for item in items)


def test_unknown_audience_tag_is_an_error_with_its_line(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/qa/anzhi.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("适用对象: [退役士兵,", "适用对象: [退伍士兵,", 1),
                    encoding="utf-8")
    site = load_site(root)
    messages = [p.format() for p in site.problems.errors]
    assert len(messages) == 1 and messages[0].startswith("data/qa/anzhi.yml:5 “适用对象”第1项: “退伍士兵”不是已知的服务对象标签")
