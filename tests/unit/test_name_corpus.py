"""The labelled name corpus (tests/corpus/names/): the running-text name rule finds at least 95 % of the names
in each part of the sentences with names, the held-out test part included, and raises no alarm on any law text
the site publishes, the bureau's own report, or the masked names, places and forms of address."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

from govsite.guard import personal

CORPUS = Path(__file__).parents[1] / "corpus" / "names"
sys.path.insert(0, str(CORPUS))
import corpus  # noqa: E402
import generate  # noqa: E402

NO_RULES = personal.Rules()


def names_found(text: str) -> list[str]:
    return [hit.value for hit in personal.scan_unit(text, NO_RULES) if hit.rule == personal.RULE_NAME]


def test_the_corpus_is_what_its_generator_writes():
    """The files are reproducible from the script and its seed (nobody edited a sentence to suit the rule)."""
    for name, records in generate.corpus().items():
        assert (CORPUS / name).read_text(encoding="utf-8") == generate.serialise(records), name


def test_the_corpus_is_large_enough_and_labelled():
    positives = corpus.positives("tune") + corpus.positives("test")
    assert len(positives) >= 300 and len(corpus.positives("test")) >= 150
    negatives = len(corpus.law_sentences()) + len(corpus.report_sentences()) + len(corpus.generated_negatives())
    assert negatives >= 3000
    for record in positives:  # every label is in its sentence, and no label is a masked name
        assert record["names"] and all(n in record["text"] and not personal.is_masked_name(n) for n in record["names"])
    shapes = {r["shape"] for r in positives}
    assert shapes == {"list", "title", "label", "record", "phone", "caption"}
    assert any(n[:2] in generate.COMPOUND for r in positives for n in r["names"])


@functools.cache
def recall(part: str) -> tuple[int, int, tuple]:
    found = total = 0
    missed = []
    for record in corpus.positives(part):
        got = names_found(record["text"])
        for name in record["names"]:
            total += 1
            if name in got:
                found += 1
            else:
                missed.append((name, record["text"]))
    return found, total, tuple(missed)


@pytest.mark.parametrize("part", ["tune", "test", "2-tune", "2-test"])
def test_recall_on_each_part_is_at_least_95_percent(part):
    """Both rounds: the first corpus' shapes, and the second's (names laid out with spaces, a role in brackets or
    after a space, the wording of case files), each with its held-out test part."""
    found, total, missed = recall(part)
    assert found / total >= 0.95, (found, total, missed[:20])


def test_a_sentence_with_a_mobile_number_reports_the_name_too():
    records = [r for r in corpus.positives("test") if r["shape"] == "phone"]
    with_mobile = [r for r in records if any(h.rule == personal.RULE_MOBILE for h in personal.scan_unit(r["text"], NO_RULES))]
    assert len(with_mobile) >= 10
    both = [r for r in with_mobile if set(r["names"]) <= set(names_found(r["text"]))]
    assert len(both) / len(with_mobile) >= 0.95


def test_no_alarm_on_any_law_text_the_site_publishes():
    assert len(corpus.law_files()) >= 12  # every law and its former versions
    alarms = [(file, sentence, names_found(sentence)) for file, sentence in corpus.law_sentences()
              if names_found(sentence)]
    assert alarms == []


def test_no_alarm_on_the_constitutions_preamble_which_names_public_figures():
    preamble = (corpus.LAW_TEXTS / "中华人民共和国宪法.md").read_text(encoding="utf-8")
    assert "孙中山先生" in preamble and "毛泽东主席" in preamble
    assert [s for s in corpus.sentences(preamble) if names_found(s)] == []


def test_no_alarm_on_the_bureaus_own_report():
    assert [s for s in corpus.report_sentences() if names_found(s)] == []


@pytest.mark.parametrize("shape", ["masked", "place", "address-form"])
def test_no_alarm_on_masked_names_places_and_forms_of_address(shape):
    records = [r for r in corpus.generated_negatives() if r["shape"] == shape]
    assert len(records) >= 300
    assert [(r["text"], names_found(r["text"])) for r in records if names_found(r["text"])] == []


def test_no_alarm_on_the_second_rounds_wording_without_names():
    """The second round's cues (a role in brackets, 反映, 收到, 经审核，, spaces in a layout) with masked names,
    forms of address and words for people where the name would be: 和平街道（退役军人服务站）, 姓　　名：申请人."""
    records = corpus.records("negatives-2.jsonl")
    assert len(records) >= 500
    assert [(r["text"], names_found(r["text"])) for r in records if names_found(r["text"])] == []
