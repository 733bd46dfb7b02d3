"""What a callback request must look like before Dash dispatches it.

Dash trusts the body of `POST /_dash-update-component`: a missing key, a list where it expects an
object, an unknown output or one input too few end in a KeyError or TypeError inside Dash, and
the answer is a 500. The browser never sends such a body, so one that does not fit the
callback it names is refused with 400 and a Swedish reason before Dash reads it; the values
themselves are checked by each callback.
"""

from __future__ import annotations

import json
from typing import Any

WILDCARDS = (["MATCH"], ["ALL"], ["ALLSMALLER"])
# The pages router's inputs (dcc.Location): text, as the browser always sends them.
TEXT_PROPERTIES = {"pathname": (str,), "search": (str,), "hash": (str, type(None))}


def callback_body_problem(body: Any, callback_map: dict[str, dict[str, Any]]) -> str | None:
    """None when `body` is a well-formed call of a server callback in `callback_map`."""
    if not isinstance(body, dict):
        return "anropet ska vara ett JSON-objekt"
    output = body.get("output")
    spec = callback_map.get(output) if isinstance(output, str) else None
    if spec is None or spec.get("callback") is None:
        return "anropet namnger ingen callback som finns på servern"
    declared = spec["output"]
    outputs = body.get("outputs")
    expected_outputs = len(declared) if isinstance(declared, list) else 1
    given_outputs = len(outputs) if isinstance(outputs, list) else 1
    if not isinstance(outputs, (dict, list)) or given_outputs != expected_outputs:
        return f"callbacken har {expected_outputs} utdata"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "changedPropIds ska vara en lista med text"
    for part in ("inputs", "state"):
        problem = _values_problem(part, body.get(part, []), spec.get(part, []))
        if problem:
            return problem
    return None


def _values_problem(part: str, given: Any, declared: list[dict[str, str]]) -> str | None:
    if not isinstance(given, list) or len(given) != len(declared):
        return f"{part} ska ha {len(declared)} värden"
    for value, wanted in zip(given, declared, strict=True):
        # A wildcard ALL gives a list of matching components; anything else is one component.
        for item in value if isinstance(value, list) else [value]:
            if not _fits(item, wanted):
                return f"{part} passar inte callbacken ({wanted['id']}.{wanted['property']})"
    return None


def _fits(item: Any, wanted: dict[str, str]) -> bool:
    if not isinstance(item, dict) or item.get("property") != wanted["property"]:
        return False
    kinds = TEXT_PROPERTIES.get(wanted["property"])
    if kinds is not None and not isinstance(item.get("value"), kinds):
        return False
    given_id, wanted_id = item.get("id"), wanted["id"]
    if not wanted_id.startswith("{"):
        return given_id == wanted_id
    pattern = json.loads(wanted_id)
    return (
        isinstance(given_id, dict)
        and given_id.keys() == pattern.keys()
        and all(
            isinstance(given_id[key], (str, int, float, bool))
            if value in WILDCARDS
            else given_id[key] == value
            for key, value in pattern.items()
        )
    )
