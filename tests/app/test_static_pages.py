"""Every page sends its static parts as HTML (pages/static_html.py) and shows exactly what its
components would have shown: the same elements, attributes and text, in the same order."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dash._pages import _parse_query_string, _path_to_page
from plotly.utils import PlotlyJSONEncoder

from cli import EXAMPLES_DIR
from pages.static_html import ATTRIBUTE_NAMES, RENDERER_PROPS, _style_text
from tests.app.pages import components, content, expanded, render, render_sent

PATHS = [
    "/",
    "/mal/bostadsinbrott",
    "/mal/trygghet?ar=2021",
    "/arsuppfoljning/2021",
    "/lagesbild",
    "/lagesbild-kommun/2022",
    "/data",
    "/logg",
    "/om",
    "/avtal",
    "/finns-inte",
]


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    from indicators.ingest import IngestContext, ingest_file
    from settings import get_settings

    data_dir = tmp_path_factory.mktemp("static") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRYGGHETSMAL_DATA_DIR", str(data_dir))
        context = IngestContext.from_settings(get_settings(), store=True, user="test")
        for path in sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file()):
            ingest_file(path, context)
    return data_dir


@pytest.mark.parametrize("path", PATHS)
def test_a_page_with_static_html_shows_what_its_components_would(
    client, dash_app, examples, monkeypatch, path
):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(examples))
    sent = content(render(client, path))
    assert any(c["type"] != "StaticHtml" for c in components(sent))
    pathname, _, query = path.partition("?")
    page, variables = _path_to_page(dash_app.strip_relative_path(pathname))
    if not page:
        page = next(p for m, p in _registry().items() if m.endswith("not_found_404"))
        variables = {}
    with dash_app.server.test_request_context(path, environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        dash_app.server.preprocess_request()  # who is asking: the pages show by role
        built = page["layout"].__wrapped__(**(variables or {}), **_parse_query_string(query))
    # A page may keep a part it wrote as HTML itself (the overview's score table): read back.
    drawn = expanded(_as_json(built))
    _assert_same(_normalized(sent), _normalized(drawn))


def test_the_score_table_the_overview_keeps_as_html_shows_what_its_components_would(
    dash_app, examples, monkeypatch
):
    from pages.data import page_data
    from pages.oversikt import overview, scorecard_table
    from pages.static_html import static_html

    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(examples))
    with dash_app.server.test_request_context("/", environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        data = page_data("2021")
        overview(data)  # keeps the score table's rows for this state of the store
        groups = data.memo(("scorecard", data.year, None), lambda: None)
        assert groups
        table = scorecard_table(groups, data)
        drawn = _as_json(table)
        sent = _as_json(static_html(scorecard_table(groups, data)))
    assert sent["type"] == "StaticHtml"
    _assert_same(_normalized(expanded(sent)), _normalized(drawn))


def _as_json(tree: Any) -> Any:
    return json.loads(json.dumps(tree, cls=PlotlyJSONEncoder))


def test_the_overview_is_a_few_dozen_components_not_a_thousand(client, examples, monkeypatch):
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(examples))
    assert len(list(components(content(render_sent(client, "/"))))) < 100


def _assert_same(sent: Any, drawn: Any, where: str = "") -> None:
    """Equal, or the first difference with the path to it (a page is too big to diff whole)."""
    if isinstance(sent, tuple) and isinstance(drawn, tuple) and sent[:3] == drawn[:3]:
        where = f"{where}/{sent[1]}"
        assert len(sent[3]) == len(drawn[3]), (where, sent[3], drawn[3])
        for index, (one, other) in enumerate(zip(sent[3], drawn[3], strict=True)):
            _assert_same(one, other, f"{where}[{index}]")
        return
    assert sent == drawn, where


def _registry() -> dict[str, Any]:
    import dash

    return dash.page_registry


def _normalized(tree: Any) -> Any:
    """The page as the DOM holds it: text nodes merged (an empty one shows nothing), attribute
    values as text."""
    if not isinstance(tree, dict):
        return _children(tree)
    props = tree["props"]
    attributes = {
        ATTRIBUTE_NAMES.get(name, name if "-" in name else name.lower()): _value(name, value)
        for name, value in props.items()
        if name not in RENDERER_PROPS and value is not None and value is not False
    }
    if tree["type"] == "Link":
        attributes.pop("refresh", None)
    return (tree["namespace"], tree["type"], attributes, _children(props.get("children")))


def _value(name: str, value: Any) -> Any:
    if name == "style":
        return _style_text(value)
    return value if value is True else str(value)


def _children(children: Any) -> list[Any]:
    items = children if isinstance(children, list) else [children]
    merged: list[Any] = []
    for item in items:
        if item is None or isinstance(item, bool) or item == "":
            continue
        if isinstance(item, dict):
            merged.append(_normalized(item))
        elif merged and isinstance(merged[-1], str):
            merged[-1] += str(item)
        else:
            merged.append(str(item))
    return merged
