"""The static parts of a page as HTML: the same elements React would build, and only where no
callback and no HTML parser rule could tell the difference."""

from __future__ import annotations

from dash import dcc, html

from pages.static_html import StaticHtml, callback_ids, compact, html_of

NO_CALLBACKS: frozenset[str] = frozenset()


def test_html_is_written_as_react_would_render_it():
    written = html_of(
        html.Td(
            [html.Span("<b>&", className="status ok", title='"ja"'), 3, None, True],
            colSpan=2,
            hidden=False,
            style={"width": "40%", "marginLeft": 4, "opacity": 0.5, "zIndex": 2},
            **{"aria-label": "Värde", "data-x": "1"},
        )
    )
    assert written == (
        '<td colspan="2" style="width: 40%; margin-left: 4px; opacity: 0.5; z-index: 2" '
        'aria-label="Värde" data-x="1">'
        '<span class="status ok" title="&quot;ja&quot;">&lt;b&gt;&amp;</span>3</td>'
    )


def test_void_elements_have_no_end_tag_and_booleans_stand_alone():
    assert html_of(html.Img(src="/a.png", alt="")) == '<img alt="" src="/a.png">'
    assert html_of(html.Details(html.Summary("Mer"), open=True)) == (
        "<details open><summary>Mer</summary></details>"
    )


def test_a_link_is_an_anchor_the_app_navigates_unless_it_reloads_or_opens_elsewhere():
    assert html_of(dcc.Link("Mål", href="/mal/x", className="a")) == (
        '<a href="/mal/x" class="a" data-dash-link="">Mål</a>'
    )
    assert html_of(dcc.Link("Mål", href="/mal/x", refresh=True)) == '<a href="/mal/x">Mål</a>'
    assert html_of(dcc.Link("Mål", href="/x", target="_blank")) == (
        '<a href="/x" target="_blank">Mål</a>'
    )


def test_a_static_subtree_becomes_one_element_with_its_descendants_as_html():
    table = html.Table(
        [html.Thead(html.Tr(html.Th("A"))), html.Tbody(html.Tr(html.Td(html.Span("1"))))],
        className="scorecard",
        id="tavla",
    )
    compacted = compact(html.Div([html.H1("Rubrik"), table], className="page"), NO_CALLBACKS)
    assert isinstance(compacted, StaticHtml)
    assert compacted.tag == "div"
    assert compacted.attributes == {"className": "page"}
    assert compacted.html == (
        '<h1>Rubrik</h1><table id="tavla" class="scorecard"><thead><tr><th>A</th></tr></thead>'
        "<tbody><tr><td><span>1</span></td></tr></tbody></table>"
    )


def test_what_a_callback_touches_stays_a_component_and_its_static_siblings_are_compacted():
    chooser = html.Button("Välj", id="val")
    static = html.Ul([html.Li("a"), html.Li("b")])
    page = compact(html.Div([static, chooser, html.P("text")]), frozenset({"val"}))
    assert isinstance(page, html.Div)
    assert isinstance(page.children[0], StaticHtml)
    assert page.children[1] is chooser
    # A lone element with only text gains nothing: it stays as it was.
    assert isinstance(page.children[2], html.P)


def test_pattern_matching_ids_and_other_libraries_stay_components():
    graph = dcc.Graph(id="diagram")
    matched = html.Span("x", id={"type": "rad", "index": 1})
    page = compact(html.Div([html.Div([graph]), html.Div([matched])]), NO_CALLBACKS)
    assert isinstance(page, html.Div)
    assert page.children[0].children[0] is graph
    assert page.children[1].children[0] is matched


def test_subtrees_the_html_parser_would_rebuild_differently_stay_components():
    block_in_paragraph = html.P([html.Div(html.Span("x"))])
    link_in_link = html.A(html.Span(html.A("x", href="/b")), href="/a")
    row_without_body = html.Table(html.Tr(html.Td(html.Span("x"))))
    text_in_row = html.Tr(["text", html.Td("x")])
    for subtree in (block_in_paragraph, link_in_link, row_without_body, text_in_row):
        assert not isinstance(compact(subtree, NO_CALLBACKS), StaticHtml), subtree
    # Their parts that parse alike are compacted on their own.
    assert isinstance(compact(block_in_paragraph, NO_CALLBACKS).children[0], StaticHtml)


def test_the_ids_callbacks_use_are_read_from_dashs_callback_map():
    callback_map = {
        "sida.children": {"inputs": [{"id": "knapp", "property": "n_clicks"}], "state": []},
        "..a.children...b.style@3f2a..": {
            "inputs": [{"id": {"type": "rad", "index": ["ALL"]}, "property": "value"}],
            "state": [{"id": "minne", "property": "data"}],
        },
        '{"index":["MATCH"],"type":"rad"}.children': {"inputs": [], "state": []},
    }
    assert callback_ids(callback_map) == {"sida", "knapp", "a", "b", "minne"}
