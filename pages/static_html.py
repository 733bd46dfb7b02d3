"""Static parts of a page as HTML, so the browser does not build them one component at a time.

Dash's renderer wraps every component in its own React machinery: the overview's score table
alone was 1 150 components, some 0.4 s of a fresh load's main thread on our machine. Most of a
page never changes after it is drawn: no callback reads or writes it. `compact` replaces each
largest such subtree by one `StaticHtml`, which renders the subtree's root element as React
would and its descendants from HTML the server wrote, which the browser's parser builds in a
few milliseconds. A subtree is left as components when the HTML parser would build it
differently from React (a block inside <p>, a link inside a link, rows outside a row group).

Links (dcc.Link) become plain <a data-dash-link>; assets/static-html.js navigates them inside
the app as dcc.Link does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from html import escape
from typing import Any

import dash
from dash.development.base_component import Component

HTML_NAMESPACE = "dash_html_components"
CORE_NAMESPACE = "dash_core_components"

# Props of dash_html_components that only the renderer uses; they never reach the element.
RENDERER_PROPS = frozenset(
    {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key"}
)
# The attributes dash_html_components takes under any name with these prefixes.
WILDCARD_PREFIXES = ("data-", "aria-")
# React's names for attributes whose HTML name is not simply the lower-cased React name.
ATTRIBUTE_NAMES = {"className": "class", "htmlFor": "for", "httpEquiv": "http-equiv"}
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# What a <p> may hold and the parser keeps inside it (phrasing content).
PHRASING = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "img",
        "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
        "var", "wbr", "del", "ins", "label", "meter", "output", "progress",
    }
)  # fmt: skip
# Elements whose children the parser moves or wraps unless they are exactly these.
ALLOWED_CHILDREN = {
    "table": frozenset({"caption", "colgroup", "thead", "tbody", "tfoot"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
    "colgroup": frozenset({"col"}),
}
# CSS properties React writes without a unit when given a number.
UNITLESS = frozenset(
    {
        "flex", "flex-grow", "flex-shrink", "font-weight", "line-height", "opacity", "order",
        "orphans", "widows", "z-index", "zoom", "column-count", "tab-size", "grid-row",
        "grid-column", "aspect-ratio",
    }
)  # fmt: skip


class StaticHtml(Component):
    """One element as its component would render it, with its descendants as HTML.

    Keyword arguments:
    - id (string): the element's id, if it has one.
    - tag (string): the element's tag name.
    - attributes (dict): the element's props as React takes them (className, style, aria-*).
    - html (string): the element's descendants, written as HTML.
    """

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = "trygghetsmal_static"
    _type = "StaticHtml"
    _prop_names = ["id", "tag", "attributes", "html"]
    _valid_wildcard_attributes: list[str] = []

    def __init__(
        self, tag: str, attributes: dict[str, Any], html: str, id: str | None = None
    ) -> None:
        # Component.__init__ checks each prop and, for a namespace outside Dash, tries to import
        # it by name for an error message's version: half a millisecond per element. These
        # props are the compactor's own, already right.
        self.tag, self.attributes, self.html = tag, attributes, html
        if id is not None:
            self.id = id


def compacted(layout: Callable[..., Any], dynamic_ids: Callable[[], frozenset[str]]):
    """A page's layout function whose static subtrees come as StaticHtml."""

    @wraps(layout)
    def compact_layout(*args: Any, **kwargs: Any) -> Any:
        return compact(layout(*args, **kwargs), dynamic_ids())

    return compact_layout


def compact(node: Any, dynamic_ids: frozenset[str]) -> Any:
    """`node` with every largest static subtree that holds components made one StaticHtml."""
    return _Compactor(dynamic_ids).compact(node)


def static_html(node: Any) -> Any:
    """`node` compacted against the running app's callbacks, for a page that keeps the result."""
    return compact(node, callback_ids(dash.get_app().callback_map))


def callback_ids(callback_map: Mapping[str, Any]) -> frozenset[str]:
    """Every string id a callback reads or writes. Dash's callback_map keys name the outputs
    ("id.prop", or "..a.prop...b.prop.." for several, "@hash" after a duplicate); a
    pattern-matching id is JSON, and such components are never static anyway."""
    found: set[str] = set()
    for outputs, callback in callback_map.items():
        for output in outputs.strip(".").split("..."):
            if not output.startswith("{"):
                found.add(output.rsplit(".", 1)[0])
        for entry in [*callback.get("inputs", []), *callback.get("state", [])]:
            if isinstance(entry.get("id"), str):
                found.add(entry["id"])
    return frozenset(found)


def html_of(node: Any) -> str:
    """`node` written as HTML, as the browser's parser would read it back."""
    return _Compactor(frozenset()).inner_html(node)


@dataclass(frozen=True)
class _Facts:
    """What compacting needs to know of a component and everything in it, found once."""

    tag: str
    props: dict[str, Any]
    static: bool  # plain HTML or links, and no callback touches any of it
    parses_alike: bool  # the HTML parser would build the same tree as React
    tags_inside: frozenset[str]
    holds_components: bool


class _Compactor:
    def __init__(self, dynamic_ids: frozenset[str]) -> None:
        self.dynamic_ids = dynamic_ids
        self.known: dict[int, _Facts] = {}

    def compact(self, node: Any) -> Any:
        if isinstance(node, list | tuple):
            return [self.compact(child) for child in node]
        if not isinstance(node, Component):
            return node
        facts = self.facts(node)
        if facts.static and facts.parses_alike and facts.holds_components:
            attributes = dict(facts.props)
            element_id = attributes.pop("id", None)
            extra = {} if element_id is None else {"id": element_id}
            inner = self._children_html(facts.tag, getattr(node, "children", None))
            return StaticHtml(tag=facts.tag, attributes=attributes, html=inner, **extra)
        for prop in _component_props(node):
            setattr(node, prop, self.compact(getattr(node, prop)))
        return node

    def inner_html(self, children: Any) -> str:
        return "".join(self._html(child) for child in flat(children))

    def _children_html(self, tag: str, children: Any) -> str:
        return parsed_alike(tag, self.inner_html(children))

    def _html(self, node: Any) -> str:
        if node is None or isinstance(node, bool):
            return ""
        if not isinstance(node, Component):
            return escape(str(node), quote=False)
        facts = self.facts(node)
        inner = self._children_html(facts.tag, getattr(node, "children", None))
        return element_html(facts.tag, facts.props, inner)

    def facts(self, node: Component) -> _Facts:
        known = self.known.get(id(node))
        if known is None:
            known = self.known[id(node)] = self._find_facts(node)
        return known

    def _find_facts(self, node: Component) -> _Facts:
        tag, props = element(node)
        children = [c for c in flat(getattr(node, "children", None)) if c is not None]
        inside = [self.facts(c) for c in children if isinstance(c, Component)]
        tags_inside = frozenset().union(*(f.tags_inside | {f.tag} for f in inside))
        static = _is_plain(node, self.dynamic_ids) and all(f.static for f in inside)
        allowed = ALLOWED_CHILDREN.get(tag)
        parses_alike = (
            all(f.parses_alike for f in inside)
            and (
                allowed is None
                or (len(inside) == len(children) and {f.tag for f in inside} <= allowed)
            )
            and (tag != "p" or tags_inside <= PHRASING)
            and (tag != "a" or "a" not in tags_inside)
        )
        return _Facts(tag, props, static, parses_alike, tags_inside, bool(inside))


def element(node: Component) -> tuple[str, dict[str, Any]]:
    """The element's tag and its props as React gets them."""
    # What Component.to_plotly_json sends, in its order, read straight from the instance:
    # to_plotly_json's checks cost more than the rest of compacting.
    given = vars(node)
    props = {
        name: given[name]
        for name in node._prop_names
        if name not in RENDERER_PROPS and given.get(name) is not None
    }
    # By name: Dash's generated constructors keep data-* and aria-* in an order that changes
    # from process to process (hash seeds), and the same page should be the same HTML.
    props |= {
        name: given[name]
        for name in sorted(given)
        if name.startswith(WILDCARD_PREFIXES) and given[name] is not None
    }
    if node._namespace == CORE_NAMESPACE:  # dcc.Link: an <a> the app navigates itself
        refresh = props.pop("refresh", False)
        if props.get("target", "_self") == "_self":
            props.pop("target", None)
            if not refresh:
                props["data-dash-link"] = ""
        return "a", props
    return node._type.lower(), props


def element_html(tag: str, attributes: Mapping[str, Any], inner_html: str) -> str:
    """One element with its attributes (React's names) around HTML already written."""
    opening = f"<{tag}{attribute_text(attributes)}>"
    return opening if tag in VOID_ELEMENTS else f"{opening}{inner_html}</{tag}>"


def parsed_alike(tag: str, inner_html: str) -> str:
    """`inner_html` as the content of `tag`, so that the parser reads back what React renders:
    the parser drops a newline right after <pre> or <textarea>; React keeps it."""
    if tag in {"pre", "textarea"} and inner_html.startswith("\n"):
        return "\n" + inner_html
    return inner_html


def attribute_text(attributes: Mapping[str, Any]) -> str:
    written = []
    for name, value in attributes.items():
        if value is False:
            continue
        html_name = ATTRIBUTE_NAMES.get(name, name if "-" in name else name.lower())
        if value is True:
            written.append(f" {html_name}")
            continue
        text = _style_text(value) if name == "style" else str(value)
        written.append(f' {html_name}="{escape(text, quote=True)}"')
    return "".join(written)


def _style_text(style: Mapping[str, Any]) -> str:
    declarations = []
    for name, value in style.items():
        css_name = name if name.startswith("--") else re.sub(r"[A-Z]", _kebab, name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value}" if css_name in UNITLESS or value == 0 else f"{value}px"
        declarations.append(f"{css_name}: {value}")
    return "; ".join(declarations)


def _kebab(match: re.Match[str]) -> str:
    return "-" + match.group(0).lower()


def _is_plain(node: Component, dynamic_ids: frozenset[str]) -> bool:
    element_id = getattr(node, "id", None)
    if isinstance(element_id, dict) or element_id in dynamic_ids:
        return False
    if node._namespace == HTML_NAMESPACE:
        return True
    return node._namespace == CORE_NAMESPACE and node._type == "Link"


def flat(children: Any) -> list[Any]:
    if children is None:
        return []
    return list(children) if isinstance(children, list | tuple) else [children]


def _component_props(node: Component) -> list[str]:
    """The props of `node` that may hold components (children, and dbc's like)."""
    return [
        name
        for name in ("children", *getattr(node, "_children_props", []))
        if "." not in name and "[" not in name and getattr(node, name, None) is not None
    ]
