"""The lifecycle gate (govsite/lifecycle.py): drafts, the review record, scheduled release, withdrawal — every
state, and every error with 文件:行 字段 in Chinese."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from notice_site import SITE_URL, new_root, write

from govsite import build, dates, lifecycle, release
from govsite.dates import TZ
from govsite.document import When, all_documents
from govsite.mode import BuildMode
from govsite.render import Renderer
from govsite.types.catalogue import CONTENT_TYPE as CATALOGUE
from govsite.types.feeds import CONTENT_TYPE as FEEDS
from govsite.types.notices import CONTENT_TYPE as NOTICES
from govsite.types.notices import model as notices_model
from govsite.types.placements import CONTENT_TYPE as PLACEMENTS
from govsite.types.policies import CONTENT_TYPE as POLICIES
from govsite.types.withdrawn import CONTENT_TYPE as WITHDRAWN
from sitekit import REPO, REVIEW_RECORD

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
CODE = "11410100MB0000000X"
TYPES = [POLICIES, NOTICES, PLACEMENTS, CATALOGUE, WITHDRAWN, FEEDS]


def record(**changes) -> str:
    """REVIEW_RECORD with some fields changed (None removes one)."""
    lines = REVIEW_RECORD.rstrip("\n").split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        key = line.strip().split(":", 1)[0]
        if key in changes:
            if changes[key] is not None:
                out.append(f"  {key}: {changes.pop(key)}")
            continue
        out.append(line)
    out += [f"  {key}: {value}" for key, value in changes.items() if value is not None]
    return "\n".join(out) + "\n"


def notice(title="甲", published="2026-11-23 09:00", extra="", review=REVIEW_RECORD, body="正文。",
           index=f"{CODE}/2026-00040") -> str:
    head = f"标题: {title}\n类别: 通知公告\n发布时间: {published}\n" + (f"索引号: {index}\n" if index else "")
    return f"---\n{head}{extra}{review or ''}---\n\n{body}\n"


def policy(title="测试文件", formed="2026-11-20", published="2026-11-23", extra="", review=REVIEW_RECORD,
           index=f"{CODE}/2026-00041", number="某退役军人发〔2026〕9号") -> str:
    return (f"标题: {title}\n" + (f"索引号: {index}\n" if index else "") + f"发文字号: {number}\n"
            f"发布机构: 某区退役军人事务局（示例）\n成文日期: {formed}\n发布日期: {published}\n主题分类: 服务保障\n"
            f"文件类型: 其他文件\n有效性: 有效\n内容概述: 概述。\n{extra}{review or ''}正文: |\n  正文。\n")


@pytest.fixture
def root(tmp_path):
    """A site with no documents but the ones each test writes; a complete review record is required."""
    root = new_root(tmp_path)
    settings = root / "data/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("审核记录必填: false", "审核记录必填: true"),
                        encoding="utf-8")
    return root


def load(root, now=NOW, preview=False):
    return build.load_site(root, SITE_URL, types=list(TYPES), mode=BuildMode(serve=preview), now=now)


def errors(site) -> list[str]:
    return [p.format() for p in site.problems.errors]


def line_of(root, path: str, start: str) -> int:
    text = (root / path).read_text(encoding="utf-8")
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def documents(site) -> dict:
    return {doc.id: doc for doc in all_documents(site)}


# ---- drafts ---------------------------------------------------------------------------------------------------

def test_a_draft_is_held_back_from_the_public_build_and_shown_with_its_banner_in_previews(root):
    write(root, "content/notices/2026/a.md", notice(extra="草稿: true\n", review=None))
    site = load(root)
    assert errors(site) == []  # a draft needs no review record yet
    assert "notices/2026/a.md" not in site.editor_pages and "notices/2026/a" not in notices_model(site).notices
    [held] = lifecycle.held(site)
    assert (held.state, held.file, held.line, held.url, held.index_no, held.src_uri) == \
        ("草稿", "content/notices/2026/a.md", line_of(root, "content/notices/2026/a.md", "草稿"), "notices/2026/a/",
         f"{CODE}/2026-00040", "notices/2026/a.md")
    assert documents(site) == {}

    shown = load(root, preview=True)
    assert errors(shown) == [] and lifecycle.held(shown) == []
    doc = documents(shown)["notices/2026/a"]
    assert doc.lifecycle.state == "草稿" and doc.lifecycle.banner == "草稿 · 未发布"
    renderer = Renderer(shown)
    before, _after = NOTICES.document_html(shown, shown.editor_pages["notices/2026/a.md"], renderer)
    assert '<p class="doc-lifecycle" role="note"><strong>草稿 · 未发布</strong>' in before


def test_drafts_are_shown_by_make_serve_and_by_previews_alike():
    assert BuildMode(serve=True).show_drafts and BuildMode(preview=True).show_drafts
    assert not BuildMode().show_drafts and not BuildMode(release="20261202-100000-abcdef0").show_drafts


# ---- scheduled release ---------------------------------------------------------------------------------------

def test_a_scheduled_notice_is_out_until_its_moment_and_then_the_same_document(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-26 11:00", extra="定时发布: 2026-11-26 11:00\n"))
    before = load(root, now=NOW)  # 10:00, an hour before
    assert errors(before) == []
    [held] = lifecycle.held(before)
    assert held.state == "定时发布" and held.release.instant == dt.datetime(2026, 11, 26, 11, 0, tzinfo=TZ)
    assert held.line == line_of(root, "content/notices/2026/a.md", "定时发布")
    assert documents(before) == {} and CATALOGUE.name in before.models and before.models["catalogue"].items == []

    preview = load(root, now=NOW, preview=True)
    assert documents(preview)["notices/2026/a"].lifecycle.banner == "定时发布 2026-11-26 11:00"

    after = load(root, now=NOW + dt.timedelta(hours=2))
    doc = documents(after)["notices/2026/a"]
    assert doc.lifecycle is None and lifecycle.held(after) == []
    assert (doc.id, doc.index_no) == ("notices/2026/a", f"{CODE}/2026-00040")  # the same feed id and 索引号
    assert [row.index_no for row in after.models["catalogue"].items] == [f"{CODE}/2026-00040"]


def test_make_serve_hands_over_an_editors_page_only_while_the_gate_would_decide_the_same(root):
    """Under make serve an unchanged page is the one the last save made, with the gate's verdict and problems:
    its release moment coming between two saves of the same text, drafts shown or not, the review record becoming
    required, and a new day each change what the gate says, as a fresh load says it (no verify here: a part the
    record does not compare would leave the last verdict in place)."""
    from govsite.incremental import Memo

    write(root, "content/notices/2026/a.md", notice(published="2026-11-26 11:00", extra="定时发布: 2026-11-26 11:00\n"))
    write(root, "content/notices/2026/b.md", notice(title="乙", index=f"{CODE}/2026-00041", review=""))
    write(root, "content/notices/2026/c.md", notice(title="丙", index=f"{CODE}/2026-00042",
                                                    extra="草稿: true\n"))
    write(root, "content/notices/2026/d.md", notice(title="丁", index=f"{CODE}/2026-00043",
                                                    extra="撤回:\n  日期: 2026-11-27\n  原因: 有误\n"))  # tomorrow
    settings = root / "data/site.yml"
    required = settings.read_text(encoding="utf-8")
    memo = Memo()

    def gate(now=NOW, preview=False, memo_=memo):
        site = build.load_site(root, SITE_URL, types=list(TYPES), mode=BuildMode(serve=preview), now=now,
                               memo=memo_)
        return (sorted(site.editor_pages), [(h.state, h.url) for h in lifecycle.held(site)],
                [(h.state, h.url) for h in lifecycle.register(site).shown], errors(site),
                sorted(lifecycle.register(site).scheduled_pages))

    def same_as_fresh(**kwargs):
        found = gate(**kwargs)
        assert found == gate(memo_=None, **kwargs), kwargs
        return found

    before = same_as_fresh()
    assert "notices/2026/a.md" not in before[0] and ("定时发布", "notices/2026/a/") in before[1]
    assert before[4] == ["notices/2026/a.md"] and any("缺少审核记录" in e for e in before[3])
    assert same_as_fresh() == before and memo.hits >= 0  # the same save again: every page handed over
    after = same_as_fresh(now=NOW + dt.timedelta(hours=2))  # the same texts, its moment come
    assert "notices/2026/a.md" in after[0] and ("定时发布", "notices/2026/a/") not in after[1]
    settings.write_text(required.replace("审核记录必填: true", "审核记录必填: false"), encoding="utf-8")
    relaxed = same_as_fresh(now=NOW + dt.timedelta(hours=2))
    assert not any("缺少审核记录" in e for e in relaxed[3])
    assert any("撤回日期 2026-11-27 晚于今天" in e for e in relaxed[3])
    next_day = same_as_fresh(now=NOW + dt.timedelta(days=1))  # a new day: the withdrawal's date has come
    assert not any("晚于今天" in e for e in next_day[3])
    assert "notices/2026/d.md" in relaxed[0] and "notices/2026/d.md" not in next_day[0]  # withdrawn now
    shown = same_as_fresh(now=NOW + dt.timedelta(days=1), preview=True)  # drafts shown
    assert "notices/2026/c.md" in shown[0] and ("草稿", "notices/2026/c/") in shown[2]
    settings.write_text(required, encoding="utf-8")
    assert same_as_fresh() == before


def test_the_release_moment_is_exact_to_the_minute(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-26 11:00"))
    assert lifecycle.held(load(root, now=dt.datetime(2026, 11, 26, 10, 59, tzinfo=TZ)))
    assert not lifecycle.held(load(root, now=dt.datetime(2026, 11, 26, 11, 0, tzinfo=TZ)))


def test_a_future_publication_time_alone_schedules_the_document(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00"))
    [held] = lifecycle.held(load(root))
    assert held.state == "定时发布" and held.release.day == dt.date(2026, 11, 27)


def test_a_document_dated_by_its_day_goes_public_at_midnight(root):
    write(root, "data/policies/2026-009.yml", policy(formed="2026-11-20", published="2026-11-27"))
    assert lifecycle.held(load(root, now=dt.datetime(2026, 11, 26, 23, 59, tzinfo=TZ)))[0].state == "定时发布"
    site = load(root, now=dt.datetime(2026, 11, 27, 0, 0, tzinfo=TZ))
    assert errors(site) == [] and "policies/2026-009" in documents(site)


def test_scheduled_release_on_another_day_than_the_stated_date_is_an_error(root):
    write(root, "data/policies/2026-009.yml", policy(extra="定时发布: 2026-11-24 09:00\n"))
    line = line_of(root, "data/policies/2026-009.yml", "定时发布")
    assert errors(load(root)) == [
        f"data/policies/2026-009.yml:{line} 定时发布: 定时发布 2026-11-24 09:00 与发布日期 2026-11-23 不在同一天；"
        "网站显示的发布日期就是信息上线的日子，请把发布日期改为 2026-11-24，或把定时发布改到那一天"]


def test_scheduled_release_before_the_stated_time_is_an_error(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-26 11:00", extra="定时发布: 2026-11-26 10:30\n"))
    line = line_of(root, "content/notices/2026/a.md", "定时发布")
    assert errors(load(root)) == [
        f"content/notices/2026/a.md:{line} 定时发布: 定时发布 2026-11-26 10:30 早于发布时间 2026年11月26日 11:00；"
        "信息不能在它所写的发布时间之前上线"]


def test_a_scheduled_document_is_checked_now_as_at_its_release(root):
    write(root, "content/notices/2099/a.md", notice(published="2099-01-05 09:00", extra="公示期:\n  开始: 2099-01-05\n",
                                                     index=f"{CODE}/2099-00001"))
    assert any(e.startswith("content/notices/2099/a.md:6 公示期: 2099 年的法定节假日安排尚未录入") for e in errors(load(root)))


def test_a_scheduled_document_needs_its_index_number_now_and_a_draft_does_not(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00", index=""))
    write(root, "content/notices/2026/b.md", notice(title="乙", extra="草稿: true\n", index=""))
    assert errors(load(root)) == [
        f"content/notices/2026/a.md:2 索引号: 缺少索引号；请填写下一个可用的号码：{CODE}/2026-00001（号码一经发布不再改变）"]


# ---- the review record ---------------------------------------------------------------------------------------

def test_a_document_without_its_review_record_is_an_error_when_the_site_requires_one(root):
    write(root, "content/notices/2026/a.md", notice(review=None))
    assert errors(load(root)) == [
        "content/notices/2026/a.md:2 审核: 缺少审核记录：本站规定信息须经审核、保密审查和签发后才能发布"
        "（data/site.yml“审核记录必填”）；请按 EDITING.md“草稿、审核、签发、定时发布与撤回”一节填写“审核”，尚未审核完的请先标为草稿（草稿: true）"]
    settings = root / "data/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("审核记录必填: true", "审核记录必填: false"),
                        encoding="utf-8")
    assert errors(load(root)) == []


def test_an_incomplete_record_names_each_missing_field(root):
    write(root, "content/notices/2026/a.md", notice(review=record(签发=None, 签发日期=None)))
    line = line_of(root, "content/notices/2026/a.md", "审核:")  # the record's own line
    message = "审核记录不完整：缺少此项；信息须经拟稿、审核、保密审查、签发后才能发布，尚未完成的请先标为草稿（草稿: true）"
    assert errors(load(root)) == [f"content/notices/2026/a.md:{line} 审核的“签发”: {message}",
                                  f"content/notices/2026/a.md:{line} 审核的“签发日期”: {message}"]


def test_a_failed_secrecy_review_is_never_published_whatever_the_setting(root):
    settings = root / "data/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("审核记录必填: true", "审核记录必填: false"),
                        encoding="utf-8")
    write(root, "content/notices/2026/a.md", notice(review=record(保密审查="未通过")))
    line = line_of(root, "content/notices/2026/a.md", "  保密审查:")
    assert errors(load(root)) == [
        f"content/notices/2026/a.md:{line} 审核的“保密审查”: 保密审查结果为“未通过”：未通过保密审查的信息不得公开"
        "（政府信息公开条例第十七条）；请改为草稿（草稿: true）或删除，修改后重新审查"]
    write(root, "content/notices/2026/a.md", notice(review=record(保密审查="未通过"), extra="草稿: true\n"))
    assert errors(load(root)) == []  # a draft may wait for a new review


@pytest.mark.parametrize("changes, field, message", [
    ({"审核日期": "2020-01-01"}, "审核日期", "审核日期 2020-01-01 早于拟稿日期 2020-01-02"),
    ({"保密审查日期": "2020-01-05"}, "保密审查日期", "保密审查日期 2020-01-05 晚于签发日期 2020-01-03：须先保密审查、后签发"),
    ({"审核日期": "2020-01-04", "保密审查日期": "2020-01-04", "签发日期": "2026-11-24"}, "签发日期",
     "签发日期 2026-11-24 晚于发布日期 2026-11-23：信息须先签发、后发布"),
    ({"审核": "张某某"}, "审核", "审核人与拟稿人都是“张某某”：审核须由拟稿人以外的人完成"),
    ({"签发": "张某某"}, "签发", "签发人与拟稿人都是“张某某”：签发须由拟稿人以外的人完成"),
])
def test_the_record_tells_a_real_order_of_review(root, changes, field, message):
    write(root, "content/notices/2026/a.md", notice(review=record(**changes)))
    line = line_of(root, "content/notices/2026/a.md", f"  {field}:")
    assert errors(load(root)) == [f"content/notices/2026/a.md:{line} 审核的“{field}”: {message}"]


def test_a_record_of_steps_not_yet_taken_is_an_error(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00", review=record(签发日期="2026-11-27")))
    line = line_of(root, "content/notices/2026/a.md", "  签发日期:")
    assert errors(load(root)) == [f"content/notices/2026/a.md:{line} 审核的“签发日期”: 签发日期 2026-11-27 晚于今天"
                                  "（2026-11-26）；审核记录记的是已经完成的步骤"]


def test_the_schema_checks_the_record_fields(root):
    write(root, "content/notices/2026/a.md", notice(review=record(保密审查="待定", 审核意见="同意")))
    found = errors(load(root))
    assert any(e.endswith("审核的“保密审查”: 取值 \"待定\" 不在允许范围内：通过、未通过") for e in found), found
    assert any("审核的“审核意见”: 未知字段" in e for e in found), found


# ---- withdrawal ----------------------------------------------------------------------------------------------

WITHDRAWAL = "撤回:\n  日期: 2026-11-25\n  原因: 内容有误，已重新发布\n"


def test_a_withdrawn_document_leaves_the_model_and_keeps_a_page_at_its_url(root):
    write(root, "data/policies/2026-009.yml", policy(extra=WITHDRAWAL))
    site = load(root)
    assert errors(site) == [] and documents(site) == {}
    [held] = lifecycle.held(site)
    assert (held.state, held.withdrawn, held.reason, held.index_no) == \
        ("已撤回", dt.date(2026, 11, 25), "内容有误，已重新发布", f"{CODE}/2026-00041")
    [page] = WITHDRAWN.pages(site, Renderer(site))
    assert page.src_uri == "xxgk/zcwj/2026-009/index.md" and page.title == "已撤回：测试文件"
    assert page.meta["search"] == {"exclude": True}
    assert 'data-govsite-withdrawn="2026-11-25"' in page.html and "内容有误，已重新发布" in page.html
    assert "本件政策文件已于<time datetime=\"2026-11-25\">2026年11月25日</time>撤回" in page.html
    # previews show a withdrawn document as withdrawn too
    assert lifecycle.held(load(root, preview=True))[0].state == "已撤回"


def test_a_withdrawn_documents_index_number_is_never_given_again(root):
    write(root, "data/policies/2026-009.yml", policy(extra=WITHDRAWAL))
    write(root, "content/notices/2026/a.md", notice(index=f"{CODE}/2026-00041"))
    line = line_of(root, "data/policies/2026-009.yml", "索引号")
    index = line_of(root, "content/notices/2026/a.md", "索引号")
    assert errors(load(root)) == [
        f"content/notices/2026/a.md:{index} 索引号: 索引号 {CODE}/2026-00041 重复：data/policies/2026-009.yml:{line}"
        "（已撤回的《测试文件》）已使用；草稿、定时发布和已撤回信息的索引号同样保留，请给后加入的这一条改用下一个可用号码"]
    write(root, "content/notices/2026/a.md", notice(index=""))
    assert errors(load(root)) == [  # the proposal skips it
        f"content/notices/2026/a.md:2 索引号: 缺少索引号；请填写下一个可用的号码：{CODE}/2026-00042（号码一经发布不再改变）"]


def test_a_drafts_index_number_is_reserved_too(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-20 09:00", extra="草稿: true\n"))
    write(root, "content/notices/2026/b.md", notice(title="乙", index=f"{CODE}/2026-00040"))
    found = errors(load(root))
    assert found == [f"content/notices/2026/b.md:5 索引号: 索引号 {CODE}/2026-00040 重复：content/notices/2026/a.md:5"
                     "（草稿的《甲》）已使用；草稿、定时发布和已撤回信息的索引号同样保留，请给后加入的这一条改用下一个可用号码"]


@pytest.mark.parametrize("extra, message", [
    ("撤回:\n  日期: 2026-11-27\n  原因: 有误\n",
     "{line} 撤回的“日期”: 撤回日期 2026-11-27 晚于今天（2026-11-26）；撤回立即生效，请填写撤回当天的日期"),
    ("撤回:\n  日期: 2026-11-20\n  原因: 有误\n", "{line} 撤回的“日期”: 撤回日期 2026-11-20 早于发布日期 2026-11-23"),
    ("草稿: true\n撤回:\n  日期: 2026-11-25\n  原因: 有误\n", "{key} 撤回: 草稿没有发布过，不能撤回；不需要时删除文件即可"),
])
def test_withdrawal_errors(root, extra, message):
    write(root, "content/notices/2026/a.md", notice(extra=extra))
    key = line_of(root, "content/notices/2026/a.md", "撤回:")
    line = line_of(root, "content/notices/2026/a.md", "  日期:")
    assert errors(load(root)) == ["content/notices/2026/a.md:" + message.format(line=line, key=key)]


def test_a_document_not_yet_released_cannot_be_withdrawn(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00",
                                                    extra="撤回:\n  日期: 2026-11-26\n  原因: 有误\n"))
    key = line_of(root, "content/notices/2026/a.md", "撤回:")
    assert errors(load(root)) == [f"content/notices/2026/a.md:{key} 撤回: 这条信息定时于 2026年11月27日 09:00 发布，"
                                  "还没有上线，不能撤回；不再发布时请改为草稿（草稿: true）"]


# ---- what refers to held-back documents ----------------------------------------------------------------------

def test_a_published_page_linking_to_a_draft_is_an_error_naming_both_files(root):
    write(root, "content/notices/2026/a.md", notice(extra="草稿: true\n"))
    write(root, "content/notices/2026/b.md", notice(title="乙", index=f"{CODE}/2026-00042",
                                                    body="第一段。\n\n详见[甲](a.md)。"))
    line = line_of(root, "content/notices/2026/b.md", "详见")
    draft = line_of(root, "content/notices/2026/a.md", "草稿")
    assert errors(load(root)) == [
        f"content/notices/2026/b.md:{line} 正文: 链接指向的公示公告《甲》（content/notices/2026/a.md:{draft}）是草稿，尚未发布；"
        "已发布的页面不能链接到未发布或已撤回的信息，请删去链接或等它发布后再加"]
    assert errors(load(root, preview=True)) == errors(load(root))  # make serve shows both, and says so too


def test_a_link_to_a_withdrawn_or_scheduled_document_is_an_error(root):
    write(root, "data/policies/2026-009.yml", policy(extra=WITHDRAWAL))
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00", index=f"{CODE}/2026-00043"))
    write(root, "content/notices/2026/b.md", notice(title="乙", index=f"{CODE}/2026-00042",
                                                    body="见[文件](/xxgk/zcwj/2026-009/)和[甲](../2026/a.md#x)。"))
    found = errors(load(root))
    line = line_of(root, "content/notices/2026/b.md", "见[文件]")
    withdrawn = line_of(root, "data/policies/2026-009.yml", "撤回")
    published = line_of(root, "content/notices/2026/a.md", "发布时间")
    tail = "；已发布的页面不能链接到未发布或已撤回的信息，请删去链接或等它发布后再加"
    assert sorted(found) == sorted([
        f"content/notices/2026/b.md:{line} 正文: 链接指向的政策文件《测试文件》（data/policies/2026-009.yml:{withdrawn}）"
        f"已于 2026年11月25日 撤回{tail}",
        f"content/notices/2026/b.md:{line} 正文: 链接指向的公示公告《甲》（content/notices/2026/a.md:{published}）"
        f"定时于 2026年11月27日 09:00 发布，现在还不在网站上{tail}"])


def test_an_interpretation_of_a_draft_policy_is_an_error_naming_both(root):
    write(root, "data/policies/2026-009.yml", policy(extra="草稿: true\n"))
    write(root, "data/interpretations/2026-009.yml",
          f"标题: 解读\n索引号: {CODE}/2026-00042\n解读对象: 2026-009\n发布机构: 某区退役军人事务局（示例）\n"
          f"发布日期: 2026-11-23\n内容概述: 概述。\n{REVIEW_RECORD}正文: |\n  正文。\n")
    line = line_of(root, "data/interpretations/2026-009.yml", "解读对象")
    draft = line_of(root, "data/policies/2026-009.yml", "草稿")
    assert errors(load(root)) == [
        f"data/interpretations/2026-009.yml:{line} 解读对象: 所指的政策文件《测试文件》（data/policies/2026-009.yml:{draft}）"
        "是草稿，尚未发布；已发布的信息不能指向未发布或已撤回的信息，请等它发布后再引用，或删去这一项"]


def test_a_correction_of_a_scheduled_notice_is_an_error(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00"))
    write(root, "content/notices/2026/b.md", notice(title="乙", index=f"{CODE}/2026-00042", extra="更正: 2026/a\n"))
    [message] = errors(load(root))
    line = line_of(root, "content/notices/2026/b.md", "更正")
    assert message.startswith(f"content/notices/2026/b.md:{line} 更正: 所指的公示公告《甲》（content/notices/2026/a.md:")
    assert "定时于 2026年11月27日 09:00 发布" in message


# ---- 阳光安置 stages -----------------------------------------------------------------------------------------

def test_a_scheduled_placement_stage_keeps_its_data_off_every_page(tmp_path):
    root = new_root(tmp_path, placements=True)
    path = root / "data/placements/2023.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  选岗结果:\n    发布时间: 2023-12-04 09:00\n",
                        "  选岗结果:\n    发布时间: 2023-12-04 09:00\n    草稿: true\n")
    path.write_text(text, encoding="utf-8")
    site = build.load_site(root, SITE_URL, types=list(TYPES), now=NOW)
    assert errors(site) == []
    [round_] = site.models["placements"]
    assert [s.key for s in round_.stages] == ["安置计划", "赋分排名"]
    assert [h.url for h in lifecycle.held(site)] == ["notices/2023/yangguang-anzhi-2023-jieguo/"]
    pages = {p.src_uri: p for p in PLACEMENTS.pages(site, Renderer(site))}
    year = pages["placements/2023.md"]
    assert 'id="jieguo"' not in year.html and "选岗结果" not in [t.title for t in year.toc]
    assert "已按排名顺序选岗" not in year.html and 'id="paiming"' in year.html
    assert "未公示" in pages["placements/index.md"].html


def test_citing_a_law_that_is_not_yet_in_the_library_says_why(site_copy):
    law = site_copy / "data/laws/lieshi-baoyang-tiaoli.yml"
    law.write_text(law.read_text(encoding="utf-8").replace("简称: 烈士褒扬条例\n", "简称: 烈士褒扬条例\n草稿: true\n"),
                   encoding="utf-8")
    site = build.load_site(site_copy, SITE_URL, now=NOW)
    found = errors(site)
    line = line_of(site_copy, "data/laws/lieshi-baoyang-tiaoli.yml", "草稿")
    expected = (f"[[烈士褒扬条例#31]] 引用的《烈士褒扬条例》（data/laws/lieshi-baoyang-tiaoli.yml:{line}）是草稿，尚未发布，"
                "不能引用；请等它发布后再引用")
    assert any(e.startswith("data/benefits/items/youfu-yiyuan.yml:20 第3条依据: ") and e.endswith(expected)
               for e in found), found
    assert not any("laws/lieshi-baoyang-tiaoli" in doc.url for doc in all_documents(site))
    [law_held] = [h for h in lifecycle.held(site) if h.url == "laws/lieshi-baoyang-tiaoli/"]
    assert "laws/lieshi-baoyang-tiaoli/" in law_held.urls and "烈士褒扬条例" in law_held.names  # every page it has
    assert all(url.startswith("laws/lieshi-baoyang-tiaoli/") for url in law_held.urls)
    shown = build.load_site(site_copy, SITE_URL, now=NOW, mode=BuildMode(serve=True))
    assert errors(shown) == []
    assert {doc.lifecycle.state for doc in all_documents(shown) if doc.url == "laws/lieshi-baoyang-tiaoli/"} == {"草稿"}


# ---- the record is internal ----------------------------------------------------------------------------------

def test_real_names_in_a_review_record_are_not_personal_data_leaks(root):
    from govsite.types.privacy import CONTENT_TYPE as PRIVACY

    write(root, "content/notices/2026/a.md", notice(review=record(拟稿="王建华", 审核="李秀英", 保密审查人="欧阳明",
                                                                    签发="赵国强")))
    site = build.load_site(root, SITE_URL, types=[PRIVACY, *TYPES], now=NOW)
    assert errors(site) == []  # never published, so never a leak (a 姓名 column with 王建华 would be)
    doc = documents(site)["notices/2026/a"]
    assert not any("王建华" in repr(getattr(doc, name)) for name in doc.__dataclass_fields__)


# ---- the clock -----------------------------------------------------------------------------------------------

def test_the_builds_moment(monkeypatch):
    monkeypatch.setenv("GOVSITE_NOW", "2026-12-02T09:30")
    monkeypatch.setenv("GOVSITE_TODAY", "2026-11-26")
    assert dates.now() == dt.datetime(2026, 12, 2, 9, 30, tzinfo=TZ) and dates.today() == dt.date(2026, 12, 2)
    monkeypatch.delenv("GOVSITE_NOW")
    assert dates.now() == dt.datetime(2026, 11, 26, 23, 59, 59, tzinfo=TZ)  # a fixed day: everything of that day is out
    monkeypatch.setenv("GOVSITE_NOW", "明天")
    with pytest.raises(dates.ClockError, match="环境变量 GOVSITE_NOW 应为北京时间 YYYY-MM-DDTHH:MM"):
        dates.now()


def test_a_bad_clock_is_a_chinese_error_not_a_traceback(root, monkeypatch):
    monkeypatch.setenv("GOVSITE_NOW", "2026-13-01T09:00")
    site = build.load_site(root, SITE_URL, types=list(TYPES))
    assert errors(site) == ["环境变量: 环境变量 GOVSITE_NOW 应为北京时间 YYYY-MM-DDTHH:MM，如 2026-12-02T09:30，"
                            "现为“2026-13-01T09:00”"]


def test_make_publish_builds_at_the_releases_minute(monkeypatch, tmp_path):
    """A release at 09:10 must not carry a document scheduled for 17:00 that day: the build's moment is pinned to
    the minute (GOVSITE_NOW), not to the day (whose moment is its last second)."""

    seen = {}

    def run(command, cwd, env, capture_output, text):
        seen.update(env)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(release.subprocess, "run", run)
    monkeypatch.delenv("GOVSITE_TODAY", raising=False)
    monkeypatch.delenv("GOVSITE_NOW", raising=False)
    release.mkdocs_build(tmp_path, tmp_path / "out", "20261126-091000-abcdef0",
                         dt.datetime(2026, 11, 26, 9, 10, 42, tzinfo=TZ))
    assert seen["GOVSITE_NOW"] == "2026-11-26T09:10" and "GOVSITE_TODAY" not in seen
    monkeypatch.setenv("GOVSITE_NOW", "2026-11-26T08:00")  # reproducing a build: the given moment is kept
    release.mkdocs_build(tmp_path, tmp_path / "out", "20261126-091000-abcdef0",
                         dt.datetime(2026, 11, 26, 9, 10, tzinfo=TZ))
    assert seen["GOVSITE_NOW"] == "2026-11-26T08:00"


# ---- the schemas ---------------------------------------------------------------------------------------------

def test_every_document_schema_carries_the_same_lifecycle_fields():
    sys.path.insert(0, str(REPO / "tools"))
    import lifecycle_schema

    assert lifecycle_schema.differences() == []
    declared = {t.front_matter_schema.name for t in build.discover_types()
                if t.front_matter_schema and lifecycle.schema_declares(t.front_matter_schema, "索引号")}
    copied = {name.rsplit("/", 1)[-1] for name, _keys in lifecycle_schema.TARGETS}
    assert declared <= copied  # every front matter of a catalogue document can be a draft


def test_every_kind_of_document_on_the_site_can_carry_the_lifecycle_fields():
    """Every file a document of the real site comes from names its schema (`$schema=`); each such schema is one
    of those the lifecycle fields are copied into. A new content type fails here until it joins the gate."""
    import re

    sys.path.insert(0, str(REPO / "tools"))
    import lifecycle_schema

    site = build.load_site(REPO, SITE_URL, today=dt.date(2026, 11, 26))
    copied = {(lifecycle_schema.ENGINE / name).resolve() for name, _keys in lifecycle_schema.TARGETS}
    files = {doc.file for doc in all_documents(site)}
    assert len(files) > 40
    for file in sorted(files):
        path = REPO / file
        found = re.search(r"\$schema=(\S+)", path.read_text(encoding="utf-8").split("\n", 3)[1 if file.endswith(".md") else 0])
        assert found, file
        assert (path.parent / found.group(1)).resolve() in copied, file



# ---- what a held-back editor's page takes with it ------------------------------------------------------------

def attachment(path: str) -> str:
    return f"  - 名称: 附件\n    文件: {path}\n"


def test_a_drafts_attachments_are_held_back_unless_a_published_page_uses_them(root):
    write(root, "content/notices/2026/a.md", notice(
        extra="草稿: true\n附件:\n" + attachment("files/own.pdf") + attachment("./files/shared.pdf")
        + attachment("../common/form.docx") + attachment("../../../../outside.pdf")))
    write(root, "content/notices/2026/b.md", notice(title="乙", index=f"{CODE}/2026-00042",
                                                    extra="附件:\n" + attachment("files/shared.pdf")))
    for name in ("2026/files/own.pdf", "2026/files/shared.pdf", "common/form.docx"):
        (root / "content/notices" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content/notices" / name).write_bytes(b"%PDF-1.4\n")
    site = load(root)
    [held] = lifecycle.held(site)
    assert held.attachments == ("notices/2026/files/own.pdf", "notices/2026/files/shared.pdf",
                                "notices/common/form.docx")  # relative to the page; a path leaving content/ is none
    published = {a.url for doc in all_documents(site) for a in doc.attachments}
    assert lifecycle.withheld_files(site, published) == {"notices/2026/files/own.pdf", "notices/common/form.docx"}
    assert lifecycle.withheld_files(site, set()) == set(held.attachments)


def test_a_scheduled_page_keeps_its_text_to_be_checked_as_at_its_release(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00", body="第一段。\n\n第二段。"))
    [held] = lifecycle.held(load(root))
    assert held.body.markdown.strip() == "第一段。\n\n第二段。" and held.body.base == "notices/2026/a.md"
    before = held.body.markdown[:held.body.markdown.index("第一段")].count("\n")  # the body's first line is its file's
    assert (held.body.file, held.body.line + before) == ("content/notices/2026/a.md",
                                                         line_of(root, "content/notices/2026/a.md", "第一段。"))
    assert held.title == "甲" and held.kind == "公示公告" and held.catalogue is True
    assert held.published == held.release == When.of(dt.datetime(2026, 11, 27, 9, 0, tzinfo=TZ))


@pytest.mark.parametrize(("path", "inside"), [
    ("notices/2026/files/a.pdf", "notices/2026/files/a.pdf"), ("notices/2026/./a.pdf", "notices/2026/a.pdf"),
    ("notices/2026/../a.pdf", "notices/a.pdf"), ("notices//2026/a.pdf", "notices/2026/a.pdf"),
    ("notices/../../a.pdf", ""), ("../a.pdf", ""), ("a.pdf", "a.pdf"), ("/a/b.pdf", "a/b.pdf"),
    ("notices/2026/..", "notices"), ("notices/2026/...", "notices/2026/..."), ("", "")])
def test_an_attachment_path_is_read_inside_content_or_not_at_all(path, inside):
    assert lifecycle._inside(path) == inside


def test_a_scheduled_pufa_article_goes_out_at_midnight_of_its_date(root):
    from govsite.types.pufa import CONTENT_TYPE as PUFA

    write(root, "content/pufa/news/a.md", "---\n标题: 活动\n发布日期: 2026-11-27\n发布机构: 某局（示例）\n"
          f"{REVIEW_RECORD}---\n\n正文。\n")
    held = lifecycle.held(build.load_site(root, SITE_URL, types=[*TYPES, PUFA], now=NOW))
    assert [(h.state, h.url, h.published, h.release) for h in held] == [
        ("定时发布", "pufa/news/a/", When(dt.date(2026, 11, 27)), When(dt.date(2026, 11, 27)))]
    at_midnight = build.load_site(root, SITE_URL, types=[*TYPES, PUFA], now=dt.datetime(2026, 11, 27, 0, 0, tzinfo=TZ))
    assert lifecycle.held(at_midnight) == [] and "pufa/news/a.md" in at_midnight.editor_pages
    write(root, "content/pufa/news/a.md", "---\n标题: 活动\n发布日期: 2026-11-20\n发布机构: 某局（示例）\n草稿: true\n"
          "撤回:\n  日期: 2026-11-25\n  原因: 有误\n---\n\n正文。\n")
    assert errors(build.load_site(root, SITE_URL, types=[*TYPES, PUFA], now=NOW)) == [
        f"content/pufa/news/a.md:{line_of(root, 'content/pufa/news/a.md', '撤回')} 撤回: 草稿没有发布过，不能撤回；不需要时删除文件即可"]


# ---- the register and its answers ----------------------------------------------------------------------------

def held_item(**fields) -> lifecycle.Held:
    defaults = {"state": lifecycle.STATE_DRAFT, "kind": "公示公告", "title": "甲", "url": "notices/2026/a/",
                    "file": "content/notices/2026/a.md", "line": 3}
    return lifecycle.Held(**(defaults | fields))


def test_what_a_held_document_is_said_to_be():
    release_at = When.of(dt.datetime(2026, 11, 27, 9, 0, tzinfo=TZ))
    assert held_item().describe() == "是草稿，尚未发布"
    assert held_item(state="定时发布", release=release_at).describe() == "定时于 2026年11月27日 09:00 发布，现在还不在网站上"
    assert held_item(state="已撤回", withdrawn=dt.date(2026, 11, 25)).describe() == "已于 2026年11月25日 撤回"
    assert held_item(state="定时发布").describe() == "不在网站上"
    assert held_item(state="已撤回").describe() == "不在网站上"
    assert held_item(state="草稿", withdrawn=dt.date(2026, 11, 25)).describe() == "是草稿，尚未发布"
    assert held_item(state="其他", withdrawn=dt.date(2026, 11, 25), release=release_at).describe() == "不在网站上"


def test_a_banner_names_the_release_minute_or_midnight():
    assert lifecycle.Lifecycle("草稿").banner == "草稿 · 未发布"
    assert lifecycle.Lifecycle("定时发布", When(dt.date(2026, 11, 27))).banner == "定时发布 2026-11-27 00:00"
    assert lifecycle.Lifecycle("定时发布", When.of(dt.datetime(2026, 11, 27, 9, 5, tzinfo=TZ))).banner == \
        "定时发布 2026-11-27 09:05"
    assert lifecycle.Lifecycle("定时发布").banner == "草稿 · 未发布"
    assert lifecycle.Lifecycle("草稿", When(dt.date(2026, 11, 27))).banner == "草稿 · 未发布"


def test_held_pages_and_urls():
    law = held_item(url="laws/x/", urls=("laws/x/", "laws/x/v2018/", "laws/x/#art-1"))
    answer = held_item(url="qa/anzhi/#q3")
    assert law.pages == ("laws/x/", "laws/x/v2018/") and answer.pages == () and held_item().pages == ("notices/2026/a/",)
    register = lifecycle.Register(held=[law, answer], shown=[held_item(url="notices/2026/b/")])
    assert set(register.by_page()) == {"laws/x/", "laws/x/v2018/", "laws/x/#art-1", "qa/anzhi/#q3"}
    assert set(register.by_page(shown=True)) == set(register.by_page()) | {"notices/2026/b/"}
    first, second = held_item(title="一"), held_item(title="二")
    assert lifecycle.Register(held=[first, second]).by_page()["notices/2026/a/"] is first


def test_a_reference_to_a_held_document_is_reported_once_naming_both_files(root):
    site = load(root)
    register = lifecycle.register(site)
    assert lifecycle.register(site) is register
    register.held.append(held_item(kind="政策问答", title="安置", url="qa/anzhi/", file="data/qa/anzhi.yml", line=7))
    assert lifecycle.report_reference(site, "data/x.yml", 4, "更正", "qa/anzhi/#q3") is True  # by its page
    assert lifecycle.report_reference(site, "data/x.yml", 5, "更正", "qa/other/") is False
    assert errors(site) == ["data/x.yml:4 更正: 所指的政策问答《安置》（data/qa/anzhi.yml:7）是草稿，尚未发布；"
                            "已发布的信息不能指向未发布或已撤回的信息，请等它发布后再引用，或删去这一项"]
    register.held.append(held_item(url="qa/x/#q1"))
    assert lifecycle.held_at(site, "qa/x/#q1") is register.held[-1] and lifecycle.held_at(site, "qa/x/") is None


def test_a_held_law_is_found_by_any_of_its_names(root):
    site = load(root)
    law = held_item(kind="法律法规", names=("烈士褒扬条例", "lieshi-baoyang-tiaoli"))
    lifecycle.register(site).held.append(law)
    assert lifecycle.held_law(site, " 烈士褒扬条例 ") is law and lifecycle.held_law(site, "lieshi-baoyang-tiaoli") is law
    assert lifecycle.held_law(site, "宪法") is None


def test_scheduled_pages_are_listed_by_folder_in_file_order(root):
    site = load(root)
    pages = lifecycle.register(site).scheduled_pages
    pages.update({"notices/2026/b.md": "b", "notices/2025/a.md": "a", "pufa/news/c.md": "c", "notices/2026/a.md": "a2"})
    assert lifecycle.scheduled_pages(site, "notices/") == ["a", "a2", "b"]
    assert lifecycle.scheduled_pages(site, "pufa/") == ["c"] and lifecycle.scheduled_pages(site, "xxgk/") == []


@pytest.mark.parametrize(("text", "day"), [("2026-11-25", dt.date(2026, 11, 25)), (dt.date(2026, 1, 2), dt.date(2026, 1, 2)),
                                           ("", None), (None, None), ("2026-02-30", None), ("明天", None)])
def test_a_date_in_a_record_is_read_or_left_to_the_schema(text, day):
    assert lifecycle._date(text) == day


def test_the_review_record_is_required_only_when_the_setting_is_true(root):
    site = load(root)
    for value, required in ((True, True), (False, False), ("true", False), (1, False), (None, False)):
        site.settings[lifecycle.REQUIRED_SETTING] = value
        assert lifecycle.review_required(site) is required
    assert lifecycle.schema_declares(None, "索引号") is False
    assert lifecycle.schema_declares(NOTICES.front_matter_schema, "索引号") is True
    assert lifecycle.schema_declares(NOTICES.front_matter_schema, "不存在的字段") is False


# ---- boundaries of the record and of withdrawal --------------------------------------------------------------

def test_steps_taken_on_the_same_day_and_today_are_in_order(root):
    same_day = record(拟稿日期="2026-11-23", 审核日期="2026-11-23", 保密审查日期="2026-11-23", 签发日期="2026-11-23")
    write(root, "content/notices/2026/a.md", notice(review=same_day))
    assert errors(load(root)) == []  # drafted, reviewed, checked and signed the day it is published
    today = record(拟稿日期="2026-11-26", 审核日期="2026-11-26", 保密审查日期="2026-11-26", 签发日期="2026-11-26")
    write(root, "content/notices/2026/a.md", notice(published="2026-11-26 09:00", review=today))
    assert errors(load(root)) == []  # the record may be dated today (the build's day)


def test_review_after_signing_is_named_for_the_step_that_came_late(root):
    write(root, "content/notices/2026/a.md", notice(review=record(审核日期="2020-01-05", 保密审查日期="2020-01-02")))
    line = line_of(root, "content/notices/2026/a.md", "  审核日期:")
    assert errors(load(root)) == [f"content/notices/2026/a.md:{line} 审核的“审核日期”: 审核日期 2020-01-05 晚于签发日期 "
                                  "2020-01-03：须先审核、后签发"]


def test_without_a_drafter_nobody_is_compared_with_one(root):
    settings = root / "data/site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("审核记录必填: true", "审核记录必填: false"),
                        encoding="utf-8")
    write(root, "content/notices/2026/a.md", notice(review=record(拟稿=None, 审核=None, 签发=None)))
    assert errors(load(root)) == []
    write(root, "content/notices/2026/a.md", notice(review=record(审核=None, 签发=None)))
    assert errors(load(root)) == []


def test_a_scheduled_release_on_another_day_than_the_stated_time_names_the_time(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00", extra="定时发布: 2026-11-28 09:00\n"))
    line = line_of(root, "content/notices/2026/a.md", "定时发布")
    assert errors(load(root)) == [
        f"content/notices/2026/a.md:{line} 定时发布: 定时发布 2026-11-28 09:00 与发布时间 2026-11-27 不在同一天；网站显示的"
        "发布时间就是信息上线的日子，请把发布时间改为 2026-11-28，或把定时发布改到那一天"]


@pytest.mark.parametrize("day", ["2026-11-23", "2026-11-26"])  # the day it was published, and today
def test_a_withdrawal_on_its_publication_day_or_today_is_valid(root, day):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-23 09:00",
                                                    extra=f"撤回:\n  日期: {day}\n  原因: 有误\n"))
    site = load(root)
    assert errors(site) == [] and [h.withdrawn for h in lifecycle.held(site)] == [dt.date.fromisoformat(day)]


def test_a_withdrawal_date_error_points_at_the_date_whatever_the_order_of_the_fields(root):
    write(root, "content/notices/2026/a.md", notice(extra="撤回:\n  原因: 有误\n  日期: 2026-11-27\n"))
    line = line_of(root, "content/notices/2026/a.md", "  日期:")
    assert errors(load(root)) == [f"content/notices/2026/a.md:{line} 撤回的“日期”: 撤回日期 2026-11-27 晚于今天"
                                  "（2026-11-26）；撤回立即生效，请填写撤回当天的日期"]
    write(root, "content/notices/2026/a.md", notice(extra="撤回:\n  原因: 有误\n  日期: 2026-11-20\n"))
    line = line_of(root, "content/notices/2026/a.md", "  日期:")
    assert errors(load(root)) == [f"content/notices/2026/a.md:{line} 撤回的“日期”: 撤回日期 2026-11-20 早于发布日期 2026-11-23"]


def test_an_item_with_a_lifecycle_error_stays_in_its_types_model_to_be_checked(root):
    """Every problem shows at once: an item whose record is wrong is not dropped silently, its type checks it too
    (the build stops anyway)."""
    write(root, "content/notices/2026/a.md", notice(review=record(签发="张某某"),
                                                    extra="公示期:\n  开始: 2026-11-25\n  结束: 2026-11-20\n"))
    site = load(root)
    assert "notices/2026/a.md" in site.editor_pages and lifecycle.held(site) == []
    assert [e.split(": ", 1)[0] for e in errors(site)] == ["content/notices/2026/a.md:6 公示期",
                                                           "content/notices/2026/a.md:17 审核的“签发”"]


def test_a_scheduled_yaml_document_is_held_at_the_line_of_its_date(root):
    write(root, "data/policies/2026-009.yml", policy(formed="2026-11-20", published="2026-11-27"))
    [held] = lifecycle.held(load(root))
    assert held.line == line_of(root, "data/policies/2026-009.yml", "发布日期")
    assert (held.state, held.index_no, held.catalogue) == ("定时发布", f"{CODE}/2026-00041", True)
    preview = load(root, preview=True)
    [shown] = lifecycle.register(preview).shown
    assert shown.line == held.line and shown.state == "定时发布"


def test_a_link_to_a_scheduled_page_is_reported_in_a_preview_naming_its_line(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00"))
    write(root, "content/notices/2026/b.md", notice(title="乙", index=f"{CODE}/2026-00042", body="见[甲](a.md)。"))
    public, preview = errors(load(root)), errors(load(root, preview=True))
    published = line_of(root, "content/notices/2026/a.md", "发布时间")
    assert public == preview and len(preview) == 1
    assert f"《甲》（content/notices/2026/a.md:{published}）定时于 2026年11月27日 09:00 发布" in preview[0]


def test_in_a_preview_an_interpretation_of_a_shown_draft_is_not_an_error(root):
    write(root, "data/policies/2026-009.yml", policy(extra="草稿: true\n"))
    write(root, "data/interpretations/2026-009.yml",
          f"标题: 解读\n索引号: {CODE}/2026-00042\n解读对象: 2026-009\n发布机构: 某区退役军人事务局（示例）\n"
          f"发布日期: 2026-11-23\n内容概述: 概述。\n{REVIEW_RECORD}正文: |\n  正文。\n")
    preview = load(root, preview=True)
    assert errors(preview) == [] and lifecycle.held_at(preview, "xxgk/zcwj/2026-009/") is None
    assert lifecycle.register(preview).by_page(shown=True)["xxgk/zcwj/2026-009/"].state == "草稿"


def test_a_drafts_banner_carries_no_release_moment(root):
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00", extra="草稿: true\n"))
    doc = documents(load(root, preview=True))["notices/2026/a"]
    assert doc.lifecycle == lifecycle.Lifecycle("草稿", None)
    write(root, "content/notices/2026/a.md", notice(published="2026-11-27 09:00"))
    doc = documents(load(root, preview=True))["notices/2026/a"]
    assert doc.lifecycle == lifecycle.Lifecycle("定时发布", When.of(dt.datetime(2026, 11, 27, 9, 0, tzinfo=TZ)))


def test_the_gate_called_directly_records_what_it_was_told(root):
    """A type calls admit() with what it knows; what it does not pass is empty, never made up."""
    from govsite.yamlfile import parse_yaml

    site = load(root)
    located = parse_yaml("标题: 甲\n草稿: true\n", "data/x.yml")
    assert not lifecycle.admit(site, located, kind="测试", title="甲", url="x/")
    held = lifecycle.held(site)[-1]
    assert (held.index_no, held.index_line, held.catalogue, held.src_uri, held.urls, held.attachments, held.names) == \
        ("", 1, False, "", (), (), ())  # the 索引号 would be written at the item's line
    located = parse_yaml("问答:\n  - 问: 甲\n    草稿: true\n", "data/qa.yml")
    assert not lifecycle.admit(site, located, ("问答", 0), kind="问答", title="甲", url="qa/#q1", urls=("qa/#q1",),
                               names=("甲",))
    held = lifecycle.held(site)[-1]
    assert (held.line, held.index_line, held.urls, held.names) == (3, 2, ("qa/#q1",), ("甲",))
    assert not lifecycle.admit(site, located, ("问答", 0), kind="问答", title="甲", url="qa/#q1", index_line=9)
    assert lifecycle.held(site)[-1].index_line == 9


def test_a_schema_without_properties_declares_nothing(tmp_path):
    schema = tmp_path / "x.schema.json"
    schema.write_text('{"type": "object"}', encoding="utf-8")
    assert lifecycle.schema_declares(schema, "索引号") is False


def test_a_type_whose_date_field_has_another_name_is_held_at_the_items_line(root):
    """admit() is the gate of every type, present and future: a document dated by a field the gate does not know
    (a type's own 成文日期, say) is scheduled by the date the type hands over, and held at the item's line."""
    from govsite.yamlfile import parse_yaml

    site = load(root)
    located = parse_yaml("标题: 甲\n成文日期: 2026-11-27\n" + REVIEW_RECORD, "data/x/a.yml")
    assert not lifecycle.admit(site, located, kind="测试", title="甲", url="x/a/", published=dt.date(2026, 11, 27))
    assert errors(site) == []
    held = lifecycle.held(site)[-1]
    assert (held.state, held.line, held.release) == ("定时发布", 1, When(dt.date(2026, 11, 27)))


@pytest.mark.parametrize(("path", "text", "field"), [
    ("content/notices/2026/a.md", notice(published="2026-11-23 25:00"), "发布时间"),
    ("content/notices/2026/a.md", notice().replace("发布时间: 2026-11-23 09:00\n", ""), ""),
    ("content/pufa/news/a.md", f"---\n标题: 活动\n发布日期: 2026-02-30\n发布机构: 某局（示例）\n{REVIEW_RECORD}---\n\n正文。\n",
     "发布日期")])
def test_a_page_with_a_bad_or_missing_date_is_a_chinese_error_not_a_traceback(root, path, text, field):
    from govsite.types.pufa import CONTENT_TYPE as PUFA

    write(root, path, text)
    found = errors(build.load_site(root, SITE_URL, types=[*TYPES, PUFA], now=NOW))
    assert found and all(e.startswith(path) for e in found), found
    assert any(field in e for e in found), found


def test_a_reference_to_a_held_answer_is_found_by_its_own_fragment(root):
    site = load(root)
    answer = held_item(kind="政策问答", title="问", url="qa/x/#q1", file="data/qa/x.yml", line=9)
    lifecycle.register(site).held.append(answer)
    assert lifecycle.report_reference(site, "data/y.yml", 2, "替代", "qa/x/#q1") is True
    assert lifecycle.report_reference(site, "data/y.yml", 2, "替代", "qa/x/#q2") is False  # another answer
    assert errors(site) == ["data/y.yml:2 替代: 所指的政策问答《问》（data/qa/x.yml:9）是草稿，尚未发布；"
                            "已发布的信息不能指向未发布或已撤回的信息，请等它发布后再引用，或删去这一项"]


def test_every_editors_document_page_lives_in_a_folder():
    """Pages are given to their type by folder: a document page at the top of content/ does not exist, so an
    attachment path is always read relative to a folder (admit_page)."""
    for content_type in build.discover_types():
        assert all(prefix.endswith("/") and prefix != "/" for prefix in content_type.content_prefixes), content_type.name
