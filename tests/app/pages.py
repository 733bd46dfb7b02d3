"""Render a page the way the browser does: through Dash's pages router callback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from pages.static_html import VOID_ELEMENTS

ROUTER_OUTPUT = "..{content}.children...{store}.data.."


def render(client, path: str) -> dict[str, Any]:
    """The component tree the browser builds for `path` (the first request registers the
    router)."""
    return expanded(render_sent(client, path))


def render_sent(client, path: str) -> dict[str, Any]:
    """The router's response for `path` as Dash sends it."""
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


def expanded(tree: Any) -> Any:
    """`tree` with each StaticHtml (pages/static_html.py) read back into the component dicts
    it was written from, so the tests see the page as the browser builds it."""
    if isinstance(tree, list):
        return [expanded(item) for item in tree]
    if not isinstance(tree, dict):
        return tree
    if tree.get("type") == "StaticHtml":
        props = tree["props"]
        root = _component(props["tag"], {**props["attributes"], **_id(props)})
        reader = _Reader(root)
        reader.feed(props.get("html") or "")
        reader.close()
        return _with_children(root, reader.children[0])
    return {key: expanded(value) for key, value in tree.items()}


def _id(props: dict[str, Any]) -> dict[str, Any]:
    return {"id": props["id"]} if "id" in props else {}


REACT_NAMES = {"class": "className", "for": "htmlFor", "colspan": "colSpan", "rowspan": "rowSpan",
               "tabindex": "tabIndex", "datetime": "dateTime"}  # fmt: skip


def _component(tag: str, props: dict[str, Any]) -> dict[str, Any]:
    if tag == "a" and "data-dash-link" in props:
        props = {k: v for k, v in props.items() if k != "data-dash-link"}
        return {"type": "Link", "namespace": "dash_core_components", "props": props}
    return {"type": tag.capitalize(), "namespace": "dash_html_components", "props": props}


def _with_children(component: dict[str, Any], children: list[Any]) -> dict[str, Any]:
    if children:
        component["props"]["children"] = children[0] if len(children) == 1 else children
    return component


class _Reader(HTMLParser):
    def __init__(self, root: dict[str, Any]) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[dict[str, Any]] = [root]
        self.children: list[list[Any]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        props = {
            REACT_NAMES.get(name, name): True if value is None else value for name, value in attrs
        }
        if isinstance(props.get("style"), str):
            props["style"] = _style(props["style"])
        component = _component(tag, props)
        self.children[-1].append(component)
        if tag not in VOID_ELEMENTS:
            self.open.append(component)
            self.children.append([])

    def handle_endtag(self, tag: str) -> None:
        _with_children(self.open.pop(), self.children.pop())

    def handle_data(self, data: str) -> None:
        self.children[-1].append(data)


def _style(text: str) -> dict[str, str]:
    style = {}
    for declaration in filter(None, (part.strip() for part in text.split(";"))):
        name, _, value = declaration.partition(":")
        words = name.strip().split("-")
        style[words[0] + "".join(w.capitalize() for w in words[1:])] = value.strip()
    return style


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
