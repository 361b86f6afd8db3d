"""The name and address rules over everything the demo site publishes: every text line and spoken attribute of
every page and feed, every JSON string (search index, catalogue): no false alarm; and the units are really read
(a name planted in a copy of a unit is found)."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from govsite.guard import personal
from sitekit import REPO

sys.path.insert(0, str(Path(__file__).parents[1] / "corpus" / "names"))
import published


def test_no_name_or_address_alarm_on_any_published_unit(built_site):
    rules = personal.Rules.of(yaml.safe_load((REPO / "data/site.yml").read_text(encoding="utf-8")))
    units = list(published.units(built_site))
    assert len(units) > 10000  # pages, feeds, the search index: the site was read, not skipped
    assert {p.suffix for p, _u in units} >= {".html", ".json", ".xml"}
    alarms = [(str(path.relative_to(built_site)), hit.rule, hit.shown) for path, unit in units
              for hit in personal.scan_unit(unit, rules) if hit.rule in (personal.RULE_NAME, personal.RULE_ADDRESS)]
    assert alarms == []
    # the same units with a leak planted are caught: the check can fail
    planted = [unit + "，请与王建华同志联系" for _p, unit in units[::997]]
    assert all("王建华" in [h.value for h in personal.scan_unit(u, rules)] for u in planted)
