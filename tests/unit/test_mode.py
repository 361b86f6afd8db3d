"""The build mode from the environment (govsite/mode.py): a value meant as "off" never shows drafts on the public
site, anything unknown stops the build in Chinese, and a release is never a preview."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.mode import PREVIEW_OFF, PREVIEW_ON, RELEASE_ID, BuildMode, ModeError, from_environ

RELEASE = "20261202-150000-a3409a0c1e"


def spelled(words):
    """The words in any case, with spaces or a newline around them (as a CI file or a shell may leave them)."""
    padding = st.sampled_from(["", " ", "  ", "\t", "\n"])
    return st.builds(lambda word, cases, before, after: before + "".join(
        c.upper() if up else c for c, up in zip(word, cases + [False] * len(word))) + after,
                     st.sampled_from(words), st.lists(st.booleans(), max_size=8), padding, padding)


@settings(max_examples=200, deadline=None)
@given(spelled(["0", "false", "no", "off", ""]), st.booleans())
def test_a_value_meaning_off_never_shows_drafts_in_a_public_build(value, with_release):
    environ = {"GOVSITE_PREVIEW": value} | ({"GOVSITE_RELEASE": RELEASE} if with_release else {})
    mode = from_environ(environ)
    assert not mode.show_drafts and not mode.preview and not mode.serve
    assert mode.release == (RELEASE if with_release else "")


@settings(max_examples=200, deadline=None)
@given(spelled(["1", "true", "yes", "on"]))
def test_a_value_meaning_on_is_a_preview_with_drafts(value):
    mode = from_environ({"GOVSITE_PREVIEW": value})
    assert mode.preview and mode.show_drafts and not mode.serve and mode.release == ""


def _unknown(value: str) -> bool:
    return value.strip().lower() not in PREVIEW_ON + PREVIEW_OFF


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=12), st.sampled_from(["2", "-1", "00", "01", "1.0", "ture", "预览", "是", "否",
                                                        "none", "null", "n", "y", "t", "f", "disable", "0 1"])))
def test_anything_else_stops_the_build_in_chinese_and_never_guesses(value):
    if not _unknown(value):
        assert from_environ({"GOVSITE_PREVIEW": value}).preview == (value.strip().lower() in PREVIEW_ON)
        return
    with pytest.raises(ModeError) as exc:
        from_environ({"GOVSITE_PREVIEW": value})
    assert str(exc.value) == ("环境变量 GOVSITE_PREVIEW 只能是 1（预览，显示草稿）或 0（正式构建）"
                              f"（也可写 true/false、yes/no、on/off），现为“{value}”")


def test_the_words_are_exactly_these():
    assert set(PREVIEW_ON) == {"1", "true", "yes", "on"}
    assert set(PREVIEW_OFF) == {"", "0", "false", "no", "off"}


def test_without_variables_it_is_the_public_build_and_make_serve_shows_drafts():
    assert from_environ({}) == BuildMode() and not BuildMode().show_drafts
    assert from_environ({}, serve=True) == BuildMode(serve=True) and BuildMode(serve=True).show_drafts
    assert from_environ({"GOVSITE_PREVIEW": "0"}, serve=True).show_drafts  # an editor's own machine
    assert from_environ({"GOVSITE_PREVIEW": "1"}, serve=True) == BuildMode(serve=True, preview=True)
    assert BuildMode(preview=True).show_drafts and not BuildMode(release=RELEASE).show_drafts
    assert not from_environ({"OTHER": "1", "GOVSITE_PREVIEW_X": "1"}).show_drafts


@settings(max_examples=100, deadline=None)
@given(st.from_regex(RELEASE_ID, fullmatch=True))
def test_a_release_name_is_kept_as_given(release):
    assert from_environ({"GOVSITE_RELEASE": release}) == BuildMode(release=release)
    assert from_environ({"GOVSITE_RELEASE": release}, serve=True) == BuildMode(serve=True, release=release)


@pytest.mark.parametrize("release", [
    "../../etc", "20261202-150000", "20261202-150000-a3409a", "20261202-150000-A3409A0C1E", "2026120-150000-a3409a0c",
    "20261202-15000-a3409a0c", "20261202-150000-a3409a0c1e/..", " 20261202-150000-a3409a0c1e", "20261202_150000_a3409a0c",
    "20261202-150000-" + "a" * 41, "20261202-150000-a3409a0c1e\n"])
def test_a_bad_release_name_is_refused_in_chinese(release):
    with pytest.raises(ModeError) as exc:
        from_environ({"GOVSITE_RELEASE": release})
    assert str(exc.value) == f"环境变量 GOVSITE_RELEASE 应为“年月日-时分秒-提交号”形式的发布版本名，现为“{release}”"


@pytest.mark.parametrize("value", ["1", "true", " YES ", "On"])
def test_a_preview_is_never_a_release(value):
    with pytest.raises(ModeError) as exc:
        from_environ({"GOVSITE_RELEASE": RELEASE, "GOVSITE_PREVIEW": value})
    assert str(exc.value) == f"预览构建（GOVSITE_PREVIEW={value}）不能作为正式发布版本（GOVSITE_RELEASE）"
