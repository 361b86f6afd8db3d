"""The rule that decides which benefits apply to a visitor (政策找找看). content/assets/finder.js mirrors it.

A profile gives, for every question, the set of answers still possible: one value when the visitor answered,
every option when not (or when the question is not asked of him). A benefit's 条件 is a list of rules; a
rule lists, per question, the accepted answers, and may carry 另需 (a condition the finder does not ask,
such as "家中有服现役的义务兵"). For every completion of the profile (one answer per question the rules
read) the benefit is:
  yes    some rule without 另需 accepts every answer;
  extra  otherwise, some rule with 另需 accepts every answer;
  no     otherwise.
The benefit is 适用 when every completion is "yes", 不适用 when every completion is "no", and 可能适用
otherwise; the reasons name the unanswered questions that change the outcome and the 另需 texts.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

APPLIES = "适用"
MAYBE = "可能适用"
NO = "不适用"


@dataclass(frozen=True)
class Rule:
    accepts: dict  # question name -> frozenset of accepted answers
    extra: str = ""  # 另需: a condition the finder does not ask about


@dataclass(frozen=True)
class Question:
    name: str
    prompt: str
    options: tuple[str, ...]
    notes: tuple[str, ...] = ()  # one explanation per option ("" when none)
    hint: str = ""
    show_if: tuple[Rule, ...] = ()  # empty: always asked


@dataclass(frozen=True)
class Outcome:
    status: str
    depends_on: tuple[str, ...] = ()  # unanswered questions whose answer changes the outcome
    extras: tuple[str, ...] = ()  # 另需 texts of the rules that may apply

    @property
    def reason(self) -> str:
        parts = []
        if self.depends_on:
            parts.append("取决于" + "".join(f"“{name}”" for name in self.depends_on) + "的回答")
        parts.extend("另需" + text for text in self.extras)
        return "；".join(parts)


@dataclass
class Profile:
    """Possible answers per question; questions not in `answers` may take any of their options."""

    questions: dict  # name -> Question
    answers: dict = field(default_factory=dict)  # name -> frozenset of still-possible answers

    def possible(self, name: str) -> frozenset:
        return self.answers.get(name, frozenset(self.questions[name].options))


def _rule_accepts(rule: Rule, answer: dict) -> bool:
    return all(answer[name] in accepted for name, accepted in rule.accepts.items())


def _completion(rules: tuple[Rule, ...], answer: dict) -> str:
    if any(not r.extra and _rule_accepts(r, answer) for r in rules):
        return "yes"
    if any(r.extra and _rule_accepts(r, answer) for r in rules):
        return "extra"
    return "no"


def evaluate(rules: tuple[Rule, ...], profile: Profile) -> Outcome:
    names = sorted({name for rule in rules for name in rule.accepts}, key=list(profile.questions).index)
    choices = [sorted(profile.possible(name), key=profile.questions[name].options.index) for name in names]
    results = {}
    for combo in itertools.product(*choices):
        results[combo] = _completion(rules, dict(zip(names, combo)))
    kinds = set(results.values())
    if kinds == {"yes"}:
        return Outcome(APPLIES)
    if kinds == {"no"}:
        return Outcome(NO)
    depends = []
    for index, name in enumerate(names):
        if len(choices[index]) < 2:
            continue
        # Does changing only this answer ever change the outcome?
        for combo, kind in results.items():
            if any(results[combo[:index] + (other,) + combo[index + 1:]] != kind for other in choices[index]):
                depends.append(name)
                break
    extras = []
    for rule in rules:
        if rule.extra and rule.extra not in extras and any(
                _rule_accepts(rule, dict(zip(names, combo))) for combo in results):
            extras.append(rule.extra)
    return Outcome(MAYBE, tuple(depends), tuple(extras))


def shown(question: Question, profile: Profile) -> bool:
    """Whether the finder asks this question, given the answers so far (a rule must surely hold)."""
    if not question.show_if:
        return True
    return evaluate(question.show_if, profile).status == APPLIES


def complete_profiles(questions: dict):
    """Every way a visitor can answer the finder to the end (hidden questions stay open)."""
    order = list(questions.values())

    def walk(index: int, answers: dict):
        if index == len(order):
            yield Profile(questions, dict(answers))
            return
        question = order[index]
        if not shown(question, Profile(questions, answers)):
            yield from walk(index + 1, answers)
            return
        for option in question.options:
            answers[question.name] = frozenset([option])
            yield from walk(index + 1, answers)
            del answers[question.name]

    yield from walk(0, {})


def profile_from_answers(questions: dict, answers: dict) -> tuple[Profile, set]:
    """The profile a visitor's answers ({question: value}) give, as finder.js builds it: questions are
    asked in order, an answer to a question that is not asked is ignored. Also returns the asked names."""
    profile = Profile(questions, {})
    asked = set()
    for question in questions.values():
        if shown(question, profile):
            asked.add(question.name)
            if answers.get(question.name):
                profile.answers[question.name] = frozenset([answers[question.name]])
    return profile, asked
