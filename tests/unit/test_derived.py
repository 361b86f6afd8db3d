"""govsite.derived: data derived from the installed libraries is computed once per engine version and read back
equal; off, unreadable or unwritable, it is simply computed."""
from __future__ import annotations

import pytest

from govsite import derived
from govsite.guard import known_clean


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVSITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("MUTANT_UNDER_TEST", raising=False)
    return tmp_path / "cache"


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value
    return compute, calls


def test_computed_once_and_read_back_equal_in_its_order(cache):
    value = {"退役军人": 3, "安置": 2, "优待证": 1}
    compute, calls = counting(value)
    assert derived.cached("words", compute) == value
    again = derived.cached("words", compute)
    assert again == value and list(again) == list(value) and len(calls) == 1


def test_another_engine_version_computes_again(cache, monkeypatch):
    compute, calls = counting({"a": 1})
    derived.cached("words", compute)
    monkeypatch.setattr(derived, "guard_version", lambda: "f" * 64)
    derived.cached("words", compute)
    assert len(calls) == 2


def test_off_computes_every_time(cache, monkeypatch):
    monkeypatch.setenv("GOVSITE_CACHE", "off")
    compute, calls = counting([1, 2])
    derived.cached("words", compute)
    derived.cached("words", compute)
    assert len(calls) == 2 and not cache.exists()


def test_a_damaged_file_is_computed_again_and_replaced(cache):
    compute, calls = counting({"烈士": 5})
    derived.cached("words", compute)
    (stored,) = cache.glob("words-*.marshal")
    stored.write_bytes(stored.read_bytes()[:7])  # cut short
    assert derived.cached("words", compute) == {"烈士": 5}
    assert derived.cached("words", compute) == {"烈士": 5} and len(calls) == 2


def test_a_folder_that_cannot_be_made_only_means_computing(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("GOVSITE_CACHE", str(tmp_path / "file" / "cache"))  # below a file: no folder there
    compute, calls = counting({"x": 1})
    assert derived.cached("words", compute) == {"x": 1} and derived.cached("words", compute) == {"x": 1}
    assert len(calls) == 2


def test_the_dictionary_read_back_is_the_dictionary_read(cache):
    from govsite.search import words

    fresh = words._read_dictionary()
    words.dictionary_counts.cache_clear()
    try:
        assert words.dictionary_counts() == fresh  # computed and stored
        words.dictionary_counts.cache_clear()
        stored = words.dictionary_counts()  # read back
        assert stored == fresh and list(stored) == list(fresh)
        assert list(cache.glob("dictionary-counts-*.marshal"))
    finally:
        words.dictionary_counts.cache_clear()
    assert known_clean.cache_folder() == cache
