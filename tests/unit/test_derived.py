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


def test_jieba_loaded_from_the_cache_cuts_as_jieba_loaded_by_itself(cache):
    """The segmenter's prefix dictionary read back from the cache is jieba's own (gen_pfdict of its dictionary),
    so every cut is jieba's: run in fresh processes, one with jieba's loading and two with the engine's (the first
    writes the cache, the second reads it)."""
    import subprocess
    import sys

    sentences = "退役军人事务局依法保障退役军人的合法权益。王保国同志于2019年退出现役，现居张庄村。"
    jiebas = "import jieba, logging; jieba.setLogLevel(logging.WARNING); j = jieba"
    engines = "import sys; sys.path.insert(0, 'hooks'); from govsite import segmenter; j = segmenter.ready()"
    show = f"; cut = '/'.join(j.lcut({sentences!r})); print(j.dt.total, len(j.dt.FREQ), cut)"
    runs = [subprocess.run([sys.executable, "-c", code + show], capture_output=True, text=True, check=True,
                           cwd=derived.__file__.rsplit("/hooks/", 1)[0]).stdout for code in (jiebas, engines, engines)]
    assert runs[0] == runs[1] == runs[2] and "退役军人" in runs[0]
    assert list(cache.glob("jieba-prefix-dictionary-*.marshal"))


def test_pinyin_readings_read_back_are_pypinyins(cache):
    from govsite.search import pinyin

    pinyin._usual.cache_clear()
    try:
        stored = pinyin._usual()
        pinyin._usual.cache_clear()
        assert pinyin._usual() == stored == pinyin._usual_readings()
        assert stored["银"] == ["yin"] and list(cache.glob("pinyin-usual-*.marshal"))
    finally:
        pinyin._usual.cache_clear()


def test_the_fold_table_read_back_folds_as_fold(cache):
    from govsite.search import index
    from govsite.search.text import fold

    index._FOLD_TABLE.clear()
    try:
        text = "退役軍人ＡＢＣ　abc①２"
        assert "".join(map(chr, index._folded_code_points(text))) == fold(text)
        index._FOLD_TABLE.clear()  # now read back
        assert "".join(map(chr, index._folded_code_points(text))) == fold(text)
        assert list(cache.glob("fold-table-*.marshal"))
    finally:
        index._FOLD_TABLE.clear()
