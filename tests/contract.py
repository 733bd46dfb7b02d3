"""What several test tiers check against design.md: the agreement's fixed ids and the rows of
`observations --json`."""

from __future__ import annotations

from typing import Any

from goals.evidence import target_observations
from indicators.export import observation_json

# design.md: goal → targets, exactly.
DESIGN_IDS = {
    "trafik": ["trafik.fortkorning", "trafik.buskorning", "trafik.trafikregler"],
    "tobak": ["tobak.ak6", "tobak.ak9", "tobak.gy2"],
    "alkohol": ["alkohol.ak6", "alkohol.ak9", "alkohol.gy2"],
    "narkotika": ["narkotika.ak9", "narkotika.gy2"],
    "bostadsinbrott": ["bostadsinbrott"],
    "skadegorelse": ["skadegorelse"],
    "otrygghet": ["otrygghet.tm", "otrygghet.bou.ak6", "otrygghet.bou.ak9", "otrygghet.bou.gy2"],
    "est": ["est"],
    "problembild": ["problembild"],
    "medborgarloften": ["medborgarloften"],
    "arsrapport": ["arsrapport"],
}


def exported(store, target, catalogue) -> list[dict[str, Any]]:
    """A target's stored rows as `observations --json` writes them."""
    return [observation_json(row) for row in target_observations(store, target, catalogue)]
