"""Render a page the way the browser does: through Dash's pages router callback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

ROUTER_OUTPUT = "..{content}.children...{store}.data.."


def render(client, path: str) -> dict[str, Any]:
    """The component tree Dash sends for `path` (the first request registers the router)."""
    pathname, _, query = path.partition("?")
    client.get(path)
    payload = {
        "output": ROUTER_OUTPUT.format(content="_pages_content", store="_pages_store"),
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": pathname},
            {"id": "_pages_location", "property": "search", "value": f"?{query}" if query else ""},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.data[:500]
    return response.get_json()["response"]


def content(rendered: dict[str, Any]) -> Any:
    return rendered["_pages_content"]["children"]


def title(rendered: dict[str, Any]) -> str:
    return rendered["_pages_store"]["data"]["title"]


def components(tree: Any) -> Iterator[dict[str, Any]]:
    if isinstance(tree, list):
        for item in tree:
            yield from components(item)
    elif isinstance(tree, dict) and "type" in tree and "props" in tree:
        yield tree
        yield from components(tree["props"].get("children"))


def text(tree: Any) -> str:
    if isinstance(tree, str):
        return tree
    if isinstance(tree, (int, float)):
        return str(tree)
    if isinstance(tree, list):
        return " ".join(text(item) for item in tree)
    if isinstance(tree, dict) and "props" in tree:
        return text(tree["props"].get("children"))
    return ""


def of_type(tree: Any, component_type: str) -> list[dict[str, Any]]:
    return [c for c in components(tree) if c["type"] == component_type]


def call_callback(client, dash_app, inputs: list[dict], state: list[dict]) -> dict:
    """Post the callback of the first input the way the browser does."""
    trigger = inputs[0]["id"]
    wildcard = id_text({**trigger, "goal": ["MATCH"]}) if isinstance(trigger, dict) else trigger
    output = next(
        key for key, spec in dash_app.callback_map.items() if spec["inputs"][0]["id"] == wildcard
    )
    outputs = []
    for part in output.strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        if component.startswith("{"):
            component = {**json.loads(component), "goal": trigger["goal"]}
        outputs.append({"id": component, "property": prop})
    response = client.post(
        "/_dash-update-component",
        json={
            "output": output,
            "outputs": outputs,
            "inputs": inputs,
            "state": state,
            "changedPropIds": [f"{id_text(trigger)}.{inputs[0]['property']}"],
        },
    )
    assert response.status_code in (200, 204), response.data[:500]
    return response.get_json()["response"] if response.status_code == 200 else {}


def id_text(component_id: str | dict) -> str:
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, separators=(",", ":"), sort_keys=True)
