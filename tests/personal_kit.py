"""What the personal-data rules find in one unit of text, for the guard's tests."""
from __future__ import annotations

from govsite.guard import personal

NO_RULES = personal.Rules()


def found_names(text: str, rules: personal.Rules = NO_RULES) -> list[str]:
    return [h.value for h in personal.scan_unit(text, rules) if h.rule == personal.RULE_NAME]


def addresses_in(text: str, rules: personal.Rules = NO_RULES) -> list[str]:
    return [h.value for h in personal.scan_unit(text, rules) if h.rule == personal.RULE_ADDRESS]
