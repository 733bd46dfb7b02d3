"""A page's first paint: its layout written as HTML, shown until Dash has drawn the page.

Dash's renderer draws nothing before its scripts have run and React has built the page, about
half a second after the HTML arrives on our machine. The page's own HTML therefore carries a
copy of its layout (`first_paint`), which the browser shows as soon as it has parsed it; once
Dash has drawn the page, assets/first-paint.js removes the copy, in the same frame, so the two
are never on screen together. Without JavaScript the copy is the page.

The copy is a picture of the page, not a second app:
- No element keeps its id, and nothing refers to one (label `for`, aria-labelledby, …): while
  Dash builds its page the copy is still in the document, and an id found twice would make
  `getElementById` find the copy.
- Text fields are read-only, so nothing typed is lost when Dash's page takes the copy's place.
- A chart is an empty box of the chart's height (plotly.js draws only in Dash's page), so the
  text below it does not move when the chart arrives.
- Links are plain links: followed before Dash is ready, they load the page they point to
  (assets/static-html.js leaves the copy's links alone).

Components are written the way their libraries render them (the classes Bootstrap's CSS
needs), so the copy and Dash's page look the same; a component this module does not know is
written as its children.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from dash.development.base_component import Component

from pages.static_html import (
    CORE_NAMESPACE,
    HTML_NAMESPACE,
    StaticHtml,
    element,
    element_html,
    flat,
    parsed_alike,
)

BOOTSTRAP_NAMESPACE = "dash_bootstrap_components"
# Attributes that name another element by its id; the copy has no ids.
REFERENCES = frozenset(
    {"id", "for", "htmlFor", "aria-labelledby", "aria-describedby", "aria-controls"}
)
# Components that put nothing on screen.
INVISIBLE = frozenset({"Location", "Store", "Interval", "Download"})
# plotly.js's height for a figure that sets none.
PLOTLY_DEFAULT_HEIGHT = 450
# A tag the server wrote, and one reference attribute in it: static_html escapes < and > in
# text and in values, so text never looks like a tag, and " in values, so inside a tag a quote
# always opens or closes a value.
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_REFERENCE = re.compile(r'\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)="[^"]*"')


def first_paint(layout: Any, path: str) -> str:
    """`layout` (the components Dash sends as the page's layout) written as HTML, for the page
    at `path` (a navigation link to it is shown as the current one)."""
    return _Painter(path).html(layout)


@dataclass(frozen=True)
class _Painter:
    path: str

    def html(self, nodes: Any) -> str:
        return "".join(self._html(node) for node in flat(nodes))

    def _html(self, node: Any) -> str:
        if node is None or isinstance(node, bool):
            return ""
        if not isinstance(node, Component):
            return escape(str(node), quote=False)
        if isinstance(node, StaticHtml):
            return self._static(node)
        if node._namespace == HTML_NAMESPACE or (
            node._namespace == CORE_NAMESPACE and node._type == "Link"
        ):
            tag, props = element(node)
            return self._tag(tag, props, getattr(node, "children", None))
        if node._namespace == CORE_NAMESPACE:
            return self._core(node)
        if node._namespace == BOOTSTRAP_NAMESPACE:
            return self._bootstrap(node)
        return self._children(node)

    def _static(self, node: StaticHtml) -> str:
        # The compactor wrote the html as the parser reads it back (parsed_alike).
        return _element_html(node.tag, node.attributes, _without_references(node.html))

    def _core(self, node: Component) -> str:
        """dcc's components as dcc renders them, without their behaviour."""
        if node._type in INVISIBLE:
            return ""
        painter = {
            "Graph": self._graph,
            "Input": self._input,
            "Textarea": self._textarea,
            "Upload": self._upload,
            "Loading": self._loading,
        }.get(node._type, self._children)
        return painter(node)

    def _graph(self, node: Component) -> str:
        box = self._tag("div", {"style": {"height": f"{_figure_height(node)}px"}}, None)
        classes = _classes("dash-graph", _prop(node, "className"))
        return _element_html("div", {"className": classes}, box)

    def _input(self, node: Component) -> str:
        container = {
            "className": _classes(
                "dash-input-container dash-input",
                _prop(node, "className"),
                "dash-input-hidden" if _prop(node, "type") == "hidden" else None,
            ),
            "style": _prop(node, "style"),
        }
        field = _props(
            node, "type", "name", "placeholder", "min", "max", "maxLength", "autoComplete"
        )
        field |= {
            "className": "dash-input-element",
            "value": _prop(node, "value") or "",
            "readOnly": True,
        }
        return _element_html("div", container, self._tag("input", field, None))

    def _textarea(self, node: Component) -> str:
        props = _props(node, "rows", "cols", "maxLength", "placeholder", "aria-label")
        props |= {
            "className": _classes("dash-textarea", _prop(node, "className")),
            "readOnly": True,
        }
        return self._tag("textarea", props, _prop(node, "value"))

    def _upload(self, node: Component) -> str:
        zone = {"className": _prop(node, "className"), "style": {"position": "relative"}}
        return _element_html("div", {}, self._tag("div", zone, getattr(node, "children", None)))

    def _loading(self, node: Component) -> str:
        inner = self._tag("div", {}, getattr(node, "children", None))
        return _element_html("div", {"style": {"position": "relative"}}, inner)

    def _bootstrap(self, node: Component) -> str:
        """dash-bootstrap-components as they render, with Bootstrap's classes."""
        kind, extra = node._type, _prop(node, "className")
        children = getattr(node, "children", None)
        if kind == "NavLink":
            href = _prop(node, "href")
            active = _is_active(_prop(node, "active"), href, self.path)
            classes = _classes("nav-link", "active" if active else None, extra)
            return self._tag("a", {"href": href, "className": classes}, children)
        if kind == "Collapse":
            classes = _classes(
                "navbar-collapse" if _prop(node, "navbar") else None,
                extra,
                "collapse",
                "show" if _prop(node, "is_open") else None,
            )
            return self._tag("div", {"className": classes}, children)
        if kind == "Button":
            color = _prop(node, "color") or "primary"
            variant = f"btn-outline-{color}" if _prop(node, "outline") else f"btn-{color}"
            size = _prop(node, "size")
            classes = _classes(extra, "btn", variant, f"btn-{size}" if size else None)
            return self._tag("button", {"className": classes, "type": "button"}, children)
        if kind == "Table":
            return self._table(node, extra, children)
        return self._children(node)

    def _table(self, node: Component, extra: str | None, children: Any) -> str:
        size = _prop(node, "size")
        flags = ("bordered", "borderless", "striped", "hover")
        shown = [f"table-{flag}" for flag in flags if _prop(node, flag)]
        classes = _classes(extra, "table", f"table-{size}" if size else None, *shown)
        table = self._tag("table", {"className": classes}, children)
        if _prop(node, "responsive"):
            return _element_html("div", {"className": "table-responsive"}, table)
        return table

    def _tag(self, tag: str, props: dict[str, Any], children: Any) -> str:
        return _element_html(tag, props, parsed_alike(tag, self.html(children)))

    def _children(self, node: Component) -> str:
        return self.html(getattr(node, "children", None))


# The largest static parts (the overview's score table, a goal page's tables) are kept per state
# of the store and come back as the same strings, so each is stripped once. A page has 4–21
# parts of up to 50 kB (the example data's pages: 10–60 kB in all), so 128 parts keep the recent
# pages' in a few hundred kB, and never more than 128 × 2 × the largest part.
@lru_cache(maxsize=128)
def _without_references(html: str) -> str:
    return _TAG.sub(lambda tag: _REFERENCE.sub("", tag.group(0)), html)


def _element_html(tag: str, props: dict[str, Any], inner_html: str) -> str:
    """The element without the attributes that are ids or point at one, or are unset."""
    kept = {k: v for k, v in props.items() if k not in REFERENCES and v is not None}
    return element_html(tag, kept, inner_html)


def _prop(node: Component, name: str) -> Any:
    return vars(node).get(name)


def _props(node: Component, *names: str) -> dict[str, Any]:
    return {name: value for name in names if (value := _prop(node, name)) is not None}


def _classes(*names: str | None) -> str:
    return " ".join(name for name in names if name)


def _is_active(active: Any, href: str | None, path: str) -> bool:
    """dbc.NavLink's `active`: True, or "exact"/"partial" matched against the address."""
    if active == "exact":
        return href == path
    if active == "partial":
        return href is not None and path.startswith(href)
    return active is True


def _figure_height(graph: Component) -> int:
    figure = _prop(graph, "figure")
    layout = figure.get("layout") if isinstance(figure, dict) else getattr(figure, "layout", None)
    height = layout.get("height") if isinstance(layout, dict) else getattr(layout, "height", None)
    return int(height) if isinstance(height, int | float) else PLOTLY_DEFAULT_HEIGHT
