"""The page's first paint: its layout as HTML, shown until Dash has drawn the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
import pytest
from dash import dcc, html

from delivery import FIRST_PAINT
from pages.first_paint import PLOTLY_DEFAULT_HEIGHT, first_paint
from pages.static_html import StaticHtml, html_of


class Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(markup)
    return parser.found


def copy_in(page: str) -> str:
    found = re.search(
        rf'<div id="{FIRST_PAINT}" aria-busy="true">(.*?)</div><div id="react-entry-point">',
        page,
        re.S,
    )
    assert found, "the page has no first paint before Dash's root"
    return found.group(1)


def test_text_is_escaped_and_no_element_keeps_an_id_or_points_at_one():
    layout = html.Div(
        [
            html.H1("Bostadsinbrott <b>& annat</b>", id="rubrik"),
            html.Section(
                [html.Label("Datum", htmlFor="datum"), dcc.Input(id="datum", type="date")],
                **{"aria-labelledby": "rubrik"},
            ),
        ],
        id="sida",
    )
    painted = first_paint(layout, "/")
    assert "Bostadsinbrott &lt;b&gt;&amp; annat&lt;/b&gt;" in painted
    for _, attributes in elements(painted):
        assert not {"id", "for", "aria-labelledby"} & set(attributes)


def test_static_html_loses_its_ids_inside_tags_but_not_in_its_text():
    inner = html_of([html.P('Texten säger id="kvar"'), html.H2("Rubrik", id="bort")])
    node = StaticHtml(tag="section", attributes={"aria-labelledby": "bort"}, html=inner, id="s")
    painted = first_paint(node, "/")
    assert painted == '<section><p>Texten säger id="kvar"</p><h2>Rubrik</h2></section>'


def test_text_fields_are_read_only_in_the_copy_so_nothing_typed_is_lost():
    painted = first_paint(
        [
            dcc.Input(type="date", name="sedan", className="me-2", style={"maxWidth": "24rem"}),
            dcc.Input(type="hidden", name="ar", value="2022"),
            dcc.Textarea(value="\nRad ett", rows=6, className="form-control"),
        ],
        "/",
    )
    assert painted == (
        '<div class="dash-input-container dash-input me-2" style="max-width: 24rem">'
        '<input type="date" name="sedan" class="dash-input-element" value="" readonly></div>'
        '<div class="dash-input-container dash-input dash-input-hidden"><input type="hidden" '
        'name="ar" class="dash-input-element" value="2022" readonly></div>'
        '<textarea rows="6" class="dash-textarea form-control" readonly>\n\nRad ett</textarea>'
    )


@pytest.mark.parametrize(
    ("active", "path", "shown_active"),
    [
        ("exact", "/om", True),
        ("exact", "/om/mer", False),
        ("partial", "/om/mer", True),
        ("partial", "/data", False),
        (True, "/data", True),
        (False, "/om", False),
    ],
)
def test_a_navigation_link_is_current_as_dash_bootstrap_would_show_it(active, path, shown_active):
    painted = first_paint(dbc.NavLink("Om", href="/om", active=active), path)
    classes = "nav-link active" if shown_active else "nav-link"
    assert painted == f'<a href="/om" class="{classes}">Om</a>'


def test_bootstrap_components_carry_bootstrap_s_classes():
    painted = first_paint(
        [
            dbc.Collapse(html.Ul([]), id="meny", is_open=False, navbar=True),
            dbc.Button("Läs in", id="knapp", color="primary", className="mt-2"),
            dbc.Table([html.Tbody([])], bordered=True, size="sm", responsive=True),
        ],
        "/",
    )
    assert painted == (
        '<div class="navbar-collapse collapse"><ul></ul></div>'
        '<button class="mt-2 btn btn-primary" type="button">Läs in</button>'
        '<div class="table-responsive"><table class="table table-sm table-bordered">'
        "<tbody></tbody></table></div>"
    )


def test_a_chart_is_an_empty_box_of_its_height_and_invisible_parts_are_left_out():
    figure = go.Figure(layout={"height": 340})
    painted = first_paint(
        [
            dcc.Graph(figure=figure, id="diagram", className="target-chart"),
            dcc.Graph(figure={"data": []}),
            dcc.Store(id="minne", data={"hemligt": "nej"}),
            dcc.Location(id="adress"),
        ],
        "/",
    )
    assert painted == (
        '<div class="dash-graph target-chart"><div style="height: 340px"></div></div>'
        f'<div class="dash-graph"><div style="height: {PLOTLY_DEFAULT_HEIGHT}px"></div></div>'
    )


def test_a_component_it_does_not_know_is_written_as_its_children():
    painted = first_paint(dcc.ConfirmDialogProvider(html.Button("Ta bort"), message="Säker?"), "/")
    assert painted == "<button>Ta bort</button>"


@pytest.mark.parametrize("path", ["/", "/mal/bostadsinbrott", "/om", "/data", "/finns-inte"])
def test_a_served_page_shows_its_content_before_dash_and_without_ids(client, path):
    page = client.get(path).get_data(as_text=True)
    copy = copy_in(page)
    tags = [tag for tag, _ in elements(copy)]
    assert tags.count("main") == 1 and tags.count("h1") == 1
    assert all("id" not in attributes for _, attributes in elements(copy))
    # The same headings as the layout Dash draws (the written answer).
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", copy, re.S)
